//! Kinds of crime the generator registers, their charges under the IPC (FIRs registered before
//! 1 July 2024) or the BNS (from then on), special acts, and how their cases usually run.

use std::collections::HashMap;

use entities::enums::Act;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ActiveEnum, ConnectionTrait, DbErr};

use super::rng::Rng;

/// A kind of crime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Crime {
    TheftMobile,
    TheftVehicle,
    TheftOther,
    Burglary,
    Robbery,
    Dacoity,
    Hurt,
    GrievousHurt,
    Intimidation,
    Cheating,
    CyberFraud,
    Forgery,
    Cruelty,
    DowryDeath,
    AbetmentOfSuicide,
    Murder,
    AttemptToMurder,
    RoadDeath,
    Rioting,
    Kidnapping,
    Molestation,
    Rape,
    Pocso,
    Ndps,
    Arms,
    Obscenity,
    ReceivingStolen,
}

/// How often each kind is registered (relative weights, after NCRB proportions, with enough
/// sexual offences for the victim-protection rules to matter).
pub(crate) const CRIME_WEIGHTS: &[(Crime, u32)] = &[
    (Crime::TheftMobile, 90),
    (Crime::TheftVehicle, 95),
    (Crime::TheftOther, 60),
    (Crime::Burglary, 55),
    (Crime::Robbery, 28),
    (Crime::Dacoity, 5),
    (Crime::Hurt, 115),
    (Crime::GrievousHurt, 30),
    (Crime::Intimidation, 30),
    (Crime::Cheating, 50),
    (Crime::CyberFraud, 45),
    (Crime::Forgery, 10),
    (Crime::Cruelty, 70),
    (Crime::DowryDeath, 5),
    (Crime::AbetmentOfSuicide, 10),
    (Crime::Murder, 15),
    (Crime::AttemptToMurder, 15),
    (Crime::RoadDeath, 40),
    (Crime::Rioting, 15),
    (Crime::Kidnapping, 25),
    (Crime::Molestation, 40),
    (Crime::Rape, 25),
    (Crime::Pocso, 30),
    (Crime::Ndps, 30),
    (Crime::Arms, 20),
    (Crime::Obscenity, 8),
    (Crime::ReceivingStolen, 10),
];

/// Who the victim is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum VictimKind {
    /// No individual victim (the State is the complainant: NDPS, Arms, receiving stolen property).
    None,
    /// An adult of either sex (probability of female).
    Adult(f64),
    /// A woman.
    Woman,
    /// A child (probability of female).
    Child(f64),
    /// A person who died (complainant is a relative); probability of female.
    Deceased(f64),
}

/// How a kind of case usually runs.
pub(crate) struct Profile {
    /// Probability the accused are named in the FIR.
    pub(crate) named: f64,
    /// Number of accused when named.
    pub(crate) accused: (i64, i64),
    /// Probability a named accused is under 18.
    pub(crate) juvenile: f64,
    pub(crate) victim: VictimKind,
    /// Tried by a court of session (else by a magistrate).
    pub(crate) sessions: bool,
    /// Tried by a special court (POCSO, NDPS).
    pub(crate) special: bool,
    /// Offence compoundable by the parties.
    pub(crate) compoundable: bool,
    /// Bailable: accused are usually released on bail from the station.
    pub(crate) bailable: bool,
    /// Probability of conviction at trial.
    pub(crate) conviction: f64,
    /// Days of investigation (min, max) for a detected case.
    pub(crate) investigation: (i64, i64),
    /// Property is stolen in this kind of case.
    pub(crate) property: bool,
}

impl Crime {
    /// How cases of this kind usually run.
    pub(crate) fn profile(self) -> Profile {
        use Crime::*;
        let base = Profile {
            named: 0.9,
            accused: (1, 2),
            juvenile: 0.02,
            victim: VictimKind::Adult(0.3),
            sessions: false,
            special: false,
            compoundable: false,
            bailable: false,
            conviction: 0.45,
            investigation: (30, 150),
            property: false,
        };
        match self {
            TheftMobile | TheftVehicle | TheftOther => Profile {
                named: if self == TheftOther { 0.3 } else { 0.08 },
                accused: (1, 2),
                juvenile: 0.08,
                victim: VictimKind::Adult(0.3),
                conviction: 0.5,
                investigation: (20, 120),
                property: true,
                ..base
            },
            Burglary => Profile {
                named: 0.1,
                accused: (1, 3),
                juvenile: 0.05,
                victim: VictimKind::Adult(0.35),
                conviction: 0.45,
                investigation: (30, 150),
                property: true,
                ..base
            },
            Robbery => Profile {
                named: 0.25,
                accused: (1, 3),
                juvenile: 0.06,
                victim: VictimKind::Adult(0.4),
                sessions: true,
                conviction: 0.45,
                property: true,
                ..base
            },
            Dacoity => Profile {
                named: 0.4,
                accused: (5, 7),
                juvenile: 0.03,
                victim: VictimKind::Adult(0.3),
                sessions: true,
                conviction: 0.35,
                investigation: (45, 180),
                property: true,
                ..base
            },
            Hurt => Profile {
                named: 0.97,
                accused: (1, 3),
                juvenile: 0.03,
                victim: VictimKind::Adult(0.3),
                compoundable: true,
                bailable: true,
                conviction: 0.3,
                investigation: (15, 90),
                ..base
            },
            GrievousHurt => Profile {
                named: 0.95,
                accused: (1, 3),
                juvenile: 0.03,
                victim: VictimKind::Adult(0.2),
                compoundable: true,
                conviction: 0.4,
                ..base
            },
            Intimidation => Profile {
                named: 0.95,
                accused: (1, 2),
                juvenile: 0.02,
                victim: VictimKind::Adult(0.35),
                compoundable: true,
                bailable: true,
                conviction: 0.25,
                investigation: (15, 90),
                ..base
            },
            Cheating => Profile {
                named: 0.85,
                accused: (1, 3),
                juvenile: 0.005,
                victim: VictimKind::Adult(0.3),
                compoundable: true,
                conviction: 0.3,
                investigation: (60, 300),
                ..base
            },
            CyberFraud => Profile {
                named: 0.15,
                accused: (1, 2),
                juvenile: 0.04,
                victim: VictimKind::Adult(0.4),
                conviction: 0.35,
                investigation: (60, 365),
                ..base
            },
            Forgery => Profile {
                named: 0.9,
                accused: (1, 3),
                juvenile: 0.0,
                sessions: true,
                conviction: 0.35,
                investigation: (90, 365),
                ..base
            },
            Cruelty => Profile {
                named: 1.0,
                accused: (1, 4),
                juvenile: 0.0,
                victim: VictimKind::Woman,
                conviction: 0.18,
                investigation: (30, 120),
                ..base
            },
            DowryDeath => Profile {
                named: 1.0,
                accused: (2, 4),
                juvenile: 0.0,
                victim: VictimKind::Deceased(1.0),
                sessions: true,
                conviction: 0.35,
                investigation: (45, 90),
                ..base
            },
            AbetmentOfSuicide => Profile {
                named: 0.9,
                accused: (1, 3),
                juvenile: 0.01,
                victim: VictimKind::Deceased(0.5),
                sessions: true,
                conviction: 0.2,
                investigation: (45, 150),
                ..base
            },
            Murder => Profile {
                named: 0.65,
                accused: (1, 4),
                juvenile: 0.03,
                victim: VictimKind::Deceased(0.25),
                sessions: true,
                conviction: 0.45,
                investigation: (60, 90),
                ..base
            },
            AttemptToMurder => Profile {
                named: 0.85,
                accused: (1, 4),
                juvenile: 0.04,
                victim: VictimKind::Adult(0.2),
                sessions: true,
                conviction: 0.35,
                investigation: (45, 90),
                ..base
            },
            RoadDeath => Profile {
                named: 0.6,
                accused: (1, 1),
                juvenile: 0.02,
                victim: VictimKind::Deceased(0.25),
                bailable: true,
                conviction: 0.4,
                investigation: (30, 120),
                ..base
            },
            Rioting => Profile {
                named: 0.9,
                accused: (5, 9),
                juvenile: 0.04,
                victim: VictimKind::Adult(0.2),
                conviction: 0.2,
                investigation: (45, 180),
                ..base
            },
            Kidnapping => Profile {
                named: 0.6,
                accused: (1, 2),
                juvenile: 0.05,
                victim: VictimKind::Child(0.7),
                sessions: true,
                conviction: 0.25,
                investigation: (30, 180),
                ..base
            },
            Molestation => Profile {
                named: 0.85,
                accused: (1, 2),
                juvenile: 0.06,
                victim: VictimKind::Woman,
                conviction: 0.25,
                investigation: (20, 60),
                ..base
            },
            Rape => Profile {
                named: 0.93,
                accused: (1, 1),
                juvenile: 0.04,
                victim: VictimKind::Woman,
                sessions: true,
                conviction: 0.28,
                investigation: (30, 60),
                ..base
            },
            Pocso => Profile {
                named: 0.9,
                accused: (1, 1),
                juvenile: 0.12,
                victim: VictimKind::Child(0.9),
                sessions: true,
                special: true,
                conviction: 0.33,
                investigation: (30, 60),
                ..base
            },
            Ndps => Profile {
                named: 1.0,
                accused: (1, 3),
                juvenile: 0.03,
                victim: VictimKind::None,
                sessions: true,
                special: true,
                conviction: 0.6,
                investigation: (60, 180),
                ..base
            },
            Arms => Profile {
                named: 1.0,
                accused: (1, 1),
                juvenile: 0.04,
                victim: VictimKind::None,
                conviction: 0.55,
                investigation: (30, 90),
                ..base
            },
            Obscenity => Profile {
                named: 0.5,
                accused: (1, 1),
                juvenile: 0.08,
                victim: VictimKind::Woman,
                conviction: 0.3,
                investigation: (60, 240),
                ..base
            },
            ReceivingStolen => Profile {
                named: 1.0,
                accused: (1, 2),
                juvenile: 0.05,
                victim: VictimKind::None,
                conviction: 0.5,
                investigation: (30, 120),
                ..base
            },
        }
    }

    /// Whether this kind is eligible for a Zero FIR (registered wherever the victim walks in).
    pub(crate) fn zero_fir_prone(self) -> bool {
        matches!(
            self,
            Crime::Rape
                | Crime::Pocso
                | Crime::Kidnapping
                | Crime::CyberFraud
                | Crime::Molestation
                | Crime::Cheating
        )
    }

    /// The ways this kind is usually committed (codes of
    /// `entities::modus_operandi::CATALOGUE`), one of which an FIR may record.
    pub(crate) fn modus_operandi(self) -> &'static [&'static str] {
        match self {
            Crime::TheftMobile => &[
                "POCKET_PICKING_CROWD",
                "MOBILE_SNATCHING_TWO_WHEELER",
                "DISTRACTION_THEFT",
            ],
            Crime::TheftVehicle => &[
                "VEHICLE_LIFTING_MASTER_KEY",
                "VEHICLE_LIFTING_PUBLIC_PARKING",
            ],
            Crime::TheftOther => &[
                "THEFT_BY_DOMESTIC_HELP",
                "DISTRACTION_THEFT",
                "SHOP_LIFTING",
                "POCKET_PICKING_CROWD",
            ],
            Crime::Burglary => &[
                "LOCK_BREAKING_DAY",
                "LOCK_BREAKING_NIGHT",
                "WINDOW_GRILL_CUT",
                "ROOF_OR_WALL_BREACH",
            ],
            Crime::Robbery => &[
                "CHAIN_SNATCHING",
                "HIGHWAY_ROBBERY",
                "ATM_ROBBERY",
                "DRUGGING_TRAVELLERS",
            ],
            Crime::Dacoity => &["ARMED_HOUSE_DACOITY", "HIGHWAY_ROBBERY"],
            Crime::Hurt | Crime::GrievousHurt => {
                &["ASSAULT_OVER_LAND_DISPUTE", "ASSAULT_UNDER_INTOXICATION"]
            }
            Crime::Cheating => &["FAKE_GOLD_SWINDLE", "JOB_OFFER_FRAUD", "LAND_DOUBLE_SALE"],
            Crime::CyberFraud => &[
                "OTP_FRAUD_BANK_OFFICIAL",
                "ONLINE_MARKETPLACE_FRAUD",
                "SEXTORTION_VIDEO_CALL",
                "INVESTMENT_APP_FRAUD",
                "SIM_SWAP",
            ],
            Crime::Cruelty | Crime::DowryDeath => &["DOWRY_DEMAND_HARASSMENT"],
            Crime::Murder | Crime::AttemptToMurder => &[
                "MURDER_FOR_GAIN",
                "MURDER_OVER_RELATIONSHIP",
                "ASSAULT_OVER_LAND_DISPUTE",
            ],
            Crime::Kidnapping => &["KIDNAPPING_FOR_RANSOM", "ENTICEMENT_OF_MINOR"],
            Crime::Ndps => &["DRUG_COURIER_BUS_TRAIN"],
            _ => &[],
        }
    }

    /// A short name of the offence for complaints and reports.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Crime::TheftMobile => "Theft of mobile phone",
            Crime::TheftVehicle => "Motor vehicle theft",
            Crime::TheftOther => "Theft",
            Crime::Burglary => "House-breaking and theft",
            Crime::Robbery => "Robbery",
            Crime::Dacoity => "Dacoity",
            Crime::Hurt => "Assault causing hurt",
            Crime::GrievousHurt => "Assault causing grievous hurt",
            Crime::Intimidation => "Criminal intimidation",
            Crime::Cheating => "Cheating",
            Crime::CyberFraud => "Online financial fraud",
            Crime::Forgery => "Forgery and cheating",
            Crime::Cruelty => "Cruelty by husband and in-laws",
            Crime::DowryDeath => "Dowry death",
            Crime::AbetmentOfSuicide => "Abetment of suicide",
            Crime::Murder => "Murder",
            Crime::AttemptToMurder => "Attempt to murder",
            Crime::RoadDeath => "Fatal road accident",
            Crime::Rioting => "Rioting",
            Crime::Kidnapping => "Kidnapping",
            Crime::Molestation => "Outraging the modesty of a woman",
            Crime::Rape => "Sexual offence",
            Crime::Pocso => "Sexual offence against a child",
            Crime::Ndps => "Narcotics seizure",
            Crime::Arms => "Illegal possession of arms",
            Crime::Obscenity => "Obscene content online",
            Crime::ReceivingStolen => "Receiving stolen property",
        }
    }
}

/// The criminal code in force at registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Code {
    Ipc,
    Bns,
}

impl Code {
    /// The CrPC/BNSS section for recording witness statements, as written in case diaries.
    pub(crate) fn statement_section(self) -> &'static str {
        match self {
            Code::Ipc => "section 161 CrPC",
            Code::Bns => "section 180 BNSS",
        }
    }

    /// The proclamation section (absconders).
    pub(crate) fn proclamation_section(self) -> &'static str {
        match self {
            Code::Ipc => "section 82 CrPC",
            Code::Bns => "section 84 BNSS",
        }
    }
}

/// One charge: act and section as written.
pub(crate) type ChargeRef = (Act, &'static str);

/// The charges of an FIR of `crime` registered under `code`, with `accused` accused.
pub(crate) fn charges(
    rng: &mut Rng,
    crime: Crime,
    code: Code,
    accused: usize,
    child_victim_under_16: bool,
) -> Vec<ChargeRef> {
    use Crime::*;
    // `p(ipc, bns)`: the penal-code section of the era.
    let p = |ipc: &'static str, bns: &'static str| -> ChargeRef {
        match code {
            Code::Ipc => (Act::Ipc, ipc),
            Code::Bns => (Act::Bns, bns),
        }
    };
    let mut out: Vec<ChargeRef> = Vec::with_capacity(4);
    match crime {
        TheftMobile | TheftVehicle => out.push(p("379", "303(2)")),
        TheftOther => {
            if rng.chance(0.4) {
                out.push(p("380", "305(a)"));
            } else {
                out.push(p("379", "303(2)"));
            }
        }
        Burglary => {
            if rng.chance(0.7) {
                out.push(p("457", "331(4)"));
            } else {
                out.push(p("454", "331(3)"));
            }
            out.push(p("380", "305(a)"));
        }
        Robbery => {
            out.push(p("392", "309(4)"));
            if rng.chance(0.15) {
                out.push(p("397", "311"));
            }
        }
        Dacoity => {
            out.push(p("395", "310(2)"));
            if rng.chance(0.3) {
                out.push(p("397", "311"));
            }
            if rng.chance(0.3) {
                out.push((Act::Arms, "25"));
            }
        }
        Hurt => {
            out.push(p("323", "115(2)"));
            if rng.chance(0.7) {
                out.push(p("504", "352"));
            }
            if rng.chance(0.6) {
                out.push(p("506", "351(2)"));
            }
        }
        GrievousHurt => {
            if rng.chance(0.5) {
                out.push(p("326", "118(2)"));
            } else {
                out.push(p("325", "117(2)"));
            }
            if rng.chance(0.5) {
                out.push(p("324", "118(1)"));
            }
            if rng.chance(0.5) {
                out.push(p("506", "351(2)"));
            }
        }
        Intimidation => {
            out.push(p("506", "351(2)"));
            if rng.chance(0.6) {
                out.push(p("504", "352"));
            }
            if rng.chance(0.2) {
                out.push(p("341", "126(2)"));
            }
        }
        Cheating => {
            out.push(p("420", "318(4)"));
            if rng.chance(0.35) {
                out.push(p("406", "316(2)"));
            }
            if accused > 1 && rng.chance(0.4) {
                out.push(p("120B", "61(2)"));
            }
        }
        CyberFraud => {
            out.push(p("420", "318(4)"));
            if rng.chance(0.7) {
                out.push((Act::It, "66D"));
            } else {
                out.push((Act::It, "66C"));
            }
        }
        Forgery => {
            out.push(p("420", "318(4)"));
            out.push(p("467", "338"));
            out.push(p("468", "336(3)"));
            out.push(p("471", "340(2)"));
            if accused > 1 {
                out.push(p("120B", "61(2)"));
            }
        }
        Cruelty => {
            out.push(p("498A", "85"));
            if rng.chance(0.6) {
                out.push(p("323", "115(2)"));
            }
            if rng.chance(0.5) {
                out.push(p("506", "351(2)"));
            }
        }
        DowryDeath => {
            out.push(p("304B", "80(2)"));
            out.push(p("498A", "85"));
        }
        AbetmentOfSuicide => {
            out.push(p("306", "108"));
            if rng.chance(0.3) {
                out.push(p("498A", "85"));
            }
        }
        Murder => {
            out.push(p("302", "103(1)"));
            if rng.chance(0.15) {
                out.push((Act::Arms, "27"));
            }
            if rng.chance(0.1) {
                out.push(p("120B", "61(2)"));
            }
        }
        AttemptToMurder => {
            out.push(p("307", "109"));
            if rng.chance(0.2) {
                out.push((Act::Arms, "27"));
            }
            if rng.chance(0.4) {
                out.push(p("506", "351(2)"));
            }
        }
        RoadDeath => {
            out.push(p("279", "281"));
            out.push(p("304A", "106(1)"));
        }
        Rioting => {
            out.push(p("147", "191(2)"));
            if rng.chance(0.5) {
                out.push(p("148", "191(3)"));
            }
            if rng.chance(0.4) {
                out.push(p("143", "189(2)"));
            }
            out.push(p("323", "115(2)"));
            if rng.chance(0.5) {
                out.push(p("506", "351(2)"));
            }
        }
        Kidnapping => {
            if rng.chance(0.7) {
                out.push(p("363", "137(2)"));
            } else if rng.chance(0.9) {
                out.push(p("366", "87"));
            } else {
                out.push(p("364A", "140(2)"));
            }
        }
        Molestation => match rng.below(4) {
            0 | 1 => {
                out.push(p("354", "74"));
                if rng.chance(0.4) {
                    out.push(p("506", "351(2)"));
                }
            }
            2 => out.push(p("354D", "78")),
            _ => {
                out.push(p("354A", "75"));
                if rng.chance(0.5) {
                    out.push(p("509", "79"));
                }
            }
        },
        Rape => {
            if accused > 1 {
                out.push(p("376D", "70(1)"));
            } else {
                out.push(p("376", "64"));
            }
            if rng.chance(0.4) {
                out.push(p("506", "351(2)"));
            }
        }
        Pocso => match rng.below(3) {
            0 => {
                if child_victim_under_16 {
                    out.push(p("376(3)", "65(1)"));
                } else {
                    out.push(p("376", "64"));
                }
                out.push((Act::Pocso, if rng.chance(0.3) { "6" } else { "4" }));
            }
            1 => {
                out.push(p("354", "74"));
                out.push((Act::Pocso, if rng.chance(0.3) { "10" } else { "8" }));
            }
            _ => {
                out.push(p("354A", "75"));
                out.push((Act::Pocso, "12"));
            }
        },
        Ndps => {
            out.push((Act::Ndps, rng.pick_copy(&["20", "20", "21", "22", "27"])));
            if accused > 1 {
                out.push((Act::Ndps, "29"));
            }
        }
        Arms => {
            out.push((Act::Arms, "25"));
            if rng.chance(0.15) {
                out.push((Act::Arms, "27"));
            }
        }
        Obscenity => {
            out.push((Act::It, if rng.chance(0.7) { "67" } else { "67A" }));
            if rng.chance(0.5) {
                out.push(p("354D", "78"));
            } else {
                out.push(p("509", "79"));
            }
        }
        ReceivingStolen => out.push(p("411", "317(2)")),
    }
    let common_intention = matches!(
        crime,
        Hurt | GrievousHurt
            | Murder
            | AttemptToMurder
            | Cruelty
            | DowryDeath
            | Robbery
            | Rioting
            | Kidnapping
            | Rape
    );
    if accused > 1 && common_intention {
        out.push(p("34", "3(5)"));
    }
    out
}

/// The statute catalogue (filled by migrations): `(act, section)` → `(id, victim protected)`.
pub(crate) struct Catalogue {
    by_section: HashMap<(String, String), (i64, bool)>,
}

impl Catalogue {
    /// Reads the catalogue.
    pub(crate) async fn load<C: ConnectionTrait>(db: &C) -> Result<Self, DbErr> {
        let select = Query::select()
            .columns([
                Alias::new("id"),
                Alias::new("act"),
                Alias::new("section"),
                Alias::new("victim_identity_protected"),
            ])
            .from(Alias::new("statute"))
            .and_where(Expr::col(Alias::new("id")).is_not_null())
            .to_owned();
        let mut by_section = HashMap::new();
        for row in db.query_all(&select).await? {
            let id: i64 = row.try_get("", "id")?;
            let act: String = row.try_get("", "act")?;
            let section: String = row.try_get("", "section")?;
            let protected: bool = row.try_get("", "victim_identity_protected")?;
            by_section.insert((act, section), (id, protected));
        }
        Ok(Self { by_section })
    }

    /// The statute id of a charge and whether it protects the victim's identity.
    pub(crate) fn resolve(&self, (act, section): ChargeRef) -> (Option<i64>, bool) {
        match self.by_section.get(&(act.to_value(), section.to_owned())) {
            Some(&(id, protected)) => (Some(id), protected),
            None => (None, false),
        }
    }

    /// Whether the catalogue lists `(act, section)`.
    #[cfg(test)]
    pub(crate) fn contains(&self, charge: ChargeRef) -> bool {
        self.resolve(charge).0.is_some()
    }
}
