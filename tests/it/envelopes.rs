//! Request envelopes: Amazon's examples and our own real-traffic variety parse into the right variant, validate
//! against the emitted request schema, and survive a round trip; arbitrary JSON never panics the parser.

use std::fs;
use std::path::{Path, PathBuf};

use onair::alexa::{
    ConfirmationStatus, DialogState, MediaErrorType, PlayerActivity, Request, RequestEnvelope,
    RequestKind, SessionEndedReason, SkillErrorType, SlotValue, StatusCode, request_schema,
};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

const AMAZON_EXAMPLES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/amazon-examples"
);
const OUR_ENVELOPES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/envelopes");

/// Every `*request.json` in Amazon's examples and the variant it must parse into.
const AMAZON_KINDS: &[(&str, RequestKind)] = &[
    (
        "aws-sam-cli-AlexaEndSession-sessionendedrequest-request.json",
        RequestKind::SessionEnded,
    ),
    (
        "aws-sam-cli-AlexaIntentAnswer-intentrequest-request.json",
        RequestKind::Intent,
    ),
    (
        "aws-sam-cli-AlexaIntentGetNewFact-intentrequest-request.json",
        RequestKind::Intent,
    ),
    (
        "aws-sam-cli-AlexaIntentMyColorIs-intentrequest-request.json",
        RequestKind::Intent,
    ),
    (
        "aws-sam-cli-AlexaIntentRecipe-intentrequest-request.json",
        RequestKind::Intent,
    ),
    (
        "aws-sam-cli-AlexaStartSession-launchrequest-request.json",
        RequestKind::Launch,
    ),
    (
        "doc-playbackcontroller-nextcommandissued-request.json",
        RequestKind::NextCommandIssued,
    ),
    (
        "sample-multistream-intentrequest-amazon-nextintent-request.json",
        RequestKind::Intent,
    ),
    (
        "sample-multistream-intentrequest-playaudio-request.json",
        RequestKind::Intent,
    ),
    (
        "sample-multistream-launchrequest-no-audioplayer-request.json",
        RequestKind::Launch,
    ),
    (
        "sample-multistream-launchrequest-request.json",
        RequestKind::Launch,
    ),
    (
        "sample-singlestream-alexaskillevent-skilldisabled-request.json",
        RequestKind::SkillEvent,
    ),
    (
        "sample-singlestream-alexaskillevent-skillenabled-request.json",
        RequestKind::SkillEvent,
    ),
    (
        "sample-singlestream-audioplayer-playbackfailed-request.json",
        RequestKind::PlaybackFailed,
    ),
    (
        "sample-singlestream-audioplayer-playbacknearlyfinished-request.json",
        RequestKind::PlaybackNearlyFinished,
    ),
    (
        "sample-singlestream-audioplayer-playbackstopped-request.json",
        RequestKind::PlaybackStopped,
    ),
    (
        "sample-singlestream-intentrequest-amazon-nextintent-request.json",
        RequestKind::Intent,
    ),
    (
        "sample-singlestream-intentrequest-amazon-pauseintent-request.json",
        RequestKind::Intent,
    ),
    (
        "sample-singlestream-intentrequest-playaudio-request.json",
        RequestKind::Intent,
    ),
    (
        "sample-singlestream-launchrequest-no-audioplayer-request.json",
        RequestKind::Launch,
    ),
    (
        "sample-singlestream-launchrequest-request.json",
        RequestKind::Launch,
    ),
    (
        "sample-singlestream-playbackcontroller-nextcommandissued-request.json",
        RequestKind::NextCommandIssued,
    ),
    (
        "sample-singlestream-playbackcontroller-pausecommandissued-request.json",
        RequestKind::PauseCommandIssued,
    ),
    (
        "sample-singlestream-playbackcontroller-playcommandissued-request.json",
        RequestKind::PlayCommandIssued,
    ),
    (
        "sample-singlestream-playbackcontroller-previouscommandissued-request.json",
        RequestKind::PreviousCommandIssued,
    ),
    (
        "sample-singlestream-system-exceptionencountered-request.json",
        RequestKind::ExceptionEncountered,
    ),
];

/// Our envelopes, the variant each must parse into, and whether it is valid against the schema. The schema
/// describes a correct request; the parser accepts more, so the garbled and broken ones parse but do not validate.
const OUR_KINDS: &[(&str, RequestKind, bool)] = &[
    (
        "garbled-context-and-timestamp.json",
        RequestKind::PauseCommandIssued,
        false,
    ),
    ("intent-broken-body.json", RequestKind::Intent, true),
    (
        "intent-device-without-id-or-endpoint.json",
        RequestKind::Intent,
        true,
    ),
    (
        "intent-dynamic-and-static-authorities.json",
        RequestKind::Intent,
        true,
    ),
    (
        "intent-slot-key-differs-from-name.json",
        RequestKind::Intent,
        true,
    ),
    ("intent-slot-value-list.json", RequestKind::Intent, true),
    ("intent-unknown-enum-values.json", RequestKind::Intent, true),
    (
        "launch-extra-fields-everywhere.json",
        RequestKind::Launch,
        true,
    ),
    (
        "launch-no-session-no-device-no-locale.json",
        RequestKind::Launch,
        true,
    ),
    (
        "playback-failed-different-tokens.json",
        RequestKind::PlaybackFailed,
        true,
    ),
    (
        "playback-finished.json",
        RequestKind::PlaybackFinished,
        true,
    ),
    ("playback-started.json", RequestKind::PlaybackStarted, true),
    (
        "session-ended-with-error.json",
        RequestKind::SessionEnded,
        true,
    ),
    (
        "skill-event-skill-enabled-with-body.json",
        RequestKind::SkillEvent,
        true,
    ),
    ("unknown-request-type.json", RequestKind::Unknown, true),
];

fn files_under(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if file_name(&path).ends_with(suffix) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn file_name(path: &Path) -> &str {
    path.file_name().and_then(|name| name.to_str()).unwrap()
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn parse(path: &Path) -> RequestEnvelope {
    let text = fs::read_to_string(path).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()))
}

fn ours(name: &str) -> RequestEnvelope {
    parse(&Path::new(OUR_ENVELOPES).join(name))
}

fn schema_errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect()
}

fn assert_round_trips(name: &str, envelope: &RequestEnvelope) {
    let text = serde_json::to_string(envelope).unwrap();
    let again: RequestEnvelope = serde_json::from_str(&text).unwrap();
    assert_eq!(&again, envelope, "{name} changed in a round trip");
}

#[test]
fn every_amazon_example_parses_into_its_variant_validates_and_round_trips() {
    let validator = jsonschema::validator_for(&request_schema()).unwrap();
    let files = files_under(Path::new(AMAZON_EXAMPLES), "request.json");
    let names: Vec<&str> = files.iter().map(|path| file_name(path)).collect();
    let expected: Vec<&str> = {
        let mut names: Vec<&str> = AMAZON_KINDS.iter().map(|(name, _)| *name).collect();
        names.sort_unstable();
        names
    };
    let mut sorted_names = names.clone();
    sorted_names.sort_unstable();
    assert_eq!(
        sorted_names, expected,
        "the table must list every example file, and only those"
    );

    for path in &files {
        let name = file_name(path);
        let kind = AMAZON_KINDS.iter().find(|(n, _)| *n == name).unwrap().1;
        let envelope = parse(path);
        assert_eq!(envelope.kind(), kind, "{name}");
        assert_eq!(
            schema_errors(&validator, &read_json(path)),
            Vec::<String>::new(),
            "{name} against the request schema"
        );
        assert_round_trips(name, &envelope);
    }
}

#[test]
fn every_own_envelope_parses_into_its_variant_and_round_trips() {
    let validator = jsonschema::validator_for(&request_schema()).unwrap();
    let files = files_under(Path::new(OUR_ENVELOPES), ".json");
    assert_eq!(
        files.len(),
        OUR_KINDS.len(),
        "the table must list every fixture"
    );
    for path in &files {
        let name = file_name(path);
        let (_, kind, valid) = OUR_KINDS
            .iter()
            .find(|(n, _, _)| *n == name)
            .unwrap_or_else(|| panic!("{name} is missing from OUR_KINDS"));
        let envelope = parse(path);
        assert_eq!(envelope.kind(), *kind, "{name}");
        let errors = schema_errors(&validator, &read_json(path));
        assert_eq!(
            errors.is_empty(),
            *valid,
            "{name} against the request schema: {errors:?}"
        );
        assert_round_trips(name, &envelope);
    }
}

#[test]
fn amazon_examples_expose_the_fields_the_skill_reads() {
    let path = Path::new(AMAZON_EXAMPLES)
        .join("sample-singlestream-audioplayer-playbackfailed-request.json");
    let envelope = parse(&path);
    assert_eq!(envelope.request_id(), Some("amzn1.echo-api.request.123"));
    assert_eq!(envelope.locale(), Some("en-GB"));
    assert_eq!(
        envelope.timestamp().unwrap().to_rfc3339(),
        "2017-07-08T09:49:39+00:00"
    );
    assert!(envelope.supports_audio_player());
    assert_eq!(envelope.application_id(), Some("amzn1.ask.skill.123"));
    assert_eq!(envelope.user_id(), Some("amzn1.ask.account.123"));
    assert_eq!(envelope.device_id(), Some("amzn1.ask.device.123"));
    let player = envelope.audio_player().unwrap();
    assert_eq!(player.player_activity, Some(PlayerActivity::Stopped));
    assert_eq!(player.offset_in_milliseconds, Some(272_197));

    // The leading tab and the "session":{"attributes":{}} on an AudioPlayer request are quirks real traffic has too.
    let path = Path::new(AMAZON_EXAMPLES)
        .join("sample-singlestream-system-exceptionencountered-request.json");
    let Request::ExceptionEncountered(exception) = parse(&path).request else {
        panic!("variant")
    };
    let error = exception.error.unwrap();
    assert_eq!(error.error_type, SkillErrorType::InvalidResponse);
    assert_eq!(error.message.as_deref(), Some("SpeechletResponse was null"));
    assert_eq!(
        exception.cause.unwrap().request_id.as_deref(),
        Some("amzn1.echo-api.request.123")
    );

    let path = Path::new(AMAZON_EXAMPLES)
        .join("sample-multistream-launchrequest-no-audioplayer-request.json");
    assert!(!parse(&path).supports_audio_player());
}

#[test]
fn unknown_fields_everywhere_are_kept() {
    let envelope = ours("launch-extra-fields-everywhere.json");
    let Request::Launch(launch) = &envelope.request else {
        panic!("variant")
    };
    assert_eq!(
        launch.extra["task"],
        json!({ "name": "AMAZON.PlayMedia", "version": "1" })
    );
    assert_eq!(launch.extra["shouldLinkResultBeReturned"], json!(false));
    assert!(envelope.context.other.contains_key("Viewport"));
    assert!(envelope.context.other.contains_key("Extensions"));
    assert_eq!(
        envelope.timestamp().unwrap().to_rfc3339(),
        "2024-05-01T18:00:00.123+00:00"
    );
    assert_eq!(
        envelope.audio_player().unwrap().player_activity,
        Some(PlayerActivity::Idle)
    );
    assert!(envelope.supports_audio_player());

    let written = serde_json::to_value(&envelope).unwrap();
    assert_eq!(written["request"]["task"]["name"], "AMAZON.PlayMedia");
    assert_eq!(written["context"]["Viewports"][0]["dpi"], 213);
}

#[test]
fn missing_optional_fields_are_none() {
    let envelope = ours("launch-no-session-no-device-no-locale.json");
    assert!(envelope.session.is_none());
    assert!(envelope.context.system.device.is_none());
    assert!(envelope.context.system.api_endpoint.is_none());
    assert!(envelope.audio_player().is_none());
    assert_eq!(envelope.locale(), None);
    assert_eq!(envelope.device_id(), None);
    assert!(!envelope.supports_audio_player());
    assert_eq!(envelope.application_id(), Some("amzn1.ask.skill.0002"));

    let envelope = ours("intent-device-without-id-or-endpoint.json");
    assert!(envelope.supports_audio_player());
    assert_eq!(envelope.device_id(), None);
    // context.System has no application or user here, so the session's are used.
    assert_eq!(
        envelope.application_id(),
        Some("amzn1.ask.skill.from-session")
    );
    assert_eq!(envelope.user_id(), Some("amzn1.ask.account.from-session"));
    assert_eq!(envelope.session.unwrap().attributes["lastShow"], "show-42");
}

#[test]
fn unknown_request_type_keeps_its_name_and_body() {
    let envelope = ours("unknown-request-type.json");
    let Request::Unknown(unknown) = &envelope.request else {
        panic!("variant")
    };
    assert_eq!(unknown.type_name, "Alexa.Presentation.APL.UserEvent");
    assert_eq!(unknown.raw["arguments"], json!(["goBack"]));
    assert_eq!(
        envelope.request.type_name(),
        "Alexa.Presentation.APL.UserEvent"
    );
    assert_eq!(envelope.request_id(), Some("amzn1.echo-api.request.0004"));
    assert_eq!(envelope.locale(), Some("en-GB"));
    assert!(envelope.timestamp().is_some());

    let written = serde_json::to_value(&envelope.request).unwrap();
    assert_eq!(written["type"], "Alexa.Presentation.APL.UserEvent");
    assert_eq!(written["source"]["handler"], "Press");
}

#[test]
fn unknown_enum_values_are_kept_verbatim() {
    let envelope = ours("intent-unknown-enum-values.json");
    let Request::Intent(intent_request) = &envelope.request else {
        panic!("variant")
    };
    assert_eq!(
        intent_request.dialog_state,
        Some(DialogState::Unknown("HALF_DONE".to_owned()))
    );
    let intent = &intent_request.intent;
    assert_eq!(
        intent.confirmation_status,
        Some(ConfirmationStatus::Unknown("MAYBE".to_owned()))
    );
    let slot = intent.slot("source").unwrap();
    let authority = &slot.resolutions.as_ref().unwrap().resolutions_per_authority[0];
    assert_eq!(
        authority.status.code,
        StatusCode::Unknown("ER_SUCCESS_PARTIAL_MATCH".to_owned())
    );
    // Only ER_SUCCESS_MATCH counts as resolved; a status we do not know is not a match.
    assert!(slot.resolved_ids().is_empty());
    assert_eq!(slot.spoken(), Some("kexp"));
    assert_eq!(
        envelope.audio_player().unwrap().player_activity,
        Some(PlayerActivity::Unknown("SOMETHING_NEW".to_owned()))
    );

    let written = serde_json::to_value(&envelope).unwrap();
    assert_eq!(
        written["context"]["AudioPlayer"]["playerActivity"],
        "SOMETHING_NEW"
    );
    assert_eq!(written["request"]["dialogState"], "HALF_DONE");
}

#[test]
fn slot_is_found_by_name_when_its_key_differs() {
    let envelope = ours("intent-slot-key-differs-from-name.json");
    let Request::Intent(intent_request) = &envelope.request else {
        panic!("variant")
    };
    let intent = &intent_request.intent;
    let slot = intent
        .slot("source")
        .expect("found by its name, not its key");
    assert_eq!(slot.spoken(), Some("the crocodile"), "trimmed");
    assert_eq!(intent.slot("Item"), Some(slot), "the key still works");
    assert_eq!(
        intent.slot("when").unwrap().spoken(),
        None,
        "an empty value is no value"
    );
    assert_eq!(intent.slot("nope"), None);
}

#[test]
fn list_slot_values_resolve_every_element_and_keep_unknown_forms() {
    let envelope = ours("intent-slot-value-list.json");
    let Request::Intent(intent_request) = &envelope.request else {
        panic!("variant")
    };
    let slot = intent_request.intent.slot("sources").unwrap();
    let Some(SlotValue::List { values }) = &slot.slot_value else {
        panic!("list form")
    };
    assert_eq!(values.len(), 3);
    assert!(matches!(&values[2], SlotValue::Unknown(raw) if raw["type"] == "Range"));
    let ids: Vec<_> = slot
        .resolved_ids()
        .into_iter()
        .map(|v| v.id.unwrap())
        .collect();
    assert_eq!(ids, ["kexp", "radio-paradise"]);
    assert_eq!(slot.spoken(), None, "a list has no single spoken value");
}

#[test]
fn dynamic_authority_matches_come_first() {
    let envelope = ours("intent-dynamic-and-static-authorities.json");
    let Request::Intent(intent_request) = &envelope.request else {
        panic!("variant")
    };
    assert_eq!(intent_request.dialog_state, Some(DialogState::Started));
    let resolved = intent_request.intent.slot("source").unwrap().resolved_ids();
    let summary: Vec<(&str, &str, bool)> = resolved
        .iter()
        .map(|v| (v.id.as_deref().unwrap(), v.name.as_str(), v.is_dynamic()))
        .collect();
    assert_eq!(
        summary,
        [
            ("venue-42", "the crocodile", true),
            ("venue-7", "The Crocodile Cafe", false),
            ("venue-9", "Crocodile Club", false),
        ]
    );
}

#[test]
fn playback_failed_keeps_both_tokens() {
    let envelope = ours("playback-failed-different-tokens.json");
    let Request::PlaybackFailed(failed) = &envelope.request else {
        panic!("variant")
    };
    assert_eq!(failed.token.as_deref(), Some("show-43-next"));
    let state = failed.current_playback_state.as_ref().unwrap();
    assert_eq!(state.token.as_deref(), Some("show-42"));
    assert_eq!(state.player_activity, Some(PlayerActivity::Playing));
    let error = failed.error.as_ref().unwrap();
    assert_eq!(error.error_type, MediaErrorType::ServiceUnavailable);
    assert_eq!(error.message.as_deref(), Some("503 from origin"));
}

#[test]
fn playback_events_carry_token_and_offset() {
    let envelope = ours("playback-finished.json");
    let Request::PlaybackFinished(event) = &envelope.request else {
        panic!("variant")
    };
    assert_eq!(event.token.as_deref(), Some("show-42"));
    assert_eq!(event.offset_in_milliseconds, Some(7_200_000));
    assert!(envelope.session.is_none());
}

#[test]
fn session_ended_with_error_keeps_reason_and_error() {
    let envelope = ours("session-ended-with-error.json");
    let Request::SessionEnded(ended) = &envelope.request else {
        panic!("variant")
    };
    assert_eq!(ended.reason, Some(SessionEndedReason::Error));
    let error = ended.error.as_ref().unwrap();
    assert_eq!(error.error_type, SkillErrorType::InvalidResponse);
    assert!(
        error
            .message
            .as_deref()
            .unwrap()
            .starts_with("An exception occurred")
    );
}

#[test]
fn skill_event_keeps_its_full_type_and_body() {
    let envelope = ours("skill-event-skill-enabled-with-body.json");
    let Request::SkillEvent(event) = &envelope.request else {
        panic!("variant")
    };
    assert_eq!(event.event_type, "AlexaSkillEvent.SkillEnabled");
    assert_eq!(
        event.event_creation_time.as_deref(),
        Some("2024-05-01T17:59:58Z")
    );
    assert_eq!(
        event.body.as_ref().unwrap()["userInformationPersistenceStatus"],
        "PERSISTED"
    );
    assert_eq!(envelope.device_id(), None);
    let written = serde_json::to_value(&envelope.request).unwrap();
    assert_eq!(written["type"], "AlexaSkillEvent.SkillEnabled");
}

#[test]
fn an_intent_request_without_its_intent_stays_an_intent_request() {
    // A garbled or missing `intent` degrades to absent (SPEC §9): the skill answers an intent it does not know
    // instead of treating the whole request as unknown and ending the session silently.
    let envelope = ours("intent-broken-body.json");
    let Request::Intent(request) = &envelope.request else {
        panic!("variant")
    };
    assert_eq!(request.intent.name, "");
    assert!(request.intent.slots.is_empty());
    assert_eq!(envelope.request_id(), Some("amzn1.echo-api.request.0012"));
    assert!(envelope.session.is_some());
}

#[test]
fn garbled_context_degrades_to_absent_fields() {
    let envelope = ours("garbled-context-and-timestamp.json");
    assert_eq!(envelope.version, "1.0");
    assert!(envelope.session.is_none());
    assert_eq!(envelope.context.system, Default::default());
    assert!(envelope.audio_player().is_none());
    assert!(envelope.context.other.contains_key("Display"));
    assert_eq!(envelope.request.timestamp(), Some("yesterday evening"));
    assert_eq!(envelope.timestamp(), None, "kept raw, but not a time");
}

#[test]
fn envelope_without_version_or_context_still_parses() {
    let envelope: RequestEnvelope = serde_json::from_value(json!({
        "request": { "type": "LaunchRequest" }
    }))
    .unwrap();
    assert_eq!(envelope.version, "1.0");
    assert_eq!(envelope.kind(), RequestKind::Launch);
    assert_eq!(envelope.request_id(), None);
}

// ---------------------------------------------------------------------------------------------------------------------
// Property tests

const KNOWN_TYPES: &[&str] = &[
    "LaunchRequest",
    "IntentRequest",
    "SessionEndedRequest",
    "AudioPlayer.PlaybackStarted",
    "AudioPlayer.PlaybackFinished",
    "AudioPlayer.PlaybackStopped",
    "AudioPlayer.PlaybackNearlyFinished",
    "AudioPlayer.PlaybackFailed",
    "PlaybackController.PlayCommandIssued",
    "PlaybackController.PauseCommandIssued",
    "PlaybackController.NextCommandIssued",
    "PlaybackController.PreviousCommandIssued",
    "System.ExceptionEncountered",
    "AlexaSkillEvent.SkillEnabled",
];

/// Keys the parser looks at, mixed with random ones, so generated objects hit the typed paths.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "System",
            "AudioPlayer",
            "application",
            "applicationId",
            "user",
            "userId",
            "device",
            "deviceId",
            "supportedInterfaces",
            "apiEndpoint",
            "requestId",
            "timestamp",
            "locale",
            "intent",
            "name",
            "slots",
            "value",
            "slotValue",
            "values",
            "resolutions",
            "resolutionsPerAuthority",
            "status",
            "code",
            "token",
            "offsetInMilliseconds",
            "playerActivity",
            "error",
            "message",
            "cause",
            "reason",
            "dialogState",
            "confirmationStatus",
            "currentPlaybackState",
            "body",
            "type",
        ])
        .prop_map(str::to_owned),
        "[a-zA-Z]{1,8}",
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1.0e9f64..1.0e9).prop_map(Value::from),
        prop::sample::select(vec![
            "IDLE",
            "PLAYING",
            "ER_SUCCESS_MATCH",
            "Simple",
            "List",
            "NONE"
        ])
        .prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(key(), inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

fn json_object() -> impl Strategy<Value = Map<String, Value>> {
    prop::collection::btree_map(key(), json_value(), 0..8).prop_map(|map| map.into_iter().collect())
}

fn request_type() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(KNOWN_TYPES.to_vec()).prop_map(str::to_owned),
        "AlexaSkillEvent\\.[A-Za-z]{0,12}",
        ".{0,24}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_request_with_a_string_type_parses_and_round_trips(
        context in json_object(),
        type_name in request_type(),
        mut fields in json_object(),
    ) {
        fields.insert("type".to_owned(), Value::from(type_name.clone()));
        let input = json!({ "version": "1.0", "context": context, "request": fields });

        let envelope: RequestEnvelope = serde_json::from_value(input)
            .expect("a request object with a string type always parses");
        let kind = envelope.kind();
        let named = RequestKind::from_type_name(&type_name);
        prop_assert!(kind == named || kind == RequestKind::Unknown, "{type_name} parsed as {kind}");
        prop_assert_eq!(envelope.request.type_name(), type_name.as_str());

        let text = serde_json::to_string(&envelope).unwrap();
        let again: RequestEnvelope = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(again, envelope);
    }

    #[test]
    fn arbitrary_json_never_panics_the_parser(value in json_value()) {
        let _ = serde_json::from_value::<RequestEnvelope>(value.clone());
        let _ = serde_json::from_value::<Request>(value);
    }

    #[test]
    fn arbitrary_text_never_panics_the_parser(text in ".{0,64}") {
        let _ = serde_json::from_str::<RequestEnvelope>(&text);
    }
}
