//! Real run against ideal run: how late each printed line was, matched line by line.
//!
//! Both runs create their tasks in the same order (the scenario is deterministic up to timing), so
//! a task has the same id in both logs, and the n-th line a task prints is the same line.

use super::event::{Event, EventKind};

/// For every `Printed` event of `real`, in order: its index in `real` and how much later (µs,
/// negative if earlier) it came than the same `print` in `ideal`, or `None` when the ideal run has
/// no such line (a run that failed differently, say). Texts may differ (`Time: 1.01s` against
/// `Time: 1.00s`): it is the n-th print of the same task either way.
pub fn print_lateness(ideal: &[Event], real: &[Event]) -> Vec<(usize, Option<i64>)> {
    // Task ids are dense (0, 1, 2, … in creation order): lists indexed by task, not hash maps.
    let tasks = ideal.iter().chain(real).map(|e| e.task + 1).max().unwrap_or(0);
    let mut ideal_prints: Vec<Vec<&Event>> = vec![Vec::new(); tasks];
    for event in ideal.iter().filter(|e| matches!(e.kind, EventKind::Printed { .. })) {
        ideal_prints[event.task].push(event);
    }
    let mut seen = vec![0usize; tasks];
    real.iter()
        .enumerate()
        .filter(|(_, e)| matches!(e.kind, EventKind::Printed { .. }))
        .map(|(index, event)| {
            let nth = &mut seen[event.task];
            let twin = ideal_prints[event.task].get(*nth);
            *nth += 1;
            let late = twin.map(|twin| event.at as i64 - twin.at as i64);
            (index, late)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::TaskId;

    fn printed(at: u64, task: TaskId, text: &str) -> Event {
        Event { at, task, kind: EventKind::Printed { text: text.into() } }
    }

    #[test]
    fn lines_are_matched_per_task_in_order() {
        let ideal = [printed(1_000_000, 2, "Bob"), printed(2_000_000, 1, "Alice")];
        let real = [printed(1_003_000, 2, "Bob"), printed(1_999_000, 1, "Alice"), printed(5, 0, "extra")];
        assert_eq!(print_lateness(&ideal, &real), [(0, Some(3_000)), (1, Some(-1_000)), (2, None)]);
    }

    #[test]
    fn a_measured_time_line_still_matches_its_ideal_twin() {
        let ideal = [printed(1_000_000, 0, "Time: 1.00s")];
        let real = [printed(1_012_000, 0, "Time: 1.01s")];
        assert_eq!(print_lateness(&ideal, &real), [(0, Some(12_000))]);
    }
}
