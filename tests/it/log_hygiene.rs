//! No log line from any entry point holds a private value from a request: bodies full of user ids, device ids and
//! tokens, shaped to make parsers fail (a double-encoded envelope, `"request": "<user id>"`, an unknown intent
//! named after a token, …), go through `Skill::handle_json`, the Lambda handler, `onair serve` (verification off
//! and on) and `onair replay`, with every log level on; none of the secrets may appear in what they log.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use onair::config::SkillId;
use onair::lambda::SkillFunction;
use onair::skill::Skill;
use serde_json::{Value, json};

const SKILL_ID: &str = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000";
const USER: &str = "amzn1.ask.account.SECRETUSER0123";
const DEVICE: &str = "amzn1.ask.device.SECRETDEVICE0123";
const TOKEN: &str = "SECRETTOKEN0123";
pub(crate) const SECRETS: [&str; 4] = [USER, DEVICE, TOKEN, "SECRET"];

/// An envelope whose every private field is a secret.
fn private_envelope() -> Value {
    let mut envelope = crate::replay::fixture("play_live");
    envelope["context"]["System"]["user"] = json!({ "userId": USER, "accessToken": TOKEN });
    envelope["context"]["System"]["device"]["deviceId"] = json!(DEVICE);
    envelope["context"]["System"]["apiAccessToken"] = json!(TOKEN);
    envelope["session"]["user"] = json!({ "userId": USER, "accessToken": TOKEN });
    envelope
}

/// Bodies that make parsers fail or take odd paths, each carrying secrets.
fn hostile_bodies() -> Vec<Vec<u8>> {
    let envelope = private_envelope();
    let with = |path: &[&str], value: Value| {
        let mut copy = envelope.clone();
        let mut slot = &mut copy;
        for key in &path[..path.len() - 1] {
            slot = &mut slot[*key];
        }
        slot[path[path.len() - 1]] = value;
        serde_json::to_vec(&copy).expect("JSON")
    };
    vec![
        serde_json::to_vec(&Value::String(envelope.to_string())).expect("JSON"),
        with(&["request"], json!(USER)),
        with(&["request"], json!({ "type": USER, "requestId": TOKEN })),
        with(&["request", "type"], json!(5)),
        with(&["request", "intent"], json!(DEVICE)),
        with(&["request", "intent", "name"], json!(USER)),
        with(&["request", "intent", "slots"], json!([USER, TOKEN])),
        with(
            &["request", "intent", "slots", "source", "value"],
            json!({ "u": USER }),
        ),
        with(
            &["request", "intent", "slots", "source", "resolutions"],
            json!(TOKEN),
        ),
        with(&["request", "timestamp"], json!(TOKEN)),
        with(&["version"], json!({ "v": DEVICE })),
        with(&["context"], json!(TOKEN)),
        with(
            &["session", "attributes"],
            json!({ "offsetInMilliseconds": USER, "x": 1e300 }),
        ),
        json!([USER, DEVICE, TOKEN]).to_string().into_bytes(),
        json!(USER).to_string().into_bytes(),
        format!("{{\"context\":{{\"System\":{{\"apiAccessToken\":\"{TOKEN}\"").into_bytes(),
        format!("{{\"request\":{{\"type\":\"LaunchRequest\"}},\"x\":{USER}}}").into_bytes(),
        format!("not json at all {USER} {TOKEN}").into_bytes(),
        serde_json::to_vec(&envelope).expect("JSON"),
    ]
}

#[track_caller]
pub(crate) fn assert_no_secret(entry_point: &str, log: &str) {
    for secret in SECRETS {
        if let Some(line) = log.lines().find(|line| line.contains(secret)) {
            panic!("{entry_point} logged {secret:?}: {line}");
        }
    }
}

/// A `MakeWriter` collecting everything logged.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log buffer").extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs `work` on a runtime with every log level captured (plain and JSON lines, as the CLI and Lambda print).
pub(crate) fn captured<F: std::future::Future<Output = ()>>(work: F) -> String {
    use tracing_subscriber::layer::SubscriberExt as _;
    let log = Captured::default();
    let (plain, json) = (log.clone(), log.clone());
    let subscriber = tracing_subscriber::registry()
        .with(tracing_subscriber::filter::LevelFilter::TRACE)
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(move || plain.clone())
                .with_ansi(false),
        )
        .with(
            tracing_subscriber::fmt::layer()
                .json()
                .with_writer(move || json.clone()),
        );
    tracing::subscriber::with_default(subscriber, || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime")
            .block_on(work);
    });
    let bytes = log.0.lock().expect("log buffer").clone();
    String::from_utf8(bytes).expect("UTF-8 logs")
}

#[test]
fn skill_handle_json_logs_no_private_value() {
    let log = captured(async {
        let skill = Skill::new(crate::replay::fixture_store());
        for body in hostile_bodies() {
            skill.handle_json(&body).await;
        }
    });
    assert!(
        log.contains("request body is not an Alexa envelope"),
        "{log}"
    );
    assert!(
        log.contains("error at line"),
        "the position is logged: {log}"
    );
    assert_no_secret("Skill::handle_json", &log);
}

#[test]
fn the_lambda_handler_logs_no_private_value() {
    let log = captured(async {
        let function = SkillFunction::new(
            crate::replay::fixture_store(),
            SkillId::parse(SKILL_ID).expect("skill id"),
        );
        for body in hostile_bodies() {
            // What `NonJsonBodyLayer` hands the handler: the JSON, or `null` for a body that is not JSON.
            let payload = serde_json::from_slice(&body).unwrap_or(Value::Null);
            function.answer(&payload).await;
        }
    });
    assert!(
        log.contains("request body is not an Alexa envelope"),
        "{log}"
    );
    assert_no_secret("the Lambda handler", &log);
}

/// `onair serve` with `args`, fed every hostile body (with secret-laden signature headers); what it logged.
fn serve_log(args: &[&str]) -> String {
    let schedule = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/schedules/default.json"
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_onair"))
        .args(["serve", "--listen", "127.0.0.1:0", "--schedule", schedule])
        .args(args)
        .env("RUST_LOG", "trace")
        .env_remove("ONAIR_TABLE")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("onair serve starts");
    let mut banner = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut banner)
        .expect("a banner");
    let address = banner
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .expect("the banner names the address")
        .to_owned();
    for body in hostile_bodies() {
        let mut stream = TcpStream::connect(&address).expect("connect");
        let head = format!(
            "POST / HTTP/1.1\r\nHost: {address}\r\nContent-Length: {}\r\nConnection: close\r\n\
             SignatureCertChainUrl: https://s3.amazonaws.com/echo.api/{USER}.pem\r\nSignature-256: {TOKEN}\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes()).expect("head");
        stream.write_all(&body).expect("body");
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        assert!(!answer.is_empty(), "an answer");
    }
    let _ = child.kill();
    let _ = child.wait();
    let mut log = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut log)
        .expect("stderr");
    log
}

#[test]
fn onair_serve_logs_no_private_value() {
    let log = serve_log(&["--insecure-dev"]);
    assert!(
        log.contains("request body is not an Alexa envelope"),
        "{log}"
    );
    assert_no_secret("onair serve --insecure-dev", &log);
    let log = serve_log(&["--skill-id", SKILL_ID]);
    assert!(log.contains("request refused"), "{log}");
    assert_no_secret("onair serve with verification", &log);
}

#[test]
fn onair_replay_prints_no_private_value() {
    let folder = tempfile::tempdir().expect("a folder");
    for (index, body) in hostile_bodies().into_iter().enumerate() {
        std::fs::write(folder.path().join(format!("{index:02}.json")), body).expect("write");
    }
    let output = Command::new(env!("CARGO_BIN_EXE_onair"))
        .args(["replay", "--schedule"])
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/schedules/default.json"
        ))
        .arg(folder.path())
        .env("RUST_LOG", "trace")
        .env_remove("ONAIR_TABLE")
        .output()
        .expect("onair replay runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("not an Alexa request envelope"), "{stderr}");
    assert_no_secret("onair replay", &stderr);
}
