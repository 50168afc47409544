//! The `cctns` binary as an operator meets it: clear one-line errors, idempotent migrate,
//! tokens, SDL.

use std::process::{Command, Output};

fn cctns(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cctns"))
        .args(args)
        .env_remove("DATABASE_URL")
        .env_remove("CCTNS_JWT_SECRET")
        .env("CCTNS_LOG", "error")
        .output()
        .expect("run cctns")
}

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
fn schema_prints_the_sdl() {
    let output = cctns(&["schema"]);
    assert!(output.status.success());
    let sdl = String::from_utf8(output.stdout).unwrap();
    assert!(sdl.contains("type Fir"));
}
