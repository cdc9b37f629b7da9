//! Resolving what fills an `AMAZON.DATE` slot ("yesterday", "last friday", "november twenty first") to a date.
//!
//! Follows Alexa's documented defaults: a date without a year, and a bare weekday, resolve to the first such day on
//! or after today; "last friday" is the most recent one before today.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// The date words of one locale.
#[derive(Debug)]
pub(crate) struct DateWords {
    /// Phrases a fixed number of days away from today.
    relative: &'static [(&'static str, i64)],
    /// Month names, January first.
    months: [&'static str; 12],
    /// Weekday names, Monday first.
    weekdays: [&'static str; 7],
    /// Words before a weekday meaning "the coming one, today included".
    this: &'static [&'static str],
    /// Words before a weekday meaning "the one before today".
    last: &'static [&'static str],
    /// Words before a weekday meaning "the one after today".
    next: &'static [&'static str],
    /// Words that may precede a date and carry no meaning ("on friday", "the twenty first").
    leading: &'static [&'static str],
    /// The word between a day and its month ("the first *of* may").
    of: &'static str,
    /// Reads a day of the month from its words.
    day_number: fn(&[&str]) -> Option<u32>,
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
};

impl DateWords {
    /// The table for `locale`, or `None` when the locale is not supported yet.
    pub(crate) fn for_locale(locale: &str) -> Option<&'static Self> {
        match locale {
            "en-US" | "en-GB" | "en-CA" | "en-AU" | "en-IN" => Some(&EN),
            _ => None,
        }
    }

    /// The date `words` name, seen from `today`, or `None` when they are not a date.
    pub(crate) fn resolve(&self, words: &[&str], today: NaiveDate) -> Option<NaiveDate> {
        let phrase = words.join(" ");
        if let Some(&(_, offset)) = self.relative.iter().find(|(text, _)| *text == phrase) {
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

    fn weekday(&self, words: &[&str], today: NaiveDate) -> Option<NaiveDate> {
        let (&name, qualifier) = words.split_last()?;
        let index = self.weekdays.iter().position(|day| *day == name)?;
        let weekday = Weekday::try_from(u8::try_from(index).ok()?).ok()?;
        let ahead = u64::from(
            (7 + weekday.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7,
        );
        match qualifier {
            [] => today.checked_add_days(Days::new(ahead)),
            [word] if self.this.contains(word) => today.checked_add_days(Days::new(ahead)),
            [word] if self.next.contains(word) => {
                today.checked_add_days(Days::new(if ahead == 0 { 7 } else { ahead }))
            }
            [word] if self.last.contains(word) => today.checked_sub_days(Days::new(7 - ahead % 7)),
            _ => None,
        }
    }

    /// "november twenty first", "november 21st 2026", "the twenty first of november", "21 november".
    fn month_day(&self, words: &[&str], today: NaiveDate) -> Option<NaiveDate> {
        let mut words = words;
        while let [first, rest @ ..] = words
            && self.leading.contains(first)
        {
            words = rest;
        }
        let (year, words) = match words.split_last() {
            Some((last, rest)) if last.len() == 4 && last.chars().all(|c| c.is_ascii_digit()) => {
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
}
