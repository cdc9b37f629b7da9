//! `onair serve`: the skill as an HTTP(S) endpoint. The server and Amazon's request verification live in
//! [`crate::serve`]; this file only turns flags into an [`Endpoint`] and prints the banner.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;

use super::{CliStore, ScheduleSource, emit};
use crate::config::SkillId;
use crate::device_settings::{SettingsApiConfig, SettingsApiZones};
use crate::serve::verify::{CertCache, CertFetcher, TrustRoots, Verifier};
use crate::serve::{Endpoint, Limits, Verification};
use crate::skill::Skill;
use crate::storage::dynamo_db_zones::DynamoDbZoneMemory;
use crate::storage::{
    DynamoDbPlaybackStore, InMemoryPlayback, PlaybackState, PlaybackStateStore, Recorded,
    StoreError, UserKey, tables,
};

/// Arguments of `onair serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The address to listen on. Behind a TLS-terminating proxy, keep it on loopback or a private network.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub listen: SocketAddr,
    /// The skill id every request must carry (required unless --insecure-dev).
    #[arg(long, env = "ONAIR_SKILL_ID", value_name = "ID", value_parser = SkillId::parse)]
    pub skill_id: Option<SkillId>,
    /// Turn Alexa request verification off, for local tools that cannot sign; only allowed on a loopback address.
    #[arg(long)]
    pub insecure_dev: bool,
    /// Serve HTTPS with this PEM certificate chain (with --tls-key); without it, plain HTTP for a proxy in front.
    #[arg(long, value_name = "PEM", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The PEM private key of --tls-cert.
    #[arg(long, value_name = "PEM", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Connections open at once; more are closed on accept.
    #[arg(long, default_value_t = Limits::default().max_connections, value_name = "N")]
    pub max_connections: usize,
    /// Requests per second over all connections; more get 429.
    #[arg(long, default_value_t = Limits::default().max_requests_per_second, value_name = "N")]
    pub max_requests_per_second: u32,
    /// The playback-state table (with --table; default: the events table's name + `-playback`), which also
    /// remembers device time zones, as the Lambda function's `ONAIR_PLAYBACK_TABLE`.
    #[arg(long, env = "ONAIR_PLAYBACK_TABLE", value_name = "NAME")]
    pub playback_table: Option<String>,
    /// Where the schedule comes from.
    #[command(flatten)]
    pub source: ScheduleSource,
}

/// Where `serve` keeps each listener's stream: the playback table next to a DynamoDB schedule (so a restart or a
/// second instance resumes where the listener was, as the Lambda does), in memory next to a file or the demo.
#[derive(Debug)]
enum ServePlayback {
    Memory(InMemoryPlayback),
    DynamoDb(DynamoDbPlaybackStore),
}

impl PlaybackStateStore for ServePlayback {
    async fn load(&self, user: &UserKey) -> Result<Option<PlaybackState>, StoreError> {
        match self {
            Self::Memory(store) => store.load(user).await,
            Self::DynamoDb(store) => store.load(user).await,
        }
    }

    async fn record(&self, user: &UserKey, state: &PlaybackState) -> Result<Recorded, StoreError> {
        match self {
            Self::Memory(store) => store.record(user, state).await,
            Self::DynamoDb(store) => store.record(user, state).await,
        }
    }
}

pub(super) async fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let verification = if args.insecure_dev {
        anyhow::ensure!(
            args.listen.ip().is_loopback(),
            "--insecure-dev turns request verification off and is only allowed on a loopback address, not {}",
            args.listen
        );
        Verification::InsecureDev
    } else {
        let skill_id = args.skill_id.clone().context(
            "onair serve verifies every request as Alexa requires and needs the skill id: pass --skill-id or set \
             ONAIR_SKILL_ID (for local tools that cannot sign, --insecure-dev on a loopback address)",
        )?;
        let certs = CertCache::new(CertFetcher::new()?, TrustRoots::mozilla());
        Verification::On(Verifier::new(skill_id, certs))
    };
    let tls = match (&args.tls_cert, &args.tls_key) {
        (Some(cert), Some(key)) => Some(crate::serve::tls_acceptor(cert, key)?),
        _ => None,
    };
    let limits = Limits {
        max_connections: args.max_connections.max(1),
        max_requests_per_second: args.max_requests_per_second.max(1),
        ..Limits::default()
    };
    let store = args.source.open().await?;
    let (playback, zone_memory, follows) = match &store {
        CliStore::DynamoDb(_) => {
            let events_table = args.source.table.as_deref().unwrap_or_default();
            let table = args
                .playback_table
                .clone()
                .unwrap_or_else(|| tables::default_playback_table(events_table));
            let client = crate::storage::dynamo_db::client(&super::sdk_config().await?);
            super::check_table(&client, &table).await?;
            let follows: std::sync::Arc<dyn crate::storage::FollowStore> =
                std::sync::Arc::new(crate::storage::DynamoDbFollows::new(
                    client.clone(),
                    tables::default_follows_table(events_table),
                ));
            (
                ServePlayback::DynamoDb(DynamoDbPlaybackStore::new(client.clone(), &table)),
                Some(DynamoDbZoneMemory::new(client, &table)),
                follows,
            )
        }
        CliStore::Memory(_) => {
            anyhow::ensure!(
                args.playback_table.is_none(),
                "--playback-table (or ONAIR_PLAYBACK_TABLE) needs --table: with a schedule file or the demo \
                 lineup, playback state is kept in memory"
            );
            let follows: std::sync::Arc<dyn crate::storage::FollowStore> =
                std::sync::Arc::new(crate::storage::InMemoryFollows::new());
            (
                ServePlayback::Memory(InMemoryPlayback::new()),
                None,
                follows,
            )
        }
    };
    // Verified requests come from Alexa, so their `apiEndpoint` is Amazon's and the device's zone is asked of the
    // Settings API as the Lambda does; unverified ones (--insecure-dev) could name any host, so they get none.
    let zones = match verification {
        Verification::On(_) => {
            let zones = SettingsApiZones::new(SettingsApiConfig::default())?;
            Some(match zone_memory {
                Some(memory) => zones.with_memory(memory),
                None => zones,
            })
        }
        Verification::InsecureDev => None,
    };
    let skill = Skill::new(store)
        .with_playback(playback)
        .with_zones(zones)
        .with_follows(follows);
    let listener = crate::serve::bind(args.listen).await?;
    let shutdown = crate::serve::shutdown_signal();
    let scheme = if tls.is_some() { "https" } else { "http" };
    emit(format_args!(
        "onair serves Alexa requests on {scheme}://{}/ (POST a request envelope; GET /healthz; Ctrl-C stops)",
        listener.local_addr()?
    ))?;
    if matches!(verification, Verification::InsecureDev) {
        eprintln!(
            "WARNING: --insecure-dev: request verification is OFF; anyone who reaches this address is answered"
        );
    }
    let endpoint = Arc::new(Endpoint::new(skill, verification, limits));
    crate::serve::serve(listener, tls, endpoint, shutdown).await?;
    Ok(ExitCode::SUCCESS)
}
