//! `onair package`: an ASK CLI v2 skill package of the manifest (endpoint filled in) and the interaction models,
//! ready for `ask deploy`.
//!
//! Layout written under `--out DIR` (ASK CLI v2, `askcliResourcesVersion` 2020-03-31):
//!
//! ```text
//! DIR/ask-resources.json                                  where the skill package is
//! DIR/skill-package/skill.json                            skill-manifest/skill.json with apis.custom.endpoint.uri
//! DIR/skill-package/interactionModels/custom/<locale>.json   interaction-models/<locale>.json, unchanged
//! DIR/.ask/ask-states.json                                only with --skill-id: deploy to that existing skill
//! ```

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;

use anyhow::{Context as _, bail};
use serde_json::{Value, json};

use crate::config::SkillId;
use crate::interaction_model::lint::{Severity, lint};
use crate::interaction_model::{SkillManifestFile, load_models};

/// The `askcliResourcesVersion` / `askcliStatesVersion` of ASK CLI v2 project files.
const ASK_CLI_FORMAT: &str = "2020-03-31";

/// Arguments of `onair package`.
#[derive(Debug, Clone, clap::Args)]
pub struct PackageArgs {
    /// The skill function's ARN (the stack output SkillFunctionArn), written to apis.custom.endpoint.uri.
    #[arg(long, value_name = "ARN")]
    pub endpoint: LambdaArn,
    /// The folder to write the package into (created if missing; stale models in it are removed).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The folder of interaction models, one `<locale>.json` each.
    #[arg(long, value_name = "DIR", default_value = "interaction-models")]
    pub models: PathBuf,
    /// The skill manifest.
    #[arg(long, value_name = "FILE", default_value = "skill-manifest/skill.json")]
    pub manifest: PathBuf,
    /// Deploy to this existing skill (writes .ask/ask-states.json); without it, the first `ask deploy` creates a
    /// new skill.
    #[arg(long, value_name = "SKILL_ID", value_parser = parse_skill_id)]
    pub skill_id: Option<SkillId>,
}

fn parse_skill_id(text: &str) -> Result<SkillId, String> {
    let id = SkillId::parse(text)?;
    // Real ids end in a UUID (amzn1.ask.skill.1a2b…); a copied example such as amzn1.ask.skill.YOUR-SKILL-ID would
    // make `ask deploy` fail far from here, after the upload.
    let uuid = text.rsplit('.').next().unwrap_or_default();
    if uuid.is_empty() || !uuid.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Err(format!(
            "{text} looks like a placeholder: use your skill's id (amzn1.ask.skill. followed by a UUID), as the \
             Alexa developer console shows it under the skill's name, or leave --skill-id out to create a new skill"
        ));
    }
    Ok(id)
}

/// Why a text is not a Lambda function ARN.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "expected a Lambda function ARN such as arn:aws:lambda:us-east-1:123456789012:function:onair-skill ({reason})"
)]
pub struct ArnError {
    reason: &'static str,
}

/// A Lambda function ARN, `arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]`: the only endpoint shape this
/// package writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LambdaArn(String);

impl LambdaArn {
    /// The ARN as written.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The region part (`us-east-1`).
    #[must_use]
    pub fn region(&self) -> &str {
        self.0.split(':').nth(3).unwrap_or_default()
    }
}

impl FromStr for LambdaArn {
    type Err = ArnError;

    fn from_str(text: &str) -> Result<Self, ArnError> {
        let fail = |reason| Err(ArnError { reason });
        let parts: Vec<&str> = text.split(':').collect();
        let (prefix, rest) = parts.split_at(parts.len().min(3));
        if prefix != ["arn", "aws", "lambda"] {
            return fail("it must start with arn:aws:lambda:");
        }
        let [region, account, resource, name, qualifier @ ..] = rest else {
            return fail("it has too few parts");
        };
        let region_parts: Vec<&str> = region.split('-').collect();
        let region_ok = region_parts.len() >= 3
            && region_parts.iter().all(|part| {
                !part.is_empty()
                    && part
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            })
            && region_parts
                .last()
                .is_some_and(|last| last.chars().all(|c| c.is_ascii_digit()));
        if !region_ok {
            return fail("the region is not like us-east-1");
        }
        if account.len() != 12 || !account.chars().all(|c| c.is_ascii_digit()) {
            return fail("the account is not 12 digits");
        }
        if *resource != "function" {
            return fail("it does not name a function");
        }
        let name_ok = (1..=64).contains(&name.len())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !name_ok {
            return fail(
                "the function name is not 1 to 64 letters, digits, hyphens or underscores",
            );
        }
        match qualifier {
            [] => {}
            [version_or_alias]
                if (1..=128).contains(&version_or_alias.len())
                    && version_or_alias
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '$') => {
            }
            _ => return fail("the qualifier after the function name is not a version or an alias"),
        }
        Ok(Self(text.to_owned()))
    }
}

impl fmt::Display for LambdaArn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Writes the package (see the module docs) and returns the files written. Refuses when `onair lint` finds errors,
/// so a package that certification would reject is never built.
///
/// # Errors
/// Lint errors (each listed), an unreadable model or manifest, or a file that cannot be written.
pub fn package(args: &PackageArgs) -> anyhow::Result<Vec<PathBuf>> {
    let findings = lint(&args.models, &args.manifest);
    let errors: Vec<String> = findings
        .iter()
        .filter(|finding| finding.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    if !errors.is_empty() {
        bail!(
            "the skill in {} and {} would fail certification; fix these first (onair lint --models {} --manifest \
             {}):\n{}",
            args.models.display(),
            args.manifest.display(),
            args.models.display(),
            args.manifest.display(),
            errors.join("\n")
        );
    }
    let models = load_models(&args.models)?;
    let manifest = SkillManifestFile::load(&args.manifest)?;

    let package_dir = args.out.join("skill-package");
    let models_out = package_dir.join("interactionModels").join("custom");
    create_dir(&models_out)?;
    // A locale removed from interaction-models/ must not be deployed again from an old package.
    for entry in std::fs::read_dir(&models_out)
        .with_context(|| format!("cannot read {}", models_out.display()))?
    {
        let path = entry?.path();
        if path
            .extension()
            .is_some_and(|extension| extension == "json")
        {
            std::fs::remove_file(&path)
                .with_context(|| format!("cannot remove {}", path.display()))?;
        }
    }

    let mut written = Vec::new();
    let mut manifest = serde_json::to_value(&manifest)?;
    let endpoint = &mut manifest["manifest"]["apis"]["custom"]["endpoint"];
    endpoint["uri"] = json!(args.endpoint.as_str());
    // ASK CLI v1 manifests name a source folder instead; v2 deploys the uri.
    if let Some(endpoint) = endpoint.as_object_mut() {
        endpoint.remove("sourceDir");
    }
    // Proactive events (go-live notifications) are published by the same skill: their endpoint is the skill's.
    if let Some(events) = manifest["manifest"]
        .get_mut("events")
        .and_then(Value::as_object_mut)
    {
        events.insert(
            "endpoint".to_owned(),
            json!({"uri": args.endpoint.as_str()}),
        );
    }
    written.push(write_json(&package_dir.join("skill.json"), &manifest)?);

    for locale in models.keys() {
        let from = args.models.join(format!("{locale}.json"));
        let to = models_out.join(format!("{locale}.json"));
        std::fs::copy(&from, &to)
            .with_context(|| format!("cannot copy {} to {}", from.display(), to.display()))?;
        written.push(to);
    }

    let resources = json!({
        "askcliResourcesVersion": ASK_CLI_FORMAT,
        "profiles": {"default": {"skillMetadata": {"src": "./skill-package"}}},
    });
    written.push(write_json(
        &args.out.join("ask-resources.json"),
        &resources,
    )?);

    if let Some(skill_id) = &args.skill_id {
        let states_path = args.out.join(".ask").join("ask-states.json");
        create_dir(states_path.parent().unwrap_or(&args.out))?;
        // Keep what the ASK CLI recorded there (deploy hashes), change only the skill id.
        let mut states = std::fs::read_to_string(&states_path)
            .ok()
            .and_then(|text| serde_json::from_str::<Value>(&text).ok())
            .filter(Value::is_object)
            .unwrap_or_else(|| json!({"askcliStatesVersion": ASK_CLI_FORMAT}));
        states["profiles"]["default"]["skillId"] = json!(skill_id.as_str());
        written.push(write_json(&states_path, &states)?);
    }
    Ok(written)
}

fn create_dir(path: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(path).with_context(|| format!("cannot create {}", path.display()))
}

fn write_json(path: &Path, value: &Value) -> anyhow::Result<PathBuf> {
    let text = serde_json::to_string_pretty(value)? + "\n";
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path.to_path_buf())
}

pub(super) fn run(args: &PackageArgs) -> anyhow::Result<ExitCode> {
    for path in package(args)? {
        super::emit(format_args!("wrote {}", path.display()))?;
    }
    let region = args.endpoint.region();
    if !["us-east-1", "eu-west-1", "us-west-2"].contains(&region) {
        eprintln!(
            "note: the endpoint is in {region}; Alexa's Lambda endpoints are usually in us-east-1 (North America), \
             eu-west-1 (Europe, India) or us-west-2 (Far East)"
        );
    }
    super::emit(format_args!(
        "next: cd {} && ask deploy",
        args.out.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_arns_are_accepted_with_or_without_a_qualifier() {
        for arn in [
            "arn:aws:lambda:us-east-1:123456789012:function:onair-skill",
            "arn:aws:lambda:eu-west-1:123456789012:function:onair_skill:live",
            "arn:aws:lambda:us-west-2:123456789012:function:onair:$LATEST",
        ] {
            let parsed: LambdaArn = arn.parse().unwrap();
            assert_eq!(parsed.as_str(), arn);
        }
        let arn: LambdaArn = "arn:aws:lambda:eu-west-1:123456789012:function:f"
            .parse()
            .unwrap();
        assert_eq!(arn.region(), "eu-west-1");
    }

    #[test]
    fn other_texts_are_refused_with_the_reason() {
        let reason = |text: &str| text.parse::<LambdaArn>().unwrap_err().reason;
        assert_eq!(reason("onair-skill"), "it must start with arn:aws:lambda:");
        assert_eq!(
            reason("arn:aws:s3:::bucket"),
            "it must start with arn:aws:lambda:"
        );
        assert_eq!(
            reason("arn:aws:lambda:us-east-1:123456789012"),
            "it has too few parts"
        );
        assert_eq!(
            reason("arn:aws:lambda:useast:123456789012:function:f"),
            "the region is not like us-east-1"
        );
        assert_eq!(
            reason("arn:aws:lambda:us-east-1:1234:function:f"),
            "the account is not 12 digits"
        );
        assert_eq!(
            reason("arn:aws:lambda:us-east-1:123456789012:layer:f"),
            "it does not name a function"
        );
        assert_eq!(
            reason("arn:aws:lambda:us-east-1:123456789012:function:my skill"),
            "the function name is not 1 to 64 letters, digits, hyphens or underscores"
        );
        assert_eq!(
            reason("arn:aws:lambda:us-east-1:123456789012:function:f:a:b"),
            "the qualifier after the function name is not a version or an alias"
        );
        let message = "x".parse::<LambdaArn>().unwrap_err().to_string();
        assert!(message.starts_with("expected a Lambda function ARN such as arn:aws:lambda:"));
    }
}
