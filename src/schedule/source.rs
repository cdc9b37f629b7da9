//! Sources (everything a listener may ask for by name) and how a spoken name finds one: [`SourceMatch`].

use std::collections::{HashMap, HashSet};

use super::live_event::LiveEvent;
use super::name::{normalize_name, slug_of_normalized, with_digits, without_noise};

/// The lowest similarity between normalized names for a fuzzy match (see [`similarity`]).
///
/// 0.80 accepts a dropped, doubled or swapped letter ("radio unno" 0.94, "sigur los" 0.92, "nite owls" 0.81) while
/// refusing names that only share a first word ("jazz club" vs "jazz cafe live" 0.68) or differ in a whole short
/// word ("radio due" vs "radio uno" 0.79).
pub const FUZZY_THRESHOLD: f64 = 0.80;
/// A fuzzy match below this similarity is confirmed before it plays ("Did you mean Radio Uno?"); at or above it,
/// it plays at once.
///
/// 0.90 lets one wrong, doubled or dropped letter in a name of two words or more through ("radio unno" 0.94,
/// "sigur los" 0.92) and asks about anything looser ("nite owls" 0.81, "marko rosi" 0.88).
pub const CONFIRM_BELOW: f64 = 0.90;
/// Fuzzy candidates within this much of the best score are equally good: the answer is then ambiguous.
pub const AMBIGUITY_MARGIN: f64 = 0.02;
/// The most candidates an ambiguous answer lists.
pub const MAX_CANDIDATES: usize = 5;
/// The shortest normalized name (in characters) matched as part of a longer one or fuzzily; shorter ones only match
/// exactly, since "la" or "uk" would otherwise match half the lineup.
const MIN_PARTIAL_LEN: usize = 3;

/// A name the skill should recognize, for Alexa's dynamic entities and `onair say`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct SpokenName {
    /// The source key, used as the entity id.
    pub key: String,
    /// The name as written in the schedule.
    pub name: String,
}

/// Something a listener may ask for by name: the events sharing one normalized name (a performer, an alias, a
/// channel or a title), or, when Alexa resolved an event or series id, that event or series.
#[derive(Clone, Debug, PartialEq)]
pub struct Source<'a> {
    /// The slug of the normalized name (`radio-uno`), or the event or series id it was resolved from.
    pub key: String,
    /// The name as written in the schedule (the title for an event or series).
    pub name: String,
    /// Its events, earliest first.
    pub events: Vec<&'a LiveEvent>,
    /// How sure the match is: 1 for an exact name, an entity-resolution id or a whole-word run, else the fuzzy
    /// [`similarity`] of the spoken name (at least [`FUZZY_THRESHOLD`]).
    pub score: f64,
}

impl Source<'_> {
    /// Whether the listener should be asked "did you mean …?" before it plays: a fuzzy match below
    /// [`CONFIRM_BELOW`].
    #[must_use]
    pub fn needs_confirmation(&self) -> bool {
        self.score < CONFIRM_BELOW
    }
}

/// What a spoken name refers to.
#[derive(Clone, Debug, PartialEq)]
pub enum SourceMatch<'a> {
    /// Nothing in the schedule.
    None,
    /// Exactly one source.
    One(Source<'a>),
    /// Several sources fit equally well (at most [`MAX_CANDIDATES`], best first): the skill asks which one.
    Ambiguous(Vec<Source<'a>>),
}

/// How alike two normalized names are, from 0 to 1: the mean of Jaro-Winkler and normalized Damerau-Levenshtein.
///
/// Jaro-Winkler alone rates names with a long common beginning too high ("radio due" vs "radio uno" 0.91), and
/// edit distance alone rates short names too low. Edit distance also counts a wrong letter the same wherever it
/// is, which keeps "marco rosso" within [`AMBIGUITY_MARGIN`] of both "marco rossi" (0.94) and "marco russo" (0.93).
#[must_use]
pub fn similarity(a: &str, b: &str) -> f64 {
    (strsim::jaro_winkler(a, b) + strsim::normalized_damerau_levenshtein(a, b)) / 2.0
}

/// How sure it is that `spoken` means the source called `name` when something other than the name itself (Alexa's
/// entity resolution) picked it: 1 when the normalized words are the same (in any order) or one is a whole-word
/// run of the other ("sera" for "Sera Uno", "radio uno station"), else their [`similarity`].
#[must_use]
pub fn spoken_confidence(spoken: &str, name: &str) -> f64 {
    let (spoken, name) = (normalize_name(spoken), normalize_name(name));
    if spoken.is_empty() || name.is_empty() {
        return 0.0;
    }
    let words = |text: &str| {
        let mut words: Vec<String> = text.split(' ').map(str::to_owned).collect();
        words.sort();
        words
    };
    if words(&spoken) == words(&name)
        || word_run_position(&name, &spoken).is_some()
        || word_run_position(&spoken, &name).is_some()
    {
        return 1.0;
    }
    similarity(&spoken, &name)
}

/// [`similarity`] of `a` and `b` if it reaches `threshold`, skipping the costly edit distance when the cheap
/// Jaro-Winkler score or the length difference already rule the pair out.
fn similarity_at_least(a: &str, b: &str, threshold: f64) -> Option<f64> {
    let jaro_winkler = strsim::jaro_winkler(a, b);
    let (shorter, longer) = (a.len().min(b.len()), a.len().max(b.len()).max(1));
    // The edit distance is at least the length difference, which caps the normalized score.
    let best_edit_score = shorter as f64 / longer as f64;
    if (jaro_winkler + best_edit_score) / 2.0 < threshold {
        return None;
    }
    let score = (jaro_winkler + strsim::normalized_damerau_levenshtein(a, b)) / 2.0;
    (score >= threshold).then_some(score)
}

/// The word position in `name` where the words of `run` appear in order and whole, if they do.
fn word_run_position(name: &str, run: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = name[from..].find(run) {
        let start = from + found;
        let end = start + run.len();
        let starts_word = start == 0 || name.as_bytes()[start - 1] == b' ';
        let ends_word = end == name.len() || name.as_bytes()[end] == b' ';
        if starts_word && ends_word {
            return Some(name[..start].matches(' ').count());
        }
        from = start + 1;
    }
    None
}

/// Index entry of one distinct normalized name.
///
/// Kept small, since a snapshot holds one per distinct name (about one per event in a catalog of one-off shows):
/// the key is the normalized name with hyphens (so it is not stored), the name as written is read from the event
/// that first spelled it, and the events are a range of the index's shared postings list.
#[derive(Clone, Debug)]
struct NamedSource {
    normalized: Box<str>,
    /// How many words `normalized` has.
    word_count: u32,
    /// The event that first spelled the name, and the name's place in its [`LiveEvent::names`].
    spelled_at: (u32, u32),
    /// Its events (positions in the schedule's event list, earliest first): `postings[events]`.
    events: std::ops::Range<u32>,
}

/// Distinct normalized names with their events, indexed by key and by word so a lookup never scans the schedule
/// unless it falls back to fuzzy matching.
#[derive(Clone, Debug, Default)]
pub(super) struct NameIndex {
    /// Ordered by normalized name (and so by key), for binary search.
    sources: Vec<NamedSource>,
    /// Every source's events, one run per source.
    postings: Vec<u32>,
    by_word: HashMap<Box<str>, Vec<u32>>,
}

/// A position in the schedule's event list as the indexes (here and in `lookup`) store it: a snapshot is capped
/// far below `u32::MAX` events.
pub(super) fn position_u32(position: usize) -> u32 {
    u32::try_from(position).unwrap_or(u32::MAX)
}

impl NameIndex {
    /// Indexes every name of `events` (which must be sorted by start).
    ///
    /// Built without a map of copied names or a list per name (a snapshot indexes thousands of names, and what the
    /// build holds at once is the container's peak memory): each distinct spelling is normalized once, the sources
    /// are the spellings sorted by normalized name, and their events are counted, then written into one list.
    pub(super) fn new(events: &[LiveEvent]) -> Self {
        // Each distinct spelling once, with where it first appears (event position, place among its names).
        let mut spellings: Vec<(&str, (u32, u32))> = Vec::new();
        let mut spelling_of: HashMap<&str, usize> = HashMap::new();
        for (position, event) in events.iter().enumerate() {
            for (slot, name) in event.names().enumerate() {
                spelling_of.entry(name).or_insert_with(|| {
                    spellings.push((name, (position_u32(position), position_u32(slot))));
                    spellings.len() - 1
                });
            }
        }
        // One source per normalized name, in name order; its spelling is the one that appears first.
        let mut normalized: Vec<(String, usize)> = spellings
            .iter()
            .enumerate()
            .filter_map(|(spelling, (name, _))| {
                let normalized = normalize_name(name);
                (!normalized.is_empty()).then_some((normalized, spelling))
            })
            .collect();
        normalized.sort_unstable_by(|(a, first_a), (b, first_b)| {
            a.cmp(b)
                .then_with(|| spellings[*first_a].1.cmp(&spellings[*first_b].1))
        });
        let mut source_of_spelling: Vec<Option<u32>> = vec![None; spellings.len()];
        let mut sources: Vec<NamedSource> = Vec::new();
        for (name, spelling) in normalized {
            if sources.last().is_none_or(|last| *last.normalized != *name) {
                sources.push(NamedSource {
                    word_count: position_u32(name.split(' ').count()),
                    normalized: name.into_boxed_str(),
                    spelled_at: spellings[spelling].1,
                    events: 0..0,
                });
            }
            source_of_spelling[spelling] = Some(position_u32(sources.len() - 1));
        }
        // Each source's events, earliest first, counted and then written into one list.
        let source_count = sources.len();
        let for_each_event_of_each_source = |visit: &mut dyn FnMut(usize, u32)| {
            let mut last_seen = vec![u32::MAX; source_count];
            for (position, event) in events.iter().enumerate() {
                let position = position_u32(position);
                for name in event.names() {
                    let Some(source) = spelling_of
                        .get(name)
                        .and_then(|&spelling| source_of_spelling[spelling])
                    else {
                        continue;
                    };
                    let source = source as usize;
                    if last_seen[source] != position {
                        last_seen[source] = position;
                        visit(source, position);
                    }
                }
            }
        };
        let mut counts = vec![0_u32; sources.len()];
        for_each_event_of_each_source(&mut |source, _| counts[source] += 1);
        let mut next = Vec::with_capacity(sources.len());
        let mut total = 0_u32;
        for (source, count) in sources.iter_mut().zip(&counts) {
            source.events = total..total + count;
            next.push(total);
            total += count;
        }
        drop(counts);
        let mut postings = vec![0_u32; total as usize];
        for_each_event_of_each_source(&mut |source, position| {
            postings[next[source] as usize] = position;
            next[source] += 1;
        });
        drop((next, source_of_spelling, spelling_of, spellings));

        let mut by_word: HashMap<Box<str>, Vec<u32>> = HashMap::new();
        for (position, source) in sources.iter().enumerate() {
            for word in source.normalized.split(' ').collect::<HashSet<_>>() {
                by_word
                    .entry(word.into())
                    .or_default()
                    .push(position_u32(position));
            }
        }
        by_word.shrink_to_fit();
        Self {
            sources,
            postings,
            by_word,
        }
    }

    fn key_of(source: &NamedSource) -> String {
        slug_of_normalized(&source.normalized)
    }

    /// The name as first written in the schedule.
    fn name_of<'a>(source: &NamedSource, events: &'a [LiveEvent]) -> &'a str {
        let (event, slot) = source.spelled_at;
        events
            .get(event as usize)
            .and_then(|event| event.names().nth(slot as usize))
            .unwrap_or_default()
    }

    fn events_of(&self, source: &NamedSource) -> &[u32] {
        &self.postings[source.events.start as usize..source.events.end as usize]
    }

    /// Every distinct name, ordered by key.
    pub(super) fn spoken_names(&self, events: &[LiveEvent]) -> Vec<SpokenName> {
        self.sources
            .iter()
            .map(|source| SpokenName {
                key: Self::key_of(source),
                name: Self::name_of(source, events).to_owned(),
            })
            .collect()
    }

    /// The source whose key is `key`.
    pub(super) fn by_key<'a>(&self, key: &str, events: &'a [LiveEvent]) -> Option<Source<'a>> {
        // A key is a normalized name with hyphens for spaces; anything else is no key of this index.
        if key.is_empty() || key.contains(' ') {
            return None;
        }
        let normalized = key.replace('-', " ");
        let found = self
            .sources
            .binary_search_by(|source| (*source.normalized).cmp(normalized.as_str()))
            .ok()?;
        Some(self.source(found, events))
    }

    fn source<'a>(&self, position: usize, events: &'a [LiveEvent]) -> Source<'a> {
        self.scored_source(position, events, 1.0)
    }

    fn scored_source<'a>(
        &self,
        position: usize,
        events: &'a [LiveEvent],
        score: f64,
    ) -> Source<'a> {
        let source = &self.sources[position];
        Source {
            key: Self::key_of(source),
            name: Self::name_of(source, events).to_owned(),
            events: self
                .events_of(source)
                .iter()
                .map(|&event| &events[event as usize])
                .collect(),
            score,
        }
    }

    /// Matches a spoken name: exact normalized name, then without noise words, then as a run of whole words of a
    /// longer name, then fuzzily. The first tier with a candidate answers.
    pub(super) fn find<'a>(&self, spoken: &str, events: &'a [LiveEvent]) -> SourceMatch<'a> {
        let normalized = normalize_name(spoken);
        if normalized.is_empty() {
            return SourceMatch::None;
        }
        let core = without_noise(&normalized);
        // "radio three" also as "radio 3", but only after the words as said: "Radio Uno" stays a name.
        let digits = with_digits(&normalized);
        let variants: Vec<&str> = std::iter::once(normalized.as_str())
            .chain(core.as_deref())
            .chain(digits.as_deref())
            .collect();

        if let Some(source) = variants
            .iter()
            .find_map(|variant| self.by_key(&slug_of_normalized(variant), events))
        {
            return SourceMatch::One(source);
        }
        if normalized.len() < MIN_PARTIAL_LEN {
            return SourceMatch::None;
        }
        let partial = self.word_run_candidates(&variants);
        if !partial.is_empty() {
            // Every name containing the words is as plausible as the next: all of them are the answer.
            return self.answer(partial, f64::INFINITY, events);
        }
        let fuzzy = self.fuzzy_candidates(&variants);
        self.answer(fuzzy, AMBIGUITY_MARGIN, events)
    }

    /// Sources where a variant's words appear, in order and whole, inside a longer name ("marco" in "marco
    /// rossi", "jazz cafe" in "jazz cafe live"). A run at the start of the name fits better than one inside it,
    /// and a name with fewer extra words better than a longer one.
    fn word_run_candidates(&self, variants: &[&str]) -> Vec<(usize, f64)> {
        let mut candidates = Vec::new();
        for variant in variants
            .iter()
            .filter(|variant| variant.len() >= MIN_PARTIAL_LEN)
        {
            let words: Vec<&str> = variant.split(' ').collect();
            let rarest = words
                .iter()
                .map(|word| self.by_word.get(*word).map_or(&[][..], Vec::as_slice))
                .min_by_key(|postings| postings.len())
                .unwrap_or(&[]);
            for &position in rarest {
                let position = position as usize;
                let source = &self.sources[position];
                let Some(at) = word_run_position(&source.normalized, variant) else {
                    continue;
                };
                let extra_words = (source.word_count as usize).saturating_sub(words.len());
                let at_start = if at == 0 { 1.0 } else { 0.0 };
                // Ranks only: prefix matches first, then the names with the fewest extra words.
                let score = at_start + 1.0 / (1.0 + extra_words as f64);
                candidates.push((position, score));
            }
            if !candidates.is_empty() {
                break;
            }
        }
        candidates
    }

    /// Sources whose normalized name is at least [`FUZZY_THRESHOLD`] similar to a variant.
    fn fuzzy_candidates(&self, variants: &[&str]) -> Vec<(usize, f64)> {
        self.sources
            .iter()
            .enumerate()
            .filter_map(|(position, source)| {
                let score = variants
                    .iter()
                    .filter_map(|variant| {
                        similarity_at_least(variant, &source.normalized, FUZZY_THRESHOLD)
                    })
                    .fold(None, |best: Option<f64>, score| {
                        Some(best.map_or(score, |best| best.max(score)))
                    });
                score.map(|score| (position, score))
            })
            .collect()
    }

    /// Turns ranked candidates into an answer. Candidates with the same events are one choice for a listener
    /// (a host and the show named after them), so only the best of them is kept; those within `margin` of the
    /// best are ambiguous with it.
    fn answer<'a>(
        &self,
        mut candidates: Vec<(usize, f64)>,
        margin: f64,
        events: &'a [LiveEvent],
    ) -> SourceMatch<'a> {
        candidates.sort_by(|(a, score_a), (b, score_b)| {
            score_b.total_cmp(score_a).then_with(|| {
                self.sources[*a]
                    .normalized
                    .cmp(&self.sources[*b].normalized)
            })
        });
        let Some(&(_, best)) = candidates.first() else {
            return SourceMatch::None;
        };
        let mut seen_event_sets: HashSet<&[u32]> = HashSet::new();
        let mut close: Vec<Source<'a>> = candidates
            .iter()
            .take_while(|(_, score)| *score >= best - margin)
            .filter(|(position, _)| {
                seen_event_sets.insert(self.events_of(&self.sources[*position]))
            })
            .take(MAX_CANDIDATES)
            // Word-run ranks are not similarities: such a match is as sure as an exact one.
            .map(|&(position, score)| {
                let score = if margin.is_finite() { score } else { 1.0 };
                self.scored_source(position, events, score)
            })
            .collect();
        if close.len() == 1 {
            SourceMatch::One(close.remove(0))
        } else {
            SourceMatch::Ambiguous(close)
        }
    }
}
