//! Apollo automatic persisted queries, kept per caller.
//!
//! A client may send a document's SHA-256 instead of its text once it has sent the text
//! with that hash. The documents are remembered per caller (the token's `sub`, role and
//! unit; an anonymous caller by network address): a hash one caller registered is
//! unknown to every other, so `PersistedQueryNotFound` never tells a caller what anyone
//! else has run (issue 18, item 11). [`crate::admission`] runs the protocol before the
//! document is checked, over a cache whose keys carry the caller.

use std::sync::Arc;

use async_graphql::extensions::apollo_persisted_queries::{CacheStorage, LruCacheStorage};
use async_graphql::parser::types::ExecutableDocument;
use async_graphql::{Request, ServerError, ServerResult};
use sha2::{Digest, Sha256};

use crate::context::RequestContext;

/// The documents of every caller, one cache shared by the process, each entry keyed by
/// its caller and hash.
pub(crate) struct PersistedDocuments {
    cache: LruCacheStorage,
}

/// `extensions.persistedQuery` of an Apollo request.
#[derive(serde::Deserialize)]
struct PersistedQuery {
    version: i32,
    #[serde(rename = "sha256Hash")]
    sha256_hash: String,
}

impl PersistedDocuments {
    /// Remembers at most `capacity` documents in all.
    pub(crate) fn new(capacity: usize) -> Self {
        Self {
            cache: LruCacheStorage::new(capacity),
        }
    }

    /// Runs the protocol for `request` from `caller`: a document sent by hash alone is
    /// found among the caller's (`PersistedQueryNotFound` otherwise); a document sent
    /// with its hash is checked against it and remembered. Either way the request leaves
    /// with its document parsed. The messages are Apollo's (and async-graphql's), which
    /// clients match on.
    pub(crate) async fn resolve(
        &self,
        mut request: Request,
        caller: &RequestContext,
    ) -> ServerResult<Request> {
        let Some(value) = request.extensions.remove("persistedQuery") else {
            return Ok(request);
        };
        let persisted: PersistedQuery = async_graphql::from_value(value).map_err(|_| {
            ServerError::new("Invalid \"PersistedQuery\" extension configuration.", None)
        })?;
        if persisted.version != 1 {
            return Err(ServerError::new(
                format!(
                    "Only the \"PersistedQuery\" extension of version \"1\" is supported, and the current version is \"{}\".",
                    persisted.version
                ),
                None,
            ));
        }
        let storage = CallerCache {
            cache: self.cache.clone(),
            caller: caller_key(caller).into(),
        };
        if request.query.is_empty() {
            let document = storage
                .get(persisted.sha256_hash)
                .await
                .ok_or_else(|| ServerError::new("PersistedQueryNotFound", None))?;
            request.set_parsed_query(document);
            return Ok(request);
        }
        let hash = format!("{:x}", Sha256::digest(request.query.as_bytes()));
        if persisted.sha256_hash != hash {
            return Err(ServerError::new("provided sha does not match query", None));
        }
        let document = request.parsed_query()?.clone();
        storage.set(hash, document).await;
        Ok(request)
    }
}

/// Who a request's documents belong to: an identified caller by `sub`, role and unit; an
/// anonymous one by network address (callers behind one address cannot be told apart).
fn caller_key(context: &RequestContext) -> String {
    match &context.principal.identity {
        Some(identity) => format!(
            "sub:{}\u{1f}{}\u{1f}{}",
            identity.sub,
            identity.role.as_claim(),
            identity.unit.code
        ),
        None => format!(
            "anonymous:{}",
            context.client_addr.as_deref().unwrap_or("unknown")
        ),
    }
}

/// The shared cache as one caller sees it.
#[derive(Clone)]
struct CallerCache {
    cache: LruCacheStorage,
    caller: Arc<str>,
}

impl CallerCache {
    fn key(&self, hash: String) -> String {
        format!("{}\u{1e}{hash}", self.caller)
    }

    async fn get(&self, hash: String) -> Option<ExecutableDocument> {
        self.cache.get(self.key(hash)).await
    }

    async fn set(&self, hash: String, document: ExecutableDocument) {
        self.cache.set(self.key(hash), document).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Principal;

    fn context(principal: Principal, client: Option<&str>) -> RequestContext {
        let db = sea_orm::DatabaseConnection::default();
        let (mut context, _) = RequestContext::new(db, principal);
        context.client_addr = client.map(str::to_owned);
        context
    }

    #[tokio::test]
    async fn a_document_is_found_only_by_the_caller_who_sent_it() {
        let shared = LruCacheStorage::new(10);
        let scoped = |context: &RequestContext| CallerCache {
            cache: shared.clone(),
            caller: caller_key(context).into(),
        };
        let here = scoped(&context(Principal::anonymous(), Some("10.0.0.1")));
        let there = scoped(&context(Principal::anonymous(), Some("10.0.0.2")));
        let document = async_graphql::parser::parse_query("{ __typename }").unwrap();
        here.set("h".into(), document).await;
        assert!(here.get("h".into()).await.is_some());
        assert!(there.get("h".into()).await.is_none());
    }
}
