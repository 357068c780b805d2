//! The page's state: one `PageState`, changed only by `Action`s through Yew's `use_reducer`, and
//! shared with every component through a context (`ui::context`). Side effects (the live run, the
//! address bar) are not done here: the App watches the state and brings them in line, so the
//! reducer stays a plain function of (state, action).
//!
//! The state is split by concern, each in its own module that knows nothing of the others' edits:
//! - `program`: the code that runs (section, mode, values and the text typed for them, 44.3's
//!   URLs in `urls`, the link's lock);
//! - `run`: the ideal run, the live run and its phase, measured totals, 44.3's network (`net`);
//! - `view`: view options, embed mode, the scrub cursor, predict mode and the guess;
//! - the link (here): the page as a `Link` for the address bar, and the notices about the link
//!   it was opened with.
//!
//! This module is the one place where they change: `reduce_in_place` dispatches each `Action` to
//! its concern and, when the program changed, has the runs and the view follow (`changed`).

pub mod net;
pub mod program;
pub mod run;
pub mod urls;
pub mod view;

#[cfg(test)]
mod tests;

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::Micros;
use crate::link::{Link, View, SPEEDS};
use crate::scenarios::{Scenario, ScenarioId};

use self::net::{NetNews, Online};
use self::program::{DraftNote, Program};
use self::run::{LiveView, Phase, Run};
use self::urls::UrlEdit;
use self::view::{PredictEdit, Step, ViewState};
use crate::ui::shared::Shared;
use crate::ui::trace::Trace;

#[derive(Clone, Debug, PartialEq)]
pub struct PageState {
    pub program: Program,
    pub run: Run,
    pub view: ViewState,
    /// What was wrong with the link the page was opened with.
    pub notices: Vec<String>,
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
    /// 44.3's URL list was edited (see `urls`).
    Urls(UrlEdit),
    /// 44.3: news about the network or the sample API (see `net`).
    Net(NetNews),
    /// Move the scrub cursor to a time (`None`: show the whole run).
    Scrub(Option<Micros>),
    Step(Step),
    Predict(PredictEdit),
    /// The editor's text changed (typed, pasted, a key's indentation, Reset).
    Code(String),
    /// The typing paused after edit number `n`: run the preview if no edit came since.
    Preview(u32),
    /// A literal of the code (`line9`) set from the values panel.
    Literal {
        name: String,
        value: f64,
    },
    /// Opening the section found the code typed here last time, and took it.
    DraftRestored(String),
    /// A link brought its own code; the person's draft (this text) is kept aside.
    DraftAside(String),
    DismissDraftNote,
    /// A task's lane is hovered (or no longer): the editor marks the lines it waited at.
    Highlight(Option<crate::engine::TaskId>),
}

impl PageState {
    /// The page a link opens; with `run=1` its run has already started.
    pub fn from_link(link: Link) -> PageState {
        let mut state = PageState {
            run: Run::of(&link.scenario, link.speed),
            program: Program::new(link.scenario, link.lock),
            view: ViewState::new(link.view, link.embed, link.predict),
            notices: link.notices,
        };
        if state.view.predict {
            state.view.deal(&state.run);
        }
        state.view.scrub_to(&state.run, link.cursor);
        state.follow_run_flag(link.run);
        state
    }

    /// `run=1`: run at once, unless the link carries its own code, which is someone else's and
    /// may fetch anything: then the preview is shown and the real run waits for a click.
    fn follow_run_flag(&mut self, run: bool) {
        if run && self.program.scenario.code.is_some() {
            self.program.run_waits = true;
        } else if run && !self.running() {
            self.reduce_in_place(Action::Run);
        }
    }

    /// The page as a link (what the address bar shows). `run=1` is never part of it: it is an
    /// instruction for opening, which the Share dialog adds when asked.
    pub fn link(&self) -> Link {
        Link {
            view: self.view.options,
            embed: self.view.embed,
            lock: self.program.lock,
            cursor: self.view.cursor.map(|c| c.at),
            predict: self.view.predict,
            ..Link::new(self.program.scenario.clone(), self.run.speed)
        }
    }

    /// `link` is the page's own (our own address updates echo back as such): nothing to load.
    fn is_echo(&self, link: &Link) -> bool {
        link.notices.is_empty()
            && !link.run
            && link.scenario == self.program.scenario
            && link.speed == self.run.speed
            && (link.view, link.embed, link.lock) == (self.view.options, self.view.embed, self.program.lock)
            && (link.cursor, link.predict) == (self.view.cursor.map(|c| c.at), self.view.predict)
    }

    pub fn phase(&self) -> Phase {
        self.run.phase()
    }

    pub fn running(&self) -> bool {
        self.run.running()
    }

    /// The run the page shows, as of the scrub cursor: the live one once started, else the ideal one.
    pub fn shown(&self) -> &Shared<Trace> {
        self.view.scrubbed().unwrap_or_else(|| self.whole())
    }

    /// The whole run the cursor moves through (the live one once started, else the ideal one).
    pub fn whole(&self) -> &Shared<Trace> {
        self.run.whole()
    }

    /// Predict mode before the run: the preview would give the answers away.
    pub fn hides_preview(&self) -> bool {
        self.view.predict && self.run.live.is_none()
    }

    /// The program changed: the ideal run is recomputed at once and a finished live run, which
    /// showed the old values, is put away.
    fn changed(&mut self) {
        // Code that does not compile keeps the last good preview, greyed.
        if self.program.error.is_some() {
            self.program.stale = true;
            return;
        }
        self.program.stale = false;
        self.run.follow(&self.program.scenario);
        // A moment keeps its time across an edit (to see what the edit changed then).
        self.view.scrub_to(&self.run, self.view.cursor.map(|c| c.at));
        // The cards are the new code's lines (dealt only in predict mode: it reads the whole log).
        if self.view.predict {
            self.view.deal(&self.run);
        }
    }

    /// Offline, 44.3 showing the chapter's URLs unchanged: use the sample API's instead, and say
    /// why (true if it did). The caller recomputes the ideal run.
    fn offline_default(&mut self) -> bool {
        let Online::No(why) = &self.run.net.online else { return false };
        if self.run.running() || !self.program.use_sample_urls() {
            return false;
        }
        self.run.net.switched = Some(why.clone());
        true
    }

    fn reduce_in_place(&mut self, action: Action) {
        let running = self.running();
        match action {
            Action::Open(id) => {
                if id != self.program.scenario.id {
                    self.program = self.program.opening(Scenario::new(id), self.program.lock);
                    self.notices.clear();
                    self.offline_default();
                    self.view.cursor = None;
                    self.changed();
                }
            }
            // The browser fires popstate and hashchange for one pasted link; by the second event the
            // address already holds our corrected link, which decodes to the state we have: that
            // echo must not wipe the notices about what the pasted link got wrong.
            Action::Load(link) if self.is_echo(&link) => {}
            Action::Load(link) => {
                if link.scenario != self.program.scenario || link.speed != self.run.speed {
                    self.program = self.program.opening(link.scenario, link.lock);
                    self.run.speed = link.speed;
                    self.offline_default();
                    self.changed();
                }
                self.notices = link.notices;
                (self.view.options, self.view.embed, self.program.lock, self.view.predict) =
                    (link.view, link.embed, link.lock, link.predict);
                if !self.running() {
                    self.view.scrub_to(&self.run, link.cursor);
                }
                self.follow_run_flag(link.run);
            }
            Action::Type { name, text } if !running => {
                if self.program.type_text(name, text) {
                    self.changed();
                }
            }
            Action::Commit { name } => self.program.commit(name),
            Action::Revert { name } => self.program.revert(name),
            Action::Set { name, value } if !running => {
                if self.program.set_value(name, value) {
                    self.changed();
                }
            }
            Action::Type { .. } | Action::Set { .. } => {}
            Action::Mode(mode) => {
                if !running && self.program.set_mode(&mode) {
                    self.changed();
                }
            }
            Action::Speed(speed) => {
                if !running && SPEEDS.contains(&speed) {
                    self.run.speed = speed;
                }
            }
            Action::Run => {
                if !running {
                    self.program.run_waits = false;
                    self.program.drop_invalid_drafts();
                    self.run.start();
                    self.view.set_cursor(&self.run, None);
                }
            }
            Action::Stop => self.run.stop(),
            Action::Frame(view) => self.run.frame(view, &self.program.scenario),
            Action::View(view) => self.view.options = view,
            Action::DismissNotices => self.notices.clear(),
            Action::Urls(edit) => {
                if !running && self.program.edit_urls(edit) {
                    self.run.net.switched = None;
                    self.changed();
                }
            }
            Action::Net(news) => {
                if self.run.net.hear(news) && self.offline_default() {
                    self.changed();
                }
            }
            Action::Scrub(at) if !running => self.view.scrub_to(&self.run, at),
            Action::Step(step) if !running => self.view.step(&self.run, step),
            Action::Scrub(_) | Action::Step(_) => {}
            // A guess is made before a run, not during one.
            Action::Predict(PredictEdit::Mode(on)) if !(on && running) => {
                self.view.predict = on;
                // Guessing a run already on screen means nothing: a new guess starts from the code.
                if on {
                    self.run.live = None;
                    self.view.set_cursor(&self.run, None);
                    self.view.deal(&self.run);
                }
            }
            Action::Predict(edit) if !running => self.view.edit_guess(&self.run, edit),
            Action::Predict(_) => {}
            Action::Code(text) if !running => {
                self.program.set_text(&text);
            }
            Action::Preview(n) if !running && n == self.program.edits && self.program.stale => self.changed(),
            Action::Literal { name, value } if !running => {
                if self.program.set_literal(&name, value) {
                    self.program.error = None;
                    self.changed();
                }
            }
            Action::Code(_) | Action::Preview(_) | Action::Literal { .. } => {}
            Action::DraftRestored(text) => {
                if self.program.set_text(&text) {
                    self.program.draft_note = Some(DraftNote::Restored);
                    self.changed();
                }
            }
            Action::DraftAside(text) => self.program.draft_note = Some(DraftNote::SetAside(text)),
            Action::DismissDraftNote => self.program.draft_note = None,
            Action::Highlight(task) => self.view.highlight = task,
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
