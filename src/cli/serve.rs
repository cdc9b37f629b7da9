//! `onair serve`: the skill as a local HTTP endpoint, for tools that POST Alexa envelopes (a simulator, curl).
//!
//! It listens on loopback by default and does not verify Alexa's request signatures (SPEC §6): it is for local
//! testing, not a public endpoint. Production runs on Lambda, where AWS authorizes the caller.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::{Method, Request, Response, StatusCode, header};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

use super::{ScheduleSource, emit};
use crate::skill::Skill;
use crate::storage::{InMemoryPlayback, ScheduleStore};

/// Alexa requests are a few kilobytes; anything far larger is not one.
const MAX_BODY_BYTES: usize = 256 * 1024;

/// Arguments of `onair serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The address to listen on (loopback by default: this endpoint does not verify Alexa signatures).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub listen: SocketAddr,
    /// Where the schedule comes from.
    #[command(flatten)]
    pub source: ScheduleSource,
}

pub(super) async fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let skill =
        Arc::new(Skill::new(args.source.open().await?).with_playback(InMemoryPlayback::new()));
    let listener = TcpListener::bind(args.listen).await?;
    emit(format_args!(
        "onair serves Alexa requests on http://{}/ (POST a request envelope; Ctrl-C stops)",
        listener.local_addr()?
    ))?;
    loop {
        let (stream, _) = tokio::select! {
            accepted = listener.accept() => accepted?,
            _ = tokio::signal::ctrl_c() => return Ok(ExitCode::SUCCESS),
        };
        let skill = Arc::clone(&skill);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let skill = Arc::clone(&skill);
                async move { Ok::<_, std::convert::Infallible>(answer(&skill, request).await) }
            });
            if let Err(error) = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await
            {
                tracing::debug!(error = %error, "connection closed with an error");
            }
        });
    }
}

/// One HTTP exchange: only `POST` with a body up to [`MAX_BODY_BYTES`]; the skill answers any body with a valid
/// envelope (the empty one for something that is not an Alexa request).
async fn answer<S, M, Z, P>(
    skill: &Skill<S, M, Z, P>,
    request: Request<Incoming>,
) -> Response<Full<Bytes>>
where
    S: ScheduleStore,
    M: crate::storage::MediaLinks,
    Z: crate::skill::DeviceZones,
    P: crate::storage::PlaybackStateStore,
{
    if request.method() != Method::POST {
        return plain(
            StatusCode::METHOD_NOT_ALLOWED,
            "POST an Alexa request envelope\n",
        );
    }
    let body = match Limited::new(request.into_body(), MAX_BODY_BYTES)
        .collect()
        .await
    {
        Ok(body) => body.to_bytes(),
        Err(_) => return plain(StatusCode::PAYLOAD_TOO_LARGE, "request body too large\n"),
    };
    let envelope = skill.handle_json(&body).await;
    match serde_json::to_vec(&envelope) {
        Ok(json) => Response::builder()
            .header(header::CONTENT_TYPE, "application/json;charset=UTF-8")
            .body(Full::new(Bytes::from(json)))
            .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, "")),
        Err(_) => plain(StatusCode::INTERNAL_SERVER_ERROR, ""),
    }
}

fn plain(status: StatusCode, text: &'static str) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from_static(text.as_bytes())));
    *response.status_mut() = status;
    response
}
