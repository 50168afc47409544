//! Case, arrest, seizure, property and final report objects.
//!
//! Everything here is police-restricted through the FIR it was recorded under; a court or
//! prosecutor also sees a case that is before one of their court cases.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use entities::{
    arrest, case_diary_entry, final_report, final_report_accused, io_assignment, police_case,
    property_item, seizure,
};
use futures_util::future::try_join_all;

use super::{
    AccusedOfFinalReport, ArrestsOfCase, CourtCasesOfCase, DiaryOfCase, FinalReportsOfCase,
    IoHistoryOfCase, ItemsOfSeizure, SeizuresOfCase,
};
use crate::audit::{self, AuditClass};
use crate::context::RequestContext;
use crate::courts::{CourtCase, CourtCaseById};
use crate::enums::{
    ArrestMode, CaseStatus, FinalReportKind, PropertyCategory, PropertyStatus, SeizureNature,
};
use crate::error::{ApiError, ApiResult};
use crate::fir::{Fir, FirById};
use crate::ids;
use crate::org::{Officer, OfficerById, OrgUnit, UnitById};
use crate::people::{CaseParty, PartyById};
use crate::policy::{Access, FieldClass, reaches_cases_through_courts};

/// Loads an officer by optional id.
async fn officer(ctx: &Context<'_>, id: Option<i64>) -> ApiResult<Option<Officer>> {
    let Some(id) = id else { return Ok(None) };
    Ok(RequestContext::of(ctx)
        .loaders
        .load_one(OfficerById(id))
        .await?
        .map(Officer))
}

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct Case(pub police_case::Model);

impl Case {
    async fn load_fir(&self, ctx: &Context<'_>) -> ApiResult<Fir> {
        RequestContext::of(ctx)
            .loaders
            .load_one(FirById(self.0.fir_id))
            .await?
            .map(Fir)
            .ok_or_else(ApiError::internal)
    }

    /// Whether the caller may see this case: police-restricted through its FIR, or a court
    /// or prosecutor on a court case the case is before.
    pub(crate) async fn visible(&self, ctx: &Context<'_>) -> ApiResult<bool> {
        if self
            .load_fir(ctx)
            .await?
            .access(ctx, FieldClass::PoliceRestricted)
            .await?
            .is_full()
        {
            return Ok(true);
        }
        let rc = RequestContext::of(ctx);
        if !reaches_cases_through_courts(&rc.principal) {
            return Ok(false);
        }
        let court_cases = rc
            .loaders
            .load_one(CourtCasesOfCase(self.0.id))
            .await?
            .unwrap_or_default();
        let loaded = rc
            .loaders
            .load_many(court_cases.into_iter().map(CourtCaseById))
            .await?;
        let court_cases: Vec<CourtCase> = loaded.into_values().map(CourtCase).collect();
        let decisions = try_join_all(court_cases.iter().map(|c| c.access(ctx))).await?;
        Ok(decisions.contains(&Access::Full))
    }
}

/// The investigation opened by an FIR.
#[Object]
impl Case {
    /// Global id.
    pub(crate) async fn id(&self) -> ID {
        ids::encode("Case", self.0.id)
    }
    /// The FIR that opened this case.
    async fn fir(&self, ctx: &Context<'_>) -> ApiResult<Fir> {
        self.load_fir(ctx).await
    }
    /// Where the investigation stands.
    async fn status(&self) -> CaseStatus {
        self.0.status.into()
    }
    /// When the case was opened.
    async fn opened_at(&self) -> DateTime<Utc> {
        self.0.opened_at
    }
    /// When the status last changed.
    async fn status_changed_at(&self) -> DateTime<Utc> {
        self.0.status_changed_at
    }
    /// The officer now investigating (IO).
    async fn investigating_officer(&self, ctx: &Context<'_>) -> ApiResult<Option<Officer>> {
        officer(ctx, self.0.io_id).await
    }
    /// Every IO the case has had, oldest first.
    async fn io_history(&self, ctx: &Context<'_>) -> ApiResult<Vec<IoAssignment>> {
        let rows = RequestContext::of(ctx)
            .loaders
            .load_one(IoHistoryOfCase(self.0.id))
            .await?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .map(IoAssignment)
            .collect())
    }
    /// The case diary (investigative material): the case team and supervisors over the
    /// station only; null for everyone else.
    async fn diary(&self, ctx: &Context<'_>) -> ApiResult<Option<Vec<DiaryEntry>>> {
        let fir = self.load_fir(ctx).await?;
        if !fir.access(ctx, FieldClass::Investigative).await?.is_full() {
            audit::denied(ctx, "Case", self.0.id, AuditClass::Investigative);
            return Ok(None);
        }
        audit::disclosed(ctx, "Case", self.0.id, AuditClass::Investigative);
        let rows = RequestContext::of(ctx)
            .loaders
            .load_one(DiaryOfCase(self.0.id))
            .await?;
        Ok(Some(
            rows.unwrap_or_default()
                .into_iter()
                .map(DiaryEntry)
                .collect(),
        ))
    }
    /// Arrests made in this case.
    async fn arrests(&self, ctx: &Context<'_>) -> ApiResult<Vec<Arrest>> {
        let rows = RequestContext::of(ctx)
            .loaders
            .load_one(ArrestsOfCase(self.0.id))
            .await?;
        Ok(rows.unwrap_or_default().into_iter().map(Arrest).collect())
    }
    /// Property seized in this case.
    async fn seizures(&self, ctx: &Context<'_>) -> ApiResult<Vec<Seizure>> {
        let rows = RequestContext::of(ctx)
            .loaders
            .load_one(SeizuresOfCase(self.0.id))
            .await?;
        Ok(rows.unwrap_or_default().into_iter().map(Seizure).collect())
    }
    /// Final reports (chargesheet or closure, then supplementary ones).
    async fn final_reports(&self, ctx: &Context<'_>) -> ApiResult<Vec<FinalReport>> {
        let rows = RequestContext::of(ctx)
            .loaders
            .load_one(FinalReportsOfCase(self.0.id))
            .await?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .map(FinalReport)
            .collect())
    }
    /// The court cases this case is before.
    async fn court_cases(&self, ctx: &Context<'_>) -> ApiResult<Vec<CourtCase>> {
        let rc = RequestContext::of(ctx);
        let ids = rc
            .loaders
            .load_one(CourtCasesOfCase(self.0.id))
            .await?
            .unwrap_or_default();
        let mut rows = rc
            .loaders
            .load_many(ids.iter().copied().map(CourtCaseById))
            .await?;
        Ok(ids
            .iter()
            .filter_map(|id| rows.remove(&CourtCaseById(*id)))
            .map(CourtCase)
            .collect())
    }
}

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct IoAssignment(pub io_assignment::Model);

/// One spell of an officer investigating a case.
#[Object]
impl IoAssignment {
    /// The investigating officer.
    async fn officer(&self, ctx: &Context<'_>) -> ApiResult<Option<Officer>> {
        officer(ctx, Some(self.0.officer_id)).await
    }
    /// Who assigned them.
    async fn assigned_by(&self, ctx: &Context<'_>) -> ApiResult<Option<Officer>> {
        officer(ctx, self.0.assigned_by_id).await
    }
    /// From when.
    async fn assigned_at(&self) -> DateTime<Utc> {
        self.0.assigned_at
    }
    /// Until when (null while still assigned).
    async fn relieved_at(&self) -> Option<DateTime<Utc>> {
        self.0.relieved_at
    }
    /// Why the IO was assigned or changed.
    async fn reason(&self) -> Option<&str> {
        self.0.reason.as_deref()
    }
}

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct Arrest(pub arrest::Model);

/// An arrest (IIF-III).
#[Object]
impl Arrest {
    /// Global id.
    pub(crate) async fn id(&self) -> ID {
        ids::encode("Arrest", self.0.id)
    }
    /// The accused arrested, as named in the FIR.
    async fn accused(&self, ctx: &Context<'_>) -> ApiResult<Option<CaseParty>> {
        let row = RequestContext::of(ctx)
            .loaders
            .load_one(PartyById(self.0.party_id))
            .await?;
        Ok(row.map(CaseParty))
    }
    /// When.
    async fn arrested_at(&self) -> DateTime<Utc> {
        self.0.arrested_at
    }
    /// Where.
    async fn place(&self) -> Option<&str> {
        self.0.place.as_deref()
    }
    /// Arrest or surrender, and custody or bail.
    async fn mode(&self) -> ArrestMode {
        self.0.mode.into()
    }
    /// The arresting officer.
    async fn arresting_officer(&self, ctx: &Context<'_>) -> ApiResult<Option<Officer>> {
        officer(ctx, self.0.arresting_officer_id).await
    }
    /// The relative or friend informed of the arrest.
    async fn relative_informed(&self) -> Option<&str> {
        self.0.relative_informed.as_deref()
    }
    /// The case.
    async fn case(&self, ctx: &Context<'_>) -> ApiResult<Option<Case>> {
        let row = RequestContext::of(ctx)
            .loaders
            .load_one(super::CaseById(self.0.case_id))
            .await?;
        Ok(row.map(Case))
    }
}

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct Seizure(pub seizure::Model);

/// A seizure of property (IIF-IV).
#[Object]
impl Seizure {
    /// Global id.
    pub(crate) async fn id(&self) -> ID {
        ids::encode("Seizure", self.0.id)
    }
    /// When.
    async fn seized_at(&self) -> DateTime<Utc> {
        self.0.seized_at
    }
    /// Where.
    async fn place(&self) -> Option<&str> {
        self.0.place.as_deref()
    }
    /// Why the property was seized.
    async fn nature(&self) -> SeizureNature {
        self.0.nature.into()
    }
    /// The seizing officer.
    async fn seized_by(&self, ctx: &Context<'_>) -> ApiResult<Option<Officer>> {
        officer(ctx, self.0.seized_by_id).await
    }
    /// The items seized.
    async fn items(&self, ctx: &Context<'_>) -> ApiResult<Vec<PropertyItem>> {
        let rows = RequestContext::of(ctx)
            .loaders
            .load_one(ItemsOfSeizure(self.0.id))
            .await?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .map(PropertyItem)
            .collect())
    }
}

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct PropertyItem(pub property_item::Model);

/// A property item: stolen, seized, recovered or returned.
#[Object]
impl PropertyItem {
    /// Global id.
    pub(crate) async fn id(&self) -> ID {
        ids::encode("PropertyItem", self.0.id)
    }
    /// Kind of property.
    async fn category(&self) -> PropertyCategory {
        self.0.category.into()
    }
    /// Description.
    async fn description(&self) -> &str {
        &self.0.description
    }
    /// Value in rupees.
    async fn value(&self) -> Option<i64> {
        self.0.value
    }
    /// Where the item stands.
    async fn status(&self) -> PropertyStatus {
        self.0.status.into()
    }
    /// Vehicle registration number as recorded.
    async fn registration_number(&self) -> Option<&str> {
        self.0.registration_number.as_deref()
    }
    /// Vehicle chassis number.
    async fn chassis_number(&self) -> Option<&str> {
        self.0.chassis_number.as_deref()
    }
    /// Vehicle engine number.
    async fn engine_number(&self) -> Option<&str> {
        self.0.engine_number.as_deref()
    }
    /// Mobile IMEI.
    async fn imei(&self) -> Option<&str> {
        self.0.imei.as_deref()
    }
    /// Firearm serial number.
    async fn arm_serial(&self) -> Option<&str> {
        self.0.arm_serial.as_deref()
    }
    /// Make.
    async fn make(&self) -> Option<&str> {
        self.0.make.as_deref()
    }
    /// Model.
    async fn model(&self) -> Option<&str> {
        self.0.model.as_deref()
    }
    /// The FIR the item is recorded in.
    async fn fir(&self, ctx: &Context<'_>) -> ApiResult<Option<Fir>> {
        let row = RequestContext::of(ctx)
            .loaders
            .load_one(FirById(self.0.fir_id))
            .await?;
        Ok(row.map(Fir))
    }
}

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct FinalReport(pub final_report::Model);

/// A final report (IIF-V): chargesheet or closure.
#[Object]
impl FinalReport {
    /// Global id.
    pub(crate) async fn id(&self) -> ID {
        ids::encode("FinalReport", self.0.id)
    }
    /// Chargesheet or a kind of closure.
    async fn kind(&self) -> FinalReportKind {
        self.0.kind.into()
    }
    /// Whether this supplements an earlier report.
    async fn supplementary(&self) -> bool {
        self.0.supplementary
    }
    /// When it was filed.
    async fn filed_at(&self) -> DateTime<Utc> {
        self.0.filed_at
    }
    /// The officer who filed it.
    async fn filed_by(&self, ctx: &Context<'_>) -> ApiResult<Option<Officer>> {
        officer(ctx, self.0.filed_by_id).await
    }
    /// The court it was filed in.
    async fn court(&self, ctx: &Context<'_>) -> ApiResult<Option<OrgUnit>> {
        let Some(id) = self.0.court_id else {
            return Ok(None);
        };
        Ok(RequestContext::of(ctx)
            .loaders
            .load_one(UnitById(id))
            .await?
            .map(OrgUnit))
    }
    /// Summary of the findings.
    async fn summary(&self) -> Option<&str> {
        self.0.summary.as_deref()
    }
    /// The accused it deals with, and whether each is charged.
    async fn accused(&self, ctx: &Context<'_>) -> ApiResult<Vec<ReportedAccused>> {
        let rows = RequestContext::of(ctx)
            .loaders
            .load_one(AccusedOfFinalReport(self.0.id))
            .await?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .map(ReportedAccused)
            .collect())
    }
}

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct ReportedAccused(pub final_report_accused::Model);

/// One accused in a final report.
#[Object]
impl ReportedAccused {
    /// The accused, as named in the FIR.
    async fn accused(&self, ctx: &Context<'_>) -> ApiResult<Option<CaseParty>> {
        let row = RequestContext::of(ctx)
            .loaders
            .load_one(PartyById(self.0.party_id))
            .await?;
        Ok(row.map(CaseParty))
    }
    /// Charged (sent for trial) or not.
    async fn charged(&self) -> bool {
        self.0.charged
    }
}

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct DiaryEntry(pub case_diary_entry::Model);

/// An entry in the case diary: the day-by-day record of the investigation.
#[Object]
impl DiaryEntry {
    /// When the entry was written.
    async fn entry_at(&self) -> DateTime<Utc> {
        self.0.entry_at
    }
    /// Who wrote it.
    async fn author(&self, ctx: &Context<'_>) -> ApiResult<Option<Officer>> {
        officer(ctx, self.0.author_id).await
    }
    /// The entry.
    async fn content(&self) -> &str {
        &self.0.content
    }
}
