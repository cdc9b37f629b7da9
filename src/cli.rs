//! The `onair` command for people: try the skill by voice-as-text, replay request fixtures, manage schedules.

pub mod conversation_test;
mod lint;
pub mod notify;
pub mod package;
mod replay;
pub(crate) mod say;
pub mod schedule_cmd;
mod schema;
mod serve;
pub mod stream_cmd;
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
    /// Say more: -v prints the skill's warnings (on stderr) and each command's details (every matching replay,
    /// every answer of `onair test`); -vv also its info logs. RUST_LOG overrides the log level.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
}

impl Cli {
    /// The log filter for this command line: errors only by default, so a warning the skill logs for a listener's
    /// request never lands between a command's results. `onair serve` is a server, not a command with results: its
    /// refusals (warnings) are logged by default.
    #[must_use]
    pub fn log_filter(&self) -> &'static str {
        match (&self.command, self.verbose) {
            (Command::Serve(_), 0 | 1) | (_, 1) => "warn",
            (_, 0) => "error",
            _ => "info",
        }
    }
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
    /// Run conversation scripts (YAML): utterances, raw requests and a simulated Echo's events, each answer checked
    /// against what the script expects; prints `N passed, M failed` and exits 1 on any failure.
    ///
    /// Example: onair test tests/conversations
    Test(conversation_test::TestArgs),
    /// Write the JSON Schemas of Alexa requests and of onair's responses (request.schema.json, response.schema.json).
    Schema(schema::SchemaArgs),
    /// Serve the skill as a local HTTP endpoint: POST a request envelope, get the response envelope.
    Serve(serve::ServeArgs),
    /// Import a schedule file into DynamoDB, or list what is live and next.
    Schedule(schedule_cmd::ScheduleArgs),
    /// Check a live stream URL: what an Echo would be sent (HLS audio rendition, playlist entry) and why.
    ///
    /// Example: `onair stream check https://streams.example.com/live/master.m3u8`
    Stream(stream_cmd::StreamArgs),
    /// The health check while live: re-check the streams of shows live now and starting soon, mark failing ones.
    ///
    /// Example: onair streams check --table onair-events
    Streams(stream_cmd::StreamsArgs),
    /// Create the DynamoDB tables (for local set-up with DynamoDB Local), or print their definition.
    Table(table::TableArgs),
    /// Check interaction-models/ and skill-manifest/ against Alexa's certification rules; exit 1 on errors.
    Lint(lint::LintArgs),
    /// Send the go-live notifications due now (or --at an instant) to the followers of shows starting, as the
    /// `notify` function does every 5 minutes; --dry-run only counts them.
    ///
    /// Example: onair notify --table onair-events --at 2026-11-22T20:28:00Z --dry-run
    Notify(notify::NotifyArgs),
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
    let verbose = cli.verbose > 0;
    match cli.command {
        Command::Say(args) => say::run(args).await,
        Command::Replay(args) => replay::run(args, verbose).await,
        Command::Test(args) => conversation_test::run(args, verbose).await,
        Command::Schema(args) => schema::run(&args),
        Command::Serve(args) => serve::run(args).await,
        Command::Schedule(args) => schedule_cmd::run(args)
            .await
            .map(|()| std::process::ExitCode::SUCCESS),
        Command::Stream(args) => stream_cmd::run(args).await,
        Command::Streams(args) => stream_cmd::run_health(args).await,
        Command::Table(args) => table::run(args)
            .await
            .map(|()| std::process::ExitCode::SUCCESS),
        Command::Lint(args) => lint::run(&args),
        Command::Notify(args) => notify::run(args).await,
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
                let sdk = sdk_config().await?;
                let client = crate::storage::dynamo_db::client(&sdk);
                check_table(&client, table).await?;
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
        .map_err(|e| {
            format!(
                "`{value}` is not an instant ({e}): write a date, a time and a UTC offset in RFC 3339, such as \
                 2026-11-22T20:00:00Z (UTC) or 2026-11-22T21:00:00+01:00"
            )
        })
}

/// Parses `--locale` (and a script's `locale`): one of the locales onair speaks, exactly as Alexa writes it.
pub(crate) fn parse_locale(value: &str) -> Result<String, String> {
    if let Some(locale) = crate::locale::tags().find(|l| *l == value) {
        return Ok(locale.to_owned());
    }
    let known: Vec<&str> = crate::locale::tags().collect();
    let hint = crate::locale::tags()
        .find(|l| l.eq_ignore_ascii_case(&value.replace('_', "-")))
        .map(|l| format!(" (did you mean {l}?)"))
        .unwrap_or_default();
    Err(format!(
        "unknown locale `{value}`{hint}: onair speaks {}",
        known.join(", ")
    ))
}

/// What a person needs to set for the CLI to reach DynamoDB, shown when something is missing.
const AWS_SETTINGS_HELP: &str = "for DynamoDB Local set AWS_ENDPOINT_URL=http://127.0.0.1:8000 AWS_REGION=us-east-1 \
     AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local; for AWS, set AWS_REGION and credentials (environment \
     variables or a profile in ~/.aws)";

/// AWS settings for CLI commands that reach DynamoDB: the region and credentials come from the environment or the
/// shared config files only. The SDK's default chains would also ask the EC2 instance metadata service, which on a
/// laptop means seconds of timeouts and pages of WARN lines before the real problem (nothing is configured) shows.
///
/// # Errors
/// No region or no credentials are configured; the message says what to set.
pub async fn sdk_config() -> anyhow::Result<aws_config::SdkConfig> {
    use aws_config::environment::{
        EnvironmentVariableCredentialsProvider, EnvironmentVariableRegionProvider,
    };
    use aws_config::meta::credentials::CredentialsProviderChain;
    use aws_config::meta::region::RegionProviderChain;
    use aws_config::profile::{ProfileFileCredentialsProvider, ProfileFileRegionProvider};
    use aws_sdk_dynamodb::config::ProvideCredentials as _;

    // Profile providers may fall back to IMDS, which needs an HTTP client: the SDK has none of its own (one TLS
    // stack, `crate::tls`), so it is passed explicitly.
    let provider = aws_config::provider_config::ProviderConfig::default()
        .with_http_client(crate::tls::aws_http_client());
    let region = RegionProviderChain::first_try(EnvironmentVariableRegionProvider::new()).or_else(
        ProfileFileRegionProvider::builder()
            .configure(&provider)
            .build(),
    );
    if region.region().await.is_none() {
        anyhow::bail!("no AWS region is set: {AWS_SETTINGS_HELP}");
    }
    let credentials = CredentialsProviderChain::first_try(
        "Environment",
        EnvironmentVariableCredentialsProvider::new(),
    )
    .or_else(
        "Profile",
        ProfileFileCredentialsProvider::builder()
            .configure(&provider)
            .build(),
    );
    if credentials.provide_credentials().await.is_err() {
        anyhow::bail!("no AWS credentials found: {AWS_SETTINGS_HELP}");
    }
    Ok(crate::tls::aws_config_loader()
        .region(region)
        .credentials_provider(credentials)
        .load()
        .await)
}

/// Fails early, with one sentence naming the table, when the table is missing or DynamoDB cannot be reached: the
/// skill itself would only apologise to the listener.
async fn check_table(client: &aws_sdk_dynamodb::Client, table: &str) -> anyhow::Result<()> {
    let Err(error) = client.describe_table().table_name(table).send().await else {
        return Ok(());
    };
    if error
        .as_service_error()
        .is_some_and(aws_sdk_dynamodb::operation::describe_table::DescribeTableError::is_resource_not_found_exception)
    {
        anyhow::bail!(
            "DynamoDB table {table} does not exist (create it with: onair table create --table {table})"
        );
    }
    let endpoint = std::env::var("AWS_ENDPOINT_URL_DYNAMODB")
        .or_else(|_| std::env::var("AWS_ENDPOINT_URL"))
        .map_or_else(
            |_| "AWS".to_owned(),
            |url| format!("AWS_ENDPOINT_URL={url}"),
        );
    anyhow::bail!(
        "cannot read DynamoDB table {table} ({endpoint}): {}; {AWS_SETTINGS_HELP}",
        error_line(&anyhow::Error::new(error))
    )
}

/// An error and its causes on one line, each cause once: AWS SDK errors repeat their inner error as their source,
/// which `{:#}` would print twice.
pub fn error_line(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

/// The files named by `paths`, with the folders among them expanded (recursively) into their files ending in one of
/// `extensions`, sorted so the order is stable. `what` names them in the error when there are none.
///
/// # Errors
/// A path that does not exist, a folder that cannot be read, or no file at all.
pub(crate) fn files_in(
    paths: &[std::path::PathBuf],
    extensions: &[&str],
    what: &str,
) -> anyhow::Result<Vec<std::path::PathBuf>> {
    fn collect(
        dir: &std::path::Path,
        extensions: &[&str],
        found: &mut Vec<std::path::PathBuf>,
    ) -> anyhow::Result<()> {
        let entries = std::fs::read_dir(dir)
            .map_err(|error| anyhow::anyhow!("cannot read folder {}: {error}", dir.display()))?;
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                collect(&path, extensions, found)?;
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.contains(&e))
            {
                found.push(path);
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            collect(path, extensions, &mut found)?;
            found.sort();
            files.extend(found);
        } else if path.exists() {
            files.push(path.clone());
        } else {
            anyhow::bail!("no such file or folder: {}", path.display());
        }
    }
    if files.is_empty() {
        anyhow::bail!("no {what} found (.{})", extensions.join(", ."));
    }
    Ok(files)
}
