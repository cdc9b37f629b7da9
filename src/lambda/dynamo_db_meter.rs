//! [`DynamoDbMeter`]: counts a DynamoDB client's operations and the time spent in them, for the per-request metrics.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use aws_sdk_dynamodb::config::interceptors::{
    BeforeSerializationInterceptorContextRef, FinalizerInterceptorContextRef,
};
use aws_sdk_dynamodb::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_smithy_types::config_bag::{Storable, StoreReplace};

/// When the current operation started; kept in the operation's own config bag, so concurrent operations on one
/// client are timed separately.
#[derive(Debug, Clone, Copy)]
struct OperationStarted(Instant);

impl Storable for OperationStarted {
    type Storer = StoreReplace<Self>;
}

/// Counts DynamoDB operations (one per call, whatever its retries) and sums their duration, retries and backoff
/// included: what a listener waits for. Add it with `client_config(sdk).interceptor(meter.clone())`; clones share
/// the counts.
#[derive(Debug, Clone, Default)]
pub struct DynamoDbMeter {
    calls: Arc<AtomicU64>,
    micros: Arc<AtomicU64>,
}

/// The meter's totals at one moment; the difference of two readings is what happened in between.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MeterReading {
    /// Operations started.
    pub calls: u64,
    /// Time spent in finished operations.
    pub latency: Duration,
}

impl MeterReading {
    /// What happened since `earlier`.
    #[must_use]
    pub fn since(self, earlier: Self) -> Self {
        Self {
            calls: self.calls.saturating_sub(earlier.calls),
            latency: self.latency.saturating_sub(earlier.latency),
        }
    }
}

impl DynamoDbMeter {
    /// The totals so far.
    #[must_use]
    pub fn reading(&self) -> MeterReading {
        MeterReading {
            calls: self.calls.load(Ordering::SeqCst),
            latency: Duration::from_micros(self.micros.load(Ordering::SeqCst)),
        }
    }
}

impl Intercept for DynamoDbMeter {
    fn name(&self) -> &'static str {
        "onair.DynamoDbMeter"
    }

    fn read_before_execution(
        &self,
        _context: &BeforeSerializationInterceptorContextRef<'_>,
        cfg: &mut ConfigBag,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        cfg.interceptor_state()
            .store_put(OperationStarted(Instant::now()));
        self.calls.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }

    fn read_after_execution(
        &self,
        _context: &FinalizerInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        if let Some(OperationStarted(started)) = cfg.load::<OperationStarted>() {
            let micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
            self.micros.fetch_add(micros, Ordering::SeqCst);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_difference_of_readings_is_what_happened_in_between() {
        let earlier = MeterReading {
            calls: 3,
            latency: Duration::from_millis(40),
        };
        let later = MeterReading {
            calls: 5,
            latency: Duration::from_millis(55),
        };
        assert_eq!(
            later.since(earlier),
            MeterReading {
                calls: 2,
                latency: Duration::from_millis(15)
            }
        );
    }
}
