//! National registers published for matching: missing persons, unidentified dead bodies,
//! found persons and proclaimed offenders (court-declared absconders). These are public
//! data, but for the name a found person gives and where they are cared for. Stations
//! record entries with the mutations in [`write`].

mod matching;
mod types;
mod write;

use async_graphql::{Context, ID, InputObject, Object};
use entities::{found_person, missing_person, proclaimed_offender, unidentified_body};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter};

pub use matching::{DescriptionMatch, FoundPersonMatch};
pub use types::{FoundPerson, MissingPerson, ProclaimedOffender, UnidentifiedBody};
pub use write::RegisterMutation;

use crate::enums::{BodyStatus, FoundStatus, MissingStatus, OffenderStatus, Sex};
use crate::error::ApiResult;
use crate::org::{unit_by_code, units_under};
use crate::pagination::{Page, PageRequest, fetch_page, ranked_hits};

/// Narrows a register.
#[derive(InputObject, Debug, Default)]
pub struct RegisterFilter {
    /// Only entries reported by stations (or, for offenders, courts) inside this unit's
    /// subtree.
    pub unit_code: Option<String>,
    /// Only this sex (missing persons, bodies).
    pub sex: Option<Sex>,
}

/// The `unit_code` condition on a column holding the reporting unit.
async fn within<C: ColumnTrait>(
    ctx: &Context<'_>,
    column: C,
    filter: &RegisterFilter,
) -> ApiResult<Condition> {
    let mut condition = Condition::all();
    if let Some(code) = &filter.unit_code {
        let unit = unit_by_code(ctx, code).await?;
        condition = condition.add(column.in_subquery(units_under(&unit.path)));
    }
    Ok(condition)
}

/// Queries over the public registers.
#[derive(Default)]
pub struct RegisterQuery;

#[Object]
impl RegisterQuery {
    /// Unidentified dead bodies whose description (sex, age, height, marks, when and
    /// where found) agrees with the missing person `id`, best first (at most 50).
    async fn match_missing_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The missing person's global id.")] id: ID,
        #[graphql(desc = "Matches to return (default 10, at most 50).")] first: Option<i32>,
    ) -> ApiResult<Vec<DescriptionMatch>> {
        matching::bodies_for(ctx, &id, ranked_hits(first)?).await
    }

    /// Found persons (still in care) whose description (sex, age, height, marks, when and
    /// where found) agrees with the missing person `id`, best first (at most 50).
    async fn match_missing_person_to_found(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The missing person's global id.")] id: ID,
        #[graphql(desc = "Matches to return (default 10, at most 50).")] first: Option<i32>,
    ) -> ApiResult<Vec<FoundPersonMatch>> {
        matching::found_persons_for(ctx, &id, ranked_hits(first)?).await
    }

    /// Missing persons whose description agrees with the found person `id`, best first
    /// (at most 50).
    async fn match_found_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The found person's global id.")] id: ID,
        #[graphql(desc = "Matches to return (default 10, at most 50).")] first: Option<i32>,
    ) -> ApiResult<Vec<FoundPersonMatch>> {
        matching::missing_for_found(ctx, &id, ranked_hits(first)?).await
    }

    /// Missing persons whose description agrees with the unidentified body `id`, best
    /// first (at most 50).
    async fn match_unidentified_body(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The body's global id.")] id: ID,
        #[graphql(desc = "Matches to return (default 10, at most 50).")] first: Option<i32>,
    ) -> ApiResult<Vec<DescriptionMatch>> {
        matching::missing_for(ctx, &id, ranked_hits(first)?).await
    }

    /// Missing persons, latest report first.
    async fn missing_persons(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Narrow the register.")] filter: Option<RegisterFilter>,
        #[graphql(desc = "Only entries with this status.")] status: Option<MissingStatus>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last entry already seen.")] after: Option<String>,
    ) -> ApiResult<Page<MissingPerson>> {
        let request = PageRequest::new(first, after.as_deref())?;
        let filter = filter.unwrap_or_default();
        let mut condition = within(ctx, missing_person::Column::StationId, &filter).await?;
        if let Some(sex) = filter.sex {
            condition =
                condition.add(missing_person::Column::Sex.eq(entities::enums::Sex::from(sex)));
        }
        if let Some(status) = status {
            condition = condition.add(
                missing_person::Column::Status.eq(entities::enums::MissingStatus::from(status)),
            );
        }
        let query = missing_person::Entity::find().filter(condition);
        fetch_page(
            ctx,
            query,
            missing_person::Column::Id,
            request,
            true,
            MissingPerson,
        )
        .await
    }

    /// Unidentified dead bodies, latest found first.
    async fn unidentified_bodies(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Narrow the register.")] filter: Option<RegisterFilter>,
        #[graphql(desc = "Only entries with this status.")] status: Option<BodyStatus>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last entry already seen.")] after: Option<String>,
    ) -> ApiResult<Page<UnidentifiedBody>> {
        let request = PageRequest::new(first, after.as_deref())?;
        let filter = filter.unwrap_or_default();
        let mut condition = within(ctx, unidentified_body::Column::StationId, &filter).await?;
        if let Some(sex) = filter.sex {
            condition =
                condition.add(unidentified_body::Column::Sex.eq(entities::enums::Sex::from(sex)));
        }
        if let Some(status) = status {
            condition = condition.add(
                unidentified_body::Column::Status.eq(entities::enums::BodyStatus::from(status)),
            );
        }
        let query = unidentified_body::Entity::find().filter(condition);
        fetch_page(
            ctx,
            query,
            unidentified_body::Column::Id,
            request,
            true,
            UnidentifiedBody,
        )
        .await
    }

    /// Found persons, latest found first.
    async fn found_persons(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Narrow the register.")] filter: Option<RegisterFilter>,
        #[graphql(desc = "Only entries with this status.")] status: Option<FoundStatus>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last entry already seen.")] after: Option<String>,
    ) -> ApiResult<Page<FoundPerson>> {
        let request = PageRequest::new(first, after.as_deref())?;
        let filter = filter.unwrap_or_default();
        let mut condition = within(ctx, found_person::Column::StationId, &filter).await?;
        if let Some(sex) = filter.sex {
            condition =
                condition.add(found_person::Column::Sex.eq(entities::enums::Sex::from(sex)));
        }
        if let Some(status) = status {
            condition = condition
                .add(found_person::Column::Status.eq(entities::enums::FoundStatus::from(status)));
        }
        let query = found_person::Entity::find().filter(condition);
        fetch_page(
            ctx,
            query,
            found_person::Column::Id,
            request,
            true,
            FoundPerson,
        )
        .await
    }

    /// Proclaimed offenders (absconders declared by a court), latest first.
    async fn proclaimed_offenders(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Narrow the register (by the proclaiming court's unit).")] filter: Option<
            RegisterFilter,
        >,
        #[graphql(desc = "Only entries with this status.")] status: Option<OffenderStatus>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last entry already seen.")] after: Option<String>,
    ) -> ApiResult<Page<ProclaimedOffender>> {
        let request = PageRequest::new(first, after.as_deref())?;
        let filter = filter.unwrap_or_default();
        let mut condition = within(ctx, proclaimed_offender::Column::CourtId, &filter).await?;
        if let Some(status) = status {
            condition = condition.add(
                proclaimed_offender::Column::Status
                    .eq(entities::enums::OffenderStatus::from(status)),
            );
        }
        let query = proclaimed_offender::Entity::find().filter(condition);
        fetch_page(
            ctx,
            query,
            proclaimed_offender::Column::Id,
            request,
            true,
            ProclaimedOffender,
        )
        .await
    }
}
