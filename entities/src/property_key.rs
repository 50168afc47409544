//! How property identifiers are keyed for search: the derivation of
//! `property_item.registration_normalized`, shared by the seed and the mutations.

/// A vehicle registration normalised for search: uppercase letters and digits only, so
/// "MH 12 AB 1234", "mh12ab1234" and "MH-12-AB-1234" are one key.
pub fn registration(registration: &str) -> String {
    registration
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
            assert_eq!(super::registration(written), "MH12AB1234");
        }
    }
}
