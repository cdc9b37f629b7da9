//! What a garbled or hostile request costs: at most its bad part. Offsets from session attributes are bounded
//! before a Play directive, a response the guard refuses is apologized for as such, a huge spoken name is dropped
//! and a timestamp from another millennium is absent.

use onair::schedule::parse_schedule_json;
use onair::skill::Skill;
use serde_json::{Value, json};

/// Every `offsetInMilliseconds` of every directive in `response`.
fn offsets(response: &Value) -> Vec<&Value> {
    response["response"]["directives"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|directive| directive.pointer("/audioItem/stream/offsetInMilliseconds"))
        .collect()
}

#[test]
fn an_offer_offset_from_session_attributes_is_bounded_before_a_play_directive() {
    let mut request = crate::replay::fixture("play_ended_with_recording_then_yes");
    let played = crate::replay::answer(&request);
    assert_eq!(
        offsets(&played),
        [&json!(0)],
        "the fixture plays from the start"
    );
    for hostile in [
        json!(u64::MAX),
        json!(i64::MAX),
        json!(9_300_000_000_000_000_000_u64),
    ] {
        request["session"]["attributes"]["onair"]["offer"]["offsetMs"] = hostile.clone();
        let answered = crate::replay::answer(&request);
        for offset in offsets(&answered) {
            let offset = offset.as_u64().expect("an integer offset");
            assert!(
                offset <= 2 * 24 * 60 * 60 * 1000,
                "{hostile} reached a Play directive as {offset}"
            );
        }
    }
}

/// A store whose events carry titles no import would accept (one written to the table by hand, say): what the guard
/// is for.
struct OversizedTitles(std::sync::Arc<onair::schedule::Schedule>);

impl onair::storage::ScheduleStore for OversizedTitles {
    async fn schedule_at(
        &self,
        _now: chrono::DateTime<chrono::Utc>,
    ) -> Result<std::sync::Arc<onair::schedule::Schedule>, onair::storage::StoreError> {
        Ok(self.0.clone())
    }

    async fn event(
        &self,
        id: &onair::schedule::EventId,
    ) -> Result<Option<onair::schedule::LiveEvent>, onair::storage::StoreError> {
        Ok(self.0.event(id.as_str()).cloned())
    }
}

#[test]
fn a_response_the_guard_refuses_gets_an_apology_about_the_answer() {
    let parsed =
        parse_schedule_json(&crate::replay::fixture_schedule_json()).expect("schedule parses");
    // A title far beyond what Alexa may speak: the skill's answer is too long, and the guard refuses it.
    let events: Vec<onair::schedule::LiveEvent> = parsed
        .specs
        .iter()
        .map(|spec| onair::schedule::LiveEvent {
            title: "la ".repeat(4000),
            ..spec.template().clone()
        })
        .collect();
    let skill = Skill::new(OversizedTitles(std::sync::Arc::new(
        onair::schedule::Schedule::new(events),
    )));
    let request = crate::replay::fixture("whats_on");
    let envelope = serde_json::from_value(request).expect("envelope");
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-22T20:00:00Z")
        .expect("instant")
        .to_utc();
    let answered = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(skill.answer_at(envelope, now));
    assert!(
        !answered.violations.is_empty(),
        "the guard refused the answer"
    );
    let spoken =
        serde_json::to_value(&answered.response).expect("JSON")["response"]["outputSpeech"]
            .to_string();
    assert!(spoken.contains("went wrong with that answer"), "{spoken}");
    assert!(
        !spoken.contains("schedule"),
        "not a schedule outage: {spoken}"
    );
}

#[test]
fn a_quarter_megabyte_spoken_name_is_garbage_and_never_reaches_matching_or_the_answer() {
    // Unbounded, such a name cost seconds of CPU in name matching and was repeated into a 250 KB answer.
    for name in ["a".repeat(250_000), "ella park trio ".repeat(16_000)] {
        let mut request = crate::replay::fixture("play_live");
        request["request"]["intent"]["slots"]["source"]["value"] = json!(name);
        let answered = crate::replay::answer(&request);
        let size = answered.to_string().len();
        assert!(size < 8 * 1024, "a {size}-byte answer");
    }
}

#[test]
fn a_timestamp_from_another_millennium_is_absent() {
    // Found by fuzzing: the skill answers as of the request's timestamp and expanded recurrences up to year 9645.
    let mut request = crate::replay::fixture("launch");
    for (raw, kept) in [
        ("9645-03-04T19:02:37Z", false),
        ("0001-01-01T00:00:00Z", false),
        ("2099-12-31T23:59:59Z", true),
        ("2026-11-22T20:00:00Z", true),
    ] {
        request["request"]["timestamp"] = json!(raw);
        let envelope: onair::alexa::RequestEnvelope =
            serde_json::from_value(request.clone()).expect("envelope");
        assert_eq!(envelope.timestamp().is_some(), kept, "{raw}");
    }
}

#[test]
fn the_guard_refuses_a_play_offset_alexa_cannot_read() {
    let play = |offset: u64| {
        serde_json::from_value::<onair::alexa::ResponseEnvelope>(json!({
            "version": "1.0",
            "response": { "directives": [{
                "type": "AudioPlayer.Play",
                "playBehavior": "REPLACE_ALL",
                "audioItem": { "stream": {
                    "url": "https://stream.example.com/a.mp3",
                    "token": "t",
                    "offsetInMilliseconds": offset,
                } },
            }] },
        }))
        .expect("a response")
    };
    let kind = onair::alexa::RequestKind::Intent;
    assert_eq!(onair::alexa::violations(kind, &play(i64::MAX as u64)), []);
    assert_eq!(
        onair::alexa::violations(kind, &play(u64::MAX)),
        [onair::alexa::Violation::OffsetOutOfRange { offset: u64::MAX }]
    );
}
