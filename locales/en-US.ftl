# onair: every phrase the skill speaks, in US English.
# Variables are plain strings prepared by the skill (names, times) except $count and $minutes/$hours/$days (numbers).

## Lists
list-and = { $first } and { $last }
list-or = { $first } or { $last }
list-separator = {", "}

## Times
time-now = right now
time-in-minutes = { $minutes ->
    [one] in one minute
   *[other] in { $minutes } minutes
}
time-in-hours = { $hours ->
    [one] in about an hour
   *[other] in about { $hours } hours
}
time-in-days = { $days ->
    [one] tomorrow
   *[other] in { $days } days
}
time-today-at = today at { $time }
time-tonight-at = tonight at { $time }
time-tomorrow-at = tomorrow at { $time }
time-weekday-at = on { $weekday } at { $time }
time-ago-minutes = { $minutes ->
    [one] a minute ago
   *[other] { $minutes } minutes ago
}
time-ago-hours = { $hours ->
    [one] about an hour ago
   *[other] about { $hours } hours ago
}
time-ago-days = { $days ->
    [one] yesterday
   *[other] { $days } days ago
}
clock-hour = { $hour } { $ampm }
clock-hour-minute = { $hour }:{ $minute } { $ampm }
clock-am = AM
clock-pm = PM
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday

## Shows
# A show as it is named in a list: its title, and who is on.
show-with-performers = { $title } with { $performers }
show-on-channel = { $title } on { $channel }

## Launch and discovery
welcome = Welcome to On Air Live. What would you like to hear?
welcome-live = Welcome to On Air Live. Live now: { $shows }. Which one would you like?
welcome-no-audio = Welcome to On Air Live. This device can't play live audio, but I can tell you what's on. { $whatson } What else would you like to know?
welcome-no-audio-reprompt = You can ask: what's on now? Or: when is { $example } live?
welcome-nothing-live = Welcome to On Air Live. Nothing is live right now. Next up is { $show }, { $when }. What would you like to hear?
live-now = Live now: { $shows }.
live-now-many = { $count } shows are live now, including { $shows }.
nothing-live = Nothing is live right now.
next-up = Next up: { $show }, { $when }.
which-one = Which one would you like?
pick-reprompt = Which show would you like? You can say a name, or say the first one.

## Playing
playing-live = Here's { $show }, live.
playing-recording = Here's the recording of { $show }, which started { $when }.
resuming-live = Back to { $show }, live.
resuming-recording = Resuming the recording of { $show }.
play-something-live-nothing = Nothing is live right now. Next up is { $show }, { $when }.

## Finding a source
not-found = I couldn't find { $name } on the schedule.
not-found-live-instead = I couldn't find { $name } on the schedule. Live now: { $shows }. Which one would you like?
not-found-nothing-live = I couldn't find { $name } on the schedule, and nothing is live right now.
ambiguous = I found several matches: { $choices }. Which one did you mean?
ambiguous-reprompt = Which one did you mean? { $choices }?
not-live-yet = { $show } starts { $when }.
not-live-yet-offer = { $show } starts { $when }. Meanwhile, { $other } is live. Would you like to listen to it?
not-live-yet-offer-reprompt = Would you like to listen to { $other } while you wait?
stream-trouble = { $source }'s stream is having trouble right now. Please try again in a few minutes.
stream-trouble-offer = { $source }'s stream is having trouble right now. Meanwhile, { $other } is live. Would you like to listen to it?
stream-trouble-offer-reprompt = Would you like to listen to { $other } instead?
ended-offer-recording = { $show } ended { $when }, but there's a recording. Would you like to hear it?
ended-offer-recording-reprompt = Would you like to hear the recording of { $show }?
ended-no-recording = { $show } has ended, and there's no recording.
not-scheduled = { $name } isn't on the schedule for the next few days.

## When is
when-live-now = { $show } is live right now. Would you like to listen?
when-live-now-reprompt = Would you like to listen to { $show }?
when-next = { $show } is next live { $when }.

## Recordings
no-recording = I don't have a recording of { $name }.
no-recording-on-date = I don't have a recording of { $name } from { $date }.
no-recording-next-live = I don't have a recording of { $name }. It's next live { $when }.

## Resume
nothing-to-resume = There's nothing to resume.
resume-ended = { $show } has ended.
resume-ended-playing-recording = { $show } ended while you were away. Here's the recording, from where you left off.
resume-ended-offer-recording = { $show } has ended, but there's a recording. Would you like to hear it?
resume-ended-offer-channel = { $show } has ended. Now on { $channel }: { $other }. Would you like to listen?
resume-ended-offer-reprompt = Would you like to listen?

## Live-stream limits
cannot-skip = This is a live show, so there's nothing to skip to.
not-possible-live = That's not possible with a live show.

## Devices
no-audio-device = Sorry, this device can't play live audio; try an Echo speaker. I can still tell you what's on, or when a show is live. What would you like to know?

## Help, fallback, goodbye
help = On Air Live plays live shows, concerts and radio as they happen. Try saying: play the live show from { $example }, or ask: what's on now? What would you like?
help-reprompt = You can say: play the live show from { $example }. Or ask: what's on now?
fallback = Sorry, I didn't get that. You can say: play the live show from { $example }, or ask: what's on now?
fallback-reprompt = What would you like to hear?
okay = Okay.
goodbye = Goodbye.
anything-else = What would you like to hear?

## Trouble
apology = Sorry, I'm having trouble reaching the schedule right now. Please try again in a moment.
apology-answer = Sorry, something went wrong with that answer. Please try asking another way.

## Dates and zones
date-long = { $weekday }, { $month } { $day }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
# A start time on the show's own clock, when the listener's time zone is unknown.
time-city = { $when }, { $city } time
time-utc = { $when } UTC
# The listener's language, as in "isn't offered in English".
language-name = English

## Choosing from a list, and names that need a question
choose-out-of-range = { $count ->
    [one] There was only one show: { $shows }. Would you like it?
   *[other] There were only { $count }: { $shows }. Which one would you like?
}
ambiguous-live = { $name } is live in more than one place right now: { $choices }. Which one would you like?
ambiguous-live-reprompt = Which one would you like? { $choices }?
confirm-source = Did you mean { $name }?
confirm-source-reprompt = Did you mean { $name }? You can say yes or no.
ask-again = Okay. Which show would you like? You can say a name, or ask: what's on?
not-offered = Sorry, { $show } isn't offered in { $language }.
not-found-live = I couldn't find { $name } on the schedule. Live now: { $shows }.

## Recordings and live shows
recording-live-now-offer = { $show } is on right now, and there's no earlier recording. Would you like it live?
recording-live-now-offer-reprompt = Would you like to hear it live?
playing-latest-while-live = { $show } is live right now. Here's the latest recording, from { $date }. To hear it live, say: play { $name }.
playing-recording-date = Here's the recording of { $show } from { $date }.
cannot-skip-recording = This is the recording of one show, so there's nothing to skip to. You can say: start over.
not-possible-recording = That's not possible with a recording.

## Welcome back
welcome-back-live = Welcome back to On Air Live. { $show } is still live. Would you like to continue?
welcome-back-recording = Welcome back to On Air Live. Would you like to continue the recording of { $show } where you left off?
welcome-back-reprompt = Would you like to continue { $show }?

## Devices without audio
no-audio-reprompt = You can ask: what's on now? Or: when is { $example } live?
help-no-audio = On Air Live tells you which live shows, concerts and radio are on. This device can't play audio, so ask: what's on now? Or: when is { $example } live? What would you like to know?
fallback-no-audio = Sorry, I didn't get that. You can ask: what's on now? Or: when is { $example } live?
when-live-now-no-audio = { $show } is live right now.

## Reminders ("remind me when … goes live")
reminder-question = Would you like me to remind you when it starts?
reminder-offer-reprompt = Shall I remind you when { $show } starts?
reminder-which = Which show should I remind you about? For example, say: remind me when { $example } goes live.
reminder-text = { $show } is starting now. To listen, say: Alexa, ask { $invocation } to play { $title }.
reminder-set = Okay, I'll remind you when { $show } starts, { $when }.
reminder-set-weekly = Okay, I'll remind you every week when { $show } starts. The next one is { $when }.
reminder-already-set = You already have a reminder for { $show }, { $when }.
reminder-too-late = { $show } has already started, so there's nothing to remind you of.
reminder-failed = Sorry, I couldn't set that reminder right now. Please try again later.
reminder-permission-denied = Okay, no reminder. If you change your mind, you can allow reminders in the Alexa app: I've sent a card there.
reminders-no-permission = I need your permission to use reminders. You can allow it in the Alexa app: I've sent a card there.
reminders-unavailable = Sorry, I can't reach your reminders right now. Please try again later.
reminders-none = You have no show reminders.
reminders-item = { $show }, { $when }
reminders-item-unknown = a show that's no longer on the schedule
reminders-list = { $count ->
    [one] You have one show reminder: { $shows }.
   *[other] You have { $count } show reminders: { $shows }.
}
reminder-none-to-cancel = You have no reminder for { $name }.
reminder-cancelled = { $count ->
    [one] Okay, I cancelled your reminder for { $name }.
   *[other] Okay, I cancelled your { $count } reminders for { $name }.
}
## Follows and favorites
follow-done = Done: you follow { $name }. When it goes live, I'll send you a notification.
follow-already = You already follow { $name }.
follow-full = You already follow { $count } stations, artists and shows, the most I can keep. To make room, say: unfollow, and a name.
follow-which = Which station, artist or show would you like to follow?
follow-reprompt = For example, say: follow { $example }.
follow-not-found = I couldn't find { $name } on the schedule, so I can't follow it yet.
follow-ambiguous = I found several: { $choices }. Say follow, and the full name.
unfollow-done = Okay, you no longer follow { $name }.
unfollow-not-following = You don't follow { $name }.
unfollow-which = Which one would you like to unfollow? You follow { $names }.
unfollow-which-reprompt = Which one would you like to unfollow?
follows-none = You don't follow anyone yet. To hear when a show goes live, say: follow { $example }.
follows-list = { $count ->
    [one] You follow { $names }.
   *[other] You follow { $count }: { $names }.
}
favourites-live = From your favorites, live now: { $shows }.
favourites-none-live = None of your favorites is live right now.
favourites-next = Next from your favorites: { $show }, { $when }.
favourites-nothing = None of your favorites is on the schedule in the coming days.
play-favourites-next = None of your favorites is live right now. Next up: { $show }, { $when }.
favourites-unavailable = Sorry, I can't reach your favorites right now. Please try again later.
welcome-followed-live = Welcome back. { $show } is live. Would you like to hear it?
welcome-followed-live-reprompt = Would you like to hear { $show }?
