//! Entity resolution for one custom slot type: the model's values (static) and the live schedule's names (dynamic).

use std::collections::HashMap;

use super::model::SlotTypeDef;
use super::slot_resolution::{AuthorityKind, DynamicName, SlotResolution};
use super::utterance::{InvocationWords, name_key};

/// How similar (normalized Damerau-Levenshtein) a spoken value must be to a known name to resolve to it. At 0.8 one
/// wrong letter in a ten-letter name ("radio unno") passes; "jazz cafe" against "jazz club" (0.67) does not.
const FUZZY_THRESHOLD: f64 = 0.8;

/// Below this many letters every typo is a different word, so only exact matches count.
const FUZZY_MIN_LEN: usize = 4;

#[derive(Debug)]
struct Entry {
    key: String,
    id: String,
    name: String,
    authority: AuthorityKind,
}

/// What a spoken value resolved to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Lookup {
    /// The spoken form of a known name or synonym.
    Exact(SlotResolution),
    /// Close to a known name; `score` in `FUZZY_THRESHOLD..1.0`.
    Fuzzy(SlotResolution, f64),
    /// Nothing close: Alexa still fills the slot, with `ER_SUCCESS_NO_MATCH`.
    NoMatch,
}

/// The names one custom slot type resolves against.
#[derive(Debug, Default)]
pub(crate) struct SlotCatalog {
    entries: Vec<Entry>,
    by_key: HashMap<String, Vec<usize>>,
}

impl SlotCatalog {
    /// The static values (and synonyms) of `slot_type`.
    pub(crate) fn from_type(slot_type: &SlotTypeDef, words: &InvocationWords) -> Self {
        let mut catalog = Self::default();
        for value in &slot_type.values {
            let id = value.id.clone().unwrap_or_else(|| value.name.value.clone());
            for spoken in std::iter::once(&value.name.value).chain(&value.name.synonyms) {
                catalog.add(
                    name_key(spoken, words),
                    &id,
                    &value.name.value,
                    AuthorityKind::Static,
                );
            }
        }
        catalog
    }

    /// Adds names pushed at run time with `Dialog.UpdateDynamicEntities`.
    pub(crate) fn add_dynamic(&mut self, names: &[DynamicName], words: &InvocationWords) {
        for name in names {
            for spoken in std::iter::once(&name.name).chain(&name.synonyms) {
                self.add(
                    name_key(spoken, words),
                    &name.id,
                    &name.name,
                    AuthorityKind::Dynamic,
                );
            }
        }
    }

    fn add(&mut self, key: String, id: &str, name: &str, authority: AuthorityKind) {
        if key.is_empty() {
            return;
        }
        self.by_key
            .entry(key.clone())
            .or_default()
            .push(self.entries.len());
        self.entries.push(Entry {
            key,
            id: id.to_owned(),
            name: name.to_owned(),
            authority,
        });
    }

    /// Whether the spoken words are a whole-word run of some name ("radio 3" in "BBC Radio 3"): a partial name that
    /// entity resolution does not match, but that Alexa still sends to a sample made of the slot alone.
    pub(crate) fn mentions(&self, spoken: &str, words: &InvocationWords) -> bool {
        let key = name_key(spoken, words);
        if key.chars().count() < FUZZY_MIN_LEN {
            return false;
        }
        let padded = format!(" {key} ");
        self.entries
            .iter()
            .any(|entry| format!(" {} ", entry.key).contains(&padded))
    }

    /// Resolves a spoken value: an exact name or synonym first, then the closest name above the threshold. Where a
    /// dynamic and a static name tie, the dynamic one wins, as the skill reads the dynamic authority first: it holds
    /// the schedule that is actually on air.
    pub(crate) fn resolve(&self, spoken: &str, words: &InvocationWords) -> Lookup {
        let key = name_key(spoken, words);
        let prefer_dynamic =
            |&&i: &&usize| (self.entries[i].authority != AuthorityKind::Dynamic, i);
        if let Some(&best) = self
            .by_key
            .get(&key)
            .and_then(|hits| hits.iter().min_by_key(prefer_dynamic))
        {
            return Lookup::Exact(self.entries[best].resolution());
        }
        if key.chars().count() < FUZZY_MIN_LEN {
            return Lookup::NoMatch;
        }
        let mut best: Option<(f64, usize)> = None;
        for (i, entry) in self.entries.iter().enumerate() {
            if entry.key.chars().count() < FUZZY_MIN_LEN {
                continue;
            }
            let score = strsim::normalized_damerau_levenshtein(&key, &entry.key);
            let better = match best {
                None => true,
                Some((top, j)) => {
                    score > top
                        || (score == top
                            && entry.authority == AuthorityKind::Dynamic
                            && self.entries[j].authority != AuthorityKind::Dynamic)
                }
            };
            if score >= FUZZY_THRESHOLD && better {
                best = Some((score, i));
            }
        }
        match best {
            Some((score, i)) => Lookup::Fuzzy(self.entries[i].resolution(), score),
            None => Lookup::NoMatch,
        }
    }

    /// Whether the catalog has no names at all (a type with no values and no dynamic names).
    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl Entry {
    fn resolution(&self) -> SlotResolution {
        SlotResolution {
            authority: self.authority,
            status_match: true,
            id: self.id.clone(),
            name: self.name.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interaction_model::model::{SlotTypeValue, SlotValueName};

    fn words() -> &'static InvocationWords {
        InvocationWords::for_locale("en-US").unwrap()
    }

    fn catalog() -> SlotCatalog {
        let value = |id: &str, name: &str, synonyms: &[&str]| SlotTypeValue {
            id: Some(id.to_owned()),
            name: SlotValueName {
                value: name.to_owned(),
                synonyms: synonyms.iter().map(|s| (*s).to_owned()).collect(),
                extra: serde_json::Map::new(),
            },
            extra: serde_json::Map::new(),
        };
        let slot_type = SlotTypeDef {
            name: "LIVE_SOURCE".to_owned(),
            values: vec![
                value("radio-uno", "Radio Uno", &["uno radio"]),
                value("night-owls", "The Night Owls", &[]),
                value("jazz-cafe", "Jazz Cafe", &[]),
            ],
            extra: serde_json::Map::new(),
        };
        let mut catalog = SlotCatalog::from_type(&slot_type, words());
        catalog.add_dynamic(
            &[
                DynamicName {
                    id: "jazz-club".to_owned(),
                    name: "Jazz Club".to_owned(),
                    synonyms: vec![],
                },
                DynamicName {
                    id: "radio-uno-live".to_owned(),
                    name: "Radio Uno".to_owned(),
                    synonyms: vec![],
                },
            ],
            words(),
        );
        catalog
    }

    fn resolved(lookup: &Lookup) -> Option<(&str, AuthorityKind, bool)> {
        match lookup {
            Lookup::Exact(r) => Some((r.id.as_str(), r.authority, true)),
            Lookup::Fuzzy(r, _) => Some((r.id.as_str(), r.authority, false)),
            Lookup::NoMatch => None,
        }
    }

    #[test]
    fn names_and_synonyms_resolve_exactly() {
        let catalog = catalog();
        assert_eq!(
            resolved(&catalog.resolve("uno radio", words())),
            Some(("radio-uno", AuthorityKind::Static, true))
        );
        assert_eq!(
            resolved(&catalog.resolve("night owls", words())),
            Some(("night-owls", AuthorityKind::Static, true))
        );
        assert_eq!(
            resolved(&catalog.resolve("jazz club", words())),
            Some(("jazz-club", AuthorityKind::Dynamic, true))
        );
    }

    #[test]
    fn a_name_in_both_authorities_resolves_to_the_live_schedule() {
        let catalog = catalog();
        assert_eq!(
            resolved(&catalog.resolve("radio uno", words())),
            Some(("radio-uno-live", AuthorityKind::Dynamic, true))
        );
    }

    #[test]
    fn typos_resolve_fuzzily_but_similar_names_do_not_collide() {
        let catalog = catalog();
        assert_eq!(
            resolved(&catalog.resolve("the night owl", words())),
            Some(("night-owls", AuthorityKind::Static, false))
        );
        assert_eq!(
            resolved(&catalog.resolve("jazz cafe", words())),
            Some(("jazz-cafe", AuthorityKind::Static, true))
        );
        assert_eq!(
            resolved(&catalog.resolve("jazz cave", words())),
            Some(("jazz-cafe", AuthorityKind::Static, false))
        );
        assert_eq!(catalog.resolve("polka hour", words()), Lookup::NoMatch);
        assert_eq!(catalog.resolve("uno", words()), Lookup::NoMatch);
    }
}
