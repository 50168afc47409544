//! Statute reference data: the catalogue of sections FIRs are registered under, and the
//! IPC ↔ BNS (and CrPC ↔ BNSS) equivalences that let a search for one find the other.
//!
//! The IPC ↔ BNS pairs of [`IPC_BNS`] are those of `data/ipc_bns.csv` (a copy of the shared
//! reference list; a test checks the two agree). Further sections and well-known equivalences
//! are in [`OTHER_STATUTES`] and [`OTHER_EQUIVALENTS`].
//!
//! `victim_identity_protected` is set for every section under which the victim's identity may
//! not be disclosed (BNS 72, formerly IPC 228A): IPC 376-series, BNS 64–71 and POCSO.
//!
//! `crime_head` uses this vocabulary (after the NCRB crime heads): `MURDER`,
//! `CULPABLE_HOMICIDE`, `ATTEMPT_TO_MURDER`, `DEATH_BY_NEGLIGENCE`, `DOWRY_DEATH`,
//! `ABETMENT_OF_SUICIDE`, `HURT`, `RAPE`, `SEXUAL_ASSAULT`, `SEXUAL_HARASSMENT`,
//! `ASSAULT_ON_WOMEN`, `INSULT_TO_MODESTY`, `KIDNAPPING`, `THEFT`, `BURGLARY`, `ROBBERY`,
//! `DACOITY`, `CRIMINAL_BREACH_OF_TRUST`, `CHEATING`, `RIOTING`, `CRIMINAL_INTIMIDATION`,
//! `CRUELTY_BY_HUSBAND`, `NARCOTICS`, `ARMS`, `CYBER`, `OTHER`.
//!
//! The inserts skip rows that already exist, so the migration may be re-applied; its `down`
//! removes nothing (the tables are dropped by their own migration).

use std::collections::HashMap;

use sea_orm_migration::prelude::*;

use crate::idens::{Statute, StatuteEquivalent};

/// A pair of equivalent IPC and BNS sections, as in `data/ipc_bns.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct IpcBns {
    /// IPC section as written.
    pub ipc: &'static str,
    /// BNS section as written.
    pub bns: &'static str,
    /// Offence: the title of both sections.
    pub offence: &'static str,
    /// Whether the victim's identity is protected.
    pub protected: bool,
    /// Crime head of both sections.
    pub crime_head: &'static str,
}

/// A catalogue entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StatuteRow {
    /// Act, as stored (`IPC`, `BNS`, ...).
    pub act: &'static str,
    /// Section as written.
    pub section: &'static str,
    /// Title.
    pub title: &'static str,
    /// Crime head.
    pub crime_head: &'static str,
    /// Whether the victim's identity is protected.
    pub protected: bool,
}

const fn pair(
    ipc: &'static str,
    bns: &'static str,
    offence: &'static str,
    protected: bool,
    crime_head: &'static str,
) -> IpcBns {
    IpcBns {
        ipc,
        bns,
        offence,
        protected,
        crime_head,
    }
}

const fn row(
    act: &'static str,
    section: &'static str,
    title: &'static str,
    crime_head: &'static str,
    protected: bool,
) -> StatuteRow {
    StatuteRow {
        act,
        section,
        title,
        crime_head,
        protected,
    }
}

/// The IPC ↔ BNS pairs of `data/ipc_bns.csv`, in its order, with a crime head added.
pub(crate) const IPC_BNS: &[IpcBns] = &[
    pair("302", "103(1)", "Murder", false, "MURDER"),
    pair(
        "304",
        "105",
        "Culpable homicide not amounting to murder",
        false,
        "CULPABLE_HOMICIDE",
    ),
    pair(
        "304A",
        "106(1)",
        "Causing death by negligence",
        false,
        "DEATH_BY_NEGLIGENCE",
    ),
    pair("304B", "80(2)", "Dowry death", false, "DOWRY_DEATH"),
    pair(
        "306",
        "108",
        "Abetment of suicide",
        false,
        "ABETMENT_OF_SUICIDE",
    ),
    pair(
        "307",
        "109",
        "Attempt to murder",
        false,
        "ATTEMPT_TO_MURDER",
    ),
    pair("323", "115(2)", "Voluntarily causing hurt", false, "HURT"),
    pair(
        "325",
        "117(2)",
        "Voluntarily causing grievous hurt",
        false,
        "HURT",
    ),
    pair(
        "354",
        "74",
        "Assault or criminal force to woman with intent to outrage her modesty",
        false,
        "ASSAULT_ON_WOMEN",
    ),
    pair("363", "137(2)", "Kidnapping", false, "KIDNAPPING"),
    pair("376", "64", "Rape", true, "RAPE"),
    pair("376D", "70", "Gang rape", true, "RAPE"),
    pair("379", "303(2)", "Theft", false, "THEFT"),
    pair("392", "309(4)", "Robbery", false, "ROBBERY"),
    pair("395", "310(2)", "Dacoity", false, "DACOITY"),
    pair(
        "406",
        "316(2)",
        "Criminal breach of trust",
        false,
        "CRIMINAL_BREACH_OF_TRUST",
    ),
    pair(
        "420",
        "318(4)",
        "Cheating and dishonestly inducing delivery of property",
        false,
        "CHEATING",
    ),
    pair(
        "457",
        "331(4)",
        "House-breaking by night",
        false,
        "BURGLARY",
    ),
    pair(
        "498A",
        "85",
        "Cruelty by husband or relative of husband",
        false,
        "CRUELTY_BY_HUSBAND",
    ),
    pair(
        "506",
        "351(2)",
        "Criminal intimidation",
        false,
        "CRIMINAL_INTIMIDATION",
    ),
    pair("143", "189(2)", "Unlawful assembly", false, "RIOTING"),
    pair("147", "191(2)", "Rioting", false, "RIOTING"),
    pair(
        "148",
        "191(3)",
        "Rioting armed with deadly weapon",
        false,
        "RIOTING",
    ),
    pair("120B", "61(2)", "Criminal conspiracy", false, "OTHER"),
    pair(
        "228A",
        "72",
        "Disclosure of identity of victim of certain offences",
        false,
        "OTHER",
    ),
    pair(
        "509",
        "79",
        "Word or gesture intended to insult the modesty of a woman",
        false,
        "INSULT_TO_MODESTY",
    ),
];

/// Sections beyond the pairs of [`IPC_BNS`].
pub(crate) const OTHER_STATUTES: &[StatuteRow] = &[
    // IPC 376-series and BNS 64–71: sexual offences, victim identity protected.
    row(
        "IPC",
        "376(3)",
        "Rape of a woman under sixteen years of age",
        "RAPE",
        true,
    ),
    row(
        "IPC",
        "376A",
        "Rape causing death or resulting in persistent vegetative state of victim",
        "RAPE",
        true,
    ),
    row(
        "IPC",
        "376AB",
        "Rape of a woman under twelve years of age",
        "RAPE",
        true,
    ),
    row(
        "IPC",
        "376B",
        "Sexual intercourse by husband upon his wife during separation",
        "RAPE",
        true,
    ),
    row(
        "IPC",
        "376C",
        "Sexual intercourse by a person in authority",
        "RAPE",
        true,
    ),
    row(
        "IPC",
        "376DA",
        "Gang rape of a woman under sixteen years of age",
        "RAPE",
        true,
    ),
    row(
        "IPC",
        "376DB",
        "Gang rape of a woman under twelve years of age",
        "RAPE",
        true,
    ),
    row(
        "IPC",
        "376E",
        "Punishment for repeat offenders",
        "RAPE",
        true,
    ),
    row(
        "BNS",
        "65(1)",
        "Rape of a woman under sixteen years of age",
        "RAPE",
        true,
    ),
    row(
        "BNS",
        "65(2)",
        "Rape of a woman under twelve years of age",
        "RAPE",
        true,
    ),
    row(
        "BNS",
        "66",
        "Rape causing death or resulting in persistent vegetative state of victim",
        "RAPE",
        true,
    ),
    row(
        "BNS",
        "67",
        "Sexual intercourse by husband upon his wife during separation",
        "RAPE",
        true,
    ),
    row(
        "BNS",
        "68",
        "Sexual intercourse by a person in authority",
        "RAPE",
        true,
    ),
    row(
        "BNS",
        "69",
        "Sexual intercourse by employing deceitful means",
        "RAPE",
        true,
    ),
    row("BNS", "70(1)", "Gang rape", "RAPE", true),
    row(
        "BNS",
        "70(2)",
        "Gang rape of a woman under eighteen years of age",
        "RAPE",
        true,
    ),
    row("BNS", "71", "Punishment for repeat offenders", "RAPE", true),
    // POCSO: every section protects the child victim's identity.
    row("POCSO", "3", "Penetrative sexual assault", "RAPE", true),
    row(
        "POCSO",
        "4",
        "Punishment for penetrative sexual assault",
        "RAPE",
        true,
    ),
    row(
        "POCSO",
        "5",
        "Aggravated penetrative sexual assault",
        "RAPE",
        true,
    ),
    row(
        "POCSO",
        "6",
        "Punishment for aggravated penetrative sexual assault",
        "RAPE",
        true,
    ),
    row("POCSO", "7", "Sexual assault", "SEXUAL_ASSAULT", true),
    row(
        "POCSO",
        "8",
        "Punishment for sexual assault",
        "SEXUAL_ASSAULT",
        true,
    ),
    row(
        "POCSO",
        "9",
        "Aggravated sexual assault",
        "SEXUAL_ASSAULT",
        true,
    ),
    row(
        "POCSO",
        "10",
        "Punishment for aggravated sexual assault",
        "SEXUAL_ASSAULT",
        true,
    ),
    row(
        "POCSO",
        "11",
        "Sexual harassment",
        "SEXUAL_HARASSMENT",
        true,
    ),
    row(
        "POCSO",
        "12",
        "Punishment for sexual harassment",
        "SEXUAL_HARASSMENT",
        true,
    ),
    // Other common IPC sections and their BNS equivalents.
    row(
        "IPC",
        "34",
        "Acts done by several persons in furtherance of common intention",
        "OTHER",
        false,
    ),
    row(
        "BNS",
        "3(5)",
        "Acts done by several persons in furtherance of common intention",
        "OTHER",
        false,
    ),
    row(
        "IPC",
        "279",
        "Rash driving or riding on a public way",
        "OTHER",
        false,
    ),
    row(
        "BNS",
        "281",
        "Rash driving or riding on a public way",
        "OTHER",
        false,
    ),
    row(
        "IPC",
        "324",
        "Voluntarily causing hurt by dangerous weapons or means",
        "HURT",
        false,
    ),
    row(
        "BNS",
        "118(1)",
        "Voluntarily causing hurt by dangerous weapons or means",
        "HURT",
        false,
    ),
    row(
        "IPC",
        "326",
        "Voluntarily causing grievous hurt by dangerous weapons or means",
        "HURT",
        false,
    ),
    row(
        "BNS",
        "118(2)",
        "Voluntarily causing grievous hurt by dangerous weapons or means",
        "HURT",
        false,
    ),
    row("IPC", "341", "Wrongful restraint", "OTHER", false),
    row("BNS", "126(2)", "Wrongful restraint", "OTHER", false),
    row(
        "IPC",
        "354A",
        "Sexual harassment",
        "ASSAULT_ON_WOMEN",
        false,
    ),
    row("BNS", "75", "Sexual harassment", "ASSAULT_ON_WOMEN", false),
    row("IPC", "354D", "Stalking", "ASSAULT_ON_WOMEN", false),
    row("BNS", "78", "Stalking", "ASSAULT_ON_WOMEN", false),
    row("IPC", "364A", "Kidnapping for ransom", "KIDNAPPING", false),
    row(
        "BNS",
        "140(2)",
        "Kidnapping for ransom",
        "KIDNAPPING",
        false,
    ),
    row(
        "IPC",
        "366",
        "Kidnapping, abducting or inducing woman to compel her marriage",
        "KIDNAPPING",
        false,
    ),
    row(
        "BNS",
        "87",
        "Kidnapping, abducting or inducing woman to compel her marriage",
        "KIDNAPPING",
        false,
    ),
    row("IPC", "380", "Theft in dwelling house", "THEFT", false),
    row("BNS", "305(a)", "Theft in dwelling house", "THEFT", false),
    row(
        "IPC",
        "397",
        "Robbery or dacoity with attempt to cause death or grievous hurt",
        "ROBBERY",
        false,
    ),
    row(
        "BNS",
        "311",
        "Robbery or dacoity with attempt to cause death or grievous hurt",
        "ROBBERY",
        false,
    ),
    row(
        "IPC",
        "411",
        "Dishonestly receiving stolen property",
        "OTHER",
        false,
    ),
    row(
        "BNS",
        "317(2)",
        "Dishonestly receiving stolen property",
        "OTHER",
        false,
    ),
    row(
        "IPC",
        "454",
        "Lurking house-trespass or house-breaking to commit an offence",
        "BURGLARY",
        false,
    ),
    row(
        "BNS",
        "331(3)",
        "Lurking house-trespass or house-breaking to commit an offence",
        "BURGLARY",
        false,
    ),
    row(
        "IPC",
        "467",
        "Forgery of valuable security, will, etc.",
        "CHEATING",
        false,
    ),
    row(
        "BNS",
        "338",
        "Forgery of valuable security, will, etc.",
        "CHEATING",
        false,
    ),
    row(
        "IPC",
        "468",
        "Forgery for purpose of cheating",
        "CHEATING",
        false,
    ),
    row(
        "BNS",
        "336(3)",
        "Forgery for purpose of cheating",
        "CHEATING",
        false,
    ),
    row(
        "IPC",
        "471",
        "Using as genuine a forged document or electronic record",
        "CHEATING",
        false,
    ),
    row(
        "BNS",
        "340(2)",
        "Using as genuine a forged document or electronic record",
        "CHEATING",
        false,
    ),
    row(
        "IPC",
        "504",
        "Intentional insult with intent to provoke breach of the peace",
        "OTHER",
        false,
    ),
    row(
        "BNS",
        "352",
        "Intentional insult with intent to provoke breach of the peace",
        "OTHER",
        false,
    ),
    // NDPS Act.
    row(
        "NDPS",
        "20",
        "Contravention in relation to cannabis plant and cannabis",
        "NARCOTICS",
        false,
    ),
    row(
        "NDPS",
        "21",
        "Contravention in relation to manufactured drugs and preparations",
        "NARCOTICS",
        false,
    ),
    row(
        "NDPS",
        "22",
        "Contravention in relation to psychotropic substances",
        "NARCOTICS",
        false,
    ),
    row(
        "NDPS",
        "27",
        "Consumption of any narcotic drug or psychotropic substance",
        "NARCOTICS",
        false,
    ),
    row(
        "NDPS",
        "29",
        "Abetment and criminal conspiracy",
        "NARCOTICS",
        false,
    ),
    // Arms Act.
    row(
        "ARMS",
        "25",
        "Acquiring, possessing, carrying, manufacturing or selling arms or ammunition in contravention of the Act",
        "ARMS",
        false,
    ),
    row("ARMS", "27", "Using arms", "ARMS", false),
    // IT Act.
    row("IT", "66", "Computer related offences", "CYBER", false),
    row("IT", "66C", "Identity theft", "CYBER", false),
    row(
        "IT",
        "66D",
        "Cheating by personation by using computer resource",
        "CYBER",
        false,
    ),
    row(
        "IT",
        "67",
        "Publishing or transmitting obscene material in electronic form",
        "CYBER",
        false,
    ),
    row(
        "IT",
        "67A",
        "Publishing or transmitting material containing sexually explicit act in electronic form",
        "CYBER",
        false,
    ),
    // CrPC and BNSS: proceedings registered at stations without an offence.
    row(
        "CRPC",
        "174",
        "Police to enquire and report on suicide, etc. (inquest)",
        "OTHER",
        false,
    ),
    row(
        "BNSS",
        "194",
        "Police to enquire and report on suicide, etc. (inquest)",
        "OTHER",
        false,
    ),
    row(
        "CRPC",
        "156(3)",
        "Investigation ordered by a Magistrate",
        "OTHER",
        false,
    ),
    row(
        "BNSS",
        "175(3)",
        "Investigation ordered by a Magistrate",
        "OTHER",
        false,
    ),
];

/// A section reference: `(act, section)`.
pub(crate) type SectionRef = (&'static str, &'static str);

/// Equivalences beyond the pairs of [`IPC_BNS`].
pub(crate) const OTHER_EQUIVALENTS: &[(SectionRef, SectionRef)] = &[
    (("IPC", "376(3)"), ("BNS", "65(1)")),
    (("IPC", "376A"), ("BNS", "66")),
    (("IPC", "376AB"), ("BNS", "65(2)")),
    (("IPC", "376B"), ("BNS", "67")),
    (("IPC", "376C"), ("BNS", "68")),
    (("IPC", "376D"), ("BNS", "70(1)")),
    (("IPC", "376DA"), ("BNS", "70(2)")),
    (("IPC", "376DB"), ("BNS", "70(2)")),
    (("IPC", "376E"), ("BNS", "71")),
    (("IPC", "34"), ("BNS", "3(5)")),
    (("IPC", "279"), ("BNS", "281")),
    (("IPC", "324"), ("BNS", "118(1)")),
    (("IPC", "326"), ("BNS", "118(2)")),
    (("IPC", "341"), ("BNS", "126(2)")),
    (("IPC", "354A"), ("BNS", "75")),
    (("IPC", "354D"), ("BNS", "78")),
    (("IPC", "364A"), ("BNS", "140(2)")),
    (("IPC", "366"), ("BNS", "87")),
    (("IPC", "380"), ("BNS", "305(a)")),
    (("IPC", "397"), ("BNS", "311")),
    (("IPC", "411"), ("BNS", "317(2)")),
    (("IPC", "454"), ("BNS", "331(3)")),
    (("IPC", "467"), ("BNS", "338")),
    (("IPC", "468"), ("BNS", "336(3)")),
    (("IPC", "471"), ("BNS", "340(2)")),
    (("IPC", "504"), ("BNS", "352")),
    (("CRPC", "174"), ("BNSS", "194")),
    (("CRPC", "156(3)"), ("BNSS", "175(3)")),
];

/// The whole catalogue: both sides of every [`IPC_BNS`] pair, then [`OTHER_STATUTES`], each
/// `(act, section)` once (first occurrence wins).
pub(crate) fn catalogue() -> Vec<StatuteRow> {
    let mut rows: Vec<StatuteRow> = Vec::new();
    let pairs = IPC_BNS.iter().flat_map(|p| {
        [
            row("IPC", p.ipc, p.offence, p.crime_head, p.protected),
            row("BNS", p.bns, p.offence, p.crime_head, p.protected),
        ]
    });
    for candidate in pairs.chain(OTHER_STATUTES.iter().copied()) {
        if !rows
            .iter()
            .any(|r| r.act == candidate.act && r.section == candidate.section)
        {
            rows.push(candidate);
        }
    }
    rows
}

/// Every equivalence, one direction each: the [`IPC_BNS`] pairs, then [`OTHER_EQUIVALENTS`].
pub(crate) fn equivalences() -> Vec<(SectionRef, SectionRef)> {
    IPC_BNS
        .iter()
        .map(|p| (("IPC", p.ipc), ("BNS", p.bns)))
        .chain(OTHER_EQUIVALENTS.iter().copied())
        .collect()
}

fn seed_error(e: impl std::fmt::Display) -> DbErr {
    DbErr::Migration(format!("seeding statutes: {e}"))
}

/// Seeds the statute catalogue and the equivalences.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut insert = Query::insert();
        insert
            .into_table(Statute::Table)
            .columns([
                Statute::Act,
                Statute::Section,
                Statute::Title,
                Statute::CrimeHead,
                Statute::VictimIdentityProtected,
            ])
            .on_conflict(
                OnConflict::columns([Statute::Act, Statute::Section])
                    .do_nothing()
                    .to_owned(),
            );
        for r in catalogue() {
            insert
                .values([
                    r.act.into(),
                    r.section.into(),
                    r.title.into(),
                    r.crime_head.into(),
                    r.protected.into(),
                ])
                .map_err(seed_error)?;
        }
        manager.execute(insert).await?;

        let select = Query::select()
            .columns([Statute::Id, Statute::Act, Statute::Section])
            .from(Statute::Table)
            .to_owned();
        let mut ids: HashMap<(String, String), i64> = HashMap::new();
        for found in manager.get_connection().query_all(&select).await? {
            let id: i64 = found.try_get("", "id")?;
            let act: String = found.try_get("", "act")?;
            let section: String = found.try_get("", "section")?;
            ids.insert((act, section), id);
        }
        let id_of = |(act, section): (&str, &str)| {
            ids.get(&(act.to_owned(), section.to_owned()))
                .copied()
                .ok_or_else(|| seed_error(format!("no statute {act} {section}")))
        };

        let mut insert = Query::insert();
        insert
            .into_table(StatuteEquivalent::Table)
            .columns([
                StatuteEquivalent::StatuteId,
                StatuteEquivalent::EquivalentId,
            ])
            .on_conflict(
                OnConflict::columns([
                    StatuteEquivalent::StatuteId,
                    StatuteEquivalent::EquivalentId,
                ])
                .do_nothing()
                .to_owned(),
            );
        for (a, b) in equivalences() {
            let (a, b) = (id_of(a)?, id_of(b)?);
            for (from, to) in [(a, b), (b, a)] {
                insert
                    .values([from.into(), to.into()])
                    .map_err(seed_error)?;
            }
        }
        manager.execute(insert).await?;
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // Reference data goes with its tables, which the create migration drops.
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The constant table must match the copy of the shared reference list.
    #[test]
    fn ipc_bns_matches_csv() {
        let csv = include_str!("../data/ipc_bns.csv");
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("ipc_section,bns_section,offence,victim_identity_protected")
        );
        let rows: Vec<(String, String, String, bool)> = lines
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let fields: Vec<&str> = l.split(',').collect();
                assert_eq!(fields.len(), 4, "unexpected CSV line {l:?}");
                (
                    fields[0].to_owned(),
                    fields[1].to_owned(),
                    fields[2].to_owned(),
                    fields[3].parse().expect("boolean"),
                )
            })
            .collect();
        let table: Vec<(String, String, String, bool)> = IPC_BNS
            .iter()
            .map(|p| {
                (
                    p.ipc.to_owned(),
                    p.bns.to_owned(),
                    p.offence.to_owned(),
                    p.protected,
                )
            })
            .collect();
        assert_eq!(rows, table);
    }

    #[test]
    fn protected_sections_are_marked() {
        let cat = catalogue();
        let protected = |act: &str, section: &str| {
            cat.iter()
                .find(|r| r.act == act && r.section == section)
                .unwrap_or_else(|| panic!("{act} {section} missing"))
                .protected
        };
        for s in [
            "376", "376A", "376AB", "376B", "376C", "376D", "376DA", "376DB", "376E",
        ] {
            assert!(protected("IPC", s), "IPC {s}");
        }
        for s in [
            "64", "65(1)", "65(2)", "66", "67", "68", "69", "70", "70(1)", "70(2)", "71",
        ] {
            assert!(protected("BNS", s), "BNS {s}");
        }
        for s in 3..=12 {
            assert!(protected("POCSO", &s.to_string()), "POCSO {s}");
        }
        assert!(!protected("BNS", "72"));
        assert!(!protected("IPC", "379"));
        for r in &cat {
            let sexual = (r.act == "IPC" && r.section.starts_with("376"))
                || r.act == "POCSO"
                || (r.act == "BNS"
                    && r.section
                        .split('(')
                        .next()
                        .and_then(|n| n.parse::<u32>().ok())
                        .is_some_and(|n| (64..=71).contains(&n)));
            assert_eq!(r.protected, sexual, "{} {}", r.act, r.section);
        }
    }

    #[test]
    fn equivalences_refer_to_catalogue() {
        let cat = catalogue();
        for (a, b) in equivalences() {
            for (act, section) in [a, b] {
                assert!(
                    cat.iter().any(|r| r.act == act && r.section == section),
                    "{act} {section}"
                );
            }
        }
    }
}
