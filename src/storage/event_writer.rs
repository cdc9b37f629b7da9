//! [`EventWriter`]: upserts occurrences into the events table with `BatchWriteItem`, rewriting only what changed.
//!
//! Each event's stored content hash is read first (`BatchGetItem`, 100 keys a call), so re-importing the same file
//! writes nothing. Changed events are written with their name items, and name items the event no longer has are
//! deleted. Unprocessed items (throttling) are retried with exponential backoff.
//!
//! Events written from a partner drop carry their [`Origin`]: [`EventWriter::upsert_from`] refuses to overwrite
//! another owner's event, and [`EventWriter::remove_from_origin`] deletes what a newer version of the file no
//! longer has, found through the `byOrigin` index (never a `Scan`).

use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::error::ProvideErrorMetadata;
use aws_sdk_dynamodb::types::{
    AttributeValue, DeleteRequest, KeysAndAttributes, PutRequest, WriteRequest,
};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use tokio::task::JoinSet;

use super::event_item::{
    EVENT_SORT_KEY, EventItem, Origin, event_partition_key, name_partition_key,
    origin_partition_key, sort_time,
};
use super::tables;
use crate::schedule::{EventId, LiveEvent};

/// `BatchGetItem` reads at most this many keys a call.
const READ_BATCH: usize = 100;
/// `BatchWriteItem` takes at most this many requests a call.
const WRITE_BATCH: usize = 25;
/// Write calls in flight at once: enough to hide latency, few enough not to trip on-demand throttling at once.
const WRITES_IN_FLIGHT: usize = 4;
/// Tries for a batch whose items keep coming back unprocessed (backoff 50 ms doubling to 3.2 s, about 6 s in all).
const MAX_TRIES: u32 = 8;

/// What an upsert did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UpsertSummary {
    /// Events new or changed, written.
    pub written: usize,
    /// Events already stored exactly so, left alone.
    pub unchanged: usize,
}

/// What an upsert from a partner drop did: the summary, and the events refused because someone else owns them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DropUpsert {
    /// Events written and left alone.
    pub summary: UpsertSummary,
    /// Events not written: their id belongs to another partner (or to the operator's import).
    pub foreign: Vec<ForeignEvent>,
    /// Events the table refused (a validation error for one of their items): not stored, the others are.
    pub failed: Vec<FailedEvent>,
}

/// An event the table refused to store, and DynamoDB's words for why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedEvent {
    /// The occurrence id.
    pub id: EventId,
    /// What DynamoDB said.
    pub reason: String,
}

/// An event a drop may not write: the id is already stored with another owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignEvent {
    /// The occurrence id.
    pub id: EventId,
    /// The partner owning it; `None` when the operator imported it.
    pub owner: Option<String>,
}

/// Why an upsert stopped. Events written before the failure stay written; running it again finishes the job.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// DynamoDB refused a call or could not be reached.
    #[error("events table {table} could not be written")]
    DynamoDb {
        /// The table.
        table: String,
        /// What DynamoDB said.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// DynamoDB kept returning items unprocessed (sustained throttling).
    #[error("{left} items still unprocessed after {MAX_TRIES} tries")]
    Throttled {
        /// Items not written.
        left: usize,
    },
    /// An item could not be built (a bug).
    #[error("cannot build an event item")]
    Item(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// What an import needs to know about a stored event: is it unchanged, and which name items does it have.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredVersion {
    pk: String,
    content_hash: String,
    #[serde(default)]
    name_keys: Vec<String>,
    starts_at: DateTime<Utc>,
    id: String,
    #[serde(default)]
    partner: Option<String>,
}

/// An event as the `byOrigin` index lists it: enough to decide whether to keep it and to delete all its items.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct OriginRow {
    id: String,
    starts_at: DateTime<Utc>,
    #[serde(default)]
    name_keys: Vec<String>,
    #[serde(default)]
    origin: Option<String>,
}

type Key = HashMap<String, AttributeValue>;

fn key(pk: String, sk: String) -> Key {
    HashMap::from([
        (
            tables::EVENTS.partition_key.to_owned(),
            AttributeValue::S(pk),
        ),
        (
            tables::EVENTS.sort_key.unwrap_or("sk").to_owned(),
            AttributeValue::S(sk),
        ),
    ])
}

fn delete_request(pk: String, sk: String) -> Result<WriteRequest, WriteError> {
    Ok(WriteRequest::builder()
        .delete_request(
            DeleteRequest::builder()
                .set_key(Some(key(pk, sk)))
                .build()
                .map_err(|e| WriteError::Item(e.into()))?,
        )
        .build())
}

fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(50 * 2_u64.pow(attempt.min(6)))
}

/// Writes occurrences into one events table.
#[derive(Debug, Clone)]
pub struct EventWriter {
    client: Client,
    table: String,
}

impl EventWriter {
    /// A writer into `table`.
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }

    fn failed(&self, source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> WriteError {
        WriteError::DynamoDb {
            table: self.table.clone(),
            source: source.into(),
        }
    }

    /// Stores `events`, writing only the new and changed ones; `progress` is called with the number of events
    /// handled so far after each chunk. Events with the same id: the last one wins.
    ///
    /// # Errors
    /// Returns [`WriteError`] when DynamoDB fails or keeps throttling; what was written stays written.
    pub async fn upsert(
        &self,
        events: &[LiveEvent],
        progress: impl Fn(usize),
    ) -> Result<UpsertSummary, WriteError> {
        Ok(self.upsert_from(events, None, progress).await?.summary)
    }

    /// Stores `events` as [`Self::upsert`] does, written from `origin` (a partner drop): each event item records
    /// its owner and drop object, and an event whose id is already stored with another owner (another partner, or
    /// the operator's import) is left alone and listed in [`DropUpsert::foreign`]. With `origin` `None` (the
    /// operator's import) every event is written, whoever wrote it before.
    ///
    /// # Errors
    /// Returns [`WriteError`] when DynamoDB fails or keeps throttling; what was written stays written.
    pub async fn upsert_from(
        &self,
        events: &[LiveEvent],
        origin: Option<&Origin>,
        progress: impl Fn(usize),
    ) -> Result<DropUpsert, WriteError> {
        let mut by_id: HashMap<&str, &LiveEvent> = HashMap::with_capacity(events.len());
        for event in events {
            by_id.insert(event.id.as_str(), event);
        }
        let mut unique: Vec<&LiveEvent> = by_id.into_values().collect();
        unique.sort_by(|a, b| (a.starts_at, &a.id).cmp(&(b.starts_at, &b.id)));

        let mut summary = UpsertSummary::default();
        let mut foreign = Vec::new();
        let mut failed = Vec::new();
        let mut handled = 0;
        for chunk in unique.chunks(READ_BATCH) {
            let stored = self.stored_versions(chunk).await?;
            let mut writes = Vec::new();
            for event in chunk {
                let item = EventItem::event_from(event, origin);
                let previous = stored.get(item.pk.as_str());
                if let (Some(origin), Some(previous)) = (origin, previous)
                    && previous.partner.as_deref() != Some(origin.partner())
                {
                    foreign.push(ForeignEvent {
                        id: event.id.clone(),
                        owner: previous.partner.clone(),
                    });
                    continue;
                }
                if previous.is_some_and(|previous| previous.content_hash == item.content_hash) {
                    summary.unchanged += 1;
                    continue;
                }
                summary.written += 1;
                let new_keys: BTreeSet<(String, String)> = item
                    .name_keys
                    .iter()
                    .map(|name| (name_partition_key(name), item.as_name_item(name).sk))
                    .collect();
                if let Some(previous) = previous {
                    let old_sort = format!("{}#{}", sort_time(previous.starts_at), previous.id);
                    for name in &previous.name_keys {
                        let old = (name_partition_key(name), old_sort.clone());
                        if !new_keys.contains(&old) {
                            writes.push(delete_request(old.0, old.1)?);
                        }
                    }
                }
                for row in EventItem::all_from(event, origin) {
                    let item =
                        serde_dynamo::to_item(row).map_err(|e| WriteError::Item(e.into()))?;
                    writes.push(
                        WriteRequest::builder()
                            .put_request(
                                PutRequest::builder()
                                    .set_item(Some(item))
                                    .build()
                                    .map_err(|e| WriteError::Item(e.into()))?,
                            )
                            .build(),
                    );
                }
            }
            let refused = self.write_all(writes).await?;
            if !refused.is_empty() {
                let failed_here = self.undo_refused(chunk, origin, refused).await?;
                summary.written -= failed_here.len();
                failed.extend(failed_here);
            }
            handled += chunk.len();
            progress(handled);
        }
        self.changed(summary.written).await?;
        Ok(DropUpsert {
            summary,
            foreign,
            failed,
        })
    }

    /// Deletes the events `origin` wrote (with their name items) for which `keep(id, start)` is false, reading
    /// them a page at a time from the `byOrigin` index; returns how many were deleted. Events of other drop
    /// objects, and events that moved to another object since, are never touched.
    ///
    /// # Errors
    /// Returns [`WriteError`] when DynamoDB fails or keeps throttling; what was deleted stays deleted.
    pub async fn remove_from_origin(
        &self,
        origin: &Origin,
        keep: impl Fn(&str, DateTime<Utc>) -> bool,
    ) -> Result<usize, WriteError> {
        let mut removed = 0;
        let mut start_key = None;
        loop {
            let page = self
                .client
                .query()
                .table_name(&self.table)
                .index_name(tables::BY_ORIGIN.name)
                .key_condition_expression("#origin_pk = :origin")
                .expression_attribute_names("#origin_pk", tables::BY_ORIGIN.partition_key)
                .expression_attribute_values(
                    ":origin",
                    AttributeValue::S(origin_partition_key(origin)),
                )
                .projection_expression("#id, #start, #names, #origin")
                .expression_attribute_names("#id", "id")
                .expression_attribute_names("#start", "startsAt")
                .expression_attribute_names("#names", "nameKeys")
                .expression_attribute_names("#origin", "origin")
                .set_exclusive_start_key(start_key.take())
                .send()
                .await
                .map_err(|e| self.failed(e))?;
            let mut writes = Vec::new();
            for row in page.items() {
                let Ok(row) = serde_dynamo::from_item::<_, OriginRow>(row.clone()) else {
                    continue;
                };
                // The index lags behind the table a little: an event that moved to another object is not ours.
                if row.origin.as_deref() != Some(origin.object()) || keep(&row.id, row.starts_at) {
                    continue;
                }
                let Ok(id) = EventId::parse(&row.id) else {
                    continue;
                };
                removed += 1;
                writes.push(delete_request(
                    event_partition_key(&id),
                    EVENT_SORT_KEY.to_owned(),
                )?);
                let sort = format!("{}#{}", sort_time(row.starts_at), row.id);
                for name in &row.name_keys {
                    writes.push(delete_request(name_partition_key(name), sort.clone())?);
                }
            }
            let refused = self.write_all(writes).await?;
            if let Some((id, reason)) = refused.first() {
                tracing::warn!(event.id = %id, reason = %reason, "the events table refused a removal");
            }
            match page.last_evaluated_key {
                Some(last) if !last.is_empty() => start_key = Some(last),
                _ => {
                    self.changed(removed).await?;
                    return Ok(removed);
                }
            }
        }
    }

    /// Bumps the schedule version when `count` events changed, so warm skill containers reload (see
    /// [`super::schedule_version`]).
    async fn changed(&self, count: usize) -> Result<(), WriteError> {
        if count > 0 {
            super::schedule_version::bump(&self.client, &self.table)
                .await
                .map_err(|e| self.failed(e))?;
        }
        Ok(())
    }

    /// Deletes the events with these ids (with their name items) where they are stored and owned by `origin`'s
    /// partner (any owner when `origin` is `None`: the operator's import); returns how many were deleted. Used for
    /// occurrences a file cancels (iCalendar `RECURRENCE-ID` with `STATUS:CANCELLED`).
    ///
    /// # Errors
    /// Returns [`WriteError`] when DynamoDB fails or keeps throttling; what was deleted stays deleted.
    pub async fn remove_ids(
        &self,
        ids: &[EventId],
        origin: Option<&Origin>,
    ) -> Result<usize, WriteError> {
        let mut removed = 0;
        for chunk in ids.chunks(READ_BATCH) {
            let stored = self.stored_versions_of(chunk.iter()).await?;
            let mut writes = Vec::new();
            for version in stored.values() {
                if origin.is_some_and(|origin| version.partner.as_deref() != Some(origin.partner()))
                {
                    continue;
                }
                removed += 1;
                writes.push(delete_request(
                    version.pk.clone(),
                    EVENT_SORT_KEY.to_owned(),
                )?);
                let sort = format!("{}#{}", sort_time(version.starts_at), version.id);
                for name in &version.name_keys {
                    writes.push(delete_request(name_partition_key(name), sort.clone())?);
                }
            }
            let _ = self.write_all(writes).await?;
        }
        self.changed(removed).await?;
        Ok(removed)
    }

    /// The stored versions of `events`, by partition key.
    async fn stored_versions(
        &self,
        events: &[&LiveEvent],
    ) -> Result<HashMap<String, StoredVersion>, WriteError> {
        self.stored_versions_of(events.iter().map(|event| &event.id))
            .await
    }

    /// The stored versions of the events with these ids (at most [`READ_BATCH`]), by partition key.
    async fn stored_versions_of(
        &self,
        ids: impl Iterator<Item = &EventId>,
    ) -> Result<HashMap<String, StoredVersion>, WriteError> {
        let keys: Vec<Key> = ids
            .map(|id| key(event_partition_key(id), EVENT_SORT_KEY.to_owned()))
            .collect();
        let mut request = Some(
            KeysAndAttributes::builder()
                .set_keys(Some(keys))
                .projection_expression("#pk, #hash, #names, #start, #id, #partner")
                .expression_attribute_names("#pk", tables::EVENTS.partition_key)
                .expression_attribute_names("#hash", "contentHash")
                .expression_attribute_names("#names", "nameKeys")
                .expression_attribute_names("#start", "startsAt")
                .expression_attribute_names("#id", "id")
                .expression_attribute_names("#partner", "partner")
                .build()
                .map_err(|e| WriteError::Item(e.into()))?,
        );
        let mut stored = HashMap::new();
        let mut attempt = 0;
        while let Some(keys) = request.take() {
            let output = self
                .client
                .batch_get_item()
                .request_items(&self.table, keys)
                .send()
                .await
                .map_err(|e| self.failed(e))?;
            for row in output
                .responses
                .and_then(|mut responses| responses.remove(&self.table))
                .unwrap_or_default()
            {
                // A row without a readable hash is rewritten, which repairs it.
                if let Ok(version) = serde_dynamo::from_item::<_, StoredVersion>(row) {
                    stored.insert(version.pk.clone(), version);
                }
            }
            request = output
                .unprocessed_keys
                .and_then(|mut unprocessed| unprocessed.remove(&self.table))
                .filter(|keys| !keys.keys().is_empty());
            if request.is_some() {
                attempt += 1;
                if attempt >= MAX_TRIES {
                    return Err(WriteError::Throttled {
                        left: request.map_or(0, |keys| keys.keys().len()),
                    });
                }
                tokio::time::sleep(backoff(attempt)).await;
            }
        }
        Ok(stored)
    }

    /// Deletes whatever was written of the events the table refused (an event item without all its name items
    /// would be found by time but not by name), and lists them.
    async fn undo_refused(
        &self,
        chunk: &[&LiveEvent],
        origin: Option<&Origin>,
        refused: Vec<(String, String)>,
    ) -> Result<Vec<FailedEvent>, WriteError> {
        let reasons: HashMap<String, String> = refused.into_iter().collect();
        let mut failed = Vec::new();
        let mut deletes = Vec::new();
        for event in chunk {
            let Some(reason) = reasons.get(event.id.as_str()) else {
                continue;
            };
            for item in EventItem::all_from(event, origin) {
                deletes.push(delete_request(item.pk, item.sk)?);
            }
            failed.push(FailedEvent {
                id: event.id.clone(),
                reason: reason.clone(),
            });
        }
        let _ = self.write_all(deletes).await?;
        Ok(failed)
    }

    /// Sends `writes` in batches of 25, a few at a time; returns the requests the table refused as invalid (by
    /// occurrence id, with DynamoDB's message), all others being written.
    async fn write_all(
        &self,
        writes: Vec<WriteRequest>,
    ) -> Result<Vec<(String, String)>, WriteError> {
        let mut batches = writes.chunks(WRITE_BATCH).map(<[WriteRequest]>::to_vec);
        let mut in_flight = JoinSet::new();
        let mut refused = Vec::new();
        loop {
            while in_flight.len() < WRITES_IN_FLIGHT {
                let Some(batch) = batches.next() else { break };
                let writer = self.clone();
                in_flight.spawn(async move { writer.write_batch(batch).await });
            }
            match in_flight.join_next().await {
                None => return Ok(refused),
                Some(Ok(result)) => refused.extend(result?),
                Some(Err(panicked)) => return Err(self.failed(panicked)),
            }
        }
    }

    /// One `BatchWriteItem`, retrying unprocessed items with exponential backoff. When DynamoDB refuses the batch
    /// as invalid (one item too large, say), its requests are sent one by one so only the bad ones fail.
    async fn write_batch(
        &self,
        mut batch: Vec<WriteRequest>,
    ) -> Result<Vec<(String, String)>, WriteError> {
        for attempt in 0..MAX_TRIES {
            if attempt > 0 {
                tokio::time::sleep(backoff(attempt)).await;
            }
            let output = match self
                .client
                .batch_write_item()
                .request_items(&self.table, batch.clone())
                .send()
                .await
            {
                Ok(output) => output,
                Err(error) if is_invalid_request(&error) => {
                    return self.write_one_by_one(batch).await;
                }
                Err(error) => return Err(self.failed(error)),
            };
            batch = output
                .unprocessed_items
                .and_then(|mut unprocessed| unprocessed.remove(&self.table))
                .unwrap_or_default();
            if batch.is_empty() {
                return Ok(Vec::new());
            }
        }
        Err(WriteError::Throttled { left: batch.len() })
    }

    /// Each request of `batch` on its own (`PutItem`, `DeleteItem`, with the SDK's retries); returns the ones
    /// refused as invalid.
    async fn write_one_by_one(
        &self,
        batch: Vec<WriteRequest>,
    ) -> Result<Vec<(String, String)>, WriteError> {
        let mut refused = Vec::new();
        for request in batch {
            let id = request_event_id(&request);
            let sent = if let Some(put) = request.put_request {
                self.client
                    .put_item()
                    .table_name(&self.table)
                    .set_item(Some(put.item))
                    .send()
                    .await
                    .map(|_| ())
                    .map_err(|error| self.item_failure(error))
            } else if let Some(delete) = request.delete_request {
                self.client
                    .delete_item()
                    .table_name(&self.table)
                    .set_key(Some(delete.key))
                    .send()
                    .await
                    .map(|_| ())
                    .map_err(|error| self.item_failure(error))
            } else {
                Ok(())
            };
            match sent {
                Ok(()) => {}
                Err((true, message, _)) => refused.push((
                    id,
                    message.unwrap_or_else(|| "the item is invalid".to_owned()),
                )),
                Err((false, _, error)) => return Err(error),
            }
        }
        Ok(refused)
    }
}

impl EventWriter {
    /// A one-item write that failed: whether DynamoDB refused it as invalid, its message, and the error.
    fn item_failure<E, R>(
        &self,
        error: aws_sdk_dynamodb::error::SdkError<E, R>,
    ) -> (bool, Option<String>, WriteError)
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
        R: std::fmt::Debug + Send + Sync + 'static,
    {
        (
            is_invalid_request(&error),
            error.message().map(str::to_owned),
            self.failed(error),
        )
    }
}

/// Whether DynamoDB refused a request as invalid (`ValidationException`: an item too large, an empty key…), which
/// sending it again cannot fix, as opposed to throttling, timeouts and server errors.
fn is_invalid_request<E: ProvideErrorMetadata, R>(
    error: &aws_sdk_dynamodb::error::SdkError<E, R>,
) -> bool {
    error
        .as_service_error()
        .and_then(ProvideErrorMetadata::code)
        == Some("ValidationException")
}

/// The occurrence id a write request is about: the `id` attribute of a put, or the key of a delete
/// (`EVENT#<id>`, or a name item's `<start>#<id>`).
fn request_event_id(request: &WriteRequest) -> String {
    if let Some(put) = &request.put_request
        && let Some(AttributeValue::S(id)) = put.item.get("id")
    {
        return id.clone();
    }
    let key = request.delete_request.as_ref().map(|delete| &delete.key);
    let text = |name: &str| match key.and_then(|key| key.get(name)) {
        Some(AttributeValue::S(text)) => text.clone(),
        _ => String::new(),
    };
    let pk = text(tables::EVENTS.partition_key);
    match pk.strip_prefix("EVENT#") {
        Some(id) => id.to_owned(),
        None => text(tables::EVENTS.sort_key.unwrap_or("sk"))
            .split_once('#')
            .map(|(_, id)| id.to_owned())
            .unwrap_or_default(),
    }
}
