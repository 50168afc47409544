//! India's scripts. Records are written in the state's script (Devanagari, Bengali,
//! Gurmukhi, Gujarati, Odia, Tamil, Telugu, Kannada, Malayalam, Urdu) or in Latin; this
//! crate lets the graph accept, find and show them in any of those:
//!
//! - [`text`]: which text is admitted (NFC; no control characters, bidirectional
//!   overrides or unassigned code points);
//! - [`romanize`]: the practical Latin spelling (`रमेश कुमार` → `ramesh kumar`) that the
//!   name index keys every name by, so one search finds a name in every script;
//! - [`transliterate`]: a name shown in another script, for an officer who cannot read
//!   the original.
//!
//! Every conversion goes through one hub, an ISO 15919 spelling of what is pronounced
//! ([`hub`]): the Brahmic scripts through `vidyut-lipi` ([`brahmic`]), Latin and Urdu
//! through this crate's own readers and writers ([`latin`], [`perso_arabic`]).

mod brahmic;
mod hub;
mod latin;
mod perso_arabic;
mod runs;
pub mod text;

use std::borrow::Cow;

/// A script names are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    /// Latin (English records; also ISO 15919 with diacritics).
    Latin,
    /// Devanagari: Hindi, Marathi, Nepali, Konkani, Maithili, Dogri.
    Devanagari,
    /// Bengali–Assamese.
    Bengali,
    /// Gurmukhi: Punjabi.
    Gurmukhi,
    /// Gujarati.
    Gujarati,
    /// Odia.
    Odia,
    /// Tamil.
    Tamil,
    /// Telugu.
    Telugu,
    /// Kannada.
    Kannada,
    /// Malayalam.
    Malayalam,
    /// Perso-Arabic (Nastaliq): Urdu, Kashmiri.
    Urdu,
}

impl Script {
    /// The script `c` belongs to; `None` for characters of no script (spaces,
    /// punctuation, digits, joiners), which belong to the text around them.
    pub fn of(c: char) -> Option<Script> {
        Some(match c {
            'A'..='Z' | 'a'..='z' => Script::Latin,
            '\u{0900}'..='\u{0963}' | '\u{0966}'..='\u{097F}' | '\u{A8E0}'..='\u{A8FF}' => {
                Script::Devanagari
            }
            '\u{0980}'..='\u{09FF}' => Script::Bengali,
            '\u{0A00}'..='\u{0A7F}' => Script::Gurmukhi,
            '\u{0A80}'..='\u{0AFF}' => Script::Gujarati,
            '\u{0B00}'..='\u{0B7F}' => Script::Odia,
            '\u{0B80}'..='\u{0BFF}' => Script::Tamil,
            '\u{0C00}'..='\u{0C7F}' => Script::Telugu,
            '\u{0C80}'..='\u{0CFF}' => Script::Kannada,
            '\u{0D00}'..='\u{0D7F}' => Script::Malayalam,
            '\u{0600}'..='\u{065F}'
            | '\u{066E}'..='\u{06D3}'
            | '\u{06D5}'..='\u{06FF}'
            | '\u{0750}'..='\u{077F}'
            | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFF}' => Script::Urdu,
            c if c.is_alphabetic() && (c as u32) < 0x0250
                || ('\u{1E00}'..='\u{1EFF}').contains(&c) =>
            {
                Script::Latin
            }
            '\u{0300}'..='\u{036F}' => Script::Latin,
            _ => return None,
        })
    }
}

/// The practical Latin spelling of `text`, in lowercase where it was not Latin already:
/// what an Indian officer would type for the name (`रमेश कुमार`, `ரமேஷ் குமார்` and
/// `রমেশ কুমার` → `ramesh kumar`; `رمیش کمار` → `ramish kamar`). Plain ASCII comes back
/// as it is; Latin with diacritics (ISO 15919, IAST) loses them (`Ramēś` → `Ramesh`).
pub fn romanize(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (script, run) in runs::runs(text) {
        match script {
            None => out.push_str(run),
            Some(Script::Latin) if run.is_ascii() => out.push_str(run),
            Some(script) => out.push_str(&latin::from_hub(&hub::read(script, run))),
        }
    }
    Cow::Owned(out)
}

/// `text` written in `to`: runs already in `to` are kept as written; the rest go through
/// the pronounced ISO 15919 spelling (`रमेश कुमार` in Latin is `Ramesh Kumar`, in Tamil
/// `ரமேஷ் குமார்`). Spellings that a script cannot tell apart (Latin and Urdu do not
/// mark every vowel's length) come out as the likeliest reading.
pub fn transliterate(text: &str, to: Script) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for (script, run) in runs::runs(text) {
        match script {
            None => out.push_str(run),
            Some(script) if script == to => out.push_str(run),
            Some(script) => {
                let hub = hub::read(script, run);
                match to {
                    Script::Latin => out.push_str(&latin::capitalized(&latin::from_hub(&hub))),
                    Script::Urdu => out.push_str(&perso_arabic::from_hub(&hub)),
                    brahmic => out.push_str(&brahmic::from_hub(brahmic, &hub)),
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// रमेश कुमार as the officers write it, in each script.
    const RAMESH_KUMAR: [(Script, &str); 7] = [
        (Script::Devanagari, "रमेश कुमार"),
        (Script::Tamil, "ரமேஷ் குமார்"),
        (Script::Bengali, "রমেশ কুমার"),
        (Script::Gurmukhi, "ਰਮੇਸ਼ ਕੁਮਾਰ"),
        (Script::Kannada, "ರಮೇಶ್ ಕುಮಾರ್"),
        (Script::Telugu, "రమేశ్ కుమార్"),
        (Script::Gujarati, "રમેશ કુમાર"),
    ];

    #[test]
    fn every_brahmic_spelling_romanizes_as_an_officer_would_type_it() {
        for (script, name) in RAMESH_KUMAR {
            assert_eq!(romanize(name), "ramesh kumar", "{script:?}");
            assert_eq!(
                transliterate(name, Script::Latin),
                "Ramesh Kumar",
                "{script:?}"
            );
        }
        assert_eq!(romanize("Ramesh Kumar"), "Ramesh Kumar");
        assert_eq!(romanize("R. कुमार"), "R. kumar");
        assert_eq!(romanize("लक्ष्मी शर्मा"), "lakshmi sharma");
        assert_eq!(romanize("मोहम्मद सलीम"), "mohammad salim");
        assert_eq!(romanize("ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ"), "gurprit singh");
        assert_eq!(romanize("முருகன்"), "murugan");
        assert_eq!(romanize("Ramēś Kumār"), "ramesh kumar");
        assert_eq!(romanize("رمیش کمار"), "ramish kamar");
    }

    #[test]
    fn names_are_written_in_every_script() {
        for (script, name) in RAMESH_KUMAR {
            if matches!(
                script,
                Script::Devanagari
                    | Script::Tamil
                    | Script::Bengali
                    | Script::Gurmukhi
                    | Script::Kannada
            ) {
                assert_eq!(transliterate("रमेश कुमार", script), name, "{script:?}");
            }
            assert_eq!(transliterate(name, script), name, "kept as written");
        }
        assert_eq!(transliterate("रमेश कुमार", Script::Urdu), "رمیش کمار");
        assert_eq!(transliterate("Ramesh Kumar", Script::Devanagari), "रमेश कुमर");
        assert_eq!(transliterate("رمیش کمار", Script::Latin), "Ramish Kamar");
    }
}
