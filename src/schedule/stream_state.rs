//! What onair learned about an event's stream: [`ResolvedStream`] (the address an Echo can play, found by the
//! stream resolver at import) and [`StreamTrouble`] (a check or a listener's device found it not playing).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::media_url::HttpsUrl;

/// How many failed plays (`AudioPlayer.PlaybackFailed`) mark a live stream as having trouble: one failure may be
/// the listener's network, three within a show are the stream.
pub const PLAYBACK_FAILURES_FOR_TROUBLE: u8 = 3;

/// The lowest bitrate an Echo plays, in kbit/s (SPEC §2.2).
pub const MIN_BITRATE_KBPS: u32 = 16;
/// The highest bitrate an Echo plays, in kbit/s (SPEC §2.2).
pub const MAX_BITRATE_KBPS: u32 = 384;

/// What kind of address the partner's `streamUrl` turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StreamFormat {
    /// An HLS master playlist; the play URL is one of its renditions.
    HlsMaster,
    /// An HLS media playlist, played as it is.
    HlsMedia,
    /// A PLS playlist; the play URL is its first HTTPS entry.
    Pls,
    /// An M3U playlist; the play URL is its first HTTPS entry.
    M3u,
    /// The stream itself (MP3, AAC, an Icecast mount).
    Direct,
}

impl StreamFormat {
    /// The name reports and `onair stream check` use.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::HlsMaster => "hls-master",
            Self::HlsMedia => "hls-media",
            Self::Pls => "pls",
            Self::M3u => "m3u",
            Self::Direct => "direct",
        }
    }
}

/// The stream an Echo is sent for an event, as the resolver found it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResolvedStream {
    /// The URL in the Play directive: always HTTPS, never a video rendition.
    pub play_url: HttpsUrl,
    /// What the partner's `streamUrl` was.
    pub format: StreamFormat,
    /// The audio codec, when the playlist or the server named it (`mp4a.40.2`, `audio/mpeg`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codec: Option<String>,
    /// The bitrate in kbit/s, when the playlist (`BANDWIDTH`) or the server (`icy-br`) named it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bitrate_kbps: Option<u32>,
    /// When the stream was resolved so.
    pub checked_at: DateTime<Utc>,
}

/// Why a stream is marked as having trouble.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TroubleReason {
    /// A check could not reach it (connection, TLS, timeout, an HTTP error status).
    Unreachable,
    /// It answers, but with no audio an Echo plays (video only, an HTML page, only plain-HTTP entries).
    NotPlayable,
    /// Listeners' devices reported failed plays ([`PLAYBACK_FAILURES_FOR_TROUBLE`] make trouble).
    PlaybackFailed,
}

/// A stream that a check or listeners' devices found not playing. Bounded: one reason, one counter.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StreamTrouble {
    /// The latest reason.
    pub reason: TroubleReason,
    /// When the trouble was last seen.
    pub seen_at: DateTime<Utc>,
    /// Failed plays counted for this event (saturating).
    #[serde(default)]
    pub playback_failures: u8,
}

impl StreamTrouble {
    /// Whether listeners should be told instead of sent a Play: a check saw it, or enough devices failed.
    #[must_use]
    pub fn keeps_listeners_away(&self) -> bool {
        match self.reason {
            TroubleReason::Unreachable | TroubleReason::NotPlayable => true,
            TroubleReason::PlaybackFailed => {
                self.playback_failures >= PLAYBACK_FAILURES_FOR_TROUBLE
            }
        }
    }

    /// `self` after one more failed play at `at`: a check's own finding stays, the counter grows (bounded).
    #[must_use]
    pub fn with_playback_failure(previous: Option<&Self>, at: DateTime<Utc>) -> Self {
        match previous {
            Some(trouble) => Self {
                reason: trouble.reason,
                seen_at: at,
                playback_failures: trouble.playback_failures.saturating_add(1),
            },
            None => Self {
                reason: TroubleReason::PlaybackFailed,
                seen_at: at,
                playback_failures: 1,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-12-05T20:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn a_check_keeps_listeners_away_at_once_failed_plays_only_after_three() {
        let mut trouble = StreamTrouble::with_playback_failure(None, at());
        assert!(!trouble.keeps_listeners_away());
        trouble = StreamTrouble::with_playback_failure(Some(&trouble), at());
        assert!(!trouble.keeps_listeners_away());
        trouble = StreamTrouble::with_playback_failure(Some(&trouble), at());
        assert!(trouble.keeps_listeners_away());
        let checked = StreamTrouble {
            reason: TroubleReason::Unreachable,
            seen_at: at(),
            playback_failures: 0,
        };
        assert!(checked.keeps_listeners_away());
    }

    #[test]
    fn the_failure_count_is_bounded() {
        let mut trouble = StreamTrouble::with_playback_failure(None, at());
        for _ in 0..400 {
            trouble = StreamTrouble::with_playback_failure(Some(&trouble), at());
        }
        assert_eq!(trouble.playback_failures, u8::MAX);
    }
}
