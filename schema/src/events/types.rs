//! The domain event types integrators subscribe to (DOMAIN.md, "Events integrators
//! subscribe to").

use async_graphql::Enum;

/// A domain event type (GraphQL `DomainEventType`), stored as its SCREAMING_SNAKE_CASE
/// name.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(name = "DomainEventType", rename_items = "SCREAMING_SNAKE_CASE")]
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
    /// Every event type.
    pub const ALL: [EventType; 19] = [
        EventType::FirRegistered,
        EventType::FirTransferred,
        EventType::FirAmended,
        EventType::ChargesAltered,
        EventType::IoAssigned,
        EventType::AccusedArrested,
        EventType::PropertySeized,
        EventType::FinalReportFiled,
        EventType::CaseStatusChanged,
        EventType::CourtCaseRegistered,
        EventType::HearingScheduled,
        EventType::HearingOutcomeRecorded,
        EventType::CourtOrderIssued,
        EventType::JudgmentDelivered,
        EventType::PrisonerAdmitted,
        EventType::PrisonerReleased,
        EventType::PrisonerEscaped,
        EventType::ComplaintReceived,
        EventType::MissingPersonReported,
    ];

    /// The type stored as `name`.
    pub fn from_stored(name: &str) -> Option<EventType> {
        Self::ALL.into_iter().find(|t| t.as_str() == name)
    }

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

#[cfg(test)]
mod tests {
    use super::EventType;

    #[test]
    fn stored_names_round_trip() {
        for t in EventType::ALL {
            assert_eq!(EventType::from_stored(t.as_str()), Some(t));
        }
    }
}
