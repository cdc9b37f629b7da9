//! The iCalendar drop format (`.ics`, RFC 5545): each `VEVENT` becomes a [`DraftRow`], its `RRULE` kept as the
//! draft's rule so recurrences expand in the `TZID` time zone's wall clock like every other format's.
//!
//! Which properties are read, and the `X-ONAIR-*` ones a partner may add, are documented in `docs/s3.md`. The file
//! is read whole (iCalendar files are small: a year of a weekly show is one `VEVENT`), up to
//! [`MAX_ICALENDAR_BYTES`].

use std::str::FromStr;

use chrono::{DateTime, Duration, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use icalendar::parser::{Component, Property, read_components, unfold};
use sha2::{Digest, Sha256};

use super::drop_file::{DraftRow, DropFileError, RowPosition};
use super::event_id::EventId;
use super::event_spec::EventDraft;

/// The largest `.ics` drop read (it is read whole).
pub const MAX_ICALENDAR_BYTES: usize = 16 * 1024 * 1024;
/// The property holding the live stream's URL; `URL` is used when it is absent.
pub const STREAM_URL_PROPERTY: &str = "X-ONAIR-STREAM-URL";
/// The property listing performers, separated by `|`; the `ORGANIZER`'s `CN`, then `SUMMARY`, when absent.
pub const PERFORMERS_PROPERTY: &str = "X-ONAIR-PERFORMERS";
/// The property listing other names, separated by `|`.
pub const ALIASES_PROPERTY: &str = "X-ONAIR-ALIASES";
/// The property naming the channel.
pub const CHANNEL_PROPERTY: &str = "X-ONAIR-CHANNEL";
/// The property holding the cover art (`https://` or `s3://`); `IMAGE` is used when it is absent.
pub const ART_URL_PROPERTY: &str = "X-ONAIR-ART-URL";
/// The property holding the recording (`https://` or `s3://`).
pub const RECORDING_URL_PROPERTY: &str = "X-ONAIR-RECORDING-URL";
/// The property listing locales, separated by `|` or `,`.
pub const LOCALES_PROPERTY: &str = "X-ONAIR-LOCALES";
/// The property naming the genre; the first `CATEGORIES` entry when absent.
pub const GENRE_PROPERTY: &str = "X-ONAIR-GENRE";

/// How long a derived id's slug of the `UID` may be, before the hash that keeps it unique.
const UID_SLUG_LEN: usize = 48;

/// Reads an iCalendar drop: one row per `VEVENT`, in file order (`VEVENT`s nested anywhere are found).
///
/// # Errors
/// Returns [`DropFileError::ICalendar`] when `text` does not parse as iCalendar or holds no `VCALENDAR`.
pub fn read_icalendar_drop(text: &str) -> Result<Vec<DraftRow>, DropFileError> {
    let unfolded = unfold(text);
    let roots = read_components(&unfolded).map_err(|error| {
        let mut error = error.trim().to_owned();
        if error.len() > 300 {
            let cut = (0..=300)
                .rev()
                .find(|&i| error.is_char_boundary(i))
                .unwrap_or(0);
            error.truncate(cut);
            error.push('…');
        }
        DropFileError::ICalendar(format!("the file does not parse as icalendar ({error})"))
    })?;
    let Some(calendar) = roots
        .iter()
        .find(|root| root.name.as_str().eq_ignore_ascii_case("VCALENDAR"))
    else {
        return Err(DropFileError::ICalendar(
            "the file holds no VCALENDAR".to_owned(),
        ));
    };
    let calendar_zone =
        property(calendar, "X-WR-TIMEZONE").map(|p| p.val.as_str().trim().to_owned());
    let mut events = Vec::new();
    for root in &roots {
        collect_events(root, &mut events);
    }
    let lines = vevent_lines(text);
    Ok(events
        .into_iter()
        .enumerate()
        .map(|(index, event)| DraftRow {
            position: RowPosition {
                index,
                line: lines.get(index).copied(),
            },
            draft: draft(event, calendar_zone.as_deref()),
        })
        .collect())
}

fn collect_events<'c>(component: &'c Component<'c>, events: &mut Vec<&'c Component<'c>>) {
    if component.name.as_str().eq_ignore_ascii_case("VEVENT") {
        events.push(component);
    }
    for child in &component.components {
        collect_events(child, events);
    }
}

/// The line (from 1) of each `BEGIN:VEVENT` in the original text, so reports point into the file as written.
fn vevent_lines(text: &str) -> Vec<u64> {
    text.lines()
        .zip(1_u64..)
        .filter(|(line, _)| line.trim().eq_ignore_ascii_case("BEGIN:VEVENT"))
        .map(|(_, number)| number)
        .collect()
}

fn property<'c>(component: &'c Component<'c>, name: &str) -> Option<&'c Property<'c>> {
    component
        .properties
        .iter()
        .find(|property| property.name.as_str().eq_ignore_ascii_case(name))
}

fn text(component: &Component<'_>, name: &str) -> Option<String> {
    property(component, name)
        .map(|property| property.val.as_str().trim().to_owned())
        .filter(|value| !value.is_empty())
}

fn parameter<'p>(property: &'p Property<'p>, name: &str) -> Option<&'p str> {
    property
        .params
        .iter()
        .find(|parameter| parameter.key.as_str().eq_ignore_ascii_case(name))
        .and_then(|parameter| parameter.val.as_ref())
        .map(|value| value.as_str().trim())
        .filter(|value| !value.is_empty())
}

fn list(value: &str, separators: &[char]) -> Vec<String> {
    value
        .split(separators)
        .map(|entry| entry.trim().to_owned())
        .collect()
}

fn draft(event: &Component<'_>, calendar_zone: Option<&str>) -> Result<EventDraft, String> {
    for unsupported in ["RECURRENCE-ID", "RDATE", "EXDATE"] {
        if property(event, unsupported).is_some() {
            return Err(format!(
                "{unsupported} is not supported: publish changed or cancelled occurrences as events of their own"
            ));
        }
    }
    if text(event, "STATUS").is_some_and(|status| status.eq_ignore_ascii_case("CANCELLED")) {
        return Err("the event is cancelled (STATUS:CANCELLED)".to_owned());
    }
    let title = text(event, "SUMMARY");
    let start_property =
        property(event, "DTSTART").ok_or_else(|| "DTSTART is required".to_owned())?;
    let start = local_instant("DTSTART", start_property, calendar_zone)?;
    let ends_at = match (property(event, "DTEND"), text(event, "DURATION")) {
        (Some(end), _) => local_instant("DTEND", end, calendar_zone)?.instant,
        (None, Some(duration)) => end_after(&start, &duration)?,
        (None, None) => return Err("DTEND or DURATION is required".to_owned()),
    };
    let performers = match text(event, PERFORMERS_PROPERTY) {
        Some(performers) => list(&performers, &['|']),
        None => property(event, "ORGANIZER")
            .and_then(|organizer| parameter(organizer, "CN"))
            .map(str::to_owned)
            .or_else(|| title.clone())
            .into_iter()
            .collect(),
    };
    let stream_url = text(event, STREAM_URL_PROPERTY).or_else(|| text(event, "URL"));
    if stream_url.is_none() {
        return Err(format!(
            "{STREAM_URL_PROPERTY} or URL (the live stream) is required"
        ));
    }
    Ok(EventDraft {
        id: text(event, "UID").map(|uid| id_from_uid(&uid)),
        title,
        performers,
        aliases: text(event, ALIASES_PROPERTY)
            .map(|aliases| list(&aliases, &['|']))
            .unwrap_or_default(),
        channel: text(event, CHANNEL_PROPERTY),
        starts_at: Some(start.instant.to_rfc3339()),
        ends_at: Some(ends_at.to_rfc3339()),
        stream_url,
        art_url: text(event, ART_URL_PROPERTY).or_else(|| text(event, "IMAGE")),
        recording_url: text(event, RECORDING_URL_PROPERTY),
        locales: text(event, LOCALES_PROPERTY)
            .map(|locales| list(&locales, &['|', ',']))
            .unwrap_or_default(),
        genre: text(event, GENRE_PROPERTY).or_else(|| {
            // CATEGORIES is a list whose commas may be escaped; the first entry is the genre.
            text(event, "CATEGORIES").and_then(|categories| {
                let first = categories.split(',').next()?.trim().replace("\\;", ";");
                (!first.is_empty()).then_some(first)
            })
        }),
        time_zone: Some(start.zone.name().to_owned()),
        rrule: text(event, "RRULE"),
        exdates: Vec::new(),
        rdates: Vec::new(),
    })
}

/// A `DTSTART` or `DTEND` as an instant, and the time zone its wall clock is in.
struct Local {
    instant: DateTime<Tz>,
    zone: Tz,
}

fn local_instant(
    name: &str,
    property: &Property<'_>,
    calendar_zone: Option<&str>,
) -> Result<Local, String> {
    let value = property.val.as_str().trim();
    let is_date = parameter(property, "VALUE")
        .is_some_and(|kind| kind.eq_ignore_ascii_case("DATE"))
        || (value.len() == 8 && value.chars().all(|c| c.is_ascii_digit()));
    if is_date {
        return Err(format!(
            "{name} must be a date with a time: all-day events are not live shows"
        ));
    }
    let (wall, utc) = match value.strip_suffix(['Z', 'z']) {
        Some(wall) => (wall, true),
        None => (value, false),
    };
    let wall = NaiveDateTime::parse_from_str(wall, "%Y%m%dT%H%M%S").map_err(|_| {
        format!("{name} {value:?} is not an icalendar date-time such as 20261122T200000")
    })?;
    let zone = if utc {
        Tz::UTC
    } else if let Some(tzid) = parameter(property, "TZID") {
        time_zone(tzid).ok_or_else(|| {
            format!("{name} TZID {tzid:?} is not an iana time zone name such as Europe/Rome")
        })?
    } else if let Some(calendar_zone) = calendar_zone {
        time_zone(calendar_zone).ok_or_else(|| {
            format!(
                "X-WR-TIMEZONE {calendar_zone:?} is not an iana time zone name such as Europe/Rome"
            )
        })?
    } else {
        return Err(format!(
            "{name} needs a TZID, a UTC time ending in Z, or an X-WR-TIMEZONE on the calendar"
        ));
    };
    let instant = resolve(zone, wall)
        .ok_or_else(|| format!("{name} {value:?} does not exist in {}", zone.name()))?;
    Ok(Local { instant, zone })
}

/// An IANA zone from a `TZID`, also when a calendar program prefixed it with a path
/// (`/citadel.org/20190914_1/Europe/Rome`).
fn time_zone(tzid: &str) -> Option<Tz> {
    let tzid = tzid.trim().trim_matches('"');
    Tz::from_str(tzid).ok().or_else(|| {
        let segments: Vec<&str> = tzid.split('/').collect();
        (1..segments.len()).find_map(|skip| Tz::from_str(&segments[skip..].join("/")).ok())
    })
}

/// A wall-clock time in `zone` as an instant: the earlier one when the clock repeats an hour, and an hour later
/// when it skips one (RFC 5545 §3.3.5 reads a time in a DST gap with the offset from before the gap).
fn resolve(zone: Tz, wall: NaiveDateTime) -> Option<DateTime<Tz>> {
    zone.from_local_datetime(&wall).earliest().or_else(|| {
        zone.from_local_datetime(&(wall + Duration::hours(1)))
            .earliest()
    })
}

/// `start` plus an iCalendar `DURATION` (`PT2H`, `PT1H30M`, `P1D`, `P1W`): days and weeks in wall-clock time.
fn end_after(start: &Local, duration: &str) -> Result<DateTime<Tz>, String> {
    let invalid = || format!("DURATION {duration:?} is not an icalendar duration such as PT2H");
    let rest = duration.trim().strip_prefix('+').unwrap_or(duration.trim());
    let rest = rest.strip_prefix(['P', 'p']).ok_or_else(invalid)?;
    let (date_part, time_part) = match rest.split_once(['T', 't']) {
        Some((date, time)) => (date, Some(time)),
        None => (rest, None),
    };
    let mut days = 0_i64;
    let mut exact = Duration::zero();
    for (part, units) in [(Some(date_part), "WD"), (time_part, "HMS")] {
        let Some(part) = part else { continue };
        let mut number = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let unit = c.to_ascii_uppercase();
            if !units.contains(unit) || number.is_empty() {
                return Err(invalid());
            }
            let n: i64 = number.parse().map_err(|_| invalid())?;
            number.clear();
            match unit {
                'W' => days += 7 * n,
                'D' => days += n,
                'H' => exact += Duration::hours(n),
                'M' => exact += Duration::minutes(n),
                _ => exact += Duration::seconds(n),
            }
        }
        if !number.is_empty() {
            return Err(invalid());
        }
    }
    let wall_end = start.instant.naive_local() + Duration::days(days);
    let end = resolve(start.zone, wall_end).ok_or_else(invalid)?;
    Ok(end + exact)
}

/// A series id from a `UID`: the `UID` itself when it fits the id rules, else a readable slug of it plus a hash of
/// the whole `UID` (calendar programs write `UID`s such as `8f2a…@calendar.example`, and `@` is reserved for
/// occurrence ids), so the same `UID` always gives the same id.
fn id_from_uid(uid: &str) -> String {
    if !uid.contains('@') && EventId::parse(uid).is_ok() {
        return uid.to_owned();
    }
    let slug: String = uid
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .take(UID_SLUG_LEN)
        .collect();
    let slug = slug.trim_matches('-');
    let hash: String = Sha256::digest(uid.as_bytes())
        .iter()
        .take(6)
        .map(|byte| format!("{byte:02x}"))
        .collect();
    if slug.is_empty() {
        format!("uid-{hash}")
    } else {
        format!("{slug}-{hash}")
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::schedule::EventSpec;

    fn calendar(events: &str) -> String {
        format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//onair//tests//EN\r\n{events}END:VCALENDAR\r\n"
        )
    }

    fn rows(events: &str) -> Vec<DraftRow> {
        read_icalendar_drop(&calendar(events)).unwrap()
    }

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn a_weekly_rrule_in_rome_keeps_20_00_across_the_october_change() {
        // GIVEN a Sunday 20:00-22:00 show in Rome, starting the week before summer time ends
        let read = rows(
            "BEGIN:VEVENT\r\nUID:sera-uno\r\nSUMMARY:Sera Uno\r\nDTSTART;TZID=Europe/Rome:20261018T200000\r\n\
             DTEND;TZID=Europe/Rome:20261018T220000\r\nRRULE:FREQ=WEEKLY;BYDAY=SU\r\n\
             X-ONAIR-STREAM-URL:https://streams.onair.example/radio-uno/live.mp3\r\nEND:VEVENT\r\n",
        );

        // WHEN it is validated and expanded over three Sundays
        let spec = EventSpec::from_draft(read[0].draft.clone().unwrap()).unwrap();
        let shows =
            spec.occurrences_between(at("2026-10-18T00:00:00Z"), at("2026-11-02T00:00:00Z"));

        // THEN the UTC instant moves an hour later after the change: always 20:00 in Rome
        let starts: Vec<DateTime<Utc>> = shows.iter().map(|show| show.starts_at).collect();
        assert_eq!(
            starts,
            [
                at("2026-10-18T18:00:00Z"),
                at("2026-10-25T19:00:00Z"),
                at("2026-11-01T19:00:00Z")
            ]
        );
        assert!(
            shows
                .iter()
                .all(|show| show.ends_at - show.starts_at == Duration::hours(2))
        );
        assert_eq!(spec.template().performers, ["Sera Uno"]);
    }

    #[test]
    fn every_onair_property_is_read_and_text_is_unescaped() {
        let read = rows(
            "BEGIN:VEVENT\r\nUID:jazz-night\r\nSUMMARY:Jazz\\, Late\r\nDTSTART:20261122T190000Z\r\n\
             DURATION:PT1H30M\r\nURL:https://onair.example/jazz-night.html\r\n\
             X-ONAIR-STREAM-URL:https://streams.onair.example/jazz/live.aac\r\n\
             X-ONAIR-PERFORMERS:Ella Park Trio|Marco Russo\r\nX-ONAIR-ALIASES:Late Jazz\r\n\
             X-ONAIR-CHANNEL:Jazz Cafe Live\r\nX-ONAIR-ART-URL:s3://onair-media/art/jazz.png\r\n\
             X-ONAIR-RECORDING-URL:s3://onair-recordings/jazz/night.mp3\r\n\
             X-ONAIR-LOCALES:en-US,en-GB\r\nCATEGORIES:jazz,live\r\nEND:VEVENT\r\n",
        );
        let draft = read[0].draft.clone().unwrap();
        assert_eq!(
            draft,
            EventDraft {
                id: Some("jazz-night".to_owned()),
                title: Some("Jazz, Late".to_owned()),
                performers: vec!["Ella Park Trio".to_owned(), "Marco Russo".to_owned()],
                aliases: vec!["Late Jazz".to_owned()],
                channel: Some("Jazz Cafe Live".to_owned()),
                starts_at: Some("2026-11-22T19:00:00+00:00".to_owned()),
                ends_at: Some("2026-11-22T20:30:00+00:00".to_owned()),
                stream_url: Some("https://streams.onair.example/jazz/live.aac".to_owned()),
                art_url: Some("s3://onair-media/art/jazz.png".to_owned()),
                recording_url: Some("s3://onair-recordings/jazz/night.mp3".to_owned()),
                locales: vec!["en-US".to_owned(), "en-GB".to_owned()],
                genre: Some("jazz".to_owned()),
                time_zone: Some("UTC".to_owned()),
                rrule: None,
                ..EventDraft::default()
            }
        );
        assert!(EventSpec::from_draft(draft).is_ok());
    }

    #[test]
    fn folded_lines_quoted_tzids_organizers_and_url_streams_are_understood() {
        let read = rows(
            "BEGIN:VEVENT\r\nUID:8f2a9c@calendar.example\r\nSUMMARY:Morning\r\n  Buzz\r\n\
             ORGANIZER;CN=\"Radio Uno\":mailto:studio@radio-uno.example\r\n\
             DTSTART;TZID=\"/citadel.org/20190914_1/America/New_York\":20261101T013000\r\n\
             DTEND;TZID=America/New_York:20261101T023000\r\nURL:https://streams.onair.example/buzz.mp3\r\n\
             END:VEVENT\r\n",
        );
        let draft = read[0].draft.clone().unwrap();
        assert_eq!(draft.title.as_deref(), Some("Morning Buzz"));
        assert_eq!(draft.performers, ["Radio Uno"]);
        assert_eq!(draft.time_zone.as_deref(), Some("America/New_York"));
        // 01:30 happens twice on 1 November 2026 in New York: the earlier (summer time) one is meant.
        assert_eq!(
            draft.starts_at.as_deref(),
            Some("2026-11-01T01:30:00-04:00")
        );
        assert_eq!(draft.ends_at.as_deref(), Some("2026-11-01T02:30:00-05:00"));
        assert_eq!(
            draft.stream_url.as_deref(),
            Some("https://streams.onair.example/buzz.mp3")
        );
        let id = draft.id.unwrap();
        assert!(id.starts_with("8f2a9c-calendar.example-"), "{id}");
        assert_eq!(Some(id), rows_id_again());
    }

    fn rows_id_again() -> Option<String> {
        rows(
            "BEGIN:VEVENT\r\nUID:8f2a9c@calendar.example\r\nSUMMARY:Other\r\nDTSTART:20261101T013000Z\r\n\
             DTEND:20261101T023000Z\r\nURL:https://s.example/a\r\nEND:VEVENT\r\n",
        )[0]
        .draft
        .clone()
        .ok()?
        .id
    }

    #[test]
    fn events_that_cannot_be_live_shows_are_rejected_with_their_line_and_the_rest_kept() {
        let read = rows(
            "BEGIN:VEVENT\r\nSUMMARY:All day\r\nDTSTART;VALUE=DATE:20261122\r\nDTEND;VALUE=DATE:20261123\r\n\
             URL:https://s.example/a\r\nEND:VEVENT\r\n\
             BEGIN:VEVENT\r\nSUMMARY:Floating\r\nDTSTART:20261122T200000\r\nDTEND:20261122T210000\r\n\
             URL:https://s.example/a\r\nEND:VEVENT\r\n\
             BEGIN:VEVENT\r\nSUMMARY:No stream\r\nDTSTART:20261122T200000Z\r\nDTEND:20261122T210000Z\r\n\
             END:VEVENT\r\n\
             BEGIN:VEVENT\r\nSUMMARY:Holiday\r\nDTSTART:20261122T200000Z\r\nDTEND:20261122T210000Z\r\n\
             RRULE:FREQ=WEEKLY\r\nEXDATE:20261129T200000Z\r\nURL:https://s.example/a\r\nEND:VEVENT\r\n\
             BEGIN:VEVENT\r\nSUMMARY:Off\r\nSTATUS:CANCELLED\r\nDTSTART:20261122T200000Z\r\n\
             DTEND:20261122T210000Z\r\nURL:https://s.example/a\r\nEND:VEVENT\r\n\
             BEGIN:VEVENT\r\nSUMMARY:Mars\r\nDTSTART;TZID=Mars/Olympus:20261122T200000\r\n\
             DTEND:20261122T210000Z\r\nURL:https://s.example/a\r\nEND:VEVENT\r\n\
             BEGIN:VEVENT\r\nSUMMARY:Good\r\nDTSTART:20261122T200000Z\r\nDTEND:20261122T210000Z\r\n\
             URL:https://s.example/a\r\nEND:VEVENT\r\n",
        );
        let outcomes: Vec<(usize, Option<u64>, Result<(), String>)> = read
            .iter()
            .map(|row| {
                (
                    row.position.index,
                    row.position.line,
                    row.draft.clone().map(|_| ()),
                )
            })
            .collect();
        assert_eq!(
            outcomes,
            [
                (
                    0,
                    Some(4),
                    Err("DTSTART must be a date with a time: all-day events are not live shows".to_owned())
                ),
                (
                    1,
                    Some(10),
                    Err("DTSTART needs a TZID, a UTC time ending in Z, or an X-WR-TIMEZONE on the calendar"
                        .to_owned())
                ),
                (
                    2,
                    Some(16),
                    Err("X-ONAIR-STREAM-URL or URL (the live stream) is required".to_owned())
                ),
                (
                    3,
                    Some(21),
                    Err("EXDATE is not supported: publish changed or cancelled occurrences as events of their own"
                        .to_owned())
                ),
                (4, Some(29), Err("the event is cancelled (STATUS:CANCELLED)".to_owned())),
                (
                    5,
                    Some(36),
                    Err("DTSTART TZID \"Mars/Olympus\" is not an iana time zone name such as Europe/Rome".to_owned())
                ),
                (6, Some(42), Ok(())),
            ]
        );
    }

    #[test]
    fn floating_times_use_the_calendars_time_zone() {
        let text = "BEGIN:VCALENDAR\r\nX-WR-TIMEZONE:Europe/Rome\r\nBEGIN:VEVENT\r\nSUMMARY:Sera\r\n\
                    DTSTART:20260705T200000\r\nDTEND:20260705T220000\r\nURL:https://s.example/a\r\n\
                    END:VEVENT\r\nEND:VCALENDAR\r\n";
        let draft = read_icalendar_drop(text).unwrap()[0].draft.clone().unwrap();
        assert_eq!(
            draft.starts_at.as_deref(),
            Some("2026-07-05T20:00:00+02:00")
        );
        assert_eq!(draft.time_zone.as_deref(), Some("Europe/Rome"));
    }

    #[test]
    fn durations_in_days_follow_the_wall_clock() {
        let start = Local {
            instant: chrono_tz::Europe::Rome
                .with_ymd_and_hms(2026, 10, 24, 22, 0, 0)
                .unwrap(),
            zone: chrono_tz::Europe::Rome,
        };
        // P1D across the October change is 25 hours; PT8H is 8 exact hours.
        assert_eq!(
            end_after(&start, "P1D").unwrap() - start.instant,
            Duration::hours(25)
        );
        assert_eq!(
            end_after(&start, "PT8H").unwrap() - start.instant,
            Duration::hours(8)
        );
        assert!(end_after(&start, "2 hours").is_err());
        assert!(end_after(&start, "PT2").is_err());
    }

    #[test]
    fn a_file_that_is_not_icalendar_is_refused_whole() {
        assert!(matches!(
            read_icalendar_drop("title,performers\n"),
            Err(DropFileError::ICalendar(_))
        ));
        assert!(matches!(
            read_icalendar_drop("BEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT\r\n"),
            Err(DropFileError::ICalendar(_))
        ));
        assert!(read_icalendar_drop(&calendar("")).unwrap().is_empty());
    }
}
