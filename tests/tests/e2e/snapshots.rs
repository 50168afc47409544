//! Whole responses where the response is the point: what each role reads of one
//! protected FIR, field by field. One snapshot per role, the same for SQLite and
//! PostgreSQL (`tests/tests/e2e/snapshots/`; review a change with `cargo insta review`).

use serde_json::json;
use tests::{Backend, TestApp, on_both};

const READ: &str = "query($id: ID!) { fir(id: $id) { number type masked victimIdentityProtected \
    narrative place station { code } charges { act section } \
    parties { role code masked person { name sex birthYear phone address masked } } \
    case { diary { content } } } }";

/// A sexual-offence FIR of the demo data with a victim, a complainant and an accused.
async fn protected_fir(app: &TestApp) -> (i64, String) {
    app.row(
        "SELECT f.id, u.code FROM fir f JOIN org_unit u ON u.id = f.station_id \
         WHERE f.victim_identity_protected AND EXISTS (SELECT 1 FROM police_case c \
         JOIN case_diary_entry d ON d.case_id = c.id WHERE c.fir_id = f.id) \
         AND EXISTS (SELECT 1 FROM case_party v WHERE v.fir_id = f.id AND v.role = 'VICTIM') \
         AND EXISTS (SELECT 1 FROM case_party a WHERE a.fir_id = f.id AND a.role = 'ACCUSED') \
         ORDER BY f.id LIMIT 1",
    )
    .await
}

async fn each_role_reads_a_protected_fir_as_the_snapshots_show(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let (row, station) = protected_fir(&app).await;
    let elsewhere = if station.starts_with("KA") {
        "MH-PUN-PS001"
    } else {
        "KA-BLR-PS001"
    };
    let id = schema::ids::encode("Fir", row).0;
    let readers = [
        ("anonymous", None),
        (
            "sho_of_the_station",
            Some(app.token("STATION_HOUSE_OFFICER", &station, "snap.sho")),
        ),
        (
            "constable_elsewhere",
            Some(app.token("STATION_OFFICER", elsewhere, "snap.constable")),
        ),
        ("analyst", Some(app.token("ANALYST", "IN", "snap.analyst"))),
        ("citizen", Some(app.token("CITIZEN", "IN", "snap.citizen"))),
    ];
    for (reader, token) in readers {
        let (_, body) = app
            .graphql(token.as_deref(), READ, json!({ "id": id }))
            .await;
        // Keys sorted: async-graphql 7.2 writes an object's fields in the order they
        // finish resolving, not in the order of the selection.
        insta::with_settings!({ sort_maps => true }, {
            insta::assert_json_snapshot!(format!("protected_fir_read_by_{reader}"), body);
        });
    }
}
on_both!(each_role_reads_a_protected_fir_as_the_snapshots_show);
