//! The modules a program can import: `asyncio` (over `Aio`: tasks, sleep, gather, wait_for…),
//! `time` (the run's clock) and `random` (CPython's generator). Their objects (`Task`, the loop)
//! are `Native` values; their methods are dispatched here.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use futures::FutureExt;

use super::interp::Interp;
use super::native::{Native, TaskObj};
use super::value::{Builtin, BuiltinId, Exc, Module, Namespace, PyResult, Value};
use crate::engine::{micros_from_secs, secs_from_micros, CoroResult, Exception, PyValue};

const ASYNCIO: &[&str] = &[
    "run",
    "sleep",
    "create_task",
    "ensure_future",
    "gather",
    "wait_for",
    "wait",
    "as_completed",
    "shield",
    "timeout",
    "timeout_at",
    "current_task",
    "all_tasks",
    "get_running_loop",
    "get_event_loop",
    "to_thread",
    "iscoroutine",
    "iscoroutinefunction",
    "isfuture",
];
const TIME: &[&str] = &["time", "perf_counter", "monotonic", "sleep", "time_ns", "perf_counter_ns", "monotonic_ns"];
const RANDOM: &[&str] =
    &["seed", "random", "uniform", "randint", "choice", "choices", "shuffle", "randrange", "sample", "getrandbits"];

fn module(interp: &Rc<Interp>, name: &'static str, functions: &[&'static str]) -> Rc<Module> {
    let m = Rc::new(Module { name, attrs: Namespace::default() });
    for &f in functions {
        m.attrs
            .set(Rc::from(f), Value::Builtin(Rc::new(Builtin { name: f, id: BuiltinId::Module(name), self_: None })));
    }
    interp.modules.borrow_mut().insert(name, Value::Module(m.clone()));
    m
}

pub fn install(interp: &Rc<Interp>) {
    let asyncio = module(interp, "asyncio", ASYNCIO);
    let exceptions = ["CancelledError", "InvalidStateError", "QueueEmpty", "QueueFull", "TimeoutError"];
    let classes = super::interp::ASYNCIO_CLASSES.iter().filter(|c| **c != "Timeout");
    for &class in exceptions.iter().chain(classes) {
        asyncio.attrs.set(Rc::from(class), Value::Class(interp.class(class)));
    }
    for c in ["FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED"] {
        asyncio.attrs.set(Rc::from(c), Value::str(c));
    }
    module(interp, "time", TIME);
    super::aiohttp::install(interp);
    module(interp, "random", RANDOM);
    let math = module(interp, "math", super::math::MATH);
    for (name, value) in [
        ("pi", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ] {
        math.attrs.set(Rc::from(name), Value::Float(value));
    }
    let typing = module(interp, "typing", &[]);
    for &name in super::math::TYPING {
        typing.attrs.set(Rc::from(name), Value::Class(interp.class("object")));
    }
}

/// Waits for Python tasks: all of them (gather), or the first failure unless exceptions are
/// returned as results. Linear in the number of tasks however they finish: a cursor over the
/// prefix known to be done, and failures read from the run's list of failed tasks.
struct JoinTasks {
    interp: Rc<Interp>,
    tasks: Vec<Rc<Native>>,
    stop_at_failure: bool,
    registered: bool,
    done_prefix: usize,
    failures_seen: usize,
    members: Option<std::collections::HashSet<usize>>,
    /// CPython's gather learns of a child's end through a done callback, which then wakes the
    /// waiting task: two turns of the loop, not one. Set once the result is known; the next poll
    /// returns it.
    hop: bool,
}

impl Future for JoinTasks {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.hop {
            return Poll::Ready(());
        }
        let this = &mut *self;
        let mut failed = false;
        if this.stop_at_failure {
            let failures = this.interp.failed_tasks.borrow();
            if failures.len() > this.failures_seen {
                let members =
                    this.members.get_or_insert_with(|| this.tasks.iter().map(|t| task_obj(t).task.id()).collect());
                failed = failures[this.failures_seen..].iter().any(|id| members.contains(id));
                this.failures_seen = failures.len();
            }
        }
        while this.done_prefix < this.tasks.len() && task_obj(&this.tasks[this.done_prefix]).result.borrow().is_some() {
            this.done_prefix += 1;
        }
        if failed || this.done_prefix == this.tasks.len() {
            this.hop = true;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        if !this.registered {
            this.registered = true;
            for t in &this.tasks[this.done_prefix..] {
                task_obj(t).task.on_done(cx.waker().clone());
            }
        }
        Poll::Pending
    }
}

fn task_obj(n: &Native) -> &TaskObj {
    match n {
        Native::Task(t) => t,
        _ => unreachable!("JoinTasks holds tasks only"),
    }
}

/// `wait_for`: the task ends, or the deadline passes first.
struct TaskOrDeadline {
    task: Rc<Native>,
    timer: futures::future::LocalBoxFuture<'static, ()>,
    registered: bool,
    /// As `JoinTasks::hop`: the task's end reaches `wait_for` through a done callback.
    hop: bool,
}

impl Future for TaskOrDeadline {
    type Output = bool;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<bool> {
        if self.hop {
            return Poll::Ready(true);
        }
        if task_obj(&self.task).result.borrow().is_some() {
            self.hop = true;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        if !self.registered {
            self.registered = true;
            task_obj(&self.task).task.on_done(cx.waker().clone());
        }
        match self.timer.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(task_obj(&self.task).result.borrow().is_some()),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl Interp {
    pub fn is_asyncio_run(&self, v: &Value) -> bool {
        matches!(v, Value::Builtin(b) if b.name == "run"
            && (b.id == BuiltinId::Module("asyncio")
                || matches!(&b.self_, Some(Value::Native(n)) if matches!(**n, Native::Runner))))
    }

    /// `asyncio.run(main())` at module level: runs the coroutine inside the root task. `run` is
    /// the function called: `asyncio.run` (not a Runner's) then ends as its loop would close.
    pub async fn asyncio_run(self: &Rc<Self>, run: &Value, args: Vec<Value>) -> PyResult<Value> {
        if self.loop_running.get() {
            return self.err("RuntimeError", "asyncio.run() cannot be called from a running event loop");
        }
        let Some(coro) = args.into_iter().next() else {
            return self.err("TypeError", "run() missing 1 required positional argument: 'main'");
        };
        if !super::eval::is_coroutine(&coro) {
            return self.err("ValueError", format!("a coroutine was expected, got {}", self.repr(&coro)?));
        }
        self.loop_running.set(true);
        let r = self.await_value(coro).await;
        if matches!(run, Value::Builtin(b) if b.self_.is_none()) {
            if let Some(gather) = self.cancel_all_tasks() {
                let _ = self.await_value(gather).await;
            }
        }
        self.loop_running.set(false);
        r
    }

    /// What `asyncio.run()` does before it closes its loop: the tasks still pending are cancelled,
    /// and waited for (the gather returned) so that their cleanup runs before the code after it.
    /// CPython's loop also warns of one that raised something else than CancelledError then: left
    /// out here for its bytes (it goes to stderr).
    fn cancel_all_tasks(self: &Rc<Self>) -> Option<Value> {
        let me = self.aio.current_task();
        let left: Vec<Value> = {
            let tasks = self.tasks.borrow();
            (0..tasks.keys().max().map_or(0, |m| m + 1))
                .filter_map(|id| match tasks.get(&id) {
                    Some(Value::Native(n)) if Some(id) != me && task_obj(n).task.cancel() => {
                        Some(Value::Native(n.clone()))
                    }
                    _ => None,
                })
                .collect()
        };
        let yes = vec![(Rc::from("return_exceptions"), Value::Bool(true))];
        (!left.is_empty()).then(|| self.call_module_function("asyncio", "gather", left, yes).ok()).flatten()
    }

    pub(super) fn float_arg(&self, v: Option<&Value>, what: &str) -> PyResult<f64> {
        match v.and_then(super::ops::num_opt) {
            Some(n) => Ok(n.f()),
            None => self.err(
                "TypeError",
                format!(
                    "'{}' object cannot be interpreted as a number ({what})",
                    v.map(|v| self.type_name(v)).unwrap_or_else(|| Rc::from("None"))
                ),
            ),
        }
    }

    pub fn call_module_function(
        self: &Rc<Self>,
        module: &str,
        name: &'static str,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> PyResult<Value> {
        let kw = |k: &str| kwargs.iter().find(|(n, _)| &**n == k).map(|(_, v)| v.clone());
        match (module, name) {
            ("asyncio", "sleep") => {
                let delay = self.float_arg(args.first().or(kw("delay").as_ref()), "delay")?;
                let result = kw("result").or_else(|| args.get(1).cloned()).unwrap_or(Value::None);
                let label = format!("sleep({})", crate::engine::value::py_number(delay));
                let wait = self.aio.sleep_labelled(delay, label);
                let me = self.clone();
                Ok(self.awaitable("sleep", async move {
                    let start = me.py_time();
                    let due = me.aio.now() + micros_from_secs(delay);
                    wait.await.map_err(|e| me.engine_exception(e))?;
                    me.yielded();
                    if delay > 0.0 && me.aio.now() == due {
                        // The clock stands exactly at the float deadline, as asyncio's does (unless
                        // the loop was busy and the wake came late).
                        me.float_clock.set((due, start + delay));
                    }
                    Ok(result)
                }))
            }
            // `asyncio.run(…)` reached as a plain call (inside a function, not at module level).
            ("asyncio", "run") if self.loop_running.get() => {
                // The coroutine is closed unawaited, as CPython does before raising.
                self.err("RuntimeError", "asyncio.run() cannot be called from a running event loop")
            }
            ("asyncio", "create_task") | ("asyncio", "ensure_future") => {
                let ensure = name == "ensure_future";
                let Some(coro) = args.into_iter().next() else {
                    return self.err("TypeError", "create_task() missing 1 required positional argument: 'coro'");
                };
                let name = match kw("name") {
                    Some(Value::Str(s)) => Some(s),
                    _ => None,
                };
                if let Value::Native(n) = &coro {
                    // A task stays itself; so does a future, for `ensure_future` only.
                    if matches!(**n, Native::Task(_)) || (matches!(**n, Native::Future(_)) && ensure) {
                        return Ok(coro);
                    }
                }
                self.create_task(coro, name)
            }
            ("asyncio", "gather") => {
                let return_exceptions = match kw("return_exceptions") {
                    Some(v) => self.truthy(&v)?,
                    None => false,
                };
                let mut tasks = Vec::new();
                for a in args {
                    let t = match &a {
                        Value::Native(n) if matches!(**n, Native::Task(_)) => a.clone(),
                        _ if super::eval::is_coroutine(&a) => self.create_task(a, None)?,
                        other => {
                            return self.err(
                                "TypeError",
                                format!(
                                    "An asyncio.Future, a coroutine or an awaitable is required, not {}",
                                    self.type_name(other)
                                ),
                            )
                        }
                    };
                    tasks.push(t);
                }
                let me = self.clone();
                let children = tasks.clone();
                let gather = self.awaitable("gather", async move { me.gather(tasks, return_exceptions).await });
                if let Value::Native(n) = &gather {
                    if let Native::Coroutine(c) = &**n {
                        *c.children.borrow_mut() = children;
                    }
                }
                Ok(gather)
            }
            ("asyncio", "wait_for") => {
                let Some(aw) = args.first().cloned() else {
                    return self.err("TypeError", "wait_for() missing 1 required positional argument: 'fut'");
                };
                let timeout = match kw("timeout").or_else(|| args.get(1).cloned()) {
                    None | Some(Value::None) => None,
                    Some(v) => Some(self.float_arg(Some(&v), "timeout")?),
                };
                let task = match &aw {
                    Value::Native(n) if matches!(**n, Native::Task(_)) => aw.clone(),
                    _ => self.create_task(aw, None)?,
                };
                let me = self.clone();
                Ok(self.awaitable("wait_for", async move { me.wait_for(task, timeout).await }))
            }
            ("asyncio", "timeout") => {
                // The deadline is fixed now, in loop time (CPython: `loop.time() + delay`).
                let delay = match kw("delay").or_else(|| args.first().cloned()) {
                    None | Some(Value::None) => None,
                    Some(v) => Some(self.float_arg(Some(&v), "delay")?),
                };
                Ok(self.make_timeout(delay.map(|d| self.py_time() + d)))
            }
            ("asyncio", "timeout_at") => {
                let when = match kw("when").or_else(|| args.first().cloned()) {
                    None | Some(Value::None) => None,
                    Some(v) => Some(self.float_arg(Some(&v), "when")?),
                };
                Ok(self.make_timeout(when))
            }
            ("asyncio", "wait") => {
                let Some(fs) = args.first() else {
                    return self.err("TypeError", "wait() missing 1 required positional argument: 'fs'");
                };
                let items = self.collect(fs)?;
                if items.is_empty() {
                    return self.err("ValueError", "Set of Tasks/Futures is empty.");
                }
                if items.iter().any(super::eval::is_coroutine) {
                    return self.err("TypeError", "Passing coroutines is forbidden, use tasks explicitly.");
                }
                let timeout = match kw("timeout") {
                    None | Some(Value::None) => None,
                    Some(v) => Some(self.float_arg(Some(&v), "timeout")?),
                };
                let return_when = match kw("return_when") {
                    Some(Value::Str(s)) => s.to_string(),
                    None => "ALL_COMPLETED".into(),
                    Some(other) => {
                        return self.err("ValueError", format!("Invalid return_when value: {}", self.repr(&other)?))
                    }
                };
                if !matches!(return_when.as_str(), "ALL_COMPLETED" | "FIRST_COMPLETED" | "FIRST_EXCEPTION") {
                    return self.err("ValueError", format!("Invalid return_when value: {return_when}"));
                }
                let me = self.clone();
                Ok(self.awaitable("wait", async move { me.wait_tasks(items, timeout, return_when).await }))
            }
            ("asyncio", "as_completed") => {
                let items = self.collect(args.first().unwrap_or(&Value::None))?;
                let timeout = match kw("timeout") {
                    None | Some(Value::None) => None,
                    Some(v) => Some(self.float_arg(Some(&v), "timeout")?),
                };
                self.as_completed(items, timeout)
            }
            ("asyncio", "shield") => {
                let Some(aw) = args.into_iter().next() else {
                    return self.err("TypeError", "shield() missing 1 required positional argument: 'arg'");
                };
                let task = match &aw {
                    Value::Native(n) if matches!(**n, Native::Task(_)) => aw.clone(),
                    _ => self.create_task(aw, None)?,
                };
                let me = self.clone();
                Ok(self.awaitable("shield", async move { me.shield(task).await }))
            }
            ("asyncio", "to_thread") => {
                let mut args = args.into_iter();
                let Some(func) = args.next() else {
                    return self.err("TypeError", "to_thread() missing 1 required positional argument: 'func'");
                };
                let rest: Vec<Value> = args.collect();
                // `to_thread(cpu_work, 1)`: the function and its arguments, as the call was written.
                let mut label = match &func {
                    Value::Function(f) => format!("to_thread({}", f.def.name),
                    _ => "to_thread(…".to_string(),
                };
                for a in &rest {
                    label.push_str(", ");
                    label.push_str(&self.repr(a)?);
                }
                label.push(')');
                let me = self.clone();
                Ok(self.awaitable("to_thread", async move { me.to_thread(func, rest, kwargs, label).await }))
            }
            ("asyncio", "current_task") => {
                Ok(self.aio.current_task().and_then(|id| self.tasks.borrow().get(&id).cloned()).unwrap_or(Value::None))
            }
            ("asyncio", "all_tasks") => {
                let items: Vec<Value> = self
                    .tasks
                    .borrow()
                    .values()
                    .filter(|t| matches!(t, Value::Native(n) if matches!(&**n, Native::Task(t) if t.result.borrow().is_none())))
                    .cloned()
                    .collect();
                self.make_set(items)
            }
            ("asyncio", "get_running_loop") | ("asyncio", "get_event_loop") => Ok(Value::Native(Rc::new(Native::Loop))),
            ("asyncio", "iscoroutine") => Ok(Value::Bool(args.first().is_some_and(super::eval::is_coroutine))),
            ("asyncio", "isfuture") => Ok(Value::Bool(matches!(
                args.first(),
                Some(Value::Native(n)) if matches!(**n, Native::Future(_) | Native::Task(_))
            ))),
            ("asyncio", "iscoroutinefunction") => {
                Ok(Value::Bool(matches!(args.first(), Some(Value::Function(f)) if f.def.is_async)))
            }
            ("time", "time" | "perf_counter" | "monotonic") => Ok(Value::Float(self.read_clock())),
            ("time", "time_ns" | "perf_counter_ns" | "monotonic_ns") => {
                Ok(Value::Int((self.read_clock() * 1e9) as i64))
            }
            ("time", "sleep") => {
                let s = self.float_arg(args.first(), "secs")?;
                if s < 0.0 {
                    return self.err("ValueError", "sleep length must be non-negative");
                }
                match self.thread_clock.get() {
                    Some(t) => self.thread_clock.set(Some(t + micros_from_secs(s))),
                    None => {
                        self.cpu_busy(&format!("time.sleep({})", crate::engine::value::py_number(s)));
                        let start = self.py_time();
                        self.aio.block_for(micros_from_secs(s));
                        self.float_clock.set((self.aio.now(), start + s));
                        // Blocking on purpose (the lesson of `time.sleep` in async code) is not
                        // code that never yields: the watchdog starts over.
                        self.held_since.set(None);
                    }
                }
                Ok(Value::None)
            }
            ("random", "choices") => {
                // CPython 3.11's Random.choices, draw for draw.
                let population = self.collect(args.first().unwrap_or(&Value::None))?;
                let n = population.len();
                let k = match kw("k") {
                    Some(Value::Int(k)) => k.max(0) as usize,
                    None => 1,
                    Some(other) => {
                        return self.err(
                            "TypeError",
                            format!("'{}' object cannot be interpreted as an integer", self.type_name(&other)),
                        )
                    }
                };
                let weights = kw("weights").or_else(|| args.get(1).cloned()).filter(|w| !matches!(w, Value::None));
                let cum: Option<Vec<f64>> = match (weights, kw("cum_weights").filter(|w| !matches!(w, Value::None))) {
                    (Some(_), Some(_)) => {
                        return self.err("TypeError", "Cannot specify both weights and cumulative weights")
                    }
                    (None, None) => None,
                    (Some(w), None) => {
                        let mut acc = 0.0;
                        let mut out = Vec::new();
                        for x in self.collect(&w)? {
                            acc += self.float_arg(Some(&x), "weights")?;
                            out.push(acc);
                        }
                        Some(out)
                    }
                    (None, Some(c)) => Some(
                        self.collect(&c)?
                            .iter()
                            .map(|x| self.float_arg(Some(x), "cum_weights"))
                            .collect::<PyResult<_>>()?,
                    ),
                };
                let mut picks = Vec::with_capacity(k);
                match cum {
                    None => {
                        if n == 0 && k > 0 {
                            return self.err("IndexError", "list index out of range");
                        }
                        for _ in 0..k {
                            let r = self.random.borrow_mut().random();
                            picks.push(population[(r * n as f64).floor() as usize].clone());
                        }
                    }
                    Some(cum) => {
                        if cum.len() != n {
                            return self.err("ValueError", "The number of weights does not match the population");
                        }
                        let total = cum.last().copied().unwrap_or(0.0);
                        if total <= 0.0 {
                            return self.err("ValueError", "Total of weights must be greater than zero");
                        }
                        if !total.is_finite() {
                            return self.err("ValueError", "Total of weights must be finite");
                        }
                        for _ in 0..k {
                            let x = self.random.borrow_mut().random() * total;
                            // bisect_right(cum, x, 0, n - 1)
                            let (mut lo, mut hi) = (0, n - 1);
                            while lo < hi {
                                let mid = (lo + hi) / 2;
                                if x < cum[mid] {
                                    hi = mid;
                                } else {
                                    lo = mid + 1;
                                }
                            }
                            picks.push(population[lo].clone());
                        }
                    }
                }
                Ok(Value::list(picks))
            }
            ("random", _) => self.random_function(name, args),
            ("math", _) => self.math_function(name, args),
            ("aiohttp", _) => self.call_aiohttp(name, args, kwargs),
            _ => self.err("NotImplementedError", format!("{module}.{name}() is not supported by the playground yet")),
        }
    }

    fn random_function(self: &Rc<Self>, name: &str, args: Vec<Value>) -> PyResult<Value> {
        let int = |i: usize| -> PyResult<i64> {
            match args.get(i) {
                Some(Value::Int(n)) => Ok(*n),
                Some(Value::Bool(b)) => Ok(*b as i64),
                Some(other) => self.err(
                    "TypeError",
                    format!("'{}' object cannot be interpreted as an integer", self.type_name(other)),
                ),
                None => self.err("TypeError", format!("{name}() missing a required argument")),
            }
        };
        let mut rng = self.random.borrow_mut();
        let value_err = |m: String| self.error("ValueError", &m);
        match name {
            "seed" => {
                match args.first() {
                    Some(Value::Int(n)) => rng.seed(*n),
                    None | Some(Value::None) => rng.seed(0),
                    Some(_) => {
                        return self.err(
                            "NotImplementedError",
                            "random.seed() of a non-integer is not supported by the playground yet",
                        )
                    }
                }
                Ok(Value::None)
            }
            "random" => Ok(Value::Float(rng.random())),
            "uniform" => {
                drop(rng);
                let a = self.float_arg(args.first(), "a")?;
                let b = self.float_arg(args.get(1), "b")?;
                Ok(Value::Float(self.random.borrow_mut().uniform(a, b)))
            }
            "randint" => Ok(Value::Int(rng.randint(int(0)?, int(1)?).map_err(value_err)?)),
            "randrange" => {
                let (start, stop, step) = match args.len() {
                    1 => (int(0)?, None, 1),
                    2 => (int(0)?, Some(int(1)?), 1),
                    _ => (int(0)?, Some(int(1)?), int(2)?),
                };
                Ok(Value::Int(rng.randrange(start, stop, step).map_err(value_err)?))
            }
            "getrandbits" => Ok(Value::Int(rng.getrandbits(int(0)?.clamp(0, 63) as u32) as i64)),
            "choice" => {
                drop(rng);
                let items = self.collect(args.first().unwrap_or(&Value::None))?;
                let i = self.random.borrow_mut().choice_index(items.len()).map_err(|m| self.error("IndexError", &m))?;
                Ok(items[i].clone())
            }
            "shuffle" => match args.first() {
                Some(Value::List(l)) => {
                    rng.shuffle_indices(&mut l.borrow_mut()[..]);
                    Ok(Value::None)
                }
                _ => self.err("TypeError", "shuffle() needs a list"),
            },
            "sample" => {
                drop(rng);
                let items = self.collect(args.first().unwrap_or(&Value::None))?;
                let k = int(1)?;
                let picks =
                    self.random.borrow_mut().sample_indices(items.len(), k.max(0) as usize).map_err(value_err)?;
                Ok(Value::list(picks.into_iter().map(|i| items[i].clone()).collect()))
            }
            _ => self.err("NotImplementedError", format!("random.{name}() is not supported by the playground yet")),
        }
    }

    /// The loop's time in seconds as Python sees it: a float that, like asyncio's, stands exactly at
    /// the float deadline of the timer that woke the loop (`0.1` ten times is `0.9999999999999999`),
    /// while the engine counts whole microseconds.
    pub fn py_time(&self) -> f64 {
        let now = self.aio.now();
        let (at, value) = self.float_clock.get();
        if at == now {
            value
        } else {
            secs_from_micros(now)
        }
    }

    /// `time.time()` and friends: the loop's clock, or inside `to_thread` the thread's own. On the
    /// virtual clock a read costs 1 µs.
    fn read_clock(&self) -> f64 {
        match self.thread_clock.get() {
            Some(t) => {
                self.thread_clock.set(Some(t + 1));
                secs_from_micros(t)
            }
            None => {
                // A busy loop on the clock is CPU time; one read alone is not worth a segment.
                if self.sync_call.borrow().is_some() {
                    self.cpu_busy("busy loop");
                }
                let value = self.py_time();
                self.read_clock_since.set(true);
                let before = self.aio.now();
                self.aio.clock_read();
                let after = self.aio.now();
                let next = if after == before { value } else { value + secs_from_micros(after - before) };
                self.float_clock.set((after, next));
                value
            }
        }
    }

    /// `await asyncio.to_thread(func, *args)`: the function runs off the loop. Where the runtime has
    /// another thread (the page's Web Worker) and the call shares nothing with the loop, it runs
    /// there, interpreted (`python::thread`). Otherwise it is evaluated at once on a clock of its
    /// own (its reads and `time.sleep` advance that clock, not the loop's), and the task then waits
    /// for as long as it took, the loop free meanwhile. The virtual clock always takes this way.
    async fn to_thread(
        self: &Rc<Self>,
        func: Value,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
        label: String,
    ) -> PyResult<Value> {
        if let Some(job) = self.thread_job(&func, &args, &kwargs) {
            if let Some(answer) = self.aio.run_python_elsewhere(&label, job) {
                let answer = answer.await.map_err(|e| self.engine_exception(e))?;
                self.yielded();
                return self.thread_answer(&func, &answer);
            }
        }
        let start = self.aio.now();
        let outer = self.thread_clock.replace(Some(start));
        let result = self.call(&func, args, kwargs);
        let end = self.thread_clock.get().unwrap_or(start);
        self.thread_clock.set(outer);
        let took = end.saturating_sub(start);
        self.aio.wait_on_thread(&label, secs_from_micros(took)).await.map_err(|e| self.engine_exception(e))?;
        self.yielded();
        result
    }

    /// An awaitable object whose await runs `fut`.
    /// A coroutine object whose body is `fut` (`asyncio.sleep(1)`, `queue.get()`: coroutines in
    /// CPython too, so they can be awaited, wrapped in tasks, or warned about if never awaited).
    pub fn awaitable(&self, what: &str, fut: impl Future<Output = PyResult<Value>> + 'static) -> Value {
        let name: Rc<str> = Rc::from(what);
        Value::Native(Rc::new(Native::Coroutine(super::native::Coroutine {
            name: name.clone(),
            call_text: Rc::from(format!("{what}()")),
            lane: Rc::from(format!("{what}()")),
            run: RefCell::new(Some(fut.boxed_local())),
            used: std::cell::Cell::new(false),
            warnings: Some(self.warnings.clone()),
            line: self.last_line.get(),
            builtin: true,
            children: RefCell::new(Vec::new()),
        })))
    }

    /// A Python exception for what an engine await raised (`CancelledError` at a cancelled await).
    pub fn engine_exception(&self, e: Exception) -> Box<Exc> {
        const AWAITS_AFTER_STOP: u64 = 100;
        match e {
            Exception::Cancelled => {
                // Once the run is stopped every await raises at once, so a loop that catches
                // CancelledError and awaits again never yields: after this many, it is stopped
                // for good (as a step budget would, had the awaits not counted as turns).
                if self.aio.is_stopped() {
                    let n = self.awaits_after_stop.get() + 1;
                    self.awaits_after_stop.set(n);
                    if n > AWAITS_AFTER_STOP && self.stopping.borrow().is_none() {
                        *self.stopping.borrow_mut() = Some(format!(
                            "line {} caught CancelledError and awaited again {AWAITS_AFTER_STOP} times after the run was stopped",
                            self.last_line.get()
                        ));
                    }
                }
                // `task.cancel(msg)`: the error raised at the task's await carries the message.
                let task = self.aio.current_task().and_then(|id| self.tasks.borrow().get(&id).cloned());
                let message = match &task {
                    Some(Value::Native(n)) => match &**n {
                        Native::Task(t) => t.cancel_message.borrow().clone(),
                        _ => None,
                    },
                    _ => None,
                };
                self.error("CancelledError", message.as_deref().unwrap_or(""))
            }
            Exception::Error { kind, message } => self.error(&kind, &message),
        }
    }

    /// `asyncio.create_task(coro)`: a task on `Aio` whose Python outcome is kept on the task object.
    pub fn create_task(self: &Rc<Self>, coro: Value, name: Option<Rc<str>>) -> PyResult<Value> {
        let hint = self.lane_hint.borrow_mut().take();
        let (run, coro_name, call_text, lane) = match &coro {
            Value::Native(n) => match &**n {
                Native::Coroutine(c) => {
                    let Some(run) = c.run.borrow_mut().take() else {
                        return self.err("RuntimeError", "cannot reuse already awaited coroutine");
                    };
                    c.used.set(true);
                    (run, c.name.clone(), c.call_text.clone(), c.lane.clone())
                }
                _ => return self.err("TypeError", format!("a coroutine was expected, got {}", self.repr(&coro)?)),
            },
            _ => return self.err("TypeError", format!("a coroutine was expected, got {}", self.repr(&coro)?)),
        };
        let n = self.task_counter.get() + 1;
        self.task_counter.set(n);
        let name_given = name.is_some();
        let py_name: Rc<str> = name.unwrap_or_else(|| Rc::from(format!("Task-{n}")));
        let slot: Rc<RefCell<Option<PyResult<Value>>>> = Rc::new(RefCell::new(None));
        let done_callbacks: Rc<RefCell<Vec<Value>>> = Rc::new(RefCell::new(Vec::new()));
        let me = self.clone();
        let out = slot.clone();
        let callbacks = done_callbacks.clone();
        let task_id: Rc<Cell<Option<usize>>> = Rc::new(Cell::new(None));
        let unstarted = CancelledBeforeStart {
            interp: self.clone(),
            slot: slot.clone(),
            callbacks: done_callbacks.clone(),
            task_id: task_id.clone(),
        };
        let future = async move {
            // Dropped with the future: a task cancelled before it ran still gets its outcome.
            let _unstarted = &unstarted;
            let r = run.await;
            let engine = me.to_engine_result(&r);
            let id = me.aio.current_task();
            if r.is_err() {
                if let Some(id) = id {
                    me.failed_tasks.borrow_mut().push(id);
                }
            }
            *out.borrow_mut() = Some(r);
            // The done callbacks are scheduled now, in the order they were added.
            if let Some(id) = id {
                me.schedule_task_callbacks(id, &callbacks);
            }
            me.yielded();
            engine
        };
        let lane = match (&name_given, hint) {
            (true, _) => py_name.to_string(),
            (false, Some(h)) => h.to_string(),
            (false, None) => lane.to_string(),
        };
        let task = self.aio.create_task(&lane, &call_text, future);
        task_id.set(Some(task.id()));
        let value =
            Value::Native(Rc::new(Native::Task(TaskObj::new(task.clone(), py_name, coro_name, slot, done_callbacks))));
        self.tasks.borrow_mut().insert(task.id(), value.clone());
        Ok(value)
    }

    /// What the engine logs for a coroutine's outcome.
    pub fn to_engine_result(self: &Rc<Self>, r: &PyResult<Value>) -> CoroResult {
        match r {
            Ok(v) => Ok(self.to_py_value(v)),
            Err(e) if self.exc_is(e, "CancelledError") => Err(Exception::Cancelled),
            Err(e) => {
                let kind = self.type_name(&e.value).to_string();
                let message = self.to_str(&e.value).unwrap_or_default();
                Err(Exception::error(kind, message))
            }
        }
    }

    fn to_py_value(self: &Rc<Self>, v: &Value) -> PyValue {
        match v {
            Value::None => PyValue::None,
            Value::Bool(b) => PyValue::Bool(*b),
            Value::Int(i) => PyValue::Int(*i),
            Value::Float(f) => PyValue::Float(*f),
            Value::Str(s) => PyValue::Str(s.to_string()),
            Value::List(l) => PyValue::List(l.borrow().iter().map(|x| self.to_py_value(x)).collect()),
            Value::Dict(d) => {
                PyValue::Dict(d.borrow().iter().map(|(k, v)| (self.to_py_value(k), self.to_py_value(v))).collect())
            }
            other => PyValue::Str(self.repr(other).unwrap_or_default()),
        }
    }

    async fn gather(self: &Rc<Self>, tasks: Vec<Value>, return_exceptions: bool) -> PyResult<Value> {
        let natives: Vec<Rc<Native>> =
            tasks.iter().filter_map(|t| if let Value::Native(n) = t { Some(n.clone()) } else { None }).collect();
        let ids: Vec<usize> = natives.iter().map(|n| task_obj(n).task.id()).collect();
        let names: Vec<String> = natives.iter().map(|n| task_obj(n).task.name()).collect();
        let shown = if names.len() > 4 {
            format!("{}, {}, …, {} ({} tasks)", names[0], names[1], names[names.len() - 1], names.len())
        } else {
            names.join(", ")
        };
        let join = JoinTasks {
            interp: self.clone(),
            tasks: natives.clone(),
            stop_at_failure: !return_exceptions,
            registered: false,
            done_prefix: 0,
            failures_seen: 0,
            members: None,
            hop: false,
        };
        self.aio.wait_on(format!("gather({shown})"), join, ids).await.map_err(|e| self.engine_exception(e))?;
        self.yielded();
        let mut out = Vec::with_capacity(natives.len());
        for n in &natives {
            let t = task_obj(n);
            t.retrieved.set(true);
            match &*t.result.borrow() {
                Some(Ok(v)) => out.push(v.clone()),
                Some(Err(e)) if return_exceptions => out.push(e.value.clone()),
                Some(Err(e)) => return Err(e.clone()),
                None => out.push(Value::None),
            }
        }
        Ok(Value::list(out))
    }

    async fn wait_for(self: &Rc<Self>, task: Value, timeout: Option<f64>) -> PyResult<Value> {
        let Value::Native(n) = &task else { return Ok(Value::None) };
        let t = task_obj(n);
        let label = format!("wait_for({})", t.task.name());
        match timeout {
            None => {
                t.task.join_propagating(label).await.map_err(|e| self.engine_exception(e))?;
            }
            Some(secs) => {
                let float_deadline = self.py_time() + secs;
                let deadline = self.aio.now() + micros_from_secs(secs);
                let race =
                    TaskOrDeadline { task: n.clone(), timer: self.aio.timer(deadline), registered: false, hop: false };
                let done = self
                    .aio
                    .wait_on(label.clone(), race, vec![t.task.id()])
                    .await
                    .map_err(|e| self.engine_exception(e))?;
                if !done {
                    if self.aio.now() == deadline {
                        self.float_clock.set((deadline, float_deadline));
                    }
                    t.task.cancel();
                    let _ = t.task.join_propagating(label).await;
                    self.yielded();
                    return self.err("TimeoutError", "");
                }
            }
        }
        self.yielded();
        t.retrieved.set(true);
        let r = t.result.borrow().clone();
        match r {
            Some(r) => r,
            None => Ok(Value::None),
        }
    }

    /// `await task` (or a future).
    pub async fn await_future_like(self: &Rc<Self>, v: &Value) -> PyResult<Value> {
        let Value::Native(n) = v else { return Ok(Value::None) };
        let Native::Task(t) = &**n else {
            return self.err("NotImplementedError", "awaiting a bare Future is not supported by the playground yet");
        };
        if t.result.borrow().is_none() {
            let label = t.task.name();
            t.task.join_propagating(label).await.map_err(|e| self.engine_exception(e))?;
            self.yielded();
        }
        t.retrieved.set(true);
        let r = t.result.borrow().clone();
        r.unwrap_or(Ok(Value::None))
    }

    /// Attributes of `Native` objects: their methods, bound.
    pub fn native_attr(self: &Rc<Self>, obj: &Value, attr: &str) -> PyResult<Value> {
        let Value::Native(n) = obj else { return self.err("AttributeError", attr) };
        if let Some(r) = self.native_sync_attr(obj, attr) {
            return r;
        }
        if let Some(r) = self.http_attr(obj, attr) {
            return r;
        }
        if let Native::Super { class, obj: inner } = &**n {
            let owner = match inner {
                Value::Instance(i) => i.class.clone(),
                Value::Class(c) => c.clone(),
                _ => return self.err("AttributeError", format!("'super' object has no attribute '{attr}'")),
            };
            let mro = owner.mro();
            let start = mro.iter().position(|c| Rc::ptr_eq(c, class)).map_or(mro.len(), |i| i + 1);
            for c in &mro[start..] {
                if let Some(v) = c.attrs.borrow().get(attr) {
                    return Ok(match v {
                        Value::Function(_) if matches!(inner, Value::Instance(_)) => {
                            Value::Method(Rc::new((inner.clone(), v.clone())))
                        }
                        _ => v.clone(),
                    });
                }
            }
            if attr == "__init__" {
                // object.__init__ / Exception.__init__: accepts the arguments and sets `args`.
                return Ok(self.builtin_method(inner, "__init__", BuiltinId::NativeMethod));
            }
            return self.err("AttributeError", format!("'super' object has no attribute '{attr}'"));
        }
        let methods: &[&'static str] = match &**n {
            Native::Task(_) => &[
                "cancel",
                "cancelled",
                "done",
                "result",
                "exception",
                "get_name",
                "set_name",
                "add_done_callback",
                "get_coro",
                "cancelling",
                "uncancel",
            ],
            Native::Loop => &["time", "call_soon", "call_later", "call_at", "create_future", "create_task"],
            Native::Runner => &["run", "get_loop", "close", "__enter__", "__exit__"],
            Native::Coroutine(c) if !c.children.borrow().is_empty() => &["cancel", "close", "send", "throw"],
            Native::Coroutine(_) => &["close", "send", "throw"],
            Native::Generator(g) if g.is_async => &["__anext__", "__aiter__", "aclose", "asend", "athrow"],
            Native::Generator(_) => &["send", "throw", "close", "__next__", "__iter__"],
            Native::Iterator(_) => &["__next__", "__iter__"],
            _ => &[],
        };
        match methods.iter().copied().find(|m| *m == attr) {
            Some(m) => Ok(self.builtin_method(obj, m, BuiltinId::NativeMethod)),
            None => self.err("AttributeError", format!("'{}' object has no attribute '{attr}'", self.type_name(obj))),
        }
    }

    pub fn call_native_method(
        self: &Rc<Self>,
        this: &Value,
        name: &str,
        args: Vec<Value>,
        _kwargs: Vec<(Rc<str>, Value)>,
    ) -> PyResult<Value> {
        if name == "__init__" {
            // object.__init__ reached through super(): exceptions keep their arguments.
            if let Value::Instance(i) = this {
                if self.is_exception_class(&i.class) {
                    i.attrs.borrow_mut().insert(Rc::from("args"), Value::tuple(args));
                }
            }
            return Ok(Value::None);
        }
        if let Value::Instance(p) = this {
            if &*p.class.name == "property" && matches!(name, "setter" | "getter" | "deleter") {
                return Ok(self.property_with(this, name, args.into_iter().next().unwrap_or(Value::None)));
            }
        }
        let Value::Native(n) = this else { return Ok(Value::None) };
        match &**n {
            Native::Task(t) => {
                let outcome = t.result.borrow().clone();
                match name {
                    "cancel" => {
                        let r = t.task.cancel();
                        if r {
                            t.cancelling.set(t.cancelling.get() + 1);
                            if let Some(msg) = args.first().filter(|m| !matches!(m, Value::None)) {
                                *t.cancel_message.borrow_mut() = Some(Rc::from(self.to_str(msg)?));
                            }
                        }
                        Ok(Value::Bool(r))
                    }
                    "cancelled" => {
                        Ok(Value::Bool(matches!(&outcome, Some(Err(e)) if self.exc_is(e, "CancelledError"))))
                    }
                    "done" => Ok(Value::Bool(outcome.is_some())),
                    "cancelling" => Ok(Value::Int(t.cancelling.get() as i64)),
                    "uncancel" => {
                        t.cancelling.set(t.cancelling.get().saturating_sub(1));
                        Ok(Value::Int(t.cancelling.get() as i64))
                    }
                    "result" | "exception" => {
                        t.retrieved.set(true);
                        match outcome {
                            None => self.err("InvalidStateError", "Result is not set."),
                            Some(Err(e)) if self.exc_is(&e, "CancelledError") => Err(e),
                            Some(Ok(v)) => Ok(if name == "result" { v } else { Value::None }),
                            Some(Err(e)) => {
                                if name == "result" {
                                    Err(e)
                                } else {
                                    Ok(e.value.clone())
                                }
                            }
                        }
                    }
                    "add_done_callback" => {
                        let callback = args.into_iter().next().unwrap_or(Value::None);
                        if outcome.is_some() {
                            self.call_soon(callback, vec![this.clone()], None);
                        } else {
                            t.done_callbacks.borrow_mut().push(callback);
                        }
                        Ok(Value::None)
                    }
                    "get_name" => Ok(Value::Str(t.name.borrow().clone())),
                    "set_name" => {
                        let s = self.to_str(args.first().unwrap_or(&Value::None))?;
                        *t.name.borrow_mut() = Rc::from(s);
                        Ok(Value::None)
                    }
                    _ => {
                        self.err("NotImplementedError", format!("Task.{name}() is not supported by the playground yet"))
                    }
                }
            }
            Native::Loop => self.loop_method(name, args),
            Native::Runner => match name {
                "__enter__" => Ok(this.clone()),
                "get_loop" => Ok(Value::Native(Rc::new(Native::Loop))),
                "run" => self.err("RuntimeError", "Runner.run() cannot be called from a running event loop"),
                _ => Ok(Value::None),
            },
            Native::Generator(g) => match name {
                "__anext__" => Ok(self.anext_awaitable(n)),
                "asend" => Ok(self.asend_awaitable(n, Some(args.into_iter().next().unwrap_or(Value::None)))),
                "__aiter__" | "__iter__" => Ok(this.clone()),
                "__next__" => match self.next(this)? {
                    Some(v) => Ok(v),
                    None => self.err("StopIteration", ""),
                },
                "send" => match self.gen_resume(g, args.first().cloned(), None)? {
                    super::eval_async::Resumed::Yielded(v) => Ok(v),
                    super::eval_async::Resumed::Returned(v) => Err(Box::new(Exc {
                        value: self.exception_instance(self.class("StopIteration"), vec![v]),
                        traceback: vec![],
                    })),
                },
                "close" | "aclose" => {
                    g.run.borrow_mut().take();
                    Ok(if name == "aclose" { self.awaitable("aclose", async { Ok(Value::None) }) } else { Value::None })
                }
                _ => self.err("NotImplementedError", format!("{name}() is not supported by the playground yet")),
            },
            Native::Iterator(_) => match name {
                "__next__" => match self.next(this)? {
                    Some(v) => Ok(v),
                    None => self.err("StopIteration", ""),
                },
                _ => Ok(this.clone()),
            },
            Native::Queue(_)
            | Native::Semaphore(_)
            | Native::Event(_)
            | Native::Condition(_)
            | Native::Future(_)
            | Native::TaskGroup(_)
            | Native::Timeout(_) => self.call_sync_method(this, name, args, _kwargs),
            Native::Http(_) => self.call_http_method(this, name, args, _kwargs),
            Native::Coroutine(c) if name == "cancel" => {
                // gather(…).cancel(): every child not yet done is cancelled; awaiting the gather
                // then raises the first child's CancelledError, as CPython's does.
                let mut any = false;
                for child in c.children.borrow().iter() {
                    if let Value::Native(t) = child {
                        if let Native::Task(t) = &**t {
                            if t.task.cancel() {
                                t.cancelling.set(t.cancelling.get() + 1);
                                any = true;
                            }
                        }
                    }
                }
                Ok(Value::Bool(any))
            }
            Native::Coroutine(c) => {
                c.used.set(true);
                c.run.borrow_mut().take();
                Ok(Value::None)
            }
            _ => self.err("NotImplementedError", format!("{name}() is not supported by the playground yet")),
        }
    }
}

/// A task cancelled before its coroutine ever ran is finished by the engine without a poll (as in
/// asyncio, its body never starts), so the task's own future never sets the Python outcome or
/// schedules its done callbacks: this guard, dropped with that future, does both.
struct CancelledBeforeStart {
    interp: Rc<Interp>,
    slot: Rc<RefCell<Option<PyResult<Value>>>>,
    callbacks: Rc<RefCell<Vec<Value>>>,
    task_id: Rc<Cell<Option<usize>>>,
}

impl Drop for CancelledBeforeStart {
    fn drop(&mut self) {
        let Some(id) = self.task_id.get() else { return };
        // Only a task the engine finished as cancelled (not a run being torn down).
        if self.slot.borrow().is_some() || !matches!(self.interp.aio.task_result(id), Some(Err(Exception::Cancelled))) {
            return;
        }
        *self.slot.borrow_mut() = Some(Err(self.interp.engine_exception(Exception::Cancelled)));
        self.interp.schedule_task_callbacks(id, &self.callbacks);
    }
}
