//! What a listener notices, asserted directly (the snapshots show the whole responses; these pin the behaviour).

use std::sync::Arc;

use chrono::{DateTime, Utc};
use onair::schedule::{EventId, LiveEvent, Schedule};
use onair::skill::Skill;
use onair::storage::{ScheduleStore, StoreError};
use serde_json::{Value, json};

use crate::replay::{answer, answer_with, fixture, requests_dir};

fn directives(response: &Value) -> Vec<Value> {
    response["response"]["directives"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn plays(response: &Value) -> Vec<Value> {
    directives(response)
        .into_iter()
        .filter(|d| d["type"] == "AudioPlayer.Play")
        .collect()
}

fn speech(response: &Value) -> String {
    response["response"]["outputSpeech"]["ssml"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn token(play: &Value) -> &str {
    play["audioItem"]["stream"]["token"]
        .as_str()
        .expect("token")
}

/// The follow-up turn: the same session, carrying the attributes the skill sent back.
fn follow_up(previous_request: &Value, previous_response: &Value, intent: Value) -> Value {
    let mut next = previous_request.clone();
    next["session"]["new"] = json!(false);
    next["session"]["attributes"] = previous_response["sessionAttributes"].clone();
    next["request"] = json!({
        "type": "IntentRequest",
        "requestId": "amzn1.echo-api.request.FOLLOW-UP",
        "timestamp": previous_request["request"]["timestamp"],
        "locale": "en-US",
        "intent": intent
    });
    next
}

#[test]
fn a_live_source_plays_its_stream_from_the_live_edge() {
    let response = answer(&fixture("play_live"));
    let play = &plays(&response)[0];
    assert_eq!(play["playBehavior"], "REPLACE_ALL");
    assert_eq!(
        play["audioItem"]["stream"]["url"],
        "https://streams.onair.example/jazz-cafe/live.aac"
    );
    assert_eq!(play["audioItem"]["stream"]["offsetInMilliseconds"], 0);
    assert!(token(play).contains("jazz-night-2026-11-22"));
    assert_eq!(play["audioItem"]["metadata"]["title"], "Jazz Night");
    assert_eq!(response["response"]["shouldEndSession"], true);
    assert!(speech(&response).contains("Jazz Night"));
}

#[test]
fn a_typo_in_the_name_still_plays_the_show() {
    let response = answer(&fixture("play_live_typo"));
    assert!(token(&plays(&response)[0]).contains("bass-and-beats"));
}

#[test]
fn not_live_yet_says_when_and_yes_plays_what_is_live_instead() {
    let request = fixture("play_not_live_yet");
    let response = answer(&request);
    assert!(plays(&response).is_empty());
    assert!(
        // 23 hours ahead with no known device zone: the show's own clock, naming its city, never "in 23 hours".
        speech(&response).contains("starts tomorrow at 8 PM, Berlin time"),
        "{}",
        speech(&response)
    );
    assert_eq!(response["response"]["shouldEndSession"], false);
    let yes = answer(&follow_up(
        &request,
        &response,
        json!({ "name": "AMAZON.YesIntent" }),
    ));
    let play = &plays(&yes)[0];
    assert_eq!(play["playBehavior"], "REPLACE_ALL");
    // Yes plays exactly the show the offer named.
    let offered = response["sessionAttributes"]["onair"]["offer"]["event"]
        .as_str()
        .expect("an offer");
    assert!(
        token(play).contains(offered),
        "{offered} vs {}",
        token(play)
    );
}

#[test]
fn an_ended_show_offers_its_recording_and_yes_plays_it() {
    let request = fixture("play_ended_with_recording");
    let response = answer(&request);
    assert!(speech(&response).contains("recording"));
    let yes = answer(&follow_up(
        &request,
        &response,
        json!({ "name": "AMAZON.YesIntent" }),
    ));
    let play = &plays(&yes)[0];
    assert_eq!(
        play["audioItem"]["stream"]["url"],
        "https://media.onair.example/rec/aurora-sunday-concert-2026-11-22.mp3"
    );
    assert!(token(play).starts_with("onair1|rec|"));
}

#[test]
fn several_matches_ask_which_and_the_answer_plays_it() {
    let request = fixture("play_ambiguous");
    let response = answer(&request);
    assert!(plays(&response).is_empty());
    let text = speech(&response);
    assert!(
        text.contains("Marco Rossi") && text.contains("Marco Russo"),
        "{text}"
    );
    let choices = response["sessionAttributes"]["onair"]["choices"]
        .as_array()
        .expect("choices")
        .clone();
    assert_eq!(choices.len(), 2);
    let mut played = 0;
    for (index, event) in choices.iter().enumerate() {
        let position = (index + 1).to_string();
        let choose = json!({ "name": "ChooseIntent", "slots": { "position": { "name": "position", "value": position } } });
        let chosen = answer(&follow_up(&request, &response, choose));
        match plays(&chosen).first() {
            Some(play) => {
                assert!(
                    token(play).contains(event.as_str().unwrap()),
                    "{position}: {chosen}"
                );
                played += 1;
            }
            // Not live yet: the listener hears when it starts instead.
            None => assert!(speech(&chosen).contains("starts"), "{position}: {chosen}"),
        }
    }
    assert_eq!(
        played, 1,
        "exactly one of Marco Rossi and Marco Russo is live at 20:00"
    );
}

#[test]
fn an_unknown_name_says_so_and_names_what_is_live() {
    let response = answer(&fixture("play_unknown_name"));
    let text = speech(&response);
    assert!(
        text.contains("couldn&apos;t find the rolling pebbles"),
        "{text}"
    );
    assert!(
        text.contains("Jazz Night") && text.contains("Sera Uno"),
        "{text}"
    );
    assert!(plays(&response).is_empty());
}

#[test]
fn whats_on_names_live_shows_and_what_comes_next_and_listens() {
    let response = answer(&fixture("whats_on"));
    let text = speech(&response);
    assert!(text.contains("Live now"), "{text}");
    assert!(text.contains("Next up: Notte Uno"), "{text}");
    assert!(
        !text.contains("Notiziario"),
        "an it-IT-only show was offered in en-US: {text}"
    );
    assert_eq!(response["response"]["shouldEndSession"], false);
}

#[test]
fn a_device_without_audio_player_never_gets_an_audio_player_directive() {
    let mut checked = 0;
    for entry in std::fs::read_dir(requests_dir()).expect("fixtures") {
        let mut request: Value = serde_json::from_str(
            &std::fs::read_to_string(entry.expect("entry").path()).expect("read"),
        )
        .expect("JSON");
        // AudioPlayer and PlaybackController requests only ever come from devices that play audio.
        if request["session"].is_null() || request["context"]["System"]["device"].is_null() {
            continue;
        }
        request["context"]["System"]["device"]["supportedInterfaces"] = json!({});
        let response = answer(&request);
        for directive in directives(&response) {
            let kind = directive["type"].as_str().unwrap_or_default();
            assert!(
                !kind.starts_with("AudioPlayer."),
                "{kind} sent to a device without AudioPlayer: {request}"
            );
        }
        checked += 1;
    }
    assert!(checked > 30, "only {checked} session fixtures");
}

#[test]
fn reconnecting_a_live_stream_never_reuses_the_playing_token() {
    for name in [
        "playback_nearly_finished_reconnects_live",
        "playback_nearly_finished_again_new_generation",
    ] {
        let request = fixture(name);
        let response = answer(&request);
        let play = &plays(&response)[0];
        assert_eq!(play["playBehavior"], "REPLACE_ENQUEUED");
        assert_ne!(
            token(play),
            request["request"]["token"].as_str().unwrap(),
            "{name}"
        );
        assert!(
            play["audioItem"]["stream"]
                .get("expectedPreviousToken")
                .is_none()
        );
    }
}

#[test]
fn an_ending_show_hands_over_to_the_next_show_on_its_channel() {
    let request = fixture("playback_nearly_finished_hands_over_to_next_show");
    let response = answer(&request);
    let play = &plays(&response)[0];
    assert_eq!(play["playBehavior"], "ENQUEUE");
    assert!(token(play).contains("notte-uno"));
    assert_eq!(
        play["audioItem"]["stream"]["expectedPreviousToken"],
        request["request"]["token"]
    );
}

#[test]
fn a_failed_stream_is_retried_once_then_given_up() {
    let request = fixture("playback_failed_retries_once");
    let response = answer(&request);
    let retry = plays(&response)[0].clone();
    assert_eq!(retry["playBehavior"], "REPLACE_ALL");
    let mut again = request;
    again["request"]["token"] = retry["audioItem"]["stream"]["token"].clone();
    let response = answer(&again);
    assert_eq!(
        response,
        json!({ "version": "1.0", "response": {} }),
        "a retried stream was retried again"
    );
}

#[test]
fn pause_and_stop_stop_the_player() {
    for name in [
        "pause_while_playing",
        "stop_while_playing",
        "cancel",
        "controller_pause",
    ] {
        let response = answer(&fixture(name));
        assert!(
            directives(&response)
                .iter()
                .any(|d| d["type"] == "AudioPlayer.Stop"),
            "{name}: {response}"
        );
    }
}

#[test]
fn resume_plays_the_same_show_again_at_the_live_edge() {
    let response = answer(&fixture("resume_live"));
    let play = &plays(&response)[0];
    assert!(token(play).contains("jazz-night-2026-11-22"));
    assert_eq!(play["audioItem"]["stream"]["offsetInMilliseconds"], 0);
    let recording = answer(&fixture("resume_recording"));
    assert_eq!(
        plays(&recording)[0]["audioItem"]["stream"]["offsetInMilliseconds"],
        1_800_000
    );
}

#[test]
fn live_only_commands_are_explained_without_a_directive() {
    for name in [
        "builtin_next",
        "builtin_shuffle_on",
        "builtin_loop_on",
        "builtin_repeat",
    ] {
        let response = answer(&fixture(name));
        assert!(directives(&response).is_empty(), "{name}");
        assert!(speech(&response).contains("live show"), "{name}");
    }
}

#[test]
fn requests_that_allow_no_answer_get_the_empty_envelope() {
    for name in [
        "playback_started",
        "playback_finished",
        "playback_stopped",
        "session_ended",
        "system_exception",
        "skill_enabled",
        "unknown_request_type",
        "controller_next",
    ] {
        assert_eq!(
            answer(&fixture(name)),
            json!({ "version": "1.0", "response": {} }),
            "{name}"
        );
    }
}

/// A store that is down: the listener hears an apology, AudioPlayer requests get the empty envelope.
struct DownStore;

impl ScheduleStore for DownStore {
    async fn schedule_at(&self, _now: DateTime<Utc>) -> Result<Arc<Schedule>, StoreError> {
        Err(StoreError::Unavailable("down for the test".into()))
    }

    async fn event(&self, _id: &EventId) -> Result<Option<LiveEvent>, StoreError> {
        Err(StoreError::Unavailable("down for the test".into()))
    }
}

#[test]
fn a_store_outage_is_an_apology_not_an_error() {
    let skill = Skill::new(DownStore);
    let launch = answer_with(&skill, &fixture("launch"));
    assert!(speech(&launch).contains("trouble"), "{launch}");
    assert_eq!(launch["response"]["shouldEndSession"], true);
    let nearly = answer_with(&skill, &fixture("playback_nearly_finished_reconnects_live"));
    assert_eq!(nearly, json!({ "version": "1.0", "response": {} }));
}

#[test]
fn malformed_bodies_get_the_empty_envelope() {
    let skill = Skill::new(crate::replay::fixture_store());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    for body in [&b"{not json"[..], b"[]", b"{}", b"{\"request\":42}", b""] {
        let response = runtime.block_on(skill.handle_json(body));
        assert_eq!(
            serde_json::to_value(response).unwrap(),
            json!({ "version": "1.0", "response": {} })
        );
    }
}
