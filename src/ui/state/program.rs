//! The program concern: the code the page runs, i.e. the section's scenario with its values, mode
//! and (44.3) URLs, the text typed into value fields that is not a value yet (drafts), and whether
//! the link locks the code. Its edits say whether the scenario changed; the reducer (`super`) then
//! has the runs and the view follow, so this module knows nothing of them.

use crate::scenarios::{CodePiece, ParamSpec, Scenario, ScenarioId, CHAPTER_URLS};

use super::urls::{apply, check, Preset, UrlEdit};

/// Text typed into a value's field that differs from the value shown by the code: mid-typing
/// (`1.`) or invalid (`abc`, with the reason).
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub name: &'static str,
    pub text: String,
    pub error: Option<String>,
}

/// Where the code does not compile, and why (CPython's words, line and column from 1).
#[derive(Clone, Debug, PartialEq)]
pub struct CodeError {
    pub line: u32,
    pub col: u32,
    pub message: String,
}

/// What the code pane says about the code kept in this browser (`browser::drafts`).
#[derive(Clone, Debug, PartialEq)]
pub enum DraftNote {
    /// Opening the section brought back the code typed here last time.
    Restored,
    /// A link opened the section with its own code; the person's draft is kept aside.
    SetAside(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Program {
    pub scenario: Scenario,
    pub drafts: Vec<Draft>,
    /// The code stays as the link has it: no mode or URL change; values stay editable (`lock=1`).
    pub lock: bool,
    /// The code as typed does not compile: the ideal run shown is the last good one.
    pub error: Option<CodeError>,
    /// Counts edits of the text: the preview runs once the typing pauses, for the latest one.
    pub edits: u32,
    /// The ideal run shown is of an older text (typing, or a syntax error): shown greyed.
    pub stale: bool,
    pub draft_note: Option<DraftNote>,
    /// A link brought someone else's code and asked to run it: the real run (which may fetch
    /// URLs) waits for a click.
    pub run_waits: bool,
    /// Counts the times a section or link was opened: each is when a kept draft is looked at.
    pub opened: u32,
}

/// `text`'s syntax error, if it has one.
fn syntax_error(text: &str) -> Option<CodeError> {
    crate::python::Program::compile(text).err().map(|e| CodeError {
        line: e.pos.line,
        col: e.pos.col,
        message: format!("{}: {}", e.kind, e.message),
    })
}

impl Program {
    pub(super) fn new(scenario: Scenario, lock: bool) -> Program {
        let error = scenario.code.as_deref().and_then(syntax_error);
        Program {
            scenario,
            drafts: Vec::new(),
            lock,
            error,
            edits: 0,
            stale: false,
            draft_note: None,
            run_waits: false,
            opened: 0,
        }
    }

    /// The program a section or link opens, in place of this one.
    pub(super) fn opening(&self, scenario: Scenario, lock: bool) -> Program {
        Program { opened: self.opened.wrapping_add(1), ..Program::new(scenario, lock) }
    }

    /// The text in the editor changed (true if the code that runs changed). A text that does not
    /// compile is kept, with its error; the preview then stays the last good one.
    pub(super) fn set_text(&mut self, text: &str) -> bool {
        if self.lock || text == self.scenario.python_text() {
            return false;
        }
        self.scenario.set_code(text);
        self.drafts.clear();
        self.error = syntax_error(text);
        self.edits = self.edits.wrapping_add(1);
        self.stale = true;
        true
    }

    /// A value of the values panel that is a literal of the code (`line9`), set by its slider or
    /// number field (true if the code changed).
    pub(super) fn set_literal(&mut self, name: &str, value: f64) -> bool {
        let Some(knob) = self.scenario.knobs().into_iter().find(|k| k.name == name) else { return false };
        let before = self.scenario.python_text();
        let rounded = (value * 1e6).round() / 1e6;
        self.scenario.set_knob(&knob, rounded).is_ok() && self.scenario.python_text() != before
    }

    fn spec(&self, name: &str) -> Option<ParamSpec> {
        self.scenario.id.params().iter().find(|p| p.name == name).copied()
    }

    fn set_draft(&mut self, draft: Draft) {
        self.drafts.retain(|d| d.name != draft.name);
        self.drafts.push(draft);
    }

    /// Keystrokes in a value's field (true if the value changed).
    pub(super) fn type_text(&mut self, name: &str, text: String) -> bool {
        let Some(spec) = self.spec(name) else { return false };
        match spec.parse(&text) {
            Ok(value) => {
                let before = self.scenario.get(name);
                self.set_named(name, value);
                self.set_draft(Draft { name: spec.name, text, error: None });
                before != value
            }
            Err(error) => {
                self.set_draft(Draft { name: spec.name, text, error: Some(error) });
                false
            }
        }
    }

    /// Set a named parameter (valid): in the person's own code, by rewriting its literal.
    fn set_named(&mut self, name: &str, value: f64) {
        match self.scenario.knobs().into_iter().find(|k| k.name == name && k.named) {
            Some(knob) => {
                let _ = self.scenario.set_knob(&knob, value);
            }
            None => {
                let _ = self.scenario.set(name, value);
            }
        }
    }

    /// The field lost focus: show the value as the code has it (an invalid entry stays, with its
    /// message, until corrected).
    pub(super) fn commit(&mut self, name: &str) {
        self.drafts.retain(|d| d.name != name || d.error.is_some());
    }

    /// Escape in a field: forget what was typed.
    pub(super) fn revert(&mut self, name: &str) {
        self.drafts.retain(|d| d.name != name);
    }

    /// A value set by a slider, an arrow key or a drag (true if the value changed).
    pub(super) fn set_value(&mut self, name: &str, value: f64) -> bool {
        let Some(spec) = self.spec(name) else { return false };
        // Arrow keys add 0.1 to 0.2 and get 0.30000000000000004: keep what a person would write.
        let rounded = (value * 1e6).round() / 1e6;
        // Steppers and drags clamp before they dispatch; anything else out of range (a slider
        // whose value was tampered with, NaN) is refused like typed text: the reason next to
        // the field, the last good value kept.
        match spec.validate(rounded) {
            Ok(value) => {
                self.drafts.retain(|d| d.name != name);
                if self.scenario.get(name) != value {
                    self.set_named(name, value);
                    return true;
                }
                false
            }
            Err(error) => {
                let text = crate::engine::value::py_number(value);
                self.set_draft(Draft { name: spec.name, text, error: Some(error) });
                false
            }
        }
    }

    /// Another mode of the section (true if it changed). A locked link keeps the code its author
    /// chose; sequential and concurrent are different code.
    pub(super) fn set_mode(&mut self, mode: &str) -> bool {
        !self.lock && mode != self.scenario.mode && self.scenario.set_mode(mode).is_ok()
    }

    /// The code must show the values that run: typed text that is not a valid value is dropped
    /// when a run starts (its message said the old value was kept).
    pub(super) fn drop_invalid_drafts(&mut self) {
        self.drafts.retain(|d| d.error.is_none());
    }

    /// An edit of 44.3's URL list (true if the list changed). Refused in another section, in a
    /// locked link, or when `check` refuses it.
    pub(super) fn edit_urls(&mut self, edit: UrlEdit) -> bool {
        if self.scenario.id != ScenarioId::FetchUrls || self.lock || self.scenario.code.is_some() {
            return false;
        }
        if check(&self.scenario.urls, &edit).is_err() {
            return false;
        }
        let mut urls = self.scenario.urls.clone();
        apply(&mut urls, edit);
        if urls == self.scenario.urls {
            return false;
        }
        self.scenario.urls = urls;
        true
    }

    /// Offline, the chapter's GitHub URLs can only fail: 44.3 showing them unchanged switches to
    /// the sample API's copies (true if it did). A list the person edited, or a locked link's, is
    /// never switched.
    pub(super) fn use_sample_urls(&mut self) -> bool {
        let chapter = self.scenario.urls.iter().map(String::as_str).eq(CHAPTER_URLS);
        if self.scenario.id != ScenarioId::FetchUrls || !chapter || self.lock {
            return false;
        }
        self.scenario.urls = Preset::Sample.urls();
        true
    }
}

/// The scenario's code with typed text in place of the values being typed (so typing `1.` keeps
/// its dot in the code).
pub fn code_with_drafts(scenario: &Scenario, drafts: &[Draft]) -> Vec<CodePiece> {
    scenario
        .python()
        .into_iter()
        .map(|piece| match piece {
            CodePiece::Param { name, value } => {
                let value = drafts.iter().find(|d| d.name == name).map_or(value, |d| d.text.clone());
                CodePiece::Param { name, value }
            }
            text => text,
        })
        .collect()
}
