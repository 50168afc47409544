//! Relay pagination: opaque cursors, page-size rules and connection assembly.
//!
//! Every list that can grow without bound is a Relay connection paged forward with
//! `first`/`after`. Cursors are opaque (base64 of the row's position key); a page holds
//! [`DEFAULT_PAGE_SIZE`] rows unless `first` says otherwise, and never more than
//! [`MAX_PAGE_SIZE`]: a larger `first` is refused with `BAD_USER_INPUT`.

use async_graphql::SimpleObject;
use async_graphql::connection::{Connection, Edge, EmptyFields};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::error::{ApiError, ApiResult};

/// Rows per page when `first` is not given.
pub const DEFAULT_PAGE_SIZE: u64 = 20;
/// The most rows one page may hold.
pub const MAX_PAGE_SIZE: u64 = 100;

/// Fields every connection carries beside `edges` and `pageInfo`.
#[derive(SimpleObject, Debug, Clone, Copy)]
pub struct ConnectionTotals {
    /// How many records match, across all pages.
    pub total_count: i64,
}

/// A Relay connection of `T` with an opaque string cursor and `totalCount`.
pub type Page<T> = Connection<String, T, ConnectionTotals, EmptyFields>;

/// A validated page request: how many rows, and the position key to start after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PageRequest {
    /// Rows wanted.
    pub limit: u64,
    /// Position key (row id) of the last row already seen.
    pub after: Option<i64>,
}

impl PageRequest {
    /// Validates `first`/`after` from a field's arguments.
    pub fn new(first: Option<i32>, after: Option<&str>) -> ApiResult<Self> {
        let limit = match first {
            None => DEFAULT_PAGE_SIZE,
            Some(n) if n < 0 => return Err(ApiError::bad_input("`first` must not be negative")),
            Some(n) if n as u64 > MAX_PAGE_SIZE => {
                return Err(ApiError::bad_input(format!(
                    "`first` must be at most {MAX_PAGE_SIZE}"
                )));
            }
            Some(n) => n as u64,
        };
        let after = after.map(decode_cursor).transpose()?;
        Ok(Self { limit, after })
    }
}

const CURSOR_PREFIX: &str = "c:";

/// The opaque cursor of the row with position key `key`.
/// Hits a ranked search returns when `first` is not given.
const DEFAULT_HITS: i32 = 10;
/// The most hits one ranked search returns.
const MAX_HITS: i32 = 50;

/// The number of hits a ranked (not paged) search returns: `first`, 10 unless given,
/// between 1 and 50 (`BAD_USER_INPUT` on `first` otherwise).
pub fn ranked_hits(first: Option<i32>) -> ApiResult<usize> {
    match first.unwrap_or(DEFAULT_HITS) {
        n @ 1..=MAX_HITS => Ok(n as usize),
        _ => Err(ApiError::invalid(
            "first",
            format!("first is between 1 and {MAX_HITS}"),
        )),
    }
}

pub fn encode_cursor(key: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("{CURSOR_PREFIX}{key}"))
}

/// The position key inside a cursor made by [`encode_cursor`].
pub fn decode_cursor(cursor: &str) -> ApiResult<i64> {
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| text.strip_prefix(CURSOR_PREFIX)?.parse().ok())
        .ok_or_else(|| ApiError::bad_input("invalid cursor"))
}

/// Builds a connection from up to `limit + 1` fetched rows (the extra one only tells
/// whether another page follows).
pub fn assemble<T, K>(mut rows: Vec<T>, request: PageRequest, total_count: i64, key: K) -> Page<T>
where
    T: async_graphql::OutputType,
    K: Fn(&T) -> i64,
{
    let has_next = rows.len() as u64 > request.limit;
    rows.truncate(request.limit as usize);
    let mut connection = Connection::with_additional_fields(
        request.after.is_some(),
        has_next,
        ConnectionTotals { total_count },
    );
    connection.edges.extend(
        rows.into_iter()
            .map(|row| Edge::new(encode_cursor(key(&row)), row)),
    );
    connection
}

/// Runs one page of a root list: counts the matches when `totalCount` is selected, and
/// fetches `limit + 1` rows after the cursor, ordered by id (newest first or oldest first).
pub async fn fetch_page<E, T>(
    ctx: &async_graphql::Context<'_>,
    query: sea_orm::Select<E>,
    id: E::Column,
    request: PageRequest,
    newest_first: bool,
    wrap: impl Fn(E::Model) -> T,
) -> ApiResult<Page<T>>
where
    E: sea_orm::EntityTrait,
    E::Model: Send + Sync,
    T: async_graphql::OutputType + Keyed,
{
    let (rows, total) = fetch_rows(ctx, query, id, request, newest_first).await?;
    let items = rows.into_iter().map(wrap).collect();
    Ok(assemble(items, request, total, T::key))
}

/// The rows of one page of a root list and the total count (0 unless `totalCount` is
/// selected), for lists whose items need more work than [`fetch_page`]'s `wrap`.
pub async fn fetch_rows<E>(
    ctx: &async_graphql::Context<'_>,
    query: sea_orm::Select<E>,
    id: E::Column,
    request: PageRequest,
    newest_first: bool,
) -> ApiResult<(Vec<E::Model>, i64)>
where
    E: sea_orm::EntityTrait,
    E::Model: Send + Sync,
{
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
    let db = &crate::context::RequestContext::of(ctx).db;
    let total = if ctx.look_ahead().field("totalCount").exists() {
        query.clone().count(db).await? as i64
    } else {
        0
    };
    let mut page = query;
    if let Some(after) = request.after {
        page = page.filter(if newest_first {
            id.lt(after)
        } else {
            id.gt(after)
        });
    }
    page = if newest_first {
        page.order_by_desc(id)
    } else {
        page.order_by_asc(id)
    };
    Ok((page.limit(request.limit + 1).all(db).await?, total))
}

/// Runs one page of a nested connection (a station's FIRs, a court case's hearings)
/// through the windowed loaders, so every parent at this level shares one statement for
/// the rows and one for the counts (the latter only when `totalCount` is selected).
pub async fn fetch_child_page<R, T>(
    ctx: &async_graphql::Context<'_>,
    parent: i64,
    request: PageRequest,
    public_only: bool,
    wrap: impl Fn(crate::loader::Child<R>) -> T,
) -> ApiResult<Page<T>>
where
    R: crate::loader::PagedRelation,
    T: async_graphql::OutputType + Keyed,
{
    use crate::loader::{CountOf, PageOf};
    let loaders = &crate::context::RequestContext::of(ctx).loaders;
    let total = if ctx.look_ahead().field("totalCount").exists() {
        loaders
            .load_one(CountOf::<R>::new(parent, public_only))
            .await?
            .unwrap_or(0)
    } else {
        0
    };
    let rows = loaders
        .load_one(PageOf::<R>::new(parent, request, public_only))
        .await?
        .unwrap_or_default();
    R::prime(loaders, &rows);
    let items = rows.into_iter().map(wrap).collect();
    Ok(assemble(items, request, total, T::key))
}

/// An object whose position in a list is its row id.
pub trait Keyed {
    /// The row id.
    fn key(&self) -> i64;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        assert_eq!(decode_cursor(&encode_cursor(12345)).unwrap(), 12345);
        assert!(decode_cursor("not a cursor").is_err());
        assert!(decode_cursor(&URL_SAFE_NO_PAD.encode("x:1")).is_err());
    }

    #[test]
    fn page_size_defaults_and_bounds() {
        assert_eq!(
            PageRequest::new(None, None).unwrap().limit,
            DEFAULT_PAGE_SIZE
        );
        assert_eq!(PageRequest::new(Some(5), None).unwrap().limit, 5);
        let too_many = PageRequest::new(Some(MAX_PAGE_SIZE as i32 + 1), None).unwrap_err();
        assert_eq!(too_many.code, crate::error::ErrorCode::BadUserInput);
        assert!(PageRequest::new(Some(-1), None).is_err());
    }
}
