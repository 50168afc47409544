//! GraphQL enums mirrored from the entity enums (values binding, see CONTRACT.md).
//!
//! Each is declared with `remote`, so the conversion to and from the stored enum is
//! generated and a value added to one side but not the other fails to compile.

use async_graphql::Enum;

/// Statutes under which a charge can be registered.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(remote = "entities::enums::Act")]
pub enum Act {
    /// Indian Penal Code, 1860 (offences before 1 July 2024).
    Ipc,
    /// Bharatiya Nyaya Sanhita, 2023.
    Bns,
    /// Code of Criminal Procedure, 1973.
    Crpc,
    /// Bharatiya Nagarik Suraksha Sanhita, 2023.
    Bnss,
    /// Protection of Children from Sexual Offences Act, 2012.
    Pocso,
    /// Narcotic Drugs and Psychotropic Substances Act, 1985.
    Ndps,
    /// Arms Act, 1959.
    Arms,
    /// Information Technology Act, 2000.
    It,
    /// A state or local act.
    Local,
}

/// Sex as recorded.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(remote = "entities::enums::Sex")]
pub enum Sex {
    /// Male.
    Male,
    /// Female.
    Female,
    /// Transgender.
    Transgender,
    /// Not known.
    Unknown,
}

/// The role a person plays in an FIR.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(remote = "entities::enums::PartyRole")]
pub enum PartyRole {
    /// Gave the information that was recorded as the FIR.
    Complainant,
    /// Suffered the offence.
    Victim,
    /// Named as having committed the offence (coded A1, A2, …).
    Accused,
    /// Saw or knows of the offence.
    Witness,
    /// Suspected, not (yet) named as accused.
    Suspect,
}

/// Kind of FIR.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(remote = "entities::enums::FirType")]
pub enum FirType {
    /// Registered at the station with jurisdiction.
    Regular,
    /// Registered where the offence did not occur; to be transferred.
    Zero,
    /// Registered electronically.
    EFir,
}

/// Where an investigation stands.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(remote = "entities::enums::CaseStatus")]
pub enum CaseStatus {
    /// FIR registered, investigation not yet begun.
    Registered,
    /// Being investigated.
    UnderInvestigation,
    /// Chargesheet filed in court.
    Chargesheeted,
    /// Closed by a final report other than a chargesheet.
    FinalReport,
    /// On trial.
    Trial,
    /// Disposed of by the court.
    Disposed,
}

/// Kind of organisational unit.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(remote = "entities::enums::UnitKind")]
pub enum UnitKind {
    /// The national root (`IN`).
    National,
    /// A state or union territory.
    State,
    /// A district or commissionerate.
    District,
    /// A sub-division or circle.
    Subdivision,
    /// A police station.
    PoliceStation,
    /// A court.
    Court,
    /// A prison.
    Prison,
    /// A forensic science laboratory.
    ForensicLab,
    /// A prosecution office.
    ProsecutionOffice,
}

/// Police rank.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(remote = "entities::enums::Rank")]
pub enum Rank {
    /// Constable.
    Constable,
    /// Head constable.
    HeadConstable,
    /// Assistant sub-inspector.
    Asi,
    /// Sub-inspector.
    Si,
    /// Inspector.
    Inspector,
    /// Deputy superintendent.
    Dsp,
    /// Superintendent.
    Sp,
    /// Deputy inspector general.
    Dig,
    /// Inspector general.
    Ig,
    /// Additional director general.
    Adgp,
    /// Director general.
    Dgp,
}

/// How an accused came into (or stayed out of) custody (IIF-III).
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(remote = "entities::enums::ArrestMode")]
pub enum ArrestMode {
    /// Arrested and forwarded to court.
    ArrestedForwarded,
    /// Arrested and released on bail.
    ArrestedBailed,
    /// Protected by anticipatory bail.
    AnticipatoryBail,
    /// Held in police custody.
    PoliceCustody,
    /// Surrendered and bailed.
    SurrenderedBailed,
    /// Remanded to judicial custody.
    JudicialCustody,
}

/// Why property was seized (IIF-IV).
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(remote = "entities::enums::SeizureNature")]
pub enum SeizureNature {
    /// Stolen property.
    Stolen,
    /// Unclaimed property.
    Unclaimed,
    /// Property in unlawful possession.
    UnlawfulPossession,
    /// Property involved in the offence.
    Involved,
}

/// Kind of property item.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(remote = "entities::enums::PropertyCategory")]
pub enum PropertyCategory {
    /// A vehicle (registration, chassis and engine numbers).
    Vehicle,
    /// A mobile phone (IMEI).
    Mobile,
    /// A firearm (serial number).
    Arm,
    /// Currency.
    Currency,
    /// Jewellery.
    Jewellery,
    /// Anything else.
    Other,
}

/// Where a property item stands.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(remote = "entities::enums::PropertyStatus")]
pub enum PropertyStatus {
    /// Reported stolen.
    Stolen,
    /// Recovered.
    Recovered,
    /// Seized by police.
    Seized,
    /// Returned to its owner.
    Returned,
}

/// Kind of final report (IIF-V).
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(remote = "entities::enums::FinalReportKind")]
pub enum FinalReportKind {
    /// Chargesheet: the accused are sent for trial.
    Chargesheet,
    /// Closure: offence true but undetected.
    Undetected,
    /// Closure: accused untraced.
    Untraced,
    /// Closure: the complaint was false.
    FalseCase,
    /// Closure: mistake of fact.
    MistakeOfFact,
    /// Closure: a civil dispute.
    CivilNature,
    /// Closure: abated (e.g. the accused died).
    Abated,
}

/// Kind of court order.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(remote = "entities::enums::CourtOrderKind")]
pub enum CourtOrderKind {
    /// Remand to custody.
    Remand,
    /// Bail.
    Bail,
    /// Summons.
    Summons,
    /// Warrant.
    Warrant,
    /// Proclamation: the person is declared an absconder.
    Proclamation,
    /// Judgment.
    Judgment,
}

/// How a court disposed of the case against one accused.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(remote = "entities::enums::DisposalResult")]
pub enum DisposalResult {
    /// Convicted (see the sentence).
    Convicted,
    /// Acquitted.
    Acquitted,
    /// Discharged.
    Discharged,
    /// Compounded.
    Compounded,
    /// Withdrawn.
    Withdrawn,
    /// Abated.
    Abated,
}

/// Category of prisoner.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(remote = "entities::enums::PrisonerCategory")]
pub enum PrisonerCategory {
    /// Awaiting or undergoing trial.
    Undertrial,
    /// Convicted.
    Convict,
    /// Held under preventive detention.
    Detenu,
}

/// A prisoner's movement out of or between prisons.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(remote = "entities::enums::MovementKind")]
pub enum MovementKind {
    /// Produced in court.
    CourtProduction,
    /// Transferred to another prison.
    Transfer,
    /// Taken to hospital.
    Hospital,
    /// Returned to the prison.
    Returned,
}

/// Why a prisoner was released.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(remote = "entities::enums::ReleaseReason")]
pub enum ReleaseReason {
    /// Released on bail.
    Bail,
    /// Acquitted.
    Acquittal,
    /// Sentence served.
    SentenceComplete,
    /// Parole.
    Parole,
    /// Furlough.
    Furlough,
}

/// Whether a missing person is still missing.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(remote = "entities::enums::MissingStatus")]
pub enum MissingStatus {
    /// Still missing.
    Missing,
    /// Traced.
    Traced,
}

/// Whether an unidentified dead body has been identified.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(remote = "entities::enums::BodyStatus")]
pub enum BodyStatus {
    /// Not yet identified.
    Unidentified,
    /// Identified.
    Identified,
}

/// Whether a found person is still in care.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(remote = "entities::enums::FoundStatus")]
pub enum FoundStatus {
    /// In the care of the police or a shelter, family not yet traced.
    InCare,
    /// Restored to their family.
    Restored,
}

/// Where a proclaimed offender stands.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(remote = "entities::enums::OffenderStatus")]
pub enum OffenderStatus {
    /// Still absconding.
    Absconding,
    /// Since arrested.
    Arrested,
    /// Proclamation withdrawn.
    Withdrawn,
}

/// How a complaint reached the police.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(remote = "entities::enums::ComplaintChannel")]
pub enum ComplaintChannel {
    /// In person at the station.
    WalkIn,
    /// In writing.
    Written,
    /// Through the citizen portal.
    Portal,
    /// As an e-FIR.
    EFir,
}

/// Where a complaint stands.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(remote = "entities::enums::ComplaintStatus")]
pub enum ComplaintStatus {
    /// Received.
    Received,
    /// Under preliminary enquiry.
    UnderEnquiry,
    /// Registered as an FIR.
    ConvertedToFir,
    /// Closed with a reason.
    Closed,
}

/// Kind of identity document.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(remote = "entities::enums::IdentityKind")]
pub enum IdentityKind {
    /// Aadhaar number.
    Aadhaar,
    /// Permanent Account Number.
    Pan,
    /// Passport.
    Passport,
    /// Voter ID (EPIC).
    VoterId,
    /// Driving licence.
    DrivingLicence,
    /// Ration card.
    RationCard,
}

/// A script a name can be shown in (`Person.nameIn`).
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(remote = "indic::Script")]
pub enum Script {
    /// Latin, as names are spelt in English records.
    Latin,
    /// Devanagari: Hindi, Marathi, Nepali, Konkani.
    Devanagari,
    /// Bengali–Assamese.
    Bengali,
    /// Gurmukhi: Punjabi.
    Gurmukhi,
    /// Gujarati.
    Gujarati,
    /// Odia.
    Odia,
    /// Tamil.
    Tamil,
    /// Telugu.
    Telugu,
    /// Kannada.
    Kannada,
    /// Malayalam.
    Malayalam,
    /// Perso-Arabic, as Urdu is written.
    Urdu,
}
