//! Per-parent pagination that stays batched: one statement pages the children of many
//! parents at once (a station's FIRs, a court case's hearings), instead of one `LIMIT`
//! query per parent.
//!
//! The statement joins each parent to a correlated `LIMIT` subquery (`LATERAL` on
//! PostgreSQL), answered from the `(parent_id, id)` index: it reads `first + 1` rows per
//! parent however many children the parent has (a `ROW_NUMBER() OVER (PARTITION BY …)`
//! window would rank every child of every parent first).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

use async_graphql::dataloader::Loader;
use sea_orm::{DbBackend, EntityName, EntityTrait, FromQueryResult, IdenStatic, Statement, Value};

use super::{DbLoader, LoadError};
use crate::pagination::PageRequest;

/// A parent → children relation paged per parent.
pub trait PagedRelation: Send + Sync + 'static {
    /// The children's entity.
    type Child: EntityTrait<Model: Clone + Send + Sync + 'static>;
    /// The parents' entity.
    type Parent: EntityTrait;
    /// Column of the child naming its parent.
    const PARENT_COLUMN: Column<Self>;
    /// Newest (highest id) first, or oldest first.
    const NEWEST_FIRST: bool;
    /// Boolean column that, when `public_only` is asked, must be false.
    const SENSITIVE_COLUMN: Option<Column<Self>>;
    /// The parent id of a child row.
    fn parent_of(row: &Child<Self>) -> i64;
    /// Puts a loaded page's rows where by-id loads find them (an FIR that a party of it
    /// names), so they are not loaded again; nothing by default.
    fn prime(loaders: &super::Loaders, rows: &[Child<Self>]) {
        let _ = (loaders, rows);
    }
}

/// A child row of relation `R`.
pub type Child<R> = <<R as PagedRelation>::Child as EntityTrait>::Model;

/// A column of relation `R`'s child table.
pub type Column<R> = <<R as PagedRelation>::Child as EntityTrait>::Column;

/// The table names and the parent column of `R`, for the statements below.
fn names<R: PagedRelation>() -> (&'static str, &'static str, &'static str) {
    (
        R::Child::default().table_name(),
        R::Parent::default().table_name(),
        R::PARENT_COLUMN.as_str(),
    )
}

/// One page (plus one look-ahead row) of one parent's children.
pub struct PageOf<R> {
    /// The parent's row id.
    pub parent: i64,
    /// Which page.
    pub page: PageRequest,
    /// Leave out children marked sensitive.
    pub public_only: bool,
    _relation: PhantomData<fn() -> R>,
}

/// How many children a parent has (`public_only`: only those not marked sensitive).
pub struct CountOf<R> {
    /// The parent's row id.
    pub parent: i64,
    /// Count only children not marked sensitive.
    pub public_only: bool,
    _relation: PhantomData<fn() -> R>,
}

impl<R> PageOf<R> {
    /// The key of one page of `parent`'s children.
    pub fn new(parent: i64, page: PageRequest, public_only: bool) -> Self {
        Self {
            parent,
            page,
            public_only,
            _relation: PhantomData,
        }
    }
}

impl<R> CountOf<R> {
    /// The key of `parent`'s child count.
    pub fn new(parent: i64, public_only: bool) -> Self {
        Self {
            parent,
            public_only,
            _relation: PhantomData,
        }
    }
}

// Manual impls: derives would needlessly require `R` itself to be Clone/Eq/Hash.
impl<R> Clone for PageOf<R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<R> Copy for PageOf<R> {}
impl<R> PartialEq for PageOf<R> {
    fn eq(&self, other: &Self) -> bool {
        (self.parent, self.page, self.public_only) == (other.parent, other.page, other.public_only)
    }
}
impl<R> Eq for PageOf<R> {}
impl<R> Hash for PageOf<R> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (self.parent, self.page, self.public_only).hash(state);
    }
}
impl<R> Clone for CountOf<R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<R> Copy for CountOf<R> {}
impl<R> PartialEq for CountOf<R> {
    fn eq(&self, other: &Self) -> bool {
        (self.parent, self.public_only) == (other.parent, other.public_only)
    }
}
impl<R> Eq for CountOf<R> {}
impl<R> Hash for CountOf<R> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (self.parent, self.public_only).hash(state);
    }
}

/// `?`/`$n` placeholders for `count` values starting at position `start` (1-based).
fn placeholders(backend: DbBackend, start: usize, count: usize) -> String {
    (start..start + count)
        .map(|n| match backend {
            DbBackend::Postgres => format!("${n}"),
            _ => "?".to_owned(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The condition that `column` is one of `parents`, its values pushed onto `values`: one
/// array parameter on PostgreSQL (see [`super::key_in`]), a list elsewhere.
fn among(backend: DbBackend, column: &str, parents: &[i64], values: &mut Vec<Value>) -> String {
    match backend {
        DbBackend::Postgres => {
            values.push(super::array_literal(parents.iter().copied()).into());
            format!("{column} = ANY(CAST(${} AS BIGINT[]))", values.len())
        }
        _ => {
            let start = values.len() + 1;
            values.extend(parents.iter().map(|id| Value::from(*id)));
            format!(
                "{column} IN ({})",
                placeholders(backend, start, parents.len())
            )
        }
    }
}

/// ` AND p.<sensitive> = false`, when asked and the relation has such a column.
fn sensitive_clause<R: PagedRelation>(
    backend: DbBackend,
    public_only: bool,
    values: &mut Vec<Value>,
) -> String {
    match (public_only, R::SENSITIVE_COLUMN) {
        (true, Some(column)) => {
            values.push(false.into());
            format!(
                " AND p.{} = {}",
                column.as_str(),
                placeholders(backend, values.len(), 1)
            )
        }
        _ => String::new(),
    }
}

impl<R: PagedRelation> Loader<PageOf<R>> for DbLoader {
    type Value = Vec<Child<R>>;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[PageOf<R>],
    ) -> Result<HashMap<PageOf<R>, Self::Value>, Self::Error> {
        crate::loader::batches::observe::<PageOf<R>>(keys.len());
        let backend = self.db.get_database_backend();
        let (child, parent, column) = names::<R>();
        let mut by_page: HashMap<(PageRequest, bool), Vec<i64>> = HashMap::new();
        for key in keys {
            by_page
                .entry((key.page, key.public_only))
                .or_default()
                .push(key.parent);
        }
        let (direction, before) = if R::NEWEST_FIRST {
            ("DESC", "<")
        } else {
            ("ASC", ">")
        };
        let mut out: HashMap<PageOf<R>, Self::Value> =
            keys.iter().map(|k| (*k, Vec::new())).collect();
        for ((page, public_only), parents) in by_page {
            let mut values: Vec<Value> = Vec::new();
            // PostgreSQL runs a LATERAL subquery once per parent; SQLite has no LATERAL but
            // plans the correlated `IN (… LIMIT)` the same way (PostgreSQL would not: it
            // re-evaluates that subquery for every child row).
            let (open, select, close) = match backend {
                DbBackend::Postgres => ("CROSS JOIN LATERAL (", "p.*", ") c"),
                _ => ("JOIN {child} c ON c.id IN (", "p.id", ")"),
            };
            let mut sql = format!(
                "SELECT c.* FROM {parent} s {open}SELECT {select} FROM {child} p WHERE p.{column} = s.id",
                open = open.replace("{child}", child),
            );
            if let Some(after) = page.after {
                values.push(after.into());
                sql += &format!(
                    " AND p.id {before} {}",
                    placeholders(backend, values.len(), 1)
                );
            }
            sql += &sensitive_clause::<R>(backend, public_only, &mut values);
            values.push(((page.limit + 1) as i64).into());
            sql += &format!(
                " ORDER BY p.id {direction} LIMIT {}{close}",
                placeholders(backend, values.len(), 1),
            );
            sql += &format!(
                " WHERE {} ORDER BY c.id {direction}",
                among(backend, "s.id", &parents, &mut values)
            );
            let rows = <Child<R> as FromQueryResult>::find_by_statement(
                Statement::from_sql_and_values(backend, sql, values),
            )
            .all(&self.db)
            .await?;
            for row in rows {
                out.entry(PageOf::new(R::parent_of(&row), page, public_only))
                    .or_default()
                    .push(row);
            }
        }
        Ok(out)
    }
}

#[derive(FromQueryResult)]
struct ParentCount {
    parent: i64,
    n: i64,
}

impl<R: PagedRelation> Loader<CountOf<R>> for DbLoader {
    type Value = i64;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[CountOf<R>],
    ) -> Result<HashMap<CountOf<R>, Self::Value>, Self::Error> {
        crate::loader::batches::observe::<CountOf<R>>(keys.len());
        let backend = self.db.get_database_backend();
        let (child, _, parent_column) = names::<R>();
        let mut out: HashMap<_, _> = keys.iter().map(|k| (*k, 0)).collect();
        for public_only in [false, true] {
            let parents: Vec<i64> = keys
                .iter()
                .filter(|k| k.public_only == public_only)
                .map(|k| k.parent)
                .collect();
            if parents.is_empty() {
                continue;
            }
            let mut values: Vec<Value> = Vec::new();
            let column = format!("p.{parent_column}");
            let mut sql = format!(
                "SELECT {column} AS parent, COUNT(*) AS n FROM {child} p WHERE {}",
                among(backend, &column, &parents, &mut values),
            );
            sql += &sensitive_clause::<R>(backend, public_only, &mut values);
            sql += &format!(" GROUP BY {column}");
            let counts = ParentCount::find_by_statement(Statement::from_sql_and_values(
                backend, sql, values,
            ))
            .all(&self.db)
            .await?;
            for count in counts {
                out.insert(CountOf::new(count.parent, public_only), count.n);
            }
        }
        Ok(out)
    }
}
