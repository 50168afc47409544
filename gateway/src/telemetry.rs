//! Logs and traces. Logs go to stderr, as text or (`CCTNS_LOG_FORMAT=json`) one JSON
//! object per line, filtered by `CCTNS_LOG`. When `OTEL_EXPORTER_OTLP_ENDPOINT` (or
//! `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set, the same spans (one `request` span per
//! HTTP request, carrying its request id, with the operation's log line as an event) are
//! also exported over OTLP/HTTP (protobuf) to that collector, as service `cctns` (or
//! `OTEL_SERVICE_NAME`), joining the caller's trace when the request carries a W3C
//! `traceparent`.

use axum::http::HeaderMap;
use opentelemetry::propagation::{Extractor, TextMapPropagator};
use opentelemetry::trace::TracerProvider as _;
use opentelemetry_otlp::{SpanExporter, WithExportConfig};
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::propagation::TraceContextPropagator;
use opentelemetry_sdk::trace::SdkTracerProvider;
use tracing_opentelemetry::OpenTelemetrySpanExt;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// The trace exporter, flushed when the process ends.
pub struct Telemetry {
    provider: Option<SdkTracerProvider>,
}

/// Installs the process's logger and, when configured, the OTLP trace exporter.
pub fn init() -> anyhow::Result<Telemetry> {
    let filter =
        EnvFilter::try_from_env("CCTNS_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let logs = tracing_subscriber::fmt::layer().with_writer(std::io::stderr);
    let logs = if std::env::var("CCTNS_LOG_FORMAT").is_ok_and(|format| format == "json") {
        logs.json().with_current_span(true).boxed()
    } else {
        logs.boxed()
    };
    let provider = exporting().then(provider).transpose()?;
    let traces = provider
        .as_ref()
        .map(|p| tracing_opentelemetry::layer().with_tracer(p.tracer("cctns")));
    tracing_subscriber::registry()
        .with(logs)
        .with(traces)
        .with(filter)
        .init();
    Ok(Telemetry { provider })
}

/// Whether an OTLP endpoint is configured.
fn exporting() -> bool {
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
    ]
    .iter()
    .any(|name| std::env::var(name).is_ok_and(|v| !v.trim().is_empty()))
}

/// A tracer provider that batches spans to the configured OTLP/HTTP endpoint.
fn provider() -> anyhow::Result<SdkTracerProvider> {
    let exporter = SpanExporter::builder()
        .with_http()
        .with_protocol(opentelemetry_otlp::Protocol::HttpBinary)
        .build()?;
    let service = std::env::var("OTEL_SERVICE_NAME").unwrap_or_else(|_| "cctns".to_owned());
    Ok(SdkTracerProvider::builder()
        .with_batch_exporter(exporter)
        .with_resource(Resource::builder().with_service_name(service).build())
        .build())
}

impl Telemetry {
    /// Sends the spans still buffered, and stops the exporter.
    pub async fn shutdown(self) {
        if let Some(provider) = self.provider {
            let flushed = tokio::task::spawn_blocking(move || provider.shutdown()).await;
            if let Ok(Err(error)) = flushed {
                eprintln!("warning: traces not flushed: {error}");
            }
        }
    }
}

/// Makes `span` a child of the trace the request's `traceparent` header names, if any.
pub(crate) fn join_callers_trace(span: &tracing::Span, headers: &HeaderMap) {
    let parent = TraceContextPropagator::new().extract(&Headers(headers));
    let _ = span.set_parent(parent);
}

/// Request headers, as the propagator reads them.
struct Headers<'a>(&'a HeaderMap);

impl Extractor for Headers<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(|v| v.to_str().ok())
    }

    fn keys(&self) -> Vec<&str> {
        self.0.keys().map(|k| k.as_str()).collect()
    }
}
