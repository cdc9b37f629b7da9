//! Signing certificates, fetched once per URL and kept while they verify (SPEC §6 step 3: "cache per URL").
//!
//! Only a [`CertUrl`] can be fetched, so a request can make onair fetch nothing but a file under
//! `https://s3.amazonaws.com/echo.api/`; redirects are not followed, the fetch has a timeout and a size cap, and at
//! most one fetch runs at a time. Only chains that verified are cached; a cached chain is checked again on every
//! request (a few microseconds) and dropped and fetched anew once it no longer verifies because it expired.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::Refusal;
use super::cert_url::CertUrl;
use super::chain::{Chain, TrustRoots};

/// A certificate chain is a few kilobytes (Amazon's is about 6 KiB); anything larger is not one.
pub const MAX_CHAIN_BYTES: usize = 64 * 1024;
/// How long one fetch may take, connection included. Alexa gives the whole request 8 s.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(3);
/// How many certificate URLs are remembered. Amazon uses one at a time (two around a rotation).
const MAX_ENTRIES: usize = 8;

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
        self.fetches
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let pem = self.fetcher.fetch(url).await?;
        let chain = Chain::from_pem(&pem)?;
        chain.check(&self.roots, now)?;
        let chain = Arc::new(chain);
        let mut chains = self.chains.lock().unwrap_or_else(PoisonError::into_inner);
        if chains.len() >= MAX_ENTRIES {
            chains.clear();
        }
        chains.insert(url.clone(), Arc::clone(&chain));
        Ok(chain)
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
