//! Alexa Skills Kit wire types: request and response envelopes, directives, and the response guard.
