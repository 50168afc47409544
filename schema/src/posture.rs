//! The production posture inside the schema: the federation's `_service { sdl }` prints
//! the whole schema, so in production it is answered only to callers who may explore the
//! schema ([`policy::explores_schema`], the rule that also decides introspection and
//! `/schema.graphql`). [`crate::admission`] checks it right after parsing, for every
//! transport; a refused document is answered `FORBIDDEN` and never executed.

use async_graphql::ServerResult;
use async_graphql::parser::types::ExecutableDocument;

use crate::audit::root_fields;
use crate::error::ApiError;
use crate::policy::{self, Principal};

/// The root field that prints the schema's SDL for federation gateways.
const SERVICE_FIELD: &str = "_service";

/// Refuses `document` when it asks for `_service` and `principal` may not explore the
/// schema (checked in production only).
pub(crate) fn check_service(
    document: &ExecutableDocument,
    principal: &Principal,
) -> ServerResult<()> {
    if asks_for_service(document) && !policy::explores_schema(principal) {
        return Err(ApiError::forbidden("the schema is shown to officers only").into_server_error());
    }
    Ok(())
}

/// Whether any operation of `document` selects `_service` at its root (directly, under
/// an alias or through fragments).
fn asks_for_service(document: &ExecutableDocument) -> bool {
    document.operations.iter().any(|(_, operation)| {
        root_fields(document, &operation.node)
            .values()
            .any(|field| field == SERVICE_FIELD)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asks(query: &str) -> bool {
        asks_for_service(&async_graphql::parser::parse_query(query).unwrap())
    }

    #[test]
    fn service_is_found_however_it_is_selected() {
        assert!(asks("{ _service { sdl } }"));
        assert!(asks("{ a: _service { sdl } }"));
        assert!(asks("{ ... on Query { _service { sdl } } }"));
        assert!(asks(
            "{ ...F } fragment F on Query { ... { _service { sdl } } }"
        ));
        assert!(asks("query A { __typename } query B { _service { sdl } }"));
        assert!(!asks("{ policeStations(first: 1) { totalCount } }"));
        // A fragment cycle ends (validation refuses it afterwards).
        assert!(!asks(
            "{ ...F } fragment F on Query { ...G } fragment G on Query { ...F }"
        ));
    }
}
