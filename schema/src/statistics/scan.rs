//! Counting from the FIRs themselves, for the parts of a window the tally cannot answer
//! (see `window`): one GROUP BY over the FIRs registered in a range (joined to their
//! case, and to their charges and statutes when grouped by section or crime head), by
//! station and by the dimensions asked.

use chrono::{DateTime, Duration, Utc};
use entities::crime_tally::registration_month;
use entities::{charge, fir, police_case, statute};
use sea_orm::DbBackend;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query, SelectStatement, SimpleExpr};

use super::window::{PENDENCY_DAYS, Scan};
use super::{CHARGESHEETED, CLOSED, PENDING, StatisticsDimension, group_key};
use crate::org::units_under;

/// The GROUP BY statement for `scan`: per station, and per the dimensions asked.
pub(super) fn grouped(
    backend: DbBackend,
    group_by: &[StatisticsDimension],
    scope: &str,
    scan: &Scan,
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
    if let Some(from) = scan.from {
        select.and_where(Expr::col((fir::Entity, fir::Column::RegisteredAt)).gte(from));
    }
    if let Some(to) = scan.to {
        select.and_where(Expr::col((fir::Entity, fir::Column::RegisteredAt)).lt(to));
    }
    if group_by.contains(&D::Month) {
        group_key(&mut select, registration_month(backend), "month");
    }
    let status = || Expr::col((police_case::Entity, police_case::Column::Status));
    if group_by.contains(&D::Status) {
        group_key(&mut select, status(), "status");
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
        group_key(
            &mut select,
            Expr::col((charge::Entity, charge::Column::Act)),
            "act",
        );
        group_key(
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
        group_key(
            &mut select,
            Expr::col((statute::Entity, statute::Column::CrimeHead)),
            "crime_head",
        );
    }
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
        .expr_as(
            count_if(status().is_in(CHARGESHEETED)),
            Alias::new("chargesheeted"),
        )
        .expr_as(count_if(status().is_in(CLOSED)), Alias::new("closed"));
    for days in PENDENCY_DAYS {
        let pending = status().is_in(PENDING).and(
            Expr::col((fir::Entity, fir::Column::RegisteredAt)).lt(now - Duration::days(days)),
        );
        select.expr_as(count_if(pending), Alias::new(format!("pending_{days}")));
    }
    select
}
