//! Indian personal names by region, their spelling variants, and name normalisation.
//!
//! Names are built the way they are written in FIRs of each region: Maharashtrian and Gujarati
//! names carry the father's (or husband's) name in the middle (`Sachin Vitthal Patil`,
//! `Jignesh Rameshbhai Patel`), Tamil names an initial (`R. Murugan`), Sikh names `Singh` or
//! `Kaur`. Variant spellings of the same name (`Mohammed`/`Mohammad`/`Mohd`, `Sharma`/`Sarma`,
//! `Laxmi`/`Lakshmi`, `Chaudhary`/`Choudhury`) occur naturally and are also used on purpose
//! for the duplicate person records a fuzzy search has to bring together.

use std::sync::LazyLock;

use super::data::{self, Sections};
use super::rng::Rng;

/// Linguistic region of a state: decides the shape of names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Region {
    Marathi,
    Kannada,
    Hindi,
    Tamil,
    Bengali,
    Gujarati,
    Malayalam,
    Telugu,
    Punjabi,
    Odia,
    Assamese,
    Konkani,
    Kashmiri,
}

/// Sex as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sex {
    Male,
    Female,
    Transgender,
}

impl Sex {
    /// The stored value.
    pub(crate) fn stored(self) -> entities::enums::Sex {
        match self {
            Sex::Male => entities::enums::Sex::Male,
            Sex::Female => entities::enums::Sex::Female,
            Sex::Transgender => entities::enums::Sex::Transgender,
        }
    }
}

/// A generated name with its relative (father's or husband's name).
#[derive(Debug, Clone)]
pub(crate) struct PersonName {
    pub(crate) full: String,
    pub(crate) relative: String,
}

/// The first names and surnames of one region, read from `seed/data/names/<region>.txt`.
struct Pool {
    male: Vec<&'static str>,
    female: Vec<&'static str>,
    surnames: Vec<&'static str>,
}

impl Pool {
    /// Reads the `[male]`, `[female]` and `[surnames]` sections of a names table.
    fn parse(sections: &mut Sections) -> Self {
        Pool {
            male: sections.take("male"),
            female: sections.take("female"),
            surnames: sections.take("surnames"),
        }
    }

    /// Reads a regional names table.
    fn from_text(text: &'static str) -> Self {
        Pool::parse(&mut Sections::parse(text))
    }
}

/// Muslim names, used in every region: the pool plus the prefixes of male names (`Mohd` in
/// `Mohd Irfan Shaikh`).
struct MuslimNames {
    male_prefix: Vec<&'static str>,
    pool: Pool,
}

static MARATHI: LazyLock<Pool> =
    LazyLock::new(|| Pool::from_text(include_str!("../data/names/marathi.txt")));
static KANNADA: LazyLock<Pool> =
    LazyLock::new(|| Pool::from_text(include_str!("../data/names/kannada.txt")));
static HINDI: LazyLock<Pool> =
    LazyLock::new(|| Pool::from_text(include_str!("../data/names/hindi.txt")));
static TAMIL: LazyLock<Pool> =
    LazyLock::new(|| Pool::from_text(include_str!("../data/names/tamil.txt")));
static BENGALI: LazyLock<Pool> =
    LazyLock::new(|| Pool::from_text(include_str!("../data/names/bengali.txt")));
static GUJARATI: LazyLock<Pool> =
    LazyLock::new(|| Pool::from_text(include_str!("../data/names/gujarati.txt")));
static MALAYALAM: LazyLock<Pool> =
    LazyLock::new(|| Pool::from_text(include_str!("../data/names/malayalam.txt")));
static TELUGU: LazyLock<Pool> =
    LazyLock::new(|| Pool::from_text(include_str!("../data/names/telugu.txt")));
static PUNJABI: LazyLock<Pool> =
    LazyLock::new(|| Pool::from_text(include_str!("../data/names/punjabi.txt")));
static ODIA: LazyLock<Pool> =
    LazyLock::new(|| Pool::from_text(include_str!("../data/names/odia.txt")));
static ASSAMESE: LazyLock<Pool> =
    LazyLock::new(|| Pool::from_text(include_str!("../data/names/assamese.txt")));
static KONKANI: LazyLock<Pool> =
    LazyLock::new(|| Pool::from_text(include_str!("../data/names/konkani.txt")));
static KASHMIRI: LazyLock<Pool> =
    LazyLock::new(|| Pool::from_text(include_str!("../data/names/kashmiri.txt")));

static MUSLIM: LazyLock<MuslimNames> = LazyLock::new(|| {
    let mut sections = Sections::parse(include_str!("../data/names/muslim.txt"));
    MuslimNames {
        male_prefix: sections.take("male_prefix"),
        pool: Pool::parse(&mut sections),
    }
});

/// Groups of spellings of the same name, as they turn up across records.
static VARIANTS: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    data::lines(include_str!("../data/names/variants.tsv"))
        .map(|group| group.split('\t').collect())
        .collect()
});

/// Street nicknames recorded as aliases of accused persons.
static NICKNAMES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| data::entries(include_str!("../data/names/nicknames.txt")));

fn pool(region: Region) -> &'static Pool {
    match region {
        Region::Marathi => &MARATHI,
        Region::Kannada => &KANNADA,
        Region::Hindi => &HINDI,
        Region::Tamil => &TAMIL,
        Region::Bengali => &BENGALI,
        Region::Gujarati => &GUJARATI,
        Region::Malayalam => &MALAYALAM,
        Region::Telugu => &TELUGU,
        Region::Punjabi => &PUNJABI,
        Region::Odia => &ODIA,
        Region::Assamese => &ASSAMESE,
        Region::Konkani => &KONKANI,
        Region::Kashmiri => &KASHMIRI,
    }
}

/// Share of Muslim names among persons recorded in a region (rough census proportions).
fn muslim_share(region: Region) -> f64 {
    match region {
        Region::Kashmiri => 0.0, // the regional pool is already mostly Muslim
        Region::Hindi | Region::Bengali | Region::Assamese => 0.22,
        Region::Malayalam => 0.25,
        Region::Telugu | Region::Marathi | Region::Kannada | Region::Gujarati => 0.12,
        Region::Tamil | Region::Konkani | Region::Odia | Region::Punjabi => 0.06,
    }
}

/// A Muslim name, e.g. `Mohd Irfan Shaikh`; the relative gets a name of the same shape.
fn muslim(rng: &mut Rng, sex: Sex) -> (String, String) {
    let m = &*MUSLIM;
    let surname = rng.pick_copy(&m.pool.surnames);
    let father = format!("{} {}", rng.pick(&m.pool.male), surname);
    let full = match sex {
        Sex::Female => {
            if rng.chance(0.3) {
                format!("{} Begum", rng.pick(&m.pool.female))
            } else {
                format!("{} {}", rng.pick(&m.pool.female), surname)
            }
        }
        _ => {
            if rng.chance(0.45) {
                format!(
                    "{} {} {}",
                    rng.pick(&m.male_prefix),
                    rng.pick(&m.pool.male),
                    surname
                )
            } else {
                format!("{} {}", rng.pick(&m.pool.male), surname)
            }
        }
    };
    (full, father)
}

/// A name of the region's shape, with the relative's name (father's, or husband's for most
/// married women).
pub(crate) fn person_name(rng: &mut Rng, region: Region, sex: Sex) -> PersonName {
    if rng.chance(muslim_share(region)) {
        let (full, relative) = muslim(rng, sex);
        return PersonName { full, relative };
    }
    let p = pool(region);
    let surname = rng.pick_copy(&p.surnames);
    let first = match sex {
        Sex::Female | Sex::Transgender => rng.pick_copy(&p.female),
        Sex::Male => rng.pick_copy(&p.male),
    };
    let mut relative_first = rng.pick_copy(&p.male);
    if relative_first == first {
        relative_first = rng.pick_copy(&p.male);
    }
    let relative = format!("{relative_first} {surname}");
    let full = match region {
        Region::Marathi => {
            if rng.chance(0.7) {
                format!("{first} {relative_first} {surname}")
            } else {
                format!("{first} {surname}")
            }
        }
        Region::Gujarati => {
            let relative_first = relative_first.split(' ').next().unwrap_or(relative_first);
            match sex {
                Sex::Female if rng.chance(0.4) => {
                    format!("{first}ben {relative_first}bhai {surname}")
                }
                _ => format!("{first} {relative_first}bhai {surname}"),
            }
        }
        Region::Tamil => {
            let initial = relative_first.chars().next().unwrap_or('S');
            if rng.chance(0.7) {
                format!("{initial}. {first}")
            } else {
                format!("{first} {relative_first}")
            }
        }
        Region::Telugu if rng.chance(0.4) => {
            let initial = surname.chars().next().unwrap_or('K');
            format!("{initial}. {first} {surname}")
        }
        Region::Punjabi => {
            let sikh = if sex == Sex::Female { "Kaur" } else { "Singh" };
            match rng.below(3) {
                0 => format!("{first} {sikh}"),
                _ => format!("{first} {sikh} {surname}"),
            }
        }
        Region::Hindi if sex == Sex::Female && rng.chance(0.3) => {
            format!(
                "{first} {}",
                if rng.chance(0.7) { "Devi" } else { "Kumari" }
            )
        }
        Region::Malayalam if rng.chance(0.3) => {
            format!("{first} {}.", rng.letter())
        }
        _ => format!("{first} {surname}"),
    };
    let relative = match region {
        Region::Tamil => relative_first.to_owned(),
        Region::Punjabi => format!("{relative_first} Singh"),
        _ => relative,
    };
    PersonName { full, relative }
}

/// The name of a child or wife of `head` (a man's full name), shaped as the region writes it:
/// `Pooja Sachin Patil` for a child of `Sachin Vitthal Patil`, `M. Lakshmi` for a child of
/// `R. Murugan`, `Harpreet Kaur` in Punjab.
pub(crate) fn family_name(rng: &mut Rng, region: Region, sex: Sex, head: &str) -> String {
    let words: Vec<&str> = head.split(' ').collect();
    let m = &*MUSLIM;
    let muslim = words.iter().any(|w| {
        m.pool.surnames.contains(w) || m.male_prefix.contains(w) || m.pool.male.contains(w)
    }) && region != Region::Punjabi;
    let surname = words.last().copied().unwrap_or("Kumar");
    if muslim {
        let first = match sex {
            Sex::Female => rng.pick_copy(&m.pool.female),
            _ => rng.pick_copy(&m.pool.male),
        };
        return format!("{first} {surname}");
    }
    let p = pool(region);
    let first = match sex {
        Sex::Female => rng.pick_copy(&p.female),
        _ => rng.pick_copy(&p.male),
    };
    let head_first = words.first().copied().unwrap_or("Ram");
    match region {
        Region::Marathi if words.len() >= 2 => format!("{first} {head_first} {surname}"),
        Region::Gujarati if words.len() >= 2 => format!("{first} {head_first}bhai {surname}"),
        Region::Tamil => {
            // `R. Murugan`: the head's own name is the last word.
            let initial = surname.chars().next().unwrap_or('S');
            format!("{initial}. {first}")
        }
        Region::Punjabi => {
            let sikh = if sex == Sex::Female { "Kaur" } else { "Singh" };
            format!("{first} {sikh}")
        }
        Region::Hindi if sex == Sex::Female && rng.chance(0.25) => format!("{first} Devi"),
        _ if words.len() == 1 || surname.ends_with('.') => format!("{first} {head_first}"),
        _ => format!("{first} {surname}"),
    }
}

/// The same name with one word respelt (`Mohammed Salim` → `Mohd Saleem`), if any word has a
/// known variant; otherwise `None`.
pub(crate) fn variant_spelling(rng: &mut Rng, name: &str) -> Option<String> {
    let words: Vec<&str> = name.split(' ').collect();
    let candidates: Vec<(usize, &[&str])> = words
        .iter()
        .enumerate()
        .filter_map(|(i, w)| {
            let bare = w.trim_end_matches('.');
            VARIANTS
                .iter()
                .find(|group| group.contains(&bare))
                .map(|group| (i, group.as_slice()))
        })
        .collect();
    if candidates.is_empty() {
        return None;
    }
    let (at, group) = candidates[rng.index(candidates.len())];
    let current = words[at].trim_end_matches('.');
    let others: Vec<&&str> = group.iter().filter(|g| **g != current).collect();
    let replacement = *others[rng.index(others.len())];
    let rebuilt: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i == at {
                replacement.to_owned()
            } else {
                (*w).to_owned()
            }
        })
        .collect();
    Some(rebuilt.join(" "))
}

/// A street nickname.
pub(crate) fn nickname(rng: &mut Rng) -> &'static str {
    rng.pick_copy(&NICKNAMES)
}

/// A first name for an officer or staff member of the region.
pub(crate) fn officer_name(rng: &mut Rng, region: Region, sex: Sex) -> String {
    let p = pool(region);
    let first = match sex {
        Sex::Female => rng.pick_copy(&p.female),
        _ => rng.pick_copy(&p.male),
    };
    if region == Region::Punjabi {
        let sikh = if sex == Sex::Female { "Kaur" } else { "Singh" };
        return format!("{first} {sikh} {}", rng.pick(&p.surnames));
    }
    if rng.chance(muslim_share(region) * 0.6) {
        return muslim(rng, sex).0;
    }
    format!("{first} {}", rng.pick(&p.surnames))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_respell_one_word() {
        let mut rng = Rng::new(7, 0);
        let v = variant_spelling(&mut rng, "Mohammed Salim Qureshi").unwrap();
        assert_ne!(v, "Mohammed Salim Qureshi");
        assert_eq!(v.split(' ').count(), 3);
        assert!(variant_spelling(&mut rng, "Xyz Abc").is_none());
    }

    /// The entry counts of the names tables as they were when the tables moved to
    /// `seed/data/names/`: a truncated or damaged file fails here.
    #[test]
    fn the_names_tables_are_complete() {
        let regions = [
            (Region::Marathi, 33, 24, 29),
            (Region::Kannada, 27, 20, 20),
            (Region::Hindi, 48, 30, 37),
            (Region::Tamil, 28, 20, 20),
            (Region::Bengali, 24, 20, 26),
            (Region::Gujarati, 23, 18, 22),
            (Region::Malayalam, 22, 17, 20),
            (Region::Telugu, 23, 18, 18),
            (Region::Punjabi, 21, 13, 20),
            (Region::Odia, 18, 14, 20),
            (Region::Assamese, 14, 11, 17),
            (Region::Konkani, 15, 12, 16),
            (Region::Kashmiri, 14, 10, 15),
        ];
        for (region, male, female, surnames) in regions {
            let p = pool(region);
            let counts = (p.male.len(), p.female.len(), p.surnames.len());
            assert_eq!(counts, (male, female, surnames), "{region:?}");
        }
        let m = &*MUSLIM;
        let counts = (
            m.male_prefix.len(),
            m.pool.male.len(),
            m.pool.female.len(),
            m.pool.surnames.len(),
        );
        assert_eq!(counts, (8, 32, 20, 23));
        assert_eq!(VARIANTS.len(), 54);
        assert_eq!(VARIANTS.iter().map(Vec::len).sum::<usize>(), 126);
        assert!(VARIANTS.iter().all(|group| group.len() >= 2));
        assert_eq!(NICKNAMES.len(), 29);
    }
}
