//! Many stream checks at once, as an import or the health check needs them: each distinct URL is checked once per
//! run, at most [`MAX_CONCURRENT_CHECKS`] at a time, and at most [`MAX_DISTINCT_URLS`] per run.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use super::resolver::{Resolver, StreamReport};

/// Checks running at once: enough to hide latency, few enough not to look like a flood to a partner's server.
pub const MAX_CONCURRENT_CHECKS: usize = 8;
/// Distinct URLs one run checks; URLs beyond it are not checked (and the events keep their `streamUrl`).
pub const MAX_DISTINCT_URLS: usize = 2_000;

/// A resolver with a per-run cache (see the module docs). Clones share the cache.
#[derive(Debug, Clone)]
pub struct StreamChecks {
    resolver: Resolver,
    done: Arc<Mutex<HashMap<String, Arc<StreamReport>>>>,
}

impl StreamChecks {
    /// A run of checks through `resolver`.
    #[must_use]
    pub fn new(resolver: Resolver) -> Self {
        Self {
            resolver,
            done: Arc::default(),
        }
    }

    /// How many distinct URLs this run has checked.
    #[must_use]
    pub fn checked(&self) -> usize {
        self.done
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .len()
    }

    /// The reports of `urls` (each distinct one checked once per run), by URL. A URL past
    /// [`MAX_DISTINCT_URLS`] has no report.
    pub async fn check_all<'u>(
        &self,
        urls: impl IntoIterator<Item = &'u str>,
    ) -> HashMap<String, Arc<StreamReport>> {
        let mut wanted: Vec<String> = urls.into_iter().map(str::to_owned).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let missing: Vec<String> = {
            let done = self
                .done
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let room = MAX_DISTINCT_URLS.saturating_sub(done.len());
            wanted
                .iter()
                .filter(|url| !done.contains_key(*url))
                .take(room)
                .cloned()
                .collect()
        };
        let permits = Arc::new(Semaphore::new(MAX_CONCURRENT_CHECKS));
        let mut running = JoinSet::new();
        for url in missing {
            let resolver = self.resolver.clone();
            let permits = Arc::clone(&permits);
            running.spawn(async move {
                let _permit = permits.acquire_owned().await;
                let report = resolver.check(&url).await;
                (url, report)
            });
        }
        let mut checked = Vec::new();
        while let Some(finished) = running.join_next().await {
            if let Ok((url, report)) = finished {
                checked.push((url, Arc::new(report)));
            }
        }
        let mut done = self
            .done
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        done.extend(checked);
        wanted
            .into_iter()
            .filter_map(|url| done.get(&url).map(|report| (url, Arc::clone(report))))
            .collect()
    }
}
