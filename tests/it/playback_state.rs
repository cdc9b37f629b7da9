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

fn launch_at(timestamp: &str) -> Value {
    let mut launch = fixture("launch");
    launch["request"]["timestamp"] = json!(timestamp);
    launch
}

fn say_yes_to(previous: &Value, timestamp: &str) -> Value {
    let mut yes = fixture("yes_without_offer");
    yes["session"]["attributes"] = previous["sessionAttributes"].clone();
    yes["request"]["timestamp"] = json!(timestamp);
    yes
}

#[test]
fn launch_offers_to_continue_a_show_that_is_still_live() {
    // GIVEN Jazz Night (19:00–21:00Z) played and stopped at 20:10
    let skill = skill();
    answer_with(
        &skill,
        &player_event(
            "AudioPlayer.PlaybackStopped",
            JAZZ_NIGHT,
            600_000,
            "2026-11-22T20:10:00Z",
        ),
    );
    // WHEN the listener opens the skill at 20:30, while it is still on
    let welcome = answer_with(&skill, &launch_at("2026-11-22T20:30:00Z"));
    // THEN they are offered to continue it, and "yes" plays it live
    let text = welcome["response"]["outputSpeech"]["ssml"]
        .as_str()
        .unwrap_or("");
    assert!(
        text.contains("Welcome back") && text.contains("Jazz Night") && text.ends_with("?</speak>"),
        "{text}"
    );
    assert_eq!(welcome["response"]["shouldEndSession"], false);
    let yes = answer_with(&skill, &say_yes_to(&welcome, "2026-11-22T20:30:05Z"));
    let play = &yes["response"]["directives"][0];
    assert_eq!(play["type"], "AudioPlayer.Play", "{yes}");
    assert_eq!(play["audioItem"]["stream"]["token"], JAZZ_NIGHT);
}

#[test]
fn launch_offers_to_continue_a_recording_from_where_it_stopped() {
    // GIVEN the Aurora Sunday Concert recording stopped 25 minutes in
    let skill = skill();
    let recording = "onair1|rec|aurora-sunday-concert-2026-11-22|0|0";
    answer_with(
        &skill,
        &player_event(
            "AudioPlayer.PlaybackStopped",
            recording,
            1_500_000,
            "2026-11-22T19:00:00Z",
        ),
    );
    // WHEN the listener opens the skill later
    let welcome = answer_with(&skill, &launch_at("2026-11-22T20:00:00Z"));
    let text = welcome["response"]["outputSpeech"]["ssml"]
        .as_str()
        .unwrap_or("");
    assert!(
        text.contains("continue the recording of Aurora Sunday Concert"),
        "{text}"
    );
    // THEN "yes" resumes the recording where it stopped
    let yes = answer_with(&skill, &say_yes_to(&welcome, "2026-11-22T20:00:05Z"));
    let stream = &yes["response"]["directives"][0]["audioItem"]["stream"];
    assert_eq!(stream["offsetInMilliseconds"], 1_500_000, "{yes}");
}

#[test]
fn launch_without_anything_to_continue_is_the_usual_welcome() {
    let skill = skill();
    let welcome = answer_with(&skill, &launch_at("2026-11-22T20:00:00Z"));
    let text = welcome["response"]["outputSpeech"]["ssml"]
        .as_str()
        .unwrap_or("");
    assert!(
        text.starts_with("<speak>Welcome to On Air Live. Live now:"),
        "{text}"
    );
}

#[test]
fn the_last_show_of_the_night_queues_nothing() {
    // Notte Uno ends at 04:00Z; Radio Uno's next show starts at 09:00Z, five hours later: an off-air gap.
    let skill = skill();
    let response = answer_with(
        &skill,
        &fixture("playback_nearly_finished_last_show_of_the_night"),
    );
    assert_eq!(response, json!({ "version": "1.0", "response": {} }));
    // While a show that is followed at once (Sera Uno → Notte Uno at 20:30Z) still hands over.
    let handover = answer_with(
        &skill,
        &fixture("playback_nearly_finished_hands_over_to_next_show"),
    );
    assert_eq!(
        handover["response"]["directives"][0]["playBehavior"],
        "ENQUEUE"
    );
}

#[test]
fn resuming_a_queued_show_that_has_not_started_says_when_it_starts() {
    // GIVEN the player moved on to the queued Notte Uno (20:30Z) a minute early
    let response = answer_with(
        &skill(),
        &resume_at(
            "onair1|live|notte-uno-2026-11-22|0|0",
            "2026-11-22T20:29:00Z",
        ),
    );
    // THEN "resume" says it has not started, never that it has ended
    let text = response["response"]["outputSpeech"]["ssml"]
        .as_str()
        .unwrap_or("");
    assert!(
        text.contains("Notte Uno on Radio Uno starts in one minute"),
        "{text}"
    );
    assert!(!text.contains("ended"), "{text}");
}
