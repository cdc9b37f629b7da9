//! Certification checks on the interaction models and the skill manifest (SPEC §4–§5): what Amazon's build or
//! certification would refuse, found before a deployment. Behind `onair lint` and `onair package`.
//!
//! Every [`Finding`] names its file and, where it applies, the intent and the sample, so a message alone says
//! what to fix.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use super::{
    AUDIO_PLAYER_INTERFACE, FALLBACK_INTENT, InteractionModelFile, ModelError, SkillManifestFile,
    load_models,
};

/// How bad a finding is: errors fail `onair lint` (exit 1) and stop `onair package`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Amazon would refuse it.
    Error,
    /// Amazon recommends otherwise.
    Warning,
}

/// The rule a finding breaks; its id (`invocation-name-words`, …) is stable, for tests and for searching the docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rule {
    /// A model or manifest file that cannot be read at all.
    Unreadable,
    /// Invocation names have at least two words.
    InvocationNameWords,
    /// Invocation names use lowercase letters, spaces, apostrophes and periods of spelled abbreviations only.
    InvocationNameCharacters,
    /// Invocation names contain no launch phrase ("ask", "open", …).
    InvocationNameLaunchWord,
    /// Invocation names contain no wake word ("alexa", "amazon", "echo", "computer") and not "skill" or "app".
    InvocationNameWakeWord,
    /// Two-word invocation names do not start with an article or a preposition.
    InvocationNameArticle,
    /// A built-in intent the skill must handle is missing.
    RequiredIntent,
    /// A built-in intent Amazon recommends is missing.
    RecommendedIntent,
    /// The same intent name appears twice.
    DuplicateIntent,
    /// A custom intent without sample utterances can never be reached.
    IntentWithoutSamples,
    /// A sample references a slot its intent does not declare, or has unbalanced braces.
    UndeclaredSlot,
    /// A slot's type is neither built in (`AMAZON.*`) nor declared in `types`.
    UndeclaredSlotType,
    /// A sample contains digits or characters other than letters, spaces, apostrophes, periods and hyphens.
    SampleCharacters,
    /// The same sample (normalized) appears twice, in one intent or across intents.
    DuplicateSample,
    /// The manifest does not declare the `AUDIO_PLAYER` interface.
    ManifestAudioPlayer,
    /// The manifest's locales and the models' locales differ.
    ManifestLocales,
    /// A store listing without a name, or more example phrases than the store shows.
    ManifestListing,
    /// The skill asks the listener for a permission scope the manifest does not declare (or declares one it
    /// never uses).
    ManifestPermissions,
}

impl Rule {
    /// The rule's id.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unreadable => "unreadable",
            Self::InvocationNameWords => "invocation-name-words",
            Self::InvocationNameCharacters => "invocation-name-characters",
            Self::InvocationNameLaunchWord => "invocation-name-launch-word",
            Self::InvocationNameWakeWord => "invocation-name-wake-word",
            Self::InvocationNameArticle => "invocation-name-article",
            Self::RequiredIntent => "required-intent",
            Self::RecommendedIntent => "recommended-intent",
            Self::DuplicateIntent => "duplicate-intent",
            Self::IntentWithoutSamples => "intent-without-samples",
            Self::UndeclaredSlot => "undeclared-slot",
            Self::UndeclaredSlotType => "undeclared-slot-type",
            Self::SampleCharacters => "sample-characters",
            Self::DuplicateSample => "duplicate-sample",
            Self::ManifestAudioPlayer => "manifest-audio-player",
            Self::ManifestLocales => "manifest-locales",
            Self::ManifestListing => "manifest-listing",
            Self::ManifestPermissions => "manifest-permissions",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// The rule broken.
    pub rule: Rule,
    /// The model or manifest file.
    pub file: PathBuf,
    /// What is wrong and where (intent, sample), in words.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{severity}[{}] {}: {}",
            self.rule,
            self.file.display(),
            self.message
        )
    }
}

/// Built-in intents the AudioPlayer interface requires (SPEC §4).
pub const AUDIO_PLAYER_REQUIRED: &[&str] = &["AMAZON.PauseIntent", "AMAZON.ResumeIntent"];

/// Built-in intents an AudioPlayer skill must handle gracefully: Alexa sends them without the invocation name while
/// the skill's audio plays (SPEC §4).
pub const AUDIO_PLAYER_HANDLED: &[&str] = &[
    "AMAZON.CancelIntent",
    "AMAZON.LoopOffIntent",
    "AMAZON.LoopOnIntent",
    "AMAZON.NextIntent",
    "AMAZON.PreviousIntent",
    "AMAZON.RepeatIntent",
    "AMAZON.ShuffleOffIntent",
    "AMAZON.ShuffleOnIntent",
    "AMAZON.StartOverIntent",
];

/// Built-in intents every custom skill needs (SPEC §4).
pub const CUSTOM_SKILL_REQUIRED: &[&str] = &[
    "AMAZON.StopIntent",
    "AMAZON.CancelIntent",
    "AMAZON.HelpIntent",
];

/// Words that start a skill; an invocation name containing one confuses the launch (SPEC §5).
const LAUNCH_WORDS: &[&str] = &["ask", "tell", "open", "launch", "load", "begin", "enable"];

/// Wake words, and the words Amazon bans from invocation names in every language.
const WAKE_WORDS: &[&str] = &["alexa", "amazon", "echo", "computer", "skill", "app"];

/// Articles and prepositions a two-word English invocation name cannot start with.
const ENGLISH_ARTICLES: &[&str] = &[
    "a", "an", "the", "for", "to", "of", "from", "by", "in", "on", "at", "with",
];

/// Lints the models in `models_dir` and the manifest at `manifest`, every file against every rule.
///
/// A file that cannot be read or parsed is one [`Rule::Unreadable`] finding (with the parser's line and column),
/// and the checks that need it are skipped.
#[must_use]
pub fn lint(models_dir: &Path, manifest: &Path) -> Vec<Finding> {
    let mut findings = Vec::new();
    let models = match load_models(models_dir) {
        Ok(models) => Some(models),
        Err(error) => {
            findings.push(unreadable(models_dir, &error));
            None
        }
    };
    let manifest_file = match SkillManifestFile::load(manifest) {
        Ok(file) => Some(file),
        Err(error) => {
            findings.push(unreadable(manifest, &error));
            None
        }
    };
    if let Some(models) = &models {
        for (locale, model) in models {
            let path = models_dir.join(format!("{locale}.json"));
            findings.extend(lint_model(&path, locale, model));
        }
    }
    if let (Some(models), Some(file)) = (&models, &manifest_file) {
        findings.extend(lint_manifest(manifest, file, models_dir, models));
    }
    findings.sort_by(|a, b| (a.severity, &a.file).cmp(&(b.severity, &b.file)));
    findings
}

/// The finding for a file that cannot be loaded, pointing at the file itself (not its folder).
fn unreadable(given: &Path, error: &ModelError) -> Finding {
    let (file, message) = match error {
        ModelError::Read { path, source } => (path, format!("cannot be read: {source}")),
        ModelError::Parse { path, source } => (path, format!("cannot be parsed: {source}")),
        ModelError::NotALocale { path } => (
            path,
            "is not named after a locale such as en-US.json".to_owned(),
        ),
    };
    let file: &Path = if file.as_os_str().is_empty() {
        given
    } else {
        file
    };
    Finding {
        severity: Severity::Error,
        rule: Rule::Unreadable,
        file: file.to_path_buf(),
        message,
    }
}

/// Collects findings about one file.
struct Report<'a> {
    file: &'a Path,
    findings: Vec<Finding>,
}

impl Report<'_> {
    fn error(&mut self, rule: Rule, message: String) {
        self.push(Severity::Error, rule, message);
    }

    fn warning(&mut self, rule: Rule, message: String) {
        self.push(Severity::Warning, rule, message);
    }

    fn push(&mut self, severity: Severity, rule: Rule, message: String) {
        self.findings.push(Finding {
            severity,
            rule,
            file: self.file.to_path_buf(),
            message,
        });
    }
}

/// Lints one interaction model (`locale` is its file's locale, e.g. `en-US`).
#[must_use]
pub fn lint_model(file: &Path, locale: &str, model: &InteractionModelFile) -> Vec<Finding> {
    let mut report = Report {
        file,
        findings: Vec::new(),
    };
    let language_model = model.language_model();
    invocation_name(&mut report, locale, &language_model.invocation_name);

    let mut seen_intents = BTreeSet::new();
    for intent in &language_model.intents {
        if !seen_intents.insert(intent.name.as_str()) {
            report.error(
                Rule::DuplicateIntent,
                format!("intent {} is declared more than once", intent.name),
            );
        }
    }
    let mut reported = BTreeSet::new();
    for (required, why) in [
        (
            AUDIO_PLAYER_REQUIRED,
            "the AudioPlayer interface requires it",
        ),
        (CUSTOM_SKILL_REQUIRED, "every custom skill must handle it"),
        (
            AUDIO_PLAYER_HANDLED,
            "Alexa sends it to an AudioPlayer skill while its audio plays, so the skill must handle it",
        ),
    ] {
        for name in required {
            if !seen_intents.contains(name) && reported.insert(*name) {
                report.error(
                    Rule::RequiredIntent,
                    format!("intent {name} is missing: {why}"),
                );
            }
        }
    }
    if !seen_intents.contains(FALLBACK_INTENT) {
        report.warning(
            Rule::RecommendedIntent,
            format!(
                "intent {FALLBACK_INTENT} is missing: without it, out-of-domain requests land on the nearest intent"
            ),
        );
    }

    let declared_types: BTreeSet<&str> = language_model
        .types
        .iter()
        .map(|slot_type| slot_type.name.as_str())
        .collect();
    // Normalized sample → the intent that has it first, across the whole model.
    let mut samples: BTreeMap<String, (&str, &str)> = BTreeMap::new();
    for intent in &language_model.intents {
        for slot in &intent.slots {
            if !slot.slot_type.starts_with("AMAZON.")
                && !declared_types.contains(slot.slot_type.as_str())
            {
                report.error(
                    Rule::UndeclaredSlotType,
                    format!(
                        "intent {}: slot {{{}}} has type {}, which is neither built in nor declared in types",
                        intent.name, slot.name, slot.slot_type
                    ),
                );
            }
        }
        if !intent.is_built_in() && intent.samples.is_empty() {
            report.error(
                Rule::IntentWithoutSamples,
                format!("intent {} has no sample utterances", intent.name),
            );
        }
        for sample in &intent.samples {
            sample_characters(&mut report, &intent.name, sample);
            if !sample_slots(&mut report, &intent.name, sample, intent) {
                continue;
            }
            let normalized = normalize_sample(sample, intent);
            match samples.get(&normalized) {
                Some((other_intent, other_sample)) => {
                    let place = if *other_intent == intent.name {
                        "also in this intent".to_owned()
                    } else {
                        format!("also in intent {other_intent}")
                    };
                    report.error(
                        Rule::DuplicateSample,
                        format!(
                            "intent {}: sample \"{sample}\" duplicates \"{other_sample}\" ({place}); Alexa cannot \
                             tell them apart",
                            intent.name
                        ),
                    );
                }
                None => {
                    samples.insert(normalized, (intent.name.as_str(), sample.as_str()));
                }
            }
        }
    }
    report.findings
}

fn invocation_name(report: &mut Report<'_>, locale: &str, name: &str) {
    let words: Vec<&str> = name.split_whitespace().collect();
    let quoted = format!("invocation name \"{name}\"");
    if words.len() < 2 {
        report.error(
            Rule::InvocationNameWords,
            format!("{quoted} is a single word; it needs at least two"),
        );
    }
    let bad: BTreeSet<char> = name
        .chars()
        .filter(|&c| {
            !(c == ' ' || c == '\'' || c == '.' || (c.is_alphabetic() && !c.is_uppercase()))
        })
        .collect();
    if !bad.is_empty() {
        let listed: Vec<String> = bad.iter().map(|c| format!("'{c}'")).collect();
        let hint = if bad.iter().any(char::is_ascii_digit) {
            " (spell numbers out)"
        } else {
            ""
        };
        report.error(
            Rule::InvocationNameCharacters,
            format!(
                "{quoted} contains {}: only lowercase letters, spaces, apostrophes and periods are allowed{hint}",
                listed.join(", ")
            ),
        );
    }
    for word in &words {
        // A period belongs only to a spelled abbreviation, one letter per word: "n. b. a.".
        if word.contains('.') && !(word.chars().count() == 2 && word.ends_with('.')) {
            report.error(
                Rule::InvocationNameCharacters,
                format!(
                    "{quoted}: \"{word}\" has a period; periods only follow single letters of a spelled abbreviation \
                     such as \"n. b. a.\""
                ),
            );
        }
    }
    let english = locale.starts_with("en-");
    for word in &words {
        let bare = word.trim_matches(|c: char| c == '.' || c == '\'');
        if english && LAUNCH_WORDS.contains(&bare) {
            report.error(
                Rule::InvocationNameLaunchWord,
                format!("{quoted} contains the launch word \"{bare}\""),
            );
        }
        if WAKE_WORDS.contains(&bare) {
            report.error(
                Rule::InvocationNameWakeWord,
                format!("{quoted} contains \"{bare}\", which invocation names may not use"),
            );
        }
    }
    if english
        && let [first, _] = words.as_slice()
        && ENGLISH_ARTICLES.contains(first)
    {
        report.error(
            Rule::InvocationNameArticle,
            format!("{quoted} is two words starting with \"{first}\"; two-word names cannot start with an article or a preposition"),
        );
    }
}

/// Checks the sample's slot references; `false` when its braces are unbalanced (nothing more can be read from it).
fn sample_slots(
    report: &mut Report<'_>,
    intent_name: &str,
    sample: &str,
    intent: &super::IntentDef,
) -> bool {
    let mut depth = 0_i32;
    let mut balanced = true;
    for c in sample.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if !(0..=1).contains(&depth) {
            balanced = false;
        }
    }
    if !balanced || depth != 0 {
        report.error(
            Rule::UndeclaredSlot,
            format!("intent {intent_name}: sample \"{sample}\" has unbalanced braces; a slot is written {{name}}"),
        );
        return false;
    }
    for slot in super::slot_references(sample) {
        if intent.slot(slot).is_none() {
            let declared: Vec<&str> = intent.slots.iter().map(|s| s.name.as_str()).collect();
            let declared = if declared.is_empty() {
                "it declares no slots".to_owned()
            } else {
                format!("it declares {}", declared.join(", "))
            };
            report.error(
                Rule::UndeclaredSlot,
                format!("intent {intent_name}: sample \"{sample}\" references slot {{{slot}}}, which the intent does not declare ({declared})"),
            );
        }
    }
    true
}

fn sample_characters(report: &mut Report<'_>, intent_name: &str, sample: &str) {
    // Slot names are identifiers, not spoken words: only the text around them is checked.
    let mut spoken = String::new();
    let mut in_slot = false;
    for c in sample.chars() {
        match c {
            '{' => in_slot = true,
            '}' => in_slot = false,
            _ if !in_slot => spoken.push(c),
            _ => {}
        }
    }
    let bad: BTreeSet<char> = spoken
        .chars()
        .filter(|&c| {
            !(c.is_alphabetic() || c == ' ' || c == '\'' || c == '’' || c == '.' || c == '-')
        })
        .collect();
    if bad.is_empty() {
        return;
    }
    let listed: Vec<String> = bad.iter().map(|c| format!("'{c}'")).collect();
    let hint = if bad.iter().any(|c| c.is_numeric()) {
        "; spell numbers out"
    } else {
        ""
    };
    report.error(
        Rule::SampleCharacters,
        format!(
            "intent {intent_name}: sample \"{sample}\" contains {}: only letters, spaces, apostrophes, periods and \
             hyphens are allowed{hint}",
            listed.join(", ")
        ),
    );
}

/// The form two samples are compared in: lowercase, single spaces, typographic apostrophes as `'`, and every slot
/// as its type (`play {source}` and `play {show}` sound the same when both are `LIVE_SOURCE`; `{source}` and
/// `{date}` do not). Expects balanced braces.
fn normalize_sample(sample: &str, intent: &super::IntentDef) -> String {
    let mut normalized = String::new();
    let mut rest = sample;
    while let Some((text, after)) = rest.split_once('{') {
        normalized.push_str(text);
        let (slot, after) = after.split_once('}').unwrap_or((after, ""));
        let slot_type = intent
            .slot(slot)
            .map_or(slot, |declared| declared.slot_type.as_str());
        normalized.push_str(&format!("{{{slot_type}}}"));
        rest = after;
    }
    normalized.push_str(rest);
    normalized
        .replace('’', "'")
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lints the manifest against itself and the models of `models_dir` (keyed by locale; the folder is named in
/// findings about a model missing from it).
#[must_use]
pub fn lint_manifest(
    file: &Path,
    manifest_file: &SkillManifestFile,
    models_dir: &Path,
    models: &BTreeMap<String, InteractionModelFile>,
) -> Vec<Finding> {
    let mut report = Report {
        file,
        findings: Vec::new(),
    };
    let manifest = &manifest_file.manifest;
    if !manifest.declares_interface(AUDIO_PLAYER_INTERFACE) {
        report.error(
            Rule::ManifestAudioPlayer,
            format!(
                "apis.custom.interfaces does not declare {AUDIO_PLAYER_INTERFACE}; Alexa refuses AudioPlayer directives \
                 without it"
            ),
        );
    }
    let declared: BTreeSet<&str> = manifest
        .permissions
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    for scope in crate::skill::PERMISSION_SCOPES {
        if !declared.contains(scope) {
            report.error(
                Rule::ManifestPermissions,
                format!(
                    "permissions does not declare {scope}, which the skill asks listeners for; Alexa refuses the \
                     voice prompt and the API calls without it"
                ),
            );
        }
    }
    for scope in declared {
        if !crate::skill::PERMISSION_SCOPES.contains(&scope) {
            report.warning(
                Rule::ManifestPermissions,
                format!(
                    "permissions declares {scope}, which the skill never uses; certification asks for only the \
                     permissions a skill needs"
                ),
            );
        }
    }
    let model_locales: BTreeSet<&str> = models.keys().map(String::as_str).collect();
    let published: BTreeSet<&str> = manifest.publishing_locales().collect();
    compare_locales(
        &mut report,
        models_dir,
        "publishingInformation.locales",
        &published,
        &model_locales,
    );
    if let Some(privacy) = &manifest.privacy_and_compliance
        && !privacy.locales.is_empty()
    {
        let privacy_locales: BTreeSet<&str> = privacy.locales.keys().map(String::as_str).collect();
        compare_locales(
            &mut report,
            models_dir,
            "privacyAndCompliance.locales",
            &privacy_locales,
            &model_locales,
        );
    }
    if let Some(information) = &manifest.publishing_information {
        for (locale, listing) in &information.locales {
            if listing
                .name
                .as_deref()
                .is_none_or(|name| name.trim().is_empty())
            {
                report.error(
                    Rule::ManifestListing,
                    format!("publishingInformation.locales.{locale} has no name; the store lists the skill by it"),
                );
            }
            if listing.example_phrases.len() > 3 {
                report.error(
                    Rule::ManifestListing,
                    format!(
                        "publishingInformation.locales.{locale} has {} example phrases; the store shows at most three",
                        listing.example_phrases.len()
                    ),
                );
            }
            if let Some(model) = models.get(locale) {
                let invocation = model.language_model().invocation_name.to_lowercase();
                for phrase in &listing.example_phrases {
                    if !phrase.to_lowercase().contains(&invocation) {
                        report.warning(
                            Rule::ManifestListing,
                            format!(
                                "publishingInformation.locales.{locale}: example phrase \"{phrase}\" does not say the \
                                 invocation name \"{invocation}\""
                            ),
                        );
                    }
                }
            }
        }
    }
    report.findings
}

fn compare_locales(
    report: &mut Report<'_>,
    models_dir: &Path,
    field: &str,
    manifest: &BTreeSet<&str>,
    models: &BTreeSet<&str>,
) {
    for locale in manifest.difference(models) {
        report.error(
            Rule::ManifestLocales,
            format!(
                "{field} lists {locale}, but {} has no {locale}.json",
                models_dir.display()
            ),
        );
    }
    for locale in models.difference(manifest) {
        report.error(
            Rule::ManifestLocales,
            format!(
                "{} has no entry in {field}",
                models_dir.join(format!("{locale}.json")).display()
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(invocation: &str, intents: serde_json::Value) -> InteractionModelFile {
        serde_json::from_value(serde_json::json!({
            "interactionModel": {"languageModel": {
                "invocationName": invocation,
                "intents": intents,
                "types": [{"name": "LIVE_SOURCE", "values": []}],
            }}
        }))
        .unwrap()
    }

    fn built_ins() -> Vec<serde_json::Value> {
        AUDIO_PLAYER_REQUIRED
            .iter()
            .chain(CUSTOM_SKILL_REQUIRED)
            .chain(AUDIO_PLAYER_HANDLED)
            .chain(&[FALLBACK_INTENT])
            .collect::<BTreeSet<_>>()
            .into_iter()
            .map(|name| serde_json::json!({"name": name, "samples": []}))
            .collect()
    }

    fn findings(invocation: &str, custom: serde_json::Value) -> Vec<(Rule, String)> {
        let mut intents = built_ins();
        intents.extend(custom.as_array().cloned().unwrap_or_default());
        lint_model(
            Path::new("en-US.json"),
            "en-US",
            &model(invocation, serde_json::Value::Array(intents)),
        )
        .into_iter()
        .map(|finding| (finding.rule, finding.message))
        .collect()
    }

    fn rules(found: &[(Rule, String)]) -> Vec<Rule> {
        found.iter().map(|(rule, _)| *rule).collect()
    }

    #[test]
    fn a_clean_model_has_no_findings() {
        let found = findings(
            "on air live",
            serde_json::json!([{"name": "PlayIntent", "slots": [{"name": "source", "type": "LIVE_SOURCE"}],
                               "samples": ["play {source}", "what's on"]}]),
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn invocation_names_follow_amazons_rules() {
        let cases = [
            ("radio", Rule::InvocationNameWords),
            ("Radio Uno", Rule::InvocationNameCharacters),
            ("radio 101", Rule::InvocationNameCharacters),
            ("radio uno!", Rule::InvocationNameCharacters),
            ("radio.uno live", Rule::InvocationNameCharacters),
            ("open radio uno", Rule::InvocationNameLaunchWord),
            ("alexa radio", Rule::InvocationNameWakeWord),
            ("live radio skill", Rule::InvocationNameWakeWord),
            ("the radio", Rule::InvocationNameArticle),
        ];
        for (name, rule) in cases {
            assert_eq!(
                rules(&findings(name, serde_json::json!([]))),
                [rule],
                "{name}"
            );
        }
        assert!(findings("n. b. a. radio", serde_json::json!([])).is_empty());
        assert!(findings("the radio uno", serde_json::json!([])).is_empty());
    }

    #[test]
    fn samples_may_only_reference_declared_slots() {
        let found = findings(
            "on air live",
            serde_json::json!([{"name": "PlayIntent", "slots": [{"name": "source", "type": "LIVE_SOURCE"}],
                               "samples": ["play {show}", "play {source"]}]),
        );
        assert_eq!(rules(&found), [Rule::UndeclaredSlot, Rule::UndeclaredSlot]);
        assert_eq!(
            found[0].1,
            "intent PlayIntent: sample \"play {show}\" references slot {show}, which the intent does not declare \
             (it declares source)"
        );
    }

    #[test]
    fn duplicate_samples_are_found_across_intents_whatever_the_slot_names() {
        let found = findings(
            "on air live",
            serde_json::json!([
                {"name": "PlayIntent", "slots": [{"name": "source", "type": "LIVE_SOURCE"}], "samples": ["play {source}"]},
                {"name": "OtherIntent", "slots": [{"name": "show", "type": "LIVE_SOURCE"}], "samples": ["Play  {show}"]},
            ]),
        );
        assert_eq!(rules(&found), [Rule::DuplicateSample]);
        assert!(
            found[0].1.contains("also in intent PlayIntent"),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn samples_spell_numbers_out_and_use_no_symbols() {
        let found = findings(
            "on air live",
            serde_json::json!([{"name": "PlayIntent", "samples": ["play channel 5", "play rock & roll", "what's on-air"]}]),
        );
        assert_eq!(
            rules(&found),
            [Rule::SampleCharacters, Rule::SampleCharacters]
        );
        assert!(found[0].1.ends_with("spell numbers out"), "{}", found[0].1);
    }

    #[test]
    fn missing_built_ins_are_named() {
        let only_custom = model(
            "on air live",
            serde_json::json!([{"name": "PlayIntent", "samples": ["play"]}]),
        );
        let found = lint_model(Path::new("en-US.json"), "en-US", &only_custom);
        let missing: Vec<&str> = found
            .iter()
            .filter(|finding| finding.rule == Rule::RequiredIntent)
            .map(|finding| finding.message.as_str())
            .collect();
        assert!(
            missing
                .iter()
                .any(|m| m.starts_with("intent AMAZON.PauseIntent is missing")),
            "{missing:?}"
        );
        assert!(
            missing
                .iter()
                .any(|m| m.starts_with("intent AMAZON.ShuffleOnIntent is missing"))
        );
        assert!(
            found
                .iter()
                .any(|finding| finding.rule == Rule::RecommendedIntent
                    && finding.severity == Severity::Warning)
        );
    }
}
