//! `onair schema`: the JSON Schemas testers use to check their fixtures and conversation scripts with their own
//! tools.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;

use super::conversation_test::script::script_schema;
use crate::alexa::schema::{request_schema, response_schema};

/// Arguments of `onair schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// The folder to write request.schema.json, response.schema.json and conversation.schema.json into (created if
    /// missing). The default is under target/, which git ignores.
    #[arg(long, value_name = "DIR", default_value = "target/schemas")]
    pub out: PathBuf,
}

pub(super) fn run(args: &SchemaArgs) -> anyhow::Result<ExitCode> {
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    for (name, schema) in [
        ("request.schema.json", request_schema()),
        ("response.schema.json", response_schema()),
        ("conversation.schema.json", script_schema()),
    ] {
        let path = args.out.join(name);
        let text = serde_json::to_string_pretty(&schema)?;
        std::fs::write(&path, text + "\n")
            .with_context(|| format!("cannot write {}", path.display()))?;
        super::emit(format_args!("wrote {}", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}
