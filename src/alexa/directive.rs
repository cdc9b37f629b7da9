//! Response directives: `AudioPlayer.Play`, `AudioPlayer.Stop`, `AudioPlayer.ClearQueue` (SPEC §2.2,
//! <https://developer.amazon.com/docs/custom-skills/audioplayer-interface-reference.html>) and
//! `Dialog.UpdateDynamicEntities` (SPEC §8,
//! <https://developer.amazon.com/en-US/docs/alexa/custom-skills/use-dynamic-entities-for-customized-interactions.html>)
//! and `Connections.SendRequest` for a voice permission prompt
//! (<https://developer.amazon.com/docs/alexa/smapi/voice-permissions-for-reminders.html>).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::alexa::values::{ImageUrl, StreamToken, StreamUrl};

/// A directive in `response.directives`, tagged on `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type")]
pub enum Directive {
    /// Start (or queue) a stream.
    #[serde(rename = "AudioPlayer.Play")]
    Play(PlayDirective),
    /// Stop the current stream. Alexa answers with `AudioPlayer.PlaybackStopped`.
    #[serde(rename = "AudioPlayer.Stop")]
    Stop,
    /// Clear the queue, and with `CLEAR_ALL` also stop the current stream.
    #[serde(rename = "AudioPlayer.ClearQueue", rename_all = "camelCase")]
    ClearQueue {
        /// What to clear.
        clear_behavior: ClearBehavior,
    },
    /// Replace or clear the skill's dynamic slot values for this user.
    #[serde(rename = "Dialog.UpdateDynamicEntities")]
    UpdateDynamicEntities(DynamicEntities),
    /// Ask Alexa to run a connection; onair uses only `AskFor`, the voice permission prompt. Alexa answers with a
    /// `Connections.Response` carrying `token`.
    #[serde(rename = "Connections.SendRequest")]
    SendRequest {
        /// `AskFor`.
        name: String,
        /// What to ask for.
        payload: AskForPermissionsConsentRequest,
        /// Returned as is in the `Connections.Response`.
        token: String,
    },
}

/// The payload of an `AskFor` `Connections.SendRequest`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AskForPermissionsConsentRequest {
    /// `AskForPermissionsConsentRequest`.
    #[serde(rename = "@type")]
    pub kind: String,
    /// `1`.
    #[serde(rename = "@version")]
    pub version: String,
    /// The scope to ask for, e.g. `alexa::alerts:reminders:skill:readwrite`.
    #[serde(rename = "permissionScope")]
    pub permission_scope: String,
}

impl Directive {
    /// `AudioPlayer.Play` of `stream`, with optional on-screen metadata.
    #[must_use]
    pub fn play(
        play_behavior: PlayBehavior,
        stream: Stream,
        metadata: Option<AudioItemMetadata>,
    ) -> Self {
        Self::Play(PlayDirective {
            play_behavior,
            audio_item: AudioItem { stream, metadata },
        })
    }

    /// `AudioPlayer.Stop`.
    #[must_use]
    pub fn stop() -> Self {
        Self::Stop
    }

    /// `AudioPlayer.ClearQueue` with the given behaviour.
    #[must_use]
    pub fn clear_queue(clear_behavior: ClearBehavior) -> Self {
        Self::ClearQueue { clear_behavior }
    }

    /// `Dialog.UpdateDynamicEntities` with `CLEAR`: forget every dynamic entity.
    #[must_use]
    pub fn clear_dynamic_entities() -> Self {
        Self::UpdateDynamicEntities(DynamicEntities {
            update_behavior: UpdateBehavior::Clear,
            types: Vec::new(),
        })
    }

    /// `Dialog.UpdateDynamicEntities` with `REPLACE`: these types and values replace any earlier ones.
    #[must_use]
    pub fn replace_dynamic_entities(types: Vec<EntityType>) -> Self {
        Self::UpdateDynamicEntities(DynamicEntities {
            update_behavior: UpdateBehavior::Replace,
            types,
        })
    }

    /// `Connections.SendRequest` `AskFor` `scope`: Alexa asks the customer for the permission by voice, then sends
    /// a `Connections.Response` with `token`.
    #[must_use]
    pub fn ask_for_permission(scope: &str, token: String) -> Self {
        Self::SendRequest {
            name: "AskFor".to_owned(),
            payload: AskForPermissionsConsentRequest {
                kind: "AskForPermissionsConsentRequest".to_owned(),
                version: "1".to_owned(),
                permission_scope: scope.to_owned(),
            },
            token,
        }
    }

    /// The wire `type` of this directive, for messages.
    #[must_use]
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Play(_) => "AudioPlayer.Play",
            Self::Stop => "AudioPlayer.Stop",
            Self::ClearQueue { .. } => "AudioPlayer.ClearQueue",
            Self::UpdateDynamicEntities(_) => "Dialog.UpdateDynamicEntities",
            Self::SendRequest { .. } => "Connections.SendRequest",
        }
    }
}

/// The body of `AudioPlayer.Play`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PlayDirective {
    /// How the stream relates to what is playing and queued.
    pub play_behavior: PlayBehavior,
    /// The stream and what to show while it plays.
    pub audio_item: AudioItem,
}

/// How a Play directive treats the current stream and the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PlayBehavior {
    /// Play now, replacing the current stream and the queue.
    ReplaceAll,
    /// Add to the end of the queue; needs `expectedPreviousToken`.
    Enqueue,
    /// Replace the queue, leaving the current stream playing.
    ReplaceEnqueued,
}

/// What `AudioPlayer.ClearQueue` clears.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ClearBehavior {
    /// Clear the queue, keep the current stream playing.
    ClearEnqueued,
    /// Clear the queue and stop the current stream.
    ClearAll,
}

/// `audioItem`: the stream plus optional metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AudioItem {
    /// What to play.
    pub stream: Stream,
    /// Title and images shown on screen devices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<AudioItemMetadata>,
}

/// `audioItem.stream`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Stream {
    /// Where the audio is; `https://` only.
    pub url: StreamUrl,
    /// Names this stream; Alexa echoes it back in AudioPlayer requests.
    pub token: StreamToken,
    /// The token of the stream this one should follow; required with `ENQUEUE` and refused with anything else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_previous_token: Option<StreamToken>,
    /// Where to start, in milliseconds; 0 for live streams.
    #[serde(default)]
    pub offset_in_milliseconds: u64,
}

impl Stream {
    /// A stream starting at offset 0 with no expected previous token, the shape a live stream needs.
    #[must_use]
    pub fn new(url: StreamUrl, token: StreamToken) -> Self {
        Self {
            url,
            token,
            expected_previous_token: None,
            offset_in_milliseconds: 0,
        }
    }
}

/// `audioItem.metadata`: what screen devices show while the stream plays.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AudioItemMetadata {
    /// Main line, e.g. the show's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Second line, e.g. the venue or station.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// Cover art.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub art: Option<Image>,
    /// Full-screen background.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background_image: Option<Image>,
}

/// An image in one or more sizes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Image {
    /// Alt text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_description: Option<String>,
    /// The image in its available sizes.
    #[serde(default)]
    pub sources: Vec<ImageSource>,
}

/// One size of an [`Image`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ImageSource {
    /// Where the image is; `https://` only.
    pub url: ImageUrl,
    /// Size class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<ImageSize>,
    /// Width in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width_pixels: Option<u32>,
    /// Height in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height_pixels: Option<u32>,
}

impl ImageSource {
    /// A source with only a URL.
    #[must_use]
    pub fn new(url: ImageUrl) -> Self {
        Self {
            url,
            size: None,
            width_pixels: None,
            height_pixels: None,
        }
    }
}

/// Size class of an [`ImageSource`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ImageSize {
    /// 480 × 320.
    XSmall,
    /// 720 × 480.
    Small,
    /// 960 × 640.
    Medium,
    /// 1200 × 800.
    Large,
    /// 1920 × 1280.
    XLarge,
}

/// The body of `Dialog.UpdateDynamicEntities`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DynamicEntities {
    /// Replace or clear.
    pub update_behavior: UpdateBehavior,
    /// The slot types and their values; empty (and left off the wire) for `CLEAR`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<EntityType>,
}

impl DynamicEntities {
    /// How many entity values this update carries, over all types (Alexa allows 100).
    #[must_use]
    pub fn value_count(&self) -> usize {
        self.types.iter().map(|t| t.values.len()).sum()
    }
}

/// `updateBehavior` of `Dialog.UpdateDynamicEntities`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum UpdateBehavior {
    /// The given types replace earlier dynamic entities.
    Replace,
    /// Forget all dynamic entities.
    Clear,
}

/// A custom slot type (defined in the interaction model) and its dynamic values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EntityType {
    /// The slot type's name, e.g. `LIVE_SOURCE`.
    pub name: String,
    /// Its values.
    pub values: Vec<Entity>,
}

/// One dynamic slot value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Entity {
    /// The id returned in slot resolutions when this value matches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What users say.
    pub name: EntityName,
}

/// The spoken forms of an [`Entity`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EntityName {
    /// The canonical value.
    pub value: String,
    /// Other ways to say it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<String>,
}
