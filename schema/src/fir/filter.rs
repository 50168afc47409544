//! `FirFilter`: the ways officers narrow a list of FIRs.

use async_graphql::{Context, ID, InputObject};
use chrono::{DateTime, Utc};
use entities::{charge, fir, police_case, statute};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{ColumnTrait, Condition};

use super::modus_operandi::recorded_with;
use super::{matching_statutes, require_restricted};
use crate::context::RequestContext;
use crate::enums::{Act, CaseStatus};
use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::org::{unit_by_code, units_under};
use crate::policy;

/// Narrows a list of FIRs. All given conditions must hold.
#[derive(InputObject, Debug, Default)]
pub struct FirFilter {
    /// Only FIRs registered at this station (code).
    pub station_code: Option<String>,
    /// Only FIRs registered at stations inside this unit's subtree (state, district, …).
    pub unit_code: Option<String>,
    /// Only FIRs of this registration year.
    pub year: Option<i32>,
    /// Only FIRs with a charge under this act (with `section`: that act's section).
    pub act: Option<Act>,
    /// Only FIRs charging this section, its subsections (`64` matches `64(1)`) and their
    /// IPC↔BNS equivalents (`379` under IPC also finds BNS `303(2)`).
    pub section: Option<String>,
    /// Only FIRs whose case has this status.
    pub status: Option<CaseStatus>,
    /// Only FIRs with a live charge under this NCRB crime head (`THEFT`, `RAPE`,
    /// `CHEATING`, …: the heads of the statute catalogue).
    pub crime_head: Option<String>,
    /// Only FIRs recording this way of committing (a code of `modusOperandiCatalogue`,
    /// e.g. `CHAIN_SNATCHING`).
    pub modus_operandi: Option<String>,
    /// Only FIRs whose case this officer (an `Officer` id) investigates: an
    /// investigating officer's own cases.
    pub investigating_officer: Option<ID>,
    /// Only FIRs registered at or after this instant.
    pub registered_from: Option<DateTime<Utc>>,
    /// Only FIRs registered at or before this instant.
    pub registered_to: Option<DateTime<Utc>>,
}

impl FirFilter {
    /// The SQL condition for this filter, as seen by the calling principal.
    pub(crate) async fn condition(&self, ctx: &Context<'_>) -> ApiResult<Condition> {
        let mut condition = Condition::all();
        if !policy::sees_sensitive_headers(&RequestContext::of(ctx).principal) {
            condition = condition.add(fir::Column::VictimIdentityProtected.eq(false));
        }
        if let Some(code) = &self.station_code {
            let station = unit_by_code(ctx, code).await?;
            condition = condition.add(fir::Column::StationId.eq(station.id));
        }
        if let Some(code) = &self.unit_code {
            let unit = unit_by_code(ctx, code).await?;
            condition = condition.add(fir::Column::StationId.in_subquery(units_under(&unit.path)));
        }
        if let Some(year) = self.year {
            condition = condition.add(fir::Column::Year.eq(year));
        }
        if let (Some(from), Some(to)) = (self.registered_from, self.registered_to)
            && from > to
        {
            return Err(ApiError::bad_input("registeredFrom is after registeredTo"));
        }
        if let Some(from) = self.registered_from {
            condition = condition.add(fir::Column::RegisteredAt.gte(from));
        }
        if let Some(to) = self.registered_to {
            condition = condition.add(fir::Column::RegisteredAt.lte(to));
        }
        if let Some(status) = self.status {
            require_restricted(ctx)?;
            let status: entities::enums::CaseStatus = status.into();
            condition = condition.add(whose_case(police_case::Column::Status.eq(status)));
        }
        if let Some(officer) = &self.investigating_officer {
            require_restricted(ctx)?;
            let officer = ids::decode_input("Officer", officer, "filter.investigatingOfficer")?;
            condition = condition.add(whose_case(police_case::Column::IoId.eq(officer)));
        }
        if let Some(head) = &self.crime_head {
            require_restricted(ctx)?;
            let head = head.trim().to_uppercase();
            if head.is_empty() {
                return Err(ApiError::invalid(
                    "filter.crimeHead",
                    "crimeHead must not be empty",
                ));
            }
            let charged = Query::select()
                .column((charge::Entity, charge::Column::FirId))
                .from(charge::Entity)
                .inner_join(
                    statute::Entity,
                    Expr::col((statute::Entity, statute::Column::Id))
                        .equals((charge::Entity, charge::Column::StatuteId)),
                )
                .and_where(Expr::col((charge::Entity, charge::Column::RemovedAt)).is_null())
                .and_where(Expr::col((statute::Entity, statute::Column::CrimeHead)).eq(head))
                .to_owned();
            condition = condition.add(fir::Column::Id.in_subquery(charged));
        }
        if let Some(code) = &self.modus_operandi {
            require_restricted(ctx)?;
            let code = code.trim().to_uppercase();
            if code.is_empty() {
                return Err(ApiError::invalid(
                    "filter.modusOperandi",
                    "modusOperandi must not be empty",
                ));
            }
            condition = condition.add(fir::Column::Id.in_subquery(recorded_with(&code)));
        }
        if self.act.is_some() || self.section.is_some() {
            require_restricted(ctx)?;
            condition = condition.add(self.charge_condition(ctx).await?);
        }
        Ok(condition)
    }

    /// `fir.id IN (charges matching act/section, with IPC↔BNS equivalents)`.
    async fn charge_condition(&self, ctx: &Context<'_>) -> ApiResult<Condition> {
        let act = self.act.map(entities::enums::Act::from);
        let mut charges = Query::select()
            .column(charge::Column::FirId)
            .from(charge::Entity)
            .and_where(charge::Column::RemovedAt.is_null())
            .to_owned();
        match self.section.as_deref().map(str::trim) {
            Some("") => return Err(ApiError::bad_input("section must not be empty")),
            Some(section) => {
                let statutes = matching_statutes(ctx, act, section).await?;
                // Sections outside the catalogue (local acts) match as written.
                let mut as_written = Condition::all().add(
                    Condition::any()
                        .add(charge::Column::Section.eq(section))
                        .add(charge::Column::Section.starts_with(format!("{section}("))),
                );
                if let Some(act) = act {
                    as_written = as_written.add(charge::Column::Act.eq(act));
                }
                charges.cond_where(
                    Condition::any()
                        .add(charge::Column::StatuteId.is_in(statutes))
                        .add(as_written),
                );
            }
            None => {
                if let Some(act) = act {
                    charges.and_where(charge::Column::Act.eq(act));
                }
            }
        }
        Ok(Condition::all().add(fir::Column::Id.in_subquery(charges)))
    }
}

/// `fir.id IN (the FIRs whose case meets `case`)`.
fn whose_case(case: SimpleExpr) -> SimpleExpr {
    fir::Column::Id.in_subquery(
        Query::select()
            .column(police_case::Column::FirId)
            .from(police_case::Entity)
            .and_where(case)
            .to_owned(),
    )
}
