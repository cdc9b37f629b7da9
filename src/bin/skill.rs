//! The `skill` Lambda function: Alexa requests in, answers with AudioPlayer directives out.
//!
//! Configuration is read once at cold start (see `onair::config`); a missing variable fails the init with its name.

use onair::config::Config;
use onair::lambda::{self, ProductionFunction};

// One thread: Lambda sends one request at a time to a container that has a fraction of a core (a sixth of one at
// 256 MB), so worker threads would add memory (stacks, allocator arenas) and no speed. The background snapshot
// load interleaves with requests at its awaits.
#[tokio::main(flavor = "current_thread")]
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
