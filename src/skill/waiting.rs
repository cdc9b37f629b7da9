//! What a listener hears about a show that has not started yet: when it starts, and what to listen to meanwhile
//! (or, with nothing else on, the offer of a reminder).
//! Shared by the dialog ("play X") and the AudioPlayer lifecycle ("resume" on a queued show that has not begun).

use super::context::{Answer, Context};
use super::session::{OfferKind, offer};
use super::speech::Arg;
use crate::schedule::LiveEvent;

/// A show that has not started: when it starts, and meanwhile what is live, its own channel's show first (it leads
/// into the wanted one).
pub(crate) fn not_live_yet(cx: &Context<'_>, next: &LiveEvent) -> Answer {
    let show = cx.describe(next);
    let when = cx.starts(next);
    let live = cx.live_now();
    let same_channel = next.channel.as_deref().and_then(|channel| {
        live.iter()
            .copied()
            .find(|e| e.id != next.id && e.channel.as_deref() == Some(channel))
    });
    match same_channel.or_else(|| live.first().copied()) {
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
        // Nothing to listen to meanwhile: the listener may want to be reminded when it starts.
        _ => offer_reminder(cx, next, "not-live-yet"),
    }
}

/// `phrase` (which names the `show` and `when` it starts), then "Shall I remind you?": a yes, or "remind me",
/// sets the reminder for `next` (`remind::plan`).
pub(crate) fn offer_reminder(cx: &Context<'_>, next: &LiveEvent, phrase: &str) -> Answer {
    let show = cx.describe(next);
    let when = cx.starts(next);
    cx.ask(
        format!(
            "{} {}",
            cx.say(
                phrase,
                &[("show", Arg::Text(&show)), ("when", Arg::Text(&when))],
            ),
            cx.say("reminder-question", &[])
        ),
        cx.say("reminder-offer-reprompt", &[("show", Arg::Text(&show))]),
        offer(OfferKind::Remind, next, 0),
    )
}
