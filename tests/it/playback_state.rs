//! The listener's playback state across requests: AudioPlayer events recorded, then used by resume and re-enqueue.

use onair::skill::Skill;
use onair::storage::InMemoryPlayback;
use serde_json::{Value, json};

use crate::replay::{answer_with, fixture, fixture_store};

fn skill() -> Skill<
    onair::storage::InMemorySchedule,
    onair::skill::HttpsMedia,
    onair::skill::NoDeviceZones,
    InMemoryPlayback,
> {
    Skill::new(fixture_store()).with_playback(InMemoryPlayback::new())
}

/// An AudioPlayer event for the listener of every fixture, at `timestamp`.
fn player_event(kind: &str, token: &str, offset_ms: u64, timestamp: &str) -> Value {
    let mut event = fixture("playback_started");
    event["request"]["type"] = json!(kind);
    event["request"]["token"] = json!(token);
    event["request"]["offsetInMilliseconds"] = json!(offset_ms);
    event["request"]["timestamp"] = json!(timestamp);
    event
}

fn resume_at(token: &str, timestamp: &str) -> Value {
    let mut resume = fixture("resume_live");
    resume["context"]["AudioPlayer"]["token"] = json!(token);
    resume["request"]["timestamp"] = json!(timestamp);
    resume
}

const JAZZ_NIGHT: &str = "onair1|live|jazz-night-2026-11-22|0|0";

#[test]
fn resuming_a_show_that_ended_while_paused_plays_its_recording_from_the_pause() {
    // GIVEN Jazz Night (19:00–21:00Z, with a recording) playing from 20:00 and paused at 20:30
    let skill = skill();
    let empty = json!({ "version": "1.0", "response": {} });
    assert_eq!(
        answer_with(
            &skill,
            &player_event(
                "AudioPlayer.PlaybackStarted",
                JAZZ_NIGHT,
                0,
                "2026-11-22T20:00:00Z"
            )
        ),
        empty
    );
    assert_eq!(
        answer_with(
            &skill,
            &player_event(
                "AudioPlayer.PlaybackStopped",
                JAZZ_NIGHT,
                1_800_000,
                "2026-11-22T20:30:00Z"
            )
        ),
        empty
    );
    // WHEN the listener says "resume" at 21:30, after the show ended
    let response = answer_with(&skill, &resume_at(JAZZ_NIGHT, "2026-11-22T21:30:00Z"));
    // THEN the recording plays from 90 minutes in: where the show was when they paused
    let play = &response["response"]["directives"][0];
    assert_eq!(play["type"], "AudioPlayer.Play", "{response}");
    assert_eq!(
        play["audioItem"]["stream"]["offsetInMilliseconds"],
        5_400_000
    );
    assert!(
        play["audioItem"]["stream"]["token"]
            .as_str()
            .unwrap()
            .starts_with("onair1|rec|jazz-night")
    );
}

#[test]
fn without_a_remembered_pause_the_recording_is_only_offered() {
    let response = answer_with(&skill(), &resume_at(JAZZ_NIGHT, "2026-11-22T21:30:00Z"));
    assert!(response["response"].get("directives").is_none_or(|d| {
        d.as_array()
            .unwrap()
            .iter()
            .all(|d| d["type"] != "AudioPlayer.Play")
    }));
    assert_eq!(response["response"]["shouldEndSession"], false);
}

#[test]
fn a_late_stop_does_not_undo_a_newer_start() {
    // GIVEN a pause at 20:30, then the listener resumed at 20:40 (PlaybackStarted), and the 20:30 stop re-delivered late
    let skill = skill();
    answer_with(
        &skill,
        &player_event(
            "AudioPlayer.PlaybackStopped",
            JAZZ_NIGHT,
            1_800_000,
            "2026-11-22T20:30:00Z",
        ),
    );
    answer_with(
        &skill,
        &player_event(
            "AudioPlayer.PlaybackStarted",
            JAZZ_NIGHT,
            0,
            "2026-11-22T20:40:00Z",
        ),
    );
    answer_with(
        &skill,
        &player_event(
            "AudioPlayer.PlaybackStopped",
            JAZZ_NIGHT,
            1_800_000,
            "2026-11-22T20:30:00Z",
        ),
    );
    // WHEN "resume" comes after the show ended
    let response = answer_with(&skill, &resume_at(JAZZ_NIGHT, "2026-11-22T21:30:00Z"));
    // THEN the player was last playing, not paused: no resume-from-pause, only the offer
    assert_eq!(
        response["response"]["shouldEndSession"], false,
        "{response}"
    );
}

#[test]
fn a_repeated_nearly_finished_never_enqueues_the_next_show_twice() {
    let skill = skill();
    let nearly = fixture("playback_nearly_finished_hands_over_to_next_show");
    let first = answer_with(&skill, &nearly);
    assert_eq!(
        first["response"]["directives"][0]["playBehavior"],
        "ENQUEUE"
    );
    let mut again = nearly;
    again["request"]["timestamp"] = json!("2026-11-22T20:20:05Z");
    let second = answer_with(&skill, &again);
    assert_eq!(
        second,
        json!({ "version": "1.0", "response": {} }),
        "enqueued twice: {second}"
    );
}
