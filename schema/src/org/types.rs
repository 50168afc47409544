//! Org unit and police station objects.

use async_graphql::{Context, ID, Object};
use entities::{officer, org_unit};

use super::{UnitByCode, UnitById};
use crate::context::RequestContext;
use crate::enums::{Rank, UnitKind};
use crate::error::ApiResult;
use crate::fir::{Fir, FirsOfStation};
use crate::ids;
use crate::pagination::{Page, PageRequest, fetch_child_page};
use crate::policy;

/// Codes along a unit's materialised path, root first (`/IN/MH/X/` → `IN`, `MH`, `X`).
fn path_codes(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|c| !c.is_empty())
}

/// The ancestor of `unit` at `depth` (0 = national, 1 = state, 2 = district).
async fn ancestor(
    ctx: &Context<'_>,
    unit: &org_unit::Model,
    depth: usize,
) -> ApiResult<Option<OrgUnit>> {
    let Some(code) = path_codes(&unit.path).nth(depth) else {
        return Ok(None);
    };
    let found = RequestContext::of(ctx)
        .loaders
        .load_one(UnitByCode(code.to_owned()))
        .await?;
    Ok(found.map(OrgUnit))
}

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct OrgUnit(pub org_unit::Model);

impl OrgUnit {
    /// The global id (see the `id` field).
    pub(crate) fn global_id(&self) -> ID {
        ids::encode("OrgUnit", self.0.id)
    }
}

/// Any organisational unit: the nation, a state, a district, a station, a court, a prison.
#[Object(serial)]
impl OrgUnit {
    /// Global id.
    pub(crate) async fn id(&self) -> ID {
        self.global_id()
    }
    /// Stable unit code (`IN`, `MH`, `MH-PUN`, `MH-PUN-PS001`).
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Name of the unit.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// What kind of unit this is.
    async fn kind(&self) -> UnitKind {
        self.0.kind.into()
    }
    /// The units directly below this one.
    async fn children(&self, ctx: &Context<'_>) -> ApiResult<Vec<OrgUnit>> {
        let rows = RequestContext::of(ctx)
            .loaders
            .load_one(super::ChildrenOfUnit(self.0.id))
            .await?;
        Ok(rows.unwrap_or_default().into_iter().map(OrgUnit).collect())
    }
    /// The unit directly above this one (none for the national root).
    async fn parent(&self, ctx: &Context<'_>) -> ApiResult<Option<OrgUnit>> {
        let Some(parent_id) = self.0.parent_id else {
            return Ok(None);
        };
        let parent = RequestContext::of(ctx)
            .loaders
            .load_one(UnitById(parent_id))
            .await?;
        Ok(parent.map(OrgUnit))
    }
}

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct PoliceStation(pub org_unit::Model);

/// A police station: the unit that registers FIRs. Its directory entry is public.
#[Object]
impl PoliceStation {
    /// Global id.
    pub(crate) async fn id(&self) -> ID {
        ids::encode("PoliceStation", self.0.id)
    }
    /// Stable station code, e.g. `MH-PUN-PS001`.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Name of the station.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The district (or commissionerate) the station belongs to.
    async fn district(&self, ctx: &Context<'_>) -> ApiResult<Option<OrgUnit>> {
        ancestor(ctx, &self.0, 2).await
    }
    /// The state the station belongs to.
    async fn state(&self, ctx: &Context<'_>) -> ApiResult<Option<OrgUnit>> {
        ancestor(ctx, &self.0, 1).await
    }
    /// FIRs registered at this station, newest first. FIRs whose header the caller may
    /// not see (sensitive FIRs, for callers outside the police) are left out.
    async fn firs(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last FIR already seen.")] after: Option<String>,
    ) -> ApiResult<Page<Fir>> {
        let request = PageRequest::new(first, after.as_deref())?;
        let public_only = !policy::sees_sensitive_headers(&RequestContext::of(ctx).principal);
        fetch_child_page::<FirsOfStation, _>(ctx, self.0.id, request, public_only, Fir).await
    }
}

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct Officer(pub officer::Model);

/// A police officer on the roll.
#[Object]
impl Officer {
    /// Global id.
    pub(crate) async fn id(&self) -> ID {
        ids::encode("Officer", self.0.id)
    }
    /// Name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Rank.
    async fn rank(&self) -> Rank {
        self.0.rank.into()
    }
    /// Belt (buckle) number.
    async fn belt_number(&self) -> Option<&str> {
        self.0.belt_number.as_deref()
    }
    /// The unit of posting.
    async fn unit(&self, ctx: &Context<'_>) -> ApiResult<Option<OrgUnit>> {
        let unit = RequestContext::of(ctx)
            .loaders
            .load_one(UnitById(self.0.unit_id))
            .await?;
        Ok(unit.map(OrgUnit))
    }
}

impl crate::pagination::Keyed for PoliceStation {
    fn key(&self) -> i64 {
        self.0.id
    }
}

impl crate::pagination::Keyed for OrgUnit {
    fn key(&self) -> i64 {
        self.0.id
    }
}

impl crate::pagination::Keyed for Officer {
    fn key(&self) -> i64 {
        self.0.id
    }
}
