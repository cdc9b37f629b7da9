//! The signing certificate chain (SPEC §6 steps 3 and 4): the chain to a trusted root, the validity window, the
//! `echo-api.amazon.com` SAN and the `Signature-256` check, all through rustls-webpki (the verifier rustls itself
//! uses, so path building, validity and name parsing are the well-reviewed ones).

use std::fmt;

use chrono::{DateTime, Utc};
use rustls_pki_types::pem::PemObject as _;
use rustls_pki_types::{CertificateDer, TrustAnchor, UnixTime};
use webpki::{EndEntityCert, KeyUsage};

use super::Refusal;

/// The DNS name the signing certificate must carry as a Subject Alternative Name (exactly: no wildcard, not the CN).
pub const SIGNING_NAME: &str = "echo-api.amazon.com";

/// The algorithms a chain may be signed with: all that webpki supports with `ring`.
static CHAIN_ALGORITHMS: &[&dyn rustls_pki_types::SignatureVerificationAlgorithm] =
    webpki::ALL_VERIFICATION_ALGS;

/// The roots a signing certificate must chain to.
#[derive(Clone)]
pub struct TrustRoots(Vec<TrustAnchor<'static>>);

impl TrustRoots {
    /// Mozilla's root program as shipped in `webpki-roots`: the production roots (Amazon's signing certificate
    /// chains to one of them).
    #[must_use]
    pub fn mozilla() -> Self {
        Self(webpki_roots::TLS_SERVER_ROOTS.to_vec())
    }

    /// The certificates in `pem` as the only roots: for tests and the load benchmark, which sign with a CA they
    /// make themselves. Production never calls this.
    ///
    /// # Errors
    /// When `pem` holds no certificate or one that cannot be a trust anchor.
    pub fn from_pem(pem: &[u8]) -> Result<Self, Refusal> {
        let mut anchors = Vec::new();
        for cert in CertificateDer::pem_slice_iter(pem) {
            let cert = cert.map_err(|_| Refusal::CertUnreadable)?;
            let anchor =
                webpki::anchor_from_trusted_cert(&cert).map_err(|_| Refusal::CertUnreadable)?;
            anchors.push(anchor.to_owned());
        }
        if anchors.is_empty() {
            return Err(Refusal::CertUnreadable);
        }
        Ok(Self(anchors))
    }
}

impl fmt::Debug for TrustRoots {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TrustRoots({} anchors)", self.0.len())
    }
}

/// A certificate chain as fetched: the signing certificate first, then the intermediates.
#[derive(Debug, Clone)]
pub(crate) struct Chain(Vec<CertificateDer<'static>>);

impl Chain {
    /// Reads a PEM chain.
    pub(crate) fn from_pem(pem: &[u8]) -> Result<Self, Refusal> {
        let certs = CertificateDer::pem_slice_iter(pem)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| Refusal::CertUnreadable)?;
        if certs.is_empty() {
            return Err(Refusal::CertUnreadable);
        }
        Ok(Self(certs))
    }

    fn signing(&self) -> Result<EndEntityCert<'_>, Refusal> {
        EndEntityCert::try_from(&self.0[0]).map_err(|_| Refusal::CertUnreadable)
    }

    /// Checks the chain to `roots` at `now` (which covers every certificate's validity window) and the signing
    /// certificate's SAN.
    pub(crate) fn check(&self, roots: &TrustRoots, now: DateTime<Utc>) -> Result<(), Refusal> {
        let signing = self.signing()?;
        let seconds = u64::try_from(now.timestamp()).map_err(|_| Refusal::CertNotYetValid)?;
        signing
            .verify_for_usage(
                CHAIN_ALGORITHMS,
                &roots.0,
                &self.0[1..],
                UnixTime::since_unix_epoch(std::time::Duration::from_secs(seconds)),
                KeyUsage::server_auth(),
                None,
                None,
            )
            .map_err(|error| match error {
                webpki::Error::CertExpired { .. } => Refusal::CertExpired,
                webpki::Error::CertNotValidYet { .. } => Refusal::CertNotYetValid,
                webpki::Error::BadDer | webpki::Error::BadDerTime => Refusal::CertUnreadable,
                _ => Refusal::CertUntrusted,
            })?;
        // Exact comparison on purpose: webpki's own name check would also accept a wildcard such as
        // `*.amazon.com`, which Amazon's SDKs do not.
        if signing.valid_dns_names().any(|name| name == SIGNING_NAME) {
            Ok(())
        } else {
            Err(Refusal::CertSan)
        }
    }

    /// Checks `signature` (already base64-decoded) over the raw `body` with the signing certificate's key: RSA
    /// PKCS#1 v1.5 with SHA-256.
    pub(crate) fn verify_signature(&self, body: &[u8], signature: &[u8]) -> Result<(), Refusal> {
        self.signing()?
            .verify_signature(webpki::ring::RSA_PKCS1_2048_8192_SHA256, body, signature)
            .map_err(|_| Refusal::SignatureMismatch)
    }
}
