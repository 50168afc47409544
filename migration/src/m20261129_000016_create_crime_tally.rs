//! FIRs counted at write time for crime statistics (`entities::crime_tally`): per
//! station, month of registration (IST) and case status, once per FIR, per crime head and
//! per section. The primary key leads with grain, station and month: a statistics
//! request reads one grain of a subtree's stations over a range of months. The table is
//! filled here from the FIRs already recorded; from then on every write keeps it.

use sea_orm_migration::prelude::*;

use crate::idens::{CrimeTally, OrgUnit};

/// Creates `crime_tally` and counts the FIRs on record into it.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let key = [
            CrimeTally::Grain,
            CrimeTally::StationId,
            CrimeTally::Month,
            CrimeTally::Status,
            CrimeTally::Act,
            CrimeTally::Section,
            CrimeTally::CrimeHead,
        ];
        let mut table = Table::create();
        table.table(CrimeTally::Table);
        for column in key {
            let mut definition = ColumnDef::new(column);
            match column {
                CrimeTally::StationId => definition.big_integer(),
                _ => definition.string(),
            };
            table.col(definition.not_null());
        }
        let mut primary = Index::create();
        primary.name("pk_crime_tally");
        for column in key {
            primary.col(column);
        }
        manager
            .create_table(
                table
                    .col(ColumnDef::new(CrimeTally::Firs).integer().not_null())
                    .primary_key(&mut primary)
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_crime_tally_station_id")
                            .from(CrimeTally::Table, CrimeTally::StationId)
                            .to(OrgUnit::Table, OrgUnit::Id),
                    )
                    .to_owned(),
            )
            .await?;
        let backend = manager.get_database_backend();
        manager
            .execute(entities::crime_tally::count(
                backend,
                entities::crime_tally::Firs::All,
                1,
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CrimeTally::Table).to_owned())
            .await
    }
}
