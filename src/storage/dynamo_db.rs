//! [`DynamoDbScheduleStore`]: the schedule from the events table, served warm from a per-container snapshot.
//!
//! A warm request makes no DynamoDB call: the snapshot of the window around `now` is kept in memory and reused
//! until it is older than `max_age` (30 s by default) or `now` leaves its window. A cold one makes one `Query` per
//! time bucket touched (at most two; more only when a bucket holds over 1 MB of events). When DynamoDB fails, the
//! last snapshot keeps answering (logged once, retried after a pause); with no snapshot at all the caller gets a
//! [`StoreError`] and the listener a short apology.

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration as StdDuration, Instant};

use aws_config::SdkConfig;
use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::config::interceptors::BeforeSerializationInterceptorContextRef;
use aws_sdk_dynamodb::config::retry::RetryConfig;
use aws_sdk_dynamodb::config::timeout::TimeoutConfig;
use aws_sdk_dynamodb::config::{ConfigBag, Intercept};
use aws_sdk_dynamodb::types::AttributeValue;
use chrono::{DateTime, Duration, Utc};
use tokio::sync::Mutex;

use super::event_item::{
    EVENT_SORT_KEY, EventItem, MAX_EVENT_DURATION, bucket_keys_between, channel_partition_key,
    event_partition_key, name_partition_key, sort_time,
};
use super::{HORIZON, LOOKBACK, ScheduleStore, StoreError, tables};
use crate::schedule::{EventId, LiveEvent, Schedule};

/// How long a snapshot is served before it is read again, unless configured otherwise.
pub const DEFAULT_MAX_AGE: StdDuration = StdDuration::from_secs(30);

/// How far beyond `[now - LOOKBACK, now + HORIZON]` a snapshot reaches on each side, so it stays valid while `now`
/// moves on (or back, when replays pin the clock to slightly different instants).
const WINDOW_SLACK: Duration = Duration::hours(1);

/// Items per `Query` page: small enough that one page is read well within the 1 s attempt timeout even for a
/// huge window (a full 1 MB page can take longer), large enough that a usual window is one page per bucket.
const PAGE_SIZE: i32 = 1_000;

/// After a failed refresh, the stale snapshot is served without asking DynamoDB for this long, so an outage costs
/// one slow request per pause, not every request.
const RETRY_PAUSE: StdDuration = StdDuration::from_secs(5);

/// The production client settings: no DynamoDB wait exceeds about 2 s per request (500 ms to connect, 1 s per
/// attempt, 2 s for the whole operation including one retry).
#[must_use]
pub fn client_config(sdk: &SdkConfig) -> aws_sdk_dynamodb::config::Builder {
    aws_sdk_dynamodb::config::Builder::from(sdk)
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(StdDuration::from_millis(500))
                .operation_attempt_timeout(StdDuration::from_secs(1))
                .operation_timeout(StdDuration::from_secs(2))
                .build(),
        )
        .retry_config(
            RetryConfig::standard()
                .with_max_attempts(2)
                .with_initial_backoff(StdDuration::from_millis(50))
                .with_max_backoff(StdDuration::from_millis(200)),
        )
}

/// A client with [`client_config`]; the endpoint follows the SDK's `AWS_ENDPOINT_URL(_DYNAMODB)` variables.
#[must_use]
pub fn client(sdk: &SdkConfig) -> Client {
    Client::from_conf(client_config(sdk).build())
}

/// Counts the DynamoDB operations a client sends (one per call, whatever its retries): proves the warm path makes
/// none. Add it with `client_config(sdk).interceptor(counter.clone())`.
#[derive(Debug, Clone, Default)]
pub struct CallCounter(Arc<AtomicUsize>);

impl CallCounter {
    /// Operations sent so far.
    #[must_use]
    pub fn calls(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

impl Intercept for CallCounter {
    fn name(&self) -> &'static str {
        "onair.CallCounter"
    }

    fn read_before_execution(
        &self,
        _context: &BeforeSerializationInterceptorContextRef<'_>,
        _cfg: &mut ConfigBag,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        self.0.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }
}

/// A schedule read at one moment, for a window of time.
struct Snapshot {
    schedule: Arc<Schedule>,
    /// Every occurrence overlapping `[from, to)` is in `schedule`.
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    loaded: Instant,
}

impl Snapshot {
    fn covers_window_of(&self, now: DateTime<Utc>) -> bool {
        self.from <= now - LOOKBACK && now + HORIZON <= self.to
    }

    fn covers(&self, now: DateTime<Utc>) -> bool {
        self.from <= now && now < self.to
    }
}

/// What the refresh lock guards: whether DynamoDB is failing, so the failure is logged once and retried later.
#[derive(Default)]
struct Health {
    failing_since: Option<Instant>,
    retry_after: Option<Instant>,
}

/// The schedule in a DynamoDB events table (see [`tables::EVENTS`]), with a warm per-container snapshot.
///
/// Cloning shares the snapshot.
#[derive(Clone)]
pub struct DynamoDbScheduleStore {
    client: Client,
    table: Arc<str>,
    max_age: StdDuration,
    current: Arc<RwLock<Option<Arc<Snapshot>>>>,
    /// Held while a snapshot is read, so concurrent cold requests wait for one read instead of each making one.
    health: Arc<Mutex<Health>>,
}

impl fmt::Debug for DynamoDbScheduleStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DynamoDbScheduleStore")
            .field("table", &self.table)
            .field("max_age", &self.max_age)
            .finish_non_exhaustive()
    }
}

fn unavailable(error: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::Unavailable(Box::new(error))
}

/// Reads rows into events, skipping (and logging once per read) rows that are not valid events.
fn events_from_rows(rows: Vec<HashMap<String, AttributeValue>>) -> Vec<LiveEvent> {
    let mut skipped = 0_usize;
    let mut first_error = None;
    let events = rows
        .into_iter()
        .filter_map(|row| {
            let read = serde_dynamo::from_item::<_, EventItem>(row)
                .map_err(super::event_item::ItemError::from)
                .and_then(LiveEvent::try_from);
            match read {
                Ok(event) => Some(event),
                Err(error) => {
                    skipped += 1;
                    first_error.get_or_insert(error);
                    None
                }
            }
        })
        .collect();
    if let Some(error) = first_error {
        tracing::warn!(rows.skipped = skipped, error = %error, "unreadable event rows skipped");
    }
    events
}

impl DynamoDbScheduleStore {
    /// A store over the events table `table`, refreshing its snapshot every [`DEFAULT_MAX_AGE`].
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: Arc::from(table.into()),
            max_age: DEFAULT_MAX_AGE,
            current: Arc::default(),
            health: Arc::default(),
        }
    }

    /// The same store with another snapshot age limit (`ONAIR_SNAPSHOT_MAX_AGE_SECS` in the binaries).
    #[must_use]
    pub fn with_max_age(mut self, max_age: StdDuration) -> Self {
        self.max_age = max_age;
        self
    }

    /// The events table's name.
    #[must_use]
    pub fn table(&self) -> &str {
        &self.table
    }

    fn current(&self) -> Option<Arc<Snapshot>> {
        self.current.read().map_or_else(
            |poisoned| poisoned.into_inner().clone(),
            |guard| guard.clone(),
        )
    }

    fn fresh(&self, now: DateTime<Utc>) -> Option<Arc<Schedule>> {
        self.current()
            .filter(|snapshot| {
                snapshot.loaded.elapsed() < self.max_age && snapshot.covers_window_of(now)
            })
            .map(|snapshot| Arc::clone(&snapshot.schedule))
    }

    fn replace(&self, snapshot: Arc<Snapshot>) {
        match self.current.write() {
            Ok(mut guard) => *guard = Some(snapshot),
            Err(poisoned) => *poisoned.into_inner() = Some(snapshot),
        }
    }

    /// Every occurrence overlapping `[from, to)`: one `Query` per time bucket (and page).
    async fn read_window(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<LiveEvent>, StoreError> {
        let earliest_start = from - MAX_EVENT_DURATION;
        let mut rows = Vec::new();
        for bucket in bucket_keys_between(earliest_start, to) {
            let mut start_key = None;
            loop {
                let page = self
                    .client
                    .query()
                    .table_name(&*self.table)
                    .index_name(tables::BY_START.name)
                    .key_condition_expression("#pk = :bucket AND #sk BETWEEN :from AND :to")
                    .expression_attribute_names("#pk", tables::BY_START.partition_key)
                    .expression_attribute_names("#sk", tables::BY_START.sort_key)
                    .expression_attribute_values(":bucket", AttributeValue::S(bucket.clone()))
                    .expression_attribute_values(
                        ":from",
                        AttributeValue::S(sort_time(earliest_start)),
                    )
                    // `<to>` sorts before every `<to>#<id>`: an event starting exactly at `to` is not included.
                    .expression_attribute_values(":to", AttributeValue::S(sort_time(to)))
                    .limit(PAGE_SIZE)
                    .set_exclusive_start_key(start_key)
                    .send()
                    .await
                    .map_err(unavailable)?;
                rows.extend(page.items.unwrap_or_default());
                start_key = page.last_evaluated_key;
                if start_key.is_none() {
                    break;
                }
            }
        }
        let mut events = events_from_rows(rows);
        events.retain(|event| event.ends_at > from && event.starts_at < to);
        Ok(events)
    }

    /// Reads a new snapshot for `now`, or falls back to the last one (see the module docs).
    async fn refresh(&self, now: DateTime<Utc>) -> Result<Arc<Schedule>, StoreError> {
        let mut health = self.health.lock().await;
        // Another request may have refreshed while this one waited for the lock.
        if let Some(schedule) = self.fresh(now) {
            return Ok(schedule);
        }
        let stale = self.current().filter(|snapshot| snapshot.covers(now));
        if let (Some(stale), Some(retry_after)) = (&stale, health.retry_after)
            && Instant::now() < retry_after
        {
            return Ok(Arc::clone(&stale.schedule));
        }
        let from = now - LOOKBACK - WINDOW_SLACK;
        let to = now + HORIZON + WINDOW_SLACK;
        let started = Instant::now();
        match self.read_window(from, to).await {
            Ok(events) => {
                let schedule = Arc::new(Schedule::new(events));
                self.replace(Arc::new(Snapshot {
                    schedule: Arc::clone(&schedule),
                    from,
                    to,
                    loaded: Instant::now(),
                }));
                if let Some(since) = health.failing_since.take() {
                    tracing::info!(
                        outage_ms = since.elapsed().as_millis(),
                        "schedule table reachable again"
                    );
                }
                health.retry_after = None;
                tracing::debug!(
                    events = schedule.events().len(),
                    duration_ms = started.elapsed().as_millis(),
                    "schedule snapshot read"
                );
                Ok(schedule)
            }
            Err(error) => {
                health.retry_after = Some(Instant::now() + RETRY_PAUSE);
                let Some(stale) = stale else {
                    // No snapshot to fall back on: the caller apologises and logs it at the boundary.
                    return Err(error);
                };
                if health.failing_since.is_none() {
                    health.failing_since = Some(Instant::now());
                    tracing::warn!(
                        error = %error,
                        snapshot_age_ms = stale.loaded.elapsed().as_millis(),
                        "schedule table unavailable; serving the last snapshot until it is back"
                    );
                }
                Ok(Arc::clone(&stale.schedule))
            }
        }
    }

    /// Upcoming and recent occurrences carrying the name with this source key (`radio-uno`), starting at or after
    /// `from`, earliest first: one `Query` on the name items.
    ///
    /// # Errors
    /// Returns [`StoreError`] when the table cannot be read.
    pub async fn events_named(
        &self,
        source_key: &str,
        from: DateTime<Utc>,
        limit: i32,
    ) -> Result<Vec<LiveEvent>, StoreError> {
        let page = self
            .client
            .query()
            .table_name(&*self.table)
            .key_condition_expression("#pk = :name AND #sk >= :from")
            .expression_attribute_names("#pk", tables::EVENTS.partition_key)
            .expression_attribute_names("#sk", tables::EVENTS.sort_key.unwrap_or("sk"))
            .expression_attribute_values(":name", AttributeValue::S(name_partition_key(source_key)))
            .expression_attribute_values(":from", AttributeValue::S(sort_time(from)))
            .limit(limit)
            .send()
            .await
            .map_err(unavailable)?;
        Ok(events_from_rows(page.items.unwrap_or_default()))
    }

    /// The next occurrence on `channel` starting at or after `after`: one `Query` on the `byChannel` index.
    ///
    /// # Errors
    /// Returns [`StoreError`] when the table cannot be read.
    pub async fn next_on_channel(
        &self,
        channel: &str,
        after: DateTime<Utc>,
    ) -> Result<Option<LiveEvent>, StoreError> {
        let page = self
            .client
            .query()
            .table_name(&*self.table)
            .index_name(tables::BY_CHANNEL.name)
            .key_condition_expression("#pk = :channel AND #sk >= :after")
            .expression_attribute_names("#pk", tables::BY_CHANNEL.partition_key)
            .expression_attribute_names("#sk", tables::BY_CHANNEL.sort_key)
            .expression_attribute_values(
                ":channel",
                AttributeValue::S(channel_partition_key(channel)),
            )
            .expression_attribute_values(":after", AttributeValue::S(sort_time(after)))
            .limit(1)
            .send()
            .await
            .map_err(unavailable)?;
        Ok(events_from_rows(page.items.unwrap_or_default())
            .into_iter()
            .next())
    }
}

impl ScheduleStore for DynamoDbScheduleStore {
    async fn schedule_at(&self, now: DateTime<Utc>) -> Result<Arc<Schedule>, StoreError> {
        match self.fresh(now) {
            Some(schedule) => Ok(schedule),
            None => self.refresh(now).await,
        }
    }

    async fn event(&self, id: &EventId) -> Result<Option<LiveEvent>, StoreError> {
        if let Some(event) = self
            .current()
            .and_then(|snapshot| snapshot.schedule.event(id.as_str()).cloned())
        {
            return Ok(Some(event));
        }
        let output = self
            .client
            .get_item()
            .table_name(&*self.table)
            .key(
                tables::EVENTS.partition_key,
                AttributeValue::S(event_partition_key(id)),
            )
            .key(
                tables::EVENTS.sort_key.unwrap_or("sk"),
                AttributeValue::S(EVENT_SORT_KEY.to_owned()),
            )
            .send()
            .await
            .map_err(unavailable)?;
        Ok(output
            .item
            .and_then(|row| events_from_rows(vec![row]).into_iter().next()))
    }
}
