//! The gateway's own identity towards subgraphs: a P-256 key that signs short-lived ES256
//! tokens carrying the caller's verified claims, and its public half as a JWK set.
//!
//! A subgraph never sees the client's token; it sees one of these, addressed to it
//! (`aud` is the subgraph's name) and valid for [`crate::FederationConfig::token_ttl`].

use std::path::Path;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey, LineEnding};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

/// Issuer of every token the gateway signs for subgraphs.
pub const ISSUER: &str = "cctns-gateway";

/// The signing key and what is published about it.
pub struct Signer {
    key: EncodingKey,
    kid: String,
    jwks: Value,
    ttl: Duration,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signer").field("kid", &self.kid).finish()
    }
}

impl Signer {
    /// Loads the PEM (PKCS#8) P-256 key at `path`, or generates one when there is none.
    pub fn load_or_generate(path: Option<&Path>, ttl: Duration) -> anyhow::Result<Self> {
        let secret = match path {
            Some(path) => {
                let pem = std::fs::read_to_string(path)
                    .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
                p256::SecretKey::from_pkcs8_pem(&pem).map_err(|e| {
                    anyhow::anyhow!("{} is not a PKCS#8 P-256 key: {e}", path.display())
                })?
            }
            None => p256::SecretKey::random(&mut rand_core::OsRng),
        };
        Self::from_secret(&secret, ttl)
    }

    fn from_secret(secret: &p256::SecretKey, ttl: Duration) -> anyhow::Result<Self> {
        let pem = secret
            .to_pkcs8_pem(LineEnding::LF)
            .map_err(|e| anyhow::anyhow!("encoding the signing key: {e}"))?;
        let key = EncodingKey::from_ec_pem(pem.as_bytes())?;
        let point = secret.public_key().to_encoded_point(false);
        let (Some(x), Some(y)) = (point.x(), point.y()) else {
            anyhow::bail!("the signing key has no affine coordinates");
        };
        let x = URL_SAFE_NO_PAD.encode(x);
        let y = URL_SAFE_NO_PAD.encode(y);
        // RFC 7638 thumbprint: the required members in lexicographic order.
        let thumbprint = format!(r#"{{"crv":"P-256","kty":"EC","x":"{x}","y":"{y}"}}"#);
        let kid = URL_SAFE_NO_PAD.encode(Sha256::digest(thumbprint.as_bytes()));
        let jwks = json!({ "keys": [{
            "kty": "EC", "crv": "P-256", "x": x, "y": y,
            "use": "sig", "alg": "ES256", "kid": kid,
        }]});
        Ok(Self {
            key,
            kid,
            jwks,
            ttl,
        })
    }

    /// The public keys, as served at `/.well-known/jwks.json`.
    pub fn jwks(&self) -> &Value {
        &self.jwks
    }

    /// A token for subgraph `audience` carrying `claims` (already limited to what that
    /// subgraph may receive), issued now and expiring after the configured lifetime.
    pub fn sign(&self, audience: &str, mut claims: Map<String, Value>) -> String {
        let now = chrono::Utc::now().timestamp();
        claims.insert("iss".into(), ISSUER.into());
        claims.insert("aud".into(), audience.into());
        claims.insert("iat".into(), now.into());
        claims.insert("exp".into(), (now + self.ttl.as_secs() as i64).into());
        let mut header = Header::new(Algorithm::ES256);
        header.kid = Some(self.kid.clone());
        // Signing a JSON map with a valid key cannot fail.
        jsonwebtoken::encode(&header, &claims, &self.key).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use jsonwebtoken::{DecodingKey, Validation, jwk::JwkSet};

    use super::*;

    #[test]
    fn tokens_verify_against_the_published_key_only() {
        let signer = Signer::load_or_generate(None, Duration::from_secs(60)).unwrap();
        let mut claims = Map::new();
        claims.insert("role".into(), "INVESTIGATING_OFFICER".into());
        let token = signer.sign("forensic-lab", claims);

        let set: JwkSet = serde_json::from_value(signer.jwks().clone()).unwrap();
        let key = DecodingKey::from_jwk(&set.keys[0]).unwrap();
        let mut validation = Validation::new(Algorithm::ES256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&["forensic-lab"]);
        let data = jsonwebtoken::decode::<Map<String, Value>>(&token, &key, &validation).unwrap();
        assert_eq!(data.claims["role"], "INVESTIGATING_OFFICER");

        validation.set_audience(&["e-prosecution"]);
        assert!(jsonwebtoken::decode::<Map<String, Value>>(&token, &key, &validation).is_err());

        let other = Signer::load_or_generate(None, Duration::from_secs(60)).unwrap();
        let set: JwkSet = serde_json::from_value(other.jwks().clone()).unwrap();
        let stranger = DecodingKey::from_jwk(&set.keys[0]).unwrap();
        validation.set_audience(&["forensic-lab"]);
        assert!(
            jsonwebtoken::decode::<Map<String, Value>>(&token, &stranger, &validation).is_err()
        );
    }
}
