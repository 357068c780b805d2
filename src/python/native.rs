//! Objects implemented in Rust that a program can hold: coroutines, generators, iterators, and the
//! asyncio objects (tasks, futures, queues, locks, events…) whose state lives on the interpreter side.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::task::Waker;

use futures::future::LocalBoxFuture;

use super::value::{PyResult, Value};
use crate::engine::Task as EngineTask;
use crate::engine::{Aio, EventKind, WarningKind};

pub type BoxedRun = LocalBoxFuture<'static, PyResult<Value>>;

pub enum Native {
    Coroutine(Coroutine),
    Generator(Generator),
    Iterator(RefCell<Iter>),
    Task(TaskObj),
    Future(FutureObj),
    Queue(QueueObj),
    /// `Lock`, `Semaphore` (and `BoundedSemaphore`): permits and their waiters.
    Semaphore(SemaphoreObj),
    Event(EventObj),
    Condition(ConditionObj),
    /// A value with a name and repr only (`asyncio.FIRST_COMPLETED`'s string is a str; this is for
    /// the running loop object).
    Loop,
    /// `asyncio.Runner()`: `with asyncio.Runner() as runner: runner.run(main())` runs each
    /// coroutine as `asyncio.run` does, on the one loop of the run.
    Runner,
    /// `asyncio.timeout(d)`, `asyncio.TaskGroup()`: context managers with their state.
    Timeout(TimeoutObj),
    TaskGroup(TaskGroupObj),
    /// An awaitable produced by a Rust method (`queue.get()`, `lock.acquire()`, `event.wait()`…):
    /// the future to run when awaited, and what a never-awaited warning would name.
    Awaitable(Awaitable),
    /// aiohttp's session, request, response and timeout objects.
    Http(super::aiohttp::Http),
    /// `super()`: attribute lookups start after `class` in the MRO of `obj`'s class.
    Super {
        class: Rc<super::value::Class>,
        obj: Value,
    },
}

/// A coroutine object: `say_hello("Alice", 2)` before it is awaited or wrapped in a task.
pub struct Coroutine {
    pub name: Rc<str>,
    /// The call as source text (`say_hello('Alice', 2)`): a task's lane label and `coro` in the log.
    pub call_text: Rc<str>,
    /// A short label for a lane: `worker(0)`, `fetch_url(python)` (the function and its first
    /// plain argument; a URL by its last path segment).
    pub lane: Rc<str>,
    pub run: RefCell<Option<BoxedRun>>,
    /// Set when it was awaited or handed to a task: otherwise dropping it is CPython's
    /// "coroutine … was never awaited".
    pub used: Cell<bool>,
    pub warnings: Option<Rc<Warnings>>,
    /// The line that made it (where "never awaited" points).
    pub line: u32,
    /// Made by a built-in (`asyncio.sleep(1)`, `queue.get()`), not by an `async def`: never a
    /// call sub-row of its task's lane.
    pub builtin: bool,
    /// `asyncio.gather(…)`'s child tasks: its `cancel()` cancels them (CPython's gather returns a
    /// future whose `cancel()` does that). Empty for every other coroutine.
    pub children: RefCell<Vec<Value>>,
}

impl Drop for Coroutine {
    fn drop(&mut self) {
        if !self.used.get() {
            if let Some(w) = &self.warnings {
                let text = format!("RuntimeWarning: coroutine '{}' was never awaited", self.name);
                w.warn(WarningKind::NeverAwaited, text, Some(self.line));
            }
        }
    }
}

/// Where a run's warnings go: the text CPython prints on stderr, and an event at its moment.
pub struct Warnings {
    pub aio: Aio,
    pub list: RefCell<Vec<String>>,
}

impl Warnings {
    pub fn warn(&self, kind: WarningKind, text: String, line: Option<u32>) {
        // A coroutine dropped while the list is read (or the run is being torn down) is not lost
        // from the log, only from the text list.
        if let Ok(mut list) = self.list.try_borrow_mut() {
            list.push(text.clone());
        }
        self.aio.record_here(EventKind::Warned { kind, text, line });
    }
}

/// What a generator's body and its driver pass each other at a `yield`.
#[derive(Default)]
pub struct GenChannel {
    /// The value of the `yield` that suspended the body.
    pub yielded: RefCell<Option<Value>>,
    /// What `send()` passes in (None for `next()`).
    pub sent: RefCell<Option<Value>>,
    /// An exception to raise at the `yield` (`throw()`, `aclose()`).
    pub thrown: RefCell<Option<Box<super::value::Exc>>>,
}

/// A generator or async generator: its body runs as a future; a `yield` leaves its value in the
/// channel and returns `Pending`, which the driver (`next`, `__anext__`) turns into the yielded value.
pub struct Generator {
    pub name: Rc<str>,
    pub is_async: bool,
    pub run: RefCell<Option<BoxedRun>>,
    pub channel: Rc<GenChannel>,
    pub started: Cell<bool>,
    pub running: Cell<bool>,
}

/// A built-in iterator's state.
pub enum Iter {
    Seq {
        items: Value,
        next: usize,
    },
    Range {
        next: i64,
        stop: i64,
        step: i64,
    },
    Chars {
        text: Rc<str>,
        byte: usize,
    },
    Values {
        items: VecDeque<Value>,
    },
    Enumerate {
        inner: Value,
        count: i64,
    },
    Zip {
        inners: Vec<Value>,
    },
    Map {
        func: Value,
        inners: Vec<Value>,
    },
    Filter {
        func: Value,
        inner: Value,
    },
    Reversed {
        items: Vec<Value>,
    },
    /// `iter(callable, sentinel)` is not supported; exhausted iterators stay exhausted.
    Done,
}

/// An `asyncio.Task`: the engine's task, plus the Python-side result and what the page labels it.
pub struct TaskObj {
    pub task: EngineTask,
    pub name: RefCell<Rc<str>>,
    pub coro_name: Rc<str>,
    pub result: Rc<RefCell<Option<PyResult<Value>>>>,
    pub callbacks: RefCell<Vec<Value>>,
    /// `add_done_callback`'s functions, shared with the task's own future, which schedules them
    /// (as `call_soon`) the moment the task ends, as CPython's `Task.__step` does.
    pub done_callbacks: Rc<RefCell<Vec<Value>>>,
    /// `result()`/`exception()`/an await looked at the outcome: no "never retrieved" warning.
    pub retrieved: Cell<bool>,
    /// How many cancellation requests are pending (3.11's `cancelling()` / `uncancel()`).
    pub cancelling: Cell<u32>,
    /// `cancel(msg)`'s message: the `CancelledError` raised in the task carries it as its args.
    pub cancel_message: RefCell<Option<Rc<str>>>,
}

impl TaskObj {
    /// The task object of an engine task, its Python name and its outcome's slot.
    pub fn new(
        task: EngineTask,
        name: Rc<str>,
        coro_name: Rc<str>,
        result: Rc<RefCell<Option<PyResult<Value>>>>,
        done_callbacks: Rc<RefCell<Vec<Value>>>,
    ) -> Self {
        TaskObj {
            task,
            name: RefCell::new(name),
            coro_name,
            result,
            callbacks: RefCell::new(Vec::new()),
            done_callbacks,
            retrieved: Cell::new(false),
            cancelling: Cell::new(0),
            cancel_message: RefCell::new(None),
        }
    }
}

#[derive(Default)]
pub enum FutState {
    #[default]
    Pending,
    Done(Value),
    Failed(Rc<super::value::Exc>),
    Cancelled,
}

/// A bare `asyncio.Future` (also what waiters of queues, locks and events wait on).
#[derive(Default)]
pub struct FutureObj {
    pub state: RefCell<FutState>,
    pub wakers: RefCell<Vec<Waker>>,
    /// Waiters of a program's own `Future` (resolved with it).
    pub proxies: RefCell<Vec<Rc<FutureObj>>>,
    /// `add_done_callback`'s functions, scheduled (`call_soon`) when the future is settled.
    pub done_callbacks: RefCell<Vec<Value>>,
}

impl FutureObj {
    pub fn is_done(&self) -> bool {
        !matches!(*self.state.borrow(), FutState::Pending)
    }

    pub fn set(&self, state: FutState) -> bool {
        if self.is_done() {
            return false;
        }
        *self.state.borrow_mut() = state;
        for w in std::mem::take(&mut *self.wakers.borrow_mut()) {
            w.wake();
        }
        for p in std::mem::take(&mut *self.proxies.borrow_mut()) {
            p.set(FutState::Done(Value::None));
        }
        true
    }
}

pub struct QueueObj {
    /// Its number in the log (`EventKind::ResourceCreated::res`).
    pub res: usize,
    pub items: RefCell<VecDeque<Value>>,
    pub maxsize: usize,
    pub getters: RefCell<VecDeque<Rc<FutureObj>>>,
    pub putters: RefCell<VecDeque<Rc<FutureObj>>>,
    pub unfinished: Cell<usize>,
    pub finished: RefCell<Rc<FutureObj>>,
    pub kind: QueueKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum QueueKind {
    Fifo,
    Lifo,
    Priority,
}

pub struct SemaphoreObj {
    /// Its number in the log; a condition's own lock has the condition's.
    pub res: usize,
    /// The permits it started with (1 for a lock): the lane shows how many are taken.
    pub capacity: usize,
    /// The tasks that hold it, in the order they took it (for the resource lane).
    pub holders: RefCell<Vec<crate::engine::TaskId>>,
    pub is_lock: bool,
    pub bound: Option<usize>,
    pub value: Cell<usize>,
    pub waiters: RefCell<VecDeque<Rc<FutureObj>>>,
}

pub struct EventObj {
    pub res: usize,
    pub is_set: Cell<bool>,
    pub waiters: RefCell<Vec<Rc<FutureObj>>>,
}

pub struct ConditionObj {
    pub res: usize,
    pub lock: Value,
    pub waiters: RefCell<VecDeque<Rc<FutureObj>>>,
}

pub struct TimeoutObj {
    /// The deadline in loop time (`loop.time()` seconds), or none (CPython's `Timeout._when`).
    pub when: Cell<Option<f64>>,
    /// Inside `async with` (`reschedule` is only allowed then).
    pub entered: Cell<bool>,
    pub task: RefCell<Option<Value>>,
    pub expired: Cell<bool>,
    /// The task's `cancelling()` count when entered (3.11's `_cancelling`).
    pub cancelling_at_enter: Cell<u32>,
    /// Cleared on exit so that a timer firing later does nothing.
    pub armed: RefCell<Option<Rc<Cell<bool>>>>,
}

pub struct TaskGroupObj {
    pub tasks: RefCell<Vec<Value>>,
    pub errors: RefCell<Vec<Value>>,
    pub entered: Cell<bool>,
    pub exiting: Cell<bool>,
    pub aborting: Cell<bool>,
    pub parent: RefCell<Option<Value>>,
}

pub struct Awaitable {
    pub run: RefCell<Option<BoxedRun>>,
}
