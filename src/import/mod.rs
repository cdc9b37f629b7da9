//! Schedule imports, one pipeline for every source: a partner's S3 drop under `drops/<partner>/` (the
//! `schedule-import` Lambda function, [`Importer::invoke`], and `onair schedule import s3://bucket/key`,
//! [`Importer::import`]) and a local file (`onair schedule import FILE`, [`import_file`]). The file is streamed,
//! parsed by its extension (`rows.rs`), validated row by row (`checks.rs`), upserted (`writer.rs`) and summed up in a
//! report (`report.rs`); a drop's earlier events its new version no longer has are removed, and its report is written
//! to `reports/<key>.json` (`drop_key.rs`). The layout and formats are documented for partners in `docs/s3.md`.
//!
//! - Memory: the file is read as it arrives and validated on a blocking thread that hands over chunks of
//!   [`CHUNK_OCCURRENCES`] occurrences through a bounded channel; the import keeps 24 bytes per row (a 64-bit hash
//!   of its id and its position, for duplicate ids and for removals) and at most [`MAX_LISTED_REJECTIONS`]
//!   rejection reasons.
//! - Failures: a row DynamoDB refuses is that row's rejection. A transient S3 or DynamoDB failure fails the
//!   invocation ([`DropError`], retryable); a malformed file gets a report and succeeds, since reading it again
//!   would fail again.
//! - Repeats: the [`DropLedger`] skips a delivery whose S3 event (or a later one for the same object) was already
//!   imported, and content hashes make a re-import of unchanged rows write nothing.

use std::io::Read;
use std::path::Path;
use std::time::Instant;

use aws_lambda_events::event::s3::S3Event;
use chrono::{DateTime, Duration, Utc};
use lambda_runtime::{Diagnostic, LambdaEvent};
use tokio_util::io::SyncIoBridge;

use crate::config::{ConfigError, TABLE_VAR};
use crate::schedule::DropFormat;
use crate::storage::drop_ledger::{DropLedger, LedgerEntry, LedgerError};
use crate::storage::event_writer::{EventWriter, WriteError};
use crate::storage::s3::{Opened, S3Error, S3Objects};
use crate::storage::schedule_import::DEFAULT_HORIZON;
use crate::stream::{Resolver, StreamChecks};

mod checks;
mod drop_key;
mod report;
mod rows;
mod writer;

pub use drop_key::{DROPS_PREFIX, DropKey, DropKeyError, DropObject, REPORTS_PREFIX};
pub use report::{
    DropOutcome, ImportReport, MAX_LISTED_REJECTIONS, OccurrenceCounts, ReportStatus, RowRejection,
    RowWarning, Skip,
};

use drop_key::drop_object;
pub use rows::{ScheduleFile, read_schedule_file};
use writer::Destination;

/// Occurrences handed from the reader to the writer at once: one `BatchGetItem` of stored versions.
pub const CHUNK_OCCURRENCES: usize = 100;
/// The variable holding how many days ahead recurring entries are expanded.
pub const HORIZON_VAR: &str = "ONAIR_IMPORT_HORIZON_DAYS";
/// The variable that turns the stream checks of the `schedule-import` function off (`false`); on by default.
pub const CHECK_STREAMS_VAR: &str = "ONAIR_IMPORT_CHECK_STREAMS";
/// Why an import failed. Every variant is transient (S3 or DynamoDB unavailable or throttling): Lambda retries
/// the invocation, and what was written before the failure stays written.
#[derive(Debug, thiserror::Error)]
pub enum DropError {
    /// The drop could not be opened or read to the end.
    #[error("drop {object} could not be read")]
    Read {
        /// The drop.
        object: String,
        /// What failed.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The report could not be written.
    #[error("report of {object} could not be written")]
    Report {
        /// The drop.
        object: String,
        /// What S3 said.
        #[source]
        source: S3Error,
    },
    /// The events table could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// The ledger of imported drops could not be read or written.
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    /// The reading thread failed (a bug).
    #[error("the drop reader stopped unexpectedly")]
    Reader(#[source] tokio::task::JoinError),
}

impl From<DropError> for Diagnostic {
    fn from(error: DropError) -> Self {
        let error_type = match &error {
            DropError::Read { .. } | DropError::Report { .. } => "Retryable.S3",
            DropError::Write(_) | DropError::Ledger(_) => "Retryable.DynamoDb",
            DropError::Reader(_) => "Retryable.Internal",
        };
        let mut message = error.to_string();
        let mut source = std::error::Error::source(&error);
        while let Some(cause) = source {
            message = format!("{message}: {cause}");
            source = cause.source();
        }
        Self {
            error_type: error_type.to_owned(),
            error_message: message,
        }
    }
}

/// What the `schedule-import` function needs to start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportConfig {
    /// The DynamoDB events table (`ONAIR_TABLE`).
    pub events_table: String,
    /// How far ahead recurring entries are expanded (`ONAIR_IMPORT_HORIZON_DAYS`, default 14).
    pub horizon: Duration,
    /// The `tracing` filter directive (`RUST_LOG`).
    pub log_filter: String,
    /// Whether each drop's stream URLs are resolved and checked (`ONAIR_IMPORT_CHECK_STREAMS`, default true).
    pub check_streams: bool,
}

impl ImportConfig {
    /// Reads the configuration from the process environment.
    ///
    /// # Errors
    /// Returns [`ConfigError`] naming the first variable that is missing or invalid.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// Reads the configuration through `var` (see [`crate::config::Vars`]).
    ///
    /// # Errors
    /// Returns [`ConfigError`] naming the first variable that is missing or invalid.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let vars = crate::config::Vars::new(var);
        let var = |name: &str| vars.get(name);
        let events_table = vars.required(TABLE_VAR)?;
        let horizon = match var(HORIZON_VAR) {
            None => DEFAULT_HORIZON,
            Some(text) => text
                .trim()
                .parse::<u16>()
                .ok()
                .filter(|days| *days > 0)
                .map(|days| Duration::days(i64::from(days)))
                .ok_or_else(|| ConfigError::Invalid {
                    variable: HORIZON_VAR,
                    reason: format!("expected a whole number of days from 1, got {text:?}"),
                })?,
        };
        let check_streams = match var(CHECK_STREAMS_VAR).as_deref().map(str::trim) {
            None | Some("true" | "1") => true,
            Some("false" | "0") => false,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    variable: CHECK_STREAMS_VAR,
                    reason: format!("expected true or false, got {other:?}"),
                });
            }
        };
        Ok(Self {
            events_table,
            horizon,
            log_filter: vars.log_filter()?,
            check_streams,
        })
    }
}

/// Imports partner drops from S3 into the events table.
#[derive(Debug, Clone)]
pub struct Importer {
    objects: S3Objects,
    writer: EventWriter,
    ledger: DropLedger,
    horizon: Duration,
    streams: Option<Resolver>,
}

impl Importer {
    /// An importer reading drops through `s3` (see [`crate::storage::s3::client`]) into the events table `table`.
    #[must_use]
    pub fn new(
        s3: aws_sdk_s3::Client,
        dynamodb: aws_sdk_dynamodb::Client,
        table: impl Into<String>,
    ) -> Self {
        let table = table.into();
        Self {
            objects: S3Objects::new(s3),
            writer: EventWriter::new(dynamodb.clone(), table.clone()),
            ledger: DropLedger::new(dynamodb, table),
            horizon: DEFAULT_HORIZON,
            streams: None,
        }
    }

    /// An importer with clients for `sdk` (the endpoints follow `AWS_ENDPOINT_URL_S3` and
    /// `AWS_ENDPOINT_URL_DYNAMODB`). DynamoDB gets the SDK's patient defaults plus a 10 s attempt timeout and
    /// 5 attempts, not the skill's 2 s request-path budget: an import is a batch job, and a slow batch is better
    /// than a failed one (which Lambda would retry from the start).
    #[must_use]
    pub fn from_sdk_config(sdk: &aws_config::SdkConfig, table: impl Into<String>) -> Self {
        let dynamodb = aws_sdk_dynamodb::config::Builder::from(sdk)
            .timeout_config(
                aws_sdk_dynamodb::config::timeout::TimeoutConfig::builder()
                    .operation_attempt_timeout(std::time::Duration::from_secs(10))
                    .build(),
            )
            .retry_config(
                aws_sdk_dynamodb::config::retry::RetryConfig::standard().with_max_attempts(5),
            )
            .build();
        Self::new(
            crate::storage::s3::client(sdk),
            aws_sdk_dynamodb::Client::from_conf(dynamodb),
            table,
        )
    }

    /// The same importer, expanding recurring entries `horizon` ahead instead of 14 days.
    #[must_use]
    pub fn with_horizon(mut self, horizon: Duration) -> Self {
        self.horizon = horizon;
        self
    }

    /// The same importer, checking every distinct stream URL of a drop through `resolver` (each once per drop):
    /// the resolved stream is recorded on the events, problems become the report's warnings.
    #[must_use]
    pub fn with_stream_checks(mut self, resolver: Resolver) -> Self {
        self.streams = Some(resolver);
        self
    }

    /// The Lambda handler: imports every drop an S3 event names, as of now, and answers with one line per record.
    ///
    /// # Errors
    /// Returns [`DropError`] (retryable) when S3 or DynamoDB fails; the retry skips the records already imported.
    pub async fn invoke(
        &self,
        event: LambdaEvent<S3Event>,
    ) -> Result<serde_json::Value, DropError> {
        let outcomes = self.handle(event.payload, Utc::now()).await?;
        Ok(outcomes
            .iter()
            .map(|outcome| match outcome {
                DropOutcome::Reported(report) => serde_json::json!({
                    "object": report.object,
                    "status": report.status,
                    "accepted": report.accepted,
                    "rejected": report.rejected,
                }),
                DropOutcome::Skipped { object, reason } => serde_json::json!({
                    "object": object,
                    "skipped": format!("{reason:?}"),
                }),
            })
            .collect())
    }

    /// Imports every drop an S3 event names, in order, as of `at`.
    ///
    /// # Errors
    /// Returns [`DropError`] when S3 or DynamoDB fails; records before the failing one stay imported.
    pub async fn handle(
        &self,
        event: S3Event,
        at: DateTime<Utc>,
    ) -> Result<Vec<DropOutcome>, DropError> {
        let mut outcomes = Vec::with_capacity(event.records.len());
        for record in &event.records {
            let outcome = match drop_object(record) {
                Ok(object) => self.import(&object, at).await?,
                Err(reason) => {
                    self.report_skipped(record, &reason, at).await?;
                    DropOutcome::Skipped {
                        object: record.s3.object.key.clone().unwrap_or_default(),
                        reason,
                    }
                }
            };
            outcomes.push(outcome);
        }
        Ok(outcomes)
    }

    /// Says why a record was not imported: a warning in the log always, and for a file put under `drops/` in the
    /// wrong place (`drops/demo.json` instead of `drops/<partner>/demo.json`) a report at `reports/<key>.json`
    /// too, where the uploader looks. Keys outside `drops/` get no report, so a report can never trigger an import.
    async fn report_skipped(
        &self,
        record: &aws_lambda_events::event::s3::S3EventRecord,
        reason: &Skip,
        at: DateTime<Utc>,
    ) -> Result<(), DropError> {
        let (Some(bucket), Some(raw_key)) = (
            record.s3.bucket.name.as_deref(),
            record.s3.object.key.as_deref(),
        ) else {
            tracing::warn!(reason = ?reason, "s3 record skipped");
            return Ok(());
        };
        let key = drop_key::event_key(raw_key);
        let created = record
            .event_name
            .as_deref()
            .is_some_and(|event| event.starts_with("ObjectCreated"));
        tracing::warn!(drop.object = %format!("s3://{bucket}/{key}"), reason = ?reason, "s3 record skipped");
        if !created || !key.starts_with(DROPS_PREFIX) {
            return Ok(());
        }
        let Skip::NotADrop(why) = reason else {
            return Ok(());
        };
        let report = ImportReport::skipped(bucket, &key, at, why);
        let body = serde_json::to_vec_pretty(&report).unwrap_or_default();
        self.objects
            .put_json(bucket, &format!("{REPORTS_PREFIX}{key}.json"), body)
            .await
            .map_err(|source| DropError::Report {
                object: report.object.clone(),
                source,
            })
    }

    /// Imports one drop as of `at` and writes its report (see the module docs).
    ///
    /// # Errors
    /// Returns [`DropError`] when S3 or DynamoDB fails.
    pub async fn import(
        &self,
        object: &DropObject,
        at: DateTime<Utc>,
    ) -> Result<DropOutcome, DropError> {
        self.run(object, at, Mode::Import).await
    }

    /// Reads and validates one drop as of `at`, writing nothing (no events, no report, no ledger).
    ///
    /// # Errors
    /// Returns [`DropError`] when S3 fails.
    pub async fn check(
        &self,
        object: &DropObject,
        at: DateTime<Utc>,
    ) -> Result<DropOutcome, DropError> {
        self.run(object, at, Mode::DryRun).await
    }

    async fn run(
        &self,
        object: &DropObject,
        at: DateTime<Utc>,
        mode: Mode,
    ) -> Result<DropOutcome, DropError> {
        let started = Instant::now();
        let url = object.url();
        let skipped = |reason| {
            tracing::info!(drop.object = %url, reason = ?reason, "drop skipped");
            Ok(DropOutcome::Skipped {
                object: url.clone(),
                reason,
            })
        };
        if mode == Mode::Import
            && let Some(sequencer) = &object.sequencer
            && self.ledger.covers(&url, sequencer).await?
        {
            return skipped(Skip::AlreadyImported);
        }
        let mut report = match object.key.format() {
            None => {
                let mut report = ImportReport::new(object, object.etag.clone(), at);
                report.status = ReportStatus::Malformed;
                report.error = Some(format!(
                    "the file's extension names no known format: use .json, .csv or .ics ({})",
                    object.key.as_str()
                ));
                report
            }
            Some(format) => {
                let opened = self
                    .objects
                    .open(&object.bucket, object.key.as_str(), object.etag.as_deref())
                    .await
                    .map_err(|error| DropError::Read {
                        object: url.clone(),
                        source: error.into(),
                    })?;
                let (etag, body) = match opened {
                    Opened::Object { etag, body, .. } => (etag, body),
                    Opened::Replaced => return skipped(Skip::Replaced),
                    Opened::Gone => return skipped(Skip::Gone),
                };
                let reader: std::pin::Pin<Box<dyn tokio::io::AsyncBufRead + Send>> =
                    Box::pin(body.into_async_read());
                self.read_and_store(object, format, SyncIoBridge::new(reader), etag, at, mode)
                    .await?
            }
        };
        if mode == Mode::DryRun {
            if report.status == ReportStatus::Imported {
                report.status = ReportStatus::Checked;
            }
            return Ok(DropOutcome::Reported(Box::new(report)));
        }
        let body = serde_json::to_vec_pretty(&report).unwrap_or_default();
        self.objects
            .put_json(&object.bucket, &object.key.report_key(), body)
            .await
            .map_err(|source| DropError::Report {
                object: url.clone(),
                source,
            })?;
        if let Some(sequencer) = &object.sequencer {
            let entry = LedgerEntry {
                sequencer: sequencer.clone(),
                etag: report.etag.clone(),
                imported_at: at,
                status: match report.status {
                    ReportStatus::Malformed => "malformed",
                    _ => "imported",
                }
                .to_owned(),
            };
            if !self.ledger.record(&url, entry).await? {
                tracing::warn!(drop.object = %url, "a later version was imported meanwhile");
            }
        }
        tracing::info!(
            drop.object = %url,
            drop.partner = object.key.partner(),
            status = ?report.status,
            rows = report.rows,
            accepted = report.accepted,
            rejected = report.rejected,
            written = report.occurrences.written,
            unchanged = report.occurrences.unchanged,
            removed = report.occurrences.removed,
            duration_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
            "drop imported"
        );
        Ok(DropOutcome::Reported(Box::new(report)))
    }

    /// Streams the body through the pipeline and (when the file was read to the end) removes the object's earlier
    /// events this version no longer has.
    async fn read_and_store(
        &self,
        object: &DropObject,
        format: DropFormat,
        body: impl Read + Send + 'static,
        etag: Option<String>,
        at: DateTime<Utc>,
        mode: Mode,
    ) -> Result<ImportReport, DropError> {
        let url = object.url();
        let mut report = ImportReport::new(object, etag, at);
        let origin = object.origin();
        let streams = self.streams.clone().map(StreamChecks::new);
        let destination = Destination {
            writer: (mode == Mode::Import).then_some(&self.writer),
            origin: Some(&origin),
            streams: streams.as_ref(),
        };
        let checker =
            writer::read_and_store(&mut report, format, body, at, self.horizon, destination)
                .await?;
        report.streams_checked = streams.as_ref().map(StreamChecks::checked);
        if let (Some(checker), Mode::Import) = (checker, mode) {
            if self.superseded(object).await? {
                tracing::warn!(drop.object = %url, "a later version was imported meanwhile: nothing removed");
            } else {
                report.occurrences.removed = self
                    .writer
                    .remove_from_origin(&origin, |id, starts_at| checker.keeps(id, starts_at))
                    .await?;
            }
        }
        Ok(report)
    }

    /// Whether a later S3 event for `object` was imported while this one ran.
    async fn superseded(&self, object: &DropObject) -> Result<bool, DropError> {
        let Some(sequencer) = &object.sequencer else {
            return Ok(false);
        };
        let mine = crate::storage::drop_ledger::comparable_sequencer(sequencer);
        Ok(self
            .ledger
            .last(&object.url())
            .await?
            .is_some_and(|last| last.sequencer > mine))
    }
}

/// Imports a local schedule file (`.json`, `.csv` or `.ics`) as the operator, through the same readers, checks
/// and report as a drop: with `writer` `None` it is a dry run that runs every check and writes nothing. Events are
/// written without an owner (the operator may change any event), and nothing is removed: unlike a drop, a local
/// file does not replace an earlier version of itself. With `streams`, every distinct stream URL is checked as in
/// a drop import; without, nothing leaves the machine but the table writes.
///
/// # Errors
/// Returns [`DropError::Read`] when the file cannot be opened or read, and the transient write failures.
pub async fn import_file(
    path: &Path,
    writer: Option<&EventWriter>,
    at: DateTime<Utc>,
    horizon: Duration,
    streams: Option<&StreamChecks>,
) -> Result<ImportReport, DropError> {
    let name = path.display().to_string();
    let format = DropFormat::from_name(&name);
    let mut report = ImportReport::for_file(&name, format, at);
    let Some(format) = format else {
        report.status = ReportStatus::Malformed;
        report.error = Some(format!(
            "the file's extension names no known format: use .json, .csv or .ics ({name})"
        ));
        return Ok(report);
    };
    let file = std::fs::File::open(path).map_err(|error| DropError::Read {
        object: name.clone(),
        source: error.into(),
    })?;
    let destination = Destination {
        writer,
        origin: None,
        streams,
    };
    let checker =
        writer::read_and_store(&mut report, format, file, at, horizon, destination).await?;
    report.streams_checked = streams.map(StreamChecks::checked);
    if let (Some(writer), Some(checker)) = (writer, checker) {
        // A drop removes what its file no longer has; a local file has no earlier version, so the occurrences it
        // cancels are deleted by id.
        report.occurrences.removed = writer.remove_ids(checker.cancelled(), None).await?;
    }
    if writer.is_none() && report.status == ReportStatus::Imported {
        report.status = ReportStatus::Checked;
    }
    Ok(report)
}

/// Whether an import writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Import,
    DryRun,
}

#[cfg(test)]
mod tests {
    use super::checks::RowChecker;
    use super::drop_key::event_key;
    use super::*;
    use crate::schedule::{DraftRow, RowPosition};

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn row(index: usize, id: &str, start: &str, rrule: Option<&str>) -> DraftRow {
        let starts_at = at(start);
        DraftRow {
            position: RowPosition {
                index,
                line: Some(index as u64 + 2),
            },
            draft: Ok(crate::schedule::EventDraft {
                id: Some(id.to_owned()),
                title: Some("Show".to_owned()),
                performers: vec!["Host".to_owned()],
                starts_at: Some(starts_at.to_rfc3339()),
                ends_at: Some((starts_at + Duration::hours(1)).to_rfc3339()),
                stream_url: Some("https://s.example/live.mp3".to_owned()),
                rrule: rrule.map(str::to_owned),
                ..Default::default()
            }),
        }
    }

    #[test]
    fn drop_keys_name_their_partner_and_report() {
        let key = DropKey::parse("drops/acme-radio/2026/week 47.csv").unwrap();
        assert_eq!(key.partner(), "acme-radio");
        assert_eq!(key.format(), Some(DropFormat::Csv));
        assert_eq!(
            key.report_key(),
            "reports/drops/acme-radio/2026/week 47.csv.json"
        );
        for not_a_drop in [
            "reports/drops/a/b.csv",
            "drops/b.csv",
            "drops//b.csv",
            "drops/acme/",
            "x",
        ] {
            assert!(DropKey::parse(not_a_drop).is_err(), "{not_a_drop}");
        }
        assert_eq!(
            DropKey::parse("drops/acme/lineup.xlsx").unwrap().format(),
            None
        );
    }

    #[test]
    fn event_keys_are_decoded_as_s3_encodes_them() {
        assert_eq!(
            event_key("drops/acme/week+47%2B1.csv"),
            "drops/acme/week 47+1.csv"
        );
        assert_eq!(event_key("drops/caf%C3%A9/a.ics"), "drops/café/a.ics");
        assert_eq!(event_key("drops/acme/100%.csv"), "drops/acme/100%.csv");
    }

    #[test]
    fn a_second_row_with_an_id_already_used_is_rejected_naming_the_first() {
        let mut checker = RowChecker::new(at("2026-11-22T00:00:00Z"), DEFAULT_HORIZON, None);
        assert!(
            checker
                .check(row(0, "a", "2026-11-22T20:00:00Z", None))
                .is_ok()
        );
        assert_eq!(
            checker.check(row(1, "a", "2026-11-23T20:00:00Z", None)),
            Err("id \"a\" is already used by entry 0 (line 2)".to_owned())
        );
    }

    #[test]
    fn removal_spares_what_the_file_still_has_and_occurrences_outside_the_window() {
        // GIVEN a file with a one-off event and a daily series, imported on 22 November
        let now = at("2026-11-22T00:00:00Z");
        let mut checker = RowChecker::new(now, Duration::days(14), None);
        checker
            .check(row(0, "one-off", "2026-11-25T20:00:00Z", None))
            .unwrap();
        let daily = checker
            .check(row(
                1,
                "daily",
                "2026-11-01T20:00:00Z",
                Some("FREQ=DAILY;UNTIL=20261205T200000Z"),
            ))
            .unwrap();
        assert_eq!(
            daily.first().map(|event| event.id.as_str()),
            Some("daily@20261119T2000Z")
        );

        // THEN what it has stays, and what it dropped goes; long-past occurrences of a kept series stay (TTL
        // removes them), and so does an occurrence beyond the horizon a longer earlier horizon wrote
        assert!(checker.keeps("one-off", at("2026-11-25T20:00:00Z")));
        assert!(checker.keeps("daily@20261122T2000Z", at("2026-11-22T20:00:00Z")));
        assert!(!checker.keeps("gone", at("2026-11-25T20:00:00Z")));
        assert!(!checker.keeps("daily@20261122T2100Z", at("2026-11-22T21:00:00Z")));
        assert!(checker.keeps("daily@20261110T2000Z", at("2026-11-10T20:00:00Z")));
        assert!(checker.keeps("daily@20261210T2000Z", at("2026-12-10T20:00:00Z")));
        assert!(!checker.keeps("other@20261110T2000Z", at("2026-11-10T20:00:00Z")));
    }

    #[test]
    fn a_report_lists_a_bounded_number_of_rejections_and_counts_the_rest() {
        let object = DropObject::latest("onair-drops", "drops/acme/a.csv").unwrap();
        let mut report = ImportReport::new(&object, None, at("2026-11-22T00:00:00Z"));
        for index in 0..MAX_LISTED_REJECTIONS + 5 {
            report.reject(
                RowPosition { index, line: None },
                "title is required".to_owned(),
            );
        }
        assert_eq!(report.rejected, MAX_LISTED_REJECTIONS + 5);
        assert_eq!(report.rejections.len(), MAX_LISTED_REJECTIONS);
        assert_eq!(report.rejections_not_listed, 5);
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(
            json["rejections"][0],
            serde_json::json!({"index": 0, "reason": "title is required"})
        );
        assert_eq!(json["status"], "imported");
        assert_eq!(json["object"], "s3://onair-drops/drops/acme/a.csv");
    }

    #[test]
    fn every_failure_reaches_lambda_as_a_retryable_error_with_its_cause() {
        let diagnostic = Diagnostic::from(DropError::Read {
            object: "s3://b/drops/a/x.csv".to_owned(),
            source: "connection reset".into(),
        });
        assert_eq!(diagnostic.error_type, "Retryable.S3");
        assert_eq!(
            diagnostic.error_message,
            "drop s3://b/drops/a/x.csv could not be read: connection reset"
        );
        let throttled = Diagnostic::from(DropError::Write(WriteError::Throttled { left: 3 }));
        assert_eq!(throttled.error_type, "Retryable.DynamoDb");
    }

    #[test]
    fn the_function_needs_a_table_and_may_set_a_horizon() {
        let vars = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| (*value).to_owned())
            }
        };
        assert_eq!(
            ImportConfig::from_vars(vars(&[])).unwrap_err().to_string(),
            "missing environment variable ONAIR_TABLE"
        );
        let config =
            ImportConfig::from_vars(vars(&[("ONAIR_TABLE", "events"), (HORIZON_VAR, "28")]))
                .unwrap();
        assert_eq!(config.horizon, Duration::days(28));
        assert_eq!(
            ImportConfig::from_vars(vars(&[("ONAIR_TABLE", "events")]))
                .unwrap()
                .horizon,
            DEFAULT_HORIZON
        );
        assert!(
            ImportConfig::from_vars(vars(&[("ONAIR_TABLE", "t"), (HORIZON_VAR, "0")])).is_err()
        );
        // A log filter the function could not apply fails the init, as the skill's does, instead of logging at
        // another level than the operator asked for.
        assert_eq!(
            ImportConfig::from_vars(vars(&[("ONAIR_TABLE", "t"), ("RUST_LOG", "onair=loud")]))
                .unwrap_err()
                .to_string()
                .split(':')
                .next(),
            Some("invalid environment variable RUST_LOG")
        );
    }
}
