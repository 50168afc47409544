//! Text a request carries, in any script: composed (NFC) before anything reads it, and
//! refused with the input named when it holds a character the graph does not record
//! (`indic::text`: control characters, bidirectional overrides, unassigned code
//! points). One check at admission covers every argument of every operation, inline or
//! in variables, so no mutation can write such text and no search can be asked it.

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Name, Request, ServerResult, Variables};
use async_graphql_value::ConstValue;
use async_graphql_value::Value;
use indic::text::{self, Refused};

use crate::error::ApiError;

/// Composes the document and the variables of `request`, or refuses them.
pub(crate) fn admit(request: &mut Request) -> ServerResult<()> {
    if let std::borrow::Cow::Owned(composed) = text::nfc(&request.query) {
        request.query = composed;
    }
    if let Err(refused) = text::check(&request.query) {
        let field = async_graphql::parser::parse_query(&request.query)
            .ok()
            .and_then(|document| in_document(&document, refused));
        return Err(refusal(field, refused));
    }
    compose_variables(&mut request.variables)
}

fn refusal(field: Option<String>, refused: Refused) -> async_graphql::ServerError {
    let error = match field {
        Some(field) => ApiError::invalid(field.clone(), format!("{field}: {refused}")),
        None => ApiError::bad_input(refused.to_string()),
    };
    error.into_server_error()
}

/// Composes every string in `variables`; refuses the first that holds a refused character,
/// named by its path (`input.parties[0].person.name`).
fn compose_variables(variables: &mut Variables) -> ServerResult<()> {
    for (name, value) in variables.iter_mut() {
        compose(value, &mut name.to_string())?;
    }
    Ok(())
}

fn compose(value: &mut ConstValue, path: &mut String) -> ServerResult<()> {
    match value {
        ConstValue::String(s) => {
            text::check(s).map_err(|refused| refusal(Some(path.clone()), refused))?;
            if let std::borrow::Cow::Owned(composed) = text::nfc(s) {
                *s = composed;
            }
        }
        ConstValue::List(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                compose(item, path)?;
                path.truncate(len);
            }
        }
        ConstValue::Object(fields) => {
            for (name, item) in fields.iter_mut() {
                let len = path.len();
                path.push('.');
                path.push_str(name);
                compose(item, path)?;
                path.truncate(len);
            }
        }
        _ => {}
    }
    Ok(())
}

/// The argument (`input.parties[0].person.name`) of `document` whose text holds the
/// refused character, if it is in one.
fn in_document(document: &ExecutableDocument, refused: Refused) -> Option<String> {
    let sets = document
        .operations
        .iter()
        .map(|(_, op)| &op.node.selection_set.node)
        .chain(
            document
                .fragments
                .values()
                .map(|f| &f.node.selection_set.node),
        );
    for set in sets {
        if let Some(found) = in_selection(set, refused) {
            return Some(found);
        }
    }
    None
}

fn in_selection(set: &SelectionSet, refused: Refused) -> Option<String> {
    for item in &set.items {
        let found = match &item.node {
            Selection::Field(field) => field
                .node
                .arguments
                .iter()
                .find_map(|(name, value)| in_value(&value.node, &name.node, refused))
                .or_else(|| in_selection(&field.node.selection_set.node, refused)),
            Selection::InlineFragment(fragment) => {
                in_selection(&fragment.node.selection_set.node, refused)
            }
            Selection::FragmentSpread(_) => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

fn in_value(value: &Value, path: &str, refused: Refused) -> Option<String> {
    match value {
        Value::String(s) => (text::check(s) == Err(refused)).then(|| path.to_owned()),
        Value::List(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| in_value(item, &format!("{path}[{i}]"), refused)),
        Value::Object(fields) => fields.iter().find_map(|(name, item): (&Name, &Value)| {
            in_value(item, &format!("{path}.{name}"), refused)
        }),
        _ => None,
    }
}
