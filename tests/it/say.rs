//! `onair say` as a person runs it: the real binary, the embedded demo lineup, a pinned instant.

use std::process::Command;

use serde_json::Value;

/// Runs `onair say --json --at <at> [extra…] <utterances…>` (never against a table) and returns one
/// `{request, response}` per utterance.
pub(crate) fn say(at: &str, extra: &[&str], utterances: &[&str]) -> Vec<Value> {
    let output = Command::new(env!("CARGO_BIN_EXE_onair"))
        .args(["say", "--json", "--at", at])
        .args(extra)
        .args(utterances)
        .env_remove("ONAIR_TABLE")
        .output()
        .expect("onair runs");
    assert!(
        output.status.success(),
        "{extra:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .expect("utf-8")
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object a line"))
        .collect()
}

/// What Alexa says in one turn, as SSML.
pub(crate) fn spoken(turn: &Value) -> String {
    turn["response"]["response"]["outputSpeech"]["ssml"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn played_token(turn: &Value) -> Option<String> {
    turn["response"]["response"]["directives"]
        .as_array()?
        .iter()
        .find(|d| d["type"] == "AudioPlayer.Play")
        .map(|d| {
            d["audioItem"]["stream"]["token"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
}

// In the demo lineup, Radio Uno is on around the clock; at 20:00Z on a Sunday "Sera Uno" (18:00–22:00 Rome) is on.
const SUNDAY_EVENING: &str = "2026-11-22T20:00:00Z";

#[test]
fn playing_a_live_name_plays_it() {
    let turns = say(SUNDAY_EVENING, &[], &["play the live show from radio uno"]);
    assert_eq!(
        turns[0]["request"]["request"]["intent"]["name"],
        "PlayLiveShowIntent"
    );
    assert!(played_token(&turns[0]).expect("plays").contains("sera-uno"));
}

#[test]
fn a_misspoken_name_still_plays() {
    let turns = say(SUNDAY_EVENING, &[], &["play the live show from radio unno"]);
    assert!(played_token(&turns[0]).expect("plays").contains("sera-uno"));
}

#[test]
fn an_unknown_name_is_answered_with_what_is_live() {
    let turns = say(
        SUNDAY_EVENING,
        &[],
        &["play the live show from the rolling pebbles"],
    );
    assert!(played_token(&turns[0]).is_none());
    assert!(
        spoken(&turns[0]).contains("couldn&apos;t find"),
        "{}",
        spoken(&turns[0])
    );
    assert!(spoken(&turns[0]).contains("Radio Uno"));
}

#[test]
fn a_show_not_live_yet_is_announced_and_yes_plays_what_is_live() {
    // The Morning Desk airs weekdays at 07:00 New York time: on Sunday evening it is tomorrow.
    let turns = say(SUNDAY_EVENING, &[], &["play the morning desk", "yes"]);
    assert!(played_token(&turns[0]).is_none());
    assert!(
        spoken(&turns[0]).contains("starts"),
        "{}",
        spoken(&turns[0])
    );
    assert!(
        played_token(&turns[1]).is_some(),
        "yes did not play: {}",
        turns[1]
    );
}

#[test]
fn an_ended_show_with_a_recording_is_offered_and_yes_plays_the_recording() {
    // Aurora Sunday Concert: Sundays 17:00–19:00 Vienna, so it ended at 18:00Z; it has a recording.
    let turns = say(SUNDAY_EVENING, &[], &["play aurora sunday concert", "yes"]);
    assert!(
        spoken(&turns[0]).contains("recording"),
        "{}",
        spoken(&turns[0])
    );
    assert!(
        played_token(&turns[1])
            .expect("plays")
            .starts_with("onair1|rec|aurora-sunday-concert")
    );
}

#[test]
fn an_ambiguous_name_asks_which_one() {
    let turns = say(SUNDAY_EVENING, &[], &["play marco"]);
    assert!(played_token(&turns[0]).is_none());
    let text = spoken(&turns[0]);
    assert!(
        text.contains("Marco Rossi") && text.contains("Marco Russo"),
        "{text}"
    );
}

#[test]
fn gibberish_goes_to_the_fallback_intent() {
    let turns = say(SUNDAY_EVENING, &[], &["purple monkey dishwasher"]);
    assert_eq!(
        turns[0]["request"]["request"]["intent"]["name"],
        "AMAZON.FallbackIntent"
    );
}

#[test]
fn a_device_without_audio_hears_an_explanation() {
    let turns = say(
        SUNDAY_EVENING,
        &["--device", "no-audio"],
        &["play radio uno"],
    );
    assert!(played_token(&turns[0]).is_none());
    assert!(spoken(&turns[0]).contains("can&apos;t play"));
}

/// `--grant reminders` and `--deny reminders` answer Alexa's permission prompt; without either the prompt goes
/// unanswered. Each answer is one more turn: the `Connections.Response` Alexa sends the skill.
#[test]
fn the_listener_answers_the_reminders_permission_prompt_as_told() {
    let at = "2026-11-22T20:00:00Z";
    let ask = ["remind me when notte uno goes live"];
    let answered = |extra: &[&str]| {
        let turns = say(at, extra, &ask);
        assert_eq!(turns.len(), 2, "{turns:?}");
        assert_eq!(
            turns[0]["response"]["response"]["directives"][0]["type"],
            "Connections.SendRequest"
        );
        assert_eq!(
            turns[1]["request"]["request"]["type"],
            "Connections.Response"
        );
        turns[1].clone()
    };
    let granted = answered(&["--grant", "reminders"]);
    assert_eq!(
        granted["request"]["request"]["payload"]["status"],
        "ACCEPTED"
    );
    assert!(
        spoken(&granted).contains("remind you when Notte Uno"),
        "{granted}"
    );
    let denied = answered(&["--deny", "reminders"]);
    assert_eq!(denied["request"]["request"]["payload"]["status"], "DENIED");
    assert_eq!(
        denied["response"]["response"]["card"]["type"],
        "AskForPermissionsConsent"
    );
    let silent = answered(&[]);
    assert_eq!(
        silent["request"]["request"]["payload"]["status"],
        "NOT_ANSWERED"
    );
    // Once granted, the next request carries the permission and the reminder needs no second prompt.
    let turns = say(at, &["--grant", "reminders"], &[ask[0], ask[0]]);
    assert_eq!(turns.len(), 3, "{turns:?}");
    assert!(
        spoken(&turns[2]).contains("already have a reminder"),
        "{}",
        turns[2]
    );
}
