//! One TLS stack for every outbound connection: rustls on ring, wired explicitly into the AWS SDK and reqwest.
//!
//! The SDK crates are built without `default-https-client` (which links rustls on aws-lc-rs, a large C build), and
//! reqwest with `rustls-no-provider`: neither has a TLS client of its own, so every AWS config must come from
//! [`aws_config_loader`] or [`crate::aws_env::sdk_config`] (or carry [`aws_http_client`]) and every reqwest client
//! from [`reqwest_builder`]. A config
//! built without it fails at its first call ("no HTTP client"), which the tests catch (`tests/it/tls.rs` and every
//! DynamoDB test); production never finds out first.

use std::sync::Arc;

use aws_config::{BehaviorVersion, ConfigLoader, SdkConfig};
use aws_sdk_dynamodb::config::SharedHttpClient;
use aws_smithy_http_client::tls::rustls_provider::CryptoMode;
use aws_smithy_http_client::tls::{self, TlsContext, TrustStore};
use rustls::crypto::CryptoProvider;

/// Why a TLS client could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    /// The trust store or the certificate given could not be loaded.
    #[error("cannot set up TLS")]
    Setup(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// Makes ring the process-wide rustls provider, for clients that reqwest builds with its own TLS settings (a
/// private CA with `tls_certs_only`, as the certificate fetcher of `onair serve` does); harmless when a provider is
/// installed already.
pub fn install_default_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// The crypto provider of every TLS connection onair makes: ring, the same one the SDK's client uses.
#[must_use]
pub fn crypto_provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

fn aws_client_with(trust: TrustStore) -> Result<SharedHttpClient, TlsError> {
    let context = TlsContext::builder()
        .with_trust_store(trust)
        .build()
        .map_err(|error| TlsError::Setup(Box::new(error)))?;
    Ok(aws_smithy_http_client::Builder::new()
        .tls_provider(tls::Provider::Rustls(CryptoMode::Ring))
        .tls_context(context)
        .build_https())
}

/// The HTTP client of every AWS SDK client: rustls on ring, trusting the system's root certificates.
#[must_use]
pub fn aws_http_client() -> SharedHttpClient {
    // The default trust store (native roots) has nothing to validate up front, so this cannot fail.
    aws_client_with(TrustStore::default()).unwrap_or_else(|_| {
        aws_smithy_http_client::Builder::new()
            .tls_provider(tls::Provider::Rustls(CryptoMode::Ring))
            .build_https()
    })
}

/// An AWS HTTP client trusting only the PEM certificate `ca_pem` (a private CA, or a test CA in the smoke test).
///
/// # Errors
/// Returns [`TlsError`] when the certificate cannot be read.
pub fn aws_http_client_trusting(ca_pem: &[u8]) -> Result<SharedHttpClient, TlsError> {
    aws_client_with(TrustStore::empty().with_pem_certificate(ca_pem.to_vec()))
}

/// The AWS config loader every binary and test starts from: the environment's settings (region, credentials,
/// `AWS_ENDPOINT_URL_*`) with [`aws_http_client`] wired in.
#[must_use]
pub fn aws_config_loader() -> ConfigLoader {
    aws_config::defaults(BehaviorVersion::latest()).http_client(aws_http_client())
}

/// [`aws_config_loader`], loaded.
pub async fn aws_config() -> SdkConfig {
    aws_config_loader().load().await
}

/// The rustls settings every reqwest client shares: ring, TLS 1.2 and 1.3, Mozilla's roots as compiled into
/// `webpki-roots`. Built once per process, on first use.
///
/// Compiled-in roots rather than the platform's: reading and parsing the system bundle (about 150 PEM
/// certificates) cost a cold start a few milliseconds per client, and the Alexa APIs are served under roots both
/// lists hold.
static CLIENT_CONFIG: std::sync::LazyLock<Result<rustls::ClientConfig, String>> =
    std::sync::LazyLock::new(|| {
        let roots = rustls::RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        };
        client_config_with_roots(roots).map_err(|error| error.to_string())
    });

fn client_config_with_roots(
    roots: rustls::RootCertStore,
) -> Result<rustls::ClientConfig, TlsError> {
    Ok(
        rustls::ClientConfig::builder_with_provider(crypto_provider())
            .with_safe_default_protocol_versions()
            .map_err(|error| TlsError::Setup(Box::new(error)))?
            .with_root_certificates(roots)
            .with_no_client_auth(),
    )
}

/// A reqwest client builder on the same TLS stack: rustls on ring, Mozilla's roots as compiled into `webpki-roots`,
/// never a root installed on the machine (the Alexa APIs' clients, and the stream resolver fetching partners'
/// streams).
///
/// # Errors
/// Returns [`TlsError`] when the TLS settings cannot be built (ring supports no safe protocol version).
pub fn reqwest_builder() -> Result<reqwest::ClientBuilder, TlsError> {
    let config = CLIENT_CONFIG
        .as_ref()
        .map_err(|error| TlsError::Setup(error.clone().into()))?
        .clone();
    Ok(reqwest::Client::builder().tls_backend_preconfigured(config))
}

fn reqwest_builder_with_roots(
    roots: rustls::RootCertStore,
) -> Result<reqwest::ClientBuilder, TlsError> {
    Ok(reqwest::Client::builder().tls_backend_preconfigured(client_config_with_roots(roots)?))
}

/// [`reqwest_builder`] set up for Amazon's APIs called with a bearer token or client credentials (Settings,
/// Reminders, Proactive Events, Login with Amazon): `timeout` for the connection and the whole call, no redirects
/// (a token must only ever go to the endpoint named), onair's user agent.
///
/// # Errors
/// As [`reqwest_builder`].
pub fn api_client_builder(
    timeout: std::time::Duration,
) -> Result<reqwest::ClientBuilder, TlsError> {
    Ok(reqwest_builder()?
        .timeout(timeout)
        .connect_timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("onair/", env!("CARGO_PKG_VERSION"))))
}

/// A reqwest client builder on the same TLS stack trusting only the PEM certificates `ca_pem` (a test CA).
///
/// # Errors
/// Returns [`TlsError`] when `ca_pem` holds no usable certificate.
pub fn reqwest_builder_trusting(ca_pem: &[u8]) -> Result<reqwest::ClientBuilder, TlsError> {
    use rustls_pki_types::pem::PemObject as _;
    let mut roots = rustls::RootCertStore::empty();
    for certificate in rustls_pki_types::CertificateDer::pem_slice_iter(ca_pem) {
        let certificate = certificate.map_err(|error| TlsError::Setup(Box::new(error)))?;
        roots
            .add(certificate)
            .map_err(|error| TlsError::Setup(Box::new(error)))?;
    }
    if roots.is_empty() {
        return Err(TlsError::Setup("no certificate in the PEM given".into()));
    }
    reqwest_builder_with_roots(roots)
}
