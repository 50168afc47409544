//! Organisation: units and officers.

use sea_orm_migration::{prelude::*, schema::*};

use crate::idens::{Officer, OrgUnit};
use crate::util::create_prefix_index;

/// Creates the tables `org_unit`, `officer`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OrgUnit::Table)
                    .col(big_pk_auto(OrgUnit::Id))
                    .col(string_uniq(OrgUnit::Code))
                    .col(string(OrgUnit::Name))
                    .col(string(OrgUnit::Kind))
                    .col(big_integer_null(OrgUnit::ParentId))
                    .col(string(OrgUnit::Path))
                    .col(integer(OrgUnit::Depth))
                    .col(text_null(OrgUnit::Address))
                    .col(timestamp_with_time_zone_default_now(OrgUnit::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_org_unit_parent_id")
                            .from(OrgUnit::Table, OrgUnit::ParentId)
                            .to(OrgUnit::Table, OrgUnit::Id)
                            .on_delete(ForeignKeyAction::NoAction),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_org_unit_parent_id")
                    .table(OrgUnit::Table)
                    .col(OrgUnit::ParentId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_org_unit_kind")
                    .table(OrgUnit::Table)
                    .col(OrgUnit::Kind)
                    .to_owned(),
            )
            .await?;
        create_prefix_index(manager, "idx_org_unit_path", "org_unit", "path").await?;
        manager
            .create_table(
                Table::create()
                    .table(Officer::Table)
                    .col(big_pk_auto(Officer::Id))
                    .col(big_integer(Officer::UnitId))
                    .col(string_uniq(Officer::LoginId))
                    .col(string(Officer::Name))
                    .col(string(Officer::Rank))
                    .col(string_null(Officer::BeltNumber))
                    .col(string(Officer::Sex))
                    .col(boolean(Officer::Active).default(true))
                    .col(timestamp_with_time_zone_default_now(Officer::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_officer_unit_id")
                            .from(Officer::Table, Officer::UnitId)
                            .to(OrgUnit::Table, OrgUnit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_officer_unit_id")
                    .table(Officer::Table)
                    .col(Officer::UnitId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Officer::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(OrgUnit::Table).to_owned())
            .await?;
        Ok(())
    }
}
