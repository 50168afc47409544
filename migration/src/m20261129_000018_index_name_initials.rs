//! Initials in the name index: every `person_name_token` row carries the first letters
//! of all its person's words (`initials`, one bit per letter), in an index beside the
//! token and person, so that a search for "R. Kumar" reads only the `kumar` entries of
//! persons with a word starting with `r` from the index, instead of reading each person
//! with `kumar` to check their initials.

use entities::person_name_token::{Persons, mark_initials};
use sea_orm_migration::prelude::*;

use crate::idens::PersonNameToken;

/// Adds `person_name_token.initials`, fills it and indexes it.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// The covering index of name lookups that filter on initials.
const INDEX: &str = "idx_person_name_token_token_person_initials";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(PersonNameToken::Table)
                    .add_column(
                        ColumnDef::new(PersonNameToken::Initials)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .to_owned(),
            )
            .await?;
        mark_initials(manager.get_connection(), Persons::All).await?;
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(PersonNameToken::Table)
                    .col(PersonNameToken::Token)
                    .col(PersonNameToken::PersonId)
                    .col(PersonNameToken::Initials)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(INDEX)
                    .table(PersonNameToken::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(PersonNameToken::Table)
                    .drop_column(PersonNameToken::Initials)
                    .to_owned(),
            )
            .await
    }
}
