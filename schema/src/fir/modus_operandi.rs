//! Modus operandi: the catalogue of ways crimes are committed, the ways recorded on an
//! FIR, and checking the codes a registration names.

use std::collections::{BTreeSet, HashMap};

use async_graphql::{Context, Object, SimpleObject};
use entities::{fir_modus_operandi, modus_operandi};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::context::RequestContext;
use crate::error::{ApiError, ApiResult};
use crate::loader::{DbLoader, LoadError};

/// Most ways of committing one FIR may record.
pub(crate) const MAX_PER_FIR: usize = 5;

/// A way of committing a crime (CCTNS "MO"), from the national catalogue.
#[derive(SimpleObject, Clone, Debug)]
pub struct ModusOperandi {
    /// Stable code, e.g. `CHAIN_SNATCHING`.
    pub code: String,
    /// The crime head it belongs under.
    pub crime_head: String,
    /// What it is, in words.
    pub description: String,
}

impl From<modus_operandi::Model> for ModusOperandi {
    fn from(row: modus_operandi::Model) -> Self {
        ModusOperandi {
            code: row.code,
            crime_head: row.crime_head,
            description: row.description,
        }
    }
}

/// The ways of committing recorded on an FIR, by code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ModusOperandiOfFir(pub i64);

impl async_graphql::dataloader::Loader<ModusOperandiOfFir> for DbLoader {
    type Value = Vec<ModusOperandi>;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[ModusOperandiOfFir],
    ) -> Result<HashMap<ModusOperandiOfFir, Self::Value>, Self::Error> {
        crate::loader::batches::observe::<ModusOperandiOfFir>(keys.len());
        use fir_modus_operandi::Column as L;
        use modus_operandi::Column as M;
        let select = Query::select()
            .column((fir_modus_operandi::Entity, L::FirId))
            .columns([
                (modus_operandi::Entity, M::Code),
                (modus_operandi::Entity, M::CrimeHead),
                (modus_operandi::Entity, M::Description),
            ])
            .from(fir_modus_operandi::Entity)
            .inner_join(
                modus_operandi::Entity,
                Expr::col((modus_operandi::Entity, M::Code))
                    .equals((fir_modus_operandi::Entity, L::Code)),
            )
            .and_where(crate::loader::key_in(
                self.db.get_database_backend(),
                L::FirId,
                keys.iter().map(|k| k.0),
            ))
            .order_by((fir_modus_operandi::Entity, L::Code), sea_orm::Order::Asc)
            .to_owned();
        let mut grouped: HashMap<ModusOperandiOfFir, Self::Value> =
            keys.iter().map(|k| (*k, Vec::new())).collect();
        for row in self.db.query_all(&select).await? {
            let fir: i64 = row.try_get("", "fir_id")?;
            grouped
                .entry(ModusOperandiOfFir(fir))
                .or_default()
                .push(ModusOperandi {
                    code: row.try_get("", "code")?,
                    crime_head: row.try_get("", "crime_head")?,
                    description: row.try_get("", "description")?,
                });
        }
        Ok(grouped)
    }
}

/// The distinct catalogue codes `codes` names (trimmed, upper-cased), in order;
/// `BAD_USER_INPUT` on `field` for too many or an unknown one.
pub(crate) async fn known_codes(
    ctx: &Context<'_>,
    codes: &[String],
    field: &str,
) -> ApiResult<Vec<String>> {
    let wanted: BTreeSet<String> = codes.iter().map(|c| c.trim().to_uppercase()).collect();
    if wanted.len() > MAX_PER_FIR {
        return Err(ApiError::invalid(
            field,
            format!("an FIR records at most {MAX_PER_FIR} ways of committing"),
        ));
    }
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let found: BTreeSet<String> = modus_operandi::Entity::find()
        .filter(modus_operandi::Column::Code.is_in(wanted.iter().cloned()))
        .all(&RequestContext::of(ctx).db)
        .await?
        .into_iter()
        .map(|row| row.code)
        .collect();
    if let Some(unknown) = wanted.difference(&found).next() {
        return Err(ApiError::invalid(
            field,
            format!("{unknown:?} is not in the modus operandi catalogue"),
        ));
    }
    Ok(wanted.into_iter().collect())
}

/// Queries over the catalogue.
#[derive(Default)]
pub struct ModusOperandiQuery;

#[Object]
impl ModusOperandiQuery {
    /// The national catalogue of ways crimes are committed, by crime head and code: the
    /// codes an FIR records and `FirFilter.modusOperandi` searches by.
    async fn modus_operandi_catalogue(&self, ctx: &Context<'_>) -> ApiResult<Vec<ModusOperandi>> {
        Ok(modus_operandi::Entity::find()
            .order_by_asc(modus_operandi::Column::CrimeHead)
            .order_by_asc(modus_operandi::Column::Code)
            .all(&RequestContext::of(ctx).db)
            .await?
            .into_iter()
            .map(ModusOperandi::from)
            .collect())
    }
}

/// `fir.id IN (FIRs recording code)`, by the `(code, fir_id)` index.
pub(crate) fn recorded_with(code: &str) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(fir_modus_operandi::Column::FirId)
        .from(fir_modus_operandi::Entity)
        .and_where(Expr::col(fir_modus_operandi::Column::Code).eq(code))
        .to_owned()
}
