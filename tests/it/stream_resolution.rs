//! Stream resolution against a real HTTPS server on loopback (rustls, with a test CA made here by rcgen, as
//! `tls.rs` and `serve_pki.rs` do): Twitch-style masters to their audio rendition, masters of muxed video only,
//! media playlists, PLS and M3U, an Icecast-style MP3, redirects (good, to plain HTTP, in a loop), a slow server,
//! a huge body, 404 and 500, wrong content types. Then the import's warnings, and the Play directive: never a video
//! variant, never plain HTTP. The resolver trusts the test CA and the host `localhost` through its configuration.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use http_body_util::Full;
use hyper::body::Bytes;
use onair::schedule::{LiveEvent, StreamFormat, parse_schedule_json};
use onair::stream::{Resolver, ResolverConfig, StreamChecks, Verdict, WarningKind};
use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

const TWITCH_MASTER: &str = "#EXTM3U
#EXT-X-TWITCH-INFO:NODE=\"video-edge-c2a1\",CLUSTER=\"fra05\"
#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"chunked\",NAME=\"1080p60 (source)\",AUTOSELECT=YES,DEFAULT=YES
#EXT-X-STREAM-INF:BANDWIDTH=8534030,RESOLUTION=1920x1080,CODECS=\"avc1.64002A,mp4a.40.2\",VIDEO=\"chunked\",FRAME-RATE=60.000
https://HOST/twitch/chunked.m3u8
#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"720p30\",NAME=\"720p\",AUTOSELECT=YES,DEFAULT=YES
#EXT-X-STREAM-INF:BANDWIDTH=2373000,RESOLUTION=1280x720,CODECS=\"avc1.4D401F,mp4a.40.2\",VIDEO=\"720p30\",FRAME-RATE=30.000
720p30.m3u8
#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"160p30\",NAME=\"160p\",AUTOSELECT=YES,DEFAULT=YES
#EXT-X-STREAM-INF:BANDWIDTH=230000,RESOLUTION=284x160,CODECS=\"avc1.4D401F,mp4a.40.2\",VIDEO=\"160p30\",FRAME-RATE=30.000
160p30.m3u8
#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"audio_only\",NAME=\"audio_only\",AUTOSELECT=NO,DEFAULT=NO
#EXT-X-STREAM-INF:BANDWIDTH=160000,CODECS=\"mp4a.40.2\",VIDEO=\"audio_only\"
audio_only.m3u8
";

const AUDIO_GROUP_MASTER: &str = "#EXTM3U
#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aac\",NAME=\"Commentary\",DEFAULT=NO,URI=\"/group/commentary.m3u8\"
#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aac\",NAME=\"Stage\",DEFAULT=YES,URI=\"stage.m3u8\"
#EXT-X-STREAM-INF:BANDWIDTH=2200000,RESOLUTION=1280x720,CODECS=\"avc1.4d401f,mp4a.40.2\",AUDIO=\"aac\"
video-720.m3u8
";

const MUXED_MASTER: &str = "#EXTM3U
#EXT-X-STREAM-INF:BANDWIDTH=1280000,CODECS=\"avc1.42e00a,mp4a.40.2\"
low.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=300000,CODECS=\"avc1.42e00a,mp4a.40.2\"
tiny.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=2560000,RESOLUTION=1280x720
mid.m3u8
";

const HTTP_RENDITION_MASTER: &str = "#EXTM3U
#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",NAME=\"Main\",DEFAULT=YES,URI=\"http://HOST/media/live.m3u8\"
#EXT-X-STREAM-INF:BANDWIDTH=2200000,RESOLUTION=1280x720,CODECS=\"avc1.4d401f,mp4a.40.2\",AUDIO=\"a\"
video.m3u8
";

const MEDIA: &str = "#EXTM3U
#EXT-X-VERSION:3
#EXT-X-TARGETDURATION:6
#EXT-X-MEDIA-SEQUENCE:1042
#EXTINF:6.000,
seg1042.aac
#EXTINF:6.000,
seg1043.aac
";

/// A loopback HTTPS server for `localhost` whose certificate a fresh test CA signed.
struct StreamServer {
    address: SocketAddr,
    ca_pem: String,
}

type Reply = hyper::Response<Full<Bytes>>;

fn reply(status: u16, headers: &[(&str, &str)], body: impl Into<Bytes>) -> Reply {
    let mut response = hyper::Response::new(Full::new(body.into()));
    *response.status_mut() = hyper::StatusCode::from_u16(status).expect("status");
    for (name, value) in headers {
        response.headers_mut().append(
            hyper::header::HeaderName::from_bytes(name.as_bytes()).expect("name"),
            value.parse().expect("value"),
        );
    }
    response
}

const HLS: (&str, &str) = ("content-type", "application/vnd.apple.mpegurl");

/// What the server answers at `path`; `host` is `localhost:PORT`.
async fn route(path: &str, host: &str) -> Reply {
    let text = |body: &str| body.replace("HOST", host);
    match path {
        "/twitch/master.m3u8" => reply(200, &[HLS], text(TWITCH_MASTER)),
        "/twitch/audio_only.m3u8" | "/group/stage.m3u8" | "/media/live.m3u8" => {
            reply(200, &[HLS], MEDIA)
        }
        "/group/master.m3u8" => reply(200, &[HLS], AUDIO_GROUP_MASTER),
        "/muxed/master.m3u8" => reply(200, &[HLS], MUXED_MASTER),
        "/http-rendition/master.m3u8" => reply(200, &[HLS], text(HTTP_RENDITION_MASTER)),
        "/radio.pls" => reply(
            200,
            &[("content-type", "audio/x-scpls")],
            text(
                "[playlist]\nNumberOfEntries=2\nFile1=http://HOST/icy/live.mp3\nTitle1=Radio\nFile2=https://HOST/icy/live.mp3\nVersion=2\n",
            ),
        ),
        "/only-http.pls" => reply(
            200,
            &[("content-type", "audio/x-scpls")],
            text("[playlist]\nFile1=http://HOST/icy/live.mp3\nNumberOfEntries=1\n"),
        ),
        "/radio.m3u" => reply(
            200,
            &[("content-type", "audio/x-mpegurl")],
            "#EXTM3U\n#EXTINF:-1,Radio Uno\nicy/live.mp3\n",
        ),
        "/icy/live.mp3" => reply(
            200,
            &[
                ("content-type", "audio/mpeg"),
                ("icy-br", "128"),
                ("icy-name", "Radio Uno"),
                ("icy-metaint", "16000"),
            ],
            vec![0xff_u8; 64 * 1024],
        ),
        "/icy/hifi.mp3" => reply(
            200,
            &[("content-type", "audio/mpeg"), ("icy-br", "512")],
            vec![0xff_u8; 1024],
        ),
        "/unlabelled" => {
            let mut body = b"ID3\x04\x00".to_vec();
            body.resize(1024 * 1024, 0xff);
            reply(200, &[("content-type", "application/octet-stream")], body)
        }
        "/redirect/ok" => reply(302, &[("location", "/media/live.m3u8")], ""),
        "/redirect/to-http" => reply(
            302,
            &[("location", &text("http://HOST/media/live.m3u8"))],
            "",
        ),
        "/redirect/loop-a" => reply(302, &[("location", "/redirect/loop-b")], ""),
        "/redirect/loop-b" => reply(302, &[("location", "/redirect/loop-a")], ""),
        "/redirect/to-ip" => reply(
            302,
            &[("location", "https://127.0.0.1/media/live.m3u8")],
            "",
        ),
        "/slow.mp3" => {
            tokio::time::sleep(Duration::from_secs(30)).await;
            reply(200, &[("content-type", "audio/mpeg")], "")
        }
        "/huge.m3u" => reply(
            200,
            &[("content-type", "audio/x-mpegurl")],
            "#EXTM3U\n".repeat(200_000),
        ),
        "/error" => reply(500, &[], "oops"),
        "/page" => reply(
            200,
            &[("content-type", "text/html; charset=utf-8")],
            "<html><body>Listen live!</body></html>",
        ),
        "/video.mp4" => reply(200, &[("content-type", "video/mp4")], vec![0_u8; 1024]),
        _ => reply(404, &[], "not found"),
    }
}

impl StreamServer {
    async fn start() -> Self {
        let ca_key = KeyPair::generate().expect("CA key");
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(DnType::CommonName, "onair stream test CA");
        let ca = CertifiedIssuer::self_signed(ca_params, ca_key).expect("CA");
        let leaf_key = KeyPair::generate().expect("leaf key");
        let leaf = CertificateParams::new(vec!["localhost".to_owned()])
            .expect("leaf params")
            .signed_by(&leaf_key, &ca)
            .expect("leaf");
        let config = rustls::ServerConfig::builder_with_provider(onair::tls::crypto_provider())
            .with_safe_default_protocol_versions()
            .expect("versions")
            .with_no_client_auth()
            .with_single_cert(
                vec![leaf.der().clone()],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der())),
            )
            .expect("TLS config");
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let address = listener.local_addr().expect("address");
        let host: Arc<str> = format!("localhost:{}", address.port()).into();
        tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                let acceptor = acceptor.clone();
                let host = Arc::clone(&host);
                tokio::spawn(async move {
                    let Ok(tls) = acceptor.accept(tcp).await else {
                        return;
                    };
                    let service = hyper::service::service_fn(move |request: hyper::Request<_>| {
                        let host = Arc::clone(&host);
                        async move {
                            Ok::<_, std::convert::Infallible>(
                                route(request.uri().path(), &host).await,
                            )
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(hyper_util::rt::TokioIo::new(tls), service)
                        .await;
                });
            }
        });
        Self {
            address,
            ca_pem: ca.pem(),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("https://localhost:{}{path}", self.address.port())
    }

    fn resolver(&self) -> Resolver {
        Resolver::new(ResolverConfig::for_test_server(
            self.ca_pem.as_bytes(),
            "localhost",
        ))
        .expect("resolver")
    }
}

fn kinds(report: &onair::stream::StreamReport) -> Vec<WarningKind> {
    report.warnings.iter().map(|warning| warning.kind).collect()
}

#[tokio::test]
async fn a_twitch_style_master_plays_its_audio_only_rendition_never_a_video_variant() {
    let server = StreamServer::start().await;
    let report = server
        .resolver()
        .check(&server.url("/twitch/master.m3u8"))
        .await;
    assert_eq!(report.verdict, Verdict::Playable, "{report:#?}");
    assert_eq!(report.format, Some(StreamFormat::HlsMaster));
    assert_eq!(
        report.play_url.as_deref(),
        Some(server.url("/twitch/audio_only.m3u8").as_str())
    );
    assert_eq!(report.codec.as_deref(), Some("mp4a.40.2"));
    assert_eq!(report.bitrate_kbps, Some(160));
    assert_eq!(report.steps[0].variants.len(), 4, "every variant is shown");
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

#[tokio::test]
async fn an_audio_rendition_of_a_master_is_played_resolved_against_the_master() {
    let server = StreamServer::start().await;
    let report = server
        .resolver()
        .check(&server.url("/group/master.m3u8"))
        .await;
    assert_eq!(report.verdict, Verdict::Playable, "{report:#?}");
    assert_eq!(
        report.play_url.as_deref(),
        Some(server.url("/group/stage.m3u8").as_str()),
        "the default rendition, relative to the master"
    );
}

#[tokio::test]
async fn a_master_of_muxed_video_only_is_not_played_and_says_so() {
    let server = StreamServer::start().await;
    let report = server
        .resolver()
        .check(&server.url("/muxed/master.m3u8"))
        .await;
    assert_eq!(report.verdict, Verdict::NotPlayable);
    assert_eq!(report.play_url, None);
    assert_eq!(kinds(&report), [WarningKind::NotAudio]);

    let http = server
        .resolver()
        .check(&server.url("/http-rendition/master.m3u8"))
        .await;
    assert_eq!(http.verdict, Verdict::NotPlayable);
    assert_eq!(http.play_url, None);
    assert!(
        kinds(&http).contains(&WarningKind::PlainHttpEntry),
        "{http:#?}"
    );
}

#[tokio::test]
async fn media_playlists_and_good_redirects_play_the_partners_own_url() {
    let server = StreamServer::start().await;
    for path in ["/media/live.m3u8", "/redirect/ok"] {
        let report = server.resolver().check(&server.url(path)).await;
        assert_eq!(report.verdict, Verdict::Playable, "{path}: {report:#?}");
        assert_eq!(report.format, Some(StreamFormat::HlsMedia));
        assert_eq!(report.play_url.as_deref(), Some(server.url(path).as_str()));
    }
}

#[tokio::test]
async fn playlists_play_their_first_https_entry_and_warn_about_plain_http_ones() {
    let server = StreamServer::start().await;
    let pls = server.resolver().check(&server.url("/radio.pls")).await;
    assert_eq!(pls.verdict, Verdict::Playable, "{pls:#?}");
    assert_eq!(pls.format, Some(StreamFormat::Pls));
    assert_eq!(
        pls.play_url.as_deref(),
        Some(server.url("/icy/live.mp3").as_str())
    );
    assert_eq!(pls.bitrate_kbps, Some(128));
    assert_eq!(kinds(&pls), [WarningKind::PlainHttpEntry]);

    let m3u = server.resolver().check(&server.url("/radio.m3u")).await;
    assert_eq!(m3u.format, Some(StreamFormat::M3u));
    assert_eq!(
        m3u.play_url.as_deref(),
        Some(server.url("/icy/live.mp3").as_str())
    );

    let only_http = server.resolver().check(&server.url("/only-http.pls")).await;
    assert_eq!(only_http.verdict, Verdict::NotPlayable);
    assert_eq!(only_http.play_url, None);
}

#[tokio::test]
async fn an_icecast_stream_is_audio_with_its_bitrate_and_one_out_of_range_is_warned() {
    let server = StreamServer::start().await;
    let icy = server.resolver().check(&server.url("/icy/live.mp3")).await;
    assert_eq!(icy.verdict, Verdict::Playable);
    assert_eq!(icy.format, Some(StreamFormat::Direct));
    assert_eq!(icy.codec.as_deref(), Some("audio/mpeg"));
    assert_eq!(icy.bitrate_kbps, Some(128));
    assert!(icy.warnings.is_empty());

    // An encoder that labels nothing: the first bytes are an MP3 stream (the rest is never read).
    let unlabelled = server.resolver().check(&server.url("/unlabelled")).await;
    assert_eq!(unlabelled.verdict, Verdict::Playable, "{unlabelled:#?}");
    assert_eq!(unlabelled.codec.as_deref(), Some("audio/mpeg"));

    let hifi = server.resolver().check(&server.url("/icy/hifi.mp3")).await;
    assert_eq!(kinds(&hifi), [WarningKind::BitrateOutOfRange]);
}

#[tokio::test]
async fn bad_redirects_servers_and_answers_are_refused_with_a_reason() {
    let server = StreamServer::start().await;
    let resolver = server.resolver();
    let cases = [
        (
            "/redirect/to-http",
            Verdict::NotPlayable,
            WarningKind::PlainHttpEntry,
        ),
        (
            "/redirect/loop-a",
            Verdict::Unreachable,
            WarningKind::Unreachable,
        ),
        (
            "/redirect/to-ip",
            Verdict::NotPlayable,
            WarningKind::AddressRefused,
        ),
        ("/slow.mp3", Verdict::Unreachable, WarningKind::Unreachable),
        ("/huge.m3u", Verdict::NotPlayable, WarningKind::NotAudio),
        (
            "/missing.mp3",
            Verdict::Unreachable,
            WarningKind::Unreachable,
        ),
        ("/error", Verdict::Unreachable, WarningKind::Unreachable),
        ("/page", Verdict::NotPlayable, WarningKind::NotAudio),
        ("/video.mp4", Verdict::NotPlayable, WarningKind::NotAudio),
    ];
    let reports = futures_join(&resolver, &server, &cases).await;
    for ((path, verdict, kind), report) in cases.iter().zip(reports) {
        assert_eq!(report.verdict, *verdict, "{path}: {report:#?}");
        assert_eq!(kinds(&report), [*kind], "{path}: {report:#?}");
        assert_eq!(report.play_url, None, "{path}");
    }
}

/// Runs the checks of `cases` at once (the slow one sets the pace).
async fn futures_join(
    resolver: &Resolver,
    server: &StreamServer,
    cases: &[(&str, Verdict, WarningKind)],
) -> Vec<onair::stream::StreamReport> {
    let mut tasks = Vec::new();
    for (path, ..) in cases {
        let resolver = resolver.clone();
        let url = server.url(path);
        tasks.push(tokio::spawn(async move { resolver.check(&url).await }));
    }
    let mut reports = Vec::new();
    for task in tasks {
        reports.push(task.await.expect("check runs"));
    }
    reports
}

#[tokio::test]
async fn the_production_configuration_refuses_the_test_server() {
    let server = StreamServer::start().await;
    let resolver = Resolver::new(ResolverConfig::default()).expect("resolver");
    let report = resolver.check(&server.url("/icy/live.mp3")).await;
    assert_eq!(report.verdict, Verdict::NotPlayable, "{report:#?}");
    assert_eq!(kinds(&report), [WarningKind::AddressRefused]);
    assert!(report.steps.is_empty(), "nothing was fetched");

    // Allowed to reach loopback but trusting the public roots only: the test CA is not trusted.
    let mut public_roots = ResolverConfig::for_test_server(b"", "localhost");
    public_roots.trusted_roots_pem = None;
    let report = Resolver::new(public_roots)
        .expect("resolver")
        .check(&server.url("/icy/live.mp3"))
        .await;
    assert_eq!(report.verdict, Verdict::Unreachable, "{report:#?}");
    assert!(
        report.warnings[0].detail.contains("certificate"),
        "{report:#?}"
    );
}

/// A schedule whose three shows stream from the test server: a Twitch-style master, a muxed-only master and a
/// PLS with a plain-HTTP entry first.
fn schedule_json(server: &StreamServer) -> String {
    serde_json::json!({
        "version": 1,
        "events": [
            {"id": "twitch-night", "title": "Twitch Night", "performers": ["Ella Park Trio"],
             "startsAt": "2026-11-22T19:00:00Z", "endsAt": "2026-11-22T23:00:00Z",
             "streamUrl": server.url("/twitch/master.m3u8")},
            {"id": "muxed-show", "title": "Muxed Show", "performers": ["Video Only"],
             "startsAt": "2026-11-22T19:00:00Z", "endsAt": "2026-11-22T23:00:00Z",
             "streamUrl": server.url("/muxed/master.m3u8")},
            {"id": "radio", "title": "Radio Hour", "performers": ["Radio Host"],
             "startsAt": "2026-11-22T19:00:00Z", "endsAt": "2026-11-22T23:00:00Z",
             "streamUrl": server.url("/radio.pls")}
        ]
    })
    .to_string()
}

#[tokio::test]
async fn a_host_that_cannot_be_connected_to_is_asked_at_most_twice_per_run_and_its_other_urls_share_the_verdict()
 {
    let server = StreamServer::start().await;
    // Takes each connection and drops it at once: no TLS handshake, so no URL of this host can answer.
    let dead = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let dead_port = dead.local_addr().expect("address").port();
    let accepted = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = Arc::clone(&accepted);
    tokio::spawn(async move {
        while let Ok((tcp, _)) = dead.accept().await {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            drop(tcp);
        }
    });
    let dead_urls: Vec<String> = (0..12)
        .map(|n| format!("https://localhost:{dead_port}/station/{n}.aac"))
        .collect();
    let good = server.url("/icy/live.mp3");
    let checks = StreamChecks::new(server.resolver());
    let reports = checks
        .check_all(dead_urls.iter().map(String::as_str).chain([good.as_str()]))
        .await;

    assert_eq!(reports.len(), 13);
    assert_eq!(
        reports[&good].verdict,
        Verdict::Playable,
        "another host is checked as usual"
    );
    for url in &dead_urls {
        assert_eq!(reports[url].verdict, Verdict::Unreachable, "{url}");
        assert_eq!(reports[url].url, *url);
        assert_eq!(kinds(&reports[url]), [WarningKind::Unreachable]);
    }
    let fetched = accepted.load(std::sync::atomic::Ordering::SeqCst);
    assert!(
        (1..=onair::stream::MAX_CHECKS_PER_HOST).contains(&fetched),
        "{fetched} connections to the host that drops them"
    );
    assert_eq!(checks.checked(), 13);
}

#[tokio::test]
async fn a_url_that_hangs_on_a_host_that_answers_says_nothing_of_the_hosts_other_urls() {
    let server = StreamServer::start().await;
    // The host connects and answers; one of its URLs never does (a CDN edge waiting for a dead origin).
    let slow = server.url("/slow.mp3");
    let good = server.url("/icy/live.mp3");
    let checks = StreamChecks::new(server.resolver());
    // The hanging URL first, in the same run: its timeout must not become the host's verdict.
    let first = checks.check_all([slow.as_str()]).await;
    assert_eq!(first[&slow].verdict, Verdict::Unreachable);
    assert!(!first[&slow].host_never_answered());
    let then = checks.check_all([good.as_str()]).await;
    assert_eq!(then[&good].verdict, Verdict::Playable);
}

#[tokio::test]
async fn an_import_lists_stream_warnings_next_to_rejections_without_rejecting_the_row() {
    let server = StreamServer::start().await;
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("streams.json");
    std::fs::write(&path, schedule_json(&server)).expect("write");
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-22T18:00:00Z")
        .expect("instant")
        .to_utc();
    let checks = StreamChecks::new(server.resolver());
    let report =
        onair::import::import_file(&path, None, at, chrono::Duration::days(14), Some(&checks))
            .await
            .expect("import runs");
    assert_eq!(report.accepted, 3, "warnings never reject: {report:#?}");
    assert_eq!(report.rejected, 0);
    assert_eq!(report.streams_checked, Some(3));
    let warned: Vec<(usize, WarningKind)> = report
        .warnings
        .iter()
        .map(|warning| (warning.position.index, warning.kind))
        .collect();
    assert_eq!(
        warned,
        [(1, WarningKind::NotAudio), (2, WarningKind::PlainHttpEntry)]
    );
    let json = serde_json::to_value(&report).expect("json");
    assert_eq!(json["warnings"][0]["index"], 1);
    assert_eq!(json["warnings"][0]["kind"], "not-audio");
    assert!(
        json["warnings"][0]["warning"]
            .as_str()
            .is_some_and(|text| text.starts_with("streamUrl: ")),
        "{json}"
    );

    // Offline: nothing is fetched, nothing is warned.
    let offline = onair::import::import_file(&path, None, at, chrono::Duration::days(14), None)
        .await
        .expect("import runs");
    assert_eq!(offline.streams_checked, None);
    assert!(offline.warnings.is_empty());
}

/// The schedule's events as an import records them: each with what its stream resolved to.
async fn resolved_events(server: &StreamServer) -> Vec<LiveEvent> {
    let parsed = parse_schedule_json(&schedule_json(server)).expect("schedule");
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-22T18:00:00Z")
        .expect("instant")
        .to_utc();
    let checks = StreamChecks::new(server.resolver());
    let urls: Vec<String> = parsed
        .specs
        .iter()
        .map(|spec| spec.template().stream_url.to_string())
        .collect();
    let reports = checks.check_all(urls.iter().map(String::as_str)).await;
    parsed
        .specs
        .iter()
        .map(|spec| {
            let mut event = spec.template().clone();
            let report = &reports[event.stream_url.as_str()];
            event.stream = report.resolved(at).map(Box::new);
            event.stream_trouble = report.trouble(at, false);
            event
        })
        .collect()
}

#[tokio::test]
async fn the_skill_plays_the_resolved_audio_rendition_and_never_a_video_variant_or_plain_http() {
    let server = StreamServer::start().await;
    let events = resolved_events(&server).await;
    let twitch = &events[0];
    assert_eq!(
        twitch.play_url().as_str(),
        server.url("/twitch/audio_only.m3u8")
    );
    assert_eq!(
        twitch.stream_url.as_str(),
        server.url("/twitch/master.m3u8"),
        "the partner's streamUrl stays as written"
    );
    assert!(events[1].stream.is_none() && events[1].stream_has_trouble());
    assert_eq!(events[2].play_url().as_str(), server.url("/icy/live.mp3"));

    let skill = onair::skill::Skill::new(Fixed::new(events));
    let mut request = crate::replay::fixture("play_live");
    let answered = crate::replay::answer_async(&skill, &request).await;
    let url = answered
        .pointer("/response/directives/0/audioItem/stream/url")
        .and_then(serde_json::Value::as_str)
        .expect("a Play directive");
    assert_eq!(url, server.url("/twitch/audio_only.m3u8"));

    // The muxed-only master is never sent: the listener hears why instead.
    request["request"]["intent"]["slots"]["source"]["value"] = "video only".into();
    request["request"]["intent"]["slots"]["source"]
        .as_object_mut()
        .expect("slot")
        .remove("resolutions");
    let answered = crate::replay::answer_async(&skill, &request).await;
    assert!(
        answered.pointer("/response/directives/0").is_none(),
        "no Play into silence: {answered:#}"
    );
    let speech = answered
        .pointer("/response/outputSpeech/ssml")
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default();
    assert!(speech.contains("having trouble"), "{speech}");
}

/// A store serving fixed events, as an import with stream checks would have written them, counting failed plays.
struct Fixed(
    Arc<onair::schedule::Schedule>,
    std::sync::Mutex<Vec<String>>,
);

impl Fixed {
    fn new(events: Vec<LiveEvent>) -> Self {
        Self(
            Arc::new(onair::schedule::Schedule::new(events)),
            std::sync::Mutex::default(),
        )
    }
}

impl onair::storage::ScheduleStore for Fixed {
    async fn schedule_at(
        &self,
        _now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Arc<onair::schedule::Schedule>, onair::storage::StoreError> {
        Ok(Arc::clone(&self.0))
    }

    async fn record_playback_failure(
        &self,
        event: &LiveEvent,
        _at: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), onair::storage::StoreError> {
        self.1.lock().expect("lock").push(event.id.to_string());
        Ok(())
    }

    async fn event(
        &self,
        id: &onair::schedule::EventId,
    ) -> Result<Option<LiveEvent>, onair::storage::StoreError> {
        Ok(self.0.event(id.as_str()).cloned())
    }
}

#[cfg_attr(onair_skip_servers, ignore = "needs scripts/test")]
#[tokio::test]
async fn failed_plays_and_the_health_check_mark_and_clear_trouble_on_the_stored_items() {
    use onair::storage::ScheduleStore as _;
    use onair::storage::stream_marks::StreamMarks;
    let Some(db) = crate::support::dynamodb().await else {
        return;
    };
    let server = StreamServer::start().await;
    let table = crate::dynamo::events_table(&db).await;
    let now = crate::dynamo::fixture_now();
    let text = serde_json::json!({"events": [
        {"id": "radio", "title": "Radio Hour", "performers": ["Radio Host"], "channel": "Radio Uno",
         "startsAt": "2026-11-22T19:00:00Z", "endsAt": "2026-11-22T23:00:00Z",
         "streamUrl": server.url("/icy/live.mp3")},
        {"id": "broken", "title": "Broken Show", "performers": ["Nobody"],
         "startsAt": "2026-11-22T20:15:00Z", "endsAt": "2026-11-22T22:00:00Z",
         "streamUrl": server.url("/error")},
        {"id": "later", "title": "Much Later", "performers": ["Someone"],
         "startsAt": "2026-11-23T20:00:00Z", "endsAt": "2026-11-23T22:00:00Z",
         "streamUrl": server.url("/error")}
    ]})
    .to_string();
    crate::dynamo::import(&db, &table, &text, now).await;
    let id = onair::schedule::EventId::parse("radio").expect("id");
    let fresh = || onair::storage::DynamoDbScheduleStore::new(db.client.clone(), &table);

    // GIVEN three failed plays of the live stream, counted by the store the skill uses
    let event = fresh().event(&id).await.expect("read").expect("stored");
    for played in 1..=3 {
        fresh()
            .record_playback_failure(&event, now)
            .await
            .expect("counted");
        let stored = fresh().event(&id).await.expect("read").expect("stored");
        assert_eq!(
            stored.stream_has_trouble(),
            played == 3,
            "after {played} failures: {:?}",
            stored.stream_trouble
        );
    }
    // The name items carry the mark too: a lookup by name sees it.
    let named = fresh()
        .events_named("radio-uno", now - chrono::Duration::hours(6), 10)
        .await
        .expect("query");
    assert!(named.iter().all(LiveEvent::stream_has_trouble), "{named:?}");

    // WHEN the health check runs: the working stream is cleared, the broken one starting soon is marked, the
    // one starting tomorrow is not looked at
    let marks = StreamMarks::new(db.client.clone(), table.clone());
    let schedule = fresh().schedule_at(now).await.expect("snapshot");
    let run = onair::stream::check_live_streams(
        &schedule,
        &StreamChecks::new(server.resolver()),
        Some(&marks),
        now,
    )
    .await
    .expect("run");
    assert_eq!(
        (run.cleared, run.marked, run.events.len()),
        (1, 1, 2),
        "{run:#?}"
    );
    let radio = fresh().event(&id).await.expect("read").expect("stored");
    assert_eq!(radio.stream_trouble, None);
    assert_eq!(
        radio.play_url().as_str(),
        server.url("/icy/live.mp3"),
        "the check records what it resolved"
    );
    assert_eq!(
        radio.stream.as_ref().and_then(|stream| stream.bitrate_kbps),
        Some(128)
    );
    let broken = fresh()
        .event(&onair::schedule::EventId::parse("broken").expect("id"))
        .await
        .expect("read")
        .expect("stored");
    assert!(broken.stream_has_trouble(), "{:?}", broken.stream_trouble);

    // A second run changes nothing.
    let schedule = fresh().schedule_at(now).await.expect("snapshot");
    let again = onair::stream::check_live_streams(
        &schedule,
        &StreamChecks::new(server.resolver()),
        Some(&marks),
        now,
    )
    .await
    .expect("run");
    assert_eq!((again.cleared, again.marked, again.re_resolved), (0, 0, 0));
}

#[tokio::test]
async fn a_failed_play_of_a_live_stream_counts_towards_its_trouble() {
    let parsed =
        parse_schedule_json(&crate::replay::fixture_schedule_json()).expect("fixture schedule");
    let now = crate::dynamo::fixture_now();
    let events: Vec<LiveEvent> = parsed
        .specs
        .iter()
        .flat_map(|spec| {
            spec.occurrences_between(
                now - chrono::Duration::days(3),
                now + chrono::Duration::days(3),
            )
        })
        .collect();
    let skill = onair::skill::Skill::new(Fixed::new(events));
    let request = crate::replay::fixture("playback_failed_retries_once");
    crate::replay::answer_async(&skill, &request).await;
    let counted = skill.store().1.lock().expect("lock").clone();
    assert_eq!(counted, ["jazz-night-2026-11-22"]);
}

#[tokio::test]
async fn onair_stream_check_says_what_it_decided_and_why() {
    let server = StreamServer::start().await;
    let folder = tempfile::tempdir().expect("temp dir");
    let ca = folder.path().join("ca.pem");
    std::fs::write(&ca, &server.ca_pem).expect("write CA");
    // The command blocks; the server answers on the test's runtime meanwhile.
    let run = |url: String, json: bool| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_onair"));
        command
            .args([
                "stream",
                "check",
                "--allow-private-host",
                "localhost",
                "--ca-file",
            ])
            .arg(&ca)
            .arg(url);
        if json {
            command.arg("--json");
        }
        tokio::task::spawn_blocking(move || command.output().expect("onair runs"))
    };
    let output = run(server.url("/twitch/master.m3u8"), true)
        .await
        .expect("joined");
    assert!(output.status.success(), "{output:?}");
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("one JSON object");
    assert_eq!(report["verdict"], "playable");
    assert_eq!(report["format"], "hls-master");
    assert_eq!(report["playUrl"], server.url("/twitch/audio_only.m3u8"));
    assert_eq!(report["steps"][0]["variants"][0]["kind"], "video");

    let output = run(server.url("/twitch/master.m3u8"), false)
        .await
        .expect("joined");
    let text = String::from_utf8_lossy(&output.stdout);
    for expected in [
        "playable on an Echo",
        "format: hls-master",
        "variant 8535 kbit/s avc1.64002A,mp4a.40.2 1920x1080 (video, never played)",
        "picked the audio-only variant of 160 kbit/s",
        "codec:  mp4a.40.2, bitrate: 160 kbit/s",
    ] {
        assert!(text.contains(expected), "{expected:?} in:\n{text}");
    }

    let output = run(server.url("/muxed/master.m3u8"), false)
        .await
        .expect("joined");
    assert!(
        !output.status.success(),
        "a stream an Echo cannot play fails the command"
    );
    assert!(
        String::from_utf8_lossy(&output.stdout)
            .contains("warning: streamUrl: stream is not audio an Echo plays"),
        "{output:?}"
    );
}

/// The fixture schedule's occurrences around the fixtures' instant, with `edit` applied to each.
fn fixture_events(edit: impl Fn(&mut LiveEvent)) -> Vec<LiveEvent> {
    let parsed =
        parse_schedule_json(&crate::replay::fixture_schedule_json()).expect("fixture schedule");
    let now = crate::dynamo::fixture_now();
    parsed
        .specs
        .iter()
        .flat_map(|spec| {
            spec.occurrences_between(
                now - chrono::Duration::days(3),
                now + chrono::Duration::days(3),
            )
        })
        .map(|mut event| {
            edit(&mut event);
            event
        })
        .collect()
}

#[tokio::test]
async fn the_play_directive_carries_the_resolved_rendition_and_trouble_is_spoken_snapshots() {
    let checked_at = crate::dynamo::fixture_now() - chrono::Duration::hours(2);
    let resolved = Fixed::new(fixture_events(|event| {
        event.stream = Some(Box::new(onair::schedule::ResolvedStream {
            play_url: onair::schedule::HttpsUrl::parse(&format!(
                "https://cdn.onair.example/hls/{}/audio_only.m3u8",
                event.id.as_str().split('@').next().unwrap_or_default()
            ))
            .expect("https"),
            format: StreamFormat::HlsMaster,
            codec: Some("mp4a.40.2".to_owned()),
            bitrate_kbps: Some(160),
            checked_at,
        }));
    }));
    let request = crate::replay::fixture("play_live");
    let answered = crate::replay::answer_async(&onair::skill::Skill::new(resolved), &request).await;
    insta::assert_json_snapshot!("play_live_resolved_rendition", answered);

    let troubled = Fixed::new(fixture_events(|event| {
        if event.performers.iter().any(|name| name == "Ella Park Trio") {
            event.stream_trouble = Some(onair::schedule::StreamTrouble {
                reason: onair::schedule::TroubleReason::Unreachable,
                seen_at: checked_at,
                playback_failures: 0,
            });
        }
    }));
    let answered = crate::replay::answer_async(&onair::skill::Skill::new(troubled), &request).await;
    insta::assert_json_snapshot!("play_live_stream_trouble", answered);
}
