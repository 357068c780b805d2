//! A moment of a run, the scrub cursor: "the run as it was at t", by time (a slider, a link's `t=`)
//! or event by event (the step buttons, the arrow keys). Everything the page shows at a moment is
//! the run's views rebuilt from the events up to it, so a moment is just a time plus how many
//! events had happened by then.

use super::numbers::secs;
use crate::engine::{Event, Micros, SegmentKind, TaskId, Timeline};

/// `shown` events of the log have happened, and the clock reads `at`.
///
/// Events at the same time are separate steps (the loop runs one callback after another within a
/// tick), so a moment chosen by time shows all of them, while stepping goes through them one by one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Moment {
    pub at: Micros,
    pub shown: usize,
}

impl Moment {
    /// The run at time `at`: every event at or before it has happened.
    pub fn at_time(events: &[Event], at: Micros) -> Moment {
        // The log is in time order (both clocks only go forward), so this is a binary search.
        Moment { at, shown: events.partition_point(|e| e.at <= at) }
    }

    /// Before anything happened.
    pub fn start() -> Moment {
        Moment { at: 0, shown: 0 }
    }

    /// After the last event: the whole run.
    pub fn end(events: &[Event]) -> Moment {
        Moment { at: events.last().map_or(0, |e| e.at), shown: events.len() }
    }

    /// One event later, or `None` at the end.
    pub fn next(self, events: &[Event]) -> Option<Moment> {
        events.get(self.shown).map(|event| Moment { at: event.at.max(self.at), shown: self.shown + 1 })
    }

    /// One event earlier, or `None` at the start. The clock goes back to the time of the last
    /// event still shown (a moment chosen between two events steps back to the earlier one).
    pub fn previous(self, events: &[Event]) -> Option<Moment> {
        let shown = self.shown.checked_sub(1)?;
        let at = shown.checked_sub(1).and_then(|i| events.get(i)).map_or(0, |e| e.at);
        Some(Moment { at: at.min(self.at), shown })
    }

    /// The event the moment has just shown (the last one that happened), if any.
    pub fn last_event(self, events: &[Event]) -> Option<&Event> {
        self.shown.checked_sub(1).and_then(|i| events.get(i))
    }

    pub fn is_end(self, events: &[Event]) -> bool {
        self.shown >= events.len()
    }
}

/// What one task is doing at a moment, in words: the scrubber's "tasks now" list.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskState {
    pub task: TaskId,
    pub name: String,
    /// A segment kind's name (`ready`, `running`, `waiting`, `late`, `cpu`, `done`, `cancelled`,
    /// `failed`), for `data-state` and the symbol.
    pub state: &'static str,
    /// `waiting on sleep(2) since 0.000 s`.
    pub detail: String,
}

/// The first `limit` tasks created by the moment and their states then, from the timeline of the
/// events up to it (built with `now` = the moment, so open states are cut there). A run of
/// thousands of tasks lists a few: the words for all of them would be read by nobody.
pub fn task_states(timeline: &Timeline, at: Micros, limit: usize) -> Vec<TaskState> {
    timeline
        .lanes
        .iter()
        .take(limit)
        .map(|lane| {
            let (state, detail) = match lane.segments.last() {
                None => ("ready", format!("created at {}, not started yet", secs(lane.created))),
                Some(segment) => {
                    let since = secs(segment.start);
                    let detail = match &segment.kind {
                        SegmentKind::Ready => format!("created at {since}, waiting for its first turn"),
                        SegmentKind::Running if segment.end < at => format!("ran until {}", secs(segment.end)),
                        SegmentKind::Running => "running now".to_string(),
                        SegmentKind::Waiting { on } => format!("waiting on {on} since {since}"),
                        SegmentKind::Late { on } => {
                            format!("{on} was due at {since}, but the loop is busy: it has to wait its turn")
                        }
                        SegmentKind::Cpu { call } => format!("busy with {call} since {since}: nothing else runs"),
                        SegmentKind::Done => format!("done at {since}"),
                        SegmentKind::Cancelled { at: on } => format!("cancelled in {on} at {since}"),
                        SegmentKind::Failed { error } => format!("failed at {since}: {error}"),
                    };
                    (segment.kind.name(), detail)
                }
            };
            TaskState { task: lane.task, name: lane.name.clone(), state, detail }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::EventKind;

    fn event(at: Micros, task: TaskId, kind: EventKind) -> Event {
        Event { at, task, kind }
    }

    fn log() -> Vec<Event> {
        vec![
            event(0, 0, EventKind::Created { name: "main".into(), coro: "main()".into(), parent: None }),
            event(0, 0, EventKind::Started),
            event(
                0,
                0,
                EventKind::Suspended {
                    on: "sleep(1)".into(),
                    due: Some(1_000_000),
                    awaits: vec![],
                    resource: None,
                    stack: vec![],
                },
            ),
            event(1_000_000, 0, EventKind::Resumed),
            event(1_000_000, 0, EventKind::Printed { text: "hi".into() }),
            event(1_000_000, 0, EventKind::Returned { value: crate::engine::PyValue::None }),
        ]
    }

    #[test]
    fn a_time_shows_every_event_up_to_and_including_it() {
        let events = log();
        assert_eq!(Moment::at_time(&events, 0).shown, 3);
        assert_eq!(Moment::at_time(&events, 999_999).shown, 3);
        assert_eq!(Moment::at_time(&events, 1_000_000).shown, 6);
        assert!(Moment::at_time(&events, 5_000_000).is_end(&events));
    }

    #[test]
    fn steps_go_event_by_event_and_stop_at_both_ends() {
        let events = log();
        let mut moment = Moment::start();
        let mut seen = Vec::new();
        while let Some(next) = moment.next(&events) {
            moment = next;
            seen.push((moment.at, moment.shown));
        }
        assert_eq!(seen, [(0, 1), (0, 2), (0, 3), (1_000_000, 4), (1_000_000, 5), (1_000_000, 6)]);
        assert_eq!(moment, Moment::end(&events));
        let back = moment.previous(&events).unwrap();
        assert_eq!((back.at, back.shown), (1_000_000, 5));
        let first = Moment { at: 0, shown: 1 }.previous(&events).unwrap();
        assert_eq!(first, Moment::start());
        assert_eq!(Moment::start().previous(&events), None);
    }

    #[test]
    fn a_moment_between_events_steps_back_to_the_earlier_one_and_on_to_the_later() {
        let events = log();
        let between = Moment::at_time(&events, 500_000);
        assert_eq!(between.next(&events), Some(Moment { at: 1_000_000, shown: 4 }));
        assert_eq!(between.previous(&events), Some(Moment { at: 0, shown: 2 }));
    }

    #[test]
    fn task_states_say_what_each_task_is_doing_then() {
        let events = log();
        let at = 500_000;
        let moment = Moment::at_time(&events, at);
        let timeline = Timeline::from_events(&events[..moment.shown], Some(at));
        let states = task_states(&timeline, at, 10);
        assert_eq!(states.len(), 1);
        assert_eq!(states[0].state, "waiting");
        assert_eq!(states[0].detail, "waiting on sleep(1) since 0.000 s");
        let timeline = Timeline::from_events(&events, None);
        assert_eq!(task_states(&timeline, 1_000_000, 10)[0].detail, "done at 1.000 s");
    }
}
