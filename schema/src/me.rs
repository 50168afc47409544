//! `me`: who the caller is, from their verified token, and their own work.

use async_graphql::{Context, Object};
use chrono::{DateTime, Utc};

use crate::context::RequestContext;
use crate::error::ApiResult;
use crate::fir::{Fir, FirFilter};
use crate::ids;
use crate::org::{OrgUnit, find_unit};
use crate::pagination::Page;
use crate::policy::{Identity, Role};

/// The root field `me`.
#[derive(Default)]
pub struct MeQuery;

#[Object]
impl MeQuery {
    /// Who the caller is, as their verified token says; null for an anonymous caller.
    async fn me(&self, ctx: &Context<'_>) -> Option<Me> {
        RequestContext::of(ctx).principal.identity.clone().map(Me)
    }
}

/// The signed-in caller.
pub struct Me(Identity);

/// The signed-in caller, as their verified token says.
#[Object]
impl Me {
    /// The token's subject: an officer's login id or a citizen's user id.
    async fn sub(&self) -> &str {
        &self.0.sub
    }

    /// The token's display name, if it carries one.
    async fn name(&self) -> Option<&str> {
        self.0.name.as_deref()
    }

    /// The caller's role.
    async fn role(&self) -> Role {
        self.0.role
    }

    /// Where the caller serves.
    async fn unit(&self, ctx: &Context<'_>) -> ApiResult<Option<OrgUnit>> {
        find_unit(ctx, self.0.unit.id).await
    }

    /// When the token expires.
    async fn expires_at(&self) -> Option<DateTime<Utc>> {
        self.0.expires_at
    }

    /// The FIRs whose case the caller investigates, as `firs(filter:
    /// { investigatingOfficer })` lists them; null when the caller is not an officer on
    /// the roll of the unit in their token.
    async fn cases(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last FIR already seen.")] after: Option<String>,
    ) -> ApiResult<Option<Page<Fir>>> {
        let Some(officer) = self.0.officer_id else {
            return Ok(None);
        };
        let filter = FirFilter {
            investigating_officer: Some(ids::encode("Officer", officer)),
            ..FirFilter::default()
        };
        crate::fir::list(ctx, filter, first, after).await.map(Some)
    }
}
