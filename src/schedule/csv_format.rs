//! The CSV drop format: a header row naming the columns, then one event a row, read as a stream of [`DraftRow`]s.
//!
//! Columns are the schedule format's field names (`title`, `performers`, `startsAt`, `endsAt`, `streamUrl` are
//! required; `id`, `aliases`, `channel`, `artUrl`, `recordingUrl`, `locales`, `genre`, `timeZone`, `rrule`,
//! `exdates`, `rdates`, `recurrenceId`, `cancelled` are optional), in any order and any case. List columns separate entries with `|`. An empty cell is an absent field.
//! The partner documentation is `docs/s3.md`.

use std::collections::{BTreeMap, VecDeque};
use std::io::{BufRead, BufReader, Read};

use super::drop_file::{DraftRow, DropFileError, RowPosition};
use super::event_spec::EventDraft;

/// The columns every CSV drop must have.
pub const CSV_REQUIRED_COLUMNS: [&str; 5] =
    ["title", "performers", "startsAt", "endsAt", "streamUrl"];
/// The columns a CSV drop may have.
pub const CSV_OPTIONAL_COLUMNS: [&str; 13] = [
    "id",
    "aliases",
    "channel",
    "artUrl",
    "recordingUrl",
    "locales",
    "genre",
    "timeZone",
    "rrule",
    "exdates",
    "rdates",
    "recurrenceId",
    "cancelled",
];
/// What separates the entries of a list column (`performers`, `aliases`, `locales`, `exdates`, `rdates`).
pub const CSV_LIST_SEPARATOR: char = '|';

/// A known column, by its position in the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Column {
    Id,
    Title,
    Performers,
    Aliases,
    Channel,
    StartsAt,
    EndsAt,
    StreamUrl,
    ArtUrl,
    RecordingUrl,
    Locales,
    Genre,
    TimeZone,
    Rrule,
    Exdates,
    Rdates,
    RecurrenceId,
    Cancelled,
}

impl Column {
    /// The column a header cell names, ignoring case, spaces, `_` and `-`: spreadsheets and their users write
    /// `Starts At`, `starts_at` or `STREAM-URL` as readily as `startsAt`.
    fn from_header(name: &str) -> Option<Self> {
        let folded: String = name
            .chars()
            .filter(|c| !matches!(c, ' ' | '_' | '-'))
            .collect::<String>()
            .to_ascii_lowercase();
        let column = match folded.as_str() {
            "id" => Self::Id,
            "title" => Self::Title,
            "performers" => Self::Performers,
            "aliases" => Self::Aliases,
            "channel" => Self::Channel,
            "startsat" => Self::StartsAt,
            "endsat" => Self::EndsAt,
            "streamurl" => Self::StreamUrl,
            "arturl" => Self::ArtUrl,
            "recordingurl" => Self::RecordingUrl,
            "locales" => Self::Locales,
            "genre" => Self::Genre,
            "timezone" => Self::TimeZone,
            "rrule" => Self::Rrule,
            "exdates" => Self::Exdates,
            "rdates" => Self::Rdates,
            "recurrenceid" => Self::RecurrenceId,
            "cancelled" => Self::Cancelled,
            _ => return None,
        };
        Some(column)
    }

    fn name(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::Title => "title",
            Self::Performers => "performers",
            Self::Aliases => "aliases",
            Self::Channel => "channel",
            Self::StartsAt => "startsAt",
            Self::EndsAt => "endsAt",
            Self::StreamUrl => "streamUrl",
            Self::ArtUrl => "artUrl",
            Self::RecordingUrl => "recordingUrl",
            Self::Locales => "locales",
            Self::Genre => "genre",
            Self::TimeZone => "timeZone",
            Self::Rrule => "rrule",
            Self::Exdates => "exdates",
            Self::Rdates => "rdates",
            Self::RecurrenceId => "recurrenceId",
            Self::Cancelled => "cancelled",
        }
    }
}

/// A CSV drop being read: the checked header, then one [`DraftRow`] per data row (an iterator).
///
/// Only the current row is held in memory, whatever the file's size. Rows are records in the RFC 4180 sense: a
/// quoted field may hold commas and line breaks.
pub struct CsvDrop<R> {
    reader: csv::Reader<LineTracker<BufReader<R>>>,
    /// Field index → column, for the known columns.
    columns: BTreeMap<usize, Column>,
    width: usize,
    ignored: Vec<String>,
    record: csv::ByteRecord,
    index: usize,
    failed: bool,
}

impl<R: Read> CsvDrop<R> {
    /// Reads and checks the header row of `reader`.
    ///
    /// # Errors
    /// Returns [`DropFileError::CsvHeader`] when the file is empty, a required column is missing or a column
    /// appears twice, and [`DropFileError::Io`] when reading fails.
    pub fn new(reader: R) -> Result<Self, DropFileError> {
        let mut reader = BufReader::new(reader);
        let delimiter = delimiter_of(reader.fill_buf().map_err(DropFileError::Io)?);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(LineTracker::new(reader));
        let mut header = csv::ByteRecord::new();
        let has_header = reader.read_byte_record(&mut header).map_err(csv_error)?;
        if !has_header {
            return Err(DropFileError::CsvHeader(
                "the file is empty: a csv drop starts with a header row naming its columns"
                    .to_owned(),
            ));
        }
        let mut columns = BTreeMap::new();
        let mut ignored = Vec::new();
        for (position, raw) in header.iter().enumerate() {
            let raw = raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw);
            let name = String::from_utf8_lossy(raw);
            match Column::from_header(&name) {
                Some(column) if columns.values().any(|&seen| seen == column) => {
                    return Err(DropFileError::CsvHeader(format!(
                        "column {} appears twice",
                        column.name()
                    )));
                }
                Some(column) => {
                    columns.insert(position, column);
                }
                None => ignored.push(name.trim().to_owned()),
            }
        }
        let missing: Vec<&str> = CSV_REQUIRED_COLUMNS
            .iter()
            .copied()
            .filter(|required| !columns.values().any(|column| column.name() == *required))
            .collect();
        if !missing.is_empty() {
            return Err(DropFileError::CsvHeader(format!(
                "the header row must name the columns {} (missing: {})",
                CSV_REQUIRED_COLUMNS.join(", "),
                missing.join(", ")
            )));
        }
        Ok(Self {
            reader,
            columns,
            width: header.len(),
            ignored,
            record: csv::ByteRecord::new(),
            index: 0,
            failed: false,
        })
    }

    /// Header cells that name no known column: ignored, and listed in the report so a typo is noticed.
    #[must_use]
    pub fn ignored_columns(&self) -> &[String] {
        &self.ignored
    }

    fn draft(&self) -> Result<EventDraft, String> {
        if self.record.len() != self.width {
            return Err(format!(
                "the row has {} fields but the header names {} columns",
                self.record.len(),
                self.width
            ));
        }
        let mut draft = EventDraft::default();
        for (&position, &column) in &self.columns {
            let raw = self.record.get(position).unwrap_or_default();
            let cell = std::str::from_utf8(raw)
                .map_err(|_| format!("{} is not valid utf-8 text", column.name()))?
                .trim();
            if cell.is_empty() {
                continue;
            }
            let text = Some(cell.to_owned());
            let list = || cell.split(CSV_LIST_SEPARATOR).map(str::to_owned).collect();
            match column {
                Column::Id => draft.id = text,
                Column::Title => draft.title = text,
                Column::Performers => draft.performers = list(),
                Column::Aliases => draft.aliases = list(),
                Column::Channel => draft.channel = text,
                Column::StartsAt => draft.starts_at = text,
                Column::EndsAt => draft.ends_at = text,
                Column::StreamUrl => draft.stream_url = text,
                Column::ArtUrl => draft.art_url = text,
                Column::RecordingUrl => draft.recording_url = text,
                Column::Locales => draft.locales = list(),
                Column::Genre => draft.genre = text,
                Column::TimeZone => draft.time_zone = text,
                Column::Rrule => draft.rrule = text,
                Column::Exdates => draft.exdates = list(),
                Column::Rdates => draft.rdates = list(),
                Column::RecurrenceId => draft.recurrence_id = text,
                Column::Cancelled => {
                    draft.cancelled = match cell.to_ascii_lowercase().as_str() {
                        "true" | "yes" | "1" => true,
                        "false" | "no" | "0" => false,
                        _ => return Err(format!("cancelled {cell:?} must be true or false")),
                    };
                }
            }
        }
        Ok(draft)
    }
}

/// Counts lines under the CSV reader. The reader's own line numbers are off after CRLF line ends and blank lines,
/// and its record offsets point just past the previous record's terminator, so this keeps the offsets of line-end
/// bytes in the reader's look-ahead (a few KB) to find where a record really starts.
/// The field separator of a file, from its header line: `,` unless `;` (what spreadsheets write where the decimal
/// separator is a comma: Italy, Germany, France, Spain) or a tab (tab-separated exports) separates more fields.
/// Only separators outside quotes count.
fn delimiter_of(start: &[u8]) -> u8 {
    let mut counts = [(b',', 0_usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for &byte in start {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(count) = counts.iter_mut().find(|(separator, _)| *separator == byte) {
                    count.1 += 1;
                }
            }
            _ => {}
        }
    }
    // The first of the most frequent: a tie (or none at all) keeps the comma.
    counts
        .iter()
        .fold((b',', 0), |best, &(separator, count)| {
            if count > best.1 {
                (separator, count)
            } else {
                best
            }
        })
        .0
}

struct LineTracker<R> {
    inner: R,
    read: u64,
    /// Offsets of `\r` and `\n` bytes not yet passed, and whether each is a `\n`.
    ends: VecDeque<(u64, bool)>,
    /// `\n` bytes already passed.
    newlines: u64,
}

impl<R> LineTracker<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            read: 0,
            ends: VecDeque::new(),
            newlines: 0,
        }
    }

    /// The line (from 1) of the first byte at or after `byte` that is not a line end. Offsets must not decrease
    /// from one call to the next.
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut start = byte;
        while let Some(&(offset, newline)) = self.ends.front() {
            if offset > start {
                break;
            }
            if offset == start {
                start += 1;
            }
            self.newlines += u64::from(newline);
            self.ends.pop_front();
        }
        1 + self.newlines
    }
}

impl<R: Read> Read for LineTracker<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for (at, &byte) in (self.read..).zip(&buf[..n]) {
            if byte == b'\n' || byte == b'\r' {
                self.ends.push_back((at, byte == b'\n'));
            }
        }
        self.read += n as u64;
        Ok(n)
    }
}

fn csv_error(error: csv::Error) -> DropFileError {
    match error.into_kind() {
        csv::ErrorKind::Io(error) => DropFileError::Io(error),
        // With byte records and flexible rows, the reader reports nothing else; keep the words if it ever does.
        other => DropFileError::Io(std::io::Error::other(format!("{other:?}"))),
    }
}

impl<R: Read> Iterator for CsvDrop<R> {
    /// A row, or a read failure (after which the iterator ends).
    type Item = Result<DraftRow, DropFileError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        loop {
            match self.reader.read_byte_record(&mut self.record) {
                Ok(false) => return None,
                Ok(true) => {}
                Err(error) => {
                    self.failed = true;
                    return Some(Err(csv_error(error)));
                }
            }
            // A blank line (a single empty field) is no row: spreadsheets leave them at the end of files.
            if self.record.len() == 1 && self.record.get(0).is_some_and(<[u8]>::is_empty) {
                continue;
            }
            let line = self
                .record
                .position()
                .map(|position| position.byte())
                .map(|byte| self.reader.get_mut().line_at(byte));
            let position = RowPosition {
                index: self.index,
                line,
            };
            self.index += 1;
            return Some(Ok(DraftRow {
                position,
                draft: self.draft(),
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "title,performers,startsAt,endsAt,streamUrl";

    fn rows(text: &str) -> Vec<DraftRow> {
        CsvDrop::new(text.as_bytes())
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn every_column_becomes_its_draft_field_in_any_order_and_case() {
        // GIVEN a header in another order and case, with every optional column and one unknown column
        let text = "StartsAt,endsat,TITLE,performers,streamUrl,id,aliases,channel,artUrl,recordingUrl,locales,genre,timeZone,rrule,notes\n\
            2026-11-22T20:00:00+01:00,2026-11-22T22:00:00+01:00,\"Jazz, Late\",Ella Park Trio|Marco Russo,https://s.example/a.mp3,jazz-late,Late Jazz|JL,Radio Uno,s3://onair-media/a.png,s3://onair-recordings/a.mp3,en-US|it-IT,jazz,Europe/Rome,FREQ=WEEKLY,ignored\n";
        let mut drop = CsvDrop::new(text.as_bytes()).unwrap();
        assert_eq!(drop.ignored_columns(), ["notes"]);

        // WHEN the row is read
        let row = drop.next().unwrap().unwrap();

        // THEN every field is carried over, lists split on `|`
        assert_eq!(
            row.position,
            RowPosition {
                index: 0,
                line: Some(2)
            }
        );
        let draft = row.draft.unwrap();
        assert_eq!(
            draft,
            EventDraft {
                id: Some("jazz-late".to_owned()),
                title: Some("Jazz, Late".to_owned()),
                performers: vec!["Ella Park Trio".to_owned(), "Marco Russo".to_owned()],
                aliases: vec!["Late Jazz".to_owned(), "JL".to_owned()],
                channel: Some("Radio Uno".to_owned()),
                starts_at: Some("2026-11-22T20:00:00+01:00".to_owned()),
                ends_at: Some("2026-11-22T22:00:00+01:00".to_owned()),
                stream_url: Some("https://s.example/a.mp3".to_owned()),
                art_url: Some("s3://onair-media/a.png".to_owned()),
                recording_url: Some("s3://onair-recordings/a.mp3".to_owned()),
                locales: vec!["en-US".to_owned(), "it-IT".to_owned()],
                genre: Some("jazz".to_owned()),
                time_zone: Some("Europe/Rome".to_owned()),
                rrule: Some("FREQ=WEEKLY".to_owned()),
                ..EventDraft::default()
            }
        );
        assert!(drop.next().is_none());
    }

    #[test]
    fn empty_cells_are_absent_fields_and_blank_lines_are_skipped() {
        let read = rows(&format!(
            "{HEADER},genre\r\n\r\nShow,,2026-11-22T20:00:00Z,,https://s.example/a.mp3,\r\n\r\n"
        ));
        assert_eq!(read.len(), 1);
        let draft = read[0].draft.clone().unwrap();
        assert!(draft.performers.is_empty());
        assert_eq!(draft.ends_at, None);
        assert_eq!(draft.genre, None);
        assert_eq!(read[0].position.line, Some(3));
    }

    #[test]
    fn a_quoted_field_may_span_lines_and_positions_count_file_lines() {
        // Spreadsheets write CRLF line ends; positions must count lines the same way for both.
        for end in ["\n", "\r\n"] {
            let read = rows(&format!(
                "{HEADER}{end}\"Two{end}Lines\",A,2026-11-22T20:00:00Z,2026-11-22T21:00:00Z,https://s.example/a{end}\
                 {end}Next,B,2026-11-22T20:00:00Z,2026-11-22T21:00:00Z,https://s.example/b{end}"
            ));
            assert_eq!(
                read[0].draft.clone().unwrap().title,
                Some(format!("Two{end}Lines"))
            );
            let positions: Vec<RowPosition> = read.iter().map(|row| row.position).collect();
            assert_eq!(
                positions,
                [
                    RowPosition {
                        index: 0,
                        line: Some(2)
                    },
                    RowPosition {
                        index: 1,
                        line: Some(5)
                    }
                ],
                "{end:?}"
            );
        }
    }

    #[test]
    fn a_row_of_the_wrong_width_or_encoding_is_rejected_and_the_next_one_read() {
        let mut text = format!("{HEADER}\nShort,A,2026-11-22T20:00:00Z\n").into_bytes();
        text.extend_from_slice(
            b"Caf\xE9,A,2026-11-22T20:00:00Z,2026-11-22T21:00:00Z,https://s.example/a\n",
        );
        text.extend_from_slice(
            b"Good,A,2026-11-22T20:00:00Z,2026-11-22T21:00:00Z,https://s.example/a\n",
        );
        let read: Vec<DraftRow> = CsvDrop::new(text.as_slice())
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(
            read[0].draft,
            Err("the row has 3 fields but the header names 5 columns".to_owned())
        );
        assert_eq!(
            read[1].draft,
            Err("title is not valid utf-8 text".to_owned())
        );
        assert!(read[2].draft.is_ok());
        assert_eq!(read[2].position.index, 2);
    }

    #[test]
    fn a_row_may_cancel_one_occurrence_of_a_series() {
        let read = rows(&format!(
            "{HEADER},id,recurrenceId,cancelled\n,,,,,sera,2026-11-29T18:00:00Z,TRUE\n,,,,,sera,2026-11-22T18:00:00Z,maybe\n"
        ));
        let draft = read[0].draft.clone().unwrap();
        assert!(draft.cancelled);
        assert_eq!(draft.recurrence_id.as_deref(), Some("2026-11-29T18:00:00Z"));
        assert_eq!(
            read[1].draft,
            Err("cancelled \"maybe\" must be true or false".to_owned())
        );
    }

    #[test]
    fn a_spreadsheet_export_with_semicolons_and_spelled_out_headers_is_read() {
        // What Excel writes where the decimal separator is a comma, with headers as people type them.
        let read = rows(
            "\u{feff}Title;Performers;Starts At;ends_at;Stream-URL;Channel\r\n\
             \"Jazz; Live\";Anna Verdi;2026-12-03T09:00:00+01:00;2026-12-03T10:30:00+01:00;https://s.example/a;Radio Jazz\r\n",
        );
        let draft = read[0].draft.clone().unwrap();
        assert_eq!(draft.title.as_deref(), Some("Jazz; Live"));
        assert_eq!(draft.performers, vec!["Anna Verdi".to_owned()]);
        assert_eq!(
            draft.starts_at.as_deref(),
            Some("2026-12-03T09:00:00+01:00")
        );
        assert_eq!(draft.stream_url.as_deref(), Some("https://s.example/a"));
        assert_eq!(draft.channel.as_deref(), Some("Radio Jazz"));
    }

    #[test]
    fn the_separator_is_the_one_the_header_uses_outside_quotes() {
        assert_eq!(
            delimiter_of(b"title,performers,startsAt\nA;B;C;D;E\n"),
            b','
        );
        assert_eq!(delimiter_of(b"title;performers;startsAt\n"), b';');
        assert_eq!(delimiter_of(b"title\tperformers\tstartsAt\n"), b'\t');
        assert_eq!(delimiter_of(b"\"a;b;c;d\",title,performers\n"), b',');
        assert_eq!(delimiter_of(b""), b',');
    }

    #[test]
    fn a_header_byte_order_mark_is_not_part_of_the_first_column() {
        let read = rows(&format!(
            "\u{feff}{HEADER}\nShow,A,2026-11-22T20:00:00Z,2026-11-22T21:00:00Z,https://s.example/a\n"
        ));
        assert_eq!(
            read[0].draft.clone().unwrap().title.as_deref(),
            Some("Show")
        );
    }

    #[test]
    fn a_file_without_a_usable_header_is_refused_whole() {
        let reason = |text: &str| match CsvDrop::new(text.as_bytes()) {
            Err(error) => error.to_string(),
            Ok(_) => panic!("{text:?} should be refused"),
        };
        assert_eq!(
            reason(""),
            "csv header: the file is empty: a csv drop starts with a header row naming its columns"
        );
        assert_eq!(
            reason("title,performers,startAt,endsAt\n"),
            "csv header: the header row must name the columns title, performers, startsAt, endsAt, streamUrl \
             (missing: startsAt, streamUrl)"
        );
        assert_eq!(
            reason("title,performers,startsAt,endsAt,streamUrl,Title\n"),
            "csv header: column title appears twice"
        );
    }
}
