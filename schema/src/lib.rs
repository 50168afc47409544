//! The CCTNS GraphQL schema: types, queries, loaders, the access policy and domain rules.
//!
//! This crate knows nothing of HTTP. A transport builds a [`RequestContext`] per request
//! (with the caller's verified [`policy::Principal`]) and executes [`CctnsSchema`].

pub mod audit;
pub mod complaints;
pub mod context;
pub mod courts;
pub mod db;
pub mod enums;
pub mod error;
pub mod events;
pub mod fir;
pub mod identity;
pub mod ids;
pub mod investigation;
pub mod limits;
pub mod loader;
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
pub mod seed;
pub mod statistics;
pub mod write;

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

/// Builds the schema with the default [`SchemaOptions`], for development. Per-request
/// data ([`RequestContext`]) is attached by the transport.
pub fn build_schema() -> CctnsSchema {
    build_schema_with(&SchemaOptions::default())
}

/// Builds the schema: Apollo automatic persisted queries (per caller) resolved first,
/// then every document held to the limits before it runs; in production, the
/// federation's `_service` answered to schema explorers only. The audit trail learns the
/// real names of the root fields; crime statistics, their suppression threshold.
pub fn build_schema_with(options: &SchemaOptions) -> CctnsSchema {
    let shapes = limits::Shapes::from_sdl(&builder().finish().sdl());
    let mut schema = builder();
    if options.persisted_queries > 0 {
        schema = schema.extension(persisted::CallerPersistedQueries::new(
            options.persisted_queries,
        ));
    }
    schema = schema
        .extension(limits::Limits::new(options.limits, shapes))
        .extension(audit::RootFields)
        .data(statistics::MinCell(options.statistics_min_cell));
    if options.production {
        schema = schema
            .extension(posture::ServiceSdlForExplorers)
            .disable_suggestions();
    }
    schema.finish()
}

fn builder() -> SchemaBuilder<Query, Mutation, Subscription> {
    Schema::build(
        Query::default(),
        Mutation::default(),
        Subscription::default(),
    )
    .enable_federation()
}

/// The Apollo Federation v2 SDL of the served schema (what `cctns schema` prints and
/// `schema.graphql` holds).
pub fn sdl() -> String {
    builder()
        .finish()
        .sdl_with_options(SDLExportOptions::new().federation().compose_directive())
}
