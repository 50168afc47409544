//! Courts: court cases (by CNR), hearings, orders and disposals.

mod types;
mod write;

use async_graphql::{Context, Object};
use entities::{court_case, hearing};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

pub use types::{CourtCase, CourtOrder, Disposal, Hearing};
pub use write::{CourtMutation, DisposalInput, IssueCourtOrderInput, RegisterCourtCaseInput};

use crate::context::RequestContext;
use crate::error::{ApiError, ApiResult};
use crate::loader::{PagedRelation, by_id, children};
use crate::policy::Access;

by_id!(
    /// A court case by row id.
    CourtCaseById => court_case
);
by_id!(
    /// A hearing by row id.
    HearingById => hearing
);
children!(
    /// Orders issued in a court case.
    OrdersOfCourtCase => court_order . CourtCaseId (court_case_id)
);
children!(
    /// Disposals (per accused) in a court case.
    DisposalsOfCourtCase => disposal . CourtCaseId (court_case_id)
);

/// A court case's hearings, in the order they were listed, paged per court case.
pub struct HearingsOfCourtCase;

impl PagedRelation for HearingsOfCourtCase {
    type Child = hearing::Entity;
    type Parent = court_case::Entity;
    const PARENT_COLUMN: hearing::Column = hearing::Column::CourtCaseId;
    const NEWEST_FIRST: bool = false;
    const SENSITIVE_COLUMN: Option<hearing::Column> = None;
    fn parent_of(row: &hearing::Model) -> i64 {
        row.court_case_id
    }
}

/// Validates a CNR: 16 letters and digits.
pub fn valid_cnr(cnr: &str) -> bool {
    cnr.len() == 16 && cnr.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Queries over court records.
#[derive(Default)]
pub struct CourtQuery;

#[Object]
impl CourtQuery {
    /// One court case by its CNR (Case Number Record: 16 letters and digits, permanent).
    async fn court_case(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The CNR, e.g. `MHPU010012342024`.")] cnr: String,
    ) -> ApiResult<Option<CourtCase>> {
        let cnr = cnr.trim().to_ascii_uppercase();
        if !valid_cnr(&cnr) {
            return Err(ApiError::bad_input("a CNR is 16 letters and digits"));
        }
        let found = court_case::Entity::find()
            .filter(court_case::Column::Cnr.eq(cnr))
            .one(&RequestContext::of(ctx).db)
            .await?;
        let Some(row) = found else { return Ok(None) };
        visible(ctx, row).await
    }
}

async fn visible(ctx: &Context<'_>, row: court_case::Model) -> ApiResult<Option<CourtCase>> {
    let case = CourtCase(row);
    match case.access(ctx).await? {
        Access::Full => Ok(Some(case)),
        _ => Err(ApiError::forbidden("this court case is not visible to you")),
    }
}

/// A court case by row id, if the caller may see it (`FORBIDDEN` otherwise).
pub async fn find_court_case(ctx: &Context<'_>, row_id: i64) -> ApiResult<Option<CourtCase>> {
    match RequestContext::of(ctx)
        .loaders
        .load_one(CourtCaseById(row_id))
        .await?
    {
        Some(row) => visible(ctx, row).await,
        None => Ok(None),
    }
}

/// A hearing by row id, if the caller may see its court case (`FORBIDDEN` otherwise).
pub async fn find_hearing(ctx: &Context<'_>, row_id: i64) -> ApiResult<Option<Hearing>> {
    let Some(row) = RequestContext::of(ctx)
        .loaders
        .load_one(HearingById(row_id))
        .await?
    else {
        return Ok(None);
    };
    Ok(find_court_case(ctx, row.court_case_id)
        .await?
        .map(|_| Hearing(row)))
}
