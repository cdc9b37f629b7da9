//! Every request fixture, answered at its own timestamp from the fixture schedule, matches its reviewed snapshot
//! and obeys Alexa's response rules. The check is a function of the store, so every store runs the same fixtures.

use std::path::{Path, PathBuf};

use onair::alexa::RequestEnvelope;
use onair::schedule::{Lineup, parse_schedule_json};
use onair::skill::{DeviceZones, Skill};
use onair::storage::{InMemorySchedule, MediaLinks, PlaybackStateStore, ScheduleStore};
use serde_json::Value;

/// The folder of request fixtures.
pub(crate) fn requests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/requests")
}

/// The schedule every request fixture is answered from.
pub(crate) fn fixture_schedule_json() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schedules/default.json");
    std::fs::read_to_string(path).expect("fixture schedule is readable")
}

/// The fixture schedule in memory.
pub(crate) fn fixture_store() -> InMemorySchedule {
    let parsed = parse_schedule_json(&fixture_schedule_json()).expect("fixture schedule parses");
    assert!(
        parsed.rejected.is_empty(),
        "fixture schedule has rejected events: {:?}",
        parsed.rejected
    );
    InMemorySchedule::new(Lineup::new(parsed.specs))
}

/// A request fixture by name (without `.json`).
pub(crate) fn fixture(name: &str) -> Value {
    let path = requests_dir().join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("fixture is JSON")
}

/// Answers an envelope (as JSON) at its own timestamp, failing the test on any response-guard violation.
pub(crate) fn answer_with<S, M, Z, P>(skill: &Skill<S, M, Z, P>, envelope: &Value) -> Value
where
    S: ScheduleStore,
    M: MediaLinks,
    Z: DeviceZones,
    P: PlaybackStateStore,
{
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(answer_async(skill, envelope))
}

/// Answers an envelope with the fixture schedule in memory.
pub(crate) fn answer(envelope: &Value) -> Value {
    answer_with(&Skill::new(fixture_store()), envelope)
}

/// Answers an envelope (as JSON) at its own timestamp inside a running runtime, failing on guard violations.
pub(crate) async fn answer_async<S, M, Z, P>(skill: &Skill<S, M, Z, P>, envelope: &Value) -> Value
where
    S: ScheduleStore,
    M: MediaLinks,
    Z: DeviceZones,
    P: PlaybackStateStore,
{
    let envelope: RequestEnvelope =
        serde_json::from_value(envelope.clone()).expect("envelope parses");
    let now = envelope.timestamp().expect("fixtures carry a timestamp");
    let answered = skill.answer_at(envelope, now).await;
    assert!(
        answered.violations.is_empty(),
        "response guard: {:?}",
        answered.violations
    );
    serde_json::to_value(answered.response).expect("response serializes")
}

/// Runs every request fixture against `store` and compares each response with its snapshot
/// (`tests/it/snapshots/replay__<fixture>.snap`, shared by every store).
pub(crate) async fn every_fixture_matches_its_snapshot<S: ScheduleStore>(store: S) {
    let skill = Skill::new(store);
    let mut files: Vec<PathBuf> = std::fs::read_dir(requests_dir())
        .expect("fixtures folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 40,
        "expected a fixture per behaviour, found {}",
        files.len()
    );
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings
        .bind_async(async {
            for file in &files {
                let stem = file
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .expect("file name");
                let envelope: Value =
                    serde_json::from_str(&std::fs::read_to_string(file).expect("readable"))
                        .expect("JSON");
                let response = answer_async(&skill, &envelope).await;
                insta::assert_json_snapshot!(format!("replay__{stem}"), response);
            }
        })
        .await;
}

#[tokio::test]
async fn every_request_fixture_matches_its_snapshot_in_memory() {
    every_fixture_matches_its_snapshot(fixture_store()).await;
}

/// `onair replay …` with the fixture schedule, run as a tester runs it.
fn replay(args: &[&str]) -> std::process::Output {
    let schedule = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/schedules/default.json"
    );
    std::process::Command::new(env!("CARGO_BIN_EXE_onair"))
        .args(["replay", "--schedule", schedule])
        .args(args)
        .env_remove("ONAIR_TABLE")
        .env_remove("RUST_LOG")
        .output()
        .expect("onair runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `onair replay --expect` as a tester runs it: the reviewed snapshots are the golden responses, a match prints
/// nothing but the summary, and a response that differs is shown as a path-by-path diff and fails the command.
#[test]
fn replay_expect_accepts_the_snapshots_and_rejects_a_difference() {
    let snapshots = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/snapshots");
    let request = requests_dir().join("play_live.json");
    let request = request.to_str().expect("utf-8 path");
    let output = replay(&["--expect", snapshots, request]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(output.stdout.is_empty(), "{}", text(&output.stdout));
    assert_eq!(
        text(&output.stderr).trim(),
        "1 request matches its golden response"
    );

    let golden = tempfile::tempdir().expect("temp dir");
    let mut expected: Value =
        serde_json::from_slice(&replay(&[request]).stdout).expect("the response is JSON");
    expected["response"]["outputSpeech"]["ssml"] = Value::from("<speak>Hello</speak>");
    std::fs::write(golden.path().join("play_live.json"), expected.to_string())
        .expect("golden written");
    let output = replay(&["--expect", golden.path().to_str().expect("utf-8"), request]);
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("response.outputSpeech.ssml: \"<speak>Hello</speak>\" → \"<speak>"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("\"version\""),
        "only the difference is shown: {stderr}"
    );
    assert!(stderr.contains("1 of 1 request failed"), "{stderr}");
}

/// The command a missing golden file's hint prints makes a golden file that then passes.
#[test]
fn the_golden_file_hint_makes_a_passing_golden_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let golden = dir.path().join("golden");
    let request = requests_dir().join("whats_on.json");
    let request = request.to_str().expect("utf-8 path");
    let golden_arg = golden.to_str().expect("utf-8 path");
    let output = replay(&[
        "--at",
        "2026-11-22T20:00:00Z",
        "--expect",
        golden_arg,
        request,
    ]);
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    let command = stderr
        .split_once("create it with: ")
        .and_then(|(_, rest)| rest.split_once(")\n"))
        .map(|(command, _)| command)
        .unwrap_or_else(|| panic!("a hint: {stderr}"));
    let command = command.replace("&& onair ", &format!("&& {} ", env!("CARGO_BIN_EXE_onair")));
    let status = std::process::Command::new("sh")
        .args(["-c", &command])
        .env_remove("ONAIR_TABLE")
        .status()
        .expect("sh runs");
    assert!(status.success(), "{command}");
    let output = replay(&[
        "--at",
        "2026-11-22T20:00:00Z",
        "--expect",
        golden_arg,
        request,
    ]);
    assert!(
        output.status.success(),
        "{command}: {}",
        text(&output.stderr)
    );
}

/// Golden responses made with another schedule differ everywhere in the same way: the command says so.
#[test]
fn goldens_from_another_schedule_get_a_hint() {
    let dir = tempfile::tempdir().expect("temp dir");
    let at = "2026-11-22T20:00:00Z";
    for name in ["whats_on.json", "launch.json"] {
        let request = requests_dir().join(name);
        // The demo lineup (no --schedule) made these goldens.
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_onair"))
            .args(["replay", "--at", at])
            .arg(&request)
            .env_remove("ONAIR_TABLE")
            .output()
            .expect("onair runs");
        std::fs::write(dir.path().join(name), &output.stdout).expect("golden written");
    }
    let requests: Vec<String> = ["whats_on.json", "launch.json"]
        .iter()
        .map(|n| requests_dir().join(n).display().to_string())
        .collect();
    let mut args = vec!["--at", at, "--expect", dir.path().to_str().expect("utf-8")];
    args.extend(requests.iter().map(String::as_str));
    let output = replay(&args);
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(stderr.contains("hint: every response differs"), "{stderr}");
    assert!(stderr.contains("--schedule"), "{stderr}");
    assert!(stderr.contains("2 of 2 requests failed"), "{stderr}");
}
