//! Investigations: the case opened by an FIR, its officers, arrests, seizures and reports.

pub(crate) mod lifecycle;
mod types;
mod write;

use async_graphql::{Context, ID, Object};

pub use types::{Arrest, Case, FinalReport, PropertyItem, Seizure};
pub use write::{
    FileFinalReportInput, InvestigationMutation, PropertyItemInput, RecordArrestInput,
    RecordSeizureInput,
};

use crate::context::RequestContext;
use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::loader::{by_id, children, linked_ids};

by_id!(
    /// A case by row id.
    CaseById => police_case
);
children!(
    /// Arrests made in a case.
    ArrestsOfCase => arrest . CaseId (case_id)
);
children!(
    /// Seizures made in a case.
    SeizuresOfCase => seizure . CaseId (case_id)
);
children!(
    /// Items seized in one seizure.
    ItemsOfSeizure => property_item . SeizureId (seizure_id)
);
children!(
    /// Final reports filed in a case (the first, then supplementary ones).
    FinalReportsOfCase => final_report . CaseId (case_id)
);
children!(
    /// Accused dealt with by a final report.
    AccusedOfFinalReport => final_report_accused . FinalReportId (final_report_id) by PartyId
);
children!(
    /// Investigating officers a case has had, in order.
    IoHistoryOfCase => io_assignment . CaseId (case_id)
);
children!(
    /// Case diary entries, oldest first.
    DiaryOfCase => case_diary_entry . CaseId (case_id)
);
children!(
    /// Arrests of a person, in any case.
    ArrestsOfPerson => arrest . PersonId (person_id)
);

linked_ids!(
    /// The court cases a case is before.
    CourtCasesOfCase => court_case_link . CaseId (case_id) -> court_case_id
);
linked_ids!(
    /// The cases a court case tries.
    CasesOfCourtCase => court_case_link . CourtCaseId (court_case_id) -> case_id
);

/// Queries over investigations.
#[derive(Default)]
pub struct InvestigationQuery;

#[Object]
impl InvestigationQuery {
    /// One case (investigation) by its global id.
    async fn case(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The case's global id.")] id: ID,
    ) -> ApiResult<Option<Case>> {
        find_case(ctx, ids::decode("Case", &id)?).await
    }
}

/// A case by row id, if the caller may see it (`FORBIDDEN` otherwise).
pub async fn find_case(ctx: &Context<'_>, row_id: i64) -> ApiResult<Option<Case>> {
    let Some(row) = RequestContext::of(ctx)
        .loaders
        .load_one(CaseById(row_id))
        .await?
    else {
        return Ok(None);
    };
    let case = Case(row);
    if case.visible(ctx).await? {
        Ok(Some(case))
    } else {
        Err(ApiError::forbidden("this case is not visible to you"))
    }
}
