//! Cold starts and freshness against DynamoDB Local, counting the calls with the SDK interceptor: a warm container
//! makes no call, requests 31 s apart cost one small version read and never a full reload, an import is picked up
//! off the listener's path, and a cold "play X" is answered from its own queries while the snapshot loads. The
//! clock is the request's timestamp, driven by the test: nothing sleeps.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use onair::storage::dynamo_db::{CallCounter, client_config};
use onair::storage::{DynamoDbScheduleStore, Need, ScheduleStore};
use serde_json::json;

use crate::dynamo::{events_table, fixture_now, import};
use crate::support::{self, DynamoDb};

const DEFAULT_FIXTURE: &str = include_str!("../fixtures/schedules/default.json");

/// A store over a fresh table holding the default fixture, and the counter of the calls it makes.
async fn store() -> Option<(DynamoDb, String, DynamoDbScheduleStore, CallCounter)> {
    let db = support::dynamodb().await?;
    let table = events_table(&db).await;
    import(&db, &table, DEFAULT_FIXTURE, fixture_now()).await;
    let counter = CallCounter::default();
    let client = aws_sdk_dynamodb::Client::from_conf(
        client_config(&db.sdk).interceptor(counter.clone()).build(),
    );
    let store = DynamoDbScheduleStore::new(client, &table);
    Some((db, table, store, counter))
}

fn later(seconds: i64) -> DateTime<Utc> {
    fixture_now() + Duration::seconds(seconds)
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn requests_31_seconds_apart_read_the_version_and_never_reload() {
    let Some((_db, _table, store, counter)) = store().await else {
        return;
    };
    let cold = store.schedule_at(fixture_now()).await.expect("cold read");
    store.settled().await;
    let cold_calls = counter.calls();
    for request in 1..=5 {
        let before = counter.calls();
        let schedule = store
            .schedule_at(later(31 * request))
            .await
            .expect("warm read");
        // THEN the answer comes from the same snapshot, with no call on the request's path
        assert!(Arc::ptr_eq(&schedule, &cold), "request {request} reloaded");
        assert_eq!(
            counter.calls(),
            before,
            "request {request} waited for a call"
        );
        // AND the background check is one GetItem of the version, not a reload of the window
        store.settled().await;
        assert_eq!(counter.calls(), before + 1, "request {request}");
    }
    assert_eq!(counter.calls(), cold_calls + 5);
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn an_import_is_picked_up_by_the_next_check_off_the_listeners_path() {
    let Some((db, table, store, counter)) = store().await else {
        return;
    };
    let cold = store.schedule_at(fixture_now()).await.expect("cold read");
    assert!(cold.event("late-show-2026-11-22").is_none());
    // WHEN an import adds a show
    let mut file: serde_json::Value = serde_json::from_str(DEFAULT_FIXTURE).unwrap();
    file["events"].as_array_mut().unwrap().push(json!({
        "id": "late-show-2026-11-22", "title": "Late Show", "performers": ["Lena"],
        "startsAt": "2026-11-22T22:00:00Z", "endsAt": "2026-11-22T23:00:00Z",
        "streamUrl": "https://streams.onair.example/late.mp3"
    }));
    import(&db, &table, &file.to_string(), fixture_now()).await;
    // THEN a request within the check interval still answers from the snapshot, without any call
    let before = counter.calls();
    let warm = store.schedule_at(later(10)).await.expect("warm read");
    assert!(Arc::ptr_eq(&warm, &cold));
    store.settled().await;
    assert_eq!(counter.calls(), before);
    // AND the first request after it answers at once from the snapshot and starts the check, which reloads
    let stale = store.schedule_at(later(31)).await.expect("warm read");
    assert!(stale.event("late-show-2026-11-22").is_none());
    assert_eq!(counter.calls(), before, "the listener waited for a call");
    store.settled().await;
    assert!(
        counter.calls() >= before + 2,
        "a version read and the window"
    );
    // AND the next request hears the new show
    let fresh = store.schedule_at(later(32)).await.expect("warm read");
    assert!(fresh.event("late-show-2026-11-22").is_some());
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn a_cold_play_request_is_answered_from_its_own_queries_while_the_snapshot_loads() {
    let Some((_db, _table, store, counter)) = store().await else {
        return;
    };
    // GIVEN a cold store; WHEN a listener asks for tomorrow's Nordlicht Sessions
    let need = Need::Named("nordlicht-sessions".to_owned());
    let first = store
        .schedule_for(fixture_now(), &need)
        .await
        .expect("targeted read");
    // THEN the answer's schedule holds the show and what is live (to offer meanwhile), not the whole window
    assert!(first.event("nordlicht-sessions-2026-11-23").is_some());
    assert!(first.event("jazz-night-2026-11-22").is_some(), "live now");
    // AND the whole window loads in the background; then requests are warm and make no call
    store.settled().await;
    let full = store.schedule_at(later(1)).await.expect("warm read");
    assert!(
        full.len() > first.len(),
        "{} events in the targeted read, {} in the window",
        first.len(),
        full.len()
    );
    let settled_calls = counter.calls();
    for second in 2..20 {
        store
            .schedule_for(later(second), &need)
            .await
            .expect("warm read");
    }
    store.settled().await;
    assert_eq!(
        counter.calls(),
        settled_calls,
        "a warm request called DynamoDB"
    );
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn a_cold_request_for_an_unknown_key_waits_for_the_whole_window() {
    let Some((_db, _table, store, _counter)) = store().await else {
        return;
    };
    // A name spoken differently from its key ("radio unno") finds no name items: the answer then comes from the
    // whole window, where the dialog's fuzzy match still finds Radio Uno.
    let schedule = store
        .schedule_for(fixture_now(), &Need::Named("radio-unno".to_owned()))
        .await
        .expect("full read");
    let whole = store.schedule_at(fixture_now()).await.expect("warm read");
    assert!(Arc::ptr_eq(&schedule, &whole));
    assert!(matches!(
        schedule.find_source("radio unno", &[]),
        onair::schedule::SourceMatch::One(_)
    ));
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn every_fixture_answered_cold_matches_the_answer_from_the_whole_schedule() {
    let Some((db, table, _store, _counter)) = store().await else {
        return;
    };
    let whole = onair::skill::Skill::new(crate::replay::fixture_store());
    let mut files: Vec<_> = std::fs::read_dir(crate::replay::requests_dir())
        .expect("fixtures folder")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let mut differing = Vec::new();
    for file in &files {
        let envelope: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(file).expect("readable")).expect("JSON");
        // A new container for every request: each one is answered cold, from its targeted read when it has one.
        let cold = onair::skill::Skill::new(DynamoDbScheduleStore::new(
            aws_sdk_dynamodb::Client::from_conf(client_config(&db.sdk).build()),
            &table,
        ));
        let expected = crate::replay::answer_async(&whole, &envelope).await;
        let answered = crate::replay::answer_async(&cold, &envelope).await;
        if answered != expected {
            differing.push(file.file_stem().unwrap().to_string_lossy().into_owned());
        }
    }
    assert!(
        differing.is_empty(),
        "answered differently when cold: {differing:?}"
    );
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn a_cold_play_request_for_a_live_show_reads_only_its_name_items() {
    let Some((_db, _table, store, _counter)) = store().await else {
        return;
    };
    // Jazz Night is live at the fixture's instant: its name items are all the answer needs, whatever else is on.
    let schedule = store
        .schedule_for(fixture_now(), &Need::Play("jazz-night".to_owned()))
        .await
        .expect("targeted read");
    assert!(schedule.event("jazz-night-2026-11-22").is_some());
    assert!(
        schedule.event("sera-uno-2026-11-22").is_none(),
        "the live window was read too"
    );
    store.settled().await;
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn a_window_over_the_snapshot_cap_keeps_the_next_hours_and_named_shows_are_read_on_demand() {
    let Some((_db, _table, store, counter)) = store().await else {
        return;
    };
    // GIVEN a container that may keep only 5 events, and a window that holds more
    let store = store.with_max_events(5);
    let kept = store.schedule_at(fixture_now()).await.expect("window read");
    // THEN it keeps at most 5, what is live first
    assert!(kept.len() <= 5, "{} events kept", kept.len());
    for live in [
        "sera-uno-2026-11-22",
        "jazz-night-2026-11-22",
        "bass-and-beats-2026-11-22",
        "notiziario-sera-2026-11-22",
    ] {
        assert!(kept.event(live).is_some(), "{live} is live and kept");
    }
    // AND "what's on" is answered from it without a call
    let before = counter.calls();
    let live = store
        .schedule_for(later(1), &Need::Live)
        .await
        .expect("warm read");
    assert!(Arc::ptr_eq(&live, &kept));
    assert_eq!(counter.calls(), before, "no call for what is live");
    // AND a request naming a show outside the kept hours reads that show's occurrences itself
    let named = store
        .schedule_for(later(2), &Need::Named("nordlicht-sessions".to_owned()))
        .await
        .expect("targeted read");
    assert!(named.event("nordlicht-sessions-2026-11-23").is_some());
    // AND the next requests at the same hour never read the whole window again
    store.settled().await;
    let calls = counter.calls();
    let again = store.schedule_at(later(3)).await.expect("warm read");
    store.settled().await;
    assert!(
        Arc::ptr_eq(&again, &kept),
        "the near window is not reloaded"
    );
    assert_eq!(counter.calls(), calls);
}
