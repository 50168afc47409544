//! `searchPersons`: persons anywhere in the country by a spelling of their name, ranked.
//!
//! 1. The query's words are looked up in the name vocabulary ([`super::vocabulary`]):
//!    every recorded spelling that may stand for each word, scored.
//! 2. The word whose spellings name the fewest persons drives the search: persons with one
//!    of its spellings and a spelling of every other word (an intersection of the words'
//!    entries in `person_name_token`, whose rows also carry the person's initials), then
//!    those persons narrowed by the filter, with the persons the law shields from the
//!    caller left out in SQL. If that finds fewer than asked, persons
//!    matching the driving word alone are added.
//! 3. Each candidate's name, aliases and relative's name are scored
//!    ([`super::score::score_name`]) and the best come back with their score and reason.
//!
//! No statement scans the `person` table; a search costs a fixed handful of statements.

use std::collections::{HashMap, HashSet};

use async_graphql::{Context, Enum, InputObject, SimpleObject};
use chrono::{Datelike, Utc};
use entities::enums::{DisposalResult, PartyRole as StoredRole};
use entities::{
    arrest, case_party, disposal, fir, name_key, person, person_alias, person_name_token,
    proclaimed_offender,
};
use futures_util::future::try_join_all;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query, SelectStatement, UnionType};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QuerySelect,
};

use super::score::{QueryWord, Variants, score_name};
use super::vocabulary;
use crate::audit;
use crate::context::RequestContext;
use crate::enums::Sex;
use crate::error::{ApiError, ApiResult};
use crate::org::{unit_by_code, units_under};
use crate::pagination::ranked_hits;
use crate::people::{Person, check_age_band, not_shielded, person_access};
use crate::policy;

/// Candidates scored per search: twice the largest page (`first` is at most 50).
const CANDIDATES: u64 = 100;
/// Persons counted per query word when choosing the word to drive the search.
const COUNT_CAP: u64 = 2_000;
/// At most this many words in a query.
const MAX_WORDS: usize = 6;

/// What a person has been, for narrowing a search.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonSearchRole {
    /// Named as an accused in an FIR.
    Accused,
    /// Arrested (or surrendered) in a case.
    Arrested,
    /// Convicted by a court.
    Convicted,
    /// Declared a proclaimed offender by a court.
    ProclaimedOffender,
}

/// Narrows a person search. Every given criterion must hold.
#[derive(InputObject, Debug, Default)]
pub struct PersonSearchFilter {
    /// Only persons of this sex.
    pub sex: Option<Sex>,
    /// Only persons at least this old this year (by year of birth).
    pub age_from: Option<i32>,
    /// Only persons at most this old this year (by year of birth).
    pub age_to: Option<i32>,
    /// Only persons named in FIRs of stations inside this unit (a district or state code).
    pub unit_code: Option<String>,
    /// Only persons who have been each of these.
    pub roles: Option<Vec<PersonSearchRole>>,
    /// The name of the father, mother, husband or guardian: ranks persons whose recorded
    /// relative's name matches it higher.
    pub relative_name: Option<String>,
}

/// A person found by a search.
#[derive(SimpleObject)]
pub struct PersonMatch {
    /// The person, as much of them as the caller may see.
    pub person: Person,
    /// How well they match, 0 to 1 (1: every word exactly).
    pub score: f64,
    /// Why they matched: which name, and which of its words stood for the query's, e.g.
    /// `alias "Bablu Qureshi": qureshi (sounds like kureshi), bablu`.
    pub reason: String,
}

/// Runs a person search for the caller.
pub(crate) async fn search(
    ctx: &Context<'_>,
    name: &str,
    filter: &PersonSearchFilter,
    first: Option<i32>,
) -> ApiResult<Vec<PersonMatch>> {
    let rc = RequestContext::of(ctx);
    if !policy::sees_sensitive_headers(&rc.principal) {
        return Err(ApiError::forbidden(
            "person search needs a police or analyst role",
        ));
    }
    let first = ranked_hits(first)?;
    let words = name_key::tokens(name);
    if words.len() > MAX_WORDS {
        return Err(ApiError::invalid(
            "name",
            format!("name has more than {MAX_WORDS} words"),
        ));
    }
    let mut query: Vec<QueryWord> = words
        .into_iter()
        .map(|word| QueryWord::new(word, Variants::new()))
        .collect();
    let full: Vec<String> = query
        .iter()
        .filter(|w| !w.is_initial())
        .map(|w| w.text.clone())
        .collect();
    if full.is_empty() {
        return Err(ApiError::invalid(
            "name",
            "name needs a word of two letters or more besides initials",
        ));
    }
    let conditions = filter.condition(ctx).await?;
    let variants = vocabulary::variants(&rc.db, &full).await?;
    for (word, spellings) in query.iter_mut().filter(|w| !w.is_initial()).zip(variants) {
        word.variants = spellings;
    }
    let spellings: Vec<&Variants> = query
        .iter()
        .filter(|w| !w.is_initial())
        .map(|w| &w.variants)
        .collect();
    let mut hits = Vec::new();
    if let Some(driving) = driving_word(&rc.db, &spellings).await? {
        let others: Vec<&Variants> = spellings
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != driving)
            .map(|(_, other)| *other)
            .collect();
        // Initials are looked up with the words: each index entry carries its person's.
        let initials = person_name_token::initials_of(
            query
                .iter()
                .filter(|w| w.is_initial())
                .map(|w| w.text.as_str()),
        );
        let mut rows = Vec::new();
        let driving = spellings[driving];
        // The other words by their close spellings first (a common surname has dozens of
        // far ones, each naming thousands), by every spelling only if that finds too few.
        let close_others: Vec<Variants> = others.iter().map(|other| close(other)).collect();
        let close_refs: Vec<&Variants> = close_others.iter().collect();
        let narrowed = close_others
            .iter()
            .zip(&others)
            .any(|(c, o)| c.len() < o.len());
        let passes: &[&[&Variants]] = if narrowed {
            &[&close_refs, &others]
        } else {
            &[&others]
        };
        for others in passes {
            if rows.len() >= first {
                break;
            }
            let words = Words {
                driving,
                others,
                initials,
            };
            gather(&rc.db, words, &conditions, first, &mut rows).await?;
        }
        if rows.len() < first && !others.is_empty() {
            let driving_alone = Words {
                driving,
                others: &[],
                initials: 0,
            };
            gather(&rc.db, driving_alone, &conditions, first, &mut rows).await?;
        }
        hits = rank(&rc.db, &query, filter.relative_name.as_deref(), rows).await?;
    }
    hits.truncate(first);
    let access = try_join_all(hits.iter().map(|(row, _, _)| person_access(ctx, row.id))).await?;
    let ids: Vec<i64> = hits.iter().map(|(row, _, _)| row.id).collect();
    audit::searched(ctx, "Person", &filter.describe(name), &ids);
    Ok(hits
        .into_iter()
        .zip(access)
        .map(|((row, score, reason), access)| PersonMatch {
            person: Person::new(row, access),
            score,
            reason,
        })
        .collect())
}

/// Persons with a name or alias word among `spellings`.
fn named(spellings: &Variants) -> SelectStatement {
    Query::select()
        .column(person_name_token::Column::PersonId)
        .from(person_name_token::Entity)
        .and_where(person_name_token::Column::Token.is_in(spellings.keys().cloned()))
        .to_owned()
}

/// The index of the query word whose spellings name the fewest persons (counted up to a
/// cap, in one statement); `None` when no word has a recorded spelling.
async fn driving_word(
    db: &sea_orm::DatabaseConnection,
    spellings: &[&Variants],
) -> Result<Option<usize>, sea_orm::DbErr> {
    let mut counts: Option<SelectStatement> = None;
    for (i, words) in spellings.iter().enumerate() {
        if words.is_empty() {
            continue;
        }
        let capped = named(words).limit(COUNT_CAP).to_owned();
        let count = Query::select()
            .expr_as(Expr::val(i as i64), Alias::new("word"))
            .expr_as(Expr::cust("COUNT(*)"), Alias::new("persons"))
            .from_subquery(capped, Alias::new("capped"))
            .to_owned();
        counts = Some(match counts {
            None => count,
            Some(mut all) => all.union(UnionType::All, count).to_owned(),
        });
    }
    let Some(counts) = counts else {
        return Ok(None);
    };
    let rows = db.query_all(&counts).await?;
    let mut best: Option<(usize, i64)> = None;
    for row in rows {
        let word: i64 = row.try_get("", "word")?;
        let persons: i64 = row.try_get("", "persons")?;
        if best.is_none_or(|(_, fewest)| persons < fewest) {
            best = Some((word as usize, persons));
        }
    }
    Ok(best.map(|(word, _)| word))
}

/// The words a search looks persons up by.
#[derive(Clone, Copy)]
struct Words<'a> {
    /// The spellings of the word that names the fewest persons.
    driving: &'a Variants,
    /// The spellings of each other full word.
    others: &'a [&'a Variants],
    /// The query's initials ([`person_name_token::initials_of`]); 0 for none.
    initials: i64,
}

/// Adds to `rows`, up to [`CANDIDATES`] in all, persons not yet in it who have one of the
/// driving word's spellings, one of each other word's and a word starting with each
/// initial, and meet `conditions`: those
/// with the driving word itself or a close spelling (abbreviation, same sounds) first;
/// its far spellings only while fewer than `wanted` were found, so that they never crowd
/// out the exact ones nor cost a lookup the answer does not need.
///
/// The persons come in two steps, neither of which can scan `person`: their ids from the
/// name index alone ([`named_all`], a window of [`ID_CAP`] entries of the driving word at
/// a time in id order, for at most [`ID_ROUNDS`] rounds), then those persons by primary
/// key, narrowed by `conditions`.
async fn gather(
    db: &sea_orm::DatabaseConnection,
    words: Words<'_>,
    conditions: &Condition,
    wanted: usize,
    rows: &mut Vec<person::Model>,
) -> Result<(), sea_orm::DbErr> {
    let (close, far) = by_closeness(words.driving);
    for (tier, needed) in [(close, CANDIDATES as usize), (far, wanted)] {
        let room = CANDIDATES.saturating_sub(rows.len() as u64);
        if tier.is_empty() || room == 0 || rows.len() >= needed {
            continue;
        }
        let seen: HashSet<i64> = rows.iter().map(|r| r.id).collect();
        let mut after = 0;
        for _ in 0..ID_ROUNDS {
            let room = CANDIDATES.saturating_sub(rows.len() as u64);
            if room == 0 {
                break;
            }
            let Window {
                ids,
                last,
                complete,
            } = named_all(db, &tier, words, after).await?;
            after = last;
            let fresh: Vec<i64> = ids.into_iter().filter(|id| !seen.contains(id)).collect();
            rows.extend(meeting(db, &fresh, conditions, room).await?);
            if complete {
                break;
            }
        }
    }
    Ok(())
}

/// Entries of the driving word read from the name index per round.
const ID_CAP: u64 = 5_000;
/// Rounds of entries per spelling tier: a filter that most namesakes fail is searched
/// among the first `ID_CAP × ID_ROUNDS` of them.
const ID_ROUNDS: usize = 3;

/// One round's ids.
struct Window {
    /// The persons found, in id order.
    ids: Vec<i64>,
    /// Where the next round starts (the last driving entry read).
    last: i64,
    /// Whether the driving word has no entries beyond `last`.
    complete: bool,
}

/// Up to `room` of the persons `ids` (in id order) who meet `conditions`, by primary
/// key. The first `2 × room` ids go in one statement, enough when few fail the conditions
/// (the shields alone); the rest in a second only when that falls short, so that the
/// conditions are not tested on thousands of persons the answer has no room for.
async fn meeting(
    db: &sea_orm::DatabaseConnection,
    ids: &[i64],
    conditions: &Condition,
    room: u64,
) -> Result<Vec<person::Model>, sea_orm::DbErr> {
    let (first, rest) = ids.split_at(ids.len().min(2 * room as usize));
    let mut found = Vec::new();
    for part in [first, rest] {
        let room = room.saturating_sub(found.len() as u64);
        if part.is_empty() || room == 0 {
            continue;
        }
        found.extend(
            person::Entity::find()
                .filter(person::Column::Id.is_in(part.iter().copied()))
                .filter(conditions.clone())
                .limit(room)
                .all(db)
                .await?,
        );
    }
    Ok(found)
}

/// The next window of persons above `after` with a word of `tier` and the initials (at
/// most [`ID_CAP`] index entries, in id order), narrowed to those with one of each other
/// word's spellings: from the name index alone, in two statements. The spellings'
/// entries are merged in id order as they are read (SQLite's `MERGE (UNION ALL)`,
/// PostgreSQL's `Merge Append`), so a window reads about [`ID_CAP`] entries however many
/// spellings the word has (at most that many per spelling on PostgreSQL). The other
/// words are read only within the window's id range, so two common words cost a few
/// thousand index entries, not every entry of both.
async fn named_all(
    db: &sea_orm::DatabaseConnection,
    tier: &Variants,
    words: Words<'_>,
    after: i64,
) -> Result<Window, sea_orm::DbErr> {
    let mut spellings: Vec<&String> = tier.keys().collect();
    spellings.sort();
    // SQLite merges bare arms lazily; PostgreSQL plans them as an append of every entry
    // and a sort, so there each arm is limited itself (and merged by `Merge Append`).
    let bare_arms = db.get_database_backend() == DbBackend::Sqlite;
    let mut arms = spellings.into_iter().enumerate().map(|(i, spelling)| {
        let mut entries = Query::select()
            .column(person_name_token::Column::PersonId)
            .from(person_name_token::Entity)
            .and_where(person_name_token::Column::Token.eq(spelling.as_str()))
            .and_where(person_name_token::Column::PersonId.gt(after))
            .to_owned();
        if words.initials != 0 {
            entries.and_where(
                Expr::col(person_name_token::Column::Initials)
                    .bit_and(words.initials)
                    .eq(words.initials),
            );
        }
        if !bare_arms {
            entries
                .order_by(person_name_token::Column::PersonId, Order::Asc)
                .limit(ID_CAP);
            entries = Query::select()
                .column(person_name_token::Column::PersonId)
                .from_subquery(entries, Alias::new(format!("s{i}")))
                .to_owned();
        }
        entries
    });
    let Some(mut driving) = arms.next() else {
        return Ok(Window {
            ids: Vec::new(),
            last: after,
            complete: true,
        });
    };
    for arm in arms {
        driving.union(UnionType::All, arm);
    }
    driving
        .order_by(person_name_token::Column::PersonId, Order::Asc)
        .limit(ID_CAP);
    let entries = person_ids(db, &driving).await?;
    let complete = (entries.len() as u64) < ID_CAP;
    let Some(&last) = entries.last() else {
        return Ok(Window {
            ids: Vec::new(),
            last: after,
            complete: true,
        });
    };
    let mut ids = entries;
    ids.dedup();
    if let Some((first, rest)) = words.others.split_first() {
        let within = |spellings: &Variants| {
            named(spellings)
                .and_where(person_name_token::Column::PersonId.gt(after))
                .and_where(person_name_token::Column::PersonId.lte(last))
                .to_owned()
        };
        let mut others = within(first);
        for other in rest {
            others.union(UnionType::Intersect, within(other));
        }
        let also: HashSet<i64> = person_ids(db, &others).await?.into_iter().collect();
        ids.retain(|id| also.contains(id));
    }
    Ok(Window {
        ids,
        last,
        complete,
    })
}

/// The `person_id` column of every row `select` returns.
async fn person_ids(
    db: &sea_orm::DatabaseConnection,
    select: &SelectStatement,
) -> Result<Vec<i64>, sea_orm::DbErr> {
    db.query_all(select)
        .await?
        .iter()
        .map(|row| row.try_get::<i64>("", "person_id"))
        .collect()
}

/// The spellings of `word` at least [`CLOSE`], and the others.
fn by_closeness(word: &Variants) -> (Variants, Variants) {
    word.iter()
        .map(|(w, s)| (w.clone(), *s))
        .partition(|(_, (score, _))| *score >= CLOSE)
}

/// The spellings of `word` at least [`CLOSE`], or all of them when none is.
fn close(word: &Variants) -> Variants {
    let (near, _) = by_closeness(word);
    if near.is_empty() { word.clone() } else { near }
}

/// Spellings at least this close are looked up before the others.
const CLOSE: f64 = 0.9;

/// Scores every candidate by its best name (recorded name or alias) and relative's name,
/// best first. Names are scored by their stored keys (`name_normalized`,
/// `alias_normalized`: the practical Latin spelling, whatever script the name is recorded
/// in), not derived again from the names as written.
async fn rank(
    db: &sea_orm::DatabaseConnection,
    query: &[QueryWord],
    relative_query: Option<&str>,
    rows: Vec<person::Model>,
) -> Result<Vec<(person::Model, f64, String)>, sea_orm::DbErr> {
    let mut aliases: HashMap<i64, Vec<(String, String)>> = HashMap::new();
    if !rows.is_empty() {
        for alias in person_alias::Entity::find()
            .filter(person_alias::Column::PersonId.is_in(rows.iter().map(|r| r.id)))
            .all(db)
            .await?
        {
            aliases
                .entry(alias.person_id)
                .or_default()
                .push((alias.alias, alias.alias_normalized));
        }
    }
    let relative_words: Vec<QueryWord> = relative_query
        .map(|name| {
            name_key::tokens(name)
                .into_iter()
                .map(|text| QueryWord::new(text, Variants::new()))
                .collect()
        })
        .unwrap_or_default();
    let mut ranked: Vec<(person::Model, f64, String)> = rows
        .into_iter()
        .filter_map(|row| {
            let names = std::iter::once(("name", (row.name.clone(), row.name_normalized.clone())))
                .chain(
                    aliases
                        .remove(&row.id)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|alias| ("alias", alias)),
                );
            let (kind, shown, best) = names
                .map(|(kind, (shown, key))| {
                    let scored = score_name(query, &key);
                    (kind, shown, scored)
                })
                .max_by(|a, b| a.2.score.total_cmp(&b.2.score))?;
            if best.score <= 0.0 {
                return None;
            }
            let mut score = best.score;
            let mut reason = format!("{kind} \"{shown}\": {}", best.words.join(", "));
            if !relative_words.is_empty() {
                let relative = row
                    .relative_name
                    .as_deref()
                    .map(|r| score_name(&relative_words, r))
                    .filter(|m| m.score > 0.0);
                score = 0.8 * score + 0.2 * relative.as_ref().map_or(0.0, |m| m.score);
                if let Some(relative) = relative {
                    reason.push_str(&format!("; relative: {}", relative.words.join(", ")));
                }
            }
            Some((row, (score * 1000.0).round() / 1000.0, reason))
        })
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.id.cmp(&b.0.id)));
    Ok(ranked)
}

impl PersonSearchFilter {
    /// The SQL conditions of the filter and of the caller's shields.
    async fn condition(&self, ctx: &Context<'_>) -> ApiResult<Condition> {
        let principal = &RequestContext::of(ctx).principal;
        let mut condition = Condition::all().add(not_shielded(principal));
        if let Some(sex) = self.sex {
            condition = condition.add(person::Column::Sex.eq(entities::enums::Sex::from(sex)));
        }
        let this_year = Utc::now().year();
        check_age_band(
            ("filter.ageFrom", self.age_from),
            ("filter.ageTo", self.age_to),
        )?;
        if let Some(from) = self.age_from {
            condition = condition.add(person::Column::BirthYear.lte(this_year - from));
        }
        if let Some(to) = self.age_to {
            condition = condition.add(person::Column::BirthYear.gte(this_year - to));
        }
        if let Some(code) = &self.unit_code {
            let unit = unit_by_code(ctx, code).await?;
            let named_there = Query::select()
                .column((case_party::Entity, case_party::Column::PersonId))
                .from(case_party::Entity)
                .inner_join(
                    fir::Entity,
                    Expr::col((fir::Entity, fir::Column::Id))
                        .equals((case_party::Entity, case_party::Column::FirId)),
                )
                .and_where(fir::Column::StationId.in_subquery(units_under(&unit.path)))
                .to_owned();
            condition = condition.add(person::Column::Id.in_subquery(named_there));
        }
        for role in self.roles.iter().flatten() {
            condition = condition.add(person::Column::Id.in_subquery(have_been(*role)));
        }
        Ok(condition)
    }

    /// The search as recorded in the audit log.
    fn describe(&self, name: &str) -> String {
        let mut parts = vec![format!("SEARCH name={name:?}")];
        if let Some(sex) = self.sex {
            parts.push(format!("sex={sex:?}"));
        }
        if let Some(from) = self.age_from {
            parts.push(format!("ageFrom={from}"));
        }
        if let Some(to) = self.age_to {
            parts.push(format!("ageTo={to}"));
        }
        if let Some(unit) = &self.unit_code {
            parts.push(format!("unitCode={unit}"));
        }
        if let Some(roles) = &self.roles {
            parts.push(format!("roles={roles:?}"));
        }
        if let Some(relative) = &self.relative_name {
            parts.push(format!("relativeName={relative:?}"));
        }
        parts.join(" ")
    }
}

/// The ids of persons who have been `role`.
fn have_been(role: PersonSearchRole) -> SelectStatement {
    match role {
        PersonSearchRole::Accused => Query::select()
            .column(case_party::Column::PersonId)
            .from(case_party::Entity)
            .and_where(case_party::Column::Role.eq(StoredRole::Accused))
            .to_owned(),
        PersonSearchRole::Arrested => Query::select()
            .column(arrest::Column::PersonId)
            .from(arrest::Entity)
            .to_owned(),
        PersonSearchRole::Convicted => Query::select()
            .column((case_party::Entity, case_party::Column::PersonId))
            .from(disposal::Entity)
            .inner_join(
                case_party::Entity,
                Expr::col((case_party::Entity, case_party::Column::Id))
                    .equals((disposal::Entity, disposal::Column::PartyId)),
            )
            .and_where(disposal::Column::Result.eq(DisposalResult::Convicted))
            .to_owned(),
        PersonSearchRole::ProclaimedOffender => Query::select()
            .column(proclaimed_offender::Column::PersonId)
            .from(proclaimed_offender::Entity)
            .to_owned(),
    }
}
