//! What an age given as input may be: one rule for every input that carries one (a
//! search's age band, a missing person's age, a found person's estimated range).

use crate::error::{ApiError, ApiResult};

/// `BAD_USER_INPUT` on `field` unless `age` (if given) is between 0 and 130.
pub(crate) fn check_age(field: &str, age: Option<i32>) -> ApiResult<()> {
    if age.is_some_and(|a| !(0..=130).contains(&a)) {
        return Err(ApiError::invalid(field, "an age is between 0 and 130"));
    }
    Ok(())
}

/// Checks both ends of an age band given as `(field, age)` pairs, and that the lower is
/// not above the upper (refused on the lower's field, e.g. "ageFrom is above ageTo").
pub(crate) fn check_age_band(
    (low_field, low): (&str, Option<i32>),
    (high_field, high): (&str, Option<i32>),
) -> ApiResult<()> {
    check_age(low_field, low)?;
    check_age(high_field, high)?;
    if let (Some(low), Some(high)) = (low, high)
        && low > high
    {
        let name = |field: &str| field.rsplit('.').next().unwrap_or(field).to_owned();
        return Err(ApiError::invalid(
            low_field,
            format!("{} is above {}", name(low_field), name(high_field)),
        ));
    }
    Ok(())
}
