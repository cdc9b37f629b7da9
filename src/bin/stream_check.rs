//! The `stream-check` Lambda function: on an EventBridge schedule, re-checks the streams of shows live now and
//! starting within 30 minutes and marks failing ones on their event items (`onair::stream::check_live_streams`),
//! so the skill tells listeners instead of playing silence.
//!
//! Configuration is read once at cold start: `ONAIR_TABLE` (required) and `RUST_LOG`. A table that cannot be read
//! or written fails the invocation; the next scheduled run tries again.

use chrono::Utc;
use lambda_runtime::layers::TracingLayer;
use lambda_runtime::{Diagnostic, LambdaEvent, Runtime, service_fn};
use onair::config::{TABLE_VAR, Vars};
use onair::lambda;
use onair::storage::stream_marks::StreamMarks;
use onair::storage::{DynamoDbScheduleStore, ScheduleStore as _};
use onair::stream::{Resolver, ResolverConfig, StreamChecks, check_live_streams};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let vars = Vars::from_env();
    let (table, log_filter) = match vars
        .required(TABLE_VAR)
        .and_then(|table| Ok((table, vars.log_filter()?)))
    {
        Ok(read) => read,
        Err(error) => {
            lambda::report_init_error(&error).await;
            return Err(error.into());
        }
    };
    lambda::init_logging(&log_filter);
    let sdk = onair::aws_env::sdk_config();
    let client = onair::storage::dynamo_db::client(&sdk);
    let marks = StreamMarks::new(client.clone(), table.clone());
    let resolver = Resolver::new(ResolverConfig::default())?;
    let table = table.as_str();
    let handler = service_fn(|_: LambdaEvent<serde_json::Value>| {
        let client = client.clone();
        let marks = marks.clone();
        let resolver = resolver.clone();
        async move {
            let at = Utc::now();
            // A fresh store each run: the marks must be checked against the table as it is now.
            let schedule = DynamoDbScheduleStore::new(client, table)
                .schedule_at(at)
                .await
                .map_err(unavailable)?;
            let run = check_live_streams(&schedule, &StreamChecks::new(resolver), Some(&marks), at)
                .await
                .map_err(unavailable)?;
            for event in run.events.iter().filter(|event| event.change.is_some()) {
                tracing::warn!(
                    event.id = %event.id,
                    change = event.change.unwrap_or_default(),
                    warning = event.warning.as_deref().unwrap_or_default(),
                    "stream mark changed"
                );
            }
            tracing::info!(
                events = run.events.len(),
                streams = run.streams_checked,
                marked = run.marked,
                cleared = run.cleared,
                re_resolved = run.re_resolved,
                "streams checked"
            );
            Ok::<_, Diagnostic>(serde_json::json!({
                "events": run.events.len(),
                "streamsChecked": run.streams_checked,
                "marked": run.marked,
                "cleared": run.cleared,
                "reResolved": run.re_resolved,
            }))
        }
    });
    Runtime::new(handler)
        .layer(TracingLayer::new())
        .run()
        .await
        .map_err(|error| anyhow::anyhow!(error))
}

/// A table failure as Lambda reports it; the next scheduled run tries again.
fn unavailable(error: onair::storage::StoreError) -> Diagnostic {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        message = format!("{message}: {cause}");
        source = cause.source();
    }
    Diagnostic {
        error_type: "Retryable.DynamoDb".to_owned(),
        error_message: message,
    }
}
