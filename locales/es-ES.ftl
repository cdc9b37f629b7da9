# onair: todas las frases que dice la skill, en español de España.
# Las variables son textos que prepara la skill (nombres, horas), salvo $count y $minutes/$hours/$days (números).
# INITIAL($x) es la primera letra de un nombre, sin tildes y sin la hache muda ("y" → "e" ante "i"/"hi", "o" → "u"
# ante "o"/"ho"); NUMBER($x) lee un número. Se tutea al oyente, como hace Alexa en España.

## Listas
list-and = { $first } { INITIAL($last) ->
    [i] e
   *[other] y
} { $last }
list-or = { $first } { INITIAL($last) ->
    [o] u
   *[other] o
} { $last }
list-separator = {", "}

## Horas
time-now = en un momento
time-in-minutes = { $minutes ->
    [one] dentro de un minuto
   *[other] dentro de { $minutes } minutos
}
time-in-hours = { $hours ->
    [one] dentro de una hora, más o menos
   *[other] dentro de unas { $hours } horas
}
time-in-days = { $days ->
    [one] mañana
   *[other] dentro de { $days } días
}
time-today-at = hoy a { $time }
time-tonight-at = esta noche a { $time }
time-tomorrow-at = mañana a { $time }
time-weekday-at = el { $weekday } a { $time }
time-ago-minutes = { $minutes ->
    [one] hace un minuto
   *[other] hace { $minutes } minutos
}
time-ago-hours = { $hours ->
    [one] hace más o menos una hora
   *[other] hace unas { $hours } horas
}
time-ago-days = { $days ->
    [one] ayer
   *[other] hace { $days } días
}
# Reloj de 24 horas, con su artículo: "a las 20:30", "a la 1:15".
clock-hour = { NUMBER($hour) ->
    [1] la { $hour }
   *[other] las { $hour }
}
clock-hour-minute = { NUMBER($hour) ->
    [1] la { $hour }:{ $minute }
   *[other] las { $hour }:{ $minute }
}
clock-am = de la mañana
clock-pm = de la tarde
weekday-1 = lunes
weekday-2 = martes
weekday-3 = miércoles
weekday-4 = jueves
weekday-5 = viernes
weekday-6 = sábado
weekday-7 = domingo

## Programas
# Un programa tal como se nombra en una lista: su título, y quién está.
show-with-performers = { $title } con { $performers }
show-on-channel = { $title } en { $channel }

## Bienvenida y descubrimiento
welcome = Bienvenidos a On Air Live. ¿Qué quieres escuchar?
welcome-live = Bienvenidos a On Air Live. En directo ahora: { $shows }. ¿Cuál quieres escuchar?
welcome-no-audio = Bienvenidos a On Air Live. Este dispositivo no puede reproducir audio en directo, pero puedo decirte qué hay en antena. { $whatson } ¿Qué más quieres saber?
welcome-no-audio-reprompt = Puedes preguntar: ¿qué hay ahora? O bien: ¿cuándo es el directo de { $example }?
welcome-nothing-live = Bienvenidos a On Air Live. Ahora mismo no hay nada en directo. A continuación: { $show }, { $when }. ¿Qué quieres escuchar?
live-now = En directo ahora: { $shows }.
live-now-many = { $count ->
    [one] Hay un programa en directo: { $shows }.
   *[other] Hay { $count } programas en directo, entre ellos { $shows }.
}
nothing-live = Ahora mismo no hay nada en directo.
next-up = A continuación: { $show }, { $when }.
which-one = ¿Cuál quieres escuchar?
pick-reprompt = ¿Qué programa quieres escuchar? Puedes decir un nombre, o decir: el primero.

## Reproduciendo
playing-live = Aquí tienes { $show }, en directo.
playing-recording = Aquí tienes la grabación de { $show }, que empezó { $when }.
resuming-live = Volvemos a { $show }, en directo.
resuming-recording = Reanudo la grabación de { $show }.
play-something-live-nothing = Ahora mismo no hay nada en directo. A continuación: { $show }, { $when }.

## Buscar un programa
not-found = No he encontrado { $name } en la programación.
not-found-live-instead = No he encontrado { $name } en la programación. En directo ahora: { $shows }. ¿Cuál quieres escuchar?
not-found-nothing-live = No he encontrado { $name } en la programación, y ahora mismo no hay nada en directo.
ambiguous = He encontrado varios resultados: { $choices }. ¿A cuál te refieres?
ambiguous-reprompt = ¿A cuál te refieres? ¿{ $choices }?
not-live-yet = { $show } empieza { $when }.
not-live-yet-offer = { $show } empieza { $when }. Mientras tanto, { $other } está en directo. ¿Quieres escucharlo?
not-live-yet-offer-reprompt = ¿Quieres escuchar { $other } mientras esperas?
stream-trouble = La emisión de { $source } tiene problemas en este momento. Inténtalo de nuevo en unos minutos.
stream-trouble-offer = La emisión de { $source } tiene problemas en este momento. Mientras tanto, { $other } está en directo. ¿Quieres escucharlo?
stream-trouble-offer-reprompt = ¿Quieres escuchar { $other } en su lugar?
ended-offer-recording = { $show } terminó { $when }, pero hay una grabación. ¿Quieres escucharla?
ended-offer-recording-reprompt = ¿Quieres escuchar la grabación de { $show }?
ended-no-recording = { $show } ya ha terminado y no hay grabación.
not-scheduled = { $name } no está en la programación de los próximos días.

## Cuándo es
when-live-now = { $show } está en directo ahora mismo. ¿Quieres escucharlo?
when-live-now-reprompt = ¿Quieres escuchar { $show }?
when-next = El próximo directo de { $show } es { $when }.

## Grabaciones
no-recording = No tengo ninguna grabación de { $name }.
no-recording-on-date = No tengo ninguna grabación de { $name } del { $date }.
no-recording-next-live = No tengo ninguna grabación de { $name }. Su próximo directo es { $when }.

## Reanudar
nothing-to-resume = No hay nada que reanudar.
resume-ended = { $show } ya ha terminado.
resume-ended-playing-recording = { $show } terminó mientras no estabas. Aquí tienes la grabación, desde donde lo dejaste.
resume-ended-offer-recording = { $show } ya ha terminado, pero hay una grabación. ¿Quieres escucharla?
resume-ended-offer-channel = { $show } ya ha terminado. Ahora en { $channel }: { $other }. ¿Quieres escucharlo?
resume-ended-offer-reprompt = ¿Lo pongo?

## Límites del directo
cannot-skip = Es un programa en directo, así que no hay nada que saltar.
not-possible-live = Eso no se puede hacer con un programa en directo.

## Dispositivos
no-audio-device = Lo siento, este dispositivo no puede reproducir audio en directo; prueba en un altavoz Echo. Aun así, puedo decirte qué hay en antena o cuándo es un programa. ¿Qué quieres saber?

## Ayuda, fallback, despedida
help = On Air Live pone programas, conciertos y radio en directo, mientras se emiten. Prueba a decir: pon el directo de { $example }, o pregunta: ¿qué hay ahora? ¿Qué quieres escuchar?
help-reprompt = Puedes decir: pon el directo de { $example }. O preguntar: ¿qué hay ahora?
fallback = Perdona, no te he entendido. Puedes decir: pon el directo de { $example }, o preguntar: ¿qué hay ahora?
fallback-reprompt = ¿Qué quieres escuchar?
okay = Vale.
goodbye = Hasta luego.
anything-else = ¿Qué quieres escuchar?

## Problemas
apology = Lo siento, ahora mismo no puedo consultar la programación. Inténtalo de nuevo en un momento.
apology-answer = Lo siento, algo ha fallado con esta respuesta. Prueba a preguntarlo de otra manera.

## Dates and zones
date-long = { $weekday } { $day } de { $month }
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
# A start time on the show's own clock, when the listener's time zone is unknown; $city is the English name
# from the IANA zone (Europe/Rome → Rome), so well-known cities are named the local way.
time-city = { $when }, hora de { $city ->
    [Rome] Roma
    [Berlin] Berlín
    [London] Londres
    [Paris] París
    [Vienna] Viena
    [Brussels] Bruselas
    [Lisbon] Lisboa
    [Zurich] Zúrich
    [Moscow] Moscú
    [Prague] Praga
    [Warsaw] Varsovia
    [Athens] Atenas
   *[other] { $city }
}
time-utc = { $when } UTC
# The listener's language, as in "no está disponible en español".
language-name = español

## Choosing from a list, and names that need a question
choose-out-of-range = { $count ->
    [one] Solo había uno: { $shows }. ¿Quieres escucharlo?
   *[other] Solo había { $count }: { $shows }. ¿Cuál quieres escuchar?
}
ambiguous-live = { $name } está en directo en más de un sitio ahora mismo: { $choices }. ¿Cuál quieres escuchar?
ambiguous-live-reprompt = ¿Cuál quieres escuchar? ¿{ $choices }?
confirm-source = ¿Te refieres a { $name }?
confirm-source-reprompt = ¿Te refieres a { $name }? Puedes decir sí o no.
ask-again = De acuerdo. ¿Qué programa quieres escuchar? Puedes decir un nombre, o preguntar: ¿qué hay ahora?
not-offered = Lo siento, { $show } no está disponible en { $language }.
not-found-live = No he encontrado { $name } en la programación. En directo ahora: { $shows }.

## Recordings and live shows
recording-live-now-offer = { $show } está en antena ahora mismo, y no tengo grabaciones anteriores. ¿Quieres escucharlo en directo?
recording-live-now-offer-reprompt = ¿Quieres escucharlo en directo?
playing-latest-while-live = { $show } está en directo ahora. Aquí tienes la última grabación, del { $date }. Para escucharlo en directo, di: pon { $name }.
playing-recording-date = Aquí tienes la grabación de { $show } del { $date }.
cannot-skip-recording = Es la grabación de un solo programa, así que no hay nada que saltar. Puedes decir: empezar de nuevo.
not-possible-recording = Eso no se puede hacer con una grabación.

## Welcome back
welcome-back-live = Hola de nuevo, esto es On Air Live. { $show } sigue en directo. ¿Quieres continuar?
welcome-back-recording = Hola de nuevo, esto es On Air Live. ¿Quieres seguir con la grabación de { $show } donde la dejaste?
welcome-back-reprompt = ¿Quieres continuar con { $show }?

## Devices without audio
no-audio-reprompt = Puedes preguntar: ¿qué hay ahora? O: ¿cuándo es { $example }?
help-no-audio = On Air Live te dice qué programas, conciertos y radio hay en directo. Este dispositivo no puede reproducir audio, así que pregunta: ¿qué hay ahora? O: ¿cuándo es { $example }? ¿Qué quieres saber?
fallback-no-audio = Perdona, no te he entendido. Puedes preguntar: ¿qué hay ahora? O: ¿cuándo es { $example }?
when-live-now-no-audio = { $show } está en directo ahora mismo.

## Recordatorios ("avísame cuando … esté en directo")
reminder-question = ¿Quieres que te avise cuando empiece?
reminder-offer-reprompt = ¿Te aviso cuando empiece { $show }?
reminder-which = ¿De qué programa quieres que te avise? Por ejemplo, di: avísame cuando { $example } esté en directo.
reminder-text = Está empezando { $show }. Para escucharlo, di: Alexa, pide a { $invocation } que ponga { $title }.
reminder-set = Vale, te avisaré cuando empiece { $show }, { $when }.
reminder-set-weekly = Vale, te avisaré cada semana cuando empiece { $show }. La próxima vez es { $when }.
reminder-already-set = Ya tienes un recordatorio para { $show }, { $when }.
reminder-too-late = { $show } ya ha empezado, así que no hay nada que recordar.
reminder-failed = Lo siento, ahora mismo no puedo crear el recordatorio. Inténtalo más tarde.
reminder-permission-denied = Vale, sin recordatorio. Si cambias de idea, puedes permitir los recordatorios en la app de Alexa: te he enviado una tarjeta.
reminders-no-permission = Necesito tu permiso para usar recordatorios. Puedes darlo en la app de Alexa: te he enviado una tarjeta.
reminders-unavailable = Lo siento, ahora mismo no puedo consultar tus recordatorios. Inténtalo más tarde.
reminders-none = No tienes recordatorios de programas.
reminders-item = { $show }, { $when }
reminders-item-unknown = un programa que ya no está en la programación
reminders-list = { $count ->
    [one] Tienes un recordatorio: { $shows }.
   *[other] Tienes { $count } recordatorios: { $shows }.
}
reminder-none-to-cancel = No tienes ningún recordatorio para { $name }.
reminder-cancelled = { $count ->
    [one] Vale, he cancelado tu recordatorio para { $name }.
   *[other] Vale, he cancelado tus { $count } recordatorios para { $name }.
}
## Favoritos
follow-done = Hecho: ahora sigues a { $name }. Cuando empiece en directo, te enviaré una notificación.
follow-already = Ya sigues a { $name }.
follow-full = Ya sigues { $count } emisoras, artistas y programas, el máximo que puedo guardar. Para hacer sitio, di: dejar de seguir, y un nombre.
follow-which = ¿Qué emisora, artista o programa quieres seguir?
follow-reprompt = Por ejemplo, di: sigue a { $example }.
follow-not-found = No encuentro { $name } en la programación, así que todavía no puedo seguirlo.
follow-ambiguous = He encontrado varios: { $choices }. Di sigue a, y el nombre completo.
unfollow-done = Vale, ya no sigues a { $name }.
unfollow-not-following = No sigues a { $name }.
unfollow-which = ¿Cuál quieres dejar de seguir? Sigues a { $names }.
unfollow-which-reprompt = ¿Cuál quieres dejar de seguir?
follows-none = Todavía no sigues a nadie. Para saber cuándo empieza un programa en directo, di: sigue a { $example }.
follows-list = { $count ->
    [one] Sigues a { $names }.
   *[other] Sigues { $count } favoritos: { $names }.
}
favourites-live = De tus favoritos, en directo ahora: { $shows }.
favourites-none-live = Ninguno de tus favoritos está en directo ahora.
favourites-next = El próximo de tus favoritos: { $show }, { $when }.
favourites-nothing = Ninguno de tus favoritos está en la programación de los próximos días.
play-favourites-next = Ninguno de tus favoritos está en directo ahora. El próximo: { $show }, { $when }.
favourites-unavailable = Lo siento, ahora no puedo consultar tus favoritos. Inténtalo más tarde.
welcome-followed-live = Hola de nuevo. { $show } está en directo. ¿Quieres escucharlo?
welcome-followed-live-reprompt = ¿Quieres escuchar { $show }?
