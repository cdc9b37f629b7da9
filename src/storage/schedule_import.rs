//! Importing a schedule file into the events table: validate (format v1), expand recurrences over a horizon, upsert.
//!
//! Shared by `onair schedule import` and the import Lambda, so both report the same summary.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::LOOKBACK;
use super::event_writer::{EventWriter, WriteError};
use crate::schedule::{EventSpec, LiveEvent, ScheduleFileError, parse_schedule_json};

/// How far ahead recurring entries are expanded unless told otherwise.
pub const DEFAULT_HORIZON: Duration = Duration::days(14);

/// One refused entry of the file, as the summary reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RejectedEvent {
    /// The entry's position in the file's `events` array, from 0.
    pub index: usize,
    /// Why it was refused.
    pub reason: String,
}

/// What an import did: `{"written": N, "unchanged": N, "rejected": [{"index": I, "reason": "..."}]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// Occurrences new or changed, written (in a dry run: that would be written).
    pub written: usize,
    /// Occurrences already stored exactly so.
    pub unchanged: usize,
    /// Entries of the file refused, with the reason.
    pub rejected: Vec<RejectedEvent>,
}

/// Why an import stopped.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file is not a schedule at all.
    #[error(transparent)]
    File(#[from] ScheduleFileError),
    /// The table could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// A validated file, expanded into the occurrences to store.
#[derive(Debug, Clone)]
pub struct ImportPlan {
    /// Every occurrence to store, earliest first.
    pub occurrences: Vec<LiveEvent>,
    /// Entries of the file refused, with the reason.
    pub rejected: Vec<RejectedEvent>,
}

/// The occurrences of `specs` to store at `at`: each recurring entry's occurrences overlapping
/// `[at - LOOKBACK, at + horizon)` (recent ones stay for catch-up), and every one-off entry whatever its date (TTL
/// removes it a month after it ends).
#[must_use]
pub fn occurrences_to_store(
    specs: &[EventSpec],
    at: DateTime<Utc>,
    horizon: Duration,
) -> Vec<LiveEvent> {
    let mut occurrences: Vec<LiveEvent> = specs
        .iter()
        .flat_map(|spec| match spec.recurrence() {
            Some(_) => spec.occurrences_between(at - LOOKBACK, at + horizon),
            None => vec![spec.template().clone()],
        })
        .collect();
    occurrences.sort_by(|a, b| (a.starts_at, &a.id).cmp(&(b.starts_at, &b.id)));
    occurrences
}

/// Validates a schedule file (format v1) and expands it (see [`occurrences_to_store`]).
///
/// # Errors
/// Returns [`ScheduleFileError`] when `text` is not a schedule file at all; single bad entries are in `rejected`.
pub fn plan_import(
    text: &str,
    at: DateTime<Utc>,
    horizon: Duration,
) -> Result<ImportPlan, ScheduleFileError> {
    let parsed = parse_schedule_json(text)?;
    Ok(ImportPlan {
        occurrences: occurrences_to_store(&parsed.specs, at, horizon),
        rejected: parsed
            .rejected
            .into_iter()
            .map(|rejection| RejectedEvent {
                index: rejection.index,
                reason: rejection.reason,
            })
            .collect(),
    })
}

impl ImportPlan {
    /// Stores the plan with `writer`; re-running it on an unchanged table writes nothing. `progress` is called
    /// with the number of occurrences handled so far.
    ///
    /// # Errors
    /// Returns [`WriteError`] when the table cannot be written.
    pub async fn run(
        self,
        writer: &EventWriter,
        progress: impl Fn(usize),
    ) -> Result<ImportSummary, WriteError> {
        let upserted = writer.upsert(&self.occurrences, progress).await?;
        Ok(ImportSummary {
            written: upserted.written,
            unchanged: upserted.unchanged,
            rejected: self.rejected,
        })
    }

    /// What a dry run reports: every valid occurrence counted as written, nothing read or written.
    #[must_use]
    pub fn dry_run(self) -> ImportSummary {
        ImportSummary {
            written: self.occurrences.len(),
            unchanged: 0,
            rejected: self.rejected,
        }
    }
}
