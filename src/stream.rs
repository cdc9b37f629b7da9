//! Partners' live sources resolved to what an Echo plays: an HLS master to its audio rendition (never a video
//! variant), a PLS or M3U playlist to its first HTTPS entry, a direct stream checked by content type and ICY
//! headers, within the address rules and budgets.
//!
//! - `address.rs`: which addresses may be fetched ([`HostPolicy`]): HTTPS, no credentials, public hosts only.
//! - `decide.rs`: the pure decision ([`classify`]): what an answer is and which rendition to play.
//! - `resolver.rs`: the fetches ([`Resolver`]), redirects followed by hand, and the [`StreamReport`].
//! - `batch.rs`: many URLs at once for an import or a health check ([`StreamChecks`]): deduplicated, bounded.
//! - `health.rs`: the check while live ([`check_live_streams`]): shows on air or starting soon, marks written.

mod address;
mod batch;
mod decide;
mod health;
mod resolver;

pub use address::{AddressRefusal, HostPolicy, is_public};
pub use batch::{MAX_CHECKS_PER_HOST, MAX_CONCURRENT_CHECKS, MAX_DISTINCT_URLS, StreamChecks};
pub use decide::{
    Answer, AudioRenditionSeen, Finding, Pick, VariantKind, VariantSeen, classify, may_be_playlist,
    sniff_audio, wants_body,
};
pub use health::{EventHealth, HealthRun, SOON, check_live_streams, events_to_check};
pub use resolver::{
    Resolver, ResolverConfig, Step, StreamReport, StreamWarning, Verdict, WarningKind,
};
