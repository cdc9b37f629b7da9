//! A simulated Echo's AudioPlayer: it obeys the Play, Stop and ClearQueue directives the skill sends, keeps the
//! stream's offset on the script's clock, and builds the AudioPlayer and PlaybackController requests a real device
//! would send. It never sends anything on its own: a script says when the stream starts, nears its end, fails.
//!
//! The rules follow Alexa's AudioPlayer interface reference (a queued stream must name the playing one as its
//! `expectedPreviousToken`; `CLEAR_ALL` also stops the current stream).

use std::collections::VecDeque;

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::{Value, json};

use super::script::{Button, PlayerEvent};
use crate::alexa::{ClearBehavior, Directive, PlayBehavior, Response};

/// What the player is doing, as `context.AudioPlayer.playerActivity` says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Activity {
    Idle,
    Playing,
    Stopped,
    Finished,
}

impl Activity {
    fn as_str(self) -> &'static str {
        match self {
            Self::Idle => "IDLE",
            Self::Playing => "PLAYING",
            Self::Stopped => "STOPPED",
            Self::Finished => "FINISHED",
        }
    }
}

/// A stream the player holds: the current one or a queued one.
#[derive(Debug, Clone)]
struct Track {
    token: String,
    /// The offset reached at `since`.
    offset_ms: u64,
    /// When the offset was last taken (playing streams move on from there).
    since: DateTime<Utc>,
}

/// The simulated device's player and clock.
#[derive(Debug)]
pub(super) struct Echo {
    now: DateTime<Utc>,
    activity: Activity,
    current: Option<Track>,
    queue: VecDeque<Track>,
}

impl Echo {
    /// An idle player at `now`.
    pub(super) fn new(now: DateTime<Utc>) -> Self {
        Self {
            now,
            activity: Activity::Idle,
            current: None,
            queue: VecDeque::new(),
        }
    }

    /// The script's clock.
    pub(super) fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Lets time pass; a playing stream's offset grows with it.
    pub(super) fn wait(&mut self, delta: TimeDelta) {
        self.now += delta;
    }

    /// The token of the stream the player holds (playing, paused or stopped), if any.
    pub(super) fn current_token(&self) -> Option<&str> {
        self.current.as_ref().map(|t| t.token.as_str())
    }

    fn offset_ms(&self) -> u64 {
        let Some(track) = &self.current else { return 0 };
        if self.activity != Activity::Playing {
            return track.offset_ms;
        }
        let elapsed = (self.now - track.since).num_milliseconds();
        track.offset_ms + u64::try_from(elapsed).unwrap_or(0)
    }

    /// `context.AudioPlayer` as the device reports it on every request.
    pub(super) fn context(&self) -> Value {
        match &self.current {
            Some(track) => json!({
                "token": track.token,
                "offsetInMilliseconds": self.offset_ms(),
                "playerActivity": self.activity.as_str()
            }),
            None => json!({ "playerActivity": self.activity.as_str() }),
        }
    }

    /// Freezes the offset at the current instant (before the activity changes).
    fn settle(&mut self) {
        let offset = self.offset_ms();
        let now = self.now;
        if let Some(track) = &mut self.current {
            track.offset_ms = offset;
            track.since = now;
        }
    }

    /// Carries out the AudioPlayer directives of a response, in order. Returns what a real device would refuse.
    pub(super) fn obey(&mut self, response: &Response) -> Vec<String> {
        let mut refused = Vec::new();
        for directive in &response.directives {
            match directive {
                Directive::Play(play) => {
                    let stream = &play.audio_item.stream;
                    let track = Track {
                        token: stream.token.as_str().to_owned(),
                        offset_ms: stream.offset_in_milliseconds,
                        since: self.now,
                    };
                    match play.play_behavior {
                        PlayBehavior::ReplaceAll => {
                            self.queue.clear();
                            self.current = Some(track);
                            self.activity = Activity::Playing;
                        }
                        PlayBehavior::Enqueue | PlayBehavior::ReplaceEnqueued => {
                            let expected = stream.expected_previous_token.as_ref();
                            let previous = if play.play_behavior == PlayBehavior::Enqueue {
                                self.queue
                                    .back()
                                    .or(self.current.as_ref())
                                    .map(|t| t.token.as_str())
                            } else {
                                self.current_token()
                            };
                            if play.play_behavior == PlayBehavior::Enqueue && expected.is_none() {
                                refused.push(
                                    "the Echo refused an ENQUEUE without expectedPreviousToken"
                                        .to_owned(),
                                );
                                continue;
                            }
                            if let Some(expected) = expected
                                && Some(expected.as_str()) != previous
                            {
                                refused.push(format!(
                                    "the Echo refused to queue {}: its expectedPreviousToken {} is not the \
                                     stream before it ({})",
                                    stream.token,
                                    expected,
                                    previous.unwrap_or("nothing")
                                ));
                                continue;
                            }
                            if play.play_behavior == PlayBehavior::ReplaceEnqueued {
                                self.queue.clear();
                            }
                            if self.current.is_none() {
                                self.current = Some(track);
                                self.activity = Activity::Playing;
                            } else {
                                self.queue.push_back(track);
                            }
                        }
                    }
                }
                Directive::Stop => self.stop(),
                Directive::ClearQueue { clear_behavior } => {
                    self.queue.clear();
                    if *clear_behavior == ClearBehavior::ClearAll {
                        self.stop();
                    }
                }
                Directive::UpdateDynamicEntities(_) | Directive::SendRequest { .. } => {}
            }
        }
        refused
    }

    fn stop(&mut self) {
        if self.activity == Activity::Playing {
            self.settle();
            self.activity = Activity::Stopped;
        }
    }

    /// The request body of an AudioPlayer event, after moving the player to the state it reports. `offset` (while
    /// playing) moves the clock on until the stream reaches it.
    ///
    /// # Errors
    /// The player holds no stream to report on.
    pub(super) fn event(
        &mut self,
        event: PlayerEvent,
        offset: Option<TimeDelta>,
        error_type: Option<&str>,
    ) -> Result<Value, String> {
        let Some(token) = self.current_token().map(str::to_owned) else {
            return Err(format!(
                "the Echo has no stream to send {} about: no Play directive reached it yet",
                event_type(event)
            ));
        };
        if let Some(offset) = offset {
            let wanted = u64::try_from(offset.num_milliseconds()).unwrap_or(0);
            let reached = self.offset_ms();
            if self.activity == Activity::Playing && wanted > reached {
                let ahead = i64::try_from(wanted - reached).unwrap_or(i64::MAX);
                self.now += TimeDelta::milliseconds(ahead);
            } else {
                self.settle();
                if let Some(track) = &mut self.current {
                    track.offset_ms = wanted;
                }
            }
        }
        let before = self.context();
        let mut body = json!({ "type": event_type(event) });
        match event {
            PlayerEvent::Started => {
                self.settle();
                self.activity = Activity::Playing;
            }
            PlayerEvent::NearlyFinished => {}
            PlayerEvent::Finished => {
                self.settle();
                self.activity = Activity::Finished;
            }
            PlayerEvent::Stopped => self.stop(),
            PlayerEvent::Failed => {
                self.settle();
                self.activity = Activity::Stopped;
                let kind = error_type.unwrap_or("MEDIA_ERROR_UNKNOWN");
                body["error"] = json!({ "type": kind, "message": "simulated by onair test" });
                body["currentPlaybackState"] = before;
            }
        }
        body["token"] = json!(token);
        body["offsetInMilliseconds"] = json!(self.offset_ms());
        Ok(body)
    }

    /// After a `PlaybackFinished` was answered: the next queued stream, if any, becomes the current one.
    pub(super) fn advance_queue(&mut self) {
        if self.activity != Activity::Finished {
            return;
        }
        if let Some(mut next) = self.queue.pop_front() {
            next.since = self.now;
            self.current = Some(next);
            self.activity = Activity::Playing;
        }
    }

    /// The request body of a PlaybackController button.
    pub(super) fn button(button: Button) -> Value {
        let kind = match button {
            Button::Play => "PlaybackController.PlayCommandIssued",
            Button::Pause => "PlaybackController.PauseCommandIssued",
            Button::Next => "PlaybackController.NextCommandIssued",
            Button::Previous => "PlaybackController.PreviousCommandIssued",
        };
        json!({ "type": kind })
    }
}

/// The wire type of an AudioPlayer event.
pub(super) fn event_type(event: PlayerEvent) -> &'static str {
    match event {
        PlayerEvent::Started => "AudioPlayer.PlaybackStarted",
        PlayerEvent::NearlyFinished => "AudioPlayer.PlaybackNearlyFinished",
        PlayerEvent::Finished => "AudioPlayer.PlaybackFinished",
        PlayerEvent::Stopped => "AudioPlayer.PlaybackStopped",
        PlayerEvent::Failed => "AudioPlayer.PlaybackFailed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alexa::{Stream, StreamToken, StreamUrl};

    fn play(behavior: PlayBehavior, token: &str, previous: Option<&str>) -> Response {
        let stream = Stream {
            url: StreamUrl::new("https://streams.example/live.mp3").expect("https"),
            token: StreamToken::new(token).expect("token"),
            expected_previous_token: previous.map(|p| StreamToken::new(p).expect("token")),
            offset_in_milliseconds: 0,
        };
        Response::default().directive(Directive::play(behavior, stream, None))
    }

    const AT: &str = "2026-11-22T20:00:00Z";

    #[test]
    fn a_playing_stream_moves_on_with_the_clock_and_freezes_when_stopped() {
        // GIVEN an Echo told to play
        let mut echo = Echo::new(AT.parse().expect("instant"));
        assert!(
            echo.obey(&play(PlayBehavior::ReplaceAll, "a", None))
                .is_empty()
        );
        // WHEN 40 minutes pass, then a Stop arrives, then 10 more minutes pass
        echo.wait(TimeDelta::minutes(40));
        assert_eq!(echo.context()["offsetInMilliseconds"], 2_400_000);
        echo.obey(&Response::default().directive(Directive::stop()));
        echo.wait(TimeDelta::minutes(10));
        // THEN the offset stays where the Stop left it
        assert_eq!(echo.context()["offsetInMilliseconds"], 2_400_000);
        assert_eq!(echo.context()["playerActivity"], "STOPPED");
    }

    #[test]
    fn an_enqueue_must_name_the_playing_stream() {
        let mut echo = Echo::new(AT.parse().expect("instant"));
        echo.obey(&play(PlayBehavior::ReplaceAll, "a", None));
        let refused = echo.obey(&play(PlayBehavior::Enqueue, "b", Some("x")));
        assert_eq!(refused.len(), 1, "{refused:?}");
        assert!(
            echo.obey(&play(PlayBehavior::Enqueue, "b", Some("a")))
                .is_empty()
        );
        // WHEN the current stream finishes THEN the queued one plays
        let finished = echo
            .event(PlayerEvent::Finished, None, None)
            .expect("has a stream");
        assert_eq!(finished["token"], "a");
        echo.advance_queue();
        assert_eq!(echo.current_token(), Some("b"));
    }

    #[test]
    fn nearly_finished_at_an_offset_moves_the_clock() {
        let start: DateTime<Utc> = AT.parse().expect("instant");
        let mut echo = Echo::new(start);
        echo.obey(&play(PlayBehavior::ReplaceAll, "a", None));
        let body = echo
            .event(
                PlayerEvent::NearlyFinished,
                Some(TimeDelta::minutes(30)),
                None,
            )
            .expect("has a stream");
        assert_eq!(body["offsetInMilliseconds"], 1_800_000);
        assert_eq!(echo.now(), start + TimeDelta::minutes(30));
    }
}
