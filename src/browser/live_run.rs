//! A scenario running for real on the page's event loop, as the UI sees it: start it, read its
//! events as they come (once per animation frame), stop it.

use std::cell::RefCell;
use std::rc::Rc;

use crate::engine::{Aio, Event, Micros, Task};
use crate::scenarios::Scenario;

use super::runtime::BrowserRuntime;
use super::visibility::{Hidden, HiddenWatch};

/// One run of one scenario on the browser's loop. Dropping it stops it.
pub struct LiveRun {
    aio: Aio,
    runtime: BrowserRuntime,
    root: Task,
    /// The interpreter's run: it lives as long as the run does.
    _started: crate::scenarios::ScenarioRun,
    /// When the page was hidden during the run (its timers were then throttled by the browser).
    hidden: RefCell<HiddenWatch>,
}

impl LiveRun {
    /// Start `scenario` now, with every real wait divided by `speed`.
    pub fn start(scenario: &Scenario, speed: f64) -> LiveRun {
        let runtime = BrowserRuntime::new(speed);
        let hidden = RefCell::new(HiddenWatch::start(runtime.clock().clone()));
        let aio = Aio::new(Rc::new(runtime.clone()));
        let started = scenario.start(&aio);
        let root = started.root.clone();
        LiveRun { aio, runtime, root, _started: started, hidden }
    }

    /// Time since the start at 1x scale (what the "now" cursor shows).
    pub fn now(&self) -> Micros {
        self.runtime.clock().now()
    }

    pub fn speed(&self) -> f64 {
        self.runtime.clock().speed()
    }

    /// Events from index `from` on.
    pub fn events_since(&self, from: usize) -> Vec<Event> {
        self.aio.events_since(from)
    }

    /// All events so far.
    pub fn events(&self) -> Vec<Event> {
        self.aio.events_since(0)
    }

    /// When the top-level code finished, at 1x scale.
    pub fn total(&self) -> Option<Micros> {
        self.aio.root_end()
    }

    /// True when every task has ended (after the root, the cancelled leftovers too).
    pub fn finished(&self) -> bool {
        self.aio.all_finished()
    }

    /// The top-level code's outcome, once finished.
    pub fn result(&self) -> Option<crate::engine::CoroResult> {
        self.aio.task_result(self.root.id())
    }

    /// The stretches of the run during which the page was hidden, at 1x scale. Once the run has
    /// finished, later visibility changes are not its business and are no longer recorded.
    pub fn hidden(&self) -> Vec<Hidden> {
        let mut watch = self.hidden.borrow_mut();
        if self.aio.all_finished() {
            watch.stop();
        }
        watch.periods()
    }

    /// Stop now: every task is cancelled at its await, timers are cleared, fetches aborted.
    pub fn stop(&self) {
        if !self.aio.all_finished() {
            self.aio.stop();
        }
    }
}

impl Drop for LiveRun {
    fn drop(&mut self) {
        self.stop();
    }
}
