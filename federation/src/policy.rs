//! Field access across the federation: fields a subgraph marks `@authenticated` or
//! `@requiresScopes` in its SDL are matched against the caller before planning. A field
//! the caller may not see is taken out of the operation, so no subgraph is ever asked for
//! it; the response then carries `null` there and a `FORBIDDEN` error with its path.

use std::collections::HashMap;

use graphql_tools::parser::query::{
    Definition, Document, Field, InlineFragment, OperationDefinition, Selection, SelectionSet,
};
use graphql_tools::parser::schema::{self, Value};
use serde_json::{Value as Json, json};

/// What the caller holds, as the federation's field rules see it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Grants {
    /// Whether the caller presented a verified token.
    pub authenticated: bool,
    /// Their federation scopes (`police`, `court`, …).
    pub scopes: Vec<String>,
}

/// The rule a field carries in the supergraph.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Rule {
    /// `@authenticated`.
    Authenticated,
    /// `@requiresScopes(scopes: [[a], [b, c]])`: any one group, every scope of it.
    Scopes(Vec<Vec<String>>),
}

impl Rule {
    fn allows(&self, grants: &Grants) -> bool {
        match self {
            Rule::Authenticated => grants.authenticated,
            Rule::Scopes(groups) => groups
                .iter()
                .any(|group| group.iter().all(|scope| grants.scopes.contains(scope))),
        }
    }

    fn describe(&self) -> String {
        match self {
            Rule::Authenticated => "an authenticated caller".into(),
            Rule::Scopes(groups) => {
                let groups: Vec<String> = groups.iter().map(|g| g.join(" and ")).collect();
                format!("scope {}", groups.join(" or "))
            }
        }
    }
}

/// Each object and interface type's fields: the named type each returns, and its rule.
#[derive(Debug, Default)]
pub struct FieldRules {
    types: HashMap<String, HashMap<String, (String, Option<Rule>)>>,
}

impl FieldRules {
    /// Reads the rules of a supergraph SDL.
    pub fn of(supergraph: &schema::Document<'static, String>) -> Self {
        let mut types = HashMap::new();
        for definition in &supergraph.definitions {
            let fields = match definition {
                schema::Definition::TypeDefinition(schema::TypeDefinition::Object(o)) => {
                    (&o.name, &o.fields)
                }
                schema::Definition::TypeDefinition(schema::TypeDefinition::Interface(i)) => {
                    (&i.name, &i.fields)
                }
                _ => continue,
            };
            let (name, fields) = fields;
            let fields = fields
                .iter()
                .map(|f| {
                    let rule = f.directives.iter().find_map(rule_of);
                    (f.name.clone(), (named_type(&f.field_type), rule))
                })
                .collect();
            types.insert(name.clone(), fields);
        }
        Self { types }
    }

    /// Whether any field carries a rule (if none, nothing is ever withheld).
    pub fn is_empty(&self) -> bool {
        self.types
            .values()
            .all(|fields| fields.values().all(|(_, rule)| rule.is_none()))
    }

    fn field(&self, parent: &str, name: &str) -> Option<&(String, Option<Rule>)> {
        self.types.get(parent)?.get(name)
    }
}

fn named_type(ty: &schema::Type<'static, String>) -> String {
    match ty {
        schema::Type::NamedType(name) => name.clone(),
        schema::Type::ListType(inner) | schema::Type::NonNullType(inner) => named_type(inner),
    }
}

fn rule_of(directive: &schema::Directive<'static, String>) -> Option<Rule> {
    match directive.name.as_str() {
        "authenticated" => Some(Rule::Authenticated),
        "requiresScopes" => {
            let (_, Value::List(groups)) =
                directive.arguments.iter().find(|(a, _)| a == "scopes")?
            else {
                return None;
            };
            let groups = groups
                .iter()
                .map(|group| match group {
                    Value::List(scopes) => scopes
                        .iter()
                        .filter_map(|s| match s {
                            Value::String(s) => Some(s.clone()),
                            _ => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                })
                .collect();
            Some(Rule::Scopes(groups))
        }
        _ => None,
    }
}

/// A field taken out of an operation: where it would have been in the response (response
/// keys, no list indices) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withheld {
    /// Response keys from the root to the field.
    pub path: Vec<String>,
    /// `Type.field`.
    pub coordinate: String,
    /// What the field requires.
    pub requires: String,
}

/// `document` without the fields `grants` may not see, and those fields. Named fragments
/// are inlined first, so every field is judged at the place it is asked for. A selection
/// left empty keeps `__typename`, so the document stays valid.
pub fn withhold(
    rules: &FieldRules,
    document: Document<'static, String>,
    root_types: &RootTypes,
    grants: &Grants,
) -> (Document<'static, String>, Vec<Withheld>) {
    let mut document = inline_fragments(document);
    let mut withheld = Vec::new();
    for definition in &mut document.definitions {
        let Definition::Operation(operation) = definition else {
            continue;
        };
        let root = root_types.of(operation);
        prune(
            rules,
            root,
            selections_mut(operation),
            grants,
            &[],
            &mut withheld,
        );
    }
    (document, withheld)
}

/// `document` with every fragment spread replaced by an inline fragment of the same type
/// condition, directives and selections, and no fragment definitions (a validated document
/// has no cycles).
fn inline_fragments(document: Document<'static, String>) -> Document<'static, String> {
    let mut fragments = HashMap::new();
    let mut operations = Vec::new();
    for definition in document.definitions {
        match definition {
            Definition::Fragment(fragment) => {
                fragments.insert(fragment.name.clone(), fragment);
            }
            operation => operations.push(operation),
        }
    }
    for definition in &mut operations {
        if let Definition::Operation(operation) = definition {
            inline_in(selections_mut(operation), &fragments);
        }
    }
    Document {
        definitions: operations,
    }
}

fn inline_in(
    selection: &mut SelectionSet<'static, String>,
    fragments: &HashMap<String, graphql_tools::parser::query::FragmentDefinition<'static, String>>,
) {
    for item in &mut selection.items {
        match item {
            Selection::Field(field) => inline_in(&mut field.selection_set, fragments),
            Selection::InlineFragment(inline) => inline_in(&mut inline.selection_set, fragments),
            Selection::FragmentSpread(spread) => {
                let Some(fragment) = fragments.get(&spread.fragment_name) else {
                    continue;
                };
                let mut selection_set = fragment.selection_set.clone();
                inline_in(&mut selection_set, fragments);
                *item = Selection::InlineFragment(InlineFragment {
                    position: spread.position,
                    type_condition: Some(fragment.type_condition.clone()),
                    directives: spread.directives.clone(),
                    selection_set,
                });
            }
        }
    }
}

/// The names of the root operation types.
#[derive(Debug, Clone)]
pub struct RootTypes {
    /// `Query`.
    pub query: String,
    /// `Mutation`.
    pub mutation: String,
    /// `Subscription`.
    pub subscription: String,
}

impl RootTypes {
    /// The root type `operation` selects on.
    fn of(&self, operation: &OperationDefinition<'static, String>) -> &str {
        match operation {
            OperationDefinition::SelectionSet(_) | OperationDefinition::Query(_) => &self.query,
            OperationDefinition::Mutation(_) => &self.mutation,
            OperationDefinition::Subscription(_) => &self.subscription,
        }
    }
}

/// The top-level selections of `operation`, to rewrite (graphql-tools only lends them
/// out shared, as `OperationDefinition::selection_set`).
fn selections_mut<'a>(
    operation: &'a mut OperationDefinition<'static, String>,
) -> &'a mut SelectionSet<'static, String> {
    match operation {
        OperationDefinition::SelectionSet(s) => s,
        OperationDefinition::Query(q) => &mut q.selection_set,
        OperationDefinition::Mutation(m) => &mut m.selection_set,
        OperationDefinition::Subscription(s) => &mut s.selection_set,
    }
}

impl Default for RootTypes {
    fn default() -> Self {
        Self {
            query: "Query".into(),
            mutation: "Mutation".into(),
            subscription: "Subscription".into(),
        }
    }
}

fn prune(
    rules: &FieldRules,
    parent: &str,
    selection: &mut SelectionSet<'static, String>,
    grants: &Grants,
    path: &[String],
    withheld: &mut Vec<Withheld>,
) {
    selection.items.retain_mut(|item| match item {
        Selection::Field(field) => keep_field(rules, parent, field, grants, path, withheld),
        Selection::InlineFragment(inline) => {
            let on = match &inline.type_condition {
                Some(graphql_tools::parser::query::TypeCondition::On(on)) => on.clone(),
                None => parent.to_owned(),
            };
            prune(
                rules,
                &on,
                &mut inline.selection_set,
                grants,
                path,
                withheld,
            );
            true
        }
        Selection::FragmentSpread(_) => true,
    });
    if selection.items.is_empty() {
        selection.items.push(Selection::Field(typename()));
    }
}

fn keep_field(
    rules: &FieldRules,
    parent: &str,
    field: &mut Field<'static, String>,
    grants: &Grants,
    path: &[String],
    withheld: &mut Vec<Withheld>,
) -> bool {
    if field.name.starts_with("__") {
        return true;
    }
    let Some((returns, rule)) = rules.field(parent, &field.name) else {
        return true;
    };
    let key = field.alias.clone().unwrap_or_else(|| field.name.clone());
    let mut here = path.to_vec();
    here.push(key);
    if let Some(rule) = rule
        && !rule.allows(grants)
    {
        withheld.push(Withheld {
            path: here,
            coordinate: format!("{parent}.{}", field.name),
            requires: rule.describe(),
        });
        return false;
    }
    if !field.selection_set.items.is_empty() {
        prune(
            rules,
            returns,
            &mut field.selection_set,
            grants,
            &here,
            withheld,
        );
    }
    true
}

/// Alias of the `__typename` that stands in for a selection left empty; taken out of the
/// response again by [`mark_withheld`].
const PLACEHOLDER: &str = "_cctnsWithheld";

fn typename() -> Field<'static, String> {
    Field {
        position: Default::default(),
        alias: Some(PLACEHOLDER.into()),
        name: "__typename".into(),
        arguments: Vec::new(),
        directives: Vec::new(),
        selection_set: SelectionSet {
            span: Default::default(),
            items: Vec::new(),
        },
    }
}

/// Puts `null` where each withheld field would have been in `data`, and one `FORBIDDEN`
/// error per place, with its concrete path; drops the placeholders of emptied selections.
pub fn mark_withheld(response: &mut Json, withheld: &[Withheld]) {
    if withheld.is_empty() {
        return;
    }
    if let Some(data) = response.get_mut("data") {
        drop_placeholders(data);
    }
    let mut errors = Vec::new();
    for field in withheld {
        let Some(data) = response.get_mut("data") else {
            break;
        };
        let mut at = Vec::new();
        insert_nulls(data, &field.path, &mut at, &mut |path| {
            errors.push(json!({
                "message": format!("{} requires {}", field.coordinate, field.requires),
                "path": path,
                "extensions": { "code": "FORBIDDEN" },
            }));
        });
    }
    if errors.is_empty() {
        return;
    }
    let Some(object) = response.as_object_mut() else {
        return;
    };
    match object.get_mut("errors").and_then(Json::as_array_mut) {
        Some(existing) => existing.extend(errors),
        None => {
            object.insert("errors".into(), Json::Array(errors));
        }
    }
}

fn drop_placeholders(value: &mut Json) {
    match value {
        Json::Array(items) => items.iter_mut().for_each(drop_placeholders),
        Json::Object(object) => {
            object.remove(PLACEHOLDER);
            object.values_mut().for_each(drop_placeholders);
        }
        _ => {}
    }
}

fn insert_nulls(
    value: &mut Json,
    rest: &[String],
    at: &mut Vec<Json>,
    found: &mut dyn FnMut(Vec<Json>),
) {
    match value {
        Json::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                at.push(i.into());
                insert_nulls(item, rest, at, found);
                at.pop();
            }
        }
        Json::Object(object) => {
            let Some((key, deeper)) = rest.split_first() else {
                return;
            };
            at.push(key.clone().into());
            if deeper.is_empty() {
                object.insert(key.clone(), Json::Null);
                found(at.clone());
            } else if let Some(child) = object.get_mut(key) {
                insert_nulls(child, deeper, at, found);
            }
            at.pop();
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUPERGRAPH: &str = r#"
        type Query { firs: [Fir] }
        type Fir { number: String reports: [Report] }
        type Report {
            examination: String
            conclusion: String @requiresScopes(scopes: [["police"], ["court", "sealed"]])
            examiner: String @authenticated
        }
    "#;

    fn rules() -> FieldRules {
        let schema = graphql_tools::parser::parse_schema::<String>(SUPERGRAPH)
            .unwrap()
            .into_static();
        FieldRules::of(&schema)
    }

    fn pruned(query: &str, grants: &Grants) -> (String, Vec<String>) {
        let document = graphql_tools::parser::parse_query::<String>(query)
            .unwrap()
            .into_static();
        let (document, withheld) = withhold(&rules(), document, &RootTypes::default(), grants);
        let paths = withheld.iter().map(|w| w.path.join(".")).collect();
        (document.to_string(), paths)
    }

    #[test]
    fn scopes_are_any_group_of_all_its_scopes() {
        let grants = |scopes: &[&str]| Grants {
            authenticated: true,
            scopes: scopes.iter().map(|s| s.to_string()).collect(),
        };
        let query = "{ firs { reports { conclusion } } }";
        assert!(pruned(query, &grants(&["police"])).1.is_empty());
        assert!(pruned(query, &grants(&["court", "sealed"])).1.is_empty());
        assert_eq!(
            pruned(query, &grants(&["court"])).1,
            ["firs.reports.conclusion"]
        );
        assert_eq!(
            pruned(query, &Grants::default()).1,
            ["firs.reports.conclusion"]
        );
    }

    #[test]
    fn fragments_are_judged_where_they_are_spread() {
        let query = "query Q { firs { ...F mine: reports { examiner } } } \
                     fragment F on Fir { number reports { examination examiner } }";
        let (text, paths) = pruned(query, &Grants::default());
        assert_eq!(paths, ["firs.reports.examiner", "firs.mine.examiner"]);
        assert!(!text.contains("examiner"), "{text}");
        assert!(!text.contains("fragment"), "{text}");
        // `mine` lost its only field and keeps a placeholder.
        assert!(text.contains(PLACEHOLDER), "{text}");
    }

    #[test]
    fn withheld_places_become_null_with_one_error_each() {
        let withheld = vec![Withheld {
            path: vec!["firs".into(), "mine".into(), "examiner".into()],
            coordinate: "Report.examiner".into(),
            requires: "an authenticated caller".into(),
        }];
        let mut response = json!({ "data": { "firs": [
            { "mine": [{ PLACEHOLDER: "Report" }, { PLACEHOLDER: "Report" }] },
            { "mine": null },
        ]}});
        mark_withheld(&mut response, &withheld);
        assert_eq!(
            response["data"],
            json!({ "firs": [
                { "mine": [{ "examiner": null }, { "examiner": null }] },
                { "mine": null },
            ]})
        );
        let paths = crate::test_support::error_paths(&response);
        assert_eq!(
            paths,
            [
                &json!(["firs", 0, "mine", 0, "examiner"]),
                &json!(["firs", 0, "mine", 1, "examiner"])
            ]
        );
    }
}
