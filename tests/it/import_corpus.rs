//! A corpus of hostile and real-world partner files (Excel CSV, Google Calendar and Outlook .ics, a hostile JSON
//! file) dropped into the real S3 server and imported into DynamoDB Local: every good row is written, every bad row
//! is rejected with a reason naming its field, the dry run reports exactly what the import does, and what the
//! listener hears is unaffected by the bad rows.

use onair::alexa::RequestEnvelope;
use onair::import::{DropObject, ImportReport, ReportStatus};
use onair::skill::Skill;

use crate::dynamo::{at, fixture_now};
use crate::s3_import::{drops, reported};

/// One corpus file: where it is, the rows it must reject (index, and the field the reason starts with), and the
/// ids with the titles it must store.
struct Case {
    file: &'static str,
    rejected: &'static [(usize, &'static str)],
    stored: &'static [(&'static str, &'static str)],
    absent: &'static [&'static str],
}

const CORPUS: &[Case] = &[
    Case {
        file: "excel-export.csv",
        rejected: &[
            (3, "performers[0] contains the control character U+0000"),
            (4, "title contains the control character U+0007"),
            (5, "title \"🎷🎺\" has no letters or digits"),
            (
                6,
                "streamUrl must not contain spaces, line breaks or control characters",
            ),
            (7, "title must be at most 200 characters long"),
            (8, "title contains the control character U+001B"),
        ],
        stored: &[
            ("excel-late", "Excel Late Show"),
            ("excel-two-lines", "Two Line Title"),
            ("excel-vt", "Cell Break Show"),
            ("excel-morning", "Morning Excel"),
        ],
        absent: &[
            "excel-nul",
            "excel-bel",
            "excel-emoji",
            "excel-newline",
            "excel-long",
            "excel-esc",
        ],
    },
    Case {
        file: "hostile.json",
        rejected: &[
            (1, "performers[0] must be at most 200 characters long"),
            (
                2,
                "performers and aliases may list at most 50 names together",
            ),
            (3, "title contains the control character U+0000"),
            (4, "aliases[0] contains the control character U+001B"),
            (5, "channel contains the control character U+009C"),
            (6, "title contains the unicode noncharacter U+FDD0"),
            (7, "title \"🎧🎶\" has no letters or digits"),
            (
                8,
                "streamUrl must not contain spaces, line breaks or control characters",
            ),
            (9, "genre must be at most 200 characters long"),
            (
                13,
                "rrule: the series starts more than 200000 occurrences before the import window",
            ),
        ],
        stored: &[
            ("json-good", "Json Good Night"),
            // A series from 1970 is expanded from the import's window, so it is live now.
            ("json-hourly-1970@20261122T2000Z", "Hourly Since Seventy"),
            ("json-weekly@20261122T1800Z", "Weekly Json"),
            ("json-weekly@20261125T1800Z", "Weekly Json"),
            ("json-decomposed", "Caf\u{e9} Society"),
        ],
        absent: &[
            "json-huge-performer",
            "json-many",
            "json-nul",
            "json-emoji",
            "json-newline-url",
        ],
    },
    Case {
        file: "google-calendar.ics",
        rejected: &[
            (5, "title contains the control character U+0007"),
            (6, "title \"🎉🎉\" has no letters or digits"),
        ],
        stored: &[
            (
                "7kq2sera-google.com-04f9224ed322@20261129T1900Z",
                "Sera Uno (moved)",
            ),
            ("festival-day-google.com-96c1068e04cb", "Festival Day"),
            (
                "caffe-notte-google.com-17c1070f4c36",
                "Caff\u{e8} della Notte",
            ),
        ],
        // The cancelled 22 November occurrence.
        absent: &["7kq2sera-google.com-04f9224ed322@20261122T1900Z"],
    },
    Case {
        file: "outlook.ics",
        rejected: &[(2, "DTSTART TZID \"Mars Standard Time\"")],
        stored: &[
            // W. Europe Standard Time is Berlin: 08:00 is 07:00Z; the RDATE adds a Sunday.
            (
                "040000008200E00074C5B7101A82E00800000000@20261123T0700Z",
                "Morgenmagazin",
            ),
            (
                "040000008200E00074C5B7101A82E00800000000@20261122T0700Z",
                "Morgenmagazin",
            ),
            ("outlook-west-coast", "West Coast Jazz"),
        ],
        absent: &[],
    },
];

fn fixture(file: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/imports/corpus/{file}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("a corpus file")
}

/// What a dry run and the real run must agree on: everything but the counts of what was written.
fn verdict(report: &ImportReport) -> serde_json::Value {
    serde_json::json!({
        "rows": report.rows,
        "accepted": report.accepted,
        "rejected": report.rejected,
        "rejections": report.rejections,
        "expanded": report.occurrences.expanded,
        "error": report.error,
    })
}

fn request(name: &str) -> RequestEnvelope {
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/requests/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("a request fixture");
    serde_json::from_str(&text).expect("an envelope")
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn the_partner_corpus_imports_every_good_row_and_names_the_field_of_every_bad_one() {
    let Some(drops) = drops().await else { return };
    let now = fixture_now();
    let importer = drops.importer();
    for case in CORPUS {
        // GIVEN a partner's file dropped under drops/corpus/
        let key = format!("drops/corpus/{}", case.file);
        let event = drops.put(&key, &fixture(case.file)).await;

        // WHEN it is checked with a dry run, then imported for real
        let object = DropObject::latest(&drops.bucket, &key).expect("a drop key");
        let checked = reported(importer.check(&object, now).await.expect("dry run"));
        let imported = reported(drops.deliver(&event, now).await);

        // THEN the dry run said exactly what the import did
        assert_eq!(checked.status, ReportStatus::Checked, "{}", case.file);
        assert_eq!(imported.status, ReportStatus::Imported, "{}", case.file);
        assert_eq!(verdict(&checked), verdict(&imported), "{}", case.file);

        // AND every bad row is rejected with a reason naming its field, and nothing else is
        let rejected: Vec<(usize, &str)> = imported
            .rejections
            .iter()
            .map(|rejection| (rejection.position.index, rejection.reason.as_str()))
            .collect();
        assert_eq!(
            rejected.len(),
            case.rejected.len(),
            "{}: {rejected:#?}",
            case.file
        );
        for ((index, reason), (expected_index, expected)) in rejected.iter().zip(case.rejected) {
            assert_eq!(index, expected_index, "{}: {reason}", case.file);
            assert!(
                reason.starts_with(expected),
                "{}: {reason:?} should start with {expected:?}",
                case.file
            );
        }
        assert_eq!(imported.accepted + imported.rejected, imported.rows);

        // AND every good row is stored, clean, and no bad one is
        for (id, title) in case.stored {
            let event = drops.event(id).await;
            assert_eq!(
                event.map(|event| event.title),
                Some((*title).to_owned()),
                "{}: {id}",
                case.file
            );
        }
        for id in case.absent {
            assert_eq!(drops.event(id).await, None, "{}: {id}", case.file);
        }
    }

    // AND listeners hear the good shows, with nothing the bad rows could break
    let skill = Skill::new(drops.store());
    for name in ["launch.json", "whats_on.json"] {
        let answered = skill.answer_at(request(name), now).await;
        assert_eq!(answered.violations, [], "{name}");
        let said = serde_json::to_string(&answered.response).expect("json");
        assert!(!said.contains("trouble"), "{name}: {said}");
    }
    let whats_on = skill.answer_at(request("whats_on.json"), now).await;
    let said = serde_json::to_string(&whats_on.response).expect("json");
    assert!(
        said.contains("Json Good Night") || said.contains("Excel Late Show"),
        "{said}"
    );
    // The all-day festival (23 November in Rome) is live in the morning.
    let festival = skill
        .answer_at(request("whats_on.json"), at("2026-11-23T08:30:00Z"))
        .await;
    assert_eq!(festival.violations, []);
}

/// The `aws s3 cp` commands of the README's deploy steps: (source, destination), `$drops` being the drops bucket.
fn readme_copies() -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(format!("{}/README.md", env!("CARGO_MANIFEST_DIR")))
        .expect("README");
    readme
        .lines()
        .filter_map(|line| line.trim().strip_prefix("aws s3 cp "))
        .map(|args| {
            let args = args.split(" #").next().unwrap_or(args);
            let words: Vec<String> = args
                .split_whitespace()
                .map(|word| word.trim_matches('"').to_owned())
                .collect();
            (words[0].clone(), words[1].clone())
        })
        .collect()
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn the_readme_deploy_commands_drop_where_the_import_reads_and_read_the_report_it_writes() {
    let Some(drops) = drops().await else { return };
    let copies = readme_copies();
    assert!(copies.len() >= 2, "{copies:?}");
    for (source, destination) in copies {
        if let Some(key) = destination.strip_prefix("s3://$drops/") {
            // An upload: the import function must import it, not skip it.
            let file = std::fs::read(format!("{}/{source}", env!("CARGO_MANIFEST_DIR")))
                .expect("the README uploads a file of the repository");
            let event = drops.put(key, &file).await;
            let report = reported(drops.deliver(&event, fixture_now()).await);
            assert_eq!(report.status, ReportStatus::Imported, "{key}");
            assert_eq!(report.rejected, 0, "{key}: {:?}", report.rejections);
            assert!(report.accepted > 0, "{key}");
        } else {
            // A download: the object the README reads must be there.
            let key = source
                .strip_prefix("s3://$drops/")
                .unwrap_or_else(|| panic!("{source} is not in the drops bucket"));
            let report = drops
                .s3
                .get_object()
                .bucket(&drops.bucket)
                .key(key)
                .send()
                .await
                .unwrap_or_else(|error| {
                    panic!("the README reads {key}, which is not there: {error}")
                });
            let body = report.body.collect().await.expect("body").into_bytes();
            let report: serde_json::Value = serde_json::from_slice(&body).expect("a JSON report");
            assert_eq!(report["status"], "imported", "{key}");
        }
    }
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn a_file_dropped_outside_a_partner_folder_gets_a_report_saying_why_it_was_skipped() {
    let Some(drops) = drops().await else { return };
    // GIVEN the mistake the README's deploy step 4 used to make: a file right under drops/
    let event = drops.put("drops/demo.json", b"{\"events\": []}").await;

    // WHEN the import function gets its event
    let outcome = drops.deliver(&event, fixture_now()).await;

    // THEN nothing is imported, and the uploader finds a report where reports always are, saying what to do
    assert!(matches!(
        outcome,
        onair::import::DropOutcome::Skipped { .. }
    ));
    let report = drops.report("drops/demo.json").await;
    assert_eq!(report["status"], "skipped");
    let error = report["error"].as_str().unwrap_or_default();
    assert!(error.contains("drops/<partner>/demo.json"), "{error}");
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn an_item_the_table_refuses_fails_only_its_own_event() {
    let Some(drops) = drops().await else { return };
    // GIVEN three events, the middle one too large for a DynamoDB item (the row checks would refuse it first: this
    // is the writer's own line of defence)
    let event = |id: &str, title: String| onair::schedule::LiveEvent {
        id: onair::schedule::EventId::parse(id).expect("id"),
        title,
        performers: vec!["Host".to_owned()],
        aliases: Vec::new(),
        channel: None,
        starts_at: at("2026-11-22T19:00:00Z"),
        ends_at: at("2026-11-22T21:00:00Z"),
        stream_url: onair::schedule::HttpsUrl::parse("https://streams.onair.example/a.mp3")
            .expect("url"),
        art_url: None,
        recording_url: None,
        locales: Vec::new(),
        genre: None,
        time_zone: None,
        stream: None,
        stream_trouble: None,
    };
    let events = [
        event("before", "Before".to_owned()),
        event("huge", "x".repeat(450 * 1024)),
        event("after", "After".to_owned()),
    ];

    // WHEN they are upserted in one batch
    let writer =
        onair::storage::event_writer::EventWriter::new(drops.db.client.clone(), &drops.table);
    let upserted = writer
        .upsert_from(&events, None, |_| {})
        .await
        .expect("a refused item is not a failed import");

    // THEN only the huge one failed, with DynamoDB's reason, and the others are stored
    let failed: Vec<&str> = upserted
        .failed
        .iter()
        .map(|failed| failed.id.as_str())
        .collect();
    assert_eq!(failed, ["huge"]);
    assert_eq!(upserted.summary.written, 2);
    assert!(drops.event("before").await.is_some());
    assert!(drops.event("after").await.is_some());
    assert_eq!(drops.event("huge").await, None);
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn a_local_file_goes_through_the_same_pipeline_and_its_cancelled_occurrences_are_deleted() {
    let Some(drops) = drops().await else { return };
    let writer =
        onair::storage::event_writer::EventWriter::new(drops.db.client.clone(), &drops.table);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("weekly.ics");
    let calendar = |cancel: bool| {
        let cancelled = if cancel {
            "BEGIN:VEVENT\r\nUID:weekly\r\nRECURRENCE-ID:20261129T200000Z\r\nSTATUS:CANCELLED\r\n\
             DTSTART:20261129T200000Z\r\nEND:VEVENT\r\n"
        } else {
            ""
        };
        format!(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:weekly\r\nSUMMARY:Weekly Local\r\nDTSTART:20261122T200000Z\r\n\
             DTEND:20261122T210000Z\r\nRRULE:FREQ=WEEKLY\r\nURL:https://streams.onair.example/w.mp3\r\n\
             END:VEVENT\r\n{cancelled}END:VCALENDAR\r\n"
        )
    };
    let now = fixture_now();
    let horizon = chrono::Duration::days(14);

    // GIVEN a weekly show imported from a local .ics file
    std::fs::write(&path, calendar(false)).expect("written");
    let first = onair::import::import_file(&path, Some(&writer), now, horizon, None)
        .await
        .expect("imported");
    assert_eq!((first.accepted, first.occurrences.written), (1, 2));
    assert!(drops.event("weekly@20261129T2000Z").await.is_some());

    // WHEN the file cancels the 29 November episode after the series, checked first, then imported
    std::fs::write(&path, calendar(true)).expect("written");
    let checked = onair::import::import_file(&path, None, now, horizon, None)
        .await
        .expect("checked");
    let imported = onair::import::import_file(&path, Some(&writer), now, horizon, None)
        .await
        .expect("imported");

    // THEN the dry run agrees, and that episode is gone while the others stay
    assert_eq!(verdict(&checked), verdict(&imported));
    assert_eq!(checked.status, ReportStatus::Checked);
    assert_eq!(imported.occurrences.removed, 1);
    assert_eq!(drops.event("weekly@20261129T2000Z").await, None);
    assert!(drops.event("weekly@20261122T2000Z").await.is_some());
}

#[test]
fn schedule_list_reads_csv_and_ics_files_through_the_same_checks() {
    for (file, live, warned) in [
        (
            "excel-export.csv",
            "Excel Late Show",
            "performers[0] contains the control character",
        ),
        (
            "google-calendar.ics",
            "Caff\u{e8} della Notte",
            "title contains the control character U+0007",
        ),
        (
            "hostile.json",
            "Json Good Night",
            "performers and aliases may list at most 50 names",
        ),
    ] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_onair"))
            .args([
                "schedule",
                "list",
                "--at",
                "2026-11-22T20:00:00Z",
                "--schedule",
            ])
            .arg(format!(
                "{}/tests/fixtures/imports/corpus/{file}",
                env!("CARGO_MANIFEST_DIR")
            ))
            .env_remove("ONAIR_TABLE")
            .output()
            .expect("onair runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{file}: {stderr}");
        assert!(
            stdout
                .lines()
                .any(|line| line.starts_with("live") && line.contains(live)),
            "{file}: {stdout}"
        );
        assert!(stderr.contains(warned), "{file}: {stderr}");
    }
}
