//! Practical Latin, the way Indian names are spelt in English records (`Ramesh Kumar`,
//! `Lakshmi`, `Choudhury`): read into the hub and written from it.

use crate::hub;

/// A practical Latin spelling (ASCII) in the hub: `aa`/`ee`/`oo` are long vowels, `e` and
/// `o` long, a final `a` or `i` long (`Sharma`, `Lakshmi`), `sh` is `ś`, `ch` is `c`,
/// `chh` is `ch`, `x` and `ksh` are `kṣ`, `w` is `v`, and an `n` before a consonant the
/// anusvara (`Sanjay` → `saṁjay`).
pub(crate) fn to_hub(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(lower.len() * 2);
    for word in lower.split_inclusive(|c: char| !c.is_ascii_alphabetic()) {
        out.push_str(&word_to_hub(word));
    }
    out
}

fn word_to_hub(word: &str) -> String {
    let b = word.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let mut out = String::with_capacity(word.len() * 2);
    let mut i = 0;
    let at = |n: usize| b.get(n).copied().filter(|c| c.is_ascii_alphabetic());
    let is_vowel = |c: Option<u8>| matches!(c, Some(b'a' | b'e' | b'i' | b'o' | b'u'));
    while i < letters {
        let (c, next, after) = (b[i], at(i + 1), at(i + 2));
        let last = i + 1 == letters;
        let (text, used) = match (c, next, after) {
            (b'a', Some(b'a'), _) => ("ā", 2),
            (b'e', Some(b'e'), _) | (b'i', Some(b'i'), _) => ("ī", 2),
            (b'o', Some(b'o'), _) | (b'u', Some(b'u'), _) => ("ū", 2),
            (b'a', Some(b'i'), _) => ("ai", 2),
            (b'a' | b'o', Some(b'u'), _) => ("au", 2),
            (b'a', _, _) if last && letters > 1 => ("ā", 1),
            (b'i', _, _) if last && letters > 1 => ("ī", 1),
            (b'e', _, _) => ("ē", 1),
            (b'o', _, _) => ("ō", 1),
            (b'c', Some(b'h'), Some(b'h')) => ("ch", 3),
            (b'c', Some(b'h'), _) => ("c", 2),
            (b'k', Some(b's'), Some(b'h')) => ("kṣ", 3),
            (b's', Some(b'h'), _) => ("ś", 2),
            (b'x', _, _) => ("kṣ", 1),
            (b'c', _, _) => ("k", 1),
            (b'w', _, _) => ("v", 1),
            (b'n', Some(n), _) if !is_vowel(Some(n)) && n != b'y' && i > 0 => ("ṁ", 1),
            _ => {
                out.push(c as char);
                i += 1;
                continue;
            }
        };
        out.push_str(text);
        i += used;
    }
    out.push_str(&word[letters..]);
    out
}

/// The hub spelling in practical Latin, lowercase ASCII: vowel length and dots dropped,
/// `ś` and `ṣ` as sh, `c` as ch, `ṁ` as n (m before a labial, ng before h: `siṁh` is
/// singh), `r̥` as ri, `ḻ` as zh.
pub(crate) fn from_hub(hub_text: &str) -> String {
    let units = hub::units(hub_text);
    let mut out = String::with_capacity(units.len() + 4);
    for (i, unit) in units.iter().enumerate() {
        let next = units.get(i + 1);
        match unit.base {
            _ if unit.is_vocalic_consonant() => {
                out.push(unit.base);
                out.push('i');
            }
            _ if unit.is_nasal_sign() => match next.map(|n| n.base) {
                Some('p' | 'b' | 'm') => out.push('m'),
                Some('h') if next.is_some_and(|n| n.marks.is_empty()) => out.push_str("ng"),
                _ => out.push('n'),
            },
            's' if !unit.marks.is_empty() => out.push_str("sh"),
            // ISO `c` is ch; its aspirate `ch` comes out as chh.
            'c' => out.push_str("ch"),
            'l' if unit.has_macron_below() => out.push_str("zh"),
            'æ' => out.push('e'),
            base if base.is_ascii() => out.push(base.to_ascii_lowercase()),
            base => out.extend(fold(base)),
        }
    }
    out
}

/// An ISO letter outside ASCII that has no mark to drop (`ß`, `ø`), as the nearest
/// ASCII; dropped when there is none.
fn fold(c: char) -> Option<char> {
    match c {
        'ß' => Some('s'),
        'ø' | 'œ' => Some('o'),
        'ł' => Some('l'),
        'đ' | 'ð' => Some('d'),
        'þ' => Some('t'),
        'ı' => Some('i'),
        _ => None,
    }
}

/// `text` with each word's first letter capitalised.
pub(crate) fn capitalized(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start = true;
    for c in text.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = !c.is_alphanumeric() && c != '\'';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn practical_latin_reads_into_the_hub() {
        assert_eq!(to_hub("Ramesh Kumar"), "ramēś kumar");
        assert_eq!(to_hub("Sharma"), "śarmā");
        assert_eq!(to_hub("Lakshmi"), "lakṣmī");
        assert_eq!(to_hub("Sanjay"), "saṁjay");
        assert_eq!(to_hub("R. Choudhury"), "r. caudhury");
    }

    #[test]
    fn the_hub_is_written_in_practical_latin() {
        assert_eq!(from_hub("ramēś kumār"), "ramesh kumar");
        assert_eq!(from_hub("siṁh"), "singh");
        assert_eq!(from_hub("kr̥ṣṇa"), "krishna");
        assert_eq!(from_hub("caudharī"), "chaudhari");
        assert_eq!(capitalized("ramesh kumar"), "Ramesh Kumar");
    }
}
