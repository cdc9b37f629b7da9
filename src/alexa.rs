//! Alexa Skills Kit wire types: request and response envelopes, directives, and the response guard.
//!
//! The types mirror the JSON contract one-to-one (digest: `shared/alexa/SPEC.md`; reference:
//! <https://developer.amazon.com/docs/custom-skills/request-and-response-json-reference.html>). This module holds no
//! skill logic and does no I/O; the only rules in it are Alexa's own, checked by [`guard`].
//!
//! - [`request`]: [`RequestEnvelope`] and the [`Request`] enum, parsed leniently.
//! - [`response`]: [`ResponseEnvelope`], speech, cards; [`directive`]: AudioPlayer and Dialog directives.
//! - [`values`]: newtypes checked at construction ([`StreamUrl`], [`StreamToken`], [`ImageUrl`]).
//! - [`ssml`]: [`Ssml`], well-formed by construction.
//! - [`guard`]: [`violations`] and [`enforce`], the last check before a response is sent.
//! - [`schema`]: JSON Schemas of both envelopes.
//! - [`proactive_event`]: the body of a Proactive Events API call (go-live notifications).

pub mod body_error;
pub mod directive;
pub mod guard;
pub mod proactive_event;
pub mod request;
pub mod response;
pub mod schema;
pub mod ssml;
pub mod values;

pub use body_error::BodyError;
pub use directive::{
    AskForPermissionsConsentRequest, AudioItem, AudioItemMetadata, ClearBehavior, Directive,
    DynamicEntities, Entity, EntityName, EntityType, Image, ImageSize, ImageSource, PlayBehavior,
    PlayDirective, Stream, UpdateBehavior,
};
pub use guard::{Violation, enforce, speech_allowed, violations};
pub use request::{
    Application, AskForPayload, AudioPlayerContext, AuthorityResolution, Cause, ConfirmationStatus,
    ConnectionsResponse, ConnectionsStatus, ConsentStatus, Context, ControllerCommand, Device,
    DialogState, ExceptionEncounteredRequest, Intent, IntentRequest, LaunchRequest, MediaError,
    MediaErrorType, PermissionStatus, Permissions, PlaybackEvent, PlaybackFailedRequest,
    PlayerActivity, Request, RequestEnvelope, RequestKind, ResolutionStatus, ResolutionValue,
    Resolutions, ResolvedValue, Scope, Session, SessionEndedReason, SessionEndedRequest,
    SkillError, SkillErrorType, SkillEventRequest, Slot, SlotValue, StatusCode, SystemContext,
    UnknownRequest, User, ValueWrapper,
};
pub use response::{
    Card, CardImage, OutputSpeech, Reprompt, Response, ResponseEnvelope, SpeechPlayBehavior,
};
pub use schema::{request_schema, response_schema};
pub use ssml::{Ssml, SsmlBuilder};
pub use values::{ImageUrl, StreamToken, StreamUrl, ValueError};
