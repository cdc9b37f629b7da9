//! The conversation script format of `onair test` (YAML): the context a script sets, its steps, and what each step
//! expects. The JSON Schema `onair schema` writes (`conversation.schema.json`) is generated from these types.

use std::path::PathBuf;

use chrono::{DateTime, TimeDelta, Utc};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::alexa::{ClearBehavior, PlayBehavior};
use crate::cli::say::{DeviceKind, PermissionKind};

/// One conversation: where and when it happens, then what the listener and the Echo do, turn by turn.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Script {
    /// What the script checks, shown in the report (default: the file name).
    #[serde(default)]
    pub name: Option<String>,
    /// The device's locale: en-US, en-GB, it-IT, de-DE, es-ES or fr-FR (default en-US).
    #[serde(default)]
    pub locale: Option<String>,
    /// The device: `speaker` (an Echo), `screen` (an Echo Show) or `no-audio` (no AudioPlayer). Default: speaker.
    #[serde(default)]
    pub device: Option<DeviceKind>,
    /// The device's time zone (an IANA name such as Europe/Rome), as if the Alexa Settings API had answered it.
    /// Without it times are spoken relative to now ("in about 3 hours").
    #[serde(default)]
    pub time_zone: Option<String>,
    /// The instant the conversation starts (RFC 3339, e.g. 2026-11-22T20:00:00Z). `wait` steps move it on.
    pub at: DateTime<Utc>,
    /// Permissions the listener granted the skill before the conversation (`reminders`). Default: none, so the
    /// skill asks by voice and a `permission` step answers.
    #[serde(default)]
    pub permissions: Vec<PermissionKind>,
    /// A schedule file (format v1), relative to this script. Default: what `onair test` was given (`--schedule`,
    /// `--table`), else the embedded demo lineup.
    #[serde(default)]
    pub schedule: Option<PathBuf>,
    /// The turns, in order. The script stops at its first failing step.
    pub steps: Vec<Step>,
}

/// What the listener answers to Alexa's voice permission prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ConsentAnswer {
    /// "Yes" (`ACCEPTED`).
    Grant,
    /// "No" (`DENIED`).
    Deny,
    /// Nothing (`NOT_ANSWERED`).
    NoAnswer,
}

/// One turn. Exactly one of `say`, `request`, `event`, `button` or `wait` is set; `expect` checks the skill's answer.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// What the listener says after "Alexa, ask on air live to …", resolved through the locale's interaction model
    /// like `onair say` does ("open on air live" is a LaunchRequest). It continues the session the previous
    /// spoken turn left open, else starts a new one.
    #[serde(default)]
    pub say: Option<String>,
    /// A raw request envelope: a fixture path (relative to the script) or the envelope inline. It is sent as written,
    /// answered at the script's clock.
    #[serde(default)]
    pub request: Option<RawRequest>,
    /// An AudioPlayer event the simulated Echo sends about what it is playing.
    #[serde(default)]
    pub event: Option<PlayerEvent>,
    /// A PlaybackController button pressed on the device (or a remote).
    #[serde(default)]
    pub button: Option<Button>,
    /// Time passes without a request ("40m", "1h30m", "90s"); a playing stream's offset grows with it.
    #[serde(default)]
    pub wait: Option<TimeText>,
    /// The listener answers the permission prompt Alexa played for the previous answer's
    /// `Connections.SendRequest`: `grant`, `deny` or `no-answer`. Alexa then sends the skill a
    /// `Connections.Response`; after `grant`, later requests carry the permission.
    #[serde(default)]
    pub permission: Option<ConsentAnswer>,
    /// With `event`: the stream's offset when the event fires ("30m"). The clock moves on to reach it while
    /// playing. Default: the offset the Echo has reached.
    #[serde(default)]
    pub offset: Option<TimeText>,
    /// With `event: failed`: the error type, e.g. MEDIA_ERROR_SERVICE_UNAVAILABLE (default MEDIA_ERROR_UNKNOWN).
    #[serde(default)]
    pub error: Option<String>,
    /// What the answer must be. Every answer is also checked against Alexa's response rules.
    #[serde(default)]
    pub expect: Option<Expect>,
}

/// A raw request: a path to a JSON envelope, or the envelope itself.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum RawRequest {
    /// A JSON file, relative to the script.
    Path(PathBuf),
    /// The envelope, inline.
    Inline(serde_json::Map<String, serde_json::Value>),
}

/// The AudioPlayer events the simulated Echo can send (each about the stream it is playing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PlayerEvent {
    /// `AudioPlayer.PlaybackStarted`: the stream the skill asked for started.
    #[serde(
        alias = "playback-started",
        alias = "PlaybackStarted",
        alias = "AudioPlayer.PlaybackStarted"
    )]
    Started,
    /// `AudioPlayer.PlaybackNearlyFinished`: the device asks what to queue next.
    #[serde(
        alias = "playback-nearly-finished",
        alias = "PlaybackNearlyFinished",
        alias = "AudioPlayer.PlaybackNearlyFinished"
    )]
    NearlyFinished,
    /// `AudioPlayer.PlaybackFinished`: the stream ended; a queued stream becomes the current one.
    #[serde(
        alias = "playback-finished",
        alias = "PlaybackFinished",
        alias = "AudioPlayer.PlaybackFinished"
    )]
    Finished,
    /// `AudioPlayer.PlaybackStopped`: the stream stopped (after a Stop, or the listener's "Alexa, stop").
    #[serde(
        alias = "playback-stopped",
        alias = "PlaybackStopped",
        alias = "AudioPlayer.PlaybackStopped"
    )]
    Stopped,
    /// `AudioPlayer.PlaybackFailed`: the stream could not be played (see `error`).
    #[serde(
        alias = "playback-failed",
        alias = "PlaybackFailed",
        alias = "AudioPlayer.PlaybackFailed"
    )]
    Failed,
}

/// The PlaybackController buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Button {
    /// `PlaybackController.PlayCommandIssued`.
    #[serde(
        alias = "PlayCommandIssued",
        alias = "PlaybackController.PlayCommandIssued"
    )]
    Play,
    /// `PlaybackController.PauseCommandIssued`.
    #[serde(
        alias = "PauseCommandIssued",
        alias = "PlaybackController.PauseCommandIssued"
    )]
    Pause,
    /// `PlaybackController.NextCommandIssued`.
    #[serde(
        alias = "NextCommandIssued",
        alias = "PlaybackController.NextCommandIssued"
    )]
    Next,
    /// `PlaybackController.PreviousCommandIssued`.
    #[serde(
        alias = "PreviousCommandIssued",
        alias = "PlaybackController.PreviousCommandIssued"
    )]
    Previous,
}

/// What a step's answer must be. Text checks ignore case, accents and SSML markup. Unset fields are not checked.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// The request the NLU heard: an intent name (PlayLiveShowIntent) or a request type (LaunchRequest).
    #[serde(default)]
    pub heard: Option<String>,
    /// Words the speech contains (each of them, when a list).
    #[serde(default)]
    pub says: Option<OneOrMany>,
    /// Words the speech does not contain (none of them, when a list).
    #[serde(default)]
    pub says_not: Option<OneOrMany>,
    /// A regular expression the speech matches somewhere.
    #[serde(default)]
    pub says_matching: Option<String>,
    /// `true`: the answer says nothing; `false`: it says something.
    #[serde(default)]
    pub silent: Option<bool>,
    /// The language the skill answered in (its catalog for the request's locale, e.g. en-US for pt-BR).
    #[serde(default)]
    pub language: Option<String>,
    /// `true`/`false`: there is / is no reprompt; a text: words the reprompt contains.
    #[serde(default)]
    pub reprompt: Option<TextOrFlag>,
    /// Whether the microphone stays open for an answer (`open`) or the session ends (`closed`).
    #[serde(default)]
    pub session: Option<SessionExpect>,
    /// A stream started now (AudioPlayer.Play REPLACE_ALL, unless `behavior` says otherwise); `false`: none.
    #[serde(default)]
    pub plays: Option<PlayExpectation>,
    /// A stream queued after the current one (AudioPlayer.Play ENQUEUE or REPLACE_ENQUEUED); `false`: none.
    #[serde(default)]
    pub enqueues: Option<PlayExpectation>,
    /// `true`: an AudioPlayer.Stop; `false`: none.
    #[serde(default)]
    pub stops: Option<bool>,
    /// An AudioPlayer.ClearQueue with this behavior (CLEAR_ENQUEUED or CLEAR_ALL).
    #[serde(default)]
    pub clears_queue: Option<ClearBehavior>,
    /// `true`: the answer asks for a permission by voice (`Connections.SendRequest` `AskFor`); `false`: it does not.
    #[serde(default)]
    pub asks_permission: Option<bool>,
    /// `true`: no AudioPlayer directive at all (no Play, Stop or ClearQueue). Dynamic-entity updates are not
    /// counted: they teach Alexa names and change nothing a listener notices.
    #[serde(default)]
    pub no_directive: Option<bool>,
    /// The card in the Alexa app; `false`: no card.
    #[serde(default)]
    pub card: Option<CardExpectation>,
    /// What a screen device shows for the stream played or queued (its title, subtitle, art); `false`: nothing.
    #[serde(default)]
    pub screen: Option<ScreenExpectation>,
}

/// A duration as text ("40m", "1h30m", "90s", "500ms"), or a number of milliseconds as Alexa counts offsets.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum TimeText {
    /// Milliseconds.
    Millis(u64),
    /// A duration (or, for a Play's offset, a range) as text.
    Text(String),
}

impl TimeText {
    /// The value as text: milliseconds become `<n>ms`.
    #[must_use]
    pub fn text(&self) -> String {
        match self {
            Self::Millis(millis) => format!("{millis}ms"),
            Self::Text(text) => text.clone(),
        }
    }
}

/// One text or several.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum OneOrMany {
    /// One text.
    One(String),
    /// Several texts.
    Many(Vec<String>),
}

impl OneOrMany {
    /// The texts.
    pub fn texts(&self) -> &[String] {
        match self {
            Self::One(text) => std::slice::from_ref(text),
            Self::Many(texts) => texts,
        }
    }
}

/// A presence flag or a text the thing contains.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum TextOrFlag {
    /// Present (`true`) or absent (`false`).
    Flag(bool),
    /// Present and containing this text.
    Text(String),
}

/// Whether the session stays open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SessionExpect {
    /// `shouldEndSession: false`: Alexa listens for an answer.
    Open,
    /// The session ends (or there was none, as for AudioPlayer events).
    #[serde(alias = "ended")]
    Closed,
}

/// A Play expectation: present or absent, or what it plays.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum PlayExpectation {
    /// Any such Play (`true`) or none (`false`).
    Flag(bool),
    /// A Play with these properties.
    Play(PlayExpect),
}

/// What a Play directive plays. Unset fields are not checked.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlayExpect {
    /// The show: a schedule entry id (`sera-uno`) or one occurrence's full id (`sera-uno@20261122T1700Z`).
    #[serde(default)]
    pub show: Option<String>,
    /// `live` (the live edge) or `recording` (catch-up).
    #[serde(default)]
    pub kind: Option<StreamKindExpect>,
    /// The stream URL, exactly.
    #[serde(default)]
    pub url: Option<String>,
    /// REPLACE_ALL, ENQUEUE or REPLACE_ENQUEUED.
    #[serde(default)]
    pub behavior: Option<PlayBehavior>,
    /// The start offset: one duration ("0", "90s", or a number of milliseconds) or a range ("0..5s", "1m..",
    /// "..2m").
    #[serde(default)]
    pub offset: Option<TimeText>,
    /// The `expectedPreviousToken`: `playing` for the token the Echo was playing when the answer came, else the
    /// exact token.
    #[serde(default)]
    pub expected_previous_token: Option<String>,
}

/// Live edge or recording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum StreamKindExpect {
    /// The live stream.
    Live,
    /// The recording.
    Recording,
}

/// A card expectation.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum CardExpectation {
    /// A card (`true`) or none (`false`).
    Flag(bool),
    /// A card with these texts.
    Card(CardExpect),
}

/// Texts a card contains.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CardExpect {
    /// Words its title contains.
    #[serde(default)]
    pub title: Option<String>,
    /// Words its text contains.
    #[serde(default)]
    pub text: Option<String>,
}

/// A screen expectation.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ScreenExpectation {
    /// Metadata shown (`true`) or none (`false`).
    Flag(bool),
    /// Metadata with these properties.
    Screen(ScreenExpect),
}

/// The metadata a screen shows for a stream.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScreenExpect {
    /// Words the title contains.
    #[serde(default)]
    pub title: Option<String>,
    /// Words the subtitle contains.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// Whether there is cover art.
    #[serde(default)]
    pub art: Option<bool>,
}

/// The JSON Schema of conversation scripts (JSON Schema 2020-12), for editors that validate YAML.
#[must_use]
pub fn script_schema() -> serde_json::Value {
    let mut schema = schemars::generate::SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator()
        .into_root_schema_for::<Script>();
    schema.insert(
        "title".to_owned(),
        serde_json::Value::from("onair test conversation script"),
    );
    let mut schema = schema.to_value();
    // The derive cannot say "exactly one action a step": one `required` alternative per action, exactly one true.
    let actions: Vec<serde_json::Value> =
        ["say", "request", "event", "button", "wait", "permission"]
            .iter()
            .map(|action| serde_json::json!({ "required": [action] }))
            .collect();
    if let Some(step) = schema
        .pointer_mut("/$defs/Step")
        .and_then(|s| s.as_object_mut())
    {
        step.insert("oneOf".to_owned(), serde_json::Value::Array(actions));
    }
    schema
}

/// Parses a duration written as a person would: `40m`, `1h30m`, `90s`, `500ms`, `0`.
///
/// # Errors
/// The text is not a sequence of numbers each followed by `h`, `m`, `s` or `ms`.
pub fn parse_duration(text: &str) -> Result<TimeDelta, String> {
    let bad = || format!("`{text}` is not a duration: write it like 40m, 1h30m, 90s or 500ms");
    let trimmed = text.trim();
    if trimmed == "0" {
        return Ok(TimeDelta::zero());
    }
    let mut total = TimeDelta::zero();
    let mut rest = trimmed;
    if rest.is_empty() {
        return Err(bad());
    }
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
        let number: i64 = rest[..digits].parse().map_err(|_| bad())?;
        rest = &rest[digits..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(rest.len());
        let unit = rest[..unit_len].trim();
        rest = &rest[unit_len..];
        let part = match unit {
            "h" | "hour" | "hours" => TimeDelta::try_hours(number),
            "m" | "min" | "minute" | "minutes" => TimeDelta::try_minutes(number),
            "s" | "sec" | "second" | "seconds" => TimeDelta::try_seconds(number),
            "ms" => TimeDelta::try_milliseconds(number),
            _ => None,
        }
        .ok_or_else(bad)?;
        total += part;
    }
    Ok(total)
}

/// An offset range in milliseconds, both ends included: `90s`, `0..5s`, `1m..`, `..2m`.
///
/// # Errors
/// Either end is not a duration.
pub fn parse_offset_range(text: &str) -> Result<(u64, u64), String> {
    let millis = |part: &str| -> Result<u64, String> {
        let delta = parse_duration(part)?;
        u64::try_from(delta.num_milliseconds()).map_err(|_| format!("`{part}` is negative"))
    };
    match text.split_once("..") {
        None => {
            let exact = millis(text)?;
            Ok((exact, exact))
        }
        Some((from, to)) => {
            let from = if from.trim().is_empty() {
                0
            } else {
                millis(from)?
            };
            let to = if to.trim().is_empty() {
                u64::MAX
            } else {
                millis(to)?
            };
            Ok((from, to))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_written() {
        assert_eq!(parse_duration("40m"), Ok(TimeDelta::minutes(40)));
        assert_eq!(parse_duration("1h30m"), Ok(TimeDelta::minutes(90)));
        assert_eq!(parse_duration("500ms"), Ok(TimeDelta::milliseconds(500)));
        assert_eq!(parse_duration("0"), Ok(TimeDelta::zero()));
        assert_eq!(
            parse_duration("2 hours 5 minutes"),
            Ok(TimeDelta::minutes(125))
        );
        assert!(parse_duration("forty minutes").is_err());
        assert!(parse_duration("40").is_err());
        assert!(parse_duration("").is_err());
    }

    #[test]
    fn offset_ranges_are_inclusive_and_open_ended() {
        assert_eq!(parse_offset_range("0..5s"), Ok((0, 5_000)));
        assert_eq!(parse_offset_range("1m.."), Ok((60_000, u64::MAX)));
        assert_eq!(parse_offset_range("..2s"), Ok((0, 2_000)));
        assert_eq!(parse_offset_range("90s"), Ok((90_000, 90_000)));
    }

    #[test]
    fn a_script_reads_from_yaml() {
        let script: Script = serde_norway::from_str(
            "at: 2026-11-22T20:00:00Z\nlocale: it-IT\ndevice: no-audio\nsteps:\n  - say: apri on air live\n    \
             expect: { session: open, says: [Sera Uno] }\n  - event: nearly-finished\n    offset: 30m\n  \
             - button: pause\n    expect: { stops: true }\n  - wait: 40m\n",
        )
        .expect("parses");
        assert_eq!(script.device, Some(DeviceKind::NoAudio));
        assert_eq!(script.steps.len(), 4);
        assert_eq!(script.steps[1].event, Some(PlayerEvent::NearlyFinished));
        let aliased: Step = serde_norway::from_str(
            "event: AudioPlayer.PlaybackFailed\nerror: MEDIA_ERROR_UNKNOWN\n",
        )
        .expect("the wire name is accepted too");
        assert_eq!(aliased.event, Some(PlayerEvent::Failed));
    }

    #[test]
    fn a_misspelled_key_is_refused() {
        let error = serde_norway::from_str::<Script>(
            "at: 2026-11-22T20:00:00Z\nsteps:\n  - say: hi\n    expect: { sayz: hello }\n",
        )
        .expect_err("refused");
        assert!(error.to_string().contains("sayz"), "{error}");
    }
}
