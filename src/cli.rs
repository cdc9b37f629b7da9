//! The `onair` command for people: try the skill by voice-as-text, replay request fixtures, manage schedules.

mod lint;
pub mod package;
mod replay;
mod say;
pub mod schedule_cmd;
mod schema;
mod serve;
pub mod table;

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand};

use std::sync::Arc;

use crate::schedule::{EventId, Lineup, LiveEvent, Schedule};
use crate::storage::{DynamoDbScheduleStore, InMemorySchedule, ScheduleStore, StoreError};

/// onair: live shows on Alexa. Try the skill offline, replay Alexa requests, manage the live schedule.
///
/// Every command works offline on the embedded demo schedule unless you point it at a schedule file
/// (--schedule) or a DynamoDB table (--table / ONAIR_TABLE).
#[derive(Debug, Parser)]
#[command(name = "onair", version, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The `onair` subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Say something to the skill, as text, and hear (read) what Alexa would answer and play.
    ///
    /// Example: onair say "play the live show from radio uno"
    ///
    /// Several utterances are one conversation: onair say "what's on" "the first one"
    Say(say::SayArgs),
    /// Run Alexa request envelopes (JSON files or folders) through the skill and print the responses.
    ///
    /// One file prints its response envelope; several print one JSON object per line. With --expect DIR, each
    /// response is compared with `DIR/<same file name>` (or the reviewed snapshot `DIR/replay__<name>.snap`, as in
    /// tests/it/snapshots) and the command fails on any difference.
    Replay(replay::ReplayArgs),
    /// Write the JSON Schemas of Alexa requests and of onair's responses (request.schema.json, response.schema.json).
    Schema(schema::SchemaArgs),
    /// Serve the skill as a local HTTP endpoint: POST a request envelope, get the response envelope.
    Serve(serve::ServeArgs),
    /// Import a schedule file into DynamoDB, or list what is live and next.
    Schedule(schedule_cmd::ScheduleArgs),
    /// Create the DynamoDB tables (for local set-up with DynamoDB Local), or print their definition.
    Table(table::TableArgs),
    /// Check interaction-models/ and skill-manifest/ against Alexa's certification rules; exit 1 on errors.
    Lint(lint::LintArgs),
    /// Assemble an ASK CLI v2 skill package (manifest with the endpoint, interaction models) for `ask deploy`.
    ///
    /// Example: onair package --endpoint arn:aws:lambda:us-east-1:123456789012:function:onair-skill --out build/ask
    Package(package::PackageArgs),
}

/// Runs a parsed command line.
///
/// # Errors
/// Returns an error a person can act on: a missing file, an invalid schedule, a replay that differs.
pub async fn run(cli: Cli) -> anyhow::Result<std::process::ExitCode> {
    match cli.command {
        Command::Say(args) => say::run(args).await,
        Command::Replay(args) => replay::run(args).await,
        Command::Schema(args) => schema::run(&args),
        Command::Serve(args) => serve::run(args).await,
        Command::Schedule(args) => schedule_cmd::run(args)
            .await
            .map(|()| std::process::ExitCode::SUCCESS),
        Command::Table(args) => table::run(args)
            .await
            .map(|()| std::process::ExitCode::SUCCESS),
        Command::Lint(args) => lint::run(&args),
        Command::Package(args) => package::run(&args),
    }
}

/// Where a command reads the schedule from.
#[derive(Debug, Clone, clap::Args)]
pub struct ScheduleSource {
    /// A schedule file (.json format v1 as in the README, .csv or .ics as in docs/s3.md) instead of the embedded
    /// demo lineup.
    #[arg(long, value_name = "FILE", conflicts_with = "table")]
    pub schedule: Option<PathBuf>,
    /// A DynamoDB events table instead of the embedded demo lineup (the endpoint follows AWS_ENDPOINT_URL).
    #[arg(long, value_name = "NAME", env = "ONAIR_TABLE")]
    pub table: Option<String>,
}

/// A schedule store chosen on the command line: in memory (demo or file) or a DynamoDB table.
#[derive(Debug)]
pub enum CliStore {
    /// The embedded demo lineup or a schedule file.
    Memory(InMemorySchedule),
    /// A DynamoDB events table.
    DynamoDb(Box<DynamoDbScheduleStore>),
}

impl ScheduleStore for CliStore {
    async fn schedule_at(&self, now: DateTime<Utc>) -> Result<Arc<Schedule>, StoreError> {
        match self {
            Self::Memory(store) => store.schedule_at(now).await,
            Self::DynamoDb(store) => store.schedule_at(now).await,
        }
    }

    async fn event(&self, id: &EventId) -> Result<Option<LiveEvent>, StoreError> {
        match self {
            Self::Memory(store) => store.event(id).await,
            Self::DynamoDb(store) => store.event(id).await,
        }
    }
}

impl ScheduleSource {
    /// The store this source names: a DynamoDB table if `--table`/`ONAIR_TABLE` is set, else in memory.
    ///
    /// # Errors
    /// As [`ScheduleSource::in_memory`].
    pub async fn open(&self) -> anyhow::Result<CliStore> {
        match self.table.as_deref().filter(|t| !t.is_empty()) {
            Some(table) if self.schedule.is_none() => {
                let sdk = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
                let client = crate::storage::dynamo_db::client(&sdk);
                Ok(CliStore::DynamoDb(Box::new(DynamoDbScheduleStore::new(
                    client, table,
                ))))
            }
            _ => Ok(CliStore::Memory(self.in_memory()?)),
        }
    }

    /// The in-memory store for this source.
    ///
    /// # Errors
    /// The file cannot be read, is not a schedule, or has invalid events (each named with its index).
    pub fn in_memory(&self) -> anyhow::Result<InMemorySchedule> {
        let Some(path) = &self.schedule else {
            return Ok(InMemorySchedule::new(Lineup::demo()));
        };
        let parsed = crate::import::read_schedule_file(path)
            .map_err(|e| anyhow::anyhow!("{} is not a schedule file: {e}", path.display()))?;
        for rejection in &parsed.rejections {
            eprintln!(
                "warning: {}: {} skipped: {}",
                path.display(),
                rejection.position,
                rejection.reason
            );
        }
        Ok(InMemorySchedule::new(Lineup::new(parsed.specs)))
    }
}

/// Writes a line to standard output. A closed pipe (`onair replay … | head`) surfaces as an error the binary
/// turns into a quiet exit instead of a panic.
pub(crate) fn emit(line: impl std::fmt::Display) -> std::io::Result<()> {
    use std::io::Write as _;
    writeln!(std::io::stdout().lock(), "{line}")
}

/// Whether an error is standard output being closed by the reader.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

/// Parses `--at` values: RFC 3339 instants such as `2026-11-22T20:00:00Z`.
pub(crate) fn parse_instant(value: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| format!("expected an RFC 3339 instant like 2026-11-22T20:00:00Z: {e}"))
}
