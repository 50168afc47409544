//! The domain event types integrators subscribe to (DOMAIN.md, "Events integrators
//! subscribe to").

/// A domain event type, stored as its SCREAMING_SNAKE_CASE name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventType {
    /// An FIR was registered.
    FirRegistered,
    /// A zero FIR was transferred to the station with jurisdiction.
    FirTransferred,
    /// An FIR was amended.
    FirAmended,
    /// The charges of an FIR were altered.
    ChargesAltered,
    /// An investigating officer was assigned.
    IoAssigned,
    /// An accused was arrested.
    AccusedArrested,
    /// Property was seized.
    PropertySeized,
    /// A final report was filed.
    FinalReportFiled,
    /// A case changed status.
    CaseStatusChanged,
    /// A court case was registered.
    CourtCaseRegistered,
    /// A hearing was scheduled.
    HearingScheduled,
    /// A hearing's outcome was recorded.
    HearingOutcomeRecorded,
    /// A court issued an order.
    CourtOrderIssued,
    /// A court delivered its judgment.
    JudgmentDelivered,
    /// A prisoner was admitted.
    PrisonerAdmitted,
    /// A prisoner was released.
    PrisonerReleased,
    /// A prisoner escaped.
    PrisonerEscaped,
    /// A complaint was received.
    ComplaintReceived,
    /// A missing person was reported.
    MissingPersonReported,
}

impl EventType {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::FirRegistered => "FIR_REGISTERED",
            EventType::FirTransferred => "FIR_TRANSFERRED",
            EventType::FirAmended => "FIR_AMENDED",
            EventType::ChargesAltered => "CHARGES_ALTERED",
            EventType::IoAssigned => "IO_ASSIGNED",
            EventType::AccusedArrested => "ACCUSED_ARRESTED",
            EventType::PropertySeized => "PROPERTY_SEIZED",
            EventType::FinalReportFiled => "FINAL_REPORT_FILED",
            EventType::CaseStatusChanged => "CASE_STATUS_CHANGED",
            EventType::CourtCaseRegistered => "COURT_CASE_REGISTERED",
            EventType::HearingScheduled => "HEARING_SCHEDULED",
            EventType::HearingOutcomeRecorded => "HEARING_OUTCOME_RECORDED",
            EventType::CourtOrderIssued => "COURT_ORDER_ISSUED",
            EventType::JudgmentDelivered => "JUDGMENT_DELIVERED",
            EventType::PrisonerAdmitted => "PRISONER_ADMITTED",
            EventType::PrisonerReleased => "PRISONER_RELEASED",
            EventType::PrisonerEscaped => "PRISONER_ESCAPED",
            EventType::ComplaintReceived => "COMPLAINT_RECEIVED",
            EventType::MissingPersonReported => "MISSING_PERSON_REPORTED",
        }
    }
}
