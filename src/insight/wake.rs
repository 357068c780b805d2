//! Why a task resumed (Chrome DevTools' initiator arrows, for the loop): the timer that fired, the
//! task that ended, the lock released or the item put, the `cancel()`, found in the event log.
//!
//! One forward pass (`Tracker`) keeps what a later resume may be explained by: each task's last
//! `Suspended`, its end, its first pending `CancelRequested`, and each resource's last op of each
//! kind. `task_stats` runs the same pass, so the figures and the arrows never disagree.

use crate::engine::{Event, EventKind, Micros, TaskId};
use crate::report::numbers::secs;

/// What made a task ready to run again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cause {
    /// The sleep it waited in was due.
    Timer { due: Micros },
    /// It only gave up its turn (`sleep(0)`, a bare yield): ready again at once.
    NextTurn,
    /// A task it awaited ended (`event` is its `Returned`, `Cancelled` or `Failed`).
    TaskEnded { task: TaskId, event: usize },
    /// Another task's op on the resource it waited on (`event` is the `ResourceChanged`).
    Resource { res: usize, op: String, by: TaskId, event: usize },
    /// `cancel()` was called on it (`event` is the `CancelRequested`; `by` None: no task did it, as
    /// a timeout or the end of `asyncio.run`).
    Cancelled { by: Option<TaskId>, event: usize },
    /// An HTTP wait: the response or its body arrived.
    Fetch,
    /// Its `to_thread` call came back.
    Thread,
    /// Its first turn: `event` is its `Created`, `by` the task that created it.
    Started { by: Option<TaskId>, event: usize },
}

/// Why the task of `events[resumed]` (a `Started`, `Resumed` or `CancelDelivered`) runs again, from
/// the events before it only (so a cursor's `events[..shown]` can be passed); None when the log does
/// not say (a bare future set by a callback, `wait_for`'s timeout, a `task_done()`, which is not
/// logged).
pub fn wake_cause(events: &[Event], resumed: usize) -> Option<Cause> {
    if !matches!(events.get(resumed)?.kind, EventKind::Started | EventKind::Resumed | EventKind::CancelDelivered { .. })
    {
        return None;
    }
    let mut tracker = Tracker::default();
    for i in 0..resumed {
        tracker.step(events, i);
    }
    tracker.step(events, resumed)
}

/// The time `cause` happened, when the log has it (a fetch's or a thread's end is not logged).
pub fn cause_time(events: &[Event], cause: &Cause) -> Option<Micros> {
    match cause {
        Cause::Timer { due } => Some(*due),
        Cause::NextTurn | Cause::Fetch | Cause::Thread => None,
        Cause::TaskEnded { event, .. }
        | Cause::Resource { event, .. }
        | Cause::Cancelled { event, .. }
        | Cause::Started { event, .. } => events.get(*event).map(|e| e.at),
    }
}

/// `cause` in plain words for a learner: "task_a() finished at 1.000 s". `names` are the tasks'
/// names by id, `resource_names` the resources' by number; `events` give the times.
pub fn describe(cause: &Cause, events: &[Event], names: &[String], resource_names: &[String]) -> String {
    let task = |t: TaskId| names.get(t).cloned().unwrap_or_else(|| format!("task {t}"));
    let when = |i: usize| events.get(i).map_or_else(|| "?".to_string(), |e| secs(e.at));
    match cause {
        Cause::Timer { due } => format!("the timer of its sleep fired at {}", secs(*due)),
        Cause::NextTurn => "it only gave up its turn (sleep(0)), so it was ready again at once".to_string(),
        Cause::TaskEnded { task: t, event } => {
            let how = match events.get(*event).map(|e| &e.kind) {
                Some(EventKind::Failed { .. }) => "failed",
                Some(EventKind::Cancelled) => "was cancelled",
                _ => "finished",
            };
            format!("{} {how} at {}", task(*t), when(*event))
        }
        Cause::Resource { res, op, by, event } => {
            let name = resource_names.get(*res).cloned().unwrap_or_else(|| format!("resource {res}"));
            let did = match op.as_str() {
                "release" => format!("released {name}"),
                "put" => format!("put an item in {name}"),
                "get" => format!("took an item from {name}"),
                "set" => format!("set {name}"),
                "notify" => format!("notified {name}"),
                "notify_all" => format!("notified every waiter of {name}"),
                "task_done" => format!("called {name}.task_done()"),
                other => format!("did {other} on {name}"),
            };
            format!("{} {did} at {}", task(*by), when(*event))
        }
        Cause::Cancelled { by: Some(t), event } if events.get(*event).is_some_and(|e| e.task == *t) => {
            format!("it cancelled itself at {}", when(*event))
        }
        Cause::Cancelled { by: Some(t), event } => format!("{} cancelled it at {}", task(*t), when(*event)),
        Cause::Cancelled { by: None, event } => {
            format!("it was cancelled at {} (by a timeout or the run ending, not by a task)", when(*event))
        }
        Cause::Fetch => "the server's reply arrived".to_string(),
        Cause::Thread => "its to_thread call came back from the worker thread".to_string(),
        Cause::Started { by: Some(t), event } => {
            format!("{} created it at {}; this is its first turn", task(*t), when(*event))
        }
        Cause::Started { by: None, event } => format!("the run started it at {}", when(*event)),
    }
}

/// The index of `task`'s first event after `after`, for the step-through's "next event of this task".
/// Pass `events[..shown]` to stay within a moment.
pub fn next_event_of(events: &[Event], task: TaskId, after: usize) -> Option<usize> {
    events.iter().enumerate().skip(after.saturating_add(1)).find(|(_, e)| e.task == task).map(|(i, _)| i)
}

/// The index of `task`'s last event before `before`.
pub fn previous_event_of(events: &[Event], task: TaskId, before: usize) -> Option<usize> {
    events[..before.min(events.len())].iter().rposition(|e| e.task == task)
}

/// Does `op` on a resource wake a task waiting in `on` (`queue.get()`, `lock.acquire()`, …)? By the
/// label's method, as asyncio's objects wake their waiters: a get waits for a put, a put for a get.
fn wakes(on: &str, op: &str) -> bool {
    match on.rsplit('.').next().unwrap_or(on) {
        "get()" => op == "put",
        "put()" => op == "get",
        "acquire()" => op == "release",
        "wait()" => matches!(op, "set" | "notify" | "notify_all"),
        "join()" => op == "task_done",
        _ => matches!(op, "release" | "put" | "get" | "set" | "notify" | "notify_all" | "task_done"),
    }
}

/// Ops that wake every waiter; the others (a release, a put…) wake the first one only.
fn wakes_all(op: &str) -> bool {
    matches!(op, "set" | "notify_all" | "task_done")
}

fn op_of(event: &Event) -> &str {
    match &event.kind {
        EventKind::ResourceChanged { op, .. } => op,
        _ => "",
    }
}

/// What one forward pass over the log knows, to explain the next resume (see the module doc).
#[derive(Default)]
pub(crate) struct Tracker {
    created: Vec<Option<usize>>,
    ended: Vec<Option<usize>>,
    /// The task's `Suspended` while it waits; None while it runs or before its first turn.
    waiting: Vec<Option<usize>>,
    /// The first `CancelRequested` not yet delivered: later ones only repeat it.
    cancel: Vec<Option<usize>>,
    /// Per resource, its last op of each kind (event index) and whether a resume was explained by
    /// it already (a release wakes one waiter: the next one is not woken by it too).
    ops: Vec<Vec<(usize, bool)>>,
}

fn slot<T: Default + Clone>(v: &mut Vec<T>, i: usize) -> &mut T {
    if v.len() <= i {
        v.resize(i + 1, T::default());
    }
    &mut v[i]
}

impl Tracker {
    /// Takes in `events[i]`; for a resumption (`Started`, `Resumed`, `CancelDelivered`) returns why.
    pub(crate) fn step(&mut self, events: &[Event], i: usize) -> Option<Cause> {
        let event = &events[i];
        let task = event.task;
        match &event.kind {
            EventKind::Created { .. } => *slot(&mut self.created, task) = Some(i),
            EventKind::Suspended { .. } => *slot(&mut self.waiting, task) = Some(i),
            EventKind::CancelRequested { .. } => {
                slot(&mut self.cancel, task).get_or_insert(i);
            }
            EventKind::ResourceChanged { res, op, .. } => {
                let ops = slot(&mut self.ops, *res);
                match ops.iter_mut().find(|(k, _)| op_of(&events[*k]) == op) {
                    Some(entry) => *entry = (i, false),
                    None => ops.push((i, false)),
                }
            }
            kind if kind.is_final() => {
                *slot(&mut self.ended, task) = Some(i);
                *slot(&mut self.waiting, task) = None;
            }
            EventKind::Started => {
                *slot(&mut self.waiting, task) = None;
                let created = (*slot(&mut self.created, task))?;
                let by = match &events[created].kind {
                    EventKind::Created { parent, .. } => *parent,
                    _ => None,
                };
                return Some(Cause::Started { by, event: created });
            }
            EventKind::CancelDelivered { .. } => {
                *slot(&mut self.waiting, task) = None;
                let request = slot(&mut self.cancel, task).take()?;
                let by = match &events[request].kind {
                    EventKind::CancelRequested { by } => *by,
                    _ => None,
                };
                return Some(Cause::Cancelled { by, event: request });
            }
            EventKind::Resumed => {
                let suspended = slot(&mut self.waiting, task).take()?;
                let cause = self.explain(events, suspended, event.at, None)?;
                if let Cause::Resource { res, event: op, .. } = &cause {
                    // This op is used up, unless it wakes every waiter.
                    if let Some(entry) = self.ops[*res].iter_mut().find(|(k, _)| k == op) {
                        entry.1 = !wakes_all(op_of(&events[*op]));
                    }
                }
                return Some(cause);
            }
            _ => {}
        }
        None
    }

    /// For a task still waiting after the events taken in so far, at time `now`: the cause that
    /// has already made it ready (so it only waits for its turn), or None while it really waits.
    /// `first_waiters` is `first_waiters()`'s: a release or a put wakes the first waiter only.
    pub(crate) fn ready_cause(
        &self,
        events: &[Event],
        task: TaskId,
        now: Micros,
        first_waiters: &[Option<usize>],
    ) -> Option<Cause> {
        let suspended = (*self.waiting.get(task)?)?;
        let cancel = self.cancel.get(task).copied().flatten().map(|request| {
            let by = match &events[request].kind {
                EventKind::CancelRequested { by } => *by,
                _ => None,
            };
            (events[request].at, Cause::Cancelled { by, event: request })
        });
        let other = self.explain(events, suspended, now, Some(first_waiters));
        let other = other.map(|c| (cause_time(events, &c).unwrap_or(events[suspended].at), c));
        // Whichever came first made it ready.
        match (other, cancel) {
            (Some(a), Some(b)) => Some(if b.0 < a.0 { b.1 } else { a.1 }),
            (a, b) => a.or(b).map(|(_, c)| c),
        }
    }

    /// Per resource, the earliest `Suspended` of the tasks waiting on it now (FIFO, as asyncio's
    /// waiters' deques).
    pub(crate) fn first_waiters(&self, events: &[Event]) -> Vec<Option<usize>> {
        let mut first: Vec<Option<usize>> = Vec::new();
        for &s in self.waiting.iter().flatten() {
            if let EventKind::Suspended { resource: Some(res), .. } = events[s].kind {
                let entry = slot(&mut first, res);
                *entry = Some(entry.map_or(s, |e| e.min(s)));
            }
        }
        first
    }

    /// Why a task suspended at `events[suspended]` is ready by `now`. `pending` (the first waiters)
    /// is given for a task that has not resumed yet: then only what surely wakes it counts (all of
    /// a gather's tasks; an unused release for the first waiter); for a resume,
    /// the best explanation of what the log shows happened.
    fn explain(
        &self,
        events: &[Event],
        suspended: usize,
        now: Micros,
        pending: Option<&[Option<usize>]>,
    ) -> Option<Cause> {
        let EventKind::Suspended { on, due, awaits, resource, .. } = &events[suspended].kind else { return None };
        let since = events[suspended].at;
        // Nothing to wait for: ready again at the loop's next turn.
        if *due == Some(since) || on == "sleep(0)" || on == "gather()" {
            return Some(Cause::NextTurn);
        }
        let mut best: Option<(Micros, Cause)> = None;
        let mut offer = |at: Micros, cause: Cause| {
            // The earliest wins: that one made it ready, the rest came while it waited its turn.
            if best.as_ref().is_none_or(|(b, _)| at < *b) {
                best = Some((at, cause));
            }
        };
        if let Some(due) = *due {
            if due <= now || pending.is_none() {
                offer(due, Cause::Timer { due });
            }
        }
        if let Some((task, event)) = self.awaited_end(events, on, awaits, pending.is_some()) {
            offer(events[event].at, Cause::TaskEnded { task, event });
        }
        if let Some(res) = *resource {
            let waker = self.ops.get(res).into_iter().flatten().filter(|(k, claimed)| {
                let op = op_of(&events[*k]);
                *k > suspended
                    && events[*k].task != events[suspended].task
                    && wakes(on, op)
                    && pending
                        .is_none_or(|first| wakes_all(op) || (!claimed && first.get(res) == Some(&Some(suspended))))
            });
            if let Some(&(k, _)) = waker.max_by_key(|(k, _)| *k) {
                let by = events[k].task;
                offer(events[k].at, Cause::Resource { res, op: op_of(&events[k]).to_string(), by, event: k });
            }
        }
        match best {
            Some((_, cause)) => Some(cause),
            // These ends are not logged: only a resume tells they came.
            None if pending.is_none() && (on.starts_with("GET ") || on == "response.text()") => Some(Cause::Fetch),
            None if pending.is_none() && on.starts_with("to_thread(") => Some(Cause::Thread),
            None => None,
        }
    }

    /// The awaited task whose end woke the waiter: when all have ended, the last one (a gather waits
    /// for all); otherwise the first that failed or was cancelled (it ends a gather early), else the
    /// last that ended. For a task not resumed yet, only an end that surely wakes it counts.
    fn awaited_end(&self, events: &[Event], on: &str, awaits: &[TaskId], pending: bool) -> Option<(TaskId, usize)> {
        let ends = || awaits.iter().filter_map(|&t| self.ended.get(t).copied().flatten().map(|e| (t, e)));
        let last = ends().max_by_key(|&(_, e)| e)?;
        if awaits.iter().all(|&t| self.ended.get(t).is_some_and(Option::is_some)) {
            return Some(last);
        }
        // `asyncio.wait()` and `as_completed()` may also have been woken by their timeout, which
        // the log does not hold: with some tasks still going, their wake is not explained.
        if ["wait(", "as_completed("].iter().any(|p| on.starts_with(p)) {
            return None;
        }
        let failing = ends()
            .filter(|&(_, e)| matches!(events[e].kind, EventKind::Failed { .. } | EventKind::Cancelled))
            .min_by_key(|&(_, e)| e);
        match pending {
            false => failing.or(Some(last)),
            // A TaskGroup waits for all, even after a failure. `gather` stops at one, unless it was
            // given `return_exceptions=True`, which its label does not tell: a task that failed is
            // not taken to have woken it until it resumes (at once, when it did).
            // `asyncio.wait()` and `as_completed()` may wait for the first or for all (or a timeout):
            // the same.
            true if on == "TaskGroup" || ["gather(", "wait(", "as_completed("].iter().any(|p| on.starts_with(p)) => {
                None
            }
            // The others (`await task`, `wait_for`) wait for their one task.
            true => ends().min_by_key(|&(_, e)| e),
        }
    }
}
