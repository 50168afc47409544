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
use crate::fir::{Fir, find_fir};
use crate::ids;
use crate::org::{PoliceStation, find_station, units_under};
use crate::pagination::{Keyed, Page, PageRequest, fetch_page};
use crate::policy::Role;

/// The complaints the caller may list.
fn visible_complaints(ctx: &Context<'_>) -> ApiResult<Condition> {
    let principal = &RequestContext::of(ctx).principal;
    let Some(identity) = principal.identity.as_ref() else {
        return Err(ApiError::forbidden("complaints need a token"));
    };
    let condition = Condition::all();
    Ok(match identity.role {
        Role::Citizen => condition.add(complaint::Column::CitizenSub.eq(identity.sub.clone())),
        role if role.is_station_role() => {
            condition.add(complaint::Column::StationId.eq(identity.unit.id))
        }
        Role::Supervisor => condition
            .add(complaint::Column::StationId.in_subquery(units_under(&identity.unit.path))),
        _ => {
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
    /// Nature of the complaint.
    async fn nature(&self) -> &str {
        &self.0.nature
    }
    /// The complaint as given.
    async fn description(&self) -> &str {
        &self.0.description
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

impl Keyed for Complaint {
    fn key(&self) -> i64 {
        self.0.id
    }
}
