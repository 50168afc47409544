//! `crimeStatistics`: counts of FIRs, chargesheeting and pendency for supervisors and
//! analysts, grouped as asked, inside the caller's own subtree only.
//!
//! The database does the counting: one GROUP BY over the FIRs (joined to their case, and
//! to their charges and statutes when grouped by section or crime head), always by
//! station, and by the month, status, section or crime head asked. Rolling those
//! per-station rows up to districts or states is a sum over at most one row per station
//! and key, done here from the stations' materialised paths. No row carries personal data.

mod rows;

use std::collections::BTreeMap;

use async_graphql::{Context, Enum, InputObject, Object};
use chrono::{DateTime, Duration, Utc};
use entities::enums::CaseStatus as StoredStatus;
use entities::{charge, fir, police_case, statute};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query, SelectStatement, SimpleExpr};
use sea_orm::{ConnectionTrait, DbBackend};

use rows::{Counts, Key};
pub use rows::{CrimeStatisticsRow, StatisticsKey};

use crate::audit;
use crate::context::RequestContext;
use crate::error::{ApiError, ApiResult};
use crate::org::{UnitById, unit_by_code, units_under};
use crate::policy::Role;

/// Groups returned at most; finer groupings must narrow the filter.
const MAX_GROUPS: usize = 10_000;

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
    /// come in the order of their keys; at most 10,000 groups.
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
    let Some(identity) = rc.principal.identity.as_ref() else {
        return Err(ApiError::forbidden("crime statistics need a token"));
    };
    if !matches!(identity.role, Role::Supervisor | Role::Analyst) {
        return Err(ApiError::forbidden(
            "crime statistics are for supervisors and analysts",
        ));
    }
    group_by.sort_unstable();
    group_by.dedup();
    let scope = match &filter.unit_code {
        Some(code) => {
            let unit = unit_by_code(ctx, code).await?;
            if !unit.path.starts_with(&identity.unit.path) {
                return Err(ApiError::forbidden(
                    "statistics are limited to your own unit's subtree",
                ));
            }
            unit.path
        }
        None => identity.unit.path.clone(),
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
    let select = grouped(
        rc.db.get_database_backend(),
        &group_by,
        &filter,
        &scope,
        now,
    );
    let rows = rc.db.query_all(&select).await?;
    // The stations' units, each loaded once however many rows name it.
    let stations = rc
        .loaders
        .load_many(
            rows.iter()
                .map(|row| row.try_get::<i64>("", "station_id").map(UnitById))
                .collect::<Result<Vec<_>, _>>()?,
        )
        .await?;
    let mut groups: BTreeMap<Key, Counts> = BTreeMap::new();
    for row in &rows {
        let station = UnitById(row.try_get("", "station_id")?);
        let path = stations.get(&station).map_or("", |unit| unit.path.as_str());
        let key = Key::of(&group_by, path, row)?;
        groups.entry(key).or_default().add(&Counts::of(row)?);
        if groups.len() > MAX_GROUPS {
            return Err(ApiError::invalid(
                "groupBy",
                format!("more than {MAX_GROUPS} groups: narrow the filter or group more coarsely"),
            ));
        }
    }
    audit::searched(
        ctx,
        "Statistics",
        &format!("STATISTICS groupBy={group_by:?} scope={scope} filter={filter:?}"),
        &[],
    );
    Ok(groups
        .into_iter()
        .map(|(key, counts)| CrimeStatisticsRow::new(key, counts))
        .collect())
}

/// The GROUP BY statement: per station, and per the database-side dimensions asked.
fn grouped(
    backend: DbBackend,
    group_by: &[StatisticsDimension],
    filter: &StatisticsFilter,
    scope: &str,
    now: DateTime<Utc>,
) -> SelectStatement {
    use StatisticsDimension as D;
    let fir_id = || Expr::col((fir::Entity, fir::Column::Id));
    let mut select = Query::select();
    select
        .from(fir::Entity)
        .inner_join(
            police_case::Entity,
            Expr::col((police_case::Entity, police_case::Column::FirId))
                .equals((fir::Entity, fir::Column::Id)),
        )
        .expr_as(
            Expr::col((fir::Entity, fir::Column::StationId)),
            Alias::new("station_id"),
        )
        // Not the index on transferred_to_fir_id: nearly every FIR has none.
        .and_where(Expr::cust("COALESCE(fir.transferred_to_fir_id, 0) = 0"))
        .and_where(Expr::col((fir::Entity, fir::Column::StationId)).in_subquery(units_under(scope)))
        .add_group_by([Expr::col((fir::Entity, fir::Column::StationId))]);
    if let Some(from) = filter.registered_from {
        select.and_where(Expr::col((fir::Entity, fir::Column::RegisteredAt)).gte(from));
    }
    if let Some(to) = filter.registered_to {
        select.and_where(Expr::col((fir::Entity, fir::Column::RegisteredAt)).lt(to));
    }
    let key = |select: &mut SelectStatement, expr: SimpleExpr, name: &str| {
        select.expr_as(expr.clone(), Alias::new(name));
        select.add_group_by([expr]);
    };
    if group_by.contains(&D::Month) {
        let month = match backend {
            DbBackend::Postgres => {
                "to_char(fir.registered_at AT TIME ZONE 'Asia/Kolkata', 'YYYY-MM')"
            }
            _ => "strftime('%Y-%m', fir.registered_at, '+330 minutes')",
        };
        key(&mut select, Expr::cust(month), "month");
    }
    if group_by.contains(&D::Status) {
        key(
            &mut select,
            Expr::col((police_case::Entity, police_case::Column::Status)),
            "status",
        );
    }
    let by_charge = group_by.contains(&D::ActSection) || group_by.contains(&D::CrimeHead);
    if by_charge {
        select.inner_join(
            charge::Entity,
            Expr::col((charge::Entity, charge::Column::FirId))
                .equals((fir::Entity, fir::Column::Id))
                .and(Expr::col((charge::Entity, charge::Column::RemovedAt)).is_null()),
        );
    }
    if group_by.contains(&D::ActSection) {
        key(
            &mut select,
            Expr::col((charge::Entity, charge::Column::Act)),
            "act",
        );
        key(
            &mut select,
            Expr::col((charge::Entity, charge::Column::Section)),
            "section",
        );
    }
    if group_by.contains(&D::CrimeHead) {
        select.left_join(
            statute::Entity,
            Expr::col((statute::Entity, statute::Column::Id))
                .equals((charge::Entity, charge::Column::StatuteId)),
        );
        // NULL (a section outside the catalogue) is reported as OTHER.
        key(
            &mut select,
            Expr::col((statute::Entity, statute::Column::CrimeHead)),
            "crime_head",
        );
    }
    // The case's status says what the police reported: the lifecycle moves a case to
    // CHARGESHEETED (then TRIAL, DISPOSED) only with a chargesheet, and to FINAL_REPORT
    // only with a closure report.
    let status = || Expr::col((police_case::Entity, police_case::Column::Status));
    let chargesheeted = status().is_in([
        StoredStatus::Chargesheeted,
        StoredStatus::Trial,
        StoredStatus::Disposed,
    ]);
    let closed = status().eq(StoredStatus::FinalReport);
    let pending_since = |days: i64| {
        status()
            .is_in([StoredStatus::Registered, StoredStatus::UnderInvestigation])
            .and(Expr::col((fir::Entity, fir::Column::RegisteredAt)).lt(now - Duration::days(days)))
    };
    // A FIR is one row unless its charges are joined (then one per charge, and counted
    // once per group).
    let count_if = |condition: SimpleExpr| -> SimpleExpr {
        if by_charge {
            Func::count_distinct(Expr::case(condition, fir_id())).into()
        } else {
            Func::sum(Expr::case(condition, 1).finally(0)).into()
        }
    };
    let firs: SimpleExpr = if by_charge {
        Func::count_distinct(fir_id()).into()
    } else {
        Func::count(Expr::val(1)).into()
    };
    select
        .expr_as(firs, Alias::new("firs"))
        .expr_as(count_if(chargesheeted), Alias::new("chargesheeted"))
        .expr_as(count_if(closed), Alias::new("closed"))
        .expr_as(count_if(pending_since(60)), Alias::new("pending_60"))
        .expr_as(count_if(pending_since(90)), Alias::new("pending_90"))
        .to_owned()
}
