//! The en-US interaction model and the offline NLU together: what a tester types reaches the intent the model means.

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate, TimeZone, Utc};
use onair::interaction_model::{
    AuthorityKind, DynamicName, FALLBACK_INTENT, InteractionModelFile, LIVE_SOURCE_TYPE,
    LanguageModel, Nlu, SkillManifestFile, Understood, slot_references,
};
use onair::schedule::{Lineup, SourceMatch, source_key};

/// A Sunday; "yesterday" is 2026-11-21.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn model() -> LanguageModel {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/interaction-models/en-US.json"
    ))
    .expect("the en-US model is readable");
    InteractionModelFile::from_json(&text)
        .expect("the en-US model parses")
        .interaction_model
        .language_model
}

fn nlu() -> Nlu {
    Nlu::new("en-US", &model(), &[]).expect("en-US is supported")
}

fn understand(text: &str) -> Understood {
    nlu().understand(text, today())
}

fn custom_intents(
    model: &LanguageModel,
) -> impl Iterator<Item = &onair::interaction_model::IntentDef> {
    model.intents.iter().filter(|intent| !intent.is_built_in())
}

#[test]
fn the_model_file_declares_every_slot_its_samples_use() {
    let model = model();
    assert_eq!(model.invocation_name, "on air live");
    for intent in custom_intents(&model) {
        for sample in &intent.samples {
            for slot in slot_references(sample) {
                let declared = intent
                    .slot(slot)
                    .unwrap_or_else(|| panic!("{}: {sample:?} uses {slot}", intent.name));
                let built_in = declared.slot_type.starts_with("AMAZON.");
                assert!(
                    built_in || model.slot_type(&declared.slot_type).is_some(),
                    "{}",
                    declared.slot_type
                );
            }
        }
    }
}

#[test]
fn the_model_has_the_intents_testers_depend_on() {
    let model = model();
    let names: BTreeSet<&str> = model
        .intents
        .iter()
        .map(|intent| intent.name.as_str())
        .collect();
    let required = onair::skill::intent::HANDLED_INTENTS;
    let missing: Vec<_> = required
        .iter()
        .filter(|name| !names.contains(*name))
        .collect();
    assert!(missing.is_empty(), "missing intents {missing:?}");

    let play = model.intent("PlayLiveShowIntent").unwrap();
    assert_eq!(
        play.slot("source").map(|slot| slot.slot_type.as_str()),
        Some(LIVE_SOURCE_TYPE)
    );
    let recording = model.intent("PlayRecordingIntent").unwrap();
    assert_eq!(
        recording.slot("date").map(|slot| slot.slot_type.as_str()),
        Some("AMAZON.DATE")
    );
    let when = model.intent("WhenIsIntent").unwrap();
    assert_eq!(
        when.slot("source").map(|slot| slot.slot_type.as_str()),
        Some(LIVE_SOURCE_TYPE)
    );
}

#[test]
fn samples_are_plentiful_plain_and_unique_across_intents() {
    let model = model();
    let mut seen = BTreeSet::new();
    for intent in &model.intents {
        if intent.is_built_in() {
            assert!(intent.samples.is_empty(), "{} has samples", intent.name);
            continue;
        }
        assert!(
            intent.samples.len() >= 8,
            "{} has only {} samples",
            intent.name,
            intent.samples.len()
        );
        for sample in &intent.samples {
            let plain = sample
                .chars()
                .all(|c| c.is_ascii_lowercase() || " '{}".contains(c));
            assert!(plain, "{sample:?} has characters Alexa rejects");
            assert!(seen.insert(sample.as_str()), "{sample:?} appears twice");
        }
    }
    let recording = model.intent("PlayRecordingIntent").unwrap();
    for slot in ["source", "date"] {
        assert!(
            recording
                .samples
                .iter()
                .any(|sample| slot_references(sample).any(|s| s == slot)),
            "{slot} unused"
        );
    }
    // The date is optional: some recording samples name only the show.
    assert!(
        recording
            .samples
            .iter()
            .any(|sample| slot_references(sample).all(|s| s != "date"))
    );
}

#[test]
fn every_custom_sample_maps_back_to_its_own_intent_with_its_slots_filled() {
    let model = model();
    let nlu = nlu();
    for intent in custom_intents(&model) {
        for sample in &intent.samples {
            for (name, id) in [
                ("radio uno", "radio-uno"),
                ("the night owls", "night-owls"),
                ("bass & beats", "bass-and-beats"),
            ] {
                let utterance = sample
                    .replace("{source}", name)
                    .replace("{date}", "yesterday")
                    .replace("{position}", "second");
                let understood = nlu.understand(&utterance, today());
                assert_eq!(understood.intent, intent.name, "{utterance:?}");
                let expected: BTreeSet<&str> = slot_references(sample).collect();
                let filled: BTreeSet<&str> = understood.slots.keys().map(String::as_str).collect();
                assert_eq!(filled, expected, "{utterance:?}");
                if let Some(source) = understood.slots.get("source") {
                    let resolution = source
                        .resolution
                        .as_ref()
                        .expect("a custom slot has a resolution");
                    assert!(resolution.status_match, "{utterance:?}");
                    assert_eq!(resolution.id, id, "{utterance:?}");
                    assert_eq!(resolution.authority, AuthorityKind::Static);
                }
                if expected.contains("date") {
                    assert_eq!(
                        understood.slot_value("date"),
                        Some("2026-11-21"),
                        "{utterance:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_misheard_name_resolves_fuzzily_to_the_static_value() {
    let understood = understand("play the live show from radio unno");
    assert_eq!(understood.intent, "PlayLiveShowIntent");
    let source = &understood.slots["source"];
    assert_eq!(source.value, "radio unno");
    let resolution = source.resolution.as_ref().unwrap();
    assert_eq!(
        (resolution.authority, resolution.status_match),
        (AuthorityKind::Static, true)
    );
    assert_eq!(
        (resolution.id.as_str(), resolution.name.as_str()),
        ("radio-uno", "Radio Uno")
    );
}

#[test]
fn accents_and_ampersands_typed_or_not_resolve_the_same_name() {
    for text in ["play Café Olé", "play cafe ole", "play cafe olay"] {
        let understood = understand(text);
        let resolution = understood.slots["source"].resolution.clone().unwrap();
        assert_eq!(resolution.id, "cafe-ole", "{text}");
    }
    let understood = understand("Alexa, ask On Air Live to play Bass & Beats");
    assert_eq!(understood.intent, "PlayLiveShowIntent");
    assert_eq!(understood.slots["source"].value, "bass and beats");
}

#[test]
fn a_name_only_the_live_schedule_knows_resolves_with_the_dynamic_authority() {
    let dynamic = [DynamicName {
        id: "harbour-lights".to_owned(),
        name: "Harbour Lights".to_owned(),
        synonyms: vec!["the harbor lights".to_owned()],
    }];
    let nlu = Nlu::new("en-US", &model(), &dynamic).unwrap();
    for text in [
        "play harbour lights",
        "when is the harbor lights on",
        "play harbor light",
    ] {
        let understood = nlu.understand(text, today());
        let resolution = understood.slots["source"].resolution.clone().unwrap();
        assert_eq!(resolution.authority, AuthorityKind::Dynamic, "{text}");
        assert_eq!(
            (resolution.id.as_str(), resolution.status_match),
            ("harbour-lights", true),
            "{text}"
        );
    }
    // Without the dynamic names the same words fill the slot with no match, as Alexa does for custom types.
    let unknown = understand("play harbour lights");
    assert_eq!(unknown.intent, "PlayLiveShowIntent");
    assert_eq!(unknown.slots["source"].value, "harbour lights");
    assert_eq!(
        unknown.slots["source"]
            .resolution
            .as_ref()
            .map(|r| r.status_match),
        Some(false)
    );
}

#[test]
fn a_recording_request_fills_the_date() {
    let understood = understand("play recording of radio uno from yesterday");
    assert_eq!(understood.intent, "PlayRecordingIntent");
    assert_eq!(understood.slot_value("date"), Some("2026-11-21"));
    assert_eq!(
        understood.slots["source"]
            .resolution
            .as_ref()
            .map(|r| r.id.as_str()),
        Some("radio-uno")
    );

    let friday = understand("catch up on the night owls from last friday");
    assert_eq!(friday.intent, "PlayRecordingIntent");
    assert_eq!(friday.slot_value("date"), Some("2026-11-20"));

    let undated = understand("replay jazz cafe live");
    assert_eq!(undated.intent, "PlayRecordingIntent");
    assert_eq!(undated.slot_value("date"), None);
}

#[test]
fn gibberish_goes_to_the_fallback_intent() {
    for text in [
        "flibber flabber jib",
        "order me a large pizza",
        "what's the weather in paris",
        "",
    ] {
        let understood = understand(text);
        assert_eq!(understood.intent, FALLBACK_INTENT, "{text:?}");
        assert!(understood.slots.is_empty());
    }
}

#[test]
fn short_commands_reach_the_built_in_intents() {
    for (text, intent) in [
        ("stop", "AMAZON.StopIntent"),
        ("Alexa, pause.", "AMAZON.PauseIntent"),
        ("next", "AMAZON.NextIntent"),
        ("skip", "AMAZON.NextIntent"),
        ("yes", "AMAZON.YesIntent"),
        ("nope", "AMAZON.NoIntent"),
        ("resume", "AMAZON.ResumeIntent"),
        ("start over", "AMAZON.StartOverIntent"),
        ("help", "AMAZON.HelpIntent"),
        ("go home", "AMAZON.NavigateHomeIntent"),
        ("tell on air live to cancel", "AMAZON.CancelIntent"),
    ] {
        assert_eq!(understand(text).intent, intent, "{text:?}");
    }
    // The custom "what's next" is not the built-in "next".
    assert_eq!(understand("what's next").intent, "WhatsOnIntent");
}

#[test]
fn the_manifest_example_phrases_work_against_the_model() {
    let manifest = SkillManifestFile::load(
        concat!(env!("CARGO_MANIFEST_DIR"), "/skill-manifest/skill.json").as_ref(),
    )
    .expect("the manifest loads")
    .manifest;
    let nlu = nlu();
    let info = manifest
        .publishing_information
        .as_ref()
        .expect("publishing information");
    let phrases = &info.locales["en-US"].example_phrases;
    assert_eq!(phrases.len(), 3);
    assert!(phrases[0].starts_with("Alexa, open on air live"));
    assert!(nlu.is_launch(&phrases[0]), "{}", phrases[0]);
    for phrase in &phrases[1..] {
        assert!(phrase.starts_with("Alexa, ask on air live"), "{phrase}");
        let understood = nlu.understand(phrase, today());
        assert_ne!(understood.intent, FALLBACK_INTENT, "{phrase}");
        assert!(
            understood
                .slots
                .values()
                .all(|slot| slot.resolution.as_ref().is_none_or(|r| r.status_match))
        );
    }
}

#[test]
fn the_static_catalog_is_the_demo_lineup_keyed_like_the_schedule() {
    let model = model();
    let values = &model
        .slot_type(LIVE_SOURCE_TYPE)
        .expect("LIVE_SOURCE is defined")
        .values;
    for value in values {
        let key = source_key(&value.name.value);
        assert_eq!(
            value.id.as_deref(),
            Some(key.as_str()),
            "{}",
            value.name.value
        );
    }

    // GIVEN a week of the demo lineup, which holds every recurring show at least once
    let from = Utc.with_ymd_and_hms(2026, 11, 16, 0, 0, 0).unwrap();
    let schedule = Lineup::demo().window(from, from + Days::new(8));
    // THEN the catalog is exactly its names, and each id finds its source, so a static resolution always plays
    let keys: BTreeSet<String> = schedule
        .spoken_names()
        .into_iter()
        .map(|name| name.key)
        .collect();
    let ids: BTreeSet<String> = values.iter().filter_map(|value| value.id.clone()).collect();
    assert_eq!(ids, keys);
    for id in &ids {
        assert!(
            matches!(schedule.find_source("", &[id]), SourceMatch::One(_)),
            "{id}"
        );
    }
}
