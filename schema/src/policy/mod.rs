//! The access policy: the one place that decides what a caller may see of a record.
//!
//! Resolvers describe the record ([`RecordScope`]) and the kind of data a field carries
//! ([`FieldClass`]); [`decide`] answers `Full`, `Masked` or `Denied`. No resolver
//! re-implements a rule. The rules are DOMAIN.md's "Who may see what":
//!
//! * public data (station directory, header of a non-sensitive FIR): everyone;
//! * police-restricted data (charges, status, accused names, narrative of an ordinary
//!   FIR): police roles and analysts, anywhere in the country;
//! * personal data (addresses, phones, identity numbers): the owning station's officers,
//!   the case's investigating officer and supervisors whose subtree holds the station;
//!   other police roles and analysts see it masked; everyone else is denied;
//! * investigative material (case diary): the case team and supervisors over the station;
//!   in a protected FIR only those who may see the victim's identity;
//! * a child in conflict with law: named only to the owning station, the IO, supervisors
//!   over the station and the court and prosecutor on the case; other police see the
//!   accused code (`CCL-1`);
//! * victim identity in sexual offences (and the narrative of such an FIR): only the
//!   case's IO, the owning station's SHO and supervisors over that station; other police
//!   see a pseudonym. Rank alone never unmasks it.
//!
//! * courts and prosecutors on a case (the case is before a court of the COURT caller's
//!   unit, or of the PROSECUTOR's district): everything about it but investigative
//!   material, victim identity included;
//!
//! * court records: police and analysts, the court's own unit (and units above it) for
//!   COURT callers, and prosecutors serving in the district that holds the court;
//! * custody records: police and analysts, the prison's own staff (and units above it),
//!   and courts on the linked court case.
//!
//! Jurisdiction is a prefix test on materialised org-unit paths.

mod principal;
mod reach;
mod write;

pub use principal::{Identity, Principal, Role, UnitRef};
pub use reach::{ListScope, Register, reaches_cases_through_courts};
pub use write::{WriteTarget, may_write, require_write};

/// What a caller may see of one field class of one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// The real value.
    Full,
    /// A pseudonym or null in place of the value; the object says `masked: true`.
    Masked,
    /// Nothing: the field (or record) is withheld.
    Denied,
}

impl Access {
    /// Whether the real value may be shown.
    pub fn is_full(self) -> bool {
        self == Access::Full
    }
}

/// The kind of data a field carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldClass {
    /// FIR header: number, station, dates, type.
    Header,
    /// Charges, status, accused names and other police-restricted data.
    PoliceRestricted,
    /// Addresses, phones, identity numbers.
    Personal,
    /// The identity of a victim (name and everything identifying).
    VictimIdentity,
    /// The FIR's narrative (withheld with the victim's identity in sexual offences).
    Narrative,
    /// Investigative material: case diary, statements, informants.
    Investigative,
    /// The identity of a child in conflict with law (an accused under 18 at the date of
    /// the offence): name, birth year, address (Juvenile Justice Act s.74).
    ChildIdentity,
}

/// What the policy needs to know about a record to decide.
#[derive(Debug, Clone, Copy)]
pub struct RecordScope<'a> {
    /// Materialised path of the owning police station.
    pub station_path: &'a str,
    /// The officer currently investigating the case, if assigned.
    pub io_officer_id: Option<i64>,
    /// Whether the FIR carries a charge that protects the victim's identity by law.
    pub victim_protected: bool,
    /// Materialised paths of the courts the case is before (empty when not yet in court).
    pub court_paths: &'a [String],
}

/// A court record (court case, hearing, order), described by where the court sits.
#[derive(Debug, Clone, Copy)]
pub struct CourtScope<'a> {
    /// Materialised path of the court.
    pub court_path: &'a str,
}

/// A custody record, described by the prison and the court case it answers to.
#[derive(Debug, Clone, Copy)]
pub struct CustodyScope<'a> {
    /// Materialised path of the prison.
    pub prison_path: &'a str,
    /// Materialised path of the court of the linked court case, if any.
    pub court_path: Option<&'a str>,
}

/// Which parts of a [`CustodyScope`] deciding for `principal` looks at: the prison's path
/// (for prison staff) and the court's (for courts); the police and analysts are granted
/// custody records wherever they are, so their decision needs neither to be loaded.
pub fn custody_needs(principal: &Principal) -> (bool, bool) {
    match principal.role() {
        Some(Role::Prison) => (true, false),
        Some(Role::Court) => (false, true),
        _ => (false, false),
    }
}

/// Whether the caller may read a court record at all.
pub fn court_record(principal: &Principal, scope: &CourtScope<'_>) -> Access {
    let Some(identity) = principal.identity.as_ref() else {
        return Access::Denied;
    };
    #[cfg(test)]
    if identity.unrestricted {
        return Access::Full;
    }
    let granted = match identity.role {
        role if role.is_police() || role == Role::Analyst => true,
        Role::Court => identity.unit.contains(scope.court_path),
        Role::Prosecutor => same_district(&identity.unit.path, scope.court_path),
        _ => false,
    };
    restricted(granted)
}

/// Whether the caller may read a custody record at all.
pub fn custody_record(principal: &Principal, scope: &CustodyScope<'_>) -> Access {
    let Some(identity) = principal.identity.as_ref() else {
        return Access::Denied;
    };
    #[cfg(test)]
    if identity.unrestricted {
        return Access::Full;
    }
    let granted = match identity.role {
        role if role.is_police() || role == Role::Analyst => true,
        Role::Prison => identity.unit.contains(scope.prison_path),
        Role::Court => scope
            .court_path
            .is_some_and(|court| identity.unit.contains(court)),
        _ => false,
    };
    restricted(granted)
}

/// Whether two unit paths lie in the same district (path segment 2: `/IN/ST/DISTRICT/`).
pub(crate) fn same_district(a: &str, b: &str) -> bool {
    fn district(path: &str) -> Option<&str> {
        path.split('/').filter(|s| !s.is_empty()).nth(2)
    }
    district(a).is_some() && district(a) == district(b)
}

/// Decides what `principal` may see of `class` data in the FIR described by `scope`
/// (and in everything recorded under that FIR: its case, arrests, parties).
pub fn decide(principal: &Principal, scope: &RecordScope<'_>, class: FieldClass) -> Access {
    let Some(identity) = principal.identity.as_ref() else {
        return match class {
            FieldClass::Header if !scope.victim_protected => Access::Full,
            _ => Access::Denied,
        };
    };
    #[cfg(test)]
    if identity.unrestricted {
        return Access::Full;
    }
    let reads_restricted = identity.role.is_police() || identity.role == Role::Analyst;
    let in_court = before_callers_court(identity, scope);
    match class {
        FieldClass::Header => {
            if !scope.victim_protected
                || reads_restricted
                || in_case_team(identity, scope)
                || in_court
            {
                Access::Full
            } else {
                Access::Denied
            }
        }
        FieldClass::PoliceRestricted => restricted(reads_restricted || in_court),
        // A child's identity reaches exactly as far as personal data: the owning station,
        // the IO, supervisors over the station, the court and prosecutor on the case.
        FieldClass::Personal | FieldClass::ChildIdentity => {
            if in_case_team(identity, scope) || supervises(identity, scope) || in_court {
                Access::Full
            } else if reads_restricted {
                Access::Masked
            } else {
                Access::Denied
            }
        }
        FieldClass::VictimIdentity | FieldClass::Narrative if scope.victim_protected => {
            if knows_victim(identity, scope) || in_court {
                Access::Full
            } else if reads_restricted {
                Access::Masked
            } else {
                Access::Denied
            }
        }
        FieldClass::VictimIdentity | FieldClass::Narrative => {
            restricted(reads_restricted || in_court)
        }
        // In a protected FIR the diary repeats what identifies the victim: only those who
        // may see her identity read it.
        FieldClass::Investigative if scope.victim_protected => {
            restricted(knows_victim(identity, scope))
        }
        FieldClass::Investigative => {
            restricted(in_case_team(identity, scope) || supervises(identity, scope))
        }
    }
}

/// Whether the record's case is before the caller's court (a COURT caller whose unit holds
/// one of the courts) or a court the caller prosecutes in (a PROSECUTOR of that district).
fn before_callers_court(identity: &Identity, scope: &RecordScope<'_>) -> bool {
    let mut courts = scope.court_paths.iter();
    match identity.role {
        Role::Court => courts.any(|court| identity.unit.contains(court)),
        Role::Prosecutor => courts.any(|court| same_district(&identity.unit.path, court)),
        _ => false,
    }
}

/// Whether deciding for `principal` needs [`RecordScope::court_paths`]: only courts and
/// prosecutors are granted anything by where a case is tried, so others skip loading them.
pub fn needs_court_paths(principal: &Principal) -> bool {
    matches!(principal.role(), Some(Role::Court | Role::Prosecutor))
}

/// Whether deciding for `principal` needs [`RecordScope::io_officer_id`]: only an officer
/// on the roll can be a case's IO, so others skip loading the case.
pub fn needs_io(principal: &Principal) -> bool {
    principal.officer_id().is_some()
}

/// Why a person is kept out of person lists and searches for callers outside a case team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shield {
    /// An accused under 18 at the date of the offence (Juvenile Justice Act s.74): hidden
    /// from everyone outside the case team and supervisors over the station.
    ChildInConflictWithLaw,
    /// A victim of a sexual offence (BNS 72): hidden from everyone who may not see the
    /// victim's identity in that FIR.
    ProtectedVictim,
}

/// The FIRs on which a caller may still find a shielded person in lists and searches:
/// those owned by `station`, owned by a station under `subtree`, or investigated by
/// `io_officer`. Empty: none. A list query turns this into SQL; [`TeamReach::covers`]
/// is the same test on one record, and agrees with [`decide`] (tested).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamReach {
    /// The caller's own station, when the caller is on every case team there.
    pub station: Option<UnitRef>,
    /// The caller's subtree, when the caller supervises it.
    pub subtree: Option<UnitRef>,
    /// The caller's officer id: they are on the team of the cases they investigate.
    pub io_officer: Option<i64>,
}

impl TeamReach {
    /// Whether the FIR described by `scope` is inside this reach.
    pub fn covers(&self, scope: &RecordScope<'_>) -> bool {
        self.station
            .as_ref()
            .is_some_and(|s| s.path == scope.station_path)
            || self
                .subtree
                .as_ref()
                .is_some_and(|s| s.contains(scope.station_path))
            || (self.io_officer.is_some() && self.io_officer == scope.io_officer_id)
    }

    /// Whether the reach holds no FIR at all.
    pub fn is_empty(&self) -> bool {
        self.station.is_none() && self.subtree.is_none() && self.io_officer.is_none()
    }
}

/// Where `principal` may still find persons shielded by `shield` (see [`TeamReach`]).
pub fn shield_reach(principal: &Principal, shield: Shield) -> TeamReach {
    let Some(identity) = principal.identity.as_ref() else {
        return TeamReach::default();
    };
    // The owning station's officers on every case there: the SHO for a protected victim
    // (as in `decide`), any station role for a child; supervisors over their subtree; the
    // IO on their own cases.
    let on_station_team = match shield {
        Shield::ProtectedVictim => identity.role == Role::StationHouseOfficer,
        Shield::ChildInConflictWithLaw => identity.role.is_station_role(),
    };
    let unit_if = |granted: bool| granted.then(|| identity.unit.clone());
    TeamReach {
        station: unit_if(on_station_team),
        subtree: unit_if(identity.role == Role::Supervisor),
        io_officer: identity.officer_id,
    }
}

/// Whether the caller may read the audit log: auditors only (no other role, whatever its
/// rank or reach).
pub fn reads_audit_log(principal: &Principal) -> bool {
    principal.role() == Some(Role::Auditor)
}

/// Whose audit records an auditor may read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditReach {
    /// Every record, anonymous callers' and refused tokens' included: an auditor at the
    /// national root (`IN`).
    Everything,
    /// The records of actors serving inside the subtree at this materialised path.
    ActorsUnder(String),
}

/// Who may read the audit log, and how much of it (DOMAIN.md: "an auditor reads only
/// their subtree's records"): auditors only, each the records of the actors serving in
/// their own unit's subtree; at `IN`, every record. `None`: not at all. This is the one
/// place the rule is decided; `audit::query` turns it into SQL.
pub fn audit_reach(principal: &Principal) -> Option<AuditReach> {
    if !reads_audit_log(principal) {
        return None;
    }
    let unit = &principal.identity.as_ref()?.unit;
    let national = unit.path.split('/').filter(|s| !s.is_empty()).count() == 1;
    Some(if national {
        AuditReach::Everything
    } else {
        AuditReach::ActorsUnder(unit.path.clone())
    })
}

/// Whether `principal` may read the schema itself (introspection, `/schema.graphql`) in
/// production: police, analysts and administrators. Elsewhere everyone may.
pub fn explores_schema(principal: &Principal) -> bool {
    principal
        .role()
        .is_some_and(|role| role.is_police() || matches!(role, Role::Analyst | Role::Admin))
}

/// Whether lists may include FIRs whose header is not public (sexual offences): true for
/// the roles that read police-restricted data. Others get such FIRs only by id, when the
/// policy grants them the header (court/prosecutor on their case).
pub fn sees_sensitive_headers(principal: &Principal) -> bool {
    principal
        .role()
        .is_some_and(|role| role.is_police() || role == Role::Analyst)
}

fn restricted(reads_restricted: bool) -> Access {
    if reads_restricted {
        Access::Full
    } else {
        Access::Denied
    }
}

/// The case's investigating officer.
fn is_io(identity: &Identity, scope: &RecordScope<'_>) -> bool {
    identity.officer_id.is_some() && identity.officer_id == scope.io_officer_id
}

/// The officer in charge of the owning station.
fn is_owning_sho(identity: &Identity, scope: &RecordScope<'_>) -> bool {
    identity.role == Role::StationHouseOfficer && identity.unit.path == scope.station_path
}

/// The case team: the IO, and the owning station's officers.
fn in_case_team(identity: &Identity, scope: &RecordScope<'_>) -> bool {
    let at_station = identity.role.is_station_role() && identity.unit.path == scope.station_path;
    at_station || is_io(identity, scope)
}

/// The police who may know a protected victim: the case's IO, the owning station's SHO
/// and supervisors over the station (rank alone never unmasks her).
fn knows_victim(identity: &Identity, scope: &RecordScope<'_>) -> bool {
    is_io(identity, scope) || is_owning_sho(identity, scope) || supervises(identity, scope)
}

/// A supervisor whose subtree holds the owning station.
fn supervises(identity: &Identity, scope: &RecordScope<'_>) -> bool {
    identity.role == Role::Supervisor && identity.unit.contains(scope.station_path)
}

#[cfg(test)]
pub(crate) mod cost;
#[cfg(test)]
mod tests;

/// The federation scopes `principal` holds: what remote subgraphs' `@requiresScopes` are
/// matched against, and what the gateway-signed token tells a subgraph. Police roles hold
/// `police`; courts `court`; prosecutors `prosecution`; prisons `prison`; analysts
/// `analysis`; auditors `audit`; administrators `administration`; citizens and anonymous
/// callers none.
pub fn federation_scopes(principal: &Principal) -> &'static [&'static str] {
    match principal.role() {
        Some(role) if role.is_police() => &["police"],
        Some(Role::Court) => &["court"],
        Some(Role::Prosecutor) => &["prosecution"],
        Some(Role::Prison) => &["prison"],
        Some(Role::Analyst) => &["analysis"],
        Some(Role::Auditor) => &["audit"],
        Some(Role::Admin) => &["administration"],
        _ => &[],
    }
}
