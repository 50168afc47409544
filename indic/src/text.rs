//! Which text the graph admits, in any script: NFC-normalised, with no control
//! characters (but line breaks and tabs), no bidirectional embeddings, overrides or
//! isolates (they make text display other than it is stored: U+202A–U+202E,
//! U+2066–U+2069), no private-use or unassigned code points. The zero-width joiner and
//! non-joiner are part of Indic spelling and are kept.

use std::borrow::Cow;

use unicode_general_category::{GeneralCategory, get_general_category};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Why a text is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// A control character other than a line break or tab.
    Control(char),
    /// A bidirectional embedding, override or isolate.
    Bidirectional(char),
    /// A code point no character is assigned to (or one for private use).
    Unassigned(char),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::Control(c) => {
                write!(f, "control character U+{:04X} is not allowed", *c as u32)
            }
            Refused::Bidirectional(c) => write!(
                f,
                "bidirectional control U+{:04X} is not allowed (text must display as stored)",
                *c as u32
            ),
            Refused::Unassigned(c) => {
                write!(f, "U+{:04X} is not a character of any script", *c as u32)
            }
        }
    }
}

/// Whether `text` may be recorded; the first refused character otherwise.
pub fn check(text: &str) -> Result<(), Refused> {
    if text
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) || matches!(b, b'\n' | b'\r' | b'\t'))
    {
        return Ok(());
    }
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => {}
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
                return Err(Refused::Bidirectional(c));
            }
            c if c.is_control() => return Err(Refused::Control(c)),
            c => {
                if matches!(
                    get_general_category(c),
                    GeneralCategory::Unassigned
                        | GeneralCategory::PrivateUse
                        | GeneralCategory::Surrogate
                ) {
                    return Err(Refused::Unassigned(c));
                }
            }
        }
    }
    Ok(())
}

/// `text` in Unicode Normalization Form C, borrowed when it already is.
pub fn nfc(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indic_text_with_joiners_is_admitted() {
        assert_eq!(check("रमेश कुमार"), Ok(()));
        assert_eq!(check("ക്\u{200D}ഷ and न\u{200C}हीं"), Ok(()));
        assert_eq!(check("رمیش کمار\nline two\tcol"), Ok(()));
    }

    #[test]
    fn controls_overrides_and_unassigned_code_points_are_refused() {
        assert_eq!(check("Ram\u{0007}"), Err(Refused::Control('\u{0007}')));
        assert_eq!(
            check("\u{202E}rameR"),
            Err(Refused::Bidirectional('\u{202E}'))
        );
        assert_eq!(check("a\u{2067}b"), Err(Refused::Bidirectional('\u{2067}')));
        assert_eq!(
            check("\u{0978}\u{0A04}"),
            Err(Refused::Unassigned('\u{0A04}'))
        );
        assert_eq!(check("\u{E000}"), Err(Refused::Unassigned('\u{E000}')));
    }

    #[test]
    fn text_is_composed() {
        // क + nukta is stored as क़'s canonical composition (which, being a composition
        // exclusion, stays decomposed), ā as one code point.
        assert_eq!(nfc("a\u{0304}"), "ā");
        assert!(matches!(nfc("Ramesh"), Cow::Borrowed(_)));
    }
}
