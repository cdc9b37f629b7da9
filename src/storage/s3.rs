//! The S3 adapters: [`S3Objects`] streams partner drops and writes their reports, and [`S3Media`] turns `s3://`
//! recordings and art into presigned HTTPS links (the [`MediaLinks`] of the skill).
//!
//! Presigning is SigV4 computed locally with credentials resolved once at startup: no S3 round trip on the
//! request path.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use aws_config::SdkConfig;
use aws_sdk_s3::config::{Credentials, ProvideCredentials as _};
use aws_sdk_s3::operation::get_object::GetObjectError;
use aws_sdk_s3::primitives::ByteStream;
use aws_sigv4::http_request::{
    PercentEncodingMode, SignableBody, SignableRequest, SignatureLocation, SigningSettings,
    UriPathNormalizationMode, sign,
};
use aws_sigv4::sign::v4;

use super::MediaLinks;
use crate::schedule::MediaUrl;

/// The longest a SigV4 presigned URL may be valid: 7 days.
pub const MAX_PRESIGNED_VALIDITY: Duration = Duration::from_secs(7 * 24 * 3600);

/// The S3 endpoint override: `AWS_ENDPOINT_URL_S3`, else the SDK's `AWS_ENDPOINT_URL` (both read by the SDK
/// itself; the first is not visible on [`SdkConfig`]).
fn endpoint_override(sdk: &SdkConfig) -> Option<String> {
    std::env::var("AWS_ENDPOINT_URL_S3")
        .ok()
        .filter(|endpoint| !endpoint.trim().is_empty())
        .or_else(|| sdk.endpoint_url().map(str::to_owned))
}

/// An S3 client for `sdk`. With an endpoint override (`AWS_ENDPOINT_URL_S3` or `AWS_ENDPOINT_URL`: a local S3
/// such as s3s-fs or MinIO) it addresses buckets by path, as such servers need; against AWS it uses
/// virtual-hosted addressing.
#[must_use]
pub fn client(sdk: &SdkConfig) -> aws_sdk_s3::Client {
    let mut config = aws_sdk_s3::config::Builder::from(sdk);
    if endpoint_override(sdk).is_some() {
        config = config.force_path_style(true);
    }
    aws_sdk_s3::Client::from_conf(config.build())
}

/// An ETag without the quotes S3 puts around it in headers (events carry it bare).
fn bare_etag(etag: &str) -> &str {
    etag.trim().trim_matches('"')
}

/// Why S3 could not be read or written. Always worth retrying: a missing or replaced object is not an error here
/// (see [`Opened`]).
#[derive(Debug, thiserror::Error)]
#[error("s3://{bucket}/{key} could not be {action}")]
pub struct S3Error {
    bucket: String,
    key: String,
    action: &'static str,
    #[source]
    source: Box<dyn std::error::Error + Send + Sync>,
}

/// What [`S3Objects::open`] found.
#[derive(Debug)]
pub enum Opened {
    /// The object, its body not read yet.
    Object {
        /// Its ETag, without quotes.
        etag: Option<String>,
        /// Its size in bytes.
        size: Option<i64>,
        /// The body, read as it arrives ([`ByteStream::into_async_read`]).
        body: ByteStream,
    },
    /// The object was replaced since the version asked for: its newer version has its own event.
    Replaced,
    /// There is no such object (deleted since the event).
    Gone,
}

/// Reads drop objects and writes report objects.
#[derive(Debug, Clone)]
pub struct S3Objects {
    client: aws_sdk_s3::Client,
}

impl S3Objects {
    /// Objects through `client` (see [`client`]).
    #[must_use]
    pub fn new(client: aws_sdk_s3::Client) -> Self {
        Self { client }
    }

    /// Starts reading `s3://bucket/key`. With `etag`, only that version is read: a newer one is
    /// [`Opened::Replaced`] (asked with `If-Match`, and checked on the answer for servers that ignore it).
    ///
    /// # Errors
    /// Returns [`S3Error`] when S3 refuses or cannot be reached.
    pub async fn open(
        &self,
        bucket: &str,
        key: &str,
        etag: Option<&str>,
    ) -> Result<Opened, S3Error> {
        let wanted = etag.map(bare_etag).filter(|etag| !etag.is_empty());
        let answer = self
            .client
            .get_object()
            .bucket(bucket)
            .key(key)
            .set_if_match(wanted.map(|etag| format!("\"{etag}\"")))
            .send()
            .await;
        let output = match answer {
            Ok(output) => output,
            Err(error) => {
                if matches!(error.as_service_error(), Some(GetObjectError::NoSuchKey(_))) {
                    return Ok(Opened::Gone);
                }
                if error
                    .raw_response()
                    .is_some_and(|response| response.status().as_u16() == 412)
                {
                    return Ok(Opened::Replaced);
                }
                return Err(S3Error {
                    bucket: bucket.to_owned(),
                    key: key.to_owned(),
                    action: "read",
                    source: error.into(),
                });
            }
        };
        let found = output.e_tag().map(|etag| bare_etag(etag).to_owned());
        if let (Some(wanted), Some(found)) = (wanted, &found)
            && wanted != found
        {
            return Ok(Opened::Replaced);
        }
        Ok(Opened::Object {
            etag: found,
            size: output.content_length,
            body: output.body,
        })
    }

    /// Writes `body` as the JSON object `s3://bucket/key`.
    ///
    /// # Errors
    /// Returns [`S3Error`] when S3 refuses or cannot be reached.
    pub async fn put_json(&self, bucket: &str, key: &str, body: Vec<u8>) -> Result<(), S3Error> {
        self.client
            .put_object()
            .bucket(bucket)
            .key(key)
            .content_type("application/json")
            .body(ByteStream::from(body))
            .send()
            .await
            .map_err(|error| S3Error {
                bucket: bucket.to_owned(),
                key: key.to_owned(),
                action: "written",
                source: error.into(),
            })?;
        Ok(())
    }
}

/// Why a presigned link could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PresignError {
    /// No credentials could be resolved at startup.
    #[error("no aws credentials to presign with")]
    NoCredentials(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The SDK configuration names no region.
    #[error("no aws region to presign for")]
    NoRegion,
    /// The endpoint override is not an `http(s)://host[:port]` URL.
    #[error("s3 endpoint {0:?} is not an http or https url with a host")]
    Endpoint(String),
    /// The signer refused (a bug, or an unusable credential).
    #[error("presigning failed")]
    Signing(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// Where presigned links point.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Endpoint {
    /// AWS: `https://<bucket>.s3.<region>.amazonaws.com/<key>` (path-style for bucket names with dots, which
    /// break the wildcard TLS certificate).
    Aws,
    /// A custom endpoint (`scheme://host[:port]`), addressed by path: `<endpoint>/<bucket>/<key>`.
    PathStyle(String),
}

/// Presigned `GET` links to S3 objects: the [`MediaLinks`] for `s3://` recordings and art.
///
/// The credentials are resolved once (at cold start) and can be replaced with [`Self::set_credentials`] by the
/// async shell when they near expiry; a link is never valid longer than the credentials that signed it, nor
/// longer than [`MAX_PRESIGNED_VALIDITY`]. Production should name its media buckets with [`Self::only_buckets`].
#[derive(Debug, Clone)]
pub struct S3Media {
    credentials: Arc<RwLock<Credentials>>,
    region: String,
    endpoint: Endpoint,
    /// The buckets links may point into; `None` for any.
    buckets: Option<Arc<BTreeSet<String>>>,
}

impl S3Media {
    /// Links to objects in AWS S3 in `region`, signed with `credentials`.
    #[must_use]
    pub fn new(credentials: Credentials, region: impl Into<String>) -> Self {
        Self {
            credentials: Arc::new(RwLock::new(credentials)),
            region: region.into(),
            endpoint: Endpoint::Aws,
            buckets: None,
        }
    }

    /// The same links, only into `buckets` (the media buckets): an `s3://` URL naming any other bucket gets no
    /// link. Partners write these URLs, and a link is signed with the skill's own credentials, so without this a
    /// partner could name an object the skill's role can read but listeners must not (another partner's drop).
    #[must_use]
    pub fn only_buckets(mut self, buckets: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.buckets = Some(Arc::new(buckets.into_iter().map(Into::into).collect()));
        self
    }

    /// The same links, pointing at a custom endpoint (`https://s3.example:9000`) with path-style addressing.
    ///
    /// # Errors
    /// Returns [`PresignError::Endpoint`] when `endpoint` is not an `http(s)://host[:port]` URL.
    pub fn with_endpoint(mut self, endpoint: &str) -> Result<Self, PresignError> {
        let parsed =
            url::Url::parse(endpoint).map_err(|_| PresignError::Endpoint(endpoint.to_owned()))?;
        let host = parsed
            .host_str()
            .filter(|host| !host.is_empty())
            .ok_or_else(|| PresignError::Endpoint(endpoint.to_owned()))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(PresignError::Endpoint(endpoint.to_owned()));
        }
        let authority = match parsed.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        };
        self.endpoint = Endpoint::PathStyle(format!("{}://{authority}", parsed.scheme()));
        Ok(self)
    }

    /// Links signed with the credentials, region and endpoint of `sdk`, the credentials resolved now.
    ///
    /// # Errors
    /// Returns [`PresignError`] when no credentials or no region can be found, or the endpoint is unusable.
    pub async fn from_sdk_config(sdk: &SdkConfig) -> Result<Self, PresignError> {
        let provider = sdk
            .credentials_provider()
            .ok_or_else(|| PresignError::NoCredentials("no credentials provider".into()))?;
        let credentials = provider
            .provide_credentials()
            .await
            .map_err(|error| PresignError::NoCredentials(error.into()))?;
        let region = sdk.region().ok_or(PresignError::NoRegion)?;
        let media = Self::new(credentials, region.to_string());
        match endpoint_override(sdk) {
            Some(endpoint) => media.with_endpoint(&endpoint),
            None => Ok(media),
        }
    }

    /// Signs future links with `credentials` (for the shell to call when the current ones near expiry).
    pub fn set_credentials(&self, credentials: Credentials) {
        match self.credentials.write() {
            Ok(mut current) => *current = credentials,
            Err(poisoned) => *poisoned.into_inner() = credentials,
        }
    }

    /// Whether the signing credentials expire before `at` (never, for credentials without an expiry).
    #[must_use]
    pub fn credentials_expire_before(&self, at: SystemTime) -> bool {
        self.current_credentials()
            .expiry()
            .is_some_and(|expiry| expiry < at)
    }

    fn current_credentials(&self) -> Credentials {
        match self.credentials.read() {
            Ok(credentials) => credentials.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// The unsigned URL of `s3://bucket/key`, the key percent-encoded as S3 expects.
    fn object_url(&self, bucket: &str, key: &str) -> String {
        let key = encode(key, KeepSlash::Yes);
        match &self.endpoint {
            Endpoint::Aws if bucket.contains('.') => {
                format!("https://s3.{}.amazonaws.com/{bucket}/{key}", self.region)
            }
            Endpoint::Aws => format!("https://{bucket}.s3.{}.amazonaws.com/{key}", self.region),
            Endpoint::PathStyle(base) => format!("{base}/{bucket}/{key}"),
        }
    }

    /// A presigned `GET` URL for `s3://bucket/key`, signed at `now` and valid for `valid_for` (clamped to 1 second
    /// .. [`MAX_PRESIGNED_VALIDITY`]).
    ///
    /// # Errors
    /// Returns [`PresignError::Signing`] when the signer refuses.
    pub fn presign_get(
        &self,
        bucket: &str,
        key: &str,
        valid_for: Duration,
        now: SystemTime,
    ) -> Result<String, PresignError> {
        let signing =
            |error: Box<dyn std::error::Error + Send + Sync>| PresignError::Signing(error);
        let url = self.object_url(bucket, key);
        let mut settings = SigningSettings::default();
        settings.signature_location = SignatureLocation::QueryParams;
        settings.expires_in = Some(valid_for.clamp(Duration::from_secs(1), MAX_PRESIGNED_VALIDITY));
        // S3 signs the path as sent, neither re-encoded nor normalized (`a//b` and `a/./b` are distinct keys).
        settings.percent_encoding_mode = PercentEncodingMode::Single;
        settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
        let identity = self.current_credentials().into();
        let params = v4::SigningParams::builder()
            .identity(&identity)
            .region(&self.region)
            .name("s3")
            .time(now)
            .settings(settings)
            .build()
            .map_err(|error| signing(error.into()))?
            .into();
        let request = SignableRequest::new(
            "GET",
            url.as_str(),
            std::iter::empty(),
            SignableBody::UnsignedPayload,
        )
        .map_err(|error| signing(error.into()))?;
        let (instructions, _signature) = sign(request, &params)
            .map_err(|error| signing(error.into()))?
            .into_parts();
        let mut presigned = url;
        for (index, (name, value)) in instructions.params().iter().enumerate() {
            let separator = if index == 0 { '?' } else { '&' };
            // Writing to a String cannot fail.
            let _ = write!(
                presigned,
                "{separator}{}={}",
                encode(name, KeepSlash::No),
                encode(value, KeepSlash::No)
            );
        }
        Ok(presigned)
    }
}

impl MediaLinks for S3Media {
    /// Public HTTPS media as is; `s3://` media presigned now, valid for `valid_for` (a recording's length plus a
    /// margin, so a long catch-up does not expire mid-listen). `None` when the link would not be HTTPS (a local
    /// plain-HTTP endpoint): devices only fetch HTTPS.
    fn link(&self, url: &MediaUrl, valid_for: chrono::Duration) -> Option<String> {
        match url {
            MediaUrl::Https(url) => Some(url.as_str().to_owned()),
            MediaUrl::S3 { bucket, .. }
                if self
                    .buckets
                    .as_ref()
                    .is_some_and(|buckets| !buckets.contains(bucket)) =>
            {
                tracing::warn!(bucket = %bucket, "s3 media outside the media buckets is not linked");
                None
            }
            MediaUrl::S3 { bucket, key } => {
                let valid_for = valid_for.to_std().unwrap_or(Duration::ZERO);
                match self.presign_get(bucket, key, valid_for, SystemTime::now()) {
                    Ok(link) if link.starts_with("https://") => Some(link),
                    Ok(_) => None,
                    Err(error) => {
                        tracing::warn!(error = %error, "cannot presign an s3 media link");
                        None
                    }
                }
            }
        }
    }
}

/// Whether [`encode`] keeps `/` (object keys) or encodes it (query values).
#[derive(Clone, Copy, PartialEq, Eq)]
enum KeepSlash {
    Yes,
    No,
}

/// Percent-encodes everything but RFC 3986 unreserved characters (and `/` in keys), as SigV4 canonical requests
/// do, so the URL sent is exactly the URL signed.
fn encode(text: &str, slash: KeepSlash) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'_' | b'.' | b'~')
            || (byte == b'/' && slash == KeepSlash::Yes);
        if keep {
            encoded.push(char::from(byte));
        } else {
            let _ = write!(encoded, "%{byte:02X}");
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    fn media() -> S3Media {
        S3Media::new(
            Credentials::new("AKIDEXAMPLE", "secret", None, None, "tests"),
            "eu-south-1",
        )
    }

    fn at(seconds: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(seconds)
    }

    #[test]
    fn a_presigned_link_is_virtual_hosted_https_with_the_signature_in_the_query() {
        let link = media()
            .presign_get(
                "onair-recordings",
                "jazz/sunday brunch+live.mp3",
                Duration::from_secs(4 * 3600),
                at(1_795_000_000),
            )
            .unwrap();
        let (base, query) = link.split_once('?').unwrap();
        assert_eq!(
            base,
            "https://onair-recordings.s3.eu-south-1.amazonaws.com/jazz/sunday%20brunch%2Blive.mp3"
        );
        for expected in [
            "X-Amz-Algorithm=AWS4-HMAC-SHA256",
            "X-Amz-Credential=AKIDEXAMPLE%2F20261118%2Feu-south-1%2Fs3%2Faws4_request",
            "X-Amz-Date=20261118T110640Z",
            "X-Amz-Expires=14400",
            "X-Amz-SignedHeaders=host",
        ] {
            assert!(
                query.split('&').any(|pair| pair == expected),
                "{expected} in {query}"
            );
        }
        assert!(query.contains("X-Amz-Signature="));
    }

    #[test]
    fn validity_is_clamped_to_what_sigv4_allows() {
        let expires = |valid_for: Duration| {
            let link = media()
                .presign_get("b-1", "k", valid_for, at(1_795_000_000))
                .unwrap();
            link.split('&')
                .find_map(|pair| pair.strip_prefix("X-Amz-Expires=").map(str::to_owned))
                .unwrap()
        };
        assert_eq!(expires(Duration::from_secs(30 * 24 * 3600)), "604800");
        assert_eq!(expires(Duration::ZERO), "1");
    }

    #[test]
    fn custom_endpoints_and_dotted_buckets_are_addressed_by_path() {
        let local = media().with_endpoint("https://127.0.0.1:9000/").unwrap();
        assert!(
            local
                .presign_get("onair-media", "art/a.png", Duration::from_secs(60), at(0))
                .unwrap()
                .starts_with("https://127.0.0.1:9000/onair-media/art/a.png?")
        );
        assert!(
            media()
                .presign_get(
                    "media.onair.example",
                    "a.png",
                    Duration::from_secs(60),
                    at(0)
                )
                .unwrap()
                .starts_with("https://s3.eu-south-1.amazonaws.com/media.onair.example/a.png?")
        );
        assert!(media().with_endpoint("not a url").is_err());
    }

    #[test]
    fn session_tokens_are_signed_into_the_link() {
        let media = S3Media::new(
            Credentials::new(
                "AKID",
                "secret",
                Some("token/with+chars=".to_owned()),
                None,
                "t",
            ),
            "us-east-1",
        );
        let link = media
            .presign_get("onair-media", "a.png", Duration::from_secs(60), at(0))
            .unwrap();
        assert!(
            link.contains("X-Amz-Security-Token=token%2Fwith%2Bchars%3D"),
            "{link}"
        );
    }

    #[test]
    fn media_links_presign_s3_keep_https_and_refuse_plain_http_endpoints() {
        let recording = MediaUrl::parse("s3://onair-recordings/a.mp3").unwrap();
        let public = MediaUrl::parse("https://media.onair.example/a.png").unwrap();
        let two_hours = chrono::Duration::hours(2);
        assert!(
            media()
                .link(&recording, two_hours)
                .is_some_and(|link| link.contains("X-Amz-Expires=7200"))
        );
        assert_eq!(
            media().link(&public, two_hours).as_deref(),
            Some("https://media.onair.example/a.png")
        );
        let plain = media().with_endpoint("http://127.0.0.1:9000").unwrap();
        assert_eq!(plain.link(&recording, two_hours), None);
    }

    #[test]
    fn links_are_only_made_into_the_media_buckets_when_they_are_named() {
        let media = media().only_buckets(["onair-recordings", "onair-media"]);
        let hours = chrono::Duration::hours(3);
        let recording = MediaUrl::parse("s3://onair-recordings/a.mp3").unwrap();
        let drop = MediaUrl::parse("s3://onair-drops/drops/other-partner/lineup.csv").unwrap();
        assert!(media.link(&recording, hours).is_some());
        assert_eq!(media.link(&drop, hours), None);
    }

    #[test]
    fn replaced_credentials_sign_the_next_links() {
        let media = media();
        assert!(!media.credentials_expire_before(at(u64::from(u32::MAX))));
        media.set_credentials(Credentials::new("AKIDNEW", "s", None, Some(at(100)), "t"));
        assert!(media.credentials_expire_before(at(200)));
        let link = media
            .presign_get("onair-media", "a.png", Duration::from_secs(60), at(0))
            .unwrap();
        assert!(link.contains("X-Amz-Credential=AKIDNEW%2F"));
    }
}
