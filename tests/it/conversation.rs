//! Multi-turn conversations as a listener has them, through `onair say` (the real binary, the offline NLU, the
//! interaction models), in every locale, on `tests/fixtures/schedules/conversation.json` at Saturday 20:00Z:
//! two Winterfest stages live at once, Harbor FM with Tide Talk coming next, Radio Lumen that goes off air at night,
//! Deep Cuts recorded daily in New York, and Notiziario Lampo offered in Italian only.

use serde_json::Value;

use crate::say::{say, spoken};

const SATURDAY_EVENING: &str = "2026-12-05T20:00:00Z";
const SCHEDULE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/schedules/conversation.json"
);

/// One conversation in `locale` on `device` (speaker, screen or no-audio).
fn talk(locale: &str, device: &str, utterances: &[&str]) -> Vec<Value> {
    say(
        SATURDAY_EVENING,
        &[
            "--schedule",
            SCHEDULE,
            "--locale",
            locale,
            "--device",
            device,
        ],
        utterances,
    )
}

fn intent(turn: &Value) -> &str {
    turn["request"]["request"]["intent"]["name"]
        .as_str()
        .unwrap_or("")
}

/// The token of the stream a turn plays (`onair1:live:<event>…`), if it plays one.
fn plays(turn: &Value) -> Option<String> {
    turn["response"]["response"]["directives"]
        .as_array()?
        .iter()
        .find(|d| d["type"] == "AudioPlayer.Play")
        .and_then(|d| d["audioItem"]["stream"]["token"].as_str())
        .map(str::to_owned)
}

fn keeps_open(turn: &Value) -> bool {
    turn["response"]["response"]["shouldEndSession"] == false
}

/// Every locale with its "what's on", a bare-name answer, "the fourth one", "yes" and "play winterfest".
const LOCALES: &[(&str, [&str; 5])] = &[
    (
        "en-US",
        [
            "what's on",
            "harbor warmup please",
            "the fourth one",
            "yes",
            "play winterfest",
        ],
    ),
    (
        "en-GB",
        [
            "what's on",
            "harbor warmup",
            "the fourth one",
            "yes",
            "play winterfest",
        ],
    ),
    (
        "it-IT",
        [
            "cosa c'è in onda",
            "harbor warmup per favore",
            "il quarto",
            "sì",
            "metti winterfest",
        ],
    ),
    (
        "de-DE",
        [
            "was läuft gerade",
            "harbor warmup bitte",
            "die vierte",
            "ja",
            "spiel winterfest",
        ],
    ),
    (
        "es-ES",
        [
            "qué hay ahora",
            "harbor warmup por favor",
            "el cuarto",
            "sí",
            "pon winterfest",
        ],
    ),
    (
        "fr-FR",
        [
            "qu'est ce qui passe",
            "harbor warmup",
            "la quatrième",
            "oui",
            "mets winterfest",
        ],
    ),
];

#[test]
fn a_bare_name_answers_which_one_in_every_locale() {
    for (locale, [whats_on, name, ..]) in LOCALES {
        let turns = talk(locale, "speaker", &[whats_on, name]);
        assert!(keeps_open(&turns[0]), "{locale}: {}", spoken(&turns[0]));
        assert_eq!(intent(&turns[1]), "ChooseIntent", "{locale}: {name}");
        let token = plays(&turns[1]).unwrap_or_default();
        assert!(
            token.contains("harbor-warmup"),
            "{locale}: {name} played {token:?}: {}",
            spoken(&turns[1])
        );
    }
}

#[test]
fn a_name_is_matched_against_the_list_just_spoken_first() {
    // GIVEN "what's on" named Harbor Warmup (live) and Tide Talk (next), both on Harbor FM
    // WHEN the listener answers with the channel's name
    let turns = talk("en-US", "speaker", &["what's on", "harbor fm"]);
    // THEN the live one of the two plays
    assert!(
        plays(&turns[1]).is_some_and(|t| t.contains("harbor-warmup")),
        "{}",
        spoken(&turns[1])
    );
}

#[test]
fn choosing_the_upcoming_show_says_when_and_offers_its_channel_in_every_locale() {
    for (locale, [whats_on, _, fourth, yes, _]) in LOCALES {
        let turns = talk(locale, "speaker", &[whats_on, fourth, yes]);
        let answer = spoken(&turns[1]);
        assert!(plays(&turns[1]).is_none(), "{locale}: {answer}");
        assert!(answer.contains("Tide Talk"), "{locale}: {answer}");
        // Harbor Warmup leads into Tide Talk on Harbor FM: it is offered before the other live shows.
        assert!(answer.contains("Harbor Warmup"), "{locale}: {answer}");
        assert!(keeps_open(&turns[1]), "{locale}: {answer}");
        assert!(
            plays(&turns[2]).is_some_and(|t| t.contains("harbor-warmup")),
            "{locale}: yes → {}",
            spoken(&turns[2])
        );
    }
}

#[test]
fn an_ordinal_past_the_end_says_how_many_there_were_and_repeats_them() {
    let turns = talk(
        "en-US",
        "speaker",
        &["what's on", "the fifth one", "the second one"],
    );
    let answer = spoken(&turns[1]);
    assert!(answer.contains("There were only 4"), "{answer}");
    for name in ["Winterfest on Acoustic Tent", "Harbor Warmup", "Tide Talk"] {
        assert!(answer.contains(name), "{name} missing: {answer}");
    }
    assert!(keeps_open(&turns[1]));
    assert!(plays(&turns[2]).is_some_and(|t| t.contains("harbor-warmup")));

    let spanish = talk("es-ES", "speaker", &["qué hay ahora", "la quinta"]);
    assert!(
        spoken(&spanish[1]).contains("Solo había 4"),
        "{}",
        spoken(&spanish[1])
    );
}

#[test]
fn a_name_live_on_two_stages_is_a_question_naming_each_stage() {
    for (locale, [.., play_winterfest]) in LOCALES {
        let turns = talk(locale, "speaker", &[play_winterfest]);
        let answer = spoken(&turns[0]);
        assert!(plays(&turns[0]).is_none(), "{locale}: {answer}");
        assert!(keeps_open(&turns[0]), "{locale}: {answer}");
        assert!(
            answer.contains("Main Stage") && answer.contains("Acoustic Tent"),
            "{locale}: {answer}"
        );
    }
    let turns = talk("fr-FR", "speaker", &["mets winterfest", "la deuxième"]);
    assert!(
        plays(&turns[1]).is_some_and(|t| t.contains("winterfest-acoustic")),
        "{}",
        spoken(&turns[1])
    );
}

#[test]
fn a_weak_match_is_confirmed_before_it_plays() {
    let yes = talk("en-US", "speaker", &["play lumin evenin", "yes"]);
    assert!(plays(&yes[0]).is_none());
    assert!(
        spoken(&yes[0]).contains("Did you mean Lumen Evening?"),
        "{}",
        spoken(&yes[0])
    );
    assert!(plays(&yes[1]).is_some_and(|t| t.contains("lumen-evening")));

    let no = talk(
        "en-US",
        "speaker",
        &["play lumin evenin", "no", "lena vogt"],
    );
    assert!(plays(&no[1]).is_none());
    assert!(keeps_open(&no[1]), "no asks again: {}", spoken(&no[1]));
    assert!(plays(&no[2]).is_some_and(|t| t.contains("winterfest-main")));

    let italian = talk("it-IT", "speaker", &["metti lumin evenin", "sì"]);
    assert!(
        spoken(&italian[0]).contains("Intendevi Lumen Evening?"),
        "{}",
        spoken(&italian[0])
    );
    assert!(plays(&italian[1]).is_some_and(|t| t.contains("lumen-evening")));
}

#[test]
fn a_strong_match_plays_at_once() {
    let turns = talk("en-US", "speaker", &["play lena vogd"]);
    assert!(plays(&turns[0]).is_some_and(|t| t.contains("winterfest-main")));
}

#[test]
fn a_future_day_for_a_recording_means_the_last_one_and_says_its_date() {
    // Alexa fills "friday" on Saturday 5 December with next Friday, the 11th.
    let turns = talk(
        "en-US",
        "speaker",
        &["play the recording of deep cuts from friday"],
    );
    assert_eq!(
        turns[0]["request"]["request"]["intent"]["slots"]["date"]["value"],
        "2026-12-11"
    );
    let token = plays(&turns[0]).unwrap_or_default();
    assert!(token.contains("deep-cuts@20261204"), "{token}");
    assert!(
        spoken(&turns[0]).contains("Friday, December 4"),
        "{}",
        spoken(&turns[0])
    );
    let german = talk(
        "de-DE",
        "speaker",
        &["spiel die aufnahme von deep cuts vom freitag"],
    );
    assert!(
        spoken(&german[0]).contains("Freitag, 4. Dezember"),
        "{}",
        spoken(&german[0])
    );
}

#[test]
fn the_recording_of_a_show_live_now_says_it_is_live() {
    // A live show with earlier recordings: the latest one plays, and the listener hears that the show is on now.
    let turns = talk("en-US", "speaker", &["play the recording of lumen evening"]);
    let token = plays(&turns[0]).unwrap_or_default();
    assert!(
        token.contains("|rec|") && token.contains("lumen-evening@20261204"),
        "{token}"
    );
    assert!(
        spoken(&turns[0]).contains("is live right now"),
        "{}",
        spoken(&turns[0])
    );
    // A live show without recordings: the live show is offered, never "no recording, next live tomorrow".
    let turns = talk(
        "en-US",
        "speaker",
        &["play the recording of harbor warmup", "yes"],
    );
    let answer = spoken(&turns[0]);
    assert!(answer.contains("on right now"), "{answer}");
    assert!(!answer.contains("next live"), "{answer}");
    assert!(plays(&turns[1]).is_some_and(|t| t.contains("|live|harbor-warmup")));
}

#[test]
fn a_recording_is_never_called_live() {
    for (locale, utterances) in [
        ("en-US", ["play the recording of deep cuts", "next"]),
        ("it-IT", ["metti la registrazione di deep cuts", "prossimo"]),
    ] {
        let turns = talk(locale, "speaker", &utterances);
        assert!(
            plays(&turns[0]).is_some(),
            "{locale}: {}",
            spoken(&turns[0])
        );
        let answer = spoken(&turns[1]).to_lowercase();
        assert!(
            answer.contains("recording") || answer.contains("registrazione"),
            "{locale}: {answer}"
        );
        assert!(
            !answer.contains("live show") && !answer.contains("diretta"),
            "{locale}: {answer}"
        );
    }
}

#[test]
fn a_show_for_other_languages_is_refused_the_same_way_everywhere() {
    let turns = talk(
        "en-US",
        "speaker",
        &[
            "what's on",
            "play notiziario lampo",
            "play the recording of notiziario lampo",
            "when is notiziario lampo live",
        ],
    );
    assert!(
        !spoken(&turns[0]).contains("Notiziario"),
        "listed: {}",
        spoken(&turns[0])
    );
    for turn in &turns[1..] {
        assert!(plays(turn).is_none());
        assert!(
            spoken(turn).contains("isn&apos;t offered in English"),
            "{}",
            spoken(turn)
        );
    }
    let italian = talk("it-IT", "speaker", &["metti notiziario lampo"]);
    assert!(plays(&italian[0]).is_some_and(|t| t.contains("notiziario-lampo")));
}

#[test]
fn a_device_without_audio_only_asks_questions_and_offers_what_it_can_do() {
    for (locale, utterances) in [
        (
            "en-US",
            vec![
                "open on air live",
                "help",
                "play harbor warmup",
                "what's on",
                "blah blah",
                "resume",
                "play the recording of deep cuts",
                "yes",
            ],
        ),
        (
            "de-DE",
            vec![
                "öffne on air live",
                "hilfe",
                "spiel harbor warmup",
                "was läuft gerade",
            ],
        ),
    ] {
        let turns = talk(locale, "no-audio", &utterances);
        for (turn, utterance) in turns.iter().zip(&utterances) {
            let answer = spoken(turn);
            assert!(plays(turn).is_none(), "{locale} {utterance}: {answer}");
            let asks = answer.trim_end_matches("</speak>").ends_with('?');
            if keeps_open(turn) {
                assert!(
                    asks,
                    "{locale} {utterance}: an open microphone needs a question: {answer}"
                );
            } else {
                assert!(
                    !asks,
                    "{locale} {utterance}: a question with the microphone closed: {answer}"
                );
            }
            assert!(
                !answer.contains("play the live show") && !answer.contains("spiel die Live-Show"),
                "{locale} {utterance}: suggests playing on a device that cannot: {answer}"
            );
        }
    }
}

#[test]
fn a_start_far_ahead_is_a_day_and_a_clock_time() {
    // Deep Cuts is next at 09:00 in New York tomorrow, 18 hours away.
    let unknown_zone = talk("en-US", "speaker", &["when is deep cuts live"]);
    assert!(
        spoken(&unknown_zone[0]).contains("tomorrow at 9 AM, New York time"),
        "{}",
        spoken(&unknown_zone[0])
    );
    let rome = say(
        SATURDAY_EVENING,
        &["--schedule", SCHEDULE, "--time-zone", "Europe/Rome"],
        &["when is deep cuts live"],
    );
    assert!(
        spoken(&rome[0]).contains("tomorrow at 3 PM"),
        "{}",
        spoken(&rome[0])
    );
    assert!(!spoken(&rome[0]).contains("hours"));
}

#[test]
fn a_misheard_answer_keeps_the_list_for_the_next_try() {
    let turns = talk(
        "en-US",
        "speaker",
        &["what's on", "blah blah blah", "the second one"],
    );
    assert_eq!(intent(&turns[1]), "AMAZON.FallbackIntent");
    assert!(keeps_open(&turns[1]));
    assert!(
        plays(&turns[2]).is_some_and(|t| t.contains("harbor-warmup")),
        "{}",
        spoken(&turns[2])
    );
}

#[test]
fn numbers_said_as_words_find_names_written_with_digits() {
    let turns = talk("en-US", "speaker", &["when is hot ninety seven live"]);
    assert!(
        spoken(&turns[0])
            .contains("Hot 97 Countdown on Hot 97 is next live tomorrow at 1 PM, New York time"),
        "{}",
        spoken(&turns[0])
    );
}

#[test]
fn every_fixture_answer_asks_exactly_when_the_microphone_stays_open() {
    for entry in std::fs::read_dir(crate::replay::requests_dir()).expect("fixtures") {
        let path = entry.expect("entry").path();
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let response = crate::replay::answer(&crate::replay::fixture(name));
        let Some(ssml) = response["response"]["outputSpeech"]["ssml"].as_str() else {
            continue;
        };
        let asks = ssml.trim_end_matches("</speak>").ends_with('?');
        let open = response["response"]["shouldEndSession"] == false;
        assert_eq!(asks, open, "{name}: {ssml}");
    }
}
