//! asyncio's semantics, written once over any `Runtime`: tasks, `create_task`, `gather`, `cancel`,
//! `sleep`, `print`, fetch and CPU work, each recorded in the event log with its time.
//!
//! Cancellation follows asyncio rather than Rust's drop-to-cancel: `cancel()` only sets a flag and wakes
//! the task; the `await` it is suspended in then returns `Err(Exception::Cancelled)`, which the
//! coroutine propagates with `?`. So cleanup written in the coroutine (`__aexit__`, `finally`) still
//! runs, and may even await, exactly as in Python.

use std::cell::{Cell, Ref, RefCell};
use std::collections::HashSet;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};

use futures::future::LocalBoxFuture;
use futures::FutureExt;

use super::event::{Event, EventKind, Place, TaskId};
use super::runtime::Runtime;
use super::value::{py_number, PyValue};
use super::{micros_from_secs, Micros};

/// A Python exception as far as the chapter needs them.
#[derive(Clone, Debug, PartialEq)]
pub enum Exception {
    /// `asyncio.CancelledError`.
    Cancelled,
    /// Any other exception: `kind` is the Python class name (`ClientError`), `message` its text.
    Error { kind: String, message: String },
}

impl Exception {
    pub fn error(kind: impl Into<String>, message: impl Into<String>) -> Self {
        Exception::Error { kind: kind.into(), message: message.into() }
    }
}

impl fmt::Display for Exception {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Exception::Cancelled => f.write_str("CancelledError"),
            // As a traceback's last line: `TimeoutError` alone when it has no message.
            Exception::Error { kind, message } if message.is_empty() => f.write_str(kind),
            Exception::Error { kind, message } => write!(f, "{kind}: {message}"),
        }
    }
}

/// What a coroutine ends with: its return value or the exception it raised.
pub type CoroResult = Result<PyValue, Exception>;

/// The asyncio layer a scenario is written against. Cheap to clone; every clone is the same loop.
#[derive(Clone)]
pub struct Aio {
    inner: Rc<Inner>,
}

struct Inner {
    runtime: Rc<dyn Runtime>,
    events: RefCell<Vec<Event>>,
    tasks: RefCell<Vec<TaskSlot>>,
    /// The task being polled right now (asyncio's `current_task()`); awaits use it to know whose
    /// cancellation flag to check and on whose lane to record.
    current: Cell<Option<TaskId>>,
    /// Tasks that ended with an exception (cancellation included), in the order they ended:
    /// `gather` raises the first of its children's.
    failures: RefCell<Vec<TaskId>>,
    /// When the root task ended: the run's total.
    root_end: Cell<Option<Micros>>,
    /// Set by `stop()` (the Stop button, a new run): every await now raises `CancelledError` at once,
    /// so even cleanup that awaits ends without waiting and nothing of this run fires later.
    stopped: Cell<bool>,
    /// How many HTTP requests were sent: the next one's number (`EventKind::HttpRequest`).
    requests: Cell<usize>,
    /// Everything this loop handed to the runtime (tasks, callbacks) that may still be pending,
    /// for `close`. Weak: a future that completes is freed by the runtime as usual.
    spawned: RefCell<Vec<Weak<SpawnedSlot>>>,
    /// How many of `spawned` were alive when it was last pruned (it is pruned when it doubles).
    spawned_alive: Cell<usize>,
    /// Set by `close()`: the run is over and nothing of it may run again.
    closed: Cell<bool>,
    /// Where the current task is stopped (its coroutine chain), asked at each suspension: the
    /// interpreter knows its frames, the loop does not.
    locate: RefCell<Option<Locator>>,
}

/// Gives the current task's coroutine chain, outermost first (`Aio::set_locator`).
pub type Locator = Rc<dyn Fn() -> Vec<Place>>;

/// A future handed to the runtime, in a slot the `Aio` can empty (`close`).
type SpawnedSlot = RefCell<Option<LocalBoxFuture<'static, ()>>>;

/// What the runtime actually runs: the future in its slot. Once the slot is emptied the runtime is
/// left holding only this shell, which keeps nothing of the run alive (the loop only weakly).
struct Spawned {
    slot: Rc<SpawnedSlot>,
    aio: Weak<Inner>,
}

impl Future for Spawned {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // Taken out while it runs, so that the slot is never borrowed across a poll.
        let Some(mut future) = self.slot.borrow_mut().take() else { return Poll::Ready(()) };
        match future.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(()),
            // Unless the loop was closed meanwhile (from inside this very poll): then it is dropped.
            Poll::Pending if self.aio.upgrade().is_some_and(|aio| !aio.closed.get()) => {
                *self.slot.borrow_mut() = Some(future);
                Poll::Pending
            }
            Poll::Pending => Poll::Ready(()),
        }
    }
}

struct TaskSlot {
    name: String,
    /// The root task is the top-level code: when it ends, the run ends and the remaining tasks are
    /// cancelled, as `asyncio.run` does.
    is_root: bool,
    cancel_pending: bool,
    waker: Option<Waker>,
    result: Option<CoroResult>,
    joiners: Vec<Waker>,
}

/// A handle to a task made by `create_task`: await it with `join`, or `cancel` it.
#[derive(Clone)]
pub struct Task {
    id: TaskId,
    aio: Aio,
}

impl Task {
    pub fn id(&self) -> TaskId {
        self.id
    }

    /// `task.cancel()`: asks the task to stop at the await it is suspended in. Returns false if the
    /// task has already finished (as asyncio does).
    pub fn cancel(&self) -> bool {
        self.aio.cancel(self.id)
    }

    /// `await task`: the task's return value, or its exception.
    pub fn join(&self) -> impl Future<Output = CoroResult> + 'static {
        let name = self.aio.inner.tasks.borrow()[self.id].name.clone();
        let mut waiting = Awaiting::new(&self.aio, name, JoinAll::new(&self.aio, vec![self.id]));
        waiting.awaits = vec![self.id];
        async move {
            let mut results = waiting.await??;
            Ok(results.pop().unwrap_or(PyValue::None))
        }
    }
}

impl Task {
    /// `await task` from interpreted code: like `join`, but the awaited task is cancelled too when
    /// the awaiting one is (asyncio's `Task.cancel()` cancels the future its task waits on), and the
    /// wait may be labelled (`await worker`).
    pub fn join_propagating(&self, on: String) -> impl Future<Output = Result<(), Exception>> + 'static {
        let mut waiting = Awaiting::new(&self.aio, on, JoinAll::new(&self.aio, vec![self.id]));
        waiting.cancel_with = vec![self.id];
        waiting.awaits = vec![self.id];
        async move {
            // The task's own outcome is read by the caller from its Python-side slot.
            match waiting.await? {
                Ok(_) | Err(_) => Ok(()),
            }
        }
    }

    /// True once the task has ended.
    pub fn is_done(&self) -> bool {
        self.aio.inner.tasks.borrow()[self.id].result.is_some()
    }

    /// Wake `waker` when the task ends (at once if it has).
    pub fn on_done(&self, waker: Waker) {
        let mut tasks = self.aio.inner.tasks.borrow_mut();
        let slot = &mut tasks[self.id];
        if slot.result.is_some() {
            waker.wake();
        } else {
            slot.joiners.push(waker);
        }
    }

    /// The lane label it was created with.
    pub fn name(&self) -> String {
        self.aio.inner.tasks.borrow()[self.id].name.clone()
    }
}

impl Aio {
    /// Any suspending await of interpreted code (a queue, lock, event or future): `inner` is what it
    /// waits for; the wait is recorded as `on` on the current task's lane and a pending `cancel()`
    /// is delivered here as `Err(Cancelled)`.
    pub fn wait_on<F: Future + Unpin>(
        &self,
        on: String,
        inner: F,
        cancel_with: Vec<TaskId>,
    ) -> impl Future<Output = Result<F::Output, Exception>> {
        let mut waiting = Awaiting::new(self, on, inner);
        waiting.awaits = cancel_with.clone();
        waiting.cancel_with = cancel_with;
        waiting
    }

    /// A wait on a resource (`res`, see `EventKind::ResourceCreated`): a lock, a queue, an event.
    pub fn wait_on_resource<F: Future + Unpin>(
        &self,
        on: String,
        inner: F,
        res: Option<usize>,
    ) -> impl Future<Output = Result<F::Output, Exception>> {
        let mut waiting = Awaiting::new(self, on, inner);
        waiting.resource = res;
        waiting
    }

    /// A wait for `awaits` to finish that does not cancel them with it (a `TaskGroup`'s exit).
    pub fn wait_on_tasks<F: Future + Unpin>(
        &self,
        on: String,
        inner: F,
        awaits: Vec<TaskId>,
    ) -> impl Future<Output = Result<F::Output, Exception>> {
        let mut waiting = Awaiting::new(self, on, inner);
        waiting.awaits = awaits;
        waiting
    }

    /// Runs `future` on the loop outside any task (asyncio's `call_soon`/`call_at` callbacks:
    /// done callbacks, a `timeout`'s expiry).
    pub fn spawn_callback(&self, future: impl Future<Output = ()> + 'static) {
        self.spawn(future.boxed_local());
    }

    /// Hands `future` to the runtime, in a slot `close` can empty.
    fn spawn(&self, future: LocalBoxFuture<'static, ()>) {
        if self.inner.closed.get() {
            return;
        }
        let slot = Rc::new(RefCell::new(Some(future)));
        {
            let mut spawned = self.inner.spawned.borrow_mut();
            // Forget the futures that completed, now and then: a run of 100,000 tasks keeps a list
            // of the live ones, not of every one it ever had.
            if spawned.len() >= 2 * self.inner.spawned_alive.get().max(16) {
                spawned.retain(|w| w.strong_count() > 0);
                self.inner.spawned_alive.set(spawned.len());
            }
            spawned.push(Rc::downgrade(&slot));
        }
        self.inner.runtime.spawn(Spawned { slot, aio: Rc::downgrade(&self.inner) }.boxed_local());
    }

    /// The run is over and nobody will look at it again (its owner dropped it): drop every future
    /// it still has on the runtime, now, without running them further. Those futures hold this
    /// loop (and the interpreter, its frames and objects), and the runtime that holds them is held
    /// by this loop: a cycle that would otherwise keep the whole run alive after the clock, the
    /// loop and the program are dropped. Unlike `stop()`, no cleanup code runs and nothing is
    /// recorded; anything spawned afterwards is dropped at once.
    pub fn close(&self) {
        self.inner.closed.set(true);
        // Taken out first: dropping a future runs its `Drop`s, which may record or spawn.
        let spawned = std::mem::take(&mut *self.inner.spawned.borrow_mut());
        self.inner.spawned_alive.set(0);
        for slot in spawned.iter().filter_map(Weak::upgrade) {
            // A slot being polled right now (close() called from inside the run) is empty: its
            // `Spawned` drops the future when the poll returns.
            let future = slot.borrow_mut().take();
            drop(future);
        }
        // Wakers can hold the runtime's tasks (the browser's do): nothing of the run is kept.
        for slot in self.inner.tasks.borrow_mut().iter_mut() {
            slot.waker = None;
            slot.joiners.clear();
        }
    }

    /// A bare timer at `deadline` (no event recorded): for waits that race a deadline (`wait_for`).
    pub fn timer(&self, deadline: Micros) -> LocalBoxFuture<'static, ()> {
        self.inner.runtime.timer(deadline)
    }

    /// `sleep` whose wait is labelled as the program wrote it.
    pub fn sleep_labelled(&self, seconds: f64, on: String) -> impl Future<Output = Result<(), Exception>> + 'static {
        let mut waiting = self.sleep_inner(seconds);
        waiting.on = on;
        waiting
    }

    /// What reading a clock costs on this runtime (the virtual clock: 1 µs, so a busy loop on
    /// `time.perf_counter()` ends).
    pub fn clock_read(&self) -> Micros {
        let now = self.now();
        self.inner.runtime.busy(self.inner.runtime.clock_read_cost());
        now
    }

    /// Real milliseconds, where the runtime is a real loop (`Runtime::real_ms`).
    pub fn real_ms(&self) -> Option<f64> {
        self.inner.runtime.real_ms()
    }

    /// `time.sleep(s)` / a CPU-bound step: the loop's thread is busy, nothing else runs.
    pub fn block_for(&self, duration: Micros) {
        self.inner.runtime.busy(duration);
    }

    /// The run's end, cancelling what is left (the root task ended).
    pub fn task_name(&self, id: TaskId) -> String {
        self.inner.tasks.borrow().get(id).map(|t| t.name.clone()).unwrap_or_default()
    }

    pub fn new(runtime: Rc<dyn Runtime>) -> Self {
        Aio {
            inner: Rc::new(Inner {
                runtime,
                events: RefCell::new(Vec::new()),
                tasks: RefCell::new(Vec::new()),
                current: Cell::new(None),
                stopped: Cell::new(false),
                failures: RefCell::new(Vec::new()),
                root_end: Cell::new(None),
                requests: Cell::new(0),
                spawned: RefCell::new(Vec::new()),
                spawned_alive: Cell::new(0),
                closed: Cell::new(false),
                locate: RefCell::new(None),
            }),
        }
    }

    /// Tells the loop how to find where the current task is stopped (see `Suspended::stack`).
    pub fn set_locator(&self, locate: Locator) {
        *self.inner.locate.borrow_mut() = Some(locate);
    }

    fn stack(&self) -> Vec<Place> {
        let locate = self.inner.locate.borrow().clone();
        locate.map(|f| f()).unwrap_or_default()
    }

    /// Records that the current task (or the loop, outside any) did `kind`: a resource's change,
    /// a warning.
    pub fn record_here(&self, kind: EventKind) {
        self.record_on(self.current_task().unwrap_or(0), kind);
    }

    /// Records `kind` on `task`'s lane, unless the run is closed or its log is being read (a
    /// coroutine dropped while the run is torn down).
    pub fn record_on(&self, task: TaskId, kind: EventKind) {
        if self.inner.closed.get() {
            return;
        }
        let at = self.now();
        if let Ok(mut events) = self.inner.events.try_borrow_mut() {
            events.push(Event { at, task, kind });
        }
    }

    /// The loop's time at 1x scale.
    pub fn now(&self) -> Micros {
        self.inner.runtime.now()
    }

    /// The event log so far.
    pub fn events(&self) -> Ref<'_, Vec<Event>> {
        self.inner.events.borrow()
    }

    /// The whole log, taken out, for a run that is over (the virtual clock's, whose log is built
    /// once and then only read): moved, not copied. What is recorded afterwards starts a new log.
    pub fn take_events(&self) -> Vec<Event> {
        std::mem::take(&mut *self.inner.events.borrow_mut())
    }

    /// Events from index `from` on: a live view appends only what is new.
    pub fn events_since(&self, from: usize) -> Vec<Event> {
        self.inner.events.borrow().get(from..).map(<[Event]>::to_vec).unwrap_or_default()
    }

    /// The task whose code is running now, if any.
    pub fn current_task(&self) -> Option<TaskId> {
        self.inner.current.get()
    }

    /// The result of a finished task.
    pub fn task_result(&self, id: TaskId) -> Option<CoroResult> {
        self.inner.tasks.borrow().get(id).and_then(|slot| slot.result.clone())
    }

    /// True once the top-level task has ended (the run's total is then known).
    pub fn root_finished(&self) -> bool {
        self.inner.root_end.get().is_some()
    }

    /// When the top-level task ended (the chapter's "Time:"), at 1x scale.
    pub fn root_end(&self) -> Option<Micros> {
        self.inner.root_end.get()
    }

    /// The runtime the loop runs on (for the HTTP client in `http.rs`).
    pub(super) fn runtime(&self) -> Rc<dyn Runtime> {
        self.inner.runtime.clone()
    }

    /// The number of the next HTTP request.
    pub(super) fn next_request(&self) -> usize {
        let req = self.inner.requests.get();
        self.inner.requests.set(req + 1);
        req
    }

    pub(super) fn record(&self, task: TaskId, kind: EventKind) {
        let at = self.now();
        self.inner.events.borrow_mut().push(Event { at, task, kind });
    }

    /// Start the top-level code (`await main()` in the chapter) as the root task.
    pub fn run_main<F>(&self, name: &str, coro: &str, future: F) -> Task
    where
        F: Future<Output = CoroResult> + 'static,
    {
        self.spawn_task(name, coro, true, future.boxed_local())
    }

    /// `asyncio.create_task(coro)`: the task is queued and runs only once the creating code yields.
    pub fn create_task<F>(&self, name: &str, coro: &str, future: F) -> Task
    where
        F: Future<Output = CoroResult> + 'static,
    {
        self.spawn_task(name, coro, false, future.boxed_local())
    }

    fn spawn_task(&self, name: &str, coro: &str, is_root: bool, future: LocalBoxFuture<'static, CoroResult>) -> Task {
        let id = {
            let mut tasks = self.inner.tasks.borrow_mut();
            tasks.push(TaskSlot {
                name: name.to_string(),
                is_root,
                cancel_pending: false,
                waker: None,
                result: None,
                joiners: Vec::new(),
            });
            tasks.len() - 1
        };
        let parent = self.current_task();
        self.record(id, EventKind::Created { name: name.to_string(), coro: coro.to_string(), parent });
        let runner = TaskRunner { aio: self.clone(), id, coro: Some(future), started: false };
        self.spawn(runner.boxed_local());
        Task { id, aio: self.clone() }
    }

    fn cancel(&self, id: TaskId) -> bool {
        let waker = {
            let mut tasks = self.inner.tasks.borrow_mut();
            let Some(slot) = tasks.get_mut(id) else { return false };
            if slot.result.is_some() {
                return false;
            }
            slot.cancel_pending = true;
            slot.waker.take()
        };
        self.record(id, EventKind::CancelRequested { by: self.current_task() });
        if let Some(waker) = waker {
            waker.wake();
        }
        true
    }

    /// End the run now: cancel every unfinished task, and make every later await raise at once.
    pub fn stop(&self) {
        self.inner.stopped.set(true);
        let pending: Vec<TaskId> = self.unfinished_tasks();
        for task in pending {
            self.cancel(task);
        }
    }

    /// True once `stop()` was called.
    pub fn is_stopped(&self) -> bool {
        self.inner.stopped.get()
    }

    /// True when every task has ended.
    pub fn all_finished(&self) -> bool {
        self.inner.tasks.borrow().iter().all(|slot| slot.result.is_some())
    }

    fn unfinished_tasks(&self) -> Vec<TaskId> {
        self.inner.tasks.borrow().iter().enumerate().filter(|(_, slot)| slot.result.is_none()).map(|(i, _)| i).collect()
    }

    /// Consumes a pending cancellation of `task`: asyncio raises `CancelledError` once per `cancel()`
    /// (after `stop()`, every time).
    fn take_cancel(&self, task: TaskId) -> bool {
        if self.inner.stopped.get() {
            return true;
        }
        let mut tasks = self.inner.tasks.borrow_mut();
        match tasks.get_mut(task) {
            Some(slot) if slot.cancel_pending => {
                slot.cancel_pending = false;
                true
            }
            _ => false,
        }
    }

    fn finish(&self, id: TaskId, result: CoroResult) {
        let kind = match &result {
            Ok(value) => EventKind::Returned { value: value.clone() },
            Err(Exception::Cancelled) => EventKind::Cancelled,
            Err(error) => EventKind::Failed { error: error.to_string() },
        };
        self.record(id, kind);
        if result.is_err() {
            self.inner.failures.borrow_mut().push(id);
        }
        let (joiners, is_root) = {
            let mut tasks = self.inner.tasks.borrow_mut();
            let slot = &mut tasks[id];
            slot.result = Some(result);
            slot.waker = None;
            (std::mem::take(&mut slot.joiners), slot.is_root)
        };
        for waker in joiners {
            waker.wake();
        }
        if is_root {
            self.inner.root_end.set(Some(self.now()));
            // Like asyncio.run(): once the main coroutine is done, cancel what is still pending so
            // the run ends (and each task's cleanup still runs).
            for task in self.unfinished_tasks() {
                self.cancel(task);
            }
        }
    }

    /// `print(text)` from the current task.
    pub fn print(&self, text: impl Into<String>) {
        let task = self.current_task().unwrap_or(0);
        self.record(task, EventKind::Printed { text: text.into() });
    }

    /// `await asyncio.sleep(seconds)`; `sleep(0)` yields one turn of the loop without a timer.
    pub fn sleep(&self, seconds: f64) -> impl Future<Output = Result<(), Exception>> + 'static {
        self.sleep_inner(seconds)
    }

    fn sleep_inner(&self, seconds: f64) -> Awaiting<LocalBoxFuture<'static, ()>> {
        let duration = micros_from_secs(seconds);
        let runtime = self.inner.runtime.clone();
        // Only a delay <= 0 is a bare yield; any positive delay, however small, goes through the
        // timer queue (CPython does the same, and it changes the order of ties).
        let wait: LocalBoxFuture<'static, ()> = if seconds.is_nan() || seconds <= 0.0 {
            YieldOnce(false).boxed_local()
        } else {
            // The deadline is taken when the sleep first runs, not when the future is built.
            async move {
                let deadline = runtime.now() + duration;
                runtime.timer(deadline).await
            }
            .boxed_local()
        };
        let mut waiting = Awaiting::new(self, format!("sleep({})", py_number(seconds)), wait);
        waiting.duration = Some(duration);
        waiting
    }

    /// `await asyncio.gather(*tasks)`: every result in argument order, or the first exception raised
    /// (in time) by any of them, while the others keep running. Cancelling the gather cancels them.
    pub fn gather(&self, tasks: &[Task]) -> impl Future<Output = CoroResult> + 'static {
        let ids: Vec<TaskId> = tasks.iter().map(Task::id).collect();
        let names: Vec<String> = {
            let slots = self.inner.tasks.borrow();
            ids.iter().map(|&id| slots[id].name.clone()).collect()
        };
        // A gather of 10,000 tasks is labelled by its ends, not by 10,000 names.
        let shown = if names.len() > 4 {
            format!("{}, {}, …, {} ({} tasks)", names[0], names[1], names[names.len() - 1], names.len())
        } else {
            names.join(", ")
        };
        let mut waiting = Awaiting::new(self, format!("gather({shown})"), JoinAll::new(self, ids.clone()));
        waiting.awaits = ids.clone();
        waiting.cancel_with = ids;
        async move { Ok(PyValue::List(waiting.await??)) }
    }

    /// `await coro` for a coroutine called and awaited directly, without a task: it runs inside the
    /// current task, so it has no lane of its own; the log marks where it starts and ends
    /// (`CallStarted`/`CallEnded`), and the timeline draws it as a sub-row of the task's lane.
    pub fn call<F>(&self, name: &str, call: &str, coro: F) -> impl Future<Output = CoroResult> + 'static
    where
        F: Future<Output = CoroResult> + 'static,
    {
        let aio = self.clone();
        let (name, call) = (name.to_string(), call.to_string());
        async move {
            let task = aio.current_task().unwrap_or(0);
            aio.record(task, EventKind::CallStarted { name, call });
            let result = coro.await;
            let error = result.as_ref().err().map(Exception::to_string);
            aio.record(task, EventKind::CallEnded { error });
            result
        }
    }

    /// Interpreted code awaits a coroutine call directly (no task): see `call`.
    pub fn call_started(&self, name: &str, call: &str) {
        let task = self.current_task().unwrap_or(0);
        self.record(task, EventKind::CallStarted { name: name.to_string(), call: call.to_string() });
    }

    /// The innermost call of `call_started` returned (`error` None) or raised.
    pub fn call_ended(&self, error: Option<String>) {
        let task = self.current_task().unwrap_or(0);
        self.record(task, EventKind::CallEnded { error });
    }

    /// Interpreted code started keeping the loop's thread busy (`call` names it): until
    /// `cpu_ended`, time passes with no other task running.
    pub fn cpu_started(&self, call: &str) {
        let task = self.current_task().unwrap_or(0);
        self.record(task, EventKind::CpuStarted { call: call.to_string() });
    }

    pub fn cpu_ended(&self) {
        let task = self.current_task().unwrap_or(0);
        self.record(task, EventKind::CpuEnded);
    }

    /// A CPU-bound call (`cpu_work(seconds)`) on the loop's own thread: blocks every task.
    pub fn cpu_work(&self, call: &str, seconds: f64) {
        let task = self.current_task().unwrap_or(0);
        self.record(task, EventKind::CpuStarted { call: call.to_string() });
        self.inner.runtime.busy(micros_from_secs(seconds));
        self.record(task, EventKind::CpuEnded);
    }

    /// `await asyncio.to_thread(func, …)` run by another interpreter in another thread (`on` names
    /// the wait), if the runtime has one.
    pub fn run_python_elsewhere(
        &self,
        on: &str,
        job: String,
    ) -> Option<impl Future<Output = Result<String, Exception>> + 'static> {
        let work = self.inner.runtime.run_python_elsewhere(job)?;
        let waiting = Awaiting::new(self, on.to_string(), work);
        Some(async move { waiting.await?.map_err(|message| Exception::error("WorkerError", message)) })
    }

    /// `await asyncio.to_thread(…)` for a call already run in place on a clock of its own: the task
    /// waits (on `on`) as long as the call took, and the loop is free meanwhile, as with a thread.
    pub fn wait_on_thread(&self, on: &str, seconds: f64) -> impl Future<Output = Result<(), Exception>> + 'static {
        let work = self.inner.runtime.timer(self.now() + micros_from_secs(seconds));
        Awaiting::new(self, on.to_string(), work)
    }
}

/// Drives one task's coroutine: records when it starts and ends, and sets `current_task` while the
/// coroutine runs.
struct TaskRunner {
    aio: Aio,
    id: TaskId,
    coro: Option<LocalBoxFuture<'static, CoroResult>>,
    started: bool,
}

impl Future for TaskRunner {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        let Some(coro) = this.coro.as_mut() else { return Poll::Ready(()) };
        if !this.started {
            this.started = true;
            // A task cancelled before it ever ran never starts its coroutine (asyncio does the same).
            if this.aio.take_cancel(this.id) {
                // Finished first, then dropped: what the coroutine's drop does can see the task
                // ended cancelled (the interpreter's task objects do).
                this.aio.finish(this.id, Err(Exception::Cancelled));
                this.coro = None;
                return Poll::Ready(());
            }
            this.aio.record(this.id, EventKind::Started);
        }
        let previous = this.aio.inner.current.replace(Some(this.id));
        let poll = coro.as_mut().poll(cx);
        this.aio.inner.current.set(previous);
        match poll {
            Poll::Ready(result) => {
                this.coro = None;
                this.aio.finish(this.id, result);
                Poll::Ready(())
            }
            Poll::Pending => {
                let mut tasks = this.aio.inner.tasks.borrow_mut();
                let slot = &mut tasks[this.id];
                // A cancel() that arrived while we were running must still wake us.
                if slot.cancel_pending {
                    cx.waker().wake_by_ref();
                }
                slot.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// Every `await` that can suspend goes through this: it records `Suspended`/`Resumed` on the
/// current task's lane and turns a pending `cancel()` into `Err(Cancelled)` at this await.
pub(super) struct Awaiting<F> {
    aio: Aio,
    on: String,
    inner: Option<F>,
    suspended: bool,
    /// Tasks to cancel if this await is cancelled (a cancelled `gather` cancels its children).
    cancel_with: Vec<TaskId>,
    /// How long what we wait on should take, when known (a sleep), to record when it is due.
    duration: Option<Micros>,
    /// The tasks this await waits for (`Suspended::awaits`).
    awaits: Vec<TaskId>,
    /// The resource it waits on (`Suspended::resource`).
    resource: Option<usize>,
}

impl<F> Awaiting<F> {
    pub(super) fn new(aio: &Aio, on: String, inner: F) -> Self {
        Awaiting {
            aio: aio.clone(),
            on,
            inner: Some(inner),
            suspended: false,
            cancel_with: Vec::new(),
            duration: None,
            awaits: Vec::new(),
            resource: None,
        }
    }
}

impl<F: Future + Unpin> Future for Awaiting<F> {
    type Output = Result<F::Output, Exception>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let Some(task) = this.aio.current_task() else {
            // Not inside a task (only possible in a unit test polling by hand): no lane to record on.
            return match this.inner.as_mut() {
                Some(inner) => Pin::new(inner).poll(cx).map(Ok),
                None => Poll::Ready(Err(Exception::Cancelled)),
            };
        };
        let Some(inner) = this.inner.as_mut() else { return Poll::Ready(Err(Exception::Cancelled)) };
        if this.aio.take_cancel(task) {
            // Drop what we waited on now: a cancelled sleep clears its timer, a fetch is aborted.
            this.inner = None;
            this.aio.record(task, EventKind::CancelDelivered { at: this.on.clone() });
            for child in std::mem::take(&mut this.cancel_with) {
                this.aio.cancel(child);
            }
            return Poll::Ready(Err(Exception::Cancelled));
        }
        match Pin::new(inner).poll(cx) {
            Poll::Ready(value) => {
                this.inner = None;
                if this.suspended {
                    this.aio.record(task, EventKind::Resumed);
                }
                Poll::Ready(Ok(value))
            }
            Poll::Pending => {
                if !this.suspended {
                    this.suspended = true;
                    let due = this.duration.map(|d| this.aio.now() + d);
                    let kind = EventKind::Suspended {
                        on: this.on.clone(),
                        due,
                        awaits: this.awaits.clone(),
                        resource: this.resource,
                        stack: this.aio.stack(),
                    };
                    this.aio.record(task, kind);
                }
                Poll::Pending
            }
        }
    }
}

/// Waits for tasks to finish; yields all results in argument order, or the first failure in time.
///
/// Built to stay linear for a gather of 100,000 tasks: it registers its waker with each child once,
/// keeps a cursor over the children known to be finished, and looks at failures only when a new one
/// has been recorded anywhere.
struct JoinAll {
    aio: Aio,
    ids: Vec<TaskId>,
    /// Every child before this index has finished.
    finished_prefix: usize,
    /// The waker registered with the children, if any.
    registered: Option<Waker>,
    /// How many failures (anywhere) were already checked against our children.
    failures_seen: usize,
    /// Our children as a set, built the first time a failure has to be checked.
    members: Option<HashSet<TaskId>>,
}

impl JoinAll {
    fn new(aio: &Aio, ids: Vec<TaskId>) -> Self {
        JoinAll { aio: aio.clone(), ids, finished_prefix: 0, registered: None, failures_seen: 0, members: None }
    }
}

impl Future for JoinAll {
    type Output = Result<Vec<PyValue>, Exception>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let failures = this.aio.inner.failures.borrow();
        if failures.len() > this.failures_seen {
            let members = this.members.get_or_insert_with(|| this.ids.iter().copied().collect());
            let first = failures[this.failures_seen..].iter().copied().find(|failed| members.contains(failed));
            this.failures_seen = failures.len();
            if let Some(failed) = first {
                drop(failures);
                let tasks = this.aio.inner.tasks.borrow();
                if let Some(Err(error)) = &tasks[failed].result {
                    return Poll::Ready(Err(error.clone()));
                }
            }
        } else {
            drop(failures);
        }
        let mut tasks = this.aio.inner.tasks.borrow_mut();
        while this.finished_prefix < this.ids.len() && tasks[this.ids[this.finished_prefix]].result.is_some() {
            this.finished_prefix += 1;
        }
        if this.finished_prefix == this.ids.len() {
            let values = this
                .ids
                .iter()
                .map(|&id| match &tasks[id].result {
                    Some(Ok(value)) => value.clone(),
                    _ => PyValue::None,
                })
                .collect();
            return Poll::Ready(Ok(values));
        }
        if !this.registered.as_ref().is_some_and(|w| w.will_wake(cx.waker())) {
            for &id in &this.ids[this.finished_prefix..] {
                let slot = &mut tasks[id];
                if slot.result.is_none() {
                    slot.joiners.push(cx.waker().clone());
                }
            }
            this.registered = Some(cx.waker().clone());
        }
        Poll::Pending
    }
}

/// `sleep(0)`: give the loop one turn (asyncio's bare `yield`), then continue.
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}
