//! Every phrase the skill speaks, per locale, through Fluent (`locales/<locale>.ftl`), plus lists and times.
//!
//! Phrases live in Fluent files rather than in code so that plurals, word order and list conjunctions follow each
//! language's grammar. The catalogs are embedded in the binary: a Lambda cold start reads no files.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::{DateTime, Datelike, Duration, Timelike, Utc};
use chrono_tz::Tz;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::types::FluentNumber;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::locale::Clock;

/// The locale a request falls back to when onair does not speak its language.
pub const DEFAULT_LOCALE: &str = "en-US";

/// Every locale onair speaks, in [`crate::locale::LOCALES`] order.
pub fn locales() -> impl Iterator<Item = &'static str> {
    crate::locale::tags()
}

/// A locale's compiled catalog and its clock convention.
struct Catalog {
    bundle: FluentBundle<FluentResource>,
    clock: Clock,
}

static CATALOG_SET: LazyLock<BTreeMap<&'static str, Catalog>> = LazyLock::new(|| {
    crate::locale::LOCALES
        .iter()
        .map(|locale| {
            (
                locale.tag,
                compile(locale.tag, locale.phrases, locale.clock),
            )
        })
        .collect()
});

fn compile(tag: &str, source: &str, clock: Clock) -> Catalog {
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
    for (name, result) in [
        ("NUMBER", bundle.add_function("NUMBER", fluent_number)),
        ("INITIAL", bundle.add_function("INITIAL", fluent_initial)),
        ("ONSET", bundle.add_function("ONSET", fluent_onset)),
    ] {
        if let Err(error) = result {
            panic!("the Fluent function {name} is defined twice: {error:?}");
        }
    }
    Catalog { bundle, clock }
}

/// `NUMBER($x)`: Fluent's number function, except that it also reads numbers the skill passes as text (a clock's
/// zero-padded "00"), so a catalog can choose "20 h" over "20 h 00".
fn fluent_number<'a>(positional: &[FluentValue<'a>], named: &FluentArgs<'_>) -> FluentValue<'a> {
    let mut number = match positional.first() {
        Some(FluentValue::Number(number)) => number.clone(),
        Some(FluentValue::String(text)) => match text.parse::<FluentNumber>() {
            Ok(number) => number,
            Err(_) => return FluentValue::Error,
        },
        _ => return FluentValue::Error,
    };
    number.options.merge(named);
    FluentValue::Number(number)
}

/// `INITIAL($x)`: the letter a name is heard to start with, lowercase and without accents, for the conjunctions
/// that change before a vowel (Italian "e" → "ed", Spanish "y" → "e" and "o" → "u"). A silent "h" is skipped
/// ("Hilario" starts with "i"); an "i" before another vowel is a glide ("hielo" keeps "y"), reported as `glide`.
fn fluent_initial<'a>(positional: &[FluentValue<'a>], _named: &FluentArgs<'_>) -> FluentValue<'a> {
    let Some(FluentValue::String(text)) = positional.first() else {
        return FluentValue::Error;
    };
    let word = first_word_letters(text);
    let heard = match word.as_slice() {
        ['h', rest @ ..] if rest.first().is_some_and(|c| is_vowel(*c)) => rest,
        letters => letters,
    };
    let initial = match heard {
        ['i', next, ..] if is_vowel(*next) => "glide".to_owned(),
        [first, ..] => first.to_string(),
        [] => "none".to_owned(),
    };
    FluentValue::from(initial)
}

/// `ONSET($x)`: `vowel` when a name starts with a written vowel, else `consonant`; French elides "de" to "d'"
/// before it ("d'Aurora", "de Radio Uno").
fn fluent_onset<'a>(positional: &[FluentValue<'a>], _named: &FluentArgs<'_>) -> FluentValue<'a> {
    let Some(FluentValue::String(text)) = positional.first() else {
        return FluentValue::Error;
    };
    let onset = match first_word_letters(text).first() {
        Some(c) if is_vowel(*c) => "vowel",
        _ => "consonant",
    };
    FluentValue::from(onset)
}

/// The letters of the first word of `text`, lowercase ASCII ("Élodie Marchand" → `elodie`).
fn first_word_letters(text: &str) -> Vec<char> {
    deunicode::deunicode(text)
        .to_lowercase()
        .chars()
        .skip_while(|c| !c.is_ascii_alphabetic())
        .take_while(char::is_ascii_alphabetic)
        .collect()
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
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
    /// "tonight at 8 PM", "on Friday at 20:00". Without a known time zone, only durations are used ("in about
    /// 23 hours", "in 3 days"): a wrong clock time, or a "tomorrow" that is still today, is worse than no clock.
    pub fn when(&self, at: DateTime<Utc>, now: DateTime<Utc>) -> String {
        let delta = at - now;
        if delta < Duration::zero() {
            return self.ago(at, now);
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

    /// When a show starts or started, as [`Self::when`] says it, except that a start 12 hours or more away
    /// is never a bare duration ("in about 33 hours"): without the listener's zone it is the weekday and clock
    /// time on the show's own clock (`show_zone`, UTC when the partner gave none), naming its city.
    pub fn when_show(
        &self,
        at: DateTime<Utc>,
        now: DateTime<Utc>,
        show_zone: Option<Tz>,
    ) -> String {
        if self.zone.is_some() || at - now < CLOCK_AFTER {
            return self.when(at, now);
        }
        let zone = show_zone.unwrap_or(Tz::UTC);
        let on_show_clock = Self {
            zone: Some(zone),
            ..*self
        }
        .when(at, now);
        match city_of(zone) {
            Some(city) => self.phrase(
                "time-city",
                &[
                    ("when", Arg::Text(&on_show_clock)),
                    ("city", Arg::Text(&city)),
                ],
            ),
            None => self.phrase("time-utc", &[("when", Arg::Text(&on_show_clock))]),
        }
    }

    /// A calendar day as a listener hears it named: "Friday, November 20" (the year is never needed: recordings
    /// reach back days, not years).
    pub fn date(&self, day: chrono::NaiveDate) -> String {
        let weekday = self.weekday(day.weekday().number_from_monday());
        let month = self.phrase(&format!("month-{}", day.month()), &[]);
        let number = day.day().to_string();
        self.phrase(
            "date-long",
            &[
                ("weekday", Arg::Text(&weekday)),
                ("day", Arg::Text(&number)),
                ("month", Arg::Text(&month)),
            ],
        )
    }

    /// The listener's language, named in itself ("English", "italiano").
    pub fn language_name(&self) -> String {
        self.phrase("language-name", &[])
    }

    fn relative_later(&self, delta: Duration) -> String {
        if delta < CALENDAR_SAFE {
            return self.phrase(
                "time-in-hours",
                &[("hours", Arg::Number(round_hours(delta)))],
            );
        }
        self.phrase("time-in-days", &[("days", Arg::Number(round_days(delta)))])
    }

    /// How long ago `at` was. Days are named by the calendar where the listener lives ("yesterday"); without the
    /// zone, only by duration.
    fn ago(&self, at: DateTime<Utc>, now: DateTime<Utc>) -> String {
        let delta = now - at;
        if delta < Duration::minutes(60) {
            let minutes = round_minutes(delta).max(1);
            return self.phrase("time-ago-minutes", &[("minutes", Arg::Number(minutes))]);
        }
        let days = match self.zone {
            Some(zone) if delta >= Duration::hours(20) => {
                let local = |t: DateTime<Utc>| t.with_timezone(&zone).date_naive();
                Some((local(now) - local(at)).num_days()).filter(|d| *d > 0)
            }
            None if delta >= CALENDAR_SAFE => Some(round_days(delta)),
            _ => None,
        };
        match days {
            Some(days) => self.phrase("time-ago-days", &[("days", Arg::Number(days))]),
            None => self.phrase(
                "time-ago-hours",
                &[("hours", Arg::Number(round_hours(delta)))],
            ),
        }
    }

    /// A time of day read the local way: "8 PM" / "8:30 PM" in English, "20:00" / "20:30" elsewhere.
    pub fn clock(&self, hour: u32, minute: u32) -> String {
        match self.catalog().clock {
            Clock::TwelveHour => {
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
            Clock::TwentyFourHour => {
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

/// From this far ahead, a start time is spoken as a day and a clock time, never as a duration.
const CLOCK_AFTER: Duration = Duration::hours(12);

/// The city an IANA zone is named after (`Europe/Rome` → "Rome", `America/New_York` → "New York"); `None` for
/// zones named after no city (`UTC`, `Etc/GMT+1`).
fn city_of(zone: Tz) -> Option<String> {
    let name = zone.name();
    let (area, city) = name.rsplit_once('/')?;
    if area.starts_with("Etc") {
        return None;
    }
    Some(city.replace('_', " "))
}

/// Below this, a duration without a known zone is spoken in hours. Zones span UTC-12 to UTC+14, so within two days
/// of `now` the number of local midnights in between depends on the zone: "tomorrow" could still be today. From
/// 36 hours on, "in 2 days" (rounded) is true as a duration wherever the listener is.
const CALENDAR_SAFE: Duration = Duration::hours(36);

fn round_minutes(delta: Duration) -> i64 {
    (delta.num_seconds() + 30) / 60
}

fn round_hours(delta: Duration) -> i64 {
    ((delta.num_minutes() + 30) / 60).max(1)
}

fn round_days(delta: Duration) -> i64 {
    ((delta.num_hours() + 12) / 24).max(1)
}

fn lookup(catalog: &Catalog, id: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
    format_checked(catalog, id, args).ok()
}

/// The ids of every message in a locale's catalog (for the test that every locale has every phrase).
pub fn message_ids(locale: &str) -> Vec<String> {
    crate::locale::find(locale)
        .and_then(|row| FluentResource::try_new(row.phrases.to_owned()).ok())
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

/// Every problem a listener could hear in the embedded catalogs: a message that fails to format (an unknown
/// function, a syntax the bundle rejects) with sample arguments in any of its variants, a message that uses a
/// variable the skill does not pass (it would fall back to English), or one that leaves out a name en-US says (a
/// translation that drops `$show` would silently say less). Empty when every catalog is sound.
///
/// [`Speech::phrase`] falls back to en-US rather than fail in front of a listener, so tests call this instead.
pub fn check_catalogs() -> Vec<String> {
    let english = variables_by_message(DEFAULT_LOCALE);
    let mut problems = Vec::new();
    for locale in locales() {
        let Some(catalog) = CATALOG_SET.get(locale) else {
            problems.push(format!("{locale}: not compiled"));
            continue;
        };
        for (id, variables) in variables_by_message(locale) {
            // 24-hour catalogs have no use for AM/PM.
            let dropped: Vec<&String> = english
                .get(&id)
                .into_iter()
                .flatten()
                .filter(|name| !variables.contains(*name) && name.as_str() != "ampm")
                .collect();
            if !dropped.is_empty() {
                problems.push(format!("{locale}: {id} never says {dropped:?}"));
            }
            // The skill passes what en-US uses; anything else would be missing at run time.
            let unknown: Vec<&String> = variables
                .iter()
                .filter(|name| english.get(&id).is_some_and(|known| !known.contains(*name)))
                .collect();
            if !unknown.is_empty() {
                problems.push(format!(
                    "{locale}: {id} uses {unknown:?}, which en-US never gets"
                ));
            }
            for sample in SAMPLE_ARGUMENTS {
                let args: Vec<(&str, Arg<'_>)> = variables
                    .iter()
                    .map(|name| (name.as_str(), sample.for_variable(name)))
                    .collect();
                match format_checked(catalog, &id, &args) {
                    Ok(text) if text.trim().is_empty() => {
                        problems.push(format!("{locale}: {id} says nothing"));
                    }
                    Ok(_) => {}
                    Err(errors) => problems.push(format!("{locale}: {id}: {errors}")),
                }
            }
        }
    }
    problems
}

/// One set of sample arguments: a count, clock parts and a name, chosen to reach every variant (one and many,
/// names starting with a vowel or not, full and half hours).
struct SampleArguments {
    number: i64,
    hour: &'static str,
    minute: &'static str,
    text: &'static str,
}

const SAMPLE_ARGUMENTS: [SampleArguments; 3] = [
    SampleArguments {
        number: 1,
        hour: "1",
        minute: "00",
        text: "Aurora Hall",
    },
    SampleArguments {
        number: 2,
        hour: "20",
        minute: "30",
        text: "Radio Uno",
    },
    SampleArguments {
        number: 21,
        hour: "9",
        minute: "05",
        text: "Hilario y Oscar",
    },
];

impl SampleArguments {
    fn for_variable(&self, name: &str) -> Arg<'static> {
        match name {
            "count" | "minutes" | "hours" | "days" => Arg::Number(self.number),
            "hour" => Arg::Text(self.hour),
            "minute" => Arg::Text(self.minute),
            _ => Arg::Text(self.text),
        }
    }
}

fn format_checked(catalog: &Catalog, id: &str, args: &[(&str, Arg<'_>)]) -> Result<String, String> {
    let pattern = catalog
        .bundle
        .get_message(id)
        .and_then(|message| message.value())
        .ok_or_else(|| "no value".to_owned())?;
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
    if errors.is_empty() {
        Ok(text.into_owned())
    } else {
        Err(format!("{errors:?}"))
    }
}

/// Each message of a locale's catalog and the variables it references, in any variant or function argument.
fn variables_by_message(locale: &str) -> BTreeMap<String, Vec<String>> {
    use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

    fn in_pattern(pattern: &Pattern<&str>, out: &mut Vec<String>) {
        for element in &pattern.elements {
            if let PatternElement::Placeable { expression } = element {
                in_expression(expression, out);
            }
        }
    }
    fn in_expression(expression: &Expression<&str>, out: &mut Vec<String>) {
        match expression {
            Expression::Select { selector, variants } => {
                in_inline(selector, out);
                for variant in variants {
                    in_pattern(&variant.value, out);
                }
            }
            Expression::Inline(inline) => in_inline(inline, out),
        }
    }
    fn in_inline(inline: &InlineExpression<&str>, out: &mut Vec<String>) {
        match inline {
            InlineExpression::VariableReference { id }
                if !out.iter().any(|name| name == id.name) =>
            {
                out.push(id.name.to_owned());
            }
            InlineExpression::FunctionReference { arguments, .. } => {
                for argument in &arguments.positional {
                    in_inline(argument, out);
                }
            }
            InlineExpression::Placeable { expression } => in_expression(expression, out),
            _ => {}
        }
    }

    let Some(resource) = crate::locale::find(locale)
        .and_then(|row| FluentResource::try_new(row.phrases.to_owned()).ok())
    else {
        return BTreeMap::new();
    };
    resource
        .entries()
        .filter_map(|entry| match entry {
            Entry::Message(message) => {
                let mut variables = Vec::new();
                if let Some(value) = &message.value {
                    in_pattern(value, &mut variables);
                }
                Some((message.id.name.to_owned(), variables))
            }
            _ => None,
        })
        .collect()
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
    fn no_calendar_words_without_a_zone() {
        // GIVEN no zone: 23 hours ahead is "tomorrow" in Los Angeles but still today at UTC+4:30 (Kabul)
        let s = Speech::new(Some("en-US"), None);
        let hours_later = |h: i64| at(20, 0) + chrono::Duration::hours(h);
        // THEN durations only, never "tomorrow" or "yesterday" within two days
        assert_eq!(s.when(hours_later(23), at(20, 0)), "in about 23 hours");
        assert_eq!(s.when(hours_later(35), at(20, 0)), "in about 35 hours");
        assert_eq!(s.when(hours_later(40), at(20, 0)), "in 2 days");
        assert_eq!(s.when(hours_later(-30), at(20, 0)), "about 30 hours ago");
        assert_eq!(s.when(hours_later(-60), at(20, 0)), "3 days ago");
    }

    #[test]
    fn past_days_follow_the_local_calendar() {
        let s = Speech::new(Some("en-US"), Some(chrono_tz::Europe::Rome));
        // now = 21:00 on the 22nd in Rome
        let earlier = |d: u32, h: u32| chrono::Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap();
        // 22:00 on the 21st in Rome: yesterday
        assert_eq!(s.when(earlier(21, 21), at(20, 0)), "yesterday");
        // 00:00 on the 22nd in Rome, 21 hours ago: still today, so hours
        assert_eq!(s.when(earlier(21, 23), at(20, 0)), "about 21 hours ago");
        // 10:00 on the 20th in Rome
        assert_eq!(s.when(earlier(20, 9), at(20, 0)), "2 days ago");
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
            s.phrase("time-in-minutes", &[("minutes", Arg::Number(1))]),
            "in one minute"
        );
        assert_eq!(
            s.phrase("time-in-minutes", &[("minutes", Arg::Number(40))]),
            "in 40 minutes"
        );
    }
}
