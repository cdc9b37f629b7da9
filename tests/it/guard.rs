//! The response guard: each row of the SPEC §2.3 matrix, each §3 limit, SSML well-formedness, and `enforce`.

use std::io::Write;
use std::sync::{Arc, Mutex};

use onair::alexa::{
    Card, ClearBehavior, Directive, Entity, EntityName, EntityType, OutputSpeech, PlayBehavior,
    RequestKind, Response, ResponseEnvelope, Ssml, Stream, StreamToken, StreamUrl, Violation,
    enforce, violations,
};
use serde_json::json;

fn stream(token: &str) -> Stream {
    Stream::new(
        StreamUrl::new("https://stream.example.com/live.m3u8").unwrap(),
        StreamToken::new(token).unwrap(),
    )
}

fn play(behavior: PlayBehavior) -> Directive {
    let mut stream = stream("show-42");
    if behavior == PlayBehavior::Enqueue {
        stream.expected_previous_token = Some(StreamToken::new("show-41").unwrap());
    }
    Directive::play(behavior, stream, None)
}

fn respond(response: Response) -> ResponseEnvelope {
    ResponseEnvelope::new(response)
}

fn ssml_from_wire(ssml: &str) -> Ssml {
    serde_json::from_value(json!(ssml)).unwrap()
}

/// One piece a response can carry, named after the matrix column it belongs to.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Piece {
    Speech,
    Card,
    Reprompt,
    Play,
    Stop,
    ClearQueue,
    Dialog,
    ShouldEndSession,
    SessionAttributes,
}

const ALL_PIECES: [Piece; 9] = [
    Piece::Speech,
    Piece::Card,
    Piece::Reprompt,
    Piece::Play,
    Piece::Stop,
    Piece::ClearQueue,
    Piece::Dialog,
    Piece::ShouldEndSession,
    Piece::SessionAttributes,
];

/// A response holding only `piece`.
fn with(piece: Piece) -> ResponseEnvelope {
    let response = Response::default();
    let mut envelope = respond(match piece {
        Piece::Speech => response.speak(OutputSpeech::plain("Hello")),
        Piece::Card => response.card(Card::Simple {
            title: "Now playing".to_owned(),
            content: "Friday Night Live".to_owned(),
        }),
        Piece::Reprompt => response.reprompt(OutputSpeech::plain("Which show?")),
        Piece::Play => response.directive(play(PlayBehavior::ReplaceAll)),
        Piece::Stop => response.directive(Directive::stop()),
        Piece::ClearQueue => response.directive(Directive::clear_queue(ClearBehavior::ClearAll)),
        Piece::Dialog => response.directive(Directive::clear_dynamic_entities()),
        Piece::ShouldEndSession => response.end_session(),
        Piece::SessionAttributes => response,
    });
    if piece == Piece::SessionAttributes {
        envelope.session_attributes = Some([("show".to_owned(), json!("show-42"))].into());
    }
    envelope
}

/// The violation the guard must report for `piece` where the matrix forbids it.
fn refusal(kind: RequestKind, piece: Piece) -> Violation {
    let field = |field| Violation::FieldNotAllowed { kind, field };
    let directive = |directive| Violation::DirectiveNotAllowed { kind, directive };
    match piece {
        Piece::Speech => field("outputSpeech"),
        Piece::Card => field("card"),
        Piece::Reprompt => field("reprompt"),
        Piece::ShouldEndSession => field("shouldEndSession"),
        Piece::SessionAttributes => field("sessionAttributes"),
        Piece::Play => directive("AudioPlayer.Play"),
        Piece::Stop => directive("AudioPlayer.Stop"),
        Piece::ClearQueue => directive("AudioPlayer.ClearQueue"),
        Piece::Dialog => directive("Dialog.UpdateDynamicEntities"),
    }
}

/// SPEC §2.3, one row per line: the request kinds and the pieces their answers may carry. shouldEndSession and
/// sessionAttributes are ignored (so harmless) on AudioPlayer and PlaybackController answers; where Alexa accepts no
/// response at all, and for skill events and unknown types, nothing but the empty envelope passes.
fn matrix() -> Vec<(Vec<RequestKind>, Vec<Piece>)> {
    use Piece::{ClearQueue, Play, SessionAttributes, ShouldEndSession, Stop};
    use RequestKind as K;
    vec![
        (vec![K::Launch, K::Intent], ALL_PIECES.to_vec()),
        (vec![K::SessionEnded], vec![]),
        (
            vec![K::PlaybackStarted],
            vec![Stop, ClearQueue, ShouldEndSession, SessionAttributes],
        ),
        (
            vec![K::PlaybackFinished],
            vec![Stop, ClearQueue, ShouldEndSession, SessionAttributes],
        ),
        (vec![K::PlaybackStopped], vec![]),
        (
            vec![K::PlaybackNearlyFinished],
            vec![Play, Stop, ClearQueue, ShouldEndSession, SessionAttributes],
        ),
        (
            vec![K::PlaybackFailed],
            vec![Play, Stop, ClearQueue, ShouldEndSession, SessionAttributes],
        ),
        (
            vec![
                K::PlayCommandIssued,
                K::PauseCommandIssued,
                K::NextCommandIssued,
                K::PreviousCommandIssued,
            ],
            vec![Play, Stop, ClearQueue, ShouldEndSession, SessionAttributes],
        ),
        (vec![K::ExceptionEncountered], vec![]),
        (vec![K::SkillEvent, K::Unknown], vec![]),
    ]
}

#[test]
fn matrix_rows_refuse_what_they_forbid_and_pass_what_they_allow() {
    for (kinds, allowed) in matrix() {
        for kind in kinds {
            assert_eq!(
                violations(kind, &ResponseEnvelope::empty()),
                [],
                "{kind}: empty envelope"
            );
            for piece in ALL_PIECES {
                let found = violations(kind, &with(piece));
                if allowed.contains(&piece) {
                    assert_eq!(found, [], "{kind} allows {piece:?}");
                } else {
                    assert_eq!(found, [refusal(kind, piece)], "{kind} forbids {piece:?}");
                }
            }
        }
    }
}

#[test]
fn every_request_kind_has_a_matrix_row() {
    let covered: Vec<RequestKind> = matrix().into_iter().flat_map(|(kinds, _)| kinds).collect();
    assert_eq!(covered.len(), 15);
}

#[test]
fn realistic_answers_pass_their_rows() {
    let launch = respond(
        Response::default()
            .speak(OutputSpeech::plain("Here is Friday Night Live."))
            .card(Card::Simple {
                title: "Now playing".to_owned(),
                content: "Friday Night Live".to_owned(),
            })
            .directive(play(PlayBehavior::ReplaceAll))
            .end_session(),
    );
    assert_eq!(violations(RequestKind::Launch, &launch), []);

    let nearly_finished =
        respond(Response::default().directive(play(PlayBehavior::ReplaceEnqueued)));
    assert_eq!(
        violations(RequestKind::PlaybackNearlyFinished, &nearly_finished),
        []
    );

    let pause_button = respond(Response::default().directive(Directive::stop()));
    assert_eq!(
        violations(RequestKind::PauseCommandIssued, &pause_button),
        []
    );
}

#[test]
fn violations_are_all_reported_and_read_well() {
    let envelope = respond(
        Response::default()
            .speak(OutputSpeech::plain("Hello"))
            .directive(play(PlayBehavior::ReplaceAll)),
    );
    let found = violations(RequestKind::PlaybackStarted, &envelope);
    let messages: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "AudioPlayer.PlaybackStarted responses may not contain outputSpeech",
            "AudioPlayer.PlaybackStarted responses may not contain an AudioPlayer.Play directive",
        ]
    );
}

// ---------------------------------------------------------------------------------------------------------------------
// SPEC §3 limits

#[test]
fn speech_and_reprompt_are_limited_to_8000_characters() {
    let at_limit = respond(
        Response::default()
            .speak(OutputSpeech::plain("a".repeat(8000)))
            .reprompt(OutputSpeech::plain("é".repeat(8000))),
    );
    assert_eq!(violations(RequestKind::Intent, &at_limit), []);

    let over = respond(
        Response::default()
            .speak(OutputSpeech::plain("a".repeat(8001)))
            .reprompt(OutputSpeech::plain("b".repeat(8001))),
    );
    assert_eq!(
        violations(RequestKind::Intent, &over),
        [
            Violation::SpeechTooLong {
                field: "outputSpeech",
                chars: 8001
            },
            Violation::SpeechTooLong {
                field: "reprompt",
                chars: 8001
            },
        ]
    );
}

#[test]
fn ssml_length_counts_the_markup() {
    // 7990 characters of text plus `<speak></speak>` (15) is over the limit.
    let ssml = Ssml::from_text(&"a".repeat(7990));
    let envelope = respond(Response::default().speak(OutputSpeech::ssml(ssml)));
    assert_eq!(
        violations(RequestKind::Intent, &envelope),
        [Violation::SpeechTooLong {
            field: "outputSpeech",
            chars: 8005
        }]
    );
}

#[test]
fn card_is_limited_to_8000_characters_title_included() {
    let card = |content_len: usize| Card::Simple {
        title: "Title".to_owned(),
        content: "c".repeat(content_len),
    };
    assert_eq!(
        violations(
            RequestKind::Intent,
            &respond(Response::default().card(card(7995)))
        ),
        []
    );
    assert_eq!(
        violations(
            RequestKind::Intent,
            &respond(Response::default().card(card(7996)))
        ),
        [Violation::CardTooLong { chars: 8001 }]
    );
}

#[test]
fn at_most_one_play() {
    let envelope = respond(
        Response::default()
            .directive(play(PlayBehavior::ReplaceAll))
            .directive(play(PlayBehavior::Enqueue)),
    );
    assert_eq!(
        violations(RequestKind::Intent, &envelope),
        [Violation::TooManyPlays { count: 2 }]
    );
}

#[test]
fn expected_previous_token_only_and_always_with_enqueue() {
    let mut replace_with_expected = stream("show-42");
    replace_with_expected.expected_previous_token = Some(StreamToken::new("show-41").unwrap());
    for behavior in [PlayBehavior::ReplaceAll, PlayBehavior::ReplaceEnqueued] {
        let envelope = respond(Response::default().directive(Directive::play(
            behavior,
            replace_with_expected.clone(),
            None,
        )));
        assert_eq!(
            violations(RequestKind::PlaybackNearlyFinished, &envelope),
            [Violation::ExpectedPreviousTokenWithoutEnqueue { behavior }]
        );
    }

    let enqueue_without = respond(Response::default().directive(Directive::play(
        PlayBehavior::Enqueue,
        stream("show-42"),
        None,
    )));
    assert_eq!(
        violations(RequestKind::PlaybackNearlyFinished, &enqueue_without),
        [Violation::EnqueueWithoutExpectedPreviousToken]
    );

    let enqueue_with = respond(Response::default().directive(play(PlayBehavior::Enqueue)));
    assert_eq!(
        violations(RequestKind::PlaybackNearlyFinished, &enqueue_with),
        []
    );
}

#[test]
fn stream_url_and_token_limits_hold_by_construction() {
    // The guard does not re-check URLs and tokens: a response carrying a bad one cannot be built, nor read from JSON.
    let play_with = |url: &str, token: &str| {
        json!({ "version": "1.0", "response": { "directives": [{
            "type": "AudioPlayer.Play",
            "playBehavior": "REPLACE_ALL",
            "audioItem": { "stream": { "url": url, "token": token, "offsetInMilliseconds": 0 } }
        }] } })
    };
    let read = |value| serde_json::from_value::<ResponseEnvelope>(value);
    assert!(read(play_with("https://stream.example.com/a.mp3", "t")).is_ok());
    assert!(read(play_with("http://stream.example.com/a.mp3", "t")).is_err());
    let long_url = format!("https://stream.example.com/{}", "a".repeat(8000));
    assert!(read(play_with(&long_url, "t")).is_err());
    assert!(
        read(play_with(
            "https://stream.example.com/a.mp3",
            &"t".repeat(1025)
        ))
        .is_err()
    );
    assert!(read(play_with("https://stream.example.com/a.mp3", "")).is_err());
}

fn entities(count: usize) -> Directive {
    Directive::replace_dynamic_entities(vec![EntityType {
        name: "LIVE_SOURCE".to_owned(),
        values: (0..count)
            .map(|i| Entity {
                id: Some(format!("venue-{i}")),
                name: EntityName {
                    value: format!("venue {i}"),
                    synonyms: Vec::new(),
                },
            })
            .collect(),
    }])
}

#[test]
fn dynamic_entities_are_limited_to_100_values() {
    let at_limit = respond(Response::default().directive(entities(100)));
    assert_eq!(violations(RequestKind::Intent, &at_limit), []);
    let over = respond(Response::default().directive(entities(101)));
    assert_eq!(
        violations(RequestKind::Intent, &over),
        [Violation::TooManyDynamicEntities { count: 101 }]
    );
}

#[test]
fn response_is_limited_to_24_kb() {
    let sized = |blob_len: usize| {
        let mut envelope = respond(Response::default().end_session());
        envelope.session_attributes =
            Some([("blob".to_owned(), json!("x".repeat(blob_len)))].into());
        envelope
    };
    let overhead = serde_json::to_vec(&sized(0)).unwrap().len();
    let at_limit = sized(24 * 1024 - overhead);
    assert_eq!(serde_json::to_vec(&at_limit).unwrap().len(), 24 * 1024);
    assert_eq!(violations(RequestKind::Intent, &at_limit), []);
    assert_eq!(
        violations(RequestKind::Intent, &sized(24 * 1024 - overhead + 1)),
        [Violation::TooLarge {
            bytes: 24 * 1024 + 1
        }]
    );
}

// ---------------------------------------------------------------------------------------------------------------------
// SSML

fn ssml_violations(ssml: &str) -> Vec<Violation> {
    let envelope = respond(Response::default().speak(OutputSpeech::ssml(ssml_from_wire(ssml))));
    violations(RequestKind::Intent, &envelope)
}

#[test]
fn malformed_ssml_is_caught() {
    for bad in [
        "<speak>Tom & Jerry</speak>",
        "<speak>unclosed",
        "just text",
        "<speak><s>crossed</speak></s>",
    ] {
        let found = ssml_violations(bad);
        assert!(
            matches!(
                found.as_slice(),
                [Violation::MalformedSsml {
                    field: "outputSpeech",
                    ..
                }]
            ),
            "{bad}: {found:?}"
        );
    }
}

#[test]
fn ssml_must_be_wrapped_in_speak() {
    assert_eq!(
        ssml_violations("<s>Hello</s>"),
        [Violation::SsmlNotInSpeak {
            field: "outputSpeech",
            root: "s".to_owned()
        }]
    );
}

#[test]
fn well_formed_ssml_passes_including_amazon_tags() {
    assert_eq!(
        ssml_violations(r#"<speak>Hello <break time="1s"/> world</speak>"#),
        []
    );
    assert_eq!(
        ssml_violations(r#"<speak><amazon:effect name="whispered">psst</amazon:effect></speak>"#),
        []
    );
    assert_eq!(
        ssml_violations(r#"<speak><lang xml:lang="it-IT">Ciao</lang></speak>"#),
        []
    );
}

#[test]
fn reprompt_ssml_is_checked_too() {
    let envelope = respond(
        Response::default()
            .speak(OutputSpeech::plain("Which show?"))
            .reprompt(OutputSpeech::ssml(ssml_from_wire("<speak>a < b</speak>"))),
    );
    let found = violations(RequestKind::Intent, &envelope);
    assert!(
        matches!(
            found.as_slice(),
            [Violation::MalformedSsml {
                field: "reprompt",
                ..
            }]
        ),
        "{found:?}"
    );
}

// ---------------------------------------------------------------------------------------------------------------------
// enforce

fn apology() -> OutputSpeech {
    OutputSpeech::plain("Sorry, something went wrong.")
}

#[test]
fn enforce_returns_a_clean_response_unchanged() {
    let envelope = respond(
        Response::default()
            .directive(play(PlayBehavior::ReplaceAll))
            .end_session(),
    );
    assert_eq!(
        enforce(RequestKind::Intent, envelope.clone(), apology()),
        envelope
    );
    let empty = ResponseEnvelope::empty();
    assert_eq!(
        enforce(RequestKind::PlaybackStopped, empty.clone(), apology()),
        empty
    );
}

#[test]
fn enforce_replaces_a_bad_intent_answer_with_the_apology() {
    let bad = respond(
        Response::default()
            .speak(OutputSpeech::plain("Two shows at once"))
            .directive(play(PlayBehavior::ReplaceAll))
            .directive(play(PlayBehavior::ReplaceAll)),
    );
    assert_eq!(
        serde_json::to_value(enforce(RequestKind::Intent, bad, apology())).unwrap(),
        json!({
            "version": "1.0",
            "response": {
                "outputSpeech": { "type": "PlainText", "text": "Sorry, something went wrong." },
                "shouldEndSession": true
            }
        })
    );
}

#[test]
fn enforce_falls_back_to_empty_when_the_apology_itself_is_invalid() {
    let bad = respond(
        Response::default()
            .directive(play(PlayBehavior::Enqueue))
            .directive(play(PlayBehavior::Enqueue)),
    );
    let broken_apology = OutputSpeech::ssml(ssml_from_wire("<speak>oops"));
    assert_eq!(
        enforce(RequestKind::Launch, bad, broken_apology),
        ResponseEnvelope::empty()
    );
}

/// Collects what the `tracing` fmt subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn enforce_answers_playback_stopped_with_the_empty_envelope_and_logs_one_line_without_the_body() {
    let secret_token = "user-7-secret-token";
    let bad = respond(
        Response::default()
            .speak(OutputSpeech::plain("Goodbye"))
            .directive(Directive::play(
                PlayBehavior::ReplaceAll,
                stream(secret_token),
                None,
            )),
    );
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();

    let answer = tracing::subscriber::with_default(subscriber, || {
        enforce(RequestKind::PlaybackStopped, bad, apology())
    });

    assert_eq!(answer, ResponseEnvelope::empty());
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert_eq!(log.lines().count(), 1, "{log}");
    assert!(log.contains("ERROR"), "{log}");
    assert!(log.contains("AudioPlayer.PlaybackStopped"), "{log}");
    assert!(log.contains("may not contain outputSpeech"), "{log}");
    assert!(
        log.contains("may not contain an AudioPlayer.Play directive"),
        "{log}"
    );
    assert!(
        !log.contains(secret_token),
        "the log must not carry the response body: {log}"
    );
    assert!(!log.contains("Goodbye"), "{log}");
}

#[test]
fn a_permission_prompt_hands_the_turn_to_alexa() {
    let ask = || {
        Directive::ask_for_permission(
            "alexa::alerts:reminders:skill:readwrite",
            "remind:x".to_owned(),
        )
    };
    // Alone, it is a valid answer to an intent, and refused where no directive may go.
    let alone = respond(Response::default().directive(ask()));
    assert_eq!(violations(RequestKind::Intent, &alone), Vec::new());
    assert_eq!(
        violations(RequestKind::PlaybackNearlyFinished, &alone),
        vec![Violation::DirectiveNotAllowed {
            kind: RequestKind::PlaybackNearlyFinished,
            directive: "Connections.SendRequest"
        }]
    );
    // With a microphone kept open or audio, it is not.
    let open = respond(Response::default().directive(ask()).keep_session_open());
    assert_eq!(
        violations(RequestKind::Intent, &open),
        vec![Violation::SendRequestConflict {
            with: "shouldEndSession false"
        }]
    );
    let with_audio = respond(
        Response::default()
            .directive(ask())
            .directive(Directive::stop()),
    );
    assert_eq!(
        violations(RequestKind::Intent, &with_audio),
        vec![Violation::SendRequestConflict {
            with: "an AudioPlayer directive"
        }]
    );
}

#[test]
fn after_the_permission_prompt_the_skill_speaks_but_starts_no_audio() {
    let spoken = respond(Response::default().speak(OutputSpeech::plain("Okay.")));
    assert_eq!(
        violations(RequestKind::ConnectionsResponse, &spoken),
        Vec::new()
    );
    let playing = respond(Response::default().directive(play(PlayBehavior::ReplaceAll)));
    assert_eq!(
        violations(RequestKind::ConnectionsResponse, &playing),
        vec![Violation::DirectiveNotAllowed {
            kind: RequestKind::ConnectionsResponse,
            directive: "AudioPlayer.Play"
        }]
    );
}
