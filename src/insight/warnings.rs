//! The warnings the page lists under the timeline, each at its moment, with the line it is about
//! and a page that shows the mistake: what asyncio itself says (`Warned` events: a coroutine never
//! awaited, a task exception never retrieved), what asyncio's debug mode would say (a step that held
//! the loop ≥ 100 ms), what the log shows (a cancellation swallowed, a task left pending at the
//! end) and what the linter found in the source (`lints`), shown when the flagged line first ran.

use super::lints::Lint;
use crate::engine::value::py_str_repr;
use crate::engine::{secs_from_micros, Event, EventKind, Micros, Place, TaskId, WarningKind};

#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    pub kind: WarningKind,
    /// When it is shown: asyncio's moment for it, or when the flagged line first ran (0 if never).
    pub at: Micros,
    pub task: Option<TaskId>,
    pub line: Option<u32>,
    /// asyncio's own words when asyncio says it (else the linter's, or ours).
    pub text: String,
    /// One or two sentences for a learner: what happened and the fix.
    pub explain: String,
    /// The section that shows it (`gallery-blocking-sleep`, `fetch-urls`); empty if none does.
    pub example: &'static str,
}

/// asyncio's `loop.slow_callback_duration`: debug mode reports a step at least this long.
const SLOW_STEP: Micros = 100_000;

/// The section that shows each kind of mistake, and how to avoid it.
pub fn example(kind: WarningKind) -> &'static str {
    match kind {
        WarningKind::SlowStep | WarningKind::BlockingSleep => "gallery-blocking-sleep",
        WarningKind::NeverAwaited => "gallery-forgot-await",
        // 44.3: the same fetches awaited one by one, then gathered.
        WarningKind::SequentialAwait => "fetch-urls",
        WarningKind::DanglingTask | WarningKind::NeverRetrieved | WarningKind::DestroyedPending => {
            "gallery-fire-and-forget"
        }
        WarningKind::SwallowedCancel => "gallery-swallowed-cancel",
        WarningKind::CallbackError => "",
    }
}

const SLOW_STEP_FIX: &str = "Use await asyncio.sleep() instead of time.sleep(), and move blocking or CPU-heavy work off the loop with asyncio.to_thread().";

/// What a learner reads under a warning of this kind (a slow step's also says who and how long).
fn explain(kind: WarningKind) -> &'static str {
    match kind {
        WarningKind::SlowStep => SLOW_STEP_FIX,
        WarningKind::BlockingSleep => "time.sleep() holds the one thread the event loop runs on: no other task runs until it returns. In a coroutine, await asyncio.sleep() instead.",
        WarningKind::NeverAwaited => "Calling an async def only makes a coroutine object: without await its body never runs. Put await in front of the call, or pass it to asyncio.create_task() to run it alongside.",
        WarningKind::NeverRetrieved => "A task ended with an exception that nothing looked at: no one awaited the task or asked for its result. Await every task you start (or use gather() or a TaskGroup) so its errors reach your code.",
        WarningKind::DestroyedPending => "The run ended while this task was still waiting, so the rest of it never ran. Keep a reference to every task you start and await it (or use a TaskGroup) before the program ends.",
        WarningKind::DanglingTask => "Nothing keeps the task create_task() returned: nobody awaits it, its result and its errors are lost, and the loop holds it only weakly, so it may even be garbage-collected before it finishes. Keep it (a variable, a set, a TaskGroup) and await it.",
        WarningKind::SequentialAwait => "Each pass of the loop waits for the call to finish before the next one starts, so the waits add up. If the calls do not depend on each other, start them all and wait once, with asyncio.gather() or a TaskGroup.",
        WarningKind::SwallowedCancel => "cancel(), and every timeout built on it, works by raising CancelledError at the task's await; code that catches it and carries on leaves the task running as if nothing had been asked. Clean up in except or finally, then raise.",
        WarningKind::CallbackError => "A function the loop called back (call_soon, a done callback) raised: the loop only logs the error and goes on, and nothing else sees it. Catch errors inside the callback.",
    }
}

/// The warnings at the moment `events[..shown]`, in time order. `lints` are the source's
/// (`lints::lint`); the whole log is read to find when each flagged line first ran, but a warning
/// is listed only once its moment is shown (a flagged line that never ran is listed from 0).
pub fn warnings(events: &[Event], shown: usize, lints: &[Lint]) -> Vec<Warning> {
    let shown = shown.min(events.len());
    let mut scan = Scan { lints, tracks: Vec::new(), found: Vec::new(), located: vec![None; lints.len()] };
    for (i, e) in events.iter().enumerate() {
        scan.event(i, e);
    }
    // A task still pending when the run is over (all of it, and the top-level code ended).
    let ended = |t: usize| scan.tracks.get(t).is_some_and(|t| t.ended);
    if shown == events.len() && ended(0) {
        let end = events.len() - 1;
        for (t, track) in scan.tracks.iter().enumerate().filter(|(_, t)| t.created && !t.ended) {
            let text = "Task was destroyed but it is pending!".to_string();
            let line = track.stack.last().map(|p| p.line);
            scan.found.push((Some(end), warning(WarningKind::DestroyedPending, events[end].at, Some(t), line, text)));
        }
    }
    // The static findings the run did not already report, at the moment their line first ran.
    for (lint, located) in lints.iter().zip(&scan.located) {
        let (event, at, task) = match located {
            Some(Located::Confirmed) => continue,
            Some(Located::Ran { event, at, task }) => (Some(*event), *at, Some(*task)),
            None => (None, 0, None),
        };
        scan.found.push((event, warning(lint.kind, at, task, Some(lint.line), lint.text.clone())));
    }
    let mut out: Vec<Warning> =
        scan.found.into_iter().filter(|(event, _)| event.is_none_or(|i| i < shown)).map(|(_, w)| w).collect();
    // By (moment, line), `None` first: by line, then (stably) by moment, with the wasm's one sort.
    crate::sort::sort_by_key(&mut out, |w| w.line.map_or(0, |line| u64::from(line) + 1));
    crate::sort::sort_by_key(&mut out, |w| w.at);
    out
}

fn warning(kind: WarningKind, at: Micros, task: Option<TaskId>, line: Option<u32>, text: String) -> Warning {
    Warning { kind, at, task, line, text, explain: explain(kind).to_string(), example: example(kind) }
}

/// When a lint's line first ran, or that the run itself reported it (a swallowed cancellation).
#[derive(Clone, Copy, Debug)]
enum Located {
    Ran { event: usize, at: Micros, task: TaskId },
    Confirmed,
}

/// What the scan knows of one task.
#[derive(Default)]
struct Track<'a> {
    created: bool,
    /// `Created::name`: the lane's label.
    name: &'a str,
    /// Its coroutine's function (`Created::coro` up to the parenthesis).
    function: &'a str,
    /// The stack of its last `Suspended`: where the current step started from.
    stack: &'a [Place],
    suspended_ever: bool,
    step: Option<Step<'a>>,
    /// Who asked for the last cancellation, and where it was delivered, until the task reacts.
    cancel_by: Option<TaskId>,
    delivered: Option<(Option<TaskId>, &'a [Place])>,
    ended: bool,
}

/// The step running now: from `Started`/`Resumed`/`CancelDelivered` to the next `Suspended` or end.
struct Step<'a> {
    start: Micros,
    /// The first blocking sleep in it (`CpuStarted` of a `sleep(…)` call) and the first task it
    /// created: when a lint's line ran, if the lint is in a function the step ran.
    sleep: Option<(usize, Micros)>,
    spawned: Option<(usize, Micros)>,
    /// Coroutines awaited directly during the step (`CallStarted`), by function.
    called: Vec<&'a str>,
}

struct Scan<'a> {
    lints: &'a [Lint],
    tracks: Vec<Track<'a>>,
    /// Each warning with the index of the event that shows it (`None`: shown from the start).
    found: Vec<(Option<usize>, Warning)>,
    located: Vec<Option<Located>>,
}

/// The function a call's text names: `fetch(session, url)` → `fetch`.
fn function_of(call: &str) -> &str {
    call.split('(').next().unwrap_or(call)
}

/// The function a lint is in (`<module>` outside any async def).
fn lint_function(lint: &Lint) -> &str {
    lint.within.as_ref().map_or("<module>", |p| &*p.function)
}

impl<'a> Scan<'a> {
    fn track(&mut self, t: TaskId) -> &mut Track<'a> {
        if self.tracks.len() <= t {
            self.tracks.resize_with(t + 1, Track::default);
        }
        &mut self.tracks[t]
    }

    fn event(&mut self, i: usize, e: &'a Event) {
        let t = e.task;
        match &e.kind {
            EventKind::Created { name, coro, parent } => {
                let track = self.track(t);
                (track.created, track.name, track.function) = (true, name, function_of(coro));
                if let Some(step) = parent.and_then(|p| self.tracks.get_mut(p)?.step.as_mut()) {
                    step.spawned.get_or_insert((i, e.at));
                }
            }
            EventKind::Started | EventKind::Resumed | EventKind::CancelDelivered { .. } => {
                if matches!(e.kind, EventKind::CancelDelivered { .. }) {
                    let track = self.track(t);
                    track.delivered = Some((track.cancel_by, track.stack));
                }
                let step = Step { start: e.at, sleep: None, spawned: None, called: Vec::new() };
                self.track(t).step = Some(step);
            }
            EventKind::CpuStarted { call } if call.contains("sleep(") => {
                if let Some(step) = self.track(t).step.as_mut() {
                    step.sleep.get_or_insert((i, e.at));
                }
            }
            EventKind::CallStarted { call, .. } => {
                if let Some(step) = self.track(t).step.as_mut() {
                    step.called.push(function_of(call));
                }
            }
            EventKind::CancelRequested { by } => self.track(t).cancel_by = *by,
            EventKind::Suspended { stack, .. } => {
                self.locate_by_stack(i, e, stack);
                self.end_step(i, e, Some(stack));
                let track = self.track(t);
                (track.stack, track.suspended_ever) = (stack, true);
            }
            kind if kind.is_final() => {
                self.end_step(i, e, None);
                self.track(t).ended = true;
            }
            EventKind::Warned { kind, text, line } => {
                self.found.push((Some(i), warning(*kind, e.at, Some(t), *line, text.clone())));
            }
            _ => {}
        }
    }

    /// A lint whose line is a frame of a task's stack ran by then (`await fetch(url)` in a loop).
    fn locate_by_stack(&mut self, i: usize, e: &Event, stack: &[Place]) {
        for (lint, located) in self.lints.iter().zip(&mut self.located) {
            let shows = |p: &Place| p.line == lint.line && *p.function == *lint_function(lint);
            if located.is_none() && stack.iter().any(shows) {
                *located = Some(Located::Ran { event: i, at: e.at, task: e.task });
            }
        }
    }

    /// The task's step ends at `e` (suspended with `stack`, or finished).
    fn end_step(&mut self, i: usize, e: &'a Event, stack: Option<&'a [Place]>) {
        let t = e.task;
        let Some(step) = self.tracks.get_mut(t).and_then(|track| track.step.take()) else { return };
        let track = &self.tracks[t];
        // The functions the step ran in, as far as the log says: the task's coroutine, its frames
        // where the step started and ended, the coroutines it awaited directly. Only worked out
        // for a step that did what a lint is about (most steps do not: a run may have thousands).
        let mut ran: Vec<&str> = Vec::new();
        if step.sleep.is_some() || step.spawned.is_some() {
            let frames = track.stack.iter().chain(stack.unwrap_or(&[])).map(|p| &*p.function);
            ran.extend(frames.chain(step.called.iter().copied()));
            ran.push(track.function);
            if t == 0 {
                ran.push("<module>");
            }
        }
        let in_step = |lint: &Lint| ran.contains(&lint_function(lint));
        let mut sleep_line = None;
        for (n, lint) in self.lints.iter().enumerate() {
            let did = match lint.kind {
                WarningKind::BlockingSleep => step.sleep,
                WarningKind::DanglingTask => step.spawned,
                _ => None,
            };
            let Some((event, at)) = did.filter(|_| in_step(lint)) else { continue };
            if lint.kind == WarningKind::BlockingSleep {
                sleep_line.get_or_insert(lint.line);
            }
            let earlier = match self.located[n] {
                None => true,
                Some(Located::Ran { event: before, .. }) => event < before,
                Some(Located::Confirmed) => false,
            };
            if earlier {
                self.located[n] = Some(Located::Ran { event, at, task: t });
            }
        }
        let took = e.at - step.start;
        // A program that never reached the loop (a plain script) has no loop to hold.
        let in_loop = track.suspended_ever || stack.is_some() || self.tracks.len() > 1;
        if took >= SLOW_STEP && in_loop {
            let repr = self.task_repr(t, e, stack);
            let text = format!("Executing {repr} took {:.3} seconds", secs_from_micros(took));
            // Where it blocked: the blocking sleep if the step ran one, else where it stopped.
            let line = sleep_line.or_else(|| stack.and_then(|s| s.last()).map(|p| p.line));
            let mut slow = warning(WarningKind::SlowStep, e.at, Some(t), line, text);
            let who = if track.name.is_empty() { format!("Task-{}", t + 1) } else { track.name.to_string() };
            slow.explain = format!(
                "{who} ran for {:.3} s without reaching an await, so no other task could run meanwhile: the whole loop waited. {}",
                secs_from_micros(took),
                SLOW_STEP_FIX
            );
            self.found.push((Some(i), slow));
        }
        self.swallowed(i, e, stack);
    }

    /// CPython's `repr(task)` after the step: pending where it is stopped, or finished.
    fn task_repr(&self, t: TaskId, e: &Event, stack: Option<&[Place]>) -> String {
        let track = &self.tracks[t];
        let name = format!("Task-{}", t + 1);
        if let Some(outer) = stack.and_then(|s| s.first()) {
            return format!(
                "<Task pending name='{name}' coro=<{}() running at <playground>:{}>>",
                outer.function, outer.line
            );
        }
        let function = track.stack.first().map_or(track.function, |p| &*p.function);
        // The def line is known only from a lint in that function; CPython's words without it.
        let defined = self
            .lints
            .iter()
            .filter_map(|l| l.within.as_ref())
            .find(|p| *p.function == *function)
            .map_or(String::new(), |p| format!(", defined at <playground>:{}", p.line));
        let coro = format!("coro=<{function}() done{defined}>");
        match &e.kind {
            EventKind::Returned { value } => format!("<Task finished name='{name}' {coro} result={value}>"),
            EventKind::Failed { error } => {
                format!("<Task finished name='{name}' {coro} exception={}>", exc_repr(error))
            }
            _ => format!("<Task cancelled name='{name}' {coro}>"),
        }
    }

    /// After a `CancelDelivered`, the task did not end cancelled: it returned, or (when a handler
    /// without `raise` is on its stack) it went on to await something else.
    fn swallowed(&mut self, i: usize, e: &Event, stack: Option<&[Place]>) {
        let t = e.task;
        let Some((by, at_stack)) = self.tracks[t].delivered else { return };
        if matches!(e.kind, EventKind::Cancelled | EventKind::Failed { .. }) {
            self.tracks[t].delivered = None;
            return;
        }
        let function = self.tracks[t].function;
        let handler = self.lints.iter().position(|l| {
            l.kind == WarningKind::SwallowedCancel
                && (at_stack.iter().any(|p| *p.function == *lint_function(l)) || function == lint_function(l))
        });
        // Returning after a cancel from another task is swallowing it. A cancel from the loop
        // (a timeout's, a TaskGroup's) may have been turned into TimeoutError or an
        // ExceptionGroup and caught: only a handler that swallows it says it was lost. Awaiting
        // again is also how cleanup looks (then `raise`): again only such a handler says.
        let lost = handler.is_some() || (stack.is_none() && by.is_some());
        if !lost {
            return;
        }
        self.tracks[t].delivered = None;
        let line = match handler {
            Some(n) => {
                self.located[n] = Some(Located::Confirmed);
                Some(self.lints[n].line)
            }
            None => at_stack.last().map(|p| p.line),
        };
        // A task that swallows every cancellation (a timeout in a loop) is one mistake, not many.
        let again = |(_, w): &(Option<usize>, Warning)| {
            w.kind == WarningKind::SwallowedCancel && w.task == Some(t) && w.line == line
        };
        if self.found.iter().any(again) {
            return;
        }
        let what = if stack.is_some() { "went on running" } else { "returned instead of being cancelled" };
        let text = format!("CancelledError was caught and not raised again: Task-{} {what}", t + 1);
        self.found.push((Some(i), warning(WarningKind::SwallowedCancel, e.at, Some(t), line, text)));
    }
}

/// `ValueError: bad` (the log's words) → `ValueError('bad')` (the exception's repr).
fn exc_repr(error: &str) -> String {
    match error.split_once(": ") {
        Some((class, message)) => format!("{class}({})", py_str_repr(message)),
        None => format!("{error}()"),
    }
}
