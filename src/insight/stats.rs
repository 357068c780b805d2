//! Per-task figures at a moment, as tokio-console's task list: turns on the loop, time running,
//! time ready but not running (the loop was busy elsewhere), time waiting, the longest turn.
//!
//! A task's life is cut into back-to-back pieces: each turn (from `Started`, `Resumed` or
//! `CancelDelivered` to its next `Suspended` or end) is busy; each wait is idle until what it
//! waited for happened (`wake::Tracker` tells what and when) and scheduled from then to its next
//! turn; before its first turn it is scheduled. So busy + scheduled + idle is its lifetime, exactly.

use super::wake::{cause_time, Cause, Tracker};
use crate::engine::{Event, EventKind, Micros, TaskId};
use crate::report::numbers::{secs, thousands};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskStats {
    pub task: TaskId,
    pub name: String,
    /// Turns on the loop.
    pub steps: usize,
    /// Time running, CPU blocking inside its turns included.
    pub busy: Micros,
    /// Ready to run but not running: from when what it waited for was done (a sleep's due, the
    /// awaited task's end, the resource op that woke it, its creation before its first turn) to the
    /// moment it ran.
    pub scheduled: Micros,
    /// Waiting on something not done yet.
    pub idle: Micros,
    pub longest_step: Micros,
    /// From its creation to its end, or to the moment.
    pub lifetime: Micros,
    /// `ready`, `running`, `waiting`, `done`, `cancelled` or `failed` at the moment.
    pub state: &'static str,
}

/// Where a task is between two of its events.
#[derive(Clone, Copy)]
enum Phase {
    /// Created, its first turn not come yet.
    Ready,
    Running,
    Waiting,
    Ended(&'static str),
}

struct Acc {
    stats: TaskStats,
    created: Micros,
    phase: Phase,
    /// When `phase` began.
    since: Micros,
}

impl Acc {
    fn run_until(&mut self, at: Micros) {
        let step = at.saturating_sub(self.since);
        self.stats.busy += step;
        self.stats.longest_step = self.stats.longest_step.max(step);
    }

    /// A wait from `since` to `at` that became ready at `ready` (None: it never did): idle, then
    /// scheduled.
    fn wait_until(&mut self, ready: Option<Micros>, at: Micros) {
        let at = at.max(self.since);
        let ready = ready.unwrap_or(at).clamp(self.since, at);
        self.stats.idle += ready - self.since;
        self.stats.scheduled += at - ready;
    }
}

/// When what woke a task, waiting since `since`, happened. A wake the log cannot date (a fetch, a
/// thread) counts as ready only when it ran: all its wait is idle.
fn ready_at(events: &[Event], cause: Option<&Cause>, since: Micros) -> Option<Micros> {
    match cause? {
        Cause::NextTurn => Some(since),
        cause => cause_time(events, cause),
    }
}

/// The figures of every task created in `events[..shown]`, by task id, at time `at` (a task still
/// running or waiting is counted up to `at`, or to the last event shown if that is later).
pub fn task_stats(events: &[Event], shown: usize, at: Micros) -> Vec<TaskStats> {
    let events = &events[..shown.min(events.len())];
    let now = events.last().map_or(at, |e| e.at.max(at));
    let mut tracker = Tracker::default();
    let mut tasks: Vec<Acc> = Vec::new();
    for (i, event) in events.iter().enumerate() {
        let cause = tracker.step(events, i);
        if let EventKind::Created { name, .. } = &event.kind {
            // Task ids are creation order: anything else is not a new task.
            if event.task == tasks.len() {
                tasks.push(Acc {
                    stats: TaskStats {
                        task: event.task,
                        name: name.clone(),
                        steps: 0,
                        busy: 0,
                        scheduled: 0,
                        idle: 0,
                        longest_step: 0,
                        lifetime: 0,
                        state: "ready",
                    },
                    created: event.at,
                    phase: Phase::Ready,
                    since: event.at,
                });
            }
            continue;
        }
        let Some(task) = tasks.get_mut(event.task) else { continue };
        let at = event.at;
        match (&event.kind, task.phase) {
            (EventKind::Started | EventKind::Resumed | EventKind::CancelDelivered { .. }, Phase::Ready) => {
                task.wait_until(Some(task.since), at);
            }
            (EventKind::Started | EventKind::Resumed | EventKind::CancelDelivered { .. }, Phase::Waiting) => {
                task.wait_until(ready_at(events, cause.as_ref(), task.since), at);
            }
            (kind, Phase::Running) if kind.is_final() || matches!(kind, EventKind::Suspended { .. }) => {
                task.run_until(at);
            }
            // Ended without a turn of its own (cancelled before it started): it was ready all along.
            (kind, Phase::Ready) if kind.is_final() => task.wait_until(Some(task.since), at),
            // Ended in a wait without being resumed (the log has no such end today): all idle.
            (kind, Phase::Waiting) if kind.is_final() => task.wait_until(None, at),
            _ => continue,
        }
        task.since = at;
        task.phase = match &event.kind {
            EventKind::Suspended { .. } => Phase::Waiting,
            EventKind::Returned { .. } => Phase::Ended("done"),
            EventKind::Cancelled => Phase::Ended("cancelled"),
            EventKind::Failed { .. } => Phase::Ended("failed"),
            _ => {
                task.stats.steps += 1;
                Phase::Running
            }
        };
        if let Phase::Ended(_) = task.phase {
            task.stats.lifetime = at.saturating_sub(task.created);
        }
    }
    let first_waiters = tracker.first_waiters(events);
    tasks
        .into_iter()
        .map(|mut task| {
            task.stats.state = match task.phase {
                Phase::Ready => {
                    task.wait_until(Some(task.since), now);
                    "ready"
                }
                Phase::Running => {
                    task.run_until(now);
                    "running"
                }
                Phase::Waiting => {
                    let ready = tracker.ready_cause(events, task.stats.task, now, &first_waiters);
                    task.wait_until(ready_at(events, ready.as_ref(), task.since), now);
                    if ready.is_some() {
                        "ready"
                    } else {
                        "waiting"
                    }
                }
                Phase::Ended(state) => state,
            };
            if !matches!(task.phase, Phase::Ended(_)) {
                task.stats.lifetime = now.saturating_sub(task.created);
            }
            task.stats
        })
        .collect()
}

/// The figures as an aligned plain-text table, for a screen reader or a copy and paste:
/// times in seconds as the page writes them (`2.000 s`).
pub fn stats_text(stats: &[TaskStats]) -> String {
    let header = ["task", "state", "steps", "busy", "scheduled", "idle", "longest step"];
    let mut rows: Vec<[String; 7]> = vec![header.map(String::from)];
    for s in stats {
        rows.push([
            format!("{} {}", s.task, s.name),
            s.state.to_string(),
            thousands(s.steps),
            secs(s.busy),
            secs(s.scheduled),
            secs(s.idle),
            secs(s.longest_step),
        ]);
    }
    let mut widths = [0; 7];
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in &rows {
        let mut line = String::new();
        for (column, (cell, width)) in row.iter().zip(widths).enumerate() {
            if column > 0 {
                line.push_str("  ");
            }
            // Words to the left, numbers to the right, so the digits line up.
            if column < 2 {
                line.push_str(&format!("{cell:<width$}"));
            } else {
                line.push_str(&format!("{cell:>width$}"));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
