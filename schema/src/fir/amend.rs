//! `amendFir` and `transferFir`: a registered FIR is a legal document, never edited in
//! place. Corrections are amendments (who, when, what, why) beside the registered text;
//! altered charges are retired and added, not overwritten; a zero FIR is transferred by
//! registering it again at the station with jurisdiction.

use async_graphql::{Context, ID, InputObject, Object};
use chrono::{DateTime, Datelike, Utc};
use entities::enums::{CaseStatus, FirType as StoredType, UnitKind};
use entities::{case_party, charge, fir, fir_amendment, org_unit, police_case, statute};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter};

use super::register::{ChargeInput, registered, statutes_of};
use super::{Fir, serial};
use crate::context::RequestContext;
use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::org::unit_of_kind;
use crate::policy::{WriteTarget, require_write};
use crate::statistics::tally;
use crate::write::{Begun, EventType, UnitOf, Write};

/// Corrections to an FIR. Every given field is one amendment.
#[derive(InputObject, Debug)]
pub struct AmendFirInput {
    /// Why the FIR is corrected (required).
    pub reason: String,
    /// The corrected start of the occurrence.
    pub occurred_from: Option<DateTime<Utc>>,
    /// The corrected end of the occurrence.
    pub occurred_to: Option<DateTime<Utc>>,
    /// The corrected place of occurrence.
    pub place: Option<String>,
    /// The corrected narrative (the registered one stays readable).
    pub narrative: Option<String>,
    /// Charges to add (e.g. the BNS section replacing a mistaken IPC one).
    pub add_charges: Vec<ChargeInput>,
    /// Charges to retire, by their position on the FIR (1, 2, …).
    pub remove_charges: Vec<i32>,
}

/// An FIR and its station, loaded for a write by the owning station (or the case's IO).
async fn owned_fir(ctx: &Context<'_>, id: &ID) -> ApiResult<(fir::Model, org_unit::Model)> {
    let row = ids::decode_input("Fir", id, "firId")?;
    let db = &RequestContext::of(ctx).db;
    let found = fir::Entity::find_by_id(row)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("FIR"))?;
    let station = org_unit::Entity::find_by_id(found.station_id)
        .one(db)
        .await?
        .ok_or_else(ApiError::internal)?;
    let case = police_case::Entity::find()
        .filter(police_case::Column::FirId.eq(found.id))
        .one(db)
        .await?;
    require_write(
        &RequestContext::of(ctx).principal,
        &WriteTarget::StationRecord {
            station_path: &station.path,
            io_officer_id: case.and_then(|c| c.io_id),
        },
    )?;
    Ok((found, station))
}

/// The FIR re-read under lock inside the write.
async fn locked_fir(write: &Write, id: i64) -> ApiResult<fir::Model> {
    write
        .locked(fir::Entity::find_by_id(id))
        .await?
        .ok_or_else(|| ApiError::not_found("FIR"))
}

/// The charges among `retired` whose statute protects the victim's identity.
async fn protected_charges(write: &Write, retired: &[&charge::Model]) -> ApiResult<Vec<i64>> {
    let statutes: Vec<i64> = retired.iter().filter_map(|c| c.statute_id).collect();
    if statutes.is_empty() {
        return Ok(Vec::new());
    }
    Ok(statute::Entity::find()
        .filter(statute::Column::Id.is_in(statutes))
        .filter(statute::Column::VictimIdentityProtected.eq(true))
        .all(write.txn())
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect())
}

fn describe(act: entities::enums::Act, section: &str, local_act: Option<&str>) -> String {
    let act = sea_orm::ActiveEnum::to_value(&act);
    match local_act {
        Some(name) => format!("{name} s.{section}"),
        None => format!("{act} {section}"),
    }
}

/// FIR corrections and transfers.
#[derive(Default)]
pub struct FirAmendMutation;

#[Object]
impl FirAmendMutation {
    /// Corrects a registered FIR by amendment: each changed field is recorded with the old
    /// and new value, who, when and why; the registered text stays as registered. Charges
    /// are retired and added (IPC ↔ BNS corrections included). An FIR that protects its
    /// victim keeps protecting her whatever the charges become, and only the owning
    /// station's SHO or a supervisor over it retires a protected charge. Emits FIR_AMENDED (and
    /// CHARGES_ALTERED when charges change).
    async fn amend_fir(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The FIR.")] fir_id: ID,
        #[graphql(desc = "The corrections.")] input: AmendFirInput,
        #[graphql(desc = "A retry with the same key returns the first result.")]
        idempotency_key: Option<String>,
    ) -> ApiResult<Fir> {
        if input.reason.trim().is_empty() {
            return Err(ApiError::invalid(
                "input.reason",
                "an amendment states its reason",
            ));
        }
        let (found, station) = owned_fir(ctx, &fir_id).await?;
        let now = Utc::now();
        for (field, at) in [
            ("input.occurredFrom", input.occurred_from),
            ("input.occurredTo", input.occurred_to),
        ] {
            if at.is_some_and(|at| at > now) {
                return Err(ApiError::invalid(
                    field,
                    format!("{field} is in the future"),
                ));
            }
        }
        let from = input.occurred_from.unwrap_or(found.occurred_from);
        if input
            .occurred_to
            .or(found.occurred_to)
            .is_some_and(|to| to < from)
        {
            return Err(ApiError::invalid(
                "input.occurredTo",
                "occurredTo is before occurredFrom",
            ));
        }
        if input
            .narrative
            .as_ref()
            .is_some_and(|n| n.trim().len() < 10)
        {
            return Err(ApiError::invalid(
                "input.narrative",
                "the narrative must state the information (10 characters or more)",
            ));
        }
        let statutes = statutes_of(ctx, &input.add_charges, "input.addCharges").await?;
        let mut write = match Write::begin(ctx, "amendFir", idempotency_key).await? {
            Begun::Replay(id) => return registered(ctx, id).await,
            Begun::Fresh(write) => *write,
        };
        let current = locked_fir(&write, found.id).await?;
        let at = write.at();
        let by = RequestContext::of(ctx).principal.officer_id();
        let reason = input.reason.trim().to_owned();
        let mut changes: Vec<(&str, Option<String>, Option<String>)> = Vec::new();
        if let Some(v) = input.occurred_from.filter(|v| *v != current.occurred_from) {
            changes.push((
                "occurredFrom",
                Some(current.occurred_from.to_rfc3339()),
                Some(v.to_rfc3339()),
            ));
        }
        if let Some(v) = input
            .occurred_to
            .filter(|v| Some(*v) != current.occurred_to)
        {
            changes.push((
                "occurredTo",
                current.occurred_to.map(|t| t.to_rfc3339()),
                Some(v.to_rfc3339()),
            ));
        }
        if let Some(v) = input
            .place
            .map(|p| p.trim().to_owned())
            .filter(|p| Some(p) != current.place_address.as_ref())
        {
            changes.push(("place", current.place_address.clone(), Some(v)));
        }
        if let Some(v) = input
            .narrative
            .map(|n| n.trim().to_owned())
            .filter(|n| *n != current.narrative)
        {
            changes.push(("narrative", Some(current.narrative.clone()), Some(v)));
        }
        // Charges: retire by position, add new ones after the last position.
        let charges = charge::Entity::find()
            .filter(charge::Column::FirId.eq(current.id))
            .all(write.txn())
            .await?;
        let mut retired = Vec::new();
        for (i, position) in input.remove_charges.iter().enumerate() {
            let Some(c) = charges
                .iter()
                .find(|c| c.position == *position && c.removed_at.is_none())
            else {
                return Err(ApiError::invalid(
                    format!("input.removeCharges[{i}]"),
                    format!("no charge at position {position}"),
                ));
            };
            if retired.iter().any(|r: &&charge::Model| r.id == c.id) {
                return Err(ApiError::invalid(
                    format!("input.removeCharges[{i}]"),
                    "listed twice",
                ));
            }
            retired.push(c);
        }
        let live_after: Vec<&charge::Model> = charges
            .iter()
            .filter(|c| c.removed_at.is_none() && !retired.iter().any(|r| r.id == c.id))
            .collect();
        for (i, add) in input.add_charges.iter().enumerate() {
            let section = add.section.trim();
            if live_after.iter().any(|c| {
                c.act == add.act.into() && c.section == section && c.local_act == add.local_act
            }) {
                return Err(ApiError::invalid(
                    format!("input.addCharges[{i}].section"),
                    "the FIR already carries this charge",
                ));
            }
        }
        if live_after.is_empty() && input.add_charges.is_empty() {
            return Err(ApiError::invalid(
                "input.removeCharges",
                "an FIR keeps at least one charge",
            ));
        }
        let lifted = protected_charges(&write, &retired).await?;
        if !lifted.is_empty() {
            require_write(
                &RequestContext::of(ctx).principal,
                &WriteTarget::ProtectedCharge {
                    station_path: &station.path,
                },
            )?;
        }
        let charges_altered = !retired.is_empty() || !input.add_charges.is_empty();
        if changes.is_empty() && !charges_altered {
            return Err(ApiError::invalid("input", "nothing to amend"));
        }
        let mut amendment_ids = Vec::new();
        for (field, old, new) in changes {
            let row = fir_amendment::ActiveModel {
                fir_id: Set(current.id),
                amended_by_id: Set(by),
                amended_at: Set(at),
                field: Set(field.to_owned()),
                old_value: Set(old),
                new_value: Set(new),
                reason: Set(reason.clone()),
                ..Default::default()
            }
            .insert(write.txn())
            .await?;
            amendment_ids.push(row.id);
        }
        if charges_altered {
            tally::withdraw(write.txn(), current.id).await?;
            let old: Vec<String> = charges
                .iter()
                .filter(|c| c.removed_at.is_none())
                .map(|c| describe(c.act, &c.section, c.local_act.as_deref()))
                .collect();
            let mut new: Vec<String> = live_after
                .iter()
                .map(|c| describe(c.act, &c.section, c.local_act.as_deref()))
                .collect();
            new.extend(
                input
                    .add_charges
                    .iter()
                    .map(|c| describe(c.act.into(), c.section.trim(), c.local_act.as_deref())),
            );
            let amendment = fir_amendment::ActiveModel {
                fir_id: Set(current.id),
                amended_by_id: Set(by),
                amended_at: Set(at),
                field: Set("charges".to_owned()),
                old_value: Set(Some(old.join("; "))),
                new_value: Set(Some(new.join("; "))),
                reason: Set(reason.clone()),
                ..Default::default()
            }
            .insert(write.txn())
            .await?;
            amendment_ids.push(amendment.id);
            if !retired.is_empty() {
                let ids: Vec<i64> = retired.iter().map(|c| c.id).collect();
                charge::Entity::update_many()
                    .col_expr(charge::Column::RemovedAt, Expr::value(at))
                    .filter(charge::Column::Id.is_in(ids))
                    .exec(write.txn())
                    .await?;
            }
            let next = charges.iter().map(|c| c.position).max().unwrap_or(0);
            let added = input.add_charges.iter().enumerate().map(|(i, c)| {
                let section = c.section.trim().to_owned();
                charge::ActiveModel {
                    fir_id: Set(current.id),
                    statute_id: Set(statutes.get(&(c.act.into(), section.clone())).map(|s| s.id)),
                    act: Set(c.act.into()),
                    section: Set(section),
                    position: Set(next + i as i32 + 1),
                    added_at: Set(at),
                    removed_at: Set(None),
                    added_by_amendment_id: Set(Some(amendment.id)),
                    local_act: Set(c.local_act.as_ref().map(|a| a.trim().to_owned())),
                    ..Default::default()
                }
            });
            if !input.add_charges.is_empty() {
                charge::Entity::insert_many(added)
                    .exec_without_returning(write.txn())
                    .await?;
            }
            tally::deposit(write.txn(), current.id).await?;
            // Protection does not fall off: once the FIR protects its victim it keeps doing
            // so, whatever the charges become; an added protected charge turns it on.
            if !current.victim_identity_protected
                && statutes.values().any(|s| s.victim_identity_protected)
            {
                fir::ActiveModel {
                    id: Set(current.id),
                    victim_identity_protected: Set(true),
                    ..Default::default()
                }
                .update(write.txn())
                .await?;
            }
        }
        let unit = UnitOf::from(&station);
        let refs = serde_json::json!({ "fir": ids::encode("Fir", current.id).0 });
        write.event(EventType::FirAmended, &unit, refs.clone());
        if charges_altered {
            write.event(EventType::ChargesAltered, &unit, refs);
        }
        write.audit(
            "FirAmendment",
            &amendment_ids,
            format!("FIR {} amended: {reason}", current.id),
        );
        if !lifted.is_empty() {
            write.audit(
                "Fir",
                &[current.id],
                format!(
                    "VICTIM_IDENTITY: removed {} protected charge(s); the victim's protection stays",
                    lifted.len()
                ),
            );
        }
        write.commit(current.id).await?;
        registered(ctx, current.id).await
    }

    /// Transfers a zero FIR to the station with jurisdiction: the FIR is registered there
    /// under that station's next serial, keeping the original number as a reference, with
    /// the same charges and parties; the original links to it. Emits FIR_TRANSFERRED at
    /// both stations.
    async fn transfer_fir(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The zero FIR.")] fir_id: ID,
        #[graphql(desc = "Code of the station with jurisdiction.")] to_station_code: String,
        #[graphql(desc = "A retry with the same key returns the first result.")]
        idempotency_key: Option<String>,
    ) -> ApiResult<Fir> {
        let (found, source) = owned_fir(ctx, &fir_id).await?;
        let target = unit_of_kind(
            ctx,
            &to_station_code,
            UnitKind::PoliceStation,
            "toStationCode",
        )
        .await?;
        if target.id == source.id {
            return Err(ApiError::invalid(
                "toStationCode",
                "the FIR is already at this station",
            ));
        }
        let mut write = match Write::begin(ctx, "transferFir", idempotency_key).await? {
            Begun::Replay(id) => return registered(ctx, id).await,
            Begun::Fresh(write) => *write,
        };
        let original = locked_fir(&write, found.id).await?;
        if original.fir_type != StoredType::Zero {
            return Err(ApiError::conflict("only a zero FIR is transferred"));
        }
        if let Some(to) = original.transferred_to_fir_id {
            return Err(ApiError::conflict(format!(
                "the FIR was already transferred (to {})",
                ids::encode("Fir", to).0
            )));
        }
        let at = write.at();
        let year = at.year();
        let serial = serial::next_serial(write.txn(), target.id, year).await?;
        let copy = fir::ActiveModel {
            station_id: Set(target.id),
            year: Set(year),
            serial: Set(serial),
            fir_type: Set(StoredType::Regular),
            registered_at: Set(at),
            transferred_from_fir_id: Set(Some(original.id)),
            transferred_to_fir_id: Set(None),
            original_number: Set(Some(format!(
                "{:04}/{} ({})",
                original.serial, original.year, source.code
            ))),
            created_at: Set(at),
            ..fir::ActiveModel::from(original.clone())
        };
        let mut copy = copy;
        copy.id = sea_orm::ActiveValue::NotSet;
        // The original stops counting; the copy counts at its station once complete.
        tally::withdraw(write.txn(), original.id).await?;
        let new_id = fir::Entity::insert(copy)
            .exec(write.txn())
            .await?
            .last_insert_id;
        fir::ActiveModel {
            id: Set(original.id),
            transferred_to_fir_id: Set(Some(new_id)),
            ..Default::default()
        }
        .update(write.txn())
        .await?;
        police_case::ActiveModel {
            fir_id: Set(new_id),
            station_id: Set(target.id),
            status: Set(CaseStatus::Registered),
            io_id: Set(None),
            opened_at: Set(at),
            status_changed_at: Set(at),
            ..Default::default()
        }
        .insert(write.txn())
        .await?;
        let charges = charge::Entity::find()
            .filter(charge::Column::FirId.eq(original.id))
            .filter(charge::Column::RemovedAt.is_null())
            .all(write.txn())
            .await?;
        let charges = charges.into_iter().map(|c| charge::ActiveModel {
            fir_id: Set(new_id),
            statute_id: Set(c.statute_id),
            act: Set(c.act),
            section: Set(c.section),
            position: Set(c.position),
            added_at: Set(at),
            removed_at: Set(None),
            added_by_amendment_id: Set(None),
            local_act: Set(c.local_act),
            ..Default::default()
        });
        charge::Entity::insert_many(charges)
            .exec_without_returning(write.txn())
            .await?;
        tally::deposit(write.txn(), new_id).await?;
        let parties = case_party::Entity::find()
            .filter(case_party::Column::FirId.eq(original.id))
            .all(write.txn())
            .await?;
        let parties = parties.into_iter().map(|p| case_party::ActiveModel {
            fir_id: Set(new_id),
            person_id: Set(p.person_id),
            role: Set(p.role),
            accused_code: Set(p.accused_code),
            age_at_offence: Set(p.age_at_offence),
            juvenile: Set(p.juvenile),
            created_at: Set(at),
            ..Default::default()
        });
        case_party::Entity::insert_many(parties)
            .exec_without_returning(write.txn())
            .await?;
        let refs = serde_json::json!({ "fir": ids::encode("Fir", new_id).0, "from": ids::encode("Fir", original.id).0 });
        write.event(
            EventType::FirTransferred,
            &UnitOf::from(&source),
            refs.clone(),
        );
        write.event(EventType::FirTransferred, &UnitOf::from(&target), refs);
        write.audit(
            "Fir",
            &[original.id, new_id],
            format!(
                "zero FIR transferred from {} to {}",
                source.code, target.code
            ),
        );
        write.commit(new_id).await?;
        registered(ctx, new_id).await
    }
}
