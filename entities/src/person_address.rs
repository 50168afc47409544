use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// An address of a person (personal data).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "person_address")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The person.
    pub person_id: i64,
    /// Address.
    #[sea_orm(column_type = "Text")]
    pub address: String,
    /// Code of the district the address lies in.
    pub district_code: Option<String>,
    /// Whether this is the primary address.
    pub is_primary: bool,
}

/// Relations of the `person_address` table.
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
