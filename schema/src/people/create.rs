//! Recording a new person (from an FIR's parties, a complaint, …) with the derived search
//! keys every person row needs.

use async_graphql::InputObject;
use chrono::{DateTime, Datelike, Utc};
use entities::{
    name_key, name_word, person, person_address, person_alias, person_name_token, person_phone,
};
use sea_orm::ActiveValue::Set;
use sea_orm::{DatabaseTransaction, DbErr, EntityTrait};

use crate::enums::Sex;
use crate::error::{ApiError, ApiResult};

/// A person not yet known to the police.
#[derive(InputObject, Debug, Clone)]
pub struct NewPersonInput {
    /// Full name as given.
    pub name: String,
    /// Sex.
    pub sex: Sex,
    /// Year of birth, if known.
    pub birth_year: Option<i32>,
    /// Name of father, mother, husband or guardian.
    pub relative_name: Option<String>,
    /// Other names the person is known by ("alias" in the FIR), at most five.
    pub aliases: Option<Vec<String>>,
    /// Phone number (10 digits, optionally with +91).
    pub phone: Option<String>,
    /// Address.
    pub address: Option<String>,
}

/// Aliases recorded with one new person at most.
const MAX_ALIASES: usize = 5;

impl NewPersonInput {
    /// Checks the input; `field` names it in errors (`input.parties[2].person`).
    pub fn validate(&self, field: &str, now: DateTime<Utc>) -> ApiResult<()> {
        if name_key::tokens(&self.name).is_empty() {
            return Err(ApiError::invalid(
                format!("{field}.name"),
                "a name needs letters",
            ));
        }
        if self.name.chars().count() > 200 {
            return Err(ApiError::invalid(format!("{field}.name"), "name too long"));
        }
        let aliases = self.aliases.as_deref().unwrap_or_default();
        let names = [(format!("{field}.name"), Some(&self.name))]
            .into_iter()
            .chain([(format!("{field}.relativeName"), self.relative_name.as_ref())])
            .chain(
                (aliases.iter().enumerate())
                    .map(|(i, a)| (format!("{field}.aliases[{i}]"), Some(a))),
            );
        for (path, name) in names {
            if name.is_some_and(|name| name.contains(['\n', '\r', '\t'])) {
                return Err(ApiError::invalid(path, "a name is one line, without tabs"));
            }
        }
        if aliases.len() > MAX_ALIASES {
            return Err(ApiError::invalid(
                format!("{field}.aliases"),
                format!("at most {MAX_ALIASES} aliases"),
            ));
        }
        for (i, alias) in aliases.iter().enumerate() {
            if name_key::tokens(alias).is_empty() || alias.chars().count() > 200 {
                return Err(ApiError::invalid(
                    format!("{field}.aliases[{i}]"),
                    "an alias needs letters, and at most 200 characters",
                ));
            }
        }
        if let Some(year) = self.birth_year
            && !(1900..=now.year()).contains(&year)
        {
            return Err(ApiError::invalid(
                format!("{field}.birthYear"),
                format!("birthYear must be between 1900 and {}", now.year()),
            ));
        }
        if let Some(phone) = &self.phone
            && normalize_phone(phone).is_none()
        {
            return Err(ApiError::invalid(
                format!("{field}.phone"),
                "phone must be a 10-digit Indian number",
            ));
        }
        Ok(())
    }

    /// Records the person, their aliases, name tokens, phone and address; returns the row id.
    pub(crate) async fn create(
        &self,
        txn: &DatabaseTransaction,
        at: DateTime<Utc>,
    ) -> Result<i64, DbErr> {
        let name = self.name.trim().to_owned();
        let row = person::Entity::insert(person::ActiveModel {
            name_normalized: Set(name_key::normalize(&name)),
            name: Set(name.clone()),
            sex: Set(self.sex.into()),
            birth_year: Set(self.birth_year),
            birth_date: Set(None),
            relative_name: Set(self.relative_name.clone()),
            created_at: Set(at),
            ..Default::default()
        })
        .exec(txn)
        .await?;
        let id = row.last_insert_id;
        let mut words = name_key::tokens(&name);
        let aliases: Vec<String> = self
            .aliases
            .iter()
            .flatten()
            .map(|alias| alias.trim().to_owned())
            .collect();
        if !aliases.is_empty() {
            person_alias::Entity::insert_many(aliases.iter().map(|alias| {
                person_alias::ActiveModel {
                    person_id: Set(id),
                    alias_normalized: Set(name_key::normalize(alias)),
                    alias: Set(alias.clone()),
                    ..Default::default()
                }
            }))
            .exec_without_returning(txn)
            .await?;
        }
        for word in aliases.iter().flat_map(|alias| name_key::tokens(alias)) {
            if !words.contains(&word) {
                words.push(word);
            }
        }
        let initials = person_name_token::initials_of(words.iter().map(String::as_str));
        person_name_token::Entity::insert_many(words.iter().map(|token| {
            person_name_token::ActiveModel {
                token: Set(token.clone()),
                person_id: Set(id),
                initials: Set(initials),
            }
        }))
        .exec_without_returning(txn)
        .await?;
        // New words join the search vocabulary.
        name_word::Entity::insert_many(words.iter().map(|word| name_word::ActiveModel {
            phonetic: Set(name_key::phonetic(word)),
            word: Set(word.clone()),
        }))
        .on_conflict_do_nothing_on([name_word::Column::Word])
        .exec_without_returning(txn)
        .await?;
        if let Some(phone) = self.phone.as_deref().and_then(normalize_phone) {
            person_phone::Entity::insert(person_phone::ActiveModel {
                person_id: Set(id),
                phone: Set(phone),
                is_primary: Set(true),
                ..Default::default()
            })
            .exec_without_returning(txn)
            .await?;
        }
        if let Some(address) = self
            .address
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
        {
            person_address::Entity::insert(person_address::ActiveModel {
                person_id: Set(id),
                address: Set(address.to_owned()),
                district_code: Set(None),
                is_primary: Set(true),
                ..Default::default()
            })
            .exec_without_returning(txn)
            .await?;
        }
        Ok(id)
    }
}

/// A mobile number as stored (its ten national digits, as the seed and CCTNS hold them),
/// if it is one.
fn normalize_phone(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let national = match digits.len() {
        10 => digits.as_str(),
        12 if digits.starts_with("91") => &digits[2..],
        11 if digits.starts_with('0') => &digits[1..],
        _ => return None,
    };
    national
        .starts_with(['6', '7', '8', '9'])
        .then(|| national.to_owned())
}

#[cfg(test)]
mod tests {
    use super::normalize_phone;

    #[test]
    fn phones_normalise_to_ten_digits() {
        assert_eq!(
            normalize_phone("98220 12345").as_deref(),
            Some("9822012345")
        );
        assert_eq!(
            normalize_phone("+91-98220-12345").as_deref(),
            Some("9822012345")
        );
        assert_eq!(
            normalize_phone("098220 12345").as_deref(),
            Some("9822012345")
        );
        assert_eq!(normalize_phone("12345").as_deref(), None);
        assert_eq!(
            normalize_phone("1234567890").as_deref(),
            None,
            "mobiles start 6-9"
        );
    }
}
