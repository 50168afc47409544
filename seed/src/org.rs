//! The organisation tree (national → state → district → sub-division → station, plus courts,
//! prisons, prosecution offices and forensic laboratories) and the officers posted in it.

use chrono::{DateTime, TimeZone, Utc};
use sea_orm::sea_query::Value;

use entities::enums::{Rank, UnitKind};

use super::bulk::{Bulk, T};
use super::geo::{self, District, State};
use super::names::{self, Region, Sex};
use super::rng::Rng;
use super::v;

/// A seeded state.
pub(crate) struct StateW {
    pub(crate) geo: &'static State,
    pub(crate) districts: Vec<usize>,
    pub(crate) stations: Vec<usize>,
}

/// A seeded district with its courts, prison and prosecution office.
pub(crate) struct DistrictW {
    pub(crate) geo: &'static District,
    pub(crate) state: usize,
    /// Full code, e.g. `MH-PUN`.
    pub(crate) code: String,
    /// Four letters of the CNR: state code and two letters unique in the state, e.g. `MHPU`.
    pub(crate) cnr_prefix: String,
    /// District and Sessions Court (`…-CT01`).
    pub(crate) sessions_court: i64,
    /// Chief Judicial Magistrate's court (`…-CT02`).
    pub(crate) magistrate_court: i64,
    pub(crate) sessions_court_name: String,
    pub(crate) magistrate_court_name: String,
    pub(crate) prison: i64,
    /// Prison code without dashes, the prefix of its prisoner ids (e.g. `MHPUNPR1`).
    pub(crate) prison_tag: String,
    pub(crate) sp: i64,
    pub(crate) stations: Vec<usize>,
}

/// A seeded police station and its staff.
pub(crate) struct StationW {
    pub(crate) id: i64,
    pub(crate) code: String,
    pub(crate) locality: String,
    pub(crate) district: usize,
    pub(crate) state: usize,
    pub(crate) lat: f64,
    pub(crate) lon: f64,
    pub(crate) sho: Staff,
    /// The two sub-inspectors who investigate most cases.
    pub(crate) ios: [Staff; 2],
    pub(crate) asi: Staff,
    /// Head constable first, then constables.
    pub(crate) constables: Vec<Staff>,
}

/// An officer's id, name and sex (for narratives and choosing IOs).
#[derive(Clone)]
pub(crate) struct Staff {
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) female: bool,
}

/// The seeded organisation.
pub(crate) struct World {
    pub(crate) states: Vec<StateW>,
    pub(crate) districts: Vec<DistrictW>,
    pub(crate) stations: Vec<StationW>,
    /// Cumulative station weights (busier stations register more FIRs).
    pub(crate) station_weights: Vec<u64>,
}

impl World {
    /// A station drawn with probability proportional to its workload.
    pub(crate) fn pick_station(&self, rng: &mut Rng) -> usize {
        let total = *self.station_weights.last().unwrap_or(&1);
        let roll = rng.below(total);
        self.station_weights.partition_point(|&w| w <= roll)
    }

    /// The region (name shapes) of a station's state.
    pub(crate) fn region(&self, station: usize) -> Region {
        self.states[self.stations[station].state].geo.region
    }
}

/// When the organisation was set up (a fixed date, so reseeding gives identical rows).
pub(crate) fn org_created_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2021, 4, 1, 4, 30, 0)
        .single()
        .unwrap_or_default()
}

const STATION_SUFFIXES: &[&str] = &[
    "Rural",
    "Town",
    "Cantonment",
    "Market",
    "Extension",
    "Industrial Area",
    "Road",
    "Colony",
    "Nagar",
    "East",
    "West",
    "North",
    "South",
    "Naka",
    "Gate",
];

fn station_locality(localities: &[&str], index: usize) -> String {
    let base = localities[index % localities.len()];
    let round = index / localities.len();
    if round == 0 {
        base.to_owned()
    } else if round <= STATION_SUFFIXES.len() {
        format!("{base} {}", STATION_SUFFIXES[round - 1])
    } else {
        format!("{base} Sector {}", round - STATION_SUFFIXES.len())
    }
}

fn pin(rng: &mut Rng, state: &State) -> u32 {
    state.pin_prefix * 10_000 + rng.range(1_001, 9_899) as u32
}

struct Ctx<'a> {
    bulk: &'a mut Bulk,
    rng: Rng,
    created: DateTime<Utc>,
}

impl Ctx<'_> {
    #[allow(clippy::too_many_arguments)]
    fn unit(
        &mut self,
        code: &str,
        name: &str,
        kind: UnitKind,
        parent: Option<i64>,
        path: &str,
        depth: i32,
        address: Option<String>,
    ) -> i64 {
        let id = self.bulk.id(T::OrgUnit);
        self.bulk.push(
            T::OrgUnit,
            [
                v::big(id),
                v::text(code),
                v::text(name),
                v::enumeration(kind),
                v::opt_big(parent),
                v::text(path),
                v::int(depth),
                v::opt_text(address),
                v::ts(self.created),
            ],
        );
        id
    }

    fn officer(
        &mut self,
        unit: i64,
        login: &str,
        rank: Rank,
        region: Region,
        belt: Option<String>,
        female_p: f64,
    ) -> Staff {
        let female = self.rng.chance(female_p);
        let sex = if female { Sex::Female } else { Sex::Male };
        let name = names::officer_name(&mut self.rng, region, sex);
        let id = self.bulk.id(T::Officer);
        self.bulk.push(
            T::Officer,
            [
                v::big(id),
                v::big(unit),
                v::text(login),
                v::text(&name),
                v::enumeration(rank),
                v::opt_text(belt),
                v::enumeration(sex.stored()),
                Value::Bool(Some(true)),
                v::ts(self.created),
            ],
        );
        Staff { id, name, female }
    }

    fn belt(&mut self, district: &District) -> Option<String> {
        Some(format!("{}-{}", district.code, self.rng.range(1001, 9999)))
    }
}

/// Splits `total` into `parts` near-equal shares, larger shares first.
fn split(total: usize, parts: usize) -> Vec<usize> {
    let parts = parts.max(1);
    (0..parts)
        .map(|i| total / parts + usize::from(i < total % parts))
        .collect()
}

/// Builds the organisation: `states` states with `stations` stations between them.
pub(crate) fn build(bulk: &mut Bulk, seed: u64, states: u32, stations: u32) -> World {
    let stations = (stations.max(1)) as usize;
    let n_states = (states.max(1) as usize)
        .min(geo::STATES.len())
        .min(stations);
    let mut cx = Ctx {
        bulk,
        rng: Rng::new(seed, 1),
        created: org_created_at(),
    };
    let national = cx.unit(
        "IN",
        "India",
        UnitKind::National,
        None,
        "/IN/",
        0,
        Some("National Crime Records Bureau, NH-48, Mahipalpur, New Delhi - 110037".to_owned()),
    );
    let mut world = World {
        states: Vec::new(),
        districts: Vec::new(),
        stations: Vec::new(),
        station_weights: Vec::new(),
    };
    for (state_index, (geo_state, n_stations)) in geo::STATES
        .iter()
        .zip(split(stations, n_states))
        .take(n_states)
        .enumerate()
    {
        let state_id = cx.state_headquarters(geo_state, national);
        let mut state = StateW {
            geo: geo_state,
            districts: Vec::new(),
            stations: Vec::new(),
        };
        let n_districts =
            ((n_stations as f64).sqrt().round() as usize).clamp(1, geo_state.districts.len());
        let mut cnr_taken: Vec<String> = Vec::new();
        for (geo_district, n_in_district) in geo_state
            .districts
            .iter()
            .zip(split(n_stations, n_districts))
        {
            if n_in_district == 0 {
                continue;
            }
            let district_index = world.districts.len();
            let (district_id, mut district) = cx.district_offices(
                geo_state,
                geo_district,
                (state_index, state_id),
                state.districts.is_empty(),
                &mut cnr_taken,
            );
            let n_subdivisions = n_in_district.div_ceil(5);
            let mut station_number = 0usize;
            for (sd_index, n_in_sd) in split(n_in_district, n_subdivisions).into_iter().enumerate()
            {
                let subdivision =
                    cx.subdivision(geo_state, &district, district_id, sd_index, station_number);
                for _ in 0..n_in_sd {
                    let (station, weight) = cx.station(
                        geo_state,
                        &district,
                        district_index,
                        (subdivision.0, &subdivision.1),
                        station_number,
                    );
                    station_number += 1;
                    let previous = world.station_weights.last().copied().unwrap_or(0);
                    world.station_weights.push(previous + weight);
                    let index = world.stations.len();
                    world.stations.push(station);
                    district.stations.push(index);
                    state.stations.push(index);
                }
            }
            state.districts.push(district_index);
            world.districts.push(district);
        }
        world.states.push(state);
    }
    world
}

impl Ctx<'_> {
    /// The state's police headquarters (under `national`) with its DGP, and the state forensic
    /// laboratory; returns the headquarters' unit id.
    fn state_headquarters(&mut self, geo_state: &State, national: i64) -> i64 {
        let st = geo_state.code;
        let state_path = format!("/IN/{st}/");
        let address = format!(
            "Police Headquarters, {}, {} - {}",
            geo_state.capital,
            geo_state.name,
            pin(&mut self.rng, geo_state)
        );
        let state_id = self.unit(
            st,
            geo_state.name,
            UnitKind::State,
            Some(national),
            &state_path,
            1,
            Some(address),
        );
        self.officer(
            state_id,
            &format!("{st}.dgp"),
            Rank::Dgp,
            geo_state.region,
            None,
            0.1,
        );
        let fsl_code = format!("{st}-FSL");
        let address = format!(
            "Forensic Science Laboratory, {}, {}",
            geo_state.capital, geo_state.name
        );
        self.unit(
            &fsl_code,
            &format!("{} State Forensic Science Laboratory", geo_state.name),
            UnitKind::ForensicLab,
            Some(state_id),
            &format!("{state_path}{fsl_code}/"),
            2,
            Some(address),
        );
        state_id
    }

    /// A district's police office with its SP, its sessions and magistrate courts, prison
    /// (the central prison for the state's first district or its capital) and prosecution
    /// office; `state` is the state's index and unit id. Returns the district's unit id and
    /// the district, without stations yet.
    fn district_offices(
        &mut self,
        geo_state: &State,
        geo_district: &'static District,
        state: (usize, i64),
        first_in_state: bool,
        cnr_taken: &mut Vec<String>,
    ) -> (i64, DistrictW) {
        let (state_index, state_id) = state;
        let st = geo_state.code;
        let code = format!("{st}-{}", geo_district.code);
        let path = format!("/IN/{st}/{code}/");
        let address = format!(
            "Office of the Superintendent of Police, {}, {} - {}",
            geo_district.name,
            geo_state.name,
            pin(&mut self.rng, geo_state)
        );
        let district_id = self.unit(
            &code,
            geo_district.name,
            UnitKind::District,
            Some(state_id),
            &path,
            2,
            Some(address),
        );
        let sp = self
            .officer(
                district_id,
                &format!("{code}.sp"),
                Rank::Sp,
                geo_state.region,
                None,
                0.15,
            )
            .id;
        let cnr_prefix = cnr_letters(st, geo_district.code, cnr_taken);
        let sessions_name = format!("District and Sessions Court, {}", geo_district.name);
        let magistrate_name = format!("Chief Judicial Magistrate Court, {}", geo_district.name);
        let court_address = Some(format!(
            "District Court Complex, {}, {}",
            geo_district.name, geo_state.name
        ));
        let sessions_court = self.unit(
            &format!("{code}-CT01"),
            &sessions_name,
            UnitKind::Court,
            Some(district_id),
            &format!("{path}{code}-CT01/"),
            3,
            court_address.clone(),
        );
        let magistrate_court = self.unit(
            &format!("{code}-CT02"),
            &magistrate_name,
            UnitKind::Court,
            Some(district_id),
            &format!("{path}{code}-CT02/"),
            3,
            court_address,
        );
        let prison_name = if geo_district.name == geo_state.capital || first_in_state {
            format!("Central Prison, {}", geo_district.name)
        } else {
            format!("District Prison, {}", geo_district.name)
        };
        let prison_code = format!("{code}-PR1");
        let prison = self.unit(
            &prison_code,
            &prison_name,
            UnitKind::Prison,
            Some(district_id),
            &format!("{path}{prison_code}/"),
            3,
            Some(format!(
                "Jail Road, {}, {}",
                geo_district.name, geo_state.name
            )),
        );
        let po_code = format!("{code}-PO1");
        self.unit(
            &po_code,
            &format!("District Prosecution Office, {}", geo_district.name),
            UnitKind::ProsecutionOffice,
            Some(district_id),
            &format!("{path}{po_code}/"),
            3,
            Some(format!(
                "District Court Complex, {}, {}",
                geo_district.name, geo_state.name
            )),
        );
        let district = DistrictW {
            geo: geo_district,
            state: state_index,
            code,
            cnr_prefix,
            sessions_court,
            magistrate_court,
            sessions_court_name: sessions_name,
            magistrate_court_name: magistrate_name,
            prison,
            prison_tag: prison_code.replace('-', ""),
            sp,
            stations: Vec::new(),
        };
        (district_id, district)
    }

    /// Sub-division `sd_index` of a district, named after the locality of its first station
    /// (`station_number`), with its DSP; returns its unit id and path.
    fn subdivision(
        &mut self,
        geo_state: &State,
        district: &DistrictW,
        district_id: i64,
        sd_index: usize,
        station_number: usize,
    ) -> (i64, String) {
        let code = &district.code;
        let sd_code = format!("{code}-SD{}", sd_index + 1);
        let sd_path = format!("/IN/{}/{code}/{sd_code}/", geo_state.code);
        let first_locality = station_locality(&district.geo.localities, station_number);
        let sd_id = self.unit(
            &sd_code,
            &format!("{first_locality} Sub-Division"),
            UnitKind::Subdivision,
            Some(district_id),
            &sd_path,
            3,
            None,
        );
        self.officer(
            sd_id,
            &format!("{sd_code}.dsp"),
            Rank::Dsp,
            geo_state.region,
            None,
            0.15,
        );
        (sd_id, sd_path)
    }

    /// The district's station number `station_number + 1` in `subdivision` (its unit id and
    /// path): the station unit, its SHO, two investigating SIs, an ASI and a head constable
    /// with one to three constables, and its position near the district headquarters. Returns
    /// the station and its workload weight.
    fn station(
        &mut self,
        geo_state: &State,
        district: &DistrictW,
        district_index: usize,
        subdivision: (i64, &str),
        station_number: usize,
    ) -> (StationW, u64) {
        let (sd_id, sd_path) = subdivision;
        let geo_district = district.geo;
        let locality = station_locality(&geo_district.localities, station_number);
        let ps_code = format!("{}-PS{:03}", district.code, station_number + 1);
        let address = format!(
            "{locality}, {}, {} - {}",
            geo_district.name,
            geo_state.name,
            pin(&mut self.rng, geo_state)
        );
        let station_id = self.unit(
            &ps_code,
            &format!("{locality} Police Station"),
            UnitKind::PoliceStation,
            Some(sd_id),
            &format!("{sd_path}{ps_code}/"),
            4,
            Some(address),
        );
        let region = geo_state.region;
        let sho = self.officer(
            station_id,
            &format!("{ps_code}.sho"),
            Rank::Inspector,
            region,
            None,
            0.1,
        );
        let io1 = self.officer(
            station_id,
            &format!("{ps_code}.io1"),
            Rank::Si,
            region,
            None,
            0.15,
        );
        let io2 = self.officer(
            station_id,
            &format!("{ps_code}.io2"),
            Rank::Si,
            region,
            None,
            0.45,
        );
        let belt = self.belt(geo_district);
        let asi = self.officer(
            station_id,
            &format!("{ps_code}.asi1"),
            Rank::Asi,
            region,
            belt,
            0.15,
        );
        let n_constables = self.rng.range(2, 4) as usize;
        let mut constables = Vec::with_capacity(n_constables);
        for k in 0..n_constables {
            let (login, rank) = if k == 0 {
                (format!("{ps_code}.hc1"), Rank::HeadConstable)
            } else {
                (format!("{ps_code}.pc{k}"), Rank::Constable)
            };
            let belt = self.belt(geo_district);
            constables.push(self.officer(station_id, &login, rank, region, belt, 0.2));
        }
        let lat = geo_district.lat + (self.rng.unit() - 0.5) * 0.12;
        let lon = geo_district.lon + (self.rng.unit() - 0.5) * 0.12;
        let weight = self.rng.range(40, 250) as u64;
        let station = StationW {
            id: station_id,
            code: ps_code,
            locality,
            district: district_index,
            state: district.state,
            lat,
            lon,
            sho,
            ios: [io1, io2],
            asi,
            constables,
        };
        (station, weight)
    }
}

/// Two letters for the district in CNRs, unique within the state (`PUN` → `PU`).
fn cnr_letters(state: &str, district: &str, taken: &mut Vec<String>) -> String {
    let letters: Vec<char> = district.chars().filter(char::is_ascii_alphabetic).collect();
    let mut candidates: Vec<String> = Vec::new();
    for i in 0..letters.len() {
        for j in (i + 1)..letters.len() {
            if i == 0 {
                candidates.push(format!("{}{}", letters[i], letters[j]));
            }
        }
    }
    for a in 'A'..='Z' {
        for b in 'A'..='Z' {
            candidates.push(format!("{a}{b}"));
        }
    }
    let chosen = candidates
        .into_iter()
        .find(|c| !taken.contains(c))
        .unwrap_or_else(|| "XX".to_owned());
    taken.push(chosen.clone());
    format!("{state}{chosen}")
}
