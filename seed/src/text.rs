//! Short English texts as police, courts and prisons write them: FIR narratives, case diary
//! entries, hearing purposes and outcomes, complaint descriptions, closure reasons.

use chrono::{DateTime, FixedOffset, Utc};

use super::crimes::{Code, Crime};
use super::rng::Rng;

/// India Standard Time.
pub(crate) fn ist() -> FixedOffset {
    FixedOffset::east_opt(5 * 3600 + 1800).expect("+05:30 is a valid offset")
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
    /// `Redmi Note 12 mobile phone (IMEI …)`, …
    pub(crate) items: &'a str,
    pub(crate) value: i64,
    /// `SI Rahul Jadhav`.
    pub(crate) officer: &'a str,
    /// The complainant's relation to the victim (`father`, `husband`, …) or `self`.
    pub(crate) relation: &'a str,
}

/// Rupees with Indian digit grouping: `Rs 1,58,000`.
pub(crate) fn rupees(amount: i64) -> String {
    let digits = amount.abs().to_string();
    let mut out = String::new();
    let len = digits.len();
    for (i, c) in digits.chars().enumerate() {
        let left = len - i;
        out.push(c);
        if left > 1 && (left == 4 || (left > 4 && (left - 4).is_multiple_of(2))) {
            out.push(',');
        }
    }
    format!("Rs {}{out}", if amount < 0 { "-" } else { "" })
}

/// The narrative of an FIR: one to three plain sentences. `place` reads `near X, Locality,
/// District`; `relation` is the complainant's relation to the victim (`self` when the victim
/// is the complainant).
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
    let value = rupees(value);
    let by = if relation == "self" {
        format!("The complainant {complainant}")
    } else {
        format!("The complainant {complainant}, {relation} of {victim},")
    };
    match crime {
        Crime::TheftMobile => match rng.below(3) {
            0 => format!(
                "{by} reported that on {when}, while travelling in a crowded bus {place}, {accused} stole the complainant's {items} from a pocket."
            ),
            1 => format!(
                "{by} stated that on {when} the complainant's {items}, kept on charging at a shop {place}, was stolen by {accused}. Value about {value}."
            ),
            _ => format!(
                "On {when} {place}, two persons on a motorcycle snatched the {items} of the complainant {complainant} and fled."
            ),
        },
        Crime::TheftVehicle => match rng.below(2) {
            0 => format!(
                "{by} parked a {items} {place} on {when}. On return the vehicle was missing; {accused} committed the theft. Value about {value}."
            ),
            _ => format!(
                "On {when} the complainant's {items}, parked in front of the house {place}, was stolen by {accused} during the night. The complainant searched nearby areas before reporting."
            ),
        },
        Crime::TheftOther => format!(
            "{by} reported that on {when} {place} {accused} dishonestly removed {items} worth about {value}."
        ),
        Crime::Burglary => format!(
            "On {when} the house of the complainant {complainant} {place} was found with the door lock broken; {accused} entered and stole {items} worth about {value}."
        ),
        Crime::Robbery => format!(
            "On {when} {place}, {accused} stopped the complainant {complainant}, showed a knife and robbed {items} worth about {value}."
        ),
        Crime::Dacoity => format!(
            "On {when}, {accused}, armed with sticks and a country-made pistol, entered the premises of the complainant {complainant} {place}, assaulted the family and took away {items} worth about {value}."
        ),
        Crime::Hurt => match rng.below(2) {
            0 => format!(
                "In a quarrel over parking on {when} {place}, {accused} abused {victim}, assaulted with fists and issued threats to kill."
            ),
            _ => format!(
                "On {when} {place}, {accused} assaulted {victim} with a stick over an old dispute about a boundary wall, causing injuries, and issued threats."
            ),
        },
        Crime::GrievousHurt => format!(
            "On {when} {place}, {accused} attacked {victim} with an iron rod over a money dispute, causing a fracture. The injured was admitted to the government hospital."
        ),
        Crime::Intimidation => format!(
            "{by} stated that on {when} {place} {accused} abused the complainant and threatened to kill the family unless an earlier complaint was withdrawn."
        ),
        Crime::Cheating => format!(
            "{by} stated that {accused} took {value} promising a government job / plot of land, and since {when} has neither kept the promise nor returned the money."
        ),
        Crime::CyberFraud => match rng.below(3) {
            0 => format!(
                "On {when} the complainant {complainant} received a call from a person posing as a bank officer, who obtained the OTP and fraudulently withdrew {value} from the complainant's account."
            ),
            1 => format!(
                "The complainant {complainant} was lured through a social media advertisement into an online investment scheme and transferred {value} from {when} onwards. The accused are unknown."
            ),
            _ => format!(
                "On {when} the complainant {complainant} clicked a link received by SMS about an electricity bill; {value} was debited from the account through UPI transactions."
            ),
        },
        Crime::Forgery => format!(
            "{by} stated that {accused} prepared forged sale deeds of the family's ancestral land {place} and used them as genuine to obtain a loan of {value}; the fraud came to light on {when}."
        ),
        Crime::Cruelty => {
            if relation == "self" {
                format!(
                    "The complainant {complainant} stated that since her marriage her husband and in-laws ({accused}) harassed her for dowry and assaulted her; on {when} she was driven out of the matrimonial home {place}."
                )
            } else {
                format!(
                    "{by} stated that since the marriage her husband and in-laws ({accused}) harassed {victim} for dowry and assaulted her; on {when} she was driven out of the matrimonial home {place}."
                )
            }
        }
        Crime::DowryDeath => format!(
            "{by} stated that the in-laws ({accused}) harassed {victim} for dowry; on {when} she was found dead with burn injuries at the matrimonial home {place}."
        ),
        Crime::AbetmentOfSuicide => format!(
            "{by} stated that {victim} was continuously harassed by {accused} and on {when} died by suicide {place}, leaving a note naming them."
        ),
        Crime::Murder => format!(
            "{by} stated that on {when} {place}, {accused} attacked {victim} with a sharp weapon following a previous enmity; the victim died on the spot."
        ),
        Crime::AttemptToMurder => format!(
            "On {when} {place}, {accused} stabbed {victim} in the abdomen with a knife with intent to kill. The injured is under treatment."
        ),
        Crime::RoadDeath => format!(
            "{by} stated that on {when} {place}, a {items} driven rashly and negligently hit {victim}, who died on the way to hospital."
        ),
        Crime::Rioting => format!(
            "On {when} {place}, a mob of about twenty persons including {accused}, armed with sticks, assaulted members of the other group during a dispute over a procession and damaged vehicles."
        ),
        Crime::Kidnapping => format!(
            "{by} stated that {victim} left home for school/work on {when} and did not return; last seen {place}. It is suspected that {accused} enticed the victim away."
        ),
        Crime::Molestation => format!(
            "On {when} {place}, {accused} followed the victim, made obscene gestures and touched her with intent to outrage her modesty. Victim: {victim}."
        ),
        Crime::Rape => format!(
            "The victim stated that on {when} {place} {accused} committed sexual assault on her on a false promise of marriage and threatened her. Details of the victim are withheld under section 72 BNS / 228A IPC."
        ),
        Crime::Pocso => format!(
            "The {relation} of the child victim reported that on {when} {place} {accused} sexually assaulted the child. The identity of the child is protected under section 23 of the POCSO Act."
        ),
        Crime::Ndps => format!(
            "On {when}, acting on secret information, a raiding party led by {officer} intercepted {accused} {place} and recovered {items} in the presence of a gazetted officer and panch witnesses."
        ),
        Crime::Arms => format!(
            "On {when}, during patrolling {place}, {officer} found {accused} in possession of {items} without any licence."
        ),
        Crime::Obscenity => format!(
            "{by} stated that since {when} {accused} has been posting morphed obscene photographs of {victim} on social media and sending them to relatives."
        ),
        Crime::ReceivingStolen => format!(
            "On {when}, during vehicle checking {place}, {officer} stopped {accused}, who could not explain possession of {items}; on verification the property was found reported stolen."
        ),
    }
}

/// Why an FIR was registered late.
pub(crate) fn delay_reason(rng: &mut Rng) -> &'static str {
    rng.pick_copy(&[
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
        return rng.pick_copy(&[
            "PW-1 examined-in-chief; cross-examination deferred",
            "PW-2 examined and cross-examined",
            "Witness absent; summons reissued",
            "Adjourned: Public Prosecutor on leave",
        ]);
    }
    if purpose == "Hearing on charge" && rng.chance(0.5) {
        return "Charge framed and read over; accused pleaded not guilty";
    }
    rng.pick_copy(&[
        "Adjourned at the request of the defence",
        "Accused present; case adjourned",
        "Presiding officer on leave; adjourned",
        "Adjourned for want of time",
        "Accused absent; exemption application allowed",
    ])
}

/// Why a complaint was closed without an FIR.
pub(crate) fn closure_reason(rng: &mut Rng) -> &'static str {
    rng.pick_copy(&[
        "Dispute of civil nature; parties advised to approach the civil court.",
        "Non-cognizable offence; NC report entered and complainant informed.",
        "Parties compromised before the enquiry officer.",
        "Complainant did not appear despite two notices.",
        "Allegations not substantiated on enquiry.",
    ])
}

/// Complaints that did not become FIRs: nature and description.
pub(crate) fn petition(rng: &mut Rng, place: &str) -> (&'static str, String) {
    let (nature, text) = rng.pick_copy(&[
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
    rng.pick_copy(&[
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rupees_use_indian_grouping() {
        assert_eq!(rupees(500), "Rs 500");
        assert_eq!(rupees(1_000), "Rs 1,000");
        assert_eq!(rupees(158_000), "Rs 1,58,000");
        assert_eq!(rupees(12_345_678), "Rs 1,23,45,678");
    }
}
