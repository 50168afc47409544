//! Short English texts as police, courts and prisons write them: FIR narratives, case diary
//! entries, hearing purposes and outcomes, complaint descriptions, closure reasons.

use chrono::{DateTime, FixedOffset, Utc};

use super::crimes::{Code, Crime};
use super::rng::Rng;

/// India Standard Time.
pub(crate) fn ist() -> FixedOffset {
    FixedOffset::east_opt(5 * 3600 + 1800)
        .unwrap_or_else(|| FixedOffset::east_opt(0).unwrap_or_else(|| unreachable!()))
}

/// `12.03.2023 at about 21:30 hrs` (IST), as FIRs write times.
pub(crate) fn when(at: DateTime<Utc>) -> String {
    at.with_timezone(&ist())
        .format("%d.%m.%Y at about %H:%M hrs")
        .to_string()
}

/// `12.03.2023` (IST).
pub(crate) fn day(at: DateTime<Utc>) -> String {
    at.with_timezone(&ist()).format("%d.%m.%Y").to_string()
}

/// What a narrative is written from.
pub(crate) struct Facts<'a> {
    pub(crate) when: &'a str,
    pub(crate) place: &'a str,
    pub(crate) complainant: &'a str,
    pub(crate) victim: &'a str,
    /// `accused Ramesh Patil and 2 others`, or `unknown persons`.
    pub(crate) accused: &'a str,
    /// `a Redmi Note 12 mobile phone`, …
    pub(crate) items: &'a str,
    pub(crate) value: i64,
    /// `SI Rahul Jadhav`.
    pub(crate) officer: &'a str,
    /// The complainant's relation to the victim (`father`, `husband`, …) or `self`.
    pub(crate) relation: &'a str,
}

/// The narrative of an FIR: one to three plain sentences.
pub(crate) fn narrative(rng: &mut Rng, crime: Crime, f: &Facts<'_>) -> String {
    let Facts {
        when,
        place,
        complainant,
        victim,
        accused,
        items,
        value,
        officer,
        relation,
    } = *f;
    match crime {
        Crime::TheftMobile => match rng.below(3) {
            0 => format!(
                "The complainant {complainant} reported that on {when}, while travelling in a crowded bus near {place}, {accused} stole {items} from his pocket."
            ),
            1 => format!(
                "The complainant {complainant} stated that on {when} {items} kept on charging at {place} was stolen by {accused}. Value about Rs {value}."
            ),
            _ => format!(
                "On {when} near {place}, two persons on a motorcycle snatched {items} from the hand of the complainant {complainant} and fled. The accused are unknown."
            ),
        },
        Crime::TheftVehicle => match rng.below(2) {
            0 => format!(
                "The complainant {complainant} parked {items} near {place} on {when}. On return the vehicle was missing; {accused} committed the theft. Value about Rs {value}."
            ),
            _ => format!(
                "On {when} {items} parked in front of the complainant's house at {place} was stolen by {accused} during the night. The complainant searched nearby areas before reporting."
            ),
        },
        Crime::TheftOther => format!(
            "The complainant {complainant} reported that on {when} at {place} {accused} dishonestly removed {items} worth about Rs {value}."
        ),
        Crime::Burglary => format!(
            "On {when} the house of the complainant {complainant} at {place} was found with the door lock broken. {accused} entered and stole {items} worth about Rs {value}."
        ),
        Crime::Robbery => format!(
            "On {when} near {place}, {accused} stopped the complainant {complainant}, threatened him with a knife and robbed {items} worth about Rs {value}."
        ),
        Crime::Dacoity => format!(
            "On {when}, {accused} armed with sticks and a country-made pistol entered the premises of the complainant {complainant} at {place}, assaulted the family and took away {items} worth about Rs {value}."
        ),
        Crime::Hurt => match rng.below(2) {
            0 => format!(
                "Over a quarrel about parking, {accused} abused the complainant {complainant} on {when} near {place}, beat him with fists and threatened to kill him."
            ),
            _ => format!(
                "On {when} at {place}, {accused} assaulted the complainant {complainant} with a stick over an old dispute about a boundary wall, causing injuries, and threatened him."
            ),
        },
        Crime::GrievousHurt => format!(
            "On {when} near {place}, {accused} attacked {victim} with an iron rod over a money dispute, causing a fracture. The injured was admitted to the government hospital."
        ),
        Crime::Intimidation => format!(
            "The complainant {complainant} stated that on {when} at {place} {accused} abused him and threatened to kill him if he did not withdraw his earlier complaint."
        ),
        Crime::Cheating => format!(
            "The complainant {complainant} stated that {accused} took Rs {value} from him promising a government job / plot of land, and since {when} has neither fulfilled the promise nor returned the money."
        ),
        Crime::CyberFraud => match rng.below(3) {
            0 => format!(
                "On {when} the complainant {complainant} received a call from a person posing as a bank officer, who obtained the OTP and fraudulently withdrew Rs {value} from his account."
            ),
            1 => format!(
                "The complainant {complainant} was lured through a social media advertisement into an online investment scheme and transferred Rs {value} between {when} and later dates. The accused are unknown."
            ),
            _ => format!(
                "On {when} the complainant {complainant} clicked a link received by SMS about an electricity bill; Rs {value} was debited from the account through UPI transactions."
            ),
        },
        Crime::Forgery => format!(
            "The complainant {complainant} stated that {accused} prepared forged sale deeds of his ancestral land at {place} and used them as genuine to obtain a loan of Rs {value}; the fraud came to light on {when}."
        ),
        Crime::Cruelty => format!(
            "The complainant {complainant} stated that since her marriage her husband and in-laws ({accused}) harassed her for dowry and assaulted her; on {when} she was driven out of the matrimonial home at {place}."
        ),
        Crime::DowryDeath => format!(
            "The complainant {complainant}, {relation} of the deceased {victim}, stated that her in-laws ({accused}) harassed her for dowry; on {when} she was found dead with burn injuries at the matrimonial home at {place}."
        ),
        Crime::AbetmentOfSuicide => format!(
            "The complainant {complainant} stated that his {relation} {victim} was continuously harassed by {accused} and on {when} died by suicide at {place}, leaving a note naming them."
        ),
        Crime::Murder => format!(
            "The complainant {complainant} stated that on {when} near {place}, {accused} attacked his {relation} {victim} with a sharp weapon following a previous enmity; the victim died on the spot."
        ),
        Crime::AttemptToMurder => format!(
            "On {when} near {place}, {accused} stabbed {victim} in the abdomen with a knife intending to kill him. The injured is under treatment."
        ),
        Crime::RoadDeath => format!(
            "On {when} near {place}, {items} driven rashly and negligently hit {victim}, who died on the way to hospital. The complainant {complainant} is the {relation} of the deceased."
        ),
        Crime::Rioting => format!(
            "On {when} at {place}, a mob of about twenty persons including {accused}, armed with sticks, assaulted members of the other group during a dispute over a procession and damaged vehicles."
        ),
        Crime::Kidnapping => format!(
            "The complainant {complainant} stated that his {relation} {victim} left for school/work on {when} from {place} and has not returned; he suspects {accused} has enticed the victim away."
        ),
        Crime::Molestation => format!(
            "The complainant {complainant} stated that on {when} near {place} {accused} followed her, made obscene gestures and touched her inappropriately with intent to outrage her modesty."
        ),
        Crime::Rape => format!(
            "The victim stated that on {when} at {place} {accused} committed sexual assault on her on a false promise of marriage and threatened her. Details of the victim are withheld under section 72 BNS / 228A IPC."
        ),
        Crime::Pocso => format!(
            "The {relation} of the child victim reported that on {when} at {place} {accused} sexually assaulted the child. The identity of the child is protected under section 23 POCSO Act."
        ),
        Crime::Ndps => format!(
            "On {when}, acting on secret information, a raiding party led by {officer} intercepted {accused} near {place} and recovered {items} in the presence of a gazetted officer and panch witnesses."
        ),
        Crime::Arms => format!(
            "On {when}, during patrolling near {place}, {officer} found {accused} in possession of {items} without any licence."
        ),
        Crime::Obscenity => format!(
            "The complainant {complainant} stated that since {when} {accused} has been posting morphed obscene photographs of her on social media and sending them to her relatives."
        ),
        Crime::ReceivingStolen => format!(
            "On {when}, during vehicle checking near {place}, {officer} stopped {accused} who could not explain possession of {items}; on verification the property was found reported stolen."
        ),
    }
}

/// Why an FIR was registered late.
pub(crate) fn delay_reason(rng: &mut Rng) -> &'static str {
    *rng.pick(&[
        "Complainant was out of station and learnt of the offence on return.",
        "Victim was under medical treatment and could not approach the police earlier.",
        "Complainant searched for the property in nearby areas before reporting.",
        "Family consulted elders and relatives before approaching the police.",
        "Complainant was afraid of the accused and came forward after counselling.",
        "Bank statement revealing the fraud was received late.",
    ])
}

/// A case diary entry, the `n`-th of the case.
pub(crate) fn diary(rng: &mut Rng, n: usize, code: Code, place: &str) -> String {
    let statement = code.statement_section();
    match n {
        0 => format!("Received copy of FIR and took up investigation. Visited the scene of offence at {place}, prepared spot panchnama and took photographs."),
        1 => format!("Recorded statements of the complainant and two witnesses under {statement}. Enquired with neighbours and shopkeepers nearby."),
        2 => rng
            .pick(&[
                "Collected CCTV footage from two cameras near the spot and sent it for examination.",
                "Requested call detail records of the suspect mobile numbers from the service providers.",
                "Sent exhibits to the Forensic Science Laboratory with a forwarding letter.",
                "Obtained the medical examination report and the injury certificate from the hospital.",
                "Searched for the accused at his native place; he was not found.",
            ])
            .to_string(),
        _ => rng
            .pick(&[
                "Reviewed the progress of investigation with the SHO; further enquiry is in progress.",
                "Obtained the FSL report and placed it on the case file.",
                "Recorded supplementary statement of the complainant.",
                "Verified the antecedents of the accused from the crime records.",
            ])
            .to_string(),
    }
}

/// A hearing's purpose at a stage of the trial (`progress` in `[0, 1]`).
pub(crate) fn hearing_purpose(progress: f64, code: Code) -> &'static str {
    match (progress * 8.0) as u32 {
        0 => "Appearance of accused",
        1 => "Supply of copies",
        2 => "Hearing on charge",
        3 | 4 => "Prosecution evidence",
        5 => match code {
            Code::Ipc => "Statement of accused under section 313 CrPC",
            Code::Bns => "Statement of accused under section 351 BNSS",
        },
        6 => "Defence evidence",
        _ => "Final arguments",
    }
}

/// What happened at a past hearing.
pub(crate) fn hearing_outcome(rng: &mut Rng, purpose: &str) -> &'static str {
    if purpose == "Prosecution evidence" {
        return *rng.pick(&[
            "PW-1 examined-in-chief; cross-examination deferred",
            "PW-2 examined and cross-examined",
            "Witness absent; summons reissued",
            "Adjourned: Public Prosecutor on leave",
        ]);
    }
    if purpose == "Hearing on charge" && rng.chance(0.5) {
        return "Charge framed and read over; accused pleaded not guilty";
    }
    *rng.pick(&[
        "Adjourned at the request of the defence",
        "Accused present; case adjourned",
        "Presiding officer on leave; adjourned",
        "Adjourned for want of time",
        "Accused absent; exemption application allowed",
    ])
}

/// Why a complaint was closed without an FIR.
pub(crate) fn closure_reason(rng: &mut Rng) -> &'static str {
    *rng.pick(&[
        "Dispute of civil nature; parties advised to approach the civil court.",
        "Non-cognizable offence; NC report entered and complainant informed.",
        "Parties compromised before the enquiry officer.",
        "Complainant did not appear despite two notices.",
        "Allegations not substantiated on enquiry.",
    ])
}

/// Complaints that did not become FIRs: nature and description.
pub(crate) fn petition(rng: &mut Rng, place: &str) -> (&'static str, String) {
    let (nature, text) = *rng.pick(&[
        (
            "Neighbourhood dispute",
            "Neighbour has encroached on the common passage and abuses the family.",
        ),
        (
            "Money dispute",
            "A relative borrowed money two years ago and refuses to return it.",
        ),
        (
            "Family dispute",
            "Son and daughter-in-law are not allowing the complainant to stay in her own house.",
        ),
        (
            "Noise nuisance",
            "Loudspeakers are played late at night at a hall nearby.",
        ),
        (
            "Lost document",
            "Original marksheet and Aadhaar card lost while travelling; report requested.",
        ),
        (
            "Harassment",
            "Recovery agents of a loan app are calling and abusing the complainant.",
        ),
        (
            "Land dispute",
            "Brothers are not giving the complainant his share of the ancestral land.",
        ),
        (
            "Missing articles",
            "Gas cylinder missing from the verandah; suspects a labourer.",
        ),
    ]);
    (nature, format!("{text} Place: {place}."))
}

/// Identification marks.
pub(crate) fn marks(rng: &mut Rng) -> &'static str {
    *rng.pick(&[
        "Mole on left cheek",
        "Burn mark on right forearm",
        "Cut mark above right eyebrow",
        "Tattoo of 'Om' on right hand",
        "Wearing blue shirt and black trousers",
        "Wearing a red saree; green bangles",
        "Wearing school uniform, white shirt and grey trousers",
        "Scar on chin; missing front tooth",
        "Tattoo of a name on left forearm",
        "Six fingers on right hand",
    ])
}
