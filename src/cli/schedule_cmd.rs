//! `onair schedule …`: import a schedule file into DynamoDB, and list what is live and next.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;
use chrono::{DateTime, Duration, SecondsFormat, Utc};

use super::parse_instant;
use crate::import::{DropObject, DropOutcome, ImportReport, Importer, ReportStatus, import_file};
use crate::schedule::{LiveEvent, Schedule};
use crate::storage::event_writer::EventWriter;
use crate::storage::{DynamoDbScheduleStore, HORIZON, LOOKBACK, ScheduleStore};
use crate::stream::{Resolver, ResolverConfig, StreamChecks};

/// How many upcoming events `onair schedule list` shows.
const UPCOMING_SHOWN: usize = 10;

/// Arguments of `onair schedule`.
#[derive(Debug, clap::Args)]
pub struct ScheduleArgs {
    /// What to do with a schedule.
    #[command(subcommand)]
    pub command: ScheduleCommand,
}

/// The `onair schedule` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum ScheduleCommand {
    /// Validate a schedule file (.json format v1, .csv or .ics) and upsert its events into the DynamoDB events table.
    ///
    /// The file is streamed through the same readers and row checks as a partner drop, and the same report is
    /// printed: rows, accepted, rejected (each with its position and a reason naming the field), occurrences
    /// written / unchanged. Recurring entries are expanded into occurrences from 3 days ago to --horizon-days
    /// ahead. Re-importing the same file writes nothing. --dry-run runs every check (the stored item's size too).
    ///
    /// FILE may also be a partner drop in S3, s3://BUCKET/drops/PARTNER/FILE (.json, .csv or .ics): it is imported
    /// exactly as the schedule-import Lambda function imports it, as that partner's events, replacing what an
    /// earlier version of the same object wrote, and its report is written to s3://BUCKET/reports/KEY.json.
    Import(ImportArgs),
    /// Print what is live and what comes next, as a table.
    List(ListArgs),
}

/// Arguments of `onair schedule import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The schedule file (.json format v1 as in the README, .csv or .ics as in docs/s3.md), or a drop
    /// s3://BUCKET/drops/PARTNER/FILE.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The events table (created with `onair table create`).
    #[arg(
        long,
        env = "ONAIR_TABLE",
        value_name = "NAME",
        required_unless_present = "dry_run"
    )]
    pub table: Option<String>,
    /// Run every check and count, without reading or writing any table.
    #[arg(long)]
    pub dry_run: bool,
    /// Print the report as one JSON object (the same as a drop's reports/KEY.json).
    #[arg(long)]
    pub json: bool,
    /// How many days ahead recurring entries are expanded.
    #[arg(long, default_value_t = 14, value_name = "DAYS")]
    pub horizon_days: u16,
    /// Expand from this instant instead of now.
    #[arg(long, value_name = "RFC3339", value_parser = parse_instant)]
    pub at: Option<DateTime<Utc>>,
    /// Take every streamUrl on trust: fetch nothing (offline). By default each distinct stream is resolved (HLS
    /// renditions, playlist entries) and checked, and problems are listed as warnings.
    #[arg(long)]
    pub no_check_streams: bool,
}

/// The stream resolver of an import, unless `--no-check-streams`.
fn stream_resolver(args: &ImportArgs) -> anyhow::Result<Option<Resolver>> {
    if args.no_check_streams {
        return Ok(None);
    }
    Ok(Some(
        Resolver::new(ResolverConfig::default()).context("cannot set up the stream checks")?,
    ))
}

/// Arguments of `onair schedule list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Pretend it is this instant (default: now).
    #[arg(long, value_name = "RFC3339", value_parser = parse_instant)]
    pub at: Option<DateTime<Utc>>,
    /// Read this schedule file (.json format v1, .csv or .ics) instead of the embedded demo lineup.
    #[arg(long, value_name = "FILE", conflicts_with = "table")]
    pub schedule: Option<PathBuf>,
    /// Read this DynamoDB events table (default: ONAIR_TABLE if set, unless --schedule is given).
    #[arg(long, value_name = "NAME")]
    pub table: Option<String>,
}

/// Runs `onair schedule …`.
///
/// # Errors
/// The file cannot be read or is not a schedule; DynamoDB cannot be reached or written.
pub async fn run(args: ScheduleArgs) -> anyhow::Result<()> {
    match args.command {
        ScheduleCommand::Import(args) => import(args).await,
        ScheduleCommand::List(args) => list(args).await,
    }
}

async fn dynamodb_client() -> anyhow::Result<aws_sdk_dynamodb::Client> {
    let sdk = super::sdk_config().await?;
    Ok(crate::storage::dynamo_db::client(&sdk))
}

async fn import(args: ImportArgs) -> anyhow::Result<()> {
    if let Some(location) = args
        .file
        .to_str()
        .and_then(|file| file.strip_prefix("s3://"))
    {
        return import_drop(location, &args).await;
    }
    let at = args.at.unwrap_or_else(Utc::now);
    let horizon = Duration::days(i64::from(args.horizon_days));
    let writer = match (&args.table, args.dry_run) {
        (Some(table), false) => Some(EventWriter::new(dynamodb_client().await?, table.clone())),
        _ => None,
    };
    let streams = stream_resolver(&args)?.map(StreamChecks::new);
    let report = import_file(&args.file, writer.as_ref(), at, horizon, streams.as_ref())
        .await
        .with_context(|| match &args.table {
            Some(table) if !args.dry_run => {
                format!("import into {table} stopped; run it again to finish")
            }
            _ => format!("{} could not be read", args.file.display()),
        })?;
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        print_report(&report, None, writer.is_none());
    }
    if report.status == ReportStatus::Malformed {
        anyhow::bail!(
            "{} is not a schedule file: {}",
            args.file.display(),
            report.error.as_deref().unwrap_or("malformed")
        );
    }
    Ok(())
}

/// `onair schedule import s3://bucket/key`: the drop pipeline of the `schedule-import` function, run here.
async fn import_drop(location: &str, args: &ImportArgs) -> anyhow::Result<()> {
    let (bucket, key) = location
        .split_once('/')
        .filter(|(bucket, key)| !bucket.is_empty() && !key.is_empty())
        .with_context(|| format!("s3://{location} is not s3://BUCKET/KEY"))?;
    let object = DropObject::latest(bucket, key)?;
    let sdk = super::sdk_config().await?;
    // A dry run reads no table, so it needs no table name.
    let table = args.table.clone().unwrap_or_default();
    let mut importer = Importer::from_sdk_config(&sdk, table)
        .with_horizon(Duration::days(i64::from(args.horizon_days)));
    if let Some(resolver) = stream_resolver(args)? {
        importer = importer.with_stream_checks(resolver);
    }
    let at = args.at.unwrap_or_else(Utc::now);
    let outcome = if args.dry_run {
        importer.check(&object, at).await
    } else {
        importer.import(&object, at).await
    }
    .with_context(|| format!("import of {} stopped; run it again to finish", object.url()))?;
    let report = match outcome {
        DropOutcome::Reported(report) => report,
        DropOutcome::Skipped { object, reason } => {
            anyhow::bail!("{object} was not imported: {reason:?}")
        }
    };
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        print_report(&report, Some(&object.key.report_key()), args.dry_run);
    }
    if report.status == ReportStatus::Malformed {
        anyhow::bail!(
            "{} is not a schedule drop: {}",
            report.object,
            report.error.as_deref().unwrap_or("malformed")
        );
    }
    Ok(())
}

/// Prints a report; `report_key` is where a drop's report was written (`None` for a local file).
fn print_report(report: &ImportReport, report_key: Option<&str>, dry_run: bool) {
    let counts = &report.occurrences;
    if dry_run {
        println!(
            "rows: {}, valid: {}, rejected: {}, occurrences: {}",
            report.rows, report.accepted, report.rejected, counts.expanded
        );
    } else {
        println!(
            "rows: {}, accepted: {}, rejected: {}; occurrences written: {}, unchanged: {}, removed: {}",
            report.rows,
            report.accepted,
            report.rejected,
            counts.written,
            counts.unchanged,
            counts.removed
        );
    }
    for rejection in &report.rejections {
        println!("  {}: {}", rejection.position, rejection.reason);
    }
    if report.rejections_not_listed > 0 {
        println!("  … and {} more", report.rejections_not_listed);
    }
    if let Some(checked) = report.streams_checked {
        println!(
            "streams checked: {checked}, warnings: {}",
            report.warnings.len() + report.warnings_not_listed
        );
    }
    for warning in &report.warnings {
        println!("  warning {}: {}", warning.position, warning.warning);
    }
    if report.warnings_not_listed > 0 {
        println!("  … and {} more warnings", report.warnings_not_listed);
    }
    if !report.ignored_columns.is_empty() {
        println!("ignored columns: {}", report.ignored_columns.join(", "));
    }
    if let (false, Some(report_key)) = (dry_run, report_key) {
        let bucket = report
            .object
            .strip_prefix("s3://")
            .and_then(|rest| rest.split_once('/'))
            .map_or("", |(bucket, _)| bucket);
        println!("report: s3://{bucket}/{report_key}");
    }
}

async fn list(args: ListArgs) -> anyhow::Result<()> {
    let now = args.at.unwrap_or_else(Utc::now);
    let table = match &args.schedule {
        Some(_) => None,
        None => args.table.clone().or_else(|| {
            std::env::var("ONAIR_TABLE")
                .ok()
                .filter(|table| !table.is_empty())
        }),
    };
    let schedule: Arc<Schedule> = if let Some(table) = table {
        DynamoDbScheduleStore::new(dynamodb_client().await?, table.clone())
            .schedule_at(now)
            .await
            .with_context(|| format!("cannot read the schedule from table {table}"))?
    } else {
        let lineup = match &args.schedule {
            Some(path) => {
                let parsed = crate::import::read_schedule_file(path)
                    .with_context(|| format!("{} is not a schedule file", path.display()))?;
                for rejection in &parsed.rejections {
                    eprintln!(
                        "warning: {}: {} skipped: {}",
                        path.display(),
                        rejection.position,
                        rejection.reason
                    );
                }
                crate::schedule::Lineup::new(parsed.specs)
            }
            None => crate::schedule::Lineup::demo(),
        };
        Arc::new(lineup.window(now - LOOKBACK, now + HORIZON))
    };
    print!("{}", live_and_next_table(&schedule, now));
    Ok(())
}

/// What is live at `now` and the next few events, as an aligned text table.
#[must_use]
pub fn live_and_next_table(schedule: &Schedule, now: DateTime<Utc>) -> String {
    let time = |instant: DateTime<Utc>| instant.to_rfc3339_opts(SecondsFormat::Secs, true);
    let row = |status: &str, event: &LiveEvent| {
        [
            status.to_owned(),
            time(event.starts_at),
            time(event.ends_at),
            event.channel.clone().unwrap_or_default(),
            event.title.clone(),
            event.id.to_string(),
        ]
    };
    let mut rows = vec![["STATUS", "STARTS", "ENDS", "CHANNEL", "TITLE", "ID"].map(str::to_owned)];
    rows.extend(
        schedule
            .live_at(now)
            .into_iter()
            .map(|event| row("live", event)),
    );
    rows.extend(
        schedule
            .upcoming(now, UPCOMING_SHOWN)
            .into_iter()
            .map(|event| row("next", event)),
    );
    let mut widths = [0_usize; 6];
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut table = String::new();
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        table.push_str(cells.join("  ").trim_end());
        table.push('\n');
    }
    if rows.len() == 1 {
        table.push_str("(nothing live or coming up)\n");
    }
    table
}

#[cfg(test)]
mod tests {
    use clap::{Args as _, FromArgMatches as _};

    use super::*;
    use crate::schedule::Lineup;

    fn parse(args: &[&str]) -> Result<ScheduleArgs, clap::Error> {
        let command = ScheduleArgs::augment_args(clap::Command::new("schedule"));
        command.clone().debug_assert();
        let matches = command.try_get_matches_from(args)?;
        ScheduleArgs::from_arg_matches(&matches)
    }

    #[test]
    fn import_needs_a_table_unless_it_is_a_dry_run_and_list_takes_a_file_or_a_table() {
        // Only meaningful when ONAIR_TABLE (which would supply the table) is not set.
        if std::env::var_os("ONAIR_TABLE").is_none() {
            assert!(parse(&["schedule", "import", "file.json"]).is_err());
        }
        let Ok(ScheduleArgs {
            command: ScheduleCommand::Import(import),
        }) = parse(&["schedule", "import", "--dry-run", "--json", "file.json"])
        else {
            panic!("a dry run needs no table");
        };
        assert!(import.dry_run && import.json && import.table.is_none());
        let Ok(ScheduleArgs {
            command: ScheduleCommand::Import(drop),
        }) = parse(&[
            "schedule",
            "import",
            "--dry-run",
            "s3://onair-drops/drops/acme/week 47.csv",
        ])
        else {
            panic!("an s3 url is a file argument");
        };
        assert_eq!(
            drop.file.to_str(),
            Some("s3://onair-drops/drops/acme/week 47.csv")
        );
        assert_eq!(import.horizon_days, 14);
        assert!(parse(&["schedule", "list", "--schedule", "a.json", "--table", "t"]).is_err());
        assert!(
            parse(&[
                "schedule",
                "list",
                "--at",
                "2026-11-22T20:00:00Z",
                "--table",
                "t"
            ])
            .is_ok()
        );
    }

    #[test]
    fn the_list_shows_live_events_then_upcoming_ones_in_aligned_columns() {
        let now = DateTime::parse_from_rfc3339("2026-11-22T20:00:00Z")
            .expect("valid")
            .with_timezone(&Utc);
        let schedule = Lineup::demo().window(now - LOOKBACK, now + HORIZON);
        let table = live_and_next_table(&schedule, now);
        let lines: Vec<&str> = table.lines().collect();
        assert!(lines[0].starts_with("STATUS  STARTS"));
        assert!(lines[1].starts_with("live "), "{table}");
        assert!(
            lines.iter().any(|line| line.starts_with("next ")),
            "{table}"
        );
        let column = lines[0].find("CHANNEL").expect("a channel column");
        assert!(lines[1..].iter().all(|line| line.len() >= column));
    }
}
