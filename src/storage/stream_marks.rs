//! Marks on event items about their stream: the stream check's findings (`streamTrouble`, `resolvedStream`) and
//! failed plays, written on the event item and its name items with `UpdateItem`, so nothing else of the event is
//! touched. Bounded: two small maps per item.

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types::AttributeValue;

use super::event_item::{
    EVENT_SORT_KEY, event_partition_key, name_keys, name_partition_key, sort_time,
};
use super::{StoreError, tables};
use chrono::{DateTime, Utc};

use crate::schedule::{LiveEvent, PLAYBACK_FAILURES_FOR_TROUBLE, ResolvedStream, StreamTrouble};

/// The attribute holding a stream's trouble (see [`super::event_item::EventItem`]).
const TROUBLE_ATTRIBUTE: &str = "streamTrouble";
/// The attribute holding the resolved stream.
const RESOLVED_ATTRIBUTE: &str = "resolvedStream";

/// Writes stream marks into one events table.
#[derive(Debug, Clone)]
pub struct StreamMarks {
    client: Client,
    table: String,
}

fn unavailable(error: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::Unavailable(Box::new(error))
}

impl StreamMarks {
    /// Marks in `table`.
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }

    /// Records what a check found for `event` on its event item and every name item: `trouble` (`None` clears it)
    /// and the stream to play (`None` removes it, so the partner's `streamUrl` is played as written). An item
    /// deleted meanwhile is left deleted.
    ///
    /// # Errors
    /// Returns [`StoreError`] when the table cannot be written.
    pub async fn mark(
        &self,
        event: &LiveEvent,
        trouble: Option<&StreamTrouble>,
        resolved: Option<&ResolvedStream>,
    ) -> Result<(), StoreError> {
        let trouble = trouble
            .map(serde_dynamo::to_attribute_value::<_, AttributeValue>)
            .transpose()
            .map_err(unavailable)?;
        let resolved = resolved
            .map(serde_dynamo::to_attribute_value::<_, AttributeValue>)
            .transpose()
            .map_err(unavailable)?;
        let mut set = Vec::new();
        let mut remove = Vec::new();
        match &trouble {
            Some(_) => set.push("#trouble = :trouble"),
            None => remove.push("#trouble"),
        }
        match &resolved {
            Some(_) => set.push("#resolved = :resolved"),
            None => remove.push("#resolved"),
        }
        let mut expression = String::new();
        if !set.is_empty() {
            expression = format!("SET {}", set.join(", "));
        }
        if !remove.is_empty() {
            expression = format!("{expression} REMOVE {}", remove.join(", "));
        }
        for (pk, sk) in item_keys(event) {
            let mut update = self
                .client
                .update_item()
                .table_name(&self.table)
                .key(tables::EVENTS.partition_key, AttributeValue::S(pk))
                .key(
                    tables::EVENTS.sort_key.unwrap_or("sk"),
                    AttributeValue::S(sk),
                )
                .condition_expression("attribute_exists(#pk)")
                .expression_attribute_names("#pk", tables::EVENTS.partition_key)
                .expression_attribute_names("#trouble", TROUBLE_ATTRIBUTE)
                .expression_attribute_names("#resolved", RESOLVED_ATTRIBUTE)
                .update_expression(expression.trim());
            if let Some(value) = &trouble {
                update = update.expression_attribute_values(":trouble", value.clone());
            }
            if let Some(value) = &resolved {
                update = update.expression_attribute_values(":resolved", value.clone());
            }
            match update.send().await {
                Ok(_) => {}
                Err(error) if conditional(&error) => {}
                Err(error) => return Err(unavailable(error)),
            }
        }
        Ok(())
    }

    /// Counts one failed play of `event`'s live stream at `at` on its items (bounded at 255). When the count
    /// reaches [`PLAYBACK_FAILURES_FOR_TROUBLE`], warm skill containers are told the schedule changed, so the next
    /// listener hears that the stream has trouble.
    ///
    /// # Errors
    /// Returns [`StoreError`] when the table cannot be written.
    pub async fn count_playback_failure(
        &self,
        event: &LiveEvent,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let fresh = serde_dynamo::to_attribute_value::<_, AttributeValue>(
            StreamTrouble::with_playback_failure(None, at),
        )
        .map_err(unavailable)?;
        let mut reached = false;
        for (index, (pk, sk)) in item_keys(event).into_iter().enumerate() {
            let key = |update: aws_sdk_dynamodb::operation::update_item::builders::UpdateItemFluentBuilder| {
                update
                    .table_name(&self.table)
                    .key(tables::EVENTS.partition_key, AttributeValue::S(pk.clone()))
                    .key(
                        tables::EVENTS.sort_key.unwrap_or("sk"),
                        AttributeValue::S(sk.clone()),
                    )
                    .expression_attribute_names("#pk", tables::EVENTS.partition_key)
                    .expression_attribute_names("#trouble", TROUBLE_ATTRIBUTE)
            };
            let first = key(self.client.update_item())
                .condition_expression("attribute_exists(#pk) AND attribute_not_exists(#trouble)")
                .update_expression("SET #trouble = :fresh")
                .expression_attribute_values(":fresh", fresh.clone())
                .send()
                .await;
            match first {
                Ok(_) => continue,
                Err(error) if !conditional(&error) => return Err(unavailable(error)),
                Err(_) => {}
            }
            let counted = key(self.client.update_item())
                .condition_expression(
                    "attribute_exists(#pk) AND (attribute_not_exists(#trouble.#failures) OR #trouble.#failures < :max)",
                )
                .update_expression(
                    "SET #trouble.#failures = if_not_exists(#trouble.#failures, :zero) + :one, #trouble.#seen = :at",
                )
                .expression_attribute_names("#failures", "playbackFailures")
                .expression_attribute_names("#seen", "seenAt")
                .expression_attribute_values(":zero", AttributeValue::N("0".to_owned()))
                .expression_attribute_values(":one", AttributeValue::N("1".to_owned()))
                .expression_attribute_values(":max", AttributeValue::N(u8::MAX.to_string()))
                .expression_attribute_values(":at", AttributeValue::S(at.to_rfc3339()))
                .return_values(aws_sdk_dynamodb::types::ReturnValue::UpdatedNew)
                .send()
                .await;
            match counted {
                Ok(output) if index == 0 => {
                    let count = output
                        .attributes()
                        .and_then(|attributes| attributes.get(TROUBLE_ATTRIBUTE))
                        .and_then(|trouble| trouble.as_m().ok())
                        .and_then(|trouble| trouble.get("playbackFailures"))
                        .and_then(|count| count.as_n().ok())
                        .and_then(|count| count.parse::<u8>().ok());
                    reached = count == Some(PLAYBACK_FAILURES_FOR_TROUBLE);
                }
                Ok(_) => {}
                Err(error) if !conditional(&error) => return Err(unavailable(error)),
                Err(_) => {}
            }
        }
        if reached {
            self.changed().await?;
        }
        Ok(())
    }

    /// Tells warm skill containers that the schedule changed (see [`super::schedule_version`]).
    ///
    /// # Errors
    /// Returns [`StoreError`] when the table cannot be written.
    pub async fn changed(&self) -> Result<(), StoreError> {
        super::schedule_version::bump(&self.client, &self.table)
            .await
            .map(|_| ())
    }
}

/// The event item's key, then every name item's.
fn item_keys(event: &LiveEvent) -> Vec<(String, String)> {
    let start_and_id = format!("{}#{}", sort_time(event.starts_at), event.id);
    let mut keys = vec![(event_partition_key(&event.id), EVENT_SORT_KEY.to_owned())];
    keys.extend(
        name_keys(event)
            .iter()
            .map(|key| (name_partition_key(key), start_and_id.clone())),
    );
    keys
}

/// Whether an update was refused by its condition (the item is gone, or the count is at its bound).
fn conditional(
    error: &aws_sdk_dynamodb::error::SdkError<
        aws_sdk_dynamodb::operation::update_item::UpdateItemError,
    >,
) -> bool {
    error
        .as_service_error()
        .is_some_and(aws_sdk_dynamodb::operation::update_item::UpdateItemError::is_conditional_check_failed_exception)
}
