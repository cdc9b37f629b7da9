//! Every phrase the skill speaks, per locale, through Fluent (`locales/<locale>.ftl`), plus lists and times.
//!
//! Phrases live in Fluent files rather than in code so that plurals, word order and list conjunctions follow each
//! language's grammar. The catalogs are embedded in the binary: a Lambda cold start reads no files.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::{DateTime, Datelike, Duration, Timelike, Utc};
use chrono_tz::Tz;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// The locale a request falls back to when onair does not speak its language.
pub const DEFAULT_LOCALE: &str = "en-US";

/// The embedded catalogs: locale tag and Fluent source.
const CATALOGS: &[(&str, &str)] = &[("en-US", include_str!("../../locales/en-US.ftl"))];

/// Every locale onair speaks, in catalog order.
pub fn locales() -> impl Iterator<Item = &'static str> {
    CATALOGS.iter().map(|(tag, _)| *tag)
}

/// A locale's compiled catalog and its clock convention.
struct Catalog {
    bundle: FluentBundle<FluentResource>,
    clock: ClockStyle,
}

/// How a language reads a time of day aloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClockStyle {
    /// "8 PM", "8:30 PM" (US, UK English).
    TwelveHour,
    /// "20:00", "20:30" (most of Europe).
    TwentyFourHour,
}

static CATALOG_SET: LazyLock<BTreeMap<&'static str, Catalog>> = LazyLock::new(|| {
    CATALOGS
        .iter()
        .map(|(tag, source)| (*tag, compile(tag, source)))
        .collect()
});

fn compile(tag: &str, source: &str) -> Catalog {
    // The catalogs are embedded and covered by tests, so a broken one is a build-time bug, not a runtime condition.
    let resource = FluentResource::try_new(source.to_owned())
        .unwrap_or_else(|(_, errors)| panic!("locales/{tag}.ftl does not parse: {errors:?}"));
    let langid: LanguageIdentifier = tag.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Isolation marks (U+2068/U+2069) are for screens; Alexa would read them as noise.
    bundle.set_use_isolating(false);
    if let Err(errors) = bundle.add_resource(resource) {
        panic!("locales/{tag}.ftl has duplicate messages: {errors:?}");
    }
    let clock = if tag.starts_with("en-") {
        ClockStyle::TwelveHour
    } else {
        ClockStyle::TwentyFourHour
    };
    Catalog { bundle, clock }
}

/// Picks the catalog for a requested locale: the exact one, else the closest language, else [`DEFAULT_LOCALE`].
pub fn negotiate(requested: Option<&str>) -> &'static str {
    let Some(requested) = requested.and_then(|r| r.parse::<LanguageIdentifier>().ok()) else {
        return DEFAULT_LOCALE;
    };
    let available: Vec<LanguageIdentifier> = locales().filter_map(|l| l.parse().ok()).collect();
    let default: LanguageIdentifier = DEFAULT_LOCALE.parse().unwrap_or_default();
    let chosen = fluent_langneg::negotiate_languages(
        &[requested],
        &available,
        Some(&default),
        fluent_langneg::NegotiationStrategy::Lookup,
    );
    let chosen = chosen.first().map(ToString::to_string);
    locales()
        .find(|l| chosen.as_deref() == Some(*l))
        .unwrap_or(DEFAULT_LOCALE)
}

/// The phrases of one locale, with the listener's time zone when it is known.
#[derive(Clone, Copy)]
pub struct Speech {
    locale: &'static str,
    zone: Option<Tz>,
}

impl std::fmt::Debug for Speech {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Speech")
            .field("locale", &self.locale)
            .field("zone", &self.zone)
            .finish()
    }
}

/// Arguments for a phrase: names and prepared strings, or numbers that drive plurals.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// A name, a list or a prepared time phrase.
    Text(&'a str),
    /// A count that selects a plural form.
    Number(i64),
}

impl Speech {
    /// The phrases for a request's locale (negotiated) and, when known, the device's time zone.
    pub fn new(requested_locale: Option<&str>, zone: Option<Tz>) -> Self {
        Self {
            locale: negotiate(requested_locale),
            zone,
        }
    }

    /// The locale actually spoken.
    pub fn locale(&self) -> &'static str {
        self.locale
    }

    /// The listener's time zone, if known.
    pub fn zone(&self) -> Option<Tz> {
        self.zone
    }

    fn catalog(&self) -> &'static Catalog {
        let set = &*CATALOG_SET;
        set.get(self.locale)
            .or_else(|| set.get(DEFAULT_LOCALE))
            .unwrap_or_else(|| unreachable!("the default catalog is embedded"))
    }

    /// The phrase `id` with its arguments. A missing phrase falls back to en-US, then to the id itself, so a
    /// listener always hears something; tests make sure neither fallback is ever needed.
    pub fn phrase(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let found = lookup(self.catalog(), id, args);
        found
            .or_else(|| {
                CATALOG_SET
                    .get(DEFAULT_LOCALE)
                    .and_then(|c| lookup(c, id, args))
            })
            .unwrap_or_else(|| id.to_owned())
    }

    /// Joins names the way the language lists them: "A", "A and B", "A, B and C".
    pub fn list_and(&self, items: &[String]) -> String {
        self.join(items, "list-and")
    }

    /// Joins alternatives: "A or B", "A, B or C".
    pub fn list_or(&self, items: &[String]) -> String {
        self.join(items, "list-or")
    }

    fn join(&self, items: &[String], pair_id: &str) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [head @ .., last] => {
                let separator = self.phrase("list-separator", &[]);
                let first = head.join(&separator);
                self.phrase(
                    pair_id,
                    &[("first", Arg::Text(&first)), ("last", Arg::Text(last))],
                )
            }
        }
    }

    /// When something starts or started, relative to `now`, as a listener wants to hear it: "in 40 minutes",
    /// "tonight at 8 PM", "on Friday at 20:00". Without a known time zone, only relative phrases are used: a wrong
    /// clock time is worse than "in about 3 hours".
    pub fn when(&self, at: DateTime<Utc>, now: DateTime<Utc>) -> String {
        let delta = at - now;
        if delta < Duration::zero() {
            return self.ago(now - at);
        }
        if delta < Duration::minutes(1) {
            return self.phrase("time-now", &[]);
        }
        if delta < Duration::minutes(60) {
            return self.phrase(
                "time-in-minutes",
                &[("minutes", Arg::Number(round_minutes(delta)))],
            );
        }
        let Some(zone) = self.zone else {
            return self.relative_later(delta);
        };
        let local_at = at.with_timezone(&zone);
        let local_now = now.with_timezone(&zone);
        let days = (local_at.date_naive() - local_now.date_naive()).num_days();
        let time = self.clock(local_at.hour(), local_at.minute());
        let time = Arg::Text(&time);
        match days {
            0 if local_at.hour() >= 18 => self.phrase("time-tonight-at", &[("time", time)]),
            0 => self.phrase("time-today-at", &[("time", time)]),
            1 => self.phrase("time-tomorrow-at", &[("time", time)]),
            2..=6 => {
                let weekday = self.weekday(local_at.weekday().number_from_monday());
                self.phrase(
                    "time-weekday-at",
                    &[("weekday", Arg::Text(&weekday)), ("time", time)],
                )
            }
            _ => self.phrase("time-in-days", &[("days", Arg::Number(days))]),
        }
    }

    fn relative_later(&self, delta: Duration) -> String {
        if delta < Duration::hours(20) {
            let hours = (delta.num_minutes() + 30) / 60;
            return self.phrase("time-in-hours", &[("hours", Arg::Number(hours.max(1)))]);
        }
        let days = (delta.num_hours() + 12) / 24;
        self.phrase("time-in-days", &[("days", Arg::Number(days.max(1)))])
    }

    fn ago(&self, delta: Duration) -> String {
        if delta < Duration::minutes(60) {
            let minutes = round_minutes(delta).max(1);
            return self.phrase("time-ago-minutes", &[("minutes", Arg::Number(minutes))]);
        }
        if delta < Duration::hours(20) {
            let hours = (delta.num_minutes() + 30) / 60;
            return self.phrase("time-ago-hours", &[("hours", Arg::Number(hours.max(1)))]);
        }
        let days = (delta.num_hours() + 12) / 24;
        self.phrase("time-ago-days", &[("days", Arg::Number(days.max(1)))])
    }

    /// A time of day read the local way: "8 PM" / "8:30 PM" in English, "20:00" / "20:30" elsewhere.
    pub fn clock(&self, hour: u32, minute: u32) -> String {
        match self.catalog().clock {
            ClockStyle::TwelveHour => {
                let ampm = self.phrase(if hour < 12 { "clock-am" } else { "clock-pm" }, &[]);
                let hour12 = match hour % 12 {
                    0 => 12,
                    h => h,
                };
                let hour12 = hour12.to_string();
                if minute == 0 {
                    self.phrase(
                        "clock-hour",
                        &[("hour", Arg::Text(&hour12)), ("ampm", Arg::Text(&ampm))],
                    )
                } else {
                    let minute = format!("{minute:02}");
                    self.phrase(
                        "clock-hour-minute",
                        &[
                            ("hour", Arg::Text(&hour12)),
                            ("minute", Arg::Text(&minute)),
                            ("ampm", Arg::Text(&ampm)),
                        ],
                    )
                }
            }
            ClockStyle::TwentyFourHour => {
                let hour = hour.to_string();
                let minute = format!("{minute:02}");
                self.phrase(
                    "clock-hour-minute",
                    &[("hour", Arg::Text(&hour)), ("minute", Arg::Text(&minute))],
                )
            }
        }
    }

    /// The weekday's name, 1 = Monday.
    pub fn weekday(&self, number_from_monday: u32) -> String {
        self.phrase(&format!("weekday-{number_from_monday}"), &[])
    }
}

fn round_minutes(delta: Duration) -> i64 {
    (delta.num_seconds() + 30) / 60
}

fn lookup(catalog: &Catalog, id: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
    let message = catalog.bundle.get_message(id)?;
    let pattern = message.value()?;
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        match value {
            Arg::Text(text) => fluent_args.set(*name, FluentValue::from(*text)),
            Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
        }
    }
    let mut errors = Vec::new();
    let text = catalog
        .bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors);
    errors.is_empty().then(|| text.into_owned())
}

/// The ids of every message in a locale's catalog (for the test that every locale has every phrase).
pub fn message_ids(locale: &str) -> Vec<String> {
    CATALOGS
        .iter()
        .find(|(tag, _)| *tag == locale)
        .and_then(|(_, source)| FluentResource::try_new((*source).to_owned()).ok())
        .map(|resource| {
            resource
                .entries()
                .filter_map(|entry| match entry {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::{Arg, Speech, negotiate};

    fn at(h: u32, m: u32) -> chrono::DateTime<chrono::Utc> {
        chrono::Utc.with_ymd_and_hms(2026, 11, 22, h, m, 0).unwrap()
    }

    #[test]
    fn unknown_locales_fall_back_to_english() {
        assert_eq!(negotiate(Some("pt-BR")), "en-US");
        assert_eq!(negotiate(None), "en-US");
        assert_eq!(negotiate(Some("not a locale!")), "en-US");
    }

    #[test]
    fn lists_read_naturally() {
        let s = Speech::new(Some("en-US"), None);
        let names = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
        assert_eq!(s.list_and(&names(&["A"])), "A");
        assert_eq!(s.list_and(&names(&["A", "B"])), "A and B");
        assert_eq!(s.list_and(&names(&["A", "B", "C"])), "A, B and C");
        assert_eq!(s.list_or(&names(&["A", "B"])), "A or B");
    }

    #[test]
    fn relative_times_without_a_zone() {
        let s = Speech::new(Some("en-US"), None);
        assert_eq!(s.when(at(20, 40), at(20, 0)), "in 40 minutes");
        assert_eq!(s.when(at(20, 1), at(20, 0)), "in one minute");
        assert_eq!(s.when(at(23, 0), at(20, 0)), "in about 3 hours");
        assert_eq!(s.when(at(21, 0), at(20, 0)), "in about an hour");
        assert_eq!(s.when(at(19, 0), at(20, 0)), "about an hour ago");
    }

    #[test]
    fn clock_times_with_a_zone() {
        let s = Speech::new(Some("en-US"), Some(chrono_tz::America::Los_Angeles));
        // 2026-11-23T04:30Z is 8:30 PM on the 22nd in Los Angeles.
        let later = chrono::Utc
            .with_ymd_and_hms(2026, 11, 23, 4, 30, 0)
            .unwrap();
        assert_eq!(s.when(later, at(20, 0)), "tonight at 8:30 PM");
        let next_day = chrono::Utc
            .with_ymd_and_hms(2026, 11, 23, 20, 0, 0)
            .unwrap();
        assert_eq!(s.when(next_day, at(20, 0)), "tomorrow at 12 PM");
        let friday = chrono::Utc
            .with_ymd_and_hms(2026, 11, 27, 17, 0, 0)
            .unwrap();
        assert_eq!(s.when(friday, at(20, 0)), "on Friday at 9 AM");
    }

    #[test]
    fn plurals_follow_the_number() {
        let s = Speech::new(Some("en-US"), None);
        assert_eq!(
            s.phrase(
                "live-now-count",
                &[("count", Arg::Number(1)), ("shows", Arg::Text("X"))]
            ),
            "One show is live now: X."
        );
    }
}
