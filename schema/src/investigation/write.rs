//! The investigation's mutations (IIF II–V): assigning the IO, the case diary, arrests,
//! seizures and final reports. Each runs through [`Write`], checks authority with the
//! policy, and moves the case along its [`lifecycle`].

use async_graphql::{Context, ID, InputObject, Object};
use chrono::{DateTime, Utc};
use entities::enums::{
    CaseStatus, FinalReportKind as StoredKind, PartyRole as StoredRole,
    PropertyCategory as StoredCategory,
};
use entities::{
    arrest, case_diary_entry, case_party, final_report, final_report_accused, io_assignment,
    officer, org_unit, police_case, property_item, seizure,
};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter};

use super::lifecycle::{self, advance, locked_case, require};
use super::{Arrest, Case, FinalReport, Seizure, find_case};
use crate::context::RequestContext;
use crate::enums::{ArrestMode, FinalReportKind, PropertyCategory, PropertyStatus, SeizureNature};
use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::people::shielded_in_fir;
use crate::policy::{WriteTarget, require_write};
use crate::write::{Begun, EventType, UnitOf, Write, not_future, written};

/// A case and the station that owns it, loaded for a write.
struct CaseTarget {
    case: police_case::Model,
    station: org_unit::Model,
}

impl CaseTarget {
    /// Loads the case named by `id` (field `field` in errors): `NOT_FOUND` if absent.
    async fn load(ctx: &Context<'_>, id: &ID, field: &str) -> ApiResult<Self> {
        let row = ids::decode_input("Case", id, field)?;
        let db = &RequestContext::of(ctx).db;
        let case = police_case::Entity::find_by_id(row)
            .one(db)
            .await?
            .ok_or_else(|| ApiError::not_found("case"))?;
        let station = org_unit::Entity::find_by_id(case.station_id)
            .one(db)
            .await?
            .ok_or_else(ApiError::internal)?;
        Ok(Self { case, station })
    }

    /// Refuses unless the caller may write this station's records (owning station, IO).
    fn require_station_write(&self, ctx: &Context<'_>) -> ApiResult<()> {
        require_write(
            &RequestContext::of(ctx).principal,
            &WriteTarget::StationRecord {
                station_path: &self.station.path,
                io_officer_id: self.case.io_id,
            },
        )
    }

    fn unit(&self) -> UnitOf {
        UnitOf::from(&self.station)
    }

    fn refs(&self) -> serde_json::Value {
        serde_json::json!({
            "case": ids::encode("Case", self.case.id).0,
            "fir": ids::encode("Fir", self.case.fir_id).0,
        })
    }
}

/// The accused party of `fir_id` who is the person `person` (field `field` in errors).
async fn accused_party(
    write: &Write,
    fir_id: i64,
    person: &ID,
    field: &str,
) -> ApiResult<case_party::Model> {
    let person_id = ids::decode_input("Person", person, field)?;
    case_party::Entity::find()
        .filter(case_party::Column::FirId.eq(fir_id))
        .filter(case_party::Column::PersonId.eq(person_id))
        .filter(case_party::Column::Role.eq(StoredRole::Accused))
        .one(write.txn())
        .await?
        .ok_or_else(|| ApiError::invalid(field, "this person is not an accused in the case's FIR"))
}

/// An arrest or surrender to record.
#[derive(InputObject, Debug)]
pub struct RecordArrestInput {
    /// The case.
    pub case_id: ID,
    /// The person arrested: an accused of the case's FIR.
    pub person_id: ID,
    /// When.
    pub arrested_at: DateTime<Utc>,
    /// Where.
    pub place: Option<String>,
    /// Arrested and forwarded, bailed, surrendered, …
    pub mode: ArrestMode,
    /// The relative or friend informed of the arrest (BNSS s.48).
    pub relative_informed: Option<String>,
}

/// One item of property seized.
#[derive(InputObject, Debug)]
pub struct PropertyItemInput {
    /// Vehicle, mobile, arm, currency, …
    pub category: PropertyCategory,
    /// What it is.
    pub description: String,
    /// Value in rupees.
    pub value: Option<i64>,
    /// Stolen, recovered, seized, returned.
    pub status: PropertyStatus,
    /// Vehicle registration number.
    pub registration_number: Option<String>,
    /// Vehicle chassis number.
    pub chassis_number: Option<String>,
    /// Vehicle engine number.
    pub engine_number: Option<String>,
    /// Mobile phone IMEI (15 digits).
    pub imei: Option<String>,
    /// Firearm serial number.
    pub arm_serial: Option<String>,
    /// Make.
    pub make: Option<String>,
    /// Model.
    pub model: Option<String>,
}

impl PropertyItemInput {
    fn validate(&self, field: &str) -> ApiResult<()> {
        if self.description.trim().is_empty() {
            return Err(ApiError::invalid(
                format!("{field}.description"),
                "describe the item",
            ));
        }
        if self.value.is_some_and(|v| v < 0) {
            return Err(ApiError::invalid(
                format!("{field}.value"),
                "value cannot be negative",
            ));
        }
        let given = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
        match self.category {
            PropertyCategory::Vehicle
                if !(given(&self.registration_number)
                    || given(&self.chassis_number)
                    || given(&self.engine_number)) =>
            {
                Err(ApiError::invalid(
                    field,
                    "a vehicle needs its registration, chassis or engine number",
                ))
            }
            PropertyCategory::Mobile if !given(&self.imei) => Err(ApiError::invalid(
                format!("{field}.imei"),
                "a mobile phone needs its IMEI",
            )),
            PropertyCategory::Arm if !given(&self.arm_serial) => Err(ApiError::invalid(
                format!("{field}.armSerial"),
                "an arm needs its serial number",
            )),
            _ => match &self.imei {
                Some(imei) if imei.len() != 15 || !imei.bytes().all(|b| b.is_ascii_digit()) => Err(
                    ApiError::invalid(format!("{field}.imei"), "an IMEI has 15 digits"),
                ),
                _ => Ok(()),
            },
        }
    }
}

/// A seizure to record.
#[derive(InputObject, Debug)]
pub struct RecordSeizureInput {
    /// The case.
    pub case_id: ID,
    /// When.
    pub seized_at: DateTime<Utc>,
    /// Where.
    pub place: Option<String>,
    /// Stolen, unclaimed, unlawful possession, involved.
    pub nature: SeizureNature,
    /// The items (at least one).
    pub items: Vec<PropertyItemInput>,
}

/// A final report to file.
#[derive(InputObject, Debug)]
pub struct FileFinalReportInput {
    /// The case.
    pub case_id: ID,
    /// Chargesheet, or the kind of closure.
    pub kind: FinalReportKind,
    /// Summary of the findings.
    pub summary: Option<String>,
    /// Accused sent for trial (person ids; chargesheets only).
    pub charged: Vec<ID>,
    /// Accused not sent for trial (person ids).
    pub not_charged: Vec<ID>,
}

/// Mutations of the investigation.
#[derive(Default)]
pub struct InvestigationMutation;

#[Object]
impl InvestigationMutation {
    /// Assigns (or changes) a case's investigating officer: the owning station's SHO, or a
    /// supervisor over the station, choosing an active officer posted within their reach.
    /// The history is kept; a REGISTERED case becomes UNDER_INVESTIGATION. Emits IO_ASSIGNED.
    async fn assign_investigating_officer(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The case.")] case_id: ID,
        #[graphql(desc = "The officer to investigate.")] officer_id: ID,
        #[graphql(desc = "Why (for a change of IO).")] reason: Option<String>,
        #[graphql(desc = "A retry with the same key returns the first result.")]
        idempotency_key: Option<String>,
    ) -> ApiResult<Case> {
        let target = CaseTarget::load(ctx, &case_id, "caseId").await?;
        let rc = RequestContext::of(ctx);
        require_write(
            &rc.principal,
            &WriteTarget::Investigation {
                station_path: &target.station.path,
            },
        )?;
        let officer_row = ids::decode_input("Officer", &officer_id, "officerId")?;
        let officer = officer::Entity::find_by_id(officer_row)
            .one(&rc.db)
            .await?
            .ok_or_else(|| ApiError::not_found("officer"))?;
        let posting = org_unit::Entity::find_by_id(officer.unit_id)
            .one(&rc.db)
            .await?
            .ok_or_else(ApiError::internal)?;
        let reach = rc
            .principal
            .identity
            .as_ref()
            .map(|i| i.unit.path.as_str())
            .unwrap_or("\u{0}");
        if !officer.active {
            return Err(ApiError::invalid(
                "officerId",
                "the officer is not on active duty",
            ));
        }
        if !posting.path.starts_with(reach) {
            return Err(ApiError::invalid(
                "officerId",
                "the officer is not posted within your reach",
            ));
        }
        let mut write =
            match Write::begin(ctx, "assignInvestigatingOfficer", idempotency_key).await? {
                Begun::Replay(id) => return case_result(ctx, id).await,
                Begun::Fresh(write) => *write,
            };
        let case = locked_case(&write, target.case.id).await?;
        use CaseStatus::*;
        require(
            &case,
            &[Registered, UnderInvestigation, Chargesheeted, Trial],
            "assigning an IO",
        )?;
        if case.io_id == Some(officer.id) {
            return Err(ApiError::conflict("this officer is already the case's IO"));
        }
        let at = write.at();
        io_assignment::Entity::update_many()
            .col_expr(io_assignment::Column::RelievedAt, Expr::value(at))
            .filter(io_assignment::Column::CaseId.eq(case.id))
            .filter(io_assignment::Column::RelievedAt.is_null())
            .exec(write.txn())
            .await?;
        io_assignment::ActiveModel {
            case_id: Set(case.id),
            officer_id: Set(officer.id),
            assigned_by_id: Set(RequestContext::of(ctx).principal.officer_id()),
            assigned_at: Set(at),
            relieved_at: Set(None),
            reason: Set(reason.filter(|r| !r.trim().is_empty())),
            ..Default::default()
        }
        .insert(write.txn())
        .await?;
        police_case::ActiveModel {
            id: Set(case.id),
            io_id: Set(Some(officer.id)),
            ..Default::default()
        }
        .update(write.txn())
        .await?;
        if case.status == Registered {
            advance(&mut write, &case, UnderInvestigation, &target.unit()).await?;
        }
        let mut refs = target.refs();
        refs["officer"] = ids::encode("Officer", officer.id).0.into();
        write.event(EventType::IoAssigned, &target.unit(), refs);
        write.audit(
            "Case",
            &[case.id],
            format!("IO assigned: officer {}", officer.id),
        );
        write.commit(case.id).await?;
        case_result(ctx, case.id).await
    }

    /// Adds an entry to the case diary (the case team: the owning station's officers and the
    /// IO). Investigative material: no event is published.
    async fn add_case_diary_entry(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The case.")] case_id: ID,
        #[graphql(desc = "What was done and found.")] content: String,
        #[graphql(desc = "When (default: now).")] entry_at: Option<DateTime<Utc>>,
        #[graphql(desc = "A retry with the same key returns the first result.")]
        idempotency_key: Option<String>,
    ) -> ApiResult<Case> {
        let target = CaseTarget::load(ctx, &case_id, "caseId").await?;
        target.require_station_write(ctx)?;
        if content.trim().is_empty() || content.len() > 50_000 {
            return Err(ApiError::invalid(
                "content",
                "a diary entry has 1 to 50,000 characters",
            ));
        }
        if let Some(at) = entry_at {
            not_future(at, "entryAt")?;
        }
        let mut write = match Write::begin(ctx, "addCaseDiaryEntry", idempotency_key).await? {
            Begun::Replay(id) => return case_result(ctx, id).await,
            Begun::Fresh(write) => *write,
        };
        let case = locked_case(&write, target.case.id).await?;
        use CaseStatus::*;
        require(
            &case,
            &[Registered, UnderInvestigation, Chargesheeted, Trial],
            "a diary entry",
        )?;
        let entry = case_diary_entry::ActiveModel {
            case_id: Set(case.id),
            author_id: Set(RequestContext::of(ctx).principal.officer_id()),
            entry_at: Set(entry_at.unwrap_or(write.at())),
            content: Set(content.trim().to_owned()),
            ..Default::default()
        }
        .insert(write.txn())
        .await?;
        write.audit(
            "CaseDiaryEntry",
            &[entry.id],
            format!("diary entry in case {}", case.id),
        );
        write.commit(case.id).await?;
        case_result(ctx, case.id).await
    }

    /// Records the arrest (or surrender) of an accused of the case's FIR. Emits
    /// ACCUSED_ARRESTED.
    async fn record_arrest(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The arrest.")] input: RecordArrestInput,
        #[graphql(desc = "A retry with the same key returns the first result.")]
        idempotency_key: Option<String>,
    ) -> ApiResult<Arrest> {
        let target = CaseTarget::load(ctx, &input.case_id, "input.caseId").await?;
        target.require_station_write(ctx)?;
        not_future(input.arrested_at, "input.arrestedAt")?;
        let mut write = match Write::begin(ctx, "recordArrest", idempotency_key).await? {
            Begun::Replay(id) => return written::<arrest::Entity, _>(ctx, id, Arrest).await,
            Begun::Fresh(write) => *write,
        };
        let case = locked_case(&write, target.case.id).await?;
        use CaseStatus::*;
        require(
            &case,
            &[Registered, UnderInvestigation, Chargesheeted, Trial],
            "recording an arrest",
        )?;
        let party = accused_party(&write, case.fir_id, &input.person_id, "input.personId").await?;
        let row = arrest::ActiveModel {
            case_id: Set(case.id),
            party_id: Set(party.id),
            person_id: Set(party.person_id),
            arrested_at: Set(input.arrested_at),
            place: Set(input.place.filter(|p| !p.trim().is_empty())),
            mode: Set(input.mode.into()),
            arresting_officer_id: Set(RequestContext::of(ctx).principal.officer_id()),
            relative_informed_at: Set(input.relative_informed.as_ref().map(|_| write.at())),
            relative_informed: Set(input.relative_informed),
            ..Default::default()
        }
        .insert(write.txn())
        .await?;
        let mut refs = target.refs();
        if !shielded_in_fir(write.txn(), case.fir_id, party.person_id).await? {
            refs["person"] = ids::encode("Person", party.person_id).0.into();
        }
        write.event(EventType::AccusedArrested, &target.unit(), refs);
        write.audit(
            "Arrest",
            &[row.id],
            format!(
                "arrest of accused {} in case {}",
                party.accused_code.unwrap_or_default(),
                case.id
            ),
        );
        write.commit(row.id).await?;
        written::<arrest::Entity, _>(ctx, row.id, Arrest).await
    }

    /// Records a seizure of property with its items (vehicle, IMEI, arm identifiers).
    /// Emits PROPERTY_SEIZED.
    async fn record_seizure(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The seizure.")] input: RecordSeizureInput,
        #[graphql(desc = "A retry with the same key returns the first result.")]
        idempotency_key: Option<String>,
    ) -> ApiResult<Seizure> {
        let target = CaseTarget::load(ctx, &input.case_id, "input.caseId").await?;
        target.require_station_write(ctx)?;
        not_future(input.seized_at, "input.seizedAt")?;
        if input.items.is_empty() || input.items.len() > 500 {
            return Err(ApiError::invalid(
                "input.items",
                "a seizure lists 1 to 500 items",
            ));
        }
        for (i, item) in input.items.iter().enumerate() {
            item.validate(&format!("input.items[{i}]"))?;
        }
        let mut write = match Write::begin(ctx, "recordSeizure", idempotency_key).await? {
            Begun::Replay(id) => return written::<seizure::Entity, _>(ctx, id, Seizure).await,
            Begun::Fresh(write) => *write,
        };
        let case = locked_case(&write, target.case.id).await?;
        use CaseStatus::*;
        require(
            &case,
            &[Registered, UnderInvestigation, Chargesheeted, Trial],
            "recording a seizure",
        )?;
        let row = seizure::ActiveModel {
            case_id: Set(case.id),
            seized_at: Set(input.seized_at),
            place: Set(input.place.filter(|p| !p.trim().is_empty())),
            nature: Set(input.nature.into()),
            seized_by_id: Set(RequestContext::of(ctx).principal.officer_id()),
            ..Default::default()
        }
        .insert(write.txn())
        .await?;
        let trimmed = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        // Chassis, engine, IMEI and serial numbers are stored as search keys.
        let identifier = |v: Option<String>| {
            v.map(|s| entities::property_key::identifier(&s))
                .filter(|s| !s.is_empty())
        };
        let items = input.items.into_iter().map(|item| {
            let category: StoredCategory = item.category.into();
            let registration = trimmed(item.registration_number);
            property_item::ActiveModel {
                fir_id: Set(case.fir_id),
                seizure_id: Set(Some(row.id)),
                category: Set(category),
                description: Set(item.description.trim().to_owned()),
                value: Set(item.value),
                status: Set(item.status.into()),
                registration_normalized: Set(registration
                    .as_deref()
                    .map(entities::property_key::identifier)),
                registration_number: Set(registration),
                chassis_number: Set(identifier(item.chassis_number)),
                engine_number: Set(identifier(item.engine_number)),
                imei: Set(identifier(item.imei)),
                arm_serial: Set(identifier(item.arm_serial)),
                make: Set(trimmed(item.make)),
                model: Set(trimmed(item.model)),
                ..Default::default()
            }
        });
        property_item::Entity::insert_many(items)
            .exec_without_returning(write.txn())
            .await?;
        let mut refs = target.refs();
        refs["seizure"] = ids::encode("Seizure", row.id).0.into();
        write.event(EventType::PropertySeized, &target.unit(), refs);
        write.audit("Seizure", &[row.id], format!("seizure in case {}", case.id));
        write.commit(row.id).await?;
        written::<seizure::Entity, _>(ctx, row.id, Seizure).await
    }

    /// Files a final report: a chargesheet (the case becomes CHARGESHEETED) or a closure
    /// (FINAL_REPORT). After a chargesheet, further reports are supplementary. Every
    /// accused named must be an accused of the FIR, once. Emits FINAL_REPORT_FILED.
    async fn file_final_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The report.")] input: FileFinalReportInput,
        #[graphql(desc = "A retry with the same key returns the first result.")]
        idempotency_key: Option<String>,
    ) -> ApiResult<FinalReport> {
        let target = CaseTarget::load(ctx, &input.case_id, "input.caseId").await?;
        target.require_station_write(ctx)?;
        let kind: StoredKind = input.kind.into();
        let chargesheet = kind == StoredKind::Chargesheet;
        if chargesheet && input.charged.is_empty() {
            return Err(ApiError::invalid(
                "input.charged",
                "a chargesheet charges at least one accused",
            ));
        }
        if !chargesheet && !input.charged.is_empty() {
            return Err(ApiError::invalid(
                "input.charged",
                "a closure report charges no one",
            ));
        }
        let mut write = match Write::begin(ctx, "fileFinalReport", idempotency_key).await? {
            Begun::Replay(id) => {
                return written::<final_report::Entity, _>(ctx, id, super::FinalReport).await;
            }
            Begun::Fresh(write) => *write,
        };
        let case = locked_case(&write, target.case.id).await?;
        let earlier = final_report::Entity::find()
            .filter(final_report::Column::CaseId.eq(case.id))
            .one(write.txn())
            .await?;
        use CaseStatus::*;
        let supplementary = earlier.is_some();
        if supplementary {
            require(&case, &[Chargesheeted, Trial], "a supplementary report")?;
            if !chargesheet {
                return Err(ApiError::conflict(format!(
                    "the case is {}: a supplementary report after a chargesheet is a chargesheet",
                    lifecycle::name(case.status)
                )));
            }
        } else {
            require(&case, &[UnderInvestigation], "a final report")?;
        }
        let mut accused = Vec::new();
        for (list, charged) in [(&input.charged, true), (&input.not_charged, false)] {
            let name = if charged {
                "input.charged"
            } else {
                "input.notCharged"
            };
            for (i, person) in list.iter().enumerate() {
                let party =
                    accused_party(&write, case.fir_id, person, &format!("{name}[{i}]")).await?;
                if accused.iter().any(|(p, _): &(i64, bool)| *p == party.id) {
                    return Err(ApiError::invalid(
                        format!("{name}[{i}]"),
                        "this accused is listed twice",
                    ));
                }
                accused.push((party.id, charged));
            }
        }
        let report = final_report::ActiveModel {
            case_id: Set(case.id),
            kind: Set(kind),
            supplementary: Set(supplementary),
            filed_at: Set(write.at()),
            filed_by_id: Set(RequestContext::of(ctx).principal.officer_id()),
            court_id: Set(None),
            summary: Set(input.summary.filter(|s| !s.trim().is_empty())),
            ..Default::default()
        }
        .insert(write.txn())
        .await?;
        let rows = accused
            .iter()
            .map(|(party, charged)| final_report_accused::ActiveModel {
                final_report_id: Set(report.id),
                party_id: Set(*party),
                charged: Set(*charged),
            });
        final_report_accused::Entity::insert_many(rows)
            .exec_without_returning(write.txn())
            .await?;
        if !supplementary {
            let to = if chargesheet {
                Chargesheeted
            } else {
                FinalReport
            };
            advance(&mut write, &case, to, &target.unit()).await?;
        }
        let mut refs = target.refs();
        refs["finalReport"] = ids::encode("FinalReport", report.id).0.into();
        write.event(EventType::FinalReportFiled, &target.unit(), refs);
        write.audit(
            "FinalReport",
            &[report.id],
            format!(
                "{} filed in case {}",
                sea_orm::ActiveEnum::to_value(&kind),
                case.id
            ),
        );
        write.commit(report.id).await?;
        written::<final_report::Entity, _>(ctx, report.id, super::FinalReport).await
    }
}

async fn case_result(ctx: &Context<'_>, id: i64) -> ApiResult<Case> {
    find_case(ctx, id).await?.ok_or_else(ApiError::internal)
}
