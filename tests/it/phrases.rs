//! The phrase corpus (`tests/fixtures/phrases/<locale>.json`): what native speakers say to a smart speaker reaches
//! the intent and slots the skill expects, through each locale's interaction model and the offline NLU.
//!
//! The corpus is data, so a phrase a tester finds wrong on a device is one line to add. Every phrase is checked and
//! every failure reported at once (locale, phrase, expected, got), so growing a model is one run per round.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use chrono::{Days, NaiveDate, TimeZone, Utc};
use onair::interaction_model::{
    DynamicName, InteractionModelFile, LIVE_SOURCE_TYPE, LanguageModel, Nlu, Understood,
};
use onair::schedule::{Lineup, source_key};
use serde::Deserialize;

const LOCALES: &[&str] = &["en-US", "en-GB", "it-IT", "de-DE", "es-ES", "fr-FR"];

/// The custom intents, each of which needs [`MIN_PER_INTENT`] phrasings per locale.
const CUSTOM_INTENTS: &[&str] = &[
    "PlayLiveShowIntent",
    "WhatsOnIntent",
    "WhenIsIntent",
    "PlayRecordingIntent",
    "ChooseIntent",
];

/// Fewer than this and a locale's corpus says too little about how people ask.
const MIN_PER_INTENT: usize = 15;

/// The reminder intents, newer, each with at least [`MIN_PER_REMINDER_INTENT`] phrasings per locale.
const REMINDER_INTENTS: &[&str] = &[
    "RemindMeIntent",
    "CancelReminderIntent",
    "ListRemindersIntent",
];

/// Fewer than this and a locale's corpus says too little about how people ask for reminders.
const MIN_PER_REMINDER_INTENT: usize = 5;

/// The built-in intents every locale's corpus covers with a few phrasings.
const BUILT_IN_INTENTS: &[&str] = &[
    "AMAZON.StopIntent",
    "AMAZON.PauseIntent",
    "AMAZON.ResumeIntent",
    "AMAZON.HelpIntent",
    "AMAZON.NextIntent",
    "AMAZON.YesIntent",
    "AMAZON.NoIntent",
];

/// One locale's corpus file.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Corpus {
    /// The locale, which must match the file name.
    locale: String,
    /// The day `AMAZON.DATE` resolves from.
    today: NaiveDate,
    /// Why the file is as it is; not read.
    #[serde(default, rename = "_comment")]
    _comment: Vec<String>,
    /// Names a station's own schedule would push as dynamic entities, on top of the demo lineup's: names no model
    /// knows.
    #[serde(default)]
    extra_names: Vec<ExtraName>,
    /// The phrases and what each must give.
    phrases: Vec<Phrase>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExtraName {
    id: String,
    name: String,
}

/// One phrase and the intent and slots Alexa should send for it. Slots not named must stay empty.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Phrase {
    say: String,
    intent: String,
    #[serde(default)]
    source: Option<ExpectedSource>,
    /// `YYYY-MM-DD`, as Alexa resolves the words (a bare weekday is the coming one).
    #[serde(default)]
    date: Option<String>,
    /// The ordinal as Alexa fills `AMAZON.Ordinal`: "the second one" is 2.
    #[serde(default)]
    position: Option<u32>,
    /// The `REMINDER_REPEAT` id entity resolution matched ("every week" is `weekly`).
    #[serde(default)]
    repeat: Option<String>,
}

/// What the `source` slot must hold.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum ExpectedSource {
    /// Entity resolution matched this id (a source key).
    Resolved(String),
    /// The words were heard but match no name (`ER_SUCCESS_NO_MATCH`): the skill matches them itself.
    Unmatched {
        /// The slot value, normalized as the NLU hears it.
        unmatched: String,
    },
}

fn load(locale: &str) -> Corpus {
    let path = format!(
        "{}/tests/fixtures/phrases/{locale}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let corpus: Corpus = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(corpus.locale, locale, "{path}");
    corpus
}

/// The locale's model as the file holds it now (read at run time, so growing a model needs no rebuild).
fn model(locale: &str) -> LanguageModel {
    let path = format!(
        "{}/interaction-models/{locale}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    InteractionModelFile::from_json(&text)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .interaction_model
        .language_model
}

/// The NLU as `onair say` builds it: the locale's model, plus the demo lineup's names as dynamic entities, plus the
/// corpus's own station names.
fn nlu(locale: &str, corpus: &Corpus) -> Nlu {
    let model = model(locale);
    let from = Utc.with_ymd_and_hms(2026, 11, 16, 0, 0, 0).unwrap();
    let mut dynamic: Vec<DynamicName> = Lineup::demo()
        .window(from, from + Days::new(8))
        .spoken_names()
        .into_iter()
        .map(|name| DynamicName {
            id: name.key,
            name: name.name,
            synonyms: Vec::new(),
        })
        .collect();
    dynamic.extend(corpus.extra_names.iter().map(|name| DynamicName {
        id: name.id.clone(),
        name: name.name.clone(),
        synonyms: Vec::new(),
    }));
    Nlu::new(locale, &model, &dynamic).unwrap_or_else(|e| panic!("{locale}: {e}"))
}

/// What the NLU gave, in the corpus's terms, for a failure message.
fn describe(understood: &Understood) -> String {
    let mut text = understood.intent.clone();
    for (name, slot) in &understood.slots {
        let _ = write!(text, " {name}=");
        match &slot.resolution {
            Some(r) if r.status_match => {
                let _ = write!(text, "{}", r.id);
            }
            Some(_) => {
                let _ = write!(text, "unmatched({:?})", slot.value);
            }
            None => {
                let _ = write!(text, "{}", slot.value);
            }
        }
    }
    text
}

fn describe_expected(phrase: &Phrase) -> String {
    let mut text = phrase.intent.clone();
    match &phrase.source {
        Some(ExpectedSource::Resolved(id)) => {
            let _ = write!(text, " source={id}");
        }
        Some(ExpectedSource::Unmatched { unmatched }) => {
            let _ = write!(text, " source=unmatched({unmatched:?})");
        }
        None => {}
    }
    if let Some(date) = &phrase.date {
        let _ = write!(text, " date={date}");
    }
    if let Some(position) = phrase.position {
        let _ = write!(text, " position={position}");
    }
    if let Some(repeat) = &phrase.repeat {
        let _ = write!(text, " repeat={repeat}");
    }
    text
}

fn matches(phrase: &Phrase, understood: &Understood) -> bool {
    if understood.intent != phrase.intent {
        return false;
    }
    let mut expected = BTreeSet::new();
    let source_ok = match &phrase.source {
        None => true,
        Some(wanted) => {
            expected.insert("source");
            understood.slots.get("source").is_some_and(|slot| {
                let resolution = slot.resolution.as_ref();
                match wanted {
                    ExpectedSource::Resolved(id) => {
                        resolution.is_some_and(|r| r.status_match && r.id == *id)
                    }
                    ExpectedSource::Unmatched { unmatched } => {
                        resolution.is_some_and(|r| !r.status_match) && slot.value == *unmatched
                    }
                }
            })
        }
    };
    let date_ok = phrase.date.as_deref().is_none_or(|date| {
        expected.insert("date");
        understood.slot_value("date") == Some(date)
    });
    let position_ok = phrase.position.is_none_or(|position| {
        expected.insert("position");
        understood.slot_value("position") == Some(position.to_string().as_str())
    });
    let repeat_ok = phrase.repeat.as_deref().is_none_or(|repeat| {
        expected.insert("repeat");
        understood.slots.get("repeat").is_some_and(|slot| {
            slot.resolution
                .as_ref()
                .is_some_and(|r| r.status_match && r.id == repeat)
        })
    });
    let filled: BTreeSet<&str> = understood.slots.keys().map(String::as_str).collect();
    source_ok && date_ok && position_ok && repeat_ok && filled == expected
}

#[test]
fn every_phrase_of_every_locale_reaches_its_intent_and_slots() {
    let mut failures = Vec::new();
    let mut total = 0;
    for locale in LOCALES {
        let corpus = load(locale);
        let nlu = nlu(locale, &corpus);
        let mut seen = BTreeSet::new();
        for phrase in &corpus.phrases {
            total += 1;
            if !seen.insert(phrase.say.as_str()) {
                failures.push(format!("{locale}: {:?} is listed twice", phrase.say));
                continue;
            }
            let understood = nlu.understand(&phrase.say, corpus.today);
            if !matches(phrase, &understood) {
                failures.push(format!(
                    "{locale}: {:?}\n    expected {}\n    got      {}",
                    phrase.say,
                    describe_expected(phrase),
                    describe(&understood)
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} phrases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_locale_has_enough_phrasings_of_every_intent() {
    let mut short = Vec::new();
    for locale in LOCALES {
        let corpus = load(locale);
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for phrase in &corpus.phrases {
            *counts.entry(phrase.intent.as_str()).or_default() += 1;
        }
        for intent in CUSTOM_INTENTS {
            let count = counts.get(intent).copied().unwrap_or(0);
            if count < MIN_PER_INTENT {
                short.push(format!("{locale} {intent}: {count} < {MIN_PER_INTENT}"));
            }
        }
        for intent in REMINDER_INTENTS {
            let count = counts.get(intent).copied().unwrap_or(0);
            if count < MIN_PER_REMINDER_INTENT {
                short.push(format!(
                    "{locale} {intent}: {count} < {MIN_PER_REMINDER_INTENT}"
                ));
            }
        }
        for intent in BUILT_IN_INTENTS {
            if !counts.contains_key(intent) {
                short.push(format!("{locale} {intent}: none"));
            }
        }
    }
    assert!(short.is_empty(), "{}", short.join("\n"));
}

#[test]
fn bare_names_answering_which_one_choose_by_name_in_every_locale() {
    // The answer to "which one did you mean?" is often the name alone: every corpus must pin that down, for a name
    // the model knows and for one only the station's schedule knows.
    for locale in LOCALES {
        let corpus = load(locale);
        let choose_by_name: Vec<&Phrase> = corpus
            .phrases
            .iter()
            .filter(|p| p.intent == "ChooseIntent" && p.source.is_some())
            .collect();
        assert!(
            choose_by_name.len() >= 5,
            "{locale}: {} bare-name answers",
            choose_by_name.len()
        );
        let extra: BTreeSet<&str> = corpus.extra_names.iter().map(|n| n.id.as_str()).collect();
        let known: BTreeSet<String> = model(locale)
            .slot_type(LIVE_SOURCE_TYPE)
            .map(|slot_type| {
                slot_type
                    .values
                    .iter()
                    .flat_map(|value| {
                        std::iter::once(&value.name.value).chain(&value.name.synonyms)
                    })
                    .map(|name| source_key(name))
                    .collect()
            })
            .unwrap_or_default();
        for name in &corpus.extra_names {
            assert!(
                !known.contains(&source_key(&name.name)),
                "{locale}: {} is in the model, so it tests nothing dynamic",
                name.name
            );
        }
        assert!(
            choose_by_name.iter().any(|p| matches!(
                &p.source,
                Some(ExpectedSource::Resolved(id)) if extra.contains(id.as_str())
            )),
            "{locale}: no answer names a station-only name"
        );
    }
}
