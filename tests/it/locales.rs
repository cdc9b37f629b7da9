//! The six locales: every phrase and every intent in every language, lists and times the local way, the models'
//! samples and built-ins understood offline, and `onair say` in each language.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{NaiveDate, TimeZone, Utc};
use onair::interaction_model::{
    FALLBACK_INTENT, InteractionModelFile, LIVE_SOURCE_TYPE, LanguageModel, Nlu, SkillManifestFile,
    built_in_phrases, load_models, slot_references,
};
use onair::skill::speech::{Speech, check_catalogs, locales, negotiate};
use serde_json::Value;

const LOCALES: [&str; 6] = ["en-US", "en-GB", "it-IT", "de-DE", "es-ES", "fr-FR"];

/// A Sunday; "yesterday" is 2026-11-21.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn model(locale: &str) -> LanguageModel {
    let text = std::fs::read_to_string(repo().join(format!("interaction-models/{locale}.json")))
        .unwrap_or_else(|e| panic!("{locale}: {e}"));
    InteractionModelFile::from_json(&text)
        .unwrap_or_else(|e| panic!("{locale}: {e}"))
        .interaction_model
        .language_model
}

fn nlu(locale: &str) -> Nlu {
    Nlu::new(locale, &model(locale), &[]).unwrap_or_else(|e| panic!("{e}"))
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|name| (*name).to_owned()).collect()
}

/// How each language says "yesterday" and "the second", to fill samples with.
fn yesterday_and_second(locale: &str) -> (&'static str, &'static str) {
    match locale {
        "it-IT" => ("ieri", "secondo"),
        "de-DE" => ("gestern", "zweite"),
        "es-ES" => ("ayer", "segundo"),
        "fr-FR" => ("hier", "deuxième"),
        _ => ("yesterday", "second"),
    }
}

#[test]
fn every_catalog_formats_every_phrase_without_a_fluent_error() {
    let problems = check_catalogs();
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(locales().collect::<Vec<_>>(), LOCALES);
}

#[test]
fn lists_join_with_each_language_s_conjunction() {
    let expected = [
        ("en-US", "A, B and C", "A or B"),
        ("en-GB", "A, B and C", "A or B"),
        ("it-IT", "A, B e C", "A o B"),
        ("de-DE", "A, B und C", "A oder B"),
        ("es-ES", "A, B y C", "A o B"),
        ("fr-FR", "A, B et C", "A ou B"),
    ];
    for (locale, and, or) in expected {
        let speech = Speech::new(Some(locale), None);
        assert_eq!(speech.list_and(&names(&["A", "B", "C"])), and, "{locale}");
        assert_eq!(speech.list_or(&names(&["A", "B"])), or, "{locale}");
    }
}

#[test]
fn conjunctions_change_before_a_vowel_where_the_language_says_so() {
    let italian = Speech::new(Some("it-IT"), None);
    assert_eq!(
        italian.list_and(&names(&["Sera Uno", "Ella Park Trio"])),
        "Sera Uno ed Ella Park Trio"
    );
    let spanish = Speech::new(Some("es-ES"), None);
    assert_eq!(
        spanish.list_and(&names(&["Carmen Vidal", "Ignacio"])),
        "Carmen Vidal e Ignacio"
    );
    assert_eq!(
        spanish.list_and(&names(&["Carmen Vidal", "Hilario"])),
        "Carmen Vidal e Hilario"
    );
    // "hie-" starts with a consonant sound: "agua y hielo".
    assert_eq!(spanish.list_and(&names(&["Agua", "Hielo"])), "Agua y Hielo");
    assert_eq!(
        spanish.list_or(&names(&["Marco Rossi", "Oscar"])),
        "Marco Rossi u Oscar"
    );
    let french = Speech::new(Some("fr-FR"), None);
    let elided = french.phrase(
        "no-recording",
        &[("name", onair::skill::speech::Arg::Text("Aurora Hall"))],
    );
    assert_eq!(elided, "Je n'ai pas d'enregistrement d'Aurora Hall.");
    let plain = french.phrase(
        "no-recording",
        &[("name", onair::skill::speech::Arg::Text("Radio Uno"))],
    );
    assert_eq!(plain, "Je n'ai pas d'enregistrement de Radio Uno.");
}

#[test]
fn plurals_follow_each_language() {
    use onair::skill::speech::Arg;
    let count = |locale: &str, n: i64| {
        Speech::new(Some(locale), None).phrase(
            "live-now-many",
            &[("count", Arg::Number(n)), ("shows", Arg::Text("A"))],
        )
    };
    assert_eq!(count("it-IT", 1), "C'è un programma in diretta: A.");
    assert_eq!(
        count("it-IT", 4),
        "Ci sono 4 programmi in diretta, tra cui A."
    );
    assert_eq!(
        count("de-DE", 4),
        "Gerade laufen 4 Sendungen live, darunter A."
    );
    let minutes = |locale: &str, n: i64| {
        Speech::new(Some(locale), None).phrase("time-in-minutes", &[("minutes", Arg::Number(n))])
    };
    assert_eq!(minutes("de-DE", 1), "in einer Minute");
    assert_eq!(minutes("es-ES", 40), "dentro de 40 minutos");
    assert_eq!(minutes("fr-FR", 1), "dans une minute");
    assert_eq!(minutes("fr-FR", 40), "dans 40 minutes");
}

#[test]
fn times_are_12_hour_in_english_and_24_hour_in_europe() {
    // GIVEN a listener in Rome at 21:00 on Sunday 2026-11-22
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 20, 0, 0).unwrap();
    let tonight = Utc.with_ymd_and_hms(2026, 11, 22, 21, 30, 0).unwrap();
    let tonight_on_the_hour = Utc.with_ymd_and_hms(2026, 11, 22, 22, 0, 0).unwrap();
    let friday = Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0).unwrap();
    let expected = [
        (
            "en-US",
            "tonight at 10:30 PM",
            "tonight at 11 PM",
            "on Friday at 9 AM",
        ),
        (
            "en-GB",
            "tonight at 10:30 pm",
            "tonight at 11 pm",
            "on Friday at 9 am",
        ),
        (
            "it-IT",
            "stasera alle 22:30",
            "stasera alle 23",
            "venerdì alle 9",
        ),
        (
            "de-DE",
            "heute Abend um 22:30 Uhr",
            "heute Abend um 23 Uhr",
            "am Freitag um 9 Uhr",
        ),
        (
            "es-ES",
            "esta noche a las 22:30",
            "esta noche a las 23:00",
            "el viernes a las 9:00",
        ),
        (
            "fr-FR",
            "ce soir à 22 h 30",
            "ce soir à 23 h",
            "vendredi à 9 h",
        ),
    ];
    for (locale, half_past, on_the_hour, weekday) in expected {
        let speech = Speech::new(Some(locale), Some(chrono_tz::Europe::Rome));
        // THEN each language reads the clock its own way
        assert_eq!(speech.when(tonight, now), half_past, "{locale}");
        assert_eq!(
            speech.when(tonight_on_the_hour, now),
            on_the_hour,
            "{locale}"
        );
        assert_eq!(speech.when(friday, now), weekday, "{locale}");
    }
    // Spanish says "la una", not "las una".
    assert_eq!(Speech::new(Some("es-ES"), None).clock(1, 15), "la 1:15");
}

#[test]
fn other_locales_fall_back_to_the_closest_language_then_english() {
    for (requested, spoken) in [
        ("it-IT", "it-IT"),
        ("it-CH", "it-IT"),
        ("de-AT", "de-DE"),
        ("es-MX", "es-ES"),
        ("fr-CA", "fr-FR"),
        ("en-GB", "en-GB"),
        ("en-AU", "en-US"),
        ("pt-BR", "en-US"),
        ("ja-JP", "en-US"),
    ] {
        assert_eq!(negotiate(Some(requested)), spoken, "{requested}");
    }
}

#[test]
fn every_model_has_the_english_intents_slots_and_names() {
    let models = load_models(&repo().join("interaction-models")).expect("models load");
    assert_eq!(models.keys().collect::<Vec<_>>(), {
        let mut sorted = LOCALES.to_vec();
        sorted.sort_unstable();
        sorted
    });
    let english = model("en-US");
    let shape = |model: &LanguageModel| -> Vec<(String, Vec<(String, String)>)> {
        model
            .intents
            .iter()
            .map(|intent| {
                let slots = intent
                    .slots
                    .iter()
                    .map(|slot| (slot.name.clone(), slot.slot_type.clone()))
                    .collect();
                (intent.name.clone(), slots)
            })
            .collect()
    };
    let values = |model: &LanguageModel| -> Vec<(Option<String>, String)> {
        model
            .slot_type(LIVE_SOURCE_TYPE)
            .expect("LIVE_SOURCE")
            .values
            .iter()
            .map(|value| (value.id.clone(), value.name.value.clone()))
            .collect()
    };
    for locale in LOCALES {
        let model = model(locale);
        assert_eq!(shape(&model), shape(&english), "{locale}");
        assert_eq!(values(&model), values(&english), "{locale}");
        let types: Vec<&str> = model.types.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(types, [LIVE_SOURCE_TYPE, "REMINDER_REPEAT"], "{locale}");
        // SPEC §5: lowercase, at least two words, no launch or wake words.
        let invocation = &model.invocation_name;
        assert!(invocation.split(' ').count() >= 2, "{locale}");
        assert!(
            invocation
                .chars()
                .all(|c| c.is_lowercase() || c == ' ' || c == '\'' || c == '.'),
            "{locale}: {invocation}"
        );
        for banned in [
            "alexa", "amazon", "echo", "skill", "app", "ask", "open", "launch",
        ] {
            assert!(
                !invocation.split(' ').any(|word| word == banned),
                "{locale}: {invocation}"
            );
        }
    }
}

#[test]
fn samples_are_plentiful_plain_and_unique_in_every_locale() {
    for locale in LOCALES {
        let model = model(locale);
        let mut seen = BTreeSet::new();
        for intent in &model.intents {
            if intent.is_built_in() {
                assert!(intent.samples.is_empty(), "{locale}: {}", intent.name);
                continue;
            }
            assert!(
                intent.samples.len() >= 8,
                "{locale}: {} has only {} samples",
                intent.name,
                intent.samples.len()
            );
            for sample in &intent.samples {
                // Letters of the language (accents and umlauts included), spaces, apostrophes, slot braces.
                let plain = sample
                    .chars()
                    .all(|c| (c.is_alphabetic() && c.is_lowercase()) || " '{}".contains(c));
                assert!(plain, "{locale}: {sample:?} has characters Alexa rejects");
                assert_eq!(sample.trim(), sample, "{locale}");
                assert!(!sample.contains("  "), "{locale}: {sample:?}");
                assert!(
                    seen.insert(sample.as_str()),
                    "{locale}: {sample:?} appears twice"
                );
            }
        }
    }
}

#[test]
fn every_custom_sample_maps_back_to_its_own_intent_in_every_locale() {
    for locale in LOCALES {
        let model = model(locale);
        let nlu = nlu(locale);
        let (yesterday, second) = yesterday_and_second(locale);
        for intent in model.intents.iter().filter(|intent| !intent.is_built_in()) {
            for sample in &intent.samples {
                for (name, id) in [
                    ("radio uno", "radio-uno"),
                    ("night owls", "night-owls"),
                    ("bass & beats", "bass-and-beats"),
                ] {
                    let utterance = sample
                        .replace("{source}", name)
                        .replace("{date}", yesterday)
                        .replace("{position}", second);
                    let understood = nlu.understand(&utterance, today());
                    assert_eq!(understood.intent, intent.name, "{locale}: {utterance:?}");
                    let expected: BTreeSet<&str> = slot_references(sample).collect();
                    let filled: BTreeSet<&str> =
                        understood.slots.keys().map(String::as_str).collect();
                    assert_eq!(filled, expected, "{locale}: {utterance:?}");
                    if let Some(source) = understood.slots.get("source") {
                        let resolution = source.resolution.as_ref().expect("a resolution");
                        assert_eq!(
                            (resolution.id.as_str(), resolution.status_match),
                            (id, true),
                            "{locale}: {utterance:?}"
                        );
                    }
                    if expected.contains("date") {
                        assert_eq!(
                            understood.slot_value("date"),
                            Some("2026-11-21"),
                            "{locale}: {utterance:?}"
                        );
                    }
                    if expected.contains("position") {
                        assert_eq!(
                            understood.slot_value("position"),
                            Some("2"),
                            "{locale}: {utterance:?}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn every_built_in_phrase_reaches_its_intent_in_every_locale() {
    for locale in LOCALES {
        let nlu = nlu(locale);
        let table = built_in_phrases(locale).expect("a phrase table");
        for phrases in table {
            for phrase in phrases.phrases {
                assert_eq!(
                    nlu.understand(phrase, today()).intent,
                    phrases.intent,
                    "{locale}: {phrase:?}"
                );
            }
        }
    }
}

#[test]
fn spoken_dates_resolve_in_every_language() {
    let cases = [
        (
            "it-IT",
            "metti la registrazione di radio uno di venerdì scorso",
            "2026-11-20",
        ),
        ("it-IT", "metti radio uno dell'altro ieri", "2026-11-20"),
        ("it-IT", "metti radio uno di domenica", "2026-11-22"),
        (
            "it-IT",
            "metti la registrazione di radio uno del primo dicembre",
            "2026-12-01",
        ),
        (
            "de-DE",
            "spiel die Aufnahme von Radio Uno vom letzten Freitag",
            "2026-11-20",
        ),
        ("de-DE", "spiel Radio Uno von vorgestern", "2026-11-20"),
        (
            "de-DE",
            "spiel Radio Uno vom dreißigsten November",
            "2026-11-30",
        ),
        (
            "es-ES",
            "pon la grabación de radio uno del viernes pasado",
            "2026-11-20",
        ),
        ("es-ES", "pon radio uno de anteayer", "2026-11-20"),
        (
            "es-ES",
            "pon la grabación de radio uno del treinta de noviembre",
            "2026-11-30",
        ),
        (
            "fr-FR",
            "mets l'enregistrement de radio uno de vendredi dernier",
            "2026-11-20",
        ),
        ("fr-FR", "mets radio uno d'avant-hier", "2026-11-20"),
        ("fr-FR", "mets radio uno d'hier", "2026-11-21"),
        (
            "fr-FR",
            "mets l'enregistrement de radio uno du trente novembre",
            "2026-11-30",
        ),
    ];
    for (locale, text, date) in cases {
        let understood = nlu(locale).understand(text, today());
        assert_eq!(understood.intent, "PlayRecordingIntent", "{locale}: {text}");
        assert_eq!(
            understood.slot_value("date"),
            Some(date),
            "{locale}: {text}"
        );
        assert_eq!(
            understood.slots["source"]
                .resolution
                .as_ref()
                .map(|r| r.id.as_str()),
            Some("radio-uno"),
            "{locale}: {text}"
        );
    }
}

#[test]
fn invocation_phrases_of_every_language_are_understood() {
    let cases = [
        (
            "it-IT",
            "Alexa, chiedi a on air live di mettere il live di radio uno",
            "PlayLiveShowIntent",
        ),
        (
            "it-IT",
            "Alexa, chiedi a on air live cosa c'è adesso",
            "WhatsOnIntent",
        ),
        (
            "it-IT",
            "metti radio uno su on air live per favore",
            "PlayLiveShowIntent",
        ),
        (
            "de-DE",
            "Alexa, sag on air live, spiel Radio Uno",
            "PlayLiveShowIntent",
        ),
        (
            "de-DE",
            "Alexa, frag on air live, wann Radio Uno live ist",
            "WhenIsIntent",
        ),
        (
            "de-DE",
            "Alexa, starte on air live und spiel Radio Uno bitte",
            "PlayLiveShowIntent",
        ),
        (
            "es-ES",
            "Alexa, pide a on air live que ponga radio uno",
            "PlayLiveShowIntent",
        ),
        (
            "es-ES",
            "Alexa, pregunta a on air live qué hay en directo",
            "WhatsOnIntent",
        ),
        (
            "es-ES",
            "pon radio uno en on air live, por favor",
            "PlayLiveShowIntent",
        ),
        (
            "fr-FR",
            "Alexa, demande à on air live de mettre radio uno",
            "PlayLiveShowIntent",
        ),
        (
            "fr-FR",
            "Alexa, demande à on air live quand commence radio uno",
            "WhenIsIntent",
        ),
        (
            "fr-FR",
            "mets le live d'Ella Park Trio s'il te plaît",
            "PlayLiveShowIntent",
        ),
    ];
    for (locale, text, intent) in cases {
        assert_eq!(
            nlu(locale).understand(text, today()).intent,
            intent,
            "{locale}: {text}"
        );
    }
    for (locale, text) in [
        ("it-IT", "Alexa, apri on air live"),
        ("de-DE", "Alexa, öffne On Air Live"),
        ("es-ES", "Alexa, abre on air live"),
        ("fr-FR", "Alexa, ouvre on air live"),
    ] {
        assert!(nlu(locale).is_launch(text), "{locale}: {text}");
    }
    // French names that start with a vowel take "d'", and still resolve.
    let elided = nlu("fr-FR").understand("mets le live d'Ella Park Trio", today());
    assert_eq!(
        elided.slots["source"]
            .resolution
            .as_ref()
            .map(|r| r.id.as_str()),
        Some("ella-park-trio")
    );
}

#[test]
fn every_locale_has_its_own_store_listing_with_working_example_phrases() {
    let manifest = SkillManifestFile::load(&repo().join("skill-manifest/skill.json"))
        .expect("manifest loads")
        .manifest;
    let info = manifest
        .publishing_information
        .as_ref()
        .expect("publishing information");
    let privacy = manifest.privacy_and_compliance.as_ref().expect("privacy");
    let english_description = &info.locales["en-US"].extra["description"];
    for locale in LOCALES {
        let listing = &info.locales[locale];
        assert_eq!(listing.name.as_deref(), Some("On Air Live"), "{locale}");
        for field in [
            "summary",
            "description",
            "keywords",
            "smallIconUri",
            "largeIconUri",
        ] {
            assert!(listing.extra.contains_key(field), "{locale} lacks {field}");
        }
        if !locale.starts_with("en-") {
            assert_ne!(
                &listing.extra["description"], english_description,
                "{locale}"
            );
        }
        assert!(privacy.locales.contains_key(locale), "{locale}");
        let nlu = nlu(locale);
        let phrases = &listing.example_phrases;
        assert_eq!(phrases.len(), 3, "{locale}");
        assert!(nlu.is_launch(&phrases[0]), "{locale}: {}", phrases[0]);
        for phrase in &phrases[1..] {
            let understood = nlu.understand(phrase, today());
            assert_ne!(understood.intent, FALLBACK_INTENT, "{locale}: {phrase}");
            assert!(
                understood
                    .slots
                    .values()
                    .all(|slot| slot.resolution.as_ref().is_none_or(|r| r.status_match)),
                "{locale}: {phrase}"
            );
        }
    }
}

#[test]
fn italian_and_german_have_a_reviewed_fixture_for_every_intent() {
    let dir = repo().join("tests/fixtures/requests");
    for locale in ["it-IT", "de-DE"] {
        let mut answered = BTreeSet::new();
        for entry in std::fs::read_dir(&dir).expect("fixtures") {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if !name.starts_with(&format!("{locale}_")) {
                continue;
            }
            let envelope: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).expect("readable"))
                    .expect("JSON");
            assert_eq!(envelope["request"]["locale"], locale, "{name}");
            let request = &envelope["request"];
            let answered_as = match request["intent"]["name"].as_str() {
                Some(intent) => intent.to_owned(),
                None => request["type"].as_str().unwrap_or_default().to_owned(),
            };
            answered.insert(answered_as);
        }
        assert!(answered.contains("LaunchRequest"), "{locale}");
        for intent in &model(locale).intents {
            assert!(
                answered.contains(&intent.name),
                "{locale} has no fixture for {}",
                intent.name
            );
        }
    }
}

/// Runs `onair say --json` at the fixtures' instant in `locale`.
fn say(locale: &str, extra: &[&str], utterances: &[&str]) -> Vec<Value> {
    let mut args = vec!["--locale", locale];
    args.extend_from_slice(extra);
    crate::say::say("2026-11-22T20:00:00Z", &args, utterances)
}

#[test]
fn say_plays_the_live_show_in_every_locale() {
    // In the demo lineup, "Sera Uno" is live on Radio Uno at 20:00Z on a Sunday.
    let cases = [
        (
            "en-US",
            "play the live show from radio uno",
            "Here&apos;s Sera Uno",
        ),
        (
            "en-GB",
            "play the live show from radio uno",
            "Here&apos;s Sera Uno",
        ),
        ("it-IT", "metti il live di radio uno", "Ecco Sera Uno"),
        (
            "de-DE",
            "spiel die Live-Show von Radio Uno",
            "Jetzt live: Sera Uno",
        ),
        (
            "es-ES",
            "pon el directo de radio uno",
            "Aquí tienes Sera Uno",
        ),
        ("fr-FR", "mets le live de radio uno", "Voici Sera Uno"),
    ];
    for (locale, utterance, intro) in cases {
        let turns = say(locale, &[], &[utterance]);
        let request = &turns[0]["request"]["request"];
        assert_eq!(request["locale"], locale);
        assert_eq!(request["intent"]["name"], "PlayLiveShowIntent", "{locale}");
        let played = turns[0]["response"]["response"]["directives"]
            .as_array()
            .and_then(|directives| directives.iter().find(|d| d["type"] == "AudioPlayer.Play"))
            .and_then(|play| play["audioItem"]["stream"]["token"].as_str())
            .unwrap_or_default()
            .to_owned();
        assert!(played.contains("sera-uno"), "{locale}: {played}");
        assert!(
            crate::say::spoken(&turns[0]).contains(intro),
            "{locale}: {}",
            crate::say::spoken(&turns[0])
        );
    }
}

#[test]
fn say_lists_the_lineup_with_the_language_s_and() {
    let schedule = repo().join("tests/fixtures/schedules/default.json");
    let schedule = schedule.to_str().expect("utf-8 path");
    for (locale, utterance, list) in [
        (
            "it-IT",
            "cosa c'è in diretta",
            "Bass &amp; Beats su Club Berlin e Jazz Night su Jazz Cafe Live",
        ),
        (
            "de-DE",
            "was läuft gerade",
            "Jazz Night auf Jazz Cafe Live und Sera Uno auf Radio Uno",
        ),
        (
            "es-ES",
            "qué hay en directo",
            "Jazz Night en Jazz Cafe Live y Sera Uno en Radio Uno",
        ),
        (
            "fr-FR",
            "qu'est-ce qui passe en ce moment",
            "Jazz Night sur Jazz Cafe Live et Sera Uno sur Radio Uno",
        ),
    ] {
        let turns = say(locale, &["--schedule", schedule], &[utterance]);
        assert_eq!(
            turns[0]["request"]["request"]["intent"]["name"], "WhatsOnIntent",
            "{locale}"
        );
        assert!(
            crate::say::spoken(&turns[0]).contains(list),
            "{locale}: {}",
            crate::say::spoken(&turns[0])
        );
    }
}
