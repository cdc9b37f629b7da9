# onair: ogni frase che la skill pronuncia, in italiano.
# Le variabili sono stringhe preparate dalla skill (nomi, orari), tranne $count e $minutes/$hours/$days (numeri).
# INITIAL($x) è la prima lettera di un nome senza accenti (per "e" → "ed" davanti a "e"); NUMBER($x) legge un numero.
# Si dà del tu all'ascoltatore, come fa Alexa in italiano.

## Liste
list-and = { $first } { INITIAL($last) ->
    [e] ed
   *[other] e
} { $last }
list-or = { $first } o { $last }
list-separator = {", "}

## Orari
time-now = tra un attimo
time-in-minutes = { $minutes ->
    [one] tra un minuto
   *[other] tra { $minutes } minuti
}
time-in-hours = { $hours ->
    [one] tra circa un'ora
   *[other] tra circa { $hours } ore
}
time-in-days = { $days ->
    [one] domani
   *[other] tra { $days } giorni
}
time-today-at = oggi alle { $time }
time-tonight-at = stasera alle { $time }
time-tomorrow-at = domani alle { $time }
time-weekday-at = { $weekday } alle { $time }
time-ago-minutes = { $minutes ->
    [one] un minuto fa
   *[other] { $minutes } minuti fa
}
time-ago-hours = { $hours ->
    [one] circa un'ora fa
   *[other] circa { $hours } ore fa
}
time-ago-days = { $days ->
    [one] ieri
   *[other] { $days } giorni fa
}
# Orario a 24 ore: "alle 20", "alle 20:30".
clock-hour = { $hour }
clock-hour-minute = { NUMBER($minute) ->
    [0] { $hour }
   *[other] { $hour }:{ $minute }
}
clock-am = di mattina
clock-pm = di sera
weekday-1 = lunedì
weekday-2 = martedì
weekday-3 = mercoledì
weekday-4 = giovedì
weekday-5 = venerdì
weekday-6 = sabato
weekday-7 = domenica

## Programmi
# Un programma come viene nominato in un elenco: il titolo, e chi c'è.
show-with-performers = { $title } con { $performers }
show-on-channel = { $title } su { $channel }

## Benvenuto e scoperta
welcome = Benvenuti su On Air Live. Cosa vuoi ascoltare?
welcome-live = Benvenuti su On Air Live. In diretta ora: { $shows }. Quale vuoi ascoltare?
welcome-no-audio = Benvenuti su On Air Live. Questo dispositivo non può riprodurre l'audio in diretta, ma posso dirti cosa c'è in onda. { $whatson } Cos'altro vuoi sapere?
welcome-no-audio-reprompt = Puoi chiedere: cosa c'è adesso? Oppure: quando va in onda { $example }?
welcome-nothing-live = Benvenuti su On Air Live. Al momento non c'è niente in diretta. A seguire: { $show }, { $when }. Cosa vuoi ascoltare?
live-now = In diretta ora: { $shows }.
live-now-many = { $count ->
    [one] C'è un programma in diretta: { $shows }.
   *[other] Ci sono { $count } programmi in diretta, tra cui { $shows }.
}
nothing-live = Al momento non c'è niente in diretta.
next-up = A seguire: { $show }, { $when }.
which-one = Quale vuoi ascoltare?
pick-reprompt = Quale programma vuoi ascoltare? Puoi dire un nome, oppure: il primo.

## In riproduzione
playing-live = Ecco { $show }, in diretta.
playing-recording = Ecco la registrazione di { $show }, andata in onda { $when }.
resuming-live = Torniamo a { $show }, in diretta.
resuming-recording = Riprendo la registrazione di { $show }.
play-something-live-nothing = Al momento non c'è niente in diretta. A seguire: { $show }, { $when }.

## Cercare un programma
not-found = Non trovo { $name } nel palinsesto.
not-found-live-instead = Non trovo { $name } nel palinsesto. In diretta ora: { $shows }. Quale vuoi ascoltare?
not-found-nothing-live = Non trovo { $name } nel palinsesto, e al momento non c'è niente in diretta.
ambiguous = Ho trovato più risultati: { $choices }. Quale intendevi?
ambiguous-reprompt = Quale intendevi? { $choices }?
not-live-yet = { $show } inizia { $when }.
not-live-yet-offer = { $show } inizia { $when }. Intanto è in diretta { $other }. Vuoi ascoltarlo?
not-live-yet-offer-reprompt = Vuoi ascoltare { $other } mentre aspetti?
stream-trouble = Lo streaming di { $source } ha qualche problema in questo momento. Riprova tra qualche minuto.
stream-trouble-offer = Lo streaming di { $source } ha qualche problema in questo momento. Intanto è in diretta { $other }. Vuoi ascoltarlo?
stream-trouble-offer-reprompt = Vuoi ascoltare { $other } invece?
ended-offer-recording = La diretta di { $show } è finita { $when }, ma c'è la registrazione. Vuoi ascoltarla?
ended-offer-recording-reprompt = Vuoi ascoltare la registrazione di { $show }?
ended-no-recording = La diretta di { $show } è finita, e non c'è una registrazione.
not-scheduled = { $name } non è in palinsesto nei prossimi giorni.

## Quando va in onda
when-live-now = { $show } è in diretta proprio adesso. Vuoi ascoltarlo?
when-live-now-reprompt = Vuoi ascoltare { $show }?
when-next = La prossima diretta di { $show } è { $when }.

## Registrazioni
no-recording = Non ho una registrazione di { $name }.
no-recording-on-date = Non ho una registrazione di { $name } di { $date }.
no-recording-next-live = Non ho una registrazione di { $name }. La prossima diretta è { $when }.

## Riprendere
nothing-to-resume = Non c'è niente da riprendere.
resume-ended = La diretta di { $show } è finita.
resume-ended-playing-recording = La diretta di { $show } è finita mentre eri via. Ecco la registrazione, dal punto in cui l'avevi lasciata.
resume-ended-offer-recording = La diretta di { $show } è finita, ma c'è la registrazione. Vuoi ascoltarla?
resume-ended-offer-channel = La diretta di { $show } è finita. Ora su { $channel } c'è { $other }. Vuoi ascoltarlo?
resume-ended-offer-reprompt = Vuoi ascoltare?

## Limiti della diretta
cannot-skip = È una diretta, quindi non c'è niente da saltare.
not-possible-live = Con una diretta non si può fare.

## Dispositivi
no-audio-device = Mi dispiace, questo dispositivo non può riprodurre l'audio in diretta: prova da un altoparlante Echo. Posso comunque dirti cosa c'è in onda, o quando va in onda un programma. Cosa vuoi sapere?

## Aiuto, fallback, saluti
help = On Air Live ti fa ascoltare programmi, concerti e radio in diretta, mentre vanno in onda. Prova a dire: metti il live di { $example }, oppure chiedi: cosa c'è adesso? Cosa vuoi ascoltare?
help-reprompt = Puoi dire: metti il live di { $example }. Oppure chiedi: cosa c'è adesso?
fallback = Scusa, non ho capito. Puoi dire: metti il live di { $example }, oppure chiedere: cosa c'è adesso?
fallback-reprompt = Cosa vuoi ascoltare?
okay = Va bene.
goodbye = A presto.
anything-else = Cosa vuoi ascoltare?

## Problemi
apology = Mi dispiace, in questo momento non riesco a leggere il palinsesto. Riprova tra poco.
apology-answer = Mi dispiace, qualcosa è andato storto con questa risposta. Prova a chiedere in un altro modo.

## Dates and zones
date-long = { $weekday } { $day } { $month }
month-1 = gennaio
month-2 = febbraio
month-3 = marzo
month-4 = aprile
month-5 = maggio
month-6 = giugno
month-7 = luglio
month-8 = agosto
month-9 = settembre
month-10 = ottobre
month-11 = novembre
month-12 = dicembre
# A start time on the show's own clock, when the listener's time zone is unknown; $city is the English name
# from the IANA zone (Europe/Rome → Rome), so well-known cities are named the local way.
time-city = { $when }, ora di { $city ->
    [Rome] Roma
    [Berlin] Berlino
    [London] Londra
    [Paris] Parigi
    [Vienna] Vienna
    [Brussels] Bruxelles
    [Lisbon] Lisbona
    [Zurich] Zurigo
    [Moscow] Mosca
    [Prague] Praga
    [Warsaw] Varsavia
    [Athens] Atene
   *[other] { $city }
}
time-utc = { $when } UTC
# The listener's language, as in "non è disponibile in italiano".
language-name = italiano

## Choosing from a list, and names that need a question
choose-out-of-range = { $count ->
    [one] Ce n'era solo uno: { $shows }. Vuoi ascoltarlo?
   *[other] Ce n'erano solo { $count }: { $shows }. Quale vuoi ascoltare?
}
ambiguous-live = { $name } è in diretta in più posti adesso: { $choices }. Quale vuoi ascoltare?
ambiguous-live-reprompt = Quale vuoi ascoltare? { $choices }?
confirm-source = Intendevi { $name }?
confirm-source-reprompt = Intendevi { $name }? Puoi dire sì o no.
ask-again = D'accordo. Quale programma vuoi ascoltare? Puoi dire un nome, oppure chiedere: cosa c'è adesso?
not-offered = Mi dispiace, { $show } non è disponibile in { $language }.
not-found-live = Non trovo { $name } nel palinsesto. In diretta ora: { $shows }.

## Recordings and live shows
recording-live-now-offer = { $show } è in onda proprio adesso, e non ho registrazioni precedenti. Vuoi ascoltarlo in diretta?
recording-live-now-offer-reprompt = Vuoi ascoltarlo in diretta?
playing-latest-while-live = { $show } è in diretta adesso. Ecco l'ultima registrazione, di { $date }. Per ascoltarlo in diretta, di': metti { $name }.
playing-recording-date = Ecco la registrazione di { $show } di { $date }.
cannot-skip-recording = È la registrazione di un solo programma, quindi non c'è niente da saltare. Puoi dire: ricomincia.
not-possible-recording = Con una registrazione non si può fare.

## Welcome back
welcome-back-live = Bentornato su On Air Live. { $show } è ancora in diretta. Vuoi continuare?
welcome-back-recording = Bentornato su On Air Live. Vuoi riprendere la registrazione di { $show } da dove eri rimasto?
welcome-back-reprompt = Vuoi continuare con { $show }?

## Devices without audio
no-audio-reprompt = Puoi chiedere: cosa c'è adesso? Oppure: quando va in onda { $example }?
help-no-audio = On Air Live ti dice quali programmi, concerti e radio sono in diretta. Questo dispositivo non può riprodurre audio, quindi chiedi: cosa c'è adesso? Oppure: quando va in onda { $example }? Cosa vuoi sapere?
fallback-no-audio = Scusa, non ho capito. Puoi chiedere: cosa c'è adesso? Oppure: quando va in onda { $example }?
when-live-now-no-audio = { $show } è in diretta proprio adesso.

## Promemoria ("ricordami quando … va in onda")
reminder-question = Vuoi che te lo ricordi quando inizia?
reminder-offer-reprompt = Vuoi un promemoria per quando inizia { $show }?
reminder-which = Per quale programma vuoi un promemoria? Per esempio, di': ricordami quando va in onda { $example }.
reminder-text = Sta iniziando { $show }. Per ascoltarlo, di': Alexa, chiedi a { $invocation } di mettere { $title }.
reminder-set = Va bene, ti ricorderò quando inizia { $show }, { $when }.
reminder-set-weekly = Va bene, ti ricorderò ogni settimana quando inizia { $show }. La prossima volta è { $when }.
reminder-already-set = Hai già un promemoria per { $show }, { $when }.
reminder-too-late = { $show } è già iniziato, quindi non c'è niente da ricordare.
reminder-failed = Mi dispiace, in questo momento non riesco a impostare il promemoria. Riprova più tardi.
reminder-permission-denied = Va bene, niente promemoria. Se cambi idea, puoi consentire i promemoria nell'app Alexa: ti ho mandato una scheda.
reminders-no-permission = Mi serve il tuo permesso per usare i promemoria. Puoi darlo nell'app Alexa: ti ho mandato una scheda.
reminders-unavailable = Mi dispiace, in questo momento non riesco a leggere i tuoi promemoria. Riprova più tardi.
reminders-none = Non hai promemoria per i programmi.
reminders-item = { $show }, { $when }
reminders-item-unknown = un programma che non è più in palinsesto
reminders-list = { $count ->
    [one] Hai un promemoria: { $shows }.
   *[other] Hai { $count } promemoria: { $shows }.
}
reminder-none-to-cancel = Non hai promemoria per { $name }.
reminder-cancelled = { $count ->
    [one] Va bene, ho cancellato il promemoria per { $name }.
   *[other] Va bene, ho cancellato i { $count } promemoria per { $name }.
}
## Preferiti
follow-done = Fatto: ora segui { $name }. Quando va in diretta, ti mando una notifica.
follow-already = Segui già { $name }.
follow-full = Segui già { $count } tra stazioni, artisti e programmi, il massimo che posso ricordare. Per fare spazio, di': non seguire più, e un nome.
follow-which = Quale stazione, artista o programma vuoi seguire?
follow-reprompt = Per esempio, di': segui { $example }.
follow-not-found = Non trovo { $name } nel palinsesto, quindi non posso ancora seguirlo.
follow-ambiguous = Ho trovato più risultati: { $choices }. Di' segui, e il nome completo.
unfollow-done = Va bene, non segui più { $name }.
unfollow-not-following = Non segui { $name }.
unfollow-which = Quale vuoi smettere di seguire? Segui { $names }.
unfollow-which-reprompt = Quale vuoi smettere di seguire?
follows-none = Non segui ancora nessuno. Per sapere quando un programma va in diretta, di': segui { $example }.
follows-list = { $count ->
    [one] Segui { $names }.
   *[other] Segui { $count } preferiti: { $names }.
}
favourites-live = Dai tuoi preferiti, in diretta adesso: { $shows }.
favourites-none-live = Nessuno dei tuoi preferiti è in diretta adesso.
favourites-next = Il prossimo dei tuoi preferiti: { $show }, { $when }.
favourites-nothing = Nessuno dei tuoi preferiti è in palinsesto nei prossimi giorni.
play-favourites-next = Nessuno dei tuoi preferiti è in diretta adesso. Il prossimo: { $show }, { $when }.
favourites-unavailable = Mi dispiace, in questo momento non riesco a leggere i tuoi preferiti. Riprova più tardi.
welcome-followed-live = Bentornato. { $show } è in diretta. Vuoi ascoltarlo?
welcome-followed-live-reprompt = Vuoi ascoltare { $show }?
