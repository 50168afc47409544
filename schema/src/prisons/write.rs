//! The prison's mutations (e-Prisons): admission on a court case or warrant, movements,
//! release and escape. Only the prison's own unit (or one above it) writes its custody
//! records; a person is never in custody twice at once.

use async_graphql::{Context, ID, InputObject, Object};
use chrono::{DateTime, Datelike, Utc};
use entities::enums::PartyRole;
use entities::enums::UnitKind;
use entities::{
    case_party, court_case_link, org_unit, person, police_case, prison_movement, prison_record,
};
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{PrisonRecord, find_prison_record};
use crate::context::RequestContext;
use crate::enums::{MovementKind, PrisonerCategory, ReleaseReason};
use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::org::{unit_by_code, unit_of_kind};
use crate::people::{NewPersonInput, linkable_person};
use crate::policy::{WriteTarget, require_write};
use crate::write::{Begun, EventType, UnitOf, Write, not_future};

/// A custody record and its prison, loaded for a write by the prison.
struct CustodyTarget {
    record: prison_record::Model,
    prison: org_unit::Model,
}

impl CustodyTarget {
    async fn load(ctx: &Context<'_>, id: &ID, field: &str) -> ApiResult<Self> {
        let row = ids::decode_input("PrisonRecord", id, field)?;
        let db = &RequestContext::of(ctx).db;
        let record = prison_record::Entity::find_by_id(row)
            .one(db)
            .await?
            .ok_or_else(|| ApiError::not_found("prison record"))?;
        let prison = org_unit::Entity::find_by_id(record.prison_id)
            .one(db)
            .await?
            .ok_or_else(ApiError::internal)?;
        require_write(
            &RequestContext::of(ctx).principal,
            &WriteTarget::CustodyRecord {
                prison_path: &prison.path,
            },
        )?;
        Ok(Self { record, prison })
    }

    /// The record re-read under lock, refused with `CONFLICT` unless the prisoner is in custody.
    async fn in_custody(&self, write: &Write) -> ApiResult<prison_record::Model> {
        let record = write
            .locked(prison_record::Entity::find_by_id(self.record.id))
            .await?
            .ok_or_else(|| ApiError::not_found("prison record"))?;
        if record.released_at.is_some() {
            return Err(ApiError::conflict("the prisoner has been released"));
        }
        if record.escaped_at.is_some() {
            return Err(ApiError::conflict("the prisoner has escaped"));
        }
        Ok(record)
    }

    fn unit(&self) -> UnitOf {
        UnitOf::from(&self.prison)
    }

    fn refs(&self) -> serde_json::Value {
        serde_json::json!({
            "prisonRecord": ids::encode("PrisonRecord", self.record.id).0,
            "prisoner": self.record.prisoner_id,
            "person": ids::encode("Person", self.record.person_id).0,
        })
    }
}

/// An admission to record.
#[derive(InputObject, Debug)]
pub struct AdmitPrisonerInput {
    /// Code of the prison (a unit of kind PRISON).
    pub prison_code: String,
    /// The person admitted, by id: with a court case, an accused before it; without one,
    /// a person the caller may already read in full.
    pub person_id: Option<ID>,
    /// The person admitted, from the warrant's details (when not named by id).
    pub person: Option<NewPersonInput>,
    /// Undertrial, convict or detenu.
    pub category: PrisonerCategory,
    /// The court case the custody answers to.
    pub court_case_id: Option<ID>,
    /// The warrant's reference (required without a court case).
    pub warrant_ref: Option<String>,
    /// When (default: now).
    pub admitted_at: Option<DateTime<Utc>>,
}

/// Whom an admission names: a person by id, or one recorded from the warrant's details.
enum Admitted {
    /// An existing person (row id), checked against the court case inside the write.
    Existing(i64),
    /// A person not known by id, as the warrant describes them.
    New(NewPersonInput),
}

impl Admitted {
    /// Reads whom `input` names. A person named by id must be, with a court case, an
    /// accused before it (checked by [`fir_before_court`]); without one, a person the
    /// caller may already read in full (a write is a read: a prison desk cannot name
    /// anyone into its records to read them).
    async fn of(
        ctx: &Context<'_>,
        input: &AdmitPrisonerInput,
        court_case: bool,
    ) -> ApiResult<Self> {
        match (&input.person_id, &input.person) {
            (Some(id), None) if court_case => Ok(Self::Existing(ids::decode_input(
                "Person",
                id,
                "input.personId",
            )?)),
            (Some(id), None) => Ok(Self::Existing(
                linkable_person(ctx, id, "input.personId").await?,
            )),
            (None, Some(person)) => {
                person.validate("input.person", Utc::now())?;
                Ok(Self::New(person.clone()))
            }
            _ => Err(ApiError::invalid(
                "input.personId",
                "give exactly one of personId and person",
            )),
        }
    }

    /// The person's row inside the write: the new person recorded, or the existing one
    /// locked and checked not to be in custody already (two admissions of one person
    /// cannot both pass).
    async fn record(&self, write: &Write) -> ApiResult<i64> {
        let row = match self {
            Self::New(person) => return Ok(person.create(write.txn(), write.at()).await?),
            Self::Existing(row) => *row,
        };
        write
            .locked(person::Entity::find_by_id(row))
            .await?
            .ok_or_else(|| ApiError::not_found("person"))?;
        let open = prison_record::Entity::find()
            .filter(prison_record::Column::PersonId.eq(row))
            .filter(prison_record::Column::ReleasedAt.is_null())
            .filter(prison_record::Column::EscapedAt.is_null())
            .one(write.txn())
            .await?;
        match open {
            Some(open) => Err(ApiError::conflict(format!(
                "the person is already in custody as prisoner {}",
                open.prisoner_id
            ))),
            None => Ok(row),
        }
    }
}

/// The FIR of court case `court_case` that names the admitted person as accused (the first
/// linked FIR for a person recorded from the warrant); `BAD_USER_INPUT` when a person named
/// by id is not an accused before the court case.
async fn fir_before_court(
    write: &Write,
    court_case: i64,
    admitted: &Admitted,
) -> ApiResult<Option<i64>> {
    let links = court_case_link::Entity::find()
        .filter(court_case_link::Column::CourtCaseId.eq(court_case))
        .all(write.txn())
        .await?;
    if links.is_empty() {
        return Err(ApiError::not_found("court case"));
    }
    let firs: Vec<i64> = police_case::Entity::find()
        .filter(police_case::Column::Id.is_in(links.iter().map(|l| l.case_id)))
        .all(write.txn())
        .await?
        .into_iter()
        .map(|c| c.fir_id)
        .collect();
    let Admitted::Existing(person) = admitted else {
        return Ok(firs.first().copied());
    };
    let accused = case_party::Entity::find()
        .filter(case_party::Column::FirId.is_in(firs))
        .filter(case_party::Column::PersonId.eq(*person))
        .filter(case_party::Column::Role.eq(PartyRole::Accused))
        .one(write.txn())
        .await?;
    match accused {
        Some(party) => Ok(Some(party.fir_id)),
        None => Err(ApiError::invalid(
            "input.personId",
            "this person is not an accused before the court case",
        )),
    }
}

/// A prisoner's movement to record.
#[derive(InputObject, Debug)]
pub struct RecordPrisonMovementInput {
    /// The custody record.
    pub prison_record_id: ID,
    /// Production in court, transfer, hospital, return.
    pub kind: MovementKind,
    /// Code of the unit moved to (court, prison, hospital), if any.
    pub destination_code: Option<String>,
    /// A note.
    pub note: Option<String>,
    /// When (default: now).
    pub moved_at: Option<DateTime<Utc>>,
}

/// Prison mutations.
#[derive(Default)]
pub struct PrisonMutation;

#[Object]
impl PrisonMutation {
    /// Admits a person into the prison on a court case or a warrant, under a new prisoner
    /// id (`PRISON/YEAR/NNNNN`). A person already in custody anywhere is refused with
    /// `CONFLICT`. Emits PRISONER_ADMITTED.
    async fn admit_prisoner(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The admission.")] input: AdmitPrisonerInput,
        #[graphql(desc = "A retry with the same key returns the first result.")]
        idempotency_key: Option<String>,
    ) -> ApiResult<PrisonRecord> {
        if let Some(at) = input.admitted_at {
            not_future(at, "input.admittedAt")?;
        }
        let court_case = match &input.court_case_id {
            Some(id) => Some(ids::decode_input("CourtCase", id, "input.courtCaseId")?),
            None => None,
        };
        let warrant = input
            .warrant_ref
            .as_deref()
            .map(str::trim)
            .filter(|w| !w.is_empty());
        if court_case.is_none() && warrant.is_none() {
            return Err(ApiError::invalid(
                "input.warrantRef",
                "an admission needs a court case or a warrant",
            ));
        }
        let prison = unit_of_kind(
            ctx,
            &input.prison_code,
            UnitKind::Prison,
            "input.prisonCode",
        )
        .await?;
        require_write(
            &RequestContext::of(ctx).principal,
            &WriteTarget::CustodyRecord {
                prison_path: &prison.path,
            },
        )?;
        let admitted = Admitted::of(ctx, &input, court_case.is_some()).await?;
        let mut write = match Write::begin(ctx, "admitPrisoner", idempotency_key).await? {
            Begun::Replay(id) => return record_result(ctx, id).await,
            Begun::Fresh(write) => *write,
        };
        let fir = match court_case {
            Some(row) => Some(fir_before_court(&write, row, &admitted).await?),
            None => None,
        };
        let person_row = admitted.record(&write).await?;
        let at = input.admitted_at.unwrap_or(write.at());
        let prisoner_id = next_prisoner_id(&write, &prison, at.year()).await?;
        let record = prison_record::ActiveModel {
            prisoner_id: Set(prisoner_id.clone()),
            prison_id: Set(prison.id),
            person_id: Set(person_row),
            court_case_id: Set(court_case),
            fir_id: Set(fir.flatten()),
            category: Set(input.category.into()),
            admitted_at: Set(at),
            warrant_ref: Set(warrant.map(str::to_owned)),
            released_at: Set(None),
            release_reason: Set(None),
            escaped_at: Set(None),
            ..Default::default()
        }
        .insert(write.txn())
        .await?;
        let target = CustodyTarget { record, prison };
        let mut refs = target.refs();
        if let Some(row) = court_case {
            refs["courtCase"] = ids::encode("CourtCase", row).0.into();
        }
        write.event(EventType::PrisonerAdmitted, &target.unit(), refs);
        write.audit(
            "PrisonRecord",
            &[target.record.id],
            format!("admitted as prisoner {prisoner_id}"),
        );
        write.commit(target.record.id).await?;
        record_result(ctx, target.record.id).await
    }

    /// Records a prisoner's movement: production in court, transfer, hospital, return.
    async fn record_prison_movement(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The movement.")] input: RecordPrisonMovementInput,
        #[graphql(desc = "A retry with the same key returns the first result.")]
        idempotency_key: Option<String>,
    ) -> ApiResult<PrisonRecord> {
        let RecordPrisonMovementInput {
            prison_record_id,
            kind,
            destination_code,
            note,
            moved_at,
        } = input;
        if let Some(at) = moved_at {
            not_future(at, "input.movedAt")?;
        }
        let target = CustodyTarget::load(ctx, &prison_record_id, "input.prisonRecordId").await?;
        let destination = match destination_code {
            Some(code) => Some(
                unit_by_code(ctx, &code)
                    .await
                    .map_err(|_| ApiError::invalid("input.destinationCode", "no such unit"))?
                    .id,
            ),
            None => None,
        };
        let mut write = match Write::begin(ctx, "recordPrisonMovement", idempotency_key).await? {
            Begun::Replay(id) => return record_result(ctx, id).await,
            Begun::Fresh(write) => *write,
        };
        target.in_custody(&write).await?;
        let movement = prison_movement::ActiveModel {
            prison_record_id: Set(target.record.id),
            kind: Set(kind.into()),
            moved_at: Set(moved_at.unwrap_or(write.at())),
            destination_unit_id: Set(destination),
            note: Set(note.filter(|n| !n.trim().is_empty())),
            ..Default::default()
        }
        .insert(write.txn())
        .await?;
        write.audit(
            "PrisonMovement",
            &[movement.id],
            format!("movement of prisoner {}", target.record.prisoner_id),
        );
        write.commit(target.record.id).await?;
        record_result(ctx, target.record.id).await
    }

    /// Releases a prisoner (bail, acquittal, sentence complete, parole, furlough). Emits
    /// PRISONER_RELEASED.
    async fn release_prisoner(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The custody record.")] prison_record_id: ID,
        #[graphql(desc = "Why.")] reason: ReleaseReason,
        #[graphql(desc = "When (default: now).")] released_at: Option<DateTime<Utc>>,
        #[graphql(desc = "A retry with the same key returns the first result.")]
        idempotency_key: Option<String>,
    ) -> ApiResult<PrisonRecord> {
        if let Some(at) = released_at {
            not_future(at, "releasedAt")?;
        }
        let target = CustodyTarget::load(ctx, &prison_record_id, "prisonRecordId").await?;
        let mut write = match Write::begin(ctx, "releasePrisoner", idempotency_key).await? {
            Begun::Replay(id) => return record_result(ctx, id).await,
            Begun::Fresh(write) => *write,
        };
        let record = target.in_custody(&write).await?;
        let at = released_at.unwrap_or(write.at());
        if at < record.admitted_at {
            return Err(ApiError::invalid(
                "releasedAt",
                "releasedAt is before the admission",
            ));
        }
        prison_record::ActiveModel {
            id: Set(record.id),
            released_at: Set(Some(at)),
            release_reason: Set(Some(reason.into())),
            ..Default::default()
        }
        .update(write.txn())
        .await?;
        write.event(EventType::PrisonerReleased, &target.unit(), target.refs());
        write.audit(
            "PrisonRecord",
            &[record.id],
            format!(
                "released: {}",
                sea_orm::ActiveEnum::to_value(&entities::enums::ReleaseReason::from(reason))
            ),
        );
        write.commit(record.id).await?;
        record_result(ctx, record.id).await
    }

    /// Records a prisoner's escape. Emits PRISONER_ESCAPED.
    async fn record_escape(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The custody record.")] prison_record_id: ID,
        #[graphql(desc = "When (default: now).")] escaped_at: Option<DateTime<Utc>>,
        #[graphql(desc = "A retry with the same key returns the first result.")]
        idempotency_key: Option<String>,
    ) -> ApiResult<PrisonRecord> {
        if let Some(at) = escaped_at {
            not_future(at, "escapedAt")?;
        }
        let target = CustodyTarget::load(ctx, &prison_record_id, "prisonRecordId").await?;
        let mut write = match Write::begin(ctx, "recordEscape", idempotency_key).await? {
            Begun::Replay(id) => return record_result(ctx, id).await,
            Begun::Fresh(write) => *write,
        };
        let record = target.in_custody(&write).await?;
        prison_record::ActiveModel {
            id: Set(record.id),
            escaped_at: Set(Some(escaped_at.unwrap_or(write.at()))),
            ..Default::default()
        }
        .update(write.txn())
        .await?;
        write.event(EventType::PrisonerEscaped, &target.unit(), target.refs());
        write.audit("PrisonRecord", &[record.id], "escape recorded");
        write.commit(record.id).await?;
        record_result(ctx, record.id).await
    }
}

/// The next prisoner id of `prison` for `year` (`MHPUNPR1/2026/00042`).
async fn next_prisoner_id(write: &Write, prison: &org_unit::Model, year: i32) -> ApiResult<String> {
    let prefix = format!("{}/{year}/", prison.code.replace('-', ""));
    let latest = prison_record::Entity::find()
        .filter(prison_record::Column::PrisonId.eq(prison.id))
        .filter(prison_record::Column::PrisonerId.starts_with(&prefix))
        .order_by_desc(prison_record::Column::PrisonerId);
    write
        .next_number(prison.id, &prefix, latest, |r| &r.prisoner_id)
        .await
}

async fn record_result(ctx: &Context<'_>, id: i64) -> ApiResult<PrisonRecord> {
    find_prison_record(ctx, id)
        .await?
        .ok_or_else(ApiError::internal)
}
