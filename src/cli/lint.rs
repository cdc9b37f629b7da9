//! `onair lint`: the certification checks on `interaction-models/` and `skill-manifest/` (see
//! [`crate::interaction_model::lint`]), for people and CI.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::interaction_model::lint::{Finding, Severity, lint};

/// Arguments of `onair lint`.
#[derive(Debug, Clone, clap::Args)]
pub struct LintArgs {
    /// The folder of interaction models, one `<locale>.json` each.
    #[arg(long, value_name = "DIR", default_value = "interaction-models")]
    pub models: PathBuf,
    /// The skill manifest.
    #[arg(long, value_name = "FILE", default_value = "skill-manifest/skill.json")]
    pub manifest: PathBuf,
}

/// Runs the checks and prints one line per finding, then a summary; exit 1 when there are errors.
pub(super) fn run(args: &LintArgs) -> anyhow::Result<ExitCode> {
    let findings = lint(&args.models, &args.manifest);
    for finding in &findings {
        super::emit(finding)?;
    }
    let (errors, warnings) = count(&findings);
    super::emit(summary(&args.models, &args.manifest, errors, warnings))?;
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Errors and warnings among `findings`.
pub(super) fn count(findings: &[Finding]) -> (usize, usize) {
    let errors = findings
        .iter()
        .filter(|finding| finding.severity == Severity::Error)
        .count();
    (errors, findings.len() - errors)
}

fn summary(models: &Path, manifest: &Path, errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!(
        "lint: {}, {} in {} and {}",
        plural(errors, "error"),
        plural(warnings, "warning"),
        models.display(),
        manifest.display()
    )
}
