//! Benchmarks of "play the live show from X": the warm lookup on a 50,000-event snapshot (target: under 50 µs)
//! and, when `scripts/test`'s DynamoDB Local is around (`ONAIR_TEST_DYNAMODB_ENDPOINT`), the warm and cold paths
//! through `DynamoDbScheduleStore`.
//!
//! `cargo bench --bench lookup`; `ONAIR_BENCH_EVENTS` changes the snapshot size (default 50,000).

use std::hint::black_box;
use std::time::Duration as StdDuration;

use aws_sdk_dynamodb::config::{Credentials, Region};
use chrono::{DateTime, Duration, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use onair::schedule::{EventId, HttpsUrl, LiveEvent, Schedule, SourceMatch};
use onair::storage::event_writer::EventWriter;
use onair::storage::{DynamoDbScheduleStore, ScheduleStore, tables};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-22T20:00:00Z")
        .map(|now| now.with_timezone(&Utc))
        .unwrap_or_default()
}

fn event_count() -> usize {
    std::env::var("ONAIR_BENCH_EVENTS")
        .ok()
        .and_then(|count| count.parse().ok())
        .unwrap_or(50_000)
}

/// `count` one-hour shows over 200 channels, all within the snapshot window around [`now`].
fn events(count: usize) -> Vec<LiveEvent> {
    let channels = 200;
    let first = now() - Duration::days(3);
    (0..count)
        .map(|index| {
            let channel = index % channels;
            let slot = i64::try_from(index / channels).unwrap_or(0);
            let starts_at = first + Duration::hours(slot % 240) + Duration::minutes(slot / 240);
            LiveEvent {
                id: EventId::parse(&format!("show-{index}")).expect("valid id"),
                title: format!("Show {channel} {}", slot % 12),
                performers: vec![format!("Host {}", index % 997)],
                aliases: Vec::new(),
                channel: Some(format!("Channel {channel}")),
                starts_at,
                ends_at: starts_at + Duration::hours(1),
                stream_url: HttpsUrl::parse(&format!(
                    "https://streams.onair.example/{channel}.mp3"
                ))
                .expect("https"),
                art_url: None,
                recording_url: None,
                locales: Vec::new(),
                genre: None,
                time_zone: None,
                stream: None,
                stream_trouble: None,
            }
        })
        .collect()
}

/// What the dialog does for "play the live show from X": find the source, then what of it is live now.
fn play_live_from(schedule: &Schedule, spoken: &str) -> Option<String> {
    match schedule.find_source(spoken, &[]) {
        SourceMatch::One(source) => source
            .events
            .iter()
            .find(|event| event.is_live_at(now()))
            .map(|event| event.id.to_string()),
        SourceMatch::None | SourceMatch::Ambiguous(_) => None,
    }
}

fn warm_lookup(c: &mut Criterion) {
    let count = event_count();
    let schedule = Schedule::new(events(count));
    assert!(
        play_live_from(&schedule, "channel 7").is_some(),
        "channel 7 is live"
    );
    c.bench_function(
        &format!("warm: play the live show from X ({count} events)"),
        |b| {
            b.iter(|| play_live_from(black_box(&schedule), black_box("channel 7")));
        },
    );
    c.bench_function(&format!("warm: fuzzy name ({count} events)"), |b| {
        b.iter(|| play_live_from(black_box(&schedule), black_box("chanel 7")));
    });
}

fn dynamodb_paths(c: &mut Criterion) {
    let Ok(endpoint) = std::env::var("ONAIR_TEST_DYNAMODB_ENDPOINT") else {
        eprintln!(
            "ONAIR_TEST_DYNAMODB_ENDPOINT not set: skipping the DynamoDB paths (run under scripts/test)"
        );
        return;
    };
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    let count = event_count();
    let (client, table) = runtime.block_on(async {
        let sdk = onair::tls::aws_config_loader()
            .endpoint_url(&endpoint)
            .region(Region::new("us-east-1"))
            .credentials_provider(Credentials::new(
                "onairbench",
                "secret",
                None,
                None,
                "bench",
            ))
            .load()
            .await;
        let client = onair::storage::dynamo_db::client(&sdk);
        let table = format!("bench-events-{}", std::process::id());
        tables::EVENTS.create(&client, &table).await.expect("table");
        let writer = EventWriter::new(aws_sdk_dynamodb::Client::new(&sdk), &table);
        writer.upsert(&events(count), |_| {}).await.expect("import");
        (client, table)
    });

    let warm = DynamoDbScheduleStore::new(client.clone(), &table);
    runtime
        .block_on(warm.schedule_at(now()))
        .expect("first read");
    c.bench_function(
        &format!("warm store: schedule_at + play live from X ({count} events)"),
        |b| {
            b.to_async(&runtime).iter(|| async {
                let schedule = warm.schedule_at(now()).await.expect("warm");
                play_live_from(&schedule, "channel 7")
            });
        },
    );

    let mut cold = c.benchmark_group("cold store");
    cold.sample_size(10)
        .measurement_time(StdDuration::from_secs(30));
    cold.bench_function(format!("schedule_at, {count} events in the window"), |b| {
        b.to_async(&runtime).iter(|| async {
            let store = DynamoDbScheduleStore::new(client.clone(), &table);
            store.schedule_at(now()).await.expect("cold").len()
        });
    });
    cold.finish();
}

criterion_group!(benches, warm_lookup, dynamodb_paths);
criterion_main!(benches);
