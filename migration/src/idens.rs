//! Identifiers of every table and column, shared by the migrations.

use sea_orm_migration::prelude::*;

/// The `org_unit` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum OrgUnit {
    Table,
    Id,
    Code,
    Name,
    Kind,
    ParentId,
    Path,
    Depth,
    Address,
    CreatedAt,
}

/// The `officer` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum Officer {
    Table,
    Id,
    UnitId,
    LoginId,
    Name,
    Rank,
    BeltNumber,
    Sex,
    Active,
    CreatedAt,
}

/// The `person` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum Person {
    Table,
    Id,
    Name,
    NameNormalized,
    Sex,
    BirthYear,
    BirthDate,
    RelativeName,
    CreatedAt,
}

/// The `person_alias` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum PersonAlias {
    Table,
    Id,
    PersonId,
    Alias,
    AliasNormalized,
}

/// The `person_address` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum PersonAddress {
    Table,
    Id,
    PersonId,
    Address,
    DistrictCode,
    IsPrimary,
}

/// The `person_phone` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum PersonPhone {
    Table,
    Id,
    PersonId,
    Phone,
    IsPrimary,
}

/// The `person_identity` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum PersonIdentity {
    Table,
    Id,
    PersonId,
    Kind,
    Number,
}

/// The `statute` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum Statute {
    Table,
    Id,
    Act,
    Section,
    Title,
    CrimeHead,
    VictimIdentityProtected,
}

/// The `statute_equivalent` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum StatuteEquivalent {
    Table,
    StatuteId,
    EquivalentId,
}

/// The `fir` table and its columns.
#[allow(clippy::enum_variant_names)] // column names are binding
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum Fir {
    Table,
    Id,
    StationId,
    Year,
    Serial,
    FirType,
    RegisteredAt,
    InfoReceivedAt,
    OccurredFrom,
    OccurredTo,
    PlaceAddress,
    PlaceBeat,
    PlaceLat,
    PlaceLon,
    DelayReason,
    Narrative,
    PropertyValue,
    RegisteredById,
    VictimIdentityProtected,
    TransferredFromFirId,
    TransferredToFirId,
    OriginalNumber,
    CreatedAt,
}

/// The `fir_serial_counter` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum FirSerialCounter {
    Table,
    StationId,
    Year,
    LastSerial,
}

/// The `fir_amendment` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum FirAmendment {
    Table,
    Id,
    FirId,
    AmendedById,
    AmendedAt,
    Field,
    OldValue,
    NewValue,
    Reason,
}

/// The `charge` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum Charge {
    Table,
    Id,
    FirId,
    StatuteId,
    Act,
    Section,
    Position,
    AddedAt,
    RemovedAt,
    AddedByAmendmentId,
    LocalAct,
}

/// The `case_party` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum CaseParty {
    Table,
    Id,
    FirId,
    PersonId,
    Role,
    AccusedCode,
    AgeAtOffence,
    Juvenile,
    CreatedAt,
}

/// The `police_case` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum PoliceCase {
    Table,
    Id,
    FirId,
    StationId,
    Status,
    IoId,
    OpenedAt,
    StatusChangedAt,
}

/// The `io_assignment` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum IoAssignment {
    Table,
    Id,
    CaseId,
    OfficerId,
    AssignedById,
    AssignedAt,
    RelievedAt,
    Reason,
}

/// The `case_diary_entry` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum CaseDiaryEntry {
    Table,
    Id,
    CaseId,
    AuthorId,
    EntryAt,
    Content,
}

/// The `arrest` table and its columns.
#[allow(clippy::enum_variant_names)] // column names are binding
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum Arrest {
    Table,
    Id,
    CaseId,
    PartyId,
    PersonId,
    ArrestedAt,
    Place,
    Mode,
    ArrestingOfficerId,
    RelativeInformed,
    RelativeInformedAt,
}

/// The `seizure` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum Seizure {
    Table,
    Id,
    CaseId,
    SeizedAt,
    Place,
    Nature,
    SeizedById,
}

/// The `property_item` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum PropertyItem {
    Table,
    Id,
    FirId,
    SeizureId,
    Category,
    Description,
    Value,
    Status,
    RegistrationNumber,
    RegistrationNormalized,
    ChassisNumber,
    EngineNumber,
    Imei,
    ArmSerial,
    Make,
    Model,
}

/// The `final_report` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum FinalReport {
    Table,
    Id,
    CaseId,
    Kind,
    Supplementary,
    FiledAt,
    FiledById,
    CourtId,
    Summary,
}

/// The `final_report_accused` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum FinalReportAccused {
    Table,
    FinalReportId,
    PartyId,
    Charged,
}

/// The `court_case` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum CourtCase {
    Table,
    Id,
    Cnr,
    CourtId,
    CaseType,
    CaseNumber,
    CaseYear,
    Stage,
    FiledAt,
}

/// The `court_case_link` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum CourtCaseLink {
    Table,
    CourtCaseId,
    CaseId,
}

/// The `hearing` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum Hearing {
    Table,
    Id,
    CourtCaseId,
    Date,
    Purpose,
    Outcome,
    NextDate,
}

/// The `court_order` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum CourtOrder {
    Table,
    Id,
    CourtCaseId,
    Kind,
    IssuedAt,
    PersonId,
    Text,
}

/// The `disposal` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum Disposal {
    Table,
    Id,
    CourtCaseId,
    PartyId,
    Result,
    Sentence,
    DecidedAt,
}

/// The `prison_record` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum PrisonRecord {
    Table,
    Id,
    PrisonerId,
    PrisonId,
    PersonId,
    CourtCaseId,
    FirId,
    Category,
    AdmittedAt,
    WarrantRef,
    ReleasedAt,
    ReleaseReason,
    EscapedAt,
}

/// The `prison_movement` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum PrisonMovement {
    Table,
    Id,
    PrisonRecordId,
    Kind,
    MovedAt,
    DestinationUnitId,
    Note,
}

/// The `complaint` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum Complaint {
    Table,
    Id,
    PetitionNumber,
    StationId,
    ReceivedAt,
    Channel,
    Nature,
    ComplainantPersonId,
    CitizenSub,
    Description,
    Status,
    FirId,
    ClosureReason,
}

/// The `missing_person` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum MissingPerson {
    Table,
    Id,
    StationId,
    PersonId,
    Name,
    Sex,
    AgeYears,
    HeightCm,
    Marks,
    MissingSince,
    LastSeenPlace,
    ReportedAt,
    Status,
}

/// The `unidentified_body` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum UnidentifiedBody {
    Table,
    Id,
    StationId,
    FoundAt,
    Place,
    Sex,
    AgeMin,
    AgeMax,
    HeightCm,
    Marks,
    Status,
}

/// The `found_person` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum FoundPerson {
    Table,
    Id,
    StationId,
    FoundAt,
    Place,
    Sex,
    AgeMin,
    AgeMax,
    HeightCm,
    Marks,
    NameGiven,
    PlacedWith,
    Status,
}

/// The `modus_operandi` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum ModusOperandi {
    Table,
    Code,
    CrimeHead,
    Description,
}

/// The `fir_modus_operandi` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum FirModusOperandi {
    Table,
    FirId,
    Code,
}

/// The `proclaimed_offender` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum ProclaimedOffender {
    Table,
    Id,
    PersonId,
    CourtCaseId,
    CourtId,
    FirId,
    ProclaimedAt,
    Status,
}

/// The `domain_event` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum DomainEvent {
    Table,
    Id,
    EventType,
    OccurredAt,
    UnitId,
    UnitPath,
    SubjectRefs,
    ActorSub,
}

/// The `audit_record` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum AuditRecord {
    Table,
    Id,
    At,
    ActorSub,
    ActorRole,
    ActorUnit,
    Operation,
    RecordType,
    RecordIds,
    Fields,
    Outcome,
    ClientAddr,
    PrevHash,
    Hash,
}

/// The `person_name_token` table and its columns.
#[derive(DeriveIden)]
pub(crate) enum PersonNameToken {
    Table,
    Token,
    PersonId,
    Initials,
}

/// The `idempotency_key` table and its columns.
#[derive(DeriveIden)]
pub(crate) enum IdempotencyKey {
    Table,
    ActorSub,
    Key,
    Operation,
    RecordId,
    CreatedAt,
}

/// The `name_word` table and its columns.
#[derive(DeriveIden)]
pub(crate) enum NameWord {
    Table,
    Word,
    Phonetic,
}

/// The `crime_tally` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum CrimeTally {
    Table,
    Grain,
    StationId,
    Month,
    Status,
    Act,
    Section,
    CrimeHead,
    Firs,
}

/// The `registered_operation` table and its columns.
#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum RegisteredOperation {
    Table,
    Hash,
    Name,
    Document,
    AddedAt,
}
