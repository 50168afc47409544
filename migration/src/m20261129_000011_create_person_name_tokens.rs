//! Name tokens: every word of every person's name and aliases, indexed, so that persons
//! can be found by any word of their name ("Kumar" finds "Ravi Kumar") with an index range
//! scan instead of a scan of the `person` table.

use sea_orm_migration::prelude::*;

use crate::idens::{Person, PersonAlias, PersonNameToken};

/// Creates `person_name_token` and fills it from the names and aliases already recorded.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// Rows read per round of the backfill (their tokens go in one INSERT, which must stay
/// under SQLite's limit of 32,766 bound parameters).
const BACKFILL_BATCH: u64 = 2_000;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PersonNameToken::Table)
                    .col(ColumnDef::new(PersonNameToken::Token).string().not_null())
                    .col(
                        ColumnDef::new(PersonNameToken::PersonId)
                            .big_integer()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(PersonNameToken::Token)
                            .col(PersonNameToken::PersonId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_person_name_token_person_id")
                            .from(PersonNameToken::Table, PersonNameToken::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_person_name_token_person_id")
                    .table(PersonNameToken::Table)
                    .col(PersonNameToken::PersonId)
                    .to_owned(),
            )
            .await?;
        backfill(manager, Person::Table, Person::Id, Person::Id, Person::Name).await?;
        backfill(
            manager,
            PersonAlias::Table,
            PersonAlias::Id,
            PersonAlias::PersonId,
            PersonAlias::Alias,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PersonNameToken::Table).to_owned())
            .await
    }
}

/// Inserts the tokens of every `name` of `table`, in keyset-paged rounds.
async fn backfill(
    manager: &SchemaManager<'_>,
    table: impl Iden + Copy + 'static,
    key: impl Iden + Copy + 'static,
    person: impl Iden + Copy + 'static,
    name: impl Iden + Copy + 'static,
) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let mut after = 0_i64;
    loop {
        let select = Query::select()
            .expr_as(Expr::col(key), Alias::new("k"))
            .expr_as(Expr::col(person), Alias::new("p"))
            .expr_as(Expr::col(name), Alias::new("n"))
            .from(table)
            .and_where(Expr::col(key).gt(after))
            .order_by(key, Order::Asc)
            .limit(BACKFILL_BATCH)
            .to_owned();
        let rows = db.query_all(&select).await?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        after = last.try_get("", "k")?;
        let mut insert = Query::insert();
        insert
            .into_table(PersonNameToken::Table)
            .columns([PersonNameToken::Token, PersonNameToken::PersonId])
            .on_conflict(
                OnConflict::columns([PersonNameToken::Token, PersonNameToken::PersonId])
                    .do_nothing()
                    .to_owned(),
            );
        let mut any = false;
        for row in &rows {
            let person_id: i64 = row.try_get("", "p")?;
            let name: String = row.try_get("", "n")?;
            for token in entities::name_key::tokens(&name) {
                insert
                    .values([token.into(), person_id.into()])
                    .map_err(|e| DbErr::Migration(e.to_string()))?;
                any = true;
            }
        }
        if any {
            manager.execute(insert).await?;
        }
        if rows.len() < BACKFILL_BATCH as usize {
            return Ok(());
        }
    }
}
