//! What the dialog remembers between turns of one session: the offer awaiting a yes, the shows just listed.
//!
//! Kept in Alexa's `sessionAttributes` under one key, so the skill stays stateless between requests of a session.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::schedule::LiveEvent;

/// The key under which onair keeps its state in `sessionAttributes`.
const KEY: &str = "onair";
/// How many shows a spoken list names (and so how many "the first one" … can pick from).
pub(crate) const LIST_LIMIT: usize = 3;

/// The largest recording offset an offer may carry (two days). Session attributes come back from the device and
/// can hold anything; an offset beyond any recording is not one onair wrote, and one beyond `i64::MAX` is not a
/// number Alexa accepts in a Play directive.
pub const MAX_OFFER_OFFSET_MS: u64 = 2 * 24 * 60 * 60 * 1000;

/// The dialog's memory within a session.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionState {
    /// What "yes" does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer: Option<Offer>,
    /// The shows just named, in the order spoken, for "the first one".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
    /// Whether the skill just asked which show to remind the listener of: a bare name then means that show.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reminding: bool,
    /// With `reminding`: the reminder asked for repeats every week.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub weekly: bool,
}

/// Something the skill offered: to play a show, or to remind the listener of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Offer {
    /// Live stream or recording.
    pub play: OfferKind,
    /// The occurrence id.
    pub event: String,
    /// Where to start a recording, in milliseconds.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub offset_ms: u64,
    /// Whether the question was "did you mean …?" (a weak match): "no" then asks for the show again instead of
    /// closing the session.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub confirming: bool,
}

/// What kind of stream an offer plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OfferKind {
    /// The live stream.
    Live,
    /// The recording.
    Recording,
    /// Not a stream: a reminder when the show starts ("It starts in 40 minutes. Shall I remind you?").
    Remind,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl SessionState {
    /// Reads the state from a request's session attributes; anything unreadable or out of bounds is a fresh start.
    pub fn from_attributes(attributes: &BTreeMap<String, serde_json::Value>) -> Self {
        attributes
            .get(KEY)
            .and_then(|value| serde_json::from_value::<Self>(value.clone()).ok())
            .filter(|state| {
                state
                    .offer
                    .as_ref()
                    .is_none_or(|offer| offer.offset_ms <= MAX_OFFER_OFFSET_MS)
            })
            .unwrap_or_default()
    }

    /// The attributes to send back, or `None` when there is nothing to remember.
    pub fn into_attributes(self) -> Option<BTreeMap<String, serde_json::Value>> {
        if self == Self::default() {
            return None;
        }
        let value = serde_json::to_value(self).ok()?;
        Some(BTreeMap::from([(KEY.to_owned(), value)]))
    }
}

/// The state after offering to play `event` (live or its recording from `offset_ms`): "yes" plays it.
pub(crate) fn offer(play: OfferKind, event: &LiveEvent, offset_ms: u64) -> SessionState {
    SessionState {
        offer: Some(Offer {
            play,
            event: event.id.to_string(),
            offset_ms,
            confirming: false,
        }),
        choices: Vec::new(),
        reminding: false,
        weekly: false,
    }
}

/// The state after naming `events`, in the order spoken: "the second one" or a name picks from them. Callers pass
/// exactly what the listener heard (see [`named`]).
pub(crate) fn choices(events: &[&LiveEvent]) -> SessionState {
    SessionState {
        offer: None,
        choices: events.iter().map(|e| e.id.to_string()).collect(),
        reminding: false,
        weekly: false,
    }
}

/// The shows a spoken list names: its first [`LIST_LIMIT`].
pub(crate) fn named<'e, 's>(events: &'e [&'s LiveEvent]) -> &'e [&'s LiveEvent] {
    &events[..events.len().min(LIST_LIMIT)]
}
