# onair : toutes les phrases que dit la skill, en français.
# Les variables sont des textes préparés par la skill (noms, heures), sauf $count et $minutes/$hours/$days (nombres).
# ONSET($x) vaut "vowel" quand un nom commence par une voyelle, pour l'élision ("d'Aurora", "de Radio Uno") ;
# NUMBER($x) lit un nombre. On vouvoie l'auditeur, comme Alexa en français ; les exemples de commandes restent au
# tutoiement, comme on parle à Alexa.

## Listes
list-and = { $first } et { $last }
list-or = { $first } ou { $last }
list-separator = {", "}

## Heures
time-now = dans un instant
time-in-minutes = { $minutes ->
    [one] dans une minute
   *[other] dans { $minutes } minutes
}
time-in-hours = { $hours ->
    [one] dans une heure environ
   *[other] dans { $hours } heures environ
}
time-in-days = { $days ->
    [one] demain
   *[other] dans { $days } jours
}
time-today-at = aujourd'hui à { $time }
time-tonight-at = ce soir à { $time }
time-tomorrow-at = demain à { $time }
time-weekday-at = { $weekday } à { $time }
time-ago-minutes = { $minutes ->
    [one] il y a une minute
   *[other] il y a { $minutes } minutes
}
time-ago-hours = { $hours ->
    [one] il y a environ une heure
   *[other] il y a environ { $hours } heures
}
time-ago-days = { $days ->
    [one] hier
   *[other] il y a { $days } jours
}
# Horloge de 24 heures : "à 20 h", "à 20 h 30".
clock-hour = { $hour } h
clock-hour-minute = { NUMBER($minute) ->
    [0] { $hour } h
   *[other] { $hour } h { $minute }
}
clock-am = du matin
clock-pm = du soir
weekday-1 = lundi
weekday-2 = mardi
weekday-3 = mercredi
weekday-4 = jeudi
weekday-5 = vendredi
weekday-6 = samedi
weekday-7 = dimanche

## Émissions
# Une émission telle qu'on la nomme dans une liste : son titre, et qui est là.
show-with-performers = { $title } avec { $performers }
show-on-channel = { $title } sur { $channel }

## Accueil et découverte
welcome = Bienvenue sur On Air Live. Que voulez-vous écouter ?
welcome-live = Bienvenue sur On Air Live. En direct en ce moment : { $shows }. Que voulez-vous écouter ?
welcome-no-audio = Bienvenue sur On Air Live. Cet appareil ne peut pas lire l'audio en direct, mais je peux vous dire ce qui passe. { $whatson } Que voulez-vous savoir d'autre ?
welcome-no-audio-reprompt = Vous pouvez demander : qu'est-ce qui passe en ce moment ? Ou : quand passe { $example } en direct ?
welcome-nothing-live = Bienvenue sur On Air Live. Rien n'est en direct pour le moment. À suivre : { $show }, { $when }. Que voulez-vous écouter ?
live-now = En direct en ce moment : { $shows }.
live-now-many = { $count ->
    [one] Une émission est en direct : { $shows }.
   *[other] { $count } émissions sont en direct, dont { $shows }.
}
nothing-live = Rien n'est en direct pour le moment.
next-up = À suivre : { $show }, { $when }.
which-one = Que voulez-vous écouter ?
pick-reprompt = Quelle émission voulez-vous écouter ? Vous pouvez dire un nom, ou bien : la première.

## Lecture
playing-live = Voici { $show }, en direct.
playing-recording = Voici l'enregistrement { ONSET($show) ->
    [vowel] d'{ $show }
   *[other] de { $show }
}, diffusé { $when }.
resuming-live = Retour à { $show }, en direct.
resuming-recording = Je reprends l'enregistrement { ONSET($show) ->
    [vowel] d'{ $show }
   *[other] de { $show }
}.
play-something-live-nothing = Rien n'est en direct pour le moment. À suivre : { $show }, { $when }.

## Trouver une émission
not-found = Je n'ai pas trouvé { $name } dans la programmation.
not-found-live-instead = Je n'ai pas trouvé { $name } dans la programmation. En direct en ce moment : { $shows }. Que voulez-vous écouter ?
not-found-nothing-live = Je n'ai pas trouvé { $name } dans la programmation, et rien n'est en direct pour le moment.
ambiguous = J'ai trouvé plusieurs résultats : { $choices }. Lequel voulez-vous dire ?
ambiguous-reprompt = Lequel voulez-vous dire ? { $choices } ?
not-live-yet = { $show } commence { $when }.
not-live-yet-offer = { $show } commence { $when }. En attendant, { $other } est en direct. Voulez-vous l'écouter ?
not-live-yet-offer-reprompt = Voulez-vous écouter { $other } en attendant ?
stream-trouble = Le flux de { $source } rencontre des difficultés en ce moment. Réessayez dans quelques minutes.
stream-trouble-offer = Le flux de { $source } rencontre des difficultés en ce moment. En attendant, { $other } est en direct. Voulez-vous l'écouter ?
stream-trouble-offer-reprompt = Voulez-vous plutôt écouter { $other } ?
ended-offer-recording = Le direct { ONSET($show) ->
    [vowel] d'{ $show }
   *[other] de { $show }
} s'est terminé { $when }, mais il y a un enregistrement. Voulez-vous l'écouter ?
ended-offer-recording-reprompt = Voulez-vous écouter l'enregistrement { ONSET($show) ->
    [vowel] d'{ $show }
   *[other] de { $show }
} ?
ended-no-recording = Le direct { ONSET($show) ->
    [vowel] d'{ $show }
   *[other] de { $show }
} est terminé, et il n'y a pas d'enregistrement.
not-scheduled = { $name } n'est pas au programme des prochains jours.

## Quand
when-live-now = { $show } est en direct en ce moment. Voulez-vous l'écouter ?
when-live-now-reprompt = Voulez-vous écouter { $show } ?
when-next = Le prochain direct { ONSET($show) ->
    [vowel] d'{ $show }
   *[other] de { $show }
}, c'est { $when }.

## Enregistrements
no-recording = Je n'ai pas d'enregistrement { ONSET($name) ->
    [vowel] d'{ $name }
   *[other] de { $name }
}.
no-recording-on-date = Je n'ai pas d'enregistrement du { $date } pour { $name }.
no-recording-next-live = Je n'ai pas d'enregistrement { ONSET($name) ->
    [vowel] d'{ $name }
   *[other] de { $name }
}. Le prochain direct, c'est { $when }.

## Reprendre
nothing-to-resume = Il n'y a rien à reprendre.
resume-ended = Le direct { ONSET($show) ->
    [vowel] d'{ $show }
   *[other] de { $show }
} est terminé.
resume-ended-playing-recording = Le direct { ONSET($show) ->
    [vowel] d'{ $show }
   *[other] de { $show }
} s'est terminé pendant votre absence. Voici l'enregistrement, repris là où vous l'aviez laissé.
resume-ended-offer-recording = Le direct { ONSET($show) ->
    [vowel] d'{ $show }
   *[other] de { $show }
} est terminé, mais il y a un enregistrement. Voulez-vous l'écouter ?
resume-ended-offer-channel = Le direct { ONSET($show) ->
    [vowel] d'{ $show }
   *[other] de { $show }
} est terminé. En ce moment sur { $channel } : { $other }. Voulez-vous écouter ?
resume-ended-offer-reprompt = Voulez-vous écouter ?

## Limites du direct
cannot-skip = C'est une émission en direct, il n'y a rien à passer.
not-possible-live = Ce n'est pas possible avec une émission en direct.

## Appareils
no-audio-device = Désolé, cet appareil ne peut pas lire l'audio en direct ; essayez sur une enceinte Echo. Je peux quand même vous dire ce qui passe, ou quand une émission est en direct. Que voulez-vous savoir ?

## Aide, incompréhension, au revoir
help = On Air Live vous fait écouter des émissions, des concerts et la radio en direct, au moment où ils ont lieu. Dites par exemple : mets le live { ONSET($example) ->
    [vowel] d'{ $example }
   *[other] de { $example }
}, ou demandez : qu'est-ce qui passe en ce moment ? Que voulez-vous écouter ?
help-reprompt = Vous pouvez dire : mets le live { ONSET($example) ->
    [vowel] d'{ $example }
   *[other] de { $example }
}. Ou demander : qu'est-ce qui passe en ce moment ?
fallback = Désolé, je n'ai pas compris. Vous pouvez dire : mets le live { ONSET($example) ->
    [vowel] d'{ $example }
   *[other] de { $example }
}, ou demander : qu'est-ce qui passe en ce moment ?
fallback-reprompt = Que voulez-vous écouter ?
okay = D'accord.
goodbye = Au revoir.
anything-else = Que voulez-vous écouter ?

## Problèmes
apology = Désolé, je n'arrive pas à consulter la programmation pour le moment. Réessayez dans un instant.
apology-answer = Désolé, un problème est survenu avec cette réponse. Essayez de demander autrement.

## Dates and zones
date-long = { $weekday } { $day } { $month }
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
# A start time on the show's own clock, when the listener's time zone is unknown; $city is the English name
# from the IANA zone (Europe/Rome → Rome), so well-known cities are named the local way.
time-city = { $when }, heure de { $city ->
    [London] Londres
    [Vienna] Vienne
    [Brussels] Bruxelles
    [Lisbon] Lisbonne
    [Moscow] Moscou
    [Warsaw] Varsovie
    [Athens] Athènes
    [Copenhagen] Copenhague
   *[other] { $city }
}
time-utc = { $when } UTC
# The listener's language, as in "n'est pas proposé en français".
language-name = français

## Choosing from a list, and names that need a question
choose-out-of-range = { $count ->
    [one] Il n'y en avait qu'une : { $shows }. Voulez-vous l'écouter ?
   *[other] Il n'y en avait que { $count } : { $shows }. Laquelle voulez-vous écouter ?
}
ambiguous-live = { $name } est en direct à plusieurs endroits en ce moment : { $choices }. Laquelle voulez-vous écouter ?
ambiguous-live-reprompt = Laquelle voulez-vous écouter ? { $choices } ?
confirm-source = Vouliez-vous dire { $name } ?
confirm-source-reprompt = Vouliez-vous dire { $name } ? Vous pouvez répondre oui ou non.
ask-again = D'accord. Quelle émission voulez-vous écouter ? Vous pouvez dire un nom, ou demander : qu'est-ce qui passe ?
not-offered = Désolé, { $show } n'est pas proposé en { $language }.
not-found-live = Je n'ai pas trouvé { $name } dans la programmation. En direct en ce moment : { $shows }.

## Recordings and live shows
recording-live-now-offer = { $show } est en direct en ce moment, et je n'ai pas d'enregistrement précédent. Voulez-vous l'écouter en direct ?
recording-live-now-offer-reprompt = Voulez-vous l'écouter en direct ?
playing-latest-while-live = { $show } est en direct en ce moment. Voici le dernier enregistrement, du { $date }. Pour l'écouter en direct, dites : mets { $name }.
playing-recording-date = Voici l'enregistrement du { $date } : { $show }.
cannot-skip-recording = C'est l'enregistrement d'une seule émission, il n'y a rien à passer. Vous pouvez dire : recommence.
not-possible-recording = Ce n'est pas possible avec un enregistrement.

## Welcome back
welcome-back-live = Bon retour sur On Air Live. { $show } est toujours en direct. Voulez-vous continuer ?
welcome-back-recording = Bon retour sur On Air Live. Voulez-vous reprendre l'enregistrement { ONSET($show) ->
    [vowel] d'{ $show }
   *[other] de { $show }
} là où vous l'aviez laissé ?
welcome-back-reprompt = Voulez-vous continuer { $show } ?

## Devices without audio
no-audio-reprompt = Vous pouvez demander : qu'est-ce qui passe en ce moment ? Ou : quand passe { $example } ?
help-no-audio = On Air Live vous dit quelles émissions, quels concerts et quelles radios sont en direct. Cet appareil ne peut pas lire l'audio, alors demandez : qu'est-ce qui passe en ce moment ? Ou : quand passe { $example } ? Que voulez-vous savoir ?
fallback-no-audio = Désolé, je n'ai pas compris. Vous pouvez demander : qu'est-ce qui passe en ce moment ? Ou : quand passe { $example } ?
when-live-now-no-audio = { $show } est en direct en ce moment.

## Rappels (« rappelle-moi quand … passe en direct »)
reminder-question = Voulez-vous un rappel quand ça commence ?
reminder-offer-reprompt = Voulez-vous un rappel au début du programme { $show } ?
reminder-which = Pour quel programme voulez-vous un rappel ? Par exemple, dites : rappelle moi quand { $example } passe en direct.
reminder-text = C'est le début du programme { $show }. Pour l'écouter, dites : Alexa, demande à { $invocation } de mettre { $title }.
reminder-set = D'accord, je vous rappellerai le début du programme { $show }, { $when }.
reminder-set-weekly = D'accord, je vous rappellerai chaque semaine le début du programme { $show }. La prochaine fois, c'est { $when }.
reminder-already-set = Vous avez déjà un rappel pour le programme { $show }, { $when }.
reminder-too-late = Le programme { $show } a déjà commencé : il n'y a plus rien à rappeler.
reminder-failed = Désolé, je n'arrive pas à créer ce rappel pour le moment. Réessayez plus tard.
reminder-permission-denied = D'accord, pas de rappel. Si vous changez d'avis, vous pouvez autoriser les rappels dans l'application Alexa : je vous y ai envoyé une carte.
reminders-no-permission = J'ai besoin de votre autorisation pour les rappels. Vous pouvez la donner dans l'application Alexa : je vous y ai envoyé une carte.
reminders-unavailable = Désolé, je n'arrive pas à consulter vos rappels pour le moment. Réessayez plus tard.
reminders-none = Vous n'avez aucun rappel de programme.
reminders-item = { $show }, { $when }
reminders-item-unknown = un programme qui n'est plus au programme
reminders-list = { $count ->
    [one] Vous avez un rappel : { $shows }.
   *[other] Vous avez { $count } rappels : { $shows }.
}
reminder-none-to-cancel = Vous n'avez aucun rappel pour le programme { $name }.
reminder-cancelled = { $count ->
    [one] D'accord, j'ai annulé votre rappel pour le programme { $name }.
   *[other] D'accord, j'ai annulé vos { $count } rappels pour le programme { $name }.
}
## Favoris
follow-done = C'est fait : vous suivez { $name }. Dès que c'est en direct, je vous enverrai une notification.
follow-already = Vous suivez déjà { $name }.
follow-full = Vous suivez déjà { $count } stations, artistes et émissions, le maximum que je peux garder. Pour faire de la place, dites : ne plus suivre, et un nom.
follow-which = Quelle station, quel artiste ou quelle émission voulez-vous suivre ?
follow-reprompt = Par exemple, dites : suis { $example }.
follow-not-found = Je ne trouve pas { $name } dans la programmation, je ne peux donc pas encore le suivre.
follow-ambiguous = J'en ai trouvé plusieurs : { $choices }. Dites suis, et le nom complet.
unfollow-done = D'accord, vous ne suivez plus { $name }.
unfollow-not-following = Vous ne suivez pas { $name }.
unfollow-which = Lequel voulez-vous ne plus suivre ? Vous suivez { $names }.
unfollow-which-reprompt = Lequel voulez-vous ne plus suivre ?
follows-none = Vous ne suivez encore personne. Pour savoir quand une émission passe en direct, dites : suis { $example }.
follows-list = { $count ->
    [one] Vous suivez { $names }.
   *[other] Vous suivez { $count } favoris : { $names }.
}
favourites-live = Parmi vos favoris, en direct maintenant : { $shows }.
favourites-none-live = Aucun de vos favoris n'est en direct en ce moment.
favourites-next = Prochain de vos favoris : { $show }, { $when }.
favourites-nothing = Aucun de vos favoris n'est programmé dans les prochains jours.
play-favourites-next = Aucun de vos favoris n'est en direct en ce moment. Prochain : { $show }, { $when }.
favourites-unavailable = Désolé, je n'arrive pas à consulter vos favoris pour le moment. Réessayez plus tard.
welcome-followed-live = Bon retour. { $show } est en direct. Voulez-vous l'écouter ?
welcome-followed-live-reprompt = Voulez-vous écouter { $show } ?
