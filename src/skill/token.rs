//! The AudioPlayer stream token: which event is playing, live or recorded, and how often it was reconnected.
//!
//! Alexa echoes the token back on every AudioPlayer and PlaybackController request and in
//! `context.AudioPlayer.token`, and those requests carry no session. Encoding the event and the retry state in the
//! token keeps the AudioPlayer lifecycle correct without a database round trip: a failed stream is retried once and
//! the retry's token says so, and a re-enqueued live stream never reuses the token it replaces.

use std::fmt;

use crate::schedule::EventId;

/// Marks tokens minted by this version of onair; anything else is not ours.
const PREFIX: &str = "onair1";

/// Live edge or catch-up recording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamKind {
    /// The event's live stream, always played from the live edge.
    Live,
    /// The event's recording, played from an offset.
    Recording,
}

/// A decoded stream token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamRef {
    /// Live or recording.
    pub kind: StreamKind,
    /// The occurrence being played.
    pub event: EventId,
    /// Bumped each time the same stream is re-enqueued, so Alexa never sees one token twice.
    pub generation: u32,
    /// Whether this stream is already the retry after a playback failure.
    pub retried: bool,
}

impl StreamRef {
    /// A fresh live stream of an event.
    pub fn live(event: EventId) -> Self {
        Self {
            kind: StreamKind::Live,
            event,
            generation: 0,
            retried: false,
        }
    }

    /// A fresh recording stream of an event.
    pub fn recording(event: EventId) -> Self {
        Self {
            kind: StreamKind::Recording,
            event,
            generation: 0,
            retried: false,
        }
    }

    /// The same stream under the next token (for re-enqueueing a live stream that may drop).
    #[must_use]
    pub fn next_generation(&self) -> Self {
        Self {
            generation: self.generation.saturating_add(1),
            retried: false,
            ..self.clone()
        }
    }

    /// The token for retrying this stream after a failure.
    #[must_use]
    pub fn retry(&self) -> Self {
        Self {
            retried: true,
            ..self.clone()
        }
    }

    /// Reads a token; `None` for tokens onair did not mint (another skill's, a hand-written fixture's).
    pub fn parse(token: &str) -> Option<Self> {
        let mut parts = token.split('|');
        if parts.next()? != PREFIX {
            return None;
        }
        let kind = match parts.next()? {
            "live" => StreamKind::Live,
            "rec" => StreamKind::Recording,
            _ => return None,
        };
        let event = EventId::parse(parts.next()?).ok()?;
        let generation = parts.next()?.parse().ok()?;
        let retried = match parts.next()? {
            "0" => false,
            "1" => true,
            _ => return None,
        };
        parts.next().is_none().then_some(Self {
            kind,
            event,
            generation,
            retried,
        })
    }
}

impl fmt::Display for StreamRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            StreamKind::Live => "live",
            StreamKind::Recording => "rec",
        };
        write!(
            f,
            "{PREFIX}|{kind}|{}|{}|{}",
            self.event,
            self.generation,
            u8::from(self.retried)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{StreamKind, StreamRef};
    use crate::schedule::EventId;

    #[test]
    fn tokens_round_trip() {
        let id = EventId::parse("jazz-night@20261122T2000Z").unwrap();
        let live = StreamRef::live(id);
        let token = live.to_string();
        assert_eq!(token, "onair1|live|jazz-night@20261122T2000Z|0|0");
        assert_eq!(StreamRef::parse(&token), Some(live.clone()));
        let next = live.next_generation().retry();
        assert_eq!(StreamRef::parse(&next.to_string()), Some(next.clone()));
        assert_ne!(next.to_string(), live.to_string());
        assert_eq!(next.kind, StreamKind::Live);
    }

    #[test]
    fn foreign_tokens_are_not_ours() {
        for token in [
            "AAAABBBBCCCCCDDDDEEEEEFFFF",
            "",
            "onair1|live",
            "onair1|tv|x|0|0",
            "onair1|live|x|0|2",
            "onair1|live|x|0|0|extra",
        ] {
            assert_eq!(StreamRef::parse(token), None, "{token}");
        }
    }
}
