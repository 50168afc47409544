//! The federation gateway against a reference: Hive Gateway (`@graphql-hive/gateway`)
//! serving the same supergraph (`cctns compose`) over the same subgraphs. Every operation
//! of `fixtures/federation_corpus.json` goes to both; their answers must agree.
//!
//! Agreement: `data` equal; the same set of errors by path and code. Codes are compared as
//! the contract names them: a reference error outside the contract's set (`SUBREQUEST_…`)
//! is `INTERNAL`, its validation, parse and variable failures are `BAD_USER_INPUT`.
//! Messages are each engine's own and are not compared, nor are list indices in error
//! paths: Hive Gateway 2.15 gives the errors of every item of a list the first item's index
//! (`firs.edges.0…` twice where `cctns` says `0` and `4`).
//!
//! The reference forwards the client's token to the local graph only (as `cctns` never
//! passes it to other agencies) and sends the peers nothing, so officer operations in the
//! corpus read no field a peer guards by scope.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Child;

use serde_json::{Value, json};
use tests::process::{Peer, cctns, free_port, post_graphql, start_gateway_on, start_node, token};

/// The contract's error codes (CONTRACT.md, "Errors").
const CONTRACT_CODES: [&str; 8] = [
    "UNAUTHENTICATED",
    "FORBIDDEN",
    "BAD_USER_INPUT",
    "NOT_FOUND",
    "CONFLICT",
    "QUERY_TOO_COMPLEX",
    "RATE_LIMITED",
    "INTERNAL",
];

/// A child process killed when dropped.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

/// Hive Gateway over `supergraph`, through `tests/peers/hive-gateway.mjs`.
fn reference_gateway(supergraph: &Path) -> (Process, String) {
    let port = free_port();
    let child = start_node(
        "hive-gateway.mjs",
        &[
            "--supergraph",
            supergraph.to_str().unwrap(),
            "--port",
            &port.to_string(),
        ],
        &[],
    );
    (Process(child), format!("http://127.0.0.1:{port}/graphql"))
}

/// The errors of an answer as (path, contract code), sorted.
fn errors_of(answer: &Value) -> BTreeSet<(String, String)> {
    let mut errors = BTreeSet::new();
    for error in answer["errors"].as_array().into_iter().flatten() {
        let path = error["path"]
            .as_array()
            .map(|p| {
                p.iter()
                    .map(|s| s.as_str().unwrap_or("@"))
                    .collect::<Vec<_>>()
                    .join(".")
            })
            .unwrap_or_default();
        // An error without a code, path or data is a request error (a variable that does
        // not coerce): bad input in the contract's words.
        let uncoded = if path.is_empty() && answer["data"].is_null() {
            "BAD_USER_INPUT"
        } else {
            "INTERNAL"
        };
        let code = error["extensions"]["code"].as_str().unwrap_or(uncoded);
        let code = match code {
            "GRAPHQL_VALIDATION_FAILED" | "GRAPHQL_PARSE_FAILED" | "BAD_REQUEST" => {
                "BAD_USER_INPUT"
            }
            known if CONTRACT_CODES.contains(&known) => known,
            _ => "INTERNAL",
        };
        errors.insert((path, code.to_owned()));
    }
    errors
}

/// An answer as compared: its data (absent is null) and its errors.
fn comparable(answer: &Value) -> (Value, BTreeSet<(String, String)>) {
    (
        answer.get("data").cloned().unwrap_or(Value::Null),
        errors_of(answer),
    )
}

/// The corpus names records readably, as base64url of `Kind:row` (`RmlyOjQwMA` is FIR row
/// 400), and a peer's records as base64url of `Kind:<parent id>:n`. The gateway's ids are
/// opaque (`schema::ids`, under the development key both processes use), so each such id is
/// translated to the one the gateway serves for that row, and a peer's around it.
fn opaque_ids(corpus: &str) -> String {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
    fn translate(word: &str) -> Option<String> {
        let text = String::from_utf8(B64.decode(word).ok()?).ok()?;
        let (kind, rest) = text.split_once(':')?;
        if let Ok(row) = rest.parse::<i64>()
            && matches!(kind, "Fir" | "Case")
        {
            return Some(schema::ids::encode(kind, row).0);
        }
        let (parent, n) = rest.rsplit_once(':')?;
        if !matches!(kind, "Exhibit" | "LabReport" | "ScrutinyResult") {
            return None;
        }
        Some(B64.encode(format!("{kind}:{}:{n}", translate(parent)?)))
    }
    let mut out = String::with_capacity(corpus.len());
    let mut word = String::new();
    for c in corpus.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            word.push(c);
            continue;
        }
        out.push_str(&translate(&word).unwrap_or_else(|| word.clone()));
        word.clear();
        out.push(c);
    }
    out.pop();
    out
}

#[tokio::test]
async fn cctns_answers_the_corpus_as_hive_gateway_does() {
    let corpus: Vec<Value> =
        serde_json::from_str(&opaque_ids(include_str!("fixtures/federation_corpus.json")))
            .expect("the corpus is JSON");
    assert!(corpus.len() >= 30, "at least 30 operations");

    // The subgraphs: two peers and the local graph as a plain gateway (the reference's
    // `cctns` subgraph), over one demo database.
    let federated_port = free_port();
    let jwks = format!("http://127.0.0.1:{federated_port}/.well-known/jwks.json");
    let lab = Peer::start("forensic-lab.mjs", &jwks);
    let prosecution = Peer::start("e-prosecution.mjs", &jwks);
    let dir = tempfile::tempdir().unwrap();
    let quiet = [("CCTNS_LOG", "error")];
    let local_port = free_port();
    let unlimited = [
        "--rate-limit-per-minute",
        "0",
        "--anonymous-rate-limit-per-minute",
        "0",
    ];
    let (local, _) = start_gateway_on(
        &dir,
        local_port,
        &[&["--demo"][..], &unlimited].concat(),
        &quiet,
    );
    let _local = Process(local);

    // The supergraph both gateways serve.
    let lab_flag = format!("forensic-lab={}", lab.url);
    let prosecution_flag = format!("e-prosecution={}", prosecution.url);
    let local_url = format!("http://127.0.0.1:{local_port}/graphql");
    let composed = cctns(&[
        "compose",
        "--subgraph",
        &lab_flag,
        "--subgraph",
        &prosecution_flag,
        "--local-url",
        &local_url,
    ]);
    assert!(composed.status.success(), "{composed:?}");
    let supergraph = dir.path().join("supergraph.graphql");
    std::fs::write(&supergraph, &composed.stdout).unwrap();
    let (_hive, hive_url) = reference_gateway(&supergraph);

    let federation_args = [
        &unlimited[..],
        &["--subgraph", &lab_flag, "--subgraph", &prosecution_flag],
    ]
    .concat();
    let (federated, _) = start_gateway_on(&dir, federated_port, &federation_args, &quiet);
    let _federated = Process(federated);
    let cctns_url = format!("http://127.0.0.1:{federated_port}/graphql");

    let officer = token("SUPERVISOR", "sp.crime");
    let mut disagreements = Vec::new();
    for operation in &corpus {
        let name = operation["name"].as_str().unwrap();
        let caller = match operation["as"].as_str().unwrap() {
            "officer" => Some(officer.as_str()),
            _ => None,
        };
        let mut body = json!({ "query": operation["query"] });
        if let Some(variables) = operation.get("variables") {
            body["variables"] = variables.clone();
        }
        let ours = post_graphql(&cctns_url, caller, &body).await;
        let theirs = post_graphql(&hive_url, caller, &body).await;
        if comparable(&ours) != comparable(&theirs) {
            disagreements.push(format!("{name}:\n  cctns: {ours}\n  hive:  {theirs}"));
        }
    }
    println!(
        "{} operations, {} agree with Hive Gateway",
        corpus.len(),
        corpus.len() - disagreements.len()
    );
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}
