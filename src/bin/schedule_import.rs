//! The `schedule-import` Lambda function: S3 `ObjectCreated` events for partner drops (`drops/<partner>/…`) in,
//! schedule rows upserted into the events table and a report written to `reports/<key>.json`.
//!
//! Configuration is read once at cold start (`onair::import::ImportConfig`); a missing variable fails the init with
//! its name. A transient S3 or DynamoDB failure fails the invocation, so Lambda retries it.

use aws_lambda_events::event::s3::S3Event;
use lambda_runtime::layers::TracingLayer;
use lambda_runtime::{LambdaEvent, Runtime, service_fn};
use onair::import::{ImportConfig, Importer};
use onair::lambda;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = match ImportConfig::from_env() {
        Ok(config) => config,
        Err(error) => {
            lambda::report_init_error(&error).await;
            return Err(error.into());
        }
    };
    lambda::init_logging(&config.log_filter);
    let sdk = onair::aws_env::sdk_config();
    let mut importer =
        Importer::from_sdk_config(&sdk, &config.events_table).with_horizon(config.horizon);
    if config.check_streams {
        importer = importer.with_stream_checks(onair::stream::Resolver::new(
            onair::stream::ResolverConfig::default(),
        )?);
    }
    let handler = service_fn(|event: LambdaEvent<S3Event>| importer.invoke(event));
    Runtime::new(handler)
        .layer(TracingLayer::new())
        .run()
        .await
        .map_err(|error| anyhow::anyhow!(error))
}
