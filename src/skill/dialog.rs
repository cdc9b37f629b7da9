//! Session requests (launch and intents): what the listener asked, answered from the schedule.
//!
//! Pure: the request, a schedule snapshot and the clock go in, a response comes out. The async shell in
//! [`crate::skill`] gathers those inputs.

use chrono::{Datelike, Duration, NaiveDate};

use super::context::{Answer, Context};
use super::intent::{Intent, Pick, SourceQuery};
use super::session::{LIST_LIMIT, Offer, OfferKind, SessionState, choices, named, offer};
use super::speech::Arg;
use super::token::{StreamKind, StreamRef};
use super::waiting::not_live_yet;
use crate::alexa::{Directive, Entity, EntityName, EntityType, Response};
use crate::schedule::{LiveEvent, Schedule, Source, SourceMatch};
use crate::storage::PlaybackActivity;

/// How far ahead dynamic entities reach: names a listener may say in the next few hours.
const DYNAMIC_ENTITIES_AHEAD: Duration = Duration::hours(6);
/// Alexa accepts at most 100 dynamic entity values per update (SPEC §8).
const DYNAMIC_ENTITIES_MAX: usize = 100;
/// The slot type whose values onair extends at run time.
const SOURCE_SLOT_TYPE: &str = "LIVE_SOURCE";

/// Answers a LaunchRequest.
pub(crate) fn launch(cx: &Context<'_>) -> Answer {
    if let Some(answer) = welcome_back(cx) {
        return answer;
    }
    if let Some(answer) = super::follow::welcome_live(cx, cx.follows) {
        return answer;
    }
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
                let when = cx.starts(next);
                let show = cx.describe(next);
                cx.ask(
                    cx.say(
                        "welcome-nothing-live",
                        &[("show", Arg::Text(&show)), ("when", Arg::Text(&when))],
                    ),
                    cx.say("pick-reprompt", &[]),
                    choices(&[*next]),
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
        choices(named(&live)),
    )
}

/// "Welcome back. Continue Sera Uno?": the listener's playback state names a show still live, or a recording they
/// stopped part-way through.
fn welcome_back(cx: &Context<'_>) -> Option<Answer> {
    if !cx.can_play() {
        return None;
    }
    let state = cx.playback?;
    let stream = StreamRef::parse(&state.token)?;
    let event = cx.schedule.event(stream.event.as_str())?;
    if !cx.offered(event) {
        return None;
    }
    let show = cx.describe(event);
    let (phrase, session) = match stream.kind {
        StreamKind::Live if event.is_live_at(cx.now) => {
            ("welcome-back-live", offer(OfferKind::Live, event, 0))
        }
        StreamKind::Recording
            if state.offset_ms > 0
                && event.recording_url.is_some()
                && matches!(
                    state.activity,
                    PlaybackActivity::Stopped | PlaybackActivity::Paused
                ) =>
        {
            (
                "welcome-back-recording",
                offer(OfferKind::Recording, event, state.offset_ms),
            )
        }
        StreamKind::Live | StreamKind::Recording => return None,
    };
    Some(cx.ask(
        cx.say(phrase, &[("show", Arg::Text(&show))]),
        cx.say("welcome-back-reprompt", &[("show", Arg::Text(&show))]),
        session,
    ))
}

/// Answers an IntentRequest.
pub(crate) fn intent(cx: &Context<'_>, intent: &Intent, state: &SessionState) -> Answer {
    match intent {
        Intent::PlayLiveShow { source: None } => play_something_live(cx),
        Intent::PlayLiveShow {
            source: Some(query),
        } => pick_by_name(cx, state, query),
        Intent::WhatsOn => whats_on(cx),
        Intent::WhenIs { source: None } | Intent::PlayRecording { source: None, .. } => help(cx),
        Intent::WhenIs {
            source: Some(query),
        } => when_is(cx, query),
        Intent::PlayRecording {
            source: Some(query),
            date,
        } => play_recording(cx, query, *date),
        Intent::Choose {
            source: Some(query),
            ..
        } => pick_by_name(cx, state, query),
        Intent::Choose {
            position,
            source: None,
        } => choose(cx, state, *position),
        Intent::Yes => match &state.offer {
            Some(offer) => accept(cx, offer),
            None => cx.ask(
                cx.say("anything-else", &[]),
                reprompt(cx),
                SessionState::default(),
            ),
        },
        Intent::No => match &state.offer {
            Some(offer) if offer.confirming => cx.ask(
                cx.say("ask-again", &[]),
                cx.say("pick-reprompt", &[]),
                SessionState::default(),
            ),
            _ => cx.tell(cx.say("okay", &[])),
        },
        // The shell answers these, since they write (see `Skill::change_follows`); here only without a user id.
        Intent::Follow { .. } | Intent::Unfollow { .. } => super::follow::unavailable(cx),
        Intent::ListFollows => super::follow::list(cx, cx.follows),
        Intent::WhatsOnFavourites => super::follow::whats_on(cx, cx.follows),
        Intent::PlayFavourites => super::follow::play(cx, cx.follows),
        Intent::Pause => cx.stop_audio(None),
        Intent::Stop | Intent::Cancel => cx.stop_audio(Some(cx.say("goodbye", &[]))),
        Intent::Resume => super::playback::resume_by_voice(cx),
        Intent::Next | Intent::Previous => super::playback::skip(cx),
        Intent::StartOver
        | Intent::LoopOn
        | Intent::LoopOff
        | Intent::ShuffleOn
        | Intent::ShuffleOff
        | Intent::Repeat => super::playback::not_for_live(cx, intent),
        Intent::Help => help(cx),
        // The shell answers these with the Reminders API (`remind::plan`) before the dialog sees them.
        Intent::RemindMe { .. } | Intent::CancelReminder { .. } | Intent::ListReminders => {
            fallback(cx)
        }
        Intent::NavigateHome => Answer::new(Response::default().end_session()),
        // The list or offer stays: "sorry?" mid-list must not cost the listener "the second one".
        Intent::Fallback | Intent::Unknown(_) => Answer {
            session: state.clone(),
            ..fallback(cx)
        },
    }
}

fn help(cx: &Context<'_>) -> Answer {
    let example = cx.example();
    let phrase = if cx.can_play() {
        "help"
    } else {
        "help-no-audio"
    };
    cx.ask(
        cx.say(phrase, &[("example", Arg::Text(&example))]),
        reprompt(cx),
        SessionState::default(),
    )
}

fn fallback(cx: &Context<'_>) -> Answer {
    let example = cx.example();
    if !cx.can_play() {
        return cx.ask(
            cx.say("fallback-no-audio", &[("example", Arg::Text(&example))]),
            reprompt(cx),
            SessionState::default(),
        );
    }
    cx.ask(
        cx.say("fallback", &[("example", Arg::Text(&example))]),
        cx.say("fallback-reprompt", &[]),
        SessionState::default(),
    )
}

/// What to ask when the listener says nothing: only what this device can do.
fn reprompt(cx: &Context<'_>) -> String {
    let example = cx.example();
    let phrase = if cx.can_play() {
        "help-reprompt"
    } else {
        "no-audio-reprompt"
    };
    cx.say(phrase, &[("example", Arg::Text(&example))])
}

fn play_something_live(cx: &Context<'_>) -> Answer {
    if let Some(event) = cx.live_now().first() {
        return cx.play_live(event, "playing-live");
    }
    match cx.upcoming().first() {
        Some(next) => {
            let when = cx.starts(next);
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
        let when = cx.starts(next);
        let show = cx.describe(next);
        text.push(' ');
        text.push_str(&cx.say(
            "next-up",
            &[("show", Arg::Text(&show)), ("when", Arg::Text(&when))],
        ));
    }
    text
}

/// The shows "what's on" names, in the order spoken: the live ones it lists, then the one it says is next, so
/// "the third one" and a name both pick what the listener heard.
fn whats_on_listed<'s>(cx: &'s Context<'_>, live: &[&'s LiveEvent]) -> Vec<&'s LiveEvent> {
    let mut listed: Vec<&LiveEvent> = live.iter().copied().take(LIST_LIMIT).collect();
    listed.extend(cx.upcoming().first().copied());
    listed
}

fn whats_on(cx: &Context<'_>) -> Answer {
    let live = cx.live_now();
    let mut text = whats_on_text(cx, &live);
    if live.is_empty() || !cx.can_play() {
        return cx.tell(text);
    }
    text.push(' ');
    text.push_str(&cx.say("which-one", &[]));
    cx.ask(
        text,
        cx.say("pick-reprompt", &[]),
        choices(&whats_on_listed(cx, &live)),
    )
}

/// A source with only the events this listener may be offered; `None` when it has events but none of them is.
fn offered_only<'s>(cx: &Context<'_>, source: &Source<'s>) -> Option<Source<'s>> {
    let events: Vec<&LiveEvent> = source
        .events
        .iter()
        .copied()
        .filter(|e| cx.offered(e))
        .collect();
    (!events.is_empty() || source.events.is_empty()).then(|| Source {
        events,
        ..source.clone()
    })
}

/// Resolves a spoken name; ambiguity, misses and shows not offered in this language are answered here, a single
/// source (with only the events this listener may hear) goes to `found`.
pub(crate) fn with_source(
    cx: &Context<'_>,
    query: &SourceQuery,
    found: impl FnOnce(&Source<'_>) -> Answer,
) -> Answer {
    let ids: Vec<&str> = query.ids.iter().map(String::as_str).collect();
    let candidates = match cx.schedule.find_source(&query.spoken, &ids) {
        SourceMatch::None => return not_found(cx, &query.spoken),
        SourceMatch::One(source) => vec![source],
        SourceMatch::Ambiguous(sources) => sources,
    };
    let offered: Vec<Source<'_>> = candidates
        .iter()
        .filter_map(|source| offered_only(cx, source))
        .collect();
    match offered.as_slice() {
        [] => {
            let show = candidates
                .first()
                .map(|s| s.name.clone())
                .unwrap_or_default();
            let language = cx.speech.language_name();
            cx.tell(cx.say(
                "not-offered",
                &[
                    ("show", Arg::Text(&show)),
                    ("language", Arg::Text(&language)),
                ],
            ))
        }
        [one] => found(one),
        several => {
            let (names, picks): (Vec<String>, Vec<&LiveEvent>) = several
                .iter()
                .filter_map(|source| Some((source.name.clone(), representative(cx, source)?)))
                .unzip();
            which_one(cx, &names, &picks)
        }
    }
}

/// "I found several matches: A or B. Which one did you mean?", remembering `picks` (one per name, in order).
fn which_one(cx: &Context<'_>, names: &[String], picks: &[&LiveEvent]) -> Answer {
    let options = cx.speech.list_or(names);
    cx.ask(
        cx.say("ambiguous", &[("choices", Arg::Text(&options))]),
        cx.say("ambiguous-reprompt", &[("choices", Arg::Text(&options))]),
        choices(picks),
    )
}

fn not_found(cx: &Context<'_>, spoken: &str) -> Answer {
    let live = cx.live_now();
    if live.is_empty() {
        return cx.tell(cx.say("not-found-nothing-live", &[("name", Arg::Text(spoken))]));
    }
    let shows = cx.list(&live);
    if !cx.can_play() {
        return cx.tell(cx.say(
            "not-found-live",
            &[("name", Arg::Text(spoken)), ("shows", Arg::Text(&shows))],
        ));
    }
    cx.ask(
        cx.say(
            "not-found-live-instead",
            &[("name", Arg::Text(spoken)), ("shows", Arg::Text(&shows))],
        ),
        cx.say("pick-reprompt", &[]),
        choices(named(&live)),
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

/// A name said to play something: matched against the shows the skill just listed first (the listener is
/// answering "which one?"), then against the whole schedule.
fn pick_by_name(cx: &Context<'_>, state: &SessionState, query: &SourceQuery) -> Answer {
    let listed: Vec<&LiveEvent> = state
        .choices
        .iter()
        .filter_map(|id| cx.schedule.event(id))
        .collect();
    if !listed.is_empty() {
        let just_listed = Schedule::new(listed.iter().map(|e| (*e).clone()).collect());
        let ids: Vec<&str> = query.ids.iter().map(String::as_str).collect();
        let sources = match just_listed.find_source(&query.spoken, &ids) {
            SourceMatch::None => Vec::new(),
            SourceMatch::One(source) => vec![source],
            SourceMatch::Ambiguous(sources) => sources,
        };
        // Back to the listed events themselves, in the order the listener heard them.
        let picked: Vec<&LiveEvent> = listed
            .iter()
            .copied()
            .filter(|e| {
                sources
                    .iter()
                    .any(|s| s.events.iter().any(|m| m.id == e.id))
            })
            .collect();
        let live: Vec<&LiveEvent> = picked
            .iter()
            .copied()
            .filter(|e| e.is_live_at(cx.now))
            .collect();
        // "Radio Uno" after "live now: Sera Uno on Radio Uno; next up: Notte Uno on Radio Uno" means the live one.
        if let [one] = live.as_slice() {
            return play_choice(cx, one);
        }
        match picked.as_slice() {
            [] => {}
            [one] => return play_choice(cx, one),
            several => {
                let names: Vec<String> = several.iter().map(|e| cx.describe(e)).collect();
                return which_one(cx, &names, several);
            }
        }
    }
    play_source(cx, query)
}

fn play_source(cx: &Context<'_>, query: &SourceQuery) -> Answer {
    if !cx.can_play() {
        return cx.cannot_play_here();
    }
    with_source(cx, query, |source| {
        if source.needs_confirmation() {
            return confirm(cx, source);
        }
        play_event_or_explain(cx, source)
    })
}

/// "Did you mean Radio Uno?" for a weak match: yes plays it, no asks again.
fn confirm(cx: &Context<'_>, source: &Source<'_>) -> Answer {
    let Some(event) = representative(cx, source) else {
        return play_event_or_explain(cx, source);
    };
    let name = Arg::Text(&source.name);
    let mut session = offer(OfferKind::Live, event, 0);
    if let Some(offer) = session.offer.as_mut() {
        offer.confirming = true;
    }
    cx.ask(
        cx.say("confirm-source", &[("name", name)]),
        cx.say("confirm-source-reprompt", &[("name", name)]),
        session,
    )
}

fn play_event_or_explain(cx: &Context<'_>, source: &Source<'_>) -> Answer {
    let live: Vec<&LiveEvent> = source
        .events
        .iter()
        .copied()
        .filter(|e| e.is_live_at(cx.now))
        .collect();
    // Shows of one channel that overlap at a hand-over are one choice: the one that started last.
    let mut distinct: Vec<&LiveEvent> = Vec::new();
    for event in live.iter().rev() {
        let same_place = |other: &&LiveEvent| match (&event.channel, &other.channel) {
            (Some(a), Some(b)) => a == b,
            _ => event.stream_url == other.stream_url,
        };
        if !distinct.iter().any(same_place) {
            distinct.push(event);
        }
    }
    distinct.reverse();
    match distinct.as_slice() {
        [] => {}
        [event] => return cx.play_live(event, "playing-live"),
        // A performer on two channels, a festival on two stages: different shows, so the listener chooses.
        several => {
            let names: Vec<String> = several.iter().map(|e| cx.describe(e)).collect();
            let options = cx.speech.list_or(&names);
            return cx.ask(
                cx.say(
                    "ambiguous-live",
                    &[
                        ("name", Arg::Text(&source.name)),
                        ("choices", Arg::Text(&options)),
                    ],
                ),
                cx.say(
                    "ambiguous-live-reprompt",
                    &[("choices", Arg::Text(&options))],
                ),
                choices(several),
            );
        }
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
        return offer_recording(cx, ended);
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

/// "It ended an hour ago, but there's a recording. Would you like to hear it?"
fn offer_recording(cx: &Context<'_>, ended: &LiveEvent) -> Answer {
    let show = cx.describe(ended);
    let when = cx.speech.when(ended.ends_at, cx.now);
    cx.ask(
        cx.say(
            "ended-offer-recording",
            &[("show", Arg::Text(&show)), ("when", Arg::Text(&when))],
        ),
        cx.say(
            "ended-offer-recording-reprompt",
            &[("show", Arg::Text(&show))],
        ),
        offer(OfferKind::Recording, ended, 0),
    )
}

fn when_is(cx: &Context<'_>, query: &SourceQuery) -> Answer {
    with_source(cx, query, |source| {
        if let Some(live) = source.events.iter().find(|e| e.is_live_at(cx.now)) {
            let show = cx.describe(live);
            if !cx.can_play() {
                return cx.tell(cx.say("when-live-now-no-audio", &[("show", Arg::Text(&show))]));
            }
            return cx.ask(
                cx.say("when-live-now", &[("show", Arg::Text(&show))]),
                cx.say("when-live-now-reprompt", &[("show", Arg::Text(&show))]),
                offer(OfferKind::Live, live, 0),
            );
        }
        match source.events.iter().find(|e| e.starts_at > cx.now) {
            // "It starts at 8 PM. Shall I remind you?"
            Some(next) => super::waiting::offer_reminder(cx, next, "when-next"),
            None => cx.tell(cx.say("not-scheduled", &[("name", Arg::Text(&source.name))])),
        }
    })
}

/// The most recent ended occurrence with a recording, optionally on a given local day.
fn latest_recording<'s>(
    cx: &Context<'_>,
    source: &Source<'s>,
    day: Option<NaiveDate>,
) -> Option<&'s LiveEvent> {
    source
        .events
        .iter()
        .rev()
        .copied()
        .filter(|e| e.ends_at <= cx.now && e.recording_url.is_some())
        .find(|e| day.is_none_or(|day| cx.local_date(e.starts_at) == day))
}

/// The past day a listener means when asking for a recording "from {date}". Alexa resolves `AMAZON.DATE` to today
/// or later ("Friday" on a Saturday is next Friday, "20 November" after it is next year's), but a recording can
/// only be from the past: a weekday within the coming week means the last one, any later date the same day a year
/// (or more) earlier.
pub(crate) fn meant_past_day(asked: NaiveDate, today: NaiveDate) -> NaiveDate {
    if asked <= today {
        return asked;
    }
    if asked - today <= chrono::Duration::days(7) {
        return asked - chrono::Duration::days(7);
    }
    let mut day = asked;
    while day > today {
        day = day
            .with_year(day.year() - 1)
            // 29 February a year earlier is 28 February.
            .or_else(|| day.pred_opt().and_then(|d| d.with_year(d.year() - 1)))
            .unwrap_or(today);
    }
    day
}

fn play_recording(cx: &Context<'_>, query: &SourceQuery, date: Option<NaiveDate>) -> Answer {
    if !cx.can_play() {
        return cx.cannot_play_here();
    }
    let today = cx.today();
    let day = date.map(|asked| meant_past_day(asked, today));
    with_source(cx, query, |source| {
        let live_now = source
            .events
            .iter()
            .copied()
            .find(|e| e.is_live_at(cx.now))
            .filter(|_| day.is_none_or(|day| day == today));
        if let Some(event) = latest_recording(cx, source, day) {
            if let Some(live) = live_now {
                let show = cx.describe(live);
                let date = cx.speech.date(cx.local_date(event.starts_at));
                let name = source.name.clone();
                return cx.play_recording_saying(
                    event,
                    0,
                    "playing-latest-while-live",
                    &[
                        ("show", Arg::Text(&show)),
                        ("date", Arg::Text(&date)),
                        ("name", Arg::Text(&name)),
                    ],
                );
            }
            let intro = if day.is_some() {
                "playing-recording-date"
            } else {
                "playing-recording"
            };
            return cx.play_recording(event, 0, intro);
        }
        if let Some(live) = live_now {
            let show = cx.describe(live);
            return cx.ask(
                cx.say("recording-live-now-offer", &[("show", Arg::Text(&show))]),
                cx.say(
                    "recording-live-now-offer-reprompt",
                    &[("show", Arg::Text(&show))],
                ),
                offer(OfferKind::Live, live, 0),
            );
        }
        let name = Arg::Text(&source.name);
        if let Some(day) = day {
            let date = cx.speech.date(day);
            return cx.tell(cx.say(
                "no-recording-on-date",
                &[("name", name), ("date", Arg::Text(&date))],
            ));
        }
        match source.events.iter().find(|e| e.starts_at > cx.now) {
            Some(next) => {
                let when = cx.starts(next);
                cx.tell(cx.say(
                    "no-recording-next-live",
                    &[("name", name), ("when", Arg::Text(&when))],
                ))
            }
            None => cx.tell(cx.say("no-recording", &[("name", name)])),
        }
    })
}

/// "The second one": a position in the list the skill just spoke.
fn choose(cx: &Context<'_>, state: &SessionState, position: Option<Pick>) -> Answer {
    let listed: Vec<&LiveEvent> = state
        .choices
        .iter()
        .filter_map(|id| cx.schedule.event(id))
        .collect();
    if listed.is_empty() {
        return fallback(cx);
    }
    let picked = match position {
        Some(Pick::Nth(n)) => n.checked_sub(1).and_then(|i| listed.get(i)),
        Some(Pick::Last) => listed.last(),
        None => None,
    };
    match picked {
        Some(event) => play_choice(cx, event),
        None => repeat_choices(cx, &listed),
    }
}

/// A position past the end of the list (or none at all): how many there were, and the list again.
fn repeat_choices(cx: &Context<'_>, listed: &[&LiveEvent]) -> Answer {
    let shows = cx.list_all(listed);
    let text = cx.say(
        "choose-out-of-range",
        &[
            ("count", Arg::Number(count(listed.len()))),
            ("shows", Arg::Text(&shows)),
        ],
    );
    let session = match listed {
        [only] => offer(OfferKind::Live, only, 0),
        _ => choices(listed),
    };
    cx.ask(text, cx.say("pick-reprompt", &[]), session)
}

/// One show the listener picked from a list: live, starting later, or ended while they were choosing.
fn play_choice(cx: &Context<'_>, event: &LiveEvent) -> Answer {
    if event.is_live_at(cx.now) {
        return cx.play_live(event, "playing-live");
    }
    not_live_yet_or_ended(cx, event)
}

fn accept(cx: &Context<'_>, offer: &Offer) -> Answer {
    let Some(event) = cx.schedule.event(&offer.event) else {
        return fallback(cx);
    };
    match offer.play {
        OfferKind::Live if event.is_live_at(cx.now) => cx.play_live(event, "playing-live"),
        OfferKind::Live => not_live_yet_or_ended(cx, event),
        OfferKind::Recording => cx.play_recording(event, offer.offset_ms, "playing-recording"),
        // "Yes" to a reminder offer is answered by the shell (`remind::plan`), which calls the Reminders API.
        OfferKind::Remind => not_live_yet_or_ended(cx, event),
    }
}

fn not_live_yet_or_ended(cx: &Context<'_>, event: &LiveEvent) -> Answer {
    if event.starts_at > cx.now {
        return not_live_yet(cx, event);
    }
    if event.recording_url.is_some() && cx.can_play() {
        return offer_recording(cx, event);
    }
    let show = cx.describe(event);
    cx.tell(cx.say("resume-ended", &[("show", Arg::Text(&show))]))
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
    let relevant = cx
        .schedule
        .events()
        .iter()
        .filter(|e| e.ends_at > cx.now && e.starts_at < until && cx.offered(e));
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
