//! `Fir.parties` answered in one pass.
//!
//! An FIR's parties are the hottest list of the graph: a page of FIRs names thousands of
//! them, and async-graphql resolves every field of every party, person, custody record
//! and prison as a boxed future of its own. [`PartyList`] answers the selections that
//! are made only of plain fields (a party's `role` and `code`, its person's `id`, `name`,
//! `sex` and `prisonRecords { prison { id code name } }`, `__typename` anywhere) for the
//! whole list at once: each step (the policy's decision, the persons, their custody
//! records, the prisons) runs for every party together, through the same functions and
//! loaders as the field resolvers, and the values are built directly. Any other selection
//! (fragments, directives, other fields) is resolved field by field as before, so
//! the answer never depends on which path ran.

use std::borrow::Cow;
use std::collections::HashSet;

use async_graphql::indexmap::IndexMap;
use async_graphql::parser::types::{Field, Selection, SelectionSet};
use async_graphql::registry::Registry;
use async_graphql::resolver_utils::enum_value;
use async_graphql::{
    Context, ContextSelectionSet, Name, OutputType, Positioned, ServerResult, Value,
};
use futures_util::future::try_join_all;

use super::{CaseParty, Person, PersonById};
use crate::context::RequestContext;
use crate::enums::PartyRole;
use crate::error::{ApiError, ApiResult};
use crate::org::OrgUnit;
use crate::policy::Access;
use crate::prisons::PrisonRecord;

/// The parties of one FIR, as `Fir.parties` returns them (a `[CaseParty!]` in the schema).
pub struct PartyList(pub Vec<CaseParty>);

impl OutputType for PartyList {
    fn type_name() -> Cow<'static, str> {
        <Vec<CaseParty> as OutputType>::type_name()
    }

    fn qualified_type_name() -> String {
        <Vec<CaseParty> as OutputType>::qualified_type_name()
    }

    fn create_type_info(registry: &mut Registry) -> String {
        <Vec<CaseParty> as OutputType>::create_type_info(registry)
    }

    async fn resolve(
        &self,
        ctx: &ContextSelectionSet<'_>,
        field: &Positioned<Field>,
    ) -> ServerResult<Value> {
        match plan(&ctx.item.node, party_field) {
            Some(plan) => self.in_one_pass(ctx, &plan).await,
            None => self.0.resolve(ctx, field).await,
        }
    }
}

/// A field of the plan, with its response key.
type Planned<'a, T> = (&'a Name, T);

enum PartyField<'a> {
    Role,
    Code,
    Typename,
    Person(&'a Positioned<Field>, Vec<Planned<'a, PersonField<'a>>>),
}

enum PersonField<'a> {
    Id,
    Name,
    Sex,
    Typename,
    PrisonRecords(Vec<Planned<'a, RecordField<'a>>>),
}

enum RecordField<'a> {
    Typename,
    Prison(Vec<Planned<'a, UnitField>>),
}

enum UnitField {
    Id,
    Code,
    Name,
    Typename,
}

/// The plan of `set` when every selection in it is a plain field (no fragment, no
/// directive, no argument) that `each` knows, each response key once; `None` otherwise.
fn plan<'a, T>(
    set: &'a SelectionSet,
    each: impl Fn(&'a Positioned<Field>) -> Option<T>,
) -> Option<Vec<Planned<'a, T>>> {
    let mut keys = HashSet::new();
    set.items
        .iter()
        .map(|selection| match &selection.node {
            Selection::Field(field)
                if field.node.directives.is_empty()
                    && field.node.arguments.is_empty()
                    && keys.insert(&field.node.response_key().node) =>
            {
                Some((&field.node.response_key().node, each(field)?))
            }
            _ => None,
        })
        .collect()
}

fn party_field(field: &Positioned<Field>) -> Option<PartyField<'_>> {
    Some(match field.node.name.node.as_str() {
        "role" => PartyField::Role,
        "code" => PartyField::Code,
        "__typename" => PartyField::Typename,
        "person" => PartyField::Person(field, plan(&field.node.selection_set.node, person_field)?),
        _ => return None,
    })
}

fn person_field(field: &Positioned<Field>) -> Option<PersonField<'_>> {
    Some(match field.node.name.node.as_str() {
        "id" => PersonField::Id,
        "name" => PersonField::Name,
        "sex" => PersonField::Sex,
        "__typename" => PersonField::Typename,
        "prisonRecords" => {
            PersonField::PrisonRecords(plan(&field.node.selection_set.node, record_field)?)
        }
        _ => return None,
    })
}

fn record_field(field: &Positioned<Field>) -> Option<RecordField<'_>> {
    Some(match field.node.name.node.as_str() {
        "__typename" => RecordField::Typename,
        "prison" => RecordField::Prison(plan(&field.node.selection_set.node, unit_field)?),
        _ => return None,
    })
}

fn unit_field(field: &Positioned<Field>) -> Option<UnitField> {
    Some(match field.node.name.node.as_str() {
        "id" => UnitField::Id,
        "code" => UnitField::Code,
        "name" => UnitField::Name,
        "__typename" => UnitField::Typename,
        _ => return None,
    })
}

/// A person as the caller may see them through one party, with their visible custody
/// (loaded only when selected) and each record's prison.
struct Shown {
    person: Person,
    custody: Option<Vec<(PrisonRecord, Option<OrgUnit>)>>,
}

impl PartyList {
    async fn in_one_pass(
        &self,
        ctx: &ContextSelectionSet<'_>,
        plan: &[Planned<'_, PartyField<'_>>],
    ) -> ServerResult<Value> {
        // Each `person` selection (one, or several under aliases) is answered for every
        // party together; its field context carries the policy's and the audit's view.
        let mut people = Vec::new();
        for (_, field) in plan {
            if let PartyField::Person(field, fields) = field {
                let ctx = ctx.with_field(field);
                let shown = self
                    .persons(&ctx, fields)
                    .await
                    .map_err(ApiError::into_server_error)?;
                people.push((ctx, fields, shown));
            }
        }
        let mut items = Vec::with_capacity(self.0.len());
        for (index, party) in self.0.iter().enumerate() {
            let mut object = IndexMap::with_capacity(plan.len());
            let mut next_person = people.iter();
            for (key, field) in plan {
                let value = match field {
                    PartyField::Role => enum_value(PartyRole::from(party.0.role)),
                    PartyField::Code => party
                        .0
                        .accused_code
                        .as_deref()
                        .map_or(Value::Null, |code| Value::String(code.to_owned())),
                    PartyField::Typename => Value::String(CaseParty::type_name().into_owned()),
                    PartyField::Person(..) => {
                        let (ctx, fields, shown) =
                            next_person.next().expect("one answer per person selection");
                        match &shown[index] {
                            Some(shown) => person_value(ctx, fields, shown),
                            None => Value::Null,
                        }
                    }
                };
                object.insert((*key).clone(), value);
            }
            items.push(Value::Object(object));
        }
        Ok(Value::List(items))
    }

    /// Each party's person as `ctx`'s caller may see them (`None`: withheld), with what
    /// `fields` ask of their custody.
    async fn persons(
        &self,
        ctx: &Context<'_>,
        fields: &[Planned<'_, PersonField<'_>>],
    ) -> ApiResult<Vec<Option<Shown>>> {
        let rc = RequestContext::of(ctx);
        let accesses = try_join_all(self.0.iter().map(|party| party.person_access(ctx))).await?;
        let shown_ids = self
            .0
            .iter()
            .zip(&accesses)
            .filter(|(_, access)| access.name != Access::Denied)
            .map(|(party, _)| PersonById(party.0.person_id));
        let rows = rc.loaders.load_many(shown_ids).await?;
        let persons: Vec<Option<Person>> = self
            .0
            .iter()
            .zip(accesses)
            .map(|(party, access)| {
                let row = rows
                    .get(&PersonById(party.0.person_id))
                    .filter(|_| access.name != Access::Denied)?;
                Some(Person::new(row.clone(), access).via_party(party.0.id))
            })
            .collect();
        let custody_fields = fields.iter().find_map(|(_, field)| match field {
            PersonField::PrisonRecords(fields) => Some(fields),
            _ => None,
        });
        let Some(custody_fields) = custody_fields else {
            return Ok(persons
                .into_iter()
                .map(|person| {
                    person.map(|person| Shown {
                        person,
                        custody: None,
                    })
                })
                .collect());
        };
        let wants_prison = custody_fields
            .iter()
            .any(|(_, field)| matches!(field, RecordField::Prison(_)));
        let custody = try_join_all(persons.iter().map(|person| async move {
            let Some(person) = person else {
                return Ok(None);
            };
            let Some(records) = person.visible_prison_records(ctx).await? else {
                return Ok(None);
            };
            let prisons = try_join_all(records.iter().map(|record| async move {
                if wants_prison {
                    record.prison_unit(ctx).await
                } else {
                    Ok(None)
                }
            }))
            .await?;
            Ok::<_, ApiError>(Some(records.into_iter().zip(prisons).collect()))
        }))
        .await?;
        Ok(persons
            .into_iter()
            .zip(custody)
            .map(|(person, custody)| person.map(|person| Shown { person, custody }))
            .collect())
    }
}

fn person_value(
    ctx: &Context<'_>,
    fields: &[Planned<'_, PersonField<'_>>],
    shown: &Shown,
) -> Value {
    let person = &shown.person;
    let mut object = IndexMap::with_capacity(fields.len());
    for (key, field) in fields {
        let value = match field {
            PersonField::Id => Value::String(person.global_id().0),
            PersonField::Name => Value::String(person.shown_name(ctx)),
            PersonField::Sex => enum_value(person.sex_value()),
            PersonField::Typename => Value::String(Person::type_name().into_owned()),
            PersonField::PrisonRecords(fields) => match &shown.custody {
                Some(records) => Value::List(
                    records
                        .iter()
                        .map(|(_, prison)| record_value(fields, prison.as_ref()))
                        .collect(),
                ),
                None => Value::Null,
            },
        };
        object.insert((*key).clone(), value);
    }
    Value::Object(object)
}

fn record_value(fields: &[Planned<'_, RecordField<'_>>], prison: Option<&OrgUnit>) -> Value {
    let mut object = IndexMap::with_capacity(fields.len());
    for (key, field) in fields {
        let value = match field {
            RecordField::Typename => Value::String(PrisonRecord::type_name().into_owned()),
            RecordField::Prison(fields) => {
                prison.map_or(Value::Null, |unit| unit_value(fields, unit))
            }
        };
        object.insert((*key).clone(), value);
    }
    Value::Object(object)
}

fn unit_value(fields: &[Planned<'_, UnitField>], unit: &OrgUnit) -> Value {
    let mut object = IndexMap::with_capacity(fields.len());
    for (key, field) in fields {
        let value = match field {
            UnitField::Id => Value::String(unit.global_id().0),
            UnitField::Code => Value::String(unit.0.code.clone()),
            UnitField::Name => Value::String(unit.0.name.clone()),
            UnitField::Typename => Value::String(OrgUnit::type_name().into_owned()),
        };
        object.insert((*key).clone(), value);
    }
    Value::Object(object)
}
