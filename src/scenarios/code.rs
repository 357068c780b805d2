//! A section's code as a person edits it: the text is the truth, and the values panel is derived
//! from it. A text that is the section's own code with other values (and nothing else changed) is
//! kept as those values, so its link still says `alice=3` and the values keep their names; any
//! other text is the person's own (`Scenario::code`).

use super::literals::{self, Literal};
use super::{python, CodePiece, ParamSpec, Scenario};

/// One value of the values panel: a named parameter of the section (`alice`), or a numeric
/// literal of the code that is a call's argument.
#[derive(Clone, Debug, PartialEq)]
pub struct Knob {
    /// The `input[name]`: the parameter's name, or `line<N>` (`line<N>-<k>` for the k-th on a line).
    pub name: String,
    /// What it is, for a learner: the parameter's label, or the call it is passed to.
    pub label: String,
    /// The line it is on (none for a value that is not in the code, like 44.3's latency).
    pub line: Option<u32>,
    pub value: f64,
    /// Range, step, unit and wholeness; a literal's `name` and `label` here are empty.
    pub spec: ParamSpec,
    /// Where it is in the code that runs (`Scenario::python_text`).
    pub literal: Option<Literal>,
    /// It is one of the section's named parameters.
    pub named: bool,
}

impl Knob {
    /// The one check for a value typed, dragged or slid: the range, or why not.
    pub fn validate(&self, value: f64) -> Result<f64, String> {
        self.spec.validate(value).map_err(|e| if self.named { e } else { format!("this value{e}") })
    }

    /// What was typed, read and checked.
    pub fn parse(&self, text: &str) -> Result<f64, String> {
        self.spec.parse(text).map_err(|e| if self.named { e } else { format!("this value{e}") })
    }
}

impl Scenario {
    /// The code that runs differs from the section's own, with its own values (in this mode, with
    /// these URLs): what "Reset to the chapter's code" would undo.
    pub fn is_modified(&self) -> bool {
        self.python_text() != self.reset().python_text()
    }

    /// The section's own code with its own values, in this mode, with these URLs.
    pub fn reset(&self) -> Scenario {
        let mut reset = Scenario::new(self.id);
        reset.mode = self.mode;
        reset.urls = self.urls.clone();
        reset
    }

    /// Take `text` as the code: the section's own code with values read from it when that is
    /// what it is (in any of the section's modes), the person's own text otherwise. Named
    /// parameters found in a person's text take its values too (what the panel shows).
    pub fn set_code(&mut self, text: &str) {
        let mut modes: Vec<&'static str> = vec![self.mode];
        modes.extend(self.id.modes().iter().copied().filter(|m| *m != self.mode));
        let found = literals::find(text);
        for mode in modes {
            let mut candidate = self.clone();
            candidate.mode = mode;
            candidate.code = None;
            candidate.take_values(&found);
            if candidate.original_text() == text {
                *self = candidate;
                return;
            }
        }
        self.code = None;
        self.take_values(&found);
        self.code = Some(text.to_string());
    }

    /// Named parameters whose literal is in `found` take its value (when it is valid).
    fn take_values(&mut self, found: &[Literal]) {
        for (index, key) in self.named_keys() {
            if let Some(literal) = found.iter().find(|l| l.key == key) {
                if let Ok(value) = self.id.params()[index].validate(literal.value) {
                    self.values[index] = value;
                }
            }
        }
    }

    /// Each named parameter that is in the section's code (in the current mode): its index in
    /// `id.params()` and its literal's key.
    fn named_keys(&self) -> Vec<(usize, String)> {
        let pieces = python::source(&Scenario { code: None, ..self.clone() });
        let text: String = pieces.iter().map(CodePiece::text).collect();
        let found = literals::find(&text);
        let mut keys = Vec::new();
        let mut offset = 0;
        for piece in &pieces {
            if let CodePiece::Param { name, .. } = piece {
                let index = self.id.params().iter().position(|p| p.name == *name);
                if let (Some(index), Some(literal)) = (index, found.iter().find(|l| l.range.start == offset)) {
                    keys.push((index, literal.key.clone()));
                }
            }
            offset += piece.text().len();
        }
        keys
    }

    /// The values panel: every literal a call is given in the code that runs, in the order of
    /// the code (the section's named parameters by their names), then the named parameters that
    /// are not in the code.
    pub fn knobs(&self) -> Vec<Knob> {
        self.knobs_in(&self.python_text())
    }

    /// `knobs` of `text`, the code that runs.
    fn knobs_in(&self, text: &str) -> Vec<Knob> {
        let params = self.id.params();
        let named = self.named_keys();
        let mut knobs: Vec<Knob> = Vec::new();
        for literal in literals::find(text) {
            let param = named.iter().find(|(_, key)| *key == literal.key).map(|(i, _)| *i);
            let knob = match param {
                Some(index) => Knob {
                    name: params[index].name.to_string(),
                    label: params[index].label.to_string(),
                    line: Some(literal.line),
                    value: self.values[index],
                    spec: params[index],
                    literal: Some(literal),
                    named: true,
                },
                None => {
                    let on_line = knobs.iter().filter(|k| k.line == Some(literal.line)).count();
                    let name = match on_line {
                        0 => format!("line{}", literal.line),
                        n => format!("line{}-{}", literal.line, n + 1),
                    };
                    Knob {
                        name,
                        label: format!("{}, {}", literal.call, literal.argument),
                        line: Some(literal.line),
                        value: literal.value,
                        spec: literal_spec(&literal),
                        literal: Some(literal),
                        named: false,
                    }
                }
            };
            knobs.push(knob);
        }
        let in_code: Vec<usize> = named.iter().map(|(i, _)| *i).collect();
        for (index, spec) in params.iter().enumerate() {
            // `named` is the section's own code: a parameter of it that the person's text no longer
            // has is gone; one that never was in the code (44.3's latency) stays.
            if !in_code.contains(&index) {
                knobs.push(Knob {
                    name: spec.name.to_string(),
                    label: spec.label.to_string(),
                    line: None,
                    value: self.values[index],
                    spec: *spec,
                    literal: None,
                    named: true,
                });
            }
        }
        knobs
    }

    /// A person's `code` cut so that each named parameter it still has (with the value it runs
    /// with) is an editable piece, as in the section's own code.
    pub(super) fn pieces_of(&self, code: &str) -> Vec<CodePiece> {
        let mut pieces = Vec::new();
        let mut at = 0;
        for knob in self.knobs_in(code).into_iter().filter(|k| k.named) {
            let Some(literal) = knob.literal else { continue };
            let name = self.id.params().iter().find(|p| p.name == knob.name).map(|p| p.name);
            if let (Some(name), true) = (name, literal.value == knob.value && literal.range.start >= at) {
                pieces.push(CodePiece::Text(code[at..literal.range.start].to_string()));
                pieces.push(CodePiece::Param { name, value: code[literal.range.clone()].to_string() });
                at = literal.range.end;
            }
        }
        pieces.push(CodePiece::Text(code[at..].to_string()));
        pieces.retain(|p| !matches!(p, CodePiece::Text(t) if t.is_empty()));
        pieces
    }

    /// Set the value of `knob` (validated): a named parameter of the section's code by name, a
    /// literal by rewriting it in the code.
    pub fn set_knob(&mut self, knob: &Knob, value: f64) -> Result<(), String> {
        let value = knob.validate(value)?;
        match (&knob.literal, self.code.is_some() || !knob.named) {
            (Some(literal), true) => {
                let text = literals::replace(&self.python_text(), literal, value);
                self.set_code(&text);
                Ok(())
            }
            _ => self.set(&knob.name, value),
        }
    }
}

/// The range of a literal's slider: durations from 0 to a minute (or twice the value), counts from
/// 0 to 100 (or four times the value), anything else like a duration without its unit.
fn literal_spec(literal: &Literal) -> ParamSpec {
    let value = literal.value;
    let (max, step, unit, whole) = if literal.whole {
        ((value * 4.0).max(100.0).round(), 1.0, "", true)
    } else {
        ((value * 2.0).max(60.0), 0.1, if literal.seconds { "s" } else { "" }, false)
    };
    ParamSpec { name: "", label: "", default: value, min: 0.0f64.min(value), max, step, unit, whole }
}
