//! Composition: the subgraphs' SDLs into one supergraph SDL (Apollo's join spec), with
//! Grafbase's `graphql-composition`.

use graphql_tools::parser::schema::{Definition, Directive, TypeDefinition, Value};

/// One subgraph's schema as it advertises it in `_service { sdl }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubgraphSdl {
    /// Name in the supergraph.
    pub name: String,
    /// Endpoint written into the supergraph's `join__Graph` enum.
    pub url: String,
    /// The subgraph's SDL.
    pub sdl: String,
}

#[cfg(test)]
impl SubgraphSdl {
    /// Subgraph `name` serving `sdl` at a made-up address, for tests.
    pub(crate) fn at_test_address(name: &str, sdl: &str) -> Self {
        Self {
            name: name.into(),
            url: format!("http://{name}.test/graphql"),
            sdl: sdl.into(),
        }
    }
}

/// Why subgraphs did not compose; the messages name the subgraph and type at fault.
#[derive(Debug, Clone, thiserror::Error)]
#[error("composition failed: {}", .messages.join("; "))]
pub struct CompositionError {
    /// Every fatal diagnostic.
    pub messages: Vec<String>,
}

impl CompositionError {
    fn one(message: impl Into<String>) -> Self {
        Self {
            messages: vec![message.into()],
        }
    }
}

/// Composes `subgraphs` into a supergraph SDL that Hive Router, Apollo Router, Cosmo and
/// this gateway's planner read.
pub fn compose(subgraphs: &[SubgraphSdl]) -> Result<String, CompositionError> {
    let mut inputs = graphql_composition::Subgraphs::default();
    for subgraph in subgraphs {
        inputs
            .ingest_str(&subgraph.sdl, &subgraph.name, Some(&subgraph.url))
            .map_err(|e| CompositionError::one(format!("subgraph {}: {e}", subgraph.name)))?;
    }
    let result = graphql_composition::compose(&mut inputs);
    let graph = result
        .into_result()
        .map_err(|diagnostics| CompositionError {
            messages: diagnostics.iter_messages().map(|m| m.to_string()).collect(),
        })?;
    let sdl = graphql_composition::render_federated_sdl(&graph)
        .map_err(|e| CompositionError::one(format!("rendering the supergraph: {e}")))?;
    Ok(join_root_types(&sdl))
}

/// Marks each root operation type with `@join__type(graph: G)` for every subgraph that
/// contributes a root field, as Apollo's composition does. `graphql-composition` leaves root
/// types unmarked, and planners that follow the join spec then find no subgraph that can
/// start a query.
fn join_root_types(supergraph: &str) -> String {
    let Ok(document) = graphql_tools::parser::parse_schema::<String>(supergraph) else {
        return supergraph.to_owned();
    };
    let mut document = document.into_static();
    for definition in &mut document.definitions {
        let Definition::TypeDefinition(TypeDefinition::Object(object)) = definition else {
            continue;
        };
        if !matches!(object.name.as_str(), "Query" | "Mutation" | "Subscription") {
            continue;
        }
        let mut graphs: Vec<String> = Vec::new();
        for field in &object.fields {
            for directive in field.directives.iter().filter(|d| d.name == "join__field") {
                for (argument, value) in &directive.arguments {
                    if let (true, Value::Enum(graph)) = (argument == "graph", value)
                        && !graphs.contains(graph)
                    {
                        graphs.push(graph.clone());
                    }
                }
            }
        }
        let marked = |graph: &String| {
            object.directives.iter().any(|d| {
                d.name == "join__type"
                    && d.arguments
                        .iter()
                        .any(|(a, v)| a == "graph" && *v == Value::Enum(graph.clone()))
            })
        };
        let missing: Vec<String> = graphs.into_iter().filter(|g| !marked(g)).collect();
        for graph in missing {
            object.directives.push(Directive {
                position: object.position,
                name: "join__type".into(),
                arguments: vec![("graph".into(), Value::Enum(graph))],
            });
        }
    }
    document.to_string()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A local graph with FIRs, for composing test subgraphs with.
    pub(crate) const LOCAL: &str = r#"
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
        type Fir @key(fields: "id") { id: ID! number: String! }
        type Query { fir(id: ID!): Fir }
    "#;

    #[test]
    fn root_types_name_every_contributing_subgraph() {
        let lab = r#"
            extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
            type Fir @key(fields: "id") { id: ID! exhibits: [String!]! }
            type Query { forensicLabs: [String!]! }
        "#;
        let supergraph = compose(&[
            SubgraphSdl::at_test_address("cctns", LOCAL),
            SubgraphSdl::at_test_address("forensic-lab", lab),
        ])
        .unwrap();
        let query = supergraph
            .split("type Query")
            .nth(1)
            .and_then(|rest| rest.split('{').next())
            .unwrap();
        assert!(query.contains("@join__type(graph: CCTNS)"), "{query}");
        assert!(
            query.contains("@join__type(graph: FORENSIC_LAB)"),
            "{query}"
        );
        assert!(supergraph.contains("exhibits: [String!]! @join__field(graph: FORENSIC_LAB)"));
    }

    #[test]
    fn conflicting_subgraphs_are_reported() {
        let clash = r#"
            extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
            type Fir @key(fields: "id") { id: ID! number: Int! }
            type Query { other: Int }
        "#;
        let error = compose(&[
            SubgraphSdl::at_test_address("cctns", LOCAL),
            SubgraphSdl::at_test_address("clash", clash),
        ])
        .unwrap_err();
        assert!(!error.messages.is_empty());
        assert!(error.to_string().contains("number"), "{error}");
    }
}
