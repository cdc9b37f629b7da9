//! [`MeteredStore`]: a [`ScheduleStore`] that counts schedule reads, so a request's metrics can tell a snapshot served
//! from memory (a cache hit) from one read from DynamoDB, and from a request that needed no schedule at all.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Utc};

use crate::schedule::{EventId, LiveEvent, Schedule};
use crate::storage::{Need, ScheduleStore, StoreError};

/// Wraps a store and counts [`ScheduleStore::schedule_at`] calls.
#[derive(Debug)]
pub struct MeteredStore<S> {
    inner: S,
    schedule_reads: AtomicU64,
}

impl<S> MeteredStore<S> {
    /// Counts the schedule reads of `inner`.
    pub fn new(inner: S) -> Self {
        Self {
            inner,
            schedule_reads: AtomicU64::new(0),
        }
    }

    /// Schedule snapshots asked for so far.
    pub fn schedule_reads(&self) -> u64 {
        self.schedule_reads.load(Ordering::SeqCst)
    }

    /// The wrapped store.
    pub fn inner(&self) -> &S {
        &self.inner
    }
}

impl<S: ScheduleStore> ScheduleStore for MeteredStore<S> {
    async fn schedule_at(&self, now: DateTime<Utc>) -> Result<Arc<Schedule>, StoreError> {
        self.schedule_reads.fetch_add(1, Ordering::SeqCst);
        self.inner.schedule_at(now).await
    }

    async fn schedule_for(
        &self,
        now: DateTime<Utc>,
        need: &Need,
    ) -> Result<Arc<Schedule>, StoreError> {
        self.schedule_reads.fetch_add(1, Ordering::SeqCst);
        self.inner.schedule_for(now, need).await
    }

    async fn event(&self, id: &EventId) -> Result<Option<LiveEvent>, StoreError> {
        self.inner.event(id).await
    }
}
