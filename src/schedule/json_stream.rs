//! The JSON drop format read as a stream: the schedule file format v1 (`{"events": [...]}`), handing over one
//! element of `events` at a time, so a 100,000-event file never holds more than one parsed event.
//!
//! [`super::parse_schedule_json`] reads a whole file that is already in memory; this reader gives the same drafts
//! and the same file errors from any [`Read`], for drops streamed from S3.

use std::fmt;
use std::io::Read;
use std::ops::ControlFlow;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::drop_file::{DraftRow, DropFileError, RowPosition};
use super::schedule_file::{FORMAT_VERSION, ScheduleFileError, draft_from_json};

/// Why the reader stopped before the end of the file, beyond what `serde_json` says.
enum Stop {
    /// `each` asked to stop.
    Asked,
    /// `version` named another version.
    Version(String),
}

struct State<F> {
    each: F,
    index: usize,
    saw_events: bool,
    stop: Option<Stop>,
}

/// Reads a JSON drop, calling `each` with every element of `events` in file order (`index` is the array index)
/// until the array ends or `each` returns [`ControlFlow::Break`].
///
/// Unknown top-level fields are skipped without being kept. A `version` after `events` is only checked once the
/// events were handed over, so writers should put it first (as the README's "Schedule file format v1" shows).
///
/// # Errors
/// Returns [`DropFileError::Json`] when the text is not JSON, is not an object with an `events` array, or names
/// another version (events handed over before the problem stay handed over), and [`DropFileError::Io`] when
/// reading fails. `Ok(ControlFlow::Break(()))` means `each` stopped the reading.
pub fn read_json_drop<R: Read>(
    reader: R,
    each: impl FnMut(DraftRow) -> ControlFlow<()>,
) -> Result<ControlFlow<()>, DropFileError> {
    let mut state = State {
        each,
        index: 0,
        saw_events: false,
        stop: None,
    };
    let mut deserializer = serde_json::Deserializer::from_reader(reader);
    let read = FileSeed(&mut state)
        .deserialize(&mut deserializer)
        .and_then(|()| deserializer.end());
    match (read, state.stop) {
        (_, Some(Stop::Asked)) => Ok(ControlFlow::Break(())),
        (_, Some(Stop::Version(version))) => {
            Err(ScheduleFileError::UnsupportedVersion(version).into())
        }
        (Ok(()), None) if state.saw_events => Ok(ControlFlow::Continue(())),
        (Ok(()), None) => Err(ScheduleFileError::NoEventsArray.into()),
        (Err(error), None) => Err(match error.classify() {
            serde_json::error::Category::Io => DropFileError::Io(error.into()),
            serde_json::error::Category::Data => ScheduleFileError::NoEventsArray.into(),
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                ScheduleFileError::NotJson(error).into()
            }
        }),
    }
}

/// The top level: an object whose `events` is read element by element and whose other fields are skipped.
struct FileSeed<'s, F>(&'s mut State<F>);

impl<'de, F: FnMut(DraftRow) -> ControlFlow<()>> DeserializeSeed<'de> for FileSeed<'_, F> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, F: FnMut(DraftRow) -> ControlFlow<()>> Visitor<'de> for FileSeed<'_, F> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a json object with an \"events\" array")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "version" => match map.next_value::<Value>()? {
                    Value::Null => {}
                    Value::Number(n) if n.as_u64() == Some(FORMAT_VERSION) => {}
                    other => {
                        self.0.stop = Some(Stop::Version(other.to_string()));
                        return Err(de::Error::custom("unsupported version"));
                    }
                },
                "events" => {
                    self.0.saw_events = true;
                    map.next_value_seed(EventsSeed(&mut *self.0))?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// The `events` array: each element parsed on its own, handed over, and dropped.
struct EventsSeed<'s, F>(&'s mut State<F>);

impl<'de, F: FnMut(DraftRow) -> ControlFlow<()>> DeserializeSeed<'de> for EventsSeed<'_, F> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, F: FnMut(DraftRow) -> ControlFlow<()>> Visitor<'de> for EventsSeed<'_, F> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an array of events")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(event) = seq.next_element::<Value>()? {
            let position = RowPosition {
                index: self.0.index,
                line: None,
            };
            self.0.index += 1;
            let draft = draft_from_json(&event).map_err(|error| error.to_string());
            if (self.0.each)(DraftRow { position, draft }).is_break() {
                self.0.stop = Some(Stop::Asked);
                return Err(de::Error::custom("stopped"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::schedule::parse_schedule_json;

    fn read(text: &str) -> Result<Vec<DraftRow>, DropFileError> {
        let mut rows = Vec::new();
        let outcome = read_json_drop(text.as_bytes(), |row| {
            rows.push(row);
            ControlFlow::Continue(())
        })?;
        assert_eq!(outcome, ControlFlow::Continue(()));
        Ok(rows)
    }

    #[test]
    fn gives_the_same_drafts_and_reasons_as_the_whole_file_parser() {
        // GIVEN a file mixing good events, wrong JSON shapes and unknown fields
        let file = json!({
            "version": 1,
            "publisher": {"name": "someone", "tags": [1, 2, 3]},
            "events": [
                {"title": "A", "performers": ["P"], "startsAt": "2026-11-22T19:00:00Z",
                 "endsAt": "2026-11-22T20:00:00Z", "streamUrl": "https://s.example/a", "_comment": "x"},
                "not an event",
                {"title": 42},
                {"title": "B", "performers": ["P"], "startsAt": "2026-11-22T19:00:00Z",
                 "endsAt": "2026-11-22T20:00:00Z", "streamUrl": "http://s.example/b"}
            ],
            "trailer": null
        })
        .to_string();

        // WHEN it is streamed
        let rows = read(&file).unwrap();

        // THEN the rows carry their array index and the whole-file parser agrees on which are good
        let indexes: Vec<usize> = rows.iter().map(|row| row.position.index).collect();
        assert_eq!(indexes, [0, 1, 2, 3]);
        assert_eq!(rows[1].draft, Err("event must be a json object".to_owned()));
        assert_eq!(rows[2].draft, Err("title must be a string".to_owned()));
        let whole = parse_schedule_json(&file).unwrap();
        let streamed_ok: Vec<usize> = rows
            .iter()
            .filter(|row| {
                row.draft
                    .clone()
                    .is_ok_and(|draft| crate::schedule::EventSpec::from_draft(draft).is_ok())
            })
            .map(|row| row.position.index)
            .collect();
        assert_eq!(streamed_ok, [0]);
        assert_eq!(whole.specs.len(), 1);
    }

    #[test]
    fn the_reader_stops_when_asked() {
        let file = json!({"events": [{}, {}, {}]}).to_string();
        let mut seen = 0;
        let outcome = read_json_drop(file.as_bytes(), |_| {
            seen += 1;
            if seen == 2 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })
        .unwrap();
        assert_eq!(outcome, ControlFlow::Break(()));
        assert_eq!(seen, 2);
    }

    #[test]
    fn a_file_that_is_not_a_schedule_is_refused_with_the_whole_file_parsers_words() {
        let reason = |text: &str| read(text).map(|_| ()).unwrap_err().to_string();
        assert_eq!(reason("{"), "schedule file is not valid json");
        assert_eq!(
            reason(r#"{"events": []} trailing"#),
            "schedule file is not valid json"
        );
        for not_a_schedule in ["[]", "{}", r#"{"events": {}}"#, "42"] {
            assert_eq!(
                reason(not_a_schedule),
                "schedule file must be a json object with an \"events\" array",
                "{not_a_schedule}"
            );
        }
        assert_eq!(
            reason(r#"{"version": 2, "events": [{}]}"#),
            "schedule file version 2 is not supported (this reader knows version 1)"
        );
        assert!(read(r#"{"events": []}"#).unwrap().is_empty());
    }

    #[test]
    fn a_failing_reader_is_an_io_error_not_a_malformed_file() {
        struct Broken;
        impl Read for Broken {
            fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("connection reset"))
            }
        }
        let error = read_json_drop(Broken, |_| ControlFlow::Continue(())).unwrap_err();
        assert!(error.is_transient(), "{error:?}");
    }
}
