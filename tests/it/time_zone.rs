//! The listener's clock: the device time zone from a local stand-in of the Alexa Settings API (SPEC §7), and
//! relative times whenever it cannot be known.
//!
//! Expected times are computed by hand from `tests/fixtures/schedules/default.json`, answered at the fixtures'
//! 2026-11-22T20:00Z (a Sunday; noon in Los Angeles, 21:00 in Rome):
//! - Nordlicht Sessions starts 2026-11-23T19:00Z: Monday 11:00 in Los Angeles (PST, UTC-8), 20:00 in Rome (CET,
//!   UTC+1), 23 hours from now: "tomorrow at 8 PM, Berlin time" on the show's own clock when the device's is unknown.
//! - The Morning Desk starts 2026-11-23T12:00Z: Monday 04:00 in Los Angeles, 13:00 in Rome, 16 hours from now.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use onair::device_settings::{EndpointPolicy, SettingsApiConfig, SettingsApiZones};
use onair::schedule::{EventId, LiveEvent, Schedule};
use onair::skill::{DeviceRef, DeviceZones, HttpsMedia, Skill};
use onair::storage::dynamo_db_zones::{DeviceKey, DynamoDbZoneMemory};
use onair::storage::{InMemorySchedule, ScheduleStore, StoreError};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

use crate::replay::{fixture, fixture_store};

const LOS_ANGELES: &str = "amzn1.ask.device.TZ-LOS-ANGELES";
const ROME: &str = "amzn1.ask.device.TZ-ROME";
const NO_SETTING: &str = "amzn1.ask.device.TZ-NO-SETTING";
const BAD_TOKEN: &str = "amzn1.ask.device.TZ-BAD-TOKEN";
const DOWN: &str = "amzn1.ask.device.TZ-DOWN";
const SLOW: &str = "amzn1.ask.device.TZ-SLOW";
const UNKNOWN_ZONE: &str = "amzn1.ask.device.TZ-MARS";
const BARE_TEXT: &str = "amzn1.ask.device.TZ-BARE-TEXT";

/// How long the slow device makes the caller wait: far past any deadline the adapter may use.
const SLOW_ANSWER: Duration = Duration::from_secs(30);

/// What the stand-in answers for a device id, like the Settings API would.
fn reply_for(device: &str) -> (u16, &'static str) {
    match device {
        LOS_ANGELES => (200, r#""America/Los_Angeles""#),
        ROME | SLOW => (200, r#""Europe/Rome""#),
        NO_SETTING => (204, ""),
        BAD_TOKEN => (
            401,
            r#"{"type":"INVALID_ACCESS_TOKEN","message":"Invalid token"}"#,
        ),
        UNKNOWN_ZONE => (200, r#""Mars/Olympus_Mons""#),
        // SPEC §7: the body is a JSON string; bare text is a broken answer.
        BARE_TEXT => (200, "Europe/Rome"),
        _ => (500, r#"{"type":"INTERNAL_ERROR","message":"down"}"#),
    }
}

/// One request the stand-in received.
#[derive(Debug, Clone)]
struct Seen {
    path: String,
    authorization: Option<String>,
    accept: Option<String>,
}

/// A local HTTP server on 127.0.0.1:0 answering `GET /v2/devices/{deviceId}/settings/System.timeZone`.
struct SettingsApi {
    endpoint: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl SettingsApi {
    async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let endpoint = format!("http://{}", listener.local_addr().expect("address"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, Arc::clone(&log)));
            }
        });
        Self { endpoint, seen }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// How many calls asked about `device`.
    fn calls_for(&self, device: &str) -> usize {
        let path = settings_path(device);
        self.seen().iter().filter(|s| s.path == path).count()
    }
}

fn settings_path(device: &str) -> String {
    format!("/v2/devices/{device}/settings/System.timeZone")
}

async fn serve(mut stream: TcpStream, seen: Arc<Mutex<Vec<Seen>>>) {
    let mut head = Vec::new();
    let mut buffer = [0_u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buffer[..n]),
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let mut lines = head.lines();
    let path = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .unwrap_or_default()
        .to_owned();
    let headers: BTreeMap<String, String> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    seen.lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(Seen {
            path: path.clone(),
            authorization: headers.get("authorization").cloned(),
            accept: headers.get("accept").cloned(),
        });
    let device = path
        .strip_prefix("/v2/devices/")
        .and_then(|rest| rest.strip_suffix("/settings/System.timeZone"))
        .unwrap_or_default();
    if device == SLOW {
        tokio::time::sleep(SLOW_ANSWER).await;
    }
    let (status, body) = reply_for(device);
    let reason = match status {
        200 => "OK",
        204 => "No Content",
        401 => "Unauthorized",
        _ => "Internal Server Error",
    };
    let response = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    // The client may have given up already (the slow device): nothing to do about a closed socket.
    let _ = stream.write_all(response.as_bytes()).await;
}

/// The production adapter, pointed at the plain-HTTP stand-in; otherwise production settings (800 ms deadline).
fn settings_api_zones() -> SettingsApiZones {
    SettingsApiZones::new(SettingsApiConfig {
        endpoints: EndpointPolicy::AllowHttp,
        ..SettingsApiConfig::default()
    })
    .expect("http client")
}

fn skill() -> Skill<InMemorySchedule, HttpsMedia, SettingsApiZones> {
    Skill::new(fixture_store()).with_zones(settings_api_zones())
}

/// A request fixture coming from `device`, whose `apiEndpoint` is the stand-in.
fn from_device(name: &str, api: &SettingsApi, device: &str) -> Value {
    let mut envelope = fixture(name);
    envelope["context"]["System"]["apiEndpoint"] = Value::from(api.endpoint.as_str());
    envelope["context"]["System"]["device"]["deviceId"] = Value::from(device);
    envelope
}

fn spoken(response: &Value) -> &str {
    response["response"]["outputSpeech"]["ssml"]
        .as_str()
        .unwrap_or_default()
}

const NORDLICHT_LOS_ANGELES: &str = "<speak>Nordlicht Sessions on Club Berlin starts tomorrow at 11 AM. Meanwhile, Bass &amp; Beats on Club Berlin is live. Would you like to listen to it?</speak>";
const NORDLICHT_ROME: &str = "<speak>Nordlicht Sessions on Club Berlin starts tomorrow at 8 PM. Meanwhile, Bass &amp; Beats on Club Berlin is live. Would you like to listen to it?</speak>";
/// Without the device's zone, a start 23 hours away is spoken on the show's own clock, naming its city.
const NORDLICHT_RELATIVE: &str = "<speak>Nordlicht Sessions on Club Berlin starts tomorrow at 8 PM, Berlin time. Meanwhile, Bass &amp; Beats on Club Berlin is live. Would you like to listen to it?</speak>";

#[tokio::test]
async fn the_same_request_from_two_zones_speaks_two_local_clock_times() {
    // GIVEN the same not-yet-live request from a device in Los Angeles and one in Rome
    let api = SettingsApi::start().await;
    let skill = skill();
    // WHEN each is answered
    let los_angeles =
        crate::replay::answer_async(&skill, &from_device("play_not_live_yet", &api, LOS_ANGELES))
            .await;
    let rome =
        crate::replay::answer_async(&skill, &from_device("play_not_live_yet", &api, ROME)).await;
    // THEN each hears the start on its own clock: 19:00Z is 11 AM in Los Angeles and 8 PM in Rome
    assert_eq!(spoken(&los_angeles), NORDLICHT_LOS_ANGELES);
    assert_eq!(spoken(&rome), NORDLICHT_ROME);
}

#[tokio::test]
async fn an_italian_listener_hears_24_hour_times_on_the_device_clock() {
    let api = SettingsApi::start().await;
    let skill = skill();
    let italian = |device| {
        let mut envelope = from_device("play_not_live_yet", &api, device);
        envelope["request"]["locale"] = Value::from("it-IT");
        envelope
    };
    let rome = crate::replay::answer_async(&skill, &italian(ROME)).await;
    let los_angeles = crate::replay::answer_async(&skill, &italian(LOS_ANGELES)).await;
    let offline = crate::replay::answer_async(&skill, &italian(DOWN)).await;
    // 19:00Z tomorrow: 20:00 in Rome, 11:00 in Los Angeles, 23 hours from now anywhere.
    assert!(
        spoken(&rome).contains("inizia domani alle 20."),
        "{}",
        spoken(&rome)
    );
    assert!(
        spoken(&los_angeles).contains("inizia domani alle 11."),
        "{}",
        spoken(&los_angeles)
    );
    assert!(
        spoken(&offline).contains("inizia domani alle 20, ora di Berlino."),
        "{}",
        spoken(&offline)
    );
}

#[tokio::test]
async fn when_is_names_the_local_time_of_the_next_show() {
    let api = SettingsApi::start().await;
    let skill = skill();
    let los_angeles =
        crate::replay::answer_async(&skill, &from_device("when_is_later", &api, LOS_ANGELES)).await;
    let rome = crate::replay::answer_async(&skill, &from_device("when_is_later", &api, ROME)).await;
    // 12:00Z on Monday: 4 AM in Los Angeles, 1 PM in Rome.
    assert_eq!(
        spoken(&los_angeles),
        "<speak>The Morning Desk on Open Mic Network is next live tomorrow at 4 AM. Would you like me to remind you \
         when it starts?</speak>"
    );
    assert_eq!(
        spoken(&rome),
        "<speak>The Morning Desk on Open Mic Network is next live tomorrow at 1 PM. Would you like me to remind you \
         when it starts?</speak>"
    );
}

#[tokio::test]
async fn with_the_settings_api_down_the_time_is_relative_and_correct() {
    // GIVEN a Settings API that answers 500 for this device
    let api = SettingsApi::start().await;
    let response =
        crate::replay::answer_async(&skill(), &from_device("play_not_live_yet", &api, DOWN)).await;
    // THEN the listener's clock is not guessed: the show's own (Berlin) clock is named instead
    assert_eq!(spoken(&response), NORDLICHT_RELATIVE);
    assert_eq!(api.calls_for(DOWN), 1, "the API was asked");
}

#[tokio::test]
async fn every_kind_of_settings_api_failure_falls_back_to_a_relative_time() {
    let api = SettingsApi::start().await;
    let skill = skill();
    for device in [NO_SETTING, BAD_TOKEN, DOWN, UNKNOWN_ZONE, BARE_TEXT] {
        let response =
            crate::replay::answer_async(&skill, &from_device("play_not_live_yet", &api, device))
                .await;
        assert_eq!(spoken(&response), NORDLICHT_RELATIVE, "device {device}");
        assert_eq!(api.calls_for(device), 1, "device {device} was asked");
    }
}

#[tokio::test]
async fn a_slow_settings_api_is_abandoned_at_the_deadline() {
    // GIVEN a Settings API that would answer Europe/Rome, but only after 30 seconds
    let api = SettingsApi::start().await;
    let response =
        crate::replay::answer_async(&skill(), &from_device("play_not_live_yet", &api, SLOW)).await;
    // THEN the skill answered without it (the test would take 30 s otherwise): a relative time, not 8 PM
    assert_eq!(spoken(&response), NORDLICHT_RELATIVE);
    assert_eq!(api.calls_for(SLOW), 1);
}

#[tokio::test]
async fn the_call_carries_the_bearer_token_of_the_request() {
    let api = SettingsApi::start().await;
    crate::replay::answer_async(&skill(), &from_device("play_not_live_yet", &api, ROME)).await;
    let seen = api.seen();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(seen[0].path, settings_path(ROME));
    // play_not_live_yet.json carries "apiAccessToken": "test-access-token".
    assert_eq!(
        seen[0].authorization.as_deref(),
        Some("Bearer test-access-token")
    );
    assert_eq!(seen[0].accept.as_deref(), Some("application/json"));
}

#[tokio::test]
async fn a_warm_device_costs_no_call() {
    // GIVEN one skill (one cache) answering the same device twice, and another device once
    let api = SettingsApi::start().await;
    let skill = skill();
    let first =
        crate::replay::answer_async(&skill, &from_device("play_not_live_yet", &api, ROME)).await;
    let second =
        crate::replay::answer_async(&skill, &from_device("play_not_live_yet", &api, ROME)).await;
    crate::replay::answer_async(&skill, &from_device("play_not_live_yet", &api, LOS_ANGELES)).await;
    // THEN the second answer still speaks Rome time, from the cache
    assert_eq!(spoken(&first), NORDLICHT_ROME);
    assert_eq!(spoken(&second), NORDLICHT_ROME);
    assert_eq!(api.calls_for(ROME), 1);
    assert_eq!(api.calls_for(LOS_ANGELES), 1);
}

#[tokio::test]
async fn an_outage_costs_each_device_one_call_per_retry_period() {
    let api = SettingsApi::start().await;
    let skill = skill();
    for _ in 0..3 {
        let response =
            crate::replay::answer_async(&skill, &from_device("play_not_live_yet", &api, DOWN))
                .await;
        assert_eq!(spoken(&response), NORDLICHT_RELATIVE);
    }
    assert_eq!(api.calls_for(DOWN), 1);
}

#[tokio::test]
async fn audio_player_requests_never_ask_for_the_zone() {
    // AudioPlayer requests cannot speak (SPEC §2.3), so they must not spend time on the Settings API.
    let api = SettingsApi::start().await;
    let skill = skill();
    for name in [
        "playback_nearly_finished_reconnects_live",
        "playback_failed_retries_once",
        "controller_play",
    ] {
        crate::replay::answer_async(&skill, &from_device(name, &api, ROME)).await;
    }
    assert!(api.seen().is_empty(), "{:?}", api.seen());
    // A launch from the same device does ask, in the background (the welcome speaks no time, so it does not wait):
    // the device's next question finds the zone cached.
    crate::replay::answer_async(&skill, &from_device("launch", &api, ROME)).await;
    let asked = tokio::time::timeout(Duration::from_secs(10), async {
        while api.calls_for(ROME) == 0 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await;
    assert!(asked.is_ok(), "the launch never asked for the zone");
    assert_eq!(api.calls_for(ROME), 1);
}

/// A Settings API that never answers (for answers that must not wait for it).
struct SilentZones;

impl DeviceZones for SilentZones {
    async fn zone_of(&self, _device: DeviceRef<'_>) -> Option<Tz> {
        std::future::pending().await
    }
}

#[tokio::test]
async fn an_answer_without_a_clock_time_never_waits_for_the_zone() {
    // GIVEN a zone lookup that never finishes
    let skill = Skill::new(fixture_store()).with_zones(SilentZones);
    // WHEN the listener opens the skill and asks to play a live show: neither answer speaks a clock time
    for name in ["launch", "play_live"] {
        let response = tokio::time::timeout(
            Duration::from_secs(10),
            crate::replay::answer_async(&skill, &fixture(name)),
        )
        .await
        .unwrap_or_else(|_| panic!("{name} waited for the zone"));
        // THEN both are answered, without the zone
        assert!(!spoken(&response).is_empty(), "{name}: {response}");
    }
}

#[tokio::test]
async fn a_request_without_a_token_asks_nothing_and_speaks_relative_times() {
    let api = SettingsApi::start().await;
    let mut envelope = from_device("play_not_live_yet", &api, ROME);
    envelope["context"]["System"]
        .as_object_mut()
        .expect("System")
        .remove("apiAccessToken");
    let response = crate::replay::answer_async(&skill(), &envelope).await;
    assert_eq!(spoken(&response), NORDLICHT_RELATIVE);
    assert!(api.seen().is_empty(), "{:?}", api.seen());
}

/// `ONAIR_DEVICE_SETTINGS=off` (local runs): the skill never calls the Settings API, even with every field to ask
/// with, and speaks relative times.
#[tokio::test]
async fn with_device_settings_off_nothing_is_asked() {
    let api = SettingsApi::start().await;
    let config = onair::config::Config::from_vars(|name| match name {
        "SKILL_ID" => Some("amzn1.ask.skill.00000000-0000-0000-0000-000000000000".to_owned()),
        "ONAIR_TABLE" => Some("onair-events".to_owned()),
        "ONAIR_DEVICE_SETTINGS" => Some("off".to_owned()),
        _ => None,
    })
    .expect("valid configuration");
    let zones = SettingsApiZones::new(SettingsApiConfig {
        endpoints: config.device_settings,
        ..SettingsApiConfig::default()
    })
    .expect("http client");
    let skill = Skill::new(fixture_store()).with_zones(zones);
    let response =
        crate::replay::answer_async(&skill, &from_device("play_not_live_yet", &api, ROME)).await;
    assert_eq!(spoken(&response), NORDLICHT_RELATIVE);
    assert!(api.seen().is_empty(), "{:?}", api.seen());
}

/// The time-zone fixtures (`tz_*.json`), answered with their devices' zones from the stand-in, match their reviewed
/// snapshots (`tests/it/snapshots/time_zone__tz_*.snap`). The replay test answers the same files with no zone.
#[tokio::test]
async fn time_zone_fixtures_match_their_snapshots() {
    let api = SettingsApi::start().await;
    let skill = skill();
    let dir = crate::replay::requests_dir();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("tz_") && n.ends_with(".json"))
        })
        .collect();
    files.sort();
    assert!(files.len() >= 3, "time-zone fixtures: {files:?}");
    let mut responses = Vec::new();
    for file in &files {
        let stem = file.file_stem().and_then(|s| s.to_str()).expect("name");
        let mut envelope: Value =
            serde_json::from_str(&std::fs::read_to_string(file).expect("readable")).expect("JSON");
        envelope["context"]["System"]["apiEndpoint"] = Value::from(api.endpoint.as_str());
        responses.push((
            stem.to_owned(),
            crate::replay::answer_async(&skill, &envelope).await,
        ));
    }
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for (stem, response) in &responses {
            insta::assert_json_snapshot!(format!("time_zone__{stem}"), response);
        }
    });
    let rome = &responses
        .iter()
        .find(|(stem, _)| stem == "tz_not_live_yet_rome")
        .expect("the Rome fixture")
        .1;
    assert_eq!(spoken(rome), NORDLICHT_ROME);
}

/// A store that cannot finish reading until the zone lookup has started, and a zone lookup that cannot finish until
/// the store read has started: only a skill that runs both at once ever answers.
struct Rendezvous {
    store_started: Notify,
    zone_started: Notify,
}

struct WaitingStore {
    inner: InMemorySchedule,
    meet: Arc<Rendezvous>,
}

impl ScheduleStore for WaitingStore {
    async fn schedule_at(&self, now: DateTime<Utc>) -> Result<Arc<Schedule>, StoreError> {
        self.meet.store_started.notify_one();
        self.meet.zone_started.notified().await;
        self.inner.schedule_at(now).await
    }

    async fn event(&self, id: &EventId) -> Result<Option<LiveEvent>, StoreError> {
        self.inner.event(id).await
    }
}

struct WaitingZones {
    meet: Arc<Rendezvous>,
}

impl DeviceZones for WaitingZones {
    async fn zone_of(&self, _device: DeviceRef<'_>) -> Option<Tz> {
        self.meet.zone_started.notify_one();
        self.meet.store_started.notified().await;
        Some(chrono_tz::Europe::Rome)
    }
}

#[tokio::test]
async fn the_zone_is_looked_up_while_the_schedule_is_read() {
    let meet = Arc::new(Rendezvous {
        store_started: Notify::new(),
        zone_started: Notify::new(),
    });
    let skill = Skill::new(WaitingStore {
        inner: fixture_store(),
        meet: Arc::clone(&meet),
    })
    .with_zones(WaitingZones { meet });
    let response = tokio::time::timeout(
        Duration::from_secs(10),
        crate::replay::answer_async(&skill, &fixture("play_not_live_yet")),
    )
    .await
    .expect("the store read and the zone lookup ran one after the other");
    assert_eq!(spoken(&response), NORDLICHT_ROME);
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn a_new_container_remembers_device_zones_from_dynamodb() {
    let Some(db) = crate::support::dynamodb().await else {
        return;
    };
    let table = crate::support::unique_name("zones");
    onair::storage::tables::PLAYBACK
        .create(&db.client, &table)
        .await
        .expect("playback table");
    let memory = DynamoDbZoneMemory::new(db.client.clone(), &table);
    let api = SettingsApi::start().await;
    // GIVEN a first container that learned the device's zone from the Settings API
    let first =
        Skill::new(fixture_store()).with_zones(settings_api_zones().with_memory(memory.clone()));
    let heard =
        crate::replay::answer_async(&first, &from_device("play_not_live_yet", &api, ROME)).await;
    assert_eq!(spoken(&heard), NORDLICHT_ROME);
    assert_eq!(api.calls_for(ROME), 1);
    // WHEN a new container (empty cache) answers the same device
    let second =
        Skill::new(fixture_store()).with_zones(settings_api_zones().with_memory(memory.clone()));
    let heard =
        crate::replay::answer_async(&second, &from_device("play_not_live_yet", &api, ROME)).await;
    // THEN it speaks Rome time without asking the Settings API again
    assert_eq!(spoken(&heard), NORDLICHT_ROME);
    assert_eq!(api.calls_for(ROME), 1);
    // AND the table keys the device by a hash: the raw device id is stored nowhere
    let items = db.client.scan().table_name(&table).send().await.unwrap();
    let stored = format!("{:?}", items.items());
    assert!(stored.contains("DEVICE#"), "{stored}");
    assert!(!stored.contains("TZ-ROME"), "{stored}");
    // AND an expired entry is not trusted (DynamoDB Local never deletes expired items: check by the attribute)
    let key = DeviceKey::from_device_id(ROME);
    let later =
        Utc::now() + onair::storage::dynamo_db_zones::ZONE_TTL + chrono::Duration::minutes(1);
    assert_eq!(
        memory.load(&key, Utc::now()).await.unwrap(),
        Some(chrono_tz::Europe::Rome)
    );
    assert_eq!(memory.load(&key, later).await.unwrap(), None);
}
