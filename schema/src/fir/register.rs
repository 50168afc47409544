//! `registerFir`: recording an FIR at the caller's own station (IIF-I).

use std::collections::HashMap;

use async_graphql::{Context, ID, InputObject, Object};
use chrono::{DateTime, Datelike, Utc};
use entities::enums::{CaseStatus, PartyRole as StoredRole, UnitKind};
use entities::{
    case_party, charge, fir, fir_modus_operandi, org_unit, person, police_case, statute,
};
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter};

use super::modus_operandi::known_codes;
use super::{Fir, find_fir, serial};
use crate::context::RequestContext;
use crate::enums::{Act, FirType, PartyRole};
use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::org::unit_of_kind;
use crate::people::{NewPersonInput, linkable_person, shielded_persons};
use crate::policy::{WriteTarget, require_write};
use crate::statistics::tally;
use crate::write::{Begun, CLOCK_SKEW, EventType, UnitOf, Write};

/// Most charges and parties one FIR may carry.
const MAX_CHARGES: usize = 30;
const MAX_PARTIES: usize = 100;

/// A charge: act and section as registered.
#[derive(InputObject, Debug, Clone)]
pub struct ChargeInput {
    /// The statute.
    pub act: Act,
    /// The section as written (`303(2)`, `376`, `4`).
    pub section: String,
    /// For `LOCAL` charges: the name of the state or local act.
    pub local_act: Option<String>,
}

/// A person named in the FIR: an existing person by id, or a new one.
#[derive(InputObject, Debug, Clone)]
pub struct PartyInput {
    /// The role they play in this FIR.
    pub role: PartyRole,
    /// An existing person's global id.
    pub person_id: Option<ID>,
    /// A person not yet known.
    pub person: Option<NewPersonInput>,
}

/// The FIR as registered.
#[derive(InputObject, Debug, Clone)]
pub struct RegisterFirInput {
    /// Code of the registering station: the caller's own.
    pub station_code: String,
    /// Regular, zero or electronic FIR.
    pub r#type: FirType,
    /// When the information was received (default: now).
    pub information_received_at: Option<DateTime<Utc>>,
    /// Start of the period in which the offence occurred.
    pub occurred_from: DateTime<Utc>,
    /// End of that period, if it was not an instant.
    pub occurred_to: Option<DateTime<Utc>>,
    /// Place of occurrence.
    pub place: Option<String>,
    /// Why the information came late, if it did.
    pub delay_reason: Option<String>,
    /// The information as given.
    pub narrative: String,
    /// The charges (at least one).
    pub charges: Vec<ChargeInput>,
    /// The persons named (at least one: the informant).
    pub parties: Vec<PartyInput>,
    /// How the crime was committed: codes of `modusOperandiCatalogue` (at most 5).
    pub modus_operandi: Option<Vec<String>>,
}

impl RegisterFirInput {
    /// Checks everything that needs no database; names the offending field.
    fn validate(&self, now: DateTime<Utc>) -> ApiResult<()> {
        let latest = now + CLOCK_SKEW;
        if self.occurred_from > latest {
            return Err(ApiError::invalid(
                "input.occurredFrom",
                "occurredFrom is in the future",
            ));
        }
        if let Some(to) = self.occurred_to {
            if to < self.occurred_from {
                return Err(ApiError::invalid(
                    "input.occurredTo",
                    "occurredTo is before occurredFrom",
                ));
            }
            if to > latest {
                return Err(ApiError::invalid(
                    "input.occurredTo",
                    "occurredTo is in the future",
                ));
            }
        }
        if let Some(received) = self.information_received_at {
            if received > latest {
                return Err(ApiError::invalid(
                    "input.informationReceivedAt",
                    "informationReceivedAt is in the future",
                ));
            }
            if received < self.occurred_from {
                return Err(ApiError::invalid(
                    "input.informationReceivedAt",
                    "informationReceivedAt is before the offence occurred",
                ));
            }
        }
        if self.narrative.trim().len() < 10 {
            return Err(ApiError::invalid(
                "input.narrative",
                "the narrative must state the information (10 characters or more)",
            ));
        }
        if self.charges.is_empty() || self.charges.len() > MAX_CHARGES {
            return Err(ApiError::invalid(
                "input.charges",
                format!("an FIR carries 1 to {MAX_CHARGES} charges"),
            ));
        }
        for (i, charge) in self.charges.iter().enumerate() {
            let field = format!("input.charges[{i}]");
            if charge.section.trim().is_empty() {
                return Err(ApiError::invalid(
                    format!("{field}.section"),
                    "section is empty",
                ));
            }
            let named = charge
                .local_act
                .as_deref()
                .is_some_and(|a| !a.trim().is_empty());
            match (charge.act, named) {
                (Act::Local, false) => {
                    return Err(ApiError::invalid(
                        format!("{field}.localAct"),
                        "a LOCAL charge names its act",
                    ));
                }
                (act, true) if act != Act::Local => {
                    return Err(ApiError::invalid(
                        format!("{field}.localAct"),
                        "localAct is only for LOCAL charges",
                    ));
                }
                _ => {}
            }
            let duplicate = self.charges[..i].iter().any(|c| {
                c.act == charge.act
                    && c.section.trim() == charge.section.trim()
                    && c.local_act == charge.local_act
            });
            if duplicate {
                return Err(ApiError::invalid(
                    format!("{field}.section"),
                    "charge listed twice",
                ));
            }
        }
        if self.parties.is_empty() || self.parties.len() > MAX_PARTIES {
            return Err(ApiError::invalid(
                "input.parties",
                format!("an FIR names 1 to {MAX_PARTIES} parties"),
            ));
        }
        for (i, party) in self.parties.iter().enumerate() {
            let field = format!("input.parties[{i}]");
            match (&party.person_id, &party.person) {
                (Some(_), None) => {}
                (None, Some(new)) => new.validate(&format!("{field}.person"), now)?,
                _ => {
                    return Err(ApiError::invalid(
                        field,
                        "give exactly one of personId and person",
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The statute catalogue rows the charges name, by (act, section); a charge under a
/// central act that the catalogue does not hold is refused.
pub(crate) async fn statutes_of(
    ctx: &Context<'_>,
    charges: &[ChargeInput],
    field: &str,
) -> ApiResult<HashMap<(entities::enums::Act, String), statute::Model>> {
    if charges.iter().all(|c| c.act == Act::Local) {
        return Ok(HashMap::new());
    }
    let mut any = Condition::any();
    for charge in charges.iter().filter(|c| c.act != Act::Local) {
        any = any.add(
            Condition::all()
                .add(statute::Column::Act.eq(entities::enums::Act::from(charge.act)))
                .add(statute::Column::Section.eq(charge.section.trim())),
        );
    }
    let found: HashMap<_, _> = statute::Entity::find()
        .filter(any)
        .all(&RequestContext::of(ctx).db)
        .await?
        .into_iter()
        .map(|s| ((s.act, s.section.clone()), s))
        .collect();
    for (i, charge) in charges.iter().enumerate() {
        if charge.act != Act::Local
            && !found.contains_key(&(charge.act.into(), charge.section.trim().to_owned()))
        {
            return Err(ApiError::invalid(
                format!("{field}[{i}].section"),
                format!(
                    "{} {} is not in the statute catalogue",
                    sea_orm::ActiveEnum::to_value(&entities::enums::Act::from(charge.act)),
                    charge.section.trim()
                ),
            ));
        }
    }
    Ok(found)
}

/// The existing persons the parties name, by row id: each must be one the caller may
/// name by id (see `people::linkable_person`); any other, or a missing one, is `NOT_FOUND`.
async fn existing_persons(
    ctx: &Context<'_>,
    parties: &[PartyInput],
) -> ApiResult<HashMap<i64, person::Model>> {
    let mut wanted = Vec::new();
    for (i, party) in parties.iter().enumerate() {
        if let Some(id) = &party.person_id {
            let field = format!("input.parties[{i}].personId");
            wanted.push(linkable_person(ctx, id, &field).await?);
        }
    }
    if wanted.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(person::Entity::find()
        .filter(person::Column::Id.is_in(wanted))
        .all(&RequestContext::of(ctx).db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect())
}

/// FIR mutations.
#[derive(Default)]
pub struct FirMutation;

#[Object]
impl FirMutation {
    /// Registers an FIR at the caller's own station. The serial is the next of that
    /// station and year (gap-free under any concurrency); accused are coded A1, A2, … in
    /// the order given; new persons are recorded; protection of the victim's identity
    /// follows from the charges. Opens the case (REGISTERED). Emits FIR_REGISTERED.
    async fn register_fir(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The FIR.")] input: RegisterFirInput,
        #[graphql(
            desc = "A key of the client's choosing: a retry with the same key returns the first result and writes nothing new."
        )]
        idempotency_key: Option<String>,
    ) -> ApiResult<Fir> {
        let prepared = PreparedFir::prepare(ctx, input).await?;
        let mut write = match Write::begin(ctx, "registerFir", idempotency_key).await? {
            Begun::Replay(id) => return registered(ctx, id).await,
            Begun::Fresh(write) => *write,
        };
        let fir_id = prepared.write(ctx, &mut write).await?;
        write.commit(fir_id).await?;
        registered(ctx, fir_id).await
    }
}

/// An FIR checked and ready to write: the input validated, the caller's authority
/// checked, the station, statutes and persons it names looked up.
pub(crate) struct PreparedFir {
    input: RegisterFirInput,
    station: org_unit::Model,
    statutes: HashMap<(entities::enums::Act, String), statute::Model>,
    persons: HashMap<i64, person::Model>,
    /// The catalogue codes of the ways of committing.
    modus_operandi: Vec<String>,
}

impl PreparedFir {
    /// Validates `input` and looks up what it names, outside any transaction.
    pub(crate) async fn prepare(ctx: &Context<'_>, input: RegisterFirInput) -> ApiResult<Self> {
        input.validate(Utc::now())?;
        let station = unit_of_kind(
            ctx,
            &input.station_code,
            UnitKind::PoliceStation,
            "input.stationCode",
        )
        .await?;
        require_write(
            &RequestContext::of(ctx).principal,
            &WriteTarget::StationRecord {
                station_path: &station.path,
                io_officer_id: None,
            },
        )?;
        let statutes = statutes_of(ctx, &input.charges, "input.charges").await?;
        let persons = existing_persons(ctx, &input.parties).await?;
        let modus_operandi = known_codes(
            ctx,
            input.modus_operandi.as_deref().unwrap_or_default(),
            "input.modusOperandi",
        )
        .await?;
        Ok(Self {
            input,
            station,
            statutes,
            persons,
            modus_operandi,
        })
    }

    /// The registering station.
    pub(crate) fn station(&self) -> &org_unit::Model {
        &self.station
    }

    /// Writes the FIR inside `write`: serial, FIR, case (REGISTERED), charges, ways of
    /// committing, new persons,
    /// parties, the FIR_REGISTERED event and the audit records. Returns the FIR's row id.
    pub(crate) async fn write(self, ctx: &Context<'_>, write: &mut Write) -> ApiResult<i64> {
        let Self {
            input,
            station,
            statutes,
            persons,
            modus_operandi,
        } = self;
        let rc = RequestContext::of(ctx);
        let at = write.at();
        let year = at.year();
        let serial = serial::next_serial(write.txn(), station.id, year).await?;
        let protected = statutes.values().any(|s| s.victim_identity_protected);
        let officer = rc.principal.officer_id();
        let fir_id = fir::Entity::insert(fir::ActiveModel {
            station_id: Set(station.id),
            year: Set(year),
            serial: Set(serial),
            fir_type: Set(input.r#type.into()),
            registered_at: Set(at),
            info_received_at: Set(input.information_received_at.unwrap_or(at)),
            occurred_from: Set(input.occurred_from),
            occurred_to: Set(input.occurred_to),
            place_address: Set(input.place.clone().filter(|p| !p.trim().is_empty())),
            place_beat: Set(None),
            place_lat: Set(None),
            place_lon: Set(None),
            delay_reason: Set(input.delay_reason.clone()),
            narrative: Set(input.narrative.trim().to_owned()),
            property_value: Set(None),
            registered_by_id: Set(officer),
            victim_identity_protected: Set(protected),
            transferred_from_fir_id: Set(None),
            transferred_to_fir_id: Set(None),
            original_number: Set(None),
            created_at: Set(at),
            ..Default::default()
        })
        .exec(write.txn())
        .await?
        .last_insert_id;
        let case_id = police_case::Entity::insert(police_case::ActiveModel {
            fir_id: Set(fir_id),
            station_id: Set(station.id),
            status: Set(CaseStatus::Registered),
            io_id: Set(None),
            opened_at: Set(at),
            status_changed_at: Set(at),
            ..Default::default()
        })
        .exec(write.txn())
        .await?
        .last_insert_id;
        let charges = input.charges.iter().enumerate().map(|(i, c)| {
            let section = c.section.trim().to_owned();
            charge::ActiveModel {
                fir_id: Set(fir_id),
                statute_id: Set(statutes.get(&(c.act.into(), section.clone())).map(|s| s.id)),
                act: Set(c.act.into()),
                section: Set(section),
                position: Set(i as i32 + 1),
                added_at: Set(at),
                removed_at: Set(None),
                added_by_amendment_id: Set(None),
                local_act: Set(c.local_act.as_ref().map(|a| a.trim().to_owned())),
                ..Default::default()
            }
        });
        charge::Entity::insert_many(charges)
            .exec_without_returning(write.txn())
            .await?;
        tally::deposit(write.txn(), fir_id).await?;
        if !modus_operandi.is_empty() {
            fir_modus_operandi::Entity::insert_many(modus_operandi.into_iter().map(|code| {
                fir_modus_operandi::ActiveModel {
                    fir_id: Set(fir_id),
                    code: Set(code),
                }
            }))
            .exec_without_returning(write.txn())
            .await?;
        }

        let mut parties = Vec::with_capacity(input.parties.len());
        let mut accused = 0;
        let mut person_ids = Vec::with_capacity(input.parties.len());
        let mut roles = Vec::with_capacity(input.parties.len());
        for party in &input.parties {
            let (person_id, birth_year) = match (&party.person_id, &party.person) {
                (Some(id), _) => {
                    let row = ids::decode("Person", id)?;
                    (row, persons.get(&row).and_then(|p| p.birth_year))
                }
                (None, Some(new)) => (new.create(write.txn(), at).await?, new.birth_year),
                (None, None) => return Err(ApiError::internal()),
            };
            let role: StoredRole = party.role.into();
            let code = (role == StoredRole::Accused).then(|| {
                accused += 1;
                format!("A{accused}")
            });
            let age = birth_year.map(|born| input.occurred_from.year() - born);
            let juvenile = role == StoredRole::Accused && age.is_some_and(|a| a < 18);
            person_ids.push(person_id);
            roles.push((person_id, role, juvenile));
            parties.push(case_party::ActiveModel {
                fir_id: Set(fir_id),
                person_id: Set(person_id),
                role: Set(role),
                accused_code: Set(code),
                age_at_offence: Set(age),
                juvenile: Set(juvenile),
                created_at: Set(at),
                ..Default::default()
            });
        }
        case_party::Entity::insert_many(parties)
            .exec_without_returning(write.txn())
            .await?;

        // Only persons every subscriber of the event may read go into its refs.
        let shielded = shielded_persons(roles, protected);
        let mut event_persons: Vec<i64> = Vec::with_capacity(person_ids.len());
        for person in &person_ids {
            if !shielded.contains(person) && !event_persons.contains(person) {
                event_persons.push(*person);
            }
        }
        let fir_ref = ids::encode("Fir", fir_id).0;
        write.event(
            EventType::FirRegistered,
            &UnitOf::from(&station),
            serde_json::json!({
                "fir": fir_ref,
                "case": ids::encode("Case", case_id).0,
                "persons": event_persons.iter().map(|id| ids::encode("Person", *id).0).collect::<Vec<_>>(),
            }),
        );
        write.audit(
            "Fir",
            &[fir_id],
            format!("registered FIR {serial:04}/{year} at {}", station.code),
        );
        write.audit("Person", &person_ids, "named as parties");
        Ok(fir_id)
    }
}

/// The FIR a mutation just wrote (or the first request with the same key wrote).
pub(crate) async fn registered(ctx: &Context<'_>, fir_id: i64) -> ApiResult<Fir> {
    find_fir(ctx, fir_id).await?.ok_or_else(ApiError::internal)
}
