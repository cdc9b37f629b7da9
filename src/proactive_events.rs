//! The Proactive Events API client: a Login with Amazon access token by client credentials, then
//! `POST /v1/proactiveEvents` (or `/stages/development`) per event.
//!
//! - Token: `POST https://api.amazon.com/auth/o2/token`, form `grant_type=client_credentials`, `client_id`,
//!   `client_secret`, `scope=alexa::proactive_events`; the answer's `access_token` is good for `expires_in` seconds
//!   and is reused until a minute before that.
//! - Event: the JSON of [`ProactiveEvent`] with `Authorization: Bearer <token>`; `202 Accepted` is success.
//! - Failures: `429` and `5xx` and timeouts are retried (short backoff, `Retry-After` honoured up to a cap); `401`
//!   once with a fresh token; `400` and `403` are not retried. Nothing private (the secret, the token, the user id,
//!   a response body that may echo them) is logged or kept in an error.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde::Deserialize;
use tokio::sync::Mutex;

use crate::alexa::proactive_event::ProactiveEvent;

/// The Login with Amazon token endpoint.
pub const LWA_TOKEN_URL: &str = "https://api.amazon.com/auth/o2/token";
/// The scope a proactive-events token needs.
pub const SCOPE: &str = "alexa::proactive_events";
/// The North American development endpoint: events reach only the developer's own test devices.
pub const DEVELOPMENT_EVENTS_URL: &str =
    "https://api.amazonalexa.com/v1/proactiveEvents/stages/development";

/// Each HTTP call's deadline: the `notify` function has minutes, but one slow call must not hold up every follower.
const CALL_TIMEOUT: Duration = Duration::from_secs(5);
/// Attempts per event, the first included.
const ATTEMPTS: u32 = 3;
/// The first retry waits this long, the next twice as long.
const BACKOFF: Duration = Duration::from_millis(200);
/// The longest `Retry-After` honoured: a longer one waits for the next run instead.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(2);
/// A token is renewed this long before it expires.
const TOKEN_MARGIN: Duration = Duration::from_secs(60);

/// The skill's Login with Amazon client credentials (developer console → Build → Permissions → Alexa Skill
/// Messaging). `Debug` shows neither value.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientCredentials {
    /// `amzn1.application-oa2-client.…`.
    pub client_id: String,
    /// The client secret.
    pub client_secret: String,
}

impl std::fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ClientCredentials { .. }")
    }
}

/// Where the client sends its calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// The LWA token endpoint.
    pub token_url: String,
    /// The Proactive Events endpoint (development or live stage, by region).
    pub events_url: String,
}

impl Default for Endpoints {
    fn default() -> Self {
        Self {
            token_url: LWA_TOKEN_URL.to_owned(),
            events_url: DEVELOPMENT_EVENTS_URL.to_owned(),
        }
    }
}

/// Why an event was not sent.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// No access token: the credentials were refused (`invalid_client`) or LWA could not be reached. Every other
    /// event of the run would fail the same way.
    #[error("no proactive events access token (status {status:?})")]
    Token {
        /// The token endpoint's status, if it answered.
        status: Option<u16>,
    },
    /// The API refused this event (`400` a malformed event, `403` a skill without the permission or an unknown
    /// user): sending it again would not help.
    #[error("the proactive events api refused the event with status {status}")]
    Refused {
        /// The status.
        status: u16,
    },
    /// Throttled, a server error or a timeout, still so after the retries: the next run tries again.
    #[error("the proactive events api is unavailable (status {status:?})")]
    Unavailable {
        /// The last status, if the API answered.
        status: Option<u16>,
    },
}

impl SendError {
    /// Whether every later event of this run would fail the same way.
    #[must_use]
    pub fn stops_the_run(&self) -> bool {
        matches!(self, Self::Token { .. })
    }
}

/// Why the client could not be built.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// TLS roots could not be loaded.
    #[error("cannot set up tls for the proactive events client")]
    Tls(#[from] crate::tls::TlsError),
    /// The HTTP client could not be built.
    #[error("cannot build the proactive events http client")]
    Http(#[source] reqwest::Error),
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

struct Token {
    value: String,
    renew_at: Instant,
}

/// Sends proactive events, one at a time, with one cached access token.
pub struct ProactiveEventsClient {
    http: reqwest::Client,
    credentials: ClientCredentials,
    endpoints: Endpoints,
    token: Mutex<Option<Token>>,
}

impl std::fmt::Debug for ProactiveEventsClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProactiveEventsClient")
            .field("endpoints", &self.endpoints)
            .finish_non_exhaustive()
    }
}

impl ProactiveEventsClient {
    /// A client with `credentials` calling `endpoints`.
    ///
    /// # Errors
    /// Returns [`ClientError`] when the HTTP client cannot be built.
    pub fn new(credentials: ClientCredentials, endpoints: Endpoints) -> Result<Self, ClientError> {
        let http = crate::tls::api_client_builder(CALL_TIMEOUT)?
            .build()
            .map_err(ClientError::Http)?;
        Ok(Self {
            http,
            credentials,
            endpoints,
            token: Mutex::new(None),
        })
    }

    /// Sends `event`, retrying what a retry can fix.
    ///
    /// # Errors
    /// Returns [`SendError`] when the event was not accepted.
    pub async fn send(&self, event: &ProactiveEvent) -> Result<(), SendError> {
        let mut renewed = false;
        let mut last_status = None;
        for attempt in 0..ATTEMPTS {
            let token = self.token(false).await?;
            let answer = self
                .http
                .post(&self.endpoints.events_url)
                .bearer_auth(&token)
                .json(event)
                .send()
                .await;
            let wait = match answer {
                Ok(response) if response.status().is_success() => return Ok(()),
                Ok(response) => {
                    let status = response.status();
                    last_status = Some(status.as_u16());
                    match status {
                        StatusCode::UNAUTHORIZED if !renewed => {
                            // An expired or revoked token: one fresh token, at once.
                            renewed = true;
                            self.token(true).await?;
                            Duration::ZERO
                        }
                        StatusCode::TOO_MANY_REQUESTS => retry_after(&response)
                            .unwrap_or(BACKOFF * 2_u32.pow(attempt))
                            .min(MAX_RETRY_AFTER),
                        status if status.is_server_error() => BACKOFF * 2_u32.pow(attempt),
                        status => {
                            return Err(SendError::Refused {
                                status: status.as_u16(),
                            });
                        }
                    }
                }
                // A timeout or a refused connection: worth another try.
                Err(_) => BACKOFF * 2_u32.pow(attempt),
            };
            tracing::warn!(
                http.status = last_status,
                attempt = attempt + 1,
                "proactive event not accepted yet"
            );
            if attempt + 1 < ATTEMPTS {
                tokio::time::sleep(wait).await;
            }
        }
        Err(SendError::Unavailable {
            status: last_status,
        })
    }

    /// The cached token, or a new one when it is missing, about to expire, or `renew` asks for it.
    async fn token(&self, renew: bool) -> Result<String, SendError> {
        let mut cached = self.token.lock().await;
        if let Some(token) = cached.as_ref()
            && !renew
            && Instant::now() < token.renew_at
        {
            return Ok(token.value.clone());
        }
        let mut last_status = None;
        for attempt in 0..ATTEMPTS {
            let answer = self
                .http
                .post(&self.endpoints.token_url)
                .form(&[
                    ("grant_type", "client_credentials"),
                    ("client_id", self.credentials.client_id.as_str()),
                    ("client_secret", self.credentials.client_secret.as_str()),
                    ("scope", SCOPE),
                ])
                .send()
                .await;
            match answer {
                Ok(response) if response.status().is_success() => {
                    let answer: TokenAnswer = response
                        .json()
                        .await
                        .map_err(|_| SendError::Token { status: Some(200) })?;
                    let lifetime = Duration::from_secs(answer.expires_in.unwrap_or(3600));
                    let value = answer.access_token;
                    *cached = Some(Token {
                        value: value.clone(),
                        renew_at: Instant::now() + lifetime.saturating_sub(TOKEN_MARGIN),
                    });
                    return Ok(value);
                }
                Ok(response)
                    if response.status() == StatusCode::TOO_MANY_REQUESTS
                        || response.status().is_server_error() =>
                {
                    last_status = Some(response.status().as_u16());
                }
                // 400/401 `invalid_client`, `invalid_scope`: the credentials are wrong; retrying will not help.
                Ok(response) => {
                    return Err(SendError::Token {
                        status: Some(response.status().as_u16()),
                    });
                }
                Err(_) => {}
            }
            tracing::warn!(
                http.status = last_status,
                attempt = attempt + 1,
                "no access token yet"
            );
            if attempt + 1 < ATTEMPTS {
                tokio::time::sleep(BACKOFF * 2_u32.pow(attempt)).await;
            }
        }
        Err(SendError::Token {
            status: last_status,
        })
    }
}

/// `Retry-After` in seconds, if the answer has one.
fn retry_after(response: &reqwest::Response) -> Option<Duration> {
    response
        .headers()
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
}
