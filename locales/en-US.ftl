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
welcome = Welcome to On Air.
welcome-live = Welcome to On Air. Live now: { $shows }. Which one would you like?
welcome-no-audio = Welcome to On Air. This device can't play live audio, but I can tell you what's on. { $whatson }
welcome-no-audio-reprompt = You can ask: what's on now? Or: when is { $example } live?
welcome-nothing-live = Welcome to On Air. Nothing is live right now. Next up is { $show }, { $when }. You can ask me what's on at any time.
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
not-available-here = Sorry, { $show } isn't available in your region.
not-live-yet = { $show } starts { $when }.
not-live-yet-offer = { $show } starts { $when }. Meanwhile, { $other } is live. Would you like to listen to it?
not-live-yet-offer-reprompt = Would you like to listen to { $other } while you wait?
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
no-audio-device = Sorry, this device can't play live audio. Try asking on an Echo speaker. You can still ask me what's on.

## Help, fallback, goodbye
help = On Air plays live shows, concerts and radio as they happen. Try saying: play the live show from { $example }, or ask: what's on now? What would you like?
help-reprompt = You can say: play the live show from { $example }. Or ask: what's on now?
fallback = Sorry, I didn't get that. You can say: play the live show from { $example }, or ask: what's on now?
fallback-reprompt = What would you like to hear?
okay = Okay.
goodbye = Goodbye.
anything-else = What would you like to hear?

## Trouble
apology = Sorry, I'm having trouble reaching the schedule right now. Please try again in a moment.
apology-answer = Sorry, something went wrong with that answer. Please try asking another way.
