//! Test plumbing for the real local servers that `scripts/test` starts: DynamoDB Local and s3s-fs clients, unique
//! table names, and a test-owned DynamoDB Local that a fault test may kill.
//!
//! A test that needs a server calls [`dynamodb`] or [`s3`] and carries
//! `#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]`. Under plain `cargo test`
//! (no `ONAIR_TEST_*` variables) it panics with "run scripts/test", so a missing server is never mistaken for a pass;
//! with `ONAIR_SKIP_SERVERS=1` the build script sets `onair_skip_servers` and the test is reported as ignored
//! ([`every_server_test_is_ignored_when_servers_are_skipped`] keeps the attribute on every such test).

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use aws_config::{BehaviorVersion, SdkConfig};
use aws_sdk_dynamodb::config::{Credentials, Region};

/// The endpoint in `variable`, or `None` when servers are skipped on purpose.
fn endpoint(variable: &str) -> Option<String> {
    if let Ok(endpoint) = std::env::var(variable) {
        return Some(endpoint);
    }
    if std::env::var("ONAIR_SKIP_SERVERS").as_deref() == Ok("1") {
        return None;
    }
    panic!(
        "{variable} is not set: run scripts/test, which starts the local servers this test needs \
         (or set ONAIR_SKIP_SERVERS=1 to skip such tests)"
    );
}

/// AWS settings for a local server: its endpoint, the test credentials (`scripts/test` exports them) and region.
pub(crate) async fn sdk_config(endpoint: &str) -> SdkConfig {
    let key = std::env::var("AWS_ACCESS_KEY_ID").unwrap_or_else(|_| "onairtest".to_owned());
    let secret =
        std::env::var("AWS_SECRET_ACCESS_KEY").unwrap_or_else(|_| "onairtestsecret".to_owned());
    aws_config::defaults(BehaviorVersion::latest())
        .endpoint_url(endpoint)
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new(key, secret, None, None, "onair-tests"))
        .load()
        .await
}

/// The shared DynamoDB Local of this test run.
pub(crate) struct DynamoDb {
    /// Settings pointing at it.
    pub(crate) sdk: SdkConfig,
    /// A client with the production timeouts and retries.
    pub(crate) client: aws_sdk_dynamodb::Client,
}

/// The shared DynamoDB Local, or `None` when `ONAIR_SKIP_SERVERS=1` (see the module docs).
pub(crate) async fn dynamodb() -> Option<DynamoDb> {
    let endpoint = endpoint("ONAIR_TEST_DYNAMODB_ENDPOINT")?;
    Some(DynamoDb::at(&endpoint).await)
}

impl DynamoDb {
    async fn at(endpoint: &str) -> Self {
        let sdk = sdk_config(endpoint).await;
        let client = onair::storage::dynamo_db::client(&sdk);
        Self { sdk, client }
    }
}

/// An S3 client for the run's s3s-fs (path-style addressing, as s3s-fs needs), or `None` when servers are skipped.
pub(crate) async fn s3() -> Option<aws_sdk_s3::Client> {
    let endpoint = endpoint("ONAIR_TEST_S3_ENDPOINT")?;
    let sdk = sdk_config(&endpoint).await;
    let config = aws_sdk_s3::config::Builder::from(&sdk)
        .force_path_style(true)
        .build();
    Some(aws_sdk_s3::Client::from_conf(config))
}

/// A name no other test uses, so tests share one DynamoDB Local (or one bucket server) in parallel.
pub(crate) fn unique_name(prefix: &str) -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.subsec_nanos());
    format!(
        "{prefix}-{}-{}-{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// A DynamoDB Local owned by one test (so it can kill it without disturbing the others); killed on drop.
pub(crate) struct OwnedDynamoDb {
    child: Child,
    /// The server and a client for it.
    pub(crate) db: DynamoDb,
}

impl OwnedDynamoDb {
    /// Starts a fresh in-memory DynamoDB Local on a free port and waits until it answers (30 s at most), or `None`
    /// when servers are skipped.
    pub(crate) async fn start() -> Option<Self> {
        let jar_dir = endpoint("ONAIR_TEST_DYNAMODB_JAR_DIR")?;
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free loopback port")
            .port();
        let child = Command::new("java")
            .current_dir(&jar_dir)
            .args([
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx256m",
                "-Djava.library.path=./DynamoDBLocal_lib",
                "-jar",
                "DynamoDBLocal.jar",
                "-inMemory",
                "-sharedDb",
                "-port",
                &port.to_string(),
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("java starts DynamoDB Local");
        let mut owned = Self {
            child,
            db: DynamoDb::at(&format!("http://127.0.0.1:{port}")).await,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while owned.db.client.list_tables().send().await.is_err() {
            assert!(
                Instant::now() < deadline,
                "test-owned DynamoDB Local did not answer within 30 s"
            );
            assert!(
                owned.child.try_wait().ok().flatten().is_none(),
                "test-owned DynamoDB Local exited at start-up"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        Some(owned)
    }

    /// Freezes (`STOP`) or thaws (`CONT`) the server: a frozen server accepts connections and never answers, as an
    /// overloaded or partitioned service does.
    pub(crate) fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args([format!("-{signal}"), self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -{signal} failed");
    }

    /// Kills the server now, as an outage would.
    pub(crate) fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for OwnedDynamoDb {
    fn drop(&mut self) {
        self.kill();
    }
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn the_local_s3_server_accepts_signed_requests() {
    let Some(s3) = s3().await else { return };
    let bucket = unique_name("bucket");
    s3.create_bucket()
        .bucket(&bucket)
        .send()
        .await
        .expect("create bucket");
    let listed = s3.list_buckets().send().await.expect("list buckets");
    assert!(
        listed
            .buckets()
            .iter()
            .any(|listed| listed.name() == Some(bucket.as_str()))
    );
}

/// Every test that reaches for a server carries the attribute that reports it as ignored under
/// `ONAIR_SKIP_SERVERS=1`, so a skipped run never counts a server test as passed.
#[test]
fn every_server_test_is_ignored_when_servers_are_skipped() {
    let attribute = "#[cfg_attr(onair_skip_servers, ignore = \"needs scripts/test\")]";
    let needles = [
        "support::dynamodb",
        "support::s3",
        "OwnedDynamoDb::start",
        "ONAIR_TEST_",
        "drops().await",
    ];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("tests/it") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable");
        let lines: Vec<&str> = text.lines().collect();
        let starts: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i] == "#[test]" || lines[i].starts_with("#[tokio::test"))
            .collect();
        for (n, &start) in starts.iter().enumerate() {
            let end = starts.get(n + 1).copied().unwrap_or(lines.len());
            let body = lines[start..end].join("\n");
            let attributes: Vec<&str> = lines[..start]
                .iter()
                .rev()
                .take_while(|line| line.starts_with("#[") || line.starts_with("///"))
                .copied()
                .collect();
            let ignored = body.contains("#[ignore")
                || attributes
                    .iter()
                    .any(|a| *a == attribute || a.starts_with("#[ignore"));
            let this_check =
                body.contains("fn every_server_test_is_ignored_when_servers_are_skipped");
            if needles.iter().any(|needle| body.contains(needle)) && !ignored && !this_check {
                missing.push(format!("{}:{}", path.display(), start + 1));
            }
        }
    }
    assert!(missing.is_empty(), "add {attribute} to: {missing:#?}");
}
