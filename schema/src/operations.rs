//! The safelist: GraphQL documents registered for production client apps
//! (`cctns operations add FILE`), identified by the SHA-256 of their text as Apollo's
//! persisted queries are. In safelist mode a request runs only if its document is
//! registered; a client may then send the hash alone
//! (`extensions.persistedQuery.sha256Hash`).

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use async_graphql::Value;
use chrono::Utc;
use entities::registered_operation;
use sea_orm::sea_query::OnConflict;
use sea_orm::{DatabaseConnection, DbErr, EntityTrait, Set};
use sha2::{Digest, Sha256};

use crate::error::{ApiError, ErrorCode};

/// The SHA-256 of a document's text, lowercase hex.
pub fn hash(document: &str) -> String {
    Sha256::digest(document.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// A document to register: its text and the names of its operations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    /// The document, exactly as clients will send it.
    pub document: String,
    /// Its operations' names, comma-separated (none when all are anonymous).
    pub name: Option<String>,
}

/// The documents in a file: a GraphQL document (registered whole, as a client sends
/// it), or an Apollo persisted query manifest (`{"operations": [{"body": …}, …]}`).
/// Each must parse and hold at least one operation.
pub fn documents_of(text: &str) -> Result<Vec<Registration>, String> {
    let bodies: Vec<String> = if text.trim_start().starts_with('{') {
        let manifest: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("not a JSON manifest: {e}"))?;
        manifest["operations"]
            .as_array()
            .ok_or("the manifest has no `operations` array")?
            .iter()
            .enumerate()
            .map(|(i, op)| {
                op["body"]
                    .as_str()
                    .map(str::to_owned)
                    .ok_or(format!("operations[{i}] has no `body`"))
            })
            .collect::<Result<_, _>>()?
    } else {
        vec![text.to_owned()]
    };
    bodies
        .into_iter()
        .enumerate()
        .map(|(i, document)| {
            let parsed = async_graphql::parser::parse_query(&document)
                .map_err(|e| format!("document {}: {e}", i + 1))?;
            let names: Vec<String> = parsed
                .operations
                .iter()
                .filter_map(|(name, _)| name.map(|n| n.to_string()))
                .collect();
            if parsed.operations.iter().next().is_none() {
                return Err(format!("document {} holds no operation", i + 1));
            }
            Ok(Registration {
                document,
                name: (!names.is_empty()).then(|| names.join(",")),
            })
        })
        .collect()
}

/// Registers `documents`; returns each one's hash and whether it was new.
pub async fn register(
    db: &DatabaseConnection,
    documents: &[Registration],
) -> Result<Vec<(String, bool)>, DbErr> {
    let mut registered = Vec::with_capacity(documents.len());
    for registration in documents {
        let hash = hash(&registration.document);
        let known = registered_operation::Entity::find_by_id(hash.clone())
            .one(db)
            .await?
            .is_some();
        if !known {
            registered_operation::Entity::insert(registered_operation::ActiveModel {
                hash: Set(hash.clone()),
                name: Set(registration.name.clone()),
                document: Set(registration.document.clone()),
                added_at: Set(Utc::now()),
            })
            .on_conflict(
                OnConflict::column(registered_operation::Column::Hash)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
        }
        registered.push((hash, !known));
    }
    Ok(registered)
}

/// The registered documents, read from the database as requests name them and kept.
pub struct Safelist {
    db: DatabaseConnection,
    known: RwLock<HashMap<String, Arc<str>>>,
}

impl Safelist {
    /// The safelist of the database `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self {
            db,
            known: RwLock::default(),
        }
    }

    /// Lets `request` run only if its document is registered: by the hash of its text,
    /// or, when it has no text, by `extensions.persistedQuery.sha256Hash` (the text is
    /// then filled in). `FORBIDDEN` otherwise.
    pub async fn admit(&self, request: &mut async_graphql::Request) -> Result<(), ApiError> {
        let hash = if request.query.is_empty() {
            match request
                .extensions
                .get("persistedQuery")
                .and_then(|pq| match pq {
                    Value::Object(fields) => fields.get("sha256Hash").cloned(),
                    _ => None,
                }) {
                Some(Value::String(hash)) => hash.to_ascii_lowercase(),
                _ => return Err(ApiError::bad_input("no query and no persisted query hash")),
            }
        } else {
            hash(&request.query)
        };
        let document = self.document(&hash).await.map_err(|e| {
            tracing::error!(error = %e, "safelist unreadable");
            ApiError::internal()
        })?;
        let Some(document) = document else {
            return Err(ApiError::new(
                ErrorCode::Forbidden,
                "this gateway runs registered operations only, and this one is not registered",
            ));
        };
        if request.query.is_empty() {
            request.query = document.to_string();
        }
        Ok(())
    }

    async fn document(&self, hash: &str) -> Result<Option<Arc<str>>, DbErr> {
        if let Some(document) = self
            .known
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(hash)
        {
            return Ok(Some(document.clone()));
        }
        let Some(row) = registered_operation::Entity::find_by_id(hash.to_owned())
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        let document: Arc<str> = row.document.into();
        self.known
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(hash.to_owned(), document.clone());
        Ok(Some(document))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_registered_whole_and_a_manifest_by_operation() {
        let one = documents_of("query Stations { policeStations { totalCount } }").unwrap();
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].name.as_deref(), Some("Stations"));
        let manifest = r#"{"format":"apollo-persisted-query-manifest","version":1,"operations":[
            {"id":"x","name":"A","type":"query","body":"query A { policeStations { totalCount } }"},
            {"id":"y","name":"B","type":"query","body":"{ __typename }"}]}"#;
        let many = documents_of(manifest).unwrap();
        assert_eq!(many.len(), 2);
        assert_eq!(many[1].name, None);
        assert!(documents_of("query {").is_err());
        assert!(documents_of("fragment F on Query { __typename }").is_err());
        assert!(documents_of(r#"{"operations": [{"name": "A"}]}"#).is_err());
    }

    #[test]
    fn hashes_are_apollo_persisted_query_ids() {
        // sha256("{__typename}")
        assert_eq!(
            hash("{__typename}"),
            "ecf4edb46db40b5132295c0291d62fb65d6759a9eedfa4d5d612dd5ec54a6b38"
        );
    }
}
