//! Marks on event items about their stream: the stream check's finding (`streamTrouble`), written on the event item
//! and its name items with `UpdateItem`, so nothing else of the event is touched. Bounded: one map per item.

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types::AttributeValue;

use super::event_item::{
    EVENT_SORT_KEY, event_partition_key, name_keys, name_partition_key, sort_time,
};
use super::{StoreError, tables};
use crate::schedule::{LiveEvent, StreamTrouble};

/// The attribute holding a stream's trouble (see [`super::event_item::EventItem`]).
const TROUBLE_ATTRIBUTE: &str = "streamTrouble";

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

    /// Records `trouble` on `event` (`None` clears it) on its event item and every name item. An item deleted
    /// meanwhile is left deleted.
    ///
    /// # Errors
    /// Returns [`StoreError`] when the table cannot be written.
    pub async fn mark(
        &self,
        event: &LiveEvent,
        trouble: Option<&StreamTrouble>,
    ) -> Result<(), StoreError> {
        let value = trouble
            .map(serde_dynamo::to_attribute_value::<_, AttributeValue>)
            .transpose()
            .map_err(unavailable)?;
        let start_and_id = format!("{}#{}", sort_time(event.starts_at), event.id);
        let mut keys = vec![(event_partition_key(&event.id), EVENT_SORT_KEY.to_owned())];
        keys.extend(
            name_keys(event)
                .iter()
                .map(|key| (name_partition_key(key), start_and_id.clone())),
        );
        for (pk, sk) in keys {
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
                .expression_attribute_names("#trouble", TROUBLE_ATTRIBUTE);
            update = match &value {
                Some(value) => update
                    .update_expression("SET #trouble = :trouble")
                    .expression_attribute_values(":trouble", value.clone()),
                None => update.update_expression("REMOVE #trouble"),
            };
            match update.send().await {
                Ok(_) => {}
                Err(error)
                    if error
                        .as_service_error()
                        .is_some_and(|service| service.is_conditional_check_failed_exception()) => {
                }
                Err(error) => return Err(unavailable(error)),
            }
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
