//! `arrests`: persons arrested anywhere in the country, by date and unit: the "arrested
//! persons" search every station runs before releasing or verifying someone.

use async_graphql::{Context, InputObject};
use chrono::{DateTime, Utc};
use entities::{arrest, person, police_case};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter};

use crate::audit;
use crate::context::RequestContext;
use crate::enums::ArrestMode;
use crate::error::{ApiError, ApiResult};
use crate::investigation::Arrest;
use crate::org::{unit_by_code, units_under};
use crate::pagination::{Page, PageRequest, assemble, fetch_rows};
use crate::people::not_shielded;
use crate::policy;

/// Narrows the arrests searched.
#[derive(InputObject, Debug, Default)]
pub struct ArrestFilter {
    /// Only arrests in cases of stations inside this unit (a station, district or state).
    pub unit_code: Option<String>,
    /// Only arrests at or after this instant.
    pub arrested_from: Option<DateTime<Utc>>,
    /// Only arrests before this instant.
    pub arrested_to: Option<DateTime<Utc>>,
    /// Only arrests of this kind.
    pub mode: Option<ArrestMode>,
}

/// Arrests matching `filter`, newest first; children in conflict with law and protected
/// victims are left out for everyone outside their case team (in SQL).
pub(crate) async fn search(
    ctx: &Context<'_>,
    filter: &ArrestFilter,
    request: PageRequest,
) -> ApiResult<Page<Arrest>> {
    let principal = &RequestContext::of(ctx).principal;
    if !policy::sees_sensitive_headers(principal) {
        return Err(ApiError::forbidden(
            "the arrest search needs a police or analyst role",
        ));
    }
    let arrested = Query::select()
        .expr(Expr::val(1))
        .from(person::Entity)
        .and_where(
            Expr::col((person::Entity, person::Column::Id))
                .equals((arrest::Entity, arrest::Column::PersonId)),
        )
        .and_where(not_shielded(principal))
        .to_owned();
    let mut condition = Condition::all().add(Expr::exists(arrested));
    if let Some(code) = &filter.unit_code {
        let unit = unit_by_code(ctx, code).await?;
        let cases = Query::select()
            .column(police_case::Column::Id)
            .from(police_case::Entity)
            .and_where(police_case::Column::StationId.in_subquery(units_under(&unit.path)))
            .to_owned();
        condition = condition.add(arrest::Column::CaseId.in_subquery(cases));
    }
    if let (Some(from), Some(to)) = (filter.arrested_from, filter.arrested_to)
        && from >= to
    {
        return Err(ApiError::invalid(
            "filter.arrestedFrom",
            "arrestedFrom is not before arrestedTo",
        ));
    }
    if let Some(from) = filter.arrested_from {
        condition = condition.add(arrest::Column::ArrestedAt.gte(from));
    }
    if let Some(to) = filter.arrested_to {
        condition = condition.add(arrest::Column::ArrestedAt.lt(to));
    }
    if let Some(mode) = filter.mode {
        condition = condition.add(arrest::Column::Mode.eq(entities::enums::ArrestMode::from(mode)));
    }
    let query = arrest::Entity::find().filter(condition);
    let (rows, total) = fetch_rows(ctx, query, arrest::Column::Id, request, true).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    audit::searched(ctx, "Arrest", &format!("SEARCH {filter:?}"), &ids);
    let arrests = rows.into_iter().map(Arrest).collect();
    Ok(assemble(arrests, request, total, |a: &Arrest| a.0.id))
}
