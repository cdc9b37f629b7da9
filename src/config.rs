//! The `skill` Lambda function's configuration: environment variables read once at cold start, checked there so a
//! deployment mistake fails the first invocation with a message naming the variable, not some later request.
//!
//! | variable | meaning | default |
//! |---|---|---|
//! | `SKILL_ID` | the Alexa skill id requests must carry (`amzn1.ask.skill.…`) | required |
//! | `ONAIR_TABLE` | the DynamoDB events table | required |
//! | `ONAIR_PLAYBACK_TABLE` | the playback-state table | `<ONAIR_TABLE>-playback` |
//! | `ONAIR_FOLLOWS_TABLE` | the follows table (who follows what, notifications sent) | `<ONAIR_TABLE>-follows` |
//! | `ONAIR_MEDIA_BUCKET` | the bucket of recordings and art served through presigned links | none |
//! | `ONAIR_SNAPSHOT_MAX_AGE_SECS` | how long a schedule snapshot is served before it is read again | 30 |
//! | `ONAIR_SNAPSHOT_MAX_EVENTS` | most events a snapshot keeps; a denser window keeps only its next hours | 5000 |
//! | `ONAIR_DEVICE_SETTINGS` | `off`: never call the Alexa Settings API (local runs stay offline; relative times) | `api` |
//! | `RUST_LOG` | log filter (`info`, `warn`, `onair=debug`, …) | `info` |

use std::fmt;
use std::time::Duration;

use crate::device_settings::EndpointPolicy;
use crate::storage::dynamo_db::{DEFAULT_MAX_AGE, DEFAULT_MAX_SNAPSHOT_EVENTS};
use crate::storage::tables;

/// The variable holding the skill id.
pub const SKILL_ID_VAR: &str = "SKILL_ID";
/// The variable holding the events table's name.
pub const TABLE_VAR: &str = "ONAIR_TABLE";
/// The variable holding the playback-state table's name.
pub const PLAYBACK_TABLE_VAR: &str = "ONAIR_PLAYBACK_TABLE";
/// The variable holding the follows table's name.
pub const FOLLOWS_TABLE_VAR: &str = "ONAIR_FOLLOWS_TABLE";
/// The variable holding the media bucket's name.
pub const MEDIA_BUCKET_VAR: &str = "ONAIR_MEDIA_BUCKET";
/// The variable holding the snapshot age limit in seconds.
pub const SNAPSHOT_MAX_AGE_VAR: &str = "ONAIR_SNAPSHOT_MAX_AGE_SECS";
/// The variable holding the most events a schedule snapshot keeps.
pub const SNAPSHOT_MAX_EVENTS_VAR: &str = "ONAIR_SNAPSHOT_MAX_EVENTS";
/// The variable that turns the Alexa Settings API off (`off`) or on (`api`, the default).
pub const DEVICE_SETTINGS_VAR: &str = "ONAIR_DEVICE_SETTINGS";
/// The variable holding the log filter.
pub const LOG_VAR: &str = "RUST_LOG";

/// The log filter when `RUST_LOG` is not set: one line per request, and the AWS SDK's own chatter (credential
/// provider notices) only when something is wrong.
pub const DEFAULT_LOG_FILTER: &str = "info,aws_config=warn,aws_smithy_runtime=warn";

/// The variables a function's configuration is read from: the process environment, or a map in tests. Every
/// Lambda function reads its settings through one of these, so blank values count as unset everywhere
/// (CloudFormation writes `""` for an unset parameter) and a bad log filter fails every init the same way.
pub struct Vars<F>(F);

impl Vars<fn(&str) -> Option<String>> {
    /// The process environment.
    #[must_use]
    pub fn from_env() -> Self {
        Self(|name| std::env::var(name).ok())
    }
}

impl<F: Fn(&str) -> Option<String>> Vars<F> {
    /// The variables `var` returns.
    pub fn new(var: F) -> Self {
        Self(var)
    }

    /// The value of `name`, unless it is unset or blank.
    pub fn get(&self, name: &str) -> Option<String> {
        (self.0)(name).filter(|value| !value.trim().is_empty())
    }

    /// The value of `name`.
    ///
    /// # Errors
    /// Returns [`ConfigError::Missing`] when it is unset or blank.
    pub fn required(&self, name: &'static str) -> Result<String, ConfigError> {
        self.get(name)
            .ok_or(ConfigError::Missing { variable: name })
    }

    /// The log filter: [`LOG_VAR`], else [`DEFAULT_LOG_FILTER`].
    ///
    /// # Errors
    /// Returns [`ConfigError::Invalid`] when it is not a list of `level` and `target=level`.
    pub fn log_filter(&self) -> Result<String, ConfigError> {
        let filter = self
            .get(LOG_VAR)
            .unwrap_or_else(|| DEFAULT_LOG_FILTER.to_owned());
        match filter.parse::<tracing_subscriber::filter::Targets>() {
            Ok(_) => Ok(filter),
            Err(error) => Err(ConfigError::Invalid {
                variable: LOG_VAR,
                reason: error.to_string(),
            }),
        }
    }
}

/// Why the configuration cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// A required variable is not set (or is empty).
    #[error("missing environment variable {variable}")]
    Missing {
        /// The variable's name.
        variable: &'static str,
    },
    /// A variable is set to something unusable.
    #[error("invalid environment variable {variable}: {reason}")]
    Invalid {
        /// The variable's name.
        variable: &'static str,
        /// What is wrong with its value.
        reason: String,
    },
}

/// An Alexa skill id (`amzn1.ask.skill.<uuid>`), the value every request's `applicationId` is compared with.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SkillId(String);

impl SkillId {
    /// Checks the shape: Amazon's ids start with `amzn1.` (`amzn1.ask.skill.` today, `amzn1.echo-sdk-ams.app.` for
    /// old skills) and contain no whitespace.
    ///
    /// # Errors
    /// Returns the reason when `value` cannot be a skill id.
    pub fn parse(value: &str) -> Result<Self, String> {
        if !value.starts_with("amzn1.") {
            return Err(format!(
                "expected an Alexa skill id such as amzn1.ask.skill.00000000-0000-0000-0000-000000000000, got {value:?}"
            ));
        }
        if value.chars().any(char::is_whitespace) {
            return Err("a skill id contains no whitespace".to_owned());
        }
        Ok(Self(value.to_owned()))
    }

    /// The id as Alexa sends it.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SkillId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What the `skill` function needs to start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Requests for any other skill are refused.
    pub skill_id: SkillId,
    /// The DynamoDB events table.
    pub events_table: String,
    /// The DynamoDB playback-state table.
    pub playback_table: String,
    /// The DynamoDB follows table.
    pub follows_table: String,
    /// The bucket of recordings and art (`s3://` media), if any.
    pub media_bucket: Option<String>,
    /// How long a schedule snapshot is served before it is read again.
    pub snapshot_max_age: Duration,
    /// The most events a schedule snapshot keeps (at least 1).
    pub snapshot_max_events: usize,
    /// The `tracing` filter directive (`RUST_LOG` syntax).
    pub log_filter: String,
    /// Whether device time zones come from the Alexa Settings API (the request's `apiEndpoint`) or are never asked.
    pub device_settings: EndpointPolicy,
}

impl Config {
    /// Reads the configuration from the process environment.
    ///
    /// # Errors
    /// Returns [`ConfigError`] naming the first variable that is missing or invalid.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// Reads the configuration through `var` (the environment, or a map in tests; see [`Vars`]).
    ///
    /// # Errors
    /// Returns [`ConfigError`] naming the first variable that is missing or invalid.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let vars = Vars::new(var);
        let var = |name: &str| vars.get(name);
        let required = |variable: &'static str| vars.required(variable);
        let skill_id = SkillId::parse(required(SKILL_ID_VAR)?.trim()).map_err(|reason| {
            ConfigError::Invalid {
                variable: SKILL_ID_VAR,
                reason,
            }
        })?;
        let events_table = required(TABLE_VAR)?;
        let playback_table = var(PLAYBACK_TABLE_VAR)
            .unwrap_or_else(|| tables::default_playback_table(&events_table));
        let follows_table =
            var(FOLLOWS_TABLE_VAR).unwrap_or_else(|| tables::default_follows_table(&events_table));
        let snapshot_max_age = match var(SNAPSHOT_MAX_AGE_VAR) {
            None => DEFAULT_MAX_AGE,
            Some(text) => text
                .trim()
                .parse::<u64>()
                .map(Duration::from_secs)
                .map_err(|_| ConfigError::Invalid {
                    variable: SNAPSHOT_MAX_AGE_VAR,
                    reason: format!("expected a whole number of seconds, got {text:?}"),
                })?,
        };
        let snapshot_max_events = match var(SNAPSHOT_MAX_EVENTS_VAR) {
            None => DEFAULT_MAX_SNAPSHOT_EVENTS,
            Some(text) => text
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|&count| count > 0)
                .ok_or_else(|| ConfigError::Invalid {
                    variable: SNAPSHOT_MAX_EVENTS_VAR,
                    reason: format!("expected a whole number of events above 0, got {text:?}"),
                })?,
        };
        let device_settings = match var(DEVICE_SETTINGS_VAR).as_deref().map(str::trim) {
            None | Some("api") => EndpointPolicy::HttpsOnly,
            Some("off") => EndpointPolicy::Offline,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    variable: DEVICE_SETTINGS_VAR,
                    reason: format!("expected api or off, got {other:?}"),
                });
            }
        };
        let log_filter = vars.log_filter()?;
        Ok(Self {
            skill_id,
            events_table,
            playback_table,
            follows_table,
            media_bucket: var(MEDIA_BUCKET_VAR),
            snapshot_max_age,
            snapshot_max_events,
            log_filter,
            device_settings,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    const SKILL: &str = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000";

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: BTreeMap<String, String> = vars
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect();
        Config::from_vars(|name| vars.get(name).cloned())
    }

    #[test]
    fn the_two_required_variables_are_enough() {
        let config = config(&[(SKILL_ID_VAR, SKILL), (TABLE_VAR, "onair-events")]).unwrap();
        assert_eq!(config.skill_id.as_str(), SKILL);
        assert_eq!(config.events_table, "onair-events");
        assert_eq!(config.playback_table, "onair-events-playback");
        assert_eq!(config.follows_table, "onair-events-follows");
        assert_eq!(config.media_bucket, None);
        assert_eq!(config.snapshot_max_age, DEFAULT_MAX_AGE);
        assert_eq!(config.log_filter, DEFAULT_LOG_FILTER);
    }

    #[test]
    fn the_settings_api_can_be_turned_off_and_nothing_else_is_accepted() {
        let base = [(SKILL_ID_VAR, SKILL), (TABLE_VAR, "t")];
        assert_eq!(
            config(&base).unwrap().device_settings,
            EndpointPolicy::HttpsOnly
        );
        let off = config(&[base[0], base[1], (DEVICE_SETTINGS_VAR, "off")]).unwrap();
        assert_eq!(off.device_settings, EndpointPolicy::Offline);
        let error = config(&[base[0], base[1], (DEVICE_SETTINGS_VAR, "no")]).unwrap_err();
        assert!(
            error.to_string().contains("ONAIR_DEVICE_SETTINGS"),
            "{error}"
        );
    }

    #[test]
    fn a_missing_or_empty_variable_is_named() {
        let error = config(&[(TABLE_VAR, "onair-events")]).unwrap_err();
        assert_eq!(error.to_string(), "missing environment variable SKILL_ID");
        let error = config(&[(SKILL_ID_VAR, SKILL), (TABLE_VAR, " ")]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "missing environment variable ONAIR_TABLE"
        );
    }

    #[test]
    fn invalid_values_are_named_with_the_reason() {
        let error = config(&[(SKILL_ID_VAR, "my-skill"), (TABLE_VAR, "t")]).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("invalid environment variable SKILL_ID: expected an Alexa skill id"),
            "{error}"
        );
        let error = config(&[
            (SKILL_ID_VAR, SKILL),
            (TABLE_VAR, "t"),
            (SNAPSHOT_MAX_AGE_VAR, "half a minute"),
        ])
        .unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("invalid environment variable ONAIR_SNAPSHOT_MAX_AGE_SECS"),
            "{error}"
        );
        let error = config(&[
            (SKILL_ID_VAR, SKILL),
            (TABLE_VAR, "t"),
            (LOG_VAR, "info,onair=loud"),
        ])
        .unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("invalid environment variable RUST_LOG"),
            "{error}"
        );
    }

    #[test]
    fn optional_variables_override_the_defaults() {
        let config = config(&[
            (SKILL_ID_VAR, SKILL),
            (TABLE_VAR, "events"),
            (PLAYBACK_TABLE_VAR, "states"),
            (MEDIA_BUCKET_VAR, "onair-media"),
            (SNAPSHOT_MAX_AGE_VAR, "5"),
            (LOG_VAR, "warn"),
        ])
        .unwrap();
        assert_eq!(config.playback_table, "states");
        assert_eq!(config.media_bucket.as_deref(), Some("onair-media"));
        assert_eq!(config.snapshot_max_age, Duration::from_secs(5));
        assert_eq!(config.log_filter, "warn");
    }
}
