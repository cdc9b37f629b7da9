//! The shell of the `skill` Lambda function: the skill-id check, JSON logs, EMF metrics, cold-start wiring and the
//! runtime loop. `src/bin/skill.rs` only reads the [`Config`] and calls [`ProductionFunction::from_config`] (the
//! schedule and playback states in DynamoDB, device time zones from the Alexa Settings API) and [`run`].
//!
//! What a request costs and logs: the skill's one `answered` line (request type, intent, matched event, duration)
//! and one EMF metrics line on stdout. Envelopes, user and device ids and tokens are never logged; the runtime's
//! span adds the `requestId`, which is enough to correlate.

mod dynamo_db_meter;
mod emf;
mod non_json_body;

use std::io::Write as _;
use std::time::Instant;

use chrono::Utc;
use lambda_runtime::layers::TracingLayer;
use lambda_runtime::{Diagnostic, LambdaEvent, Runtime, service_fn};
use serde::Deserialize as _;
use serde_json::Value;

pub use self::dynamo_db_meter::{DynamoDbMeter, MeterReading};
pub use self::emf::{NAMESPACE, RequestMetrics};
pub use self::non_json_body::{NonJsonBody, NonJsonBodyLayer};
use crate::alexa::{RequestEnvelope, ResponseEnvelope};
use crate::config::{Config, SkillId};
use crate::device_settings::{DeviceSettingsError, SettingsApiConfig, SettingsApiZones};
use crate::reminders_api::{RemindersApi, RemindersApiConfig, RemindersApiError};
use crate::skill::intent::Intent;
use crate::skill::reminders::{NoReminders, Reminders};
use crate::skill::{DeviceZones, HttpsMedia, NoDeviceZones, Skill};
use crate::storage::dynamo_db_zones::DynamoDbZoneMemory;
use crate::storage::s3::{PresignError, S3Media};
use crate::storage::{
    DynamoDbPlaybackStore, DynamoDbScheduleStore, MediaLinks, NoPlaybackState, PlaybackStateStore,
    ScheduleStore, dynamo_db,
};

/// The `RequestType` of a body that is not an Alexa envelope, in metrics.
pub const UNREADABLE: &str = "Unreadable";

/// Why a request was not answered. Each is a Lambda error, which Alexa never sees for a genuine request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    /// `context.System.application.applicationId` is not this function's `SKILL_ID` (or is missing). With the
    /// trigger's skill-id verification on, Alexa never sends such a request; anyone else gets nothing processed.
    #[error("request for another skill refused")]
    ForeignSkill,
}

impl From<Refused> for Diagnostic {
    fn from(refused: Refused) -> Self {
        let error_type = match refused {
            Refused::ForeignSkill => "Refused.ForeignSkill",
        };
        Self {
            error_type: error_type.to_owned(),
            error_message: refused.to_string(),
        }
    }
}

/// What one invocation produced: the answer (or the refusal) and, for answered requests, their metrics.
#[derive(Debug)]
pub struct Invocation {
    /// What the runtime posts back.
    pub outcome: Result<ResponseEnvelope, Refused>,
    /// What CloudWatch gets; `None` for refused requests, which are not the skill's traffic.
    pub metrics: Option<RequestMetrics>,
}

/// The production function: the schedule and the playback states in DynamoDB, device time zones from the Alexa
/// Settings API, reminders through the Alexa Reminders API, `s3://` media presigned.
pub type ProductionFunction = SkillFunction<
    DynamoDbScheduleStore,
    SettingsApiZones,
    DynamoDbPlaybackStore,
    S3Media,
    RemindersApi,
>;

/// Why the production function could not be built at cold start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The Settings API's HTTP client could not be built.
    #[error(transparent)]
    DeviceSettings(#[from] DeviceSettingsError),
    /// The Reminders API's HTTP client could not be built.
    #[error(transparent)]
    Reminders(#[from] RemindersApiError),
    /// No credentials to sign media links with.
    #[error("cannot set up presigned media links")]
    Media(#[from] PresignError),
}

/// The skill behind the Lambda handler: checks the skill id, answers, measures.
#[derive(Debug)]
pub struct SkillFunction<S, Z = NoDeviceZones, P = NoPlaybackState, M = HttpsMedia, R = NoReminders>
{
    skill: Skill<S, M, Z, P, R>,
    skill_id: SkillId,
    dynamo_db: Option<DynamoDbMeter>,
}

impl<S: ScheduleStore> SkillFunction<S> {
    /// A function answering requests for `skill_id` from `store`, with public HTTPS media only, no device time
    /// zones and no playback memory.
    pub fn new(store: S, skill_id: SkillId) -> Self {
        Self::with_media(store, HttpsMedia, skill_id)
    }
}

impl<S: ScheduleStore, M: MediaLinks> SkillFunction<S, NoDeviceZones, NoPlaybackState, M> {
    /// A function answering requests for `skill_id` from `store`, linking media through `media`.
    pub fn with_media(store: S, media: M, skill_id: SkillId) -> Self {
        Self {
            skill: Skill::with_media(store, media),
            skill_id,
            dynamo_db: None,
        }
    }
}

impl<S, Z, P, M, R> SkillFunction<S, Z, P, M, R>
where
    S: ScheduleStore,
    Z: DeviceZones,
    P: PlaybackStateStore,
    M: MediaLinks,
    R: Reminders,
{
    /// The same function reporting DynamoDB calls and latency from `meter` (installed on the clients' config).
    #[must_use]
    pub fn with_dynamo_db_meter(mut self, meter: DynamoDbMeter) -> Self {
        self.dynamo_db = Some(meter);
        self
    }

    /// The same function, speaking clock times in the device's zone as `zones` knows it.
    pub fn with_zones<Y: DeviceZones>(self, zones: Y) -> SkillFunction<S, Y, P, M, R> {
        SkillFunction {
            skill: self.skill.with_zones(zones),
            skill_id: self.skill_id,
            dynamo_db: self.dynamo_db,
        }
    }

    /// The same function, remembering each listener's playback in `playback`.
    pub fn with_playback<Q: PlaybackStateStore>(self, playback: Q) -> SkillFunction<S, Z, Q, M, R> {
        SkillFunction {
            skill: self.skill.with_playback(playback),
            skill_id: self.skill_id,
            dynamo_db: self.dynamo_db,
        }
    }

    /// The same function, setting the listener's reminders through `reminders`.
    pub fn with_reminders<Q: Reminders>(self, reminders: Q) -> SkillFunction<S, Z, P, M, Q> {
        SkillFunction {
            skill: self.skill.with_reminders(reminders),
            skill_id: self.skill_id,
            dynamo_db: self.dynamo_db,
        }
    }

    /// The same function, keeping listeners' follows in `follows`.
    #[must_use]
    pub fn with_follows(self, follows: std::sync::Arc<dyn crate::storage::FollowStore>) -> Self {
        Self {
            skill: self.skill.with_follows(follows),
            ..self
        }
    }

    /// The schedule store the skill reads.
    pub fn store(&self) -> &S {
        self.skill.store()
    }

    /// Answers one event payload, without printing anything but the skill's own log line (see [`Self::invoke`]).
    ///
    /// A payload that is not an Alexa envelope gets the empty envelope; an envelope for another skill is refused
    /// before anything else is read.
    pub async fn answer(&self, payload: &Value) -> Invocation {
        let started = Instant::now();
        let envelope = match RequestEnvelope::deserialize(payload) {
            Ok(envelope) => envelope,
            Err(error) => {
                // Never the serde message: it echoes the body's values (ids, tokens).
                tracing::warn!(
                    error = %crate::alexa::BodyError::from(&error),
                    "request body is not an Alexa envelope"
                );
                return Invocation {
                    outcome: Ok(ResponseEnvelope::empty()),
                    metrics: Some(RequestMetrics {
                        request_type: UNREADABLE.to_owned(),
                        matched: false,
                        missed: false,
                        schedule_read: false,
                        dynamo_db_calls: 0,
                        dynamo_db_latency: std::time::Duration::ZERO,
                        duration: started.elapsed(),
                    }),
                };
            }
        };
        let kind = envelope.kind();
        if envelope.application_id() != Some(self.skill_id.as_str()) {
            tracing::warn!(
                alexa.request_type = kind.as_str(),
                "request for another skill refused"
            );
            return Invocation {
                outcome: Err(Refused::ForeignSkill),
                metrics: None,
            };
        }
        let dynamo_db_before = self.dynamo_db_reading();
        let now = envelope.timestamp().unwrap_or_else(Utc::now);
        let answered = self.skill.answer_at(envelope, now).await;
        if !answered.violations.is_empty() {
            let violations: Vec<String> = answered
                .violations
                .iter()
                .map(ToString::to_string)
                .collect();
            tracing::warn!(
                alexa.request_type = kind.as_str(),
                violations = ?violations,
                "response guard replaced the draft answer"
            );
        }
        let dynamo_db = self.dynamo_db_reading().since(dynamo_db_before);
        let missed = match &answered.intent {
            Some(Intent::Fallback) => true,
            Some(Intent::PlayLiveShow { .. } | Intent::PlayRecording { .. }) => {
                answered.played.is_none()
            }
            _ => false,
        };
        let metrics = RequestMetrics {
            request_type: kind.as_str().to_owned(),
            matched: answered.matched.is_some(),
            missed,
            schedule_read: answered.schedule_read,
            dynamo_db_calls: dynamo_db.calls,
            dynamo_db_latency: dynamo_db.latency,
            duration: started.elapsed(),
        };
        Invocation {
            outcome: Ok(answered.response),
            metrics: Some(metrics),
        }
    }

    /// The Lambda handler: [`Self::answer`], then the metrics line on stdout.
    ///
    /// # Errors
    /// Returns [`Refused`] for a request meant for another skill.
    pub async fn invoke(&self, event: LambdaEvent<Value>) -> Result<ResponseEnvelope, Refused> {
        let invocation = self.answer(&event.payload).await;
        if let Some(metrics) = &invocation.metrics {
            let line = metrics.emf(Utc::now()).to_string();
            // A metrics line that cannot be written is not worth failing the listener's request for.
            let _ = writeln!(std::io::stdout().lock(), "{line}");
        }
        invocation.outcome
    }

    fn dynamo_db_reading(&self) -> MeterReading {
        self.dynamo_db
            .as_ref()
            .map(DynamoDbMeter::reading)
            .unwrap_or_default()
    }
}

impl ProductionFunction {
    /// The production function: clients built once (AWS from the environment: region, credentials, and
    /// `AWS_ENDPOINT_URL_DYNAMODB` for DynamoDB Local; the Settings API's HTTP client; the media signer, which links
    /// only into `ONAIR_MEDIA_BUCKET`), and the DynamoDB connection opened in the background during init (see
    /// [`DynamoDbScheduleStore::warm_up`]); the first request is answered from its own queries, and the snapshot
    /// loads after them.
    ///
    /// Lambda's credentials (environment variables) stay valid for the life of the execution environment, so the
    /// signer keeps the ones resolved here.
    ///
    /// # Errors
    /// Returns [`StartError`] when the Settings or Reminders API's HTTP client cannot be built or no credentials can be
    /// resolved.
    pub async fn from_config(config: &Config) -> Result<Self, StartError> {
        let sdk = crate::aws_env::sdk_config();
        let media = S3Media::from_sdk_config(&sdk)
            .await?
            .only_buckets(config.media_bucket.iter().cloned());
        let meter = DynamoDbMeter::default();
        let client = aws_sdk_dynamodb::Client::from_conf(
            dynamo_db::client_config(&sdk)
                .interceptor(meter.clone())
                .build(),
        );
        let zones = SettingsApiZones::new(SettingsApiConfig {
            endpoints: config.device_settings,
            ..SettingsApiConfig::default()
        })?
        .with_memory(DynamoDbZoneMemory::new(
            client.clone(),
            &config.playback_table,
        ));
        let playback = DynamoDbPlaybackStore::new(client.clone(), &config.playback_table);
        // `ONAIR_DEVICE_SETTINGS=off` (local runs on fixtures that name Amazon's real endpoint) keeps both Alexa
        // API clients from calling out.
        let reminders = RemindersApi::new(RemindersApiConfig {
            endpoints: config.device_settings,
            ..RemindersApiConfig::default()
        })?;
        let follows = crate::storage::DynamoDbFollows::new(client.clone(), &config.follows_table);
        let store = DynamoDbScheduleStore::new(client, &config.events_table)
            .with_max_age(config.snapshot_max_age)
            .with_max_events(config.snapshot_max_events);
        // The connection opens while the runtime waits for the first request; the snapshot loads after that
        // request's own queries, which answer it.
        store.warm_up();
        Ok(
            SkillFunction::with_media(store, media, config.skill_id.clone())
                .with_zones(zones)
                .with_playback(playback)
                .with_reminders(reminders)
                .with_follows(std::sync::Arc::new(follows))
                .with_dynamo_db_meter(meter),
        )
    }
}

/// JSON logs on stdout, one object per line, filtered by `filter` (`RUST_LOG`'s `target=level` list, such as
/// `info,onair=debug`, checked by [`Config::from_vars`]). Each line carries the runtime's span (`requestId`).
///
/// The filter is tracing-subscriber's `Targets`, not `EnvFilter`: the per-span and per-field directives of
/// `EnvFilter` would link a regex engine into every function for no use here.
pub fn init_logging(filter: &str) {
    use tracing_subscriber::layer::SubscriberExt as _;
    use tracing_subscriber::util::SubscriberInitExt as _;
    let filter = filter
        .parse::<tracing_subscriber::filter::Targets>()
        .unwrap_or_else(|_| {
            tracing_subscriber::filter::Targets::new()
                .with_default(tracing::level_filters::LevelFilter::INFO)
        });
    tracing_subscriber::fmt()
        .json()
        .with_current_span(true)
        .with_span_list(false)
        .with_target(false)
        .with_ansi(false)
        .finish()
        .with(filter)
        .init();
}

/// Runs the Lambda runtime loop with `function` as the handler until the Runtime API goes away.
///
/// # Errors
/// Returns the runtime's error when the Runtime API cannot be reached.
pub async fn run<S, Z, P, M, R>(
    function: &SkillFunction<S, Z, P, M, R>,
) -> Result<(), lambda_runtime::Error>
where
    S: ScheduleStore,
    Z: DeviceZones,
    P: PlaybackStateStore,
    M: MediaLinks,
    R: Reminders,
{
    let handler = service_fn(|event: LambdaEvent<Value>| function.invoke(event));
    Runtime::new(handler)
        .layer(TracingLayer::new())
        .layer(NonJsonBodyLayer)
        .run()
        .await
}

/// Tells the Lambda Runtime API that initialization failed (`POST /runtime/init/error`), so the invocation fails
/// with `error`'s message instead of a bare "Runtime exited". Does nothing outside Lambda (no
/// `AWS_LAMBDA_RUNTIME_API`); a report that cannot be sent is printed to stderr.
pub async fn report_init_error(error: &(dyn std::error::Error + 'static)) {
    let Ok(api) = std::env::var("AWS_LAMBDA_RUNTIME_API") else {
        return;
    };
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message = format!("{message}: {cause}");
        source = cause.source();
    }
    let diagnostic = Diagnostic {
        error_type: "Runtime.InitError".to_owned(),
        error_message: message,
    };
    let sent = async {
        let endpoint: http::Uri = format!("http://{api}").parse()?;
        let body = serde_json::to_vec(&diagnostic)?;
        let request = lambda_runtime_api_client::build_request()
            .method("POST")
            .uri("/2018-06-01/runtime/init/error")
            .header("lambda-runtime-function-error-type", "Runtime.InitError")
            .header("content-type", "application/json")
            .body(lambda_runtime_api_client::body::Body::from(body))?;
        let client = lambda_runtime_api_client::PooledClient::builder()
            .with_endpoint(endpoint)
            .build();
        client.call(request).await?;
        Ok::<_, lambda_runtime::Error>(())
    };
    if let Err(failure) = sent.await {
        eprintln!("cannot report the init error to the Lambda Runtime API: {failure}");
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::schedule::Lineup;
    use crate::storage::InMemorySchedule;

    const SKILL: &str = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000";

    fn function() -> SkillFunction<InMemorySchedule> {
        SkillFunction::new(
            InMemorySchedule::new(Lineup::demo()),
            SkillId::parse(SKILL).unwrap(),
        )
    }

    fn launch(application_id: &str) -> Value {
        json!({
            "version": "1.0",
            "context": {"System": {"application": {"applicationId": application_id}, "user": {"userId": "u"}}},
            "request": {"type": "SessionEndedRequest", "requestId": "r", "timestamp": "2026-11-22T20:00:00Z",
                        "locale": "en-US", "reason": "USER_INITIATED"}
        })
    }

    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(future)
    }

    #[test]
    fn a_request_for_another_skill_is_refused_without_metrics() {
        let invocation = block_on(function().answer(&launch("amzn1.ask.skill.someone-else")));
        assert_eq!(invocation.outcome.unwrap_err(), Refused::ForeignSkill);
        assert!(invocation.metrics.is_none());
    }

    #[test]
    fn a_body_that_is_no_envelope_gets_the_empty_envelope() {
        let invocation = block_on(function().answer(&Value::Null));
        assert_eq!(invocation.outcome.unwrap(), ResponseEnvelope::empty());
        assert_eq!(invocation.metrics.unwrap().request_type, UNREADABLE);
    }

    #[test]
    fn a_request_for_this_skill_is_answered_and_measured() {
        let invocation = block_on(function().answer(&launch(SKILL)));
        assert_eq!(invocation.outcome.unwrap(), ResponseEnvelope::empty());
        let metrics = invocation.metrics.unwrap();
        assert_eq!(metrics.request_type, "SessionEndedRequest");
        assert!(!metrics.schedule_read, "a session end needs no schedule");
    }

    #[test]
    fn the_refusal_reaches_lambda_as_a_named_error() {
        let diagnostic = Diagnostic::from(Refused::ForeignSkill);
        assert_eq!(diagnostic.error_type, "Refused.ForeignSkill");
        assert_eq!(
            diagnostic.error_message,
            "request for another skill refused"
        );
    }
}
