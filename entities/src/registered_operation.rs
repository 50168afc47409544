use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A GraphQL document registered for the safelist (`cctns operations add`): in safelist
/// mode only these run, sent whole or by their hash.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "registered_operation")]
pub struct Model {
    /// SHA-256 of the document text, lowercase hex (Apollo's persisted query id).
    #[sea_orm(primary_key, auto_increment = false)]
    pub hash: String,
    /// The names of its operations, comma-separated (none when anonymous).
    pub name: Option<String>,
    /// The document, exactly as clients send it.
    pub document: String,
    /// When it was registered.
    pub added_at: DateTimeUtc,
}

/// `registered_operation` references nothing.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
