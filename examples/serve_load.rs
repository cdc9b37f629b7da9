//! A bounded loopback load test of `onair serve` with request verification on: a test PKI (as in the tests) is
//! the only trust root, its chain is served by a local stand-in for `s3.amazonaws.com`, and every request is a
//! freshly signed `play_live` envelope. N connections (keep-alive) share a fixed number of requests.
//!
//! ```text
//! cargo run --example serve_load -- [CONNECTIONS=16] [REQUESTS=4000]
//! ```
//!
//! Prints requests/s, p50/p99 latency, errors and the process's RSS before and after (server and client share
//! the process, so RSS covers both). The README records a run.

// The tests' PKI; this tool uses part of it.
#[allow(dead_code)]
#[path = "../tests/it/serve_pki.rs"]
mod serve_pki;

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use onair::config::SkillId;
use onair::schedule::{Lineup, parse_schedule_json};
use onair::serve::verify::{CertCache, CertFetcher, TrustRoots, Verifier};
use onair::serve::{Endpoint, Limits, Verification};
use onair::skill::Skill;
use onair::storage::{InMemoryPlayback, InMemorySchedule};
use serde_json::Value;

const SKILL_ID: &str = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000";

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmRSS:"))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|kib| kib.parse().ok())
        })
        .unwrap_or(0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let index = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[index]
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let connections: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(16);
    let requests: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(4000);

    let pki = serve_pki::Pki::new();
    let files = pki.serve_files().await;
    let verifier = Verifier::new(
        SkillId::parse(SKILL_ID).expect("skill id"),
        CertCache::new(
            CertFetcher::local(pki.root_pem.as_bytes(), files).expect("fetcher"),
            TrustRoots::from_pem(pki.root_pem.as_bytes()).expect("root"),
        ),
    );
    let schedule = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/schedules/default.json"
    ))
    .expect("schedule");
    let lineup = Lineup::new(parse_schedule_json(&schedule).expect("schedule").specs);
    let skill = Skill::new(InMemorySchedule::new(lineup)).with_playback(InMemoryPlayback::new());
    let limits = Limits {
        max_connections: connections + 8,
        max_requests_per_second: 1_000_000,
        ..Limits::default()
    };
    let endpoint = Arc::new(Endpoint::new(skill, Verification::On(verifier), limits));
    let listener = onair::serve::bind("127.0.0.1:0".parse().expect("address"))
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(onair::serve::serve(
        listener,
        None,
        Arc::clone(&endpoint),
        std::future::pending(),
    ));

    // One signed body per connection, made before the clock starts (signing is the client's cost, not the server's).
    let fixture: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/requests/play_live.json"
        ))
        .expect("fixture"),
    )
    .expect("JSON");
    let signed: Vec<(Vec<u8>, String)> = (0..connections)
        .map(|_| {
            let mut envelope = fixture.clone();
            envelope["request"]["timestamp"] =
                Value::from(Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string());
            let body = serde_json::to_vec(&envelope).expect("JSON");
            let signature = pki.sign(&body);
            (body, signature)
        })
        .collect();

    let rss_before = rss_kib();
    let started = Instant::now();
    let per_connection = requests / connections;
    let tasks: Vec<_> = signed
        .into_iter()
        .map(|(body, signature)| {
            tokio::spawn(async move {
                onair::tls::install_default_provider();
                let client = reqwest::Client::builder()
                    .pool_max_idle_per_host(1)
                    .build()
                    .expect("client");
                let mut latencies = Vec::with_capacity(per_connection);
                let mut errors = 0usize;
                for _ in 0..per_connection {
                    let sent = Instant::now();
                    let response = client
                        .post(format!("http://{address}/"))
                        .header(
                            "SignatureCertChainUrl",
                            format!("https://s3.amazonaws.com{}", serve_pki::GOOD),
                        )
                        .header("Signature-256", &signature)
                        .body(body.clone())
                        .send()
                        .await;
                    match response {
                        Ok(response) if response.status() == 200 => {
                            let _ = response.bytes().await;
                            latencies.push(sent.elapsed());
                        }
                        _ => errors += 1,
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for task in tasks {
        let (mut task_latencies, task_errors) = task.await.expect("a client task");
        latencies.append(&mut task_latencies);
        errors += task_errors;
    }
    let elapsed = started.elapsed();
    let rss_after = rss_kib();
    latencies.sort();
    let sent = per_connection * connections;
    let Verification::On(verifier) = endpoint.verification() else {
        unreachable!("verification is on")
    };
    println!(
        "{sent} signed requests over {connections} connections in {:.2} s: {:.0} requests/s, \
         p50 {:.2} ms, p99 {:.2} ms, {errors} errors, {} answered, {} refused, {} certificate fetch(es), \
         RSS {} MiB before, {} MiB after ({} build)",
        elapsed.as_secs_f64(),
        sent as f64 / elapsed.as_secs_f64(),
        percentile(&latencies, 0.50).as_secs_f64() * 1000.0,
        percentile(&latencies, 0.99).as_secs_f64() * 1000.0,
        endpoint.answered(),
        endpoint.refused(),
        verifier.certs().fetches(),
        rss_before / 1024,
        rss_after / 1024,
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
    );
}
