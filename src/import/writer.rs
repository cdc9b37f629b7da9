//! The writer side of an import: rows are read and checked on a blocking thread and handed over in chunks through
//! a bounded channel; each chunk's occurrences are upserted, and what the table refuses for one item becomes that
//! row's rejection. Only transient failures (throttling, timeouts, 5xx) stop the import.

use std::collections::HashMap;
use std::io::Read;
use std::ops::ControlFlow;

use chrono::{DateTime, Duration, Utc};
use tokio::sync::mpsc;

use super::checks::RowChecker;
use super::report::{ImportReport, ReportStatus, RowRejection};
use super::rows::read_rows;
use super::{CHUNK_OCCURRENCES, DropError};
use crate::schedule::{DropFileError, DropFormat, LiveEvent, RowPosition};
use crate::storage::event_item::Origin;
use crate::storage::event_writer::EventWriter;
use crate::stream::StreamChecks;

/// Chunks read ahead of the writer.
const CHUNKS_AHEAD: usize = 2;

/// A row that passed validation, with its occurrences.
struct AcceptedRow {
    position: RowPosition,
    occurrences: Vec<LiveEvent>,
}

/// What the reader hands to the writer at once.
#[derive(Default)]
struct Chunk {
    accepted: Vec<AcceptedRow>,
    rejected: Vec<RowRejection>,
    occurrences: usize,
}

/// How the reader finished.
struct ReadEnd {
    outcome: Result<(), DropFileError>,
    checker: RowChecker,
    ignored_columns: Vec<String>,
}

/// Where the checked rows go: nowhere (a dry run, which still runs every check), or into the events table as
/// `origin`'s events (`None`: the operator's import, which may overwrite anyone's event).
#[derive(Clone, Copy)]
pub(super) struct Destination<'w> {
    /// The table, or `None` for a dry run.
    pub writer: Option<&'w EventWriter>,
    /// Whose events they are.
    pub origin: Option<&'w Origin>,
    /// Checks of the rows' stream URLs, or `None` to take them on trust (offline).
    pub streams: Option<&'w StreamChecks>,
}

/// Streams `body` through the reader thread and stores accepted rows chunk by chunk, counting into `report`.
/// Returns the checker (which ids the file holds) when the file was read to the end; a malformed file is marked
/// in `report` and gives `None`.
///
/// # Errors
/// [`DropError::Read`] when reading fails, and the transient write failures.
pub(super) async fn read_and_store(
    report: &mut ImportReport,
    format: DropFormat,
    body: impl Read + Send + 'static,
    at: DateTime<Utc>,
    horizon: Duration,
    destination: Destination<'_>,
) -> Result<Option<RowChecker>, DropError> {
    let (chunks, mut received) = mpsc::channel::<Chunk>(CHUNKS_AHEAD);
    let origin = destination.origin.cloned();
    let reader = tokio::task::spawn_blocking(move || {
        let mut checker = RowChecker::new(at, horizon, origin);
        let mut chunk = Chunk::default();
        let send = |chunk: &mut Chunk| {
            let full = std::mem::take(chunk);
            chunks
                .blocking_send(full)
                .map_or(ControlFlow::Break(()), |()| ControlFlow::Continue(()))
        };
        let read = read_rows(format, body, |row| {
            let position = row.position;
            match checker.check(row) {
                Ok(occurrences) => {
                    chunk.occurrences += occurrences.len();
                    chunk.accepted.push(AcceptedRow {
                        position,
                        occurrences,
                    });
                }
                Err(reason) => chunk.rejected.push(RowRejection { position, reason }),
            }
            if chunk.occurrences >= CHUNK_OCCURRENCES
                || chunk.accepted.len() + chunk.rejected.len() >= CHUNK_OCCURRENCES
            {
                send(&mut chunk)
            } else {
                ControlFlow::Continue(())
            }
        });
        // A last partial chunk: if the writer is gone it failed, and says so itself.
        let _ = send(&mut chunk);
        let (outcome, ignored_columns) = match read {
            Ok(ignored) => (Ok(()), ignored),
            Err(error) => (Err(error), Vec::new()),
        };
        ReadEnd {
            outcome,
            checker,
            ignored_columns,
        }
    });

    let mut failure = None;
    while let Some(chunk) = received.recv().await {
        if let Err(error) = store(report, chunk, destination).await {
            failure = Some(error);
            break;
        }
    }
    // Closing the channel stops the reader at its next chunk.
    drop(received);
    let end = reader.await.map_err(DropError::Reader)?;
    if let Some(error) = failure {
        return Err(error);
    }
    report.ignored_columns = end.ignored_columns;
    report
        .rejections
        .sort_by_key(|rejection| rejection.position.index);
    match end.outcome {
        Err(DropFileError::Io(error)) => Err(DropError::Read {
            object: report.object.clone(),
            source: error.into(),
        }),
        Err(error) => {
            report.status = ReportStatus::Malformed;
            report.error = Some(error.to_string());
            Ok(None)
        }
        Ok(()) => Ok(Some(end.checker)),
    }
}

/// Checks the distinct stream URLs of `rows` (once per import), records what was found on their occurrences, and
/// turns problems into the rows' warnings.
async fn resolve_streams(
    report: &mut ImportReport,
    rows: &mut [AcceptedRow],
    streams: &StreamChecks,
) {
    let at = report.imported_at;
    let urls: Vec<String> = rows
        .iter()
        .filter_map(|row| row.occurrences.first())
        .map(|event| event.stream_url.to_string())
        .collect();
    let checked = streams.check_all(urls.iter().map(String::as_str)).await;
    for row in rows {
        let Some(check) = row
            .occurrences
            .first()
            .and_then(|event| checked.get(event.stream_url.as_str()))
        else {
            continue;
        };
        for warning in &check.warnings {
            report.warn(row.position, warning.kind, warning.to_string());
        }
        let resolved = check.resolved(at).map(Box::new);
        let trouble = check.trouble(at, false);
        for event in &mut row.occurrences {
            event.stream.clone_from(&resolved);
            event.stream_trouble.clone_from(&trouble);
        }
    }
}

/// Stores one chunk and counts it into `report`.
async fn store(
    report: &mut ImportReport,
    mut chunk: Chunk,
    destination: Destination<'_>,
) -> Result<(), DropError> {
    report.rows += chunk.accepted.len() + chunk.rejected.len();
    for rejection in std::mem::take(&mut chunk.rejected) {
        report.reject(rejection.position, rejection.reason);
    }
    if let Some(streams) = destination.streams {
        resolve_streams(report, &mut chunk.accepted, streams).await;
    }
    let occurrences: Vec<LiveEvent> = chunk
        .accepted
        .iter()
        .flat_map(|row| row.occurrences.iter().cloned())
        .collect();
    report.occurrences.expanded += occurrences.len();
    let Some(writer) = destination.writer else {
        report.accepted += chunk.accepted.len();
        return Ok(());
    };
    let upserted = writer
        .upsert_from(&occurrences, destination.origin, |_| {})
        .await?;
    report.occurrences.written += upserted.summary.written;
    report.occurrences.unchanged += upserted.summary.unchanged;
    let mut refused: HashMap<&str, String> = HashMap::new();
    for event in &upserted.foreign {
        let owner = match &event.owner {
            Some(partner) => format!("partner {partner:?}"),
            None => "the operator's schedule import".to_owned(),
        };
        refused.insert(
            event.id.as_str(),
            format!(
                "id {:?} belongs to {owner}: a partner may only change its own events",
                event.id.as_str()
            ),
        );
    }
    for failed in &upserted.failed {
        refused.insert(
            failed.id.as_str(),
            format!(
                "the events table refused occurrence {:?}: {}",
                failed.id.as_str(),
                failed.reason
            ),
        );
    }
    for row in chunk.accepted {
        match row
            .occurrences
            .iter()
            .find_map(|event| refused.get(event.id.as_str()))
        {
            None => report.accepted += 1,
            Some(reason) => report.reject(row.position, reason.clone()),
        }
    }
    Ok(())
}
