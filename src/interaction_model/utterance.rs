//! Turning typed text into the words Alexa would have heard: normalization and the invocation phrase around a request.

/// The words around a request that belong to Alexa, not to the skill, for one locale.
#[derive(Debug)]
pub(crate) struct InvocationWords {
    /// Words that wake the device ("alexa"); a user typing them is quoting what they would say.
    wake_words: &'static [&'static str],
    /// Verbs that open a skill by name: "ask on air live …", "open on air live", "chiedi a on air live …".
    launch_verbs: &'static [&'static str],
    /// Prepositions some languages put between the verb and the name: "chiedi *a* on air live", "demande *à* …".
    launch_prepositions: &'static [&'static str],
    /// Words between the invocation name and the request: "ask on air live *to* play …".
    connectors: &'static [&'static str],
    /// Connectors that only follow one verb, because after others they start the request: Spanish "pide a … *que*
    /// ponga …" drops "que", "pregunta a … qué hay" keeps it.
    verb_connectors: &'static [(&'static str, &'static str)],
    /// Words before a trailing invocation name: "play radio uno *using* on air live".
    suffix_connectors: &'static [&'static str],
    /// Politeness and request openers that Alexa drops before matching samples, one or more words ("per favore",
    /// "can you"), at either end: people say them around any request, and Alexa's statistical matching does not
    /// need a sample for each. Openers are only those followed by a form samples already have ("can you play …" is
    /// "play …"; "puoi mettere …" is "mettere …").
    fillers: &'static [&'static str],
    /// Hesitations ("um", "ehm", "euh"), dropped wherever they fall: speech recognition leaves them out of the
    /// transcript, so "play, um, radio uno" reaches the skill as "play radio uno". None is a word of the language.
    hesitations: &'static [&'static str],
    /// Leading articles that spoken names carry or drop at will ("the night owls" / "night owls").
    pub(crate) articles: &'static [&'static str],
    /// Elided words and their full form: French "d'Aurora" is "de" + "Aurora" to a sample saying "de {source}".
    elisions: &'static [(&'static str, &'static str)],
}

/// Wake words are the same in every locale.
const WAKE_WORDS: &[&str] = &["alexa", "amazon", "echo", "computer", "ziggy"];

const EN: InvocationWords = InvocationWords {
    wake_words: WAKE_WORDS,
    launch_verbs: &[
        "ask", "tell", "open", "launch", "start", "begin", "load", "use", "run", "play",
    ],
    launch_prepositions: &[],
    connectors: &["to", "and", "for", "that", "if", "whether", "about"],
    verb_connectors: &[],
    suffix_connectors: &["using", "with", "on", "from"],
    fillers: &[
        "please",
        "thanks",
        "thank you",
        "can you",
        "could you",
        "would you",
        "will you",
    ],
    hesitations: &["um", "umm", "uh", "uhm", "erm", "er", "hmm"],
    articles: &["the", "a", "an"],
    elisions: &[],
};

const IT: InvocationWords = InvocationWords {
    wake_words: WAKE_WORDS,
    launch_verbs: &[
        "chiedi", "domanda", "apri", "avvia", "lancia", "usa", "di", "dici", "metti", "chiedere",
        "aprire",
    ],
    launch_prepositions: &["a", "ad"],
    connectors: &["di", "e", "per"],
    verb_connectors: &[("chiedi", "se"), ("domanda", "se")],
    suffix_connectors: &["su", "con", "da", "tramite", "usando"],
    fillers: &[
        "per favore",
        "per piacere",
        "grazie",
        "allora",
        "mi puoi",
        "puoi",
        "potresti",
    ],
    hesitations: &["ehm", "mmh", "uhm"],
    articles: &["il", "lo", "la", "i", "gli", "le", "un", "una"],
    elisions: &[("dell'", "del"), ("d'", "di")],
};

const DE: InvocationWords = InvocationWords {
    wake_words: WAKE_WORDS,
    launch_verbs: &[
        "frag", "frage", "offne", "starte", "start", "sag", "sage", "spiel", "spiele", "lade",
        "benutze", "nutze",
    ],
    launch_prepositions: &[],
    connectors: &["und", "nach", "ob", "dass"],
    verb_connectors: &[],
    suffix_connectors: &["auf", "mit", "bei", "uber", "von"],
    fillers: &[
        "bitte",
        "danke",
        "also",
        "kannst du",
        "konntest du",
        "wurdest du",
    ],
    hesitations: &["ahm", "ah", "hm", "hmm"],
    articles: &["der", "die", "das", "den", "dem", "ein", "eine", "einen"],
    elisions: &[],
};

const ES: InvocationWords = InvocationWords {
    wake_words: WAKE_WORDS,
    launch_verbs: &[
        "pide",
        "pidele",
        "pregunta",
        "preguntale",
        "dile",
        "di",
        "abre",
        "inicia",
        "empieza",
        "lanza",
        "usa",
        "pon",
        "abrir",
    ],
    launch_prepositions: &["a"],
    connectors: &["y", "para"],
    verb_connectors: &[
        ("pide", "que"),
        ("pidele", "que"),
        ("dile", "que"),
        ("di", "que"),
        ("pregunta", "si"),
        ("preguntale", "si"),
    ],
    suffix_connectors: &["en", "con", "desde", "usando"],
    fillers: &["por favor", "gracias", "oye", "puedes", "me puedes"],
    hesitations: &["eh", "em", "ehm", "mmm"],
    articles: &["el", "la", "los", "las", "un", "una"],
    elisions: &[],
};

const FR: InvocationWords = InvocationWords {
    wake_words: WAKE_WORDS,
    launch_verbs: &[
        "demande", "demandez", "ouvre", "ouvrez", "lance", "lancez", "dis", "dites", "demarre",
        "utilise", "joue", "mets",
    ],
    launch_prepositions: &["a", "au"],
    connectors: &["de", "et", "pour"],
    verb_connectors: &[("demande", "si"), ("demandez", "si")],
    suffix_connectors: &["sur", "avec", "via", "depuis"],
    fillers: &[
        "s'il te plait",
        "s'il vous plait",
        "merci",
        "stp",
        "est ce que tu peux",
        "est ce que vous pouvez",
        "tu peux",
        "vous pouvez",
        "peux tu",
        "tu pourrais",
    ],
    hesitations: &["euh", "heu", "hum", "bah"],
    articles: &["le", "la", "les", "un", "une"],
    elisions: &[("d'", "de")],
};

impl InvocationWords {
    /// The table for `locale` (by language: en-GB and en-AU share English, fr-CA French), or `None` when the
    /// language is not supported yet.
    pub(crate) fn for_locale(locale: &str) -> Option<&'static Self> {
        super::by_language(locale, [&EN, &IT, &DE, &ES, &FR])
    }

    /// A sample utterance in the form utterances are matched in: elisions written out, and politeness at either
    /// end dropped as it is from what the user says, or "the {position} please" could never match.
    pub(crate) fn sample_form(&self, sample: &str) -> String {
        let mut tokens: Vec<String> = self
            .expand_elisions(sample)
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        self.drop_fillers(&mut tokens);
        tokens.join(" ")
    }

    /// Writes elided words out in full ("mets le live d'aurora" → "mets le live de aurora"), so that a sample's
    /// "de {source}" matches a name starting with a vowel. Samples, built-in phrases, names and utterances all go
    /// through it, so they stay comparable.
    pub(crate) fn expand_elisions(&self, text: &str) -> String {
        if self.elisions.is_empty() {
            return text.to_owned();
        }
        text.split_whitespace()
            .map(|word| {
                self.elisions
                    .iter()
                    .find_map(|(elided, full)| {
                        word.strip_prefix(elided)
                            .filter(|rest| !rest.is_empty())
                            .map(|rest| format!("{full} {rest}"))
                    })
                    .unwrap_or_else(|| word.to_owned())
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// An utterance reduced to what the skill's model has to match.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Request {
    /// Only the skill was named ("alexa, open on air live"): a `LaunchRequest`, not an intent.
    Launch,
    /// The words addressed to the skill, normalized.
    Words(Vec<String>),
}

/// Lowercase, accents folded, `&` spoken as "and", punctuation other than apostrophes dropped, single spaces.
///
/// Hyphens between digits stay, so an ISO date typed as `2026-11-21` remains one word.
pub(crate) fn normalize(text: &str) -> String {
    let folded = deunicode::deunicode(text).to_lowercase();
    let chars: Vec<char> = folded.chars().collect();
    let mut out = String::with_capacity(folded.len());
    for (i, &c) in chars.iter().enumerate() {
        let between_digits = |i: usize| {
            i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit)
        };
        match c {
            c if c.is_alphanumeric() || c == '\'' => out.push(c),
            '-' if between_digits(i) => out.push(c),
            '&' => out.push_str(" and "),
            _ => out.push(' '),
        }
    }
    out.split_whitespace()
        .map(|word| word.trim_matches('\''))
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The form two words are compared in: apostrophes are dropped, since people type "whats" as often as "what's".
pub(crate) fn match_key(word: &str) -> String {
    word.chars().filter(|&c| c != '\'').collect()
}

/// The form a spoken name is compared in: normalized, apostrophes and a leading article dropped.
pub(crate) fn name_key(name: &str, words: &InvocationWords) -> String {
    let normalized = match_key(&words.expand_elisions(&normalize(name)));
    let mut parts: Vec<&str> = normalized.split(' ').collect();
    if parts.len() > 1 && words.articles.contains(&parts[0]) {
        parts.remove(0);
    }
    parts.join(" ")
}

impl InvocationWords {
    /// Splits `text` into the request for the skill, dropping a wake word, an invocation phrase ("ask on air live
    /// to", "chiedi a on air live di", "… using on air live") and politeness.
    pub(crate) fn request(&self, text: &str, invocation_name: &str) -> Request {
        let normalized = self.expand_elisions(&normalize(text));
        let mut words: Vec<String> = normalized.split_whitespace().map(str::to_owned).collect();
        let invocation: Vec<String> = normalize(invocation_name)
            .split_whitespace()
            .map(match_key)
            .collect();
        let keys = |words: &[String]| words.iter().map(|w| match_key(w)).collect::<Vec<_>>();

        if words
            .first()
            .is_some_and(|w| self.wake_words.contains(&w.as_str()))
        {
            words.remove(0);
        }
        self.drop_fillers(&mut words);

        let key_words = keys(&words);
        if let Some(name_ends) = self.named_at_start(&key_words, &invocation) {
            let verb = key_words[0].as_str();
            words.drain(..name_ends);
            if words.is_empty() {
                return Request::Launch;
            }
            let next = match_key(&words[0]);
            if self.connectors.contains(&next.as_str())
                || self.verb_connectors.contains(&(verb, next.as_str()))
            {
                words.remove(0);
            }
        } else if !invocation.is_empty() && key_words.ends_with(&invocation) {
            let before = key_words.len() - invocation.len();
            if before == 0 {
                // "alexa, on air live": the name alone opens the skill.
                return Request::Launch;
            }
            if self
                .suffix_connectors
                .contains(&key_words[before - 1].as_str())
            {
                words.truncate(before - 1);
            }
        }
        self.drop_fillers(&mut words);
        Request::Words(words)
    }

    /// Where the invocation name ends when the words open with a launch verb, an optional preposition and the
    /// name ("ask on air live", "chiedi a on air live"), or `None`.
    fn named_at_start(&self, key_words: &[String], invocation: &[String]) -> Option<usize> {
        let verb = key_words.first()?;
        if invocation.is_empty() || !self.launch_verbs.contains(&verb.as_str()) {
            return None;
        }
        let named_from = |start: usize| {
            key_words
                .get(start..start + invocation.len())
                .is_some_and(|name| name == invocation)
                .then_some(start + invocation.len())
        };
        named_from(1).or_else(|| {
            key_words
                .get(1)
                .filter(|word| self.launch_prepositions.contains(&word.as_str()))
                .and_then(|_| named_from(2))
        })
    }

    /// Drops fillers ("please", "per favore") at either end, however many there are, and hesitations anywhere.
    fn drop_fillers(&self, words: &mut Vec<String>) {
        words.retain(|word| !self.hesitations.contains(&match_key(word).as_str()));
        loop {
            let keys: Vec<String> = words.iter().map(|w| match_key(w)).collect();
            let found = self.fillers.iter().find_map(|filler| {
                let filler: Vec<String> = filler.split(' ').map(match_key).collect();
                if keys.starts_with(&filler) {
                    Some(0..filler.len())
                } else if keys.ends_with(&filler) {
                    Some(keys.len() - filler.len()..keys.len())
                } else {
                    None
                }
            });
            match found {
                Some(range) => {
                    words.drain(range);
                }
                None => return,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Request {
        EN.request(text, "on air live")
    }

    fn said(text: &str) -> Request {
        Request::Words(text.split_whitespace().map(str::to_owned).collect())
    }

    #[test]
    fn normalization_folds_case_accents_and_punctuation() {
        assert_eq!(normalize("  Play Café Olé, NOW!  "), "play cafe ole now");
        assert_eq!(normalize("What’s on?"), "what's on");
        assert_eq!(normalize("Bass & Beats"), "bass and beats");
        assert_eq!(normalize("play 'radio uno'"), "play radio uno");
        assert_eq!(
            normalize("from 2026-11-21 on-air"),
            "from 2026-11-21 on air"
        );
    }

    #[test]
    fn names_compare_without_articles_or_apostrophes() {
        assert_eq!(name_key("The Night Owls", &EN), "night owls");
        assert_eq!(name_key("Luca's Corner", &EN), "lucas corner");
        // A name that is only an article keeps it, or nothing would be left to match.
        assert_eq!(name_key("The", &EN), "the");
    }

    #[test]
    fn invocation_phrases_are_stripped() {
        assert_eq!(
            words("Alexa, ask on air live to play radio uno"),
            said("play radio uno")
        );
        assert_eq!(words("tell on air live to stop"), said("stop"));
        assert_eq!(words("ask On Air Live what's on"), said("what's on"));
        assert_eq!(
            words("open on air live and play something live"),
            said("play something live")
        );
        assert_eq!(
            words("play radio uno using on air live"),
            said("play radio uno")
        );
        assert_eq!(words("play radio uno please"), said("play radio uno"));
        assert_eq!(
            words("um, can you play, uh, radio uno please"),
            said("play radio uno")
        );
    }

    #[test]
    fn naming_only_the_skill_is_a_launch() {
        assert_eq!(words("Alexa, open on air live"), Request::Launch);
        assert_eq!(words("launch on air live"), Request::Launch);
        assert_eq!(words("alexa on air live"), Request::Launch);
    }

    #[test]
    fn the_invocation_name_inside_a_request_stays() {
        // "live" alone is not the invocation name.
        assert_eq!(words("play something live"), said("play something live"));
        assert_eq!(
            words("play the live show from radio uno"),
            said("play the live show from radio uno")
        );
    }

    #[test]
    fn other_languages_name_the_skill_with_a_preposition_and_a_connector() {
        let said_in = |locale: &str, text: &str| {
            InvocationWords::for_locale(locale)
                .unwrap()
                .request(text, "on air live")
        };
        assert_eq!(
            said_in(
                "it-IT",
                "Alexa, chiedi a on air live di mettere radio uno per favore"
            ),
            said("mettere radio uno")
        );
        assert_eq!(
            said_in("es-ES", "pide a on air live que ponga radio uno"),
            said("ponga radio uno")
        );
        // After "pregunta", "qué" starts the question and stays.
        assert_eq!(
            said_in("es-ES", "pregunta a on air live qué hay"),
            said("que hay")
        );
        assert_eq!(
            said_in(
                "fr-FR",
                "demande à on air live de mettre le live d'Élodie Marchand"
            ),
            said("mettre le live de elodie marchand")
        );
        assert_eq!(said_in("de-DE", "Öffne On Air Live"), Request::Launch);
        assert_eq!(
            said_in("de-DE", "spiel radio uno auf on air live bitte"),
            said("spiel radio uno")
        );
    }

    #[test]
    fn samples_drop_politeness_as_utterances_do() {
        assert_eq!(EN.sample_form("the {position} please"), "the {position}");
        let french = InvocationWords::for_locale("fr-FR").unwrap();
        assert_eq!(
            french.sample_form("mets d'abord {source} s'il te plait"),
            "mets de abord {source}"
        );
    }
}
