//! [`LiveEvent`]: one concrete occurrence of a show, with the names a listener may say for it.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::event_id::EventId;
use super::media_url::{HttpsUrl, MediaUrl};
use super::stream_state::{ResolvedStream, StreamTrouble};

/// One concrete, playable occurrence: a show with a start, an end and a stream.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LiveEvent {
    /// The occurrence id (`series@YYYYMMDDTHHMMZ` for a recurring entry, the series id for a one-off).
    pub id: EventId,
    /// The show's title, as the partner wrote it.
    pub title: String,
    /// Performers and hosts, as spoken names. Never empty for an event that came through validation.
    pub performers: Vec<String>,
    /// Other names a listener may say for it (nicknames, venue, former titles).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The station or stage that carries it: events on the same channel play one after the other.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// When it starts (inclusive).
    pub starts_at: DateTime<Utc>,
    /// When it ends (exclusive).
    pub ends_at: DateTime<Utc>,
    /// The live stream.
    pub stream_url: HttpsUrl,
    /// Cover art for cards and the player. (This and the other optional parts that most events lack are boxed: a
    /// snapshot holds thousands of events, and an absent box costs 8 bytes instead of the value's size.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub art_url: Option<Box<MediaUrl>>,
    /// A recording to catch up on once it has ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording_url: Option<Box<MediaUrl>>,
    /// Where it may be offered (`language-REGION` tags); empty means everywhere.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locales: Vec<String>,
    /// A free-text genre such as "jazz".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genre: Option<String>,
    /// The show's own time zone, when the partner gave one: start times are spoken on its clock (naming its city)
    /// when the listener's device zone is unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<Tz>,
    /// What the stream resolver found `stream_url` to be (the URL to play), when it checked it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream: Option<Box<ResolvedStream>>,
    /// The stream's trouble, when a check or listeners' devices found it not playing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream_trouble: Option<StreamTrouble>,
}

impl LiveEvent {
    /// The URL an Echo is sent: the resolved rendition or playlist entry when the resolver found one, else the
    /// partner's `streamUrl` as written.
    #[must_use]
    pub fn play_url(&self) -> &HttpsUrl {
        self.stream
            .as_ref()
            .map_or(&self.stream_url, |stream| &stream.play_url)
    }

    /// Whether its stream is known to be failing, so listeners are told instead of sent into silence.
    #[must_use]
    pub fn stream_has_trouble(&self) -> bool {
        self.stream_trouble
            .as_ref()
            .is_some_and(StreamTrouble::keeps_listeners_away)
    }

    /// Whether it is on air at `now`: `starts_at <= now < ends_at`.
    #[must_use]
    pub fn is_live_at(&self, now: DateTime<Utc>) -> bool {
        self.starts_at <= now && now < self.ends_at
    }

    /// Whether it is over at `now` (`ends_at <= now`).
    #[must_use]
    pub fn has_ended_at(&self, now: DateTime<Utc>) -> bool {
        self.ends_at <= now
    }

    /// Whether it has yet to start at `now`.
    #[must_use]
    pub fn is_upcoming_at(&self, now: DateTime<Utc>) -> bool {
        now < self.starts_at
    }

    /// Everything a listener may say for it: performers, aliases, the channel, then the title.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.performers
            .iter()
            .chain(&self.aliases)
            .map(String::as_str)
            .chain(self.channel.as_deref())
            .chain(std::iter::once(self.title.as_str()))
    }

    /// Whether a listener using `locale` (such as `en-US`) may be offered it.
    ///
    /// No locales means everywhere. Otherwise the language must match one of the event's locales, ignoring case
    /// and the region: an event for `en-US` is offered in `en-GB` too, since the listener understands it; an event
    /// for `it-IT` is not offered in `en-US`.
    #[must_use]
    pub fn available_in(&self, locale: &str) -> bool {
        if self.locales.is_empty() {
            return true;
        }
        let wanted = language_of(locale);
        self.locales
            .iter()
            .any(|offered| language_of(offered).eq_ignore_ascii_case(wanted))
    }
}

fn language_of(locale: &str) -> &str {
    locale.split(['-', '_']).next().unwrap_or(locale)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use serde_json::json;

    use super::*;

    fn event() -> LiveEvent {
        LiveEvent {
            id: EventId::parse("sera-uno").unwrap(),
            title: "Sera Uno".to_owned(),
            performers: vec!["Marco Russo".to_owned()],
            aliases: vec!["La Sera".to_owned()],
            channel: Some("Radio Uno".to_owned()),
            starts_at: Utc.with_ymd_and_hms(2026, 11, 22, 18, 0, 0).unwrap(),
            ends_at: Utc.with_ymd_and_hms(2026, 11, 22, 20, 30, 0).unwrap(),
            stream_url: HttpsUrl::parse("https://streams.onair.example/radio-uno/live.mp3")
                .unwrap(),
            art_url: None,
            recording_url: Some(Box::new(
                MediaUrl::parse("s3://onair-recordings/sera-uno.mp3").unwrap(),
            )),
            locales: vec!["it-IT".to_owned()],
            genre: None,
            time_zone: None,
            stream: None,
            stream_trouble: None,
        }
    }

    #[test]
    fn live_from_start_inclusive_to_end_exclusive() {
        let event = event();
        let at = |h, m| Utc.with_ymd_and_hms(2026, 11, 22, h, m, 0).unwrap();
        assert!(!event.is_live_at(at(17, 59)));
        assert!(event.is_upcoming_at(at(17, 59)));
        assert!(event.is_live_at(at(18, 0)));
        assert!(event.is_live_at(at(20, 29)));
        assert!(!event.has_ended_at(at(20, 29)));
        assert!(!event.is_live_at(at(20, 30)));
        assert!(event.has_ended_at(at(20, 30)));
    }

    #[test]
    fn names_lists_everything_a_listener_may_say() {
        assert_eq!(
            event().names().collect::<Vec<_>>(),
            ["Marco Russo", "La Sera", "Radio Uno", "Sera Uno"]
        );
    }

    #[test]
    fn availability_matches_on_language() {
        let mut event = event();
        assert!(event.available_in("it-IT"));
        assert!(event.available_in("it-ch"));
        assert!(!event.available_in("en-US"));
        event.locales.clear();
        assert!(event.available_in("en-US"));
    }

    #[test]
    fn serializes_camel_case_without_empty_optionals() {
        let mut event = event();
        event.aliases.clear();
        event.locales.clear();
        event.channel = None;
        assert_eq!(
            serde_json::to_value(&event).unwrap(),
            json!({
                "id": "sera-uno",
                "title": "Sera Uno",
                "performers": ["Marco Russo"],
                "startsAt": "2026-11-22T18:00:00Z",
                "endsAt": "2026-11-22T20:30:00Z",
                "streamUrl": "https://streams.onair.example/radio-uno/live.mp3",
                "recordingUrl": "s3://onair-recordings/sera-uno.mp3"
            })
        );
        let back: LiveEvent =
            serde_json::from_value(serde_json::to_value(&event).unwrap()).unwrap();
        assert_eq!(back, event);
    }
}
