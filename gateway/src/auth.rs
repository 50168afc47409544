//! Token verification and (for development) minting.
//!
//! The algorithm is pinned by configuration, never taken from the token: HS256 with
//! `CCTNS_JWT_SECRET`, or RS256/ES256 with the PEM key in `CCTNS_JWT_PUBLIC_KEY` (the key
//! type decides which). `alg: none` and HS/RS confusion are refused by construction.
//! `exp` is required; `nbf`, `iss` and `aud` are checked when configured or present.

use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Context as _;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use schema::identity::Claims;

use crate::config::{Environment, JwtArgs, Secret};

/// Used only in development when no secret is configured, so the README's first command
/// works out of the box. Production refuses to start without a configured key.
const DEVELOPMENT_SECRET: &str = "cctns-development-only-secret-do-not-deploy";

/// Clock skew tolerated on `exp` and `nbf`, in seconds.
const LEEWAY_SECONDS: u64 = 30;

/// Verifies bearer tokens.
pub struct Verifier {
    key: DecodingKey,
    validation: Validation,
}

/// Why a token was refused (logged; the client only sees `UNAUTHENTICATED`).
#[derive(Debug)]
pub struct InvalidToken(pub String);

impl Verifier {
    /// Builds the verifier the configuration asks for.
    pub fn from_config(jwt: &JwtArgs, environment: Environment) -> anyhow::Result<Self> {
        let (key, algorithm) = match (&jwt.jwt_public_key, &jwt.jwt_secret) {
            (Some(path), _) => {
                let pem = std::fs::read(path).with_context(|| {
                    format!("cannot read CCTNS_JWT_PUBLIC_KEY {}", path.display())
                })?;
                if let Ok(key) = DecodingKey::from_rsa_pem(&pem) {
                    (key, Algorithm::RS256)
                } else {
                    let key = DecodingKey::from_ec_pem(&pem).with_context(|| {
                        format!(
                            "{} is neither an RSA nor an EC public key in PEM",
                            path.display()
                        )
                    })?;
                    (key, Algorithm::ES256)
                }
            }
            (None, secret) => {
                let secret = signing_secret(secret.as_ref(), environment)?;
                (DecodingKey::from_secret(secret.expose())?, Algorithm::HS256)
            }
        };
        let mut validation = Validation::new(algorithm);
        validation.leeway = LEEWAY_SECONDS;
        validation.validate_exp = true;
        validation.validate_nbf = true;
        validation.set_required_spec_claims(&["exp"]);
        match &jwt.jwt_audience {
            Some(aud) => validation.set_audience(&[aud]),
            None => validation.validate_aud = false,
        }
        if let Some(iss) = &jwt.jwt_issuer {
            validation.set_issuer(&[iss]);
        }
        Ok(Self { key, validation })
    }

    /// Verifies `token` and returns its claims.
    pub fn verify(&self, token: &str) -> Result<Claims, InvalidToken> {
        jsonwebtoken::decode::<Claims>(token, &self.key, &self.validation)
            .map(|data| data.claims)
            .map_err(|e| InvalidToken(e.to_string()))
    }
}

/// The HS256 secret: the configured one, or the development fallback outside production.
pub fn signing_secret(
    configured: Option<&Secret>,
    environment: Environment,
) -> anyhow::Result<Secret> {
    match (configured, environment) {
        (Some(secret), _) => Ok(secret.clone()),
        (None, Environment::Development) => {
            tracing::warn!("CCTNS_JWT_SECRET not set: using the development-only secret");
            Ok(DEVELOPMENT_SECRET.parse().expect("infallible"))
        }
        (None, Environment::Production) => anyhow::bail!(
            "production needs CCTNS_JWT_SECRET or CCTNS_JWT_PUBLIC_KEY to verify tokens"
        ),
    }
}

/// What a minted token says.
#[derive(Debug, Clone)]
pub struct TokenRequest {
    /// `sub`.
    pub sub: String,
    /// `role` claim value.
    pub role: String,
    /// `unit` claim value.
    pub unit: String,
    /// Optional `rank`.
    pub rank: Option<String>,
    /// Optional `name`.
    pub name: Option<String>,
    /// Lifetime in seconds.
    pub ttl_seconds: u64,
    /// `iss`, when configured.
    pub issuer: Option<String>,
    /// `aud`, when configured.
    pub audience: Option<String>,
}

/// Mints an HS256 token (development and tests).
pub fn mint(secret: &Secret, request: &TokenRequest) -> anyhow::Result<String> {
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs() as i64;
    let claims = Claims {
        sub: request.sub.clone(),
        role: request.role.clone(),
        unit: request.unit.clone(),
        rank: request.rank.clone(),
        name: request.name.clone(),
        exp: now + request.ttl_seconds as i64,
        iat: Some(now),
        nbf: None,
        iss: request.issuer.clone(),
        aud: request.audience.clone(),
    };
    let key = EncodingKey::from_secret(secret.expose())?;
    Ok(jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &key,
    )?)
}
