//! The case lifecycle as a state machine (DOMAIN.md, "The case spine"):
//!
//! ```text
//! REGISTERED ──assign IO──▶ UNDER_INVESTIGATION ──chargesheet──▶ CHARGESHEETED ──court case──▶ TRIAL ──judgment──▶ DISPOSED
//!                                   └──────────closure report──▶ FINAL_REPORT
//! ```
//!
//! Every mutation that depends on a case's state reads it under a lock inside its own
//! transaction ([`locked_case`]) and moves it with [`advance`]; an illegal move is
//! `CONFLICT` naming the current state.

use entities::enums::CaseStatus;
use entities::police_case;
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, EntityTrait};

use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::statistics::tally;
use crate::write::{EventType, UnitOf, Write};

/// The moves the lifecycle allows.
pub(crate) fn allowed(from: CaseStatus, to: CaseStatus) -> bool {
    use CaseStatus::*;
    matches!(
        (from, to),
        (Registered, UnderInvestigation)
            | (UnderInvestigation, Chargesheeted)
            | (UnderInvestigation, FinalReport)
            | (Chargesheeted, Trial)
            | (Trial, Disposed)
    )
}

/// The stored name of a status, for messages.
pub(crate) fn name(status: CaseStatus) -> String {
    sea_orm::ActiveEnum::to_value(&status)
}

/// The case row, read inside the write's transaction and locked until it ends
/// (`FOR UPDATE` on PostgreSQL; SQLite's writer lock already excludes other writers).
pub(crate) async fn locked_case(write: &Write, case_id: i64) -> ApiResult<police_case::Model> {
    write
        .locked(police_case::Entity::find_by_id(case_id))
        .await?
        .ok_or_else(|| ApiError::not_found("case"))
}

/// Refuses with `CONFLICT` unless the case is in one of `states`.
pub(crate) fn require(
    case: &police_case::Model,
    states: &[CaseStatus],
    action: &str,
) -> ApiResult<()> {
    if states.contains(&case.status) {
        return Ok(());
    }
    let wanted: Vec<String> = states.iter().map(|s| name(*s)).collect();
    Err(ApiError::conflict(format!(
        "the case is {}; {action} needs it {}",
        name(case.status),
        wanted.join(" or ")
    )))
}

/// Moves the (locked) case to `to`, emitting CASE_STATUS_CHANGED; `CONFLICT` if the
/// lifecycle does not allow the move from its current state.
pub(crate) async fn advance(
    write: &mut Write,
    case: &police_case::Model,
    to: CaseStatus,
    unit: &UnitOf,
) -> ApiResult<()> {
    if !allowed(case.status, to) {
        return Err(ApiError::conflict(format!(
            "the case is {}; it cannot become {}",
            name(case.status),
            name(to)
        )));
    }
    let at = write.at();
    tally::withdraw(write.txn(), case.fir_id).await?;
    police_case::ActiveModel {
        id: Set(case.id),
        status: Set(to),
        status_changed_at: Set(at),
        ..Default::default()
    }
    .update(write.txn())
    .await?;
    tally::deposit(write.txn(), case.fir_id).await?;
    write.event(
        EventType::CaseStatusChanged,
        unit,
        serde_json::json!({
            "case": ids::encode("Case", case.id).0,
            "fir": ids::encode("Fir", case.fir_id).0,
            "from": name(case.status),
            "to": name(to),
        }),
    );
    write.audit(
        "Case",
        &[case.id],
        format!("status {} → {}", name(case.status), name(to)),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::Iterable;

    #[test]
    fn only_the_spine_moves_are_allowed() {
        use CaseStatus::*;
        let legal = [
            (Registered, UnderInvestigation),
            (UnderInvestigation, Chargesheeted),
            (UnderInvestigation, FinalReport),
            (Chargesheeted, Trial),
            (Trial, Disposed),
        ];
        for from in CaseStatus::iter() {
            for to in CaseStatus::iter() {
                assert_eq!(
                    allowed(from, to),
                    legal.contains(&(from, to)),
                    "{from:?} → {to:?}"
                );
            }
        }
    }
}
