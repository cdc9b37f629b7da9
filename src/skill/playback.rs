//! The AudioPlayer lifecycle: resume, reconnecting a live stream, moving on to the next show, failures, and the
//! PlaybackController buttons.
//!
//! These requests arrive without a session and may only be answered with AudioPlayer directives (SPEC §2.3).

use chrono::Duration;

use super::context::{Answer, Context};
use super::intent::Intent;
use super::session::{OfferKind, choices, named, offer};
use super::speech::Arg;
use super::token::{StreamKind, StreamRef};
use crate::alexa::{PlayBehavior, Response};

/// A live event ending within this window hands over to the next show on its channel instead of reconnecting.
const HANDOVER_WINDOW: Duration = Duration::minutes(15);
/// The longest break between one show's end and the next one's start on a channel that still hands over: a
/// channel that goes off air for the night must not queue tomorrow's first show (the Echo would play an off-air
/// stream all night, and a screen would show the wrong title).
pub(crate) const HANDOVER_GAP: Duration = Duration::minutes(5);

/// The token the device is playing (or last played), read from `context.AudioPlayer`.
pub(crate) fn player_token(cx: &Context<'_>) -> Option<StreamRef> {
    cx.envelope
        .audio_player()
        .and_then(|player| player.token.as_deref())
        .and_then(StreamRef::parse)
}

/// "Alexa, resume": the same show again at the live edge, or the recording where the listener was.
pub(crate) fn resume_by_voice(cx: &Context<'_>) -> Answer {
    if !cx.can_play() {
        return cx.cannot_play_here();
    }
    let (Some(stream), Some(event)) = (player_token(cx), cx.token_event) else {
        return nothing_to_resume(cx);
    };
    let show = cx.describe(event);
    match stream.kind {
        StreamKind::Recording => {
            let offset = player_offset(cx);
            match cx.recording_directive(event, &StreamRef::recording(event.id.clone()), offset) {
                Some(play) => Answer::playing(
                    Response::default()
                        .speak(super::context::speech(
                            &cx.say("resuming-recording", &[("show", Arg::Text(&show))]),
                        ))
                        .end_session(),
                    play,
                ),
                None => nothing_to_resume(cx),
            }
        }
        StreamKind::Live if event.is_live_at(cx.now) => cx.play_live(event, "resuming-live"),
        // A queued show that has not started yet (the player moved on early) is not "ended".
        StreamKind::Live if event.starts_at > cx.now => super::waiting::not_live_yet(cx, event),
        StreamKind::Live => ended_while_away(cx, event),
    }
}

/// The show the listener paused has ended: its recording from where they stopped (when their playback state
/// says where that was), else the offer of its recording, else what is on the same channel now.
fn ended_while_away(cx: &Context<'_>, event: &crate::schedule::LiveEvent) -> Answer {
    let show = cx.describe(event);
    if let Some(offset) = cx.paused_offset(event) {
        let stream = StreamRef::recording(event.id.clone());
        if let Some(play) = cx.recording_directive(event, &stream, offset) {
            let text = cx.say(
                "resume-ended-playing-recording",
                &[("show", Arg::Text(&show))],
            );
            return Answer::playing(
                Response::default()
                    .speak(super::context::speech(&text))
                    .end_session(),
                play,
            );
        }
    }
    if event.recording_url.is_some() {
        return cx.ask(
            cx.say(
                "resume-ended-offer-recording",
                &[("show", Arg::Text(&show))],
            ),
            cx.say("resume-ended-offer-reprompt", &[]),
            offer(OfferKind::Recording, event, 0),
        );
    }
    let on_channel = event.channel.as_deref().and_then(|channel| {
        cx.schedule
            .live_at(cx.now)
            .into_iter()
            .find(|e| e.channel.as_deref() == Some(channel) && cx.offered(e))
            .map(|e| (channel, e))
    });
    match on_channel {
        Some((channel, other)) => {
            let other_name = other.title.clone();
            cx.ask(
                cx.say(
                    "resume-ended-offer-channel",
                    &[
                        ("show", Arg::Text(&show)),
                        ("channel", Arg::Text(channel)),
                        ("other", Arg::Text(&other_name)),
                    ],
                ),
                cx.say("resume-ended-offer-reprompt", &[]),
                offer(OfferKind::Live, other, 0),
            )
        }
        None => cx.tell(cx.say("resume-ended", &[("show", Arg::Text(&show))])),
    }
}

fn nothing_to_resume(cx: &Context<'_>) -> Answer {
    let live = cx.live_now();
    let mut text = cx.say("nothing-to-resume", &[]);
    if live.is_empty() {
        return cx.tell(text);
    }
    text.push(' ');
    text.push_str(&cx.say("live-now", &[("shows", Arg::Text(&cx.list(&live)))]));
    text.push(' ');
    text.push_str(&cx.say("which-one", &[]));
    cx.ask(text, cx.say("pick-reprompt", &[]), choices(named(&live)))
}

/// Whether the player is on a recording (not a live stream): the answers below must not call it "live".
fn playing_recording(cx: &Context<'_>) -> bool {
    player_token(cx).is_some_and(|stream| stream.kind == StreamKind::Recording)
}

/// StartOver, Loop, Shuffle, Repeat: meaningless live; StartOver restarts a recording.
pub(crate) fn not_for_live(cx: &Context<'_>, intent: &Intent) -> Answer {
    if let (Intent::StartOver, Some(stream), Some(event)) =
        (intent, player_token(cx), cx.token_event)
        && stream.kind == StreamKind::Recording
        && cx.can_play()
        && let Some(play) =
            cx.recording_directive(event, &StreamRef::recording(event.id.clone()), 0)
    {
        return Answer::playing(Response::default().end_session(), play);
    }
    if playing_recording(cx) {
        return cx.tell(cx.say("not-possible-recording", &[]));
    }
    cx.tell(cx.say("not-possible-live", &[]))
}

/// Next and Previous: a live show and a single recording both have nothing to skip to; say which it is.
pub(crate) fn skip(cx: &Context<'_>) -> Answer {
    if playing_recording(cx) {
        return cx.tell(cx.say("cannot-skip-recording", &[]));
    }
    cx.tell(cx.say("cannot-skip", &[]))
}

fn player_offset(cx: &Context<'_>) -> u64 {
    cx.envelope
        .audio_player()
        .and_then(|player| player.offset_in_milliseconds)
        .and_then(|ms| u64::try_from(ms).ok())
        .unwrap_or(0)
}

/// PlaybackController.PlayCommandIssued: like "resume", without a word (no speech is allowed here).
pub(crate) fn play_button(cx: &Context<'_>) -> Answer {
    let (Some(stream), Some(event)) = (player_token(cx), cx.token_event) else {
        return Answer::only(None);
    };
    let directive = match stream.kind {
        StreamKind::Live if event.is_live_at(cx.now) => cx.live_directive(
            event,
            &StreamRef::live(event.id.clone()),
            PlayBehavior::ReplaceAll,
            None,
        ),
        // The show ended while paused: its recording from where the listener stopped, if we know where.
        StreamKind::Live => cx.paused_offset(event).and_then(|offset| {
            cx.recording_directive(event, &StreamRef::recording(event.id.clone()), offset)
        }),
        StreamKind::Recording => cx.recording_directive(
            event,
            &StreamRef::recording(event.id.clone()),
            player_offset(cx),
        ),
    };
    Answer::only(directive)
}

/// AudioPlayer.PlaybackNearlyFinished for `token`: keep a live show going, or hand over to the next show.
pub(crate) fn nearly_finished(cx: &Context<'_>, token: Option<&str>) -> Answer {
    let Some((stream, raw)) = token.and_then(|raw| StreamRef::parse(raw).map(|s| (s, raw))) else {
        return Answer::only(None);
    };
    let Some(event) = cx.token_event.filter(|e| e.id == stream.event) else {
        return Answer::only(None);
    };
    if stream.kind == StreamKind::Recording {
        return Answer::only(None);
    }
    if event.is_live_at(cx.now) && event.ends_at - cx.now > HANDOVER_WINDOW {
        // A live HTTP stream can end when the connection drops; a queued copy of the same stream reconnects.
        // A new generation means the queue never holds the token that is playing.
        let again = stream.next_generation();
        return Answer::only(cx.live_directive(event, &again, PlayBehavior::ReplaceEnqueued, None));
    }
    let next = event.channel.as_deref().and_then(|channel| {
        cx.schedule
            .next_on_channel(channel, event.ends_at - HANDOVER_WINDOW)
            .filter(|next| {
                next.id != event.id
                    && next.ends_at > cx.now
                    && next.starts_at - event.ends_at <= HANDOVER_GAP
                    && cx.offered(next)
            })
    });
    let Some(next) = next else {
        return Answer::only(None);
    };
    let next_stream = StreamRef::live(next.id.clone());
    // Alexa may repeat PlaybackNearlyFinished for one stream; the playback state remembers what was enqueued.
    let next_token = next_stream.to_string();
    let already = cx
        .playback
        .is_some_and(|p| p.token == raw && p.enqueued.as_deref() == Some(next_token.as_str()));
    if already {
        return Answer::only(None);
    }
    Answer::only(cx.live_directive(next, &next_stream, PlayBehavior::Enqueue, Some(raw)))
}

/// AudioPlayer.PlaybackFailed: one retry of the same stream, then give up (no retry loop). Also returns the live
/// event whose stream failed, when it is on air: each such failure counts towards marking its stream as having
/// trouble.
pub(crate) fn failed<'c>(
    cx: &Context<'c>,
    token: Option<&str>,
) -> (Answer, Option<&'c crate::schedule::LiveEvent>) {
    let Some(stream) = token.and_then(StreamRef::parse) else {
        return (Answer::only(None), None);
    };
    let Some(event) = cx.token_event.filter(|e| e.id == stream.event) else {
        return (Answer::only(None), None);
    };
    let live_failure =
        (stream.kind == StreamKind::Live && event.is_live_at(cx.now)).then_some(event);
    if stream.retried {
        tracing::warn!(event.id = %stream.event, "stream failed again after a retry; giving up");
        return (Answer::only(None), live_failure);
    }
    let retry = stream.retry();
    let directive = match stream.kind {
        StreamKind::Live if event.is_live_at(cx.now) => {
            cx.live_directive(event, &retry, PlayBehavior::ReplaceAll, None)
        }
        StreamKind::Live => None,
        StreamKind::Recording => cx.recording_directive(event, &retry, failed_offset(cx)),
    };
    (Answer::only(directive), live_failure)
}

fn failed_offset(cx: &Context<'_>) -> u64 {
    match &cx.envelope.request {
        crate::alexa::Request::PlaybackFailed(failed) => failed
            .current_playback_state
            .as_ref()
            .and_then(|state| state.offset_in_milliseconds)
            .and_then(|ms| u64::try_from(ms).ok())
            .unwrap_or(0),
        _ => 0,
    }
}
