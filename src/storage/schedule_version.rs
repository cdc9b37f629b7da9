//! The schedule version: one small item in the events table that every write to the schedule bumps, so a warm
//! container learns whether its snapshot is stale from one `GetItem` instead of reading the whole window again.
//!
//! The item is `pk = SCHEDULE`, `sk = VERSION`, with a number `version` (the microsecond of the last change) and its
//! time. It carries no index attribute, so no schedule query ever returns it.

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types::AttributeValue;
use chrono::Utc;

use super::{StoreError, tables};

/// The partition key value of the version item.
pub const VERSION_PARTITION: &str = "SCHEDULE";
/// The sort key value of the version item.
pub const VERSION_SORT: &str = "VERSION";

fn unavailable(error: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::Unavailable(Box::new(error))
}

fn key() -> [(&'static str, AttributeValue); 2] {
    [
        (
            tables::EVENTS.partition_key,
            AttributeValue::S(VERSION_PARTITION.to_owned()),
        ),
        (
            tables::EVENTS.sort_key.unwrap_or("sk"),
            AttributeValue::S(VERSION_SORT.to_owned()),
        ),
    ]
}

/// The current version of the schedule in `table` (0 when nothing was ever written through the writer): one
/// strongly consistent `GetItem` of a few bytes.
///
/// # Errors
/// Returns [`StoreError`] when the table cannot be read.
pub async fn read(client: &Client, table: &str) -> Result<u64, StoreError> {
    let [(pk, pk_value), (sk, sk_value)] = key();
    let output = client
        .get_item()
        .table_name(table)
        .key(pk, pk_value)
        .key(sk, sk_value)
        .projection_expression("#version")
        .expression_attribute_names("#version", "version")
        .consistent_read(true)
        .send()
        .await
        .map_err(unavailable)?;
    Ok(output
        .item
        .as_ref()
        .and_then(|item| item.get("version"))
        .and_then(|value| value.as_n().ok())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0))
}

/// Marks the schedule in `table` as changed (one `PutItem` of a few bytes); returns the new version: the
/// microseconds since the epoch of the change, so versions grow without a read-modify-write.
///
/// # Errors
/// Returns [`StoreError`] when the table cannot be written.
pub async fn bump(client: &Client, table: &str) -> Result<u64, StoreError> {
    let now = Utc::now();
    let version = u64::try_from(now.timestamp_micros()).unwrap_or(0);
    let [(pk, pk_value), (sk, sk_value)] = key();
    client
        .put_item()
        .table_name(table)
        .item(pk, pk_value)
        .item(sk, sk_value)
        .item("version", AttributeValue::N(version.to_string()))
        .item("changedAt", AttributeValue::S(now.to_rfc3339()))
        .send()
        .await
        .map_err(unavailable)?;
    Ok(version)
}
