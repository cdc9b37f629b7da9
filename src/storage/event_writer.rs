//! [`EventWriter`]: upserts occurrences into the events table with `BatchWriteItem`, rewriting only what changed.
//!
//! Each event's stored content hash is read first (`BatchGetItem`, 100 keys a call), so re-importing the same file
//! writes nothing. Changed events are written with their name items, and name items the event no longer has are
//! deleted. Unprocessed items (throttling) are retried with exponential backoff.

use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types::{
    AttributeValue, DeleteRequest, KeysAndAttributes, PutRequest, WriteRequest,
};
use serde::Deserialize;
use tokio::task::JoinSet;

use super::event_item::{
    EVENT_SORT_KEY, EventItem, event_partition_key, name_partition_key, sort_time,
};
use super::tables;
use crate::schedule::LiveEvent;

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
    starts_at: chrono::DateTime<chrono::Utc>,
    id: String,
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
        let mut by_id: HashMap<&str, &LiveEvent> = HashMap::with_capacity(events.len());
        for event in events {
            by_id.insert(event.id.as_str(), event);
        }
        let mut unique: Vec<&LiveEvent> = by_id.into_values().collect();
        unique.sort_by(|a, b| (a.starts_at, &a.id).cmp(&(b.starts_at, &b.id)));

        let mut summary = UpsertSummary::default();
        let mut handled = 0;
        for chunk in unique.chunks(READ_BATCH) {
            let stored = self.stored_versions(chunk).await?;
            let mut writes = Vec::new();
            for event in chunk {
                let item = EventItem::event(event);
                let previous = stored.get(item.pk.as_str());
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
                            writes.push(
                                WriteRequest::builder()
                                    .delete_request(
                                        DeleteRequest::builder()
                                            .set_key(Some(key(old.0, old.1)))
                                            .build()
                                            .map_err(|e| WriteError::Item(e.into()))?,
                                    )
                                    .build(),
                            );
                        }
                    }
                }
                for row in EventItem::all_for(event) {
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
            self.write_all(writes).await?;
            handled += chunk.len();
            progress(handled);
        }
        Ok(summary)
    }

    /// The stored versions of `events`, by partition key.
    async fn stored_versions(
        &self,
        events: &[&LiveEvent],
    ) -> Result<HashMap<String, StoredVersion>, WriteError> {
        let keys: Vec<Key> = events
            .iter()
            .map(|event| key(event_partition_key(&event.id), EVENT_SORT_KEY.to_owned()))
            .collect();
        let mut request = Some(
            KeysAndAttributes::builder()
                .set_keys(Some(keys))
                .projection_expression("#pk, #hash, #names, #start, #id")
                .expression_attribute_names("#pk", tables::EVENTS.partition_key)
                .expression_attribute_names("#hash", "contentHash")
                .expression_attribute_names("#names", "nameKeys")
                .expression_attribute_names("#start", "startsAt")
                .expression_attribute_names("#id", "id")
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

    /// Sends `writes` in batches of 25, a few at a time.
    async fn write_all(&self, writes: Vec<WriteRequest>) -> Result<(), WriteError> {
        let mut batches = writes.chunks(WRITE_BATCH).map(<[WriteRequest]>::to_vec);
        let mut in_flight = JoinSet::new();
        loop {
            while in_flight.len() < WRITES_IN_FLIGHT {
                let Some(batch) = batches.next() else { break };
                let writer = self.clone();
                in_flight.spawn(async move { writer.write_batch(batch).await });
            }
            match in_flight.join_next().await {
                None => return Ok(()),
                Some(Ok(result)) => result?,
                Some(Err(panicked)) => return Err(self.failed(panicked)),
            }
        }
    }

    /// One `BatchWriteItem`, retrying unprocessed items with exponential backoff.
    async fn write_batch(&self, mut batch: Vec<WriteRequest>) -> Result<(), WriteError> {
        for attempt in 0..MAX_TRIES {
            if attempt > 0 {
                tokio::time::sleep(backoff(attempt)).await;
            }
            let output = self
                .client
                .batch_write_item()
                .request_items(&self.table, batch)
                .send()
                .await
                .map_err(|e| self.failed(e))?;
            batch = output
                .unprocessed_items
                .and_then(|mut unprocessed| unprocessed.remove(&self.table))
                .unwrap_or_default();
            if batch.is_empty() {
                return Ok(());
            }
        }
        Err(WriteError::Throttled { left: batch.len() })
    }
}
