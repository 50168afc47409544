//! From verified token claims to a [`Principal`].
//!
//! The transport verifies the token's signature and times; this module checks what only
//! the database knows: that the `unit` names a known org unit, and which officer `sub` is.

use entities::enums::UnitKind;
use entities::{officer, org_unit};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::policy::{Identity, Principal, Role, UnitRef};

/// The claims of a CCTNS token (CONTRACT.md, "Identity").
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    /// Officer or user id.
    pub sub: String,
    /// One of the contract roles.
    pub role: String,
    /// Code of the org unit where the caller serves.
    pub unit: String,
    /// Rank, if the caller is an officer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<String>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Expiry (seconds since the epoch).
    pub exp: i64,
    /// Issued at (seconds since the epoch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iat: Option<i64>,
    /// Not before (seconds since the epoch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<i64>,
    /// Issuer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iss: Option<String>,
    /// Audience.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aud: Option<String>,
}

fn unauthenticated(message: &str) -> ApiError {
    ApiError::new(ErrorCode::Unauthenticated, message)
}

/// Whether `role` may serve at a unit of `kind` (DOMAIN.md, "Roles are bound to unit
/// kinds"): station roles at a police station; supervisors at a sub-division, district,
/// state or the national root; courts, prosecutors and prisons at their own kind of unit;
/// analysts, auditors and administrators at a state or the national root. A citizen's
/// unit only says where they live.
pub fn serves_at(role: Role, kind: UnitKind) -> bool {
    use UnitKind::*;
    match role {
        Role::Citizen => true,
        Role::StationOfficer | Role::InvestigatingOfficer | Role::StationHouseOfficer => {
            kind == PoliceStation
        }
        Role::Supervisor => matches!(kind, Subdivision | District | State | National),
        Role::Court => kind == Court,
        Role::Prosecutor => kind == ProsecutionOffice,
        Role::Prison => kind == Prison,
        Role::Analyst | Role::Auditor | Role::Admin => matches!(kind, State | National),
    }
}

/// Builds the principal for verified `claims`; `UNAUTHENTICATED` if the role is not a
/// contract role, the unit is unknown, or the role does not serve at that kind of unit.
pub async fn resolve_principal(db: &DatabaseConnection, claims: &Claims) -> ApiResult<Principal> {
    let role = Role::from_claim(&claims.role).ok_or_else(|| unauthenticated("unknown role"))?;
    let unit = org_unit::Entity::find()
        .filter(org_unit::Column::Code.eq(&claims.unit))
        .one(db)
        .await?
        .ok_or_else(|| unauthenticated("unknown unit"))?;
    if !serves_at(role, unit.kind) {
        return Err(unauthenticated(
            "this role does not serve at this kind of unit",
        ));
    }
    // The officer is recognised by the roll of the token's own unit, and only for police
    // roles: a token's `sub` alone never makes anyone a case's IO.
    let officer_id = if role.is_police() {
        officer::Entity::find()
            .filter(officer::Column::LoginId.eq(&claims.sub))
            .filter(officer::Column::UnitId.eq(unit.id))
            .filter(officer::Column::Active.eq(true))
            .one(db)
            .await?
            .map(|o| o.id)
    } else {
        None
    };
    Ok(Principal {
        identity: Some(Identity {
            sub: claims.sub.clone(),
            role,
            unit: UnitRef {
                id: unit.id,
                code: unit.code,
                path: unit.path,
            },
            officer_id,
            rank: claims.rank.clone(),
            name: claims.name.clone(),
            expires_at: chrono::DateTime::from_timestamp(claims.exp, 0),
            #[cfg(test)]
            unrestricted: false,
        }),
    })
}
