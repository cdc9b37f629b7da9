//! The dialog: an Alexa request and the schedule in, an Alexa response out. The only place `alexa` meets `schedule`.
//!
//! [`Skill::handle`] is the async shell: it reads the schedule snapshot and the event named by the player's token
//! from the store (and, for launch and intents, the device's time zone from [`DeviceZones`], at the same time), then
//! hands everything to pure functions (`dialog` for session requests, `playback` for the AudioPlayer lifecycle).
//! Every response passes the response guard before it leaves. Nothing a listener can cause ends in an error: a store
//! outage becomes a short spoken apology, a Settings API outage relative times instead of clock times.

mod context;
mod dialog;
pub mod intent;
mod playback;
pub mod session;
pub mod speech;
pub mod token;
mod zone;

use std::time::Instant;

use chrono::{DateTime, Utc};

pub use self::context::HttpsMedia;
use self::context::{Answer, Context, speech};
use self::intent::Intent;
use self::session::SessionState;
use self::speech::Speech;
use self::token::StreamRef;
pub use self::zone::{DeviceRef, DeviceZones, FixedZone, NoDeviceZones, UnknownZone, parse_zone};
use crate::alexa::{
    Directive, PlayBehavior, Request, RequestEnvelope, RequestKind, Response, ResponseEnvelope,
    guard,
};
use crate::schedule::{EventId, LiveEvent};
use crate::storage::{
    MediaLinks, NoPlaybackState, PlaybackActivity, PlaybackState, PlaybackStateStore,
    ScheduleStore, UserKey,
};

/// A response and the rule violations the guard found in the skill's first draft of it.
#[derive(Debug)]
pub struct Answered {
    /// What Alexa gets.
    pub response: ResponseEnvelope,
    /// Why the draft was replaced; empty when it was sent as drafted.
    pub violations: Vec<guard::Violation>,
    /// The event the response plays, else the one the request's stream token names (for logs and metrics).
    pub matched: Option<EventId>,
}

/// The skill, wired to a schedule store, a media link maker and the source of device time zones.
#[derive(Debug, Clone)]
pub struct Skill<S, M = HttpsMedia, Z = NoDeviceZones, P = NoPlaybackState> {
    store: S,
    media: M,
    zones: Z,
    playback: P,
}

impl<S: ScheduleStore> Skill<S, HttpsMedia> {
    /// A skill over `store` that serves only public HTTPS media and knows no device's time zone.
    pub fn new(store: S) -> Self {
        Self::with_media(store, HttpsMedia)
    }
}

impl<S: ScheduleStore, M: MediaLinks> Skill<S, M> {
    /// A skill over `store` that links media through `media` (for example an S3 presigner).
    pub fn with_media(store: S, media: M) -> Self {
        Self {
            store,
            media,
            zones: NoDeviceZones,
            playback: NoPlaybackState,
        }
    }
}

impl<S: ScheduleStore, M: MediaLinks, Z: DeviceZones, P: PlaybackStateStore> Skill<S, M, Z, P> {
    /// The same skill, announcing times on the clock of the device's time zone as `zones` knows it (for example
    /// the Alexa Settings API adapter in [`crate::device_settings`]).
    pub fn with_zones<Y: DeviceZones>(self, zones: Y) -> Skill<S, M, Y, P> {
        Skill {
            store: self.store,
            media: self.media,
            zones,
            playback: self.playback,
        }
    }

    /// The same skill, remembering each listener's playback (AudioPlayer events arrive without a session) in
    /// `playback`: resuming a show that ended while paused then plays its recording from where the listener was.
    pub fn with_playback<Q: PlaybackStateStore>(self, playback: Q) -> Skill<S, M, Z, Q> {
        Skill {
            store: self.store,
            media: self.media,
            zones: self.zones,
            playback,
        }
    }

    /// The schedule store this skill reads.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// Answers a raw request body. Malformed JSON or an envelope that cannot be read gets the empty, valid
    /// envelope: Alexa must never see an error from onair.
    pub async fn handle_json(&self, body: &[u8]) -> ResponseEnvelope {
        match serde_json::from_slice::<RequestEnvelope>(body) {
            Ok(envelope) => self.handle(envelope).await,
            Err(error) => {
                // Never the serde message: it echoes the body's values (ids, tokens).
                tracing::warn!(
                    error = %crate::alexa::BodyError::from(&error),
                    "request body is not an Alexa envelope"
                );
                ResponseEnvelope::empty()
            }
        }
    }

    /// Answers a request at the instant the request says it was made (the system clock if it says nothing), so
    /// replaying a fixture always gives the same answer.
    pub async fn handle(&self, envelope: RequestEnvelope) -> ResponseEnvelope {
        let now = envelope.timestamp().unwrap_or_else(Utc::now);
        self.handle_at(envelope, now).await
    }

    /// Answers a request as of `now`.
    pub async fn handle_at(
        &self,
        envelope: RequestEnvelope,
        now: DateTime<Utc>,
    ) -> ResponseEnvelope {
        self.answer_at(envelope, now).await.response
    }

    /// Answers a request as of `now` and reports what the response guard had to refuse, for tools that replay
    /// fixtures: the response is the one Alexa would get (the guard's fallback when there were violations).
    pub async fn answer_at(&self, envelope: RequestEnvelope, now: DateTime<Utc>) -> Answered {
        let started = Instant::now();
        let kind = envelope.kind();
        let (response, matched) = self.respond(&envelope, now).await;
        let violations = guard::violations(kind, &response);
        // The guard only ever refuses what the skill built, so the apology is about the answer, not the schedule.
        let apology = speech(&Speech::new(envelope.locale(), None).phrase("apology-answer", &[]));
        let response = guard::enforce(kind, response, apology);
        let matched = played_event(&response).or(matched);
        tracing::info!(
            alexa.request_type = kind.as_str(),
            alexa.intent = intent_name(&envelope),
            event.id = matched.as_ref().map(EventId::as_str),
            duration_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
            "answered"
        );
        Answered {
            response,
            violations,
            matched,
        }
    }

    async fn respond(
        &self,
        envelope: &RequestEnvelope,
        now: DateTime<Utc>,
    ) -> (ResponseEnvelope, Option<EventId>) {
        let kind = envelope.kind();
        match kind {
            RequestKind::PauseCommandIssued => {
                return (
                    ResponseEnvelope::new(Response::default().directive(Directive::stop())),
                    None,
                );
            }
            RequestKind::PlaybackStarted
            | RequestKind::PlaybackStopped
            | RequestKind::PlaybackFinished => {
                self.remember(envelope, None, None).await;
                return (ResponseEnvelope::empty(), None);
            }
            RequestKind::Launch
            | RequestKind::Intent
            | RequestKind::PlaybackNearlyFinished
            | RequestKind::PlaybackFailed
            | RequestKind::PlayCommandIssued => {}
            // Everything else is acknowledged with the empty envelope: speech or directives there are refused
            // by Alexa (SPEC §2.3), and nothing is ever returned for PlaybackStopped or ExceptionEncountered.
            _ => return (ResponseEnvelope::empty(), None),
        }
        // The zone lookup is a network call on a cold device: it runs while the store reads, never after it.
        let (schedule, zone, remembered) = tokio::join!(
            self.store.schedule_at(now),
            self.zone(envelope, kind),
            self.remembered(envelope)
        );
        let schedule = match schedule {
            Ok(schedule) => schedule,
            Err(error) => {
                tracing::error!(error = %error, "no schedule to answer from");
                return (self.apology(envelope, kind), None);
            }
        };
        let token = request_token(envelope);
        let token_event = match token.as_ref() {
            Some(stream) => self.event(&schedule, &stream.event).await,
            None => None,
        };
        let cx = Context {
            envelope,
            schedule: &schedule,
            now,
            speech: Speech::new(envelope.locale(), zone),
            token_event: token_event.as_ref(),
            media: &self.media,
            playback: remembered.as_ref(),
        };
        let matched = token_event.as_ref().map(|e| e.id.clone());
        let response = match &envelope.request {
            Request::Launch(_) => session_answer(&cx, dialog::launch(&cx)),
            Request::Intent(request) => {
                let state = envelope
                    .session
                    .as_ref()
                    .map(|s| SessionState::from_attributes(&s.attributes))
                    .unwrap_or_default();
                let intent = Intent::parse(&request.intent);
                session_answer(&cx, dialog::intent(&cx, &intent, &state))
            }
            Request::PlaybackNearlyFinished(event) => {
                let response = playback::nearly_finished(&cx, event.token.as_deref());
                if let Some(next) = enqueued_token(&response) {
                    self.remember(envelope, remembered.as_ref(), Some(next))
                        .await;
                }
                ResponseEnvelope::new(response)
            }
            Request::PlaybackFailed(failed) => {
                self.remember(envelope, remembered.as_ref(), None).await;
                ResponseEnvelope::new(playback::failed(&cx, failed.token.as_deref()))
            }
            Request::PlayCommandIssued(_) => ResponseEnvelope::new(playback::play_button(&cx)),
            _ => ResponseEnvelope::empty(),
        };
        (response, matched)
    }

    /// The listener's last playback state, read only where it changes the answer: resuming, and the AudioPlayer
    /// events that build on the previous one.
    async fn remembered(&self, envelope: &RequestEnvelope) -> Option<PlaybackState> {
        let wanted = match &envelope.request {
            Request::Intent(request) => request.intent.name == "AMAZON.ResumeIntent",
            Request::PlayCommandIssued(_)
            | Request::PlaybackNearlyFinished(_)
            | Request::PlaybackFailed(_) => true,
            _ => false,
        };
        let user = envelope.user_id().filter(|_| wanted)?;
        match self.playback.load(&UserKey::from_user_id(user)).await {
            Ok(state) => state,
            Err(error) => {
                tracing::warn!(error = %error, "could not read the listener's playback state");
                None
            }
        }
    }

    /// Records what an AudioPlayer event says the player is doing. A failure to record is logged, never spoken:
    /// the listener's audio matters more than our bookkeeping.
    async fn remember(
        &self,
        envelope: &RequestEnvelope,
        previous: Option<&PlaybackState>,
        enqueued: Option<String>,
    ) {
        let Some(state) = playback_state(envelope, previous, enqueued) else {
            return;
        };
        let Some(user) = envelope.user_id() else {
            return;
        };
        if let Err(error) = self
            .playback
            .record(&UserKey::from_user_id(user), &state)
            .await
        {
            tracing::warn!(error = %error, "could not record the listener's playback state");
        }
    }

    /// The device's time zone, asked for only when the answer may speak a time: AudioPlayer requests never speak.
    async fn zone(&self, envelope: &RequestEnvelope, kind: RequestKind) -> Option<chrono_tz::Tz> {
        match kind {
            RequestKind::Launch | RequestKind::Intent => {
                self.zones.zone_of(DeviceRef::of(envelope)).await
            }
            _ => None,
        }
    }

    /// The event a token names: from the snapshot, else straight from the store (it may be outside the window).
    async fn event(&self, schedule: &crate::schedule::Schedule, id: &EventId) -> Option<LiveEvent> {
        if let Some(event) = schedule.event(id.as_str()) {
            return Some(event.clone());
        }
        match self.store.event(id).await {
            Ok(event) => event,
            Err(error) => {
                tracing::warn!(error = %error, "could not read the playing event");
                None
            }
        }
    }

    fn apology(&self, envelope: &RequestEnvelope, kind: RequestKind) -> ResponseEnvelope {
        match kind {
            RequestKind::Launch | RequestKind::Intent => {
                let text = Speech::new(envelope.locale(), None).phrase("apology", &[]);
                ResponseEnvelope::new(Response::default().speak(speech(&text)).end_session())
            }
            _ => ResponseEnvelope::empty(),
        }
    }
}

/// Turns a dialog answer into an envelope: session attributes when the session stays open, and the names
/// Alexa should recognise in the listener's next utterance.
fn session_answer(cx: &Context<'_>, answer: Answer) -> ResponseEnvelope {
    let Answer {
        mut response,
        session,
    } = answer;
    let keeps_open = response.should_end_session == Some(false);
    if keeps_open && let Some(entities) = dialog::dynamic_entities(cx) {
        response = response.directive(entities);
    }
    let mut envelope = ResponseEnvelope::new(response);
    if keeps_open {
        envelope.session_attributes = session.into_attributes();
    }
    envelope
}

/// The stream the request is about: the request's own token for AudioPlayer events, else the player's.
fn request_token(envelope: &RequestEnvelope) -> Option<StreamRef> {
    let own = match &envelope.request {
        Request::PlaybackNearlyFinished(event) => event.token.as_deref(),
        Request::PlaybackFailed(failed) => failed.token.as_deref(),
        _ => None,
    };
    own.or_else(|| envelope.audio_player().and_then(|p| p.token.as_deref()))
        .and_then(StreamRef::parse)
}

/// The state an AudioPlayer event leaves the player in, versioned by the event's own timestamp.
fn playback_state(
    envelope: &RequestEnvelope,
    previous: Option<&PlaybackState>,
    enqueued: Option<String>,
) -> Option<PlaybackState> {
    let (activity, token, offset) = match &envelope.request {
        Request::PlaybackStarted(e) => (
            PlaybackActivity::Playing,
            e.token.as_deref(),
            e.offset_in_milliseconds,
        ),
        Request::PlaybackStopped(e) => (
            PlaybackActivity::Stopped,
            e.token.as_deref(),
            e.offset_in_milliseconds,
        ),
        Request::PlaybackFinished(e) => (
            PlaybackActivity::Finished,
            e.token.as_deref(),
            e.offset_in_milliseconds,
        ),
        Request::PlaybackNearlyFinished(e) => (
            PlaybackActivity::Playing,
            e.token.as_deref(),
            e.offset_in_milliseconds,
        ),
        Request::PlaybackFailed(f) => (PlaybackActivity::Failed, f.token.as_deref(), None),
        _ => return None,
    };
    let token = token?.to_owned();
    let same_token = previous.filter(|p| p.token == token);
    let failure_retries = match activity {
        PlaybackActivity::Failed => same_token.map_or(0, |p| p.failure_retries) + 1,
        _ => 0,
    };
    Some(PlaybackState {
        activity,
        offset_ms: offset.and_then(|ms| u64::try_from(ms).ok()).unwrap_or(0),
        updated_at: envelope.timestamp()?,
        failure_retries,
        enqueued: enqueued.or_else(|| same_token.and_then(|p| p.enqueued.clone())),
        token,
    })
}

/// The token a response enqueues behind the playing stream (ENQUEUE only: REPLACE_ENQUEUED mints new tokens).
fn enqueued_token(response: &Response) -> Option<String> {
    response
        .directives
        .iter()
        .find_map(|directive| match directive {
            Directive::Play(play) if play.play_behavior == PlayBehavior::Enqueue => {
                Some(play.audio_item.stream.token.as_str().to_owned())
            }
            _ => None,
        })
}

/// The event an `AudioPlayer.Play` directive of the response streams.
fn played_event(response: &ResponseEnvelope) -> Option<EventId> {
    response
        .response
        .directives
        .iter()
        .find_map(|directive| match directive {
            Directive::Play(play) => {
                StreamRef::parse(play.audio_item.stream.token.as_str()).map(|s| s.event)
            }
            _ => None,
        })
}

fn intent_name(envelope: &RequestEnvelope) -> Option<&str> {
    match &envelope.request {
        // Only a name the skill knows: an unknown one is the sender's text and may carry an id or a token.
        Request::Intent(request) => Some(match Intent::parse(&request.intent) {
            Intent::Unknown(_) => "Unknown",
            _ => request.intent.name.as_str(),
        }),
        _ => None,
    }
}
