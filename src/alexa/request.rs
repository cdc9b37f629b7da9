//! The request envelope and every request type a live-audio skill receives (SPEC §1,
//! <https://developer.amazon.com/docs/custom-skills/request-and-response-json-reference.html#request-format>,
//! <https://developer.amazon.com/docs/custom-skills/request-types-reference.html>).
//!
//! Parsing is as lenient as Alexa's contract demands (SPEC §1, §9): unknown fields, unknown enum values and unknown
//! request types never fail, almost every field is optional, and a garbled part of the context degrades to "absent"
//! instead of failing the whole envelope. Only a `request` that is not an object with a string `type` is an error.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{DeserializeOwned, Error as _};
use serde::ser::SerializeMap as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value, json};

/// Deserializes a field, falling back to its default when the value has the wrong shape.
///
/// Used on the parts of the envelope every request carries (context, session, common request fields): a stray
/// `"System": 5` from a test tool or a new Alexa feature should cost us that field, not the whole request.
fn lenient<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned + Default,
{
    let value = Value::deserialize(deserializer)?;
    Ok(T::deserialize(value).unwrap_or_default())
}

/// Deserializes `slots`: a map whose entries that are not slot objects are dropped, and anything that is not a map
/// as no slots.
fn lenient_slots<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, Slot>, D::Error> {
    let Value::Object(entries) = Value::deserialize(deserializer)? else {
        return Ok(BTreeMap::new());
    };
    Ok(entries
        .into_iter()
        .filter_map(|(key, slot)| Some((key, Slot::deserialize(slot).ok()?)))
        .collect())
}

fn one_point_zero() -> String {
    "1.0".to_owned()
}

fn lenient_version<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let value = Value::deserialize(deserializer)?;
    Ok(match value {
        Value::String(version) => version,
        _ => one_point_zero(),
    })
}

/// Declares a string enum from the wire with an `Unknown(String)` fallback that keeps (and re-serializes) values
/// Alexa added after this code was written.
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this code does not know, kept verbatim.
            Unknown(String),
        }

        impl $name {
            /// The value as on the wire.
            #[must_use]
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)+
                    Self::Unknown(other) => other,
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($wire => Self::$variant,)+
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = Cow::<'de, str>::deserialize(deserializer)?;
                Ok(Self::from(value.as_ref()))
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "type": "string",
                    "description": concat!(
                        "Known values: ", $($wire, " ",)+ "(other values are accepted and kept)."
                    ),
                    "examples": [$($wire),+],
                })
            }
        }
    };
}

/// Declares the struct of one typed request `type`: `request_id`, `timestamp` and `locale` (which every request
/// carries), then the fields given, then the `extra` map, and implements [`RequestBody`] for it.
///
/// The common fields are parsed with [`lenient`] like the rest of the envelope's shared parts (SPEC §9), and `extra`
/// keeps whatever onair does not model so a round trip keeps the request's shape. Doc comments double as the JSON
/// Schema's descriptions, so a request whose common field means something more specific can replace that field's
/// doc in an optional `docs { … }` block (keys in the order `request_id`, `timestamp`, `locale`, `extra`).
///
/// The fields given come after the common ones, so a struct's field order (and its `Debug` output) is: common
/// fields, specific fields, `extra`.
macro_rules! request_body {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $($(#[$field_meta:meta])* pub $field:ident: $field_type:ty),* $(,)?
        }
        $(docs {
            $(request_id: $request_id:literal,)?
            $(timestamp: $timestamp:literal,)?
            $(locale: $locale:literal,)?
            $(extra: $extra:literal,)?
        })?
    ) => {
        // Each bracket holds `override default` or just `default`: `@emit` keeps the first literal, which is how
        // `macro_rules!` can give an optional argument a default.
        request_body! {
            @emit
            $(#[$meta])*
            $name
            [$($($request_id)?)? "`requestId`."]
            [$($($timestamp)?)? "`timestamp`, raw."]
            [$($($locale)?)? "`locale`."]
            [$($($extra)?)? "Fields onair does not model, kept for round trips."]
            { $($(#[$field_meta])* pub $field: $field_type,)* }
        }
    };
    (
        @emit
        $(#[$meta:meta])*
        $name:ident
        [$request_id_doc:literal $($_request_id_default:literal)?]
        [$timestamp_doc:literal $($_timestamp_default:literal)?]
        [$locale_doc:literal $($_locale_default:literal)?]
        [$extra_doc:literal $($_extra_default:literal)?]
        { $($fields:tt)* }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            #[doc = $request_id_doc]
            #[serde(default, deserialize_with = "lenient", skip_serializing_if = "Option::is_none")]
            pub request_id: Option<String>,
            #[doc = $timestamp_doc]
            #[serde(default, deserialize_with = "lenient", skip_serializing_if = "Option::is_none")]
            pub timestamp: Option<String>,
            #[doc = $locale_doc]
            #[serde(default, deserialize_with = "lenient", skip_serializing_if = "Option::is_none")]
            pub locale: Option<String>,
            $($fields)*
            #[doc = $extra_doc]
            #[serde(flatten)]
            pub extra: BTreeMap<String, Value>,
        }

        impl RequestBody for $name {
            fn common(&self) -> Common<'_> {
                Common {
                    request_id: self.request_id.as_deref(),
                    timestamp: self.timestamp.as_deref(),
                    locale: self.locale.as_deref(),
                }
            }
        }
    };
}

// ---------------------------------------------------------------------------------------------------------------------
// Envelope and context

/// The JSON Alexa sends for every request (Lambda event or HTTPS body).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RequestEnvelope {
    /// `"1.0"`; assumed when absent.
    #[serde(default = "one_point_zero", deserialize_with = "lenient_version")]
    pub version: String,
    /// Present for Launch, Intent and SessionEnded requests; absent for AudioPlayer, PlaybackController,
    /// ExceptionEncountered and skill events.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub session: Option<Session>,
    /// The device and player state; always sent, treated as empty when absent.
    #[serde(default, deserialize_with = "lenient")]
    pub context: Context,
    /// What happened.
    pub request: Request,
}

impl RequestEnvelope {
    /// Which request type this is.
    #[must_use]
    pub fn kind(&self) -> RequestKind {
        self.request.kind()
    }

    /// `request.timestamp` parsed as RFC 3339; `None` when absent, unparseable or outside [`TIMESTAMP_YEARS`].
    ///
    /// The skill answers as of this instant (so a replayed fixture always gets the same answer), and a schedule's
    /// recurrences are expanded up to it: a year-9645 timestamp, found by fuzzing, cost seconds of CPU. No Alexa
    /// request is from before Alexa or from the next century, so such a timestamp is garbled and degrades to absent.
    #[must_use]
    pub fn timestamp(&self) -> Option<DateTime<Utc>> {
        let raw = self.request.timestamp()?;
        DateTime::parse_from_rfc3339(raw)
            .ok()
            .map(|at| at.with_timezone(&Utc))
            .filter(|at| TIMESTAMP_YEARS.contains(&chrono::Datelike::year(at)))
    }

    /// `request.locale`, e.g. `en-US`.
    #[must_use]
    pub fn locale(&self) -> Option<&str> {
        self.request.locale()
    }

    /// `request.requestId`, the one identifier safe to log.
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        self.request.request_id()
    }

    /// Whether the device can stream with AudioPlayer (`supportedInterfaces.AudioPlayer` is present).
    #[must_use]
    pub fn supports_audio_player(&self) -> bool {
        self.context
            .system
            .device
            .as_ref()
            .is_some_and(|device| device.supported_interfaces.contains_key("AudioPlayer"))
    }

    /// `context.AudioPlayer`: what the device was last playing for this skill.
    #[must_use]
    pub fn audio_player(&self) -> Option<&AudioPlayerContext> {
        self.context.audio_player.as_ref()
    }

    /// The skill id, from `context.System.application` (present on every request), else from the session.
    #[must_use]
    pub fn application_id(&self) -> Option<&str> {
        let from_context = self.context.system.application.as_ref();
        let from_session = self.session.as_ref().and_then(|s| s.application.as_ref());
        from_context
            .and_then(|a| a.application_id.as_deref())
            .or_else(|| from_session.and_then(|a| a.application_id.as_deref()))
    }

    /// The user id, from `context.System.user`, else from the session. Never log it.
    #[must_use]
    pub fn user_id(&self) -> Option<&str> {
        let from_context = self.context.system.user.as_ref();
        let from_session = self.session.as_ref().and_then(|s| s.user.as_ref());
        from_context
            .and_then(|u| u.user_id.as_deref())
            .or_else(|| from_session.and_then(|u| u.user_id.as_deref()))
    }

    /// Whether the customer has granted the permission `scope` (`context.System.user.permissions.scopes`).
    #[must_use]
    pub fn has_permission(&self, scope: &str) -> bool {
        let granted = |user: Option<&User>| {
            user.and_then(|u| u.permissions.as_ref())
                .and_then(|p| p.scopes.get(scope))
                .is_some_and(|s| s.status == Some(PermissionStatus::Granted))
        };
        granted(self.context.system.user.as_ref())
            || granted(self.session.as_ref().and_then(|s| s.user.as_ref()))
    }

    /// `context.System.device.deviceId`. Never log it.
    #[must_use]
    pub fn device_id(&self) -> Option<&str> {
        self.context.system.device.as_ref()?.device_id.as_deref()
    }
}

/// `session`: the conversation this request belongs to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    /// Whether this request starts the session.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub new: Option<bool>,
    /// `amzn1.echo-api.session.…`.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub session_id: Option<String>,
    /// The skill.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub application: Option<Application>,
    /// What the skill returned as `sessionAttributes` last time.
    #[serde(default, deserialize_with = "lenient")]
    pub attributes: BTreeMap<String, Value>,
    /// The Amazon account.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub user: Option<User>,
}

/// `context`: the state of the device and of its interfaces.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Context {
    /// `context.System`.
    #[serde(rename = "System", default, deserialize_with = "lenient")]
    pub system: SystemContext,
    /// `context.AudioPlayer`: only on devices with AudioPlayer.
    #[serde(
        rename = "AudioPlayer",
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub audio_player: Option<AudioPlayerContext>,
    /// Every other interface's state (`Display`, `Viewport`, `Extensions`, …), kept as is.
    #[serde(flatten)]
    pub other: BTreeMap<String, Value>,
}

/// `context.System`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SystemContext {
    /// The skill.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub application: Option<Application>,
    /// The Amazon account.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub user: Option<User>,
    /// The device; absent for skill events.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub device: Option<Device>,
    /// Base URL of the Alexa REST APIs for this user's region, e.g. `https://api.eu.amazonalexa.com`.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub api_endpoint: Option<String>,
    /// Bearer token for the Alexa REST APIs. Never log it.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub api_access_token: Option<String>,
}

/// `application`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Application {
    /// `amzn1.ask.skill.…`.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub application_id: Option<String>,
}

/// `user`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// `amzn1.ask.account.…`; changes when the skill is re-enabled.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub user_id: Option<String>,
    /// Only with account linking.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub access_token: Option<String>,
    /// The permissions the customer granted the skill (SPEC §1: `consentToken`, `scopes`).
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub permissions: Option<Permissions>,
}

/// `user.permissions`: what the customer consented to. Never log it: `consentToken` is a bearer token.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Permissions {
    /// Deprecated: the Alexa REST APIs take `apiAccessToken`.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub consent_token: Option<String>,
    /// The state of each permission scope the skill asked for, by scope name
    /// (`alexa::alerts:reminders:skill:readwrite`).
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub scopes: BTreeMap<String, Scope>,
}

/// One permission scope's state.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Scope {
    /// `GRANTED` or `DENIED`.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub status: Option<PermissionStatus>,
}

wire_enum! {
    /// `status` of a permission scope.
    PermissionStatus {
        /// The customer granted it.
        Granted = "GRANTED",
        /// The customer refused it (or revoked it).
        Denied = "DENIED",
    }
}

/// `context.System.device`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Device {
    /// Skill-scoped device id; absent in some requests.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub device_id: Option<String>,
    /// Interfaces the device supports, by name (`AudioPlayer`, `Display`, …).
    #[serde(default, deserialize_with = "lenient")]
    pub supported_interfaces: BTreeMap<String, Value>,
}

/// `context.AudioPlayer` (and `currentPlaybackState` of PlaybackFailed).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AudioPlayerContext {
    /// Token of the stream last played; only when this skill was the last to play audio.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub token: Option<String>,
    /// Position in that stream.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub offset_in_milliseconds: Option<i64>,
    /// What the player is doing.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub player_activity: Option<PlayerActivity>,
}

wire_enum! {
    /// `playerActivity`.
    PlayerActivity {
        /// Nothing playing, nothing queued.
        Idle = "IDLE",
        /// Paused by the user.
        Paused = "PAUSED",
        /// Playing.
        Playing = "PLAYING",
        /// Starved of data.
        BufferUnderrun = "BUFFER_UNDERRUN",
        /// The stream ended.
        Finished = "FINISHED",
        /// The stream was interrupted.
        Stopped = "STOPPED",
    }
}

// ---------------------------------------------------------------------------------------------------------------------
// Requests

/// `request`, one variant per `type`.
///
/// Deserializing reads `type` first. The common fields, an `IntentRequest`'s `intent` and every part of it are
/// lenient, so a garbled one is absent and the request keeps its type; a known type whose body still does not fit
/// its struct becomes [`Request::Unknown`] with the type name kept: the skill then answers with the empty envelope
/// instead of failing, which is what Alexa needs from a skill. Serializing writes
/// `type` plus the fields back, so a round trip keeps the shape.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// `LaunchRequest`: "Alexa, open …".
    Launch(LaunchRequest),
    /// `IntentRequest`.
    Intent(IntentRequest),
    /// `SessionEndedRequest`.
    SessionEnded(SessionEndedRequest),
    /// `AudioPlayer.PlaybackStarted`.
    PlaybackStarted(PlaybackEvent),
    /// `AudioPlayer.PlaybackFinished`.
    PlaybackFinished(PlaybackEvent),
    /// `AudioPlayer.PlaybackStopped`.
    PlaybackStopped(PlaybackEvent),
    /// `AudioPlayer.PlaybackNearlyFinished`.
    PlaybackNearlyFinished(PlaybackEvent),
    /// `AudioPlayer.PlaybackFailed`.
    PlaybackFailed(PlaybackFailedRequest),
    /// `PlaybackController.PlayCommandIssued` (a button, never voice).
    PlayCommandIssued(ControllerCommand),
    /// `PlaybackController.PauseCommandIssued`.
    PauseCommandIssued(ControllerCommand),
    /// `PlaybackController.NextCommandIssued`.
    NextCommandIssued(ControllerCommand),
    /// `PlaybackController.PreviousCommandIssued`.
    PreviousCommandIssued(ControllerCommand),
    /// `System.ExceptionEncountered`: Alexa rejected our previous response.
    ExceptionEncountered(ExceptionEncounteredRequest),
    /// Any `AlexaSkillEvent.*` (SkillEnabled, SkillDisabled, …).
    SkillEvent(SkillEventRequest),
    /// `Connections.Response`: the outcome of a `Connections.SendRequest` (the voice permission prompt).
    ConnectionsResponse(ConnectionsResponse),
    /// A type this code does not know, or a known type with a body that does not fit.
    Unknown(UnknownRequest),
}

impl Request {
    /// Which request type this is.
    #[must_use]
    pub fn kind(&self) -> RequestKind {
        match self {
            Self::Launch(_) => RequestKind::Launch,
            Self::Intent(_) => RequestKind::Intent,
            Self::SessionEnded(_) => RequestKind::SessionEnded,
            Self::PlaybackStarted(_) => RequestKind::PlaybackStarted,
            Self::PlaybackFinished(_) => RequestKind::PlaybackFinished,
            Self::PlaybackStopped(_) => RequestKind::PlaybackStopped,
            Self::PlaybackNearlyFinished(_) => RequestKind::PlaybackNearlyFinished,
            Self::PlaybackFailed(_) => RequestKind::PlaybackFailed,
            Self::PlayCommandIssued(_) => RequestKind::PlayCommandIssued,
            Self::PauseCommandIssued(_) => RequestKind::PauseCommandIssued,
            Self::NextCommandIssued(_) => RequestKind::NextCommandIssued,
            Self::PreviousCommandIssued(_) => RequestKind::PreviousCommandIssued,
            Self::ExceptionEncountered(_) => RequestKind::ExceptionEncountered,
            Self::SkillEvent(_) => RequestKind::SkillEvent,
            Self::ConnectionsResponse(_) => RequestKind::ConnectionsResponse,
            Self::Unknown(_) => RequestKind::Unknown,
        }
    }

    /// The `type` as on the wire (the full `AlexaSkillEvent.…` name, the unknown type's own name).
    #[must_use]
    pub fn type_name(&self) -> &str {
        match self {
            Self::SkillEvent(event) => &event.event_type,
            Self::Unknown(unknown) => &unknown.type_name,
            known => known.kind().as_str(),
        }
    }

    /// `requestId`.
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        self.common("requestId", |c| c.request_id)
    }

    /// `timestamp`, raw.
    #[must_use]
    pub fn timestamp(&self) -> Option<&str> {
        self.common("timestamp", |c| c.timestamp)
    }

    /// `locale`.
    #[must_use]
    pub fn locale(&self) -> Option<&str> {
        self.common("locale", |c| c.locale)
    }

    /// Reads one of the fields every request has: from the typed body, or by its `wire_name` from an unknown
    /// request's raw object (an unknown type usually still carries them, and logs want the `requestId`).
    fn common<'a>(
        &'a self,
        wire_name: &str,
        pick: impl FnOnce(Common<'a>) -> Option<&'a str>,
    ) -> Option<&'a str> {
        let body: &dyn RequestBody = match self {
            Self::Launch(r) => r,
            Self::Intent(r) => r,
            Self::SessionEnded(r) => r,
            Self::PlaybackStarted(r)
            | Self::PlaybackFinished(r)
            | Self::PlaybackStopped(r)
            | Self::PlaybackNearlyFinished(r) => r,
            Self::PlaybackFailed(r) => r,
            Self::PlayCommandIssued(r)
            | Self::PauseCommandIssued(r)
            | Self::NextCommandIssued(r)
            | Self::PreviousCommandIssued(r) => r,
            Self::ExceptionEncountered(r) => r,
            Self::SkillEvent(r) => r,
            Self::ConnectionsResponse(r) => r,
            Self::Unknown(r) => return r.raw.get(wire_name).and_then(Value::as_str),
        };
        pick(body.common())
    }

    /// Builds the variant for `type_name` from the request object (with or without its `type` key).
    fn from_object(type_name: String, mut raw: Map<String, Value>) -> Self {
        let tag = raw.remove("type");
        let body = &raw;
        let known = match type_name.as_str() {
            "LaunchRequest" => parse(body).map(Self::Launch),
            "IntentRequest" => parse(body).map(Self::Intent),
            "SessionEndedRequest" => parse(body).map(Self::SessionEnded),
            "AudioPlayer.PlaybackStarted" => parse(body).map(Self::PlaybackStarted),
            "AudioPlayer.PlaybackFinished" => parse(body).map(Self::PlaybackFinished),
            "AudioPlayer.PlaybackStopped" => parse(body).map(Self::PlaybackStopped),
            "AudioPlayer.PlaybackNearlyFinished" => parse(body).map(Self::PlaybackNearlyFinished),
            "AudioPlayer.PlaybackFailed" => parse(body).map(Self::PlaybackFailed),
            "PlaybackController.PlayCommandIssued" => parse(body).map(Self::PlayCommandIssued),
            "PlaybackController.PauseCommandIssued" => parse(body).map(Self::PauseCommandIssued),
            "PlaybackController.NextCommandIssued" => parse(body).map(Self::NextCommandIssued),
            "PlaybackController.PreviousCommandIssued" => {
                parse(body).map(Self::PreviousCommandIssued)
            }
            "System.ExceptionEncountered" => parse(body).map(Self::ExceptionEncountered),
            "Connections.Response" => parse(body).map(Self::ConnectionsResponse),
            skill_event if skill_event.starts_with(SKILL_EVENT_PREFIX) => {
                parse::<SkillEventRequest>(body).map(|event| {
                    Self::SkillEvent(SkillEventRequest {
                        event_type: type_name.clone(),
                        ..event
                    })
                })
            }
            _ => None,
        };
        known.unwrap_or_else(|| {
            if let Some(tag) = tag {
                raw.insert("type".to_owned(), tag);
            }
            Self::Unknown(UnknownRequest {
                type_name,
                raw: raw.into_iter().collect(),
            })
        })
    }
}

const SKILL_EVENT_PREFIX: &str = "AlexaSkillEvent.";

fn parse<T: DeserializeOwned>(body: &Map<String, Value>) -> Option<T> {
    T::deserialize(body).ok()
}

/// Borrowed view of the fields every request struct has.
struct Common<'a> {
    request_id: Option<&'a str>,
    timestamp: Option<&'a str>,
    locale: Option<&'a str>,
}

/// A typed request body, as declared by `request_body!`: lets [`Request`] read the common fields without repeating
/// the field access for every variant.
trait RequestBody {
    /// `requestId`, `timestamp` and `locale` of this request.
    fn common(&self) -> Common<'_>;
}

impl<'de> Deserialize<'de> for Request {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Map::<String, Value>::deserialize(deserializer)?;
        let type_name = match raw.get("type") {
            Some(Value::String(type_name)) => type_name.clone(),
            Some(_) => return Err(D::Error::custom("request `type` is not a string")),
            None => return Err(D::Error::missing_field("type")),
        };
        Ok(Self::from_object(type_name, raw))
    }
}

/// A request body with its `type` in front, for serializing the known variants.
#[derive(Serialize)]
struct Tagged<'a, T> {
    #[serde(rename = "type")]
    type_name: &'a str,
    #[serde(flatten)]
    body: &'a T,
}

impl Serialize for Request {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        fn tagged<S: Serializer, T: Serialize>(
            serializer: S,
            type_name: &str,
            body: &T,
        ) -> Result<S::Ok, S::Error> {
            Tagged { type_name, body }.serialize(serializer)
        }
        let type_name = self.type_name();
        match self {
            Self::Launch(r) => tagged(serializer, type_name, r),
            Self::Intent(r) => tagged(serializer, type_name, r),
            Self::SessionEnded(r) => tagged(serializer, type_name, r),
            Self::PlaybackStarted(r)
            | Self::PlaybackFinished(r)
            | Self::PlaybackStopped(r)
            | Self::PlaybackNearlyFinished(r) => tagged(serializer, type_name, r),
            Self::PlaybackFailed(r) => tagged(serializer, type_name, r),
            Self::PlayCommandIssued(r)
            | Self::PauseCommandIssued(r)
            | Self::NextCommandIssued(r)
            | Self::PreviousCommandIssued(r) => tagged(serializer, type_name, r),
            Self::ExceptionEncountered(r) => tagged(serializer, type_name, r),
            Self::SkillEvent(r) => tagged(serializer, type_name, r),
            Self::ConnectionsResponse(r) => tagged(serializer, type_name, r),
            Self::Unknown(r) => {
                let fields = r.raw.iter().filter(|(key, _)| key.as_str() != "type");
                let mut map = serializer.serialize_map(None)?;
                map.serialize_entry("type", &r.type_name)?;
                for (key, value) in fields {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

impl JsonSchema for Request {
    fn schema_name() -> Cow<'static, str> {
        "Request".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        fn tagged(type_schema: Value, body: Schema) -> Value {
            json!({
                "allOf": [
                    body,
                    { "type": "object", "required": ["type"], "properties": { "type": type_schema } },
                ],
            })
        }
        let named = |name: RequestKind| json!({ "const": name.as_str() });
        let skill_event = json!({ "type": "string", "pattern": "^AlexaSkillEvent\\." });
        let known_names: Vec<&str> = RequestKind::NAMED.iter().map(|k| k.as_str()).collect();
        let variants = vec![
            tagged(
                named(RequestKind::Launch),
                generator.subschema_for::<LaunchRequest>(),
            ),
            tagged(
                named(RequestKind::Intent),
                generator.subschema_for::<IntentRequest>(),
            ),
            tagged(
                named(RequestKind::SessionEnded),
                generator.subschema_for::<SessionEndedRequest>(),
            ),
            tagged(
                json!({ "enum": [
                    RequestKind::PlaybackStarted.as_str(),
                    RequestKind::PlaybackFinished.as_str(),
                    RequestKind::PlaybackStopped.as_str(),
                    RequestKind::PlaybackNearlyFinished.as_str(),
                ] }),
                generator.subschema_for::<PlaybackEvent>(),
            ),
            tagged(
                named(RequestKind::PlaybackFailed),
                generator.subschema_for::<PlaybackFailedRequest>(),
            ),
            tagged(
                json!({ "enum": [
                    RequestKind::PlayCommandIssued.as_str(),
                    RequestKind::PauseCommandIssued.as_str(),
                    RequestKind::NextCommandIssued.as_str(),
                    RequestKind::PreviousCommandIssued.as_str(),
                ] }),
                generator.subschema_for::<ControllerCommand>(),
            ),
            tagged(
                named(RequestKind::ExceptionEncountered),
                generator.subschema_for::<ExceptionEncounteredRequest>(),
            ),
            tagged(
                named(RequestKind::ConnectionsResponse),
                generator.subschema_for::<ConnectionsResponse>(),
            ),
            tagged(
                skill_event.clone(),
                generator.subschema_for::<SkillEventRequest>(),
            ),
            json!({
                "description": "A request type onair does not know: any object with a string `type`.",
                "type": "object",
                "required": ["type"],
                "properties": {
                    "type": {
                        "type": "string",
                        "not": { "anyOf": [{ "enum": known_names }, skill_event] },
                    },
                },
            }),
        ];
        json_schema!({
            "description": "An Alexa request, discriminated by `type`.",
            "oneOf": variants,
        })
    }
}

/// The kind of a request, for matching and for logs (`alexa.request_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RequestKind {
    /// `LaunchRequest`.
    Launch,
    /// `IntentRequest`.
    Intent,
    /// `SessionEndedRequest`.
    SessionEnded,
    /// `AudioPlayer.PlaybackStarted`.
    PlaybackStarted,
    /// `AudioPlayer.PlaybackFinished`.
    PlaybackFinished,
    /// `AudioPlayer.PlaybackStopped`.
    PlaybackStopped,
    /// `AudioPlayer.PlaybackNearlyFinished`.
    PlaybackNearlyFinished,
    /// `AudioPlayer.PlaybackFailed`.
    PlaybackFailed,
    /// `PlaybackController.PlayCommandIssued`.
    PlayCommandIssued,
    /// `PlaybackController.PauseCommandIssued`.
    PauseCommandIssued,
    /// `PlaybackController.NextCommandIssued`.
    NextCommandIssued,
    /// `PlaybackController.PreviousCommandIssued`.
    PreviousCommandIssued,
    /// `System.ExceptionEncountered`.
    ExceptionEncountered,
    /// `AlexaSkillEvent.*`.
    SkillEvent,
    /// `Connections.Response`.
    ConnectionsResponse,
    /// Anything else.
    Unknown,
}

impl RequestKind {
    /// The kinds with exactly one wire name.
    const NAMED: [Self; 14] = [
        Self::Launch,
        Self::Intent,
        Self::SessionEnded,
        Self::PlaybackStarted,
        Self::PlaybackFinished,
        Self::PlaybackStopped,
        Self::PlaybackNearlyFinished,
        Self::PlaybackFailed,
        Self::PlayCommandIssued,
        Self::PauseCommandIssued,
        Self::NextCommandIssued,
        Self::PreviousCommandIssued,
        Self::ExceptionEncountered,
        Self::ConnectionsResponse,
    ];

    /// The wire type name; `AlexaSkillEvent.*` for skill events and `Unknown` for unknown types.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Launch => "LaunchRequest",
            Self::Intent => "IntentRequest",
            Self::SessionEnded => "SessionEndedRequest",
            Self::PlaybackStarted => "AudioPlayer.PlaybackStarted",
            Self::PlaybackFinished => "AudioPlayer.PlaybackFinished",
            Self::PlaybackStopped => "AudioPlayer.PlaybackStopped",
            Self::PlaybackNearlyFinished => "AudioPlayer.PlaybackNearlyFinished",
            Self::PlaybackFailed => "AudioPlayer.PlaybackFailed",
            Self::PlayCommandIssued => "PlaybackController.PlayCommandIssued",
            Self::PauseCommandIssued => "PlaybackController.PauseCommandIssued",
            Self::NextCommandIssued => "PlaybackController.NextCommandIssued",
            Self::PreviousCommandIssued => "PlaybackController.PreviousCommandIssued",
            Self::ExceptionEncountered => "System.ExceptionEncountered",
            Self::SkillEvent => "AlexaSkillEvent.*",
            Self::ConnectionsResponse => "Connections.Response",
            Self::Unknown => "Unknown",
        }
    }

    /// The kind a wire `type` names.
    #[must_use]
    pub fn from_type_name(type_name: &str) -> Self {
        if type_name.starts_with(SKILL_EVENT_PREFIX) {
            return Self::SkillEvent;
        }
        Self::NAMED
            .into_iter()
            .find(|kind| kind.as_str() == type_name)
            .unwrap_or(Self::Unknown)
    }
}

impl std::fmt::Display for RequestKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

request_body! {
    /// `LaunchRequest`.
    #[derive(Default)]
    pub struct LaunchRequest {}
    docs {
        timestamp: "`timestamp`, raw (see [`RequestEnvelope::timestamp`]).",
        extra: "Fields onair does not model (`task`, `shouldLinkResultBeReturned`, …), kept for round trips.",
    }
}

request_body! {
    /// `IntentRequest`.
    pub struct IntentRequest {
        /// Only with a dialog model.
        #[serde(
            default,
            deserialize_with = "lenient",
            skip_serializing_if = "Option::is_none"
        )]
        pub dialog_state: Option<DialogState>,
        /// What the user asked for. A garbled one degrades to the default (no name, no slots), so the request
        /// stays an `IntentRequest` and the skill answers it as an intent it does not know.
        #[serde(default, deserialize_with = "lenient")]
        pub intent: Intent,
    }
}

wire_enum! {
    /// `dialogState`.
    DialogState {
        /// First turn of a dialog.
        Started = "STARTED",
        /// A later turn.
        InProgress = "IN_PROGRESS",
        /// All required slots filled and confirmed.
        Completed = "COMPLETED",
    }
}

wire_enum! {
    /// `confirmationStatus` of an intent or slot.
    ConfirmationStatus {
        /// Not asked.
        None = "NONE",
        /// The user said no.
        Denied = "DENIED",
        /// The user said yes.
        Confirmed = "CONFIRMED",
    }
}

/// `intent`. Every part is lenient: a garbled name, status or slot degrades to absent, never the whole request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Intent {
    /// e.g. `PlayLiveShowIntent`, `AMAZON.PauseIntent`.
    #[serde(default, deserialize_with = "lenient")]
    pub name: String,
    /// Often absent although the model says required.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub confirmation_status: Option<ConfirmationStatus>,
    /// Slots by key; the key is normally, but not always, the slot's name (use [`Intent::slot`]). A slot that is
    /// not an object is dropped; the others stay.
    #[serde(
        default,
        deserialize_with = "lenient_slots",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub slots: BTreeMap<String, Slot>,
}

impl Intent {
    /// The slot named `name`: matched on each slot's `name` first, then on the map key, because the key can differ
    /// from the name (SPEC §1.5).
    #[must_use]
    pub fn slot(&self, name: &str) -> Option<&Slot> {
        self.slots
            .values()
            .find(|slot| slot.name.as_deref() == Some(name))
            .or_else(|| self.slots.get(name))
    }
}

/// The years a request `timestamp` may fall in (see [`RequestEnvelope::timestamp`]).
pub const TIMESTAMP_YEARS: std::ops::RangeInclusive<i32> = 2014..=2099;

/// The longest slot value [`Slot::spoken`] passes on, in bytes. Alexa's utterances are a few dozen words.
pub const MAX_SPOKEN_BYTES: usize = 1024;

/// One slot of an intent. Each field is lenient: one of the wrong shape is absent, the rest of the slot stays.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Slot {
    /// The slot's name in the interaction model.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<String>,
    /// What the user said (not the canonical value); absent when the slot is not filled.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub value: Option<String>,
    /// Slot confirmation in a dialog.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub confirmation_status: Option<ConfirmationStatus>,
    /// Entity resolution: canonical values and ids, per authority.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub resolutions: Option<Resolutions>,
    /// The multi-value-aware form of the value.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub slot_value: Option<SlotValue>,
}

impl Slot {
    /// What the user said, trimmed: `value`, else `slotValue`'s simple value; `None` when empty or longer than
    /// [`MAX_SPOKEN_BYTES`] (no utterance is that long, so it is garbage, and everything downstream, from name
    /// matching to the answer that repeats it, stays bounded).
    #[must_use]
    pub fn spoken(&self) -> Option<&str> {
        let from_slot_value = || match &self.slot_value {
            Some(SlotValue::Simple { value, .. }) => value.as_deref(),
            _ => None,
        };
        [self.value.as_deref(), from_slot_value()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .find(|spoken| !spoken.is_empty())
            .filter(|spoken| spoken.len() <= MAX_SPOKEN_BYTES)
    }

    /// Every `ER_SUCCESS_MATCH` value from every authority, dynamic-entity authorities first (they hold the values
    /// the skill pushed for this user, SPEC §8). Falls back to the resolutions inside `slotValue` when the slot has
    /// none of its own.
    #[must_use]
    pub fn resolved_ids(&self) -> Vec<ResolvedValue> {
        let mut authorities: Vec<&AuthorityResolution> = Vec::new();
        if let Some(resolutions) = &self.resolutions {
            authorities.extend(&resolutions.resolutions_per_authority);
        } else if let Some(slot_value) = &self.slot_value {
            slot_value.collect_authorities(&mut authorities);
        }
        let mut resolved: Vec<ResolvedValue> = authorities
            .into_iter()
            .filter(|authority| authority.status.code == StatusCode::SuccessMatch)
            .flat_map(|authority| {
                authority.values.iter().map(|wrapper| ResolvedValue {
                    id: wrapper.value.id.clone(),
                    name: wrapper.value.name.clone(),
                    authority: authority.authority.clone(),
                })
            })
            .collect();
        // Stable sort: within each group Alexa's order (best candidate first) is kept.
        resolved.sort_by_key(|value| !value.is_dynamic());
        resolved
    }
}

/// A canonical value entity resolution matched.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ResolvedValue {
    /// The value's id from the interaction model or the dynamic entities.
    pub id: Option<String>,
    /// The canonical name.
    pub name: String,
    /// Which authority matched it.
    pub authority: String,
}

impl ResolvedValue {
    /// Whether it came from dynamic entities (authority `amzn1.er-authority.echo-sdk.dynamic.…`).
    #[must_use]
    pub fn is_dynamic(&self) -> bool {
        self.authority.contains(".dynamic.")
    }
}

/// `resolutions`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Resolutions {
    /// One entry per authority (static slot type, dynamic entities, built-in catalog).
    #[serde(default)]
    pub resolutions_per_authority: Vec<AuthorityResolution>,
}

/// Entity resolution by one authority.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuthorityResolution {
    /// e.g. `amzn1.er-authority.echo-sdk.<skillId>.LIVE_SOURCE`.
    pub authority: String,
    /// Whether it matched.
    pub status: ResolutionStatus,
    /// The candidates, best first; present only on a match.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<ValueWrapper>,
}

/// `status` of an authority resolution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ResolutionStatus {
    /// The outcome.
    pub code: StatusCode,
}

wire_enum! {
    /// Entity-resolution status code.
    StatusCode {
        /// Matched.
        SuccessMatch = "ER_SUCCESS_MATCH",
        /// Did not match.
        SuccessNoMatch = "ER_SUCCESS_NO_MATCH",
        /// Timed out.
        ErrorTimeout = "ER_ERROR_TIMEOUT",
        /// Failed.
        ErrorException = "ER_ERROR_EXCEPTION",
    }
}

/// `{"value": …}` around each resolved value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ValueWrapper {
    /// The value.
    pub value: ResolutionValue,
}

/// A resolved canonical value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ResolutionValue {
    /// Canonical name.
    #[serde(default)]
    pub name: String,
    /// Id from the slot type or dynamic entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// `slotValue`, tagged on `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type")]
pub enum SlotValue {
    /// One value.
    Simple {
        /// What the user said.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        value: Option<String>,
        /// Entity resolution of that value.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        resolutions: Option<Resolutions>,
    },
    /// Several values (multi-value slots).
    List {
        /// The values.
        #[serde(default)]
        values: Vec<SlotValue>,
    },
    /// A form this code does not know (or a known one that does not fit), kept as is.
    #[serde(untagged)]
    Unknown(Value),
}

impl SlotValue {
    fn collect_authorities<'a>(&'a self, out: &mut Vec<&'a AuthorityResolution>) {
        match self {
            Self::Simple {
                resolutions: Some(resolutions),
                ..
            } => out.extend(&resolutions.resolutions_per_authority),
            Self::List { values } => {
                for value in values {
                    value.collect_authorities(out);
                }
            }
            Self::Simple { .. } | Self::Unknown(_) => {}
        }
    }
}

request_body! {
    /// `SessionEndedRequest`.
    #[derive(Default)]
    pub struct SessionEndedRequest {
        /// Why the session ended.
        #[serde(
            default,
            deserialize_with = "lenient",
            skip_serializing_if = "Option::is_none"
        )]
        pub reason: Option<SessionEndedReason>,
        /// With reason `ERROR`: what went wrong.
        #[serde(
            default,
            deserialize_with = "lenient",
            skip_serializing_if = "Option::is_none"
        )]
        pub error: Option<SkillError>,
    }
}

wire_enum! {
    /// `reason` of a SessionEndedRequest.
    SessionEndedReason {
        /// The user said stop or cancel.
        UserInitiated = "USER_INITIATED",
        /// Something failed; see `error`.
        Error = "ERROR",
        /// The user did not answer the reprompts.
        ExceededMaxReprompts = "EXCEEDED_MAX_REPROMPTS",
    }
}

/// `error` of SessionEnded and ExceptionEncountered requests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SkillError {
    /// The error's kind.
    #[serde(rename = "type")]
    pub error_type: SkillErrorType,
    /// Alexa's description, e.g. `SpeechletResponse was null`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

wire_enum! {
    /// `error.type` of SessionEnded and ExceptionEncountered requests.
    SkillErrorType {
        /// Our response broke Alexa's rules.
        InvalidResponse = "INVALID_RESPONSE",
        /// Alexa could not reach the device.
        DeviceCommunicationError = "DEVICE_COMMUNICATION_ERROR",
        /// Alexa failed internally.
        InternalServiceError = "INTERNAL_SERVICE_ERROR",
        /// Our endpoint answered too late.
        EndpointTimeout = "ENDPOINT_TIMEOUT",
    }
}

request_body! {
    /// AudioPlayer.PlaybackStarted / Finished / Stopped / NearlyFinished.
    #[derive(Default)]
    pub struct PlaybackEvent {
        /// Token of the stream the event is about.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub token: Option<String>,
        /// Position in that stream; store it on PlaybackStopped to resume.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub offset_in_milliseconds: Option<i64>,
    }
}

request_body! {
    /// `AudioPlayer.PlaybackFailed`.
    #[derive(Default)]
    pub struct PlaybackFailedRequest {
        /// Token of the stream that failed; can differ from `currentPlaybackState.token` (a queued stream failed).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub token: Option<String>,
        /// What failed.
        #[serde(
            default,
            deserialize_with = "lenient",
            skip_serializing_if = "Option::is_none"
        )]
        pub error: Option<MediaError>,
        /// The player state when it failed.
        #[serde(
            default,
            deserialize_with = "lenient",
            skip_serializing_if = "Option::is_none"
        )]
        pub current_playback_state: Option<AudioPlayerContext>,
    }
}

/// `error` of PlaybackFailed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MediaError {
    /// The error's kind.
    #[serde(rename = "type")]
    pub error_type: MediaErrorType,
    /// The device's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

wire_enum! {
    /// `error.type` of PlaybackFailed.
    MediaErrorType {
        /// Unknown error.
        UnknownError = "MEDIA_ERROR_UNKNOWN",
        /// The stream URL or its content was refused (e.g. not HTTPS, bad format).
        InvalidRequest = "MEDIA_ERROR_INVALID_REQUEST",
        /// The stream server could not be reached.
        ServiceUnavailable = "MEDIA_ERROR_SERVICE_UNAVAILABLE",
        /// The stream server failed.
        InternalServerError = "MEDIA_ERROR_INTERNAL_SERVER_ERROR",
        /// The device failed.
        InternalDeviceError = "MEDIA_ERROR_INTERNAL_DEVICE_ERROR",
    }
}

request_body! {
    /// PlaybackController.PlayCommandIssued / Pause / Next / Previous: a button press, never voice.
    #[derive(Default)]
    pub struct ControllerCommand {}
}

request_body! {
    /// `System.ExceptionEncountered`.
    #[derive(Default)]
    pub struct ExceptionEncounteredRequest {
        /// What Alexa objected to.
        #[serde(
            default,
            deserialize_with = "lenient",
            skip_serializing_if = "Option::is_none"
        )]
        pub error: Option<SkillError>,
        /// The request whose response failed.
        #[serde(
            default,
            deserialize_with = "lenient",
            skip_serializing_if = "Option::is_none"
        )]
        pub cause: Option<Cause>,
    }
}

/// `cause` of ExceptionEncountered.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Cause {
    /// The request whose response Alexa rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

request_body! {
    /// `AlexaSkillEvent.*`: SkillEnabled, SkillDisabled, SkillPermissionAccepted, …
    #[derive(Default)]
    pub struct SkillEventRequest {
        /// The full wire type, e.g. `AlexaSkillEvent.SkillEnabled`.
        #[serde(skip)]
        pub event_type: String,
        /// When the event happened; events can arrive up to an hour late.
        #[serde(
            default,
            deserialize_with = "lenient",
            skip_serializing_if = "Option::is_none"
        )]
        pub event_creation_time: Option<String>,
        /// When Alexa sent it.
        #[serde(
            default,
            deserialize_with = "lenient",
            skip_serializing_if = "Option::is_none"
        )]
        pub event_publishing_time: Option<String>,
        /// Event-specific details (accepted permissions, …).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub body: Option<Value>,
    }
    docs {
        request_id: "`requestId` (a bare UUID for skill events).",
        locale: "`locale`; usually absent for skill events.",
    }
}

request_body! {
    /// `Connections.Response`: how a `Connections.SendRequest` ended
    /// (<https://developer.amazon.com/docs/alexa/smapi/voice-permissions-for-reminders.html>).
    #[derive(Default)]
    pub struct ConnectionsResponse {
        /// The connection's name, `AskFor` for the permission prompt.
        #[serde(
            default,
            deserialize_with = "lenient",
            skip_serializing_if = "Option::is_none"
        )]
        pub name: Option<String>,
        /// Whether the connection itself worked (`code` `"200"`), whatever the customer answered.
        #[serde(
            default,
            deserialize_with = "lenient",
            skip_serializing_if = "Option::is_none"
        )]
        pub status: Option<ConnectionsStatus>,
        /// What the customer answered: `permissionScope` and `status`.
        #[serde(
            default,
            deserialize_with = "lenient",
            skip_serializing_if = "Option::is_none"
        )]
        pub payload: Option<AskForPayload>,
        /// The `token` of the `Connections.SendRequest`, returned as sent.
        #[serde(
            default,
            deserialize_with = "lenient",
            skip_serializing_if = "Option::is_none"
        )]
        pub token: Option<String>,
    }
}

/// `status` of a `Connections.Response`: an HTTP-like code as a string.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ConnectionsStatus {
    /// `"200"` when the request ran; `"400"`, `"500"`… when Alexa could not run it.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub code: Option<String>,
    /// Alexa's description.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub message: Option<String>,
}

/// `payload` of an `AskFor` `Connections.Response`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AskForPayload {
    /// The scope asked for.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub permission_scope: Option<String>,
    /// What the customer answered.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub status: Option<ConsentStatus>,
}

wire_enum! {
    /// `payload.status` of an `AskFor` `Connections.Response`.
    ConsentStatus {
        /// The customer granted the permission.
        Accepted = "ACCEPTED",
        /// The customer refused it.
        Denied = "DENIED",
        /// The customer said nothing (or something else).
        NotAnswered = "NOT_ANSWERED",
    }
}

/// A request onair cannot type: an unknown `type`, or a known one whose body does not fit.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownRequest {
    /// The wire `type`.
    pub type_name: String,
    /// The whole request object as received.
    pub raw: BTreeMap<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_round_trips_through_its_wire_name() {
        for kind in RequestKind::NAMED {
            assert_eq!(RequestKind::from_type_name(kind.as_str()), kind);
        }
        assert_eq!(
            RequestKind::from_type_name("AlexaSkillEvent.SkillAccountLinked"),
            RequestKind::SkillEvent
        );
        assert_eq!(
            RequestKind::from_type_name("Alexa.Presentation.APL.UserEvent"),
            RequestKind::Unknown
        );
    }

    #[test]
    fn connections_response_reads_the_answer_to_the_permission_prompt_and_round_trips() {
        let request = json!({
            "type": "Connections.Response",
            "requestId": "amzn1.echo-api.request.1",
            "timestamp": "2026-11-22T20:00:00Z",
            "locale": "en-US",
            "name": "AskFor",
            "status": { "code": "200", "message": "OK" },
            "token": "remind:sera-uno",
            "payload": {
                "permissionScope": "alexa::alerts:reminders:skill:readwrite",
                "status": "DENIED"
            }
        });
        let parsed: Request = serde_json::from_value(request.clone()).unwrap();
        let Request::ConnectionsResponse(response) = &parsed else {
            panic!("{parsed:?}");
        };
        assert_eq!(response.token.as_deref(), Some("remind:sera-uno"));
        assert_eq!(
            response.payload.as_ref().and_then(|p| p.status.clone()),
            Some(ConsentStatus::Denied)
        );
        assert_eq!(parsed.kind(), RequestKind::ConnectionsResponse);
        assert_eq!(serde_json::to_value(&parsed).unwrap(), request);
    }

    #[test]
    fn a_granted_scope_is_a_permission_and_a_denied_one_is_not() {
        let envelope = |status: &str| -> RequestEnvelope {
            serde_json::from_value(json!({
                "context": { "System": { "user": { "userId": "u", "permissions": {
                    "scopes": { "alexa::alerts:reminders:skill:readwrite": { "status": status } }
                } } } },
                "request": { "type": "LaunchRequest" }
            }))
            .unwrap()
        };
        let scope = "alexa::alerts:reminders:skill:readwrite";
        assert!(envelope("GRANTED").has_permission(scope));
        assert!(!envelope("DENIED").has_permission(scope));
        assert!(!envelope("GRANTED").has_permission("alexa::profile:name:read"));
    }

    #[test]
    fn wire_enum_keeps_unknown_values() {
        let activity: PlayerActivity = serde_json::from_value(json!("SOMETHING_NEW")).unwrap();
        assert_eq!(
            activity,
            PlayerActivity::Unknown("SOMETHING_NEW".to_owned())
        );
        assert_eq!(
            serde_json::to_value(&activity).unwrap(),
            json!("SOMETHING_NEW")
        );
        let known: PlayerActivity = serde_json::from_value(json!("BUFFER_UNDERRUN")).unwrap();
        assert_eq!(known, PlayerActivity::BufferUnderrun);
    }

    #[test]
    fn request_without_string_type_is_an_error() {
        assert!(serde_json::from_value::<Request>(json!({ "requestId": "x" })).is_err());
        assert!(serde_json::from_value::<Request>(json!({ "type": 7 })).is_err());
        assert!(serde_json::from_value::<Request>(json!("LaunchRequest")).is_err());
    }

    fn intent_request(intent: Value) -> Request {
        serde_json::from_value(json!({
            "type": "IntentRequest",
            "requestId": "r",
            "timestamp": "2026-11-22T20:00:00Z",
            "intent": intent,
        }))
        .unwrap()
    }

    #[test]
    fn a_garbled_intent_degrades_to_absent_and_the_request_stays_an_intent_request() {
        for garbled in [
            json!("PlayLiveShowIntent"),
            json!(5),
            json!([1]),
            json!({ "name": 5 }),
        ] {
            let Request::Intent(request) = intent_request(garbled.clone()) else {
                panic!("{garbled} made the request something else");
            };
            assert_eq!(request.intent, Intent::default(), "{garbled}");
            assert_eq!(request.timestamp.as_deref(), Some("2026-11-22T20:00:00Z"));
        }
    }

    #[test]
    fn a_garbled_slot_part_degrades_to_absent_and_keeps_the_rest() {
        let Request::Intent(request) = intent_request(json!({
            "name": "PlayLiveShowIntent",
            "slots": {
                "source": {
                    "name": "source",
                    "value": "jazz night",
                    "resolutions": "garbled",
                    "confirmationStatus": ["x"],
                },
                "date": { "name": "date", "value": { "nested": true } },
                "broken": "not a slot",
            },
        })) else {
            panic!("not an IntentRequest");
        };
        let intent = request.intent;
        assert_eq!(intent.name, "PlayLiveShowIntent");
        let source = intent.slot("source").expect("the source slot stays");
        assert_eq!(source.spoken(), Some("jazz night"));
        assert_eq!(source.resolutions, None);
        let date = intent.slot("date").expect("the date slot stays");
        assert_eq!(date.value, None);
        assert!(intent.slot("broken").is_none());
        for slots in [json!([1, 2]), json!("slots"), json!(null)] {
            let Request::Intent(request) =
                intent_request(json!({ "name": "WhatsOnIntent", "slots": slots }))
            else {
                panic!("not an IntentRequest");
            };
            assert_eq!(request.intent.name, "WhatsOnIntent");
            assert!(request.intent.slots.is_empty());
        }
    }
}
