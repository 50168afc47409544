//! The hub every conversion passes through: ISO 15919 (lowercase, NFC) spelling what is
//! pronounced. A Devanagari `रमेश` is `ramēśa` letter for letter, but its final inherent
//! vowel is silent, so its hub spelling is `ramēś`, as Tamil's `ரமேஷ்` (`ramēṣ`) and
//! Latin's `Ramesh` are. Letters are handled as [`Unit`]s: a base letter with its
//! combining marks (`ā` is `a` + macron).

use unicode_normalization::UnicodeNormalization;

use crate::{Script, brahmic, latin, perso_arabic};

/// `run`, letters of `script`, in the hub spelling.
pub(crate) fn read(script: Script, run: &str) -> String {
    match script {
        Script::Latin if run.is_ascii() => latin::to_hub(run),
        Script::Latin => run.to_lowercase().nfc().collect(),
        Script::Urdu => perso_arabic::to_hub(run),
        brahmic => brahmic::to_hub(brahmic, run),
    }
}

/// A base letter and the combining marks on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unit {
    /// The letter without marks (`a` of `ā`).
    pub base: char,
    /// Combining marks, in canonical order.
    pub marks: String,
}

const MACRON_BELOW: char = '\u{0331}';
const DOT_ABOVE: char = '\u{0307}';
/// The dot below of retroflex letters (`ṭ`, `ṣ`).
pub(crate) const DOT_BELOW: char = '\u{0323}';
/// The acute of `ś`.
pub(crate) const ACUTE: char = '\u{0301}';
/// The tilde of `ñ`.
pub(crate) const TILDE: char = '\u{0303}';
/// The line under `k` in `k͟h`, Persian kh (`خ`).
pub(crate) const DOUBLE_MACRON_BELOW: char = '\u{035F}';
const RING_BELOW: char = '\u{0325}';
const CANDRABINDU: char = '\u{0310}';

impl Unit {
    /// A unit of `base` with no marks.
    pub fn plain(base: char) -> Self {
        Self {
            base,
            marks: String::new(),
        }
    }

    /// A unit of `base` with the one mark `mark` (`ṣ` is `s` with a dot below).
    pub fn marked(base: char, mark: char) -> Self {
        Self {
            base,
            marks: mark.to_string(),
        }
    }

    fn has(&self, mark: char) -> bool {
        self.marks.contains(mark)
    }

    /// Whether it is `base` without marks.
    pub fn is(&self, base: char) -> bool {
        self.base == base && self.marks.is_empty()
    }

    /// A vowel (`a`, `ā`, `ē`, `r̥`, …).
    pub fn is_vowel(&self) -> bool {
        matches!(self.base, 'a' | 'e' | 'i' | 'o' | 'u' | 'æ') || self.is_vocalic_consonant()
    }

    /// The vocalic r or l (`r̥`, `l̥`).
    pub fn is_vocalic_consonant(&self) -> bool {
        matches!(self.base, 'r' | 'l') && self.has(RING_BELOW)
    }

    /// Anusvara or candrabindu (`ṁ`, `ṃ`, `m̐`): a nasal, not a consonant of its own.
    pub fn is_nasal_sign(&self) -> bool {
        self.base == 'm' && (self.has(DOT_ABOVE) || self.has(DOT_BELOW) || self.has(CANDRABINDU))
    }

    /// Visarga (`ḥ`).
    pub fn is_visarga(&self) -> bool {
        self.base == 'h' && self.has(DOT_BELOW)
    }

    /// A consonant letter.
    pub fn is_consonant(&self) -> bool {
        self.base.is_alphabetic() && !self.is_vowel() && !self.is_nasal_sign() && !self.is_visarga()
    }

    /// A stop consonant, which may be aspirated (`k`, `ḍ`, …).
    pub fn is_stop(&self) -> bool {
        matches!(self.base, 'k' | 'g' | 'c' | 'j' | 't' | 'd' | 'p' | 'b')
            || self.base == 'r' && self.has_dot_below()
    }

    /// Whether it is a stop aspirated by `next` (`gh`, `ṭh`: one sound, two letters).
    pub fn is_aspirated_by(&self, next: Option<&Unit>) -> bool {
        self.is_stop() && next.is_some_and(|h| h.is('h'))
    }

    /// Whether it is `base` with exactly the mark `mark` (`ś` is `s` with an acute).
    pub fn is_marked(&self, base: char, mark: char) -> bool {
        self.base == base && self.marks.chars().eq([mark])
    }

    /// `ḻ`, `ṉ`, `ṟ`: the Tamil letters ISO 15919 marks with a macron below.
    pub fn has_macron_below(&self) -> bool {
        self.has(MACRON_BELOW)
    }

    /// The dot below of retroflex letters (`ṭ`, `ḍ`, `ṇ`, `ṣ`, `ṛ`).
    pub fn has_dot_below(&self) -> bool {
        self.has(DOT_BELOW)
    }
}

/// The units of `text` (any normalisation form).
pub(crate) fn units(text: &str) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::with_capacity(text.len());
    for c in text.nfd() {
        match out.last_mut() {
            Some(last) if is_mark(c) => last.marks.push(c),
            _ => out.push(Unit::plain(c)),
        }
    }
    out
}

/// `units` as text, NFC.
pub(crate) fn join(units: &[Unit]) -> String {
    let mut decomposed = String::with_capacity(units.len() * 2);
    for unit in units {
        decomposed.push(unit.base);
        decomposed.push_str(&unit.marks);
    }
    decomposed.nfc().collect()
}

/// A combining mark of the Latin block (ISO 15919's macrons and dots, decomposed).
pub(crate) fn is_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// The words of `units` (maximal runs of letters), each handed to `each` to rewrite.
pub(crate) fn rewrite_words(units: Vec<Unit>, mut each: impl FnMut(&mut Vec<Unit>)) -> Vec<Unit> {
    let mut out = Vec::with_capacity(units.len());
    let mut word = Vec::new();
    for unit in units {
        if unit.base.is_alphabetic() {
            word.push(unit);
            continue;
        }
        if !word.is_empty() {
            each(&mut word);
            out.append(&mut word);
        }
        out.push(unit);
    }
    if !word.is_empty() {
        each(&mut word);
        out.append(&mut word);
    }
    out
}

/// Drops a word's inherent vowels where they are silent, as in Hindi, Bengali and
/// Punjabi names:
///
/// - the final one after a single consonant that follows a vowel or a nasal (`ramēśa` →
///   `ramēś`, `siṁha` → `siṁh`), but not after a conjunct (`kr̥ṣṇa`) or in a word of one
///   syllable (`ka`);
/// - a medial one after a vowel and a consonant, before a consonant (or two different
///   ones) and a vowel (`imarān` → `imrān`, `prasēnajit` → `prasēnjit`, `haraprīt` →
///   `harprīt`), the rightmost first.
pub(crate) fn drop_silent_schwas(word: &mut Vec<Unit>) {
    let sounds = sounds(word);
    let mut silent: Vec<usize> = Vec::new();
    let n = sounds.len();
    let kind = |i: usize| sounds.get(i).map(|s| s.1);
    if n >= 3
        && word[sounds[n - 1].0].is('a')
        && kind(n - 2) == Some(Sound::Consonant)
        && kind(n - 3) != Some(Sound::Consonant)
    {
        silent.push(n - 1);
    }
    let mut i = n.saturating_sub(3);
    while i >= 2 {
        let schwa = word[sounds[i].0].is('a') && kind(i) == Some(Sound::Vowel);
        let kept_after = !silent.contains(&(i + 2));
        // After the consonant of a vowel-consonant syllable, before one consonant and a
        // vowel, or before two different consonants and a vowel (`haraprīt` → `harprīt`,
        // not `prasanna` → `prasnna`).
        let before_syllable = kind(i + 1) == Some(Sound::Consonant)
            && (kind(i + 2) == Some(Sound::Vowel) && kept_after
                || kind(i + 2) == Some(Sound::Consonant)
                    && kind(i + 3) == Some(Sound::Vowel)
                    && !silent.contains(&(i + 3))
                    && word[sounds[i + 1].0] != word[sounds[i + 2].0]);
        if schwa
            && before_syllable
            && kind(i - 1) == Some(Sound::Consonant)
            && kind(i - 2) == Some(Sound::Vowel)
        {
            silent.push(i);
            i -= 2;
        } else {
            i -= 1;
        }
    }
    for at in silent {
        word.remove(sounds[at].0);
    }
}

/// What a sound of a word is, for [`drop_silent_schwas`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sound {
    Vowel,
    Consonant,
    /// Anusvara, visarga, anything else.
    Other,
}

/// The sounds of `word` as (index of its first unit, kind): an aspirate (`gh`, `th`) is
/// one consonant written with two letters.
fn sounds(word: &[Unit]) -> Vec<(usize, Sound)> {
    let mut out = Vec::with_capacity(word.len());
    let mut i = 0;
    while i < word.len() {
        let unit = &word[i];
        let kind = if unit.is_vowel() {
            Sound::Vowel
        } else if unit.is_consonant() {
            Sound::Consonant
        } else {
            Sound::Other
        };
        out.push((i, kind));
        i += if unit.is_aspirated_by(word.get(i + 1)) {
            2
        } else {
            1
        };
    }
    out
}

/// Gives a word ending in a consonant its inherent vowel back, for a script that writes
/// a final consonant without a vowel sign as pronounced with `a` (`ramēś` → `ramēśa`).
pub(crate) fn restore_final_schwa(word: &mut Vec<Unit>) {
    if word
        .last()
        .is_some_and(|u| u.is_consonant() && !u.is_vocalic_consonant())
    {
        word.push(Unit::plain('a'));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schwa(word: &str) -> String {
        join(&rewrite_words(units(word), drop_silent_schwas))
    }

    #[test]
    fn silent_final_vowels_are_dropped_and_given_back() {
        assert_eq!(schwa("ramēśa kumāra"), "ramēś kumār");
        assert_eq!(schwa("siṁha"), "siṁh");
        assert_eq!(schwa("kr̥ṣṇa"), "kr̥ṣṇa");
        assert_eq!(schwa("ka sītā amara"), "ka sītā amar");
        assert_eq!(schwa("imarāna prasēnajita kamalā"), "imrān prasēnjit kamlā");
        assert_eq!(
            schwa("haraprīta prasanna rāmacandra"),
            "harprīt prasanna rāmcandra"
        );
        assert_eq!(schwa("siṁgha"), "siṁgh");
        let restored = join(&rewrite_words(
            units("ramēś kumār sītā"),
            restore_final_schwa,
        ));
        assert_eq!(restored, "ramēśa kumāra sītā");
    }
}
