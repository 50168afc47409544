//! Concrete paths for the errors of a failed fetch. The executor reports a subgraph that
//! failed with the plan step it broke (`extensions.affectedPath`, e.g. `firs.edges.@.node`)
//! but no `path`; a client needs the fields it lost. Each such error becomes one error per
//! place the step would have filled, at that field's path (`firs.edges.0.node.exhibits`).

use graphql_tools::parser::query::{Definition, Selection, SelectionSet};
use hive_router_query_planner::planner::plan_nodes::{FetchNode, PlanNode};
use serde_json::Value;

/// What one fetch of a plan fills: under which step path, which response keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchFields {
    service: String,
    /// The flatten path, as the executor prints it (`firs.edges.@.node`); empty at the root.
    at: String,
    keys: Vec<String>,
}

/// The fetches of a plan node and what each fills.
pub fn of_plan(node: &PlanNode, at: &str, into: &mut Vec<FetchFields>) {
    match node {
        PlanNode::Fetch(fetch) => into.push(fields_of(fetch, at)),
        PlanNode::Flatten(flatten) => of_plan(&flatten.node, &flatten.path.to_string(), into),
        PlanNode::Sequence(sequence) => sequence.nodes.iter().for_each(|n| of_plan(n, at, into)),
        PlanNode::Parallel(parallel) => parallel.nodes.iter().for_each(|n| of_plan(n, at, into)),
        PlanNode::Condition(condition) => [&condition.if_clause, &condition.else_clause]
            .into_iter()
            .flatten()
            .for_each(|n| of_plan(n, at, into)),
        PlanNode::BatchFetch(_) | PlanNode::Subscription(_) | PlanNode::Defer(_) => {}
    }
}

fn fields_of(fetch: &FetchNode, at: &str) -> FetchFields {
    let mut keys = Vec::new();
    if let Ok(document) =
        graphql_tools::parser::parse_query::<String>(&fetch.operation.document_str)
    {
        let document = document.into_static();
        for definition in &document.definitions {
            let Definition::Operation(operation) = definition else {
                continue;
            };
            let selection = operation.selection_set();
            // An entity fetch fills what its `_entities` selects; a root fetch, its fields.
            match entities(selection) {
                Some(entities) => response_keys(entities, &mut keys),
                None => response_keys(selection, &mut keys),
            }
        }
    }
    FetchFields {
        service: fetch.service_name.clone(),
        at: at.to_owned(),
        keys,
    }
}

fn entities<'a, 'd>(
    selection: &'a SelectionSet<'d, String>,
) -> Option<&'a SelectionSet<'d, String>> {
    selection.items.iter().find_map(|item| match item {
        Selection::Field(field) if field.name == "_entities" => Some(&field.selection_set),
        _ => None,
    })
}

fn response_keys(selection: &SelectionSet<'_, String>, into: &mut Vec<String>) {
    for item in &selection.items {
        match item {
            Selection::Field(field) if field.name != "__typename" => {
                let key = field.alias.as_ref().unwrap_or(&field.name);
                if !into.contains(key) {
                    into.push(key.clone());
                }
            }
            Selection::InlineFragment(inline) => response_keys(&inline.selection_set, into),
            _ => {}
        }
    }
}

/// Replaces each error of a failed fetch that has no `path` by one error per field the
/// fetch would have filled, at its concrete path.
pub fn place(answer: &mut Value, fetches: &[FetchFields]) {
    let Some(errors) = answer.get("errors").and_then(Value::as_array).cloned() else {
        return;
    };
    let data = answer.get("data").cloned().unwrap_or(Value::Null);
    let mut placed = Vec::with_capacity(errors.len());
    for error in errors {
        let extensions = &error["extensions"];
        let service = extensions["service"].as_str();
        let fetch = service
            .filter(|_| error.get("path").is_none())
            .and_then(|service| {
                let at = extensions["affectedPath"].as_str().unwrap_or("");
                fetches.iter().find(|f| f.service == service && f.at == at)
            });
        let Some(fetch) = fetch else {
            placed.push(error);
            continue;
        };
        let mut prefixes = Vec::new();
        let segments: Vec<&str> = fetch.at.split('.').filter(|s| !s.is_empty()).collect();
        positions(&data, &segments, &mut Vec::new(), &mut prefixes);
        let before = placed.len();
        for prefix in prefixes {
            for key in &fetch.keys {
                let mut one = error.clone();
                let mut path = prefix.clone();
                path.push(Value::from(key.clone()));
                one["path"] = Value::Array(path);
                placed.push(one);
            }
        }
        if placed.len() == before {
            placed.push(error);
        }
    }
    answer["errors"] = Value::Array(placed);
}

/// Every object `segments` reach in `value` (`@` is each item of a list; `|[T]` type
/// conditions are passed over), as concrete paths.
fn positions(value: &Value, segments: &[&str], at: &mut Vec<Value>, into: &mut Vec<Vec<Value>>) {
    let Some((segment, rest)) = segments.split_first() else {
        if value.is_object() {
            into.push(at.clone());
        }
        return;
    };
    match (*segment, value) {
        ("@", Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                at.push(i.into());
                positions(item, rest, at, into);
                at.pop();
            }
        }
        (condition, _) if condition.starts_with('|') => positions(value, rest, at, into),
        (key, Value::Object(object)) => {
            if let Some(child) = object.get(key) {
                at.push(key.into());
                positions(child, rest, at, into);
                at.pop();
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_failed_entity_fetch_is_reported_at_each_field_it_would_fill() {
        let fetches = vec![FetchFields {
            service: "forensic-lab".into(),
            at: "firs.edges.@.node".into(),
            keys: vec!["exhibits".into()],
        }];
        let mut answer = json!({
            "data": { "firs": { "edges": [
                { "node": { "number": "1", "exhibits": null } },
                { "node": { "number": "2", "exhibits": null } },
            ]}},
            "errors": [
                { "message": "down", "extensions": { "code": "INTERNAL", "service": "forensic-lab",
                  "affectedPath": "firs.edges.@.node" } },
                { "message": "local", "path": ["x"], "extensions": { "code": "FORBIDDEN" } },
            ],
        });
        place(&mut answer, &fetches);
        let paths = crate::test_support::error_paths(&answer);
        assert_eq!(
            paths,
            [
                &json!(["firs", "edges", 0, "node", "exhibits"]),
                &json!(["firs", "edges", 1, "node", "exhibits"]),
                &json!(["x"]),
            ]
        );
    }
}
