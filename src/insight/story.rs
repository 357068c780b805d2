//! The resources and asyncio's warnings in a few sentences, after the run's own story ("In
//! words", `report::narration`): who held each lock in turn and how many waited, how full each
//! queue got, when each event was set, and what CPython warned about, when and where.

use super::resources::{resource_lanes, ResourceLane};
use crate::engine::{Event, EventKind, ResourceKind, TaskId};
use crate::report::numbers::{secs, thousands};

/// Holders named in turn before "and N more".
const LISTED: usize = 5;

/// The sentences about the resources and warnings of `events` (none when it has neither).
pub fn sentences(events: &[Event]) -> Vec<String> {
    let names = crate::report::event_table::task_names(events);
    let name = |t: TaskId| names.get(t).cloned().unwrap_or_else(|| "a task".to_string());
    let mut said: Vec<String> = resource_lanes(events, events.len()).iter().map(|lane| about(lane, &name)).collect();
    for event in events {
        if let EventKind::Warned { text, line, .. } = &event.kind {
            let at_line = line.map(|l| format!(", about line {l}")).unwrap_or_default();
            said.push(format!("At {} CPython warns{at_line}: {text}.", secs(event.at)));
        }
    }
    said
}

/// One resource's story.
fn about(lane: &ResourceLane, name: &dyn Fn(TaskId) -> String) -> String {
    let most_waiting = most_waiting(lane);
    let waited = match most_waiting {
        0 => String::new(),
        1 => "; 1 task at a time waited on it".to_string(),
        n => format!("; up to {} tasks waited on it at once", thousands(n)),
    };
    match lane.kind {
        ResourceKind::Lock | ResourceKind::Condition => {
            // The holders in the order they took it, each once per holding.
            let mut turns: Vec<String> = Vec::new();
            let mut last = None;
            for change in lane.changes.iter().filter(|c| c.op == "acquire") {
                let holder = change.holders.first().copied();
                if let Some(h) = holder.filter(|_| holder != last) {
                    turns.push(name(h));
                }
                last = holder;
            }
            let what = if lane.kind == ResourceKind::Lock { "a Lock" } else { "a Condition's lock" };
            match turns.len() {
                0 => format!("{} ({what}) was never taken{waited}.", lane.name),
                n if n > LISTED => format!(
                    "{} ({what}) was held {} times in turn, first by {}{waited}.",
                    lane.name,
                    thousands(n),
                    turns[..LISTED].join(", then ")
                ),
                _ => format!("{} ({what}) was held by {}, one at a time{waited}.", lane.name, turns.join(", then ")),
            }
        }
        ResourceKind::Queue => {
            let puts = lane.changes.iter().filter(|c| c.op == "put").count();
            let gets = lane.changes.iter().filter(|c| c.op == "get").count();
            let bound = if lane.capacity > 0 { format!(", maxsize {}", lane.capacity) } else { String::new() };
            format!(
                "{} (a Queue{bound}) got {} and gave {gets}, holding up to {} at once{waited}.",
                lane.name,
                items(puts),
                lane.max_level()
            )
        }
        ResourceKind::Semaphore => format!(
            "{} (a Semaphore of {} permits) had up to {} taken at once{waited}.",
            lane.name,
            lane.capacity,
            lane.max_level()
        ),
        ResourceKind::Event => match lane.changes.iter().find(|c| c.op == "set") {
            Some(set) => format!("{} (an Event) was set at {} by {}{waited}.", lane.name, secs(set.at), name(set.by)),
            None => format!("{} (an Event) was never set{waited}.", lane.name),
        },
    }
}

fn items(n: usize) -> String {
    format!("{} item{}", thousands(n), if n == 1 { "" } else { "s" })
}

/// The most tasks waiting on the lane at the same time.
fn most_waiting(lane: &ResourceLane) -> usize {
    let mut edges: Vec<(u64, i64)> = Vec::new();
    for w in &lane.waits {
        edges.push((w.start, 1));
        if let Some(end) = w.end {
            edges.push((end, -1));
        }
    }
    // Ends before starts at the same time: a waiter woken as the next starts is not counted twice.
    // By delta, then (stably) by time, with the wasm's one sort (`crate::sort`).
    crate::sort::sort_by_key(&mut edges, |&(_, delta)| u64::from(delta > 0));
    crate::sort::sort_by_key(&mut edges, |&(at, _)| at);
    let (mut now, mut most) = (0i64, 0i64);
    for (_, delta) in edges {
        now += delta;
        most = most.max(now);
    }
    most as usize
}
