//! The `notify` Lambda function: every 5 minutes (EventBridge), one `AMAZON.MediaContent.Available` event per show
//! going live to each of its followers (see `onair::notify`).
//!
//! Configuration is read once at cold start (`onair::notify::function::NotifyConfig`); a missing variable or an
//! unreadable credentials secret fails the init with its name.

use lambda_runtime::layers::TracingLayer;
use lambda_runtime::{LambdaEvent, Runtime, service_fn};
use onair::lambda;
use onair::notify::function::{NotifyConfig, NotifyFunction};
use serde_json::Value;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = match NotifyConfig::from_env() {
        Ok(config) => config,
        Err(error) => {
            lambda::report_init_error(&error).await;
            return Err(error.into());
        }
    };
    lambda::init_logging(&config.log_filter);
    let function = match NotifyFunction::from_config(&config).await {
        Ok(function) => function,
        Err(error) => {
            lambda::report_init_error(&error).await;
            return Err(error.into());
        }
    };
    let handler = service_fn(|event: LambdaEvent<Value>| {
        let function = &function;
        async move { function.invoke(&event.payload).await }
    });
    Runtime::new(handler)
        .layer(TracingLayer::new())
        .run()
        .await
        .map_err(|error| anyhow::anyhow!(error))
}
