//! [`RequestMetrics`]: one request's metrics as a CloudWatch Embedded Metric Format line.
//!
//! Lambda forwards stdout to CloudWatch Logs, and CloudWatch turns every log line shaped like
//! `{"_aws":{"Timestamp":…,"CloudWatchMetrics":[…]},…}` into metrics: no API call, no agent, nothing on the request
//! path but one `write`. Format: <https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html>.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

/// The CloudWatch namespace of onair's metrics.
pub const NAMESPACE: &str = "onair";

/// What one answered request measured.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestMetrics {
    /// The request type as Alexa names it (`IntentRequest`, `AudioPlayer.PlaybackStarted`, …); `Unreadable` for a
    /// body that is not an envelope. A small closed set, so it is safe as a dimension.
    pub request_type: String,
    /// The answer plays an event, or the request is about one (its stream token names it).
    pub matched: bool,
    /// The listener asked to play something and nothing played, or Alexa's NLU understood nothing (fallback).
    pub missed: bool,
    /// The request needed the schedule.
    pub schedule_read: bool,
    /// DynamoDB operations made while answering.
    pub dynamo_db_calls: u64,
    /// Time spent in those operations.
    pub dynamo_db_latency: Duration,
    /// Time to answer, from the parsed envelope to the checked response.
    pub duration: Duration,
}

impl RequestMetrics {
    /// The schedule came from the warm snapshot: it was needed and no DynamoDB call was made.
    #[must_use]
    pub fn cache_hit(&self) -> bool {
        self.schedule_read && self.dynamo_db_calls == 0
    }

    /// The EMF document for this request, stamped `at`. `DynamoDbLatencyMs` is declared only when a call was made, so
    /// warm requests do not drag its average towards zero.
    #[must_use]
    pub fn emf(&self, at: DateTime<Utc>) -> Value {
        let count = |flag: bool| Value::from(u8::from(flag));
        let mut values = vec![
            ("Requests", "Count", Value::from(1)),
            ("Matched", "Count", count(self.matched)),
            ("Missed", "Count", count(self.missed)),
            ("CacheHits", "Count", count(self.cache_hit())),
            (
                "CacheMisses",
                "Count",
                count(self.schedule_read && !self.cache_hit()),
            ),
            ("DynamoDbCalls", "Count", Value::from(self.dynamo_db_calls)),
        ];
        if self.dynamo_db_calls > 0 {
            values.push((
                "DynamoDbLatencyMs",
                "Milliseconds",
                Value::from(milliseconds(self.dynamo_db_latency)),
            ));
        }
        values.push((
            "DurationMs",
            "Milliseconds",
            Value::from(milliseconds(self.duration)),
        ));

        let declared: Vec<Value> = values
            .iter()
            .map(|(name, unit, _)| json!({"Name": name, "Unit": unit}))
            .collect();
        let mut document = Map::new();
        document.insert(
            "_aws".to_owned(),
            json!({
                "Timestamp": at.timestamp_millis(),
                "CloudWatchMetrics": [{
                    "Namespace": NAMESPACE,
                    "Dimensions": [["RequestType"]],
                    "Metrics": declared,
                }],
            }),
        );
        document.insert(
            "RequestType".to_owned(),
            Value::from(self.request_type.as_str()),
        );
        for (name, _, value) in values {
            document.insert(name.to_owned(), value);
        }
        Value::Object(document)
    }
}

/// Milliseconds with microsecond precision.
fn milliseconds(duration: Duration) -> f64 {
    let micros = u32::try_from(duration.as_micros()).unwrap_or(u32::MAX);
    f64::from(micros) / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metrics() -> RequestMetrics {
        RequestMetrics {
            request_type: "IntentRequest".to_owned(),
            matched: true,
            missed: false,
            schedule_read: true,
            dynamo_db_calls: 0,
            dynamo_db_latency: Duration::ZERO,
            duration: Duration::from_micros(1_250),
        }
    }

    fn at() -> DateTime<Utc> {
        DateTime::from_timestamp(1_795_377_600, 0).unwrap()
    }

    #[test]
    fn a_warm_request_is_a_cache_hit_without_a_latency_metric() {
        assert_eq!(
            metrics().emf(at()),
            json!({
                "_aws": {
                    "Timestamp": 1_795_377_600_000_i64,
                    "CloudWatchMetrics": [{
                        "Namespace": "onair",
                        "Dimensions": [["RequestType"]],
                        "Metrics": [
                            {"Name": "Requests", "Unit": "Count"},
                            {"Name": "Matched", "Unit": "Count"},
                            {"Name": "Missed", "Unit": "Count"},
                            {"Name": "CacheHits", "Unit": "Count"},
                            {"Name": "CacheMisses", "Unit": "Count"},
                            {"Name": "DynamoDbCalls", "Unit": "Count"},
                            {"Name": "DurationMs", "Unit": "Milliseconds"},
                        ],
                    }],
                },
                "RequestType": "IntentRequest",
                "Requests": 1,
                "Matched": 1,
                "Missed": 0,
                "CacheHits": 1,
                "CacheMisses": 0,
                "DynamoDbCalls": 0,
                "DurationMs": 1.25,
            })
        );
    }

    #[test]
    fn a_cold_request_declares_the_dynamo_db_latency() {
        let cold = RequestMetrics {
            dynamo_db_calls: 2,
            dynamo_db_latency: Duration::from_millis(18),
            ..metrics()
        };
        let document = cold.emf(at());
        assert_eq!(document["CacheHits"], 0);
        assert_eq!(document["CacheMisses"], 1);
        assert_eq!(document["DynamoDbLatencyMs"], 18.0);
        let declared = &document["_aws"]["CloudWatchMetrics"][0]["Metrics"];
        assert!(
            declared
                .as_array()
                .unwrap()
                .contains(&json!({"Name": "DynamoDbLatencyMs", "Unit": "Milliseconds"}))
        );
    }

    #[test]
    fn a_request_without_a_schedule_read_is_neither_hit_nor_miss() {
        let document = RequestMetrics {
            schedule_read: false,
            ..metrics()
        }
        .emf(at());
        assert_eq!(document["CacheHits"], 0);
        assert_eq!(document["CacheMisses"], 0);
    }
}
