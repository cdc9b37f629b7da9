//! The offline NLU behind `onair say`: typed text in, the intent and slots Alexa would send out.
//!
//! It imitates Alexa with the model's own samples and slot values, not with machine learning: good enough to drive
//! the skill from a terminal and to test that the model says what the code expects, and deterministic.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use super::built_in_phrases::built_in_phrases;
use super::model::LanguageModel;
use super::sample::{Capture, Sample};
use super::slot_catalog::{Lookup, SlotCatalog};
pub use super::slot_resolution::{AuthorityKind, DynamicName, SlotResolution};
use super::spoken_date::DateWords;
use super::utterance::{InvocationWords, Request, match_key};
use super::{FALLBACK_INTENT, LIVE_SOURCE_TYPE, NluError};

const DATE_TYPE: &str = "AMAZON.DATE";
const ORDINAL_TYPE: &str = "AMAZON.Ordinal";

/// A slot the utterance filled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FilledSlot {
    /// The slot name.
    pub name: String,
    /// What was said (normalized), or for `AMAZON.DATE` the resolved `YYYY-MM-DD` and for `AMAZON.Ordinal` the
    /// number, as in Alexa's `slot.value`.
    pub value: String,
    /// Entity resolution, for custom slot types only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution: Option<SlotResolution>,
}

/// What the NLU understood: the intent Alexa would send and its filled slots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Understood {
    /// The intent name, `AMAZON.FallbackIntent` when nothing matched.
    pub intent: String,
    /// Filled slots by slot name; slots the utterance did not fill are absent.
    pub slots: BTreeMap<String, FilledSlot>,
}

impl Understood {
    fn fallback() -> Self {
        Self {
            intent: FALLBACK_INTENT.to_owned(),
            slots: BTreeMap::new(),
        }
    }

    /// The value of slot `name`, if filled.
    #[must_use]
    pub fn slot_value(&self, name: &str) -> Option<&str> {
        self.slots.get(name).map(|slot| slot.value.as_str())
    }
}

#[derive(Debug)]
struct CompiledIntent {
    name: String,
    /// Slot name → slot type.
    slot_types: HashMap<String, String>,
    samples: Vec<Sample>,
}

/// An utterance matcher for one locale's language model.
#[derive(Debug)]
pub struct Nlu {
    invocation_name: String,
    words: &'static InvocationWords,
    dates: &'static DateWords,
    intents: Vec<CompiledIntent>,
    /// Built-in phrase (match form) → intent, for the built-ins the model declares.
    built_ins: HashMap<String, String>,
    /// Custom slot type → its names.
    catalogs: HashMap<String, SlotCatalog>,
}

/// How well one filling of one sample fits; compared field by field, larger is better.
#[derive(Debug, PartialEq, PartialOrd)]
struct Fit {
    /// Custom slots whose words resolve to nothing: a carrier phrase around a known name beats one around noise.
    unresolved: Reverse<usize>,
    /// Slots resolved exactly (names, synonyms, dates).
    exact: usize,
    /// Literal words of the sample: "play the live show from {source}" beats "play {source}".
    literals: usize,
    /// Summed fuzzy scores of fuzzily resolved slots.
    fuzzy: f64,
    /// Earlier intents and samples of the model win remaining ties, so results never depend on hashing.
    order: Reverse<usize>,
}

impl Nlu {
    /// The matcher for `model` in `locale`, with `dynamic_names` added to the `LIVE_SOURCE` slot type.
    ///
    /// The model is taken as it is: a sample referencing a slot its intent does not declare never matches
    /// (`onair lint` reports it).
    ///
    /// # Errors
    /// Returns [`NluError::UnsupportedLocale`] when the locale has no phrase tables yet.
    pub fn new(
        locale: &str,
        model: &LanguageModel,
        dynamic_names: &[DynamicName],
    ) -> Result<Self, NluError> {
        let unsupported = || NluError::UnsupportedLocale {
            locale: locale.to_owned(),
        };
        let words = InvocationWords::for_locale(locale).ok_or_else(unsupported)?;
        let dates = DateWords::for_locale(locale).ok_or_else(unsupported)?;
        let phrase_table = built_in_phrases(locale).ok_or_else(unsupported)?;

        let intents = model
            .intents
            .iter()
            .map(|intent| CompiledIntent {
                name: intent.name.clone(),
                slot_types: intent
                    .slots
                    .iter()
                    .map(|slot| (slot.name.clone(), slot.slot_type.clone()))
                    .collect(),
                samples: intent
                    .samples
                    .iter()
                    .map(|sample| Sample::compile(&words.sample_form(sample)))
                    .collect(),
            })
            .collect();

        let built_ins = phrase_table
            .iter()
            .filter(|table| model.intent(table.intent).is_some())
            .flat_map(|table| {
                table.phrases.iter().map(|phrase| {
                    let phrase = words.expand_elisions(phrase);
                    (match_key(&phrase), table.intent.to_owned())
                })
            })
            .collect();

        let mut catalogs: HashMap<String, SlotCatalog> = model
            .types
            .iter()
            .map(|slot_type| {
                (
                    slot_type.name.clone(),
                    SlotCatalog::from_type(slot_type, words),
                )
            })
            .collect();
        if !dynamic_names.is_empty() {
            // Alexa would reject an update for a type the model lacks; offline, the names still help.
            catalogs
                .entry(LIVE_SOURCE_TYPE.to_owned())
                .or_default()
                .add_dynamic(dynamic_names, words);
        }

        Ok(Self {
            invocation_name: model.invocation_name.clone(),
            words,
            dates,
            intents,
            built_ins,
            catalogs,
        })
    }

    /// The invocation name of the model this matcher was built from.
    #[must_use]
    pub fn invocation_name(&self) -> &str {
        &self.invocation_name
    }

    /// Whether the utterance only names the skill ("alexa, open on air live"), which Alexa sends as a
    /// `LaunchRequest` rather than an intent.
    #[must_use]
    pub fn is_launch(&self, utterance: &str) -> bool {
        self.words.request(utterance, &self.invocation_name) == Request::Launch
    }

    /// What Alexa would make of `utterance` on `today` (the date `AMAZON.DATE` slots resolve from).
    ///
    /// A wake word and an invocation phrase around the request ("alexa, ask on air live to …") are ignored. Samples
    /// without slots must match word for word and come first, then the built-in intents' phrases, then samples
    /// with slots, best fit first (see `Fit`). Nothing matching gives `AMAZON.FallbackIntent`, as on a device.
    #[must_use]
    pub fn understand(&self, utterance: &str, today: NaiveDate) -> Understood {
        let Request::Words(words) = self.words.request(utterance, &self.invocation_name) else {
            return Understood::fallback();
        };
        let keys: Vec<String> = words.iter().map(|word| match_key(word)).collect();
        if keys.is_empty() {
            return Understood::fallback();
        }

        let literal = self.intents.iter().find(|intent| {
            intent
                .samples
                .iter()
                .any(|sample| sample.is_literal() && !sample.fillings(&keys).is_empty())
        });
        if let Some(intent) = literal {
            return Understood {
                intent: intent.name.clone(),
                slots: BTreeMap::new(),
            };
        }
        if let Some(intent) = self.built_ins.get(&keys.join(" ")) {
            return Understood {
                intent: intent.clone(),
                slots: BTreeMap::new(),
            };
        }

        let mut best: Option<(Fit, Understood)> = None;
        let mut order = 0;
        for intent in &self.intents {
            for sample in intent.samples.iter().filter(|sample| !sample.is_literal()) {
                order += 1;
                for captures in sample.fillings(&keys) {
                    let Some((mut fit, slots)) = self.fill(intent, &captures, &words, &keys, today)
                    else {
                        continue;
                    };
                    // A sample that is only a slot ("{source}", the bare answer to "which one?") would take any
                    // words at all; Alexa only sends it for words that sound like one of the slot's values.
                    if sample.literal_count() == 0 && fit.unresolved.0 > 0 {
                        continue;
                    }
                    fit.literals = sample.literal_count();
                    fit.order = Reverse(order);
                    if best.as_ref().is_none_or(|(top, _)| fit > *top) {
                        best = Some((
                            fit,
                            Understood {
                                intent: intent.name.clone(),
                                slots,
                            },
                        ));
                    }
                }
            }
        }
        best.map_or_else(Understood::fallback, |(_, understood)| understood)
    }

    /// Fills the slots of one way the words fit a sample, or `None` when a slot cannot take its words (a date or
    /// ordinal slot given words that are not one).
    fn fill(
        &self,
        intent: &CompiledIntent,
        captures: &[Capture<'_>],
        words: &[String],
        keys: &[String],
        today: NaiveDate,
    ) -> Option<(Fit, BTreeMap<String, FilledSlot>)> {
        let mut fit = Fit {
            unresolved: Reverse(0),
            exact: 0,
            literals: 0,
            fuzzy: 0.0,
            order: Reverse(0),
        };
        let mut slots = BTreeMap::new();
        for capture in captures {
            let slot_type = intent.slot_types.get(capture.slot)?;
            let spoken = words[capture.words.clone()].join(" ");
            let (value, resolution) = if slot_type == DATE_TYPE {
                let date_words: Vec<&str> = keys[capture.words.clone()]
                    .iter()
                    .map(String::as_str)
                    .collect();
                let date = self.dates.resolve(&date_words, today)?;
                fit.exact += 1;
                (date.format("%Y-%m-%d").to_string(), None)
            } else if slot_type == ORDINAL_TYPE {
                // Alexa fills AMAZON.Ordinal with digits: "the second one" arrives as "2".
                let ordinal_words: Vec<&str> = keys[capture.words.clone()]
                    .iter()
                    .map(String::as_str)
                    .collect();
                let number = self.dates.ordinal(&ordinal_words)?;
                fit.exact += 1;
                (number.to_string(), None)
            } else if let Some(catalog) = self.catalogs.get(slot_type) {
                let resolution = match catalog.resolve(&spoken, self.words) {
                    Lookup::Exact(resolution) => {
                        fit.exact += 1;
                        resolution
                    }
                    Lookup::Fuzzy(resolution, score) => {
                        fit.fuzzy += score;
                        resolution
                    }
                    Lookup::NoMatch => {
                        // An empty catalog cannot tell noise from names, and part of a name ("radio 3" for "BBC
                        // Radio 3") is still a name: neither counts against the fit.
                        if !catalog.is_empty() && !catalog.mentions(&spoken, self.words) {
                            fit.unresolved.0 += 1;
                        }
                        SlotResolution {
                            authority: AuthorityKind::Static,
                            status_match: false,
                            id: String::new(),
                            name: String::new(),
                        }
                    }
                };
                (spoken, Some(resolution))
            } else {
                // Other built-in types (AMAZON.SearchQuery, …): the words as heard, no entity resolution.
                (spoken, None)
            };
            let name = capture.slot.to_owned();
            slots.insert(
                name.clone(),
                FilledSlot {
                    name,
                    value,
                    resolution,
                },
            );
        }
        Some((fit, slots))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interaction_model::InteractionModelFile;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn model() -> LanguageModel {
        let text = r#"{"interactionModel":{"languageModel":{"invocationName":"on air live","intents":[
            {"name":"PlayLiveShowIntent","slots":[{"name":"source","type":"LIVE_SOURCE"}],
             "samples":["play {source}","play the live show from {source}","play {source} live","play something live"]},
            {"name":"PlayRecordingIntent","slots":[{"name":"source","type":"LIVE_SOURCE"},{"name":"date","type":"AMAZON.DATE"}],
             "samples":["play {source} from {date}"]},
            {"name":"WhatsOnIntent","samples":["what's next"]},
            {"name":"AMAZON.NextIntent","samples":[]},
            {"name":"AMAZON.StopIntent","samples":[]}],
            "types":[{"name":"LIVE_SOURCE","values":[
                {"id":"radio-uno","name":{"value":"Radio Uno"}},
                {"id":"jazz-cafe-live","name":{"value":"Jazz Cafe Live"}}]}]}}}"#;
        InteractionModelFile::from_json(text)
            .unwrap()
            .interaction_model
            .language_model
    }

    fn nlu() -> Nlu {
        Nlu::new("en-US", &model(), &[]).unwrap()
    }

    #[test]
    fn the_most_specific_sample_fills_the_slot() {
        let understood = nlu().understand("Play the live show from Radio Uno", today());
        assert_eq!(understood.intent, "PlayLiveShowIntent");
        assert_eq!(understood.slot_value("source"), Some("radio uno"));
    }

    #[test]
    fn a_known_name_wins_over_a_carrier_word_inside_it() {
        // "play {source} live" would capture "jazz cafe", which is no name; "play {source}" captures the real one.
        let understood = nlu().understand("play jazz cafe live", today());
        let source = &understood.slots["source"];
        assert_eq!(source.value, "jazz cafe live");
        assert_eq!(
            source.resolution.as_ref().map(|r| r.id.as_str()),
            Some("jazz-cafe-live")
        );
    }

    #[test]
    fn slotless_samples_beat_built_ins_and_built_ins_beat_slots() {
        let nlu = nlu();
        assert_eq!(
            nlu.understand("what's next", today()).intent,
            "WhatsOnIntent"
        );
        assert_eq!(nlu.understand("next", today()).intent, "AMAZON.NextIntent");
        assert_eq!(
            nlu.understand("play something live", today()).slots.len(),
            0
        );
    }

    #[test]
    fn built_ins_the_model_does_not_declare_fall_back() {
        assert_eq!(nlu().understand("pause", today()).intent, FALLBACK_INTENT);
    }

    #[test]
    fn a_date_slot_only_takes_dates() {
        let nlu = nlu();
        let understood = nlu.understand("play radio uno from yesterday", today());
        assert_eq!(understood.intent, "PlayRecordingIntent");
        assert_eq!(understood.slot_value("date"), Some("2026-11-21"));
        assert_eq!(understood.slot_value("source"), Some("radio uno"));
        let live = nlu.understand("play radio uno from paris", today());
        assert_eq!(live.intent, "PlayLiveShowIntent");
        assert_eq!(
            live.slots["source"]
                .resolution
                .as_ref()
                .map(|r| r.status_match),
            Some(false)
        );
    }

    #[test]
    fn naming_only_the_skill_is_a_launch_not_an_intent() {
        let nlu = nlu();
        assert!(nlu.is_launch("Alexa, open on air live"));
        assert!(!nlu.is_launch("ask on air live to stop"));
        assert_eq!(
            nlu.understand("ask on air live to stop", today()).intent,
            "AMAZON.StopIntent"
        );
    }

    #[test]
    fn a_sample_with_an_undeclared_slot_never_matches() {
        let mut broken = model();
        broken.intents[0]
            .samples
            .push("put on {station}".to_owned());
        let nlu = Nlu::new("en-US", &broken, &[]).unwrap();
        assert_eq!(
            nlu.understand("put on radio uno", today()).intent,
            FALLBACK_INTENT
        );
    }

    #[test]
    fn locales_without_phrase_tables_are_refused() {
        let error = Nlu::new("xx-XX", &model(), &[]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the offline nlu does not support locale xx-XX yet"
        );
    }

    #[test]
    fn authority_strings_follow_alexa() {
        assert_eq!(
            AuthorityKind::Dynamic.authority("amzn1.ask.skill.1", "LIVE_SOURCE"),
            "amzn1.er-authority.echo-sdk.dynamic.amzn1.ask.skill.1.LIVE_SOURCE"
        );
        assert_eq!(
            AuthorityKind::Static.authority("amzn1.ask.skill.1", "LIVE_SOURCE"),
            "amzn1.er-authority.echo-sdk.amzn1.ask.skill.1.LIVE_SOURCE"
        );
    }
}
