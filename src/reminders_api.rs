//! The Alexa Reminders API adapter of the [`Reminders`] port: `POST`, `GET` and `DELETE
//! {apiEndpoint}/v1/alerts/reminders[/{alertToken}]` with the request's bearer token
//! (<https://developer.amazon.com/docs/alexa/smapi/alexa-reminders-api-reference.html>).
//!
//! Every call has a total deadline (2 s by default: the listener is waiting, and Alexa gives a skill 8 s), no
//! redirects (the token must only go to the endpoint the request named), and every failure becomes a
//! [`ReminderError`] the dialog turns into a short answer. Logs name the failure and the status, never the URL, the
//! token or the reminder's text.

use std::time::Duration;

use chrono::NaiveDateTime;
use reqwest::StatusCode;
use serde::{Deserialize, Serialize};
use url::Url;

use crate::device_settings::EndpointPolicy;
use crate::skill::reminders::{NewReminder, Reminder, ReminderError, Reminders};
use crate::skill::{DeviceRef, parse_zone};

/// How long one call may take in total (connect, request, body).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(2);
/// The wall-clock format of `scheduledTime` and `requestTime`: local time without an offset.
const LOCAL_TIME: &str = "%Y-%m-%dT%H:%M:%S%.3f";

/// Tuning of [`RemindersApi`]; [`Default`] is what production uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RemindersApiConfig {
    /// Total deadline of one call.
    pub timeout: Duration,
    /// Which endpoints may be called.
    pub endpoints: EndpointPolicy,
}

impl Default for RemindersApiConfig {
    fn default() -> Self {
        Self {
            timeout: DEFAULT_TIMEOUT,
            endpoints: EndpointPolicy::HttpsOnly,
        }
    }
}

/// Why the adapter could not be built.
#[derive(Debug, thiserror::Error)]
pub enum RemindersApiError {
    /// The HTTP client (TLS roots, resolver) could not be set up.
    #[error("cannot build the reminders api http client")]
    Client(#[source] reqwest::Error),
    /// The TLS stack could not be set up (no root certificates).
    #[error(transparent)]
    Tls(#[from] crate::tls::TlsError),
}

/// The listener's reminders through the Alexa Reminders API. Cheap to clone: clones share the HTTP client.
#[derive(Debug, Clone)]
pub struct RemindersApi {
    client: reqwest::Client,
    config: RemindersApiConfig,
}

impl RemindersApi {
    /// An adapter with its own HTTP client, built once.
    ///
    /// # Errors
    /// Returns [`RemindersApiError`] when the HTTP client or the TLS stack cannot be built.
    pub fn new(config: RemindersApiConfig) -> Result<Self, RemindersApiError> {
        let client = crate::tls::api_client_builder(config.timeout)?
            .build()
            .map_err(RemindersApiError::Client)?;
        Ok(Self { client, config })
    }

    /// `{apiEndpoint}/v1/alerts/reminders` plus `extra` path segments, and the bearer token.
    fn target<'a>(
        &self,
        api: DeviceRef<'a>,
        extra: Option<&str>,
    ) -> Result<(Url, &'a str), ReminderError> {
        if self.config.endpoints == EndpointPolicy::Offline {
            return Err(ReminderError::NoAccess);
        }
        let (Some(endpoint), Some(token)) = (api.api_endpoint, api.api_access_token) else {
            return Err(ReminderError::NoAccess);
        };
        let mut url = Url::parse(endpoint).map_err(|_| ReminderError::NoAccess)?;
        match (url.scheme(), self.config.endpoints) {
            ("https", _) | ("http", EndpointPolicy::AllowHttp) => {}
            _ => return Err(ReminderError::NoAccess),
        }
        if url.cannot_be_a_base() || url.host().is_none() {
            return Err(ReminderError::NoAccess);
        }
        {
            let mut segments = url
                .path_segments_mut()
                .map_err(|()| ReminderError::NoAccess)?;
            segments
                .pop_if_empty()
                .extend(["v1", "alerts", "reminders"]);
            if let Some(extra) = extra {
                segments.push(extra);
            }
        }
        Ok((url, token))
    }

    /// Sends `request` under the deadline; the response when its status is a success.
    async fn send(
        &self,
        operation: &'static str,
        request: reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, ReminderError> {
        let call = async {
            let response = request
                .header(reqwest::header::ACCEPT, "application/json")
                .send()
                .await
                .map_err(|e| transport(&e))?;
            let status = response.status();
            if status.is_success() {
                return Ok(response);
            }
            Err(match status {
                StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => {
                    ReminderError::NotPermitted(status.as_u16())
                }
                StatusCode::TOO_MANY_REQUESTS => ReminderError::Throttled,
                other => ReminderError::Unavailable(format!("status {}", other.as_u16())),
            })
        };
        let outcome = tokio::time::timeout(self.config.timeout, call)
            .await
            .unwrap_or_else(|_| Err(ReminderError::Unavailable("timeout".to_owned())));
        if let Err(error) = &outcome {
            // The error's text is the status or the failure kind: never the URL, the token or the body.
            tracing::warn!(reminders_api.operation = operation, error = %error, "reminders api call failed");
        }
        outcome
    }
}

fn transport(error: &reqwest::Error) -> ReminderError {
    ReminderError::Unavailable(
        if error.is_timeout() {
            "timeout"
        } else if error.is_connect() {
            "connection failed"
        } else {
            "unreadable answer"
        }
        .to_owned(),
    )
}

impl Reminders for RemindersApi {
    async fn create(
        &self,
        api: DeviceRef<'_>,
        reminder: &NewReminder,
    ) -> Result<String, ReminderError> {
        let (url, token) = self.target(api, None)?;
        let body = ReminderRequest::from(reminder);
        let response = self
            .send(
                "create",
                self.client.post(url).bearer_auth(token).json(&body),
            )
            .await?;
        let created: ReminderResponse = response
            .json()
            .await
            .map_err(|_| ReminderError::Unavailable("unreadable answer".to_owned()))?;
        Ok(created.alert_token)
    }

    async fn list(&self, api: DeviceRef<'_>) -> Result<Vec<Reminder>, ReminderError> {
        let (url, token) = self.target(api, None)?;
        let response = self
            .send("list", self.client.get(url).bearer_auth(token))
            .await?;
        let listed: GetRemindersResponse = response
            .json()
            .await
            .map_err(|_| ReminderError::Unavailable("unreadable answer".to_owned()))?;
        Ok(listed.alerts.into_iter().map(Reminder::from).collect())
    }

    async fn delete(&self, api: DeviceRef<'_>, alert_token: &str) -> Result<(), ReminderError> {
        let (url, token) = self.target(api, Some(alert_token))?;
        self.send("delete", self.client.delete(url).bearer_auth(token))
            .await
            .map(drop)
    }
}

// ---------------------------------------------------------------------------------------------------------------------
// Wire types of the Reminders API (only the fields onair writes or reads).

/// The body of `POST /v1/alerts/reminders`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReminderRequest {
    /// When the request was made, local wall-clock time.
    pub request_time: String,
    /// When it rings.
    pub trigger: Trigger,
    /// What Alexa says.
    pub alert_info: AlertInfo,
    /// Whether the Alexa app also shows it.
    pub push_notification: PushNotification,
}

/// `trigger`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Trigger {
    /// `SCHEDULED_ABSOLUTE`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Local wall-clock time in `timeZoneId`, without an offset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduled_time: Option<String>,
    /// An IANA zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone_id: Option<String>,
    /// For a reminder that repeats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurrence: Option<Recurrence>,
}

/// `trigger.recurrence`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Recurrence {
    /// The first time it may ring, local.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date_time: Option<String>,
    /// RFC 5545 rules.
    #[serde(default)]
    pub recurrence_rules: Vec<String>,
}

/// `alertInfo`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AlertInfo {
    /// `spokenInfo`.
    pub spoken_info: SpokenInfo,
}

/// `alertInfo.spokenInfo`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpokenInfo {
    /// One text per locale.
    #[serde(default)]
    pub content: Vec<SpokenText>,
}

/// One spoken text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpokenText {
    /// `en-US`.
    pub locale: String,
    /// Plain text.
    #[serde(default)]
    pub text: String,
}

/// `pushNotification`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushNotification {
    /// `ENABLED` or `DISABLED`.
    pub status: String,
}

/// The answer to a create, update or delete.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReminderResponse {
    /// The reminder's id.
    pub alert_token: String,
}

/// The answer to `GET /v1/alerts/reminders`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetRemindersResponse {
    /// The skill's reminders for this listener.
    #[serde(default)]
    pub alerts: Vec<Alert>,
}

/// One reminder as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Alert {
    /// Its id.
    pub alert_token: String,
    /// `ON` or `COMPLETED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// When it rings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<Trigger>,
    /// What it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alert_info: Option<AlertInfo>,
}

impl From<&NewReminder> for ReminderRequest {
    fn from(reminder: &NewReminder) -> Self {
        let scheduled = reminder.scheduled_time.format(LOCAL_TIME).to_string();
        let request_time = reminder
            .request_time
            .with_timezone(&reminder.time_zone)
            .naive_local()
            .format(LOCAL_TIME)
            .to_string();
        Self {
            request_time,
            trigger: Trigger {
                kind: "SCHEDULED_ABSOLUTE".to_owned(),
                scheduled_time: Some(scheduled.clone()),
                time_zone_id: Some(reminder.time_zone.name().to_owned()),
                recurrence: reminder.recurrence.as_ref().map(|rule| Recurrence {
                    start_date_time: Some(scheduled),
                    recurrence_rules: vec![rule.clone()],
                }),
            },
            alert_info: AlertInfo {
                spoken_info: SpokenInfo {
                    content: vec![SpokenText {
                        locale: reminder.locale.clone(),
                        text: reminder.text.clone(),
                    }],
                },
            },
            push_notification: PushNotification {
                status: "ENABLED".to_owned(),
            },
        }
    }
}

impl From<Alert> for Reminder {
    fn from(alert: Alert) -> Self {
        let trigger = alert.trigger.as_ref();
        Self {
            scheduled_time: trigger
                .and_then(|t| t.scheduled_time.as_deref())
                .and_then(parse_local),
            time_zone: trigger
                .and_then(|t| t.time_zone_id.as_deref())
                .and_then(|zone| parse_zone(zone).ok()),
            recurring: trigger.is_some_and(|t| t.recurrence.is_some()),
            texts: alert
                .alert_info
                .map(|info| {
                    info.spoken_info
                        .content
                        .into_iter()
                        .map(|c| c.text)
                        .collect()
                })
                .unwrap_or_default(),
            on: alert.status.as_deref() != Some("COMPLETED"),
            alert_token: alert.alert_token,
        }
    }
}

/// A local wall-clock time as the API writes it, with or without fractional seconds.
fn parse_local(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, LOCAL_TIME)
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .ok()
}
