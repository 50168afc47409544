//! Matching missing persons against unidentified dead bodies by physical description:
//! sex, age, height, identification marks, and when and where. The database narrows the
//! candidates (same sex or unknown, found after the person went missing, ages and heights
//! that overlap, by the `(sex, status)` indexes); each candidate is then scored here.

use async_graphql::{Context, ID, SimpleObject};
use chrono::Duration;
use entities::enums::{BodyStatus, MissingStatus, Sex as StoredSex};
use entities::{missing_person, name_key, unidentified_body};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{MissingPerson, UnidentifiedBody};
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

/// The bodies that may be the missing person `id`, best first.
pub(crate) async fn bodies_for(
    ctx: &Context<'_>,
    id: &ID,
    first: usize,
) -> ApiResult<Vec<DescriptionMatch>> {
    let rc = RequestContext::of(ctx);
    let row = ids::decode("MissingPerson", id)
        .map_err(|_| ApiError::invalid("id", "not the id of a missing person"))?;
    let Some(missing) = missing_person::Entity::find_by_id(row).one(&rc.db).await? else {
        return Ok(Vec::new());
    };
    let mut condition = Condition::all()
        .add(unidentified_body::Column::Status.eq(BodyStatus::Unidentified))
        .add(unidentified_body::Column::FoundAt.gte(missing.missing_since - Duration::days(1)));
    if missing.sex != StoredSex::Unknown {
        condition =
            condition.add(unidentified_body::Column::Sex.is_in([missing.sex, StoredSex::Unknown]));
    }
    if let Some(age) = missing.age_years {
        condition = condition
            .add(
                Condition::any()
                    .add(unidentified_body::Column::AgeMax.is_null())
                    .add(unidentified_body::Column::AgeMax.gte(age - AGE_SLACK)),
            )
            .add(
                Condition::any()
                    .add(unidentified_body::Column::AgeMin.is_null())
                    .add(unidentified_body::Column::AgeMin.lte(age + AGE_SLACK)),
            );
    }
    if let Some(height) = missing.height_cm {
        condition = condition.add(
            Condition::any()
                .add(unidentified_body::Column::HeightCm.is_null())
                .add(
                    unidentified_body::Column::HeightCm
                        .between(height - HEIGHT_SLACK, height + HEIGHT_SLACK),
                ),
        );
    }
    let bodies = unidentified_body::Entity::find()
        .filter(condition)
        .order_by_asc(unidentified_body::Column::FoundAt)
        .limit(CANDIDATES)
        .all(&rc.db)
        .await?;
    let pairs = bodies
        .into_iter()
        .map(|body| (missing.clone(), body))
        .collect();
    ranked(
        ctx,
        pairs,
        first,
        &format!("MATCH missingPerson={}", missing.id),
    )
    .await
}

/// The missing persons the body `id` may be, best first.
pub(crate) async fn missing_for(
    ctx: &Context<'_>,
    id: &ID,
    first: usize,
) -> ApiResult<Vec<DescriptionMatch>> {
    let rc = RequestContext::of(ctx);
    let row = ids::decode("UnidentifiedBody", id)
        .map_err(|_| ApiError::invalid("id", "not the id of an unidentified body"))?;
    let Some(body) = unidentified_body::Entity::find_by_id(row)
        .one(&rc.db)
        .await?
    else {
        return Ok(Vec::new());
    };
    let mut condition = Condition::all()
        .add(missing_person::Column::Status.eq(MissingStatus::Missing))
        .add(missing_person::Column::MissingSince.lte(body.found_at + Duration::days(1)));
    if body.sex != StoredSex::Unknown {
        condition =
            condition.add(missing_person::Column::Sex.is_in([body.sex, StoredSex::Unknown]));
    }
    if let Some(min) = body.age_min {
        condition = condition.add(
            Condition::any()
                .add(missing_person::Column::AgeYears.is_null())
                .add(missing_person::Column::AgeYears.gte(min - AGE_SLACK)),
        );
    }
    if let Some(max) = body.age_max {
        condition = condition.add(
            Condition::any()
                .add(missing_person::Column::AgeYears.is_null())
                .add(missing_person::Column::AgeYears.lte(max + AGE_SLACK)),
        );
    }
    if let Some(height) = body.height_cm {
        condition = condition.add(
            Condition::any()
                .add(missing_person::Column::HeightCm.is_null())
                .add(
                    missing_person::Column::HeightCm
                        .between(height - HEIGHT_SLACK, height + HEIGHT_SLACK),
                ),
        );
    }
    let missing = missing_person::Entity::find()
        .filter(condition)
        .order_by_desc(missing_person::Column::MissingSince)
        .limit(CANDIDATES)
        .all(&rc.db)
        .await?;
    let pairs = missing.into_iter().map(|m| (m, body.clone())).collect();
    ranked(
        ctx,
        pairs,
        first,
        &format!("MATCH unidentifiedBody={}", body.id),
    )
    .await
}

/// Scores `pairs`, keeps the best `first`, and audits the match request.
async fn ranked(
    ctx: &Context<'_>,
    pairs: Vec<(missing_person::Model, unidentified_body::Model)>,
    first: usize,
    criteria: &str,
) -> ApiResult<Vec<DescriptionMatch>> {
    // Stations' paths, for "same district": one batched load for every station involved.
    let stations = RequestContext::of(ctx)
        .loaders
        .load_many(
            pairs
                .iter()
                .flat_map(|(m, b)| [UnitById(m.station_id), UnitById(b.station_id)]),
        )
        .await?;
    let path = |station: i64| stations.get(&UnitById(station)).map(|u| u.path.as_str());
    let mut scored: Vec<(
        f64,
        Vec<String>,
        missing_person::Model,
        unidentified_body::Model,
    )> = pairs
        .into_iter()
        .map(|(m, b)| {
            let same_district = path(m.station_id)
                .zip(path(b.station_id))
                .is_some_and(|(a, b)| same_district(a, b));
            let (score, reasons) = agreement(&m, &b, same_district);
            (score, reasons, m, b)
        })
        .collect();
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(a.3.id.cmp(&b.3.id))
            .then(a.2.id.cmp(&b.2.id))
    });
    scored.truncate(first);
    let ids: Vec<i64> = scored
        .iter()
        .flat_map(|(_, _, m, b)| [m.id, b.id])
        .collect();
    audit::searched(ctx, "MissingPerson,UnidentifiedBody", criteria, &ids);
    Ok(scored
        .into_iter()
        .map(|(score, reasons, m, b)| DescriptionMatch {
            missing_person: MissingPerson(m),
            body: UnidentifiedBody(b),
            score,
            reasons,
        })
        .collect())
}

/// How well a missing person's description and a body's agree, and what agrees.
fn agreement(
    m: &missing_person::Model,
    b: &unidentified_body::Model,
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
    let shared = shared_marks(m.marks.as_deref(), b.marks.as_deref());
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
            &body(
                (30, 38),
                161,
                "tattoo (flower) on right wrist; mole on cheek",
                3,
            ),
            true,
        );
        let far = agreement(&m, &body((36, 45), 152, "burn scar on back", 200), false);
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
