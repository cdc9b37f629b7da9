//! A test PKI standing in for Amazon's: a root CA (injected as the only trust root), an intermediate, an RSA
//! signing certificate for `echo-api.amazon.com` and broken variants of it, served over HTTPS by a local stand-in
//! for `s3.amazonaws.com`. Shared by the verification tests and `examples/serve_load.rs`; production never sees it.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;

use base64::Engine as _;
use chrono::{Datelike as _, Days, Utc};
use http_body_util::Full;
use hyper::body::Bytes;
use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, date_time_ymd,
};

/// The path of the good chain on the stand-in host.
pub(crate) const GOOD: &str = "/echo.api/echo-api-cert.pem";

/// The test PKI: PEM files by path on the stand-in host, the root to trust, and the signing key.
pub(crate) struct Pki {
    /// The root CA certificate (PEM): the only trust root of the verifier and of the certificate fetcher.
    pub(crate) root_pem: String,
    /// The chains the stand-in host serves, by path.
    pub(crate) files: BTreeMap<&'static str, Vec<u8>>,
    host_cert: Vec<u8>,
    host_key: Vec<u8>,
    signing: ring::signature::RsaKeyPair,
    other: ring::signature::RsaKeyPair,
}

/// Today plus `offset` days, as rcgen's date.
fn day(offset: i64) -> (i32, u8, u8) {
    let today = Utc::now().date_naive();
    let date = if offset >= 0 {
        today + Days::new(offset.unsigned_abs())
    } else {
        today - Days::new(offset.unsigned_abs())
    };
    (
        date.year(),
        u8::try_from(date.month()).expect("a month"),
        u8::try_from(date.day()).expect("a day"),
    )
}

fn ca_params(name: &str) -> CertificateParams {
    let mut params = CertificateParams::new(Vec::<String>::new()).expect("CA parameters");
    params.distinguished_name.push(DnType::CommonName, name);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.not_before = date_time_ymd(2000, 1, 1);
    params.not_after = date_time_ymd(2090, 1, 1);
    params
}

/// A signing certificate's parameters: `names` as SANs, valid from `from` to `until` days from today.
fn leaf_params(names: &[&str], from: i64, until: i64) -> CertificateParams {
    let names: Vec<String> = names.iter().map(|name| (*name).to_owned()).collect();
    let mut params = CertificateParams::new(names).expect("leaf parameters");
    params
        .distinguished_name
        .push(DnType::CommonName, "echo-api.amazon.com");
    params.extended_key_usages = vec![
        ExtendedKeyUsagePurpose::ServerAuth,
        ExtendedKeyUsagePurpose::ClientAuth,
    ];
    let (y, m, d) = day(from);
    params.not_before = date_time_ymd(y, m, d);
    let (y, m, d) = day(until);
    params.not_after = date_time_ymd(y, m, d);
    params
}

impl Pki {
    /// Makes every certificate (an RSA key generation: about a second in a debug build).
    pub(crate) fn new() -> Self {
        let root_key = KeyPair::generate().expect("root key");
        let root_params = ca_params("onair test root");
        let root = root_params.self_signed(&root_key).expect("root");
        let root_issuer = Issuer::from_params(&root_params, &root_key);

        let intermediate_key = KeyPair::generate().expect("intermediate key");
        let intermediate_params = ca_params("onair test intermediate");
        let intermediate = intermediate_params
            .signed_by(&intermediate_key, &root_issuer)
            .expect("intermediate");
        let issuer = Issuer::from_params(&intermediate_params, &intermediate_key);

        let rogue_key = KeyPair::generate().expect("rogue key");
        let rogue_params = ca_params("onair test root");
        let rogue = rogue_params.self_signed(&rogue_key).expect("rogue root");
        let rogue_issuer = Issuer::from_params(&rogue_params, &rogue_key);

        let signing_key = KeyPair::generate_for(&rcgen::PKCS_RSA_SHA256).expect("RSA key");
        let name = ["echo-api.amazon.com"];
        let leaf = |params: CertificateParams, issuer: &Issuer<'_, &KeyPair>| {
            params.signed_by(&signing_key, issuer).expect("leaf").pem()
        };
        let with_intermediate = |leaf: String| format!("{leaf}{}", intermediate.pem()).into_bytes();

        let mut files = BTreeMap::new();
        files.insert(
            GOOD,
            with_intermediate(leaf(leaf_params(&name, -1, 30), &issuer)),
        );
        files.insert(
            "/echo.api/expired.pem",
            with_intermediate(leaf(leaf_params(&name, -60, -1), &issuer)),
        );
        files.insert(
            "/echo.api/not-yet-valid.pem",
            with_intermediate(leaf(leaf_params(&name, 2, 30), &issuer)),
        );
        files.insert(
            "/echo.api/wrong-san.pem",
            with_intermediate(leaf(
                leaf_params(
                    &["echo-api.amazon.com.example.net", "api.amazon.com"],
                    -1,
                    30,
                ),
                &issuer,
            )),
        );
        files.insert(
            "/echo.api/wildcard-san.pem",
            with_intermediate(leaf(leaf_params(&["*.amazon.com"], -1, 30), &issuer)),
        );
        files.insert(
            "/echo.api/untrusted.pem",
            format!(
                "{}{}",
                leaf(leaf_params(&name, -1, 30), &rogue_issuer),
                rogue.pem()
            )
            .into_bytes(),
        );
        files.insert(
            "/echo.api/no-intermediate.pem",
            leaf(leaf_params(&name, -1, 30), &issuer).into_bytes(),
        );
        files.insert("/echo.api/garbage.pem", b"not a certificate".to_vec());
        files.insert(
            "/echo.api/huge.pem",
            [files[GOOD].clone(), vec![b'\n'; 100 * 1024]].concat(),
        );

        let host_key = KeyPair::generate().expect("host key");
        let host = CertificateParams::new(vec!["s3.amazonaws.com".to_owned()])
            .expect("host parameters")
            .signed_by(&host_key, &root_issuer)
            .expect("host certificate");

        let signing =
            ring::signature::RsaKeyPair::from_pkcs8(&signing_key.serialize_der()).expect("RSA");
        let other_key = KeyPair::generate_for(&rcgen::PKCS_RSA_SHA256).expect("RSA key");
        let other =
            ring::signature::RsaKeyPair::from_pkcs8(&other_key.serialize_der()).expect("RSA");
        Self {
            root_pem: root.pem(),
            files,
            host_cert: host.der().to_vec(),
            host_key: host_key.serialize_der(),
            signing,
            other,
        }
    }

    /// `Signature-256` for `body` with the signing certificate's key.
    pub(crate) fn sign(&self, body: &[u8]) -> String {
        sign_with(&self.signing, body)
    }

    /// `Signature-256` for `body` with a key no certificate belongs to.
    pub(crate) fn sign_with_other_key(&self, body: &[u8]) -> String {
        sign_with(&self.other, body)
    }

    /// Serves the files over HTTPS on a loopback port (the stand-in for `s3.amazonaws.com`), until the runtime
    /// ends. Counts nothing: the verifier's own fetch count tells how often it came.
    pub(crate) async fn serve_files(&self) -> SocketAddr {
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("TLS versions")
        .with_no_client_auth()
        .with_single_cert(
            vec![self.host_cert.clone().into()],
            rustls_pki_types::PrivateKeyDer::Pkcs8(self.host_key.clone().into()),
        )
        .expect("TLS config");
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let address = listener.local_addr().expect("address");
        let files = Arc::new(self.files.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let acceptor = acceptor.clone();
                let files = Arc::clone(&files);
                tokio::spawn(async move {
                    let Ok(stream) = acceptor.accept(stream).await else {
                        return;
                    };
                    let service = hyper::service::service_fn(move |request: hyper::Request<_>| {
                        let file = files.get(request.uri().path()).cloned();
                        async move {
                            let mut response = hyper::Response::new(Full::new(Bytes::from(
                                file.clone().unwrap_or_default(),
                            )));
                            if file.is_none() {
                                *response.status_mut() = hyper::StatusCode::NOT_FOUND;
                            }
                            Ok::<_, std::convert::Infallible>(response)
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        address
    }
}

fn sign_with(key: &ring::signature::RsaKeyPair, body: &[u8]) -> String {
    let mut signature = vec![0; key.public().modulus_len()];
    key.sign(
        &ring::signature::RSA_PKCS1_SHA256,
        &ring::rand::SystemRandom::new(),
        body,
        &mut signature,
    )
    .expect("signing");
    base64::engine::general_purpose::STANDARD.encode(signature)
}
