//! Session requests (launch and intents): what the listener asked, answered from the schedule.
//!
//! Pure: the request, a schedule snapshot and the clock go in, a response comes out. The async shell in
//! [`crate::skill`] gathers those inputs.

use chrono::Duration;

use super::context::{Answer, Context, LIST_LIMIT};
use super::intent::{Intent, SourceQuery};
use super::session::{Offer, OfferKind, SessionState};
use super::speech::Arg;
use crate::alexa::{Directive, Entity, EntityName, EntityType, Response};
use crate::schedule::{LiveEvent, Source, SourceMatch};

/// How far ahead dynamic entities reach: names a listener may say in the next few hours.
const DYNAMIC_ENTITIES_AHEAD: Duration = Duration::hours(6);
/// Alexa accepts at most 100 dynamic entity values per update (SPEC §8).
const DYNAMIC_ENTITIES_MAX: usize = 100;
/// The slot type whose values onair extends at run time.
const SOURCE_SLOT_TYPE: &str = "LIVE_SOURCE";

/// Answers a LaunchRequest.
pub(crate) fn launch(cx: &Context<'_>) -> Answer {
    let live = cx.live_now();
    if !cx.can_play() {
        let example = cx.example();
        return cx.ask(
            cx.say(
                "welcome-no-audio",
                &[("whatson", Arg::Text(&whats_on_text(cx, &live)))],
            ),
            cx.say(
                "welcome-no-audio-reprompt",
                &[("example", Arg::Text(&example))],
            ),
            SessionState::default(),
        );
    }
    if live.is_empty() {
        return match cx.upcoming().first() {
            Some(next) => {
                let when = cx.speech.when(next.starts_at, cx.now);
                let show = cx.describe(next);
                cx.ask(
                    cx.say(
                        "welcome-nothing-live",
                        &[("show", Arg::Text(&show)), ("when", Arg::Text(&when))],
                    ),
                    cx.say("pick-reprompt", &[]),
                    SessionState::default(),
                )
            }
            None => cx.ask(
                cx.say("welcome", &[]),
                cx.say("fallback-reprompt", &[]),
                SessionState::default(),
            ),
        };
    }
    let shows = cx.list(&live);
    cx.ask(
        cx.say("welcome-live", &[("shows", Arg::Text(&shows))]),
        cx.say("pick-reprompt", &[]),
        choices(&live),
    )
}

/// Answers an IntentRequest.
pub(crate) fn intent(cx: &Context<'_>, intent: &Intent, state: &SessionState) -> Answer {
    match intent {
        Intent::PlayLiveShow { source: None } => play_something_live(cx),
        Intent::PlayLiveShow {
            source: Some(query),
        } => play_source(cx, query),
        Intent::WhatsOn => whats_on(cx),
        Intent::WhenIs { source: None } | Intent::PlayRecording { source: None, .. } => help(cx),
        Intent::WhenIs {
            source: Some(query),
        } => when_is(cx, query),
        Intent::PlayRecording {
            source: Some(query),
            date,
        } => play_recording(cx, query, *date),
        Intent::Choose { position } => choose(cx, state, *position),
        Intent::Yes => match &state.offer {
            Some(offer) => accept(cx, offer),
            None => cx.ask(
                cx.say("anything-else", &[]),
                cx.say("help-reprompt", &[("example", Arg::Text(&cx.example()))]),
                SessionState::default(),
            ),
        },
        Intent::No => cx.tell(cx.say("okay", &[])),
        Intent::Pause => cx.stop_audio(None),
        Intent::Stop | Intent::Cancel => cx.stop_audio(Some(cx.say("goodbye", &[]))),
        Intent::Resume => super::playback::resume_by_voice(cx),
        Intent::Next | Intent::Previous => cx.tell(cx.say("cannot-skip", &[])),
        Intent::StartOver
        | Intent::LoopOn
        | Intent::LoopOff
        | Intent::ShuffleOn
        | Intent::ShuffleOff
        | Intent::Repeat => super::playback::not_for_live(cx, intent),
        Intent::Help => help(cx),
        Intent::NavigateHome => Answer::new(Response::default().end_session()),
        Intent::Fallback | Intent::Unknown(_) => fallback(cx),
    }
}

fn help(cx: &Context<'_>) -> Answer {
    let example = cx.example();
    cx.ask(
        cx.say("help", &[("example", Arg::Text(&example))]),
        cx.say("help-reprompt", &[("example", Arg::Text(&example))]),
        SessionState::default(),
    )
}

fn fallback(cx: &Context<'_>) -> Answer {
    let example = cx.example();
    cx.ask(
        cx.say("fallback", &[("example", Arg::Text(&example))]),
        cx.say("fallback-reprompt", &[]),
        SessionState::default(),
    )
}

fn play_something_live(cx: &Context<'_>) -> Answer {
    if let Some(event) = cx.live_now().first() {
        return cx.play_live(event, "playing-live");
    }
    match cx.upcoming().first() {
        Some(next) => {
            let when = cx.speech.when(next.starts_at, cx.now);
            let show = cx.describe(next);
            cx.tell(cx.say(
                "play-something-live-nothing",
                &[("show", Arg::Text(&show)), ("when", Arg::Text(&when))],
            ))
        }
        None => cx.tell(cx.say("nothing-live", &[])),
    }
}

/// "Live now: A, B and C. Next up: D, in 40 minutes."
fn whats_on_text(cx: &Context<'_>, live: &[&LiveEvent]) -> String {
    let shows = cx.list(live);
    let mut text = match live.len() {
        0 => cx.say("nothing-live", &[]),
        n if n <= LIST_LIMIT => cx.say("live-now", &[("shows", Arg::Text(&shows))]),
        n => cx.say(
            "live-now-many",
            &[
                ("count", Arg::Number(count(n))),
                ("shows", Arg::Text(&shows)),
            ],
        ),
    };
    if let Some(next) = cx.upcoming().first() {
        let when = cx.speech.when(next.starts_at, cx.now);
        let show = cx.describe(next);
        text.push(' ');
        text.push_str(&cx.say(
            "next-up",
            &[("show", Arg::Text(&show)), ("when", Arg::Text(&when))],
        ));
    }
    text
}

fn whats_on(cx: &Context<'_>) -> Answer {
    let live = cx.live_now();
    let mut text = whats_on_text(cx, &live);
    if live.is_empty() || !cx.can_play() {
        return cx.tell(text);
    }
    text.push(' ');
    text.push_str(&cx.say("which-one", &[]));
    cx.ask(text, cx.say("pick-reprompt", &[]), choices(&live))
}

/// Resolves a spoken name; ambiguity and misses are answered here, a single source goes to `found`.
fn with_source(
    cx: &Context<'_>,
    query: &SourceQuery,
    found: impl FnOnce(&Source<'_>) -> Answer,
) -> Answer {
    let ids: Vec<&str> = query.ids.iter().map(String::as_str).collect();
    match cx.schedule.find_source(&query.spoken, &ids) {
        SourceMatch::One(source) => found(&source),
        SourceMatch::Ambiguous(sources) => {
            let names: Vec<String> = sources.iter().map(|s| s.name.clone()).collect();
            let options = cx.speech.list_or(&names);
            let picks: Vec<&LiveEvent> = sources
                .iter()
                .filter_map(|source| representative(cx, source))
                .collect();
            cx.ask(
                cx.say("ambiguous", &[("choices", Arg::Text(&options))]),
                cx.say("ambiguous-reprompt", &[("choices", Arg::Text(&options))]),
                choices(&picks),
            )
        }
        SourceMatch::None => not_found(cx, &query.spoken),
    }
}

fn not_found(cx: &Context<'_>, spoken: &str) -> Answer {
    let live = cx.live_now();
    if live.is_empty() {
        return cx.tell(cx.say("not-found-nothing-live", &[("name", Arg::Text(spoken))]));
    }
    let shows = cx.list(&live);
    cx.ask(
        cx.say(
            "not-found-live-instead",
            &[("name", Arg::Text(spoken)), ("shows", Arg::Text(&shows))],
        ),
        cx.say("pick-reprompt", &[]),
        choices(&live),
    )
}

/// The event that stands for a source when the listener picks it from a list: live now, else the next one.
fn representative<'s>(cx: &Context<'_>, source: &Source<'s>) -> Option<&'s LiveEvent> {
    source
        .events
        .iter()
        .copied()
        .find(|e| e.is_live_at(cx.now))
        .or_else(|| source.events.iter().copied().find(|e| e.starts_at > cx.now))
        .or_else(|| source.events.last().copied())
}

fn play_source(cx: &Context<'_>, query: &SourceQuery) -> Answer {
    with_source(cx, query, |source| play_event_or_explain(cx, source))
}

fn play_event_or_explain(cx: &Context<'_>, source: &Source<'_>) -> Answer {
    let live: Vec<&LiveEvent> = source
        .events
        .iter()
        .copied()
        .filter(|e| e.is_live_at(cx.now))
        .collect();
    if let Some(event) = live.iter().find(|e| e.available_in(cx.speech.locale())) {
        return cx.play_live(event, "playing-live");
    }
    if let Some(event) = live.first() {
        let show = cx.describe(event);
        return cx.tell(cx.say("not-available-here", &[("show", Arg::Text(&show))]));
    }
    let next = source.events.iter().copied().find(|e| e.starts_at > cx.now);
    let recording = latest_recording(cx, source, None);
    // Whichever is closer in time is what the listener most likely means: tonight's show, or last night's recording.
    let recording_is_closer = match (next, recording) {
        (Some(next), Some(ended)) => cx.now - ended.ends_at < next.starts_at - cx.now,
        (None, Some(_)) => true,
        _ => false,
    };
    if let (Some(ended), true) = (recording, recording_is_closer) {
        let show = cx.describe(ended);
        let when = cx.speech.when(ended.ends_at, cx.now);
        return cx.ask(
            cx.say(
                "ended-offer-recording",
                &[("show", Arg::Text(&show)), ("when", Arg::Text(&when))],
            ),
            cx.say(
                "ended-offer-recording-reprompt",
                &[("show", Arg::Text(&show))],
            ),
            offer(OfferKind::Recording, ended, 0),
        );
    }
    if let Some(next) = next {
        return not_live_yet(cx, next);
    }
    match source.events.last() {
        Some(ended) => {
            let show = cx.describe(ended);
            cx.tell(cx.say("ended-no-recording", &[("show", Arg::Text(&show))]))
        }
        None => cx.tell(cx.say("not-scheduled", &[("name", Arg::Text(&source.name))])),
    }
}

fn not_live_yet(cx: &Context<'_>, next: &LiveEvent) -> Answer {
    let show = cx.describe(next);
    let when = cx.speech.when(next.starts_at, cx.now);
    match cx.live_now().first() {
        Some(other) if cx.can_play() => {
            let other_name = cx.describe(other);
            cx.ask(
                cx.say(
                    "not-live-yet-offer",
                    &[
                        ("show", Arg::Text(&show)),
                        ("when", Arg::Text(&when)),
                        ("other", Arg::Text(&other_name)),
                    ],
                ),
                cx.say(
                    "not-live-yet-offer-reprompt",
                    &[("other", Arg::Text(&other_name))],
                ),
                offer(OfferKind::Live, other, 0),
            )
        }
        _ => cx.tell(cx.say(
            "not-live-yet",
            &[("show", Arg::Text(&show)), ("when", Arg::Text(&when))],
        )),
    }
}

fn when_is(cx: &Context<'_>, query: &SourceQuery) -> Answer {
    with_source(cx, query, |source| {
        if let Some(live) = source.events.iter().find(|e| e.is_live_at(cx.now)) {
            let show = cx.describe(live);
            if !cx.can_play() {
                return cx.tell(cx.say("when-live-now", &[("show", Arg::Text(&show))]));
            }
            return cx.ask(
                cx.say("when-live-now", &[("show", Arg::Text(&show))]),
                cx.say("when-live-now-reprompt", &[("show", Arg::Text(&show))]),
                offer(OfferKind::Live, live, 0),
            );
        }
        match source.events.iter().find(|e| e.starts_at > cx.now) {
            Some(next) => {
                let show = cx.describe(next);
                let when = cx.speech.when(next.starts_at, cx.now);
                cx.tell(cx.say(
                    "when-next",
                    &[("show", Arg::Text(&show)), ("when", Arg::Text(&when))],
                ))
            }
            None => cx.tell(cx.say("not-scheduled", &[("name", Arg::Text(&source.name))])),
        }
    })
}

/// The most recent ended occurrence with a recording, optionally on a given local day.
fn latest_recording<'s>(
    cx: &Context<'_>,
    source: &Source<'s>,
    day: Option<chrono::NaiveDate>,
) -> Option<&'s LiveEvent> {
    source
        .events
        .iter()
        .rev()
        .copied()
        .filter(|e| e.ends_at <= cx.now && e.recording_url.is_some())
        .find(|e| day.is_none_or(|day| cx.local_date(e.starts_at) == day))
}

fn play_recording(
    cx: &Context<'_>,
    query: &SourceQuery,
    date: Option<chrono::NaiveDate>,
) -> Answer {
    with_source(cx, query, |source| {
        if let Some(event) = latest_recording(cx, source, date) {
            return cx.play_recording(event, 0, "playing-recording");
        }
        let name = Arg::Text(&source.name);
        if let Some(day) = date {
            let weekday = cx
                .speech
                .weekday(chrono::Datelike::weekday(&day).number_from_monday());
            return cx.tell(cx.say(
                "no-recording-on-date",
                &[("name", name), ("date", Arg::Text(&weekday))],
            ));
        }
        match source.events.iter().find(|e| e.starts_at > cx.now) {
            Some(next) => {
                let when = cx.speech.when(next.starts_at, cx.now);
                cx.tell(cx.say(
                    "no-recording-next-live",
                    &[("name", name), ("when", Arg::Text(&when))],
                ))
            }
            None => cx.tell(cx.say("no-recording", &[("name", name)])),
        }
    })
}

fn choose(cx: &Context<'_>, state: &SessionState, position: Option<usize>) -> Answer {
    let picked = position
        .and_then(|n| state.choices.get(n - 1))
        .and_then(|id| cx.schedule.event(id));
    let Some(event) = picked else {
        return fallback(cx);
    };
    if event.is_live_at(cx.now) {
        return cx.play_live(event, "playing-live");
    }
    if event.starts_at > cx.now {
        return not_live_yet(cx, event);
    }
    fallback(cx)
}

fn accept(cx: &Context<'_>, offer: &Offer) -> Answer {
    let Some(event) = cx.schedule.event(&offer.event) else {
        return fallback(cx);
    };
    match offer.play {
        OfferKind::Live if event.is_live_at(cx.now) => cx.play_live(event, "playing-live"),
        OfferKind::Live => not_live_yet_or_ended(cx, event),
        OfferKind::Recording => cx.play_recording(event, offer.offset_ms, "playing-recording"),
    }
}

fn not_live_yet_or_ended(cx: &Context<'_>, event: &LiveEvent) -> Answer {
    if event.starts_at > cx.now {
        return not_live_yet(cx, event);
    }
    let show = cx.describe(event);
    cx.tell(cx.say("resume-ended", &[("show", Arg::Text(&show))]))
}

pub(crate) fn offer(play: OfferKind, event: &LiveEvent, offset_ms: u64) -> SessionState {
    SessionState {
        offer: Some(Offer {
            play,
            event: event.id.to_string(),
            offset_ms,
        }),
        choices: Vec::new(),
    }
}

pub(crate) fn choices(events: &[&LiveEvent]) -> SessionState {
    SessionState {
        offer: None,
        choices: events
            .iter()
            .take(LIST_LIMIT)
            .map(|e| e.id.to_string())
            .collect(),
    }
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// `Dialog.UpdateDynamicEntities` with the names live now and in the next hours, so Alexa's NLU recognises
/// performers that are not in the static model.
pub(crate) fn dynamic_entities(cx: &Context<'_>) -> Option<Directive> {
    let until = cx.now + DYNAMIC_ENTITIES_AHEAD;
    let mut seen = std::collections::BTreeSet::new();
    let mut values = Vec::new();
    let relevant = cx.schedule.events().iter().filter(|e| {
        e.ends_at > cx.now && e.starts_at < until && e.available_in(cx.speech.locale())
    });
    for event in relevant {
        for name in event.names() {
            let key = crate::schedule::source_key(name);
            if key.is_empty() || !seen.insert(key.clone()) {
                continue;
            }
            values.push(Entity {
                id: Some(key),
                name: EntityName {
                    value: name.to_owned(),
                    synonyms: Vec::new(),
                },
            });
        }
    }
    values.truncate(DYNAMIC_ENTITIES_MAX);
    (!values.is_empty()).then(|| {
        Directive::replace_dynamic_entities(vec![EntityType {
            name: SOURCE_SLOT_TYPE.to_owned(),
            values,
        }])
    })
}
