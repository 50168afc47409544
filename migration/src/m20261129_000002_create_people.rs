//! People: persons, aliases, addresses, phones, identity numbers.

use sea_orm_migration::{prelude::*, schema::*};

use crate::idens::{Person, PersonAddress, PersonAlias, PersonIdentity, PersonPhone};

/// Creates the tables `person`, `person_alias`, `person_address`, `person_phone`,
/// `person_identity`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Person::Table)
                    .col(big_pk_auto(Person::Id))
                    .col(string(Person::Name))
                    .col(string(Person::NameNormalized))
                    .col(string(Person::Sex))
                    .col(integer_null(Person::BirthYear))
                    .col(date_null(Person::BirthDate))
                    .col(string_null(Person::RelativeName))
                    .col(timestamp_with_time_zone_default_now(Person::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_person_name_normalized")
                    .table(Person::Table)
                    .col(Person::NameNormalized)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PersonAlias::Table)
                    .col(big_pk_auto(PersonAlias::Id))
                    .col(big_integer(PersonAlias::PersonId))
                    .col(string(PersonAlias::Alias))
                    .col(string(PersonAlias::AliasNormalized))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_person_alias_person_id")
                            .from(PersonAlias::Table, PersonAlias::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_person_alias_person_id")
                    .table(PersonAlias::Table)
                    .col(PersonAlias::PersonId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_person_alias_alias_normalized")
                    .table(PersonAlias::Table)
                    .col(PersonAlias::AliasNormalized)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PersonAddress::Table)
                    .col(big_pk_auto(PersonAddress::Id))
                    .col(big_integer(PersonAddress::PersonId))
                    .col(text(PersonAddress::Address))
                    .col(string_null(PersonAddress::DistrictCode))
                    .col(boolean(PersonAddress::IsPrimary).default(false))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_person_address_person_id")
                            .from(PersonAddress::Table, PersonAddress::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_person_address_person_id")
                    .table(PersonAddress::Table)
                    .col(PersonAddress::PersonId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PersonPhone::Table)
                    .col(big_pk_auto(PersonPhone::Id))
                    .col(big_integer(PersonPhone::PersonId))
                    .col(string(PersonPhone::Phone))
                    .col(boolean(PersonPhone::IsPrimary).default(false))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_person_phone_person_id")
                            .from(PersonPhone::Table, PersonPhone::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_person_phone_person_id")
                    .table(PersonPhone::Table)
                    .col(PersonPhone::PersonId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_person_phone_phone")
                    .table(PersonPhone::Table)
                    .col(PersonPhone::Phone)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PersonIdentity::Table)
                    .col(big_pk_auto(PersonIdentity::Id))
                    .col(big_integer(PersonIdentity::PersonId))
                    .col(string(PersonIdentity::Kind))
                    .col(string(PersonIdentity::Number))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_person_identity_person_id")
                            .from(PersonIdentity::Table, PersonIdentity::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_person_identity_kind_number")
                    .table(PersonIdentity::Table)
                    .col(PersonIdentity::Kind)
                    .col(PersonIdentity::Number)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_person_identity_person_id")
                    .table(PersonIdentity::Table)
                    .col(PersonIdentity::PersonId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PersonIdentity::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(PersonPhone::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(PersonAddress::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(PersonAlias::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Person::Table).to_owned())
            .await?;
        Ok(())
    }
}
