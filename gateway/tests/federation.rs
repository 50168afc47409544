//! The gateway as a federation gateway over two real peer subgraphs written in Node
//! (`tests/peers/`): a forensic lab extending `Fir` and an e-Prosecution service extending
//! `Case`. One officer's query crosses all three graphs; the peers see a token the gateway
//! signed, never the client's; the crossing is audited; a dead peer nulls its own fields
//! only; `cctns compose` and `cctns plan` print what the gateway serves.

use serde_json::Value;
use tests::process::{Gateway, Peer, cctns, free_port, start_gateway_on, token};

/// Two peers and a demo gateway composing them.
fn federation() -> (Gateway, Peer, Peer) {
    let port = free_port();
    let jwks = format!("http://127.0.0.1:{port}/.well-known/jwks.json");
    let lab = Peer::start("forensic-lab.mjs", &jwks);
    let prosecution = Peer::start("e-prosecution.mjs", &jwks);
    let dir = tempfile::tempdir().unwrap();
    let lab_flag = format!("forensic-lab={}", lab.url);
    let prosecution_flag = format!("e-prosecution={}", prosecution.url);
    let (child, port) = start_gateway_on(
        &dir,
        port,
        &[
            "--demo",
            "--rate-limit-per-minute",
            "0",
            "--anonymous-rate-limit-per-minute",
            "0",
            "--subgraph",
            &lab_flag,
            "--subgraph",
            &prosecution_flag,
        ],
        &[("CCTNS_LOG", "error")],
    );
    let gateway = Gateway { child, port, dir };
    (gateway, lab, prosecution)
}

const CROSSING: &str = "{ firs(first: 3) { edges { node { number \
    labReports { examination conclusion } case { status scrutiny { outcome prosecutor } } } } } }";

#[tokio::test]
async fn an_officers_query_crosses_three_agencies_with_a_token_the_gateway_signed() {
    let (gateway, lab, prosecution) = federation();
    let officer = token("SUPERVISOR", "sp.crime");

    let answer = gateway.post(Some(&officer), CROSSING).await;
    assert!(answer.get("errors").is_none(), "{answer}");
    let edges = answer["data"]["firs"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 3);
    let reports: Vec<&Value> = edges
        .iter()
        .flat_map(|e| e["node"]["labReports"].as_array().unwrap())
        .collect();
    assert!(
        !reports.is_empty(),
        "the demo FIRs have lab reports: {answer}"
    );
    assert!(
        reports.iter().all(|r| r["conclusion"].is_string()),
        "{answer}"
    );
    assert!(
        edges
            .iter()
            .all(|e| e["node"]["case"]["scrutiny"].is_array()),
        "{answer}"
    );

    // Each peer saw one batched fetch, with the gateway's token, addressed to it.
    for (peer, name) in [(&lab, "forensic-lab"), (&prosecution, "e-prosecution")] {
        let requests = peer.requests().await;
        let fetches: Vec<&Value> = requests
            .iter()
            .filter(|r| r["query"].as_str().unwrap().contains("_entities"))
            .collect();
        assert_eq!(
            fetches.len(),
            1,
            "one _entities fetch per plan step: {requests:?}"
        );
        let claims = &fetches[0]["claims"];
        assert_eq!(claims["iss"], "cctns-gateway");
        assert_eq!(claims["aud"], name);
        assert_eq!(claims["sub"], "sp.crime");
        assert_eq!(claims["role"], "SUPERVISOR");
        assert_eq!(claims["scope"], "police");
        assert!(claims.get("name").is_none(), "not a configured claim");
    }

    // The crossing is in the audit log, under the officer's name.
    let auditor = token("AUDITOR", "vigilance");
    let log = gateway
        .post(
            Some(&auditor),
            r#"{ auditLog(first: 5, filter: { recordType: "Subgraph", actorSub: "sp.crime" }) {
                edges { node { operation fields } } } }"#,
        )
        .await;
    let records = log["data"]["auditLog"]["edges"].as_array().unwrap();
    assert_eq!(records.len(), 1, "{log}");
    let fields = records[0]["node"]["fields"].to_string();
    assert!(
        fields.contains("forensic-lab") && fields.contains("e-prosecution"),
        "{log}"
    );

    // The public keys the peers verified with are the gateway's.
    let jwks: Value = reqwest::get(format!(
        "http://127.0.0.1:{}/.well-known/jwks.json",
        gateway.port
    ))
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    assert_eq!(jwks["keys"][0]["alg"], "ES256");
}

#[tokio::test]
async fn a_dead_peer_nulls_its_own_fields_and_the_rest_stands() {
    let (gateway, mut lab, _prosecution) = federation();
    let officer = token("SUPERVISOR", "sp.crime");
    lab.kill();

    let answer = gateway
        .post(
            Some(&officer),
            "{ firs(first: 2) { edges { node { number exhibits { tag } case { scrutiny { outcome } } } } } }",
        )
        .await;
    let edges = answer["data"]["firs"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 2, "{answer}");
    for edge in edges {
        assert!(edge["node"]["number"].is_string(), "{answer}");
        assert!(edge["node"]["exhibits"].is_null(), "{answer}");
        assert!(edge["node"]["case"]["scrutiny"].is_array(), "{answer}");
    }
    let errors = answer["errors"].as_array().unwrap();
    assert!(!errors.is_empty());
    // One error per field the lab would have filled, at its path.
    let paths: Vec<&Value> = errors.iter().map(|e| &e["path"]).collect();
    assert_eq!(
        paths,
        [
            &serde_json::json!(["firs", "edges", 0, "node", "exhibits"]),
            &serde_json::json!(["firs", "edges", 1, "node", "exhibits"]),
        ],
        "{answer}"
    );
    for error in errors {
        assert_eq!(error["extensions"]["service"], "forensic-lab", "{answer}");
        assert_eq!(error["extensions"]["code"], "INTERNAL", "{answer}");
    }
}

#[tokio::test]
async fn a_query_that_stays_local_never_reaches_a_peer() {
    let (gateway, lab, prosecution) = federation();
    lab.forget_requests().await;
    prosecution.forget_requests().await;
    let answer = gateway
        .post(
            None,
            "{ policeStations(first: 2) { edges { node { code } } } }",
        )
        .await;
    assert!(answer.get("errors").is_none(), "{answer}");
    assert!(lab.requests().await.is_empty());
    assert!(prosecution.requests().await.is_empty());
    // The anonymous caller's crossing carries no token at all.
    gateway.post(None, "{ forensicLabs { code } }").await;
    let requests = lab.requests().await;
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0]["hadAuthorization"], false);
}

#[test]
fn compose_and_plan_print_the_supergraph_and_its_plan() {
    let jwks = "http://127.0.0.1:9/.well-known/jwks.json";
    let lab = Peer::start("forensic-lab.mjs", jwks);
    let flag = format!("forensic-lab={}", lab.url);

    let composed = cctns(&["compose", "--subgraph", &flag]);
    assert!(composed.status.success(), "{composed:?}");
    let sdl = String::from_utf8(composed.stdout).unwrap();
    assert!(sdl.contains("@join__graph(name: \"forensic-lab\""), "{sdl}");
    assert!(sdl.contains("@join__graph(name: \"cctns\", url: \"http://127.0.0.1:8080/graphql\")"));

    let planned = cctns(&[
        "plan",
        "--subgraph",
        &flag,
        "{ firs(first: 2) { edges { node { number exhibits { tag } } } } }",
    ]);
    assert!(planned.status.success(), "{planned:?}");
    let plan = String::from_utf8(planned.stdout).unwrap();
    assert!(plan.contains("Fetch(service: \"cctns\")"), "{plan}");
    assert!(
        plan.contains("Flatten(path: \"firs.edges.@.node\")"),
        "{plan}"
    );
    assert!(plan.contains("Fetch(service: \"forensic-lab\")"), "{plan}");

    let refused = cctns(&["compose", "--subgraph", "cctns=http://127.0.0.1:9/graphql"]);
    assert!(!refused.status.success());
    let unreachable = cctns(&["compose", "--subgraph", "lab=http://127.0.0.1:9/graphql"]);
    assert!(!unreachable.status.success());
    assert!(String::from_utf8_lossy(&unreachable.stderr).contains("unreachable"));
}

#[tokio::test]
async fn a_field_the_caller_may_not_see_is_never_fetched() {
    let (gateway, lab, prosecution) = federation();
    lab.forget_requests().await;
    prosecution.forget_requests().await;
    // An analyst holds scope `analysis`: neither the lab's conclusions nor the prosecutor's
    // name, but the examiner (any authenticated caller).
    let analyst = token("ANALYST", "scrb.analyst");
    let query = "query Hearing { firs(first: 3) { edges { node { number ...Lab \
        case { scrutiny { outcome prosecutor } } } } } } \
        fragment Lab on Fir { labReports { conclusion examiner } }";
    let answer = gateway.post(Some(&analyst), query).await;
    let errors = answer["errors"].as_array().cloned().unwrap_or_default();
    assert!(!errors.is_empty(), "{answer}");
    for error in &errors {
        assert_eq!(error["extensions"]["code"], "FORBIDDEN", "{answer}");
        let path = error["path"].as_array().unwrap();
        let field = path.last().unwrap();
        assert!(field == "prosecutor" || field == "conclusion", "{answer}");
        assert!(path.iter().any(Value::is_u64), "a concrete path: {answer}");
    }
    let edges = answer["data"]["firs"]["edges"].as_array().unwrap();
    for edge in edges {
        for result in edge["node"]["case"]["scrutiny"]
            .as_array()
            .into_iter()
            .flatten()
        {
            assert!(result["prosecutor"].is_null(), "{answer}");
            assert!(result["outcome"].is_string(), "{answer}");
        }
    }
    let asked: Vec<String> = prosecution
        .requests()
        .await
        .iter()
        .map(|r| r["query"].as_str().unwrap().to_owned())
        .collect();
    assert!(!asked.is_empty());
    assert!(asked.iter().all(|q| !q.contains("prosecutor")), "{asked:?}");
    let lab_asked = lab.requests().await;
    assert!(!lab_asked.is_empty());
    for request in &lab_asked {
        let q = request["query"].as_str().unwrap();
        assert!(q.contains("examiner") && !q.contains("conclusion"), "{q}");
    }

    // An anonymous caller gets neither: no remote fetch asks for them at all.
    lab.forget_requests().await;
    let answer = gateway
        .post(None, "{ firs(first: 3) { edges { node { number labReports { examination conclusion examiner } } } } }")
        .await;
    let errors = answer["errors"].as_array().unwrap();
    assert!(!errors.is_empty(), "{answer}");
    assert!(
        errors
            .iter()
            .all(|e| e["extensions"]["code"] == "FORBIDDEN"),
        "{answer}"
    );
    for request in lab.requests().await {
        let q = request["query"].as_str().unwrap();
        assert!(!q.contains("conclusion") && !q.contains("examiner"), "{q}");
    }
}

/// A subscription through the gateway's own WebSocket (graphql-transport-ws).
struct Subscription {
    socket: tokio_tungstenite::WebSocketStream<
        tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
    >,
}

impl Subscription {
    /// Subscribes to `query` with `bearer`, once the gateway acknowledged the connection.
    async fn open(gateway: &Gateway, bearer: &str, query: &str) -> Self {
        use futures_util::SinkExt;
        use tokio_tungstenite::tungstenite::client::IntoClientRequest;

        let mut request = format!("ws://127.0.0.1:{}/graphql", gateway.port)
            .into_client_request()
            .unwrap();
        request.headers_mut().insert(
            "Sec-WebSocket-Protocol",
            "graphql-transport-ws".parse().unwrap(),
        );
        let (socket, _) = tokio_tungstenite::connect_async(request).await.unwrap();
        let mut subscription = Self { socket };
        let init = serde_json::json!({ "type": "connection_init",
            "payload": { "Authorization": format!("Bearer {bearer}") } });
        subscription.socket.send(Self::text(init)).await.unwrap();
        let ack = subscription.message().await;
        assert_eq!(ack["type"], "connection_ack", "{ack}");
        let subscribe = serde_json::json!({ "type": "subscribe", "id": "1",
            "payload": { "query": query } });
        subscription
            .socket
            .send(Self::text(subscribe))
            .await
            .unwrap();
        subscription
    }

    fn text(message: Value) -> tokio_tungstenite::tungstenite::Message {
        tokio_tungstenite::tungstenite::Message::Text(message.to_string().into())
    }

    /// The next protocol message (pings aside), within 15 s.
    async fn message(&mut self) -> Value {
        use futures_util::StreamExt;
        use tokio_tungstenite::tungstenite::Message;
        tokio::time::timeout(std::time::Duration::from_secs(15), async {
            while let Some(message) = self.socket.next().await {
                let Message::Text(text) = message.unwrap() else {
                    continue;
                };
                let message: Value = serde_json::from_str(&text).unwrap();
                if message["type"] != "ping" && message["type"] != "pong" {
                    return message;
                }
            }
            panic!("the socket closed");
        })
        .await
        .expect("a message within 15 s")
    }

    /// The payload of the next event.
    async fn event(&mut self) -> Value {
        let message = self.message().await;
        assert_eq!(message["type"], "next", "{message}");
        message["payload"].clone()
    }
}

/// Each report the lab issues, with its FIR's number and station from the national graph.
const REPORTS_WITH_THEIR_FIRS: &str = "subscription { labReportIssued { examination \
    conclusion exhibit { tag fir { number station { name } } } } }";

#[tokio::test]
async fn a_subscription_of_the_lab_crosses_into_the_national_graph_per_event() {
    let (gateway, lab, _prosecution) = federation();
    let officer = token("SUPERVISOR", "sp.crime");
    let event = Subscription::open(&gateway, &officer, REPORTS_WITH_THEIR_FIRS)
        .await
        .event()
        .await;
    assert!(event.get("errors").is_none(), "{event}");
    let report = &event["data"]["labReportIssued"];
    assert!(report["examination"].is_string(), "{event}");
    // A police scope reads the conclusion: the lab verified the gateway's token.
    assert!(report["conclusion"].is_string(), "{event}");
    // The FIR's number and station come from the local graph, completed per event.
    let fir = &report["exhibit"]["fir"];
    assert!(fir["number"].is_string(), "{event}");
    assert!(fir["station"]["name"].is_string(), "{event}");

    // The lab was subscribed to over graphql-transport-ws, with the gateway's token.
    let subscribed = lab.request_mentioning("labReportIssued").await;
    assert_eq!(subscribed["transport"], "websocket", "{subscribed}");
    assert_eq!(subscribed["claims"]["aud"], "forensic-lab");
    assert_eq!(subscribed["claims"]["scope"], "police");

    // An analyst holds no police scope: the conclusion is withheld before the lab is
    // asked, and the rest of each event stands.
    lab.forget_requests().await;
    let analyst = token("ANALYST", "scrb.analyst");
    let event = Subscription::open(&gateway, &analyst, REPORTS_WITH_THEIR_FIRS)
        .await
        .event()
        .await;
    let report = &event["data"]["labReportIssued"];
    assert!(report["examination"].is_string(), "{event}");
    assert!(report["conclusion"].is_null(), "{event}");
    let errors = event["errors"].as_array().expect("the withheld field errs");
    assert!(
        errors.iter().any(|e| e["extensions"]["code"] == "FORBIDDEN"
            && e["path"] == serde_json::json!(["labReportIssued", "conclusion"])),
        "{event}"
    );
    for request in lab.requests().await {
        let q = request["query"].as_str().unwrap();
        assert!(!q.contains("conclusion"), "{q}");
    }
}

#[tokio::test]
async fn a_subgraph_configured_for_http_streams_is_subscribed_over_http_until_it_dies() {
    let port = free_port();
    let jwks = format!("http://127.0.0.1:{port}/.well-known/jwks.json");
    let mut lab = Peer::start("forensic-lab.mjs", &jwks);
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("cctns.toml");
    let toml = format!(
        "[[subgraphs]]\nname = \"forensic-lab\"\nurl = \"{}\"\nsubscriptions = \"http\"\n",
        lab.url
    );
    std::fs::write(&config, toml).unwrap();
    let (child, port) = start_gateway_on(
        &dir,
        port,
        &["--demo", "--config", config.to_str().unwrap()],
        &[("CCTNS_LOG", "error")],
    );
    let gateway = Gateway { child, port, dir };
    let officer = token("SUPERVISOR", "sp.crime");
    let mut subscription = Subscription::open(&gateway, &officer, REPORTS_WITH_THEIR_FIRS).await;
    let event = subscription.event().await;
    assert!(
        event["data"]["labReportIssued"]["exhibit"]["fir"]["number"].is_string(),
        "{event}"
    );
    let subscribed = lab.request_mentioning("labReportIssued").await;
    assert_eq!(subscribed["transport"], "http", "{subscribed}");
    assert_eq!(subscribed["claims"]["aud"], "forensic-lab");

    // The lab dies: the subscriber is told which subgraph failed, and the subscription ends.
    lab.kill();
    let mut message = subscription.message().await;
    while message["type"] == "next" && message["payload"].get("errors").is_none() {
        message = subscription.message().await; // an event already on its way
    }
    assert_eq!(message["type"], "next", "{message}");
    let error = &message["payload"]["errors"][0];
    assert_eq!(error["extensions"]["code"], "INTERNAL", "{message}");
    assert_eq!(error["extensions"]["service"], "forensic-lab", "{message}");
    assert_eq!(subscription.message().await["type"], "complete");
}

/// Sends SIGHUP to the gateway and waits for the outcome of the reload it asks for:
/// the log line saying whether the supergraph was reloaded.
fn hang_up(gateway: &Gateway, log: &std::sync::mpsc::Receiver<String>) -> String {
    while log.try_recv().is_ok() {} // what came before
    let status = std::process::Command::new("kill")
        .args(["-HUP", &gateway.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    loop {
        let line = log
            .recv_timeout(std::time::Duration::from_secs(15))
            .expect("a reload within 15 s");
        if line.contains("supergraph reload") {
            return line;
        }
    }
}

#[tokio::test]
async fn sighup_recomposes_and_a_failed_reload_keeps_the_last_good_supergraph() {
    let port = free_port();
    let jwks = format!("http://127.0.0.1:{port}/.well-known/jwks.json");
    let agency_port = free_port();
    let mut agency = Peer::start_as("e-prosecution.mjs", &jwks, agency_port, None);
    let dir = tempfile::tempdir().unwrap();
    let flag = format!("agency={}", agency.url);
    let (mut child, port) = start_gateway_on(
        &dir,
        port,
        &["--demo", "--subgraph", &flag],
        &[("CCTNS_LOG", "info")],
    );
    let (lines, log) = std::sync::mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let gateway = Gateway { child, port, dir };
    let officer = token("SUPERVISOR", "sp.crime");
    let labs = "{ forensicLabs { code } }";
    let answer = gateway.post(Some(&officer), labs).await;
    assert_eq!(
        answer["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{answer}"
    );

    // The agency now serves another SDL (the lab's): SIGHUP composes it in.
    agency.kill();
    let mut agency = Peer::start_as("forensic-lab.mjs", &jwks, agency_port, Some("agency"));
    assert!(hang_up(&gateway, &log).contains("supergraph reloaded"));
    let answer = gateway.post(Some(&officer), labs).await;
    assert!(answer.get("errors").is_none(), "{answer}");
    assert!(
        answer["data"]["forensicLabs"][0]["code"].is_string(),
        "{answer}"
    );

    // The agency goes down: the reload fails, and the supergraph it last composed still
    // serves: its fields are planned, and err as an unreachable subgraph's do.
    agency.kill();
    let line = hang_up(&gateway, &log);
    assert!(line.contains("still serving the last good one"), "{line}");
    assert!(
        line.contains("agency"),
        "the failure names the subgraph: {line}"
    );
    let answer = gateway.post(Some(&officer), labs).await;
    let error = &answer["errors"][0];
    assert_eq!(error["extensions"]["code"], "INTERNAL", "{answer}");
    assert_eq!(error["extensions"]["service"], "agency", "{answer}");
    let local = gateway
        .post(
            Some(&officer),
            "{ policeStations(first: 1) { edges { node { code } } } }",
        )
        .await;
    assert!(local.get("errors").is_none(), "{local}");
}

#[test]
fn subgraphs_that_do_not_compose_are_reported_by_name() {
    let jwks = "http://127.0.0.1:9/.well-known/jwks.json";
    let lab = Peer::start("forensic-lab.mjs", jwks);
    let first = format!("forensic-lab={}", lab.url);
    let second = format!("lab-copy={}", lab.url);
    let refused = cctns(&["compose", "--subgraph", &first, "--subgraph", &second]);
    assert!(!refused.status.success());
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(message.contains("forensicLabs"), "{message}");
}

#[tokio::test]
async fn the_circuit_breaker_stops_calling_a_failing_subgraph() {
    let (gateway, lab, _prosecution) = federation();
    let fail = lab.url.replace("/graphql", "/_fail");
    reqwest::Client::new()
        .put(&fail)
        .json(&serde_json::json!({ "status": 503 }))
        .send()
        .await
        .unwrap();
    lab.forget_requests().await;

    let mut last = Value::Null;
    for _ in 0..20 {
        last = gateway
            .post(
                None,
                "{ forensicLabs { code } policeStations(first: 1) { edges { node { code } } } }",
            )
            .await;
        // The rest of the answer stands whatever the lab does.
        assert!(last["data"]["policeStations"]["edges"].is_array(), "{last}");
    }
    let reached = lab.requests().await.len();
    assert!(
        (5..20).contains(&reached),
        "the lab was called {reached} times of 20"
    );
    assert_eq!(
        last["errors"][0]["extensions"]["reason"], "SUBGRAPH_CIRCUIT_BREAKER_REJECTED",
        "{last}"
    );
}
