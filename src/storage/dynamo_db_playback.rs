//! [`DynamoDbPlaybackStore`]: playback states in DynamoDB, written conditionally so the newest event always wins.

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types::AttributeValue;
use chrono::{DateTime, Duration};
use serde::{Deserialize, Serialize};

use super::playback_state::{
    PlaybackActivity, PlaybackState, PlaybackStateStore, Recorded, UserKey,
};
use super::{StoreError, tables};

/// How long a state is kept after its last event: a listener away for a month starts afresh.
pub const STATE_TTL: Duration = Duration::days(30);

/// The stored form of a [`PlaybackState`] (the attribute names are the table's business, not the domain's).
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlaybackItem {
    pk: String,
    token: String,
    activity: PlaybackActivity,
    offset_ms: u64,
    /// Milliseconds since the epoch: the version the conditional write compares.
    updated_at: i64,
    failure_retries: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    enqueued: Option<String>,
    ttl: i64,
}

impl PlaybackItem {
    fn new(user: &UserKey, state: &PlaybackState) -> Self {
        Self {
            pk: partition_key(user),
            token: state.token.clone(),
            activity: state.activity,
            offset_ms: state.offset_ms,
            updated_at: state.updated_at.timestamp_millis(),
            failure_retries: state.failure_retries,
            enqueued: state.enqueued.clone(),
            ttl: (state.updated_at + STATE_TTL).timestamp(),
        }
    }

    fn into_state(self) -> Option<PlaybackState> {
        Some(PlaybackState {
            token: self.token,
            activity: self.activity,
            offset_ms: self.offset_ms,
            updated_at: DateTime::from_timestamp_millis(self.updated_at)?,
            failure_retries: self.failure_retries,
            enqueued: self.enqueued,
        })
    }
}

fn partition_key(user: &UserKey) -> String {
    format!("USER#{}", user.as_str())
}

/// Playback states in the playback table (see [`tables::PLAYBACK`]).
#[derive(Debug, Clone)]
pub struct DynamoDbPlaybackStore {
    client: Client,
    table: String,
}

impl DynamoDbPlaybackStore {
    /// A store over the table named `table`.
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }
}

fn unavailable(error: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::Unavailable(Box::new(error))
}

impl PlaybackStateStore for DynamoDbPlaybackStore {
    async fn load(&self, user: &UserKey) -> Result<Option<PlaybackState>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(
                tables::PLAYBACK.partition_key,
                AttributeValue::S(partition_key(user)),
            )
            .send()
            .await
            .map_err(unavailable)?;
        let Some(item) = output.item else {
            return Ok(None);
        };
        match serde_dynamo::from_item::<_, PlaybackItem>(item) {
            Ok(item) => Ok(item.into_state()),
            Err(error) => {
                // A row we cannot read is a state we do not have: the listener starts afresh.
                tracing::warn!(error = %error, "unreadable playback state ignored");
                Ok(None)
            }
        }
    }

    async fn record(&self, user: &UserKey, state: &PlaybackState) -> Result<Recorded, StoreError> {
        let item = serde_dynamo::to_item(PlaybackItem::new(user, state)).map_err(unavailable)?;
        let written = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(pk) OR updatedAt < :updatedAt")
            .expression_attribute_values(
                ":updatedAt",
                AttributeValue::N(state.updated_at.timestamp_millis().to_string()),
            )
            .send()
            .await;
        match written {
            Ok(_) => Ok(Recorded::Written),
            Err(error)
                if error
                    .as_service_error()
                    .is_some_and(|error| error.is_conditional_check_failed_exception()) =>
            {
                Ok(Recorded::Stale)
            }
            Err(error) => Err(unavailable(error)),
        }
    }
}
