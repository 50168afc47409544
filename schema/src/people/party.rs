//! `CaseParty`: one person in one role in one FIR, seen through the access policy.

use async_graphql::{Context, Object};
use std::collections::HashSet;

use entities::enums::PartyRole as StoredRole;
use entities::{case_party, fir};
use futures_util::future::try_join_all;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::{PartiesOfFir, Person, PersonById};
use crate::context::RequestContext;
use crate::enums::PartyRole;
use crate::error::{ApiError, ApiResult};
use crate::fir::{Fir, FirById};
use crate::policy::{Access, FieldClass};

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct CaseParty(pub case_party::Model);

/// What the caller may see of a person, as reached through one party or overall.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyAccess {
    /// Access to the person's name.
    pub name: Access,
    /// Access to addresses, phones and identifiers.
    pub personal: Access,
    /// What to show instead of the name when it is masked (`Victim-1`, `A2`, …).
    pub pseudonym: String,
    /// Whether a victim-identity protection decided this access.
    pub protected: bool,
    /// Whether the person is a victim in an FIR that protects the victim's identity.
    pub victim: bool,
    /// Whether the person is a child in conflict with law (an accused under 18).
    pub child: bool,
}

impl PartyAccess {
    /// Full access (for records the caller holds by office, e.g. a prison's own inmates).
    pub fn full(pseudonym: String) -> Self {
        Self {
            name: Access::Full,
            personal: Access::Full,
            pseudonym,
            protected: false,
            victim: false,
            child: false,
        }
    }
}

/// What the caller may see of a person overall, across every FIR they are named in.
///
/// A protection that masks the person in any FIR masks them everywhere (otherwise the
/// pseudonymous victim of one FIR could be recognised through another). Personal data is
/// shown when at least one FIR grants it and no protection withholds it.
pub async fn person_access(ctx: &Context<'_>, person_id: i64) -> ApiResult<PartyAccess> {
    let rc = RequestContext::of(ctx);
    let parties = rc
        .loaders
        .load_one(super::PartiesOfPerson(person_id))
        .await?
        .unwrap_or_default();
    let reads_restricted = crate::policy::sees_sensitive_headers(&rc.principal);
    let mut overall = PartyAccess {
        name: if reads_restricted {
            Access::Full
        } else {
            Access::Denied
        },
        personal: if reads_restricted {
            Access::Masked
        } else {
            Access::Denied
        },
        pseudonym: format!("Person-{person_id}"),
        protected: false,
        victim: false,
        child: false,
    };
    let parties: Vec<CaseParty> = parties.into_iter().map(CaseParty).collect();
    let decisions = try_join_all(parties.iter().map(|p| p.person_access(ctx))).await?;
    let mut personal_granted = false;
    for access in decisions {
        personal_granted |= access.personal == Access::Full;
        overall.victim |= access.victim;
        overall.child |= access.child;
        if access.protected && access.name != Access::Full {
            overall.protected = true;
            overall.pseudonym = access.pseudonym.clone();
        }
        overall.name = most_restrictive(overall.name, access.name);
    }
    if personal_granted && !overall.protected {
        overall.personal = Access::Full;
    }
    if overall.name != Access::Full {
        overall.personal = most_restrictive(overall.personal, Access::Masked);
    }
    Ok(overall)
}

impl CaseParty {
    async fn load_fir(&self, ctx: &Context<'_>) -> ApiResult<Fir> {
        RequestContext::of(ctx)
            .loaders
            .load_one(FirById(self.0.fir_id))
            .await?
            .map(Fir)
            .ok_or_else(ApiError::internal)
    }

    /// Decides what the caller sees of this party's person (see [`PartyShield`]).
    pub(crate) async fn person_access(&self, ctx: &Context<'_>) -> ApiResult<PartyAccess> {
        let memo = &RequestContext::of(ctx).party_access;
        if let Some(access) = memo.get(&self.0.id) {
            return Ok(access);
        }
        let access = self.decide_person_access(ctx).await?;
        memo.put(self.0.id, access.clone());
        Ok(access)
    }

    async fn decide_person_access(&self, ctx: &Context<'_>) -> ApiResult<PartyAccess> {
        let parties = RequestContext::of(ctx)
            .loaders
            .load_one(PartiesOfFir(self.0.fir_id))
            .await?
            .unwrap_or_default();
        let fir = self.load_fir(ctx).await?;
        let shield = PartyShield::of(&self.0, &parties, fir.0.victim_identity_protected);
        let personal = fir.access(ctx, FieldClass::Personal).await?;
        let identity = fir.access(ctx, shield.class()).await?;
        let pseudonym = match &shield {
            PartyShield::Victim(n) => format!("Victim-{n}"),
            PartyShield::VictimsComplainant(n) => format!("Complainant-{n}"),
            PartyShield::Child(n) => format!("CCL-{n}"),
            PartyShield::None => self
                .0
                .accused_code
                .clone()
                .unwrap_or_else(|| format!("{:?}-{}", self.0.role, self.0.id)),
        };
        let protected = matches!(
            shield,
            PartyShield::Victim(_) | PartyShield::VictimsComplainant(_)
        );
        Ok(PartyAccess {
            name: identity,
            personal: most_restrictive(identity, personal),
            pseudonym,
            protected,
            victim: protected,
            child: matches!(shield, PartyShield::Child(_)),
        })
    }
}

/// The persons an FIR shields beyond police-restricted data: anyone with a role there
/// that shields them (a child in conflict with law; a victim or complainant when the FIR
/// protects its victim), in every other role they also hold in that FIR. The same rule as
/// [`PartyShield`] (tested); events leave these persons out of their refs, as not every
/// subscriber may read them. `parties`: each role as (person, role, juvenile).
pub(crate) fn shielded_persons(
    parties: impl IntoIterator<Item = (i64, StoredRole, bool)>,
    fir_protected: bool,
) -> HashSet<i64> {
    parties
        .into_iter()
        .filter(|(_, role, juvenile)| {
            *juvenile
                || (fir_protected && matches!(role, StoredRole::Victim | StoredRole::Complainant))
        })
        .map(|(person, _, _)| person)
        .collect()
}

/// Whether the FIR `fir_id` shields the person `person_id` (see [`shielded_persons`]).
pub(crate) async fn shielded_in_fir(
    db: &impl ConnectionTrait,
    fir_id: i64,
    person_id: i64,
) -> Result<bool, DbErr> {
    let protected = fir::Entity::find_by_id(fir_id)
        .one(db)
        .await?
        .is_some_and(|f| f.victim_identity_protected);
    let parties = case_party::Entity::find()
        .filter(case_party::Column::FirId.eq(fir_id))
        .all(db)
        .await?;
    let roles = parties.iter().map(|p| (p.person_id, p.role, p.juvenile));
    Ok(shielded_persons(roles, protected).contains(&person_id))
}

/// What protects one party's identity within their FIR, with their ordinal among the
/// parties so protected (`Victim-1`, `Complainant-1`, `CCL-1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PartyShield {
    /// A victim of a sexual offence (BNS 72): the FIR protects its victim.
    Victim(usize),
    /// A complainant, not also a victim, in an FIR that protects its victim: usually a
    /// parent or relative, whose name makes the victim known.
    VictimsComplainant(usize),
    /// An accused under 18 at the date of the offence (Juvenile Justice Act s.74).
    Child(usize),
    /// Nothing beyond police-restricted data (a victim of an offence the law does not
    /// shield included).
    None,
}

impl PartyShield {
    /// The shield of `party` among all `parties` of its FIR. A person keeps the shield of
    /// any one of their roles in this FIR (victim, complainant, child) whatever other role
    /// they also hold here.
    fn of(party: &case_party::Model, parties: &[case_party::Model], protected: bool) -> Self {
        let ordinal = |matches: &dyn Fn(&case_party::Model) -> bool| {
            let mut persons: Vec<i64> = Vec::new();
            for p in parties.iter().filter(|p| matches(p)) {
                if !persons.contains(&p.person_id) {
                    persons.push(p.person_id);
                }
            }
            persons
                .iter()
                .position(|id| *id == party.person_id)
                .map(|n| n + 1)
        };
        let victims = |p: &case_party::Model| p.role == StoredRole::Victim;
        if protected && let Some(n) = ordinal(&victims) {
            return Self::Victim(n);
        }
        let complainants = |p: &case_party::Model| {
            p.role == StoredRole::Complainant
                && !parties
                    .iter()
                    .any(|v| victims(v) && v.person_id == p.person_id)
        };
        if protected && let Some(n) = ordinal(&complainants) {
            return Self::VictimsComplainant(n);
        }
        let children = |p: &case_party::Model| p.juvenile;
        ordinal(&children).map_or(Self::None, Self::Child)
    }

    /// The field class that decides whether the party's name is shown.
    fn class(&self) -> FieldClass {
        match self {
            Self::Victim(_) | Self::VictimsComplainant(_) => FieldClass::VictimIdentity,
            Self::Child(_) => FieldClass::ChildIdentity,
            Self::None => FieldClass::PoliceRestricted,
        }
    }
}

/// The stricter of two decisions.
pub(crate) fn most_restrictive(a: Access, b: Access) -> Access {
    use Access::*;
    match (a, b) {
        (Denied, _) | (_, Denied) => Denied,
        (Masked, _) | (_, Masked) => Masked,
        (Full, Full) => Full,
    }
}

/// A person named in an FIR in one role (complainant, victim, accused, witness, suspect).
#[Object(serial)]
impl CaseParty {
    /// The role played in this FIR.
    async fn role(&self) -> PartyRole {
        self.0.role.into()
    }
    /// The accused's code in this FIR (`A1`, `A2`, …); null for other roles.
    async fn code(&self) -> Option<&str> {
        self.0.accused_code.as_deref()
    }
    /// The person, as much of them as the caller may see.
    async fn person(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        let access = self.person_access(ctx).await?;
        if access.name == Access::Denied {
            return Ok(None);
        }
        let person = RequestContext::of(ctx)
            .loaders
            .load_one(PersonById(self.0.person_id))
            .await?;
        Ok(person.map(|p| Person::new(p, access).via_party(self.0.id)))
    }
    /// The FIR this party is named in.
    async fn fir(&self, ctx: &Context<'_>) -> ApiResult<Fir> {
        self.load_fir(ctx).await
    }
    /// Whether anything about this party's person is withheld from the caller.
    async fn masked(&self, ctx: &Context<'_>) -> ApiResult<bool> {
        let access = self.person_access(ctx).await?;
        Ok(!(access.name.is_full() && access.personal.is_full()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn party(id: i64, person: i64, role: StoredRole, juvenile: bool) -> case_party::Model {
        case_party::Model {
            id,
            fir_id: 1,
            person_id: person,
            role,
            accused_code: None,
            age_at_offence: None,
            juvenile,
            created_at: chrono::Utc::now(),
        }
    }

    /// Every FIR of up to three roles over two persons: a party is masked beyond
    /// police-restricted data exactly when events leave their person out.
    #[test]
    fn party_shields_and_event_refs_agree() {
        use StoredRole::*;
        let roles = [
            (Victim, false),
            (Complainant, false),
            (Accused, false),
            (Accused, true),
            (Witness, false),
        ];
        let mut rows = Vec::new();
        for a in roles {
            for b in roles {
                for c in roles {
                    rows.push(vec![a, b, c]);
                }
            }
        }
        for shape in rows {
            let parties: Vec<case_party::Model> = shape
                .iter()
                .enumerate()
                .map(|(i, (role, juvenile))| party(i as i64, 1 + (i as i64 % 2), *role, *juvenile))
                .collect();
            for protected in [false, true] {
                let roles = parties.iter().map(|p| (p.person_id, p.role, p.juvenile));
                let shielded = shielded_persons(roles, protected);
                for p in &parties {
                    let masked = PartyShield::of(p, &parties, protected) != PartyShield::None;
                    assert_eq!(
                        masked,
                        shielded.contains(&p.person_id),
                        "{shape:?}, protected {protected}, party {}",
                        p.id
                    );
                }
            }
        }
    }

    #[test]
    fn a_child_keeps_the_shield_in_another_role() {
        let parties = [
            party(1, 7, StoredRole::Accused, true),
            party(2, 7, StoredRole::Witness, false),
        ];
        assert_eq!(
            PartyShield::of(&parties[1], &parties, false),
            PartyShield::Child(1)
        );
    }
}
