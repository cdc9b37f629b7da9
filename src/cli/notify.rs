//! `onair notify`: one run of the `notify` function from an operator's shell: what is due at an instant (with
//! `--dry-run`, nothing is sent or recorded), or the real run against the Proactive Events API.

use anyhow::Context as _;
use chrono::{DateTime, Utc};

use super::{ScheduleSource, parse_instant};
use crate::notify::{self, Mode};
use crate::proactive_events::{
    ClientCredentials, DEVELOPMENT_EVENTS_URL, Endpoints, LWA_TOKEN_URL, ProactiveEventsClient,
};
use crate::storage::{DynamoDbFollows, ScheduleStore, tables};

/// Arguments of `onair notify`.
#[derive(Debug, clap::Args)]
pub struct NotifyArgs {
    /// Where the schedule is read from.
    #[command(flatten)]
    pub source: ScheduleSource,
    /// The follows table (default: the events table's name followed by `-follows`).
    #[arg(long, env = "ONAIR_FOLLOWS_TABLE", value_name = "NAME")]
    pub follows_table: Option<String>,
    /// Run as of this instant (default: now): shows starting within 5 minutes of it, either side.
    #[arg(long, value_name = "RFC3339", value_parser = parse_instant)]
    pub at: Option<DateTime<Utc>>,
    /// Print what is due, per show; send nothing and record nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The Secrets Manager secret with the LWA client credentials (else ONAIR_LWA_CLIENT_ID and
    /// ONAIR_LWA_CLIENT_SECRET).
    #[arg(long, env = "ONAIR_LWA_SECRET", value_name = "ID")]
    pub lwa_secret: Option<String>,
    /// The Proactive Events endpoint.
    #[arg(long, env = "ONAIR_PROACTIVE_EVENTS_URL", default_value = DEVELOPMENT_EVENTS_URL)]
    pub events_url: String,
    /// The Login with Amazon token endpoint.
    #[arg(long, env = "ONAIR_LWA_TOKEN_URL", default_value = LWA_TOKEN_URL)]
    pub token_url: String,
}

/// Runs `onair notify`; prints the run's report as JSON.
///
/// # Errors
/// No follows table was named, a table or the credentials cannot be read, or some notifications were not sent.
pub async fn run(args: NotifyArgs) -> anyhow::Result<std::process::ExitCode> {
    let follows_table = args
        .follows_table
        .clone()
        .or_else(|| {
            args.source
                .table
                .as_deref()
                .map(tables::default_follows_table)
        })
        .context("name the follows table: --follows-table, ONAIR_FOLLOWS_TABLE or --table")?;
    let at = args.at.unwrap_or_else(Utc::now);
    let sdk = super::sdk_config().await?;
    let follows = DynamoDbFollows::new(crate::storage::dynamo_db::client(&sdk), &follows_table);
    let schedule = args.source.open().await?.schedule_at(at).await?;
    let client = if args.dry_run {
        None
    } else {
        let credentials = match &args.lwa_secret {
            Some(secret) => notify::function::credentials_from_secret(&sdk, secret).await?,
            None => ClientCredentials {
                client_id: std::env::var("ONAIR_LWA_CLIENT_ID").context(
                    "set --lwa-secret, or ONAIR_LWA_CLIENT_ID and ONAIR_LWA_CLIENT_SECRET",
                )?,
                client_secret: std::env::var("ONAIR_LWA_CLIENT_SECRET").context(
                    "set --lwa-secret, or ONAIR_LWA_CLIENT_ID and ONAIR_LWA_CLIENT_SECRET",
                )?,
            },
        };
        Some(ProactiveEventsClient::new(
            credentials,
            Endpoints {
                token_url: args.token_url.clone(),
                events_url: args.events_url.clone(),
            },
        )?)
    };
    let mode = if args.dry_run {
        Mode::DryRun
    } else {
        Mode::Send
    };
    let report = notify::run(&schedule, &follows, &follows, client.as_ref(), at, mode).await?;
    super::emit(serde_json::to_string_pretty(&report)?)?;
    Ok(if report.failed == 0 {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    })
}
