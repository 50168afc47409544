//! What `/metrics` reports, in the Prometheus text format: GraphQL operations by name and
//! outcome with a latency histogram, DataLoader batch sizes by key kind, SQL statements,
//! the database pool, WebSocket subscriptions and events published.
//!
//! Operation names come from clients, so at most [`MAX_OPERATION_NAMES`] distinct ones
//! are kept as labels; later ones are counted as `other`.

use std::collections::BTreeMap;
use std::fmt::{Display, Write as _};

use schema::loader::BATCH_BUCKETS;
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// Distinct operation names kept as labels.
const MAX_OPERATION_NAMES: usize = 200;

/// Counts and latencies of one operation name and outcome.
#[derive(Debug, Clone, Default)]
struct Series {
    /// Observations at or under each bucket's bound (not cumulative here).
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// The operations recorded since start.
#[derive(Default)]
pub(crate) struct Metrics {
    /// By operation name, then outcome.
    operations: Mutex<BTreeMap<String, BTreeMap<&'static str, Series>>>,
}

/// The gauges read when `/metrics` is asked for.
pub(crate) struct Gauges {
    pub(crate) sql_statements: u64,
    pub(crate) sql_failures: u64,
    pub(crate) pool_size: u32,
    pub(crate) pool_idle: usize,
    pub(crate) subscriptions: usize,
    pub(crate) events_published: u64,
}

impl Metrics {
    /// Records one operation: its name (`unnamed` if none), its outcome (`ok`, or the
    /// contract code of its first error) and how long it took.
    pub(crate) fn record(&self, operation: Option<&str>, outcome: &'static str, took: Duration) {
        let seconds = took.as_secs_f64();
        let mut operations = self.operations.lock().unwrap_or_else(|e| e.into_inner());
        let name = operation.unwrap_or("unnamed");
        let name = if operations.contains_key(name) || operations.len() < MAX_OPERATION_NAMES {
            name
        } else {
            "other"
        };
        let series = operations
            .entry(name.to_owned())
            .or_default()
            .entry(outcome)
            .or_default();
        if let Some(bucket) = BUCKETS.iter().position(|bound| seconds <= *bound) {
            series.buckets[bucket] += 1;
        }
        series.count += 1;
        series.sum += seconds;
    }

    /// The Prometheus text of everything recorded and of `gauges`.
    pub(crate) fn render(&self, gauges: &Gauges) -> String {
        let mut out = String::new();
        // Every (name, outcome) series, in name then outcome order.
        let all: Vec<(String, &'static str, Series)> = self
            .operations
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .flat_map(|(name, outcomes)| {
                outcomes
                    .iter()
                    .map(move |(outcome, series)| (name.clone(), *outcome, series.clone()))
            })
            .collect();
        out.push_str(
            "# HELP cctns_graphql_operations_total GraphQL operations by name and outcome.\n\
             # TYPE cctns_graphql_operations_total counter\n",
        );
        for (name, outcome, series) in &all {
            let _ = writeln!(
                out,
                "cctns_graphql_operations_total{{operation=\"{}\",outcome=\"{outcome}\"}} {}",
                escape(name),
                series.count
            );
        }
        out.push_str(
            "# HELP cctns_graphql_operation_seconds Time to answer a GraphQL operation.\n\
             # TYPE cctns_graphql_operation_seconds histogram\n",
        );
        for (name, outcome, series) in &all {
            let labels = format!("operation=\"{}\",outcome=\"{outcome}\"", escape(name));
            histogram(
                &mut out,
                "cctns_graphql_operation_seconds",
                &labels,
                BUCKETS.iter().zip(series.buckets),
                (series.sum, series.count),
            );
        }
        out.push_str(
            "# HELP cctns_dataloader_batch_size Keys per DataLoader batch, by key kind.\n\
             # TYPE cctns_dataloader_batch_size histogram\n",
        );
        for (kind, series) in schema::loader::batch_sizes() {
            let labels = format!("loader=\"{}\"", escape(&kind));
            histogram(
                &mut out,
                "cctns_dataloader_batch_size",
                &labels,
                BATCH_BUCKETS.iter().zip(series.buckets),
                (series.sum, series.count),
            );
        }
        for (name, kind, help, value) in [
            (
                "cctns_sql_statements_total",
                "counter",
                "SQL statements executed.",
                gauges.sql_statements.to_string(),
            ),
            (
                "cctns_sql_failures_total",
                "counter",
                "SQL statements that failed.",
                gauges.sql_failures.to_string(),
            ),
            (
                "cctns_db_pool_connections",
                "gauge",
                "Database connections open.",
                gauges.pool_size.to_string(),
            ),
            (
                "cctns_db_pool_idle_connections",
                "gauge",
                "Database connections open and idle.",
                gauges.pool_idle.to_string(),
            ),
            (
                "cctns_subscriptions_open",
                "gauge",
                "Event subscriptions open on this replica.",
                gauges.subscriptions.to_string(),
            ),
            (
                "cctns_events_published_total",
                "counter",
                "Domain events this replica handed to its subscribers.",
                gauges.events_published.to_string(),
            ),
        ] {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}"
            );
        }
        out
    }
}

/// Writes the `_bucket` (cumulative), `_sum` and `_count` lines of one histogram series.
fn histogram<B: Display, S: Display>(
    out: &mut String,
    name: &str,
    labels: &str,
    buckets: impl Iterator<Item = (B, u64)>,
    (sum, count): (S, u64),
) {
    let mut cumulative = 0;
    for (bound, n) in buckets {
        cumulative += n;
        let _ = writeln!(out, "{name}_bucket{{{labels},le=\"{bound}\"}} {cumulative}");
    }
    let _ = writeln!(
        out,
        "{name}_bucket{{{labels},le=\"+Inf\"}} {count}\n{name}_sum{{{labels}}} {sum}\n\
         {name}_count{{{labels}}} {count}"
    );
}

/// A label value with `\`, `"` and newlines escaped.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gauges() -> Gauges {
        Gauges {
            sql_statements: 7,
            sql_failures: 0,
            pool_size: 2,
            pool_idle: 1,
            subscriptions: 0,
            events_published: 3,
        }
    }

    #[test]
    fn operations_are_counted_by_name_and_outcome_with_a_histogram() {
        let metrics = Metrics::default();
        metrics.record(Some("Stations"), "ok", Duration::from_millis(3));
        metrics.record(Some("Stations"), "ok", Duration::from_millis(30));
        metrics.record(
            Some("Bad\"Name"),
            "BAD_USER_INPUT",
            Duration::from_millis(1),
        );
        let text = metrics.render(&gauges());
        assert!(
            text.contains(
                "cctns_graphql_operations_total{operation=\"Stations\",outcome=\"ok\"} 2"
            ),
            "{text}"
        );
        assert!(
            text.contains("operation=\"Bad\\\"Name\",outcome=\"BAD_USER_INPUT\"} 1"),
            "{text}"
        );
        assert!(text.contains("cctns_graphql_operation_seconds_bucket{operation=\"Stations\",outcome=\"ok\",le=\"0.005\"} 1"), "{text}");
        assert!(text.contains("cctns_graphql_operation_seconds_bucket{operation=\"Stations\",outcome=\"ok\",le=\"0.05\"} 2"), "{text}");
        assert!(text.contains("cctns_events_published_total 3"), "{text}");
    }

    #[test]
    fn client_chosen_names_cannot_grow_the_labels_without_bound() {
        let metrics = Metrics::default();
        for i in 0..(MAX_OPERATION_NAMES + 50) {
            metrics.record(Some(&format!("Op{i}")), "ok", Duration::from_millis(1));
        }
        let text = metrics.render(&gauges());
        assert!(
            text.contains("operation=\"other\",outcome=\"ok\"} 50"),
            "{text}"
        );
    }
}
