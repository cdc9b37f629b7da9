//! `onair table …`: create onair's DynamoDB tables from their one definition ([`crate::storage::tables`]).

use anyhow::Context as _;

use crate::storage::tables::{self, Created};

/// Arguments of `onair table`.
#[derive(Debug, clap::Args)]
pub struct TableArgs {
    /// What to do with the tables.
    #[command(subcommand)]
    pub command: TableCommand,
}

/// The `onair table` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum TableCommand {
    /// Create the events, playback-state and follows tables (on-demand billing, TTL on); existing tables are
    /// left as they are, so running it twice is harmless.
    ///
    /// The endpoint follows the AWS SDK's variables: AWS_ENDPOINT_URL=http://127.0.0.1:8000 targets DynamoDB Local.
    Create(CreateArgs),
    /// Print the tables' CloudFormation properties (keys, indexes, TTL) as JSON: what template.yaml declares.
    Definition,
}

/// Arguments of `onair table create`.
#[derive(Debug, clap::Args)]
pub struct CreateArgs {
    /// The events table's name.
    #[arg(long, env = "ONAIR_TABLE", value_name = "NAME")]
    pub table: String,
    /// The playback-state table's name (default: the events table's name followed by `-playback`).
    #[arg(long, env = "ONAIR_PLAYBACK_TABLE", value_name = "NAME")]
    pub playback_table: Option<String>,
    /// The follows table's name (default: the events table's name followed by `-follows`).
    #[arg(long, env = "ONAIR_FOLLOWS_TABLE", value_name = "NAME")]
    pub follows_table: Option<String>,
}

/// Runs `onair table …`.
///
/// # Errors
/// DynamoDB cannot be reached or refuses to create a table.
pub async fn run(args: TableArgs) -> anyhow::Result<()> {
    match args.command {
        TableCommand::Create(args) => create(args).await,
        TableCommand::Definition => {
            let definition = serde_json::json!({
                "events": tables::EVENTS.cloudformation_properties(),
                "playback": tables::PLAYBACK.cloudformation_properties(),
                "follows": tables::FOLLOWS.cloudformation_properties(),
            });
            println!("{}", serde_json::to_string_pretty(&definition)?);
            Ok(())
        }
    }
}

async fn create(args: CreateArgs) -> anyhow::Result<()> {
    let sdk = super::sdk_config().await?;
    let client = aws_sdk_dynamodb::Client::new(&sdk);
    let playback = args
        .playback_table
        .unwrap_or_else(|| tables::default_playback_table(&args.table));
    let follows = args
        .follows_table
        .unwrap_or_else(|| tables::default_follows_table(&args.table));
    for (spec, name) in [
        (tables::EVENTS, &args.table),
        (tables::PLAYBACK, &playback),
        (tables::FOLLOWS, &follows),
    ] {
        let created = spec
            .create(&client, name)
            .await
            .with_context(|| format!("cannot create the {} table {name}", spec.role))?;
        match created {
            Created::New => println!("created {} table {name}", spec.role),
            Created::AlreadyExisted => println!("{} table {name} already exists", spec.role),
        }
    }
    Ok(())
}
