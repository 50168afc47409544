//! Courts: court cases, links to police cases, hearings, orders, disposals.

use sea_orm_migration::{prelude::*, schema::*};

use crate::idens::{
    CaseParty, CourtCase, CourtCaseLink, CourtOrder, Disposal, Hearing, OrgUnit, Person, PoliceCase,
};

/// Creates the tables `court_case`, `court_case_link`, `hearing`, `court_order`, `disposal`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CourtCase::Table)
                    .col(big_pk_auto(CourtCase::Id))
                    .col(string_len_uniq(CourtCase::Cnr, 16))
                    .col(big_integer(CourtCase::CourtId))
                    .col(string(CourtCase::CaseType))
                    .col(integer(CourtCase::CaseNumber))
                    .col(integer(CourtCase::CaseYear))
                    .col(string(CourtCase::Stage))
                    .col(timestamp_with_time_zone(CourtCase::FiledAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_court_case_court_id")
                            .from(CourtCase::Table, CourtCase::CourtId)
                            .to(OrgUnit::Table, OrgUnit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_court_case_court_id")
                    .table(CourtCase::Table)
                    .col(CourtCase::CourtId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CourtCaseLink::Table)
                    .col(big_integer(CourtCaseLink::CourtCaseId))
                    .col(big_integer(CourtCaseLink::CaseId))
                    .primary_key(
                        Index::create()
                            .col(CourtCaseLink::CourtCaseId)
                            .col(CourtCaseLink::CaseId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_court_case_link_court_case_id")
                            .from(CourtCaseLink::Table, CourtCaseLink::CourtCaseId)
                            .to(CourtCase::Table, CourtCase::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_court_case_link_case_id")
                            .from(CourtCaseLink::Table, CourtCaseLink::CaseId)
                            .to(PoliceCase::Table, PoliceCase::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_court_case_link_case_id")
                    .table(CourtCaseLink::Table)
                    .col(CourtCaseLink::CaseId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Hearing::Table)
                    .col(big_pk_auto(Hearing::Id))
                    .col(big_integer(Hearing::CourtCaseId))
                    .col(date(Hearing::Date))
                    .col(string(Hearing::Purpose))
                    .col(string_null(Hearing::Outcome))
                    .col(date_null(Hearing::NextDate))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_hearing_court_case_id")
                            .from(Hearing::Table, Hearing::CourtCaseId)
                            .to(CourtCase::Table, CourtCase::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_hearing_court_case_id_date")
                    .table(Hearing::Table)
                    .col(Hearing::CourtCaseId)
                    .col(Hearing::Date)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CourtOrder::Table)
                    .col(big_pk_auto(CourtOrder::Id))
                    .col(big_integer(CourtOrder::CourtCaseId))
                    .col(string(CourtOrder::Kind))
                    .col(timestamp_with_time_zone(CourtOrder::IssuedAt))
                    .col(big_integer_null(CourtOrder::PersonId))
                    .col(text(CourtOrder::Text))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_court_order_court_case_id")
                            .from(CourtOrder::Table, CourtOrder::CourtCaseId)
                            .to(CourtCase::Table, CourtCase::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_court_order_person_id")
                            .from(CourtOrder::Table, CourtOrder::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_court_order_court_case_id")
                    .table(CourtOrder::Table)
                    .col(CourtOrder::CourtCaseId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_court_order_person_id")
                    .table(CourtOrder::Table)
                    .col(CourtOrder::PersonId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Disposal::Table)
                    .col(big_pk_auto(Disposal::Id))
                    .col(big_integer(Disposal::CourtCaseId))
                    .col(big_integer(Disposal::PartyId))
                    .col(string(Disposal::Result))
                    .col(text_null(Disposal::Sentence))
                    .col(timestamp_with_time_zone(Disposal::DecidedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_disposal_court_case_id")
                            .from(Disposal::Table, Disposal::CourtCaseId)
                            .to(CourtCase::Table, CourtCase::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_disposal_party_id")
                            .from(Disposal::Table, Disposal::PartyId)
                            .to(CaseParty::Table, CaseParty::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_disposal_court_case_id")
                    .table(Disposal::Table)
                    .col(Disposal::CourtCaseId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_disposal_party_id")
                    .table(Disposal::Table)
                    .col(Disposal::PartyId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Disposal::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(CourtOrder::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Hearing::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(CourtCaseLink::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(CourtCase::Table).to_owned())
            .await?;
        Ok(())
    }
}
