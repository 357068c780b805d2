//! One lane per resource (a Queue, Lock, Semaphore, Event or Condition): what was done to it and
//! when, and who waited on it, from the log's `ResourceCreated`/`ResourceChanged` and the
//! `Suspended { resource }` of the tasks that waited. The page draws the lanes under the tasks' and
//! reads them in words (`resources_text`) for screen readers and the copyable report.

use crate::engine::{Event, EventKind, Micros, ResourceKind, TaskId};
use crate::report::numbers::secs;

#[derive(Clone, Debug, PartialEq)]
pub struct ResourceLane {
    /// `ResourceCreated::res`: the run's resources numbered from 0.
    pub res: usize,
    pub kind: ResourceKind,
    /// The variable it was assigned to (`lock`), else its kind and number.
    pub name: String,
    /// A semaphore's permits, a queue's maxsize (0: unbounded), 1 for a lock or a condition.
    pub capacity: usize,
    pub created: Micros,
    /// In the log's order.
    pub changes: Vec<Change>,
    /// In the order the tasks started waiting.
    pub waits: Vec<Wait>,
}

/// One operation on the resource, and its state afterwards.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub at: Micros,
    /// Its index in the log (the page links a change to the event table's row).
    pub event: usize,
    /// The task that did it.
    pub by: TaskId,
    /// `put`, `get`, `acquire`, `release`, `set`, `clear`, `notify`, `notify_all`.
    pub op: String,
    /// Items in a queue, permits taken, 1 for an event that is set.
    pub level: usize,
    /// Who holds a lock, a semaphore or a condition's lock, in the order they took it.
    pub holders: Vec<TaskId>,
}

/// A task suspended on the resource, from its `Suspended` until it ran again (or ended).
#[derive(Clone, Debug, PartialEq)]
pub struct Wait {
    pub task: TaskId,
    /// What it awaits, as the log says: `lock.acquire()`, `queue.get()`, `event.wait()`…
    pub on: String,
    pub start: Micros,
    /// `None` while it still waits at the moment shown.
    pub end: Option<Micros>,
    /// The index of its `Suspended` in the log.
    pub event: usize,
}

/// The resources made by `events[..shown]`, in the order they were made.
pub fn resource_lanes(events: &[Event], shown: usize) -> Vec<ResourceLane> {
    let mut lanes: Vec<ResourceLane> = Vec::new();
    // For each task, the lane and wait it is in now: a task waits on one thing at a time.
    let mut waiting: Vec<Option<(usize, usize)>> = Vec::new();
    let lane_of = |lanes: &[ResourceLane], res: usize| lanes.iter().position(|l| l.res == res);
    for (i, e) in events.iter().enumerate().take(shown) {
        match &e.kind {
            EventKind::ResourceCreated { res, kind, name, capacity } => lanes.push(ResourceLane {
                res: *res,
                kind: *kind,
                name: name.clone(),
                capacity: *capacity,
                created: e.at,
                changes: Vec::new(),
                waits: Vec::new(),
            }),
            EventKind::ResourceChanged { res, op, level, holders } => {
                if let Some(l) = lane_of(&lanes, *res) {
                    let change = Change {
                        at: e.at,
                        event: i,
                        by: e.task,
                        op: op.clone(),
                        level: *level,
                        holders: holders.clone(),
                    };
                    lanes[l].changes.push(change);
                }
            }
            EventKind::Suspended { on, resource, .. } => {
                end_wait(&mut lanes, &mut waiting, e);
                if let Some(l) = resource.and_then(|res| lane_of(&lanes, res)) {
                    let wait = Wait { task: e.task, on: on.clone(), start: e.at, end: None, event: i };
                    lanes[l].waits.push(wait);
                    if waiting.len() <= e.task {
                        waiting.resize(e.task + 1, None);
                    }
                    waiting[e.task] = Some((l, lanes[l].waits.len() - 1));
                }
            }
            // It runs again: woken (`Resumed`), or cancelled where it waited.
            EventKind::Resumed | EventKind::CancelDelivered { .. } => end_wait(&mut lanes, &mut waiting, e),
            kind if kind.is_final() => end_wait(&mut lanes, &mut waiting, e),
            _ => {}
        }
    }
    lanes
}

fn end_wait(lanes: &mut [ResourceLane], waiting: &mut [Option<(usize, usize)>], e: &Event) {
    if let Some((l, w)) = waiting.get_mut(e.task).and_then(Option::take) {
        lanes[l].waits[w].end = Some(e.at);
    }
}

impl ResourceLane {
    /// The last change at or before `at` (a moment shows every event up to its time).
    fn last_change(&self, at: Micros) -> Option<&Change> {
        let n = self.changes.partition_point(|c| c.at <= at);
        n.checked_sub(1).map(|i| &self.changes[i])
    }

    /// Items in the queue, permits taken, 1 if the event is set: 0 before any change.
    pub fn level_at(&self, at: Micros) -> usize {
        self.last_change(at).map_or(0, |c| c.level)
    }

    /// Who holds the lock, semaphore or condition's lock at `at`, in the order they took it.
    pub fn holders_at(&self, at: Micros) -> &[TaskId] {
        self.last_change(at).map_or(&[], |c| &c.holders)
    }

    /// The tasks waiting at `at`, in the order they started waiting (who is first in line).
    pub fn waiters_at(&self, at: Micros) -> Vec<TaskId> {
        self.waits_at(at).map(|w| w.task).collect()
    }

    fn waits_at(&self, at: Micros) -> impl Iterator<Item = &Wait> {
        self.waits.iter().filter(move |w| w.start <= at && w.end.is_none_or(|end| end > at))
    }

    /// The highest level it reached (the lane's scale: a queue that never held more than 2).
    pub fn max_level(&self) -> usize {
        self.changes.iter().map(|c| c.level).max().unwrap_or(0)
    }

    /// Since when an event has been set at `at` (the first `set` of the current run of sets).
    fn set_since(&self, at: Micros) -> Option<Micros> {
        let n = self.changes.partition_point(|c| c.at <= at);
        let shown = &self.changes[..n];
        let cleared = shown.iter().rposition(|c| c.level == 0).map_or(0, |i| i + 1);
        shown.get(cleared).map(|c| c.at)
    }
}

/// The resources at `at` in words, a line each: `lock (lock): held by worker(a); waiting:
/// worker(b), worker(c)`. `names` are the tasks' names by id (a task without one is `task N`).
pub fn resources_text(lanes: &[ResourceLane], names: &[String], at: Micros) -> String {
    let name = |t: TaskId| names.get(t).cloned().unwrap_or_else(|| format!("task {t}"));
    let list = |tasks: &[TaskId]| tasks.iter().map(|&t| name(t)).collect::<Vec<_>>().join(", ");
    let mut out = String::new();
    for lane in lanes.iter().filter(|l| l.created <= at) {
        let kind = lane.kind.as_str();
        let holders = lane.holders_at(at);
        let level = lane.level_at(at);
        let (about, state) = match lane.kind {
            ResourceKind::Lock => (String::new(), held(&list(holders), "held by", "free")),
            ResourceKind::Condition => (String::new(), held(&list(holders), "lock held by", "lock free")),
            ResourceKind::Semaphore => {
                let permits = if lane.capacity == 1 { "1 permit".into() } else { format!("{} permits", lane.capacity) };
                let state = if holders.is_empty() && level > 0 {
                    format!("{level} taken")
                } else {
                    held(&list(holders), "held by", "all free")
                };
                (format!(", {permits}"), state)
            }
            ResourceKind::Queue => {
                let about = if lane.capacity > 0 { format!(", maxsize {}", lane.capacity) } else { String::new() };
                (about, if level == 1 { "1 item".into() } else { format!("{level} items") })
            }
            ResourceKind::Event => {
                (String::new(), lane.set_since(at).map_or("not set".into(), |since| format!("set at {}", secs(since))))
            }
        };
        out.push_str(&format!("{} ({kind}{about}): {state}", lane.name));
        // The waiters, grouped by what they wait to do, each group in the order they came.
        let mut groups: Vec<(&'static str, Vec<TaskId>)> = Vec::new();
        for w in lane.waits_at(at) {
            let label = wait_label(lane.kind, &w.on);
            match groups.iter_mut().find(|(l, _)| *l == label) {
                Some((_, tasks)) => tasks.push(w.task),
                None => groups.push((label, vec![w.task])),
            }
        }
        for (label, tasks) in groups {
            out.push_str(&format!("; {label}: {}", list(&tasks)));
        }
        out.push('\n');
    }
    out
}

fn held(holders: &str, by: &str, free: &str) -> String {
    if holders.is_empty() {
        free.to_string()
    } else {
        format!("{by} {holders}")
    }
}

/// How a waiter is described: a queue's by the call it waits in (`queue.get()` → waiting to get),
/// a condition's by whether it waits for a notify or for the lock.
fn wait_label(kind: ResourceKind, on: &str) -> &'static str {
    let call = on.rsplit('.').next().unwrap_or(on);
    let op = call.split('(').next().unwrap_or(call);
    match (kind, op) {
        (ResourceKind::Queue, "get") => "waiting to get",
        (ResourceKind::Queue, "put") => "waiting to put",
        (ResourceKind::Queue, "join") => "waiting in join",
        (ResourceKind::Condition, "wait" | "wait_for") => "waiting for notify",
        (ResourceKind::Condition, _) => "waiting for the lock",
        _ => "waiting",
    }
}
