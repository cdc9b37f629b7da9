//! [`Schedule`]: an immutable, indexed set of concrete occurrences, and the questions the dialog asks of it.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use super::live_event::LiveEvent;
use super::name::normalize_name;
use super::source::{MAX_CANDIDATES, NameIndex, Source, SourceMatch, SpokenName, position_u32};

/// A snapshot of occurrences, indexed for the dialog's questions: what is live, what is next, what ended with a
/// recording, and which events a spoken name means.
///
/// Built once per window (a store hands one to each request), then only read; every question takes `now`.
#[derive(Clone, Debug, Default)]
pub struct Schedule {
    /// Sorted by start, then end, then id.
    events: Vec<LiveEvent>,
    /// The longest event: an event live at `now` started less than this before it.
    longest: Duration,
    /// Positions in `events` ordered by id, for binary search: the ids are not copied (a snapshot holds thousands).
    by_id: Vec<u32>,
    /// Positions in `events` ordered by series id, then start.
    by_series: Vec<u32>,
    /// Normalized channel name → events on it, earliest first.
    by_channel: HashMap<String, Vec<u32>>,
    names: NameIndex,
}

impl Schedule {
    /// Indexes `events`. When two events share an id, the earlier-starting one is kept.
    #[must_use]
    pub fn new(mut events: Vec<LiveEvent>) -> Self {
        // Unstable sorts: no scratch buffer the size of half the list (a snapshot holds thousands of events),
        // and the keys are unique once duplicate ids are gone.
        events.sort_unstable_by(|a, b| {
            (a.id.as_str(), a.starts_at, a.ends_at).cmp(&(b.id.as_str(), b.starts_at, b.ends_at))
        });
        events.dedup_by(|later, earlier| later.id == earlier.id);
        events.sort_unstable_by(|a, b| {
            (a.starts_at, a.ends_at, a.id.as_str()).cmp(&(b.starts_at, b.ends_at, b.id.as_str()))
        });
        events.shrink_to_fit();

        let mut by_id: Vec<u32> = (0..position_u32(events.len())).collect();
        by_id.sort_unstable_by(|&a, &b| events[a as usize].id.cmp(&events[b as usize].id));
        let mut by_series = by_id.clone();
        // Stable: within a series the positions stay in start order.
        by_series.sort_by(|&a, &b| {
            events[a as usize]
                .id
                .series()
                .cmp(events[b as usize].id.series())
                .then(a.cmp(&b))
        });
        let mut by_channel: HashMap<String, Vec<u32>> = HashMap::new();
        let mut channel_keys: HashMap<&str, String> = HashMap::new();
        let mut longest = Duration::zero();
        for (position, event) in events.iter().enumerate() {
            if let Some(channel) = &event.channel {
                let key = channel_keys
                    .entry(channel)
                    .or_insert_with(|| normalize_name(channel));
                by_channel
                    .entry(key.clone())
                    .or_default()
                    .push(position_u32(position));
            }
            longest = longest.max(event.ends_at - event.starts_at);
        }
        drop(channel_keys);
        by_channel.values_mut().for_each(Vec::shrink_to_fit);
        let names = NameIndex::new(&events);
        Self {
            events,
            longest,
            by_id,
            by_series,
            by_channel,
            names,
        }
    }

    /// Every occurrence, sorted by start (then end, then id).
    #[must_use]
    pub fn events(&self) -> &[LiveEvent] {
        &self.events
    }

    /// How many occurrences it holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// Whether it holds no occurrence at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// The occurrence with this id.
    #[must_use]
    pub fn event(&self, id: &str) -> Option<&LiveEvent> {
        self.by_id
            .binary_search_by(|&position| self.events[position as usize].id.as_str().cmp(id))
            .ok()
            .map(|found| &self.events[self.by_id[found] as usize])
    }

    /// Every occurrence of a series (by series id), earliest first.
    #[must_use]
    pub fn series(&self, series: &str) -> Vec<&LiveEvent> {
        let series_of = |position: &u32| self.events[*position as usize].id.series();
        let first = self
            .by_series
            .partition_point(|position| series_of(position) < series);
        self.by_series[first..]
            .iter()
            .take_while(|position| series_of(position) == series)
            .map(|&position| &self.events[position as usize])
            .collect()
    }

    /// What is on air at `now`, most recently started first.
    ///
    /// A show that just began is the one a listener has most likely heard announced, while a long block (an
    /// all-night programme) has been on for hours; among shows that started together the one ending sooner (the
    /// more specific one) comes first.
    #[must_use]
    pub fn live_at(&self, now: DateTime<Utc>) -> Vec<&LiveEvent> {
        let mut live: Vec<&LiveEvent> = self
            .starting_between(now - self.longest, now)
            .iter()
            .filter(|event| event.is_live_at(now))
            .collect();
        live.sort_by(|a, b| {
            b.starts_at
                .cmp(&a.starts_at)
                .then_with(|| a.ends_at.cmp(&b.ends_at))
                .then_with(|| a.id.cmp(&b.id))
        });
        live
    }

    /// Up to `limit` occurrences starting after `now`, soonest first.
    #[must_use]
    pub fn upcoming(&self, now: DateTime<Utc>, limit: usize) -> Vec<&LiveEvent> {
        let first = self.events.partition_point(|event| event.starts_at <= now);
        self.events[first..].iter().take(limit).collect()
    }

    /// The first occurrence on `channel` (compared as a normalized name) starting at or after `after`: what plays
    /// next on the same station when the current show ends.
    #[must_use]
    pub fn next_on_channel(&self, channel: &str, after: DateTime<Utc>) -> Option<&LiveEvent> {
        let positions = self.by_channel.get(&normalize_name(channel))?;
        let first = positions.partition_point(|&p| self.events[p as usize].starts_at < after);
        positions.get(first).map(|&p| &self.events[p as usize])
    }

    /// Occurrences with a recording that ended within `within` before `now` (ended at or before `now`), most
    /// recently ended first.
    #[must_use]
    pub fn recently_ended_with_recording(
        &self,
        now: DateTime<Utc>,
        within: Duration,
    ) -> Vec<&LiveEvent> {
        let since = now - within;
        let mut ended: Vec<&LiveEvent> = self
            .starting_between(since - self.longest, now)
            .iter()
            .filter(|event| {
                event.recording_url.is_some() && event.has_ended_at(now) && event.ends_at > since
            })
            .collect();
        ended.sort_by(|a, b| b.ends_at.cmp(&a.ends_at).then_with(|| a.id.cmp(&b.id)));
        ended
    }

    /// Every distinct name a listener may say, with its source key, ordered by key.
    #[must_use]
    pub fn spoken_names(&self) -> Vec<SpokenName> {
        self.names.spoken_names(&self.events)
    }

    /// What a listener means by `spoken`, given the ids Alexa's entity resolution found for it.
    ///
    /// 1. `resolved_ids`, in order: each may be a source key, an occurrence id or a series id. Those that resolve
    ///    decide; if they name different sources the answer is ambiguous (first first).
    /// 2. The normalized name exactly (case, accents, punctuation and a leading article do not matter), then the
    ///    same without the words listeners add around names ("jazz cafe *live*", "kexp *radio*").
    /// 3. The words as a whole-word run of longer names ("marco" → "Marco Rossi" and "Marco Russo"): every such
    ///    name is a candidate.
    /// 4. Fuzzily ([`super::similarity`] ≥ [`super::FUZZY_THRESHOLD`]): candidates within [`super::AMBIGUITY_MARGIN`] of
    ///    the best are ambiguous with it.
    ///
    /// Names that share exactly the same events (a host and the show named after them) count as one candidate.
    /// An ambiguous answer lists at most [`super::MAX_CANDIDATES`], best first.
    #[must_use]
    pub fn find_source(&self, spoken: &str, resolved_ids: &[&str]) -> SourceMatch<'_> {
        let mut resolved: Vec<Source<'_>> = Vec::new();
        for id in resolved_ids {
            if let Some(source) = self.resolve_id(id)
                && !resolved.iter().any(|known| known.key == source.key)
            {
                resolved.push(source);
            }
        }
        match resolved.len() {
            0 => self.names.find(spoken, &self.events),
            1 => {
                let mut source = resolved.remove(0);
                source.score = super::source::spoken_confidence(spoken, &source.name);
                SourceMatch::One(source)
            }
            _ => {
                resolved.truncate(MAX_CANDIDATES);
                SourceMatch::Ambiguous(resolved)
            }
        }
    }

    /// An entity-resolution id as a source: a source key, an occurrence id, or a series id.
    fn resolve_id(&self, id: &str) -> Option<Source<'_>> {
        if let Some(source) = self.names.by_key(id, &self.events) {
            return Some(source);
        }
        if let Some(event) = self.event(id) {
            return Some(Source {
                key: id.to_owned(),
                name: event.title.clone(),
                events: vec![event],
                score: 1.0,
            });
        }
        let events = self.series(id);
        let first = events.first()?;
        Some(Source {
            key: id.to_owned(),
            name: first.title.clone(),
            events,
            score: 1.0,
        })
    }

    /// Occurrences with `from < starts_at <= to`.
    fn starting_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> &[LiveEvent] {
        let first = self.events.partition_point(|event| event.starts_at <= from);
        let end = self.events.partition_point(|event| event.starts_at <= to);
        &self.events[first..end.max(first)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::{EventId, HttpsUrl, parse_schedule_json};

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    /// The request fixtures' lineup, pinned around 2026-11-22T20:00:00Z.
    fn fixture() -> Schedule {
        let parsed =
            parse_schedule_json(include_str!("../../tests/fixtures/schedules/default.json"))
                .unwrap();
        let events = parsed
            .specs
            .iter()
            .map(|spec| spec.template().clone())
            .collect();
        Schedule::new(events)
    }

    fn show(id: &str, channel: &str, starts_at: &str, ends_at: &str) -> LiveEvent {
        LiveEvent {
            id: EventId::parse(id).unwrap(),
            title: id.replace('-', " "),
            performers: vec![format!("{id} band")],
            aliases: Vec::new(),
            channel: Some(channel.to_owned()),
            starts_at: at(starts_at),
            ends_at: at(ends_at),
            stream_url: HttpsUrl::parse("https://streams.onair.example/a.mp3").unwrap(),
            art_url: None,
            recording_url: None,
            locales: Vec::new(),
            genre: None,
            time_zone: None,
            stream: None,
            stream_trouble: None,
        }
    }

    fn ids(events: &[&LiveEvent]) -> Vec<String> {
        events.iter().map(|event| event.id.to_string()).collect()
    }

    fn keys(found: &SourceMatch<'_>) -> Vec<String> {
        match found {
            SourceMatch::None => Vec::new(),
            SourceMatch::One(source) => vec![source.key.clone()],
            SourceMatch::Ambiguous(sources) => {
                sources.iter().map(|source| source.key.clone()).collect()
            }
        }
    }

    #[test]
    fn the_fixture_has_what_the_request_fixtures_rely_on() {
        let schedule = fixture();
        let now = at("2026-11-22T20:00:00Z");

        let live = schedule.live_at(now);
        let channels: std::collections::HashSet<_> = live
            .iter()
            .filter_map(|event| event.channel.as_deref())
            .collect();
        assert!(channels.len() >= 3, "{channels:?}");
        assert!(
            schedule
                .event("jazz-night-2026-11-22")
                .unwrap()
                .is_live_at(now)
        );
        assert!(live.iter().any(|event| event.locales == ["it-IT"]));
        assert!(live.iter().any(|event| event.title.contains('&')));

        let sera = schedule.event("sera-uno-2026-11-22").unwrap();
        assert!(sera.is_live_at(now));
        let next = schedule.next_on_channel("Radio Uno", sera.ends_at).unwrap();
        assert_eq!(
            (next.id.as_str(), next.starts_at),
            ("notte-uno-2026-11-22", sera.ends_at)
        );
        assert!(
            next.is_live_at(at("2026-11-23T01:00:00Z")),
            "crosses midnight UTC"
        );

        let ended = schedule.recently_ended_with_recording(now, Duration::hours(24));
        assert_eq!(
            ids(&ended),
            [
                "sunday-jazz-brunch-2026-11-22",
                "aurora-sunday-concert-2026-11-22"
            ]
        );
        assert!(schedule.upcoming(now, 10).len() >= 5);
        assert!(schedule.event("late-night-jazz-20261123-0200").is_some());
        assert!(matches!(
            schedule.find_source("marco", &[]),
            SourceMatch::Ambiguous(_)
        ));
    }

    #[test]
    fn live_at_puts_the_most_recently_started_show_first() {
        // GIVEN three overlapping shows on different channels
        let schedule = Schedule::new(vec![
            show(
                "all-night",
                "a",
                "2026-11-22T18:00:00Z",
                "2026-11-23T02:00:00Z",
            ),
            show(
                "concert",
                "b",
                "2026-11-22T19:30:00Z",
                "2026-11-22T22:00:00Z",
            ),
            show(
                "news-flash",
                "c",
                "2026-11-22T19:30:00Z",
                "2026-11-22T20:05:00Z",
            ),
            show(
                "earlier",
                "a",
                "2026-11-22T16:00:00Z",
                "2026-11-22T18:00:00Z",
            ),
            show("later", "b", "2026-11-22T22:00:00Z", "2026-11-22T23:00:00Z"),
        ]);

        // WHEN asked what is live at 20:00
        let live = schedule.live_at(at("2026-11-22T20:00:00Z"));

        // THEN the newest first, the shorter of two that started together before the longer
        assert_eq!(ids(&live), ["news-flash", "concert", "all-night"]);
    }

    #[test]
    fn live_at_respects_start_inclusive_end_exclusive_at_a_handover() {
        let schedule = Schedule::new(vec![
            show("first", "a", "2026-11-22T18:00:00Z", "2026-11-22T20:00:00Z"),
            show(
                "second",
                "a",
                "2026-11-22T20:00:00Z",
                "2026-11-22T22:00:00Z",
            ),
        ]);
        assert_eq!(
            ids(&schedule.live_at(at("2026-11-22T19:59:59Z"))),
            ["first"]
        );
        assert_eq!(
            ids(&schedule.live_at(at("2026-11-22T20:00:00Z"))),
            ["second"]
        );
        assert!(schedule.live_at(at("2026-11-22T22:00:00Z")).is_empty());
    }

    #[test]
    fn live_at_finds_a_long_show_that_started_before_many_short_ones() {
        // GIVEN a 20-hour show and many short ones starting after it
        let mut events = vec![show(
            "marathon",
            "a",
            "2026-11-22T00:00:00Z",
            "2026-11-22T20:00:00Z",
        )];
        for hour in 1..19 {
            events.push(show(
                &format!("short-{hour}"),
                "b",
                &format!("2026-11-22T{hour:02}:00:00Z"),
                &format!("2026-11-22T{hour:02}:10:00Z"),
            ));
        }
        let schedule = Schedule::new(events);

        // THEN at 19:30 the long show is still found
        assert_eq!(
            ids(&schedule.live_at(at("2026-11-22T19:30:00Z"))),
            ["marathon"]
        );
    }

    #[test]
    fn upcoming_lists_shows_starting_after_now_soonest_first() {
        let schedule = Schedule::new(vec![
            show("c", "x", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z"),
            show("now", "x", "2026-11-22T20:00:00Z", "2026-11-22T21:00:00Z"),
            show("a", "y", "2026-11-22T21:00:00Z", "2026-11-22T22:00:00Z"),
            show("b", "z", "2026-11-22T21:00:00Z", "2026-11-22T23:00:00Z"),
        ]);
        assert_eq!(
            ids(&schedule.upcoming(at("2026-11-22T20:00:00Z"), 10)),
            ["a", "b", "c"]
        );
        assert_eq!(
            ids(&schedule.upcoming(at("2026-11-22T20:00:00Z"), 1)),
            ["a"]
        );
        assert!(schedule.upcoming(at("2026-11-23T09:00:00Z"), 10).is_empty());
    }

    #[test]
    fn next_on_channel_compares_channel_names_as_spoken() {
        let schedule = fixture();
        let next = schedule
            .next_on_channel("radio UNO", at("2026-11-22T20:00:00Z"))
            .unwrap();
        assert_eq!(next.id.as_str(), "notte-uno-2026-11-22");
        let after_night = schedule
            .next_on_channel("Radio Uno", at("2026-11-22T20:30:01Z"))
            .unwrap();
        assert_eq!(after_night.id.as_str(), "uno-notizie-2026-11-23");
        assert_eq!(
            schedule.next_on_channel("Radio Uno", at("2026-11-23T09:00:01Z")),
            None
        );
        assert_eq!(
            schedule.next_on_channel("Radio Nowhere", at("2026-11-22T00:00:00Z")),
            None
        );
    }

    #[test]
    fn recently_ended_keeps_only_ended_shows_with_a_recording_inside_the_period() {
        // GIVEN shows with recordings ending before, at and after now, and one without a recording
        let with_recording = |mut event: LiveEvent| {
            event.recording_url = Some(Box::new(
                crate::schedule::MediaUrl::parse("s3://onair-recordings/x.mp3").unwrap(),
            ));
            event
        };
        let schedule = Schedule::new(vec![
            with_recording(show(
                "too-old",
                "a",
                "2026-11-21T10:00:00Z",
                "2026-11-21T19:59:00Z",
            )),
            with_recording(show(
                "yesterday",
                "a",
                "2026-11-21T18:00:00Z",
                "2026-11-21T21:00:00Z",
            )),
            with_recording(show(
                "just-ended",
                "b",
                "2026-11-22T18:00:00Z",
                "2026-11-22T20:00:00Z",
            )),
            with_recording(show(
                "still-live",
                "c",
                "2026-11-22T19:00:00Z",
                "2026-11-22T21:00:00Z",
            )),
            show(
                "no-recording",
                "d",
                "2026-11-22T17:00:00Z",
                "2026-11-22T19:00:00Z",
            ),
        ]);

        // WHEN asked at 20:00 for the last 24 hours
        let ended =
            schedule.recently_ended_with_recording(at("2026-11-22T20:00:00Z"), Duration::hours(24));

        // THEN the most recently ended first, without the live one, the old one or the one without recording
        assert_eq!(ids(&ended), ["just-ended", "yesterday"]);
    }

    #[test]
    fn events_are_sorted_and_ids_unique() {
        let schedule = Schedule::new(vec![
            show("b", "x", "2026-11-22T21:00:00Z", "2026-11-22T22:00:00Z"),
            show("a", "x", "2026-11-22T20:00:00Z", "2026-11-22T21:00:00Z"),
            show("b", "x", "2026-11-22T23:00:00Z", "2026-11-22T23:30:00Z"),
        ]);
        let ids: Vec<_> = schedule
            .events()
            .iter()
            .map(|event| event.id.as_str())
            .collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(
            schedule.event("b").unwrap().starts_at,
            at("2026-11-22T21:00:00Z")
        );
        assert_eq!(schedule.len(), 2);
        assert!(Schedule::default().is_empty());
    }

    #[test]
    fn spoken_names_lists_each_distinct_name_once_with_its_key() {
        let names = fixture().spoken_names();
        for (key, name) in [
            ("radio-uno", "Radio Uno"),
            ("bass-and-beats", "Bass & Beats"),
            ("cafe-ole", "Café Olé"),
            ("sigur-loa", "Sigur Lóa"),
            ("night-owls", "The Night Owls"),
            ("morning-desk", "The Morning Desk"),
            ("elodie-marchand", "Élodie Marchand"),
        ] {
            assert!(
                names.contains(&SpokenName {
                    key: key.to_owned(),
                    name: name.to_owned()
                }),
                "{key} {name}"
            );
        }
        let keys: Vec<_> = names.iter().map(|name| name.key.as_str()).collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(keys, sorted);
    }

    #[test]
    fn entity_resolution_ids_win_over_the_spoken_words() {
        let schedule = fixture();

        // A source key, whatever was heard
        let found = schedule.find_source("something misheard", &["bass-and-beats"]);
        let SourceMatch::One(source) = found else {
            panic!("{found:?}")
        };
        assert_eq!(
            (source.key.as_str(), source.name.as_str()),
            ("bass-and-beats", "Bass & Beats")
        );
        assert_eq!(ids(&source.events), ["bass-and-beats-2026-11-22"]);

        // An occurrence id
        let found = schedule.find_source("", &["jazz-night-2026-11-22"]);
        let SourceMatch::One(source) = found else {
            panic!("{found:?}")
        };
        assert_eq!(
            (source.key.as_str(), source.name.as_str()),
            ("jazz-night-2026-11-22", "Jazz Night")
        );

        // Unknown ids are skipped; the same source twice is still one
        assert_eq!(
            keys(&schedule.find_source("", &["nope", "radio-uno", "radio-uno"])),
            ["radio-uno"]
        );

        // Different sources: ambiguous, in the order given
        assert_eq!(
            keys(&schedule.find_source("", &["marco-russo", "marco-rossi"])),
            ["marco-russo", "marco-rossi"]
        );

        // No id resolves: the words decide
        assert_eq!(
            keys(&schedule.find_source("Radio Uno", &["nope"])),
            ["radio-uno"]
        );
    }

    #[test]
    fn a_series_id_resolves_to_all_its_occurrences() {
        let mut first = show(
            "sera-uno@20261122T1800Z",
            "Radio Uno",
            "2026-11-22T18:00:00Z",
            "2026-11-22T20:00:00Z",
        );
        first.title = "Sera Uno".to_owned();
        let mut second = first.clone();
        second.id = EventId::parse("sera-uno@20261123T1800Z").unwrap();
        second.starts_at = at("2026-11-23T18:00:00Z");
        second.ends_at = at("2026-11-23T20:00:00Z");
        let schedule = Schedule::new(vec![second, first]);

        let found = schedule.find_source("", &["sera-uno"]);
        let SourceMatch::One(source) = found else {
            panic!("{found:?}")
        };
        assert_eq!(source.name, "Sera Uno");
        assert_eq!(
            ids(&source.events),
            ["sera-uno@20261122T1800Z", "sera-uno@20261123T1800Z"]
        );
    }

    #[test]
    fn exact_names_match_whatever_the_case_accents_punctuation_and_article() {
        let schedule = fixture();
        for (spoken, key) in [
            ("radio uno", "radio-uno"),
            ("RADIO UNO", "radio-uno"),
            ("sigur loa", "sigur-loa"),
            ("Sigur Lóa", "sigur-loa"),
            ("cafe ole", "cafe-ole"),
            ("bass and beats", "bass-and-beats"),
            ("Bass & Beats", "bass-and-beats"),
            ("night owls", "night-owls"),
            ("the night owls", "night-owls"),
            ("elodie marchand", "elodie-marchand"),
            ("jazz cafe live", "jazz-cafe-live"),
        ] {
            assert_eq!(keys(&schedule.find_source(spoken, &[])), [key], "{spoken}");
        }
    }

    #[test]
    fn exact_matches_return_every_event_of_the_source_in_order() {
        let schedule = fixture();
        let found = schedule.find_source("radio uno", &[]);
        let SourceMatch::One(source) = found else {
            panic!("{found:?}")
        };
        assert_eq!(source.name, "Radio Uno");
        assert_eq!(
            ids(&source.events),
            [
                "buongiorno-uno-2026-11-22",
                "sera-uno-2026-11-22",
                "notte-uno-2026-11-22",
                "uno-notizie-2026-11-23"
            ]
        );
    }

    #[test]
    fn noise_words_around_a_name_are_ignored_when_the_name_alone_matches() {
        let schedule = fixture();
        assert_eq!(
            keys(&schedule.find_source("the night owls live", &[])),
            ["night-owls"]
        );
        assert_eq!(
            keys(&schedule.find_source("club berlin radio", &[])),
            ["club-berlin"]
        );
        assert_eq!(
            keys(&schedule.find_source("live bass and beats show", &[])),
            ["bass-and-beats"]
        );
    }

    #[test]
    fn part_of_a_name_matches_every_name_it_is_part_of() {
        let schedule = fixture();
        // Unique: one answer
        assert_eq!(
            keys(&schedule.find_source("ella park", &[])),
            ["ella-park-trio"]
        );
        assert_eq!(
            keys(&schedule.find_source("Nordlicht", &[])),
            ["nordlicht-sessions"]
        );
        // Shared: the ambiguous pair
        assert_eq!(
            keys(&schedule.find_source("marco", &[])),
            ["marco-rossi", "marco-russo"]
        );
        // Names at the start of a longer name rank before names inside one
        let jazz = keys(&schedule.find_source("jazz", &[]));
        assert_eq!(jazz.len(), MAX_CANDIDATES);
        assert!(
            jazz[..3].iter().all(|key| key.starts_with("jazz-")),
            "{jazz:?}"
        );
    }

    #[test]
    fn misheard_names_match_fuzzily() {
        let schedule = fixture();
        assert_eq!(
            keys(&schedule.find_source("radio unno", &[])),
            ["radio-uno"]
        );
        assert_eq!(keys(&schedule.find_source("sigur los", &[])), ["sigur-loa"]);
        assert_eq!(
            keys(&schedule.find_source("bass and beat", &[])),
            ["bass-and-beats"]
        );
        assert_eq!(
            keys(&schedule.find_source("carmen vital", &[])),
            ["carmen-vidal"]
        );
        assert_eq!(
            keys(&schedule.find_source("the nite owls", &[])),
            ["night-owls"]
        );
        // One letter from both halves of the pair: ambiguous
        assert_eq!(
            keys(&schedule.find_source("marco rosso", &[])),
            ["marco-rossi", "marco-russo"]
        );
    }

    #[test]
    fn unrelated_or_too_short_names_match_nothing() {
        let schedule = fixture();
        for spoken in ["radio due", "jazz bar", "polka hour", "la", "", "?!", "the"] {
            assert_eq!(
                schedule.find_source(spoken, &[]),
                SourceMatch::None,
                "{spoken}"
            );
        }
    }

    #[test]
    fn a_host_and_the_show_named_after_them_are_one_candidate() {
        // GIVEN a performer whose show carries their name, and another show
        let mut solo = show(
            "luca-bianchi-show",
            "a",
            "2026-11-22T20:00:00Z",
            "2026-11-22T21:00:00Z",
        );
        solo.performers = vec!["Luca Bianchi".to_owned()];
        solo.title = "Luca Bianchi Tonight".to_owned();
        let mut other = show("other", "b", "2026-11-22T20:00:00Z", "2026-11-22T21:00:00Z");
        other.performers = vec!["Lucia Verdi".to_owned()];
        let schedule = Schedule::new(vec![solo, other]);

        // WHEN the listener says only the first name
        let found = schedule.find_source("luca", &[]);

        // THEN there is nothing to choose between: one answer, the shorter name
        assert_eq!(keys(&found), ["luca-bianchi"]);
    }
}
