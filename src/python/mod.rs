//! The Python the page shows is what runs: a Python-subset interpreter in the pure core.
//!
//! Source → `parser` (syntax tree, located `SyntaxError`s in CPython's words) → `resolve` (where
//! each name lives) → `Interp` evaluating the module body as the root task on `Aio`. Coroutines are
//! futures on `Aio`: the only places that touch the runtime are the leaf awaits (`asyncio.sleep`,
//! task and gather waits, `time.sleep`/clock reads), so a program runs unchanged on the virtual
//! clock and on the browser's loop, and every view built on the event log works for any program.

mod aiohttp;
pub mod ast;
mod asyncio_sync;
mod bigint;
mod builtins;
mod callbacks;
pub mod case;
mod eval;
mod eval_async;
pub mod format;
mod interp;
mod lexer;
mod math;
mod methods;
mod modules;
mod native;
mod ops;
pub mod parser;
mod protocols;
pub mod random;
mod resolve;
pub mod thread;
mod value;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::engine::{Aio, Event, EventKind, Micros, Task, VirtualClock};

pub use ast::{Pos, SyntaxError};
use interp::{Frame, Interp};
use value::{Exc, Namespace, Value};

/// The file name tracebacks show, as CPython shows code that did not come from a file.
pub const FILENAME: &str = "<playground>";

/// A parsed and resolved program, ready to run any number of times.
pub struct Program {
    module: Rc<ast::Module>,
    source: Rc<str>,
}

impl Program {
    /// Parses and resolves `source`; a syntax error (or a construct the playground does not run)
    /// comes back located.
    pub fn compile(source: &str) -> Result<Program, SyntaxError> {
        let module = parser::parse(source)?;
        resolve::resolve(&module);
        Ok(Program { module: Rc::new(module), source: Rc::from(source) })
    }

    pub fn source(&self) -> &str {
        &self.source
    }
}

/// How a program ended with an uncaught exception.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgramError {
    /// The traceback's last line: `ZeroDivisionError: division by zero`.
    pub message: String,
    /// The innermost line of the program the exception came from.
    pub line: u32,
    /// The whole traceback as CPython prints it (without the carets).
    pub traceback: String,
}

/// What a running program reports besides its event log.
#[derive(Default)]
pub struct Report {
    pub error: Option<ProgramError>,
    pub warnings: Vec<String>,
}

/// A program started on a loop: its root task, and where its error and warnings arrive.
///
/// Dropping it ends the run for good: whatever is still pending on the loop is dropped without
/// running (`Aio::close`) and the interpreter's objects are released, so nothing of the run
/// outlives it (the loop's event log and the `report` stay readable). Keep it until the loop is
/// idle (or `aio.all_finished()`) to let a stopped run's cleanup code run and be recorded.
pub struct Started {
    pub task: Task,
    pub report: Rc<RefCell<Report>>,
    interp: Rc<Interp>,
    /// The module's globals: with the interpreter's tables, the roots `Drop` empties.
    globals: Rc<Namespace>,
    /// Set once the end-of-run warnings are in the log.
    end_logged: Cell<bool>,
}

impl Drop for Started {
    fn drop(&mut self) {
        // Pending futures first: they hold frames, objects and the interpreter itself.
        self.interp.aio.close();
        self.interp.release(&self.globals);
    }
}

impl Started {
    /// Allow at most `steps` steps between two turns of the loop (`interp::STEP_BUDGET` unless set).
    pub fn set_step_budget(&self, steps: u64) {
        self.interp.step_budget.set(steps);
    }

    /// Warnings so far (`RuntimeWarning: coroutine 'greet' was never awaited`…). Once every task
    /// has ended, the first call also logs "Task exception was never retrieved" for each task
    /// whose exception nobody asked for (CPython says it when the task is freed, as the run ends).
    pub fn warnings(&self) -> Vec<String> {
        let mut w = self.report.borrow().warnings.clone();
        w.extend(self.interp.warnings.list.borrow().iter().cloned());
        let mut ids: Vec<usize> = self.interp.tasks.borrow().keys().copied().collect();
        crate::sort::sort_by_key(&mut ids, |id| *id as u64);
        let log = self.interp.aio.all_finished() && !self.end_logged.replace(true);
        for id in ids {
            let task = self.interp.tasks.borrow().get(&id).cloned();
            if let Some(Value::Native(n)) = task {
                if let native::Native::Task(t) = &*n {
                    if let Some(Err(e)) = &*t.result.borrow() {
                        if !t.retrieved.get() && !self.interp.exc_is(e, "CancelledError") {
                            let text = "Task exception was never retrieved".to_string();
                            if log {
                                let line = e.traceback.first().map(|t| t.line);
                                let kind = crate::engine::WarningKind::NeverRetrieved;
                                self.interp
                                    .aio
                                    .record_on(id, crate::engine::EventKind::Warned { kind, text: text.clone(), line });
                            }
                            w.push(text);
                        }
                    }
                }
            }
        }
        w
    }
}

/// What the run's root task is said to run (the event table's "created by asyncio.run: main()"):
/// the coroutine the top level hands to `asyncio.run(…)` or awaits first, as `main()`; a module
/// that does neither runs as `<module>`.
fn root_coroutine(module: &ast::Module) -> String {
    use ast::{ArgKind, ExprKind, StmtKind};
    let called = |e: &ast::Expr| match &e.kind {
        ExprKind::Call { func, .. } => match &func.kind {
            ExprKind::Name(n) => Some(format!("{}()", n.id)),
            _ => None,
        },
        _ => None,
    };
    // `coro = fetch_data()` then `await coro` (44.1.1): the coroutine made by that call.
    let mut made: Vec<(&str, String)> = Vec::new();
    for stmt in &module.body {
        let value = match &stmt.kind {
            StmtKind::Expr(e) => e,
            StmtKind::Assign { value, targets } => {
                if let ([target], Some(text)) = (&targets[..], called(value)) {
                    if let ExprKind::Name(n) = &target.kind {
                        made.push((&n.id, text));
                    }
                }
                value
            }
            StmtKind::AnnAssign { value: Some(value), .. } => value,
            _ => continue,
        };
        let found = match &value.kind {
            ExprKind::Await(inner) => called(inner).or_else(|| match &inner.kind {
                ExprKind::Name(n) => made.iter().rev().find(|(name, _)| **name == *n.id).map(|(_, text)| text.clone()),
                _ => None,
            }),
            ExprKind::Call { func, args } => match (&func.kind, args.first().map(|a| &a.kind)) {
                (ExprKind::Attribute { attr, .. }, Some(ArgKind::Positional(coro))) if &**attr == "run" => called(coro),
                _ => None,
            },
            _ => None,
        };
        if let Some(text) = found {
            return text;
        }
    }
    "<module>".to_string()
}

/// Starts `program` as the run's root task (lane `main`) on `aio`. `seed` seeds `random` for
/// programs that do not seed it themselves.
pub fn start(program: &Program, aio: &Aio, seed: u64) -> Started {
    let interp = Interp::new(aio.clone(), &program.source, seed);
    interp.top_level_await.set(program.module.top_level_await);
    let report = Rc::new(RefCell::new(Report::default()));
    let module = program.module.clone();
    let me = interp.clone();
    let out = report.clone();
    let globals = Rc::new(Namespace::default());
    globals.set(Rc::from("__name__"), Value::str("__main__"));
    let frame = Rc::new(Frame::module(globals.clone()));
    let module_frame = frame.clone();
    let future = async move {
        if module.top_level_await {
            me.loop_running.set(true);
        }
        let result = match me.exec_block_a(&frame, &module.body).await {
            Ok(_) => Ok(Value::None),
            Err(e) => Err(me.add_traceback(e, &frame)),
        };
        // Text printed with end="" and never ended by a newline still appears.
        let rest = std::mem::take(&mut *me.output.borrow_mut());
        if !rest.is_empty() {
            me.aio.print(rest);
        }
        if let Err(e) = &result {
            out.borrow_mut().error = Some(me.describe_error(e));
        }
        me.to_engine_result(&result)
    };
    let future = eval_async::OnStack {
        interp: interp.clone(),
        frame: module_frame,
        inner: futures::FutureExt::boxed_local(future),
    };
    let task = aio.run_main("main", &root_coroutine(&program.module), future);
    // The top-level code is asyncio's first task (`Task-1`, what `current_task()` returns there).
    let root = native::TaskObj::new(
        task.clone(),
        Rc::from("Task-1"),
        Rc::from("main"),
        Rc::new(RefCell::new(None)),
        Rc::new(RefCell::new(Vec::new())),
    );
    // Its outcome is the program's, reported as such: never "exception was never retrieved".
    root.retrieved.set(true);
    let root = Value::Native(Rc::new(native::Native::Task(root)));
    interp.tasks.borrow_mut().insert(task.id(), root);
    Started { task, report, interp, globals, end_logged: Cell::new(false) }
}

impl Interp {
    /// `ValueError: bad` (CancelledError as the engine's log writes it).
    fn exception_line(self: &Rc<Self>, e: &Exc) -> String {
        if self.exc_is(e, "CancelledError") {
            return "CancelledError".to_string();
        }
        let class = self.type_name(&e.value);
        let text = self.to_str(&e.value).unwrap_or_default();
        if text.is_empty() {
            class.to_string()
        } else {
            format!("{class}: {text}")
        }
    }

    /// An uncaught exception as CPython reports it.
    fn describe_error(self: &Rc<Self>, e: &Exc) -> ProgramError {
        let class = self.type_name(&e.value);
        let text = self.to_str(&e.value).unwrap_or_default();
        let module = match &e.value {
            Value::Instance(i)
                if matches!(&*i.class.name, "QueueEmpty" | "QueueFull") && i.class.module == "asyncio" =>
            {
                "asyncio.queues."
            }
            Value::Instance(i) if i.class.module == "asyncio" => "asyncio.exceptions.",
            Value::Instance(i) if i.class.module == "aiohttp" => "aiohttp.client_exceptions.",
            _ => "",
        };
        let message = if text.is_empty() { format!("{module}{class}") } else { format!("{module}{class}: {text}") };
        let mut traceback = String::from("Traceback (most recent call last):\n");
        for entry in e.traceback.iter().rev() {
            traceback.push_str(&format!("  File \"{FILENAME}\", line {}, in {}\n", entry.line, entry.function));
            if let Some(src) = self.source_lines.get(entry.line.saturating_sub(1) as usize) {
                traceback.push_str(&format!("    {}\n", src.trim()));
            }
        }
        traceback.push_str(&message);
        ProgramError { message, line: e.traceback.first().map_or(0, |t| t.line), traceback }
    }
}

/// A whole run on the virtual clock: what the differential tests and the ideal preview read.
pub struct VirtualProgramRun {
    pub events: Vec<Event>,
    pub error: Option<ProgramError>,
    pub warnings: Vec<String>,
    /// Why the clock stopped if not because the program finished.
    pub stopped: Option<String>,
}

impl VirtualProgramRun {
    /// Each printed line with its time (a print of several lines gives each its own).
    pub fn lines(&self) -> Vec<(Micros, String)> {
        self.events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Printed { text } => {
                    Some(text.split('\n').map(|l| (e.at, l.to_string())).collect::<Vec<_>>())
                }
                _ => None,
            })
            .flatten()
            .collect()
    }
}

/// How long a virtual run may go on (virtual time) before it is stopped: an hour.
pub const VIRTUAL_TIME_LIMIT: Micros = 3_600_000_000;

/// How many turns of the loop a virtual run may take.
pub const VIRTUAL_POLL_LIMIT: u64 = 10_000_000;

/// Compiles and runs `source` on a fresh virtual clock.
pub fn run_virtual(source: &str) -> Result<VirtualProgramRun, SyntaxError> {
    let program = Program::compile(source)?;
    Ok(run_program_virtual(&program, 0))
}

pub fn run_program_virtual(program: &Program, seed: u64) -> VirtualProgramRun {
    run_program_virtual_limited(program, seed, interp::STEP_BUDGET, VIRTUAL_POLL_LIMIT)
}

/// As `run_program_virtual`, with at most `step_budget` steps between two turns of the loop and
/// `polls` turns in all (the fuzzer's programs get small ones).
pub fn run_program_virtual_limited(program: &Program, seed: u64, step_budget: u64, polls: u64) -> VirtualProgramRun {
    let clock = VirtualClock::without_network();
    let aio = Aio::new(Rc::new(clock.clone()));
    let started = start(program, &aio, seed);
    started.interp.step_budget.set(step_budget);
    let outcome = clock.run(VIRTUAL_TIME_LIMIT, polls);
    let stopped = match outcome {
        crate::engine::RunOutcome::Idle => None,
        crate::engine::RunOutcome::TimeLimit => {
            Some("the program was still running after an hour of virtual time".to_string())
        }
        crate::engine::RunOutcome::StepLimit => Some("the program kept the loop busy without time passing".to_string()),
    };
    if stopped.is_some() {
        aio.stop();
        clock.run(u64::MAX, polls);
    }
    let warnings = started.warnings();
    let error = started.report.borrow().error.clone();
    VirtualProgramRun { events: aio.take_events(), error, warnings, stopped }
}
