//! The one integration-test binary: each module is a test area (`cargo test --test it <area>`).

mod cli_messages;
mod contract;
mod conversation;
mod conversation_scripts;
mod dialog;
mod dynamo;
mod dynamo_faults;
mod dynamo_template;
mod envelopes;
mod guard;
mod import_corpus;
mod lambda_e2e;
mod lint;
mod locales;
mod nlu;
mod package;
mod playback_state;
mod replay;
mod s3_import;
mod s3_lambda_e2e;
mod s3_media;
mod say;
mod serve;
mod support;
mod time_zone;
mod wire;
