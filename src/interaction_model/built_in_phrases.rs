//! What people say for Amazon's built-in intents, per locale.
//!
//! Built-in intents carry no samples in the model (Alexa trains them itself), so the offline NLU needs its own list.
//! It is a reasonable subset of what a device understands, not Amazon's list, which is not published.

/// The phrases that map to one built-in intent.
#[derive(Debug)]
pub struct BuiltInPhrases {
    /// The intent, e.g. `AMAZON.PauseIntent`.
    pub intent: &'static str,
    /// Normalized phrases (lowercase, no punctuation but apostrophes) that trigger it.
    pub phrases: &'static [&'static str],
}

const EN: &[BuiltInPhrases] = &[
    BuiltInPhrases {
        intent: "AMAZON.PauseIntent",
        phrases: &[
            "pause",
            "pause it",
            "pause the music",
            "pause the show",
            "pause playback",
            "hold on",
            "hold it",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.ResumeIntent",
        phrases: &[
            "resume",
            "continue",
            "unpause",
            "resume playback",
            "resume the show",
            "continue playing",
            "keep playing",
            "carry on",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.StopIntent",
        phrases: &[
            "stop",
            "stop it",
            "stop playing",
            "stop the music",
            "stop the show",
            "off",
            "turn it off",
            "shut up",
            "be quiet",
            "enough",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.CancelIntent",
        phrases: &[
            "cancel",
            "cancel that",
            "never mind",
            "nevermind",
            "forget it",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.HelpIntent",
        phrases: &[
            "help",
            "help me",
            "what can i say",
            "what can you do",
            "how does this work",
            "i need help",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.NextIntent",
        phrases: &[
            "next",
            "skip",
            "skip this",
            "skip it",
            "next one",
            "next song",
            "next track",
            "play the next one",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.PreviousIntent",
        phrases: &[
            "previous",
            "go back",
            "back",
            "previous one",
            "previous song",
            "previous track",
            "play the last one",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.StartOverIntent",
        phrases: &[
            "start over",
            "restart",
            "start from the beginning",
            "play from the beginning",
            "from the top",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.LoopOnIntent",
        phrases: &[
            "loop",
            "loop on",
            "loop this",
            "turn on loop",
            "turn loop on",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.LoopOffIntent",
        phrases: &["loop off", "turn off loop", "turn loop off", "stop looping"],
    },
    BuiltInPhrases {
        intent: "AMAZON.ShuffleOnIntent",
        phrases: &[
            "shuffle",
            "shuffle on",
            "turn on shuffle",
            "turn shuffle on",
            "shuffle the music",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.ShuffleOffIntent",
        phrases: &[
            "shuffle off",
            "turn off shuffle",
            "turn shuffle off",
            "stop shuffling",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.RepeatIntent",
        phrases: &[
            "repeat",
            "repeat that",
            "say that again",
            "again",
            "come again",
            "what did you say",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.YesIntent",
        phrases: &[
            "yes",
            "yeah",
            "yep",
            "yup",
            "sure",
            "ok",
            "okay",
            "yes please",
            "of course",
            "go ahead",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.NoIntent",
        phrases: &["no", "nope", "nah", "no thanks", "no thank you", "not now"],
    },
    BuiltInPhrases {
        intent: "AMAZON.NavigateHomeIntent",
        phrases: &["go home", "home", "go to the home screen", "home screen"],
    },
];

/// The built-in phrase table of `locale`, or `None` when the locale is not supported yet.
///
/// English locales share one table: Alexa's built-ins accept the same phrases in each.
#[must_use]
pub fn built_in_phrases(locale: &str) -> Option<&'static [BuiltInPhrases]> {
    match locale {
        "en-US" | "en-GB" | "en-CA" | "en-AU" | "en-IN" => Some(EN),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::interaction_model::utterance::normalize;

    #[test]
    fn every_phrase_is_normalized_and_maps_to_one_intent() {
        let mut seen = BTreeMap::new();
        for table in EN {
            assert!(table.intent.starts_with("AMAZON."), "{}", table.intent);
            for phrase in table.phrases {
                assert_eq!(&normalize(phrase), phrase, "phrases are stored normalized");
                if let Some(other) = seen.insert(*phrase, table.intent) {
                    panic!("{phrase:?} maps to {other} and {}", table.intent);
                }
            }
        }
    }

    #[test]
    fn only_supported_locales_have_a_table() {
        assert!(built_in_phrases("en-US").is_some_and(|table| table.len() >= 16));
        assert!(built_in_phrases("it-IT").is_none());
    }
}
