//! The response envelope: speech, card, reprompt, directives (SPEC §2,
//! <https://developer.amazon.com/docs/custom-skills/request-and-response-json-reference.html#response-format>).
//!
//! Every optional field is left off the wire when empty: Alexa's documented shape has no `null`s.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::alexa::directive::Directive;
use crate::alexa::ssml::Ssml;
use crate::alexa::values::ImageUrl;

/// The whole answer to a request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ResponseEnvelope {
    /// Always `"1.0"`.
    #[serde(default = "one_point_zero")]
    pub version: String,
    /// State carried to the next request of the same session (ignored on AudioPlayer and PlaybackController answers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_attributes: Option<BTreeMap<String, Value>>,
    /// The response proper.
    pub response: Response,
}

fn one_point_zero() -> String {
    "1.0".to_owned()
}

impl ResponseEnvelope {
    /// Wraps `response` in a version-1.0 envelope without session attributes.
    #[must_use]
    pub fn new(response: Response) -> Self {
        Self {
            version: one_point_zero(),
            session_attributes: None,
            response,
        }
    }

    /// `{"version":"1.0","response":{}}`: the answer that is valid for every request type.
    #[must_use]
    pub fn empty() -> Self {
        Self::new(Response::default())
    }
}

/// `response`: what Alexa says, shows and does.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Response {
    /// What Alexa says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_speech: Option<OutputSpeech>,
    /// What the Alexa app shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<Card>,
    /// What Alexa says if the user does not answer while the microphone is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reprompt: Option<Reprompt>,
    /// AudioPlayer and Dialog directives.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub directives: Vec<Directive>,
    /// `true` ends the session, `false` opens the microphone, absent lets the device decide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub should_end_session: Option<bool>,
}

impl Response {
    /// Sets the speech.
    #[must_use]
    pub fn speak(mut self, speech: OutputSpeech) -> Self {
        self.output_speech = Some(speech);
        self
    }

    /// Sets the reprompt.
    #[must_use]
    pub fn reprompt(mut self, speech: OutputSpeech) -> Self {
        self.reprompt = Some(Reprompt {
            output_speech: speech,
        });
        self
    }

    /// Sets the card.
    #[must_use]
    pub fn card(mut self, card: Card) -> Self {
        self.card = Some(card);
        self
    }

    /// Appends a directive.
    #[must_use]
    pub fn directive(mut self, directive: Directive) -> Self {
        self.directives.push(directive);
        self
    }

    /// `shouldEndSession: true`.
    #[must_use]
    pub fn end_session(mut self) -> Self {
        self.should_end_session = Some(true);
        self
    }

    /// `shouldEndSession: false`: Alexa listens for an answer (give a reprompt too).
    #[must_use]
    pub fn keep_session_open(mut self) -> Self {
        self.should_end_session = Some(false);
        self
    }
}

/// Speech, plain or SSML, tagged on `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type")]
pub enum OutputSpeech {
    /// `{"type":"PlainText","text":…}`.
    #[serde(rename_all = "camelCase")]
    PlainText {
        /// What to say.
        text: String,
        /// How this speech relates to speech already queued.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        play_behavior: Option<SpeechPlayBehavior>,
    },
    /// `{"type":"SSML","ssml":"<speak>…</speak>"}`.
    #[serde(rename = "SSML", rename_all = "camelCase")]
    Ssml {
        /// The document.
        ssml: Ssml,
        /// How this speech relates to speech already queued.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        play_behavior: Option<SpeechPlayBehavior>,
    },
}

impl OutputSpeech {
    /// Plain-text speech.
    #[must_use]
    pub fn plain(text: impl Into<String>) -> Self {
        Self::PlainText {
            text: text.into(),
            play_behavior: None,
        }
    }

    /// SSML speech.
    #[must_use]
    pub fn ssml(ssml: Ssml) -> Self {
        Self::Ssml {
            ssml,
            play_behavior: None,
        }
    }

    /// Length in characters of the text or of the whole SSML document (markup included), which is what Alexa's
    /// 8000-character limit counts.
    #[must_use]
    pub fn len(&self) -> usize {
        match self {
            Self::PlainText { text, .. } => text.chars().count(),
            Self::Ssml { ssml, .. } => ssml.as_str().chars().count(),
        }
    }

    /// Whether there is nothing to say.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// `outputSpeech.playBehavior`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SpeechPlayBehavior {
    /// Say it after the speech already queued.
    Enqueue,
    /// Interrupt all speech and say it now.
    ReplaceAll,
    /// Replace queued speech, finishing the current one.
    ReplaceEnqueued,
}

/// A card in the Alexa app, tagged on `type`. Note `content` for Simple and `text` for Standard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type")]
pub enum Card {
    /// Title and text.
    Simple {
        /// Title.
        title: String,
        /// Body text.
        content: String,
    },
    /// Title, text and an image.
    Standard {
        /// Title.
        title: String,
        /// Body text.
        text: String,
        /// The image.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        image: Option<CardImage>,
    },
    /// A card that asks the customer to grant `permissions` in the Alexa app
    /// (<https://developer.amazon.com/docs/alexa/custom-skills/request-customer-contact-information-for-use-in-your-skill.html>).
    AskForPermissionsConsent {
        /// The permission scopes asked for.
        permissions: Vec<String>,
    },
}

impl Card {
    /// Characters counted against Alexa's 8000-character card limit: title, text and image URLs together.
    #[must_use]
    pub fn len(&self) -> usize {
        match self {
            Self::Simple { title, content } => title.chars().count() + content.chars().count(),
            Self::Standard { title, text, image } => {
                let image_chars = image.as_ref().map_or(0, |image| {
                    [&image.small_image_url, &image.large_image_url]
                        .into_iter()
                        .flatten()
                        .map(|url| url.as_str().chars().count())
                        .sum()
                });
                title.chars().count() + text.chars().count() + image_chars
            }
            // Alexa writes this card's text itself.
            Self::AskForPermissionsConsent { .. } => 0,
        }
    }

    /// Whether the card has no characters at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The image of a Standard card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CardImage {
    /// About 720 × 480.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub small_image_url: Option<ImageUrl>,
    /// About 1200 × 800.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub large_image_url: Option<ImageUrl>,
}

/// `reprompt`: speech repeated when the user does not answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Reprompt {
    /// What to say.
    pub output_speech: OutputSpeech,
}
