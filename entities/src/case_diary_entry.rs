use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A case diary entry (investigative material, most restricted).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "case_diary_entry")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The case.
    pub case_id: i64,
    /// Officer who wrote the entry.
    pub author_id: Option<i64>,
    /// When the entry was made.
    pub entry_at: DateTimeUtc,
    /// Content.
    #[sea_orm(column_type = "Text")]
    pub content: String,
}

/// Relations of the `case_diary_entry` table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The `police_case` referenced by `case_id`.
    #[sea_orm(
        belongs_to = "super::police_case::Entity",
        from = "Column::CaseId",
        to = "super::police_case::Column::Id",
        on_delete = "Restrict"
    )]
    Case,
    /// The `officer` referenced by `author_id`.
    #[sea_orm(
        belongs_to = "super::officer::Entity",
        from = "Column::AuthorId",
        to = "super::officer::Column::Id",
        on_delete = "Restrict"
    )]
    Author,
}

impl Related<super::police_case::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Case.def()
    }
}

impl Related<super::officer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Author.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
