//! Wire shapes of responses and directives, each compared with a `json!` literal a reader can check against SPEC §2,
//! plus the newtypes' refusals.

use onair::alexa::{
    AudioItemMetadata, Card, CardImage, ClearBehavior, Directive, Entity, EntityName, EntityType,
    Image, ImageSize, ImageSource, ImageUrl, OutputSpeech, PlayBehavior, Response,
    ResponseEnvelope, Ssml, SsmlBuilder, Stream, StreamToken, StreamUrl, ValueError,
    response_schema,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn url(url: &str) -> StreamUrl {
    StreamUrl::new(url).unwrap()
}

fn token(token: &str) -> StreamToken {
    StreamToken::new(token).unwrap()
}

fn image(url: &str) -> ImageUrl {
    ImageUrl::new(url).unwrap()
}

fn find_null(value: &Value, path: &str) -> Option<String> {
    match value {
        Value::Null => Some(path.to_owned()),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| find_null(item, &format!("{path}[{i}]"))),
        Value::Object(fields) => fields
            .iter()
            .find_map(|(key, item)| find_null(item, &format!("{path}.{key}"))),
        _ => None,
    }
}

/// Serializes `value`, compares it with `expected`, checks there is no `null`, and reads it back unchanged.
fn assert_wire<T>(value: &T, expected: Value)
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let written = serde_json::to_value(value).unwrap();
    assert_eq!(written, expected);
    assert_eq!(find_null(&written, "$"), None, "no null on the wire");
    let read: T = serde_json::from_value(written).unwrap();
    assert_eq!(&read, value, "reads back unchanged");
}

/// Wraps a directive in a response, checks the response against the emitted response schema.
fn assert_valid_response(envelope: &ResponseEnvelope) {
    let validator = jsonschema::validator_for(&response_schema()).unwrap();
    let instance = serde_json::to_value(envelope).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| e.to_string())
        .collect();
    assert_eq!(errors, Vec::<String>::new(), "{instance}");
}

#[test]
fn play_with_metadata() {
    let art = Image {
        content_description: Some("The Crocodile stage".to_owned()),
        sources: vec![ImageSource {
            url: image("https://cdn.example.com/art-480.png"),
            size: Some(ImageSize::Large),
            width_pixels: Some(480),
            height_pixels: Some(480),
        }],
    };
    let background = Image {
        content_description: None,
        sources: vec![ImageSource::new(image("https://cdn.example.com/bg.png"))],
    };
    let directive = Directive::play(
        PlayBehavior::ReplaceAll,
        Stream::new(
            url("https://stream.example.com/live.m3u8"),
            token("show-42"),
        ),
        Some(AudioItemMetadata {
            title: Some("Friday Night Live".to_owned()),
            subtitle: Some("The Crocodile, Seattle".to_owned()),
            art: Some(art),
            background_image: Some(background),
        }),
    );
    assert_wire(
        &directive,
        json!({
            "type": "AudioPlayer.Play",
            "playBehavior": "REPLACE_ALL",
            "audioItem": {
                "stream": {
                    "url": "https://stream.example.com/live.m3u8",
                    "token": "show-42",
                    "offsetInMilliseconds": 0
                },
                "metadata": {
                    "title": "Friday Night Live",
                    "subtitle": "The Crocodile, Seattle",
                    "art": {
                        "contentDescription": "The Crocodile stage",
                        "sources": [{
                            "url": "https://cdn.example.com/art-480.png",
                            "size": "LARGE",
                            "widthPixels": 480,
                            "heightPixels": 480
                        }]
                    },
                    "backgroundImage": {
                        "sources": [{ "url": "https://cdn.example.com/bg.png" }]
                    }
                }
            }
        }),
    );
    assert_valid_response(&ResponseEnvelope::new(
        Response::default().directive(directive),
    ));
}

#[test]
fn play_enqueue_with_expected_previous_token() {
    let stream = Stream {
        expected_previous_token: Some(token("show-42")),
        offset_in_milliseconds: 1500,
        ..Stream::new(url("https://stream.example.com/next.mp3"), token("show-43"))
    };
    let directive = Directive::play(PlayBehavior::Enqueue, stream, None);
    assert_wire(
        &directive,
        json!({
            "type": "AudioPlayer.Play",
            "playBehavior": "ENQUEUE",
            "audioItem": {
                "stream": {
                    "url": "https://stream.example.com/next.mp3",
                    "token": "show-43",
                    "expectedPreviousToken": "show-42",
                    "offsetInMilliseconds": 1500
                }
            }
        }),
    );
}

#[test]
fn stop_and_clear_queue() {
    assert_wire(&Directive::stop(), json!({ "type": "AudioPlayer.Stop" }));
    assert_wire(
        &Directive::clear_queue(ClearBehavior::ClearAll),
        json!({ "type": "AudioPlayer.ClearQueue", "clearBehavior": "CLEAR_ALL" }),
    );
    assert_wire(
        &Directive::clear_queue(ClearBehavior::ClearEnqueued),
        json!({ "type": "AudioPlayer.ClearQueue", "clearBehavior": "CLEAR_ENQUEUED" }),
    );
}

#[test]
fn update_dynamic_entities_replace_and_clear() {
    let replace = Directive::replace_dynamic_entities(vec![EntityType {
        name: "LIVE_SOURCE".to_owned(),
        values: vec![
            Entity {
                id: Some("venue-42".to_owned()),
                name: EntityName {
                    value: "the crocodile".to_owned(),
                    synonyms: vec!["crocodile seattle".to_owned()],
                },
            },
            Entity {
                id: None,
                name: EntityName {
                    value: "kexp".to_owned(),
                    synonyms: Vec::new(),
                },
            },
        ],
    }]);
    assert_wire(
        &replace,
        json!({
            "type": "Dialog.UpdateDynamicEntities",
            "updateBehavior": "REPLACE",
            "types": [{
                "name": "LIVE_SOURCE",
                "values": [
                    { "id": "venue-42", "name": { "value": "the crocodile", "synonyms": ["crocodile seattle"] } },
                    { "name": { "value": "kexp" } }
                ]
            }]
        }),
    );
    assert_wire(
        &Directive::clear_dynamic_entities(),
        json!({ "type": "Dialog.UpdateDynamicEntities", "updateBehavior": "CLEAR" }),
    );
}

#[test]
fn ssml_text_is_escaped_and_wrapped_in_speak() {
    let envelope = ResponseEnvelope::new(
        Response::default()
            .speak(OutputSpeech::ssml(Ssml::from_text("Tom & Jerry <live>")))
            .end_session(),
    );
    assert_wire(
        &envelope,
        json!({
            "version": "1.0",
            "response": {
                "outputSpeech": { "type": "SSML", "ssml": "<speak>Tom &amp; Jerry &lt;live&gt;</speak>" },
                "shouldEndSession": true
            }
        }),
    );
    assert_valid_response(&envelope);
}

#[test]
fn ssml_builder_pieces() {
    let ssml = SsmlBuilder::new()
        .text("Starting at ")
        .say_as("time", "8:00pm")
        .pause(std::time::Duration::from_millis(500))
        .sentence("Enjoy the show.")
        .build();
    assert_eq!(
        ssml.as_str(),
        r#"<speak>Starting at <say-as interpret-as="time">8:00pm</say-as><break time="500ms"/><s>Enjoy the show.</s></speak>"#
    );
}

#[test]
fn speech_reprompt_and_open_session() {
    let envelope = ResponseEnvelope::new(
        Response::default()
            .speak(OutputSpeech::plain("Which show?"))
            .reprompt(OutputSpeech::plain("Say a show's name."))
            .keep_session_open(),
    );
    assert_wire(
        &envelope,
        json!({
            "version": "1.0",
            "response": {
                "outputSpeech": { "type": "PlainText", "text": "Which show?" },
                "reprompt": { "outputSpeech": { "type": "PlainText", "text": "Say a show's name." } },
                "shouldEndSession": false
            }
        }),
    );
    assert_valid_response(&envelope);
}

#[test]
fn simple_and_standard_cards() {
    assert_wire(
        &Card::Simple {
            title: "Now playing".to_owned(),
            content: "Friday Night Live".to_owned(),
        },
        json!({ "type": "Simple", "title": "Now playing", "content": "Friday Night Live" }),
    );
    let standard = Card::Standard {
        title: "Now playing".to_owned(),
        text: "Friday Night Live".to_owned(),
        image: Some(CardImage {
            small_image_url: Some(image("https://cdn.example.com/720.png")),
            large_image_url: Some(image("https://cdn.example.com/1200.png")),
        }),
    };
    assert_wire(
        &standard,
        json!({
            "type": "Standard",
            "title": "Now playing",
            "text": "Friday Night Live",
            "image": {
                "smallImageUrl": "https://cdn.example.com/720.png",
                "largeImageUrl": "https://cdn.example.com/1200.png"
            }
        }),
    );
    assert_valid_response(&ResponseEnvelope::new(Response::default().card(standard)));
}

#[test]
fn empty_envelope() {
    assert_wire(
        &ResponseEnvelope::empty(),
        json!({ "version": "1.0", "response": {} }),
    );
    assert_valid_response(&ResponseEnvelope::empty());
}

#[test]
fn session_attributes_are_written_only_when_set() {
    let mut envelope = ResponseEnvelope::new(Response::default().end_session());
    envelope.session_attributes = Some([("lastShow".to_owned(), json!("show-42"))].into());
    assert_wire(
        &envelope,
        json!({
            "version": "1.0",
            "sessionAttributes": { "lastShow": "show-42" },
            "response": { "shouldEndSession": true }
        }),
    );
}

#[test]
fn response_schema_refuses_null_and_http() {
    let validator = jsonschema::validator_for(&response_schema()).unwrap();
    let with_null = json!({ "version": "1.0", "response": { "outputSpeech": null } });
    assert!(!validator.is_valid(&with_null));
    let with_http = json!({ "version": "1.0", "response": { "directives": [{
        "type": "AudioPlayer.Play",
        "playBehavior": "REPLACE_ALL",
        "audioItem": { "stream": { "url": "http://stream.example.com/live.mp3", "token": "t", "offsetInMilliseconds": 0 } }
    }] } });
    assert!(!validator.is_valid(&with_http));
}

#[test]
fn stream_url_refuses_http() {
    assert_eq!(
        StreamUrl::new("http://stream.example.com/live.mp3"),
        Err(ValueError::NotHttps {
            what: "stream url",
            scheme: "http".to_owned()
        })
    );
    assert_eq!(
        StreamUrl::new("http://stream.example.com/live.mp3")
            .unwrap_err()
            .to_string(),
        "stream url must use https, got `http`"
    );
    assert!(ImageUrl::new("http://cdn.example.com/a.png").is_err());
}

#[test]
fn stream_url_refuses_more_than_8000_characters() {
    let base = "https://stream.example.com/";
    let at_limit = format!("{base}{}", "a".repeat(8000 - base.len()));
    assert_eq!(url(&at_limit).as_str().len(), 8000);
    assert_eq!(
        StreamUrl::new(format!("{at_limit}a")),
        Err(ValueError::TooLong {
            what: "stream url",
            len: 8001,
            max: 8000
        })
    );
}

#[test]
fn stream_token_refuses_empty_and_more_than_1024_characters() {
    assert!(StreamToken::new("t".repeat(1024)).is_ok());
    assert_eq!(
        StreamToken::new("t".repeat(1025)),
        Err(ValueError::TooLong {
            what: "stream token",
            len: 1025,
            max: 1024
        })
    );
    assert_eq!(
        StreamToken::new(""),
        Err(ValueError::Empty {
            what: "stream token"
        })
    );
}

#[test]
fn newtypes_check_values_read_from_json_too() {
    let error = serde_json::from_value::<StreamUrl>(json!("http://stream.example.com/live.mp3"))
        .unwrap_err();
    assert!(error.to_string().contains("must use https"), "{error}");
    assert!(serde_json::from_value::<StreamToken>(json!("")).is_err());
    assert!(serde_json::from_value::<ImageUrl>(json!("ftp://cdn.example.com/a.png")).is_err());
}

#[test]
fn ask_for_the_reminders_permission_by_voice() {
    let directive = Directive::ask_for_permission(
        "alexa::alerts:reminders:skill:readwrite",
        "remind:sera-uno@20261122T1700Z".to_owned(),
    );
    assert_wire(
        &directive,
        json!({
            "type": "Connections.SendRequest",
            "name": "AskFor",
            "payload": {
                "@type": "AskForPermissionsConsentRequest",
                "@version": "1",
                "permissionScope": "alexa::alerts:reminders:skill:readwrite"
            },
            "token": "remind:sera-uno@20261122T1700Z"
        }),
    );
    assert_valid_response(&ResponseEnvelope::new(
        Response::default().directive(directive),
    ));
}

#[test]
fn permissions_card() {
    let card = Card::AskForPermissionsConsent {
        permissions: vec!["alexa::alerts:reminders:skill:readwrite".to_owned()],
    };
    assert_wire(
        &card,
        json!({
            "type": "AskForPermissionsConsent",
            "permissions": ["alexa::alerts:reminders:skill:readwrite"]
        }),
    );
    assert_valid_response(&ResponseEnvelope::new(Response::default().card(card)));
}
