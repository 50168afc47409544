//! sea-orm entities of the CCTNS graph: one module per table, relations for every foreign
//! key, the string-backed enumerations, and the derivation of stored keys and counts
//! ([`name_key`], [`property_key`], [`crime_tally::count`]). No other behaviour lives here.

/// `arrest`: An arrest or surrender of an accused (IIF-III).
pub mod arrest;
/// `audit_record`: An audit record (append-only: the database refuses UPDATE and DELETE).
pub mod audit_record;
/// `case_diary_entry`: A case diary entry (investigative material, most restricted).
pub mod case_diary_entry;
/// `case_party`: A role a person plays in an FIR (a person may hold several roles in one FIR).
pub mod case_party;
/// `charge`: A charge (act and section) in an FIR, as registered or as altered.
pub mod charge;
/// `complaint`: A complaint (petition) received at a station.
pub mod complaint;
/// `court_case`: A court case (e-Courts), identified by its CNR.
pub mod court_case;
/// `court_case_link`: Link between a court case and a police case it tries.
pub mod court_case_link;
/// `court_order`: An order of a court in a court case.
pub mod court_order;
pub mod crime_tally;
/// `disposal`: Per-accused disposal of a court case.
pub mod disposal;
/// `domain_event`: A thin domain event for subscribers; `id` is monotonic and resumable.
pub mod domain_event;
/// String-backed enumerations used by the entities.
pub mod enums;
/// `final_report`: A final report (IIF-V): charge-sheet or closure report.
pub mod final_report;
/// `final_report_accused`: An accused dealt with in a final report: charged or not charged.
pub mod final_report_accused;
/// `fir`: A First Information Report (IIF-I): a legal document, never edited in place.
pub mod fir;
/// `fir_amendment`: An amendment (correction) of a registered FIR: who, when, what, why.
pub mod fir_amendment;
/// `fir_modus_operandi`: The ways of committing recorded on an FIR.
pub mod fir_modus_operandi;
/// `fir_serial_counter`: Last FIR serial issued per station per year (updated in the FIR write
/// transaction).
pub mod fir_serial_counter;
/// `found_person`: A living person found who cannot say where they belong.
pub mod found_person;
/// `hearing`: A hearing of a court case.
pub mod hearing;
/// `idempotency_key`: A mutation's idempotency key and the record its first run produced.
pub mod idempotency_key;
/// `io_assignment`: An assignment of an investigating officer to a case (IO history).
pub mod io_assignment;
/// `missing_person`: A missing-person report.
pub mod missing_person;
/// `modus_operandi`: The catalogue of ways crimes are committed.
pub mod modus_operandi;
pub mod name_key;
/// `name_word`: A distinct word of the names on record, with its phonetic key.
pub mod name_word;
/// `officer`: A police officer posted to a unit.
pub mod officer;
/// `org_unit`: An organisational unit: a node of the tree national → state → district →
/// sub-division → police station, or a court, prison, forensic lab or prosecution office.
pub mod org_unit;
/// `person`: A resolved person identity, who may play roles in many FIRs across stations.
pub mod person;
/// `person_address`: An address of a person (personal data).
pub mod person_address;
/// `person_alias`: An alias (other name) of a person.
pub mod person_alias;
/// `person_identity`: An identity document number of a person (personal data).
pub mod person_identity;
/// `person_name_token`: One word of a person's name or alias, for indexed name lookup.
pub mod person_name_token;
/// `person_phone`: A phone number of a person (personal data).
pub mod person_phone;
/// `police_case`: The investigation opened by an FIR.
pub mod police_case;
/// `prison_movement`: A movement of a prisoner out of or back into the prison.
pub mod prison_movement;
/// `prison_record`: A prison record (e-Prisons): one admission of a person to a prison.
pub mod prison_record;
/// `proclaimed_offender`: A proclaimed offender (court-declared absconder).
pub mod proclaimed_offender;
/// `property_item`: A property item: stolen, recovered, seized or returned.
pub mod property_item;
/// How property identifiers are keyed for search.
pub mod property_key;
/// `registered_operation`: A GraphQL document registered for the safelist.
pub mod registered_operation;
/// `seizure`: A seizure (IIF-IV).
pub mod seizure;
/// `statute`: A section of an act in the statute catalogue.
pub mod statute;
/// `statute_equivalent`: An equivalence between two statute sections (IPC ↔ BNS, CrPC ↔ BNSS);
/// stored in both directions.
pub mod statute_equivalent;
/// `unidentified_body`: An unidentified dead body.
pub mod unidentified_body;

/// The entities under their table names in CamelCase (`use entities::prelude::*`).
pub mod prelude {
    pub use super::arrest::Entity as Arrest;
    pub use super::audit_record::Entity as AuditRecord;
    pub use super::case_diary_entry::Entity as CaseDiaryEntry;
    pub use super::case_party::Entity as CaseParty;
    pub use super::charge::Entity as Charge;
    pub use super::complaint::Entity as Complaint;
    pub use super::court_case::Entity as CourtCase;
    pub use super::court_case_link::Entity as CourtCaseLink;
    pub use super::court_order::Entity as CourtOrder;
    pub use super::crime_tally::Entity as CrimeTally;
    pub use super::disposal::Entity as Disposal;
    pub use super::domain_event::Entity as DomainEvent;
    pub use super::final_report::Entity as FinalReport;
    pub use super::final_report_accused::Entity as FinalReportAccused;
    pub use super::fir::Entity as Fir;
    pub use super::fir_amendment::Entity as FirAmendment;
    pub use super::fir_modus_operandi::Entity as FirModusOperandi;
    pub use super::fir_serial_counter::Entity as FirSerialCounter;
    pub use super::found_person::Entity as FoundPerson;
    pub use super::hearing::Entity as Hearing;
    pub use super::idempotency_key::Entity as IdempotencyKey;
    pub use super::io_assignment::Entity as IoAssignment;
    pub use super::missing_person::Entity as MissingPerson;
    pub use super::modus_operandi::Entity as ModusOperandi;
    pub use super::officer::Entity as Officer;
    pub use super::org_unit::Entity as OrgUnit;
    pub use super::person::Entity as Person;
    pub use super::person_address::Entity as PersonAddress;
    pub use super::person_alias::Entity as PersonAlias;
    pub use super::person_identity::Entity as PersonIdentity;
    pub use super::person_name_token::Entity as PersonNameToken;
    pub use super::person_phone::Entity as PersonPhone;
    pub use super::police_case::Entity as PoliceCase;
    pub use super::prison_movement::Entity as PrisonMovement;
    pub use super::prison_record::Entity as PrisonRecord;
    pub use super::proclaimed_offender::Entity as ProclaimedOffender;
    pub use super::property_item::Entity as PropertyItem;
    pub use super::registered_operation::Entity as RegisteredOperation;
    pub use super::seizure::Entity as Seizure;
    pub use super::statute::Entity as Statute;
    pub use super::statute_equivalent::Entity as StatuteEquivalent;
    pub use super::unidentified_body::Entity as UnidentifiedBody;
}
