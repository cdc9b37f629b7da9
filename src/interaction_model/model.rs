//! Serde types for an interaction model file (`interaction-models/<locale>.json`, SMAPI schema) and their loading.
//!
//! Lenient like the rest of the Alexa surface: unknown fields are kept in `extra` so a file read and written back
//! (by `onair package`) loses nothing, and optional parts (`slots`, `types`, `synonyms`) default to empty.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::ModelError;

/// The locales whose interaction model is compiled into the binary, so `onair say` works from any directory: every
/// row of [`crate::locale::LOCALES`].
pub const EMBEDDED_LOCALES: &[&str] = &{
    let mut tags = [""; crate::locale::LOCALES.len()];
    let mut i = 0;
    while i < tags.len() {
        tags[i] = crate::locale::LOCALES[i].tag;
        i += 1;
    }
    tags
};

/// One interaction model file: `{"interactionModel": {...}, "version": "1"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InteractionModelFile {
    /// The model itself.
    pub interaction_model: InteractionModel,
    /// Fields we do not model (`version`, …), kept for round-tripping.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The `interactionModel` object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InteractionModel {
    /// Invocation name, intents and slot types.
    pub language_model: LanguageModel,
    /// `dialog`, `prompts` and anything else, kept as written.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The `languageModel` object: what the user can say.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LanguageModel {
    /// The words that open the skill ("on air live").
    pub invocation_name: String,
    /// Custom and built-in (`AMAZON.*`) intents.
    pub intents: Vec<IntentDef>,
    /// Custom slot types.
    #[serde(default)]
    pub types: Vec<SlotTypeDef>,
    /// Fields we do not model, kept for round-tripping.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One intent of the language model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IntentDef {
    /// `PlayLiveShowIntent`, `AMAZON.PauseIntent`, ….
    pub name: String,
    /// Declared slots; samples may reference only these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub slots: Vec<SlotDef>,
    /// Sample utterances, with `{slot}` references. Empty for built-ins.
    #[serde(default)]
    pub samples: Vec<String>,
    /// Fields we do not model, kept for round-tripping.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One slot of an intent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SlotDef {
    /// The name samples use between braces.
    pub name: String,
    /// A custom type of [`LanguageModel::types`] or a built-in such as `AMAZON.DATE`.
    #[serde(rename = "type")]
    pub slot_type: String,
    /// Fields we do not model (`samples`, `multipleValues`), kept for round-tripping.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A custom slot type and its values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SlotTypeDef {
    /// `LIVE_SOURCE`, ….
    pub name: String,
    /// The catalog Alexa resolves spoken values against.
    #[serde(default)]
    pub values: Vec<SlotTypeValue>,
    /// Fields we do not model (`valueSupplier`), kept for round-tripping.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One value of a custom slot type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SlotTypeValue {
    /// The id entity resolution returns; for `LIVE_SOURCE` the schedule's source key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The canonical name and its synonyms.
    pub name: SlotValueName,
    /// Fields we do not model, kept for round-tripping.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The `name` of a slot type value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SlotValueName {
    /// The canonical value.
    pub value: String,
    /// Other ways to say it.
    #[serde(default)]
    pub synonyms: Vec<String>,
    /// Fields we do not model, kept for round-tripping.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl InteractionModelFile {
    /// The model compiled into the binary for `locale`, or `None` when there is none (see [`EMBEDDED_LOCALES`]).
    #[must_use]
    pub fn embedded(locale: &str) -> Option<Self> {
        let text = crate::locale::find(locale)?.model;
        // The embedded files are constants checked by the tests, not input.
        Some(serde_json::from_str(text).expect("the embedded interaction model parses"))
    }

    /// Parses a model from JSON text.
    ///
    /// # Errors
    /// Returns [`serde_json::Error`] when the text is not an interaction model.
    pub fn from_json(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// The language model, the part the NLU and the linter read.
    #[must_use]
    pub fn language_model(&self) -> &LanguageModel {
        &self.interaction_model.language_model
    }
}

impl LanguageModel {
    /// The intent called `name`.
    #[must_use]
    pub fn intent(&self, name: &str) -> Option<&IntentDef> {
        self.intents.iter().find(|intent| intent.name == name)
    }

    /// The custom slot type called `name`.
    #[must_use]
    pub fn slot_type(&self, name: &str) -> Option<&SlotTypeDef> {
        self.types.iter().find(|slot_type| slot_type.name == name)
    }
}

impl IntentDef {
    /// The slot called `name`.
    #[must_use]
    pub fn slot(&self, name: &str) -> Option<&SlotDef> {
        self.slots.iter().find(|slot| slot.name == name)
    }

    /// Whether this is one of Amazon's built-in intents (`AMAZON.*`).
    #[must_use]
    pub fn is_built_in(&self) -> bool {
        self.name.starts_with("AMAZON.")
    }
}

/// The slot names a sample references, in order: `"play {source} from {date}"` gives `source`, `date`.
///
/// An unclosed `{` ends the scan; the linter reports such samples as malformed.
pub fn slot_references(sample: &str) -> impl Iterator<Item = &str> {
    sample
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
}

/// Loads every `<locale>.json` of `dir` (an `interaction-models/` folder), keyed by locale.
///
/// Files that do not end in `.json` are ignored.
///
/// # Errors
/// Returns [`ModelError`] when the folder or a file cannot be read, a file is not an interaction model, or a file
/// name is not a locale such as `en-US.json`.
pub fn load_models(dir: &Path) -> Result<BTreeMap<String, InteractionModelFile>, ModelError> {
    let read_error = |source| ModelError::Read {
        path: dir.to_path_buf(),
        source,
    };
    let mut models = BTreeMap::new();
    for entry in fs::read_dir(dir).map_err(read_error)? {
        let path = entry.map_err(read_error)?.path();
        if path.extension().is_none_or(|extension| extension != "json") {
            continue;
        }
        let locale = locale_of(&path)?;
        let text = fs::read_to_string(&path).map_err(|source| ModelError::Read {
            path: path.clone(),
            source,
        })?;
        let model = InteractionModelFile::from_json(&text)
            .map_err(|source| ModelError::Parse { path, source })?;
        models.insert(locale, model);
    }
    Ok(models)
}

/// `en-US.json` → `en-US`: a lowercase language and an uppercase region, as Alexa names its locales.
fn locale_of(path: &Path) -> Result<String, ModelError> {
    let bad_name = || ModelError::NotALocale {
        path: PathBuf::from(path),
    };
    let stem = path
        .file_stem()
        .and_then(|stem| stem.to_str())
        .ok_or_else(bad_name)?;
    let (language, region) = stem.split_once('-').ok_or_else(bad_name)?;
    let well_formed = language.len() == 2
        && region.len() == 2
        && language.chars().all(|c| c.is_ascii_lowercase())
        && region.chars().all(|c| c.is_ascii_uppercase());
    if well_formed {
        Ok(stem.to_owned())
    } else {
        Err(bad_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slot_references_are_listed_in_order() {
        let refs: Vec<_> = slot_references("play {source} from {date}").collect();
        assert_eq!(refs, ["source", "date"]);
        assert_eq!(slot_references("what's live").count(), 0);
    }

    #[test]
    fn unknown_fields_survive_a_round_trip() {
        let text = r#"{"interactionModel":{"languageModel":{"invocationName":"on air live",
            "intents":[{"name":"AMAZON.StopIntent","samples":[]}],"types":[],"modelConfiguration":{"x":1}},
            "dialog":{"intents":[]}},"version":"3"}"#;
        let model = InteractionModelFile::from_json(text).unwrap();
        let back = serde_json::to_value(&model).unwrap();
        let original: Value = serde_json::from_str(text).unwrap();
        assert_eq!(back, original);
    }

    #[test]
    fn locale_comes_from_the_file_name() {
        assert_eq!(locale_of(Path::new("models/en-US.json")).unwrap(), "en-US");
        assert!(matches!(
            locale_of(Path::new("models/english.json")),
            Err(ModelError::NotALocale { .. })
        ));
        assert!(matches!(
            locale_of(Path::new("models/en-us.json")),
            Err(ModelError::NotALocale { .. })
        ));
    }

    #[test]
    fn load_models_keys_files_by_locale() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("en-US.json"),
            crate::locale::LOCALES[0].model,
        )
        .unwrap();
        fs::write(dir.path().join("README.md"), "not a model").unwrap();
        let models = load_models(dir.path()).unwrap();
        assert_eq!(models.keys().collect::<Vec<_>>(), ["en-US"]);

        fs::write(dir.path().join("it-IT.json"), "{}").unwrap();
        assert!(matches!(
            load_models(dir.path()),
            Err(ModelError::Parse { .. })
        ));
    }

    #[test]
    fn only_embedded_locales_have_an_embedded_model() {
        for locale in EMBEDDED_LOCALES {
            assert!(InteractionModelFile::embedded(locale).is_some(), "{locale}");
        }
        assert!(InteractionModelFile::embedded("pt-BR").is_none());
    }
}
