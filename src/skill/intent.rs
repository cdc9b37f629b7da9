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
    /// "the first one", "number two", or a bare name: picks from the shows the skill just listed.
    Choose {
        /// Which one of the list, if it could be read.
        position: Option<Pick>,
        /// A name said instead of a position ("Radio Uno", "the jazz one").
        source: Option<SourceQuery>,
    },
    /// "remind me when {source} goes live" ("… every week": a weekly reminder).
    RemindMe {
        /// The show named, if any.
        source: Option<SourceQuery>,
        /// Whether the listener asked for a reminder that repeats every week.
        weekly: bool,
    },
    /// "cancel my reminder for {source}".
    CancelReminder {
        /// The show named, if any.
        source: Option<SourceQuery>,
    },
    /// "what reminders do I have".
    ListReminders,
    /// "follow {source}": tell me when it goes live.
    Follow {
        /// The station, artist or show named, if any.
        source: Option<SourceQuery>,
    },
    /// "unfollow {source}".
    Unfollow {
        /// The source named, if any.
        source: Option<SourceQuery>,
    },
    /// "who do I follow".
    ListFollows,
    /// "what's on from my favourites".
    WhatsOnFavourites,
    /// "play my favourites": the followed source live now, else when the next one starts.
    PlayFavourites,
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

/// A position in the list the skill just spoke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// The n-th, 1-based ("the second one").
    Nth(usize),
    /// The last one named.
    Last,
}

/// The word for "last" in every language onair speaks, as a name slot hears it ("the last one", "l'ultimo").
fn is_last(spoken: &str) -> bool {
    const LAST: &[&str] = &[
        "last",
        "the last",
        "ultimo",
        "ultima",
        "l ultimo",
        "l ultima",
        "letzte",
        "letzten",
        "die letzte",
        "der letzte",
        "das letzte",
        "ultimo",
        "el ultimo",
        "la ultima",
        "dernier",
        "derniere",
        "le dernier",
        "la derniere",
    ];
    let folded = deunicode::deunicode(spoken)
        .to_lowercase()
        .replace(['\'', '-'], " ");
    let folded = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    LAST.contains(&folded.as_str())
}

/// A spoken name with the entity-resolution ids Alexa matched it to (dynamic authority first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceQuery {
    /// What the listener said.
    pub spoken: String,
    /// Ids from entity resolution, best first.
    pub ids: Vec<String>,
}

/// Declares the intent names onair handles, once: the [`IntentName`] enum, its wire names and [`HANDLED_INTENTS`].
/// Adding an intent is one line here plus its arm in [`Intent::parse`] (the compiler points at it).
macro_rules! intent_names {
    ($($(#[$meta:meta])* $variant:ident = $wire:literal),+ $(,)?) => {
        /// An intent name onair knows, parsed once from the request.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum IntentName {
            $($(#[$meta])* $variant,)+
        }

        impl IntentName {
            /// Every intent name the dialog handles, in the order the interaction models declare them.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The name as in the interaction model and the request.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $wire,)+
                }
            }

            /// The known intent called `name`, if any.
            #[must_use]
            pub fn parse(name: &str) -> Option<Self> {
                match name {
                    $($wire => Some(Self::$variant),)+
                    _ => None,
                }
            }
        }

        /// Every intent name the dialog handles: the contract test checks each exists in every interaction model.
        pub const HANDLED_INTENTS: &[&str] = &[$($wire),+];
    };
}

intent_names! {
    /// "play the live show from {source}".
    PlayLiveShow = "PlayLiveShowIntent",
    /// "what's on".
    WhatsOn = "WhatsOnIntent",
    /// "when is {source} live".
    WhenIs = "WhenIsIntent",
    /// "play the recording of {source} from {date}".
    PlayRecording = "PlayRecordingIntent",
    /// "the first one", or a bare name after a list.
    Choose = "ChooseIntent",
    /// "remind me when {source} goes live".
    RemindMe = "RemindMeIntent",
    /// "cancel my reminder for {source}".
    CancelReminder = "CancelReminderIntent",
    /// "what reminders do I have".
    ListReminders = "ListRemindersIntent",
    /// "follow {source}".
    Follow = "FollowIntent",
    /// "unfollow {source}".
    Unfollow = "UnfollowIntent",
    /// "who do I follow".
    ListFollows = "ListFollowsIntent",
    /// "what's on from my favourites".
    WhatsOnFavourites = "WhatsOnFavouritesIntent",
    /// "play my favourites".
    PlayFavourites = "PlayFavouritesIntent",
    /// AMAZON.PauseIntent.
    Pause = "AMAZON.PauseIntent",
    /// AMAZON.ResumeIntent.
    Resume = "AMAZON.ResumeIntent",
    /// AMAZON.StopIntent.
    Stop = "AMAZON.StopIntent",
    /// AMAZON.CancelIntent.
    Cancel = "AMAZON.CancelIntent",
    /// AMAZON.HelpIntent.
    Help = "AMAZON.HelpIntent",
    /// AMAZON.FallbackIntent.
    Fallback = "AMAZON.FallbackIntent",
    /// AMAZON.NextIntent.
    Next = "AMAZON.NextIntent",
    /// AMAZON.PreviousIntent.
    Previous = "AMAZON.PreviousIntent",
    /// AMAZON.StartOverIntent.
    StartOver = "AMAZON.StartOverIntent",
    /// AMAZON.LoopOnIntent.
    LoopOn = "AMAZON.LoopOnIntent",
    /// AMAZON.LoopOffIntent.
    LoopOff = "AMAZON.LoopOffIntent",
    /// AMAZON.ShuffleOnIntent.
    ShuffleOn = "AMAZON.ShuffleOnIntent",
    /// AMAZON.ShuffleOffIntent.
    ShuffleOff = "AMAZON.ShuffleOffIntent",
    /// AMAZON.RepeatIntent.
    Repeat = "AMAZON.RepeatIntent",
    /// AMAZON.YesIntent.
    Yes = "AMAZON.YesIntent",
    /// AMAZON.NoIntent.
    No = "AMAZON.NoIntent",
    /// AMAZON.NavigateHomeIntent.
    NavigateHome = "AMAZON.NavigateHomeIntent",
}

impl Intent {
    /// Reads the intent and its slots; never fails (an unknown name becomes [`Intent::Unknown`]).
    pub fn parse(intent: &alexa::Intent) -> Self {
        let Some(name) = IntentName::parse(&intent.name) else {
            return Self::Unknown(intent.name.clone());
        };
        match name {
            IntentName::PlayLiveShow => Self::PlayLiveShow {
                source: source_slot(intent),
            },
            IntentName::WhatsOn => Self::WhatsOn,
            IntentName::WhenIs => Self::WhenIs {
                source: source_slot(intent),
            },
            IntentName::PlayRecording => Self::PlayRecording {
                source: source_slot(intent),
                date: intent
                    .slot("date")
                    .and_then(alexa::Slot::spoken)
                    .and_then(parse_day),
            },
            IntentName::Choose => {
                let source = source_slot(intent);
                let position = intent
                    .slot("position")
                    .and_then(alexa::Slot::spoken)
                    .and_then(parse_ordinal)
                    .map(Pick::Nth);
                // AMAZON.Ordinal has no "last": "the last one" arrives as the name "last".
                match (position, source) {
                    (None, Some(query)) if is_last(&query.spoken) => Self::Choose {
                        position: Some(Pick::Last),
                        source: None,
                    },
                    (position, source) => Self::Choose { position, source },
                }
            }
            IntentName::RemindMe => Self::RemindMe {
                source: source_slot(intent),
                // Any value of the REMINDER_REPEAT slot ("every week", "weekly") means weekly.
                weekly: intent
                    .slot("repeat")
                    .and_then(alexa::Slot::spoken)
                    .is_some(),
            },
            IntentName::CancelReminder => Self::CancelReminder {
                source: source_slot(intent),
            },
            IntentName::ListReminders => Self::ListReminders,
            IntentName::Follow => Self::Follow {
                source: source_slot(intent),
            },
            IntentName::Unfollow => Self::Unfollow {
                source: source_slot(intent),
            },
            IntentName::ListFollows => Self::ListFollows,
            IntentName::WhatsOnFavourites => Self::WhatsOnFavourites,
            IntentName::PlayFavourites => Self::PlayFavourites,
            IntentName::Pause => Self::Pause,
            IntentName::Resume => Self::Resume,
            IntentName::Stop => Self::Stop,
            IntentName::Cancel => Self::Cancel,
            IntentName::Help => Self::Help,
            IntentName::Fallback => Self::Fallback,
            IntentName::Next => Self::Next,
            IntentName::Previous => Self::Previous,
            IntentName::StartOver => Self::StartOver,
            IntentName::LoopOn => Self::LoopOn,
            IntentName::LoopOff => Self::LoopOff,
            IntentName::ShuffleOn => Self::ShuffleOn,
            IntentName::ShuffleOff => Self::ShuffleOff,
            IntentName::Repeat => Self::Repeat,
            IntentName::Yes => Self::Yes,
            IntentName::No => Self::No,
            IntentName::NavigateHome => Self::NavigateHome,
        }
    }

    /// The intent's name as Alexa sends it (for logs and metrics).
    #[must_use]
    pub fn name(&self) -> &str {
        match self {
            Self::PlayLiveShow { .. } => IntentName::PlayLiveShow.as_str(),
            Self::WhatsOn => IntentName::WhatsOn.as_str(),
            Self::WhenIs { .. } => IntentName::WhenIs.as_str(),
            Self::PlayRecording { .. } => IntentName::PlayRecording.as_str(),
            Self::Choose { .. } => IntentName::Choose.as_str(),
            Self::RemindMe { .. } => IntentName::RemindMe.as_str(),
            Self::CancelReminder { .. } => IntentName::CancelReminder.as_str(),
            Self::ListReminders => IntentName::ListReminders.as_str(),
            Self::Follow { .. } => IntentName::Follow.as_str(),
            Self::Unfollow { .. } => IntentName::Unfollow.as_str(),
            Self::ListFollows => IntentName::ListFollows.as_str(),
            Self::WhatsOnFavourites => IntentName::WhatsOnFavourites.as_str(),
            Self::PlayFavourites => IntentName::PlayFavourites.as_str(),
            Self::Pause => IntentName::Pause.as_str(),
            Self::Resume => IntentName::Resume.as_str(),
            Self::Stop => IntentName::Stop.as_str(),
            Self::Cancel => IntentName::Cancel.as_str(),
            Self::Help => IntentName::Help.as_str(),
            Self::Fallback => IntentName::Fallback.as_str(),
            Self::Next => IntentName::Next.as_str(),
            Self::Previous => IntentName::Previous.as_str(),
            Self::StartOver => IntentName::StartOver.as_str(),
            Self::LoopOn => IntentName::LoopOn.as_str(),
            Self::LoopOff => IntentName::LoopOff.as_str(),
            Self::ShuffleOn => IntentName::ShuffleOn.as_str(),
            Self::ShuffleOff => IntentName::ShuffleOff.as_str(),
            Self::Repeat => IntentName::Repeat.as_str(),
            Self::Yes => IntentName::Yes.as_str(),
            Self::No => IntentName::No.as_str(),
            Self::NavigateHome => IntentName::NavigateHome.as_str(),
            Self::Unknown(name) => name,
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
