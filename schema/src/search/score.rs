//! Scoring a person against a name search: how well each word of the query matches a word
//! of the person's name, an alias or the relative's name, and why. Pure functions; the
//! database only supplies the candidates and the vocabulary's variants.

use std::collections::HashMap;

use entities::name_key;

/// Why a query word matched a word of a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Why {
    /// The same word.
    Exact,
    /// An abbreviation of it, or it of an abbreviation ("Mohd" for "Mohammad").
    Abbreviation,
    /// Another spelling of the same sounds ("Sarma" for "Sharma").
    Phonetic,
    /// A close spelling (shared trigrams: "Sreenivasan" for "Srinivasan").
    Spelling,
    /// An initial of the word ("R." for "Ravi"), either way round.
    Initial,
}

impl Why {
    fn describe(self, query: &str, found: &str) -> String {
        match self {
            Why::Exact => found.to_owned(),
            Why::Abbreviation => format!("{found} (abbreviation of {query})"),
            Why::Phonetic => format!("{found} (sounds like {query})"),
            Why::Spelling => format!("{found} (spelt like {query})"),
            Why::Initial => format!("{found} (initial {query})"),
        }
    }
}

/// Words of the vocabulary that may stand for a query word, with how well.
pub(crate) type Variants = HashMap<String, (f64, Why)>;

/// How well `word` (from the vocabulary) stands for the query word `query`; `None` below
/// the threshold of a useful match.
pub(crate) fn variant_score(query: &str, word: &str) -> Option<(f64, Why)> {
    if query == word {
        return Some((1.0, Why::Exact));
    }
    if name_key::expand(query) == name_key::expand(word) {
        return Some((0.95, Why::Abbreviation));
    }
    let similarity = name_key::trigram_similarity(query, word);
    if name_key::phonetic(query) == name_key::phonetic(word) {
        return Some((0.8 + 0.15 * similarity, Why::Phonetic));
    }
    (similarity >= SIMILARITY_THRESHOLD).then_some((0.75 * similarity, Why::Spelling))
}

/// The least trigram similarity that counts as a spelling of a word (`pg_trgm`'s default).
pub(crate) const SIMILARITY_THRESHOLD: f64 = 0.3;

/// One word of the query.
#[derive(Debug)]
pub(crate) struct QueryWord {
    /// Normalised text.
    pub text: String,
    /// Vocabulary words that stand for it (empty for initials).
    pub variants: Variants,
}

impl QueryWord {
    /// The query word `text` (normalised), standing for `variants`.
    pub(crate) fn new(text: String, variants: Variants) -> Self {
        Self { text, variants }
    }

    /// Whether it is a one-letter initial ("R" of "R. Kumar").
    pub(crate) fn is_initial(&self) -> bool {
        self.text.len() == 1
    }

    /// How well this query word matches `token`, a word of a name.
    fn matches(&self, token: &str) -> Option<(f64, Why)> {
        if self.is_initial() {
            return token
                .starts_with(&self.text)
                .then_some((if token.len() == 1 { 1.0 } else { 0.9 }, Why::Initial));
        }
        if token.len() == 1 {
            return self.text.starts_with(token).then_some((0.7, Why::Initial));
        }
        self.variants
            .get(token)
            .copied()
            .or_else(|| variant_score(&self.text, token))
    }
}

/// How well a name matches the query, and the matches as text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NameMatch {
    /// 0 to 1.
    pub score: f64,
    /// One entry per matched query word: "kumar", "sarma (sounds like sharma)".
    pub words: Vec<String>,
}

/// Scores `name` against `query`: each query word takes its best match among the name's
/// words (each name word used once), in any order; unmatched query words count zero, and
/// name words no query word matched lower the score a little ("Ravi Kumar" ranks "Ravi
/// Kumar" above "Ravi Kumar Sharma").
pub(crate) fn score_name(query: &[QueryWord], name: &str) -> NameMatch {
    let tokens = name_key::tokens(name);
    let mut used = vec![false; tokens.len()];
    let mut total = 0.0;
    let mut words = Vec::new();
    // Whole words first: an initial must not take the word another query word spells
    // ("S. Sagar" on "Sandeep Sagar": "sagar" takes "sagar", the "S." then "sandeep").
    let in_order = query
        .iter()
        .filter(|w| !w.is_initial())
        .chain(query.iter().filter(|w| w.is_initial()));
    for word in in_order {
        let best = tokens
            .iter()
            .enumerate()
            .filter(|(i, _)| !used[*i])
            .filter_map(|(i, token)| word.matches(token).map(|m| (i, m)))
            .max_by(|a, b| a.1.0.total_cmp(&b.1.0));
        if let Some((i, (score, why))) = best {
            used[i] = true;
            total += score;
            words.push(why.describe(&word.text, &tokens[i]));
        }
    }
    if query.is_empty() || tokens.is_empty() {
        return NameMatch { score: 0.0, words };
    }
    let matched = used.iter().filter(|u| **u).count() as f64;
    let coverage = 0.85 + 0.15 * matched / tokens.len() as f64;
    NameMatch {
        score: total / query.len() as f64 * coverage,
        words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(text: &str, vocabulary: &[&str]) -> Vec<QueryWord> {
        name_key::tokens(text)
            .into_iter()
            .map(|word| {
                let variants = vocabulary
                    .iter()
                    .filter_map(|v| variant_score(&word, v).map(|s| ((*v).to_owned(), s)))
                    .collect();
                QueryWord::new(word, variants)
            })
            .collect()
    }

    #[test]
    fn word_order_initials_and_spellings_all_match() {
        let vocabulary = ["ravi", "kumar", "mohammad", "salim", "sharma"];
        let exact = score_name(&query("Ravi Kumar", &vocabulary), "Ravi Kumar");
        assert!((exact.score - 1.0).abs() < 1e-9, "{exact:?}");
        let reversed = score_name(&query("Kumar Ravi", &vocabulary), "Ravi Kumar");
        assert_eq!(reversed.score, exact.score);
        let initial = score_name(&query("R. Kumar", &vocabulary), "Ravi Kumar");
        assert!(initial.score > 0.9, "{initial:?}");
        let spelt_and_initial = score_name(&query("S. Sagar", &["sagar"]), "Sandeep Sagar");
        assert!(spelt_and_initial.score > 0.9, "{spelt_and_initial:?}");
        assert!(initial.words.contains(&"ravi (initial r)".to_owned()));
        let abbreviated = score_name(&query("Mohd Salim", &vocabulary), "Mohammad Salim");
        assert!(abbreviated.score > 0.9, "{abbreviated:?}");
        let sounds = score_name(&query("Sarma", &vocabulary), "Sharma");
        assert!(sounds.score > 0.8, "{sounds:?}");
        assert_eq!(sounds.words, ["sharma (sounds like sarma)"]);
    }

    #[test]
    fn extra_words_rank_lower_and_unrelated_names_score_nothing() {
        let q = query("Ravi Kumar", &["ravi", "kumar"]);
        let longer = score_name(&q, "Ravi Kumar Sharma");
        assert!(longer.score < score_name(&q, "Ravi Kumar").score);
        assert_eq!(score_name(&q, "Anjali Deshpande").score, 0.0);
    }
}
