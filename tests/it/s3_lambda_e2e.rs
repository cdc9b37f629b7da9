//! The real `schedule-import` binary through the real `lambda_runtime`, against the Lambda Runtime API served by
//! [`crate::lambda_e2e::RuntimeApi`], s3s-fs and DynamoDB Local: S3 event payloads in, drops imported, reports
//! written, and a DynamoDB outage reported to Lambda as a retryable error.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};

use serde_json::json;

use crate::lambda_e2e::{Outcome, RuntimeApi};
use crate::s3_import::{Drops, drops};

const BROKEN_ROWS_CSV: &str = include_str!("../fixtures/imports/broken-rows.csv");

/// The `schedule-import` binary started as Lambda starts it (a clean environment); killed on drop.
struct ImportProcess(Child);

impl ImportProcess {
    fn spawn(api: &RuntimeApi, drops: &Drops, dynamodb: &str) -> Self {
        let s3 = std::env::var("ONAIR_TEST_S3_ENDPOINT").expect("set by scripts/test");
        let key = std::env::var("AWS_ACCESS_KEY_ID").unwrap_or_else(|_| "onairtest".to_owned());
        let secret =
            std::env::var("AWS_SECRET_ACCESS_KEY").unwrap_or_else(|_| "onairtestsecret".to_owned());
        let child = Command::new(env!("CARGO_BIN_EXE_schedule-import"))
            .env_clear()
            .env("AWS_LAMBDA_RUNTIME_API", api.address.to_string())
            .env("AWS_LAMBDA_FUNCTION_NAME", "onair-schedule-import")
            .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512")
            .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
            .env(
                "AWS_LAMBDA_LOG_GROUP_NAME",
                "/aws/lambda/onair-schedule-import",
            )
            .env("AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/22/[$LATEST]test")
            .env("AWS_REGION", "us-east-1")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("AWS_ACCESS_KEY_ID", key)
            .env("AWS_SECRET_ACCESS_KEY", secret)
            .env("AWS_ENDPOINT_URL_S3", s3)
            .env("AWS_ENDPOINT_URL_DYNAMODB", dynamodb)
            .env("ONAIR_TABLE", &drops.table)
            // The fixture streams are made-up addresses: the import stays on loopback.
            .env("ONAIR_IMPORT_CHECK_STREAMS", "false")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the schedule-import binary starts");
        Self(child)
    }
}

impl Drop for ImportProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn body(value: &impl serde::Serialize) -> Vec<u8> {
    serde_json::to_vec(value).expect("JSON")
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn the_schedule_import_function_imports_a_drop_from_its_s3_event() {
    let Some(drops) = drops().await else { return };
    let dynamodb = std::env::var("ONAIR_TEST_DYNAMODB_ENDPOINT").expect("set by scripts/test");
    let api = RuntimeApi::start().await;
    let _function = ImportProcess::spawn(&api, &drops, &dynamodb);
    let key = "drops/acme/broken-rows.csv";
    let object = format!("s3://{}/{key}", drops.bucket);

    // An ObjectCreated event: the drop is imported and the function answers with what it did.
    let event = drops.put(key, BROKEN_ROWS_CSV.as_bytes()).await;
    assert_eq!(
        api.invoke(body(&event)).await,
        Outcome::Response(json!([
            {"object": object, "status": "imported", "accepted": 4, "rejected": 3}
        ]))
    );
    let report = drops.report(key).await;
    assert_eq!(report["rejections"].as_array().map(Vec::len), Some(3));
    assert!(drops.event("buzz-1123").await.is_some());

    // The same event delivered again changes nothing.
    assert_eq!(
        api.invoke(body(&event)).await,
        Outcome::Response(json!([{"object": object, "skipped": "AlreadyImported"}]))
    );

    // A payload that is not an S3 event is refused by the runtime, and the function keeps serving.
    assert!(matches!(
        api.invoke(&br#"{"Records": "nope"}"#[..]).await,
        Outcome::Error(_)
    ));
    let next = drops
        .put("drops/acme/again.csv", BROKEN_ROWS_CSV.as_bytes())
        .await;
    assert!(matches!(
        api.invoke(body(&next)).await,
        Outcome::Response(_)
    ));
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn a_dynamodb_outage_reaches_lambda_as_a_retryable_error() {
    let Some(drops) = drops().await else { return };
    let closed_port = TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let api = RuntimeApi::start().await;
    let _function = ImportProcess::spawn(&api, &drops, &format!("http://127.0.0.1:{closed_port}"));

    let event = drops
        .put("drops/acme/outage.csv", BROKEN_ROWS_CSV.as_bytes())
        .await;
    let Outcome::Error(diagnostic) = api.invoke(body(&event)).await else {
        panic!("an unreachable DynamoDB must fail the invocation, so Lambda retries it");
    };
    assert_eq!(
        diagnostic["errorType"], "Retryable.DynamoDb",
        "{diagnostic}"
    );
    let message = diagnostic["errorMessage"].as_str().unwrap_or_default();
    assert!(message.starts_with("drop ledger in table"), "{message}");
}
