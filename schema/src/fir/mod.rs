//! FIRs, their charges and the statute catalogue.

mod amend;
mod filter;
mod modus_operandi;
mod register;
mod serial;
mod types;

use async_graphql::{Context, ID, Object};
use entities::{fir, statute};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QuerySelect};

pub use amend::{AmendFirInput, FirAmendMutation};
pub use filter::FirFilter;
pub use modus_operandi::{ModusOperandi, ModusOperandiQuery};
pub use register::{ChargeInput, FirMutation, PartyInput, RegisterFirInput};
pub(crate) use register::{PreparedFir, registered};
pub(crate) use types::FirScope;
pub use types::{Charge, Fir};

use crate::audit::{self, AuditClass};
use crate::context::RequestContext;
use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::loader::{by_id, by_unique, children};
use crate::org::unit_by_code;
use crate::pagination::{Page, PageRequest, fetch_page};
use crate::policy::{self, Access, FieldClass};

by_id!(
    /// An FIR by row id.
    FirById => fir
);
by_unique!(
    /// The case (investigation) opened by an FIR.
    CaseOfFir => police_case . FirId (fir_id)
);
children!(
    /// Every charge ever recorded on an FIR (altered ones carry `removed_at`).
    ChargesOfFir => charge . FirId (fir_id)
);
children!(
    /// Amendments to an FIR, oldest first.
    AmendmentsOfFir => fir_amendment . FirId (fir_id)
);
by_id!(
    /// A statute by row id.
    StatuteById => statute
);

/// Queries over FIRs.
#[derive(Default)]
pub struct FirQuery;

#[Object]
impl FirQuery {
    /// FIRs matching a filter, newest first. Callers outside the police see only FIRs
    /// whose header is public, and may filter only by place and date.
    async fn firs(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Narrow the list.")] filter: Option<FirFilter>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last FIR already seen.")] after: Option<String>,
    ) -> ApiResult<Page<Fir>> {
        list(ctx, filter.unwrap_or_default(), first, after).await
    }

    /// One FIR by its global id.
    async fn fir(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The FIR's global id.")] id: ID,
    ) -> ApiResult<Option<Fir>> {
        find_fir(ctx, ids::decode("Fir", &id)?).await
    }

    /// One FIR by its station, year and serial (the number printed on the FIR); null
    /// when there is none, and alike when the caller may not see its header: a number
    /// is guessable, so the answer must not tell a hidden FIR from a missing one.
    async fn fir_by_number(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Code of the registering station.")] station_code: String,
        #[graphql(desc = "Year of registration.")] year: i32,
        #[graphql(desc = "Serial within that station and year.")] serial: i32,
    ) -> ApiResult<Option<Fir>> {
        let station = unit_by_code(ctx, &station_code).await?;
        let found = fir::Entity::find()
            .filter(fir::Column::StationId.eq(station.id))
            .filter(fir::Column::Year.eq(year))
            .filter(fir::Column::Serial.eq(serial))
            .one(&RequestContext::of(ctx).db)
            .await?;
        let Some(fir) = found.map(Fir) else {
            return Ok(None);
        };
        if fir.access(ctx, FieldClass::Header).await?.is_full() {
            return Ok(Some(fir));
        }
        // The header is withheld only to protect a victim (BNS 72): refused, and
        // audited as such, but answered like a number nobody registered.
        audit::denied(ctx, "Fir", fir.0.id, AuditClass::VictimIdentity);
        Ok(None)
    }
}

/// An FIR by row id, if the caller may see its header (`FORBIDDEN` otherwise).
pub async fn find_fir(ctx: &Context<'_>, row_id: i64) -> ApiResult<Option<Fir>> {
    let found = RequestContext::of(ctx)
        .loaders
        .load_one(FirById(row_id))
        .await?;
    visible(ctx, found).await
}

/// Passes an FIR through only if the caller may see its header.
async fn visible(ctx: &Context<'_>, found: Option<fir::Model>) -> ApiResult<Option<Fir>> {
    let Some(row) = found else {
        return Ok(None);
    };
    let fir = Fir(row);
    match fir.access(ctx, FieldClass::Header).await? {
        Access::Full => Ok(Some(fir)),
        _ => Err(ApiError::forbidden("this FIR is not visible to you")),
    }
}

/// The statutes a charge search for (`act`, `section`) matches: the section itself, its
/// subsections (`64` matches `64(1)`), and their IPC↔BNS equivalents.
pub(crate) async fn matching_statutes(
    ctx: &Context<'_>,
    act: Option<entities::enums::Act>,
    section: &str,
) -> ApiResult<Vec<i64>> {
    use entities::statute_equivalent;
    let db = &RequestContext::of(ctx).db;
    let mut query = statute::Entity::find()
        .select_only()
        .column(statute::Column::Id)
        .filter(
            Condition::any()
                .add(statute::Column::Section.eq(section))
                .add(statute::Column::Section.starts_with(format!("{section}("))),
        );
    if let Some(act) = act {
        query = query.filter(statute::Column::Act.eq(act));
    }
    let mut ids: Vec<i64> = query.into_tuple().all(db).await?;
    if !ids.is_empty() {
        let equivalents: Vec<i64> = statute_equivalent::Entity::find()
            .select_only()
            .column(statute_equivalent::Column::EquivalentId)
            .filter(statute_equivalent::Column::StatuteId.is_in(ids.clone()))
            .into_tuple()
            .all(db)
            .await?;
        ids.extend(equivalents);
        ids.sort_unstable();
        ids.dedup();
    }
    Ok(ids)
}

/// A page of the FIRs `filter` selects, as the caller may list them (`firs`, `me.cases`).
pub(crate) async fn list(
    ctx: &Context<'_>,
    filter: FirFilter,
    first: Option<i32>,
    after: Option<String>,
) -> ApiResult<Page<Fir>> {
    let request = PageRequest::new(first, after.as_deref())?;
    let condition = filter.condition(ctx).await?;
    let query = fir::Entity::find().filter(condition);
    fetch_page(ctx, query, fir::Column::Id, request, true, Fir).await
}

/// Whether the caller may filter on police-restricted fields (charges, status, IO).
pub(crate) fn require_restricted(ctx: &Context<'_>) -> ApiResult<()> {
    if policy::sees_sensitive_headers(&RequestContext::of(ctx).principal) {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "filtering by charge, status or investigating officer needs a police or analyst role",
        ))
    }
}

/// The catalogue statutes equivalent to a statute (IPC ↔ BNS).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EquivalentsOfStatute(pub i64);

impl async_graphql::dataloader::Loader<EquivalentsOfStatute> for crate::loader::DbLoader {
    type Value = Vec<statute::Model>;
    type Error = crate::loader::LoadError;

    async fn load(
        &self,
        keys: &[EquivalentsOfStatute],
    ) -> Result<std::collections::HashMap<EquivalentsOfStatute, Self::Value>, Self::Error> {
        crate::loader::batches::observe::<EquivalentsOfStatute>(keys.len());
        use entities::statute_equivalent;
        let links: Vec<(i64, i64)> = statute_equivalent::Entity::find()
            .select_only()
            .column(statute_equivalent::Column::StatuteId)
            .column(statute_equivalent::Column::EquivalentId)
            .filter(statute_equivalent::Column::StatuteId.is_in(keys.iter().map(|k| k.0)))
            .into_tuple()
            .all(&self.db)
            .await?;
        let statutes: std::collections::HashMap<i64, statute::Model> = statute::Entity::find()
            .filter(statute::Column::Id.is_in(links.iter().map(|(_, eq)| *eq)))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
        let mut out: std::collections::HashMap<_, Vec<_>> =
            keys.iter().map(|k| (*k, Vec::new())).collect();
        for (source, equivalent) in links {
            if let Some(statute) = statutes.get(&equivalent) {
                out.entry(EquivalentsOfStatute(source))
                    .or_default()
                    .push(statute.clone());
            }
        }
        Ok(out)
    }
}

/// A station's FIRs, newest first, paged per station.
pub struct FirsOfStation;

impl crate::loader::PagedRelation for FirsOfStation {
    type Child = fir::Entity;
    type Parent = entities::org_unit::Entity;
    const PARENT_COLUMN: fir::Column = fir::Column::StationId;
    const NEWEST_FIRST: bool = true;
    const SENSITIVE_COLUMN: Option<fir::Column> = Some(fir::Column::VictimIdentityProtected);
    fn parent_of(row: &fir::Model) -> i64 {
        row.station_id
    }
    fn prime(loaders: &crate::loader::Loaders, rows: &[fir::Model]) {
        loaders.feed_many(rows.iter().map(|row| (FirById(row.id), row.clone())));
    }
}
