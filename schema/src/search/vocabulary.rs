//! The name vocabulary (`name_word`): which recorded words may stand for a word of a
//! query. Two indexed lookups, whatever the number of query words: one by phonetic key,
//! one by trigrams in the database's own text search (`pg_trgm`'s `%` on PostgreSQL, the
//! FTS5 trigram table on SQLite); every word found is then scored here the same way on
//! both ([`super::score::variant_score`]).

use std::collections::HashSet;

use entities::{name_key, name_word};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter, QuerySelect,
    Statement,
};

use super::score::{Variants, variant_score};

/// Variants kept per query word, best first.
const VARIANTS_PER_WORD: usize = 40;
/// Words the SQLite trigram search returns per query word, best ranked first.
const TRIGRAM_CANDIDATES: u64 = 100;

/// For each of `words` (normalised, two letters or more), the vocabulary words that may
/// stand for it.
pub(crate) async fn variants<C: ConnectionTrait>(
    db: &C,
    words: &[String],
) -> Result<Vec<Variants>, DbErr> {
    let keys: Vec<String> = words.iter().map(|w| name_key::phonetic(w)).collect();
    let mut found: HashSet<String> = name_word::Entity::find()
        .select_only()
        .column(name_word::Column::Word)
        .filter(name_word::Column::Phonetic.is_in(keys))
        .into_tuple::<String>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    found.extend(similar_spellings(db, words).await?);
    Ok(words
        .iter()
        .map(|query| {
            let mut scored: Vec<(String, (f64, _))> = found
                .iter()
                .filter_map(|word| variant_score(query, word).map(|s| (word.clone(), s)))
                .collect();
            scored.sort_by(|a, b| b.1.0.total_cmp(&a.1.0).then_with(|| a.0.cmp(&b.0)));
            scored.truncate(VARIANTS_PER_WORD);
            scored.into_iter().collect()
        })
        .collect())
}

/// Vocabulary words sharing trigrams with any of `words`, by the database's trigram index.
async fn similar_spellings<C: ConnectionTrait>(
    db: &C,
    words: &[String],
) -> Result<Vec<String>, DbErr> {
    let backend = db.get_database_backend();
    let statement = match backend {
        DbBackend::Postgres => {
            let test: Vec<String> = (1..=words.len()).map(|n| format!("word % ${n}")).collect();
            Statement::from_sql_and_values(
                backend,
                format!("SELECT word FROM name_word WHERE {}", test.join(" OR ")),
                words.iter().map(|w| w.clone().into()),
            )
        }
        _ => {
            // FTS5's trigram tokenizer matches three-letter pieces: per query word, any
            // shared piece makes a candidate, the best ranked first.
            let mut selects = Vec::new();
            let mut values: Vec<sea_orm::Value> = Vec::new();
            for word in words {
                let mut pieces: Vec<String> = Vec::new();
                for piece in word.as_bytes().windows(3) {
                    let piece = format!("\"{}\"", String::from_utf8_lossy(piece));
                    if !pieces.contains(&piece) {
                        pieces.push(piece);
                    }
                }
                if pieces.is_empty() {
                    continue;
                }
                selects.push(
                    "SELECT * FROM (SELECT word FROM name_word_trigram \
                     WHERE name_word_trigram MATCH ? ORDER BY rank LIMIT ?)",
                );
                values.push(pieces.join(" OR ").into());
                values.push(TRIGRAM_CANDIDATES.into());
            }
            if selects.is_empty() {
                return Ok(Vec::new());
            }
            Statement::from_sql_and_values(backend, selects.join(" UNION ALL "), values)
        }
    };
    db.query_all_raw(statement)
        .await?
        .iter()
        .map(|row| row.try_get::<String>("", "word"))
        .collect()
}
