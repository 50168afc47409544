//! Write authority: who may change what (DOMAIN.md, "Writes are local").
//!
//! Every mutation describes what it writes as a [`WriteTarget`] and asks
//! [`require_write`] before touching the database; a refusal is `FORBIDDEN` and nothing
//! is written.

use super::{Principal, Role};
use crate::error::{ApiError, ApiResult};

/// What a mutation writes, described by where the record belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteTarget<'a> {
    /// An FIR or its case (registration, amendment, diary, arrest, seizure, final report,
    /// transfer out) of the station at `station_path`, whose case is investigated by
    /// `io_officer_id`.
    StationRecord {
        /// Materialised path of the owning station.
        station_path: &'a str,
        /// The case's investigating officer, if assigned.
        io_officer_id: Option<i64>,
    },
    /// Assigning or changing the investigating officer of a case of the station at
    /// `station_path`.
    Investigation {
        /// Materialised path of the owning station.
        station_path: &'a str,
    },
    /// Retiring a charge that protects the victim's identity (BNS 64–71, IPC 376-series,
    /// POCSO) from an FIR of the station at `station_path`.
    ProtectedCharge {
        /// Materialised path of the owning station.
        station_path: &'a str,
    },
    /// A court case, hearing or order of the court at `court_path`.
    CourtRecord {
        /// Materialised path of the court.
        court_path: &'a str,
    },
    /// A custody record of the prison at `prison_path`.
    CustodyRecord {
        /// Materialised path of the prison.
        prison_path: &'a str,
    },
    /// A complaint filed by a citizen (their own), by an anonymous caller who leaves
    /// contact details, or received at the station at `station_path`; closing or
    /// converting one is the receiving station's.
    Complaint {
        /// Materialised path of the receiving station.
        station_path: &'a str,
        /// Whether this is a new complaint that gives the complainant's contact details.
        new_with_contact: bool,
    },
    /// Org units, officers and reference data (statutes).
    ReferenceData,
}

/// Whether `principal` may make the write described by `target`.
pub fn may_write(principal: &Principal, target: &WriteTarget<'_>) -> bool {
    let Some(identity) = principal.identity.as_ref() else {
        return matches!(
            target,
            WriteTarget::Complaint {
                new_with_contact: true,
                ..
            }
        );
    };
    let role = identity.role;
    let at_station = |path: &str| role.is_station_role() && identity.unit.path == path;
    match *target {
        WriteTarget::StationRecord {
            station_path,
            io_officer_id,
        } => {
            at_station(station_path)
                || (role == Role::InvestigatingOfficer
                    && identity.officer_id.is_some()
                    && identity.officer_id == io_officer_id)
        }
        WriteTarget::Investigation { station_path }
        | WriteTarget::ProtectedCharge { station_path } => match role {
            Role::StationHouseOfficer => identity.unit.path == station_path,
            Role::Supervisor => identity.unit.contains(station_path),
            _ => false,
        },
        WriteTarget::CourtRecord { court_path } => {
            role == Role::Court && identity.unit.contains(court_path)
        }
        WriteTarget::CustodyRecord { prison_path } => {
            role == Role::Prison && identity.unit.contains(prison_path)
        }
        WriteTarget::Complaint {
            station_path,
            new_with_contact,
        } => (role == Role::Citizen && new_with_contact) || at_station(station_path),
        WriteTarget::ReferenceData => role == Role::Admin,
    }
}

/// [`may_write`], as the `FORBIDDEN` error a mutation returns before writing anything.
pub fn require_write(principal: &Principal, target: &WriteTarget<'_>) -> ApiResult<()> {
    if may_write(principal, target) {
        return Ok(());
    }
    let what = match target {
        WriteTarget::StationRecord { .. } => {
            "only the owning station and the case's IO write its FIRs and cases"
        }
        WriteTarget::Investigation { .. } => {
            "only the owning station's SHO or a supervisor over it assigns investigations"
        }
        WriteTarget::ProtectedCharge { .. } => {
            "only the owning station's SHO or a supervisor over it removes a charge that protects the victim"
        }
        WriteTarget::CourtRecord { .. } => "only the court itself writes its records",
        WriteTarget::CustodyRecord { .. } => "only the prison itself writes its custody records",
        WriteTarget::Complaint { .. } => {
            "complaints are filed by citizens (with contact details) or handled by the receiving station"
        }
        WriteTarget::ReferenceData => "reference data is maintained by administrators",
    };
    Err(ApiError::forbidden(what))
}
