//! The intents onair understands, parsed once from an `IntentRequest` into a closed enum.

use chrono::NaiveDate;

use crate::alexa;

/// What the listener asked for, with its slots read and cleaned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intent {
    /// "play the live show from {source}" (no source: "play something live").
    PlayLiveShow {
        /// The show, artist, station or venue named, if any.
        source: Option<SourceQuery>,
    },
    /// "what's on", "what's live", "what's next".
    WhatsOn,
    /// "when is {source} live".
    WhenIs {
        /// The show named, if any.
        source: Option<SourceQuery>,
    },
    /// "play the recording of {source} from {date}".
    PlayRecording {
        /// The show named, if any.
        source: Option<SourceQuery>,
        /// The day asked for, if any (AMAZON.DATE resolved to a single day).
        date: Option<NaiveDate>,
    },
    /// "the first one", "number two": picks from the shows the skill just listed.
    Choose {
        /// 1-based position, if it could be read.
        position: Option<usize>,
    },
    /// AMAZON.PauseIntent ("stop" arrives as this while audio plays).
    Pause,
    /// AMAZON.ResumeIntent.
    Resume,
    /// AMAZON.StopIntent.
    Stop,
    /// AMAZON.CancelIntent.
    Cancel,
    /// AMAZON.HelpIntent.
    Help,
    /// AMAZON.FallbackIntent.
    Fallback,
    /// AMAZON.NextIntent.
    Next,
    /// AMAZON.PreviousIntent.
    Previous,
    /// AMAZON.StartOverIntent.
    StartOver,
    /// AMAZON.LoopOnIntent.
    LoopOn,
    /// AMAZON.LoopOffIntent.
    LoopOff,
    /// AMAZON.ShuffleOnIntent.
    ShuffleOn,
    /// AMAZON.ShuffleOffIntent.
    ShuffleOff,
    /// AMAZON.RepeatIntent.
    Repeat,
    /// AMAZON.YesIntent.
    Yes,
    /// AMAZON.NoIntent.
    No,
    /// AMAZON.NavigateHomeIntent.
    NavigateHome,
    /// An intent name this code does not know (a newer model, a hand-written fixture).
    Unknown(String),
}

/// A spoken name with the entity-resolution ids Alexa matched it to (dynamic authority first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceQuery {
    /// What the listener said.
    pub spoken: String,
    /// Ids from entity resolution, best first.
    pub ids: Vec<String>,
}

/// Every intent name the dialog handles: the contract test checks each exists in every interaction model.
pub const HANDLED_INTENTS: &[&str] = &[
    "PlayLiveShowIntent",
    "WhatsOnIntent",
    "WhenIsIntent",
    "PlayRecordingIntent",
    "ChooseIntent",
    "AMAZON.PauseIntent",
    "AMAZON.ResumeIntent",
    "AMAZON.StopIntent",
    "AMAZON.CancelIntent",
    "AMAZON.HelpIntent",
    "AMAZON.FallbackIntent",
    "AMAZON.NextIntent",
    "AMAZON.PreviousIntent",
    "AMAZON.StartOverIntent",
    "AMAZON.LoopOnIntent",
    "AMAZON.LoopOffIntent",
    "AMAZON.ShuffleOnIntent",
    "AMAZON.ShuffleOffIntent",
    "AMAZON.RepeatIntent",
    "AMAZON.YesIntent",
    "AMAZON.NoIntent",
    "AMAZON.NavigateHomeIntent",
];

impl Intent {
    /// Reads the intent and its slots; never fails (an unknown name becomes [`Intent::Unknown`]).
    pub fn parse(intent: &alexa::Intent) -> Self {
        match intent.name.as_str() {
            "PlayLiveShowIntent" => Self::PlayLiveShow {
                source: source_slot(intent),
            },
            "WhatsOnIntent" => Self::WhatsOn,
            "WhenIsIntent" => Self::WhenIs {
                source: source_slot(intent),
            },
            "PlayRecordingIntent" => Self::PlayRecording {
                source: source_slot(intent),
                date: intent
                    .slot("date")
                    .and_then(alexa::Slot::spoken)
                    .and_then(parse_day),
            },
            "ChooseIntent" => Self::Choose {
                position: intent
                    .slot("position")
                    .and_then(alexa::Slot::spoken)
                    .and_then(parse_ordinal),
            },
            "AMAZON.PauseIntent" => Self::Pause,
            "AMAZON.ResumeIntent" => Self::Resume,
            "AMAZON.StopIntent" => Self::Stop,
            "AMAZON.CancelIntent" => Self::Cancel,
            "AMAZON.HelpIntent" => Self::Help,
            "AMAZON.FallbackIntent" => Self::Fallback,
            "AMAZON.NextIntent" => Self::Next,
            "AMAZON.PreviousIntent" => Self::Previous,
            "AMAZON.StartOverIntent" => Self::StartOver,
            "AMAZON.LoopOnIntent" => Self::LoopOn,
            "AMAZON.LoopOffIntent" => Self::LoopOff,
            "AMAZON.ShuffleOnIntent" => Self::ShuffleOn,
            "AMAZON.ShuffleOffIntent" => Self::ShuffleOff,
            "AMAZON.RepeatIntent" => Self::Repeat,
            "AMAZON.YesIntent" => Self::Yes,
            "AMAZON.NoIntent" => Self::No,
            "AMAZON.NavigateHomeIntent" => Self::NavigateHome,
            other => Self::Unknown(other.to_owned()),
        }
    }
}

fn source_slot(intent: &alexa::Intent) -> Option<SourceQuery> {
    let slot = intent.slot("source")?;
    let spoken = slot.spoken()?.to_owned();
    let ids = slot
        .resolved_ids()
        .into_iter()
        .filter_map(|resolved| resolved.id)
        .collect();
    Some(SourceQuery { spoken, ids })
}

/// AMAZON.DATE gives `2026-11-21` for a day, but also weeks (`2026-W47`), months and `PRESENT_REF`: only a single
/// day narrows a recording down; anything else means "the most recent one".
fn parse_day(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()
}

/// AMAZON.Ordinal fills "1" for "first", but testers type "first", "1st" or "second" too.
fn parse_ordinal(value: &str) -> Option<usize> {
    let value = value.trim().to_lowercase();
    let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
    if let Ok(n) = digits.parse::<usize>() {
        return (n > 0).then_some(n);
    }
    const WORDS: &[&str] = &["first", "second", "third", "fourth", "fifth"];
    let word = value.trim_start_matches("the ").trim_end_matches(" one");
    WORDS.iter().position(|w| *w == word).map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::{parse_day, parse_ordinal};

    #[test]
    fn ordinals_in_every_spelling() {
        assert_eq!(parse_ordinal("1"), Some(1));
        assert_eq!(parse_ordinal("2nd"), Some(2));
        assert_eq!(parse_ordinal("the third one"), Some(3));
        assert_eq!(parse_ordinal("0"), None);
        assert_eq!(parse_ordinal("many"), None);
    }

    #[test]
    fn only_single_days_narrow_a_recording() {
        assert!(parse_day("2026-11-21").is_some());
        assert!(parse_day("2026-W47").is_none());
        assert!(parse_day("PRESENT_REF").is_none());
    }
}
