//! The one integration-test binary: each module is a test area (`cargo test --test it <area>`).

mod contract;
mod dialog;
mod dynamo;
mod dynamo_faults;
mod dynamo_template;
mod envelopes;
mod guard;
mod nlu;
mod replay;
mod say;
mod support;
mod wire;
