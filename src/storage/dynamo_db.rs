//! [`DynamoDbScheduleStore`]: the schedule from the events table, served warm from a per-container snapshot.
//!
//! A warm request makes no DynamoDB call: the snapshot of the window around `now` is kept in memory and reused
//! until its version check finds an import (at most every `max_age`, 30 s by default, in the background) or `now`
//! leaves its window. A cold one is answered from its own targeted queries; the window then loads in the background,
//! one `Query` page at a time, and at most [`DEFAULT_MAX_SNAPSHOT_EVENTS`] events are kept (a denser window keeps
//! only the next hours, and requests naming a show read its occurrences themselves). When DynamoDB fails, the
//! last snapshot keeps answering (logged once, retried after a pause); with no snapshot at all the caller gets a
//! [`StoreError`] and the listener a short apology.

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex as StdMutex, RwLock};
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
    event_partition_key, event_projection, name_partition_key, sort_time,
};
use super::{HORIZON, LOOKBACK, Need, ScheduleStore, StoreError, schedule_version, tables};
use crate::schedule::{EventId, LiveEvent, Schedule};

/// How long a snapshot is served before it is read again, unless configured otherwise.
pub const DEFAULT_MAX_AGE: StdDuration = StdDuration::from_secs(30);

/// How far beyond `[now - LOOKBACK, now + HORIZON]` a snapshot reaches on each side, so it stays valid while `now`
/// moves on (or back, when replays pin the clock to slightly different instants).
const WINDOW_SLACK: Duration = Duration::hours(1);

/// Items per `Query` page while a window loads. Each page's rows are parsed into attribute maps (about 3 KB a row,
/// projected) before they become events, so the page size is the load's transient memory: 100 rows keep it near
/// 300 KB (250 rows made the container's peak memory grow by a megabyte more while the snapshot loaded), and keep
/// each page's parsing short on the one runtime thread that also answers listeners.
const PAGE_SIZE: i32 = 100;

/// Most events a snapshot keeps, unless configured otherwise: about 650 bytes each with their share of the indexes
/// (the bench: 2,000 events add 1.6 MiB to the peak memory, loading included), so about 3.5 MB at most, which keeps
/// a container near 15 MiB whatever the catalog. A window holding more is not kept whole; the container keeps the
/// near window instead (see the module docs).
pub const DEFAULT_MAX_SNAPSHOT_EVENTS: usize = 5_000;

/// A near-window snapshot (kept when the whole window is over the cap) is reloaded when `now` comes this close to
/// its end, so it always holds what is live and what starts within the next few hours.
const NEAR_WINDOW_MARGIN: Duration = Duration::hours(6);

/// How far ahead a targeted cold read looks for "what's on" (and for what a "play X" answer may offer meanwhile).
const LIVE_AHEAD: Duration = Duration::hours(12);

/// Most occurrences of one name a cold "play X" reads first, from [`MAX_EVENT_DURATION`] ago on: enough for a
/// name on the air every hour (26 starts in that time); a denser name falls back to the wider read.
const PLAY_LIMIT: i32 = 32;

/// Most occurrences of one name a targeted read takes (from `LOOKBACK` ago on): a daily show's window holds ~10.
const NAMED_LIMIT: i32 = 100;

/// When `now` nears the edge of the snapshot's window, how often a background reload may be tried.
const RETRY_GAP: Duration = Duration::seconds(5);

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
    /// The schedule version read just before the window: a check that finds the same version skips the reload.
    version: u64,
    /// Whether it holds the whole window around `now` (`LOOKBACK` back, `HORIZON` ahead). When that window held more
    /// than the cap, only the near window is kept (what is live and what starts within [`LIVE_AHEAD`]), and
    /// requests naming a show read that show's occurrences themselves.
    complete: bool,
}

impl Snapshot {
    fn covers_window_of(&self, now: DateTime<Utc>) -> bool {
        if self.complete {
            self.from <= now - LOOKBACK && now + HORIZON <= self.to
        } else {
            self.from <= now && now + NEAR_WINDOW_MARGIN <= self.to
        }
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
    /// When (on the requests' clock) the schedule version was last read.
    checked_at: Arc<StdMutex<Option<DateTime<Utc>>>>,
    /// Held by the one background task (version check, reload) allowed at a time.
    background: Arc<Mutex<()>>,
    /// Most events a snapshot keeps.
    max_events: usize,
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
/// Reads of events ask only for [`super::event_item::EVENT_ATTRIBUTES`].
trait ProjectEvents: Sized {
    fn projection_expression(self, expression: String) -> Self;
    fn expression_attribute_names(self, placeholder: String, name: &'static str) -> Self;

    fn project_events(self) -> Self {
        let (expression, names) = event_projection();
        names.fold(
            self.projection_expression(expression),
            |read, (placeholder, name)| read.expression_attribute_names(placeholder, name),
        )
    }
}

impl ProjectEvents for aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder {
    fn projection_expression(self, expression: String) -> Self {
        self.projection_expression(expression)
    }
    fn expression_attribute_names(self, placeholder: String, name: &'static str) -> Self {
        self.expression_attribute_names(placeholder, name)
    }
}

impl ProjectEvents for aws_sdk_dynamodb::operation::get_item::builders::GetItemFluentBuilder {
    fn projection_expression(self, expression: String) -> Self {
        self.projection_expression(expression)
    }
    fn expression_attribute_names(self, placeholder: String, name: &'static str) -> Self {
        self.expression_attribute_names(placeholder, name)
    }
}

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
            checked_at: Arc::default(),
            background: Arc::default(),
            max_events: DEFAULT_MAX_SNAPSHOT_EVENTS,
        }
    }

    /// The same store keeping at most `max_events` events in its snapshot (`ONAIR_SNAPSHOT_MAX_EVENTS` in the
    /// binaries): a denser window is not kept whole, only its near part (see [`DEFAULT_MAX_SNAPSHOT_EVENTS`]).
    #[must_use]
    pub fn with_max_events(mut self, max_events: usize) -> Self {
        self.max_events = max_events.max(1);
        self
    }

    /// The same store checking the schedule version at most once per `max_age` of the requests' clock
    /// (`ONAIR_SNAPSHOT_MAX_AGE_SECS` in the binaries; zero checks on every request).
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

    /// The snapshot if it holds `now` (perhaps not the whole window around it: then it is reloaded in the
    /// background while it keeps answering).
    fn usable(&self, now: DateTime<Utc>) -> Option<Arc<Snapshot>> {
        self.current().filter(|snapshot| snapshot.covers(now))
    }

    fn checked_at(&self) -> std::sync::MutexGuard<'_, Option<DateTime<Utc>>> {
        self.checked_at
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Starts a background version check when one is due: at most once per `max_age` of the requests' clock (in
    /// either direction, as replays move the clock back), sooner when `now` nears the snapshot's window edge.
    fn check_in_background(&self, now: DateTime<Utc>, snapshot: &Snapshot) {
        let max_age = Duration::from_std(self.max_age).unwrap_or(Duration::MAX);
        let due = match *self.checked_at() {
            None => true,
            Some(checked) => {
                let since = (now - checked).abs();
                since >= max_age || (!snapshot.covers_window_of(now) && since >= RETRY_GAP)
            }
        };
        if !due {
            return;
        }
        // One background task at a time; a request that finds one running does not start another.
        let Ok(guard) = Arc::clone(&self.background).try_lock_owned() else {
            return;
        };
        *self.checked_at() = Some(now);
        let store = self.clone();
        tokio::spawn(async move {
            let _guard = guard;
            store.check_and_reload(now).await;
        });
    }

    /// One `GetItem` of the version; the window is read again only when the version changed or `now` left it.
    async fn check_and_reload(&self, now: DateTime<Utc>) {
        match schedule_version::read(&self.client, &self.table).await {
            Ok(version) => {
                let current = self.current();
                let same = current.as_ref().is_some_and(|snapshot| {
                    snapshot.version == version && snapshot.covers_window_of(now)
                });
                if !same {
                    // Errors are logged (and the stale snapshot kept) by refresh itself.
                    let _ = self.refresh(now, Some(version)).await;
                }
            }
            Err(error) => {
                tracing::warn!(error = %error, "schedule version unreadable; serving the current snapshot");
            }
        }
    }

    /// Opens the connection to DynamoDB in the background at cold start, before any request, with the smallest
    /// read there is (the schedule version): the TLS handshake and the SDK's first-call set-up then happen during
    /// the init, not in the first listener's query. The window itself loads after the first request's own
    /// queries (see [`ScheduleStore::schedule_for`]), so it never competes with them.
    pub fn warm_up(&self) {
        let store = self.clone();
        tokio::spawn(async move {
            let started = Instant::now();
            match schedule_version::read(&store.client, &store.table).await {
                Ok(_) => tracing::debug!(
                    duration_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
                    "schedule table reachable at cold start"
                ),
                // Not fatal: the first request reads what it needs, and with nothing the listener hears an apology.
                Err(error) => tracing::warn!(
                    error = %error,
                    table = %store.table,
                    "schedule table not readable at cold start"
                ),
            }
        });
    }

    /// Starts reading the window around `now` in the background unless a background task is already running.
    fn load_in_background(&self, now: DateTime<Utc>) {
        if let Ok(guard) = Arc::clone(&self.background).try_lock_owned() {
            let store = self.clone();
            tokio::spawn(async move {
                let _guard = guard;
                // Errors are logged by refresh; the next request tries again.
                let _ = store.refresh(now, None).await;
            });
        }
    }

    /// Waits until no background check or reload is running (for tests and benchmarks that count calls).
    pub async fn settled(&self) {
        let _idle = self.background.lock().await;
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
        Ok(self
            .read_window_capped(from, to, usize::MAX)
            .await?
            .unwrap_or_default())
    }

    /// As [`Self::read_window`], but `None` as soon as more than `cap` events were read (the reading stops there).
    async fn read_window_capped(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        cap: usize,
    ) -> Result<Option<Vec<LiveEvent>>, StoreError> {
        let earliest_start = from - MAX_EVENT_DURATION;
        // Each page becomes events before the next is read: the rows' attribute maps (several times an event's
        // size) never pile up, so the read's peak memory is one page over the events kept.
        let mut events = Vec::new();
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
                    .project_events()
                    .set_exclusive_start_key(start_key)
                    .send()
                    .await
                    .map_err(unavailable)?;
                let mut read = events_from_rows(page.items.unwrap_or_default());
                read.retain(|event| event.ends_at > from && event.starts_at < to);
                // Grown by what each page adds, not doubled: a doubled list of thousands of events would hold up
                // to twice their size while the window loads.
                events.reserve_exact(read.len());
                events.append(&mut read);
                if events.len() > cap {
                    return Ok(None);
                }
                start_key = page.last_evaluated_key;
                if start_key.is_none() {
                    break;
                }
            }
        }
        Ok(Some(events))
    }

    /// Reads a new snapshot for `now` (the version first, unless the caller just read it as `known`), or falls back
    /// to the last one (see the module docs).
    async fn refresh(
        &self,
        now: DateTime<Utc>,
        known: Option<u64>,
    ) -> Result<Arc<Schedule>, StoreError> {
        let mut health = self.health.lock().await;
        // Another task may have read it while this one waited for the lock.
        if let Some(snapshot) = self.current().filter(|snapshot| {
            snapshot.covers_window_of(now) && known.is_none_or(|known| snapshot.version >= known)
        }) {
            return Ok(Arc::clone(&snapshot.schedule));
        }
        let stale = self.usable(now);
        if let (Some(stale), Some(retry_after)) = (&stale, health.retry_after)
            && Instant::now() < retry_after
        {
            return Ok(Arc::clone(&stale.schedule));
        }
        let from = now - LOOKBACK - WINDOW_SLACK;
        let to = now + HORIZON + WINDOW_SLACK;
        let started = Instant::now();
        let read = async {
            // The version is read before the window: an import that lands during the read bumps it again, so
            // the next check reloads.
            let version = match known {
                Some(version) => version,
                None => schedule_version::read(&self.client, &self.table).await?,
            };
            if let Some(events) = self.read_window_capped(from, to, self.max_events).await? {
                return Ok::<_, StoreError>((version, events, from, to, true));
            }
            // Over the cap: keep the near window only; requests naming a show read its occurrences themselves.
            let (near_from, near_to) = (now - WINDOW_SLACK, now + LIVE_AHEAD);
            let mut events = self.read_window(near_from, near_to).await?;
            if events.len() > self.max_events {
                // What is live now first, then what starts soonest.
                events.sort_by_key(|event| (!event.is_live_at(now), event.starts_at));
                events.truncate(self.max_events);
            }
            tracing::warn!(
                cap = self.max_events,
                kept = events.len(),
                "schedule window over the snapshot cap; keeping the next hours only"
            );
            Ok((version, events, near_from, near_to, false))
        };
        match read.await {
            Ok((version, events, from, to, complete)) => {
                let schedule = Arc::new(Schedule::new(events));
                self.replace(Arc::new(Snapshot {
                    schedule: Arc::clone(&schedule),
                    from,
                    to,
                    version,
                    complete,
                }));
                let mut checked = self.checked_at();
                if checked.is_none_or(|checked| checked < now) {
                    *checked = Some(now);
                }
                drop(checked);
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
                        snapshot_version = stale.version,
                        "schedule table unavailable; serving the last snapshot until it is back"
                    );
                }
                Ok(Arc::clone(&stale.schedule))
            }
        }
    }

    /// The schedule a cold request can be answered from without the whole window. For "play X": X's name items that
    /// started in the last [`MAX_EVENT_DURATION`] (one `Query`, at most [`PLAY_LIMIT`] rows, however large the
    /// catalog); when none of them is live now, X's wider history and the live window as for any name (the answer
    /// may then offer a recording, or what is live meanwhile). For other names: both at once. For "what's on": the
    /// live window.
    /// `None` when that finds nothing to answer from (a name spoken differently from its key, nothing live): the
    /// caller waits for the snapshot.
    async fn read_targeted(
        &self,
        now: DateTime<Utc>,
        need: &Need,
    ) -> Result<Option<Arc<Schedule>>, StoreError> {
        let (events, enough) = match need {
            Need::Window => return Ok(None),
            Need::Live => {
                let events = self.read_window(now, now + LIVE_AHEAD).await?;
                let enough = !events.is_empty();
                (events, enough)
            }
            Need::Named(key) => self.read_named_and_live(key, now).await?,
            Need::Play(key) => {
                // Only the occurrences that may be live now: however long the name's history and future, this
                // reads the same few rows, so a cold "play X" costs the same in a catalog 50 times larger.
                let recent = self
                    .events_named(key, now - MAX_EVENT_DURATION, PLAY_LIMIT)
                    .await?;
                if recent.iter().any(|event| event.is_live_at(now)) {
                    (recent, true)
                } else {
                    // Not live: the answer may offer a recording or say when it starts, as for any name.
                    self.read_named_and_live(key, now).await?
                }
            }
        };
        Ok(enough.then(|| Arc::new(Schedule::new(events))))
    }

    /// The occurrences of the name `key` (from `LOOKBACK` ago) and the live window (now to `LIVE_AHEAD`), read at
    /// once, and whether the name had any: enough to answer "when is X", recordings, and "play X" when X is not live.
    async fn read_named_and_live(
        &self,
        key: &str,
        now: DateTime<Utc>,
    ) -> Result<(Vec<LiveEvent>, bool), StoreError> {
        let (named, live) = tokio::join!(
            self.events_named(key, now - LOOKBACK, NAMED_LIMIT),
            self.read_window(now, now + LIVE_AHEAD)
        );
        let mut events = named?;
        let enough = !events.is_empty();
        events.extend(live?);
        Ok((events, enough))
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
            .project_events()
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
            .project_events()
            .send()
            .await
            .map_err(unavailable)?;
        Ok(events_from_rows(page.items.unwrap_or_default())
            .into_iter()
            .next())
    }
}

impl ScheduleStore for DynamoDbScheduleStore {
    async fn record_playback_failure(
        &self,
        event: &LiveEvent,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        super::stream_marks::StreamMarks::new(self.client.clone(), self.table.as_ref())
            .count_playback_failure(event, at)
            .await
    }

    async fn schedule_at(&self, now: DateTime<Utc>) -> Result<Arc<Schedule>, StoreError> {
        self.schedule_for(now, &Need::Window).await
    }

    async fn schedule_for(
        &self,
        now: DateTime<Utc>,
        need: &Need,
    ) -> Result<Arc<Schedule>, StoreError> {
        if let Some(snapshot) = self.usable(now) {
            self.check_in_background(now, &snapshot);
            if !snapshot.complete && matches!(need, Need::Named(_) | Need::Play(_)) {
                // A near-window snapshot may lack the show's other days: its own occurrences are read, as cold.
                match self.read_targeted(now, need).await {
                    Ok(Some(schedule)) => return Ok(schedule),
                    Ok(None) => {}
                    Err(error) => {
                        tracing::debug!(error = %error, "targeted schedule read failed; answering from the near window");
                    }
                }
            }
            return Ok(Arc::clone(&snapshot.schedule));
        }
        if *need == Need::Window {
            return self.refresh(now, None).await;
        }
        // Cold: the request's own queries answer it, then the whole window loads in the background. The load
        // starts after them, not with them, so its pages never queue ahead of the listener's query (on one
        // connection pool, and on the fraction of a core a small Lambda gets).
        let targeted = self.read_targeted(now, need).await;
        match targeted {
            Ok(Some(schedule)) => {
                self.load_in_background(now);
                Ok(schedule)
            }
            Ok(None) => self.refresh(now, None).await,
            Err(error) => {
                tracing::debug!(error = %error, "targeted schedule read failed; waiting for the snapshot");
                self.refresh(now, None).await
            }
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
            .project_events()
            .send()
            .await
            .map_err(unavailable)?;
        Ok(output
            .item
            .and_then(|row| events_from_rows(vec![row]).into_iter().next()))
    }
}
