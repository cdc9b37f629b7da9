//! The health check while live: the streams of shows on air now and starting within [`SOON`] are checked again,
//! and an event's `streamTrouble` mark is set when its stream fails and cleared when it plays again, and its
//! `resolvedStream` follows a rendition URL that changed (the
//! `stream-check` Lambda function on a schedule, and `onair streams check`). Only changes are written.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::batch::StreamChecks;
use super::resolver::Verdict;
use crate::schedule::{LiveEvent, Schedule};
use crate::storage::StoreError;
use crate::storage::stream_marks::StreamMarks;

/// How far ahead a check looks: a show starting this soon is checked before its listeners arrive.
pub const SOON: Duration = Duration::minutes(30);

/// What the check found for one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EventHealth {
    /// The event id.
    pub id: String,
    /// The partner's stream URL.
    pub stream_url: String,
    /// The verdict of the check.
    pub verdict: Verdict,
    /// The first warning, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
    /// What was written: `marked`, `cleared`, `re-resolved`, or nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<&'static str>,
}

/// One run of the health check.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthRun {
    /// Events checked, live now or starting soon.
    pub events: Vec<EventHealth>,
    /// Distinct streams fetched.
    pub streams_checked: usize,
    /// Events newly marked as having trouble.
    pub marked: usize,
    /// Events whose mark was cleared.
    pub cleared: usize,
    /// Events whose stream now resolves to another URL (an HLS rendition with a new token), recorded.
    pub re_resolved: usize,
}

/// The events a check at `at` looks at: live now, or starting within [`SOON`].
#[must_use]
pub fn events_to_check(schedule: &Schedule, at: DateTime<Utc>) -> Vec<&LiveEvent> {
    schedule
        .events()
        .iter()
        .filter(|event| {
            event.is_live_at(at) || (event.starts_at > at && event.starts_at <= at + SOON)
        })
        .collect()
}

/// Checks the streams of `schedule`'s events live at `at` or starting soon and, with `marks`, writes what changed.
///
/// # Errors
/// Returns [`StoreError`] when a mark cannot be written; marks written before stay.
pub async fn check_live_streams(
    schedule: &Schedule,
    checks: &StreamChecks,
    marks: Option<&StreamMarks>,
    at: DateTime<Utc>,
) -> Result<HealthRun, StoreError> {
    let events = events_to_check(schedule, at);
    let reports = checks
        .check_all(events.iter().map(|event| event.stream_url.as_str()))
        .await;
    let mut run = HealthRun {
        streams_checked: reports.len(),
        ..HealthRun::default()
    };
    for event in events {
        let Some(report) = reports.get(event.stream_url.as_str()) else {
            continue;
        };
        let trouble = report.trouble(at, true);
        // A master's rendition URL may carry a token that expires: the check's own pick replaces the import's.
        let resolved = report.resolved(at);
        let moved = report.verdict == Verdict::Playable
            && event.stream.as_ref().map(|stream| &stream.play_url)
                != resolved.as_ref().map(|stream| &stream.play_url);
        let change = match (&event.stream_trouble, &trouble) {
            (None, None) if moved => Some("re-resolved"),
            (None, None) => None,
            (Some(_), None) => Some("cleared"),
            (Some(old), Some(new)) if old.reason == new.reason => None,
            (_, Some(_)) => Some("marked"),
        };
        if let (Some(change), Some(marks)) = (change, marks) {
            let resolved = resolved.as_ref().or(event.stream.as_deref());
            marks.mark(event, trouble.as_ref(), resolved).await?;
            match change {
                "marked" => run.marked += 1,
                "cleared" => run.cleared += 1,
                _ => run.re_resolved += 1,
            }
        }
        run.events.push(EventHealth {
            id: event.id.to_string(),
            stream_url: event.stream_url.to_string(),
            verdict: report.verdict,
            warning: report.warnings.first().map(ToString::to_string),
            change,
        });
    }
    if let Some(marks) = marks
        && run.marked + run.cleared + run.re_resolved > 0
    {
        marks.changed().await?;
    }
    Ok(run)
}
