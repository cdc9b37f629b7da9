//! The schedule file format v1 (`{"events": [...]}`): JSON in, validated [`EventSpec`]s and per-event rejections out.
//!
//! The format is documented for partners in the README ("Schedule file format v1").

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{Map, Value};

use super::event_spec::{EventDraft, EventSpec};

/// The one version this parser reads; a file may say so with `"version": 1`.
pub const FORMAT_VERSION: u64 = 1;

/// A file whose individual events could be read: the valid entries and why the others were refused.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedSchedule {
    /// The valid entries, in file order.
    pub specs: Vec<EventSpec>,
    /// The refused entries, in file order.
    pub rejected: Vec<Rejection>,
}

impl ParsedSchedule {
    /// The valid entries as a [`super::Lineup`], dropping the rejections.
    #[must_use]
    pub fn into_lineup(self) -> super::Lineup {
        super::Lineup::new(self.specs)
    }
}

/// One refused entry of a schedule file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rejection {
    /// The entry's position in the `events` array, from 0.
    pub index: usize,
    /// Why, in lowercase words naming the field ("streamUrl must start with https://").
    pub reason: String,
}

/// A file that cannot be read as a schedule at all (as opposed to single events being refused).
#[derive(Debug, thiserror::Error)]
pub enum ScheduleFileError {
    /// Not JSON.
    #[error("schedule file is not valid json")]
    NotJson(#[source] serde_json::Error),
    /// JSON, but not an object with an `events` array.
    #[error("schedule file must be a json object with an \"events\" array")]
    NoEventsArray,
    /// A `version` other than [`FORMAT_VERSION`].
    #[error("schedule file version {0} is not supported (this reader knows version 1)")]
    UnsupportedVersion(String),
}

/// Why one element of `events` is not even a draft (the field rules come after, in [`EventSpec::from_draft`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EventJsonError {
    /// The element is not an object.
    #[error("event must be a json object")]
    NotAnObject,
    /// A known field holds the wrong JSON type.
    #[error("{field} must be {expected}")]
    WrongType {
        /// The field.
        field: &'static str,
        /// What it must be ("a string", "an array of strings").
        expected: &'static str,
    },
}

/// Reads a schedule file: every event is validated on its own, so one bad event never hides the good ones.
///
/// Unknown fields, at the top level or in an event, are ignored (a `"_comment"` is a fine way to annotate a
/// file). An event whose id repeats an earlier one's is rejected.
///
/// # Errors
/// Returns [`ScheduleFileError`] when `text` is not JSON, has no `events` array, or names another version.
pub fn parse_schedule_json(text: &str) -> Result<ParsedSchedule, ScheduleFileError> {
    let file: Value = serde_json::from_str(text).map_err(ScheduleFileError::NotJson)?;
    let Value::Object(file) = file else {
        return Err(ScheduleFileError::NoEventsArray);
    };
    match file.get("version") {
        None | Some(Value::Null) => {}
        Some(Value::Number(n)) if n.as_u64() == Some(FORMAT_VERSION) => {}
        Some(other) => return Err(ScheduleFileError::UnsupportedVersion(other.to_string())),
    }
    let Some(Value::Array(events)) = file.get("events") else {
        return Err(ScheduleFileError::NoEventsArray);
    };

    let mut parsed = ParsedSchedule {
        specs: Vec::with_capacity(events.len()),
        rejected: Vec::new(),
    };
    let mut first_index_of_id: HashMap<String, usize> = HashMap::new();
    for (index, event) in events.iter().enumerate() {
        let spec = draft_from_json(event)
            .map_err(|e| e.to_string())
            .and_then(|draft| EventSpec::from_draft(draft).map_err(|e| e.to_string()));
        let outcome = spec.and_then(|spec| match first_index_of_id.get(spec.id().as_str()) {
            Some(first) => Err(format!(
                "id {:?} is already used by the event at index {first}",
                spec.id().as_str()
            )),
            None => {
                first_index_of_id.insert(spec.id().as_str().to_owned(), index);
                Ok(spec)
            }
        });
        match outcome {
            Ok(spec) => parsed.specs.push(spec),
            Err(reason) => parsed.rejected.push(Rejection { index, reason }),
        }
    }
    Ok(parsed)
}

/// Reads one element of a v1 file's `events` array into a draft, checking only JSON types.
///
/// # Errors
/// Returns [`EventJsonError`] when `event` is not an object or a known field has the wrong type.
pub fn draft_from_json(event: &Value) -> Result<EventDraft, EventJsonError> {
    let Value::Object(event) = event else {
        return Err(EventJsonError::NotAnObject);
    };
    Ok(EventDraft {
        id: text(event, "id")?,
        title: text(event, "title")?,
        performers: list(event, "performers")?,
        aliases: list(event, "aliases")?,
        channel: text(event, "channel")?,
        starts_at: text(event, "startsAt")?,
        ends_at: text(event, "endsAt")?,
        stream_url: text(event, "streamUrl")?,
        art_url: text(event, "artUrl")?,
        recording_url: text(event, "recordingUrl")?,
        locales: list(event, "locales")?,
        genre: text(event, "genre")?,
        time_zone: text(event, "timeZone")?,
        rrule: text(event, "rrule")?,
        exdates: list(event, "exdates")?,
        rdates: list(event, "rdates")?,
        recurrence_id: text(event, "recurrenceId")?,
        cancelled: match event.get("cancelled") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(cancelled)) => *cancelled,
            Some(_) => {
                return Err(EventJsonError::WrongType {
                    field: "cancelled",
                    expected: "true or false",
                });
            }
        },
    })
}

fn text(event: &Map<String, Value>, field: &'static str) -> Result<Option<String>, EventJsonError> {
    match event.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(value)) => Ok(Some(value.clone())),
        Some(_) => Err(EventJsonError::WrongType {
            field,
            expected: "a string",
        }),
    }
}

fn list(event: &Map<String, Value>, field: &'static str) -> Result<Vec<String>, EventJsonError> {
    let wrong_type = EventJsonError::WrongType {
        field,
        expected: "an array of strings",
    };
    match event.get(field) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(values)) => values
            .iter()
            .map(|value| {
                value
                    .as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| wrong_type.clone())
            })
            .collect(),
        Some(_) => Err(wrong_type),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn event(overrides: Value) -> Value {
        let mut event = json!({
            "title": "Jazz Night",
            "performers": ["Ella Park Trio"],
            "startsAt": "2026-11-22T19:00:00Z",
            "endsAt": "2026-11-22T21:00:00Z",
            "streamUrl": "https://streams.onair.example/jazz-cafe/live.aac"
        });
        if let (Value::Object(event), Value::Object(overrides)) = (&mut event, overrides) {
            event.extend(overrides);
        }
        event
    }

    fn parse(events: Vec<Value>) -> ParsedSchedule {
        parse_schedule_json(&json!({ "events": events }).to_string()).unwrap()
    }

    #[test]
    fn reads_every_field_of_format_v1_and_ignores_unknown_ones() {
        // GIVEN an event using every field, plus fields the format does not know
        let file = json!({
            "version": 1,
            "publisher": "someone",
            "events": [event(json!({
                "_comment": "annotations are welcome",
                "id": "jazz-night",
                "aliases": ["Jazz at Night"],
                "channel": "Jazz Cafe Live",
                "artUrl": "https://media.onair.example/art/jazz-cafe.png",
                "recordingUrl": "s3://onair-recordings/jazz-night.mp3",
                "locales": ["en-US"],
                "genre": "jazz",
                "timeZone": "America/New_York",
                "rrule": "FREQ=WEEKLY;BYDAY=SU",
                "futureField": {"nested": true}
            }))]
        });

        // WHEN it is parsed
        let parsed = parse_schedule_json(&file.to_string()).unwrap();

        // THEN the event is accepted with every field carried over
        assert_eq!(parsed.rejected, []);
        let spec = &parsed.specs[0];
        let event = spec.template();
        assert_eq!(event.id.as_str(), "jazz-night");
        assert_eq!(event.aliases, ["Jazz at Night"]);
        assert_eq!(event.channel.as_deref(), Some("Jazz Cafe Live"));
        assert_eq!(
            event.art_url.as_ref().map(ToString::to_string).as_deref(),
            Some("https://media.onair.example/art/jazz-cafe.png")
        );
        assert_eq!(
            event
                .recording_url
                .as_ref()
                .map(ToString::to_string)
                .as_deref(),
            Some("s3://onair-recordings/jazz-night.mp3")
        );
        assert_eq!(event.locales, ["en-US"]);
        assert_eq!(event.genre.as_deref(), Some("jazz"));
        assert_eq!(spec.time_zone(), chrono_tz::America::New_York);
        assert_eq!(
            spec.recurrence().map(super::super::Recurrence::rule),
            Some("FREQ=WEEKLY;BYDAY=SU")
        );
    }

    #[test]
    fn bad_events_are_rejected_with_their_index_and_good_ones_kept() {
        // GIVEN a file mixing good events, invalid ones and ones of the wrong JSON shape
        let parsed = parse(vec![
            event(json!({"id": "a"})),
            event(json!({"id": "b", "streamUrl": "http://streams.onair.example/b.mp3"})),
            json!("not an event"),
            event(json!({"id": "c", "performers": "Ella Park Trio"})),
            event(json!({"id": "d", "title": 42})),
            event(json!({"id": "e", "locales": ["en-US", 7]})),
            event(json!({"id": "a", "title": "Another Jazz Night"})),
            event(json!({"id": "f", "genre": null})),
        ]);

        // THEN each rejection names its index and its reason, and the rest are kept in order
        let ids: Vec<&str> = parsed.specs.iter().map(|spec| spec.id().as_str()).collect();
        assert_eq!(ids, ["a", "f"]);
        let rejected: Vec<(usize, &str)> = parsed
            .rejected
            .iter()
            .map(|rejection| (rejection.index, rejection.reason.as_str()))
            .collect();
        assert_eq!(
            rejected,
            [
                (1, "streamUrl must start with https://"),
                (2, "event must be a json object"),
                (3, "performers must be an array of strings"),
                (4, "title must be a string"),
                (5, "locales must be an array of strings"),
                (6, "id \"a\" is already used by the event at index 0"),
            ]
        );
    }

    #[test]
    fn derived_ids_collide_like_explicit_ones() {
        // GIVEN the same show twice without ids
        let parsed = parse(vec![
            event(json!({})),
            event(json!({"title": "JAZZ NIGHT!"})),
        ]);

        // THEN the second one is refused, since re-imports must keep ids stable
        assert_eq!(parsed.specs.len(), 1);
        assert_eq!(
            parsed.rejected[0].reason,
            "id \"jazz-night-20261122-1900\" is already used by the event at index 0"
        );
    }

    #[test]
    fn a_file_that_is_not_a_schedule_is_an_error() {
        assert!(matches!(
            parse_schedule_json("{"),
            Err(ScheduleFileError::NotJson(_))
        ));
        assert!(matches!(
            parse_schedule_json("[]"),
            Err(ScheduleFileError::NoEventsArray)
        ));
        assert!(matches!(
            parse_schedule_json("{}"),
            Err(ScheduleFileError::NoEventsArray)
        ));
        assert!(matches!(
            parse_schedule_json(r#"{"events": {}}"#),
            Err(ScheduleFileError::NoEventsArray)
        ));
        let version = parse_schedule_json(r#"{"version": 2, "events": []}"#).unwrap_err();
        assert_eq!(
            version.to_string(),
            "schedule file version 2 is not supported (this reader knows version 1)"
        );
        assert_eq!(parse_schedule_json(r#"{"events": []}"#).unwrap().specs, []);
    }

    #[test]
    fn the_request_fixture_schedule_is_valid() {
        let parsed =
            parse_schedule_json(include_str!("../../tests/fixtures/schedules/default.json"))
                .unwrap();
        assert_eq!(parsed.rejected, []);
        assert!(parsed.specs.iter().all(|spec| spec.recurrence().is_none()));
    }
}
