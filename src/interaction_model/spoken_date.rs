//! Resolving what fills an `AMAZON.DATE` slot ("yesterday", "last friday", "november twenty first", "venerdì
//! scorso", "el veintidós de noviembre") to a date, and an `AMAZON.Ordinal` slot ("the second one") to a number.
//!
//! Follows Alexa's documented defaults: a date without a year, and a bare weekday, resolve to the first such day on
//! or after today; "last friday" is the most recent one before today. Words arrive normalized (lowercase, accents
//! folded: "venerdi", "ubermorgen"), so the tables are written that way.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// The date and ordinal words of one language.
#[derive(Debug)]
pub(crate) struct DateWords {
    /// Phrases a fixed number of days away from today.
    relative: &'static [(&'static str, i64)],
    /// Month names, January first.
    months: [&'static str; 12],
    /// Weekday names, Monday first.
    weekdays: [&'static str; 7],
    /// Words next to a weekday meaning "the coming one, today included".
    this: &'static [&'static str],
    /// Words next to a weekday meaning "the one before today" ("last friday", "venerdi scorso").
    last: &'static [&'static str],
    /// Words next to a weekday meaning "the one after today".
    next: &'static [&'static str],
    /// Words that may precede a date and carry no meaning ("on friday", "the twenty first", "il 21 novembre").
    leading: &'static [&'static str],
    /// The word between a day and its month ("the first *of* may", "el uno *de* mayo").
    of: &'static str,
    /// Reads a day of the month from its words.
    day_number: fn(&[&str]) -> Option<u32>,
    /// Ordinal words, first to tenth, every gender ("primo", "prima"); German adds its endings (below).
    ordinals: [&'static [&'static str]; 10],
    /// Endings an ordinal stem takes ("erst" + "e", "en", "er"…); `[""]` where the table holds whole words.
    ordinal_endings: &'static [&'static str],
    /// Letters that may follow digits in an ordinal or a day ("1st", "1o", "1er").
    digit_suffixes: &'static [&'static str],
    /// Cardinal words, one to ten, that an ordinal slot also takes: a listener picks "number three" or "option
    /// two" from a list as often as "the third one", and Alexa fills the ordinal slot with the number either way.
    /// Articles that double as "one" ("un", "ein") are left out where a sample could read them as an article.
    cardinals: [&'static [&'static str]; 10],
    /// The ending a possessive adds to the last word of a date, apostrophe dropped as in utterance words:
    /// English "yesterday's show", "friday's show", "last night's show"; empty where the language has none.
    possessive: &'static str,
}

const EN: DateWords = DateWords {
    relative: &[
        ("today", 0),
        ("tonight", 0),
        ("this morning", 0),
        ("this afternoon", 0),
        ("this evening", 0),
        ("yesterday", -1),
        ("last night", -1),
        ("yesterday evening", -1),
        ("the day before yesterday", -2),
        ("tomorrow", 1),
        ("tomorrow night", 1),
        ("the day after tomorrow", 2),
    ],
    months: [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ],
    weekdays: [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ],
    this: &["this", "on"],
    last: &["last", "past", "previous"],
    next: &["next", "coming"],
    leading: &["on", "the"],
    of: "of",
    day_number: english_day_number,
    ordinals: [
        &["first"],
        &["second"],
        &["third"],
        &["fourth"],
        &["fifth"],
        &["sixth"],
        &["seventh"],
        &["eighth"],
        &["ninth"],
        &["tenth"],
    ],
    ordinal_endings: &[""],
    digit_suffixes: ENGLISH_SUFFIXES,
    cardinals: [
        &["one"],
        &["two"],
        &["three"],
        &["four"],
        &["five"],
        &["six"],
        &["seven"],
        &["eight"],
        &["nine"],
        &["ten"],
    ],
    possessive: "s",
};

const IT: DateWords = DateWords {
    relative: &[
        ("oggi", 0),
        ("stasera", 0),
        ("stamattina", 0),
        ("stamani", 0),
        ("oggi pomeriggio", 0),
        ("questa sera", 0),
        ("questa mattina", 0),
        ("questo pomeriggio", 0),
        ("ieri", -1),
        ("ieri sera", -1),
        ("ieri mattina", -1),
        ("ieri pomeriggio", -1),
        ("l'altro ieri", -2),
        ("ieri l'altro", -2),
        ("altro ieri", -2),
        ("avantieri", -2),
        ("domani", 1),
        ("domani sera", 1),
        ("dopodomani", 2),
    ],
    months: [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    weekdays: [
        "lunedi",
        "martedi",
        "mercoledi",
        "giovedi",
        "venerdi",
        "sabato",
        "domenica",
    ],
    this: &["questo", "questa"],
    last: &["scorso", "scorsa"],
    next: &["prossimo", "prossima"],
    leading: &["il", "lo", "la", "di", "del", "della"],
    of: "di",
    day_number: italian_day_number,
    ordinals: [
        &["primo", "prima"],
        &["secondo", "seconda"],
        &["terzo", "terza"],
        &["quarto", "quarta"],
        &["quinto", "quinta"],
        &["sesto", "sesta"],
        &["settimo", "settima"],
        &["ottavo", "ottava"],
        &["nono", "nona"],
        &["decimo", "decima"],
    ],
    ordinal_endings: &[""],
    digit_suffixes: ITALIAN_SUFFIXES,
    cardinals: [
        &["uno", "una"],
        &["due"],
        &["tre"],
        &["quattro"],
        &["cinque"],
        &["sei"],
        &["sette"],
        &["otto"],
        &["nove"],
        &["dieci"],
    ],
    possessive: "",
};

const DE: DateWords = DateWords {
    relative: &[
        ("heute", 0),
        ("heute abend", 0),
        ("heute morgen", 0),
        ("heute fruh", 0),
        ("heute nachmittag", 0),
        ("gestern", -1),
        ("gestern abend", -1),
        ("gestern nachmittag", -1),
        ("vorgestern", -2),
        // The adjectives: "die gestrige Sendung", "die heutige Folge".
        ("heutige", 0),
        ("heutigen", 0),
        ("gestrige", -1),
        ("gestrigen", -1),
        ("vorgestrige", -2),
        ("vorgestrigen", -2),
        ("morgen", 1),
        ("morgen abend", 1),
        ("ubermorgen", 2),
    ],
    months: [
        "januar",
        "februar",
        "marz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
    ],
    weekdays: [
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
    ],
    this: &["diesen", "dieser", "diesem", "am"],
    last: &[
        "letzten",
        "letzter",
        "letztem",
        "vergangenen",
        "vergangener",
    ],
    next: &["nachsten", "nachster", "kommenden", "kommender"],
    leading: &["am", "den", "der", "vom", "von"],
    of: "",
    day_number: german_day_number,
    ordinals: [
        &["erst"],
        &["zweit"],
        &["dritt"],
        &["viert"],
        &["funft"],
        &["sechst"],
        &["siebt"],
        &["acht"],
        &["neunt"],
        &["zehnt"],
    ],
    ordinal_endings: GERMAN_ENDINGS,
    digit_suffixes: &[""],
    cardinals: [
        &["eins"],
        &["zwei"],
        &["drei"],
        &["vier"],
        &["funf"],
        &["sechs"],
        &["sieben"],
        &["acht"],
        &["neun"],
        &["zehn"],
    ],
    possessive: "",
};

const ES: DateWords = DateWords {
    relative: &[
        ("hoy", 0),
        ("esta noche", 0),
        ("esta manana", 0),
        ("esta tarde", 0),
        ("ayer", -1),
        ("anoche", -1),
        ("ayer por la noche", -1),
        ("ayer por la tarde", -1),
        ("anteayer", -2),
        ("antes de ayer", -2),
        ("antier", -2),
        ("manana", 1),
        ("manana por la noche", 1),
        ("pasado manana", 2),
    ],
    months: [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    weekdays: [
        "lunes",
        "martes",
        "miercoles",
        "jueves",
        "viernes",
        "sabado",
        "domingo",
    ],
    this: &["este", "esta"],
    last: &["pasado", "pasada"],
    next: &["proximo", "proxima"],
    leading: &["el", "del", "de", "la"],
    of: "de",
    day_number: spanish_day_number,
    ordinals: [
        &["primero", "primera", "primer"],
        &["segundo", "segunda"],
        &["tercero", "tercera", "tercer"],
        &["cuarto", "cuarta"],
        &["quinto", "quinta"],
        &["sexto", "sexta"],
        &["septimo", "septima"],
        &["octavo", "octava"],
        &["noveno", "novena"],
        &["decimo", "decima"],
    ],
    ordinal_endings: &[""],
    digit_suffixes: SPANISH_SUFFIXES,
    cardinals: [
        &["uno", "una"],
        &["dos"],
        &["tres"],
        &["cuatro"],
        &["cinco"],
        &["seis"],
        &["siete"],
        &["ocho"],
        &["nueve"],
        &["diez"],
    ],
    possessive: "",
};

const FR: DateWords = DateWords {
    relative: &[
        ("aujourd'hui", 0),
        ("ce soir", 0),
        ("ce matin", 0),
        ("cet apres midi", 0),
        ("hier", -1),
        ("hier soir", -1),
        ("hier apres midi", -1),
        ("avant hier", -2),
        ("demain", 1),
        ("demain soir", 1),
        ("apres demain", 2),
    ],
    months: [
        "janvier",
        "fevrier",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "aout",
        "septembre",
        "octobre",
        "novembre",
        "decembre",
    ],
    weekdays: [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ],
    this: &["ce"],
    last: &["dernier"],
    next: &["prochain"],
    leading: &["le", "du", "de"],
    of: "",
    day_number: french_day_number,
    ordinals: [
        &["premier", "premiere"],
        &["deuxieme", "second", "seconde"],
        &["troisieme"],
        &["quatrieme"],
        &["cinquieme"],
        &["sixieme"],
        &["septieme"],
        &["huitieme"],
        &["neuvieme"],
        &["dixieme"],
    ],
    ordinal_endings: &[""],
    digit_suffixes: FRENCH_SUFFIXES,
    cardinals: [
        &["un"],
        &["deux"],
        &["trois"],
        &["quatre"],
        &["cinq"],
        &["six"],
        &["sept"],
        &["huit"],
        &["neuf"],
        &["dix"],
    ],
    possessive: "",
};

const ENGLISH_SUFFIXES: &[&str] = &["", "st", "nd", "rd", "th"];
/// "1°" folds to "1deg", "1ª" to "1a".
const ITALIAN_SUFFIXES: &[&str] = &["", "deg", "o", "a"];
const SPANISH_SUFFIXES: &[&str] = &["", "o", "a"];
const FRENCH_SUFFIXES: &[&str] = &["", "er", "re", "e", "eme"];
/// German ordinals decline: "der erste", "den ersten", "am ersten", "ein erster", "ein erstes".
const GERMAN_ENDINGS: &[&str] = &["e", "en", "er", "es", "em"];

impl DateWords {
    /// The table for `locale` (by language), or `None` when the language is not supported yet.
    pub(crate) fn for_locale(locale: &str) -> Option<&'static Self> {
        super::by_language(locale, [&EN, &IT, &DE, &ES, &FR])
    }

    /// The date `words` name, seen from `today`, or `None` when they are not a date.
    pub(crate) fn resolve(&self, words: &[&str], today: NaiveDate) -> Option<NaiveDate> {
        self.resolve_plain(words, today).or_else(|| {
            // "yesterday's", "friday's": the date of a possessive, as in "play yesterday's radio uno".
            let (last, before) = words.split_last()?;
            let stem = last
                .strip_suffix(self.possessive)
                .filter(|stem| !self.possessive.is_empty() && !stem.is_empty())?;
            let mut plain = before.to_vec();
            plain.push(stem);
            self.resolve_plain(&plain, today)
        })
    }

    fn resolve_plain(&self, words: &[&str], today: NaiveDate) -> Option<NaiveDate> {
        let phrase = words.join(" ");
        // Utterance words arrive without apostrophes ("laltro ieri"); the table keeps them for readability.
        if let Some(&(_, offset)) = self
            .relative
            .iter()
            .find(|(text, _)| text.replace('\'', "") == phrase)
        {
            return today.checked_add_signed(chrono::Duration::days(offset));
        }
        if let [word] = words
            && let Ok(date) = NaiveDate::parse_from_str(word, "%Y-%m-%d")
        {
            return Some(date);
        }
        self.weekday(words, today)
            .or_else(|| self.month_day(words, today))
    }

    /// The number an `AMAZON.Ordinal` slot's words mean ("second", "seconda", "zweiten", "2nd"), as Alexa fills
    /// it: "first" arrives as `1`.
    pub(crate) fn ordinal(&self, words: &[&str]) -> Option<u32> {
        let [word] = words else {
            return None;
        };
        if let Some(number) = digits_with_suffix(word, self.digit_suffixes) {
            return (number > 0).then_some(number);
        }
        let position = self
            .ordinals
            .iter()
            .position(|forms| {
                forms.iter().any(|stem| {
                    self.ordinal_endings
                        .iter()
                        .any(|ending| word.strip_prefix(stem) == Some(ending))
                })
            })
            .or_else(|| self.cardinals.iter().position(|forms| forms.contains(word)))?;
        u32::try_from(position + 1).ok()
    }

    /// "last friday", "venerdi scorso", "el proximo viernes", "on friday": a weekday with at most one qualifier,
    /// before or after it.
    fn weekday(&self, words: &[&str], today: NaiveDate) -> Option<NaiveDate> {
        let words = self.without_leading(words);
        let at = words.iter().position(|word| self.weekdays.contains(word))?;
        let index = self.weekdays.iter().position(|day| *day == words[at])?;
        let weekday = Weekday::try_from(u8::try_from(index).ok()?).ok()?;
        let ahead = u64::from(
            (7 + weekday.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7,
        );
        let qualifier: Vec<&str> = words[..at]
            .iter()
            .chain(&words[at + 1..])
            .copied()
            .collect();
        match qualifier.as_slice() {
            [] => today.checked_add_days(Days::new(ahead)),
            [word] if self.this.contains(word) => today.checked_add_days(Days::new(ahead)),
            [word] if self.next.contains(word) => {
                today.checked_add_days(Days::new(if ahead == 0 { 7 } else { ahead }))
            }
            [word] if self.last.contains(word) => today.checked_sub_days(Days::new(7 - ahead % 7)),
            _ => None,
        }
    }

    fn without_leading<'w>(&self, mut words: &'w [&'w str]) -> &'w [&'w str] {
        while let [first, rest @ ..] = words
            && self.leading.contains(first)
        {
            words = rest;
        }
        words
    }

    /// "november twenty first", "november 21st 2026", "the twenty first of november", "21 november", "il 21
    /// novembre", "el 21 de noviembre de 2026", "am einundzwanzigsten november".
    fn month_day(&self, words: &[&str], today: NaiveDate) -> Option<NaiveDate> {
        let words = self.without_leading(words);
        let (year, words) = match words.split_last() {
            Some((last, rest)) if last.len() == 4 && last.chars().all(|c| c.is_ascii_digit()) => {
                let rest = match rest.split_last() {
                    Some((of, before)) if !self.of.is_empty() && *of == self.of => before,
                    _ => rest,
                };
                (Some(last.parse::<i32>().ok()?), rest)
            }
            _ => (None, words),
        };
        let month_at = words.iter().position(|word| self.months.contains(word))?;
        let month =
            u32::try_from(self.months.iter().position(|m| *m == words[month_at])?).ok()? + 1;
        let day_words: Vec<&str> = if month_at == 0 {
            words[1..]
                .iter()
                .copied()
                .filter(|w| !self.leading.contains(w))
                .collect()
        } else if month_at == words.len() - 1 {
            let before = &words[..month_at];
            before.strip_suffix(&[self.of]).unwrap_or(before).to_vec()
        } else {
            return None;
        };
        let day = (self.day_number)(&day_words)?;
        match year {
            Some(year) => NaiveDate::from_ymd_opt(year, month, day),
            None => {
                let this_year = NaiveDate::from_ymd_opt(today.year(), month, day);
                match this_year {
                    Some(date) if date >= today => Some(date),
                    _ => NaiveDate::from_ymd_opt(today.year() + 1, month, day),
                }
            }
        }
    }
}

/// "21", "21st", "1er": the number, when `word` is digits followed by one of `suffixes`.
fn digits_with_suffix(word: &str, suffixes: &[&str]) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    suffixes
        .contains(&&word[digits.len()..])
        .then(|| digits.parse().ok())
        .flatten()
}

/// A day of the month (1..=31) from a table of its spoken forms, index = day, or from digits.
fn day_from_table(words: &[&str], table: &[&str; 32], suffixes: &[&str]) -> Option<u32> {
    let day = match words {
        [word] => digits_with_suffix(word, suffixes),
        _ => None,
    }
    .or_else(|| {
        let phrase = words.join(" ");
        table
            .iter()
            .position(|name| *name == phrase)
            .and_then(|n| u32::try_from(n).ok())
    })?;
    (1..=31).contains(&day).then_some(day)
}

/// "21", "ventuno", "il primo (dicembre)".
fn italian_day_number(words: &[&str]) -> Option<u32> {
    const DAYS: [&str; 32] = [
        "zero",
        "uno",
        "due",
        "tre",
        "quattro",
        "cinque",
        "sei",
        "sette",
        "otto",
        "nove",
        "dieci",
        "undici",
        "dodici",
        "tredici",
        "quattordici",
        "quindici",
        "sedici",
        "diciassette",
        "diciotto",
        "diciannove",
        "venti",
        "ventuno",
        "ventidue",
        "ventitre",
        "ventiquattro",
        "venticinque",
        "ventisei",
        "ventisette",
        "ventotto",
        "ventinove",
        "trenta",
        "trentuno",
    ];
    if words == ["primo"] {
        return Some(1);
    }
    day_from_table(words, &DAYS, ITALIAN_SUFFIXES)
}

/// "21", "einundzwanzig", "(am) einundzwanzigsten".
fn german_day_number(words: &[&str]) -> Option<u32> {
    const DAYS: [&str; 32] = [
        "null",
        "eins",
        "zwei",
        "drei",
        "vier",
        "funf",
        "sechs",
        "sieben",
        "acht",
        "neun",
        "zehn",
        "elf",
        "zwolf",
        "dreizehn",
        "vierzehn",
        "funfzehn",
        "sechzehn",
        "siebzehn",
        "achtzehn",
        "neunzehn",
        "zwanzig",
        "einundzwanzig",
        "zweiundzwanzig",
        "dreiundzwanzig",
        "vierundzwanzig",
        "funfundzwanzig",
        "sechsundzwanzig",
        "siebenundzwanzig",
        "achtundzwanzig",
        "neunundzwanzig",
        "dreissig",
        "einunddreissig",
    ];
    if let Some(day) = day_from_table(words, &DAYS, &[""]) {
        return Some(day);
    }
    // Ordinals: 1–19 add "t" to the cardinal (with four irregular stems), 20 and up add "st"; then an ending.
    let [word] = words else {
        return None;
    };
    (1..=31u32).find(|&day| {
        let cardinal = DAYS[day as usize];
        let stem = match day {
            1 => "erst".to_owned(),
            3 => "dritt".to_owned(),
            7 => "siebt".to_owned(),
            8 => "acht".to_owned(),
            2 | 4..=6 | 9..=19 => format!("{cardinal}t"),
            _ => format!("{cardinal}st"),
        };
        word.strip_prefix(stem.as_str())
            .is_some_and(|ending| GERMAN_ENDINGS.contains(&ending))
    })
}

/// "21", "veintiuno", "treinta y uno", "(el) primero (de diciembre)".
fn spanish_day_number(words: &[&str]) -> Option<u32> {
    const DAYS: [&str; 32] = [
        "cero",
        "uno",
        "dos",
        "tres",
        "cuatro",
        "cinco",
        "seis",
        "siete",
        "ocho",
        "nueve",
        "diez",
        "once",
        "doce",
        "trece",
        "catorce",
        "quince",
        "dieciseis",
        "diecisiete",
        "dieciocho",
        "diecinueve",
        "veinte",
        "veintiuno",
        "veintidos",
        "veintitres",
        "veinticuatro",
        "veinticinco",
        "veintiseis",
        "veintisiete",
        "veintiocho",
        "veintinueve",
        "treinta",
        "treinta y uno",
    ];
    if matches!(words, ["primero" | "un"]) {
        return Some(1);
    }
    day_from_table(words, &DAYS, SPANISH_SUFFIXES)
}

/// "21", "vingt et un", "vingt deux" (the hyphen of "vingt-deux" is gone), "(le) premier (décembre)", "1er".
fn french_day_number(words: &[&str]) -> Option<u32> {
    const DAYS: [&str; 32] = [
        "zero",
        "un",
        "deux",
        "trois",
        "quatre",
        "cinq",
        "six",
        "sept",
        "huit",
        "neuf",
        "dix",
        "onze",
        "douze",
        "treize",
        "quatorze",
        "quinze",
        "seize",
        "dix sept",
        "dix huit",
        "dix neuf",
        "vingt",
        "vingt et un",
        "vingt deux",
        "vingt trois",
        "vingt quatre",
        "vingt cinq",
        "vingt six",
        "vingt sept",
        "vingt huit",
        "vingt neuf",
        "trente",
        "trente et un",
    ];
    if words == ["premier"] {
        return Some(1);
    }
    day_from_table(words, &DAYS, FRENCH_SUFFIXES)
}

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

const UNIT_ORDINALS: [&str; 20] = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];

/// "21", "21st", "twenty first", "twenty one", "thirtieth" → the day of the month (1..=31).
fn english_day_number(words: &[&str]) -> Option<u32> {
    let small = |word: &str| -> Option<u32> {
        let position = UNITS
            .iter()
            .position(|u| *u == word)
            .or_else(|| UNIT_ORDINALS.iter().position(|u| *u == word));
        position.and_then(|n| u32::try_from(n).ok())
    };
    let tens = |word: &str| match word {
        "twenty" | "twentieth" => Some(20),
        "thirty" | "thirtieth" => Some(30),
        _ => None,
    };
    let day = match words {
        [word] => {
            let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            if digits.is_empty() {
                small(word).or_else(|| tens(word))?
            } else {
                let suffix = &word[digits.len()..];
                if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
                    return None;
                }
                digits.parse().ok()?
            }
        }
        [ten, unit] => {
            let unit = small(unit).filter(|n| (1..=9).contains(n))?;
            matches!(*ten, "twenty" | "thirty").then_some(())?;
            tens(ten)? + unit
        }
        _ => return None,
    };
    (1..=31).contains(&day).then_some(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Sunday.
    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn resolve(text: &str) -> Option<String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        EN.resolve(&words, today()).map(|date| date.to_string())
    }

    #[test]
    fn relative_days() {
        assert_eq!(resolve("today").as_deref(), Some("2026-11-22"));
        assert_eq!(resolve("yesterday").as_deref(), Some("2026-11-21"));
        assert_eq!(
            resolve("the day before yesterday").as_deref(),
            Some("2026-11-20")
        );
        assert_eq!(resolve("tomorrow").as_deref(), Some("2026-11-23"));
    }

    #[test]
    fn a_bare_weekday_is_the_coming_one_and_last_is_the_past_one() {
        assert_eq!(resolve("friday").as_deref(), Some("2026-11-27"));
        assert_eq!(resolve("on friday").as_deref(), Some("2026-11-27"));
        assert_eq!(resolve("last friday").as_deref(), Some("2026-11-20"));
        // Today is a Sunday.
        assert_eq!(resolve("sunday").as_deref(), Some("2026-11-22"));
        assert_eq!(resolve("last sunday").as_deref(), Some("2026-11-15"));
        assert_eq!(resolve("next sunday").as_deref(), Some("2026-11-29"));
        assert_eq!(resolve("last monday").as_deref(), Some("2026-11-16"));
    }

    #[test]
    fn month_and_day_in_the_ways_people_say_them() {
        assert_eq!(
            resolve("november twenty second").as_deref(),
            Some("2026-11-22")
        );
        assert_eq!(
            resolve("november the twenty fifth").as_deref(),
            Some("2026-11-25")
        );
        assert_eq!(
            resolve("the thirtieth of november").as_deref(),
            Some("2026-11-30")
        );
        assert_eq!(resolve("december 3rd").as_deref(), Some("2026-12-03"));
        assert_eq!(resolve("1 december").as_deref(), Some("2026-12-01"));
        assert_eq!(resolve("november 21 2026").as_deref(), Some("2026-11-21"));
        assert_eq!(resolve("the first of june").as_deref(), Some("2027-06-01"));
        assert_eq!(resolve("2026-11-21").as_deref(), Some("2026-11-21"));
    }

    #[test]
    fn a_past_date_without_a_year_is_next_year_as_on_alexa() {
        assert_eq!(
            resolve("november twenty first").as_deref(),
            Some("2027-11-21")
        );
    }

    #[test]
    fn words_that_are_not_a_date() {
        for text in [
            "the moon",
            "radio uno",
            "february thirtieth",
            "november",
            "twenty",
            "fooday",
            "november 21xx",
        ] {
            assert_eq!(resolve(text), None, "{text}");
        }
    }

    fn resolve_in(locale: &str, text: &str) -> Option<String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        DateWords::for_locale(locale)
            .unwrap()
            .resolve(&words, today())
            .map(|date| date.to_string())
    }

    #[test]
    fn weekday_qualifiers_come_before_or_after_the_day() {
        assert_eq!(
            resolve_in("it-IT", "venerdi scorso").as_deref(),
            Some("2026-11-20")
        );
        assert_eq!(
            resolve_in("it-IT", "lo scorso venerdi").as_deref(),
            Some("2026-11-20")
        );
        assert_eq!(
            resolve_in("es-ES", "el proximo domingo").as_deref(),
            Some("2026-11-29")
        );
        assert_eq!(
            resolve_in("fr-FR", "dimanche prochain").as_deref(),
            Some("2026-11-29")
        );
        assert_eq!(
            resolve_in("de-DE", "am freitag").as_deref(),
            Some("2026-11-27")
        );
        assert_eq!(resolve_in("de-DE", "freitag morgen"), None);
    }

    #[test]
    fn days_of_the_month_in_words_of_each_language() {
        for (locale, text) in [
            ("it-IT", "il trenta novembre"),
            ("it-IT", "30 novembre 2026"),
            ("de-DE", "am dreissigsten november"),
            ("de-DE", "30 november"),
            ("es-ES", "el treinta de noviembre de 2026"),
            ("fr-FR", "le trente novembre"),
        ] {
            assert_eq!(
                resolve_in(locale, text).as_deref(),
                Some("2026-11-30"),
                "{locale}: {text}"
            );
        }
        for (locale, text) in [
            ("it-IT", "il primo dicembre"),
            ("de-DE", "den ersten dezember"),
            ("es-ES", "el primero de diciembre"),
            ("fr-FR", "le premier decembre"),
            ("fr-FR", "1er decembre"),
        ] {
            assert_eq!(
                resolve_in(locale, text).as_deref(),
                Some("2026-12-01"),
                "{locale}: {text}"
            );
        }
        assert_eq!(
            resolve_in("fr-FR", "vingt et un novembre").as_deref(),
            Some("2027-11-21")
        );
        assert_eq!(
            resolve_in("de-DE", "einundzwanzigsten november").as_deref(),
            Some("2027-11-21")
        );
    }

    #[test]
    fn ordinals_read_as_alexa_fills_them() {
        let ordinal =
            |locale: &str, word: &str| DateWords::for_locale(locale).unwrap().ordinal(&[word]);
        assert_eq!(ordinal("en-US", "second"), Some(2));
        assert_eq!(ordinal("en-US", "3rd"), Some(3));
        assert_eq!(ordinal("it-IT", "prima"), Some(1));
        assert_eq!(ordinal("it-IT", "1deg"), Some(1));
        assert_eq!(ordinal("de-DE", "zweiten"), Some(2));
        assert_eq!(ordinal("de-DE", "achte"), Some(8));
        assert_eq!(ordinal("de-DE", "zweit"), None);
        assert_eq!(ordinal("es-ES", "tercer"), Some(3));
        assert_eq!(ordinal("fr-FR", "deuxieme"), Some(2));
        assert_eq!(ordinal("fr-FR", "1re"), Some(1));
        assert_eq!(ordinal("en-US", "0"), None);
        assert_eq!(ordinal("en-US", "position"), None);
    }

    #[test]
    fn a_list_position_may_be_a_cardinal() {
        let ordinal =
            |locale: &str, word: &str| DateWords::for_locale(locale).unwrap().ordinal(&[word]);
        assert_eq!(ordinal("en-US", "three"), Some(3));
        assert_eq!(ordinal("it-IT", "due"), Some(2));
        assert_eq!(ordinal("de-DE", "acht"), Some(8));
        assert_eq!(ordinal("de-DE", "eins"), Some(1));
        assert_eq!(ordinal("es-ES", "una"), Some(1));
        assert_eq!(ordinal("fr-FR", "deux"), Some(2));
        // Articles are not numbers where a sample could read them as one.
        assert_eq!(ordinal("de-DE", "eine"), None);
        assert_eq!(ordinal("en-US", "a"), None);
    }

    #[test]
    fn a_german_date_adjective_is_the_date() {
        assert_eq!(
            resolve_in("de-DE", "gestrige").as_deref(),
            Some("2026-11-21")
        );
        assert_eq!(
            resolve_in("de-DE", "heutigen").as_deref(),
            Some("2026-11-22")
        );
    }

    #[test]
    fn an_english_possessive_date_is_the_date() {
        assert_eq!(resolve("yesterdays").as_deref(), Some("2026-11-21"));
        assert_eq!(resolve("last nights").as_deref(), Some("2026-11-21"));
        assert_eq!(resolve("fridays").as_deref(), Some("2026-11-27"));
        assert_eq!(resolve("last fridays").as_deref(), Some("2026-11-20"));
        assert_eq!(resolve("radios"), None);
        assert_eq!(resolve_in("it-IT", "ieris"), None);
    }
}
