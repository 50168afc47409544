use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::Act;

/// A section of an act in the statute catalogue.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "statute")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Act the section belongs to.
    pub act: Act,
    /// Section as written (e.g. `303(2)`, `498A`).
    pub section: String,
    /// Short title of the offence or provision.
    pub title: String,
    /// Crime head for statistics (e.g. `MURDER`, `THEFT`, `OTHER`).
    pub crime_head: String,
    /// Whether the victim's identity is protected by law in offences under this section (sexual
    /// offences, POCSO).
    pub victim_identity_protected: bool,
}

/// Relations of the `statute` table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The `statute_equivalent` rows referencing this row by `statute_id`.
    #[sea_orm(has_many = "super::statute_equivalent::Entity")]
    StatuteEquivalentStatute,
    /// The `statute_equivalent` rows referencing this row by `equivalent_id`.
    #[sea_orm(
        has_many = "super::statute_equivalent::Entity",
        via_rel = "Relation::Equivalent"
    )]
    StatuteEquivalentEquivalent,
    /// The `charge` rows referencing this row by `statute_id`.
    #[sea_orm(has_many = "super::charge::Entity")]
    Charge,
}

impl Related<super::statute_equivalent::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::StatuteEquivalentStatute.def()
    }
}

impl Related<super::charge::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Charge.def()
    }
}

/// Link from a statute to its equivalents through `statute_equivalent`, for `find_linked`.
#[derive(Clone, Copy, Debug)]
pub struct Equivalents;

impl Linked for Equivalents {
    type FromEntity = Entity;
    type ToEntity = Entity;

    fn link(&self) -> Vec<RelationDef> {
        vec![
            super::statute_equivalent::Relation::Statute.def().rev(),
            super::statute_equivalent::Relation::Equivalent.def(),
        ]
    }
}

impl ActiveModelBehavior for ActiveModel {}
