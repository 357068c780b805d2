//! The view concern: how the page shows the run, none of which changes the program or the run. The
//! view options, embed mode, the scrub cursor (the moment shown, moved by scrubbing and stepping
//! through the events) and predict mode with the learner's guess. The cursor moves through the run
//! it is handed (`Run`), and the cards are dealt from its ideal run.

use crate::engine::Micros;
use crate::link::View;
use crate::report::moment::Moment;
use crate::report::predict::{dealt_order, printed_lines, MAX_CARDS};

use super::run::Run;
use crate::ui::shared::Shared;
use crate::ui::trace::Trace;

/// The learner's prediction: the lines in the order they expect them, and the total they expect.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Guess {
    /// The texts of the lines, in the guessed order (dealt in the order the code reads).
    pub order: Vec<String>,
    /// Too many lines to order (a run of thousands): only the total is guessed.
    pub too_many: usize,
    /// The total as typed, in seconds.
    pub total: String,
}

/// A step of the scrub cursor (buttons and arrow keys).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Start,
    Previous,
    Next,
    End,
    /// To just after event `n` of the whole run (a segment clicked, "why it resumed", "next event
    /// of this task").
    Event(usize),
}

/// A change to the prediction.
#[derive(Clone, Debug, PartialEq)]
pub enum PredictEdit {
    /// Predict mode on or off.
    Mode(bool),
    /// Move the card at `from` to position `to`.
    Move { from: usize, to: usize },
    /// The guessed total, as typed.
    Total(String),
    /// Deal the cards again, in the order the code reads.
    Reset,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ViewState {
    /// How the run is drawn (ideal run behind the real one, sequential vs concurrent).
    pub options: View,
    /// Only the code, controls and timeline, for an iframe (`embed=1` in the link).
    pub embed: bool,
    /// The scrub cursor: the moment of the run shown (`t=` in the link); `None` shows it whole.
    pub cursor: Option<Moment>,
    /// The run as of the cursor (its views rebuilt from the events up to it).
    scrubbed: Option<Shared<Trace>>,
    /// Predict mode (`predict=1`): the preview is hidden until the learner has guessed and run.
    pub predict: bool,
    pub guess: Guess,
    /// The task whose lane (or step-through line) is hovered: the editor marks its lines.
    pub highlight: Option<crate::engine::TaskId>,
}

impl ViewState {
    /// The view a link asks for, the whole run shown (the reducer then puts the cursor).
    pub(super) fn new(options: View, embed: bool, predict: bool) -> ViewState {
        ViewState { options, embed, cursor: None, scrubbed: None, predict, guess: Guess::default(), highlight: None }
    }

    /// The run shown, as of the scrub cursor (`None`: the whole run).
    pub fn scrubbed(&self) -> Option<&Shared<Trace>> {
        self.scrubbed.as_ref()
    }

    /// Put the cursor at `at` (clamped to `run`), or show the whole run. The cursor only moves
    /// through a run that is over (or the ideal preview): the reducer sees to that.
    pub(super) fn scrub_to(&mut self, run: &Run, at: Option<Micros>) {
        let whole = run.whole();
        let moment = at.map(|at| Moment::at_time(&whole.log, at.min(whole.timeline.end)));
        self.set_cursor(run, moment);
    }

    pub(super) fn set_cursor(&mut self, run: &Run, moment: Option<Moment>) {
        let whole = run.whole();
        // The end of the run is the whole run: no cursor.
        let moment = moment.filter(|m| !(m.is_end(&whole.log) && m.at >= whole.timeline.end));
        self.scrubbed = moment.map(|m| {
            let ideal = run.live.as_ref().map(|_| run.ideal.trace.log.as_slice());
            Shared::new(Trace::of(&whole.log[..m.shown], Some(m.at), ideal))
        });
        self.cursor = moment;
    }

    pub(super) fn step(&mut self, run: &Run, step: Step) {
        let log = run.whole().log.clone();
        let here = self.cursor.unwrap_or_else(|| Moment::end(&log));
        let next = match step {
            Step::Start => Some(Moment::start()),
            Step::Previous => Some(here.previous(&log).unwrap_or(here)),
            // Past the last event: the whole run.
            Step::Next => here.next(&log),
            Step::End => None,
            Step::Event(n) => log.get(n).map(|e| Moment { at: e.at, shown: n + 1 }).or(Some(here)),
        };
        self.set_cursor(run, next);
    }

    /// Deal the prediction's cards: the ideal run's lines in the order the code reads.
    pub(super) fn deal(&mut self, run: &Run) {
        let lines = printed_lines(&run.ideal.trace.log);
        self.guess.order.clear();
        self.guess.too_many = 0;
        if lines.len() > MAX_CARDS {
            self.guess.too_many = lines.len();
        } else {
            self.guess.order = dealt_order(&lines).into_iter().map(|i| lines[i].text.clone()).collect();
        }
    }

    /// A change to the guess (never during a run: a guess is made before it). Predict mode itself
    /// is switched by the reducer, which also puts the run on screen away.
    pub(super) fn edit_guess(&mut self, run: &Run, edit: PredictEdit) {
        match edit {
            PredictEdit::Move { from, to } if from < self.guess.order.len() => {
                let card = self.guess.order.remove(from);
                let to = to.min(self.guess.order.len());
                self.guess.order.insert(to, card);
            }
            PredictEdit::Total(text) => self.guess.total = text,
            PredictEdit::Reset => self.deal(run),
            PredictEdit::Move { .. } | PredictEdit::Mode(_) => {}
        }
    }
}
