//! The name vocabulary for spelling-tolerant person search: every distinct word of every
//! name and alias, with its phonetic key (`entities::name_key::phonetic`), indexed, and a
//! trigram index for the words a phonetic key does not catch: PostgreSQL's `pg_trgm`
//! (GIN), or SQLite's FTS5 with the trigram tokenizer (`name_word_trigram`, filled by a
//! trigger on every new word).
//!
//! A search looks words up here (a few thousand rows, not millions of persons), then
//! finds persons by the matching words through `person_name_token`.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::idens::{NameWord, PersonNameToken};

/// Creates `name_word`, its indexes, and fills it from the names already recorded.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// Words read per round of the backfill.
const BACKFILL_BATCH: u64 = 5_000;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(NameWord::Table)
                    .col(
                        ColumnDef::new(NameWord::Word)
                            .string()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(NameWord::Phonetic).string().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_name_word_phonetic")
                    .table(NameWord::Table)
                    .col(NameWord::Phonetic)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                    .await?;
                db.execute_unprepared(
                    "CREATE INDEX idx_name_word_trigram ON name_word USING gin (word gin_trgm_ops)",
                )
                .await?;
            }
            _ => {
                db.execute_unprepared(
                    "CREATE VIRTUAL TABLE name_word_trigram USING fts5(word, tokenize = 'trigram')",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER name_word_trigram_insert AFTER INSERT ON name_word BEGIN \
                     INSERT INTO name_word_trigram (rowid, word) VALUES (new.rowid, new.word); END",
                )
                .await?;
            }
        }
        backfill(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Postgres {
            let db = manager.get_connection();
            db.execute_unprepared("DROP TRIGGER name_word_trigram_insert")
                .await?;
            db.execute_unprepared("DROP TABLE name_word_trigram")
                .await?;
        }
        manager
            .drop_table(Table::drop().table(NameWord::Table).to_owned())
            .await
    }
}

/// Inserts every distinct name token with its phonetic key, in keyset-paged rounds.
async fn backfill(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let mut after = String::new();
    loop {
        let select = Query::select()
            .distinct()
            .column(PersonNameToken::Token)
            .from(PersonNameToken::Table)
            .and_where(Expr::col(PersonNameToken::Token).gt(after.clone()))
            .order_by(PersonNameToken::Token, Order::Asc)
            .limit(BACKFILL_BATCH)
            .to_owned();
        let rows = db.query_all(&select).await?;
        let words = rows
            .iter()
            .map(|row| row.try_get::<String>("", "token"))
            .collect::<Result<Vec<_>, _>>()?;
        let Some(last) = words.last() else {
            return Ok(());
        };
        after = last.clone();
        let mut insert = Query::insert();
        insert
            .into_table(NameWord::Table)
            .columns([NameWord::Word, NameWord::Phonetic])
            .on_conflict(OnConflict::column(NameWord::Word).do_nothing().to_owned());
        for word in &words {
            insert
                .values([
                    word.clone().into(),
                    entities::name_key::phonetic(word).into(),
                ])
                .map_err(|e| DbErr::Migration(e.to_string()))?;
        }
        manager.execute(insert).await?;
        if words.len() < BACKFILL_BATCH as usize {
            return Ok(());
        }
    }
}
