//! How property identifiers are keyed for search: the derivation of
//! `property_item.registration_normalized` and of the stored chassis, engine, IMEI and
//! arm serial numbers, shared by the seed, the mutations and the searches.

/// An identifier (vehicle registration, chassis or engine number, IMEI, arm serial)
/// normalised for search: uppercase letters and digits only, so "MH 12 AB 1234",
/// "mh12ab1234" and "MH-12-AB-1234" are one key.
pub fn identifier(written: &str) -> String {
    written
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn registrations_normalise_to_one_key() {
        for written in ["MH 12 AB 1234", "mh12ab1234", "MH-12-AB-1234"] {
            assert_eq!(super::identifier(written), "MH12AB1234");
        }
    }
}
