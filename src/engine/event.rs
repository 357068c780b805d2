//! The event log: everything a run does, with its time. The timeline, the console and the tests are
//! all derived from it, so a browser run and a virtual-clock run are compared event by event.

use super::{Micros, PyValue};

/// Index of a task in creation order; the first task (the top-level code) is 0.
pub type TaskId = usize;

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// When it happened, at 1x scale.
    pub at: Micros,
    /// The task it happened in (for `Created`, the new task).
    pub task: TaskId,
    pub kind: EventKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum EventKind {
    /// `asyncio.create_task(coro)` (or `gather` wrapping a coroutine): the task exists but has not run.
    Created {
        /// The lane label: the variable the chapter assigns the task to, or the coroutine's name.
        name: String,
        /// The call that made the coroutine, as Python source: `say_hello('Alice', 2)`.
        coro: String,
        parent: Option<TaskId>,
    },
    /// The event loop ran the task for the first time.
    Started,
    /// The task gave control back to the loop, waiting on `on` (`sleep(2)`, `gather(...)`, a URL).
    Suspended {
        on: String,
        /// When what it waits on is due (a sleep's deadline), if known: a resume later than this
        /// means the loop was busy, and the timeline shows the difference as lateness.
        due: Option<Micros>,
        /// The tasks it waits for (`gather`'s children, `await task`, a `TaskGroup`'s tasks,
        /// `wait_for`'s inner task): the await graph's edges.
        awaits: Vec<TaskId>,
        /// The resource it waits on (`ResourceCreated::res`): a lock, a queue, an event…
        resource: Option<usize>,
        /// Where it is stopped: its coroutine chain, outermost first (`main` at line 9, then
        /// `say_hello` at line 5), as `python -m asyncio pstree` prints it. Empty for code that is
        /// not interpreted Python.
        stack: Vec<Place>,
    },
    /// What it waited on finished; the task runs again.
    Resumed,
    /// A `print()` from this task; `text` is exactly what Python prints (no trailing newline).
    Printed {
        text: String,
    },
    /// A CPU-bound call started: the thread (and so every other task) is blocked until `CpuEnded`.
    CpuStarted {
        call: String,
    },
    CpuEnded,
    /// Another task called `cancel()` on this one.
    CancelRequested {
        by: Option<TaskId>,
    },
    /// `CancelledError` was raised inside the task at the await it was suspended in.
    CancelDelivered {
        at: String,
    },
    /// The coroutine returned; `value` is its return value.
    Returned {
        value: PyValue,
    },
    /// The task ended by cancellation.
    Cancelled,
    /// A coroutine awaited directly, without a task (`data = await fetch_url(session, url)` in a
    /// loop): the lane's task runs inside it until `CallEnded`. `name` is short (`fetch_url(python)`),
    /// `call` the Python call. The timeline draws each call as a sub-row of its task's lane.
    CallStarted {
        name: String,
        call: String,
    },
    /// The innermost open call returned (`error` is None) or raised.
    CallEnded {
        error: Option<String>,
    },
    /// An HTTP GET was sent (`session.get(url)`); `req` numbers the run's requests from 0.
    HttpRequest {
        req: usize,
        url: String,
    },
    /// Its status line and headers arrived.
    HttpResponse {
        req: usize,
        status: u16,
        reason: String,
    },
    /// Its body was read as text (`await response.text()`): `chars` is Python's `len(text)`, `bytes`
    /// its size in UTF-8, `preview` its first characters (never the whole of a large body).
    HttpBody {
        req: usize,
        chars: usize,
        bytes: usize,
        preview: String,
    },
    /// It ended with an exception: its own (`TimeoutError`, `ClientResponseError`, …) or one
    /// delivered at its await (`CancelledError`, the session closing). `kind` is the Python class.
    HttpFailed {
        req: usize,
        kind: String,
        message: String,
    },
    /// The task ended with an exception other than cancellation.
    Failed {
        error: String,
    },
    /// A `Queue`, `Lock`, `Semaphore`, `Event` or `Condition` was made: it gets a lane of its own.
    ResourceCreated {
        /// Numbers the run's resources from 0.
        res: usize,
        kind: ResourceKind,
        /// The variable it was assigned to (`lock = asyncio.Lock()`), else its kind and number.
        name: String,
        /// A semaphore's permits, a queue's maxsize (0: unbounded); 1 for a lock or a condition.
        capacity: usize,
    },
    /// This task did `op` on a resource (`put`, `get`, `acquire`, `release`, `set`, `clear`,
    /// `notify`, `task_done`…); its state afterwards.
    ResourceChanged {
        res: usize,
        op: String,
        /// Items in a queue, permits taken of a semaphore or lock, 1 for an event that is set.
        level: usize,
        /// The tasks holding a lock, a semaphore or a condition's lock, in the order they took it.
        holders: Vec<TaskId>,
    },
    /// A warning CPython gives (on stderr) at this moment, in its own words.
    Warned {
        kind: WarningKind,
        text: String,
        /// The program's line it is about (where the coroutine was made, …).
        line: Option<u32>,
    },
}

/// A line of the program inside a function: one frame of a task's coroutine chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// Shared with the interpreter's frame (a run of 10,000 tasks suspends 20,000 times).
    pub function: std::rc::Rc<str>,
    pub line: u32,
}

/// What kind of object a resource lane shows (its `data-kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResourceKind {
    Queue,
    Lock,
    Semaphore,
    Event,
    Condition,
}

impl ResourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ResourceKind::Queue => "queue",
            ResourceKind::Lock => "lock",
            ResourceKind::Semaphore => "semaphore",
            ResourceKind::Event => "event",
            ResourceKind::Condition => "condition",
        }
    }
}

/// The warnings the page explains (`[data-testid=warning]`'s `data-kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WarningKind {
    /// A step held the loop ≥ 100 ms (asyncio debug mode's `Executing <Task …> took 1.003 seconds`).
    SlowStep,
    /// `RuntimeWarning: coroutine '…' was never awaited`.
    NeverAwaited,
    /// `Task exception was never retrieved`.
    NeverRetrieved,
    /// `Task was destroyed but it is pending!`.
    DestroyedPending,
    /// `time.sleep` inside `async def`: it blocks the loop.
    BlockingSleep,
    /// A `create_task` whose task is thrown away (ruff's RUF006).
    DanglingTask,
    /// `await` in a loop, one after another, where `gather` was meant.
    SequentialAwait,
    /// A `CancelledError` caught and not raised again.
    SwallowedCancel,
    /// `Exception in callback …` (a loop callback raised).
    CallbackError,
}

impl WarningKind {
    pub fn as_str(self) -> &'static str {
        match self {
            WarningKind::SlowStep => "slow-step",
            WarningKind::NeverAwaited => "never-awaited",
            WarningKind::NeverRetrieved => "never-retrieved",
            WarningKind::DestroyedPending => "destroyed-pending",
            WarningKind::BlockingSleep => "blocking-sleep",
            WarningKind::DanglingTask => "dangling-task",
            WarningKind::SequentialAwait => "sequential-await",
            WarningKind::SwallowedCancel => "swallowed-cancel",
            WarningKind::CallbackError => "callback-error",
        }
    }
}

impl EventKind {
    /// True for the three ways a task can end.
    pub fn is_final(&self) -> bool {
        matches!(self, EventKind::Returned { .. } | EventKind::Cancelled | EventKind::Failed { .. })
    }
}
