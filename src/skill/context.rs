//! Everything a dialog turn needs to decide (request, schedule snapshot, clock, phrases) and the shapes of answers.

use chrono::{DateTime, NaiveDate, Utc};

use super::session::{LIST_LIMIT, OfferKind, SessionState, offer};
use super::speech::{Arg, Speech};
use super::token::StreamRef;
use crate::alexa::{
    AudioItemMetadata, Directive, Image, ImageSource, ImageUrl, OutputSpeech, PlayBehavior,
    RequestEnvelope, Response, Ssml, Stream, StreamToken, StreamUrl,
};
use crate::schedule::{EventId, LiveEvent, MediaUrl, Schedule};
use crate::storage::{MediaLinks, PlaybackActivity, PlaybackState};

/// Presigned recording links must outlive the listening: the recording's length plus this margin.
const RECORDING_LINK_MARGIN: chrono::Duration = chrono::Duration::hours(2);
/// Presigned art links only need to outlive the screen showing them.
const ART_LINK_VALIDITY: chrono::Duration = chrono::Duration::hours(12);

/// The inputs of one turn.
pub(crate) struct Context<'a> {
    /// The request being answered.
    pub(crate) envelope: &'a RequestEnvelope,
    /// The schedule around `now`.
    pub(crate) schedule: &'a Schedule,
    /// The request's own timestamp (replays are deterministic).
    pub(crate) now: DateTime<Utc>,
    /// Phrases in the listener's language and time zone.
    pub(crate) speech: Speech,
    /// The event named by the player's token, if the shell found it.
    pub(crate) token_event: Option<&'a LiveEvent>,
    /// Turns `s3://` art and recordings into links a device can fetch.
    pub(crate) media: &'a dyn MediaLinks,
    /// What the listener's player last did, where the answer depends on it (resume, re-enqueue).
    pub(crate) playback: Option<&'a PlaybackState>,
    /// What the listener follows, where the answer depends on it (launch, favourites, unfollow).
    pub(crate) follows: super::follow::FollowsRead<'a>,
}

/// A response plus what the session should remember and what it plays.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) response: Response,
    pub(crate) session: SessionState,
    /// The stream the response starts or queues, as decided where its directive was made.
    pub(crate) played: Option<Played>,
}

/// A stream an answer plays: which event, how, and under which token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Played {
    /// The occurrence streamed.
    pub event: EventId,
    /// Replace what plays, or queue behind it.
    pub behavior: PlayBehavior,
    /// The stream token given to the device.
    pub token: String,
}

/// An `AudioPlayer.Play` directive with what it plays.
#[derive(Debug)]
pub(crate) struct Play {
    directive: Directive,
    played: Played,
}

impl Answer {
    pub(crate) fn new(response: Response) -> Self {
        Self {
            response,
            session: SessionState::default(),
            played: None,
        }
    }

    /// `response` with `play` added to its directives.
    pub(crate) fn playing(response: Response, play: Play) -> Self {
        Self {
            response: response.directive(play.directive),
            session: SessionState::default(),
            played: Some(play.played),
        }
    }

    /// A directive-only answer (AudioPlayer requests allow nothing else): `play`, or nothing at all.
    pub(crate) fn only(play: Option<Play>) -> Self {
        match play {
            Some(play) => Self::playing(Response::default(), play),
            None => Self::new(Response::default()),
        }
    }
}

impl Context<'_> {
    /// A phrase in the listener's language.
    pub(crate) fn say(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.speech.phrase(id, args)
    }

    /// Whether this device can play AudioPlayer streams.
    pub(crate) fn can_play(&self) -> bool {
        self.envelope.supports_audio_player()
    }

    /// Whether this listener may be offered `event`: the one rule (the event's `locales`) that live play, catch-up,
    /// lists and search all apply.
    pub(crate) fn offered(&self, event: &LiveEvent) -> bool {
        event.available_in(self.speech.locale())
    }

    /// When `event` starts, as the listener should hear it (see [`Speech::when_show`]).
    pub(crate) fn starts(&self, event: &LiveEvent) -> String {
        self.speech
            .when_show(event.starts_at, self.now, event.time_zone)
    }

    /// The listener's calendar day now.
    pub(crate) fn today(&self) -> NaiveDate {
        self.local_date(self.now)
    }

    /// What a device without AudioPlayer says to a request to play: what it can do instead, as a question.
    pub(crate) fn cannot_play_here(&self) -> Answer {
        let example = self.example();
        self.ask(
            self.say("no-audio-device", &[]),
            self.say("no-audio-reprompt", &[("example", Arg::Text(&example))]),
            SessionState::default(),
        )
    }

    /// Shows live now that this listener's locale may hear, most relevant first.
    pub(crate) fn live_now(&self) -> Vec<&LiveEvent> {
        self.schedule
            .live_at(self.now)
            .into_iter()
            .filter(|e| self.offered(e))
            .collect()
    }

    /// Shows starting later, soonest first.
    pub(crate) fn upcoming(&self) -> Vec<&LiveEvent> {
        self.schedule
            .upcoming(self.now, 20)
            .into_iter()
            .filter(|e| self.offered(e))
            .take(LIST_LIMIT)
            .collect()
    }

    /// A show as a listener hears it named: "Morning Buzz on Radio Uno".
    pub(crate) fn describe(&self, event: &LiveEvent) -> String {
        match &event.channel {
            Some(channel) if !same_name(channel, &event.title) => self.say(
                "show-on-channel",
                &[
                    ("title", Arg::Text(&event.title)),
                    ("channel", Arg::Text(channel)),
                ],
            ),
            _ => event.title.clone(),
        }
    }

    /// Every one of `events` as a spoken list (for repeating a list exactly as it was offered).
    pub(crate) fn list_all(&self, events: &[&LiveEvent]) -> String {
        let names: Vec<String> = events.iter().map(|e| self.describe(e)).collect();
        self.speech.list_and(&names)
    }

    /// Up to three shows as a spoken list.
    pub(crate) fn list(&self, events: &[&LiveEvent]) -> String {
        let names: Vec<String> = events
            .iter()
            .take(LIST_LIMIT)
            .map(|e| self.describe(e))
            .collect();
        self.speech.list_and(&names)
    }

    /// A name to use in "try saying: play the live show from …": something live, so the example works.
    pub(crate) fn example(&self) -> String {
        let live = self.live_now();
        let upcoming = self.upcoming();
        live.first()
            .or_else(|| upcoming.first())
            .and_then(|e| e.performers.first().or(e.channel.as_ref()))
            .cloned()
            .unwrap_or_else(|| "Radio Uno".to_owned())
    }

    /// How far into `event` the listener was when their player stopped, if their playback state says so: the
    /// wall-clock offset a recording resumes from when the show ended while they were away.
    pub(crate) fn paused_offset(&self, event: &LiveEvent) -> Option<u64> {
        let state = self.playback?;
        let stopped = matches!(
            state.activity,
            PlaybackActivity::Stopped | PlaybackActivity::Paused
        );
        let same_event = StreamRef::parse(&state.token).is_some_and(|s| s.event == event.id);
        if !stopped
            || !same_event
            || state.updated_at < event.starts_at
            || state.updated_at > event.ends_at
        {
            return None;
        }
        u64::try_from((state.updated_at - event.starts_at).num_milliseconds()).ok()
    }

    /// The calendar day of an instant where the listener lives (UTC when the zone is unknown).
    pub(crate) fn local_date(&self, at: DateTime<Utc>) -> NaiveDate {
        match self.speech.zone() {
            Some(zone) => at.with_timezone(&zone).date_naive(),
            None => at.date_naive(),
        }
    }

    /// Speaks and ends the session.
    pub(crate) fn tell(&self, text: String) -> Answer {
        Answer::new(Response::default().speak(speech(&text)).end_session())
    }

    /// Speaks, keeps the microphone open, and remembers `session` for the next turn.
    pub(crate) fn ask(&self, text: String, reprompt: String, session: SessionState) -> Answer {
        Answer {
            response: Response::default()
                .speak(speech(&text))
                .reprompt(speech(&reprompt))
                .keep_session_open(),
            session,
            played: None,
        }
    }

    /// Stops whatever onair is playing; `farewell` for Stop and Cancel, silence for Pause.
    pub(crate) fn stop_audio(&self, farewell: Option<String>) -> Answer {
        let mut response = Response::default();
        if let Some(text) = farewell {
            response = response.speak(speech(&text));
        }
        if self.can_play() {
            response = response.directive(Directive::stop());
        }
        if self.envelope.session.is_some() {
            response = response.directive(Directive::clear_dynamic_entities());
        }
        Answer::new(response.end_session())
    }

    /// A spoken intro and the event's live stream from the live edge.
    pub(crate) fn play_live(&self, event: &LiveEvent, intro: &str) -> Answer {
        if !self.can_play() {
            return self.cannot_play_here();
        }
        if event.stream_has_trouble() {
            return self.stream_trouble(event);
        }
        let show = self.describe(event);
        let text = self.say(intro, &[("show", Arg::Text(&show))]);
        match self.live_directive(
            event,
            &StreamRef::live(event.id.clone()),
            PlayBehavior::ReplaceAll,
            None,
        ) {
            Some(play) => {
                Answer::playing(Response::default().speak(speech(&text)).end_session(), play)
            }
            None => self.tell(self.say("apology", &[])),
        }
    }

    /// "Radio Uno's stream is having trouble right now", and another live show to listen to instead, if any:
    /// never a Play into silence.
    fn stream_trouble(&self, event: &LiveEvent) -> Answer {
        let source = event.channel.as_deref().unwrap_or(&event.title);
        let other = self.live_now().into_iter().find(|other| {
            other.id != event.id && !other.stream_has_trouble() && other.channel != event.channel
        });
        match other {
            Some(other) => {
                let name = self.describe(other);
                let args = [("source", Arg::Text(source)), ("other", Arg::Text(&name))];
                self.ask(
                    self.say("stream-trouble-offer", &args),
                    self.say("stream-trouble-offer-reprompt", &args),
                    offer(OfferKind::Live, other, 0),
                )
            }
            None => self.tell(self.say("stream-trouble", &[("source", Arg::Text(source))])),
        }
    }

    /// A spoken intro and the event's recording from `offset_ms`.
    pub(crate) fn play_recording(&self, event: &LiveEvent, offset_ms: u64, intro: &str) -> Answer {
        let show = self.describe(event);
        let when = self.speech.when(event.starts_at, self.now);
        let date = self.speech.date(self.local_date(event.starts_at));
        let name = event.title.clone();
        self.play_recording_saying(
            event,
            offset_ms,
            intro,
            &[
                ("show", Arg::Text(&show)),
                ("when", Arg::Text(&when)),
                ("date", Arg::Text(&date)),
                ("name", Arg::Text(&name)),
            ],
        )
    }

    /// The event's recording from `offset_ms`, introduced by phrase `intro` with `args`.
    pub(crate) fn play_recording_saying(
        &self,
        event: &LiveEvent,
        offset_ms: u64,
        intro: &str,
        args: &[(&str, Arg<'_>)],
    ) -> Answer {
        if !self.can_play() {
            return self.cannot_play_here();
        }
        let show = self.describe(event);
        let text = self.say(intro, args);
        match self.recording_directive(event, &StreamRef::recording(event.id.clone()), offset_ms) {
            Some(play) => {
                Answer::playing(Response::default().speak(speech(&text)).end_session(), play)
            }
            None => self.tell(self.say("no-recording", &[("name", Arg::Text(&show))])),
        }
    }

    /// `AudioPlayer.Play` of an event's live stream under `stream`'s token, always at offset 0 (the live edge).
    pub(crate) fn live_directive(
        &self,
        event: &LiveEvent,
        stream: &StreamRef,
        behavior: PlayBehavior,
        expected_previous: Option<&str>,
    ) -> Option<Play> {
        // A stream known to be failing gets no Play: the listener would hear silence, then an error.
        if event.stream_has_trouble() {
            return None;
        }
        let url = StreamUrl::new(event.play_url().as_str()).ok()?;
        self.play_directive(event, url, stream, behavior, expected_previous, 0)
    }

    /// `AudioPlayer.Play` of an event's recording (REPLACE_ALL) from `offset_ms`.
    pub(crate) fn recording_directive(
        &self,
        event: &LiveEvent,
        stream: &StreamRef,
        offset_ms: u64,
    ) -> Option<Play> {
        let recording = event.recording_url.as_ref()?;
        let valid_for = (event.ends_at - event.starts_at) + RECORDING_LINK_MARGIN;
        let url = StreamUrl::new(self.media.link(recording, valid_for)?).ok()?;
        self.play_directive(
            event,
            url,
            stream,
            PlayBehavior::ReplaceAll,
            None,
            offset_ms,
        )
    }

    fn play_directive(
        &self,
        event: &LiveEvent,
        url: StreamUrl,
        stream: &StreamRef,
        behavior: PlayBehavior,
        expected_previous: Option<&str>,
        offset_ms: u64,
    ) -> Option<Play> {
        let token = StreamToken::new(stream.to_string()).ok()?;
        let expected_previous_token = match expected_previous {
            Some(previous) => Some(StreamToken::new(previous.to_owned()).ok()?),
            None => None,
        };
        let stream = Stream {
            url,
            token,
            expected_previous_token,
            offset_in_milliseconds: offset_ms,
        };
        let played = Played {
            event: event.id.clone(),
            behavior,
            token: stream.token.as_str().to_owned(),
        };
        Some(Play {
            directive: Directive::play(behavior, stream, Some(self.metadata(event))),
            played,
        })
    }

    /// What a screen device shows while the stream plays.
    fn metadata(&self, event: &LiveEvent) -> AudioItemMetadata {
        let subtitle = match (&event.channel, event.performers.is_empty()) {
            (_, false) => Some(self.speech.list_and(&event.performers)),
            (Some(channel), true) => Some(channel.clone()),
            (None, true) => None,
        };
        let art = event
            .art_url
            .as_ref()
            .and_then(|art| self.media.link(art, ART_LINK_VALIDITY))
            .and_then(|url| ImageUrl::new(url).ok())
            .map(|url| Image {
                content_description: Some(event.title.clone()),
                sources: vec![ImageSource {
                    url,
                    size: None,
                    width_pixels: None,
                    height_pixels: None,
                }],
            });
        AudioItemMetadata {
            title: Some(event.title.clone()),
            subtitle,
            background_image: art.clone(),
            art,
        }
    }
}

/// Speech as SSML: built by escaping, so a show called "Bass & Beats" can never break the markup.
pub(crate) fn speech(text: &str) -> OutputSpeech {
    OutputSpeech::ssml(Ssml::from_text(text))
}

fn same_name(a: &str, b: &str) -> bool {
    crate::schedule::normalize_name(a) == crate::schedule::normalize_name(b)
}

/// Links for media that is already public HTTPS; `s3://` objects need the S3 adapter's presigner.
impl MediaLinks for HttpsMedia {
    fn link(&self, url: &MediaUrl, _valid_for: chrono::Duration) -> Option<String> {
        match url {
            MediaUrl::Https(url) => Some(url.as_str().to_owned()),
            MediaUrl::S3 { .. } => None,
        }
    }
}

/// The [`MediaLinks`] used when no S3 presigner is configured: public HTTPS links pass, `s3://` ones are skipped.
#[derive(Debug, Clone, Copy, Default)]
pub struct HttpsMedia;
