//! Apollo automatic persisted queries, kept per caller.
//!
//! A client may send a document's SHA-256 instead of its text once it has sent the text
//! with that hash. The documents are remembered per caller (the token's `sub`, role and
//! unit; an anonymous caller by network address): a hash one caller registered is
//! unknown to every other, so `PersistedQueryNotFound` never tells a caller what anyone
//! else has run (issue 18, item 11). The protocol itself is async-graphql's
//! [`ApolloPersistedQueries`], run over a cache whose keys carry the caller.

use std::any::TypeId;
use std::sync::Arc;

use async_graphql::extensions::apollo_persisted_queries::{
    ApolloPersistedQueries, CacheStorage, LruCacheStorage,
};
use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextPrepareRequest,
};
use async_graphql::parser::types::ExecutableDocument;
use async_graphql::{Data, Request, ServerResult};

use crate::context::RequestContext;

/// The extension factory: one cache of documents shared by the process, each entry
/// keyed by its caller and hash.
pub(crate) struct CallerPersistedQueries {
    cache: LruCacheStorage,
}

impl CallerPersistedQueries {
    /// Remembers at most `capacity` documents in all.
    pub(crate) fn new(capacity: usize) -> Self {
        Self {
            cache: LruCacheStorage::new(capacity),
        }
    }
}

impl ExtensionFactory for CallerPersistedQueries {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(PerCaller {
            cache: self.cache.clone(),
        })
    }
}

struct PerCaller {
    cache: LruCacheStorage,
}

#[async_graphql::async_trait::async_trait]
impl Extension for PerCaller {
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        let storage = CallerCache {
            cache: self.cache.clone(),
            caller: caller_key(&request.data).into(),
        };
        ApolloPersistedQueries::new(storage)
            .create()
            .prepare_request(ctx, request, next)
            .await
    }
}

/// Who a request's documents belong to: an identified caller by `sub`, role and unit; an
/// anonymous one by network address (callers behind one address cannot be told apart).
fn caller_key(data: &Data) -> String {
    let context = data
        .get(&TypeId::of::<RequestContext>())
        .and_then(|context| context.downcast_ref::<RequestContext>());
    let Some(context) = context else {
        return "unattached".to_owned();
    };
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
}

#[async_graphql::async_trait::async_trait]
impl CacheStorage for CallerCache {
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

    fn context_data(principal: Principal, client: Option<&str>) -> Data {
        let db = sea_orm::DatabaseConnection::default();
        let (mut context, _) = RequestContext::new(db, principal);
        context.client_addr = client.map(str::to_owned);
        let mut data = Data::default();
        data.insert(context);
        data
    }

    #[tokio::test]
    async fn a_document_is_found_only_by_the_caller_who_sent_it() {
        let shared = LruCacheStorage::new(10);
        let scoped = |data: &Data| CallerCache {
            cache: shared.clone(),
            caller: caller_key(data).into(),
        };
        let here = scoped(&context_data(Principal::anonymous(), Some("10.0.0.1")));
        let there = scoped(&context_data(Principal::anonymous(), Some("10.0.0.2")));
        let document = async_graphql::parser::parse_query("{ __typename }").unwrap();
        here.set("h".into(), document).await;
        assert!(here.get("h".into()).await.is_some());
        assert!(there.get("h".into()).await.is_none());
        assert_eq!(caller_key(&Data::default()), "unattached");
    }
}
