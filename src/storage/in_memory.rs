//! The embedded schedule store: a lineup (the demo, or a schedule file) expanded around `now`, in memory.
//!
//! It is the default store (no AWS account, no network) and the local replay backend.

use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

use super::{HORIZON, LOOKBACK, ScheduleStore, StoreError};
use crate::schedule::{EventId, Lineup, LiveEvent, Schedule};

/// Snapshots are cut on whole hours so consecutive requests share one expansion.
const SNAPSHOT_STEP: TimeDelta = TimeDelta::hours(1);

/// A [`ScheduleStore`] over a [`Lineup`] held in memory.
#[derive(Debug)]
pub struct InMemorySchedule {
    lineup: Lineup,
    cached: Mutex<Option<(DateTime<Utc>, Arc<Schedule>)>>,
}

impl InMemorySchedule {
    /// A store serving `lineup`.
    pub fn new(lineup: Lineup) -> Self {
        Self {
            lineup,
            cached: Mutex::new(None),
        }
    }

    /// The embedded demo lineup (`schedules/demo.json`).
    pub fn demo() -> Self {
        Self::new(Lineup::demo())
    }

    /// The lineup this store expands.
    pub fn lineup(&self) -> &Lineup {
        &self.lineup
    }

    fn snapshot(&self, now: DateTime<Utc>) -> Arc<Schedule> {
        let step = now.duration_trunc(SNAPSHOT_STEP).unwrap_or(now);
        let mut cached = self.cached.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((at, schedule)) = cached.as_ref()
            && *at == step
        {
            return Arc::clone(schedule);
        }
        let schedule = Arc::new(
            self.lineup
                .window(step - LOOKBACK, step + SNAPSHOT_STEP + HORIZON),
        );
        *cached = Some((step, Arc::clone(&schedule)));
        schedule
    }
}

impl ScheduleStore for InMemorySchedule {
    async fn schedule_at(&self, now: DateTime<Utc>) -> Result<Arc<Schedule>, StoreError> {
        Ok(self.snapshot(now))
    }

    async fn event(&self, id: &EventId) -> Result<Option<LiveEvent>, StoreError> {
        Ok(self.lineup.event(id))
    }
}
