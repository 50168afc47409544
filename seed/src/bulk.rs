//! Buffered multi-row INSERTs with ids assigned by the generator.
//!
//! Rows are buffered per table and written, parents before children, as multi-row INSERTs of
//! at most [`MAX_PARAMS`] bound parameters each (SQLite's limit is 32,766). The SQL text of a
//! full-size statement is built once per table with `sea_query` for the connection's backend
//! and reused, so the database also reuses its prepared statement.

use std::collections::{HashMap, HashSet};

use sea_orm::sea_query::{Alias, OnConflict, Query, Value, Values};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};

/// Upper bound on bound parameters per statement.
pub(crate) const MAX_PARAMS: usize = 30_000;

/// The tables the generator fills, in an order where every foreign key points backwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum T {
    OrgUnit,
    Officer,
    Person,
    PersonAlias,
    PersonNameToken,
    NameWord,
    PersonAddress,
    PersonPhone,
    PersonIdentity,
    Fir,
    Charge,
    CaseParty,
    PoliceCase,
    IoAssignment,
    CaseDiaryEntry,
    Arrest,
    Seizure,
    PropertyItem,
    FinalReport,
    FinalReportAccused,
    CourtCase,
    CourtCaseLink,
    Hearing,
    CourtOrder,
    Disposal,
    PrisonRecord,
    PrisonMovement,
    Complaint,
    MissingPerson,
    UnidentifiedBody,
    FoundPerson,
    FirModusOperandi,
    ProclaimedOffender,
    FirSerialCounter,
}

impl T {
    /// Every table, in insertion order.
    pub(crate) const ALL: [T; 34] = [
        T::OrgUnit,
        T::Officer,
        T::Person,
        T::PersonAlias,
        T::PersonNameToken,
        T::NameWord,
        T::PersonAddress,
        T::PersonPhone,
        T::PersonIdentity,
        T::Fir,
        T::Charge,
        T::CaseParty,
        T::PoliceCase,
        T::IoAssignment,
        T::CaseDiaryEntry,
        T::Arrest,
        T::Seizure,
        T::PropertyItem,
        T::FinalReport,
        T::FinalReportAccused,
        T::CourtCase,
        T::CourtCaseLink,
        T::Hearing,
        T::CourtOrder,
        T::Disposal,
        T::PrisonRecord,
        T::PrisonMovement,
        T::Complaint,
        T::MissingPerson,
        T::UnidentifiedBody,
        T::FoundPerson,
        T::FirModusOperandi,
        T::ProclaimedOffender,
        T::FirSerialCounter,
    ];

    /// The table's name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            T::OrgUnit => "org_unit",
            T::Officer => "officer",
            T::Person => "person",
            T::PersonAlias => "person_alias",
            T::PersonNameToken => "person_name_token",
            T::NameWord => "name_word",
            T::PersonAddress => "person_address",
            T::PersonPhone => "person_phone",
            T::PersonIdentity => "person_identity",
            T::Fir => "fir",
            T::Charge => "charge",
            T::CaseParty => "case_party",
            T::PoliceCase => "police_case",
            T::IoAssignment => "io_assignment",
            T::CaseDiaryEntry => "case_diary_entry",
            T::Arrest => "arrest",
            T::Seizure => "seizure",
            T::PropertyItem => "property_item",
            T::FinalReport => "final_report",
            T::FinalReportAccused => "final_report_accused",
            T::CourtCase => "court_case",
            T::CourtCaseLink => "court_case_link",
            T::Hearing => "hearing",
            T::CourtOrder => "court_order",
            T::Disposal => "disposal",
            T::PrisonRecord => "prison_record",
            T::PrisonMovement => "prison_movement",
            T::Complaint => "complaint",
            T::MissingPerson => "missing_person",
            T::UnidentifiedBody => "unidentified_body",
            T::FoundPerson => "found_person",
            T::FirModusOperandi => "fir_modus_operandi",
            T::ProclaimedOffender => "proclaimed_offender",
            T::FirSerialCounter => "fir_serial_counter",
        }
    }

    /// Whether the table has an `id` primary key (the generator assigns it).
    pub(crate) fn has_id(self) -> bool {
        !matches!(
            self,
            T::FinalReportAccused
                | T::CourtCaseLink
                | T::FirSerialCounter
                | T::PersonNameToken
                | T::NameWord
                | T::FirModusOperandi
        )
    }

    /// The columns written, in the order rows are pushed (`id` first where there is one).
    pub(crate) fn columns(self) -> &'static [&'static str] {
        match self {
            T::OrgUnit => &[
                "id",
                "code",
                "name",
                "kind",
                "parent_id",
                "path",
                "depth",
                "address",
                "created_at",
            ],
            T::Officer => &[
                "id",
                "unit_id",
                "login_id",
                "name",
                "rank",
                "belt_number",
                "sex",
                "active",
                "created_at",
            ],
            T::Person => &[
                "id",
                "name",
                "name_normalized",
                "sex",
                "birth_year",
                "birth_date",
                "relative_name",
                "created_at",
            ],
            T::PersonAlias => &["id", "person_id", "alias", "alias_normalized"],
            T::PersonNameToken => &["token", "person_id"],
            T::FirModusOperandi => &["fir_id", "code"],
            T::NameWord => &["word", "phonetic"],
            T::PersonAddress => &["id", "person_id", "address", "district_code", "is_primary"],
            T::PersonPhone => &["id", "person_id", "phone", "is_primary"],
            T::PersonIdentity => &["id", "person_id", "kind", "number"],
            T::Fir => &[
                "id",
                "station_id",
                "year",
                "serial",
                "fir_type",
                "registered_at",
                "info_received_at",
                "occurred_from",
                "occurred_to",
                "place_address",
                "place_beat",
                "place_lat",
                "place_lon",
                "delay_reason",
                "narrative",
                "property_value",
                "registered_by_id",
                "victim_identity_protected",
                "transferred_from_fir_id",
                "transferred_to_fir_id",
                "original_number",
                "created_at",
            ],
            T::Charge => &[
                "id",
                "fir_id",
                "statute_id",
                "act",
                "section",
                "position",
                "added_at",
                "removed_at",
                "added_by_amendment_id",
            ],
            T::CaseParty => &[
                "id",
                "fir_id",
                "person_id",
                "role",
                "accused_code",
                "age_at_offence",
                "juvenile",
                "created_at",
            ],
            T::PoliceCase => &[
                "id",
                "fir_id",
                "station_id",
                "status",
                "io_id",
                "opened_at",
                "status_changed_at",
            ],
            T::IoAssignment => &[
                "id",
                "case_id",
                "officer_id",
                "assigned_by_id",
                "assigned_at",
                "relieved_at",
                "reason",
            ],
            T::CaseDiaryEntry => &["id", "case_id", "author_id", "entry_at", "content"],
            T::Arrest => &[
                "id",
                "case_id",
                "party_id",
                "person_id",
                "arrested_at",
                "place",
                "mode",
                "arresting_officer_id",
                "relative_informed",
                "relative_informed_at",
            ],
            T::Seizure => &[
                "id",
                "case_id",
                "seized_at",
                "place",
                "nature",
                "seized_by_id",
            ],
            T::PropertyItem => &[
                "id",
                "fir_id",
                "seizure_id",
                "category",
                "description",
                "value",
                "status",
                "registration_number",
                "registration_normalized",
                "chassis_number",
                "engine_number",
                "imei",
                "arm_serial",
                "make",
                "model",
            ],
            T::FinalReport => &[
                "id",
                "case_id",
                "kind",
                "supplementary",
                "filed_at",
                "filed_by_id",
                "court_id",
                "summary",
            ],
            T::FinalReportAccused => &["final_report_id", "party_id", "charged"],
            T::CourtCase => &[
                "id",
                "cnr",
                "court_id",
                "case_type",
                "case_number",
                "case_year",
                "stage",
                "filed_at",
            ],
            T::CourtCaseLink => &["court_case_id", "case_id"],
            T::Hearing => &[
                "id",
                "court_case_id",
                "date",
                "purpose",
                "outcome",
                "next_date",
            ],
            T::CourtOrder => &[
                "id",
                "court_case_id",
                "kind",
                "issued_at",
                "person_id",
                "text",
            ],
            T::Disposal => &[
                "id",
                "court_case_id",
                "party_id",
                "result",
                "sentence",
                "decided_at",
            ],
            T::PrisonRecord => &[
                "id",
                "prisoner_id",
                "prison_id",
                "person_id",
                "court_case_id",
                "fir_id",
                "category",
                "admitted_at",
                "warrant_ref",
                "released_at",
                "release_reason",
                "escaped_at",
            ],
            T::PrisonMovement => &[
                "id",
                "prison_record_id",
                "kind",
                "moved_at",
                "destination_unit_id",
                "note",
            ],
            T::Complaint => &[
                "id",
                "petition_number",
                "station_id",
                "received_at",
                "channel",
                "nature",
                "complainant_person_id",
                "citizen_sub",
                "description",
                "status",
                "fir_id",
                "closure_reason",
            ],
            T::MissingPerson => &[
                "id",
                "station_id",
                "person_id",
                "name",
                "sex",
                "age_years",
                "height_cm",
                "marks",
                "missing_since",
                "last_seen_place",
                "reported_at",
                "status",
            ],
            T::UnidentifiedBody => &[
                "id",
                "station_id",
                "found_at",
                "place",
                "sex",
                "age_min",
                "age_max",
                "height_cm",
                "marks",
                "status",
            ],
            T::FoundPerson => &[
                "id",
                "station_id",
                "found_at",
                "place",
                "sex",
                "age_min",
                "age_max",
                "height_cm",
                "marks",
                "name_given",
                "placed_with",
                "status",
            ],
            T::ProclaimedOffender => &[
                "id",
                "person_id",
                "court_case_id",
                "court_id",
                "fir_id",
                "proclaimed_at",
                "status",
            ],
            T::FirSerialCounter => &["station_id", "year", "last_serial"],
        }
    }

    fn rows_per_statement(self) -> usize {
        (MAX_PARAMS / self.columns().len()).max(1)
    }
}

/// Per-table row buffers, id counters and row counts.
pub(crate) struct Bulk {
    backend: DbBackend,
    buffers: Vec<Vec<Value>>,
    next_id: Vec<i64>,
    written: Vec<u64>,
    sql_cache: HashMap<T, String>,
    /// Keys of rows pushed by [`Bulk::push_once`].
    pushed_once: HashSet<(T, String)>,
}

impl Bulk {
    /// Buffers for `backend`, with each table's first id (`MAX(id) + 1`).
    pub(crate) fn new(backend: DbBackend, first_ids: &HashMap<T, i64>) -> Self {
        Self {
            backend,
            buffers: T::ALL.iter().map(|_| Vec::new()).collect(),
            next_id: T::ALL
                .iter()
                .map(|t| first_ids.get(t).copied().unwrap_or(1))
                .collect(),
            written: vec![0; T::ALL.len()],
            sql_cache: HashMap::new(),
            pushed_once: HashSet::new(),
        }
    }

    /// Reserves the next id of `table`.
    pub(crate) fn id(&mut self, table: T) -> i64 {
        let slot = &mut self.next_id[table as usize];
        let id = *slot;
        *slot += 1;
        id
    }

    /// Buffers one row; `values` must match [`T::columns`].
    pub(crate) fn push<const N: usize>(&mut self, table: T, values: [Value; N]) {
        debug_assert_eq!(N, table.columns().len(), "row shape of {}", table.name());
        self.buffers[table as usize].extend(values);
    }

    /// Buffers one row unless a row with `key` was pushed to `table` before, in this run;
    /// rows already stored are left as they are (the insert skips conflicts).
    pub(crate) fn push_once<const N: usize>(&mut self, table: T, key: &str, values: [Value; N]) {
        if self.pushed_once.insert((table, key.to_owned())) {
            self.push(table, values);
        }
    }

    /// Rows written so far to `table` (flushed rows only).
    pub(crate) fn written(&self, table: T) -> u64 {
        self.written[table as usize]
    }

    /// Writes every buffered row, parents first.
    pub(crate) async fn flush<C: ConnectionTrait>(&mut self, conn: &C) -> Result<(), DbErr> {
        for table in T::ALL {
            let buffer = std::mem::take(&mut self.buffers[table as usize]);
            if buffer.is_empty() {
                continue;
            }
            let width = table.columns().len();
            let full = table.rows_per_statement() * width;
            let rows = buffer.len() / width;
            let mut values = buffer.into_iter();
            let mut remaining = rows;
            while remaining > 0 {
                let n = remaining.min(table.rows_per_statement());
                let batch: Vec<Value> = values.by_ref().take(n * width).collect();
                let sql = if n * width == full {
                    self.sql_cache
                        .entry(table)
                        .or_insert_with(|| insert_sql(self.backend, table, n))
                        .clone()
                } else {
                    insert_sql(self.backend, table, n)
                };
                conn.execute_raw(Statement {
                    sql,
                    values: Some(Values(batch)),
                    db_backend: self.backend,
                })
                .await?;
                remaining -= n;
            }
            self.written[table as usize] += rows as u64;
        }
        Ok(())
    }
}

/// The SQL of a `rows`-row INSERT into `table`, built by `sea_query` for `backend`.
fn insert_sql(backend: DbBackend, table: T, rows: usize) -> String {
    let columns = table.columns();
    let mut insert = Query::insert();
    insert
        .into_table(Alias::new(table.name()))
        .columns(columns.iter().map(|c| Alias::new(*c)));
    for _ in 0..rows {
        // Placeholder values: only the SQL text is kept, every value is a bound parameter.
        insert.values_panic(columns.iter().map(|_| Value::BigInt(Some(0)).into()));
    }
    if table == T::NameWord {
        // Shared vocabulary: a word another run already stored stays as it is.
        insert.on_conflict(
            OnConflict::column(Alias::new("word"))
                .do_nothing()
                .to_owned(),
        );
    }
    let statement = backend.build(&insert);
    debug_assert_eq!(
        statement.values.as_ref().map_or(0, |v| v.0.len()),
        rows * columns.len(),
        "every value of {} must be a bound parameter",
        table.name()
    );
    statement.sql
}
