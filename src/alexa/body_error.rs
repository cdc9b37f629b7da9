//! [`BodyError`]: what may be said about a request body that did not parse, without a byte of the body.
//!
//! `serde_json::Error`'s message echoes the offending value (`invalid type: string "amzn1.ask.account…"`), which
//! for an Alexa body can be a user id, a device id, a token or a whole double-encoded envelope. Logs and messages
//! use this summary instead: the error's category and its line and column, nothing else.

use std::fmt;

/// A JSON parse failure reduced to its category and position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyError {
    category: serde_json::error::Category,
    line: usize,
    column: usize,
}

impl BodyError {
    /// The category: `syntax`, `data` (valid JSON of the wrong shape), `eof` or `io`.
    #[must_use]
    pub fn category(&self) -> &'static str {
        match self.category {
            serde_json::error::Category::Syntax => "syntax",
            serde_json::error::Category::Data => "data",
            serde_json::error::Category::Eof => "eof",
            serde_json::error::Category::Io => "io",
        }
    }
}

impl From<&serde_json::Error> for BodyError {
    fn from(error: &serde_json::Error) -> Self {
        Self {
            category: error.classify(),
            line: error.line(),
            column: error.column(),
        }
    }
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // serde_json reports line 0 for errors with no position (a `Value` that does not fit the type).
        if self.line == 0 {
            write!(f, "{} error", self.category())
        } else {
            write!(
                f,
                "{} error at line {} column {}",
                self.category(),
                self.line,
                self.column
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alexa::RequestEnvelope;

    #[test]
    fn the_summary_never_contains_the_offending_value() {
        let body = r#""amzn1.ask.account.SECRET""#;
        let error = serde_json::from_str::<RequestEnvelope>(body).unwrap_err();
        assert!(error.to_string().contains("SECRET"), "serde echoes it");
        let summary = BodyError::from(&error).to_string();
        assert_eq!(summary, "data error at line 1 column 26");
        let error = serde_json::from_str::<RequestEnvelope>("{\"x\": tru").unwrap_err();
        assert_eq!(
            BodyError::from(&error).to_string(),
            "eof error at line 1 column 9"
        );
        let value = serde_json::json!({ "request": "amzn1.ask.account.SECRET" });
        let error = serde_json::from_value::<RequestEnvelope>(value).unwrap_err();
        assert_eq!(BodyError::from(&error).to_string(), "data error");
    }
}
