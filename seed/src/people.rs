//! Persons: names, addresses, phones, identity numbers (unique by construction), and the pool
//! of repeat offenders who turn up in FIRs across stations and states.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use entities::enums::IdentityKind;
use entities::name_key;

use super::bulk::{Bulk, T};
use super::geo;
use super::names::{self, Region, Sex};
use super::org::World;
use super::rng::{Rng, scramble};
use super::v;
use super::written;

/// A person as the generator remembers them while writing an FIR.
#[derive(Debug, Clone)]
pub(crate) struct PersonRef {
    pub(crate) id: i64,
    /// The name as generated, in Latin (what later records of the family build on).
    pub(crate) name: String,
    /// The words of the name and aliases as recorded (in the state's script for some),
    /// as search keys (`person_name_token`).
    pub(crate) tokens: Vec<String>,
    pub(crate) relative: String,
    pub(crate) birth_year: Option<i32>,
    pub(crate) sex: Sex,
    /// Index in the repeat-offender pool, when the person is (a record of) a pool member.
    pub(crate) pool: Option<usize>,
}

/// A repeat offender: one real individual who appears in several FIRs.
pub(crate) struct PoolPerson {
    pub(crate) person: PersonRef,
    pub(crate) sex: Sex,
    pub(crate) state: usize,
    pub(crate) district: usize,
    /// Until when the person is in custody (`None`: free; `DateTime::MAX_UTC`: indefinitely).
    pub(crate) busy_until: Option<DateTime<Utc>>,
}

/// What to record about a new person.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Details {
    pub(crate) phone: f64,
    pub(crate) identity: f64,
    pub(crate) alias: f64,
    pub(crate) address: f64,
}

impl Details {
    pub(crate) const COMPLAINANT: Details = Details {
        phone: 0.92,
        identity: 0.35,
        alias: 0.0,
        address: 0.97,
    };
    pub(crate) const VICTIM: Details = Details {
        phone: 0.6,
        identity: 0.25,
        alias: 0.0,
        address: 0.9,
    };
    pub(crate) const ACCUSED: Details = Details {
        phone: 0.5,
        identity: 0.3,
        alias: 0.1,
        address: 0.85,
    };
    pub(crate) const WITNESS: Details = Details {
        phone: 0.7,
        identity: 0.1,
        alias: 0.0,
        address: 0.9,
    };
}

/// Mobile numbers start 6–9.
pub(crate) fn phone(rng: &mut Rng) -> String {
    format!("{}{}", rng.range(6, 9), rng.digits(9))
}

/// Verhoeff check digit (the one Aadhaar numbers carry).
fn verhoeff(number: &str) -> u8 {
    const D: [[u8; 10]; 10] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
        [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
        [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
        [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
        [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
        [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
        [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
        [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
        [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    ];
    const P: [[u8; 10]; 8] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
        [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
        [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
        [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
        [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
        [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
        [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
    ];
    const INV: [u8; 10] = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];
    let mut c = 0u8;
    for (i, digit) in number.bytes().rev().enumerate() {
        c = D[c as usize][P[(i + 1) % 8][(digit - b'0') as usize] as usize];
    }
    INV[c as usize]
}

/// Luhn check digit (IMEIs).
pub(crate) fn luhn(number: &str) -> u8 {
    let mut sum = 0u32;
    for (i, digit) in number.bytes().rev().enumerate() {
        let mut d = u32::from(digit - b'0');
        if i % 2 == 0 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    ((10 - sum % 10) % 10) as u8
}

fn letters(mut x: u64, n: usize) -> String {
    let mut out = vec![b'A'; n];
    for slot in out.iter_mut().rev() {
        *slot = b'A' + (x % 26) as u8;
        x /= 26;
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Identity numbers derived from the person id: unique per kind by construction.
pub(crate) fn identity_number(
    kind: IdentityKind,
    person_id: i64,
    surname_initial: char,
    state: &str,
    key: u64,
) -> String {
    let id = person_id as u64;
    match kind {
        IdentityKind::Aadhaar => {
            let body = 20_000_000_000 + scramble(id % 80_000_000_000, 80_000_000_000, key);
            let body = body.to_string();
            let check = verhoeff(&body);
            format!("{body}{check}")
        }
        IdentityKind::Pan => {
            let x = scramble(id % 175_760_000, 175_760_000, key ^ 0x50);
            let check = char::from(b'A' + ((x * 7 + 3) % 26) as u8);
            format!(
                "{}P{}{:04}{}",
                letters(x / 10_000, 3),
                surname_initial.to_ascii_uppercase(),
                x % 10_000,
                check
            )
        }
        IdentityKind::VoterId => {
            let x = scramble(id % 175_760_000_000, 175_760_000_000, key ^ 0x56);
            format!("{}{:07}", letters(x / 10_000_000, 3), x % 10_000_000)
        }
        IdentityKind::DrivingLicence => {
            let x = scramble(id % 39_600_000_000, 39_600_000_000, key ^ 0x44);
            let rto = 1 + x % 99;
            let year = 1985 + (x / 99) % 40;
            let serial = x / (99 * 40);
            format!("{state}{rto:02}{year}{serial:07}")
        }
        IdentityKind::Passport => {
            let x = scramble(id % 260_000_000, 260_000_000, key ^ 0x70);
            format!("{}{:07}", letters(x / 10_000_000, 1), x % 10_000_000)
        }
        IdentityKind::RationCard => {
            let x = scramble(id % 900_000_000_000, 900_000_000_000, key ^ 0x52);
            format!("{}", 100_000_000_000 + x)
        }
    }
}

/// A house address in a district: `H.No. 12/4, Gandhi Road, Kothrud, Pune, Maharashtra - 411038`.
pub(crate) fn address(rng: &mut Rng, world: &World, district: usize) -> String {
    let d = &world.districts[district];
    let state = world.states[d.state].geo;
    let locality = rng.pick(&d.geo.localities);
    let pin = state.pin_prefix * 10_000 + rng.range(1_001, 9_899) as u32;
    match rng.below(3) {
        0 => format!(
            "H.No. {}/{}, {}, {locality}, {}, {} - {pin}",
            rng.range(1, 400),
            rng.range(1, 20),
            rng.pick(geo::streets()),
            d.geo.name,
            state.name
        ),
        1 => format!(
            "Flat {}, {} Apartments, {locality}, {}, {} - {pin}",
            rng.range(101, 1204),
            rng.pick(&[
                "Sai Krupa",
                "Shanti",
                "Ganga",
                "Lotus",
                "Green Park",
                "Royal"
            ]),
            d.geo.name,
            state.name
        ),
        _ => format!(
            "Near {}, {locality}, {}, {} - {pin}",
            rng.pick(geo::landmarks()),
            d.geo.name,
            state.name
        ),
    }
}

/// Writes person rows.
pub(crate) struct People<'a> {
    pub(crate) world: &'a World,
    /// Salt for identity numbers (from the seed).
    pub(crate) key: u64,
}

impl People<'_> {
    /// A birth year for someone `age` years old at `at`; known for most persons, sometimes with
    /// the exact date.
    fn birth(rng: &mut Rng, at: DateTime<Utc>, age: i32) -> (Option<i32>, Option<NaiveDate>) {
        if !rng.chance(0.88) {
            return (None, None);
        }
        let year = at.year() - age;
        let date = if rng.chance(0.3) {
            NaiveDate::from_ymd_opt(year, rng.range(1, 12) as u32, rng.range(1, 28) as u32)
        } else {
            None
        };
        // Someone born later in the year than the offence date is a year younger: keep the
        // exact date no later than the offence's day of the year.
        let date = date.filter(|d| d.ordinal() <= at.ordinal());
        (Some(year), date)
    }

    /// A new person of `region`, `sex`, `age` at `at`, living in `district`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn create(
        &self,
        bulk: &mut Bulk,
        rng: &mut Rng,
        at: DateTime<Utc>,
        region: Region,
        sex: Sex,
        age: i32,
        district: usize,
        details: Details,
    ) -> PersonRef {
        let name = names::person_name(rng, region, sex);
        let (birth_year, birth_date) = Self::birth(rng, at, age);
        self.write(
            bulk,
            rng,
            at,
            &name.full,
            &name.relative,
            sex,
            birth_year,
            birth_date,
            district,
            details,
            None,
        )
    }

    /// Writes a person and their details.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn write(
        &self,
        bulk: &mut Bulk,
        rng: &mut Rng,
        at: DateTime<Utc>,
        full: &str,
        relative: &str,
        sex: Sex,
        birth_year: Option<i32>,
        birth_date: Option<NaiveDate>,
        district: usize,
        details: Details,
        pool: Option<usize>,
    ) -> PersonRef {
        let id = bulk.id(T::Person);
        let region = self.world.states[self.world.districts[district].state]
            .geo
            .region;
        let recorded = written::recorded(self.key, id, region, full, relative);
        bulk.push(
            T::Person,
            [
                v::big(id),
                v::text(&recorded.full),
                v::string(name_key::normalize(&recorded.full)),
                v::enumeration(sex.stored()),
                v::opt_int(birth_year),
                v::opt_date(birth_date),
                v::text(&recorded.relative),
                v::ts(at),
            ],
        );
        if rng.chance(details.address) {
            let home = if rng.chance(0.85) {
                district
            } else {
                let state = &self.world.states[self.world.districts[district].state];
                rng.pick_copy(&state.districts)
            };
            let address_id = bulk.id(T::PersonAddress);
            bulk.push(
                T::PersonAddress,
                [
                    v::big(address_id),
                    v::big(id),
                    v::string(address(rng, self.world, home)),
                    v::text(&self.world.districts[home].code),
                    v::boolean(true),
                ],
            );
        }
        if rng.chance(details.phone) {
            let phone_id = bulk.id(T::PersonPhone);
            bulk.push(
                T::PersonPhone,
                [
                    v::big(phone_id),
                    v::big(id),
                    v::string(phone(rng)),
                    v::boolean(true),
                ],
            );
        }
        if rng.chance(details.identity) {
            let kind = rng.weighted_copy(&[
                (IdentityKind::Aadhaar, 70),
                (IdentityKind::VoterId, 10),
                (IdentityKind::DrivingLicence, 8),
                (IdentityKind::Pan, 7),
                (IdentityKind::RationCard, 3),
                (IdentityKind::Passport, 2),
            ]);
            self.identity(bulk, id, kind, full, district);
        }
        let mut tokens = name_key::tokens(&recorded.full);
        for token in &tokens {
            name_token(bulk, id, token.clone());
        }
        let mut aliases: Vec<&str> = recorded.latin_alias.as_deref().into_iter().collect();
        if rng.chance(details.alias) {
            aliases.push(names::nickname(rng));
        }
        if !aliases.is_empty() {
            Self::aliases(bulk, id, &mut tokens, &aliases);
        }
        PersonRef {
            id,
            tokens,
            name: full.to_owned(),
            relative: relative.to_owned(),
            birth_year,
            sex,
            pool,
        }
    }

    /// Writes aliases of the person `id`, with the name tokens they add to `known` (the
    /// tokens written for the person so far).
    fn aliases(bulk: &mut Bulk, id: i64, known: &mut Vec<String>, aliases: &[&str]) {
        for alias in aliases {
            let alias_id = bulk.id(T::PersonAlias);
            bulk.push(
                T::PersonAlias,
                [
                    v::big(alias_id),
                    v::big(id),
                    v::text(alias),
                    v::string(name_key::normalize(alias)),
                ],
            );
            for token in name_key::tokens(alias) {
                if !known.contains(&token) {
                    known.push(token.clone());
                    name_token(bulk, id, token);
                }
            }
        }
    }

    /// Writes one identity document of `kind` for person `id`.
    pub(crate) fn identity(
        &self,
        bulk: &mut Bulk,
        id: i64,
        kind: IdentityKind,
        full: &str,
        district: usize,
    ) {
        let initial = full
            .rsplit(' ')
            .next()
            .and_then(|w| w.chars().next())
            .unwrap_or('X');
        let initial = if initial.is_ascii_alphabetic() {
            initial
        } else {
            'X'
        };
        let state = self.world.states[self.world.districts[district].state]
            .geo
            .code;
        let number = identity_number(kind, id, initial, state, self.key);
        let identity_id = bulk.id(T::PersonIdentity);
        bulk.push(
            T::PersonIdentity,
            [
                v::big(identity_id),
                v::big(id),
                v::enumeration(kind),
                v::string(number),
            ],
        );
    }

    /// The pool of repeat offenders (written before any FIR).
    pub(crate) fn pool(&self, bulk: &mut Bulk, rng: &mut Rng, size: usize) -> Vec<PoolPerson> {
        let created = Utc
            .with_ymd_and_hms(2021, 12, 1, 6, 0, 0)
            .single()
            .unwrap_or_default();
        let mut pool = Vec::with_capacity(size);
        for index in 0..size {
            let station = self.world.pick_station(rng);
            let st = &self.world.stations[station];
            let region = self.world.region(station);
            let sex = if rng.chance(0.92) {
                Sex::Male
            } else {
                Sex::Female
            };
            let birth_year = if rng.chance(0.06) {
                rng.range(2005, 2008) as i32
            } else {
                rng.range(1962, 2001) as i32
            };
            let name = names::person_name(rng, region, sex);
            let birth_date = if rng.chance(0.4) {
                NaiveDate::from_ymd_opt(
                    birth_year,
                    rng.range(1, 12) as u32,
                    rng.range(1, 28) as u32,
                )
            } else {
                None
            };
            let details = Details {
                phone: 0.9,
                identity: 0.0,
                alias: 0.0,
                address: 1.0,
            };
            let mut person = self.write(
                bulk,
                rng,
                created,
                &name.full,
                &name.relative,
                sex,
                Some(birth_year),
                birth_date,
                st.district,
                details,
                Some(index),
            );
            // Repeat offenders are known by several names.
            let mut aliases = vec![names::nickname(rng).to_owned()];
            if let Some(variant) = names::variant_spelling(rng, &name.full) {
                aliases.push(variant);
            }
            if rng.chance(0.3) {
                let first = name.full.split(' ').next().unwrap_or("Raju");
                aliases.push(format!("{first} {}", names::nickname(rng)));
            }
            let aliases: Vec<&str> = aliases.iter().map(String::as_str).collect();
            Self::aliases(bulk, person.id, &mut person.tokens, &aliases);
            if rng.chance(0.5) {
                // A second address, often in another district.
                let other = rng.pick_copy(&self.world.states[st.state].districts);
                let address_id = bulk.id(T::PersonAddress);
                bulk.push(
                    T::PersonAddress,
                    [
                        v::big(address_id),
                        v::big(person.id),
                        v::string(address(rng, self.world, other)),
                        v::text(&self.world.districts[other].code),
                        v::boolean(false),
                    ],
                );
            }
            if rng.chance(0.65) {
                self.identity(
                    bulk,
                    person.id,
                    IdentityKind::Aadhaar,
                    &name.full,
                    st.district,
                );
            }
            if rng.chance(0.2) {
                self.identity(
                    bulk,
                    person.id,
                    IdentityKind::DrivingLicence,
                    &name.full,
                    st.district,
                );
            }
            if rng.chance(0.2) {
                self.identity(
                    bulk,
                    person.id,
                    IdentityKind::VoterId,
                    &name.full,
                    st.district,
                );
            }
            pool.push(PoolPerson {
                person,
                sex,
                state: st.state,
                district: st.district,
                busy_until: None,
            });
        }
        pool
    }
}

/// Writes one word of person `id`'s name, and the word into the search vocabulary.
fn name_token(bulk: &mut Bulk, id: i64, token: String) {
    bulk.push_once(
        T::NameWord,
        &token,
        [
            v::string(token.clone()),
            v::string(name_key::phonetic(&token)),
        ],
    );
    bulk.push(T::PersonNameToken, [v::string(token), v::big(id)]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits() {
        // Known-valid examples of each algorithm.
        assert_eq!(verhoeff("236"), 3);
        assert_eq!(luhn("49015420323751"), 8);
    }

    #[test]
    fn identity_numbers_are_unique_per_kind() {
        for kind in [
            IdentityKind::Aadhaar,
            IdentityKind::Pan,
            IdentityKind::VoterId,
            IdentityKind::DrivingLicence,
            IdentityKind::Passport,
            IdentityKind::RationCard,
        ] {
            let mut seen = std::collections::HashSet::new();
            for id in 1..20_000 {
                assert!(
                    seen.insert(identity_number(kind, id, 'P', "MH", 99)),
                    "{kind:?} {id}"
                );
            }
        }
        let aadhaar = identity_number(IdentityKind::Aadhaar, 1, 'P', "MH", 99);
        assert_eq!(aadhaar.len(), 12);
        assert!(aadhaar.as_bytes()[0] >= b'2');
        assert_eq!(
            identity_number(IdentityKind::Pan, 1, 'P', "MH", 99).len(),
            10
        );
    }
}
