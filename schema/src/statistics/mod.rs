//! `crimeStatistics`: counts of FIRs, chargesheeting and pendency for supervisors and
//! analysts, grouped as asked, inside the caller's own subtree only.
//!
//! The database does the counting, by station and by the month, status, section or crime
//! head asked. Whole months come from the tally every write keeps (`tally`); the ragged
//! ends of a date window, and the month in which pendency's "more than 60 (90) days ago"
//! begins, are counted from the FIRs (`scan`); `window` decides which is which. Rolling
//! the per-station rows up to districts or states is a sum over at most one row per
//! station and key, done here from the stations' materialised paths. No row carries
//! personal data, and no count small enough to single someone out (`suppress`).

mod rows;
mod scan;
mod suppress;
pub(crate) mod tally;
mod window;

use std::collections::BTreeMap;

use async_graphql::{Context, Enum, InputObject, Object};
use chrono::{DateTime, Utc};
use entities::enums::CaseStatus as StoredStatus;
use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Alias, SelectStatement, SimpleExpr};

use rows::{Counts, Key};
pub use rows::{CrimeStatisticsRow, SUPPRESSED, StatisticsCell, StatisticsKey};
pub use suppress::{DEFAULT_MIN_CELL, MinCell, StatisticsMeasure};
/// Counts every FIR afresh into the write-time tally, after a bulk load that bypassed the
/// writes (the generator's).
pub use tally::rebuild as rebuild_tally;
use window::Keep;

use crate::audit;
use crate::context::RequestContext;
use crate::error::{ApiError, ApiResult};
use crate::org::{UnitById, unit_by_code};
use crate::policy::{ListScope, Register};

/// Groups returned at most; finer groupings must narrow the filter.
const MAX_GROUPS: usize = 10_000;

// The case's status says what the police reported: the lifecycle moves a case to
// CHARGESHEETED (then TRIAL, DISPOSED) only with a chargesheet, and to FINAL_REPORT only
// with a closure report.
/// Statuses of cases the police sent to court.
const CHARGESHEETED: [StoredStatus; 3] = [
    StoredStatus::Chargesheeted,
    StoredStatus::Trial,
    StoredStatus::Disposed,
];
/// Statuses of cases closed by a final report other than a chargesheet.
const CLOSED: [StoredStatus; 1] = [StoredStatus::FinalReport];
/// Statuses of cases still with the police.
const PENDING: [StoredStatus; 2] = [StoredStatus::Registered, StoredStatus::UnderInvestigation];

/// Selects `expr` as `name` and groups by it.
fn group_key(select: &mut SelectStatement, expr: SimpleExpr, name: &str) {
    select.expr_as(expr.clone(), Alias::new(name));
    select.add_group_by([expr]);
}

/// A dimension to group crime statistics by.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatisticsDimension {
    /// The state of the registering station.
    State,
    /// The district (or commissionerate) of the registering station.
    District,
    /// The registering station.
    Station,
    /// The month of registration (`2026-11`, Indian Standard Time).
    Month,
    /// Act and section of each live charge (an FIR counts once under each of its sections).
    ActSection,
    /// The case's status.
    Status,
    /// The NCRB crime head of each live charge (`THEFT`, `RAPE`, …; `OTHER` for sections
    /// outside the catalogue).
    CrimeHead,
}

/// Narrows crime statistics.
#[derive(InputObject, Debug, Default)]
pub struct StatisticsFilter {
    /// Only FIRs of stations inside this unit (itself inside the caller's).
    pub unit_code: Option<String>,
    /// Only FIRs registered at or after this instant.
    pub registered_from: Option<DateTime<Utc>>,
    /// Only FIRs registered before this instant.
    pub registered_to: Option<DateTime<Utc>>,
}

/// Crime statistics.
#[derive(Default)]
pub struct StatisticsQuery;

#[Object]
impl StatisticsQuery {
    /// FIRs registered, chargesheeted and closed, the chargesheeting rate, and cases under
    /// investigation beyond 60 and 90 days, grouped by the dimensions asked (none: one row
    /// for everything), for SUPERVISOR and ANALYST callers over their own unit's subtree.
    /// FIRs transferred away are counted at the station they were transferred to. Rows
    /// come in the order of their keys; at most 10,000 groups. Counts small enough to
    /// single someone out are suppressed, with those they could be recovered from (see
    /// `CrimeStatisticsRow.cells`).
    async fn crime_statistics(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Dimensions to group by, coarsest first.")] group_by: Vec<
            StatisticsDimension,
        >,
        #[graphql(desc = "Narrow what is counted.")] filter: Option<StatisticsFilter>,
    ) -> ApiResult<Vec<CrimeStatisticsRow>> {
        statistics(ctx, group_by, filter.unwrap_or_default()).await
    }
}

async fn statistics(
    ctx: &Context<'_>,
    mut group_by: Vec<StatisticsDimension>,
    filter: StatisticsFilter,
) -> ApiResult<Vec<CrimeStatisticsRow>> {
    let rc = RequestContext::of(ctx);
    let ListScope::UnitsUnder(reach) = ListScope::of(&rc.principal, Register::CrimeStatistics)?
    else {
        return Err(ApiError::forbidden(
            "crime statistics are for supervisors and analysts",
        ));
    };
    group_by.sort_unstable();
    group_by.dedup();
    let scope = match &filter.unit_code {
        Some(code) => {
            let unit = unit_by_code(ctx, code).await?;
            if !unit.path.starts_with(&reach) {
                return Err(ApiError::forbidden(
                    "statistics are limited to your own unit's subtree",
                ));
            }
            unit.path
        }
        None => reach,
    };
    if let (Some(from), Some(to)) = (filter.registered_from, filter.registered_to)
        && from >= to
    {
        return Err(ApiError::invalid(
            "filter.registeredFrom",
            "registeredFrom is not before registeredTo",
        ));
    }
    let now = Utc::now();
    let (months, scans) = window::plan(filter.registered_from, filter.registered_to, now);
    let mut parts = Vec::new();
    if let Some(months) = months {
        let select = tally::grouped(&group_by, &scope, months, now);
        parts.push((rc.db.query_all(&select).await?, Keep::Everything));
    }
    let backend = rc.db.get_database_backend();
    for scan in scans {
        let select = scan::grouped(backend, &group_by, &scope, &scan, now);
        parts.push((rc.db.query_all(&select).await?, scan.keep));
    }
    // The stations' units, each loaded once however many rows name it.
    let stations = rc
        .loaders
        .load_many(
            parts
                .iter()
                .flat_map(|(rows, _)| rows)
                .map(|row| row.try_get::<i64>("", "station_id").map(UnitById))
                .collect::<Result<Vec<_>, _>>()?,
        )
        .await?;
    let mut groups: BTreeMap<Key, Counts> = BTreeMap::new();
    for (rows, keep) in &parts {
        for row in rows {
            let station = UnitById(row.try_get("", "station_id")?);
            let path = stations.get(&station).map_or("", |unit| unit.path.as_str());
            let key = Key::of(&group_by, path, row)?;
            groups
                .entry(key)
                .or_default()
                .add(&Counts::of(row)?.kept(*keep));
            if groups.len() > MAX_GROUPS {
                return Err(ApiError::invalid(
                    "groupBy",
                    format!(
                        "more than {MAX_GROUPS} groups: narrow the filter or group more coarsely"
                    ),
                ));
            }
        }
    }
    audit::searched(
        ctx,
        "Statistics",
        &format!("STATISTICS groupBy={group_by:?} scope={scope} filter={filter:?}"),
        &[],
    );
    let rows: Vec<(Key, Counts)> = groups.into_iter().collect();
    let min = ctx.data_opt::<MinCell>().copied().unwrap_or_default();
    let withheld = suppress::withheld(&rows, &group_by, min);
    Ok(rows
        .into_iter()
        .zip(withheld)
        .map(|((key, counts), withheld)| CrimeStatisticsRow::new(key, counts, withheld))
        .collect())
}
