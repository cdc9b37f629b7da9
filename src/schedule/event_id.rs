//! [`EventId`]: the validated identifier of a schedule entry (a series) or of one of its occurrences.

use std::fmt;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

/// The longest series id a schedule file may use.
pub const MAX_SERIES_ID_LEN: usize = 128;

/// How an occurrence's start is written after the `@` of its id: minutes in UTC.
const OCCURRENCE_FORMAT: &str = "%Y%m%dT%H%MZ";
/// `YYYYMMDDTHHMMZ`.
const OCCURRENCE_LEN: usize = 14;

/// Identifies one schedule entry or one concrete occurrence of it.
///
/// A series id (what a schedule file's `id` holds) is 1 to 128 characters of `[A-Za-z0-9._-]`. An occurrence of a
/// recurring entry appends `@` and its start in UTC, `YYYYMMDDTHHMMZ`, so a playback token names the exact
/// occurrence (`sera-uno@20261122T1700Z`); a one-off event's occurrence id is its series id.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EventId(String);

/// Why a string is not an [`EventId`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EventIdError {
    /// Nothing before the `@`, or nothing at all.
    #[error("id must not be empty")]
    Empty,
    /// The series part is longer than [`MAX_SERIES_ID_LEN`].
    #[error("id must be at most {MAX_SERIES_ID_LEN} characters long")]
    TooLong,
    /// A character outside `[A-Za-z0-9._-]` in the series part.
    #[error("id may only contain letters a-z and A-Z, digits, '.', '_' and '-' (found {0:?})")]
    InvalidChar(char),
    /// The part after `@` is not a start instant written as `YYYYMMDDTHHMMZ`.
    #[error("occurrence suffix after '@' must be a UTC start such as 20261122T2000Z")]
    InvalidOccurrence,
}

impl EventId {
    /// Checks `id` against the rules above.
    ///
    /// # Errors
    /// Returns [`EventIdError`] naming the first rule `id` breaks.
    pub fn parse(id: &str) -> Result<Self, EventIdError> {
        let (series, occurrence) = match id.split_once('@') {
            Some((series, occurrence)) => (series, Some(occurrence)),
            None => (id, None),
        };
        check_series(series)?;
        if let Some(occurrence) = occurrence {
            parse_occurrence_start(occurrence).ok_or(EventIdError::InvalidOccurrence)?;
        }
        Ok(Self(id.to_owned()))
    }

    /// The id of the occurrence of `series` starting at `starts_at` (seconds are dropped: starts are on minutes).
    #[must_use]
    pub fn occurrence(series: &Self, starts_at: DateTime<Utc>) -> Self {
        Self(format!(
            "{}@{}",
            series.series(),
            starts_at.format(OCCURRENCE_FORMAT)
        ))
    }

    /// The id as written.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The series part: everything before the `@` (the whole id for a one-off event).
    #[must_use]
    pub fn series(&self) -> &str {
        self.0
            .split_once('@')
            .map_or(self.0.as_str(), |(series, _)| series)
    }

    /// The start instant written after the `@`, if this is the id of an occurrence of a recurring entry.
    #[must_use]
    pub fn occurrence_start(&self) -> Option<DateTime<Utc>> {
        self.0
            .split_once('@')
            .and_then(|(_, occurrence)| parse_occurrence_start(occurrence))
    }
}

fn check_series(series: &str) -> Result<(), EventIdError> {
    if series.is_empty() {
        return Err(EventIdError::Empty);
    }
    if series.len() > MAX_SERIES_ID_LEN {
        return Err(EventIdError::TooLong);
    }
    match series
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        Some(c) => Err(EventIdError::InvalidChar(c)),
        None => Ok(()),
    }
}

fn parse_occurrence_start(text: &str) -> Option<DateTime<Utc>> {
    if text.len() != OCCURRENCE_LEN {
        return None;
    }
    NaiveDateTime::parse_from_str(text, OCCURRENCE_FORMAT)
        .ok()
        .map(|naive| naive.and_utc())
}

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for EventId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for EventId {
    type Err = EventIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for EventId {
    type Error = EventIdError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<EventId> for String {
    fn from(id: EventId) -> Self {
        id.0
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn accepts_series_ids_made_of_the_allowed_characters() {
        for id in [
            "a",
            "jazz-night-2026-11-22",
            "Radio_Uno.v2",
            &"x".repeat(128),
        ] {
            assert_eq!(
                EventId::parse(id).map(|id| id.to_string()),
                Ok(id.to_owned())
            );
        }
    }

    #[test]
    fn rejects_ids_that_break_a_rule() {
        assert_eq!(EventId::parse(""), Err(EventIdError::Empty));
        assert_eq!(EventId::parse("@20261122T2000Z"), Err(EventIdError::Empty));
        assert_eq!(EventId::parse(&"x".repeat(129)), Err(EventIdError::TooLong));
        assert_eq!(
            EventId::parse("jazz night"),
            Err(EventIdError::InvalidChar(' '))
        );
        assert_eq!(EventId::parse("café"), Err(EventIdError::InvalidChar('é')));
        assert_eq!(EventId::parse("a@b"), Err(EventIdError::InvalidOccurrence));
        assert_eq!(
            EventId::parse("a@20261322T2000Z"),
            Err(EventIdError::InvalidOccurrence)
        );
        assert_eq!(
            EventId::parse("a@20261122T2000Z@x"),
            Err(EventIdError::InvalidOccurrence)
        );
    }

    #[test]
    fn an_occurrence_id_names_its_series_and_start_in_utc() {
        // GIVEN a series and an occurrence start with seconds
        let series = EventId::parse("sera-uno").unwrap();
        let start = Utc.with_ymd_and_hms(2026, 11, 22, 17, 0, 30).unwrap();

        // WHEN the occurrence id is built
        let id = EventId::occurrence(&series, start);

        // THEN it reads series@start-to-the-minute and parses back
        assert_eq!(id.as_str(), "sera-uno@20261122T1700Z");
        assert_eq!(id.series(), "sera-uno");
        assert_eq!(
            id.occurrence_start(),
            Some(Utc.with_ymd_and_hms(2026, 11, 22, 17, 0, 0).unwrap())
        );
        assert_eq!(EventId::parse(id.as_str()), Ok(id.clone()));
        assert_eq!(EventId::occurrence(&id, start), id);
        assert_eq!(series.series(), "sera-uno");
        assert_eq!(series.occurrence_start(), None);
    }

    #[test]
    fn serde_checks_ids_on_the_way_in() {
        let id: EventId = serde_json::from_str("\"a@20261122T2000Z\"").unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"a@20261122T2000Z\"");
        assert!(serde_json::from_str::<EventId>("\"not ok\"").is_err());
    }
}
