//! `events(filter)`: the domain events a caller may see, replayed from the outbox after
//! `afterId` and then live, with no gap and no duplicate at the seam.
//!
//! The stream subscribes to the hub first, then replays from the outbox everything after
//! `afterId`, then passes on live events, skipping any it already replayed (ids only
//! grow). A subscriber that falls more than [`super::hub::SUBSCRIBER_BUFFER`] events behind
//! gets a `RATE_LIMITED` error naming the last id it took, and the stream ends: it
//! resumes with that `afterId`, so a slow consumer costs only its own queue.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use super::hub::{EventHub, LiveEvents, Published, Route};
use super::types::EventType;
use crate::context::RequestContext;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::ids;
use crate::org::{OrgUnit, UnitById, unit_by_code};
use crate::policy::{ListScope, Principal, Register};
use async_graphql::{Context, ID, InputObject, Object, SimpleObject, Subscription};
use chrono::{DateTime, Utc};
use entities::{complaint, court_case, court_case_link, domain_event, org_unit};
use futures_util::Stream;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// Rows replayed per round.
const REPLAY_BATCH: u64 = 500;

/// Narrows the event stream.
#[derive(InputObject, Debug, Default)]
pub struct EventFilter {
    /// Only events of these types.
    pub types: Option<Vec<EventType>>,
    /// Only events of units inside this unit's subtree.
    pub unit_code: Option<String>,
    /// Replay every later event first (the `id` of the last event received), then go
    /// live: resuming after a disconnect loses nothing and repeats nothing.
    pub after_id: Option<ID>,
}

/// A reference from an event to a record it concerns.
#[derive(SimpleObject, Debug, Clone)]
pub struct SubjectRef {
    /// What it names: `fir`, `case`, `person`, `courtCase`, `cnr`, `prisoner`, …
    pub kind: String,
    /// The global id (or CNR, prisoner id, petition number) of the record.
    pub id: String,
}

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct DomainEvent(Published);

/// A thin domain event: what happened, when, where, and to which records (ids only,
/// never names or narrative). Re-query the records for details under your own access.
#[Object]
impl DomainEvent {
    /// Position in the event log (increasing); resume with `afterId`.
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// What happened.
    async fn r#type(&self) -> Option<EventType> {
        EventType::from_stored(&self.0.event_type)
    }
    /// When it was committed.
    async fn occurred_at(&self) -> DateTime<Utc> {
        self.0.occurred_at
    }
    /// The unit it belongs to (the station, court or prison).
    async fn unit(&self, ctx: &Context<'_>) -> ApiResult<Option<OrgUnit>> {
        let row = RequestContext::of(ctx)
            .loaders
            .load_one(UnitById(self.0.unit_id))
            .await?;
        Ok(row.map(OrgUnit))
    }
    /// The records it concerns.
    async fn subject_refs(&self) -> Vec<SubjectRef> {
        subject_refs(&self.0.subject_refs)
    }
}

/// The references in an event's `subject_refs` object, arrays flattened.
fn subject_refs(refs: &serde_json::Value) -> Vec<SubjectRef> {
    let Some(object) = refs.as_object() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (kind, value) in object {
        let values = match value {
            serde_json::Value::Array(items) => items.clone(),
            other => vec![other.clone()],
        };
        for value in values {
            let id = match value {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            // One ref per record: "persons" → "person".
            let kind = match kind.as_str() {
                "persons" => "person",
                "cases" => "case",
                other => other,
            };
            out.push(SubjectRef {
                kind: kind.to_owned(),
                id,
            });
        }
    }
    out
}

/// Who may see which events (DOMAIN.md; the envelope carries no personal data).
#[derive(Debug, Clone)]
enum Audience {
    /// Police roles and analysts: the envelope of every event.
    Everything,
    /// Courts, prosecutors, prisons: events of units inside `units`, and (courts and
    /// prosecutors) events about cases before courts inside `courts`.
    Office {
        units: String,
        courts: Option<String>,
    },
    /// A citizen: events about their own complaints.
    Citizen { sub: String },
}

impl Audience {
    /// The events `principal` may receive, as the policy scopes them.
    fn of(principal: &Principal) -> ApiResult<Self> {
        Ok(match ListScope::of(principal, Register::Events)? {
            ListScope::Everything => Audience::Everything,
            ListScope::Office { units, courts } => Audience::Office { units, courts },
            ListScope::Own { sub } => Audience::Citizen { sub },
            ListScope::Station(_) | ListScope::UnitsUnder(_) | ListScope::CourtsUnder(_) => {
                return Err(ApiError::forbidden("events are not available to this role"));
            }
        })
    }
}

/// Decides, per event, whether the subscriber sees it; remembers lookups per stream.
struct Gate {
    audience: Audience,
    db: DatabaseConnection,
    types: Option<Vec<EventType>>,
    subtree: Option<String>,
    case_in_court: HashMap<i64, bool>,
    complaint_owner: HashMap<i64, Option<String>>,
}

impl Gate {
    async fn admits(&mut self, event: &domain_event::Model) -> Result<bool, sea_orm::DbErr> {
        if let Some(types) = &self.types
            && !EventType::from_stored(&event.event_type).is_some_and(|t| types.contains(&t))
        {
            return Ok(false);
        }
        if let Some(subtree) = &self.subtree
            && !event.unit_path.starts_with(subtree.as_str())
        {
            return Ok(false);
        }
        match self.audience.clone() {
            Audience::Everything => Ok(true),
            Audience::Office { units, courts } => {
                if event.unit_path.starts_with(&units) {
                    return Ok(true);
                }
                let Some(courts) = courts else {
                    return Ok(false);
                };
                for case in refs_of(&event.subject_refs, &["case", "cases"], "Case") {
                    if self.case_before(case, &courts).await? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Audience::Citizen { sub } => {
                for complaint in refs_of(&event.subject_refs, &["complaint"], "Complaint") {
                    if self.complaint_owner(complaint).await?.as_deref() == Some(sub.as_str()) {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }

    async fn case_before(&mut self, case: i64, courts: &str) -> Result<bool, sea_orm::DbErr> {
        if let Some(known) = self.case_in_court.get(&case) {
            return Ok(*known);
        }
        let court_cases: Vec<i64> = court_case_link::Entity::find()
            .filter(court_case_link::Column::CaseId.eq(case))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|l| l.court_case_id)
            .collect();
        let courts_of: Vec<i64> = court_case::Entity::find()
            .filter(court_case::Column::Id.is_in(court_cases))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|c| c.court_id)
            .collect();
        let before = org_unit::Entity::find()
            .filter(org_unit::Column::Id.is_in(courts_of))
            .filter(org_unit::Column::Path.starts_with(courts))
            .one(&self.db)
            .await?
            .is_some();
        self.case_in_court.insert(case, before);
        Ok(before)
    }

    async fn complaint_owner(&mut self, id: i64) -> Result<Option<String>, sea_orm::DbErr> {
        if let Some(known) = self.complaint_owner.get(&id) {
            return Ok(known.clone());
        }
        let owner = complaint::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .and_then(|c| c.citizen_sub);
        self.complaint_owner.insert(id, owner.clone());
        Ok(owner)
    }
}

/// Row ids of the refs under `keys` that are global ids of `kind`.
fn refs_of(refs: &serde_json::Value, keys: &[&str], kind: &str) -> Vec<i64> {
    let mut out = Vec::new();
    for key in keys {
        let values = match refs.get(key) {
            Some(serde_json::Value::Array(items)) => items.clone(),
            Some(value) => vec![value.clone()],
            None => continue,
        };
        for value in values {
            if let Some(id) = value
                .as_str()
                .and_then(|s| ids::decode(kind, &ID(s.to_owned())).ok())
            {
                out.push(id);
            }
        }
    }
    out
}

/// The state of one subscription stream.
struct Feed {
    gate: Gate,
    live: LiveEvents,
    shutdown: tokio::sync::watch::Receiver<bool>,
    /// Id of the last event taken from the log (delivered or not visible).
    last: i64,
    /// Whether the outbox still has rows after `last` to replay.
    replaying: bool,
    pending: VecDeque<Published>,
    done: bool,
}

impl Feed {
    /// The next event for the subscriber, an error to end with, or `None` at the end.
    async fn next(&mut self) -> Option<Result<DomainEvent, async_graphql::Error>> {
        loop {
            if self.done {
                return None;
            }
            while let Some(event) = self.pending.pop_front() {
                match self.gate.admits(&event).await {
                    Ok(true) => return Some(Ok(DomainEvent(event))),
                    Ok(false) => {}
                    Err(e) => return Some(Err(self.fail(e))),
                }
            }
            if self.replaying {
                match self.replay_batch().await {
                    Ok(()) => continue,
                    Err(e) => return Some(Err(self.fail(e))),
                }
            }
            if self.live.fell_behind() {
                self.done = true;
                let error = ApiError::new(
                    ErrorCode::RateLimited,
                    format!(
                        "fell behind the event stream; resume with afterId {}",
                        self.last
                    ),
                );
                return Some(Err(error.into()));
            }
            let received = tokio::select! {
                received = self.live.recv() => received,
                _ = self.shutdown.changed() => {
                    self.done = true;
                    return None;
                }
            };
            match received {
                Some(event) if event.id > self.last => {
                    self.last = event.id;
                    self.pending.push_back(event);
                }
                Some(_) => {}
                // Dropped by the hub: `fell_behind` says so on the next round.
                None if self.live.fell_behind() => {}
                None => {
                    self.done = true;
                    return None;
                }
            }
        }
    }

    /// Loads the next outbox rows after `last` into `pending`; ends the replay when the
    /// outbox has no more.
    async fn replay_batch(&mut self) -> Result<(), sea_orm::DbErr> {
        let rows = domain_event::Entity::find()
            .filter(domain_event::Column::Id.gt(self.last))
            .order_by_asc(domain_event::Column::Id)
            .limit(REPLAY_BATCH)
            .all(&self.gate.db)
            .await?;
        if (rows.len() as u64) < REPLAY_BATCH {
            self.replaying = false;
        }
        for row in rows {
            self.last = row.id;
            self.pending.push_back(Arc::new(row));
        }
        Ok(())
    }

    fn fail(&mut self, error: sea_orm::DbErr) -> async_graphql::Error {
        self.done = true;
        ApiError::from(error).into()
    }
}

/// The event subscription.
#[derive(Default)]
pub struct EventSubscription;

/// Live streams for integrators and dashboards (GraphQL over WebSocket on `/graphql`).
// Named `Subscription` in the schema: the federation SDL (`schema.graphql`) has no
// `schema { … }` block, so code generators find the root by its default name.
#[Subscription(name = "Subscription")]
impl EventSubscription {
    /// Domain events visible to the caller, live; with `afterId`, every later event is
    /// replayed first, in order, then the stream continues live with no gap and no
    /// duplicate. Police roles and analysts see every event's envelope; courts,
    /// prosecutors and prisons those of their units and of the cases before their courts;
    /// citizens those about their own complaints.
    async fn events(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Narrow the stream; `afterId` to resume.")] filter: Option<EventFilter>,
    ) -> async_graphql::Result<impl Stream<Item = Result<DomainEvent, async_graphql::Error>> + use<>>
    {
        let feed = Feed::open(ctx, filter.unwrap_or_default()).await?;
        Ok(futures_util::stream::unfold(feed, |mut feed| async move {
            feed.next().await.map(|item| (item, feed))
        }))
    }
}

impl Feed {
    /// Checks the caller and the filter, and subscribes.
    async fn open(ctx: &Context<'_>, filter: EventFilter) -> ApiResult<Self> {
        let rc = RequestContext::of(ctx);
        let audience = Audience::of(&rc.principal)?;
        let hub: &Arc<EventHub> = rc
            .events
            .as_ref()
            .ok_or_else(|| ApiError::new(ErrorCode::Internal, "events are not served here"))?;
        let subtree = match &filter.unit_code {
            Some(code) => Some(unit_by_code(ctx, code).await?.path),
            None => None,
        };
        let after = match &filter.after_id {
            Some(id) => Some(id.parse::<i64>().map_err(|_| {
                ApiError::invalid("filter.afterId", "afterId is the id of an event")
            })?),
            None => None,
        };
        // Subscribe before reading the log, so nothing committed meanwhile is missed.
        let live = hub.subscribe(Route {
            subtree: subtree.clone(),
            types: filter.types.clone(),
        });
        Ok(Feed {
            gate: Gate {
                audience,
                db: rc.db.clone(),
                types: filter.types,
                subtree,
                case_in_court: HashMap::new(),
                complaint_owner: HashMap::new(),
            },
            live,
            shutdown: hub.shutting_down(),
            last: after.unwrap_or_else(|| hub.last_published()),
            replaying: after.is_some(),
            pending: VecDeque::new(),
            done: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_flatten_to_one_per_record() {
        let refs = subject_refs(
            &serde_json::json!({ "fir": "Rmly", "persons": ["UDox", "UDoy"], "cnr": "MHPU010000012024" }),
        );
        let kinds: Vec<(&str, &str)> = refs
            .iter()
            .map(|r| (r.kind.as_str(), r.id.as_str()))
            .collect();
        assert!(kinds.contains(&("fir", "Rmly")));
        assert!(kinds.contains(&("person", "UDox")) && kinds.contains(&("person", "UDoy")));
        assert!(kinds.contains(&("cnr", "MHPU010000012024")));
    }
}
