//! Row checks: the pure part of an import. Each row is validated ([`EventSpec::from_draft`]), a second row with an
//! id already used is refused, recurrences are expanded, and the ids the file holds are remembered as 64-bit hashes.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash as _, Hasher as _};

use chrono::{DateTime, Duration, Utc};

use crate::schedule::{
    DraftRow, EventId, EventSpec, LiveEvent, MAX_OCCURRENCES_SCANNED, RowPosition,
};
use crate::storage::LOOKBACK;
use crate::storage::event_item::{EventItem, MAX_ITEM_BYTES, Origin};
use crate::storage::schedule_import::occurrences_to_store;

fn id_hash(id: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    id.hash(&mut hasher);
    hasher.finish()
}

/// The pure part of an import: validates each row, refuses a second row with an id already used, expands
/// recurrences, and remembers (as 64-bit hashes) which series and occurrences the file holds.
pub(super) struct RowChecker {
    at: DateTime<Utc>,
    horizon: Duration,
    origin: Option<Origin>,
    /// Series (and one-off) id hashes, with where the row is: 24 bytes a row.
    series: HashMap<u64, Packed>,
    /// Occurrences replaced or cancelled by an entry of their own (iCalendar `RECURRENCE-ID`).
    overridden: HashSet<u64>,
    /// The ids of cancelled occurrences, to delete where an import cannot rely on removing what the file lacks.
    cancelled: Vec<EventId>,
    occurrences: HashSet<u64>,
}

impl RowChecker {
    pub(super) fn new(at: DateTime<Utc>, horizon: Duration, origin: Option<Origin>) -> Self {
        Self {
            at,
            horizon,
            origin,
            series: HashMap::new(),
            overridden: HashSet::new(),
            cancelled: Vec::new(),
            occurrences: HashSet::new(),
        }
    }

    pub(super) fn check(&mut self, row: DraftRow) -> Result<Vec<LiveEvent>, String> {
        let draft = row.draft?;
        if let (true, Some(replaced)) = (draft.cancelled, &draft.recurrence_id) {
            let occurrence = cancelled_occurrence(draft.id.as_deref(), replaced)?;
            let hash = id_hash(occurrence.as_str());
            if !self.overridden.insert(hash) {
                return Err(format!(
                    "occurrence {:?} is already changed by an earlier entry",
                    occurrence.as_str()
                ));
            }
            self.occurrences.remove(&hash);
            self.cancelled.push(occurrence);
            return Ok(Vec::new());
        }
        let spec = EventSpec::from_draft(draft).map_err(|error| error.to_string())?;
        let replaces = spec.id().as_str().contains('@');
        if replaces && self.overridden.contains(&id_hash(spec.id().as_str())) {
            return Err(format!(
                "occurrence {:?} is already changed by an earlier entry",
                spec.id().as_str()
            ));
        }
        let series = id_hash(spec.id().as_str());
        if let Some(first) = self.series.get(&series).map(|first| first.position()) {
            return Err(format!(
                "id {:?} is already used by {first}",
                spec.id().as_str()
            ));
        }
        let mut occurrences =
            occurrences_to_store(std::slice::from_ref(&spec), self.at, self.horizon);
        if occurrences.is_empty() && spec.starts_too_long_before(self.at - LOOKBACK) {
            return Err(format!(
                "rrule: the series starts more than {MAX_OCCURRENCES_SCANNED} occurrences before the import \
                 window and cannot be expanded: give a recent occurrence as startsAt"
            ));
        }
        self.check_item_size(occurrences.first().unwrap_or(spec.template()))?;
        self.series.insert(series, Packed::new(row.position));
        if replaces {
            self.overridden.insert(series);
        } else if spec.recurrence().is_some() {
            // Occurrences an earlier entry moved or cancelled are not this series' to write.
            occurrences.retain(|event| !self.overridden.contains(&id_hash(event.id.as_str())));
        }
        // A one-off's occurrence is its series entry already: only recurring ones are remembered again.
        self.occurrences.extend(
            occurrences
                .iter()
                .filter(|event| event.id != *spec.id())
                .map(|event| id_hash(event.id.as_str())),
        );
        Ok(occurrences)
    }

    /// The occurrences cancelled by entries of their own.
    pub(super) fn cancelled(&self) -> &[EventId] {
        &self.cancelled
    }

    /// The row's stored item must fit DynamoDB's item limit, checked here so a dry run refuses what the table
    /// would refuse. Every occurrence of a row has the same fields, and occurrence ids have the same length, so the
    /// first one stands for all (an allowance covers a series id growing into an occurrence id).
    fn check_item_size(&self, event: &LiveEvent) -> Result<(), String> {
        const OCCURRENCE_ID_ALLOWANCE: usize = 5 * 16;
        let size = EventItem::stored_size(event, self.origin.as_ref())
            .map_err(|error| format!("the entry cannot be stored: {error}"))?
            + OCCURRENCE_ID_ALLOWANCE;
        if size > MAX_ITEM_BYTES {
            return Err(format!(
                "the entry would be stored as {size} bytes, over the events table's limit of {MAX_ITEM_BYTES} \
                 bytes per item: shorten {}",
                largest_field(event)
            ));
        }
        Ok(())
    }

    /// Whether an event the file's earlier version wrote stays: this version has it, or it is an occurrence of a
    /// series this version still has, outside the window this import expanded (long past, or beyond the horizon).
    pub(super) fn keeps(&self, id: &str, starts_at: DateTime<Utc>) -> bool {
        let hash = id_hash(id);
        if self.occurrences.contains(&hash) || self.series.contains_key(&hash) {
            return true;
        }
        let Some((series, _)) = id.split_once('@') else {
            return false;
        };
        let expanded = self.at - LOOKBACK <= starts_at && starts_at < self.at + self.horizon;
        self.series.contains_key(&id_hash(series)) && !expanded
    }
}

/// The field taking the most room in `event`, as the file spells it.
fn largest_field(event: &LiveEvent) -> &'static str {
    let total = |names: &[String]| names.iter().map(String::len).sum::<usize>();
    let url = |url: Option<String>| url.map_or(0, |url| url.len());
    [
        ("title", event.title.len()),
        ("performers", total(&event.performers)),
        ("aliases", total(&event.aliases)),
        ("channel", event.channel.as_ref().map_or(0, String::len)),
        ("genre", event.genre.as_ref().map_or(0, String::len)),
        ("streamUrl", event.stream_url.to_string().len()),
        (
            "artUrl",
            url(event.art_url.as_ref().map(ToString::to_string)),
        ),
        (
            "recordingUrl",
            url(event.recording_url.as_ref().map(ToString::to_string)),
        ),
    ]
    .into_iter()
    .max_by_key(|(_, size)| *size)
    .map_or("the longest field", |(field, _)| field)
}

/// The id of the occurrence a cancelling entry names: its series `id` and the occurrence's original start.
fn cancelled_occurrence(series: Option<&str>, replaced: &str) -> Result<EventId, String> {
    let series =
        series.ok_or("id is required: it names the series whose occurrence is cancelled")?;
    let series = EventId::parse(series.trim()).map_err(|error| error.to_string())?;
    let start = DateTime::parse_from_rfc3339(replaced.trim()).map_err(
        |_| "recurrenceId must be an rfc 3339 instant with an offset, such as 2026-11-22T20:00:00Z",
    )?;
    Ok(EventId::occurrence(&series, start.with_timezone(&Utc)))
}

/// A [`RowPosition`] in 8 bytes (an import reads at most a million rows; lines past `u32::MAX` are not named).
#[derive(Clone, Copy)]
struct Packed {
    index: u32,
    /// The line, or 0 when the format has none.
    line: u32,
}

impl Packed {
    fn new(position: RowPosition) -> Self {
        Self {
            index: u32::try_from(position.index).unwrap_or(u32::MAX),
            line: position
                .line
                .and_then(|line| u32::try_from(line).ok())
                .unwrap_or(0),
        }
    }

    fn position(self) -> RowPosition {
        RowPosition {
            index: self.index as usize,
            line: (self.line > 0).then_some(u64::from(self.line)),
        }
    }
}
