#![warn(missing_docs)]

//! Schema migrations of the CCTNS graph, for SQLite and PostgreSQL alike, and the statute
//! reference data (IPC, BNS, POCSO, NDPS, Arms Act, IT Act, CrPC/BNSS sections with their
//! IPC ↔ BNS and CrPC ↔ BNSS equivalents).
//!
//! Apply with [`Migrator::up`](sea_orm_migration::MigratorTrait::up); every migration has a
//! `down` that drops what its `up` created, in reverse order.

pub use sea_orm_migration::prelude::*;

mod idens;
mod m20261129_000001_create_org;
mod m20261129_000002_create_people;
mod m20261129_000003_create_fir;
mod m20261129_000004_create_investigation;
mod m20261129_000005_create_courts;
mod m20261129_000006_create_prisons;
mod m20261129_000007_create_citizen_services;
mod m20261129_000008_create_events_audit;
mod m20261129_000010_seed_statutes;
mod m20261129_000011_create_person_name_tokens;
mod m20261129_000012_chain_audit_records;
mod m20261129_000013_create_write_support;
mod m20261129_000014_create_name_vocabulary;
mod m20261129_000015_index_statistics;
mod m20261129_000016_create_crime_tally;
mod m20261129_000017_create_registered_operation;
mod m20261129_000018_index_name_initials;
mod m20261129_000019_create_found_person;
mod m20261129_000020_create_modus_operandi;
mod util;

/// The migrator: every migration of the schema, oldest first.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_create_org::Migration),
            Box::new(m20261129_000002_create_people::Migration),
            Box::new(m20261129_000003_create_fir::Migration),
            Box::new(m20261129_000004_create_investigation::Migration),
            Box::new(m20261129_000005_create_courts::Migration),
            Box::new(m20261129_000006_create_prisons::Migration),
            Box::new(m20261129_000007_create_citizen_services::Migration),
            Box::new(m20261129_000008_create_events_audit::Migration),
            Box::new(m20261129_000010_seed_statutes::Migration),
            Box::new(m20261129_000011_create_person_name_tokens::Migration),
            Box::new(m20261129_000012_chain_audit_records::Migration),
            Box::new(m20261129_000013_create_write_support::Migration),
            Box::new(m20261129_000014_create_name_vocabulary::Migration),
            Box::new(m20261129_000015_index_statistics::Migration),
            Box::new(m20261129_000016_create_crime_tally::Migration),
            Box::new(m20261129_000017_create_registered_operation::Migration),
            Box::new(m20261129_000018_index_name_initials::Migration),
            Box::new(m20261129_000019_create_found_person::Migration),
            Box::new(m20261129_000020_create_modus_operandi::Migration),
        ]
    }
}
