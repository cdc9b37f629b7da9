//! The `SignatureCertChainUrl` rules (SPEC §6 step 2): where a signing certificate may come from.
//!
//! The URL is normalized first (the `url` crate resolves `..`, `%2e%2e`, default ports and the case of scheme and
//! host the WHATWG way), then checked: `https`, host `s3.amazonaws.com`, port 443 if one is given, path starting
//! with `/echo.api/` (case-sensitive). The normalized form is what gets fetched, so a request can only ever make
//! onair fetch a file under `https://s3.amazonaws.com/echo.api/`.

use url::Url;

use super::Refusal;

/// The only host signing certificates come from.
const HOST: &str = "s3.amazonaws.com";
/// The path every certificate URL starts with (case-sensitive, after normalization).
const PATH_PREFIX: &str = "/echo.api/";

/// A `SignatureCertChainUrl` that passed the rules, in its normalized form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CertUrl(Url);

impl CertUrl {
    /// Checks `raw` against SPEC §6 and normalizes it.
    ///
    /// # Errors
    /// The rule the URL breaks.
    pub fn parse(raw: &str) -> Result<Self, Refusal> {
        let url = Url::parse(raw.trim()).map_err(|_| Refusal::CertUrlUnreadable)?;
        if url.scheme() != "https" {
            return Err(Refusal::CertUrlScheme);
        }
        if url.host_str() != Some(HOST) {
            return Err(Refusal::CertUrlHost);
        }
        // `Url` drops a port equal to the scheme's default, so any port still there is not 443.
        if url.port().is_some() {
            return Err(Refusal::CertUrlPort);
        }
        // Not in Amazon's list, but a URL with credentials is never Amazon's; refusing it costs nothing.
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Refusal::CertUrlUserInfo);
        }
        if !url.path().starts_with(PATH_PREFIX) {
            return Err(Refusal::CertUrlPath);
        }
        Ok(Self(url))
    }

    /// The normalized URL, the one fetched and the cache key.
    #[must_use]
    pub fn as_url(&self) -> &Url {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amazons_valid_examples_pass_and_are_normalized() {
        for raw in [
            "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
            "https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem",
            "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem",
            "HTTPS://S3.AMAZONAWS.COM/echo.api/echo-api-cert.pem",
            "https://s3.amazonaws.com/echo.api/%2e%2e/echo.api/echo-api-cert.pem",
        ] {
            let url = CertUrl::parse(raw).unwrap_or_else(|refusal| panic!("{raw}: {refusal}"));
            assert_eq!(
                url.as_url().as_str(),
                "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
                "{raw}"
            );
        }
    }

    #[test]
    fn amazons_invalid_examples_fail_on_the_rule_they_break() {
        for (raw, rule) in [
            (
                "http://s3.amazonaws.com/echo.api/echo-api-cert.pem",
                Refusal::CertUrlScheme,
            ),
            (
                "https://notamazon.com/echo.api/echo-api-cert.pem",
                Refusal::CertUrlHost,
            ),
            (
                "https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem",
                Refusal::CertUrlPath,
            ),
            (
                "https://s3.amazonaws.com/invalid.path/echo-api-cert.pem",
                Refusal::CertUrlPath,
            ),
            (
                "https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem",
                Refusal::CertUrlPort,
            ),
            (
                "https://s3.amazonaws.com/echo.api/../invalid.path/cert.pem",
                Refusal::CertUrlPath,
            ),
            (
                "https://s3.amazonaws.com/echo.api/%2e%2e/x/cert.pem",
                Refusal::CertUrlPath,
            ),
            (
                "https://s3.amazonaws.com.evil.example/echo.api/c.pem",
                Refusal::CertUrlHost,
            ),
            (
                "https://evil.example/s3.amazonaws.com/echo.api/c.pem",
                Refusal::CertUrlHost,
            ),
            (
                "https://s3.amazonaws.com./echo.api/c.pem",
                Refusal::CertUrlHost,
            ),
            (
                "https://a@s3.amazonaws.com/echo.api/c.pem",
                Refusal::CertUrlUserInfo,
            ),
            ("file:///echo.api/c.pem", Refusal::CertUrlScheme),
            ("not a url", Refusal::CertUrlUnreadable),
            ("", Refusal::CertUrlUnreadable),
        ] {
            assert_eq!(CertUrl::parse(raw), Err(rule), "{raw}");
        }
    }
}
