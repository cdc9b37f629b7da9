//! [`DynamoDbZoneMemory`]: device time zones remembered across cold starts, in the playback table.
//!
//! A new container knows no device, so without this every cold start would ask the Alexa Settings API again (up to
//! its deadline) before it could speak a clock time. One item per device, keyed by a hash of the device id (the raw
//! id never leaves the request), expiring after [`ZONE_TTL`] so a moved device is asked again.

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types::AttributeValue;
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use sha2::{Digest as _, Sha256};

use super::{StoreError, tables};
use crate::skill::parse_zone;

/// How long a remembered zone is trusted: people rarely move their Echo to another zone.
pub const ZONE_TTL: Duration = Duration::days(7);

/// The key of a device in the table: `DEVICE#` and the SHA-256 of its Alexa `deviceId`, in hex.
#[derive(Clone, PartialEq, Eq)]
pub struct DeviceKey(String);

impl DeviceKey {
    /// The key of the device with this Alexa `deviceId`.
    #[must_use]
    pub fn from_device_id(device_id: &str) -> Self {
        let digest = Sha256::digest(device_id.as_bytes());
        let mut key = String::with_capacity(7 + 64);
        key.push_str("DEVICE#");
        for byte in digest {
            key.push_str(&format!("{byte:02x}"));
        }
        Self(key)
    }

    /// The partition key value.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for DeviceKey {
    /// Even the hash stays out of logs: it is a stable identifier of a listener's device.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DeviceKey(<redacted>)")
    }
}

/// Device zones in the playback table (see [`tables::PLAYBACK`]); cheap to clone.
#[derive(Debug, Clone)]
pub struct DynamoDbZoneMemory {
    client: Client,
    table: String,
}

fn unavailable(error: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::Unavailable(Box::new(error))
}

impl DynamoDbZoneMemory {
    /// Zones in the table named `table` (the playback table).
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }

    /// The zone remembered for `device` and still valid at `now`: one `GetItem`. DynamoDB deletes expired items
    /// only eventually, so the expiry is checked here too.
    ///
    /// # Errors
    /// Returns [`StoreError`] when the table cannot be read.
    pub async fn load(
        &self,
        device: &DeviceKey,
        now: DateTime<Utc>,
    ) -> Result<Option<Tz>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(
                tables::PLAYBACK.partition_key,
                AttributeValue::S(device.as_str().to_owned()),
            )
            .projection_expression("#zone, #ttl")
            .expression_attribute_names("#zone", "zone")
            .expression_attribute_names("#ttl", tables::PLAYBACK.ttl_attribute)
            .send()
            .await
            .map_err(unavailable)?;
        let Some(item) = output.item else {
            return Ok(None);
        };
        let expires = item
            .get(tables::PLAYBACK.ttl_attribute)
            .and_then(|value| value.as_n().ok())
            .and_then(|n| n.parse::<i64>().ok())
            .unwrap_or(0);
        if expires <= now.timestamp() {
            return Ok(None);
        }
        Ok(item
            .get("zone")
            .and_then(|value| value.as_s().ok())
            .and_then(|name| parse_zone(name).ok()))
    }

    /// Remembers `zone` for `device` until `now + ZONE_TTL`: one `PutItem`.
    ///
    /// # Errors
    /// Returns [`StoreError`] when the table cannot be written.
    pub async fn save(
        &self,
        device: &DeviceKey,
        zone: Tz,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.client
            .put_item()
            .table_name(&self.table)
            .item(
                tables::PLAYBACK.partition_key,
                AttributeValue::S(device.as_str().to_owned()),
            )
            .item("zone", AttributeValue::S(zone.name().to_owned()))
            .item(
                tables::PLAYBACK.ttl_attribute,
                AttributeValue::N((now + ZONE_TTL).timestamp().to_string()),
            )
            .send()
            .await
            .map_err(unavailable)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_a_hash_never_the_device_id() {
        let key = DeviceKey::from_device_id("amzn1.ask.device.SECRET");
        assert!(key.as_str().starts_with("DEVICE#"));
        assert_eq!(key.as_str().len(), 7 + 64);
        assert!(!key.as_str().contains("SECRET"));
        assert_eq!(format!("{key:?}"), "DeviceKey(<redacted>)");
    }
}
