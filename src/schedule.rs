//! The live schedule: events, the schedule file format, recurrence and "what is on when" (pure, no I/O).
//!
//! - [`EventDraft`] → [`EventSpec`]: one partner-written entry, validated (format-neutral, so CSV and iCalendar
//!   drops share the rules); [`parse_schedule_json`] reads the schedule file format v1 into specs and rejections.
//! - [`Lineup`]: the specs of a schedule, including the embedded [`Lineup::demo`]; a window of it is a
//!   [`Schedule`].
//! - [`Schedule`]: concrete [`LiveEvent`] occurrences, indexed: [`Schedule::live_at`], [`Schedule::upcoming`],
//!   [`Schedule::next_on_channel`], [`Schedule::recently_ended_with_recording`] and [`Schedule::find_source`].
//! - Partner drops: [`DropFormat`] by extension, read into [`DraftRow`]s by [`read_json_drop`] (streamed),
//!   [`CsvDrop`] (streamed) and [`read_icalendar_drop`].
//! - [`normalize_name`] and [`source_key`]: how spoken names are compared and keyed.
//!
//! Nothing here reads the clock, does I/O or knows about Alexa or AWS: `now` is always an argument.

mod csv_format;
mod drop_file;
mod event_id;
mod event_spec;
mod ical_format;
mod json_stream;
mod lineup;
mod live_event;
mod lookup;
mod media_url;
mod name;
mod schedule_file;
mod source;
mod stream_state;

pub use csv_format::{CSV_LIST_SEPARATOR, CSV_OPTIONAL_COLUMNS, CSV_REQUIRED_COLUMNS, CsvDrop};
pub use drop_file::{DraftRow, DropFileError, DropFormat, MAX_ROWS_PER_FILE, RowPosition};
pub use event_id::{EventId, EventIdError, MAX_SERIES_ID_LEN};
pub use event_spec::{
    DraftError, EventDraft, EventSpec, MAX_EVENT_LENGTH, MAX_LOCALES, MAX_NAME_CHARS,
    MAX_NAMES_PER_EVENT, MAX_OCCURRENCES_PER_CALL, MAX_OCCURRENCES_SCANNED, MAX_RECURRENCE_DATES,
    MAX_RRULE_CHARS, MAX_TITLE_CHARS, Recurrence,
};
pub use ical_format::{
    ALIASES_PROPERTY, ART_URL_PROPERTY, CHANNEL_PROPERTY, GENRE_PROPERTY, IcsDrop,
    LOCALES_PROPERTY, MAX_VEVENT_BYTES, PERFORMERS_PROPERTY, RECORDING_URL_PROPERTY,
    STREAM_URL_PROPERTY, read_icalendar_drop,
};
pub use json_stream::read_json_drop;
pub use lineup::{DEMO_SCHEDULE_JSON, Lineup};
pub use live_event::LiveEvent;
pub use lookup::Schedule;
pub use media_url::{HttpsUrl, MAX_URL_LEN, MediaUrl, UrlError};
pub use name::{normalize_name, source_key};
pub use schedule_file::{
    EventJsonError, FORMAT_VERSION, ParsedSchedule, Rejection, ScheduleFileError, draft_from_json,
    parse_schedule_json,
};
pub use source::{
    AMBIGUITY_MARGIN, CONFIRM_BELOW, FUZZY_THRESHOLD, MAX_CANDIDATES, Source, SourceMatch,
    SpokenName, similarity, spoken_confidence,
};
pub use stream_state::{
    MAX_BITRATE_KBPS, MIN_BITRATE_KBPS, PLAYBACK_FAILURES_FOR_TROUBLE, ResolvedStream,
    StreamFormat, StreamTrouble, TroubleReason,
};
