//! `onair test` as a tester runs it: the shipped conversation suite passes, a failing script is reported with a diff
//! and exit 1, and every shipped script validates against the schema `onair schema` writes.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn onair(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_onair"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("ONAIR_TABLE")
        .env_remove("RUST_LOG")
        .output()
        .expect("onair runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn scripts(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            scripts(&path, found);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            found.push(path);
        }
    }
}

/// The listener journeys in `tests/conversations/` (every locale) pass, and the JUnit report counts them.
#[test]
fn the_shipped_conversation_suite_passes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let junit = dir.path().join("junit.xml");
    let output = onair(&[
        "test",
        "tests/conversations",
        "--junit",
        junit.to_str().expect("utf-8"),
    ]);
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", text(&output.stderr));
    let mut found = Vec::new();
    scripts(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conversations"),
        &mut found,
    );
    assert!(
        found.len() >= 66,
        "a journey set per locale: {}",
        found.len()
    );
    let summary = format!("{} passed, 0 failed", found.len());
    assert_eq!(stdout.lines().last(), Some(summary.as_str()), "{stdout}");
    let xml = std::fs::read_to_string(&junit).expect("JUnit report written");
    assert!(
        xml.contains(&format!("tests=\"{}\" failures=\"0\"", found.len())),
        "{xml}"
    );
    for locale in ["en-US", "en-GB", "it-IT", "de-DE", "es-ES", "fr-FR"] {
        assert!(
            found
                .iter()
                .filter(|f| f.to_string_lossy().contains(locale))
                .count()
                >= 11,
            "{locale} has the main journeys"
        );
    }
}

/// A script whose expectations are wrong fails with the step, what the NLU heard and expected vs actual.
#[test]
fn a_failing_script_shows_the_difference_and_exits_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let script = dir.path().join("wrong.yaml");
    std::fs::write(
        &script,
        "name: wrong show\nlocale: en-US\nat: 2026-11-22T20:00:00Z\nsteps:\n  \
         - say: play the live show from radio uno\n    expect:\n      plays: { show: notte-uno }\n      \
         says: Nótte\n  - event: started\n",
    )
    .expect("script written");
    let output = onair(&["test", script.to_str().expect("utf-8")]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains(
            "FAIL   1 say \"play the live show from radio uno\" → PlayLiveShowIntent  source=\"radio uno\" (→ radio-uno)"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("plays: expected show notte-uno"),
        "{stdout}"
    );
    assert!(
        stdout.contains("actual: sera-uno@20261122T1700Z (live), REPLACE_ALL from 0 ms"),
        "{stdout}"
    );
    assert!(
        stdout.contains("says: expected the speech to contain \"Nótte\""),
        "{stdout}"
    );
    assert!(
        stdout.contains("skip   2 event AudioPlayer.PlaybackStarted"),
        "{stdout}"
    );
    assert_eq!(
        stdout.lines().last(),
        Some("0 passed, 1 failed"),
        "{stdout}"
    );
}

/// Speech checks ignore case and accents; a script's own mistakes (a misspelled key, two actions in a step, an
/// unknown locale) are reported as a failed script, not a crash.
#[test]
fn text_checks_fold_case_and_accents_and_bad_scripts_are_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = dir.path().join("a-good.yaml");
    std::fs::write(
        &good,
        "locale: it-IT\nat: 2026-11-22T20:00:00Z\nsteps:\n  - say: cosa c'è adesso\n    expect:\n      \
         says: [SERA UNO, \"A SÉGUIRE\"]\n      says_matching: \"sera uno.*notte uno\"\n      language: it-IT\n",
    )
    .expect("script written");
    let misspelled = dir.path().join("b-misspelled.yaml");
    std::fs::write(
        &misspelled,
        "at: 2026-11-22T20:00:00Z\nsteps:\n  - say: help\n    expect: { sayz: hello }\n",
    )
    .expect("script written");
    let two = dir.path().join("c-two-actions.yaml");
    std::fs::write(
        &two,
        "at: 2026-11-22T20:00:00Z\nsteps:\n  - say: help\n    wait: 5m\n",
    )
    .expect("script written");
    let locale = dir.path().join("d-locale.yaml");
    std::fs::write(
        &locale,
        "locale: en_US\nat: 2026-11-22T20:00:00Z\nsteps: []\n",
    )
    .expect("script written");
    let output = onair(&["test", dir.path().to_str().expect("utf-8")]);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("ok     1 say \"cosa c'è adesso\""),
        "{stdout}"
    );
    assert!(stdout.contains("sayz"), "{stdout}");
    assert!(
        stdout.contains("set exactly one of say, request, event, button, wait"),
        "{stdout}"
    );
    assert!(stdout.contains("did you mean en-US?"), "{stdout}");
    assert_eq!(
        stdout.lines().last(),
        Some("1 passed, 3 failed"),
        "{stdout}"
    );
}

/// Raw requests (a fixture path or inline JSON) run beside utterances; the response guard's verdict is checked
/// on every answer.
#[test]
fn raw_requests_run_from_a_fixture_or_inline() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/requests/launch.json");
    let script = dir.path().join("raw.yaml");
    std::fs::write(
        &script,
        format!(
            "at: 2026-11-22T20:00:00Z\nsteps:\n  - request: {}\n    expect: {{ heard: LaunchRequest, session: open }}\n  \
             - request:\n      version: \"1.0\"\n      context: {{ System: {{ application: {{ applicationId: x }}, \
             device: {{ deviceId: d, supportedInterfaces: {{ AudioPlayer: {{}} }} }}, user: {{ userId: u }} }} }}\n      \
             request: {{ type: SessionEndedRequest, requestId: r, locale: en-US, reason: USER_INITIATED }}\n    \
             expect: {{ silent: true, no_directive: true }}\n",
            fixture.display()
        ),
    )
    .expect("script written");
    let output = onair(&["test", script.to_str().expect("utf-8")]);
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.contains("→ SessionEndedRequest"), "{stdout}");
}

/// `onair schema` writes the script schema, and every shipped script is valid under it (editors use it).
#[test]
fn every_shipped_script_validates_against_the_written_schema() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = onair(&["schema", "--out", dir.path().to_str().expect("utf-8")]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("conversation.schema.json")).expect("written"),
    )
    .expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let mut found = Vec::new();
    scripts(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conversations"),
        &mut found,
    );
    for file in found {
        let script: Value =
            serde_norway::from_str(&std::fs::read_to_string(&file).expect("readable"))
                .expect("YAML");
        let errors: Vec<String> = validator
            .iter_errors(&script)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
    }
    let wrong: Value = serde_json::json!({ "at": "2026-11-22T20:00:00Z", "steps": [ { "say": "hi", "expect": { "sayz": "x" } } ] });
    assert!(
        !validator.is_valid(&wrong),
        "a misspelled key is caught by the schema"
    );
    let two_actions: Value = serde_json::json!({ "at": "2026-11-22T20:00:00Z", "steps": [ { "say": "hi", "wait": "5m" } ] });
    assert!(!validator.is_valid(&two_actions), "one action a step");
    let no_action: Value = serde_json::json!({ "at": "2026-11-22T20:00:00Z", "steps": [ { "expect": { "silent": true } } ] });
    assert!(!validator.is_valid(&no_action), "one action a step");
}

/// A tester may name the show by its title and write offsets as milliseconds, as Alexa counts them.
#[test]
fn a_show_by_title_and_offsets_in_milliseconds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let script = dir.path().join("title.yaml");
    std::fs::write(
        &script,
        "at: 2026-11-22T20:50:00Z\nsteps:\n  - say: play radio uno\n    expect:\n      \
         plays: { show: sera uno, offset: 0 }\n  - event: started\n  - event: nearly-finished\n    \
         offset: 540000\n    expect:\n      enqueues: { show: Notte Uno, expected_previous_token: playing }\n",
    )
    .expect("script written");
    let output = onair(&["test", script.to_str().expect("utf-8")]);
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(
        stdout.contains("event AudioPlayer.PlaybackNearlyFinished at 540000ms"),
        "{stdout}"
    );
}

/// `onair test --table` reads the schedule from DynamoDB (Local): the same script passes against the imported demo
/// lineup as against the embedded one.
#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn scripts_run_against_a_dynamodb_table() {
    let Some(db) = crate::support::dynamodb().await else {
        return;
    };
    let endpoint = std::env::var("ONAIR_TEST_DYNAMODB_ENDPOINT").expect("set by scripts/test");
    let table = crate::dynamo::events_table(&db).await;
    let at = "2026-11-22T20:00:00Z".parse().expect("instant");
    let summary = crate::dynamo::import(&db, &table, onair::schedule::DEMO_SCHEDULE_JSON, at).await;
    assert!(summary.rejected.is_empty(), "{:?}", summary.rejected);
    let output = Command::new(env!("CARGO_BIN_EXE_onair"))
        .args([
            "test",
            "--table",
            &table,
            "tests/conversations/en-US/whats-on-then-first.yaml",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("AWS_ENDPOINT_URL", &endpoint)
        .env("AWS_REGION", "us-east-1")
        .env_remove("RUST_LOG")
        .output()
        .expect("onair runs");
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", text(&output.stderr));
    assert_eq!(
        stdout.lines().last(),
        Some("1 passed, 0 failed"),
        "{stdout}"
    );
}
