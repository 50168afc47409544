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
        // A configured issuer or audience must be present, not merely right when present.
        let mut required = vec!["exp"];
        match &jwt.jwt_audience {
            Some(aud) => {
                validation.set_audience(&[aud]);
                required.push("aud");
            }
            None => validation.validate_aud = false,
        }
        if let Some(iss) = &jwt.jwt_issuer {
            validation.set_issuer(&[iss]);
            required.push("iss");
        }
        validation.set_required_spec_claims(&required);
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

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use serde_json::json;

    use super::*;

    const SECRET: &str = "unit-test-secret";

    fn fixture(name: &str) -> PathBuf {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures")).join(name)
    }

    fn jwt(
        secret: Option<&str>,
        public_key: Option<&str>,
        iss: Option<&str>,
        aud: Option<&str>,
    ) -> JwtArgs {
        JwtArgs {
            jwt_secret: secret.map(|s| s.parse().unwrap()),
            jwt_public_key: public_key.map(fixture),
            jwt_issuer: iss.map(str::to_owned),
            jwt_audience: aud.map(str::to_owned),
        }
    }

    fn now() -> i64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64
    }

    fn claims(extra: serde_json::Value) -> serde_json::Value {
        let mut base = json!({ "sub": "MH-PUN-PS001.sho", "role": "STATION_HOUSE_OFFICER", "unit": "MH-PUN-PS001", "exp": now() + 600 });
        base.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        base
    }

    fn sign(alg: Algorithm, key: &EncodingKey, claims: &serde_json::Value) -> String {
        jsonwebtoken::encode(&Header::new(alg), claims, key).unwrap()
    }

    fn hs(claims: &serde_json::Value, secret: &str) -> String {
        sign(
            Algorithm::HS256,
            &EncodingKey::from_secret(secret.as_bytes()).unwrap(),
            claims,
        )
    }

    #[test]
    fn hs256_accepts_good_and_refuses_bad_tokens() {
        let verifier = Verifier::from_config(
            &jwt(Some(SECRET), None, None, None),
            Environment::Production,
        )
        .unwrap();
        assert!(verifier.verify(&hs(&claims(json!({})), SECRET)).is_ok());
        assert!(
            verifier
                .verify(&hs(&claims(json!({})), "another-secret"))
                .is_err(),
            "wrong key"
        );
        assert!(
            verifier
                .verify(&hs(&claims(json!({ "exp": now() - 120 })), SECRET))
                .is_err(),
            "expired"
        );
        assert!(
            verifier
                .verify(&hs(&claims(json!({ "exp": now() - 10 })), SECRET))
                .is_ok(),
            "within leeway"
        );
        assert!(
            verifier
                .verify(&hs(&claims(json!({ "nbf": now() + 600 })), SECRET))
                .is_err(),
            "not yet valid"
        );
        let mut no_exp = claims(json!({}));
        no_exp.as_object_mut().unwrap().remove("exp");
        assert!(
            verifier.verify(&hs(&no_exp, SECRET)).is_err(),
            "exp is required"
        );
        let none = format!(
            "{}.{}.",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#),
            URL_SAFE_NO_PAD.encode(claims(json!({})).to_string())
        );
        assert!(verifier.verify(&none).is_err(), "alg none");
    }

    #[test]
    fn issuer_and_audience_are_checked_when_configured() {
        let verifier = Verifier::from_config(
            &jwt(Some(SECRET), None, Some("cctns-idp"), Some("cctns-gateway")),
            Environment::Production,
        )
        .unwrap();
        let good = claims(json!({ "iss": "cctns-idp", "aud": "cctns-gateway" }));
        assert!(verifier.verify(&hs(&good, SECRET)).is_ok());
        assert!(
            verifier
                .verify(&hs(
                    &claims(json!({ "iss": "evil", "aud": "cctns-gateway" })),
                    SECRET
                ))
                .is_err()
        );
        assert!(
            verifier
                .verify(&hs(
                    &claims(json!({ "iss": "cctns-idp", "aud": "other" })),
                    SECRET
                ))
                .is_err()
        );
        assert!(
            verifier.verify(&hs(&claims(json!({})), SECRET)).is_err(),
            "missing iss/aud"
        );
    }

    #[test]
    fn public_keys_pin_their_algorithm_and_refuse_hs_confusion() {
        let rsa = Verifier::from_config(
            &jwt(None, Some("rsa_public.pem"), None, None),
            Environment::Production,
        )
        .unwrap();
        let rsa_key =
            EncodingKey::from_rsa_pem(&std::fs::read(fixture("rsa_private.pem")).unwrap()).unwrap();
        assert!(
            rsa.verify(&sign(Algorithm::RS256, &rsa_key, &claims(json!({}))))
                .is_ok()
        );
        // HS256 signed with the public key as the shared secret: the classic confusion attack.
        let public_pem = std::fs::read_to_string(fixture("rsa_public.pem")).unwrap();
        assert!(rsa.verify(&hs(&claims(json!({})), &public_pem)).is_err());

        let ec = Verifier::from_config(
            &jwt(None, Some("ec_public.pem"), None, None),
            Environment::Production,
        )
        .unwrap();
        let ec_key =
            EncodingKey::from_ec_pem(&std::fs::read(fixture("ec_private.pem")).unwrap()).unwrap();
        assert!(
            ec.verify(&sign(Algorithm::ES256, &ec_key, &claims(json!({}))))
                .is_ok()
        );
        assert!(
            ec.verify(&sign(Algorithm::RS256, &rsa_key, &claims(json!({}))))
                .is_err()
        );
    }

    #[test]
    fn production_refuses_to_start_without_a_key() {
        assert!(
            Verifier::from_config(&jwt(None, None, None, None), Environment::Production).is_err()
        );
        assert!(
            Verifier::from_config(&jwt(None, None, None, None), Environment::Development).is_ok()
        );
    }
}
