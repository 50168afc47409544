//! Enumerations stored as plain strings: the stored value is the SHOUTY_SNAKE variant name.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Kind of organisational unit.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum UnitKind {
    /// The national root (e.g. NCRB).
    #[sea_orm(string_value = "NATIONAL")]
    National,
    /// A state or union territory police.
    #[sea_orm(string_value = "STATE")]
    State,
    /// A district or commissionerate.
    #[sea_orm(string_value = "DISTRICT")]
    District,
    /// A sub-division or circle.
    #[sea_orm(string_value = "SUBDIVISION")]
    Subdivision,
    /// A police station.
    #[sea_orm(string_value = "POLICE_STATION")]
    PoliceStation,
    /// A court.
    #[sea_orm(string_value = "COURT")]
    Court,
    /// A prison.
    #[sea_orm(string_value = "PRISON")]
    Prison,
    /// A forensic science laboratory.
    #[sea_orm(string_value = "FORENSIC_LAB")]
    ForensicLab,
    /// A public prosecutor's office.
    #[sea_orm(string_value = "PROSECUTION_OFFICE")]
    ProsecutionOffice,
}

/// Police rank of an officer.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Rank {
    /// Constable.
    #[sea_orm(string_value = "CONSTABLE")]
    Constable,
    /// Head constable.
    #[sea_orm(string_value = "HEAD_CONSTABLE")]
    HeadConstable,
    /// Assistant sub-inspector.
    #[sea_orm(string_value = "ASI")]
    Asi,
    /// Sub-inspector.
    #[sea_orm(string_value = "SI")]
    Si,
    /// Inspector.
    #[sea_orm(string_value = "INSPECTOR")]
    Inspector,
    /// Deputy superintendent of police.
    #[sea_orm(string_value = "DSP")]
    Dsp,
    /// Superintendent of police.
    #[sea_orm(string_value = "SP")]
    Sp,
    /// Deputy inspector general.
    #[sea_orm(string_value = "DIG")]
    Dig,
    /// Inspector general.
    #[sea_orm(string_value = "IG")]
    Ig,
    /// Additional director general of police.
    #[sea_orm(string_value = "ADGP")]
    Adgp,
    /// Director general of police.
    #[sea_orm(string_value = "DGP")]
    Dgp,
}

/// Sex or gender as recorded.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Sex {
    /// Male.
    #[sea_orm(string_value = "MALE")]
    Male,
    /// Female.
    #[sea_orm(string_value = "FEMALE")]
    Female,
    /// Transgender.
    #[sea_orm(string_value = "TRANSGENDER")]
    Transgender,
    /// Not known (e.g. unidentified, or not recorded).
    #[sea_orm(string_value = "UNKNOWN")]
    Unknown,
}

/// Act (statute book) a charge or statute section belongs to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Act {
    /// Indian Penal Code, 1860 (offences before 1 July 2024).
    #[sea_orm(string_value = "IPC")]
    Ipc,
    /// Bharatiya Nyaya Sanhita, 2023.
    #[sea_orm(string_value = "BNS")]
    Bns,
    /// Code of Criminal Procedure, 1973.
    #[sea_orm(string_value = "CRPC")]
    Crpc,
    /// Bharatiya Nagarik Suraksha Sanhita, 2023.
    #[sea_orm(string_value = "BNSS")]
    Bnss,
    /// Protection of Children from Sexual Offences Act, 2012.
    #[sea_orm(string_value = "POCSO")]
    Pocso,
    /// Narcotic Drugs and Psychotropic Substances Act, 1985.
    #[sea_orm(string_value = "NDPS")]
    Ndps,
    /// Arms Act, 1959.
    #[sea_orm(string_value = "ARMS")]
    Arms,
    /// Information Technology Act, 2000.
    #[sea_orm(string_value = "IT")]
    It,
    /// A state or local act.
    #[sea_orm(string_value = "LOCAL")]
    Local,
}

/// Type of FIR.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum FirType {
    /// Registered at the station with jurisdiction.
    #[sea_orm(string_value = "REGULAR")]
    Regular,
    /// Registered where the offence did not occur, to be transferred.
    #[sea_orm(string_value = "ZERO")]
    Zero,
    /// Registered electronically.
    #[sea_orm(string_value = "E_FIR")]
    EFir,
}

/// Role a person plays in an FIR.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PartyRole {
    /// Complainant (informant).
    #[sea_orm(string_value = "COMPLAINANT")]
    Complainant,
    /// Victim.
    #[sea_orm(string_value = "VICTIM")]
    Victim,
    /// Accused (coded A1, A2, ...).
    #[sea_orm(string_value = "ACCUSED")]
    Accused,
    /// Witness.
    #[sea_orm(string_value = "WITNESS")]
    Witness,
    /// Suspect, not yet accused.
    #[sea_orm(string_value = "SUSPECT")]
    Suspect,
}

/// Status of a police case (investigation).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CaseStatus {
    /// FIR registered, investigation not yet taken up.
    #[sea_orm(string_value = "REGISTERED")]
    Registered,
    /// Under investigation.
    #[sea_orm(string_value = "UNDER_INVESTIGATION")]
    UnderInvestigation,
    /// Charge-sheet filed.
    #[sea_orm(string_value = "CHARGESHEETED")]
    Chargesheeted,
    /// Closed by a final report other than a charge-sheet.
    #[sea_orm(string_value = "FINAL_REPORT")]
    FinalReport,
    /// On trial.
    #[sea_orm(string_value = "TRIAL")]
    Trial,
    /// Disposed of by the court.
    #[sea_orm(string_value = "DISPOSED")]
    Disposed,
}

/// How an accused was arrested or surrendered (IIF-III).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ArrestMode {
    /// Arrested and forwarded to court.
    #[sea_orm(string_value = "ARRESTED_FORWARDED")]
    ArrestedForwarded,
    /// Arrested and released on bail by police.
    #[sea_orm(string_value = "ARRESTED_BAILED")]
    ArrestedBailed,
    /// Released on anticipatory bail.
    #[sea_orm(string_value = "ANTICIPATORY_BAIL")]
    AnticipatoryBail,
    /// Arrested and held in police custody.
    #[sea_orm(string_value = "POLICE_CUSTODY")]
    PoliceCustody,
    /// Surrendered and bailed.
    #[sea_orm(string_value = "SURRENDERED_BAILED")]
    SurrenderedBailed,
    /// Remanded to judicial custody.
    #[sea_orm(string_value = "JUDICIAL_CUSTODY")]
    JudicialCustody,
}

/// Nature of a seizure (IIF-IV).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SeizureNature {
    /// Stolen property.
    #[sea_orm(string_value = "STOLEN")]
    Stolen,
    /// Unclaimed property.
    #[sea_orm(string_value = "UNCLAIMED")]
    Unclaimed,
    /// Property in unlawful possession.
    #[sea_orm(string_value = "UNLAWFUL_POSSESSION")]
    UnlawfulPossession,
    /// Property involved in the offence.
    #[sea_orm(string_value = "INVOLVED")]
    Involved,
}

/// Category of a property item.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PropertyCategory {
    /// Vehicle (registration, chassis, engine numbers).
    #[sea_orm(string_value = "VEHICLE")]
    Vehicle,
    /// Mobile phone (IMEI).
    #[sea_orm(string_value = "MOBILE")]
    Mobile,
    /// Firearm or other arm (serial).
    #[sea_orm(string_value = "ARM")]
    Arm,
    /// Currency.
    #[sea_orm(string_value = "CURRENCY")]
    Currency,
    /// Jewellery.
    #[sea_orm(string_value = "JEWELLERY")]
    Jewellery,
    /// Any other property.
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Status of a property item.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PropertyStatus {
    /// Reported stolen.
    #[sea_orm(string_value = "STOLEN")]
    Stolen,
    /// Recovered.
    #[sea_orm(string_value = "RECOVERED")]
    Recovered,
    /// Seized.
    #[sea_orm(string_value = "SEIZED")]
    Seized,
    /// Returned to the owner.
    #[sea_orm(string_value = "RETURNED")]
    Returned,
}

/// Kind of final report (IIF-V).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum FinalReportKind {
    /// Charge-sheet.
    #[sea_orm(string_value = "CHARGESHEET")]
    Chargesheet,
    /// Closure: true but undetected.
    #[sea_orm(string_value = "UNDETECTED")]
    Undetected,
    /// Closure: accused untraced.
    #[sea_orm(string_value = "UNTRACED")]
    Untraced,
    /// Closure: false case.
    #[sea_orm(string_value = "FALSE_CASE")]
    FalseCase,
    /// Closure: mistake of fact.
    #[sea_orm(string_value = "MISTAKE_OF_FACT")]
    MistakeOfFact,
    /// Closure: civil in nature.
    #[sea_orm(string_value = "CIVIL_NATURE")]
    CivilNature,
    /// Closure: abated (e.g. death of the accused).
    #[sea_orm(string_value = "ABATED")]
    Abated,
}

/// Kind of court order.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CourtOrderKind {
    /// Remand order.
    #[sea_orm(string_value = "REMAND")]
    Remand,
    /// Bail order.
    #[sea_orm(string_value = "BAIL")]
    Bail,
    /// Summons.
    #[sea_orm(string_value = "SUMMONS")]
    Summons,
    /// Warrant.
    #[sea_orm(string_value = "WARRANT")]
    Warrant,
    /// Proclamation of an absconder.
    #[sea_orm(string_value = "PROCLAMATION")]
    Proclamation,
    /// Judgment.
    #[sea_orm(string_value = "JUDGMENT")]
    Judgment,
}

/// Per-accused result of a court case.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DisposalResult {
    /// Convicted.
    #[sea_orm(string_value = "CONVICTED")]
    Convicted,
    /// Acquitted.
    #[sea_orm(string_value = "ACQUITTED")]
    Acquitted,
    /// Discharged.
    #[sea_orm(string_value = "DISCHARGED")]
    Discharged,
    /// Offence compounded.
    #[sea_orm(string_value = "COMPOUNDED")]
    Compounded,
    /// Prosecution withdrawn.
    #[sea_orm(string_value = "WITHDRAWN")]
    Withdrawn,
    /// Abated (e.g. death of the accused).
    #[sea_orm(string_value = "ABATED")]
    Abated,
}

/// Category of a prisoner.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PrisonerCategory {
    /// Undertrial prisoner.
    #[sea_orm(string_value = "UNDERTRIAL")]
    Undertrial,
    /// Convict.
    #[sea_orm(string_value = "CONVICT")]
    Convict,
    /// Detenu (preventive detention).
    #[sea_orm(string_value = "DETENU")]
    Detenu,
}

/// Kind of prisoner movement.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MovementKind {
    /// Production before a court.
    #[sea_orm(string_value = "COURT_PRODUCTION")]
    CourtProduction,
    /// Transfer to another prison.
    #[sea_orm(string_value = "TRANSFER")]
    Transfer,
    /// Taken to hospital.
    #[sea_orm(string_value = "HOSPITAL")]
    Hospital,
    /// Returned to the prison.
    #[sea_orm(string_value = "RETURNED")]
    Returned,
}

/// Reason for a prisoner's release.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ReleaseReason {
    /// Released on bail.
    #[sea_orm(string_value = "BAIL")]
    Bail,
    /// Acquitted.
    #[sea_orm(string_value = "ACQUITTAL")]
    Acquittal,
    /// Sentence completed.
    #[sea_orm(string_value = "SENTENCE_COMPLETE")]
    SentenceComplete,
    /// Released on parole.
    #[sea_orm(string_value = "PAROLE")]
    Parole,
    /// Released on furlough.
    #[sea_orm(string_value = "FURLOUGH")]
    Furlough,
}

/// Channel a complaint came in by.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ComplaintChannel {
    /// Walk-in at the station.
    #[sea_orm(string_value = "WALK_IN")]
    WalkIn,
    /// Written petition.
    #[sea_orm(string_value = "WRITTEN")]
    Written,
    /// Citizen portal.
    #[sea_orm(string_value = "PORTAL")]
    Portal,
    /// e-FIR.
    #[sea_orm(string_value = "E_FIR")]
    EFir,
}

/// Status of a complaint.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ComplaintStatus {
    /// Received.
    #[sea_orm(string_value = "RECEIVED")]
    Received,
    /// Under preliminary enquiry.
    #[sea_orm(string_value = "UNDER_ENQUIRY")]
    UnderEnquiry,
    /// Converted to an FIR.
    #[sea_orm(string_value = "CONVERTED_TO_FIR")]
    ConvertedToFir,
    /// Closed with a reason.
    #[sea_orm(string_value = "CLOSED")]
    Closed,
}

/// Kind of identity document number.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum IdentityKind {
    /// Aadhaar number.
    #[sea_orm(string_value = "AADHAAR")]
    Aadhaar,
    /// Permanent account number.
    #[sea_orm(string_value = "PAN")]
    Pan,
    /// Passport number.
    #[sea_orm(string_value = "PASSPORT")]
    Passport,
    /// Voter ID (EPIC) number.
    #[sea_orm(string_value = "VOTER_ID")]
    VoterId,
    /// Driving licence number.
    #[sea_orm(string_value = "DRIVING_LICENCE")]
    DrivingLicence,
    /// Ration card number.
    #[sea_orm(string_value = "RATION_CARD")]
    RationCard,
}

/// Status of a missing-person report.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MissingStatus {
    /// Still missing.
    #[sea_orm(string_value = "MISSING")]
    Missing,
    /// Traced.
    #[sea_orm(string_value = "TRACED")]
    Traced,
}

/// Status of a found person.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum FoundStatus {
    /// In the care of the police or a shelter, family not yet traced.
    #[sea_orm(string_value = "IN_CARE")]
    InCare,
    /// Restored to their family.
    #[sea_orm(string_value = "RESTORED")]
    Restored,
}

/// Status of an unidentified dead body.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum BodyStatus {
    /// Not yet identified.
    #[sea_orm(string_value = "UNIDENTIFIED")]
    Unidentified,
    /// Identified.
    #[sea_orm(string_value = "IDENTIFIED")]
    Identified,
}

/// Status of a proclaimed offender.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OffenderStatus {
    /// Still absconding.
    #[sea_orm(string_value = "ABSCONDING")]
    Absconding,
    /// Arrested.
    #[sea_orm(string_value = "ARRESTED")]
    Arrested,
    /// Proclamation withdrawn.
    #[sea_orm(string_value = "WITHDRAWN")]
    Withdrawn,
}

/// Outcome of an audited operation.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    EnumIter,
    DeriveActiveEnum,
    Serialize,
    Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AuditOutcome {
    /// The operation was allowed.
    #[sea_orm(string_value = "ALLOWED")]
    Allowed,
    /// The operation was denied by the access policy.
    #[sea_orm(string_value = "DENIED")]
    Denied,
    /// The operation failed.
    #[sea_orm(string_value = "FAILED")]
    Failed,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Serde names every variant as it is stored.
    fn serde_matches_db<E: ActiveEnum<Value = String> + Serialize>() {
        for v in E::iter() {
            let json = serde_json::to_value(&v).expect("serialize");
            assert_eq!(json, serde_json::Value::String(v.to_value()));
        }
    }

    #[test]
    fn serde_names_are_the_stored_values() {
        serde_matches_db::<UnitKind>();
        serde_matches_db::<Rank>();
        serde_matches_db::<Sex>();
        serde_matches_db::<Act>();
        serde_matches_db::<FirType>();
        serde_matches_db::<PartyRole>();
        serde_matches_db::<CaseStatus>();
        serde_matches_db::<ArrestMode>();
        serde_matches_db::<SeizureNature>();
        serde_matches_db::<PropertyCategory>();
        serde_matches_db::<PropertyStatus>();
        serde_matches_db::<FinalReportKind>();
        serde_matches_db::<CourtOrderKind>();
        serde_matches_db::<DisposalResult>();
        serde_matches_db::<PrisonerCategory>();
        serde_matches_db::<MovementKind>();
        serde_matches_db::<ReleaseReason>();
        serde_matches_db::<ComplaintChannel>();
        serde_matches_db::<ComplaintStatus>();
        serde_matches_db::<IdentityKind>();
        serde_matches_db::<MissingStatus>();
        serde_matches_db::<BodyStatus>();
        serde_matches_db::<FoundStatus>();
        serde_matches_db::<OffenderStatus>();
        serde_matches_db::<AuditOutcome>();
    }
}
