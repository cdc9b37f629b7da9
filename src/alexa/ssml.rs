//! SSML that is well-formed by construction: text is always escaped and the whole is wrapped in `<speak>`
//! (<https://developer.amazon.com/docs/custom-skills/speech-synthesis-markup-language-ssml-reference.html>).

use std::fmt::{self, Write as _};
use std::time::Duration;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The longest pause Alexa's `<break>` accepts (10 seconds).
const MAX_BREAK: Duration = Duration::from_secs(10);

/// A complete SSML document, `<speak>…</speak>`.
///
/// Built only through [`SsmlBuilder`] or [`Ssml::from_text`], which escape every piece of text, so onair cannot
/// produce malformed SSML. Deserializing accepts any string so that recorded responses can be read back; the response
/// guard ([`crate::alexa::guard`]) checks those for well-formedness.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
#[schemars(description = "An SSML document wrapped in <speak>.</speak>.")]
pub struct Ssml(String);

impl Ssml {
    /// `<speak>` around `text`, escaped.
    #[must_use]
    pub fn from_text(text: &str) -> Self {
        SsmlBuilder::new().text(text).build()
    }

    /// The document as sent on the wire.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Ssml {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Builds an [`Ssml`] document piece by piece; every text argument is escaped.
///
/// ```
/// use std::time::Duration;
/// use onair::alexa::SsmlBuilder;
///
/// let ssml = SsmlBuilder::new()
///     .sentence("Now playing Tom & Jerry.")
///     .pause(Duration::from_millis(500))
///     .lang("it-IT", "Buona sera")
///     .build();
/// assert_eq!(
///     ssml.as_str(),
///     r#"<speak><s>Now playing Tom &amp; Jerry.</s><break time="500ms"/><lang xml:lang="it-IT">Buona sera</lang></speak>"#
/// );
/// ```
#[derive(Debug, Clone, Default)]
pub struct SsmlBuilder {
    body: String,
}

impl SsmlBuilder {
    /// An empty document.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Plain text, escaped.
    #[must_use]
    pub fn text(mut self, text: &str) -> Self {
        push_escaped(&mut self.body, text);
        self
    }

    /// A pause, `<break time="500ms"/>`. Alexa allows at most 10 seconds, so longer pauses are cut to 10 seconds.
    #[must_use]
    pub fn pause(mut self, length: Duration) -> Self {
        let millis = length.min(MAX_BREAK).as_millis();
        // Writing to a String cannot fail.
        let _ = write!(self.body, r#"<break time="{millis}ms"/>"#);
        self
    }

    /// `<say-as interpret-as="…">text</say-as>`, e.g. `interpret_as` = `"date"`, `"time"`, `"characters"`.
    #[must_use]
    pub fn say_as(mut self, interpret_as: &str, text: &str) -> Self {
        self.body.push_str(r#"<say-as interpret-as=""#);
        push_escaped(&mut self.body, interpret_as);
        self.body.push_str(r#"">"#);
        push_escaped(&mut self.body, text);
        self.body.push_str("</say-as>");
        self
    }

    /// A sentence, `<s>text</s>`, which Alexa reads with a sentence pause after it.
    #[must_use]
    pub fn sentence(mut self, text: &str) -> Self {
        self.body.push_str("<s>");
        push_escaped(&mut self.body, text);
        self.body.push_str("</s>");
        self
    }

    /// Text in another language, `<lang xml:lang="it-IT">text</lang>`, e.g. an Italian show title in English speech.
    #[must_use]
    pub fn lang(mut self, locale: &str, text: &str) -> Self {
        self.body.push_str(r#"<lang xml:lang=""#);
        push_escaped(&mut self.body, locale);
        self.body.push_str(r#"">"#);
        push_escaped(&mut self.body, text);
        self.body.push_str("</lang>");
        self
    }

    /// The finished document, `<speak>…</speak>`.
    #[must_use]
    pub fn build(self) -> Ssml {
        Ssml(format!("<speak>{}</speak>", self.body))
    }
}

/// Escapes the five XML special characters, so the text works both in element content and in attribute values,
/// and drops the control characters XML cannot carry.
fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 has no way to write other control characters (not even escaped); found by fuzzing.
            '\t' | '\n' | '\r' => out.push(c),
            control if control.is_control() || matches!(control, '\u{FFFE}' | '\u{FFFF}') => {}
            other => out.push(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_inside_speak() {
        assert_eq!(
            Ssml::from_text(r#"Tom & Jerry <live> "at" Joe's"#).as_str(),
            "<speak>Tom &amp; Jerry &lt;live&gt; &quot;at&quot; Joe&apos;s</speak>"
        );
    }

    #[test]
    fn attributes_are_escaped_too() {
        let ssml = SsmlBuilder::new().say_as(r#"x" evil="1"#, "42").build();
        assert_eq!(
            ssml.as_str(),
            r#"<speak><say-as interpret-as="x&quot; evil=&quot;1">42</say-as></speak>"#
        );
    }

    #[test]
    fn pauses_longer_than_ten_seconds_are_cut() {
        let ssml = SsmlBuilder::new().pause(Duration::from_secs(30)).build();
        assert_eq!(ssml.as_str(), r#"<speak><break time="10000ms"/></speak>"#);
    }

    #[test]
    fn empty_builder_is_an_empty_speak() {
        assert_eq!(SsmlBuilder::new().build().as_str(), "<speak></speak>");
    }
}
