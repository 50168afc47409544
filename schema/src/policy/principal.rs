//! Who is asking: the verified identity of a caller, as the policy sees it.

use async_graphql::Enum;

/// A caller's role, from the `role` claim of a verified token (CONTRACT.md, "Identity").
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum Role {
    /// A member of the public.
    Citizen,
    /// Constable, head constable or operator at a station.
    StationOfficer,
    /// An ASI/SI/Inspector assigned as investigating officer.
    InvestigatingOfficer,
    /// The officer in charge of a station.
    StationHouseOfficer,
    /// DSP, SP, DIG, IG, DGP: supervises a unit's subtree.
    Supervisor,
    /// NCRB/SCRB crime analyst.
    Analyst,
    /// An e-Courts system or court staff.
    Court,
    /// A public prosecutor.
    Prosecutor,
    /// An e-Prisons system or prison staff.
    Prison,
    /// Vigilance or audit.
    Auditor,
    /// A system administrator (org units, officers, reference data; no case data).
    Admin,
}

impl Role {
    /// Every role, in contract order.
    pub const ALL: [Role; 11] = [
        Role::Citizen,
        Role::StationOfficer,
        Role::InvestigatingOfficer,
        Role::StationHouseOfficer,
        Role::Supervisor,
        Role::Analyst,
        Role::Court,
        Role::Prosecutor,
        Role::Prison,
        Role::Auditor,
        Role::Admin,
    ];

    /// The claim value, e.g. `STATION_HOUSE_OFFICER`.
    pub fn as_claim(self) -> &'static str {
        match self {
            Role::Citizen => "CITIZEN",
            Role::StationOfficer => "STATION_OFFICER",
            Role::InvestigatingOfficer => "INVESTIGATING_OFFICER",
            Role::StationHouseOfficer => "STATION_HOUSE_OFFICER",
            Role::Supervisor => "SUPERVISOR",
            Role::Analyst => "ANALYST",
            Role::Court => "COURT",
            Role::Prosecutor => "PROSECUTOR",
            Role::Prison => "PRISON",
            Role::Auditor => "AUDITOR",
            Role::Admin => "ADMIN",
        }
    }

    /// Parses a claim value; `None` for anything not in the contract.
    pub fn from_claim(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_claim() == value)
    }

    /// The roles posted at a police station (constable to SHO): on the team of every case
    /// of their own station.
    pub fn is_station_role(self) -> bool {
        matches!(
            self,
            Role::StationOfficer | Role::InvestigatingOfficer | Role::StationHouseOfficer
        )
    }

    /// Police roles: they read police-restricted data everywhere.
    pub fn is_police(self) -> bool {
        matches!(
            self,
            Role::StationOfficer
                | Role::InvestigatingOfficer
                | Role::StationHouseOfficer
                | Role::Supervisor
        )
    }
}

/// The org unit a caller serves in, resolved from the token's `unit` claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRef {
    /// Database id of the unit.
    pub id: i64,
    /// The unit's stable code (`MH`, `MH-PUN-PS001`, …).
    pub code: String,
    /// Materialised path of codes, `/IN/MH/…/`; a unit's reach is every path it prefixes.
    pub path: String,
}

impl UnitRef {
    /// Whether `path` (another unit's materialised path) lies inside this unit's subtree.
    pub fn contains(&self, path: &str) -> bool {
        path.starts_with(&self.path)
    }
}

/// A verified caller. Built once per request by the transport from a verified token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// `None` for an anonymous caller (no token): public data only.
    pub identity: Option<Identity>,
}

/// The verified claims of an authenticated caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The `sub` claim: officer login id or citizen user id.
    pub sub: String,
    /// The caller's role.
    pub role: Role,
    /// Where the caller serves.
    pub unit: UnitRef,
    /// The officer record matching `sub`, when the caller is an officer on the roll.
    pub officer_id: Option<i64>,
    /// The `rank` claim, if any (informational: rank alone never unmasks anything).
    pub rank: Option<String>,
    /// The `name` claim, if any.
    pub name: Option<String>,
    /// When the token expires (its `exp` claim).
    pub expires_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Test builds only: every decision for this identity is `Full`, without evaluating a
    /// rule (the baseline of the policy-cost benchmark, `policy::cost`). No token can
    /// produce it: the field does not exist outside the schema crate's own tests.
    #[cfg(test)]
    pub(crate) unrestricted: bool,
}

impl Principal {
    /// The anonymous caller.
    pub fn anonymous() -> Self {
        Self { identity: None }
    }

    /// The caller's role, if authenticated.
    pub fn role(&self) -> Option<Role> {
        self.identity.as_ref().map(|i| i.role)
    }

    /// The caller's officer record, when they are an officer on the roll.
    pub fn officer_id(&self) -> Option<i64> {
        self.identity.as_ref().and_then(|i| i.officer_id)
    }
}
