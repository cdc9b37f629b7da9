//! [`HttpsUrl`] and [`MediaUrl`]: the addresses of streams, cover art and recordings, checked once at construction.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The longest URL Alexa accepts for an audio stream (AudioPlayer `stream.url`).
pub const MAX_URL_LEN: usize = 8000;

/// An absolute `https://` URL with a host, at most [`MAX_URL_LEN`] characters.
///
/// Alexa's AudioPlayer only plays HTTPS streams, so a plain `http://` address is refused here rather than when a
/// listener asks for it. The URL is kept in the normalized form of the `url` crate (scheme and host lowercased,
/// spaces percent-encoded), which is what Alexa receives.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct HttpsUrl(String);

/// Why a string is not an [`HttpsUrl`] or a [`MediaUrl`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    /// Longer than [`MAX_URL_LEN`].
    #[error("url is longer than {MAX_URL_LEN} characters")]
    TooLong,
    /// A scheme other than the ones allowed where it is used.
    #[error("url must start with https://")]
    NotHttps,
    /// An `https://` URL the `url` crate cannot parse, or one without a host.
    #[error("url is not a valid https url: {0}")]
    Malformed(String),
    /// An `s3://` URL without a valid bucket or key.
    #[error("s3 url must look like s3://bucket/key with a valid bucket name")]
    MalformedS3,
    /// Neither `https://` nor `s3://`.
    #[error("url must start with https:// or s3://")]
    UnsupportedScheme,
}

impl HttpsUrl {
    /// Checks and normalizes `text`.
    ///
    /// # Errors
    /// Returns [`UrlError`] when `text` is too long, not `https://`, or not a valid URL with a host.
    pub fn parse(text: &str) -> Result<Self, UrlError> {
        let text = text.trim();
        if text.len() > MAX_URL_LEN {
            return Err(UrlError::TooLong);
        }
        if !has_scheme(text, "https://") {
            return Err(UrlError::NotHttps);
        }
        let url = url::Url::parse(text).map_err(|e| UrlError::Malformed(e.to_string()))?;
        if url.host_str().is_none_or(str::is_empty) {
            return Err(UrlError::Malformed("no host".to_owned()));
        }
        let normalized = String::from(url);
        if normalized.len() > MAX_URL_LEN {
            return Err(UrlError::TooLong);
        }
        Ok(Self(normalized))
    }

    /// The URL as Alexa receives it.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn has_scheme(text: &str, scheme: &str) -> bool {
    text.get(..scheme.len())
        .is_some_and(|prefix| prefix.eq_ignore_ascii_case(scheme))
}

impl fmt::Display for HttpsUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for HttpsUrl {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for HttpsUrl {
    type Err = UrlError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for HttpsUrl {
    type Error = UrlError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<HttpsUrl> for String {
    fn from(url: HttpsUrl) -> Self {
        url.0
    }
}

/// Where cover art or a recording lives: on the web, or in an S3 bucket (the skill presigns it before use).
///
/// Written as a string in JSON: `https://…` or `s3://bucket/key`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum MediaUrl {
    /// A public `https://` address, used as is.
    Https(HttpsUrl),
    /// An object in S3.
    S3 {
        /// The bucket name (3 to 63 characters of `[a-z0-9.-]`).
        bucket: String,
        /// The object key (not empty).
        key: String,
    },
}

impl MediaUrl {
    /// Reads `https://…` or `s3://bucket/key`.
    ///
    /// # Errors
    /// Returns [`UrlError`] for any other scheme, a malformed https URL, or an invalid bucket or empty key.
    pub fn parse(text: &str) -> Result<Self, UrlError> {
        let text = text.trim();
        if has_scheme(text, "s3://") {
            return parse_s3(&text["s3://".len()..]);
        }
        if has_scheme(text, "https://") {
            return HttpsUrl::parse(text).map(Self::Https);
        }
        Err(UrlError::UnsupportedScheme)
    }

    /// The `https` URL, if this is one.
    #[must_use]
    pub fn https(&self) -> Option<&HttpsUrl> {
        match self {
            Self::Https(url) => Some(url),
            Self::S3 { .. } => None,
        }
    }
}

fn parse_s3(rest: &str) -> Result<MediaUrl, UrlError> {
    let (bucket, key) = rest.split_once('/').ok_or(UrlError::MalformedS3)?;
    if key.is_empty() || key.len() > 1024 || !is_bucket_name(bucket) {
        return Err(UrlError::MalformedS3);
    }
    Ok(MediaUrl::S3 {
        bucket: bucket.to_owned(),
        key: key.to_owned(),
    })
}

/// S3's bucket naming rules: 3 to 63 characters of lowercase letters, digits, dots and hyphens, starting and ending
/// with a letter or digit.
fn is_bucket_name(bucket: &str) -> bool {
    let edge_ok = |c: Option<char>| c.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    (3..=63).contains(&bucket.len())
        && bucket
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
        && edge_ok(bucket.chars().next())
        && edge_ok(bucket.chars().last())
}

impl fmt::Display for MediaUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Https(url) => f.write_str(url.as_str()),
            Self::S3 { bucket, key } => write!(f, "s3://{bucket}/{key}"),
        }
    }
}

impl std::str::FromStr for MediaUrl {
    type Err = UrlError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for MediaUrl {
    type Error = UrlError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<MediaUrl> for String {
    fn from(url: MediaUrl) -> Self {
        url.to_string()
    }
}

impl From<HttpsUrl> for MediaUrl {
    fn from(url: HttpsUrl) -> Self {
        Self::Https(url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_urls_are_kept_in_normalized_form() {
        let url = HttpsUrl::parse(" HTTPS://Streams.Onair.example/radio uno.mp3 ").unwrap();
        assert_eq!(
            url.as_str(),
            "https://streams.onair.example/radio%20uno.mp3"
        );
    }

    #[test]
    fn only_https_urls_with_a_host_are_accepted() {
        assert_eq!(
            HttpsUrl::parse("http://streams.onair.example/a.mp3"),
            Err(UrlError::NotHttps)
        );
        assert_eq!(
            HttpsUrl::parse("streams.onair.example/a.mp3"),
            Err(UrlError::NotHttps)
        );
        assert!(matches!(
            HttpsUrl::parse("https://"),
            Err(UrlError::Malformed(_))
        ));
        assert!(matches!(
            HttpsUrl::parse("https://exa mple.com/"),
            Err(UrlError::Malformed(_))
        ));
        let long = format!("https://streams.onair.example/{}", "a".repeat(MAX_URL_LEN));
        assert_eq!(HttpsUrl::parse(&long), Err(UrlError::TooLong));
    }

    #[test]
    fn media_urls_may_point_into_s3() {
        assert_eq!(
            MediaUrl::parse("s3://onair-recordings/jazz/brunch.mp3"),
            Ok(MediaUrl::S3 {
                bucket: "onair-recordings".to_owned(),
                key: "jazz/brunch.mp3".to_owned()
            })
        );
        assert_eq!(
            MediaUrl::parse("s3://Bad_Bucket/key"),
            Err(UrlError::MalformedS3)
        );
        assert_eq!(
            MediaUrl::parse("s3://onair-recordings/"),
            Err(UrlError::MalformedS3)
        );
        assert_eq!(
            MediaUrl::parse("s3://onair-recordings"),
            Err(UrlError::MalformedS3)
        );
        assert_eq!(
            MediaUrl::parse("ftp://x/y"),
            Err(UrlError::UnsupportedScheme)
        );
    }

    #[test]
    fn media_urls_round_trip_through_json_as_strings() {
        for text in [
            "s3://onair-recordings/jazz/brunch.mp3",
            "https://media.onair.example/rec/a.mp3",
        ] {
            let url: MediaUrl = serde_json::from_value(serde_json::json!(text)).unwrap();
            assert_eq!(serde_json::to_value(&url).unwrap(), serde_json::json!(text));
        }
    }
}
