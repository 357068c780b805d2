//! The run as Chrome Trace Event JSON (the "JSON object format" that Perfetto and chrome://tracing
//! open): one thread per task, each state of its lane a complete ("X") event, each print and the
//! task's end an instant ("i") event. Written by hand, not with serde_json: the wasm has a size
//! budget (issue 7), and the format needs only strings, integers, arrays and objects.

use std::fmt::Write;

use crate::engine::{Event, EventKind, Lane, SegmentKind, Timeline};
use crate::scenarios::Scenario;

/// Perfetto and chrome://tracing draw each (pid, tid) as a track; one process holds the run.
const PID: u32 = 1;

/// The process name Perfetto shows above the tracks: which section (and mode) this run is.
pub fn process_name(scenario: &Scenario) -> String {
    let id = scenario.id;
    let mode = if scenario.mode.is_empty() { String::new() } else { format!(" ({})", scenario.mode) };
    format!("async playground — {} {}{mode}", id.section(), id.title())
}

/// The track of a task: tids start at 1 because some viewers treat tid 0 as "no thread".
pub fn tid(task: usize) -> usize {
    task + 1
}

/// What a state is called on its slice: `waiting: sleep(2)`, `running`, `cpu: cpu_work(1)`.
pub fn slice_name(kind: &SegmentKind) -> String {
    match kind {
        SegmentKind::Waiting { on } => format!("waiting: {on}"),
        SegmentKind::Late { on } => format!("late: {on}"),
        SegmentKind::Cpu { call } => format!("cpu: {call}"),
        SegmentKind::Cancelled { .. } => "cancelled".to_string(),
        SegmentKind::Failed { error } => format!("failed: {error}"),
        other => other.name().to_string(),
    }
}

/// The whole trace: `process_name` names the process (see `process_name()`), `link` (the page
/// address that reproduces the run) goes in `otherData`, which viewers show as the trace's
/// metadata.
///
/// From the event log (`log`): each resource (queue, lock, …) is a counter track (items, permits
/// taken, set or not), each warning a global instant, and each task's creation and each wake-up by
/// another task's end a flow arrow between the two tracks (Perfetto draws them as arrows).
pub fn chrome_trace(timeline: &Timeline, log: &[Event], process_name: &str, link: &str) -> String {
    let mut events: Vec<String> = Vec::new();
    events.push(format!(
        r#"{{"name":"process_name","ph":"M","pid":{PID},"args":{{"name":{}}}}}"#,
        json_string(process_name)
    ));
    let mut call_id = 0usize;
    for (index, lane) in timeline.lanes.iter().enumerate() {
        lane_events(lane, index, &mut call_id, &mut events);
    }
    loop_events(log, &mut events);
    let mut out = String::with_capacity(events.iter().map(|e| e.len() + 2).sum::<usize>() + 256);
    out.push_str("{\"traceEvents\":[\n");
    out.push_str(&events.join(",\n"));
    let _ = write!(
        out,
        "\n],\"displayTimeUnit\":\"ms\",\"otherData\":{{\"generator\":\"async playground\",\"run\":{},\"link\":{}}}}}\n",
        json_string(process_name),
        json_string(link)
    );
    out
}

fn lane_events(lane: &Lane, index: usize, call_id: &mut usize, events: &mut Vec<String>) {
    let tid = tid(lane.task);
    let label = if lane.coro.is_empty() || lane.coro == lane.name {
        lane.name.clone()
    } else {
        format!("{} — {}", lane.name, lane.coro)
    };
    events.push(format!(
        r#"{{"name":"thread_name","ph":"M","pid":{PID},"tid":{tid},"args":{{"name":{}}}}}"#,
        json_string(&label)
    ));
    // Tracks in creation order (main first), as the page draws its lanes.
    events.push(format!(
        r#"{{"name":"thread_sort_index","ph":"M","pid":{PID},"tid":{tid},"args":{{"sort_index":{index}}}}}"#
    ));
    for segment in &lane.segments {
        let kind = &segment.kind;
        let ended = matches!(kind, SegmentKind::Done | SegmentKind::Cancelled { .. } | SegmentKind::Failed { .. });
        if ended {
            // The end is a moment, not a state: an instant on the task's track.
            let args = match kind {
                SegmentKind::Cancelled { at } => format!(r#","args":{{"at":{}}}"#, json_string(at)),
                SegmentKind::Failed { error } => format!(r#","args":{{"error":{}}}"#, json_string(error)),
                _ => String::new(),
            };
            events.push(format!(
                r#"{{"name":{},"cat":"{}","ph":"i","s":"t","ts":{},"pid":{PID},"tid":{tid}{args}}}"#,
                json_string(&slice_name(kind)),
                kind.name(),
                segment.start
            ));
        } else {
            events.push(format!(
                r#"{{"name":{},"cat":"{}","ph":"X","ts":{},"dur":{},"pid":{PID},"tid":{tid}}}"#,
                json_string(&slice_name(kind)),
                kind.name(),
                segment.start,
                segment.end.saturating_sub(segment.start)
            ));
        }
    }
    for print in &lane.prints {
        events.push(format!(
            r#"{{"name":"print","cat":"print","ph":"i","s":"t","ts":{},"pid":{PID},"tid":{tid},"args":{{"text":{}}}}}"#,
            print.at,
            json_string(&print.text)
        ));
    }
    // A coroutine awaited directly (44.3's sequential loop) spans several of its task's states, and
    // complete events on one thread must nest: so calls are async slices ("b"/"e"), which viewers
    // draw on a track of their own beside the thread, never tangled with its states.
    for call in &lane.calls {
        let Some(end) = call.end else { continue };
        *call_id += 1;
        let id = *call_id;
        let name = json_string(&call.name);
        let args = match &call.error {
            Some(error) => format!(r#"{{"call":{},"raised":{}}}"#, json_string(&call.call), json_string(error)),
            None => format!(r#"{{"call":{}}}"#, json_string(&call.call)),
        };
        events.push(format!(
            r#"{{"name":{name},"cat":"call","ph":"b","id":{id},"ts":{},"pid":{PID},"tid":{tid},"args":{args}}}"#,
            call.start
        ));
        events.push(format!(r#"{{"name":{name},"cat":"call","ph":"e","id":{id},"ts":{end},"pid":{PID},"tid":{tid}}}"#));
    }
}

/// Resources as counters, warnings as instants, and the await graph as flows (see `chrome_trace`).
fn loop_events(log: &[Event], events: &mut Vec<String>) {
    let mut resources: Vec<String> = Vec::new();
    // Per task: the tasks it waits for, from its last suspension (for the flow of its wake-up).
    let mut awaiting: Vec<Vec<usize>> = Vec::new();
    let mut ended: Vec<Option<u64>> = Vec::new();
    let mut flow = 0usize;
    let mut arrow = |events: &mut Vec<String>, name: &str, from: (usize, u64), to: (usize, u64)| {
        flow += 1;
        let name = json_string(name);
        events.push(format!(
            r#"{{"name":{name},"cat":"await","ph":"s","id":{flow},"ts":{},"pid":{PID},"tid":{}}}"#,
            from.1,
            tid(from.0)
        ));
        events.push(format!(
            r#"{{"name":{name},"cat":"await","ph":"f","bp":"e","id":{flow},"ts":{},"pid":{PID},"tid":{}}}"#,
            to.1,
            tid(to.0)
        ));
    };
    for event in log {
        if awaiting.len() <= event.task {
            awaiting.resize(event.task + 1, Vec::new());
            ended.resize(event.task + 1, None);
        }
        match &event.kind {
            EventKind::Created { parent: Some(parent), .. } => {
                arrow(events, "create_task", (*parent, event.at), (event.task, event.at));
            }
            EventKind::Suspended { awaits, .. } => awaiting[event.task] = awaits.clone(),
            EventKind::Resumed => {
                // Woken by the task it waited for that ended last (gather waits for all of them).
                let woke = std::mem::take(&mut awaiting[event.task])
                    .into_iter()
                    .filter_map(|t| ended.get(t).copied().flatten().map(|at| (at, t)))
                    .max();
                if let Some((at, task)) = woke {
                    arrow(events, "awaited task ended", (task, at), (event.task, event.at));
                }
            }
            EventKind::Returned { .. } | EventKind::Cancelled | EventKind::Failed { .. } => {
                ended[event.task] = Some(event.at);
            }
            EventKind::ResourceCreated { res, kind, name, .. } => {
                if resources.len() <= *res {
                    resources.resize(*res + 1, String::new());
                }
                resources[*res] = format!("{name} ({})", kind.as_str());
                events.push(format!(
                    r#"{{"name":{},"ph":"C","ts":{},"pid":{PID},"args":{{"level":0}}}}"#,
                    json_string(&resources[*res]),
                    event.at
                ));
            }
            EventKind::ResourceChanged { res, level, .. } => {
                let name = resources.get(*res).cloned().unwrap_or_else(|| format!("resource {res}"));
                events.push(format!(
                    r#"{{"name":{},"ph":"C","ts":{},"pid":{PID},"args":{{"level":{level}}}}}"#,
                    json_string(&name),
                    event.at
                ));
            }
            EventKind::Warned { kind, text, .. } => events.push(format!(
                r#"{{"name":{},"cat":"warning","ph":"i","s":"g","ts":{},"pid":{PID},"tid":{},"args":{{"kind":"{}"}}}}"#,
                json_string(text),
                event.at,
                tid(event.task),
                kind.as_str()
            )),
            _ => {}
        }
    }
}

/// `text` as a JSON string literal, quotes included (RFC 8259): `"` and `\` escaped, control
/// characters as `\n`-style or `\u00XX` escapes, everything else (all of Unicode) as is, which
/// UTF-8 JSON allows. U+2028 and U+2029 are escaped too, so the text is also a valid JavaScript
/// string literal.
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_json_requires() {
        assert_eq!(json_string("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(json_string("l1\nl2\r\t"), r#""l1\nl2\r\t""#);
        assert_eq!(json_string("\u{0}\u{1f}\u{7f}"), "\"\\u0000\\u001f\u{7f}\"");
        assert_eq!(json_string("é ✓ 🐍"), "\"é ✓ 🐍\"");
        assert_eq!(json_string("\u{2028}"), r#""\u2028""#);
    }
}
