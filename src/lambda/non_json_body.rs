//! [`NonJsonBodyLayer`]: hands the handler `null` instead of a body that is not JSON at all.
//!
//! The runtime deserializes each body before the handler sees it and reports a failure as a Lambda error. Alexa must
//! never see an error for something a sender can cause, so a body that is not JSON reaches the skill as `null`, which
//! it answers like any other unreadable request: with the empty envelope.

use std::task::{Context, Poll};

use lambda_runtime::tower::{Layer, Service};
use lambda_runtime::{Error, LambdaInvocation};

/// Replaces bodies that are not JSON with `null` before the runtime deserializes them.
#[derive(Debug, Clone, Copy, Default)]
pub struct NonJsonBodyLayer;

impl<S> Layer<S> for NonJsonBodyLayer {
    type Service = NonJsonBody<S>;

    fn layer(&self, inner: S) -> Self::Service {
        NonJsonBody { inner }
    }
}

/// The service [`NonJsonBodyLayer`] wraps around the runtime's own.
#[derive(Debug, Clone)]
pub struct NonJsonBody<S> {
    inner: S,
}

impl<S> Service<LambdaInvocation> for NonJsonBody<S>
where
    S: Service<LambdaInvocation, Response = (), Error = Error>,
{
    type Response = ();
    type Error = Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut invocation: LambdaInvocation) -> Self::Future {
        if serde_json::from_slice::<serde::de::IgnoredAny>(&invocation.body).is_err() {
            invocation.body = "null".into();
        }
        self.inner.call(invocation)
    }
}
