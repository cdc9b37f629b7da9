//! The response guard: every rule Alexa enforces on a response, checked before the response leaves onair
//! (SPEC §2.3 matrix, §3 limits; <https://developer.amazon.com/docs/custom-skills/audioplayer-interface-reference.html>).
//!
//! Alexa answers a rule-breaking response with an error sound and a `System.ExceptionEncountered`, so at run time
//! [`enforce`] swaps such a response for one that is always valid, and logs why.

use std::fmt;

use crate::alexa::directive::{Directive, PlayBehavior};
use crate::alexa::request::RequestKind;
use crate::alexa::response::{OutputSpeech, Response, ResponseEnvelope};

/// Longest outputSpeech or reprompt, in characters.
pub const MAX_SPEECH_CHARS: usize = 8000;
/// Longest card (title, text and image URLs together), in characters.
pub const MAX_CARD_CHARS: usize = 8000;
/// Most Play directives in one response.
pub const MAX_PLAY_DIRECTIVES: usize = 1;
/// Most entity values in one `Dialog.UpdateDynamicEntities`.
pub const MAX_DYNAMIC_ENTITY_VALUES: usize = 100;
/// Largest serialized response, in bytes. The older documented limit; the current one is said to be 120 KB, so
/// staying under 24 KB is safe either way (SPEC §3).
pub const MAX_RESPONSE_BYTES: usize = 24 * 1024;

/// One way a response breaks Alexa's rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    /// A standard property (outputSpeech, card, reprompt, shouldEndSession, sessionAttributes) in an answer to a
    /// request that does not allow it.
    FieldNotAllowed {
        /// The request being answered.
        kind: RequestKind,
        /// The wire name of the offending field.
        field: &'static str,
    },
    /// A directive in an answer to a request that does not allow it.
    DirectiveNotAllowed {
        /// The request being answered.
        kind: RequestKind,
        /// The directive's wire `type`.
        directive: &'static str,
    },
    /// Speech longer than Alexa reads.
    SpeechTooLong {
        /// `outputSpeech` or `reprompt`.
        field: &'static str,
        /// Its length in characters.
        chars: usize,
    },
    /// A card longer than Alexa shows.
    CardTooLong {
        /// Its length in characters.
        chars: usize,
    },
    /// More than one `AudioPlayer.Play`.
    TooManyPlays {
        /// How many there are.
        count: usize,
    },
    /// `expectedPreviousToken` on a Play that is not ENQUEUE; Alexa rejects it.
    ExpectedPreviousTokenWithoutEnqueue {
        /// The Play's behaviour.
        behavior: PlayBehavior,
    },
    /// An ENQUEUE Play without `expectedPreviousToken`; Alexa requires it.
    EnqueueWithoutExpectedPreviousToken,
    /// A `Dialog.UpdateDynamicEntities` with too many values.
    TooManyDynamicEntities {
        /// How many values it carries.
        count: usize,
    },
    /// The serialized response is too large.
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
    },
    /// SSML that is not well-formed XML.
    MalformedSsml {
        /// `outputSpeech` or `reprompt`.
        field: &'static str,
        /// What the XML parser objected to.
        reason: String,
    },
    /// SSML whose root element is not `<speak>`.
    SsmlNotInSpeak {
        /// `outputSpeech` or `reprompt`.
        field: &'static str,
        /// The root element found instead.
        root: String,
    },
    /// A Play's `offsetInMilliseconds` beyond a Java `long`, which Alexa cannot read.
    OffsetOutOfRange {
        /// The offset.
        offset: u64,
    },
    /// A `Connections.SendRequest` hands the turn to Alexa's own prompt, so the response may not also keep the
    /// microphone open (a reprompt, `shouldEndSession: false`) or carry AudioPlayer directives.
    SendRequestConflict {
        /// What the response carries beside it.
        with: &'static str,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::FieldNotAllowed { kind, field } => {
                write!(f, "{kind} responses may not contain {field}")
            }
            Self::DirectiveNotAllowed { kind, directive } => {
                write!(
                    f,
                    "{kind} responses may not contain an {directive} directive"
                )
            }
            Self::SpeechTooLong { field, chars } => write!(
                f,
                "{field} is {chars} characters long; alexa reads at most {MAX_SPEECH_CHARS}"
            ),
            Self::CardTooLong { chars } => write!(
                f,
                "card is {chars} characters long; alexa shows at most {MAX_CARD_CHARS}"
            ),
            Self::TooManyPlays { count } => write!(
                f,
                "response has {count} AudioPlayer.Play directives; alexa accepts at most {MAX_PLAY_DIRECTIVES}"
            ),
            Self::ExpectedPreviousTokenWithoutEnqueue { behavior } => write!(
                f,
                "AudioPlayer.Play with {} may not carry expectedPreviousToken (only ENQUEUE may)",
                play_behavior_name(*behavior)
            ),
            Self::EnqueueWithoutExpectedPreviousToken => {
                f.write_str("AudioPlayer.Play with ENQUEUE must carry expectedPreviousToken")
            }
            Self::OffsetOutOfRange { offset } => write!(
                f,
                "AudioPlayer.Play offsetInMilliseconds {offset} is beyond what alexa reads ({})",
                i64::MAX
            ),
            Self::TooManyDynamicEntities { count } => write!(
                f,
                "Dialog.UpdateDynamicEntities has {count} values; alexa accepts at most {MAX_DYNAMIC_ENTITY_VALUES}"
            ),
            Self::TooLarge { bytes } => write!(
                f,
                "response is {bytes} bytes; alexa accepts at most {MAX_RESPONSE_BYTES}"
            ),
            Self::MalformedSsml { field, reason } => {
                write!(f, "{field} SSML is not well-formed XML: {reason}")
            }
            Self::SsmlNotInSpeak { field, root } => {
                write!(f, "{field} SSML must be wrapped in <speak>, found <{root}>")
            }
            Self::SendRequestConflict { with } => write!(
                f,
                "a response with Connections.SendRequest may not also carry {with}"
            ),
        }
    }
}

fn play_behavior_name(behavior: PlayBehavior) -> &'static str {
    match behavior {
        PlayBehavior::ReplaceAll => "REPLACE_ALL",
        PlayBehavior::Enqueue => "ENQUEUE",
        PlayBehavior::ReplaceEnqueued => "REPLACE_ENQUEUED",
    }
}

/// What the SPEC §2.3 matrix allows in an answer to one kind of request.
#[derive(Debug, Clone, Copy)]
struct Allowed {
    /// outputSpeech, card, reprompt (and session fields).
    speech: bool,
    /// `shouldEndSession` and `sessionAttributes`: meaningful for session requests, ignored (so harmless) for
    /// AudioPlayer and PlaybackController, refused where no response at all is accepted.
    session_fields: bool,
    play: bool,
    stop_or_clear: bool,
    dialog: bool,
    /// `Connections.SendRequest`.
    connections: bool,
}

impl Allowed {
    fn for_kind(kind: RequestKind) -> Self {
        let nothing = Self {
            speech: false,
            session_fields: false,
            play: false,
            stop_or_clear: false,
            dialog: false,
            connections: false,
        };
        match kind {
            RequestKind::Launch | RequestKind::Intent => Self {
                speech: true,
                session_fields: true,
                play: true,
                stop_or_clear: true,
                dialog: true,
                connections: true,
            },
            // The session resumes after Alexa's permission prompt: the skill speaks and may keep the session open.
            // Nothing in the voice-permission contract says it may start audio there, so it does not.
            RequestKind::ConnectionsResponse => Self {
                speech: true,
                session_fields: true,
                dialog: true,
                ..nothing
            },
            RequestKind::PlaybackStarted | RequestKind::PlaybackFinished => Self {
                session_fields: true,
                stop_or_clear: true,
                ..nothing
            },
            RequestKind::PlaybackNearlyFinished
            | RequestKind::PlaybackFailed
            | RequestKind::PlayCommandIssued
            | RequestKind::PauseCommandIssued
            | RequestKind::NextCommandIssued
            | RequestKind::PreviousCommandIssued => Self {
                session_fields: true,
                play: true,
                stop_or_clear: true,
                ..nothing
            },
            // "Cannot return a response" (PlaybackStopped, ExceptionEncountered), ignored (SessionEnded), and for
            // skill events and types we do not know, the empty envelope is the only answer known to be safe.
            RequestKind::PlaybackStopped
            | RequestKind::SessionEnded
            | RequestKind::ExceptionEncountered
            | RequestKind::SkillEvent
            | RequestKind::Unknown => nothing,
        }
    }
}

/// Whether an answer to `kind` may speak; where it may not, only the empty envelope is a safe fallback.
#[must_use]
pub fn speech_allowed(kind: RequestKind) -> bool {
    Allowed::for_kind(kind).speech
}

/// Every way `envelope`, the answer to a request of kind `kind`, breaks Alexa's rules; empty when it breaks none.
///
/// Stream URLs, stream tokens and image URLs are not re-checked here: their types ([`crate::alexa::StreamUrl`],
/// [`crate::alexa::StreamToken`], [`crate::alexa::ImageUrl`]) cannot hold a value Alexa would refuse, even when read
/// from JSON.
#[must_use]
pub fn violations(kind: RequestKind, envelope: &ResponseEnvelope) -> Vec<Violation> {
    let mut found = Vec::new();
    let allowed = Allowed::for_kind(kind);
    let response = &envelope.response;

    check_matrix(kind, allowed, envelope, &mut found);
    check_speech(response, &mut found);
    if let Some(card) = &response.card {
        let chars = card.len();
        if chars > MAX_CARD_CHARS {
            found.push(Violation::CardTooLong { chars });
        }
    }
    check_directives(response, &mut found);
    if let Ok(bytes) = serde_json::to_vec(envelope)
        && bytes.len() > MAX_RESPONSE_BYTES
    {
        found.push(Violation::TooLarge { bytes: bytes.len() });
    }
    found
}

fn check_matrix(
    kind: RequestKind,
    allowed: Allowed,
    envelope: &ResponseEnvelope,
    found: &mut Vec<Violation>,
) {
    let response = &envelope.response;
    let mut field = |present: bool, permitted: bool, field: &'static str| {
        if present && !permitted {
            found.push(Violation::FieldNotAllowed { kind, field });
        }
    };
    field(
        response.output_speech.is_some(),
        allowed.speech,
        "outputSpeech",
    );
    field(response.card.is_some(), allowed.speech, "card");
    field(response.reprompt.is_some(), allowed.speech, "reprompt");
    field(
        response.should_end_session.is_some(),
        allowed.session_fields,
        "shouldEndSession",
    );
    field(
        envelope.session_attributes.is_some(),
        allowed.session_fields,
        "sessionAttributes",
    );

    for directive in &response.directives {
        let permitted = match directive {
            Directive::Play(_) => allowed.play,
            Directive::Stop | Directive::ClearQueue { .. } => allowed.stop_or_clear,
            Directive::UpdateDynamicEntities(_) => allowed.dialog,
            Directive::SendRequest { .. } => allowed.connections,
        };
        if !permitted {
            found.push(Violation::DirectiveNotAllowed {
                kind,
                directive: directive.type_name(),
            });
        }
    }
}

fn check_speech(response: &Response, found: &mut Vec<Violation>) {
    let speeches = [
        ("outputSpeech", response.output_speech.as_ref()),
        (
            "reprompt",
            response.reprompt.as_ref().map(|r| &r.output_speech),
        ),
    ];
    for (field, speech) in speeches {
        let Some(speech) = speech else { continue };
        let chars = speech.len();
        if chars > MAX_SPEECH_CHARS {
            found.push(Violation::SpeechTooLong { field, chars });
        }
        if let OutputSpeech::Ssml { ssml, .. } = speech
            && let Some(violation) = check_ssml(field, ssml.as_str())
        {
            found.push(violation);
        }
    }
}

/// Alexa's SSML uses the `amazon:` prefix (`<amazon:effect>`, `<amazon:emotion>`) without declaring it; the
/// namespace is declared here only so that a strict XML parser accepts those tags.
const AMAZON_NAMESPACE: &str = "https://developer.amazon.com/ssml";

fn check_ssml(field: &'static str, ssml: &str) -> Option<Violation> {
    let declared;
    let document = match roxmltree::Document::parse(ssml) {
        Err(roxmltree::Error::UnknownNamespace(prefix, _)) if prefix == "amazon" => {
            declared = ssml.replacen(
                "<speak",
                &format!(r#"<speak xmlns:amazon="{AMAZON_NAMESPACE}""#),
                1,
            );
            roxmltree::Document::parse(&declared)
        }
        parsed => parsed,
    };
    match document {
        Err(error) => Some(Violation::MalformedSsml {
            field,
            reason: error.to_string(),
        }),
        Ok(document) => {
            let root = document.root_element().tag_name();
            (root.name() != "speak").then(|| Violation::SsmlNotInSpeak {
                field,
                root: root.name().to_owned(),
            })
        }
    }
}

fn check_directives(response: &Response, found: &mut Vec<Violation>) {
    let plays: Vec<_> = response
        .directives
        .iter()
        .filter_map(|directive| match directive {
            Directive::Play(play) => Some(play),
            _ => None,
        })
        .collect();
    if plays.len() > MAX_PLAY_DIRECTIVES {
        found.push(Violation::TooManyPlays { count: plays.len() });
    }
    for play in plays {
        let offset = play.audio_item.stream.offset_in_milliseconds;
        if i64::try_from(offset).is_err() {
            found.push(Violation::OffsetOutOfRange { offset });
        }
        let has_expected = play.audio_item.stream.expected_previous_token.is_some();
        match (play.play_behavior, has_expected) {
            (PlayBehavior::Enqueue, false) => {
                found.push(Violation::EnqueueWithoutExpectedPreviousToken);
            }
            (behavior @ (PlayBehavior::ReplaceAll | PlayBehavior::ReplaceEnqueued), true) => {
                found.push(Violation::ExpectedPreviousTokenWithoutEnqueue { behavior });
            }
            _ => {}
        }
    }
    let sends_request = response
        .directives
        .iter()
        .any(|d| matches!(d, Directive::SendRequest { .. }));
    if sends_request {
        let conflicts = [
            (response.reprompt.is_some(), "a reprompt"),
            (
                response.should_end_session == Some(false),
                "shouldEndSession false",
            ),
            (
                response.directives.iter().any(|d| {
                    matches!(
                        d,
                        Directive::Play(_) | Directive::Stop | Directive::ClearQueue { .. }
                    )
                }),
                "an AudioPlayer directive",
            ),
        ];
        for (present, with) in conflicts {
            if present {
                found.push(Violation::SendRequestConflict { with });
            }
        }
    }
    for directive in &response.directives {
        if let Directive::UpdateDynamicEntities(entities) = directive {
            let count = entities.value_count();
            if count > MAX_DYNAMIC_ENTITY_VALUES {
                found.push(Violation::TooManyDynamicEntities { count });
            }
        }
    }
}

/// Returns `response` when it obeys every rule; otherwise logs one error line naming the violations (never the
/// response body, which may carry tokens) and returns a response that is always valid: `apology` alone, ending the
/// session, where speech is allowed (Launch, Intent), else `{"version":"1.0","response":{}}`.
#[must_use]
pub fn enforce(
    kind: RequestKind,
    response: ResponseEnvelope,
    apology: OutputSpeech,
) -> ResponseEnvelope {
    let found = violations(kind, &response);
    if found.is_empty() {
        return response;
    }
    let listed = found
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ");
    tracing::error!(
        alexa.request_type = kind.as_str(),
        violations = %listed,
        "response breaks alexa's rules; sending a safe response instead"
    );
    if speech_allowed(kind) {
        let apology = ResponseEnvelope::new(Response::default().speak(apology).end_session());
        // An apology that itself breaks a rule (too long, bad SSML) must not be what we send either.
        if violations(kind, &apology).is_empty() {
            return apology;
        }
    }
    ResponseEnvelope::empty()
}
