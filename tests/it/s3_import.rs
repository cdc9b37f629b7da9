//! Partner drops through the real S3 API (s3s-fs) into DynamoDB Local: objects put with the SDK, the import handler
//! invoked with the S3 event payloads AWS sends, reports read back from the bucket, events read back through the
//! skill's own store.

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use aws_lambda_events::event::s3::S3Event;
use aws_sdk_dynamodb::types::AttributeValue;
use chrono::{DateTime, Duration, Utc};
use onair::import::{DropOutcome, ImportReport, Importer, ReportStatus, Skip};
use onair::schedule::{EventId, LiveEvent};
use onair::storage::{DynamoDbScheduleStore, ScheduleStore};
use serde_json::{Value, json};

use crate::dynamo::{at, events_table, fixture_now, import};
use crate::support::{self, DynamoDb};

const LINEUP_CSV: &str = include_str!("../fixtures/imports/lineup.csv");
const BROKEN_ROWS_CSV: &str = include_str!("../fixtures/imports/broken-rows.csv");
const LINEUP_JSON: &str = include_str!("../fixtures/imports/lineup.json");
const WEEKLY_DST_ICS: &str = include_str!("../fixtures/imports/weekly-dst.ics");
const NOT_A_SCHEDULE_JSON: &str = include_str!("../fixtures/imports/not-a-schedule.json");
const DEFAULT_SCHEDULE: &str = include_str!("../fixtures/schedules/default.json");

/// A bucket of drops and an events table, fresh for one test, on the run's servers.
pub(crate) struct Drops {
    pub(crate) s3: aws_sdk_s3::Client,
    pub(crate) db: DynamoDb,
    pub(crate) bucket: String,
    pub(crate) table: String,
}

/// A fresh bucket and events table, or `None` when servers are skipped.
pub(crate) async fn drops() -> Option<Drops> {
    let s3 = support::s3().await?;
    let db = support::dynamodb().await?;
    let bucket = support::unique_name("drops");
    s3.create_bucket()
        .bucket(&bucket)
        .send()
        .await
        .expect("bucket created");
    let table = events_table(&db).await;
    Some(Drops {
        s3,
        db,
        bucket,
        table,
    })
}

/// S3 event keys are form-URL-encoded.
fn event_key(key: &str) -> String {
    key.bytes()
        .map(|byte| match byte {
            b' ' => "+".to_owned(),
            b'/' | b'-' | b'_' | b'.' | b'~' => char::from(byte).to_string(),
            byte if byte.is_ascii_alphanumeric() => char::from(byte).to_string(),
            byte => format!("%{byte:02X}"),
        })
        .collect()
}

/// Sequencers grow with every put, as S3's do for one key.
fn next_sequencer() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = u64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("after 1970")
            .as_nanos(),
    )
    .expect("fits");
    let next = NEXT.fetch_max(nanos, Ordering::SeqCst).max(nanos) + 1;
    NEXT.store(next, Ordering::SeqCst);
    format!("00{next:X}")
}

impl Drops {
    pub(crate) fn importer(&self) -> Importer {
        Importer::new(self.s3.clone(), self.db.client.clone(), &self.table)
    }

    /// Puts `body` at `key` and returns the `ObjectCreated:Put` notification S3 sends for it.
    pub(crate) async fn put(&self, key: &str, body: &[u8]) -> S3Event {
        let put = self
            .s3
            .put_object()
            .bucket(&self.bucket)
            .key(key)
            .body(body.to_vec().into())
            .send()
            .await
            .expect("object put");
        let etag = put.e_tag().expect("an etag").trim_matches('"').to_owned();
        let event = json!({
            "Records": [{
                "eventVersion": "2.1",
                "eventSource": "aws:s3",
                "awsRegion": "us-east-1",
                "eventTime": Utc::now().to_rfc3339(),
                "eventName": "ObjectCreated:Put",
                "userIdentity": {"principalId": "AWS:AIDAPARTNER"},
                "requestParameters": {"sourceIPAddress": "127.0.0.1"},
                "responseElements": {"x-amz-request-id": "C3D13FE58DE4C810", "x-amz-id-2": "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"},
                "s3": {
                    "s3SchemaVersion": "1.0",
                    "configurationId": "partner-drops",
                    "bucket": {
                        "name": self.bucket,
                        "ownerIdentity": {"principalId": "A3NL1KOZZKExample"},
                        "arn": format!("arn:aws:s3:::{}", self.bucket)
                    },
                    "object": {
                        "key": event_key(key),
                        "size": body.len(),
                        "eTag": etag,
                        "sequencer": next_sequencer()
                    }
                }
            }]
        });
        serde_json::from_value(event).expect("an S3 event")
    }

    /// Hands `event` to the import handler as of `now`; the one outcome.
    pub(crate) async fn deliver(&self, event: &S3Event, now: DateTime<Utc>) -> DropOutcome {
        self.deliver_with(&self.importer(), event, now).await
    }

    async fn deliver_with(
        &self,
        importer: &Importer,
        event: &S3Event,
        now: DateTime<Utc>,
    ) -> DropOutcome {
        let mut outcomes = importer
            .handle(event.clone(), now)
            .await
            .expect("the import succeeds");
        assert_eq!(outcomes.len(), 1);
        outcomes.remove(0)
    }

    /// The report object of the drop at `key`.
    pub(crate) async fn report(&self, key: &str) -> Value {
        let object = self
            .s3
            .get_object()
            .bucket(&self.bucket)
            .key(format!("reports/{key}.json"))
            .send()
            .await
            .expect("a report object");
        let bytes = object
            .body
            .collect()
            .await
            .expect("report body")
            .into_bytes();
        serde_json::from_slice(&bytes).expect("the report is JSON")
    }

    pub(crate) fn store(&self) -> DynamoDbScheduleStore {
        DynamoDbScheduleStore::new(self.db.client.clone(), &self.table)
    }

    pub(crate) async fn event(&self, id: &str) -> Option<LiveEvent> {
        self.store()
            .event(&EventId::parse(id).expect("an id"))
            .await
            .expect("the table is readable")
    }

    /// The `partner` attribute of an event item.
    async fn owner(&self, id: &str) -> Option<String> {
        let item = self
            .db
            .client
            .get_item()
            .table_name(&self.table)
            .key("pk", AttributeValue::S(format!("EVENT#{id}")))
            .key("sk", AttributeValue::S("EVENT".to_owned()))
            .send()
            .await
            .expect("get item")
            .item?;
        item.get("partner")
            .and_then(|partner| partner.as_s().ok())
            .cloned()
    }
}

pub(crate) fn reported(outcome: DropOutcome) -> ImportReport {
    match outcome {
        DropOutcome::Reported(report) => *report,
        DropOutcome::Skipped { object, reason } => panic!("{object} skipped: {reason:?}"),
    }
}

fn skipped(outcome: DropOutcome) -> Skip {
    match outcome {
        DropOutcome::Skipped { reason, .. } => reason,
        DropOutcome::Reported(report) => panic!("expected a skip, got {report:?}"),
    }
}

fn rejections(report: &ImportReport) -> Vec<(usize, Option<u64>, &str)> {
    report
        .rejections
        .iter()
        .map(|rejection| {
            (
                rejection.position.index,
                rejection.position.line,
                rejection.reason.as_str(),
            )
        })
        .collect()
}

/// `rows` one-off shows in the documented CSV header, ten minutes apart from 2026-11-23.
pub(crate) fn generated_csv(rows: usize) -> String {
    let mut text = String::from(
        "title,performers,startsAt,endsAt,streamUrl,id,channel,artUrl,recordingUrl,locales,genre\n",
    );
    let base = at("2026-11-23T00:00:00Z");
    for i in 0..rows {
        let start = base + Duration::minutes(10 * i64::try_from(i).expect("fits"));
        let end = start + Duration::hours(1);
        text.push_str(&format!(
            "Show {i},Host {}|Guest {},{},{},https://streams.onair.example/ch{}/live.mp3,gen-{i},Channel {},,s3://onair-recordings/gen/{i}.mp3,en-US,music\n",
            i % 50,
            i % 7,
            start.to_rfc3339(),
            end.to_rfc3339(),
            i % 20,
            i % 20,
        ));
    }
    text
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn a_drop_with_three_broken_rows_imports_the_rest_and_names_the_three() {
    let Some(drops) = drops().await else { return };
    let key = "drops/acme/broken-rows.csv";

    let event = drops.put(key, BROKEN_ROWS_CSV.as_bytes()).await;
    let report = reported(drops.deliver(&event, fixture_now()).await);

    assert_eq!(report.status, ReportStatus::Imported);
    assert_eq!((report.rows, report.accepted, report.rejected), (7, 4, 3));
    assert_eq!(
        rejections(&report),
        [
            (1, Some(3), "streamUrl must start with https://"),
            (3, Some(5), "endsAt must be after startsAt"),
            (5, Some(7), "title is required"),
        ]
    );
    // The report object in the bucket says the same, in the documented shape.
    let written = drops.report(key).await;
    assert_eq!(written, serde_json::to_value(&report).expect("serializes"));
    assert_eq!(
        written["rejections"][1],
        json!({"index": 3, "line": 5, "reason": "endsAt must be after startsAt"})
    );
    assert_eq!(written["partner"], "acme");
    assert_eq!(written["format"], "csv");
    // The good rows are on the schedule, owned by the partner; the broken ones are not.
    for id in ["buzz-1123", "lunch-1123", "talk-1123", "owls-1123"] {
        assert!(drops.event(id).await.is_some(), "{id} imported");
        assert_eq!(drops.owner(id).await.as_deref(), Some("acme"));
    }
    for id in ["plain-1123", "backwards-1123", "untitled-1123"] {
        assert!(drops.event(id).await.is_none(), "{id} rejected");
    }
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn a_large_csv_drop_imports_with_a_report_and_dropping_it_again_changes_nothing() {
    let Some(drops) = drops().await else { return };
    // The full 100,000 rows run in `scripts/bench-import`; debug builds against DynamoDB Local are slow.
    let rows: usize = std::env::var("ONAIR_TEST_DROP_ROWS")
        .ok()
        .and_then(|rows| rows.parse().ok())
        .unwrap_or(1_500);
    let text = generated_csv(rows);
    let key = "drops/acme/big week.csv";

    let started = Instant::now();
    let first = drops.put(key, text.as_bytes()).await;
    let report = reported(drops.deliver(&first, fixture_now()).await);
    eprintln!(
        "imported a {rows}-row csv drop in {} ms (debug build, DynamoDB Local)",
        started.elapsed().as_millis()
    );
    assert_eq!(
        (report.rows, report.accepted, report.rejected),
        (rows, rows, 0)
    );
    assert_eq!(
        (
            report.occurrences.written,
            report.occurrences.unchanged,
            report.occurrences.removed
        ),
        (rows, 0, 0)
    );
    assert_eq!(drops.report(key).await["accepted"], rows);
    let last = drops
        .event(&format!("gen-{}", rows - 1))
        .await
        .expect("the last row is imported");
    assert_eq!(last.title, format!("Show {}", rows - 1));

    // S3 and Lambda deliver at least once: the same event again is skipped.
    assert_eq!(
        skipped(drops.deliver(&first, fixture_now()).await),
        Skip::AlreadyImported
    );

    // The partner uploads the same file again: a new event, and nothing to write or remove.
    let second = drops.put(key, text.as_bytes()).await;
    let again = reported(drops.deliver(&second, fixture_now()).await);
    assert_eq!(
        (
            again.accepted,
            again.occurrences.written,
            again.occurrences.unchanged,
            again.occurrences.removed
        ),
        (rows, 0, rows, 0)
    );
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn a_newer_version_replaces_its_files_events_and_never_touches_another_owners() {
    let Some(drops) = drops().await else { return };
    // The operator's own import owns the fixture schedule's ids.
    let operator = import(&drops.db, &drops.table, DEFAULT_SCHEDULE, fixture_now()).await;
    assert!(operator.rejected.is_empty());
    let header = "title,performers,startsAt,endsAt,streamUrl,id\n";
    let row = |id: &str, title: &str, hour: u32| {
        format!(
            "{title},Host,2026-11-23T{hour:02}:00:00Z,2026-11-23T{hour:02}:30:00Z,https://streams.onair.example/{id}.mp3,{id}\n"
        )
    };

    // GIVEN acme's week file and another acme file, and beta's file reusing an acme id and an operator id
    let week_v1 = [
        header.to_owned(),
        row("a1", "First", 8),
        row("a2", "Second", 9),
        row("a3", "Third", 10),
    ]
    .concat();
    let v1 = reported(
        drops
            .deliver(
                &drops.put("drops/acme/week.csv", week_v1.as_bytes()).await,
                fixture_now(),
            )
            .await,
    );
    assert_eq!(v1.occurrences.written, 3);
    let other = [header.to_owned(), row("a9", "Other File", 11)].concat();
    reported(
        drops
            .deliver(
                &drops.put("drops/acme/other.csv", other.as_bytes()).await,
                fixture_now(),
            )
            .await,
    );
    let beta = [
        header.to_owned(),
        row("b1", "Beta Show", 12),
        row("a1", "Hijacked", 13),
        row("jazz-night-2026-11-22", "Hijacked Too", 14),
    ]
    .concat();
    let beta = reported(
        drops
            .deliver(
                &drops.put("drops/beta/week.csv", beta.as_bytes()).await,
                fixture_now(),
            )
            .await,
    );
    assert_eq!(
        rejections(&beta),
        [
            (
                1,
                Some(3),
                "id \"a1\" belongs to partner \"acme\": a partner may only change its own events"
            ),
            (
                2,
                Some(4),
                "id \"jazz-night-2026-11-22\" belongs to the operator's schedule import: a partner may only change its own events"
            ),
        ]
    );
    assert_eq!(drops.event("a1").await.expect("a1").title, "First");

    // WHEN acme drops a new version of its week file: a1 changed, a3 gone, a4 new
    let week_v2 = [
        header.to_owned(),
        row("a1", "First Revised", 8),
        row("a2", "Second", 9),
        row("a4", "Fourth", 15),
    ]
    .concat();
    let v2 = reported(
        drops
            .deliver(
                &drops.put("drops/acme/week.csv", week_v2.as_bytes()).await,
                fixture_now(),
            )
            .await,
    );

    // THEN only that file's missing event is removed
    assert_eq!(
        (
            v2.occurrences.written,
            v2.occurrences.unchanged,
            v2.occurrences.removed
        ),
        (2, 1, 1)
    );
    assert_eq!(drops.event("a1").await.expect("a1").title, "First Revised");
    assert!(drops.event("a3").await.is_none(), "a3 left the file");
    for kept in ["a2", "a4", "a9", "b1", "jazz-night-2026-11-22"] {
        assert!(drops.event(kept).await.is_some(), "{kept} is kept");
    }
    assert_eq!(drops.owner("b1").await.as_deref(), Some("beta"));
    assert_eq!(drops.owner("jazz-night-2026-11-22").await, None);
    // The removed event's name items went with it: its title no longer finds anything.
    let schedule = drops
        .store()
        .schedule_at(at("2026-11-23T10:00:00Z"))
        .await
        .expect("schedule");
    assert!(
        schedule
            .events()
            .iter()
            .all(|event| event.id.as_str() != "a3")
    );
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn an_ics_drop_with_a_weekly_rrule_across_dst_changes_produces_the_right_instants() {
    let Some(drops) = drops().await else { return };
    let key = "drops/radio-uno/palinsesto.ics";
    let importer = drops.importer().with_horizon(Duration::days(21));
    let event = drops.put(key, WEEKLY_DST_ICS.as_bytes()).await;

    let report = reported(
        drops
            .deliver_with(&importer, &event, at("2026-10-20T00:00:00Z"))
            .await,
    );

    // The all-day festival is a show from midnight to midnight (UTC: the calendar names no time zone).
    assert_eq!((report.rows, report.accepted, report.rejected), (3, 3, 0));
    // Rome leaves summer time on 25 October, New York on 1 November: each show stays at 20:00 local.
    let mut starts: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for now in [
        "2026-10-21T00:00:00Z",
        "2026-10-31T00:00:00Z",
        "2026-11-06T00:00:00Z",
    ] {
        let schedule = drops.store().schedule_at(at(now)).await.expect("schedule");
        for event in schedule.events() {
            let list = starts.entry(event.title.clone()).or_default();
            let start = event.starts_at.to_rfc3339();
            if !list.contains(&start) {
                list.push(start);
            }
        }
    }
    for list in starts.values_mut() {
        list.sort();
    }
    assert_eq!(
        starts,
        BTreeMap::from([
            (
                "Sera Uno, la domenica".to_owned(),
                vec![
                    "2026-10-18T18:00:00+00:00".to_owned(),
                    "2026-10-25T19:00:00+00:00".to_owned(),
                    "2026-11-01T19:00:00+00:00".to_owned(),
                    "2026-11-08T19:00:00+00:00".to_owned(),
                ]
            ),
            (
                "Festival Day".to_owned(),
                vec!["2026-10-24T00:00:00+00:00".to_owned()]
            ),
            (
                "New York Nights".to_owned(),
                vec![
                    "2026-10-26T00:00:00+00:00".to_owned(),
                    "2026-11-02T01:00:00+00:00".to_owned(),
                    "2026-11-09T01:00:00+00:00".to_owned(),
                ]
            ),
        ])
    );
    let rome = drops
        .store()
        .schedule_at(at("2026-10-25T19:30:00Z"))
        .await
        .expect("schedule");
    let live = rome.live_at(at("2026-10-25T19:30:00Z"));
    assert_eq!(live.len(), 1);
    assert_eq!(live[0].performers, ["Marco Russo", "Giulia Verdi"]);
    assert_eq!(live[0].channel.as_deref(), Some("Radio Uno"));
    assert_eq!(
        live[0].stream_url.as_str(),
        "https://streams.onair.example/radio-uno/live.mp3"
    );
    assert_eq!(live[0].ends_at, at("2026-10-25T21:00:00Z"));
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn a_json_drop_is_streamed_with_the_schedule_file_rules() {
    let Some(drops) = drops().await else { return };
    let report = reported(
        drops
            .deliver(
                &drops
                    .put("drops/club-berlin/lineup.json", LINEUP_JSON.as_bytes())
                    .await,
                fixture_now(),
            )
            .await,
    );
    assert_eq!((report.rows, report.accepted, report.rejected), (2, 2, 0));
    // The weekly brunch expands from 3 days ago to 14 days ahead: 22 and 29 November, 6 December.
    assert_eq!(report.occurrences.expanded, 4);
    let club = drops
        .event("club-berlin-2026-11-23")
        .await
        .expect("one-off event");
    assert_eq!(club.starts_at, at("2026-11-23T21:00:00Z"));
    assert!(
        drops
            .event("sunday-brunch-beats-20261122-0900@20261129T0900Z")
            .await
            .is_some()
    );

    let csv = reported(
        drops
            .deliver(
                &drops
                    .put("drops/acme/lineup.csv", LINEUP_CSV.as_bytes())
                    .await,
                fixture_now(),
            )
            .await,
    );
    assert_eq!((csv.rows, csv.accepted, csv.rejected), (3, 3, 0));
    let late = drops
        .event("jazz-late-20261123-2100")
        .await
        .expect("derived id");
    assert_eq!(
        late.recording_url.map(|url| url.to_string()).as_deref(),
        Some("s3://onair-recordings/jazz/late-2026-11-23.mp3")
    );
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn a_malformed_drop_is_reported_once_and_not_retried() {
    let Some(drops) = drops().await else { return };
    let cases = [
        (
            "drops/acme/not-a-schedule.json",
            NOT_A_SCHEDULE_JSON,
            "schedule file must be a json object with an \"events\" array",
        ),
        (
            "drops/acme/no-header.csv",
            "Jazz Night,Ella,2026-11-22T19:00:00Z\n",
            "csv header: the header row must name the columns title, performers, startsAt, endsAt, streamUrl (missing: title, performers, startsAt, endsAt, streamUrl)",
        ),
        (
            "drops/acme/lineup.xlsx",
            "PK...",
            "the file's extension names no known format: use .json, .csv or .ics (drops/acme/lineup.xlsx)",
        ),
        (
            "drops/acme/broken.ics",
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\n",
            "icalendar: the file does not parse as icalendar",
        ),
    ];
    for (key, body, error) in cases {
        let event = drops.put(key, body.as_bytes()).await;
        // The invocation succeeds (no retry), and the partner reads why in the report.
        let report = reported(drops.deliver(&event, fixture_now()).await);
        assert_eq!(report.status, ReportStatus::Malformed, "{key}");
        let said = report.error.clone().unwrap_or_default();
        assert!(said.starts_with(error), "{key}: {said}");
        assert_eq!(drops.report(key).await["status"], "malformed");
        assert_eq!(
            skipped(drops.deliver(&event, fixture_now()).await),
            Skip::AlreadyImported,
            "{key}"
        );
    }
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn a_json_drop_broken_part_way_keeps_the_rows_before_the_break_and_removes_nothing() {
    let Some(drops) = drops().await else { return };
    let key = "drops/club-berlin/lineup.json";
    let whole = reported(
        drops
            .deliver(&drops.put(key, LINEUP_JSON.as_bytes()).await, fixture_now())
            .await,
    );
    assert_eq!(whole.accepted, 2);

    // GIVEN a new version cut off after its first event (an upload that went wrong)
    let cut = LINEUP_JSON
        .find("    {\n      \"title\": \"Sunday Brunch Beats\"")
        .expect("the second event");
    let broken = LINEUP_JSON[..cut].replace("club-berlin-2026-11-23\"", "club-berlin-2026-11-30\"");
    let report = reported(
        drops
            .deliver(&drops.put(key, broken.as_bytes()).await, fixture_now())
            .await,
    );

    // THEN the partner is told, the event read before the break is stored, and the earlier version's are kept
    assert_eq!(report.status, ReportStatus::Malformed);
    assert_eq!(
        report.error.as_deref(),
        Some("schedule file is not valid json")
    );
    assert_eq!((report.accepted, report.occurrences.removed), (1, 0));
    assert!(drops.event("club-berlin-2026-11-30").await.is_some());
    assert!(drops.event("club-berlin-2026-11-23").await.is_some());
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn an_older_delivery_arriving_late_changes_nothing() {
    let Some(drops) = drops().await else { return };
    let key = "drops/acme/late.csv";
    let header = "title,performers,startsAt,endsAt,streamUrl,id\n";
    let version = |title: &str| {
        format!(
            "{header}{title},Host,2026-11-23T08:00:00Z,2026-11-23T09:00:00Z,https://s.onair.example/a.mp3,late-show\n"
        )
    };
    let older = drops.put(key, version("Old Title").as_bytes()).await;
    let newer = drops.put(key, version("New Title").as_bytes()).await;

    // The older event arrives first, after the object was replaced: its version is gone, so it is left to the newer.
    assert_eq!(
        skipped(drops.deliver(&older, fixture_now()).await),
        Skip::Replaced
    );
    reported(drops.deliver(&newer, fixture_now()).await);
    // And once the newer one is imported, the older one is skipped without reading anything.
    assert_eq!(
        skipped(drops.deliver(&older, fixture_now()).await),
        Skip::AlreadyImported
    );
    assert_eq!(
        drops.event("late-show").await.expect("imported").title,
        "New Title"
    );
    // A record for a key outside drops/ is not ours.
    let elsewhere = drops
        .put("incoming/acme/x.csv", version("X").as_bytes())
        .await;
    assert!(matches!(
        skipped(drops.deliver(&elsewhere, fixture_now()).await),
        Skip::NotADrop(_)
    ));
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn a_dynamodb_outage_fails_the_invocation_as_retryable_and_the_retry_imports() {
    let Some(drops) = drops().await else { return };
    let event = drops
        .put("drops/acme/outage.csv", BROKEN_ROWS_CSV.as_bytes())
        .await;
    let closed_port = TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let unreachable = onair::storage::dynamo_db::client(
        &support::sdk_config(&format!("http://127.0.0.1:{closed_port}")).await,
    );
    let down = Importer::new(drops.s3.clone(), unreachable, &drops.table);

    let error = down
        .handle(event.clone(), fixture_now())
        .await
        .expect_err("DynamoDB is unreachable");
    let diagnostic = lambda_runtime::Diagnostic::from(error);
    assert_eq!(diagnostic.error_type, "Retryable.DynamoDb");

    // Lambda retries the same event once DynamoDB is back: it imports.
    let report = reported(drops.deliver(&event, fixture_now()).await);
    assert_eq!(report.accepted, 4);
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn onair_schedule_import_runs_the_same_pipeline_on_an_s3_url() {
    let Some(drops) = drops().await else { return };
    let key = "drops/acme/broken-rows.csv";
    drops.put(key, BROKEN_ROWS_CSV.as_bytes()).await;
    let s3 = std::env::var("ONAIR_TEST_S3_ENDPOINT").expect("set by scripts/test");
    let dynamodb = std::env::var("ONAIR_TEST_DYNAMODB_ENDPOINT").expect("set by scripts/test");
    let url = format!("s3://{}/{key}", drops.bucket);
    let run = |extra: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_onair"))
            .args([
                "schedule",
                "import",
                "--no-check-streams",
                "--table",
                &drops.table,
                "--at",
                "2026-11-22T20:00:00Z",
            ])
            .args(extra)
            .arg(&url)
            .env("AWS_ENDPOINT_URL_S3", &s3)
            .env("AWS_ENDPOINT_URL_DYNAMODB", &dynamodb)
            .env("AWS_REGION", "us-east-1")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .output()
            .expect("onair runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("utf-8")
    };

    let checked: Value =
        serde_json::from_str(&run(&["--dry-run", "--json"])).expect("one JSON report");
    assert_eq!(checked["status"], "checked");
    assert!(
        drops.event("buzz-1123").await.is_none(),
        "a dry run writes nothing"
    );

    let text = run(&[]);
    assert!(
        text.starts_with(
            "rows: 7, accepted: 4, rejected: 3; occurrences written: 4, unchanged: 0, removed: 0\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("  entry 1 (line 3): streamUrl must start with https://\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!("report: s3://{}/reports/{key}.json", drops.bucket)),
        "{text}"
    );
    assert!(drops.event("buzz-1123").await.is_some());
    assert_eq!(drops.report(key).await["accepted"], 4);
}

/// Runs `onair` with `args` against the run's servers, sampling its peak resident memory (`VmHWM`) until it exits:
/// (stdout, peak bytes, wall time).
pub(crate) fn run_measured(args: &[&str]) -> (String, u64, std::time::Duration) {
    let s3 = std::env::var("ONAIR_TEST_S3_ENDPOINT").expect("set by scripts/test");
    let dynamodb = std::env::var("ONAIR_TEST_DYNAMODB_ENDPOINT").expect("set by scripts/test");
    let started = Instant::now();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_onair"))
        .args(args)
        .env("AWS_ENDPOINT_URL_S3", &s3)
        .env("AWS_ENDPOINT_URL_DYNAMODB", &dynamodb)
        .env("AWS_REGION", "us-east-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("onair starts");
    let status = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0_u64;
    while child.try_wait().expect("process status").is_none() {
        // VmHWM only grows, so the last reading before exit is the peak (to within one 10 ms sample).
        if let Ok(text) = std::fs::read_to_string(&status)
            && let Some(kb) = text
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|value| {
                    value
                        .trim()
                        .trim_end_matches("kB")
                        .trim()
                        .parse::<u64>()
                        .ok()
                })
        {
            peak_kb = peak_kb.max(kb);
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let elapsed = started.elapsed();
    let output = child.wait_with_output().expect("onair exits");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (
        String::from_utf8(output.stdout).expect("utf-8"),
        peak_kb * 1024,
        elapsed,
    )
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn reading_a_drop_takes_memory_that_does_not_grow_with_its_events() {
    let Some(drops) = drops().await else { return };
    // GIVEN two drops, one ten times the other
    let mut peaks = Vec::new();
    for rows in [5_000, 50_000] {
        let key = format!("drops/acme/{rows}.csv");
        drops.put(&key, generated_csv(rows).as_bytes()).await;
        let url = format!("s3://{}/{key}", drops.bucket);

        // WHEN each is read and validated by `onair schedule import` in a process of its own
        let (stdout, peak, _) = run_measured(&[
            "schedule",
            "import",
            "--no-check-streams",
            "--dry-run",
            &url,
        ]);
        assert!(
            stdout.starts_with(&format!("rows: {rows}, valid: {rows},")),
            "{stdout}"
        );
        peaks.push(peak);
    }

    // THEN the larger one costs a few bytes a row (id hashes), not its 45,000 more events (tens of MB)
    let growth = peaks[1].saturating_sub(peaks[0]);
    eprintln!(
        "peak memory reading 5,000 rows: {} KB, 50,000 rows: {} KB",
        peaks[0] / 1024,
        peaks[1] / 1024
    );
    assert!(
        growth < 12 * 1024 * 1024,
        "reading 45,000 more rows took {} KB more memory",
        growth / 1024
    );
}

#[tokio::test]
#[ignore = "benchmark: run scripts/bench-import (ONAIR_BENCH_ROWS rows, default 100,000)"]
async fn bench_import_of_a_large_csv_drop() {
    let Some(drops) = drops().await else { return };
    let rows: usize = std::env::var("ONAIR_BENCH_ROWS")
        .ok()
        .and_then(|rows| rows.parse().ok())
        .unwrap_or(100_000);
    let text = generated_csv(rows);
    let key = "drops/bench/big.csv";
    drops.put(key, text.as_bytes()).await;
    let url = format!("s3://{}/{key}", drops.bucket);
    let mb = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
    eprintln!(
        "bench: {rows}-row csv drop, {:.1} MB, onair binary {}",
        mb(text.len() as u64),
        env!("CARGO_BIN_EXE_onair")
    );
    for (label, extra) in [
        ("validate only (--dry-run)", vec!["--dry-run"]),
        ("first import", vec![]),
        ("same file again", vec![]),
    ] {
        let mut args = vec![
            "schedule",
            "import",
            "--no-check-streams",
            "--table",
            &drops.table,
            "--at",
            "2026-11-22T20:00:00Z",
        ];
        args.extend(extra);
        args.push(&url);
        let (stdout, peak, elapsed) = run_measured(&args);
        eprintln!(
            "bench: {label}: {:.1} s, peak memory (VmHWM) {:.1} MB: {}",
            elapsed.as_secs_f64(),
            mb(peak),
            stdout.lines().next().unwrap_or_default()
        );
    }
}
