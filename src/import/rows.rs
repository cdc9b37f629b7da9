//! Row readers: one drop file, whatever its format, read as a stream of [`DraftRow`]s.

use std::collections::HashMap;
use std::io::{BufRead as _, BufReader, Read};
use std::ops::ControlFlow;
use std::path::Path;

use chrono::{DateTime, Utc};

use super::report::RowRejection;
use crate::schedule::{CsvDrop, DraftRow, DropFileError, DropFormat, IcsDrop, read_json_drop};
use crate::schedule::{EventSpec, MAX_ROWS_PER_FILE, RowPosition};

/// Reads `reader` as `format`, calling `each` with every row until the end or a [`ControlFlow::Break`]; returns
/// the CSV header cells that were ignored.
pub(super) fn read_rows(
    format: DropFormat,
    reader: impl Read,
    mut each: impl FnMut(DraftRow) -> ControlFlow<()>,
) -> Result<Vec<String>, DropFileError> {
    let mut too_many = false;
    let each = |row: DraftRow| {
        if row.position.index >= MAX_ROWS_PER_FILE {
            too_many = true;
            return ControlFlow::Break(());
        }
        each(row)
    };
    let read = read_format(format, reader, each);
    if too_many {
        return Err(DropFileError::TooManyRows);
    }
    read
}

fn read_format(
    format: DropFormat,
    reader: impl Read,
    mut each: impl FnMut(DraftRow) -> ControlFlow<()>,
) -> Result<Vec<String>, DropFileError> {
    match format {
        DropFormat::Json => {
            let mut reader = BufReader::with_capacity(64 * 1024, reader);
            // A UTF-8 byte order mark (Windows editors write one) is not JSON, but means nothing else either.
            if reader
                .fill_buf()
                .map_err(DropFileError::Io)?
                .starts_with(UTF8_BOM)
            {
                reader.consume(UTF8_BOM.len());
            }
            // A stop asked by `each` (the writer went away) is the writer's to report.
            let _: ControlFlow<()> = read_json_drop(reader, each)?;
            Ok(Vec::new())
        }
        DropFormat::Csv => {
            let rows = CsvDrop::new(reader)?;
            let ignored = rows.ignored_columns().to_vec();
            for row in rows {
                if each(row?).is_break() {
                    break;
                }
            }
            Ok(ignored)
        }
        DropFormat::ICalendar => {
            for row in IcsDrop::new(BufReader::with_capacity(64 * 1024, reader)) {
                if each(row?).is_break() {
                    break;
                }
            }
            Ok(Vec::new())
        }
    }
}

/// The UTF-8 byte order mark.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// A local schedule file read into validated entries through the same readers and row checks as an import, for
/// `say`, `replay` and `schedule list --schedule FILE`. The format follows the extension (`.csv`, `.ics`; anything
/// else is read as JSON format v1).
#[derive(Debug)]
pub struct ScheduleFile {
    /// The valid entries, in file order.
    pub specs: Vec<EventSpec>,
    /// The rejected entries, in file order.
    pub rejections: Vec<RowRejection>,
}

/// Reads the schedule file at `path` (see [`ScheduleFile`]); a second entry with an id already used is rejected.
///
/// # Errors
/// Returns [`DropFileError`] when the file cannot be read or is not a schedule at all.
pub fn read_schedule_file(path: &Path) -> Result<ScheduleFile, DropFileError> {
    let format = DropFormat::from_name(&path.display().to_string()).unwrap_or(DropFormat::Json);
    let file = std::fs::File::open(path).map_err(DropFileError::Io)?;
    let mut read = ScheduleFile {
        specs: Vec::new(),
        rejections: Vec::new(),
    };
    let mut first_of_id: HashMap<String, RowPosition> = HashMap::new();
    // Occurrences changed by entries of their own: series id → original starts.
    let mut replaced: HashMap<String, Vec<DateTime<Utc>>> = HashMap::new();
    read_rows(format, file, |row| {
        let position = row.position;
        if let Ok(draft) = &row.draft
            && let (Some(series), Some(start)) = (&draft.id, &draft.recurrence_id)
            && let Ok(start) = DateTime::parse_from_rfc3339(start.trim())
        {
            replaced
                .entry(series.trim().to_owned())
                .or_default()
                .push(start.with_timezone(&Utc));
            if draft.cancelled {
                return ControlFlow::Continue(());
            }
        }
        let spec = row
            .draft
            .and_then(|draft| EventSpec::from_draft(draft).map_err(|error| error.to_string()))
            .and_then(|spec| match first_of_id.get(spec.id().as_str()) {
                Some(first) => Err(format!(
                    "id {:?} is already used by {first}",
                    spec.id().as_str()
                )),
                None => {
                    first_of_id.insert(spec.id().as_str().to_owned(), position);
                    Ok(spec)
                }
            });
        match spec {
            Ok(spec) => read.specs.push(spec),
            Err(reason) => read.rejections.push(RowRejection { position, reason }),
        }
        ControlFlow::Continue(())
    })?;
    for spec in &mut read.specs {
        if let Some(starts) = replaced.get(spec.id().as_str()) {
            for start in starts {
                spec.exclude_occurrence(*start);
            }
        }
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_file_may_start_with_a_byte_order_mark() {
        let text = "\u{feff}{\"events\": [{\"title\": \"A\"}, {\"title\": \"B\"}]}";
        let mut titles = Vec::new();
        read_rows(DropFormat::Json, text.as_bytes(), |row| {
            titles.push(row.draft.ok().and_then(|draft| draft.title));
            ControlFlow::Continue(())
        })
        .unwrap();
        assert_eq!(titles, [Some("A".to_owned()), Some("B".to_owned())]);
    }

    #[test]
    fn a_row_that_is_not_utf_8_in_an_ics_file_is_rejected_and_the_next_read() {
        let mut text =
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Caf\xE9\r\nEND:VEVENT\r\n".to_vec();
        text.extend_from_slice(b"BEGIN:VEVENT\r\nSUMMARY:Good\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        let mut drafts = Vec::new();
        read_rows(DropFormat::ICalendar, text.as_slice(), |row| {
            drafts.push(row.draft.map(|draft| draft.title));
            ControlFlow::Continue(())
        })
        .unwrap();
        assert_eq!(drafts[0], Err("line 3 is not utf-8 text".to_owned()));
        assert!(drafts[1].is_err(), "no DTSTART: {:?}", drafts[1]);
        assert_eq!(drafts.len(), 2);
    }
}
