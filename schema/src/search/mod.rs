//! National searches (the Digital Police Portal's): persons by any spelling of their name;
//! arrests by unit and date; vehicles, mobiles and arms by their identifiers.
//! Results obey the same field policy and shields as every other read, and every search
//! is audited with its criteria and the records it returned.

mod arrests;
mod persons;
mod property;
mod score;
mod vocabulary;

use async_graphql::{Context, Object};

pub use arrests::ArrestFilter;
pub use persons::{PersonMatch, PersonSearchFilter, PersonSearchRole};
pub use property::{PropertyHit, PropertySearchInput};

use crate::error::ApiResult;
use crate::pagination::{Page, PageRequest};

/// The national searches.
#[derive(Default)]
pub struct SearchQuery;

#[Object]
impl SearchQuery {
    /// Persons anywhere in the country by a spelling of their name, best match first, for
    /// police roles and analysts. Tolerates transliteration (Mohammed/Muhammad/Mohd,
    /// Sharma/Sarma, Laxmi/Lakshmi, Chaudhary/Choudhury), misspelling, initials ("R.
    /// Kumar") and any word order, and matches aliases. Children in conflict with law and
    /// victims of sexual offences are never found by anyone outside their case team.
    async fn search_persons(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The name, or part of it, as heard or written.")] name: String,
        #[graphql(desc = "Narrow the search.")] filter: Option<PersonSearchFilter>,
        #[graphql(desc = "Hits to return (default 10, at most 50).")] first: Option<i32>,
    ) -> ApiResult<Vec<PersonMatch>> {
        persons::search(ctx, &name, &filter.unwrap_or_default(), first).await
    }

    /// Arrests anywhere in the country, newest first, by unit, date and kind, for police
    /// roles and analysts. Arrests of children in conflict with law are left out for
    /// everyone outside their case team.
    async fn arrests(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Narrow the search.")] filter: Option<ArrestFilter>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last arrest already seen.")] after: Option<String>,
    ) -> ApiResult<Page<crate::investigation::Arrest>> {
        let request = PageRequest::new(first, after.as_deref())?;
        arrests::search(ctx, &filter.unwrap_or_default(), request).await
    }

    /// Vehicles (registration, chassis or engine number), mobiles (IMEI) and arms (serial)
    /// recorded in any FIR, newest first, for police roles and analysts. Identifiers are
    /// normalised ("MH 12 AB 1234" = "MH12AB1234") and match from their start; each hit
    /// names the items with the same identifier recorded stolen in other FIRs.
    async fn search_property(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The identifiers to look for.")] input: PropertySearchInput,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last hit already seen.")] after: Option<String>,
    ) -> ApiResult<Page<PropertyHit>> {
        let request = PageRequest::new(first, after.as_deref())?;
        property::search(ctx, &input, request).await
    }
}
