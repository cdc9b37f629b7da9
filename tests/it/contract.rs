//! The three artefacts that must agree: the code's intents and phrases, `interaction-models/`, `skill-manifest/`.

use std::collections::BTreeSet;
use std::path::Path;

use onair::interaction_model::{SkillManifestFile, load_models};
use onair::skill::intent::HANDLED_INTENTS;
use onair::skill::speech::{locales, message_ids};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_handled_intent_is_in_every_model_and_every_custom_intent_is_handled() {
    let models = load_models(&repo().join("interaction-models")).expect("interaction models load");
    assert!(models.contains_key("en-US"), "en-US model missing");
    let handled: BTreeSet<&str> = HANDLED_INTENTS.iter().copied().collect();
    for (locale, model) in &models {
        let declared: BTreeSet<&str> = model
            .language_model()
            .intents
            .iter()
            .map(|i| i.name.as_str())
            .collect();
        let missing: Vec<_> = handled.difference(&declared).collect();
        assert!(
            missing.is_empty(),
            "{locale} model lacks handled intents {missing:?}"
        );
        let unhandled: Vec<_> = declared
            .iter()
            .filter(|name| !handled.contains(*name))
            .collect();
        assert!(
            unhandled.is_empty(),
            "{locale} model declares intents the code ignores: {unhandled:?}"
        );
    }
}

#[test]
fn the_manifest_declares_audio_player_and_the_model_locales() {
    let manifest =
        SkillManifestFile::load(&repo().join("skill-manifest/skill.json")).expect("manifest loads");
    assert!(manifest.manifest.declares_interface("AUDIO_PLAYER"));
    let models = load_models(&repo().join("interaction-models")).expect("interaction models load");
    let published: BTreeSet<&str> = manifest.manifest.publishing_locales().collect();
    let modelled: BTreeSet<&str> = models.keys().map(String::as_str).collect();
    assert_eq!(
        published, modelled,
        "manifest locales and interaction models differ"
    );
}

#[test]
fn every_model_locale_has_a_phrase_catalog() {
    let models = load_models(&repo().join("interaction-models")).expect("interaction models load");
    let spoken: BTreeSet<&str> = locales().collect();
    for locale in models.keys() {
        assert!(
            spoken.contains(locale.as_str()),
            "no locales/{locale}.ftl for the {locale} model"
        );
    }
}

/// Every phrase id the skill's code asks for exists in every catalog, and every catalog has the same phrases.
#[test]
fn every_phrase_the_code_uses_exists_in_every_locale() {
    let english: BTreeSet<String> = message_ids("en-US").into_iter().collect();
    let used = phrase_ids_in_code();
    assert!(
        used.len() > 20,
        "found only {} phrase ids in the skill's code",
        used.len()
    );
    for id in &used {
        assert!(
            english.contains(id),
            "the code uses phrase {id:?}, missing from locales/en-US.ftl"
        );
    }
    for locale in locales() {
        let ids: BTreeSet<String> = message_ids(locale).into_iter().collect();
        let missing: Vec<_> = english.difference(&ids).collect();
        assert!(missing.is_empty(), "locales/{locale}.ftl lacks {missing:?}");
        let extra: Vec<_> = ids.difference(&english).collect();
        assert!(
            extra.is_empty(),
            "locales/{locale}.ftl has phrases en-US lacks: {extra:?}"
        );
    }
}

/// String literals passed to `say(` / `phrase(` in `src/skill/`: a phrase id typo would otherwise only show as a
/// listener hearing the id itself.
fn phrase_ids_in_code() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let dir = repo().join("src/skill");
    for entry in std::fs::read_dir(&dir).expect("src/skill exists") {
        let path = entry.expect("dir entry").path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("source readable");
        for marker in ["say(\"", "phrase(\"", "say(\n"] {
            let mut rest = text.as_str();
            while let Some(at) = rest.find(marker) {
                rest = &rest[at + marker.len()..];
                let candidate = rest.trim_start().trim_start_matches('"');
                let id: String = candidate
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
                    .collect();
                if id.len() > 2 && candidate[id.len()..].starts_with('"') {
                    ids.insert(id);
                }
            }
        }
    }
    ids
}
