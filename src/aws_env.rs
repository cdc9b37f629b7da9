//! The AWS settings of a Lambda function, read from the variables Lambda sets, without aws-config's loader.
//!
//! aws-config's loader resolves every setting through a chain (environment, shared config and credentials files,
//! SSO, web identity through STS, ECS, IMDS). A Lambda function needs none of that chain: Lambda sets the region and
//! the role's credentials as environment variables for the life of the execution environment. Building the
//! [`SdkConfig`] from those variables directly keeps the chain's code out of the function binaries (STS, SSO, the
//! profile parser, the IMDS and ECS clients: about 1.5 MB of the `skill` binary) and its file reads out of the cold
//! start. The `onair` command keeps the full loader ([`crate::tls::aws_config_loader`]), since people run it with
//! profiles and SSO.
//!
//! Honoured: `AWS_REGION` (else `AWS_DEFAULT_REGION`), `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` /
//! `AWS_SESSION_TOKEN`, and the endpoint overrides `AWS_ENDPOINT_URL_<SERVICE>` then `AWS_ENDPOINT_URL` (for
//! DynamoDB Local and S3-compatible servers), unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is `true`, with the same
//! precedence as aws-config. Timeouts and retries are set per client (see
//! [`crate::storage::dynamo_db::client_config`]).

use aws_config::environment::credentials::EnvironmentVariableCredentialsProvider;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_types::service_config::{LoadServiceConfig, ServiceConfigKey};

/// The variable naming the endpoint override, which [`AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`] turns off.
const ENDPOINT_URL_VAR: &str = "AWS_ENDPOINT_URL";

/// Set to `true` to ignore every `AWS_ENDPOINT_URL*` variable, as aws-config does.
const AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: &str = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

/// The SDK config of a Lambda function (see the module docs), with the one HTTP client of [`crate::tls`].
#[must_use]
pub fn sdk_config() -> SdkConfig {
    sdk_config_from(std::env::vars())
}

/// [`sdk_config`] over the variables `vars` (name, value); tests pass their own.
#[must_use]
pub fn sdk_config_from(vars: impl IntoIterator<Item = (String, String)>) -> SdkConfig {
    let settings = EnvServiceConfig::new(vars);
    let region = settings
        .get("AWS_REGION")
        .or_else(|| settings.get("AWS_DEFAULT_REGION"))
        .map(|region| Region::new(region.to_owned()));
    let mut builder = SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .http_client(crate::tls::aws_http_client())
        .credentials_provider(SharedCredentialsProvider::new(
            EnvironmentVariableCredentialsProvider::new(),
        ));
    builder.set_region(region);
    builder.set_endpoint_url(settings.global_endpoint());
    builder.service_config(settings).build()
}

/// The service-specific settings the SDK clients ask for (endpoint overrides, a few S3 switches), read once from the
/// environment so a client built later sees the same values.
#[derive(Debug, Default)]
struct EnvServiceConfig {
    /// Every non-blank `AWS_*` variable, by name.
    vars: Vec<(String, String)>,
    ignore_endpoint_urls: bool,
}

impl EnvServiceConfig {
    fn new(vars: impl IntoIterator<Item = (String, String)>) -> Self {
        let vars: Vec<(String, String)> = vars
            .into_iter()
            .filter(|(name, value)| name.starts_with("AWS_") && !value.trim().is_empty())
            .collect();
        let mut settings = Self {
            vars,
            ignore_endpoint_urls: false,
        };
        settings.ignore_endpoint_urls = settings
            .get(AWS_IGNORE_CONFIGURED_ENDPOINT_URLS)
            .is_some_and(|value| value.trim().eq_ignore_ascii_case("true"));
        settings
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.vars
            .iter()
            .find(|(candidate, _)| candidate == name)
            .map(|(_, value)| value.as_str())
    }

    fn global_endpoint(&self) -> Option<String> {
        if self.ignore_endpoint_urls {
            return None;
        }
        self.get(ENDPOINT_URL_VAR).map(str::to_owned)
    }
}

impl LoadServiceConfig for EnvServiceConfig {
    fn load_config(&self, key: ServiceConfigKey<'_>) -> Option<String> {
        if self.ignore_endpoint_urls && key.env() == ENDPOINT_URL_VAR {
            return None;
        }
        // aws-config's rule: `<VAR>_<SERVICE ID in upper case, spaces as underscores>` first, then `<VAR>`.
        let service = key.service_id().to_uppercase().replace(' ', "_");
        self.get(&format!("{}_{service}", key.env()))
            .or_else(|| self.get(key.env()))
            .map(str::to_owned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key<'a>(service: &'a str, env: &'a str) -> ServiceConfigKey<'a> {
        ServiceConfigKey::builder()
            .service_id(service)
            .env(env)
            .profile("endpoint_url")
            .build()
            .unwrap()
    }

    fn vars(vars: &[(&str, &str)]) -> Vec<(String, String)> {
        vars.iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect()
    }

    fn config(pairs: &[(&str, &str)]) -> EnvServiceConfig {
        EnvServiceConfig::new(vars(pairs))
    }

    #[test]
    fn a_service_specific_endpoint_wins_over_the_global_one() {
        let config = config(&[
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:9000"),
            ("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000"),
            ("AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:7000"),
        ]);
        let endpoint = |service| config.load_config(key(service, "AWS_ENDPOINT_URL"));
        assert_eq!(
            endpoint("DynamoDB").as_deref(),
            Some("http://127.0.0.1:8000")
        );
        assert_eq!(
            endpoint("Secrets Manager").as_deref(),
            Some("http://127.0.0.1:7000")
        );
        assert_eq!(endpoint("S3").as_deref(), Some("http://127.0.0.1:9000"));
        assert_eq!(
            config.global_endpoint().as_deref(),
            Some("http://127.0.0.1:9000")
        );
    }

    #[test]
    fn endpoint_overrides_can_be_ignored() {
        let config = config(&[
            ("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000"),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:9000"),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE"),
        ]);
        assert_eq!(
            config.load_config(key("DynamoDB", "AWS_ENDPOINT_URL")),
            None
        );
        assert_eq!(config.global_endpoint(), None);
    }

    #[test]
    fn region_falls_back_to_the_default_region_variable() {
        let sdk = sdk_config_from(vars(&[
            ("AWS_REGION", " "),
            ("AWS_DEFAULT_REGION", "eu-west-1"),
        ]));
        assert_eq!(sdk.region().map(Region::as_ref), Some("eu-west-1"));
        let sdk = sdk_config_from(vars(&[
            ("AWS_REGION", "us-east-1"),
            ("AWS_DEFAULT_REGION", "eu-west-1"),
        ]));
        assert_eq!(sdk.region().map(Region::as_ref), Some("us-east-1"));
        assert!(sdk.credentials_provider().is_some());
        assert!(sdk.http_client().is_some());
    }
}
