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
welcome = Willkommen bei On Air Live. Was möchtest du hören?
welcome-live = Willkommen bei On Air Live. Live läuft gerade: { $shows }. Was möchtest du hören?
welcome-no-audio = Willkommen bei On Air Live. Dieses Gerät kann kein Live-Audio abspielen, aber ich kann dir sagen, was gerade läuft. { $whatson } Was möchtest du sonst noch wissen?
welcome-no-audio-reprompt = Du kannst fragen: Was läuft gerade? Oder: Wann ist { $example } live?
welcome-nothing-live = Willkommen bei On Air Live. Gerade läuft nichts live. Als Nächstes kommt { $show }, { $when }. Was möchtest du hören?
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
not-live-yet = { $show } beginnt { $when }.
not-live-yet-offer = { $show } beginnt { $when }. Bis dahin läuft { $other } live. Möchtest du da reinhören?
not-live-yet-offer-reprompt = Möchtest du in { $other } reinhören, während du wartest?
stream-trouble = Der Stream von { $source } hat gerade Probleme. Versuch es bitte in ein paar Minuten noch einmal.
stream-trouble-offer = Der Stream von { $source } hat gerade Probleme. Bis dahin läuft { $other } live. Möchtest du da reinhören?
stream-trouble-offer-reprompt = Möchtest du stattdessen in { $other } reinhören?
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
no-audio-device = Tut mir leid, dieses Gerät kann kein Live-Audio abspielen; versuch es auf einem Echo-Lautsprecher. Ich kann dir trotzdem sagen, was gerade läuft oder wann eine Sendung live ist. Was möchtest du wissen?

## Hilfe, Fallback, Abschied
help = On Air Live spielt Live-Sendungen, Konzerte und Radio, während sie laufen. Sag zum Beispiel: spiel die Live-Show von { $example }, oder frag: was läuft gerade? Was möchtest du hören?
help-reprompt = Du kannst sagen: spiel die Live-Show von { $example }. Oder frag: was läuft gerade?
fallback = Tut mir leid, das habe ich nicht verstanden. Du kannst sagen: spiel die Live-Show von { $example }, oder fragen: was läuft gerade?
fallback-reprompt = Was möchtest du hören?
okay = Okay.
goodbye = Bis bald.
anything-else = Was möchtest du hören?

## Störungen
apology = Tut mir leid, ich komme gerade nicht an das Programm. Versuch es bitte gleich noch einmal.
apology-answer = Tut mir leid, bei dieser Antwort ist etwas schiefgegangen. Frag bitte anders noch einmal.

## Dates and zones
date-long = { $weekday }, { $day }. { $month }
month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember
# A start time on the show's own clock, when the listener's time zone is unknown; $city is the English name
# from the IANA zone (Europe/Rome → Rome), so well-known cities are named the local way.
time-city = { $when }, Ortszeit { $city ->
    [Rome] Rom
    [Vienna] Wien
    [Brussels] Brüssel
    [Lisbon] Lissabon
    [Zurich] Zürich
    [Moscow] Moskau
    [Prague] Prag
    [Warsaw] Warschau
    [Athens] Athen
    [Copenhagen] Kopenhagen
   *[other] { $city }
}
time-utc = { $when } UTC
# The listener's language, as in "gibt es nicht auf Deutsch".
language-name = Deutsch

## Choosing from a list, and names that need a question
choose-out-of-range = { $count ->
    [one] Es gab nur eine Sendung: { $shows }. Möchtest du sie hören?
   *[other] Es gab nur { $count }: { $shows }. Welche möchtest du hören?
}
ambiguous-live = { $name } läuft gerade an mehreren Orten live: { $choices }. Welche möchtest du hören?
ambiguous-live-reprompt = Welche möchtest du hören? { $choices }?
confirm-source = Meinst du { $name }?
confirm-source-reprompt = Meinst du { $name }? Sag ja oder nein.
ask-again = Okay. Welche Sendung möchtest du hören? Sag einen Namen, oder frag: was läuft gerade?
not-offered = Tut mir leid, { $show } gibt es nicht auf { $language }.
not-found-live = Ich habe { $name } nicht im Programm gefunden. Live läuft gerade: { $shows }.

## Recordings and live shows
recording-live-now-offer = { $show } läuft gerade live, und eine frühere Aufnahme habe ich nicht. Möchtest du live reinhören?
recording-live-now-offer-reprompt = Möchtest du live reinhören?
playing-latest-while-live = { $show } läuft gerade live. Hier ist die neueste Aufnahme, vom { $date }. Für die Live-Sendung sag: spiel { $name }.
playing-recording-date = Hier ist die Aufnahme von { $show } vom { $date }.
cannot-skip-recording = Das ist die Aufnahme einer einzelnen Sendung, da gibt es nichts zu überspringen. Du kannst sagen: von vorne.
not-possible-recording = Das geht bei einer Aufnahme leider nicht.

## Welcome back
welcome-back-live = Willkommen zurück bei On Air Live. { $show } läuft noch live. Möchtest du weiterhören?
welcome-back-recording = Willkommen zurück bei On Air Live. Möchtest du die Aufnahme von { $show } dort weiterhören, wo du aufgehört hast?
welcome-back-reprompt = Möchtest du { $show } weiterhören?

## Devices without audio
no-audio-reprompt = Du kannst fragen: was läuft gerade? Oder: wann läuft { $example }?
help-no-audio = On Air Live sagt dir, welche Live-Sendungen, Konzerte und Radioprogramme gerade laufen. Dieses Gerät kann kein Audio abspielen, also frag: was läuft gerade? Oder: wann läuft { $example }? Was möchtest du wissen?
fallback-no-audio = Tut mir leid, das habe ich nicht verstanden. Du kannst fragen: was läuft gerade? Oder: wann läuft { $example }?
when-live-now-no-audio = { $show } läuft gerade live.

## Erinnerungen ("erinnere mich, wenn … live ist")
reminder-question = Soll ich dich erinnern, wenn es losgeht?
reminder-offer-reprompt = Soll ich dich erinnern, wenn { $show } beginnt?
reminder-which = An welche Sendung soll ich dich erinnern? Sag zum Beispiel: erinnere mich, wenn { $example } live ist.
reminder-text = { $show } beginnt jetzt. Zum Anhören sag: Alexa, sag { $invocation }, spiel { $title }.
reminder-set = Okay, ich erinnere dich, wenn { $show } beginnt, { $when }.
reminder-set-weekly = Okay, ich erinnere dich jede Woche, wenn { $show } beginnt. Das nächste Mal ist { $when }.
reminder-already-set = Du hast schon eine Erinnerung für { $show }, { $when }.
reminder-too-late = { $show } hat schon begonnen, da gibt es nichts mehr zu erinnern.
reminder-failed = Tut mir leid, ich kann die Erinnerung gerade nicht einrichten. Versuch es bitte später noch einmal.
reminder-permission-denied = Okay, keine Erinnerung. Wenn du es dir anders überlegst, kannst du Erinnerungen in der Alexa App erlauben: Ich habe dir dort eine Karte geschickt.
reminders-no-permission = Für Erinnerungen brauche ich deine Erlaubnis. Du kannst sie in der Alexa App geben: Ich habe dir dort eine Karte geschickt.
reminders-unavailable = Tut mir leid, ich komme gerade nicht an deine Erinnerungen. Versuch es bitte später noch einmal.
reminders-none = Du hast keine Erinnerungen für Sendungen.
reminders-item = { $show }, { $when }
reminders-item-unknown = eine Sendung, die nicht mehr im Programm ist
reminders-list = { $count ->
    [one] Du hast eine Erinnerung: { $shows }.
   *[other] Du hast { $count } Erinnerungen: { $shows }.
}
reminder-none-to-cancel = Du hast keine Erinnerung für { $name }.
reminder-cancelled = { $count ->
    [one] Okay, ich habe deine Erinnerung für { $name } gelöscht.
   *[other] Okay, ich habe deine { $count } Erinnerungen für { $name } gelöscht.
}
## Favoriten
follow-done = Erledigt: Du folgst jetzt { $name }. Sobald es live ist, bekommst du eine Benachrichtigung.
follow-already = Du folgst { $name } schon.
follow-full = Du folgst schon { $count } Sendern, Künstlern und Sendungen, mehr kann ich mir nicht merken. Um Platz zu machen, sag: entfolgen, und einen Namen.
follow-which = Welchem Sender, Künstler oder welcher Sendung möchtest du folgen?
follow-reprompt = Sag zum Beispiel: folge { $example }.
follow-not-found = Ich finde { $name } nicht im Programm, deshalb kann ich dem noch nicht folgen.
follow-ambiguous = Ich habe mehrere gefunden: { $choices }. Sag folge, und den vollen Namen.
unfollow-done = Okay, du folgst { $name } nicht mehr.
unfollow-not-following = Du folgst { $name } nicht.
unfollow-which = Wem möchtest du nicht mehr folgen? Du folgst { $names }.
unfollow-which-reprompt = Wem möchtest du nicht mehr folgen?
follows-none = Du folgst noch niemandem. Damit du erfährst, wann eine Sendung live ist, sag: folge { $example }.
follows-list = { $count ->
    [one] Du folgst { $names }.
   *[other] Du folgst { $count } Favoriten: { $names }.
}
favourites-live = Von deinen Favoriten gerade live: { $shows }.
favourites-none-live = Keiner deiner Favoriten ist gerade live.
favourites-next = Als Nächstes von deinen Favoriten: { $show }, { $when }.
favourites-nothing = Keiner deiner Favoriten steht in den nächsten Tagen im Programm.
play-favourites-next = Keiner deiner Favoriten ist gerade live. Als Nächstes: { $show }, { $when }.
favourites-unavailable = Entschuldigung, ich kann deine Favoriten gerade nicht abrufen. Bitte versuch es später noch einmal.
welcome-followed-live = Willkommen zurück. { $show } ist live. Möchtest du reinhören?
welcome-followed-live-reprompt = Möchtest du { $show } hören?
