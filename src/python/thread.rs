//! `asyncio.to_thread(func, *args)` in another thread: on the page, 44.5's Web Worker, which runs
//! this same wasm. The loop's side (`Interp::thread_job`) sends a call only when it shares nothing
//! with the loop: a plain function defined at the program's top level, called with immutable
//! values (numbers, strings, bytes, None, bools, and tuples of them). The job is the
//! program's text with those values appended as two assignments. The other side
//! (`run_thread_job`) runs only the program's definitions (imports, `def`, `class`, assignments of
//! plain values: never its calls, prints or awaits), then the call, on its own clock, and answers
//! with the result's repr (or the exception) and the lines printed, which the loop's side prints
//! when the answer comes. Any other call runs on the loop's own thread, on a clock of its own, as
//! the virtual clock always does (`Interp::to_thread`).
//!
//! Kept small on purpose: values cross as Python text read back by the interpreter itself.

use std::rc::Rc;

use super::ast::{ExprKind, StmtKind};
use super::interp::{Frame, Interp};
use super::value::{Exc, Namespace, PyResult, Value};
use super::Program;
use crate::engine::Aio;

/// Separates an answer's fields (never in a repr, an exception's name or a printed line's
/// meaning: a printed NUL is lost, the only cost).
const SEP: char = '\0';

/// A value no one can change: it can be copied to the other thread.
fn immutable(v: &Value) -> bool {
    match v {
        Value::Tuple(items) => items.iter().all(immutable),
        Value::List(_) | Value::Dict(_) => false,
        v => plain(v),
    }
}

/// A value that reads back from its repr as the same value.
fn plain(v: &Value) -> bool {
    match v {
        Value::None | Value::Bool(_) | Value::Int(_) | Value::BigInt(_) | Value::Str(_) | Value::Bytes(_) => true,
        Value::Float(x) => x.is_finite(),
        Value::Tuple(items) => items.iter().all(plain),
        Value::List(items) => items.borrow().iter().all(plain),
        Value::Dict(d) => d.borrow().iter().all(|(k, v)| plain(k) && plain(v)),
        _ => false,
    }
}

impl Interp {
    /// The job for another thread, if this call can go there (see the module's comment).
    pub(super) fn thread_job(
        self: &Rc<Self>,
        func: &Value,
        args: &[Value],
        kwargs: &[(Rc<str>, Value)],
    ) -> Option<String> {
        let Value::Function(f) = func else { return None };
        let top_level = matches!(f.globals.get(&f.def.name), Some(Value::Function(g)) if Rc::ptr_eq(&g, f));
        if f.def.is_async || f.def.is_generator || *f.qualname != *f.def.name || !top_level {
            return None;
        }
        // Arguments are copied, so only values no one can change: a list the function appends to
        // must be the caller's list, as in CPython (that call runs in place).
        if !args.iter().chain(kwargs.iter().map(|(_, v)| v)).all(immutable) {
            return None;
        }
        // The two threads share no objects: a call is sent only when the program has nothing the
        // function could change or read differently there. No `global` statement anywhere, no
        // `random` (its state is the loop's), and every global a module, a function, a class, or
        // an immutable value, which goes along as it is now (`start = time.time()` included).
        if self.source_lines.iter().any(|l| l.trim_start().starts_with("global ")) {
            return None;
        }
        let mut globals = String::new();
        for (name, value) in f.globals.vars.borrow().iter() {
            match value {
                Value::Module(m) if m.name == "random" => return None,
                Value::Module(_) | Value::Function(_) | Value::Class(_) | Value::Builtin(_) => {}
                v if immutable(v) => globals += &format!("{name} = {}\n", self.repr(v).ok()?),
                _ => return None,
            }
        }
        let args = self.repr(&Value::tuple(args.to_vec())).ok()?;
        let mut named = String::new();
        for (k, v) in kwargs {
            named += &format!("{}: {}, ", super::format::str_repr(k), self.repr(v).ok()?);
        }
        let source = self.source_lines.join("\n");
        Some(format!(
            "{}\n{}\n{source}\n{globals}__thread_args__ = {args}\n__thread_kwargs__ = {{{named}}}\n",
            self.aio.now(),
            f.def.name
        ))
    }

    /// The other thread's answer, here: its lines printed, then its result or its exception.
    pub(super) fn thread_answer(self: &Rc<Self>, func: &Value, answer: &str) -> PyResult<Value> {
        let mut fields = answer.split(SEP);
        let (status, payload) = (fields.next().unwrap_or(""), fields.next().unwrap_or(""));
        let detail = fields.next().unwrap_or("");
        for line in fields {
            self.aio.print(line);
        }
        match status {
            "R" => match read_back(self, payload) {
                Some(value) => Ok(value),
                None => self.err("RuntimeError", format!("the Web Worker's answer could not be read: {payload}")),
            },
            // The program's own exception class if it has one by that name, else a built-in one.
            _ => {
                let class = match func {
                    Value::Function(f) => match f.globals.get(payload) {
                        Some(Value::Class(c)) => Some(c),
                        _ => None,
                    },
                    _ => None,
                }
                .or_else(|| self.classes.find(payload));
                match class {
                    Some(class) => {
                        let args = if detail.is_empty() { vec![] } else { vec![Value::str(detail)] };
                        Err(Box::new(Exc { value: self.exception_instance(class, args), traceback: vec![] }))
                    }
                    None => self.err("RuntimeError", format!("{payload}: {detail}")),
                }
            }
        }
    }
}

/// `text` (a repr of a plain value) read back as that value, by the interpreter itself.
fn read_back(interp: &Rc<Interp>, text: &str) -> Option<Value> {
    let program = Program::compile(&format!("__value__ = {text}\n")).ok()?;
    let globals = Rc::new(Namespace::default());
    let frame = Frame::module(globals.clone());
    interp.exec_block(&frame, &program.module.body).ok()?;
    globals.get("__value__")
}

/// Is this top-level statement a definition the thread's program needs (and nothing else)?
fn defines(kind: &StmtKind) -> bool {
    fn literal(kind: &ExprKind) -> bool {
        match kind {
            ExprKind::Constant(_) => true,
            ExprKind::UnaryOp { operand, .. } => literal(&operand.kind),
            ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
                items.iter().all(|e| literal(&e.kind))
            }
            ExprKind::Dict(items) => {
                items.iter().all(|(k, v)| k.as_ref().is_some_and(|k| literal(&k.kind)) && literal(&v.kind))
            }
            _ => false,
        }
    }
    match kind {
        StmtKind::Import(_) | StmtKind::ImportFrom { .. } | StmtKind::FunctionDef(_) | StmtKind::ClassDef(_) => true,
        StmtKind::Assign { value, .. } => literal(&value.kind),
        StmtKind::AnnAssign { value: Some(value), .. } => literal(&value.kind),
        _ => false,
    }
}

/// The loop's clock (µs) when the job was made: where the other thread's clock starts.
pub fn job_clock(job: &str) -> crate::engine::Micros {
    job.lines().next().and_then(|line| line.parse().ok()).unwrap_or(0)
}

/// The other thread's side: runs `job` (from `Interp::thread_job`) on `aio` (whose clock is the
/// thread's own) and answers. Its prints are collected, not shown: the loop's side prints them.
pub fn run_thread_job(job: &str, aio: &Aio) -> String {
    // The first line is the clock (`job_clock`: the runtime behind `aio` starts there).
    let mut parts = job.splitn(3, '\n').skip(1);
    let (name, source) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let program = match Program::compile(source) {
        Ok(program) => program,
        Err(e) => return format!("E{SEP}SyntaxError{SEP}{}", e.message),
    };
    let interp = Interp::new(aio.clone(), source, 0);
    // A thread may run as long as it likes: it holds no loop, and Stop ends the worker.
    interp.step_budget.set(u64::MAX);
    let globals = Rc::new(Namespace::default());
    globals.set(Rc::from("__name__"), Value::str("__main__"));
    let frame = Frame::module(globals.clone());
    let outcome = (|| -> PyResult<Value> {
        for stmt in program.module.body.iter().filter(|s| defines(&s.kind)) {
            interp.exec(&frame, stmt)?;
        }
        let func = globals.get(name).unwrap_or(Value::None);
        let args = match globals.get("__thread_args__") {
            Some(Value::Tuple(items)) => items.to_vec(),
            _ => vec![],
        };
        let kwargs = match globals.get("__thread_kwargs__") {
            Some(Value::Dict(d)) => d
                .borrow()
                .iter()
                .filter_map(|(k, v)| match k {
                    Value::Str(k) => Some((k.clone(), v.clone())),
                    _ => None,
                })
                .collect(),
            _ => vec![],
        };
        interp.call(&func, args, kwargs)
    })();
    let mut answer = match &outcome {
        Ok(value) if plain(value) => format!("R{SEP}{}{SEP}", interp.repr(value).unwrap_or_default()),
        Ok(value) => format!(
            "E{SEP}NotImplementedError{SEP}{}() returned a '{}': bringing one back from the Web Worker is not supported by the playground yet",
            name,
            interp.type_name(value)
        ),
        Err(e) => {
            let class = interp.type_name(&e.value);
            format!("E{SEP}{class}{SEP}{}", interp.to_str(&e.value).unwrap_or_default())
        }
    };
    // A line left open by `print(…, end="")` still shows.
    let rest = std::mem::take(&mut *interp.output.borrow_mut());
    for event in aio.take_events() {
        if let crate::engine::EventKind::Printed { text } = event.kind {
            answer.push(SEP);
            answer.push_str(&text);
        }
    }
    if !rest.is_empty() {
        answer.push(SEP);
        answer.push_str(&rest);
    }
    drop(outcome);
    interp.release(&globals);
    answer
}
