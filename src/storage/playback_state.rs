//! The listener's playback state (what played last, where it stopped, how often it failed), kept per user.
//!
//! AudioPlayer events arrive without a session and may arrive late or out of order, so every write names the
//! instant of the event it records and a store keeps the newest: a late `PlaybackStopped` never overwrites a newer
//! `PlaybackStarted` (the last-writer-wins loss of Amazon's own persistence adapter).

use std::fmt;
use std::future::Future;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::StoreError;

/// A user's key: the SHA-256 of their Alexa `userId`, in hex, so raw user ids are never stored or logged.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct UserKey(String);

impl UserKey {
    /// The key of the user with this Alexa `userId`.
    #[must_use]
    pub fn from_user_id(user_id: &str) -> Self {
        let digest = Sha256::digest(user_id.as_bytes());
        let hex = digest
            .iter()
            .fold(String::with_capacity(64), |mut hex, byte| {
                hex.push_str(&format!("{byte:02x}"));
                hex
            });
        Self(hex)
    }

    /// A key read back from storage: exactly 64 lowercase hex digits, else `None`.
    #[must_use]
    pub fn from_hex(hex: &str) -> Option<Self> {
        (hex.len() == 64
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
        .then(|| Self(hex.to_owned()))
    }

    /// The 64 hex digits.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UserKey {
    /// A prefix is enough to correlate log lines; the whole hash is a stable identifier and stays out of logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UserKey({}…)", self.0.get(..8).unwrap_or(&self.0))
    }
}

/// What the player was doing after the event recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PlaybackActivity {
    /// `PlaybackStarted`: the stream is playing.
    Playing,
    /// Paused by the listener (`AMAZON.PauseIntent`, a pause button).
    Paused,
    /// `PlaybackStopped`.
    Stopped,
    /// `PlaybackFinished`: the stream ended by itself.
    Finished,
    /// `PlaybackFailed`.
    Failed,
}

/// A user's playback state as of one AudioPlayer event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaybackState {
    /// The stream token of the last event (names the occurrence played).
    pub token: String,
    /// What the player was doing.
    pub activity: PlaybackActivity,
    /// The stream offset the event reported, in milliseconds.
    pub offset_ms: u64,
    /// The event's `request.timestamp`: the version of this state (millisecond precision is kept).
    pub updated_at: DateTime<Utc>,
    /// Failed attempts to play this token so far.
    pub failure_retries: u32,
    /// The token already enqueued behind `token`, so a repeated `PlaybackNearlyFinished` never enqueues it twice.
    pub enqueued: Option<String>,
}

/// The outcome of [`PlaybackStateStore::record`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    /// The state was stored.
    Written,
    /// A state at least as new was already stored; this one was dropped (not an error: events arrive late).
    Stale,
}

/// Where playback states are kept.
pub trait PlaybackStateStore: Send + Sync {
    /// The user's last recorded state, if any.
    ///
    /// # Errors
    /// Returns [`StoreError`] when the store cannot be read.
    fn load(
        &self,
        user: &UserKey,
    ) -> impl Future<Output = Result<Option<PlaybackState>, StoreError>> + Send;

    /// Stores `state` unless a state with the same or a later `updated_at` is already stored.
    ///
    /// # Errors
    /// Returns [`StoreError`] when the store cannot be written; a stale state is [`Recorded::Stale`], not an error.
    fn record(
        &self,
        user: &UserKey,
        state: &PlaybackState,
    ) -> impl Future<Output = Result<Recorded, StoreError>> + Send;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_key_is_the_sha256_of_the_user_id_and_hides_it() {
        let key = UserKey::from_user_id("amzn1.ask.account.TEST");
        assert_eq!(key.as_str().len(), 64);
        assert!(!key.as_str().contains("amzn1"));
        assert_eq!(key, UserKey::from_user_id("amzn1.ask.account.TEST"));
        assert_ne!(key, UserKey::from_user_id("amzn1.ask.account.OTHER"));
        // The well-known digest of "abc" proves it is SHA-256, hex, lowercase.
        assert_eq!(
            UserKey::from_user_id("abc").as_str(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(format!("{key:?}").len(), "UserKey(…)".len() + 8);
    }
}
