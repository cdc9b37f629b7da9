//! The voice interface as files: the interaction models (`interaction-models/<locale>.json`), the skill manifest
//! (`skill-manifest/skill.json`), and an offline NLU that resolves typed text against a model the way Alexa would.
//!
//! - [`model`](InteractionModelFile) and [`manifest`](SkillManifestFile): lenient serde types that keep unknown fields,
//!   for `onair say`, `onair lint` and packaging.
//! - [`Nlu`]: utterance → intent and slots, with entity resolution against the static slot values and the live
//!   schedule's names (dynamic entities), and `AMAZON.DATE` resolution.
//! - [`built_in_phrases`]: what people say for Amazon's built-in intents, per locale.
//!
//! Knows nothing of the schedule or the dialog: the caller turns schedule names into [`DynamicName`]s and an
//! [`Understood`] into an `IntentRequest`.

use std::path::PathBuf;

mod built_in_phrases;
pub mod lint;
mod manifest;
mod model;
mod nlu;
mod sample;
mod slot_catalog;
mod slot_resolution;
mod spoken_date;
mod utterance;

pub use built_in_phrases::{BuiltInPhrases, built_in_phrases};
pub use manifest::{
    AUDIO_PLAYER_INTERFACE, Apis, CustomApi, Endpoint, Interface, Permission, PrivacyAndCompliance,
    PublishingInformation, PublishingLocale, SkillManifest, SkillManifestFile,
};
pub use model::{
    EMBEDDED_LOCALES, IntentDef, InteractionModel, InteractionModelFile, LanguageModel, SlotDef,
    SlotTypeDef, SlotTypeValue, SlotValueName, load_models, slot_references,
};
pub use nlu::{AuthorityKind, DynamicName, FilledSlot, Nlu, SlotResolution, Understood};

/// The custom slot type of spoken show, performer, channel and venue names; the type the skill updates with
/// `Dialog.UpdateDynamicEntities`.
pub const LIVE_SOURCE_TYPE: &str = "LIVE_SOURCE";

/// The intent Alexa sends when nothing in the model matches.
pub const FALLBACK_INTENT: &str = "AMAZON.FallbackIntent";

/// Why model or manifest files could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// A file or folder could not be read.
    #[error("cannot read {path}")]
    Read {
        /// The file or folder.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A file is not valid JSON of the expected shape.
    #[error("{path} is not a valid model file")]
    Parse {
        /// The file.
        path: PathBuf,
        /// The JSON error, with line and column.
        #[source]
        source: serde_json::Error,
    },
    /// An interaction model's file name is not a locale such as `en-US.json`.
    #[error("{path} is not named after a locale such as en-US.json")]
    NotALocale {
        /// The file.
        path: PathBuf,
    },
}

/// Why an [`Nlu`] could not be built for a locale.
#[derive(Debug, thiserror::Error)]
pub enum NluError {
    /// No built-in phrases, date words or invocation words exist for this locale yet.
    #[error("the offline nlu does not support locale {locale} yet")]
    UnsupportedLocale {
        /// The locale asked for.
        locale: String,
    },
}

/// One table per language the NLU speaks, picked by a locale's language (en-GB and en-AU share English, fr-CA
/// French); `None` for a language without tables yet. Every per-language table of this module goes through here, so
/// adding a language is one place.
pub(crate) fn by_language<T: ?Sized>(locale: &str, tables: [&'static T; 5]) -> Option<&'static T> {
    crate::locale::Language::of(locale).map(|language| language.pick(tables))
}
