//! `crimeStatistics`: counts computed by the database agree with the data, rows stay
//! inside the caller's subtree, only supervisors and analysts may ask, and no count
//! small enough to single someone out is shown, nor recoverable from a total.

use gateway::config::RouterOptions;
use schema::SchemaOptions;
use serde_json::{Value, json};
use tests::{Backend, TestApp, error_code, on_both};

const STATISTICS: &str = "query($groupBy: [StatisticsDimension!]!, $filter: StatisticsFilter) { \
    crimeStatistics(groupBy: $groupBy, filter: $filter) { keys { dimension value } \
    state { code } district { code } station { code } month act section status crimeHead \
    firs chargesheeted closed chargesheetRate pendingOver60Days pendingOver90Days \
    suppressed cells { measure value display suppressed } } }";

/// The count fields of a row, in the order of `StatisticsMeasure`.
const COUNTS: [&str; 5] = [
    "firs",
    "chargesheeted",
    "closed",
    "pendingOver60Days",
    "pendingOver90Days",
];

/// A gateway over the demo data whose statistics show every count (suppression off:
/// `CCTNS_STATISTICS_MIN_CELL=1`), to check the counting itself.
async fn exact(backend: Backend) -> TestApp {
    let options = RouterOptions {
        schema: SchemaOptions {
            statistics_min_cell: 1,
            ..SchemaOptions::default()
        },
        ..tests::unlimited()
    };
    TestApp::with_demo_data_and(backend, options).await
}

async fn statistics(app: &TestApp, token: &str, group_by: Value, filter: Value) -> Vec<Value> {
    let data = app
        .data(
            Some(token),
            STATISTICS,
            json!({ "groupBy": group_by, "filter": filter }),
        )
        .await;
    data["crimeStatistics"].as_array().unwrap().clone()
}

fn sum(rows: &[Value], field: &str) -> i64 {
    rows.iter().map(|r| r[field].as_i64().unwrap()).sum()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    app.text(&format!(
        "SELECT CAST(COUNT(*) AS TEXT) FROM ({sql}) counted"
    ))
    .await
    .parse()
    .unwrap()
}

/// FIRs counted (not transferred away), of stations under `path`.
fn firs_under(path: &str) -> String {
    format!(
        "SELECT f.id FROM fir f JOIN org_unit u ON u.id = f.station_id \
         WHERE f.transferred_to_fir_id IS NULL AND u.path LIKE '{path}%'"
    )
}

async fn counts_agree_with_the_data(backend: Backend) {
    let app = exact(backend).await;
    let analyst = app.token("ANALYST", "IN", "stats.analyst");
    let all = firs_under("/IN/");
    let firs = count(&app, &all).await;
    let chargesheeted = count(
        &app,
        &format!(
            "{all} AND EXISTS (SELECT 1 FROM police_case c JOIN final_report r ON r.case_id = c.id \
         WHERE c.fir_id = f.id AND r.kind = 'CHARGESHEET')"
        ),
    )
    .await;
    assert!(
        firs > 100 && chargesheeted > 0,
        "{firs} FIRs, {chargesheeted} chargesheeted"
    );

    // One row for everything.
    let total = statistics(&app, &analyst, json!([]), Value::Null).await;
    assert_eq!(total.len(), 1);
    assert!(total[0]["keys"].as_array().unwrap().is_empty());
    assert_eq!(total[0]["firs"], firs);
    assert_eq!(total[0]["chargesheeted"], chargesheeted);
    let closed = total[0]["closed"].as_i64().unwrap();
    let rate = total[0]["chargesheetRate"].as_f64().unwrap();
    assert!((rate - chargesheeted as f64 / (chargesheeted + closed) as f64).abs() < 1e-3);
    let p60 = total[0]["pendingOver60Days"].as_i64().unwrap();
    let p90 = total[0]["pendingOver90Days"].as_i64().unwrap();
    assert!(p60 >= p90 && p60 > 0, "{p60} ≥ {p90}");
    // Pendency agrees with the FIRs, though its cutoffs fall inside tallied months.
    let registered = app.epoch_seconds("f.registered_at");
    let now = chrono::Utc::now().timestamp();
    for (days, reported) in [(60, p60), (90, p90)] {
        let pending = count(&app, &format!(
            "{all} AND {registered} < {} AND EXISTS (SELECT 1 FROM police_case c WHERE c.fir_id = f.id \
             AND c.status IN ('REGISTERED', 'UNDER_INVESTIGATION'))", now - days * 86_400)).await;
        assert_eq!(reported, pending, "pending over {days} days");
    }
    // A window with ragged ends: whole months from the tally, the ends from the FIRs.
    let epoch = |at: &str| {
        chrono::DateTime::parse_from_rfc3339(at)
            .unwrap()
            .timestamp()
    };
    for (from, to) in [
        ("2025-01-10T05:00:00Z", "2025-07-20T12:00:00Z"),
        ("2025-03-02T00:00:00Z", "2025-03-20T00:00:00Z"),
        ("2024-12-31T18:30:00Z", "2026-02-28T18:30:00Z"),
    ] {
        let rows = statistics(
            &app,
            &analyst,
            json!(["MONTH", "STATUS"]),
            json!({ "registeredFrom": from, "registeredTo": to }),
        )
        .await;
        let inside = count(
            &app,
            &format!(
                "{all} AND {registered} >= {} AND {registered} < {}",
                epoch(from),
                epoch(to)
            ),
        )
        .await;
        assert!(inside > 0, "FIRs between {from} and {to}");
        assert_eq!(sum(&rows, "firs"), inside, "{from} – {to}");
    }

    // Every grouping partitions the same FIRs.
    for group_by in [
        json!(["STATE"]),
        json!(["DISTRICT"]),
        json!(["STATION"]),
        json!(["MONTH"]),
        json!(["STATUS"]),
        json!(["STATE", "MONTH", "STATUS"]),
    ] {
        let rows = statistics(&app, &analyst, group_by.clone(), Value::Null).await;
        assert_eq!(sum(&rows, "firs"), firs, "{group_by}");
        assert_eq!(sum(&rows, "chargesheeted"), chargesheeted, "{group_by}");
        assert_eq!(sum(&rows, "pendingOver90Days"), p90, "{group_by}");
    }
    let months = statistics(&app, &analyst, json!(["MONTH"]), Value::Null).await;
    for row in &months {
        let month = row["month"].as_str().unwrap();
        assert!(month.len() == 7 && &month[4..5] == "-", "{month}");
        assert!(row["state"].is_null());
    }
    let states = statistics(&app, &analyst, json!(["STATE"]), Value::Null).await;
    for row in &states {
        let code = row["state"]["code"].as_str().unwrap();
        assert_eq!(
            row["keys"][0],
            json!({ "dimension": "STATE", "value": code })
        );
        assert_eq!(
            row["firs"],
            count(&app, &firs_under(&format!("/IN/{code}/"))).await,
            "{code}"
        );
    }

    // By section: an FIR counts once under each of its live charges.
    let theft = count(&app, &format!(
        "{all} AND EXISTS (SELECT 1 FROM charge c WHERE c.fir_id = f.id AND c.removed_at IS NULL \
         AND c.act = 'BNS' AND c.section = '303(2)')")).await;
    let sections = statistics(&app, &analyst, json!(["ACT_SECTION"]), Value::Null).await;
    let row = sections
        .iter()
        .find(|r| r["act"] == "BNS" && r["section"] == "303(2)")
        .expect("BNS 303(2)");
    assert_eq!(row["firs"], theft);
    let heads = statistics(&app, &analyst, json!(["CRIME_HEAD"]), Value::Null).await;
    assert!(heads.iter().any(|r| r["crimeHead"] == "THEFT"), "{heads:?}");
    app.assert_tally_agrees().await;
}
on_both!(counts_agree_with_the_data);

async fn statistics_stay_inside_the_callers_subtree(backend: Backend) {
    let app = exact(backend).await;
    let supervisor = app.token("SUPERVISOR", "MH-PUN", "stats.sp");
    let rows = statistics(
        &app,
        &supervisor,
        json!(["DISTRICT", "STATION"]),
        Value::Null,
    )
    .await;
    assert!(!rows.is_empty());
    for row in &rows {
        assert_eq!(row["district"]["code"], "MH-PUN", "{row}");
    }
    let district = app
        .text("SELECT path FROM org_unit WHERE code = 'MH-PUN'")
        .await;
    assert_eq!(
        sum(&rows, "firs"),
        count(&app, &firs_under(&district)).await
    );
    // Narrowing inside the subtree is allowed; reaching outside it is not.
    let station = rows[0]["station"]["code"].as_str().unwrap().to_owned();
    let narrowed = statistics(&app, &supervisor, json!([]), json!({ "unitCode": station })).await;
    assert_eq!(narrowed[0]["firs"], rows[0]["firs"]);
    let (_, body) = app
        .graphql(
            Some(&supervisor),
            STATISTICS,
            json!({ "groupBy": [], "filter": { "unitCode": "KA" } }),
        )
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
    // A date window counts only FIRs registered inside it.
    let window =
        json!({ "registeredFrom": "2025-01-01T00:00:00Z", "registeredTo": "2025-07-01T00:00:00Z" });
    let inside = statistics(&app, &supervisor, json!(["MONTH"]), window).await;
    for row in &inside {
        let month = row["month"].as_str().unwrap();
        assert!(("2025-01".."2025-08").contains(&month), "{month}");
    }
    let (_, body) = app.graphql(Some(&supervisor), STATISTICS, json!({ "groupBy": [],
        "filter": { "registeredFrom": "2025-07-01T00:00:00Z", "registeredTo": "2025-01-01T00:00:00Z" } })).await;
    assert_eq!(error_code(&body), Some("BAD_USER_INPUT"), "{body}");

    for role in [
        "STATION_OFFICER",
        "STATION_HOUSE_OFFICER",
        "INVESTIGATING_OFFICER",
        "CITIZEN",
        "COURT",
        "AUDITOR",
        "ADMIN",
    ] {
        let (_, body) = app
            .graphql(
                Some(&app.token(role, &app.unit_for(role).await, "x")),
                STATISTICS,
                json!({ "groupBy": ["STATE"] }),
            )
            .await;
        assert_eq!(error_code(&body), Some("FORBIDDEN"), "{role}: {body}");
    }
    let (_, body) = app
        .graphql(None, STATISTICS, json!({ "groupBy": ["STATE"] }))
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "anonymous: {body}");
}
on_both!(statistics_stay_inside_the_callers_subtree);

/// Asserts no count of `rows` could single someone out: each is shown as 0 or at least
/// 5, or is suppressed (null, flagged, and printed `suppressed`).
fn assert_no_small_count(rows: &[Value]) {
    for row in rows {
        let cells = row["cells"].as_array().unwrap();
        for (field, cell) in COUNTS.iter().zip(cells) {
            let value = &row[*field];
            assert_eq!(&cell["value"], value, "{row}");
            match value.as_i64() {
                Some(count) => assert!(count == 0 || count >= 5, "{field} = {count}: {row}"),
                None => assert!(
                    cell["suppressed"] == true && cell["display"] == "suppressed",
                    "{row}"
                ),
            }
        }
        let any = cells.iter().any(|cell| cell["suppressed"] == true);
        assert_eq!(row["suppressed"], any, "{row}");
    }
}

/// Issue 18, 11a: an analyst groups finely enough that a cell holds one case, then
/// subtracts the cells shown from the total to recover the one withheld.
async fn small_counts_are_suppressed_and_not_recoverable_from_totals(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let analyst = app.token("ANALYST", "IN", "stats.attacker");
    // The truth: at some station, a case status holds 1 to 4 FIRs.
    let station = app
        .text(
            "SELECT u.code FROM fir f JOIN org_unit u ON u.id = f.station_id \
        JOIN police_case c ON c.fir_id = f.id WHERE f.transferred_to_fir_id IS NULL \
        GROUP BY u.code, c.status HAVING COUNT(*) BETWEEN 1 AND 4 ORDER BY u.code LIMIT 1",
        )
        .await;

    // The attempt, first: fine groupings, nationally and at that station.
    let fine = statistics(
        &app,
        &analyst,
        json!(["STATION", "CRIME_HEAD"]),
        Value::Null,
    )
    .await;
    assert_no_small_count(&fine);
    assert!(
        fine.iter().any(|row| row["suppressed"] == true),
        "the demo data has small cells"
    );
    let filter = json!({ "unitCode": station });
    let by_status = statistics(&app, &analyst, json!(["STATUS"]), filter.clone()).await;
    assert_no_small_count(&by_status);
    assert!(
        by_status.iter().any(|row| row["firs"].is_null()),
        "{station}: {by_status:#?}"
    );
    // A rate would give its counts back: none is shown over a suppressed count.
    for row in &by_status {
        if row["chargesheeted"].is_null() || row["closed"].is_null() {
            assert!(row["chargesheetRate"].is_null(), "{row}");
        }
    }

    // Then: the station's total, less the cells shown, is what was withheld. It is
    // never one cell, and never a small number.
    let total = &statistics(&app, &analyst, json!([]), filter).await[0];
    assert_no_small_count(std::slice::from_ref(total));
    for field in COUNTS {
        let Some(total) = total[field].as_i64() else {
            continue;
        };
        let shown: i64 = by_status.iter().filter_map(|row| row[field].as_i64()).sum();
        let withheld = by_status.iter().filter(|row| row[field].is_null()).count();
        let recovered = total - shown;
        assert!(
            withheld == 0 || (withheld >= 2 && recovered >= 5),
            "{field}: {withheld} withheld cells, total less the shown ones = {recovered}: {by_status:#?}"
        );
    }
}
on_both!(small_counts_are_suppressed_and_not_recoverable_from_totals);
