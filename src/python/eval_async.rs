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

/// A coroutine awaited inside another: each poll of it nests one level deeper on the Rust stack,
/// so it counts towards the recursion limit while it is being polled (not while it is suspended:
/// ten thousand sleeping tasks are not a deep recursion).
struct Nested {
    interp: Rc<Interp>,
    inner: BoxedRun,
}

impl Future for Nested {
    type Output = PyResult<Value>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
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
}

impl Future for AnextFuture {
    type Output = PyResult<Value>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let Native::Generator(g) = &*self.gen else { return Poll::Ready(Ok(Value::None)) };
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
        let fut = AnextFuture { interp: self.clone(), gen: gen.clone() };
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

    fn exec_a<'a>(self: &'a Rc<Self>, f: &'a Frame, s: &'a Stmt) -> LocalBoxFuture<'a, PyResult<Flow>> {
        async move {
            f.line.set(s.pos.line);
            self.step()?;
            match &s.kind {
                StmtKind::Expr(e) => {
                    self.eval_a(f, e).await?;
                }
                StmtKind::Assign { targets, value } => {
                    self.set_lane_hint(targets, value);
                    let v = self.eval_a(f, value).await;
                    self.lane_hint.borrow_mut().take();
                    let v = v?;
                    for t in targets {
                        self.assign(f, t, v.clone())?;
                    }
                }
                StmtKind::AugAssign { target, op, value } => {
                    let v = self.eval_a(f, value).await?;
                    self.aug_assign(f, target, *op, value, Some(v))?;
                }
                StmtKind::AnnAssign { target, value: Some(value), .. } => {
                    let v = self.eval_a(f, value).await?;
                    self.assign(f, target, v)?;
                }
                StmtKind::Return(Some(e)) => return Ok(Flow::Return(self.eval_a(f, e).await?)),
                StmtKind::If { test, body, orelse } => {
                    let t = self.eval_a(f, test).await?;
                    return if self.truthy(&t)? {
                        self.exec_block_a(f, body).await
                    } else {
                        self.exec_block_a(f, orelse).await
                    };
                }
                StmtKind::While { test, body, orelse } => loop {
                    let t = self.eval_a(f, test).await?;
                    if !self.truthy(&t)? {
                        return self.exec_block_a(f, orelse).await;
                    }
                    match self.loop_body_a(f, body).await? {
                        Some(Flow::Return(v)) => return Ok(Flow::Return(v)),
                        Some(_) => break,
                        None => {}
                    }
                    f.line.set(s.pos.line);
                    self.step()?;
                },
                StmtKind::For { target, iter, body, orelse, is_async } => {
                    let iterable = self.eval_a(f, iter).await?;
                    if *is_async {
                        let aiter = self.aiter(&iterable)?;
                        loop {
                            let item = match self.anext(&aiter).await {
                                Ok(v) => v,
                                Err(e) if self.exc_is(&e, "StopAsyncIteration") => {
                                    return self.exec_block_a(f, orelse).await;
                                }
                                Err(e) => return Err(e),
                            };
                            self.assign(f, target, item)?;
                            match self.loop_body_a(f, body).await? {
                                Some(Flow::Return(v)) => return Ok(Flow::Return(v)),
                                Some(_) => break,
                                None => {}
                            }
                        }
                    } else {
                        let it = self.iter(&iterable)?;
                        loop {
                            let Some(item) = self.next(&it)? else { return self.exec_block_a(f, orelse).await };
                            self.assign(f, target, item)?;
                            match self.loop_body_a(f, body).await? {
                                Some(Flow::Return(v)) => return Ok(Flow::Return(v)),
                                Some(_) => break,
                                None => {}
                            }
                        }
                    }
                }
                StmtKind::Try { body, handlers, orelse, finalbody, is_star } => {
                    let result = match self.exec_block_a(f, body).await {
                        Ok(Flow::Normal) => self.exec_block_a(f, orelse).await,
                        Ok(flow) => Ok(flow),
                        Err(exc) => self.handle_a(f, exc, handlers, *is_star).await,
                    };
                    if finalbody.is_empty() {
                        return result;
                    }
                    return match self.exec_block_a(f, finalbody).await? {
                        Flow::Normal => result,
                        other => Ok(other),
                    };
                }
                StmtKind::With { items, body, is_async } => return self.with_a(f, items, body, *is_async).await,
                StmtKind::Raise { exc, cause } => {
                    let e = match exc {
                        Some(e) => Some(self.eval_a(f, e).await?),
                        None => None,
                    };
                    let c = match cause {
                        Some(c) => Some(self.eval_a(f, c).await?),
                        None => None,
                    };
                    return Err(self.make_raise(f, e, c)?);
                }
                StmtKind::Assert { test, msg } => {
                    let t = self.eval_a(f, test).await?;
                    if !self.truthy(&t)? {
                        let args = match msg {
                            Some(m) => vec![self.eval_a(f, m).await?],
                            None => vec![],
                        };
                        let value = self.exception_instance(self.class("AssertionError"), args);
                        return Err(Box::new(Exc { value, traceback: vec![] }));
                    }
                }
                _ => return self.exec(f, s),
            }
            Ok(Flow::Normal)
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

    async fn handle_a(
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
        async move {
            let Some((first, rest)) = items.split_first() else { return self.exec_block_a(f, body).await };
            let cm = self.eval_a(f, &first.context).await?;
            let (enter_name, exit_name) =
                if is_async { ("__aenter__", "__aexit__") } else { ("__enter__", "__exit__") };
            let enter = self.special_method(&cm, enter_name)?;
            let exit = self.special_method(&cm, exit_name)?;
            let mut entered = self.call(&enter, vec![], vec![])?;
            if is_async {
                entered = self.await_value(entered).await?;
            }
            if let Some(t) = &first.target {
                self.assign(f, t, entered)?;
            }
            let result = self.with_a(f, rest, body, is_async).await;
            let (args, failed) = match &result {
                Ok(_) => (vec![Value::None, Value::None, Value::None], None),
                Err(exc) => (vec![Value::Class(self.type_of(&exc.value)), exc.value.clone(), Value::None], Some(())),
            };
            let mut suppress = self.call(&exit, args, vec![])?;
            if is_async {
                suppress = self.await_value(suppress).await?;
            }
            match (result, failed) {
                (Ok(flow), _) => Ok(flow),
                (Err(exc), _) => {
                    if self.truthy(&suppress)? {
                        Ok(Flow::Normal)
                    } else {
                        Err(exc)
                    }
                }
            }
        }
        .boxed_local()
    }

    /// Evaluates an expression that may suspend.
    pub fn eval_a<'a>(self: &'a Rc<Self>, f: &'a Frame, e: &'a Expr) -> LocalBoxFuture<'a, PyResult<Value>> {
        if !e.suspends {
            return futures::future::ready(self.eval(f, e)).boxed_local();
        }
        async move {
            match &e.kind {
                ExprKind::Await(inner) => {
                    let v = self.eval_a(f, inner).await?;
                    f.line.set(e.pos.line);
                    // `await f(...)` inside a coroutine runs f in this task: the timeline shows the
                    // call as a sub-row of the task's lane (44.3's sequential loop).
                    let call = match (&inner.kind, &v, &f.function) {
                        (ExprKind::Call { .. }, Value::Native(n), Some(_)) if f.loops.get() > 0 => match &**n {
                            Native::Coroutine(c) if !c.builtin => Some((c.lane.clone(), c.call_text.clone())),
                            _ => None,
                        },
                        _ => None,
                    };
                    let Some((name, text)) = call else { return self.await_value(v).await };
                    self.aio.call_started(&name, &text);
                    let r = self.await_value(v).await;
                    let error = match &r {
                        Ok(_) => None,
                        Err(e) => Some(self.exception_line(e)),
                    };
                    self.aio.call_ended(error);
                    r
                }
                ExprKind::Yield(value) => {
                    let v = match value {
                        Some(v) => self.eval_a(f, v).await?,
                        None => Value::None,
                    };
                    self.yield_value(f, v).await
                }
                ExprKind::YieldFrom(inner) => {
                    let sub = self.eval_a(f, inner).await?;
                    let it = self.iter(&sub)?;
                    while let Some(v) = self.next(&it)? {
                        self.yield_value(f, v).await?;
                    }
                    Ok(Value::None)
                }
                ExprKind::Call { func, args } => {
                    let (callee, bound) = match &func.kind {
                        ExprKind::Attribute { value, attr } => {
                            let obj = self.eval_a(f, value).await?;
                            (self.getattr(&obj, attr)?, None::<Value>)
                        }
                        _ => (self.eval_a(f, func).await?, None),
                    };
                    let mut pos = Vec::new();
                    let mut kw = Vec::new();
                    for a in args {
                        match &a.kind {
                            super::ast::ArgKind::Positional(x) => pos.push(self.eval_a(f, x).await?),
                            super::ast::ArgKind::Star(x) => {
                                let v = self.eval_a(f, x).await?;
                                pos.extend(self.collect(&v)?);
                            }
                            super::ast::ArgKind::Keyword(k, x) => kw.push((k.clone(), self.eval_a(f, x).await?)),
                            super::ast::ArgKind::DoubleStar(x) => {
                                let v = self.eval_a(f, x).await?;
                                self.spread_kwargs(&v, &mut kw)?;
                            }
                        }
                    }
                    if let Some(b) = bound {
                        pos.insert(0, b);
                    }
                    f.line.set(e.pos.line);
                    if self.is_asyncio_run(&callee) {
                        return self.asyncio_run(pos).await;
                    }
                    self.call_at(&callee, pos, kw, e.pos.line)
                }
                ExprKind::BinOp { left, op, right } => {
                    let a = self.eval_a(f, left).await?;
                    let b = self.eval_a(f, right).await?;
                    self.binop(&a, *op, &b)
                }
                ExprKind::UnaryOp { op, operand } => {
                    let v = self.eval_a(f, operand).await?;
                    self.unary(*op, &v)
                }
                ExprKind::Compare { left, ops } => {
                    let mut a = self.eval_a(f, left).await?;
                    for (op, right) in ops {
                        let b = self.eval_a(f, right).await?;
                        if !self.compare(&a, *op, &b)? {
                            return Ok(Value::Bool(false));
                        }
                        a = b;
                    }
                    Ok(Value::Bool(true))
                }
                ExprKind::BoolOp { op, values } => {
                    let mut last = Value::None;
                    for v in values {
                        last = self.eval_a(f, v).await?;
                        let t = self.truthy(&last)?;
                        if (*op == BoolOp::And && !t) || (*op == BoolOp::Or && t) {
                            return Ok(last);
                        }
                    }
                    Ok(last)
                }
                ExprKind::IfExp { test, body, orelse } => {
                    let t = self.eval_a(f, test).await?;
                    if self.truthy(&t)? {
                        self.eval_a(f, body).await
                    } else {
                        self.eval_a(f, orelse).await
                    }
                }
                ExprKind::Attribute { value, attr } => {
                    let v = self.eval_a(f, value).await?;
                    self.getattr(&v, attr)
                }
                ExprKind::Subscript { value, index } => {
                    let v = self.eval_a(f, value).await?;
                    let i = self.eval_a(f, index).await?;
                    self.getitem(&v, &i)
                }
                ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
                    let mut out = Vec::new();
                    for item in items {
                        if let ExprKind::Starred(inner) = &item.kind {
                            let v = self.eval_a(f, inner).await?;
                            out.extend(self.collect(&v)?);
                        } else {
                            out.push(self.eval_a(f, item).await?);
                        }
                    }
                    match &e.kind {
                        ExprKind::List(_) => Ok(Value::list(out)),
                        ExprKind::Tuple(_) => Ok(Value::tuple(out)),
                        _ => self.make_set(out),
                    }
                }
                ExprKind::Dict(pairs) => {
                    let mut d = Dict::new();
                    for (k, v) in pairs {
                        match k {
                            Some(k) => {
                                let k = self.eval_a(f, k).await?;
                                let v = self.eval_a(f, v).await?;
                                d.insert(self.key(&k)?, k, v);
                            }
                            None => {
                                let other = self.eval_a(f, v).await?;
                                self.dict_update(&mut d, &other)?;
                            }
                        }
                    }
                    Ok(Value::dict(d))
                }
                ExprKind::FString(parts) => {
                    let mut out = String::new();
                    for part in parts {
                        match part {
                            super::ast::FStringPart::Literal(s) => out.push_str(s),
                            super::ast::FStringPart::Field { value, conversion, spec, debug_text } => {
                                let v = self.eval_a(f, value).await?;
                                let spec = self.fstring(f, spec)?;
                                self.format_field(&mut out, &v, *conversion, &spec, debug_text.as_deref())?;
                            }
                        }
                    }
                    Ok(Value::Str(Rc::from(out)))
                }
                ExprKind::NamedExpr { target, value } => {
                    let v = self.eval_a(f, value).await?;
                    self.assign(f, target, v.clone())?;
                    Ok(v)
                }
                ExprKind::Comprehension { kind, element, generators, function } => {
                    let first = self.eval_a(f, &generators[0].iter).await?;
                    if *kind == ComprehensionKind::Generator || !function.is_async {
                        return self.comprehension(f, *kind, element, generators, function, first);
                    }
                    // An async list/set/dict comprehension runs now, inside this coroutine.
                    let func = match self.make_function(f, function, vec![], vec![])? {
                        Value::Function(func) => func,
                        _ => return self.err("RuntimeError", "internal: comprehension"),
                    };
                    let frame = self.new_frame(&func, vec![], vec![])?;
                    let mut sink = Sink::Collect(Vec::new());
                    self.comp_loop_a(&frame, element, generators, 0, first, &mut sink).await?;
                    let Sink::Collect(out) = sink else { return Ok(Value::None) };
                    self.comp_result(*kind, out)
                }
                _ => self.eval(f, e),
            }
        }
        .boxed_local()
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
                for cond in &gen.ifs {
                    let c = self.eval_a(f, cond).await?;
                    if !self.truthy(&c)? {
                        continue 'items;
                    }
                }
                if level + 1 < generators.len() {
                    let next = self.eval_a(f, &generators[level + 1].iter).await?;
                    self.comp_loop_a(f, element, generators, level + 1, next, sink).await?;
                } else {
                    let v = self.eval_a(f, element).await?;
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
            _ => self.err(
                "TypeError",
                format!("'async for' requires an object with __aiter__ method, got {}", self.type_name(v)),
            ),
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
                return self.err(
                    "TypeError",
                    format!(
                        "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                        self.type_name(it)
                    ),
                )
            }
        };
        self.await_value(awaitable).await
    }

    /// `await v` inside the current task.
    pub fn await_value(self: &Rc<Self>, v: Value) -> LocalBoxFuture<'_, PyResult<Value>> {
        self.cpu_done();
        async move {
            match &v {
                Value::Native(n) => match &**n {
                    Native::Coroutine(c) => {
                        let Some(run) = c.run.borrow_mut().take() else {
                            return self.err("RuntimeError", "cannot reuse already awaited coroutine");
                        };
                        c.used.set(true);
                        Nested { interp: self.clone(), inner: run }.await
                    }
                    Native::Awaitable(a) => {
                        let Some(run) = a.run.borrow_mut().take() else {
                            return self.err("RuntimeError", "cannot reuse already awaited coroutine");
                        };
                        run.await
                    }
                    Native::Task(_) => self.await_future_like(&v).await,
                    Native::Future(_) => self.await_bare_future(&v).await,
                    Native::Http(_) if self.is_http_request(&v) => {
                        let sent = self.send_request(&v);
                        self.await_value(sent).await
                    }
                    _ => self
                        .err("TypeError", format!("object {} can't be used in 'await' expression", self.type_name(&v))),
                },
                Value::Instance(inst) if inst.class.lookup("__await__").is_some() => {
                    self.err("NotImplementedError", "objects with __await__ are not supported by the playground yet")
                }
                _ => {
                    self.err("TypeError", format!("object {} can't be used in 'await' expression", self.type_name(&v)))
                }
            }
        }
        .boxed_local()
    }
}
