//! Splitting text into runs of one script, and runs of no script between them.

use crate::{Script, hub};

/// Zero-width non-joiner and joiner: part of Indic spelling, they stay with their letters.
pub(crate) fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// The runs of `text` in order: `(Some(script), letters)` for letters of one script
/// (with their combining marks and joiners), `(None, other)` for spaces, punctuation and
/// digits between them.
pub(crate) fn runs(text: &str) -> Vec<(Option<Script>, &str)> {
    let mut out: Vec<(Option<Script>, &str)> = Vec::new();
    let mut start = 0;
    let mut current: Option<Option<Script>> = None;
    for (i, c) in text.char_indices() {
        let script = match (Script::of(c), current) {
            // A mark or joiner belongs to the letters before it.
            (_, Some(Some(run))) if is_joiner(c) || hub::is_mark(c) => Some(run),
            (script, _) => script,
        };
        if current != Some(script) {
            if let Some(previous) = current {
                out.push((previous, &text[start..i]));
            }
            start = i;
            current = Some(script);
        }
    }
    if let Some(previous) = current {
        out.push((previous, &text[start..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_split_where_the_script_changes() {
        assert_eq!(
            runs("R. कुमार (राम‍)"),
            [
                (Some(Script::Latin), "R"),
                (None, ". "),
                (Some(Script::Devanagari), "कुमार"),
                (None, " ("),
                (Some(Script::Devanagari), "राम\u{200D}"),
                (None, ")"),
            ]
        );
        assert_eq!(runs(""), []);
        assert_eq!(
            runs("رمیش Ramēś"),
            [
                (Some(Script::Urdu), "رمیش"),
                (None, " "),
                (Some(Script::Latin), "Ramēś"),
            ]
        );
    }
}
