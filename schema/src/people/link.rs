//! Naming an existing person in a write: a write is a read too (DOMAIN.md, "Who may see
//! what").
//!
//! Linking a person by id (as an FIR party, a prisoner, …) makes them appear, in full, in
//! the record the caller writes. So only a person the caller may already read in full may
//! be named by id: their name, birth year and personal data, with no protection of a
//! victim or a child withholding anything anywhere. Anyone else is recorded from the
//! details the caller holds (a new person), and records are joined later by those who may
//! see both. A refusal and a person that does not exist answer alike, so the answer tells
//! nothing about who is protected.

use async_graphql::{Context, ID};

use super::person_access;
use crate::context::RequestContext;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::ids;
use crate::policy::Access;

/// The row id of the existing person `id` names, if the caller may name them in a write;
/// otherwise `NOT_FOUND` on `field`, the same for a person who does not exist.
pub(crate) async fn linkable_person(ctx: &Context<'_>, id: &ID, field: &str) -> ApiResult<i64> {
    let row = ids::decode_input("Person", id, field)?;
    let exists = RequestContext::of(ctx)
        .loaders
        .load_one(super::PersonById(row))
        .await?
        .is_some();
    if exists && reads_in_full(ctx, row).await? {
        return Ok(row);
    }
    Err(ApiError {
        field: Some(field.to_owned()),
        ..ApiError::new(
            ErrorCode::NotFound,
            "no person you may name by id: record them from the details you hold instead",
        )
    })
}

/// Whether the caller reads every part of the person `row`, across every FIR naming them.
async fn reads_in_full(ctx: &Context<'_>, row: i64) -> ApiResult<bool> {
    let access = person_access(ctx, row).await?;
    Ok(access.name == Access::Full && access.personal == Access::Full && !access.protected)
}
