//! The FIR and charge objects.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use entities::{charge, fir, statute};

use super::modus_operandi::{ModusOperandi, ModusOperandiOfFir};
use super::{CaseOfFir, ChargesOfFir, StatuteById};
use crate::audit::{self, AuditClass};
use crate::context::RequestContext;
use crate::courts::CourtCaseById;
use crate::enums::{Act, FirType};
use crate::error::{ApiResult, unless_forbidden};
use crate::ids;
use crate::investigation::Case;
use crate::investigation::CourtCasesOfCase;
use crate::org::{PoliceStation, UnitById};
use crate::people::{CaseParty, PartiesOfFir, PartyList};
use crate::policy::{Access, FieldClass, RecordScope, decide, needs_court_paths, needs_io};

/// What the policy needs to know about an FIR beyond its own row.
#[derive(Debug, Clone)]
pub(crate) struct FirScope {
    station_path: String,
    io_officer_id: Option<i64>,
    /// Loaded only for callers the policy grants by court (see `needs_court_paths`).
    court_paths: Vec<String>,
}

/// The paths of the courts the case `case_id` is before.
async fn court_paths(ctx: &Context<'_>, case_id: i64) -> ApiResult<Vec<String>> {
    let loaders = &RequestContext::of(ctx).loaders;
    let court_cases = loaders
        .load_one(CourtCasesOfCase(case_id))
        .await?
        .unwrap_or_default();
    let cases = loaders
        .load_many(court_cases.into_iter().map(CourtCaseById))
        .await?;
    let courts = loaders
        .load_many(cases.into_values().map(|c| UnitById(c.court_id)))
        .await?;
    Ok(courts.into_values().map(|u| u.path).collect())
}

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct Fir(pub fir::Model);

impl Fir {
    /// What the caller may see of `class` data in this FIR.
    pub(crate) async fn access(&self, ctx: &Context<'_>, class: FieldClass) -> ApiResult<Access> {
        let rc = RequestContext::of(ctx);
        let scope = match rc.fir_scopes.get(&self.0.id) {
            Some(scope) => scope,
            None => {
                // Both in one wave; the case only when it can change the decision.
                let station = rc.loaders.load_one(UnitById(self.0.station_id));
                let case = async {
                    if needs_io(&rc.principal) || needs_court_paths(&rc.principal) {
                        rc.loaders.load_one(CaseOfFir(self.0.id)).await
                    } else {
                        Ok(None)
                    }
                };
                let (station, case) = futures_util::try_join!(station, case)?;
                let court_paths = match &case {
                    Some(case) if needs_court_paths(&rc.principal) => {
                        court_paths(ctx, case.id).await?
                    }
                    _ => Vec::new(),
                };
                let scope = FirScope {
                    station_path: station.map(|s| s.path).unwrap_or_default(),
                    io_officer_id: case.and_then(|c| c.io_id),
                    court_paths,
                };
                rc.fir_scopes.put(self.0.id, scope.clone());
                scope
            }
        };
        let scope = RecordScope {
            station_path: &scope.station_path,
            io_officer_id: scope.io_officer_id,
            victim_protected: self.0.victim_identity_protected,
            court_paths: &scope.court_paths,
        };
        Ok(decide(&rc.principal, &scope, class))
    }

    async fn full(&self, ctx: &Context<'_>, class: FieldClass) -> ApiResult<bool> {
        Ok(self.access(ctx, class).await?.is_full())
    }

    /// Whether the current field may return the narrative (and the place); notes on the
    /// audit trail the disclosure of a protected FIR's narrative, and any refusal.
    async fn reveal_narrative(&self, ctx: &Context<'_>) -> ApiResult<bool> {
        let access = self.access(ctx, FieldClass::Narrative).await?;
        match access {
            Access::Full if self.0.victim_identity_protected => {
                audit::disclosed(ctx, "Fir", self.0.id, AuditClass::Narrative);
            }
            Access::Denied => audit::denied(ctx, "Fir", self.0.id, AuditClass::Narrative),
            _ => {}
        }
        Ok(access.is_full())
    }
}

/// A First Information Report: the legal record that starts a criminal case.
/// Registered FIRs are never edited; corrections are amendments.
#[Object]
impl Fir {
    /// Global id.
    pub(crate) async fn id(&self) -> ID {
        ids::encode("Fir", self.0.id)
    }
    /// The number as printed: serial and year, e.g. `0142/2025`.
    async fn number(&self) -> String {
        format!("{:04}/{}", self.0.serial, self.0.year)
    }
    /// Serial within the station and year (1, 2, … without gaps).
    async fn serial(&self) -> i32 {
        self.0.serial
    }
    /// Year of registration.
    async fn year(&self) -> i32 {
        self.0.year
    }
    /// The registering police station.
    async fn station(&self, ctx: &Context<'_>) -> ApiResult<Option<PoliceStation>> {
        let station = RequestContext::of(ctx)
            .loaders
            .load_one(UnitById(self.0.station_id))
            .await?;
        Ok(station.map(PoliceStation))
    }
    /// When the FIR was registered.
    async fn registered_at(&self) -> DateTime<Utc> {
        self.0.registered_at
    }
    /// Regular, zero (to be transferred) or electronic FIR.
    async fn r#type(&self) -> FirType {
        self.0.fir_type.into()
    }
    /// Start of the period in which the offence occurred (police-restricted).
    async fn occurred_from(&self, ctx: &Context<'_>) -> ApiResult<Option<DateTime<Utc>>> {
        Ok(self
            .full(ctx, FieldClass::PoliceRestricted)
            .await?
            .then_some(self.0.occurred_from))
    }
    /// End of the period in which the offence occurred (police-restricted).
    async fn occurred_to(&self, ctx: &Context<'_>) -> ApiResult<Option<DateTime<Utc>>> {
        Ok(self
            .full(ctx, FieldClass::PoliceRestricted)
            .await?
            .then_some(self.0.occurred_to)
            .flatten())
    }
    /// Place of occurrence (police-restricted; withheld with the victim's identity in
    /// sexual offences).
    async fn place(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        Ok(self
            .reveal_narrative(ctx)
            .await?
            .then(|| self.0.place_address.clone())
            .flatten())
    }
    /// The information as recorded. Police-restricted; in sexual offences only the case's
    /// IO, the owning station's SHO, supervisors over the station and the court and
    /// prosecutor on the case see it.
    async fn narrative(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        Ok(self
            .reveal_narrative(ctx)
            .await?
            .then(|| self.0.narrative.clone()))
    }
    /// Whether the FIR charges an offence whose victim's identity the law protects
    /// (BNS 64–71, IPC 376-series, POCSO).
    async fn victim_identity_protected(&self) -> bool {
        self.0.victim_identity_protected
    }
    /// Whether any field of this FIR is withheld from the caller.
    async fn masked(&self, ctx: &Context<'_>) -> ApiResult<bool> {
        Ok(!self.full(ctx, FieldClass::Narrative).await?)
    }
    /// The charges currently on the FIR (police-restricted: null for other callers).
    async fn charges(&self, ctx: &Context<'_>) -> ApiResult<Option<Vec<Charge>>> {
        if !self.full(ctx, FieldClass::PoliceRestricted).await? {
            return Ok(None);
        }
        let rows = RequestContext::of(ctx)
            .loaders
            .load_one(ChargesOfFir(self.0.id))
            .await?
            .unwrap_or_default();
        Ok(Some(
            rows.into_iter()
                .filter(|c| c.removed_at.is_none())
                .map(Charge::from_charge)
                .collect(),
        ))
    }
    /// The ways of committing recorded on the FIR (police-restricted: null for other
    /// callers).
    async fn modus_operandi(&self, ctx: &Context<'_>) -> ApiResult<Option<Vec<ModusOperandi>>> {
        if !self.full(ctx, FieldClass::PoliceRestricted).await? {
            return Ok(None);
        }
        Ok(RequestContext::of(ctx)
            .loaders
            .load_one(ModusOperandiOfFir(self.0.id))
            .await?)
    }
    /// Corrections recorded since registration (a registered FIR is never edited in place):
    /// who, when, what and why. Withheld with the narrative.
    async fn amendments(&self, ctx: &Context<'_>) -> ApiResult<Option<Vec<Amendment>>> {
        if !self.full(ctx, FieldClass::Narrative).await? {
            return Ok(None);
        }
        let rows = RequestContext::of(ctx)
            .loaders
            .load_one(super::AmendmentsOfFir(self.0.id))
            .await?;
        Ok(Some(
            rows.unwrap_or_default()
                .into_iter()
                .map(Amendment)
                .collect(),
        ))
    }
    /// The investigation this FIR opened (police-restricted).
    async fn case(&self, ctx: &Context<'_>) -> ApiResult<Option<Case>> {
        let row = RequestContext::of(ctx)
            .loaders
            .load_one(CaseOfFir(self.0.id))
            .await?;
        let Some(row) = row else { return Ok(None) };
        let case = Case(row);
        Ok(case.visible(ctx).await?.then_some(case))
    }
    /// For an FIR registered on the transfer of a zero FIR: that FIR's number and station
    /// (`0007/2026 (MH-PUN-PS001)`), the reference the original number is known by.
    async fn original_number(&self) -> Option<&str> {
        self.0.original_number.as_deref()
    }
    /// The zero FIR this one was transferred from (null if none, or not visible).
    async fn transferred_from(&self, ctx: &Context<'_>) -> ApiResult<Option<Fir>> {
        match self.0.transferred_from_fir_id {
            Some(id) => unless_forbidden(super::find_fir(ctx, id).await),
            None => Ok(None),
        }
    }
    /// The FIR this zero FIR was transferred to (null if none, or not visible).
    async fn transferred_to(&self, ctx: &Context<'_>) -> ApiResult<Option<Fir>> {
        match self.0.transferred_to_fir_id {
            Some(id) => unless_forbidden(super::find_fir(ctx, id).await),
            None => Ok(None),
        }
    }
    /// Everyone named in the FIR, each in their role (police-restricted: null for other
    /// callers). Protected identities come masked.
    async fn parties(&self, ctx: &Context<'_>) -> ApiResult<Option<PartyList>> {
        if !self.full(ctx, FieldClass::PoliceRestricted).await? {
            return Ok(None);
        }
        let rows = RequestContext::of(ctx)
            .loaders
            .load_one(PartiesOfFir(self.0.id))
            .await?
            .unwrap_or_default();
        Ok(Some(PartyList(rows.into_iter().map(CaseParty).collect())))
    }
}

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct Charge {
    act: entities::enums::Act,
    section: String,
    statute_id: Option<i64>,
}

impl Charge {
    fn from_charge(row: charge::Model) -> Self {
        Self {
            act: row.act,
            section: row.section,
            statute_id: row.statute_id,
        }
    }

    fn from_statute(row: statute::Model) -> Self {
        Self {
            act: row.act,
            section: row.section,
            statute_id: Some(row.id),
        }
    }
}

/// A charge: an act and a section, as registered or as catalogued.
#[Object]
impl Charge {
    /// The act.
    async fn act(&self) -> Act {
        self.act.into()
    }
    /// The section as written in the act (`303(2)`, `64`, `498A`).
    async fn section(&self) -> &str {
        &self.section
    }
    /// The offence's title in the statute catalogue (null for local acts not catalogued).
    async fn title(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        let Some(id) = self.statute_id else {
            return Ok(None);
        };
        let statute = RequestContext::of(ctx)
            .loaders
            .load_one(StatuteById(id))
            .await?;
        Ok(statute.map(|s| s.title))
    }
    /// The same offence under the other code (IPC ↔ BNS).
    async fn equivalents(&self, ctx: &Context<'_>) -> ApiResult<Vec<Charge>> {
        let Some(id) = self.statute_id else {
            return Ok(Vec::new());
        };
        let rows = RequestContext::of(ctx)
            .loaders
            .load_one(super::EquivalentsOfStatute(id))
            .await?
            .unwrap_or_default();
        Ok(rows.into_iter().map(Charge::from_statute).collect())
    }
}

impl crate::pagination::Keyed for Fir {
    fn key(&self) -> i64 {
        self.0.id
    }
}

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct Amendment(pub entities::fir_amendment::Model);

/// A correction to a registered FIR: the registered text stays, the change is recorded.
#[Object]
impl Amendment {
    /// When the amendment was recorded.
    async fn amended_at(&self) -> DateTime<Utc> {
        self.0.amended_at
    }
    /// Who recorded it.
    async fn amended_by(&self, ctx: &Context<'_>) -> ApiResult<Option<crate::org::Officer>> {
        let Some(id) = self.0.amended_by_id else {
            return Ok(None);
        };
        let row = RequestContext::of(ctx)
            .loaders
            .load_one(crate::org::OfficerById(id))
            .await?;
        Ok(row.map(crate::org::Officer))
    }
    /// The field amended (e.g. `charges`, `place`, `occurredFrom`).
    async fn field(&self) -> &str {
        &self.0.field
    }
    /// The value before.
    async fn old_value(&self) -> Option<&str> {
        self.0.old_value.as_deref()
    }
    /// The value after.
    async fn new_value(&self) -> Option<&str> {
        self.0.new_value.as_deref()
    }
    /// Why.
    async fn reason(&self) -> &str {
        &self.0.reason
    }
}
