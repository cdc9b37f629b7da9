//! The import report (`reports/<key>.json`, and what `onair schedule import` prints): counts, and every rejected
//! row with its position and a reason naming the field.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::drop_key::DropObject;
use crate::schedule::{DropFormat, RowPosition};
use crate::stream::WarningKind;

/// The most rejected rows a report lists; the others are counted in `rejectionsNotListed`.
pub const MAX_LISTED_REJECTIONS: usize = 1_000;

/// What a report says about the import as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ReportStatus {
    /// Read to the end: the valid rows are stored, the file's earlier events it no longer has are removed.
    Imported,
    /// The file is not a schedule (see `error`). Rows read before the problem are stored; nothing is removed.
    Malformed,
    /// Read and validated without writing anything (`onair schedule import --dry-run`).
    Checked,
    /// Not read: the key is not `drops/<partner>/<file>` (see `error`). Nothing was imported.
    Skipped,
}

/// One rejected row, where it is and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowRejection {
    /// Where it is in the file.
    #[serde(flatten)]
    pub position: RowPosition,
    /// Why, in lowercase words naming the field.
    pub reason: String,
}

/// One accepted row whose stream has a problem: stored, but worth the partner's attention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowWarning {
    /// Where it is in the file.
    #[serde(flatten)]
    pub position: RowPosition,
    /// What it is about (`unreachable`, `not-audio`, `bitrate-out-of-range`, `plain-http-entry`,
    /// `address-refused`).
    pub kind: WarningKind,
    /// The warning, in words naming the field.
    pub warning: String,
}

/// How many occurrences the import expanded, wrote, left alone and removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OccurrenceCounts {
    /// Occurrences the valid rows expand to (recurring rows over the horizon).
    pub expanded: usize,
    /// New or changed, written.
    pub written: usize,
    /// Already stored exactly so.
    pub unchanged: usize,
    /// The file's earlier events this version no longer has, deleted.
    pub removed: usize,
}

/// The report object `reports/<key>.json`: counts, and every rejected row with its position and reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    /// The drop, `s3://bucket/key`.
    pub object: String,
    /// The partner that dropped it; absent for a local file (the operator's import).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partner: Option<String>,
    /// `json`, `csv` or `ics`; absent for an extension no reader knows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    /// The version read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// Imported, malformed or checked.
    pub status: ReportStatus,
    /// Why the file is malformed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The instant the import ran as of (recurring rows expand from it).
    pub imported_at: DateTime<Utc>,
    /// Rows read.
    pub rows: usize,
    /// Rows stored.
    pub accepted: usize,
    /// Rows rejected.
    pub rejected: usize,
    /// Occurrence counts.
    pub occurrences: OccurrenceCounts,
    /// The first [`MAX_LISTED_REJECTIONS`] rejected rows, in file order.
    pub rejections: Vec<RowRejection>,
    /// Rejected rows beyond those listed.
    pub rejections_not_listed: usize,
    /// Accepted rows whose stream has a problem (see the README: warnings never reject a row), the first
    /// [`MAX_LISTED_REJECTIONS`] in file order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<RowWarning>,
    /// Warnings beyond those listed.
    #[serde(skip_serializing_if = "is_zero")]
    pub warnings_not_listed: usize,
    /// Distinct stream URLs checked; absent when streams were not checked (`--no-check-streams`, a dry run
    /// without checks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub streams_checked: Option<usize>,
    /// CSV header cells that name no known column (ignored).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ignored_columns: Vec<String>,
}

impl ImportReport {
    pub(super) fn new(object: &DropObject, etag: Option<String>, at: DateTime<Utc>) -> Self {
        Self {
            partner: Some(object.key.partner().to_owned()),
            etag,
            ..Self::for_file(&object.url(), object.key.format(), at)
        }
    }

    /// The report of a file under `drops/` that is not a drop (`drops/demo.json`): skipped, and why.
    pub(super) fn skipped(bucket: &str, key: &str, at: DateTime<Utc>, why: &str) -> Self {
        let mut report = Self::for_file(
            &format!("s3://{bucket}/{key}"),
            DropFormat::from_name(key),
            at,
        );
        report.status = ReportStatus::Skipped;
        report.error = Some(format!(
            "{why}: nothing was imported. Put the file in a folder named after the partner, such as \
             drops/<partner>/{}",
            key.rsplit('/').next().unwrap_or(key)
        ));
        report
    }

    /// The report of a local file, `name` (the operator's import).
    pub(super) fn for_file(name: &str, format: Option<DropFormat>, at: DateTime<Utc>) -> Self {
        Self {
            object: name.to_owned(),
            partner: None,
            format: format.map(DropFormat::as_str),
            etag: None,
            status: ReportStatus::Imported,
            error: None,
            imported_at: at,
            rows: 0,
            accepted: 0,
            rejected: 0,
            occurrences: OccurrenceCounts::default(),
            rejections: Vec::new(),
            rejections_not_listed: 0,
            ignored_columns: Vec::new(),
            warnings: Vec::new(),
            warnings_not_listed: 0,
            streams_checked: None,
        }
    }

    pub(super) fn warn(&mut self, position: RowPosition, kind: WarningKind, warning: String) {
        if self.warnings.len() < MAX_LISTED_REJECTIONS {
            self.warnings.push(RowWarning {
                position,
                kind,
                warning,
            });
        } else {
            self.warnings_not_listed += 1;
        }
    }

    pub(super) fn reject(&mut self, position: RowPosition, reason: String) {
        self.rejected += 1;
        if self.rejections.len() < MAX_LISTED_REJECTIONS {
            self.rejections.push(RowRejection { position, reason });
        } else {
            self.rejections_not_listed += 1;
        }
    }
}

fn is_zero(count: &usize) -> bool {
    *count == 0
}

/// Why a record of an S3 event was not imported. None of these is an error: retrying would change nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// This S3 event, or a later one for the same object, was already imported.
    AlreadyImported,
    /// The object was replaced since the event: the newer version's own event imports it.
    Replaced,
    /// The object no longer exists.
    Gone,
    /// The record is not an `ObjectCreated` event for a key under `drops/<partner>/`.
    NotADrop(String),
}

/// What became of one drop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DropOutcome {
    /// Read: the report (written to `reports/<key>.json` unless it was a dry run).
    Reported(Box<ImportReport>),
    /// Not read, and why.
    Skipped {
        /// The object, `s3://bucket/key` (or the raw key when it is not a drop).
        object: String,
        /// Why.
        reason: Skip,
    },
}
