//! Which addresses the resolver may fetch: HTTPS only, no credentials in the URL, and a public host (no IP
//! literal, no loopback, private, link-local, CGNAT or cloud metadata address, before and after DNS).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use url::{Host, Url};

/// Why the resolver will not fetch an address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressRefusal {
    /// Not `https://` (Echo devices play HTTPS streams only).
    #[error("{0} is not https")]
    NotHttps(String),
    /// `https://user:password@host/`: credentials would reach every listener's device.
    #[error("the url carries a user name or password")]
    Credentials,
    /// An IP address instead of a host name.
    #[error("the host is an ip address ({0}), not a public host name")]
    IpLiteral(String),
    /// A name only a private network knows (`localhost`, `*.internal`, `*.local`).
    #[error("{0} is not a public host")]
    NonPublicName(String),
    /// The name resolves to a loopback, private, link-local, CGNAT or metadata address.
    #[error("{host} resolves to a non-public address ({address})")]
    NonPublicAddress {
        /// The host name.
        host: String,
        /// The address it resolved to.
        address: IpAddr,
    },
}

/// Which hosts may be fetched. In production every host must be public; a test names the loopback host its
/// local HTTPS server listens on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostPolicy {
    /// Host names allowed to be non-public (lowercase), such as `localhost` for a test server. Empty in
    /// production.
    pub allowed_non_public: Vec<String>,
}

impl HostPolicy {
    /// Whether `host` is exempt from the public-host rules.
    #[must_use]
    pub fn allows(&self, host: &str) -> bool {
        self.allowed_non_public
            .iter()
            .any(|allowed| allowed.eq_ignore_ascii_case(host))
    }

    /// Checks `url` before it is fetched (the addresses it resolves to are checked by the resolver's DNS).
    ///
    /// # Errors
    /// Returns the [`AddressRefusal`] that applies.
    pub fn check_url(&self, url: &Url) -> Result<(), AddressRefusal> {
        if url.scheme() != "https" {
            return Err(AddressRefusal::NotHttps(url.to_string()));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(AddressRefusal::Credentials);
        }
        let host = match url.host() {
            None => return Err(AddressRefusal::NonPublicName(String::new())),
            Some(Host::Ipv4(ip)) => return Err(AddressRefusal::IpLiteral(ip.to_string())),
            Some(Host::Ipv6(ip)) => return Err(AddressRefusal::IpLiteral(ip.to_string())),
            Some(Host::Domain(name)) => name.trim_end_matches('.').to_ascii_lowercase(),
        };
        if self.allows(&host) {
            return Ok(());
        }
        let private_name = host == "localhost"
            || [
                ".localhost",
                ".local",
                ".internal",
                ".localdomain",
                ".home.arpa",
            ]
            .iter()
            .any(|suffix| host.ends_with(suffix))
            || !host.contains('.');
        if private_name {
            return Err(AddressRefusal::NonPublicName(host));
        }
        Ok(())
    }

    /// Checks an address `host` resolved to.
    ///
    /// # Errors
    /// Returns [`AddressRefusal::NonPublicAddress`] for a non-public address of a host not allowed to have one.
    pub fn check_address(&self, host: &str, address: IpAddr) -> Result<(), AddressRefusal> {
        if is_public(address) || self.allows(host.trim_end_matches('.')) {
            Ok(())
        } else {
            Err(AddressRefusal::NonPublicAddress {
                host: host.to_owned(),
                address,
            })
        }
    }
}

/// Whether `address` is reachable on the public internet: not loopback, private, link-local (which holds the
/// cloud metadata address 169.254.169.254), CGNAT, documentation, benchmarking, multicast or reserved.
#[must_use]
pub fn is_public(address: IpAddr) -> bool {
    match address {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    let shared_cgnat = a == 100 && (64..128).contains(&b);
    let ietf = a == 192 && b == 0 && c == 0;
    let documentation = (a == 192 && b == 0 && c == 2)
        || (a == 198 && b == 51 && c == 100)
        || (a == 203 && b == 0 && c == 113);
    let benchmarking = a == 198 && (b == 18 || b == 19);
    !(ip.is_unspecified()
        || a == 0
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || shared_cgnat
        || ietf
        || documentation
        || benchmarking
        || ip.is_multicast()
        || ip.is_broadcast()
        || a >= 240)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let segments = ip.segments();
    // NAT64 (64:ff9b::/96) carries an IPv4 address in its last 32 bits.
    if segments[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        let [.., high, low] = segments;
        let v4 = Ipv4Addr::from((u32::from(high) << 16) | u32::from(low));
        return is_public_v4(v4);
    }
    let unique_local = segments[0] & 0xfe00 == 0xfc00;
    let link_local = segments[0] & 0xffc0 == 0xfe80;
    let documentation = segments[0] == 0x2001 && segments[1] == 0x0db8;
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        || unique_local
        || link_local
        || documentation
        || segments[0] == 0x0100 && segments[1..4] == [0, 0, 0])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(url: &str) -> Result<(), AddressRefusal> {
        HostPolicy::default().check_url(&Url::parse(url).unwrap())
    }

    #[test]
    fn only_https_urls_to_public_names_without_credentials_pass() {
        assert_eq!(check("https://streams.example.com/live.mp3"), Ok(()));
        assert!(matches!(
            check("http://streams.example.com/a"),
            Err(AddressRefusal::NotHttps(_))
        ));
        assert_eq!(
            check("https://user:pw@streams.example.com/a"),
            Err(AddressRefusal::Credentials)
        );
        assert_eq!(
            check("https://user@streams.example.com/a"),
            Err(AddressRefusal::Credentials)
        );
        for literal in [
            "https://127.0.0.1/a",
            "https://8.8.8.8/a",
            "https://[::1]/a",
            "https://169.254.169.254/latest/meta-data/",
            "https://2130706433/a",
        ] {
            assert!(
                matches!(check(literal), Err(AddressRefusal::IpLiteral(_))),
                "{literal}"
            );
        }
        for name in [
            "https://localhost/a",
            "https://LOCALHOST./a",
            "https://db.internal/a",
            "https://metadata.google.internal/a",
            "https://printer.local/a",
            "https://intranet/a",
        ] {
            assert!(
                matches!(check(name), Err(AddressRefusal::NonPublicName(_))),
                "{name}"
            );
        }
    }

    #[test]
    fn a_test_may_allow_its_loopback_host_by_name() {
        let policy = HostPolicy {
            allowed_non_public: vec!["localhost".to_owned()],
        };
        assert_eq!(
            policy.check_url(&Url::parse("https://localhost:8443/a").unwrap()),
            Ok(())
        );
        assert_eq!(
            policy.check_address("localhost", "127.0.0.1".parse().unwrap()),
            Ok(())
        );
        assert!(
            policy
                .check_address("evil.example", "127.0.0.1".parse().unwrap())
                .is_err()
        );
        // An allowed name never lets an IP literal through.
        assert!(
            policy
                .check_url(&Url::parse("https://127.0.0.1/a").unwrap())
                .is_err()
        );
    }

    #[test]
    fn non_public_addresses_are_recognised_in_both_families() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "100.127.255.255",
            "0.0.0.0",
            "192.0.2.1",
            "198.18.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fe80::1",
            "fd00:ec2::254",
            "::ffff:10.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2001:db8::1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in [
            "8.8.8.8",
            "100.128.0.1",
            "172.32.0.1",
            "2606:4700::1111",
            "::ffff:1.1.1.1",
        ] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }
}
