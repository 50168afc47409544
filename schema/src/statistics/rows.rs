//! One row of crime statistics: its key (the values of the dimensions grouped by) and its
//! counts, summed from the per-station rows the database returns.

use async_graphql::{Context, Object, SimpleObject};
use entities::enums::{Act as StoredAct, CaseStatus as StoredStatus};
use sea_orm::{ActiveEnum, DbErr, QueryResult};

use super::StatisticsDimension;
use super::suppress::{StatisticsMeasure, Withheld};
use super::window::Keep;
use crate::context::RequestContext;
use crate::enums::{Act, CaseStatus};
use crate::error::ApiResult;
use crate::org::{OrgUnit, UnitByCode};
use entities::crime_tally::OTHER_HEAD;

/// The values of the grouped dimensions; `None` for dimensions not grouped by.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Key {
    state: Option<String>,
    district: Option<String>,
    station: Option<String>,
    month: Option<String>,
    act: Option<String>,
    section: Option<String>,
    status: Option<String>,
    crime_head: Option<String>,
    /// The unit directly above the finest unit grouped by (`None` when grouped by no
    /// unit): its total, which anyone may ask for, adds up the row's line of units.
    /// Determined by the unit, so it never splits a group.
    parent: Option<String>,
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
        let finest = finest_unit(group_by).map(|dimension| match dimension {
            D::State => 1,
            D::District => 2,
            _ => segments.len().saturating_sub(1),
        });
        Ok(Self {
            parent: finest
                .and_then(|depth| depth.checked_sub(1))
                .and_then(|depth| segments.get(depth).map(|s| (*s).to_owned())),
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

    /// The line of this key along `dimension`: the keys equal to it in every other
    /// dimension, whose cells a total over `dimension` adds up. Along the finest unit
    /// grouped by, the line is the units under the same parent; coarser units have no
    /// line of their own (the finest one fixes them), nor have dimensions not grouped by.
    pub(super) fn line(
        &self,
        dimension: StatisticsDimension,
        group_by: &[StatisticsDimension],
    ) -> Option<Key> {
        use StatisticsDimension as D;
        if !group_by.contains(&dimension) {
            return None;
        }
        let mut line = self.clone();
        match dimension {
            D::State | D::District | D::Station => {
                if finest_unit(group_by) != Some(dimension) {
                    return None;
                }
                (line.state, line.district, line.station) = (None, None, None);
            }
            D::Month => line.month = None,
            D::ActSection => (line.act, line.section) = (None, None),
            D::Status => line.status = None,
            D::CrimeHead => line.crime_head = None,
        }
        Some(line)
    }
}

#[cfg(test)]
impl Key {
    /// The key of a row grouped by month only.
    pub(super) fn of_month(month: &str) -> Self {
        Self {
            month: Some(month.to_owned()),
            ..Self::default()
        }
    }
}

/// The finest organisational dimension of `group_by` (station below district below
/// state), if it has one.
fn finest_unit(group_by: &[StatisticsDimension]) -> Option<StatisticsDimension> {
    use StatisticsDimension as D;
    [D::Station, D::District, D::State]
        .into_iter()
        .find(|dimension| group_by.contains(dimension))
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

    /// Counts of `firs` FIRs, `chargesheeted` of them chargesheeted (tests).
    #[cfg(test)]
    pub(super) fn of_firs(firs: i64, chargesheeted: i64) -> Self {
        Self {
            firs,
            chargesheeted,
            ..Self::default()
        }
    }

    /// The count of `measure`.
    pub(crate) fn get(&self, measure: StatisticsMeasure) -> i64 {
        match measure {
            StatisticsMeasure::Firs => self.firs,
            StatisticsMeasure::Chargesheeted => self.chargesheeted,
            StatisticsMeasure::Closed => self.closed,
            StatisticsMeasure::PendingOver60Days => self.pending_60,
            StatisticsMeasure::PendingOver90Days => self.pending_90,
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

/// One count of a row as a table prints it.
#[derive(SimpleObject, Debug, Clone)]
pub struct StatisticsCell {
    /// Which count.
    pub measure: StatisticsMeasure,
    /// The count; null when suppressed.
    pub value: Option<i64>,
    /// The count as printed: the number, or `suppressed`.
    pub display: String,
    /// Whether the count is withheld: under the threshold, or one it could be recovered
    /// from by subtraction. Both kinds read alike.
    pub suppressed: bool,
}

/// How a suppressed count is printed.
pub const SUPPRESSED: &str = "suppressed";

/// One group of crime statistics. Fields of dimensions not grouped by are null.
pub struct CrimeStatisticsRow {
    key: Key,
    counts: Counts,
    withheld: Withheld,
}

impl CrimeStatisticsRow {
    pub(crate) fn new(key: Key, counts: Counts, withheld: Withheld) -> Self {
        Self {
            key,
            counts,
            withheld,
        }
    }

    /// The count of `measure`, unless suppressed.
    fn shown(&self, measure: StatisticsMeasure) -> Option<i64> {
        (!self.withheld.has(measure)).then(|| self.counts.get(measure))
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
    /// FIRs registered (null when suppressed).
    async fn firs(&self) -> Option<i64> {
        self.shown(StatisticsMeasure::Firs)
    }
    /// FIRs whose case has a chargesheet (null when suppressed).
    async fn chargesheeted(&self) -> Option<i64> {
        self.shown(StatisticsMeasure::Chargesheeted)
    }
    /// FIRs whose case was closed by a final report other than a chargesheet (null when
    /// suppressed).
    async fn closed(&self) -> Option<i64> {
        self.shown(StatisticsMeasure::Closed)
    }
    /// Chargesheeting rate: chargesheeted ÷ (chargesheeted + closed), the share of cases
    /// disposed of by the police that went to court (null when none was disposed of, or
    /// when either count is suppressed: the rate would give it back).
    async fn chargesheet_rate(&self) -> Option<f64> {
        let chargesheeted = self.shown(StatisticsMeasure::Chargesheeted)?;
        let disposed = chargesheeted + self.shown(StatisticsMeasure::Closed)?;
        (disposed > 0)
            .then(|| (chargesheeted as f64 / disposed as f64 * 10_000.0).round() / 10_000.0)
    }
    /// Cases registered or under investigation, registered more than 60 days ago (null
    /// when suppressed).
    async fn pending_over_60_days(&self) -> Option<i64> {
        self.shown(StatisticsMeasure::PendingOver60Days)
    }
    /// Cases registered or under investigation, registered more than 90 days ago (null
    /// when suppressed).
    async fn pending_over_90_days(&self) -> Option<i64> {
        self.shown(StatisticsMeasure::PendingOver90Days)
    }
    /// Whether any count of this row is suppressed (small-number suppression: see
    /// `cells`).
    async fn suppressed(&self) -> bool {
        self.withheld.any()
    }
    /// Every count of the row as a table prints it. A count from 1 to one under the
    /// threshold (`CCTNS_STATISTICS_MIN_CELL`, default 5) is suppressed, and so are the
    /// counts it could be recovered from by subtracting the others from a total.
    async fn cells(&self) -> Vec<StatisticsCell> {
        StatisticsMeasure::ALL
            .into_iter()
            .map(|measure| {
                let value = self.shown(measure);
                StatisticsCell {
                    measure,
                    value,
                    display: value.map_or_else(|| SUPPRESSED.to_owned(), |v| v.to_string()),
                    suppressed: value.is_none(),
                }
            })
            .collect()
    }
}
