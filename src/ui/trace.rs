//! What one run looks like on screen, derived once from its event log: the timeline's lanes, the
//! console's lines (each with how late it was against the ideal run) and the moments each task
//! was given the thread. The ideal run and the live run go through the same function, so the page
//! draws them the same way.

use crate::engine::compare::print_lateness;
use crate::engine::requests::{requests, Request};
use crate::engine::{Event, EventKind, Micros, TaskId, Timeline};
use crate::insight::await_graph::AwaitGraph;

use super::shared::Shared;

/// One console line. A `print` whose text holds `\n` gives several, as on a terminal.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub at: Micros,
    pub task: TaskId,
    pub text: String,
    /// Microseconds later (negative: earlier) than the same print in the ideal run, when known.
    pub late: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Trace {
    pub timeline: Timeline,
    pub lines: Vec<Line>,
    /// Per task: when the loop gave it the thread (it started or resumed). On the virtual clock
    /// running takes no time, so these marks are the only trace of it.
    pub runs: Vec<Vec<Micros>>,
    /// How many events this was built from.
    pub events: usize,
    /// The HTTP requests (44.3), in the order they were sent.
    pub requests: Vec<Request>,
    /// The event log itself, for the views that list it (events table, narration, exports).
    pub log: Shared<Vec<Event>>,
    /// Who awaits whom and where each task is stopped, at the end of this log (the moment shown):
    /// the await tree, the editor's margin and the step-through read it.
    pub graph: AwaitGraph,
}

impl Trace {
    /// `now` closes the segments still open (a run in progress); `ideal` is the log to measure
    /// lateness against (none for the ideal run itself).
    pub fn of(events: &[Event], now: Option<Micros>, ideal: Option<&[Event]>) -> Trace {
        Trace::of_log(Shared::new(events.to_vec()), now, ideal)
    }

    /// As `of`, from a log already shared (the ideal run's, which its `Ideal` keeps too): a run of
    /// 10,000 tasks is not copied event by event on its first paint.
    pub fn of_log(log: Shared<Vec<Event>>, now: Option<Micros>, ideal: Option<&[Event]>) -> Trace {
        let events = &log[..];
        let timeline = Timeline::from_events(events, now);
        // By event index (a list, not a hash map: the indexes are dense and the wasm smaller).
        let mut lateness: Vec<Option<i64>> = Vec::new();
        if let Some(ideal) = ideal {
            lateness.resize(events.len(), None);
            for (index, late) in print_lateness(ideal, events) {
                lateness[index] = late;
            }
        }
        let mut lines = Vec::new();
        let mut runs = vec![Vec::new(); timeline.lanes.len()];
        for (index, event) in events.iter().enumerate() {
            match &event.kind {
                EventKind::Printed { text } => {
                    for part in text.split('\n') {
                        lines.push(Line {
                            at: event.at,
                            task: event.task,
                            text: part.to_string(),
                            late: lateness.get(index).copied().flatten(),
                        });
                    }
                }
                EventKind::Started | EventKind::Resumed => {
                    if let Some(marks) = runs.get_mut(event.task) {
                        marks.push(event.at);
                    }
                }
                _ => {}
            }
        }
        let graph = AwaitGraph::at(events, events.len());
        Trace { timeline, lines, runs, events: events.len(), requests: requests(events), log, graph }
    }

    /// The name of the task that printed a line (`task1`), for the console's margin.
    pub fn task_name(&self, task: TaskId) -> &str {
        self.timeline.lanes.get(task).map_or("", |lane| lane.name.as_str())
    }
}
