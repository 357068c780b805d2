//! The virtual clock: a deterministic single-threaded event loop whose time jumps to the next timer
//! deadline. No real waiting: a 10 s scenario runs in microseconds, identically every time.
//!
//! Built from the `futures` crate's pieces (`ArcWake`, `LocalBoxFuture`) plus a timer heap. We keep
//! our own FIFO run queue instead of `LocalPool` because `LocalPool` admits newly spawned tasks only
//! after the tasks woken during the same round, while asyncio (and the browser's
//! `wasm-bindgen-futures` queue) run callbacks strictly in the order they were scheduled.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use futures::future::LocalBoxFuture;
use futures::task::{waker, ArcWake};
use futures::FutureExt;

use super::runtime::{FetchError, FetchFailure, Fetched, ResponseHead, Runtime};
use super::timer_queue::{TimerKey, TimerQueue};
use super::Micros;

/// How a simulated request goes: the head after `head_after`, then the body `body_takes` after the
/// body is asked for; or, after `head_after`, an error.
#[derive(Clone, Debug, PartialEq)]
pub struct SimulatedReply {
    pub head_after: Micros,
    pub body_takes: Micros,
    pub result: Result<(ResponseHead, String), FetchError>,
}

/// The virtual clock's stand-in for the network: maps a URL to its reply.
pub type SimulatedFetch = Rc<dyn Fn(&str) -> SimulatedReply>;

/// Why `run` stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunOutcome {
    /// Nothing left to run and no timer pending: the program finished.
    Idle,
    /// The next timer lies beyond the time limit (a `while True` loop nobody cancels).
    TimeLimit,
    /// Too many polls without time advancing far enough (a busy `sleep(0)` loop).
    StepLimit,
}

/// The virtual-clock runtime. Clone it to share; `run` drives everything spawned on it.
#[derive(Clone)]
pub struct VirtualClock {
    shared: Rc<Shared>,
}

struct Shared {
    now: Cell<Micros>,
    /// Equal deadlines fire in the order they were scheduled (the same queue as the page's).
    timers: RefCell<TimerQueue>,
    tasks: RefCell<Vec<Option<LocalBoxFuture<'static, ()>>>>,
    wakers: RefCell<Vec<Arc<TaskWaker>>>,
    ready: Arc<Mutex<VecDeque<usize>>>,
    fetch: SimulatedFetch,
}

struct TaskWaker {
    task: usize,
    queued: AtomicBool,
    ready: Arc<Mutex<VecDeque<usize>>>,
}

impl ArcWake for TaskWaker {
    fn wake_by_ref(arc_self: &Arc<Self>) {
        // A task woken twice before it runs is queued once, like a future's single wakeup callback.
        if !arc_self.queued.swap(true, Ordering::SeqCst) {
            arc_self.ready.lock().expect("ready queue").push_back(arc_self.task);
        }
    }
}

impl VirtualClock {
    pub fn new(fetch: SimulatedFetch) -> Self {
        VirtualClock {
            shared: Rc::new(Shared {
                now: Cell::new(0),
                timers: RefCell::new(TimerQueue::new()),
                tasks: RefCell::new(Vec::new()),
                wakers: RefCell::new(Vec::new()),
                ready: Arc::new(Mutex::new(VecDeque::new())),
                fetch,
            }),
        }
    }

    /// A clock whose every fetch fails: for scenarios that never fetch.
    pub fn without_network() -> Self {
        VirtualClock::new(Rc::new(|url: &str| SimulatedReply {
            head_after: 0,
            body_takes: 0,
            result: Err(FetchError::new(url, FetchFailure::Unreachable, "no network on this clock")),
        }))
    }

    /// Number of timers still scheduled (a cancelled sleep must leave none behind).
    pub fn pending_timers(&self) -> usize {
        self.shared.timers.borrow().waiting()
    }

    /// Run until nothing is left to do, the next deadline is past `time_limit`, or `max_polls` polls.
    pub fn run(&self, time_limit: Micros, max_polls: u64) -> RunOutcome {
        let shared = &self.shared;
        let mut polls = 0u64;
        loop {
            loop {
                let next = shared.ready.lock().expect("ready queue").pop_front();
                let Some(task) = next else { break };
                polls += 1;
                if polls > max_polls {
                    return RunOutcome::StepLimit;
                }
                self.poll_task(task);
            }
            // Everything runnable ran: jump to the next deadline and fire every timer due then.
            let Some(deadline) = shared.timers.borrow_mut().next_deadline() else { return RunOutcome::Idle };
            if deadline > time_limit {
                return RunOutcome::TimeLimit;
            }
            shared.now.set(shared.now.get().max(deadline));
            let due = shared.timers.borrow_mut().fire_due(deadline);
            for waker in due {
                waker.wake();
            }
        }
    }

    fn poll_task(&self, task: usize) {
        let shared = &self.shared;
        let task_waker = shared.wakers.borrow()[task].clone();
        task_waker.queued.store(false, Ordering::SeqCst);
        // Take the future out while polling: it may spawn tasks, which pushes onto `tasks`.
        let Some(mut future) = shared.tasks.borrow_mut()[task].take() else { return };
        let waker = waker(task_waker);
        let mut cx = Context::from_waker(&waker);
        if future.as_mut().poll(&mut cx).is_pending() {
            shared.tasks.borrow_mut()[task] = Some(future);
        }
    }
}

impl Runtime for VirtualClock {
    fn now(&self) -> Micros {
        self.shared.now.get()
    }

    fn timer(&self, deadline: Micros) -> LocalBoxFuture<'static, ()> {
        VirtualTimer { shared: self.shared.clone(), deadline, key: None }.boxed_local()
    }

    fn spawn(&self, future: LocalBoxFuture<'static, ()>) {
        let shared = &self.shared;
        let task = {
            let mut tasks = shared.tasks.borrow_mut();
            tasks.push(Some(future));
            tasks.len() - 1
        };
        let task_waker = Arc::new(TaskWaker { task, queued: AtomicBool::new(false), ready: shared.ready.clone() });
        shared.wakers.borrow_mut().push(task_waker.clone());
        ArcWake::wake(task_waker);
    }

    fn fetch(&self, url: &str) -> LocalBoxFuture<'static, Result<Fetched, FetchError>> {
        let reply = (self.shared.fetch)(url);
        let head = VirtualTimer { shared: self.shared.clone(), deadline: self.now() + reply.head_after, key: None };
        let clock = self.clone();
        async move {
            head.await;
            let (head, text) = reply.result?;
            // The body's time starts when it is asked for (`await response.text()`), not before. A
            // body that takes no time is already there: reading it does not suspend at all.
            let body_takes = reply.body_takes;
            if body_takes == 0 {
                return Ok((head, futures::future::ready(Ok(text)).boxed_local()));
            }
            let body = async move {
                let deadline = clock.now() + body_takes;
                VirtualTimer { shared: clock.shared.clone(), deadline, key: None }.await;
                Ok(text)
            }
            .boxed_local();
            Ok((head, body))
        }
        .boxed_local()
    }

    fn clock_read_cost(&self) -> Micros {
        1
    }

    fn busy(&self, duration: Micros) {
        // The thread is held: time passes and nothing else runs, exactly what a CPU-bound call does.
        self.shared.now.set(self.shared.now.get() + duration);
    }
}

/// A timer on the virtual clock. Registered on first poll (like `call_later`, it always goes through
/// the heap, even when already due); removed when dropped before it fires.
struct VirtualTimer {
    shared: Rc<Shared>,
    deadline: Micros,
    key: Option<TimerKey>,
}

impl Future for VirtualTimer {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let shared = self.shared.clone();
        let mut timers = shared.timers.borrow_mut();
        let deadline = self.deadline;
        let key = *self.key.get_or_insert_with(|| timers.add(deadline));
        if timers.poll(key, cx.waker()) {
            // Done: polled again by mistake, it would wait forever rather than fire twice.
            self.key = None;
            self.deadline = Micros::MAX;
            return Poll::Ready(());
        }
        Poll::Pending
    }
}

impl Drop for VirtualTimer {
    fn drop(&mut self) {
        if let Some(key) = self.key {
            self.shared.timers.borrow_mut().remove(key);
        }
    }
}
