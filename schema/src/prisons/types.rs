//! Custody record and movement objects.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use entities::{prison_movement, prison_record};

use super::MovementsOfRecord;
use crate::context::RequestContext;
use crate::courts::{CourtCase, CourtCaseById};
use crate::enums::{MovementKind, PrisonerCategory, ReleaseReason};
use crate::error::{ApiResult, unless_forbidden};
use crate::fir::{Fir, find_fir};
use crate::ids;
use crate::org::{OrgUnit, UnitById};
use crate::people::{PartyAccess, Person, PersonById, person_access};
use crate::policy::{self, Access, CustodyScope, Role};

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct PrisonRecord(pub prison_record::Model);

impl PrisonRecord {
    /// Whether the caller may see this custody record.
    pub(crate) async fn access(&self, ctx: &Context<'_>) -> ApiResult<Access> {
        let rc = RequestContext::of(ctx);
        let (needs_prison, needs_court) = policy::custody_needs(&rc.principal);
        let prison = if needs_prison {
            rc.loaders.load_one(UnitById(self.0.prison_id)).await?
        } else {
            None
        };
        let court_path = match (needs_court, self.0.court_case_id) {
            (true, Some(id)) => match rc.loaders.load_one(CourtCaseById(id)).await? {
                Some(case) => rc
                    .loaders
                    .load_one(UnitById(case.court_id))
                    .await?
                    .map(|u| u.path),
                None => None,
            },
            _ => None,
        };
        let prison_path = prison.map(|p| p.path).unwrap_or_default();
        Ok(policy::custody_record(
            &rc.principal,
            &CustodyScope {
                prison_path: &prison_path,
                court_path: court_path.as_deref(),
            },
        ))
    }
}

impl PrisonRecord {
    /// The prison (see the `prison` field).
    pub(crate) async fn prison_unit(&self, ctx: &Context<'_>) -> ApiResult<Option<OrgUnit>> {
        Ok(RequestContext::of(ctx)
            .loaders
            .load_one(UnitById(self.0.prison_id))
            .await?
            .map(OrgUnit))
    }
}

/// A custody record (e-Prisons): one admission of one person into one prison.
#[Object(serial)]
impl PrisonRecord {
    /// Global id.
    pub(crate) async fn id(&self) -> ID {
        ids::encode("PrisonRecord", self.0.id)
    }
    /// The prison system's own prisoner id (opaque).
    async fn prisoner_id(&self) -> &str {
        &self.0.prisoner_id
    }
    /// The prison.
    async fn prison(&self, ctx: &Context<'_>) -> ApiResult<Option<OrgUnit>> {
        self.prison_unit(ctx).await
    }
    /// The prisoner. Prison staff and courts holding the record see the person in full;
    /// police see them as the FIRs they are named in allow.
    async fn person(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        let rc = RequestContext::of(ctx);
        let Some(row) = rc.loaders.load_one(PersonById(self.0.person_id)).await? else {
            return Ok(None);
        };
        let by_office = matches!(rc.principal.role(), Some(Role::Prison | Role::Court))
            && self.access(ctx).await?.is_full();
        let access = if by_office {
            PartyAccess::full(format!("Prisoner-{}", self.0.prisoner_id))
        } else {
            person_access(ctx, self.0.person_id).await?
        };
        Ok((access.name != Access::Denied).then(|| Person::new(row, access)))
    }
    /// Undertrial, convict or detenu.
    async fn category(&self) -> PrisonerCategory {
        self.0.category.into()
    }
    /// When admitted.
    async fn admitted_at(&self) -> DateTime<Utc> {
        self.0.admitted_at
    }
    /// The warrant under which the person was admitted.
    async fn warrant_ref(&self) -> Option<&str> {
        self.0.warrant_ref.as_deref()
    }
    /// When released (null while in custody).
    async fn released_at(&self) -> Option<DateTime<Utc>> {
        self.0.released_at
    }
    /// Why released.
    async fn release_reason(&self) -> Option<ReleaseReason> {
        self.0.release_reason.map(Into::into)
    }
    /// When the prisoner escaped, if they did.
    async fn escaped_at(&self) -> Option<DateTime<Utc>> {
        self.0.escaped_at
    }
    /// Whether the person is in this prison's custody now.
    async fn in_custody(&self) -> bool {
        self.0.released_at.is_none() && self.0.escaped_at.is_none()
    }
    /// The court case the custody answers to.
    async fn court_case(&self, ctx: &Context<'_>) -> ApiResult<Option<CourtCase>> {
        let Some(id) = self.0.court_case_id else {
            return Ok(None);
        };
        Ok(RequestContext::of(ctx)
            .loaders
            .load_one(CourtCaseById(id))
            .await?
            .map(CourtCase))
    }
    /// The FIR the custody arises from, when the caller may see its header.
    async fn fir(&self, ctx: &Context<'_>) -> ApiResult<Option<Fir>> {
        match self.0.fir_id {
            Some(id) => unless_forbidden(find_fir(ctx, id).await),
            None => Ok(None),
        }
    }
    /// Movements: court productions, transfers, hospital visits.
    async fn movements(&self, ctx: &Context<'_>) -> ApiResult<Vec<PrisonMovement>> {
        let rows = RequestContext::of(ctx)
            .loaders
            .load_one(MovementsOfRecord(self.0.id))
            .await?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .map(PrisonMovement)
            .collect())
    }
}

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct PrisonMovement(pub prison_movement::Model);

/// A prisoner's movement.
#[Object]
impl PrisonMovement {
    /// Kind of movement.
    async fn kind(&self) -> MovementKind {
        self.0.kind.into()
    }
    /// When.
    async fn moved_at(&self) -> DateTime<Utc> {
        self.0.moved_at
    }
    /// Where to (a court, another prison, a hospital's unit).
    async fn destination(&self, ctx: &Context<'_>) -> ApiResult<Option<OrgUnit>> {
        let Some(id) = self.0.destination_unit_id else {
            return Ok(None);
        };
        Ok(RequestContext::of(ctx)
            .loaders
            .load_one(UnitById(id))
            .await?
            .map(OrgUnit))
    }
    /// Note.
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
}

impl crate::pagination::Keyed for PrisonRecord {
    fn key(&self) -> i64 {
        self.0.id
    }
}
