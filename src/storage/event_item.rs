//! How a [`LiveEvent`] is laid out in the events table: the [`EventItem`] record, its keys, time buckets and TTL.
//!
//! The domain type never carries attribute names: this record does, and `TryFrom<EventItem> for LiveEvent` checks
//! every value again on the way back, so a hand-edited or corrupt row is rejected (and skipped) instead of reaching
//! a listener.

use std::collections::{BTreeSet, HashMap};

use aws_sdk_dynamodb::types::AttributeValue;

use chrono::{DateTime, Duration, NaiveDate, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::schedule::{
    EventId, HttpsUrl, LiveEvent, MediaUrl, ResolvedStream, StreamTrouble, source_key,
};

/// The longest occurrence the table can find by time: the domain's 24 hours of wall-clock time, plus the hour a
/// DST change may add. A snapshot query reaches this far before its window, so an event that started earlier and
/// is still on is included.
pub const MAX_EVENT_DURATION: Duration = Duration::hours(26);

/// The length of one time bucket of the `byStart` index.
///
/// A snapshot spans `LOOKBACK + HORIZON` (10 days) plus [`MAX_EVENT_DURATION`] and a little slack, under 14 days, so
/// it touches at most two buckets: at most two `Query` calls for a cold snapshot (plus one per extra MB page). ISO
/// weeks would make it three about half the time.
pub const BUCKET_LENGTH: Duration = Duration::days(14);

/// How long an event stays in the table after it ended: long enough for catch-up ("play yesterday's show").
pub const EVENT_TTL: Duration = Duration::days(30);

/// The sort key value of an event item (name items use `<start>#<id>`).
pub const EVENT_SORT_KEY: &str = "EVENT";

/// DynamoDB's largest item: 400 KB, attribute names and values together.
pub const MAX_ITEM_BYTES: usize = 400 * 1024;

/// Bumped whenever the item layout changes, so a re-import rewrites every row in the new layout.
const LAYOUT_VERSION: &str = "event-item-v1";

/// The first bucket starts on Monday 1970-01-05, so buckets always start on a Monday.
fn bucket_epoch() -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(1970, 1, 5)
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .map_or(DateTime::UNIX_EPOCH, |start| start.and_utc())
}

/// The first instant of the bucket holding `instant`.
fn bucket_start(instant: DateTime<Utc>) -> DateTime<Utc> {
    let epoch = bucket_epoch();
    let index = (instant - epoch)
        .num_seconds()
        .div_euclid(BUCKET_LENGTH.num_seconds());
    epoch + BUCKET_LENGTH * i32::try_from(index).unwrap_or(i32::MAX)
}

/// The `byStart` partition key of the bucket holding `instant`, named after its first day: `B14#2026-11-16`.
#[must_use]
pub fn bucket_key(instant: DateTime<Utc>) -> String {
    format!("B14#{}", bucket_start(instant).format("%Y-%m-%d"))
}

/// The partition keys of every bucket that holds an instant of `[from, to]`, earliest first.
#[must_use]
pub fn bucket_keys_between(from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<String> {
    let mut keys = Vec::new();
    let mut start = bucket_start(from);
    while start <= to {
        keys.push(bucket_key(start));
        start += BUCKET_LENGTH;
    }
    keys
}

/// An instant as sort keys hold it: RFC 3339 in UTC to the second, fixed width, so text order is time order.
#[must_use]
pub fn sort_time(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The partition key of the event item with this id.
#[must_use]
pub fn event_partition_key(id: &EventId) -> String {
    format!("EVENT#{id}")
}

/// The partition key of the name items for a source key (`NAME#radio-uno`).
#[must_use]
pub fn name_partition_key(source_key: &str) -> String {
    format!("NAME#{source_key}")
}

/// The `byChannel` partition key of a channel (by its source key, so "Radio Uno" and "radio uno" are one channel).
#[must_use]
pub fn channel_partition_key(channel: &str) -> String {
    format!("CHANNEL#{}", source_key(channel))
}

/// Which partner drop an event came from. The partner owns the event (no other partner's drop may overwrite it),
/// and the next version of the same object replaces the events it wrote.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    partner: String,
    object: String,
}

impl Origin {
    /// The drop `s3://<bucket>/<key>` of `partner`.
    #[must_use]
    pub fn new(partner: &str, bucket: &str, key: &str) -> Self {
        Self {
            partner: partner.to_owned(),
            object: format!("s3://{bucket}/{key}"),
        }
    }

    /// The partner that owns the events.
    #[must_use]
    pub fn partner(&self) -> &str {
        &self.partner
    }

    /// The drop object, `s3://<bucket>/<key>`.
    #[must_use]
    pub fn object(&self) -> &str {
        &self.object
    }
}

/// The `byOrigin` partition key of the events a drop object wrote (`ORIGIN#s3://bucket/drops/acme/week.csv`).
#[must_use]
pub fn origin_partition_key(origin: &Origin) -> String {
    format!("ORIGIN#{}", origin.object)
}

/// One row of the events table: an event item (`pk = EVENT#<id>`, `sk = EVENT`, in the time and channel indexes,
/// and in `byOrigin` when a partner drop wrote it) or one of its name items (`pk = NAME#<source key>`,
/// `sk = <start>#<id>`, in no index), which carry the whole event so "events named X" is one `Query`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventItem {
    /// Partition key. (This and the other bookkeeping attributes default when absent: reads of events project
    /// to [`EVENT_ATTRIBUTES`].)
    #[serde(default)]
    pub pk: String,
    /// Sort key.
    #[serde(default)]
    pub sk: String,
    /// `byStart` partition: the time bucket of the start (event items only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gsi1pk: Option<String>,
    /// `byStart` sort key: `<start>#<id>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gsi1sk: Option<String>,
    /// `byChannel` partition: `CHANNEL#<channel key>` (event items with a channel only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gsi2pk: Option<String>,
    /// `byChannel` sort key: `<start>#<id>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gsi2sk: Option<String>,
    /// `byOrigin` partition: `ORIGIN#<drop object>` (event items written from a partner drop only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gsi3pk: Option<String>,
    /// `byOrigin` sort key: `<start>#<id>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gsi3sk: Option<String>,
    /// The partner whose drop wrote the event; absent when the operator imported it (`onair schedule import FILE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner: Option<String>,
    /// The drop object that wrote the event, `s3://<bucket>/<key>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// Epoch second after which DynamoDB may delete the row: the end plus [`EVENT_TTL`].
    #[serde(default)]
    pub ttl: i64,
    /// A hash of the event and the layout: an import rewrites a row only when it changes.
    #[serde(default)]
    pub content_hash: String,
    /// The source keys of the event's name items, so an import can delete the ones a changed event no longer has.
    #[serde(default)]
    pub name_keys: Vec<String>,
    /// The occurrence id.
    pub id: String,
    /// The title.
    pub title: String,
    /// Performers and hosts.
    pub performers: Vec<String>,
    /// Other names.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The channel as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// Start (inclusive).
    pub starts_at: DateTime<Utc>,
    /// End (exclusive).
    pub ends_at: DateTime<Utc>,
    /// The live stream (`https://`).
    pub stream_url: String,
    /// Cover art (`https://` or `s3://`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub art_url: Option<String>,
    /// Catch-up recording (`https://` or `s3://`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording_url: Option<String>,
    /// Locales where it is offered.
    #[serde(default)]
    pub locales: Vec<String>,
    /// Genre.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genre: Option<String>,
    /// The show's IANA time zone (`Europe/Rome`), when the partner gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// What the stream resolver found `streamUrl` to be: the URL to play, format, codec, bitrate, checked-at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_stream: Option<ResolvedStream>,
    /// The stream's trouble, set by the stream check and by failed plays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream_trouble: Option<StreamTrouble>,
}

/// The attributes a [`LiveEvent`] is read from (see `TryFrom<EventItem>`). Reads of events project to them, so
/// a row's index keys, content hash and name keys (about half its bytes) are neither sent nor parsed: less to wait
/// for on a cold read and less transient memory while a snapshot loads.
pub const EVENT_ATTRIBUTES: &[&str] = &[
    "id",
    "title",
    "performers",
    "aliases",
    "channel",
    "startsAt",
    "endsAt",
    "streamUrl",
    "artUrl",
    "recordingUrl",
    "locales",
    "genre",
    "timeZone",
    "resolvedStream",
    "streamTrouble",
];

/// The projection expression of [`EVENT_ATTRIBUTES`] (`#ea0, #ea1, …`) and its attribute names: placeholders,
/// since some of the names are DynamoDB reserved words.
pub fn event_projection() -> (String, impl Iterator<Item = (String, &'static str)>) {
    let placeholder = |position: usize| format!("#ea{position}");
    let expression = (0..EVENT_ATTRIBUTES.len())
        .map(placeholder)
        .collect::<Vec<_>>()
        .join(", ");
    let names = EVENT_ATTRIBUTES
        .iter()
        .enumerate()
        .map(move |(position, name)| (placeholder(position), *name));
    (expression, names)
}

/// Why a row could not be read back as a [`LiveEvent`].
#[derive(Debug, thiserror::Error)]
pub enum ItemError {
    /// The row lacks an attribute or has one of the wrong type.
    #[error("malformed event item")]
    Shape(#[from] serde_dynamo::Error),
    /// A value breaks the domain's rules.
    #[error("invalid {field} in event item")]
    Invalid {
        /// The offending attribute.
        field: &'static str,
    },
}

/// The distinct source keys of every name of `event` (title, performers, aliases, channel), sorted.
#[must_use]
pub fn name_keys(event: &LiveEvent) -> Vec<String> {
    event
        .names()
        .map(source_key)
        .filter(|key| !key.is_empty())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// A hash of everything stored about `event`, for "unchanged" on re-import.
#[must_use]
pub fn content_hash(event: &LiveEvent) -> String {
    content_hash_from(event, None)
}

/// A hash of everything stored about `event` written from `origin`: moving an event to another drop object
/// changes it, so the move is written.
#[must_use]
pub fn content_hash_from(event: &LiveEvent, origin: Option<&Origin>) -> String {
    let mut hasher = Sha256::new();
    hasher.update(LAYOUT_VERSION.as_bytes());
    // When a stream was checked is not a change: a re-import that resolves the stream the same way writes nothing.
    let mut event = event.clone();
    if let Some(stream) = &mut event.stream {
        stream.checked_at = DateTime::UNIX_EPOCH;
    }
    if let Some(trouble) = &mut event.stream_trouble {
        trouble.seen_at = DateTime::UNIX_EPOCH;
    }
    // Serializing a struct is deterministic (fields in declaration order), so equal events hash equally.
    hasher.update(serde_json::to_vec(&event).unwrap_or_default());
    if let Some(origin) = origin {
        for part in ["\0origin\0", &origin.partner, "\0", &origin.object] {
            hasher.update(part.as_bytes());
        }
    }
    hasher
        .finalize()
        .iter()
        .take(16)
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The size DynamoDB counts for an item: the UTF-8 length of every attribute name plus its value's size
/// (<https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html>). Numbers
/// are counted at their largest (21 bytes), so the estimate never falls short.
#[must_use]
pub fn item_size(item: &HashMap<String, AttributeValue>) -> usize {
    item.iter()
        .map(|(name, value)| name.len() + value_size(value))
        .sum()
}

fn value_size(value: &AttributeValue) -> usize {
    match value {
        AttributeValue::S(text) => text.len(),
        AttributeValue::N(_) => 21,
        AttributeValue::B(bytes) => bytes.as_ref().len(),
        AttributeValue::Bool(_) | AttributeValue::Null(_) => 1,
        AttributeValue::Ss(texts) => texts.iter().map(String::len).sum(),
        AttributeValue::Ns(numbers) => 21 * numbers.len(),
        AttributeValue::Bs(blobs) => blobs.iter().map(|blob| blob.as_ref().len()).sum(),
        AttributeValue::L(values) => 3 + values.iter().map(|v| 1 + value_size(v)).sum::<usize>(),
        AttributeValue::M(map) => {
            3 + map
                .iter()
                .map(|(name, v)| 1 + name.len() + value_size(v))
                .sum::<usize>()
        }
        _ => 0,
    }
}

impl EventItem {
    /// The size of the largest item `event` is stored as (its event item; name items are the same record minus
    /// the index keys), as DynamoDB counts it against [`MAX_ITEM_BYTES`].
    ///
    /// # Errors
    /// Returns the serializer's error when the item cannot be built (a bug).
    pub fn stored_size(
        event: &LiveEvent,
        origin: Option<&Origin>,
    ) -> Result<usize, serde_dynamo::Error> {
        let item: HashMap<String, AttributeValue> =
            serde_dynamo::to_item(Self::event_from(event, origin))?;
        Ok(item_size(&item))
    }

    /// The event item of `event`: findable by id, by time bucket and by channel.
    #[must_use]
    pub fn event(event: &LiveEvent) -> Self {
        Self::event_from(event, None)
    }

    /// The event item of `event` written from `origin` (a partner drop): also findable by drop object, and
    /// carrying its owner.
    #[must_use]
    pub fn event_from(event: &LiveEvent, origin: Option<&Origin>) -> Self {
        let start_and_id = format!("{}#{}", sort_time(event.starts_at), event.id);
        Self {
            gsi3pk: origin.map(origin_partition_key),
            gsi3sk: origin.map(|_| start_and_id.clone()),
            partner: origin.map(|origin| origin.partner.clone()),
            origin: origin.map(|origin| origin.object.clone()),
            pk: event_partition_key(&event.id),
            sk: EVENT_SORT_KEY.to_owned(),
            gsi1pk: Some(bucket_key(event.starts_at)),
            gsi1sk: Some(start_and_id.clone()),
            gsi2pk: event.channel.as_deref().map(channel_partition_key),
            gsi2sk: event.channel.as_ref().map(|_| start_and_id),
            ttl: (event.ends_at + EVENT_TTL).timestamp(),
            content_hash: content_hash_from(event, origin),
            name_keys: name_keys(event),
            id: event.id.to_string(),
            title: event.title.clone(),
            performers: event.performers.clone(),
            aliases: event.aliases.clone(),
            channel: event.channel.clone(),
            starts_at: event.starts_at,
            ends_at: event.ends_at,
            stream_url: event.stream_url.to_string(),
            art_url: event.art_url.as_ref().map(ToString::to_string),
            recording_url: event.recording_url.as_ref().map(ToString::to_string),
            locales: event.locales.clone(),
            genre: event.genre.clone(),
            time_zone: event.time_zone.map(|zone| zone.name().to_owned()),
            resolved_stream: event.stream.as_deref().cloned(),
            stream_trouble: event.stream_trouble.clone(),
        }
    }

    /// Every item `event` is stored as: its event item, then one name item per source key (the same record under
    /// `NAME#<key>`, in no index).
    #[must_use]
    pub fn all_for(event: &LiveEvent) -> Vec<Self> {
        Self::all_from(event, None)
    }

    /// Every item `event` written from `origin` is stored as (see [`Self::all_for`]).
    #[must_use]
    pub fn all_from(event: &LiveEvent, origin: Option<&Origin>) -> Vec<Self> {
        let main = Self::event_from(event, origin);
        let mut items = Vec::with_capacity(1 + main.name_keys.len());
        items.extend(main.name_keys.iter().map(|key| main.as_name_item(key)));
        items.insert(0, main);
        items
    }

    /// The name item for one source key of this event item.
    #[must_use]
    pub fn as_name_item(&self, key: &str) -> Self {
        Self {
            pk: name_partition_key(key),
            sk: format!("{}#{}", sort_time(self.starts_at), self.id),
            gsi1pk: None,
            gsi1sk: None,
            gsi2pk: None,
            gsi2sk: None,
            gsi3pk: None,
            gsi3sk: None,
            ..self.clone()
        }
    }
}

impl TryFrom<EventItem> for LiveEvent {
    type Error = ItemError;

    fn try_from(item: EventItem) -> Result<Self, Self::Error> {
        let invalid = |field| ItemError::Invalid { field };
        let media = |url: Option<String>, field| {
            url.map(|url| {
                MediaUrl::parse(&url)
                    .map(Box::new)
                    .map_err(|_| invalid(field))
            })
            .transpose()
        };
        if item.ends_at <= item.starts_at {
            return Err(invalid("endsAt"));
        }
        Ok(Self {
            id: EventId::parse(&item.id).map_err(|_| invalid("id"))?,
            title: item.title,
            performers: item.performers,
            aliases: item.aliases,
            channel: item.channel,
            starts_at: item.starts_at,
            ends_at: item.ends_at,
            stream_url: HttpsUrl::parse(&item.stream_url).map_err(|_| invalid("streamUrl"))?,
            art_url: media(item.art_url, "artUrl")?,
            recording_url: media(item.recording_url, "recordingUrl")?,
            locales: item.locales,
            genre: item.genre,
            // A zone this build does not know only costs the clock-time phrasing, never the event.
            time_zone: item
                .time_zone
                .and_then(|name| name.parse::<chrono_tz::Tz>().ok()),
            stream: item.resolved_stream.map(Box::new),
            stream_trouble: item.stream_trouble,
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("a valid instant")
            .with_timezone(&Utc)
    }

    fn event() -> LiveEvent {
        LiveEvent {
            id: EventId::parse("jazz-night@20261122T2000Z").expect("valid id"),
            title: "Jazz Night".to_owned(),
            performers: vec!["Luca Bianchi".to_owned(), "The Night Owls".to_owned()],
            aliases: vec!["jazz night".to_owned()],
            channel: Some("Radio Uno".to_owned()),
            starts_at: at("2026-11-22T20:00:00Z"),
            ends_at: at("2026-11-22T22:00:00Z"),
            stream_url: HttpsUrl::parse("https://streams.onair.example/jazz.mp3").expect("https"),
            art_url: Some(Box::new(
                MediaUrl::parse("s3://art-bucket/jazz.png").expect("s3 url"),
            )),
            recording_url: None,
            locales: vec!["it-IT".to_owned()],
            genre: Some("jazz".to_owned()),
            time_zone: Some(chrono_tz::Europe::Rome),
            stream: None,
            stream_trouble: None,
        }
    }

    #[test]
    fn an_event_survives_the_round_trip_through_a_dynamodb_item() {
        let item = EventItem::event(&event());
        let attributes: serde_dynamo::Item = serde_dynamo::to_item(&item).expect("serializes");
        let back: EventItem = serde_dynamo::from_item(attributes).expect("deserializes");
        assert_eq!(LiveEvent::try_from(back).expect("valid"), event());
    }

    #[test]
    fn a_row_projected_to_the_event_attributes_reads_back_as_the_whole_event() {
        let mut event = event();
        event.recording_url = Some(Box::new(
            MediaUrl::parse("https://cdn.onair.example/jazz.mp3").unwrap(),
        ));
        event.stream = Some(Box::new(crate::schedule::ResolvedStream {
            play_url: HttpsUrl::parse("https://streams.onair.example/jazz/128.aac").unwrap(),
            format: crate::schedule::StreamFormat::HlsMaster,
            codec: Some("mp4a.40.2".to_owned()),
            bitrate_kbps: Some(128),
            checked_at: at("2026-11-22T19:00:00Z"),
        }));
        event.stream_trouble = Some(crate::schedule::StreamTrouble {
            reason: crate::schedule::TroubleReason::PlaybackFailed,
            seen_at: at("2026-11-22T20:05:00Z"),
            playback_failures: 3,
        });
        let mut row: serde_dynamo::Item =
            serde_dynamo::to_item(EventItem::event(&event)).expect("serializes");
        let full_size = row.len();
        row.retain(|name, _| EVENT_ATTRIBUTES.contains(&name.as_str()));
        assert!(
            row.len() < full_size,
            "the projection leaves out the bookkeeping"
        );
        let back: EventItem = serde_dynamo::from_item(row).expect("deserializes");
        assert_eq!(LiveEvent::try_from(back).expect("valid"), event);
    }

    #[test]
    fn the_projection_names_every_attribute_through_a_placeholder() {
        let (expression, names) = event_projection();
        let names: Vec<(String, &str)> = names.collect();
        assert_eq!(names.len(), EVENT_ATTRIBUTES.len());
        for (placeholder, name) in &names {
            assert!(expression.split(", ").any(|part| part == placeholder));
            assert!(EVENT_ATTRIBUTES.contains(name));
        }
    }

    #[test]
    fn an_event_item_is_keyed_by_id_bucket_and_channel_and_expires_a_month_after_it_ends() {
        let item = EventItem::event(&event());
        assert_eq!(item.pk, "EVENT#jazz-night@20261122T2000Z");
        assert_eq!(item.sk, "EVENT");
        assert_eq!(item.gsi1pk.as_deref(), Some("B14#2026-11-09"));
        assert_eq!(
            item.gsi1sk.as_deref(),
            Some("2026-11-22T20:00:00Z#jazz-night@20261122T2000Z")
        );
        assert_eq!(item.gsi2pk.as_deref(), Some("CHANNEL#radio-uno"));
        assert_eq!(item.ttl, at("2026-12-22T22:00:00Z").timestamp());
    }

    #[test]
    fn each_distinct_name_gets_one_name_item_outside_the_indexes() {
        let items = EventItem::all_for(&event());
        let keys: Vec<&str> = items.iter().map(|item| item.pk.as_str()).collect();
        // "Jazz Night" and the alias "jazz night" are one source.
        assert_eq!(
            keys,
            [
                "EVENT#jazz-night@20261122T2000Z",
                "NAME#jazz-night",
                "NAME#luca-bianchi",
                "NAME#night-owls",
                "NAME#radio-uno",
            ]
        );
        assert!(
            items[1..]
                .iter()
                .all(|item| item.gsi1pk.is_none() && item.gsi2pk.is_none())
        );
        assert_eq!(
            items[1].sk,
            "2026-11-22T20:00:00Z#jazz-night@20261122T2000Z"
        );
        assert_eq!(items[1].content_hash, items[0].content_hash);
    }

    #[test]
    fn an_event_from_a_drop_is_findable_by_its_object_and_names_its_owner() {
        let origin = Origin::new("acme", "onair-drops", "drops/acme/week.csv");
        let items = EventItem::all_from(&event(), Some(&origin));
        assert_eq!(
            items[0].gsi3pk.as_deref(),
            Some("ORIGIN#s3://onair-drops/drops/acme/week.csv")
        );
        assert_eq!(items[0].gsi3sk, items[0].gsi1sk);
        assert_eq!(items[0].partner.as_deref(), Some("acme"));
        assert!(
            items[1..]
                .iter()
                .all(|item| item.gsi3pk.is_none() && item.partner.as_deref() == Some("acme"))
        );
        // The same event from the operator's import, or from another object, is a different row to write.
        let elsewhere = Origin::new("acme", "onair-drops", "drops/acme/other.csv");
        assert_ne!(
            items[0].content_hash,
            EventItem::event(&event()).content_hash
        );
        assert_ne!(
            items[0].content_hash,
            EventItem::event_from(&event(), Some(&elsewhere)).content_hash
        );
        assert_eq!(
            EventItem::event(&event()).content_hash,
            content_hash(&event())
        );
        let attributes: serde_dynamo::Item = serde_dynamo::to_item(&items[0]).expect("serializes");
        let back: EventItem = serde_dynamo::from_item(attributes).expect("deserializes");
        assert_eq!(back, items[0]);
    }

    #[test]
    fn a_corrupt_row_is_rejected_not_served() {
        let mut item = EventItem::event(&event());
        item.stream_url = "http://insecure.example/a.mp3".to_owned();
        assert!(matches!(
            LiveEvent::try_from(item),
            Err(ItemError::Invalid { field: "streamUrl" })
        ));
    }

    #[test]
    fn a_changed_event_changes_its_hash() {
        let mut changed = event();
        changed.title.push('!');
        assert_eq!(content_hash(&event()), content_hash(&event()));
        assert_ne!(content_hash(&event()), content_hash(&changed));
    }

    #[test]
    fn a_stream_resolved_again_the_same_way_is_no_change_but_a_new_rendition_is() {
        let resolved = |url: &str, at_hour: &str| {
            let mut event = event();
            event.stream = Some(Box::new(ResolvedStream {
                play_url: HttpsUrl::parse(url).expect("https"),
                format: crate::schedule::StreamFormat::HlsMaster,
                codec: Some("mp4a.40.2".to_owned()),
                bitrate_kbps: Some(160),
                checked_at: at(at_hour),
            }));
            event
        };
        let first = resolved("https://cdn.example.com/audio.m3u8", "2026-11-20T10:00:00Z");
        let again = resolved("https://cdn.example.com/audio.m3u8", "2026-11-21T10:00:00Z");
        let moved = resolved(
            "https://cdn.example.com/audio2.m3u8",
            "2026-11-21T10:00:00Z",
        );
        assert_eq!(content_hash(&first), content_hash(&again));
        assert_ne!(content_hash(&first), content_hash(&moved));
        assert_ne!(content_hash(&first), content_hash(&event()));
        let attributes: serde_dynamo::Item =
            serde_dynamo::to_item(EventItem::event(&first)).expect("serializes");
        let back: EventItem = serde_dynamo::from_item(attributes).expect("deserializes");
        assert_eq!(LiveEvent::try_from(back).expect("valid"), first);
    }

    #[test]
    fn a_snapshot_window_touches_at_most_two_buckets() {
        let lookback = Duration::days(3) + MAX_EVENT_DURATION;
        let ahead = Duration::days(7) + Duration::hours(1);
        let mut now = Utc
            .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
            .single()
            .expect("valid");
        for _ in 0..(28 * 4) {
            let buckets = bucket_keys_between(now - lookback, now + ahead);
            assert!((1..=2).contains(&buckets.len()), "{now}: {buckets:?}");
            now += Duration::hours(6);
        }
        assert_eq!(
            bucket_keys_between(at("2026-11-22T00:00:00Z"), at("2026-11-24T00:00:00Z")),
            ["B14#2026-11-09", "B14#2026-11-23"]
        );
    }
}
