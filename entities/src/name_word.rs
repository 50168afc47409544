use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A distinct word of the names and aliases on record, with its phonetic key
/// ([`crate::name_key::phonetic`]): the vocabulary person search matches spellings
/// against before it looks persons up by word.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "name_word")]
pub struct Model {
    /// The normalised word.
    #[sea_orm(primary_key, auto_increment = false)]
    pub word: String,
    /// Its phonetic key.
    pub phonetic: String,
}

/// `name_word` has no relations (words are shared by many persons).
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
