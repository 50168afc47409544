//! `crime_tally`: FIRs counted at write time, per station, month of registration and case
//! status, at three grains: each FIR once ([`Grain::Fir`]), once under each distinct crime
//! head of its live charges ([`Grain::CrimeHead`]), and once under each distinct act and
//! section of its live charges ([`Grain::Section`], which also carries the section's
//! head). Crime statistics read these counts instead of counting a million FIRs.
//!
//! What one FIR contributes is decided in one place, [`count`]: the migration that
//! creates the table, the seed and every write that changes a counted property of an FIR
//! (registration, transfer, case status, charges) use it. An FIR transferred away counts
//! nowhere: the FIR it was transferred to counts at its own station.

use sea_orm::entity::prelude::*;
use sea_orm::sea_query::{
    Alias, Expr, ExprTrait, Func, InsertStatement, OnConflict, Order, Query, SelectStatement,
    SimpleExpr, UnionType,
};
use sea_orm::{DbBackend, Iterable};
use serde::{Deserialize, Serialize};

use crate::{charge, fir, police_case, statute};

/// Counted FIRs of one station, month, status and grain key.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "crime_tally")]
pub struct Model {
    /// `FIR`, `CRIME_HEAD` or `SECTION` ([`Grain`]).
    #[sea_orm(primary_key, auto_increment = false)]
    pub grain: String,
    /// The station the FIRs are registered at.
    #[sea_orm(primary_key, auto_increment = false)]
    pub station_id: i64,
    /// The month of registration, `YYYY-MM` in Indian Standard Time.
    #[sea_orm(primary_key, auto_increment = false)]
    pub month: String,
    /// The case status.
    #[sea_orm(primary_key, auto_increment = false)]
    pub status: String,
    /// The act of the section (`SECTION` grain; empty otherwise).
    #[sea_orm(primary_key, auto_increment = false)]
    pub act: String,
    /// The section (`SECTION` grain; empty otherwise).
    #[sea_orm(primary_key, auto_increment = false)]
    pub section: String,
    /// The crime head (`OTHER` for sections outside the catalogue; empty at `FIR` grain).
    #[sea_orm(primary_key, auto_increment = false)]
    pub crime_head: String,
    /// How many FIRs (rows whose count fell to zero stay, and are not reported).
    pub firs: i32,
}

/// `crime_tally` has no relations: its keys are counted values, not references.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// What a tally row counts an FIR under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter)]
pub enum Grain {
    /// Once per FIR.
    Fir,
    /// Once per distinct crime head of the FIR's live charges.
    CrimeHead,
    /// Once per distinct act and section of the FIR's live charges.
    Section,
}

impl Grain {
    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            Grain::Fir => "FIR",
            Grain::CrimeHead => "CRIME_HEAD",
            Grain::Section => "SECTION",
        }
    }
}

/// The crime head reported for a section outside the statute catalogue.
pub const OTHER_HEAD: &str = "OTHER";

/// The month of `fir.registered_at` in Indian Standard Time, `YYYY-MM`.
pub fn registration_month(backend: DbBackend) -> SimpleExpr {
    Expr::cust(match backend {
        DbBackend::Postgres => "to_char(fir.registered_at AT TIME ZONE 'Asia/Kolkata', 'YYYY-MM')",
        _ => "strftime('%Y-%m', fir.registered_at, '+330 minutes')",
    })
}

/// Which FIRs a [`count`] takes in.
#[derive(Clone, Copy, Debug)]
pub enum Firs {
    /// Every FIR on record (filling the tally).
    All,
    /// One FIR (before and after a write that changes it).
    One(i64),
}

/// Adds (`sign` 1) or takes away (`sign` -1) what `firs` contribute, as they are now in
/// the database, to every grain of the tally: one upsert. A write that changes an FIR's
/// station, status or charges takes the FIR away before the change and adds it after.
/// Rows are written in key order, so concurrent writes lock them in one order.
pub fn count(backend: DbBackend, firs: Firs, sign: i32) -> InsertStatement {
    let columns = [
        Column::Grain,
        Column::StationId,
        Column::Month,
        Column::Status,
        Column::Act,
        Column::Section,
        Column::CrimeHead,
    ];
    let mut grains = Grain::iter().map(|grain| contributions(backend, firs, grain));
    let mut union = grains.next().expect("three grains");
    for grain in grains {
        union.union(UnionType::All, grain);
    }
    let counted = Alias::new("counted");
    let mut select = Query::select();
    select.from_subquery(union, counted.clone());
    for column in columns {
        select.column((counted.clone(), column));
        select.add_group_by([Expr::col((counted.clone(), column))]);
        select.order_by((counted.clone(), column), Order::Asc);
    }
    select
        .expr(Func::count(Expr::val(1)).mul(sign))
        // SQLite reads an upsert after `INSERT … SELECT` only when the SELECT has a WHERE.
        .and_where(Expr::cust("1 = 1"));
    Query::insert()
        .into_table(Entity)
        .columns(columns.into_iter().chain([Column::Firs]))
        .select_from(select)
        .expect("the select names every column")
        .on_conflict(
            OnConflict::columns(columns)
                .value(Column::Firs, Expr::cust("crime_tally.firs + excluded.firs"))
                .to_owned(),
        )
        .to_owned()
}

/// One row per FIR and key of `grain`.
fn contributions(backend: DbBackend, firs: Firs, grain: Grain) -> SelectStatement {
    let empty = || Expr::val("");
    let head = || {
        SimpleExpr::from(Func::coalesce([
            Expr::col((statute::Entity, statute::Column::CrimeHead)),
            Expr::val(OTHER_HEAD),
        ]))
    };
    let mut select = Query::select();
    select
        .distinct()
        .expr_as(Expr::val(grain.as_str()), Column::Grain)
        .expr_as(
            Expr::col((fir::Entity, fir::Column::StationId)),
            Column::StationId,
        )
        .expr_as(registration_month(backend), Column::Month)
        .expr_as(
            Expr::col((police_case::Entity, police_case::Column::Status)),
            Column::Status,
        )
        .column((fir::Entity, fir::Column::Id))
        .from(fir::Entity)
        .inner_join(
            police_case::Entity,
            Expr::col((police_case::Entity, police_case::Column::FirId))
                .equals((fir::Entity, fir::Column::Id)),
        )
        .and_where(Expr::col((fir::Entity, fir::Column::TransferredToFirId)).is_null());
    if let Firs::One(id) = firs {
        select.and_where(Expr::col((fir::Entity, fir::Column::Id)).eq(id));
    }
    if grain != Grain::Fir {
        select
            .inner_join(
                charge::Entity,
                Expr::col((charge::Entity, charge::Column::FirId))
                    .equals((fir::Entity, fir::Column::Id))
                    .and(Expr::col((charge::Entity, charge::Column::RemovedAt)).is_null()),
            )
            .left_join(
                statute::Entity,
                Expr::col((statute::Entity, statute::Column::Id))
                    .equals((charge::Entity, charge::Column::StatuteId)),
            );
    }
    let (act, section, crime_head) = match grain {
        Grain::Fir => (empty(), empty(), empty()),
        Grain::CrimeHead => (empty(), empty(), head()),
        Grain::Section => (
            Expr::col((charge::Entity, charge::Column::Act)),
            Expr::col((charge::Entity, charge::Column::Section)),
            head(),
        ),
    };
    select
        .expr_as(act, Column::Act)
        .expr_as(section, Column::Section)
        .expr_as(crime_head, Column::CrimeHead);
    select
}
