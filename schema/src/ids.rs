//! Relay global ids: opaque, typed identifiers for every record (`node(id)`).
//!
//! A global id is base64 of `Kind:rowid`; clients treat it as opaque. Decoding checks the
//! kind, so an FIR id is never accepted where a person id is expected.

use async_graphql::ID;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::error::{ApiError, ApiResult};

/// Encodes the global id of row `id` of the given GraphQL type.
pub fn encode(kind: &str, id: i64) -> ID {
    ID(URL_SAFE_NO_PAD.encode(format!("{kind}:{id}")))
}

/// Splits a global id into its type name and row id.
pub fn decode_any(id: &ID) -> ApiResult<(String, i64)> {
    URL_SAFE_NO_PAD
        .decode(id.as_str())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| {
            let (kind, row) = text.split_once(':')?;
            Some((kind.to_owned(), row.parse().ok()?))
        })
        .ok_or_else(|| ApiError::bad_input("malformed id"))
}

/// Decodes a global id that must name a record of type `kind`.
pub fn decode(kind: &str, id: &ID) -> ApiResult<i64> {
    match decode_any(id)? {
        (found, row) if found == kind => Ok(row),
        _ => Err(ApiError::bad_input(format!("id does not name a {kind}"))),
    }
}

/// [`decode`] for a mutation's input: a malformed id is `BAD_USER_INPUT` naming `field`.
pub fn decode_input(kind: &str, id: &ID, field: &str) -> ApiResult<i64> {
    decode(kind, id).map_err(|e| ApiError {
        field: Some(field.to_owned()),
        ..e
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_typed() {
        let id = encode("Fir", 77);
        assert_eq!(decode("Fir", &id).unwrap(), 77);
        assert!(decode("Person", &id).is_err());
        assert!(decode("Fir", &ID("%%%".into())).is_err());
    }
}
