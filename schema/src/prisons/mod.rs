//! Prisons: custody records (e-Prisons) and movements.

mod types;
mod write;

use async_graphql::{Context, ID, InputObject, Object};
use entities::{court_case, prison_record};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter};

pub use types::{PrisonMovement, PrisonRecord};
pub use write::{AdmitPrisonerInput, PrisonMutation, RecordPrisonMovementInput};

use crate::audit;
use crate::context::RequestContext;
use crate::enums::PrisonerCategory;
use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::loader::{by_id, children};
use crate::org::{unit_by_code, units_under};
use crate::pagination::{Page, PageRequest, fetch_page};
use crate::people::named;
use crate::policy::{ListScope, Register};

by_id!(
    /// A custody record by row id.
    PrisonRecordById => prison_record
);
children!(
    /// A person's custody records, oldest first.
    PrisonRecordsOfPerson => prison_record . PersonId (person_id)
);
children!(
    /// Movements of one custody record.
    MovementsOfRecord => prison_movement . PrisonRecordId (prison_record_id)
);

/// Narrows a list of custody records.
#[derive(InputObject, Debug, Default)]
pub struct PrisonRecordFilter {
    /// Only records of prisons inside this unit's subtree (a prison, district or state).
    pub unit_code: Option<String>,
    /// Only this category of prisoner.
    pub category: Option<PrisonerCategory>,
    /// `true`: only prisoners in custody now (not released, not escaped); `false`: only
    /// those no longer in custody.
    pub in_custody: Option<bool>,
    /// Only prisoners with a name or alias word starting with each word of this, in any
    /// order.
    pub name: Option<String>,
    /// Only records linked to this FIR (global id).
    pub fir: Option<ID>,
    /// Only records linked to the court case with this CNR.
    pub cnr: Option<String>,
}

/// The custody records the caller may list, as the policy scopes them
/// ([`Register::CustodyRecords`]).
fn listing_scope(ctx: &Context<'_>) -> ApiResult<Condition> {
    let principal = &RequestContext::of(ctx).principal;
    Ok(match ListScope::of(principal, Register::CustodyRecords)? {
        ListScope::Everything => Condition::all(),
        ListScope::UnitsUnder(path) => {
            Condition::all().add(prison_record::Column::PrisonId.in_subquery(units_under(&path)))
        }
        ListScope::CourtsUnder(path) => Condition::all().add(
            prison_record::Column::CourtCaseId.in_subquery(
                Query::select()
                    .column(court_case::Column::Id)
                    .from(court_case::Entity)
                    .and_where(court_case::Column::CourtId.in_subquery(units_under(&path)))
                    .to_owned(),
            ),
        ),
        ListScope::Station(_) | ListScope::Office { .. } | ListScope::Own { .. } => {
            return Err(ApiError::forbidden(
                "custody records need an authorised role",
            ));
        }
    })
}

/// Queries over custody records.
#[derive(Default)]
pub struct PrisonQuery;

#[Object]
impl PrisonQuery {
    /// Custody records the caller may see, newest admission first.
    async fn prison_records(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Narrow the list.")] filter: Option<PrisonRecordFilter>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last record already seen.")] after: Option<String>,
    ) -> ApiResult<Page<PrisonRecord>> {
        let request = PageRequest::new(first, after.as_deref())?;
        let filter = filter.unwrap_or_default();
        let mut condition = listing_scope(ctx)?;
        if let Some(code) = &filter.unit_code {
            let unit = unit_by_code(ctx, code).await?;
            condition =
                condition.add(prison_record::Column::PrisonId.in_subquery(units_under(&unit.path)));
        }
        if let Some(category) = filter.category {
            condition = condition.add(
                prison_record::Column::Category
                    .eq(entities::enums::PrisonerCategory::from(category)),
            );
        }
        match filter.in_custody {
            Some(true) => {
                condition = condition
                    .add(prison_record::Column::ReleasedAt.is_null())
                    .add(prison_record::Column::EscapedAt.is_null());
            }
            Some(false) => {
                condition = condition.add(
                    Condition::any()
                        .add(prison_record::Column::ReleasedAt.is_not_null())
                        .add(prison_record::Column::EscapedAt.is_not_null()),
                );
            }
            None => {}
        }
        if let Some(name) = &filter.name {
            condition = condition.add(named(prison_record::Column::PersonId, name)?);
        }
        if let Some(fir) = &filter.fir {
            let fir = ids::decode("Fir", fir)
                .map_err(|_| ApiError::invalid("filter.fir", "not the id of an FIR"))?;
            condition = condition.add(prison_record::Column::FirId.eq(fir));
        }
        if let Some(cnr) = &filter.cnr {
            let court_cases = Query::select()
                .column(court_case::Column::Id)
                .from(court_case::Entity)
                .and_where(court_case::Column::Cnr.eq(cnr.trim().to_uppercase()))
                .to_owned();
            condition = condition.add(prison_record::Column::CourtCaseId.in_subquery(court_cases));
        }
        let query = prison_record::Entity::find().filter(condition);
        let page = fetch_page(
            ctx,
            query,
            prison_record::Column::Id,
            request,
            true,
            PrisonRecord,
        )
        .await?;
        if filter.name.is_some() || filter.fir.is_some() || filter.cnr.is_some() {
            let ids: Vec<i64> = page.edges.iter().map(|edge| edge.node.0.id).collect();
            audit::searched(ctx, "PrisonRecord", &format!("SEARCH {filter:?}"), &ids);
        }
        Ok(page)
    }
}

/// A custody record by row id, if the caller may see it (`FORBIDDEN` otherwise).
pub async fn find_prison_record(ctx: &Context<'_>, row_id: i64) -> ApiResult<Option<PrisonRecord>> {
    let Some(row) = RequestContext::of(ctx)
        .loaders
        .load_one(PrisonRecordById(row_id))
        .await?
    else {
        return Ok(None);
    };
    let record = PrisonRecord(row);
    if record.access(ctx).await?.is_full() {
        Ok(Some(record))
    } else {
        Err(ApiError::forbidden(
            "this custody record is not visible to you",
        ))
    }
}
