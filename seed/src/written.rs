//! Names as each state records them. Most FIRs are written in the state's language: about
//! half the persons of a state whose records are kept in its script are recorded in that
//! script (`रमेश पाटील` in Maharashtra, `ரமேஷ்` in Tamil Nadu, `غلام محمد` in Jammu and
//! Kashmir), some of them with the Latin spelling as an alias, as a second record of the
//! same person would give it. Names are generated in Latin ([`super::names`]) and written
//! word by word from the spellings in `seed/data/scripts/<script>.tsv`; a word the table
//! lacks is transliterated ([`indic::transliterate`]), and initials stay Latin, as
//! records often keep them (`R. முருகன்`).

use std::collections::HashMap;
use std::sync::LazyLock;

use indic::Script;

use super::data;
use super::names::Region;
use super::rng::Rng;

/// Share of a state's persons recorded in its script, where records are kept in it.
const LOCAL_SCRIPT_SHARE: f64 = 0.5;
/// Share of those with their Latin spelling recorded as an alias.
const LATIN_ALIAS_SHARE: f64 = 0.3;

/// Latin words of names and their spelling in one script.
type Spellings = HashMap<&'static str, &'static str>;

fn spellings(text: &'static str) -> Spellings {
    data::lines(text)
        .filter_map(|line| line.split_once('\t'))
        .collect()
}

macro_rules! table {
    ($name:ident, $file:literal) => {
        static $name: LazyLock<Spellings> =
            LazyLock::new(|| spellings(include_str!(concat!("../data/scripts/", $file))));
    };
}

table!(DEVANAGARI, "devanagari.tsv");
table!(BENGALI, "bengali.tsv");
table!(ASSAMESE, "assamese.tsv");
table!(GURMUKHI, "gurmukhi.tsv");
table!(GUJARATI, "gujarati.tsv");
table!(ODIA, "odia.tsv");
table!(TAMIL, "tamil.tsv");
table!(TELUGU, "telugu.tsv");
table!(KANNADA, "kannada.tsv");
table!(MALAYALAM, "malayalam.tsv");
table!(URDU, "urdu.tsv");

/// The script a region's records are kept in, with its spellings; `None` where records
/// are kept in English (Goa).
fn local_script(region: Region) -> Option<(Script, &'static Spellings)> {
    Some(match region {
        Region::Hindi | Region::Marathi => (Script::Devanagari, &DEVANAGARI),
        Region::Bengali => (Script::Bengali, &BENGALI),
        Region::Assamese => (Script::Bengali, &ASSAMESE),
        Region::Gujarati => (Script::Gujarati, &GUJARATI),
        Region::Punjabi => (Script::Gurmukhi, &GURMUKHI),
        Region::Odia => (Script::Odia, &ODIA),
        Region::Tamil => (Script::Tamil, &TAMIL),
        Region::Telugu => (Script::Telugu, &TELUGU),
        Region::Kannada => (Script::Kannada, &KANNADA),
        Region::Malayalam => (Script::Malayalam, &MALAYALAM),
        Region::Kashmiri => (Script::Urdu, &URDU),
        Region::Konkani => return None,
    })
}

/// A person's names as recorded.
pub(crate) struct Recorded {
    /// The name.
    pub(crate) full: String,
    /// The relative's name.
    pub(crate) relative: String,
    /// The Latin spelling, when it is to be recorded as an alias too.
    pub(crate) latin_alias: Option<String>,
}

/// The stream of the draws below: one per person, apart from the data set's main streams,
/// so that recording names in a script changes nothing else in the data.
const STREAM: u64 = 0x5C21_9715;

/// `full` and `relative` (Latin), the names of person `id` of the data set keyed `key`,
/// as a station of `region` records them.
pub(crate) fn recorded(key: u64, id: i64, region: Region, full: &str, relative: &str) -> Recorded {
    let rng = &mut Rng::new(key ^ STREAM, id as u64);
    let latin = || Recorded {
        full: full.to_owned(),
        relative: relative.to_owned(),
        latin_alias: None,
    };
    let Some((script, spellings)) = local_script(region) else {
        return latin();
    };
    if !rng.chance(LOCAL_SCRIPT_SHARE) {
        return latin();
    }
    Recorded {
        full: in_script(script, spellings, full),
        relative: in_script(script, spellings, relative),
        latin_alias: rng.chance(LATIN_ALIAS_SHARE).then(|| full.to_owned()),
    }
}

/// A Latin name written in `script`, word by word.
fn in_script(script: Script, spellings: &Spellings, latin: &str) -> String {
    let words: Vec<String> = latin
        .split(' ')
        .map(|word| word_in_script(script, spellings, word))
        .collect();
    words.join(" ")
}

fn word_in_script(script: Script, spellings: &Spellings, word: &str) -> String {
    if word.ends_with('.') {
        return word.to_owned();
    }
    if let Some(native) = spellings.get(word) {
        return (*native).to_owned();
    }
    // Gujarati joins the honorific to the name: Rameshbhai, Hetalben.
    for suffix in ["bhai", "ben"] {
        if let Some(name) = word.strip_suffix(suffix)
            && let (Some(name), Some(suffix)) = (spellings.get(name), spellings.get(suffix))
        {
            return format!("{name}{suffix}");
        }
    }
    indic::transliterate(word, script)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_spells_its_pools_in_its_script() {
        for region in [
            Region::Hindi,
            Region::Bengali,
            Region::Assamese,
            Region::Gujarati,
            Region::Punjabi,
            Region::Odia,
            Region::Tamil,
            Region::Telugu,
            Region::Kannada,
            Region::Malayalam,
            Region::Kashmiri,
        ] {
            let (script, spellings) = local_script(region).unwrap();
            assert!(spellings.len() > 100, "{region:?}: {}", spellings.len());
            for (latin, native) in spellings.iter() {
                assert_eq!(indic::text::check(native), Ok(()), "{latin}");
                assert!(
                    native
                        .chars()
                        .filter(|c| c.is_alphabetic())
                        .all(|c| indic::Script::of(c) == Some(script)),
                    "{region:?}: {latin} is written {native}"
                );
            }
        }
    }

    /// How many of a table's words a Latin query finds through the name key: the same
    /// key, the same sounds or a close spelling (as `searchPersons` matches words).
    fn found_share(spellings: &Spellings) -> (f64, Vec<String>) {
        use entities::name_key::{normalize, phonetic, trigram_similarity};
        let mut missed = Vec::new();
        let words: Vec<_> = spellings
            .iter()
            .filter(|(l, _)| !matches!(**l, "bhai" | "ben"))
            .collect();
        for (latin, native) in &words {
            let (l, n) = (normalize(latin), normalize(native));
            if l != n && phonetic(&l) != phonetic(&n) && trigram_similarity(&l, &n) < 0.3 {
                missed.push(format!("{latin} → {n}"));
            }
        }
        missed.sort();
        (1.0 - missed.len() as f64 / words.len() as f64, missed)
    }

    /// Names recorded in a script are found by their Latin spelling. What is missed is what
    /// a script does not write: Tamil's one letter for k, g and h, or t and d (`அகமது`
    /// for Ahmed, `தேவி` for Devi), Urdu's unwritten short vowels, Bengali's formal
    /// surnames (`বন্দ্যোপাধ্যায়` for Banerjee).
    #[test]
    fn a_latin_query_finds_most_names_recorded_in_each_script() {
        for (table, spellings, least) in [
            ("devanagari", &*DEVANAGARI, 0.98),
            ("bengali", &BENGALI, 0.9),
            ("assamese", &ASSAMESE, 0.75),
            ("gurmukhi", &GURMUKHI, 0.98),
            ("gujarati", &GUJARATI, 0.98),
            ("odia", &ODIA, 0.98),
            ("tamil", &TAMIL, 0.75),
            ("telugu", &TELUGU, 0.98),
            ("kannada", &KANNADA, 0.98),
            ("malayalam", &MALAYALAM, 0.9),
            ("urdu", &URDU, 0.98),
        ] {
            let (share, missed) = found_share(spellings);
            assert!(share >= least, "{table}: {share:.2}, missed {missed:?}");
        }
    }

    #[test]
    fn names_are_written_word_by_word() {
        assert_eq!(
            in_script(Script::Gujarati, &GUJARATI, "Rameshbhai"),
            format!("{}{}", GUJARATI["Ramesh"], GUJARATI["bhai"])
        );
        assert_eq!(
            in_script(Script::Tamil, &TAMIL, "R. Murugan"),
            format!("R. {}", TAMIL["Murugan"])
        );
        // Recorded in the script or in Latin, the name has one key.
        let written = in_script(Script::Devanagari, &DEVANAGARI, "Ramesh Sharma");
        assert_eq!(entities::name_key::normalize(&written), "ramesh sharma");
    }
}
