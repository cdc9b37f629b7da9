//! Go-live notifications: the `notify` function (every 5 minutes) finds the shows starting around now whose sources
//! have followers, and sends each follower one `AMAZON.MediaContent.Available` event per show.
//!
//! Each (show, listener) pair has a stable `referenceId`; before sending, the run claims it in the
//! [`NotificationLedger`] with a conditional write, so a retried, late or overlapping run never notifies anyone
//! twice. A failed send gives its claim back, so the next run (whose window overlaps this one) tries again.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::alexa::proactive_event::{
    Availability, CONTENT_NAME, Content, ContentType, DistributionMethod, Event,
    LocalizedAttributes, MEDIA_CONTENT_AVAILABLE, MediaContentPayload, PROVIDER_NAME,
    ProactiveEvent, Provider, RelevantAudience, UnicastPayload,
};
use crate::proactive_events::{ProactiveEventsClient, SendError};
use crate::schedule::{LiveEvent, Schedule, source_key};
use crate::storage::{Claimed, FollowStore, Listener, NotificationLedger, StoreError, UserKey};

pub mod function;

/// How often the `notify` function runs (its EventBridge schedule in `template.yaml`).
pub const PERIOD: Duration = Duration::minutes(5);
/// How long a sent notification is remembered: longer than any show, so a late retry still finds it.
const LEDGER_TTL: Duration = Duration::days(2);
/// The shortest and longest `expiryTime` the API accepts, after the event's `timestamp`.
const MIN_EXPIRY: Duration = Duration::minutes(5);
const MAX_EXPIRY: Duration = Duration::hours(24);
/// The provider named when a show has no channel.
const SKILL_NAME: &str = "On Air Live";

/// One notification: a show going live, for one follower.
#[derive(Debug, Clone)]
pub struct Notification {
    /// The occurrence.
    pub event_id: String,
    /// Its title, for the report.
    pub title: String,
    /// The follower.
    pub listener: Listener,
    /// The body sent to the Proactive Events API.
    pub body: ProactiveEvent,
}

/// What a run did, for its log line and `onair notify`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NotifyReport {
    /// Shows starting in the window.
    pub shows: usize,
    /// Notifications due (show × follower).
    pub due: usize,
    /// Sent now.
    pub sent: usize,
    /// Sent by an earlier run already.
    pub already_sent: usize,
    /// Not sent; the next run tries again.
    pub failed: usize,
    /// Per occurrence id, how many of its followers are due (what a dry run shows).
    pub by_show: BTreeMap<String, usize>,
}

/// Why a run could not even plan.
#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    /// The schedule or the follows could not be read.
    #[error("cannot read what to notify")]
    Store(#[from] StoreError),
}

/// Whether a run sends or only plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Claim and send.
    Send,
    /// Report what would be sent; write and send nothing.
    DryRun,
}

/// The occurrences a run at `at` announces: starting in `[at - PERIOD, at + PERIOD)`. The window reaches one period
/// back so a missed or failed run is made up by the next one (the ledger keeps that from repeating anything).
#[must_use]
pub fn starting_around(schedule: &Schedule, at: DateTime<Utc>) -> Vec<&LiveEvent> {
    schedule
        .events()
        .iter()
        .filter(|e| e.starts_at >= at - PERIOD && e.starts_at < at + PERIOD)
        .collect()
}

/// The stable id of one show's notification to one listener: the same on every run, and revealing neither.
#[must_use]
pub fn reference_id(event_id: &str, user: &UserKey) -> String {
    let digest = Sha256::digest(format!("{event_id}\n{}", user.as_str()).as_bytes());
    let hex: String = digest
        .iter()
        .take(16)
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!("onair-{hex}")
}

/// Every notification due at `at`: each show starting around then, to each follower of any of its names who may be
/// offered it in their language, once per listener however many of the show's names they follow.
///
/// # Errors
/// Returns [`NotifyError`] when the follows cannot be read.
pub async fn plan(
    schedule: &Schedule,
    follows: &dyn FollowStore,
    at: DateTime<Utc>,
) -> Result<Vec<Notification>, NotifyError> {
    let mut due = Vec::new();
    for event in starting_around(schedule, at) {
        let mut listeners: BTreeMap<String, Listener> = BTreeMap::new();
        let mut keys: Vec<String> = event.names().map(source_key).collect();
        keys.sort();
        keys.dedup();
        for key in keys.iter().filter(|key| !key.is_empty()) {
            for listener in follows.followers(key).await? {
                if event.available_in(&listener.locale) {
                    listeners
                        .entry(listener.key.as_str().to_owned())
                        .or_insert(listener);
                }
            }
        }
        for listener in listeners.into_values() {
            due.push(Notification {
                event_id: event.id.as_str().to_owned(),
                title: event.title.clone(),
                body: event_body(event, &listener, at),
                listener,
            });
        }
    }
    Ok(due)
}

/// The `AMAZON.MediaContent.Available` event telling `listener` that `event` goes live.
#[must_use]
pub fn event_body(event: &LiveEvent, listener: &Listener, at: DateTime<Utc>) -> ProactiveEvent {
    let provider = event
        .channel
        .clone()
        .unwrap_or_else(|| SKILL_NAME.to_owned());
    // Every locale onair speaks that may be offered the show: Alexa picks the listener's.
    let localized_attributes = crate::locale::tags()
        .filter(|tag| event.available_in(tag))
        .map(|tag| LocalizedAttributes {
            locale: tag.to_owned(),
            provider_name: provider.clone(),
            content_name: event.title.clone(),
        })
        .collect();
    let expiry = event.ends_at.clamp(at + MIN_EXPIRY, at + MAX_EXPIRY);
    ProactiveEvent {
        timestamp: at,
        reference_id: reference_id(event.id.as_str(), &listener.key),
        expiry_time: expiry,
        event: Event {
            name: MEDIA_CONTENT_AVAILABLE,
            payload: MediaContentPayload {
                availability: Availability {
                    start_time: event.starts_at,
                    provider: Provider {
                        name: PROVIDER_NAME,
                    },
                    method: DistributionMethod::Stream,
                },
                content: Content {
                    name: CONTENT_NAME,
                    content_type: ContentType::Episode,
                },
            },
        },
        localized_attributes,
        relevant_audience: RelevantAudience::Unicast(UnicastPayload {
            user: listener.user_id.clone(),
        }),
    }
}

/// Plans and (in [`Mode::Send`]) sends the notifications due at `at`.
///
/// # Errors
/// Returns [`NotifyError`] when nothing could be planned; a notification that could not be sent is counted in
/// [`NotifyReport::failed`] and its claim given back.
pub async fn run(
    schedule: &Schedule,
    follows: &dyn FollowStore,
    ledger: &dyn NotificationLedger,
    client: Option<&ProactiveEventsClient>,
    at: DateTime<Utc>,
    mode: Mode,
) -> Result<NotifyReport, NotifyError> {
    let due = plan(schedule, follows, at).await?;
    let mut report = NotifyReport {
        shows: starting_around(schedule, at).len(),
        due: due.len(),
        ..NotifyReport::default()
    };
    for notification in &due {
        *report
            .by_show
            .entry(notification.event_id.clone())
            .or_default() += 1;
    }
    let (Mode::Send, Some(client)) = (mode, client) else {
        return Ok(report);
    };
    let mut stopped = false;
    for notification in &due {
        if stopped {
            report.failed += 1;
            continue;
        }
        let reference = &notification.body.reference_id;
        match ledger.claim(reference, at + LEDGER_TTL).await? {
            Claimed::AlreadySent => {
                report.already_sent += 1;
                continue;
            }
            Claimed::New => {}
        }
        match client.send(&notification.body).await {
            Ok(()) => report.sent += 1,
            Err(error) => {
                log_failure(&error, notification);
                report.failed += 1;
                stopped = error.stops_the_run();
                if let Err(error) = ledger.release(reference).await {
                    // The claim stays until its TTL: this listener misses this one show, nobody gets it twice.
                    tracing::error!(error = %error, "could not give a notification claim back");
                }
            }
        }
    }
    tracing::info!(
        notify.shows = report.shows,
        notify.due = report.due,
        notify.sent = report.sent,
        notify.already_sent = report.already_sent,
        notify.failed = report.failed,
        "notified"
    );
    Ok(report)
}

fn log_failure(error: &SendError, notification: &Notification) {
    // The occurrence id and the hashed listener's prefix, never the user id.
    tracing::warn!(
        error = %error,
        event.id = notification.event_id.as_str(),
        user = ?notification.listener.key,
        "go-live notification not sent"
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::Lineup;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn a_run_announces_shows_starting_within_one_period_either_side() {
        let demo = Lineup::demo();
        let now = at("2026-11-22T20:00:00Z");
        let schedule = Schedule::new(
            demo.occurrences_between(now - Duration::days(1), now + Duration::days(2)),
        );
        let Some(next) = schedule.upcoming(now, 1).first().map(|e| e.starts_at) else {
            panic!("the demo lineup has a next show");
        };
        let ids = |run: DateTime<Utc>| -> Vec<String> {
            starting_around(&schedule, run)
                .iter()
                .map(|e| e.id.as_str().to_owned())
                .collect()
        };
        assert!(
            !ids(next - Duration::minutes(4)).is_empty(),
            "4 minutes early"
        );
        assert_eq!(
            ids(next - Duration::minutes(4)),
            ids(next + Duration::minutes(5) - Duration::seconds(1))
        );
        // A run that fell out makes up for it; beyond one period nothing is announced late.
        assert!(
            ids(next + Duration::minutes(5) + Duration::seconds(1))
                .iter()
                .all(|id| !ids(next).contains(id))
        );
    }

    #[test]
    fn a_reference_id_is_stable_and_names_neither_the_show_nor_the_listener() {
        let user = UserKey::from_user_id("amzn1.ask.account.A");
        let id = reference_id("sera-uno@20261122T1700Z", &user);
        assert_eq!(id, reference_id("sera-uno@20261122T1700Z", &user));
        assert_ne!(id, reference_id("sera-uno@20261123T1700Z", &user));
        assert_ne!(
            id,
            reference_id(
                "sera-uno@20261122T1700Z",
                &UserKey::from_user_id("amzn1.ask.account.B")
            )
        );
        assert!(id.starts_with("onair-") && id.len() == "onair-".len() + 32);
        assert!(!id.contains("sera") && !id.contains(user.as_str()));
    }
}
