//! The run told in a few sentences, derived from its event log (never written per section): who
//! starts what, who waits on what, what finishes when and in what order, cancellations, failures,
//! and the total with why it is that long when the log shows why (waits that overlap, or CPU-bound
//! work holding the thread). A screen reader gets the run's story here rather than from a drawing.

use crate::engine::{Event, EventKind, Micros, PyValue, TaskId};

use super::numbers::{secs, thousands};

/// More tasks than this are summarised ("100 tasks, worker(0) to worker(99)") instead of listed.
const LISTED: usize = 6;
/// Waits of one task listed before "and N more".
const LISTED_WAITS: usize = 3;
/// A return value longer than this is not quoted (a fetched body).
const QUOTED_VALUE: usize = 30;
/// Two totals closer than this are "the same" (a real run's timers are a few ms late).
const SAME: Micros = 5_000;

// The stories borrow their texts from the log: a run of 10,000 tasks is told without copying
// 30,000 strings (issue 7: the narration is built on the first paint of such a run).
enum Ending<'a> {
    Returned(&'a PyValue),
    Cancelled,
    Failed(&'a str),
}

struct Wait<'a> {
    on: &'a str,
    start: Micros,
    end: Option<Micros>,
}

#[derive(Default)]
struct TaskStory<'a> {
    name: &'a str,
    coro: &'a str,
    parent: Option<TaskId>,
    waits: Vec<Wait<'a>>,
    calls: Vec<&'a str>,
    /// Who asked to cancel it first (`Some(None)`: the end of the run) and where it was raised.
    cancel_by: Option<Option<TaskId>>,
    cancelled_in: Option<&'a str>,
    /// When it ended, how, and the position of that event in the log (the finishing order).
    ending: Option<(Micros, Ending<'a>, usize)>,
}

struct Cpu<'a> {
    task: TaskId,
    call: &'a str,
    start: Micros,
    end: Option<Micros>,
}

/// A resume later than its timer's deadline, while CPU-bound work held the thread.
struct LateWake {
    task: TaskId,
    due: Micros,
    at: Micros,
}

/// `[a, b, c]` → "a, b and c".
fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", rest.join(", "), last.as_ref())
        }
    }
}

/// "1 task", "3 tasks", "10,000 tasks".
fn count(n: usize, noun: &str) -> String {
    format!("{} {noun}{}", thousands(n), if n == 1 { "" } else { "s" })
}

/// The sentences telling the run of `events` (a finished run, or one as far as it has got).
pub fn narrate(events: &[Event]) -> Vec<String> {
    let mut tasks: Vec<TaskStory> = Vec::new();
    let mut cpus: Vec<Cpu> = Vec::new();
    let mut late: Vec<LateWake> = Vec::new();
    // The deadline of each task's open sleep, to spot a late resume.
    let mut due_of: Vec<Option<Micros>> = Vec::new();
    for (index, event) in events.iter().enumerate() {
        if tasks.len() <= event.task {
            tasks.resize_with(event.task + 1, TaskStory::default);
            due_of.resize(event.task + 1, None);
        }
        let story = &mut tasks[event.task];
        match &event.kind {
            EventKind::Created { name, coro, parent } => {
                story.name = name;
                story.coro = coro;
                story.parent = *parent;
            }
            EventKind::Suspended { on, due, .. } => {
                story.waits.push(Wait { on, start: event.at, end: None });
                due_of[event.task] = *due;
            }
            EventKind::Resumed | EventKind::CancelDelivered { .. } => {
                if let Some(wait) = story.waits.last_mut().filter(|w| w.end.is_none()) {
                    wait.end = Some(event.at);
                }
                if let EventKind::CancelDelivered { at } = &event.kind {
                    story.cancelled_in = Some(at);
                }
                if let (EventKind::Resumed, Some(due)) = (&event.kind, due_of[event.task].take()) {
                    let blocked = cpus.iter().any(|c| c.start <= due && c.end.is_none_or(|end| end > due));
                    if blocked && event.at > due + SAME {
                        late.push(LateWake { task: event.task, due, at: event.at });
                    }
                }
            }
            EventKind::CallStarted { name, .. } => story.calls.push(name),
            EventKind::CpuStarted { call } => cpus.push(Cpu { task: event.task, call, start: event.at, end: None }),
            EventKind::CpuEnded => {
                if let Some(cpu) = cpus.iter_mut().rev().find(|c| c.task == event.task && c.end.is_none()) {
                    cpu.end = Some(event.at);
                }
            }
            EventKind::CancelRequested { by } => {
                story.cancel_by.get_or_insert(*by);
            }
            EventKind::Returned { value } => story.ending = Some((event.at, Ending::Returned(value), index)),
            EventKind::Cancelled => story.ending = Some((event.at, Ending::Cancelled, index)),
            EventKind::Failed { error } => story.ending = Some((event.at, Ending::Failed(error), index)),
            _ => {}
        }
    }
    let Some(root) = tasks.first() else {
        return vec!["Nothing has happened yet.".to_string()];
    };
    // The root's lane is called `main` whatever its coroutine (44.1.1 runs `fetch_data()`).
    let lane = if root.coro.strip_prefix(root.name).is_some_and(|rest| rest.starts_with('(')) {
        String::new()
    } else {
        format!(" (its lane is {})", root.name)
    };
    let mut said = vec![format!("asyncio.run starts {}{lane}.", root.coro)];
    said.extend(creations(&tasks));
    said.extend(waits(&tasks));
    said.extend(cpu_work(&tasks, &cpus, &late));
    said.extend(finishes(&tasks));
    said.extend(cancellations(&tasks));
    said.extend(failures(&tasks));
    said.push(total(&tasks, &cpus));
    said
}

/// "main creates 3 tasks: task1 = say_hello('Alice', 2), …", per creating task.
fn creations(tasks: &[TaskStory]) -> Vec<String> {
    let mut said = Vec::new();
    // Grouped once: scanning every task for each task's children is 10^8 steps for 10,000 tasks.
    let mut children_of: Vec<Vec<&TaskStory>> = vec![Vec::new(); tasks.len()];
    for task in tasks {
        if let Some(siblings) = task.parent.and_then(|p| children_of.get_mut(p)) {
            siblings.push(task);
        }
    }
    for (parent, children) in tasks.iter().zip(&children_of) {
        let (Some(first), Some(last)) = (children.first(), children.last()) else { continue };
        if children.len() > LISTED {
            said.push(format!(
                "{} creates {}, {} to {}.",
                parent.name,
                count(children.len(), "task"),
                first.name,
                last.name
            ));
            continue;
        }
        let named: Vec<String> = children
            .iter()
            .map(|t| {
                // `fetch_url(python)` already says what `fetch_url(session, 'https://…/python')` is.
                if t.coro.split('(').next() == t.name.split('(').next() {
                    t.name.to_string()
                } else {
                    format!("{} = {}", t.name, t.coro)
                }
            })
            .collect();
        said.push(format!("{} creates {}: {}.", parent.name, count(children.len(), "task"), and_list(&named)));
    }
    said
}

/// What each task waits on: tasks that wait once share a sentence; a crowd is summarised.
fn waits<'a>(tasks: &[TaskStory<'a>]) -> Vec<String> {
    let mut said = Vec::new();
    let children = tasks.len().saturating_sub(1);
    if children > LISTED {
        let root = &tasks[0];
        if let Some(wait) = root.waits.first() {
            said.push(format!("{} waits on {}.", root.name, wait.on));
        }
        let mut waiting = tasks[1..].iter().flat_map(|t| &t.waits);
        // "sleep(0.25)" → "sleep": say what kind of wait they share, not 10,000 arguments.
        let kind = |w: &Wait<'a>| w.on.split('(').next().unwrap_or("");
        if let Some(first) = waiting.next().map(kind) {
            let (same, others) = waiting.fold((true, 0), |(same, n), w| (same && kind(w) == first, n + 1));
            if same {
                said.push(format!("Each of the {} waits on {first}(…), all at the same time.", count(children, "task")))
            } else {
                said.push(format!("The {} wait {} in all.", count(children, "task"), count(others + 1, "time")))
            }
        }
        return said;
    }
    let mut once: Vec<String> = Vec::new();
    for (id, task) in tasks.iter().enumerate() {
        if !task.calls.is_empty() {
            said.push(format!(
                "{} awaits {} directly, one after another: no task is created, each call runs inside {}.",
                task.name,
                and_list(&task.calls),
                task.name
            ));
        }
        let ons: Vec<&str> = task.waits.iter().map(|w| w.on).collect();
        match ons.as_slice() {
            [] => {}
            // The root's one wait (on its tasks) gets its own sentence, before theirs.
            [on] if id > 0 => once.push(if once.is_empty() {
                format!("{} waits on {on}", task.name)
            } else {
                format!("{} on {on}", task.name)
            }),
            _ => {
                let shown: Vec<String> = ons.iter().take(LISTED_WAITS).map(|on| format!("on {on}")).collect();
                let more = ons.len().saturating_sub(LISTED_WAITS);
                let rest = if more > 0 { format!(", and {} more", count(more, "time")) } else { String::new() };
                said.push(format!("{} waits {}{rest}.", task.name, shown.join(", then ")));
            }
        }
    }
    if !once.is_empty() {
        said.push(format!("{}.", and_list(&once)));
    }
    said
}

/// CPU-bound work and what it did to the timers that fell due meanwhile.
fn cpu_work(tasks: &[TaskStory], cpus: &[Cpu], late: &[LateWake]) -> Vec<String> {
    let mut said = Vec::new();
    // A call that read the clock for a few µs (a `log()` helper printing the time) held the thread
    // for no time a person could see: only work of a millisecond or more is worth a sentence.
    for cpu in cpus.iter().filter(|c| c.end.is_none_or(|end| end - c.start >= 1_000)) {
        let until = cpu.end.map_or(String::new(), |end| format!(" to {}", secs(end)));
        said.push(format!(
            "{} runs {} from {}{until} without awaiting: it holds the thread, so no other task can run meanwhile.",
            tasks[cpu.task].name,
            cpu.call,
            secs(cpu.start)
        ));
    }
    if !late.is_empty() {
        let parts: Vec<String> = late
            .iter()
            .take(LISTED)
            .map(|l| format!("{} at {} instead of {}", tasks[l.task].name, secs(l.at), secs(l.due)))
            .collect();
        let more = late.len().saturating_sub(LISTED);
        let rest = if more > 0 { format!(" (and {} more)", thousands(more)) } else { String::new() };
        said.push(format!("So timers fire late: {}{rest}.", and_list(&parts)));
    }
    said
}

/// The order in which the tasks the root created finish (returned, not cancelled or failed).
fn finishes(tasks: &[TaskStory]) -> Vec<String> {
    let mut done: Vec<(Micros, usize, &TaskStory, &PyValue)> = tasks[1..]
        .iter()
        .filter_map(|t| match &t.ending {
            Some((at, Ending::Returned(value), index)) => Some((*at, *index, t, *value)),
            _ => None,
        })
        .collect();
    crate::sort::sort_by_key(&mut done, |(_, index, _, _)| *index as u64);
    let children = tasks.len() - 1;
    let (Some(first), Some(last)) = (done.first(), done.last()) else { return Vec::new() };
    if done.len() > LISTED {
        let all = if done.len() == children {
            format!("All {} finish", thousands(children))
        } else {
            format!("{} of the {} finish", thousands(done.len()), thousands(children))
        };
        return vec![format!(
            "{all}: the first, {}, at {}; the last, {}, at {}.",
            first.2.name,
            secs(first.0),
            last.2.name,
            secs(last.0)
        )];
    }
    // ", returning 'Result A'" when the value says something and is short enough to read out.
    let returning = |value: &PyValue| {
        let repr = value.to_string();
        let quiet = *value == PyValue::None || repr.chars().count() > QUOTED_VALUE;
        if quiet {
            String::new()
        } else {
            format!(", returning {repr}")
        }
    };
    if done.len() == 1 {
        return vec![format!("{} finishes at {}{}.", first.2.name, secs(first.0), returning(first.3))];
    }
    let parts: Vec<String> = done
        .iter()
        .enumerate()
        .map(|(i, (at, _, task, value))| match i {
            0 => format!("{} finishes first, at {}{}", task.name, secs(*at), returning(value)),
            _ => format!("then {} at {}{}", task.name, secs(*at), returning(value)),
        })
        .collect();
    vec![format!("{}.", parts.join("; "))]
}

/// Each cancelled task: who asked, where `CancelledError` was raised, when.
fn cancellations(tasks: &[TaskStory]) -> Vec<String> {
    let cancelled: Vec<(TaskId, &TaskStory, Micros)> = tasks
        .iter()
        .enumerate()
        .filter_map(|(id, t)| match &t.ending {
            Some((at, Ending::Cancelled, _)) => Some((id, t, *at)),
            _ => None,
        })
        .collect();
    if cancelled.len() > LISTED {
        let last = cancelled.iter().map(|(_, _, at)| *at).max().unwrap_or(0);
        return vec![format!("{} are cancelled, the last at {}.", count(cancelled.len(), "task"), secs(last))];
    }
    cancelled
        .iter()
        .map(|(_, task, at)| {
            let by = match task.cancel_by {
                Some(Some(by)) => format!("{} calls cancel() on {}", tasks[by].name, task.name),
                _ => format!("{} is cancelled as the run ends", task.name),
            };
            let raised = match &task.cancelled_in {
                Some(on) => format!(": CancelledError is raised in {on}, where it was waiting, and it ends cancelled"),
                None => ", before it ever ran".to_string(),
            };
            format!("At {}, {by}{raised}.", secs(*at))
        })
        .collect()
}

/// Each task that ended with an exception, in the order they failed. One that fails with an
/// exception already told (awaiting a failed task, or `gather()`, passes it on) says so.
fn failures(tasks: &[TaskStory]) -> Vec<String> {
    let mut failed: Vec<(&TaskStory, Micros, usize, &str)> = tasks
        .iter()
        .filter_map(|t| match &t.ending {
            Some((at, Ending::Failed(error), index)) => Some((t, *at, *index, *error)),
            _ => None,
        })
        .collect();
    crate::sort::sort_by_key(&mut failed, |(_, _, index, _)| *index as u64);
    if failed.len() > LISTED {
        return vec![format!("{} fail with an exception.", count(failed.len(), "task"))];
    }
    failed
        .iter()
        .enumerate()
        .map(|(i, (task, at, _, error))| match failed[..i].iter().find(|(_, _, _, earlier)| earlier == error) {
            Some((from, ..)) => format!(
                "{} fails too, at {}, with the same exception: awaiting {} passed it on.",
                task.name,
                secs(*at),
                from.name
            ),
            None => format!("{} fails at {}: {error}.", task.name, secs(*at)),
        })
        .collect()
}

/// Total length of the union of `spans`.
fn covered(mut spans: Vec<(Micros, Micros)>) -> Micros {
    // By start only: the sweep below needs nothing more.
    crate::sort::sort_by_key(&mut spans, |(start, _)| *start);
    let mut total = 0;
    let mut reach = 0;
    for (start, end) in spans {
        let start = start.max(reach);
        if end > start {
            total += end - start;
            reach = end;
        }
    }
    total
}

/// The total, and why it is that long when the log says: CPU work holding the thread, waits that
/// overlapped (the longest wait, not the sum), or waits one after another (the sum).
fn total(tasks: &[TaskStory], cpus: &[Cpu]) -> String {
    let root = &tasks[0];
    let Some((end, ending, _)) = &root.ending else {
        let open = tasks.iter().filter(|t| t.ending.is_none()).count();
        let verb = if open == 1 { "has" } else { "have" };
        return format!("The run is not over yet: {} {verb} not finished.", count(open, "task"));
    };
    // A run that ended with an exception is explained by the sentences before (what failed).
    let took = match ending {
        Ending::Failed(_) => return format!("The run ended at {} with {}'s exception.", secs(*end), root.name),
        Ending::Cancelled => return format!("The run was cancelled at {}.", secs(*end)),
        Ending::Returned(_) => format!("The run took {}", secs(*end)),
    };
    let cpu_time = covered(cpus.iter().map(|c| (c.start, c.end.unwrap_or(*end))).collect());
    if cpu_time > 0 && cpu_time * 2 >= *end {
        return format!(
            "{took}: the CPU-bound work alone took {}, and while it held the thread nothing else could run.",
            secs(cpu_time)
        );
    }
    // Waits on things (a sleep, a request, a worker), not on other tasks: gather() and `await
    // task` only wait for waits already counted.
    // Sorted, then searched: with 10,000 tasks a list lookup per wait was 10^8 comparisons
    // (~300 ms a render), and a HashSet spent ~8 ms hashing (SipHash) in wasm; this is ~14
    // comparisons of short strings per wait.
    let mut names: Vec<&str> = tasks.iter().map(|t| t.name).collect();
    crate::sort::sort_by_text(&mut names, |name| name);
    let is_leaf = |w: &Wait| !w.on.starts_with("gather(") && names.binary_search(&w.on).is_err();
    let leaf: Vec<&Wait> = tasks.iter().flat_map(|t| &t.waits).filter(|w| is_leaf(w)).collect();
    let spans: Vec<(Micros, Micros)> = leaf.iter().map(|w| (w.start, w.end.unwrap_or(*end).max(w.start))).collect();
    let sum: Micros = spans.iter().map(|(start, end)| end - start).sum();
    let longest = spans.iter().map(|(start, end)| end - start).max().unwrap_or(0);
    match leaf.as_slice() {
        _ if sum == 0 => format!("{took}."),
        [only] => format!("{took}, most of it waiting on {}.", only.on),
        _ if sum > covered(spans.clone()) + SAME => {
            // A real run ends a little after its longest wait (its timers fire a few ms late).
            let (waits, total) = (secs(sum), secs(*end));
            let longest_says = if end.abs_diff(longest) <= SAME {
                format!("the total is the longest wait ({}), not the sum of the waits ({waits})", secs(longest))
            } else if longest * 10 >= end * 9 {
                format!("the total is about the longest wait ({}), not the sum of the waits ({waits})", secs(longest))
            } else {
                format!("the total ({total}) is less than the sum of the waits ({waits})")
            };
            let waiters: Vec<&str> = tasks.iter().filter(|t| t.waits.iter().any(&is_leaf)).map(|t| t.name).collect();
            let who = match waiters.len() {
                1 => format!("{}'s waits", waiters[0]),
                2 => format!("{} and {}", waiters[0], waiters[1]),
                _ => "the tasks".to_string(),
            };
            format!("{took}: {who} waited at the same time, so {longest_says}.")
        }
        _ if leaf.len() <= 4 => {
            let terms: Vec<String> = spans.iter().map(|(start, end)| secs(end - start)).collect();
            format!("{took}: the waits came one after another, so the total is their sum ({}).", terms.join(" + "))
        }
        _ => format!(
            "{took}: the {} waits came one after another, so the total is their sum ({}).",
            thousands(leaf.len()),
            secs(sum)
        ),
    }
}
