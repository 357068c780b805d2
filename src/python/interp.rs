//! The interpreter's state (`Interp`) and frames: built-in classes, raising exceptions, calling
//! functions (argument binding, coroutine and generator creation) and running a program's module
//! body as the root task on `Aio`.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use super::ast::{FunctionDef, NameScope};
use super::native::{Coroutine, GenChannel, Generator, Native, Warnings};
use super::random::Random;
use super::value::{
    BuiltinClass, CellRef, Class, Exc, Function, Instance, Namespace, PyResult, TracebackEntry, Value, WeakList,
};
use crate::engine::{Aio, Place};

/// The most items a list, dict or string may hold: memory stays bounded whatever a program does.
pub const MAX_ITEMS: usize = 10_000_000;

/// Python's default recursion limit: deeper calls raise `RecursionError`. A debug build of the
/// wasm uses many more (and bigger) frames per Python call, and the browser's own call-stack limit
/// for wasm (not changeable by the page) then comes first: measured in Chromium, the release build
/// runs 1,000 Python frames and the debug build fails before 900, so debug wasm builds stop at
/// 150 (tests/browser_runtime.rs checks the limit is a `RecursionError`, never a crash).
pub const RECURSION_LIMIT: u32 = if cfg!(all(target_arch = "wasm32", debug_assertions)) { 150 } else { 1000 };

/// What every statement of a run may execute before the program is stopped for never yielding
/// (the virtual clock's step budget).
pub const STEP_BUDGET: u64 = 30_000_000;

/// On a real loop (the page), how long code may run without an await before it is stopped: every
/// task, the timers and the page itself wait meanwhile.
pub const NEVER_YIELDS_MS: f64 = 3_000.0;

/// …unless it keeps reading the clock: a busy loop on `time.perf_counter()` (44.5's `cpu_work`)
/// blocks the loop on purpose and ends at its own deadline; only a runaway one is stopped.
pub const CLOCK_LOOP_MS: f64 = 30_000.0;

/// How many steps pass between two looks at the real clock (reading it costs more than a step).
const WATCHDOG_EVERY: u64 = 1 << 12;

/// One activation of a function, a module body or a class body.
pub struct Frame {
    pub fast: RefCell<Vec<Option<Value>>>,
    pub cells: Vec<CellRef>,
    pub globals: Rc<Namespace>,
    /// The namespace a class body (or the module body) stores its names in.
    pub locals: Option<Rc<Namespace>>,
    pub function: Option<Rc<Function>>,
    pub name: Rc<str>,
    pub line: Cell<u32>,
    /// Set for generator bodies: where `yield` leaves its value.
    pub channel: Option<Rc<GenChannel>>,
    /// The exception being handled (`raise` with no argument re-raises it).
    pub handling: RefCell<Vec<Rc<Exc>>>,
    /// How many `for`/`while` bodies of this frame are running: a coroutine awaited directly inside
    /// a loop is drawn as a sub-row of the task's lane (44.3's sequential `for url in urls:`).
    pub loops: Cell<u32>,
}

impl Frame {
    pub fn module(globals: Rc<Namespace>) -> Frame {
        Frame {
            fast: RefCell::new(Vec::new()),
            cells: Vec::new(),
            locals: Some(globals.clone()),
            globals,
            function: None,
            name: Rc::from("<module>"),
            line: Cell::new(0),
            channel: None,
            handling: RefCell::new(Vec::new()),
            loops: Cell::new(0),
        }
    }
}

/// How a block of statements ended.
pub enum Flow {
    Normal,
    Break,
    Continue,
    Return(Value),
}

/// The built-in classes, made once per interpreter.
pub struct Classes {
    /// About 80 classes, looked up by name when an exception is made: a list is fast enough, and
    /// spares the wasm a hash map of this type.
    pub by_name: Vec<(&'static str, Rc<Class>)>,
}

impl Classes {
    pub fn get(&self, name: &str) -> Rc<Class> {
        self.find(name).or_else(|| self.find("Exception")).expect("Exception is a built-in class")
    }

    pub fn find(&self, name: &str) -> Option<Rc<Class>> {
        self.by_name.iter().find(|(n, _)| *n == name).map(|(_, class)| class.clone())
    }
}

/// The whole interpreter: one per run.
pub struct Interp {
    pub aio: Aio,
    pub classes: Classes,
    pub builtins: Rc<Namespace>,
    pub modules: RefCell<HashMap<&'static str, Value>>,
    pub warnings: Rc<Warnings>,
    /// The coroutine and generator frames being polled now, outermost first: where the current
    /// task is stopped when it suspends (`EventKind::Suspended::stack`).
    pub polling: RefCell<Vec<Rc<Frame>>>,
    /// How many resources (queues, locks, …) were made: the next one's number.
    pub resources: Cell<usize>,
    /// Their names (the variables they were assigned to), by number: their waits' labels.
    pub resource_names: RefCell<Vec<Rc<str>>>,
    pub depth: Cell<u32>,
    pub steps: Cell<u64>,
    /// Set once the program must stop (step budget, Stop): every later statement raises at once.
    pub stopping: RefCell<Option<String>>,
    /// Awaits that raised at once because the run was stopped (`engine_exception`).
    pub awaits_after_stop: Cell<u64>,
    pub random: RefCell<Random>,
    /// asyncio's task counter: the next unnamed task is `Task-{n}`.
    pub task_counter: Cell<u64>,
    /// The source, for tracebacks.
    pub source_lines: Vec<Rc<str>>,
    /// True when the module body awaits at top level (then `asyncio.run` refuses to run).
    pub top_level_await: Cell<bool>,
    /// Inside `asyncio.run(...)` or top-level await: a loop is running.
    pub loop_running: Cell<bool>,
    /// Python task objects by engine task id.
    pub tasks: RefCell<HashMap<usize, Value>>,
    /// Printed text not yet ended by a newline (`print(..., end="")`).
    pub output: RefCell<String>,
    /// While a function runs "in another thread" (`asyncio.to_thread`): that thread's own clock,
    /// which its `time.*` reads and `time.sleep` advance instead of the loop's.
    pub thread_clock: Cell<Option<crate::engine::Micros>>,
    /// The variable a task being created is assigned to (`task1 = asyncio.create_task(…)`): its
    /// lane's label, as the chapter names its tasks.
    pub lane_hint: RefCell<Option<Rc<str>>>,
    /// The plain function the current task called from async code (`cpu_work(1)`): what a
    /// stretch of CPU-bound time is labelled with.
    pub sync_call: RefCell<Option<Rc<str>>>,
    /// A `CpuStarted` was recorded and its `CpuEnded` is still due (at the statement's end).
    pub cpu_open: Cell<bool>,
    /// Fake addresses handed out by `fake_address`, by object identity.
    /// (A `Value::Int`: the map type the task table uses already, one less in the wasm.)
    pub addresses: RefCell<HashMap<usize, Value>>,
    /// Steps allowed between two turns of the loop (`STEP_BUDGET` unless a caller sets less).
    pub step_budget: Cell<u64>,
    /// The line of the statement executed last (for the "never yields" message).
    pub last_line: Cell<u32>,
    /// On a real loop: the real time (ms) the watchdog first saw this stretch without an await,
    /// and whether the code read the clock since (see `NEVER_YIELDS_MS`, `CLOCK_LOOP_MS`).
    pub held_since: Cell<Option<f64>>,
    pub read_clock_since: Cell<bool>,
    /// Python's float view of the loop's time: (the engine's µs it is valid at, seconds).
    pub float_clock: Cell<(crate::engine::Micros, f64)>,
    /// Tasks that ended with an exception, in the order they ended (`gather` reads the new ones).
    pub failed_tasks: RefCell<Vec<usize>>,
    /// The objects through which a program's reference cycles go, for `release`: closure cells (a
    /// nested function that calls itself is in its own cell), instances of the program's classes
    /// (a tree whose nodes know their parent) and the classes (a class attribute holding an
    /// instance). Lists and dicts that contain themselves are not tracked.
    pub cyclic: RefCell<Cyclic>,
}

/// See `Interp::cyclic`.
#[derive(Default)]
pub struct Cyclic {
    pub cells: WeakList<RefCell<Option<Value>>>,
    pub instances: WeakList<Instance>,
    pub classes: WeakList<Class>,
}

const EXCEPTION_TREE: &[(&str, &str)] = &[
    ("BaseException", ""),
    ("Exception", "BaseException"),
    ("SystemExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("BaseExceptionGroup", "BaseException"),
    ("ExceptionGroup", "BaseExceptionGroup"),
    ("CancelledError", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("RuntimeError", "Exception"),
    ("RecursionError", "RuntimeError"),
    ("NotImplementedError", "RuntimeError"),
    ("StopIteration", "Exception"),
    ("StopAsyncIteration", "Exception"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("OSError", "Exception"),
    ("ConnectionError", "OSError"),
    ("TimeoutError", "OSError"),
    ("ConnectionResetError", "ConnectionError"),
    ("ConnectionRefusedError", "ConnectionError"),
    ("ConnectionAbortedError", "ConnectionError"),
    ("BrokenPipeError", "ConnectionError"),
    ("FileNotFoundError", "OSError"),
    ("PermissionError", "OSError"),
    ("EOFError", "Exception"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("UnicodeEncodeError", "UnicodeError"),
    ("BufferError", "Exception"),
    ("FloatingPointError", "ArithmeticError"),
    ("ReferenceError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("MemoryError", "Exception"),
    ("Warning", "Exception"),
    ("RuntimeWarning", "Warning"),
    ("UserWarning", "Warning"),
    ("DeprecationWarning", "Warning"),
    ("InvalidStateError", "Exception"),
    ("QueueEmpty", "Exception"),
    ("QueueFull", "Exception"),
    ("ClientError", "Exception"),
    ("ClientResponseError", "ClientError"),
    ("ClientConnectionError", "ClientError"),
    ("ClientConnectorError", "ClientConnectionError"),
    ("ServerTimeoutError", "ClientConnectionError"),
];

const TYPE_CLASSES: &[(&str, BuiltinClass)] = &[
    ("object", BuiltinClass::Object),
    ("type", BuiltinClass::Type),
    ("NoneType", BuiltinClass::NoneType),
    ("int", BuiltinClass::Int),
    ("bool", BuiltinClass::Bool),
    ("float", BuiltinClass::Float),
    ("str", BuiltinClass::Str),
    ("bytes", BuiltinClass::Bytes),
    ("list", BuiltinClass::List),
    ("tuple", BuiltinClass::Tuple),
    ("dict", BuiltinClass::Dict),
    ("set", BuiltinClass::Set),
    ("range", BuiltinClass::Range),
    ("slice", BuiltinClass::Slice),
    ("function", BuiltinClass::Function),
    ("builtin_function_or_method", BuiltinClass::BuiltinFunction),
    ("module", BuiltinClass::Module),
    ("coroutine", BuiltinClass::Coroutine),
    ("generator", BuiltinClass::Generator),
    ("async_generator", BuiltinClass::AsyncGenerator),
    ("iterator", BuiltinClass::Iterator),
];

/// asyncio's classes implemented in Rust (instances are `Native`); `modules.rs` exposes them as
/// `asyncio.<name>` (all but `Timeout`, which only `asyncio.timeout()` makes).
pub const ASYNCIO_CLASSES: &[&str] = &[
    "Task",
    "Future",
    "Queue",
    "LifoQueue",
    "PriorityQueue",
    "Lock",
    "Semaphore",
    "BoundedSemaphore",
    "Event",
    "Condition",
    "Timeout",
    "TaskGroup",
    "Runner",
];

/// aiohttp's classes implemented in Rust (`aiohttp.rs`).
const AIOHTTP_CLASSES: &[&str] = &["ClientSession", "_RequestContextManager", "ClientResponse", "ClientTimeout"];

fn make_class(name: &str, bases: Vec<Rc<Class>>, builtin: Option<BuiltinClass>, module: &'static str) -> Rc<Class> {
    let mut ancestors: Vec<Rc<Class>> = Vec::new();
    for base in &bases {
        for c in base.mro() {
            if !ancestors.iter().any(|m| Rc::ptr_eq(m, &c)) {
                ancestors.push(c);
            }
        }
    }
    Rc::new(Class {
        name: Rc::from(name),
        bases,
        ancestors,
        attrs: RefCell::new(Default::default()),
        builtin,
        def: None,
        module,
    })
}

impl Classes {
    fn new() -> Classes {
        let object = make_class("object", vec![], Some(BuiltinClass::Object), "builtins");
        let mut classes = Classes { by_name: vec![("object", object.clone())] };
        for &(name, kind) in TYPE_CLASSES.iter().skip(1) {
            let base = if name == "bool" { classes.get("int") } else { object.clone() };
            classes.by_name.push((name, make_class(name, vec![base], Some(kind), "builtins")));
        }
        for &(name, base) in EXCEPTION_TREE {
            let base = if base.is_empty() { object.clone() } else { classes.get(base) };
            let module = match name {
                "CancelledError" | "InvalidStateError" | "QueueEmpty" | "QueueFull" => "asyncio",
                n if n.starts_with("Client") || n == "ServerTimeoutError" => "aiohttp",
                _ => "builtins",
            };
            classes.by_name.push((name, make_class(name, vec![base], Some(BuiltinClass::Exception), module)));
        }
        // ExceptionGroup is also an Exception.
        for &name in ASYNCIO_CLASSES.iter().chain(AIOHTTP_CLASSES) {
            classes.by_name.push((name, make_class(name, vec![object.clone()], Some(BuiltinClass::Native), "asyncio")));
        }
        classes
    }
}

impl Interp {
    pub fn new(aio: Aio, source: &str, seed: u64) -> Rc<Interp> {
        let warnings = Rc::new(Warnings { aio: aio.clone(), list: RefCell::new(Vec::new()) });
        let interp = Rc::new(Interp {
            aio,
            classes: Classes::new(),
            builtins: Rc::new(Namespace::default()),
            modules: RefCell::new(HashMap::new()),
            warnings,
            polling: RefCell::new(Vec::new()),
            resources: Cell::new(0),
            resource_names: RefCell::new(Vec::new()),
            depth: Cell::new(0),
            steps: Cell::new(0),
            stopping: RefCell::new(None),
            awaits_after_stop: Cell::new(0),
            random: RefCell::new(Random::from_entropy(seed)),
            task_counter: Cell::new(1),
            source_lines: source.lines().map(Rc::from).collect(),
            top_level_await: Cell::new(false),
            loop_running: Cell::new(false),
            tasks: RefCell::new(HashMap::new()),
            output: RefCell::new(String::new()),
            thread_clock: Cell::new(None),
            lane_hint: RefCell::new(None),
            sync_call: RefCell::new(None),
            cpu_open: Cell::new(false),
            addresses: RefCell::new(HashMap::new()),
            step_budget: Cell::new(STEP_BUDGET),
            last_line: Cell::new(0),
            held_since: Cell::new(None),
            read_clock_since: Cell::new(false),
            float_clock: Cell::new((0, 0.0)),
            failed_tasks: RefCell::new(Vec::new()),
            cyclic: RefCell::new(Cyclic::default()),
        });
        let weak = Rc::downgrade(&interp);
        interp.aio.set_locator(Rc::new(move || weak.upgrade().map(|i| i.places()).unwrap_or_default()));
        super::builtins::install(&interp);
        interp
    }

    /// The run is over (its `Started` was dropped): empties every table of the interpreter and the
    /// module's globals, so that what a program built can be freed. A Python program is full of
    /// reference cycles that CPython's garbage collector would collect and `Rc` cannot: a function
    /// refers to the globals it lives in, a class to its methods and they to the globals, a task
    /// object to the loop whose futures refer to the interpreter. Emptying the roots breaks them.
    pub fn release(&self, globals: &Namespace) {
        // Each table is taken out before its contents are dropped: a `Drop` (a coroutine never
        // awaited notes a warning) must not find a table borrowed.
        let vars = std::mem::take(&mut *globals.vars.borrow_mut());
        drop(vars);
        let tasks = std::mem::take(&mut *self.tasks.borrow_mut());
        for task in tasks.values() {
            // A task's outcome and done callbacks may hold the task itself (`return current_task()`).
            if let Value::Native(n) = task {
                if let Native::Task(t) = &**n {
                    let result = t.result.borrow_mut().take();
                    let callbacks = std::mem::take(&mut *t.callbacks.borrow_mut());
                    drop((result, callbacks));
                }
            }
        }
        drop(tasks);
        let modules = std::mem::take(&mut *self.modules.borrow_mut());
        drop(modules);
        let builtins = std::mem::take(&mut *self.builtins.vars.borrow_mut());
        drop(builtins);
        // A program may set attributes on a built-in class (`Exception.hint = …`).
        for (_, class) in &self.classes.by_name {
            let attrs = std::mem::take(&mut *class.attrs.borrow_mut());
            drop(attrs);
        }
        // What no root leads to any more but still holds itself in a cycle.
        let mut cyclic = std::mem::take(&mut *self.cyclic.borrow_mut());
        for cell in cyclic.cells.take() {
            let value = cell.borrow_mut().take();
            drop(value);
        }
        for instance in cyclic.instances.take() {
            let attrs = std::mem::take(&mut *instance.attrs.borrow_mut());
            drop(attrs);
        }
        for class in cyclic.classes.take() {
            let attrs = std::mem::take(&mut *class.attrs.borrow_mut());
            drop(attrs);
        }
    }

    pub fn class(&self, name: &str) -> Rc<Class> {
        self.classes.get(name)
    }

    /// A new exception instance of a built-in class with one message argument (none if empty).
    pub fn new_exception(&self, class: &str, message: &str) -> Value {
        let args = if message.is_empty() { vec![] } else { vec![Value::str(message)] };
        self.exception_instance(self.class(class), args)
    }

    pub fn exception_instance(&self, class: Rc<Class>, args: Vec<Value>) -> Value {
        let inst = Instance { class, attrs: RefCell::new(Default::default()) };
        inst.attrs.borrow_mut().insert(Rc::from("args"), Value::tuple(args));
        Value::Instance(Rc::new(inst))
    }

    /// `Err` of a new built-in exception: `return Err(interp.error("TypeError", "…"))`.
    pub fn error(&self, class: &str, message: &str) -> Box<Exc> {
        Box::new(Exc { value: self.new_exception(class, message), traceback: Vec::new() })
    }

    pub fn err<T>(&self, class: &str, message: impl AsRef<str>) -> PyResult<T> {
        Err(self.error(class, message.as_ref()))
    }

    /// Is this exception an instance of the named built-in class (or a subclass)?
    pub fn exc_is(&self, exc: &Exc, class: &str) -> bool {
        match &exc.value {
            Value::Instance(inst) => inst.class.is_subclass(&self.class(class)),
            _ => false,
        }
    }

    /// Counts a step; past the budget, or once stopped, raises the stop.
    pub fn step(&self) -> PyResult<()> {
        let n = self.steps.get() + 1;
        self.steps.set(n);
        if n > self.step_budget.get() && self.stopping.borrow().is_none() {
            *self.stopping.borrow_mut() = Some(format!(
                "line {} ran {} steps without an await, so the event loop never got a turn and no other task could run",
                self.last_line.get(),
                self.step_budget.get()
            ));
        }
        if n.is_multiple_of(WATCHDOG_EVERY) {
            self.watch_real_time();
        }
        if let Some(why) = self.stopping.borrow().as_ref() {
            return Err(self.error("RuntimeError", &format!("stopped: {why}")));
        }
        Ok(())
    }

    /// Time is about to pass inside a step (a clock read, `time.sleep`): the timeline shows the
    /// task busy on the CPU from here to the end of the statement.
    pub fn cpu_busy(&self, fallback: &str) {
        if self.cpu_open.get() || self.aio.current_task().is_none() {
            return;
        }
        self.cpu_open.set(true);
        let label = self.sync_call.borrow().clone().map(|c| c.to_string()).unwrap_or_else(|| fallback.to_string());
        self.aio.cpu_started(&label);
    }

    /// Ends a stretch of CPU time (the statement ended, or the task is about to await).
    pub fn cpu_done(&self) {
        if self.cpu_open.replace(false) {
            self.aio.cpu_ended();
        }
    }

    /// Marks a turn of the loop: the step budget counts steps between turns.
    pub fn yielded(&self) {
        self.steps.set(0);
        self.held_since.set(None);
        self.read_clock_since.set(false);
    }

    /// The real-loop watchdog: the step budget alone would let a `while True: pass` freeze the tab
    /// for many seconds in wasm. The virtual clock has no real time (`Aio::real_ms` is `None`),
    /// so there the step budget decides, deterministically.
    fn watch_real_time(&self) {
        let Some(now) = self.aio.real_ms() else { return };
        let Some(since) = self.held_since.get() else {
            self.held_since.set(Some(now));
            return;
        };
        let limit = if self.read_clock_since.get() { CLOCK_LOOP_MS } else { NEVER_YIELDS_MS };
        if now - since > limit && self.stopping.borrow().is_none() {
            *self.stopping.borrow_mut() = Some(format!(
                "line {} ran for {:.0} seconds without an await, so the event loop never got a turn and no other task could run",
                self.last_line.get(),
                (now - since) / 1000.0
            ));
        }
    }

    pub fn enter_call(&self) -> PyResult<()> {
        let d = self.depth.get() + 1;
        if d > RECURSION_LIMIT {
            return self.err("RecursionError", "maximum recursion depth exceeded");
        }
        self.depth.set(d);
        Ok(())
    }

    pub fn leave_call(&self) {
        self.depth.set(self.depth.get().saturating_sub(1));
    }

    /// Makes the frame a call of `function` with bound arguments.
    pub fn new_frame(
        &self,
        function: &Rc<Function>,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> PyResult<Frame> {
        let def = &function.def;
        let scope = def.scope.borrow();
        let mut fast: Vec<Option<Value>> = vec![None; scope.fast.len()];
        self.bind_arguments(function, &mut fast, args, kwargs)?;
        let mut cells: Vec<CellRef> = Vec::with_capacity(scope.cells.len());
        for _ in 0..scope.own_cells {
            let cell = Rc::new(RefCell::new(None));
            self.cyclic.borrow_mut().cells.push(&cell);
            cells.push(cell);
        }
        for &(cell, slot) in &scope.cell_params {
            *cells[cell as usize].borrow_mut() = fast[slot as usize].take();
        }
        cells.extend(function.closure.iter().cloned());
        Ok(Frame {
            fast: RefCell::new(fast),
            cells,
            globals: function.globals.clone(),
            locals: None,
            function: Some(function.clone()),
            name: def.name.clone(),
            line: Cell::new(def.pos.line),
            channel: None,
            handling: RefCell::new(Vec::new()),
            loops: Cell::new(0),
        })
    }

    fn bind_arguments(
        &self,
        function: &Rc<Function>,
        fast: &mut [Option<Value>],
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> PyResult<()> {
        let def = &function.def;
        let params = &def.params;
        let name = &function.qualname;
        let n_args = params.args.len();
        let n_given = args.len();
        let mut extra = Vec::new();
        for (i, value) in args.into_iter().enumerate() {
            if i < n_args {
                fast[i] = Some(value);
            } else {
                extra.push(value);
            }
        }
        let mut slot = n_args;
        if params.vararg.is_some() {
            fast[slot] = Some(Value::tuple(extra));
            slot += 1;
        } else if !extra.is_empty() {
            let required = params.args.iter().filter(|p| p.default.is_none()).count();
            let takes = if required == n_args {
                format!("{n_args} positional argument{}", if n_args == 1 { "" } else { "s" })
            } else {
                format!("from {required} to {n_args} positional arguments")
            };
            let was = if n_given == 1 { "was" } else { "were" };
            return self.err("TypeError", format!("{name}() takes {takes} but {n_given} {was} given"));
        }
        let kwonly_start = slot;
        slot += params.kwonly.len();
        let kwarg_slot = params.kwarg.as_ref().map(|_| slot);
        let mut kwdict = super::value::Dict::new();
        for (key, value) in kwargs {
            let position = params
                .args
                .iter()
                .position(|p| p.name == key)
                .or_else(|| params.kwonly.iter().position(|p| p.name == key).map(|i| kwonly_start + i));
            match position {
                Some(i) => {
                    if fast[i].is_some() {
                        return self.err("TypeError", format!("{name}() got multiple values for argument '{key}'"));
                    }
                    fast[i] = Some(value);
                }
                None if kwarg_slot.is_some() => {
                    let k = Value::Str(key.clone());
                    kwdict.insert(super::ops::key_of_str(&key), k, value);
                }
                None => {
                    return self.err("TypeError", format!("{name}() got an unexpected keyword argument '{key}'"));
                }
            }
        }
        if let Some(s) = kwarg_slot {
            fast[s] = Some(Value::dict(kwdict));
        }
        // Defaults and missing arguments.
        let first_default = n_args - function.defaults.len();
        let mut missing = Vec::new();
        for (i, p) in params.args.iter().enumerate() {
            if fast[i].is_none() {
                if i >= first_default {
                    fast[i] = Some(function.defaults[i - first_default].clone());
                } else {
                    missing.push(p.name.clone());
                }
            }
        }
        if !missing.is_empty() {
            return self.err("TypeError", missing_message(name, "positional", &missing));
        }
        let mut missing_kw = Vec::new();
        for (i, p) in params.kwonly.iter().enumerate() {
            if fast[kwonly_start + i].is_none() {
                match function.kw_defaults.get(i).cloned().flatten() {
                    Some(v) => fast[kwonly_start + i] = Some(v),
                    None => missing_kw.push(p.name.clone()),
                }
            }
        }
        if !missing_kw.is_empty() {
            return self.err("TypeError", missing_message(name, "keyword-only", &missing_kw));
        }
        Ok(())
    }

    /// Calls a Python function: runs a plain function now; makes a coroutine or generator object
    /// for `async def` and generator functions.
    pub fn call_function(
        self: &Rc<Self>,
        function: &Rc<Function>,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
        _call_line: u32,
    ) -> PyResult<Value> {
        let def = function.def.clone();
        if def.is_async || def.is_generator {
            let mut frame = self.new_frame(function, args, kwargs)?;
            if def.is_generator {
                let channel = Rc::new(GenChannel::default());
                frame.channel = Some(channel.clone());
                let run = super::eval_async::run_body(self.clone(), Rc::new(frame), def.clone());
                return Ok(Value::Native(Rc::new(Native::Generator(Generator {
                    name: function.qualname.clone(),
                    is_async: def.is_async,
                    run: RefCell::new(Some(run)),
                    channel,
                    started: Cell::new(false),
                    running: Cell::new(false),
                }))));
            }
            let (call_text, lane) = self.call_text(&def, &frame);
            let run = super::eval_async::run_body(self.clone(), Rc::new(frame), def.clone());
            return Ok(Value::Native(Rc::new(Native::Coroutine(Coroutine {
                name: function.qualname.clone(),
                call_text: Rc::from(call_text),
                lane: Rc::from(lane),
                run: RefCell::new(Some(run)),
                used: Cell::new(false),
                warnings: Some(self.warnings.clone()),
                line: self.last_line.get(),
                builtin: false,
                children: RefCell::new(Vec::new()),
            }))));
        }
        let frame = self.new_frame(function, args, kwargs)?;
        self.enter_call()?;
        let result = self.run_function_body(&frame, &def);
        self.leave_call();
        result.map_err(|e| self.add_traceback(e, &frame))
    }

    fn run_function_body(self: &Rc<Self>, frame: &Frame, def: &FunctionDef) -> PyResult<Value> {
        if let Some(body) = &def.lambda_body {
            return self.eval(frame, body);
        }
        match self.exec_block(frame, &def.body)? {
            Flow::Return(v) => Ok(v),
            _ => Ok(Value::None),
        }
    }

    /// Where the code being polled is now: each coroutine frame's function and line.
    pub fn places(&self) -> Vec<Place> {
        self.polling.borrow().iter().map(|f| Place { function: f.name.clone(), line: f.line.get() }).collect()
    }

    /// Records that an exception left `frame` (a traceback line).
    pub fn add_traceback(&self, mut exc: Box<Exc>, frame: &Frame) -> Box<Exc> {
        exc.traceback.push(TracebackEntry { line: frame.line.get(), function: frame.name.clone() });
        exc
    }

    /// The call as Python source (`say_hello('Alice', 2)`, for the log) and a short lane label
    /// (`say_hello(Alice)`: the function and its first plain argument, a URL by its last segment).
    fn call_text(self: &Rc<Self>, def: &FunctionDef, frame: &Frame) -> (String, String) {
        let scope = def.scope.borrow();
        let fast = frame.fast.borrow();
        let mut parts = Vec::new();
        let mut short = None;
        for (i, p) in def.params.args.iter().enumerate() {
            let v = fast.get(i).cloned().flatten().or_else(|| {
                scope
                    .cell_params
                    .iter()
                    .find(|(_, s)| *s as usize == i)
                    .and_then(|(c, _)| frame.cells[*c as usize].borrow().clone())
            });
            match v {
                Some(v) => {
                    if short.is_none() {
                        short = match &v {
                            Value::Str(s) => Some(short_text(s)),
                            Value::Int(_) | Value::Float(_) | Value::Bool(_) => self.repr(&v).ok(),
                            _ => None,
                        };
                    }
                    // Plain values as Python writes them; an object by its parameter's name
                    // (`fetch_url(session, 'https://…')`, as the chapter writes the call), not by
                    // a repr such as `<ClientSession object at 0x…>`.
                    let plain = matches!(
                        v,
                        Value::None
                            | Value::Bool(_)
                            | Value::Int(_)
                            | Value::BigInt(_)
                            | Value::Float(_)
                            | Value::Str(_)
                            | Value::Bytes(_)
                            | Value::Tuple(_)
                            | Value::List(_)
                            | Value::Dict(_)
                    );
                    if plain {
                        parts.push(self.repr(&v).unwrap_or_else(|_| "…".into()))
                    } else {
                        parts.push(p.name.to_string())
                    }
                }
                None => parts.push(p.name.to_string()),
            }
        }
        let text = format!("{}({})", def.name, parts.join(", "));
        let text =
            if text.chars().count() > 60 { format!("{}…)", text.chars().take(57).collect::<String>()) } else { text };
        let lane = format!("{}({})", def.name, short.unwrap_or_default());
        (text, lane)
    }

    /// Reads a name resolved at parse time.
    pub fn load_name(&self, frame: &Frame, name: &super::ast::Name) -> PyResult<Value> {
        match name.scope.get() {
            NameScope::Fast(i) => match frame.fast.borrow().get(i as usize) {
                Some(Some(v)) => Ok(v.clone()),
                _ => self.err(
                    "UnboundLocalError",
                    format!("cannot access local variable '{}' where it is not associated with a value", name.id),
                ),
            },
            NameScope::Cell(i) => match frame.cells.get(i as usize).and_then(|c| c.borrow().clone()) {
                Some(v) => Ok(v),
                None => self.err(
                    "NameError",
                    format!(
                        "cannot access free variable '{}' where it is not associated with a value in enclosing scope",
                        name.id
                    ),
                ),
            },
            NameScope::Name => {
                if let Some(v) = frame.locals.as_ref().and_then(|l| l.get(&name.id)) {
                    return Ok(v);
                }
                self.load_global(frame, &name.id)
            }
            NameScope::Global | NameScope::Unresolved => self.load_global(frame, &name.id),
        }
    }

    pub fn load_global(&self, frame: &Frame, id: &str) -> PyResult<Value> {
        if let Some(v) = frame.globals.get(id) {
            return Ok(v);
        }
        if let Some(v) = self.builtins.get(id) {
            return Ok(v);
        }
        self.err("NameError", format!("name '{id}' is not defined"))
    }

    pub fn store_name(&self, frame: &Frame, name: &super::ast::Name, value: Value) {
        match name.scope.get() {
            NameScope::Fast(i) => {
                if let Some(slot) = frame.fast.borrow_mut().get_mut(i as usize) {
                    *slot = Some(value);
                }
            }
            NameScope::Cell(i) => {
                if let Some(c) = frame.cells.get(i as usize) {
                    *c.borrow_mut() = Some(value);
                }
            }
            NameScope::Name => match &frame.locals {
                Some(l) => l.set(name.id.clone(), value),
                None => frame.globals.set(name.id.clone(), value),
            },
            NameScope::Global | NameScope::Unresolved => frame.globals.set(name.id.clone(), value),
        }
    }

    pub fn delete_name(&self, frame: &Frame, name: &super::ast::Name) -> PyResult<()> {
        let existed = match name.scope.get() {
            NameScope::Fast(i) => frame.fast.borrow_mut().get_mut(i as usize).and_then(Option::take).is_some(),
            NameScope::Cell(i) => frame.cells.get(i as usize).and_then(|c| c.borrow_mut().take()).is_some(),
            NameScope::Name => match &frame.locals {
                Some(l) => l.vars.borrow_mut().remove(&name.id).is_some(),
                None => frame.globals.vars.borrow_mut().remove(&name.id).is_some(),
            },
            NameScope::Global | NameScope::Unresolved => frame.globals.vars.borrow_mut().remove(&name.id).is_some(),
        };
        if existed {
            Ok(())
        } else {
            self.err("NameError", format!("name '{}' is not defined", name.id))
        }
    }
}

/// A string argument as a lane label shows it: a URL (or path) by its last segment.
fn short_text(s: &str) -> String {
    let path = s.split(['?', '#']).next().unwrap_or(s).trim_end_matches('/');
    let last = path.rsplit('/').next().filter(|t| !t.is_empty() && !t.ends_with(':')).unwrap_or(path);
    let short: String = last.chars().take(24).collect();
    short
}

fn missing_message(name: &str, what: &str, missing: &[Rc<str>]) -> String {
    let quoted: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        _ => format!("{}, and {}", quoted[..quoted.len() - 1].join(", "), quoted[quoted.len() - 1]),
    };
    let s = if missing.len() == 1 { "" } else { "s" };
    format!("{name}() missing {} required {what} argument{s}: {list}", missing.len())
}
