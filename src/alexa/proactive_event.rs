//! The body of a Proactive Events API call (`POST /v1/proactiveEvents`), for the one schema onair sends:
//! `AMAZON.MediaContent.Available`, "a show you follow is available now".
//!
//! Reference: <https://developer.amazon.com/docs/alexa/smapi/proactive-events-api-reference.html> and the event
//! schemas (<https://developer.amazon.com/docs/smapi/schemas-for-proactive-events.html>). Text fields of the payload
//! name a key of `localizedAttributes` (`localizedattribute:contentName`), so one event speaks every locale.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

/// The event schema onair publishes (declared under `events.publications` in the skill manifest).
pub const MEDIA_CONTENT_AVAILABLE: &str = "AMAZON.MediaContent.Available";

/// One proactive event for one audience.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProactiveEvent {
    /// When the event was created (RFC 3339, UTC).
    #[serde(serialize_with = "rfc3339")]
    pub timestamp: DateTime<Utc>,
    /// Identifies this event instance: Alexa treats a second event with the same id as the same notification.
    pub reference_id: String,
    /// When the notification stops being relevant (between 5 minutes and 24 hours after `timestamp`).
    #[serde(serialize_with = "rfc3339")]
    pub expiry_time: DateTime<Utc>,
    /// The schema and its payload.
    pub event: Event,
    /// The texts the payload refers to, one entry per locale.
    pub localized_attributes: Vec<LocalizedAttributes>,
    /// Who gets it.
    pub relevant_audience: RelevantAudience,
}

/// `event`: the schema's name and payload.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// Always [`MEDIA_CONTENT_AVAILABLE`].
    pub name: &'static str,
    /// The schema's payload.
    pub payload: MediaContentPayload,
}

/// The payload of `AMAZON.MediaContent.Available`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MediaContentPayload {
    /// When and how the content is available.
    pub availability: Availability,
    /// What is available.
    pub content: Content,
}

/// `availability`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Availability {
    /// When the show starts.
    #[serde(serialize_with = "rfc3339")]
    pub start_time: DateTime<Utc>,
    /// Who provides it (the channel), as a localized attribute reference.
    pub provider: Provider,
    /// How it is distributed.
    pub method: DistributionMethod,
}

/// `availability.provider`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provider {
    /// `localizedattribute:providerName`.
    pub name: &'static str,
}

/// `availability.method`: the schema's closed set, of which a live stream uses one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DistributionMethod {
    /// Streamed: a live audio stream.
    Stream,
    /// Broadcast on air.
    Air,
}

/// `content`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Content {
    /// `localizedattribute:contentName`.
    pub name: &'static str,
    /// What kind of content.
    pub content_type: ContentType,
}

/// `content.contentType`: one live show is an episode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ContentType {
    /// One episode of a show.
    Episode,
}

/// The reference the payload's `provider.name` holds.
pub const PROVIDER_NAME: &str = "localizedattribute:providerName";
/// The reference the payload's `content.name` holds.
pub const CONTENT_NAME: &str = "localizedattribute:contentName";

/// One locale's texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LocalizedAttributes {
    /// The locale (`en-US`).
    pub locale: String,
    /// The channel or station.
    pub provider_name: String,
    /// The show.
    pub content_name: String,
}

/// `relevantAudience`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "payload")]
pub enum RelevantAudience {
    /// One listener, by Alexa `userId`.
    Unicast(UnicastPayload),
    /// Everyone subscribed to the skill's notifications.
    Multicast(MulticastPayload),
}

/// `relevantAudience.payload` of a Unicast event.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct UnicastPayload {
    /// The Alexa `userId`.
    pub user: String,
}

impl std::fmt::Debug for UnicastPayload {
    /// The user id stays out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UnicastPayload { .. }")
    }
}

/// `relevantAudience.payload` of a Multicast event: empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MulticastPayload {}

fn rfc3339<S: serde::Serializer>(at: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&at.to_rfc3339_opts(SecondsFormat::Millis, true))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_unicast_media_content_event_has_the_documented_shape() {
        let at = DateTime::parse_from_rfc3339("2026-11-22T19:58:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let event = ProactiveEvent {
            timestamp: at,
            reference_id: "onair-1".to_owned(),
            expiry_time: at + chrono::Duration::hours(2),
            event: Event {
                name: MEDIA_CONTENT_AVAILABLE,
                payload: MediaContentPayload {
                    availability: Availability {
                        start_time: at + chrono::Duration::minutes(2),
                        provider: Provider {
                            name: PROVIDER_NAME,
                        },
                        method: DistributionMethod::Stream,
                    },
                    content: Content {
                        name: CONTENT_NAME,
                        content_type: ContentType::Episode,
                    },
                },
            },
            localized_attributes: vec![LocalizedAttributes {
                locale: "en-US".to_owned(),
                provider_name: "Radio Uno".to_owned(),
                content_name: "Sera Uno".to_owned(),
            }],
            relevant_audience: RelevantAudience::Unicast(UnicastPayload {
                user: "amzn1.ask.account.TEST".to_owned(),
            }),
        };
        assert_eq!(
            serde_json::to_value(&event).unwrap(),
            json!({
                "timestamp": "2026-11-22T19:58:00.000Z",
                "referenceId": "onair-1",
                "expiryTime": "2026-11-22T21:58:00.000Z",
                "event": {
                    "name": "AMAZON.MediaContent.Available",
                    "payload": {
                        "availability": {
                            "startTime": "2026-11-22T20:00:00.000Z",
                            "provider": {"name": "localizedattribute:providerName"},
                            "method": "STREAM"
                        },
                        "content": {"name": "localizedattribute:contentName", "contentType": "EPISODE"}
                    }
                },
                "localizedAttributes": [
                    {"locale": "en-US", "providerName": "Radio Uno", "contentName": "Sera Uno"}
                ],
                "relevantAudience": {"type": "Unicast", "payload": {"user": "amzn1.ask.account.TEST"}}
            })
        );
        assert!(!format!("{event:?}").contains("amzn1"));
    }
}
