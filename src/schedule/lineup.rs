//! [`Lineup`]: the validated entries of a schedule (recurring or not), and the embedded demo lineup.

use std::sync::LazyLock;

use chrono::{DateTime, Utc};

use super::event_id::EventId;
use super::event_spec::EventSpec;
use super::live_event::LiveEvent;
use super::lookup::Schedule;
use super::schedule_file::parse_schedule_json;

/// The embedded demo lineup, `schedules/demo.json`: the schedule used when no other store is configured.
pub const DEMO_SCHEDULE_JSON: &str = include_str!("../../schedules/demo.json");

static DEMO: LazyLock<Lineup> = LazyLock::new(|| {
    // The file is part of the build and a test parses it with no rejections, so a failure here is a build defect.
    parse_schedule_json(DEMO_SCHEDULE_JSON)
        .expect("schedules/demo.json is a valid schedule file")
        .into_lineup()
});

/// The entries of a schedule file: each one a one-off event or a recurring show, to be expanded into a
/// [`Schedule`] for a window of time.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lineup {
    /// The entries, in file order.
    pub specs: Vec<EventSpec>,
}

impl Lineup {
    /// A lineup of `specs`.
    #[must_use]
    pub fn new(specs: Vec<EventSpec>) -> Self {
        Self { specs }
    }

    /// The embedded demo lineup ([`DEMO_SCHEDULE_JSON`]): several channels, genres and languages, recurring so that
    /// something is always live and something always starts within a few hours.
    #[must_use]
    pub fn demo() -> Self {
        DEMO.clone()
    }

    /// Every occurrence overlapping `[from, to)`, sorted by start.
    #[must_use]
    pub fn occurrences_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<LiveEvent> {
        let mut occurrences: Vec<LiveEvent> = self
            .specs
            .iter()
            .flat_map(|spec| spec.occurrences_between(from, to))
            .collect();
        occurrences.sort_by(|a, b| (a.starts_at, a.id.as_str()).cmp(&(b.starts_at, b.id.as_str())));
        occurrences
    }

    /// The [`Schedule`] of every occurrence overlapping `[from, to)`.
    #[must_use]
    pub fn window(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Schedule {
        Schedule::new(self.occurrences_between(from, to))
    }

    /// The occurrence named by `id` (a playback token may name one outside any window).
    #[must_use]
    pub fn event(&self, id: &EventId) -> Option<LiveEvent> {
        self.specs
            .iter()
            .find(|spec| spec.id().as_str() == id.series())
            .and_then(|spec| spec.occurrence(id))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use chrono::Duration;

    use super::*;
    use crate::schedule::SourceMatch;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn the_demo_file_is_valid_and_varied() {
        let parsed = parse_schedule_json(DEMO_SCHEDULE_JSON).unwrap();
        assert_eq!(parsed.rejected, []);
        let specs = &parsed.specs;
        assert!(specs.len() >= 10);
        assert!(specs.iter().all(|spec| spec.recurrence().is_some()));
        let set = |field: fn(&EventSpec) -> Option<String>| {
            specs.iter().filter_map(field).collect::<BTreeSet<_>>()
        };
        assert!(set(|spec| spec.template().channel.clone()).len() >= 4);
        assert!(set(|spec| spec.template().genre.clone()).len() >= 4);
        assert!(set(|spec| Some(spec.time_zone().name().to_owned())).len() >= 4);
        let languages: BTreeSet<_> = specs
            .iter()
            .flat_map(|spec| &spec.template().locales)
            .map(|locale| &locale[..2])
            .collect();
        assert!(languages.len() >= 3, "{languages:?}");
        assert!(
            specs
                .iter()
                .any(|spec| spec.template().recording_url.is_some())
        );
        assert!(specs.iter().all(|spec| spec.template().art_url.is_some()));
    }

    #[test]
    fn the_demo_has_the_names_other_parts_rely_on() {
        // GIVEN a week of the demo
        let schedule =
            Lineup::demo().window(at("2026-11-16T00:00:00Z"), at("2026-11-23T00:00:00Z"));

        // THEN the keys the interaction model uses exist, and the similar pair is ambiguous
        let keys: BTreeSet<_> = schedule
            .spoken_names()
            .into_iter()
            .map(|name| name.key)
            .collect();
        for key in [
            "radio-uno",
            "bass-and-beats",
            "cafe-ole",
            "sigur-loa",
            "jazz-cafe-live",
            "jazz-club-paris",
        ] {
            assert!(keys.contains(key), "{key}");
        }
        assert!(
            matches!(schedule.find_source("marco", &[]), SourceMatch::Ambiguous(ref s) if s.len() == 2)
        );
        assert!(
            matches!(schedule.find_source("radio unno", &[]), SourceMatch::One(ref s) if s.key == "radio-uno")
        );
    }

    /// Checks, every half hour from `from` for `days`, that something is live for every listener and something
    /// starts within four hours.
    fn assert_always_something_on(from: &str, days: i64) {
        let lineup = Lineup::demo();
        let start = at(from);
        let schedule = lineup.window(start - Duration::days(1), start + Duration::days(days + 1));
        for step in 0..days * 48 {
            let now = start + Duration::minutes(30 * step);
            let live = schedule.live_at(now);
            assert!(
                live.iter().any(|event| event.available_in("en-US")),
                "nothing live at {now}"
            );
            let next = schedule.upcoming(now, 1);
            assert!(
                next.first()
                    .is_some_and(|event| event.starts_at - now <= Duration::hours(4)),
                "nothing starts within 4 hours of {now}"
            );
        }
    }

    #[test]
    fn the_demo_always_has_a_live_show_and_a_next_one_through_an_ordinary_week() {
        assert_always_something_on("2026-11-16T00:00:00Z", 7);
    }

    #[test]
    fn the_demo_always_has_a_live_show_and_a_next_one_across_dst_changes() {
        // Europe springs forward on 29 March and falls back on 25 October 2026; New York on 8 March and 1 November.
        assert_always_something_on("2026-03-06T00:00:00Z", 4);
        assert_always_something_on("2026-03-27T00:00:00Z", 4);
        assert_always_something_on("2026-10-23T00:00:00Z", 11);
    }

    #[test]
    fn a_window_holds_the_occurrences_overlapping_it() {
        // GIVEN one evening of the demo
        let schedule =
            Lineup::demo().window(at("2026-11-22T18:00:00Z"), at("2026-11-22T22:00:00Z"));

        // THEN Radio Uno's evening show (18:00-22:00 in Rome) is there with its occurrence id
        let sera = schedule.event("sera-uno@20261122T1700Z").unwrap();
        assert_eq!(
            (sera.starts_at, sera.ends_at),
            (at("2026-11-22T17:00:00Z"), at("2026-11-22T21:00:00Z"))
        );
        assert!(
            schedule
                .events()
                .iter()
                .all(|event| event.ends_at > at("2026-11-22T18:00:00Z"))
        );
        assert!(
            schedule
                .events()
                .iter()
                .all(|event| event.starts_at < at("2026-11-22T22:00:00Z"))
        );
    }

    #[test]
    fn an_occurrence_outside_any_window_is_found_by_id() {
        let lineup = Lineup::demo();
        let id = EventId::parse("bass-and-beats@20270102T2200Z").unwrap();
        let event = lineup.event(&id).unwrap();
        assert_eq!(event.starts_at, at("2027-01-02T22:00:00Z"));
        assert_eq!(event.title, "Bass & Beats");
        assert_eq!(
            lineup.event(&EventId::parse("bass-and-beats@20270102T2300Z").unwrap()),
            None
        );
        assert_eq!(
            lineup.event(&EventId::parse("nothing@20270102T2200Z").unwrap()),
            None
        );
    }
}
