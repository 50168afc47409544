//! Court case, hearing, order and disposal objects.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, NaiveDate, Utc};
use entities::{court_case, court_order, disposal, hearing};

use super::{CourtCaseById, DisposalsOfCourtCase, HearingsOfCourtCase, OrdersOfCourtCase};
use crate::context::RequestContext;
use crate::enums::{CourtOrderKind, DisposalResult};
use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::investigation::{Case, CaseById, CasesOfCourtCase};
use crate::org::{OrgUnit, UnitById};
use crate::pagination::{Page, PageRequest, fetch_child_page};
use crate::people::{CaseParty, PartyById, Person, PersonById, person_access};
use crate::policy::{self, Access, CourtScope};

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct CourtCase(pub court_case::Model);

impl CourtCase {
    /// Whether the caller may see this court record.
    pub(crate) async fn access(&self, ctx: &Context<'_>) -> ApiResult<Access> {
        let rc = RequestContext::of(ctx);
        let court = rc.loaders.load_one(UnitById(self.0.court_id)).await?;
        let court_path = court.map(|c| c.path).unwrap_or_default();
        Ok(policy::court_record(
            &rc.principal,
            &CourtScope {
                court_path: &court_path,
            },
        ))
    }
}

/// A case before a court (e-Courts), identified by its CNR.
#[Object]
impl CourtCase {
    /// Global id.
    pub(crate) async fn id(&self) -> ID {
        ids::encode("CourtCase", self.0.id)
    }
    /// Case Number Record: 16 letters and digits, permanent.
    async fn cnr(&self) -> &str {
        &self.0.cnr
    }
    /// The court.
    async fn court(&self, ctx: &Context<'_>) -> ApiResult<Option<OrgUnit>> {
        Ok(RequestContext::of(ctx)
            .loaders
            .load_one(UnitById(self.0.court_id))
            .await?
            .map(OrgUnit))
    }
    /// Case type (e.g. `SC` sessions case, `CC` calendar case).
    async fn case_type(&self) -> &str {
        &self.0.case_type
    }
    /// Case number within the type and year.
    async fn case_number(&self) -> i32 {
        self.0.case_number
    }
    /// Case year.
    async fn case_year(&self) -> i32 {
        self.0.case_year
    }
    /// Current stage (e.g. `EVIDENCE`, `ARGUMENTS`, `JUDGMENT`).
    async fn stage(&self) -> &str {
        &self.0.stage
    }
    /// When the case was filed.
    async fn filed_at(&self) -> DateTime<Utc> {
        self.0.filed_at
    }
    /// Hearings, in the order they were listed.
    async fn hearings(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last hearing already seen.")] after: Option<String>,
    ) -> ApiResult<Page<Hearing>> {
        let request = PageRequest::new(first, after.as_deref())?;
        fetch_child_page::<HearingsOfCourtCase, _>(ctx, self.0.id, request, false, Hearing).await
    }
    /// Orders issued (remand, bail, summons, warrant, proclamation, judgment).
    async fn orders(&self, ctx: &Context<'_>) -> ApiResult<Vec<CourtOrder>> {
        let rows = RequestContext::of(ctx)
            .loaders
            .load_one(OrdersOfCourtCase(self.0.id))
            .await?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .map(CourtOrder)
            .collect())
    }
    /// How the court disposed of each accused.
    async fn disposals(&self, ctx: &Context<'_>) -> ApiResult<Vec<Disposal>> {
        let rows = RequestContext::of(ctx)
            .loaders
            .load_one(DisposalsOfCourtCase(self.0.id))
            .await?;
        Ok(rows.unwrap_or_default().into_iter().map(Disposal).collect())
    }
    /// The police cases this court case tries.
    async fn cases(&self, ctx: &Context<'_>) -> ApiResult<Vec<Case>> {
        let loaders = &RequestContext::of(ctx).loaders;
        let ids = loaders
            .load_one(CasesOfCourtCase(self.0.id))
            .await?
            .unwrap_or_default();
        let mut rows = loaders.load_many(ids.iter().copied().map(CaseById)).await?;
        Ok(ids
            .iter()
            .filter_map(|id| rows.remove(&CaseById(*id)))
            .map(Case)
            .collect())
    }
}

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct Hearing(pub hearing::Model);

/// A hearing of a court case.
#[Object]
impl Hearing {
    /// Global id.
    pub(crate) async fn id(&self) -> ID {
        ids::encode("Hearing", self.0.id)
    }
    /// Date of the hearing.
    async fn date(&self) -> NaiveDate {
        self.0.date
    }
    /// What the hearing is for (e.g. `EVIDENCE`, `CHARGE`, `BAIL`).
    async fn purpose(&self) -> &str {
        &self.0.purpose
    }
    /// What happened (null until recorded).
    async fn outcome(&self) -> Option<&str> {
        self.0.outcome.as_deref()
    }
    /// The next date given.
    async fn next_date(&self) -> Option<NaiveDate> {
        self.0.next_date
    }
    /// The court case.
    async fn court_case(&self, ctx: &Context<'_>) -> ApiResult<CourtCase> {
        RequestContext::of(ctx)
            .loaders
            .load_one(CourtCaseById(self.0.court_case_id))
            .await?
            .map(CourtCase)
            .ok_or_else(ApiError::internal)
    }
}

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct CourtOrder(pub court_order::Model);

/// An order of the court.
#[Object]
impl CourtOrder {
    /// Global id.
    pub(crate) async fn id(&self) -> ID {
        ids::encode("CourtOrder", self.0.id)
    }
    /// Kind of order.
    async fn kind(&self) -> CourtOrderKind {
        self.0.kind.into()
    }
    /// When it was issued.
    async fn issued_at(&self) -> DateTime<Utc> {
        self.0.issued_at
    }
    /// The person it concerns, if any.
    async fn person(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        let Some(id) = self.0.person_id else {
            return Ok(None);
        };
        let Some(row) = RequestContext::of(ctx)
            .loaders
            .load_one(PersonById(id))
            .await?
        else {
            return Ok(None);
        };
        let access = person_access(ctx, id).await?;
        Ok((access.name != Access::Denied).then(|| Person::new(row, access)))
    }
    /// Text of the order.
    async fn text(&self) -> &str {
        &self.0.text
    }
}

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct Disposal(pub disposal::Model);

/// How the court disposed of the case against one accused.
#[Object]
impl Disposal {
    /// The accused, as named in the FIR.
    async fn accused(&self, ctx: &Context<'_>) -> ApiResult<Option<CaseParty>> {
        let row = RequestContext::of(ctx)
            .loaders
            .load_one(PartyById(self.0.party_id))
            .await?;
        Ok(row.map(CaseParty))
    }
    /// Convicted, acquitted, discharged, …
    async fn result(&self) -> DisposalResult {
        self.0.result.into()
    }
    /// Sentence, when convicted.
    async fn sentence(&self) -> Option<&str> {
        self.0.sentence.as_deref()
    }
    /// When decided.
    async fn decided_at(&self) -> DateTime<Utc> {
        self.0.decided_at
    }
}

impl crate::pagination::Keyed for Hearing {
    fn key(&self) -> i64 {
        self.0.id
    }
}
