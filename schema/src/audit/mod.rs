//! The audit trail (CJIS Security Policy 5.4): who saw or was refused what, when, from where.
//!
//! Resolvers that return sensitive data, or withhold it, note it on the request's
//! [`AuditTrail`] ([`disclosed`], [`denied`]); the transport adds every `FORBIDDEN` error
//! and, once the request has run, [`flush`]es the trail as a handful of rows (one per
//! operation, outcome and record type) in one transaction, chained by hash
//! ([`chain`]). Writes append their records with [`chain::append`] in the write's own
//! transaction. Reading the log is [`query`]'s `auditLog`, for auditors only. Records
//! name the root field by its real name, not its alias ([`roots`]).

pub mod chain;
mod query;
mod roots;

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use async_graphql::{Context, ServerError};
use chrono::Utc;
use entities::enums::AuditOutcome;
use sea_orm::{DatabaseConnection, DbErr};

pub use query::{AuditFilter, AuditQuery, AuditRecord};
pub(crate) use roots::{name_roots, operation, root_fields};

use crate::context::RequestContext;
use crate::db::WriteTxn;
use crate::error::ErrorCode;
use crate::policy::Principal;

/// The kinds of sensitive data an audit record names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AuditClass {
    /// Addresses, phones, identity numbers.
    Personal,
    /// The identity of a victim of a sexual offence.
    VictimIdentity,
    /// The narrative of an FIR that protects its victim's identity.
    Narrative,
    /// The identity of a child in conflict with law.
    Child,
    /// Case diary and other investigative material.
    Investigative,
}

impl AuditClass {
    /// The name stored in `audit_record.fields`.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditClass::Personal => "PERSONAL",
            AuditClass::VictimIdentity => "VICTIM_IDENTITY",
            AuditClass::Narrative => "NARRATIVE",
            AuditClass::Child => "CHILD",
            AuditClass::Investigative => "INVESTIGATIVE",
        }
    }
}

/// Who acted, as recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actor {
    /// `sub` of the verified token; `None` for anonymous callers.
    pub sub: Option<String>,
    /// Role claim.
    pub role: Option<String>,
    /// Code of the caller's unit.
    pub unit: Option<String>,
    /// The client's network address, as the server saw it.
    pub client_addr: Option<String>,
}

impl Actor {
    /// The actor behind `principal`, connecting from `client_addr`.
    pub fn of(principal: &Principal, client_addr: Option<String>) -> Self {
        let identity = principal.identity.as_ref();
        Self {
            sub: identity.map(|i| i.sub.clone()),
            role: identity.map(|i| i.role.as_claim().to_owned()),
            unit: identity.map(|i| i.unit.code.clone()),
            client_addr,
        }
    }
}

/// One noted disclosure or refusal.
#[derive(Debug, Clone)]
struct Entry {
    /// The root field the request reached the data through.
    root: String,
    outcome: AuditOutcome,
    record_type: Option<&'static str>,
    record_id: Option<i64>,
    /// A class name, or for refused operations the path that was refused.
    what: String,
}

/// What one request disclosed and was refused, collected while it runs.
#[derive(Debug, Default)]
pub struct AuditTrail {
    entries: Mutex<Vec<Entry>>,
    /// The real field name behind each response key at the root of the operation.
    roots: Mutex<HashMap<String, String>>,
}

impl AuditTrail {
    /// Remembers the real field name behind each root response key (see [`name_roots`]).
    fn name_roots(&self, names: HashMap<String, String>) {
        *self.roots.lock().expect("audit trail poisoned") = names;
    }

    /// The real name of the root field answering under `response_key` (an alias, or the
    /// name itself); `response_key` when unknown.
    fn root_name(&self, response_key: &str) -> String {
        self.roots
            .lock()
            .expect("audit trail poisoned")
            .get(response_key)
            .cloned()
            .unwrap_or_else(|| response_key.to_owned())
    }

    fn push(&self, entry: Entry) {
        self.entries
            .lock()
            .expect("audit trail poisoned")
            .push(entry);
    }

    /// Whether nothing has been noted.
    pub fn is_empty(&self) -> bool {
        self.entries
            .lock()
            .expect("audit trail poisoned")
            .is_empty()
    }

    /// Notes that an operation read data held by another agency's subgraph: one record
    /// per subgraph, `record_type` `Subgraph`, naming the subgraph. What the local graph
    /// disclosed to the same operation is noted by its own fetches.
    pub fn crossed(&self, subgraph: &str) {
        self.push(Entry {
            root: "federation".into(),
            outcome: AuditOutcome::Allowed,
            record_type: Some("Subgraph"),
            record_id: None,
            what: subgraph.to_owned(),
        });
    }

    /// Notes every `FORBIDDEN` error of a response as a refusal of the path it names.
    pub fn refused_errors(&self, errors: &[ServerError]) {
        for error in errors {
            let forbidden = error
                .extensions
                .as_ref()
                .and_then(|e| e.get("code"))
                .is_some_and(|code| {
                    *code == async_graphql::Value::from(ErrorCode::Forbidden.as_str())
                });
            if !forbidden {
                continue;
            }
            let mut path: Vec<String> = error
                .path
                .iter()
                .map(|segment| match segment {
                    async_graphql::PathSegment::Field(name) => name.clone(),
                    async_graphql::PathSegment::Index(i) => i.to_string(),
                })
                .collect();
            if let Some(root) = path.first_mut() {
                *root = self.root_name(root);
            }
            self.push(Entry {
                root: path.first().cloned().unwrap_or_else(|| "request".into()),
                outcome: AuditOutcome::Denied,
                record_type: None,
                record_id: None,
                what: path.join("."),
            });
        }
    }

    /// The audit records this trail becomes: one per root field, outcome and record type,
    /// listing the record ids and classes involved.
    fn records(&self, actor: &Actor, operation_name: Option<&str>) -> Vec<chain::NewRecord> {
        type Key = (String, AuditOutcome, Option<&'static str>);
        let entries = std::mem::take(&mut *self.entries.lock().expect("audit trail poisoned"));
        let mut groups: BTreeMap<Key, (Vec<i64>, Vec<String>)> = BTreeMap::new();
        for entry in entries {
            let (ids, what) = groups
                .entry((entry.root, entry.outcome, entry.record_type))
                .or_default();
            if let Some(id) = entry.record_id
                && !ids.contains(&id)
            {
                ids.push(id);
            }
            if !what.contains(&entry.what) {
                what.push(entry.what);
            }
        }
        let at = Utc::now();
        groups
            .into_iter()
            .map(|((root, outcome, record_type), (mut ids, what))| {
                ids.sort_unstable();
                let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
                let operation = match operation_name {
                    Some(name) => format!("{name}.{root}"),
                    None => root,
                };
                chain::NewRecord::new(
                    actor,
                    operation,
                    record_type.map(str::to_owned),
                    (!ids.is_empty()).then(|| ids.join(",")),
                    (!what.is_empty()).then(|| what.join(",")),
                    outcome,
                    at,
                )
            })
            .collect()
    }
}

/// Notes that the current field returns `class` data of record `record_type` `id`.
pub fn disclosed(ctx: &Context<'_>, record_type: &'static str, id: i64, class: AuditClass) {
    note(ctx, AuditOutcome::Allowed, record_type, id, class);
}

/// Notes that the policy withheld `class` data of record `record_type` `id` from the
/// current field.
pub fn denied(ctx: &Context<'_>, record_type: &'static str, id: i64, class: AuditClass) {
    note(ctx, AuditOutcome::Denied, record_type, id, class);
}

/// Notes a search: `criteria` as the caller gave them, and the `record_type` records it
/// returned (none is recorded too: who searched for what matters either way).
pub fn searched(ctx: &Context<'_>, record_type: &'static str, criteria: &str, ids: &[i64]) {
    let root = root_field(ctx);
    let trail = &RequestContext::of(ctx).audit;
    let entry = |record_id| Entry {
        root: root.clone(),
        outcome: AuditOutcome::Allowed,
        record_type: Some(record_type),
        record_id,
        what: criteria.to_owned(),
    };
    trail.push(entry(None));
    for id in ids {
        trail.push(entry(Some(*id)));
    }
}

/// The root field `ctx` was reached through, by its real name (not its alias).
fn root_field(ctx: &Context<'_>) -> String {
    let mut node = ctx.path_node;
    let mut root = None;
    while let Some(segment) = node {
        if let async_graphql::QueryPathSegment::Name(name) = segment.segment {
            root = Some(name);
        }
        node = segment.parent.copied();
    }
    match root {
        Some(response_key) => RequestContext::of(ctx).audit.root_name(response_key),
        None => "request".to_owned(),
    }
}

fn note(
    ctx: &Context<'_>,
    outcome: AuditOutcome,
    record_type: &'static str,
    id: i64,
    class: AuditClass,
) {
    RequestContext::of(ctx).audit.push(Entry {
        root: root_field(ctx),
        outcome,
        record_type: Some(record_type),
        record_id: Some(id),
        what: class.as_str().to_owned(),
    });
}

/// Appends what a finished request disclosed and was refused to the audit log, in one
/// transaction. An error here must fail the response: nothing is shown unaudited.
pub async fn flush(
    db: &DatabaseConnection,
    trail: &AuditTrail,
    actor: &Actor,
    operation_name: Option<&str>,
) -> Result<(), DbErr> {
    let records = trail.records(actor, operation_name);
    if records.is_empty() {
        return Ok(());
    }
    let txn = WriteTxn::begin(db).await?;
    chain::append(&txn, records).await?;
    txn.commit().await
}

/// The refused tokens of one client address (and `sub`, when a well-signed token named
/// one) over one stretch of time: what [`refused_authentications`] records as one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedTokens {
    /// The client's network address, as the server saw it.
    pub client_addr: Option<String>,
    /// The `sub` the tokens named, when their signature verified.
    pub sub: Option<String>,
    /// When the first of them was refused.
    pub first_at: chrono::DateTime<Utc>,
    /// How many were refused.
    pub count: u64,
    /// Why, each distinct reason once.
    pub reasons: Vec<String>,
}

impl RefusedTokens {
    /// Most distinct reasons kept for one row.
    pub const MAX_REASONS: usize = 8;

    /// One refusal at `at`.
    pub fn one(
        client_addr: Option<String>,
        sub: Option<String>,
        reason: &str,
        at: chrono::DateTime<Utc>,
    ) -> Self {
        let mut refused = Self {
            client_addr,
            sub,
            first_at: at,
            count: 0,
            reasons: Vec::new(),
        };
        refused.add(reason);
        refused
    }

    /// Counts one more refusal, for `reason`.
    pub fn add(&mut self, reason: &str) {
        self.count += 1;
        // The row's `fields` is a comma-separated list.
        let reason = reason.replace(',', ";");
        if self.reasons.len() < Self::MAX_REASONS && !self.reasons.contains(&reason) {
            self.reasons.push(reason);
        }
    }

    /// The audit record: operation `authenticate`, outcome `DENIED`, `fields` holding
    /// `refused=N` and then the reasons.
    fn record(&self) -> chain::NewRecord {
        let actor = Actor {
            sub: self.sub.clone(),
            client_addr: self.client_addr.clone(),
            ..Actor::default()
        };
        let fields = std::iter::once(format!("refused={}", self.count))
            .chain(self.reasons.iter().cloned())
            .collect::<Vec<_>>()
            .join(",");
        chain::NewRecord::new(
            &actor,
            "authenticate".to_owned(),
            None,
            None,
            Some(fields),
            AuditOutcome::Denied,
            self.first_at,
        )
    }
}

/// Appends refusals of tokens (bad signature, expired, unknown officer, …), one row per
/// [`RefusedTokens`], in one transaction: CJIS asks for unsuccessful logon attempts to
/// be audited, and counting them keeps a flood of bad tokens from flooding the log.
pub async fn refused_authentications(
    db: &DatabaseConnection,
    refused: &[RefusedTokens],
) -> Result<(), DbErr> {
    if refused.is_empty() {
        return Ok(());
    }
    let txn = WriteTxn::begin(db).await?;
    chain::append(&txn, refused.iter().map(RefusedTokens::record).collect()).await?;
    txn.commit().await
}
