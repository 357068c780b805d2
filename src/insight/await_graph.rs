//! Who awaits whom at a moment, and where each task is stopped: the await graph, as
//! `python -m asyncio pstree` prints it (a task, its coroutine chain with `file:line`, the tasks it
//! awaits under it), and the lines the editor marks.

use crate::engine::{Event, EventKind, Micros, Place, TaskId};

/// What a task is doing at the moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Doing {
    /// Created, not run yet.
    Ready,
    Running,
    Waiting,
    Done,
    Cancelled,
    Failed,
}

impl Doing {
    pub fn is_pending(self) -> bool {
        matches!(self, Doing::Ready | Doing::Running | Doing::Waiting)
    }
}

/// One task at the moment.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskAt {
    pub task: TaskId,
    pub name: String,
    /// The task that created it (`None` for the top-level code).
    pub parent: Option<TaskId>,
    pub doing: Doing,
    /// What it waits on (`sleep(2)`, `gather(task1, task2)`, `lock.acquire()`), while waiting.
    pub on: Option<String>,
    /// The tasks it waits for, while waiting.
    pub awaits: Vec<TaskId>,
    /// The resource it waits on, while waiting.
    pub resource: Option<usize>,
    /// Where it was stopped last (outermost first): while it runs, the await it resumed from.
    pub stack: Vec<Place>,
    /// Since when it has been doing it.
    pub since: Micros,
}

impl TaskAt {
    /// The line it is stopped at (or resumed from): its innermost frame's.
    pub fn line(&self) -> Option<u32> {
        self.stack.last().map(|place| place.line)
    }
}

/// Every task created by the moment, by id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AwaitGraph {
    pub tasks: Vec<TaskAt>,
}

impl AwaitGraph {
    /// The graph once the first `shown` events have happened.
    pub fn at(events: &[Event], shown: usize) -> AwaitGraph {
        let mut tasks: Vec<TaskAt> = Vec::new();
        for event in &events[..shown.min(events.len())] {
            if let EventKind::Created { name, parent, .. } = &event.kind {
                if tasks.len() <= event.task {
                    tasks.resize_with(event.task + 1, || blank(event.at));
                }
                let task = &mut tasks[event.task];
                task.task = event.task;
                task.name = name.clone();
                task.parent = *parent;
                task.since = event.at;
                continue;
            }
            let Some(task) = tasks.get_mut(event.task) else { continue };
            let doing = match &event.kind {
                EventKind::Started | EventKind::Resumed | EventKind::CancelDelivered { .. } => Doing::Running,
                EventKind::Suspended { on, awaits, resource, stack, .. } => {
                    task.on = Some(on.clone());
                    task.awaits = awaits.clone();
                    task.resource = *resource;
                    task.stack = stack.clone();
                    task.since = event.at;
                    task.doing = Doing::Waiting;
                    continue;
                }
                EventKind::Returned { .. } => Doing::Done,
                EventKind::Cancelled => Doing::Cancelled,
                EventKind::Failed { .. } => Doing::Failed,
                _ => continue,
            };
            task.doing = doing;
            task.since = event.at;
            task.on = None;
            task.awaits.clear();
            task.resource = None;
        }
        AwaitGraph { tasks }
    }

    /// `awaiter → awaited` for every pending task waiting on another pending one: the links the
    /// timeline draws at the moment.
    pub fn edges(&self) -> Vec<(TaskId, TaskId)> {
        let mut edges = Vec::new();
        for task in self.tasks.iter().filter(|t| t.doing == Doing::Waiting) {
            for &awaited in &task.awaits {
                if self.tasks.get(awaited).is_some_and(|t| t.doing.is_pending()) {
                    edges.push((task.task, awaited));
                }
            }
        }
        edges
    }

    /// Where each pending task is stopped (or running from): `(task, line)`, for the editor's
    /// margin. Tasks with no line of the program (not started yet) are left out.
    pub fn task_lines(&self) -> Vec<(TaskId, u32)> {
        self.tasks
            .iter()
            .filter(|t| t.doing.is_pending())
            .filter_map(|t| t.line().filter(|&line| line > 0).map(|line| (t.task, line)))
            .collect()
    }

    /// The task running at the moment, if any.
    pub fn running(&self) -> Option<&TaskAt> {
        self.tasks.iter().find(|t| t.doing == Doing::Running)
    }

    /// The tree in the style of `python -m asyncio pstree`: each pending task not awaited by
    /// another is a root; under a task, its coroutine chain (`main <playground>:12`), what it
    /// waits on, and the tasks it awaits. `file` names the program (`<playground>`). At most
    /// `max_tasks` tasks are drawn (a run of 10,000 tasks says how many more there are).
    pub fn tree(&self, file: &str, max_tasks: usize) -> String {
        let pending: Vec<&TaskAt> = self.tasks.iter().filter(|t| t.doing.is_pending()).collect();
        if pending.is_empty() {
            return "(no pending tasks)\n".to_string();
        }
        let mut awaited = vec![false; self.tasks.len()];
        for (_, to) in self.edges() {
            awaited[to] = true;
        }
        let roots: Vec<TaskId> = pending.iter().map(|t| t.task).filter(|&t| !awaited[t]).collect();
        let mut drawing =
            Drawing { file, drawn: vec![false; self.tasks.len()], left: max_tasks, skipped: 0, out: String::new() };
        // A cycle (two tasks awaiting each other) has no root: draw its tasks from the first.
        let roots = if roots.is_empty() { vec![pending[0].task] } else { roots };
        for (i, &root) in roots.iter().enumerate() {
            self.draw_task(root, "", i + 1 == roots.len(), &mut drawing);
        }
        for task in &pending {
            if !drawing.drawn[task.task] {
                self.draw_task(task.task, "", true, &mut drawing);
            }
        }
        if drawing.skipped > 0 {
            let s = if drawing.skipped == 1 { "" } else { "s" };
            drawing.out.push_str(&format!("… and {} more pending task{s}\n", drawing.skipped));
        }
        drawing.out
    }

    fn draw_task(&self, id: TaskId, prefix: &str, last: bool, drawing: &mut Drawing) {
        if drawing.left == 0 {
            drawing.skipped += usize::from(!drawing.drawn[id]);
            drawing.drawn[id] = true;
            return;
        }
        drawing.left -= 1;
        let (file, drawn, out) = (drawing.file, &mut drawing.drawn, &mut drawing.out);
        let task = &self.tasks[id];
        let (branch, more) = if last { ("└── ", "    ") } else { ("├── ", "│   ") };
        let note = match task.doing {
            Doing::Ready => "  (not started yet)",
            Doing::Running => "  (running)",
            _ => "",
        };
        if drawn[id] {
            out.push_str(&format!("{prefix}{branch}(T) {}  (shown above)\n", task.name));
            return;
        }
        drawn[id] = true;
        out.push_str(&format!("{prefix}{branch}(T) {}{note}\n", task.name));
        let mut prefix = format!("{prefix}{more}");
        let mut frames: Vec<String> = task
            .stack
            .iter()
            .filter(|place| &*place.function != "<module>" || task.stack.len() == 1)
            .map(|place| format!("{} {file}:{}", place.function, place.line))
            .collect();
        if let Some(on) = &task.on {
            frames.push(leaf(on, !task.awaits.is_empty()));
        }
        let children: Vec<TaskId> = if task.doing == Doing::Waiting {
            task.awaits.iter().copied().filter(|&t| self.tasks.get(t).is_some_and(|t| t.doing.is_pending())).collect()
        } else {
            Vec::new()
        };
        // A chain: each frame awaits the next, one level deeper.
        for frame in &frames {
            out.push_str(&format!("{prefix}└──  {frame}\n"));
            prefix.push_str("    ");
        }
        for (i, &child) in children.iter().enumerate() {
            self.draw_task(child, &prefix, i + 1 == children.len(), drawing);
        }
    }
}

/// A tree being drawn: which tasks are in it already, how many more may be, how many were not.
struct Drawing<'a> {
    file: &'a str,
    drawn: Vec<bool>,
    left: usize,
    skipped: usize,
    out: String,
}

/// The innermost line of a waiting task's chain: what it waits on, or, when it waits for other
/// tasks, the asyncio function that does (`asyncio.gather`; `await task1` shows just `await`).
fn leaf(on: &str, awaits_tasks: bool) -> String {
    if !awaits_tasks {
        return on.to_string();
    }
    match on.split('(').next().unwrap_or(on) {
        "gather" => "asyncio.gather".to_string(),
        "wait_for" => "asyncio.wait_for".to_string(),
        "TaskGroup" => "TaskGroup.__aexit__".to_string(),
        _ => "await".to_string(),
    }
}

/// Every line `task` was stopped at in `events` (its innermost frame at each suspension), in the
/// order it first stopped there: what the editor marks when the task's lane is hovered.
pub fn lines_of(events: &[Event], task: TaskId) -> Vec<u32> {
    let mut lines = Vec::new();
    for event in events.iter().filter(|e| e.task == task) {
        if let EventKind::Suspended { stack, .. } = &event.kind {
            if let Some(line) = stack.last().map(|p| p.line).filter(|l| *l > 0 && !lines.contains(l)) {
                lines.push(line);
            }
        }
    }
    lines
}

fn blank(at: Micros) -> TaskAt {
    TaskAt {
        task: 0,
        name: String::new(),
        parent: None,
        doing: Doing::Ready,
        on: None,
        awaits: Vec::new(),
        resource: None,
        stack: Vec::new(),
        since: at,
    }
}
