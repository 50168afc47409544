//! Persons and the roles they play in FIRs.

mod age;
mod create;
mod link;
mod list;
mod party;
mod party_list;
mod person;

use async_graphql::{Context, ID, Object};

pub(crate) use age::{check_age, check_age_band};
pub use create::NewPersonInput;
pub(crate) use link::linkable_person;
pub use list::PersonFilter;
pub(crate) use list::{named, not_shielded};
pub use party::{CaseParty, PartyAccess, person_access};
pub(crate) use party::{shielded_in_fir, shielded_persons};
pub use party_list::PartyList;
pub use person::Person;

use crate::context::RequestContext;
use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::loader::{by_id, children};
use crate::pagination::{Page, PageRequest};
use crate::policy::Access;

by_id!(
    /// A case party by row id.
    PartyById => case_party
);
children!(
    /// Every role a person plays, in every FIR, at any station.
    PartiesOfPerson => case_party . PersonId (person_id)
);

children!(
    /// Every party named in an FIR, in the order they were recorded.
    PartiesOfFir => case_party . FirId (fir_id)
);
by_id!(
    /// A person by row id.
    PersonById => person
);
children!(
    /// A person's phone numbers.
    PhonesOfPerson => person_phone . PersonId (person_id)
);
children!(
    /// A person's aliases.
    AliasesOfPerson => person_alias . PersonId (person_id)
);
children!(
    /// A person's identity documents.
    IdentitiesOfPerson => person_identity . PersonId (person_id)
);
children!(
    /// A person's addresses.
    AddressesOfPerson => person_address . PersonId (person_id)
);

/// Queries over persons.
#[derive(Default)]
pub struct PeopleQuery;

#[Object]
impl PeopleQuery {
    /// One person by global id, as much of them as the caller may see.
    async fn person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The person's global id.")] id: ID,
    ) -> ApiResult<Option<Person>> {
        find_person_by_id(ctx, &id).await
    }

    /// Persons matching a filter, oldest record first, for police roles and analysts.
    /// Children in conflict with law and victims of sexual offences are left out unless
    /// the caller is on the team of the case that names them.
    async fn persons(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Narrow the list.")] filter: Option<PersonFilter>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last person already seen.")] after: Option<String>,
    ) -> ApiResult<Page<Person>> {
        let request = PageRequest::new(first, after.as_deref())?;
        list::persons(ctx, &filter.unwrap_or_default(), request).await
    }
}

/// A person by any of their global ids: their own (`Person`), the pseudonymous id of a
/// masked party (`PartyPerson`, resolved only as that party's person in that FIR), or the
/// pseudonymous id of a masked person (`MaskedPerson`).
pub async fn find_person_by_id(ctx: &Context<'_>, id: &ID) -> ApiResult<Option<Person>> {
    match ids::decode_any(id)? {
        (kind, row) if kind == "Person" || kind == "MaskedPerson" => find_person(ctx, row).await,
        (kind, row) if kind == "PartyPerson" => find_party_person(ctx, row).await,
        _ => Err(ApiError::bad_input("id does not name a Person")),
    }
}

/// The person of party `party_id`, as that party shows them.
async fn find_party_person(ctx: &Context<'_>, party_id: i64) -> ApiResult<Option<Person>> {
    let loaders = &RequestContext::of(ctx).loaders;
    let Some(party) = loaders.load_one(PartyById(party_id)).await? else {
        return Ok(None);
    };
    let party = CaseParty(party);
    let access = party.person_access(ctx).await?;
    if access.name == Access::Denied {
        return Err(ApiError::forbidden("this person is not visible to you"));
    }
    let row = loaders.load_one(PersonById(party.0.person_id)).await?;
    Ok(row.map(|row| Person::new(row, access).via_party(party_id)))
}

/// A person by row id, as much of them as the caller may see (`FORBIDDEN` if nothing).
pub async fn find_person(ctx: &Context<'_>, row_id: i64) -> ApiResult<Option<Person>> {
    let Some(row) = RequestContext::of(ctx)
        .loaders
        .load_one(PersonById(row_id))
        .await?
    else {
        return Ok(None);
    };
    let access = person_access(ctx, row_id).await?;
    if access.name == Access::Denied {
        return Err(ApiError::forbidden("this person is not visible to you"));
    }
    Ok(Some(Person::new(row, access)))
}
