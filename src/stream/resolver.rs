//! The network half of stream resolution: fetch a `streamUrl` within budgets, following redirects by hand so every
//! hop passes the address rules, and follow what [`classify`] found (a master's rendition, a playlist's first HTTPS
//! entry) to the URL an Echo should play, with a [`StreamReport`] of every step for `onair stream check`.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use reqwest::header::{CONTENT_TYPE, HeaderMap, LOCATION};
use serde::Serialize;
use url::Url;

use super::address::{AddressRefusal, HostPolicy};
use super::decide::{
    Answer, AudioRenditionSeen, Finding, Pick, VariantSeen, classify, may_be_playlist, wants_body,
};
use crate::schedule::{
    HttpsUrl, MAX_BITRATE_KBPS, MIN_BITRATE_KBPS, ResolvedStream, StreamFormat, StreamTrouble,
    TroubleReason,
};
use crate::tls::TlsError;

/// How far a check goes, and whom it trusts.
#[derive(Debug, Clone)]
pub struct ResolverConfig {
    /// Which hosts may be fetched.
    pub hosts: HostPolicy,
    /// `None`: the public web PKI (Mozilla's roots) only. `Some(pem)`: only these certificates (a test CA).
    pub trusted_roots_pem: Option<Vec<u8>>,
    /// Redirects followed per fetch.
    pub max_redirects: usize,
    /// Connecting, and waiting for each part of an answer.
    pub request_timeout: Duration,
    /// Everything one check may take, all fetches together.
    pub check_budget: Duration,
    /// The largest playlist read; a larger one is refused.
    pub max_playlist_bytes: usize,
}

impl Default for ResolverConfig {
    /// Production: public hosts and public roots only, 5 redirects, 5 s per request, 12 s per check, 256 KiB.
    fn default() -> Self {
        Self {
            hosts: HostPolicy::default(),
            trusted_roots_pem: None,
            max_redirects: 5,
            request_timeout: Duration::from_secs(5),
            check_budget: Duration::from_secs(12),
            max_playlist_bytes: 256 * 1024,
        }
    }
}

impl ResolverConfig {
    /// A configuration for a test server: trusts only `ca_pem`, and lets `host` (such as `localhost`) resolve to
    /// loopback. Shorter budgets keep a test of a slow server short.
    #[must_use]
    pub fn for_test_server(ca_pem: &[u8], host: &str) -> Self {
        Self {
            hosts: HostPolicy {
                allowed_non_public: vec![host.to_ascii_lowercase()],
            },
            trusted_roots_pem: Some(ca_pem.to_vec()),
            request_timeout: Duration::from_secs(2),
            check_budget: Duration::from_secs(3),
            ..Self::default()
        }
    }
}

/// What a warning is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WarningKind {
    /// The stream could not be reached (connection, TLS, timeout, HTTP error, too many redirects).
    Unreachable,
    /// It answered with something an Echo cannot play (video only, a web page, a playlist too large).
    NotAudio,
    /// Its bitrate is outside 16–384 kbit/s.
    BitrateOutOfRange,
    /// A playlist entry, a rendition or a redirect is plain `http://`, which an Echo refuses.
    PlainHttpEntry,
    /// The address breaks the rules (an IP address, a private host, credentials in the URL).
    AddressRefused,
}

/// One warning about a stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StreamWarning {
    /// What it is about.
    pub kind: WarningKind,
    /// The detail, in words.
    pub detail: String,
}

impl std::fmt::Display for StreamWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.kind {
            WarningKind::Unreachable => "stream unreachable",
            WarningKind::NotAudio => "stream is not audio an Echo plays",
            WarningKind::BitrateOutOfRange => "stream bitrate out of range",
            WarningKind::PlainHttpEntry => "plain-http entry",
            WarningKind::AddressRefused => "stream address refused",
        };
        write!(f, "streamUrl: {what}: {}", self.detail)
    }
}

/// The verdict of a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// An Echo can play `playUrl`.
    Playable,
    /// Not reachable now: may well be fine at show time.
    Unreachable,
    /// Reachable (or refused by the rules), but nothing an Echo can play.
    NotPlayable,
}

/// One fetch of a check.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    /// The URL fetched.
    pub url: String,
    /// The HTTP status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The content type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// Where it redirected to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirected_to: Option<String>,
    /// What it was found to be.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
    /// A master's variants.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<VariantSeen>,
    /// A master's audio renditions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub audio_renditions: Vec<AudioRenditionSeen>,
    /// A master's pick, and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub picked: Option<Pick>,
}

/// What a check decided, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StreamReport {
    /// The URL checked, as given.
    pub url: String,
    /// The verdict.
    pub verdict: Verdict,
    /// What the URL is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<StreamFormat>,
    /// The URL an Echo is sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub play_url: Option<String>,
    /// The audio codec, when named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub codec: Option<String>,
    /// The bitrate in kbit/s, when named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bitrate_kbps: Option<u32>,
    /// Warnings, in the order found.
    pub warnings: Vec<StreamWarning>,
    /// Every fetch.
    pub steps: Vec<Step>,
    /// Whether the host itself could not be connected to (see [`StreamReport::host_never_answered`]).
    #[serde(skip)]
    pub host_down: bool,
}

impl StreamReport {
    /// Whether the host itself could not be reached: no address, connection refused or timed out, no TLS
    /// handshake, before any HTTP answer. Other URLs of that host would fail the same way now. (A URL that only
    /// hangs after the connection, or answers with an error status, says nothing of the host's other URLs: a CDN
    /// can serve one channel while another's origin is down.)
    #[must_use]
    pub fn host_never_answered(&self) -> bool {
        self.verdict == Verdict::Unreachable
            && self.host_down
            && self.steps.iter().all(|step| step.status.is_none())
    }

    /// This report, for `url` on the same host, which was not fetched because the host never answered this one.
    #[must_use]
    pub fn for_url_on_same_host(&self, url: &str) -> Self {
        Self {
            url: url.to_owned(),
            verdict: self.verdict,
            format: None,
            play_url: None,
            codec: None,
            bitrate_kbps: None,
            warnings: self.warnings.clone(),
            host_down: self.host_down,
            steps: vec![Step {
                url: url.to_owned(),
                found: Some(format!(
                    "not fetched: its host did not answer for {} in the same run",
                    self.url
                )),
                ..Step::default()
            }],
        }
    }

    /// What to record on the event for a check at `at`: the stream to play, when one was found.
    #[must_use]
    pub fn resolved(&self, at: DateTime<Utc>) -> Option<ResolvedStream> {
        if self.verdict != Verdict::Playable {
            return None;
        }
        Some(ResolvedStream {
            play_url: HttpsUrl::parse(self.play_url.as_deref()?).ok()?,
            format: self.format?,
            codec: self.codec.clone(),
            bitrate_kbps: self.bitrate_kbps,
            checked_at: at,
        })
    }

    /// The trouble to record for a check at `at`. An import records only lasting findings (not audio, refused):
    /// a stream unreachable days before its show may well be up by then. `live` (the health check, shows on air
    /// now or soon) records an unreachable stream too.
    #[must_use]
    pub fn trouble(&self, at: DateTime<Utc>, live: bool) -> Option<StreamTrouble> {
        let reason = match self.verdict {
            Verdict::Playable => return None,
            Verdict::NotPlayable => TroubleReason::NotPlayable,
            Verdict::Unreachable if live => TroubleReason::Unreachable,
            Verdict::Unreachable => return None,
        };
        Some(StreamTrouble {
            reason,
            seen_at: at,
            playback_failures: 0,
        })
    }
}

/// Why following a URL stopped.
#[derive(Debug)]
enum Stop {
    Unreachable(String),
    /// No connection could be made to the host at all (no address, refused, no TLS handshake): every URL of that
    /// host would fail the same way now.
    HostDown(String),
    NotPlayable(WarningKind, String),
}

impl From<AddressRefusal> for Stop {
    fn from(refusal: AddressRefusal) -> Self {
        match refusal {
            AddressRefusal::NotHttps(url) => {
                Self::NotPlayable(WarningKind::PlainHttpEntry, format!("{url} is plain http"))
            }
            other => Self::NotPlayable(WarningKind::AddressRefused, other.to_string()),
        }
    }
}

/// What one level of following found.
struct Found {
    play_url: Url,
    format: StreamFormat,
    codec: Option<String>,
    bitrate_kbps: Option<u32>,
}

/// Resolves stream URLs (see the module docs). Cheap to clone; one per process.
#[derive(Debug, Clone)]
pub struct Resolver {
    client: reqwest::Client,
    config: Arc<ResolverConfig>,
}

/// A DNS resolver that refuses names resolving to non-public addresses, so the address checked is the address
/// connected to (no second lookup an attacker's DNS could answer differently).
struct PublicDns {
    hosts: HostPolicy,
}

impl reqwest::dns::Resolve for PublicDns {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let hosts = self.hosts.clone();
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let addresses: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            for address in &addresses {
                hosts.check_address(&host, address.ip())?;
            }
            let addresses: reqwest::dns::Addrs = Box::new(addresses.into_iter());
            Ok(addresses)
        })
    }
}

const MAX_DEPTH: u8 = 3;
/// Bytes read of an unlabelled answer before deciding it is a stream rather than a playlist.
const SNIFF_BYTES: usize = 4096;

impl Resolver {
    /// A resolver with `config`'s rules and trust.
    ///
    /// # Errors
    /// Returns [`TlsError`] when the trusted roots cannot be read or the client cannot be built.
    pub fn new(config: ResolverConfig) -> Result<Self, TlsError> {
        let builder = match &config.trusted_roots_pem {
            None => crate::tls::reqwest_builder()?,
            Some(pem) => crate::tls::reqwest_builder_trusting(pem)?,
        };
        let client = builder
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .https_only(true)
            .connect_timeout(config.request_timeout)
            .read_timeout(config.request_timeout)
            .user_agent(concat!("onair-stream-check/", env!("CARGO_PKG_VERSION")))
            .dns_resolver(Arc::new(PublicDns {
                hosts: config.hosts.clone(),
            }))
            .build()
            .map_err(|error| TlsError::Setup(Box::new(error)))?;
        Ok(Self {
            client,
            config: Arc::new(config),
        })
    }

    /// Checks `url`: what it is, what an Echo should play, and what is wrong with it.
    pub async fn check(&self, url: &str) -> StreamReport {
        let mut report = StreamReport {
            url: url.to_owned(),
            verdict: Verdict::Unreachable,
            format: None,
            play_url: None,
            codec: None,
            bitrate_kbps: None,
            warnings: Vec::new(),
            steps: Vec::new(),
            host_down: false,
        };
        let outcome = match Url::parse(url) {
            Err(error) => Err(Stop::NotPlayable(
                WarningKind::AddressRefused,
                format!("not a url: {error}"),
            )),
            Ok(parsed) => {
                let budget = self.config.check_budget;
                match tokio::time::timeout(budget, self.follow(parsed, 0, &mut report)).await {
                    Ok(outcome) => outcome,
                    Err(_) => Err(Stop::Unreachable(format!(
                        "no answer within the check's budget of {} s",
                        budget.as_secs_f32()
                    ))),
                }
            }
        };
        match outcome {
            Ok(found) => {
                report.verdict = Verdict::Playable;
                report.format = Some(found.format);
                report.play_url = Some(found.play_url.to_string());
                report.codec = found.codec;
                report.bitrate_kbps = found.bitrate_kbps;
                if let Some(kbps) = found
                    .bitrate_kbps
                    .filter(|kbps| !(MIN_BITRATE_KBPS..=MAX_BITRATE_KBPS).contains(kbps))
                {
                    report.warnings.push(StreamWarning {
                        kind: WarningKind::BitrateOutOfRange,
                        detail: format!(
                            "{kbps} kbit/s, an Echo plays {MIN_BITRATE_KBPS}-{MAX_BITRATE_KBPS} kbit/s"
                        ),
                    });
                }
            }
            Err(Stop::HostDown(detail)) => {
                report.verdict = Verdict::Unreachable;
                report.host_down = true;
                report.warnings.push(StreamWarning {
                    kind: WarningKind::Unreachable,
                    detail,
                });
            }
            Err(Stop::Unreachable(detail)) => {
                report.verdict = Verdict::Unreachable;
                report.warnings.push(StreamWarning {
                    kind: WarningKind::Unreachable,
                    detail,
                });
            }
            Err(Stop::NotPlayable(kind, detail)) => {
                report.verdict = Verdict::NotPlayable;
                report.warnings.push(StreamWarning { kind, detail });
            }
        }
        report
    }

    fn follow<'a>(
        &'a self,
        url: Url,
        depth: u8,
        report: &'a mut StreamReport,
    ) -> Pin<Box<dyn Future<Output = Result<Found, Stop>> + Send + 'a>> {
        Box::pin(async move {
            let answer = self.fetch(url.clone(), &mut report.steps).await?;
            let finding = classify(&answer);
            let step = report.steps.last_mut();
            match finding {
                Finding::HlsMaster {
                    variants,
                    audio_renditions,
                    pick,
                    plain_http,
                } => {
                    let summary = format!(
                        "an HLS master playlist: {} variants, {} audio renditions",
                        variants.len(),
                        audio_renditions.len()
                    );
                    if let Some(step) = step {
                        step.found = Some(summary);
                        step.variants = variants;
                        step.audio_renditions = audio_renditions;
                        step.picked.clone_from(&pick);
                    }
                    for entry in plain_http {
                        report.warnings.push(StreamWarning {
                            kind: WarningKind::PlainHttpEntry,
                            detail: format!("{entry} is plain http and was skipped"),
                        });
                    }
                    let Some(pick) = pick else {
                        return Err(Stop::NotPlayable(
                            WarningKind::NotAudio,
                            "the HLS master lists no audio rendition and no audio variant an Echo can play \
                             (video variants are never played)"
                                .to_owned(),
                        ));
                    };
                    // The rendition must answer as audio; when it does not, the master is no use either.
                    if depth < MAX_DEPTH {
                        let inner = self.follow(pick.url.clone(), depth + 1, report).await?;
                        if inner.format != StreamFormat::HlsMedia
                            && inner.format != StreamFormat::Direct
                        {
                            return Err(Stop::NotPlayable(
                                WarningKind::NotAudio,
                                format!(
                                    "the picked rendition {} is not a media playlist",
                                    pick.url
                                ),
                            ));
                        }
                    }
                    Ok(Found {
                        play_url: pick.url,
                        format: StreamFormat::HlsMaster,
                        codec: pick.codec,
                        bitrate_kbps: pick.bitrate_kbps,
                    })
                }
                Finding::HlsMedia => {
                    if let Some(step) = step {
                        step.found = Some("an HLS media playlist".to_owned());
                    }
                    Ok(Found {
                        play_url: url,
                        format: StreamFormat::HlsMedia,
                        codec: None,
                        bitrate_kbps: None,
                    })
                }
                Finding::Entries { pls, entries } => {
                    let format = if pls {
                        StreamFormat::Pls
                    } else {
                        StreamFormat::M3u
                    };
                    if let Some(step) = step {
                        step.found = Some(format!(
                            "a {} playlist of {} entries",
                            if pls { "PLS" } else { "M3U" },
                            entries.len()
                        ));
                    }
                    let first = entries.iter().position(|entry| entry.scheme() == "https");
                    for plain in entries[..first.unwrap_or(entries.len())]
                        .iter()
                        .filter(|entry| entry.scheme() == "http")
                    {
                        report.warnings.push(StreamWarning {
                            kind: WarningKind::PlainHttpEntry,
                            detail: format!("{plain} is plain http and was skipped"),
                        });
                    }
                    let Some(first) = first else {
                        return Err(Stop::NotPlayable(
                            WarningKind::PlainHttpEntry,
                            "the playlist has no https entry".to_owned(),
                        ));
                    };
                    let entry = entries[first].clone();
                    if depth >= MAX_DEPTH {
                        return Err(Stop::NotPlayable(
                            WarningKind::NotAudio,
                            "playlists nested too deep".to_owned(),
                        ));
                    }
                    let inner = self.follow(entry, depth + 1, report).await?;
                    Ok(Found { format, ..inner })
                }
                Finding::Audio {
                    codec,
                    bitrate_kbps,
                } => {
                    if let Some(step) = step {
                        step.found = Some("an audio stream".to_owned());
                    }
                    Ok(Found {
                        play_url: url,
                        format: StreamFormat::Direct,
                        codec,
                        bitrate_kbps,
                    })
                }
                Finding::NotAudio(what) => {
                    if let Some(step) = step {
                        step.found = Some(format!("not audio: {what}"));
                    }
                    Err(Stop::NotPlayable(WarningKind::NotAudio, what))
                }
            }
        })
    }

    /// Fetches `url`, following up to `max_redirects` redirects by hand (each hop checked), and reads the body
    /// when it is a playlist (at most `max_playlist_bytes`).
    async fn fetch(&self, mut url: Url, steps: &mut Vec<Step>) -> Result<Answer, Stop> {
        let mut redirects = 0;
        loop {
            self.config.hosts.check_url(&url)?;
            let mut response = self
                .client
                .get(url.clone())
                .header(reqwest::header::ACCEPT, "*/*")
                .send()
                .await
                .map_err(|error| unreachable(&error))?;
            let status = response.status();
            let content_type = essence(response.headers());
            let mut step = Step {
                url: url.to_string(),
                status: Some(status.as_u16()),
                content_type: content_type.clone(),
                ..Step::default()
            };
            if status.is_redirection() {
                let next = response
                    .headers()
                    .get(LOCATION)
                    .and_then(|value| value.to_str().ok())
                    .and_then(|location| url.join(location).ok());
                step.redirected_to = next.as_ref().map(ToString::to_string);
                steps.push(step);
                let Some(next) = next else {
                    return Err(Stop::Unreachable(format!(
                        "HTTP {status} without a usable location"
                    )));
                };
                redirects += 1;
                if redirects > self.config.max_redirects {
                    return Err(Stop::Unreachable(format!(
                        "more than {} redirects",
                        self.config.max_redirects
                    )));
                }
                if next.scheme() != "https" {
                    return Err(Stop::NotPlayable(
                        WarningKind::PlainHttpEntry,
                        format!("{url} redirects to plain http ({next})"),
                    ));
                }
                url = next;
                continue;
            }
            if !status.is_success() {
                steps.push(step);
                return Err(Stop::Unreachable(format!("HTTP {status} from {url}")));
            }
            let icy = response
                .headers()
                .keys()
                .any(|name| name.as_str().starts_with("icy-"));
            let icy_bitrate_kbps = response
                .headers()
                .get("icy-br")
                .and_then(|value| value.to_str().ok())
                .and_then(|value| value.split(',').next())
                .and_then(|value| value.trim().parse().ok());
            let mut body = Vec::new();
            if wants_body(content_type.as_deref(), icy) {
                let limit = self.config.max_playlist_bytes;
                while let Some(chunk) = response
                    .chunk()
                    .await
                    .map_err(|error| unreachable(&error))?
                {
                    body.extend_from_slice(&chunk);
                    // An unlabelled answer of binary bytes is a stream, not a playlist: its first bytes say enough.
                    if body.len() >= SNIFF_BYTES && !may_be_playlist(&body) {
                        break;
                    }
                    if body.len() > limit {
                        steps.push(step);
                        return Err(Stop::NotPlayable(
                            WarningKind::NotAudio,
                            format!("the answer is larger than a playlist may be ({limit} bytes)"),
                        ));
                    }
                }
            }
            steps.push(step);
            return Ok(Answer {
                url: Some(url),
                content_type,
                icy,
                icy_bitrate_kbps,
                body,
            });
        }
    }
}

fn essence(headers: &HeaderMap) -> Option<String> {
    headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .map(|value| value.trim().to_ascii_lowercase())
        .filter(|value| !value.is_empty())
}

/// Why a request failed, in words; a refusal of the address rules (from the DNS step) stays one.
fn unreachable(error: &reqwest::Error) -> Stop {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(cause) = source {
        if let Some(refusal) = cause.downcast_ref::<AddressRefusal>() {
            return Stop::from(refusal.clone());
        }
        source = cause.source();
    }
    let what = if error.is_timeout() {
        "timed out".to_owned()
    } else if error.is_connect() {
        let mut innermost = String::new();
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            innermost = cause.to_string();
            source = cause.source();
        }
        if innermost.to_lowercase().contains("certificate") {
            format!("the server's certificate is not trusted ({innermost})")
        } else if innermost.is_empty() {
            "cannot connect".to_owned()
        } else {
            format!("cannot connect: {innermost}")
        }
    } else {
        "the answer broke off".to_owned()
    };
    if error.is_connect() {
        Stop::HostDown(what)
    } else {
        Stop::Unreachable(what)
    }
}
