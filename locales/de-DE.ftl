# onair: jeder Satz, den der Skill spricht, auf Deutsch.
# Variablen sind vom Skill vorbereitete Texte (Namen, Zeiten), außer $count und $minutes/$hours/$days (Zahlen).
# NUMBER($x) liest eine Zahl. Der Hörer wird geduzt, wie Alexa es auf Deutsch tut.

## Listen
list-and = { $first } und { $last }
list-or = { $first } oder { $last }
list-separator = {", "}

## Zeiten
time-now = gleich
time-in-minutes = { $minutes ->
    [one] in einer Minute
   *[other] in { $minutes } Minuten
}
time-in-hours = { $hours ->
    [one] in etwa einer Stunde
   *[other] in etwa { $hours } Stunden
}
time-in-days = { $days ->
    [one] morgen
   *[other] in { $days } Tagen
}
time-today-at = heute um { $time } Uhr
time-tonight-at = heute Abend um { $time } Uhr
time-tomorrow-at = morgen um { $time } Uhr
time-weekday-at = am { $weekday } um { $time } Uhr
time-ago-minutes = { $minutes ->
    [one] vor einer Minute
   *[other] vor { $minutes } Minuten
}
time-ago-hours = { $hours ->
    [one] vor etwa einer Stunde
   *[other] vor etwa { $hours } Stunden
}
time-ago-days = { $days ->
    [one] gestern
   *[other] vor { $days } Tagen
}
# 24-Stunden-Uhr; "Uhr" steht in den Sätzen: "um 20 Uhr", "um 20:30 Uhr".
clock-hour = { $hour }
clock-hour-minute = { NUMBER($minute) ->
    [0] { $hour }
   *[other] { $hour }:{ $minute }
}
clock-am = morgens
clock-pm = abends
weekday-1 = Montag
weekday-2 = Dienstag
weekday-3 = Mittwoch
weekday-4 = Donnerstag
weekday-5 = Freitag
weekday-6 = Samstag
weekday-7 = Sonntag

## Sendungen
# Eine Sendung, wie sie in einer Liste genannt wird: Titel, und wer dabei ist.
show-with-performers = { $title } mit { $performers }
show-on-channel = { $title } auf { $channel }

## Start und Überblick
welcome = Willkommen bei On Air.
welcome-live = Willkommen bei On Air. Live läuft gerade: { $shows }. Was möchtest du hören?
welcome-no-audio = Willkommen bei On Air. Dieses Gerät kann kein Live-Audio abspielen, aber ich kann dir sagen, was gerade läuft. { $whatson }
welcome-no-audio-reprompt = Du kannst fragen: Was läuft gerade? Oder: Wann ist { $example } live?
welcome-nothing-live = Willkommen bei On Air. Gerade läuft nichts live. Als Nächstes kommt { $show }, { $when }. Du kannst mich jederzeit fragen, was läuft.
live-now = Live läuft gerade: { $shows }.
live-now-many = { $count ->
    [one] Gerade läuft eine Sendung live: { $shows }.
   *[other] Gerade laufen { $count } Sendungen live, darunter { $shows }.
}
nothing-live = Gerade läuft nichts live.
next-up = Als Nächstes: { $show }, { $when }.
which-one = Was möchtest du hören?
pick-reprompt = Welche Sendung möchtest du hören? Sag einen Namen, oder zum Beispiel: die erste.

## Wiedergabe
playing-live = Jetzt live: { $show }.
playing-recording = Hier ist die Aufnahme von { $show }. Die Sendung hat { $when } angefangen.
resuming-live = Weiter geht's live mit { $show }.
resuming-recording = Ich spiele die Aufnahme von { $show } weiter.
play-something-live-nothing = Gerade läuft nichts live. Als Nächstes kommt { $show }, { $when }.

## Eine Sendung finden
not-found = Ich habe { $name } nicht im Programm gefunden.
not-found-live-instead = Ich habe { $name } nicht im Programm gefunden. Live läuft gerade: { $shows }. Was möchtest du hören?
not-found-nothing-live = Ich habe { $name } nicht im Programm gefunden, und gerade läuft nichts live.
ambiguous = Ich habe mehrere Treffer gefunden: { $choices }. Welchen meinst du?
ambiguous-reprompt = Welchen meinst du? { $choices }?
not-available-here = Tut mir leid, { $show } ist in deinem Land nicht verfügbar.
not-live-yet = { $show } beginnt { $when }.
not-live-yet-offer = { $show } beginnt { $when }. Bis dahin läuft { $other } live. Möchtest du da reinhören?
not-live-yet-offer-reprompt = Möchtest du in { $other } reinhören, während du wartest?
ended-offer-recording = { $show } ist { $when } zu Ende gegangen, aber es gibt eine Aufnahme. Möchtest du sie hören?
ended-offer-recording-reprompt = Möchtest du die Aufnahme von { $show } hören?
ended-no-recording = { $show } ist vorbei, und es gibt keine Aufnahme.
not-scheduled = { $name } steht in den nächsten Tagen nicht im Programm.

## Wann läuft
when-live-now = { $show } läuft gerade live. Möchtest du reinhören?
when-live-now-reprompt = Möchtest du { $show } hören?
when-next = { $show } ist das nächste Mal { $when } live.

## Aufnahmen
no-recording = Ich habe keine Aufnahme von { $name }.
no-recording-on-date = Ich habe keine Aufnahme von { $name } vom { $date }.
no-recording-next-live = Ich habe keine Aufnahme von { $name }. Live ist die Sendung wieder { $when }.

## Fortsetzen
nothing-to-resume = Es gibt nichts fortzusetzen.
resume-ended = { $show } ist vorbei.
resume-ended-playing-recording = { $show } ist zu Ende gegangen, während du weg warst. Hier ist die Aufnahme, ab der Stelle, an der du aufgehört hast.
resume-ended-offer-recording = { $show } ist vorbei, aber es gibt eine Aufnahme. Möchtest du sie hören?
resume-ended-offer-channel = { $show } ist vorbei. Auf { $channel } läuft jetzt { $other }. Möchtest du reinhören?
resume-ended-offer-reprompt = Möchtest du reinhören?

## Grenzen einer Live-Sendung
cannot-skip = Das ist eine Live-Sendung, da gibt es nichts zu überspringen.
not-possible-live = Das geht bei einer Live-Sendung leider nicht.

## Geräte
no-audio-device = Tut mir leid, dieses Gerät kann kein Live-Audio abspielen. Versuch es auf einem Echo-Lautsprecher. Du kannst mich trotzdem fragen, was gerade läuft.

## Hilfe, Fallback, Abschied
help = On Air spielt Live-Sendungen, Konzerte und Radio, während sie laufen. Sag zum Beispiel: spiel die Live-Show von { $example }, oder frag: was läuft gerade? Was möchtest du hören?
help-reprompt = Du kannst sagen: spiel die Live-Show von { $example }. Oder frag: was läuft gerade?
fallback = Tut mir leid, das habe ich nicht verstanden. Du kannst sagen: spiel die Live-Show von { $example }, oder fragen: was läuft gerade?
fallback-reprompt = Was möchtest du hören?
okay = Okay.
goodbye = Bis bald.
anything-else = Was möchtest du hören?

## Störungen
apology = Tut mir leid, ich komme gerade nicht an das Programm. Versuch es bitte gleich noch einmal.
apology-answer = Tut mir leid, bei dieser Antwort ist etwas schiefgegangen. Frag bitte anders noch einmal.
