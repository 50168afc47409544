//! The CCTNS GraphQL schema: types, queries, loaders, the access policy and domain rules.
//!
//! This crate knows nothing of HTTP. A transport builds a [`RequestContext`] per request
//! (with the caller's verified [`policy::Principal`]) and executes it through [`Graph`].
//!
//! Module map:
//!
//! - the request: [`Graph`] (below), `admission` (size, `persisted` documents, `written`
//!   text, [`limits`], `posture`), [`context`] (what resolvers reach), [`loader`]
//!   (per-request batching, one statement per level), [`pagination`], [`error`] (the
//!   contract's codes);
//! - who sees what: [`identity`] (token claims to a principal), [`policy`] (every field and
//!   write decision), [`ids`] (opaque ids), [`audit`] (the hash-chained trail);
//! - the domain, one folder each, with its types, loaders and mutations: [`org`], [`fir`],
//!   [`people`], [`investigation`], [`courts`], [`prisons`], [`complaints`], [`registers`];
//! - across the domain: [`search`] (national searches), [`statistics`] (reports),
//!   [`events`] (the outbox, the hub, subscriptions), [`write`] (one transaction per
//!   mutation with its events and audit), [`node`] (`node(id)`, federation entities),
//!   [`operations`] (the safelist), [`enums`], [`db`] (the pool).

mod admission;
pub mod audit;
pub mod complaints;
pub mod context;
pub mod courts;
pub mod db;
pub mod enums;
pub mod error;
pub mod events;
#[cfg(test)]
mod field_cost;
pub mod fir;
pub mod identity;
pub mod ids;
pub mod investigation;
pub mod limits;
pub mod loader;
pub mod me;
pub mod node;
pub mod operations;
pub mod org;
pub mod pagination;
pub mod people;
mod persisted;
pub mod policy;
mod posture;
pub mod prisons;
pub mod registers;
pub mod search;
pub mod statistics;
pub mod write;
mod written;

use async_graphql::{MergedObject, SDLExportOptions, Schema, SchemaBuilder};

pub use context::RequestContext;
pub use limits::QueryLimits;

/// The root query: every domain's queries, merged.
#[derive(MergedObject, Default)]
pub struct Query(
    org::OrgQuery,
    fir::FirQuery,
    fir::ModusOperandiQuery,
    people::PeopleQuery,
    investigation::InvestigationQuery,
    courts::CourtQuery,
    prisons::PrisonQuery,
    registers::RegisterQuery,
    search::SearchQuery,
    statistics::StatisticsQuery,
    complaints::ComplaintQuery,
    audit::AuditQuery,
    me::MeQuery,
    node::NodeQuery,
    node::EntityQuery,
);

/// The root mutation: every domain's mutations, merged.
#[derive(MergedObject, Default)]
pub struct Mutation(
    fir::FirMutation,
    fir::FirAmendMutation,
    investigation::InvestigationMutation,
    courts::CourtMutation,
    prisons::PrisonMutation,
    complaints::ComplaintMutation,
    registers::RegisterMutation,
);

/// The root subscription.
pub type Subscription = events::EventSubscription;

/// The served schema.
pub type CctnsSchema = Schema<Query, Mutation, Subscription>;

/// How the served schema checks and caches documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchemaOptions {
    /// What one document may ask.
    pub limits: QueryLimits,
    /// The production posture: validation errors suggest no field names.
    pub production: bool,
    /// Documents kept for Apollo automatic persisted queries, all callers together; each
    /// caller finds only the ones they sent (0: APQ off).
    pub persisted_queries: usize,
    /// The smallest count crime statistics show; smaller ones, and those they could be
    /// recovered from, are suppressed (1: every count shown).
    pub statistics_min_cell: u32,
}

impl Default for SchemaOptions {
    fn default() -> Self {
        Self {
            limits: QueryLimits::default(),
            production: false,
            persisted_queries: 1_000,
            statistics_min_cell: statistics::DEFAULT_MIN_CELL,
        }
    }
}

/// Builds the bare schema (no admission checks), for development and tests. Per-request
/// data ([`RequestContext`]) is attached by the caller.
pub fn build_schema() -> CctnsSchema {
    builder()
        .data(statistics::MinCell(statistics::DEFAULT_MIN_CELL))
        .finish()
}

/// The served graph: the schema, with what every request passes before it runs
/// (see [`admission`]): Apollo automatic persisted queries (per caller), the document
/// limits and, in production, the federation's `_service` answered to schema explorers
/// only. The audit trail learns the real names of the root fields; crime statistics,
/// their suppression threshold.
#[derive(Clone)]
pub struct Graph {
    schema: CctnsSchema,
    admission: std::sync::Arc<admission::Admission>,
}

impl Graph {
    /// The graph `options` describe.
    pub fn new(options: &SchemaOptions) -> Self {
        // The depth limit is the admission's (`QUERY_TOO_COMPLEX`); async-graphql's own
        // recursion check (32 by default, answered as a plain error) stays above it.
        let mut schema = builder()
            .data(statistics::MinCell(options.statistics_min_cell))
            .limit_recursive_depth(options.limits.max_depth.saturating_add(1).max(32));
        if options.production {
            schema = schema.disable_suggestions();
        }
        let schema = schema.finish();
        let shapes = limits::Shapes::from_sdl(&schema.sdl());
        Self {
            schema,
            admission: std::sync::Arc::new(admission::Admission::new(options, shapes)),
        }
    }

    /// The schema's SDL (with the `Subscription` root, as served at `/schema.graphql`).
    pub fn sdl(&self) -> String {
        self.schema.sdl()
    }

    /// Admits and runs one query or mutation for `context`'s caller.
    pub async fn execute(
        &self,
        request: async_graphql::Request,
        context: RequestContext,
    ) -> async_graphql::Response {
        match self.admission.admit(request, &context).await {
            Ok(request) => self.schema.execute(request.data(context)).await,
            Err(refused) => async_graphql::Response::from_errors(vec![refused]),
        }
    }

    /// Admits and runs one subscription for `context`'s caller: its responses, or the
    /// one that refuses it.
    pub fn execute_stream(
        &self,
        request: async_graphql::Request,
        context: RequestContext,
    ) -> futures_util::stream::BoxStream<'static, async_graphql::Response> {
        use futures_util::StreamExt;
        let graph = self.clone();
        futures_util::stream::once(async move {
            match graph.admission.admit(request, &context).await {
                Ok(request) => graph.schema.execute_stream(request.data(context)),
                Err(refused) => futures_util::stream::once(futures_util::future::ready(
                    async_graphql::Response::from_errors(vec![refused]),
                ))
                .boxed(),
            }
        })
        .flatten()
        .boxed()
    }
}

fn builder() -> SchemaBuilder<Query, Mutation, Subscription> {
    Schema::build(
        Query::default(),
        Mutation::default(),
        Subscription::default(),
    )
    .enable_federation()
}

/// The schema as integrators generate code from it (what `cctns schema` prints and
/// `schema.graphql` holds): the Apollo Federation v2 SDL of [`subgraph_sdl`] with the
/// `Subscription` root the gateway serves over WebSocket (`GET /graphql` upgraded).
pub fn sdl() -> String {
    federation_sdl(builder().enable_subscription_in_federation().finish())
}

/// The Apollo Federation v2 SDL of the local graph as a subgraph of the federation
/// (`cctns compose`, `cctns plan`, `serve --federation`): queries and mutations only,
/// since subscriptions are answered by the gateway itself and never planned across
/// subgraphs.
pub fn subgraph_sdl() -> String {
    federation_sdl(builder().finish())
}

/// `schema` as Apollo Federation v2 SDL.
fn federation_sdl(schema: CctnsSchema) -> String {
    schema.sdl_with_options(SDLExportOptions::new().federation().compose_directive())
}
