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
welcome = Bienvenidos a On Air.
welcome-live = Bienvenidos a On Air. En directo ahora: { $shows }. ¿Cuál quieres escuchar?
welcome-no-audio = Bienvenidos a On Air. Este dispositivo no puede reproducir audio en directo, pero puedo decirte qué hay en antena. { $whatson }
welcome-no-audio-reprompt = Puedes preguntar: ¿qué hay ahora? O bien: ¿cuándo es el directo de { $example }?
welcome-nothing-live = Bienvenidos a On Air. Ahora mismo no hay nada en directo. A continuación: { $show }, { $when }. Puedes preguntarme qué hay en antena cuando quieras.
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
not-available-here = Lo siento, { $show } no está disponible en tu país.
not-live-yet = { $show } empieza { $when }.
not-live-yet-offer = { $show } empieza { $when }. Mientras tanto, { $other } está en directo. ¿Quieres escucharlo?
not-live-yet-offer-reprompt = ¿Quieres escuchar { $other } mientras esperas?
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
no-audio-device = Lo siento, este dispositivo no puede reproducir audio en directo. Prueba en un altavoz Echo. Aun así, puedes preguntarme qué hay en antena.

## Ayuda, fallback, despedida
help = On Air pone programas, conciertos y radio en directo, mientras se emiten. Prueba a decir: pon el directo de { $example }, o pregunta: ¿qué hay ahora? ¿Qué quieres escuchar?
help-reprompt = Puedes decir: pon el directo de { $example }. O preguntar: ¿qué hay ahora?
fallback = Perdona, no te he entendido. Puedes decir: pon el directo de { $example }, o preguntar: ¿qué hay ahora?
fallback-reprompt = ¿Qué quieres escuchar?
okay = Vale.
goodbye = Hasta luego.
anything-else = ¿Qué quieres escuchar?

## Problemas
apology = Lo siento, ahora mismo no puedo consultar la programación. Inténtalo de nuevo en un momento.
apology-answer = Lo siento, algo ha fallado con esta respuesta. Prueba a preguntarlo de otra manera.
