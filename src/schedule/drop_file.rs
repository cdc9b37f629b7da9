//! What the partner drop readers share: [`DropFormat`] (chosen by extension), one entry read from a drop
//! ([`DraftRow`] at a [`RowPosition`]) and [`DropFileError`], a file that cannot be read as a schedule at all.
//!
//! Every reader turns its format into [`super::EventDraft`]s, so JSON, CSV and iCalendar drops share one set of
//! validation rules and rejection reasons ([`super::EventSpec::from_draft`]).

use std::fmt;

use serde::Serialize;

use super::event_spec::EventDraft;
use super::schedule_file::ScheduleFileError;

/// The most entries one file may hold: an import reads this many and reports the file as malformed beyond.
pub const MAX_ROWS_PER_FILE: usize = 1_000_000;

/// The formats a schedule drop may come in, told apart by the file's extension (case-insensitive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DropFormat {
    /// `.json`: the schedule file format v1, read as a stream (the README's "Schedule file format v1").
    Json,
    /// `.csv`: one event a row under a header naming the columns (`docs/s3.md`).
    Csv,
    /// `.ics`: iCalendar `VEVENT`s (`docs/s3.md`).
    ICalendar,
}

impl DropFormat {
    /// The format of a file named `name` (a path or an S3 key), or `None` for an extension no reader knows.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        let (_, extension) = name.rsplit_once('.')?;
        match extension.to_ascii_lowercase().as_str() {
            "json" => Some(Self::Json),
            "csv" => Some(Self::Csv),
            "ics" | "ical" | "ifb" | "icalendar" => Some(Self::ICalendar),
            _ => None,
        }
    }

    /// The usual extension, as reports name the format: `json`, `csv` or `ics`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Csv => "csv",
            Self::ICalendar => "ics",
        }
    }
}

impl fmt::Display for DropFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where an entry sits in its file, so a partner can find a rejected one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RowPosition {
    /// The entry's position among the file's entries, from 0: the `events` array index (JSON), the data row
    /// (CSV, not counting the header) or the `VEVENT` (iCalendar).
    pub index: usize,
    /// The line of the file where the entry starts, from 1 (CSV and iCalendar; the header is CSV line 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
}

impl fmt::Display for RowPosition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "entry {} (line {line})", self.index),
            None => write!(f, "entry {}", self.index),
        }
    }
}

/// One entry read from a drop: a draft to validate, or why the entry is not even a draft (a CSV row with the
/// wrong number of fields, a JSON element that is not an object, a `VEVENT` without a start…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftRow {
    /// Where it is in the file.
    pub position: RowPosition,
    /// The draft, or the reason it is rejected, in the lowercase words of an import report.
    pub draft: Result<EventDraft, String>,
}

/// A drop that cannot be read as a schedule at all (as opposed to single entries being rejected).
#[derive(Debug, thiserror::Error)]
pub enum DropFileError {
    /// A JSON drop that is not a schedule file (format v1).
    #[error(transparent)]
    Json(#[from] ScheduleFileError),
    /// A CSV drop whose header row is missing or unusable.
    #[error("csv header: {0}")]
    CsvHeader(String),
    /// An iCalendar drop that does not parse, or is too large to read whole.
    #[error("icalendar: {0}")]
    ICalendar(String),
    /// The file holds more entries than one import reads ([`MAX_ROWS_PER_FILE`]).
    #[error("the file holds more than {max} entries: split it into several files", max = MAX_ROWS_PER_FILE)]
    TooManyRows,
    /// Reading the file failed (the connection to S3 broke, the disk failed): not the partner's fault, so worth
    /// trying again.
    #[error("the file could not be read")]
    Io(#[source] std::io::Error),
}

impl DropFileError {
    /// Whether reading again may succeed (an I/O failure), as opposed to a file that is malformed for good.
    #[must_use]
    pub fn is_transient(&self) -> bool {
        matches!(self, Self::Io(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_follows_the_extension_in_any_case() {
        assert_eq!(
            DropFormat::from_name("drops/acme/week.JSON"),
            Some(DropFormat::Json)
        );
        assert_eq!(
            DropFormat::from_name("drops/acme/2026/week.csv"),
            Some(DropFormat::Csv)
        );
        assert_eq!(
            DropFormat::from_name("lineup.ics"),
            Some(DropFormat::ICalendar)
        );
        assert_eq!(DropFormat::from_name("lineup.xlsx"), None);
        assert_eq!(DropFormat::from_name("README"), None);
    }

    #[test]
    fn a_position_names_the_line_when_the_format_has_lines() {
        let csv = RowPosition {
            index: 2,
            line: Some(4),
        };
        assert_eq!(csv.to_string(), "entry 2 (line 4)");
        assert_eq!(
            serde_json::to_value(csv).unwrap(),
            serde_json::json!({"index": 2, "line": 4})
        );
        let json = RowPosition {
            index: 7,
            line: None,
        };
        assert_eq!(
            serde_json::to_value(json).unwrap(),
            serde_json::json!({"index": 7})
        );
    }
}
