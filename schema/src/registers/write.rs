//! Stations recording entries of the national registers: a missing-person report, an
//! unidentified dead body, a found person. Only the station's own staff write its
//! entries; each write is audited, and a missing-person report is announced to
//! subscribers (MISSING_PERSON_REPORTED) so that other stations can match it at once.

use async_graphql::{Context, InputObject, Object};
use chrono::{DateTime, Duration, Utc};
use entities::enums::{BodyStatus, FoundStatus, MissingStatus, UnitKind};
use entities::{found_person, missing_person, org_unit, unidentified_body};
use sea_orm::ActiveModelTrait;
use sea_orm::ActiveValue::Set;

use super::{FoundPerson, MissingPerson, UnidentifiedBody};
use crate::context::RequestContext;
use crate::enums::Sex;
use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::org::unit_of_kind;
use crate::people::{check_age, check_age_band};
use crate::policy::{WriteTarget, require_write};
use crate::write::{Begun, EventType, UnitOf, Write, written};

/// A missing person reported at a station.
#[derive(InputObject, Debug)]
pub struct ReportMissingPersonInput {
    /// Code of the police station the report is made at.
    pub station_code: String,
    /// The missing person's name.
    pub name: String,
    /// Sex.
    pub sex: Sex,
    /// Age in years.
    pub age_years: Option<i32>,
    /// Height in centimetres.
    pub height_cm: Option<i32>,
    /// Identification marks, clothing, language spoken.
    pub marks: Option<String>,
    /// When they went missing.
    pub missing_since: DateTime<Utc>,
    /// Where they were last seen.
    pub last_seen_place: Option<String>,
}

/// A person found (dead or alive), as a station describes them.
#[derive(InputObject, Debug)]
pub struct FoundDescriptionInput {
    /// Code of the police station that found them or took charge.
    pub station_code: String,
    /// When found.
    pub found_at: DateTime<Utc>,
    /// Where found.
    pub place: Option<String>,
    /// Sex (UNKNOWN if it cannot be told).
    pub sex: Sex,
    /// Lower bound of the estimated age in years.
    pub age_min: Option<i32>,
    /// Upper bound of the estimated age in years.
    pub age_max: Option<i32>,
    /// Height in centimetres.
    pub height_cm: Option<i32>,
    /// Identification marks, clothing, language spoken.
    pub marks: Option<String>,
}

/// A living person found who cannot say where they belong.
#[derive(InputObject, Debug)]
pub struct RegisterFoundPersonInput {
    /// How they were found and what they look like.
    #[graphql(flatten)]
    pub found: FoundDescriptionInput,
    /// The name they give, if any.
    pub name_given: Option<String>,
    /// Where they are cared for (a shelter or children's home), if placed.
    pub placed_with: Option<String>,
}

/// Whether a height is plausible.
fn check_height(field: &str, height: Option<i32>) -> ApiResult<()> {
    if height.is_some_and(|h| !(30..=250).contains(&h)) {
        return Err(ApiError::invalid(
            field,
            "a height is between 30 and 250 cm",
        ));
    }
    Ok(())
}

/// Whether a moment is a plausible past one (a few minutes of clock skew allowed).
fn check_past(field: &str, at: DateTime<Utc>, now: DateTime<Utc>) -> ApiResult<()> {
    if at > now + Duration::minutes(5) {
        return Err(ApiError::invalid(field, "is in the future"));
    }
    if at < now - Duration::days(365 * 100) {
        return Err(ApiError::invalid(field, "is more than a hundred years ago"));
    }
    Ok(())
}

/// Trimmed text, or `None` when blank.
fn text(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

impl FoundDescriptionInput {
    /// Checks the description; `BAD_USER_INPUT` naming the first field that is wrong.
    fn validate(&self, now: DateTime<Utc>) -> ApiResult<()> {
        check_past("input.foundAt", self.found_at, now)?;
        check_age_band(
            ("input.ageMin", self.age_min),
            ("input.ageMax", self.age_max),
        )?;
        check_height("input.heightCm", self.height_cm)
    }
}

/// The station at `code`, once the caller is shown to be its own staff.
async fn own_station(ctx: &Context<'_>, code: &str) -> ApiResult<org_unit::Model> {
    let station = unit_of_kind(ctx, code, UnitKind::PoliceStation, "input.stationCode").await?;
    require_write(
        &RequestContext::of(ctx).principal,
        &WriteTarget::StationRecord {
            station_path: &station.path,
            io_officer_id: None,
        },
    )?;
    Ok(station)
}

/// Register mutations.
#[derive(Default)]
pub struct RegisterMutation;

#[Object]
impl RegisterMutation {
    /// Records a missing-person report at the caller's station and announces it
    /// (MISSING_PERSON_REPORTED), so that bodies and found persons anywhere can be matched
    /// against it.
    async fn report_missing_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The report.")] input: ReportMissingPersonInput,
        #[graphql(desc = "A retry with the same key returns the first result.")]
        idempotency_key: Option<String>,
    ) -> ApiResult<MissingPerson> {
        let now = Utc::now();
        let name = input.name.trim();
        if name.is_empty() {
            return Err(ApiError::invalid("input.name", "name is empty"));
        }
        check_age("input.ageYears", input.age_years)?;
        check_height("input.heightCm", input.height_cm)?;
        check_past("input.missingSince", input.missing_since, now)?;
        let station = own_station(ctx, &input.station_code).await?;
        let mut write = match Write::begin(ctx, "reportMissingPerson", idempotency_key).await? {
            Begun::Replay(id) => {
                return written::<missing_person::Entity, _>(ctx, id, MissingPerson).await;
            }
            Begun::Fresh(write) => *write,
        };
        let row = missing_person::ActiveModel {
            station_id: Set(station.id),
            person_id: Set(None),
            name: Set(name.to_owned()),
            sex: Set(input.sex.into()),
            age_years: Set(input.age_years),
            height_cm: Set(input.height_cm),
            marks: Set(text(&input.marks)),
            missing_since: Set(input.missing_since),
            last_seen_place: Set(text(&input.last_seen_place)),
            reported_at: Set(write.at()),
            status: Set(MissingStatus::Missing),
            ..Default::default()
        }
        .insert(write.txn())
        .await?;
        write.event(
            EventType::MissingPersonReported,
            &UnitOf::from(&station),
            serde_json::json!({ "missingPerson": ids::encode("MissingPerson", row.id).0 }),
        );
        write.audit("MissingPerson", &[row.id], "missing person reported");
        write.commit(row.id).await?;
        written::<missing_person::Entity, _>(ctx, row.id, MissingPerson).await
    }

    /// Records an unidentified dead body found by the caller's station.
    async fn register_unidentified_body(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The body, as found.")] input: FoundDescriptionInput,
        #[graphql(desc = "A retry with the same key returns the first result.")]
        idempotency_key: Option<String>,
    ) -> ApiResult<UnidentifiedBody> {
        input.validate(Utc::now())?;
        let station = own_station(ctx, &input.station_code).await?;
        let mut write = match Write::begin(ctx, "registerUnidentifiedBody", idempotency_key).await?
        {
            Begun::Replay(id) => {
                return written::<unidentified_body::Entity, _>(ctx, id, UnidentifiedBody).await;
            }
            Begun::Fresh(write) => *write,
        };
        let row = unidentified_body::ActiveModel {
            station_id: Set(station.id),
            found_at: Set(input.found_at),
            place: Set(text(&input.place)),
            sex: Set(input.sex.into()),
            age_min: Set(input.age_min),
            age_max: Set(input.age_max),
            height_cm: Set(input.height_cm),
            marks: Set(text(&input.marks)),
            status: Set(BodyStatus::Unidentified),
            ..Default::default()
        }
        .insert(write.txn())
        .await?;
        write.audit(
            "UnidentifiedBody",
            &[row.id],
            "unidentified body registered",
        );
        write.commit(row.id).await?;
        written::<unidentified_body::Entity, _>(ctx, row.id, UnidentifiedBody).await
    }

    /// Records a living person found by the caller's station who cannot say where they
    /// belong (a lost child, an elderly person wandering).
    async fn register_found_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The person, as found.")] input: RegisterFoundPersonInput,
        #[graphql(desc = "A retry with the same key returns the first result.")]
        idempotency_key: Option<String>,
    ) -> ApiResult<FoundPerson> {
        let found = &input.found;
        found.validate(Utc::now())?;
        let station = own_station(ctx, &found.station_code).await?;
        let mut write = match Write::begin(ctx, "registerFoundPerson", idempotency_key).await? {
            Begun::Replay(id) => {
                return written::<found_person::Entity, _>(ctx, id, FoundPerson).await;
            }
            Begun::Fresh(write) => *write,
        };
        let row = found_person::ActiveModel {
            station_id: Set(station.id),
            found_at: Set(found.found_at),
            place: Set(text(&found.place)),
            sex: Set(found.sex.into()),
            age_min: Set(found.age_min),
            age_max: Set(found.age_max),
            height_cm: Set(found.height_cm),
            marks: Set(text(&found.marks)),
            name_given: Set(text(&input.name_given)),
            placed_with: Set(text(&input.placed_with)),
            status: Set(FoundStatus::InCare),
            ..Default::default()
        }
        .insert(write.txn())
        .await?;
        write.audit("FoundPerson", &[row.id], "found person registered");
        write.commit(row.id).await?;
        written::<found_person::Entity, _>(ctx, row.id, FoundPerson).await
    }
}
