//! `onair package`: an ASK CLI v2 package with the endpoint filled in and every interaction model, ready for
//! `ask deploy`; a malformed ARN or a model that fails lint builds nothing.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::{Value, json};

const ARN: &str = "arn:aws:lambda:us-east-1:123456789012:function:onair-skill-Live";

fn onair(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_onair"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("onair runs")
}

fn json_file(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_package_has_the_endpoint_every_model_and_the_resources_file() {
    let out = tempfile::tempdir().expect("temporary folder");
    let out_dir = out.path().to_str().expect("UTF-8 path");
    // A model of a locale removed since the last package must not be deployed again.
    let stale = out
        .path()
        .join("skill-package/interactionModels/custom/xx-XX.json");
    std::fs::create_dir_all(stale.parent().expect("parent")).expect("folder");
    std::fs::write(&stale, "{}").expect("stale model");

    let output = onair(&["package", "--endpoint", ARN, "--out", out_dir]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let manifest = json_file(&out.path().join("skill-package/skill.json"));
    assert_eq!(
        manifest["manifest"]["apis"]["custom"]["endpoint"]["uri"],
        ARN
    );
    let original =
        json_file(&Path::new(env!("CARGO_MANIFEST_DIR")).join("skill-manifest/skill.json"));
    assert_eq!(
        manifest["manifest"]["publishingInformation"],
        original["manifest"]["publishingInformation"],
        "everything but the endpoint is copied as it is"
    );
    // Go-live notifications: the event schema notify sends is published, by the same endpoint, with the
    // permission that lets a listener turn its notifications on.
    assert_eq!(
        manifest["manifest"]["events"]["publications"],
        serde_json::json!([{"eventName": onair::alexa::proactive_event::MEDIA_CONTENT_AVAILABLE}])
    );
    assert_eq!(manifest["manifest"]["events"]["endpoint"]["uri"], ARN);
    assert!(
        manifest["manifest"]["permissions"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|p| p["name"] == "alexa::devices:all:notifications:write"),
        "{manifest}"
    );

    let models_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("interaction-models");
    let mut locales: Vec<String> = std::fs::read_dir(&models_dir)
        .expect("models")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".json"))
        .collect();
    locales.sort();
    let mut packaged: Vec<String> =
        std::fs::read_dir(out.path().join("skill-package/interactionModels/custom"))
            .expect("packaged models")
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .collect();
    packaged.sort();
    assert_eq!(packaged, locales);
    for locale in &locales {
        assert_eq!(
            json_file(
                &out.path()
                    .join("skill-package/interactionModels/custom")
                    .join(locale)
            ),
            json_file(&models_dir.join(locale)),
            "{locale} is packaged unchanged"
        );
    }

    assert_eq!(
        json_file(&out.path().join("ask-resources.json")),
        json!({
            "askcliResourcesVersion": "2020-03-31",
            "profiles": {"default": {"skillMetadata": {"src": "./skill-package"}}},
        })
    );
    assert!(
        !out.path().join(".ask").exists(),
        "without --skill-id, ask deploy creates the skill"
    );
}

#[test]
fn a_skill_id_makes_ask_deploy_update_that_skill() {
    let out = tempfile::tempdir().expect("temporary folder");
    let skill_id = "amzn1.ask.skill.11111111-2222-3333-4444-555555555555";
    let output = onair(&[
        "package",
        "--endpoint",
        ARN,
        "--out",
        out.path().to_str().expect("UTF-8 path"),
        "--skill-id",
        skill_id,
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        json_file(&out.path().join(".ask/ask-states.json")),
        json!({"askcliStatesVersion": "2020-03-31", "profiles": {"default": {"skillId": skill_id}}})
    );
}

#[test]
fn a_malformed_endpoint_is_refused_with_the_expected_shape() {
    let out = tempfile::tempdir().expect("temporary folder");
    let output = onair(&[
        "package",
        "--endpoint",
        "arn:aws:lambda:us-east-1:1234:function:onair-skill",
        "--out",
        out.path().to_str().expect("UTF-8 path"),
    ]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "expected a Lambda function ARN such as arn:aws:lambda:us-east-1:123456789012:function:onair-skill \
             (the account is not 12 digits)"
        ),
        "{stderr}"
    );
    assert!(
        std::fs::read_dir(out.path())
            .expect("folder")
            .next()
            .is_none(),
        "nothing is written"
    );
}

#[test]
fn models_that_fail_lint_are_not_packaged() {
    let out = tempfile::tempdir().expect("temporary folder");
    let output = onair(&[
        "package",
        "--endpoint",
        ARN,
        "--out",
        out.path().to_str().expect("UTF-8 path"),
        "--models",
        "tests/fixtures/lint/missing_pause_intent/interaction-models",
        "--manifest",
        "tests/fixtures/lint/missing_pause_intent/skill.json",
    ]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("intent AMAZON.PauseIntent is missing"),
        "{stderr}"
    );
    assert!(
        !out.path().join("skill-package").exists(),
        "nothing is written"
    );
}
