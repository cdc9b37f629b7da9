//! The one definition of onair's DynamoDB tables: keys, indexes and TTL, used by `onair table create`, the tests
//! and checked against `template.yaml`, so the three cannot drift apart.

use std::collections::BTreeSet;
use std::time::Duration;

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::client::Waiters as _;
use aws_sdk_dynamodb::error::BuildError;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType, Projection,
    ProjectionType, ScalarAttributeType, TimeToLiveSpecification, TimeToLiveStatus,
};
use serde_json::{Value, json};

/// A table's partition key, sort key, indexes and TTL attribute. Every key attribute is a string (`S`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableSpec {
    /// What the table holds, for messages ("events", "playback").
    pub role: &'static str,
    /// The partition (hash) key attribute.
    pub partition_key: &'static str,
    /// The sort (range) key attribute, if any.
    pub sort_key: Option<&'static str>,
    /// Global secondary indexes, each projecting every attribute.
    pub indexes: &'static [IndexSpec],
    /// The attribute holding the epoch second after which DynamoDB may delete the item.
    pub ttl_attribute: &'static str,
}

/// A global secondary index: its name and keys (strings), projecting all attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexSpec {
    /// The index name, as passed to `Query`'s `IndexName`.
    pub name: &'static str,
    /// The index's partition key attribute.
    pub partition_key: &'static str,
    /// The index's sort key attribute.
    pub sort_key: &'static str,
}

/// The time-bucket index: partition = the 14-day period of an event's start, sort = start then id.
pub const BY_START: IndexSpec = IndexSpec {
    name: "byStart",
    partition_key: "gsi1pk",
    sort_key: "gsi1sk",
};

/// The channel index (sparse: only events with a channel): partition = channel, sort = start then id.
pub const BY_CHANNEL: IndexSpec = IndexSpec {
    name: "byChannel",
    partition_key: "gsi2pk",
    sort_key: "gsi2sk",
};

/// The drop-object index (sparse: only events written from a partner drop): partition = the drop object, sort =
/// start then id. It finds a file's events without a `Scan`, so a newer version of the file can replace them.
pub const BY_ORIGIN: IndexSpec = IndexSpec {
    name: "byOrigin",
    partition_key: "gsi3pk",
    sort_key: "gsi3sk",
};

/// The events table: event items (`EVENT#<id>`/`EVENT`) and name items (`NAME#<source key>`/`<start>#<id>`).
pub const EVENTS: TableSpec = TableSpec {
    role: "events",
    partition_key: "pk",
    sort_key: Some("sk"),
    indexes: &[BY_START, BY_CHANNEL, BY_ORIGIN],
    ttl_attribute: "ttl",
};

/// The listeners' playback state table: one item per user (`USER#<sha256 of the user id>`).
pub const PLAYBACK: TableSpec = TableSpec {
    role: "playback",
    partition_key: "pk",
    sort_key: None,
    indexes: &[],
    ttl_attribute: "ttl",
};

/// The follows table: what each listener follows, who follows each source, and the go-live notifications sent
/// (see [`crate::storage::dynamo_db_follows`]). Only sent notifications expire.
pub const FOLLOWS: TableSpec = TableSpec {
    role: "follows",
    partition_key: "pk",
    sort_key: Some("sk"),
    indexes: &[],
    ttl_attribute: "ttl",
};

/// Every table, in the order `onair table create` creates them.
pub const ALL: [TableSpec; 3] = [EVENTS, PLAYBACK, FOLLOWS];

/// The playback table's default name for an events table named `events_table`.
#[must_use]
pub fn default_playback_table(events_table: &str) -> String {
    format!("{events_table}-playback")
}

/// The follows table's default name for an events table named `events_table`.
#[must_use]
pub fn default_follows_table(events_table: &str) -> String {
    format!("{events_table}-follows")
}

/// What [`TableSpec::create`] found or did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Created {
    /// The table did not exist and was created.
    New,
    /// A table of that name already existed; it was left as it was (TTL enabled if it was not).
    AlreadyExisted,
}

/// Why a table could not be created.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    /// DynamoDB refused or could not be reached.
    #[error("cannot create table {table}")]
    DynamoDb {
        /// The table name.
        table: String,
        /// What DynamoDB said.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A request could not be built (a bug in the table definition).
    #[error("invalid table definition")]
    Definition(#[from] BuildError),
}

impl TableSpec {
    /// Every key attribute of the table and its indexes, sorted.
    #[must_use]
    pub fn key_attributes(&self) -> BTreeSet<&'static str> {
        let mut names: BTreeSet<&'static str> = self.sort_key.into_iter().collect();
        names.insert(self.partition_key);
        for index in self.indexes {
            names.insert(index.partition_key);
            names.insert(index.sort_key);
        }
        names
    }

    /// The table's `Properties` as a CloudFormation `AWS::DynamoDB::Table` declares them (keys, attribute
    /// definitions, indexes, TTL, on-demand billing): what `template.yaml` must say, minus the table name.
    #[must_use]
    pub fn cloudformation_properties(&self) -> Value {
        let key_schema = |partition: &str, sort: Option<&str>| {
            let mut keys = vec![json!({"AttributeName": partition, "KeyType": "HASH"})];
            keys.extend(sort.map(|sort| json!({"AttributeName": sort, "KeyType": "RANGE"})));
            Value::Array(keys)
        };
        let attributes: Vec<Value> = self
            .key_attributes()
            .into_iter()
            .map(|name| json!({"AttributeName": name, "AttributeType": "S"}))
            .collect();
        let mut properties = json!({
            "BillingMode": "PAY_PER_REQUEST",
            "KeySchema": key_schema(self.partition_key, self.sort_key),
            "AttributeDefinitions": attributes,
            "TimeToLiveSpecification": {"AttributeName": self.ttl_attribute, "Enabled": true},
        });
        if !self.indexes.is_empty() {
            properties["GlobalSecondaryIndexes"] = self
                .indexes
                .iter()
                .map(|index| {
                    json!({
                        "IndexName": index.name,
                        "KeySchema": key_schema(index.partition_key, Some(index.sort_key)),
                        "Projection": {"ProjectionType": "ALL"},
                    })
                })
                .collect();
        }
        properties
    }

    /// Creates the table named `name` (on-demand billing) and enables its TTL; an existing table is left as it is,
    /// so running this twice is harmless.
    ///
    /// # Errors
    /// Returns [`TableError`] when DynamoDB refuses or cannot be reached.
    pub async fn create(&self, client: &Client, name: &str) -> Result<Created, TableError> {
        let failed = |source: Box<dyn std::error::Error + Send + Sync>| TableError::DynamoDb {
            table: name.to_owned(),
            source,
        };
        let key = |attribute: &str, key_type: KeyType| {
            KeySchemaElement::builder()
                .attribute_name(attribute)
                .key_type(key_type)
                .build()
        };
        let mut request = client
            .create_table()
            .table_name(name)
            .billing_mode(BillingMode::PayPerRequest)
            .key_schema(key(self.partition_key, KeyType::Hash)?);
        if let Some(sort_key) = self.sort_key {
            request = request.key_schema(key(sort_key, KeyType::Range)?);
        }
        for attribute in self.key_attributes() {
            request = request.attribute_definitions(
                AttributeDefinition::builder()
                    .attribute_name(attribute)
                    .attribute_type(ScalarAttributeType::S)
                    .build()?,
            );
        }
        for index in self.indexes {
            request = request.global_secondary_indexes(
                GlobalSecondaryIndex::builder()
                    .index_name(index.name)
                    .key_schema(key(index.partition_key, KeyType::Hash)?)
                    .key_schema(key(index.sort_key, KeyType::Range)?)
                    .projection(
                        Projection::builder()
                            .projection_type(ProjectionType::All)
                            .build(),
                    )
                    .build()?,
            );
        }
        let created = match request.send().await {
            Ok(_) => Created::New,
            Err(error)
                if error
                    .as_service_error()
                    .is_some_and(|error| error.is_resource_in_use_exception()) =>
            {
                Created::AlreadyExisted
            }
            Err(error) => return Err(failed(error.into())),
        };
        client
            .wait_until_table_exists()
            .table_name(name)
            .wait(Duration::from_secs(120))
            .await
            .map_err(|error| failed(error.into()))?;
        self.enable_ttl(client, name).await.map_err(failed)?;
        Ok(created)
    }

    /// Enables TTL on `ttl_attribute` unless it is already on (DynamoDB rejects enabling it twice).
    async fn enable_ttl(
        &self,
        client: &Client,
        name: &str,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        let current = client
            .describe_time_to_live()
            .table_name(name)
            .send()
            .await?;
        let status = current
            .time_to_live_description()
            .and_then(|description| description.time_to_live_status());
        if matches!(
            status,
            Some(TimeToLiveStatus::Enabled | TimeToLiveStatus::Enabling)
        ) {
            return Ok(());
        }
        client
            .update_time_to_live()
            .table_name(name)
            .time_to_live_specification(
                TimeToLiveSpecification::builder()
                    .attribute_name(self.ttl_attribute)
                    .enabled(true)
                    .build()?,
            )
            .send()
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_index_key_is_declared_as_an_attribute() {
        let properties = EVENTS.cloudformation_properties();
        let declared: BTreeSet<&str> = properties["AttributeDefinitions"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|attribute| attribute["AttributeName"].as_str())
            .collect();
        assert_eq!(
            declared,
            BTreeSet::from([
                "pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk", "gsi3pk", "gsi3sk"
            ])
        );
        assert_eq!(
            properties["GlobalSecondaryIndexes"][0]["IndexName"],
            "byStart"
        );
    }

    #[test]
    fn the_playback_table_has_no_sort_key_and_no_index() {
        let properties = PLAYBACK.cloudformation_properties();
        assert_eq!(
            properties["KeySchema"],
            json!([{"AttributeName": "pk", "KeyType": "HASH"}])
        );
        assert!(properties.get("GlobalSecondaryIndexes").is_none());
        assert_eq!(
            properties["TimeToLiveSpecification"]["AttributeName"],
            "ttl"
        );
    }
}
