//! The one TLS stack, end to end over loopback: an AWS client built the way the binaries build theirs
//! (`onair::tls`) reaches a local HTTPS server whose certificate a test CA (rcgen) signed, and a client without the
//! explicit HTTP client fails instead of silently working. No server from `scripts/test` is needed.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use aws_sdk_dynamodb::config::{BehaviorVersion, Credentials, Region};
use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::io::{AsyncRead, AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

/// A loopback HTTPS server answering every request like DynamoDB's `ListTables` on an empty account.
struct LoopbackHttps {
    port: u16,
    ca_pem: String,
    requests: Arc<AtomicUsize>,
}

/// Reads one HTTP/1.1 request (head and `content-length` body); `None` when the peer closed first.
async fn read_request(stream: &mut (impl AsyncRead + Unpin)) -> Option<()> {
    let mut buffer = Vec::new();
    let mut chunk = [0_u8; 4096];
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or(0);
    while buffer.len() < head_end + length {
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    }
    Some(())
}

impl LoopbackHttps {
    async fn start() -> Self {
        let ca_key = KeyPair::generate().unwrap();
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(DnType::CommonName, "onair test CA");
        let ca = CertifiedIssuer::self_signed(ca_params, ca_key).unwrap();
        let leaf_key = KeyPair::generate().unwrap();
        let leaf = CertificateParams::new(vec!["localhost".to_owned()])
            .unwrap()
            .signed_by(&leaf_key, &ca)
            .unwrap();
        let server = rustls::ServerConfig::builder_with_provider(onair::tls::crypto_provider())
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(
                vec![leaf.der().clone()],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der())),
            )
            .unwrap();
        let acceptor = TlsAcceptor::from(Arc::new(server));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&requests);
        tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                let acceptor = acceptor.clone();
                let counted = Arc::clone(&counted);
                tokio::spawn(async move {
                    // A client that refuses the certificate ends the handshake here: nothing to answer.
                    let Ok(mut tls) = acceptor.accept(tcp).await else {
                        return;
                    };
                    while read_request(&mut tls).await.is_some() {
                        counted.fetch_add(1, Ordering::SeqCst);
                        let body = br#"{"TableNames":[]}"#;
                        let head = format!(
                            "HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.0\r\n\
                             content-length: {}\r\n\r\n",
                            body.len()
                        );
                        if tls.write_all(head.as_bytes()).await.is_err()
                            || tls.write_all(body).await.is_err()
                        {
                            return;
                        }
                    }
                });
            }
        });
        Self {
            port,
            ca_pem: ca.pem(),
            requests,
        }
    }

    fn dynamodb(
        &self,
        http_client: Option<aws_sdk_dynamodb::config::SharedHttpClient>,
    ) -> aws_sdk_dynamodb::Client {
        let mut config = aws_sdk_dynamodb::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .endpoint_url(format!("https://localhost:{}", self.port))
            .region(Region::new("us-east-1"))
            .credentials_provider(Credentials::new("tlstest", "secret", None, None, "tls"));
        if let Some(client) = http_client {
            config = config.http_client(client);
        }
        aws_sdk_dynamodb::Client::from_conf(config.build())
    }

    fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

#[tokio::test]
async fn the_aws_client_speaks_https_through_the_one_tls_stack() {
    let server = LoopbackHttps::start().await;
    let trusting = onair::tls::aws_http_client_trusting(server.ca_pem.as_bytes()).unwrap();
    let tables = server
        .dynamodb(Some(trusting))
        .list_tables()
        .send()
        .await
        .expect("the call goes through rustls (ring) to the loopback server");
    assert_eq!(tables.table_names(), &[] as &[String]);
    assert_eq!(server.requests(), 1);
}

#[tokio::test]
async fn the_production_client_checks_certificates() {
    let server = LoopbackHttps::start().await;
    // The system roots do not know the test CA: the handshake fails, no request is answered.
    let error = server
        .dynamodb(Some(onair::tls::aws_http_client()))
        .list_tables()
        .send()
        .await
        .expect_err("an unknown CA is refused");
    let debug = format!("{error:?}").to_lowercase();
    assert!(debug.contains("cert"), "a certificate error, got {error:?}");
    assert_eq!(server.requests(), 0);
}

#[tokio::test]
async fn a_config_without_the_explicit_http_client_fails_instead_of_working() {
    let server = LoopbackHttps::start().await;
    // The SDK crates are built without a default HTTPS client: a config that forgets `onair::tls` cannot call out,
    // which every test using such a client would show long before production does.
    let error = server
        .dynamodb(None)
        .list_tables()
        .send()
        .await
        .expect_err("no HTTP client is configured");
    assert!(
        format!("{error:?}").to_lowercase().contains("http client"),
        "the SDK names the missing HTTP client, got {error:?}"
    );
    assert_eq!(server.requests(), 0);
}

#[tokio::test]
async fn the_settings_api_client_is_built_on_the_same_stack() {
    let server = LoopbackHttps::start().await;
    let client = onair::tls::reqwest_builder().unwrap().build().unwrap();
    // Real TLS with certificate checks: the test CA is unknown to the platform verifier.
    let error = client
        .get(format!("https://localhost:{}/", server.port))
        .send()
        .await
        .expect_err("an unknown CA is refused");
    assert!(error.is_connect(), "a TLS connect error, got {error:?}");
    assert_eq!(server.requests(), 0);
}
