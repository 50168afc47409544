//! Matching missing persons against the registers of people found (unidentified dead
//! bodies, and living found persons) by physical description: sex, age, height,
//! identification marks, and when and where. The database narrows the candidates (same
//! sex or unknown, found after the person went missing, ages and heights that overlap, by
//! the `(sex, status)` indexes); each candidate is then scored here, the same way for
//! both registers.

use async_graphql::{Context, ID, SimpleObject};
use chrono::{DateTime, Duration, Utc};
use entities::enums::{BodyStatus, FoundStatus, MissingStatus, Sex as StoredSex};
use entities::{found_person, missing_person, name_key, unidentified_body};
use sea_orm::sea_query::SimpleExpr;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{FoundPerson, MissingPerson, UnidentifiedBody};
use crate::audit;
use crate::context::RequestContext;
use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::org::UnitById;
use crate::policy::same_district;

/// Candidates scored per request.
const CANDIDATES: u64 = 500;
/// Years an age estimate may be off.
const AGE_SLACK: i32 = 5;
/// Centimetres a height may be off.
const HEIGHT_SLACK: i32 = 10;

/// A missing person and an unidentified body whose descriptions agree.
#[derive(SimpleObject)]
pub struct DescriptionMatch {
    /// The missing person.
    pub missing_person: MissingPerson,
    /// The body.
    pub body: UnidentifiedBody,
    /// How well the descriptions agree, 0 to 1.
    pub score: f64,
    /// What agrees: "sex", "age 34 in 30–38", "height 168 ≈ 170 cm", "marks: mole, scar",
    /// "found 3 days after missing", "same district".
    pub reasons: Vec<String>,
}

/// A missing person and a found person whose descriptions agree.
#[derive(SimpleObject)]
pub struct FoundPersonMatch {
    /// The missing person.
    pub missing_person: MissingPerson,
    /// The found person.
    pub found_person: FoundPerson,
    /// How well the descriptions agree, 0 to 1.
    pub score: f64,
    /// What agrees, as for [`DescriptionMatch`].
    pub reasons: Vec<String>,
}

/// What a register of people found (bodies, living persons) describes of one of them.
struct Sighting<'a> {
    station_id: i64,
    found_at: DateTime<Utc>,
    sex: StoredSex,
    age_min: Option<i32>,
    age_max: Option<i32>,
    height_cm: Option<i32>,
    marks: Option<&'a str>,
}

impl<'a> From<&'a unidentified_body::Model> for Sighting<'a> {
    fn from(b: &'a unidentified_body::Model) -> Self {
        Sighting {
            station_id: b.station_id,
            found_at: b.found_at,
            sex: b.sex,
            age_min: b.age_min,
            age_max: b.age_max,
            height_cm: b.height_cm,
            marks: b.marks.as_deref(),
        }
    }
}

impl<'a> From<&'a found_person::Model> for Sighting<'a> {
    fn from(f: &'a found_person::Model) -> Self {
        Sighting {
            station_id: f.station_id,
            found_at: f.found_at,
            sex: f.sex,
            age_min: f.age_min,
            age_max: f.age_max,
            height_cm: f.height_cm,
            marks: f.marks.as_deref(),
        }
    }
}

/// The columns of a register of people found that candidates are narrowed by.
struct Found<C> {
    status: C,
    found_at: C,
    sex: C,
    age_min: C,
    age_max: C,
    height_cm: C,
}

const BODIES: Found<unidentified_body::Column> = Found {
    status: unidentified_body::Column::Status,
    found_at: unidentified_body::Column::FoundAt,
    sex: unidentified_body::Column::Sex,
    age_min: unidentified_body::Column::AgeMin,
    age_max: unidentified_body::Column::AgeMax,
    height_cm: unidentified_body::Column::HeightCm,
};

const FOUND_PERSONS: Found<found_person::Column> = Found {
    status: found_person::Column::Status,
    found_at: found_person::Column::FoundAt,
    sex: found_person::Column::Sex,
    age_min: found_person::Column::AgeMin,
    age_max: found_person::Column::AgeMax,
    height_cm: found_person::Column::HeightCm,
};

impl<C: ColumnTrait> Found<C> {
    /// Entries still open (`open`: the status of one not yet identified or restored)
    /// that may be `missing`: same sex or unknown, found after they went missing, ages
    /// and heights that overlap.
    fn may_be(
        &self,
        missing: &missing_person::Model,
        open: impl Into<sea_orm::Value>,
    ) -> Condition {
        let mut condition = Condition::all()
            .add(self.status.eq(open))
            .add(self.found_at.gte(missing.missing_since - Duration::days(1)));
        if missing.sex != StoredSex::Unknown {
            condition = condition.add(self.sex.is_in([missing.sex, StoredSex::Unknown]));
        }
        if let Some(age) = missing.age_years {
            condition = condition
                .add(or_unknown(self.age_max, self.age_max.gte(age - AGE_SLACK)))
                .add(or_unknown(self.age_min, self.age_min.lte(age + AGE_SLACK)));
        }
        if let Some(height) = missing.height_cm {
            condition = condition.add(or_unknown(
                self.height_cm,
                self.height_cm
                    .between(height - HEIGHT_SLACK, height + HEIGHT_SLACK),
            ));
        }
        condition
    }
}

/// `column` unknown, or `known`.
fn or_unknown(column: impl ColumnTrait, known: SimpleExpr) -> Condition {
    Condition::any().add(column.is_null()).add(known)
}

/// Missing persons still missing whom `found` may be.
fn missing_who_may_be(found: &Sighting<'_>) -> Condition {
    use missing_person::Column as M;
    let mut condition = Condition::all()
        .add(M::Status.eq(MissingStatus::Missing))
        .add(M::MissingSince.lte(found.found_at + Duration::days(1)));
    if found.sex != StoredSex::Unknown {
        condition = condition.add(M::Sex.is_in([found.sex, StoredSex::Unknown]));
    }
    if let Some(min) = found.age_min {
        condition = condition.add(or_unknown(M::AgeYears, M::AgeYears.gte(min - AGE_SLACK)));
    }
    if let Some(max) = found.age_max {
        condition = condition.add(or_unknown(M::AgeYears, M::AgeYears.lte(max + AGE_SLACK)));
    }
    if let Some(height) = found.height_cm {
        condition = condition.add(or_unknown(
            M::HeightCm,
            M::HeightCm.between(height - HEIGHT_SLACK, height + HEIGHT_SLACK),
        ));
    }
    condition
}

/// The missing person `id`, or `None`.
async fn missing_person(ctx: &Context<'_>, id: &ID) -> ApiResult<Option<missing_person::Model>> {
    let row = ids::decode("MissingPerson", id)
        .map_err(|_| ApiError::invalid("id", "not the id of a missing person"))?;
    Ok(missing_person::Entity::find_by_id(row)
        .one(&RequestContext::of(ctx).db)
        .await?)
}

/// The missing persons still missing whom `found` may be (at most [`CANDIDATES`]).
async fn missing_candidates(
    ctx: &Context<'_>,
    found: &Sighting<'_>,
) -> ApiResult<Vec<missing_person::Model>> {
    Ok(missing_person::Entity::find()
        .filter(missing_who_may_be(found))
        .order_by_desc(missing_person::Column::MissingSince)
        .limit(CANDIDATES)
        .all(&RequestContext::of(ctx).db)
        .await?)
}

/// The bodies that may be the missing person `id`, best first.
pub(crate) async fn bodies_for(
    ctx: &Context<'_>,
    id: &ID,
    first: usize,
) -> ApiResult<Vec<DescriptionMatch>> {
    let Some(missing) = missing_person(ctx, id).await? else {
        return Ok(Vec::new());
    };
    let bodies = unidentified_body::Entity::find()
        .filter(BODIES.may_be(&missing, BodyStatus::Unidentified))
        .order_by_asc(unidentified_body::Column::FoundAt)
        .limit(CANDIDATES)
        .all(&RequestContext::of(ctx).db)
        .await?;
    let criteria = format!("MATCH missingPerson={}", missing.id);
    let pairs = bodies.into_iter().map(|b| (missing.clone(), b)).collect();
    let scored = ranked(
        ctx,
        pairs,
        first,
        ("MissingPerson,UnidentifiedBody", &criteria),
    )
    .await?;
    Ok(scored.into_iter().map(DescriptionMatch::from).collect())
}

/// The found persons who may be the missing person `id`, best first.
pub(crate) async fn found_persons_for(
    ctx: &Context<'_>,
    id: &ID,
    first: usize,
) -> ApiResult<Vec<FoundPersonMatch>> {
    let Some(missing) = missing_person(ctx, id).await? else {
        return Ok(Vec::new());
    };
    let found = found_person::Entity::find()
        .filter(FOUND_PERSONS.may_be(&missing, FoundStatus::InCare))
        .order_by_asc(found_person::Column::FoundAt)
        .limit(CANDIDATES)
        .all(&RequestContext::of(ctx).db)
        .await?;
    let criteria = format!("MATCH missingPerson={} found", missing.id);
    let pairs = found.into_iter().map(|f| (missing.clone(), f)).collect();
    let scored = ranked(ctx, pairs, first, ("MissingPerson,FoundPerson", &criteria)).await?;
    Ok(scored.into_iter().map(FoundPersonMatch::from).collect())
}

/// The missing persons the body `id` may be, best first.
pub(crate) async fn missing_for(
    ctx: &Context<'_>,
    id: &ID,
    first: usize,
) -> ApiResult<Vec<DescriptionMatch>> {
    let row = ids::decode("UnidentifiedBody", id)
        .map_err(|_| ApiError::invalid("id", "not the id of an unidentified body"))?;
    let Some(body) = unidentified_body::Entity::find_by_id(row)
        .one(&RequestContext::of(ctx).db)
        .await?
    else {
        return Ok(Vec::new());
    };
    let missing = missing_candidates(ctx, &Sighting::from(&body)).await?;
    let criteria = format!("MATCH unidentifiedBody={}", body.id);
    let pairs = missing.into_iter().map(|m| (m, body.clone())).collect();
    let scored = ranked(
        ctx,
        pairs,
        first,
        ("MissingPerson,UnidentifiedBody", &criteria),
    )
    .await?;
    Ok(scored.into_iter().map(DescriptionMatch::from).collect())
}

/// The missing persons the found person `id` may be, best first.
pub(crate) async fn missing_for_found(
    ctx: &Context<'_>,
    id: &ID,
    first: usize,
) -> ApiResult<Vec<FoundPersonMatch>> {
    let row = ids::decode("FoundPerson", id)
        .map_err(|_| ApiError::invalid("id", "not the id of a found person"))?;
    let Some(found) = found_person::Entity::find_by_id(row)
        .one(&RequestContext::of(ctx).db)
        .await?
    else {
        return Ok(Vec::new());
    };
    let missing = missing_candidates(ctx, &Sighting::from(&found)).await?;
    let criteria = format!("MATCH foundPerson={}", found.id);
    let pairs = missing.into_iter().map(|m| (m, found.clone())).collect();
    let scored = ranked(ctx, pairs, first, ("MissingPerson,FoundPerson", &criteria)).await?;
    Ok(scored.into_iter().map(FoundPersonMatch::from).collect())
}

/// A missing person and an entry of a register of people found, scored.
struct Scored<T> {
    score: f64,
    reasons: Vec<String>,
    missing: missing_person::Model,
    found: T,
}

impl From<Scored<unidentified_body::Model>> for DescriptionMatch {
    fn from(s: Scored<unidentified_body::Model>) -> Self {
        DescriptionMatch {
            missing_person: MissingPerson(s.missing),
            body: UnidentifiedBody(s.found),
            score: s.score,
            reasons: s.reasons,
        }
    }
}

impl From<Scored<found_person::Model>> for FoundPersonMatch {
    fn from(s: Scored<found_person::Model>) -> Self {
        FoundPersonMatch {
            missing_person: MissingPerson(s.missing),
            found_person: FoundPerson(s.found),
            score: s.score,
            reasons: s.reasons,
        }
    }
}

/// Scores `pairs`, keeps the best `first`, and audits the match request (`register`:
/// the record types matched; `criteria`: what was asked).
async fn ranked<T>(
    ctx: &Context<'_>,
    pairs: Vec<(missing_person::Model, T)>,
    first: usize,
    (register, criteria): (&'static str, &str),
) -> ApiResult<Vec<Scored<T>>>
where
    for<'a> Sighting<'a>: From<&'a T>,
    T: HasId,
{
    // Stations' paths, for "same district": one batched load for every station involved.
    let stations = RequestContext::of(ctx)
        .loaders
        .load_many(pairs.iter().flat_map(|(m, f)| {
            [
                UnitById(m.station_id),
                UnitById(Sighting::from(f).station_id),
            ]
        }))
        .await?;
    let path = |station: i64| stations.get(&UnitById(station)).map(|u| u.path.as_str());
    let mut scored: Vec<Scored<T>> = pairs
        .into_iter()
        .map(|(missing, found)| {
            let sighting = Sighting::from(&found);
            let same_district = path(missing.station_id)
                .zip(path(sighting.station_id))
                .is_some_and(|(a, b)| same_district(a, b));
            let (score, reasons) = agreement(&missing, &sighting, same_district);
            Scored {
                score,
                reasons,
                missing,
                found,
            }
        })
        .collect();
    scored.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.found.id().cmp(&b.found.id()))
            .then(a.missing.id.cmp(&b.missing.id))
    });
    scored.truncate(first);
    let ids: Vec<i64> = scored
        .iter()
        .flat_map(|s| [s.missing.id, s.found.id()])
        .collect();
    audit::searched(ctx, register, criteria, &ids);
    Ok(scored)
}

/// A register entry's primary key.
trait HasId {
    fn id(&self) -> i64;
}

impl HasId for unidentified_body::Model {
    fn id(&self) -> i64 {
        self.id
    }
}

impl HasId for found_person::Model {
    fn id(&self) -> i64 {
        self.id
    }
}

/// How well a missing person's description and a found one's agree, and what agrees.
fn agreement(
    m: &missing_person::Model,
    b: &Sighting<'_>,
    same_district: bool,
) -> (f64, Vec<String>) {
    let mut score = 0.0;
    let mut reasons = Vec::new();
    if m.sex == b.sex && m.sex != StoredSex::Unknown {
        score += 0.15;
        reasons.push("sex".to_owned());
    }
    if let (Some(age), Some(min), Some(max)) = (m.age_years, b.age_min, b.age_max) {
        let off = if age < min {
            min - age
        } else {
            (age - max).max(0)
        };
        score += 0.2 * (1.0 - off as f64 / (AGE_SLACK + 1) as f64);
        reasons.push(format!("age {age} in {min}–{max}"));
    }
    if let (Some(a), Some(h)) = (m.height_cm, b.height_cm) {
        score += 0.2 * (1.0 - (a - h).abs() as f64 / (HEIGHT_SLACK + 1) as f64);
        reasons.push(format!("height {a} ≈ {h} cm"));
    }
    let shared = shared_marks(m.marks.as_deref(), b.marks);
    if !shared.is_empty() {
        score += 0.3 * (shared.len() as f64 / 3.0).min(1.0);
        reasons.push(format!("marks: {}", shared.join(", ")));
    }
    let days = (b.found_at - m.missing_since).num_days().max(0);
    score += 0.1 * (1.0 - days as f64 / 365.0).max(0.0);
    reasons.push(format!("found {days} days after missing"));
    if same_district {
        score += 0.05;
        reasons.push("same district".to_owned());
    }
    ((score * 1000.0).round() / 1000.0, reasons)
}

/// Words of four letters or more (or a close spelling of them) found in both descriptions
/// of identification marks: "tattoo", "mole", "scar", "forehead".
fn shared_marks(a: Option<&str>, b: Option<&str>) -> Vec<String> {
    let (Some(a), Some(b)) = (a, b) else {
        return Vec::new();
    };
    let b_words: Vec<String> = name_key::tokens(b)
        .into_iter()
        .filter(|w| w.len() >= 4)
        .collect();
    name_key::tokens(a)
        .into_iter()
        .filter(|w| w.len() >= 4)
        .filter(|w| {
            b_words
                .iter()
                .any(|v| v == w || name_key::trigram_similarity(v, w) >= 0.5)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn missing(age: i32, height: i32, marks: &str) -> missing_person::Model {
        missing_person::Model {
            id: 1,
            station_id: 1,
            person_id: None,
            name: "Sunita".into(),
            sex: StoredSex::Female,
            age_years: Some(age),
            height_cm: Some(height),
            marks: Some(marks.into()),
            missing_since: chrono::Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            last_seen_place: None,
            reported_at: chrono::Utc.with_ymd_and_hms(2026, 1, 2, 0, 0, 0).unwrap(),
            status: MissingStatus::Missing,
        }
    }

    fn body(
        age: (i32, i32),
        height: i32,
        marks: &str,
        days_later: i64,
    ) -> unidentified_body::Model {
        unidentified_body::Model {
            id: 2,
            station_id: 2,
            found_at: chrono::Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()
                + Duration::days(days_later),
            place: None,
            sex: StoredSex::Female,
            age_min: Some(age.0),
            age_max: Some(age.1),
            height_cm: Some(height),
            marks: Some(marks.into()),
            status: BodyStatus::Unidentified,
        }
    }

    #[test]
    fn closer_descriptions_score_higher() {
        let m = missing(
            34,
            160,
            "Mole on left cheek, tattoo of a flower on right wrist",
        );
        let close = agreement(
            &m,
            &Sighting::from(&body(
                (30, 38),
                161,
                "tattoo (flower) on right wrist; mole on cheek",
                3,
            )),
            true,
        );
        let far_body = body((36, 45), 152, "burn scar on back", 200);
        let far = agreement(&m, &Sighting::from(&far_body), false);
        assert!(close.0 > far.0 + 0.3, "{close:?} vs {far:?}");
        assert!(
            close
                .1
                .iter()
                .any(|r| r.starts_with("marks:") && r.contains("tattoo")),
            "{:?}",
            close.1
        );
        assert!(close.1.contains(&"same district".to_owned()));
        assert!(!far.1.iter().any(|r| r.starts_with("marks:")));
    }
}
