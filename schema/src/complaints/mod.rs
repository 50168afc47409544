//! Citizen services: complaints (petitions) received by police stations.
//!
//! A citizen sees only the complaints they filed; station officers see their own
//! station's; supervisors see their subtree's. Complaints are not national data.

mod write;

pub use write::{ComplaintMutation, FileComplaintInput};

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use entities::complaint;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter};

use crate::context::RequestContext;
use crate::enums::{ComplaintChannel, ComplaintStatus};
use crate::error::{ApiError, ApiResult, unless_forbidden};
use crate::fir::{Fir, FirById, find_fir};
use crate::ids;
use crate::org::{PoliceStation, find_station, units_under};
use crate::pagination::{Keyed, Page, PageRequest, fetch_page};
use crate::policy::{FieldClass, ListScope, Register, Role};

/// The complaints the caller may list, as the policy scopes them
/// ([`Register::Complaints`]).
fn visible_complaints(ctx: &Context<'_>) -> ApiResult<Condition> {
    let principal = &RequestContext::of(ctx).principal;
    let condition = Condition::all();
    Ok(match ListScope::of(principal, Register::Complaints)? {
        ListScope::Own { sub } => condition.add(complaint::Column::CitizenSub.eq(sub)),
        ListScope::Station(id) => condition.add(complaint::Column::StationId.eq(id)),
        ListScope::UnitsUnder(path) => {
            condition.add(complaint::Column::StationId.in_subquery(units_under(&path)))
        }
        ListScope::Everything | ListScope::CourtsUnder(_) | ListScope::Office { .. } => {
            return Err(ApiError::forbidden(
                "complaints are not visible to this role",
            ));
        }
    })
}

/// Queries over complaints.
#[derive(Default)]
pub struct ComplaintQuery;

#[Object]
impl ComplaintQuery {
    /// Complaints the caller may see, latest first: a citizen's own, a station's, or a
    /// supervisor's subtree's.
    async fn complaints(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only complaints with this status.")] status: Option<ComplaintStatus>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last complaint already seen.")] after: Option<String>,
    ) -> ApiResult<Page<Complaint>> {
        let request = PageRequest::new(first, after.as_deref())?;
        let mut condition = visible_complaints(ctx)?;
        if let Some(status) = status {
            condition = condition
                .add(complaint::Column::Status.eq(entities::enums::ComplaintStatus::from(status)));
        }
        let query = complaint::Entity::find().filter(condition);
        fetch_page(ctx, query, complaint::Column::Id, request, true, Complaint).await
    }

    /// The complaints the calling citizen filed, latest first (CITIZEN only).
    async fn my_complaints(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last complaint already seen.")] after: Option<String>,
    ) -> ApiResult<Page<Complaint>> {
        let principal = &RequestContext::of(ctx).principal;
        let Some(identity) = principal
            .identity
            .as_ref()
            .filter(|i| i.role == Role::Citizen)
        else {
            return Err(ApiError::forbidden("myComplaints is for citizens"));
        };
        let request = PageRequest::new(first, after.as_deref())?;
        let query = complaint::Entity::find()
            .filter(complaint::Column::CitizenSub.eq(identity.sub.clone()));
        fetch_page(ctx, query, complaint::Column::Id, request, true, Complaint).await
    }
}

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct Complaint(pub complaint::Model);

/// A complaint (petition) received by a police station; it may become an FIR.
#[Object]
impl Complaint {
    /// Global id.
    pub(crate) async fn id(&self) -> ID {
        ids::encode("Complaint", self.0.id)
    }
    /// Petition number.
    async fn petition_number(&self) -> &str {
        &self.0.petition_number
    }
    /// The receiving station.
    async fn station(&self, ctx: &Context<'_>) -> ApiResult<Option<PoliceStation>> {
        find_station(ctx, self.0.station_id).await
    }
    /// When received.
    async fn received_at(&self) -> DateTime<Utc> {
        self.0.received_at
    }
    /// How it was received.
    async fn channel(&self) -> ComplaintChannel {
        self.0.channel.into()
    }
    /// Nature of the complaint (withheld, with the description, when the complaint became
    /// an FIR that protects its victim and the caller may not read that FIR's narrative).
    async fn nature(&self, ctx: &Context<'_>) -> ApiResult<Option<&str>> {
        Ok(self
            .reveals_text(ctx)
            .await?
            .then_some(self.0.nature.as_str()))
    }
    /// The complaint as given (withheld as for `nature`).
    async fn description(&self, ctx: &Context<'_>) -> ApiResult<Option<&str>> {
        Ok(self
            .reveals_text(ctx)
            .await?
            .then_some(self.0.description.as_str()))
    }
    /// Where it stands.
    async fn status(&self) -> ComplaintStatus {
        self.0.status.into()
    }
    /// The FIR it became, when the caller may see it.
    async fn fir(&self, ctx: &Context<'_>) -> ApiResult<Option<Fir>> {
        match self.0.fir_id {
            Some(id) => unless_forbidden(find_fir(ctx, id).await),
            None => Ok(None),
        }
    }
    /// Why it was closed, if it was.
    async fn closure_reason(&self) -> Option<&str> {
        self.0.closure_reason.as_deref()
    }
}

impl Complaint {
    /// Whether the caller may read what the complaint says. A complaint that became an FIR
    /// protecting its victim (BNS 72, JJ Act s.74) names her as surely as the FIR does, so
    /// it is shown only to those who may read that FIR's narrative, and to the citizen who
    /// filed it.
    async fn reveals_text(&self, ctx: &Context<'_>) -> ApiResult<bool> {
        let Some(fir_id) = self.0.fir_id else {
            return Ok(true);
        };
        let rc = RequestContext::of(ctx);
        let filed_by_caller = rc.principal.identity.as_ref().is_some_and(|i| {
            i.role == Role::Citizen && self.0.citizen_sub.as_deref() == Some(i.sub.as_str())
        });
        if filed_by_caller {
            return Ok(true);
        }
        let Some(fir) = rc.loaders.load_one(FirById(fir_id)).await? else {
            return Ok(true);
        };
        let fir = Fir(fir);
        Ok(!fir.0.victim_identity_protected
            || fir.access(ctx, FieldClass::Narrative).await?.is_full())
    }
}

impl Keyed for Complaint {
    fn key(&self) -> i64 {
        self.0.id
    }
}
