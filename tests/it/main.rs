//! The one integration-test binary: each module is a test area (`cargo test --test it <area>`).

mod contract;
mod dialog;
mod dynamo;
mod dynamo_faults;
mod dynamo_template;
mod envelopes;
mod fuzz_regressions;
mod guard;
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
mod serve_hygiene;
mod serve_pki;
mod serve_verify;
mod support;
mod time_zone;
mod wire;
