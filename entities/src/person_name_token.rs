use sea_orm::entity::prelude::*;
use sea_orm::{DbBackend, Statement};
use serde::{Deserialize, Serialize};

/// One word of a person's name or of one of their aliases (derived by
/// [`crate::name_key::tokens`]), for indexed lookup of persons by any word of their name.
///
/// Every row of a person also carries `initials`, the set of first letters of all their
/// words ([`initial_bit`] of each), so that "R. Kumar" is answered from the index alone:
/// rows of `kumar` whose `initials` contain `r`. [`mark_initials`] keeps it right.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "person_name_token")]
pub struct Model {
    /// The normalised word.
    #[sea_orm(primary_key, auto_increment = false)]
    pub token: String,
    /// The person.
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: i64,
    /// The first letters of every word of the person's name and aliases, one bit each
    /// ([`initial_bit`]); 0 until [`mark_initials`] has run for the person.
    pub initials: i64,
}

/// Relations of the `person_name_token` table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The `person` referenced by `person_id`.
    #[sea_orm(
        belongs_to = "super::person::Entity",
        from = "Column::PersonId",
        to = "super::person::Column::Id",
        on_delete = "Cascade"
    )]
    Person,
}

impl Related<super::person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Person.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

/// The characters a normalised word can start with; the bit of each is its position.
const INITIALS: &str = "abcdefghijklmnopqrstuvwxyz0123456789";

/// The bit of the first character of a normalised word in `initials` (0 for none).
pub fn initial_bit(word: &str) -> i64 {
    word.chars()
        .next()
        .and_then(|first| INITIALS.find(first))
        .map_or(0, |position| 1 << position)
}

/// The `initials` of a person whose words are `words`: the bits of their first letters.
pub fn initials_of<'a>(words: impl IntoIterator<Item = &'a str>) -> i64 {
    words
        .into_iter()
        .fold(0, |bits, word| bits | initial_bit(word))
}

/// Whose `initials` [`mark_initials`] sets.
#[derive(Clone, Copy, Debug)]
pub enum Persons {
    /// Every person (the migration's backfill and the seed).
    All,
    /// One person, after words were added to their name (a write).
    One(i64),
}

/// Sets `initials` on every row of `persons` to the bits of the first letters of all
/// their rows' words, in one statement; rows already right are left alone. The same
/// bits as [`initial_bit`], computed by the database.
pub async fn mark_initials(db: &impl ConnectionTrait, persons: Persons) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let (position, one, placeholder) = match backend {
        DbBackend::Postgres => ("strpos", "CAST(1 AS BIGINT)", "$1"),
        _ => ("instr", "1", "?"),
    };
    let (only, values) = match persons {
        Persons::All => (String::new(), vec![]),
        Persons::One(id) => (format!(" WHERE person_id = {placeholder}"), vec![id.into()]),
    };
    let sql = format!(
        "UPDATE person_name_token AS t SET initials = m.mask \
         FROM (SELECT person_id, \
               CAST(SUM(DISTINCT {one} << ({position}('{INITIALS}', substr(token, 1, 1)) - 1)) AS BIGINT) AS mask \
               FROM person_name_token{only} GROUP BY person_id) AS m \
         WHERE t.person_id = m.person_id AND t.initials <> m.mask"
    );
    db.execute_raw(Statement::from_sql_and_values(backend, sql, values))
        .await
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_letter_and_digit_has_its_own_bit() {
        assert_eq!(initial_bit("arun"), 1);
        assert_eq!(initial_bit("kumar"), 1 << 10);
        assert_eq!(initial_bit("9"), 1 << 35);
        assert_eq!(initial_bit(""), 0);
        assert_eq!(initials_of(["ravi", "kumar", "raju"]), 1 << 17 | 1 << 10);
    }
}
