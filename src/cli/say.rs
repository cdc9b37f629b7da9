//! `onair say`: an utterance typed as text goes through the interaction model like speech through Alexa's NLU,
//! becomes the envelope Alexa would send, and the skill's answer is printed as a listener would experience it.

use std::collections::BTreeMap;
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use std::fmt::Write as _;

use super::{ScheduleSource, emit, parse_instant};
use crate::alexa::{Card, Directive, OutputSpeech, RequestEnvelope, ResponseEnvelope};
use crate::interaction_model::{DynamicName, InteractionModelFile, Nlu, Understood};
use crate::schedule::Schedule;
use crate::skill::reminders::InMemoryReminders;
use crate::skill::speech::negotiate;
use crate::skill::{FixedZone, Skill};
use crate::storage::ScheduleStore;

/// The skill id `onair say` puts in the envelopes it builds.
const LOCAL_SKILL_ID: &str = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000";
/// The slot type whose values come from the schedule.
const SOURCE_SLOT_TYPE: &str = "LIVE_SOURCE";
/// The user id of the local listener in every envelope onair builds.
pub(super) const LOCAL_USER_ID: &str = "amzn1.ask.account.onair-say";

/// The kind of device the utterance is spoken to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum DeviceKind {
    /// An Echo speaker: plays audio, no screen.
    Speaker,
    /// An Echo Show: plays audio and shows art and titles.
    Screen,
    /// A device without AudioPlayer support (some cars, third-party devices).
    NoAudio,
}

/// A permission the listener can give the skill by voice.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum PermissionKind {
    /// Reminders (`alexa::alerts:reminders:skill:readwrite`).
    Reminders,
}

impl PermissionKind {
    /// The permission scope Alexa names it by.
    #[must_use]
    pub fn scope(self) -> &'static str {
        match self {
            Self::Reminders => crate::skill::reminders::REMINDERS_SCOPE,
        }
    }
}

/// What the listener answers when Alexa asks for a permission by voice (`Connections.SendRequest` `AskFor`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Consent {
    /// "Yes": `ACCEPTED`, and later requests carry the permission.
    Grant,
    /// "No": `DENIED`.
    Deny,
    /// Nothing: `NOT_ANSWERED`.
    Silence,
}

impl Consent {
    /// The `payload.status` Alexa sends for it.
    pub(super) fn wire(self) -> &'static str {
        match self {
            Self::Grant => "ACCEPTED",
            Self::Deny => "DENIED",
            Self::Silence => "NOT_ANSWERED",
        }
    }

    fn spoken(self) -> &'static str {
        match self {
            Self::Grant => "(you answer Alexa's permission prompt: yes)",
            Self::Deny => "(you answer Alexa's permission prompt: no)",
            Self::Silence => {
                "(you do not answer Alexa's permission prompt; --grant or --deny answers it)"
            }
        }
    }
}

/// Arguments of `onair say`.
#[derive(Debug, clap::Args)]
pub struct SayArgs {
    /// What the listener says after "Alexa, ask on air live to …". Several utterances make one conversation:
    /// each continues the session (and the player state) the previous one left.
    #[arg(required = true, value_name = "UTTERANCE")]
    pub utterances: Vec<String>,
    /// The device's locale: en-US, en-GB, it-IT, de-DE, es-ES or fr-FR.
    #[arg(long, default_value = "en-US", value_name = "LOCALE", value_parser = super::parse_locale)]
    pub locale: String,
    /// Pretend it is this instant (default: now).
    #[arg(long, value_name = "RFC3339", value_parser = parse_instant)]
    pub at: Option<DateTime<Utc>>,
    /// Where the schedule comes from.
    #[command(flatten)]
    pub source: ScheduleSource,
    /// The device spoken to.
    #[arg(long, value_enum, default_value_t = DeviceKind::Speaker)]
    pub device: DeviceKind,
    /// Print {"request": …, "response": …} per utterance (one JSON object a line) instead of prose.
    #[arg(long)]
    pub json: bool,
    /// Speak times on this device time zone's clock (an IANA name such as Europe/Rome), as if the Alexa Settings
    /// API had answered it. Without it the device's zone is unknown and times are relative ("in about 3 hours").
    #[arg(long, value_name = "ZONE", value_parser = crate::skill::parse_zone)]
    pub time_zone: Option<chrono_tz::Tz>,
    /// Answer "yes" when Alexa asks for this permission by voice (reminders are then set, in memory, as the
    /// Alexa Reminders API would). The permission starts not granted.
    #[arg(long, value_enum, value_name = "PERMISSION", conflicts_with = "deny")]
    pub grant: Option<PermissionKind>,
    /// Answer "no" when Alexa asks for this permission by voice.
    #[arg(long, value_enum, value_name = "PERMISSION")]
    pub deny: Option<PermissionKind>,
}

pub(super) async fn run(args: SayArgs) -> anyhow::Result<ExitCode> {
    let store = args.source.open().await?;
    let now = args.at.unwrap_or_else(Utc::now);
    let schedule = store.schedule_at(now).await?;
    let nlu = nlu_for(&args.locale, &schedule)?;
    // With a table, follows go to its follows table too, so `onair notify` sees who followed what.
    let follows: std::sync::Arc<dyn crate::storage::FollowStore> =
        match args.source.table.as_deref().filter(|t| !t.is_empty()) {
            Some(table) if args.source.schedule.is_none() => {
                let sdk = super::sdk_config().await?;
                std::sync::Arc::new(crate::storage::DynamoDbFollows::new(
                    crate::storage::dynamo_db::client(&sdk),
                    crate::storage::tables::default_follows_table(table),
                ))
            }
            _ => std::sync::Arc::new(crate::storage::InMemoryFollows::new()),
        };
    let skill = Skill::new(store)
        .with_zones(args.time_zone.map(FixedZone))
        .with_follows(follows)
        .with_reminders(InMemoryReminders::new());
    let mut device = Device {
        locale: args.locale.clone(),
        kind: args.device,
        granted: Vec::new(),
    };
    let consent = match (args.grant, args.deny) {
        (Some(_), _) => Consent::Grant,
        (None, Some(_)) => Consent::Deny,
        (None, None) => Consent::Silence,
    };
    let mut conversation = Conversation::default();
    let mut turn = 0;
    for utterance in &args.utterances {
        let mut request = utterance_request(&nlu, utterance, now);
        let mut said = utterance.as_str();
        // A permission prompt is answered by the listener, then Alexa tells the skill: one more turn.
        loop {
            let player = conversation.player.clone();
            let envelope_json = conversation.envelope(request, &device, player, now, turn);
            turn += 1;
            let envelope: RequestEnvelope = serde_json::from_value(envelope_json.clone())
                .context("onair built an envelope it cannot read (a bug)")?;
            let response = skill.handle_at(envelope, now).await;
            if args.json {
                emit(json!({ "request": envelope_json, "response": response }))?;
            } else {
                emit(describe_turn(said, &envelope_json, &response))?;
            }
            conversation.after(&response);
            let Some((scope, token)) = permission_prompt(&response) else {
                break;
            };
            if consent == Consent::Grant && !device.granted.contains(&scope) {
                device.granted.push(scope.clone());
            }
            request = consent_response(consent, &scope, &token);
            said = consent.spoken();
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The permission scope and token of a `Connections.SendRequest` `AskFor` in `response`, if it has one.
pub(super) fn permission_prompt(response: &ResponseEnvelope) -> Option<(String, String)> {
    response
        .response
        .directives
        .iter()
        .find_map(|directive| match directive {
            Directive::SendRequest { payload, token, .. } => {
                Some((payload.permission_scope.clone(), token.clone()))
            }
            _ => None,
        })
}

/// The `Connections.Response` Alexa sends after the listener answered its permission prompt.
pub(super) fn consent_response(consent: Consent, scope: &str, token: &str) -> Value {
    json!({
        "type": "Connections.Response",
        "name": "AskFor",
        "status": { "code": "200", "message": "OK" },
        "token": token,
        "payload": { "permissionScope": scope, "status": consent.wire() }
    })
}

/// The NLU of `locale`'s embedded interaction model (en-US's when there is none), taught the schedule's names the
/// way the skill teaches Alexa with dynamic entities.
///
/// # Errors
/// No model is embedded at all, or the model does not compile (a build defect).
pub(super) fn nlu_for(locale: &str, schedule: &Schedule) -> anyhow::Result<Nlu> {
    let model_locale = negotiate(Some(locale));
    let (model_locale, model) = match InteractionModelFile::embedded(model_locale) {
        Some(model) => (model_locale, model),
        None => (
            "en-US",
            InteractionModelFile::embedded("en-US").context("no interaction model is embedded")?,
        ),
    };
    let dynamic: Vec<DynamicName> = schedule
        .spoken_names()
        .into_iter()
        .map(|n| DynamicName {
            id: n.key,
            name: n.name,
            synonyms: Vec::new(),
        })
        .collect();
    Ok(Nlu::new(model_locale, model.language_model(), &dynamic)?)
}

/// The request body Alexa would send for a spoken utterance: a LaunchRequest for "open …", else the IntentRequest
/// the NLU resolves it to (dates such as "tomorrow" relative to `now`).
pub(super) fn utterance_request(nlu: &Nlu, utterance: &str, now: DateTime<Utc>) -> Value {
    if nlu.is_launch(utterance) {
        json!({ "type": "LaunchRequest" })
    } else {
        intent_request(&nlu.understand(utterance, now.date_naive()))
    }
}

/// The IntentRequest body Alexa's NLU would produce for an understood utterance.
fn intent_request(understood: &Understood) -> Value {
    let slots: BTreeMap<&str, Value> = understood
        .slots
        .iter()
        .map(|(key, slot)| {
            let mut value =
                json!({ "name": slot.name, "value": slot.value, "confirmationStatus": "NONE" });
            if let Some(resolution) = &slot.resolution {
                let authority = resolution
                    .authority
                    .authority(LOCAL_SKILL_ID, SOURCE_SLOT_TYPE);
                let per_authority = if resolution.status_match {
                    json!({
                        "authority": authority,
                        "status": { "code": "ER_SUCCESS_MATCH" },
                        "values": [ { "value": { "name": resolution.name, "id": resolution.id } } ]
                    })
                } else {
                    json!({ "authority": authority, "status": { "code": "ER_SUCCESS_NO_MATCH" } })
                };
                value["resolutions"] = json!({ "resolutionsPerAuthority": [per_authority] });
            }
            (key.as_str(), value)
        })
        .collect();
    json!({
        "type": "IntentRequest",
        "dialogState": "COMPLETED",
        "intent": { "name": understood.intent, "confirmationStatus": "NONE", "slots": slots }
    })
}

/// The device a conversation is held with: its locale and what it can do.
#[derive(Debug, Clone)]
pub(super) struct Device {
    /// The locale the device sends in every request.
    pub(super) locale: String,
    /// Speaker, screen or no audio.
    pub(super) kind: DeviceKind,
    /// The permission scopes the listener has granted the skill.
    pub(super) granted: Vec<String>,
}

impl Device {
    /// `context.System.device.supportedInterfaces` of this kind of device.
    pub(super) fn interfaces(&self) -> Value {
        match self.kind {
            DeviceKind::Speaker => json!({ "AudioPlayer": {} }),
            DeviceKind::Screen => {
                json!({ "AudioPlayer": {}, "Display": {}, "Alexa.Presentation.APL": { "runtime": { "maxVersion": "2023.3" } } })
            }
            DeviceKind::NoAudio => json!({}),
        }
    }

    /// `context.System` of this device, as Alexa sends it on every request.
    pub(super) fn system(&self) -> Value {
        let mut user = json!({ "userId": LOCAL_USER_ID });
        if !self.granted.is_empty() {
            let scopes: serde_json::Map<String, Value> = self
                .granted
                .iter()
                .map(|scope| (scope.clone(), json!({ "status": "GRANTED" })))
                .collect();
            user["permissions"] = json!({ "scopes": scopes });
        }
        json!({
            "application": { "applicationId": LOCAL_SKILL_ID },
            "user": user,
            "device": { "deviceId": "amzn1.ask.device.onair-say", "supportedInterfaces": self.interfaces() },
            "apiEndpoint": "https://api.amazonalexa.com",
            // The in-process Reminders API, like Amazon's, refuses calls without a token.
            "apiAccessToken": "onair-say"
        })
    }
}

/// What carries over between the turns of one conversation: the session and (for `onair say`) the player.
#[derive(Debug, Default)]
pub(super) struct Conversation {
    session: Option<(String, Value)>,
    /// `context.AudioPlayer` as `onair say` tracks it from the directives it got.
    pub(super) player: Option<Value>,
}

impl Conversation {
    /// The envelope of a spoken turn: `request` in the session the previous turn left open (else a new one), with
    /// `player` as `context.AudioPlayer` (IDLE when `None`) on devices that have one.
    pub(super) fn envelope(
        &mut self,
        mut request: Value,
        device: &Device,
        player: Option<Value>,
        now: DateTime<Utc>,
        turn: usize,
    ) -> Value {
        request["requestId"] = json!(format!("amzn1.echo-api.request.onair-say-{turn}"));
        request["timestamp"] = json!(now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
        request["locale"] = json!(device.locale);
        let (new, attributes) = match self.session.take() {
            Some((_, attributes)) => (false, attributes),
            None => (true, json!({})),
        };
        let mut context = json!({ "System": device.system() });
        if device.kind != DeviceKind::NoAudio {
            context["AudioPlayer"] = player.unwrap_or_else(|| json!({ "playerActivity": "IDLE" }));
        }
        json!({
            "version": "1.0",
            "session": {
                "new": new,
                "sessionId": "amzn1.echo-api.session.onair-say",
                "application": { "applicationId": LOCAL_SKILL_ID },
                "attributes": attributes,
                "user": { "userId": LOCAL_USER_ID }
            },
            "context": context,
            "request": request
        })
    }

    /// Carries the session on when the skill kept it open, and tracks what the player would be doing.
    pub(super) fn after(&mut self, response: &ResponseEnvelope) {
        self.session = (response.response.should_end_session == Some(false)).then(|| {
            let attributes =
                serde_json::to_value(&response.session_attributes).unwrap_or(Value::Null);
            let attributes = if attributes.is_null() {
                json!({})
            } else {
                attributes
            };
            ("amzn1.echo-api.session.onair-say".to_owned(), attributes)
        });
        for directive in &response.response.directives {
            match directive {
                Directive::Play(play) => {
                    self.player = Some(json!({
                        "token": play.audio_item.stream.token.as_str(),
                        "offsetInMilliseconds": play.audio_item.stream.offset_in_milliseconds,
                        "playerActivity": "PLAYING"
                    }));
                }
                Directive::Stop => {
                    if let Some(player) = &mut self.player {
                        player["playerActivity"] = json!("STOPPED");
                    }
                }
                _ => {}
            }
        }
    }
}

/// A turn as a person reads it: what was heard, what Alexa says, what the player does.
fn describe_turn(utterance: &str, envelope: &Value, response: &ResponseEnvelope) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "you:    {utterance}");
    let _ = writeln!(out, "heard:  {}", heard(envelope));
    let r = &response.response;
    match &r.output_speech {
        Some(speech) => {
            let _ = writeln!(out, "alexa:  {}", spoken_text(speech));
        }
        None => {
            let _ = writeln!(out, "alexa:  (says nothing)");
        }
    }
    match &r.card {
        Some(Card::Simple { title, content }) => {
            let _ = writeln!(out, "card:   {title}: {content}");
        }
        Some(Card::Standard { title, text, .. }) => {
            let _ = writeln!(out, "card:   {title}: {text}");
        }
        Some(Card::AskForPermissionsConsent { permissions }) => {
            let _ = writeln!(
                out,
                "card:   the Alexa app asks you for the permission {}",
                permissions.join(", ")
            );
        }
        None => {}
    }
    for directive in &r.directives {
        match directive {
            Directive::Play(play) => {
                let meta = play.audio_item.metadata.as_ref();
                let title = meta.and_then(|m| m.title.as_deref()).unwrap_or("");
                let subtitle = meta.and_then(|m| m.subtitle.as_deref()).unwrap_or("");
                let _ = writeln!(
                    out,
                    "plays:  {title}{}{subtitle}",
                    if subtitle.is_empty() { "" } else { " — " }
                );
                let _ = writeln!(out, "        {}", play.audio_item.stream.url);
                let _ = writeln!(
                    out,
                    "        {} from {} ms, token {}",
                    serde_json::to_value(play.play_behavior)
                        .unwrap_or_default()
                        .as_str()
                        .unwrap_or(""),
                    play.audio_item.stream.offset_in_milliseconds,
                    play.audio_item.stream.token
                );
            }
            Directive::Stop => {
                let _ = writeln!(out, "player: stops");
            }
            Directive::ClearQueue { .. } => {
                let _ = writeln!(out, "player: clears its queue");
            }
            Directive::UpdateDynamicEntities(entities) => {
                let count: usize = entities.types.iter().map(|t| t.values.len()).sum();
                if count > 0 {
                    let _ = writeln!(
                        out,
                        "names:  teaches Alexa {count} show and artist names for the next answer"
                    );
                }
            }
            Directive::SendRequest { payload, .. } => {
                let _ = writeln!(
                    out,
                    "asks:   Alexa asks you for the permission {}",
                    payload.permission_scope
                );
            }
        }
    }
    if let Some(reprompt) = &r.reprompt {
        let _ = writeln!(
            out,
            "        (if you say nothing: {})",
            spoken_text(&reprompt.output_speech)
        );
    }
    if r.should_end_session == Some(false) {
        let _ = writeln!(out, "        (the microphone stays open)");
    }
    out
}

/// What the NLU made of a request: the request type, or the intent and its slots (with the id each resolved to).
pub(super) fn heard(envelope: &Value) -> String {
    let request = &envelope["request"];
    if request["type"] != "IntentRequest" {
        return request["type"].as_str().unwrap_or("?").to_owned();
    }
    let mut heard = request["intent"]["name"].as_str().unwrap_or("?").to_owned();
    if let Some(slots) = request["intent"]["slots"].as_object() {
        for slot in slots.values() {
            let _ = write!(
                heard,
                "  {}=\"{}\"",
                slot["name"].as_str().unwrap_or("?"),
                slot["value"].as_str().unwrap_or("")
            );
            let resolved =
                &slot["resolutions"]["resolutionsPerAuthority"][0]["values"][0]["value"]["id"];
            if let Some(id) = resolved.as_str() {
                let _ = write!(heard, " (→ {id})");
            }
        }
    }
    heard
}

/// The words of an output speech, without SSML markup.
pub(super) fn spoken_text(speech: &OutputSpeech) -> String {
    match speech {
        OutputSpeech::PlainText { text, .. } => text.clone(),
        OutputSpeech::Ssml { ssml, .. } => strip_markup(ssml.as_str()),
    }
}

fn strip_markup(ssml: &str) -> String {
    let mut text = String::with_capacity(ssml.len());
    let mut in_tag = false;
    for c in ssml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}
