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
//! - [`device_settings`]: the Alexa Settings API adapter of [`skill::DeviceZones`] (the device's time zone).
//! - [`reminders_api`]: the Alexa Reminders API adapter of [`skill::reminders::Reminders`] ("remind me when …").
//! - [`interaction_model`]: the interaction models and skill manifest as data, their lint rules, and the offline
//!   NLU that lets `onair say` turn typed text into the IntentRequest Alexa would send.
//! - [`import`]: partner schedule drops in S3 → the events table, with a report per file (the `schedule-import`
//!   Lambda function and `onair schedule import s3://…`).
//! - [`cli`]: the `onair` command for people (`say`, `replay`, `schema`, `schedule …`). With
//!   [`interaction_model`], only in the default `cli` feature: the Lambda builds (`--no-default-features`) leave it out.
//! - [`config`] and [`lambda`]: the `skill` Lambda function's configuration and shell (skill-id check, JSON logs,
//!   EMF metrics, the runtime loop).
//! - [`notify`] and [`proactive_events`]: go-live notifications to followers (the `notify` Lambda function) through
//!   the Alexa Proactive Events API.
//! - [`locale`]: the one table of locales (phrase catalog, interaction model, clock, language) the others read.
//! - [`stream`]: partners' stream URLs resolved to what an Echo plays (HLS renditions, playlist entries), checked.
//! - [`aws_env`]: the AWS settings of a Lambda function, from the variables Lambda sets (no aws-config loader).
//! - [`tls`]: the one TLS stack (rustls on ring) every AWS and HTTPS client is built with.
//! - `src/bin/`: thin entry points (the `onair` CLI, the Lambda functions).

pub mod alexa;
pub mod aws_env;
#[cfg(feature = "cli")]
pub mod cli;
pub mod config;
pub mod device_settings;
pub mod import;
#[cfg(feature = "cli")]
pub mod interaction_model;
pub mod lambda;
pub mod locale;
pub mod notify;
pub mod proactive_events;
pub mod reminders_api;
pub mod schedule;
#[cfg(feature = "cli")]
pub mod serve;
pub mod skill;
pub mod storage;
pub mod stream;
pub mod tls;
