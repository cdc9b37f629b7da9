//! Turning typed text into the words Alexa would have heard: normalization and the invocation phrase around a request.

/// The words around a request that belong to Alexa, not to the skill, for one locale.
#[derive(Debug)]
pub(crate) struct InvocationWords {
    /// Words that wake the device ("alexa"); a user typing them is quoting what they would say.
    wake_words: &'static [&'static str],
    /// Verbs that open a skill by name: "ask on air live …", "open on air live".
    launch_verbs: &'static [&'static str],
    /// Words between the invocation name and the request: "ask on air live *to* play …".
    connectors: &'static [&'static str],
    /// Words before a trailing invocation name: "play radio uno *using* on air live".
    suffix_connectors: &'static [&'static str],
    /// Politeness that Alexa drops before matching samples.
    fillers: &'static [&'static str],
    /// Leading articles that spoken names carry or drop at will ("the night owls" / "night owls").
    pub(crate) articles: &'static [&'static str],
}

const EN: InvocationWords = InvocationWords {
    wake_words: &["alexa", "amazon", "echo", "computer", "ziggy"],
    launch_verbs: &[
        "ask", "tell", "open", "launch", "start", "begin", "load", "use", "run", "play",
    ],
    connectors: &["to", "and", "for", "that", "if", "whether", "about"],
    suffix_connectors: &["using", "with", "on", "from"],
    fillers: &["please"],
    articles: &["the", "a", "an"],
};

impl InvocationWords {
    /// The table for `locale`, or `None` when the locale is not supported yet.
    pub(crate) fn for_locale(locale: &str) -> Option<&'static Self> {
        match locale {
            "en-US" | "en-GB" | "en-CA" | "en-AU" | "en-IN" => Some(&EN),
            _ => None,
        }
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
    let normalized = match_key(&normalize(name));
    let mut parts: Vec<&str> = normalized.split(' ').collect();
    if parts.len() > 1 && words.articles.contains(&parts[0]) {
        parts.remove(0);
    }
    parts.join(" ")
}

impl InvocationWords {
    /// Splits `text` into the request for the skill, dropping a wake word, an invocation phrase ("ask on air live
    /// to", "… using on air live") and politeness.
    pub(crate) fn request(&self, text: &str, invocation_name: &str) -> Request {
        let normalized = normalize(text);
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
        let named_at_start = key_words.len() > invocation.len()
            && self.launch_verbs.contains(&key_words[0].as_str())
            && key_words[1..=invocation.len()] == invocation[..];
        if named_at_start {
            words.drain(..=invocation.len());
            if words.is_empty() {
                return Request::Launch;
            }
            if self.connectors.contains(&match_key(&words[0]).as_str()) {
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

    fn drop_fillers(&self, words: &mut Vec<String>) {
        while words
            .first()
            .is_some_and(|w| self.fillers.contains(&w.as_str()))
        {
            words.remove(0);
        }
        while words
            .last()
            .is_some_and(|w| self.fillers.contains(&w.as_str()))
        {
            words.pop();
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
}
