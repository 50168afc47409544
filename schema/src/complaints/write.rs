//! Citizen services' mutations: filing a complaint (a citizen, an anonymous caller who
//! leaves contact details, or the station at its counter), and the station converting it
//! into an FIR or closing it.

use async_graphql::{Context, ID, InputObject, Object};
use chrono::{Datelike, Utc};
use entities::enums::{ComplaintStatus, UnitKind};
use entities::{complaint, org_unit};
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::Complaint;
use crate::context::RequestContext;
use crate::enums::ComplaintChannel;
use crate::error::{ApiError, ApiResult};
use crate::fir::{Fir, PreparedFir, RegisterFirInput, registered};
use crate::ids;
use crate::org::unit_of_kind;
use crate::people::NewPersonInput;
use crate::policy::{Role, WriteTarget, require_write};
use crate::write::{Begun, EventType, UnitOf, Write, written};

/// A complaint to file.
#[derive(InputObject, Debug)]
pub struct FileComplaintInput {
    /// Code of the police station it is addressed to.
    pub station_code: String,
    /// How it arrived (default: PORTAL online, WALK_IN at the station).
    pub channel: Option<ComplaintChannel>,
    /// Its nature (theft, cheating, harassment, …).
    pub nature: String,
    /// What happened.
    pub description: String,
    /// The complainant (required at the station, and for anonymous callers, who must
    /// leave a phone number).
    pub complainant: Option<NewPersonInput>,
}

/// A complaint of the caller's station, loaded for a write by that station.
async fn station_complaint(
    ctx: &Context<'_>,
    id: &ID,
) -> ApiResult<(complaint::Model, org_unit::Model)> {
    let row = ids::decode_input("Complaint", id, "complaintId")?;
    let db = &RequestContext::of(ctx).db;
    let found = complaint::Entity::find_by_id(row)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("complaint"))?;
    let station = org_unit::Entity::find_by_id(found.station_id)
        .one(db)
        .await?
        .ok_or_else(ApiError::internal)?;
    require_write(
        &RequestContext::of(ctx).principal,
        &WriteTarget::Complaint {
            station_path: &station.path,
            new_with_contact: false,
        },
    )?;
    Ok((found, station))
}

/// The complaint re-read under lock; `CONFLICT` unless it is still open.
async fn open_complaint(write: &Write, id: i64) -> ApiResult<complaint::Model> {
    let found = write
        .locked(complaint::Entity::find_by_id(id))
        .await?
        .ok_or_else(|| ApiError::not_found("complaint"))?;
    match found.status {
        ComplaintStatus::Received | ComplaintStatus::UnderEnquiry => Ok(found),
        status => Err(ApiError::conflict(format!(
            "the complaint is {}",
            sea_orm::ActiveEnum::to_value(&status)
        ))),
    }
}

/// The next petition number of `station` for `year` (`MH-PUN-PS001/PET/2026/00042`).
async fn next_petition_number(
    write: &Write,
    station: &org_unit::Model,
    year: i32,
) -> ApiResult<String> {
    let prefix = format!("{}/PET/{year}/", station.code);
    let latest = complaint::Entity::find()
        .filter(complaint::Column::StationId.eq(station.id))
        .filter(complaint::Column::PetitionNumber.starts_with(&prefix))
        .order_by_desc(complaint::Column::PetitionNumber);
    write
        .next_number(station.id, &prefix, latest, |c| &c.petition_number)
        .await
}

/// Complaint mutations.
#[derive(Default)]
pub struct ComplaintMutation;

#[Object]
impl ComplaintMutation {
    /// Files a complaint with a police station: by a citizen (online), by an anonymous
    /// caller who leaves a phone number, or at the station's counter (walk-in). Gets the
    /// station's next petition number. Emits COMPLAINT_RECEIVED.
    async fn file_complaint(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The complaint.")] input: FileComplaintInput,
        #[graphql(desc = "A retry with the same key returns the first result.")]
        idempotency_key: Option<String>,
    ) -> ApiResult<Complaint> {
        let now = Utc::now();
        if input.nature.trim().is_empty() {
            return Err(ApiError::invalid("input.nature", "nature is empty"));
        }
        if input.description.trim().len() < 10 {
            return Err(ApiError::invalid(
                "input.description",
                "describe what happened (10 characters or more)",
            ));
        }
        if let Some(person) = &input.complainant {
            person.validate("input.complainant", now)?;
        }
        let station = unit_of_kind(
            ctx,
            &input.station_code,
            UnitKind::PoliceStation,
            "input.stationCode",
        )
        .await?;
        let principal = &RequestContext::of(ctx).principal;
        let role = principal.role();
        let with_contact = role == Some(Role::Citizen)
            || input
                .complainant
                .as_ref()
                .is_some_and(|p| p.phone.is_some());
        require_write(
            principal,
            &WriteTarget::Complaint {
                station_path: &station.path,
                new_with_contact: with_contact,
            },
        )?;
        let at_counter = role.is_some_and(|r| r.is_police());
        if (at_counter || role.is_none()) && input.complainant.is_none() {
            return Err(ApiError::invalid(
                "input.complainant",
                "name the complainant and how to reach them",
            ));
        }
        let channel = input.channel.map(Into::into).unwrap_or(if at_counter {
            entities::enums::ComplaintChannel::WalkIn
        } else {
            entities::enums::ComplaintChannel::Portal
        });
        let citizen_sub = principal
            .identity
            .as_ref()
            .filter(|i| i.role == Role::Citizen)
            .map(|i| i.sub.clone());
        let mut write = match Write::begin(ctx, "fileComplaint", idempotency_key).await? {
            Begun::Replay(id) => return written::<complaint::Entity, _>(ctx, id, Complaint).await,
            Begun::Fresh(write) => *write,
        };
        let complainant = match &input.complainant {
            Some(person) => Some(person.create(write.txn(), write.at()).await?),
            None => None,
        };
        let petition = next_petition_number(&write, &station, write.at().year()).await?;
        let row = complaint::ActiveModel {
            petition_number: Set(petition.clone()),
            station_id: Set(station.id),
            received_at: Set(write.at()),
            channel: Set(channel),
            nature: Set(input.nature.trim().to_owned()),
            complainant_person_id: Set(complainant),
            citizen_sub: Set(citizen_sub),
            description: Set(input.description.trim().to_owned()),
            status: Set(ComplaintStatus::Received),
            fir_id: Set(None),
            closure_reason: Set(None),
            ..Default::default()
        }
        .insert(write.txn())
        .await?;
        write.event(
            EventType::ComplaintReceived,
            &UnitOf::from(&station),
            serde_json::json!({ "complaint": ids::encode("Complaint", row.id).0, "petitionNumber": petition }),
        );
        write.audit(
            "Complaint",
            &[row.id],
            format!("complaint {petition} filed"),
        );
        write.commit(row.id).await?;
        written::<complaint::Entity, _>(ctx, row.id, Complaint).await
    }

    /// Registers an FIR on a complaint of the caller's station; the complaint becomes
    /// CONVERTED_TO_FIR and links the FIR. Emits FIR_REGISTERED.
    async fn convert_complaint_to_fir(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The complaint.")] complaint_id: ID,
        #[graphql(desc = "The FIR, registered at the complaint's station.")]
        input: RegisterFirInput,
        #[graphql(desc = "A retry with the same key returns the first result.")]
        idempotency_key: Option<String>,
    ) -> ApiResult<Fir> {
        let (found, station) = station_complaint(ctx, &complaint_id).await?;
        let prepared = PreparedFir::prepare(ctx, input).await?;
        if prepared.station().id != station.id {
            return Err(ApiError::invalid(
                "input.stationCode",
                "the FIR is registered at the complaint's station",
            ));
        }
        let mut write = match Write::begin(ctx, "convertComplaintToFir", idempotency_key).await? {
            Begun::Replay(id) => return registered(ctx, id).await,
            Begun::Fresh(write) => *write,
        };
        open_complaint(&write, found.id).await?;
        let fir_id = prepared.write(ctx, &mut write).await?;
        complaint::ActiveModel {
            id: Set(found.id),
            status: Set(ComplaintStatus::ConvertedToFir),
            fir_id: Set(Some(fir_id)),
            ..Default::default()
        }
        .update(write.txn())
        .await?;
        write.audit(
            "Complaint",
            &[found.id],
            format!("converted to FIR {fir_id}"),
        );
        write.commit(fir_id).await?;
        registered(ctx, fir_id).await
    }

    /// Closes a complaint of the caller's station without an FIR, with the reason.
    async fn close_complaint(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The complaint.")] complaint_id: ID,
        #[graphql(desc = "Why it is closed (settled, no cognisable offence, …).")] reason: String,
        #[graphql(desc = "A retry with the same key returns the first result.")]
        idempotency_key: Option<String>,
    ) -> ApiResult<Complaint> {
        if reason.trim().is_empty() {
            return Err(ApiError::invalid("reason", "give the reason"));
        }
        let (found, _) = station_complaint(ctx, &complaint_id).await?;
        let mut write = match Write::begin(ctx, "closeComplaint", idempotency_key).await? {
            Begun::Replay(id) => return written::<complaint::Entity, _>(ctx, id, Complaint).await,
            Begun::Fresh(write) => *write,
        };
        open_complaint(&write, found.id).await?;
        complaint::ActiveModel {
            id: Set(found.id),
            status: Set(ComplaintStatus::Closed),
            closure_reason: Set(Some(reason.trim().to_owned())),
            ..Default::default()
        }
        .update(write.txn())
        .await?;
        write.audit("Complaint", &[found.id], "closed");
        write.commit(found.id).await?;
        written::<complaint::Entity, _>(ctx, found.id, Complaint).await
    }
}
