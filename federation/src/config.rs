//! Which remote subgraphs the gateway composes, from `--subgraph NAME=URL` flags or the
//! `[[subgraphs]]` tables of a `cctns.toml` file.

use std::path::Path;
use std::time::Duration;

use serde::Deserialize;

/// Name under which the local graph appears in the supergraph.
pub const LOCAL_SUBGRAPH: &str = "cctns";

/// A claim of the caller's verified token that may be passed on to a subgraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Claim {
    /// The officer's or user's id.
    Sub,
    /// The caller's role (`STATION_OFFICER`, `COURT`, …).
    Role,
    /// The org unit where the caller serves.
    Unit,
    /// The officer's rank.
    Rank,
    /// The caller's display name.
    Name,
    /// The federation scopes the caller's role grants (`police`, `court`, …).
    Scope,
}

impl Claim {
    /// What a subgraph receives when its configuration names no claims: who is asking,
    /// in what role, from where, and with which scopes; not their name or rank.
    pub const DEFAULT: [Claim; 4] = [Claim::Sub, Claim::Role, Claim::Unit, Claim::Scope];
}

/// One remote subgraph.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubgraphConfig {
    /// Name in the supergraph (`forensic-lab`); lower case letters, digits and `-`.
    pub name: String,
    /// Its GraphQL-over-HTTP endpoint.
    pub url: String,
    /// Longest the gateway waits for one of its fetches.
    #[serde(default = "default_timeout", with = "millis", rename = "timeout_ms")]
    pub timeout: Duration,
    /// The verified claims its gateway-signed token carries.
    #[serde(default = "default_claims")]
    pub claims: Vec<Claim>,
    /// How the gateway subscribes to its subscriptions.
    #[serde(default)]
    pub subscriptions: SubscriptionTransport,
}

/// How the gateway subscribes to a remote subgraph's subscriptions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SubscriptionTransport {
    /// GraphQL over WebSocket (`graphql-transport-ws`) at the subgraph's URL (as `ws://` or
    /// `wss://`); the token goes in the `connection_init` payload as `authorization`.
    #[default]
    Websocket,
    /// An HTTP stream at the subgraph's URL (multipart or server-sent events, whichever it
    /// answers with); the token goes in the `Authorization` header.
    Http,
}

fn default_timeout() -> Duration {
    Duration::from_secs(5)
}

fn default_claims() -> Vec<Claim> {
    Claim::DEFAULT.to_vec()
}

mod millis {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer};

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        u64::deserialize(d).map(Duration::from_millis)
    }
}

/// The federation settings of one gateway.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FederationConfig {
    /// Remote subgraphs; none: the local graph is served directly.
    #[serde(default)]
    pub subgraphs: Vec<SubgraphConfig>,
    /// How often every remote `_service { sdl }` is fetched again and recomposed.
    #[serde(
        default = "default_refresh",
        with = "seconds",
        rename = "refresh_seconds"
    )]
    pub refresh: Duration,
    /// Lifetime of the tokens the gateway signs for subgraphs.
    #[serde(
        default = "default_token_ttl",
        with = "seconds",
        rename = "token_ttl_seconds"
    )]
    pub token_ttl: Duration,
    /// PEM file of the P-256 key the gateway signs subgraph tokens with (ES256). Without
    /// one a key is generated at start and lives as long as the process.
    #[serde(default)]
    pub signing_key: Option<std::path::PathBuf>,
}

fn default_refresh() -> Duration {
    Duration::from_secs(60)
}

fn default_token_ttl() -> Duration {
    Duration::from_secs(60)
}

mod seconds {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer};

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        u64::deserialize(d).map(Duration::from_secs)
    }
}

impl Default for FederationConfig {
    fn default() -> Self {
        Self {
            subgraphs: Vec::new(),
            refresh: default_refresh(),
            token_ttl: default_token_ttl(),
            signing_key: None,
        }
    }
}

/// A configuration the gateway refuses to start with.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid TOML of the expected shape.
    #[error("{path}: {message}")]
    Syntax {
        /// The file.
        path: String,
        /// What is wrong, with the line.
        message: String,
    },
    /// A subgraph entry is unusable.
    #[error("subgraph {name:?}: {message}")]
    Subgraph {
        /// The entry's name as given.
        name: String,
        /// What is wrong.
        message: String,
    },
}

/// The `[federation]` table and `[[subgraphs]]` array of a config file.
#[derive(Deserialize)]
struct File {
    #[serde(default)]
    federation: Option<FileFederation>,
    #[serde(default)]
    subgraphs: Vec<SubgraphConfig>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileFederation {
    #[serde(default)]
    refresh_seconds: Option<u64>,
    #[serde(default)]
    token_ttl_seconds: Option<u64>,
    #[serde(default)]
    signing_key: Option<std::path::PathBuf>,
}

impl FederationConfig {
    /// Reads the federation part of a `cctns.toml`; other tables are left to their owners.
    pub fn from_file(path: &Path) -> Result<Self, ConfigError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: shown.clone(),
            source,
        })?;
        let file: File = toml::from_str(&text).map_err(|e| ConfigError::Syntax {
            path: shown,
            message: e.to_string(),
        })?;
        let mut config = FederationConfig {
            subgraphs: file.subgraphs,
            ..Self::default()
        };
        if let Some(federation) = file.federation {
            if let Some(s) = federation.refresh_seconds {
                config.refresh = Duration::from_secs(s);
            }
            if let Some(s) = federation.token_ttl_seconds {
                config.token_ttl = Duration::from_secs(s);
            }
            config.signing_key = federation.signing_key;
        }
        config.check()?;
        Ok(config)
    }

    /// Adds the subgraphs given as `NAME=URL` on the command line (default timeout and
    /// claims); a name given twice is refused.
    pub fn with_flags(mut self, flags: &[String]) -> Result<Self, ConfigError> {
        for flag in flags {
            let (name, url) = flag.split_once('=').ok_or_else(|| ConfigError::Subgraph {
                name: flag.clone(),
                message: "expected NAME=URL".into(),
            })?;
            self.subgraphs.push(SubgraphConfig {
                name: name.trim().to_owned(),
                url: url.trim().to_owned(),
                timeout: default_timeout(),
                claims: default_claims(),
                subscriptions: SubscriptionTransport::default(),
            });
        }
        self.check()?;
        Ok(self)
    }

    /// Whether any remote subgraph is configured.
    pub fn is_federated(&self) -> bool {
        !self.subgraphs.is_empty()
    }

    fn check(&self) -> Result<(), ConfigError> {
        let mut seen = std::collections::HashSet::new();
        for subgraph in &self.subgraphs {
            let refuse = |message: &str| ConfigError::Subgraph {
                name: subgraph.name.clone(),
                message: message.to_owned(),
            };
            let name_ok = !subgraph.name.is_empty()
                && subgraph
                    .name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
            if !name_ok {
                return Err(refuse("names use lower case letters, digits, '-' and '_'"));
            }
            if subgraph.name == LOCAL_SUBGRAPH {
                return Err(refuse("the name 'cctns' is the local graph's"));
            }
            if !seen.insert(subgraph.name.as_str()) {
                return Err(refuse("configured twice"));
            }
            match subgraph.url.parse::<http::Uri>() {
                Ok(uri) if matches!(uri.scheme_str(), Some("http" | "https")) => {}
                _ => return Err(refuse("url must be an http:// or https:// address")),
            }
            if subgraph.timeout.is_zero() {
                return Err(refuse("timeout_ms must be above 0"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_and_file_agree() {
        let dir = std::env::temp_dir().join(format!("cctns-fed-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("cctns.toml");
        std::fs::write(
            &path,
            r#"
[federation]
refresh_seconds = 30

[[subgraphs]]
name = "forensic-lab"
url = "http://127.0.0.1:4001/graphql"
timeout_ms = 1500
claims = ["role", "scope"]
subscriptions = "http"
"#,
        )
        .unwrap();
        let config = FederationConfig::from_file(&path)
            .unwrap()
            .with_flags(&["e-prosecution=http://127.0.0.1:4002/graphql".into()])
            .unwrap();
        assert_eq!(config.refresh, Duration::from_secs(30));
        assert_eq!(config.subgraphs.len(), 2);
        assert_eq!(config.subgraphs[0].timeout, Duration::from_millis(1500));
        assert_eq!(config.subgraphs[0].claims, vec![Claim::Role, Claim::Scope]);
        assert_eq!(config.subgraphs[1].name, "e-prosecution");
        assert_eq!(config.subgraphs[1].claims, Claim::DEFAULT.to_vec());
        assert_eq!(
            config.subgraphs[0].subscriptions,
            SubscriptionTransport::Http
        );
        assert_eq!(
            config.subgraphs[1].subscriptions,
            SubscriptionTransport::Websocket
        );
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn bad_entries_are_refused() {
        let base = FederationConfig::default();
        for flag in [
            "no-equals-sign",
            "cctns=http://x/graphql",
            "Lab=http://x/graphql",
            "lab=ftp://x/graphql",
        ] {
            assert!(
                base.clone().with_flags(&[flag.into()]).is_err(),
                "{flag} accepted"
            );
        }
        let twice = ["lab=http://a/graphql".into(), "lab=http://b/graphql".into()];
        assert!(base.with_flags(&twice).is_err());
    }
}
