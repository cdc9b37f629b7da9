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

pub(super) async fn run(args: ReplayArgs) -> anyhow::Result<ExitCode> {
    let files = request_files(&args.paths)?;
    let skill = Skill::new(args.source.open().await?).with_zones(args.time_zone.map(FixedZone));
    let single = files.len() == 1;
    let mut failures = 0usize;
    for file in &files {
        let outcome = replay_one(&skill, file, args.at).await?;
        if single {
            emit(serde_json::to_string_pretty(&outcome.response)?)?;
        } else {
            let line = serde_json::json!({ "file": file.display().to_string(), "response": outcome.response });
            emit(line)?;
        }
        for problem in &outcome.problems {
            eprintln!("{}: {problem}", file.display());
        }
        let mut failed = !outcome.problems.is_empty();
        if let Some(dir) = &args.expect {
            failed |= !matches_golden(dir, file, &outcome.response)?;
        }
        failures += usize::from(failed);
    }
    if failures > 0 {
        eprintln!("{failures} of {} replayed requests failed", files.len());
        return Ok(ExitCode::FAILURE);
    }
    if args.expect.is_some() {
        eprintln!(
            "{} replayed requests match their golden responses",
            files.len()
        );
    }
    Ok(ExitCode::SUCCESS)
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

fn matches_golden(dir: &Path, file: &Path, actual: &serde_json::Value) -> anyhow::Result<bool> {
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
                    "{}: no golden response at {} (create it with: onair replay {} > {})",
                    file.display(),
                    json_path.display(),
                    file.display(),
                    json_path.display()
                );
                return Ok(false);
            }
        },
    };
    let expected: serde_json::Value = serde_json::from_str(&text)
        .with_context(|| format!("golden response {} is not JSON", golden_path.display()))?;
    if &expected == actual {
        return Ok(true);
    }
    eprintln!(
        "{}: response differs from {}\n--- expected\n{}\n+++ actual\n{}",
        file.display(),
        golden_path.display(),
        serde_json::to_string_pretty(&expected)?,
        serde_json::to_string_pretty(actual)?
    );
    Ok(false)
}

/// The value of an insta snapshot file: what follows its `---`-fenced metadata header.
fn snapshot_body(text: &str) -> &str {
    text.strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map_or(text, |(_, body)| body)
}

/// Expands folders into their JSON files, sorted so output order is stable.
fn request_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            collect_json(path, &mut found)?;
            found.sort();
            files.extend(found);
        } else if path.exists() {
            files.push(path.clone());
        } else {
            anyhow::bail!("no such file or folder: {}", path.display());
        }
    }
    if files.is_empty() {
        anyhow::bail!("no .json request files found");
    }
    Ok(files)
}

fn collect_json(dir: &Path, found: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    for entry in
        std::fs::read_dir(dir).with_context(|| format!("cannot read folder {}", dir.display()))?
    {
        let path = entry?.path();
        if path.is_dir() {
            collect_json(&path, found)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            found.push(path);
        }
    }
    Ok(())
}
