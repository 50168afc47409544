//! List reach: which records of a register a caller may list or receive, as opposed to
//! which fields of one record they see ([`super::decide`]). The domain modules turn a
//! [`ListScope`] into SQL (or, for events, into a per-event test); none decides reach by
//! role itself. The matrix of roles × registers is in `policy/tests.rs`.

use super::{Principal, Role};
use crate::error::{ApiError, ApiResult};

/// The registers whose listing the policy decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Register {
    /// Custody records (`prisonRecords`).
    CustodyRecords,
    /// Complaints (`complaints`).
    Complaints,
    /// Crime statistics (`crimeStatistics`): counts over the FIRs of a subtree.
    CrimeStatistics,
    /// Domain events (`events`).
    Events,
}

/// Which records of a register a caller may list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListScope {
    /// Every record.
    Everything,
    /// Records of the one station with this id.
    Station(i64),
    /// Records of units inside the subtree at this path (a prison's custody records, a
    /// supervisor's stations' complaints, an analyst's statistics).
    UnitsUnder(String),
    /// Records about court cases before courts inside the subtree at this path.
    CourtsUnder(String),
    /// Records of units inside `units`, and (when `courts` is given) records about court
    /// cases before courts inside `courts`: an office's events.
    Office {
        /// The office's own subtree.
        units: String,
        /// The courts whose cases concern the office.
        courts: Option<String>,
    },
    /// Records the caller filed themselves (a citizen's complaints and their events).
    Own {
        /// The citizen's token subject.
        sub: String,
    },
}

impl ListScope {
    /// What `principal` may list of `register`; `FORBIDDEN` when nothing.
    pub fn of(principal: &Principal, register: Register) -> ApiResult<ListScope> {
        let Some(identity) = principal.identity.as_ref() else {
            return Err(ApiError::forbidden(match register {
                Register::CustodyRecords => "custody records need an authorised role",
                Register::Complaints => "complaints need a token",
                Register::CrimeStatistics => "crime statistics need a token",
                Register::Events => "events need a token",
            }));
        };
        let unit = &identity.unit.path;
        let role = identity.role;
        let national_reader = role.is_police() || role == Role::Analyst;
        let scope = match register {
            Register::CustodyRecords => match role {
                _ if national_reader => Some(ListScope::Everything),
                Role::Prison => Some(ListScope::UnitsUnder(unit.clone())),
                Role::Court => Some(ListScope::CourtsUnder(unit.clone())),
                _ => None,
            },
            Register::Complaints => match role {
                Role::Citizen => Some(ListScope::Own {
                    sub: identity.sub.clone(),
                }),
                _ if role.is_station_role() => Some(ListScope::Station(identity.unit.id)),
                Role::Supervisor => Some(ListScope::UnitsUnder(unit.clone())),
                _ => None,
            },
            Register::CrimeStatistics => match role {
                Role::Supervisor | Role::Analyst => Some(ListScope::UnitsUnder(unit.clone())),
                _ => None,
            },
            Register::Events => match role {
                _ if national_reader => Some(ListScope::Everything),
                Role::Court => Some(ListScope::Office {
                    units: unit.clone(),
                    courts: Some(unit.clone()),
                }),
                Role::Prosecutor => Some(ListScope::Office {
                    units: unit.clone(),
                    courts: Some(district_path(unit).unwrap_or_else(|| unit.clone())),
                }),
                Role::Prison => Some(ListScope::Office {
                    units: unit.clone(),
                    courts: None,
                }),
                Role::Citizen => Some(ListScope::Own {
                    sub: identity.sub.clone(),
                }),
                _ => None,
            },
        };
        scope.ok_or_else(|| {
            ApiError::forbidden(match register {
                Register::CustodyRecords => "custody records need an authorised role",
                Register::Complaints => "complaints are not visible to this role",
                Register::CrimeStatistics => "crime statistics are for supervisors and analysts",
                Register::Events => "events are not available to this role",
            })
        })
    }
}

/// Whether `principal` reaches a case through the court cases it is before (a court, a
/// prosecutor), when the FIR's police-restricted data is not theirs to see.
pub fn reaches_cases_through_courts(principal: &Principal) -> bool {
    matches!(principal.role(), Some(Role::Court | Role::Prosecutor))
}

/// `/IN/ST/DISTRICT/` of a unit path inside a district: a prosecutor's office serves the
/// district's courts.
fn district_path(path: &str) -> Option<String> {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    (segments.len() >= 3).then(|| format!("/{}/", segments[..3].join("/")))
}
