//! Signing certificates, fetched once per URL and kept while they verify (SPEC §6 step 3: "cache per URL").
//!
//! Only a [`CertUrl`] can be fetched, so a request can make onair fetch nothing but a file under
//! `https://s3.amazonaws.com/echo.api/`; redirects are not followed, the fetch has a timeout and a size cap, and at
//! most one fetch runs at a time. Only chains that verified are cached; a cached chain is checked again on every
//! request (a few microseconds) and dropped and fetched anew once it no longer verifies because it expired.
//!
//! A URL whose fetch or verification failed is refused without a new fetch for [`FAILURE_MEMORY`], and at most
//! [`MAX_FETCHES_PER_MINUTE`] fetches start in any minute: a stream of forged requests naming made-up URLs under
//! `/echo.api/` costs one fetch each at most, and cannot queue Amazon's own URL behind thousands of slow fetches.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};

use super::Refusal;
use super::cert_url::CertUrl;
use super::chain::{Chain, TrustRoots};

/// A certificate chain is a few kilobytes (Amazon's is about 6 KiB); anything larger is not one.
pub const MAX_CHAIN_BYTES: usize = 64 * 1024;
/// How long one fetch may take, connection included. Alexa gives the whole request 8 s.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(3);
/// How many certificate URLs are remembered. Amazon uses one at a time (two around a rotation).
const MAX_ENTRIES: usize = 8;
/// How long a URL that failed (fetch, PEM, chain) is refused without fetching it again.
pub const FAILURE_MEMORY: TimeDelta = TimeDelta::seconds(60);
/// How many failed URLs are remembered; beyond it the oldest are forgotten.
const MAX_FAILURES: usize = 256;
/// Fetches allowed to start per minute. Amazon rotates its certificate rarely, so a legitimate endpoint makes one
/// fetch a day or so; anything near this bound is someone naming URLs that are not Amazon's.
pub const MAX_FETCHES_PER_MINUTE: usize = 10;

/// Why the fetcher could not be built.
#[derive(Debug, thiserror::Error)]
pub enum FetcherError {
    /// The HTTP client could not be built (its TLS set-up).
    #[error("cannot build the certificate fetcher's HTTP client")]
    Client(#[from] reqwest::Error),
}

/// Fetches PEM chains over HTTPS.
#[derive(Debug, Clone)]
pub struct CertFetcher {
    client: reqwest::Client,
}

impl CertFetcher {
    /// The production fetcher: the system's TLS roots, no redirects, HTTPS only.
    ///
    /// # Errors
    /// When the TLS client cannot be built.
    pub fn new() -> Result<Self, FetcherError> {
        Ok(Self {
            client: Self::builder().build()?,
        })
    }

    /// A fetcher that reaches `s3.amazonaws.com` at `address` and trusts only the CA in `ca_pem`: for tests and
    /// the load benchmark, which serve their own certificates from a local HTTPS server. Production never calls it.
    ///
    /// # Errors
    /// When `ca_pem` is not a PEM certificate or the client cannot be built.
    pub fn local(ca_pem: &[u8], address: SocketAddr) -> Result<Self, FetcherError> {
        let ca = reqwest::Certificate::from_pem(ca_pem)?;
        Ok(Self {
            client: Self::builder()
                .tls_certs_only([ca])
                .resolve("s3.amazonaws.com", address)
                .build()?,
        })
    }

    fn builder() -> reqwest::ClientBuilder {
        crate::tls::install_default_provider();
        reqwest::Client::builder()
            .https_only(true)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .connect_timeout(FETCH_TIMEOUT)
            .timeout(FETCH_TIMEOUT)
    }

    /// The body at `url`, if it answers 200 within the timeout and the size cap.
    async fn fetch(&self, url: &CertUrl) -> Result<Vec<u8>, Refusal> {
        let mut response = self
            .client
            .get(url.as_url().clone())
            .send()
            .await
            .map_err(|_| Refusal::CertFetch)?;
        if response.status() != reqwest::StatusCode::OK {
            return Err(Refusal::CertFetch);
        }
        if response
            .content_length()
            .is_some_and(|length| length > MAX_CHAIN_BYTES as u64)
        {
            return Err(Refusal::CertFetch);
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|_| Refusal::CertFetch)? {
            if body.len() + chunk.len() > MAX_CHAIN_BYTES {
                return Err(Refusal::CertFetch);
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

/// Verified chains by URL, with the roots they are checked against.
#[derive(Debug)]
pub struct CertCache {
    fetcher: CertFetcher,
    roots: TrustRoots,
    chains: Mutex<HashMap<CertUrl, Arc<Chain>>>,
    /// URLs that failed, with the instant they failed and the refusal to repeat until [`FAILURE_MEMORY`] passed.
    failures: Mutex<HashMap<CertUrl, (DateTime<Utc>, Refusal)>>,
    /// When the fetches of the last minute started (at most [`MAX_FETCHES_PER_MINUTE`]).
    recent_fetches: Mutex<std::collections::VecDeque<DateTime<Utc>>>,
    /// Held while fetching: one fetch at a time, and a burst of requests naming a new URL fetches it once.
    fetching: tokio::sync::Mutex<()>,
    fetches: std::sync::atomic::AtomicU64,
}

impl CertCache {
    /// An empty cache fetching with `fetcher` and trusting `roots`.
    #[must_use]
    pub fn new(fetcher: CertFetcher, roots: TrustRoots) -> Self {
        Self {
            fetcher,
            roots,
            chains: Mutex::new(HashMap::new()),
            failures: Mutex::new(HashMap::new()),
            recent_fetches: Mutex::new(std::collections::VecDeque::new()),
            fetching: tokio::sync::Mutex::new(()),
            fetches: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// How many fetches were made so far (each URL once while its chain verifies).
    #[must_use]
    pub fn fetches(&self) -> u64 {
        self.fetches.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The chain at `url`, verified at `now`: from the cache, or fetched and verified first.
    pub(crate) async fn chain(
        &self,
        url: &CertUrl,
        now: DateTime<Utc>,
    ) -> Result<Arc<Chain>, Refusal> {
        if let Some(chain) = self.cached(url, now)? {
            return Ok(chain);
        }
        let _fetching = self.fetching.lock().await;
        // Another request may have fetched it while this one waited.
        if let Some(chain) = self.cached(url, now)? {
            return Ok(chain);
        }
        if let Some(refusal) = self.recent_failure(url, now) {
            return Err(refusal);
        }
        if !self.fetch_allowed(now) {
            return Err(Refusal::CertFetch);
        }
        self.fetches
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let chain = match self.fetch_and_check(url, now).await {
            Ok(chain) => chain,
            Err(refusal) => {
                self.remember_failure(url, now, refusal);
                return Err(refusal);
            }
        };
        let mut chains = self.chains.lock().unwrap_or_else(PoisonError::into_inner);
        if chains.len() >= MAX_ENTRIES {
            chains.clear();
        }
        chains.insert(url.clone(), Arc::clone(&chain));
        Ok(chain)
    }

    async fn fetch_and_check(
        &self,
        url: &CertUrl,
        now: DateTime<Utc>,
    ) -> Result<Arc<Chain>, Refusal> {
        let pem = self.fetcher.fetch(url).await?;
        let chain = Chain::from_pem(&pem)?;
        chain.check(&self.roots, now)?;
        Ok(Arc::new(chain))
    }

    /// The refusal `url` earned less than [`FAILURE_MEMORY`] ago, if any.
    fn recent_failure(&self, url: &CertUrl, now: DateTime<Utc>) -> Option<Refusal> {
        let mut failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        match failures.get(url) {
            Some(&(at, refusal)) if now - at < FAILURE_MEMORY && now >= at => Some(refusal),
            Some(_) => {
                failures.remove(url);
                None
            }
            None => None,
        }
    }

    fn remember_failure(&self, url: &CertUrl, now: DateTime<Utc>, refusal: Refusal) {
        let mut failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        if failures.len() >= MAX_FAILURES {
            failures.retain(|_, &mut (at, _)| now - at < FAILURE_MEMORY && now >= at);
            if failures.len() >= MAX_FAILURES {
                failures.clear();
            }
        }
        failures.insert(url.clone(), (now, refusal));
    }

    /// Whether another fetch may start at `now` (and counts it if so).
    fn fetch_allowed(&self, now: DateTime<Utc>) -> bool {
        let mut recent = self
            .recent_fetches
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        while recent
            .front()
            .is_some_and(|&at| now - at >= TimeDelta::minutes(1) || at > now)
        {
            recent.pop_front();
        }
        if recent.len() >= MAX_FETCHES_PER_MINUTE {
            return false;
        }
        recent.push_back(now);
        true
    }

    /// The cached chain if it still verifies; an expired one is forgotten so the next step fetches it anew.
    fn cached(&self, url: &CertUrl, now: DateTime<Utc>) -> Result<Option<Arc<Chain>>, Refusal> {
        let chain = {
            let chains = self.chains.lock().unwrap_or_else(PoisonError::into_inner);
            match chains.get(url) {
                Some(chain) => Arc::clone(chain),
                None => return Ok(None),
            }
        };
        match chain.check(&self.roots, now) {
            Ok(()) => Ok(Some(chain)),
            Err(Refusal::CertExpired) => {
                let mut chains = self.chains.lock().unwrap_or_else(PoisonError::into_inner);
                chains.remove(url);
                Ok(None)
            }
            Err(other) => Err(other),
        }
    }
}
