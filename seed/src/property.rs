//! Property: vehicles (registration, chassis and engine numbers), mobiles (IMEI), arms,
//! jewellery, cash, drugs. Identifiers are unique by construction from counters.

use entities::enums::PropertyCategory;

use super::people::luhn;
use super::rng::{Rng, scramble};

/// A property item before it is written.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub(crate) category: PropertyCategory,
    pub(crate) description: String,
    pub(crate) value: Option<i64>,
    pub(crate) registration: Option<String>,
    pub(crate) chassis: Option<String>,
    pub(crate) engine: Option<String>,
    pub(crate) imei: Option<String>,
    pub(crate) arm_serial: Option<String>,
    pub(crate) make: Option<&'static str>,
    pub(crate) model: Option<&'static str>,
}

impl Item {
    fn plain(category: PropertyCategory, description: String, value: i64) -> Self {
        Self {
            category,
            description,
            value: Some(value),
            registration: None,
            chassis: None,
            engine: None,
            imei: None,
            arm_serial: None,
            make: None,
            model: None,
        }
    }

    /// Whether the item carries an identifier a national search can match.
    pub(crate) fn traceable(&self) -> bool {
        self.registration.is_some() || self.imei.is_some() || self.chassis.is_some()
    }

    /// A short phrase for narratives: `a Honda Activa 6G scooter (MH12AB1234)`.
    pub(crate) fn phrase(&self) -> String {
        match (self.category, &self.registration, &self.imei) {
            (PropertyCategory::Vehicle, Some(reg), _) => format!("{} ({reg})", self.description),
            (PropertyCategory::Mobile, _, Some(imei)) => {
                format!("{} (IMEI {imei})", self.description)
            }
            _ => self.description.clone(),
        }
    }
}

struct VehicleModel {
    make: &'static str,
    model: &'static str,
    kind: &'static str,
    wmi: &'static str,
    engine_prefix: &'static str,
    value: (i64, i64),
}

const VEHICLES: &[(VehicleModel, u32)] = &[
    (
        VehicleModel {
            make: "Hero",
            model: "Splendor Plus",
            kind: "motorcycle",
            wmi: "MBL",
            engine_prefix: "HA10E",
            value: (35_000, 70_000),
        },
        30,
    ),
    (
        VehicleModel {
            make: "Honda",
            model: "Activa 6G",
            kind: "scooter",
            wmi: "ME4",
            engine_prefix: "JF50E",
            value: (40_000, 75_000),
        },
        25,
    ),
    (
        VehicleModel {
            make: "Bajaj",
            model: "Pulsar 150",
            kind: "motorcycle",
            wmi: "MD2",
            engine_prefix: "DHZ",
            value: (50_000, 95_000),
        },
        15,
    ),
    (
        VehicleModel {
            make: "TVS",
            model: "Apache RTR 160",
            kind: "motorcycle",
            wmi: "MD6",
            engine_prefix: "OE4",
            value: (55_000, 100_000),
        },
        8,
    ),
    (
        VehicleModel {
            make: "Royal Enfield",
            model: "Classic 350",
            kind: "motorcycle",
            wmi: "ME3",
            engine_prefix: "U3S5",
            value: (90_000, 170_000),
        },
        7,
    ),
    (
        VehicleModel {
            make: "Maruti Suzuki",
            model: "Swift",
            kind: "car",
            wmi: "MA3",
            engine_prefix: "K12MN",
            value: (250_000, 650_000),
        },
        6,
    ),
    (
        VehicleModel {
            make: "Hyundai",
            model: "i20",
            kind: "car",
            wmi: "MAL",
            engine_prefix: "G4LA",
            value: (300_000, 750_000),
        },
        3,
    ),
    (
        VehicleModel {
            make: "Mahindra",
            model: "Bolero",
            kind: "SUV",
            wmi: "MA1",
            engine_prefix: "MHAWK",
            value: (400_000, 900_000),
        },
        3,
    ),
    (
        VehicleModel {
            make: "Tata",
            model: "Ace",
            kind: "goods carrier",
            wmi: "MAT",
            engine_prefix: "275IDI",
            value: (200_000, 450_000),
        },
        3,
    ),
];

struct Phone {
    make: &'static str,
    model: &'static str,
    tac: &'static str,
    value: (i64, i64),
}

const PHONES: &[Phone] = &[
    Phone {
        make: "Xiaomi",
        model: "Redmi Note 12",
        tac: "86452105",
        value: (9_000, 16_000),
    },
    Phone {
        make: "Samsung",
        model: "Galaxy M14",
        tac: "35274418",
        value: (10_000, 15_000),
    },
    Phone {
        make: "Vivo",
        model: "Y21",
        tac: "86918405",
        value: (8_000, 13_000),
    },
    Phone {
        make: "Oppo",
        model: "A78",
        tac: "86741206",
        value: (12_000, 18_000),
    },
    Phone {
        make: "Realme",
        model: "Narzo 60",
        tac: "86193506",
        value: (11_000, 17_000),
    },
    Phone {
        make: "Apple",
        model: "iPhone 13",
        tac: "35390711",
        value: (45_000, 65_000),
    },
    Phone {
        make: "OnePlus",
        model: "Nord CE 3",
        tac: "86201307",
        value: (18_000, 26_000),
    },
    Phone {
        make: "Samsung",
        model: "Galaxy A34",
        tac: "35167522",
        value: (20_000, 30_000),
    },
    Phone {
        make: "Xiaomi",
        model: "Redmi 12C",
        tac: "86885306",
        value: (6_000, 9_000),
    },
    Phone {
        make: "Motorola",
        model: "G54",
        tac: "35913463",
        value: (12_000, 16_000),
    },
];

/// Makes items with identifiers unique across the whole seed.
pub(crate) struct Factory {
    key: u64,
    vehicles: u64,
    phones: u64,
    arms: u64,
}

impl Factory {
    /// A factory whose identifiers are salted with `key`.
    pub(crate) fn new(key: u64) -> Self {
        Self {
            key,
            vehicles: 0,
            phones: 0,
            arms: 0,
        }
    }

    /// A vehicle registered in `state`, with registration, chassis and engine numbers.
    pub(crate) fn vehicle(&mut self, rng: &mut Rng, state: &str) -> Item {
        let model = rng.weighted(VEHICLES);
        self.vehicle_of(rng, state, model)
    }

    /// A two-wheeler or car of a kind commonly involved in accidents.
    pub(crate) fn heavy_vehicle(&mut self, rng: &mut Rng, state: &str) -> Item {
        let model = &VEHICLES[rng.range(5, VEHICLES.len() as i64 - 1) as usize].0;
        self.vehicle_of(rng, state, model)
    }

    fn vehicle_of(&mut self, rng: &mut Rng, state: &str, model: &VehicleModel) -> Item {
        let n = self.vehicles;
        self.vehicles += 1;
        // Registration: state, RTO (01–99), series (two letters), number (0001–9999).
        let domain = 99 * 676 * 9_999;
        let x = scramble(n % domain, domain, self.key ^ 0x11);
        let rto = 1 + x % 99;
        let series = (x / 99) % 676;
        let number = 1 + x / (99 * 676);
        let s1 = char::from(b'A' + (series / 26) as u8);
        let s2 = char::from(b'A' + (series % 26) as u8);
        let registration = match rng.below(4) {
            0 => format!("{state} {rto:02} {s1}{s2} {number:04}"),
            1 => format!("{state}-{rto:02}-{s1}{s2}-{number:04}"),
            _ => format!("{state}{rto:02}{s1}{s2}{number:04}"),
        };
        let c = scramble(n % 26_000_000, 26_000_000, self.key ^ 0x12);
        let year_code = rng.pick_copy(&['L', 'M', 'N', 'P', 'R', 'S']);
        // 17 characters: WMI (3), descriptor (5), check digit, model year, plant, serial (6).
        let chassis = format!(
            "{}{}{}{}{}{}{}{:06}",
            model.wmi,
            rng.letter(),
            rng.letter(),
            rng.digits(3),
            rng.below(10),
            year_code,
            char::from(b'A' + (c / 1_000_000) as u8),
            c % 1_000_000
        );
        let e = scramble(n % 260_000_000, 260_000_000, self.key ^ 0x13);
        let engine = format!(
            "{}{}{:07}",
            model.engine_prefix,
            char::from(b'A' + (e / 10_000_000) as u8),
            e % 10_000_000
        );
        let value = rng.range(model.value.0, model.value.1) / 500 * 500;
        Item {
            category: PropertyCategory::Vehicle,
            description: format!(
                "{} {} {}, {}",
                model.make,
                model.model,
                model.kind,
                rng.pick(&["black", "red", "grey", "white", "blue", "silver"])
            ),
            value: Some(value),
            registration: Some(registration),
            chassis: Some(chassis),
            engine: Some(engine),
            imei: None,
            arm_serial: None,
            make: Some(model.make),
            model: Some(model.model),
        }
    }

    /// A mobile phone with a valid 15-digit IMEI.
    pub(crate) fn mobile(&mut self, rng: &mut Rng) -> Item {
        let n = self.phones;
        self.phones += 1;
        let domain = PHONES.len() as u64 * 1_000_000;
        let x = scramble(n % domain, domain, self.key ^ 0x21);
        let phone = &PHONES[(x % PHONES.len() as u64) as usize];
        let body = format!("{}{:06}", phone.tac, x / PHONES.len() as u64);
        let imei = format!("{body}{}", luhn(&body));
        Item {
            category: PropertyCategory::Mobile,
            description: format!("{} {} mobile phone", phone.make, phone.model),
            value: Some(rng.range(phone.value.0, phone.value.1) / 100 * 100),
            imei: Some(imei),
            make: Some(phone.make),
            model: Some(phone.model),
            ..Item::plain(PropertyCategory::Mobile, String::new(), 0)
        }
    }

    /// A firearm: a country-made pistol without a serial, or a factory weapon with one.
    pub(crate) fn arm(&mut self, rng: &mut Rng) -> Item {
        if rng.chance(0.55) {
            return Item::plain(
                PropertyCategory::Arm,
                "Country-made pistol (katta) with no serial number".to_owned(),
                3_000,
            );
        }
        let n = self.arms;
        self.arms += 1;
        let x = scramble(n % 10_000_000, 10_000_000, self.key ^ 0x31);
        let (description, make, model, prefix, value) = rng.pick_copy(&[
            (
                ".32 bore revolver",
                "Indian Ordnance Factories",
                "Webley Revolver",
                "IOF32R",
                90_000,
            ),
            (
                ".315 bore rifle",
                "Indian Ordnance Factories",
                "Sporting Rifle .315",
                "IOF315",
                60_000,
            ),
            (
                "12 bore double-barrel gun",
                "Ordnance Factory Kanpur",
                "DBBL 12 bore",
                "DBBL12",
                40_000,
            ),
            (
                ".32 bore pistol",
                "Indian Ordnance Factories",
                "Pistol .32",
                "IOF32P",
                100_000,
            ),
        ]);
        Item {
            category: PropertyCategory::Arm,
            description: description.to_owned(),
            value: Some(value),
            arm_serial: Some(format!("{prefix}-{x:07}")),
            make: Some(make),
            model: Some(model),
            ..Item::plain(PropertyCategory::Arm, String::new(), 0)
        }
    }

    /// Gold ornaments.
    pub(crate) fn jewellery(rng: &mut Rng) -> Item {
        let grams = rng.range(5, 60);
        let what = rng.pick(&[
            "gold chain",
            "mangalsutra",
            "pair of gold earrings",
            "gold bangles",
            "gold ring",
            "silver anklets",
        ]);
        Item::plain(
            PropertyCategory::Jewellery,
            format!("{what}, about {grams} g"),
            grams * rng.range(5_000, 6_500),
        )
    }

    /// Cash.
    pub(crate) fn cash(rng: &mut Rng) -> Item {
        let amount = rng.range(2, 150) * 500;
        Item::plain(
            PropertyCategory::Currency,
            format!("Cash {}", super::text::rupees(amount)),
            amount,
        )
    }

    /// Something else of value.
    pub(crate) fn other(rng: &mut Rng) -> Item {
        let (what, lo, hi) = rng.pick_copy(&[
            ("Dell laptop", 25_000, 60_000),
            ("LPG cylinder", 1_500, 2_500),
            ("copper wire, about 40 kg", 20_000, 30_000),
            ("inverter battery", 8_000, 14_000),
            ("LED television", 15_000, 40_000),
            ("ladies purse with documents", 500, 2_000),
            ("bicycle", 3_000, 8_000),
            ("water pump motor", 6_000, 15_000),
        ]);
        Item::plain(
            PropertyCategory::Other,
            what.to_owned(),
            rng.range(lo, hi) / 100 * 100,
        )
    }

    /// Seized narcotics.
    pub(crate) fn drugs(rng: &mut Rng, section: &str) -> Item {
        let (what, qty, value) = match section {
            "21" => (
                "Heroin (brown sugar)",
                format!("{} g", rng.range(5, 250)),
                rng.range(50_000, 2_000_000),
            ),
            "22" => (
                "Mephedrone (MD)",
                format!("{} g", rng.range(10, 500)),
                rng.range(100_000, 2_500_000),
            ),
            "27" => (
                "Ganja for personal consumption",
                format!("{} g", rng.range(10, 90)),
                rng.range(500, 3_000),
            ),
            _ => (
                "Ganja",
                format!("{}.{:03} kg", rng.range(0, 40), rng.range(0, 999)),
                rng.range(5_000, 400_000),
            ),
        };
        Item::plain(
            PropertyCategory::Other,
            format!("{what}, {qty}, sealed in the presence of panch witnesses"),
            value / 100 * 100,
        )
    }

    /// A weapon used in an assault.
    pub(crate) fn weapon(rng: &mut Rng) -> Item {
        let what = rng.pick(&[
            "Blood-stained knife",
            "Iron rod",
            "Wooden stick (lathi)",
            "Sickle",
            "Axe",
            "Sword",
        ]);
        Item::plain(PropertyCategory::Other, what.to_string(), 200)
    }

    /// Cartridges.
    pub(crate) fn cartridges(rng: &mut Rng) -> Item {
        Item::plain(
            PropertyCategory::Other,
            format!("{} live cartridges", rng.range(1, 8)),
            500,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_have_their_formats_and_do_not_repeat() {
        let mut rng = Rng::new(5, 5);
        let mut factory = Factory::new(5);
        let mut imeis = std::collections::HashSet::new();
        let mut registrations = std::collections::HashSet::new();
        let mut chassis = std::collections::HashSet::new();
        for _ in 0..5_000 {
            let m = factory.mobile(&mut rng);
            let imei = m.imei.unwrap();
            assert_eq!(imei.len(), 15);
            assert_eq!(luhn(&imei[..14]), imei.as_bytes()[14] - b'0');
            assert!(imeis.insert(imei));
            let v = factory.vehicle(&mut rng, "MH");
            let reg = entities::property_key::identifier(v.registration.as_deref().unwrap());
            assert_eq!(reg.len(), 10, "{reg}");
            assert!(registrations.insert(reg));
            let c = v.chassis.unwrap();
            assert_eq!(c.len(), 17, "{c}");
            assert!(chassis.insert(c));
        }
    }
}
