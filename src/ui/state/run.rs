//! The run concern: the ideal run of the program (and 44.2/44.3's comparison of its modes), the live
//! run on the page's event loop as of its last frame, the phase the status shows, the measured
//! totals, and 44.3's network (see `net`). It knows the program only as the `Scenario` it is handed:
//! the reducer (`super`) decides when the runs follow an edit.

use crate::engine::{CoroResult, Exception, Micros, RunOutcome};
use crate::scenarios::Scenario;

use super::net::Net;
use crate::ui::shared::Shared;
use crate::ui::trace::Trace;

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
    /// What the linter finds in the code (`time.sleep` in a coroutine, a task thrown away…): the
    /// warnings of this run and of the live one are derived from their logs and these.
    pub lints: Vec<crate::insight::lints::Lint>,
}

impl Ideal {
    pub fn of(scenario: &Scenario) -> Ideal {
        let run = scenario.run_virtual();
        let trace = Shared::new(Trace::of_log(Shared::new(run.events), None, None));
        let lints = crate::insight::lints::lint(&scenario.python_text());
        Ideal { trace, total: run.total, result: run.result, outcome: run.outcome, lints }
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
        // A person's own code has one mode: the one they wrote.
        if scenario.code.is_some() || !(modes.contains(&"sequential") && modes.contains(&"concurrent")) {
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

/// Measured totals of finished runs, per exact scenario (mode included): the comparison shows the
/// sequential and the concurrent one side by side once both were run with the same values and
/// URLs. With real servers that is the honest comparison; the ideal one can only guess them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Measured(Vec<(Scenario, Micros)>);

impl Measured {
    /// The measured total of `scenario` run in `mode`, if it was run.
    pub fn total(&self, scenario: &Scenario, mode: &str) -> Option<Micros> {
        let mut wanted = scenario.clone();
        wanted.set_mode(mode).ok()?;
        self.0.iter().find(|(s, _)| *s == wanted).map(|(_, total)| *total)
    }
}

/// Everything about running the program: its ideal run, the live one, and what they measured.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// The live run's speed (1x, 2x, …: the timers are that much shorter).
    pub speed: u32,
    pub ideal: Shared<Ideal>,
    pub comparison: Option<Shared<Comparison>>,
    /// The live run since Run was pressed; `None` until then and after an edit.
    pub live: Option<LiveView>,
    /// The id of the next live run (frames of an older one are ignored).
    pub next_run: u32,
    /// 44.3: can the page reach the internet, is the sample API running (see `net`).
    pub net: Net,
    /// The last measured total of each mode of the scenario shown (44.2 and 44.3 compare them).
    pub measured: Measured,
}

impl Run {
    /// The runs of a freshly opened `scenario`: its ideal run, no live one yet.
    pub(super) fn of(scenario: &Scenario, speed: u32) -> Run {
        let ideal = Shared::new(Ideal::of(scenario));
        let comparison = Comparison::of(scenario, &ideal).map(Shared::new);
        Run { speed, ideal, comparison, live: None, next_run: 1, net: Net::default(), measured: Measured::default() }
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

    /// The whole run on screen: the live one once started, else the ideal one.
    pub fn whole(&self) -> &Shared<Trace> {
        self.live.as_ref().map_or(&self.ideal.trace, |live| &live.trace)
    }

    /// The program changed: its ideal run is recomputed at once, and a finished live run, which
    /// showed the old program, is put away.
    pub(super) fn follow(&mut self, scenario: &Scenario) {
        self.ideal = Shared::new(Ideal::of(scenario));
        self.comparison = Comparison::of(scenario, &self.ideal).map(Shared::new);
        self.live = None;
    }

    /// Run was pressed: a new live run starts (the App starts its session when it sees it).
    pub(super) fn start(&mut self) {
        self.live = Some(LiveView::starting(self.next_run, self.speed));
        self.next_run += 1;
    }

    /// Stop was pressed: remembered until the run has ended.
    pub(super) fn stop(&mut self) {
        if let Some(live) = self.live.as_mut().filter(|l| !l.finished) {
            live.stop_requested = true;
        }
    }

    /// A new picture of the live run of `scenario`; a frame of another run (or after the end) is
    /// ignored.
    pub(super) fn frame(&mut self, view: LiveView, scenario: &Scenario) {
        if let Some(live) = self.live.as_mut().filter(|l| l.run_id == view.run_id && !l.finished) {
            *live = LiveView { stop_requested: live.stop_requested, ..view };
            self.remember_measured(scenario);
        }
    }

    /// A run just finished on its own (not stopped, not failed): keep its total, forgetting those
    /// of other values (they no longer compare with anything on the page).
    fn remember_measured(&mut self, scenario: &Scenario) {
        let Some(total) = self.live.as_ref().filter(|l| l.finished).and_then(|l| l.total) else { return };
        if self.phase() != Phase::Done {
            return;
        }
        let same_code = |s: &Scenario| s.id == scenario.id && s.values == scenario.values && s.urls == scenario.urls;
        self.measured.0.retain(|(s, _)| same_code(s) && s.mode != scenario.mode);
        self.measured.0.push((scenario.clone(), total));
    }
}
