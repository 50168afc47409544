//! The real names of an operation's root fields, so the audit trail records what was
//! asked, not what the client called it: `{ policeStations: searchPersons(…) }` is a
//! person search, whatever its alias says.
//!
//! [`RootFields`] is a schema extension: it notes which operation the request runs,
//! and once the document is parsed, maps every response key at the root of that
//! operation (through fragments) to its field's name, on the request's [`AuditTrail`].
//!
//! [`AuditTrail`]: super::AuditTrail

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextParseQuery, NextPrepareRequest,
};
use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, FragmentDefinition, OperationDefinition, Selection,
    SelectionSet,
};
use async_graphql::{Name, Positioned, Request, ServerResult, Variables};

use crate::context::RequestContext;

/// The schema extension that tells the audit trail the real names of the root fields.
pub struct RootFields;

impl ExtensionFactory for RootFields {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(Namer::default())
    }
}

/// One request's namer: remembers the operation asked for until the document is parsed.
#[derive(Default)]
struct Namer {
    operation_name: Mutex<Option<String>>,
}

#[async_graphql::async_trait::async_trait]
impl Extension for Namer {
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        let request = next.run(ctx, request).await?;
        *self.operation_name.lock().expect("namer poisoned") = request.operation_name.clone();
        Ok(request)
    }

    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        let name = self.operation_name.lock().expect("namer poisoned").clone();
        if let (Some(rc), Some(operation)) = (
            ctx.data_opt::<RequestContext>(),
            operation(&document.operations, name.as_deref()),
        ) {
            rc.audit.name_roots(root_fields(&document, operation));
        }
        Ok(document)
    }
}

/// The operation a request named, or its only one (validation refuses anything else).
fn operation<'a>(
    operations: &'a DocumentOperations,
    name: Option<&str>,
) -> Option<&'a OperationDefinition> {
    match (operations, name) {
        (DocumentOperations::Single(operation), _) => Some(&operation.node),
        (DocumentOperations::Multiple(operations), Some(name)) => {
            operations.get(name).map(|operation| &operation.node)
        }
        (DocumentOperations::Multiple(operations), None) if operations.len() == 1 => {
            operations.values().next().map(|operation| &operation.node)
        }
        _ => None,
    }
}

/// Each response key at the root of `operation` (through the fragments it spreads) mapped
/// to the name of its field: what the audit trail records, and what the production
/// posture looks for (`_service`).
pub(crate) fn root_fields(
    document: &ExecutableDocument,
    operation: &OperationDefinition,
) -> HashMap<String, String> {
    let mut names = HashMap::new();
    collect(
        &operation.selection_set.node,
        &document.fragments,
        &mut HashSet::new(),
        &mut names,
    );
    names
}

/// Maps each response key of `selection_set` (and of the fragments it spreads, each
/// once: the document is not validated yet, so a fragment may spread itself) to the
/// name of its field.
fn collect(
    selection_set: &SelectionSet,
    fragments: &HashMap<Name, Positioned<FragmentDefinition>>,
    spread: &mut HashSet<Name>,
    names: &mut HashMap<String, String>,
) {
    for selection in &selection_set.items {
        match &selection.node {
            Selection::Field(field) => {
                let field = &field.node;
                names.insert(
                    field.response_key().node.to_string(),
                    field.name.node.to_string(),
                );
            }
            Selection::FragmentSpread(fragment) => {
                let name = &fragment.node.fragment_name.node;
                if spread.insert(name.clone())
                    && let Some(definition) = fragments.get(name)
                {
                    collect(
                        &definition.node.selection_set.node,
                        fragments,
                        spread,
                        names,
                    );
                }
            }
            Selection::InlineFragment(fragment) => {
                collect(&fragment.node.selection_set.node, fragments, spread, names);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roots(query: &str, name: Option<&str>) -> HashMap<String, String> {
        let document = async_graphql::parser::parse_query(query).expect("parses");
        let operation = operation(&document.operations, name).expect("an operation");
        root_fields(&document, operation)
    }

    #[test]
    fn aliases_map_to_the_fields_they_rename_through_fragments() {
        let names = roots(
            "{ policeStations: searchPersons(name: \"x\") { id } ...F ... on Query { me { sub } } }
             fragment F on Query { stations: auditLog { totalCount } ...F }",
            None,
        );
        assert_eq!(names["policeStations"], "searchPersons");
        assert_eq!(names["stations"], "auditLog");
        assert_eq!(names["me"], "me");
    }

    #[test]
    fn only_the_named_operation_counts() {
        let query = "query A { x: searchPersons(name: \"a\") { id } }
                     query B { x: policeStations { totalCount } }";
        assert_eq!(roots(query, Some("A"))["x"], "searchPersons");
        assert_eq!(roots(query, Some("B"))["x"], "policeStations");
    }
}
