//! The Brahmic scripts, read into the hub and written from it by `vidyut-lipi` (ISO
//! 15919), with what a letter-for-letter transliteration does not know: which final
//! vowels are silent, how Tamil voices its stops, which sounds a script lacks.

use std::sync::OnceLock;

use vidyut_lipi::{Mapping, Scheme};

use crate::Script;
use crate::hub::{self, ACUTE, DOT_BELOW, DOUBLE_MACRON_BELOW, TILDE, Unit};
use crate::runs::is_joiner;

/// The scripts `vidyut-lipi` converts, in the order of the mapping tables below.
const SCHEMES: [Scheme; 10] = [
    Scheme::Devanagari,
    Scheme::Bengali,
    Scheme::Assamese,
    Scheme::Gurmukhi,
    Scheme::Gujarati,
    Scheme::Odia,
    Scheme::Tamil,
    Scheme::Telugu,
    Scheme::Kannada,
    Scheme::Malayalam,
];

static READ: [OnceLock<Mapping>; 10] = [const { OnceLock::new() }; 10];
static WRITE: [OnceLock<Mapping>; 10] = [const { OnceLock::new() }; 10];

/// The `vidyut-lipi` scheme of `script`'s letters in `run` (Assamese by its own letters).
fn scheme(script: Script, run: &str) -> Scheme {
    match script {
        Script::Bengali if run.contains(['\u{09F0}', '\u{09F1}']) => Scheme::Assamese,
        Script::Bengali => Scheme::Bengali,
        Script::Gurmukhi => Scheme::Gurmukhi,
        Script::Gujarati => Scheme::Gujarati,
        Script::Odia => Scheme::Odia,
        Script::Tamil => Scheme::Tamil,
        Script::Telugu => Scheme::Telugu,
        Script::Kannada => Scheme::Kannada,
        Script::Malayalam => Scheme::Malayalam,
        Script::Devanagari | Script::Latin | Script::Urdu => Scheme::Devanagari,
    }
}

fn mapping(
    table: &'static [OnceLock<Mapping>; 10],
    scheme: Scheme,
    read: bool,
) -> &'static Mapping {
    let index = SCHEMES.iter().position(|s| *s == scheme).unwrap_or(0);
    table[index].get_or_init(|| {
        if read {
            Mapping::new(scheme, Scheme::Iso15919)
        } else {
            Mapping::new(Scheme::Iso15919, scheme)
        }
    })
}

/// Whether a word's final consonant is read with the inherent vowel in `script`: the
/// scripts of the north and east, where `रमेश` is said `ramesh` and the hub's `ramēś`
/// is written `रमेश`. The southern scripts write a silent vowel with a virama.
fn final_vowel_inherent(script: Script) -> bool {
    matches!(
        script,
        Script::Devanagari | Script::Bengali | Script::Gurmukhi | Script::Gujarati | Script::Odia
    )
}

const ADDAK: char = '\u{0A71}';
const GURMUKHI_VIRAMA: char = '\u{0A4D}';

/// `run` (letters of the Brahmic `script`) in the hub spelling.
pub(crate) fn to_hub(script: Script, run: &str) -> String {
    let mut letters = String::with_capacity(run.len() + 8);
    let mut chars = run.chars().filter(|c| !is_joiner(*c)).peekable();
    while let Some(c) = chars.next() {
        // Gurmukhi's addak doubles the consonant after it (`ਢਿੱਲੋਂ` is dhillon), which
        // vidyut drops: write it as that consonant with a virama.
        match (c, chars.peek()) {
            (ADDAK, Some(&next)) => letters.extend([next, GURMUKHI_VIRAMA]),
            (ADDAK, None) => {}
            _ => letters.push(c),
        }
    }
    let scheme = scheme(script, run);
    // ISO 15919 marks a vowel after a vowel with a colon (`śa:ikīẏā`): not a separator.
    let iso = vidyut_lipi::transliterate(&letters, mapping(&READ, scheme, true)).replace(':', "");
    let words = hub::rewrite_words(hub::units(&iso), |word| {
        if final_vowel_inherent(script) {
            hub::drop_silent_schwas(word);
        }
        if script == Script::Tamil {
            voice_tamil_stops(word);
        }
        if scheme == Scheme::Assamese {
            assamese_sibilants(word);
        }
        // The southern scripts end words in an anusvara for m (`വസീം` Wasim, `ಬೇಗಂ`
        // Begum); in the north it nasalises the vowel before it (`जहां`).
        if !final_vowel_inherent(script) && word.last().is_some_and(Unit::is_nasal_sign) {
            word.pop();
            word.push(Unit::plain('m'));
        }
    });
    hub::join(&words)
}

/// Tamil writes one letter for a voiceless and a voiced stop; names are said (and
/// spelt in Latin) voiced between vowels: `murukaṉ` is Murugan, `caṇmukam` Shanmugam,
/// and an initial `c` is an s (Selvam).
fn voice_tamil_stops(word: &mut [Unit]) {
    let vowel = |u: Option<&Unit>| u.is_some_and(Unit::is_vowel);
    for i in 0..word.len() {
        let (before, after) = (i.checked_sub(1).map(|p| &word[p]), word.get(i + 1));
        let between_vowels = vowel(before) && vowel(after);
        let replacement = match &word[i] {
            u if u.is('k') && between_vowels => Unit::plain('g'),
            u if u.is('c') && (i == 0 || between_vowels) => Unit::plain('s'),
            u if u.is('c') && before.is_some_and(|b| b.is_marked('n', TILDE)) => Unit::plain('j'),
            u if u.is_marked('t', DOT_BELOW) && between_vowels => Unit::marked('d', DOT_BELOW),
            _ => continue,
        };
        word[i] = replacement;
    }
}

/// Assamese says `চ` and `ছ` as s (`ছৈয়দ` is Syed), which ISO 15919 spells `c` and `ch`.
fn assamese_sibilants(word: &mut Vec<Unit>) {
    let mut i = 0;
    while i < word.len() {
        if word[i].is('c') {
            word[i] = Unit::plain('s');
            if word.get(i + 1).is_some_and(|h| h.is('h')) {
                word.remove(i + 1);
            }
        }
        i += 1;
    }
}

/// `hub` written in the Brahmic `script`.
pub(crate) fn from_hub(script: Script, hub: &str) -> String {
    let units = hub::rewrite_words(hub::units(hub), |word| {
        *word = sounds_of(script, word);
        if final_vowel_inherent(script) {
            hub::restore_final_schwa(word);
        }
    });
    let written = vidyut_lipi::transliterate(
        hub::join(&units),
        mapping(&WRITE, scheme(script, ""), false),
    );
    // vidyut marks Sanskrit sounds Tamil lacks with superscript digits and apostrophes.
    written
        .chars()
        .filter(|c| !matches!(c, '²' | '³' | '⁴' | 'ʼ' | '\''))
        .collect()
}

/// A hub word in the sounds `script` has letters for.
fn sounds_of(script: Script, word: &[Unit]) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::with_capacity(word.len() + 2);
    let tamil = script == Script::Tamil;
    let nuktas = matches!(
        script,
        Script::Devanagari | Script::Gurmukhi | Script::Bengali
    );
    for (i, unit) in word.iter().enumerate() {
        let next = word.get(i + 1);
        // Letters only Tamil and Malayalam have.
        if unit.has_macron_below() && !matches!(script, Script::Tamil | Script::Malayalam) {
            out.push(Unit::plain(unit.base));
            continue;
        }
        if unit.is_vocalic_consonant() && matches!(script, Script::Tamil | Script::Gurmukhi) {
            out.extend([Unit::plain(unit.base), Unit::plain('i')]);
            continue;
        }
        // Sounds borrowed from Persian, written with a nukta where the script has one.
        if !nuktas && unit.is_marked('k', DOUBLE_MACRON_BELOW) {
            out.push(Unit::plain('k'));
            continue;
        }
        if !nuktas && unit.base == 'g' && !unit.marks.is_empty() {
            out.push(Unit::plain('g'));
            continue;
        }
        match unit.base {
            'z' if !nuktas || tamil => out.push(Unit::plain('j')),
            'f' if tamil => out.push(Unit::plain('p')),
            'f' if !nuktas => out.extend([Unit::plain('p'), Unit::plain('h')]),
            'q' if !nuktas || tamil => out.push(Unit::plain('k')),
            's' if unit.is_marked('s', DOT_BELOW) && script == Script::Gurmukhi => {
                out.push(Unit::marked('s', ACUTE))
            }
            _ if tamil => tamil_sound(unit, next, &mut out),
            _ => out.push(unit.clone()),
        }
    }
    out
}

/// One hub unit in Tamil's sounds: no voiced or aspirated stops, `ṣ` for every sh, no
/// anusvara.
fn tamil_sound(unit: &Unit, next: Option<&Unit>, out: &mut Vec<Unit>) {
    match unit.base {
        // The h of an aspirate.
        'h' if out
            .last()
            .is_some_and(|stop| stop.is_aspirated_by(Some(unit))) => {}
        'g' => out.push(Unit::plain('k')),
        'd' => out.push(Unit {
            base: 't',
            marks: unit.marks.clone(),
        }),
        'b' => out.push(Unit::plain('p')),
        's' if unit.is_marked('s', ACUTE) => out.push(Unit::marked('s', DOT_BELOW)),
        'm' if unit.is_nasal_sign() => {
            let labial = next.is_some_and(|n| matches!(n.base, 'p' | 'b' | 'm'));
            out.push(Unit::plain(if labial { 'm' } else { 'n' }));
        }
        _ => out.push(unit.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_into_the_hub_as_said() {
        assert_eq!(to_hub(Script::Devanagari, "रमेश"), "ramēś");
        assert_eq!(to_hub(Script::Devanagari, "कुमार"), "kumār");
        assert_eq!(to_hub(Script::Tamil, "ரமேஷ்"), "ramēṣ");
        assert_eq!(to_hub(Script::Tamil, "முருகன்"), "murugaṉ");
        assert_eq!(to_hub(Script::Bengali, "রমেশ"), "ramēś");
        assert_eq!(to_hub(Script::Gurmukhi, "ਸਿੰਘ"), "siṁgh");
        assert_eq!(to_hub(Script::Gurmukhi, "ਢਿੱਲੋਂ"), "ḍhillōṁ");
        assert_eq!(to_hub(Script::Kannada, "ರಮೇಶ್"), "ramēś");
        assert_eq!(to_hub(Script::Devanagari, "कृष्ण"), "kr̥ṣṇa");
        assert_eq!(to_hub(Script::Devanagari, "राम\u{200D}"), "rām");
        assert_eq!(to_hub(Script::Bengali, "শইকীয়া"), "śaikīẏā");
        assert_eq!(to_hub(Script::Bengali, "ৰাজীৱ ছৈয়দ"), "rājīv saiẏad");
        assert_eq!(to_hub(Script::Malayalam, "വസീം"), "vasīm");
    }

    #[test]
    fn the_hub_is_written_in_each_script() {
        assert_eq!(from_hub(Script::Devanagari, "ramēś kumār"), "रमेश कुमार");
        assert_eq!(from_hub(Script::Tamil, "ramēś kumār"), "ரமேஷ் குமார்");
        assert_eq!(from_hub(Script::Bengali, "ramēś kumār"), "রমেশ কুমার");
        assert_eq!(from_hub(Script::Gurmukhi, "ramēś kumār"), "ਰਮੇਸ਼ ਕੁਮਾਰ");
        assert_eq!(from_hub(Script::Kannada, "ramēś kumār"), "ರಮೇಶ್ ಕುಮಾರ್");
        assert_eq!(from_hub(Script::Tamil, "gōpāl"), "கோபால்");
    }
}
