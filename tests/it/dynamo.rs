//! The DynamoDB store, import and playback states against a real DynamoDB Local (started by `scripts/test`).

use std::time::Duration as StdDuration;

use aws_sdk_dynamodb::types::{AttributeValue, TimeToLiveStatus};
use chrono::{DateTime, Duration, Utc};
use onair::schedule::{EventId, Lineup, SourceMatch, parse_schedule_json};
use onair::storage::dynamo_db::{CallCounter, client_config};
use onair::storage::event_writer::EventWriter;
use onair::storage::schedule_import::{DEFAULT_HORIZON, ImportSummary, plan_import};
use onair::storage::tables::{self, Created};
use onair::storage::{
    DynamoDbPlaybackStore, DynamoDbScheduleStore, InMemorySchedule, PlaybackActivity,
    PlaybackState, PlaybackStateStore, Recorded, ScheduleStore, UserKey,
};
use serde_json::{Value, json};

use crate::support::{self, DynamoDb};

const DEFAULT_FIXTURE: &str = include_str!("../fixtures/schedules/default.json");

pub(crate) fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("a valid instant")
        .with_timezone(&Utc)
}

/// The pinned clock of the request fixtures.
pub(crate) fn fixture_now() -> DateTime<Utc> {
    at("2026-11-22T20:00:00Z")
}

/// A fresh events table.
pub(crate) async fn events_table(db: &DynamoDb) -> String {
    let table = support::unique_name("events");
    tables::EVENTS
        .create(&db.client, &table)
        .await
        .expect("events table created");
    table
}

/// Imports `text` into `table` as of `now`.
pub(crate) async fn import(
    db: &DynamoDb,
    table: &str,
    text: &str,
    now: DateTime<Utc>,
) -> ImportSummary {
    plan_import(text, now, DEFAULT_HORIZON)
        .expect("a schedule file")
        .run(&EventWriter::new(db.client.clone(), table), |_| {})
        .await
        .expect("import succeeds")
}

fn ids<'a>(events: impl IntoIterator<Item = &'a onair::schedule::LiveEvent>) -> Vec<&'a str> {
    events.into_iter().map(|event| event.id.as_str()).collect()
}

/// What a listener could learn from a store at `now`: the answers the dialog builds on.
async fn answers(store: &impl ScheduleStore, now: DateTime<Utc>) -> Value {
    let schedule = store.schedule_at(now).await.expect("a schedule");
    let find = |spoken: &str| match schedule.find_source(spoken, &[]) {
        SourceMatch::None => json!(null),
        SourceMatch::One(source) => json!({"key": source.key, "events": ids(source.events)}),
        SourceMatch::Ambiguous(sources) => {
            json!({"ambiguous": sources.iter().map(|source| source.key.clone()).collect::<Vec<_>>()})
        }
    };
    let by_id = store
        .event(&EventId::parse("jazz-night-2026-11-22").expect("valid id"))
        .await
        .expect("event read");
    json!({
        "live": ids(schedule.live_at(now)),
        "upcoming": ids(schedule.upcoming(now, 5)),
        "nextOnRadioUno": schedule.next_on_channel("Radio Uno", now).map(|event| event.id.as_str()),
        "recentlyEndedWithRecording": ids(schedule.recently_ended_with_recording(now, Duration::hours(12))),
        "find": {
            "jazz night": find("jazz night"),
            "radio unno": find("radio unno"),
            "marco": find("marco"),
            "sigur loa": find("sigur loa"),
            "bass and beats": find("bass and beats"),
        },
        "eventById": by_id.map(|event| event.title),
    })
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn both_stores_give_the_same_answers_for_the_default_fixture() {
    let Some(db) = support::dynamodb().await else {
        return;
    };
    let table = events_table(&db).await;
    let summary = import(&db, &table, DEFAULT_FIXTURE, fixture_now()).await;
    assert!(summary.rejected.is_empty(), "{:?}", summary.rejected);

    let parsed = parse_schedule_json(DEFAULT_FIXTURE).expect("fixture parses");
    let in_memory = InMemorySchedule::new(Lineup::new(parsed.specs));
    let dynamo = DynamoDbScheduleStore::new(db.client.clone(), &table);

    let expected = answers(&in_memory, fixture_now()).await;
    // One snapshot, checked against each store in turn.
    insta::assert_json_snapshot!("default_fixture_answers", expected);
    insta::assert_json_snapshot!(
        "default_fixture_answers",
        answers(&dynamo, fixture_now()).await
    );
}

/// The parametrized half of the replay test: every request fixture, answered from a DynamoDB table holding the
/// fixture schedule, matches the same reviewed snapshot as the in-memory store.
#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn every_request_fixture_matches_its_snapshot_from_dynamodb() {
    let Some(db) = support::dynamodb().await else {
        return;
    };
    let table = events_table(&db).await;
    let summary = import(&db, &table, DEFAULT_FIXTURE, fixture_now()).await;
    assert!(summary.rejected.is_empty(), "{:?}", summary.rejected);
    let store = DynamoDbScheduleStore::new(db.client.clone(), &table);
    crate::replay::every_fixture_matches_its_snapshot(store).await;
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn creating_the_tables_twice_is_harmless_and_leaves_keys_indexes_and_ttl() {
    let Some(db) = support::dynamodb().await else {
        return;
    };
    let table = support::unique_name("events");
    let playback = tables::default_playback_table(&table);
    assert_eq!(
        tables::EVENTS
            .create(&db.client, &table)
            .await
            .expect("created"),
        Created::New
    );
    assert_eq!(
        tables::EVENTS
            .create(&db.client, &table)
            .await
            .expect("idempotent"),
        Created::AlreadyExisted
    );
    assert_eq!(
        tables::PLAYBACK
            .create(&db.client, &playback)
            .await
            .expect("created"),
        Created::New
    );

    let described = db
        .client
        .describe_table()
        .table_name(&table)
        .send()
        .await
        .expect("describe");
    let described = described.table().expect("a table");
    let indexes: Vec<&str> = described
        .global_secondary_indexes()
        .iter()
        .filter_map(|index| index.index_name())
        .collect();
    assert_eq!(indexes.len(), 3);
    assert!(
        indexes.contains(&"byStart")
            && indexes.contains(&"byChannel")
            && indexes.contains(&"byOrigin"),
        "{indexes:?}"
    );
    for name in [&table, &playback] {
        let ttl = db
            .client
            .describe_time_to_live()
            .table_name(name)
            .send()
            .await
            .expect("ttl");
        let ttl = ttl.time_to_live_description().expect("a ttl description");
        assert_eq!(ttl.attribute_name(), Some("ttl"));
        assert_eq!(ttl.time_to_live_status(), Some(&TimeToLiveStatus::Enabled));
    }
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn reimporting_the_same_file_writes_nothing_and_a_change_rewrites_only_that_event() {
    let Some(db) = support::dynamodb().await else {
        return;
    };
    let table = events_table(&db).await;
    let first = import(&db, &table, DEFAULT_FIXTURE, fixture_now()).await;
    assert!(first.written >= 10, "{first:?}");
    assert_eq!(first.unchanged, 0);

    let again = import(&db, &table, DEFAULT_FIXTURE, fixture_now()).await;
    assert_eq!((again.written, again.unchanged), (0, first.written));

    // GIVEN Jazz Night renamed WHEN re-imported THEN only it is written and its old name no longer finds it.
    let renamed = DEFAULT_FIXTURE.replace("\"Jazz Night\"", "\"Jazz Night Special\"");
    assert_ne!(renamed, DEFAULT_FIXTURE);
    let changed = import(&db, &table, &renamed, fixture_now()).await;
    assert_eq!((changed.written, changed.unchanged), (1, first.written - 1));
    let store = DynamoDbScheduleStore::new(db.client.clone(), &table);
    let named_old = store
        .events_named("jazz-night", fixture_now() - Duration::days(1), 10)
        .await
        .expect("query");
    assert!(named_old.is_empty(), "{named_old:?}");
    let named_new = store
        .events_named("jazz-night-special", fixture_now() - Duration::days(1), 10)
        .await
        .expect("query");
    assert_eq!(ids(&named_new), ["jazz-night-2026-11-22"]);
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn rejected_events_are_reported_with_index_and_reason_and_the_rest_imported() {
    let Some(db) = support::dynamodb().await else {
        return;
    };
    let table = events_table(&db).await;
    let file = json!({"events": [
        {"id": "good", "title": "Good Show", "performers": ["Ada"], "startsAt": "2026-11-22T19:00:00Z",
         "endsAt": "2026-11-22T21:00:00Z", "streamUrl": "https://streams.onair.example/good.mp3"},
        {"id": "bad", "title": "Bad Show", "performers": ["Bea"], "startsAt": "2026-11-22T19:00:00Z",
         "endsAt": "2026-11-22T21:00:00Z", "streamUrl": "http://streams.onair.example/bad.mp3"},
    ]});
    let summary = import(&db, &table, &file.to_string(), fixture_now()).await;
    let summary = serde_json::to_value(summary).expect("serializes");
    assert_eq!(summary["written"], 1);
    assert_eq!(summary["unchanged"], 0);
    assert_eq!(summary["rejected"][0]["index"], 1);
    let reason = summary["rejected"][0]["reason"].as_str().expect("a reason");
    assert!(reason.contains("streamUrl"), "{reason}");
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn a_warm_store_answers_without_any_dynamodb_call() {
    let Some(db) = support::dynamodb().await else {
        return;
    };
    let table = events_table(&db).await;
    import(&db, &table, DEFAULT_FIXTURE, fixture_now()).await;
    let counter = CallCounter::default();
    let client = aws_sdk_dynamodb::Client::from_conf(
        client_config(&db.sdk).interceptor(counter.clone()).build(),
    );
    let store = DynamoDbScheduleStore::new(client, &table);

    // Cold: one Query per time bucket of the window, at most two.
    let cold = store.schedule_at(fixture_now()).await.expect("cold read");
    let cold_calls = counter.calls();
    assert!(
        (1..=2).contains(&cold_calls),
        "{cold_calls} calls when cold"
    );
    assert!(!cold.live_at(fixture_now()).is_empty());

    // Warm: a minute of requests, an event by id from the snapshot: no call at all.
    for second in 0..60 {
        let schedule = store
            .schedule_at(fixture_now() + Duration::seconds(second))
            .await
            .expect("warm read");
        assert_eq!(schedule.len(), cold.len());
    }
    let event = store
        .event(&EventId::parse("jazz-night-2026-11-22").expect("valid id"))
        .await
        .expect("event");
    assert_eq!(
        event.map(|event| event.title).as_deref(),
        Some("Jazz Night")
    );
    assert_eq!(
        counter.calls(),
        cold_calls,
        "a warm request called DynamoDB"
    );

    // An id outside the snapshot is one GetItem; a lookup outside the window reads a new snapshot.
    let unknown = store
        .event(&EventId::parse("not-in-the-table").expect("valid id"))
        .await
        .expect("get item");
    assert!(unknown.is_none());
    assert_eq!(counter.calls(), cold_calls + 1);
    store
        .schedule_at(fixture_now() + Duration::days(30))
        .await
        .expect("new window");
    assert!(counter.calls() > cold_calls + 1);
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn a_snapshot_older_than_its_max_age_is_read_again() {
    let Some(db) = support::dynamodb().await else {
        return;
    };
    let table = events_table(&db).await;
    import(&db, &table, DEFAULT_FIXTURE, fixture_now()).await;
    let counter = CallCounter::default();
    let client = aws_sdk_dynamodb::Client::from_conf(
        client_config(&db.sdk).interceptor(counter.clone()).build(),
    );
    let store =
        DynamoDbScheduleStore::new(client, &table).with_max_age(StdDuration::from_millis(100));
    store.schedule_at(fixture_now()).await.expect("cold read");
    let cold_calls = counter.calls();
    tokio::time::sleep(StdDuration::from_millis(150)).await;
    store.schedule_at(fixture_now()).await.expect("refresh");
    assert_eq!(counter.calls(), 2 * cold_calls);
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn the_table_answers_the_name_channel_and_id_access_patterns_with_queries() {
    let Some(db) = support::dynamodb().await else {
        return;
    };
    let table = events_table(&db).await;
    import(&db, &table, DEFAULT_FIXTURE, fixture_now()).await;
    let store = DynamoDbScheduleStore::new(db.client.clone(), &table);

    let next = store
        .next_on_channel("radio uno", at("2026-11-22T20:00:01Z"))
        .await
        .expect("query");
    assert_eq!(
        next.map(|event| event.id.to_string()).as_deref(),
        Some("notte-uno-2026-11-22")
    );
    let ella = store
        .events_named("ella-park-trio", fixture_now() - Duration::hours(6), 10)
        .await
        .expect("query");
    assert_eq!(ella.len(), 2, "{:?}", ids(&ella));
    assert_eq!(ella[0].id.as_str(), "jazz-night-2026-11-22");
    // By id without a snapshot: one GetItem.
    let by_id = store
        .event(&EventId::parse("cafe-ole-2026-11-23").expect("valid id"))
        .await
        .expect("get item");
    assert_eq!(by_id.map(|event| event.title).as_deref(), Some("Café Olé"));
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn every_stored_item_expires_a_month_after_its_event_ends() {
    let Some(db) = support::dynamodb().await else {
        return;
    };
    let table = events_table(&db).await;
    import(&db, &table, DEFAULT_FIXTURE, fixture_now()).await;
    // A Scan is fine in a test; the request path never scans.
    let scanned = db
        .client
        .scan()
        .table_name(&table)
        .send()
        .await
        .expect("scan");
    let items = scanned.items();
    assert!(items.len() > 20, "{} items", items.len());
    for item in items {
        let Some(AttributeValue::N(ttl)) = item.get("ttl") else {
            panic!("item without a numeric ttl: {item:?}");
        };
        let Some(AttributeValue::S(ends_at)) = item.get("endsAt") else {
            panic!("item without endsAt: {item:?}");
        };
        let ttl: i64 = ttl.parse().expect("epoch seconds");
        assert_eq!(ttl, (at(ends_at) + Duration::days(30)).timestamp());
    }
}

fn state(activity: PlaybackActivity, at_ms: i64, offset_ms: u64) -> PlaybackState {
    PlaybackState {
        token: "onair1|live|jazz-night-2026-11-22|0|0".to_owned(),
        activity,
        offset_ms,
        updated_at: DateTime::from_timestamp_millis(at_ms).expect("valid instant"),
        failure_retries: 0,
        enqueued: Some("onair1|live|notte-uno-2026-11-22|0|0".to_owned()),
    }
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn a_late_playback_stopped_never_overwrites_a_newer_playback_started() {
    let Some(db) = support::dynamodb().await else {
        return;
    };
    let table = support::unique_name("playback");
    tables::PLAYBACK
        .create(&db.client, &table)
        .await
        .expect("created");
    let store = DynamoDbPlaybackStore::new(db.client.clone(), &table);
    let user = UserKey::from_user_id("amzn1.ask.account.LISTENER");
    let t0 = fixture_now().timestamp_millis();

    assert_eq!(store.load(&user).await.expect("load"), None);
    let started = state(PlaybackActivity::Playing, t0 + 5_000, 0);
    assert_eq!(
        store.record(&user, &started).await.expect("write"),
        Recorded::Written
    );
    // The Stopped of the previous stream arrives after the new Started.
    let late_stop = state(PlaybackActivity::Stopped, t0 + 1_000, 42_000);
    assert_eq!(
        store.record(&user, &late_stop).await.expect("write"),
        Recorded::Stale
    );
    // The same event delivered twice is stale too.
    assert_eq!(
        store.record(&user, &started).await.expect("write"),
        Recorded::Stale
    );
    assert_eq!(store.load(&user).await.expect("load"), Some(started));

    let paused = state(PlaybackActivity::Paused, t0 + 60_000, 55_000);
    assert_eq!(
        store.record(&user, &paused).await.expect("write"),
        Recorded::Written
    );
    assert_eq!(store.load(&user).await.expect("load"), Some(paused));

    // The raw user id is stored nowhere; the row expires 30 days after its event.
    let scanned = db
        .client
        .scan()
        .table_name(&table)
        .send()
        .await
        .expect("scan");
    let row = format!("{:?}", scanned.items());
    assert!(!row.contains("LISTENER"), "{row}");
    let item = &scanned.items()[0];
    assert_eq!(
        item.get("ttl"),
        Some(&AttributeValue::N(
            ((t0 + 60_000) / 1000 + 30 * 24 * 3600).to_string()
        ))
    );
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn concurrent_playback_writes_keep_the_newest_event() {
    let Some(db) = support::dynamodb().await else {
        return;
    };
    let table = support::unique_name("playback");
    tables::PLAYBACK
        .create(&db.client, &table)
        .await
        .expect("created");
    let store = DynamoDbPlaybackStore::new(db.client.clone(), &table);
    let user = UserKey::from_user_id("amzn1.ask.account.RACER");
    let t0 = fixture_now().timestamp_millis();
    // Twenty events written at once, in no particular order: the newest must win.
    let writes = (0..20_i64).rev().map(|step| {
        let store = store.clone();
        let user = user.clone();
        tokio::spawn(async move {
            let state = state(
                PlaybackActivity::Playing,
                t0 + step * 1_000,
                step.unsigned_abs(),
            );
            store.record(&user, &state).await.expect("write")
        })
    });
    for write in writes.collect::<Vec<_>>() {
        write.await.expect("task");
    }
    let newest = store.load(&user).await.expect("load").expect("a state");
    assert_eq!(newest.offset_ms, 19);
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn a_large_import_completes_and_the_skill_answers_from_it() {
    let Some(db) = support::dynamodb().await else {
        return;
    };
    let count: usize = std::env::var("ONAIR_TEST_IMPORT_EVENTS")
        .ok()
        .and_then(|count| count.parse().ok())
        .unwrap_or(LARGE_IMPORT_DEFAULT);
    let table = events_table(&db).await;
    let file = large_schedule(count, fixture_now());
    let summary = import(&db, &table, &file, fixture_now()).await;
    assert_eq!(summary.written, count);
    assert!(summary.rejected.is_empty());

    let store = DynamoDbScheduleStore::new(db.client.clone(), &table);
    let schedule = store.schedule_at(fixture_now()).await.expect("snapshot");
    assert!(
        schedule.len() >= count / 2,
        "{} of {count} in the window",
        schedule.len()
    );
    let SourceMatch::One(source) = schedule.find_source("channel 7", &[]) else {
        panic!("channel 7 not found");
    };
    assert!(
        source
            .events
            .iter()
            .any(|event| event.is_live_at(fixture_now()))
    );
}

/// Events in the large-import test; `ONAIR_TEST_IMPORT_EVENTS=50000` runs the full-size import.
const LARGE_IMPORT_DEFAULT: usize = 5_000;

/// `count` one-hour events over 50 channels (`Channel 0`…), back to back from three days before `now`.
pub(crate) fn large_schedule(count: usize, now: DateTime<Utc>) -> String {
    let channels = 50;
    let first = now - Duration::days(3);
    let events: Vec<Value> = (0..count)
        .map(|index| {
            let channel = index % channels;
            let slot = i64::try_from(index / channels).expect("small");
            let starts_at = first + Duration::hours(slot % 240) + Duration::minutes(slot / 240);
            json!({
                "id": format!("show-{index}"),
                "title": format!("Show {channel} {}", slot % 12),
                "performers": [format!("Host {}", index % 997)],
                "channel": format!("Channel {channel}"),
                "startsAt": starts_at.to_rfc3339(),
                "endsAt": (starts_at + Duration::hours(1)).to_rfc3339(),
                "streamUrl": format!("https://streams.onair.example/{channel}.mp3"),
            })
        })
        .collect();
    json!({"events": events}).to_string()
}
