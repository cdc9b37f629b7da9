//! Values with Alexa's rules attached (SPEC §2.2, §3), checked once at construction so a bad stream URL or token
//! cannot reach a response: <https://developer.amazon.com/docs/custom-skills/audioplayer-interface-reference.html>.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use url::Url;

/// Why a value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    /// The URL does not start with `https://`; Alexa only fetches audio and images over HTTPS.
    #[error("{what} must use https, got `{scheme}`")]
    NotHttps {
        /// Which value was refused (`stream url`, `image url`).
        what: &'static str,
        /// The scheme found instead (empty when the value is not a URL at all).
        scheme: String,
    },
    /// The URL does not parse.
    #[error("{what} is not a valid url")]
    InvalidUrl {
        /// Which value was refused.
        what: &'static str,
        /// What the URL parser objected to.
        #[source]
        source: url::ParseError,
    },
    /// The URL parses but names no host.
    #[error("{what} has no host")]
    NoHost {
        /// Which value was refused.
        what: &'static str,
    },
    /// The value is longer than Alexa accepts.
    #[error("{what} is {len} characters long, more than the {max} alexa accepts")]
    TooLong {
        /// Which value was refused.
        what: &'static str,
        /// Its length in characters.
        len: usize,
        /// The limit in characters.
        max: usize,
    },
    /// The value is empty where Alexa needs at least one character.
    #[error("{what} is empty")]
    Empty {
        /// Which value was refused.
        what: &'static str,
    },
}

/// Longest `audioItem.stream.url` Alexa accepts, in characters (SPEC §3).
pub const STREAM_URL_MAX_CHARS: usize = 8000;
/// Longest card or metadata image URL Alexa accepts, in characters (SPEC §3).
pub const IMAGE_URL_MAX_CHARS: usize = 2000;
/// Longest `audioItem.stream.token` Alexa accepts, in characters (SPEC §2.2).
pub const STREAM_TOKEN_MAX_CHARS: usize = 1024;

/// The URL of an audio stream: `https://`, with a host, at most 8000 characters.
///
/// The string is kept exactly as given (no normalisation), so the token-echo and logs match what was configured.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "String")]
#[schemars(description = "An https:// URL of at most 8000 characters.")]
pub struct StreamUrl(
    #[schemars(length(max = 8000), regex(pattern = r"^[Hh][Tt][Tt][Pp][Ss]://"))]
    String,
);

impl StreamUrl {
    /// Checks `url` and wraps it.
    ///
    /// # Errors
    /// Returns [`ValueError`] when the URL is not `https://`, does not parse, has no host, or is too long.
    pub fn new(url: impl Into<String>) -> Result<Self, ValueError> {
        let url = url.into();
        check_https_url("stream url", &url, STREAM_URL_MAX_CHARS)?;
        Ok(Self(url))
    }

    /// The URL as sent on the wire.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The URL of an image (card images, audio metadata art): `https://`, with a host, at most 2000 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "String")]
#[schemars(description = "An https:// URL of at most 2000 characters.")]
pub struct ImageUrl(
    #[schemars(length(max = 2000), regex(pattern = r"^[Hh][Tt][Tt][Pp][Ss]://"))]
    String,
);

impl ImageUrl {
    /// Checks `url` and wraps it.
    ///
    /// # Errors
    /// Returns [`ValueError`] when the URL is not `https://`, does not parse, has no host, or is too long.
    pub fn new(url: impl Into<String>) -> Result<Self, ValueError> {
        let url = url.into();
        check_https_url("image url", &url, IMAGE_URL_MAX_CHARS)?;
        Ok(Self(url))
    }

    /// The URL as sent on the wire.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The opaque token naming a stream: 1 to 1024 characters. Alexa echoes it back in every AudioPlayer request.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "String")]
#[schemars(description = "An opaque stream token of 1 to 1024 characters.")]
pub struct StreamToken(#[schemars(length(min = 1, max = 1024))] String);

impl StreamToken {
    /// Checks `token` and wraps it.
    ///
    /// # Errors
    /// Returns [`ValueError`] when the token is empty or longer than 1024 characters.
    pub fn new(token: impl Into<String>) -> Result<Self, ValueError> {
        let token = token.into();
        let len = token.chars().count();
        if len == 0 {
            return Err(ValueError::Empty {
                what: "stream token",
            });
        }
        if len > STREAM_TOKEN_MAX_CHARS {
            return Err(ValueError::TooLong {
                what: "stream token",
                len,
                max: STREAM_TOKEN_MAX_CHARS,
            });
        }
        Ok(Self(token))
    }

    /// The token as sent on the wire.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn check_https_url(what: &'static str, url: &str, max: usize) -> Result<(), ValueError> {
    let len = url.chars().count();
    if len > max {
        return Err(ValueError::TooLong { what, len, max });
    }
    // The scheme is compared before parsing so that `http://` gets the message that says what to fix.
    let scheme = url.split_once("://").map_or("", |(scheme, _)| scheme);
    if !scheme.eq_ignore_ascii_case("https") {
        return Err(ValueError::NotHttps {
            what,
            scheme: scheme.to_owned(),
        });
    }
    let parsed = Url::parse(url).map_err(|source| ValueError::InvalidUrl { what, source })?;
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(ValueError::NoHost { what });
    }
    Ok(())
}

macro_rules! string_newtype_impls {
    ($($name:ident),+) => {$(
        impl TryFrom<String> for $name {
            type Error = ValueError;

            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::new(value)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = ValueError;

            fn try_from(value: &str) -> Result<Self, Self::Error> {
                Self::new(value)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> Self {
                value.0
            }
        }
    )+};
}

string_newtype_impls!(StreamUrl, ImageUrl, StreamToken);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_scheme_is_case_insensitive_and_kept_verbatim() {
        let url = StreamUrl::new("HTTPS://stream.example.com/live.m3u8").unwrap();
        assert_eq!(url.as_str(), "HTTPS://stream.example.com/live.m3u8");
    }

    #[test]
    fn url_without_host_is_refused() {
        assert!(matches!(
            StreamUrl::new("https://"),
            Err(ValueError::NoHost { .. } | ValueError::InvalidUrl { .. })
        ));
    }

    #[test]
    fn not_a_url_is_refused_as_not_https() {
        assert_eq!(
            StreamUrl::new("live.m3u8").unwrap_err().to_string(),
            "stream url must use https, got ``"
        );
    }

    #[test]
    fn image_url_limit_is_2000() {
        let base = "https://img.example.com/";
        let ok = format!("{base}{}", "a".repeat(2000 - base.len()));
        assert!(ImageUrl::new(ok.clone()).is_ok());
        assert!(matches!(
            ImageUrl::new(format!("{ok}a")),
            Err(ValueError::TooLong { max: 2000, .. })
        ));
    }

    #[test]
    fn token_length_counts_characters_not_bytes() {
        assert!(StreamToken::new("é".repeat(1024)).is_ok());
        assert!(StreamToken::new("é".repeat(1025)).is_err());
    }
}
