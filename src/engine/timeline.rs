//! The event log turned into lanes and segments (what the timeline draws) and into ASCII (what the
//! snapshot tests keep), one lane per task.

use std::fmt::Write;

use super::event::{Event, EventKind, TaskId};
use super::{secs_from_micros, Micros};

#[derive(Clone, Debug, PartialEq)]
pub enum SegmentKind {
    /// Created, queued, not yet run (`create_task` waits for the creator to yield).
    Ready,
    Running,
    /// Suspended in an await; `on` is what it waits for (`sleep(2)`).
    Waiting {
        on: String,
    },
    /// What it waited on was due, but the task could not run yet: the loop was busy elsewhere
    /// (CPU-bound work, or a real timer firing late).
    Late {
        on: String,
    },
    /// Blocking the thread with CPU work.
    Cpu {
        call: String,
    },
    /// Terminal markers (zero length): how the task ended.
    Done,
    Cancelled {
        at: String,
    },
    Failed {
        error: String,
    },
}

impl SegmentKind {
    /// The stable name used in `data-kind` and in the ASCII legend.
    pub fn name(&self) -> &'static str {
        match self {
            SegmentKind::Ready => "ready",
            SegmentKind::Running => "running",
            SegmentKind::Waiting { .. } => "waiting",
            SegmentKind::Late { .. } => "late",
            SegmentKind::Cpu { .. } => "cpu",
            SegmentKind::Done => "done",
            SegmentKind::Cancelled { .. } => "cancelled",
            SegmentKind::Failed { .. } => "failed",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    pub start: Micros,
    pub end: Micros,
    pub kind: SegmentKind,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Print {
    pub at: Micros,
    /// Position in the event log: prints at the same time keep the order they happened in.
    pub seq: usize,
    pub text: String,
}

/// A coroutine the lane's task awaited directly, without a task of its own (`await
/// fetch_url(session, url)` in a loop, from `EventKind::CallStarted`): the same thread of work as
/// the lane, so it has no lane; the timeline draws it as a sub-row showing the lane's states while
/// the task was inside the call.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// Short label (`fetch_url(python)`) and the Python call.
    pub name: String,
    pub call: String,
    pub start: Micros,
    /// When it returned or raised; `None` while the task is still inside it.
    pub end: Option<Micros>,
    /// What it raised (`CancelledError` included), if it did not return.
    pub error: Option<String>,
    /// 0 for a call made by the task's own code, 1 for a call made inside that one, …
    pub depth: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    pub task: TaskId,
    pub name: String,
    pub coro: String,
    pub created: Micros,
    pub segments: Vec<Segment>,
    pub prints: Vec<Print>,
    /// When the task ended, if it has.
    pub ended: Option<Micros>,
    /// The coroutines it awaited directly, in the order they started.
    pub calls: Vec<Call>,
}

impl Lane {
    /// The lane's lasting states (not its end marker) cut to `start..end`: what a call's sub-row
    /// shows.
    pub fn segments_within(&self, start: Micros, end: Micros) -> Vec<Segment> {
        self.segments
            .iter()
            .filter(|s| {
                !matches!(s.kind, SegmentKind::Done | SegmentKind::Cancelled { .. } | SegmentKind::Failed { .. })
            })
            .filter(|s| s.end > start && s.start < end)
            .map(|s| Segment { start: s.start.max(start), end: s.end.min(end), kind: s.kind.clone() })
            .collect()
    }

    /// The terminal segment (done / cancelled / failed), if the task has ended.
    pub fn outcome(&self) -> Option<&Segment> {
        self.segments.last().filter(|s| {
            matches!(s.kind, SegmentKind::Done | SegmentKind::Cancelled { .. } | SegmentKind::Failed { .. })
        })
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Timeline {
    pub lanes: Vec<Lane>,
    /// Where the drawing ends: the last event, or `now` for a live run.
    pub end: Micros,
}

/// The state a lane is in between two events.
enum Open {
    Ready,
    Running,
    Waiting(String, Option<Micros>),
    Cpu(String),
    Ended,
}

impl Timeline {
    /// Build the timeline of `events`. `now` closes segments still open (a run in progress); without
    /// it they close at the last event.
    pub fn from_events(events: &[Event], now: Option<Micros>) -> Timeline {
        let mut lanes: Vec<Lane> = Vec::new();
        let mut open: Vec<(Open, Micros)> = Vec::new();
        let mut cancelled_at: Vec<String> = Vec::new();
        // Per lane, the calls it is inside of (indices into `lane.calls`), innermost last.
        let mut open_calls: Vec<Vec<usize>> = Vec::new();
        let last = events.iter().map(|e| e.at).max().unwrap_or(0);
        let end = now.map_or(last, |now| now.max(last));

        fn close(lane: &mut Lane, state: &(Open, Micros), at: Micros) {
            let kind = match &state.0 {
                Open::Ready => SegmentKind::Ready,
                Open::Running => SegmentKind::Running,
                Open::Waiting(on, Some(due)) if *due < at && *due > state.1 => {
                    lane.segments.push(Segment {
                        start: state.1,
                        end: *due,
                        kind: SegmentKind::Waiting { on: on.clone() },
                    });
                    lane.segments.push(Segment { start: *due, end: at, kind: SegmentKind::Late { on: on.clone() } });
                    return;
                }
                Open::Waiting(on, _) => SegmentKind::Waiting { on: on.clone() },
                Open::Cpu(call) => SegmentKind::Cpu { call: call.clone() },
                Open::Ended => return,
            };
            // Zero-length states carry no information on a drawing; the event list still has them.
            if at > state.1 {
                lane.segments.push(Segment { start: state.1, end: at, kind });
            }
        }

        for (seq, event) in events.iter().enumerate() {
            if let EventKind::Created { name, coro, .. } = &event.kind {
                if event.task == lanes.len() {
                    lanes.push(Lane {
                        task: event.task,
                        name: name.clone(),
                        coro: coro.clone(),
                        created: event.at,
                        segments: Vec::new(),
                        prints: Vec::new(),
                        ended: None,
                        calls: Vec::new(),
                    });
                    open.push((Open::Ready, event.at));
                    cancelled_at.push("before it started".to_string());
                    open_calls.push(Vec::new());
                }
                continue;
            }
            let Some(lane) = lanes.get_mut(event.task) else { continue };
            let at = event.at;
            let next = match &event.kind {
                EventKind::Created { .. } => continue,
                EventKind::Started | EventKind::Resumed | EventKind::CpuEnded => Open::Running,
                EventKind::Suspended { on, due, .. } => Open::Waiting(on.clone(), *due),
                EventKind::CpuStarted { call } => Open::Cpu(call.clone()),
                EventKind::CancelDelivered { at: on } => {
                    cancelled_at[event.task] = on.clone();
                    Open::Running
                }
                EventKind::Printed { text } => {
                    lane.prints.push(Print { at, seq, text: text.clone() });
                    continue;
                }
                EventKind::CallStarted { name, call } => {
                    let depth = open_calls[event.task].len();
                    open_calls[event.task].push(lane.calls.len());
                    lane.calls.push(Call {
                        name: name.clone(),
                        call: call.clone(),
                        start: at,
                        end: None,
                        error: None,
                        depth,
                    });
                    continue;
                }
                EventKind::CallEnded { error } => {
                    if let Some(index) = open_calls[event.task].pop() {
                        lane.calls[index].end = Some(at);
                        lane.calls[index].error = error.clone();
                    }
                    continue;
                }
                // Requests are shown per URL (`engine::requests`); on the lane they are the waits
                // `GET …` and `response.text()`.
                EventKind::HttpRequest { .. }
                | EventKind::HttpResponse { .. }
                | EventKind::HttpBody { .. }
                | EventKind::HttpFailed { .. } => continue,
                EventKind::CancelRequested { .. } => continue,
                // Resources have lanes of their own, and warnings a list (`report::insight`).
                EventKind::ResourceCreated { .. } | EventKind::ResourceChanged { .. } | EventKind::Warned { .. } => {
                    continue
                }
                EventKind::Returned { .. } | EventKind::Cancelled | EventKind::Failed { .. } => {
                    close(lane, &open[event.task], at);
                    let kind = match &event.kind {
                        EventKind::Returned { .. } => SegmentKind::Done,
                        EventKind::Cancelled => SegmentKind::Cancelled { at: cancelled_at[event.task].clone() },
                        EventKind::Failed { error } => SegmentKind::Failed { error: error.clone() },
                        _ => unreachable!("matched above"),
                    };
                    lane.segments.push(Segment { start: at, end: at, kind });
                    lane.ended = Some(at);
                    open[event.task] = (Open::Ended, at);
                    continue;
                }
            };
            close(lane, &open[event.task], at);
            open[event.task] = (next, at);
        }
        for (lane, state) in lanes.iter_mut().zip(&open) {
            close(lane, state, end);
        }
        Timeline { lanes, end }
    }

    /// The timeline as text, one row per task, in the spirit of the chapter's 44.2 diagram:
    /// `=` running, `~` waiting, `%` due but late (the loop was busy), `#` CPU-bound, `-` queued,
    /// then `D` done, `X` cancelled, `!` failed.
    /// Each column is `cell` long; below the grid, every printed line with its time.
    pub fn to_ascii(&self) -> String {
        let cell = ascii_cell(self.end);
        let columns = (self.end / cell) as usize + 2;
        let label_width = self
            .lanes
            .iter()
            .flat_map(|l| {
                std::iter::once(l.name.chars().count())
                    .chain(l.calls.iter().map(|c| c.name.chars().count() + 2 + 2 * c.depth))
            })
            .max()
            .unwrap_or(4)
            .max(4);
        let mut out = String::new();

        // Axis: a label at every whole second that fits (or every cell when cells are longer).
        let mut axis = vec![' '; columns + 8];
        let mut ticks = vec!['.'; columns];
        let step = (1_000_000 / cell).max(1) as usize;
        for col in (0..columns).step_by(step) {
            ticks[col] = '|';
            let label = format!("{}s", trim_secs(secs_from_micros(col as Micros * cell)));
            if axis[col..col + label.len().min(8)].iter().all(|c| *c == ' ') && (col == 0 || axis[col - 1] == ' ') {
                for (i, ch) in label.chars().enumerate() {
                    axis[col + i] = ch;
                }
            }
        }
        let pad = " ".repeat(label_width + 1);
        let _ = writeln!(out, "{pad}{}", axis.iter().collect::<String>().trim_end());
        let _ = writeln!(out, "{pad}{}", ticks.iter().collect::<String>());

        for lane in &self.lanes {
            let outcome = match lane.outcome().map(|s| (&s.kind, s.start)) {
                Some((SegmentKind::Done, at)) => format!("done {}", fmt_secs(at)),
                Some((SegmentKind::Cancelled { at: on }, at)) => format!("cancelled {} in {on}", fmt_secs(at)),
                Some((SegmentKind::Failed { error }, at)) => format!("failed {} {error}", fmt_secs(at)),
                _ => "running".to_string(),
            };
            let row = ascii_row(&lane.segments, cell, columns);
            let _ = writeln!(out, "{:<label_width$} {row}  {outcome}", lane.name);
            // Each call awaited directly: a sub-row with the lane's states while inside it.
            for call in &lane.calls {
                let end = call.end.unwrap_or(self.end);
                let mut segments = lane.segments_within(call.start, end);
                let (mark, outcome) = match (&call.end, &call.error) {
                    (None, _) => (None, "running".to_string()),
                    (Some(at), None) => (Some(SegmentKind::Done), format!("returned {}", fmt_secs(*at))),
                    (Some(at), Some(error)) => (
                        Some(SegmentKind::Failed { error: error.clone() }),
                        format!("raised {} {error}", fmt_secs(*at)),
                    ),
                };
                if let Some(kind) = mark {
                    segments.push(Segment { start: end, end, kind });
                }
                let label = format!("{}↳ {}", "  ".repeat(call.depth), call.name);
                let pad = label_width.saturating_sub(label.chars().count());
                let _ = writeln!(out, "{label}{} {}  {outcome}", " ".repeat(pad), ascii_row(&segments, cell, columns));
            }
        }
        let mut prints: Vec<(usize, Micros, &str, &str)> = self
            .lanes
            .iter()
            .flat_map(|lane| lane.prints.iter().map(move |p| (p.seq, p.at, lane.name.as_str(), p.text.as_str())))
            .collect();
        // Sequence numbers are unique: an unstable sort gives the one order.
        crate::sort::sort_by_key(&mut prints, |(seq, ..)| *seq as u64);
        for (_, at, name, text) in prints {
            let _ = writeln!(out, "{:>9}  {name:<label_width$}  {text}", fmt_secs(at));
        }
        out
    }
}

/// One row of the ASCII grid: each cell shows the most telling state that touches it.
fn ascii_row(segments: &[Segment], cell: Micros, columns: usize) -> String {
    let mut row = vec![' '; columns];
    for segment in segments {
        let (ch, rank) = match segment.kind {
            SegmentKind::Ready => ('-', 1),
            SegmentKind::Waiting { .. } => ('~', 2),
            SegmentKind::Late { .. } => ('%', 3),
            SegmentKind::Running => ('=', 3),
            SegmentKind::Cpu { .. } => ('#', 4),
            SegmentKind::Done => ('D', 5),
            SegmentKind::Cancelled { .. } => ('X', 5),
            SegmentKind::Failed { .. } => ('!', 5),
        };
        let first = (segment.start / cell) as usize;
        let last = if segment.end > segment.start { ((segment.end - 1) / cell) as usize } else { first };
        for slot in row.iter_mut().take(last + 1).skip(first) {
            if rank_of(*slot) < rank {
                *slot = ch;
            }
        }
    }
    row.into_iter().collect()
}

fn rank_of(ch: char) -> u8 {
    match ch {
        '-' => 1,
        '~' => 2,
        '=' | '%' => 3,
        '#' => 4,
        'D' | 'X' | '!' => 5,
        _ => 0,
    }
}

/// The column length for an ASCII timeline ending at `end`: the smallest round step that keeps it
/// within 60 columns.
fn ascii_cell(end: Micros) -> Micros {
    const STEPS: [Micros; 12] = [
        10_000, 25_000, 50_000, 100_000, 125_000, 250_000, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000,
        60_000_000,
    ];
    STEPS.iter().copied().find(|step| end / step <= 60).unwrap_or(600_000_000)
}

/// `1.5` → "1.5", `2` → "2".
fn trim_secs(secs: f64) -> String {
    let text = format!("{secs:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Seconds with millisecond precision, as the console shows them: `1.000s`.
pub fn fmt_secs(at: Micros) -> String {
    format!("{:.3}s", secs_from_micros(at))
}
