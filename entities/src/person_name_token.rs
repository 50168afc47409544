use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// One word of a person's name or of one of their aliases (derived by
/// [`crate::name_key::tokens`]), for indexed lookup of persons by any word of their name.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "person_name_token")]
pub struct Model {
    /// The normalised word.
    #[sea_orm(primary_key, auto_increment = false)]
    pub token: String,
    /// The person.
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: i64,
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
