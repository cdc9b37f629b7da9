//! The `notify` Lambda function's shell: configuration read once at cold start, the LWA client credentials from
//! Secrets Manager, and one [`super::run`] per EventBridge schedule event.
//!
//! | variable | meaning | default |
//! |---|---|---|
//! | `ONAIR_TABLE` | the DynamoDB events table | required |
//! | `ONAIR_FOLLOWS_TABLE` | the follows table | `<ONAIR_TABLE>-follows` |
//! | `ONAIR_LWA_SECRET` | the Secrets Manager secret (name or ARN) holding `{"clientId": …, "clientSecret": …}` | required |
//! | `ONAIR_PROACTIVE_EVENTS_URL` | the Proactive Events endpoint (stage and region) | North America, development |
//! | `ONAIR_LWA_TOKEN_URL` | the Login with Amazon token endpoint | `https://api.amazon.com/auth/o2/token` |
//! | `RUST_LOG` | log filter | `info` |

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::{Mode, NotifyReport};
use crate::config::{ConfigError, TABLE_VAR};
use crate::proactive_events::{ClientCredentials, ClientError, Endpoints, ProactiveEventsClient};
use crate::storage::{DynamoDbFollows, DynamoDbScheduleStore, ScheduleStore, dynamo_db, tables};

/// The variable naming the secret with the LWA client credentials.
pub const LWA_SECRET_VAR: &str = "ONAIR_LWA_SECRET";
/// The variable holding the Proactive Events endpoint.
pub const EVENTS_URL_VAR: &str = "ONAIR_PROACTIVE_EVENTS_URL";
/// The variable holding the LWA token endpoint.
pub const TOKEN_URL_VAR: &str = "ONAIR_LWA_TOKEN_URL";

/// What the `notify` function needs to start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotifyConfig {
    /// The events table.
    pub events_table: String,
    /// The follows table.
    pub follows_table: String,
    /// The secret with the client credentials.
    pub lwa_secret: String,
    /// Where tokens and events go.
    pub endpoints: Endpoints,
    /// The `tracing` filter.
    pub log_filter: String,
}

impl NotifyConfig {
    /// Reads the configuration from the process environment.
    ///
    /// # Errors
    /// Returns [`ConfigError`] naming the first variable that is missing.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// Reads the configuration through `var` (see [`crate::config::Vars`]).
    ///
    /// # Errors
    /// Returns [`ConfigError`] naming the first variable that is missing or invalid.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let vars = crate::config::Vars::new(var);
        let var = |name: &str| vars.get(name);
        let required = |variable: &'static str| vars.required(variable);
        let events_table = required(TABLE_VAR)?;
        let follows_table = var(crate::config::FOLLOWS_TABLE_VAR)
            .unwrap_or_else(|| tables::default_follows_table(&events_table));
        let defaults = Endpoints::default();
        let url = |variable: &'static str, default: String| match var(variable) {
            None => Ok(default),
            Some(text) if text.starts_with("https://") || text.starts_with("http://127.0.0.1") => {
                Ok(text)
            }
            Some(text) => Err(ConfigError::Invalid {
                variable,
                reason: format!("expected an https:// URL, got {text:?}"),
            }),
        };
        Ok(Self {
            follows_table,
            lwa_secret: required(LWA_SECRET_VAR)?,
            endpoints: Endpoints {
                token_url: url(TOKEN_URL_VAR, defaults.token_url)?,
                events_url: url(EVENTS_URL_VAR, defaults.events_url)?,
            },
            log_filter: vars.log_filter()?,
            events_table,
        })
    }
}

/// Why the function could not start.
#[derive(Debug, thiserror::Error)]
pub enum NotifyStartError {
    /// The secret could not be read.
    #[error("cannot read the lwa client credentials secret")]
    Secret(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The secret is not `{"clientId": …, "clientSecret": …}` (its content is never shown).
    #[error(
        "the lwa client credentials secret is not a json object with clientId and clientSecret"
    )]
    SecretShape,
    /// The HTTP client could not be built.
    #[error(transparent)]
    Client(#[from] ClientError),
}

/// Why one run failed (Lambda retries the invocation; the ledger makes that safe).
#[derive(Debug, thiserror::Error)]
pub enum NotifyRunError {
    /// Nothing could be planned.
    #[error(transparent)]
    Notify(#[from] super::NotifyError),
    /// Some notifications were not sent.
    #[error("{failed} go-live notifications not sent")]
    Incomplete {
        /// How many.
        failed: usize,
    },
}

/// The function's clients, built once per execution environment.
#[derive(Debug)]
pub struct NotifyFunction {
    schedule: DynamoDbScheduleStore,
    follows: DynamoDbFollows,
    client: ProactiveEventsClient,
}

impl NotifyFunction {
    /// A function over these stores and client.
    #[must_use]
    pub fn new(
        schedule: DynamoDbScheduleStore,
        follows: DynamoDbFollows,
        client: ProactiveEventsClient,
    ) -> Self {
        Self {
            schedule,
            follows,
            client,
        }
    }

    /// Builds the clients from `config`, reading the credentials secret once.
    ///
    /// # Errors
    /// Returns [`NotifyStartError`] when the secret cannot be read or the HTTP client built.
    pub async fn from_config(config: &NotifyConfig) -> Result<Self, NotifyStartError> {
        let sdk = crate::aws_env::sdk_config();
        let credentials = credentials_from_secret(&sdk, &config.lwa_secret).await?;
        let dynamo = aws_sdk_dynamodb::Client::from_conf(dynamo_db::client_config(&sdk).build());
        Ok(Self::new(
            DynamoDbScheduleStore::new(dynamo.clone(), &config.events_table),
            DynamoDbFollows::new(dynamo, &config.follows_table),
            ProactiveEventsClient::new(credentials, config.endpoints.clone())?,
        ))
    }

    /// One run, at the instant of the schedule event (`time`), else now.
    ///
    /// # Errors
    /// Returns [`NotifyRunError`] when the run could not plan or some notifications were not sent, so Lambda
    /// retries it (an asynchronous invocation).
    pub async fn invoke(&self, event: &Value) -> Result<NotifyReport, NotifyRunError> {
        let at = event["time"]
            .as_str()
            .and_then(|text| DateTime::parse_from_rfc3339(text).ok())
            .map_or_else(Utc::now, |at| at.with_timezone(&Utc));
        self.run_at(at).await
    }

    /// One run as of `at`.
    ///
    /// # Errors
    /// See [`Self::invoke`].
    pub async fn run_at(&self, at: DateTime<Utc>) -> Result<NotifyReport, NotifyRunError> {
        let schedule = self
            .schedule
            .schedule_at(at)
            .await
            .map_err(super::NotifyError::from)?;
        let report = super::run(
            &schedule,
            &self.follows,
            &self.follows,
            Some(&self.client),
            at,
            Mode::Send,
        )
        .await?;
        match report.failed {
            0 => Ok(report),
            failed => Err(NotifyRunError::Incomplete { failed }),
        }
    }
}

/// The LWA client credentials in the Secrets Manager secret `secret_id` (`{"clientId": …, "clientSecret": …}`).
///
/// # Errors
/// Returns [`NotifyStartError`] when the secret cannot be read or has another shape (its content is never shown).
pub async fn credentials_from_secret(
    sdk: &aws_config::SdkConfig,
    secret_id: &str,
) -> Result<ClientCredentials, NotifyStartError> {
    let secret = aws_sdk_secretsmanager::Client::new(sdk)
        .get_secret_value()
        .secret_id(secret_id)
        .send()
        .await
        .map_err(|error| NotifyStartError::Secret(Box::new(error)))?;
    secret
        .secret_string()
        .and_then(|text| serde_json::from_str(text).ok())
        .ok_or(NotifyStartError::SecretShape)
}

impl From<NotifyRunError> for lambda_runtime::Diagnostic {
    /// A named error type, so the retries show in the function's metrics and logs by kind.
    fn from(error: NotifyRunError) -> Self {
        let error_type = match &error {
            NotifyRunError::Notify(_) => "NotifyStoreUnavailable",
            NotifyRunError::Incomplete { .. } => "NotifyIncomplete",
        };
        Self {
            error_type: error_type.to_owned(),
            error_message: error.to_string(),
        }
    }
}
