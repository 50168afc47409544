//! Fuzzes the gateway's whole HTTP request path in process: method, content type,
//! `Accept`, credentials and body all come from the fuzzer's bytes, and the request goes
//! through the real router (body limits, CSRF and batch rules, JSON parsing, document
//! limits, validation, the field policy and execution) over a SQLite database with the
//! demo data. A request may be refused, but never with a 5xx, and every answer the
//! gateway gives as JSON must be readable JSON.
//!
//!     cargo install cargo-fuzz
//!     cd fuzz && cargo +nightly fuzz run request -- -max_total_time=300

#![no_main]

use std::net::SocketAddr;
use std::sync::OnceLock;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, header};
use gateway::app::{App, AppConfig};
use gateway::auth::{self, TokenRequest, Verifier};
use gateway::config::{Environment, JwtArgs, RouterOptions, Secret};
use gateway::rate_limit::RateLimits;
use http_body_util::BodyExt;
use libfuzzer_sys::fuzz_target;
use schema::db::PoolOptions;
use tower::ServiceExt;

/// The secret the fuzzing gateway verifies tokens with.
const SECRET: &str = "fuzzing-secret-fuzzing-secret-fuzzing-secret";

struct Harness {
    runtime: tokio::runtime::Runtime,
    app: Router,
    /// Bearer values: an officer, an analyst, a citizen, and a forged one.
    tokens: Vec<String>,
}

fn harness() -> &'static Harness {
    static HARNESS: OnceLock<Harness> = OnceLock::new();
    HARNESS.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let secret: Secret = SECRET.parse().expect("secret");
        let app = runtime.block_on(async {
            let path = std::env::temp_dir().join(format!("cctns-fuzz-{}.db", std::process::id()));
            let _ = std::fs::remove_file(&path);
            let url = format!("sqlite://{}?mode=rwc", path.display());
            let (db, _) = gateway::app::open(&url, PoolOptions::maintenance())
                .await
                .expect("connect");
            gateway::app::migrate(&db).await.expect("migrate");
            seed::seed(&db, &seed::SeedOptions::demo())
                .await
                .expect("demo data");
            db.close().await.ok();
            let jwt = JwtArgs {
                jwt_secret: Some(secret.clone()),
                jwt_public_key: None,
                jwt_issuer: None,
                jwt_audience: None,
            };
            let verifier = Verifier::from_config(&jwt, Environment::Development).expect("verifier");
            let options = RouterOptions {
                rate_limits: RateLimits::UNLIMITED,
                ..RouterOptions::default()
            };
            let app = App::start(AppConfig {
                database_url: url,
                pool: PoolOptions::default(),
                verifier,
                options,
                federation: Default::default(),
            })
            .await
            .expect("start the gateway");
            app.router
        });
        let token = |role: &str, unit: &str| {
            auth::mint(
                &secret,
                &TokenRequest {
                    sub: format!("fuzz.{role}"),
                    role: role.to_owned(),
                    unit: unit.to_owned(),
                    rank: None,
                    name: None,
                    ttl_seconds: 86_400,
                    issuer: None,
                    audience: None,
                },
            )
            .expect("mint")
        };
        let tokens = vec![
            token("STATION_OFFICER", "MH-PUN-PS001"),
            token("ANALYST", "IN"),
            token("CITIZEN", "IN"),
            "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.".to_owned(),
        ];
        Harness {
            runtime,
            app,
            tokens,
        }
    })
}

const CONTENT_TYPES: &[Option<&str>] = &[
    Some("application/json"),
    Some("application/json; charset=utf-8"),
    Some("application/graphql-response+json"),
    Some("text/plain"),
    Some("application/x-www-form-urlencoded"),
    None,
];

const ACCEPTS: &[Option<&str>] = &[
    None,
    Some("application/graphql-response+json"),
    Some("application/json"),
    Some("text/html"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&choice, body)) = data.split_first() else {
        return;
    };
    let h = harness();
    let get = choice & 0x80 != 0;
    let content_type = CONTENT_TYPES[(choice & 0x07) as usize % CONTENT_TYPES.len()];
    let accept = ACCEPTS[((choice >> 3) & 0x03) as usize];
    let token = match (choice >> 5) & 0x03 {
        0 => None,
        n => h.tokens.get(n as usize - 1 + usize::from(choice & 0x01)),
    };
    let mut request = if get {
        let query: String = body.iter().map(|b| format!("%{b:02X}")).collect();
        Request::builder()
            .method(Method::GET)
            .uri(format!("/graphql?query={query}"))
    } else {
        Request::builder().method(Method::POST).uri("/graphql")
    };
    if let Some(content_type) = content_type {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    if let Some(accept) = accept {
        request = request.header(header::ACCEPT, accept);
    }
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    let body = if get {
        Body::empty()
    } else {
        Body::from(body.to_vec())
    };
    let mut request = request.body(body).expect("request");
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40_000))));
    let (status, content_type, bytes) = h.runtime.block_on(async {
        let response = h.app.clone().oneshot(request).await.expect("infallible");
        let status = response.status();
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        (status, content_type, bytes)
    });
    assert!(
        !status.is_server_error(),
        "{status} for {:?}: {}",
        String::from_utf8_lossy(data),
        String::from_utf8_lossy(&bytes)
    );
    if content_type.contains("json") {
        let answer: serde_json::Value = serde_json::from_slice(&bytes).expect("readable JSON");
        for error in answer["errors"].as_array().into_iter().flatten() {
            assert!(
                error["extensions"]["code"].is_string(),
                "an error without a code: {answer}"
            );
            assert_ne!(error["extensions"]["code"], "INTERNAL", "{answer}");
        }
    }
});
