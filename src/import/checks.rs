//! Row checks: the pure part of an import. Each row is validated ([`EventSpec::from_draft`]), a second row with an
//! id already used is refused, recurrences are expanded, and the ids the file holds are remembered as 64-bit hashes.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash as _, Hasher as _};

use chrono::{DateTime, Duration, Utc};

use crate::schedule::{DraftRow, EventSpec, LiveEvent, RowPosition};
use crate::storage::LOOKBACK;
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
    series: HashMap<u64, RowPosition>,
    occurrences: HashSet<u64>,
}

impl RowChecker {
    pub(super) fn new(at: DateTime<Utc>, horizon: Duration) -> Self {
        Self {
            at,
            horizon,
            series: HashMap::new(),
            occurrences: HashSet::new(),
        }
    }

    pub(super) fn check(&mut self, row: DraftRow) -> Result<Vec<LiveEvent>, String> {
        let spec = EventSpec::from_draft(row.draft?).map_err(|error| error.to_string())?;
        let series = id_hash(spec.id().as_str());
        if let Some(first) = self.series.get(&series) {
            return Err(format!(
                "id {:?} is already used by {first}",
                spec.id().as_str()
            ));
        }
        self.series.insert(series, row.position);
        let occurrences = occurrences_to_store(std::slice::from_ref(&spec), self.at, self.horizon);
        self.occurrences
            .extend(occurrences.iter().map(|event| id_hash(event.id.as_str())));
        Ok(occurrences)
    }

    /// Whether an event the file's earlier version wrote stays: this version has it, or it is an occurrence of a
    /// series this version still has, outside the window this import expanded (long past, or beyond the horizon).
    pub(super) fn keeps(&self, id: &str, starts_at: DateTime<Utc>) -> bool {
        if self.occurrences.contains(&id_hash(id)) {
            return true;
        }
        let Some((series, _)) = id.split_once('@') else {
            return false;
        };
        let expanded = self.at - LOOKBACK <= starts_at && starts_at < self.at + self.horizon;
        self.series.contains_key(&id_hash(series)) && !expanded
    }
}
