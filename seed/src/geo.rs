//! Real states, districts (with approximate headquarters coordinates) and localities where
//! police stations are named.
//!
//! The districts and localities of each state, and the landmark and street lists, are data
//! files under `seed/data/geo/`, embedded in the crate and read on first use.

use std::sync::LazyLock;

use super::data;
use super::names::Region;

/// A district: three-letter code suffix, name, headquarters latitude/longitude, localities.
pub(crate) struct District {
    pub(crate) code: &'static str,
    pub(crate) name: &'static str,
    pub(crate) lat: f64,
    pub(crate) lon: f64,
    pub(crate) localities: Vec<&'static str>,
}

/// A state or union territory.
pub(crate) struct State {
    pub(crate) code: &'static str,
    pub(crate) name: &'static str,
    pub(crate) region: Region,
    /// Capital (where the state forensic laboratory and the DGP sit).
    pub(crate) capital: &'static str,
    /// First two digits of the state's PIN codes.
    pub(crate) pin_prefix: u32,
    pub(crate) districts: Vec<District>,
}

/// Reads a districts table (`seed/data/geo/districts/<state>.tsv`): a line
/// `CODE<TAB>Name<TAB>latitude<TAB>longitude` per district, followed by its localities, one per
/// line, each indented by a tab.
///
/// # Panics
///
/// If a line is malformed or a locality comes before the first district.
fn districts(text: &'static str) -> Vec<District> {
    let mut districts: Vec<District> = Vec::new();
    for line in data::lines(text) {
        if let Some(locality) = line.strip_prefix('\t') {
            districts
                .last_mut()
                .unwrap_or_else(|| panic!("locality {locality:?} before any district"))
                .localities
                .push(locality);
            continue;
        }
        let fields: Vec<&'static str> = line.split('\t').collect();
        let [code, name, lat, lon] = fields[..] else {
            panic!("district line {line:?} is not code, name, latitude, longitude");
        };
        let coordinate = |text: &str| -> f64 {
            text.parse()
                .unwrap_or_else(|_| panic!("bad coordinate {text:?} in {line:?}"))
        };
        districts.push(District {
            code,
            name,
            lat: coordinate(lat),
            lon: coordinate(lon),
            localities: Vec::new(),
        });
    }
    districts
}

/// States in the order they are seeded (`--states N` takes the first N).
pub(crate) static STATES: LazyLock<Vec<State>> = LazyLock::new(|| {
    vec![
        State {
            code: "MH",
            name: "Maharashtra",
            region: Region::Marathi,
            capital: "Mumbai",
            pin_prefix: 41,
            districts: districts(include_str!("../data/geo/districts/mh.tsv")),
        },
        State {
            code: "KA",
            name: "Karnataka",
            region: Region::Kannada,
            capital: "Bengaluru",
            pin_prefix: 56,
            districts: districts(include_str!("../data/geo/districts/ka.tsv")),
        },
        State {
            code: "DL",
            name: "Delhi",
            region: Region::Hindi,
            capital: "New Delhi",
            pin_prefix: 11,
            districts: districts(include_str!("../data/geo/districts/dl.tsv")),
        },
        State {
            code: "UP",
            name: "Uttar Pradesh",
            region: Region::Hindi,
            capital: "Lucknow",
            pin_prefix: 22,
            districts: districts(include_str!("../data/geo/districts/up.tsv")),
        },
        State {
            code: "TN",
            name: "Tamil Nadu",
            region: Region::Tamil,
            capital: "Chennai",
            pin_prefix: 60,
            districts: districts(include_str!("../data/geo/districts/tn.tsv")),
        },
        State {
            code: "WB",
            name: "West Bengal",
            region: Region::Bengali,
            capital: "Kolkata",
            pin_prefix: 70,
            districts: districts(include_str!("../data/geo/districts/wb.tsv")),
        },
        State {
            code: "GJ",
            name: "Gujarat",
            region: Region::Gujarati,
            capital: "Gandhinagar",
            pin_prefix: 38,
            districts: districts(include_str!("../data/geo/districts/gj.tsv")),
        },
        State {
            code: "RJ",
            name: "Rajasthan",
            region: Region::Hindi,
            capital: "Jaipur",
            pin_prefix: 30,
            districts: districts(include_str!("../data/geo/districts/rj.tsv")),
        },
        State {
            code: "KL",
            name: "Kerala",
            region: Region::Malayalam,
            capital: "Thiruvananthapuram",
            pin_prefix: 68,
            districts: districts(include_str!("../data/geo/districts/kl.tsv")),
        },
        State {
            code: "TG",
            name: "Telangana",
            region: Region::Telugu,
            capital: "Hyderabad",
            pin_prefix: 50,
            districts: districts(include_str!("../data/geo/districts/tg.tsv")),
        },
        State {
            code: "AP",
            name: "Andhra Pradesh",
            region: Region::Telugu,
            capital: "Amaravati",
            pin_prefix: 52,
            districts: districts(include_str!("../data/geo/districts/ap.tsv")),
        },
        State {
            code: "MP",
            name: "Madhya Pradesh",
            region: Region::Hindi,
            capital: "Bhopal",
            pin_prefix: 46,
            districts: districts(include_str!("../data/geo/districts/mp.tsv")),
        },
        State {
            code: "BR",
            name: "Bihar",
            region: Region::Hindi,
            capital: "Patna",
            pin_prefix: 80,
            districts: districts(include_str!("../data/geo/districts/br.tsv")),
        },
        State {
            code: "PB",
            name: "Punjab",
            region: Region::Punjabi,
            capital: "Chandigarh",
            pin_prefix: 14,
            districts: districts(include_str!("../data/geo/districts/pb.tsv")),
        },
        State {
            code: "HR",
            name: "Haryana",
            region: Region::Hindi,
            capital: "Chandigarh",
            pin_prefix: 12,
            districts: districts(include_str!("../data/geo/districts/hr.tsv")),
        },
        State {
            code: "OD",
            name: "Odisha",
            region: Region::Odia,
            capital: "Bhubaneswar",
            pin_prefix: 75,
            districts: districts(include_str!("../data/geo/districts/od.tsv")),
        },
        State {
            code: "AS",
            name: "Assam",
            region: Region::Assamese,
            capital: "Dispur",
            pin_prefix: 78,
            districts: districts(include_str!("../data/geo/districts/as.tsv")),
        },
        State {
            code: "JH",
            name: "Jharkhand",
            region: Region::Hindi,
            capital: "Ranchi",
            pin_prefix: 83,
            districts: districts(include_str!("../data/geo/districts/jh.tsv")),
        },
        State {
            code: "CG",
            name: "Chhattisgarh",
            region: Region::Hindi,
            capital: "Raipur",
            pin_prefix: 49,
            districts: districts(include_str!("../data/geo/districts/cg.tsv")),
        },
        State {
            code: "UK",
            name: "Uttarakhand",
            region: Region::Hindi,
            capital: "Dehradun",
            pin_prefix: 24,
            districts: districts(include_str!("../data/geo/districts/uk.tsv")),
        },
        State {
            code: "GA",
            name: "Goa",
            region: Region::Konkani,
            capital: "Panaji",
            pin_prefix: 40,
            districts: districts(include_str!("../data/geo/districts/ga.tsv")),
        },
        State {
            code: "JK",
            name: "Jammu and Kashmir",
            region: Region::Kashmiri,
            capital: "Srinagar",
            pin_prefix: 19,
            districts: districts(include_str!("../data/geo/districts/jk.tsv")),
        },
        State {
            code: "HP",
            name: "Himachal Pradesh",
            region: Region::Hindi,
            capital: "Shimla",
            pin_prefix: 17,
            districts: districts(include_str!("../data/geo/districts/hp.tsv")),
        },
    ]
});

/// Landmarks used in addresses and places of occurrence.
pub(crate) fn landmarks() -> &'static [&'static str] {
    static LANDMARKS: LazyLock<Vec<&'static str>> =
        LazyLock::new(|| data::entries(include_str!("../data/geo/landmarks.txt")));
    &LANDMARKS
}

/// Street and colony words for house addresses.
pub(crate) fn streets() -> &'static [&'static str] {
    static STREETS: LazyLock<Vec<&'static str>> =
        LazyLock::new(|| data::entries(include_str!("../data/geo/streets.txt")));
    &STREETS
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The entry counts of the geography tables as they were when the tables moved to
    /// `seed/data/geo/`: a truncated or damaged file fails here.
    #[test]
    fn the_geography_tables_are_complete() {
        let expected = [
            ("MH", 8, 77),
            ("KA", 6, 48),
            ("DL", 8, 50),
            ("UP", 8, 61),
            ("TN", 6, 42),
            ("WB", 6, 42),
            ("GJ", 6, 43),
            ("RJ", 6, 40),
            ("KL", 6, 40),
            ("TG", 5, 34),
            ("AP", 5, 28),
            ("MP", 5, 34),
            ("BR", 5, 29),
            ("PB", 5, 28),
            ("HR", 5, 24),
            ("OD", 5, 23),
            ("AS", 4, 19),
            ("JH", 3, 18),
            ("CG", 3, 16),
            ("UK", 3, 16),
            ("GA", 2, 13),
            ("JK", 3, 17),
            ("HP", 3, 14),
        ];
        let found: Vec<(&str, usize, usize)> = STATES
            .iter()
            .map(|state| {
                let localities = state.districts.iter().map(|d| d.localities.len()).sum();
                (state.code, state.districts.len(), localities)
            })
            .collect();
        assert_eq!(found, expected);
        for district in STATES.iter().flat_map(|state| &state.districts) {
            assert_eq!(district.code.len(), 3, "{}", district.name);
            assert!(!district.localities.is_empty(), "{}", district.name);
        }
        assert_eq!(landmarks().len(), 29);
        assert_eq!(streets().len(), 23);
    }
}
