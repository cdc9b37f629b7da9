//! `onair serve` with Amazon's request verification on (SPEC §6), in process: a test PKI's root injected as the
//! only trust root, its chains served over HTTPS by a local stand-in for `s3.amazonaws.com`. Every forged,
//! stale, foreign or tampered request gets a 400 and never reaches the skill; every genuine one is answered.

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};

use chrono::{DateTime, TimeDelta, Utc};
use onair::config::SkillId;
use onair::serve::verify::{CertCache, CertFetcher, TrustRoots, Verifier};
use onair::serve::{Endpoint, Limits, Verification};
use onair::skill::{HttpsMedia, NoDeviceZones, Skill};
use onair::storage::{InMemoryPlayback, InMemorySchedule};
use serde_json::Value;

use crate::serve_pki::{GOOD, Pki};

const SKILL_ID: &str = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000";
const FOREIGN_SKILL_ID: &str = "amzn1.ask.skill.11111111-1111-1111-1111-111111111111";
const AMAZON: &str = "https://s3.amazonaws.com";

type TestEndpoint = Endpoint<InMemorySchedule, HttpsMedia, NoDeviceZones, InMemoryPlayback>;

fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(Pki::new)
}

/// A verifying endpoint on a loopback port, fetching certificates from the test PKI's stand-in host.
struct World {
    endpoint: Arc<TestEndpoint>,
    address: SocketAddr,
    client: reqwest::Client,
}

async fn world() -> World {
    let pki = pki();
    let files = pki.serve_files().await;
    let fetcher = CertFetcher::local(pki.root_pem.as_bytes(), files).expect("fetcher");
    let roots = TrustRoots::from_pem(pki.root_pem.as_bytes()).expect("test root");
    let verifier = Verifier::new(
        SkillId::parse(SKILL_ID).expect("skill id"),
        CertCache::new(fetcher, roots),
    );
    let skill = Skill::new(crate::replay::fixture_store()).with_playback(InMemoryPlayback::new());
    let endpoint = Arc::new(Endpoint::new(
        skill,
        Verification::On(verifier),
        Limits::default(),
    ));
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
    World {
        endpoint,
        address,
        client: {
            onair::tls::install_default_provider();
            reqwest::Client::new()
        },
    }
}

/// The `play_live` fixture as raw bytes, stamped `at` and addressed to `skill`.
fn body(fixture: &str, at: DateTime<Utc>, skill: &str) -> Vec<u8> {
    let mut envelope = crate::replay::fixture(fixture);
    envelope["request"]["timestamp"] = Value::from(at.format("%Y-%m-%dT%H:%M:%SZ").to_string());
    envelope["context"]["System"]["application"]["applicationId"] = Value::from(skill);
    if envelope.get("session").is_some() {
        envelope["session"]["application"]["applicationId"] = Value::from(skill);
    }
    serde_json::to_vec_pretty(&envelope).expect("JSON")
}

fn fresh() -> Vec<u8> {
    body("play_live", Utc::now(), SKILL_ID)
}

fn url(path: &str) -> String {
    format!("{AMAZON}{path}")
}

impl World {
    async fn post(
        &self,
        body: &[u8],
        cert_url: Option<&str>,
        signature: Option<&str>,
    ) -> (u16, String) {
        let mut headers = Vec::new();
        if let Some(cert_url) = cert_url {
            headers.push(("SignatureCertChainUrl", cert_url));
        }
        if let Some(signature) = signature {
            headers.push(("Signature-256", signature));
        }
        self.post_with(body, &headers).await
    }

    async fn post_with(&self, body: &[u8], headers: &[(&str, &str)]) -> (u16, String) {
        let mut request = self
            .client
            .post(format!("http://{}/", self.address))
            .header("Content-Type", "application/json")
            .body(body.to_vec());
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.expect("an answer");
        let status = response.status().as_u16();
        (status, response.text().await.expect("a body"))
    }

    /// Posts `body` signed with the test signing key, naming `cert_url`.
    async fn signed(&self, body: &[u8], cert_url: &str) -> (u16, String) {
        self.post(body, Some(cert_url), Some(&pki().sign(body)))
            .await
    }

    #[track_caller]
    fn assert_nothing_processed(&self, case: &str) {
        assert_eq!(self.endpoint.answered(), 0, "{case}: the skill ran");
    }
}

#[track_caller]
fn assert_refused(case: &str, (status, text): (u16, String)) {
    assert_eq!(status, 400, "{case}: {text}");
    assert_eq!(text, "request refused\n", "{case}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_genuine_request_is_answered_as_the_skill_answers_it() {
    let world = world().await;
    let body = fresh();
    let (status, text) = world.signed(&body, &url(GOOD)).await;
    assert_eq!(status, 200, "{text}");
    let envelope = serde_json::from_slice(&body).expect("an envelope");
    let expected = Skill::new(crate::replay::fixture_store())
        .with_playback(InMemoryPlayback::new())
        .handle(envelope)
        .await;
    assert_eq!(
        serde_json::from_str::<Value>(&text).expect("JSON"),
        serde_json::to_value(expected).expect("JSON")
    );
    assert_eq!(world.endpoint.answered(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_valid_certificate_url_form_is_accepted_and_the_chain_fetched_once() {
    let world = world().await;
    for cert_url in [
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem",
        "HTTPS://S3.AmazonAWS.com/echo.api/echo-api-cert.pem",
    ] {
        let (status, text) = world.signed(&fresh(), cert_url).await;
        assert_eq!(status, 200, "{cert_url}: {text}");
    }
    assert_eq!(world.endpoint.answered(), 4);
    let Verification::On(verifier) = world.endpoint.verification() else {
        unreachable!("verification is on")
    };
    assert_eq!(verifier.certs().fetches(), 1, "one fetch for one URL");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_without_both_signature_headers_is_refused() {
    let world = world().await;
    let body = fresh();
    let signature = pki().sign(&body);
    assert_refused("no headers", world.post(&body, None, None).await);
    assert_refused(
        "no certificate URL",
        world.post(&body, None, Some(&signature)).await,
    );
    assert_refused(
        "no signature",
        world.post(&body, Some(&url(GOOD)), None).await,
    );
    let good_url = url(GOOD);
    assert_refused(
        "legacy SHA-1 header only",
        world
            .post_with(
                &body,
                &[
                    ("SignatureCertChainUrl", &good_url),
                    ("Signature", &signature),
                ],
            )
            .await,
    );
    assert_refused(
        "header names in other cases still need both",
        world
            .post_with(&body, &[("signaturecertchainurl", &good_url)])
            .await,
    );
    world.assert_nothing_processed("missing headers");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_invalid_certificate_url_form_is_refused() {
    let world = world().await;
    for cert_url in [
        "http://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://notamazon.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem",
        "https://s3.amazonaws.com/invalid.path/echo-api-cert.pem",
        "https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/../invalid.path/echo-api-cert.pem",
        "https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert.pem",
        "https://user@s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "ftp://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "not a url",
    ] {
        assert_refused(cert_url, world.signed(&fresh(), cert_url).await);
    }
    world.assert_nothing_processed("invalid certificate URLs");
    let Verification::On(verifier) = world.endpoint.verification() else {
        unreachable!("verification is on")
    };
    assert_eq!(
        verifier.certs().fetches(),
        0,
        "a refused URL is never fetched"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_certificate_that_is_not_amazons_valid_signing_certificate_is_refused() {
    let world = world().await;
    for (path, case) in [
        ("/echo.api/expired.pem", "expired"),
        ("/echo.api/not-yet-valid.pem", "not yet valid"),
        (
            "/echo.api/wrong-san.pem",
            "SAN without echo-api.amazon.com (it is only the CN)",
        ),
        ("/echo.api/wildcard-san.pem", "wildcard SAN *.amazon.com"),
        ("/echo.api/untrusted.pem", "chain to an untrusted root"),
        (
            "/echo.api/no-intermediate.pem",
            "chain missing its intermediate",
        ),
        ("/echo.api/garbage.pem", "not PEM"),
        ("/echo.api/huge.pem", "over the size cap"),
        ("/echo.api/missing.pem", "404"),
    ] {
        assert_refused(case, world.signed(&fresh(), &url(path)).await);
    }
    world.assert_nothing_processed("bad certificates");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tampered_or_forged_signature_is_refused() {
    let world = world().await;
    let body = fresh();
    let signature = pki().sign(&body);
    let good_url = url(GOOD);
    // The same JSON with one more space: the signature covers the raw bytes, not the parsed envelope.
    let mut reformatted = body.clone();
    reformatted.push(b' ');
    assert_refused(
        "body with one more space",
        world
            .post(&reformatted, Some(&good_url), Some(&signature))
            .await,
    );
    let tampered = String::from_utf8(body.clone())
        .expect("UTF-8")
        .replacen("play_live", "play_livf", 1)
        .replacen("Play", "Plax", 1)
        .into_bytes();
    assert_refused(
        "tampered body",
        world
            .post(&tampered, Some(&good_url), Some(&signature))
            .await,
    );
    assert_refused(
        "signature by another key",
        world
            .post(
                &body,
                Some(&good_url),
                Some(&pki().sign_with_other_key(&body)),
            )
            .await,
    );
    assert_refused(
        "signature not base64",
        world
            .post(&body, Some(&good_url), Some("not base64!"))
            .await,
    );
    assert_refused(
        "empty signature",
        world.post(&body, Some(&good_url), Some("")).await,
    );
    assert_refused(
        "signature of another request",
        world
            .post(&body, Some(&good_url), Some(&pki().sign(&fresh_other())))
            .await,
    );
    world.assert_nothing_processed("forged signatures");
}

fn fresh_other() -> Vec<u8> {
    body("launch", Utc::now(), SKILL_ID)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_future_or_foreign_request_is_refused_even_when_signed() {
    let world = world().await;
    let now = Utc::now();
    for (case, body) in [
        (
            "replayed 10 minutes later",
            body("play_live", now - TimeDelta::minutes(10), SKILL_ID),
        ),
        (
            "151 seconds old",
            body("play_live", now - TimeDelta::seconds(151), SKILL_ID),
        ),
        (
            "from 1970",
            body("play_live", DateTime::UNIX_EPOCH, SKILL_ID),
        ),
        (
            "10 minutes in the future",
            body("play_live", now + TimeDelta::minutes(10), SKILL_ID),
        ),
        ("another skill", body("play_live", now, FOREIGN_SKILL_ID)),
        (
            "a skill event 2 hours old",
            body("skill_enabled", now - TimeDelta::hours(2), SKILL_ID),
        ),
        ("not an envelope", b"{\"version\":\"1.0\"}".to_vec()),
        ("not JSON", b"{not json".to_vec()),
    ] {
        assert_refused(case, world.signed(&body, &url(GOOD)).await);
    }
    world.assert_nothing_processed("stale or foreign requests");
    let (status, text) = world
        .signed(
            &body("skill_enabled", now - TimeDelta::minutes(30), SKILL_ID),
            &url(GOOD),
        )
        .await;
    assert_eq!(
        status, 200,
        "a skill event may be up to an hour old: {text}"
    );
    let (status, text) = world
        .signed(
            &body("play_live", now - TimeDelta::seconds(100), SKILL_ID),
            &url(GOOD),
        )
        .await;
    assert_eq!(status, 200, "100 s of skew is within 150 s: {text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cached_chain_is_used_until_it_expires_then_fetched_again() {
    use onair::serve::verify::Refusal;

    let pki = pki();
    let files = pki.serve_files().await;
    let verifier = Verifier::new(
        SkillId::parse(SKILL_ID).expect("skill id"),
        CertCache::new(
            CertFetcher::local(pki.root_pem.as_bytes(), files).expect("fetcher"),
            TrustRoots::from_pem(pki.root_pem.as_bytes()).expect("test root"),
        ),
    );
    let signed_at = |now: DateTime<Utc>| {
        let body = body("play_live", now, SKILL_ID);
        let mut headers = hyper::HeaderMap::new();
        headers.insert("SignatureCertChainUrl", url(GOOD).parse().expect("header"));
        headers.insert("Signature-256", pki.sign(&body).parse().expect("header"));
        (
            verifier.check_headers(&headers).expect("good headers"),
            body,
        )
    };
    let now = Utc::now();
    for _ in 0..3 {
        let (signed, body) = signed_at(now);
        assert!(verifier.verify(&signed, &body, now).await.is_ok());
    }
    assert_eq!(verifier.certs().fetches(), 1, "fetched once, then cached");
    // 60 days on, the 30-day certificate has expired: the cached chain is dropped and fetched again, and the
    // fresh copy is just as expired.
    let later = now + TimeDelta::days(60);
    let (signed, body) = signed_at(later);
    assert_eq!(
        verifier.verify(&signed, &body, later).await.err(),
        Some(Refusal::CertExpired)
    );
    assert_eq!(verifier.certs().fetches(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn made_up_certificate_urls_cost_one_fetch_each_at_most_and_a_bounded_number_per_minute() {
    use onair::serve::verify::cert_cache::MAX_FETCHES_PER_MINUTE;

    let world = world().await;
    let Verification::On(verifier) = world.endpoint.verification() else {
        unreachable!("verification is on")
    };
    // The same missing file named again and again: fetched once, then refused from memory.
    for _ in 0..5 {
        assert_refused(
            "a 404 named again",
            world.signed(&fresh(), &url("/echo.api/missing.pem")).await,
        );
    }
    assert_eq!(
        verifier.certs().fetches(),
        1,
        "a failed URL is not fetched again at once"
    );
    // A flood of distinct made-up URLs: the fetches stop at the per-minute bound.
    for n in 0..(MAX_FETCHES_PER_MINUTE + 10) {
        assert_refused(
            "a made-up URL",
            world
                .signed(&fresh(), &url(&format!("/echo.api/made-up-{n}.pem")))
                .await,
        );
    }
    assert_eq!(
        verifier.certs().fetches(),
        MAX_FETCHES_PER_MINUTE as u64,
        "at most {MAX_FETCHES_PER_MINUTE} fetches start in a minute"
    );
    world.assert_nothing_processed("made-up certificate URLs");
}
