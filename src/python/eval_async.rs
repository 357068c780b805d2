//! The suspending half of the tree-walker: coroutine and generator bodies run as futures on `Aio`.
//! Only statements and expressions marked `suspends` come here; the rest go straight to `eval.rs`.
//! `await` drives the awaited object inside the current task (a coroutine is polled in place, a
//! task or future is waited on through `Aio`, so the wait is logged and cancellable); `yield`
//! leaves its value in the generator's channel and returns `Pending` once, which the generator's
//! driver turns into the yielded value.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use futures::future::LocalBoxFuture;
use futures::FutureExt;

use super::ast::{BoolOp, Comprehension, ComprehensionKind, Expr, ExprKind, FunctionDef, Stmt, StmtKind};
use super::interp::{Flow, Frame, Interp};
use super::native::{BoxedRun, GenChannel, Generator, Native};
use super::value::{Dict, Exc, Function, PyResult, Value};

/// The future of a coroutine's or generator's body.
pub fn run_body(interp: Rc<Interp>, frame: Rc<Frame>, def: Rc<FunctionDef>) -> BoxedRun {
    let body = {
        let (interp, frame) = (interp.clone(), frame.clone());
        async move {
            let result = match &def.lambda_body {
                Some(body) => interp.eval_a(&frame, body).await,
                None => match interp.exec_block_a(&frame, &def.body).await {
                    Ok(Flow::Return(v)) => Ok(v),
                    Ok(_) => Ok(Value::None),
                    Err(e) => Err(e),
                },
            };
            result.map_err(|e| interp.add_traceback(e, &frame))
        }
        .boxed_local()
    };
    OnStack { interp, frame, inner: body }.boxed_local()
}

/// Polls a coroutine's (or generator's) body with its frame on `Interp::polling`, so a task that
/// suspends inside it is logged with where it stopped.
pub struct OnStack<F> {
    pub interp: Rc<Interp>,
    pub frame: Rc<Frame>,
    pub inner: F,
}

impl<F: Future + Unpin> Future for OnStack<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = &mut *self;
        this.interp.polling.borrow_mut().push(this.frame.clone());
        let r = Pin::new(&mut this.inner).poll(cx);
        this.interp.polling.borrow_mut().pop();
        r
    }
}

/// A generator expression's generator (or an async comprehension's async generator).
pub fn comprehension_object(
    interp: Rc<Interp>,
    frame: Frame,
    func: Rc<Function>,
    kind: ComprehensionKind,
    element: Rc<Expr>,
    generators: Rc<Vec<Comprehension>>,
    first: Value,
) -> PyResult<Value> {
    let channel = Rc::new(GenChannel::default());
    let mut frame = frame;
    frame.channel = Some(channel.clone());
    let frame = Rc::new(frame);
    let is_async = func.def.is_async;
    let run: BoxedRun = {
        let interp = interp.clone();
        async move {
            let mut sink = Sink::Yield;
            interp.comp_loop_a(&frame, &element, &generators, 0, first, &mut sink).await?;
            Ok(Value::None)
        }
        .boxed_local()
    };
    let gen = Value::Native(Rc::new(Native::Generator(Generator {
        name: func.def.name.clone(),
        is_async,
        run: std::cell::RefCell::new(Some(run)),
        channel,
        started: std::cell::Cell::new(false),
        running: std::cell::Cell::new(false),
    })));
    if kind == ComprehensionKind::Generator {
        return Ok(gen);
    }
    // An async list/set/dict comprehension: the caller awaits the collection (see `eval_a`).
    let _ = interp;
    Ok(gen)
}

/// The state `eval_a` keeps while it walks an expression's children.
struct Walk {
    /// The callee, the comparison's left side, the last `and`/`or` value or a dict's key.
    last: Value,
    /// Positional arguments, or the items of a list, tuple or set.
    items: Vec<Value>,
    kw: Vec<(Rc<str>, Value)>,
    text: String,
    dict: Option<Dict>,
}

/// How many children `walk_child` may give for `e`.
fn walk_len(e: &Expr) -> usize {
    match &e.kind {
        ExprKind::Call { args, .. } => args.len(),
        ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => items.len(),
        ExprKind::Compare { ops, .. } => ops.len(),
        ExprKind::BoolOp { values, .. } => values.len(),
        ExprKind::FString(parts) => parts.len(),
        ExprKind::Dict(pairs) => pairs.len() * 2,
        _ => 0,
    }
}

/// `e`'s child `i` to evaluate, or `None` for nothing to evaluate there (an f-string's literal
/// text, which goes straight into the text, or the missing key of `**v`).
fn walk_child<'e>(e: &'e Expr, i: usize, walk: &mut Walk) -> Option<&'e Expr> {
    match &e.kind {
        ExprKind::Call { args, .. } => match &args[i].kind {
            super::ast::ArgKind::Positional(x)
            | super::ast::ArgKind::Star(x)
            | super::ast::ArgKind::Keyword(_, x)
            | super::ast::ArgKind::DoubleStar(x) => Some(x),
        },
        ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => match &items[i].kind {
            ExprKind::Starred(inner) => Some(inner),
            _ => Some(&items[i]),
        },
        ExprKind::Compare { ops, .. } => Some(&ops[i].1),
        ExprKind::BoolOp { values, .. } => Some(&values[i]),
        ExprKind::FString(parts) => match &parts[i] {
            super::ast::FStringPart::Literal(s) => {
                walk.text.push_str(s);
                None
            }
            super::ast::FStringPart::Field { value, .. } => Some(value),
        },
        ExprKind::Dict(pairs) if i.is_multiple_of(2) => pairs[i / 2].0.as_ref(),
        ExprKind::Dict(pairs) => Some(&pairs[i / 2].1),
        _ => None,
    }
}

enum Sink {
    Yield,
    Collect(Vec<Value>),
}

/// `yield value`: hands the value to the driver (Pending once), then returns what was sent.
struct YieldPoint {
    channel: Rc<GenChannel>,
    value: Option<Value>,
}

impl Future for YieldPoint {
    type Output = PyResult<Value>;

    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Some(v) = self.value.take() {
            *self.channel.yielded.borrow_mut() = Some(v);
            return Poll::Pending;
        }
        if let Some(e) = self.channel.thrown.borrow_mut().take() {
            return Poll::Ready(Err(e));
        }
        Poll::Ready(Ok(self.channel.sent.borrow_mut().take().unwrap_or(Value::None)))
    }
}

/// What `await` waits on, as one future type so `await_value` has one await point. A coroutine
/// awaited inside another (`nested`): each poll of it nests one level deeper on the Rust stack,
/// so it counts towards the recursion limit while it is being polled (not while it is
/// suspended: ten thousand sleeping tasks are not a deep recursion). Anything else is polled as
/// it is.
struct Nested<'a> {
    interp: Rc<Interp>,
    inner: LocalBoxFuture<'a, PyResult<Value>>,
    nested: bool,
}

impl Future for Nested<'_> {
    type Output = PyResult<Value>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if !self.nested {
            return self.inner.as_mut().poll(cx);
        }
        if let Err(e) = self.interp.enter_call() {
            return Poll::Ready(Err(e));
        }
        let r = self.inner.as_mut().poll(cx);
        self.interp.leave_call();
        r
    }
}

/// What one step of a generator gave.
pub enum Resumed {
    Yielded(Value),
    Returned(Value),
}

/// Polls an async generator's body with the task's context until it yields, returns or raises.
struct AnextFuture {
    interp: Rc<Interp>,
    gen: Rc<Native>,
    /// `asend(value)`: what the `yield` the generator is suspended at returns (taken on the first
    /// poll); `None` for `__anext__`.
    sent: Option<Value>,
}

impl Future for AnextFuture {
    type Output = PyResult<Value>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let sent = self.sent.take();
        let Native::Generator(g) = &*self.gen else { return Poll::Ready(Ok(Value::None)) };
        if let Some(v) = sent {
            if !g.started.get() && !matches!(v, Value::None) {
                return Poll::Ready(
                    self.interp.err("TypeError", "can't send non-None value to a just-started async generator"),
                );
            }
            *g.channel.sent.borrow_mut() = Some(v);
        }
        let Some(mut run) = g.run.borrow_mut().take() else {
            return Poll::Ready(self.interp.err("StopAsyncIteration", ""));
        };
        g.started.set(true);
        match run.as_mut().poll(cx) {
            Poll::Ready(Ok(_)) => Poll::Ready(self.interp.err("StopAsyncIteration", "")),
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => {
                *g.run.borrow_mut() = Some(run);
                match g.channel.yielded.borrow_mut().take() {
                    Some(v) => Poll::Ready(Ok(v)),
                    None => Poll::Pending,
                }
            }
        }
    }
}

impl Interp {
    /// One step of a (sync) generator: `next()`, `send()` or `throw()`.
    pub fn gen_resume(
        self: &Rc<Self>,
        g: &Generator,
        sent: Option<Value>,
        thrown: Option<Box<Exc>>,
    ) -> PyResult<Resumed> {
        if g.running.get() {
            return self.err("ValueError", "generator already executing");
        }
        let Some(mut run) = g.run.borrow_mut().take() else {
            if let Some(e) = thrown {
                return Err(e);
            }
            return Ok(Resumed::Returned(Value::None));
        };
        if !g.started.get() && sent.as_ref().is_some_and(|v| !matches!(v, Value::None)) {
            *g.run.borrow_mut() = Some(run);
            return self.err("TypeError", "can't send non-None value to a just-started generator");
        }
        g.started.set(true);
        *g.channel.sent.borrow_mut() = sent;
        *g.channel.thrown.borrow_mut() = thrown;
        g.running.set(true);
        let waker = futures::task::noop_waker();
        let mut cx = Context::from_waker(&waker);
        let poll = run.as_mut().poll(&mut cx);
        g.running.set(false);
        match poll {
            Poll::Ready(Ok(v)) => Ok(Resumed::Returned(v)),
            Poll::Ready(Err(e)) => {
                if self.exc_is(&e, "StopIteration") {
                    return self.err("RuntimeError", "generator raised StopIteration");
                }
                Err(e)
            }
            Poll::Pending => {
                *g.run.borrow_mut() = Some(run);
                match g.channel.yielded.borrow_mut().take() {
                    Some(v) => Ok(Resumed::Yielded(v)),
                    None => self.err("RuntimeError", "a generator cannot wait on the event loop"),
                }
            }
        }
    }

    /// `__anext__()` of an async generator, as an awaitable object.
    pub fn anext_awaitable(self: &Rc<Self>, gen: &Rc<Native>) -> Value {
        self.asend_awaitable(gen, None)
    }

    /// `agen.asend(value)` (`None`: `__anext__`).
    pub fn asend_awaitable(self: &Rc<Self>, gen: &Rc<Native>, sent: Option<Value>) -> Value {
        let fut = AnextFuture { interp: self.clone(), gen: gen.clone(), sent };
        Value::Native(Rc::new(Native::Awaitable(super::native::Awaitable {
            run: std::cell::RefCell::new(Some(fut.boxed_local())),
        })))
    }

    pub fn exec_block_a<'a>(self: &'a Rc<Self>, f: &'a Frame, body: &'a [Stmt]) -> LocalBoxFuture<'a, PyResult<Flow>> {
        async move {
            for s in body {
                let flow = if s.suspends { self.exec_a(f, s).await } else { self.exec(f, s) };
                self.cpu_done();
                let flow = flow?;
                if !matches!(flow, Flow::Normal) {
                    return Ok(flow);
                }
            }
            Ok(Flow::Normal)
        }
        .boxed_local()
    }

    /// Runs a statement that may suspend. As in `eval_a`, the arms share await points: the
    /// expressions a statement evaluates first go through one loop, the `for`/`while` loops share
    /// one body, and the block run last (a branch, an `else`, a `finally`) is awaited in one place.
    fn exec_a<'a>(self: &'a Rc<Self>, f: &'a Frame, s: &'a Stmt) -> LocalBoxFuture<'a, PyResult<Flow>> {
        async move {
            f.line.set(s.pos.line);
            self.step()?;
            let heads: [Option<&Expr>; 2] = match &s.kind {
                StmtKind::Expr(x)
                | StmtKind::AugAssign { value: x, .. }
                | StmtKind::AnnAssign { value: Some(x), .. }
                | StmtKind::Return(Some(x))
                | StmtKind::If { test: x, .. }
                | StmtKind::For { iter: x, .. }
                | StmtKind::Assert { test: x, .. } => [Some(x), None],
                StmtKind::Assign { targets, value } => {
                    self.set_lane_hint(targets, value);
                    [Some(value), None]
                }
                StmtKind::Raise { exc, cause } => [exc.as_ref(), cause.as_ref()],
                StmtKind::While { .. } | StmtKind::Try { .. } | StmtKind::With { .. } => [None, None],
                _ => return self.exec(f, s),
            };
            let mut values = [Value::None, Value::None];
            let mut failed = None;
            for (slot, x) in values.iter_mut().zip(heads) {
                if let Some(x) = x {
                    match self.eval_a(f, x).await {
                        Ok(v) => *slot = v,
                        Err(e) => {
                            failed = Some(e);
                            break;
                        }
                    }
                }
            }
            if let StmtKind::Assign { .. } = &s.kind {
                self.lane_hint.borrow_mut().take();
            }
            if let Some(e) = failed {
                return Err(e);
            }
            let [v, c] = values;
            // The block to run last, and for a `try … finally`, the result the `finally` block
            // passes on when it ends normally.
            let mut tail: &[Stmt] = &[];
            let mut before_finally: Option<PyResult<Flow>> = None;
            match &s.kind {
                StmtKind::Assign { targets, .. } => {
                    for t in targets {
                        self.assign(f, t, v.clone())?;
                    }
                }
                StmtKind::AugAssign { target, op, value } => self.aug_assign(f, target, *op, value, Some(v))?,
                StmtKind::AnnAssign { target, .. } => self.assign(f, target, v)?,
                StmtKind::Return(_) => return Ok(Flow::Return(v)),
                StmtKind::If { body, orelse, .. } => tail = if self.truthy(&v)? { body } else { orelse },
                StmtKind::While { body, orelse, .. } | StmtKind::For { body, orelse, .. } => {
                    let (sync_iter, async_iter) = match &s.kind {
                        StmtKind::For { is_async: true, .. } => (None, Some(self.aiter(&v)?)),
                        StmtKind::For { .. } => (Some(self.iter(&v)?), None),
                        _ => (None, None),
                    };
                    loop {
                        let more = match (&s.kind, &sync_iter, &async_iter) {
                            (StmtKind::While { test, .. }, _, _) => {
                                let t = self.eval_a(f, test).await?;
                                self.truthy(&t)?
                            }
                            (StmtKind::For { target, .. }, Some(it), _) => match self.next(it)? {
                                Some(item) => {
                                    self.assign(f, target, item)?;
                                    true
                                }
                                None => false,
                            },
                            (StmtKind::For { target, .. }, _, Some(ait)) => match self.anext(ait).await {
                                Ok(item) => {
                                    self.assign(f, target, item)?;
                                    true
                                }
                                Err(e) if self.exc_is(&e, "StopAsyncIteration") => false,
                                Err(e) => return Err(e),
                            },
                            _ => false,
                        };
                        if !more {
                            tail = orelse;
                            break;
                        }
                        match self.loop_body_a(f, body).await? {
                            Some(Flow::Return(v)) => return Ok(Flow::Return(v)),
                            Some(_) => break,
                            None => {}
                        }
                        if let StmtKind::While { .. } = &s.kind {
                            f.line.set(s.pos.line);
                            self.step()?;
                        }
                    }
                }
                StmtKind::Try { body, handlers, orelse, finalbody, is_star } => {
                    // The body, then its `else` block or a handler: one await point for them.
                    let mut next = Some(self.exec_block_a(f, body));
                    let mut in_body = true;
                    let mut result = Ok(Flow::Normal);
                    while let Some(run) = next.take() {
                        result = run.await;
                        if std::mem::take(&mut in_body) {
                            next = match std::mem::replace(&mut result, Ok(Flow::Normal)) {
                                Ok(Flow::Normal) => Some(self.exec_block_a(f, orelse)),
                                Err(exc) => Some(self.handle_a(f, exc, handlers, *is_star)),
                                flow => {
                                    result = flow;
                                    None
                                }
                            };
                        }
                    }
                    if finalbody.is_empty() {
                        return result;
                    }
                    tail = finalbody;
                    before_finally = Some(result);
                }
                StmtKind::With { items, body, is_async } => return self.with_a(f, items, body, *is_async).await,
                StmtKind::Raise { exc, cause } => {
                    let e = exc.as_ref().map(|_| v);
                    let c = cause.as_ref().map(|_| c);
                    return Err(self.make_raise(f, e, c)?);
                }
                StmtKind::Assert { msg, .. } if !self.truthy(&v)? => {
                    let args = match msg {
                        Some(m) => vec![self.eval_a(f, m).await?],
                        None => vec![],
                    };
                    let value = self.exception_instance(self.class("AssertionError"), args);
                    return Err(Box::new(Exc { value, traceback: vec![] }));
                }
                _ => {}
            }
            if tail.is_empty() {
                return Ok(Flow::Normal);
            }
            let flow = self.exec_block_a(f, tail).await;
            match before_finally {
                Some(result) => match flow? {
                    Flow::Normal => result,
                    other => Ok(other),
                },
                None => flow,
            }
        }
        .boxed_local()
    }

    /// One run of a `for`/`while` body: `None` to go on, `Some(Break)` or `Some(Return)` to stop.
    /// `f.loops` counts the bodies running, for the call sub-rows (see `eval_a`'s `Await`).
    async fn loop_body_a(self: &Rc<Self>, f: &Frame, body: &[Stmt]) -> PyResult<Option<Flow>> {
        f.loops.set(f.loops.get() + 1);
        let flow = self.exec_block_a(f, body).await;
        f.loops.set(f.loops.get() - 1);
        Ok(match flow? {
            Flow::Normal | Flow::Continue => None,
            stop => Some(stop),
        })
    }

    fn handle_a<'a>(
        self: &'a Rc<Self>,
        f: &'a Frame,
        exc: Box<Exc>,
        handlers: &'a [super::ast::Handler],
        is_star: bool,
    ) -> LocalBoxFuture<'a, PyResult<Flow>> {
        self.handle_async(f, exc, handlers, is_star).boxed_local()
    }

    async fn handle_async(
        self: &Rc<Self>,
        f: &Frame,
        exc: Box<Exc>,
        handlers: &[super::ast::Handler],
        is_star: bool,
    ) -> PyResult<Flow> {
        if is_star || handlers.iter().all(|h| !h.body.iter().any(|s| s.suspends)) {
            return self.handle(f, exc, handlers, is_star);
        }
        if self.stopping.borrow().is_some() {
            return Err(exc);
        }
        for h in handlers {
            if self.matches_handler(f, &exc, h)? {
                let exc: Rc<Exc> = Rc::from(exc);
                if let Some(name) = &h.name {
                    self.store_name(f, name, exc.value.clone());
                }
                f.handling.borrow_mut().push(exc.clone());
                let r = self.exec_block_a(f, &h.body).await;
                f.handling.borrow_mut().pop();
                if let Some(name) = &h.name {
                    let _ = self.delete_name(f, name);
                }
                return r.map_err(|e| self.chain_context(e, &exc));
            }
        }
        Err(exc)
    }

    fn with_a<'a>(
        self: &'a Rc<Self>,
        f: &'a Frame,
        items: &'a [super::ast::WithItem],
        body: &'a [Stmt],
        is_async: bool,
    ) -> LocalBoxFuture<'a, PyResult<Flow>> {
        let Some((first, rest)) = items.split_first() else { return self.exec_block_a(f, body) };
        async move {
            let cm = self.eval_a(f, &first.context).await?;
            let (enter_name, exit_name) =
                if is_async { ("__aenter__", "__aexit__") } else { ("__enter__", "__exit__") };
            let enter = self.special_method(&cm, enter_name)?;
            let exit = self.special_method(&cm, exit_name)?;
            // `__enter__`, the body, then `__exit__` (each method's result awaited in `async with`):
            // one loop, so the two methods share their await point.
            let mut result: Option<PyResult<Flow>> = None;
            loop {
                let (method, args) = match &result {
                    None => (&enter, vec![]),
                    Some(Ok(_)) => {
                        // Leaving the block normally runs at the `with` line (as in CPython): a
                        // TaskGroup's exit waits there. (An exception keeps the line it came from.)
                        f.line.set(first.context.pos.line);
                        (&exit, vec![Value::None, Value::None, Value::None])
                    }
                    Some(Err(exc)) => {
                        (&exit, vec![Value::Class(self.type_of(&exc.value)), exc.value.clone(), Value::None])
                    }
                };
                let mut v = self.call(method, args, vec![])?;
                if is_async {
                    v = self.await_value(v).await?;
                }
                let Some(result) = result else {
                    if let Some(t) = &first.target {
                        self.assign(f, t, v)?;
                    }
                    let inner =
                        if rest.is_empty() { self.exec_block_a(f, body) } else { self.with_a(f, rest, body, is_async) };
                    result = Some(inner.await);
                    continue;
                };
                return match result {
                    Ok(flow) => Ok(flow),
                    Err(exc) => {
                        if self.truthy(&v)? {
                            Ok(Flow::Normal)
                        } else {
                            Err(exc)
                        }
                    }
                };
            }
        }
        .boxed_local()
    }

    /// Evaluates an expression that may suspend.
    ///
    /// Every `.await` in this state machine costs code (a state, the locals kept across it, a
    /// drop path), so the arms share await points: the operands an expression evaluates first
    /// go through one loop, the children of calls, displays, comparisons, `and`/`or` and
    /// f-strings through a second (`walk_child` picks each, `walk_take` uses its value), and a
    /// conditional expression goes round again with the branch it chose.
    pub fn eval_a<'a>(self: &'a Rc<Self>, f: &'a Frame, e: &'a Expr) -> LocalBoxFuture<'a, PyResult<Value>> {
        if !e.suspends {
            return futures::future::ready(self.eval(f, e)).boxed_local();
        }
        async move {
            let mut e = e;
            loop {
                if !e.suspends {
                    return self.eval(f, e);
                }
                // The operands evaluated before anything else, in source order.
                let operands: [Option<&Expr>; 2] = match &e.kind {
                    ExprKind::BinOp { left, right, .. } => [Some(left), Some(right)],
                    ExprKind::Subscript { value, index } => [Some(value), Some(index)],
                    ExprKind::UnaryOp { operand: x, .. }
                    | ExprKind::Attribute { value: x, .. }
                    | ExprKind::NamedExpr { value: x, .. }
                    | ExprKind::IfExp { test: x, .. }
                    | ExprKind::Compare { left: x, .. }
                    | ExprKind::Await(x)
                    | ExprKind::YieldFrom(x) => [Some(x), None],
                    ExprKind::Yield(x) => [x.as_deref(), None],
                    ExprKind::Comprehension { generators, .. } => [Some(&generators[0].iter), None],
                    // `obj.method(...)`: `obj` first, the attribute is looked up before the arguments.
                    ExprKind::Call { func, .. } => match &func.kind {
                        ExprKind::Attribute { value, .. } => [Some(value), None],
                        _ => [Some(func), None],
                    },
                    _ => [None, None],
                };
                let mut values = [Value::None, Value::None];
                for (slot, x) in values.iter_mut().zip(operands) {
                    if let Some(x) = x {
                        *slot = self.eval_a(f, x).await?;
                    }
                }
                let [a, b] = values;
                let mut walk = Walk { last: a, items: Vec::new(), kw: Vec::new(), text: String::new(), dict: None };
                if let ExprKind::Call { func, .. } = &e.kind {
                    if let ExprKind::Attribute { attr, .. } = &func.kind {
                        walk.last = self.getattr(&walk.last, attr)?;
                    }
                }
                for i in 0..walk_len(e) {
                    let Some(x) = walk_child(e, i, &mut walk) else { continue };
                    let v = self.eval_a(f, x).await?;
                    if let Some(done) = self.walk_take(f, e, i, v, &mut walk)? {
                        return Ok(done);
                    }
                }
                let a = walk.last;
                return match &e.kind {
                    ExprKind::Await(inner) => {
                        f.line.set(e.pos.line);
                        // `await f(...)` inside a coroutine runs f in this task: the timeline shows
                        // the call as a sub-row of the task's lane (44.3's sequential loop).
                        let call = match (&inner.kind, &a, &f.function) {
                            (ExprKind::Call { .. }, Value::Native(n), Some(_)) if f.loops.get() > 0 => match &**n {
                                Native::Coroutine(c) if !c.builtin => Some((c.lane.clone(), c.call_text.clone())),
                                _ => None,
                            },
                            _ => None,
                        };
                        if let Some((name, text)) = &call {
                            self.aio.call_started(name, text);
                        }
                        let r = self.await_value(a).await;
                        if call.is_some() {
                            let error = r.as_ref().err().map(|e| self.exception_line(e));
                            self.aio.call_ended(error);
                        }
                        r
                    }
                    ExprKind::Yield(_) | ExprKind::YieldFrom(_) => {
                        // `yield x` hands over its operand once; `yield from it` each item of it
                        // (what was sent in is dropped), through the same yield point.
                        let (it, mut once) = match &e.kind {
                            ExprKind::YieldFrom(_) => (Some(self.iter(&a)?), None),
                            _ => (None, Some(a)),
                        };
                        loop {
                            let v = match &it {
                                Some(it) => match self.next(it)? {
                                    Some(v) => v,
                                    None => return Ok(Value::None),
                                },
                                None => once.take().unwrap_or(Value::None),
                            };
                            let sent = self.yield_value(f, v).await;
                            if it.is_none() {
                                return sent;
                            }
                            sent?;
                        }
                    }
                    ExprKind::Call { .. } => {
                        f.line.set(e.pos.line);
                        if self.is_asyncio_run(&a) {
                            return self.asyncio_run(&a, walk.items).await;
                        }
                        self.call_at(&a, walk.items, walk.kw, e.pos.line)
                    }
                    ExprKind::BinOp { op, .. } => self.binop(&a, *op, &b),
                    ExprKind::UnaryOp { op, .. } => self.unary(*op, &a),
                    ExprKind::Compare { .. } => Ok(Value::Bool(true)),
                    ExprKind::BoolOp { .. } => Ok(a),
                    ExprKind::IfExp { body, orelse, .. } => {
                        e = if self.truthy(&a)? { body } else { orelse };
                        continue;
                    }
                    ExprKind::Attribute { attr, .. } => self.getattr(&a, attr),
                    ExprKind::Subscript { .. } => self.getitem(&a, &b),
                    ExprKind::List(_) => Ok(Value::list(walk.items)),
                    ExprKind::Tuple(_) => Ok(Value::tuple(walk.items)),
                    ExprKind::Set(_) => self.make_set(walk.items),
                    ExprKind::Dict(_) => Ok(Value::dict(walk.dict.unwrap_or_default())),
                    ExprKind::FString(_) => Ok(Value::Str(Rc::from(walk.text))),
                    ExprKind::NamedExpr { target, .. } => {
                        self.assign(f, target, a.clone())?;
                        Ok(a)
                    }
                    ExprKind::Comprehension { kind, element, generators, function } => {
                        if *kind == ComprehensionKind::Generator || !function.is_async {
                            return self.comprehension(f, *kind, element, generators, function, a);
                        }
                        // An async list/set/dict comprehension runs now, inside this coroutine.
                        let func = match self.make_function(f, function, vec![], vec![])? {
                            Value::Function(func) => func,
                            _ => return self.err("RuntimeError", "internal: comprehension"),
                        };
                        let frame = self.new_frame(&func, vec![], vec![])?;
                        let mut sink = Sink::Collect(Vec::new());
                        self.comp_loop_a(&frame, element, generators, 0, a, &mut sink).await?;
                        let Sink::Collect(out) = sink else { return Ok(Value::None) };
                        self.comp_result(*kind, out)
                    }
                    _ => self.eval(f, e),
                };
            }
        }
        .boxed_local()
    }

    /// Uses the value of `e`'s child `i` (see `walk_child`): `Some` when `e` is decided early
    /// (a comparison found false, `and`/`or` short-circuited).
    fn walk_take(self: &Rc<Self>, f: &Frame, e: &Expr, i: usize, v: Value, walk: &mut Walk) -> PyResult<Option<Value>> {
        match &e.kind {
            ExprKind::Call { args, .. } => match &args[i].kind {
                super::ast::ArgKind::Positional(_) => walk.items.push(v),
                super::ast::ArgKind::Star(_) => walk.items.extend(self.collect(&v)?),
                super::ast::ArgKind::Keyword(k, _) => walk.kw.push((k.clone(), v)),
                super::ast::ArgKind::DoubleStar(_) => self.spread_kwargs(&v, &mut walk.kw)?,
            },
            ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
                if let ExprKind::Starred(_) = &items[i].kind {
                    walk.items.extend(self.collect(&v)?);
                } else {
                    walk.items.push(v);
                }
            }
            ExprKind::Compare { ops, .. } => {
                if !self.compare(&walk.last, ops[i].0, &v)? {
                    return Ok(Some(Value::Bool(false)));
                }
                walk.last = v;
            }
            ExprKind::BoolOp { op, .. } => {
                let t = self.truthy(&v)?;
                if (*op == BoolOp::And && !t) || (*op == BoolOp::Or && t) {
                    return Ok(Some(v));
                }
                walk.last = v;
            }
            ExprKind::FString(parts) => {
                if let super::ast::FStringPart::Field { conversion, spec, debug_text, .. } = &parts[i] {
                    let spec = self.fstring(f, spec)?;
                    self.format_field(&mut walk.text, &v, *conversion, &spec, debug_text.as_deref())?;
                }
            }
            // `k: v` evaluates k (child 2n) then v (child 2n + 1); `**v` only v.
            ExprKind::Dict(_) if i.is_multiple_of(2) => walk.last = v,
            ExprKind::Dict(pairs) => {
                let d = walk.dict.get_or_insert_with(Dict::new);
                match &pairs[i / 2].0 {
                    Some(_) => {
                        let k = std::mem::replace(&mut walk.last, Value::None);
                        d.insert(self.key(&k)?, k, v);
                    }
                    None => self.dict_update(d, &v)?,
                }
            }
            _ => {}
        }
        Ok(None)
    }

    async fn yield_value(self: &Rc<Self>, f: &Frame, v: Value) -> PyResult<Value> {
        match &f.channel {
            Some(channel) => YieldPoint { channel: channel.clone(), value: Some(v) }.await,
            None => self.err("SyntaxError", "'yield' outside function"),
        }
    }

    fn comp_loop_a<'a>(
        self: &'a Rc<Self>,
        f: &'a Frame,
        element: &'a Expr,
        generators: &'a [Comprehension],
        level: usize,
        iterable: Value,
        sink: &'a mut Sink,
    ) -> LocalBoxFuture<'a, PyResult<()>> {
        async move {
            let gen = &generators[level];
            let (sync_iter, async_iter) =
                if gen.is_async { (None, Some(self.aiter(&iterable)?)) } else { (Some(self.iter(&iterable)?), None) };
            'items: loop {
                let item = match (&sync_iter, &async_iter) {
                    (Some(it), _) => match self.next(it)? {
                        Some(v) => v,
                        None => break,
                    },
                    (_, Some(ait)) => match self.anext(ait).await {
                        Ok(v) => v,
                        Err(e) if self.exc_is(&e, "StopAsyncIteration") => break,
                        Err(e) => return Err(e),
                    },
                    _ => break,
                };
                self.step()?;
                self.assign(f, &gen.target, item)?;
                // The conditions, then the next level's iterable or the element: one await point.
                let last = level + 1 == generators.len();
                let then = if last { element } else { &generators[level + 1].iter };
                let mut v = Value::None;
                for (i, x) in gen.ifs.iter().chain([then]).enumerate() {
                    v = self.eval_a(f, x).await?;
                    if i < gen.ifs.len() && !self.truthy(&v)? {
                        continue 'items;
                    }
                }
                if !last {
                    self.comp_loop_a(f, element, generators, level + 1, v, sink).await?;
                } else {
                    match sink {
                        Sink::Collect(out) => out.push(v),
                        Sink::Yield => {
                            self.yield_value(f, v).await?;
                        }
                    }
                }
            }
            Ok(())
        }
        .boxed_local()
    }

    /// `aiter(x)`: an async generator, or an object with `__aiter__`.
    pub fn aiter(self: &Rc<Self>, v: &Value) -> PyResult<Value> {
        match v {
            Value::Native(n) if matches!(&**n, Native::Generator(g) if g.is_async) => Ok(v.clone()),
            Value::Instance(inst) if inst.class.lookup("__aiter__").is_some() => {
                let m = self.special_method(v, "__aiter__")?;
                self.call(&m, vec![], vec![])
            }
            _ => Err(self.type_error("TypeError", "'async for' requires an object with __aiter__ method, got ", v, "")),
        }
    }

    /// `await anext(it)`.
    pub async fn anext(self: &Rc<Self>, it: &Value) -> PyResult<Value> {
        let awaitable = match it {
            Value::Native(n) if matches!(&**n, Native::Generator(g) if g.is_async) => self.anext_awaitable(n),
            Value::Instance(_) => {
                let m = self.special_method(it, "__anext__")?;
                self.call(&m, vec![], vec![])?
            }
            _ => {
                return Err(self.type_error(
                    "TypeError",
                    "'async for' received an object from __aiter__ that does not implement __anext__: ",
                    it,
                    "",
                ))
            }
        };
        self.await_value(awaitable).await
    }

    /// `await v` inside the current task.
    pub fn await_value(self: &Rc<Self>, v: Value) -> LocalBoxFuture<'_, PyResult<Value>> {
        self.cpu_done();
        async move {
            let type_error =
                || Err(self.type_error("TypeError", "object ", &v, " can't be used in 'await' expression"));
            let (inner, nested) = match &v {
                Value::Native(n) => match &**n {
                    Native::Coroutine(c) => {
                        let Some(run) = c.run.borrow_mut().take() else {
                            return self.err("RuntimeError", "cannot reuse already awaited coroutine");
                        };
                        c.used.set(true);
                        (run, true)
                    }
                    Native::Awaitable(a) => {
                        let Some(run) = a.run.borrow_mut().take() else {
                            return self.err("RuntimeError", "cannot reuse already awaited coroutine");
                        };
                        (run, false)
                    }
                    Native::Task(_) => (self.await_future_like(&v).boxed_local(), false),
                    Native::Future(_) => (self.await_bare_future(&v).boxed_local(), false),
                    Native::Http(_) if self.is_http_request(&v) => {
                        let sent = self.send_request(&v);
                        (self.await_value(sent), false)
                    }
                    _ => return type_error(),
                },
                Value::Instance(inst) if inst.class.lookup("__await__").is_some() => {
                    return self
                        .err("NotImplementedError", "objects with __await__ are not supported by the playground yet");
                }
                _ => return type_error(),
            };
            Nested { interp: self.clone(), inner, nested }.await
        }
        .boxed_local()
    }
}
