//! The virtual clock: a deterministic single-threaded event loop whose time jumps to the next timer
//! deadline. No real waiting: a 10 s scenario runs in microseconds, identically every time.
//!
//! Built from the `futures` crate's pieces (`ArcWake`, `LocalBoxFuture`) plus a timer heap. We keep
//! our own FIFO run queue instead of `LocalPool` because `LocalPool` admits newly spawned tasks only
//! after the tasks woken during the same round, while asyncio (and the browser's
//! `wasm-bindgen-futures` queue) run callbacks strictly in the order they were scheduled.

use std::cell::{Cell, RefCell};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use futures::future::LocalBoxFuture;
use futures::task::{waker, ArcWake};
use futures::FutureExt;

use super::runtime::{FetchError, FetchFailure, Fetched, ResponseHead, Runtime};
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
    /// (deadline, registration number): equal deadlines fire in the order they were scheduled.
    timer_heap: RefCell<BinaryHeap<Reverse<(Micros, u64)>>>,
    /// Live timers by registration number; a dropped timer is removed here and skipped in the heap.
    timers: RefCell<BTreeMap<u64, TimerSlot>>,
    next_timer: Cell<u64>,
    tasks: RefCell<Vec<Option<LocalBoxFuture<'static, ()>>>>,
    wakers: RefCell<Vec<Arc<TaskWaker>>>,
    ready: Arc<Mutex<VecDeque<usize>>>,
    fetch: SimulatedFetch,
}

struct TimerSlot {
    fired: bool,
    waker: Option<Waker>,
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
                timer_heap: RefCell::new(BinaryHeap::new()),
                timers: RefCell::new(BTreeMap::new()),
                next_timer: Cell::new(0),
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
        self.shared.timers.borrow().values().filter(|slot| !slot.fired).count()
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
            let deadline = loop {
                let top = shared.timer_heap.borrow().peek().map(|Reverse(entry)| *entry);
                match top {
                    None => return RunOutcome::Idle,
                    Some((deadline, key)) if shared.timers.borrow().contains_key(&key) => break deadline,
                    Some(_) => {
                        shared.timer_heap.borrow_mut().pop();
                    }
                }
            };
            if deadline > time_limit {
                return RunOutcome::TimeLimit;
            }
            shared.now.set(shared.now.get().max(deadline));
            loop {
                let top = shared.timer_heap.borrow().peek().map(|Reverse(entry)| *entry);
                match top {
                    Some((due, key)) if due <= deadline => {
                        shared.timer_heap.borrow_mut().pop();
                        let waker = shared.timers.borrow_mut().get_mut(&key).and_then(|slot| {
                            slot.fired = true;
                            slot.waker.take()
                        });
                        if let Some(waker) = waker {
                            waker.wake();
                        }
                    }
                    _ => break,
                }
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

    fn busy(&self, duration: Micros) {
        // The thread is held: time passes and nothing else runs, exactly what a CPU-bound call does.
        self.shared.now.set(self.shared.now.get() + duration);
    }

    fn offload(&self, duration: Micros) -> LocalBoxFuture<'static, Result<(), String>> {
        let timer = VirtualTimer { shared: self.shared.clone(), deadline: self.now() + duration, key: None };
        async move {
            timer.await;
            Ok(())
        }
        .boxed_local()
    }
}

/// A timer on the virtual clock. Registered on first poll (like `call_later`, it always goes through
/// the heap, even when already due); removed when dropped before it fires.
struct VirtualTimer {
    shared: Rc<Shared>,
    deadline: Micros,
    key: Option<u64>,
}

impl Future for VirtualTimer {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let key = match self.key {
            Some(key) => key,
            None => {
                let key = self.shared.next_timer.get();
                self.shared.next_timer.set(key + 1);
                self.shared.timer_heap.borrow_mut().push(Reverse((self.deadline, key)));
                self.shared.timers.borrow_mut().insert(key, TimerSlot { fired: false, waker: None });
                self.key = Some(key);
                key
            }
        };
        let mut timers = self.shared.timers.borrow_mut();
        let slot = timers.get_mut(&key).expect("a live timer has a slot");
        if slot.fired {
            timers.remove(&key);
            drop(timers);
            self.key = None;
            self.deadline = Micros::MAX;
            return Poll::Ready(());
        }
        slot.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}

impl Drop for VirtualTimer {
    fn drop(&mut self) {
        if let Some(key) = self.key {
            self.shared.timers.borrow_mut().remove(&key);
        }
    }
}
