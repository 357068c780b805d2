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
}

impl EventKind {
    /// True for the three ways a task can end.
    pub fn is_final(&self) -> bool {
        matches!(self, EventKind::Returned { .. } | EventKind::Cancelled | EventKind::Failed { .. })
    }
}
