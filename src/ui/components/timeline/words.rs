//! The timeline in words: what a lane says to screen readers (`lane_words`) and what its label
//! says of how its task ended (`outcome`). Text only, apart from the drawing.

use crate::engine::{Lane, Micros, SegmentKind};
use crate::ui::format::secs;

/// `1.234`: a time in seconds for the words read out (the unit is said once, after the number).
fn s3(at: Micros) -> String {
    format!("{:.3}", at as f64 / 1e6)
}

/// A lane in words, for screen readers: who it is, what it waited on (and when it was late or
/// busy with CPU work) from when to when, and how it ended. E.g. `task1 = say_hello('Alice', 2):
/// waiting on sleep(2) from 0.000 to 2.000 s; done at 2.000 s`. Running and ready spells are
/// instants in these programs (the bars' own names say them); the waits are what the chapter is
/// about.
pub(super) fn lane_words(lane: &Lane, running: bool) -> String {
    /// A lane of a thousand waits is not read out whole: the first ones, then how many more.
    const MAX_SPELLS: usize = 12;
    let mut words = if lane.coro == lane.name { lane.name.clone() } else { format!("{} = {}", lane.name, lane.coro) };
    words.push_str(": ");
    let spells: Vec<String> = lane
        .segments
        .iter()
        .filter_map(|s| {
            let (from, to) = (s3(s.start), s3(s.end));
            match &s.kind {
                SegmentKind::Waiting { on } => Some(format!("waiting on {on} from {from} to {to} s")),
                SegmentKind::Late { on } => {
                    Some(format!("late ({on} was due, the loop was busy) from {from} to {to} s"))
                }
                SegmentKind::Cpu { call } => {
                    Some(format!("CPU-bound {call}, blocking the loop, from {from} to {to} s"))
                }
                _ => None,
            }
        })
        .collect();
    match spells.len() {
        0 => words.push_str("never waited"),
        n if n > MAX_SPELLS => {
            words.push_str(&spells[..MAX_SPELLS].join("; "));
            words.push_str(&format!("; and {} more", n - MAX_SPELLS));
        }
        _ => words.push_str(&spells.join("; ")),
    }
    words.push_str("; ");
    match lane.outcome().map(|s| (&s.kind, s.start)) {
        Some((SegmentKind::Done, at)) => words.push_str(&format!("done at {} s", s3(at))),
        Some((SegmentKind::Cancelled { at: on }, at)) => words.push_str(&format!("cancelled at {} s, in {on}", s3(at))),
        Some((SegmentKind::Failed { error }, at)) => words.push_str(&format!("failed at {} s: {error}", s3(at))),
        _ if running => words.push_str("still running"),
        _ => words.push_str("still pending when the run ended"),
    }
    words
}

/// What the lane's third label line says: how the task ended, or what it is doing.
pub(super) fn outcome(lane: &Lane, running: bool) -> (String, &'static str) {
    match lane.outcome().map(|s| (&s.kind, s.start)) {
        Some((SegmentKind::Done, at)) => (format!("✓ done at {}", secs(at)), "outcome-done"),
        Some((SegmentKind::Cancelled { at: on }, _)) => (format!("✕ cancelled in {on}"), "outcome-cancelled"),
        Some((SegmentKind::Failed { error }, _)) => (format!("! failed: {error}"), "outcome-failed"),
        _ if running => match lane.segments.last().map(|s| &s.kind) {
            Some(SegmentKind::Waiting { on }) => (format!("… waiting on {on}"), "outcome-open"),
            Some(SegmentKind::Late { .. }) => ("… late: the loop is busy".to_string(), "outcome-open"),
            Some(SegmentKind::Cpu { .. }) => ("… busy with CPU work".to_string(), "outcome-open"),
            _ => ("… running".to_string(), "outcome-open"),
        },
        _ => ("(still pending when the run ended)".to_string(), "outcome-open"),
    }
}
