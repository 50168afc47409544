//! The organisation: states, districts, police stations and other units.

mod types;

use async_graphql::{Context, InputObject, Object};
use entities::enums::UnitKind as StoredUnitKind;
use entities::{officer, org_unit};

use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

pub use types::{Officer, OrgUnit, PoliceStation};

use crate::context::RequestContext;
use crate::enums::{Rank, UnitKind};
use crate::error::{ApiError, ApiResult};
use crate::loader::{by_id, children};
use crate::pagination::{Keyed, Page, PageRequest, assemble, fetch_page, fetch_rows};

by_id!(
    /// An org unit by row id.
    UnitById => org_unit
);
by_id!(
    /// An officer by row id.
    OfficerById => officer
);
children!(
    /// The units directly below a unit.
    ChildrenOfUnit => org_unit . ParentId (parent_id)
);

/// An org unit by its code, resolved once per request.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnitByCode(pub String);

impl async_graphql::dataloader::Loader<UnitByCode> for crate::loader::DbLoader {
    type Value = org_unit::Model;
    type Error = crate::loader::LoadError;

    async fn load(
        &self,
        keys: &[UnitByCode],
    ) -> Result<std::collections::HashMap<UnitByCode, Self::Value>, Self::Error> {
        crate::loader::batches::observe::<UnitByCode>(keys.len());
        let rows = org_unit::Entity::find()
            .filter(org_unit::Column::Code.is_in(keys.iter().map(|k| k.0.clone())))
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|row| (UnitByCode(row.code.clone()), row))
            .collect())
    }
}

/// Narrows the directory of org units.
#[derive(InputObject, Debug, Default)]
pub struct UnitFilter {
    /// Only units of this kind (courts, prisons, forensic labs, …).
    pub kind: Option<UnitKind>,
    /// Only units inside this unit's subtree.
    pub unit_code: Option<String>,
}

/// Narrows the officer roll.
#[derive(InputObject, Debug, Default)]
pub struct OfficerFilter {
    /// Only officers posted inside this unit's subtree.
    pub unit_code: Option<String>,
    /// Only officers of this rank.
    pub rank: Option<Rank>,
}

/// Narrows the station directory.
#[derive(InputObject, Debug, Default)]
pub struct StationFilter {
    /// Only stations inside this org unit's subtree (a state, district or sub-division code).
    pub unit_code: Option<String>,
    /// Only stations whose name contains this text (case-insensitive).
    pub name_contains: Option<String>,
}

/// Looks up a unit by code, or `NOT_FOUND`.
pub(crate) async fn unit_by_code(ctx: &Context<'_>, code: &str) -> ApiResult<org_unit::Model> {
    RequestContext::of(ctx)
        .loaders
        .load_one(UnitByCode(code.to_owned()))
        .await?
        .ok_or_else(|| ApiError::not_found("org unit"))
}

/// The unit with `code`, which a write names in input `field` and which must be of
/// `kind` (a police station, court, prison): `BAD_USER_INPUT` on that field otherwise.
pub(crate) async fn unit_of_kind(
    ctx: &Context<'_>,
    code: &str,
    kind: StoredUnitKind,
    field: &str,
) -> ApiResult<org_unit::Model> {
    let what = match kind {
        StoredUnitKind::PoliceStation => "police station",
        StoredUnitKind::Court => "court",
        StoredUnitKind::Prison => "prison",
        _ => "unit of that kind",
    };
    let unit = unit_by_code(ctx, code)
        .await
        .map_err(|_| ApiError::invalid(field, format!("no {what} {code}")))?;
    if unit.kind != kind {
        return Err(ApiError::invalid(
            field,
            format!("{} is not a {what}", unit.code),
        ));
    }
    Ok(unit)
}

/// The ids of every unit in the subtree at `path` (the unit itself included), as a
/// subquery: `column IN (units_under(path))` is the jurisdiction test in SQL.
pub(crate) fn units_under(path: &str) -> sea_orm::sea_query::SelectStatement {
    sea_orm::sea_query::Query::select()
        .column(org_unit::Column::Id)
        .from(org_unit::Entity)
        .and_where(org_unit::Column::Path.starts_with(path))
        .to_owned()
}

/// Escapes `%`, `_` and `\` so user text matches literally inside `LIKE`.
pub(crate) fn like_literal(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Queries over the organisation.
#[derive(Default)]
pub struct OrgQuery;

#[Object]
impl OrgQuery {
    /// The directory of police stations (public data), in the order they were set up.
    async fn police_stations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Narrow the directory.")] filter: Option<StationFilter>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last station already seen.")] after: Option<String>,
    ) -> ApiResult<Page<PoliceStation>> {
        let request = PageRequest::new(first, after.as_deref())?;
        let filter = filter.unwrap_or_default();
        let mut query = org_unit::Entity::find()
            .filter(org_unit::Column::Kind.eq(StoredUnitKind::PoliceStation));
        if let Some(code) = &filter.unit_code {
            let unit = unit_by_code(ctx, code).await?;
            query = query.filter(org_unit::Column::Path.starts_with(&unit.path));
        }
        if let Some(text) = &filter.name_contains {
            let pattern = format!("%{}%", like_literal(&text.to_lowercase()));
            query = query.filter(
                Expr::expr(Func::lower(Expr::col(org_unit::Column::Name)))
                    .like(LikeExpr::new(pattern).escape('\\')),
            );
        }
        let (rows, total) = fetch_rows(ctx, query, org_unit::Column::Id, request, false).await?;
        // The stations' FIRs look their station up for the policy: it is loaded already.
        RequestContext::of(ctx)
            .loaders
            .feed_many(rows.iter().map(|row| (UnitById(row.id), row.clone())));
        let stations = rows.into_iter().map(PoliceStation).collect();
        Ok(assemble(stations, request, total, PoliceStation::key))
    }

    /// The directory of org units (public): states, districts, stations, courts, prisons,
    /// forensic labs and prosecution offices.
    async fn org_units(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Narrow the directory.")] filter: Option<UnitFilter>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last unit already seen.")] after: Option<String>,
    ) -> ApiResult<Page<OrgUnit>> {
        let request = PageRequest::new(first, after.as_deref())?;
        let filter = filter.unwrap_or_default();
        let mut query = org_unit::Entity::find();
        if let Some(kind) = filter.kind {
            query = query.filter(org_unit::Column::Kind.eq(StoredUnitKind::from(kind)));
        }
        if let Some(code) = &filter.unit_code {
            let unit = unit_by_code(ctx, code).await?;
            query = query.filter(org_unit::Column::Path.starts_with(&unit.path));
        }
        fetch_page(ctx, query, org_unit::Column::Id, request, false, OrgUnit).await
    }

    /// The officer roll (authenticated callers only).
    async fn officers(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Narrow the roll.")] filter: Option<OfficerFilter>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last officer already seen.")] after: Option<String>,
    ) -> ApiResult<Page<Officer>> {
        if RequestContext::of(ctx).principal.identity.is_none() {
            return Err(ApiError::forbidden("the officer roll needs authentication"));
        }
        let request = PageRequest::new(first, after.as_deref())?;
        let filter = filter.unwrap_or_default();
        let mut query = officer::Entity::find();
        if let Some(rank) = filter.rank {
            query = query.filter(officer::Column::Rank.eq(entities::enums::Rank::from(rank)));
        }
        if let Some(code) = &filter.unit_code {
            let unit = unit_by_code(ctx, code).await?;
            query = query.filter(officer::Column::UnitId.in_subquery(units_under(&unit.path)));
        }
        fetch_page(ctx, query, officer::Column::Id, request, false, Officer).await
    }

    /// One police station by its code.
    async fn police_station(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The station's code, e.g. `MH-PUN-PS001`.")] code: String,
    ) -> ApiResult<Option<PoliceStation>> {
        let unit = RequestContext::of(ctx)
            .loaders
            .load_one(UnitByCode(code))
            .await?;
        Ok(unit
            .filter(|u| u.kind == StoredUnitKind::PoliceStation)
            .map(PoliceStation))
    }
}

/// An org unit by row id (the directory of units is public).
pub async fn find_unit(ctx: &Context<'_>, row_id: i64) -> ApiResult<Option<OrgUnit>> {
    let unit = RequestContext::of(ctx)
        .loaders
        .load_one(UnitById(row_id))
        .await?;
    Ok(unit.map(OrgUnit))
}

/// A police station by row id (public).
pub async fn find_station(ctx: &Context<'_>, row_id: i64) -> ApiResult<Option<PoliceStation>> {
    let unit = RequestContext::of(ctx)
        .loaders
        .load_one(UnitById(row_id))
        .await?;
    Ok(unit
        .filter(|u| u.kind == StoredUnitKind::PoliceStation)
        .map(PoliceStation))
}

/// An officer by row id: the roll is visible to authenticated callers only.
pub async fn find_officer(ctx: &Context<'_>, row_id: i64) -> ApiResult<Option<Officer>> {
    let rc = RequestContext::of(ctx);
    if rc.principal.identity.is_none() {
        return Err(ApiError::forbidden("the officer roll needs authentication"));
    }
    Ok(rc.loaders.load_one(OfficerById(row_id)).await?.map(Officer))
}
