//! Typed column values (a NULL keeps its SQL type, which PostgreSQL needs for parameters).

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ActiveEnum;
use sea_orm::sea_query::Value;

pub(crate) fn big(x: i64) -> Value {
    Value::BigInt(Some(x))
}

pub(crate) fn opt_big(x: Option<i64>) -> Value {
    Value::BigInt(x)
}

pub(crate) fn int(x: i32) -> Value {
    Value::Int(Some(x))
}

pub(crate) fn opt_int(x: Option<i32>) -> Value {
    Value::Int(x)
}

pub(crate) fn text(x: &str) -> Value {
    Value::String(Some(x.to_owned()))
}

pub(crate) fn string(x: String) -> Value {
    Value::String(Some(x))
}

pub(crate) fn opt_text(x: Option<String>) -> Value {
    Value::String(x)
}

/// The stored value of an enumeration of the `entities` crate (its `string_value`).
pub(crate) fn enumeration<E: ActiveEnum<Value = String>>(e: E) -> Value {
    Value::String(Some(e.to_value()))
}

/// The stored value of an optional enumeration of the `entities` crate, or a text NULL.
pub(crate) fn opt_enumeration<E: ActiveEnum<Value = String>>(e: Option<E>) -> Value {
    Value::String(e.map(|e| e.to_value()))
}

pub(crate) fn boolean(x: bool) -> Value {
    Value::Bool(Some(x))
}

pub(crate) fn ts(x: DateTime<Utc>) -> Value {
    Value::ChronoDateTimeUtc(Some(x))
}

pub(crate) fn opt_ts(x: Option<DateTime<Utc>>) -> Value {
    Value::ChronoDateTimeUtc(x)
}

pub(crate) fn date(x: NaiveDate) -> Value {
    Value::ChronoDate(Some(x))
}

pub(crate) fn opt_date(x: Option<NaiveDate>) -> Value {
    Value::ChronoDate(x)
}

pub(crate) fn opt_double(x: Option<f64>) -> Value {
    Value::Double(x)
}
