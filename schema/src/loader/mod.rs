//! Per-request batching: one [`DbLoader`] that loads every key kind, behind the
//! request's [`Loaders`].
//!
//! Each relation has its own key type (declared with [`by_id!`] or [`children!`]), so a
//! query level that touches N parents issues one SQL statement per relation, never one
//! per row. The loaders are created per request (see [`crate::RequestContext`]), so
//! what they remember never outlives a request or crosses principals; they load in
//! waves (see [`waves`]), so the statements a request runs depend on its shape, not on
//! its row count or on timing.

use std::sync::Arc;

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, DbBackend, DbErr};

pub(crate) mod batches;
mod waves;
mod windowed;

pub use batches::{BATCH_BUCKETS, BatchSeries, batch_sizes};
pub use waves::{BatchQueue, Driven, DrivenStream, Loaders, loaders};
pub use windowed::{Child, Column, CountOf, PageOf, PagedRelation};

/// The most keys one statement carries (kept below SQLite's bound-parameter limit).
pub const MAX_BATCH: usize = 10_000;

/// Loads rows for any key kind declared in this module.
pub struct DbLoader {
    pub(crate) db: DatabaseConnection,
}

/// Error type of every load.
pub type LoadError = Arc<DbErr>;

/// `column IN (keys)`, written as the backend plans it best: on PostgreSQL one array
/// parameter (`= ANY($1)`), so the statement's text is the same however many keys a wave
/// carries and its plan is prepared once per connection (a list of 5,000 parameters is
/// parsed and planned afresh for every count); elsewhere a list of parameters.
pub fn key_in<C: ColumnTrait>(
    backend: DbBackend,
    column: C,
    keys: impl IntoIterator<Item = i64>,
) -> Expr {
    match backend {
        DbBackend::Postgres => Expr::cust_with_exprs(
            "$1 = ANY(CAST($2 AS BIGINT[]))",
            [column.into_expr(), Expr::val(array_literal(keys))],
        ),
        _ => column.is_in(keys),
    }
}

/// `keys` as a PostgreSQL array literal (`{1,2,3}`).
pub(crate) fn array_literal(keys: impl IntoIterator<Item = i64>) -> String {
    let mut literal = String::from("{");
    for (n, key) in keys.into_iter().enumerate() {
        if n > 0 {
            literal.push(',');
        }
        literal.push_str(&key.to_string());
    }
    literal.push('}');
    literal
}

/// Declares a key type that loads rows of an entity by primary key.
macro_rules! by_id {
    ($(#[$doc:meta])* $key:ident => $module:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub i64);

        impl async_graphql::dataloader::Loader<$key> for $crate::loader::DbLoader {
            type Value = entities::$module::Model;
            type Error = $crate::loader::LoadError;

            async fn load(
                &self,
                keys: &[$key],
            ) -> Result<std::collections::HashMap<$key, Self::Value>, Self::Error> {
                $crate::loader::batches::observe::<$key>(keys.len());
                use sea_orm::{EntityTrait, QueryFilter};
                let rows = entities::$module::Entity::find()
                    .filter($crate::loader::key_in(self.db.get_database_backend(), entities::$module::Column::Id, keys.iter().map(|k| k.0)))
                    .all(&self.db)
                    .await?;
                Ok(rows.into_iter().map(|row| ($key(row.id), row)).collect())
            }
        }
    };
}

/// A foreign-key value, mandatory or optional, as the parent id it names.
pub trait ParentId {
    /// The parent's id, if the column holds one.
    fn parent_id(&self) -> Option<i64>;
}

impl ParentId for i64 {
    fn parent_id(&self) -> Option<i64> {
        Some(*self)
    }
}

impl ParentId for Option<i64> {
    fn parent_id(&self) -> Option<i64> {
        *self
    }
}

/// Declares a key type that loads every child row of a parent, in id order (or in the
/// order of the column named after `by`).
macro_rules! children {
    ($(#[$doc:meta])* $key:ident => $module:ident . $column:ident ($field:ident)) => {
        children!($(#[$doc])* $key => $module . $column ($field) by Id);
    };
    ($(#[$doc:meta])* $key:ident => $module:ident . $column:ident ($field:ident) by $order:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub i64);

        impl async_graphql::dataloader::Loader<$key> for $crate::loader::DbLoader {
            type Value = Vec<entities::$module::Model>;
            type Error = $crate::loader::LoadError;

            async fn load(
                &self,
                keys: &[$key],
            ) -> Result<std::collections::HashMap<$key, Self::Value>, Self::Error> {
                $crate::loader::batches::observe::<$key>(keys.len());
                use $crate::loader::ParentId;
                use sea_orm::{EntityTrait, QueryFilter, QueryOrder};
                let rows = entities::$module::Entity::find()
                    .filter($crate::loader::key_in(self.db.get_database_backend(), entities::$module::Column::$column, keys.iter().map(|k| k.0)))
                    .order_by_asc(entities::$module::Column::$order)
                    .all(&self.db)
                    .await?;
                let mut grouped: std::collections::HashMap<$key, Self::Value> =
                    keys.iter().map(|k| (*k, Vec::new())).collect();
                for row in rows {
                    if let Some(parent) = row.$field.parent_id() {
                        grouped.entry($key(parent)).or_default().push(row);
                    }
                }
                Ok(grouped)
            }
        }
    };
}

/// Declares a key type that loads the one row of an entity with a unique column value.
macro_rules! by_unique {
    ($(#[$doc:meta])* $key:ident => $module:ident . $column:ident ($field:ident)) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub i64);

        impl async_graphql::dataloader::Loader<$key> for $crate::loader::DbLoader {
            type Value = entities::$module::Model;
            type Error = $crate::loader::LoadError;

            async fn load(
                &self,
                keys: &[$key],
            ) -> Result<std::collections::HashMap<$key, Self::Value>, Self::Error> {
                $crate::loader::batches::observe::<$key>(keys.len());
                use sea_orm::{EntityTrait, QueryFilter};
                let rows = entities::$module::Entity::find()
                    .filter($crate::loader::key_in(self.db.get_database_backend(), entities::$module::Column::$column, keys.iter().map(|k| k.0)))
                    .all(&self.db)
                    .await?;
                Ok(rows.into_iter().map(|row| ($key(row.$field), row)).collect())
            }
        }
    };
}

/// Declares a key type that loads, through a link table, the ids linked to a row.
macro_rules! linked_ids {
    ($(#[$doc:meta])* $key:ident => $module:ident . $column:ident ($field:ident) -> $target:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub i64);

        impl async_graphql::dataloader::Loader<$key> for $crate::loader::DbLoader {
            type Value = Vec<i64>;
            type Error = $crate::loader::LoadError;

            async fn load(
                &self,
                keys: &[$key],
            ) -> Result<std::collections::HashMap<$key, Self::Value>, Self::Error> {
                $crate::loader::batches::observe::<$key>(keys.len());
                use sea_orm::{EntityTrait, QueryFilter};
                let links = entities::$module::Entity::find()
                    .filter($crate::loader::key_in(self.db.get_database_backend(), entities::$module::Column::$column, keys.iter().map(|k| k.0)))
                    .all(&self.db)
                    .await?;
                let mut grouped: std::collections::HashMap<$key, Self::Value> =
                    keys.iter().map(|k| (*k, Vec::new())).collect();
                for link in links {
                    grouped.entry($key(link.$field)).or_default().push(link.$target);
                }
                for ids in grouped.values_mut() {
                    ids.sort_unstable();
                }
                Ok(grouped)
            }
        }
    };
}

pub(crate) use {by_id, by_unique, children, linked_ids};
