//! The `cctns` binary as an operator meets it: clear one-line errors, idempotent migrate,
//! tokens, SDL.

use std::process::Output;

use tests::process::{cctns, cctns_with, http, start_gateway, terminate};

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_one_clear_line(output: &Output, needle: &str) {
    assert!(!output.status.success());
    let text = stderr(output);
    assert!(!text.contains("panicked"), "{text}");
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "exactly one line: {text}");
    assert!(lines[0].contains(needle), "{text}");
}

#[test]
fn unsupported_database_url_is_one_clear_line() {
    let output = cctns(&["migrate", "--database-url", "mysql://root@localhost/cctns"]);
    assert_one_clear_line(&output, "unsupported DATABASE_URL");
}

#[test]
fn unreachable_postgres_is_one_clear_line_and_hides_the_password() {
    let output = cctns(&[
        "migrate",
        "--database-url",
        "postgres://cctns:hunter2@127.0.0.1:1/cctns",
    ]);
    assert_one_clear_line(&output, "cannot open database");
    assert!(!stderr(&output).contains("hunter2"));
}

#[test]
fn unknown_flag_is_refused_without_a_trace() {
    let output = cctns(&["serve", "--no-such-flag"]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(
        text.starts_with("error: unexpected argument '--no-such-flag'"),
        "{text}"
    );
    assert!(!text.contains("panicked"));
}

#[test]
fn migrate_twice_is_a_no_op() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("m.db").display());
    for _ in 0..2 {
        let output = cctns(&["migrate", "--database-url", &url]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
}

#[test]
fn migrate_twice_is_a_no_op_on_postgres() {
    let url = std::env::var("CCTNS_TEST_POSTGRES_URL")
        .expect("CCTNS_TEST_POSTGRES_URL is not set: run the suite with `bash scripts/test.sh`");
    for _ in 0..2 {
        let output = cctns(&["migrate", "--database-url", &url]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
}

#[test]
fn token_prints_a_signed_jwt_and_refuses_unknown_roles() {
    let output = cctns(&[
        "token",
        "--role",
        "SUPERVISOR",
        "--unit",
        "MH",
        "--sub",
        "MH.dgp",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let token = String::from_utf8(output.stdout).unwrap();
    assert_eq!(token.trim().split('.').count(), 3);
    let output = cctns(&["token", "--role", "ROOT", "--unit", "MH"]);
    assert_one_clear_line(&output, "unknown role");
}

#[test]
fn production_refuses_demo_before_touching_the_database() {
    // The attempt: an operator (or a script) starts production with `--demo`, configured
    // otherwise as production must be (tokens from an identity provider's key, an id key).
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("production.db");
    let url = format!("sqlite://{}?mode=rwc", database.display());
    let key = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rsa_public.pem");
    for environment in [["--production"], ["--env=production"]] {
        let output = cctns_with(
            &[
                &[
                    "serve",
                    "--demo",
                    "--database-url",
                    &url,
                    "--jwt-public-key",
                    key,
                ],
                &environment[..],
            ]
            .concat(),
            &[("CCTNS_ID_KEY", "cli-test-id-key")],
        );
        // What follows: a refusal naming the flag, and no database at all (nothing
        // seeded, no sample token printed).
        assert_one_clear_line(&output, "--demo");
        assert!(output.stdout.is_empty(), "{output:?}");
        assert!(!database.exists(), "the database was opened");
    }
}

#[test]
fn schema_prints_the_sdl() {
    let output = cctns(&["schema"]);
    assert!(output.status.success());
    let sdl = String::from_utf8(output.stdout).unwrap();
    assert!(sdl.contains("type Fir"));
    // Integrators generate their subscription clients from it too.
    assert!(sdl.contains("type Subscription {"), "no Subscription root");
    assert!(sdl.contains("\tevents("), "no events subscription");
}

#[test]
fn sigterm_lets_a_request_already_in_flight_finish() {
    use std::io::{Read, Write};
    let dir = tempfile::tempdir().unwrap();
    let (server, port) = start_gateway(&dir, &[("CCTNS_LOG", "info,sqlx=warn")]);
    let body = r#"{"query":"query Stations { policeStations(first: 1) { totalCount } }"}"#;
    let (head, tail) = body.split_at(20);
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "POST /graphql HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{head}",
        body.len()
    )
    .unwrap();
    stream.flush().unwrap();
    // The request is in flight (its body half sent) when the signal comes.
    std::thread::sleep(std::time::Duration::from_millis(300));
    terminate(&server);
    std::thread::sleep(std::time::Duration::from_millis(300));
    stream.write_all(tail.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("\"totalCount\""), "{response}");
    let output = server.wait_with_output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let logs = String::from_utf8_lossy(&output.stderr);
    assert!(logs.contains("draining in-flight requests"), "{logs}");
    assert!(logs.contains("shut down cleanly"), "{logs}");
}

/// A stand-in OpenTelemetry collector: accepts OTLP/HTTP posts on its port and keeps
/// each request's path and body.
fn collector() -> (u16, std::sync::mpsc::Receiver<(String, Vec<u8>)>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (sent, received) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            reader.read_line(&mut request_line).unwrap_or_default();
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap_or_default();
            let path = request_line
                .split(' ')
                .nth(1)
                .unwrap_or_default()
                .to_owned();
            let _ = sent.send((path, body));
            let mut stream = stream;
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\nContent-Length: 0\r\n\r\n",
            );
        }
    });
    (port, received)
}

#[test]
fn logs_and_exported_traces_carry_the_request_id_the_client_sent() {
    let (collector_port, exported) = collector();
    let dir = tempfile::tempdir().unwrap();
    let otlp = format!("http://127.0.0.1:{collector_port}");
    let (server, port) = start_gateway(
        &dir,
        &[
            ("CCTNS_LOG", "info,sqlx=warn"),
            ("CCTNS_LOG_FORMAT", "json"),
            ("OTEL_EXPORTER_OTLP_ENDPOINT", &otlp),
        ],
    );
    let health = "GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
    let body = r#"{"query":"query Stations { policeStations(first: 1) { totalCount } }"}"#;
    let response = http(
        port,
        &format!(
            "POST /graphql HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n\
             x-request-id: trace-abc-123\r\ntraceparent: 00-{TRACE_ID}-00f067aa0ba902b7-01\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    )
    .unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(
        response
            .to_ascii_lowercase()
            .contains("x-request-id: trace-abc-123"),
        "{response}"
    );
    let unnamed = http(port, health).unwrap();
    assert!(
        unnamed.to_ascii_lowercase().contains("x-request-id: "),
        "an id is made: {unnamed}"
    );

    // SIGTERM: a graceful shutdown, then the logs.
    terminate(&server);
    let output = server.wait_with_output().unwrap();
    let logs = String::from_utf8_lossy(&output.stderr);
    let line = logs
        .lines()
        .find(|l| l.contains("graphql operation"))
        .unwrap_or_else(|| panic!("no operation line in {logs}"));
    let entry: serde_json::Value = serde_json::from_str(line).expect("a JSON log line");
    assert_eq!(entry["span"]["request_id"], "trace-abc-123", "{entry}");
    assert_eq!(entry["fields"]["operation"], "Stations", "{entry}");
    assert_eq!(entry["fields"]["outcome"], "ok", "{entry}");
    assert!(
        !line.contains("totalCount"),
        "no query text in the logs: {line}"
    );
    assert!(logs.contains("shut down cleanly"), "{logs}");

    // The request's span reached the collector, flushed at shutdown, in the caller's trace.
    let spans: Vec<(String, Vec<u8>)> = exported.try_iter().collect();
    let (path, body) = spans
        .iter()
        .find(|(_, body)| contains(body, b"trace-abc-123"))
        .unwrap_or_else(|| panic!("no span with the request id among {} posts", spans.len()));
    assert_eq!(path, "/v1/traces");
    let trace_id: Vec<u8> = (0..16)
        .map(|i| u8::from_str_radix(&TRACE_ID[2 * i..2 * i + 2], 16).unwrap())
        .collect();
    assert!(
        contains(body, &trace_id),
        "the span joins the caller's trace"
    );
    assert!(contains(body, b"cctns"), "the service is named");
}

/// The W3C trace id the client's `traceparent` carries.
const TRACE_ID: &str = "4bf92f3577b34da6a3ce929d0e0e4736";

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
