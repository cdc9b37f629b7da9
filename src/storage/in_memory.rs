//! The embedded schedule store: a lineup (the demo, or a schedule file) expanded around `now`, in memory.
//!
//! It is the default store (no AWS account, no network) and the local replay backend.

use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

use std::collections::HashMap;

use super::{
    HORIZON, LOOKBACK, PlaybackState, PlaybackStateStore, Recorded, ScheduleStore, StoreError,
    UserKey,
};
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

/// Playback states in memory, with the same newest-event-wins rule as the DynamoDB store: the local stand-in for
/// `onair say`, `onair serve` and tests.
#[derive(Debug, Default)]
pub struct InMemoryPlayback {
    states: Mutex<HashMap<UserKey, PlaybackState>>,
}

impl InMemoryPlayback {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }
}

impl PlaybackStateStore for InMemoryPlayback {
    async fn load(&self, user: &UserKey) -> Result<Option<PlaybackState>, StoreError> {
        let states = self.states.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(states.get(user).cloned())
    }

    async fn record(&self, user: &UserKey, state: &PlaybackState) -> Result<Recorded, StoreError> {
        let mut states = self.states.lock().unwrap_or_else(PoisonError::into_inner);
        match states.get(user) {
            Some(stored) if stored.updated_at >= state.updated_at => Ok(Recorded::Stale),
            _ => {
                states.insert(user.clone(), state.clone());
                Ok(Recorded::Written)
            }
        }
    }
}

/// A playback store that remembers nothing: for a skill wired without one (every read finds nothing).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoPlaybackState;

impl PlaybackStateStore for NoPlaybackState {
    async fn load(&self, _user: &UserKey) -> Result<Option<PlaybackState>, StoreError> {
        Ok(None)
    }

    async fn record(
        &self,
        _user: &UserKey,
        _state: &PlaybackState,
    ) -> Result<Recorded, StoreError> {
        Ok(Recorded::Stale)
    }
}
