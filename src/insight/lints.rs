//! Static checks on the program's source, each located at a line and column: the mistakes a linter
//! (ruff, flake8-async) would point at before the program runs. `warnings` shows them on the page
//! next to what the run itself reveals, at the moment the flagged line first ran.

use std::rc::Rc;

use crate::engine::{Place, WarningKind};
use crate::python::ast::{ArgKind, Comprehension, Expr, ExprKind, FStringPart, FunctionDef, Handler, Stmt, StmtKind};

/// One finding, located.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lint {
    /// `BlockingSleep`, `DanglingTask`, `SequentialAwait` or `SwallowedCancel`.
    pub kind: WarningKind,
    pub line: u32,
    pub col: u32,
    /// In the words ruff (or flake8-async) uses for it.
    pub text: String,
    /// The `async def` the flagged code is in, with the line of its `def`; `None` at module level.
    /// The log names functions, not lines' owners, so this is how `warnings` finds when the
    /// flagged code ran (a step of a task running that function) and what CPython's task repr
    /// calls `defined at`.
    pub within: Option<Place>,
}

/// The program's findings in source order; none when it does not parse (the page shows the
/// `SyntaxError` instead).
pub fn lint(source: &str) -> Vec<Lint> {
    let Ok(module) = crate::python::parser::parse(source) else { return Vec::new() };
    let mut linter = Linter { names: Names::default(), within: None, out: Vec::new() };
    // Names first (imports, the program's own async defs), wherever they are: a call may come
    // before the def it calls, and a program rarely rebinds `time` or `asyncio`.
    collect(&module.body, &mut linter.names);
    linter.stmts(&module.body);
    // The wasm's one sort (`crate::sort`), not another copy of the standard library's.
    crate::sort::sort_by_key(&mut linter.out, |l| (u64::from(l.line) << 32) | u64::from(l.col));
    linter.out
}

/// What the program's names refer to, as far as the checks care.
#[derive(Default)]
struct Names {
    /// `import time` / `import time as t`.
    time: Vec<Rc<str>>,
    /// `from time import sleep [as nap]`.
    sleep: Vec<Rc<str>>,
    /// `import asyncio [as aio]`.
    asyncio: Vec<Rc<str>>,
    /// `from asyncio import create_task, ensure_future [as …]`.
    spawn: Vec<Rc<str>>,
    /// The program's own `async def`s (not async generators: those are iterated, not awaited).
    async_defs: Vec<Rc<str>>,
}

fn collect(body: &[Stmt], names: &mut Names) {
    for s in body {
        match &s.kind {
            StmtKind::Import(modules) => {
                for (module, alias) in modules {
                    let bound = alias.clone().unwrap_or_else(|| module.clone());
                    match &**module {
                        "time" => names.time.push(bound),
                        "asyncio" => names.asyncio.push(bound),
                        _ => {}
                    }
                }
            }
            StmtKind::ImportFrom { module, names: imported } => {
                for (name, alias) in imported {
                    let bound = alias.clone().unwrap_or_else(|| name.clone());
                    match (&**module, &**name) {
                        ("time", "sleep") => names.sleep.push(bound),
                        ("asyncio", "create_task" | "ensure_future") => names.spawn.push(bound),
                        _ => {}
                    }
                }
            }
            StmtKind::FunctionDef(def) => {
                if def.is_async && !def.is_generator {
                    names.async_defs.push(def.name.clone());
                }
                collect(&def.body, names);
            }
            StmtKind::ClassDef(class) => collect(&class.body, names),
            _ => each_block(s, |b| collect(b, names)),
        }
    }
}

/// Calls `f` on each statement block directly inside `s` (not nested function or class bodies).
fn each_block(s: &Stmt, mut f: impl FnMut(&[Stmt])) {
    match &s.kind {
        StmtKind::If { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::For { body, orelse, .. } => {
            f(body);
            f(orelse);
        }
        StmtKind::With { body, .. } => f(body),
        StmtKind::Try { body, handlers, orelse, finalbody, .. } => {
            f(body);
            handlers.iter().for_each(|h| f(&h.body));
            f(orelse);
            f(finalbody);
        }
        _ => {}
    }
}

struct Linter {
    names: Names,
    /// The `async def` being walked (`None` at module level and in plain defs, lambdas, classes).
    within: Option<Place>,
    out: Vec<Lint>,
}

impl Linter {
    fn push(&mut self, kind: WarningKind, line: u32, col: u32, text: String) {
        self.out.push(Lint { kind, line, col, text, within: self.within.clone() });
    }

    fn stmts(&mut self, body: &[Stmt]) {
        body.iter().for_each(|s| self.stmt(s));
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Expr(e) => {
                // RUF006: the task is the call's only result, and it is thrown away.
                if let Some(spawn) = self.spawn_call(e) {
                    let text = format!("Store a reference to the return value of `{spawn}`");
                    self.push(WarningKind::DanglingTask, e.pos.line, e.pos.col, text);
                }
                self.expr(e);
            }
            StmtKind::FunctionDef(def) => self.function(def),
            StmtKind::ClassDef(class) => {
                class.decorators.iter().chain(&class.bases).for_each(|e| self.expr(e));
                let outer = self.within.take();
                self.stmts(&class.body);
                self.within = outer;
            }
            StmtKind::For { target, iter, body, orelse, .. } => {
                if self.within.is_some() {
                    if let Some((call, pos_line, pos_col)) = self.awaited_each_time(body) {
                        let text = format!(
                            "`await {call}(…)` in a loop: each call starts only after the previous one has finished"
                        );
                        self.push(WarningKind::SequentialAwait, pos_line, pos_col, text);
                    }
                }
                self.expr(target);
                self.expr(iter);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::Try { body, handlers, orelse, finalbody, .. } => {
                // CancelledError is raised at an await, so only a try body that can suspend can
                // catch it; and `task.cancel()` then `try: await task except CancelledError:` is
                // the documented way to wait for a task to finish being cancelled (the error is the
                // task's outcome, not this coroutine's own cancellation).
                let can_be_cancelled = body.iter().any(|s| s.suspends) && !only_awaits_tasks(body);
                for h in handlers {
                    if self.within.is_some() && can_be_cancelled && !has_raise(&h.body) {
                        if let Some(caught) = catches_cancel(h, &self.names) {
                            let text = format!("{caught} block with a code path that doesn't re-raise the error");
                            self.push(WarningKind::SwallowedCancel, h.pos.line, h.pos.col, text);
                        }
                    }
                }
                self.stmts(body);
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.expr(t);
                    }
                    self.stmts(&h.body);
                }
                self.stmts(orelse);
                self.stmts(finalbody);
            }
            StmtKind::Assign { targets, value } => {
                targets.iter().for_each(|t| self.expr(t));
                self.expr(value);
            }
            StmtKind::AugAssign { target, value, .. } => [target, value].into_iter().for_each(|v| self.expr(v)),
            StmtKind::AnnAssign { target, value, .. } => {
                self.expr(target);
                value.iter().for_each(|v| self.expr(v));
            }
            StmtKind::Return(value) => value.iter().for_each(|v| self.expr(v)),
            StmtKind::If { test, .. } | StmtKind::While { test, .. } => {
                self.expr(test);
                each_block(s, |b| self.stmts(b));
            }
            StmtKind::With { items, body, .. } => {
                for item in items {
                    self.expr(&item.context);
                    item.target.iter().for_each(|t| self.expr(t));
                }
                self.stmts(body);
            }
            StmtKind::Raise { exc, cause } => exc.iter().chain(cause).for_each(|e| self.expr(e)),
            StmtKind::Assert { test, msg } => std::iter::once(test).chain(msg).for_each(|e| self.expr(e)),
            StmtKind::Delete(targets) => targets.iter().for_each(|t| self.expr(t)),
            StmtKind::Break
            | StmtKind::Continue
            | StmtKind::Pass
            | StmtKind::Global(_)
            | StmtKind::Nonlocal(_)
            | StmtKind::Import(_)
            | StmtKind::ImportFrom { .. } => {}
        }
    }

    fn function(&mut self, def: &FunctionDef) {
        // Decorators and defaults run where the def is, not in the function.
        def.decorators.iter().for_each(|d| self.expr(d));
        let p = &def.params;
        let params = p.args.iter().chain(&p.vararg).chain(&p.kwonly).chain(&p.kwarg);
        params.filter_map(|p| p.default.as_ref()).for_each(|d| self.expr(d));
        let inside = def.is_async.then(|| Place { function: def.name.clone(), line: def.pos.line });
        let outer = std::mem::replace(&mut self.within, inside);
        self.stmts(&def.body);
        if let Some(body) = &def.lambda_body {
            self.expr(body);
        }
        self.within = outer;
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Call { func, args } => {
                if self.within.is_some() && self.is_time_sleep(func) {
                    let text = "Async functions should not call `time.sleep`".to_string();
                    self.push(WarningKind::BlockingSleep, e.pos.line, e.pos.col, text);
                }
                self.expr(func);
                for a in args {
                    match &a.kind {
                        ArgKind::Positional(v) | ArgKind::Star(v) | ArgKind::Keyword(_, v) | ArgKind::DoubleStar(v) => {
                            self.expr(v)
                        }
                    }
                }
            }
            // A lambda's body runs when it is called, not in the coroutine that makes it.
            ExprKind::Lambda(def) => self.function(def),
            // A comprehension runs in place: a blocking call in it blocks the coroutine.
            ExprKind::Comprehension { element, generators, .. } => {
                self.expr(element);
                generators.iter().for_each(|g: &Comprehension| {
                    self.expr(&g.target);
                    self.expr(&g.iter);
                    g.ifs.iter().for_each(|i| self.expr(i));
                });
            }
            ExprKind::Constant(_) | ExprKind::Name(_) => {}
            ExprKind::FString(parts) => self.fstring(parts),
            ExprKind::Attribute { value, .. }
            | ExprKind::Starred(value)
            | ExprKind::Await(value)
            | ExprKind::YieldFrom(value)
            | ExprKind::UnaryOp { operand: value, .. } => self.expr(value),
            ExprKind::Yield(value) => value.iter().for_each(|v| self.expr(v)),
            ExprKind::Subscript { value: a, index: b }
            | ExprKind::BinOp { left: a, right: b, .. }
            | ExprKind::NamedExpr { target: a, value: b } => [a, b].into_iter().for_each(|v| self.expr(v)),
            ExprKind::Slice { lower, upper, step } => {
                [lower, upper, step].into_iter().flatten().for_each(|v| self.expr(v))
            }
            ExprKind::BoolOp { values, .. }
            | ExprKind::List(values)
            | ExprKind::Tuple(values)
            | ExprKind::Set(values) => values.iter().for_each(|v| self.expr(v)),
            ExprKind::Compare { left, ops } => {
                self.expr(left);
                ops.iter().for_each(|(_, v)| self.expr(v));
            }
            ExprKind::IfExp { test, body, orelse } => [test, body, orelse].into_iter().for_each(|v| self.expr(v)),
            ExprKind::Dict(pairs) => {
                for (k, v) in pairs {
                    k.iter().for_each(|k| self.expr(k));
                    self.expr(v);
                }
            }
        }
    }

    fn fstring(&mut self, parts: &[FStringPart]) {
        for part in parts {
            if let FStringPart::Field { value, spec, .. } = part {
                self.expr(value);
                self.fstring(spec);
            }
        }
    }

    /// `time.sleep` (through any alias of `time`) or a `sleep` imported from `time`.
    fn is_time_sleep(&self, func: &Expr) -> bool {
        match &func.kind {
            ExprKind::Attribute { value, attr } if &**attr == "sleep" => {
                matches!(&value.kind, ExprKind::Name(n) if self.names.time.contains(&n.id))
            }
            ExprKind::Name(n) => self.names.sleep.contains(&n.id),
            _ => false,
        }
    }

    /// `asyncio.create_task(…)` / `asyncio.ensure_future(…)` (or the names imported from asyncio),
    /// as ruff writes the callee. `tg.create_task` is not one: the TaskGroup keeps its tasks.
    fn spawn_call(&self, e: &Expr) -> Option<String> {
        let ExprKind::Call { func, .. } = &e.kind else { return None };
        match &func.kind {
            ExprKind::Attribute { value, attr } if matches!(&**attr, "create_task" | "ensure_future") => {
                match &value.kind {
                    ExprKind::Name(n) if self.names.asyncio.contains(&n.id) => Some(format!("asyncio.{attr}")),
                    _ => None,
                }
            }
            ExprKind::Name(n) if self.names.spawn.contains(&n.id) => Some(n.id.to_string()),
            _ => None,
        }
    }

    /// The first statement of a loop body that awaits a call of one of the program's own async
    /// defs on every iteration (not inside an `if`, a nested loop or a handler), as the callee's
    /// name and the await's place.
    fn awaited_each_time(&self, body: &[Stmt]) -> Option<(String, u32, u32)> {
        for s in body {
            let awaited = match &s.kind {
                StmtKind::Expr(e) => Some(e),
                StmtKind::Assign { value, .. } | StmtKind::AugAssign { value, .. } => Some(value),
                StmtKind::AnnAssign { value, .. } => value.as_ref(),
                StmtKind::With { body, .. } => return self.awaited_each_time(body),
                StmtKind::Try { body, .. } => return self.awaited_each_time(body),
                _ => None,
            };
            let Some(e) = awaited else { continue };
            let ExprKind::Await(inner) = &e.kind else { continue };
            let ExprKind::Call { func, .. } = &inner.kind else { continue };
            let callee = match &func.kind {
                ExprKind::Name(n) => &n.id,
                // A method (`await self.fetch()`), but not a module's function (`asyncio.sleep`).
                ExprKind::Attribute { value, attr } => match &value.kind {
                    ExprKind::Name(n) if self.names.asyncio.contains(&n.id) => continue,
                    _ => attr,
                },
                _ => continue,
            };
            if self.names.async_defs.contains(callee) {
                return Some((callee.to_string(), e.pos.line, e.pos.col));
            }
        }
        None
    }
}

/// What a handler catches, if it catches `CancelledError` (as flake8-async's ASYNC103 names it).
fn catches_cancel(h: &Handler, names: &Names) -> Option<&'static str> {
    let Some(typ) = &h.typ else { return Some("bare `except:`") };
    let one = |e: &Expr| match &e.kind {
        ExprKind::Name(n) if &*n.id == "CancelledError" => Some("CancelledError"),
        ExprKind::Name(n) if &*n.id == "BaseException" => Some("BaseException"),
        // `asyncio.CancelledError`, `asyncio.exceptions.CancelledError`.
        ExprKind::Attribute { value, attr } if &**attr == "CancelledError" => match &value.kind {
            ExprKind::Name(n) if names.asyncio.contains(&n.id) => Some("CancelledError"),
            ExprKind::Attribute { attr, .. } if &**attr == "exceptions" => Some("CancelledError"),
            _ => None,
        },
        _ => None,
    };
    match &typ.kind {
        ExprKind::Tuple(items) => items.iter().find_map(one),
        _ => one(typ),
    }
}

/// Every statement of the block that suspends awaits a task or future held in a variable
/// (`await task`, `result = await self.task`), not a call.
fn only_awaits_tasks(body: &[Stmt]) -> bool {
    body.iter().filter(|s| s.suspends).all(|s| {
        let value = match &s.kind {
            StmtKind::Expr(e) => e,
            StmtKind::Assign { value, .. } => value,
            _ => return false,
        };
        matches!(&value.kind, ExprKind::Await(inner) if matches!(inner.kind, ExprKind::Name(_) | ExprKind::Attribute { .. }))
    })
}

/// A `raise` anywhere in the block (not in a function defined there: that runs another time).
fn has_raise(body: &[Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::Raise { .. } => true,
        StmtKind::FunctionDef(_) | StmtKind::ClassDef(_) => false,
        _ => {
            let mut found = false;
            each_block(s, |b| found |= has_raise(b));
            found
        }
    })
}
