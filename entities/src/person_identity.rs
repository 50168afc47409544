use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::IdentityKind;

/// An identity document number of a person (personal data).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "person_identity")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The person.
    pub person_id: i64,
    /// Kind of identity document.
    pub kind: IdentityKind,
    /// Document number.
    pub number: String,
}

/// Relations of the `person_identity` table.
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
