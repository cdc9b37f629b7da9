//! The `skill` Lambda function: Alexa requests in, answers with AudioPlayer directives out.
//!
//! Configuration is read once at cold start (see `onair::config`); a missing variable fails the init with its name.

use onair::config::Config;
use onair::lambda::{self, ProductionFunction};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            lambda::report_init_error(&error).await;
            return Err(error.into());
        }
    };
    lambda::init_logging(&config.log_filter);
    let function = match ProductionFunction::from_config(&config).await {
        Ok(function) => function,
        Err(error) => {
            lambda::report_init_error(&error).await;
            return Err(error.into());
        }
    };
    lambda::run(&function)
        .await
        .map_err(|error| anyhow::anyhow!(error))
}
