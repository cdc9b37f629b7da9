//! Faults: a test-owned DynamoDB Local killed or frozen mid-run. A warm store keeps answering from its snapshot; a
//! cold one reports the store unavailable (the skill turns that into a spoken apology) instead of hanging.

use std::time::{Duration, Instant};

use onair::schedule::EventId;
use onair::storage::{DynamoDbScheduleStore, ScheduleStore, StoreError};

use crate::dynamo::{events_table, fixture_now, import};
use crate::support::OwnedDynamoDb;

const DEFAULT_FIXTURE: &str = include_str!("../fixtures/schedules/default.json");

/// Far above the ~2 s the client's timeouts allow, so a slow machine never fails the test; the benchmark and the
/// timeouts themselves keep the real figure honest.
const GENEROUS: Duration = Duration::from_secs(10);

fn live_ids(schedule: &onair::schedule::Schedule) -> Vec<String> {
    schedule
        .live_at(fixture_now())
        .iter()
        .map(|event| event.id.to_string())
        .collect()
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn a_warm_store_keeps_answering_after_dynamodb_dies() {
    let Some(mut server) = OwnedDynamoDb::start().await else {
        return;
    };
    let table = events_table(&server.db).await;
    import(&server.db, &table, DEFAULT_FIXTURE, fixture_now()).await;
    // Max age zero: every request tries to refresh, the worst case for an outage.
    let store =
        DynamoDbScheduleStore::new(server.db.client.clone(), &table).with_max_age(Duration::ZERO);
    let before = live_ids(&store.schedule_at(fixture_now()).await.expect("cold read"));
    assert!(!before.is_empty());

    server.kill();
    for _ in 0..5 {
        let started = Instant::now();
        let after = store
            .schedule_at(fixture_now())
            .await
            .expect("the last snapshot");
        assert_eq!(live_ids(&after), before);
        assert!(started.elapsed() < GENEROUS);
    }
    let from_snapshot = store
        .event(&EventId::parse("jazz-night-2026-11-22").expect("valid id"))
        .await
        .expect("served from the snapshot");
    assert!(from_snapshot.is_some());
    let elsewhere = store
        .event(&EventId::parse("not-in-the-snapshot").expect("valid id"))
        .await;
    assert!(
        matches!(elsewhere, Err(StoreError::Unavailable(_))),
        "{elsewhere:?}"
    );
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn a_cold_store_reports_unavailable_when_dynamodb_is_gone() {
    let Some(mut server) = OwnedDynamoDb::start().await else {
        return;
    };
    let table = events_table(&server.db).await;
    server.kill();
    let store = DynamoDbScheduleStore::new(server.db.client.clone(), &table);
    let started = Instant::now();
    let read = store.schedule_at(fixture_now()).await;
    assert!(matches!(read, Err(StoreError::Unavailable(_))), "{read:?}");
    assert!(started.elapsed() < GENEROUS, "took {:?}", started.elapsed());
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn a_frozen_dynamodb_times_out_and_the_warm_store_still_answers() {
    let Some(server) = OwnedDynamoDb::start().await else {
        return;
    };
    let table = events_table(&server.db).await;
    import(&server.db, &table, DEFAULT_FIXTURE, fixture_now()).await;
    let warm =
        DynamoDbScheduleStore::new(server.db.client.clone(), &table).with_max_age(Duration::ZERO);
    let before = live_ids(&warm.schedule_at(fixture_now()).await.expect("cold read"));

    server.signal("STOP");
    let cold = DynamoDbScheduleStore::new(server.db.client.clone(), &table);
    let started = Instant::now();
    let read = cold.schedule_at(fixture_now()).await;
    let waited = started.elapsed();
    assert!(matches!(read, Err(StoreError::Unavailable(_))), "{read:?}");
    assert!(waited < GENEROUS, "waited {waited:?}");
    let after = warm
        .schedule_at(fixture_now())
        .await
        .expect("the last snapshot");
    assert_eq!(live_ids(&after), before);

    server.signal("CONT");
    let recovered = cold
        .schedule_at(fixture_now())
        .await
        .expect("answers again");
    assert_eq!(live_ids(&recovered), before);
}
