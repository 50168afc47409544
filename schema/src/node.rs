//! Relay's `Node` interface and `node(id)`, and the Apollo Federation entity resolvers.
//!
//! Both resolve a record from its id through the same per-domain `find_*` functions, so a
//! record fetched by `node`, by `_entities` or by its own root field is subject to the same
//! policy decision and the same batching loaders.

use async_graphql::{Context, ID, Interface, Object};

use crate::courts::{CourtCase, Hearing, find_court_case, find_hearing};
use crate::error::{ApiError, ApiResult};
use crate::fir::{Fir, find_fir};
use crate::ids;
use crate::investigation::{Case, find_case};
use crate::org::{Officer, OrgUnit, PoliceStation, find_officer, find_station, find_unit};
use crate::people::{Person, find_person_by_id};
use crate::prisons::{PrisonRecord, find_prison_record};

/// Any record that can be fetched again by its global id.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID", desc = "Opaque global id."))]
pub enum Node {
    /// An org unit.
    OrgUnit(OrgUnit),
    /// A police station.
    PoliceStation(PoliceStation),
    /// An officer.
    Officer(Officer),
    /// An FIR.
    Fir(Fir),
    /// A person.
    Person(Person),
    /// A case.
    Case(Case),
    /// A court case.
    CourtCase(CourtCase),
    /// A hearing.
    Hearing(Hearing),
    /// A custody record.
    PrisonRecord(PrisonRecord),
}

/// `node(id)`.
#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    /// Any record by its global id (Relay).
    async fn node(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A global id from any `id` field.")] id: ID,
    ) -> ApiResult<Option<Node>> {
        let (kind, row) = ids::decode_any(&id)?;
        Ok(match kind.as_str() {
            "OrgUnit" => find_unit(ctx, row).await?.map(Node::OrgUnit),
            "PoliceStation" => find_station(ctx, row).await?.map(Node::PoliceStation),
            "Officer" => find_officer(ctx, row).await?.map(Node::Officer),
            "Fir" => find_fir(ctx, row).await?.map(Node::Fir),
            "Person" | "PartyPerson" | "MaskedPerson" => {
                find_person_by_id(ctx, &id).await?.map(Node::Person)
            }
            "Case" => find_case(ctx, row).await?.map(Node::Case),
            "CourtCase" => find_court_case(ctx, row).await?.map(Node::CourtCase),
            "Hearing" => find_hearing(ctx, row).await?.map(Node::Hearing),
            "PrisonRecord" => find_prison_record(ctx, row).await?.map(Node::PrisonRecord),
            _ => return Err(ApiError::bad_input("id does not name a fetchable record")),
        })
    }
}

/// Apollo Federation v2 entity resolvers: `@key(fields: "id")` on the core types.
#[derive(Default)]
pub struct EntityQuery;

fn required<T>(found: Option<T>, what: &str) -> ApiResult<T> {
    found.ok_or_else(|| ApiError::not_found(what))
}

#[Object]
impl EntityQuery {
    #[graphql(entity)]
    async fn find_police_station(&self, ctx: &Context<'_>, id: ID) -> ApiResult<PoliceStation> {
        required(
            find_station(ctx, ids::decode("PoliceStation", &id)?).await?,
            "police station",
        )
    }
    #[graphql(entity)]
    async fn find_fir(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Fir> {
        required(find_fir(ctx, ids::decode("Fir", &id)?).await?, "FIR")
    }
    #[graphql(entity)]
    async fn find_person(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Person> {
        required(find_person_by_id(ctx, &id).await?, "person")
    }
    #[graphql(entity)]
    async fn find_case(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Case> {
        required(find_case(ctx, ids::decode("Case", &id)?).await?, "case")
    }
    #[graphql(entity)]
    async fn find_court_case(&self, ctx: &Context<'_>, id: ID) -> ApiResult<CourtCase> {
        required(
            find_court_case(ctx, ids::decode("CourtCase", &id)?).await?,
            "court case",
        )
    }
    #[graphql(entity)]
    async fn find_hearing(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Hearing> {
        required(
            find_hearing(ctx, ids::decode("Hearing", &id)?).await?,
            "hearing",
        )
    }
    #[graphql(entity)]
    async fn find_prison_record(&self, ctx: &Context<'_>, id: ID) -> ApiResult<PrisonRecord> {
        required(
            find_prison_record(ctx, ids::decode("PrisonRecord", &id)?).await?,
            "custody record",
        )
    }
}
