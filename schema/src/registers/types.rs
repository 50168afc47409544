//! Register entry objects.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use entities::{found_person, missing_person, proclaimed_offender, unidentified_body};

use crate::context::RequestContext;
use crate::courts::{CourtCase, find_court_case};
use crate::enums::{BodyStatus, FoundStatus, MissingStatus, OffenderStatus, Sex};
use crate::error::{ApiResult, unless_forbidden};
use crate::ids;
use crate::org::{OrgUnit, PoliceStation, UnitById, find_station};
use crate::pagination::Keyed;
use crate::people::{Person, PersonById, find_person};
use crate::policy;

async fn unit(ctx: &Context<'_>, id: i64) -> ApiResult<Option<OrgUnit>> {
    Ok(RequestContext::of(ctx)
        .loaders
        .load_one(UnitById(id))
        .await?
        .map(OrgUnit))
}

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct MissingPerson(pub missing_person::Model);

/// A missing person report, published so that any station can match it.
#[Object]
impl MissingPerson {
    /// Global id.
    pub(crate) async fn id(&self) -> ID {
        ids::encode("MissingPerson", self.0.id)
    }
    /// Name of the missing person.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Sex.
    async fn sex(&self) -> Sex {
        self.0.sex.into()
    }
    /// Age when reported, in years.
    async fn age_years(&self) -> Option<i32> {
        self.0.age_years
    }
    /// Height in centimetres.
    async fn height_cm(&self) -> Option<i32> {
        self.0.height_cm
    }
    /// Identification marks.
    async fn marks(&self) -> Option<&str> {
        self.0.marks.as_deref()
    }
    /// Missing since.
    async fn missing_since(&self) -> DateTime<Utc> {
        self.0.missing_since
    }
    /// Where last seen.
    async fn last_seen_place(&self) -> Option<&str> {
        self.0.last_seen_place.as_deref()
    }
    /// When reported.
    async fn reported_at(&self) -> DateTime<Utc> {
        self.0.reported_at
    }
    /// Missing or traced.
    async fn status(&self) -> MissingStatus {
        self.0.status.into()
    }
    /// The reporting station.
    async fn station(&self, ctx: &Context<'_>) -> ApiResult<Option<PoliceStation>> {
        find_station(ctx, self.0.station_id).await
    }
}

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct UnidentifiedBody(pub unidentified_body::Model);

/// An unidentified dead body, published so that any station can match it.
#[Object]
impl UnidentifiedBody {
    /// Global id.
    pub(crate) async fn id(&self) -> ID {
        ids::encode("UnidentifiedBody", self.0.id)
    }
    /// When found.
    async fn found_at(&self) -> DateTime<Utc> {
        self.0.found_at
    }
    /// Where found.
    async fn place(&self) -> Option<&str> {
        self.0.place.as_deref()
    }
    /// Sex.
    async fn sex(&self) -> Sex {
        self.0.sex.into()
    }
    /// Lower bound of the estimated age.
    async fn age_min(&self) -> Option<i32> {
        self.0.age_min
    }
    /// Upper bound of the estimated age.
    async fn age_max(&self) -> Option<i32> {
        self.0.age_max
    }
    /// Height in centimetres.
    async fn height_cm(&self) -> Option<i32> {
        self.0.height_cm
    }
    /// Identification marks.
    async fn marks(&self) -> Option<&str> {
        self.0.marks.as_deref()
    }
    /// Unidentified or identified.
    async fn status(&self) -> BodyStatus {
        self.0.status.into()
    }
    /// The station that holds the inquest.
    async fn station(&self, ctx: &Context<'_>) -> ApiResult<Option<PoliceStation>> {
        find_station(ctx, self.0.station_id).await
    }
}

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct FoundPerson(pub found_person::Model);

/// A living person found who cannot say where they belong (a lost child, an elderly
/// person wandering), published so that any station can match a missing-person report
/// against them. The name they give is for police eyes only.
#[Object]
impl FoundPerson {
    /// Global id.
    pub(crate) async fn id(&self) -> ID {
        ids::encode("FoundPerson", self.0.id)
    }
    /// When found.
    async fn found_at(&self) -> DateTime<Utc> {
        self.0.found_at
    }
    /// Where found.
    async fn place(&self) -> Option<&str> {
        self.0.place.as_deref()
    }
    /// Sex.
    async fn sex(&self) -> Sex {
        self.0.sex.into()
    }
    /// Lower bound of the estimated age.
    async fn age_min(&self) -> Option<i32> {
        self.0.age_min
    }
    /// Upper bound of the estimated age.
    async fn age_max(&self) -> Option<i32> {
        self.0.age_max
    }
    /// Height in centimetres.
    async fn height_cm(&self) -> Option<i32> {
        self.0.height_cm
    }
    /// Identification marks, clothing, language spoken.
    async fn marks(&self) -> Option<&str> {
        self.0.marks.as_deref()
    }
    /// The name they give: police and analysts only (null for anyone else).
    async fn name_given(&self, ctx: &Context<'_>) -> Option<&str> {
        policy::sees_sensitive_headers(&RequestContext::of(ctx).principal)
            .then_some(self.0.name_given.as_deref())
            .flatten()
    }
    /// Where they are cared for: police and analysts only (null for anyone else).
    async fn placed_with(&self, ctx: &Context<'_>) -> Option<&str> {
        policy::sees_sensitive_headers(&RequestContext::of(ctx).principal)
            .then_some(self.0.placed_with.as_deref())
            .flatten()
    }
    /// In care, or restored to their family.
    async fn status(&self) -> FoundStatus {
        self.0.status.into()
    }
    /// The station that found them or took charge of them.
    async fn station(&self, ctx: &Context<'_>) -> ApiResult<Option<PoliceStation>> {
        find_station(ctx, self.0.station_id).await
    }
}

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct ProclaimedOffender(pub proclaimed_offender::Model);

/// A person a court has proclaimed an absconder: name and court are public.
#[Object]
impl ProclaimedOffender {
    /// Global id.
    pub(crate) async fn id(&self) -> ID {
        ids::encode("ProclaimedOffender", self.0.id)
    }
    /// The proclaimed person's name (public by the proclamation).
    async fn name(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        let row = RequestContext::of(ctx)
            .loaders
            .load_one(PersonById(self.0.person_id))
            .await?;
        Ok(row.map(|p| p.name))
    }
    /// The person record, as much of it as the caller may see.
    async fn person(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        unless_forbidden(find_person(ctx, self.0.person_id).await)
    }
    /// The proclaiming court.
    async fn court(&self, ctx: &Context<'_>) -> ApiResult<Option<OrgUnit>> {
        unit(ctx, self.0.court_id).await
    }
    /// The court case, when the caller may see it.
    async fn court_case(&self, ctx: &Context<'_>) -> ApiResult<Option<CourtCase>> {
        match self.0.court_case_id {
            Some(id) => unless_forbidden(find_court_case(ctx, id).await),
            None => Ok(None),
        }
    }
    /// When proclaimed.
    async fn proclaimed_at(&self) -> DateTime<Utc> {
        self.0.proclaimed_at
    }
    /// Absconding, arrested or withdrawn.
    async fn status(&self) -> OffenderStatus {
        self.0.status.into()
    }
}

impl Keyed for MissingPerson {
    fn key(&self) -> i64 {
        self.0.id
    }
}

impl Keyed for UnidentifiedBody {
    fn key(&self) -> i64 {
        self.0.id
    }
}

impl Keyed for FoundPerson {
    fn key(&self) -> i64 {
        self.0.id
    }
}

impl Keyed for ProclaimedOffender {
    fn key(&self) -> i64 {
        self.0.id
    }
}
