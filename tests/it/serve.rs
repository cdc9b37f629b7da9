//! `onair serve` as a tester uses it: the real binary on a loopback port, requests over HTTP (with
//! `--insecure-dev`, as local tools that cannot sign use it; verification has its own tests in `serve_verify`).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

/// The server process, killed when the test ends however it ends.
struct Server {
    child: Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start() -> Server {
    let schedule = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/schedules/default.json"
    );
    start_with(&["--schedule", schedule], &[])
}

/// `onair serve --insecure-dev` on a free loopback port with `args` (where the schedule comes from) and `envs`.
fn start_with(args: &[&str], envs: &[(&str, &str)]) -> Server {
    let mut command = Command::new(env!("CARGO_BIN_EXE_onair"));
    command
        .args(["serve", "--insecure-dev", "--listen", "127.0.0.1:0"])
        .args(args)
        .env_remove("ONAIR_TABLE")
        .env_remove("ONAIR_PLAYBACK_TABLE")
        .stdout(Stdio::piped());
    for (key, value) in envs {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("onair serve starts");
    let mut first_line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first_line)
        .expect("a banner");
    let address = first_line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .expect("the banner names the address")
        .to_owned();
    Server { child, address }
}

/// A raw HTTP/1.1 exchange, so the test sees exactly what a client would.
fn exchange(server: &Server, method: &str, body: &[u8]) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(&server.address).expect("connect");
    let head = format!(
        "{method} / HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        server.address,
        body.len()
    );
    stream.write_all(head.as_bytes()).expect("write head");
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw);
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(raw.len(), |i| i + 4);
    (status, raw[split..].to_vec())
}

#[test]
fn a_posted_envelope_gets_the_same_answer_as_the_skill_gives_in_process() {
    let server = start();
    let request = crate::replay::fixture("play_live");
    let (status, body) = exchange(&server, "POST", request.to_string().as_bytes());
    assert_eq!(status, 200);
    let response: Value = serde_json::from_slice(&body).expect("JSON");
    assert_eq!(response, crate::replay::answer(&request));
}

#[test]
fn bad_input_gets_a_clear_answer() {
    let server = start();
    let (status, body) = exchange(&server, "POST", b"{not an envelope");
    assert_eq!(status, 200);
    assert_eq!(
        serde_json::from_slice::<Value>(&body).expect("JSON"),
        json!({ "version": "1.0", "response": {} })
    );
    assert_eq!(exchange(&server, "GET", b"").0, 405);
    assert_eq!(exchange(&server, "POST", &vec![b' '; 300 * 1024]).0, 413);
}

/// Runs `onair serve` with `args` until it exits (it must, on its own); its status and stderr.
fn serve_exits(args: &[&str]) -> (std::process::ExitStatus, String) {
    let schedule = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/schedules/default.json"
    );
    let output = Command::new(env!("CARGO_BIN_EXE_onair"))
        .arg("serve")
        .args(args)
        .args(["--schedule", schedule])
        .env_remove("ONAIR_TABLE")
        .env_remove("ONAIR_SKILL_ID")
        .env_remove("ONAIR_PLAYBACK_TABLE")
        .output()
        .expect("onair serve runs");
    (
        output.status,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn verification_is_on_by_default_and_needs_the_skill_id() {
    let (status, stderr) = serve_exits(&["--listen", "127.0.0.1:0"]);
    assert!(!status.success());
    assert!(stderr.contains("--skill-id"), "{stderr}");
    assert!(stderr.contains("--insecure-dev"), "{stderr}");
}

#[test]
fn insecure_dev_is_refused_on_a_public_address() {
    let (status, stderr) = serve_exits(&["--insecure-dev", "--listen", "0.0.0.0:0"]);
    assert!(!status.success());
    assert!(
        stderr.contains("only allowed on a loopback address"),
        "{stderr}"
    );
}

#[test]
fn a_busy_port_names_the_address_and_the_way_out() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = taken.local_addr().expect("address").to_string();
    let (status, stderr) = serve_exits(&["--insecure-dev", "--listen", &address]);
    assert!(!status.success());
    assert!(stderr.contains(&address), "{stderr}");
    assert!(stderr.contains("--listen"), "{stderr}");
}

#[test]
fn with_a_skill_id_an_unsigned_request_is_refused_and_sigterm_stops_the_server() {
    let schedule = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/schedules/default.json"
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_onair"))
        .args(["serve", "--listen", "127.0.0.1:0", "--schedule", schedule])
        .env(
            "ONAIR_SKILL_ID",
            "amzn1.ask.skill.00000000-0000-0000-0000-000000000000",
        )
        .env_remove("ONAIR_TABLE")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("onair serve starts");
    let mut first_line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first_line)
        .expect("a banner");
    let address = first_line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .expect("the banner names the address")
        .to_owned();
    let server = Server { child, address };
    let request = crate::replay::fixture("play_live");
    let (status, body) = exchange(&server, "POST", request.to_string().as_bytes());
    assert_eq!(status, 400, "{}", String::from_utf8_lossy(&body));
    let mut server = server;
    let killed = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let exited = server.child.wait().expect("the server exits");
    assert!(exited.success(), "SIGTERM is a clean stop: {exited:?}");
    let mut stderr = String::new();
    server
        .child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("stderr");
    assert!(
        stderr.contains("header.cert_url"),
        "the refusal names its rule: {stderr}"
    );
    assert!(!stderr.contains("amzn1.ask.account"), "{stderr}");
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_a_table_the_listeners_stream_outlives_a_restart_of_the_server() {
    use onair::storage::tables;

    let Some(db) = crate::support::dynamodb().await else {
        return;
    };
    let endpoint = std::env::var("ONAIR_TEST_DYNAMODB_ENDPOINT").expect("set by scripts/test");
    let table = crate::dynamo::events_table(&db).await;
    tables::PLAYBACK
        .create(&db.client, &tables::default_playback_table(&table))
        .await
        .expect("playback table created");
    let schedule = include_str!("../fixtures/schedules/default.json");
    let summary = crate::dynamo::import(&db, &table, schedule, crate::dynamo::fixture_now()).await;
    assert!(summary.rejected.is_empty(), "{:?}", summary.rejected);
    let envs = [
        ("AWS_ENDPOINT_URL", endpoint.as_str()),
        ("AWS_REGION", "us-east-1"),
    ];

    // GIVEN Jazz Night (19:00–21:00Z) played through one server and stopped at 20:10
    let first = start_with(&["--table", &table], &envs);
    let mut stopped = crate::replay::fixture("playback_started");
    stopped["request"]["type"] = json!("AudioPlayer.PlaybackStopped");
    stopped["request"]["token"] = json!("onair1|live|jazz-night-2026-11-22|0|0");
    stopped["request"]["offsetInMilliseconds"] = json!(600_000);
    stopped["request"]["timestamp"] = json!("2026-11-22T20:10:00Z");
    let (status, _) = exchange(&first, "POST", stopped.to_string().as_bytes());
    assert_eq!(status, 200);
    drop(first);

    // WHEN the listener opens the skill at 20:30 through a new server process
    let second = start_with(&["--table", &table], &envs);
    let mut launch = crate::replay::fixture("launch");
    launch["request"]["timestamp"] = json!("2026-11-22T20:30:00Z");
    let (status, body) = exchange(&second, "POST", launch.to_string().as_bytes());

    // THEN it remembers the stream from the playback table and offers to continue it
    assert_eq!(status, 200);
    let answer: Value = serde_json::from_slice(&body).expect("JSON");
    let speech = answer["response"]["outputSpeech"]["ssml"]
        .as_str()
        .unwrap_or("");
    assert!(
        speech.contains("Welcome back") && speech.contains("Jazz Night"),
        "{speech}"
    );
}

#[test]
fn a_playback_table_without_a_table_is_refused_with_the_reason() {
    let (status, stderr) = serve_exits(&["--insecure-dev", "--playback-table", "states"]);
    assert!(!status.success());
    assert!(stderr.contains("--table"), "{stderr}");
}
