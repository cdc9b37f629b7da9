//! The locales onair speaks and understands, one row each: the phrase catalog, the interaction model and the clock
//! of every locale, and the [`Language`] whose NLU tables (invocation words, dates, built-in phrases) it shares.
//!
//! Adding a locale is its two files plus one row in [`LOCALES`]; adding a language is also one [`Language`]
//! variant, which the compiler then asks every per-language table for. Pure data: no I/O, no other module.

/// A language with its own NLU tables and phrase grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    /// English (`en-*`).
    English,
    /// Italian (`it-*`).
    Italian,
    /// German (`de-*`).
    German,
    /// Spanish (`es-*`).
    Spanish,
    /// French (`fr-*`).
    French,
}

impl Language {
    /// The language of a locale tag (`en-US`, `fr_CA`, `it`), whatever its region; `None` when onair has no tables
    /// for it.
    #[must_use]
    pub fn of(locale: &str) -> Option<Self> {
        let language = locale.split(['-', '_']).next()?.to_ascii_lowercase();
        match language.as_str() {
            "en" => Some(Self::English),
            "it" => Some(Self::Italian),
            "de" => Some(Self::German),
            "es" => Some(Self::Spanish),
            "fr" => Some(Self::French),
            _ => None,
        }
    }

    /// The one of `tables` (in the order English, Italian, German, Spanish, French) for this language.
    #[must_use]
    pub fn pick<T: ?Sized>(self, [en, it, de, es, fr]: [&'static T; 5]) -> &'static T {
        match self {
            Self::English => en,
            Self::Italian => it,
            Self::German => de,
            Self::Spanish => es,
            Self::French => fr,
        }
    }
}

/// How a locale reads a time of day aloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// "8 PM", "8:30 PM".
    TwelveHour,
    /// "20:00", "20:30".
    TwentyFourHour,
}

/// One locale onair serves.
#[derive(Debug)]
pub struct Locale {
    /// The BCP 47 tag Alexa sends (`en-US`).
    pub tag: &'static str,
    /// Its language.
    pub language: Language,
    /// How its clock is spoken.
    pub clock: Clock,
    /// Its Fluent phrase catalog (`locales/<tag>.ftl`).
    pub phrases: &'static str,
    /// The invocation name of its interaction model, which answers name ("Alexa, ask on air live to …"). Kept
    /// here so the Lambda functions neither embed nor parse the models; a test holds it equal to the model's.
    pub invocation_name: &'static str,
    /// Its interaction model (`interaction-models/<tag>.json`), for the `onair` command (NLU, lint, packaging).
    #[cfg(feature = "cli")]
    pub model: &'static str,
}

/// Every locale onair serves, the default ([`LOCALES`]`[0]`, en-US) first.
pub const LOCALES: &[Locale] = &[
    Locale {
        tag: "en-US",
        language: Language::English,
        clock: Clock::TwelveHour,
        phrases: include_str!("../locales/en-US.ftl"),
        invocation_name: "on air live",
        #[cfg(feature = "cli")]
        model: include_str!("../interaction-models/en-US.json"),
    },
    Locale {
        tag: "en-GB",
        language: Language::English,
        clock: Clock::TwelveHour,
        phrases: include_str!("../locales/en-GB.ftl"),
        invocation_name: "on air live",
        #[cfg(feature = "cli")]
        model: include_str!("../interaction-models/en-GB.json"),
    },
    Locale {
        tag: "it-IT",
        language: Language::Italian,
        clock: Clock::TwentyFourHour,
        phrases: include_str!("../locales/it-IT.ftl"),
        invocation_name: "on air live",
        #[cfg(feature = "cli")]
        model: include_str!("../interaction-models/it-IT.json"),
    },
    Locale {
        tag: "de-DE",
        language: Language::German,
        clock: Clock::TwentyFourHour,
        phrases: include_str!("../locales/de-DE.ftl"),
        invocation_name: "on air live",
        #[cfg(feature = "cli")]
        model: include_str!("../interaction-models/de-DE.json"),
    },
    Locale {
        tag: "es-ES",
        language: Language::Spanish,
        clock: Clock::TwentyFourHour,
        phrases: include_str!("../locales/es-ES.ftl"),
        invocation_name: "on air live",
        #[cfg(feature = "cli")]
        model: include_str!("../interaction-models/es-ES.json"),
    },
    Locale {
        tag: "fr-FR",
        language: Language::French,
        clock: Clock::TwentyFourHour,
        phrases: include_str!("../locales/fr-FR.ftl"),
        invocation_name: "on air live",
        #[cfg(feature = "cli")]
        model: include_str!("../interaction-models/fr-FR.json"),
    },
];

/// The row of an exact tag (`en-US`), if onair serves it.
#[must_use]
pub fn find(tag: &str) -> Option<&'static Locale> {
    LOCALES.iter().find(|locale| locale.tag == tag)
}

/// The invocation name of `tag`'s interaction model ("on air live"), which answers that tell the listener what to
/// say ("Alexa, ask on air live to play …") must use; en-US's for a tag onair does not serve.
#[must_use]
pub fn invocation_name(tag: &str) -> String {
    find(tag).unwrap_or(&LOCALES[0]).invocation_name.to_owned()
}

/// Every tag onair serves, in [`LOCALES`] order.
pub fn tags() -> impl Iterator<Item = &'static str> {
    LOCALES.iter().map(|locale| locale.tag)
}

#[cfg(test)]
mod tests {
    use super::{LOCALES, Language, find};

    #[test]
    fn every_row_is_found_by_its_tag_and_speaks_its_tag_language() {
        for locale in LOCALES {
            assert_eq!(find(locale.tag).map(|l| l.tag), Some(locale.tag));
            assert_eq!(Language::of(locale.tag), Some(locale.language));
        }
        assert_eq!(Language::of("fr_CA"), Some(Language::French));
        assert_eq!(Language::of("pt-BR"), None);
    }

    #[test]
    fn every_invocation_name_is_the_one_its_interaction_model_declares() {
        for locale in LOCALES {
            let path = format!(
                "{}/interaction-models/{}.json",
                env!("CARGO_MANIFEST_DIR"),
                locale.tag
            );
            let model: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            assert_eq!(
                model
                    .pointer("/interactionModel/languageModel/invocationName")
                    .and_then(serde_json::Value::as_str),
                Some(locale.invocation_name),
                "{path}"
            );
        }
    }
}
