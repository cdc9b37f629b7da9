//! Catch-up from S3: the skill, given an [`S3Media`] presigner, answers a catch-up request with a presigned
//! recording URL, and that URL, fetched over HTTP from the run's s3s-fs (which checks SigV4 signatures), returns
//! the object.

use aws_sdk_s3::config::Credentials;
use onair::alexa::RequestEnvelope;
use onair::skill::Skill;
use onair::storage::S3Media;
use serde_json::{Value, json};

use crate::replay::{fixture, fixture_store};
use crate::support;

/// Makes `bucket` unless it exists (tests share these fixed names, and the server, in parallel).
async fn bucket(s3: &aws_sdk_s3::Client, bucket: &str) {
    if let Err(error) = s3.create_bucket().bucket(bucket).send().await {
        let exists = error.as_service_error().is_some_and(|error| {
            error.is_bucket_already_owned_by_you() || error.is_bucket_already_exists()
        });
        assert!(exists, "cannot create {bucket}: {error:?}");
    }
}

async fn put(s3: &aws_sdk_s3::Client, bucket_name: &str, key: &str, body: Vec<u8>) {
    bucket(s3, bucket_name).await;
    s3.put_object()
        .bucket(bucket_name)
        .key(key)
        .body(body.into())
        .send()
        .await
        .expect("object put");
}

/// Fetches `url` over plain HTTP: the status and the body.
async fn fetch(url: &str) -> (u16, Vec<u8>) {
    let response = reqwest::get(url).await.expect("the S3 server answers");
    let status = response.status().as_u16();
    (status, response.bytes().await.expect("a body").to_vec())
}

fn expires(url: &str) -> u64 {
    url.split(['?', '&'])
        .find_map(|pair| pair.strip_prefix("X-Amz-Expires="))
        .and_then(|seconds| seconds.parse().ok())
        .expect("a presigned url")
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn a_catch_up_request_plays_a_presigned_url_that_the_s3_server_serves() {
    let Some(s3) = support::s3().await else {
        return;
    };
    // GIVEN the fixture schedule's Sunday Jazz Brunch, whose recording and art are in S3
    let recording: Vec<u8> = (0..300_000_u32).map(|i| (i * 7 % 251) as u8).collect();
    let art = b"\x89PNG\r\n\x1a\n not really a picture".to_vec();
    put(
        &s3,
        "onair-recordings",
        "jazz/sunday-jazz-brunch-2026-11-22.mp3",
        recording.clone(),
    )
    .await;
    put(
        &s3,
        "onair-media",
        "art/sunday-jazz-brunch.png",
        art.clone(),
    )
    .await;
    // Devices only fetch HTTPS, and s3s-fs serves plain HTTP. SigV4 signs the host, path and query, not the
    // scheme, so the skill is told the endpoint is https on the same host and port, and the test fetches the
    // link it answers with over http.
    let endpoint = std::env::var("ONAIR_TEST_S3_ENDPOINT").expect("set by scripts/test");
    let https = endpoint.replacen("http://", "https://", 1);
    let key = std::env::var("AWS_ACCESS_KEY_ID").unwrap_or_else(|_| "onairtest".to_owned());
    let secret =
        std::env::var("AWS_SECRET_ACCESS_KEY").unwrap_or_else(|_| "onairtestsecret".to_owned());
    let media = S3Media::new(
        Credentials::new(key, secret, None, None, "tests"),
        "us-east-1",
    )
    .with_endpoint(&https)
    .expect("an endpoint");
    let skill = Skill::with_media(fixture_store(), media);

    // WHEN the listener says "yes" to the offer of the brunch's recording
    let mut request = fixture("play_ended_with_recording_then_yes");
    request["session"]["attributes"]["onair"]["offer"]["event"] =
        json!("sunday-jazz-brunch-2026-11-22");
    let envelope: RequestEnvelope = serde_json::from_value(request).expect("an envelope");
    let now = envelope.timestamp().expect("a timestamp");
    let answered = skill.answer_at(envelope, now).await;
    assert!(answered.violations.is_empty(), "{:?}", answered.violations);
    let response: Value = serde_json::to_value(answered.response).expect("JSON");

    // THEN the skill plays a presigned link to the recording, valid for longer than the 2-hour show
    let directive = &response["response"]["directives"][0];
    assert_eq!(directive["type"], "AudioPlayer.Play", "{response}");
    let url = directive["audioItem"]["stream"]["url"]
        .as_str()
        .expect("a stream url");
    assert!(
        url.starts_with(&format!(
            "{https}/onair-recordings/jazz/sunday-jazz-brunch-2026-11-22.mp3?"
        )),
        "{url}"
    );
    assert!(expires(url) > 2 * 3600, "{url}");

    // AND the S3 server serves exactly the recording at that link
    let (status, body) = fetch(&url.replacen("https://", "http://", 1)).await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    assert_eq!(body.len(), recording.len());
    assert!(body == recording, "the served bytes are the recording's");

    // AND the screen's art is a presigned link the server serves too
    let art_url = directive["audioItem"]["metadata"]["art"]["sources"][0]["url"]
        .as_str()
        .expect("an art url");
    let (status, body) = fetch(&art_url.replacen("https://", "http://", 1)).await;
    assert_eq!((status, body), (200, art));

    // AND the server checks the signature: the same link made to last longer is refused
    let lasting = format!("X-Amz-Expires={}", expires(url));
    let tampered =
        url.replacen("https://", "http://", 1)
            .replacen(&lasting, "X-Amz-Expires=604800", 1);
    assert_ne!(tampered, url.replacen("https://", "http://", 1));
    assert_eq!(fetch(&tampered).await.0, 403);
}
