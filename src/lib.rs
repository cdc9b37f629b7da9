//! onair: the backend of an Alexa skill that plays live shows (concerts, radio, talk) from a schedule.
//!
//! # Layout
//!
//! The crate is a functional core with adapters at the edge. Dependencies point inward only.
//!
//! - [`alexa`]: the Alexa Skills Kit wire types (requests, responses, directives) and the response guard.
//!   No logic beyond checking Alexa's own rules, no I/O.
//! - [`schedule`]: the domain: live events, the schedule file format, recurrence, "what is live at `now`",
//!   name matching. Pure and synchronous; knows nothing of Alexa or AWS.
//! - [`skill`]: the dialog. The only module that joins `alexa` and `schedule`: a request and a schedule in, a
//!   response out, with the clock as an input.
//! - [`storage`]: the ports ([`storage::ScheduleStore`]) and their adapters (embedded schedule, DynamoDB, S3).
//! - [`cli`]: the `onair` command for people (`say`, `replay`, `schema`, `schedule …`).
//! - `src/bin/`: thin entry points (the `onair` CLI, the Lambda functions).

pub mod alexa;
pub mod interaction_model;
pub mod schedule;
pub mod skill;
pub mod storage;
pub mod cli;
