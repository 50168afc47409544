//! Identify: the caller from the value of an `Authorization` header (or a WebSocket
//! `connection_init` payload). Every refused token is audited (CJIS: unsuccessful logon
//! attempts, one record per client address and window) and counted against the address's
//! anonymous rate.

use std::time::Duration;

use schema::audit;
use schema::error::{ApiError, ErrorCode};
use schema::policy::Principal;

use super::AppState;

/// Why a caller was not identified.
pub(crate) enum Unidentified {
    /// The token was refused (the refusal is counted for the audit trail).
    Refused,
    /// The token was refused, and the client's address has used up its rate: whole
    /// seconds until it may try again.
    OverRate(u64),
    /// The identity could not be checked (database unreachable).
    Unavailable(ApiError),
}

/// Identifies a caller: no authorization is the anonymous principal; a token must verify
/// and name a known unit.
pub(crate) async fn identify(
    state: &AppState,
    authorization: Option<&str>,
    client: Option<String>,
) -> Result<Principal, Unidentified> {
    identify_until(state, authorization, client)
        .await
        .map(|(principal, _)| principal)
}

/// [`identify`], with the token's expiry (`exp`, seconds since the epoch) if there was one.
pub(crate) async fn identify_until(
    state: &AppState,
    authorization: Option<&str>,
    client: Option<String>,
) -> Result<(Principal, Option<i64>), Unidentified> {
    let Some(value) = authorization else {
        return Ok((Principal::anonymous(), None));
    };
    let refuse = |sub: Option<String>, reason: String| async move {
        refuse_token(state, client, sub, &reason).await
    };
    let Some(token) = value.strip_prefix("Bearer ") else {
        return Err(refuse(None, "malformed Authorization header".into()).await);
    };
    let claims = match state.inner.verifier.verify(token.trim()) {
        Ok(claims) => claims,
        Err(e) => {
            tracing::info!(reason = %e.0, "token refused");
            return Err(refuse(None, e.0).await);
        }
    };
    match schema::identity::resolve_principal(&state.inner.db, &claims).await {
        Ok(principal) => Ok((principal, Some(claims.exp))),
        Err(ApiError {
            code: ErrorCode::Unauthenticated,
            message,
            ..
        }) => {
            tracing::info!(reason = %message, sub = %claims.sub, "token refused");
            Err(refuse(Some(claims.sub.clone()), message).await)
        }
        Err(e) => Err(Unidentified::Unavailable(e)),
    }
}

/// Counts a refused token from `client` (naming `sub`, if it verified) for the audit
/// trail and against the address's anonymous rate, as one operation: a flood of bad
/// tokens is refused like any other flood, and audited a row per address and window.
async fn refuse_token(
    state: &AppState,
    client: Option<String>,
    sub: Option<String>,
    reason: &str,
) -> Unidentified {
    let over = state.over_rate(&Principal::anonymous(), client.as_deref(), 1);
    let refusals = &state.inner.refusals;
    refusals.note(client, sub, reason, chrono::Utc::now());
    if refusals.window().is_zero() {
        audit_refusals(state, &refusals.take_closed(chrono::Utc::now())).await;
    }
    over.map_or(Unidentified::Refused, Unidentified::OverRate)
}

/// Writes tallies of refused tokens to the audit trail (a failure is logged: the refusal
/// itself stands).
async fn audit_refusals(state: &AppState, refused: &[audit::RefusedTokens]) {
    if let Err(e) = audit::refused_authentications(&state.inner.db, refused).await {
        tracing::error!(error = %e, "audit record of refused tokens not written");
    }
}

/// Writes each closed window of refused tokens to the audit trail, looking every half
/// window, for as long as the gateway runs (when a runtime is there to run it).
pub(super) fn keep_auditing_refusals(state: &AppState) {
    let window = state.inner.refusals.window();
    if window.is_zero() {
        return;
    }
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return;
    };
    let weak = state.downgrade();
    runtime.spawn(async move {
        let mut every = tokio::time::interval((window / 2).max(Duration::from_millis(50)));
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            let Some(state) = AppState::upgrade(&weak) else {
                return;
            };
            let closed = state.inner.refusals.take_closed(chrono::Utc::now());
            audit_refusals(&state, &closed).await;
        }
    });
}

impl AppState {
    /// Writes every refused token still held back to the audit trail, closed window or
    /// not: called once the server has stopped, so none goes unrecorded.
    pub async fn audit_pending_refusals(&self) {
        audit_refusals(self, &self.inner.refusals.take_all()).await;
    }
}
