//! Starting and stopping the real `cctns` binary (and the Node peer subgraphs of
//! `tests/peers`) as processes, for the gateway's command-line and federation tests.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

/// The `cctns` binary of this build: beside the running test's `deps/` folder (cargo
/// builds it for the gateway's integration tests, the only ones that start it).
pub fn cctns_bin() -> PathBuf {
    let test = std::env::current_exe().expect("the test binary's path");
    let profile = test
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>/deps/<test>");
    let bin = profile.join(format!("cctns{}", std::env::consts::EXE_SUFFIX));
    assert!(bin.exists(), "{} is not built", bin.display());
    bin
}

/// Sends one raw HTTP/1.1 request to `port`; returns the whole response text.
pub fn http(port: u16, request: &str) -> Option<String> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.write_all(request.as_bytes()).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    Some(response)
}

/// Starts `cctns serve` over a fresh SQLite database in `dir` with `env`, and waits
/// until it answers; returns the process and its port.
pub fn start_gateway(dir: &tempfile::TempDir, env: &[(&str, &str)]) -> (std::process::Child, u16) {
    start_gateway_with(dir, &[], env)
}

/// [`start_gateway`] with more `serve` arguments.
pub fn start_gateway_with(
    dir: &tempfile::TempDir,
    args: &[&str],
    env: &[(&str, &str)],
) -> (std::process::Child, u16) {
    let port = free_port();
    start_gateway_on(dir, port, args, env)
}

/// A port nothing listens on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// [`start_gateway_with`] on `port`.
pub fn start_gateway_on(
    dir: &tempfile::TempDir,
    port: u16,
    args: &[&str],
    env: &[(&str, &str)],
) -> (std::process::Child, u16) {
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("gateway.db").display()
    );
    let mut command = Command::new(cctns_bin());
    command
        .args([
            "serve",
            "--database-url",
            &url,
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .args(args)
        .env_remove("CCTNS_JWT_SECRET")
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null());
    for (name, value) in env {
        command.env(name, value);
    }
    let server = command.spawn().expect("start cctns serve");
    let health = "GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
    let started = (0..300).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        http(port, health).is_some_and(|r| r.starts_with("HTTP/1.1 200"))
    });
    assert!(started, "the gateway did not start");
    (server, port)
}

/// Sends SIGTERM to `server`.
pub fn terminate(server: &std::process::Child) {
    Command::new("kill")
        .arg(server.id().to_string())
        .status()
        .unwrap();
}

/// Runs `tests/peers/SCRIPT ARGS` under Node with `env` added, once it printed its
/// `listening on …` line.
pub fn start_node(script: &str, args: &[&str], env: &[(&str, &str)]) -> Child {
    use std::io::{BufRead, BufReader};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("peers");
    let mut child = Command::new("node")
        .arg(dir.join(script))
        .args(args)
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("node runs the script (tests/peers: npm ci)");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.starts_with("listening on"), "{script}: {line}");
    child
}

/// A peer subgraph process, stopped when dropped.
pub struct Peer {
    child: Child,
    /// Its GraphQL endpoint.
    pub url: String,
}

impl Peer {
    /// Starts `tests/peers/SCRIPT` on a free port, trusting tokens signed with the keys
    /// at `jwks_url`, and waits for its ready line.
    pub fn start(script: &str, jwks_url: &str) -> Peer {
        Self::start_as(script, jwks_url, free_port(), None)
    }

    /// [`Peer::start`] on `port`, presenting itself as `name` (the audience of the tokens
    /// it accepts) instead of its own.
    pub fn start_as(script: &str, jwks_url: &str, port: u16, name: Option<&str>) -> Peer {
        let port_arg = port.to_string();
        // The FIRs whose exhibits the lab holds, by the gateway's opaque ids (as police
        // send them with the exhibits): the demo data's first 50 FIRs.
        let firs: Vec<String> = (1..=50)
            .map(|row| schema::ids::encode("Fir", row).0)
            .collect();
        let firs = firs.join(",");
        let mut env = vec![("CCTNS_JWKS_URL", jwks_url), ("LAB_FIR_IDS", firs.as_str())];
        env.extend(name.map(|name| ("PEER_NAME", name)));
        Peer {
            child: start_node(script, &["--port", &port_arg], &env),
            url: format!("http://127.0.0.1:{port}/graphql"),
        }
    }

    /// Every GraphQL request the peer received, with the claims it verified.
    pub async fn requests(&self) -> Vec<Value> {
        let log = self.url.replace("/graphql", "/_requests");
        let body: Value = reqwest::get(&log).await.unwrap().json().await.unwrap();
        body.as_array().unwrap().clone()
    }

    /// The first request the peer logged whose query mentions `needle`.
    pub async fn request_mentioning(&self, needle: &str) -> Value {
        self.requests()
            .await
            .into_iter()
            .find(|r| r["query"].as_str().unwrap().contains(needle))
            .unwrap_or_else(|| panic!("the peer was never asked for {needle}"))
    }

    /// Forgets the requests logged so far.
    pub async fn forget_requests(&self) {
        let log = self.url.replace("/graphql", "/_requests");
        reqwest::Client::new().delete(&log).send().await.unwrap();
    }

    /// Stops the peer.
    pub fn kill(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The gateway, stopped when dropped.
pub struct Gateway {
    /// The process.
    pub child: Child,
    /// Where it listens.
    pub port: u16,
    /// Its database's directory, removed with it.
    pub dir: tempfile::TempDir,
}

impl Drop for Gateway {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

impl Gateway {
    /// The answer to `query` for the caller with `token` (none: anonymous).
    pub async fn post(&self, token: Option<&str>, query: &str) -> Value {
        let url = format!("http://127.0.0.1:{}/graphql", self.port);
        post_graphql(&url, token, &json!({ "query": query })).await
    }
}

/// POSTs the GraphQL request `body` to `url`; the JSON answer, whatever its HTTP status.
pub async fn post_graphql(url: &str, token: Option<&str>, body: &Value) -> Value {
    let mut request = reqwest::Client::new().post(url).json(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap().json().await.unwrap()
}

/// Runs `cctns ARGS` to completion with the development secret and quiet logs.
pub fn cctns(args: &[&str]) -> std::process::Output {
    cctns_with(args, &[])
}

/// [`cctns`] with `env` set.
pub fn cctns_with(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    Command::new(cctns_bin())
        .args(args)
        .env_remove("DATABASE_URL")
        .env_remove("CCTNS_JWT_SECRET")
        .env("CCTNS_LOG", "error")
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

/// A development token for `role` at unit `IN`.
pub fn token(role: &str, sub: &str) -> String {
    let output = cctns(&["token", "--role", role, "--unit", "IN", "--sub", sub]);
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}
