//! Serde types for the skill manifest (`skill-manifest/skill.json`, SMAPI v1 with a top-level `manifest`).
//!
//! Only what lint and packaging read is typed; everything else is kept in `extra` so a rewritten manifest (the
//! packaging tool fills in the endpoint) keeps every field Amazon defines.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::ModelError;

/// The interface type a skill that streams with `AudioPlayer` must declare.
pub const AUDIO_PLAYER_INTERFACE: &str = "AUDIO_PLAYER";

const EMBEDDED: &str = include_str!("../../skill-manifest/skill.json");

/// A `skill.json` file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SkillManifestFile {
    /// The manifest itself.
    pub manifest: SkillManifest,
    /// Fields we do not model, kept for round-tripping.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The `manifest` object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SkillManifest {
    /// `"1.0"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manifest_version: Option<String>,
    /// The custom skill API: endpoint and interfaces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apis: Option<Apis>,
    /// Store listing per locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publishing_information: Option<PublishingInformation>,
    /// Permissions asked of the customer: the time zone needs none; go-live notifications need
    /// `alexa::devices:all:notifications:write`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub permissions: Vec<Permission>,
    /// Privacy answers and per-locale policy links.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy_and_compliance: Option<PrivacyAndCompliance>,
    /// Fields we do not model (`events`, …), kept for round-tripping.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The `apis` object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Apis {
    /// The custom skill API.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom: Option<CustomApi>,
    /// Fields we do not model, kept for round-tripping.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The `apis.custom` object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomApi {
    /// Where Alexa sends requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<Endpoint>,
    /// Device interfaces the skill uses, such as [`AUDIO_PLAYER_INTERFACE`].
    #[serde(default)]
    pub interfaces: Vec<Interface>,
    /// Fields we do not model (`regions`, …), kept for round-tripping.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An endpoint: a Lambda ARN or an HTTPS URL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoint {
    /// The Lambda ARN or HTTPS URL (ASK CLI v1 files use `sourceDir` instead, kept in `extra`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// Fields we do not model (`sslCertificateType`, `sourceDir`), kept for round-tripping.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One entry of `interfaces`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interface {
    /// `AUDIO_PLAYER`, `ALEXA_PRESENTATION_APL`, ….
    #[serde(rename = "type")]
    pub interface_type: String,
    /// Fields we do not model, kept for round-tripping.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The `publishingInformation` object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PublishingInformation {
    /// Store listing per locale; its keys must match the interaction models.
    #[serde(default)]
    pub locales: BTreeMap<String, PublishingLocale>,
    /// Store category, e.g. `MUSIC_AND_AUDIO_ACCESSORIES`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Fields we do not model (`isAvailableWorldwide`, `distributionCountries`, `testingInstructions`), kept for
    /// round-tripping.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The store listing of one locale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PublishingLocale {
    /// The skill's name in the store (required for certification; optional here so lint can say so).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Up to three phrases; certification checks they work against the model.
    #[serde(default)]
    pub example_phrases: Vec<String>,
    /// Fields we do not model (`summary`, `description`, `keywords`, icons), kept for round-tripping.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One entry of `permissions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Permission {
    /// The permission scope, e.g. `alexa::profile:name:read`.
    pub name: String,
    /// Fields we do not model, kept for round-tripping.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The `privacyAndCompliance` object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PrivacyAndCompliance {
    /// Policy links per locale; its keys must match the interaction models.
    #[serde(default)]
    pub locales: BTreeMap<String, Value>,
    /// Fields we do not model (the yes/no answers), kept for round-tripping.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl SkillManifestFile {
    /// The manifest compiled into the binary (`skill-manifest/skill.json`).
    #[must_use]
    pub fn embedded() -> Self {
        // A constant checked by the tests, not input.
        serde_json::from_str(EMBEDDED).expect("the embedded skill manifest parses")
    }

    /// Reads and parses a `skill.json`.
    ///
    /// # Errors
    /// Returns [`ModelError`] when the file cannot be read or is not a skill manifest.
    pub fn load(path: &Path) -> Result<Self, ModelError> {
        let text = fs::read_to_string(path).map_err(|source| ModelError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        serde_json::from_str(&text).map_err(|source| ModelError::Parse {
            path: path.to_path_buf(),
            source,
        })
    }
}

impl SkillManifest {
    /// Whether `apis.custom.interfaces` declares `interface_type`.
    #[must_use]
    pub fn declares_interface(&self, interface_type: &str) -> bool {
        let custom = self.apis.as_ref().and_then(|apis| apis.custom.as_ref());
        custom.is_some_and(|custom| {
            custom
                .interfaces
                .iter()
                .any(|interface| interface.interface_type == interface_type)
        })
    }

    /// The locales of the store listing.
    pub fn publishing_locales(&self) -> impl Iterator<Item = &str> {
        self.publishing_information
            .iter()
            .flat_map(|info| info.locales.keys().map(String::as_str))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_manifest_streams_audio_in_six_locales() {
        let manifest = SkillManifestFile::embedded().manifest;
        assert!(manifest.declares_interface(AUDIO_PLAYER_INTERFACE));
        assert_eq!(
            manifest.publishing_locales().collect::<Vec<_>>(),
            ["de-DE", "en-GB", "en-US", "es-ES", "fr-FR", "it-IT"]
        );
        let scopes: Vec<&str> = manifest
            .permissions
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(scopes, crate::skill::PERMISSION_SCOPES);
    }

    #[test]
    fn the_manifest_round_trips_without_losing_fields() {
        let original: Value = serde_json::from_str(EMBEDDED).unwrap();
        let back = serde_json::to_value(SkillManifestFile::embedded()).unwrap();
        assert_eq!(back, original);
    }
}
