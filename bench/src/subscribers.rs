//! Load client for the event stream: many concurrent WebSocket subscribers
//! (graphql-transport-ws) on one gateway while a producer registers FIRs over HTTP at a
//! fixed rate. Reports delivery latency (from the event's `occurredAt`, stamped when its
//! transaction began, to arrival), events lost, and the gateway's resident memory per
//! idle subscriber. Each subscriber is its own analyst (`bench.analyst.N`, a token minted
//! here with the gateway's HS256 secret), as the gateway allows a caller 16 connections.
//!
//! Two audiences (`--audience`):
//! - `national`: every subscriber takes every FIR registered anywhere, the worst case
//!   (events × subscribers deliveries);
//! - `stations`: as integrators and dashboards deploy, one subscriber in a hundred takes
//!   the whole country and the others each follow one station (`unitCode`); the producer
//!   registers FIRs at every station in turn.
//!
//! ```text
//! subscribers --url ws://127.0.0.1:8080/graphql --http http://127.0.0.1:8080/graphql \
//!   --secret DEV_SECRET --stations CODE,CODE,... --audience stations \
//!   --subscribers 10000 --rate 100 --seconds 20 --gateway-pid PID
//! ```
//!
//! Run by `bench/subscribers.sh`.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use futures_util::{SinkExt, StreamExt};
use tokio::sync::Mutex;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

/// Command-line settings.
struct Args(HashMap<String, String>);

impl Args {
    fn parse() -> anyhow::Result<Self> {
        let mut map = HashMap::new();
        let mut it = std::env::args().skip(1);
        while let Some(key) = it.next() {
            let key = key
                .strip_prefix("--")
                .context("flags look like --name value")?
                .to_owned();
            map.insert(key, it.next().context("a flag without a value")?);
        }
        Ok(Self(map))
    }

    fn get(&self, key: &str) -> anyhow::Result<&str> {
        self.0
            .get(key)
            .map(String::as_str)
            .with_context(|| format!("--{key} is required"))
    }

    fn number(&self, key: &str) -> anyhow::Result<u64> {
        self.get(key)?
            .parse()
            .with_context(|| format!("--{key} takes a number"))
    }
}

/// What one subscriber received: latencies in microseconds, and the event ids.
#[derive(Default)]
struct Received {
    latencies: Vec<u64>,
    ids: Vec<i64>,
}

/// Connects, authenticates and subscribes to FIR registrations (at `station`, or
/// everywhere); then records every event until `stop`.
async fn subscriber(
    url: String,
    token: String,
    station: Option<String>,
    ready: Arc<AtomicUsize>,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> anyhow::Result<Received> {
    let mut request = url.into_client_request()?;
    request
        .headers_mut()
        .insert("Sec-WebSocket-Protocol", "graphql-transport-ws".parse()?);
    let (mut socket, _) = tokio_tungstenite::connect_async(request).await?;
    let init = serde_json::json!({ "type": "connection_init", "payload": { "Authorization": format!("Bearer {token}") } });
    socket.send(Message::Text(init.to_string().into())).await?;
    loop {
        match socket.next().await.context("closed before ack")?? {
            Message::Text(text) if text.contains("connection_ack") => break,
            Message::Text(text) if text.contains("\"ping\"") => {
                socket
                    .send(Message::Text(r#"{"type":"pong"}"#.into()))
                    .await?;
            }
            Message::Close(frame) => bail!("refused: {frame:?}"),
            _ => {}
        }
    }
    let unit = station.map_or(String::new(), |code| format!(", unitCode: \"{code}\""));
    let query = format!(
        "subscription {{ events(filter: {{ types: [FIR_REGISTERED]{unit} }}) {{ id occurredAt }} }}"
    );
    let subscribe =
        serde_json::json!({ "id": "1", "type": "subscribe", "payload": { "query": query } });
    socket
        .send(Message::Text(subscribe.to_string().into()))
        .await?;
    ready.fetch_add(1, Ordering::AcqRel);
    let mut received = Received::default();
    loop {
        let message = tokio::select! {
            message = socket.next() => message,
            _ = stop.changed() => break,
        };
        let Some(message) = message else { break };
        match message? {
            Message::Text(text) if text.contains("\"next\"") => {
                let now = chrono::Utc::now();
                let value: serde_json::Value = serde_json::from_str(&text)?;
                let event = &value["payload"]["data"]["events"];
                let id = event["id"]
                    .as_str()
                    .and_then(|s| s.parse().ok())
                    .context("event id")?;
                let at = event["occurredAt"].as_str().context("occurredAt")?;
                let at = chrono::DateTime::parse_from_rfc3339(at)?.with_timezone(&chrono::Utc);
                received
                    .latencies
                    .push((now - at).num_microseconds().unwrap_or(0).max(0) as u64);
                received.ids.push(id);
            }
            Message::Text(text) if text.contains("\"ping\"") => {
                socket
                    .send(Message::Text(r#"{"type":"pong"}"#.into()))
                    .await?;
            }
            Message::Text(text) if text.contains("\"error\"") => {
                bail!("subscription error: {text}")
            }
            Message::Close(frame) => bail!("closed: {frame:?}"),
            _ => {}
        }
    }
    Ok(received)
}

/// A token for `sub` in `role` at `unit`, valid for an hour.
fn token(secret: &str, sub: &str, role: &str, unit: &str) -> anyhow::Result<String> {
    let now = chrono::Utc::now().timestamp();
    let claims = serde_json::json!({ "sub": sub, "role": role, "unit": unit, "iat": now, "exp": now + 3600 });
    Ok(jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(secret.as_bytes())?,
    )?)
}

/// Resident memory of process `pid` in KiB.
fn rss_kib(pid: &str) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let line = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .context("VmRSS")?;
    Ok(line
        .split_whitespace()
        .nth(1)
        .context("VmRSS value")?
        .parse()?)
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index] as f64 / 1000.0
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse()?;
    let url = args.get("url")?.to_owned();
    let http = args.get("http")?.to_owned();
    let secret = args.get("secret")?.to_owned();
    let stations: Vec<String> = args
        .get("stations")?
        .split(',')
        .map(str::to_owned)
        .collect();
    let national = match args.get("audience")? {
        "national" => true,
        "stations" => false,
        other => bail!("--audience is national or stations, not {other}"),
    };
    // Subscriber i follows this station, or (None) the whole country.
    let follows = |i: usize| {
        (!national && !i.is_multiple_of(100)).then(|| stations[i % stations.len()].clone())
    };
    let count = args.number("subscribers")? as usize;
    let rate = args.number("rate")?;
    let seconds = args.number("seconds")?;
    let pid = args.get("gateway-pid")?.to_owned();

    let rss_before = rss_kib(&pid)?;
    let ready = Arc::new(AtomicUsize::new(0));
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut tasks = Vec::with_capacity(count);
    let connect_started = Instant::now();
    // Connect in waves so the listen backlog is not overrun.
    for i in 0..count {
        let token = token(&secret, &format!("bench.analyst.{i}"), "ANALYST", "IN")?;
        tasks.push(tokio::spawn(subscriber(
            url.clone(),
            token,
            follows(i),
            ready.clone(),
            stopped.clone(),
        )));
        if i % 200 == 199 {
            while ready.load(Ordering::Acquire) + 50 < i {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        }
    }
    while ready.load(Ordering::Acquire) < count {
        if let Some(failed) = tasks.iter().position(|t| t.is_finished()) {
            let task = tasks.swap_remove(failed);
            bail!(
                "a subscriber failed while connecting: {:?}",
                task.await?.err()
            );
        }
        if connect_started.elapsed() > Duration::from_secs(300) {
            bail!(
                "only {} of {count} subscribers connected",
                ready.load(Ordering::Acquire)
            );
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let connect_time = connect_started.elapsed();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let rss_idle = rss_kib(&pid)?;

    // The producer: `rate` registrations per second for `seconds`, at each station in
    // turn, by an officer of that station.
    let client = reqwest::Client::new();
    let officers = stations
        .iter()
        .map(|code| token(&secret, &format!("{code}.bench"), "STATION_OFFICER", code))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let produced = Arc::new(Mutex::new(Vec::new()));
    let mut ticker = tokio::time::interval(Duration::from_micros(1_000_000 / rate.max(1)));
    let produce_started = Instant::now();
    let mut writes = Vec::new();
    for n in 0..(rate * seconds) as usize {
        ticker.tick().await;
        let at = n % stations.len();
        let fir = serde_json::json!({
            "query": "mutation($input: RegisterFirInput!) { registerFir(input: $input) { id } }",
            "variables": { "input": {
                "stationCode": stations[at], "type": "REGULAR", "occurredFrom": "2026-11-28T21:30:00Z",
                "narrative": "Mobile phone stolen from the complainant's pocket in a crowded bus.",
                "charges": [{ "act": "BNS", "section": "303(2)" }],
                "parties": [{ "role": "COMPLAINANT", "person": { "name": "Rahul Patil", "sex": "MALE" } }],
            } },
        });
        let (client, http, token, produced) = (
            client.clone(),
            http.clone(),
            officers[at].clone(),
            produced.clone(),
        );
        writes.push(tokio::spawn(async move {
            let response = client
                .post(&http)
                .bearer_auth(&token)
                .json(&fir)
                .send()
                .await?;
            let body: serde_json::Value = response.json().await?;
            if body.get("errors").is_some() {
                bail!("registerFir failed: {body}");
            }
            // The event's id is not the FIR's: count per station instead.
            produced.lock().await.push(at);
            Ok::<(), anyhow::Error>(())
        }));
    }
    for write in writes {
        write.await??;
    }
    let produce_time = produce_started.elapsed();
    // Let the last events arrive, then stop everyone.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let rss_busy = rss_kib(&pid)?;
    stop.send_replace(true);
    let produced = produced.lock().await.clone();
    let events = produced.len();
    let mut at_station = vec![0usize; stations.len()];
    for &at in &produced {
        at_station[at] += 1;
    }
    let mut latencies = Vec::new();
    let mut lost = 0usize;
    let mut expected_deliveries = 0usize;
    let mut extra = 0usize;
    let mut failed = 0usize;
    for (i, task) in tasks.into_iter().enumerate() {
        let expected = match follows(i) {
            Some(_) => at_station[i % stations.len()],
            None => events,
        };
        expected_deliveries += expected;
        match task.await? {
            Ok(received) => {
                lost += expected.saturating_sub(received.ids.len());
                extra += received.ids.len().saturating_sub(expected);
                latencies.extend(received.latencies);
            }
            Err(e) => {
                failed += 1;
                if failed <= 3 {
                    eprintln!("subscriber failed: {e:#}");
                }
            }
        }
    }
    latencies.sort_unstable();
    println!(
        "RESULT subscribers={count} audience={} rate={rate} events={events} produce_s={:.1} connect_s={:.1} \
         p50_ms={:.1} p99_ms={:.1} max_ms={:.1} expected={expected_deliveries} delivered={} lost={lost} extra={extra} failed_subscribers={failed} \
         rss_before_mib={:.0} rss_idle_mib={:.0} rss_busy_mib={:.0} kib_per_idle_subscriber={:.1}",
        if national { "national" } else { "stations" },
        produce_time.as_secs_f64(),
        connect_time.as_secs_f64(),
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.99),
        latencies.last().copied().unwrap_or(0) as f64 / 1000.0,
        latencies.len(),
        rss_before as f64 / 1024.0,
        rss_idle as f64 / 1024.0,
        rss_busy as f64 / 1024.0,
        (rss_idle.saturating_sub(rss_before)) as f64 / count as f64,
    );
    Ok(())
}
