//! What each fuzz target checks, shared with the stable regression test (`tests/it/fuzz_regressions.rs`), which
//! replays every file under `fuzz/regressions/<target>/` through the same function: a finding stays fixed.
//!
//! Each function panics when onair misbehaves on `data`; returning means the input was handled.

// Each fuzz binary uses one check; the regression test uses them all.
#![allow(dead_code)]

use std::ops::ControlFlow;
use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, Utc};
use onair::alexa::{RequestEnvelope, guard};
use onair::interaction_model::{InteractionModelFile, Nlu};
use onair::schedule::{CsvDrop, Lineup, read_icalendar_drop, read_json_drop};
use onair::skill::Skill;
use onair::storage::{InMemoryPlayback, InMemorySchedule};

/// A check: panics when onair mishandles the input.
pub(crate) type Check = fn(&[u8]);

/// The targets, each with its check; the regression test walks this list.
pub(crate) const TARGETS: &[(&str, Check)] = &[
    ("envelope", envelope),
    ("schedule_json", schedule_json),
    ("schedule_csv", schedule_csv),
    ("schedule_ics", schedule_ics),
    ("utterance", utterance),
    ("ssml", ssml),
];

/// A fixed instant inside the demo schedule's week, so a run is reproducible.
fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-22T20:00:00Z")
        .expect("a fixed instant")
        .with_timezone(&Utc)
}

/// Any bytes as a request body: parsed (leniently) and answered; the answer must pass the response guard and
/// serialize. Both the raw-bytes path and the parsed-envelope path are driven.
pub(crate) fn envelope(data: &[u8]) {
    static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime")
    });
    let skill =
        Skill::new(InMemorySchedule::new(Lineup::demo())).with_playback(InMemoryPlayback::new());
    RUNTIME.block_on(async {
        let answered = skill.handle_json(data).await;
        serde_json::to_vec(&answered).expect("the answer serializes");
        if let Ok(envelope) = serde_json::from_slice::<RequestEnvelope>(data) {
            let kind = envelope.kind();
            let answered = skill.answer_at(envelope, now()).await;
            assert!(
                guard::violations(kind, &answered.response).is_empty(),
                "the guarded answer breaks the guard"
            );
            serde_json::to_vec(&answered.response).expect("the answer serializes");
        }
    });
}

/// Any bytes as a JSON schedule drop: read to the end without panicking.
pub(crate) fn schedule_json(data: &[u8]) {
    let _ = read_json_drop(data, |_| ControlFlow::Continue(()));
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = onair::schedule::parse_schedule_json(text);
    }
}

/// Any bytes as a CSV schedule drop: every row read without panicking.
pub(crate) fn schedule_csv(data: &[u8]) {
    if let Ok(rows) = CsvDrop::new(data) {
        for row in rows.take(10_000) {
            let _ = row;
        }
    }
}

/// Any text as an iCalendar schedule drop.
pub(crate) fn schedule_ics(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = read_icalendar_drop(text);
    }
}

/// Any text as a typed utterance for the offline NLU (`onair say`) with the en-US model.
pub(crate) fn utterance(data: &[u8]) {
    static NLU: LazyLock<Nlu> = LazyLock::new(|| {
        let model = InteractionModelFile::embedded("en-US").expect("the en-US model is embedded");
        Nlu::new("en-US", model.language_model(), &[]).expect("en-US is supported")
    });
    if let Ok(text) = std::str::from_utf8(data) {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("a date");
        let _ = NLU.understand(text, today);
    }
}

/// Any text through every SSML builder call: the document must be well-formed XML whose text is the input.
pub(crate) fn ssml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let built = onair::alexa::SsmlBuilder::new()
        .text(text)
        .sentence(text)
        .say_as(text, text)
        .lang(text, text)
        .build();
    let document = roxmltree::Document::parse(built.as_str()).expect("SSML is well-formed XML");
    // Line breaks are compared as `\n`: XML parsers normalize them (not all alike), and Alexa speaks them alike.
    let lines = |text: &str| text.replace("\r\n", "\n").replace('\r', "\n");
    let spoken: String = document
        .root_element()
        .descendants()
        .filter(|node| node.is_text())
        .filter_map(|node| node.text())
        .map(lines)
        .collect();
    // The builder drops the control characters XML cannot carry, and speaks the line-like ones (VT, FF, NEL) as a
    // space.
    let kept: String = text
        .chars()
        .map(|c| {
            if matches!(c, '\u{b}' | '\u{c}' | '\u{85}') {
                ' '
            } else {
                c
            }
        })
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r')
                || !(c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        })
        .collect();
    assert_eq!(
        spoken,
        lines(&kept).repeat(4),
        "SSML keeps the text as given"
    );
}
