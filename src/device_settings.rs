//! The Alexa Settings API adapter of the [`DeviceZones`] port: `GET {apiEndpoint}/v2/devices/{deviceId}/settings/
//! System.timeZone` with the request's bearer token (SPEC §7), under a short deadline and a per-device cache.
//!
//! A slow or failing Settings API must never cost the listener an answer: Alexa gives a skill 8 seconds, so the call
//! has a total deadline (800 ms by default), a warm device costs no call at all, and every failure becomes `None`,
//! which the skill speaks as a relative time ("in about 3 hours") rather than a wrong clock time.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use chrono::Utc;
use chrono_tz::Tz;
use reqwest::StatusCode;
use tokio::time::Instant;
use url::Url;

use crate::skill::{DeviceRef, DeviceZones, parse_zone};
use crate::storage::dynamo_db_zones::{DeviceKey, DynamoDbZoneMemory};

/// How long a lookup may take in total (connect, request, body) before the skill gives up and speaks relative times.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_millis(800);
/// How long a device's zone is trusted: people rarely move their Echo to another zone.
pub const DEFAULT_TTL: Duration = Duration::from_secs(6 * 60 * 60);
/// How long a failed lookup is remembered, so an outage costs each device one timeout per period, not one per request.
pub const DEFAULT_RETRY_AFTER: Duration = Duration::from_secs(10 * 60);
/// How many devices the cache holds before it forgets the oldest.
pub const DEFAULT_CAPACITY: usize = 10_000;

/// Which `apiEndpoint` values the adapter sends a bearer token to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EndpointPolicy {
    /// Only `https://` endpoints, as Alexa always sends.
    #[default]
    HttpsOnly,
    /// Plain `http://` too: for a local stand-in of the Settings API in tests.
    AllowHttp,
    /// No call at all: every device's zone is unknown and times are spoken relative to now. For local runs whose
    /// fixtures name Amazon's real `apiEndpoint` (`ONAIR_DEVICE_SETTINGS=off`).
    Offline,
}

/// Tuning of [`SettingsApiZones`]; [`Default`] is what production uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettingsApiConfig {
    /// Total deadline of one lookup.
    pub timeout: Duration,
    /// How long a zone the API returned is cached.
    pub ttl: Duration,
    /// How long a failed lookup (no setting, an error status, a timeout) is cached.
    pub retry_after: Duration,
    /// Most devices cached at once; the oldest entry is evicted first.
    pub capacity: usize,
    /// Which endpoints may be called.
    pub endpoints: EndpointPolicy,
}

impl Default for SettingsApiConfig {
    fn default() -> Self {
        Self {
            timeout: DEFAULT_TIMEOUT,
            ttl: DEFAULT_TTL,
            retry_after: DEFAULT_RETRY_AFTER,
            capacity: DEFAULT_CAPACITY,
            endpoints: EndpointPolicy::HttpsOnly,
        }
    }
}

/// Why the adapter could not be built.
#[derive(Debug, thiserror::Error)]
pub enum DeviceSettingsError {
    /// The HTTP client (TLS roots, resolver) could not be set up.
    #[error("cannot build the settings api http client")]
    Client(#[source] reqwest::Error),
    /// The TLS stack could not be set up (no root certificates).
    #[error(transparent)]
    Tls(#[from] crate::tls::TlsError),
}

/// The device time zone from the Alexa Settings API, cached per device. Cheap to clone: clones share the client
/// and the cache.
#[derive(Debug, Clone)]
pub struct SettingsApiZones {
    inner: Arc<Inner>,
    /// Zones remembered across cold starts (DynamoDB), asked before the Settings API.
    memory: Option<DynamoDbZoneMemory>,
}

#[derive(Debug)]
struct Inner {
    client: reqwest::Client,
    config: SettingsApiConfig,
    cache: Mutex<ZoneCache>,
    /// Requests without the fields to ask with are logged once per process: they have no device to key on.
    warned_missing: AtomicBool,
}

impl SettingsApiZones {
    /// An adapter with its own HTTP client, built once.
    ///
    /// # Errors
    /// Returns [`DeviceSettingsError::Client`] when the HTTP client cannot be built (no TLS roots, for example).
    pub fn new(config: SettingsApiConfig) -> Result<Self, DeviceSettingsError> {
        // The bearer token must only ever go to the endpoint the request named: no redirects.
        let client = crate::tls::api_client_builder(config.timeout)?
            .build()
            .map_err(DeviceSettingsError::Client)?;
        Ok(Self {
            inner: Arc::new(Inner {
                client,
                config,
                cache: Mutex::new(ZoneCache::new(config.capacity)),
                warned_missing: AtomicBool::new(false),
            }),
            memory: None,
        })
    }

    /// The same adapter, remembering each zone it learns in `memory` and asking `memory` before the Settings API,
    /// so a new container does not ask the API again for a device another container already knows.
    #[must_use]
    pub fn with_memory(mut self, memory: DynamoDbZoneMemory) -> Self {
        self.memory = Some(memory);
        self
    }

    /// The tuning this adapter runs with.
    #[must_use]
    pub fn config(&self) -> &SettingsApiConfig {
        &self.inner.config
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, ZoneCache> {
        // The cache holds no invariant a panic could break halfway, so a poisoned lock is still usable.
        self.inner
            .cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// One call to the Settings API, bounded by the total deadline.
    async fn fetch(&self, endpoint: &str, device_id: &str, token: &str) -> Result<Tz, Failure> {
        let url = settings_url(endpoint, device_id, self.inner.config.endpoints)?;
        let call = async {
            let response = self
                .inner
                .client
                .get(url)
                .bearer_auth(token)
                .header(reqwest::header::ACCEPT, "application/json")
                .send()
                .await
                .map_err(|e| Failure::from_transport(&e))?;
            match response.status() {
                StatusCode::OK => {}
                StatusCode::NO_CONTENT => return Err(Failure::NoSetting),
                status => return Err(Failure::Status(status.as_u16())),
            }
            // SPEC §7: the body is a JSON string with its quotes ("Europe/Rome"), never bare text.
            let name: String = response
                .json()
                .await
                .map_err(|e| Failure::from_transport(&e))?;
            parse_zone(&name).map_err(|_| Failure::UnknownZone)
        };
        // reqwest enforces the same deadline; this one also covers anything reqwest does outside its own timer.
        tokio::time::timeout(self.inner.config.timeout, call)
            .await
            .unwrap_or(Err(Failure::Timeout))
    }
}

impl DeviceZones for SettingsApiZones {
    async fn zone_of(&self, device: DeviceRef<'_>) -> Option<Tz> {
        if self.inner.config.endpoints == EndpointPolicy::Offline {
            return None;
        }
        let (Some(endpoint), Some(device_id), Some(token)) = (
            device.api_endpoint,
            device.device_id,
            device.api_access_token,
        ) else {
            if !self.inner.warned_missing.swap(true, Ordering::Relaxed) {
                tracing::warn!(
                    settings_api.failure = %Failure::MissingFields,
                    "device time zone unknown; speaking relative times"
                );
            }
            return None;
        };
        if let Some(cached) = self.cache().fresh(device_id, Instant::now()) {
            return cached;
        }
        // The lookup is a task of its own: when the skill stops waiting for it (its answer speaks no clock time),
        // it still completes and fills the cache and the memory for the device's next question.
        let this = self.clone();
        let (endpoint, device_id, token) =
            (endpoint.to_owned(), device_id.to_owned(), token.to_owned());
        tokio::spawn(async move { this.look_up(&endpoint, &device_id, &token).await })
            .await
            .unwrap_or(None)
    }
}

impl SettingsApiZones {
    /// The zone from the memory, else from the Settings API (then remembered); cached either way.
    async fn look_up(&self, endpoint: &str, device_id: &str, token: &str) -> Option<Tz> {
        let key = self
            .memory
            .as_ref()
            .map(|memory| (memory, DeviceKey::from_device_id(device_id)));
        if let Some((memory, key)) = &key {
            let remembered =
                tokio::time::timeout(self.inner.config.timeout, memory.load(key, Utc::now())).await;
            match remembered {
                Ok(Ok(Some(zone))) => {
                    let ttl = self.inner.config.ttl;
                    self.cache()
                        .remember(device_id, Some(zone), Instant::now(), ttl);
                    return Some(zone);
                }
                Ok(Ok(None)) => {}
                Ok(Err(error)) => {
                    tracing::warn!(error = %error, "remembered device zones unreadable; asking the settings api");
                }
                Err(_) => {
                    tracing::warn!("remembered device zones timed out; asking the settings api");
                }
            }
        }
        let outcome = self.fetch(endpoint, device_id, token).await;
        let config = &self.inner.config;
        let first_failure = self.cache().remember(
            device_id,
            outcome.as_ref().ok().copied(),
            Instant::now(),
            if outcome.is_ok() {
                config.ttl
            } else {
                config.retry_after
            },
        );
        match outcome {
            Ok(zone) => {
                if let Some((memory, key)) = &key
                    && let Err(error) = memory.save(key, zone, Utc::now()).await
                {
                    tracing::warn!(error = %error, "could not remember the device zone");
                }
                Some(zone)
            }
            Err(failure) => {
                // Logged without the device id or the token (STYLE §13): the failure kind says what went wrong.
                if first_failure {
                    tracing::warn!(
                        settings_api.failure = %failure,
                        settings_api.status = failure.status(),
                        "device time zone unavailable; speaking relative times"
                    );
                }
                None
            }
        }
    }
}

/// `{apiEndpoint}/v2/devices/{deviceId}/settings/System.timeZone`, with the device id escaped as one path segment.
fn settings_url(endpoint: &str, device_id: &str, policy: EndpointPolicy) -> Result<Url, Failure> {
    let mut url = Url::parse(endpoint).map_err(|_| Failure::Endpoint)?;
    match (url.scheme(), policy) {
        ("https", _) | ("http", EndpointPolicy::AllowHttp) => {}
        _ => return Err(Failure::Endpoint),
    }
    if url.cannot_be_a_base() || url.host().is_none() {
        return Err(Failure::Endpoint);
    }
    url.path_segments_mut()
        .map_err(|()| Failure::Endpoint)?
        .pop_if_empty()
        .extend(["v2", "devices", device_id, "settings", "System.timeZone"]);
    Ok(url)
}

/// Why a lookup gave no zone. Its `Display` is what the log says: never a URL, a device id or a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Failure {
    /// The request lacks `apiEndpoint`, `deviceId` or `apiAccessToken`.
    MissingFields,
    /// `apiEndpoint` is not an allowed base URL.
    Endpoint,
    /// The deadline passed.
    Timeout,
    /// No connection (refused, DNS, TLS).
    Connect,
    /// 204: the device has no time zone setting.
    NoSetting,
    /// 401, 403, 429, 5xx, …
    Status(u16),
    /// The 200 body is not a JSON string.
    Body,
    /// The JSON string is not an IANA zone chrono-tz knows.
    UnknownZone,
}

impl Failure {
    fn from_transport(error: &reqwest::Error) -> Self {
        if error.is_timeout() {
            Self::Timeout
        } else if error.is_connect() {
            Self::Connect
        } else {
            Self::Body
        }
    }

    fn status(self) -> Option<u16> {
        match self {
            Self::NoSetting => Some(204),
            Self::Status(code) => Some(code),
            _ => None,
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::MissingFields => "request lacks apiEndpoint, deviceId or apiAccessToken",
            Self::Endpoint => "apiEndpoint is not an allowed url",
            Self::Timeout => "timeout",
            Self::Connect => "connection failed",
            Self::NoSetting => "no time zone setting",
            Self::Status(_) => "error status",
            Self::Body => "body is not a json string",
            Self::UnknownZone => "unknown time zone name",
        })
    }
}

/// Zones per device id, each until its expiry, bounded in size (first in, first out).
#[derive(Debug)]
struct ZoneCache {
    entries: HashMap<String, CacheEntry>,
    /// Device ids in the order they entered, for eviction.
    order: VecDeque<String>,
    capacity: usize,
}

#[derive(Debug, Clone, Copy)]
struct CacheEntry {
    zone: Option<Tz>,
    expires: Instant,
    /// Whether this device's current run of failures has been logged.
    warned: bool,
}

impl ZoneCache {
    fn new(capacity: usize) -> Self {
        Self {
            entries: HashMap::new(),
            order: VecDeque::new(),
            capacity: capacity.max(1),
        }
    }

    /// The cached answer for a device, unless it has expired (`Some(None)`: a recent lookup found no zone).
    fn fresh(&self, device_id: &str, now: Instant) -> Option<Option<Tz>> {
        self.entries
            .get(device_id)
            .filter(|entry| now < entry.expires)
            .map(|entry| entry.zone)
    }

    /// Records a lookup's outcome for `valid_for`. Returns whether it is a failure not yet logged for this device.
    fn remember(
        &mut self,
        device_id: &str,
        zone: Option<Tz>,
        now: Instant,
        valid_for: Duration,
    ) -> bool {
        let failed = zone.is_none();
        let expires = now + valid_for;
        if let Some(entry) = self.entries.get_mut(device_id) {
            let first_failure = failed && !entry.warned;
            *entry = CacheEntry {
                zone,
                expires,
                warned: failed,
            };
            return first_failure;
        }
        while self.entries.len() >= self.capacity {
            let Some(oldest) = self.order.pop_front() else {
                break;
            };
            self.entries.remove(&oldest);
        }
        self.order.push_back(device_id.to_owned());
        self.entries.insert(
            device_id.to_owned(),
            CacheEntry {
                zone,
                expires,
                warned: failed,
            },
        );
        failed
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use tokio::time::Instant;

    use super::{EndpointPolicy, Failure, ZoneCache, settings_url};

    const ROME: Option<chrono_tz::Tz> = Some(chrono_tz::Europe::Rome);
    const HOUR: Duration = Duration::from_secs(3600);

    #[test]
    fn the_url_names_the_device_as_one_escaped_segment() {
        let url = settings_url(
            "https://api.eu.amazonalexa.com/",
            "amzn1.ask.device.AB/C D",
            EndpointPolicy::HttpsOnly,
        )
        .unwrap();
        assert_eq!(
            url.as_str(),
            "https://api.eu.amazonalexa.com/v2/devices/amzn1.ask.device.AB%2FC%20D/settings/System.timeZone"
        );
    }

    #[test]
    fn the_token_only_goes_to_allowed_endpoints() {
        let device = "amzn1.ask.device.X";
        let https_only = EndpointPolicy::HttpsOnly;
        assert_eq!(
            settings_url("http://127.0.0.1:9", device, https_only),
            Err(Failure::Endpoint)
        );
        assert_eq!(
            settings_url("not a url", device, https_only),
            Err(Failure::Endpoint)
        );
        assert_eq!(
            settings_url("file:///etc/passwd", device, EndpointPolicy::AllowHttp),
            Err(Failure::Endpoint)
        );
        assert!(settings_url("http://127.0.0.1:9", device, EndpointPolicy::AllowHttp).is_ok());
    }

    #[test]
    fn entries_expire_after_their_validity() {
        // GIVEN a zone cached for six hours
        let mut cache = ZoneCache::new(10);
        let t0 = Instant::now();
        cache.remember("device", ROME, t0, 6 * HOUR);
        // THEN it is served until then, and asked for again after
        assert_eq!(cache.fresh("device", t0 + 5 * HOUR), Some(ROME));
        assert_eq!(cache.fresh("device", t0 + 6 * HOUR), None);
        assert_eq!(cache.fresh("other", t0), None);
    }

    #[test]
    fn a_full_cache_forgets_the_oldest_device() {
        let mut cache = ZoneCache::new(2);
        let t0 = Instant::now();
        cache.remember("first", ROME, t0, HOUR);
        cache.remember("second", ROME, t0, HOUR);
        // Refreshing an entry does not grow the cache.
        cache.remember("first", ROME, t0, HOUR);
        cache.remember("third", ROME, t0, HOUR);
        assert_eq!(cache.fresh("first", t0), None);
        assert_eq!(cache.fresh("second", t0), Some(ROME));
        assert_eq!(cache.fresh("third", t0), Some(ROME));
        assert_eq!(cache.entries.len(), 2);
    }

    #[test]
    fn a_device_failing_again_is_logged_once_until_it_recovers() {
        let mut cache = ZoneCache::new(10);
        let t0 = Instant::now();
        assert!(cache.remember("device", None, t0, HOUR), "first failure");
        assert!(
            !cache.remember("device", None, t0 + HOUR, HOUR),
            "same outage"
        );
        assert!(
            !cache.remember("device", ROME, t0 + 2 * HOUR, HOUR),
            "success"
        );
        assert!(
            cache.remember("device", None, t0 + 3 * HOUR, HOUR),
            "new outage"
        );
        // A failed lookup is cached too: an outage costs one timeout per device per period.
        assert_eq!(cache.fresh("device", t0 + 3 * HOUR), Some(None));
    }
}
