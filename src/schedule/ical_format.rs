//! The iCalendar drop format (`.ics`, RFC 5545): each `VEVENT` becomes a [`DraftRow`], its `RRULE` kept as the
//! draft's rule so recurrences expand in the `TZID` time zone's wall clock like every other format's.
//!
//! Which properties are read, and the `X-ONAIR-*` ones a partner may add, are documented in `docs/s3.md`. The file
//! is streamed: lines are unfolded as bytes (a fold may split a multi-byte UTF-8 character, as RFC 5545 allows),
//! and only the current `VEVENT` is held, up to [`MAX_VEVENT_BYTES`].
//!
//! Recurrence as calendar programs write it: `RRULE`, `EXDATE` (cancelled occurrences), `RDATE` (extra ones),
//! and a `VEVENT` with a `RECURRENCE-ID` replacing one occurrence of its series (moved, or `STATUS:CANCELLED`).
//! An all-day event (`DTSTART;VALUE=DATE`) is a live show from midnight to midnight in the calendar's time zone
//! (`X-WR-TIMEZONE`, else UTC).

use std::io::BufRead;
use std::str::FromStr;

use chrono::{DateTime, Duration, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use icalendar::parser::{Component, Property, read_components};
use sha2::{Digest, Sha256};

use super::drop_file::{DraftRow, DropFileError, RowPosition};
use super::event_id::EventId;
use super::event_spec::EventDraft;

/// The largest `VEVENT` read, folded lines and all: a larger one is rejected as a row and the file read on.
pub const MAX_VEVENT_BYTES: usize = 1024 * 1024;
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

/// Reads an iCalendar drop held in memory: one row per `VEVENT`, in file order (see [`IcsDrop`]).
///
/// # Errors
/// Returns [`DropFileError::ICalendar`] when `text` is not iCalendar or holds no `VCALENDAR`.
pub fn read_icalendar_drop(text: &str) -> Result<Vec<DraftRow>, DropFileError> {
    IcsDrop::new(text.as_bytes()).collect()
}

/// An iCalendar drop being read: one [`DraftRow`] per `VEVENT` (nested anywhere), in file order, holding only the
/// current `VEVENT` in memory.
pub struct IcsDrop<R> {
    reader: R,
    /// The physical line read ahead (a logical line ends where the next physical line does not start with a
    /// space or tab), and its number.
    ahead: Option<(Vec<u8>, u64)>,
    /// Physical lines read.
    line: u64,
    /// Components open around the current line, outermost first (upper case).
    open: Vec<String>,
    saw_calendar: bool,
    calendar_zone: Option<String>,
    /// The `VEVENT` being collected: its first line, its unfolded lines, and why it is already refused.
    event: Option<EventBlock>,
    index: usize,
    done: bool,
}

struct EventBlock {
    line: u64,
    text: String,
    problem: Option<String>,
}

impl<R: BufRead> IcsDrop<R> {
    /// A reader of the iCalendar text in `reader`.
    pub fn new(reader: R) -> Self {
        Self {
            reader,
            ahead: None,
            line: 0,
            open: Vec::new(),
            saw_calendar: false,
            calendar_zone: None,
            event: None,
            index: 0,
            done: false,
        }
    }

    /// The next physical line without its line end, and its number; `None` at the end.
    fn physical_line(&mut self) -> Result<Option<(Vec<u8>, u64)>, DropFileError> {
        let mut line = Vec::new();
        // A line longer than a VEVENT may be is cut (the event is refused for its size anyway).
        let limit = u64::try_from(MAX_VEVENT_BYTES + 2).unwrap_or(u64::MAX);
        let read = <&mut R as std::io::Read>::take(&mut self.reader, limit)
            .read_until(b'\n', &mut line)
            .map_err(DropFileError::Io)?;
        if read == 0 {
            return Ok(None);
        }
        if line.last() == Some(&b'\n') {
            self.line += 1;
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
        } else if read as u64 == limit {
            // Skip the rest of an over-long line.
            let mut rest = Vec::new();
            loop {
                rest.clear();
                let n = <&mut R as std::io::Read>::take(&mut self.reader, limit)
                    .read_until(b'\n', &mut rest)
                    .map_err(DropFileError::Io)?;
                if n == 0 || rest.last() == Some(&b'\n') {
                    break;
                }
            }
            self.line += 1;
        } else {
            self.line += 1;
        }
        Ok(Some((line, self.line)))
    }

    /// The next logical (unfolded) line as bytes, and the number of its first physical line.
    fn logical_line(&mut self) -> Result<Option<(Vec<u8>, u64)>, DropFileError> {
        let Some((mut logical, number)) = (match self.ahead.take() {
            Some(ahead) => Some(ahead),
            None => self.physical_line()?,
        }) else {
            return Ok(None);
        };
        while let Some((next, next_number)) = self.physical_line()? {
            match next.first() {
                Some(b' ' | b'\t') => {
                    if logical.len() <= MAX_VEVENT_BYTES {
                        logical.extend_from_slice(&next[1..]);
                    }
                }
                _ => {
                    self.ahead = Some((next, next_number));
                    break;
                }
            }
        }
        Ok(Some((logical, number)))
    }

    /// Reads lines until a `VEVENT` ends (its row) or the file does (`None`).
    fn next_row(&mut self) -> Result<Option<DraftRow>, DropFileError> {
        while let Some((bytes, number)) = self.logical_line()? {
            let Ok(text) = String::from_utf8(bytes) else {
                if let Some(event) = &mut self.event {
                    event
                        .problem
                        .get_or_insert_with(|| format!("line {number} is not utf-8 text"));
                    continue;
                }
                return Err(DropFileError::ICalendar(format!(
                    "line {number} is not utf-8 text"
                )));
            };
            let text = if number == 1 {
                text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned()
            } else {
                text
            };
            if text.trim().is_empty() {
                continue;
            }
            let (name, value) = text.split_once(':').unwrap_or((text.as_str(), ""));
            let name = name.trim().to_ascii_uppercase();
            if name == "BEGIN" {
                let component = value.trim().to_ascii_uppercase();
                if self.open.is_empty() && component != "VCALENDAR" {
                    return Err(DropFileError::ICalendar(format!(
                        "the file does not parse as icalendar (line {number}: BEGIN:{component} outside a VCALENDAR)"
                    )));
                }
                if component == "VCALENDAR" {
                    self.saw_calendar = true;
                }
                if component == "VEVENT" && self.event.is_none() {
                    self.event = Some(EventBlock {
                        line: number,
                        text: String::new(),
                        problem: None,
                    });
                }
                self.open.push(component);
            } else if self.open.is_empty() {
                return Err(DropFileError::ICalendar(format!(
                    "the file does not parse as icalendar (line {number}: it must start with BEGIN:VCALENDAR)"
                )));
            } else if self.open.len() == 1 && name == "X-WR-TIMEZONE" {
                self.calendar_zone = Some(value.trim().to_owned());
            }
            if let Some(event) = &mut self.event {
                if event.text.len() + text.len() > MAX_VEVENT_BYTES {
                    event.problem.get_or_insert_with(|| {
                        format!("the VEVENT is larger than {} KB", MAX_VEVENT_BYTES / 1024)
                    });
                } else {
                    event.text.push_str(&text);
                    event.text.push_str("\r\n");
                }
            }
            if name == "END" {
                let component = value.trim().to_ascii_uppercase();
                if self.open.last() != Some(&component) {
                    return Err(DropFileError::ICalendar(format!(
                        "the file does not parse as icalendar (line {number}: END:{component} closes {})",
                        self.open.last().map_or("nothing", String::as_str)
                    )));
                }
                self.open.pop();
                if component == "VEVENT"
                    && !self.open.iter().any(|open| open == "VEVENT")
                    && let Some(event) = self.event.take()
                {
                    return Ok(Some(self.row(event)));
                }
            }
        }
        if !self.open.is_empty() {
            return Err(DropFileError::ICalendar(format!(
                "the file does not parse as icalendar (it ends inside {}: END:{} is missing)",
                self.open.join(" > "),
                self.open.last().map_or("", String::as_str)
            )));
        }
        if !self.saw_calendar {
            return Err(DropFileError::ICalendar(
                "the file holds no VCALENDAR".to_owned(),
            ));
        }
        Ok(None)
    }

    fn row(&mut self, event: EventBlock) -> DraftRow {
        let position = RowPosition {
            index: self.index,
            line: Some(event.line),
        };
        self.index += 1;
        let draft = match event.problem {
            Some(problem) => Err(problem),
            None => match read_components(&event.text) {
                Ok(components) => match components.first() {
                    Some(component) => draft(component, self.calendar_zone.as_deref()),
                    None => Err("the VEVENT is empty".to_owned()),
                },
                Err(error) => Err(format!(
                    "the VEVENT does not parse as icalendar ({})",
                    shorten(error.trim())
                )),
            },
        };
        DraftRow { position, draft }
    }
}

impl<R: BufRead> Iterator for IcsDrop<R> {
    /// A row, or why the file cannot be read further (after which the iterator ends).
    type Item = Result<DraftRow, DropFileError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.next_row() {
            Ok(Some(row)) => Some(Ok(row)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(error) => {
                self.done = true;
                Some(Err(error))
            }
        }
    }
}

/// At most 300 bytes of a parser's message.
fn shorten(message: &str) -> String {
    if message.len() <= 300 {
        return message.to_owned();
    }
    let cut = (0..=300)
        .rev()
        .find(|&i| message.is_char_boundary(i))
        .unwrap_or(0);
    format!("{}…", &message[..cut])
}

fn property<'c>(component: &'c Component<'c>, name: &str) -> Option<&'c Property<'c>> {
    component
        .properties
        .iter()
        .find(|property| property.name.as_str().eq_ignore_ascii_case(name))
}

fn properties<'c>(
    component: &'c Component<'c>,
    name: &'c str,
) -> impl Iterator<Item = &'c Property<'c>> {
    component
        .properties
        .iter()
        .filter(move |property| property.name.as_str().eq_ignore_ascii_case(name))
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
    let cancelled =
        text(event, "STATUS").is_some_and(|status| status.eq_ignore_ascii_case("CANCELLED"));
    let recurrence_id = property(event, "RECURRENCE-ID")
        .map(|property| local_instant("RECURRENCE-ID", property, calendar_zone))
        .transpose()?;
    let id = text(event, "UID").map(|uid| id_from_uid(&uid));
    if let Some(replaced) = &recurrence_id {
        if id.is_none() {
            return Err("RECURRENCE-ID needs the UID of the series it changes".to_owned());
        }
        if cancelled {
            return Ok(EventDraft {
                id,
                recurrence_id: Some(replaced.instant.to_rfc3339()),
                cancelled: true,
                ..EventDraft::default()
            });
        }
    } else if cancelled {
        return Err("the event is cancelled (STATUS:CANCELLED)".to_owned());
    }
    if let Some(period) = properties(event, "RDATE").find(|rdate| {
        parameter(rdate, "VALUE").is_some_and(|kind| kind.eq_ignore_ascii_case("PERIOD"))
    }) {
        return Err(format!(
            "RDATE periods ({}) are not supported: list start instants",
            period.val.as_str().trim()
        ));
    }
    let title = text(event, "SUMMARY");
    let start_property =
        property(event, "DTSTART").ok_or_else(|| "DTSTART is required".to_owned())?;
    let start = local_instant("DTSTART", start_property, calendar_zone)?;
    let ends_at = match (property(event, "DTEND"), text(event, "DURATION")) {
        (Some(end), _) => local_instant("DTEND", end, calendar_zone)?.instant,
        (None, Some(duration)) => end_after(&start, &duration)?,
        // RFC 5545 §3.6.1: an all-day event without an end lasts the day.
        (None, None) if start.all_day => end_after(&start, "P1D")?,
        (None, None) => return Err("DTEND or DURATION is required".to_owned()),
    };
    let dates = |name: &str| -> Result<Vec<String>, String> {
        let mut instants = Vec::new();
        for property in properties(event, name) {
            for value in property.val.as_str().split(',') {
                let value = value.trim();
                if !value.is_empty() {
                    let local = instant_value(name, value, property, calendar_zone)?;
                    instants.push(local.instant.to_rfc3339());
                }
            }
        }
        Ok(instants)
    };
    let exdates = dates("EXDATE")?;
    let rdates = dates("RDATE")?;
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
        id,
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
        exdates,
        rdates,
        recurrence_id: recurrence_id.map(|replaced| replaced.instant.to_rfc3339()),
        cancelled: false,
    })
}

/// A `DTSTART` or `DTEND` as an instant, and the time zone its wall clock is in.
struct Local {
    instant: DateTime<Tz>,
    zone: Tz,
    /// A date without a time (`VALUE=DATE`): midnight in `zone`.
    all_day: bool,
}

fn local_instant(
    name: &str,
    property: &Property<'_>,
    calendar_zone: Option<&str>,
) -> Result<Local, String> {
    instant_value(name, property.val.as_str().trim(), property, calendar_zone)
}

/// One date-time value of `property` (`DTSTART`, `EXDATE`…): UTC (`Z`), in the property's `TZID`, or floating in
/// the calendar's `X-WR-TIMEZONE`. A date without a time (an all-day event) is midnight in the calendar's time zone,
/// or UTC when it names none.
fn instant_value(
    name: &str,
    value: &str,
    property: &Property<'_>,
    calendar_zone: Option<&str>,
) -> Result<Local, String> {
    let calendar = || {
        calendar_zone
            .map(|calendar_zone| {
                time_zone(calendar_zone).ok_or_else(|| {
                    format!(
                        "X-WR-TIMEZONE {calendar_zone:?} is not an iana time zone name such as Europe/Rome"
                    )
                })
            })
            .transpose()
    };
    let is_date = parameter(property, "VALUE")
        .is_some_and(|kind| kind.eq_ignore_ascii_case("DATE"))
        || (value.len() == 8 && value.chars().all(|c| c.is_ascii_digit()));
    if is_date {
        let day = chrono::NaiveDate::parse_from_str(value, "%Y%m%d")
            .map_err(|_| format!("{name} {value:?} is not an icalendar date such as 20261122"))?;
        let zone = calendar()?.unwrap_or(Tz::UTC);
        let instant = resolve(zone, day.and_time(chrono::NaiveTime::MIN))
            .ok_or_else(|| format!("{name} {value:?} does not exist in {}", zone.name()))?;
        return Ok(Local {
            instant,
            zone,
            all_day: true,
        });
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
    } else if let Some(zone) = calendar()? {
        zone
    } else {
        return Err(format!(
            "{name} needs a TZID, a UTC time ending in Z, or an X-WR-TIMEZONE on the calendar"
        ));
    };
    let instant = resolve(zone, wall)
        .ok_or_else(|| format!("{name} {value:?} does not exist in {}", zone.name()))?;
    Ok(Local {
        instant,
        zone,
        all_day: false,
    })
}

/// Windows time zone names (Outlook and Exchange write them as `TZID`s) of the zones partners are in, with their
/// IANA names (CLDR `windowsZones.xml`, territory 001).
const WINDOWS_ZONES: &[(&str, &str)] = &[
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Romance Standard Time", "Europe/Paris"),
    ("Central Europe Standard Time", "Europe/Budapest"),
    ("Central European Standard Time", "Europe/Warsaw"),
    ("GMT Standard Time", "Europe/London"),
    ("Greenwich Standard Time", "Atlantic/Reykjavik"),
    ("E. Europe Standard Time", "Europe/Chisinau"),
    ("FLE Standard Time", "Europe/Kiev"),
    ("GTB Standard Time", "Europe/Bucharest"),
    ("Russian Standard Time", "Europe/Moscow"),
    ("Eastern Standard Time", "America/New_York"),
    ("Central Standard Time", "America/Chicago"),
    ("Mountain Standard Time", "America/Denver"),
    ("US Mountain Standard Time", "America/Phoenix"),
    ("Pacific Standard Time", "America/Los_Angeles"),
    ("Alaskan Standard Time", "America/Anchorage"),
    ("Hawaiian Standard Time", "Pacific/Honolulu"),
    ("Atlantic Standard Time", "America/Halifax"),
    ("SA Pacific Standard Time", "America/Bogota"),
    ("E. South America Standard Time", "America/Sao_Paulo"),
    ("Argentina Standard Time", "America/Buenos_Aires"),
    ("Central Standard Time (Mexico)", "America/Mexico_City"),
    ("India Standard Time", "Asia/Calcutta"),
    ("China Standard Time", "Asia/Shanghai"),
    ("Tokyo Standard Time", "Asia/Tokyo"),
    ("Korea Standard Time", "Asia/Seoul"),
    ("Singapore Standard Time", "Asia/Singapore"),
    ("AUS Eastern Standard Time", "Australia/Sydney"),
    ("New Zealand Standard Time", "Pacific/Auckland"),
    ("South Africa Standard Time", "Africa/Johannesburg"),
    ("Arabian Standard Time", "Asia/Dubai"),
    ("Turkey Standard Time", "Europe/Istanbul"),
    ("UTC", "UTC"),
];

/// An IANA zone from a `TZID`, also when a calendar program prefixed it with a path
/// (`/citadel.org/20190914_1/Europe/Rome`).
fn time_zone(tzid: &str) -> Option<Tz> {
    let tzid = tzid.trim().trim_matches('"');
    if let Some((_, iana)) = WINDOWS_ZONES
        .iter()
        .find(|(windows, _)| windows.eq_ignore_ascii_case(tzid))
    {
        return Tz::from_str(iana).ok();
    }
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
            // Checked throughout: a calendar may carry any number, and an out-of-range one is a rejected row, never
            // a panic (found by fuzzing: `DURATION:PT<60 digits>H`).
            match unit {
                'W' => {
                    days = n
                        .checked_mul(7)
                        .and_then(|d| days.checked_add(d))
                        .ok_or_else(invalid)?;
                }
                'D' => days = days.checked_add(n).ok_or_else(invalid)?,
                _ => {
                    let step = match unit {
                        'H' => Duration::try_hours(n),
                        'M' => Duration::try_minutes(n),
                        _ => Duration::try_seconds(n),
                    };
                    exact = step
                        .and_then(|step| exact.checked_add(&step))
                        .ok_or_else(invalid)?;
                }
            }
        }
        if !number.is_empty() {
            return Err(invalid());
        }
    }
    let wall_end = Duration::try_days(days)
        .and_then(|days| start.instant.naive_local().checked_add_signed(days))
        .ok_or_else(invalid)?;
    let end = resolve(start.zone, wall_end).ok_or_else(invalid)?;
    end.checked_add_signed(exact).ok_or_else(invalid)
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
                // An all-day event is a live show from midnight to midnight (UTC here: the calendar names no zone).
                (0, Some(4), Ok(())),
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
                (3, Some(21), Ok(())),
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
    fn a_line_folded_inside_a_multi_byte_character_is_unfolded_as_bytes() {
        // GIVEN "Café" folded between the two bytes of "é" (RFC 5545 folds by octets)
        let mut text = calendar(
            "BEGIN:VEVENT\r\nUID:cafe\r\nSUMMARY:Caf@@\r\nDTSTART:20261122T200000Z\r\n\
             DTEND:20261122T210000Z\r\nURL:https://s.example/a\r\nEND:VEVENT\r\n",
        )
        .into_bytes();
        let at = text.windows(2).position(|pair| pair == b"@@").unwrap();
        text.splice(at..at + 2, [0xC3, b'\r', b'\n', b' ', 0xA9]);

        // WHEN it is read
        let rows: Vec<DraftRow> = IcsDrop::new(text.as_slice()).map(Result::unwrap).collect();

        // THEN the title is whole
        assert_eq!(
            rows[0].draft.clone().unwrap().title.as_deref(),
            Some("Caf\u{e9}")
        );
    }

    #[test]
    fn exdate_rdate_and_recurrence_id_become_the_drafts_changed_occurrences() {
        let read = rows(
            "BEGIN:VEVENT\r\nUID:sera\r\nSUMMARY:Sera\r\nDTSTART;TZID=W. Europe Standard Time:20261115T200000\r\n\
             DTEND;TZID=W. Europe Standard Time:20261115T220000\r\nRRULE:FREQ=WEEKLY\r\n\
             EXDATE;TZID=Europe/Rome:20261122T200000,20261129T200000\r\nRDATE:20261125T190000Z\r\n\
             URL:https://s.example/a\r\nEND:VEVENT\r\n\
             BEGIN:VEVENT\r\nUID:sera\r\nRECURRENCE-ID;TZID=Europe/Rome:20261206T200000\r\nSTATUS:CANCELLED\r\n\
             DTSTART;TZID=Europe/Rome:20261206T200000\r\nEND:VEVENT\r\n\
             BEGIN:VEVENT\r\nUID:sera\r\nRECURRENCE-ID;TZID=Europe/Rome:20261213T200000\r\nSUMMARY:Sera Late\r\n\
             DTSTART;TZID=Europe/Rome:20261213T210000\r\nDTEND;TZID=Europe/Rome:20261213T230000\r\n\
             URL:https://s.example/a\r\nEND:VEVENT\r\n",
        );
        let master = read[0].draft.clone().unwrap();
        assert_eq!(master.time_zone.as_deref(), Some("Europe/Berlin"));
        assert_eq!(
            master.exdates,
            ["2026-11-22T20:00:00+01:00", "2026-11-29T20:00:00+01:00"]
        );
        assert_eq!(master.rdates, ["2026-11-25T19:00:00+00:00"]);
        let cancelled = read[1].draft.clone().unwrap();
        assert!(cancelled.cancelled);
        assert_eq!(cancelled.id.as_deref(), Some("sera"));
        assert_eq!(
            cancelled.recurrence_id.as_deref(),
            Some("2026-12-06T20:00:00+01:00")
        );
        let moved = EventSpec::from_draft(read[2].draft.clone().unwrap()).unwrap();
        assert_eq!(moved.id().as_str(), "sera@20261213T1900Z");
        assert_eq!(moved.template().starts_at, at("2026-12-13T20:00:00Z"));
        let spec = EventSpec::from_draft(master).unwrap();
        let starts: Vec<String> = spec
            .occurrences_between(at("2026-11-15T00:00:00Z"), at("2026-12-01T00:00:00Z"))
            .iter()
            .map(|show| show.starts_at.format("%m-%d").to_string())
            .collect();
        assert_eq!(starts, ["11-15", "11-25"]);
    }

    #[test]
    fn an_all_day_event_runs_midnight_to_midnight_in_the_calendars_zone() {
        let text = "BEGIN:VCALENDAR\r\nX-WR-TIMEZONE:Europe/Rome\r\nBEGIN:VEVENT\r\nUID:fest\r\n\
                    SUMMARY:Festival\r\nDTSTART;VALUE=DATE:20261128\r\nURL:https://s.example/a\r\n\
                    END:VEVENT\r\nEND:VCALENDAR\r\n";
        let draft = read_icalendar_drop(text).unwrap()[0].draft.clone().unwrap();
        assert_eq!(
            draft.starts_at.as_deref(),
            Some("2026-11-28T00:00:00+01:00")
        );
        assert_eq!(draft.ends_at.as_deref(), Some("2026-11-29T00:00:00+01:00"));
        assert!(EventSpec::from_draft(draft).is_ok());
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
    fn durations_beyond_any_date_are_refused_not_a_panic() {
        let start = Local {
            instant: chrono_tz::America::New_York
                .with_ymd_and_hms(2026, 11, 22, 20, 0, 0)
                .unwrap(),
            zone: chrono_tz::America::New_York,
            all_day: false,
        };
        for duration in [
            "PT000000000000000000000000000000000000000000000409927646082434479H",
            "PT9223372036854775807H",
            "PT9223372036854775807M",
            "P9223372036854775807W",
            "P9223372036854775807D",
            "P99999999DT1H",
        ] {
            assert!(end_after(&start, duration).is_err(), "{duration}");
        }
        assert!(end_after(&start, "PT2H").is_ok());
    }

    #[test]
    fn durations_in_days_follow_the_wall_clock() {
        let start = Local {
            instant: chrono_tz::Europe::Rome
                .with_ymd_and_hms(2026, 10, 24, 22, 0, 0)
                .unwrap(),
            zone: chrono_tz::Europe::Rome,
            all_day: false,
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
