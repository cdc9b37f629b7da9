//! "Remind me when Sera Uno goes live": the reminder dialog, pure. [`plan`] decides what a turn needs (an answer
//! now, or a call to the Reminders API), the shell makes the call, and [`answer`] speaks its outcome.
//!
//! Reminders need the listener's permission (`alexa::alerts:reminders:skill:readwrite`). Without it the skill asks
//! by voice (`Connections.SendRequest` `AskFor`); the show rides in the directive's `token`, which Alexa returns in
//! the `Connections.Response`, so the reminder is created after the prompt even though the session attributes do
//! not survive it.

use chrono::{Datelike, Timelike};

use super::context::{Answer, Context};
use super::dialog::with_source;
use super::intent::{Intent, Pick, SourceQuery};
use super::reminders::{NewReminder, REMINDERS_SCOPE, Reminder, ReminderError};
use super::session::{OfferKind, SessionState, offer};
use super::speech::Arg;
use crate::alexa::{Card, ConnectionsResponse, ConsentStatus, Directive, Request, Response};
use crate::schedule::LiveEvent;

/// The `token` prefix of a permission prompt for a one-off reminder; the occurrence id follows.
const ONCE: &str = "remind:";
/// The `token` prefix of a permission prompt for a weekly reminder.
const WEEKLY: &str = "remind-weekly:";

/// What a reminder turn needs.
#[derive(Debug)]
pub(crate) enum Step {
    /// An answer that needs no call.
    Answer(Answer),
    /// A call to the Reminders API first.
    Call(Call),
}

/// A call to the Reminders API, prepared from the schedule so the shell holds nothing of the dialog while it waits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Call {
    /// Create `reminder` for `event`, unless one for the same occurrence exists.
    Create {
        /// The occurrence id.
        event: String,
        /// The show's title, which onair's reminder texts always name (to find an existing one).
        title: String,
        /// What to create.
        reminder: NewReminder,
        /// Whether this follows the listener's "yes" to the permission prompt (a refusal then is final).
        after_consent: bool,
    },
    /// Delete every reminder for one of `titles`.
    Cancel {
        /// The name the listener said, as the schedule spells it.
        name: String,
        /// The titles of the source's shows.
        titles: Vec<String>,
    },
    /// List the skill's reminders.
    List,
}

/// What a call did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Done {
    /// The reminder was created.
    Created,
    /// One for the same occurrence was already set: nothing created.
    AlreadySet,
    /// This many reminders were deleted.
    Cancelled(usize),
    /// The skill's reminders.
    Listed(Vec<Reminder>),
}

/// The reminder step of this request, or `None` when the request is not about reminders.
pub(crate) fn plan(
    cx: &Context<'_>,
    intent: Option<&Intent>,
    state: &SessionState,
) -> Option<Step> {
    if let Request::ConnectionsResponse(response) = &cx.envelope.request {
        return Some(after_prompt(cx, response));
    }
    match intent? {
        Intent::RemindMe {
            source: Some(query),
            weekly,
        } => Some(remind(cx, query, *weekly)),
        Intent::RemindMe {
            source: None,
            weekly,
        } => {
            // "Shall I remind you when X starts?" "Remind me (every week)": the offer names the show.
            if let Some(event) = state
                .offer
                .as_ref()
                .filter(|offer| offer.play == OfferKind::Remind)
                .and_then(|offer| cx.schedule.event(&offer.event))
            {
                return Some(create(cx, event, *weekly, false));
            }
            // A show still to come makes the example work.
            let example = cx
                .upcoming()
                .first()
                .map_or_else(|| cx.example(), |e| e.title.clone());
            let which = cx.say("reminder-which", &[("example", Arg::Text(&example))]);
            Some(Step::Answer(cx.ask(
                which.clone(),
                which,
                SessionState {
                    reminding: true,
                    ..SessionState::default()
                },
            )))
        }
        // "Which one did you mean: A or B?" after "remind me when X goes live": the pick is the show to remind of.
        Intent::Choose { position, source } if state.reminding && !state.choices.is_empty() => {
            match picked(cx, state, *position, source.as_ref()) {
                Some(event) => Some(remind_picked(cx, event, state.weekly)),
                None => source.as_ref().map(|query| remind(cx, query, state.weekly)),
            }
        }
        // "Which show should I remind you about?" "Notte Uno": a bare name arrives as ChooseIntent.
        Intent::Choose {
            source: Some(query),
            ..
        } if state.reminding => Some(remind(cx, query, false)),
        Intent::Yes => {
            let wanted = state
                .offer
                .as_ref()
                .filter(|o| o.play == OfferKind::Remind)?;
            let event = cx.schedule.event(&wanted.event)?;
            Some(create(cx, event, false, false))
        }
        Intent::CancelReminder {
            source: Some(query),
        } => Some(cancel(cx, query)),
        Intent::CancelReminder { source: None } | Intent::ListReminders => {
            Some(with_permission(cx, || Step::Call(Call::List)))
        }
        _ => None,
    }
}

/// "Remind me when X goes live": X's next show, or why there is none to remind of.
fn remind(cx: &Context<'_>, query: &SourceQuery, weekly: bool) -> Step {
    let mut step = None;
    let answer = with_source(cx, query, |source| {
        if let Some(live) = source.events.iter().find(|e| e.is_live_at(cx.now)) {
            let show = cx.describe(live);
            if cx.can_play() {
                return cx.ask(
                    cx.say("when-live-now", &[("show", Arg::Text(&show))]),
                    cx.say("when-live-now-reprompt", &[("show", Arg::Text(&show))]),
                    offer(OfferKind::Live, live, 0),
                );
            }
            return cx.tell(cx.say("when-live-now-no-audio", &[("show", Arg::Text(&show))]));
        }
        match source.events.iter().find(|e| e.starts_at > cx.now) {
            Some(next) => match create(cx, next, weekly, false) {
                Step::Answer(answer) => answer,
                call @ Step::Call(_) => {
                    step = Some(call);
                    Answer::new(Response::default())
                }
            },
            None => cx.tell(cx.say("not-scheduled", &[("name", Arg::Text(&source.name))])),
        }
    });
    // "Which one did you mean?": the answer to it is about the reminder, not about playing.
    let answer = if answer.session.choices.is_empty() {
        answer
    } else {
        Answer {
            session: SessionState {
                reminding: true,
                weekly,
                ..answer.session
            },
            ..answer
        }
    };
    step.unwrap_or(Step::Answer(answer))
}

/// The show the listener picked from the list "which one did you mean?" while asking for a reminder: by position,
/// else by a name matched against the listed shows.
fn picked<'s>(
    cx: &Context<'s>,
    state: &SessionState,
    position: Option<Pick>,
    source: Option<&SourceQuery>,
) -> Option<&'s LiveEvent> {
    let listed: Vec<&LiveEvent> = state
        .choices
        .iter()
        .filter_map(|id| cx.schedule.event(id))
        .collect();
    match (position, source) {
        (Some(Pick::Nth(n)), _) => n.checked_sub(1).and_then(|i| listed.get(i)).copied(),
        (Some(Pick::Last), _) => listed.last().copied(),
        (None, Some(query)) => {
            let spoken = crate::schedule::source_key(&query.spoken);
            listed.iter().copied().find(|event| {
                event.names().any(|name| {
                    let key = crate::schedule::source_key(name);
                    key == spoken || query.ids.contains(&key)
                })
            })
        }
        (None, None) => None,
    }
}

/// A reminder for the show picked from a list: its next start, or the offer to play it if it is live now.
fn remind_picked(cx: &Context<'_>, event: &LiveEvent, weekly: bool) -> Step {
    if event.is_live_at(cx.now) {
        let show = cx.describe(event);
        if cx.can_play() {
            return Step::Answer(cx.ask(
                cx.say("when-live-now", &[("show", Arg::Text(&show))]),
                cx.say("when-live-now-reprompt", &[("show", Arg::Text(&show))]),
                offer(OfferKind::Live, event, 0),
            ));
        }
        return Step::Answer(
            cx.tell(cx.say("when-live-now-no-audio", &[("show", Arg::Text(&show))])),
        );
    }
    if event.starts_at > cx.now {
        return create(cx, event, weekly, false);
    }
    let show = cx.describe(event);
    Step::Answer(cx.tell(cx.say("reminder-too-late", &[("show", Arg::Text(&show))])))
}

/// A reminder for `event`: the call, or first the permission prompt.
fn create(cx: &Context<'_>, event: &LiveEvent, weekly: bool, after_consent: bool) -> Step {
    if !after_consent && !cx.envelope.has_permission(REMINDERS_SCOPE) {
        return Step::Answer(ask_permission(event, weekly));
    }
    Step::Call(Call::Create {
        event: event.id.to_string(),
        title: event.title.clone(),
        reminder: new_reminder(cx, event, weekly),
        after_consent,
    })
}

/// Hands the turn to Alexa's own permission prompt; the show travels in the token.
fn ask_permission(event: &LiveEvent, weekly: bool) -> Answer {
    let prefix = if weekly { WEEKLY } else { ONCE };
    let token = format!("{prefix}{}", event.id);
    Answer::new(
        Response::default().directive(Directive::ask_for_permission(REMINDERS_SCOPE, token)),
    )
}

/// `Connections.Response`: the listener answered Alexa's permission prompt.
fn after_prompt(cx: &Context<'_>, response: &ConnectionsResponse) -> Step {
    let token = response.token.as_deref().unwrap_or_default();
    let wanted = token
        .strip_prefix(WEEKLY)
        .map(|id| (id, true))
        .or_else(|| token.strip_prefix(ONCE).map(|id| (id, false)));
    let ran = response
        .status
        .as_ref()
        .and_then(|s| s.code.as_deref())
        .is_some_and(|code| code == "200");
    let consent = response.payload.as_ref().and_then(|p| p.status.as_ref());
    let (Some((id, weekly)), true) = (wanted, ran) else {
        return Step::Answer(failed(cx));
    };
    match consent {
        Some(ConsentStatus::Accepted) => match cx.schedule.event(id) {
            Some(event) if event.starts_at > cx.now => create(cx, event, weekly, true),
            Some(event) => {
                let show = cx.describe(event);
                Step::Answer(cx.tell(cx.say("reminder-too-late", &[("show", Arg::Text(&show))])))
            }
            None => Step::Answer(failed(cx)),
        },
        _ => Step::Answer(permission_card(cx, "reminder-permission-denied")),
    }
}

/// "Sorry, I couldn't set that reminder right now."
pub(crate) fn failed(cx: &Context<'_>) -> Answer {
    cx.tell(cx.say("reminder-failed", &[]))
}

/// A short answer and the card that lets the listener grant the permission in the Alexa app.
fn permission_card(cx: &Context<'_>, phrase: &str) -> Answer {
    let mut answer = cx.tell(cx.say(phrase, &[]));
    answer.response = answer.response.card(Card::AskForPermissionsConsent {
        permissions: vec![REMINDERS_SCOPE.to_owned()],
    });
    answer
}

/// Reading or deleting reminders needs the permission too; without it there is nothing of ours to read.
fn with_permission(cx: &Context<'_>, call: impl FnOnce() -> Step) -> Step {
    if cx.envelope.has_permission(REMINDERS_SCOPE) {
        call()
    } else {
        Step::Answer(permission_card(cx, "reminders-no-permission"))
    }
}

/// "Cancel my reminder for X": every reminder naming one of X's shows.
fn cancel(cx: &Context<'_>, query: &SourceQuery) -> Step {
    if !cx.envelope.has_permission(REMINDERS_SCOPE) {
        return Step::Answer(permission_card(cx, "reminders-no-permission"));
    }
    let mut step = None;
    let answer = with_source(cx, query, |source| {
        let mut titles: Vec<String> = source.events.iter().map(|e| e.title.clone()).collect();
        titles.sort();
        titles.dedup();
        step = Some(Step::Call(Call::Cancel {
            name: source.name.clone(),
            titles,
        }));
        Answer::new(Response::default())
    });
    step.unwrap_or(Step::Answer(answer))
}

/// The reminder for `event`: at its start on the device's clock (else the show's own zone, else UTC), saying how
/// to start the show, weekly on its weekday and time when asked for a recurring show.
pub(crate) fn new_reminder(cx: &Context<'_>, event: &LiveEvent, weekly: bool) -> NewReminder {
    let zone = cx
        .speech
        .zone()
        .or(event.time_zone)
        .unwrap_or(chrono_tz::UTC);
    let local = event.starts_at.with_timezone(&zone).naive_local();
    let show = cx.describe(event);
    let invocation = crate::locale::invocation_name(cx.speech.locale());
    let text = cx.say(
        "reminder-text",
        &[
            ("show", Arg::Text(&show)),
            ("title", Arg::Text(&event.title)),
            ("invocation", Arg::Text(&invocation)),
        ],
    );
    // Only a recurring show repeats: a weekly reminder for a one-off would ring when nothing is on. The answer
    // then says "I'll remind you when …", not "every week".
    let recurring = event.id.occurrence_start().is_some();
    let recurrence = (weekly && recurring).then(|| {
        let day = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
            [local.weekday().num_days_from_monday() as usize];
        format!(
            "FREQ=WEEKLY;BYDAY={day};BYHOUR={};BYMINUTE={};BYSECOND=0;INTERVAL=1",
            local.hour(),
            local.minute()
        )
    });
    NewReminder {
        request_time: cx.now,
        scheduled_time: local,
        time_zone: zone,
        recurrence,
        locale: cx.speech.locale().to_owned(),
        text,
    }
}

/// Whether `reminder` is onair's reminder for the occurrence that starts at `reminder`'s time with `title`.
pub(crate) fn is_for(reminder: &Reminder, new: &NewReminder, title: &str) -> bool {
    let same_time = match (reminder.rings_at(), reminder_instant(new)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    };
    reminder.on && same_time && names(reminder, title)
}

fn reminder_instant(new: &NewReminder) -> Option<chrono::DateTime<chrono::Utc>> {
    new.scheduled_time
        .and_local_timezone(new.time_zone)
        .earliest()
        .map(|at| at.with_timezone(&chrono::Utc))
}

/// Whether one of the reminder's texts names the show `title` (onair's texts always do).
pub(crate) fn names(reminder: &Reminder, title: &str) -> bool {
    let title = crate::schedule::normalize_name(title);
    reminder
        .texts
        .iter()
        .any(|text| crate::schedule::normalize_name(text).contains(&title))
}

/// What the listener hears after the call.
pub(crate) fn answer(
    cx: &Context<'_>,
    call: &Call,
    outcome: Result<Done, ReminderError>,
) -> Answer {
    match (call, outcome) {
        (
            Call::Create {
                event, reminder, ..
            },
            Ok(done @ (Done::Created | Done::AlreadySet)),
        ) => {
            let Some(event) = cx.schedule.event(event) else {
                return failed(cx);
            };
            let show = cx.describe(event);
            let when = cx.starts(event);
            let phrase = match (done, reminder.recurrence.is_some()) {
                (Done::AlreadySet, _) => "reminder-already-set",
                (_, true) => "reminder-set-weekly",
                (_, false) => "reminder-set",
            };
            cx.tell(cx.say(
                phrase,
                &[("show", Arg::Text(&show)), ("when", Arg::Text(&when))],
            ))
        }
        (
            Call::Create {
                event,
                after_consent: false,
                reminder,
                ..
            },
            Err(ReminderError::NotPermitted(_)),
        ) => match cx.schedule.event(event) {
            // The request said the permission was granted, the API says it is not (revoked meanwhile): ask again.
            Some(event) => ask_permission(event, reminder.recurrence.is_some()),
            None => failed(cx),
        },
        (_, Err(ReminderError::NotPermitted(_))) => permission_card(cx, "reminders-no-permission"),
        (Call::Cancel { name, .. }, Ok(Done::Cancelled(0))) => {
            cx.tell(cx.say("reminder-none-to-cancel", &[("name", Arg::Text(name))]))
        }
        (Call::Cancel { name, .. }, Ok(Done::Cancelled(n))) => cx.tell(cx.say(
            "reminder-cancelled",
            &[
                ("name", Arg::Text(name)),
                ("count", Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))),
            ],
        )),
        (Call::List, Ok(Done::Listed(reminders))) => listed(cx, &reminders),
        (Call::Create { .. }, _) => failed(cx),
        (Call::Cancel { .. } | Call::List, _) => cx.tell(cx.say("reminders-unavailable", &[])),
    }
}

/// "You have 2 show reminders: Sera Uno, tomorrow at 6 PM, and …": the ones still to ring, by show when onair knows
/// it.
fn listed(cx: &Context<'_>, reminders: &[Reminder]) -> Answer {
    let pending: Vec<&Reminder> = reminders.iter().filter(|r| r.on).collect();
    if pending.is_empty() {
        return cx.tell(cx.say("reminders-none", &[]));
    }
    let items: Vec<String> = pending
        .iter()
        .map(|reminder| {
            let show = cx
                .schedule
                .events()
                .iter()
                .find(|e| names(reminder, &e.title))
                .map(|e| cx.describe(e));
            match (show, reminder.rings_at().filter(|at| *at > cx.now)) {
                (Some(show), Some(at)) => {
                    let when = cx.speech.when(at, cx.now);
                    cx.say(
                        "reminders-item",
                        &[("show", Arg::Text(&show)), ("when", Arg::Text(&when))],
                    )
                }
                (Some(show), None) => show,
                (None, _) => cx.say("reminders-item-unknown", &[]),
            }
        })
        .collect();
    let shows = cx.speech.list_and(&items);
    cx.tell(cx.say(
        "reminders-list",
        &[
            (
                "count",
                Arg::Number(i64::try_from(items.len()).unwrap_or(i64::MAX)),
            ),
            ("shows", Arg::Text(&shows)),
        ],
    ))
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};

    use super::{ONCE, WEEKLY, is_for};
    use crate::skill::reminders::{NewReminder, Reminder};

    fn new_reminder() -> NewReminder {
        NewReminder {
            request_time: Utc.with_ymd_and_hms(2026, 11, 22, 20, 0, 0).unwrap(),
            scheduled_time: NaiveDate::from_ymd_opt(2026, 11, 23)
                .unwrap()
                .and_hms_opt(20, 0, 0)
                .unwrap(),
            time_zone: chrono_tz::Europe::Rome,
            recurrence: None,
            locale: "en-US".to_owned(),
            text: "Nordlicht Sessions is starting now.".to_owned(),
        }
    }

    fn listed(hour: u32, zone: chrono_tz::Tz, text: &str, on: bool) -> Reminder {
        Reminder {
            alert_token: "a".to_owned(),
            scheduled_time: NaiveDate::from_ymd_opt(2026, 11, 23)
                .unwrap()
                .and_hms_opt(hour, 0, 0),
            time_zone: Some(zone),
            recurring: false,
            texts: vec![text.to_owned()],
            on,
        }
    }

    #[test]
    fn the_same_show_at_the_same_instant_is_the_same_reminder_whatever_the_zone_it_was_written_in()
    {
        let new = new_reminder();
        let text = "Nordlicht Sessions is starting now.";
        // 20:00 in Rome is 19:00 UTC.
        assert!(is_for(
            &listed(20, chrono_tz::Europe::Rome, text, true),
            &new,
            "Nordlicht Sessions"
        ));
        assert!(is_for(
            &listed(19, chrono_tz::UTC, text, true),
            &new,
            "Nordlicht Sessions"
        ));
        // Another instant, another show, or one that already rang are not it.
        assert!(!is_for(
            &listed(21, chrono_tz::Europe::Rome, text, true),
            &new,
            "Nordlicht Sessions"
        ));
        assert!(!is_for(
            &listed(
                20,
                chrono_tz::Europe::Rome,
                "Sera Uno is starting now.",
                true
            ),
            &new,
            "Nordlicht Sessions"
        ));
        assert!(!is_for(
            &listed(20, chrono_tz::Europe::Rome, text, false),
            &new,
            "Nordlicht Sessions"
        ));
    }

    #[test]
    fn a_weekly_token_is_not_read_as_a_one_off() {
        let token = format!("{WEEKLY}sera-uno@20261122T1700Z");
        assert!(token.strip_prefix(ONCE).is_none());
    }
}
