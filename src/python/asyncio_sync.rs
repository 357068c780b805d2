//! asyncio's synchronisation and structure, after CPython 3.11's own sources (locks.py,
//! queues.py, taskgroups.py, timeouts.py, tasks.py): `Future`, `Lock`, `Semaphore`, `Event`,
//! `Condition`, `Queue`, `TaskGroup`, `timeout`, `wait`, `as_completed`, `shield`, done callbacks.
//! Every wait is one `FutureObj` awaited through `Aio::wait_on`, so it is logged on the task's lane
//! (`waiting on lock`), and cancellation arrives at it as `CancelledError`.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use super::interp::Interp;
use super::native::{
    ConditionObj, EventObj, FutState, FutureObj, Native, QueueKind, QueueObj, SemaphoreObj, TaskGroupObj, TimeoutObj,
};
use super::value::{BuiltinId, Class, Exc, PyResult, Value};
use crate::engine::{micros_from_secs, EventKind, ResourceKind, TaskId};

/// Waits until a `FutureObj` is done.
struct FutWait(Rc<FutureObj>);

impl Future for FutWait {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0.is_done() {
            return Poll::Ready(());
        }
        self.0.wakers.borrow_mut().push(cx.waker().clone());
        Poll::Pending
    }
}

fn new_fut() -> Rc<FutureObj> {
    Rc::new(FutureObj::default())
}

pub(super) fn native(v: &Value) -> Option<&Native> {
    match v {
        Value::Native(n) => Some(n),
        _ => None,
    }
}

impl Interp {
    /// `await fut` on a waiter future. On cancellation the future is marked cancelled (unless it
    /// was resolved first) and `CancelledError` is raised here.
    async fn await_waiter(self: &Rc<Self>, fut: &Rc<FutureObj>, label: String, res: Option<usize>) -> PyResult<()> {
        // A wait on a resource is labelled with its variable (`db_lock.acquire()`), as its lane is.
        let name = res.and_then(|r| self.resource_names.borrow().get(r).cloned());
        let label = match (name, label.split_once('.')) {
            (Some(name), Some((_, call))) => format!("{name}.{call}"),
            _ => label,
        };
        let r = self.aio.wait_on_resource(label, FutWait(fut.clone()), res).await;
        self.yielded();
        match r {
            Ok(()) => Ok(()),
            Err(e) => {
                fut.set(FutState::Cancelled);
                Err(self.engine_exception(e))
            }
        }
    }

    /// `await_waiter` for a future that is set when some of `tasks` end (`wait()`, `as_completed()`):
    /// the log says which tasks it waits for (the await graph's edges).
    async fn await_tasks(self: &Rc<Self>, fut: &Rc<FutureObj>, label: &str, tasks: &[Value]) -> PyResult<()> {
        let ids = tasks
            .iter()
            .filter_map(|t| match native(t) {
                Some(Native::Task(t)) if t.result.borrow().is_none() => Some(t.task.id()),
                _ => None,
            })
            .collect();
        let r = self.aio.wait_on_tasks(label.to_string(), FutWait(fut.clone()), ids).await;
        self.yielded();
        r.map_err(|e| {
            fut.set(FutState::Cancelled);
            self.engine_exception(e)
        })
    }

    fn fut_cancelled(fut: &FutureObj) -> bool {
        matches!(*fut.state.borrow(), FutState::Cancelled)
    }

    pub fn construct_native(
        self: &Rc<Self>,
        class: &Rc<Class>,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> PyResult<Value> {
        let kw = |k: &str| kwargs.iter().find(|(n, _)| &**n == k).map(|(_, v)| v.clone());
        let int_arg = |name: &str, default: i64| -> PyResult<i64> {
            match kw(name).or_else(|| args.first().cloned()) {
                None => Ok(default),
                Some(Value::Int(i)) => Ok(i),
                Some(other) => self.err(
                    "TypeError",
                    format!("'{}' object cannot be interpreted as an integer", self.type_name(&other)),
                ),
            }
        };
        let resource = match &*class.name {
            "Queue" | "LifoQueue" | "PriorityQueue" => Some(ResourceKind::Queue),
            "Lock" => Some(ResourceKind::Lock),
            "Semaphore" | "BoundedSemaphore" => Some(ResourceKind::Semaphore),
            "Event" => Some(ResourceKind::Event),
            "Condition" => Some(ResourceKind::Condition),
            _ => None,
        };
        let res = self.resources.get();
        let obj = match &*class.name {
            "Queue" | "LifoQueue" | "PriorityQueue" => {
                let maxsize = int_arg("maxsize", 0)?;
                Native::Queue(QueueObj {
                    res,
                    items: RefCell::new(VecDeque::new()),
                    maxsize: maxsize.max(0) as usize,
                    getters: RefCell::new(VecDeque::new()),
                    putters: RefCell::new(VecDeque::new()),
                    unfinished: Cell::new(0),
                    finished: RefCell::new({
                        let f = new_fut();
                        f.set(FutState::Done(Value::None));
                        f
                    }),
                    kind: match &*class.name {
                        "Queue" => QueueKind::Fifo,
                        "LifoQueue" => QueueKind::Lifo,
                        _ => QueueKind::Priority,
                    },
                })
            }
            "Lock" => Native::Semaphore(Self::new_lock(res)),
            "Semaphore" | "BoundedSemaphore" => {
                let value = int_arg("value", 1)?;
                if value < 0 {
                    return self.err("ValueError", "Semaphore initial value must be >= 0");
                }
                let bound = if &*class.name == "BoundedSemaphore" { Some(value as usize) } else { None };
                Native::Semaphore(SemaphoreObj {
                    res,
                    capacity: value as usize,
                    holders: RefCell::new(Vec::new()),
                    is_lock: false,
                    bound,
                    value: Cell::new(value as usize),
                    waiters: RefCell::new(VecDeque::new()),
                })
            }
            "Event" => Native::Event(EventObj { res, is_set: Cell::new(false), waiters: RefCell::new(Vec::new()) }),
            "Condition" => {
                // Its own lock shares its number: the condition's lane shows who holds it.
                let lock = match kw("lock").or_else(|| args.first().cloned()) {
                    Some(Value::None) | None => Value::Native(Rc::new(Native::Semaphore(Self::new_lock(res)))),
                    Some(l) => l,
                };
                Native::Condition(ConditionObj { res, lock, waiters: RefCell::new(VecDeque::new()) })
            }
            "Future" => Native::Future(FutureObj::default()),
            "Runner" => Native::Runner,
            "TaskGroup" => Native::TaskGroup(TaskGroupObj {
                tasks: RefCell::new(Vec::new()),
                errors: RefCell::new(Vec::new()),
                entered: Cell::new(false),
                exiting: Cell::new(false),
                aborting: Cell::new(false),
                parent: RefCell::new(None),
            }),
            "Task" => return self.err("TypeError", "use asyncio.create_task() to make a task"),
            other => {
                return self
                    .err("NotImplementedError", format!("asyncio.{other}() is not supported by the playground yet"))
            }
        };
        if let Some(kind) = resource {
            self.resources.set(res + 1);
            let name = match self.lane_hint.borrow_mut().take() {
                Some(name) => name.to_string(),
                None => format!("{}-{}", kind.as_str(), res + 1),
            };
            let capacity = match &obj {
                Native::Queue(q) => q.maxsize,
                Native::Semaphore(s) => s.capacity,
                _ => 1,
            };
            self.resource_names.borrow_mut().push(Rc::from(name.as_str()));
            self.aio.record_here(EventKind::ResourceCreated { res, kind, name, capacity });
        }
        Ok(Value::Native(Rc::new(obj)))
    }

    fn new_lock(res: usize) -> SemaphoreObj {
        SemaphoreObj {
            res,
            capacity: 1,
            holders: RefCell::new(Vec::new()),
            is_lock: true,
            bound: None,
            value: Cell::new(1),
            waiters: RefCell::new(VecDeque::new()),
        }
    }

    /// Logs a resource's state after `op` by the current task.
    fn resource_changed(&self, res: usize, op: &str, level: usize, holders: Vec<TaskId>) {
        self.aio.record_here(EventKind::ResourceChanged { res, op: op.to_string(), level, holders });
    }

    /// A lock or semaphore was taken (`took`) or given back by the current task.
    fn sem_changed(&self, s: &SemaphoreObj, took: bool) {
        let me = self.aio.current_task().unwrap_or(0);
        {
            let mut holders = s.holders.borrow_mut();
            if took {
                holders.push(me);
            } else if let Some(i) = holders.iter().position(|&t| t == me) {
                holders.remove(i);
            } else if !holders.is_empty() {
                // A semaphore may be released by a task that did not acquire it.
                holders.remove(0);
            }
        }
        let level = s.capacity.saturating_sub(s.value.get());
        let level = if s.is_lock { usize::from(s.value.get() == 0) } else { level };
        let holders = s.holders.borrow().clone();
        self.resource_changed(s.res, if took { "acquire" } else { "release" }, level, holders);
    }

    /// The method names of the synchronisation objects (for `native_attr`).
    pub fn sync_methods(&self, n: &Native) -> &'static [&'static str] {
        match n {
            Native::Queue(_) => {
                &["put", "get", "put_nowait", "get_nowait", "task_done", "join", "qsize", "empty", "full"]
            }
            Native::Semaphore(_) => &["acquire", "release", "locked", "__aenter__", "__aexit__"],
            Native::Event(_) => &["set", "clear", "is_set", "wait"],
            Native::Condition(_) => {
                &["acquire", "release", "locked", "wait", "wait_for", "notify", "notify_all", "__aenter__", "__aexit__"]
            }
            Native::Future(_) => &[
                "set_result",
                "set_exception",
                "result",
                "exception",
                "done",
                "cancelled",
                "cancel",
                "add_done_callback",
            ],
            Native::TaskGroup(_) => &["create_task", "__aenter__", "__aexit__"],
            Native::Timeout(_) => &["__aenter__", "__aexit__", "expired", "when", "reschedule"],
            _ => &[],
        }
    }

    /// A label for what a task waits on: the object's kind (the page's lane says `waiting on lock`).
    fn wait_label(&self, this: &Value, what: &str) -> String {
        format!("{}.{what}()", self.type_name(this).to_ascii_lowercase())
    }

    pub fn call_sync_method(
        self: &Rc<Self>,
        this: &Value,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> PyResult<Value> {
        let Value::Native(n) = this else { return Ok(Value::None) };
        match &**n {
            Native::Queue(q) => self.queue_method(this, q, name, args),
            Native::Semaphore(s) => match name {
                "locked" => Ok(Value::Bool(self.sem_locked(s))),
                "release" | "__aexit__" => {
                    self.sem_release(s)?;
                    Ok(if name == "__aexit__" {
                        self.awaitable("__aexit__", async { Ok(Value::None) })
                    } else {
                        Value::None
                    })
                }
                _ => {
                    let (me, this2, enter) = (self.clone(), this.clone(), name == "__aenter__");
                    let label =
                        if s.is_lock { "lock.acquire()".to_string() } else { "semaphore.acquire()".to_string() };
                    Ok(self.awaitable("acquire", async move {
                        let Some(Native::Semaphore(s)) = native(&this2) else { return Ok(Value::None) };
                        me.sem_acquire(s, label).await?;
                        Ok(if enter { Value::None } else { Value::Bool(true) })
                    }))
                }
            },
            Native::Event(e) => match name {
                "set" => {
                    if !e.is_set.get() {
                        e.is_set.set(true);
                        self.resource_changed(e.res, "set", 1, Vec::new());
                        for f in e.waiters.borrow().iter() {
                            f.set(FutState::Done(Value::Bool(true)));
                        }
                    }
                    Ok(Value::None)
                }
                "clear" => {
                    if e.is_set.get() {
                        self.resource_changed(e.res, "clear", 0, Vec::new());
                    }
                    e.is_set.set(false);
                    Ok(Value::None)
                }
                "is_set" => Ok(Value::Bool(e.is_set.get())),
                _ => {
                    let (me, this2) = (self.clone(), this.clone());
                    Ok(self.awaitable("wait", async move {
                        let Some(Native::Event(e)) = native(&this2) else { return Ok(Value::None) };
                        if e.is_set.get() {
                            return Ok(Value::Bool(true));
                        }
                        let fut = new_fut();
                        e.waiters.borrow_mut().push(fut.clone());
                        let r = me.await_waiter(&fut, "event.wait()".into(), Some(e.res)).await;
                        e.waiters.borrow_mut().retain(|f| !Rc::ptr_eq(f, &fut));
                        r.map(|_| Value::Bool(true))
                    }))
                }
            },
            Native::Condition(c) => self.condition_method(this, c, name, args),
            Native::Future(f) => self.future_method(this, f, name, args),
            Native::TaskGroup(g) => self.taskgroup_method(this, g, name, args, kwargs),
            Native::Timeout(t) => self.timeout_method(this, t, name, args),
            _ => self.err("NotImplementedError", format!("{name}() is not supported by the playground yet")),
        }
    }

    fn sem_locked(&self, s: &SemaphoreObj) -> bool {
        if s.is_lock {
            return s.value.get() == 0;
        }
        s.value.get() == 0 || s.waiters.borrow().iter().any(|w| !Self::fut_cancelled(w))
    }

    pub(super) async fn sem_acquire(self: &Rc<Self>, s: &SemaphoreObj, label: String) -> PyResult<()> {
        if s.is_lock {
            if s.value.get() == 1 && s.waiters.borrow().iter().all(|w| Self::fut_cancelled(w)) {
                s.value.set(0);
                self.sem_changed(s, true);
                return Ok(());
            }
            let fut = new_fut();
            s.waiters.borrow_mut().push_back(fut.clone());
            let r = self.await_waiter(&fut, label, Some(s.res)).await;
            s.waiters.borrow_mut().retain(|f| !Rc::ptr_eq(f, &fut));
            if let Err(e) = r {
                if s.value.get() == 1 {
                    Self::lock_wake_first(s);
                }
                return Err(e);
            }
            s.value.set(0);
            self.sem_changed(s, true);
            return Ok(());
        }
        if !self.sem_locked(s) {
            s.value.set(s.value.get() - 1);
            self.sem_changed(s, true);
            return Ok(());
        }
        let fut = new_fut();
        s.waiters.borrow_mut().push_back(fut.clone());
        let r = self.await_waiter(&fut, label, Some(s.res)).await;
        s.waiters.borrow_mut().retain(|f| !Rc::ptr_eq(f, &fut));
        if let Err(e) = r {
            if matches!(*fut.state.borrow(), FutState::Done(_)) {
                s.value.set(s.value.get() + 1);
                Self::sem_wake_next(s);
            }
            return Err(e);
        }
        if s.value.get() > 0 {
            Self::sem_wake_next(s);
        }
        self.sem_changed(s, true);
        Ok(())
    }

    fn lock_wake_first(s: &SemaphoreObj) {
        if let Some(f) = s.waiters.borrow().front() {
            f.set(FutState::Done(Value::Bool(true)));
        }
    }

    fn sem_wake_next(s: &SemaphoreObj) {
        for f in s.waiters.borrow().iter() {
            if !f.is_done() {
                s.value.set(s.value.get() - 1);
                f.set(FutState::Done(Value::Bool(true)));
                return;
            }
        }
    }

    pub(super) fn sem_release(self: &Rc<Self>, s: &SemaphoreObj) -> PyResult<()> {
        if s.is_lock {
            if s.value.get() == 1 {
                return self.err("RuntimeError", "Lock is not acquired.");
            }
            s.value.set(1);
            self.sem_changed(s, false);
            Self::lock_wake_first(s);
            return Ok(());
        }
        if let Some(bound) = s.bound {
            if s.value.get() >= bound {
                return self.err("ValueError", "BoundedSemaphore released too many times");
            }
        }
        s.value.set(s.value.get() + 1);
        self.sem_changed(s, false);
        Self::sem_wake_next(s);
        Ok(())
    }

    fn queue_full(q: &QueueObj) -> bool {
        q.maxsize > 0 && q.items.borrow().len() >= q.maxsize
    }

    fn wakeup_next(waiters: &RefCell<VecDeque<Rc<FutureObj>>>) {
        loop {
            let next = waiters.borrow_mut().pop_front();
            let Some(w) = next else { return };
            if !w.is_done() {
                w.set(FutState::Done(Value::None));
                return;
            }
        }
    }

    fn queue_put_nowait(self: &Rc<Self>, q: &QueueObj, item: Value) -> PyResult<()> {
        if Self::queue_full(q) {
            return Err(Box::new(Exc {
                value: self.exception_instance(self.class("QueueFull"), vec![]),
                traceback: vec![],
            }));
        }
        match q.kind {
            QueueKind::Priority => {
                let mut items = q.items.borrow().iter().cloned().collect::<Vec<_>>();
                // heapq keeps the smallest first; a stable insert by `<` gives the same get() order.
                let mut pos = items.len();
                for (i, x) in items.iter().enumerate() {
                    if self.lt(&item, x)? {
                        pos = i;
                        break;
                    }
                }
                items.insert(pos, item);
                *q.items.borrow_mut() = items.into();
            }
            _ => q.items.borrow_mut().push_back(item),
        }
        q.unfinished.set(q.unfinished.get() + 1);
        self.resource_changed(q.res, "put", q.items.borrow().len(), Vec::new());
        if q.finished.borrow().is_done() {
            *q.finished.borrow_mut() = new_fut();
        }
        Self::wakeup_next(&q.getters);
        Ok(())
    }

    fn queue_get_nowait(self: &Rc<Self>, q: &QueueObj) -> PyResult<Value> {
        let item = match q.kind {
            QueueKind::Lifo => q.items.borrow_mut().pop_back(),
            _ => q.items.borrow_mut().pop_front(),
        };
        match item {
            Some(v) => {
                self.resource_changed(q.res, "get", q.items.borrow().len(), Vec::new());
                Self::wakeup_next(&q.putters);
                Ok(v)
            }
            None => Err(Box::new(Exc {
                value: self.exception_instance(self.class("QueueEmpty"), vec![]),
                traceback: vec![],
            })),
        }
    }

    fn queue_method(self: &Rc<Self>, this: &Value, q: &QueueObj, name: &str, args: Vec<Value>) -> PyResult<Value> {
        match name {
            "qsize" => Ok(Value::Int(q.items.borrow().len() as i64)),
            "empty" => Ok(Value::Bool(q.items.borrow().is_empty())),
            "full" => Ok(Value::Bool(Self::queue_full(q))),
            "put_nowait" => {
                self.queue_put_nowait(q, args.into_iter().next().unwrap_or(Value::None))?;
                Ok(Value::None)
            }
            "get_nowait" => self.queue_get_nowait(q),
            "task_done" => {
                if q.unfinished.get() == 0 {
                    return self.err("ValueError", "task_done() called too many times");
                }
                q.unfinished.set(q.unfinished.get() - 1);
                if q.unfinished.get() == 0 {
                    // Logged when it is the last: that one wakes a `join()` waiting on the queue.
                    self.resource_changed(q.res, "task_done", q.items.borrow().len(), Vec::new());
                    q.finished.borrow().set(FutState::Done(Value::None));
                }
                Ok(Value::None)
            }
            "join" => {
                let (me, this2) = (self.clone(), this.clone());
                Ok(self.awaitable("join", async move {
                    let Some(Native::Queue(q)) = native(&this2) else { return Ok(Value::None) };
                    if q.unfinished.get() > 0 {
                        let fut = q.finished.borrow().clone();
                        me.await_waiter(&fut, "queue.join()".into(), Some(q.res)).await?;
                    }
                    Ok(Value::None)
                }))
            }
            "put" => {
                let (me, this2) = (self.clone(), this.clone());
                let item = args.into_iter().next().unwrap_or(Value::None);
                Ok(self.awaitable("put", async move {
                    let Some(Native::Queue(q)) = native(&this2) else { return Ok(Value::None) };
                    while Self::queue_full(q) {
                        let putter = new_fut();
                        q.putters.borrow_mut().push_back(putter.clone());
                        if let Err(e) = me.await_waiter(&putter, "queue.put()".into(), Some(q.res)).await {
                            q.putters.borrow_mut().retain(|f| !Rc::ptr_eq(f, &putter));
                            if !Self::queue_full(q) && !Self::fut_cancelled(&putter) {
                                Self::wakeup_next(&q.putters);
                            }
                            return Err(e);
                        }
                    }
                    me.queue_put_nowait(q, item)?;
                    Ok(Value::None)
                }))
            }
            _ => {
                let (me, this2) = (self.clone(), this.clone());
                let label = self.wait_label(this, "get");
                Ok(self.awaitable("get", async move {
                    let Some(Native::Queue(q)) = native(&this2) else { return Ok(Value::None) };
                    while q.items.borrow().is_empty() {
                        let getter = new_fut();
                        q.getters.borrow_mut().push_back(getter.clone());
                        if let Err(e) = me.await_waiter(&getter, label.clone(), Some(q.res)).await {
                            q.getters.borrow_mut().retain(|f| !Rc::ptr_eq(f, &getter));
                            if !q.items.borrow().is_empty() && !Self::fut_cancelled(&getter) {
                                Self::wakeup_next(&q.getters);
                            }
                            return Err(e);
                        }
                    }
                    me.queue_get_nowait(q)
                }))
            }
        }
    }

    /// `Condition.notify(n)`: wakes up to `n` of its waiters, in the order they came.
    pub(super) fn condition_wake(c: &ConditionObj, n: usize) {
        let mut woken = 0;
        for f in c.waiters.borrow().iter() {
            if woken >= n {
                break;
            }
            if !f.is_done() {
                woken += 1;
                f.set(FutState::Done(Value::Bool(false)));
            }
        }
    }

    pub(super) fn condition_lock<'a>(&self, c: &'a ConditionObj) -> Option<&'a SemaphoreObj> {
        match native(&c.lock) {
            Some(Native::Semaphore(s)) => Some(s),
            _ => None,
        }
    }

    fn condition_method(
        self: &Rc<Self>,
        this: &Value,
        c: &ConditionObj,
        name: &str,
        args: Vec<Value>,
    ) -> PyResult<Value> {
        match name {
            "acquire" | "release" | "locked" | "__aenter__" | "__aexit__" => {
                self.call_sync_method(&c.lock, name, args, vec![])
            }
            "notify" | "notify_all" => {
                if self.condition_lock(c).is_none_or(|l| l.value.get() != 0) {
                    return self.err("RuntimeError", "cannot notify on un-acquired lock");
                }
                let n = match (name, args.first()) {
                    ("notify_all", _) => usize::MAX,
                    (_, Some(Value::Int(n))) => (*n).max(0) as usize,
                    _ => 1,
                };
                Self::condition_wake(c, n);
                if let Some(lock) = self.condition_lock(c) {
                    self.resource_changed(c.res, name, 1, lock.holders.borrow().clone());
                }
                Ok(Value::None)
            }
            "wait_for" => {
                let predicate = args.into_iter().next().unwrap_or(Value::None);
                let (me, this2) = (self.clone(), this.clone());
                Ok(self.awaitable("wait_for", async move {
                    let mut result = me.call(&predicate, vec![], vec![])?;
                    while !me.truthy(&result)? {
                        let Some(Native::Condition(c)) = native(&this2) else { break };
                        me.condition_wait(c).await?;
                        result = me.call(&predicate, vec![], vec![])?;
                    }
                    Ok(result)
                }))
            }
            _ => {
                let (me, this2) = (self.clone(), this.clone());
                Ok(self.awaitable("wait", async move {
                    let Some(Native::Condition(c)) = native(&this2) else { return Ok(Value::None) };
                    me.condition_wait(c).await?;
                    Ok(Value::Bool(true))
                }))
            }
        }
    }

    pub(super) async fn condition_wait(self: &Rc<Self>, c: &ConditionObj) -> PyResult<()> {
        let Some(lock) = self.condition_lock(c) else { return Ok(()) };
        if lock.value.get() != 0 {
            return self.err("RuntimeError", "cannot wait on un-acquired lock");
        }
        self.sem_release(lock)?;
        let fut = new_fut();
        c.waiters.borrow_mut().push_back(fut.clone());
        let waited = self.await_waiter(&fut, "condition.wait()".into(), Some(c.res)).await;
        c.waiters.borrow_mut().retain(|f| !Rc::ptr_eq(f, &fut));
        let mut cancelled = waited.is_err();
        loop {
            match self.sem_acquire(lock, "lock.acquire()".into()).await {
                Ok(()) => break,
                Err(e) if self.exc_is(&e, "CancelledError") => cancelled = true,
                Err(e) => return Err(e),
            }
        }
        if cancelled {
            return self.err("CancelledError", "");
        }
        Ok(())
    }

    fn future_method(self: &Rc<Self>, this: &Value, f: &FutureObj, name: &str, args: Vec<Value>) -> PyResult<Value> {
        let state = |f: &FutureObj| -> Option<Result<Value, Option<Rc<Exc>>>> {
            match &*f.state.borrow() {
                FutState::Pending => None,
                FutState::Done(v) => Some(Ok(v.clone())),
                FutState::Failed(e) => Some(Err(Some(e.clone()))),
                FutState::Cancelled => Some(Err(None)),
            }
        };
        match name {
            "set_result" | "set_exception" => {
                if f.is_done() {
                    return self.err("InvalidStateError", "invalid state");
                }
                let v = args.into_iter().next().unwrap_or(Value::None);
                let st = if name == "set_result" {
                    FutState::Done(v)
                } else {
                    let v = match &v {
                        Value::Class(_) => self.call(&v, vec![], vec![])?,
                        _ => v,
                    };
                    FutState::Failed(Rc::new(Exc { value: v, traceback: vec![] }))
                };
                f.set(st);
                self.schedule_done_callbacks(this, f);
                Ok(Value::None)
            }
            "done" => Ok(Value::Bool(f.is_done())),
            "cancelled" => Ok(Value::Bool(Self::fut_cancelled(f))),
            "cancel" => {
                let cancelled = f.set(FutState::Cancelled);
                if cancelled {
                    self.schedule_done_callbacks(this, f);
                }
                Ok(Value::Bool(cancelled))
            }
            "add_done_callback" => {
                let callback = args.into_iter().next().unwrap_or(Value::None);
                self.future_add_done_callback(this, f, callback);
                Ok(Value::None)
            }
            "result" | "exception" => match state(f) {
                None => self.err("InvalidStateError", "Result is not set."),
                Some(Err(None)) => self.err("CancelledError", ""),
                Some(Ok(v)) => Ok(if name == "result" { v } else { Value::None }),
                Some(Err(Some(e))) => {
                    if name == "result" {
                        Err(Box::new((*e).clone()))
                    } else {
                        Ok(e.value.clone())
                    }
                }
            },
            _ => self.err("NotImplementedError", format!("Future.{name}() is not supported by the playground yet")),
        }
    }

    /// `await fut` for a bare Future.
    pub async fn await_bare_future(self: &Rc<Self>, v: &Value) -> PyResult<Value> {
        let Value::Native(n) = v else { return Ok(Value::None) };
        let Native::Future(f) = &**n else { return Ok(Value::None) };
        if !f.is_done() {
            let r = self.aio.wait_on("future".into(), FutWait(fut_ref(n)), vec![]).await;
            self.yielded();
            if let Err(e) = r {
                f.set(FutState::Cancelled);
                return Err(self.engine_exception(e));
            }
        }
        self.future_method(v, f, "result", vec![])
    }

    fn taskgroup_method(
        self: &Rc<Self>,
        this: &Value,
        g: &TaskGroupObj,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> PyResult<Value> {
        match name {
            "create_task" => {
                if !g.entered.get() {
                    return self.err("RuntimeError", "TaskGroup has not been entered");
                }
                if g.exiting.get() && g.tasks.borrow().is_empty() {
                    return self.err("RuntimeError", "TaskGroup is finished");
                }
                if g.aborting.get() {
                    return self.err("RuntimeError", "TaskGroup is shutting down");
                }
                let coro = args.into_iter().next().unwrap_or(Value::None);
                let tname = kwargs.iter().find(|(k, _)| &**k == "name").and_then(|(_, v)| {
                    if let Value::Str(s) = v {
                        Some(s.clone())
                    } else {
                        None
                    }
                });
                let task = self.create_task(coro, tname)?;
                g.tasks.borrow_mut().push(task.clone());
                let (me, group, t) = (self.clone(), this.clone(), task.clone());
                self.on_task_done(&task, move || me.taskgroup_task_done(&group, &t));
                Ok(task)
            }
            "__aenter__" => {
                if g.entered.get() {
                    return self.err("RuntimeError", "TaskGroup has already been entered");
                }
                let parent = self.aio.current_task().and_then(|id| self.tasks.borrow().get(&id).cloned());
                *g.parent.borrow_mut() = parent;
                g.entered.set(true);
                let this2 = this.clone();
                Ok(self.awaitable("__aenter__", async move { Ok(this2) }))
            }
            _ => {
                let (me, this2) = (self.clone(), this.clone());
                let exc = args.get(1).cloned().unwrap_or(Value::None);
                Ok(self.awaitable("__aexit__", async move { me.taskgroup_exit(&this2, exc).await }))
            }
        }
    }

    fn taskgroup_task_done(self: &Rc<Self>, group: &Value, task: &Value) -> PyResult<()> {
        let Some(Native::TaskGroup(g)) = native(group) else { return Ok(()) };
        g.tasks.borrow_mut().retain(|t| !t.is(task));
        let Some(Native::Task(t)) = native(task) else { return Ok(()) };
        let outcome = t.result.borrow().clone();
        let Some(Err(e)) = outcome else { return Ok(()) };
        if self.exc_is(&e, "CancelledError") {
            return Ok(());
        }
        t.retrieved.set(true);
        g.errors.borrow_mut().push(e.value.clone());
        if !g.aborting.get() {
            self.taskgroup_abort(g);
            if let Some(Value::Native(p)) = &*g.parent.borrow() {
                if let Native::Task(pt) = &**p {
                    if pt.result.borrow().is_none() && pt.task.cancel() {
                        pt.cancelling.set(pt.cancelling.get() + 1);
                        g.exiting.set(g.exiting.get());
                        // Remembered as "_parent_cancel_requested".
                        pt.callbacks.borrow_mut().push(Value::str("taskgroup-cancel"));
                    }
                }
            }
        }
        Ok(())
    }

    fn taskgroup_abort(&self, g: &TaskGroupObj) {
        g.aborting.set(true);
        for t in g.tasks.borrow().iter() {
            if let Some(Native::Task(t)) = native(t) {
                if t.result.borrow().is_none() && t.task.cancel() {
                    t.cancelling.set(t.cancelling.get() + 1);
                }
            }
        }
    }

    async fn taskgroup_exit(self: &Rc<Self>, this: &Value, exc: Value) -> PyResult<Value> {
        let Some(Native::TaskGroup(g)) = native(this) else { return Ok(Value::None) };
        g.exiting.set(true);
        let is_cancel = matches!(&exc, Value::Instance(i) if i.class.is_subclass(&self.class("CancelledError")));
        let mut propagate_cancel: Option<Value> = if is_cancel { Some(exc.clone()) } else { None };
        let parent_requested = match &*g.parent.borrow() {
            Some(Value::Native(p)) => match &**p {
                Native::Task(pt) => {
                    let had =
                        pt.callbacks.borrow().iter().any(|c| matches!(c, Value::Str(s) if &**s == "taskgroup-cancel"));
                    if had {
                        pt.callbacks.borrow_mut().retain(|c| !matches!(c, Value::Str(s) if &**s == "taskgroup-cancel"));
                        pt.cancelling.set(pt.cancelling.get().saturating_sub(1));
                        Some(pt.cancelling.get())
                    } else {
                        None
                    }
                }
                _ => None,
            },
            _ => None,
        };
        if parent_requested == Some(0) {
            propagate_cancel = None;
        }
        if !matches!(exc, Value::None) && !g.aborting.get() {
            self.taskgroup_abort(g);
        }
        while !g.tasks.borrow().is_empty() {
            let waiting: Vec<Value> = g.tasks.borrow().clone();
            let fut = new_fut();
            for t in &waiting {
                let f2 = fut.clone();
                self.on_task_done(t, move || {
                    f2.set(FutState::Done(Value::None));
                    Ok(())
                });
            }
            let ids = waiting.iter().filter_map(|t| match native(t) {
                Some(Native::Task(t)) => Some(t.task.id()),
                _ => None,
            });
            let waited = self.aio.wait_on_tasks("TaskGroup".into(), FutWait(fut.clone()), ids.collect()).await;
            self.yielded();
            if let Err(e) = waited.map_err(|e| {
                fut.set(FutState::Cancelled);
                self.engine_exception(e)
            }) {
                if !g.aborting.get() {
                    propagate_cancel = Some(e.value.clone());
                    self.taskgroup_abort(g);
                }
            }
            // Let the done callbacks of the tasks that ended run first.
            g.tasks.borrow_mut().retain(|t| matches!(native(t), Some(Native::Task(t)) if t.result.borrow().is_none()));
        }
        let errors = g.errors.borrow().clone();
        if let Some(c) = propagate_cancel {
            if errors.is_empty() {
                return Err(Box::new(Exc { value: c, traceback: vec![] }));
            }
        }
        let mut errors = errors;
        if !matches!(exc, Value::None) && !is_cancel {
            errors.push(exc);
        }
        if !errors.is_empty() {
            let group = self.make_group(&Value::None, errors, true);
            if let Value::Instance(i) = &group {
                let items = self.exception_args(&group).get(1).cloned().unwrap_or(Value::None);
                let args = Value::tuple(vec![Value::str("unhandled errors in a TaskGroup"), items]);
                i.attrs.borrow_mut().insert(Rc::from("args"), args);
            }
            return Err(Box::new(Exc { value: group, traceback: vec![] }));
        }
        Ok(Value::None)
    }

    /// Runs `callback` (as a loop callback, outside any task) once `task` is done.
    pub fn on_task_done(self: &Rc<Self>, task: &Value, callback: impl FnOnce() -> PyResult<()> + 'static) {
        let Some(Native::Task(t)) = native(task) else { return };
        let engine_task = t.task.clone();
        let me = self.clone();
        self.aio.spawn_callback(async move {
            TaskEnd(engine_task).await;
            if let Err(e) = callback() {
                let text = me.to_str(&e.value).unwrap_or_default();
                me.warnings.warn(
                    crate::engine::WarningKind::CallbackError,
                    format!("Exception in callback: {}: {text}", me.type_name(&e.value)),
                    None,
                );
            }
        });
    }

    /// `asyncio.timeout(delay)` / `timeout_at(when)`.
    pub fn make_timeout(&self, when: Option<f64>) -> Value {
        Value::Native(Rc::new(Native::Timeout(TimeoutObj {
            when: Cell::new(when),
            entered: Cell::new(false),
            task: RefCell::new(None),
            expired: Cell::new(false),
            cancelling_at_enter: Cell::new(0),
            armed: RefCell::new(None),
        })))
    }

    /// `Timeout.reschedule(when)` (also what entering does): the old expiry is disarmed; a
    /// deadline already past expires at the loop's next turn (`call_soon`), a later one at its time
    /// (`call_at`), as CPython's timeouts.py does.
    fn arm_timeout(self: &Rc<Self>, this: &Value, t: &TimeoutObj) {
        if let Some(armed) = t.armed.borrow_mut().take() {
            armed.set(false);
        }
        let Some(when) = t.when.get() else { return };
        let ahead = when - self.py_time();
        let armed = Rc::new(Cell::new(true));
        *t.armed.borrow_mut() = Some(armed.clone());
        let timer = (ahead > 0.0).then(|| self.aio.timer(self.aio.now() + micros_from_secs(ahead)));
        let this2 = this.clone();
        self.aio.spawn_callback(async move {
            if let Some(timer) = timer {
                timer.await;
            }
            if !armed.get() {
                return;
            }
            let Some(Native::Timeout(t)) = native(&this2) else { return };
            t.expired.set(true);
            if let Some(Value::Native(n)) = &*t.task.borrow() {
                if let Native::Task(pt) = &**n {
                    if pt.task.cancel() {
                        pt.cancelling.set(pt.cancelling.get() + 1);
                    }
                }
            }
        });
    }

    fn timeout_method(self: &Rc<Self>, this: &Value, t: &TimeoutObj, name: &str, args: Vec<Value>) -> PyResult<Value> {
        match name {
            "expired" => Ok(Value::Bool(t.expired.get())),
            "when" => Ok(t.when.get().map(Value::Float).unwrap_or(Value::None)),
            "reschedule" => {
                if !t.entered.get() {
                    return self.err("RuntimeError", "Timeout has not been entered");
                }
                let when = match args.first() {
                    None | Some(Value::None) => None,
                    Some(v) => Some(self.float_arg(Some(v), "when")?),
                };
                t.when.set(when);
                self.arm_timeout(this, t);
                Ok(Value::None)
            }
            "__aenter__" => {
                let task = self.aio.current_task().and_then(|id| self.tasks.borrow().get(&id).cloned());
                let Some(task) = task else { return self.err("RuntimeError", "Timeout should be used inside a task") };
                *t.task.borrow_mut() = Some(task.clone());
                if let Some(Native::Task(pt)) = native(&task) {
                    t.cancelling_at_enter.set(pt.cancelling.get());
                }
                t.entered.set(true);
                self.arm_timeout(this, t);
                let this2 = this.clone();
                Ok(self.awaitable("__aenter__", async move { Ok(this2) }))
            }
            "__aexit__" => {
                t.entered.set(false);
                if let Some(armed) = t.armed.borrow_mut().take() {
                    armed.set(false);
                }
                let exc = args.get(1).cloned().unwrap_or(Value::None);
                let is_cancel =
                    matches!(&exc, Value::Instance(i) if i.class.is_subclass(&self.class("CancelledError")));
                let mut result = Ok(Value::None);
                if t.expired.get() {
                    if let Some(Value::Native(n)) = &*t.task.borrow() {
                        if let Native::Task(pt) = &**n {
                            pt.cancelling.set(pt.cancelling.get().saturating_sub(1));
                            if pt.cancelling.get() <= t.cancelling_at_enter.get() && is_cancel {
                                let e = self.new_exception("TimeoutError", "");
                                if let Value::Instance(i) = &e {
                                    i.attrs.borrow_mut().insert(Rc::from("__cause__"), exc.clone());
                                }
                                result = Err(Box::new(Exc { value: e, traceback: vec![] }));
                            }
                        }
                    }
                }
                Ok(self.awaitable("__aexit__", async move { result }))
            }
            _ => self.err("NotImplementedError", format!("Timeout.{name}() is not supported by the playground yet")),
        }
    }

    /// `asyncio.wait(tasks, timeout=, return_when=)`.
    pub async fn wait_tasks(
        self: &Rc<Self>,
        tasks: Vec<Value>,
        timeout: Option<f64>,
        return_when: String,
    ) -> PyResult<Value> {
        let fut = new_fut();
        let counter = Rc::new(Cell::new(tasks.len()));
        for t in &tasks {
            let (f2, c2, t2, rw, me) = (fut.clone(), counter.clone(), t.clone(), return_when.clone(), self.clone());
            self.on_task_done(t, move || {
                c2.set(c2.get().saturating_sub(1));
                let failed = match native(&t2) {
                    Some(Native::Task(t)) => {
                        matches!(&*t.result.borrow(), Some(Err(e)) if !me.exc_is(e, "CancelledError"))
                    }
                    _ => false,
                };
                if c2.get() == 0 || rw == "FIRST_COMPLETED" || (rw == "FIRST_EXCEPTION" && failed) {
                    f2.set(FutState::Done(Value::None));
                }
                Ok(())
            });
        }
        if let Some(secs) = timeout {
            let timer = self.aio.timer(self.aio.now() + micros_from_secs(secs.max(0.0)));
            let f2 = fut.clone();
            self.aio.spawn_callback(async move {
                timer.await;
                f2.set(FutState::Done(Value::None));
            });
        }
        self.await_tasks(&fut, "wait(...)", &tasks).await?;
        let (mut done, mut pending) = (Vec::new(), Vec::new());
        for t in tasks {
            let finished = matches!(native(&t), Some(Native::Task(x)) if x.result.borrow().is_some());
            if finished {
                done.push(t);
            } else {
                pending.push(t);
            }
        }
        Ok(Value::tuple(vec![self.make_set(done)?, self.make_set(pending)?]))
    }

    pub fn native_sync_attr(self: &Rc<Self>, obj: &Value, attr: &str) -> Option<PyResult<Value>> {
        let n = native(obj)?;
        if let (Native::Queue(q), "maxsize") = (n, attr) {
            return Some(Ok(Value::Int(q.maxsize as i64)));
        }
        let m = self.sync_methods(n).iter().copied().find(|m| *m == attr)?;
        Some(Ok(self.builtin_method(obj, m, BuiltinId::NativeMethod)))
    }

    /// `asyncio.as_completed(tasks)`: an iterator of awaitables, each giving the next result to
    /// finish (or raising its exception; `TimeoutError` once the timeout passes).
    pub fn as_completed(self: &Rc<Self>, items: Vec<Value>, timeout: Option<f64>) -> PyResult<Value> {
        let mut tasks = Vec::new();
        for item in items {
            let t = match &item {
                Value::Native(n) if matches!(**n, Native::Task(_)) => item.clone(),
                _ => self.create_task(item, None)?,
            };
            tasks.push(t);
        }
        let done: Rc<RefCell<VecDeque<Option<Value>>>> = Rc::new(RefCell::new(VecDeque::new()));
        let signal: Rc<RefCell<Rc<FutureObj>>> = Rc::new(RefCell::new(new_fut()));
        let remaining = Rc::new(Cell::new(tasks.len()));
        for t in &tasks {
            let (d, sig, t2, rem) = (done.clone(), signal.clone(), t.clone(), remaining.clone());
            self.on_task_done(t, move || {
                if rem.get() == 0 {
                    return Ok(());
                }
                rem.set(rem.get() - 1);
                d.borrow_mut().push_back(Some(t2));
                sig.borrow().set(FutState::Done(Value::None));
                Ok(())
            });
        }
        if let Some(secs) = timeout {
            let timer = self.aio.timer(self.aio.now() + micros_from_secs(secs.max(0.0)));
            let (d, sig, rem) = (done.clone(), signal.clone(), remaining.clone());
            self.aio.spawn_callback(async move {
                timer.await;
                for _ in 0..rem.get() {
                    d.borrow_mut().push_back(None);
                }
                rem.set(0);
                sig.borrow().set(FutState::Done(Value::None));
            });
        }
        let mut awaitables = VecDeque::new();
        let all = Rc::new(tasks.clone());
        for _ in 0..tasks.len() {
            let (me, d, sig, all) = (self.clone(), done.clone(), signal.clone(), all.clone());
            awaitables.push_back(self.awaitable("as_completed", async move {
                loop {
                    let next = d.borrow_mut().pop_front();
                    match next {
                        Some(Some(task)) => return me.await_future_like(&task).await,
                        Some(None) => return me.err("TimeoutError", ""),
                        None => {
                            let fut = {
                                let mut s = sig.borrow_mut();
                                if s.is_done() {
                                    *s = new_fut();
                                }
                                s.clone()
                            };
                            me.await_tasks(&fut, "as_completed(...)", &all).await?;
                        }
                    }
                }
            }));
        }
        Ok(Value::Native(Rc::new(Native::Iterator(RefCell::new(super::native::Iter::Values { items: awaitables })))))
    }

    /// `await asyncio.shield(task)`: waits for the task without cancelling it when the waiter is.
    pub async fn shield(self: &Rc<Self>, task: Value) -> PyResult<Value> {
        let Some(Native::Task(t)) = native(&task) else { return Ok(Value::None) };
        if t.result.borrow().is_none() {
            let label = format!("shield({})", t.task.name());
            let r = self.aio.wait_on_tasks(label, TaskEnd(t.task.clone()), vec![t.task.id()]).await;
            self.yielded();
            r.map_err(|e| self.engine_exception(e))?;
        }
        self.await_future_like(&task).await
    }
}

fn fut_ref(n: &Rc<Native>) -> Rc<FutureObj> {
    // A bare Future lives inside its Native; waiting needs an Rc of the FutureObj itself, so the
    // state is shared by moving the wakers through a proxy that re-checks the Native.
    struct Proxy;
    let _ = Proxy;
    match &**n {
        Native::Future(f) => {
            let proxy = new_fut();
            if f.is_done() {
                proxy.set(FutState::Done(Value::None));
            } else {
                f.proxies.borrow_mut().push(proxy.clone());
            }
            proxy
        }
        _ => new_fut(),
    }
}

/// Waits until an engine task has ended.
struct TaskEnd(crate::engine::Task);

impl Future for TaskEnd {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0.is_done() {
            return Poll::Ready(());
        }
        self.0.on_done(cx.waker().clone());
        Poll::Pending
    }
}
