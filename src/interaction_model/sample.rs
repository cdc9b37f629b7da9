//! A sample utterance compiled to a pattern: literal words and `{slot}` captures of one or more words.

use std::ops::Range;

use super::utterance::{match_key, normalize};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// A literal word, in its match form.
    Word(String),
    /// A slot reference.
    Slot(String),
}

/// One sample of one intent, ready to match.
#[derive(Debug)]
pub(crate) struct Sample {
    parts: Vec<Part>,
}

/// Which words of the utterance fill which slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Capture<'s> {
    /// The slot name as the sample writes it.
    pub(crate) slot: &'s str,
    /// The word range of the utterance.
    pub(crate) words: Range<usize>,
}

impl Sample {
    /// Compiles `text` (`"play {source} from {date}"`); literal words are normalized like utterances.
    pub(crate) fn compile(text: &str) -> Self {
        let mut parts = Vec::new();
        for token in text.split_whitespace() {
            if let Some(name) = token
                .strip_prefix('{')
                .and_then(|rest| rest.strip_suffix('}'))
            {
                parts.push(Part::Slot(name.to_owned()));
            } else {
                parts.extend(
                    normalize(token)
                        .split(' ')
                        .filter(|w| !w.is_empty())
                        .map(|w| Part::Word(match_key(w))),
                );
            }
        }
        Self { parts }
    }

    /// How many literal words the sample has: the more, the more specific a match.
    pub(crate) fn literal_count(&self) -> usize {
        self.parts
            .iter()
            .filter(|part| matches!(part, Part::Word(_)))
            .count()
    }

    /// Whether the sample has no slots, so it can only match word for word.
    pub(crate) fn is_literal(&self) -> bool {
        self.parts.iter().all(|part| matches!(part, Part::Word(_)))
    }

    /// Every way `words` (in match form) fill this sample: each literal equal to its word, each slot one word or more.
    pub(crate) fn fillings(&self, words: &[String]) -> Vec<Vec<Capture<'_>>> {
        let mut found = Vec::new();
        self.fill(0, 0, words, &mut Vec::new(), &mut found);
        found
    }

    fn fill<'s>(
        &'s self,
        part: usize,
        at: usize,
        words: &[String],
        captures: &mut Vec<Capture<'s>>,
        found: &mut Vec<Vec<Capture<'s>>>,
    ) {
        let Some(current) = self.parts.get(part) else {
            if at == words.len() {
                found.push(captures.clone());
            }
            return;
        };
        // Each later part needs at least one word, so a slot can stop early.
        let needed_after = self.parts.len() - part - 1;
        match current {
            Part::Word(word) => {
                if words.get(at) == Some(word) {
                    self.fill(part + 1, at + 1, words, captures, found);
                }
            }
            Part::Slot(slot) => {
                for end in at + 1..=words.len().saturating_sub(needed_after) {
                    captures.push(Capture {
                        slot,
                        words: at..end,
                    });
                    self.fill(part + 1, end, words, captures, found);
                    captures.pop();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    fn fillings(sample: &str, text: &str) -> Vec<Vec<(String, Range<usize>)>> {
        let sample = Sample::compile(sample);
        sample
            .fillings(&words(text))
            .into_iter()
            .map(|captures| {
                captures
                    .into_iter()
                    .map(|c| (c.slot.to_owned(), c.words))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_slot_captures_one_or_more_words() {
        assert_eq!(
            fillings("play {source} live", "play radio uno live"),
            [[("source".to_owned(), 1..3)]]
        );
        assert!(fillings("play {source} live", "play live").is_empty());
    }

    #[test]
    fn two_slots_split_the_words_every_possible_way() {
        let found = fillings("play {source} from {date}", "play a from b from c");
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0],
            [("source".to_owned(), 1..2), ("date".to_owned(), 3..6)]
        );
        assert_eq!(
            found[1],
            [("source".to_owned(), 1..4), ("date".to_owned(), 5..6)]
        );
    }

    #[test]
    fn literal_samples_match_word_for_word_and_ignore_apostrophes() {
        let sample = Sample::compile("what's on now");
        assert!(sample.is_literal());
        assert_eq!(sample.literal_count(), 3);
        assert_eq!(sample.fillings(&words("whats on now")).len(), 1);
        assert!(sample.fillings(&words("whats on now please")).is_empty());
    }
}
