//! The [`Reminders`] port: the listener's reminders from this skill, as the Alexa Reminders API keeps them
//! (<https://developer.amazon.com/docs/alexa/smapi/alexa-reminders-api-reference.html>).
//!
//! The production adapter calls the API over HTTPS (`crate::reminders_api`); [`InMemoryReminders`] follows the same
//! contract in process (`onair say`), and [`NoReminders`], the default, has no reminders service at all: asking for
//! a reminder then gets a short apology.

use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;

use super::zone::DeviceRef;

/// The permission scope a skill needs to read and write the listener's reminders; the manifest must declare it.
pub const REMINDERS_SCOPE: &str = "alexa::alerts:reminders:skill:readwrite";

/// A reminder to create: a `SCHEDULED_ABSOLUTE` trigger at a wall-clock time in a zone, spoken in one locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReminder {
    /// When the request was made (`requestTime`).
    pub request_time: DateTime<Utc>,
    /// The wall-clock time it rings, in `time_zone` (`trigger.scheduledTime`).
    pub scheduled_time: NaiveDateTime,
    /// The zone of `scheduled_time` (`trigger.timeZoneId`).
    pub time_zone: Tz,
    /// An RFC 5545 rule for a reminder that repeats (`trigger.recurrence.recurrenceRules`), e.g.
    /// `FREQ=WEEKLY;BYDAY=SU;BYHOUR=20;BYMINUTE=0;BYSECOND=0;INTERVAL=1`; `None` for a one-off.
    pub recurrence: Option<String>,
    /// The locale of `text` (`alertInfo.spokenInfo.content[].locale`).
    pub locale: String,
    /// What Alexa says when it rings.
    pub text: String,
}

/// One of the skill's reminders, as the API lists it (only what onair reads back).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    /// `alertToken`: the id to delete it by.
    pub alert_token: String,
    /// `trigger.scheduledTime`, if the API gave one.
    pub scheduled_time: Option<NaiveDateTime>,
    /// `trigger.timeZoneId`, if the API gave one it knows.
    pub time_zone: Option<Tz>,
    /// Whether it repeats.
    pub recurring: bool,
    /// Every `alertInfo.spokenInfo.content[].text`.
    pub texts: Vec<String>,
    /// Whether it is still to ring (`status` `ON`); a `COMPLETED` one is listed for three days after it rang.
    pub on: bool,
}

impl Reminder {
    /// The instant it rings, when its time and zone are known.
    #[must_use]
    pub fn rings_at(&self) -> Option<DateTime<Utc>> {
        let zone = self.time_zone?;
        let local = self.scheduled_time?;
        local
            .and_local_timezone(zone)
            .earliest()
            .map(|at| at.with_timezone(&Utc))
    }
}

/// Why a call to the Reminders API did not work. Each becomes something short the listener hears.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReminderError {
    /// 401 or 403: the listener has not granted (or has revoked) the reminders permission.
    #[error("the reminders permission is missing (status {0})")]
    NotPermitted(u16),
    /// 429: the skill is throttled.
    #[error("the reminders api is throttling the skill")]
    Throttled,
    /// A 5xx, a timeout, a transport failure, or an answer that does not fit the contract.
    #[error("the reminders api is unavailable: {0}")]
    Unavailable(String),
    /// The request carries no `apiEndpoint` or `apiAccessToken`, or there is no reminders service configured.
    #[error("no reminders api to call")]
    NoAccess,
}

/// Where the skill reads and writes the listener's reminders. Every call is bounded in time by the adapter.
pub trait Reminders: Send + Sync {
    /// Creates `reminder`; the new reminder's `alertToken`.
    fn create(
        &self,
        api: DeviceRef<'_>,
        reminder: &NewReminder,
    ) -> impl Future<Output = Result<String, ReminderError>> + Send;

    /// Every reminder this skill set for this listener.
    fn list(
        &self,
        api: DeviceRef<'_>,
    ) -> impl Future<Output = Result<Vec<Reminder>, ReminderError>> + Send;

    /// Deletes the reminder `alert_token`.
    fn delete(
        &self,
        api: DeviceRef<'_>,
        alert_token: &str,
    ) -> impl Future<Output = Result<(), ReminderError>> + Send;
}

/// No reminders service: every call fails with [`ReminderError::NoAccess`]. The default of
/// [`crate::skill::Skill`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NoReminders;

impl Reminders for NoReminders {
    async fn create(
        &self,
        _api: DeviceRef<'_>,
        _reminder: &NewReminder,
    ) -> Result<String, ReminderError> {
        Err(ReminderError::NoAccess)
    }

    async fn list(&self, _api: DeviceRef<'_>) -> Result<Vec<Reminder>, ReminderError> {
        Err(ReminderError::NoAccess)
    }

    async fn delete(&self, _api: DeviceRef<'_>, _alert_token: &str) -> Result<(), ReminderError> {
        Err(ReminderError::NoAccess)
    }
}

impl<R: Reminders> Reminders for Arc<R> {
    async fn create(
        &self,
        api: DeviceRef<'_>,
        reminder: &NewReminder,
    ) -> Result<String, ReminderError> {
        (**self).create(api, reminder).await
    }

    async fn list(&self, api: DeviceRef<'_>) -> Result<Vec<Reminder>, ReminderError> {
        (**self).list(api).await
    }

    async fn delete(&self, api: DeviceRef<'_>, alert_token: &str) -> Result<(), ReminderError> {
        (**self).delete(api, alert_token).await
    }
}

/// The Reminders API's contract, kept in memory for one listener: what `onair say` and `onair test` run against.
///
/// Like the API it refuses a call without an access token (401), creates only reminders that ring after their
/// request time (400 otherwise) and lists only what it created. Cheap to clone: clones share the reminders.
#[derive(Debug, Clone, Default)]
pub struct InMemoryReminders {
    reminders: Arc<Mutex<Vec<Reminder>>>,
}

impl InMemoryReminders {
    /// No reminders yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Every reminder set so far, oldest first.
    #[must_use]
    pub fn all(&self) -> Vec<Reminder> {
        self.lock().clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Reminder>> {
        self.reminders
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

fn authorized(api: DeviceRef<'_>) -> Result<(), ReminderError> {
    match api.api_access_token {
        Some(token) if !token.is_empty() => Ok(()),
        _ => Err(ReminderError::NotPermitted(401)),
    }
}

impl Reminders for InMemoryReminders {
    async fn create(
        &self,
        api: DeviceRef<'_>,
        reminder: &NewReminder,
    ) -> Result<String, ReminderError> {
        authorized(api)?;
        let mut reminders = self.lock();
        let token = format!("onair-reminder-{}", reminders.len() + 1);
        let created = Reminder {
            alert_token: token.clone(),
            scheduled_time: Some(reminder.scheduled_time),
            time_zone: Some(reminder.time_zone),
            recurring: reminder.recurrence.is_some(),
            texts: vec![reminder.text.clone()],
            on: true,
        };
        if created
            .rings_at()
            .is_none_or(|at| at <= reminder.request_time)
        {
            return Err(ReminderError::Unavailable(
                "400: the reminder would ring in the past".to_owned(),
            ));
        }
        reminders.push(created);
        Ok(token)
    }

    async fn list(&self, api: DeviceRef<'_>) -> Result<Vec<Reminder>, ReminderError> {
        authorized(api)?;
        Ok(self.all())
    }

    async fn delete(&self, api: DeviceRef<'_>, alert_token: &str) -> Result<(), ReminderError> {
        authorized(api)?;
        let mut reminders = self.lock();
        let before = reminders.len();
        reminders.retain(|r| r.alert_token != alert_token);
        if reminders.len() == before {
            return Err(ReminderError::Unavailable(
                "404: no such reminder".to_owned(),
            ));
        }
        Ok(())
    }
}
