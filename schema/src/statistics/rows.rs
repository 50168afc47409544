//! One row of crime statistics: its key (the values of the dimensions grouped by) and its
//! counts, summed from the per-station rows the database returns.

use async_graphql::{Context, Object, SimpleObject};
use entities::enums::{Act as StoredAct, CaseStatus as StoredStatus};
use sea_orm::{ActiveEnum, DbErr, QueryResult};

use super::StatisticsDimension;
use super::window::Keep;
use crate::context::RequestContext;
use crate::enums::{Act, CaseStatus};
use crate::error::ApiResult;
use crate::org::{OrgUnit, UnitByCode};
use entities::crime_tally::OTHER_HEAD;

/// The values of the grouped dimensions; `None` for dimensions not grouped by.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Key {
    state: Option<String>,
    district: Option<String>,
    station: Option<String>,
    month: Option<String>,
    act: Option<String>,
    section: Option<String>,
    status: Option<String>,
    crime_head: Option<String>,
}

impl Key {
    /// The key of a database row of the station at `path` (`/IN/MH/MH-PUN/…/STATION/`).
    pub(crate) fn of(
        group_by: &[StatisticsDimension],
        path: &str,
        row: &QueryResult,
    ) -> Result<Self, DbErr> {
        use StatisticsDimension as D;
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let level = |dimension, depth: usize| {
            group_by
                .contains(&dimension)
                .then(|| segments.get(depth).map(|s| (*s).to_owned()))
                .flatten()
        };
        let column = |dimension, name: &str| -> Result<Option<String>, DbErr> {
            if group_by.contains(&dimension) {
                row.try_get::<Option<String>>("", name)
            } else {
                Ok(None)
            }
        };
        Ok(Self {
            state: level(D::State, 1),
            district: level(D::District, 2),
            station: level(D::Station, segments.len().saturating_sub(1)),
            month: column(D::Month, "month")?,
            act: column(D::ActSection, "act")?,
            section: column(D::ActSection, "section")?,
            status: column(D::Status, "status")?,
            crime_head: column(D::CrimeHead, "crime_head")?.or_else(|| {
                group_by
                    .contains(&D::CrimeHead)
                    .then(|| OTHER_HEAD.to_owned())
            }),
        })
    }
}

/// The counts of one group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    firs: i64,
    chargesheeted: i64,
    closed: i64,
    pending_60: i64,
    pending_90: i64,
}

impl Counts {
    /// The counts of a database row.
    pub(crate) fn of(row: &QueryResult) -> Result<Self, DbErr> {
        Ok(Self {
            firs: row.try_get("", "firs")?,
            chargesheeted: row.try_get("", "chargesheeted")?,
            closed: row.try_get("", "closed")?,
            pending_60: row.try_get("", "pending_60")?,
            pending_90: row.try_get("", "pending_90")?,
        })
    }

    /// The counts `keep` asks for; the others zero.
    pub(super) fn kept(self, keep: Keep) -> Self {
        match keep {
            Keep::Everything => self,
            Keep::PendingOver(60) => Self {
                pending_60: self.pending_60,
                ..Self::default()
            },
            Keep::PendingOver(_) => Self {
                pending_90: self.pending_90,
                ..Self::default()
            },
        }
    }

    /// Adds another station's counts (stations never share an FIR).
    pub(crate) fn add(&mut self, other: &Counts) {
        self.firs += other.firs;
        self.chargesheeted += other.chargesheeted;
        self.closed += other.closed;
        self.pending_60 += other.pending_60;
        self.pending_90 += other.pending_90;
    }
}

/// The value of one grouped dimension, for clients that read rows generically.
#[derive(SimpleObject, Debug, Clone)]
pub struct StatisticsKey {
    /// The dimension.
    pub dimension: StatisticsDimension,
    /// Its value: a unit code, `2026-11`, `BNS 303(2)`, `UNDER_INVESTIGATION`, `THEFT`.
    pub value: String,
}

/// One group of crime statistics. Fields of dimensions not grouped by are null.
pub struct CrimeStatisticsRow {
    key: Key,
    counts: Counts,
}

impl CrimeStatisticsRow {
    pub(crate) fn new(key: Key, counts: Counts) -> Self {
        Self { key, counts }
    }

    async fn unit(ctx: &Context<'_>, code: &Option<String>) -> ApiResult<Option<OrgUnit>> {
        let Some(code) = code else { return Ok(None) };
        let unit = RequestContext::of(ctx)
            .loaders
            .load_one(UnitByCode(code.clone()))
            .await?;
        Ok(unit.map(OrgUnit))
    }
}

/// Counts of FIRs of one group: registered, chargesheeted, closed, pending.
#[Object]
impl CrimeStatisticsRow {
    /// The values of the dimensions grouped by, in the order of `StatisticsDimension`.
    async fn keys(&self) -> Vec<StatisticsKey> {
        use StatisticsDimension as D;
        let k = &self.key;
        let section = k
            .act
            .as_ref()
            .zip(k.section.as_ref())
            .map(|(act, section)| format!("{act} {section}"));
        [
            (D::State, k.state.clone()),
            (D::District, k.district.clone()),
            (D::Station, k.station.clone()),
            (D::Month, k.month.clone()),
            (D::ActSection, section),
            (D::Status, k.status.clone()),
            (D::CrimeHead, k.crime_head.clone()),
        ]
        .into_iter()
        .filter_map(|(dimension, value)| value.map(|value| StatisticsKey { dimension, value }))
        .collect()
    }
    /// The state (when grouped by STATE).
    async fn state(&self, ctx: &Context<'_>) -> ApiResult<Option<OrgUnit>> {
        Self::unit(ctx, &self.key.state).await
    }
    /// The district (when grouped by DISTRICT).
    async fn district(&self, ctx: &Context<'_>) -> ApiResult<Option<OrgUnit>> {
        Self::unit(ctx, &self.key.district).await
    }
    /// The station (when grouped by STATION).
    async fn station(&self, ctx: &Context<'_>) -> ApiResult<Option<OrgUnit>> {
        Self::unit(ctx, &self.key.station).await
    }
    /// The month of registration, `YYYY-MM` in Indian Standard Time (when grouped by MONTH).
    async fn month(&self) -> Option<&str> {
        self.key.month.as_deref()
    }
    /// The act of the charge (when grouped by ACT_SECTION).
    async fn act(&self) -> Option<Act> {
        let act = self.key.act.as_ref()?;
        StoredAct::try_from_value(act).ok().map(Act::from)
    }
    /// The section of the charge (when grouped by ACT_SECTION).
    async fn section(&self) -> Option<&str> {
        self.key.section.as_deref()
    }
    /// The case status (when grouped by STATUS).
    async fn status(&self) -> Option<CaseStatus> {
        let status = self.key.status.as_ref()?;
        StoredStatus::try_from_value(status)
            .ok()
            .map(CaseStatus::from)
    }
    /// The crime head (when grouped by CRIME_HEAD).
    async fn crime_head(&self) -> Option<&str> {
        self.key.crime_head.as_deref()
    }
    /// FIRs registered.
    async fn firs(&self) -> i64 {
        self.counts.firs
    }
    /// FIRs whose case has a chargesheet.
    async fn chargesheeted(&self) -> i64 {
        self.counts.chargesheeted
    }
    /// FIRs whose case was closed by a final report other than a chargesheet.
    async fn closed(&self) -> i64 {
        self.counts.closed
    }
    /// Chargesheeting rate: chargesheeted ÷ (chargesheeted + closed), the share of cases
    /// disposed of by the police that went to court (null when none was disposed of).
    async fn chargesheet_rate(&self) -> Option<f64> {
        let disposed = self.counts.chargesheeted + self.counts.closed;
        (disposed > 0).then(|| {
            (self.counts.chargesheeted as f64 / disposed as f64 * 10_000.0).round() / 10_000.0
        })
    }
    /// Cases registered or under investigation, registered more than 60 days ago.
    async fn pending_over_60_days(&self) -> i64 {
        self.counts.pending_60
    }
    /// Cases registered or under investigation, registered more than 90 days ago.
    async fn pending_over_90_days(&self) -> i64 {
        self.counts.pending_90
    }
}
