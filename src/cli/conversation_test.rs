//! `onair test`: conversation scripts (YAML) run against the skill with a simulated Echo, one line per step, a diff
//! on failure and `N passed, M failed` over the scripts at the end.
//!
//! Utterances go through the same interaction model and envelope building as `onair say`; AudioPlayer events and
//! buttons come from a simulated Echo (`echo.rs`); every answer passes the response guard's checks before the
//! script's own.

mod echo;
mod expect;
pub mod script;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use serde_json::{Value, json};

use self::echo::Echo;
use self::expect::{Observed, check, describe, speech_of};
use self::script::{ConsentAnswer, RawRequest, Script, Step, parse_duration};
use super::say::{
    Consent, Conversation, Device, DeviceKind, consent_response, heard, nlu_for, permission_prompt,
    utterance_request,
};
use super::{CliStore, ScheduleSource, emit};
use crate::alexa::RequestEnvelope;
use crate::skill::reminders::InMemoryReminders;
use crate::skill::speech::negotiate;
use crate::skill::{FixedZone, HttpsMedia, Skill, parse_zone};
use crate::storage::{InMemoryPlayback, ScheduleStore};

/// Arguments of `onair test`.
#[derive(Debug, clap::Args)]
pub struct TestArgs {
    /// Conversation scripts (.yaml or .yml), or folders of them (searched recursively, run in name order).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Where the schedule comes from for scripts that name no `schedule` file.
    #[command(flatten)]
    pub source: ScheduleSource,
    /// Also write the results as JUnit XML (one test case per script) for CI systems.
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
}

/// The result of one script.
struct ScriptReport {
    file: PathBuf,
    name: String,
    /// The first failing step's number and diff, if any.
    failure: Option<String>,
    seconds: f64,
}

/// Runs the scripts; `verbose` (-v) also prints every step's answer, which helps to write a script.
pub(super) async fn run(args: TestArgs, verbose: bool) -> anyhow::Result<ExitCode> {
    let files = super::files_in(&args.paths, &["yaml", "yml"], "conversation scripts")?;
    let mut reports = Vec::new();
    for file in &files {
        let started = std::time::Instant::now();
        let mut out = String::new();
        let (name, failure) = match load(file) {
            Ok(script) => {
                let name = script.name.clone().unwrap_or_else(|| display_name(file));
                let _ = writeln!(out, "{} — {name}", file.display());
                let failure = run_script(&script, file, &args.source, verbose, &mut out).await;
                (name, failure)
            }
            Err(error) => {
                let _ = writeln!(out, "{}", file.display());
                let message = format!("{error:#}");
                let _ = writeln!(out, "  FAIL  the script cannot be read: {message}");
                (display_name(file), Some(message))
            }
        };
        emit(out.trim_end())?;
        reports.push(ScriptReport {
            file: file.clone(),
            name,
            failure,
            seconds: started.elapsed().as_secs_f64(),
        });
    }
    let failed = reports.iter().filter(|r| r.failure.is_some()).count();
    let passed = reports.len() - failed;
    if let Some(path) = &args.junit {
        std::fs::write(path, junit(&reports))
            .with_context(|| format!("cannot write the JUnit report {}", path.display()))?;
    }
    emit("")?;
    emit(format_args!("{passed} passed, {failed} failed"))?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn display_name(file: &Path) -> String {
    file.file_stem().map_or_else(
        || file.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

fn load(file: &Path) -> anyhow::Result<Script> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let script: Script = serde_norway::from_str(&text).map_err(|e| anyhow::anyhow!("{e}"))?;
    if let Some(locale) = &script.locale {
        super::parse_locale(locale).map_err(|e| anyhow::anyhow!("locale: {e}"))?;
    }
    if let Some(zone) = &script.time_zone {
        parse_zone(zone).map_err(|e| anyhow::anyhow!("time_zone: {e}"))?;
    }
    for (number, step) in script.steps.iter().enumerate() {
        let actions = [
            step.say.is_some(),
            step.request.is_some(),
            step.event.is_some(),
            step.button.is_some(),
            step.wait.is_some(),
            step.permission.is_some(),
        ]
        .into_iter()
        .filter(|set| *set)
        .count();
        if actions != 1 {
            anyhow::bail!(
                "step {}: set exactly one of say, request, event, button, wait, permission ({actions} are set)",
                number + 1
            );
        }
        if let Some(wait) = &step.wait {
            parse_duration(&wait.text())
                .map_err(|e| anyhow::anyhow!("step {}: wait: {e}", number + 1))?;
        }
        if let Some(offset) = &step.offset {
            parse_duration(&offset.text())
                .map_err(|e| anyhow::anyhow!("step {}: offset: {e}", number + 1))?;
        }
    }
    Ok(script)
}

/// A script's world: the skill over its schedule, the device, the session and the Echo's player.
struct Run<'a> {
    skill: Skill<CliStore, HttpsMedia, Option<FixedZone>, InMemoryPlayback, InMemoryReminders>,
    device: Device,
    /// The scope and token of the permission prompt the last answer asked Alexa to play.
    prompt: Option<(String, String)>,
    conversation: Conversation,
    echo: Echo,
    base: &'a Path,
    turn: usize,
}

/// Runs a script, writing one line per step into `out`; returns the first failure's report.
async fn run_script(
    script: &Script,
    file: &Path,
    source: &ScheduleSource,
    verbose: bool,
    out: &mut String,
) -> Option<String> {
    let base = file.parent().unwrap_or_else(|| Path::new("."));
    let store = match &script.schedule {
        Some(path) => {
            let source = ScheduleSource {
                schedule: Some(base.join(path)),
                table: None,
            };
            source.in_memory().map(CliStore::Memory)
        }
        None => source.open().await,
    };
    let store = match store {
        Ok(store) => store,
        Err(error) => {
            let message = format!("no schedule: {error:#}");
            let _ = writeln!(out, "  FAIL  {message}");
            return Some(message);
        }
    };
    let zone = script
        .time_zone
        .as_deref()
        .and_then(|z| parse_zone(z).ok())
        .map(FixedZone);
    let mut run = Run {
        skill: Skill::new(store)
            .with_zones(zone)
            .with_playback(InMemoryPlayback::new())
            .with_reminders(InMemoryReminders::new())
            .with_follows(std::sync::Arc::new(crate::storage::InMemoryFollows::new())),
        device: Device {
            locale: script.locale.clone().unwrap_or_else(|| "en-US".to_owned()),
            kind: script.device.unwrap_or(DeviceKind::Speaker),
            granted: script
                .permissions
                .iter()
                .map(|p| p.scope().to_owned())
                .collect(),
        },
        prompt: None,
        conversation: Conversation::default(),
        echo: Echo::new(script.at),
        base,
        turn: 0,
    };
    let mut failure = None;
    for (index, step) in script.steps.iter().enumerate() {
        let number = index + 1;
        let label = step_label(step);
        if failure.is_some() {
            let _ = writeln!(out, "  skip  {number:>2} {label}");
            continue;
        }
        match run.step(step).await {
            Ok(StepOutcome {
                heard,
                problems,
                answer,
            }) => {
                let heard = heard.map(|h| format!(" → {h}")).unwrap_or_default();
                if problems.is_empty() {
                    let _ = writeln!(out, "  ok    {number:>2} {label}{heard}");
                    if verbose && let Some(answer) = answer {
                        for line in answer.lines() {
                            let _ = writeln!(out, "           {line}");
                        }
                    }
                } else {
                    let _ = writeln!(out, "  FAIL  {number:>2} {label}{heard}");
                    let mut diff = String::new();
                    for problem in &problems {
                        for line in problem.lines() {
                            let _ = writeln!(diff, "        {line}");
                        }
                    }
                    out.push_str(&diff);
                    failure = Some(format!("step {number}: {label}{heard}\n{diff}"));
                }
            }
            Err(error) => {
                let _ = writeln!(out, "  FAIL  {number:>2} {label}");
                let _ = writeln!(out, "        {error}");
                failure = Some(format!("step {number}: {label}\n{error}"));
            }
        }
    }
    failure
}

/// What a step did: what the NLU heard (for requests) and every failed check.
struct StepOutcome {
    heard: Option<String>,
    problems: Vec<String>,
    /// The answer as a person reads it (for `-v`); `None` for a wait.
    answer: Option<String>,
}

fn step_label(step: &Step) -> String {
    if let Some(say) = &step.say {
        return format!("say \"{say}\"");
    }
    if let Some(request) = &step.request {
        return match request {
            RawRequest::Path(path) => format!("request {}", path.display()),
            RawRequest::Inline(body) => format!(
                "request {}",
                body.get("request")
                    .and_then(|r| r["type"].as_str())
                    .unwrap_or("(inline)")
            ),
        };
    }
    if let Some(event) = step.event {
        let mut label = format!("event {}", echo::event_type(event));
        if let Some(offset) = &step.offset {
            let _ = write!(label, " at {}", offset.text());
        }
        if let Some(error) = &step.error {
            let _ = write!(label, " ({error})");
        }
        return label;
    }
    if let Some(button) = step.button {
        let body = Echo::button(button);
        return format!("button {}", body["type"].as_str().unwrap_or("?"));
    }
    if let Some(answer) = step.permission {
        return format!("permission {}", consent_of(answer).wire());
    }
    format!(
        "wait {}",
        step.wait
            .as_ref()
            .map_or_else(|| "?".to_owned(), |w| w.text())
    )
}

impl Run<'_> {
    async fn step(&mut self, step: &Step) -> Result<StepOutcome, String> {
        if let Some(wait) = &step.wait {
            self.echo.wait(parse_duration(&wait.text())?);
            return Ok(StepOutcome {
                heard: None,
                problems: Vec::new(),
                answer: None,
            });
        }
        let now = self.echo.now();
        let envelope = if let Some(utterance) = &step.say {
            let schedule = self
                .skill
                .store()
                .schedule_at(now)
                .await
                .map_err(|e| format!("cannot read the schedule: {e}"))?;
            let nlu = nlu_for(&self.device.locale, &schedule).map_err(|e| format!("{e:#}"))?;
            let request = utterance_request(&nlu, utterance, now);
            let player = (self.device.kind != DeviceKind::NoAudio).then(|| self.echo.context());
            self.conversation
                .envelope(request, &self.device, player, now, self.turn)
        } else if let Some(raw) = &step.request {
            self.raw_request(raw)?
        } else if let Some(event) = step.event {
            let offset = step
                .offset
                .as_ref()
                .map(|o| parse_duration(&o.text()))
                .transpose()?;
            let body = self.echo.event(event, offset, step.error.as_deref())?;
            self.device_envelope(body)
        } else if let Some(button) = step.button {
            self.device_envelope(Echo::button(button))
        } else if let Some(answer) = step.permission {
            let Some((scope, token)) = self.prompt.take() else {
                return Err(
                    "permission: the previous answer did not ask for a permission".to_owned(),
                );
            };
            let consent = consent_of(answer);
            if consent == Consent::Grant && !self.device.granted.contains(&scope) {
                self.device.granted.push(scope.clone());
            }
            let player = (self.device.kind != DeviceKind::NoAudio).then(|| self.echo.context());
            self.conversation.envelope(
                consent_response(consent, &scope, &token),
                &self.device,
                player,
                now,
                self.turn,
            )
        } else {
            return Err("the step does nothing".to_owned());
        };
        self.turn += 1;
        let now = self.echo.now();
        let heard_text = heard(&envelope);
        let request_locale = envelope["request"]["locale"].as_str().map(str::to_owned);
        let parsed: RequestEnvelope = serde_json::from_value(envelope)
            .map_err(|e| format!("not an Alexa request envelope: {e}"))?;
        let answered = self.skill.answer_at(parsed, now).await;
        let mut problems: Vec<String> = answered
            .violations
            .iter()
            .map(|v| format!("response guard: {v} (Alexa would refuse this answer)"))
            .collect();
        let playing = self.echo.current_token().map(str::to_owned);
        let response = &answered.response.response;
        if step.say.is_some() || step.permission.is_some() {
            self.conversation.after(&answered.response);
        }
        self.prompt = permission_prompt(&answered.response);
        if let Some(expect) = &step.expect {
            let seen = Observed {
                response,
                heard: heard_text.split_whitespace().next().unwrap_or(""),
                language: negotiate(request_locale.as_deref()),
                playing_token: playing.as_deref(),
            };
            problems.extend(check(expect, &seen));
        }
        if self.device.kind != DeviceKind::NoAudio {
            problems.extend(self.echo.obey(response));
        }
        if step.event == Some(script::PlayerEvent::Finished) {
            self.echo.advance_queue();
        }
        // The speech is part of every diff: a failed play check is often explained by what Alexa said instead.
        if !problems.is_empty() && !problems.iter().any(|p| p.contains("\n  said")) {
            let speech = speech_of(response);
            if !speech.is_empty() {
                problems.push(format!("(Alexa said: \"{speech}\")"));
            }
        }
        let spoken_or_raw =
            step.say.is_some() || step.request.is_some() || step.permission.is_some();
        Ok(StepOutcome {
            heard: spoken_or_raw.then_some(heard_text),
            problems,
            answer: Some(describe(response)),
        })
    }

    fn raw_request(&self, raw: &RawRequest) -> Result<Value, String> {
        let mut envelope = match raw {
            RawRequest::Path(path) => {
                let path = self.base.join(path);
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                serde_json::from_str(&text)
                    .map_err(|e| format!("{} is not JSON: {e}", path.display()))?
            }
            RawRequest::Inline(body) => Value::Object(body.clone()),
        };
        if envelope["request"]["timestamp"].is_null() {
            envelope["request"]["timestamp"] = json!(timestamp(self.echo.now()));
        }
        Ok(envelope)
    }

    /// The envelope of a device-originated request (AudioPlayer event or button): no session, the player's state.
    fn device_envelope(&self, mut request: Value) -> Value {
        let now = self.echo.now();
        request["requestId"] = json!(format!("amzn1.echo-api.request.onair-test-{}", self.turn));
        request["timestamp"] = json!(timestamp(now));
        request["locale"] = json!(self.device.locale);
        let mut context = json!({ "System": self.device.system() });
        if self.device.kind != DeviceKind::NoAudio {
            context["AudioPlayer"] = self.echo.context();
        }
        json!({ "version": "1.0", "context": context, "request": request })
    }
}

fn consent_of(answer: ConsentAnswer) -> Consent {
    match answer {
        ConsentAnswer::Grant => Consent::Grant,
        ConsentAnswer::Deny => Consent::Deny,
        ConsentAnswer::NoAnswer => Consent::Silence,
    }
}

fn timestamp(now: chrono::DateTime<chrono::Utc>) -> String {
    now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The JUnit XML report: one `testsuite` for the run, one `testcase` per script.
fn junit(reports: &[ScriptReport]) -> String {
    let failures = reports.iter().filter(|r| r.failure.is_some()).count();
    let total: f64 = reports.iter().map(|r| r.seconds).sum();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xml,
        "<testsuites name=\"onair test\" tests=\"{}\" failures=\"{failures}\" time=\"{total:.3}\">",
        reports.len()
    );
    let _ = writeln!(
        xml,
        "  <testsuite name=\"onair test\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" time=\"{total:.3}\">",
        reports.len()
    );
    for report in reports {
        let _ = write!(
            xml,
            "    <testcase name=\"{}\" classname=\"{}\" time=\"{:.3}\"",
            escape(&report.name),
            escape(&report.file.display().to_string()),
            report.seconds
        );
        match &report.failure {
            None => xml.push_str("/>\n"),
            Some(failure) => {
                let first = failure.lines().next().unwrap_or("");
                let _ = writeln!(
                    xml,
                    ">\n      <failure message=\"{}\">{}</failure>\n    </testcase>",
                    escape(first),
                    escape(failure)
                );
            }
        }
    }
    xml.push_str("  </testsuite>\n</testsuites>\n");
    xml
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn junit_escapes_and_counts() {
        let reports = [
            ScriptReport {
                file: PathBuf::from("a.yaml"),
                name: "plays <live>".to_owned(),
                failure: None,
                seconds: 0.5,
            },
            ScriptReport {
                file: PathBuf::from("b.yaml"),
                name: "b".to_owned(),
                failure: Some("step 2: say \"x\"\n  says: expected \"y\" & more".to_owned()),
                seconds: 0.25,
            },
        ];
        let xml = junit(&reports);
        assert!(xml.contains("tests=\"2\" failures=\"1\""), "{xml}");
        assert!(xml.contains("plays &lt;live&gt;"), "{xml}");
        assert!(xml.contains("&quot;y&quot; &amp; more"), "{xml}");
    }
}
