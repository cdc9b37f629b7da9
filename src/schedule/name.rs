//! Spoken-name normalization: how "The Sigur Lóa" and "sigur loa" come to mean the same source.

/// Leading articles dropped from a name, for the languages the skill targets (en, it, de, es, fr).
///
/// Elided forms (`l'`, `gli`) appear as their own word once apostrophes become spaces.
const LEADING_ARTICLES: &[&str] = &[
    "the", // en
    "il", "lo", "la", "i", "gli", "le", "l", // it, fr (la, le, l shared)
    "der", "die", "das", // de
    "el", "los", "las", // es
    "les", // fr
];

/// Words a listener adds around a name that are not part of it ("Jazz Cafe *live*", "KEXP *radio*").
///
/// Used only as a second try when the name as said matches nothing, so a source really called "Radio Uno" still
/// matches "radio uno" first.
const TRAILING_NOISE: &[&str] = &[
    "live",
    "show",
    "stream",
    "radio",
    "station",
    "channel",
    "concert",
    "podcast",
    "program",
    "programme",
];
/// Words a listener puts before a name ("*live* bass and beats").
const LEADING_NOISE: &[&str] = &["live"];

/// The canonical form of a spoken or written name, used to compare names.
///
/// Lowercase ASCII words separated by one space: accents folded (`Sigur Rós` → `sigur ros`), `&` read as "and",
/// apostrophes and other punctuation turned into spaces, and leading articles dropped while a word remains after
/// them (`The Night Owls` → `night owls`, `L'Orchestra` → `orchestra`). Normalizing a normalized name changes
/// nothing. An empty result means the name has nothing a listener could say.
#[must_use]
pub fn normalize_name(name: &str) -> String {
    let folded = deunicode::deunicode(name)
        .to_lowercase()
        .replace('&', " and ");
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    drop_leading_article(&words).join(" ")
}

/// Drops leading articles while a word remains after them, so normalizing twice changes nothing
/// ("La La Land" → "land", and "land" stays "land").
fn drop_leading_article<'w, 'a>(mut words: &'w [&'a str]) -> &'w [&'a str] {
    while let [first, rest @ ..] = words
        && !rest.is_empty()
        && LEADING_ARTICLES.contains(first)
    {
        words = rest;
    }
    words
}

/// The key of the source named `name`: its normalized form with spaces as hyphens ("Radio Uno" → `radio-uno`,
/// "Bass & Beats" → `bass-and-beats`, "Café Olé" → `cafe-ole`).
///
/// The same key is the entity id the skill gives Alexa for that name, so it comes back in slot resolutions.
#[must_use]
pub fn source_key(name: &str) -> String {
    slug_of_normalized(&normalize_name(name))
}

pub(super) fn slug_of_normalized(normalized: &str) -> String {
    normalized.replace(' ', "-")
}

/// `normalized` without the noise words a listener adds around a name, or `None` when there are none to drop
/// (or dropping them would leave nothing).
pub(super) fn without_noise(normalized: &str) -> Option<String> {
    let words: Vec<&str> = normalized.split(' ').collect();
    let mut core = words.as_slice();
    while let [rest @ .., last] = core
        && !rest.is_empty()
        && TRAILING_NOISE.contains(last)
    {
        core = rest;
    }
    while let [first, rest @ ..] = core
        && !rest.is_empty()
        && LEADING_NOISE.contains(first)
    {
        core = rest;
    }
    let core = drop_leading_article(core);
    (core.len() < words.len()).then(|| core.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_punctuation_and_articles() {
        for (name, normalized) in [
            ("Radio Uno", "radio uno"),
            ("  Sigur   Rós ", "sigur ros"),
            ("Café Olé!", "cafe ole"),
            ("Bass & Beats", "bass and beats"),
            ("Bass&Beats", "bass and beats"),
            ("The Night Owls", "night owls"),
            ("the KEXP", "kexp"),
            ("L'Orchestra di Roma", "orchestra di roma"),
            ("Il Volo", "volo"),
            ("Die Ärzte", "arzte"),
            ("Los Gitanos del Sur", "gitanos del sur"),
            ("Les Nuits", "nuits"),
            ("Joe's Jazz-Bar", "joe s jazz bar"),
            ("The", "the"),
            ("The The", "the"),
            ("La La Land", "land"),
            ("¡¿!", ""),
        ] {
            assert_eq!(normalize_name(name), normalized, "{name}");
        }
    }

    #[test]
    fn keys_are_slugs_of_the_normalized_name() {
        assert_eq!(source_key("Radio Uno"), "radio-uno");
        assert_eq!(source_key("Sigur Rós"), "sigur-ros");
        assert_eq!(source_key("Bass & Beats"), "bass-and-beats");
        assert_eq!(source_key("Café Olé"), "cafe-ole");
        assert_eq!(source_key("The Morning Desk"), "morning-desk");
    }

    #[test]
    fn noise_words_are_dropped_only_around_a_remaining_name() {
        assert_eq!(
            without_noise("jazz cafe live").as_deref(),
            Some("jazz cafe")
        );
        assert_eq!(without_noise("kexp radio").as_deref(), Some("kexp"));
        assert_eq!(
            without_noise("live the night owls show").as_deref(),
            Some("night owls")
        );
        assert_eq!(without_noise("radio uno"), None);
        assert_eq!(without_noise("live"), None);
        assert_eq!(without_noise("live show"), Some("live".to_owned()));
    }

    proptest::proptest! {
        #[test]
        fn normalizing_twice_changes_nothing(name in "\\PC{0,40}") {
            let once = normalize_name(&name);
            proptest::prop_assert_eq!(normalize_name(&once), once);
        }

        #[test]
        fn keys_are_lowercase_slugs(name in "\\PC{0,40}") {
            let key = source_key(&name);
            proptest::prop_assert!(key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
            proptest::prop_assert!(!key.starts_with('-') && !key.ends_with('-') && !key.contains("--"));
        }
    }
}

/// Numbers as listeners say them and names write them ("radio three", "hot ninety seven", "radio tre"), for
/// matching a spoken name against "BBC Radio 3" or "Hot 97". Units and teens are shared across the languages onair
/// speaks where the word is unambiguous; English tens combine with a following unit.
const NUMBER_WORDS: &[(&str, u32)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("due", 2),
    ("tre", 3),
    ("quattro", 4),
    ("cinque", 5),
    ("zwei", 2),
    ("drei", 3),
    ("vier", 4),
    ("funf", 5),
    ("dos", 2),
    ("tres", 3),
    ("cuatro", 4),
    ("cinco", 5),
    ("deux", 2),
    ("trois", 3),
    ("quatre", 4),
    ("cinq", 5),
];

/// `normalized` with spoken numbers written as digits ("bbc radio three" → "bbc radio 3", "hot ninety seven" →
/// "hot 97"), or `None` when it has none.
pub(super) fn with_digits(normalized: &str) -> Option<String> {
    let value = |word: &str| {
        NUMBER_WORDS
            .iter()
            .find(|(spelled, _)| *spelled == word)
            .map(|(_, n)| *n)
    };
    let words: Vec<&str> = normalized.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut changed = false;
    let mut i = 0;
    while i < words.len() {
        match value(words[i]) {
            Some(tens) if tens >= 20 && tens % 10 == 0 => {
                let unit = words.get(i + 1).and_then(|w| value(w)).filter(|u| *u < 10);
                out.push((tens + unit.unwrap_or(0)).to_string());
                i += if unit.is_some() { 2 } else { 1 };
                changed = true;
            }
            Some(n) => {
                out.push(n.to_string());
                i += 1;
                changed = true;
            }
            None => {
                out.push(words[i].to_owned());
                i += 1;
            }
        }
    }
    changed.then(|| out.join(" "))
}

#[cfg(test)]
mod number_tests {
    use super::with_digits;

    #[test]
    fn spoken_numbers_become_digits() {
        assert_eq!(
            with_digits("bbc radio three").as_deref(),
            Some("bbc radio 3")
        );
        assert_eq!(with_digits("hot ninety seven").as_deref(), Some("hot 97"));
        assert_eq!(with_digits("radio tre").as_deref(), Some("radio 3"));
        assert_eq!(
            with_digits("power one o five").as_deref(),
            Some("power 1 o 5")
        );
        assert_eq!(with_digits("sera uno"), None);
    }
}
