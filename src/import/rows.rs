//! Row readers: one drop file, whatever its format, read as a stream of [`DraftRow`]s.

use std::io::Read;
use std::ops::ControlFlow;

use crate::schedule::{
    CsvDrop, DraftRow, DropFileError, DropFormat, MAX_ICALENDAR_BYTES, read_icalendar_drop,
    read_json_drop,
};

/// Reads `reader` as `format`, calling `each` with every row until the end or a [`ControlFlow::Break`]; returns
/// the CSV header cells that were ignored.
pub(super) fn read_rows(
    format: DropFormat,
    reader: impl Read,
    mut each: impl FnMut(DraftRow) -> ControlFlow<()>,
) -> Result<Vec<String>, DropFileError> {
    match format {
        DropFormat::Json => {
            // A stop asked by `each` (the writer went away) is the writer's to report.
            let _: ControlFlow<()> =
                read_json_drop(std::io::BufReader::with_capacity(64 * 1024, reader), each)?;
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
            let mut bytes = Vec::new();
            let limit = u64::try_from(MAX_ICALENDAR_BYTES).unwrap_or(u64::MAX) + 1;
            reader
                .take(limit)
                .read_to_end(&mut bytes)
                .map_err(DropFileError::Io)?;
            if bytes.len() > MAX_ICALENDAR_BYTES {
                return Err(DropFileError::ICalendar(format!(
                    "an .ics drop is read whole and may be at most {} MB",
                    MAX_ICALENDAR_BYTES / (1024 * 1024)
                )));
            }
            let text = String::from_utf8(bytes)
                .map_err(|_| DropFileError::ICalendar("the file is not utf-8 text".to_owned()))?;
            for row in read_icalendar_drop(&text)? {
                if each(row).is_break() {
                    break;
                }
            }
            Ok(Vec::new())
        }
    }
}
