//! The [`DeviceZones`] port: the time zone a device is set to, so shows are announced on the listener's own clock.
//!
//! The production adapter asks the Alexa Settings API (`crate::device_settings`); [`FixedZone`] stands in for it
//! offline (`onair say --time-zone`), and [`NoDeviceZones`] is the default: no zone, so only relative times.

use std::future::Future;
use std::sync::Arc;

use chrono_tz::Tz;

use crate::alexa::RequestEnvelope;

/// What the Settings API needs to name a device, taken from `context.System`. Any of the three may be missing (old
/// fixtures, the simulator); a lookup then has nothing to ask and the skill speaks relative times.
///
/// `Debug` shows only which fields are present: the device id and the token must never reach a log.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct DeviceRef<'a> {
    /// `context.System.apiEndpoint`, e.g. `https://api.eu.amazonalexa.com`.
    pub api_endpoint: Option<&'a str>,
    /// `context.System.device.deviceId`.
    pub device_id: Option<&'a str>,
    /// `context.System.apiAccessToken`, the bearer token for the Alexa REST APIs.
    pub api_access_token: Option<&'a str>,
}

impl<'a> DeviceRef<'a> {
    /// The device a request comes from.
    #[must_use]
    pub fn of(envelope: &'a RequestEnvelope) -> Self {
        let system = &envelope.context.system;
        Self {
            api_endpoint: system.api_endpoint.as_deref(),
            device_id: envelope.device_id(),
            api_access_token: system.api_access_token.as_deref(),
        }
    }
}

impl std::fmt::Debug for DeviceRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceRef")
            .field("api_endpoint", &self.api_endpoint)
            .field("device_id", &self.device_id.map(|_| "<redacted>"))
            .field(
                "api_access_token",
                &self.api_access_token.map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// Where the skill learns the time zone of the device it is answering.
pub trait DeviceZones: Send + Sync {
    /// The IANA zone the device is set to, or `None` when it is unknown. Never an error: a listener who cannot be
    /// given a clock time hears a relative one ("in 40 minutes") instead, and the adapter logs why.
    fn zone_of(&self, device: DeviceRef<'_>) -> impl Future<Output = Option<Tz>> + Send;
}

/// No zone for any device: every time is spoken relative to now. The default of [`crate::skill::Skill`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NoDeviceZones;

impl DeviceZones for NoDeviceZones {
    async fn zone_of(&self, _device: DeviceRef<'_>) -> Option<Tz> {
        None
    }
}

/// The same zone for every device: simulates a device set to `self.0` without calling the Settings API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedZone(pub Tz);

impl DeviceZones for FixedZone {
    async fn zone_of(&self, _device: DeviceRef<'_>) -> Option<Tz> {
        Some(self.0)
    }
}

/// An optional port: `None` knows no zone (handy for a command-line flag).
impl<Z: DeviceZones> DeviceZones for Option<Z> {
    async fn zone_of(&self, device: DeviceRef<'_>) -> Option<Tz> {
        match self {
            Some(zones) => zones.zone_of(device).await,
            None => None,
        }
    }
}

impl<Z: DeviceZones> DeviceZones for Arc<Z> {
    async fn zone_of(&self, device: DeviceRef<'_>) -> Option<Tz> {
        (**self).zone_of(device).await
    }
}

/// A name that is not an IANA time zone.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown time zone {0:?}: expected an IANA name such as Europe/Rome or America/Los_Angeles"
)]
pub struct UnknownZone(pub String);

/// Parses an IANA time zone name (`Europe/Rome`), as the Settings API and `--time-zone` give it.
///
/// # Errors
/// Returns [`UnknownZone`] when chrono-tz does not know the name.
pub fn parse_zone(name: &str) -> Result<Tz, UnknownZone> {
    name.trim()
        .parse::<Tz>()
        .map_err(|_| UnknownZone(name.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::{DeviceRef, parse_zone};

    #[test]
    fn zone_names_are_iana_names() {
        assert_eq!(parse_zone("Europe/Rome"), Ok(chrono_tz::Europe::Rome));
        assert_eq!(
            parse_zone("America/Los_Angeles"),
            Ok(chrono_tz::America::Los_Angeles)
        );
        assert!(parse_zone("Mars/Olympus_Mons").is_err());
        assert!(parse_zone("").is_err());
    }

    #[test]
    fn debug_never_shows_the_device_or_the_token() {
        let device = DeviceRef {
            api_endpoint: Some("https://api.amazonalexa.com"),
            device_id: Some("amzn1.ask.device.SECRET"),
            api_access_token: Some("eyJ0eXAiOiJKV1Qi.SECRET"),
        };
        let shown = format!("{device:?}");
        assert!(!shown.contains("SECRET"), "{shown}");
        assert!(shown.contains("api.amazonalexa.com"), "{shown}");
    }
}
