//! Follows, favourites and go-live notifications: the dialog over an in-memory follow store, the DynamoDB adapter
//! against DynamoDB Local, and `notify` against DynamoDB Local and a loopback stand-in for the Login with Amazon
//! token endpoint and the Proactive Events API (which records what it receives and answers the documented shapes).

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Utc};
use onair::notify::{self, Mode};
use onair::proactive_events::{ClientCredentials, Endpoints, ProactiveEventsClient};
use onair::schedule::Schedule;
use onair::skill::Skill;
use onair::storage::tables;
use onair::storage::{
    Claimed, DynamoDbFollows, Follow, FollowStore, Followed, InMemoryFollows, InMemorySchedule,
    Listener, NotificationLedger, ScheduleStore, Unfollowed, UserKey,
};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::dynamo::at;
use crate::replay::{answer_async, fixture, fixture_store};
use crate::support;

fn intent(name: &str, source: Option<&str>, timestamp: &str) -> Value {
    let mut envelope = fixture("follow");
    envelope["request"]["intent"] = match source {
        Some(spoken) => json!({
            "name": name,
            "confirmationStatus": "NONE",
            "slots": {"source": {"name": "source", "value": spoken, "confirmationStatus": "NONE"}}
        }),
        None => json!({"name": name, "confirmationStatus": "NONE", "slots": {}}),
    };
    envelope["request"]["timestamp"] = json!(timestamp);
    envelope
}

/// A launch by the listener of [`intent`]'s requests.
fn launch(timestamp: &str) -> Value {
    let mut envelope = fixture("launch");
    let user = fixture("follow")["session"]["user"].clone();
    envelope["session"]["user"] = user.clone();
    envelope["context"]["System"]["user"] = user;
    envelope["request"]["timestamp"] = json!(timestamp);
    envelope
}

fn spoken(response: &Value) -> String {
    response["response"]["outputSpeech"]["ssml"]
        .as_str()
        .unwrap_or_default()
        .replace("&apos;", "'")
}

fn skill() -> Skill<InMemorySchedule> {
    Skill::new(fixture_store()).with_follows(Arc::new(InMemoryFollows::new()))
}

const EIGHT_PM: &str = "2026-11-22T20:00:00Z";

#[tokio::test]
async fn a_followed_station_is_listed_and_played_and_offered_at_launch() {
    // GIVEN a listener who follows Radio Uno (Sera Uno is live on it at 20:00)
    let skill = skill();
    let followed = answer_async(&skill, &intent("FollowIntent", Some("radio uno"), EIGHT_PM)).await;
    assert_eq!(
        spoken(&followed),
        "<speak>Done: you follow Radio Uno. When it goes live, I'll send you a notification.</speak>"
    );
    let again = answer_async(&skill, &intent("FollowIntent", Some("radio uno"), EIGHT_PM)).await;
    assert_eq!(
        spoken(&again),
        "<speak>You already follow Radio Uno.</speak>"
    );
    // WHEN they ask who they follow, what's on from their favourites, and to play them
    let list = answer_async(&skill, &intent("ListFollowsIntent", None, EIGHT_PM)).await;
    let whats_on = answer_async(&skill, &intent("WhatsOnFavouritesIntent", None, EIGHT_PM)).await;
    let play = answer_async(&skill, &intent("PlayFavouritesIntent", None, EIGHT_PM)).await;
    let welcome = answer_async(&skill, &launch(EIGHT_PM)).await;
    // THEN each answer builds on the follow
    assert_eq!(spoken(&list), "<speak>You follow Radio Uno.</speak>");
    insta::assert_json_snapshot!("favourites_live", whats_on);
    insta::assert_json_snapshot!("play_favourites_live", play);
    assert_eq!(
        play["response"]["directives"][0]["audioItem"]["stream"]["token"],
        "onair1|live|sera-uno-2026-11-22|0|0"
    );
    insta::assert_json_snapshot!("launch_followed_live", welcome);
    // AND "yes" to the welcome plays the followed show
    let mut yes = intent("AMAZON.YesIntent", None, EIGHT_PM);
    yes["session"]["attributes"] = welcome["sessionAttributes"].clone();
    yes["session"]["new"] = json!(false);
    let played = answer_async(&skill, &yes).await;
    assert_eq!(
        played["response"]["directives"][0]["audioItem"]["stream"]["token"],
        "onair1|live|sera-uno-2026-11-22|0|0"
    );
}

#[tokio::test]
async fn favourites_not_live_name_the_next_one_and_unfollow_forgets() {
    // GIVEN a listener who follows Club Berlin's Nordlicht Sessions (tomorrow 19:00Z)
    let skill = skill();
    answer_async(
        &skill,
        &intent("FollowIntent", Some("nordlicht sessions"), EIGHT_PM),
    )
    .await;
    // WHEN they ask to play their favourites
    let play = answer_async(&skill, &intent("PlayFavouritesIntent", None, EIGHT_PM)).await;
    // THEN they hear when the next one starts and are offered a reminder, and nothing plays
    insta::assert_json_snapshot!("play_favourites_not_live", play);
    assert!(spoken(&play).contains("remind you"), "{play}");
    assert_eq!(play["response"]["shouldEndSession"], false);
    let directives = play["response"]["directives"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        directives.iter().all(|d| d["type"] != "AudioPlayer.Play"),
        "{play}"
    );
    // AND launch does not offer it
    let welcome = answer_async(&skill, &launch(EIGHT_PM)).await;
    assert!(!spoken(&welcome).contains("Nordlicht"), "{welcome}");
    // WHEN they unfollow it, twice
    let gone = answer_async(
        &skill,
        &intent("UnfollowIntent", Some("nordlicht sessions"), EIGHT_PM),
    )
    .await;
    let twice = answer_async(
        &skill,
        &intent("UnfollowIntent", Some("nordlicht sessions"), EIGHT_PM),
    )
    .await;
    assert_eq!(
        spoken(&gone),
        "<speak>Okay, you no longer follow Nordlicht Sessions.</speak>"
    );
    assert!(
        spoken(&twice).starts_with("<speak>You don't follow anyone yet."),
        "{twice}"
    );
    let list = answer_async(&skill, &intent("ListFollowsIntent", None, EIGHT_PM)).await;
    assert!(
        spoken(&list).starts_with("<speak>You don't follow anyone yet."),
        "{list}"
    );
}

#[tokio::test]
async fn disabling_the_skill_forgets_what_the_listener_follows() {
    let skill = skill();
    answer_async(&skill, &intent("FollowIntent", Some("radio uno"), EIGHT_PM)).await;
    let mut disabled = fixture("skill_disabled");
    disabled["context"]["System"]["user"] = fixture("follow")["session"]["user"].clone();
    let answer = answer_async(&skill, &disabled).await;
    assert_eq!(answer, json!({"version": "1.0", "response": {}}));
    let list = answer_async(&skill, &intent("ListFollowsIntent", None, EIGHT_PM)).await;
    assert!(
        spoken(&list).starts_with("<speak>You don't follow anyone yet."),
        "{list}"
    );
}

#[tokio::test]
async fn a_name_not_on_the_schedule_is_not_followed() {
    let skill = skill();
    let answer = answer_async(
        &skill,
        &intent("FollowIntent", Some("zzyzx polka hour"), EIGHT_PM),
    )
    .await;
    assert_eq!(
        spoken(&answer),
        "<speak>I couldn't find zzyzx polka hour on the schedule, so I can't follow it yet.</speak>"
    );
    let list = answer_async(&skill, &intent("ListFollowsIntent", None, EIGHT_PM)).await;
    assert!(spoken(&list).starts_with("<speak>You don't follow anyone yet."));
}

fn listener(user_id: &str, locale: &str) -> Listener {
    Listener {
        key: UserKey::from_user_id(user_id),
        user_id: user_id.to_owned(),
        locale: locale.to_owned(),
    }
}

fn follow(source: &str) -> Follow {
    Follow {
        source: source.to_owned(),
        name: source.to_owned(),
        since: at(EIGHT_PM),
    }
}

async fn follows_table(db: &support::DynamoDb) -> DynamoDbFollows {
    let table = support::unique_name("follows");
    tables::FOLLOWS
        .create(&db.client, &table)
        .await
        .expect("follows table created");
    DynamoDbFollows::new(db.client.clone(), table)
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn dynamodb_follows_are_bounded_idempotent_and_findable_by_source() {
    let Some(db) = support::dynamodb().await else {
        return;
    };
    let store = follows_table(&db).await;
    let me = listener("amzn1.ask.account.ME", "en-US");
    assert_eq!(
        store.follow(&me, &follow("radio-uno")).await.unwrap(),
        Followed::Added
    );
    assert_eq!(
        store.follow(&me, &follow("radio-uno")).await.unwrap(),
        Followed::AlreadyFollowing
    );
    for n in 1..onair::storage::follows::MAX_FOLLOWS {
        assert_eq!(
            store
                .follow(&me, &follow(&format!("source-{n}")))
                .await
                .unwrap(),
            Followed::Added
        );
    }
    assert_eq!(
        store.follow(&me, &follow("one-too-many")).await.unwrap(),
        Followed::Full
    );
    assert_eq!(store.follows(&me.key).await.unwrap().len(), 100);
    assert_eq!(
        store.followers("radio-uno").await.unwrap(),
        vec![me.clone()]
    );
    assert!(store.followers("one-too-many").await.unwrap().is_empty());
    // Unfollowing frees a place, and the follower item goes with the follow.
    assert_eq!(
        store.unfollow(&me.key, "radio-uno").await.unwrap(),
        Unfollowed::Removed
    );
    assert_eq!(
        store.unfollow(&me.key, "radio-uno").await.unwrap(),
        Unfollowed::NotFollowing
    );
    assert!(store.followers("radio-uno").await.unwrap().is_empty());
    assert_eq!(
        store.follow(&me, &follow("one-too-many")).await.unwrap(),
        Followed::Added
    );
    // The ledger claims a reference once.
    let expires = at(EIGHT_PM);
    assert_eq!(store.claim("onair-x", expires).await.unwrap(), Claimed::New);
    assert_eq!(
        store.claim("onair-x", expires).await.unwrap(),
        Claimed::AlreadySent
    );
    store.release("onair-x").await.unwrap();
    assert_eq!(store.claim("onair-x", expires).await.unwrap(), Claimed::New);
}

/// What the stand-in received.
#[derive(Debug, Clone)]
struct Received {
    path: String,
    authorization: Option<String>,
    body: String,
}

/// A loopback stand-in for `POST /auth/o2/token` and `POST /v1/proactiveEvents/stages/development`.
struct AlexaApis {
    base: String,
    received: Arc<Mutex<Vec<Received>>>,
    /// Statuses the events endpoint answers next (then 202).
    event_statuses: Arc<Mutex<VecDeque<u16>>>,
    /// Statuses the token endpoint answers next (then 200 with a token).
    token_statuses: Arc<Mutex<VecDeque<u16>>>,
}

impl AlexaApis {
    async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let apis = Self {
            base,
            received: Arc::default(),
            event_statuses: Arc::default(),
            token_statuses: Arc::default(),
        };
        let (received, events, tokens) = (
            Arc::clone(&apis.received),
            Arc::clone(&apis.event_statuses),
            Arc::clone(&apis.token_statuses),
        );
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(
                    stream,
                    Arc::clone(&received),
                    Arc::clone(&events),
                    Arc::clone(&tokens),
                ));
            }
        });
        apis
    }

    fn endpoints(&self) -> Endpoints {
        Endpoints {
            token_url: format!("{}/auth/o2/token", self.base),
            events_url: format!("{}/v1/proactiveEvents/stages/development", self.base),
        }
    }

    fn client(&self) -> ProactiveEventsClient {
        ProactiveEventsClient::new(
            ClientCredentials {
                client_id: "amzn1.application-oa2-client.test".to_owned(),
                client_secret: "test-secret".to_owned(),
            },
            self.endpoints(),
        )
        .expect("client")
    }

    fn received(&self, path_end: &str) -> Vec<Received> {
        self.received
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .filter(|r| r.path.ends_with(path_end))
            .cloned()
            .collect()
    }

    /// The events accepted (answered 202), as JSON.
    fn events(&self) -> Vec<Value> {
        self.received("/stages/development")
            .iter()
            .filter(|r| !r.body.is_empty())
            .map(|r| serde_json::from_str(&r.body).expect("an event is JSON"))
            .collect()
    }

    fn answer_events_with(&self, statuses: &[u16]) {
        self.event_statuses
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend(statuses);
    }

    fn answer_tokens_with(&self, statuses: &[u16]) {
        self.token_statuses
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend(statuses);
    }
}

async fn serve(
    mut stream: TcpStream,
    received: Arc<Mutex<Vec<Received>>>,
    events: Arc<Mutex<VecDeque<u16>>>,
    tokens: Arc<Mutex<VecDeque<u16>>>,
) {
    let mut bytes = Vec::new();
    let mut buffer = [0_u8; 4096];
    let (head, body) = loop {
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(n) => bytes.extend_from_slice(&buffer[..n]),
        }
        let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
        let length: usize = head
            .lines()
            .filter_map(|line| line.split_once(':'))
            .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
            .and_then(|(_, value)| value.trim().parse().ok())
            .unwrap_or(0);
        while bytes.len() < end + 4 + length {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(n) => bytes.extend_from_slice(&buffer[..n]),
            }
        }
        break (
            head,
            String::from_utf8_lossy(&bytes[end + 4..end + 4 + length]).into_owned(),
        );
    };
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
    let next = |queue: &Arc<Mutex<VecDeque<u16>>>| {
        queue
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop_front()
    };
    let (status, reply) = if path == "/auth/o2/token" {
        let well_formed = body.contains("grant_type=client_credentials")
            && body.contains("scope=alexa%3A%3Aproactive_events")
            && body.contains("client_secret=test-secret");
        match next(&tokens) {
            Some(status) => (
                status,
                json!({"error": "invalid_client", "error_description": "Client authentication failed"})
                    .to_string(),
            ),
            None if well_formed => (
                200,
                json!({"access_token": "Atc|test-token", "scope": "alexa::proactive_events", "token_type": "bearer", "expires_in": 3600})
                    .to_string(),
            ),
            None => (400, json!({"error": "invalid_request"}).to_string()),
        }
    } else if headers.get("authorization").map(String::as_str) != Some("Bearer Atc|test-token") {
        (401, json!({"message": "Invalid token"}).to_string())
    } else {
        match next(&events) {
            Some(429) => (429, json!({"message": "Request is throttled"}).to_string()),
            Some(status) => (status, json!({"message": "failed"}).to_string()),
            None => (202, String::new()),
        }
    };
    received
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(Received {
            path: path.clone(),
            authorization: headers.get("authorization").cloned(),
            body: if status == 202 { body } else { String::new() },
        });
    let reason = match status {
        200 => "OK",
        202 => "Accepted",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        429 => "Too Many Requests",
        _ => "Internal Server Error",
    };
    let response = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{reply}",
        reply.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
}

/// Two minutes before Notte Uno goes live on Radio Uno (20:30Z); nothing else starts around then.
fn before_notte_uno() -> DateTime<Utc> {
    at("2026-11-22T20:28:00Z")
}

async fn fixture_schedule(now: DateTime<Utc>) -> Arc<Schedule> {
    fixture_store().schedule_at(now).await.expect("a schedule")
}

/// Three listeners: one follows Radio Uno, one follows both Radio Uno and The Night Owls (Notte Uno's hosts), one
/// follows Jazz Night only.
async fn followers(store: &dyn FollowStore) -> (Listener, Listener) {
    let uno = listener("amzn1.ask.account.UNO", "en-US");
    let both = listener("amzn1.ask.account.BOTH", "it-IT");
    let jazz = listener("amzn1.ask.account.JAZZ", "en-US");
    store.follow(&uno, &follow("radio-uno")).await.unwrap();
    store.follow(&both, &follow("radio-uno")).await.unwrap();
    store.follow(&both, &follow("night-owls")).await.unwrap();
    store.follow(&jazz, &follow("jazz-night")).await.unwrap();
    (uno, both)
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn notify_sends_one_event_per_follower_of_a_show_going_live_and_none_on_a_rerun() {
    let Some(db) = support::dynamodb().await else {
        return;
    };
    let store = follows_table(&db).await;
    let (uno, both) = followers(&store).await;
    let apis = AlexaApis::start().await;
    let client = apis.client();
    let now = before_notte_uno();
    let schedule = fixture_schedule(now).await;

    // WHEN notify runs two minutes before Notte Uno, and again (a retry, or the next run of an overlapping window)
    let first = notify::run(&schedule, &store, &store, Some(&client), now, Mode::Send)
        .await
        .expect("a run");
    let second = notify::run(
        &schedule,
        &store,
        &store,
        Some(&client),
        now + chrono::Duration::minutes(5),
        Mode::Send,
    )
    .await
    .expect("a rerun");

    // THEN each follower of Notte Uno got exactly one event, and the rerun sent nothing
    assert_eq!(
        (first.shows, first.due, first.sent, first.failed),
        (1, 2, 2, 0)
    );
    assert_eq!((second.sent, second.already_sent, second.failed), (0, 2, 0));
    let events = apis.events();
    assert_eq!(events.len(), 2, "{events:#?}");
    let mut users: Vec<&str> = events
        .iter()
        .map(|e| {
            e["relevantAudience"]["payload"]["user"]
                .as_str()
                .unwrap_or_default()
        })
        .collect();
    users.sort_unstable();
    assert_eq!(users, vec![both.user_id.as_str(), uno.user_id.as_str()]);
    // AND the event is the documented AMAZON.MediaContent.Available, localized, with a stable referenceId
    let event = &events[0];
    let user = event["relevantAudience"]["payload"]["user"]
        .as_str()
        .unwrap_or_default();
    assert_eq!(
        event["referenceId"],
        notify::reference_id("notte-uno-2026-11-22", &UserKey::from_user_id(user))
    );
    let mut shape = event.clone();
    shape["referenceId"] = json!("[stable per show and listener]");
    shape["relevantAudience"]["payload"]["user"] = json!("[follower]");
    insta::assert_json_snapshot!("notify_media_content_available", shape);
    // AND it went with the token LWA gave for the client credentials (one token for the whole run)
    assert!(
        apis.received("/stages/development")
            .iter()
            .all(|r| r.authorization.as_deref() == Some("Bearer Atc|test-token"))
    );
    assert_eq!(apis.received("/auth/o2/token").len(), 1);
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn throttling_and_server_errors_are_retried_and_a_refused_token_is_sent_again_later() {
    let Some(db) = support::dynamodb().await else {
        return;
    };
    let store = follows_table(&db).await;
    followers(&store).await;
    let apis = AlexaApis::start().await;
    let now = before_notte_uno();
    let schedule = fixture_schedule(now).await;

    // GIVEN LWA refusing the credentials
    apis.answer_tokens_with(&[401]);
    let refused = notify::run(
        &schedule,
        &store,
        &store,
        Some(&apis.client()),
        now,
        Mode::Send,
    )
    .await
    .expect("a run");
    // THEN nothing is sent, nothing is claimed, and the run stops at the first failure
    assert_eq!((refused.sent, refused.failed), (0, 2));
    assert!(apis.events().is_empty());

    // WHEN the next run finds the API throttling once and failing once
    apis.answer_events_with(&[429, 503]);
    let retried = notify::run(
        &schedule,
        &store,
        &store,
        Some(&apis.client()),
        now,
        Mode::Send,
    )
    .await
    .expect("a run");
    // THEN both events are delivered after the retries, once each
    assert_eq!(
        (retried.sent, retried.already_sent, retried.failed),
        (2, 0, 0)
    );
    assert_eq!(apis.events().len(), 2);
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn an_event_the_api_refuses_is_not_claimed_so_a_later_run_can_send_it() {
    let Some(db) = support::dynamodb().await else {
        return;
    };
    let store = follows_table(&db).await;
    let only = listener("amzn1.ask.account.ONLY", "en-US");
    store.follow(&only, &follow("radio-uno")).await.unwrap();
    let apis = AlexaApis::start().await;
    let client = apis.client();
    let now = before_notte_uno();
    let schedule = fixture_schedule(now).await;
    apis.answer_events_with(&[403]);
    let refused = notify::run(&schedule, &store, &store, Some(&client), now, Mode::Send)
        .await
        .expect("a run");
    assert_eq!((refused.sent, refused.failed), (0, 1));
    // A 403 is not retried within the run.
    assert_eq!(apis.received("/stages/development").len(), 1);
    let later = notify::run(&schedule, &store, &store, Some(&client), now, Mode::Send)
        .await
        .expect("a run");
    assert_eq!((later.sent, later.failed), (1, 0));
}

#[tokio::test]
async fn a_dry_run_plans_without_sending_and_a_show_nobody_follows_is_not_announced() {
    let store = InMemoryFollows::new();
    followers(&store).await;
    let now = before_notte_uno();
    let schedule = fixture_schedule(now).await;
    let dry = notify::run(&schedule, &store, &store, None, now, Mode::DryRun)
        .await
        .expect("a plan");
    assert_eq!(dry.due, 2);
    assert_eq!(dry.by_show.get("notte-uno-2026-11-22"), Some(&2));
    assert_eq!(dry.sent, 0);
    // Jazz Night started at 19:00: its follower is not told at 20:28.
    assert!(!dry.by_show.contains_key("jazz-night-2026-11-22"));
    // Nothing was claimed: a real run still sends everything.
    let reference = notify::reference_id(
        "notte-uno-2026-11-22",
        &UserKey::from_user_id("amzn1.ask.account.UNO"),
    );
    assert_eq!(store.claim(&reference, now).await.unwrap(), Claimed::New);
}
