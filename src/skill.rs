//! The dialog: an Alexa request and the schedule in, an Alexa response out. The only place `alexa` meets `schedule`.
//!
//! [`Skill::handle`] is the async shell: it reads the schedule snapshot and the event named by the player's token
//! from the store (and, for launch and intents, the device's time zone from [`DeviceZones`], at the same time), then
//! hands everything to pure functions (`dialog` for session requests, `playback` for the AudioPlayer lifecycle).
//! Every response passes the response guard before it leaves. Nothing a listener can cause ends in an error: a store
//! outage becomes a short spoken apology, a Settings API outage relative times instead of clock times.

mod context;
mod dialog;
mod follow;
pub mod intent;
mod playback;
mod remind;
pub mod reminders;
pub mod session;
pub mod speech;
pub mod token;
mod waiting;
mod zone;

use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Utc};

use self::context::{Answer, Context, speech};
pub use self::context::{HttpsMedia, Played};
use self::follow::FollowsRead;
use self::intent::Intent;
use self::remind::{Call, Done, Step};
use self::reminders::{NoReminders, ReminderError, Reminders};
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
    Follow, FollowStore, Listener, MediaLinks, Need, NoFollows, NoPlaybackState, PlaybackActivity,
    PlaybackState, PlaybackStateStore, ScheduleStore, UserKey,
};

/// Sending a listener go-live notifications (the `notify` function's Proactive Events).
pub const NOTIFICATIONS_SCOPE: &str = "alexa::devices:all:notifications:write";

/// Every permission scope the skill may ask a listener for (reminders by voice, notifications for followers): the
/// manifest must declare each (`onair lint`).
pub const PERMISSION_SCOPES: &[&str] = &[reminders::REMINDERS_SCOPE, NOTIFICATIONS_SCOPE];

/// A response and what the skill decided on the way: for logs, metrics and tools, so no caller re-derives it.
#[derive(Debug)]
pub struct Answered {
    /// What Alexa gets.
    pub response: ResponseEnvelope,
    /// Why the draft was replaced; empty when it was sent as drafted.
    pub violations: Vec<guard::Violation>,
    /// The intent of an IntentRequest, parsed once.
    pub intent: Option<Intent>,
    /// The stream the response plays or queues (never set when the guard replaced the draft).
    pub played: Option<Played>,
    /// The event the response plays, else the one the request's stream token names (for logs and metrics).
    pub matched: Option<EventId>,
    /// Whether answering needed the schedule (a snapshot from the store).
    pub schedule_read: bool,
}

/// What [`Skill::respond`] decided, before the guard.
struct Decision {
    response: ResponseEnvelope,
    played: Option<Played>,
    token_event: Option<EventId>,
    schedule_read: bool,
}

impl Decision {
    /// An answer that needed no schedule.
    fn plain(response: ResponseEnvelope) -> Self {
        Self {
            response,
            played: None,
            token_event: None,
            schedule_read: false,
        }
    }
}

/// The skill, wired to a schedule store, a media link maker, the source of device time zones, the listeners'
/// playback states, their reminders and their follows.
#[derive(Clone)]
pub struct Skill<S, M = HttpsMedia, Z = NoDeviceZones, P = NoPlaybackState, R = NoReminders> {
    store: S,
    media: M,
    zones: Z,
    playback: P,
    reminders: R,
    /// A trait object, not a type parameter: follows are read on few requests, and every wrapper of the skill
    /// keeps its signature.
    follows: Arc<dyn FollowStore>,
}

impl<
    S: std::fmt::Debug,
    M: std::fmt::Debug,
    Z: std::fmt::Debug,
    P: std::fmt::Debug,
    R: std::fmt::Debug,
> std::fmt::Debug for Skill<S, M, Z, P, R>
{
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Skill")
            .field("store", &self.store)
            .field("media", &self.media)
            .field("zones", &self.zones)
            .field("playback", &self.playback)
            .field("reminders", &self.reminders)
            .finish_non_exhaustive()
    }
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
            reminders: NoReminders,
            follows: Arc::new(NoFollows),
        }
    }
}

impl<S: ScheduleStore, M: MediaLinks, Z: DeviceZones, P: PlaybackStateStore, R: Reminders>
    Skill<S, M, Z, P, R>
{
    /// The same skill, announcing times on the clock of the device's time zone as `zones` knows it (for example
    /// the Alexa Settings API adapter in [`crate::device_settings`]).
    pub fn with_zones<Y: DeviceZones>(self, zones: Y) -> Skill<S, M, Y, P, R> {
        Skill {
            store: self.store,
            media: self.media,
            zones,
            playback: self.playback,
            reminders: self.reminders,
            follows: self.follows,
        }
    }

    /// The same skill, setting and reading the listener's reminders through `reminders` (for example the Alexa
    /// Reminders API adapter in [`crate::reminders_api`]).
    pub fn with_reminders<Q: Reminders>(self, reminders: Q) -> Skill<S, M, Z, P, Q> {
        Skill {
            store: self.store,
            media: self.media,
            zones: self.zones,
            playback: self.playback,
            reminders,
            follows: self.follows,
        }
    }

    /// The same skill, remembering each listener's playback (AudioPlayer events arrive without a session) in
    /// `playback`: resuming a show that ended while paused then plays its recording from where the listener was.
    pub fn with_playback<Q: PlaybackStateStore>(self, playback: Q) -> Skill<S, M, Z, Q, R> {
        Skill {
            store: self.store,
            media: self.media,
            zones: self.zones,
            playback,
            reminders: self.reminders,
            follows: self.follows,
        }
    }

    /// The same skill, keeping what each listener follows in `follows`: "follow Radio Uno", favourites, and the
    /// welcome that offers a followed show live now.
    #[must_use]
    pub fn with_follows(self, follows: Arc<dyn FollowStore>) -> Self {
        Self { follows, ..self }
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
        let intent = match &envelope.request {
            Request::Intent(request) => Some(Intent::parse(&request.intent)),
            _ => None,
        };
        let decision = self.respond(&envelope, intent.as_ref(), now).await;
        let violations = guard::violations(kind, &decision.response);
        // The guard only ever refuses what the skill built, so the apology is about the answer, not the schedule.
        let apology = speech(&Speech::new(envelope.locale(), None).phrase("apology-answer", &[]));
        let response = guard::enforce(kind, decision.response, apology);
        // A replaced draft plays nothing.
        let played = decision.played.filter(|_| violations.is_empty());
        let matched = played
            .as_ref()
            .map(|p| p.event.clone())
            .or(decision.token_event);
        tracing::info!(
            alexa.request_type = kind.as_str(),
            // Only a name the skill knows: an unknown one is the sender's text and may carry an id or a token.
            alexa.intent = intent.as_ref().map(|intent| match intent {
                Intent::Unknown(_) => "Unknown",
                known => known.name(),
            }),
            event.id = matched.as_ref().map(EventId::as_str),
            duration_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
            "answered"
        );
        Answered {
            response,
            violations,
            intent,
            played,
            matched,
            schedule_read: decision.schedule_read,
        }
    }

    async fn respond(
        &self,
        envelope: &RequestEnvelope,
        intent: Option<&Intent>,
        now: DateTime<Utc>,
    ) -> Decision {
        let kind = envelope.kind();
        match kind {
            RequestKind::PauseCommandIssued => {
                return Decision::plain(ResponseEnvelope::new(
                    Response::default().directive(Directive::stop()),
                ));
            }
            RequestKind::PlaybackStarted
            | RequestKind::PlaybackStopped
            | RequestKind::PlaybackFinished => {
                self.remember(envelope, None, None).await;
                return Decision::plain(ResponseEnvelope::empty());
            }
            RequestKind::SkillEvent => {
                self.skill_event(envelope).await;
                return Decision::plain(ResponseEnvelope::empty());
            }
            RequestKind::Launch
            | RequestKind::Intent
            | RequestKind::ConnectionsResponse
            | RequestKind::PlaybackNearlyFinished
            | RequestKind::PlaybackFailed
            | RequestKind::PlayCommandIssued => {}
            // Everything else is acknowledged with the empty envelope: speech or directives there are refused
            // by Alexa (SPEC §2.3), and nothing is ever returned for PlaybackStopped or ExceptionEncountered.
            _ => return Decision::plain(ResponseEnvelope::empty()),
        }
        // The zone lookup is a network call on a cold device: it starts with the store reads, and the answer waits
        // for it only if the answer speaks a clock time (see `with_zone_if_needed`).
        let zone_lookup = self.zone(envelope, kind);
        tokio::pin!(zone_lookup);
        let mut zone = None;
        let need = schedule_need(envelope, intent);
        let reads = async {
            tokio::join!(
                self.store.schedule_for(now, &need),
                self.remembered(envelope, intent),
                self.followed(envelope, intent)
            )
        };
        tokio::pin!(reads);
        let (schedule, remembered, followed) = loop {
            tokio::select! {
                biased;
                found = &mut zone_lookup, if zone.is_none() => zone = Some(found),
                read = &mut reads => break read,
            }
        };
        let schedule = match schedule {
            Ok(schedule) => schedule,
            Err(error) => {
                tracing::error!(error = %error, "no schedule to answer from");
                return Decision {
                    schedule_read: true,
                    ..Decision::plain(self.apology(envelope, kind))
                };
            }
        };
        let token = request_token(envelope);
        let token_event = match token.as_ref() {
            Some(stream) => self.event(&schedule, &stream.event).await,
            None => None,
        };
        let context = |zone| Context {
            envelope,
            schedule: &schedule,
            now,
            speech: Speech::new(envelope.locale(), zone),
            token_event: token_event.as_ref(),
            media: &self.media,
            playback: remembered.as_ref(),
            follows: match &followed {
                None => FollowsRead::NotRead,
                Some(None) => FollowsRead::Failed,
                Some(Some(follows)) => FollowsRead::Read(follows),
            },
        };
        let state = envelope
            .session
            .as_ref()
            .map(|s| SessionState::from_attributes(&s.attributes))
            .unwrap_or_default();
        // Reminders call an API whose answer depends on the zone (the reminder rings on the device's clock): they
        // wait for the zone, then for the call.
        if remind::plan(&context(zone.flatten()), intent, &state).is_some() {
            let zone = match zone {
                Some(zone) => zone,
                None => zone_lookup.await,
            };
            let answer = match remind::plan(&context(zone), intent, &state) {
                Some(Step::Call(call)) => {
                    let outcome = self.call_reminders(DeviceRef::of(envelope), &call).await;
                    remind::answer(&context(zone), &call, outcome)
                }
                Some(Step::Answer(answer)) => answer,
                // The zone cannot turn a reminder request into another one; were it to, an apology is safe.
                None => remind::failed(&context(zone)),
            };
            let (response, played) = session_answer(&context(zone), answer);
            return Decision {
                response,
                played,
                token_event: token_event.map(|e| e.id),
                schedule_read: true,
            };
        }
        if let (
            Request::Intent(_),
            Some(intent @ (Intent::Follow { .. } | Intent::Unfollow { .. })),
        ) = (&envelope.request, intent)
        {
            let cx = context(None);
            let answer = self.change_follows(&cx, intent).await;
            let (response, played) = session_answer(&cx, answer);
            return Decision {
                response,
                played,
                token_event: token_event.map(|e| e.id),
                schedule_read: true,
            };
        }
        let session_response = |zone| {
            let cx = context(zone);
            match (&envelope.request, intent) {
                (Request::Launch(_), _) => Some(session_answer(&cx, dialog::launch(&cx))),
                (Request::Intent(_), Some(intent)) => {
                    Some(session_answer(&cx, dialog::intent(&cx, intent, &state)))
                }
                _ => None,
            }
        };
        if let Some((response, played)) =
            with_zone_if_needed(session_response, zone, zone_lookup).await
        {
            return Decision {
                response,
                played,
                token_event: token_event.map(|e| e.id),
                schedule_read: true,
            };
        }
        let cx = context(None);
        let (response, played) = match (&envelope.request, intent) {
            (Request::PlaybackNearlyFinished(event), _) => {
                let answer = playback::nearly_finished(&cx, event.token.as_deref());
                let queued = answer
                    .played
                    .as_ref()
                    .filter(|p| p.behavior == PlayBehavior::Enqueue)
                    .map(|p| p.token.clone());
                if queued.is_some() {
                    self.remember(envelope, remembered.as_ref(), queued).await;
                }
                (ResponseEnvelope::new(answer.response), answer.played)
            }
            (Request::PlaybackFailed(failed), _) => {
                self.remember(envelope, remembered.as_ref(), None).await;
                let (answer, live_failure) = playback::failed(&cx, failed.token.as_deref());
                if let Some(event) = live_failure
                    && let Err(error) = self.store.record_playback_failure(event, now).await
                {
                    tracing::warn!(error = %error, "failed play not counted");
                }
                (ResponseEnvelope::new(answer.response), answer.played)
            }
            (Request::PlayCommandIssued(_), _) => {
                let answer = playback::play_button(&cx);
                (ResponseEnvelope::new(answer.response), answer.played)
            }
            _ => (ResponseEnvelope::empty(), None),
        };
        Decision {
            response,
            played,
            token_event: token_event.map(|e| e.id),
            schedule_read: true,
        }
    }

    /// The listener's last playback state, read only where it changes the answer: resuming, and the AudioPlayer
    /// events that build on the previous one.
    async fn remembered(
        &self,
        envelope: &RequestEnvelope,
        intent: Option<&Intent>,
    ) -> Option<PlaybackState> {
        let wanted = match &envelope.request {
            // Launch offers to continue what the listener was last playing.
            Request::Launch(_) => true,
            Request::Intent(_) => matches!(intent, Some(Intent::Resume)),
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

    /// The listener's follows, read only where they change the answer: `None` when not needed, `Some(None)` when
    /// the store failed (logged here; the answer apologises or leaves favourites out).
    async fn followed(
        &self,
        envelope: &RequestEnvelope,
        intent: Option<&Intent>,
    ) -> Option<Option<Vec<Follow>>> {
        let wanted = match &envelope.request {
            Request::Launch(_) => envelope.supports_audio_player(),
            Request::Intent(_) => matches!(
                intent,
                Some(
                    Intent::Unfollow { .. }
                        | Intent::ListFollows
                        | Intent::WhatsOnFavourites
                        | Intent::PlayFavourites
                )
            ),
            _ => false,
        };
        let user = envelope.user_id().filter(|_| wanted)?;
        match self.follows.follows(&UserKey::from_user_id(user)).await {
            Ok(follows) => Some(Some(follows)),
            Err(error) => {
                tracing::warn!(error = %error, "could not read the listener's follows");
                Some(None)
            }
        }
    }

    /// `AlexaSkillEvent.SkillDisabled`: the listener's follows go, and with them the one place their Alexa user id
    /// was kept (a user id is new if they enable the skill again). Other skill events change nothing.
    async fn skill_event(&self, envelope: &RequestEnvelope) {
        let Request::SkillEvent(event) = &envelope.request else {
            return;
        };
        if event.event_type != SKILL_DISABLED {
            return;
        }
        let Some(user) = envelope.user_id() else {
            return;
        };
        if let Err(error) = self.follows.forget(&UserKey::from_user_id(user)).await {
            tracing::error!(error = %error, "could not forget a disabled listener's follows");
        }
    }

    /// "Follow X" and "unfollow X": the pure dialog picks the source, the store records the change, the dialog
    /// answers from the outcome. A store failure is logged and becomes a short apology.
    async fn change_follows(&self, cx: &Context<'_>, intent: &Intent) -> context::Answer {
        let Some(user_id) = cx.envelope.user_id() else {
            return follow::unavailable(cx);
        };
        let user = UserKey::from_user_id(user_id);
        match intent {
            Intent::Follow { source } => {
                let target = match follow::follow_target(cx, source.as_ref()) {
                    Ok(target) => target,
                    Err(answer) => return *answer,
                };
                let listener = Listener {
                    key: user,
                    user_id: user_id.to_owned(),
                    locale: cx.speech.locale().to_owned(),
                };
                let follow = Follow {
                    source: target.key,
                    name: target.name,
                    since: cx.now,
                };
                let outcome = match self.follows.follow(&listener, &follow).await {
                    Ok(outcome) => Some(outcome),
                    Err(error) => {
                        tracing::warn!(error = %error, "could not record a follow");
                        None
                    }
                };
                follow::followed(cx, &follow.name, outcome)
            }
            Intent::Unfollow { source } => {
                let target = match follow::unfollow_target(cx, cx.follows, source.as_ref()) {
                    Ok(target) => target,
                    Err(answer) => return *answer,
                };
                let outcome = match self.follows.unfollow(&user, &target.key).await {
                    Ok(outcome) => Some(outcome),
                    Err(error) => {
                        tracing::warn!(error = %error, "could not remove a follow");
                        None
                    }
                };
                follow::unfollowed(cx, &target.name, outcome)
            }
            _ => follow::unavailable(cx),
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

    /// One reminder step's calls to the Reminders API. Creating first lists the skill's reminders, so asking twice
    /// for the same show confirms the reminder already set instead of setting a second one.
    async fn call_reminders(&self, api: DeviceRef<'_>, call: &Call) -> Result<Done, ReminderError> {
        match call {
            Call::Create {
                reminder, title, ..
            } => {
                let existing = self.reminders.list(api).await?;
                if existing.iter().any(|r| remind::is_for(r, reminder, title)) {
                    return Ok(Done::AlreadySet);
                }
                self.reminders
                    .create(api, reminder)
                    .await
                    .map(|_| Done::Created)
            }
            Call::Cancel { titles, .. } => {
                let existing = self.reminders.list(api).await?;
                let mut cancelled = 0;
                for reminder in existing
                    .iter()
                    .filter(|r| r.on && titles.iter().any(|t| remind::names(r, t)))
                {
                    self.reminders.delete(api, &reminder.alert_token).await?;
                    cancelled += 1;
                }
                Ok(Done::Cancelled(cancelled))
            }
            Call::List => self.reminders.list(api).await.map(Done::Listed),
        }
    }

    /// The device's time zone, asked for only when the answer may speak a time: AudioPlayer requests never speak.
    async fn zone(&self, envelope: &RequestEnvelope, kind: RequestKind) -> Option<chrono_tz::Tz> {
        match kind {
            RequestKind::Launch | RequestKind::Intent | RequestKind::ConnectionsResponse => {
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
            RequestKind::Launch | RequestKind::Intent | RequestKind::ConnectionsResponse => {
                let text = Speech::new(envelope.locale(), None).phrase("apology", &[]);
                ResponseEnvelope::new(Response::default().speak(speech(&text)).end_session())
            }
            _ => ResponseEnvelope::empty(),
        }
    }
}

/// The skill event after which nothing about the listener is kept.
const SKILL_DISABLED: &str = "AlexaSkillEvent.SkillDisabled";

/// What a request needs from the schedule, so a cold store can answer it from a targeted read (see [`Need`]).
fn schedule_need(envelope: &RequestEnvelope, intent: Option<&Intent>) -> Need {
    if let Request::Launch(_) = &envelope.request {
        return Need::Live;
    }
    match intent {
        Some(Intent::WhatsOn) => Need::Live,
        // Only a device that can play gets the play itself; the others hear what else is on.
        Some(Intent::PlayLiveShow {
            source: Some(query),
        }) if envelope.supports_audio_player() => Need::Play(source_key_of(query)),
        Some(Intent::PlayLiveShow {
            source: Some(query),
        }) => Need::Named(source_key_of(query)),
        Some(
            Intent::Follow {
                source: Some(query),
            }
            | Intent::WhenIs {
                source: Some(query),
            }
            | Intent::PlayRecording {
                source: Some(query),
                ..
            },
        ) => Need::Named(source_key_of(query)),
        _ => Need::Window,
    }
}

/// The source key a spoken name most likely means: Alexa's resolution (our own entity ids), else its slug.
fn source_key_of(query: &intent::SourceQuery) -> String {
    query
        .ids
        .first()
        .cloned()
        .unwrap_or_else(|| crate::schedule::source_key(&query.spoken))
}

/// The answer of a session request, waiting for the device's zone only when the answer speaks a clock time.
///
/// The dialog is pure, so it is cheap to ask twice: once without a zone and once with UTC. When both give the same
/// response, no zone can change it (it speaks no time, or only durations) and the listener gets it at once, while
/// the lookup goes on in the background (the adapter caches it for the next question). Otherwise the answer waits
/// for the lookup (bounded by the adapter's deadline). `None` for requests that are not session requests.
async fn with_zone_if_needed<T>(
    answer: impl Fn(Option<chrono_tz::Tz>) -> Option<(ResponseEnvelope, T)>,
    zone: Option<Option<chrono_tz::Tz>>,
    lookup: std::pin::Pin<&mut impl std::future::Future<Output = Option<chrono_tz::Tz>>>,
) -> Option<(ResponseEnvelope, T)> {
    if let Some(zone) = zone {
        return answer(zone);
    }
    let without = answer(None)?;
    if answer(Some(chrono_tz::UTC)).is_some_and(|(with_utc, _)| with_utc == without.0) {
        return Some(without);
    }
    answer(lookup.await)
}

/// Turns a dialog answer into an envelope (session attributes when the session stays open, and the names Alexa
/// should recognise in the listener's next utterance) and what it plays.
fn session_answer(cx: &Context<'_>, answer: Answer) -> (ResponseEnvelope, Option<Played>) {
    let Answer {
        mut response,
        session,
        played,
    } = answer;
    let keeps_open = response.should_end_session == Some(false);
    if keeps_open && let Some(entities) = dialog::dynamic_entities(cx) {
        response = response.directive(entities);
    }
    let mut envelope = ResponseEnvelope::new(response);
    if keeps_open {
        envelope.session_attributes = session.into_attributes();
    }
    (envelope, played)
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
