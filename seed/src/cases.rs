//! The FIR generator: one FIR per slot, in registration order, and everything that follows
//! from it: the case and its investigating officers, case diary, arrests, seizures and
//! property, final report, court case with hearings, orders and disposals, custody in prison,
//! the complaint it came from; plus the station's other registers (complaints that did not
//! become FIRs, missing persons, unidentified bodies).
//!
//! Everything is dated against fixed instants ([`as_of`] is "today" for the data set), never
//! the clock, so the same seed always gives the same rows.

use std::collections::{BTreeMap, HashMap, VecDeque};

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};

use entities::enums::{
    Act, ArrestMode, BodyStatus, CaseStatus, ComplaintChannel, ComplaintStatus, CourtOrderKind,
    DisposalResult, FinalReportKind, FirType, FoundStatus, MissingStatus, MovementKind,
    OffenderStatus, PartyRole, PrisonerCategory, PropertyStatus, ReleaseReason, SeizureNature,
};
use sea_orm::ActiveEnum;

use super::bulk::{Bulk, T};
use super::crimes::{self, Catalogue, ChargeRef, Code, Crime, VictimKind};
use super::names::{self, Sex};
use super::org::{Staff, World};
use super::people::{Details, People, PersonRef, PoolPerson};
use super::property::{Factory, Item};
use super::rng::Rng;
use super::text::{self, Facts};
use super::v;

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .unwrap_or_default()
}

/// "Today" for the data set: nothing happens after this instant except hearings already
/// scheduled for later dates.
pub(crate) fn as_of() -> DateTime<Utc> {
    utc(2026, 3, 31, 12, 0)
}

/// The BNS and BNSS came into force at midnight IST on 1 July 2024.
fn bns_from() -> DateTime<Utc> {
    utc(2024, 6, 30, 18, 30)
}

const DAY: i64 = 86_400;
/// IST midnight is 18:30 UTC: FIRs are never registered between 18:30 UTC on 31 December and
/// midnight UTC, so the FIR year is the same in IST and UTC.
const NEW_YEAR_GAP: i64 = 5 * 3600 + 1800;

/// Maps FIR slots onto registration instants spread evenly over 2022–2025.
struct Timeline {
    start: i64,
    span: i64,
    windows: Vec<i64>,
    n: u64,
}

impl Timeline {
    fn new(n: u64) -> Self {
        let start = utc(2022, 1, 1, 0, 0).timestamp();
        let end = utc(2025, 12, 31, 18, 29).timestamp();
        let windows: Vec<i64> = (2022..2025)
            .map(|y| utc(y, 12, 31, 18, 30).timestamp())
            .collect();
        let span = end - start - NEW_YEAR_GAP * windows.len() as i64;
        Self {
            start,
            span,
            windows,
            n: n.max(1),
        }
    }

    fn time(&self, slot: u64, rng: &mut Rng) -> DateTime<Utc> {
        let lo = (i128::from(slot) * i128::from(self.span) / i128::from(self.n)) as i64;
        let hi = (i128::from(slot + 1) * i128::from(self.span) / i128::from(self.n)) as i64;
        let offset = lo
            + if hi > lo {
                rng.below((hi - lo) as u64) as i64
            } else {
                0
            };
        let mut real = self.start + offset;
        for &window in &self.windows {
            if real >= window {
                real += NEW_YEAR_GAP;
            }
        }
        DateTime::from_timestamp(real, 0).unwrap_or_default()
    }

    /// Seconds between consecutive slots.
    fn step(&self) -> f64 {
        self.span as f64 / self.n as f64
    }
}

/// A person's role in one FIR.
#[derive(Debug, Clone)]
struct Party {
    person: PersonRef,
    role: PartyRole,
    code: Option<String>,
    age: Option<i32>,
    juvenile: bool,
    at: DateTime<Utc>,
}

impl Party {
    /// A party in `role` from `at`, with no code yet and not a juvenile.
    fn new(person: PersonRef, role: PartyRole, age: Option<i32>, at: DateTime<Utc>) -> Self {
        Self {
            person,
            role,
            code: None,
            age,
            juvenile: false,
            at,
        }
    }
}

/// The complainant and the victim (aged `age`) of an FIR registered at `t`.
fn complaint(complainant: PersonRef, victim: PersonRef, age: i32, t: DateTime<Utc>) -> [Party; 2] {
    [
        Party::new(complainant, PartyRole::Complainant, None, t),
        Party::new(victim, PartyRole::Victim, Some(age), t),
    ]
}

/// A Zero FIR waiting to be registered afresh at the station with jurisdiction.
struct Transfer {
    zero_fir_id: i64,
    number: String,
    station: usize,
    crime: Crime,
    parties: Vec<Party>,
    relation: &'static str,
    under_16: bool,
    occurred_from: DateTime<Utc>,
}

/// Stolen property not (yet) recovered, which may turn up in a later FIR.
struct Stolen {
    state: usize,
    item: Item,
}

/// What the investigation of one FIR works from.
struct Fir {
    t: DateTime<Utc>,
    station: usize,
    crime: Crime,
    fir_id: i64,
    place: String,
    occurred_from: DateTime<Utc>,
    parties: Vec<Party>,
    party_ids: Vec<i64>,
    items: Vec<Item>,
    charges: Vec<ChargeRef>,
}

/// One accused as the investigation goes.
struct Accused {
    party: usize,
    available: DateTime<Utc>,
    absconding: bool,
    arrested: Option<DateTime<Utc>>,
    /// In custody from this instant (forwarded to judicial custody).
    custody: Option<DateTime<Utc>>,
    /// Verdict: result, sentence, days of imprisonment, date of judgment.
    result: Option<(DisposalResult, Option<String>, i64, DateTime<Utc>)>,
}

/// How an investigation ends, and when.
struct Ending {
    /// Accused named in the FIR.
    named: usize,
    /// No accused was named, but some were identified during the investigation.
    detected_late: bool,
    /// The final report it ends in.
    kind: FinalReportKind,
    /// Days it takes.
    days: i64,
    /// When the final report is filed.
    end: DateTime<Utc>,
}

/// One investigation as it goes: what its phases share.
struct Investigation {
    /// The police case.
    case_id: i64,
    /// When the case was opened.
    opened: DateTime<Utc>,
    /// The investigating officer (the new one after a change of IO).
    io: Staff,
    /// When the first investigating officer was assigned.
    assigned_at: DateTime<Utc>,
    /// How it ends.
    ending: Ending,
    /// Whether it has ended by today.
    concluded: bool,
    /// Nothing of the investigation happens after this instant (its end, or today).
    horizon: DateTime<Utc>,
    /// The accused, from the arrests on.
    accused: Vec<Accused>,
    /// The first arrest, if any.
    first_arrest: Option<DateTime<Utc>>,
}

/// A court case as the trial goes: what its phases share.
struct Trial {
    /// The court case.
    id: i64,
    /// The court.
    court: i64,
    /// When the court took cognizance.
    cognizance: DateTime<Utc>,
    /// When the judgment is (or would be) pronounced.
    decided: DateTime<Utc>,
    /// Whether the case is disposed of by today.
    disposed: bool,
}

impl Trial {
    /// Nothing of the trial happens after this instant (the judgment, or today).
    fn stage_end(&self) -> DateTime<Utc> {
        if self.disposed { self.decided } else { as_of() }
    }
}

/// The generator's state across FIRs.
pub(crate) struct Gen<'w> {
    world: &'w World,
    catalogue: &'w Catalogue,
    people: People<'w>,
    /// Row buffers and ids.
    pub(crate) bulk: Bulk,
    rng: Rng,
    /// Draws for what was added to the data after its first version (modus operandi,
    /// found persons), kept apart so that every earlier draw, and so the demo data, stay
    /// as they were.
    later: Rng,
    factory: Factory,
    timeline: Timeline,
    n: u64,
    serials: BTreeMap<(i64, i32), i32>,
    court_numbers: HashMap<(i64, i32), i32>,
    prisoners: HashMap<i64, u32>,
    remands: HashMap<i64, u32>,
    petitions: HashMap<(i64, i32), u32>,
    pool: Vec<PoolPerson>,
    pool_by_state: Vec<Vec<usize>>,
    stolen: VecDeque<Stolen>,
    transfers: BTreeMap<u64, Transfer>,
    /// `(zero FIR, FIR registered on transfer)` pairs written since the last take.
    transfer_links: Vec<(i64, i64)>,
    citizens: u64,
}

const STOLEN_BUFFER: usize = 20_000;

impl<'w> Gen<'w> {
    /// A generator for `n` FIRs over `world`.
    pub(crate) fn new(
        world: &'w World,
        catalogue: &'w Catalogue,
        mut bulk: Bulk,
        seed: u64,
        n: u64,
    ) -> Self {
        let key = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5EED;
        let people = People { world, key };
        let mut pool_rng = Rng::new(seed, 2);
        let pool_size = if n == 0 {
            0
        } else {
            (n / 150).clamp(12, 20_000) as usize
        };
        let pool = people.pool(&mut bulk, &mut pool_rng, pool_size);
        let mut pool_by_state = vec![Vec::new(); world.states.len()];
        for (i, p) in pool.iter().enumerate() {
            pool_by_state[p.state].push(i);
        }
        Self {
            world,
            catalogue,
            people,
            bulk,
            rng: Rng::new(seed, 3),
            later: Rng::new(seed, 4),
            factory: Factory::new(key),
            timeline: Timeline::new(n),
            n,
            serials: BTreeMap::new(),
            court_numbers: HashMap::new(),
            prisoners: HashMap::new(),
            remands: HashMap::new(),
            petitions: HashMap::new(),
            pool,
            pool_by_state,
            stolen: VecDeque::with_capacity(STOLEN_BUFFER),
            transfers: BTreeMap::new(),
            transfer_links: Vec::new(),
            citizens: (n / 40).max(3),
        }
    }

    /// The last serial of every station and year, in order.
    pub(crate) fn serials(&self) -> impl Iterator<Item = (&(i64, i32), &i32)> {
        self.serials.iter()
    }

    /// Takes the `(zero FIR, transferred FIR)` pairs to link since the last call.
    pub(crate) fn take_transfer_links(&mut self) -> Vec<(i64, i64)> {
        std::mem::take(&mut self.transfer_links)
    }

    fn minutes(&mut self, lo: i64, hi: i64) -> Duration {
        Duration::minutes(self.rng.range(lo, hi))
    }

    fn days(&mut self, lo: i64, hi: i64) -> Duration {
        Duration::seconds(self.rng.range(lo * DAY, hi * DAY))
    }

    /// Writes the FIR of `slot` and everything that follows from it.
    pub(crate) fn fir(&mut self, slot: u64) {
        let world = self.world;
        let t = self.timeline.time(slot, &mut self.rng);
        let transfer = self.transfers.remove(&slot);
        let station = match &transfer {
            Some(tr) => tr.station,
            None => world.pick_station(&mut self.rng),
        };
        let crime = match &transfer {
            Some(tr) => tr.crime,
            None => self.rng.weighted_copy(crimes::CRIME_WEIGHTS),
        };
        let st = &world.stations[station];
        let district = &world.districts[st.district];
        let state = &world.states[st.state];
        let code = if t < bns_from() { Code::Ipc } else { Code::Bns };
        let year = t.year();
        let serial = {
            let counter = self.serials.entry((st.id, year)).or_insert(0);
            *counter += 1;
            *counter
        };
        let fir_id = self.bulk.id(T::Fir);
        let number = format!("{serial:04}/{year}");

        // Occurrence.
        let (occurred_from, occurred_to) = match &transfer {
            Some(tr) => (tr.occurred_from, None),
            None => self.occurrence(crime, t),
        };
        let info_received = (t - self.minutes(5, 90)).max(occurred_from);
        let delay_reason = (t - occurred_from > Duration::days(3)
            && !matches!(crime, Crime::Cruelty | Crime::Cheating | Crime::Forgery)
            && self.rng.chance(0.7))
        .then(|| text::delay_reason(&mut self.rng).to_owned());
        let place = self.place_of_occurrence(station);
        let online = matches!(crime, Crime::CyberFraud | Crime::Obscenity);

        // Parties.
        let (parties, relation, child_under_16) = match &transfer {
            Some(tr) => (tr.parties.clone(), tr.relation, tr.under_16),
            None => self.parties(crime, station, t),
        };
        let named = parties
            .iter()
            .filter(|p| p.role == PartyRole::Accused)
            .count();
        let charges = crimes::charges(&mut self.rng, crime, code, named.max(1), child_under_16);
        let protected = self.write_charges(fir_id, t, crime, &charges);
        let party_ids: Vec<i64> = parties
            .iter()
            .map(|p| self.write_party(fir_id, p))
            .collect();

        // Stolen property and the amount involved.
        let items = self.stolen_items(crime, state.geo.code);
        let property_value = self.property_value(crime, &items);
        let mut fir = Fir {
            t,
            station,
            crime,
            fir_id,
            place,
            occurred_from,
            parties,
            party_ids,
            items,
            charges,
        };

        let fir_type = self.fir_type(crime, transfer.is_some(), named);
        let zero = fir_type == FirType::Zero;
        let e_fir = fir_type == FirType::EFir;
        let narrative = self.fir_narrative(
            &fir,
            relation,
            property_value,
            transfer.as_ref().map(|tr| tr.number.as_str()),
        );
        let (lat, lon) = if online {
            (None, None)
        } else {
            let (lat, lon) = self.spot_near_station(station);
            (Some(lat), Some(lon))
        };
        let registered_by = self.registering_officer(station, e_fir);
        let (transferred_from, original_number) = match &transfer {
            Some(tr) => {
                self.transfer_links.push((tr.zero_fir_id, fir_id));
                (Some(tr.zero_fir_id), Some(tr.number.clone()))
            }
            None => (None, None),
        };
        let place_address = if online {
            "Online (complainant's residence)".to_owned()
        } else {
            format!("{}, {}, {}", fir.place, district.geo.name, state.geo.name)
        };
        self.bulk.push(
            T::Fir,
            [
                v::big(fir_id),
                v::big(st.id),
                v::int(year),
                v::int(serial),
                v::enumeration(fir_type),
                v::ts(t),
                v::ts(info_received),
                v::ts(occurred_from),
                v::opt_ts(occurred_to),
                v::string(place_address),
                v::opt_text((!online).then(|| format!("Beat No. {}", self.rng.range(1, 8)))),
                v::opt_double(lat),
                v::opt_double(lon),
                v::opt_text(delay_reason),
                v::string(narrative),
                v::opt_big(property_value),
                v::opt_big(registered_by),
                v::boolean(protected),
                v::opt_big(transferred_from),
                v::opt_big(None),
                v::opt_text(original_number),
                v::ts(t),
            ],
        );

        if e_fir || self.rng.chance(0.12) {
            self.fir_complaint(&fir, e_fir, online);
        }
        if zero {
            // Registered here, investigated where the offence happened.
            self.transfer_zero_fir(
                slot,
                fir,
                format!("{} {number}", st.code),
                relation,
                child_under_16,
            );
        } else {
            if crime == Crime::Kidnapping
                && let Some(victim) = fir.parties.iter().find(|p| p.role == PartyRole::Victim)
            {
                let victim = victim.clone();
                let place = fir.place.clone();
                self.missing_victim(station, t, &victim, &place);
            }
            self.investigate(&mut fir);
        }
        self.registers(station, t);
    }

    /// Where in the station's area (mostly its own locality) an offence happened: `near
    /// <landmark>, <locality>`.
    fn place_of_occurrence(&mut self, station: usize) -> String {
        let st = &self.world.stations[station];
        let district = &self.world.districts[st.district];
        let locality = if self.rng.chance(0.7) {
            st.locality.clone()
        } else {
            (self.rng.pick_copy(&district.geo.localities)).to_owned()
        };
        let landmark = self.rng.pick_copy(super::geo::landmarks());
        format!("near {landmark}, {locality}")
    }

    /// A spot within about a kilometre of the station, to five decimals (latitude, longitude).
    fn spot_near_station(&mut self, station: usize) -> (f64, f64) {
        let st = &self.world.stations[station];
        (
            ((st.lat + (self.rng.unit() - 0.5) * 0.02) * 1e5).round() / 1e5,
            ((st.lon + (self.rng.unit() - 0.5) * 0.02) * 1e5).round() / 1e5,
        )
    }

    /// Writes the FIR's charges in order, and (on the later stream) its modus operandi for
    /// 70% of crimes that have one; returns whether a charge makes the FIR protected (names of
    /// victims withheld).
    fn write_charges(
        &mut self,
        fir_id: i64,
        t: DateTime<Utc>,
        crime: Crime,
        charges: &[ChargeRef],
    ) -> bool {
        let mut protected = false;
        for (position, charge) in charges.iter().enumerate() {
            let (statute, flag) = self.catalogue.resolve(*charge);
            protected |= flag;
            let charge_id = self.bulk.id(T::Charge);
            self.bulk.push(
                T::Charge,
                [
                    v::big(charge_id),
                    v::big(fir_id),
                    v::opt_big(statute),
                    v::enumeration(charge.0),
                    v::text(charge.1),
                    v::int(position as i32 + 1),
                    v::ts(t),
                    v::opt_ts(None),
                    v::opt_big(None),
                ],
            );
        }
        let ways = crime.modus_operandi();
        if !ways.is_empty() && self.later.chance(0.7) {
            let way = self.later.pick_copy(ways);
            self.bulk
                .push(T::FirModusOperandi, [v::big(fir_id), v::text(way)]);
        }
        protected
    }

    /// The amount involved: the sum cheated or defrauded, or the value of the stolen items.
    fn property_value(&mut self, crime: Crime, items: &[Item]) -> Option<i64> {
        match crime {
            Crime::Cheating | Crime::Forgery => Some(self.rng.range(20, 2_000) * 5_000),
            Crime::CyberFraud => Some(self.rng.range(2, 800) * 1_000 + self.rng.range(0, 999)),
            _ if !items.is_empty() => Some(items.iter().filter_map(|i| i.value).sum()),
            _ => None,
        }
    }

    /// The FIR's type: Zero FIRs for offences elsewhere (never for an FIR received on
    /// transfer); e-FIRs for thefts by unknown persons (`named` accused).
    fn fir_type(&mut self, crime: Crime, transferred: bool, named: usize) -> FirType {
        let zero = !transferred
            && crime.zero_fir_prone()
            && self.world.stations.len() > 1
            && self.rng.chance(0.05);
        let e_fir = !transferred
            && !zero
            && named == 0
            && matches!(crime, Crime::TheftMobile | Crime::TheftVehicle)
            && self.rng.chance(0.5);
        if zero {
            FirType::Zero
        } else if e_fir {
            FirType::EFir
        } else {
            FirType::Regular
        }
    }

    /// The FIR's narrative, as written by one of the station's IOs; `zero_fir` is the number
    /// of the Zero FIR it was received on transfer as, if any.
    fn fir_narrative(
        &mut self,
        fir: &Fir,
        relation: &str,
        property_value: Option<i64>,
        zero_fir: Option<&str>,
    ) -> String {
        let st = &self.world.stations[fir.station];
        let district = &self.world.districts[st.district];
        let io_for_text = st.ios[self.rng.index(2)].clone();
        let complainant = fir
            .parties
            .iter()
            .find(|p| p.role == PartyRole::Complainant);
        let victim = fir.parties.iter().find(|p| p.role == PartyRole::Victim);
        let accused: Vec<&Party> = fir
            .parties
            .iter()
            .filter(|p| p.role == PartyRole::Accused)
            .collect();
        let accused_text = match accused.len() {
            0 => {
                if self.rng.chance(0.5) {
                    "unknown persons".to_owned()
                } else {
                    "an unknown person".to_owned()
                }
            }
            1 => format!("the accused {}", accused[0].person.name),
            2 => format!("the accused {} and one other", accused[0].person.name),
            k => format!(
                "the accused {} and {} others",
                accused[0].person.name,
                k - 1
            ),
        };
        let item_text = match fir.items.len() {
            0 => "a mobile phone and documents".to_owned(),
            _ => fir
                .items
                .iter()
                .take(3)
                .map(Item::phrase)
                .collect::<Vec<_>>()
                .join(", "),
        };
        let when = text::when(fir.occurred_from);
        let facts = Facts {
            when: &when,
            place: &format!("{}, {}", fir.place, district.geo.name),
            complainant: complainant.map_or("(suo motu)", |p| p.person.name.as_str()),
            victim: victim.map_or("the victim", |p| p.person.name.as_str()),
            accused: &accused_text,
            items: &item_text,
            value: property_value.unwrap_or(0),
            officer: &format!("SI {}", io_for_text.name),
            relation,
        };
        let mut narrative = text::narrative(&mut self.rng, fir.crime, &facts);
        if let Some(number) = zero_fir {
            narrative.push_str(&format!(" Received on transfer as Zero FIR {number}."));
        }
        narrative
    }

    /// Who registered the FIR at the station: nobody for an e-FIR, otherwise the SHO, the ASI
    /// or the head constable.
    fn registering_officer(&mut self, station: usize, e_fir: bool) -> Option<i64> {
        let st = &self.world.stations[station];
        if e_fir {
            None
        } else if self.rng.chance(0.3) {
            Some(st.sho.id)
        } else if self.rng.chance(0.5) {
            Some(st.asi.id)
        } else {
            Some(st.constables[0].id)
        }
    }

    /// The complaint an FIR came from: an e-FIR's own, or a written, walk-in or portal
    /// complaint.
    fn fir_complaint(&mut self, fir: &Fir, e_fir: bool, online: bool) {
        let complainant_id = fir
            .parties
            .iter()
            .find(|p| p.role == PartyRole::Complainant)
            .map(|p| p.person.id);
        let channel = if e_fir {
            ComplaintChannel::EFir
        } else {
            *self.rng.weighted(&[
                (ComplaintChannel::Written, 5),
                (ComplaintChannel::WalkIn, 3),
                (ComplaintChannel::Portal, 2),
            ])
        };
        let citizen = matches!(channel, ComplaintChannel::EFir | ComplaintChannel::Portal)
            .then(|| self.citizen());
        let received = fir.t - self.minutes(20, 900);
        let description = format!(
            "{} reported {} {}.",
            fir.crime.label(),
            if online { "online" } else { "at" },
            if online { "" } else { fir.place.as_str() }
        );
        self.complaint(
            fir.station,
            received,
            channel,
            fir.crime.label(),
            complainant_id,
            citizen,
            description.trim_end_matches(" .").to_owned() + "",
            ComplaintStatus::ConvertedToFir,
            Some(fir.fir_id),
            None,
        );
    }

    /// Schedules a Zero FIR's transfer to another station, where it is registered again a day
    /// to six days later (if that falls within the run); `number` is the Zero FIR's number as
    /// quoted there.
    fn transfer_zero_fir(
        &mut self,
        slot: u64,
        fir: Fir,
        number: String,
        relation: &'static str,
        under_16: bool,
    ) {
        let world = self.world;
        let mut target = world.pick_station(&mut self.rng);
        while target == fir.station {
            target = world.pick_station(&mut self.rng);
        }
        let delay = self.rng.range(DAY, 6 * DAY) as f64;
        let mut at = slot + ((delay / self.timeline.step()).ceil() as u64).max(1);
        while self.transfers.contains_key(&at) {
            at += 1;
        }
        if at < self.n {
            self.transfers.insert(
                at,
                Transfer {
                    zero_fir_id: fir.fir_id,
                    number,
                    station: target,
                    crime: fir.crime,
                    parties: fir.parties,
                    relation,
                    under_16,
                    occurred_from: fir.occurred_from,
                },
            );
        }
    }

    /// When the offence happened (from, to).
    fn occurrence(
        &mut self,
        crime: Crime,
        t: DateTime<Utc>,
    ) -> (DateTime<Utc>, Option<DateTime<Utc>>) {
        match crime {
            Crime::Ndps | Crime::Arms | Crime::ReceivingStolen => (t - self.minutes(60, 240), None),
            Crime::Cruelty => {
                let from = t - self.days(60, 1500);
                (from, Some(t - self.days(1, 10)))
            }
            Crime::Cheating | Crime::Forgery => (t - self.days(20, 400), None),
            Crime::CyberFraud | Crime::Obscenity => (t - self.days(0, 20), None),
            Crime::Burglary | Crime::TheftVehicle | Crime::TheftOther => {
                let from = t - Duration::hours(self.rng.range(6, 60));
                (from, Some(from + Duration::hours(self.rng.range(1, 10))))
            }
            Crime::Kidnapping => (t - Duration::hours(self.rng.range(10, 96)), None),
            _ => {
                if self.rng.chance(0.1) {
                    (t - self.days(3, 20), None)
                } else {
                    (t - self.minutes(40, 720), None)
                }
            }
        }
    }

    /// A new person in the district of `station`.
    fn person(
        &mut self,
        station: usize,
        at: DateTime<Utc>,
        sex: Sex,
        age: i32,
        details: Details,
    ) -> PersonRef {
        let world = self.world;
        let region = world.region(station);
        self.people.create(
            &mut self.bulk,
            &mut self.rng,
            at,
            region,
            sex,
            age,
            world.stations[station].district,
            details,
        )
    }

    /// A new person named as a member of `head`'s family.
    fn family(
        &mut self,
        station: usize,
        at: DateTime<Utc>,
        sex: Sex,
        age: i32,
        head: &str,
        details: Details,
    ) -> PersonRef {
        let world = self.world;
        let region = world.region(station);
        let full = names::family_name(&mut self.rng, region, sex, head);
        let birth_year = self.rng.chance(0.88).then(|| at.year() - age);
        self.people.write(
            &mut self.bulk,
            &mut self.rng,
            at,
            &full,
            head,
            sex,
            birth_year,
            None,
            world.stations[station].district,
            details,
            None,
        )
    }

    /// A relative of `victim` who reports the offence, named as the family is: the father is
    /// the victim's recorded relative, mother and brother carry the father's name, a wife or
    /// son the victim's. A married victim's parents are of another family.
    fn relative_of(
        &mut self,
        station: usize,
        t: DateTime<Utc>,
        victim: &PersonRef,
        married: bool,
        relation: &str,
        age: i32,
    ) -> PersonRef {
        let details = Details::COMPLAINANT;
        let older = age + self.rng.range(20, 32) as i32;
        match relation {
            "father" | "husband" if !married || relation == "husband" => {
                let cage = if relation == "father" {
                    older
                } else {
                    age + self.rng.range(0, 6) as i32
                };
                let grandfather =
                    names::person_name(&mut self.rng, self.world.region(station), Sex::Male)
                        .relative;
                let birth_year = self.rng.chance(0.88).then(|| t.year() - cage.min(90));
                self.people.write(
                    &mut self.bulk,
                    &mut self.rng,
                    t,
                    &victim.relative.clone(),
                    &grandfather,
                    Sex::Male,
                    birth_year,
                    None,
                    self.world.stations[station].district,
                    details,
                    None,
                )
            }
            "mother" if !married => self.family(
                station,
                t,
                Sex::Female,
                older.min(90),
                &victim.relative.clone(),
                details,
            ),
            "brother" if !married => {
                let cage = (age + self.rng.range(-6, 6) as i32).max(18);
                self.family(
                    station,
                    t,
                    Sex::Male,
                    cage,
                    &victim.relative.clone(),
                    details,
                )
            }
            "wife" => {
                let cage = (age - self.rng.range(0, 6) as i32).max(18);
                self.family(station, t, Sex::Female, cage, &victim.name.clone(), details)
            }
            "son" => {
                let cage = (age - self.rng.range(22, 30) as i32).max(18);
                self.family(station, t, Sex::Male, cage, &victim.name.clone(), details)
            }
            _ => {
                let sex = if relation == "mother" {
                    Sex::Female
                } else {
                    Sex::Male
                };
                self.person(station, t, sex, older.min(90), details)
            }
        }
    }

    fn adult_age(&mut self) -> i32 {
        if self.rng.chance(0.75) {
            self.rng.range(19, 40) as i32
        } else {
            self.rng.range(41, 68) as i32
        }
    }

    /// The complainant, victim, accused, witnesses and suspects of a new FIR; with the
    /// complainant's relation to the victim and whether the victim is a child under 16.
    fn parties(
        &mut self,
        crime: Crime,
        station: usize,
        t: DateTime<Utc>,
    ) -> (Vec<Party>, &'static str, bool) {
        let profile = crime.profile();
        let mut parties: Vec<Party> = Vec::with_capacity(6);
        let named = self.rng.chance(profile.named);
        let family_crime = matches!(crime, Crime::Cruelty | Crime::DowryDeath);

        // In family crimes the husband is A1 and the victim is named after him.
        let husband = if family_crime {
            let age = self.rng.range(23, 42) as i32;
            let person = self.person(station, t, Sex::Male, age, Details::ACCUSED);
            Some((person, age))
        } else {
            None
        };

        let (relation, under_16) = match profile.victim {
            VictimKind::None => ("self", false),
            VictimKind::Adult(female) | VictimKind::Deceased(female) => {
                let deceased = matches!(profile.victim, VictimKind::Deceased(_));
                let (relation, pair) =
                    self.adult_victim(crime, station, t, female, deceased, husband.as_ref());
                parties.extend(pair);
                (relation, false)
            }
            VictimKind::Woman => {
                let (relation, pair) = self.woman_victim(crime, station, t, husband.as_ref());
                parties.extend(pair);
                (relation, false)
            }
            VictimKind::Child(female) => {
                let (relation, under_16, pair) = self.child_victim(crime, station, t, female);
                parties.extend(pair);
                (relation, under_16)
            }
        };

        // Accused.
        if named {
            let count = self.rng.range(profile.accused.0, profile.accused.1) as usize;
            for k in 0..count {
                let (person, age) = match &husband {
                    Some((h, age)) if k == 0 => (h.clone(), *age),
                    Some((h, _)) => self.in_law(station, t, k, &h.relative),
                    None => self.accused_person(crime, station, t, &parties),
                };
                parties.push(Party {
                    person,
                    role: PartyRole::Accused,
                    code: None,
                    age: Some(age),
                    juvenile: age < 18,
                    at: t,
                });
            }
        } else if self.rng.chance(0.08) {
            let age = self.adult_age();
            let suspect = self.person(station, t, Sex::Male, age, Details::WITNESS);
            parties.push(Party::new(suspect, PartyRole::Suspect, Some(age), t));
        }
        number_accused(&mut parties);

        self.witnesses(station, t, &mut parties);
        (parties, relation, under_16)
    }

    /// The complainant and victim of a crime against an adult (`deceased` or not; female
    /// with probability `female`), with the complainant's relation to the victim. In a
    /// family crime the victim is the `husband`'s wife.
    fn adult_victim(
        &mut self,
        crime: Crime,
        station: usize,
        t: DateTime<Utc>,
        female: f64,
        deceased: bool,
        husband: Option<&(PersonRef, i32)>,
    ) -> (&'static str, [Party; 2]) {
        let sex = if self.rng.chance(0.004) {
            Sex::Transgender
        } else if self.rng.chance(female) {
            Sex::Female
        } else {
            Sex::Male
        };
        let age = match crime {
            Crime::DowryDeath => self.rng.range(19, 32) as i32,
            Crime::RoadDeath => self.rng.range(8, 80) as i32,
            _ => self.adult_age(),
        };
        let victim = match husband {
            Some((h, _)) => self.family(station, t, Sex::Female, age, &h.name, Details::VICTIM),
            None => self.person(
                station,
                t,
                sex,
                age,
                if deceased {
                    Details::VICTIM
                } else {
                    Details::COMPLAINANT
                },
            ),
        };
        let relation = if deceased {
            Some(match (sex, self.rng.below(4)) {
                (_, 0) => "father",
                (_, 1) => "brother",
                (Sex::Female, _) if crime != Crime::DowryDeath => "husband",
                (Sex::Female, _) => "mother",
                (_, 2) if age >= 30 => "wife",
                _ if age >= 45 => "son",
                _ => "brother",
            })
        } else {
            None
        };
        self.reported(station, t, victim, age, husband.is_some(), relation)
    }

    /// The complainant and victim of a crime against a woman (in a family crime, the
    /// `husband`'s wife), with the complainant's relation to her: herself, or now and then a
    /// parent.
    fn woman_victim(
        &mut self,
        crime: Crime,
        station: usize,
        t: DateTime<Utc>,
        husband: Option<&(PersonRef, i32)>,
    ) -> (&'static str, [Party; 2]) {
        let age = match crime {
            Crime::Rape => self.rng.range(18, 35) as i32,
            _ => self.rng.range(19, 45) as i32,
        };
        let victim = match husband {
            Some((h, _)) => {
                self.family(station, t, Sex::Female, age, &h.name, Details::COMPLAINANT)
            }
            None => self.person(station, t, Sex::Female, age, Details::COMPLAINANT),
        };
        let by_parent = match crime {
            Crime::Cruelty => self.rng.chance(0.12),
            Crime::Rape => self.rng.chance(0.1),
            _ => false,
        };
        let relation = if !by_parent {
            None
        } else if crime == Crime::Rape || self.rng.chance(0.4) {
            Some("mother")
        } else {
            Some("father")
        };
        self.reported(station, t, victim, age, husband.is_some(), relation)
    }

    /// The complainant and the `victim` (aged `age`, `married` or not) of an FIR, with the
    /// complainant's relation to the victim: the victim themself, or their `relation`.
    fn reported(
        &mut self,
        station: usize,
        t: DateTime<Utc>,
        victim: PersonRef,
        age: i32,
        married: bool,
        relation: Option<&'static str>,
    ) -> (&'static str, [Party; 2]) {
        let (relation, complainant) = match relation {
            Some(relation) => (
                relation,
                self.relative_of(station, t, &victim, married, relation, age),
            ),
            None => ("self", victim.clone()),
        };
        (relation, complaint(complainant, victim, age, t))
    }

    /// The complaining parent and the child victim (female with probability `female`) of a
    /// crime against a child, with the parent's relation to the child and whether the child
    /// is under 16.
    fn child_victim(
        &mut self,
        crime: Crime,
        station: usize,
        t: DateTime<Utc>,
        female: f64,
    ) -> (&'static str, bool, [Party; 2]) {
        let sex = if self.rng.chance(female) {
            Sex::Female
        } else {
            Sex::Male
        };
        let age = match crime {
            Crime::Pocso => self.rng.range(5, 17) as i32,
            _ => self.rng.range(8, 17) as i32,
        };
        let father = self.rng.chance(0.65);
        let relation = if father { "father" } else { "mother" };
        let parent_age = age + self.rng.range(22, 34) as i32;
        let parent = self.person(
            station,
            t,
            if father { Sex::Male } else { Sex::Female },
            parent_age,
            Details::COMPLAINANT,
        );
        // The child carries the father's name (or the mother's husband's).
        let head = if father {
            parent.name.clone()
        } else {
            parent.relative.clone()
        };
        let child = self.family(
            station,
            t,
            sex,
            age,
            &head,
            Details {
                phone: 0.0,
                identity: 0.05,
                alias: 0.0,
                address: 0.9,
            },
        );
        (relation, age < 16, complaint(parent, child, age, t))
    }

    /// The `k`th accused (from 1) of a family crime after the husband: his mother, his
    /// father (named `husband_father`) or his sister; with their age.
    fn in_law(
        &mut self,
        station: usize,
        t: DateTime<Utc>,
        k: usize,
        husband_father: &str,
    ) -> (PersonRef, i32) {
        // In-laws: mother-in-law, father-in-law, sister-in-law.
        let (sex, age) = match k {
            1 => (Sex::Female, self.rng.range(45, 65) as i32),
            2 => (Sex::Male, self.rng.range(50, 72) as i32),
            _ => (Sex::Female, self.rng.range(19, 32) as i32),
        };
        let person = if k == 2 {
            let birth_year = Some(t.year() - age);
            let grandfather =
                names::person_name(&mut self.rng, self.world.region(station), Sex::Male).relative;
            self.people.write(
                &mut self.bulk,
                &mut self.rng,
                t,
                husband_father,
                &grandfather,
                Sex::Male,
                birth_year,
                None,
                self.world.stations[station].district,
                Details::ACCUSED,
                None,
            )
        } else {
            self.family(station, t, sex, age, husband_father, Details::ACCUSED)
        };
        (person, age)
    }

    /// Adds the witnesses of a new FIR to its `parties`: panchas, neighbours, and now and
    /// then a known face from elsewhere.
    fn witnesses(&mut self, station: usize, t: DateTime<Utc>, parties: &mut Vec<Party>) {
        let witnesses = self.rng.weighted_copy(&[(0usize, 45), (1, 35), (2, 20)]);
        for _ in 0..witnesses {
            let from_pool = self
                .rng
                .chance(0.03)
                .then(|| self.pool_pick(station))
                .flatten();
            let person = match from_pool {
                Some(p)
                    if !parties
                        .iter()
                        .any(|q| q.person.id == self.pool[p].person.id) =>
                {
                    self.pool[p].person.clone()
                }
                _ => {
                    let age = self.adult_age();
                    let sex = if self.rng.chance(0.75) {
                        Sex::Male
                    } else {
                        Sex::Female
                    };
                    self.person(station, t, sex, age, Details::WITNESS)
                }
            };
            parties.push(Party::new(person, PartyRole::Witness, None, t));
        }
    }

    /// A repeat offender of the station's state (or anywhere), if any.
    fn pool_pick(&mut self, station: usize) -> Option<usize> {
        let state = self.world.stations[station].state;
        let local = &self.pool_by_state[state];
        if !local.is_empty() && self.rng.chance(0.8) {
            return Some(local[self.rng.index(local.len())]);
        }
        (!self.pool.is_empty()).then(|| self.rng.index(self.pool.len()))
    }

    /// An accused: often a first-timer, sometimes a repeat offender (under his own name, a
    /// variant spelling of it, or a duplicate record).
    fn accused_person(
        &mut self,
        crime: Crime,
        station: usize,
        t: DateTime<Utc>,
        parties: &[Party],
    ) -> (PersonRef, i32) {
        let repeat = match crime {
            Crime::TheftMobile
            | Crime::TheftVehicle
            | Crime::TheftOther
            | Crime::Burglary
            | Crime::Robbery
            | Crime::Dacoity
            | Crime::ReceivingStolen => 0.18,
            Crime::Ndps | Crime::Arms => 0.15,
            Crime::Hurt
            | Crime::GrievousHurt
            | Crime::Intimidation
            | Crime::Rioting
            | Crime::AttemptToMurder
            | Crime::Murder
            | Crime::Cheating
            | Crime::CyberFraud => 0.05,
            _ => 0.0,
        };
        if self.rng.chance(repeat)
            && let Some(index) = self.pool_pick(station)
            && let Some(birth_year) = self.pool[index].person.birth_year
        {
            let age = t.year() - birth_year;
            let original = self.pool[index].person.clone();
            let already = parties.iter().any(|p| p.person.pool == Some(index));
            if !already && (12..=75).contains(&age) {
                if self.rng.chance(0.25) {
                    // The same man, recorded afresh with his name spelt differently.
                    let spelt = names::variant_spelling(&mut self.rng, &original.name)
                        .unwrap_or_else(|| original.name.clone());
                    let sex = self.pool[index].sex;
                    let district = self.pool[index].district;
                    let person = self.people.write(
                        &mut self.bulk,
                        &mut self.rng,
                        t,
                        &spelt,
                        &original.relative,
                        sex,
                        Some(birth_year),
                        None,
                        district,
                        Details {
                            phone: 0.3,
                            identity: 0.0,
                            alias: 0.2,
                            address: 0.9,
                        },
                        Some(index),
                    );
                    return (person, age);
                }
                return (original, age);
            }
        }
        let profile = crime.profile();
        let age = if self.rng.chance(profile.juvenile) {
            self.rng.range(12, 17) as i32
        } else {
            self.adult_age()
        };
        let female = match crime {
            Crime::Rape | Crime::Pocso | Crime::Molestation | Crime::Obscenity => 0.0,
            Crime::Cheating | Crime::CyberFraud | Crime::Ndps => 0.12,
            _ => 0.07,
        };
        let sex = if self.rng.chance(female) {
            Sex::Female
        } else {
            Sex::Male
        };
        (self.person(station, t, sex, age, Details::ACCUSED), age)
    }

    fn write_party(&mut self, fir_id: i64, p: &Party) -> i64 {
        let id = self.bulk.id(T::CaseParty);
        let age = if matches!(
            p.role,
            PartyRole::Accused | PartyRole::Victim | PartyRole::Suspect
        ) {
            p.age
        } else {
            None
        };
        self.bulk.push(
            T::CaseParty,
            [
                v::big(id),
                v::big(fir_id),
                v::big(p.person.id),
                v::enumeration(p.role),
                v::opt_text(p.code.clone()),
                v::opt_int(age),
                v::boolean(p.role == PartyRole::Accused && p.juvenile),
                v::ts(p.at),
            ],
        );
        id
    }

    /// Property reported stolen in the FIR.
    fn stolen_items(&mut self, crime: Crime, state: &str) -> Vec<Item> {
        let mut items = Vec::new();
        let reg_state = |rng: &mut Rng| -> String {
            if rng.chance(0.9) {
                state.to_owned()
            } else {
                (rng.pick_copy(&["MH", "KA", "DL", "UP", "GJ", "TN", "RJ", "HR"])).to_owned()
            }
        };
        match crime {
            Crime::TheftMobile => {
                items.push(self.factory.mobile(&mut self.rng));
                if self.rng.chance(0.2) {
                    items.push(Factory::cash(&mut self.rng));
                }
            }
            Crime::TheftVehicle => {
                let st = reg_state(&mut self.rng);
                items.push(self.factory.vehicle(&mut self.rng, &st));
            }
            Crime::TheftOther => items.push(match self.rng.below(3) {
                0 => Factory::jewellery(&mut self.rng),
                1 => Factory::cash(&mut self.rng),
                _ => Factory::other(&mut self.rng),
            }),
            Crime::Burglary => {
                items.push(Factory::jewellery(&mut self.rng));
                items.push(Factory::cash(&mut self.rng));
                if self.rng.chance(0.4) {
                    items.push(Factory::other(&mut self.rng));
                }
                if self.rng.chance(0.2) {
                    items.push(self.factory.mobile(&mut self.rng));
                }
            }
            Crime::Robbery => {
                if self.rng.chance(0.6) {
                    items.push(self.factory.mobile(&mut self.rng));
                }
                if self.rng.chance(0.5) {
                    items.push(Factory::jewellery(&mut self.rng));
                }
                items.push(Factory::cash(&mut self.rng));
            }
            Crime::Dacoity => {
                items.push(Factory::cash(&mut self.rng));
                items.push(Factory::jewellery(&mut self.rng));
                items.push(self.factory.mobile(&mut self.rng));
            }
            _ => {}
        }
        items
    }

    fn pick_stolen(&mut self, state: usize) -> Option<Item> {
        if self.stolen.is_empty() {
            return None;
        }
        let len = self.stolen.len();
        // Prefer property stolen in the same state, among the most recent.
        let mut chosen = None;
        for k in 0..len.min(200) {
            let i = len - 1 - k;
            if self.stolen[i].state == state {
                chosen = Some(i);
                break;
            }
        }
        let i = chosen.unwrap_or_else(|| self.rng.index(len));
        self.stolen.swap_remove_back(i).map(|s| s.item)
    }

    fn write_item(
        &mut self,
        fir_id: i64,
        seizure: Option<i64>,
        item: &Item,
        status: PropertyStatus,
    ) {
        let id = self.bulk.id(T::PropertyItem);
        let normalized = item
            .registration
            .as_deref()
            .map(entities::property_key::identifier);
        self.bulk.push(
            T::PropertyItem,
            [
                v::big(id),
                v::big(fir_id),
                v::opt_big(seizure),
                v::enumeration(item.category),
                v::text(&item.description),
                v::opt_big(item.value),
                v::enumeration(status),
                v::opt_text(item.registration.clone()),
                v::opt_text(normalized),
                v::opt_text(item.chassis.clone()),
                v::opt_text(item.engine.clone()),
                v::opt_text(item.imei.clone()),
                v::opt_text(item.arm_serial.clone()),
                v::opt_text(item.make.map(str::to_owned)),
                v::opt_text(item.model.map(str::to_owned)),
            ],
        );
    }

    fn seizure(
        &mut self,
        case_id: i64,
        at: DateTime<Utc>,
        place: String,
        nature: SeizureNature,
        by: i64,
    ) -> i64 {
        let id = self.bulk.id(T::Seizure);
        self.bulk.push(
            T::Seizure,
            [
                v::big(id),
                v::big(case_id),
                v::ts(at),
                v::string(place),
                v::enumeration(nature),
                v::big(by),
            ],
        );
        id
    }

    /// Items stolen in this FIR and never recovered stay `STOLEN` and may surface elsewhere.
    fn report_stolen(&mut self, fir: &Fir, items: &[Item]) {
        let state = self.world.stations[fir.station].state;
        for item in items {
            self.write_item(fir.fir_id, None, item, PropertyStatus::Stolen);
            if item.traceable() {
                if self.stolen.len() == STOLEN_BUFFER {
                    self.stolen.pop_front();
                }
                self.stolen.push_back(Stolen {
                    state,
                    item: item.clone(),
                });
            }
        }
    }

    /// The investigation and everything after it.
    fn investigate(&mut self, fir: &mut Fir) {
        let today = as_of();
        let case_id = self.bulk.id(T::PoliceCase);
        let opened = fir.t + self.minutes(10, 90);

        // A few recent cases still wait for an investigating officer.
        if (today - fir.t).num_days() < 150 && self.rng.chance(0.04) {
            let items = std::mem::take(&mut fir.items);
            self.report_stolen(fir, &items);
            self.police_case(case_id, fir, CaseStatus::Registered, None, opened, opened);
            return;
        }

        let io = self.investigating_officer(fir);
        let assigned_at = opened + self.minutes(0, 60);
        let ending = self.how_it_ends(fir, opened);
        let mut inv = Investigation {
            case_id,
            opened,
            io,
            assigned_at,
            concluded: ending.end <= today,
            horizon: ending.end.min(today),
            ending,
            accused: Vec::new(),
            first_arrest: None,
        };
        self.change_of_io(fir, &mut inv);
        if inv.ending.detected_late {
            self.identify_accused(fir, &inv);
        }
        self.arrests(fir, &mut inv);
        self.seizures(fir, &inv);
        self.diary(fir, &inv);

        if !inv.concluded {
            let assigned_at = inv.assigned_at;
            self.settle(
                fir,
                &mut inv,
                CaseStatus::UnderInvestigation,
                None,
                assigned_at,
            );
            return;
        }
        let (court, charged) = self.final_report(fir, &inv);
        if inv.ending.kind != FinalReportKind::Chargesheet {
            let end = inv.ending.end;
            self.settle(fir, &mut inv, CaseStatus::FinalReport, None, end);
            return;
        }
        self.supplementary_chargesheet(fir, &inv, court, &charged);
        self.prosecute(fir, &mut inv, court, &charged);
    }

    /// Writes the custody records of the accused (with the court case, if any) and the police
    /// case at `status`, last changed at `changed`.
    fn settle(
        &mut self,
        fir: &Fir,
        inv: &mut Investigation,
        status: CaseStatus,
        court_case: Option<(i64, String)>,
        changed: DateTime<Utc>,
    ) {
        self.custody(fir, &mut inv.accused, court_case);
        self.police_case(
            inv.case_id,
            fir,
            status,
            Some(inv.io.id),
            inv.opened,
            changed,
        );
    }

    /// The investigating officer first assigned: often the SHO in sessions cases, a woman
    /// officer in sexual offences, else one of the station's sub-inspectors or the ASI.
    fn investigating_officer(&mut self, fir: &Fir) -> Staff {
        let st = &self.world.stations[fir.station];
        let sexual = matches!(
            fir.crime,
            Crime::Rape | Crime::Pocso | Crime::Molestation | Crime::Obscenity
        );
        if fir.crime.profile().sessions && self.rng.chance(0.35) {
            st.sho.clone()
        } else if sexual {
            [&st.ios[0], &st.ios[1], &st.asi, &st.sho]
                .into_iter()
                .find(|s| s.female)
                .unwrap_or(&st.ios[1])
                .clone()
        } else {
            match self.rng.below(10) {
                0 => st.asi.clone(),
                1..=5 => st.ios[0].clone(),
                _ => st.ios[1].clone(),
            }
        }
    }

    /// How the investigation of a case opened at `opened` ends, and when.
    fn how_it_ends(&mut self, fir: &Fir, opened: DateTime<Utc>) -> Ending {
        let crime = fir.crime;
        let late_detection = match crime {
            Crime::Murder => 0.6,
            Crime::Kidnapping | Crime::RoadDeath => 0.5,
            Crime::TheftMobile
            | Crime::TheftVehicle
            | Crime::TheftOther
            | Crime::Burglary
            | Crime::Robbery
            | Crime::Dacoity => 0.22,
            Crime::CyberFraud => 0.2,
            _ => 0.35,
        };
        let named = fir
            .parties
            .iter()
            .filter(|p| p.role == PartyRole::Accused)
            .count();
        let detected_late = named == 0 && self.rng.chance(late_detection);
        let detected = named > 0 || detected_late;
        let kind = if !detected {
            if crime == Crime::Kidnapping {
                FinalReportKind::Untraced
            } else {
                FinalReportKind::Undetected
            }
        } else {
            let civil = matches!(crime, Crime::Cheating | Crime::Forgery) as u32 * 15;
            let false_case = if matches!(crime, Crime::Cruelty | Crime::Rape | Crime::Molestation) {
                7
            } else {
                4
            };
            self.rng.weighted_copy(&[
                (FinalReportKind::Chargesheet, 100 - civil - false_case - 3),
                (FinalReportKind::FalseCase, false_case),
                (FinalReportKind::MistakeOfFact, 2),
                (FinalReportKind::CivilNature, civil),
                (FinalReportKind::Abated, 1),
            ])
        };
        let (lo, hi) = if detected {
            crime.profile().investigation
        } else {
            (90, 420)
        };
        let mut days = self.rng.range(lo, hi);
        if self.rng.chance(0.12) {
            days *= self.rng.range(2, 5);
        }
        let end = opened + Duration::days(days) + self.minutes(0, 600);
        Ending {
            named,
            detected_late,
            kind,
            days,
            end,
        }
    }

    /// A change of investigating officer now and then; writes the assignments of the IOs.
    fn change_of_io(&mut self, fir: &Fir, inv: &mut Investigation) {
        let world = self.world;
        let st = &world.stations[fir.station];
        let district = &world.districts[st.district];
        let assigned_by = |io: &Staff| {
            if io.id == st.sho.id {
                district.sp
            } else {
                st.sho.id
            }
        };
        let mut io_history: Vec<(Staff, DateTime<Utc>)> = vec![(inv.io.clone(), inv.assigned_at)];
        if self.rng.chance(0.07) {
            let at = inv.assigned_at + self.days(5, inv.ending.days.max(6));
            if at < inv.horizon {
                let next = if inv.io.id == st.ios[0].id {
                    st.ios[1].clone()
                } else {
                    st.ios[0].clone()
                };
                io_history.push((next.clone(), at));
                inv.io = next;
            }
        }
        for (i, (officer, at)) in io_history.iter().enumerate() {
            let relieved = io_history.get(i + 1).map(|(_, next)| *next);
            let reason = match (i, relieved) {
                (0, None) => "Assigned on registration of FIR",
                (0, Some(_)) => {
                    "Assigned on registration of FIR; relieved on transfer of the officer"
                }
                _ => "Investigation transferred by order of the SHO",
            };
            let id = self.bulk.id(T::IoAssignment);
            self.bulk.push(
                T::IoAssignment,
                [
                    v::big(id),
                    v::big(inv.case_id),
                    v::big(officer.id),
                    v::big(assigned_by(officer)),
                    v::ts(*at),
                    v::opt_ts(relieved),
                    v::text(reason),
                ],
            );
        }
    }

    /// Accused identified during the investigation of a case registered against unknown
    /// persons: added to the FIR's parties as A1, A2, ….
    fn identify_accused(&mut self, fir: &mut Fir, inv: &Investigation) {
        let at = inv.opened + self.days(5, (inv.ending.days * 2 / 3).max(6));
        if at > as_of() {
            return;
        }
        let count = self.rng.range(1, fir.crime.profile().accused.1.min(2)) as usize;
        let before = fir.parties.len();
        for _ in 0..count {
            let (person, age) = self.accused_person(fir.crime, fir.station, at, &fir.parties);
            fir.parties.push(Party {
                person,
                role: PartyRole::Accused,
                code: None,
                age: Some(age),
                juvenile: age < 18,
                at,
            });
        }
        number_accused(&mut fir.parties);
        for i in before..fir.parties.len() {
            let p = fir.parties[i].clone();
            let id = self.write_party(fir.fir_id, &p);
            fir.party_ids.push(id);
        }
    }

    /// The accused of the FIR, some of them absconding, and the arrests (or surrenders) of
    /// the others.
    fn arrests(&mut self, fir: &Fir, inv: &mut Investigation) {
        let crime = fir.crime;
        let red_handed = matches!(crime, Crime::Ndps | Crime::Arms | Crime::ReceivingStolen);
        for (i, p) in fir.parties.iter().enumerate() {
            if p.role != PartyRole::Accused {
                continue;
            }
            let first = inv.accused.is_empty();
            let repeat = p.person.pool.is_some();
            let absconding = !(red_handed && first)
                && self
                    .rng
                    .chance(if repeat || red_handed { 0.2 } else { 0.05 });
            inv.accused.push(Accused {
                party: i,
                available: p.at,
                absconding,
                arrested: None,
                custody: None,
                result: None,
            });
        }
        let arrest_p = match crime {
            Crime::Cruelty => 0.45,
            Crime::Cheating | Crime::Forgery => 0.55,
            Crime::Hurt | Crime::Intimidation => 0.5,
            _ => 0.85,
        };
        for (k, a) in inv.accused.iter_mut().enumerate() {
            if a.absconding {
                continue;
            }
            let at = if red_handed && k == 0 {
                fir.occurred_from + self.minutes(20, 50)
            } else if red_handed {
                fir.occurred_from + self.minutes(25, 60)
            } else {
                if !self.rng.chance(arrest_p) {
                    continue;
                }
                if self.rng.chance(0.45) {
                    a.available + self.minutes(60, 1_200)
                } else {
                    a.available + self.days(1, 20)
                }
            };
            if at > inv.horizon {
                continue;
            }
            self.arrest(fir, inv.case_id, inv.io.id, a, at, red_handed);
            inv.first_arrest = Some(inv.first_arrest.map_or(at, |f| f.min(at)));
        }
    }

    /// How an accused is arrested (or surrenders): juveniles are forwarded; bailable
    /// offences mostly end in bail at the station.
    fn arrest_mode(&mut self, crime: Crime, juvenile: bool, red_handed: bool) -> ArrestMode {
        let profile = crime.profile();
        if juvenile {
            ArrestMode::ArrestedForwarded
        } else if profile.bailable {
            self.rng.weighted_copy(&[
                (ArrestMode::ArrestedBailed, 70),
                (ArrestMode::AnticipatoryBail, 10),
                (ArrestMode::SurrenderedBailed, 10),
                (ArrestMode::ArrestedForwarded, 10),
            ])
        } else if crime == Crime::Cruelty {
            self.rng.weighted_copy(&[
                (ArrestMode::AnticipatoryBail, 35),
                (ArrestMode::ArrestedBailed, 30),
                (ArrestMode::ArrestedForwarded, 25),
                (ArrestMode::SurrenderedBailed, 10),
            ])
        } else if profile.sessions || red_handed {
            self.rng.weighted_copy(&[
                (ArrestMode::ArrestedForwarded, 50),
                (ArrestMode::PoliceCustody, 25),
                (ArrestMode::JudicialCustody, 15),
                (ArrestMode::SurrenderedBailed, 5),
                (ArrestMode::AnticipatoryBail, 5),
            ])
        } else {
            self.rng.weighted_copy(&[
                (ArrestMode::ArrestedForwarded, 45),
                (ArrestMode::ArrestedBailed, 20),
                (ArrestMode::PoliceCustody, 10),
                (ArrestMode::JudicialCustody, 10),
                (ArrestMode::AnticipatoryBail, 8),
                (ArrestMode::SurrenderedBailed, 7),
            ])
        }
    }

    /// Writes the arrest of accused `a` at `at` by the IO `io` or a constable, and when an
    /// adult is forwarded or remanded, when custody begins.
    fn arrest(
        &mut self,
        fir: &Fir,
        case_id: i64,
        io: i64,
        a: &mut Accused,
        at: DateTime<Utc>,
        red_handed: bool,
    ) {
        let world = self.world;
        let st = &world.stations[fir.station];
        let district = &world.districts[st.district];
        let party = &fir.parties[a.party];
        let mode = self.arrest_mode(fir.crime, party.juvenile, red_handed);
        let officer = if self.rng.chance(0.6) {
            io
        } else {
            st.constables[self.rng.index(st.constables.len())].id
        };
        let place = if red_handed {
            format!("Spot of seizure, {}", fir.place)
        } else if mode == ArrestMode::SurrenderedBailed || mode == ArrestMode::AnticipatoryBail {
            format!("{} Police Station", st.locality)
        } else {
            format!(
                "Near {}, {}",
                self.rng.pick(super::geo::landmarks()),
                self.rng.pick(&district.geo.localities)
            )
        };
        let informed_at = at + self.minutes(20, 180);
        let relative = format!(
            "{} ({})",
            party.person.relative,
            if party.juvenile { "parent" } else { "relative" }
        );
        let id = self.bulk.id(T::Arrest);
        self.bulk.push(
            T::Arrest,
            [
                v::big(id),
                v::big(case_id),
                v::big(fir.party_ids[a.party]),
                v::big(party.person.id),
                v::ts(at),
                v::string(place),
                v::enumeration(mode),
                v::big(officer),
                v::string(relative),
                v::ts(informed_at),
            ],
        );
        a.arrested = Some(at);
        if !party.juvenile {
            a.custody = match mode {
                ArrestMode::ArrestedForwarded if self.rng.chance(0.7) => {
                    Some(at + Duration::hours(self.rng.range(12, 24)))
                }
                ArrestMode::JudicialCustody => Some(at + Duration::hours(self.rng.range(12, 24))),
                ArrestMode::PoliceCustody => Some(at + self.days(3, 14)),
                _ => None,
            };
        }
    }

    /// When property is recovered after the first arrest, if there was one.
    fn seizure_time(&mut self, first_arrest: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
        first_arrest.map(|f| f + Duration::hours(self.rng.range(1, 48)))
    }

    /// Seizures and property: stolen property recovered (or reported stolen), contraband,
    /// weapons, vehicles and phones seized, by kind of crime.
    fn seizures(&mut self, fir: &mut Fir, inv: &Investigation) {
        let items = std::mem::take(&mut fir.items);
        let fir: &Fir = fir;
        let a1_name = inv
            .accused
            .first()
            .map(|a| fir.parties[a.party].person.name.clone())
            .unwrap_or_default();
        match fir.crime {
            _ if fir.crime.profile().property => self.recover_stolen(fir, inv, items, &a1_name),
            Crime::Ndps => self.seize_drugs(fir, inv),
            Crime::Arms => self.seize_arms(fir, inv),
            Crime::ReceivingStolen => self.seize_stolen_goods(fir, inv),
            Crime::Murder | Crime::AttemptToMurder | Crime::GrievousHurt | Crime::Dacoity => {
                self.recover_weapon(fir, inv, &a1_name);
            }
            Crime::RoadDeath => self.seize_vehicle_of_accident(fir, inv),
            Crime::CyberFraud => self.seize_phones(fir, inv, &a1_name),
            _ => {}
        }
    }

    /// Property stolen in the FIR, recovered at the instance of A1 (returned to the owner
    /// once the case is over) or still stolen; now and then property of other cases with it.
    fn recover_stolen(&mut self, fir: &Fir, inv: &Investigation, mut items: Vec<Item>, a1: &str) {
        let world = self.world;
        let st = &world.stations[fir.station];
        let district = &world.districts[st.district];
        let at = self
            .seizure_time(inv.first_arrest)
            .filter(|at| *at <= inv.horizon);
        let Some(at) = at.filter(|_| self.rng.chance(0.6)) else {
            self.report_stolen(fir, &items);
            return;
        };
        let place = format!(
            "At the instance of accused {a1}, from his house at {}",
            self.rng.pick(&district.geo.localities)
        );
        let seizure = self.seizure(inv.case_id, at, place, SeizureNature::Stolen, inv.io.id);
        let mut unrecovered = Vec::new();
        for item in items.drain(..) {
            if self.rng.chance(0.8) {
                let status = if inv.concluded && self.rng.chance(0.6) {
                    PropertyStatus::Returned
                } else {
                    PropertyStatus::Recovered
                };
                self.write_item(fir.fir_id, Some(seizure), &item, status);
            } else {
                unrecovered.push(item);
            }
        }
        self.report_stolen(fir, &unrecovered);
        // Accused often lead police to property stolen in other cases.
        if self.rng.chance(0.25)
            && let Some(other) = self.pick_stolen(st.state)
        {
            self.write_item(fir.fir_id, Some(seizure), &other, PropertyStatus::Seized);
        }
    }

    /// Drugs seized on the spot of the raid, with the courier's phone and now and then his
    /// vehicle (sometimes a stolen one).
    fn seize_drugs(&mut self, fir: &Fir, inv: &Investigation) {
        let world = self.world;
        let st = &world.stations[fir.station];
        let state = &world.states[st.state];
        let Some(at) = inv.first_arrest else {
            return;
        };
        let at = at + self.minutes(10, 60);
        let seizure = self.seizure(
            inv.case_id,
            at,
            format!("Spot of raid, {}", fir.place),
            SeizureNature::UnlawfulPossession,
            inv.io.id,
        );
        let section = fir
            .charges
            .iter()
            .find(|c| c.0 == Act::Ndps)
            .map_or("20", |c| c.1);
        let drugs = Factory::drugs(&mut self.rng, section);
        self.write_item(fir.fir_id, Some(seizure), &drugs, PropertyStatus::Seized);
        let phone = self.factory.mobile(&mut self.rng);
        self.write_item(fir.fir_id, Some(seizure), &phone, PropertyStatus::Seized);
        if self.rng.chance(0.35) {
            let vehicle = match self
                .rng
                .chance(0.3)
                .then(|| self.pick_stolen(st.state))
                .flatten()
            {
                Some(stolen) => stolen,
                None => self.factory.vehicle(&mut self.rng, state.geo.code),
            };
            self.write_item(fir.fir_id, Some(seizure), &vehicle, PropertyStatus::Seized);
        }
    }

    /// An arm and cartridges seized on the spot of the search.
    fn seize_arms(&mut self, fir: &Fir, inv: &Investigation) {
        let Some(at) = inv.first_arrest else {
            return;
        };
        let at = at + self.minutes(10, 60);
        let seizure = self.seizure(
            inv.case_id,
            at,
            format!("Spot of search, {}", fir.place),
            SeizureNature::UnlawfulPossession,
            inv.io.id,
        );
        let arm = self.factory.arm(&mut self.rng);
        self.write_item(fir.fir_id, Some(seizure), &arm, PropertyStatus::Seized);
        let cartridges = Factory::cartridges(&mut self.rng);
        self.write_item(
            fir.fir_id,
            Some(seizure),
            &cartridges,
            PropertyStatus::Seized,
        );
    }

    /// Stolen property (of other FIRs, or vehicles) seized from a receiver at a checking point.
    fn seize_stolen_goods(&mut self, fir: &Fir, inv: &Investigation) {
        let world = self.world;
        let st = &world.stations[fir.station];
        let state = &world.states[st.state];
        let Some(at) = inv.first_arrest else {
            return;
        };
        let at = at + self.minutes(10, 60);
        let seizure = self.seizure(
            inv.case_id,
            at,
            format!("Vehicle checking point, {}", fir.place),
            SeizureNature::Stolen,
            inv.io.id,
        );
        for _ in 0..self.rng.range(1, 3) {
            let item = match self.pick_stolen(st.state) {
                Some(item) => item,
                None => self.factory.vehicle(&mut self.rng, state.geo.code),
            };
            self.write_item(fir.fir_id, Some(seizure), &item, PropertyStatus::Seized);
        }
    }

    /// The weapon of a violent crime (a firearm under the Arms Act), recovered at the
    /// instance of A1.
    fn recover_weapon(&mut self, fir: &Fir, inv: &Investigation, a1: &str) {
        let Some(at) = self
            .seizure_time(inv.first_arrest)
            .filter(|at| *at <= inv.horizon)
        else {
            return;
        };
        let seizure = self.seizure(
            inv.case_id,
            at,
            format!("Recovered at the instance of accused {a1}"),
            SeizureNature::Involved,
            inv.io.id,
        );
        if fir.charges.iter().any(|c| c.0 == Act::Arms) {
            let arm = self.factory.arm(&mut self.rng);
            self.write_item(fir.fir_id, Some(seizure), &arm, PropertyStatus::Seized);
        } else {
            let weapon = Factory::weapon(&mut self.rng);
            self.write_item(fir.fir_id, Some(seizure), &weapon, PropertyStatus::Seized);
        }
    }

    /// The vehicle of a fatal accident, seized on the spot (found abandoned after a hit and
    /// run, sometimes a stolen one); returned once the case is over.
    fn seize_vehicle_of_accident(&mut self, fir: &Fir, inv: &Investigation) {
        let world = self.world;
        let st = &world.stations[fir.station];
        let state = &world.states[st.state];
        let at = fir.t + Duration::hours(self.rng.range(1, 30));
        if at > inv.horizon {
            return;
        }
        let (nature, vehicle) = if inv.ending.named == 0 && !inv.ending.detected_late {
            // Hit and run: the vehicle was found abandoned, sometimes a stolen one.
            let vehicle = match self
                .rng
                .chance(0.3)
                .then(|| self.pick_stolen(st.state))
                .flatten()
            {
                Some(stolen) => stolen,
                None => self.factory.heavy_vehicle(&mut self.rng, state.geo.code),
            };
            (SeizureNature::Unclaimed, vehicle)
        } else {
            (
                SeizureNature::Involved,
                self.factory.heavy_vehicle(&mut self.rng, state.geo.code),
            )
        };
        let seizure = self.seizure(
            inv.case_id,
            at,
            format!("Spot of accident, {}", fir.place),
            nature,
            inv.io.id,
        );
        let status = if inv.concluded && self.rng.chance(0.5) {
            PropertyStatus::Returned
        } else {
            PropertyStatus::Seized
        };
        self.write_item(fir.fir_id, Some(seizure), &vehicle, status);
    }

    /// Phones seized in a house search of A1.
    fn seize_phones(&mut self, fir: &Fir, inv: &Investigation, a1: &str) {
        let Some(at) = self
            .seizure_time(inv.first_arrest)
            .filter(|at| *at <= inv.horizon && self.rng.chance(0.6))
        else {
            return;
        };
        let seizure = self.seizure(
            inv.case_id,
            at,
            format!("House search of accused {a1}"),
            SeizureNature::Involved,
            inv.io.id,
        );
        for _ in 0..self.rng.range(1, 3) {
            let phone = self.factory.mobile(&mut self.rng);
            self.write_item(fir.fir_id, Some(seizure), &phone, PropertyStatus::Seized);
        }
    }

    /// The case diary: one to four entries by the IO up to the end of the investigation (or
    /// today).
    fn diary(&mut self, fir: &Fir, inv: &Investigation) {
        let entries = self.rng.range(1, 4) as usize;
        let span = (inv.horizon - inv.assigned_at).num_seconds().max(3600);
        let mut at = inv.assigned_at;
        for n in 0..entries {
            at = (at + Duration::seconds(self.rng.range(600, span / entries as i64 + 600)))
                .min(inv.horizon);
            let code = if at < bns_from() {
                Code::Ipc
            } else {
                Code::Bns
            };
            let content = text::diary(&mut self.rng, n, code, &fir.place);
            let id = self.bulk.id(T::CaseDiaryEntry);
            self.bulk.push(
                T::CaseDiaryEntry,
                [
                    v::big(id),
                    v::big(inv.case_id),
                    v::big(inv.io.id),
                    v::ts(at),
                    v::string(content),
                ],
            );
        }
    }

    /// The final report to the court (a charge-sheet goes to the sessions court in sessions
    /// cases) and which accused it charges. Returns (court, charged flags by accused).
    fn final_report(&mut self, fir: &Fir, inv: &Investigation) -> (i64, Vec<bool>) {
        let world = self.world;
        let st = &world.stations[fir.station];
        let district = &world.districts[st.district];
        let kind = inv.ending.kind;
        let accused = &inv.accused;
        let sessions = fir.crime.profile().sessions;
        let court = if kind == FinalReportKind::Chargesheet && sessions {
            district.sessions_court
        } else {
            district.magistrate_court
        };
        let report_id = self.bulk.id(T::FinalReport);
        let sections = fir
            .charges
            .iter()
            .map(|(act, s)| format!("{} {s}", act.to_value()))
            .collect::<Vec<_>>()
            .join(", ");
        let summary = match kind {
            FinalReportKind::Chargesheet => format!("Charge-sheet against {} accused under {sections}.", accused.len()),
            FinalReportKind::Undetected => "True but undetected: the accused could not be traced; to be reopened on fresh information.".to_owned(),
            FinalReportKind::Untraced => "The victim and the accused remain untraced despite efforts; case closed as untraced.".to_owned(),
            FinalReportKind::FalseCase => "Allegations found false on investigation.".to_owned(),
            FinalReportKind::MistakeOfFact => "The matter arose from a mistake of fact; no offence made out.".to_owned(),
            FinalReportKind::CivilNature => "The dispute is of a civil nature; parties advised to approach the civil court.".to_owned(),
            FinalReportKind::Abated => "The accused died during investigation; proceedings abated.".to_owned(),
        };
        self.bulk.push(
            T::FinalReport,
            [
                v::big(report_id),
                v::big(inv.case_id),
                v::enumeration(kind),
                v::boolean(false),
                v::ts(inv.ending.end),
                v::big(inv.io.id),
                v::big(court),
                v::string(summary),
            ],
        );
        let several = accused.len() > 1;
        let mut charged_flags = Vec::with_capacity(accused.len());
        for (k, a) in accused.iter().enumerate() {
            let charged = kind == FinalReportKind::Chargesheet
                && !(several && k > 0 && self.rng.chance(0.08));
            charged_flags.push(charged);
            self.bulk.push(
                T::FinalReportAccused,
                [
                    v::big(report_id),
                    v::big(fir.party_ids[a.party]),
                    v::boolean(charged),
                ],
            );
        }
        (court, charged_flags)
    }

    /// A supplementary charge-sheet now and then (further evidence, e.g. the FSL report),
    /// charging the accused the charge-sheet charged.
    fn supplementary_chargesheet(
        &mut self,
        fir: &Fir,
        inv: &Investigation,
        court: i64,
        charged: &[bool],
    ) {
        if !self.rng.chance(0.05) {
            return;
        }
        let at = inv.ending.end + self.days(30, 200);
        if at > as_of() {
            return;
        }
        let id = self.bulk.id(T::FinalReport);
        self.bulk.push(
            T::FinalReport,
            [
                v::big(id),
                v::big(inv.case_id),
                v::enumeration(FinalReportKind::Chargesheet),
                v::boolean(true),
                v::ts(at),
                v::big(inv.io.id),
                v::big(court),
                v::text(
                    "Supplementary charge-sheet with the FSL report and further witness statements.",
                ),
            ],
        );
        for (a, charged) in inv.accused.iter().zip(charged) {
            self.bulk.push(
                T::FinalReportAccused,
                [
                    v::big(id),
                    v::big(fir.party_ids[a.party]),
                    v::boolean(*charged),
                ],
            );
        }
    }

    /// The court case on a charge-sheet once the court takes cognizance (if it has by
    /// today), then custody and the case's status.
    fn prosecute(&mut self, fir: &Fir, inv: &mut Investigation, court: i64, charged: &[bool]) {
        let end = inv.ending.end;
        let cognizance = end + self.days(5, 45);
        if cognizance > as_of() {
            self.settle(fir, inv, CaseStatus::Chargesheeted, None, end);
            return;
        }
        let (court_case, disposed, changed, cnr) =
            self.court_case(fir, &mut inv.accused, court, cognizance, charged);
        let status = if disposed {
            CaseStatus::Disposed
        } else {
            CaseStatus::Trial
        };
        self.settle(fir, inv, status, Some((court_case, cnr)), changed);
        self.bulk
            .push(T::CourtCaseLink, [v::big(court_case), v::big(inv.case_id)]);
    }

    fn police_case(
        &mut self,
        id: i64,
        fir: &Fir,
        status: CaseStatus,
        io: Option<i64>,
        opened: DateTime<Utc>,
        changed: DateTime<Utc>,
    ) {
        let st = &self.world.stations[fir.station];
        self.bulk.push(
            T::PoliceCase,
            [
                v::big(id),
                v::big(fir.fir_id),
                v::big(st.id),
                v::enumeration(status),
                v::opt_big(io),
                v::ts(opened),
                v::ts(changed),
            ],
        );
    }

    /// The trial: court case, hearings, orders, disposals. Returns (court case id, disposed,
    /// when the case status last changed, CNR).
    fn court_case(
        &mut self,
        fir: &Fir,
        accused: &mut [Accused],
        court: i64,
        cognizance: DateTime<Utc>,
        charged: &[bool],
    ) -> (i64, bool, DateTime<Utc>, String) {
        let world = self.world;
        let st = &world.stations[fir.station];
        let district = &world.districts[st.district];
        let state = &world.states[st.state];
        let profile = fir.crime.profile();
        let ist = text::ist();
        let id = self.bulk.id(T::CourtCase);
        let year = cognizance.with_timezone(&ist).year();
        let number = {
            let counter = self.court_numbers.entry((court, year)).or_insert(0);
            *counter += 1;
            *counter
        };
        let sessions = court == district.sessions_court;
        let court_no = if sessions { 1 } else { 2 };
        let cnr = format!(
            "{}{court_no:02}{:06}{year}",
            district.cnr_prefix,
            number % 1_000_000
        );
        let case_type = if profile.special {
            "SPL"
        } else if sessions {
            "SC"
        } else if matches!(state.geo.code, "MH" | "GJ" | "KA") {
            "RCC"
        } else {
            "CC"
        };
        let court_name = if sessions {
            &district.sessions_court_name
        } else {
            &district.magistrate_court_name
        };

        // How long the trial runs.
        let triable: Vec<usize> = (0..accused.len())
            .filter(|&k| {
                !accused[k].absconding
                    && !fir.parties[accused[k].party].juvenile
                    && charged.get(k).copied().unwrap_or(true)
            })
            .collect();
        let compounded = profile.compoundable && self.rng.chance(0.25);
        let length = if compounded {
            self.rng.range(60, 400)
        } else if profile.special {
            self.rng.range(300, 1500)
        } else if sessions {
            self.rng.range(365, 2400)
        } else {
            self.rng.range(240, 1600)
        };
        let decided = cognizance + Duration::days(length);
        let trial = Trial {
            id,
            court,
            cognizance,
            decided,
            disposed: decided <= as_of() && !triable.is_empty(),
        };
        if trial.disposed {
            self.verdicts(fir.crime, accused, &triable, compounded, decided);
        }
        let (dates, stage) = self.hearings(&trial);
        self.bulk.push(
            T::CourtCase,
            [
                v::big(id),
                v::string(cnr.clone()),
                v::big(court),
                v::text(case_type),
                v::int(number),
                v::int(year),
                v::string(stage),
                v::ts(cognizance),
            ],
        );
        let first_hearing = dates.first().copied().unwrap_or(cognizance);
        self.orders(fir, accused, &trial, first_hearing);
        if trial.disposed {
            let title = format!("{case_type} {number}/{year} by the {court_name}");
            self.judgment(fir, accused, &triable, &trial, &title);
        }
        let changed = if trial.disposed { decided } else { cognizance };
        (id, trial.disposed, changed, cnr)
    }

    /// Verdicts on the `triable` accused, pronounced on `decided`: all compounded, or as the
    /// case goes (most convicted or most acquitted), with the sentences of the convicted.
    fn verdicts(
        &mut self,
        crime: Crime,
        accused: &mut [Accused],
        triable: &[usize],
        compounded: bool,
        decided: DateTime<Utc>,
    ) {
        let convict_case = self.rng.chance(crime.profile().conviction);
        for &k in triable {
            let result = if compounded {
                DisposalResult::Compounded
            } else if convict_case == self.rng.chance(0.88) {
                DisposalResult::Convicted
            } else {
                self.rng.weighted_copy(&[
                    (DisposalResult::Acquitted, 88),
                    (DisposalResult::Discharged, 7),
                    (DisposalResult::Withdrawn, 3),
                    (DisposalResult::Abated, 2),
                ])
            };
            let (sentence, days) = if result == DisposalResult::Convicted {
                sentence(&mut self.rng, crime)
            } else {
                (None, 0)
            };
            accused[k].result = Some((result, sentence, days, decided));
        }
    }

    /// Hearings: past ones with outcomes, the judgment, or the next date fixed. Returns the
    /// dates of the past hearings and the stage of the case.
    fn hearings(&mut self, trial: &Trial) -> (Vec<DateTime<Utc>>, String) {
        let today = as_of();
        let ist = text::ist();
        let (id, cognizance, decided, disposed) =
            (trial.id, trial.cognizance, trial.decided, trial.disposed);
        let stage_end = trial.stage_end();
        let code = if cognizance < bns_from() {
            Code::Ipc
        } else {
            Code::Bns
        };
        let total = (decided - cognizance).num_seconds().max(1) as f64;
        let span_days = (stage_end - cognizance).num_days().max(1);
        let mut dates: Vec<DateTime<Utc>> = Vec::new();
        let mut d = cognizance + self.days(7, 30);
        while d < stage_end && dates.len() < 10 {
            dates.push(d);
            let gap = self.rng.range(21, 120).max(span_days / 10);
            d += Duration::days(gap);
        }
        let upcoming = (!disposed).then(|| {
            (today + self.days(30, 640))
                .with_timezone(&ist)
                .date_naive()
        });
        let mut stage = "Disposed".to_owned();
        for (i, at) in dates.iter().enumerate() {
            let date = at.with_timezone(&ist).date_naive();
            let progress = (*at - cognizance).num_seconds() as f64 / total;
            let purpose = text::hearing_purpose(progress, code);
            let outcome = text::hearing_outcome(&mut self.rng, purpose);
            let next: Option<NaiveDate> = match dates.get(i + 1) {
                Some(n) => Some(n.with_timezone(&ist).date_naive()),
                None if disposed => Some(decided.with_timezone(&ist).date_naive()),
                None => upcoming,
            };
            self.hearing(id, date, purpose, Some(outcome), next);
        }
        if disposed {
            self.hearing(
                id,
                decided.with_timezone(&ist).date_naive(),
                "Judgment",
                Some("Judgment pronounced"),
                None,
            );
        } else if let Some(date) = upcoming {
            let at = date
                .and_hms_opt(6, 0, 0)
                .map(|d| d.and_utc())
                .unwrap_or(today);
            let progress = ((at - cognizance).num_seconds() as f64 / total).min(0.99);
            let purpose = text::hearing_purpose(progress, code);
            stage = purpose.to_owned();
            self.hearing(id, date, purpose, None, None);
        }
        (dates, stage)
    }

    /// Orders on the accused (up to four, juveniles apart): warrants against absconders and
    /// proclamations (with the proclaimed offenders), remands of those in custody, summons
    /// to the others.
    fn orders(
        &mut self,
        fir: &Fir,
        accused: &[Accused],
        trial: &Trial,
        first_hearing: DateTime<Utc>,
    ) {
        let today = as_of();
        let ist = text::ist();
        let (id, court, cognizance) = (trial.id, trial.court, trial.cognizance);
        let stage_end = trial.stage_end();
        let mut orders = 0;
        for a in accused.iter() {
            let party = &fir.parties[a.party];
            let who = format!(
                "{} {}",
                party.code.as_deref().unwrap_or("A"),
                party.person.name
            );
            if party.juvenile || orders >= 4 {
                continue;
            }
            if a.absconding {
                let warrant = first_hearing + self.days(20, 90);
                if warrant < stage_end {
                    self.order(
                        id,
                        CourtOrderKind::Warrant,
                        warrant,
                        Some(party.person.id),
                        format!("Non-bailable warrant issued against absconding accused {who}."),
                    );
                    orders += 1;
                    let proclaimed = warrant + self.days(60, 180);
                    if proclaimed < stage_end && self.rng.chance(0.6) {
                        let section = if proclaimed < bns_from() {
                            Code::Ipc
                        } else {
                            Code::Bns
                        }
                        .proclamation_section();
                        self.order(id, CourtOrderKind::Proclamation, proclaimed, Some(party.person.id), format!("Proclamation under {section} against accused {who}, directed to appear within 30 days."));
                        let declared = proclaimed + Duration::days(30);
                        if declared <= today {
                            let status = self.rng.weighted_copy(&[
                                (OffenderStatus::Absconding, 75),
                                (OffenderStatus::Arrested, 18),
                                (OffenderStatus::Withdrawn, 7),
                            ]);
                            let po = self.bulk.id(T::ProclaimedOffender);
                            self.bulk.push(
                                T::ProclaimedOffender,
                                [
                                    v::big(po),
                                    v::big(party.person.id),
                                    v::big(id),
                                    v::big(court),
                                    v::big(fir.fir_id),
                                    v::ts(declared),
                                    v::enumeration(status),
                                ],
                            );
                        }
                    }
                }
            } else if a.custody.is_some_and(|c| c <= cognizance) {
                let till = (cognizance + Duration::days(14))
                    .with_timezone(&ist)
                    .format("%d.%m.%Y");
                self.order(
                    id,
                    CourtOrderKind::Remand,
                    cognizance,
                    Some(party.person.id),
                    format!("Accused {who} remanded to judicial custody till {till}."),
                );
                orders += 1;
            } else {
                self.order(
                    id,
                    CourtOrderKind::Summons,
                    cognizance + Duration::days(1),
                    Some(party.person.id),
                    format!(
                        "Summons issued to accused {who} to appear on {}.",
                        text::day(first_hearing)
                    ),
                );
                orders += 1;
            }
        }
    }

    /// The judgment in the case `title` (type, number and court) and the disposal of each
    /// `triable` accused.
    fn judgment(
        &mut self,
        fir: &Fir,
        accused: &[Accused],
        triable: &[usize],
        trial: &Trial,
        title: &str,
    ) {
        let (id, decided) = (trial.id, trial.decided);
        let verdicts: Vec<String> = triable
            .iter()
            .filter_map(|&k| {
                let party = &fir.parties[accused[k].party];
                accused[k]
                    .result
                    .as_ref()
                    .map(|(result, sentence, _, _)| match sentence {
                        Some(s) => format!(
                            "{} {} {}: {}",
                            party.code.as_deref().unwrap_or("A"),
                            party.person.name,
                            result.to_value().to_lowercase(),
                            s.to_lowercase()
                        ),
                        None => format!(
                            "{} {} {}",
                            party.code.as_deref().unwrap_or("A"),
                            party.person.name,
                            result.to_value().to_lowercase()
                        ),
                    })
            })
            .collect();
        let text = format!("Judgment pronounced in {title}. {}.", verdicts.join("; "));
        self.order(id, CourtOrderKind::Judgment, decided, None, text);
        for &k in triable {
            if let Some((result, sentence, _, _)) = accused[k].result.clone() {
                let d = self.bulk.id(T::Disposal);
                self.bulk.push(
                    T::Disposal,
                    [
                        v::big(d),
                        v::big(id),
                        v::big(fir.party_ids[accused[k].party]),
                        v::enumeration(result),
                        v::opt_text(sentence),
                        v::ts(decided),
                    ],
                );
            }
        }
    }

    fn hearing(
        &mut self,
        court_case: i64,
        date: NaiveDate,
        purpose: &str,
        outcome: Option<&str>,
        next: Option<NaiveDate>,
    ) {
        let id = self.bulk.id(T::Hearing);
        self.bulk.push(
            T::Hearing,
            [
                v::big(id),
                v::big(court_case),
                v::date(date),
                v::text(purpose),
                v::opt_text(outcome.map(str::to_owned)),
                v::opt_date(next),
            ],
        );
    }

    fn order(
        &mut self,
        court_case: i64,
        kind: CourtOrderKind,
        at: DateTime<Utc>,
        person: Option<i64>,
        text: String,
    ) {
        let id = self.bulk.id(T::CourtOrder);
        self.bulk.push(
            T::CourtOrder,
            [
                v::big(id),
                v::big(court_case),
                v::enumeration(kind),
                v::ts(at),
                v::opt_big(person),
                v::string(text),
            ],
        );
    }

    /// Custody in the district prison: undertrials (bailed, acquitted, or still inside) and
    /// convicts. A person is never in two open custody records.
    fn custody(&mut self, fir: &Fir, accused: &mut [Accused], court_case: Option<(i64, String)>) {
        let today = as_of();
        let serious = matches!(
            fir.crime,
            Crime::Murder
                | Crime::Rape
                | Crime::Pocso
                | Crime::Dacoity
                | Crime::DowryDeath
                | Crime::Ndps
        );
        let sessions = fir.crime.profile().sessions;
        for a in accused.iter() {
            let party = &fir.parties[a.party];
            if party.juvenile {
                continue;
            }
            let verdict = a.result.clone();
            let mut records: Vec<Custody> = Vec::new();
            if let Some(admitted) = a.custody.filter(|c| *c <= today) {
                // Undertrials of serious offences wait years for bail; most others weeks.
                let bail_days = if serious {
                    self.rng.range(120, 1800)
                } else if sessions {
                    self.rng.range(20, 700)
                } else {
                    self.rng.range(2, 90)
                };
                let bail = admitted + Duration::days(bail_days) + self.minutes(0, 600);
                let record = match &verdict {
                    Some((result, _, days, at)) if *at <= bail => {
                        if *result == DisposalResult::Convicted && *days > 0 {
                            // Convicted while inside: the undertrial becomes a convict.
                            let out = admitted + Duration::days(*days);
                            if out <= today {
                                Custody::new(
                                    admitted,
                                    PrisonerCategory::Convict,
                                    Some(out),
                                    Some(ReleaseReason::SentenceComplete),
                                )
                            } else if self.rng.chance(0.04) {
                                let parole = (*at + self.days(200, 400)).min(today);
                                Custody::new(
                                    admitted,
                                    PrisonerCategory::Convict,
                                    Some(parole),
                                    Some(ReleaseReason::Parole),
                                )
                            } else {
                                Custody::new(admitted, PrisonerCategory::Convict, None, None)
                            }
                        } else if *result == DisposalResult::Convicted {
                            Custody::new(
                                admitted,
                                PrisonerCategory::Undertrial,
                                Some(*at),
                                Some(ReleaseReason::SentenceComplete),
                            )
                        } else {
                            Custody::new(
                                admitted,
                                PrisonerCategory::Undertrial,
                                Some(*at),
                                Some(ReleaseReason::Acquittal),
                            )
                        }
                    }
                    _ if bail <= today => Custody::new(
                        admitted,
                        PrisonerCategory::Undertrial,
                        Some(bail),
                        Some(ReleaseReason::Bail),
                    ),
                    _ => Custody::new(admitted, PrisonerCategory::Undertrial, None, None),
                };
                records.push(record);
            }
            // Convicted after being on bail: taken into custody on the day of judgment.
            if let Some((result, _, days, at)) = &verdict
                && *result == DisposalResult::Convicted
                && *days > 0
                && records
                    .iter()
                    .all(|r| r.released.is_some_and(|out| out < *at))
            {
                let out = *at + Duration::days(*days);
                records.push(if out <= today {
                    Custody::new(
                        *at,
                        PrisonerCategory::Convict,
                        Some(out),
                        Some(ReleaseReason::SentenceComplete),
                    )
                } else {
                    Custody::new(*at, PrisonerCategory::Convict, None, None)
                });
            }
            for record in records {
                self.prison_record(fir, party, court_case.as_ref(), record);
            }
        }
    }

    /// Writes one custody record (unless the person is already inside) with its movements.
    fn prison_record(
        &mut self,
        fir: &Fir,
        party: &Party,
        court_case: Option<&(i64, String)>,
        mut c: Custody,
    ) {
        let world = self.world;
        let st = &world.stations[fir.station];
        let district = &world.districts[st.district];
        let today = as_of();
        if let Some(index) = party.person.pool {
            let busy = self.pool[index].busy_until;
            if busy.is_some_and(|until| c.admitted <= until) {
                return;
            }
        }
        if c.released.is_none()
            && c.category == PrisonerCategory::Undertrial
            && self.rng.chance(0.005)
        {
            let stay = (today - c.admitted).num_seconds().max(3600);
            c.escaped = Some(c.admitted + Duration::seconds(self.rng.range(3600, stay)));
        }
        if let Some(index) = party.person.pool {
            self.pool[index].busy_until = Some(c.released.unwrap_or(DateTime::<Utc>::MAX_UTC));
        }
        let ist = text::ist();
        let year = c.admitted.with_timezone(&ist).year();
        let serial = {
            let counter = self.prisoners.entry(district.prison).or_insert(0);
            *counter += 1;
            *counter
        };
        let prisoner_id = format!("{}/{year}/{serial:05}", district.prison_tag);
        let warrant = match (c.category, court_case) {
            (PrisonerCategory::Convict, Some((_, cnr))) => format!("Conviction warrant, CNR {cnr}"),
            _ => {
                let n = {
                    let counter = self.remands.entry(district.magistrate_court).or_insert(0);
                    *counter += 1;
                    *counter
                };
                format!("JC/{}/{n}/{year}", district.code)
            }
        };
        let id = self.bulk.id(T::PrisonRecord);
        self.bulk.push(
            T::PrisonRecord,
            [
                v::big(id),
                v::string(prisoner_id),
                v::big(district.prison),
                v::big(party.person.id),
                v::opt_big(court_case.map(|c| c.0)),
                v::big(fir.fir_id),
                v::enumeration(c.category),
                v::ts(c.admitted),
                v::string(warrant),
                v::opt_ts(c.released),
                v::opt_enumeration(c.reason),
                v::opt_ts(c.escaped),
            ],
        );
        // Movements: productions in court (and back), now and then a hospital visit.
        let until = c.escaped.or(c.released).unwrap_or(today);
        let stay = (until - c.admitted).num_seconds();
        if stay > 2 * DAY {
            let productions = if c.category == PrisonerCategory::Undertrial {
                self.rng.range(0, 2)
            } else {
                0
            };
            let court_name = &district.magistrate_court_name;
            for _ in 0..productions {
                let at = c.admitted + Duration::seconds(self.rng.range(DAY, stay - DAY / 2));
                let at = at
                    .date_naive()
                    .and_hms_opt(4, 30, 0)
                    .map(|d| d.and_utc())
                    .unwrap_or(at);
                if at <= c.admitted || at >= until {
                    continue;
                }
                self.movement(
                    id,
                    MovementKind::CourtProduction,
                    at,
                    Some(district.magistrate_court),
                    format!("Produced before the {court_name}"),
                );
                self.movement(
                    id,
                    MovementKind::Returned,
                    at + Duration::hours(7),
                    None,
                    "Returned to prison after production".to_owned(),
                );
            }
            if self.rng.chance(0.03) {
                let at = c.admitted + Duration::seconds(self.rng.range(DAY / 2, stay - DAY / 2));
                self.movement(
                    id,
                    MovementKind::Hospital,
                    at,
                    None,
                    format!("Referred to the District Hospital, {}", district.geo.name),
                );
                let back =
                    (at + Duration::hours(self.rng.range(4, 72))).min(until - Duration::seconds(1));
                self.movement(
                    id,
                    MovementKind::Returned,
                    back,
                    None,
                    "Returned from hospital".to_owned(),
                );
            }
        }
    }

    fn movement(
        &mut self,
        record: i64,
        kind: MovementKind,
        at: DateTime<Utc>,
        destination: Option<i64>,
        note: String,
    ) {
        let id = self.bulk.id(T::PrisonMovement);
        self.bulk.push(
            T::PrisonMovement,
            [
                v::big(id),
                v::big(record),
                v::enumeration(kind),
                v::ts(at),
                v::opt_big(destination),
                v::string(note),
            ],
        );
    }

    fn citizen(&mut self) -> String {
        format!("citizen-{:06}", 1 + self.rng.below(self.citizens))
    }

    #[allow(clippy::too_many_arguments)]
    fn complaint(
        &mut self,
        station: usize,
        received: DateTime<Utc>,
        channel: ComplaintChannel,
        nature: &str,
        complainant: Option<i64>,
        citizen: Option<String>,
        description: String,
        status: ComplaintStatus,
        fir: Option<i64>,
        closure: Option<String>,
    ) {
        let st = &self.world.stations[station];
        let year = received.with_timezone(&text::ist()).year();
        let n = {
            let counter = self.petitions.entry((st.id, year)).or_insert(0);
            *counter += 1;
            *counter
        };
        let id = self.bulk.id(T::Complaint);
        self.bulk.push(
            T::Complaint,
            [
                v::big(id),
                v::string(format!("{}/PET/{year}/{n:05}", st.code)),
                v::big(st.id),
                v::ts(received),
                v::enumeration(channel),
                v::text(nature),
                v::opt_big(complainant),
                v::opt_text(citizen),
                v::string(description),
                v::enumeration(status),
                v::opt_big(fir),
                v::opt_text(closure),
            ],
        );
    }

    /// The missing-person report that goes with a kidnapping FIR.
    fn missing_victim(&mut self, station: usize, t: DateTime<Utc>, victim: &Party, place: &str) {
        let st = &self.world.stations[station];
        let age = victim.age.unwrap_or(15);
        let height = self.rng.range(120, 165) as i32;
        let status = if (as_of() - t).num_days() > 60 && self.rng.chance(0.6) {
            MissingStatus::Traced
        } else {
            MissingStatus::Missing
        };
        let marks = text::marks(&mut self.rng).to_owned();
        let since = t - Duration::hours(self.rng.range(8, 48));
        let id = self.bulk.id(T::MissingPerson);
        self.bulk.push(
            T::MissingPerson,
            [
                v::big(id),
                v::big(st.id),
                v::opt_big(Some(victim.person.id)),
                v::text(&victim.person.name),
                v::enumeration(victim.person.sex.stored()),
                v::opt_int(Some(age)),
                v::opt_int(Some(height)),
                v::string(marks),
                v::ts(since),
                v::string(format!("Last seen {place}")),
                v::ts(t),
                v::enumeration(status),
            ],
        );
    }

    /// The station's other registers: complaints that did not become FIRs, missing persons,
    /// unidentified dead bodies.
    fn registers(&mut self, station: usize, t: DateTime<Utc>) {
        let old = (as_of() - t).num_days();
        if self.rng.chance(0.12) {
            self.petition(station, t, old);
        }
        if self.rng.chance(0.04) {
            self.missing_person(station, t, old);
        }
        if self.rng.chance(0.012) {
            self.unidentified_body(station, t, old);
        }
        if self.later.chance(0.015) {
            self.found_person(station, t, old);
        }
    }

    /// A petition received at the station that did not become an FIR: walk-in, written or
    /// from the portal, closed after enquiry if it is `old` days old.
    fn petition(&mut self, station: usize, t: DateTime<Utc>, old: i64) {
        let district = &self.world.districts[self.world.stations[station].district];
        let received = t + self.minutes(5, 600);
        let place = format!(
            "{}, {}",
            self.rng.pick(&district.geo.localities),
            district.geo.name
        );
        let (nature, description) = text::petition(&mut self.rng, &place);
        let channel = *self.rng.weighted(&[
            (ComplaintChannel::WalkIn, 4),
            (ComplaintChannel::Written, 4),
            (ComplaintChannel::Portal, 2),
        ]);
        let (person, citizen) = if channel == ComplaintChannel::Portal {
            (None, Some(self.citizen()))
        } else {
            let sex = if self.rng.chance(0.7) {
                Sex::Male
            } else {
                Sex::Female
            };
            let age = self.adult_age();
            (
                Some(
                    self.person(station, received, sex, age, Details::COMPLAINANT)
                        .id,
                ),
                None,
            )
        };
        let (status, closure) = if old > 120 && self.rng.chance(0.85) {
            (
                ComplaintStatus::Closed,
                Some(text::closure_reason(&mut self.rng).to_owned()),
            )
        } else if self.rng.chance(0.5) {
            (ComplaintStatus::UnderEnquiry, None)
        } else {
            (ComplaintStatus::Received, None)
        };
        self.complaint(
            station,
            received,
            channel,
            nature,
            person,
            citizen,
            description,
            status,
            None,
            closure,
        );
    }

    /// A missing-person report, traced if it is `old` days old.
    fn missing_person(&mut self, station: usize, t: DateTime<Utc>, old: i64) {
        let world = self.world;
        let st = &world.stations[station];
        let district = &world.districts[st.district];
        let sex = if self.rng.chance(0.55) {
            Sex::Female
        } else {
            Sex::Male
        };
        let age = *self
            .rng
            .weighted(&[((8, 17), 35), ((18, 35), 40), ((36, 85), 25)]);
        let age = self.rng.range(age.0, age.1) as i32;
        let name = names::person_name(&mut self.rng, world.region(station), sex).full;
        let since = t - Duration::hours(self.rng.range(6, 96));
        let status = if old > 60 && self.rng.chance(0.72) {
            MissingStatus::Traced
        } else {
            MissingStatus::Missing
        };
        let height = if age < 18 {
            self.rng.range(110, 165)
        } else {
            self.rng.range(145, 182)
        } as i32;
        let place = format!(
            "Near {}, {}",
            self.rng.pick(super::geo::landmarks()),
            self.rng.pick(&district.geo.localities)
        );
        let marks = text::marks(&mut self.rng).to_owned();
        let id = self.bulk.id(T::MissingPerson);
        self.bulk.push(
            T::MissingPerson,
            [
                v::big(id),
                v::big(st.id),
                v::opt_big(None),
                v::string(name),
                v::enumeration(sex.stored()),
                v::opt_int(Some(age)),
                v::opt_int(Some(height)),
                v::string(marks),
                v::ts(since),
                v::string(place),
                v::ts(t),
                v::enumeration(status),
            ],
        );
    }

    /// An unidentified dead body found in the station's area, identified if it is `old` days
    /// old.
    fn unidentified_body(&mut self, station: usize, t: DateTime<Utc>, old: i64) {
        let st = &self.world.stations[station];
        let district = &self.world.districts[st.district];
        let sex = if self.rng.chance(0.8) {
            Sex::Male
        } else {
            Sex::Female
        };
        let low = self.rng.range(20, 65) as i32;
        let place = format!(
            "{} near {}",
            self.rng.pick(&[
                "Railway track",
                "Canal bank",
                "Roadside ditch",
                "Open ground",
                "River ghat"
            ]),
            self.rng.pick(&district.geo.localities)
        );
        let status = if old > 60 && self.rng.chance(0.35) {
            BodyStatus::Identified
        } else {
            BodyStatus::Unidentified
        };
        let height = self.rng.range(150, 180) as i32;
        let marks = text::marks(&mut self.rng).to_owned();
        let found = t + self.minutes(0, 600);
        let id = self.bulk.id(T::UnidentifiedBody);
        self.bulk.push(
            T::UnidentifiedBody,
            [
                v::big(id),
                v::big(st.id),
                v::ts(found),
                v::string(place),
                v::enumeration(sex.stored()),
                v::opt_int(Some(low)),
                v::opt_int(Some(low + 10)),
                v::opt_int(Some(height)),
                v::string(marks),
                v::enumeration(status),
            ],
        );
    }

    /// A found person: mostly a lost child or an elderly person found wandering, who
    /// sometimes gives a first name, placed in a home until their family is traced.
    fn found_person(&mut self, station: usize, t: DateTime<Utc>, old: i64) {
        let world = self.world;
        let st = &world.stations[station];
        let district = &world.districts[st.district];
        let sex = if self.later.chance(0.5) {
            Sex::Female
        } else {
            Sex::Male
        };
        let child = self.later.chance(0.65);
        let age = if child {
            self.later.range(4, 14)
        } else {
            self.later.range(60, 82)
        } as i32;
        let height = if child {
            self.later.range(95, 155)
        } else {
            self.later.range(145, 175)
        } as i32;
        let name_given = self.later.chance(0.5).then(|| {
            let full = names::person_name(&mut self.later, world.region(station), sex).full;
            full.split(' ').next().unwrap_or_default().to_owned()
        });
        let place = format!(
            "Near {}, {}",
            self.later.pick(super::geo::landmarks()),
            self.later.pick(&district.geo.localities)
        );
        let home = if child {
            "Children's Home"
        } else {
            "Old Age Home"
        };
        let restored = old > 30 && self.later.chance(0.8);
        let marks = text::marks(&mut self.later).to_owned();
        let found = t + Duration::minutes(self.later.range(0, 600));
        let id = self.bulk.id(T::FoundPerson);
        self.bulk.push(
            T::FoundPerson,
            [
                v::big(id),
                v::big(st.id),
                v::ts(found),
                v::string(place),
                v::enumeration(sex.stored()),
                v::opt_int(Some((age - 2).max(1))),
                v::opt_int(Some(age + 3)),
                v::opt_int(Some(height)),
                v::string(marks),
                v::opt_text(name_given),
                v::opt_text(Some(format!("{home}, {}", district.geo.name))),
                v::enumeration(if restored {
                    FoundStatus::Restored
                } else {
                    FoundStatus::InCare
                }),
            ],
        );
    }
}

/// One custody record to write.
struct Custody {
    admitted: DateTime<Utc>,
    category: PrisonerCategory,
    released: Option<DateTime<Utc>>,
    reason: Option<ReleaseReason>,
    escaped: Option<DateTime<Utc>>,
}

impl Custody {
    fn new(
        admitted: DateTime<Utc>,
        category: PrisonerCategory,
        released: Option<DateTime<Utc>>,
        reason: Option<ReleaseReason>,
    ) -> Self {
        Self {
            admitted,
            category,
            released,
            reason,
            escaped: None,
        }
    }
}

/// Codes accused A1, A2, … in order.
fn number_accused(parties: &mut [Party]) {
    let mut k = 0;
    for p in parties.iter_mut() {
        if p.role == PartyRole::Accused {
            k += 1;
            p.code = Some(format!("A{k}"));
        }
    }
}

/// The sentence on conviction and the days of imprisonment it means (0: not custodial).
fn sentence(rng: &mut Rng, crime: Crime) -> (Option<String>, i64) {
    let years = |y: i64| y * 365;
    let (text, days) = match crime {
        Crime::Murder => (
            "Imprisonment for life and fine of Rs 10,000".to_owned(),
            years(14),
        ),
        Crime::Rape => (
            "Rigorous imprisonment for 10 years and fine of Rs 25,000".to_owned(),
            years(10),
        ),
        Crime::Pocso => {
            if rng.chance(0.5) {
                (
                    "Rigorous imprisonment for 20 years and fine of Rs 50,000".to_owned(),
                    years(20),
                )
            } else {
                (
                    "Rigorous imprisonment for 5 years and fine of Rs 10,000".to_owned(),
                    years(5),
                )
            }
        }
        Crime::Dacoity | Crime::DowryDeath => (
            "Rigorous imprisonment for 10 years and fine of Rs 20,000".to_owned(),
            years(10),
        ),
        Crime::AttemptToMurder | Crime::Kidnapping => (
            "Rigorous imprisonment for 7 years and fine of Rs 10,000".to_owned(),
            years(7),
        ),
        Crime::Robbery | Crime::AbetmentOfSuicide => (
            "Rigorous imprisonment for 5 years and fine of Rs 5,000".to_owned(),
            years(5),
        ),
        Crime::Ndps => {
            let y = rng.range(1, 10);
            (
                format!(
                    "Rigorous imprisonment for {y} years and fine of Rs {}",
                    y * 10_000
                ),
                years(y),
            )
        }
        Crime::Cheating | Crime::Forgery | Crime::CyberFraud | Crime::Arms | Crime::Obscenity => {
            let y = rng.range(1, 3);
            (
                format!("Rigorous imprisonment for {y} years and fine of Rs 5,000"),
                years(y),
            )
        }
        Crime::Hurt | Crime::Intimidation => {
            if rng.chance(0.6) {
                (
                    "Fine of Rs 1,000; in default simple imprisonment for one month".to_owned(),
                    0,
                )
            } else {
                ("Simple imprisonment for 6 months".to_owned(), 180)
            }
        }
        _ => {
            if rng.chance(0.15) {
                (
                    "Released on probation of good conduct for one year".to_owned(),
                    0,
                )
            } else {
                let m = rng.range(6, 36);
                (
                    format!("Simple imprisonment for {m} months and fine of Rs 2,000"),
                    m * 30,
                )
            }
        }
    };
    (Some(text), days)
}
