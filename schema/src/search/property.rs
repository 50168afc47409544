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

/// The identifier columns, each with the input field naming it.
fn identifiers(input: &PropertySearchInput) -> Vec<(&'static str, property_item::Column, &String)> {
    use property_item::Column as C;
    [
        (
            "registration",
            C::RegistrationNormalized,
            &input.registration,
        ),
        ("chassis", C::ChassisNumber, &input.chassis),
        ("engine", C::EngineNumber, &input.engine),
        ("imei", C::Imei, &input.imei),
        ("armSerial", C::ArmSerial, &input.arm_serial),
    ]
    .into_iter()
    .filter_map(|(field, column, value)| value.as_ref().map(|v| (field, column, v)))
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
    use property_item::Column as C;
    let keys = |pick: fn(&property_item::Model) -> Option<&String>| -> Vec<String> {
        items.iter().filter_map(|i| pick(i).cloned()).collect()
    };
    let any = Condition::any()
        .add(C::RegistrationNormalized.is_in(keys(|i| i.registration_normalized.as_ref())))
        .add(C::ChassisNumber.is_in(keys(|i| i.chassis_number.as_ref())))
        .add(C::EngineNumber.is_in(keys(|i| i.engine_number.as_ref())))
        .add(C::Imei.is_in(keys(|i| i.imei.as_ref())))
        .add(C::ArmSerial.is_in(keys(|i| i.arm_serial.as_ref())));
    let stolen = property_item::Entity::find()
        .filter(C::Status.eq(StoredStatus::Stolen))
        .filter(any)
        .all(db)
        .await?;
    let same = |a: &Option<String>, b: &Option<String>| a.is_some() && a == b;
    let mut out: HashMap<i64, Vec<property_item::Model>> = HashMap::new();
    for item in items {
        for other in &stolen {
            if other.fir_id != item.fir_id
                && (same(
                    &item.registration_normalized,
                    &other.registration_normalized,
                ) || same(&item.chassis_number, &other.chassis_number)
                    || same(&item.engine_number, &other.engine_number)
                    || same(&item.imei, &other.imei)
                    || same(&item.arm_serial, &other.arm_serial))
            {
                out.entry(item.id).or_default().push(other.clone());
            }
        }
    }
    Ok(out)
}
