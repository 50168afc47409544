//! The court's mutations (e-Courts): registering a court case on the cases before it,
//! hearings, and orders up to the judgment. Only the court's own unit (or one above it)
//! writes its records; every write runs through [`Write`].

use std::collections::HashSet;

use async_graphql::{Context, ID, InputObject, Object};
use chrono::{DateTime, NaiveDate, Utc};
use entities::enums::{
    CaseStatus, CourtOrderKind as StoredKind, DisposalResult as StoredResult, OffenderStatus,
    PartyRole, UnitKind,
};
use entities::{
    case_party, court_case, court_case_link, court_order, disposal, hearing, org_unit, police_case,
    proclaimed_offender,
};
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter};

use super::{CourtCase, CourtOrder, Hearing, find_court_case, valid_cnr};
use crate::context::RequestContext;
use crate::enums::{CourtOrderKind, DisposalResult};
use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::investigation::lifecycle::{self, advance};
use crate::org::unit_of_kind;
use crate::policy::{WriteTarget, require_write};
use crate::write::{Begun, EventType, UnitOf, Write, written};

/// Stage of a court case once judgment is delivered.
const DISPOSED_STAGE: &str = "Disposed";

/// A court case and its court, loaded for a write; refuses callers other than the court.
struct CourtTarget {
    court_case: court_case::Model,
    court: org_unit::Model,
}

impl CourtTarget {
    async fn load(ctx: &Context<'_>, row: i64) -> ApiResult<Self> {
        let db = &RequestContext::of(ctx).db;
        let court_case = court_case::Entity::find_by_id(row)
            .one(db)
            .await?
            .ok_or_else(|| ApiError::not_found("court case"))?;
        let court = org_unit::Entity::find_by_id(court_case.court_id)
            .one(db)
            .await?
            .ok_or_else(ApiError::internal)?;
        require_write(
            &RequestContext::of(ctx).principal,
            &WriteTarget::CourtRecord {
                court_path: &court.path,
            },
        )?;
        Ok(Self { court_case, court })
    }

    fn unit(&self) -> UnitOf {
        UnitOf::from(&self.court)
    }

    fn refs(&self) -> serde_json::Value {
        serde_json::json!({
            "courtCase": ids::encode("CourtCase", self.court_case.id).0,
            "cnr": self.court_case.cnr,
        })
    }

    fn require_open(&self) -> ApiResult<()> {
        if self.court_case.stage == DISPOSED_STAGE {
            return Err(ApiError::conflict("the court case is disposed"));
        }
        Ok(())
    }
}

/// The police cases a court case tries, locked, with their stations.
async fn linked_cases(
    write: &Write,
    court_case_id: i64,
) -> ApiResult<Vec<(police_case::Model, org_unit::Model)>> {
    let links = court_case_link::Entity::find()
        .filter(court_case_link::Column::CourtCaseId.eq(court_case_id))
        .all(write.txn())
        .await?;
    let mut out = Vec::with_capacity(links.len());
    for link in links {
        let case = lifecycle::locked_case(write, link.case_id).await?;
        let station = org_unit::Entity::find_by_id(case.station_id)
            .one(write.txn())
            .await?
            .ok_or_else(ApiError::internal)?;
        out.push((case, station));
    }
    Ok(out)
}

/// The accused parties of the FIRs of `cases`.
async fn accused_of(
    write: &Write,
    cases: &[(police_case::Model, org_unit::Model)],
) -> ApiResult<Vec<case_party::Model>> {
    let firs: Vec<i64> = cases.iter().map(|(c, _)| c.fir_id).collect();
    Ok(case_party::Entity::find()
        .filter(case_party::Column::FirId.is_in(firs))
        .filter(case_party::Column::Role.eq(PartyRole::Accused))
        .all(write.txn())
        .await?)
}

/// A court case to register.
#[derive(InputObject, Debug)]
pub struct RegisterCourtCaseInput {
    /// The CNR: 16 letters and digits, unique and permanent.
    pub cnr: String,
    /// Code of the court (a unit of kind COURT).
    pub court_code: String,
    /// Case type (`SC` sessions case, `RCC` regular criminal case, …).
    pub case_type: String,
    /// Case number within the court, type and year.
    pub case_number: i32,
    /// Year of filing.
    pub case_year: i32,
    /// The chargesheeted police cases it tries (at least one).
    pub case_ids: Vec<ID>,
}

/// Per-accused disposal in a judgment.
#[derive(InputObject, Debug)]
pub struct DisposalInput {
    /// The accused person.
    pub person_id: ID,
    /// Convicted, acquitted, …
    pub result: DisposalResult,
    /// The sentence (required for a conviction).
    pub sentence: Option<String>,
}

/// A court order to issue.
#[derive(InputObject, Debug)]
pub struct IssueCourtOrderInput {
    /// The court case.
    pub court_case_id: ID,
    /// Remand, bail, summons, warrant, proclamation or judgment.
    pub kind: CourtOrderKind,
    /// The accused it concerns (all kinds but judgment).
    pub person_id: Option<ID>,
    /// The order's text.
    pub text: String,
    /// For a judgment: one disposal for every accused before the court.
    pub disposals: Option<Vec<DisposalInput>>,
}

/// Court mutations.
#[derive(Default)]
pub struct CourtMutation;

#[Object]
impl CourtMutation {
    /// Registers a court case (by the court itself) on one or more chargesheeted cases,
    /// which go to TRIAL. Emits COURT_CASE_REGISTERED.
    async fn register_court_case(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The court case.")] input: RegisterCourtCaseInput,
        #[graphql(desc = "A retry with the same key returns the first result.")]
        idempotency_key: Option<String>,
    ) -> ApiResult<CourtCase> {
        let cnr = input.cnr.trim().to_ascii_uppercase();
        if !valid_cnr(&cnr) {
            return Err(ApiError::invalid(
                "input.cnr",
                "a CNR is 16 letters and digits",
            ));
        }
        if input.case_number <= 0 {
            return Err(ApiError::invalid(
                "input.caseNumber",
                "caseNumber must be positive",
            ));
        }
        if input.case_type.trim().is_empty() {
            return Err(ApiError::invalid("input.caseType", "caseType is empty"));
        }
        if input.case_ids.is_empty() {
            return Err(ApiError::invalid(
                "input.caseIds",
                "a court case tries at least one case",
            ));
        }
        let mut case_rows = Vec::new();
        for (i, id) in input.case_ids.iter().enumerate() {
            let row = ids::decode_input("Case", id, &format!("input.caseIds[{i}]"))?;
            if case_rows.contains(&row) {
                return Err(ApiError::invalid(
                    format!("input.caseIds[{i}]"),
                    "case listed twice",
                ));
            }
            case_rows.push(row);
        }
        let court =
            unit_of_kind(ctx, &input.court_code, UnitKind::Court, "input.courtCode").await?;
        require_write(
            &RequestContext::of(ctx).principal,
            &WriteTarget::CourtRecord {
                court_path: &court.path,
            },
        )?;
        let mut write = match Write::begin(ctx, "registerCourtCase", idempotency_key).await? {
            Begun::Replay(id) => return court_case_result(ctx, id).await,
            Begun::Fresh(write) => *write,
        };
        let taken = court_case::Entity::find()
            .filter(court_case::Column::Cnr.eq(&cnr))
            .one(write.txn())
            .await?;
        if taken.is_some() {
            return Err(ApiError::conflict(format!(
                "CNR {cnr} is already registered"
            )));
        }
        let mut cases = Vec::new();
        for row in &case_rows {
            let case = lifecycle::locked_case(&write, *row).await?;
            lifecycle::require(
                &case,
                &[CaseStatus::Chargesheeted, CaseStatus::Trial],
                "registering a court case",
            )?;
            let station = org_unit::Entity::find_by_id(case.station_id)
                .one(write.txn())
                .await?
                .ok_or_else(ApiError::internal)?;
            cases.push((case, station));
        }
        let row = court_case::ActiveModel {
            cnr: Set(cnr.clone()),
            court_id: Set(court.id),
            case_type: Set(input.case_type.trim().to_owned()),
            case_number: Set(input.case_number),
            case_year: Set(input.case_year),
            stage: Set("Appearance of accused".to_owned()),
            filed_at: Set(write.at()),
            ..Default::default()
        }
        .insert(write.txn())
        .await?;
        let links = cases.iter().map(|(case, _)| court_case_link::ActiveModel {
            court_case_id: Set(row.id),
            case_id: Set(case.id),
        });
        court_case_link::Entity::insert_many(links)
            .exec_without_returning(write.txn())
            .await?;
        for (case, station) in &cases {
            if case.status == CaseStatus::Chargesheeted {
                advance(&mut write, case, CaseStatus::Trial, &UnitOf::from(station)).await?;
            }
        }
        let case_refs: Vec<String> = cases
            .iter()
            .map(|(c, _)| ids::encode("Case", c.id).0)
            .collect();
        write.event(
            EventType::CourtCaseRegistered,
            &UnitOf::from(&court),
            serde_json::json!({ "courtCase": ids::encode("CourtCase", row.id).0, "cnr": cnr, "cases": case_refs }),
        );
        write.audit("CourtCase", &[row.id], format!("registered CNR {cnr}"));
        write.commit(row.id).await?;
        court_case_result(ctx, row.id).await
    }

    /// Lists a hearing of a court case. Emits HEARING_SCHEDULED.
    async fn schedule_hearing(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The court case.")] court_case_id: ID,
        #[graphql(desc = "The date of the hearing.")] date: NaiveDate,
        #[graphql(desc = "What it is for (evidence, arguments, …).")] purpose: String,
        #[graphql(desc = "A retry with the same key returns the first result.")]
        idempotency_key: Option<String>,
    ) -> ApiResult<Hearing> {
        let row = ids::decode_input("CourtCase", &court_case_id, "courtCaseId")?;
        if purpose.trim().is_empty() {
            return Err(ApiError::invalid("purpose", "purpose is empty"));
        }
        let target = CourtTarget::load(ctx, row).await?;
        target.require_open()?;
        let mut write = match Write::begin(ctx, "scheduleHearing", idempotency_key).await? {
            Begun::Replay(id) => return written::<hearing::Entity, _>(ctx, id, Hearing).await,
            Begun::Fresh(write) => *write,
        };
        let hearing = schedule(&mut write, &target, date, purpose.trim()).await?;
        write.commit(hearing).await?;
        written::<hearing::Entity, _>(ctx, hearing, Hearing).await
    }

    /// Records what happened at a hearing and, with `nextDate`, lists the next one.
    /// Emits HEARING_OUTCOME_RECORDED (and HEARING_SCHEDULED for the next).
    async fn record_hearing_outcome(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The hearing.")] hearing_id: ID,
        #[graphql(desc = "What happened.")] outcome: String,
        #[graphql(desc = "The next date, if the matter continues.")] next_date: Option<NaiveDate>,
        #[graphql(desc = "Purpose of the next hearing (default: further hearing).")]
        next_purpose: Option<String>,
        #[graphql(desc = "A retry with the same key returns the first result.")]
        idempotency_key: Option<String>,
    ) -> ApiResult<Hearing> {
        let row = ids::decode_input("Hearing", &hearing_id, "hearingId")?;
        if outcome.trim().is_empty() {
            return Err(ApiError::invalid("outcome", "outcome is empty"));
        }
        let current = hearing::Entity::find_by_id(row)
            .one(&RequestContext::of(ctx).db)
            .await?
            .ok_or_else(|| ApiError::not_found("hearing"))?;
        if next_date.is_some_and(|next| next <= current.date) {
            return Err(ApiError::invalid(
                "nextDate",
                "nextDate must be after the hearing",
            ));
        }
        if current.date > Utc::now().date_naive() {
            return Err(ApiError::conflict("the hearing has not taken place yet"));
        }
        let target = CourtTarget::load(ctx, current.court_case_id).await?;
        target.require_open()?;
        let mut write = match Write::begin(ctx, "recordHearingOutcome", idempotency_key).await? {
            Begun::Replay(id) => return written::<hearing::Entity, _>(ctx, id, Hearing).await,
            Begun::Fresh(write) => *write,
        };
        let locked = hearing::Entity::find_by_id(row)
            .one(write.txn())
            .await?
            .ok_or_else(|| ApiError::not_found("hearing"))?;
        if locked.outcome.is_some() {
            return Err(ApiError::conflict(
                "the hearing's outcome is already recorded",
            ));
        }
        hearing::ActiveModel {
            id: Set(row),
            outcome: Set(Some(outcome.trim().to_owned())),
            next_date: Set(next_date),
            ..Default::default()
        }
        .update(write.txn())
        .await?;
        let mut refs = target.refs();
        refs["hearing"] = ids::encode("Hearing", row).0.into();
        write.event(EventType::HearingOutcomeRecorded, &target.unit(), refs);
        write.audit("Hearing", &[row], "outcome recorded");
        if let Some(next) = next_date {
            let purpose = next_purpose
                .filter(|p| !p.trim().is_empty())
                .unwrap_or_else(|| "Further hearing".to_owned());
            schedule(&mut write, &target, next, purpose.trim()).await?;
        }
        write.commit(row).await?;
        written::<hearing::Entity, _>(ctx, row, Hearing).await
    }

    /// Issues an order in a court case: remand, bail, summons or warrant for an accused; a
    /// proclamation (the accused becomes a proclaimed offender); or the judgment, with one
    /// disposal for every accused, which disposes of the court case and its police cases.
    /// Emits COURT_ORDER_ISSUED (JUDGMENT_DELIVERED for a judgment).
    async fn issue_court_order(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The order.")] input: IssueCourtOrderInput,
        #[graphql(desc = "A retry with the same key returns the first result.")]
        idempotency_key: Option<String>,
    ) -> ApiResult<CourtOrder> {
        let row = ids::decode_input("CourtCase", &input.court_case_id, "input.courtCaseId")?;
        if input.text.trim().is_empty() {
            return Err(ApiError::invalid("input.text", "the order has no text"));
        }
        let kind: StoredKind = input.kind.into();
        let judgment = kind == StoredKind::Judgment;
        let person = match (&input.person_id, judgment) {
            (Some(id), false) => Some(ids::decode_input("Person", id, "input.personId")?),
            (None, false) => {
                return Err(ApiError::invalid(
                    "input.personId",
                    "this order concerns an accused: give personId",
                ));
            }
            (_, true) => None,
        };
        if judgment != input.disposals.is_some() {
            return Err(ApiError::invalid(
                "input.disposals",
                "disposals come with a judgment, and only with one",
            ));
        }
        let target = CourtTarget::load(ctx, row).await?;
        target.require_open()?;
        let mut write = match Write::begin(ctx, "issueCourtOrder", idempotency_key).await? {
            Begun::Replay(id) => {
                return written::<court_order::Entity, _>(ctx, id, CourtOrder).await;
            }
            Begun::Fresh(write) => *write,
        };
        let cases = linked_cases(&write, row).await?;
        let accused = accused_of(&write, &cases).await?;
        if let Some(person) = person
            && !accused.iter().any(|p| p.person_id == person)
        {
            return Err(ApiError::invalid(
                "input.personId",
                "this person is not an accused before the court",
            ));
        }
        let at = write.at();
        let order = court_order::ActiveModel {
            court_case_id: Set(row),
            kind: Set(kind),
            issued_at: Set(at),
            person_id: Set(person),
            text: Set(input.text.trim().to_owned()),
            ..Default::default()
        }
        .insert(write.txn())
        .await?;
        let mut refs = target.refs();
        refs["order"] = ids::encode("CourtOrder", order.id).0.into();
        if let Some(person) = person {
            refs["person"] = ids::encode("Person", person).0.into();
        }
        if kind == StoredKind::Proclamation
            && let Some(person) = person
        {
            let fir = accused
                .iter()
                .find(|p| p.person_id == person)
                .map(|p| p.fir_id);
            proclaimed_offender::ActiveModel {
                person_id: Set(person),
                court_case_id: Set(Some(row)),
                court_id: Set(target.court.id),
                fir_id: Set(fir),
                proclaimed_at: Set(at),
                status: Set(OffenderStatus::Absconding),
                ..Default::default()
            }
            .insert(write.txn())
            .await?;
        }
        if judgment {
            deliver_judgment(
                &mut write,
                &target,
                &cases,
                &accused,
                input.disposals.unwrap_or_default(),
                at,
            )
            .await?;
            write.event(EventType::JudgmentDelivered, &target.unit(), refs);
        } else {
            write.event(EventType::CourtOrderIssued, &target.unit(), refs);
        }
        write.audit(
            "CourtOrder",
            &[order.id],
            format!(
                "{} order in CNR {}",
                sea_orm::ActiveEnum::to_value(&kind),
                target.court_case.cnr
            ),
        );
        write.commit(order.id).await?;
        written::<court_order::Entity, _>(ctx, order.id, CourtOrder).await
    }
}

/// Records a judgment's disposals (one for every accused before the court), marks the
/// court case disposed and moves its police cases from TRIAL to DISPOSED.
async fn deliver_judgment(
    write: &mut Write,
    target: &CourtTarget,
    cases: &[(police_case::Model, org_unit::Model)],
    accused: &[case_party::Model],
    disposals: Vec<DisposalInput>,
    at: DateTime<Utc>,
) -> ApiResult<()> {
    let mut decided: HashSet<i64> = HashSet::new();
    let mut rows = Vec::with_capacity(disposals.len());
    for (i, d) in disposals.iter().enumerate() {
        let field = format!("input.disposals[{i}]");
        let person = ids::decode_input("Person", &d.person_id, &format!("{field}.personId"))?;
        let parties: Vec<&case_party::Model> =
            accused.iter().filter(|p| p.person_id == person).collect();
        if parties.is_empty() {
            return Err(ApiError::invalid(
                format!("{field}.personId"),
                "not an accused before the court",
            ));
        }
        if !decided.insert(person) {
            return Err(ApiError::invalid(
                format!("{field}.personId"),
                "disposed of twice",
            ));
        }
        let result: StoredResult = d.result.into();
        let sentence = d
            .sentence
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        if result == StoredResult::Convicted && sentence.is_none() {
            return Err(ApiError::invalid(
                format!("{field}.sentence"),
                "a conviction carries a sentence",
            ));
        }
        for party in parties {
            rows.push(disposal::ActiveModel {
                court_case_id: Set(target.court_case.id),
                party_id: Set(party.id),
                result: Set(result),
                sentence: Set(sentence.map(str::to_owned)),
                decided_at: Set(at),
                ..Default::default()
            });
        }
    }
    if let Some(missing) = accused.iter().find(|p| !decided.contains(&p.person_id)) {
        return Err(ApiError::invalid(
            "input.disposals",
            format!(
                "accused {} has no disposal",
                missing.accused_code.clone().unwrap_or_default()
            ),
        ));
    }
    disposal::Entity::insert_many(rows)
        .exec_without_returning(write.txn())
        .await?;
    court_case::ActiveModel {
        id: Set(target.court_case.id),
        stage: Set(DISPOSED_STAGE.to_owned()),
        ..Default::default()
    }
    .update(write.txn())
    .await?;
    for (case, station) in cases {
        if case.status == CaseStatus::Trial {
            advance(write, case, CaseStatus::Disposed, &UnitOf::from(station)).await?;
        }
    }
    Ok(())
}

/// Lists a hearing; returns its row id.
async fn schedule(
    write: &mut Write,
    target: &CourtTarget,
    date: NaiveDate,
    purpose: &str,
) -> ApiResult<i64> {
    let row = hearing::ActiveModel {
        court_case_id: Set(target.court_case.id),
        date: Set(date),
        purpose: Set(purpose.to_owned()),
        outcome: Set(None),
        next_date: Set(None),
        ..Default::default()
    }
    .insert(write.txn())
    .await?;
    let mut refs = target.refs();
    refs["hearing"] = ids::encode("Hearing", row.id).0.into();
    refs["date"] = date.to_string().into();
    write.event(EventType::HearingScheduled, &target.unit(), refs);
    write.audit("Hearing", &[row.id], format!("hearing listed for {date}"));
    Ok(row.id)
}

async fn court_case_result(ctx: &Context<'_>, id: i64) -> ApiResult<CourtCase> {
    find_court_case(ctx, id)
        .await?
        .ok_or_else(ApiError::internal)
}
