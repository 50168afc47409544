//! What a request passes before the schema runs it, in order: its size, Apollo automatic
//! persisted queries (per caller), its text ([`crate::written`]: composed, no refused
//! characters), parsing, the production posture (`_service` for
//! schema explorers only) and the document limits; then the audit trail learns the real
//! names of its root fields, and the request's loaders whether to remember what they load
//! (a query's do; a mutation's and a subscription's do not, as their rows change while
//! they run).
//!
//! These checks run here, before `Schema::execute`, rather than as async-graphql
//! extensions: a schema with any extension resolves every field through the extensions'
//! boxed `resolve` chain, though none of these looks at fields (issue 19). The schema
//! [`Graph`](crate::Graph) serves therefore has no extension at all.

use async_graphql::parser::types::OperationType;
use async_graphql::{Request, ServerResult};

use crate::audit::{name_roots, operation};
use crate::context::RequestContext;
use crate::limits::{Limits, Shapes};
use crate::persisted::PersistedDocuments;
use crate::{SchemaOptions, posture};

/// The checks of every request, shared by all requests.
pub(crate) struct Admission {
    limits: Limits,
    persisted: Option<PersistedDocuments>,
    production: bool,
}

impl Admission {
    /// The checks `options` ask for, against the schema whose fields `shapes` describe.
    pub(crate) fn new(options: &SchemaOptions, shapes: Shapes) -> Self {
        Self {
            limits: Limits::new(options.limits, shapes),
            persisted: (options.persisted_queries > 0)
                .then(|| PersistedDocuments::new(options.persisted_queries)),
            production: options.production,
        }
    }

    /// Admits `request` from `caller`: it leaves parsed and checked, or refused with the
    /// error that answers it (nothing has run).
    pub(crate) async fn admit(
        &self,
        mut request: Request,
        caller: &RequestContext,
    ) -> ServerResult<Request> {
        self.limits.check_size(&request.query)?;
        if let Some(persisted) = &self.persisted {
            request = persisted.resolve(request, caller).await?;
        }
        crate::written::admit(&mut request)?;
        // The document is borrowed from the request while it is checked with the
        // request's variables: those stand aside meanwhile.
        let variables = std::mem::take(&mut request.variables);
        let operation_name = request.operation_name.take();
        let checked = (|| {
            let document = request
                .parsed_query()
                .map_err(|error| self.limits.parse_error(error))?;
            if self.production {
                posture::check_service(document, &caller.principal)?;
            }
            self.limits.check(document, &variables)?;
            if let Some(operation) = operation(&document.operations, operation_name.as_deref()) {
                name_roots(&caller.audit, document, operation);
                if operation.ty != OperationType::Query {
                    caller.loaders.remember(false);
                }
            }
            Ok(())
        })();
        request.variables = variables;
        request.operation_name = operation_name;
        checked.map(|()| request)
    }
}
