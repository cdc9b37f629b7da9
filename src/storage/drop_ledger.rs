//! [`DropLedger`]: which S3 event of each partner drop object was last imported, so a repeated or late delivery of
//! an `ObjectCreated` event (S3 and Lambda both deliver at least once, in no guaranteed order) changes nothing.
//!
//! One item per drop object in the events table (`pk = DROP#s3://bucket/key`, `sk = DROP`, in no index), keyed by
//! the event's `sequencer`: S3 documents that for one key the greater sequencer is the later event, once the
//! shorter hex string is left-padded with zeros.

use std::collections::HashMap;

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types::AttributeValue;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::tables;

/// The sort key of ledger items.
const LEDGER_SORT_KEY: &str = "DROP";
/// Sequencers are compared as hex strings left-padded to this width (S3's are 16 to 18 digits today).
const SEQUENCER_WIDTH: usize = 64;

/// Why the ledger could not be read or written.
#[derive(Debug, thiserror::Error)]
#[error("drop ledger in table {table} could not be {action}")]
pub struct LedgerError {
    table: String,
    action: &'static str,
    #[source]
    source: Box<dyn std::error::Error + Send + Sync>,
}

/// What was last imported from one drop object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LedgerEntry {
    /// The S3 event's sequencer, left-padded to a fixed width.
    pub sequencer: String,
    /// The object's ETag when it was imported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// When the import finished.
    pub imported_at: DateTime<Utc>,
    /// `imported` or `malformed`, as the report says.
    pub status: String,
}

#[derive(Serialize, Deserialize)]
struct LedgerItem {
    pk: String,
    sk: String,
    #[serde(flatten)]
    entry: LedgerEntry,
}

/// The sequencer in the form the ledger compares: uppercase hex, left-padded with zeros.
#[must_use]
pub fn comparable_sequencer(sequencer: &str) -> String {
    let sequencer = sequencer.trim().to_ascii_uppercase();
    format!("{sequencer:0>SEQUENCER_WIDTH$}")
}

/// The ledger of drop imports, kept in the events table.
#[derive(Debug, Clone)]
pub struct DropLedger {
    client: Client,
    table: String,
}

impl DropLedger {
    /// The ledger in the events table `table`.
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }

    fn key(object: &str) -> HashMap<String, AttributeValue> {
        HashMap::from([
            (
                tables::EVENTS.partition_key.to_owned(),
                AttributeValue::S(format!("DROP#{object}")),
            ),
            (
                tables::EVENTS.sort_key.unwrap_or("sk").to_owned(),
                AttributeValue::S(LEDGER_SORT_KEY.to_owned()),
            ),
        ])
    }

    fn failed(
        &self,
        action: &'static str,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> LedgerError {
        LedgerError {
            table: self.table.clone(),
            action,
            source: source.into(),
        }
    }

    /// The last import recorded for `object` (`s3://bucket/key`), read consistently.
    ///
    /// # Errors
    /// Returns [`LedgerError`] when DynamoDB cannot be read.
    pub async fn last(&self, object: &str) -> Result<Option<LedgerEntry>, LedgerError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .set_key(Some(Self::key(object)))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| self.failed("read", e))?;
        Ok(output
            .item
            .and_then(|item| serde_dynamo::from_item::<_, LedgerItem>(item).ok())
            .map(|item| item.entry))
    }

    /// Whether the S3 event with `sequencer` for `object` is already covered: it, or a later event for the same
    /// object, was imported.
    ///
    /// # Errors
    /// Returns [`LedgerError`] when DynamoDB cannot be read.
    pub async fn covers(&self, object: &str, sequencer: &str) -> Result<bool, LedgerError> {
        let sequencer = comparable_sequencer(sequencer);
        Ok(self
            .last(object)
            .await?
            .is_some_and(|last| last.sequencer >= sequencer))
    }

    /// Records that the event with `entry.sequencer` for `object` was imported, unless a later one was recorded
    /// meanwhile; returns whether it was recorded.
    ///
    /// # Errors
    /// Returns [`LedgerError`] when DynamoDB cannot be written.
    pub async fn record(&self, object: &str, entry: LedgerEntry) -> Result<bool, LedgerError> {
        let entry = LedgerEntry {
            sequencer: comparable_sequencer(&entry.sequencer),
            ..entry
        };
        let sequencer = entry.sequencer.clone();
        let key = Self::key(object);
        let item = LedgerItem {
            pk: match key.get(tables::EVENTS.partition_key) {
                Some(AttributeValue::S(pk)) => pk.clone(),
                _ => format!("DROP#{object}"),
            },
            sk: LEDGER_SORT_KEY.to_owned(),
            entry,
        };
        let item = serde_dynamo::to_item(item).map_err(|e| self.failed("written", e))?;
        let written = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(#pk) OR #sequencer < :sequencer")
            .expression_attribute_names("#pk", tables::EVENTS.partition_key)
            .expression_attribute_names("#sequencer", "sequencer")
            .expression_attribute_values(":sequencer", AttributeValue::S(sequencer))
            .send()
            .await;
        match written {
            Ok(_) => Ok(true),
            Err(error)
                if error
                    .as_service_error()
                    .is_some_and(|error| error.is_conditional_check_failed_exception()) =>
            {
                Ok(false)
            }
            Err(error) => Err(self.failed("written", error)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequencers_compare_as_hex_numbers_of_any_length() {
        // S3's example: the later event may have the longer sequencer.
        assert!(
            comparable_sequencer("0055AED6DCD90281E5") > comparable_sequencer("55AED6DCD90281E4")
        );
        assert!(comparable_sequencer("FF") > comparable_sequencer("0FE"));
        assert_eq!(comparable_sequencer("ab"), comparable_sequencer("00AB"));
        assert_eq!(comparable_sequencer("1").len(), SEQUENCER_WIDTH);
    }
}
