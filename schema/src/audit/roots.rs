//! The real names of an operation's root fields, so the audit trail records what was
//! asked, not what the client called it: `{ policeStations: searchPersons(…) }` is a
//! person search, whatever its alias says.
//!
//! Once a request's document is parsed, [`name_roots`] maps every response key at the
//! root of the operation it runs (through fragments) to its field's name, on the
//! request's [`AuditTrail`].

use std::collections::{HashMap, HashSet};

use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, FragmentDefinition, OperationDefinition, Selection,
    SelectionSet,
};
use async_graphql::{Name, Positioned};

use super::AuditTrail;

/// Tells `trail` the real names of the root fields `operation` (of `document`) asks for.
pub(crate) fn name_roots(
    trail: &AuditTrail,
    document: &ExecutableDocument,
    operation: &OperationDefinition,
) {
    trail.name_roots(root_fields(document, operation));
}

/// The operation a request named, or its only one (validation refuses anything else).
pub(crate) fn operation<'a>(
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
