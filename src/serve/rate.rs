//! A token bucket bounding the request rate over all connections: a flood costs the sender 429s, not the skill's
//! store or the certificate fetcher.

use std::sync::{Mutex, PoisonError};
use std::time::Instant;

/// Up to `per_second` requests a second, with a burst of as many.
#[derive(Debug)]
pub(crate) struct RateLimit {
    per_second: f64,
    bucket: Mutex<Bucket>,
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    refilled: Instant,
}

impl RateLimit {
    pub(crate) fn per_second(per_second: u32) -> Self {
        let per_second = f64::from(per_second.max(1));
        Self {
            per_second,
            bucket: Mutex::new(Bucket {
                tokens: per_second,
                refilled: Instant::now(),
            }),
        }
    }

    /// Takes one token; `false` when the bucket is empty.
    pub(crate) fn try_take(&self) -> bool {
        let mut bucket = self.bucket.lock().unwrap_or_else(PoisonError::into_inner);
        let now = Instant::now();
        let refill = now.duration_since(bucket.refilled).as_secs_f64() * self.per_second;
        bucket.tokens = (bucket.tokens + refill).min(self.per_second);
        bucket.refilled = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_beyond_the_rate_is_refused() {
        let rate = RateLimit::per_second(5);
        let taken = (0..20).filter(|_| rate.try_take()).count();
        assert!((5..=6).contains(&taken), "{taken}");
    }
}
