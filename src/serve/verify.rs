//! Amazon's request verification for a skill endpoint that is not on Lambda (SPEC §6): every request must carry a
//! signature made with Amazon's certificate, be fresh and be for this skill, or it is refused with nothing processed.
//!
//! [`Verifier::check_headers`] runs before the body is read (no headers, no body read); [`Verifier::verify`] then
//! checks, in this order, the request's `timestamp` (±150 s, an hour for `AlexaSkillEvent.*`), the skill id, the
//! certificate chain ([`cert_cache`]) and the signature over the raw body bytes. Cheap checks come first so junk
//! never causes a certificate fetch. Each failure is one [`Refusal`], whose [`Refusal::rule`] is all that is logged.
//!
//! - [`cert_url`]: the `SignatureCertChainUrl` rules.
//! - [`chain`]: the chain to trusted roots, the validity window, the SAN and the signature.
//! - [`cert_cache`]: fetching and caching chains.

pub mod cert_cache;
pub mod cert_url;
pub mod chain;

use base64::Engine as _;
use chrono::{DateTime, TimeDelta, Utc};
use hyper::HeaderMap;

pub use self::cert_cache::{CertCache, CertFetcher, FetcherError};
pub use self::cert_url::CertUrl;
pub use self::chain::{SIGNING_NAME, TrustRoots};
use crate::alexa::RequestEnvelope;
use crate::config::SkillId;

/// The header naming the signing certificate chain.
pub const CERT_URL_HEADER: &str = "SignatureCertChainUrl";
/// The header holding the base64 SHA-256 signature (the SHA-1 `Signature` header is legacy and ignored).
pub const SIGNATURE_HEADER: &str = "Signature-256";
/// How far a request's `timestamp` may be from now.
pub const MAX_CLOCK_SKEW: TimeDelta = TimeDelta::seconds(150);
/// How far a skill event's `timestamp` may be from now (Amazon may deliver `AlexaSkillEvent.*` late).
pub const MAX_SKILL_EVENT_AGE: TimeDelta = TimeDelta::hours(1);
/// A base64 RSA signature of a 8192-bit key is 1,368 characters; a longer header is not a signature.
const MAX_SIGNATURE_CHARS: usize = 2048;

/// Why a request was refused: the one rule it broke. Messages name the rule and nothing from the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// No `SignatureCertChainUrl` header (or not text).
    #[error("no SignatureCertChainUrl header")]
    MissingCertUrl,
    /// No `Signature-256` header (or not text).
    #[error("no Signature-256 header")]
    MissingSignature,
    /// The certificate URL is not a URL.
    #[error("certificate URL unreadable")]
    CertUrlUnreadable,
    /// The certificate URL is not `https`.
    #[error("certificate URL scheme is not https")]
    CertUrlScheme,
    /// The certificate URL's host is not `s3.amazonaws.com`.
    #[error("certificate URL host is not s3.amazonaws.com")]
    CertUrlHost,
    /// The certificate URL names a port other than 443.
    #[error("certificate URL port is not 443")]
    CertUrlPort,
    /// The certificate URL carries a user name or password.
    #[error("certificate URL carries credentials")]
    CertUrlUserInfo,
    /// The certificate URL's normalized path does not start with `/echo.api/`.
    #[error("certificate URL path does not start with /echo.api/")]
    CertUrlPath,
    /// The chain could not be fetched (network, status, timeout, size cap).
    #[error("certificate chain could not be fetched")]
    CertFetch,
    /// The fetched file is not a PEM certificate chain.
    #[error("certificate chain unreadable")]
    CertUnreadable,
    /// A certificate of the chain is past its Not After.
    #[error("certificate expired")]
    CertExpired,
    /// A certificate of the chain is before its Not Before.
    #[error("certificate not yet valid")]
    CertNotYetValid,
    /// The chain does not lead to a trusted root (or is otherwise invalid).
    #[error("certificate chain not trusted")]
    CertUntrusted,
    /// The signing certificate's SANs do not contain `echo-api.amazon.com`.
    #[error("signing certificate is not for echo-api.amazon.com")]
    CertSan,
    /// `Signature-256` is not base64.
    #[error("signature is not base64")]
    SignatureEncoding,
    /// `Signature-256` does not verify over the body with the signing certificate's key.
    #[error("signature does not match the body")]
    SignatureMismatch,
    /// The body is not an Alexa request envelope.
    #[error("body is not an Alexa request envelope")]
    BodyUnreadable,
    /// The request has no readable `timestamp`.
    #[error("request timestamp missing")]
    TimestampMissing,
    /// The request's `timestamp` is too far from now (a replay, or a wrong clock).
    #[error("request timestamp outside the accepted window")]
    TimestampOutOfWindow,
    /// The request is for another skill (or names none).
    #[error("request for another skill")]
    ForeignSkill,
}

impl Refusal {
    /// A stable short name for logs and metrics, e.g. `cert_url.host`.
    #[must_use]
    pub fn rule(self) -> &'static str {
        match self {
            Self::MissingCertUrl => "header.cert_url",
            Self::MissingSignature => "header.signature",
            Self::CertUrlUnreadable => "cert_url.unreadable",
            Self::CertUrlScheme => "cert_url.scheme",
            Self::CertUrlHost => "cert_url.host",
            Self::CertUrlPort => "cert_url.port",
            Self::CertUrlUserInfo => "cert_url.userinfo",
            Self::CertUrlPath => "cert_url.path",
            Self::CertFetch => "cert.fetch",
            Self::CertUnreadable => "cert.unreadable",
            Self::CertExpired => "cert.expired",
            Self::CertNotYetValid => "cert.not_yet_valid",
            Self::CertUntrusted => "cert.untrusted",
            Self::CertSan => "cert.san",
            Self::SignatureEncoding => "signature.encoding",
            Self::SignatureMismatch => "signature.mismatch",
            Self::BodyUnreadable => "body.unreadable",
            Self::TimestampMissing => "timestamp.missing",
            Self::TimestampOutOfWindow => "timestamp.window",
            Self::ForeignSkill => "skill_id",
        }
    }
}

/// What the headers promise: where the certificate is and the signature to check.
#[derive(Debug, Clone)]
pub struct Signed {
    cert_url: CertUrl,
    signature: Vec<u8>,
}

/// Verifies requests for one skill.
#[derive(Debug)]
pub struct Verifier {
    skill_id: SkillId,
    certs: CertCache,
}

impl Verifier {
    /// A verifier accepting requests for `skill_id` signed with a certificate from `certs`.
    #[must_use]
    pub fn new(skill_id: SkillId, certs: CertCache) -> Self {
        Self { skill_id, certs }
    }

    /// The certificate cache (for its fetch count).
    #[must_use]
    pub fn certs(&self) -> &CertCache {
        &self.certs
    }

    /// Reads the two signature headers (names are case-insensitive) and checks the certificate URL's rules.
    ///
    /// # Errors
    /// The rule the headers break.
    pub fn check_headers(&self, headers: &HeaderMap) -> Result<Signed, Refusal> {
        let cert_url = headers
            .get(CERT_URL_HEADER)
            .and_then(|value| value.to_str().ok())
            .ok_or(Refusal::MissingCertUrl)?;
        let signature = headers
            .get(SIGNATURE_HEADER)
            .and_then(|value| value.to_str().ok())
            .ok_or(Refusal::MissingSignature)?;
        let cert_url = CertUrl::parse(cert_url)?;
        let signature = signature.trim();
        if signature.len() > MAX_SIGNATURE_CHARS {
            return Err(Refusal::SignatureEncoding);
        }
        let signature = base64::engine::general_purpose::STANDARD
            .decode(signature)
            .map_err(|_| Refusal::SignatureEncoding)?;
        Ok(Signed {
            cert_url,
            signature,
        })
    }

    /// Checks the raw `body` against what the headers promised, as of `now`, and returns the envelope to answer.
    ///
    /// # Errors
    /// The rule the request breaks; nothing of it may be processed.
    pub async fn verify(
        &self,
        signed: &Signed,
        body: &[u8],
        now: DateTime<Utc>,
    ) -> Result<RequestEnvelope, Refusal> {
        let envelope =
            serde_json::from_slice::<RequestEnvelope>(body).map_err(|_| Refusal::BodyUnreadable)?;
        let stamped = envelope.timestamp().ok_or(Refusal::TimestampMissing)?;
        let window = if envelope.request.type_name().starts_with("AlexaSkillEvent.") {
            MAX_SKILL_EVENT_AGE
        } else {
            MAX_CLOCK_SKEW
        };
        if (now - stamped).abs() > window {
            return Err(Refusal::TimestampOutOfWindow);
        }
        // The same comparison as the Lambda shell's (`lambda::SkillFunction::answer`).
        if envelope.application_id() != Some(self.skill_id.as_str()) {
            return Err(Refusal::ForeignSkill);
        }
        let chain = self.certs.chain(&signed.cert_url, now).await?;
        chain.verify_signature(body, &signed.signature)?;
        Ok(envelope)
    }
}
