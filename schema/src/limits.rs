//! Limits every GraphQL document is held to before anything runs: its size, depth,
//! complexity, aliases, root fields and directives. [`crate::admission`] checks them
//! right after parsing, for every transport (HTTP and WebSocket alike); a document over a
//! limit is answered with `QUERY_TOO_COMPLEX` and never validated, executed or sent to
//! the database.
//!
//! Complexity estimates the rows a query may touch: a field costs one plus what its
//! selections cost, times how many it may return. A field with a `first` (or `last`)
//! argument returns that many (the default page size when not given); the `edges` and
//! `nodes` of a connection are already counted by it; the federation's `_entities`
//! returns one item per representation it is given, counted once the variables are known
//! (a list sent in a variable costs what a list written in the document does); any other
//! list is estimated at [`LIST_ESTIMATE`] items.

use async_graphql::parser::types::{
    BaseType, ExecutableDocument, Field, OperationDefinition, OperationType, Selection,
    SelectionSet, ServiceDocument, TypeDefinition, TypeKind, TypeSystemDefinition,
};
use async_graphql::{ServerError, ServerResult, Value, Variables};
use std::collections::{HashMap, HashSet};

use crate::error::{ApiError, Limit};
use crate::pagination::DEFAULT_PAGE_SIZE;

/// How many items a list without paging is assumed to hold (a few: the charges, parties
/// or hearings of one record).
pub const LIST_ESTIMATE: u64 = 5;

/// Fields that return one item per element of a list argument: (field, argument).
const SIZED_BY_ARGUMENT: &[(&str, &str)] = &[("_entities", "representations")];

/// The limits, all configurable (`cctns serve --help`); the defaults admit every query
/// the README, the clients and the benchmarks send, and GraphiQL's introspection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueryLimits {
    /// Largest document, in bytes.
    pub max_query_bytes: usize,
    /// Deepest nesting of fields.
    pub max_depth: usize,
    /// Highest complexity (see the module documentation).
    pub max_complexity: u64,
    /// Most aliased fields in a document.
    pub max_aliases: usize,
    /// Most fields at the root of the operation.
    pub max_root_fields: usize,
    /// Most directives in a document.
    pub max_directives: usize,
}

impl Default for QueryLimits {
    fn default() -> Self {
        Self {
            max_query_bytes: 32 * 1024,
            max_depth: 16,
            max_complexity: 1_000_000,
            max_aliases: 30,
            max_root_fields: 15,
            max_directives: 20,
        }
    }
}

/// What the checker knows of one field of the served schema.
#[derive(Debug, Clone)]
struct FieldShape {
    /// The named type it returns (lists and non-null unwrapped).
    returns: String,
    /// Whether it returns a list.
    list: bool,
    /// Whether it takes `first` (or `last`).
    paged: bool,
}

/// The fields of every object and interface type of the served schema, by type.
#[derive(Debug, Default)]
pub(crate) struct Shapes {
    types: HashMap<String, HashMap<String, FieldShape>>,
}

impl Shapes {
    /// Reads the shapes from the schema's SDL.
    pub(crate) fn from_sdl(sdl: &str) -> Self {
        let Ok(document) = async_graphql::parser::parse_schema(sdl) else {
            return Self::default();
        };
        Self::from_document(&document)
    }

    fn from_document(document: &ServiceDocument) -> Self {
        let mut shapes = Shapes::default();
        for definition in &document.definitions {
            let TypeSystemDefinition::Type(ty) = definition else {
                continue;
            };
            let TypeDefinition { name, kind, .. } = &ty.node;
            let fields = match kind {
                TypeKind::Object(object) => &object.fields,
                TypeKind::Interface(interface) => &interface.fields,
                _ => continue,
            };
            let entry = shapes.types.entry(name.node.to_string()).or_default();
            for field in fields {
                let field = &field.node;
                let mut ty = &field.ty.node;
                let mut list = false;
                while let BaseType::List(inner) = &ty.base {
                    list = true;
                    ty = inner;
                }
                let BaseType::Named(returns) = &ty.base else {
                    continue;
                };
                let paged = field
                    .arguments
                    .iter()
                    .any(|a| matches!(a.node.name.node.as_str(), "first" | "last"));
                entry.insert(
                    field.name.node.to_string(),
                    FieldShape {
                        returns: returns.to_string(),
                        list,
                        paged,
                    },
                );
            }
        }
        shapes
    }
}

/// The limits with the schema they measure against, shared by all requests.
pub(crate) struct Limits {
    limits: QueryLimits,
    shapes: Shapes,
}

/// A request-level `QUERY_TOO_COMPLEX` error for `limit`, with `message`.
fn too_complex(limit: Limit, message: String) -> ServerError {
    ApiError::over_limit(limit, message).into_server_error()
}

impl Limits {
    pub(crate) fn new(limits: QueryLimits, shapes: Shapes) -> Self {
        Self { limits, shapes }
    }

    /// Refuses a document text over the size limit (before it is parsed).
    pub(crate) fn check_size(&self, query: &str) -> ServerResult<()> {
        let most = self.limits.max_query_bytes;
        if query.len() > most {
            return Err(too_complex(
                Limit::DocumentSize,
                format!(
                    "the document is {} bytes; at most {most} are accepted",
                    query.len()
                ),
            ));
        }
        Ok(())
    }

    /// The error of a document that did not parse: fields nested deeper than the parser
    /// reads (64 levels, whatever `max_depth` says) are over the depth limit, not a
    /// syntax error; any other parse error is returned as it is.
    pub(crate) fn parse_error(&self, error: ServerError) -> ServerError {
        if error.message == async_graphql::parser::Error::RecursionLimitExceeded.to_string() {
            return too_complex(
                Limit::Depth,
                format!(
                    "the query's fields are nested deeper than can be read; at most {} is accepted",
                    self.limits.max_depth
                ),
            );
        }
        error
    }

    /// Refuses a parsed document over any other limit, with its variables.
    pub(crate) fn check(
        &self,
        document: &ExecutableDocument,
        variables: &Variables,
    ) -> ServerResult<Measure> {
        check(document, variables, &self.shapes, &self.limits)
    }
}

/// What a document measures.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Measure {
    pub(crate) depth: usize,
    pub(crate) complexity: u64,
    pub(crate) aliases: usize,
    pub(crate) root_fields: usize,
    pub(crate) directives: usize,
}

/// Measures `document` (every operation in it) and refuses it when over `limits`.
fn check(
    document: &ExecutableDocument,
    variables: &Variables,
    shapes: &Shapes,
    limits: &QueryLimits,
) -> ServerResult<Measure> {
    let measure = measure(document, variables, shapes)?;
    let over = [
        (
            Limit::Depth,
            "depth",
            measure.depth as u64,
            limits.max_depth as u64,
        ),
        (
            Limit::Complexity,
            "complexity",
            measure.complexity,
            limits.max_complexity,
        ),
        (
            Limit::Aliases,
            "aliases",
            measure.aliases as u64,
            limits.max_aliases as u64,
        ),
        (
            Limit::RootFields,
            "root fields",
            measure.root_fields as u64,
            limits.max_root_fields as u64,
        ),
        (
            Limit::Directives,
            "directives",
            measure.directives as u64,
            limits.max_directives as u64,
        ),
    ];
    for (which, what, value, most) in over {
        if value > most {
            return Err(too_complex(
                which,
                format!("the query's {what} is {value}; at most {most} is accepted"),
            ));
        }
    }
    Ok(measure)
}

/// Measures every operation of `document`; the largest of each measure counts.
pub(crate) fn measure(
    document: &ExecutableDocument,
    variables: &Variables,
    shapes: &Shapes,
) -> ServerResult<Measure> {
    let mut walk = Walk {
        document,
        variables,
        defaults: HashMap::new(),
        shapes,
        fragments: HashMap::new(),
        open: HashSet::new(),
    };
    let mut total = Measure::default();
    for (_, operation) in document.operations.iter() {
        let root = match operation.node.ty {
            OperationType::Query => "Query",
            OperationType::Mutation => "Mutation",
            OperationType::Subscription => "Subscription",
        };
        walk.defaults = variable_defaults(&operation.node);
        let (complexity, depth, root_fields) =
            walk.selections(&operation.node.selection_set.node, Some(root))?;
        total.complexity = total.complexity.max(complexity);
        total.depth = total.depth.max(depth);
        total.root_fields = total.root_fields.max(root_fields);
        total.directives += operation.node.directives.len();
        count_marks(&operation.node.selection_set.node, &mut total);
    }
    for fragment in document.fragments.values() {
        total.directives += fragment.node.directives.len();
        count_marks(&fragment.node.selection_set.node, &mut total);
    }
    Ok(total)
}

/// The default values an operation declares for its variables.
fn variable_defaults(operation: &OperationDefinition) -> HashMap<&str, Value> {
    operation
        .variable_definitions
        .iter()
        .filter_map(|definition| {
            let definition = &definition.node;
            let default = definition.default_value.as_ref()?;
            Some((definition.name.node.as_str(), default.node.clone()))
        })
        .collect()
}

/// Adds the aliases and directives written in `set` (fragments are counted once, where
/// they are defined).
fn count_marks(set: &SelectionSet, total: &mut Measure) {
    for selection in &set.items {
        match &selection.node {
            Selection::Field(field) => {
                total.aliases += usize::from(field.node.alias.is_some());
                total.directives += field.node.directives.len();
                count_marks(&field.node.selection_set.node, total);
            }
            Selection::FragmentSpread(spread) => {
                total.directives += spread.node.directives.len();
            }
            Selection::InlineFragment(inline) => {
                total.directives += inline.node.directives.len();
                count_marks(&inline.node.selection_set.node, total);
            }
        }
    }
}

struct Walk<'a> {
    document: &'a ExecutableDocument,
    variables: &'a Variables,
    /// The default values of the variables of the operation being measured.
    defaults: HashMap<&'a str, Value>,
    shapes: &'a Shapes,
    /// Fragments already measured: (complexity, depth, fields at their top).
    fragments: HashMap<String, (u64, usize, usize)>,
    /// Fragments being measured (a spread of one of these is a cycle).
    open: HashSet<String>,
}

impl Walk<'_> {
    /// The complexity, depth and number of fields of `set` on `parent` (a type name when
    /// known).
    fn selections(
        &mut self,
        set: &SelectionSet,
        parent: Option<&str>,
    ) -> ServerResult<(u64, usize, usize)> {
        let (mut complexity, mut depth, mut fields) = (0u64, 0usize, 0usize);
        for selection in &set.items {
            let (cost, below, count) = match &selection.node {
                Selection::Field(field) => {
                    let field = &field.node;
                    let shape = parent
                        .and_then(|p| self.shapes.types.get(p))
                        .and_then(|fields| fields.get(field.name.node.as_str()))
                        .cloned();
                    let returns = shape.as_ref().map(|s| s.returns.clone());
                    let (inner, inner_depth, _) =
                        self.selections(&field.selection_set.node, returns.as_deref())?;
                    let times = self.multiplier(field, shape.as_ref(), parent);
                    (times.saturating_mul(1 + inner), inner_depth + 1, 1)
                }
                Selection::InlineFragment(inline) => {
                    let on = inline
                        .node
                        .type_condition
                        .as_ref()
                        .map(|c| c.node.on.node.to_string());
                    self.selections(&inline.node.selection_set.node, on.as_deref().or(parent))?
                }
                Selection::FragmentSpread(spread) => {
                    self.fragment(spread.node.fragment_name.node.as_str())?
                }
            };
            complexity = complexity.saturating_add(cost);
            depth = depth.max(below);
            fields += count;
        }
        Ok((complexity, depth, fields))
    }

    /// The measure of the fragment `name`, computed once however often it is spread.
    fn fragment(&mut self, name: &str) -> ServerResult<(u64, usize, usize)> {
        if let Some(known) = self.fragments.get(name) {
            return Ok(*known);
        }
        if !self.open.insert(name.to_owned()) {
            return Err(ServerError::new(
                format!("fragment {name} spreads itself"),
                None,
            ));
        }
        let measured = match self.document.fragments.get(name) {
            Some(fragment) => {
                let on = fragment.node.type_condition.node.on.node.to_string();
                self.selections(&fragment.node.selection_set.node, Some(&on))?
            }
            // Validation reports the unknown fragment.
            None => (0, 0, 0),
        };
        self.open.remove(name);
        self.fragments.insert(name.to_owned(), measured);
        Ok(measured)
    }

    /// How many items `field` may return.
    fn multiplier(&self, field: &Field, shape: Option<&FieldShape>, parent: Option<&str>) -> u64 {
        if let Some(n) = self.sized_by_argument(field) {
            return n;
        }
        let asked = field.arguments.iter().find_map(|(name, value)| {
            matches!(name.node.as_str(), "first" | "last").then(|| self.integer(&value.node))
        });
        match (asked.flatten(), shape) {
            (Some(n), _) => n,
            (None, Some(shape)) if shape.paged => DEFAULT_PAGE_SIZE,
            (None, Some(shape)) if shape.list => {
                if parent.is_some_and(|p| p.ends_with("Connection")) {
                    1
                } else {
                    LIST_ESTIMATE
                }
            }
            _ => 1,
        }
    }

    /// The number of elements of the list argument that sizes `field`'s result
    /// ([`SIZED_BY_ARGUMENT`]), once its variables are known; `None` for other fields.
    fn sized_by_argument(&self, field: &Field) -> Option<u64> {
        let (_, argument) = SIZED_BY_ARGUMENT
            .iter()
            .find(|(name, _)| *name == field.name.node.as_str())?;
        let length = match &field.get_argument(argument)?.node {
            async_graphql_value::Value::List(items) => items.len(),
            other => match self.resolve(other)? {
                Value::List(items) => items.len(),
                Value::Null => 0,
                // A single value where a list is expected is a list of one (coercion).
                _ => 1,
            },
        };
        Some(length as u64)
    }

    /// A non-negative integer argument, from a literal or a variable.
    fn integer(&self, value: &async_graphql_value::Value) -> Option<u64> {
        match self.resolve(value)? {
            Value::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    /// An argument's value: a literal, or a variable's (as sent, else its default).
    fn resolve(&self, value: &async_graphql_value::Value) -> Option<Value> {
        match value {
            async_graphql_value::Value::Variable(name) => self
                .variables
                .get(name)
                .or_else(|| self.defaults.get(name.as_str()))
                .cloned(),
            other => other.clone().into_const(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SDL: &str = "type Query { stations(first: Int): StationConnection! me: Officer
            _entities(representations: [_Any!]!): [_Entity]! }
        scalar _Any
        union _Entity = Station | Officer
        type StationConnection { edges: [StationEdge!]! nodes: [Station!]! }
        type StationEdge { node: Station! }
        type Station { name: String! firs(first: Int): FirConnection! officers: [Officer!]! }
        type FirConnection { nodes: [Fir!]! }
        type Fir { number: String! }
        type Officer { name: String! }";

    fn measured(query: &str, variables: serde_json::Value) -> Measure {
        let shapes = Shapes::from_sdl(SDL);
        let document = async_graphql::parser::parse_query(query).unwrap();
        measure(&document, &Variables::from_json(variables), &shapes).unwrap()
    }

    #[test]
    fn lists_multiply_what_they_select() {
        // stations: 5 × (1 + edges(1 + node(1 + name 1 + firs: 20 × (1 + nodes(1 + number 1)))))
        let m = measured(
            "{ stations(first: 5) { edges { node { name firs { nodes { number } } } } } }",
            serde_json::json!({}),
        );
        assert_eq!(m.complexity, 5 * (1 + (1 + (1 + 1 + 20 * (1 + (1 + 1))))));
        assert_eq!(m.depth, 6);
        assert_eq!(m.root_fields, 1);
        // An unpaged list counts as LIST_ESTIMATE items; `first` may come from a variable.
        let m = measured(
            "query($n: Int) { stations(first: $n) { nodes { officers { name } } } }",
            serde_json::json!({ "n": 2 }),
        );
        assert_eq!(m.complexity, 2 * (1 + (1 + LIST_ESTIMATE * (1 + 1))));
    }

    #[test]
    fn entities_cost_one_item_per_representation_however_sent() {
        const ENTITIES: &str = "query($r: [_Any!]! = [{}, {}]) {
            _entities(representations: $r) { ... on Station { officers { name } } } }";
        // Each representation: 1 + officers (LIST_ESTIMATE × (1 + name 1)).
        let each = 1 + LIST_ESTIMATE * 2;
        let many: Vec<serde_json::Value> = (0..1_240).map(|_| serde_json::json!({})).collect();
        let sent = measured(ENTITIES, serde_json::json!({ "r": many }));
        assert_eq!(sent.complexity, 1_240 * each);
        let defaulted = measured(ENTITIES, serde_json::json!({}));
        assert_eq!(defaulted.complexity, 2 * each);
        let written = measured(
            "query($a: _Any!) { _entities(representations: [$a, {}, {}]) { ... on Officer { name } } }",
            serde_json::json!({ "a": {} }),
        );
        assert_eq!(written.complexity, 3 * 2);
        let single = measured(
            "query($a: [_Any!]!) { _entities(representations: $a) { ... on Officer { name } } }",
            serde_json::json!({ "a": {} }),
        );
        assert_eq!(single.complexity, 2);
    }

    #[test]
    fn fragments_count_where_spread_and_marks_where_written() {
        let m = measured(
            "{ a: me { ...O } b: me { ...O } c: me @include(if: true) { name } }
             fragment O on Officer { n: name }",
            serde_json::json!({}),
        );
        assert_eq!(m.root_fields, 3);
        assert_eq!(m.aliases, 4);
        assert_eq!(m.directives, 1);
        assert_eq!(m.complexity, 3 * 2);
        assert_eq!(m.depth, 2);
    }

    #[test]
    fn a_fragment_cycle_is_refused_without_looping() {
        let shapes = Shapes::from_sdl(SDL);
        let document = async_graphql::parser::parse_query(
            "{ me { ...A } } fragment A on Officer { ...B } fragment B on Officer { ...A }",
        )
        .unwrap();
        assert!(measure(&document, &Variables::default(), &shapes).is_err());
    }

    #[test]
    fn each_limit_refuses_just_over_and_admits_at_it() {
        let shapes = Shapes::from_sdl(SDL);
        let query = "{ a: me { name } b: me { name } }";
        let document = async_graphql::parser::parse_query(query).unwrap();
        let exact = measure(&document, &Variables::default(), &shapes).unwrap();
        let at = QueryLimits {
            max_query_bytes: usize::MAX,
            max_depth: exact.depth,
            max_complexity: exact.complexity,
            max_aliases: exact.aliases,
            max_root_fields: exact.root_fields,
            max_directives: exact.directives,
        };
        check(&document, &Variables::default(), &shapes, &at).unwrap();
        for tighter in [
            QueryLimits {
                max_depth: exact.depth - 1,
                ..at
            },
            QueryLimits {
                max_complexity: exact.complexity - 1,
                ..at
            },
            QueryLimits {
                max_aliases: exact.aliases - 1,
                ..at
            },
            QueryLimits {
                max_root_fields: exact.root_fields - 1,
                ..at
            },
        ] {
            let error = check(&document, &Variables::default(), &shapes, &tighter).unwrap_err();
            let code = error.extensions.unwrap().get("code").cloned();
            assert_eq!(code, Some(Value::from("QUERY_TOO_COMPLEX")));
        }
    }
}
