//! Follows and favourites in the dialog: "follow Radio Uno", "unfollow …", "who do I follow", "what's on from my
//! favourites", "play my favourites", and the welcome that offers a followed show live now.
//!
//! Pure, like [`super::dialog`]: the shell reads the listener's follows before the turn (see [`FollowsRead`]) and
//! performs the one write a follow or unfollow needs between [`follow_target`] / [`unfollow_target`] and the answer.

use std::collections::BTreeSet;

use super::context::{Answer, Context};
use super::intent::SourceQuery;
use super::session::{LIST_LIMIT, OfferKind, SessionState, choices, offer};
use super::speech::Arg;
use crate::schedule::{LiveEvent, SourceMatch, source_key};
use crate::storage::{Follow, Followed, Unfollowed};

/// How many followed names "who do I follow" speaks before saying how many more there are.
const SPOKEN_FOLLOWS: usize = 5;

/// The listener's follows as the shell could read them for this turn.
#[derive(Debug, Clone, Copy)]
pub(crate) enum FollowsRead<'a> {
    /// Not needed for this request, so not read.
    NotRead,
    /// The store could not be read (the answer apologises, or the welcome leaves favourites out).
    Failed,
    /// What the listener follows, oldest first.
    Read(&'a [Follow]),
}

/// The source a listener asked to follow: its key and the name to speak back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    pub(crate) key: String,
    pub(crate) name: String,
}

/// What "follow {name}" refers to, or the answer when it refers to nothing followable.
pub(crate) fn follow_target(
    cx: &Context<'_>,
    query: Option<&SourceQuery>,
) -> Result<Target, Box<Answer>> {
    let Some(query) = query else {
        return Err(Box::new(ask_which(cx, "follow-which")));
    };
    let ids: Vec<&str> = query.ids.iter().map(String::as_str).collect();
    match cx.schedule.find_source(&query.spoken, &ids) {
        SourceMatch::None => Err(Box::new(
            cx.tell(cx.say("follow-not-found", &[("name", Arg::Text(&query.spoken))])),
        )),
        // The name's own key, not an occurrence or series id it may have been resolved from: the notifier finds
        // followers by the keys of an occurrence's names.
        SourceMatch::One(source) => Ok(Target {
            key: source_key(&source.name),
            name: source.name,
        }),
        SourceMatch::Ambiguous(sources) => {
            let names: Vec<String> = sources.iter().map(|s| s.name.clone()).collect();
            let options = cx.speech.list_or(&names);
            Err(Box::new(cx.tell(cx.say(
                "follow-ambiguous",
                &[("choices", Arg::Text(&options))],
            ))))
        }
    }
}

/// The answer once the store has (or has not) recorded a follow of `name`.
pub(crate) fn followed(cx: &Context<'_>, name: &str, outcome: Option<Followed>) -> Answer {
    let name = Arg::Text(name);
    match outcome {
        Some(Followed::Added) => cx.tell(cx.say("follow-done", &[("name", name)])),
        Some(Followed::AlreadyFollowing) => cx.tell(cx.say("follow-already", &[("name", name)])),
        Some(Followed::Full) => cx.tell(cx.say(
            "follow-full",
            &[(
                "count",
                Arg::Number(
                    i64::try_from(crate::storage::follows::MAX_FOLLOWS).unwrap_or(i64::MAX),
                ),
            )],
        )),
        None => unavailable(cx),
    }
}

/// Which followed source "unfollow {name}" means, or the answer when it is none of them.
pub(crate) fn unfollow_target(
    cx: &Context<'_>,
    follows: FollowsRead<'_>,
    query: Option<&SourceQuery>,
) -> Result<Target, Box<Answer>> {
    let follows = match follows {
        FollowsRead::Read(follows) => follows,
        FollowsRead::NotRead | FollowsRead::Failed => return Err(Box::new(unavailable(cx))),
    };
    if follows.is_empty() {
        return Err(Box::new(none_followed(cx)));
    }
    let Some(query) = query else {
        let names = spoken_names(cx, follows);
        return Err(Box::new(cx.ask(
            cx.say("unfollow-which", &[("names", Arg::Text(&names))]),
            cx.say("unfollow-which-reprompt", &[]),
            SessionState::default(),
        )));
    };
    // Alexa's entity ids and the spoken name's key first; then the schedule's matching (a nickname, a performer's
    // show), kept only when it lands on a name the listener follows.
    let mut keys: Vec<String> = query.ids.clone();
    keys.push(source_key(&query.spoken));
    let ids: Vec<&str> = query.ids.iter().map(String::as_str).collect();
    match cx.schedule.find_source(&query.spoken, &ids) {
        SourceMatch::None => {}
        SourceMatch::One(source) => keys.push(source_key(&source.name)),
        SourceMatch::Ambiguous(sources) => {
            keys.extend(sources.iter().map(|s| source_key(&s.name)));
        }
    }
    keys.iter()
        .find_map(|key| follows.iter().find(|f| &f.source == key))
        .map(|f| Target {
            key: f.source.clone(),
            name: f.name.clone(),
        })
        .ok_or_else(|| {
            Box::new(cx.tell(cx.say(
                "unfollow-not-following",
                &[("name", Arg::Text(&query.spoken))],
            )))
        })
}

/// The answer once the store has (or has not) removed a follow of `name`.
pub(crate) fn unfollowed(cx: &Context<'_>, name: &str, outcome: Option<Unfollowed>) -> Answer {
    let name = Arg::Text(name);
    match outcome {
        Some(Unfollowed::Removed) => cx.tell(cx.say("unfollow-done", &[("name", name)])),
        Some(Unfollowed::NotFollowing) => {
            cx.tell(cx.say("unfollow-not-following", &[("name", name)]))
        }
        None => unavailable(cx),
    }
}

/// "Who do I follow?"
pub(crate) fn list(cx: &Context<'_>, follows: FollowsRead<'_>) -> Answer {
    match follows {
        FollowsRead::Read([]) => none_followed(cx),
        FollowsRead::Read(follows) => {
            let names = spoken_names(cx, follows);
            cx.tell(cx.say(
                "follows-list",
                &[
                    ("count", Arg::Number(count(follows.len()))),
                    ("names", Arg::Text(&names)),
                ],
            ))
        }
        FollowsRead::NotRead | FollowsRead::Failed => unavailable(cx),
    }
}

/// "What's on from my favourites?": the followed shows live now, and the next one.
pub(crate) fn whats_on(cx: &Context<'_>, follows: FollowsRead<'_>) -> Answer {
    let follows = match follows {
        FollowsRead::Read([]) => return none_followed(cx),
        FollowsRead::Read(follows) => follows,
        FollowsRead::NotRead | FollowsRead::Failed => return unavailable(cx),
    };
    let events = followed_events(cx, follows);
    let live = live_of(cx, &events);
    let next = next_of(cx, &events);
    let mut text = if live.is_empty() {
        cx.say("favourites-none-live", &[])
    } else {
        let shows = cx.list(&live);
        cx.say("favourites-live", &[("shows", Arg::Text(&shows))])
    };
    match next {
        Some(next) => {
            let show = cx.describe(next);
            let when = cx.starts(next);
            text.push(' ');
            text.push_str(&cx.say(
                "favourites-next",
                &[("show", Arg::Text(&show)), ("when", Arg::Text(&when))],
            ));
        }
        None if live.is_empty() => return cx.tell(cx.say("favourites-nothing", &[])),
        None => {}
    }
    if live.is_empty() || !cx.can_play() {
        return cx.tell(text);
    }
    let listed: Vec<&LiveEvent> = live.iter().copied().take(LIST_LIMIT).collect();
    text.push(' ');
    text.push_str(&cx.say("which-one", &[]));
    cx.ask(text, cx.say("pick-reprompt", &[]), choices(&listed))
}

/// "Play my favourites": the followed show live now, else when the next one starts.
pub(crate) fn play(cx: &Context<'_>, follows: FollowsRead<'_>) -> Answer {
    let follows = match follows {
        FollowsRead::Read([]) => return none_followed(cx),
        FollowsRead::Read(follows) => follows,
        FollowsRead::NotRead | FollowsRead::Failed => return unavailable(cx),
    };
    if !cx.can_play() {
        return cx.cannot_play_here();
    }
    let events = followed_events(cx, follows);
    if let Some(live) = live_of(cx, &events).first() {
        return cx.play_live(live, "playing-live");
    }
    match next_of(cx, &events) {
        // "Next up: Sera Uno, in 40 minutes. Shall I remind you?"
        Some(next) => super::waiting::offer_reminder(cx, next, "play-favourites-next"),
        None => cx.tell(cx.say("favourites-nothing", &[])),
    }
}

/// "Welcome back. Radio Uno is live — want it?" when a followed source is live now (yes plays it).
pub(crate) fn welcome_live(cx: &Context<'_>, follows: FollowsRead<'_>) -> Option<Answer> {
    let FollowsRead::Read(follows) = follows else {
        return None;
    };
    if follows.is_empty() || !cx.can_play() {
        return None;
    }
    let events = followed_events(cx, follows);
    let live = *live_of(cx, &events).first()?;
    let show = cx.describe(live);
    Some(cx.ask(
        cx.say("welcome-followed-live", &[("show", Arg::Text(&show))]),
        cx.say(
            "welcome-followed-live-reprompt",
            &[("show", Arg::Text(&show))],
        ),
        offer(OfferKind::Live, live, 0),
    ))
}

/// "Sorry, I can't reach your favourites right now."
pub(crate) fn unavailable(cx: &Context<'_>) -> Answer {
    cx.tell(cx.say("favourites-unavailable", &[]))
}

fn none_followed(cx: &Context<'_>) -> Answer {
    let example = cx.example();
    cx.tell(cx.say("follows-none", &[("example", Arg::Text(&example))]))
}

fn ask_which(cx: &Context<'_>, phrase: &str) -> Answer {
    let example = cx.example();
    cx.ask(
        cx.say(phrase, &[]),
        cx.say("follow-reprompt", &[("example", Arg::Text(&example))]),
        SessionState::default(),
    )
}

/// The first few followed names as a spoken list, with "and N more" folded into the phrase by its count.
fn spoken_names(cx: &Context<'_>, follows: &[Follow]) -> String {
    let names: Vec<String> = follows
        .iter()
        .take(SPOKEN_FOLLOWS)
        .map(|f| f.name.clone())
        .collect();
    cx.speech.list_and(&names)
}

/// Every occurrence of every followed source this listener may be offered, once each, in schedule order.
fn followed_events<'s>(cx: &'s Context<'_>, follows: &[Follow]) -> Vec<&'s LiveEvent> {
    let mut ids = BTreeSet::new();
    for follow in follows {
        let sources = match cx
            .schedule
            .find_source(&follow.name, &[follow.source.as_str()])
        {
            SourceMatch::None => Vec::new(),
            SourceMatch::One(source) => vec![source],
            SourceMatch::Ambiguous(sources) => sources,
        };
        // Only the followed key itself: a fuzzy neighbour of the name is not what the listener followed.
        for source in sources
            .iter()
            .filter(|s| s.key == follow.source || source_key(&s.name) == follow.source)
        {
            ids.extend(source.events.iter().map(|e| e.id.as_str().to_owned()));
        }
    }
    cx.schedule
        .events()
        .iter()
        .filter(|e| ids.contains(e.id.as_str()) && cx.offered(e))
        .collect()
}

/// The followed shows live now, in the order "what's on" lists live shows.
fn live_of<'s>(cx: &'s Context<'_>, events: &[&'s LiveEvent]) -> Vec<&'s LiveEvent> {
    cx.live_now()
        .into_iter()
        .filter(|live| events.iter().any(|e| e.id == live.id))
        .collect()
}

/// The followed show that starts next.
fn next_of<'s>(cx: &Context<'_>, events: &[&'s LiveEvent]) -> Option<&'s LiveEvent> {
    events
        .iter()
        .copied()
        .filter(|e| e.starts_at > cx.now)
        .min_by_key(|e| e.starts_at)
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
