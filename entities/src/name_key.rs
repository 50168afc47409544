//! How names are keyed for search: the derivation of `person.name_normalized`,
//! `person_alias.alias_normalized` and the `person_name_token` rows. Every writer (the
//! seed, the migrations' backfill, the mutations) derives them here, so a query's key
//! always matches the stored one.
//!
//! A name in any of India's scripts is keyed by its practical Latin spelling
//! ([`indic::romanize`]: `रमेश कुमार`, `ரமேஷ் குமார்` and `Ramesh Kumar` are all `ramesh
//! kumar`), so one index, one phonetic key and one ranking serve every script.

/// Lowercase ASCII with single spaces, from the practical Latin spelling of a name in any
/// script: apostrophes and dots dropped, other punctuation a space.
pub fn normalize(name: &str) -> String {
    let latin = indic::romanize(name);
    let mut out = String::with_capacity(latin.len());
    let mut pending_space = false;
    for c in latin.chars() {
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

/// Abbreviations written for whole words of Indian names, and the word they stand for.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("md", "mohammad"),
    ("mohd", "mohammad"),
    ("mohmd", "mohammad"),
    ("muhd", "mohammad"),
    ("mhd", "mohammad"),
    // मो., মোঃ: the abbreviation as Devanagari and Bengali records write it.
    ("mo", "mohammad"),
    ("moh", "mohammad"),
    ("kr", "kumar"),
    ("pd", "prasad"),
    ("prd", "prasad"),
];

/// The word a normalised abbreviation stands for ("mohd" → "mohammad"), or the word itself.
pub fn expand(word: &str) -> &str {
    ABBREVIATIONS
        .iter()
        .find(|(short, _)| *short == word)
        .map_or(word, |(_, long)| long)
}

/// A phonetic key for one normalised word of an Indian name, stored beside every word
/// of the search vocabulary (`name_word.phonetic`) and compared by equality.
///
/// Spellings of one name transliterated differently share a key: Mohammed, Mohammad,
/// Muhammad and Mohd; Sharma and Sarma; Laxmi and Lakshmi; Chaudhary, Choudhury and
/// Chowdhury; Srinivasan and Shreenivasan; Vinod and Binod. The rules: abbreviations
/// are expanded; x is ks, q is k, z is j, ph is f, w and v are b; the aspirate h after
/// a consonant is dropped (bh, dh, kh, sh, th, …), ch stays distinct from k; vowels
/// (and y or w after a vowel) are dropped after the first letter, an initial vowel is
/// `a`; doubled consonants and a final h are dropped.
pub fn phonetic(word: &str) -> String {
    let word = expand(word);
    // Rewrite to one byte per sound first; 'C' stands for "ch".
    let bytes = word.as_bytes();
    let mut sounds: Vec<u8> = Vec::with_capacity(bytes.len() + 2);
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let next = bytes.get(i + 1).copied();
        match (c, next) {
            (b'c', Some(b'h')) => {
                sounds.push(b'C');
                i += 2;
                continue;
            }
            (b'p', Some(b'h')) => {
                sounds.push(b'f');
                i += 2;
                continue;
            }
            (b'x', _) => sounds.extend_from_slice(b"ks"),
            (b'q' | b'c', _) => sounds.push(b'k'),
            (b'z', _) => sounds.push(b'j'),
            (b'v', _) => sounds.push(b'b'),
            (b'w', _) if sounds.last().is_some_and(|p| is_vowel(*p)) => sounds.push(b'a'),
            (b'w', _) => sounds.push(b'b'),
            (b'h', _) if sounds.last().is_some_and(|p| !is_vowel(*p)) => {}
            (b'y', _) if !sounds.is_empty() => sounds.push(b'a'),
            _ => sounds.push(c),
        }
        i += 1;
    }
    while sounds.len() > 1 && sounds.last() == Some(&b'h') {
        sounds.pop();
    }
    let mut key = String::with_capacity(sounds.len());
    for (n, &sound) in sounds.iter().enumerate() {
        if n == 0 {
            key.push(if is_vowel(sound) { 'a' } else { sound as char });
            continue;
        }
        if is_vowel(sound) || key.as_bytes().last() == Some(&sound) && !is_vowel(sounds[n - 1]) {
            continue;
        }
        key.push(sound as char);
    }
    key.to_ascii_lowercase()
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Trigram similarity of two normalised words, as PostgreSQL's `pg_trgm` computes it:
/// each word padded with two spaces in front and one behind, cut into three-letter
/// pieces, and the shared pieces counted against all distinct pieces (0 to 1).
pub fn trigram_similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (trigrams(a), trigrams(b));
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|t| b.contains(t)).count();
    shared as f64 / (a.len() + b.len() - shared) as f64
}

/// The distinct trigrams of a word, padded as `pg_trgm` pads it.
pub fn trigrams(word: &str) -> Vec<[u8; 3]> {
    let padded: Vec<u8> = [b' ', b' ']
        .into_iter()
        .chain(word.bytes())
        .chain([b' '])
        .collect();
    let mut out: Vec<[u8; 3]> = Vec::new();
    for window in padded.windows(3) {
        let trigram = [window[0], window[1], window[2]];
        if !out.contains(&trigram) {
            out.push(trigram);
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
    fn names_in_every_script_share_the_latin_key() {
        for written in [
            "रमेश कुमार",
            "ரமேஷ் குமார்",
            "রমেশ কুমার",
            "ਰਮੇਸ਼ ਕੁਮਾਰ",
            "ರಮೇಶ್ ಕುಮಾರ್",
            "Ramesh  KUMAR",
        ] {
            assert_eq!(normalize(written), "ramesh kumar", "{written}");
        }
        assert_eq!(normalize("R. कुमार"), "r kumar");
        let urdu = tokens("رمیش کمار");
        let latin = tokens("Ramesh Kumar");
        for (u, l) in urdu.iter().zip(&latin) {
            assert_eq!(phonetic(u), phonetic(l), "{u} sounds like {l}");
        }
    }

    #[test]
    fn tokens_are_distinct_words_in_order() {
        assert_eq!(tokens("Ravi Kumar RAVI"), ["ravi", "kumar"]);
        assert_eq!(tokens("R. K. Sharma"), ["r", "k", "sharma"]);
        assert!(tokens(" .- ").is_empty());
    }

    #[test]
    fn transliterations_of_one_name_share_a_phonetic_key() {
        let groups: &[&[&str]] = &[
            &["mohammed", "mohammad", "muhammad", "mohamed", "mohd", "md"],
            &["sharma", "sarma", "shrama"],
            &["laxmi", "lakshmi", "luxmi"],
            &[
                "chaudhary",
                "choudhury",
                "chowdhury",
                "chaudhari",
                "choudhary",
            ],
            &["srinivasan", "sreenivasan", "shrinivasan"],
            &["vinod", "binod"],
            &["kumar", "kumaar", "kr"],
            &["iyer", "aiyar"],
            &["rehman", "rahman"],
            &["singh", "sing"],
        ];
        for group in groups {
            let key = phonetic(group[0]);
            for word in *group {
                assert_eq!(phonetic(word), key, "{word} and {}", group[0]);
            }
        }
        for (a, b) in [
            ("sharma", "verma"),
            ("kumar", "kapoor"),
            ("ravi", "rekha"),
            ("khan", "kaur"),
        ] {
            assert_ne!(phonetic(a), phonetic(b), "{a} and {b}");
        }
    }

    #[test]
    fn trigram_similarity_counts_shared_padded_trigrams() {
        assert_eq!(trigram_similarity("kumar", "kumar"), 1.0);
        assert_eq!(trigram_similarity("abc", "xyz"), 0.0);
        // "  a", " ab", "ab " against "  a", " ac", "ac ": one shared of five.
        assert!((trigram_similarity("ab", "ac") - 0.2).abs() < 1e-9);
        assert!(trigram_similarity("srinivasan", "sreenivasan") > 0.5);
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
