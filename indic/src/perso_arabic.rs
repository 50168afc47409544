//! Urdu's Perso-Arabic script, which `vidyut-lipi` does not cover: read into the hub and
//! written from it by this module's own letter table.
//!
//! Urdu writes long vowels (`ا`, `و`, `ی`, `ے`) and leaves short ones unwritten, so a
//! reading supplies them: an `a` between two consonants that open a word (`کمار` →
//! `kamār`, `رمیش` → `ramīś`). Written vowel marks (zabar, zer, pesh) are read
//! as written.

use crate::hub::{self, DOUBLE_MACRON_BELOW, Unit};

/// What a Perso-Arabic letter is in the hub.
#[derive(Clone, Copy)]
enum Letter {
    Consonant(&'static str),
    /// `ا`: `a` starting a word, `ā` after a letter.
    Alif,
    /// `آ`.
    AlifMadda,
    /// `و`: v starting a word, next to a vowel letter, `ō` otherwise.
    Vav,
    /// `ی`: y starting a word, `ī` otherwise.
    Ye,
    /// `ے`.
    BariYe,
    /// `ہ`: h, or a final `a` after a consonant (`راجہ`).
    He,
    /// `ھ`: the aspiration of the consonant before it.
    DoChashmi,
    /// `ع`: a vowel carrier (`علی` is Ali).
    Ain,
    /// A written short vowel.
    Mark(&'static str),
    /// `ّ`: the consonant before it doubled.
    Shadda,
    /// `ْ`, hamza and the like: nothing to say.
    Silent,
}

fn letter(c: char) -> Option<Letter> {
    use Letter::*;
    Some(match c {
        'ا' | 'ٱ' => Alif,
        'آ' => AlifMadda,
        'ب' => Consonant("b"),
        'پ' => Consonant("p"),
        'ت' | 'ط' => Consonant("t"),
        'ٹ' => Consonant("ṭ"),
        'ث' | 'س' | 'ص' => Consonant("s"),
        'ج' => Consonant("j"),
        'چ' => Consonant("c"),
        'ح' => Consonant("h"),
        'خ' => Consonant("k\u{035F}h"),
        'د' => Consonant("d"),
        'ڈ' => Consonant("ḍ"),
        'ذ' | 'ز' | 'ض' | 'ظ' | 'ژ' => Consonant("z"),
        'ر' => Consonant("r"),
        'ڑ' => Consonant("ṛ"),
        'ش' => Consonant("ś"),
        'غ' => Consonant("ġ"),
        'ف' => Consonant("f"),
        'ق' => Consonant("q"),
        'ک' | 'ك' => Consonant("k"),
        'گ' => Consonant("g"),
        'ل' => Consonant("l"),
        'م' => Consonant("m"),
        'ن' => Consonant("n"),
        'ں' => Consonant("ṁ"),
        'و' | 'ؤ' => Vav,
        'ی' | 'ي' | 'ى' | 'ئ' => Ye,
        'ے' | 'ۓ' => BariYe,
        'ہ' | 'ه' | 'ۃ' | 'ة' | 'ۂ' => He,
        'ھ' => DoChashmi,
        'ع' => Ain,
        '\u{064E}' => Mark("a"),
        '\u{0650}' => Mark("i"),
        '\u{064F}' => Mark("u"),
        '\u{0670}' => Mark("ā"),
        '\u{0651}' => Shadda,
        _ => Silent,
    })
}

/// One sound of a word being read.
enum Sound {
    Consonant(String),
    Vowel(&'static str),
}

/// Urdu letters in the hub spelling.
pub(crate) fn to_hub(run: &str) -> String {
    let mut out = String::with_capacity(run.len() * 2);
    let mut word: Vec<Sound> = Vec::new();
    for c in run.chars() {
        match letter(c) {
            Some(l) if !c.is_whitespace() => read_letter(l, &mut word),
            _ => {
                out.push_str(&spoken(&word));
                word.clear();
                out.push(c);
            }
        }
    }
    out.push_str(&spoken(&word));
    out
}

fn read_letter(letter: Letter, word: &mut Vec<Sound>) {
    let starts = word.is_empty();
    match letter {
        Letter::Consonant(s) => word.push(Sound::Consonant(s.to_owned())),
        Letter::Alif | Letter::Ain if starts => word.push(Sound::Vowel("a")),
        Letter::Alif => word.push(Sound::Vowel("ā")),
        Letter::Ain => {}
        Letter::AlifMadda => word.push(Sound::Vowel("ā")),
        Letter::Vav if starts || matches!(word.last(), Some(Sound::Vowel(_))) => {
            word.push(Sound::Consonant("v".into()))
        }
        Letter::Vav => word.push(Sound::Vowel("ō")),
        Letter::Ye if starts => word.push(Sound::Consonant("y".into())),
        Letter::Ye => word.push(Sound::Vowel("ī")),
        Letter::BariYe => word.push(Sound::Vowel("ē")),
        Letter::He => word.push(Sound::Consonant("h".into())),
        Letter::DoChashmi => match word.last_mut() {
            Some(Sound::Consonant(s)) => s.push('h'),
            _ => word.push(Sound::Consonant("h".into())),
        },
        Letter::Mark(v) => word.push(Sound::Vowel(v)),
        Letter::Shadda => {
            if let Some(Sound::Consonant(s)) = word.last() {
                let doubled = s.clone();
                word.push(Sound::Consonant(doubled));
            }
        }
        Letter::Silent => {}
    }
}

/// A word's sounds spelt out, with the short vowels Urdu leaves unwritten: an `a`
/// between two consonants that open the word, and a final `ہ` after a consonant read as
/// `a`.
fn spoken(word: &[Sound]) -> String {
    let mut out = String::new();
    let n = word.len();
    for (i, sound) in word.iter().enumerate() {
        match sound {
            // `و` before a vowel letter is a v (`جاوید` Javed, `پروین` Parveen).
            Sound::Vowel("ō") if matches!(word.get(i + 1), Some(Sound::Vowel(_))) => out.push('v'),
            Sound::Vowel(v) => out.push_str(v),
            Sound::Consonant(h) if h == "h" && i + 1 == n && i > 0 => {
                if matches!(word[i - 1], Sound::Consonant(_)) {
                    out.push('a');
                } else {
                    out.push('h');
                }
            }
            Sound::Consonant(s) => {
                out.push_str(s);
                let next_consonant = matches!(word.get(i + 1), Some(Sound::Consonant(_)));
                if next_consonant && i == 0 && n > 2 {
                    out.push('a');
                }
            }
        }
    }
    out
}

/// The hub spelling in Urdu letters: long vowels written, short vowels left unwritten
/// except at the start of a word.
pub(crate) fn from_hub(hub_text: &str) -> String {
    let mut out = String::with_capacity(hub_text.len() * 2);
    let units = hub::units(hub_text);
    let mut start = true;
    let mut i = 0;
    while i < units.len() {
        let unit = &units[i];
        let next = units.get(i + 1);
        let last = next.is_none_or(|n| !n.base.is_alphabetic());
        if !unit.base.is_alphabetic() {
            out.push(unit.base);
            start = true;
            i += 1;
            continue;
        }
        out.push_str(write_unit(unit, start, last, next));
        if unit.is_aspirated_by(next) {
            // `k͟h` is one letter of its own (`خ`); the other aspirates take do-chashmi he.
            if !unit.is_marked('k', DOUBLE_MACRON_BELOW) {
                out.push('ھ');
            }
            i += 1;
        }
        start = false;
        i += 1;
    }
    out
}

fn write_unit(unit: &Unit, start: bool, last: bool, next: Option<&Unit>) -> &'static str {
    let long = !unit.marks.is_empty();
    match unit.base {
        _ if unit.is_vocalic_consonant() => "ری",
        _ if unit.is_nasal_sign() => {
            if last {
                "ں"
            } else {
                "ن"
            }
        }
        _ if unit.is_visarga() => "ہ",
        'a' if next.is_some_and(|n| n.is('i')) => {
            if start {
                "اَی"
            } else {
                "ی"
            }
        }
        'a' if next.is_some_and(|n| n.is('u')) => {
            if start {
                "او"
            } else {
                "و"
            }
        }
        'a' if long => {
            if start {
                "آ"
            } else {
                "ا"
            }
        }
        'a' | 'i' | 'u' if start => "ا",
        'a' | 'i' | 'u' if !long => "",
        'i' => {
            if start {
                "ای"
            } else {
                "ی"
            }
        }
        'u' | 'o' => {
            if start {
                "او"
            } else {
                "و"
            }
        }
        'e' | 'æ' => match (start, last) {
            (true, _) => "اے",
            (_, true) => "ے",
            _ => "ی",
        },
        'k' if unit.is_marked('k', DOUBLE_MACRON_BELOW) => "خ",
        'k' => "ک",
        'g' if long => "غ",
        'g' => "گ",
        'c' => "چ",
        'j' => "ج",
        't' if unit.has_dot_below() => "ٹ",
        't' => "ت",
        'd' if unit.has_dot_below() => "ڈ",
        'd' => "د",
        'n' => "ن",
        'p' => "پ",
        'b' => "ب",
        'm' => "م",
        'y' => "ی",
        'r' if unit.has_dot_below() => "ڑ",
        'r' => "ر",
        'l' => "ل",
        'v' | 'w' => "و",
        's' if long => "ش",
        's' => "س",
        'h' => "ہ",
        'z' => "ز",
        'f' => "ف",
        'q' => "ق",
        'x' => "کس",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urdu_reads_with_its_unwritten_vowels_supplied() {
        assert_eq!(to_hub("رمیش کمار"), "ramīś kamār");
        assert_eq!(to_hub("محمد سلیم"), "mahmd salīm");
        assert_eq!(to_hub("خان"), "k\u{035F}hān");
        assert_eq!(to_hub("علی"), "alī");
        assert_eq!(to_hub("جاوید پروین"), "jāvīd parvīn");
    }

    #[test]
    fn the_hub_is_written_in_urdu() {
        assert_eq!(from_hub("ramēś kumār"), "رمیش کمار");
        assert_eq!(from_hub("bhārat"), "بھارت");
        assert_eq!(from_hub(&to_hub("خان")), "خان");
    }
}
