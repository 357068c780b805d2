//! The chapter's scenarios: their stable ids and parameters (used in links, tests and the UI), the
//! Python code shown for them (with the values that will run), and how to run them on any runtime.

mod code;
pub mod gallery;
mod id;
pub mod literals;
mod python;
pub mod sample_api;

use std::rc::Rc;

use crate::engine::{
    micros_from_secs, reason_phrase, Aio, Event, Micros, ResponseHead, RunOutcome, SimulatedReply, Task, Timeline,
    VirtualClock,
};

pub use code::Knob;
pub use id::ScenarioId;
pub use python::CodePiece;

/// One editable number: a delay or a duration, in seconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParamSpec {
    /// Stable name (links, `<input name>`).
    pub name: &'static str,
    /// What it is, for a learner.
    pub label: &'static str,
    pub default: f64,
    pub min: f64,
    pub max: f64,
    /// Slider step.
    pub step: f64,
    /// The unit shown after the value: "s" for delays, "tasks" for a count.
    pub unit: &'static str,
    /// Only whole numbers (a count of tasks).
    pub whole: bool,
}

impl ParamSpec {
    /// The one place a value is checked: a number in `min..=max` (whole for a count), or a message
    /// saying why not. Typed text (`parse`), sliders, arrow keys and drags (the UI's `Set`) and links
    /// (`clamp`, then `Scenario::set`) all end here. `-0` comes back as `0`: the code shows `0`.
    pub fn validate(&self, value: f64) -> Result<f64, String> {
        let number = crate::engine::value::py_number;
        if value.is_nan() {
            return Err(format!("{} must be a number", self.name));
        }
        // Infinities fall through to the range checks: "1e999" is a (much too) big number.
        if self.whole && value.is_finite() && value.fract() != 0.0 {
            return Err(format!("{} must be a whole number", self.name));
        }
        if value < self.min {
            return Err(format!("{} must be at least {} {}", self.name, number(self.min), self.unit));
        }
        if value > self.max {
            return Err(format!("{} can be at most {} {}", self.name, number(self.max), self.unit));
        }
        Ok(value + 0.0)
    }

    /// Parse what a person typed (`1.5`, ` 2 `, `1,5`) and validate it.
    pub fn parse(&self, text: &str) -> Result<f64, String> {
        let typed = text.trim();
        if typed.is_empty() {
            return Err(format!("{} needs a value", self.name));
        }
        let cleaned = typed.replace(',', ".");
        // Rust reads `nan`, `inf` and `infinity` as floats; a person who types them typed a word.
        let word = cleaned.trim_start_matches(['+', '-']).to_ascii_lowercase();
        let value =
            if word.starts_with("nan") || word.starts_with("inf") { None } else { crate::decimal::parse_f64(&cleaned) };
        let value = value.ok_or_else(|| format!("'{}' is not a number", shorten(typed)))?;
        self.validate(value)
    }

    /// Bring any number into range (for links, which must always produce a valid state).
    pub fn clamp(&self, value: f64) -> f64 {
        if value.is_finite() {
            let value = if self.whole { value.round() } else { value };
            value.clamp(self.min, self.max) + 0.0
        } else {
            self.default
        }
    }
}

/// What was typed, cut for a message: a pasted paragraph is quoted by its beginning.
fn shorten(text: &str) -> String {
    const MAX: usize = 24;
    match text.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

const fn delay(name: &'static str, label: &'static str, default: f64) -> ParamSpec {
    seconds(name, label, default, 0.0, 60.0, 0.1)
}

const fn seconds(name: &'static str, label: &'static str, default: f64, min: f64, max: f64, step: f64) -> ParamSpec {
    ParamSpec { name, label, default, min, max, step, unit: "s", whole: false }
}

/// The chapter's three URLs (44.3).
pub const CHAPTER_URLS: [&str; 3] = [
    "https://api.github.com/users/python",
    "https://api.github.com/users/github",
    "https://api.github.com/users/torvalds",
];

/// A scenario with every value that will run: what the code panel shows and what a link holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub id: ScenarioId,
    /// One value per `id.params()`, in that order.
    pub values: Vec<f64>,
    /// One of `id.modes()`, or "" when the section has none.
    pub mode: &'static str,
    /// The URLs of 44.3 (unused elsewhere).
    pub urls: Vec<String>,
    /// The person's own text, when it differs from the section's code with these values (the
    /// editor; a link's `code=`). `None`: the section's code, rendered from `values`, `mode`, `urls`.
    pub code: Option<String>,
}

impl Scenario {
    pub fn new(id: ScenarioId) -> Scenario {
        Scenario {
            id,
            values: id.params().iter().map(|p| p.default).collect(),
            mode: id.modes().first().copied().unwrap_or(""),
            urls: CHAPTER_URLS.iter().map(|u| u.to_string()).collect(),
            code: None,
        }
    }

    /// The value of parameter `name` (0 if the scenario has no such parameter).
    pub fn get(&self, name: &str) -> f64 {
        self.id.params().iter().position(|p| p.name == name).map_or(0.0, |i| self.values[i])
    }

    /// Set parameter `name`, validated. On error the old value stays.
    pub fn set(&mut self, name: &str, value: f64) -> Result<(), String> {
        let index = self
            .id
            .params()
            .iter()
            .position(|p| p.name == name)
            .ok_or_else(|| format!("{} has no parameter '{name}'", self.id.id()))?;
        self.values[index] = self.id.params()[index].validate(value)?;
        Ok(())
    }

    /// Choose a mode by name; unknown names are refused.
    pub fn set_mode(&mut self, mode: &str) -> Result<(), String> {
        let found = self.id.modes().iter().find(|m| **m == mode).ok_or_else(|| format!("unknown mode '{mode}'"))?;
        self.mode = found;
        Ok(())
    }

    /// The section's Python code with the current values, split so that each value can be edited.
    pub fn python(&self) -> Vec<CodePiece> {
        match &self.code {
            Some(code) => self.pieces_of(code),
            None => python::source(self),
        }
    }

    /// The section's own code with these values, whatever the person typed.
    pub fn original_text(&self) -> String {
        python::source(self).iter().map(CodePiece::text).collect()
    }

    /// The Python code as plain text (what the CPython check runs).
    pub fn python_text(&self) -> String {
        self.python().iter().map(CodePiece::text).collect()
    }

    /// Start the scenario's Python text on `aio`, interpreted (`crate::python`): what the page
    /// runs, for real and on the virtual clock. The text always compiles, whatever the values
    /// (they are validated numbers; tests/python_chapter.rs runs every section and mode).
    pub fn start(&self, aio: &Aio) -> ScenarioRun {
        // The chapter's code always compiles (tests/python_chapter.rs); a person's may not. The page
        // never starts code that does not compile (it shows the error and keeps the last good
        // program), but a run must never panic: code that does not compile raises its error.
        let program = crate::python::Program::compile(&self.python_text()).unwrap_or_else(|e| {
            let raise = format!("raise {}({:?})\n", e.kind, format!("{} (line {})", e.message, e.pos.line));
            crate::python::Program::compile(&raise).expect("a raise statement compiles")
        });
        let run = crate::python::start(&program, aio, 0);
        ScenarioRun { root: run.task.clone(), run }
    }

    /// What the virtual clock answers for a URL: the sample API answers as its service worker will
    /// (`sample_api::respond`); any other site after `latency`, with a body the size of the chapter's
    /// responses (a guess: only a real run can say).
    pub fn simulated_reply(&self, url: &str) -> SimulatedReply {
        if sample_api::is_sample(url) {
            let answer = sample_api::respond(url);
            let head = ResponseHead { url: url.to_string(), status: answer.status, reason: answer.reason };
            return SimulatedReply {
                head_after: micros_from_secs(answer.delay),
                body_takes: micros_from_secs(answer.body_takes),
                result: Ok((head, answer.body)),
            };
        }
        let login = url.split(['?', '#']).next().unwrap_or(url).trim_end_matches('/').rsplit('/').next().unwrap_or("");
        let body = sample_api::respond(&format!("{}users/{login}", sample_api::PREFIX)).body;
        let head = ResponseHead { url: url.to_string(), status: 200, reason: reason_phrase(200).to_string() };
        SimulatedReply { head_after: micros_from_secs(self.get("latency")), body_takes: 0, result: Ok((head, body)) }
    }

    /// Run on the virtual clock: the ideal timeline, instantly and identically every time.
    pub fn run_virtual(&self) -> VirtualRun {
        let me = self.clone();
        let clock = VirtualClock::new(Rc::new(move |url: &str| me.simulated_reply(url)));
        let aio = Aio::new(Rc::new(clock.clone()));
        let started = self.start(&aio);
        // A person's code is previewed on every pause in typing: a loop that never awaits must
        // be stopped in a blink there, not after the real run's 30,000,000 steps (seconds in the
        // page, on every keystroke). The chapter's own code (44.5's busy loop) keeps the full budget.
        if self.code.is_some() {
            started.run.set_step_budget(PREVIEW_STEP_BUDGET);
        }
        let root = &started.root;
        // Generous limits: the largest values allowed end far sooner; a limit hit is reported.
        let outcome = clock.run(3_600_000_000, 10_000_000);
        let events = aio.take_events();
        let total = events.iter().find(|e| e.task == root.id() && e.kind.is_final()).map(|e| e.at);
        let result = aio.task_result(root.id());
        let warnings = started.warnings();
        // A run cut short by a limit still has tasks on the clock, which hold the loop that holds
        // the clock: dropped now, or the cycle would outlive the run.
        aio.close();
        VirtualRun { events, total, outcome, result, warnings }
    }
}

/// Steps a person's code may take between two turns of the loop on the virtual clock (see
/// `Scenario::run_virtual`): about 0.1 s natively, a few tenths in the page.
pub const PREVIEW_STEP_BUDGET: u64 = 3_000_000;

/// A section's program started on a loop: its root task, and the interpreter's run, which lives as
/// long as this does (dropping it ends the run and frees it).
pub struct ScenarioRun {
    pub root: Task,
    run: crate::python::Started,
}

impl ScenarioRun {
    /// The program's warnings so far (see `VirtualRun::warnings`).
    pub fn warnings(&self) -> Vec<String> {
        self.run.warnings()
    }
}

/// The outcome of a virtual-clock run.
#[derive(Clone, Debug)]
pub struct VirtualRun {
    pub events: Vec<Event>,
    /// When the top-level code finished (the chapter's "Time:").
    pub total: Option<Micros>,
    pub outcome: RunOutcome,
    pub result: Option<crate::engine::CoroResult>,
    /// What CPython would write to stderr besides a traceback, in its words
    /// (`RuntimeWarning: coroutine 'greet' was never awaited`).
    pub warnings: Vec<String>,
}

impl VirtualRun {
    pub fn timeline(&self) -> Timeline {
        Timeline::from_events(&self.events, None)
    }

    /// Every printed line, in order (a print with `\n` inside gives several lines, as on a terminal).
    pub fn lines(&self) -> Vec<String> {
        printed_lines(&self.events)
    }
}

/// The console's lines from an event log.
pub fn printed_lines(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match &e.kind {
            crate::engine::EventKind::Printed { text } => {
                Some(text.split('\n').map(str::to_string).collect::<Vec<_>>())
            }
            _ => None,
        })
        .flatten()
        .collect()
}
