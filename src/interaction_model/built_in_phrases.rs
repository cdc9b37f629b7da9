//! What people say for Amazon's built-in intents, per locale.
//!
//! Built-in intents carry no samples in the model (Alexa trains them itself), so the offline NLU needs its own list.
//! It is a reasonable subset of what a device understands, not Amazon's list, which is not published.

/// The phrases that map to one built-in intent.
#[derive(Debug)]
pub struct BuiltInPhrases {
    /// The intent, e.g. `AMAZON.PauseIntent`.
    pub intent: &'static str,
    /// Normalized phrases (lowercase, no punctuation but apostrophes) that trigger it.
    pub phrases: &'static [&'static str],
}

const EN: &[BuiltInPhrases] = &[
    BuiltInPhrases {
        intent: "AMAZON.PauseIntent",
        phrases: &[
            "pause",
            "pause it",
            "pause the music",
            "pause the show",
            "pause playback",
            "hold on",
            "hold it",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.ResumeIntent",
        phrases: &[
            "resume",
            "continue",
            "unpause",
            "resume playback",
            "resume the show",
            "continue playing",
            "resume playing",
            "keep playing",
            "carry on",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.StopIntent",
        phrases: &[
            "stop",
            "stop it",
            "stop playing",
            "stop the music",
            "stop the show",
            "off",
            "turn it off",
            "shut up",
            "be quiet",
            "enough",
            "that's all",
            "quit",
            "exit",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.CancelIntent",
        phrases: &[
            "cancel",
            "cancel that",
            "never mind",
            "nevermind",
            "forget it",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.HelpIntent",
        phrases: &[
            "help",
            "help me",
            "what can i say",
            "what can you do",
            "how does this work",
            "i need help",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.NextIntent",
        phrases: &[
            "next",
            "skip",
            "skip this",
            "skip it",
            "next one",
            "next song",
            "next track",
            "play the next one",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.PreviousIntent",
        phrases: &[
            "previous",
            "go back",
            "back",
            "previous one",
            "previous song",
            "previous track",
            "play the last one",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.StartOverIntent",
        phrases: &[
            "start over",
            "restart",
            "start from the beginning",
            "play from the beginning",
            "from the top",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.LoopOnIntent",
        phrases: &[
            "loop",
            "loop on",
            "loop this",
            "turn on loop",
            "turn loop on",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.LoopOffIntent",
        phrases: &["loop off", "turn off loop", "turn loop off", "stop looping"],
    },
    BuiltInPhrases {
        intent: "AMAZON.ShuffleOnIntent",
        phrases: &[
            "shuffle",
            "shuffle on",
            "turn on shuffle",
            "turn shuffle on",
            "shuffle the music",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.ShuffleOffIntent",
        phrases: &[
            "shuffle off",
            "turn off shuffle",
            "turn shuffle off",
            "stop shuffling",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.RepeatIntent",
        phrases: &[
            "repeat",
            "repeat that",
            "say that again",
            "again",
            "come again",
            "what did you say",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.YesIntent",
        phrases: &[
            "yes",
            "yeah",
            "yep",
            "yup",
            "sure",
            "ok",
            "okay",
            "yes please",
            "of course",
            "yeah sure",
            "sure thing",
            "yes play it",
            "go ahead",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.NoIntent",
        phrases: &[
            "no",
            "nope",
            "nah",
            "no thanks",
            "no thank you",
            "not now",
            "no that's all",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.NavigateHomeIntent",
        phrases: &["go home", "home", "go to the home screen", "home screen"],
    },
];

const IT: &[BuiltInPhrases] = &[
    BuiltInPhrases {
        intent: "AMAZON.PauseIntent",
        phrases: &[
            "pausa",
            "metti in pausa",
            "metti pausa",
            "fermati un attimo",
            "aspetta",
            "sospendi",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.ResumeIntent",
        phrases: &[
            "riprendi",
            "continua",
            "riprendi la riproduzione",
            "riprendi l'ascolto",
            "riparti",
            "togli la pausa",
            "continua a suonare",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.StopIntent",
        phrases: &[
            "stop",
            "ferma",
            "fermati",
            "basta",
            "basta cosi",
            "smetti",
            "spegni",
            "silenzio",
            "stai zitta",
            "ferma la musica",
            "chiudi",
            "esci",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.CancelIntent",
        phrases: &[
            "annulla",
            "lascia stare",
            "lascia perdere",
            "non importa",
            "niente",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.HelpIntent",
        phrases: &[
            "aiuto",
            "aiutami",
            "cosa posso dire",
            "cosa sai fare",
            "come funziona",
            "ho bisogno di aiuto",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.NextIntent",
        phrases: &[
            "avanti",
            "prossimo",
            "successivo",
            "salta",
            "il prossimo",
            "la prossima",
            "prossima canzone",
            "prossimo brano",
            "vai avanti",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.PreviousIntent",
        phrases: &[
            "indietro",
            "precedente",
            "torna indietro",
            "il precedente",
            "canzone precedente",
            "brano precedente",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.StartOverIntent",
        phrases: &[
            "ricomincia",
            "ricomincia da capo",
            "dall'inizio",
            "ricomincia dall'inizio",
            "riparti dall'inizio",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.LoopOnIntent",
        phrases: &[
            "loop",
            "ripeti in loop",
            "attiva la ripetizione",
            "ripetizione attiva",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.LoopOffIntent",
        phrases: &[
            "disattiva la ripetizione",
            "togli il loop",
            "basta ripetere",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.ShuffleOnIntent",
        phrases: &[
            "riproduzione casuale",
            "attiva la riproduzione casuale",
            "ordine casuale",
            "mescola",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.ShuffleOffIntent",
        phrases: &[
            "disattiva la riproduzione casuale",
            "togli la riproduzione casuale",
            "ordine normale",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.RepeatIntent",
        phrases: &[
            "ripeti",
            "puoi ripetere",
            "ripetilo",
            "cosa hai detto",
            "come hai detto",
            "di nuovo",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.YesIntent",
        phrases: &[
            "si",
            "certo",
            "va bene",
            "ok",
            "okay",
            "d'accordo",
            "volentieri",
            "perche no",
            "esatto",
            "si dai",
            "si metti",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.NoIntent",
        phrases: &[
            "no",
            "non ora",
            "adesso no",
            "per niente",
            "no no",
            "no basta cosi",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.NavigateHomeIntent",
        phrases: &[
            "home",
            "vai alla home",
            "torna alla home",
            "schermata iniziale",
        ],
    },
];

const DE: &[BuiltInPhrases] = &[
    BuiltInPhrases {
        intent: "AMAZON.PauseIntent",
        phrases: &[
            "pause",
            "pausiere",
            "pausieren",
            "mach pause",
            "anhalten",
            "halt an",
            "warte",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.ResumeIntent",
        phrases: &[
            "fortsetzen",
            "setze fort",
            "mach weiter",
            "spiel weiter",
            "weiterspielen",
            "fortfahren",
            "wiedergabe fortsetzen",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.StopIntent",
        phrases: &[
            "stopp",
            "stop",
            "halt",
            "aus",
            "ausschalten",
            "hor auf",
            "aufhoren",
            "beenden",
            "sei still",
            "ruhe",
            "schluss",
            "das wars",
            "tschuss",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.CancelIntent",
        phrases: &["abbrechen", "vergiss es", "egal", "lass es", "abbruch"],
    },
    BuiltInPhrases {
        intent: "AMAZON.HelpIntent",
        phrases: &[
            "hilfe",
            "hilf mir",
            "was kann ich sagen",
            "was kannst du",
            "wie funktioniert das",
            "ich brauche hilfe",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.NextIntent",
        phrases: &[
            "weiter",
            "nachster",
            "nachstes",
            "nachste",
            "der nachste",
            "das nachste",
            "uberspringen",
            "nachster titel",
            "nachstes lied",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.PreviousIntent",
        phrases: &[
            "zuruck",
            "vorheriger",
            "vorheriges",
            "der vorherige",
            "vorheriger titel",
            "vorheriges lied",
            "geh zuruck",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.StartOverIntent",
        phrases: &[
            "von vorne",
            "neu starten",
            "von anfang an",
            "nochmal von vorne",
            "spiel von vorne",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.LoopOnIntent",
        phrases: &[
            "wiederholung an",
            "endlosschleife an",
            "schleife an",
            "in schleife",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.LoopOffIntent",
        phrases: &[
            "wiederholung aus",
            "endlosschleife aus",
            "schleife aus",
            "nicht mehr wiederholen",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.ShuffleOnIntent",
        phrases: &[
            "zufallswiedergabe",
            "zufallswiedergabe an",
            "zufallsmodus an",
            "mischen",
            "shuffle",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.ShuffleOffIntent",
        phrases: &[
            "zufallswiedergabe aus",
            "zufallsmodus aus",
            "shuffle aus",
            "nicht mehr mischen",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.RepeatIntent",
        phrases: &[
            "wiederhole",
            "wiederholen",
            "nochmal",
            "noch einmal",
            "sag das nochmal",
            "was hast du gesagt",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.YesIntent",
        phrases: &[
            "ja",
            "ja gerne",
            "gerne",
            "klar",
            "na klar",
            "okay",
            "ok",
            "sicher",
            "auf jeden fall",
            "genau",
            "mach das",
            "ja mach",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.NoIntent",
        phrases: &[
            "nein",
            "nee",
            "jetzt nicht",
            "lieber nicht",
            "auf keinen fall",
            "nein danke das wars",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.NavigateHomeIntent",
        phrases: &[
            "startseite",
            "zur startseite",
            "zum startbildschirm",
            "home",
        ],
    },
];

const ES: &[BuiltInPhrases] = &[
    BuiltInPhrases {
        intent: "AMAZON.PauseIntent",
        phrases: &[
            "pausa",
            "pon pausa",
            "pausar",
            "para un momento",
            "espera",
            "deten un momento",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.ResumeIntent",
        phrases: &[
            "continua",
            "continuar",
            "reanuda",
            "reanudar",
            "sigue",
            "sigue sonando",
            "quita la pausa",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.StopIntent",
        phrases: &[
            "para",
            "parar",
            "detente",
            "deten",
            "stop",
            "basta",
            "apaga",
            "callate",
            "silencio",
            "deja de sonar",
            "ya esta",
            "adios",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.CancelIntent",
        phrases: &[
            "cancela", "cancelar", "olvidalo", "da igual", "dejalo", "nada",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.HelpIntent",
        phrases: &[
            "ayuda",
            "ayudame",
            "que puedo decir",
            "que puedes hacer",
            "como funciona",
            "necesito ayuda",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.NextIntent",
        phrases: &[
            "siguiente",
            "la siguiente",
            "el siguiente",
            "salta",
            "saltar",
            "siguiente cancion",
            "siguiente pista",
            "pon la siguiente",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.PreviousIntent",
        phrases: &[
            "anterior",
            "la anterior",
            "el anterior",
            "atras",
            "vuelve atras",
            "cancion anterior",
            "pista anterior",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.StartOverIntent",
        phrases: &[
            "desde el principio",
            "empieza de nuevo",
            "vuelve a empezar",
            "desde el inicio",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.LoopOnIntent",
        phrases: &[
            "bucle",
            "pon en bucle",
            "repetir en bucle",
            "activa la repeticion",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.LoopOffIntent",
        phrases: &["desactiva la repeticion", "quita el bucle", "sin bucle"],
    },
    BuiltInPhrases {
        intent: "AMAZON.ShuffleOnIntent",
        phrases: &[
            "aleatorio",
            "modo aleatorio",
            "activa el modo aleatorio",
            "reproduccion aleatoria",
            "mezcla",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.ShuffleOffIntent",
        phrases: &[
            "desactiva el modo aleatorio",
            "quita el modo aleatorio",
            "orden normal",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.RepeatIntent",
        phrases: &[
            "repite",
            "repitelo",
            "puedes repetir",
            "que has dicho",
            "como",
            "otra vez",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.YesIntent",
        phrases: &[
            "si",
            "claro",
            "vale",
            "de acuerdo",
            "por supuesto",
            "venga",
            "dale",
            "ok",
            "okay",
            "si claro",
            "si ponlo",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.NoIntent",
        phrases: &[
            "no",
            "ahora no",
            "mejor no",
            "para nada",
            "de ninguna manera",
            "no nada",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.NavigateHomeIntent",
        phrases: &[
            "inicio",
            "ir al inicio",
            "vuelve al inicio",
            "pantalla de inicio",
        ],
    },
];

const FR: &[BuiltInPhrases] = &[
    BuiltInPhrases {
        intent: "AMAZON.PauseIntent",
        phrases: &["pause", "mets en pause", "fais pause", "attends"],
    },
    BuiltInPhrases {
        intent: "AMAZON.ResumeIntent",
        phrases: &[
            "reprends",
            "reprendre",
            "continue",
            "continuer",
            "reprends la lecture",
            "relance",
            "remets",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.StopIntent",
        phrases: &[
            "stop",
            "arrete",
            "arreter",
            "arrete toi",
            "tais toi",
            "silence",
            "ca suffit",
            "coupe",
            "eteins",
            "c'est tout",
            "au revoir",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.CancelIntent",
        phrases: &[
            "annule",
            "annuler",
            "laisse tomber",
            "oublie",
            "peu importe",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.HelpIntent",
        phrases: &[
            "aide",
            "aide moi",
            "qu'est ce que je peux dire",
            "que peux tu faire",
            "comment ca marche",
            "j'ai besoin d'aide",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.NextIntent",
        phrases: &[
            "suivant",
            "le suivant",
            "la suivante",
            "passe",
            "chanson suivante",
            "piste suivante",
            "morceau suivant",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.PreviousIntent",
        phrases: &[
            "precedent",
            "le precedent",
            "la precedente",
            "retour",
            "reviens en arriere",
            "chanson precedente",
            "piste precedente",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.StartOverIntent",
        phrases: &[
            "recommence",
            "recommencer",
            "depuis le debut",
            "reprends depuis le debut",
            "du debut",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.LoopOnIntent",
        phrases: &[
            "en boucle",
            "mets en boucle",
            "repete en boucle",
            "active la repetition",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.LoopOffIntent",
        phrases: &[
            "desactive la repetition",
            "arrete la boucle",
            "enleve la boucle",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.ShuffleOnIntent",
        phrases: &[
            "aleatoire",
            "lecture aleatoire",
            "active la lecture aleatoire",
            "mode aleatoire",
            "melange",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.ShuffleOffIntent",
        phrases: &[
            "desactive la lecture aleatoire",
            "arrete la lecture aleatoire",
            "lecture normale",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.RepeatIntent",
        phrases: &[
            "repete",
            "tu peux repeter",
            "pardon",
            "comment",
            "qu'est ce que tu as dit",
            "encore",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.YesIntent",
        phrases: &[
            "oui",
            "oui d'accord",
            "d'accord",
            "ok",
            "okay",
            "bien sur",
            "volontiers",
            "vas y",
            "ouais",
            "carrement",
            "oui vas y",
            "oui mets la",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.NoIntent",
        phrases: &[
            "non",
            "pas maintenant",
            "ca ira",
            "surtout pas",
            "nan",
            "non c'est bon",
        ],
    },
    BuiltInPhrases {
        intent: "AMAZON.NavigateHomeIntent",
        phrases: &[
            "accueil",
            "ecran d'accueil",
            "retour a l'accueil",
            "va a l'accueil",
        ],
    },
];

/// The built-in phrase table of `locale` (by language: en-GB shares English), or `None` when the language is not
/// supported yet.
///
/// Locales of one language share one table: Alexa's built-ins accept the same phrases in each.
#[must_use]
pub fn built_in_phrases(locale: &str) -> Option<&'static [BuiltInPhrases]> {
    super::by_language(locale, [EN, IT, DE, ES, FR])
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::interaction_model::utterance::normalize;

    #[test]
    fn every_phrase_is_normalized_and_maps_to_one_intent() {
        for tables in [EN, IT, DE, ES, FR] {
            let mut seen = BTreeMap::new();
            for table in tables {
                assert!(table.intent.starts_with("AMAZON."), "{}", table.intent);
                for phrase in table.phrases {
                    assert_eq!(&normalize(phrase), phrase, "phrases are stored normalized");
                    if let Some(other) = seen.insert(*phrase, table.intent) {
                        panic!("{phrase:?} maps to {other} and {}", table.intent);
                    }
                }
            }
        }
    }

    #[test]
    fn every_language_has_every_built_in() {
        let english: Vec<&str> = EN.iter().map(|table| table.intent).collect();
        for locale in [
            "en-US", "en-GB", "it-IT", "de-DE", "es-ES", "fr-FR", "fr-CA",
        ] {
            let table = built_in_phrases(locale).unwrap_or_else(|| panic!("{locale}"));
            let intents: Vec<&str> = table.iter().map(|table| table.intent).collect();
            assert_eq!(intents, english, "{locale}");
        }
        assert!(built_in_phrases("pt-BR").is_none());
    }
}
