//! Starting and stopping the real `cctns` binary in tests.
#![allow(dead_code)] // each test file uses its own part

use std::process::Command;

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
    let mut command = Command::new(env!("CARGO_BIN_EXE_cctns"));
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
