//! `onair replay`: request envelopes in, response envelopes out, optionally checked against golden responses.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::{DateTime, Utc};

use super::{ScheduleSource, emit, parse_instant};
use crate::alexa::RequestEnvelope;
use crate::skill::{DeviceZones, FixedZone, HttpsMedia, Skill};
use crate::storage::ScheduleStore;

/// Arguments of `onair replay`.
#[derive(Debug, clap::Args)]
pub struct ReplayArgs {
    /// Request envelope files, or folders of them (every *.json inside, recursively, in name order).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Where the schedule comes from.
    #[command(flatten)]
    pub source: ScheduleSource,
    /// Answer as of this instant instead of each request's own timestamp.
    #[arg(long, value_name = "RFC3339", value_parser = parse_instant)]
    pub at: Option<DateTime<Utc>>,
    /// A folder of golden responses: each response must equal DIR/<request file name>, or the snapshot
    /// DIR/replay__<request name>.snap (tests/it/snapshots holds the reviewed ones); exit 1 on a difference.
    #[arg(long, value_name = "DIR")]
    pub expect: Option<PathBuf>,
    /// Speak times on this device time zone's clock (an IANA name such as Europe/Rome), as if the Alexa Settings
    /// API had answered it. Without it the device's zone is unknown and times are relative ("in about 3 hours").
    #[arg(long, value_name = "ZONE", value_parser = crate::skill::parse_zone)]
    pub time_zone: Option<chrono_tz::Tz>,
}

/// Runs the replay. With `--expect`, responses are compared instead of printed: only differences are reported
/// (every match too with `verbose`), then one summary line.
pub(super) async fn run(args: ReplayArgs, verbose: bool) -> anyhow::Result<ExitCode> {
    let files = super::files_in(&args.paths, &["json"], "request files")?;
    let skill = Skill::new(args.source.open().await?).with_zones(args.time_zone.map(FixedZone));
    let single = files.len() == 1;
    let mut failures = 0usize;
    let mut differences: Vec<Vec<String>> = Vec::new();
    for file in &files {
        let outcome = replay_one(&skill, file, args.at).await?;
        if args.expect.is_none() {
            if single {
                emit(serde_json::to_string_pretty(&outcome.response)?)?;
            } else {
                let line = serde_json::json!({ "file": file.display().to_string(), "response": outcome.response });
                emit(line)?;
            }
        }
        for problem in &outcome.problems {
            eprintln!("{}: {problem}", file.display());
        }
        let mut failed = !outcome.problems.is_empty();
        if let Some(dir) = &args.expect {
            match compare_golden(dir, file, &outcome.response, &args)? {
                Golden::Matches => {
                    if verbose {
                        eprintln!("{}: matches", file.display());
                    }
                }
                Golden::Missing => failed = true,
                Golden::Differs(paths) => {
                    failed = true;
                    differences.push(paths);
                }
            }
        }
        failures += usize::from(failed);
    }
    if let Some(hint) = common_cause(&differences, files.len()) {
        eprintln!("{hint}");
    }
    let requests = |n: usize| {
        if n == 1 {
            "1 request".to_owned()
        } else {
            format!("{n} requests")
        }
    };
    if failures > 0 {
        eprintln!("{} of {} failed", failures, requests(files.len()));
        return Ok(ExitCode::FAILURE);
    }
    if args.expect.is_some() {
        let verb = if files.len() == 1 {
            "matches its golden response"
        } else {
            "match their golden responses"
        };
        eprintln!("{} {verb}", requests(files.len()));
    }
    Ok(ExitCode::SUCCESS)
}

/// When every request differs from its golden response at the same place, the likeliest cause is the run, not the
/// skill: the goldens were made with another schedule, instant or time zone.
fn common_cause(differences: &[Vec<String>], total: usize) -> Option<String> {
    if total < 2 || differences.len() != total {
        return None;
    }
    let first = differences.first()?;
    let shared: Vec<&String> = first
        .iter()
        .filter(|path| differences.iter().all(|d| d.contains(path)))
        .collect();
    if shared.is_empty() {
        return None;
    }
    let shared: Vec<&str> = shared.iter().take(3).map(|p| p.as_str()).collect();
    Some(format!(
        "hint: every response differs, all at {}: were the golden responses made with another schedule? \
         Pass the --schedule (or --table), --at and --time-zone they were made with.",
        shared.join(", ")
    ))
}

/// One replayed request: the response Alexa would get and what was wrong on the way.
struct Outcome {
    response: serde_json::Value,
    problems: Vec<String>,
}

async fn replay_one<S: ScheduleStore, Z: DeviceZones>(
    skill: &Skill<S, HttpsMedia, Z>,
    file: &Path,
    at: Option<DateTime<Utc>>,
) -> anyhow::Result<Outcome> {
    let body = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let mut problems = Vec::new();
    let response = match serde_json::from_slice::<RequestEnvelope>(&body) {
        Ok(envelope) => {
            let now = at.or_else(|| envelope.timestamp()).unwrap_or_else(Utc::now);
            let answered = skill.answer_at(envelope, now).await;
            problems.extend(
                answered
                    .violations
                    .iter()
                    .map(|v| format!("response guard: {v}")),
            );
            answered.response
        }
        Err(error) => {
            problems.push(format!(
                "not an Alexa request envelope: {}",
                crate::alexa::BodyError::from(&error)
            ));
            skill.handle_json(&body).await
        }
    };
    Ok(Outcome {
        response: serde_json::to_value(response)?,
        problems,
    })
}

/// How a response compares with its golden response.
enum Golden {
    Matches,
    /// No golden response exists (a hint to create one was printed).
    Missing,
    /// It differs at these paths (each difference was printed).
    Differs(Vec<String>),
}

fn compare_golden(
    dir: &Path,
    file: &Path,
    actual: &serde_json::Value,
    args: &ReplayArgs,
) -> anyhow::Result<Golden> {
    let name = file.file_name().context("a request file has no name")?;
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    // A folder of plain JSON responses, or the repository's reviewed insta snapshots (`tests/it/snapshots`).
    let json_path = dir.join(name);
    let snapshot_path = dir.join(format!("replay__{stem}.snap"));
    let (golden_path, text) = match std::fs::read_to_string(&json_path) {
        Ok(text) => (json_path, text),
        Err(_) => match std::fs::read_to_string(&snapshot_path) {
            Ok(text) => (snapshot_path, snapshot_body(&text).to_owned()),
            Err(_) => {
                eprintln!(
                    "{}: no golden response at {} (create it with: mkdir -p {} && {} > {})",
                    file.display(),
                    json_path.display(),
                    dir.display(),
                    golden_command(args, file),
                    json_path.display()
                );
                return Ok(Golden::Missing);
            }
        },
    };
    let expected: serde_json::Value = serde_json::from_str(&text)
        .with_context(|| format!("golden response {} is not JSON", golden_path.display()))?;
    let mut differences = Vec::new();
    json_diff("", &expected, actual, &mut differences);
    if differences.is_empty() {
        return Ok(Golden::Matches);
    }
    eprintln!(
        "{}: differs from {} (path: expected → actual)",
        file.display(),
        golden_path.display()
    );
    for difference in &differences {
        eprintln!("  {}", difference.line);
    }
    Ok(Golden::Differs(
        differences.into_iter().map(|d| d.path).collect(),
    ))
}

/// The command that prints `file`'s response as this run computes it, for a new golden file.
fn golden_command(args: &ReplayArgs, file: &Path) -> String {
    let mut command = String::from("onair replay");
    if let Some(schedule) = &args.source.schedule {
        command.push_str(&format!(" --schedule {}", schedule.display()));
    } else if let Some(table) = args.source.table.as_deref().filter(|t| !t.is_empty()) {
        command.push_str(&format!(" --table {table}"));
    }
    if let Some(at) = args.at {
        command.push_str(&format!(
            " --at {}",
            at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
        ));
    }
    if let Some(zone) = args.time_zone {
        command.push_str(&format!(" --time-zone {zone}"));
    }
    command.push_str(&format!(" {}", file.display()));
    command
}

/// One difference between two JSON documents.
struct Difference {
    /// Where, as `response.outputSpeech.ssml` or `response.directives[0]`.
    path: String,
    /// `path: expected → actual`, values as compact JSON.
    line: String,
}

/// Every place where `actual` differs from `expected`, in key order; missing and extra keys included.
fn json_diff(
    path: &str,
    expected: &serde_json::Value,
    actual: &serde_json::Value,
    out: &mut Vec<Difference>,
) {
    use serde_json::Value;
    let join = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, ev) in e {
                match a.get(key) {
                    Some(av) => json_diff(&join(key), ev, av, out),
                    None => out.push(difference(join(key), Some(ev), None)),
                }
            }
            for (key, av) in a {
                if !e.contains_key(key) {
                    out.push(difference(join(key), None, Some(av)));
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            for index in 0..e.len().max(a.len()) {
                let at = format!("{path}[{index}]");
                match (e.get(index), a.get(index)) {
                    (Some(ev), Some(av)) => json_diff(&at, ev, av, out),
                    (ev, av) => out.push(difference(at, ev, av)),
                }
            }
        }
        _ if expected == actual => {}
        _ => out.push(difference(path.to_owned(), Some(expected), Some(actual))),
    }
}

fn difference(
    path: String,
    expected: Option<&serde_json::Value>,
    actual: Option<&serde_json::Value>,
) -> Difference {
    let show = |value: Option<&serde_json::Value>| {
        value.map_or_else(|| "(missing)".to_owned(), ToString::to_string)
    };
    let shown_path = if path.is_empty() {
        "(the whole response)"
    } else {
        &path
    };
    Difference {
        line: format!("{shown_path}: {} → {}", show(expected), show(actual)),
        path,
    }
}

/// The value of an insta snapshot file: what follows its `---`-fenced metadata header.
fn snapshot_body(text: &str) -> &str {
    text.strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map_or(text, |(_, body)| body)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_diff_names_each_changed_path_once() {
        let expected = json!({ "response": { "outputSpeech": { "ssml": "<speak>a</speak>" }, "directives": [1, 2] } });
        let actual = json!({ "response": { "outputSpeech": { "ssml": "<speak>b</speak>" }, "directives": [1], "x": true } });
        let mut out = Vec::new();
        json_diff("", &expected, &actual, &mut out);
        let lines: Vec<&str> = out.iter().map(|d| d.line.as_str()).collect();
        assert_eq!(
            lines,
            [
                "response.directives[1]: 2 → (missing)",
                r#"response.outputSpeech.ssml: "<speak>a</speak>" → "<speak>b</speak>""#,
                "response.x: (missing) → true",
            ]
        );
    }

    #[test]
    fn the_same_difference_everywhere_hints_at_the_run() {
        let same = vec!["response.outputSpeech.ssml".to_owned()];
        assert!(common_cause(&[same.clone(), same.clone()], 2).is_some());
        assert!(common_cause(&[same], 2).is_none());
    }
}
