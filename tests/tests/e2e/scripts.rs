//! India's scripts: parties recorded in six scripts, each found from Latin and from other
//! scripts, shown in any script (`nameIn`), ranked the same whatever script the query is
//! typed in; masked persons masked in every script; text with control characters or
//! bidirectional overrides refused with the field named and nothing written.

use serde_json::{Value, json};
use tests::{Backend, TestApp, error_code, on_both};

const STATION: &str = "MH-PUN-PS001";

const REGISTER: &str = "mutation($input: RegisterFirInput!) { \
    registerFir(input: $input) { parties { role person { id name latin: nameIn(script: LATIN) \
    tamil: nameIn(script: TAMIL) aliasesIn(script: DEVANAGARI) } } } }";

const SEARCH: &str = "query($name: String!) { \
    searchPersons(name: $name, first: 10) { score person { id name } } }";

/// The parties, one per script, and how officers elsewhere would type each name: in
/// Latin and in two or three other scripts.
const PARTIES: [(&str, &str, &[&str]); 6] = [
    (
        "COMPLAINANT",
        "सुरेंद्र प्रताप चौहान",
        &[
            "Surendra Pratap Chauhan",
            "ಸುರೇಂದ್ರ ಪ್ರತಾಪ್ ಚೌಹಾಣ್",
            "ਸੁਰਿੰਦਰ ਪ੍ਰਤਾਪ ਚੌਹਾਨ",
            "سریندر پرتاپ چوہان",
        ],
    ),
    (
        "WITNESS",
        "செந்தில் வேலவன்",
        &["Senthil Velavan", "सेंथिल वेलवन", "సెంథిల్ వేలవన్"],
    ),
    (
        "WITNESS",
        "প্রসেনজিৎ চৌধুরী",
        &["Prosenjit Chowdhury", "प्रसेनजीत चौधरी", "ପ୍ରସେନଜିତ ଚୌଧୁରୀ"],
    ),
    (
        "WITNESS",
        "ਹਰਪ੍ਰੀਤ ਕੌਰ ਢਿੱਲੋਂ",
        &[
            "Harpreet Kaur Dhillon",
            "हरप्रीत कौर ढिल्लों",
            "હરપ્રીત કૌર ઢિલ્લોં",
        ],
    ),
    (
        "ACCUSED",
        "ಮಂಜುನಾಥ ಪುಟ್ಟಸ್ವಾಮಿ ಗೌಡ",
        &[
            "Manjunatha Puttaswamy Gowda",
            "मंजुनाथ पुट्टस्वामी गौडा",
            "మంజునాథ పుట్టస్వామి గౌడ",
        ],
    ),
    (
        "ACCUSED",
        "عمران خان قریشی",
        &["Imran Khan Qureshi", "इमरान ख़ान क़ुरैशी", "ইমরান খান কুরেশি"],
    ),
];

fn fir(parties: Value, charges: Value) -> Value {
    json!({
        "stationCode": STATION,
        "type": "REGULAR",
        "occurredFrom": "2026-11-28T21:30:00Z",
        "place": "शिवाजी नगर बस स्थानक, पुणे",
        "narrative": "तक्रारदार यांनी सांगितले की गर्दीच्या बसमध्ये त्यांची पर्स चोरीला गेली.",
        "charges": charges,
        "parties": parties,
    })
}

fn theft() -> Value {
    json!([{ "act": "BNS", "section": "303(2)" }])
}

fn officer(app: &TestApp) -> String {
    app.token("STATION_OFFICER", STATION, "scripts.officer")
}

async fn search(app: &TestApp, token: &str, name: &str) -> Vec<Value> {
    let data = app.data(Some(token), SEARCH, json!({ "name": name })).await;
    data["searchPersons"].as_array().unwrap().clone()
}

async fn names_in_six_scripts_are_recorded_shown_and_found_from_other_scripts(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let token = officer(&app);
    let parties: Vec<Value> = PARTIES
        .iter()
        .map(|(role, name, _)| json!({ "role": role, "person": { "name": name, "sex": "MALE" } }))
        .collect();
    let data = app
        .data(
            Some(&token),
            REGISTER,
            json!({ "input": fir(json!(parties), theft()) }),
        )
        .await;
    let shown = data["registerFir"]["parties"].as_array().unwrap();
    for ((_, name, typed), party) in PARTIES.iter().zip(shown) {
        let person = &party["person"];
        // Shown as entered.
        assert_eq!(person["name"], *name);
        let id = person["id"].as_str().unwrap();
        for query in *typed {
            let hits = search(&app, &token, query).await;
            let at = hits.iter().position(|h| h["person"]["id"] == id);
            assert!(
                at.is_some_and(|r| r < 3),
                "{name} typed as {query}: at {at:?} in {hits:#?}"
            );
        }
    }
    // Read in another script: the Latin spelling an officer would expect.
    assert_eq!(shown[0]["person"]["latin"], "Surendra Pratap Chauhan");
    assert_eq!(shown[1]["person"]["tamil"], "செந்தில் வேலவன்");
    assert_eq!(shown[3]["person"]["latin"], "Harprit Kaur Dhillon");
    assert_eq!(shown[5]["person"]["latin"], "Amran Khan Qarishi");
    // The place and narrative are stored as written.
    let place = app
        .text("SELECT place_address FROM fir ORDER BY id DESC LIMIT 1")
        .await;
    assert_eq!(place, "शिवाजी नगर बस स्थानक, पुणे");
}
on_both!(names_in_six_scripts_are_recorded_shown_and_found_from_other_scripts);

async fn the_ranking_is_the_same_whatever_script_the_query_is_typed_in(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let token = officer(&app);
    let parties = json!([
        { "role": "COMPLAINANT", "person": { "name": "रमेश कुमार", "sex": "MALE", "aliases": ["Ramesh Kumar Yadav"] } },
        { "role": "ACCUSED", "person": { "name": "Ramesh Kumar", "sex": "MALE" } },
        { "role": "WITNESS", "person": { "name": "ரமேஷ் குமார்", "sex": "MALE" } },
    ]);
    let data = app
        .data(
            Some(&token),
            REGISTER,
            json!({ "input": fir(parties, theft()) }),
        )
        .await;
    let recorded: Vec<String> = data["registerFir"]["parties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["person"]["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        data["registerFir"]["parties"][0]["person"]["latin"],
        "Ramesh Kumar"
    );
    let alias = data["registerFir"]["parties"][0]["person"]["aliasesIn"][0]
        .as_str()
        .unwrap();
    assert!(alias.starts_with("रमेश "), "{alias}");
    let ids = |hits: &[Value]| -> Vec<String> {
        hits.iter()
            .map(|h| h["person"]["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let latin = ids(&search(&app, &token, "Ramesh Kumar").await);
    for id in &recorded {
        assert!(latin.contains(id), "{id} not found from Latin: {latin:?}");
    }
    for query in [
        "रमेश कुमार",
        "ரமேஷ் குமார்",
        "রমেশ কুমার",
        "ਰਮੇਸ਼ ਕੁਮਾਰ",
        "ರಮೇಶ್ ಕುಮಾರ್",
        "R. कुमार",
    ] {
        let hits = search(&app, &token, query).await;
        if query.starts_with("R.") {
            // Mixed input: an initial and a word in another script.
            assert!(
                ids(&hits).iter().any(|id| recorded.contains(id)),
                "{query}: {hits:#?}"
            );
            continue;
        }
        assert_eq!(ids(&hits), latin, "{query} ranks as Latin does");
    }
    // Urdu leaves short vowels unwritten: every Ramesh Kumar is still found, first.
    let urdu = ids(&search(&app, &token, "رمیش کمار").await);
    for id in &recorded {
        let at = urdu.iter().position(|u| u == id);
        assert!(at.is_some_and(|r| r < 10), "{id} from Urdu: {urdu:?}");
    }
}
on_both!(the_ranking_is_the_same_whatever_script_the_query_is_typed_in);

async fn a_masked_victim_is_masked_in_every_script(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let parties = json!([
        { "role": "VICTIM", "person": { "name": "आशा पवार", "sex": "FEMALE", "birthYear": 2012, "aliases": ["Asha"] } },
        { "role": "ACCUSED", "person": { "name": "राकेश जाधव", "sex": "MALE" } },
    ]);
    let charges = json!([{ "act": "BNS", "section": "64" }]);
    // The registering constable is not the SHO: the victim is a pseudonym in every script.
    let data = app
        .data(
            Some(&officer(&app)),
            REGISTER,
            json!({ "input": fir(parties, charges) }),
        )
        .await;
    let victim = &data["registerFir"]["parties"][0]["person"];
    assert_eq!(victim["name"], "Victim-1");
    assert_eq!(victim["latin"], "Victim-1");
    assert_eq!(victim["tamil"], "Victim-1");
    assert_eq!(victim["aliasesIn"], Value::Null);
    let accused = &data["registerFir"]["parties"][1]["person"];
    assert_eq!(accused["latin"], "Rakesh Jadhav");
}
on_both!(a_masked_victim_is_masked_in_every_script);

async fn count(app: &TestApp, table: &str) -> i64 {
    app.text(&format!("SELECT CAST(COUNT(*) AS TEXT) FROM {table}"))
        .await
        .parse()
        .unwrap()
}

async fn control_characters_and_bidi_overrides_are_refused_with_the_field_named(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let token = officer(&app);
    let before = (count(&app, "fir").await, count(&app, "person").await);
    let person =
        |name: &str| json!([{ "role": "COMPLAINANT", "person": { "name": name, "sex": "MALE" } }]);
    let cases = [
        ("रमेश\u{202E}कुमार", "input.parties[0].person.name"),
        ("Ramesh\u{0007}Kumar", "input.parties[0].person.name"),
        (
            "Ramesh\u{2066}Kumar\u{2069}",
            "input.parties[0].person.name",
        ),
        ("Ramesh\nKumar", "input.parties[0].person.name"),
        ("Ramesh \u{0A04}", "input.parties[0].person.name"),
    ];
    for (name, field) in cases {
        let (status, body) = app
            .graphql(
                Some(&token),
                REGISTER,
                json!({ "input": fir(person(name), theft()) }),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            error_code(&body),
            Some("BAD_USER_INPUT"),
            "{name:?}: {body}"
        );
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{body}");
    }
    // Inline in the document too, and in the narrative.
    let mut narrative = fir(person("Ramesh Kumar"), theft());
    narrative["narrative"] = json!("stolen \u{202D}evil");
    let (_, body) = app
        .graphql(Some(&token), REGISTER, json!({ "input": narrative }))
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "input.narrative",
        "{body}"
    );
    let inline = "query { searchPersons(name: \"Ram\u{202E}esh\") { score } }";
    let (_, body) = app.graphql(Some(&token), inline, json!({})).await;
    assert_eq!(error_code(&body), Some("BAD_USER_INPUT"), "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "name", "{body}");
    assert_eq!(
        (count(&app, "fir").await, count(&app, "person").await),
        before,
        "nothing written"
    );
    // Joiners are part of Indic spelling; text is stored composed (NFC).
    let data = app
        .data(
            Some(&token),
            REGISTER,
            json!({ "input": fir(person("ക്\u{200D}ഷേത്ര Jose\u{0301}"), theft()) }),
        )
        .await;
    assert_eq!(
        data["registerFir"]["parties"][0]["person"]["name"],
        "ക്\u{200D}ഷേത്ര Jos\u{00E9}"
    );
}
on_both!(control_characters_and_bidi_overrides_are_refused_with_the_field_named);

async fn missing_persons_and_bodies_described_in_indic_scripts_match(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let token = officer(&app);
    // Reported in Hindi; the body found by a station writing Marathi, a day later.
    let missing = app
        .data(
            Some(&token),
            "mutation($input: ReportMissingPersonInput!) { reportMissingPerson(input: $input) { id name marks } }",
            json!({ "input": {
                "stationCode": STATION, "name": "सुनीता देवी", "sex": "FEMALE", "ageYears": 31,
                "heightCm": 155, "marks": "बाएं हाथ पर त्रिशूल का गोदना",
                "missingSince": "2026-11-20T08:00:00Z", "lastSeenPlace": "स्वारगेट बस स्थानक",
            } }),
        )
        .await;
    let missing = &missing["reportMissingPerson"];
    assert_eq!(missing["name"], "सुनीता देवी");
    let body = app
        .data(
            Some(&token),
            "mutation($input: FoundDescriptionInput!) { registerUnidentifiedBody(input: $input) { id } }",
            json!({ "input": {
                "stationCode": STATION, "foundAt": "2026-11-21T06:30:00Z", "place": "मुठा कालव्याजवळ",
                "sex": "FEMALE", "ageMin": 28, "ageMax": 35, "heightCm": 156,
                "marks": "डाव्या हातावर त्रिशूल गोंदलेले",
            } }),
        )
        .await;
    let body_id = body["registerUnidentifiedBody"]["id"].as_str().unwrap();
    let data = app
        .data(
            Some(&token),
            "query($id: ID!) { matchMissingPerson(id: $id) { reasons body { id } } }",
            json!({ "id": missing["id"] }),
        )
        .await;
    let matches = data["matchMissingPerson"].as_array().unwrap();
    let found = matches.iter().find(|m| m["body"]["id"] == body_id);
    let reasons = found.map(|m| m["reasons"].to_string()).unwrap_or_default();
    assert!(
        reasons.contains("marks: trishul"),
        "the shared mark is found across Hindi and Marathi: {matches:#?}"
    );
}
on_both!(missing_persons_and_bodies_described_in_indic_scripts_match);
