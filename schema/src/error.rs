//! The one error type of the request path.
//!
//! Error policy: every error that reaches a client carries `extensions.code`, one of the
//! closed set in [`ErrorCode`]. Database errors are logged server-side with their detail
//! and reach the client only as `INTERNAL` with a fixed message: no SQL, file path or
//! stack trace ever leaves the process. Never `?` a raw `DbErr` into a resolver result;
//! convert it with `ApiError::from` (which logs and masks it).

use async_graphql::{ErrorExtensions, FieldError};
use sea_orm::{DbErr, SqlErr};

/// The closed set of error codes clients may rely on (CONTRACT.md, "Errors").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// The caller's identity could not be established.
    Unauthenticated,
    /// The caller is known but may not do or see this.
    Forbidden,
    /// The request's input is invalid.
    BadUserInput,
    /// The named record does not exist (or is not visible to the caller).
    NotFound,
    /// The request conflicts with the current state (duplicates, lifecycle).
    Conflict,
    /// The operation exceeds a configured limit.
    QueryTooComplex,
    /// Too many requests from this caller.
    RateLimited,
    /// Something failed on the server side; details are only in the server log.
    Internal,
}

impl ErrorCode {
    /// Every code.
    pub const ALL: [ErrorCode; 8] = [
        ErrorCode::Unauthenticated,
        ErrorCode::Forbidden,
        ErrorCode::BadUserInput,
        ErrorCode::NotFound,
        ErrorCode::Conflict,
        ErrorCode::QueryTooComplex,
        ErrorCode::RateLimited,
        ErrorCode::Internal,
    ];

    /// The code of a response's first error, `None` for a response without errors.
    pub fn of_response(response: &async_graphql::Response) -> Option<ErrorCode> {
        let error = response.errors.first()?;
        let code = error.extensions.as_ref()?.get("code")?;
        let async_graphql::Value::String(code) = code else {
            return Some(ErrorCode::Internal);
        };
        Some(
            Self::ALL
                .into_iter()
                .find(|c| c.as_str() == code)
                .unwrap_or(ErrorCode::Internal),
        )
    }

    /// The SHOUTY_SNAKE_CASE code carried in `extensions.code`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Unauthenticated => "UNAUTHENTICATED",
            ErrorCode::Forbidden => "FORBIDDEN",
            ErrorCode::BadUserInput => "BAD_USER_INPUT",
            ErrorCode::NotFound => "NOT_FOUND",
            ErrorCode::Conflict => "CONFLICT",
            ErrorCode::QueryTooComplex => "QUERY_TOO_COMPLEX",
            ErrorCode::RateLimited => "RATE_LIMITED",
            ErrorCode::Internal => "INTERNAL",
        }
    }
}

/// The configured limit an operation went over, carried as `extensions.limit` beside
/// `QUERY_TOO_COMPLEX` so that a client can tell a document to simplify from a batch to
/// split or a request that ran out of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// The document's text is too long.
    DocumentSize,
    /// Fields nested too deep.
    Depth,
    /// Too many fields once page sizes multiply them.
    Complexity,
    /// Too many aliased fields.
    Aliases,
    /// Too many fields at the root of an operation.
    RootFields,
    /// Too many directives.
    Directives,
    /// Too many operations in one JSON-array batch.
    Batch,
    /// The operation ran longer than the request timeout and was stopped.
    Timeout,
}

impl Limit {
    /// The SHOUTY_SNAKE_CASE name carried in `extensions.limit`.
    pub fn as_str(self) -> &'static str {
        match self {
            Limit::DocumentSize => "DOCUMENT_SIZE",
            Limit::Depth => "DEPTH",
            Limit::Complexity => "COMPLEXITY",
            Limit::Aliases => "ALIASES",
            Limit::RootFields => "ROOT_FIELDS",
            Limit::Directives => "DIRECTIVES",
            Limit::Batch => "BATCH",
            Limit::Timeout => "TIMEOUT",
        }
    }
}

/// An error on the request path: a code and a message that is safe to show a client.
///
/// It deliberately does not implement `Display`, so that it converts into a GraphQL error
/// only through the `From` impl below, which always attaches the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The contract code.
    pub code: ErrorCode,
    /// A message safe to show to the caller.
    pub message: String,
    /// The input field at fault (`extensions.field`), for `BAD_USER_INPUT`.
    pub field: Option<String>,
    /// The limit gone over (`extensions.limit`), for `QUERY_TOO_COMPLEX`.
    pub limit: Option<Limit>,
}

impl ApiError {
    /// An error with the given code and client-safe message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            field: None,
            limit: None,
        }
    }

    /// The error as a request-level GraphQL error (no path), with its code.
    pub fn into_server_error(self) -> async_graphql::ServerError {
        let mut error = async_graphql::ServerError::new(self.message, None);
        let extensions = error.extensions.get_or_insert_with(Default::default);
        extensions.set("code", self.code.as_str());
        if let Some(field) = self.field {
            extensions.set("field", field);
        }
        if let Some(limit) = self.limit {
            extensions.set("limit", limit.as_str());
        }
        error
    }

    /// `QUERY_TOO_COMPLEX`: the operation went over `limit`, as `message` explains.
    pub fn over_limit(limit: Limit, message: impl Into<String>) -> Self {
        Self {
            limit: Some(limit),
            ..Self::new(ErrorCode::QueryTooComplex, message)
        }
    }

    /// `BAD_USER_INPUT` about one input field (named as the client wrote it, e.g.
    /// `input.charges[1].section`).
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: Some(field.into()),
            ..Self::bad_input(message)
        }
    }

    /// `CONFLICT`: the record is not in a state that allows this.
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Conflict, message)
    }

    /// `BAD_USER_INPUT` with a message naming what is wrong.
    pub fn bad_input(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::BadUserInput, message)
    }

    /// `NOT_FOUND` for the named kind of record.
    pub fn not_found(what: &str) -> Self {
        Self::new(ErrorCode::NotFound, format!("{what} not found"))
    }

    /// `FORBIDDEN` with a message naming what was refused.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Forbidden, message)
    }

    /// `INTERNAL` with the fixed safe message.
    pub fn internal() -> Self {
        Self::new(ErrorCode::Internal, "internal error")
    }
}

impl From<DbErr> for ApiError {
    fn from(err: DbErr) -> Self {
        Self::from(&err)
    }
}

impl From<std::sync::Arc<DbErr>> for ApiError {
    fn from(err: std::sync::Arc<DbErr>) -> Self {
        Self::from(&*err)
    }
}

impl From<&DbErr> for ApiError {
    /// A unique key taken by a concurrent write (two stations numbering at the same
    /// instant, a retried request racing itself) is `CONFLICT`, which the client may
    /// retry; every other database error is logged and masked as `INTERNAL`.
    fn from(err: &DbErr) -> Self {
        if let Some(SqlErr::UniqueConstraintViolation(detail)) = err.sql_err() {
            tracing::warn!(%detail, "unique key taken by a concurrent write");
            return ApiError::conflict(
                "another request wrote a record with the same key at the same time; try again",
            );
        }
        tracing::error!(error = %err, "database error");
        ApiError::internal()
    }
}

impl ErrorExtensions for ApiError {
    fn extend(&self) -> FieldError {
        FieldError::new(self.message.clone()).extend_with(|_, e| {
            e.set("code", self.code.as_str());
            if let Some(field) = &self.field {
                e.set("field", field.as_str());
            }
            if let Some(limit) = self.limit {
                e.set("limit", limit.as_str());
            }
        })
    }
}

impl From<ApiError> for FieldError {
    fn from(err: ApiError) -> Self {
        err.extend()
    }
}

/// How async-graphql words an argument it could not read as its declared type (an
/// invalid `DateTime`, a number for an input object): raised while the field resolves,
/// so it has a path, yet it is the caller's input that is wrong.
const INPUT_VALUE_ERRORS: [&str; 2] = ["Failed to parse \"", "Expected input type \""];

/// Gives every error in a response a contract code: errors raised before execution
/// (syntax, validation) and arguments that do not parse as their type become
/// `BAD_USER_INPUT`; any other error that reached the response without a code is masked
/// as `INTERNAL`.
pub fn ensure_codes(response: &mut async_graphql::Response) {
    for error in &mut response.errors {
        let has_code = error
            .extensions
            .as_ref()
            .is_some_and(|ext| ext.get("code").is_some());
        if has_code {
            continue;
        }
        let bad_input = error.path.is_empty()
            || INPUT_VALUE_ERRORS
                .iter()
                .any(|prefix| error.message.starts_with(prefix));
        let code = if bad_input {
            ErrorCode::BadUserInput
        } else {
            tracing::error!(message = %error.message, "uncoded resolver error masked");
            error.message = "internal error".to_owned();
            ErrorCode::Internal
        };
        error
            .extensions
            .get_or_insert_with(Default::default)
            .set("code", code.as_str());
    }
}

/// Result type of resolvers and domain functions.
pub type ApiResult<T> = Result<T, ApiError>;

/// A linked record, or null when the caller may not see it: public or partly visible
/// records link to restricted ones, and the link must not fail the whole response.
pub fn unless_forbidden<T>(found: ApiResult<Option<T>>) -> ApiResult<Option<T>> {
    match found {
        Err(e) if e.code == ErrorCode::Forbidden => Ok(None),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::{EmptyMutation, EmptySubscription, InputObject, Object, Schema};
    use chrono::{DateTime, Utc};
    use sea_orm::{ConnectionTrait, Database};

    use super::*;

    #[derive(InputObject)]
    struct Window {
        from: DateTime<Utc>,
    }

    struct Query;

    #[Object]
    impl Query {
        async fn at(&self, at: DateTime<Utc>) -> String {
            at.to_rfc3339()
        }
        async fn within(&self, window: Window) -> String {
            window.from.to_rfc3339()
        }
    }

    /// The errors of `query` with `variables`: message, whether it has a path (was
    /// raised while a field resolved), and the code `ensure_codes` gives it.
    async fn codes(query: &str, variables: serde_json::Value) -> Vec<(String, bool, String)> {
        let schema = Schema::new(Query, EmptyMutation, EmptySubscription);
        let request = async_graphql::Request::new(query)
            .variables(async_graphql::Variables::from_json(variables));
        let mut response = schema.execute(request).await;
        ensure_codes(&mut response);
        response
            .errors
            .iter()
            .map(|e| {
                let code = e.extensions.as_ref().and_then(|x| x.get("code")).cloned();
                let code = code.map(|c| c.to_string()).unwrap_or_default();
                (e.message.clone(), !e.path.is_empty(), code)
            })
            .collect()
    }

    /// `ensure_codes` tells a caller's unreadable argument from a server fault by how
    /// async-graphql words it; if a release rewords it, this fails instead of callers
    /// getting `INTERNAL` for their own typo.
    #[tokio::test]
    async fn async_graphql_still_words_unreadable_arguments_as_ensure_codes_expects() {
        let cases = [
            (
                "query($t: DateTime!) { at(at: $t) }",
                serde_json::json!({ "t": "not a date" }),
            ),
            (
                "query($w: Window!) { within(window: $w) }",
                serde_json::json!({ "w": { "from": "yesterday" } }),
            ),
            ("{ within(window: { from: 5 }) }", serde_json::json!({})),
        ];
        for (query, variables) in cases {
            let errors = codes(query, variables).await;
            assert!(!errors.is_empty(), "{query}: refused");
            for (message, resolving, code) in errors {
                // Raised while the field resolved, so only the wording marks it as input.
                assert!(resolving, "{query}: {message}");
                assert_eq!(code, "\"BAD_USER_INPUT\"", "{query}: {message}");
            }
        }
    }

    /// A unique key taken by a concurrent write is `CONFLICT`; any other database error
    /// is `INTERNAL` with the fixed message.
    #[tokio::test]
    async fn a_unique_key_taken_is_a_conflict_and_other_database_errors_are_masked() {
        let db = Database::connect("sqlite::memory:").await.expect("sqlite");
        db.execute_unprepared("CREATE TABLE t (n INTEGER UNIQUE)")
            .await
            .expect("table");
        db.execute_unprepared("INSERT INTO t VALUES (1)")
            .await
            .expect("first");
        let taken = db
            .execute_unprepared("INSERT INTO t VALUES (1)")
            .await
            .expect_err("a second 1");
        assert_eq!(ApiError::from(taken).code, ErrorCode::Conflict);
        let broken = db
            .execute_unprepared("INSERT INTO missing VALUES (1)")
            .await
            .expect_err("no such table");
        assert_eq!(ApiError::from(broken), ApiError::internal());
    }

    #[test]
    fn a_limit_gone_over_is_named_beside_the_code() {
        let error = ApiError::over_limit(Limit::Timeout, "ran too long").into_server_error();
        let extensions = error.extensions.expect("extensions");
        assert_eq!(
            extensions.get("code").map(ToString::to_string),
            Some("\"QUERY_TOO_COMPLEX\"".to_owned())
        );
        assert_eq!(
            extensions.get("limit").map(ToString::to_string),
            Some("\"TIMEOUT\"".to_owned())
        );
    }
}
