//! The `persons` list: persons by any words of their name or aliases, with the persons
//! the law shields from lists (children in conflict with law, victims of sexual offences)
//! left out for everyone outside the case team.

use async_graphql::{Context, InputObject};
use entities::enums::PartyRole as StoredRole;
use entities::{case_party, fir, name_key, person, person_name_token, police_case};
use futures_util::future::try_join_all;
use sea_orm::sea_query::{Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter};

use super::{Person, person_access};

use crate::context::RequestContext;
use crate::enums::Sex;
use crate::error::{ApiError, ApiResult};
use crate::org::units_under;
use crate::pagination::{Page, PageRequest, assemble, fetch_rows};
use crate::policy::{self, Principal, Shield, TeamReach};

/// One page of persons matching `filter`, each as much as the caller may see.
pub(crate) async fn persons(
    ctx: &Context<'_>,
    filter: &PersonFilter,
    request: PageRequest,
) -> ApiResult<Page<Person>> {
    let query = person::Entity::find().filter(filter.condition(ctx)?);
    let (rows, total) = fetch_rows(ctx, query, person::Column::Id, request, false).await?;
    if filter.name.is_some() {
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        crate::audit::searched(ctx, "Person", &format!("SEARCH {filter:?}"), &ids);
    }
    let access = try_join_all(rows.iter().map(|row| person_access(ctx, row.id))).await?;
    let persons = rows
        .into_iter()
        .zip(access)
        .map(|(row, access)| Person::new(row, access));
    Ok(assemble(persons.collect(), request, total, Person::row_id))
}

/// At most this many words in a name filter.
const MAX_NAME_WORDS: usize = 6;

/// Narrows the `persons` list. Every given criterion must hold.
#[derive(InputObject, Debug, Default)]
pub struct PersonFilter {
    /// Words of the name or of an alias, each matching the start of a word, in any order
    /// ("kum ravi" finds "Ravi Kumar"; case, dots and apostrophes are ignored).
    pub name: Option<String>,
    /// Only persons of this sex.
    pub sex: Option<Sex>,
    /// Only persons born in or after this year.
    pub born_from: Option<i32>,
    /// Only persons born in or before this year.
    pub born_to: Option<i32>,
}

impl PersonFilter {
    /// The SQL condition for this filter, as seen by the calling principal. Callers who do
    /// not read police-restricted data may not list persons at all (`FORBIDDEN`).
    pub(crate) fn condition(&self, ctx: &Context<'_>) -> ApiResult<Condition> {
        let principal = &RequestContext::of(ctx).principal;
        if !policy::sees_sensitive_headers(principal) {
            return Err(ApiError::forbidden(
                "listing persons needs a police or analyst role",
            ));
        }
        let mut condition = Condition::all().add(not_shielded(principal));
        if let Some(name) = &self.name {
            condition = condition.add(named(person::Column::Id, name)?);
        }
        if let Some(sex) = self.sex {
            condition = condition.add(person::Column::Sex.eq(entities::enums::Sex::from(sex)));
        }
        if let (Some(from), Some(to)) = (self.born_from, self.born_to)
            && from > to
        {
            return Err(ApiError::bad_input("bornFrom is after bornTo"));
        }
        if let Some(from) = self.born_from {
            condition = condition.add(person::Column::BirthYear.gte(from));
        }
        if let Some(to) = self.born_to {
            condition = condition.add(person::Column::BirthYear.lte(to));
        }
        Ok(condition)
    }
}

/// `person` (a column holding a person's row id) names someone with a name or alias word
/// starting with each word of `name`, in any order ("kum ravi" finds "Ravi Kumar").
pub(crate) fn named(person: impl ColumnTrait, name: &str) -> ApiResult<Condition> {
    let words = name_key::tokens(name);
    if words.is_empty() {
        return Err(ApiError::bad_input("name has no letters or digits"));
    }
    if words.len() > MAX_NAME_WORDS {
        return Err(ApiError::bad_input(format!(
            "name has more than {MAX_NAME_WORDS} words"
        )));
    }
    Ok(words.iter().fold(Condition::all(), |all, word| {
        all.add(person.in_subquery(with_word(word)))
    }))
}

/// The persons with a name or alias word starting with `word`: an index range scan.
fn with_word(word: &str) -> sea_orm::sea_query::SelectStatement {
    let (low, high) = name_key::prefix_range(word);
    Query::select()
        .column(person_name_token::Column::PersonId)
        .from(person_name_token::Entity)
        .and_where(person_name_token::Column::Token.gte(low))
        .and_where(person_name_token::Column::Token.lt(high))
        .to_owned()
}

/// `NOT EXISTS` a party of this person shielded from the caller: a child in conflict with
/// law, or a victim in an FIR protecting the victim's identity, in an FIR outside the
/// caller's reach for that shield.
pub(crate) fn not_shielded(principal: &Principal) -> SimpleExpr {
    let child = case_party::Column::Juvenile.eq(true);
    let victim = case_party::Column::Role
        .eq(StoredRole::Victim)
        .and(fir::Column::VictimIdentityProtected.eq(true));
    let shielded = Condition::any()
        .add(outside(
            child,
            &policy::shield_reach(principal, Shield::ChildInConflictWithLaw),
        ))
        .add(outside(
            victim,
            &policy::shield_reach(principal, Shield::ProtectedVictim),
        ));
    let parties = Query::select()
        .expr(Expr::val(1))
        .from(case_party::Entity)
        .inner_join(
            fir::Entity,
            Expr::col((fir::Entity, fir::Column::Id))
                .equals((case_party::Entity, case_party::Column::FirId)),
        )
        .left_join(
            police_case::Entity,
            Expr::col((police_case::Entity, police_case::Column::FirId))
                .equals((fir::Entity, fir::Column::Id)),
        )
        .and_where(
            Expr::col((case_party::Entity, case_party::Column::PersonId))
                .equals((person::Entity, person::Column::Id)),
        )
        .cond_where(shielded)
        .to_owned();
    Expr::exists(parties).not()
}

/// `shielded AND NOT (the FIR is inside reach)`.
fn outside(shielded: SimpleExpr, reach: &TeamReach) -> SimpleExpr {
    let mut inside = Condition::any();
    if let Some(station) = &reach.station {
        inside = inside.add(fir::Column::StationId.eq(station.id));
    }
    if let Some(subtree) = &reach.subtree {
        inside = inside.add(fir::Column::StationId.in_subquery(units_under(&subtree.path)));
    }
    if let Some(officer) = reach.io_officer {
        inside = inside.add(police_case::Column::IoId.eq(officer));
    }
    if reach.is_empty() {
        shielded
    } else {
        shielded.and(SimpleExpr::from(inside).not())
    }
}
