//! The policy as a table: every rule's grant and its denial.

use super::*;

const STATION: &str = "/IN/MH/MH-PUN/MH-PUN-PS001/";
const OTHER_STATION: &str = "/IN/MH/MH-PUN/MH-PUN-PS002/";
const DISTRICT: &str = "/IN/MH/MH-PUN/";
const OTHER_STATE: &str = "/IN/KA/";
const IO: i64 = 42;

fn who(role: Role, path: &str, officer_id: Option<i64>) -> Principal {
    Principal {
        identity: Some(Identity {
            sub: "x".into(),
            role,
            unit: UnitRef {
                id: 1,
                code: "X".into(),
                path: path.into(),
            },
            officer_id,
            rank: Some("DGP".into()),
            name: None,
            expires_at: None,
            unrestricted: false,
        }),
    }
}

fn scope(victim_protected: bool) -> RecordScope<'static> {
    RecordScope {
        station_path: STATION,
        io_officer_id: Some(IO),
        victim_protected,
        court_paths: &[],
    }
}

use Access::{Denied as D, Full as F, Masked as M};

#[test]
fn decision_matrix() {
    let anon = Principal::anonymous();
    let citizen = who(Role::Citizen, STATION, None);
    let own_officer = who(Role::StationOfficer, STATION, Some(7));
    let other_officer = who(Role::StationOfficer, OTHER_STATION, Some(8));
    let io = who(Role::InvestigatingOfficer, OTHER_STATION, Some(IO));
    let own_sho = who(Role::StationHouseOfficer, STATION, Some(9));
    let other_sho = who(Role::StationHouseOfficer, OTHER_STATION, Some(10));
    let district_sp = who(Role::Supervisor, DISTRICT, Some(11));
    let other_state_dgp = who(Role::Supervisor, OTHER_STATE, Some(12));
    let analyst = who(Role::Analyst, "/IN/", None);
    let auditor = who(Role::Auditor, "/IN/", None);
    let admin = who(Role::Admin, "/IN/", None);

    use FieldClass::*;
    // (principal, protected?, class, expected)
    let rows: Vec<(&str, &Principal, bool, FieldClass, Access)> = vec![
        ("anonymous sees ordinary header", &anon, false, Header, F),
        ("anonymous denied sensitive header", &anon, true, Header, D),
        (
            "anonymous denied charges",
            &anon,
            false,
            PoliceRestricted,
            D,
        ),
        (
            "citizen denied charges",
            &citizen,
            false,
            PoliceRestricted,
            D,
        ),
        (
            "any police reads charges",
            &other_officer,
            false,
            PoliceRestricted,
            F,
        ),
        (
            "analyst reads charges",
            &analyst,
            false,
            PoliceRestricted,
            F,
        ),
        (
            "auditor denied case data",
            &auditor,
            false,
            PoliceRestricted,
            D,
        ),
        ("admin denied case data", &admin, false, PoliceRestricted, D),
        (
            "owning station sees personal",
            &own_officer,
            false,
            Personal,
            F,
        ),
        ("IO elsewhere sees personal", &io, false, Personal, F),
        (
            "supervisor over station sees personal",
            &district_sp,
            false,
            Personal,
            F,
        ),
        (
            "other station masked personal",
            &other_officer,
            false,
            Personal,
            M,
        ),
        (
            "other state DGP masked personal",
            &other_state_dgp,
            false,
            Personal,
            M,
        ),
        ("analyst masked personal", &analyst, false, Personal, M),
        ("citizen denied personal", &citizen, false, Personal, D),
        (
            "ordinary victim name to police",
            &other_officer,
            false,
            VictimIdentity,
            F,
        ),
        ("protected victim: IO full", &io, true, VictimIdentity, F),
        (
            "protected victim: owning SHO full",
            &own_sho,
            true,
            VictimIdentity,
            F,
        ),
        (
            "protected victim: supervisor full",
            &district_sp,
            true,
            VictimIdentity,
            F,
        ),
        (
            "protected victim: owning constable masked",
            &own_officer,
            true,
            VictimIdentity,
            M,
        ),
        (
            "protected victim: other SHO masked",
            &other_sho,
            true,
            VictimIdentity,
            M,
        ),
        (
            "protected victim: rank never unmasks",
            &other_state_dgp,
            true,
            VictimIdentity,
            M,
        ),
        (
            "protected victim: analyst masked",
            &analyst,
            true,
            VictimIdentity,
            M,
        ),
        (
            "protected victim: anonymous denied",
            &anon,
            true,
            VictimIdentity,
            D,
        ),
        (
            "protected narrative: owning constable masked",
            &own_officer,
            true,
            Narrative,
            M,
        ),
        ("protected narrative: IO full", &io, true, Narrative, F),
        (
            "ordinary diary: owning constable",
            &own_officer,
            false,
            Investigative,
            F,
        ),
        (
            "protected diary: owning constable denied",
            &own_officer,
            true,
            Investigative,
            D,
        ),
        ("protected diary: IO", &io, true, Investigative, F),
        (
            "protected diary: owning SHO",
            &own_sho,
            true,
            Investigative,
            F,
        ),
        (
            "protected diary: supervisor",
            &district_sp,
            true,
            Investigative,
            F,
        ),
        (
            "protected diary: other SHO denied",
            &other_sho,
            true,
            Investigative,
            D,
        ),
        (
            "child: owning constable full",
            &own_officer,
            false,
            ChildIdentity,
            F,
        ),
        ("child: IO full", &io, false, ChildIdentity, F),
        (
            "child: supervisor full",
            &district_sp,
            false,
            ChildIdentity,
            F,
        ),
        (
            "child: other station masked",
            &other_officer,
            false,
            ChildIdentity,
            M,
        ),
        (
            "child: other state's DGP masked",
            &other_state_dgp,
            false,
            ChildIdentity,
            M,
        ),
        ("child: analyst masked", &analyst, false, ChildIdentity, M),
        ("child: citizen denied", &citizen, false, ChildIdentity, D),
        (
            "ordinary narrative: any police",
            &other_officer,
            false,
            Narrative,
            F,
        ),
        (
            "ordinary narrative: citizen denied",
            &citizen,
            false,
            Narrative,
            D,
        ),
    ];
    for (name, principal, protected, class, expected) in rows {
        assert_eq!(
            decide(principal, &scope(protected), class),
            expected,
            "{name}"
        );
    }
}

#[test]
fn roles_round_trip_through_claims() {
    for role in Role::ALL {
        assert_eq!(Role::from_claim(role.as_claim()), Some(role));
    }
    assert_eq!(Role::from_claim("SUPERUSER"), None);
    assert_eq!(Role::from_claim("station_officer"), None);
}

#[test]
fn court_and_custody_records() {
    let court = "/IN/MH/MH-PUN/MH-PUN-CT01/";
    let prison = "/IN/MH/MH-PUN/MH-PUN-PR1/";
    let scope = CourtScope { court_path: court };
    let custody = CustodyScope {
        prison_path: prison,
        court_path: Some(court),
    };
    let unlinked = CustodyScope {
        prison_path: prison,
        court_path: None,
    };
    let rows: Vec<(&str, Principal, Access, Access)> = vec![
        ("anonymous", Principal::anonymous(), D, D),
        (
            "any police",
            who(Role::StationOfficer, OTHER_STATE, None),
            F,
            F,
        ),
        ("the court", who(Role::Court, court, None), F, F),
        (
            "another court",
            who(Role::Court, "/IN/MH/MH-NAG/MH-NAG-CT01/", None),
            D,
            D,
        ),
        (
            "prosecutor in the district",
            who(Role::Prosecutor, "/IN/MH/MH-PUN/MH-PUN-PO1/", None),
            F,
            D,
        ),
        (
            "prosecutor elsewhere",
            who(Role::Prosecutor, "/IN/KA/KA-BLR/KA-BLR-PO1/", None),
            D,
            D,
        ),
        ("the prison", who(Role::Prison, prison, None), D, F),
        (
            "another prison",
            who(Role::Prison, "/IN/MH/MH-NAG/MH-NAG-PR1/", None),
            D,
            D,
        ),
        ("auditor", who(Role::Auditor, "/IN/", None), D, D),
        ("admin", who(Role::Admin, "/IN/", None), D, D),
        ("citizen", who(Role::Citizen, STATION, None), D, D),
    ];
    for (name, principal, court_expected, custody_expected) in rows {
        assert_eq!(
            court_record(&principal, &scope),
            court_expected,
            "{name}: court"
        );
        assert_eq!(
            custody_record(&principal, &custody),
            custody_expected,
            "{name}: custody"
        );
    }
    let court_clerk = who(Role::Court, court, None);
    assert_eq!(
        custody_record(&court_clerk, &unlinked),
        D,
        "court without a linked case"
    );
}

/// A shield's reach is `decide` in SQL-ready form: for every caller that may list persons
/// and every FIR, the reach covers the FIR exactly when the field class that lifts the
/// shield is granted in full.
#[test]
fn shield_reach_agrees_with_decide() {
    let paths = [STATION, OTHER_STATION, DISTRICT, OTHER_STATE, "/IN/"];
    let officers = [Some(IO), Some(7), None];
    let shields = [
        (Shield::ChildInConflictWithLaw, FieldClass::ChildIdentity),
        (Shield::ProtectedVictim, FieldClass::VictimIdentity),
    ];
    let mut checked = 0;
    for role in Role::ALL {
        for path in paths {
            for officer in officers {
                let caller = who(role, path, officer);
                if !sees_sensitive_headers(&caller) {
                    continue;
                }
                for (shield, class) in shields {
                    let reach = shield_reach(&caller, shield);
                    for io in [Some(IO), None] {
                        let record = RecordScope {
                            station_path: STATION,
                            io_officer_id: io,
                            victim_protected: true,
                            court_paths: &[],
                        };
                        assert_eq!(
                            reach.covers(&record),
                            decide(&caller, &record, class) == Access::Full,
                            "{role:?} at {path} (officer {officer:?}), {shield:?}, IO {io:?}"
                        );
                        checked += 1;
                    }
                }
            }
        }
    }
    assert_eq!(checked, 5 * 5 * 3 * 2 * 2);
    assert!(shield_reach(&Principal::anonymous(), Shield::ProtectedVictim).is_empty());
}

/// Courts and prosecutors on a case see all of it but the case diary, victim identity
/// included; the same roles elsewhere see nothing of it.
#[test]
fn court_and_prosecutor_on_the_case() {
    const COURT: &str = "/IN/MH/MH-PUN/MH-PUN-DC1/";
    let courts = [COURT.to_owned()];
    let before_court = RecordScope {
        station_path: STATION,
        io_officer_id: Some(IO),
        victim_protected: true,
        court_paths: &courts,
    };
    let not_in_court = RecordScope {
        court_paths: &[],
        ..before_court
    };
    let the_court = who(Role::Court, COURT, None);
    let other_court = who(Role::Court, "/IN/MH/MH-MUM/MH-MUM-DC1/", None);
    let district_prosecutor = who(Role::Prosecutor, DISTRICT, None);
    let other_prosecutor = who(Role::Prosecutor, "/IN/MH/MH-MUM/", None);
    use FieldClass::*;
    for class in [
        Header,
        PoliceRestricted,
        Personal,
        VictimIdentity,
        Narrative,
    ] {
        for (who, caller) in [("court", &the_court), ("prosecutor", &district_prosecutor)] {
            assert_eq!(
                decide(caller, &before_court, class),
                F,
                "{who} on the case, {class:?}"
            );
            assert_eq!(
                decide(caller, &not_in_court, class),
                D,
                "{who} before filing, {class:?}"
            );
        }
        for (who, caller) in [
            ("other court", &other_court),
            ("other prosecutor", &other_prosecutor),
        ] {
            assert_eq!(decide(caller, &before_court, class), D, "{who}, {class:?}");
        }
    }
    for caller in [&the_court, &district_prosecutor] {
        assert_eq!(
            decide(caller, &before_court, Investigative),
            D,
            "no case diary"
        );
    }
    assert!(
        needs_court_paths(&the_court) && !needs_court_paths(&who(Role::Supervisor, DISTRICT, None))
    );
}

/// Write authority: every rule's grant and its denial.
#[test]
fn write_authority() {
    const COURT: &str = "/IN/MH/MH-PUN/MH-PUN-DC1/";
    const PRISON: &str = "/IN/MH/MH-PUN/MH-PUN-PR1/";
    let station_record = WriteTarget::StationRecord {
        station_path: STATION,
        io_officer_id: Some(IO),
    };
    let investigation = WriteTarget::Investigation {
        station_path: STATION,
    };
    let court_record = WriteTarget::CourtRecord { court_path: COURT };
    let custody = WriteTarget::CustodyRecord {
        prison_path: PRISON,
    };
    let complaint = WriteTarget::Complaint {
        station_path: STATION,
        new_with_contact: true,
    };
    let handling = WriteTarget::Complaint {
        station_path: STATION,
        new_with_contact: false,
    };
    let rows: Vec<(&str, Principal, WriteTarget<'_>, bool)> = vec![
        (
            "constable of the owning station writes its FIR",
            who(Role::StationOfficer, STATION, Some(7)),
            station_record,
            true,
        ),
        (
            "SHO of the owning station writes its FIR",
            who(Role::StationHouseOfficer, STATION, Some(9)),
            station_record,
            true,
        ),
        (
            "the case's IO writes it from elsewhere",
            who(Role::InvestigatingOfficer, OTHER_STATION, Some(IO)),
            station_record,
            true,
        ),
        (
            "another station's officer may not",
            who(Role::StationOfficer, OTHER_STATION, Some(8)),
            station_record,
            false,
        ),
        (
            "another station's SHO may not",
            who(Role::StationHouseOfficer, OTHER_STATION, Some(10)),
            station_record,
            false,
        ),
        (
            "a supervisor over the station may not edit the FIR",
            who(Role::Supervisor, DISTRICT, Some(11)),
            station_record,
            false,
        ),
        (
            "an analyst may not",
            who(Role::Analyst, "/IN/", Some(IO)),
            station_record,
            false,
        ),
        (
            "a court may not write police records",
            who(Role::Court, COURT, None),
            station_record,
            false,
        ),
        (
            "the owning SHO assigns the IO",
            who(Role::StationHouseOfficer, STATION, Some(9)),
            investigation,
            true,
        ),
        (
            "a supervisor over the station assigns the IO",
            who(Role::Supervisor, DISTRICT, Some(11)),
            investigation,
            true,
        ),
        (
            "a supervisor elsewhere may not",
            who(Role::Supervisor, OTHER_STATE, Some(12)),
            investigation,
            false,
        ),
        (
            "a constable may not assign",
            who(Role::StationOfficer, STATION, Some(7)),
            investigation,
            false,
        ),
        (
            "another station's SHO may not assign",
            who(Role::StationHouseOfficer, OTHER_STATION, Some(10)),
            investigation,
            false,
        ),
        (
            "the court writes its records",
            who(Role::Court, COURT, None),
            court_record,
            true,
        ),
        (
            "a district court establishment writes its courts' records",
            who(Role::Court, DISTRICT, None),
            court_record,
            true,
        ),
        (
            "another court may not",
            who(Role::Court, "/IN/MH/MH-MUM/MH-MUM-DC1/", None),
            court_record,
            false,
        ),
        (
            "a prosecutor may not write court records",
            who(Role::Prosecutor, DISTRICT, None),
            court_record,
            false,
        ),
        (
            "police may not write court records",
            who(Role::Supervisor, "/IN/", Some(12)),
            court_record,
            false,
        ),
        (
            "the prison writes its custody records",
            who(Role::Prison, PRISON, None),
            custody,
            true,
        ),
        (
            "another prison may not",
            who(Role::Prison, "/IN/MH/MH-MUM/MH-MUM-PR1/", None),
            custody,
            false,
        ),
        (
            "a court may not write custody records",
            who(Role::Court, COURT, None),
            custody,
            false,
        ),
        (
            "a citizen files a complaint",
            who(Role::Citizen, "/IN/", None),
            complaint,
            true,
        ),
        (
            "the station receives a complaint",
            who(Role::StationOfficer, STATION, Some(7)),
            complaint,
            true,
        ),
        (
            "another station may not receive it",
            who(Role::StationOfficer, OTHER_STATION, Some(8)),
            complaint,
            false,
        ),
        (
            "an administrator maintains reference data",
            who(Role::Admin, "/IN/", None),
            WriteTarget::ReferenceData,
            true,
        ),
        (
            "a DGP may not",
            who(Role::Supervisor, "/IN/", Some(12)),
            WriteTarget::ReferenceData,
            false,
        ),
        (
            "an administrator writes no case data",
            who(Role::Admin, "/IN/", None),
            station_record,
            false,
        ),
        (
            "an auditor writes nothing",
            who(Role::Auditor, "/IN/", None),
            complaint,
            false,
        ),
        (
            "anonymous callers file complaints with contact details",
            Principal::anonymous(),
            complaint,
            true,
        ),
        (
            "anonymous callers write nothing else",
            Principal::anonymous(),
            handling,
            false,
        ),
        (
            "a citizen does not handle complaints",
            who(Role::Citizen, "/IN/", None),
            handling,
            false,
        ),
        (
            "the station handles its complaints",
            who(Role::StationHouseOfficer, STATION, Some(9)),
            handling,
            true,
        ),
        (
            "anonymous callers write no FIR",
            Principal::anonymous(),
            station_record,
            false,
        ),
    ];
    for (rule, principal, target, allowed) in &rows {
        assert_eq!(may_write(principal, target), *allowed, "{rule}");
        let result = require_write(principal, target);
        assert_eq!(result.is_ok(), *allowed, "{rule}");
        if let Err(e) = result {
            assert_eq!(e.code, crate::error::ErrorCode::Forbidden, "{rule}");
        }
    }
}

/// Auditors only; an auditor at the national root reads every record, any other the
/// records of actors in their own subtree.
#[test]
fn audit_reach_is_the_auditors_subtree() {
    assert_eq!(
        audit_reach(&who(Role::Auditor, "/IN/", None)),
        Some(AuditReach::Everything)
    );
    assert_eq!(
        audit_reach(&who(Role::Auditor, "/IN/MH/", None)),
        Some(AuditReach::ActorsUnder("/IN/MH/".into()))
    );
    for role in Role::ALL.into_iter().filter(|r| *r != Role::Auditor) {
        assert_eq!(audit_reach(&who(role, "/IN/", Some(1))), None, "{role:?}");
    }
    assert_eq!(audit_reach(&Principal::anonymous()), None);
}

/// What each role may list of each register, as the policy scopes it: `all`, `station`
/// (their own station), `units` (their subtree's units), `courts` (cases before their
/// subtree's courts), `office` (their office's units and, for courts and prosecutors, the
/// cases before their courts), `own` (what they filed), `-` (refused).
#[test]
fn listing_matrix() {
    use Register::{Complaints, CrimeStatistics, CustodyRecords, Events};
    let registers = [CustodyRecords, Complaints, CrimeStatistics, Events];
    #[rustfmt::skip]
    let rows: [(Role, [&str; 4]); 11] = [
        //                              custody   complaints  statistics  events
        (Role::Citizen,                 ["-",      "own",      "-",        "own"]),
        (Role::StationOfficer,          ["all",    "station",  "-",        "all"]),
        (Role::InvestigatingOfficer,    ["all",    "station",  "-",        "all"]),
        (Role::StationHouseOfficer,     ["all",    "station",  "-",        "all"]),
        (Role::Supervisor,              ["all",    "units",    "units",    "all"]),
        (Role::Analyst,                 ["all",    "-",        "units",    "all"]),
        (Role::Court,                   ["courts", "-",        "-",        "office"]),
        (Role::Prosecutor,              ["-",      "-",        "-",        "office"]),
        (Role::Prison,                  ["units",  "-",        "-",        "office"]),
        (Role::Auditor,                 ["-",      "-",        "-",        "-"]),
        (Role::Admin,                   ["-",      "-",        "-",        "-"]),
    ];
    assert_eq!(
        rows.map(|(role, _)| role),
        Role::ALL,
        "every role has a row"
    );
    let kind = |scope: &crate::error::ApiResult<ListScope>| match scope {
        Ok(ListScope::Everything) => "all",
        Ok(ListScope::Station(_)) => "station",
        Ok(ListScope::UnitsUnder(_)) => "units",
        Ok(ListScope::CourtsUnder(_)) => "courts",
        Ok(ListScope::Office { .. }) => "office",
        Ok(ListScope::Own { .. }) => "own",
        Err(e) => {
            assert_eq!(e.code, crate::error::ErrorCode::Forbidden, "{e:?}");
            "-"
        }
    };
    for (role, expected) in rows {
        let principal = who(role, STATION, Some(IO));
        for (register, expected) in registers.iter().zip(expected) {
            let scope = ListScope::of(&principal, *register);
            assert_eq!(kind(&scope), expected, "{role:?} listing {register:?}");
        }
    }
    for register in registers {
        assert_eq!(kind(&ListScope::of(&Principal::anonymous(), register)), "-");
    }
}

/// The scopes carry the caller's own place: their station, their subtree, their own
/// filings; a prosecutor's office receives the events of its district's courts.
#[test]
fn list_scopes_are_the_callers_own() {
    let at = |role, path: &str| who(role, path, None);
    assert_eq!(
        ListScope::of(
            &at(Role::StationHouseOfficer, STATION),
            Register::Complaints
        )
        .unwrap(),
        ListScope::Station(1)
    );
    assert_eq!(
        ListScope::of(&at(Role::Supervisor, DISTRICT), Register::Complaints).unwrap(),
        ListScope::UnitsUnder(DISTRICT.into())
    );
    assert_eq!(
        ListScope::of(&at(Role::Citizen, "/IN/"), Register::Complaints).unwrap(),
        ListScope::Own { sub: "x".into() }
    );
    assert_eq!(
        ListScope::of(
            &at(Role::Prosecutor, "/IN/MH/MH-PUN/MH-PUN-PO1/"),
            Register::Events
        )
        .unwrap(),
        ListScope::Office {
            units: "/IN/MH/MH-PUN/MH-PUN-PO1/".into(),
            courts: Some(DISTRICT.into()),
        }
    );
    assert_eq!(
        ListScope::of(&at(Role::Prosecutor, "/IN/MH/"), Register::Events).unwrap(),
        ListScope::Office {
            units: "/IN/MH/".into(),
            courts: Some("/IN/MH/".into()),
        }
    );
    assert_eq!(
        ListScope::of(&at(Role::Court, OTHER_STATE), Register::CustodyRecords).unwrap(),
        ListScope::CourtsUnder(OTHER_STATE.into())
    );
    assert!(reaches_cases_through_courts(&at(Role::Court, STATION)));
    assert!(reaches_cases_through_courts(&at(Role::Prosecutor, STATION)));
    assert!(!reaches_cases_through_courts(&at(Role::Prison, STATION)));
    assert!(!reaches_cases_through_courts(&Principal::anonymous()));
}
