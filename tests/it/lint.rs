//! `onair lint`: the repository's models and manifest pass; each broken case in `tests/fixtures/lint/` fails with
//! exactly its expected findings (`expected.txt`), and exit status 1.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `onair lint ARGS` from the repository root.
fn onair_lint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_onair"))
        .arg("lint")
        .args(args)
        .current_dir(root())
        .output()
        .expect("onair runs")
}

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/lint"))
        .expect("lint fixtures")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    cases
}

#[test]
fn the_repository_models_and_manifest_pass() {
    let output = onair_lint(&[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "onair lint failed:\n{stdout}");
    assert!(
        !stdout.contains("error["),
        "the repository has lint errors:\n{stdout}"
    );
    assert!(
        stdout
            .lines()
            .last()
            .is_some_and(|summary| summary.starts_with("lint: 0 errors")),
        "unexpected output:\n{stdout}"
    );
}

#[test]
fn every_broken_case_fails_with_its_own_message() {
    let cases = cases();
    assert!(
        cases.len() >= 15,
        "expected a case per rule, found {}",
        cases.len()
    );
    for case in cases {
        let name = case
            .file_name()
            .and_then(|name| name.to_str())
            .expect("name");
        let relative = format!("tests/fixtures/lint/{name}");
        let output = onair_lint(&[
            "--models",
            &format!("{relative}/interaction-models"),
            "--manifest",
            &format!("{relative}/skill.json"),
        ]);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let findings: Vec<&str> = stdout
            .lines()
            .filter(|line| !line.starts_with("lint: "))
            .collect();
        let expected_text =
            std::fs::read_to_string(case.join("expected.txt")).expect("expected.txt");
        let expected: Vec<&str> = expected_text.lines().collect();
        assert_eq!(findings, expected, "case {name}");
        let has_errors = expected.iter().any(|line| line.starts_with("error["));
        assert_eq!(
            output.status.code(),
            Some(if has_errors { 1 } else { 0 }),
            "case {name}: exit status"
        );
        assert_eq!(
            name == "valid",
            !has_errors,
            "case {name}: only `valid` passes, every other case breaks a rule"
        );
    }
}
