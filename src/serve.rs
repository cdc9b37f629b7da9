//! `onair serve`: the skill as an HTTPS endpoint Alexa can call when it is not hosted on Lambda (SPEC §6), and a
//! local endpoint for tools that POST envelopes.
//!
//! - [`verify`]: Amazon's request verification (signature, certificate, timestamp, skill id), on by default.
//! - [`Endpoint`]: one exchange: `POST /` with an envelope, `GET /healthz`; a refused request gets a 400 and the
//!   skill never sees it.
//! - [`serve`]: the accept loop and its hygiene: optional TLS (rustls), a connection cap, a request-rate bound,
//!   header/idle and body timeouts, graceful shutdown that finishes in-flight requests.
//!
//! Logs name what happened (a refusal's rule, a connection error's kind), never a header value or any part of a
//! body: those carry user ids, device ids and tokens.

mod rate;
pub mod verify;

use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use chrono::Utc;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::{Method, Request, Response, StatusCode, header};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio_rustls::TlsAcceptor;

use self::rate::RateLimit;
use self::verify::Verifier;
use crate::skill::{DeviceZones, Skill};
use crate::storage::{MediaLinks, PlaybackStateStore, ScheduleStore};

/// The limits that keep a public endpoint up under slow, idle or abusive clients.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The largest body accepted; Alexa requests are a few kilobytes.
    pub max_body_bytes: usize,
    /// How long a connection may take to send a complete request head, counted from its last response (so it also
    /// closes idle keep-alive connections).
    pub header_timeout: Duration,
    /// How long the body may take once the head is in.
    pub body_timeout: Duration,
    /// How long the TLS handshake may take.
    pub handshake_timeout: Duration,
    /// Connections open at once; more are closed as soon as they are accepted.
    pub max_connections: usize,
    /// Requests per second over all connections (a token bucket with a one-second burst); more get a 429.
    pub max_requests_per_second: u32,
    /// How long shutdown waits for in-flight requests.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_body_bytes: 256 * 1024,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            handshake_timeout: Duration::from_secs(10),
            max_connections: 256,
            max_requests_per_second: 200,
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

/// Whether requests are verified.
#[derive(Debug)]
// One value per server, held in its endpoint: boxing the verifier would save nothing worth an indirection.
#[allow(clippy::large_enum_variant)]
pub enum Verification {
    /// Every request is verified (the default, and the only choice on a public address).
    On(Verifier),
    /// Nothing is verified: `--insecure-dev`, for tools on loopback that cannot sign.
    InsecureDev,
}

/// What answers one exchange: the skill, behind verification and the request-rate bound.
#[derive(Debug)]
pub struct Endpoint<S, M, Z, P> {
    skill: Skill<S, M, Z, P>,
    verification: Verification,
    limits: Limits,
    rate: RateLimit,
    answered: AtomicU64,
    refused: AtomicU64,
}

type Answer = Response<Full<Bytes>>;

impl<S, M, Z, P> Endpoint<S, M, Z, P>
where
    S: ScheduleStore,
    M: MediaLinks,
    Z: DeviceZones,
    P: PlaybackStateStore,
{
    /// An endpoint answering with `skill` once `verification` passes, within `limits`.
    pub fn new(skill: Skill<S, M, Z, P>, verification: Verification, limits: Limits) -> Self {
        Self {
            skill,
            verification,
            rate: RateLimit::per_second(limits.max_requests_per_second),
            limits,
            answered: AtomicU64::new(0),
            refused: AtomicU64::new(0),
        }
    }

    /// The skill behind the endpoint.
    pub fn skill(&self) -> &Skill<S, M, Z, P> {
        &self.skill
    }

    /// The verification in force.
    pub fn verification(&self) -> &Verification {
        &self.verification
    }

    /// How many requests reached the skill so far.
    pub fn answered(&self) -> u64 {
        self.answered.load(Ordering::Relaxed)
    }

    /// How many requests verification refused so far.
    pub fn refused(&self) -> u64 {
        self.refused.load(Ordering::Relaxed)
    }

    /// One HTTP exchange.
    pub async fn answer(&self, request: Request<Incoming>) -> Answer {
        if request.uri().path() == "/healthz" {
            return match *request.method() {
                Method::GET | Method::HEAD => plain(StatusCode::OK, "ok\n"),
                _ => plain(StatusCode::METHOD_NOT_ALLOWED, "GET /healthz\n"),
            };
        }
        if request.method() != Method::POST {
            return plain(
                StatusCode::METHOD_NOT_ALLOWED,
                "POST an Alexa request envelope\n",
            );
        }
        if !self.rate.try_take() {
            tracing::warn!("request refused: over the request-rate bound");
            return plain(StatusCode::TOO_MANY_REQUESTS, "too many requests\n");
        }
        // `Some` exactly when verification is on: the body is then only ever answered through `verify`.
        let signed = match &self.verification {
            Verification::On(verifier) => match verifier.check_headers(request.headers()) {
                Ok(signed) => Some((verifier, signed)),
                Err(refusal) => return self.refuse(refusal),
            },
            Verification::InsecureDev => None,
        };
        let body = Limited::new(request.into_body(), self.limits.max_body_bytes).collect();
        let body = match tokio::time::timeout(self.limits.body_timeout, body).await {
            Ok(Ok(body)) => body.to_bytes(),
            Ok(Err(error)) => {
                if error.is::<http_body_util::LengthLimitError>() {
                    return plain(StatusCode::PAYLOAD_TOO_LARGE, "request body too large\n");
                }
                return plain(StatusCode::BAD_REQUEST, "request body unreadable\n");
            }
            Err(_) => {
                tracing::warn!("request refused: body not received in time");
                return plain(
                    StatusCode::REQUEST_TIMEOUT,
                    "request body not received in time\n",
                );
            }
        };
        let response = match signed {
            Some((verifier, signed)) => match verifier.verify(&signed, &body, Utc::now()).await {
                Ok(envelope) => {
                    self.answered.fetch_add(1, Ordering::Relaxed);
                    self.skill.handle(envelope).await
                }
                Err(refusal) => return self.refuse(refusal),
            },
            None => {
                self.answered.fetch_add(1, Ordering::Relaxed);
                self.skill.handle_json(&body).await
            }
        };
        match serde_json::to_vec(&response) {
            Ok(json) => Response::builder()
                .header(header::CONTENT_TYPE, "application/json;charset=UTF-8")
                .body(Full::new(Bytes::from(json)))
                .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, "")),
            Err(_) => plain(StatusCode::INTERNAL_SERVER_ERROR, ""),
        }
    }

    fn refuse(&self, refusal: verify::Refusal) -> Answer {
        self.refused.fetch_add(1, Ordering::Relaxed);
        tracing::warn!(rule = refusal.rule(), "request refused: {refusal}");
        plain(StatusCode::BAD_REQUEST, "request refused\n")
    }
}

fn plain(status: StatusCode, text: &'static str) -> Answer {
    let mut response = Response::new(Full::new(Bytes::from_static(text.as_bytes())));
    *response.status_mut() = status;
    response
}

/// Why the endpoint could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// Another process holds the address.
    #[error(
        "cannot listen on {0}: the address is already in use (another onair serve?); pick another with --listen ADDR"
    )]
    AddressInUse(SocketAddr),
    /// The address cannot be listened on for another reason.
    #[error("cannot listen on {address}: {source}")]
    Bind {
        /// The address asked for.
        address: SocketAddr,
        /// What the system said.
        source: std::io::Error,
    },
    /// The TLS certificate or key could not be read.
    #[error("cannot read the TLS {what} from {path}")]
    TlsFile {
        /// `certificate` or `key`.
        what: &'static str,
        /// The file.
        path: String,
    },
    /// rustls refused the certificate and key.
    #[error("the TLS certificate and key do not make a server configuration: {0}")]
    Tls(#[from] rustls::Error),
}

/// Listens on `address`, naming the address and the way out when it is taken.
///
/// # Errors
/// [`StartError::AddressInUse`] or [`StartError::Bind`].
pub async fn bind(address: SocketAddr) -> Result<TcpListener, StartError> {
    TcpListener::bind(address).await.map_err(|source| {
        if source.kind() == std::io::ErrorKind::AddrInUse {
            StartError::AddressInUse(address)
        } else {
            StartError::Bind { address, source }
        }
    })
}

/// A TLS acceptor from a PEM certificate chain and a PEM private key, with rustls and `ring`.
///
/// # Errors
/// When a file cannot be read or the pair is not usable.
pub fn tls_acceptor(cert: &Path, key: &Path) -> Result<TlsAcceptor, StartError> {
    use rustls_pki_types::pem::PemObject as _;
    use rustls_pki_types::{CertificateDer, PrivateKeyDer};

    let certs = CertificateDer::pem_file_iter(cert)
        .and_then(Iterator::collect::<Result<Vec<_>, _>>)
        .ok()
        .filter(|certs| !certs.is_empty())
        .ok_or_else(|| StartError::TlsFile {
            what: "certificate",
            path: cert.display().to_string(),
        })?;
    let key = PrivateKeyDer::from_pem_file(key).map_err(|_| StartError::TlsFile {
        what: "key",
        path: key.display().to_string(),
    })?;
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()?
    .with_no_client_auth()
    .with_single_cert(certs, key)?;
    Ok(TlsAcceptor::from(Arc::new(config)))
}

/// Serves `endpoint` on `listener` (through `tls` if given) until `shutdown` completes, then stops accepting,
/// lets in-flight exchanges finish (up to [`Limits::shutdown_grace`]) and returns.
///
/// # Errors
/// Only when the listener itself fails; a failing connection is that connection's problem.
pub async fn serve<S, M, Z, P>(
    listener: TcpListener,
    tls: Option<TlsAcceptor>,
    endpoint: Arc<Endpoint<S, M, Z, P>>,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()>
where
    S: ScheduleStore + Send + Sync + 'static,
    M: MediaLinks + Send + Sync + 'static,
    Z: DeviceZones + Send + Sync + 'static,
    P: PlaybackStateStore + Send + Sync + 'static,
{
    let limits = endpoint.limits;
    let connections = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors and the like: wait a little instead of spinning.
                Err(error) => {
                    tracing::warn!(error.kind = %error.kind(), "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(permit) = Arc::clone(&connections).try_acquire_owned() else {
            tracing::warn!("connection refused: at the connection cap");
            drop(stream);
            continue;
        };
        let endpoint = Arc::clone(&endpoint);
        let tls = tls.clone();
        let watcher = graceful.watcher();
        tokio::spawn(async move {
            let _permit = permit;
            let _ = stream.set_nodelay(true);
            match tls {
                Some(tls) => {
                    let Ok(Ok(stream)) =
                        tokio::time::timeout(limits.handshake_timeout, tls.accept(stream)).await
                    else {
                        tracing::debug!("TLS handshake failed or timed out");
                        return;
                    };
                    connection(stream, endpoint, watcher).await;
                }
                None => connection(stream, endpoint, watcher).await,
            }
        });
    }
    drop(listener);
    if tokio::time::timeout(limits.shutdown_grace, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("shutdown grace period over with requests still in flight");
    }
    Ok(())
}

async fn connection<I, S, M, Z, P>(
    io: I,
    endpoint: Arc<Endpoint<S, M, Z, P>>,
    watcher: hyper_util::server::graceful::Watcher,
) where
    I: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
    S: ScheduleStore + Send + Sync + 'static,
    M: MediaLinks + Send + Sync + 'static,
    Z: DeviceZones + Send + Sync + 'static,
    P: PlaybackStateStore + Send + Sync + 'static,
{
    let limits = endpoint.limits;
    let service = hyper::service::service_fn(move |request: Request<Incoming>| {
        let endpoint = Arc::clone(&endpoint);
        async move { Ok::<_, std::convert::Infallible>(endpoint.answer(request).await) }
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(64 * 1024);
    let connection = builder.serve_connection(TokioIo::new(io), service);
    if let Err(error) = watcher.watch(connection).await {
        tracing::debug!(
            error.timeout = error.is_timeout(),
            "connection closed with an error"
        );
    }
}

/// A future that resolves on Ctrl-C or SIGTERM (what `docker stop`, systemd and ECS send).
///
/// The handlers are installed when this is called, not when the future is first polled, so a signal that arrives
/// right after start-up (the banner is out, the accept loop not yet polled) is not lost to the default action.
pub fn shutdown_signal() -> impl Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let interrupt = signal(SignalKind::interrupt()).ok();
        let terminate = signal(SignalKind::terminate()).ok();
        async move {
            match (interrupt, terminate) {
                (Some(mut interrupt), Some(mut terminate)) => {
                    tokio::select! {
                        _ = interrupt.recv() => {}
                        _ = terminate.recv() => {}
                    }
                }
                _ => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
    }
    #[cfg(not(unix))]
    {
        async {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}
