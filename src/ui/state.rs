//! The page's state: one `PageState`, changed only by `Action`s through Yew's `use_reducer`, and
//! shared with every component through a context. Side effects (the live run, the address bar)
//! are not done here: the App watches the state and brings them in line, so the reducer stays a
//! plain function of (state, action).

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::{CoroResult, Exception, Micros, RunOutcome};
use crate::link::{Link, View, SPEEDS};
use crate::report::moment::Moment;
use crate::report::predict::{dealt_order, printed_lines, MAX_CARDS};
use crate::scenarios::{CodePiece, ParamSpec, Scenario, ScenarioId};

use super::fetch_state::{Measured, Net, NetNews, UrlEdit};
use super::shared::Shared;
use super::trace::Trace;

/// A run on the virtual clock: what the code will do with perfect timers, instantly.
#[derive(Debug)]
pub struct Ideal {
    /// Shared so that views can hold it (the timeline's rows compare it by identity); its `log`
    /// is the run's event log.
    pub trace: Shared<Trace>,
    /// When the top-level code ended (the chapter's "Time:").
    pub total: Option<Micros>,
    pub result: Option<CoroResult>,
    pub outcome: RunOutcome,
}

impl Ideal {
    pub fn of(scenario: &Scenario) -> Ideal {
        let run = scenario.run_virtual();
        let trace = Shared::new(Trace::of_log(Shared::new(run.events), None, None));
        Ideal { trace, total: run.total, result: run.result, outcome: run.outcome }
    }
}

/// 44.2 and 44.3: the same code sequential and concurrent, both ideal, to compare.
#[derive(Debug)]
pub struct Comparison {
    /// (mode, its ideal run), in the section's mode order.
    pub modes: Vec<(&'static str, Shared<Ideal>)>,
}

impl Comparison {
    /// Only sections that have both a sequential and a concurrent mode compare them.
    fn of(scenario: &Scenario, current: &Shared<Ideal>) -> Option<Comparison> {
        let modes = scenario.id.modes();
        if !(modes.contains(&"sequential") && modes.contains(&"concurrent")) {
            return None;
        }
        let modes = modes
            .iter()
            .map(|&mode| {
                if mode == scenario.mode {
                    return (mode, current.clone());
                }
                let mut other = scenario.clone();
                let _ = other.set_mode(mode);
                (mode, Shared::new(Ideal::of(&other)))
            })
            .collect();
        Some(Comparison { modes })
    }

    pub fn total(&self, mode: &str) -> Option<Micros> {
        self.modes.iter().find(|(m, _)| *m == mode).and_then(|(_, ideal)| ideal.total)
    }
}

/// The run on the page's real event loop, as of the last animation frame.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveView {
    pub run_id: u32,
    pub speed: u32,
    /// Time since the start at 1x scale.
    pub now: Micros,
    pub trace: Shared<Trace>,
    /// When the top-level code ended.
    pub total: Option<Micros>,
    pub result: Option<CoroResult>,
    /// Every task has ended: nothing more will happen.
    pub finished: bool,
    /// The person pressed Stop (the run then ends at its next await).
    pub stop_requested: bool,
    /// When the tab was hidden during the run: the browser throttled its timers then, and the
    /// page says so rather than passing the throttling off as the event loop's lateness.
    pub hidden: Vec<crate::browser::visibility::Hidden>,
}

impl LiveView {
    fn starting(run_id: u32, speed: u32) -> LiveView {
        LiveView {
            run_id,
            speed,
            now: 0,
            trace: Shared::new(Trace::default()),
            total: None,
            result: None,
            finished: false,
            stop_requested: false,
            hidden: Vec::new(),
        }
    }
}

/// Where the page is, as the status shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Nothing has run since the last edit: the page shows the ideal run.
    Idle,
    Running,
    Done,
    /// The top-level code raised an exception.
    Failed,
    /// Stop was pressed; the partial run stays on screen.
    Stopped,
}

impl Phase {
    /// `data-state` of `[data-testid=status]` (public contract: idle | running | done | error).
    pub fn data_state(self) -> &'static str {
        match self {
            Phase::Idle | Phase::Stopped => "idle",
            Phase::Running => "running",
            Phase::Done => "done",
            Phase::Failed => "error",
        }
    }
}

/// Text typed into a value's field that differs from the value shown by the code: mid-typing
/// (`1.`) or invalid (`abc`, with the reason).
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub name: &'static str,
    pub text: String,
    pub error: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PageState {
    pub scenario: Scenario,
    pub speed: u32,
    pub drafts: Vec<Draft>,
    pub ideal: Shared<Ideal>,
    pub comparison: Option<Shared<Comparison>>,
    pub live: Option<LiveView>,
    pub next_run: u32,
    /// What was wrong with the link the page was opened with.
    pub notices: Vec<String>,
    /// How the run is drawn (ideal run behind the real one, sequential vs concurrent).
    pub view: View,
    /// Only the code, controls and timeline, for an iframe (`embed=1` in the link).
    pub embed: bool,
    /// The code stays as the link has it: no mode change; values stay editable (`lock=1`).
    pub lock: bool,
    /// 44.3: can the page reach the internet, is the sample API running (see `fetch_state`).
    pub net: Net,
    /// The last measured total of each mode of the scenario shown (44.2 and 44.3 compare them;
    /// see `fetch_state::Measured`).
    pub measured: Measured,
    /// The scrub cursor: the moment of the run shown (`t=` in the link); `None` shows it whole.
    pub cursor: Option<Moment>,
    /// The run as of the cursor (its views rebuilt from the events up to it).
    scrubbed: Option<Shared<Trace>>,
    /// Predict mode (`predict=1`): the preview is hidden until the learner has guessed and run.
    pub predict: bool,
    pub guess: Guess,
}

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

pub enum Action {
    /// A section was chosen in the navigation.
    Open(ScenarioId),
    /// The address changed (opened, edited by hand, back/forward). With `run=1` it also runs.
    Load(Link),
    /// Keystrokes in a value's field.
    Type {
        name: &'static str,
        text: String,
    },
    /// The field lost focus: show the value as the code has it (an invalid entry stays, with its
    /// message, until corrected).
    Commit {
        name: &'static str,
    },
    /// Escape in a field: forget what was typed.
    Revert {
        name: &'static str,
    },
    /// A value set by a slider, an arrow key or a drag: already a number.
    Set {
        name: &'static str,
        value: f64,
    },
    Mode(String),
    Speed(u32),
    /// A view option was switched (allowed during a run: it only changes the drawing).
    View(View),
    Run,
    Stop,
    /// A new picture of the live run (from the animation frame loop).
    Frame(LiveView),
    DismissNotices,
    /// 44.3's URL list was edited (see `fetch_state`).
    Urls(UrlEdit),
    /// 44.3: news about the network or the sample API (see `fetch_state`).
    Net(NetNews),
    /// Move the scrub cursor to a time (`None`: show the whole run).
    Scrub(Option<Micros>),
    Step(Step),
    Predict(PredictEdit),
}

impl PageState {
    /// The page a link opens; with `run=1` its run has already started.
    pub fn from_link(link: Link) -> PageState {
        let ideal = Shared::new(Ideal::of(&link.scenario));
        let comparison = Comparison::of(&link.scenario, &ideal).map(Shared::new);
        let mut state = PageState {
            scenario: link.scenario,
            speed: link.speed,
            drafts: Vec::new(),
            ideal,
            comparison,
            live: None,
            next_run: 1,
            notices: link.notices,
            view: link.view,
            embed: link.embed,
            lock: link.lock,
            net: Net::default(),
            measured: Measured::default(),
            cursor: None,
            scrubbed: None,
            predict: link.predict,
            guess: Guess::default(),
        };
        if state.predict {
            state.deal();
        }
        state.scrub_to(link.cursor);
        if link.run {
            state.reduce_in_place(Action::Run);
        }
        state
    }

    /// The page as a link (what the address bar shows). `run=1` is never part of it: it is an
    /// instruction for opening, which the Share dialog adds when asked.
    pub fn link(&self) -> Link {
        Link {
            view: self.view,
            embed: self.embed,
            lock: self.lock,
            cursor: self.cursor.map(|c| c.at),
            predict: self.predict,
            ..Link::new(self.scenario.clone(), self.speed)
        }
    }

    pub fn phase(&self) -> Phase {
        match &self.live {
            None => Phase::Idle,
            Some(live) if !live.finished => Phase::Running,
            Some(live) if live.stop_requested => Phase::Stopped,
            Some(LiveView { result: Some(Err(Exception::Error { .. })), .. }) => Phase::Failed,
            Some(LiveView { result: Some(Err(Exception::Cancelled)), .. }) => Phase::Stopped,
            Some(_) => Phase::Done,
        }
    }

    pub fn running(&self) -> bool {
        self.phase() == Phase::Running
    }

    /// The run the page shows, as of the scrub cursor: the live one once started, else the ideal one.
    pub fn shown(&self) -> &Shared<Trace> {
        self.scrubbed.as_ref().unwrap_or_else(|| self.whole())
    }

    /// The whole run the cursor moves through (the live one once started, else the ideal one).
    pub fn whole(&self) -> &Shared<Trace> {
        self.live.as_ref().map_or(&self.ideal.trace, |live| &live.trace)
    }

    /// Predict mode before the run: the preview would give the answers away.
    pub fn hides_preview(&self) -> bool {
        self.predict && self.live.is_none()
    }

    /// Put the cursor at `at` (clamped to the run), or show the whole run. The cursor only moves
    /// through a run that is over (or the ideal preview).
    fn scrub_to(&mut self, at: Option<Micros>) {
        let moment = at.map(|at| Moment::at_time(&self.whole().log, at.min(self.whole().timeline.end)));
        self.set_cursor(moment);
    }

    fn set_cursor(&mut self, moment: Option<Moment>) {
        let whole = self.whole();
        // The end of the run is the whole run: no cursor.
        let moment = moment.filter(|m| !(m.is_end(&whole.log) && m.at >= whole.timeline.end));
        self.scrubbed = moment.map(|m| {
            let ideal = self.live.as_ref().map(|_| self.ideal.trace.log.as_slice());
            Shared::new(Trace::of(&whole.log[..m.shown], Some(m.at), ideal))
        });
        self.cursor = moment;
    }

    fn step(&mut self, step: Step) {
        let log = self.whole().log.clone();
        let here = self.cursor.unwrap_or_else(|| Moment::end(&log));
        let next = match step {
            Step::Start => Some(Moment::start()),
            Step::Previous => Some(here.previous(&log).unwrap_or(here)),
            // Past the last event: the whole run.
            Step::Next => here.next(&log),
            Step::End => None,
        };
        self.set_cursor(next);
    }

    /// Deal the prediction's cards: the ideal run's lines in the order the code reads.
    fn deal(&mut self) {
        let lines = printed_lines(&self.ideal.trace.log);
        self.guess.order.clear();
        self.guess.too_many = 0;
        if lines.len() > MAX_CARDS {
            self.guess.too_many = lines.len();
        } else {
            self.guess.order = dealt_order(&lines).into_iter().map(|i| lines[i].text.clone()).collect();
        }
    }

    /// What the editing components need: changes only when an edit happens or a run starts or
    /// ends, not on every frame of a run (see `EditView`).
    pub fn edit_view(&self, dispatcher: UseReducerDispatcher<PageState>) -> EditView {
        EditView {
            scenario: self.scenario.clone(),
            speed: self.speed,
            drafts: self.drafts.clone(),
            notices: self.notices.clone(),
            running: self.running(),
            view: self.view,
            embed: self.embed,
            lock: self.lock,
            net: self.net.clone(),
            cursor: self.cursor.map(|c| c.at),
            predict: self.predict,
            dispatcher,
        }
    }

    fn spec(&self, name: &str) -> Option<ParamSpec> {
        self.scenario.id.params().iter().find(|p| p.name == name).copied()
    }

    /// The scenario changed: the ideal run is recomputed at once and a finished live run, which
    /// showed the old values, is put away.
    pub(super) fn changed(&mut self) {
        self.ideal = Shared::new(Ideal::of(&self.scenario));
        self.comparison = Comparison::of(&self.scenario, &self.ideal).map(Shared::new);
        self.live = None;
        // A moment keeps its time across an edit (to see what the edit changed then).
        self.scrub_to(self.cursor.map(|c| c.at));
        // The cards are the new code's lines (dealt only in predict mode: it reads the whole log).
        if self.predict {
            self.deal();
        }
    }

    fn set_draft(&mut self, draft: Draft) {
        self.drafts.retain(|d| d.name != draft.name);
        self.drafts.push(draft);
    }

    fn reduce_in_place(&mut self, action: Action) {
        let running = self.running();
        match action {
            Action::Open(id) => {
                if id != self.scenario.id {
                    self.scenario = Scenario::new(id);
                    self.drafts.clear();
                    self.notices.clear();
                    self.offline_default();
                    self.cursor = None;
                    self.changed();
                }
            }
            // The browser fires popstate and hashchange for one pasted link; by the second event the
            // address already holds our corrected link, which decodes to the state we have: that
            // echo must not wipe the notices about what the pasted link got wrong.
            Action::Load(link)
                if link.notices.is_empty()
                    && !link.run
                    && link.scenario == self.scenario
                    && link.speed == self.speed
                    && (link.view, link.embed, link.lock) == (self.view, self.embed, self.lock)
                    && (link.cursor, link.predict) == (self.cursor.map(|c| c.at), self.predict) => {}
            Action::Load(link) => {
                if link.scenario != self.scenario || link.speed != self.speed {
                    self.scenario = link.scenario;
                    self.speed = link.speed;
                    self.drafts.clear();
                    self.offline_default();
                    self.changed();
                }
                self.notices = link.notices;
                (self.view, self.embed, self.lock, self.predict) = (link.view, link.embed, link.lock, link.predict);
                if !self.running() {
                    self.scrub_to(link.cursor);
                }
                if link.run && !self.running() {
                    self.reduce_in_place(Action::Run);
                }
            }
            Action::Type { name, text } => {
                let Some(spec) = self.spec(name) else { return };
                if running {
                    return;
                }
                match spec.parse(&text) {
                    Ok(value) => {
                        let before = self.scenario.get(name);
                        let _ = self.scenario.set(name, value);
                        self.set_draft(Draft { name: spec.name, text, error: None });
                        if before != value {
                            self.changed();
                        }
                    }
                    Err(error) => self.set_draft(Draft { name: spec.name, text, error: Some(error) }),
                }
            }
            Action::Commit { name } => self.drafts.retain(|d| d.name != name || d.error.is_some()),
            Action::Revert { name } => self.drafts.retain(|d| d.name != name),
            Action::Set { name, value } => {
                let Some(spec) = self.spec(name) else { return };
                if running {
                    return;
                }
                // Arrow keys add 0.1 to 0.2 and get 0.30000000000000004: keep what a person would write.
                let rounded = (value * 1e6).round() / 1e6;
                // Steppers and drags clamp before they dispatch; anything else out of range (a slider
                // whose value was tampered with, NaN) is refused like typed text: the reason next to
                // the field, the last good value kept.
                match spec.validate(rounded) {
                    Ok(value) => {
                        self.drafts.retain(|d| d.name != name);
                        if self.scenario.get(name) != value {
                            let _ = self.scenario.set(name, value);
                            self.changed();
                        }
                    }
                    Err(error) => self.set_draft(Draft {
                        name: spec.name,
                        text: crate::engine::value::py_number(value),
                        error: Some(error),
                    }),
                }
            }
            Action::Mode(mode) => {
                // A locked link keeps the code its author chose; sequential and concurrent are
                // different code.
                if !running && !self.lock && mode != self.scenario.mode && self.scenario.set_mode(&mode).is_ok() {
                    self.changed();
                }
            }
            Action::Speed(speed) => {
                if !running && SPEEDS.contains(&speed) {
                    self.speed = speed;
                }
            }
            Action::Run => {
                if !running {
                    // The code must show the values that run: typed text that is not a valid
                    // value is dropped now (its message said the old value was kept).
                    self.drafts.retain(|d| d.error.is_none());
                    self.live = Some(LiveView::starting(self.next_run, self.speed));
                    self.next_run += 1;
                    self.set_cursor(None);
                }
            }
            Action::Stop => {
                if let Some(live) = self.live.as_mut().filter(|l| !l.finished) {
                    live.stop_requested = true;
                }
            }
            Action::Frame(view) => {
                if let Some(live) = self.live.as_mut().filter(|l| l.run_id == view.run_id && !l.finished) {
                    *live = LiveView { stop_requested: live.stop_requested, ..view };
                    self.remember_measured();
                }
            }
            Action::View(view) => self.view = view,
            Action::DismissNotices => self.notices.clear(),
            Action::Urls(edit) => self.edit_urls(edit),
            Action::Net(news) => self.net_news(news),
            Action::Scrub(at) if !running => self.scrub_to(at),
            Action::Step(step) if !running => self.step(step),
            Action::Scrub(_) | Action::Step(_) => {}
            Action::Predict(edit) => self.edit_guess(edit, running),
        }
    }

    fn edit_guess(&mut self, edit: PredictEdit, running: bool) {
        match edit {
            // A guess is made before a run, not during one.
            PredictEdit::Mode(true) if running => {}
            PredictEdit::Mode(on) => {
                self.predict = on;
                // Guessing a run already on screen means nothing: a new guess starts from the code.
                if on {
                    self.live = None;
                    self.set_cursor(None);
                    self.deal();
                }
            }
            PredictEdit::Move { from, to } if !running && from < self.guess.order.len() => {
                let card = self.guess.order.remove(from);
                let to = to.min(self.guess.order.len());
                self.guess.order.insert(to, card);
            }
            PredictEdit::Total(text) if !running => self.guess.total = text,
            PredictEdit::Reset if !running => self.deal(),
            _ => {}
        }
    }
}

impl Reducible for PageState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.reduce_in_place(action);
        if next == *self {
            // Same state: hand back the same Rc so nothing re-renders.
            self
        } else {
            Rc::new(next)
        }
    }
}

/// The part of the state the code, the values, the navigation and the intro show. It has its own
/// context because a run changes the page state sixty times a second, and re-rendering the code
/// and its inputs that often would take time from the very timers the run measures.
#[derive(Clone, PartialEq)]
pub struct EditView {
    pub scenario: Scenario,
    pub speed: u32,
    pub drafts: Vec<Draft>,
    pub notices: Vec<String>,
    /// A run is going on: values are locked.
    pub running: bool,
    pub view: View,
    /// Embed mode (`embed=1`): no navigation, no intro.
    pub embed: bool,
    /// The link locks the code (`lock=1`): only values can change.
    pub lock: bool,
    /// 44.3's network and sample API (the URL list shows them).
    pub net: Net,
    /// The scrub cursor's time and predict mode, for the links the page hands out.
    pub cursor: Option<Micros>,
    pub predict: bool,
    pub dispatcher: UseReducerDispatcher<PageState>,
}

impl EditView {
    pub fn dispatch(&self, action: Action) {
        self.dispatcher.dispatch(action);
    }

    /// The page as a link, as `PageState::link` (without `run`).
    pub fn link(&self) -> Link {
        Link {
            view: self.view,
            embed: self.embed,
            lock: self.lock,
            cursor: self.cursor,
            predict: self.predict,
            ..Link::new(self.scenario.clone(), self.speed)
        }
    }

    pub fn draft(&self, name: &str) -> Option<&Draft> {
        self.drafts.iter().find(|d| d.name == name)
    }

    /// What a value's field shows: the typed text while there is some, else the code's value.
    pub fn field_text(&self, spec: &ParamSpec) -> String {
        self.draft(spec.name)
            .map_or_else(|| crate::engine::value::py_number(self.scenario.get(spec.name)), |d| d.text.clone())
    }

    /// The code with what the fields show (so typing `1.` keeps its dot in the code).
    pub fn code(&self) -> Vec<CodePiece> {
        code_with_drafts(&self.scenario, &self.drafts)
    }
}

/// The scenario's code with typed text in place of the values being typed.
fn code_with_drafts(scenario: &Scenario, drafts: &[Draft]) -> Vec<CodePiece> {
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

/// What the run's components get from the `ContextProvider`: the whole state.
pub type PageContext = UseReducerHandle<PageState>;

/// The page context; components are only ever rendered inside the App that provides it.
#[hook]
pub fn use_page() -> PageContext {
    use_context::<PageContext>().expect("components are rendered inside App's ContextProvider")
}

/// The editing context (see `EditView`).
#[hook]
pub fn use_edit() -> EditView {
    use_context::<EditView>().expect("components are rendered inside App's ContextProvider")
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;
    use crate::link;

    fn page(hash: &str) -> PageState {
        PageState::from_link(link::decode(hash))
    }

    fn reduce(state: PageState, action: Action) -> PageState {
        (*Rc::new(state).reduce(action)).clone()
    }

    fn frame(run_id: u32, finished: bool) -> LiveView {
        LiveView {
            run_id,
            speed: 1,
            now: 5,
            trace: Shared::new(Trace::default()),
            total: finished.then_some(5),
            result: finished.then_some(Ok(crate::engine::PyValue::None)),
            finished,
            stop_requested: false,
            hidden: Vec::new(),
        }
    }

    fn shown_lines(state: &PageState) -> Vec<&str> {
        state.shown().lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[wasm_bindgen_test]
    fn a_link_moment_shows_the_run_up_to_it_and_stays_in_the_link() {
        let state = page("#/say-hello?t=1.5");
        assert_eq!(state.cursor.map(|c| c.at), Some(1_500_000));
        assert_eq!(shown_lines(&state), ["Hello, Bob!"]);
        assert_eq!(state.whole().lines.len(), 3, "the whole run is still there to scrub through");
        assert!(state.link().to_hash().contains("&t=1.5&"), "{}", state.link().to_hash());
        // Past the end: the whole run, no cursor.
        assert_eq!(page("#/say-hello?t=99").cursor, None);
    }

    #[wasm_bindgen_test]
    fn steps_go_event_by_event_and_the_end_is_the_whole_run() {
        let state = reduce(page("#/say-hello"), Action::Step(Step::Start));
        assert_eq!(state.cursor.map(|c| c.shown), Some(0));
        assert!(shown_lines(&state).is_empty());
        let mut state = state;
        let mut steps = 0;
        while shown_lines(&state).is_empty() {
            state = reduce(state, Action::Step(Step::Next));
            steps += 1;
            assert!(steps < 100, "no line after 100 steps");
        }
        assert_eq!(shown_lines(&state), ["Hello, Bob!"]);
        assert_eq!(state.cursor.map(|c| c.at), Some(1_000_000));
        let back = reduce(state.clone(), Action::Step(Step::Previous));
        assert!(shown_lines(&back).is_empty());
        let end = reduce(state, Action::Step(Step::End));
        assert_eq!(end.cursor, None);
        assert_eq!(shown_lines(&end).len(), 3);
    }

    #[wasm_bindgen_test]
    fn an_edit_keeps_the_moment_and_a_run_clears_it() {
        let state = page("#/say-hello?t=1.5");
        let state = reduce(state, Action::Set { name: "alice", value: 0.5 });
        assert_eq!(shown_lines(&state), ["Hello, Alice!", "Hello, Bob!"], "the same moment of the edited run");
        let state = reduce(state, Action::Run);
        assert_eq!(state.cursor, None);
        assert_eq!(reduce(state, Action::Scrub(Some(1))).cursor, None, "no cursor during a run");
    }

    #[wasm_bindgen_test]
    fn predict_mode_deals_in_code_order_moves_cards_and_hides_the_preview() {
        let state = page("#/say-hello?predict=1");
        assert!(state.hides_preview());
        assert_eq!(state.guess.order, ["Hello, Alice!", "Hello, Bob!", "Hello, Charlie!"]);
        let state = reduce(state, Action::Predict(PredictEdit::Move { from: 1, to: 0 }));
        assert_eq!(state.guess.order, ["Hello, Bob!", "Hello, Alice!", "Hello, Charlie!"]);
        let state = reduce(state, Action::Predict(PredictEdit::Move { from: 9, to: 0 }));
        assert_eq!(state.guess.order[0], "Hello, Bob!", "a card that does not exist moves nothing");
        let state = reduce(state, Action::Predict(PredictEdit::Total("3".into())));
        let running = reduce(state, Action::Run);
        assert!(!running.hides_preview());
        let locked = reduce(running, Action::Predict(PredictEdit::Move { from: 0, to: 2 }));
        assert_eq!(locked.guess.order[0], "Hello, Bob!", "the guess is locked while running");
        assert!(locked.link().to_hash().contains("predict=1"));
        // Thousands of lines: only the total is guessed.
        let many = page("#/background?period=0.1&main=10&predict=1");
        assert!(many.guess.order.is_empty());
        assert!(many.guess.too_many > MAX_CARDS, "{}", many.guess.too_many);
    }

    #[wasm_bindgen_test]
    fn a_wrong_entry_is_kept_with_its_reason_and_the_old_value_runs() {
        let state = reduce(page("#/say-hello"), Action::Type { name: "bob", text: "abc".into() });
        assert_eq!(state.scenario.get("bob"), 1.0);
        let draft = state.drafts.iter().find(|d| d.name == "bob").unwrap();
        assert_eq!(draft.text, "abc");
        assert!(draft.error.as_deref().unwrap().contains("not a number"));
        // Leaving the field keeps it (the message must stay visible); Run drops it.
        let state = reduce(state, Action::Commit { name: "bob" });
        assert_eq!(state.drafts.len(), 1);
        let state = reduce(state, Action::Run);
        assert!(state.drafts.is_empty());
        assert_eq!(state.phase(), Phase::Running);
    }

    #[wasm_bindgen_test]
    fn typing_recomputes_the_ideal_run_at_once_and_keeps_what_was_typed() {
        let state = reduce(page("#/say-hello"), Action::Type { name: "alice", text: "0.5".into() });
        assert_eq!(state.ideal.trace.lines[0].text, "Hello, Alice!");
        assert_eq!(state.ideal.total, Some(3_000_000));
        let state = reduce(state, Action::Type { name: "charlie", text: "1.".into() });
        assert_eq!(state.scenario.get("charlie"), 1.0);
        assert_eq!(state.edit_view_code_value("charlie"), "1.", "the code shows the dot being typed");
        let state = reduce(state, Action::Commit { name: "charlie" });
        assert_eq!(state.edit_view_code_value("charlie"), "1");
    }

    #[wasm_bindgen_test]
    fn arrows_and_drags_give_values_a_person_would_write() {
        let state = reduce(page("#/gather?a=0.2"), Action::Set { name: "a", value: 0.2 + 0.1 });
        assert_eq!(state.scenario.get("a"), 0.3);
        // Out of range or not a number (only a tampered slider sends that): refused with its
        // reason, the last good value kept.
        for bad in [-5.0, 61.0, f64::NAN, f64::INFINITY] {
            let refused = reduce(state.clone(), Action::Set { name: "a", value: bad });
            assert_eq!(refused.scenario.get("a"), 0.3, "after {bad}");
            let draft = refused.drafts.iter().find(|d| d.name == "a").expect("a message for the field");
            assert!(draft.error.as_deref().is_some_and(|e| e.starts_with("a ")), "{draft:?}");
        }
        let state = reduce(state, Action::Set { name: "nope", value: 1.0 });
        assert_eq!(state.scenario.get("a"), 0.3);
    }

    #[wasm_bindgen_test]
    fn frames_of_an_old_run_are_ignored_and_edits_put_a_finished_run_away() {
        let state = reduce(page("#/gather"), Action::Run);
        let run_id = state.live.as_ref().unwrap().run_id;
        let state = reduce(state, Action::Frame(frame(run_id + 7, true)));
        assert_eq!(state.phase(), Phase::Running, "a frame from another run changes nothing");
        // Values are locked while running.
        let state = reduce(state, Action::Set { name: "a", value: 3.0 });
        assert_eq!(state.scenario.get("a"), 1.0);
        let state = reduce(state, Action::Frame(frame(run_id, true)));
        assert_eq!(state.phase(), Phase::Done);
        let state = reduce(state, Action::Set { name: "a", value: 3.0 });
        assert_eq!(state.phase(), Phase::Idle);
        assert!(state.live.is_none());
    }

    #[wasm_bindgen_test]
    fn stop_is_remembered_until_the_run_has_ended() {
        let state = reduce(page("#/background"), Action::Run);
        let run_id = state.live.as_ref().unwrap().run_id;
        let state = reduce(state, Action::Stop);
        assert!(state.live.as_ref().unwrap().stop_requested);
        let mut last = frame(run_id, true);
        last.result = Some(Err(Exception::Cancelled));
        let state = reduce(state, Action::Frame(last));
        assert_eq!(state.phase(), Phase::Stopped);
        assert_eq!(state.phase().data_state(), "idle");
    }

    #[wasm_bindgen_test]
    fn sections_and_links() {
        let edited = reduce(page("#/say-hello"), Action::Set { name: "bob", value: 4.0 });
        // Choosing the section already shown keeps the edits; another one starts fresh.
        let same = reduce(edited.clone(), Action::Open(ScenarioId::SayHello));
        assert_eq!(same.scenario.get("bob"), 4.0);
        let other = reduce(edited.clone(), Action::Open(ScenarioId::Gather));
        assert_eq!(other.scenario, Scenario::new(ScenarioId::Gather));
        // Loading the link of the state shown changes nothing (our own address updates echo back).
        let ran = reduce(edited.clone(), Action::Run);
        let echo = reduce(ran.clone(), Action::Load(link::decode(&ran.link().to_hash())));
        assert_eq!(echo.phase(), Phase::Running);
        let comparison = other.comparison.is_none() && edited.comparison.is_some();
        assert!(comparison, "only 44.2 and 44.3 compare sequential and concurrent");
    }

    #[wasm_bindgen_test]
    fn links_carry_the_view_and_run_on_open_once() {
        let state = page("#/say-hello?alice=1.5&ideal=0&compare=0&run=1&embed=1&lock=1");
        assert_eq!(state.phase(), Phase::Running, "run=1 starts the run at once");
        assert_eq!(state.view, View { ideal: false, compare: false, table: false });
        assert!(state.embed && state.lock);
        let hash = state.link().to_hash();
        assert!(!hash.contains("run="), "the address bar never keeps run=1: {hash}");
        assert!(hash.contains("ideal=0&compare=0&embed=1&lock=1&v=2"), "{hash}");
        // A link pasted into the open page runs too, but never twice at once.
        let idle = page("#/gather");
        let ran = reduce(idle, Action::Load(link::decode("#/gather?a=0.5&run=1")));
        assert_eq!((ran.phase(), ran.scenario.get("a")), (Phase::Running, 0.5));
        let run_id = ran.live.as_ref().unwrap().run_id;
        let again = reduce(ran, Action::Load(link::decode("#/gather?a=0.5&run=1")));
        assert_eq!(again.live.as_ref().unwrap().run_id, run_id);
    }

    #[wasm_bindgen_test]
    fn a_locked_link_keeps_its_mode_but_not_its_values() {
        let state = page("#/say-hello?mode=sequential&lock=1");
        let state = reduce(state, Action::Mode("concurrent".into()));
        assert_eq!(state.scenario.mode, "sequential");
        let state = reduce(state, Action::Set { name: "bob", value: 0.5 });
        assert_eq!(state.scenario.get("bob"), 0.5);
        // View options change during a run: they only change the drawing.
        let running = reduce(state, Action::Run);
        let viewed = reduce(running, Action::View(View { ideal: false, compare: true, table: false }));
        assert!(!viewed.view.ideal);
        assert_eq!(viewed.phase(), Phase::Running);
    }

    impl PageState {
        /// The value shown in the code for `name` (test helper).
        fn edit_view_code_value(&self, name: &str) -> String {
            code_with_drafts(&self.scenario, &self.drafts)
                .into_iter()
                .find_map(|piece| match piece {
                    CodePiece::Param { name: n, value } if n == name => Some(value),
                    _ => None,
                })
                .unwrap_or_default()
        }
    }
}
