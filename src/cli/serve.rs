//! `onair serve`: the skill as an HTTP(S) endpoint. The server and Amazon's request verification live in
//! [`crate::serve`]; this file only turns flags into an [`Endpoint`] and prints the banner.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;

use super::{ScheduleSource, emit};
use crate::config::SkillId;
use crate::serve::verify::{CertCache, CertFetcher, TrustRoots, Verifier};
use crate::serve::{Endpoint, Limits, Verification};
use crate::skill::Skill;
use crate::storage::InMemoryPlayback;

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
    /// Where the schedule comes from.
    #[command(flatten)]
    pub source: ScheduleSource,
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
    let skill = Skill::new(args.source.open().await?)
        .with_playback(InMemoryPlayback::new())
        .with_follows(std::sync::Arc::new(crate::storage::InMemoryFollows::new()));
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
