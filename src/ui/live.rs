//! A live run as the UI drives it: starts `LiveRun` on the page's loop, and on animation frames
//! turns what happened since into a `LiveView` for the page state. Dropping it stops the run and
//! the frames.
//!
//! The page shares the main thread with the run it measures: while it redraws, a timer that is
//! due waits, and at 20x a millisecond of real lateness is 20 ms on the timeline. So the session
//! keeps its own work out of the way of the run's timers:
//! - the run starts only once the page has drawn its "running" state (the biggest redraw);
//! - no redraw starts when, by the ideal run, the next thing to happen is due within `GUARD_MS`,
//!   or was due a moment ago and has not happened yet (a timer about to fire late);
//! - big runs redraw less often (`redraw_interval_ms`).

use std::cell::RefCell;
use std::rc::Rc;

use yew::Callback;

use crate::browser::frames::AnimationFrames;
use crate::browser::LiveRun;
use crate::engine::{Event, Micros};
use crate::scenarios::Scenario;

use super::shared::Shared;
use super::state::run::{Ideal, LiveView};
use super::trace::Trace;

/// Real milliseconds before a due timer in which no redraw starts (a redraw of this page takes
/// up to ~30 ms in a slow browser on its first run, before the drawing code is compiled).
const GUARD_MS: f64 = 35.0;
/// A redraw also waits while the next event is overdue by less than this (real ms): the loop is
/// late (CPU work just ended), and the late timers should fire before the page draws.
const OVERDUE_MS: f64 = 60.0;
/// …but no more than this many frames are skipped in a row: a run of thousands of tasks has a
/// timer due all the time, and must still be seen to progress.
const MAX_SKIPPED: u32 = 6;
/// Frames to wait after Run before the clock starts: the page first draws its running state.
const SETTLE_FRAMES: u32 = 2;

/// Rebuilding the view costs time in proportion to the events (a run of 100 000 tasks logs
/// ~400 000): small runs redraw every frame, big ones a few times a second at most.
fn redraw_interval_ms(events: usize) -> f64 {
    (events as f64 / 1_000.0).min(500.0)
}

pub struct LiveSession {
    pub run_id: u32,
    scenario: Scenario,
    speed: u32,
    run: Rc<RefCell<Option<LiveRun>>>,
    _frames: AnimationFrames,
}

/// The frame loop's state between frames.
struct Pump {
    run_id: u32,
    speed: u32,
    scenario: Scenario,
    ideal: Shared<Ideal>,
    on_frame: Callback<LiveView>,
    run: Rc<RefCell<Option<LiveRun>>>,
    events: Vec<Event>,
    frames_seen: u32,
    skipped: u32,
    last_drawn: Option<Micros>,
    done: bool,
}

impl Pump {
    fn frame(&mut self) {
        if self.done {
            return;
        }
        self.frames_seen += 1;
        let run_slot = self.run.clone();
        let mut slot = run_slot.borrow_mut();
        let Some(run) = slot.as_ref() else {
            if self.frames_seen >= SETTLE_FRAMES {
                *slot = Some(LiveRun::start(&self.scenario, f64::from(self.speed)));
            }
            return;
        };
        self.events.extend(run.events_since(self.events.len()));
        let finished = run.finished();
        let now = run.now();
        if !finished && !self.should_draw(now) {
            return;
        }
        self.last_drawn = Some(now);
        self.done = finished;
        let trace = Trace::of(&self.events, (!finished).then_some(now), Some(&self.ideal.trace.log));
        let view = LiveView {
            run_id: self.run_id,
            speed: self.speed,
            now: if finished { trace.timeline.end } else { now },
            trace: Shared::new(trace),
            total: run.total(),
            result: if finished { run.result() } else { None },
            finished,
            stop_requested: false,
            hidden: run.hidden(),
        };
        drop(slot);
        self.on_frame.emit(view);
    }

    fn should_draw(&mut self, now: Micros) -> bool {
        let speed = f64::from(self.speed);
        // Times are at 1x scale: real milliseconds are that / speed.
        let real_ms = |micros: Micros| micros as f64 / 1_000.0 / speed;
        if self.last_drawn.is_some_and(|at| real_ms(now.saturating_sub(at)) < redraw_interval_ms(self.events.len())) {
            return false;
        }
        // Both runs log the same events in the same order (only the times differ), so the ideal
        // event at the live run's length is the next thing that should happen.
        let imminent = self.ideal.trace.log.get(self.events.len()).is_some_and(|next| {
            if next.at > now {
                real_ms(next.at - now) < GUARD_MS
            } else {
                real_ms(now - next.at) < OVERDUE_MS
            }
        });
        if imminent && self.skipped < MAX_SKIPPED {
            self.skipped += 1;
            return false;
        }
        self.skipped = 0;
        true
    }
}

impl LiveSession {
    pub fn start(
        run_id: u32,
        scenario: &Scenario,
        speed: u32,
        ideal: Shared<Ideal>,
        on_frame: Callback<LiveView>,
    ) -> LiveSession {
        let run = Rc::new(RefCell::new(None));
        let mut pump = Pump {
            run_id,
            speed,
            scenario: scenario.clone(),
            ideal,
            on_frame,
            run: run.clone(),
            events: Vec::new(),
            frames_seen: 0,
            skipped: 0,
            last_drawn: None,
            done: false,
        };
        let frames = AnimationFrames::start(move || pump.frame());
        LiveSession { run_id, scenario: scenario.clone(), speed, run, _frames: frames }
    }

    /// Stop: every task is cancelled at its await; the frames keep going until all have ended, so
    /// the page shows where each one was stopped. A run not started yet never starts.
    pub fn stop(&self) {
        let mut slot = self.run.borrow_mut();
        match slot.as_ref() {
            Some(run) => run.stop(),
            None => {
                // Stopped while the page was settling: start and stop at once, so the page
                // shows, truthfully, a run whose tasks were cancelled before they started.
                let run = LiveRun::start(&self.scenario, f64::from(self.speed));
                run.stop();
                *slot = Some(run);
            }
        }
    }
}

impl Drop for LiveSession {
    fn drop(&mut self) {
        if let Some(run) = self.run.borrow().as_ref() {
            run.stop();
        }
    }
}
