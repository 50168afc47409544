//! From verified token claims to a [`Principal`].
//!
//! The transport verifies the token's signature and times; this module checks what only
//! the database knows: that the `unit` names a known org unit, and which officer `sub` is.

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

/// Builds the principal for verified `claims`; `UNAUTHENTICATED` if the role is not a
/// contract role or the unit is unknown.
pub async fn resolve_principal(db: &DatabaseConnection, claims: &Claims) -> ApiResult<Principal> {
    let role = Role::from_claim(&claims.role).ok_or_else(|| unauthenticated("unknown role"))?;
    let unit = org_unit::Entity::find()
        .filter(org_unit::Column::Code.eq(&claims.unit))
        .one(db)
        .await?
        .ok_or_else(|| unauthenticated("unknown unit"))?;
    let officer_id = if role == Role::Citizen {
        None
    } else {
        officer::Entity::find()
            .filter(officer::Column::LoginId.eq(&claims.sub))
            .one(db)
            .await?
            .map(|o| o.id)
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
            #[cfg(test)]
            unrestricted: false,
        }),
    })
}
