//! FIR numbering: consecutive per police station per year, gap-free and unique under any
//! concurrency.
//!
//! The next serial comes from the station's counter row for the year, incremented by an
//! upsert inside the registering transaction: the row stays locked until that
//! transaction ends (PostgreSQL row lock; SQLite's single writer), and a rollback undoes
//! the increment, so no two FIRs share a serial and no serial is skipped. Never
//! `MAX(serial) + 1`, which two concurrent registrations would both read.

use entities::fir_serial_counter as counter;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, DatabaseTransaction, DbErr};

/// Takes the next serial of `station_id` for `year` inside `txn`.
pub(crate) async fn next_serial(
    txn: &DatabaseTransaction,
    station_id: i64,
    year: i32,
) -> Result<i32, DbErr> {
    let upsert = Query::insert()
        .into_table(counter::Entity)
        .columns([
            counter::Column::StationId,
            counter::Column::Year,
            counter::Column::LastSerial,
        ])
        .values_panic([station_id.into(), year.into(), 1.into()])
        .on_conflict(
            OnConflict::columns([counter::Column::StationId, counter::Column::Year])
                .value(
                    counter::Column::LastSerial,
                    Expr::col((counter::Entity, counter::Column::LastSerial)).add(1),
                )
                .to_owned(),
        )
        .returning_col(counter::Column::LastSerial)
        .to_owned();
    let row = txn
        .query_one(&upsert)
        .await?
        .ok_or_else(|| DbErr::Custom("the serial counter returned no row".into()))?;
    row.try_get("", "last_serial")
}
