//! `onair serve`'s HTTP hygiene, in process with short limits: slow, stalled, idle and surplus connections are
//! closed, a flood gets 429s, `/healthz` answers, and shutdown lets the request in flight finish.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

use onair::serve::{Endpoint, Limits, Verification};
use onair::skill::Skill;
use onair::storage::InMemoryPlayback;

fn limits() -> Limits {
    Limits {
        header_timeout: Duration::from_millis(600),
        body_timeout: Duration::from_millis(600),
        max_connections: 4,
        max_requests_per_second: 1000,
        shutdown_grace: Duration::from_secs(5),
        ..Limits::default()
    }
}

/// Starts an endpoint (verification off: these tests are about the HTTP layer) on a runtime of its own thread.
/// Dropping the returned sender shuts it down; the join handle ends when `serve` returned.
fn start(
    limits: Limits,
) -> (
    SocketAddr,
    tokio::sync::oneshot::Sender<()>,
    std::thread::JoinHandle<()>,
) {
    let (address_tx, address_rx) = std::sync::mpsc::channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let handle = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async move {
            let skill =
                Skill::new(crate::replay::fixture_store()).with_playback(InMemoryPlayback::new());
            let endpoint = Arc::new(Endpoint::new(skill, Verification::InsecureDev, limits));
            let listener = onair::serve::bind("127.0.0.1:0".parse().expect("address"))
                .await
                .expect("bind");
            address_tx
                .send(listener.local_addr().expect("address"))
                .expect("send");
            onair::serve::serve(listener, None, endpoint, async {
                let _ = stop_rx.await;
            })
            .await
            .expect("serve");
        });
    });
    (address_rx.recv().expect("an address"), stop_tx, handle)
}

fn connect(address: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect(address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("timeout");
    stream
}

/// Reads until the server closes; the bytes it sent.
fn read_to_close(stream: &mut TcpStream) -> Vec<u8> {
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    raw
}

fn status(raw: &[u8]) -> Option<u16> {
    String::from_utf8_lossy(raw).split(' ').nth(1)?.parse().ok()
}

fn request(body: &str, connection: &str) -> String {
    format!(
        "POST / HTTP/1.1\r\nHost: onair\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: {connection}\r\n\r\n{body}",
        body.len()
    )
}

#[test]
fn healthz_answers_ok() {
    let (address, _stop, _handle) = start(limits());
    let mut stream = connect(address);
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: onair\r\nConnection: close\r\n\r\n")
        .expect("write");
    let raw = read_to_close(&mut stream);
    assert_eq!(status(&raw), Some(200));
    assert!(
        raw.ends_with(b"\r\n\r\nok\n"),
        "{}",
        String::from_utf8_lossy(&raw)
    );
}

#[test]
fn a_header_trickle_is_cut_off() {
    let (address, _stop, _handle) = start(limits());
    let mut stream = connect(address);
    let started = Instant::now();
    stream
        .write_all(b"POST / HTTP/1.1\r\nHost: onair\r\n")
        .expect("write");
    // One byte every 100 ms: never a complete head.
    for _ in 0..30 {
        std::thread::sleep(Duration::from_millis(100));
        if stream.write_all(b"X").is_err() {
            break;
        }
    }
    let _ = read_to_close(&mut stream);
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "the connection stayed open {:?}",
        started.elapsed()
    );
}

#[test]
fn a_body_that_never_arrives_does_not_hold_the_connection() {
    let (address, _stop, _handle) = start(limits());
    let mut stream = connect(address);
    let started = Instant::now();
    stream
        .write_all(b"POST / HTTP/1.1\r\nHost: onair\r\nContent-Type: application/json\r\nContent-Length: 999999999\r\n\r\n{}")
        .expect("write");
    let raw = read_to_close(&mut stream);
    assert!(
        matches!(status(&raw), Some(408 | 413)),
        "{}",
        String::from_utf8_lossy(&raw)
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    let mut stream = connect(address);
    stream
        .write_all(b"POST / HTTP/1.1\r\nHost: onair\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{}")
        .expect("write");
    let raw = read_to_close(&mut stream);
    assert_eq!(status(&raw), Some(408), "{}", String::from_utf8_lossy(&raw));
}

#[test]
fn an_idle_keep_alive_connection_is_closed() {
    let (address, _stop, _handle) = start(limits());
    let mut stream = connect(address);
    let envelope = crate::replay::fixture("launch").to_string();
    stream
        .write_all(request(&envelope, "keep-alive").as_bytes())
        .expect("write");
    let started = Instant::now();
    let raw = read_to_close(&mut stream);
    assert_eq!(status(&raw), Some(200));
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn connections_beyond_the_cap_are_closed_at_once() {
    let (address, _stop, _handle) = start(Limits {
        header_timeout: Duration::from_secs(10),
        ..limits()
    });
    let idle: Vec<TcpStream> = (0..4).map(|_| connect(address)).collect();
    std::thread::sleep(Duration::from_millis(200));
    let mut surplus = connect(address);
    let started = Instant::now();
    let _ = surplus.write_all(b"GET /healthz HTTP/1.1\r\nHost: onair\r\n\r\n");
    let raw = read_to_close(&mut surplus);
    assert!(raw.is_empty(), "{}", String::from_utf8_lossy(&raw));
    assert!(started.elapsed() < Duration::from_secs(2));
    drop(idle);
    std::thread::sleep(Duration::from_millis(200));
    let mut again = connect(address);
    again
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: onair\r\nConnection: close\r\n\r\n")
        .expect("write");
    assert_eq!(
        status(&read_to_close(&mut again)),
        Some(200),
        "a freed slot is usable"
    );
}

#[test]
fn a_flood_gets_too_many_requests() {
    let (address, _stop, _handle) = start(Limits {
        max_requests_per_second: 3,
        ..limits()
    });
    let envelope = crate::replay::fixture("launch").to_string();
    let statuses: Vec<Option<u16>> = (0..10)
        .map(|_| {
            let mut stream = connect(address);
            stream
                .write_all(request(&envelope, "close").as_bytes())
                .expect("write");
            status(&read_to_close(&mut stream))
        })
        .collect();
    assert!(statuses.contains(&Some(200)), "{statuses:?}");
    assert!(statuses.contains(&Some(429)), "{statuses:?}");
}

#[test]
fn shutdown_finishes_the_request_in_flight_and_accepts_no_more() {
    let (address, stop, handle) = start(Limits {
        body_timeout: Duration::from_secs(5),
        ..limits()
    });
    let envelope = crate::replay::fixture("launch").to_string();
    let full = request(&envelope, "close");
    let (head, rest) = full.split_at(full.len() - 10);
    let mut stream = connect(address);
    stream.write_all(head.as_bytes()).expect("write");
    std::thread::sleep(Duration::from_millis(200));
    drop(stop);
    std::thread::sleep(Duration::from_millis(200));
    stream.write_all(rest.as_bytes()).expect("write the rest");
    let raw = read_to_close(&mut stream);
    assert_eq!(status(&raw), Some(200), "{}", String::from_utf8_lossy(&raw));
    handle.join().expect("serve returned");
    assert!(TcpStream::connect(address).is_err(), "no longer listening");
}

#[test]
fn tls_from_pem_files_serves_https() {
    let folder = tempfile::tempdir().expect("a folder");
    let key = rcgen::KeyPair::generate().expect("key");
    let cert = rcgen::CertificateParams::new(vec!["onair.test".to_owned()])
        .expect("parameters")
        .self_signed(&key)
        .expect("certificate");
    let (cert_path, key_path) = (
        folder.path().join("cert.pem"),
        folder.path().join("key.pem"),
    );
    std::fs::write(&cert_path, cert.pem()).expect("write");
    std::fs::write(&key_path, key.serialize_pem()).expect("write");
    assert!(
        onair::serve::tls_acceptor(&key_path, &cert_path).is_err(),
        "swapped files are refused"
    );
    let tls = onair::serve::tls_acceptor(&cert_path, &key_path).expect("a TLS acceptor");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let skill =
            Skill::new(crate::replay::fixture_store()).with_playback(InMemoryPlayback::new());
        let endpoint = Arc::new(Endpoint::new(skill, Verification::InsecureDev, limits()));
        let listener = onair::serve::bind("127.0.0.1:0".parse().expect("address"))
            .await
            .expect("bind");
        let address = listener.local_addr().expect("address");
        tokio::spawn(onair::serve::serve(
            listener,
            Some(tls),
            endpoint,
            std::future::pending(),
        ));
        onair::tls::install_default_provider();
        let client = reqwest::Client::builder()
            .tls_certs_only([reqwest::Certificate::from_pem(cert.pem().as_bytes()).expect("PEM")])
            .resolve("onair.test", address)
            .build()
            .expect("client");
        let response = client
            .get(format!("https://onair.test:{}/healthz", address.port()))
            .send()
            .await
            .expect("an HTTPS answer");
        assert_eq!(response.status(), 200);
        assert_eq!(response.text().await.expect("text"), "ok\n");
        // Plain HTTP to the TLS port gets nothing usable.
        let mut plain = connect(address);
        let _ = plain.write_all(b"GET /healthz HTTP/1.1\r\nHost: onair\r\n\r\n");
        assert_eq!(status(&read_to_close(&mut plain)), None);
    });
}
