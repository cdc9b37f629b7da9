//! What a newcomer sees when something is off: each CLI mistake gets one clear sentence saying what to do, and
//! the skill's own log lines never land between a command's results.

use std::process::{Command, Output};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `onair` with no AWS settings at all: no variables, no ~/.aws, no table from the environment.
fn onair_without_aws(args: &[&str], home: &std::path::Path) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_onair"));
    command.args(args).current_dir(env!("CARGO_MANIFEST_DIR"));
    for (key, _) in std::env::vars() {
        if key.starts_with("AWS_") || key.starts_with("ONAIR_") || key == "RUST_LOG" {
            command.env_remove(key);
        }
    }
    command.env("HOME", home).output().expect("onair runs")
}

#[test]
fn an_unknown_locale_lists_the_six() {
    let home = tempfile::tempdir().expect("temp dir");
    for locale in ["banana", "xx-YY", "en_US", "pt-BR"] {
        let output = onair_without_aws(&["say", "--locale", locale, "hello"], home.path());
        assert_eq!(output.status.code(), Some(2), "{locale}");
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains("onair speaks en-US, en-GB, it-IT, de-DE, es-ES, fr-FR"),
            "{locale}: {stderr}"
        );
        assert!(output.stdout.is_empty(), "{locale}: nothing is answered");
    }
    let output = onair_without_aws(&["say", "--locale", "en_US", "hello"], home.path());
    assert!(text(&output.stderr).contains("did you mean en-US?"));
}

#[test]
fn a_wrong_instant_says_which_format_is_accepted() {
    let home = tempfile::tempdir().expect("temp dir");
    let output = onair_without_aws(&["say", "--at", "tomorrow", "what's on"], home.path());
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("RFC 3339"), "{stderr}");
    assert!(stderr.contains("2026-11-22T20:00:00Z"), "{stderr}");
}

/// No region, no credentials: one sentence naming AWS_ENDPOINT_URL, and no SDK warnings about the EC2 instance
/// metadata service (the CLI never asks it).
#[test]
fn a_table_without_aws_settings_says_what_to_set() {
    let home = tempfile::tempdir().expect("temp dir");
    for args in [
        &["say", "--table", "onair-events", "what's on"][..],
        &["schedule", "list", "--table", "onair-events"][..],
        &["table", "create", "--table", "onair-events"][..],
    ] {
        let output = onair_without_aws(args, home.path());
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains("AWS_ENDPOINT_URL=http://127.0.0.1:8000"),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("WARN"), "{args:?}: {stderr}");
        assert!(
            !stderr.to_lowercase().contains("imds"),
            "{args:?}: {stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{args:?}: one line: {stderr}");
    }
}

/// A table that does not exist is named once, with the command that creates it.
#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn a_missing_table_is_named_once() {
    let Some(_db) = crate::support::dynamodb().await else {
        return;
    };
    let endpoint = std::env::var("ONAIR_TEST_DYNAMODB_ENDPOINT").expect("set by scripts/test");
    let table = crate::support::unique_name("missing");
    let home = tempfile::tempdir().expect("temp dir");
    let output = Command::new(env!("CARGO_BIN_EXE_onair"))
        .args(["say", "--table", &table, "what's on"])
        .env("HOME", home.path())
        .env("AWS_ENDPOINT_URL", &endpoint)
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ACCESS_KEY_ID", "onairtest")
        .env("AWS_SECRET_ACCESS_KEY", "onairtestsecret")
        .env_remove("RUST_LOG")
        .output()
        .expect("onair runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert_eq!(
        stderr.matches(table.as_str()).count(),
        2,
        "named, then in the fix: {stderr}"
    );
    assert!(
        stderr.contains(&format!("DynamoDB table {table} does not exist")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("onair table create --table {table}")),
        "{stderr}"
    );
}

#[test]
fn package_refuses_a_placeholder_skill_id_and_names_the_models_folder() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = home.path().join("ask");
    let arn = "arn:aws:lambda:us-east-1:123456789012:function:onair-skill";
    let output = onair_without_aws(
        &[
            "package",
            "--endpoint",
            arn,
            "--skill-id",
            "amzn1.ask.skill.YOUR-SKILL-ID",
            "--out",
            out.to_str().expect("utf-8"),
        ],
        home.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("looks like a placeholder"));
    assert!(!out.exists(), "nothing is written");

    let empty = home.path().join("models");
    std::fs::create_dir(&empty).expect("folder");
    let output = onair_without_aws(
        &[
            "package",
            "--endpoint",
            arn,
            "--models",
            empty.to_str().expect("utf-8"),
            "--out",
            out.to_str().expect("utf-8"),
        ],
        home.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains(&format!("{} has no en-US.json", empty.display())),
        "{stderr}"
    );
    assert!(!stderr.contains("interaction-models/ has no"), "{stderr}");
}

/// Replaying a folder whose requests make the skill log warnings: stdout holds only the results, stderr holds the
/// warnings only with -v.
#[test]
fn skill_warnings_stay_out_of_results_unless_verbose() {
    let home = tempfile::tempdir().expect("temp dir");
    let requests = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/requests");
    let schedule = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/schedules/default.json"
    );
    let quiet = onair_without_aws(&["replay", "--schedule", schedule, requests], home.path());
    assert!(quiet.status.success(), "{}", text(&quiet.stderr));
    for line in text(&quiet.stdout).lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("stdout is one JSON object a line");
    }
    assert!(
        !text(&quiet.stderr).contains("WARN"),
        "{}",
        text(&quiet.stderr)
    );
    let verbose = onair_without_aws(
        &["replay", "-v", "--schedule", schedule, requests],
        home.path(),
    );
    assert!(
        text(&verbose.stderr).contains("WARN"),
        "-v shows the skill's warnings"
    );
    assert_eq!(quiet.stdout, verbose.stdout, "logs never reach stdout");
}
