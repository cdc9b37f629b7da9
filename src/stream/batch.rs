//! Many stream checks at once, as an import or the health check needs them: each distinct URL is checked once per
//! run, at most [`MAX_CONCURRENT_CHECKS`] at a time ([`MAX_CHECKS_PER_HOST`] on one host), and at most
//! [`MAX_DISTINCT_URLS`] per run.
//!
//! A host that cannot be connected to (no address, connection refused or timed out, no TLS handshake) is not asked
//! again in the same run: its other URLs get the same verdict at once. A URL that hangs or fails after connecting
//! says nothing of the host's other URLs (a CDN can serve one channel while another's origin is down), so those are
//! still checked one by one. A partner's file usually puts every stream on one or two
//! hosts, so without this an unreachable host cost every distinct URL a full timeout, and 2,000 of them could
//! outlast the import function's 5 minutes.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use super::resolver::{Resolver, StreamReport};

/// Checks running at once: enough to hide latency, few enough not to look like a flood to a partner's server.
pub const MAX_CONCURRENT_CHECKS: usize = 8;
/// Distinct URLs one run checks; URLs beyond it are not checked (and the events keep their `streamUrl`).
pub const MAX_DISTINCT_URLS: usize = 2_000;
/// Checks running at once on one host (scheme, name and port).
pub const MAX_CHECKS_PER_HOST: usize = 2;

/// What a run knows of one host.
#[derive(Debug)]
struct HostState {
    /// Admits [`MAX_CHECKS_PER_HOST`] checks at a time.
    gate: Arc<Semaphore>,
    /// The report of a URL of this host that never got an answer.
    silent: Option<Arc<StreamReport>>,
}

impl Default for HostState {
    fn default() -> Self {
        Self {
            gate: Arc::new(Semaphore::new(MAX_CHECKS_PER_HOST)),
            silent: None,
        }
    }
}

/// The host a URL is fetched from (`https://host:port`), or `None` for what is not a URL (refused at once).
fn host_of(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    Some(format!(
        "{}://{}:{}",
        parsed.scheme(),
        parsed.host_str()?,
        parsed.port_or_known_default()?
    ))
}

/// A resolver with a per-run cache (see the module docs). Clones share the cache.
#[derive(Debug, Clone)]
pub struct StreamChecks {
    resolver: Resolver,
    done: Arc<Mutex<HashMap<String, Arc<StreamReport>>>>,
    hosts: Arc<Mutex<HashMap<String, HostState>>>,
}

impl StreamChecks {
    /// A run of checks through `resolver`.
    #[must_use]
    pub fn new(resolver: Resolver) -> Self {
        Self {
            resolver,
            done: Arc::default(),
            hosts: Arc::default(),
        }
    }

    /// How many distinct URLs this run has checked.
    #[must_use]
    pub fn checked(&self) -> usize {
        self.done
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .len()
    }

    /// The reports of `urls` (each distinct one checked once per run), by URL. A URL past
    /// [`MAX_DISTINCT_URLS`] has no report.
    pub async fn check_all<'u>(
        &self,
        urls: impl IntoIterator<Item = &'u str>,
    ) -> HashMap<String, Arc<StreamReport>> {
        let mut wanted: Vec<String> = urls.into_iter().map(str::to_owned).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let missing: Vec<String> = {
            let done = self
                .done
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let room = MAX_DISTINCT_URLS.saturating_sub(done.len());
            wanted
                .iter()
                .filter(|url| !done.contains_key(*url))
                .take(room)
                .cloned()
                .collect()
        };
        let permits = Arc::new(Semaphore::new(MAX_CONCURRENT_CHECKS));
        let mut running = JoinSet::new();
        for url in missing {
            let checks = self.clone();
            let permits = Arc::clone(&permits);
            running.spawn(async move {
                let report = checks.check_one(&url, &permits).await;
                (url, report)
            });
        }
        let mut checked = Vec::new();
        while let Some(finished) = running.join_next().await {
            if let Ok((url, report)) = finished {
                checked.push((url, report));
            }
        }
        let mut done = self
            .done
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        done.extend(checked);
        wanted
            .into_iter()
            .filter_map(|url| done.get(&url).map(|report| (url, Arc::clone(report))))
            .collect()
    }

    /// Checks `url` once its host admits it (or answers from the host's silence) and a run-wide permit is free.
    async fn check_one(&self, url: &str, permits: &Arc<Semaphore>) -> Arc<StreamReport> {
        let host = host_of(url);
        let gate = host.as_ref().map(|host| {
            let mut hosts = self
                .hosts
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            Arc::clone(&hosts.entry(host.clone()).or_default().gate)
        });
        // The host's turn first, then a run-wide permit, so URLs of one slow host never hold permits other hosts
        // could use.
        let _host_turn = match &gate {
            Some(gate) => Some(Arc::clone(gate).acquire_owned().await),
            None => None,
        };
        if let Some(silent) = host.as_ref().and_then(|host| self.silent_report(host)) {
            return Arc::new(silent.for_url_on_same_host(url));
        }
        let _permit = Arc::clone(permits).acquire_owned().await;
        let report = Arc::new(self.resolver.check(url).await);
        if let Some(host) = host.filter(|_| report.host_never_answered()) {
            let mut hosts = self
                .hosts
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            hosts.entry(host).or_default().silent = Some(Arc::clone(&report));
        }
        report
    }

    fn silent_report(&self, host: &str) -> Option<Arc<StreamReport>> {
        self.hosts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(host)
            .and_then(|state| state.silent.clone())
    }
}
