//! Each event of a run in plain words ("task2 waits on sleep(1) (due at 1.000 s)"): the rows of the
//! page's table view, and what the scrubber says about the event under its cursor. A screen reader
//! reads the run from here, so the words say what happened, not how the engine logs it.

use super::numbers::{secs, thousands};
use crate::engine::{Event, EventKind, Micros, PyValue, TaskId};

/// One row of the table view: when, which task, what happened.
#[derive(Clone, Debug, PartialEq)]
pub struct EventRow {
    pub at: Micros,
    pub task: TaskId,
    pub task_name: String,
    pub what: String,
}

/// Longest text quoted from a print or a return value: a fetched body is thousands of characters.
const QUOTE_CHARS: usize = 80;

/// `text` cut to `QUOTE_CHARS` characters, its line breaks shown as ⏎ (a row is one line).
fn quote(text: &str) -> String {
    let flat = text.trim_end_matches('\n').replace('\n', " ⏎ ");
    if flat.chars().count() <= QUOTE_CHARS {
        return flat;
    }
    let cut: String = flat.chars().take(QUOTE_CHARS - 1).collect();
    format!("{cut}…")
}

/// What `event` means, in words a learner understands. `names[task]` is the task's lane name
/// (`task1`); a task missing from `names` is called `task N`.
pub fn describe(event: &Event, names: &[String]) -> String {
    describe_with(event, names, &[])
}

/// `describe`, with the resources' names by number (`resource_names`): `queue.put(): 2 in it`.
pub fn describe_with(event: &Event, names: &[String], resources: &[String]) -> String {
    let name = |task: TaskId| names.get(task).cloned().unwrap_or_else(|| format!("task {task}"));
    match &event.kind {
        EventKind::Created { coro, parent: Some(parent), .. } => format!("created by {}: {coro}", name(*parent)),
        // The top-level coroutine: `asyncio.run()` wraps it in the run's first task.
        EventKind::Created { coro, parent: None, .. } => format!("created by asyncio.run: {coro}"),
        EventKind::Started => "starts running".to_string(),
        EventKind::Suspended { on, due: Some(due), .. } => format!("waits on {on} (due at {})", secs(*due)),
        EventKind::Suspended { on, due: None, .. } => format!("waits on {on}"),
        EventKind::Resumed => "resumes".to_string(),
        EventKind::Printed { text } if text.trim_end_matches('\n').is_empty() => "prints an empty line".to_string(),
        EventKind::Printed { text } => format!("prints “{}”", quote(text)),
        EventKind::CpuStarted { call } => {
            format!("CPU-bound work starts: {call} holds the thread, no other task can run until it ends")
        }
        EventKind::CpuEnded => "CPU-bound work ends: the thread is free again".to_string(),
        EventKind::CancelRequested { by: Some(by) } => format!("cancel() requested by {}", name(*by)),
        // Nothing asked from a task: asyncio.run cancelling what is left, or the Stop button.
        EventKind::CancelRequested { by: None } => "cancel() requested as the run ends".to_string(),
        EventKind::CancelDelivered { at } => format!("CancelledError raised at {at}"),
        EventKind::Returned { value: PyValue::None } => "returns None".to_string(),
        EventKind::Returned { value } => format!("returns {}", quote(&value.to_string())),
        EventKind::Cancelled => "ends cancelled".to_string(),
        EventKind::Failed { error } => format!("fails: {}", quote(error)),
        EventKind::CallStarted { call, .. } => format!("awaits {call} directly (no new task: it runs inside this one)"),
        EventKind::CallEnded { error: None } => "the directly awaited call returns".to_string(),
        EventKind::CallEnded { error: Some(error) } => format!("the directly awaited call raises {}", quote(error)),
        EventKind::HttpRequest { url, .. } => format!("sends GET {url}"),
        EventKind::HttpResponse { status, reason, .. } => {
            format!("gets the response's status and headers: {status} {reason}")
        }
        EventKind::HttpBody { chars, .. } => format!("reads the response body: {} characters", thousands(*chars)),
        EventKind::HttpFailed { kind, message, .. } if message.is_empty() => format!("request fails: {kind}"),
        EventKind::HttpFailed { kind, message, .. } => format!("request fails: {kind}: {}", quote(message)),
        EventKind::ResourceCreated { kind, name, .. } => {
            let class = match kind {
                crate::engine::ResourceKind::Queue => "Queue",
                crate::engine::ResourceKind::Lock => "Lock",
                crate::engine::ResourceKind::Semaphore => "Semaphore",
                crate::engine::ResourceKind::Event => "Event",
                crate::engine::ResourceKind::Condition => "Condition",
            };
            format!("makes {name}, an asyncio {class}")
        }
        EventKind::ResourceChanged { res, op, level, holders } => {
            let resource = resources.get(*res).filter(|n| !n.is_empty()).cloned().unwrap_or_else(|| "resource".into());
            let after = match (op.as_str(), holders.as_slice()) {
                ("put" | "get" | "task_done", _) => format!("{level} in it now"),
                ("set", _) => "it is set".to_string(),
                ("clear", _) => "it is clear".to_string(),
                (_, []) => "nobody holds it now".to_string(),
                (_, list) => format!("held by {}", list.iter().map(|t| name(*t)).collect::<Vec<_>>().join(", ")),
            };
            format!("{resource}.{op}(): {after}")
        }
        EventKind::Warned { text, .. } => format!("warning: {}", quote(text)),
    }
}

/// The task names of a log, from its `Created` events (what the timeline calls the lanes).
pub fn task_names(events: &[Event]) -> Vec<String> {
    let mut names = Vec::new();
    for event in events {
        if let EventKind::Created { name, .. } = &event.kind {
            if names.len() <= event.task {
                names.resize(event.task + 1, String::new());
            }
            names[event.task] = name.clone();
        }
    }
    names
}

/// The resources' names by number, from their `ResourceCreated` events.
pub fn resource_names(events: &[Event]) -> Vec<String> {
    let mut names = Vec::new();
    for event in events {
        if let EventKind::ResourceCreated { res, name, .. } = &event.kind {
            if names.len() <= *res {
                names.resize(*res + 1, String::new());
            }
            names[*res] = name.clone();
        }
    }
    names
}

/// Every event as a row. A view of a big run describes only the rows it shows (`describe`).
pub fn rows(events: &[Event]) -> Vec<EventRow> {
    let names = task_names(events);
    let resources = resource_names(events);
    events
        .iter()
        .map(|event| EventRow {
            at: event.at,
            task: event.task,
            task_name: names.get(event.task).cloned().unwrap_or_default(),
            what: describe_with(event, &names, &resources),
        })
        .collect()
}
