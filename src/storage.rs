//! Ports to the outside world ([`ScheduleStore`], [`PlaybackStateStore`], [`FollowStore`]) and their adapters: the
//! embedded schedule, memory and DynamoDB.

use std::future::Future;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

use crate::schedule::{EventId, LiveEvent, Schedule};

pub mod drop_ledger;
pub mod dynamo_db;
pub mod dynamo_db_follows;
pub mod dynamo_db_playback;
pub mod dynamo_db_zones;
pub mod event_item;
pub mod event_writer;
pub mod follows;
mod in_memory;
mod playback_state;
pub mod s3;
pub mod schedule_import;
pub mod schedule_version;
pub mod stream_marks;
pub mod tables;

pub use dynamo_db::DynamoDbScheduleStore;
pub use dynamo_db_follows::DynamoDbFollows;
pub use dynamo_db_playback::DynamoDbPlaybackStore;
pub use follows::{
    Claimed, Follow, FollowStore, Followed, InMemoryFollows, Listener, NoFollows,
    NotificationLedger, Unfollowed,
};
pub use in_memory::{InMemoryPlayback, InMemorySchedule, NoPlaybackState};
pub use playback_state::{PlaybackActivity, PlaybackState, PlaybackStateStore, Recorded, UserKey};
pub use s3::S3Media;

/// How far back a snapshot reaches: long enough for "play yesterday's show" and for events still running.
pub const LOOKBACK: Duration = Duration::days(3);
/// How far ahead a snapshot reaches: long enough for "when is X live" to name a day later this week.
pub const HORIZON: Duration = Duration::days(7);

/// Why a store could not answer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The backing service could not be reached or refused the request.
    #[error("schedule store unavailable")]
    Unavailable(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// What one request needs from the schedule, so a cold store can answer it from a targeted read instead of
/// reading the whole window first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    /// Anything in the window may be asked for.
    Window,
    /// "what's on", the welcome: what is live now and soon.
    Live,
    /// "when is X", "the recording of X": the occurrences carrying this source key (`radio-uno`), and what is live
    /// now (the answer may offer it meanwhile).
    Named(String),
    /// "play X": as [`Need::Named`], but when X is live the answer plays it and needs nothing else.
    Play(String),
}

/// Where the skill reads the live schedule from.
pub trait ScheduleStore: Send + Sync {
    /// A snapshot of every occurrence overlapping `[now - LOOKBACK, now + HORIZON]`.
    ///
    /// # Errors
    /// Returns [`StoreError`] when no snapshot can be produced (the skill then apologises).
    fn schedule_at(
        &self,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<Arc<Schedule>, StoreError>> + Send;

    /// A schedule good enough for a request that needs `need`: a store that has no snapshot yet may answer from the
    /// queries the request needs (and load the whole window meanwhile). By default, [`Self::schedule_at`].
    ///
    /// # Errors
    /// Returns [`StoreError`] when no schedule can be produced (the skill then apologises).
    fn schedule_for(
        &self,
        now: DateTime<Utc>,
        need: &Need,
    ) -> impl Future<Output = Result<Arc<Schedule>, StoreError>> + Send {
        let _ = need;
        self.schedule_at(now)
    }

    /// Counts one failed play (`AudioPlayer.PlaybackFailed`) of `event`'s live stream at `at` towards marking it
    /// as having trouble (see [`crate::schedule::StreamTrouble`]). By default, nothing is recorded (a store that
    /// cannot be written, such as a schedule file).
    ///
    /// # Errors
    /// Returns [`StoreError`] when the backing store cannot be written.
    fn record_playback_failure(
        &self,
        event: &LiveEvent,
        at: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        let _ = (event, at);
        std::future::ready(Ok(()))
    }

    /// One occurrence by id: a playback token can name an event outside the snapshot's window.
    ///
    /// # Errors
    /// Returns [`StoreError`] when the backing store cannot be read.
    fn event(
        &self,
        id: &EventId,
    ) -> impl Future<Output = Result<Option<LiveEvent>, StoreError>> + Send;
}

/// Turns an event's media reference into a link a device can fetch (presigned for `s3://` objects).
///
/// Presigning is local computation, so this is synchronous and never a round trip on the request path.
pub trait MediaLinks: Send + Sync {
    /// An HTTPS link valid for at least `valid_for`, or `None` when this media cannot be served.
    fn link(&self, url: &crate::schedule::MediaUrl, valid_for: Duration) -> Option<String>;
}
