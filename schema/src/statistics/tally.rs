//! The write-time tally of FIRs (`entities::crime_tally`): keeping it as FIRs change, and
//! counting from it. Writes take an FIR's contribution away before they change its
//! station, status or charges ([`withdraw`]) and add it back after ([`deposit`]), in
//! their own transaction, so the tally never disagrees with the FIRs it counts.

use chrono::{DateTime, Duration, Utc};
use entities::crime_tally::{self, Firs, Grain, count};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query, SelectStatement, SimpleExpr};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

use super::window::{Month, Months, PENDENCY_DAYS};
use super::{CHARGESHEETED, CLOSED, PENDING, StatisticsDimension, group_key};
use crate::org::units_under;

/// Takes what FIR `fir_id` contributes now out of the tally (before a change to it).
pub(crate) async fn withdraw(db: &impl ConnectionTrait, fir_id: i64) -> Result<(), DbErr> {
    db.execute(&count(db.get_database_backend(), Firs::One(fir_id), -1))
        .await
        .map(drop)
}

/// Adds what FIR `fir_id` contributes now to the tally (after registering or changing it).
pub(crate) async fn deposit(db: &impl ConnectionTrait, fir_id: i64) -> Result<(), DbErr> {
    db.execute(&count(db.get_database_backend(), Firs::One(fir_id), 1))
        .await
        .map(drop)
}

/// Counts every FIR afresh (after a bulk load that bypassed the writes).
pub async fn rebuild(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    crime_tally::Entity::delete_many().exec(db).await?;
    db.execute(&count(db.get_database_backend(), Firs::All, 1))
        .await
        .map(drop)
}

/// The GROUP BY statement over the tally for the whole `months`: per station, and per
/// the dimensions asked, with cases pending since before the cutoffs' months.
pub(super) fn grouped(
    group_by: &[StatisticsDimension],
    scope: &str,
    months: Months,
    now: DateTime<Utc>,
) -> SelectStatement {
    use StatisticsDimension as D;
    use crime_tally::Column as C;
    let grain = if group_by.contains(&D::ActSection) {
        Grain::Section
    } else if group_by.contains(&D::CrimeHead) {
        Grain::CrimeHead
    } else {
        Grain::Fir
    };
    let mut select = Query::select();
    select
        .from(crime_tally::Entity)
        .expr_as(Expr::col(C::StationId), Alias::new("station_id"))
        .and_where(Expr::col(C::Grain).eq(grain.as_str()))
        .and_where(Expr::col(C::StationId).in_subquery(units_under(scope)))
        .add_group_by([Expr::col(C::StationId)]);
    if let Some(from) = months.from {
        select.and_where(Expr::col(C::Month).gte(from.key()));
    }
    if let Some(to) = months.to {
        select.and_where(Expr::col(C::Month).lt(to.key()));
    }
    for (dimension, column, name) in [
        (D::Month, C::Month, "month"),
        (D::Status, C::Status, "status"),
        (D::ActSection, C::Act, "act"),
        (D::ActSection, C::Section, "section"),
        (D::CrimeHead, C::CrimeHead, "crime_head"),
    ] {
        if group_by.contains(&dimension) {
            group_key(&mut select, Expr::col(column), name);
        }
    }
    let firs = || Expr::col(C::Firs);
    let sum_if = |condition: SimpleExpr| -> SimpleExpr {
        Func::sum(Expr::case(condition, firs()).finally(0)).into()
    };
    select
        .expr_as(Func::sum(firs()), Alias::new("firs"))
        .expr_as(
            sum_if(Expr::col(C::Status).is_in(CHARGESHEETED)),
            Alias::new("chargesheeted"),
        )
        .expr_as(
            sum_if(Expr::col(C::Status).is_in(CLOSED)),
            Alias::new("closed"),
        );
    for days in PENDENCY_DAYS {
        // Months before the cutoff's; the cutoff's own month is scanned up to the cutoff.
        let before = Month::of(now - Duration::days(days)).key();
        let pending = Expr::col(C::Status)
            .is_in(PENDING)
            .and(Expr::col(C::Month).lt(before));
        select.expr_as(sum_if(pending), Alias::new(format!("pending_{days}")));
    }
    select.and_having(Func::sum(firs()).gt(0));
    select
}
