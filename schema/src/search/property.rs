//! `searchProperty`: vehicles by registration, chassis or engine number, mobiles by IMEI,
//! arms by serial, across every FIR in the country. Identifiers are normalised (upper
//! case, letters and digits only: "MH 12 AB 1234" is "MH12AB1234") and match from their
//! start, by index range scans. Each hit lists the items with the same identifier recorded
//! stolen in other FIRs: a seized vehicle that is stolen elsewhere is a match.

use std::collections::HashMap;

use async_graphql::{Context, InputObject, SimpleObject};
use entities::enums::PropertyStatus as StoredStatus;
use entities::{name_key, property_item, property_key};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter};

use crate::audit;
use crate::context::RequestContext;
use crate::error::{ApiError, ApiResult};
use crate::investigation::PropertyItem;
use crate::pagination::{Page, PageRequest, assemble, fetch_rows};
use crate::policy;

/// The shortest identifier (after normalising) a search accepts.
const MIN_CHARS: usize = 4;

/// What to look for; every identifier given must match (from its start).
#[derive(InputObject, Debug, Default)]
pub struct PropertySearchInput {
    /// Vehicle registration number, whole or its first characters ("MH 12 AB").
    pub registration: Option<String>,
    /// Vehicle chassis number, whole or its first characters.
    pub chassis: Option<String>,
    /// Vehicle engine number, whole or its first characters.
    pub engine: Option<String>,
    /// Mobile IMEI, whole or its first digits.
    pub imei: Option<String>,
    /// Serial number of an arm, whole or its first characters.
    pub arm_serial: Option<String>,
}

/// An item found by a property search.
#[derive(SimpleObject)]
pub struct PropertyHit {
    /// The item, with its FIR.
    pub item: PropertyItem,
    /// Items with the same identifier recorded stolen in other FIRs.
    pub stolen_elsewhere: Vec<PropertyItem>,
    /// Whether the item is recorded stolen in another FIR (`stolenElsewhere` is not empty).
    pub matches_stolen: bool,
    #[graphql(skip)]
    row_id: i64,
}

/// An identifier of an item, as stored.
type Stored = fn(&property_item::Model) -> Option<&String>;
/// An identifier asked for in the input.
type Asked = fn(&PropertySearchInput) -> Option<&String>;

/// Every identifier: the input field naming it, its column, and how to read it from the
/// input and from an item.
const IDENTIFIERS: [(&str, property_item::Column, Asked, Stored); 5] = [
    (
        "registration",
        property_item::Column::RegistrationNormalized,
        |i| i.registration.as_ref(),
        |m| m.registration_normalized.as_ref(),
    ),
    (
        "chassis",
        property_item::Column::ChassisNumber,
        |i| i.chassis.as_ref(),
        |m| m.chassis_number.as_ref(),
    ),
    (
        "engine",
        property_item::Column::EngineNumber,
        |i| i.engine.as_ref(),
        |m| m.engine_number.as_ref(),
    ),
    (
        "imei",
        property_item::Column::Imei,
        |i| i.imei.as_ref(),
        |m| m.imei.as_ref(),
    ),
    (
        "armSerial",
        property_item::Column::ArmSerial,
        |i| i.arm_serial.as_ref(),
        |m| m.arm_serial.as_ref(),
    ),
];

/// The identifiers the input gives: field name, column, value.
fn identifiers(input: &PropertySearchInput) -> Vec<(&'static str, property_item::Column, &String)> {
    IDENTIFIERS
        .iter()
        .filter_map(|(field, column, asked, _)| asked(input).map(|v| (*field, *column, v)))
        .collect()
}

/// Runs a property search for the caller.
pub(crate) async fn search(
    ctx: &Context<'_>,
    input: &PropertySearchInput,
    request: PageRequest,
) -> ApiResult<Page<PropertyHit>> {
    let rc = RequestContext::of(ctx);
    if !policy::sees_sensitive_headers(&rc.principal) {
        return Err(ApiError::forbidden(
            "property search needs a police or analyst role",
        ));
    }
    let given = identifiers(input);
    if given.is_empty() {
        return Err(ApiError::invalid(
            "input",
            "give a registration, chassis, engine, IMEI or arm serial number",
        ));
    }
    let mut condition = Condition::all();
    for (field, column, value) in &given {
        let key = property_key::identifier(value);
        if key.len() < MIN_CHARS {
            return Err(ApiError::invalid(
                format!("input.{field}"),
                format!("give at least {MIN_CHARS} letters or digits"),
            ));
        }
        let (low, high) = name_key::prefix_range(&key);
        condition = condition.add(column.gte(low)).add(column.lt(high));
    }
    let query = property_item::Entity::find().filter(condition);
    let (rows, total) = fetch_rows(ctx, query, property_item::Column::Id, request, true).await?;
    let mut stolen = stolen_with_same_identifier(&rc.db, &rows).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let criteria = given
        .iter()
        .map(|(field, _, value)| format!("{field}={value:?}"))
        .collect::<Vec<_>>()
        .join(" ");
    audit::searched(ctx, "PropertyItem", &format!("SEARCH {criteria}"), &ids);
    let hits = rows
        .into_iter()
        .map(|row| {
            let stolen_elsewhere: Vec<PropertyItem> = stolen
                .remove(&row.id)
                .unwrap_or_default()
                .into_iter()
                .map(PropertyItem)
                .collect();
            PropertyHit {
                row_id: row.id,
                matches_stolen: !stolen_elsewhere.is_empty(),
                stolen_elsewhere,
                item: PropertyItem(row),
            }
        })
        .collect();
    Ok(assemble(hits, request, total, |hit: &PropertyHit| {
        hit.row_id
    }))
}

/// For each of `items`, the items of other FIRs recorded stolen with one of its
/// identifiers; one statement for the whole page.
async fn stolen_with_same_identifier(
    db: &sea_orm::DatabaseConnection,
    items: &[property_item::Model],
) -> Result<HashMap<i64, Vec<property_item::Model>>, sea_orm::DbErr> {
    // One indexed IN per identifier the page holds (an empty IN would cost a scan).
    let mut any = Condition::any();
    for (_, column, _, stored) in IDENTIFIERS {
        let keys: Vec<String> = items.iter().filter_map(|i| stored(i).cloned()).collect();
        if !keys.is_empty() {
            any = any.add(column.is_in(keys));
        }
    }
    if any.is_empty() {
        return Ok(HashMap::new());
    }
    let stolen = property_item::Entity::find()
        .filter(property_item::Column::Status.eq(StoredStatus::Stolen))
        .filter(any)
        .all(db)
        .await?;
    let shares_an_identifier = |a: &property_item::Model, b: &property_item::Model| {
        IDENTIFIERS
            .iter()
            .any(|(_, _, _, stored)| stored(a).is_some() && stored(a) == stored(b))
    };
    let mut out: HashMap<i64, Vec<property_item::Model>> = HashMap::new();
    for item in items {
        for other in &stolen {
            if other.fir_id != item.fir_id && shares_an_identifier(item, other) {
                out.entry(item.id).or_default().push(other.clone());
            }
        }
    }
    Ok(out)
}
