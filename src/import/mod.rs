//! Partner schedule drops: an S3 object under `drops/<partner>/` is streamed, parsed by its extension, validated row
//! by row, upserted as that partner's events, the events an earlier version of the same object had and this one no
//! longer has are removed, and a report is written to `reports/<key>.json`.
//!
//! Shared by the `schedule-import` Lambda function ([`Importer::invoke`], an S3 `ObjectCreated` event) and
//! `onair schedule import s3://bucket/key` ([`Importer::import`]). The layout and formats are documented for
//! partners in `docs/s3.md`.
//!
//! - Memory: the object is read as it arrives and validated on a blocking thread that hands over chunks of
//!   [`CHUNK_OCCURRENCES`] occurrences through a bounded channel; the import keeps only a 64-bit hash per id of the
//!   file (for duplicate ids and for removals) and at most [`MAX_LISTED_REJECTIONS`] rejection reasons.
//! - Retries: a transient S3 or DynamoDB failure fails the invocation ([`DropError`], retryable); a malformed file
//!   gets a report and succeeds, since reading it again would fail again.
//! - Repeats: the [`DropLedger`] skips a delivery whose S3 event (or a later one for the same object) was already
//!   imported, and content hashes make a re-import of unchanged rows write nothing.

use std::collections::HashMap;
use std::io::Read;
use std::ops::ControlFlow;
use std::time::Instant;

use aws_lambda_events::event::s3::S3Event;
use chrono::{DateTime, Duration, Utc};
use lambda_runtime::{Diagnostic, LambdaEvent};
use tokio::sync::mpsc;
use tokio_util::io::SyncIoBridge;

use crate::config::{ConfigError, DEFAULT_LOG_FILTER, LOG_VAR, TABLE_VAR};
use crate::schedule::{DropFileError, DropFormat, LiveEvent, RowPosition};
use crate::storage::drop_ledger::{DropLedger, LedgerEntry, LedgerError};
use crate::storage::event_item::Origin;
use crate::storage::event_writer::{EventWriter, WriteError};
use crate::storage::s3::{Opened, S3Error, S3Objects};
use crate::storage::schedule_import::DEFAULT_HORIZON;

mod checks;
mod drop_key;
mod report;
mod rows;

pub use drop_key::{DROPS_PREFIX, DropKey, DropKeyError, DropObject, REPORTS_PREFIX};
pub use report::{
    DropOutcome, ImportReport, MAX_LISTED_REJECTIONS, OccurrenceCounts, ReportStatus, RowRejection,
    Skip,
};

use checks::RowChecker;
use drop_key::drop_object;
use rows::read_rows;

/// Occurrences handed from the reader to the writer at once: one `BatchGetItem` of stored versions.
pub const CHUNK_OCCURRENCES: usize = 100;
/// Chunks read ahead of the writer.
const CHUNKS_AHEAD: usize = 2;
/// The variable holding how many days ahead recurring entries are expanded.
pub const HORIZON_VAR: &str = "ONAIR_IMPORT_HORIZON_DAYS";
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
}

impl ImportConfig {
    /// Reads the configuration from the process environment.
    ///
    /// # Errors
    /// Returns [`ConfigError`] naming the first variable that is missing or invalid.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// Reads the configuration through `var`; empty values count as unset.
    ///
    /// # Errors
    /// Returns [`ConfigError`] naming the first variable that is missing or invalid.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let var = |name: &str| var(name).filter(|value| !value.trim().is_empty());
        let events_table = var(TABLE_VAR).ok_or(ConfigError::Missing {
            variable: TABLE_VAR,
        })?;
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
        Ok(Self {
            events_table,
            horizon,
            log_filter: var(LOG_VAR).unwrap_or_else(|| DEFAULT_LOG_FILTER.to_owned()),
        })
    }
}

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

/// Imports partner drops from S3 into the events table.
#[derive(Debug, Clone)]
pub struct Importer {
    objects: S3Objects,
    writer: EventWriter,
    ledger: DropLedger,
    horizon: Duration,
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
                    tracing::info!(reason = ?reason, "s3 record skipped");
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

    /// Streams the body through the reader thread, stores accepted rows chunk by chunk, and (when the file was
    /// read to the end) removes the object's earlier events this version no longer has.
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
        let (chunks, mut received) = mpsc::channel::<Chunk>(CHUNKS_AHEAD);
        let horizon = self.horizon;
        let reader = tokio::task::spawn_blocking(move || {
            let mut checker = RowChecker::new(at, horizon);
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

        let origin = object.origin();
        let mut failure = None;
        while let Some(chunk) = received.recv().await {
            if let Err(error) = self.store(&mut report, chunk, &origin, mode).await {
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
            Err(DropFileError::Io(error)) => {
                return Err(DropError::Read {
                    object: url,
                    source: error.into(),
                });
            }
            Err(error) => {
                report.status = ReportStatus::Malformed;
                report.error = Some(error.to_string());
            }
            Ok(()) if mode == Mode::Import => {
                if self.superseded(object).await? {
                    tracing::warn!(drop.object = %url, "a later version was imported meanwhile: nothing removed");
                } else {
                    let checker = &end.checker;
                    report.occurrences.removed = self
                        .writer
                        .remove_from_origin(&origin, |id, starts_at| checker.keeps(id, starts_at))
                        .await?;
                }
            }
            Ok(()) => {}
        }
        Ok(report)
    }

    /// Stores one chunk and counts it into `report`.
    async fn store(
        &self,
        report: &mut ImportReport,
        chunk: Chunk,
        origin: &Origin,
        mode: Mode,
    ) -> Result<(), DropError> {
        report.rows += chunk.accepted.len() + chunk.rejected.len();
        for rejection in chunk.rejected {
            report.reject(rejection.position, rejection.reason);
        }
        let occurrences: Vec<LiveEvent> = chunk
            .accepted
            .iter()
            .flat_map(|row| row.occurrences.iter().cloned())
            .collect();
        report.occurrences.expanded += occurrences.len();
        if mode == Mode::DryRun {
            report.accepted += chunk.accepted.len();
            return Ok(());
        }
        let upserted = self
            .writer
            .upsert_from(&occurrences, Some(origin), |_| {})
            .await?;
        report.occurrences.written += upserted.summary.written;
        report.occurrences.unchanged += upserted.summary.unchanged;
        let foreign: HashMap<&str, Option<&str>> = upserted
            .foreign
            .iter()
            .map(|event| (event.id.as_str(), event.owner.as_deref()))
            .collect();
        for row in chunk.accepted {
            let refused = row
                .occurrences
                .iter()
                .find_map(|event| Some((event.id.as_str(), *foreign.get(event.id.as_str())?)));
            match refused {
                None => report.accepted += 1,
                Some((id, owner)) => {
                    let owner = match owner {
                        Some(partner) => format!("partner {partner:?}"),
                        None => "the operator's schedule import".to_owned(),
                    };
                    report.reject(
                        row.position,
                        format!(
                            "id {id:?} belongs to {owner}: a partner may only change its own events"
                        ),
                    );
                }
            }
        }
        Ok(())
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

/// Whether an import writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Import,
    DryRun,
}

#[cfg(test)]
mod tests {
    use super::drop_key::event_key;
    use super::*;
    use crate::schedule::DraftRow;

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
        let mut checker = RowChecker::new(at("2026-11-22T00:00:00Z"), DEFAULT_HORIZON);
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
        let mut checker = RowChecker::new(now, Duration::days(14));
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
    }
}
