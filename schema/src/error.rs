//! The one error type of the request path.
//!
//! Error policy: every error that reaches a client carries `extensions.code`, one of the
//! closed set in [`ErrorCode`]. Database errors are logged server-side with their detail
//! and reach the client only as `INTERNAL` with a fixed message: no SQL, file path or
//! stack trace ever leaves the process. Never `?` a raw `DbErr` into a resolver result;
//! convert it with `ApiError::from` (which logs and masks it).

use async_graphql::{ErrorExtensions, FieldError};
use sea_orm::DbErr;

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
}

impl ApiError {
    /// An error with the given code and client-safe message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            field: None,
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
        error
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
        tracing::error!(error = %err, "database error");
        ApiError::internal()
    }
}

impl From<std::sync::Arc<DbErr>> for ApiError {
    fn from(err: std::sync::Arc<DbErr>) -> Self {
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
