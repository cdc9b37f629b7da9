//! [`EventDraft`] → [`EventSpec`]: one entry of a partner's schedule, validated, and its occurrences in time.
//!
//! The draft is format-neutral (JSON today, CSV and iCalendar drops later), so every format shares one set of rules
//! and one set of rejection reasons.

use std::str::FromStr;

use chrono::{DateTime, Duration, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::event_id::{EventId, EventIdError, MAX_SERIES_ID_LEN};
use super::live_event::LiveEvent;
use super::media_url::{HttpsUrl, MediaUrl, UrlError};
use super::name::{normalize_name, source_key};

/// The longest an event may last, measured on its first occurrence.
pub const MAX_EVENT_LENGTH: Duration = Duration::hours(24);
/// The most occurrences one [`EventSpec::occurrences_between`] call returns (a year of an hourly rule).
pub const MAX_OCCURRENCES_PER_CALL: usize = 10_000;
/// The most occurrences one call walks through, counting those before the window: expansion starts at the first
/// occurrence, so this bounds the work for a rule that began long ago (22 years of an hourly rule).
pub const MAX_OCCURRENCES_SCANNED: usize = 200_000;
/// The longest `title`, in characters (after NFC normalization).
pub const MAX_TITLE_CHARS: usize = 200;
/// The longest name (each performer and alias, `channel`) and `genre`, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// The most names one entry may list, performers and aliases together: each name is stored as a name item, so
/// this bounds what one row writes.
pub const MAX_NAMES_PER_EVENT: usize = 50;
/// The most `locales` one entry may list.
pub const MAX_LOCALES: usize = 30;
/// The longest `rrule`, in characters.
pub const MAX_RRULE_CHARS: usize = 1_000;
/// The most `exdates` plus `rdates` one entry may list.
pub const MAX_RECURRENCE_DATES: usize = 1_000;

/// One schedule entry as a partner wrote it: text fields, nothing checked yet.
///
/// Field names follow the schedule file format v1 (the README's "Schedule file format v1"); `None` or an empty list means the
/// field was absent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventDraft {
    /// `id`: the series id; derived from the title and start when absent.
    pub id: Option<String>,
    /// `title` (required).
    pub title: Option<String>,
    /// `performers` (at least one required).
    pub performers: Vec<String>,
    /// `aliases`.
    pub aliases: Vec<String>,
    /// `channel`.
    pub channel: Option<String>,
    /// `startsAt` (required, RFC 3339).
    pub starts_at: Option<String>,
    /// `endsAt` (required, RFC 3339).
    pub ends_at: Option<String>,
    /// `streamUrl` (required, `https://`).
    pub stream_url: Option<String>,
    /// `artUrl` (`https://` or `s3://bucket/key`).
    pub art_url: Option<String>,
    /// `recordingUrl` (`https://` or `s3://bucket/key`).
    pub recording_url: Option<String>,
    /// `locales` (`language-REGION` tags).
    pub locales: Vec<String>,
    /// `genre`.
    pub genre: Option<String>,
    /// `timeZone` (IANA name; `UTC` when absent).
    pub time_zone: Option<String>,
    /// `rrule` (an iCalendar RRULE value such as `FREQ=WEEKLY;BYDAY=MO,WE`).
    pub rrule: Option<String>,
    /// `exdates`: starts (RFC 3339) of occurrences of `rrule` that do not happen.
    pub exdates: Vec<String>,
    /// `rdates`: starts (RFC 3339) of extra occurrences, beyond those of `rrule`.
    pub rdates: Vec<String>,
    /// `recurrenceId`: the entry replaces one occurrence of the series `id`, the one that was to start at this
    /// instant (RFC 3339; iCalendar's `RECURRENCE-ID`). The occurrence keeps its id, with this entry's fields.
    pub recurrence_id: Option<String>,
    /// With `recurrence_id`: the occurrence is cancelled (iCalendar's `STATUS:CANCELLED`), and no other field is
    /// needed.
    pub cancelled: bool,
}

/// Why a draft is not a valid entry. Messages are what a partner reads in an import report: lowercase, naming the
/// field as the file spells it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    /// A required field is absent.
    #[error("{field} is required")]
    Missing {
        /// The field, as the file format spells it.
        field: &'static str,
    },
    /// A text field is present but blank.
    #[error("{field} must not be blank")]
    Blank {
        /// The field, as the file format spells it.
        field: &'static str,
    },
    /// `performers` is present but empty.
    #[error("performers must list at least one performer")]
    NoPerformers,
    /// One entry of a list of names is blank.
    #[error("{field}[{index}] must not be blank")]
    BlankName {
        /// The list field.
        field: &'static str,
        /// The entry's position in the list, from 0.
        index: usize,
    },
    /// A name made only of symbols: nothing a listener could say.
    #[error("{field} {name:?} has no letters or digits a listener could say")]
    Unspeakable {
        /// The field (with the index for list entries).
        field: String,
        /// The name as written.
        name: String,
    },
    /// `id` breaks the id rules.
    #[error("{0}")]
    Id(#[source] EventIdError),
    /// `startsAt` or `endsAt` is not an RFC 3339 instant.
    #[error("{field} must be an rfc 3339 instant with an offset, such as 2026-11-22T20:00:00Z")]
    NotAnInstant {
        /// The field.
        field: &'static str,
    },
    /// `endsAt` is not after `startsAt`.
    #[error("endsAt must be after startsAt")]
    EndNotAfterStart,
    /// The event lasts more than [`MAX_EVENT_LENGTH`].
    #[error("an event may last at most 24 hours (this one lasts {minutes} minutes)")]
    TooLong {
        /// How long it lasts.
        minutes: i64,
    },
    /// A URL field breaks its rules.
    #[error("{field} {}", .source.rule())]
    Url {
        /// The field.
        field: &'static str,
        /// What is wrong with it.
        #[source]
        source: UrlError,
    },
    /// A locale is not a `language-REGION` tag.
    #[error("locales[{index}] {tag:?} must be a language-REGION tag such as en-US")]
    Locale {
        /// The entry's position in the list, from 0.
        index: usize,
        /// The tag as written.
        tag: String,
    },
    /// `timeZone` is not an IANA time zone name.
    #[error("timeZone {0:?} is not an iana time zone name such as Europe/Rome")]
    TimeZone(String),
    /// `rrule` does not parse, or does not fit `startsAt`.
    #[error("rrule is not a valid recurrence rule: {0}")]
    Rrule(String),
    /// `rrule` repeats more often than hourly.
    #[error("rrule must repeat hourly or less often, not {0}")]
    RruleTooFrequent(String),
    /// A text field holds a control character (other than the line breaks and tabs folded into spaces).
    #[error("{field} contains the control character U+{code:04X}: remove it")]
    ControlCharacter {
        /// The field (with the index for list entries).
        field: String,
        /// The character's code point.
        code: u32,
    },
    /// A text field holds a Unicode noncharacter (U+FDD0..U+FDEF, U+xFFFE, U+xFFFF).
    #[error("{field} contains the unicode noncharacter U+{code:04X}: remove it")]
    Noncharacter {
        /// The field (with the index for list entries).
        field: String,
        /// The character's code point.
        code: u32,
    },
    /// A text field is longer than its limit.
    #[error("{field} must be at most {max} characters long (it has {found})")]
    TextTooLong {
        /// The field (with the index for list entries).
        field: String,
        /// The limit.
        max: usize,
        /// The length found.
        found: usize,
    },
    /// A value that must be one word (a URL, an instant, a time zone, a rule) holds whitespace or a control
    /// character: a line break in a URL is refused, never silently removed.
    #[error(
        "{field} must not contain spaces, line breaks or control characters (found U+{code:04X})"
    )]
    NotOneWord {
        /// The field.
        field: String,
        /// The offending character's code point.
        code: u32,
    },
    /// `performers` and `aliases` list more than [`MAX_NAMES_PER_EVENT`] names together.
    #[error(
        "performers and aliases may list at most {max} names together (this entry lists {found})"
    )]
    TooManyNames {
        /// The limit.
        max: usize,
        /// How many the entry lists.
        found: usize,
    },
    /// A list field has more entries than its limit.
    #[error("{field} may list at most {max} entries (this entry lists {found})")]
    TooManyEntries {
        /// The list field.
        field: &'static str,
        /// The limit.
        max: usize,
        /// How many the entry lists.
        found: usize,
    },
    /// `exdates` or `rdates` without a rule to apply them to, or an entry that is not an instant.
    #[error(
        "{field}[{index}] must be an rfc 3339 instant with an offset, such as 2026-11-22T20:00:00Z"
    )]
    RecurrenceDate {
        /// `exdates` or `rdates`.
        field: &'static str,
        /// The entry's position in the list.
        index: usize,
    },
    /// An entry replacing one occurrence (`recurrenceId`) has a rule of its own.
    #[error(
        "an entry with recurrenceId replaces one occurrence and may not repeat (rrule, rdates)"
    )]
    OverrideRepeats,
    /// `exdates` is given for an entry that does not repeat.
    #[error("exdates needs an rrule or rdates to remove occurrences from")]
    ExdatesWithoutRecurrence,
    /// `startsAt` is not an occurrence of `rrule`.
    #[error(
        "startsAt must be the first occurrence of rrule in timeZone (the rule next occurs at {0})"
    )]
    StartNotInRule(String),
}

impl UrlError {
    /// The rule the URL breaks, phrased to follow a field name.
    fn rule(&self) -> String {
        match self {
            Self::TooLong => format!(
                "must be at most {} characters long",
                super::media_url::MAX_URL_LEN
            ),
            Self::NotHttps => "must start with https://".to_owned(),
            Self::Malformed(reason) => format!("is not a valid https url ({reason})"),
            Self::MalformedS3 => {
                "must look like s3://bucket/key with a valid bucket name".to_owned()
            }
            Self::UnsupportedScheme => "must start with https:// or s3://".to_owned(),
        }
    }
}

/// How a recurring entry repeats: an RRULE (and extra `rdates`, minus `exdates`) expanded in wall-clock time of a
/// time zone.
#[derive(Clone, Debug, PartialEq)]
pub struct Recurrence {
    rule: String,
    /// The validated rule, kept to rebuild the set from a later start (see [`Recurrence::set_near`]).
    parsed: Option<rrule::RRule>,
    exdates: Vec<DateTime<rrule::Tz>>,
    rdates: Vec<DateTime<rrule::Tz>>,
    set: rrule::RRuleSet,
}

impl Recurrence {
    /// The RRULE as written (without an `RRULE:` prefix); empty for an entry repeating by `rdates` only.
    #[must_use]
    pub fn rule(&self) -> &str {
        &self.rule
    }

    /// The set to expand from for a window starting at `from`: for a rule without `COUNT` that repeats hourly,
    /// daily or weekly, the first start moves forward by whole repetition periods (in wall-clock time) to just
    /// before `from`, so a series that began in 1970 is not walked from 1970. The period grid, and with it every
    /// occurrence, stays the same.
    fn set_near(&self, from: DateTime<Utc>) -> rrule::RRuleSet {
        let Some(parsed) = &self.parsed else {
            return self.set.clone();
        };
        let dt_start = *self.set.get_dt_start();
        let period = match parsed.get_freq() {
            rrule::Frequency::Hourly => Duration::hours(1),
            rrule::Frequency::Daily => Duration::days(1),
            rrule::Frequency::Weekly => Duration::days(7),
            _ => return self.set.clone(),
        } * i32::from(parsed.get_interval().max(1));
        let zone = dt_start.timezone();
        let local_start = dt_start.naive_local();
        // A margin of a day (plus the longest event) keeps occurrences that started before `from` and still run.
        let target = from.with_timezone(&zone).naive_local() - Duration::days(2);
        if parsed.get_count().is_some() || target <= local_start + period * 2 {
            return self.set.clone();
        }
        let periods = (target - local_start).num_seconds() / period.num_seconds();
        let Some(shifted) = i32::try_from(periods)
            .ok()
            .and_then(|periods| local_start.checked_add_signed(period * periods))
            .and_then(|local| zone.from_local_datetime(&local).earliest())
        else {
            return self.set.clone();
        };
        let mut set = rrule::RRuleSet::new(shifted).rrule(parsed.clone());
        set = set.set_exdates(self.exdates.clone());
        set = set.set_rdates(self.rdates.clone());
        set.limit()
    }
}

/// One validated schedule entry: a template occurrence (the first one) and, for a recurring entry, its rule.
#[derive(Clone, Debug, PartialEq)]
pub struct EventSpec {
    template: LiveEvent,
    time_zone: Tz,
    /// Wall-clock length of the first occurrence, reused for every occurrence so a grid of shows keeps meeting
    /// end to start across DST changes.
    local_length: Duration,
    recurrence: Option<Recurrence>,
}

impl EventSpec {
    /// Validates `draft` against the schedule file rules.
    ///
    /// # Errors
    /// Returns the first [`DraftError`] found, checking fields in the order of the file format's documentation.
    pub fn from_draft(draft: EventDraft) -> Result<Self, DraftError> {
        let explicit_id = draft.id.as_deref().map(parse_series_id).transpose()?;
        let title = required_text("title", draft.title)?;
        let title = clean_text("title", &title, MAX_TITLE_CHARS)?;
        speakable("title", &title)?;
        if draft.performers.is_empty() {
            return Err(DraftError::NoPerformers);
        }
        let listed = draft.performers.len() + draft.aliases.len();
        if listed > MAX_NAMES_PER_EVENT {
            return Err(DraftError::TooManyNames {
                max: MAX_NAMES_PER_EVENT,
                found: listed,
            });
        }
        let performers = names("performers", draft.performers)?;
        let aliases = names("aliases", draft.aliases)?;
        let channel = optional_text("channel", draft.channel)?
            .map(|channel| clean_text("channel", &channel, MAX_NAME_CHARS))
            .transpose()?;
        if let Some(channel) = &channel {
            speakable("channel", channel)?;
        }
        let genre = optional_text("genre", draft.genre)?
            .map(|genre| clean_text("genre", &genre, MAX_NAME_CHARS))
            .transpose()?;
        let starts_at = instant("startsAt", draft.starts_at)?;
        let ends_at = instant("endsAt", draft.ends_at)?;
        if ends_at <= starts_at {
            return Err(DraftError::EndNotAfterStart);
        }
        if ends_at - starts_at > MAX_EVENT_LENGTH {
            return Err(DraftError::TooLong {
                minutes: (ends_at - starts_at).num_minutes(),
            });
        }
        let stream_url = required_text("streamUrl", draft.stream_url)?;
        let stream_url =
            HttpsUrl::parse(one_word("streamUrl", &stream_url)?).map_err(|source| {
                DraftError::Url {
                    field: "streamUrl",
                    source,
                }
            })?;
        let art_url = media_url("artUrl", draft.art_url)?;
        let recording_url = media_url("recordingUrl", draft.recording_url)?;
        if draft.locales.len() > MAX_LOCALES {
            return Err(DraftError::TooManyEntries {
                field: "locales",
                max: MAX_LOCALES,
                found: draft.locales.len(),
            });
        }
        let locales = draft
            .locales
            .iter()
            .enumerate()
            .map(|(index, tag)| {
                canonical_locale(tag).ok_or_else(|| DraftError::Locale {
                    index,
                    tag: tag.clone(),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let time_zone = match optional_text("timeZone", draft.time_zone)? {
            Some(name) => Tz::from_str(one_word("timeZone", &name)?)
                .map_err(|_| DraftError::TimeZone(name))?,
            None => Tz::UTC,
        };
        let dates = draft.exdates.len() + draft.rdates.len();
        if dates > MAX_RECURRENCE_DATES {
            return Err(DraftError::TooManyEntries {
                field: "exdates and rdates",
                max: MAX_RECURRENCE_DATES,
                found: dates,
            });
        }
        let exdates = recurrence_dates("exdates", &draft.exdates)?;
        let rdates = recurrence_dates("rdates", &draft.rdates)?;
        let rule = optional_text("rrule", draft.rrule)?;
        if let Some(rule) = &rule {
            check_controls("rrule", rule)?;
            if rule.chars().count() > MAX_RRULE_CHARS {
                return Err(DraftError::TextTooLong {
                    field: "rrule".to_owned(),
                    max: MAX_RRULE_CHARS,
                    found: rule.chars().count(),
                });
            }
        }
        if rule.is_none() && rdates.is_empty() && !exdates.is_empty() {
            return Err(DraftError::ExdatesWithoutRecurrence);
        }
        let recurrence = if rule.is_some() || !rdates.is_empty() {
            Some(recurrence(
                rule.as_deref(),
                starts_at,
                time_zone,
                &exdates,
                &rdates,
            )?)
        } else {
            None
        };

        let replaced = draft
            .recurrence_id
            .as_deref()
            .map(|replaced| instant("recurrenceId", Some(replaced.to_owned())))
            .transpose()?;
        let id = match (replaced, explicit_id) {
            // One occurrence of a series, changed: it keeps the occurrence's id, and does not repeat.
            (Some(replaced), Some(series)) if recurrence.is_none() => {
                EventId::occurrence(&series, replaced)
            }
            (Some(_), Some(_)) => return Err(DraftError::OverrideRepeats),
            (Some(_), None) => return Err(DraftError::Missing { field: "id" }),
            (None, id) => id.unwrap_or_else(|| derived_id(&title, starts_at)),
        };
        let local_length = ends_at.with_timezone(&time_zone).naive_local()
            - starts_at.with_timezone(&time_zone).naive_local();
        Ok(Self {
            template: LiveEvent {
                id,
                title,
                performers,
                aliases,
                channel,
                starts_at,
                ends_at,
                stream_url,
                art_url: art_url.map(Box::new),
                recording_url: recording_url.map(Box::new),
                locales,
                genre,
                time_zone: (time_zone != Tz::UTC).then_some(time_zone),
                stream: None,
                stream_trouble: None,
            },
            time_zone,
            local_length,
            recurrence,
        })
    }

    /// The series id: what the file's `id` said, or the one derived from title and start.
    #[must_use]
    pub fn id(&self) -> &EventId {
        &self.template.id
    }

    /// The entry as its first occurrence (with the series id).
    #[must_use]
    pub fn template(&self) -> &LiveEvent {
        &self.template
    }

    /// The time zone whose wall clock the recurrence follows (`UTC` when the file named none).
    #[must_use]
    pub fn time_zone(&self) -> Tz {
        self.time_zone
    }

    /// How it repeats, if it does.
    #[must_use]
    pub fn recurrence(&self) -> Option<&Recurrence> {
        self.recurrence.as_ref()
    }

    /// Leaves out the occurrence starting at `start` (moved or cancelled by an entry of its own), as an `exdates`
    /// entry would.
    pub fn exclude_occurrence(&mut self, start: DateTime<Utc>) {
        if let Some(recurrence) = &mut self.recurrence {
            let excluded = start.with_timezone(&rrule::Tz::Tz(self.time_zone));
            recurrence.exdates.push(excluded);
            recurrence.set = recurrence.set.clone().exdate(excluded);
        }
    }

    /// Whether expanding from `from` would stop at [`MAX_OCCURRENCES_SCANNED`] occurrences before reaching it: a
    /// series that began too long ago to be walked (one with `COUNT`, or a rule that cannot be moved forward) would
    /// silently never be live, so the import rejects it instead.
    #[must_use]
    pub fn starts_too_long_before(&self, from: DateTime<Utc>) -> bool {
        let Some(recurrence) = &self.recurrence else {
            return false;
        };
        let set = recurrence.set_near(from);
        let mut scanned = 0;
        for start in &set {
            if start.with_timezone(&Utc) >= from {
                return false;
            }
            scanned += 1;
            if scanned >= MAX_OCCURRENCES_SCANNED {
                return true;
            }
        }
        false
    }

    /// Every occurrence overlapping `[from, to)`, earliest first.
    ///
    /// A recurring entry's occurrences start at the rule's instants in [`Self::time_zone`] wall-clock time (20:00
    /// stays 20:00 across DST) and last the first occurrence's wall-clock length; their ids are
    /// `series@YYYYMMDDTHHMMZ`. A one-off entry yields its template. The expansion is bounded by
    /// [`MAX_OCCURRENCES_PER_CALL`] and [`MAX_OCCURRENCES_SCANNED`].
    #[must_use]
    pub fn occurrences_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<LiveEvent> {
        let Some(recurrence) = &self.recurrence else {
            let overlaps = self.template.starts_at < to && from < self.template.ends_at;
            return if overlaps {
                vec![self.template.clone()]
            } else {
                Vec::new()
            };
        };
        let mut occurrences = Vec::new();
        let set = recurrence.set_near(from);
        for start in (&set).into_iter().take(MAX_OCCURRENCES_SCANNED) {
            let starts_at = start.with_timezone(&Utc);
            if starts_at >= to || occurrences.len() >= MAX_OCCURRENCES_PER_CALL {
                break;
            }
            let ends_at = self.end_of(starts_at);
            if ends_at > from {
                occurrences.push(self.occurrence_at(starts_at, ends_at));
            }
        }
        occurrences
    }

    /// The occurrence named by `id`, if `id` belongs to this entry and names one of its occurrences.
    #[must_use]
    pub fn occurrence(&self, id: &EventId) -> Option<LiveEvent> {
        // A one-off entry may itself be one changed occurrence of a series (its id then holds an `@`).
        if self.recurrence.is_none() {
            return (id == self.id()).then(|| self.template.clone());
        }
        if id.series() != self.id().as_str() {
            return None;
        }
        let start = id.occurrence_start()?;
        self.occurrences_between(start, start + Duration::minutes(1))
            .into_iter()
            .find(|occurrence| &occurrence.id == id)
    }

    fn occurrence_at(&self, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> LiveEvent {
        LiveEvent {
            id: EventId::occurrence(&self.template.id, starts_at),
            starts_at,
            ends_at,
            ..self.template.clone()
        }
    }

    /// The end of the occurrence starting at `starts_at`: the same wall-clock length as the first one.
    fn end_of(&self, starts_at: DateTime<Utc>) -> DateTime<Utc> {
        let local_end = starts_at.with_timezone(&self.time_zone).naive_local() + self.local_length;
        let ends_at =
            resolve_local(self.time_zone, local_end).unwrap_or(starts_at + self.local_length);
        if ends_at > starts_at {
            ends_at
        } else {
            starts_at + self.local_length
        }
    }
}

impl TryFrom<EventDraft> for EventSpec {
    type Error = DraftError;

    fn try_from(draft: EventDraft) -> Result<Self, Self::Error> {
        Self::from_draft(draft)
    }
}

/// A wall-clock time in `tz` as an instant: the earlier one when the clock repeats an hour, and an hour later when
/// it skips one (as iCalendar reads times in a DST gap).
fn resolve_local(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    tz.from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            tz.from_local_datetime(&(local + Duration::hours(1)))
                .earliest()
        })
        .map(|instant| instant.with_timezone(&Utc))
}

fn parse_series_id(id: &str) -> Result<EventId, DraftError> {
    if let Some(c) = id.chars().find(|&c| c == '@') {
        return Err(DraftError::Id(EventIdError::InvalidChar(c)));
    }
    EventId::parse(id.trim()).map_err(DraftError::Id)
}

/// `{slug of the title}-{YYYYMMDD}-{HHMM}` of the start in UTC: the same file imported twice gets the same ids.
fn derived_id(title: &str, starts_at: DateTime<Utc>) -> EventId {
    let stamp = starts_at.format("%Y%m%d-%H%M").to_string();
    let mut slug = source_key(title);
    slug.truncate(MAX_SERIES_ID_LEN - stamp.len() - 1);
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "event" } else { slug };
    let id = format!("{slug}-{stamp}");
    // The slug is ASCII alphanumerics and hyphens, and the length is capped above, so this cannot fail.
    EventId::parse(&id).unwrap_or_else(|_| unreachable!("derived id {id:?} breaks the id rules"))
}

fn required_text(field: &'static str, value: Option<String>) -> Result<String, DraftError> {
    optional_text(field, value)?.ok_or(DraftError::Missing { field })
}

fn optional_text(field: &'static str, value: Option<String>) -> Result<Option<String>, DraftError> {
    match value {
        None => Ok(None),
        Some(value) if value.trim().is_empty() => Err(DraftError::Blank { field }),
        Some(value) => Ok(Some(value.trim().to_owned())),
    }
}

/// Line breaks and tabs a spreadsheet or calendar program leaves inside a cell (`\u000b` is Excel's line break in a
/// cell): layout, not content, so they become spaces. Every other control character is refused.
fn is_layout_control(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// A Unicode noncharacter: U+FDD0..U+FDEF and the last two code points of every plane.
fn is_noncharacter(c: char) -> bool {
    let code = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE
}

/// Refuses C0 and C1 control characters (other than [`is_layout_control`] ones) and noncharacters in `value`.
fn check_controls(field: &str, value: &str) -> Result<(), DraftError> {
    for c in value.chars() {
        if c.is_control() && !is_layout_control(c) {
            return Err(DraftError::ControlCharacter {
                field: field.to_owned(),
                code: u32::from(c),
            });
        }
        if is_noncharacter(c) {
            return Err(DraftError::Noncharacter {
                field: field.to_owned(),
                code: u32::from(c),
            });
        }
    }
    Ok(())
}

/// A text field as stored: control characters and noncharacters refused, line breaks and tabs turned into
/// spaces, runs of whitespace made one space, NFC-normalized, and at most `max` characters.
fn clean_text(field: &str, value: &str, max: usize) -> Result<String, DraftError> {
    use unicode_normalization::UnicodeNormalization as _;
    check_controls(field, value)?;
    let spaced: String = value
        .split(|c: char| c.is_whitespace() || is_layout_control(c))
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let text: String = spaced.nfc().collect();
    let found = text.chars().count();
    if found > max {
        return Err(DraftError::TextTooLong {
            field: field.to_owned(),
            max,
            found,
        });
    }
    Ok(text)
}

/// A value that must be one word (URL, id, instant, time zone): outer whitespace was trimmed; anything left that
/// is whitespace or a control character is refused, never removed.
fn one_word<'v>(field: &str, value: &'v str) -> Result<&'v str, DraftError> {
    let value = value.trim();
    if let Some(c) = value
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || is_noncharacter(*c))
    {
        return Err(DraftError::NotOneWord {
            field: field.to_owned(),
            code: u32::from(c),
        });
    }
    Ok(value)
}

fn names(field: &'static str, values: Vec<String>) -> Result<Vec<String>, DraftError> {
    values
        .into_iter()
        .enumerate()
        .map(|(index, name)| {
            if name.trim().is_empty() {
                return Err(DraftError::BlankName { field, index });
            }
            let entry = format!("{field}[{index}]");
            let name = clean_text(&entry, &name, MAX_NAME_CHARS)?;
            speakable(&entry, &name)?;
            Ok(name)
        })
        .collect()
}

/// A name must hold a letter or a digit (an emoji-only title has nothing a listener could say or hear).
fn speakable(field: &str, name: &str) -> Result<(), DraftError> {
    if !name.chars().any(char::is_alphanumeric) || normalize_name(name).is_empty() {
        return Err(DraftError::Unspeakable {
            field: field.to_owned(),
            name: name.to_owned(),
        });
    }
    Ok(())
}

fn instant(field: &'static str, value: Option<String>) -> Result<DateTime<Utc>, DraftError> {
    let value = required_text(field, value)?;
    // Whitespace or a control character inside makes the parse fail: nothing to clean here.
    DateTime::parse_from_rfc3339(&value)
        .map(|instant| instant.with_timezone(&Utc))
        .map_err(|_| DraftError::NotAnInstant { field })
}

fn recurrence_dates(
    field: &'static str,
    values: &[String],
) -> Result<Vec<DateTime<Utc>>, DraftError> {
    values
        .iter()
        .enumerate()
        .map(|(index, value)| {
            one_word(field, value)
                .ok()
                .and_then(|value| DateTime::parse_from_rfc3339(value).ok())
                .map(|instant| instant.with_timezone(&Utc))
                .ok_or(DraftError::RecurrenceDate { field, index })
        })
        .collect()
}

fn media_url(field: &'static str, value: Option<String>) -> Result<Option<MediaUrl>, DraftError> {
    optional_text(field, value)?
        .map(|url| {
            MediaUrl::parse(one_word(field, &url)?)
                .map_err(|source| DraftError::Url { field, source })
        })
        .transpose()
}

/// `ll-RR` (or `lll-RR`, or a 3-digit UN M.49 region such as `es-419`) in canonical case, or `None`.
fn canonical_locale(tag: &str) -> Option<String> {
    let (language, region) = tag.trim().split_once(['-', '_'])?;
    let language_ok =
        (2..=3).contains(&language.len()) && language.chars().all(|c| c.is_ascii_alphabetic());
    let region_ok = (region.len() == 2 && region.chars().all(|c| c.is_ascii_alphabetic()))
        || (region.len() == 3 && region.chars().all(|c| c.is_ascii_digit()));
    (language_ok && region_ok).then(|| {
        format!(
            "{}-{}",
            language.to_ascii_lowercase(),
            region.to_ascii_uppercase()
        )
    })
}

fn recurrence(
    rule: Option<&str>,
    starts_at: DateTime<Utc>,
    time_zone: Tz,
    exdates: &[DateTime<Utc>],
    rdates: &[DateTime<Utc>],
) -> Result<Recurrence, DraftError> {
    let zone = rrule::Tz::Tz(time_zone);
    let dt_start = starts_at.with_timezone(&zone);
    let exdates: Vec<DateTime<rrule::Tz>> =
        exdates.iter().map(|d| d.with_timezone(&zone)).collect();
    let mut rdates: Vec<DateTime<rrule::Tz>> =
        rdates.iter().map(|d| d.with_timezone(&zone)).collect();
    let Some(rule) = rule else {
        // Repeating by rdates only: the first start is an occurrence too (RFC 5545 §3.8.5.2).
        rdates.push(dt_start);
        let set = rrule::RRuleSet::new(dt_start)
            .set_rdates(rdates.clone())
            .set_exdates(exdates.clone())
            .limit();
        return Ok(Recurrence {
            rule: String::new(),
            parsed: None,
            exdates,
            rdates,
            set,
        });
    };
    let rule = rule
        .strip_prefix("RRULE:")
        .or_else(|| rule.strip_prefix("rrule:"))
        .unwrap_or(rule)
        .trim();
    // RFC 5545 rules are ASCII, and the rrule crate panics slicing some non-ASCII ones (found by fuzzing).
    if !rule.is_ascii() {
        return Err(DraftError::Rrule(
            "the rule has a non-ASCII character".to_owned(),
        ));
    }
    let parsed: rrule::RRule<rrule::Unvalidated> = rule
        .parse()
        .map_err(|e: rrule::RRuleError| DraftError::Rrule(e.to_string()))?;
    let frequency = parsed.get_freq();
    if matches!(
        frequency,
        rrule::Frequency::Minutely | rrule::Frequency::Secondly
    ) {
        return Err(DraftError::RruleTooFrequent(frequency.to_string()));
    }
    let validated = parsed
        .validate(dt_start)
        .map_err(|e| DraftError::Rrule(e.to_string()))?;
    // `limit` bounds every expansion, so a rule that never matches (BYMONTH=2;BYMONTHDAY=30) cannot spin forever.
    let rule_only = rrule::RRuleSet::new(dt_start)
        .rrule(validated.clone())
        .limit();
    // A start the rule never produces is almost always a partner's mistake (a Monday start for a Sunday show, or
    // a start given in the wrong zone), and rrule would silently skip it. An exdate may still cancel it.
    match (&rule_only).into_iter().next() {
        Some(first) if first == dt_start => {}
        Some(first) => {
            return Err(DraftError::StartNotInRule(
                first.with_timezone(&Utc).to_rfc3339(),
            ));
        }
        None => return Err(DraftError::Rrule("the rule has no occurrence".to_owned())),
    }
    let set = rule_only
        .set_exdates(exdates.clone())
        .set_rdates(rdates.clone());
    Ok(Recurrence {
        rule: rule.to_owned(),
        parsed: Some(validated),
        exdates,
        rdates,
        set,
    })
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveTime, Timelike};

    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn draft() -> EventDraft {
        EventDraft {
            id: Some("sera-uno".to_owned()),
            title: Some("Sera Uno".to_owned()),
            performers: vec!["Marco Russo".to_owned()],
            channel: Some("Radio Uno".to_owned()),
            starts_at: Some("2026-11-22T18:00:00Z".to_owned()),
            ends_at: Some("2026-11-22T20:30:00Z".to_owned()),
            stream_url: Some("https://streams.onair.example/radio-uno/live.mp3".to_owned()),
            ..EventDraft::default()
        }
    }

    fn weekly(start: &str, end: &str, zone: &str, rule: &str) -> EventSpec {
        EventSpec::from_draft(EventDraft {
            starts_at: Some(start.to_owned()),
            ends_at: Some(end.to_owned()),
            time_zone: Some(zone.to_owned()),
            rrule: Some(rule.to_owned()),
            ..draft()
        })
        .unwrap()
    }

    /// One edit that breaks a rule.
    type Change = Box<dyn FnOnce(&mut EventDraft)>;

    fn reason(change: impl FnOnce(&mut EventDraft)) -> String {
        let mut draft = draft();
        change(&mut draft);
        EventSpec::from_draft(draft).unwrap_err().to_string()
    }

    #[test]
    fn a_valid_draft_becomes_a_one_off_spec() {
        let spec = EventSpec::from_draft(EventDraft {
            locales: vec!["it-it".to_owned(), "es_419".to_owned()],
            art_url: Some("s3://onair-media/art/sera.png".to_owned()),
            title: Some("  Sera Uno ".to_owned()),
            ..draft()
        })
        .unwrap();
        assert_eq!(spec.id().as_str(), "sera-uno");
        assert_eq!(spec.template().title, "Sera Uno");
        assert_eq!(spec.template().locales, ["it-IT", "es-419"]);
        assert_eq!(spec.time_zone(), Tz::UTC);
        assert!(spec.recurrence().is_none());
    }

    #[test]
    fn every_rule_has_its_own_reason_naming_the_field() {
        let cases: Vec<(Change, &str)> = vec![
            (
                Box::new(|d| d.id = Some("sera uno".to_owned())),
                "id may only contain letters a-z and A-Z, digits, '.', '_' and '-' (found ' ')",
            ),
            (
                Box::new(|d| d.id = Some("sera@20261122T1800Z".to_owned())),
                "id may only contain letters a-z and A-Z, digits, '.', '_' and '-' (found '@')",
            ),
            (
                Box::new(|d| d.id = Some("x".repeat(129))),
                "id must be at most 128 characters long",
            ),
            (
                Box::new(|d| d.id = Some(String::new())),
                "id must not be empty",
            ),
            (Box::new(|d| d.title = None), "title is required"),
            (
                Box::new(|d| d.title = Some("  ".to_owned())),
                "title must not be blank",
            ),
            (
                Box::new(|d| d.title = Some("***".to_owned())),
                "title \"***\" has no letters or digits a listener could say",
            ),
            (
                Box::new(|d| d.title = Some("🎷🎺 🎶".to_owned())),
                "title \"🎷🎺 🎶\" has no letters or digits a listener could say",
            ),
            (
                Box::new(|d| d.title = Some("Jazz\u{7}Night".to_owned())),
                "title contains the control character U+0007: remove it",
            ),
            (
                Box::new(|d| d.title = Some("Jazz\u{1b}[31m".to_owned())),
                "title contains the control character U+001B: remove it",
            ),
            (
                Box::new(|d| d.performers = vec!["Ella".to_owned(), "Bad\0Name".to_owned()]),
                "performers[1] contains the control character U+0000: remove it",
            ),
            (
                Box::new(|d| d.channel = Some("Radio\u{9c}Uno".to_owned())),
                "channel contains the control character U+009C: remove it",
            ),
            (
                Box::new(|d| d.genre = Some("jazz\u{fffe}".to_owned())),
                "genre contains the unicode noncharacter U+FFFE: remove it",
            ),
            (
                Box::new(|d| d.title = Some("x".repeat(201))),
                "title must be at most 200 characters long (it has 201)",
            ),
            (
                Box::new(|d| d.aliases = vec!["y".repeat(500_000)]),
                "aliases[0] must be at most 200 characters long (it has 500000)",
            ),
            (
                Box::new(|d| d.performers = (0..2_000).map(|i| format!("Player {i}")).collect()),
                "performers and aliases may list at most 50 names together (this entry lists 2000)",
            ),
            (
                Box::new(|d| {
                    d.stream_url = Some("https://streams.onair.example/a\n.mp3".to_owned());
                }),
                "streamUrl must not contain spaces, line breaks or control characters (found U+000A)",
            ),
            (
                Box::new(|d| d.art_url = Some("https://media.onair.example/a b.png".to_owned())),
                "artUrl must not contain spaces, line breaks or control characters (found U+0020)",
            ),
            (
                Box::new(|d| d.exdates = vec!["2026-11-29T18:00:00Z".to_owned()]),
                "exdates needs an rrule or rdates to remove occurrences from",
            ),
            (
                Box::new(|d| {
                    d.rrule = Some("FREQ=WEEKLY".to_owned());
                    d.rdates = vec!["next week".to_owned()];
                }),
                "rdates[0] must be an rfc 3339 instant with an offset",
            ),
            (
                Box::new(|d| d.performers.clear()),
                "performers must list at least one performer",
            ),
            (
                Box::new(|d| d.performers.push(" ".to_owned())),
                "performers[1] must not be blank",
            ),
            (
                Box::new(|d| d.aliases = vec!["!?".to_owned()]),
                "aliases[0] \"!?\" has no letters or digits a listener could say",
            ),
            (
                Box::new(|d| d.channel = Some(String::new())),
                "channel must not be blank",
            ),
            (
                Box::new(|d| d.genre = Some(" ".to_owned())),
                "genre must not be blank",
            ),
            (Box::new(|d| d.starts_at = None), "startsAt is required"),
            (
                Box::new(|d| d.starts_at = Some("2026-11-22 18:00".to_owned())),
                "startsAt must be an rfc 3339 instant with an offset, such as 2026-11-22T20:00:00Z",
            ),
            (
                Box::new(|d| d.ends_at = Some("2026-11-22T18:00:00".to_owned())),
                "endsAt must be an rfc 3339 instant with an offset, such as 2026-11-22T20:00:00Z",
            ),
            (
                Box::new(|d| d.ends_at = Some("2026-11-22T18:00:00Z".to_owned())),
                "endsAt must be after startsAt",
            ),
            (
                Box::new(|d| d.ends_at = Some("2026-11-23T18:00:01Z".to_owned())),
                "an event may last at most 24 hours (this one lasts 1440 minutes)",
            ),
            (Box::new(|d| d.stream_url = None), "streamUrl is required"),
            (
                Box::new(|d| d.stream_url = Some("http://streams.onair.example/a.mp3".to_owned())),
                "streamUrl must start with https://",
            ),
            (
                Box::new(|d| d.stream_url = Some("s3://onair-media/a.mp3".to_owned())),
                "streamUrl must start with https://",
            ),
            (
                Box::new(|d| d.stream_url = Some("https://".to_owned())),
                "streamUrl is not a valid https url (empty host)",
            ),
            (
                Box::new(|d| d.art_url = Some("ftp://media.onair.example/a.png".to_owned())),
                "artUrl must start with https:// or s3://",
            ),
            (
                Box::new(|d| d.recording_url = Some("s3://Bad_Bucket/a.mp3".to_owned())),
                "recordingUrl must look like s3://bucket/key with a valid bucket name",
            ),
            (
                Box::new(|d| d.locales = vec!["en-US".to_owned(), "english".to_owned()]),
                "locales[1] \"english\" must be a language-REGION tag such as en-US",
            ),
            (
                Box::new(|d| d.locales = vec!["en".to_owned()]),
                "locales[0] \"en\" must be a language-REGION tag such as en-US",
            ),
            (
                Box::new(|d| d.time_zone = Some("Mars/Olympus".to_owned())),
                "timeZone \"Mars/Olympus\" is not an iana time zone name such as Europe/Rome",
            ),
            (
                Box::new(|d| d.rrule = Some("FREQ=SOMETIMES".to_owned())),
                "rrule is not a valid recurrence rule: ",
            ),
            (
                Box::new(|d| d.rrule = Some("FREQ=MINUTELY".to_owned())),
                "rrule must repeat hourly or less often, not MINUTELY",
            ),
            (
                Box::new(|d| d.rrule = Some("FREQ=SECONDLY".to_owned())),
                "rrule must repeat hourly or less often, not SECONDLY",
            ),
            (
                Box::new(|d| d.rrule = Some("FREQ=WEEKLY;BYDAY=MO".to_owned())),
                "startsAt must be the first occurrence of rrule in timeZone (the rule next occurs at 2026-11-23T18:00:00+00:00)",
            ),
            (
                Box::new(|d| d.rrule = Some("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30".to_owned())),
                "rrule is not a valid recurrence rule: the rule has no occurrence",
            ),
            (
                Box::new(|d| d.rrule = Some("FREQ=DAILY;UNTIL=20261231T000000".to_owned())),
                "rrule is not a valid recurrence rule: ",
            ),
        ];
        for (change, expected) in cases {
            let reason = reason(change);
            assert!(
                reason.starts_with(expected),
                "{reason:?} should start with {expected:?}"
            );
        }
    }

    #[test]
    fn text_is_stored_nfc_normalized_with_cell_line_breaks_as_spaces() {
        // GIVEN an Excel cell with its in-cell line break (U+000B), a decomposed accent and a tab
        let spec = EventSpec::from_draft(EventDraft {
            title: Some("Cafe\u{301}\u{b}Night\t Live".to_owned()),
            performers: vec!["Ella\r\nPark".to_owned()],
            ..draft()
        })
        .unwrap();

        // THEN what is stored is one line of composed text
        assert_eq!(spec.template().title, "Caf\u{e9} Night Live");
        assert_eq!(spec.template().performers, ["Ella Park"]);
    }

    #[test]
    fn exdates_cancel_and_rdates_add_occurrences() {
        // GIVEN a weekly Sunday show with one Sunday cancelled and one Wednesday special
        let spec = EventSpec::from_draft(EventDraft {
            rrule: Some("FREQ=WEEKLY".to_owned()),
            exdates: vec!["2026-11-29T18:00:00Z".to_owned()],
            rdates: vec!["2026-12-02T18:00:00Z".to_owned()],
            ..draft()
        })
        .unwrap();

        // WHEN three weeks are expanded
        let starts: Vec<String> = spec
            .occurrences_between(at("2026-11-22T00:00:00Z"), at("2026-12-10T00:00:00Z"))
            .iter()
            .map(|show| show.starts_at.format("%m-%d").to_string())
            .collect();

        // THEN the cancelled Sunday is gone and the special is there
        assert_eq!(starts, ["11-22", "12-02", "12-06"]);
        let only_rdates = EventSpec::from_draft(EventDraft {
            rdates: vec!["2026-11-25T18:00:00Z".to_owned()],
            ..draft()
        })
        .unwrap();
        assert_eq!(
            only_rdates
                .occurrences_between(at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z"))
                .len(),
            2
        );
    }

    #[test]
    fn a_series_from_1970_is_expanded_from_the_window_not_walked_from_1970() {
        // GIVEN an hourly show that started in 1970 (1.6 million hours before the window)
        let spec = weekly(
            "1970-01-01T00:00:00Z",
            "1970-01-01T00:30:00Z",
            "UTC",
            "FREQ=HOURLY;INTERVAL=3",
        );

        // WHEN a day of 2026 is expanded
        let shows =
            spec.occurrences_between(at("2026-11-22T00:00:00Z"), at("2026-11-23T00:00:00Z"));

        // THEN every third hour of it is there, on the 1970 grid
        assert_eq!(shows.len(), 8);
        assert_eq!(shows[0].id.as_str(), "sera-uno@20261122T0000Z");
        assert_eq!(shows[1].starts_at, at("2026-11-22T03:00:00Z"));
    }

    #[test]
    fn a_counted_series_too_far_behind_to_walk_says_so() {
        // GIVEN an hourly series of a million occurrences from 1970 (COUNT keeps it from moving forward)
        let counted = weekly(
            "1970-01-01T00:00:00Z",
            "1970-01-01T00:30:00Z",
            "UTC",
            "FREQ=HOURLY;COUNT=1000000",
        );
        let recent = weekly(
            "2026-11-01T00:00:00Z",
            "2026-11-01T00:30:00Z",
            "UTC",
            "FREQ=HOURLY;COUNT=1000000",
        );

        // THEN the first cannot be expanded in 2026, and says so; the second can
        assert!(counted.starts_too_long_before(at("2026-11-22T00:00:00Z")));
        assert!(!recent.starts_too_long_before(at("2026-11-22T00:00:00Z")));
    }

    #[test]
    fn an_absent_id_is_derived_from_title_and_start() {
        // GIVEN a draft without an id
        let draft = EventDraft {
            id: None,
            title: Some("Café Olé & Friends!".to_owned()),
            ..draft()
        };

        // WHEN it is validated twice
        let first = EventSpec::from_draft(draft.clone()).unwrap();
        let again = EventSpec::from_draft(draft).unwrap();

        // THEN the id is the slug of the title and the UTC start, the same both times
        assert_eq!(first.id().as_str(), "cafe-ole-and-friends-20261122-1800");
        assert_eq!(first.id(), again.id());
    }

    #[test]
    fn a_derived_id_fits_the_id_rules_whatever_the_title() {
        for (title, id) in [
            (
                "x ".repeat(100),
                format!("{}-20261122-1800", "x-".repeat(57).trim_end_matches('-')),
            ),
            (
                "🎷 Night".to_owned(),
                "saxophone-night-20261122-1800".to_owned(),
            ),
            ("The".to_owned(), "the-20261122-1800".to_owned()),
        ] {
            let spec = EventSpec::from_draft(EventDraft {
                id: None,
                title: Some(title.clone()),
                ..draft()
            })
            .unwrap();
            assert_eq!(spec.id().as_str(), id, "{title}");
            assert!(spec.id().as_str().len() <= MAX_SERIES_ID_LEN, "{title}");
        }
    }

    #[test]
    fn a_one_off_spec_yields_its_template_when_it_overlaps_the_window() {
        let spec = EventSpec::from_draft(draft()).unwrap();
        let inside =
            spec.occurrences_between(at("2026-11-22T20:29:00Z"), at("2026-11-22T21:00:00Z"));
        assert_eq!(inside, [spec.template().clone()]);
        assert!(
            spec.occurrences_between(at("2026-11-22T20:30:00Z"), at("2026-11-23T00:00:00Z"))
                .is_empty()
        );
        assert!(
            spec.occurrences_between(at("2026-11-22T12:00:00Z"), at("2026-11-22T18:00:00Z"))
                .is_empty()
        );
    }

    #[test]
    fn a_weekly_show_keeps_its_wall_clock_time_when_rome_leaves_summer_time() {
        // GIVEN a Sunday 20:00-22:00 show in Rome, first on the Sunday before the last Sunday of October
        let spec = weekly(
            "2026-10-18T20:00:00+02:00",
            "2026-10-18T22:00:00+02:00",
            "Europe/Rome",
            "FREQ=WEEKLY;BYDAY=SU",
        );

        // WHEN it is expanded over three Sundays
        let shows =
            spec.occurrences_between(at("2026-10-18T00:00:00Z"), at("2026-11-02T00:00:00Z"));

        // THEN the UTC instant moves an hour later after the change, and the Rome wall clock stays 20:00-22:00
        let starts: Vec<_> = shows.iter().map(|show| show.starts_at).collect();
        assert_eq!(
            starts,
            [
                at("2026-10-18T18:00:00Z"),
                at("2026-10-25T19:00:00Z"),
                at("2026-11-01T19:00:00Z")
            ]
        );
        for show in &shows {
            let rome = chrono_tz::Europe::Rome;
            assert_eq!(
                show.starts_at.with_timezone(&rome).time(),
                NaiveTime::from_hms_opt(20, 0, 0).unwrap()
            );
            assert_eq!(
                show.ends_at.with_timezone(&rome).time(),
                NaiveTime::from_hms_opt(22, 0, 0).unwrap()
            );
        }
        assert_eq!(
            shows
                .iter()
                .map(|show| show.id.as_str())
                .collect::<Vec<_>>(),
            [
                "sera-uno@20261018T1800Z",
                "sera-uno@20261025T1900Z",
                "sera-uno@20261101T1900Z"
            ]
        );
    }

    #[test]
    fn a_weekly_show_keeps_its_wall_clock_time_across_both_new_york_changes() {
        // GIVEN a Sunday 20:00 show in New York from March 1st
        let spec = weekly(
            "2026-03-01T20:00:00-05:00",
            "2026-03-01T21:00:00-05:00",
            "America/New_York",
            "FREQ=WEEKLY;BYDAY=SU",
        );

        // WHEN it is expanded around the March and the November change
        let march =
            spec.occurrences_between(at("2026-03-01T00:00:00Z"), at("2026-03-10T00:00:00Z"));
        let november =
            spec.occurrences_between(at("2026-10-25T00:00:00Z"), at("2026-11-03T00:00:00Z"));

        // THEN it starts at 01:00Z in winter and 00:00Z in summer: always 20:00 in New York
        let starts =
            |shows: &[LiveEvent]| shows.iter().map(|show| show.starts_at).collect::<Vec<_>>();
        assert_eq!(
            starts(&march),
            [at("2026-03-02T01:00:00Z"), at("2026-03-09T00:00:00Z")]
        );
        assert_eq!(
            starts(&november),
            [at("2026-10-26T00:00:00Z"), at("2026-11-02T01:00:00Z")]
        );
        assert!(
            march
                .iter()
                .chain(&november)
                .all(|show| show.ends_at - show.starts_at == Duration::hours(1))
        );
    }

    #[test]
    fn a_night_show_spanning_a_clock_change_ends_at_its_usual_wall_clock_time() {
        // GIVEN a nightly 22:00-06:00 show in Rome
        let spec = weekly(
            "2026-01-05T22:00:00+01:00",
            "2026-01-06T06:00:00+01:00",
            "Europe/Rome",
            "FREQ=DAILY",
        );

        // WHEN the nights of the spring and autumn changes are expanded
        let spring =
            spec.occurrences_between(at("2026-03-28T22:00:00Z"), at("2026-03-28T22:00:01Z"));
        let autumn =
            spec.occurrences_between(at("2026-10-24T21:00:00Z"), at("2026-10-24T21:00:01Z"));

        // THEN each still ends at 06:00 in Rome: 7 hours in spring, 9 in autumn, so the next show meets it
        assert_eq!(spring.len(), 1);
        assert_eq!(spring[0].starts_at, at("2026-03-28T21:00:00Z"));
        assert_eq!(spring[0].ends_at, at("2026-03-29T04:00:00Z"));
        assert_eq!(autumn.len(), 1);
        assert_eq!(autumn[0].starts_at, at("2026-10-24T20:00:00Z"));
        assert_eq!(autumn[0].ends_at, at("2026-10-25T05:00:00Z"));
    }

    #[test]
    fn a_start_inside_the_spring_gap_moves_an_hour_later_that_day() {
        // GIVEN a daily 02:30 show in Rome (02:30 does not exist on 29 March 2026)
        let spec = weekly(
            "2026-03-27T02:30:00+01:00",
            "2026-03-27T03:30:00+01:00",
            "Europe/Rome",
            "FREQ=DAILY",
        );

        // WHEN the day of the change is expanded
        let shows =
            spec.occurrences_between(at("2026-03-29T00:00:00Z"), at("2026-03-30T00:00:00Z"));

        // THEN it starts at 03:30 summer time and still lasts an hour of wall clock
        assert_eq!(shows.len(), 1);
        assert_eq!(shows[0].starts_at, at("2026-03-29T01:30:00Z"));
        assert_eq!(shows[0].ends_at, at("2026-03-29T02:30:00Z"));
    }

    #[test]
    fn an_occurrence_across_midnight_belongs_to_both_days() {
        // GIVEN a daily 23:00-01:00 UTC show
        let spec = weekly(
            "2026-11-20T23:00:00Z",
            "2026-11-21T01:00:00Z",
            "UTC",
            "FREQ=DAILY",
        );

        // WHEN only the early hours of the 23rd are asked for
        let shows =
            spec.occurrences_between(at("2026-11-23T00:00:00Z"), at("2026-11-23T00:30:00Z"));

        // THEN the occurrence that started on the 22nd is there, live past midnight
        assert_eq!(shows.len(), 1);
        assert_eq!(shows[0].id.as_str(), "sera-uno@20261122T2300Z");
        assert!(shows[0].is_live_at(at("2026-11-23T00:15:00Z")));
    }

    #[test]
    fn expansion_honours_count_until_and_interval() {
        let counted = weekly(
            "2026-11-02T20:00:00Z",
            "2026-11-02T21:00:00Z",
            "UTC",
            "FREQ=WEEKLY;COUNT=2",
        );
        let until = weekly(
            "2026-11-02T20:00:00Z",
            "2026-11-02T21:00:00Z",
            "UTC",
            "RRULE:FREQ=DAILY;UNTIL=20261104T200000Z",
        );
        let fortnightly = weekly(
            "2026-11-02T20:00:00Z",
            "2026-11-02T21:00:00Z",
            "UTC",
            "FREQ=WEEKLY;INTERVAL=2",
        );
        let year = (at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"));
        assert_eq!(counted.occurrences_between(year.0, year.1).len(), 2);
        assert_eq!(until.occurrences_between(year.0, year.1).len(), 3);
        assert_eq!(
            until.recurrence().unwrap().rule(),
            "FREQ=DAILY;UNTIL=20261104T200000Z"
        );
        let starts: Vec<_> = fortnightly
            .occurrences_between(year.0, year.1)
            .iter()
            .map(|show| show.starts_at.format("%m-%d").to_string())
            .collect();
        assert_eq!(starts, ["11-02", "11-16", "11-30", "12-14", "12-28"]);
    }

    #[test]
    fn expansion_is_bounded() {
        // GIVEN an hourly rule without end
        let spec = weekly(
            "2026-01-01T00:00:00Z",
            "2026-01-01T00:30:00Z",
            "UTC",
            "FREQ=HOURLY",
        );

        // WHEN two years are asked for in one call
        let shows =
            spec.occurrences_between(at("2026-01-01T00:00:00Z"), at("2028-01-01T00:00:00Z"));

        // THEN the answer stops at the cap instead of growing without bound
        assert_eq!(shows.len(), MAX_OCCURRENCES_PER_CALL);
        assert!(shows.iter().all(|show| show.starts_at.minute() == 0));
    }

    #[test]
    fn an_occurrence_id_finds_that_occurrence_again() {
        let spec = weekly(
            "2026-10-18T20:00:00+02:00",
            "2026-10-18T22:00:00+02:00",
            "Europe/Rome",
            "FREQ=WEEKLY;BYDAY=SU",
        );
        let found = spec
            .occurrence(&EventId::parse("sera-uno@20261025T1900Z").unwrap())
            .unwrap();
        assert_eq!(found.starts_at, at("2026-10-25T19:00:00Z"));
        assert_eq!(
            spec.occurrence(&EventId::parse("sera-uno@20261025T1800Z").unwrap()),
            None
        );
        assert_eq!(
            spec.occurrence(&EventId::parse("other@20261025T1900Z").unwrap()),
            None
        );
        assert_eq!(spec.occurrence(&EventId::parse("sera-uno").unwrap()), None);
    }
}
