//! `onair stream check URL`: what the stream resolver decides for a URL and why, for partners debugging their
//! encoder settings; `onair streams check`: the health check of the shows live now and starting soon.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;

use chrono::{DateTime, Utc};

use super::{CliStore, ScheduleSource, parse_instant};
use crate::storage::ScheduleStore as _;
use crate::storage::stream_marks::StreamMarks;
use crate::stream::{
    HostPolicy, Resolver, ResolverConfig, StreamChecks, StreamReport, VariantKind, Verdict,
    check_live_streams,
};

/// Arguments of `onair stream`.
#[derive(Debug, clap::Args)]
pub struct StreamArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: StreamCommand,
}

/// `onair stream …` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum StreamCommand {
    /// Resolve a stream URL as an import does: the format, the variants seen, the URL an Echo would play, the
    /// bitrate, and every warning. Exits 1 when an Echo could not play it.
    ///
    /// Example: `onair stream check https://streams.example.com/live/master.m3u8`
    Check(CheckArgs),
}

/// Arguments of `onair stream check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The stream URL, as a partner would write it in `streamUrl`.
    #[arg(value_name = "URL")]
    pub url: String,
    /// Print the decision as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Trust only the CA certificates in this PEM file instead of the public web PKI (a private test server).
    #[arg(long, value_name = "PEM")]
    pub ca_file: Option<PathBuf>,
    /// Let this host name resolve to a private or loopback address (a local test server).
    #[arg(long, value_name = "HOST")]
    pub allow_private_host: Vec<String>,
}

/// Arguments of `onair streams`.
#[derive(Debug, clap::Args)]
pub struct StreamsArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: StreamsCommand,
}

/// `onair streams …` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum StreamsCommand {
    /// Check the streams of the shows live now and starting within 30 minutes, as the stream-check function does
    /// on its schedule, and mark failing ones on the event items (the skill then tells listeners instead of
    /// playing silence). With --schedule FILE, or --dry-run, nothing is written.
    Check(HealthArgs),
}

/// Arguments of `onair streams check`.
#[derive(Debug, clap::Args)]
pub struct HealthArgs {
    /// Where the shows are.
    #[command(flatten)]
    pub source: ScheduleSource,
    /// Pretend it is this instant (default: now).
    #[arg(long, value_name = "RFC3339", value_parser = parse_instant)]
    pub at: Option<DateTime<Utc>>,
    /// Check and print, writing no mark.
    #[arg(long)]
    pub dry_run: bool,
    /// Print the run as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// Runs `onair streams …`.
///
/// # Errors
/// The schedule cannot be read, or a mark cannot be written.
pub async fn run_health(args: StreamsArgs) -> anyhow::Result<ExitCode> {
    let StreamsCommand::Check(args) = args.command;
    let at = args.at.unwrap_or_else(Utc::now);
    let store = args.source.open().await?;
    let schedule = store
        .schedule_at(at)
        .await
        .context("cannot read the schedule")?;
    let marks = match (&store, &args.source.table, args.dry_run) {
        (CliStore::DynamoDb(_), Some(table), false) => Some(StreamMarks::new(
            crate::storage::dynamo_db::client(&super::sdk_config().await?),
            table.clone(),
        )),
        _ => None,
    };
    let checks = StreamChecks::new(
        Resolver::new(ResolverConfig::default()).context("cannot set up the stream checks")?,
    );
    let run = check_live_streams(&schedule, &checks, marks.as_ref(), at)
        .await
        .context("cannot write the stream marks")?;
    if args.json {
        println!("{}", serde_json::to_string(&run)?);
    } else {
        println!(
            "events: {}, streams checked: {}, marked: {}, cleared: {}, re-resolved: {}",
            run.events.len(),
            run.streams_checked,
            run.marked,
            run.cleared,
            run.re_resolved
        );
        for event in &run.events {
            println!(
                "  {}: {}{}{}",
                event.id,
                match event.verdict {
                    Verdict::Playable => "ok",
                    Verdict::Unreachable => "unreachable",
                    Verdict::NotPlayable => "not playable",
                },
                event
                    .change
                    .map_or_else(String::new, |change| format!(" ({change})")),
                event
                    .warning
                    .as_deref()
                    .map_or_else(String::new, |warning| format!(": {warning}"))
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `onair stream …`.
///
/// # Errors
/// The CA file cannot be read or the client cannot be set up.
pub async fn run(args: StreamArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        StreamCommand::Check(args) => check(args).await,
    }
}

async fn check(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let mut config = ResolverConfig::default();
    if let Some(path) = &args.ca_file {
        let pem = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        config.trusted_roots_pem = Some(pem);
    }
    config.hosts = HostPolicy {
        allowed_non_public: args
            .allow_private_host
            .iter()
            .map(|host| host.to_ascii_lowercase())
            .collect(),
    };
    let resolver = Resolver::new(config).context("cannot set up the stream check")?;
    let report = resolver.check(&args.url).await;
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        print!("{}", describe(&report));
    }
    Ok(if report.verdict == Verdict::Playable {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The report in words, one fact a line.
fn describe(report: &StreamReport) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let verdict = match report.verdict {
        Verdict::Playable => "playable on an Echo",
        Verdict::Unreachable => "unreachable",
        Verdict::NotPlayable => "not playable on an Echo",
    };
    let _ = writeln!(out, "{}: {verdict}", report.url);
    if let Some(format) = report.format {
        let _ = writeln!(out, "format: {}", format.as_str());
    }
    if let Some(play) = &report.play_url {
        let _ = writeln!(out, "plays:  {play}");
    }
    if report.codec.is_some() || report.bitrate_kbps.is_some() {
        let _ = writeln!(
            out,
            "codec:  {}, bitrate: {}",
            report.codec.as_deref().unwrap_or("not named"),
            report
                .bitrate_kbps
                .map_or_else(|| "not named".to_owned(), |kbps| format!("{kbps} kbit/s"))
        );
    }
    for step in &report.steps {
        let _ = writeln!(
            out,
            "GET {} -> {} {}{}",
            step.url,
            step.status
                .map_or_else(|| "no answer".to_owned(), |status| status.to_string()),
            step.content_type.as_deref().unwrap_or("(no content type)"),
            step.found
                .as_deref()
                .map_or_else(String::new, |found| format!(": {found}"))
        );
        if let Some(next) = &step.redirected_to {
            let _ = writeln!(out, "  redirected to {next}");
        }
        for rendition in &step.audio_renditions {
            let _ = writeln!(
                out,
                "  audio rendition {:?} group {:?}{}: {}",
                rendition.name,
                rendition.group,
                if rendition.default { " (default)" } else { "" },
                rendition.uri
            );
        }
        for variant in &step.variants {
            let kind = match variant.kind {
                VariantKind::Video => "video, never played",
                VariantKind::AudioOnly => "audio only",
                VariantKind::Unknown => "no codecs named",
            };
            let _ = writeln!(
                out,
                "  variant {} kbit/s {}{} ({kind}): {}",
                variant.bandwidth_kbps,
                variant.codecs.as_deref().unwrap_or("-"),
                variant
                    .resolution
                    .as_deref()
                    .map_or_else(String::new, |resolution| format!(" {resolution}")),
                variant.uri
            );
        }
        if let Some(pick) = &step.picked {
            let _ = writeln!(out, "  picked {}: {}", pick.reason, pick.url);
        }
    }
    for warning in &report.warnings {
        let _ = writeln!(out, "warning: {warning}");
    }
    out
}
