//! Checks a step's answer against its `expect` block. Each failed check becomes one message of the form
//! "what: expected …" followed by what actually happened, so a tester sees the difference without reading JSON.

use regex::RegexBuilder;

use super::script::{
    CardExpectation, Expect, PlayExpect, PlayExpectation, ScreenExpectation, SessionExpect,
    StreamKindExpect, TextOrFlag, parse_offset_range,
};
use crate::alexa::{Card, Directive, PlayBehavior, PlayDirective, Response};
use crate::cli::say::spoken_text;
use crate::skill::token::{StreamKind, StreamRef};

/// What a check sees of one turn besides the response.
pub(super) struct Observed<'a> {
    /// The answer.
    pub(super) response: &'a Response,
    /// What the NLU heard: the intent name, else the request type.
    pub(super) heard: &'a str,
    /// The language the skill answered in.
    pub(super) language: &'a str,
    /// The token the Echo was playing when the answer came.
    pub(super) playing_token: Option<&'a str>,
}

/// Text folded for comparison: no case, no accents, no typographic quotes.
pub(super) fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

/// The speech of a response as plain text ("" when it says nothing).
pub(super) fn speech_of(response: &Response) -> String {
    response
        .output_speech
        .as_ref()
        .map(spoken_text)
        .unwrap_or_default()
}

/// What an answer did, for `onair test -v`: its speech, AudioPlayer directives and session state.
pub(super) fn describe(response: &Response) -> String {
    let speech = speech_of(response);
    let mut text = if speech.is_empty() {
        "says nothing".to_owned()
    } else {
        format!("says \"{speech}\"")
    };
    let directives = directive_list(response);
    if directives != "none" {
        let device = if response
            .directives
            .iter()
            .all(|d| matches!(d, Directive::SendRequest { .. }))
        {
            "alexa"
        } else {
            "player"
        };
        text.push_str(&format!("\n{device}: {directives}"));
    }
    if response.should_end_session == Some(false) {
        text.push_str("\nsession stays open");
    }
    text
}

/// Every failed check of `expect` against what was observed.
pub(super) fn check(expect: &Expect, seen: &Observed<'_>) -> Vec<String> {
    let mut failures = Vec::new();
    let response = seen.response;
    let speech = speech_of(response);
    let said = || {
        if speech.is_empty() {
            "  said nothing".to_owned()
        } else {
            format!("  said: \"{speech}\"")
        }
    };
    if let Some(heard) = &expect.heard
        && !heard.eq_ignore_ascii_case(seen.heard)
    {
        failures.push(format!("heard: expected {heard}\n  heard: {}", seen.heard));
    }
    if let Some(says) = &expect.says {
        for text in says.texts() {
            if !fold(&speech).contains(&fold(text)) {
                failures.push(format!(
                    "says: expected the speech to contain \"{text}\"\n{}",
                    said()
                ));
            }
        }
    }
    if let Some(says_not) = &expect.says_not {
        for text in says_not.texts() {
            if fold(&speech).contains(&fold(text)) {
                failures.push(format!(
                    "says_not: expected the speech not to contain \"{text}\"\n{}",
                    said()
                ));
            }
        }
    }
    if let Some(pattern) = &expect.says_matching {
        match RegexBuilder::new(&fold(pattern))
            .case_insensitive(true)
            .build()
        {
            Ok(regex) => {
                if !regex.is_match(&fold(&speech)) {
                    failures.push(format!(
                        "says_matching: expected the speech to match /{pattern}/\n{}",
                        said()
                    ));
                }
            }
            Err(error) => failures.push(format!(
                "says_matching: /{pattern}/ is not a regular expression: {error}"
            )),
        }
    }
    if let Some(silent) = expect.silent
        && silent != speech.is_empty()
    {
        let wanted = if silent {
            "to say nothing"
        } else {
            "to say something"
        };
        failures.push(format!("silent: expected the answer {wanted}\n{}", said()));
    }
    if let Some(language) = &expect.language
        && language != seen.language
    {
        failures.push(format!(
            "language: expected an answer in {language}\n  answered in {}",
            seen.language
        ));
    }
    if let Some(reprompt) = &expect.reprompt {
        check_reprompt(reprompt, response, &mut failures);
    }
    if let Some(session) = expect.session {
        let open = response.should_end_session == Some(false);
        if open != (session == SessionExpect::Open) {
            failures.push(format!(
                "session: expected it {}\n  it is {}",
                if open { "closed" } else { "open" },
                if open {
                    "open (shouldEndSession: false)"
                } else {
                    "closed"
                }
            ));
        }
    }
    let plays: Vec<&PlayDirective> = plays_of(response, |b| b == PlayBehavior::ReplaceAll);
    let queues: Vec<&PlayDirective> = plays_of(response, |b| b != PlayBehavior::ReplaceAll);
    if let Some(expectation) = &expect.plays {
        let all = plays_of(response, |_| true);
        let candidates = match expectation {
            PlayExpectation::Play(PlayExpect {
                behavior: Some(_), ..
            }) => all,
            _ => plays,
        };
        check_play("plays", expectation, &candidates, seen, &mut failures);
    }
    if let Some(expectation) = &expect.enqueues {
        check_play("enqueues", expectation, &queues, seen, &mut failures);
    }
    let has = |wanted: fn(&Directive) -> bool| response.directives.iter().any(wanted);
    if let Some(stops) = expect.stops
        && stops != has(|d| matches!(d, Directive::Stop))
    {
        failures.push(format!(
            "stops: expected {}an AudioPlayer.Stop\n  directives: {}",
            if stops { "" } else { "no " },
            directive_list(response)
        ));
    }
    if let Some(clear) = expect.clears_queue {
        let found = response.directives.iter().any(
            |d| matches!(d, Directive::ClearQueue { clear_behavior } if *clear_behavior == clear),
        );
        if !found {
            failures.push(format!(
                "clears_queue: expected an AudioPlayer.ClearQueue {}\n  directives: {}",
                serde_json::to_value(clear).unwrap_or_default(),
                directive_list(response)
            ));
        }
    }
    if let Some(wanted) = expect.asks_permission
        && wanted != has(|d| matches!(d, Directive::SendRequest { .. }))
    {
        failures.push(format!(
            "asks_permission: expected {}\n  directives: {}",
            if wanted {
                "a Connections.SendRequest AskFor"
            } else {
                "no permission prompt"
            },
            directive_list(response)
        ));
    }
    if expect.no_directive == Some(true)
        && has(|d| {
            !matches!(
                d,
                Directive::UpdateDynamicEntities(_) | Directive::SendRequest { .. }
            )
        })
    {
        failures.push(format!(
            "no_directive: expected no AudioPlayer directive\n  directives: {}",
            directive_list(response)
        ));
    }
    if let Some(card) = &expect.card {
        check_card(card, response.card.as_ref(), &mut failures);
    }
    if let Some(screen) = &expect.screen {
        check_screen(screen, response, &mut failures);
    }
    failures
}

fn check_reprompt(reprompt: &TextOrFlag, response: &Response, failures: &mut Vec<String>) {
    let actual = response
        .reprompt
        .as_ref()
        .map(|r| spoken_text(&r.output_speech));
    let shown = actual.as_deref().map_or_else(
        || "  no reprompt".to_owned(),
        |t| format!("  reprompt: \"{t}\""),
    );
    match (reprompt, &actual) {
        (TextOrFlag::Flag(true), None) => {
            failures.push(format!("reprompt: expected one\n{shown}"));
        }
        (TextOrFlag::Flag(false), Some(_)) => {
            failures.push(format!("reprompt: expected none\n{shown}"));
        }
        (TextOrFlag::Text(text), actual)
            if !actual
                .as_deref()
                .is_some_and(|a| fold(a).contains(&fold(text))) =>
        {
            failures.push(format!(
                "reprompt: expected it to contain \"{text}\"\n{shown}"
            ));
        }
        _ => {}
    }
}

fn plays_of(response: &Response, behavior: impl Fn(PlayBehavior) -> bool) -> Vec<&PlayDirective> {
    response
        .directives
        .iter()
        .filter_map(|d| match d {
            Directive::Play(play) if behavior(play.play_behavior) => Some(play),
            _ => None,
        })
        .collect()
}

/// A Play as a tester reads it: show, kind, behavior, offset, token.
fn describe_play(play: &PlayDirective) -> String {
    let stream = &play.audio_item.stream;
    let behavior = serde_json::to_value(play.play_behavior).unwrap_or_default();
    let what = StreamRef::parse(stream.token.as_str()).map_or_else(
        || format!("token {}", stream.token),
        |s| {
            format!(
                "{} ({})",
                s.event,
                match s.kind {
                    StreamKind::Live => "live",
                    StreamKind::Recording => "recording",
                }
            )
        },
    );
    let mut text = format!(
        "{what}, {} from {} ms, {}",
        behavior.as_str().unwrap_or("?"),
        stream.offset_in_milliseconds,
        stream.url
    );
    if let Some(previous) = &stream.expected_previous_token {
        text.push_str(&format!(", after {previous}"));
    }
    text
}

fn directive_list(response: &Response) -> String {
    let names: Vec<String> = response
        .directives
        .iter()
        .filter(|d| !matches!(d, Directive::UpdateDynamicEntities(_)))
        .map(|d| match d {
            Directive::Play(play) => format!("Play {}", describe_play(play)),
            Directive::SendRequest { payload, .. } => {
                format!("asks for the permission {}", payload.permission_scope)
            }
            other => other.type_name().to_owned(),
        })
        .collect();
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join("; ")
    }
}

fn check_play(
    what: &str,
    expectation: &PlayExpectation,
    candidates: &[&PlayDirective],
    seen: &Observed<'_>,
    failures: &mut Vec<String>,
) {
    let actual = || {
        if candidates.is_empty() {
            format!("  directives: {}", directive_list(seen.response))
        } else {
            candidates
                .iter()
                .map(|p| format!("  actual: {}", describe_play(p)))
                .collect::<Vec<_>>()
                .join("\n")
        }
    };
    let wanted = match expectation {
        PlayExpectation::Flag(true) => PlayExpect::default(),
        PlayExpectation::Flag(false) => {
            if !candidates.is_empty() {
                failures.push(format!("{what}: expected nothing\n{}", actual()));
            }
            return;
        }
        PlayExpectation::Play(wanted) => wanted.clone(),
    };
    if candidates.is_empty() {
        failures.push(format!(
            "{what}: expected {}\n{}",
            describe_wanted(&wanted),
            actual()
        ));
        return;
    }
    let mismatches: Vec<Vec<String>> = candidates
        .iter()
        .map(|play| play_mismatches(&wanted, play, seen))
        .collect();
    if mismatches.iter().any(Vec::is_empty) {
        return;
    }
    let reasons = mismatches.into_iter().next().unwrap_or_default().join("; ");
    failures.push(format!(
        "{what}: expected {} ({reasons})\n{}",
        describe_wanted(&wanted),
        actual()
    ));
}

fn describe_wanted(wanted: &PlayExpect) -> String {
    let mut parts = Vec::new();
    if let Some(show) = &wanted.show {
        parts.push(format!("show {show}"));
    }
    if let Some(kind) = wanted.kind {
        parts.push(
            match kind {
                StreamKindExpect::Live => "live",
                StreamKindExpect::Recording => "recording",
            }
            .to_owned(),
        );
    }
    if let Some(url) = &wanted.url {
        parts.push(url.clone());
    }
    if let Some(behavior) = wanted.behavior {
        let behavior = serde_json::to_value(behavior).unwrap_or_default();
        parts.push(behavior.as_str().unwrap_or("?").to_owned());
    }
    if let Some(offset) = &wanted.offset {
        parts.push(format!("offset {}", offset.text()));
    }
    if let Some(previous) = &wanted.expected_previous_token {
        parts.push(format!("after {previous}"));
    }
    if parts.is_empty() {
        "a stream".to_owned()
    } else {
        parts.join(", ")
    }
}

fn play_mismatches(wanted: &PlayExpect, play: &PlayDirective, seen: &Observed<'_>) -> Vec<String> {
    let mut wrong = Vec::new();
    let stream = &play.audio_item.stream;
    let parsed = StreamRef::parse(stream.token.as_str());
    if let Some(show) = &wanted.show {
        // An id as the schedule has it, or the show's title as the screen shows it ("Sera Uno").
        let title = play
            .audio_item
            .metadata
            .as_ref()
            .and_then(|m| m.title.as_deref());
        let matches = parsed
            .as_ref()
            .is_some_and(|s| s.event.as_str() == show || s.event.series() == show)
            || title.is_some_and(|t| fold(t) == fold(show));
        if !matches {
            wrong.push("another show".to_owned());
        }
    }
    if let Some(kind) = wanted.kind {
        let actual = parsed.as_ref().map(|s| s.kind);
        let expected = match kind {
            StreamKindExpect::Live => StreamKind::Live,
            StreamKindExpect::Recording => StreamKind::Recording,
        };
        if actual != Some(expected) {
            wrong.push("another kind of stream".to_owned());
        }
    }
    if let Some(url) = &wanted.url
        && url != stream.url.as_str()
    {
        wrong.push("another URL".to_owned());
    }
    if let Some(behavior) = wanted.behavior
        && behavior != play.play_behavior
    {
        wrong.push("another behavior".to_owned());
    }
    if let Some(offset) = &wanted.offset {
        match parse_offset_range(&offset.text()) {
            Ok((from, to)) => {
                if !(from..=to).contains(&stream.offset_in_milliseconds) {
                    wrong.push("another offset".to_owned());
                }
            }
            Err(error) => wrong.push(error),
        }
    }
    if let Some(previous) = &wanted.expected_previous_token {
        let expected = if previous == "playing" {
            seen.playing_token
        } else {
            Some(previous.as_str())
        };
        let actual = stream.expected_previous_token.as_ref().map(|t| t.as_str());
        if actual.is_none() || actual != expected {
            wrong.push(format!(
                "expectedPreviousToken {} is not {}",
                actual.unwrap_or("missing"),
                expected.unwrap_or("the playing stream's (nothing plays)")
            ));
        }
    }
    wrong
}

fn check_card(card: &CardExpectation, actual: Option<&Card>, failures: &mut Vec<String>) {
    let (title, text) = match actual {
        Some(Card::Simple { title, content }) => (Some(title.as_str()), content.as_str()),
        Some(Card::Standard { title, text, .. }) => (Some(title.as_str()), text.as_str()),
        // Alexa writes this card itself: its title is the skill's name, its text names the permissions.
        Some(Card::AskForPermissionsConsent { permissions }) => (
            Some("permissions"),
            permissions.first().map_or("", String::as_str),
        ),
        None => (None, ""),
    };
    let shown = title.map_or_else(
        || "  no card".to_owned(),
        |t| format!("  card: \"{t}\": \"{text}\""),
    );
    match card {
        CardExpectation::Flag(wanted) => {
            if *wanted != title.is_some() {
                failures.push(format!(
                    "card: expected {}\n{shown}",
                    if *wanted { "one" } else { "none" }
                ));
            }
        }
        CardExpectation::Card(wanted) => {
            let ok = title.is_some()
                && wanted
                    .title
                    .as_ref()
                    .is_none_or(|w| fold(title.unwrap_or_default()).contains(&fold(w)))
                && wanted
                    .text
                    .as_ref()
                    .is_none_or(|w| fold(text).contains(&fold(w)));
            if !ok {
                failures.push(format!(
                    "card: expected title containing \"{}\" and text containing \"{}\"\n{shown}",
                    wanted.title.as_deref().unwrap_or(""),
                    wanted.text.as_deref().unwrap_or("")
                ));
            }
        }
    }
}

fn check_screen(screen: &ScreenExpectation, response: &Response, failures: &mut Vec<String>) {
    let metadata = plays_of(response, |_| true)
        .into_iter()
        .find_map(|p| p.audio_item.metadata.as_ref());
    let shown = metadata.map_or_else(
        || "  shows nothing (no Play with metadata)".to_owned(),
        |m| {
            format!(
                "  shows: title \"{}\", subtitle \"{}\", {}",
                m.title.as_deref().unwrap_or(""),
                m.subtitle.as_deref().unwrap_or(""),
                if m.art.is_some() { "art" } else { "no art" }
            )
        },
    );
    match screen {
        ScreenExpectation::Flag(wanted) => {
            if *wanted != metadata.is_some() {
                failures.push(format!(
                    "screen: expected {}\n{shown}",
                    if *wanted { "metadata" } else { "none" }
                ));
            }
        }
        ScreenExpectation::Screen(wanted) => {
            let contains = |actual: Option<&String>, w: &Option<String>| {
                w.as_ref()
                    .is_none_or(|w| actual.is_some_and(|a| fold(a).contains(&fold(w))))
            };
            let ok = metadata.is_some_and(|m| {
                contains(m.title.as_ref(), &wanted.title)
                    && contains(m.subtitle.as_ref(), &wanted.subtitle)
                    && wanted.art.is_none_or(|art| art == m.art.is_some())
            });
            if !ok {
                failures.push(format!(
                    "screen: expected title \"{}\", subtitle \"{}\"{}\n{shown}",
                    wanted.title.as_deref().unwrap_or(""),
                    wanted.subtitle.as_deref().unwrap_or(""),
                    match wanted.art {
                        Some(true) => ", art",
                        Some(false) => ", no art",
                        None => "",
                    }
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(
            fold("Ecco Sera Uno: è in diretta"),
            "ecco sera uno: e in diretta"
        );
        assert_eq!(fold("Here’s"), "here's");
    }
}
