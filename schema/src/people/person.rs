//! `Person`: a resolved identity, shown through the decision made for the way it was reached.

use async_graphql::{Context, ID, Object};
use entities::person;
use futures_util::future::try_join_all;

use super::party::PartyAccess;
use super::{
    AddressesOfPerson, AliasesOfPerson, CaseParty, IdentitiesOfPerson, PartiesOfPerson,
    PhonesOfPerson,
};
use crate::audit::{self, AuditClass};
use crate::context::RequestContext;
use crate::enums::{IdentityKind, Script, Sex};
use crate::error::ApiResult;
use crate::ids;
use crate::investigation::{Arrest, ArrestsOfPerson};
use crate::policy::Access;
use crate::prisons::{PrisonRecord, PrisonRecordsOfPerson};

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct Person {
    row: person::Model,
    access: PartyAccess,
    /// The party (one role in one FIR) through which the person was reached, if any.
    via_party: Option<i64>,
}

impl Person {
    pub(crate) fn new(row: person::Model, access: PartyAccess) -> Self {
        Self {
            row,
            access,
            via_party: None,
        }
    }

    /// The person as reached through the party `party_id`: when masked, their id is that
    /// party's pseudonymous id, which resolves only within that FIR.
    pub(crate) fn via_party(self, party_id: i64) -> Self {
        Self {
            via_party: Some(party_id),
            ..self
        }
    }

    /// The person's row id.
    pub(crate) fn row_id(&self) -> i64 {
        self.row.id
    }

    fn personal(&self) -> bool {
        self.access.personal == Access::Full
    }

    /// The global id (see the `id` field).
    pub(crate) fn global_id(&self) -> ID {
        match (self.access.name.is_full(), self.via_party) {
            (true, _) => ids::encode("Person", self.row.id),
            (false, Some(party)) => ids::encode("PartyPerson", party),
            (false, None) => ids::encode("MaskedPerson", self.row.id),
        }
    }

    /// The name the caller may see, or the pseudonym; notes on the audit trail the
    /// disclosure of a protected victim's or a child's name.
    pub(crate) fn shown_name(&self, ctx: &Context<'_>) -> String {
        match self.access.name {
            Access::Full => {
                if self.access.victim {
                    audit::disclosed(ctx, "Person", self.row.id, AuditClass::VictimIdentity);
                }
                if self.access.child {
                    audit::disclosed(ctx, "Person", self.row.id, AuditClass::Child);
                }
                self.row.name.clone()
            }
            _ => self.access.pseudonym.clone(),
        }
    }

    /// The aliases the caller may see (null with the identity withheld).
    async fn visible_aliases(&self, ctx: &Context<'_>) -> ApiResult<Option<Vec<String>>> {
        if !self.access.name.is_full() {
            return Ok(None);
        }
        let rows = RequestContext::of(ctx)
            .loaders
            .load_one(AliasesOfPerson(self.row.id))
            .await?;
        Ok(Some(
            rows.unwrap_or_default()
                .into_iter()
                .map(|a| a.alias)
                .collect(),
        ))
    }

    /// Sex as recorded.
    pub(crate) fn sex_value(&self) -> Sex {
        self.row.sex.into()
    }

    /// The custody records the caller may see (null with the identity withheld).
    pub(crate) async fn visible_prison_records(
        &self,
        ctx: &Context<'_>,
    ) -> ApiResult<Option<Vec<PrisonRecord>>> {
        if !self.access.name.is_full() {
            return Ok(None);
        }
        let rows = RequestContext::of(ctx)
            .loaders
            .load_one(PrisonRecordsOfPerson(self.row.id))
            .await?
            .unwrap_or_default();
        let records: Vec<PrisonRecord> = rows.into_iter().map(PrisonRecord).collect();
        let decisions = try_join_all(records.iter().map(|r| r.access(ctx))).await?;
        Ok(Some(kept(records, decisions.iter().map(|a| a.is_full()))))
    }

    /// Whether the current field may return personal data; notes the disclosure, or the
    /// refusal, on the audit trail.
    fn reveal_personal(&self, ctx: &Context<'_>) -> bool {
        match self.access.personal {
            Access::Full => audit::disclosed(ctx, "Person", self.row.id, AuditClass::Personal),
            Access::Denied => audit::denied(ctx, "Person", self.row.id, AuditClass::Personal),
            Access::Masked => {}
        }
        self.personal()
    }
}

/// The items whose decision (in the same order) lets the caller see them.
fn kept<T>(items: Vec<T>, shown: impl Iterator<Item = bool>) -> Vec<T> {
    items
        .into_iter()
        .zip(shown)
        .filter_map(|(item, shown)| shown.then_some(item))
        .collect()
}

/// A person known to the police: complainant, victim, accused or witness, anywhere.
#[Object(serial)]
impl Person {
    /// Global id. A person shown under a pseudonym gets a pseudonymous id instead (one
    /// per FIR party when reached through a party), never the person's own: a masked
    /// victim cannot be linked across FIRs by her id.
    pub(crate) async fn id(&self) -> ID {
        self.global_id()
    }
    /// The person's name; a pseudonym (`Victim-1`) when the caller may not see it.
    async fn name(&self, ctx: &Context<'_>) -> String {
        self.shown_name(ctx)
    }
    /// Sex as recorded.
    async fn sex(&self) -> Sex {
        self.sex_value()
    }
    /// Year of birth (withheld with the identity).
    async fn birth_year(&self) -> Option<i32> {
        self.access
            .name
            .is_full()
            .then_some(self.row.birth_year)
            .flatten()
    }
    /// Primary phone number (personal data: masked outside the owning station, the case
    /// team and supervisors over the station).
    async fn phone(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        if !self.reveal_personal(ctx) {
            return Ok(None);
        }
        let phones = RequestContext::of(ctx)
            .loaders
            .load_one(PhonesOfPerson(self.row.id))
            .await?
            .unwrap_or_default();
        let primary = phones.iter().find(|p| p.is_primary).or(phones.first());
        Ok(primary.map(|p| p.phone.clone()))
    }
    /// Primary address (personal data, as for `phone`).
    async fn address(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        if !self.reveal_personal(ctx) {
            return Ok(None);
        }
        let addresses = RequestContext::of(ctx)
            .loaders
            .load_one(AddressesOfPerson(self.row.id))
            .await?
            .unwrap_or_default();
        let primary = addresses
            .iter()
            .find(|a| a.is_primary)
            .or(addresses.first());
        Ok(primary.map(|a| a.address.clone()))
    }
    /// The name in `script`, for an officer who cannot read the script it was recorded
    /// in (`रमेश कुमार` in LATIN is `Ramesh Kumar`); as recorded when it is in `script`
    /// already. A pseudonym stays the pseudonym: it is never derived from the real name.
    async fn name_in(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The script to show the name in.")] script: Script,
    ) -> String {
        let shown = self.shown_name(ctx);
        if !self.access.name.is_full() {
            return shown;
        }
        indic::transliterate(&shown, script.into())
    }
    /// Other names the person is known by (withheld with the identity).
    async fn aliases(&self, ctx: &Context<'_>) -> ApiResult<Option<Vec<String>>> {
        self.visible_aliases(ctx).await
    }
    /// The aliases in `script`, as `nameIn` gives the name (withheld with the identity).
    async fn aliases_in(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The script to show the aliases in.")] script: Script,
    ) -> ApiResult<Option<Vec<String>>> {
        let aliases = self.visible_aliases(ctx).await?;
        Ok(aliases.map(|aliases| {
            aliases
                .iter()
                .map(|alias| indic::transliterate(alias, script.into()))
                .collect()
        }))
    }
    /// Identity documents (personal data, as for `phone`).
    async fn identities(&self, ctx: &Context<'_>) -> ApiResult<Option<Vec<IdentityDocument>>> {
        if !self.reveal_personal(ctx) {
            return Ok(None);
        }
        let rows = RequestContext::of(ctx)
            .loaders
            .load_one(IdentitiesOfPerson(self.row.id))
            .await?;
        Ok(Some(
            rows.unwrap_or_default()
                .into_iter()
                .map(|d| IdentityDocument {
                    kind: d.kind.into(),
                    number: d.number,
                })
                .collect(),
        ))
    }
    /// Whether anything about this person is withheld from the caller.
    async fn masked(&self) -> bool {
        !(self.access.name.is_full() && self.personal())
    }
    /// Every role this person plays in FIRs the caller may see, at any station in the
    /// country. Null when the person is shown masked: a pseudonymous person is never
    /// linked across FIRs.
    async fn parties(&self, ctx: &Context<'_>) -> ApiResult<Option<Vec<CaseParty>>> {
        if !self.access.name.is_full() {
            return Ok(None);
        }
        let rows = RequestContext::of(ctx)
            .loaders
            .load_one(PartiesOfPerson(self.row.id))
            .await?
            .unwrap_or_default();
        let parties: Vec<CaseParty> = rows.into_iter().map(CaseParty).collect();
        let decisions = try_join_all(parties.iter().map(|p| p.person_access(ctx))).await?;
        Ok(Some(kept(
            parties,
            decisions.iter().map(|a| a.name.is_full()),
        )))
    }
    /// Arrests of this person, in any case (null when the person is shown masked, or the
    /// caller reads no police-restricted data).
    async fn arrests(&self, ctx: &Context<'_>) -> ApiResult<Option<Vec<Arrest>>> {
        let rc = RequestContext::of(ctx);
        if !self.access.name.is_full() || !crate::policy::sees_sensitive_headers(&rc.principal) {
            return Ok(None);
        }
        let rows = rc.loaders.load_one(ArrestsOfPerson(self.row.id)).await?;
        Ok(Some(
            rows.unwrap_or_default().into_iter().map(Arrest).collect(),
        ))
    }
    /// Custody records of this person that the caller may see (null when the person is
    /// shown masked).
    async fn prison_records(&self, ctx: &Context<'_>) -> ApiResult<Option<Vec<PrisonRecord>>> {
        self.visible_prison_records(ctx).await
    }
}

/// An identity document of a person.
#[derive(async_graphql::SimpleObject, Debug, Clone)]
pub struct IdentityDocument {
    /// Kind of document.
    pub kind: IdentityKind,
    /// The document number.
    pub number: String,
}
