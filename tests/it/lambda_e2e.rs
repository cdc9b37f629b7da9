//! The real `skill` binary, through the real `lambda_runtime`, against a Lambda Runtime API served by the test and
//! the run's DynamoDB Local: request fixtures in, the reviewed snapshot responses out.
//!
//! [`RuntimeApi`] implements the four endpoints a runtime uses (`invocation/next`, `…/response`, `…/error`,
//! `init/error`) on a loopback port; [`SkillProcess`] spawns the binary the way Lambda does (`AWS_LAMBDA_*`
//! variables, a clean environment) and kills it on drop.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use http_body_util::{BodyExt as _, Full};
use hyper::body::{Bytes, Incoming};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::{mpsc, oneshot, watch};

use onair::storage::tables;

use crate::dynamo::{events_table, fixture_now, import};
use crate::replay::{fixture, requests_dir};
use crate::support::{self, DynamoDb};

const SKILL_ID: &str = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000";
const FUNCTION_ARN: &str = "arn:aws:lambda:us-east-1:123456789012:function:onair-skill";
const DEFAULT_SCHEDULE: &str = include_str!("../fixtures/schedules/default.json");
/// How long one invocation may take before the test gives up (a debug binary against DynamoDB Local: well under 1 s).
const INVOCATION_TIMEOUT: Duration = Duration::from_secs(30);

/// What the function posted back for one invocation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Outcome {
    /// `POST /runtime/invocation/{id}/response`, the body as JSON.
    Response(Value),
    /// `POST /runtime/invocation/{id}/error`, the diagnostic as JSON.
    Error(Value),
}

struct Pending {
    id: String,
    body: Bytes,
}

struct ApiState {
    pending: tokio::sync::Mutex<mpsc::UnboundedReceiver<Pending>>,
    outcomes: Mutex<HashMap<String, oneshot::Sender<Outcome>>>,
    init_error: watch::Sender<Option<Value>>,
}

/// A Lambda Runtime API on a loopback port: [`Self::invoke`] queues an event and waits for the function's answer.
pub(crate) struct RuntimeApi {
    pub(crate) address: SocketAddr,
    queue: mpsc::UnboundedSender<Pending>,
    state: Arc<ApiState>,
    next_id: AtomicU64,
    server: tokio::task::JoinHandle<()>,
}

impl RuntimeApi {
    pub(crate) async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let address = listener.local_addr().expect("bound address");
        let (queue, pending) = mpsc::unbounded_channel();
        let state = Arc::new(ApiState {
            pending: tokio::sync::Mutex::new(pending),
            outcomes: Mutex::new(HashMap::new()),
            init_error: watch::channel(None).0,
        });
        let serving = Arc::clone(&state);
        let server = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let state = Arc::clone(&serving);
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |request| {
                        route(Arc::clone(&state), request)
                    });
                    // A connection ends when the function exits; that is not the test's concern.
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Self {
            address,
            queue,
            state,
            next_id: AtomicU64::new(1),
            server,
        }
    }

    /// Hands `body` to the function as the next event and waits for what it posts back.
    pub(crate) async fn invoke(&self, body: impl Into<Bytes>) -> Outcome {
        let id = format!(
            "00000000-0000-0000-0000-{:012}",
            self.next_id.fetch_add(1, Ordering::Relaxed)
        );
        let (sender, receiver) = oneshot::channel();
        self.state
            .outcomes
            .lock()
            .expect("outcomes lock")
            .insert(id.clone(), sender);
        self.queue
            .send(Pending {
                id: id.clone(),
                body: body.into(),
            })
            .expect("the server is running");
        tokio::time::timeout(INVOCATION_TIMEOUT, receiver)
            .await
            .unwrap_or_else(|_| {
                panic!("invocation {id} got no answer within {INVOCATION_TIMEOUT:?}")
            })
            .expect("the server keeps the sender until it answers")
    }

    /// The body of `POST /runtime/init/error`, once the function sends it.
    async fn init_error(&self, within: Duration) -> Option<Value> {
        let mut receiver = self.state.init_error.subscribe();
        let reported = tokio::time::timeout(within, receiver.wait_for(Option::is_some)).await;
        reported.ok()?.ok()?.clone()
    }
}

impl Drop for RuntimeApi {
    fn drop(&mut self) {
        self.server.abort();
    }
}

fn reply(status: StatusCode, body: impl Into<Bytes>) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(body.into()));
    *response.status_mut() = status;
    response
}

async fn route(
    state: Arc<ApiState>,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    const PREFIX: &str = "/2018-06-01/runtime/";
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let Some(route) = path.strip_prefix(PREFIX) else {
        return Ok(reply(StatusCode::NOT_FOUND, "not a runtime API path"));
    };
    if method == Method::GET && route == "invocation/next" {
        // Long poll, as Lambda does: the function waits here until the test invokes it.
        let next = state.pending.lock().await.recv().await;
        let Some(pending) = next else {
            return Ok(reply(StatusCode::GONE, "the test is over"));
        };
        let deadline = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("after 1970")
            .as_millis()
            + 8_000;
        let mut response = reply(StatusCode::OK, pending.body);
        let headers = response.headers_mut();
        let header = |value: &str| value.parse().expect("a valid header value");
        headers.insert("lambda-runtime-aws-request-id", header(&pending.id));
        headers.insert("lambda-runtime-deadline-ms", header(&deadline.to_string()));
        headers.insert("lambda-runtime-invoked-function-arn", header(FUNCTION_ARN));
        headers.insert(
            "lambda-runtime-trace-id",
            header("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"),
        );
        headers.insert("content-type", header("application/json"));
        return Ok(response);
    }
    if method != Method::POST {
        return Ok(reply(StatusCode::METHOD_NOT_ALLOWED, ""));
    }
    let body = match request.into_body().collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return Ok(reply(StatusCode::BAD_REQUEST, "unreadable body")),
    };
    let json: Value = serde_json::from_slice(&body)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&body).into_owned()));
    if route == "init/error" {
        state.init_error.send_replace(Some(json));
        return Ok(reply(StatusCode::ACCEPTED, r#"{"status":"OK"}"#));
    }
    let outcome = match route
        .strip_prefix("invocation/")
        .and_then(|rest| rest.rsplit_once('/'))
    {
        Some((id, "response")) => Some((id.to_owned(), Outcome::Response(json))),
        Some((id, "error")) => Some((id.to_owned(), Outcome::Error(json))),
        _ => None,
    };
    let Some((id, outcome)) = outcome else {
        return Ok(reply(StatusCode::NOT_FOUND, "unknown runtime API path"));
    };
    let waiting = state.outcomes.lock().expect("outcomes lock").remove(&id);
    match waiting {
        Some(sender) => {
            let _ = sender.send(outcome);
            Ok(reply(StatusCode::ACCEPTED, r#"{"status":"OK"}"#))
        }
        None => Ok(reply(
            StatusCode::BAD_REQUEST,
            "unknown or already answered request id",
        )),
    }
}

/// The `skill` binary, started as Lambda starts it; killed on drop. Its stdout and stderr go to files, read after.
struct SkillProcess {
    child: Child,
    stdout: PathBuf,
    stderr: PathBuf,
    _logs: tempfile::TempDir,
}

impl SkillProcess {
    /// Spawns the binary against `api` with a clean environment plus `variables`.
    fn spawn(api: &RuntimeApi, variables: &[(&str, &str)]) -> Self {
        let logs = tempfile::tempdir().expect("a temporary folder");
        let stdout = logs.path().join("stdout.log");
        let stderr = logs.path().join("stderr.log");
        let file = |path: &Path| std::fs::File::create(path).expect("a log file");
        let child = Command::new(skill_binary())
            .env_clear()
            .env("AWS_LAMBDA_RUNTIME_API", api.address.to_string())
            .env("AWS_LAMBDA_FUNCTION_NAME", "onair-skill")
            .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256")
            .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
            .env("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/onair-skill")
            .env("AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/22/[$LATEST]test")
            .env("AWS_REGION", "us-east-1")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .envs(variables.iter().copied())
            .stdin(Stdio::null())
            .stdout(file(&stdout))
            .stderr(file(&stderr))
            .spawn()
            .expect("the skill binary starts");
        Self {
            child,
            stdout,
            stderr,
            _logs: logs,
        }
    }

    /// Waits up to `within` for the process to exit, without blocking the test's runtime (which serves the API).
    async fn exit_status(&mut self, within: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + within;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("process status") {
                return Some(status);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        None
    }

    /// The peak resident memory so far (`VmHWM`), where Linux reports it.
    fn peak_memory_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    fn stdout(&self) -> String {
        std::fs::read_to_string(&self.stdout).expect("stdout log")
    }

    fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr).expect("stderr log")
    }
}

impl Drop for SkillProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The binary under test: this build's `skill`, or `ONAIR_TEST_SKILL_BIN` (a release build, or the `bootstrap` that
/// `cargo lambda build` makes) to measure or check what is deployed.
fn skill_binary() -> PathBuf {
    std::env::var_os("ONAIR_TEST_SKILL_BIN")
        .map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_skill")), PathBuf::from)
}

/// The test credentials `scripts/test` exports (DynamoDB Local wants letters and digits only).
fn credentials() -> (String, String) {
    (
        std::env::var("AWS_ACCESS_KEY_ID").unwrap_or_else(|_| "onairtest".to_owned()),
        std::env::var("AWS_SECRET_ACCESS_KEY").unwrap_or_else(|_| "onairtestsecret".to_owned()),
    )
}

/// A fresh events table holding the fixture schedule, as of the fixtures' clock, and its playback-state table under
/// the default name.
async fn fixture_table(db: &DynamoDb) -> String {
    let table = events_table(db).await;
    tables::PLAYBACK
        .create(&db.client, &tables::default_playback_table(&table))
        .await
        .expect("playback table created");
    let summary = import(db, &table, DEFAULT_SCHEDULE, fixture_now()).await;
    assert!(summary.rejected.is_empty(), "{:?}", summary.rejected);
    table
}

/// Starts the binary for `table` on the run's DynamoDB Local.
fn spawn_skill(api: &RuntimeApi, table: &str) -> SkillProcess {
    let endpoint = std::env::var("ONAIR_TEST_DYNAMODB_ENDPOINT").expect("set by scripts/test");
    let (key, secret) = credentials();
    SkillProcess::spawn(
        api,
        &[
            ("SKILL_ID", SKILL_ID),
            ("ONAIR_TABLE", table),
            // The fixtures name Amazon's real apiEndpoint: no call out, whether or not this machine is online (a
            // reminder answer would differ between a refused call and no call).
            ("ONAIR_DEVICE_SETTINGS", "off"),
            ("AWS_ENDPOINT_URL_DYNAMODB", &endpoint),
            ("AWS_ACCESS_KEY_ID", &key),
            ("AWS_SECRET_ACCESS_KEY", &secret),
        ],
    )
}

/// The reviewed response of a fixture: the JSON body of `tests/it/snapshots/replay__<name>.snap`.
fn snapshot(name: &str) -> Value {
    let path = snapshot_path(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    // An insta snapshot is a `---`-fenced header, then the value.
    let body = text
        .splitn(3, "---\n")
        .nth(2)
        .unwrap_or_else(|| panic!("{} has no insta header", path.display()));
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn snapshot_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/snapshots")
        .join(format!("replay__{name}.snap"))
}

/// The request fixtures that have a reviewed snapshot (fixtures answered with a device time zone have theirs
/// elsewhere: the binary has no zone source configured here).
fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(requests_dir())
        .expect("fixtures folder")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "json")
        })
        .filter_map(|path| Some(path.file_stem()?.to_str()?.to_owned()))
        .filter(|name| snapshot_path(name).exists())
        .collect();
    names.sort();
    assert!(
        names.len() >= 40,
        "expected a fixture per behaviour, found {}",
        names.len()
    );
    names
}

fn body(value: &Value) -> Vec<u8> {
    serde_json::to_vec(value).expect("JSON")
}

/// A request fixture as the production function should see it in isolation: its own listener (the playback state
/// one fixture records must not change another's answer; the snapshots were made without any), and a Settings API
/// endpoint on a closed loopback port, so the time-zone lookup runs and fails at once instead of calling Amazon
/// (the snapshots speak relative times, as without a zone).
fn isolated(name: &str) -> Value {
    let mut envelope = fixture(name);
    let user = json!(format!("amzn1.ask.account.E2E-{name}"));
    if let Some(system) = envelope["context"]["System"].as_object_mut() {
        if system.contains_key("user") {
            system["user"]["userId"] = user.clone();
        }
        if system.contains_key("apiEndpoint") {
            system["apiEndpoint"] = json!(closed_endpoint());
        }
    }
    if let Some(session) = envelope.get_mut("session").and_then(Value::as_object_mut)
        && session.contains_key("user")
    {
        session["user"]["userId"] = user;
    }
    envelope
}

/// `https://127.0.0.1:<a port nothing listens on>`.
fn closed_endpoint() -> String {
    static ENDPOINT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ENDPOINT
        .get_or_init(|| {
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .and_then(|listener| listener.local_addr())
                .expect("a free port")
                .port();
            format!("https://127.0.0.1:{port}")
        })
        .clone()
}

/// The JSON lines of a log, each parsed; a line that is not JSON fails the test (CloudWatch would not index it).
fn json_lines(log: &str) -> Vec<Value> {
    log.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("log line is not JSON ({e}): {line}"))
        })
        .collect()
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn every_fixture_through_the_skill_binary_gets_its_snapshot_response() {
    let Some(db) = support::dynamodb().await else {
        return;
    };
    let table = fixture_table(&db).await;
    let api = RuntimeApi::start().await;
    let spawned = Instant::now();
    let mut skill = spawn_skill(&api, &table);

    let first = api.invoke(body(&isolated("launch"))).await;
    let cold_start = spawned.elapsed();
    eprintln!(
        "{}: cold start (spawn to first response, DynamoDB Local) {} ms",
        skill_binary().display(),
        cold_start.as_millis()
    );
    assert_eq!(first, Outcome::Response(snapshot("launch")));

    let names = fixture_names();
    let mut differences = Vec::new();
    for name in &names {
        let outcome = api.invoke(body(&isolated(name))).await;
        let expected = Outcome::Response(snapshot(name));
        if outcome != expected {
            differences.push(format!(
                "{name}:\n  expected {expected:?}\n  got      {outcome:?}"
            ));
        }
    }
    assert!(
        differences.is_empty(),
        "{} of {} fixtures answered differently through the binary:\n{}",
        differences.len(),
        names.len(),
        differences.join("\n")
    );

    let remembered = db
        .client
        .scan()
        .table_name(tables::default_playback_table(&table))
        .send()
        .await
        .expect("playback table readable");
    assert!(
        remembered.count() > 0,
        "the function records listeners' playback in the playback table"
    );

    // Bodies that are not Alexa envelopes get the empty envelope, never a Lambda error.
    let empty = Outcome::Response(json!({"version": "1.0", "response": {}}));
    assert_eq!(api.invoke(&b"this is not JSON"[..]).await, empty);
    assert_eq!(api.invoke(&br#"{"request": 42}"#[..]).await, empty);

    if let Some(peak) = skill.peak_memory_kib() {
        eprintln!(
            "{}: peak RSS after {} requests {peak} KiB",
            skill_binary().display(),
            names.len() + 3
        );
    }
    drop(api);
    assert!(
        skill.exit_status(Duration::from_secs(10)).await.is_some(),
        "the function exits once the Runtime API is gone"
    );
    let lines = json_lines(&skill.stdout());
    let duration_ms = |message: &str| {
        lines
            .iter()
            .find(|line| line["fields"]["message"] == message)
            .and_then(|line| line["fields"]["duration_ms"].as_u64())
            .map_or_else(|| "?".to_owned(), |ms| ms.to_string())
    };
    eprintln!(
        "{}: of which the init's schedule read {} ms, the first answer {} ms",
        skill_binary().display(),
        duration_ms("schedule snapshot read at cold start"),
        duration_ms("answered"),
    );
    let requests = names.len() + 1;
    let metrics: Vec<&Value> = lines
        .iter()
        .filter(|line| line.get("_aws").is_some())
        .collect();
    assert_eq!(
        metrics.len(),
        requests + 2,
        "one EMF line per answered request"
    );
    let request_lines: Vec<&Value> = lines
        .iter()
        .filter(|line| line["fields"]["message"] == "answered")
        .collect();
    for line in &request_lines {
        assert!(
            line["fields"]["alexa.request_type"].is_string()
                && line["fields"]["duration_ms"].is_number()
                && line["span"]["requestId"].is_string(),
            "each request line has the request type, the duration and the runtime's requestId: {line}"
        );
    }
    assert!(
        request_lines.iter().any(|line| {
            line["fields"]["alexa.intent"] == "PlayLiveShowIntent"
                && line["fields"]["event.id"].is_string()
        }),
        "a play request's line names the matched event"
    );
    assert_eq!(
        request_lines.len(),
        requests,
        "one `answered` line per envelope"
    );
    assert!(
        metrics.iter().any(|line| line["CacheHits"] == 1),
        "warm requests are served from the snapshot"
    );
    let everything = format!("{}{}", skill.stdout(), skill.stderr());
    for secret in [
        "amzn1.ask.account.",
        "amzn1.ask.device.",
        "test-access-token",
        "onair1|",
    ] {
        assert!(
            !everything.contains(secret),
            "the logs contain {secret:?}: user and device ids, tokens and envelopes are never logged"
        );
    }
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn a_request_for_another_skill_is_refused_and_the_function_keeps_serving() {
    let Some(db) = support::dynamodb().await else {
        return;
    };
    let table = fixture_table(&db).await;
    let api = RuntimeApi::start().await;
    let skill = spawn_skill(&api, &table);

    let mut foreign = isolated("play_live");
    foreign["context"]["System"]["application"]["applicationId"] =
        json!("amzn1.ask.skill.someone-else");
    foreign["session"]["application"]["applicationId"] = json!("amzn1.ask.skill.someone-else");
    let Outcome::Error(diagnostic) = api.invoke(body(&foreign)).await else {
        panic!("a request for another skill must be a Lambda error");
    };
    assert_eq!(diagnostic["errorType"], "Refused.ForeignSkill");
    assert_eq!(
        diagnostic["errorMessage"],
        "request for another skill refused"
    );

    let mut anonymous = isolated("play_live");
    anonymous["context"]["System"]
        .as_object_mut()
        .expect("System")
        .remove("application");
    anonymous
        .as_object_mut()
        .expect("envelope")
        .remove("session");
    assert!(
        matches!(api.invoke(body(&anonymous)).await, Outcome::Error(_)),
        "a request naming no skill is refused too"
    );

    assert_eq!(
        api.invoke(body(&isolated("play_live"))).await,
        Outcome::Response(snapshot("play_live"))
    );
    drop(api);
    let lines = json_lines(&skill.stdout());
    let refusals = lines
        .iter()
        .filter(|line| line["fields"]["message"] == "request for another skill refused")
        .count();
    assert_eq!(refusals, 2, "each refusal is logged once");
    assert_eq!(
        lines
            .iter()
            .filter(|line| line.get("_aws").is_some())
            .count(),
        1,
        "refused requests are not counted as the skill's traffic"
    );
}

#[tokio::test]
async fn without_skill_id_the_binary_reports_an_init_error_naming_it_and_exits() {
    let api = RuntimeApi::start().await;
    let mut skill = SkillProcess::spawn(&api, &[("ONAIR_TABLE", "onair-events")]);
    let reported = api
        .init_error(Duration::from_secs(20))
        .await
        .expect("the binary posts /runtime/init/error");
    assert_eq!(
        reported["errorMessage"], "missing environment variable SKILL_ID",
        "{reported}"
    );
    let status = skill
        .exit_status(Duration::from_secs(10))
        .await
        .expect("the binary exits after a failed init");
    assert!(!status.success(), "a failed init exits non-zero: {status}");
    assert!(
        skill
            .stderr()
            .contains("missing environment variable SKILL_ID"),
        "stderr names the variable: {}",
        skill.stderr()
    );
}
