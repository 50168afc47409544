//! How names are keyed for search: the derivation of `person.name_normalized`,
//! `person_alias.alias_normalized` and the `person_name_token` rows. Every writer (the
//! seed, the migrations' backfill, the mutations) derives them here, so a query's key
//! always matches the stored one.

/// Lowercase ASCII with single spaces: apostrophes and dots dropped, other punctuation a space.
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.chars() {
        if c == '\'' || c == '.' || c == '\u{2019}' {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// The distinct words of a name, normalised, in order of first appearance: the
/// `person_name_token` rows of a person are the tokens of their name and aliases.
pub fn tokens(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in normalize(name).split(' ').filter(|w| !w.is_empty()) {
        if !out.iter().any(|t| t == word) {
            out.push(word.to_owned());
        }
    }
    out
}

/// The half-open range `[token, upper)` of stored tokens that start with `token` (a
/// normalised word: lowercase ASCII letters and digits). Both bounds compare with plain
/// B-tree order, so a prefix lookup is an index range scan on SQLite and PostgreSQL alike.
pub fn prefix_range(token: &str) -> (String, String) {
    let mut upper = token.as_bytes().to_vec();
    if let Some(last) = upper.last_mut() {
        *last += 1;
    }
    (
        token.to_owned(),
        String::from_utf8(upper).unwrap_or_else(|_| format!("{token}\u{7f}")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_to_lowercase_ascii_single_spaces() {
        assert_eq!(normalize("  Mohd.  Salim   D'Souza "), "mohd salim dsouza");
        assert_eq!(normalize("R. Murugan"), "r murugan");
        assert_eq!(
            normalize("Hetalben Jigneshbhai-Patel"),
            "hetalben jigneshbhai patel"
        );
    }

    #[test]
    fn tokens_are_distinct_words_in_order() {
        assert_eq!(tokens("Ravi Kumar RAVI"), ["ravi", "kumar"]);
        assert_eq!(tokens("R. K. Sharma"), ["r", "k", "sharma"]);
        assert!(tokens(" .- ").is_empty());
    }

    #[test]
    fn prefix_range_covers_exactly_the_words_with_that_prefix() {
        let (low, high) = prefix_range("ravi");
        assert_eq!((low.as_str(), high.as_str()), ("ravi", "ravj"));
        for inside in ["ravi", "ravikumar", "ravi9"] {
            assert!(low.as_str() <= inside && inside < high.as_str(), "{inside}");
        }
        for outside in ["rav", "ravj", "rava", "rbvi"] {
            assert!(
                !(low.as_str() <= outside && outside < high.as_str()),
                "{outside}"
            );
        }
        assert_eq!(prefix_range("az9").1, "az:");
    }
}
