//! The synchronous tree-walker: expressions and statements that cannot suspend (`suspends` is
//! false), which is almost all code. `eval_async.rs` handles the rest and calls back in here.

use std::cell::RefCell;
use std::rc::Rc;

use super::ast::{
    Arg, ArgKind, BoolOp, ClassDef, ComprehensionKind, Constant, Expr, ExprKind, FStringPart, FunctionDef, Handler,
    Stmt, StmtKind,
};
use super::interp::{Flow, Frame, Interp};
use super::native::Native;
use super::value::{BuiltinClass, Class, Dict, Exc, Function, Instance, PyResult, Value};

/// Evaluated call arguments: positional values and `name=value` pairs.
pub type Arguments = (Vec<Value>, Vec<(Rc<str>, Value)>);

impl Interp {
    pub fn constant(&self, c: &Constant) -> PyResult<Value> {
        Ok(match c {
            Constant::None => Value::None,
            Constant::Bool(b) => Value::Bool(*b),
            Constant::Int(i) => Value::Int(*i),
            Constant::Float(f) => Value::Float(*f),
            Constant::Str(s) => Value::Str(s.clone()),
            Constant::Bytes(b) => Value::Bytes(b.clone()),
            Constant::Ellipsis => Value::Builtin(Rc::new(super::value::Builtin {
                name: "Ellipsis",
                id: super::value::BuiltinId::Function,
                self_: None,
            })),
            Constant::BigInt(text) => {
                let digits: String = text.chars().filter(|c| *c != '_').collect();
                match super::bigint::BigInt::parse_decimal(&digits) {
                    Some(b) => Value::from_big(b),
                    None => {
                        return self.err(
                            "NotImplementedError",
                            "integer literals beyond 64 bits in hex, octal or binary are not supported by the playground yet",
                        )
                    }
                }
            }
            Constant::Imaginary(_) => {
                return self.err("NotImplementedError", "complex numbers are not supported by the playground yet")
            }
        })
    }

    /// Evaluates an expression that does not suspend.
    pub fn eval(self: &Rc<Self>, f: &Frame, e: &Expr) -> PyResult<Value> {
        match &e.kind {
            ExprKind::Constant(c) => self.constant(c),
            ExprKind::Name(n) => self.load_name(f, n),
            ExprKind::BinOp { left, op, right } => {
                let a = self.eval(f, left)?;
                let b = self.eval(f, right)?;
                self.binop(&a, *op, &b)
            }
            ExprKind::Compare { left, ops } => {
                let mut a = self.eval(f, left)?;
                for (op, right) in ops {
                    let b = self.eval(f, right)?;
                    if !self.compare(&a, *op, &b)? {
                        return Ok(Value::Bool(false));
                    }
                    a = b;
                }
                Ok(Value::Bool(true))
            }
            ExprKind::Call { func, args } => {
                let (callee, bound) = self.eval_callee(f, func)?;
                if args.is_empty() && matches!(&callee, Value::Builtin(b) if b.name == "super") {
                    return self.zero_arg_super(f);
                }
                let (mut pos, kw) = self.eval_args(f, args)?;
                if let Some(b) = bound {
                    pos.insert(0, b);
                }
                f.line.set(e.pos.line);
                if let (Value::Function(func), true) =
                    (&callee, f.channel.is_none() && self.sync_call.borrow().is_none())
                {
                    if !func.def.is_async && !func.def.is_generator && self.in_coroutine(f) {
                        return self.call_labelled(func, &callee, pos, kw, e.pos.line);
                    }
                }
                self.call_at(&callee, pos, kw, e.pos.line)
            }
            ExprKind::Attribute { value, attr } => {
                let v = self.eval(f, value)?;
                self.getattr(&v, attr)
            }
            ExprKind::Subscript { value, index } => {
                let v = self.eval(f, value)?;
                let i = self.eval(f, index)?;
                self.getitem(&v, &i)
            }
            ExprKind::Slice { lower, upper, step } => {
                let mut parts = [Value::None, Value::None, Value::None];
                for (i, p) in [lower, upper, step].into_iter().enumerate() {
                    if let Some(p) = p {
                        parts[i] = self.eval(f, p)?;
                    }
                }
                Ok(Value::Slice(Rc::new(parts)))
            }
            ExprKind::UnaryOp { op, operand } => {
                let v = self.eval(f, operand)?;
                self.unary(*op, &v)
            }
            ExprKind::BoolOp { op, values } => {
                let mut last = Value::None;
                for v in values {
                    last = self.eval(f, v)?;
                    let t = self.truthy(&last)?;
                    if (*op == BoolOp::And && !t) || (*op == BoolOp::Or && t) {
                        return Ok(last);
                    }
                }
                Ok(last)
            }
            ExprKind::IfExp { test, body, orelse } => {
                let t = self.eval(f, test)?;
                if self.truthy(&t)? {
                    self.eval(f, body)
                } else {
                    self.eval(f, orelse)
                }
            }
            ExprKind::List(items) => Ok(Value::list(self.eval_items(f, items)?)),
            ExprKind::Tuple(items) => Ok(Value::tuple(self.eval_items(f, items)?)),
            ExprKind::Set(items) => {
                let items = self.eval_items(f, items)?;
                self.make_set(items)
            }
            ExprKind::Dict(pairs) => {
                let mut d = Dict::new();
                for (k, v) in pairs {
                    match k {
                        Some(k) => {
                            let k = self.eval(f, k)?;
                            let v = self.eval(f, v)?;
                            d.insert(self.key(&k)?, k, v);
                        }
                        None => {
                            let other = self.eval(f, v)?;
                            self.dict_update(&mut d, &other)?;
                        }
                    }
                }
                Ok(Value::dict(d))
            }
            ExprKind::FString(parts) => Ok(Value::Str(Rc::from(self.fstring(f, parts)?))),
            ExprKind::Lambda(def) => self.make_function(f, def, vec![], vec![]),
            ExprKind::Comprehension { kind, element, generators, function } => {
                let first = self.eval(f, &generators[0].iter)?;
                self.comprehension(f, *kind, element, generators, function, first)
            }
            ExprKind::NamedExpr { target, value } => {
                let v = self.eval(f, value)?;
                self.assign(f, target, v.clone())?;
                Ok(v)
            }
            ExprKind::Starred(_) => self.err("SyntaxError", "can't use starred expression here"),
            ExprKind::Await(_) | ExprKind::Yield(_) | ExprKind::YieldFrom(_) => {
                self.err("RuntimeError", "internal: a suspending expression reached the synchronous evaluator")
            }
        }
    }

    /// True in a coroutine body or at module level (code running as a task step).
    fn in_coroutine(&self, f: &Frame) -> bool {
        match &f.function {
            Some(func) => func.def.is_async,
            None => true,
        }
    }

    /// A plain function called from a task's own code: its CPU time is labelled with the call.
    fn call_labelled(
        self: &Rc<Self>,
        func: &Rc<Function>,
        callee: &Value,
        pos: Vec<Value>,
        kw: Vec<(Rc<str>, Value)>,
        line: u32,
    ) -> PyResult<Value> {
        let mut parts = Vec::with_capacity(pos.len());
        for v in &pos {
            parts.push(self.repr(v).unwrap_or_default());
        }
        *self.sync_call.borrow_mut() = Some(Rc::from(format!("{}({})", func.def.name, parts.join(", "))));
        let r = self.call_at(callee, pos, kw, line);
        self.sync_call.borrow_mut().take();
        r
    }

    /// `super()` inside a method: the class the method was defined in and its first argument.
    fn zero_arg_super(&self, f: &Frame) -> PyResult<Value> {
        let class = f.function.as_ref().and_then(|func| func.class.borrow().as_ref().and_then(|w| w.upgrade()));
        let Some(class) = class else { return self.err("RuntimeError", "super(): no arguments") };
        let first = f.fast.borrow().first().cloned().flatten().or_else(|| {
            let def = &f.function.as_ref()?.def;
            let scope = def.scope.borrow();
            scope.cell_params.iter().find(|(_, p)| *p == 0).and_then(|(c, _)| f.cells[*c as usize].borrow().clone())
        });
        let Some(obj) = first else { return self.err("RuntimeError", "super(): no arguments") };
        Ok(Value::Native(Rc::new(Native::Super { class, obj })))
    }

    pub fn make_set(&self, items: Vec<Value>) -> PyResult<Value> {
        let mut d = Dict::new();
        for k in items {
            d.insert(self.key(&k)?, k, Value::None);
        }
        Ok(Value::Set(Rc::new(RefCell::new(d))))
    }

    pub fn dict_update(self: &Rc<Self>, d: &mut Dict, other: &Value) -> PyResult<()> {
        match other {
            Value::Dict(o) => {
                for (k, v) in o.borrow().iter() {
                    d.insert(self.key(k)?, k.clone(), v.clone());
                }
            }
            _ => {
                for pair in self.collect(other)? {
                    let kv = self.collect(&pair)?;
                    if kv.len() != 2 {
                        return self.err(
                            "ValueError",
                            format!("dictionary update sequence element has length {}; 2 is required", kv.len()),
                        );
                    }
                    d.insert(self.key(&kv[0])?, kv[0].clone(), kv[1].clone());
                }
            }
        }
        Ok(())
    }

    fn eval_items(self: &Rc<Self>, f: &Frame, items: &[Expr]) -> PyResult<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            if let ExprKind::Starred(inner) = &item.kind {
                let v = self.eval(f, inner)?;
                out.extend(self.collect(&v)?);
            } else {
                out.push(self.eval(f, item)?);
            }
        }
        Ok(out)
    }

    /// The callee of a call; for `obj.method(...)` on a Python class, the function and `obj`
    /// separately (no bound-method object is made on the hot path).
    fn eval_callee(self: &Rc<Self>, f: &Frame, func: &Expr) -> PyResult<(Value, Option<Value>)> {
        if let ExprKind::Attribute { value, attr } = &func.kind {
            let obj = self.eval(f, value)?;
            if let Value::Instance(inst) = &obj {
                if !inst.attrs.borrow().contains_key(&**attr) {
                    if let Some(Value::Function(m)) = inst.class.lookup(attr) {
                        return Ok((Value::Function(m), Some(obj)));
                    }
                }
            }
            return Ok((self.getattr(&obj, attr)?, None));
        }
        Ok((self.eval(f, func)?, None))
    }

    pub fn eval_args(self: &Rc<Self>, f: &Frame, args: &[Arg]) -> PyResult<Arguments> {
        let mut pos = Vec::with_capacity(args.len());
        let mut kw = Vec::new();
        for a in args {
            match &a.kind {
                ArgKind::Positional(e) => pos.push(self.eval(f, e)?),
                ArgKind::Star(e) => {
                    let v = self.eval(f, e)?;
                    pos.extend(self.collect(&v)?);
                }
                ArgKind::Keyword(k, e) => kw.push((k.clone(), self.eval(f, e)?)),
                ArgKind::DoubleStar(e) => {
                    let v = self.eval(f, e)?;
                    self.spread_kwargs(&v, &mut kw)?;
                }
            }
        }
        Ok((pos, kw))
    }

    pub fn spread_kwargs(&self, v: &Value, kw: &mut Vec<(Rc<str>, Value)>) -> PyResult<()> {
        match v {
            Value::Dict(d) => {
                for (k, v) in d.borrow().iter() {
                    match k {
                        Value::Str(s) => kw.push((s.clone(), v.clone())),
                        _ => return self.err("TypeError", "keywords must be strings"),
                    }
                }
                Ok(())
            }
            _ => Err(self.type_error("TypeError", "argument after ** must be a mapping, not ", v, "")),
        }
    }

    pub fn fstring(self: &Rc<Self>, f: &Frame, parts: &[FStringPart]) -> PyResult<String> {
        let mut out = String::new();
        for part in parts {
            match part {
                FStringPart::Literal(s) => out.push_str(s),
                FStringPart::Field { value, conversion, spec, debug_text } => {
                    let v = self.eval(f, value)?;
                    let spec = self.fstring(f, spec)?;
                    self.format_field(&mut out, &v, *conversion, &spec, debug_text.as_deref())?;
                }
            }
        }
        Ok(out)
    }

    pub fn format_field(
        self: &Rc<Self>,
        out: &mut String,
        v: &Value,
        conversion: Option<char>,
        spec: &str,
        debug_text: Option<&str>,
    ) -> PyResult<()> {
        if let Some(d) = debug_text {
            out.push_str(d);
        }
        let conversion = conversion.or(if debug_text.is_some() && spec.is_empty() { Some('r') } else { None });
        let v = match conversion {
            Some('r') | Some('a') => Value::Str(Rc::from(self.repr(v)?)),
            Some('s') => Value::Str(Rc::from(self.to_str(v)?)),
            _ => v.clone(),
        };
        out.push_str(&self.format_value(&v, spec)?);
        Ok(())
    }

    /// `format(v, spec)`.
    pub fn format_value(self: &Rc<Self>, v: &Value, spec: &str) -> PyResult<String> {
        let r = match v {
            Value::Int(i) => super::format::format_int(*i, spec),
            Value::BigInt(b) => return self.format_big(b, spec),
            Value::Bool(b) if !spec.is_empty() => super::format::format_int(*b as i64, spec),
            Value::Float(x) => super::format::format_float(*x, spec),
            Value::Str(s) => super::format::format_str(s, spec),
            Value::Instance(inst) if inst.class.lookup("__format__").is_some() => {
                let m = inst.class.lookup("__format__").unwrap_or(Value::None);
                let r = self.call(&m, vec![v.clone(), Value::str(spec)], vec![])?;
                return self.to_str(&r);
            }
            _ => {
                let s = self.to_str(v)?;
                if spec.is_empty() {
                    return Ok(s);
                }
                if let Value::Instance(_) | Value::None | Value::List(_) | Value::Tuple(_) | Value::Dict(_) = v {
                    return Err(self.type_error("TypeError", "unsupported format string passed to ", v, ".__format__"));
                }
                super::format::format_str(&s, spec)
            }
        };
        r.map_err(|m| self.error("ValueError", &m))
    }

    /// Assigns to a target (a name, attribute, item, or a tuple/list of targets with one starred).
    pub fn assign(self: &Rc<Self>, f: &Frame, target: &Expr, value: Value) -> PyResult<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                self.store_name(f, n, value);
                Ok(())
            }
            ExprKind::Attribute { value: obj, attr } => {
                let o = self.eval(f, obj)?;
                self.setattr(&o, attr, value)
            }
            ExprKind::Subscript { value: obj, index } => {
                let o = self.eval(f, obj)?;
                let i = self.eval(f, index)?;
                self.setitem(&o, &i, value)
            }
            ExprKind::Tuple(targets) | ExprKind::List(targets) => {
                let items = self.unpack(&value, targets)?;
                for (t, v) in targets.iter().zip(items) {
                    self.assign(f, t, v)?;
                }
                Ok(())
            }
            ExprKind::Starred(inner) => self.assign(f, inner, value),
            _ => self.err("SyntaxError", "cannot assign to expression"),
        }
    }

    /// Splits `value` for the targets of an unpacking assignment (a starred target takes a list).
    pub fn unpack(self: &Rc<Self>, value: &Value, targets: &[Expr]) -> PyResult<Vec<Value>> {
        let items = self.collect(value)?;
        let star = targets.iter().position(|t| matches!(t.kind, ExprKind::Starred(_)));
        match star {
            None => {
                if items.len() != targets.len() {
                    if items.len() > targets.len() {
                        return self
                            .err("ValueError", format!("too many values to unpack (expected {})", targets.len()));
                    }
                    return self.err(
                        "ValueError",
                        format!("not enough values to unpack (expected {}, got {})", targets.len(), items.len()),
                    );
                }
                Ok(items)
            }
            Some(s) => {
                let after = targets.len() - s - 1;
                if items.len() < targets.len() - 1 {
                    return self.err(
                        "ValueError",
                        format!(
                            "not enough values to unpack (expected at least {}, got {})",
                            targets.len() - 1,
                            items.len()
                        ),
                    );
                }
                let mut out: Vec<Value> = items[..s].to_vec();
                out.push(Value::list(items[s..items.len() - after].to_vec()));
                out.extend(items[items.len() - after..].iter().cloned());
                Ok(out)
            }
        }
    }

    pub fn delete(self: &Rc<Self>, f: &Frame, target: &Expr) -> PyResult<()> {
        match &target.kind {
            ExprKind::Name(n) => self.delete_name(f, n),
            ExprKind::Subscript { value, index } => {
                let o = self.eval(f, value)?;
                let i = self.eval(f, index)?;
                self.delitem(&o, &i)
            }
            ExprKind::Attribute { value, attr } => {
                let o = self.eval(f, value)?;
                match &o {
                    Value::Instance(inst) => {
                        if inst.attrs.borrow_mut().remove(&**attr).is_none() {
                            return self.err(
                                "AttributeError",
                                format!("'{}' object has no attribute '{attr}'", inst.class.name),
                            );
                        }
                        Ok(())
                    }
                    _ => self.err(
                        "AttributeError",
                        format!("'{}' object attribute '{attr}' is read-only", self.type_name(&o)),
                    ),
                }
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.delete(f, i)?;
                }
                Ok(())
            }
            _ => self.err("SyntaxError", "cannot delete expression"),
        }
    }

    /// `def`/`lambda` at run time: evaluates defaults, captures cells.
    pub fn make_function(
        self: &Rc<Self>,
        f: &Frame,
        def: &Rc<FunctionDef>,
        defaults: Vec<Value>,
        kw_defaults: Vec<Option<Value>>,
    ) -> PyResult<Value> {
        let (defaults, kw_defaults) = if defaults.is_empty() && kw_defaults.is_empty() {
            let mut d = Vec::new();
            for p in &def.params.args {
                if let Some(e) = &p.default {
                    d.push(self.eval(f, e)?);
                }
            }
            let mut k = Vec::new();
            for p in &def.params.kwonly {
                k.push(match &p.default {
                    Some(e) => Some(self.eval(f, e)?),
                    None => None,
                });
            }
            (d, k)
        } else {
            (defaults, kw_defaults)
        };
        let closure = def.scope.borrow().captures.iter().map(|&i| f.cells[i as usize].clone()).collect();
        let qualname: Rc<str> = match &f.function {
            Some(outer) if !def.name.starts_with('<') => Rc::from(format!("{}.<locals>.{}", outer.qualname, def.name)),
            _ => def.name.clone(),
        };
        Ok(Value::Function(Rc::new(Function {
            def: def.clone(),
            globals: f.globals.clone(),
            defaults,
            kw_defaults,
            closure,
            qualname,
            class: RefCell::new(f.function.as_ref().and_then(|func| func.class.borrow().clone())),
        })))
    }

    /// Runs a list/set/dict comprehension now, or makes a generator expression's generator.
    pub fn comprehension(
        self: &Rc<Self>,
        f: &Frame,
        kind: ComprehensionKind,
        element: &Rc<Expr>,
        generators: &Rc<Vec<super::ast::Comprehension>>,
        function: &Rc<FunctionDef>,
        first: Value,
    ) -> PyResult<Value> {
        let func = match self.make_function(f, function, vec![], vec![])? {
            Value::Function(func) => func,
            _ => return self.err("RuntimeError", "internal: comprehension"),
        };
        let frame = self.new_frame(&func, vec![], vec![])?;
        if kind == ComprehensionKind::Generator || function.is_async {
            return super::eval_async::comprehension_object(
                self.clone(),
                frame,
                func,
                kind,
                element.clone(),
                generators.clone(),
                first,
            );
        }
        let mut out = Vec::new();
        self.comp_loop(&frame, element, generators, 0, first, &mut out)?;
        self.comp_result(kind, out)
    }

    pub fn comp_result(&self, kind: ComprehensionKind, out: Vec<Value>) -> PyResult<Value> {
        match kind {
            ComprehensionKind::List | ComprehensionKind::Generator => Ok(Value::list(out)),
            ComprehensionKind::Set => self.make_set(out),
            ComprehensionKind::Dict => {
                let mut d = Dict::new();
                for pair in out {
                    if let Value::Tuple(kv) = pair {
                        d.insert(self.key(&kv[0])?, kv[0].clone(), kv[1].clone());
                    }
                }
                Ok(Value::dict(d))
            }
        }
    }

    fn comp_loop(
        self: &Rc<Self>,
        f: &Frame,
        element: &Expr,
        generators: &[super::ast::Comprehension],
        level: usize,
        iterable: Value,
        out: &mut Vec<Value>,
    ) -> PyResult<()> {
        let gen = &generators[level];
        let iter = self.iter(&iterable)?;
        'items: while let Some(item) = self.next(&iter)? {
            self.step()?;
            self.assign(f, &gen.target, item)?;
            for cond in &gen.ifs {
                let c = self.eval(f, cond)?;
                if !self.truthy(&c)? {
                    continue 'items;
                }
            }
            if level + 1 < generators.len() {
                let next = self.eval(f, &generators[level + 1].iter)?;
                self.comp_loop(f, element, generators, level + 1, next, out)?;
            } else {
                out.push(self.eval(f, element)?);
            }
        }
        Ok(())
    }

    /// Runs statements that do not suspend.
    pub fn exec_block(self: &Rc<Self>, f: &Frame, body: &[Stmt]) -> PyResult<Flow> {
        for s in body {
            match self.exec(f, s)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    pub fn exec(self: &Rc<Self>, f: &Frame, s: &Stmt) -> PyResult<Flow> {
        f.line.set(s.pos.line);
        self.last_line.set(s.pos.line);
        self.step()?;
        match &s.kind {
            StmtKind::Expr(e) => {
                self.eval(f, e)?;
            }
            StmtKind::Assign { targets, value } => {
                self.set_lane_hint(targets, value);
                let v = self.eval(f, value);
                self.lane_hint.borrow_mut().take();
                let v = v?;
                for t in targets {
                    self.assign(f, t, v.clone())?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(f, target, *op, value, None)?,
            StmtKind::AnnAssign { target, value, .. } => {
                if let Some(v) = value {
                    let v = self.eval(f, v)?;
                    self.assign(f, target, v)?;
                }
            }
            StmtKind::If { test, body, orelse } => {
                let t = self.eval(f, test)?;
                return if self.truthy(&t)? { self.exec_block(f, body) } else { self.exec_block(f, orelse) };
            }
            StmtKind::While { test, body, orelse } => loop {
                let t = self.eval(f, test)?;
                if !self.truthy(&t)? {
                    return self.exec_block(f, orelse);
                }
                match self.exec_block(f, body)? {
                    Flow::Break => break,
                    Flow::Return(v) => return Ok(Flow::Return(v)),
                    _ => {}
                }
                f.line.set(s.pos.line);
                self.step()?;
            },
            StmtKind::For { target, iter, body, orelse, .. } => {
                let iterable = self.eval(f, iter)?;
                let it = self.iter(&iterable)?;
                loop {
                    let Some(item) = self.next(&it)? else { return self.exec_block(f, orelse) };
                    self.assign(f, target, item)?;
                    match self.exec_block(f, body)? {
                        Flow::Break => break,
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        _ => {}
                    }
                }
            }
            StmtKind::Break => return Ok(Flow::Break),
            StmtKind::Continue => return Ok(Flow::Continue),
            StmtKind::Pass | StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::Return(v) => {
                let v = match v {
                    Some(e) => self.eval(f, e)?,
                    None => Value::None,
                };
                return Ok(Flow::Return(v));
            }
            StmtKind::FunctionDef(def) => {
                let mut func = self.make_function(f, def, vec![], vec![])?;
                for d in def.decorators.iter().rev() {
                    let dec = self.eval(f, d)?;
                    func = self.call(&dec, vec![func], vec![])?;
                }
                self.store_plain(f, &def.name, func);
            }
            StmtKind::ClassDef(def) => {
                let bases = def.bases.iter().map(|b| self.eval(f, b)).collect::<PyResult<Vec<_>>>()?;
                let class = self.make_class(f, def, bases)?;
                self.store_plain(f, &def.name, class);
            }
            StmtKind::Try { body, handlers, orelse, finalbody, is_star } => {
                let result = self.exec_block(f, body);
                let result = match result {
                    Ok(Flow::Normal) => self.exec_block(f, orelse),
                    Ok(flow) => Ok(flow),
                    Err(exc) => self.handle(f, exc, handlers, *is_star),
                };
                if finalbody.is_empty() {
                    return result;
                }
                return match self.exec_block(f, finalbody)? {
                    Flow::Normal => result,
                    other => Ok(other),
                };
            }
            StmtKind::Raise { exc, cause } => {
                let e = match exc {
                    Some(e) => Some(self.eval(f, e)?),
                    None => None,
                };
                let c = match cause {
                    Some(c) => Some(self.eval(f, c)?),
                    None => None,
                };
                return Err(self.make_raise(f, e, c)?);
            }
            StmtKind::With { items, body, .. } => return self.exec_with(f, items, body),
            StmtKind::Assert { test, msg } => {
                let t = self.eval(f, test)?;
                if !self.truthy(&t)? {
                    let args = match msg {
                        Some(m) => vec![self.eval(f, m)?],
                        None => vec![],
                    };
                    let class = self.class("AssertionError");
                    return Err(Box::new(Exc { value: self.exception_instance(class, args), traceback: vec![] }));
                }
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.delete(f, t)?;
                }
            }
            StmtKind::Import(names) => {
                for (module, alias) in names {
                    let m = self.import(module)?;
                    let bind = alias.clone().unwrap_or_else(|| Rc::from(module.split('.').next().unwrap_or(module)));
                    self.store_plain(f, &bind, m);
                }
            }
            StmtKind::ImportFrom { module, names } => {
                let m = self.import(module)?;
                for (name, alias) in names {
                    let v = self.getattr(&m, name).map_err(|_| {
                        self.error("ImportError", &format!("cannot import name '{name}' from '{module}'"))
                    })?;
                    self.store_plain(f, alias.as_ref().unwrap_or(name), v);
                }
            }
        }
        Ok(Flow::Normal)
    }

    /// `name = asyncio.create_task(…)`: the task's lane will be called `name`; `lock =
    /// asyncio.Lock()` (or `self.lock = …`): the resource's lane will be called `lock`.
    pub fn set_lane_hint(&self, targets: &[Expr], value: &Expr) {
        if let ([target], ExprKind::Call { func, .. }) = (targets, &value.kind) {
            let callee = match &func.kind {
                ExprKind::Attribute { attr, .. } => &**attr,
                ExprKind::Name(n) => &*n.id,
                _ => "",
            };
            let creates = matches!(callee, "create_task" | "ensure_future");
            let makes_resource = matches!(
                callee,
                "Queue"
                    | "LifoQueue"
                    | "PriorityQueue"
                    | "Lock"
                    | "Semaphore"
                    | "BoundedSemaphore"
                    | "Event"
                    | "Condition"
            );
            match &target.kind {
                ExprKind::Name(n) if creates || makes_resource => *self.lane_hint.borrow_mut() = Some(n.id.clone()),
                ExprKind::Attribute { attr, .. } if makes_resource => *self.lane_hint.borrow_mut() = Some(attr.clone()),
                _ => {}
            }
        }
    }

    /// Stores a name bound by `def`, `class` or `import` (resolved like an assignment target).
    pub fn store_plain(&self, f: &Frame, name: &Rc<str>, value: Value) {
        let scope = f.function.as_ref().map(|func| func.def.scope.borrow());
        if let Some(scope) = scope {
            if let Some(i) = scope.fast.iter().position(|n| n == name) {
                f.fast.borrow_mut()[i] = Some(value);
                return;
            }
            if let Some(i) = scope.cells.iter().position(|n| n == name) {
                *f.cells[i].borrow_mut() = Some(value);
                return;
            }
            drop(scope);
            f.globals.set(name.clone(), value);
            return;
        }
        match &f.locals {
            Some(l) => l.set(name.clone(), value),
            None => f.globals.set(name.clone(), value),
        }
    }

    pub fn aug_assign(
        self: &Rc<Self>,
        f: &Frame,
        target: &Expr,
        op: super::ast::BinOp,
        value: &Expr,
        precomputed: Option<Value>,
    ) -> PyResult<()> {
        let rhs = |me: &Rc<Self>| -> PyResult<Value> {
            match &precomputed {
                Some(v) => Ok(v.clone()),
                None => me.eval(f, value),
            }
        };
        match &target.kind {
            ExprKind::Name(n) => {
                let cur = self.load_name(f, n)?;
                let r = rhs(self)?;
                let new = self.inplace(&cur, op, &r)?;
                self.store_name(f, n, new);
            }
            ExprKind::Attribute { value: obj, attr } => {
                let o = self.eval(f, obj)?;
                let cur = self.getattr(&o, attr)?;
                let r = rhs(self)?;
                let new = self.inplace(&cur, op, &r)?;
                self.setattr(&o, attr, new)?;
            }
            ExprKind::Subscript { value: obj, index } => {
                let o = self.eval(f, obj)?;
                let i = self.eval(f, index)?;
                let cur = self.getitem(&o, &i)?;
                let r = rhs(self)?;
                let new = self.inplace(&cur, op, &r)?;
                self.setitem(&o, &i, new)?;
            }
            _ => return self.err("SyntaxError", "illegal expression for augmented assignment"),
        }
        Ok(())
    }

    /// `a += b`: lists extend in place; everything else is `a = a + b`.
    fn inplace(self: &Rc<Self>, cur: &Value, op: super::ast::BinOp, r: &Value) -> PyResult<Value> {
        if let (Value::List(l), super::ast::BinOp::Add) = (cur, op) {
            let items = self.collect(r)?;
            l.borrow_mut().extend(items);
            return Ok(cur.clone());
        }
        if let Value::Instance(inst) = cur {
            let name = format!("__i{}", &dunder_name(op)[2..]);
            if let Some(m) = inst.class.lookup(&name) {
                return self.call(&m, vec![cur.clone(), r.clone()], vec![]);
            }
        }
        self.binop(cur, op, r)
    }

    /// Finds the handler for `exc` and runs it (or re-raises). For `except*`, splits the group.
    pub fn handle(self: &Rc<Self>, f: &Frame, exc: Box<Exc>, handlers: &[Handler], is_star: bool) -> PyResult<Flow> {
        if self.stopping.borrow().is_some() {
            return Err(exc);
        }
        if is_star {
            return self.handle_star(f, exc, handlers);
        }
        for h in handlers {
            if self.matches_handler(f, &exc, h)? {
                return self.run_handler(f, exc, h);
            }
        }
        Err(exc)
    }

    pub fn matches_handler(self: &Rc<Self>, f: &Frame, exc: &Exc, h: &Handler) -> PyResult<bool> {
        let Some(typ) = &h.typ else { return Ok(true) };
        let t = self.eval(f, typ)?;
        self.exc_matches(&exc.value, &t)
    }

    pub fn exc_matches(&self, value: &Value, t: &Value) -> PyResult<bool> {
        match t {
            Value::Class(c) => Ok(self.isinstance(value, c)),
            Value::Tuple(items) => {
                for i in items.iter() {
                    if self.exc_matches(value, i)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => self.err("TypeError", "catching classes that do not inherit from BaseException is not allowed"),
        }
    }

    pub fn run_handler(self: &Rc<Self>, f: &Frame, exc: Box<Exc>, h: &Handler) -> PyResult<Flow> {
        let exc: Rc<Exc> = Rc::from(exc);
        if let Some(name) = &h.name {
            self.store_name(f, name, exc.value.clone());
        }
        f.handling.borrow_mut().push(exc.clone());
        let r = self.exec_block(f, &h.body);
        f.handling.borrow_mut().pop();
        if let Some(name) = &h.name {
            let _ = self.delete_name(f, name);
        }
        r.map_err(|e| self.chain_context(e, &exc))
    }

    /// Sets `__context__` of an exception raised while handling another.
    pub fn chain_context(&self, e: Box<Exc>, handling: &Rc<Exc>) -> Box<Exc> {
        if let Value::Instance(inst) = &e.value {
            if !e.value.is(&handling.value) && !inst.attrs.borrow().contains_key("__context__") {
                inst.attrs.borrow_mut().insert(Rc::from("__context__"), handling.value.clone());
            }
        }
        e
    }

    #[allow(clippy::boxed_local)] // the exception arrives boxed and leaves boxed (re-raised)
    fn handle_star(self: &Rc<Self>, f: &Frame, exc: Box<Exc>, handlers: &[Handler]) -> PyResult<Flow> {
        let group_class = self.class("BaseExceptionGroup");
        let (is_group, mut rest) = match &exc.value {
            Value::Instance(inst) if inst.class.is_subclass(&group_class) => (true, self.group_exceptions(&exc.value)),
            other => (false, vec![other.clone()]),
        };
        for h in handlers {
            let Some(typ) = &h.typ else { continue };
            let t = self.eval(f, typ)?;
            let (matched, left): (Vec<Value>, Vec<Value>) =
                rest.into_iter().partition(|e| self.exc_matches(e, &t).unwrap_or(false));
            rest = left;
            if matched.is_empty() {
                continue;
            }
            let group = self.make_group(&exc.value, matched, is_group);
            let sub = Box::new(Exc { value: group, traceback: exc.traceback.clone() });
            match self.run_handler(f, sub, h)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        if rest.is_empty() {
            return Ok(Flow::Normal);
        }
        let value = self.make_group(&exc.value, rest, true);
        Err(Box::new(Exc { value, traceback: exc.traceback }))
    }

    pub fn group_exceptions(&self, group: &Value) -> Vec<Value> {
        let args = self.exception_args(group);
        match args.get(1) {
            Some(Value::List(l)) => l.borrow().clone(),
            Some(Value::Tuple(t)) => t.to_vec(),
            _ => vec![],
        }
    }

    /// A new exception group like `original` (its message) holding `items`.
    pub fn make_group(&self, original: &Value, items: Vec<Value>, keep_group: bool) -> Value {
        let message = self.exception_args(original).first().cloned().unwrap_or_else(|| Value::str(""));
        if !keep_group && items.len() == 1 {
            // A naked exception caught by except* is wrapped in an ExceptionGroup('', [exc]).
            return self.exception_instance(self.class("ExceptionGroup"), vec![Value::str(""), Value::list(items)]);
        }
        let all_exceptions =
            items.iter().all(|e| matches!(e, Value::Instance(i) if i.class.is_subclass(&self.class("Exception"))));
        let class = if all_exceptions { "ExceptionGroup" } else { "BaseExceptionGroup" };
        self.exception_instance(self.class(class), vec![message, Value::list(items)])
    }

    /// `raise X from Y` and bare `raise`.
    pub fn make_raise(self: &Rc<Self>, f: &Frame, exc: Option<Value>, cause: Option<Value>) -> PyResult<Box<Exc>> {
        let Some(exc) = exc else {
            return match f.handling.borrow().last() {
                Some(e) => Ok(Box::new(Exc { value: e.value.clone(), traceback: e.traceback.clone() })),
                None => Ok(self.error("RuntimeError", "No active exception to reraise")),
            };
        };
        let value = match &exc {
            Value::Class(c) if self.is_exception_class(c) => self.call(&exc, vec![], vec![])?,
            Value::Instance(i) if self.is_exception_class(&i.class) => exc.clone(),
            _ => return Ok(self.error("TypeError", "exceptions must derive from BaseException")),
        };
        if let (Some(cause), Value::Instance(inst)) = (cause, &value) {
            let cause = match &cause {
                Value::Class(c) if self.is_exception_class(c) => self.call(&cause, vec![], vec![])?,
                _ => cause,
            };
            inst.attrs.borrow_mut().insert(Rc::from("__cause__"), cause);
            inst.attrs.borrow_mut().insert(Rc::from("__suppress_context__"), Value::Bool(true));
        }
        if let (Some(handling), Value::Instance(inst)) = (f.handling.borrow().last(), &value) {
            if !value.is(&handling.value) && !inst.attrs.borrow().contains_key("__context__") {
                inst.attrs.borrow_mut().insert(Rc::from("__context__"), handling.value.clone());
            }
        }
        Ok(Box::new(Exc { value, traceback: vec![] }))
    }

    fn exec_with(self: &Rc<Self>, f: &Frame, items: &[super::ast::WithItem], body: &[Stmt]) -> PyResult<Flow> {
        let Some((first, rest)) = items.split_first() else { return self.exec_block(f, body) };
        let cm = self.eval(f, &first.context)?;
        let enter = self.special_method(&cm, "__enter__")?;
        let exit = self.special_method(&cm, "__exit__")?;
        let entered = self.call(&enter, vec![], vec![])?;
        if let Some(t) = &first.target {
            self.assign(f, t, entered)?;
        }
        let result = self.exec_with(f, rest, body);
        match result {
            Ok(flow) => {
                self.call(&exit, vec![Value::None, Value::None, Value::None], vec![])?;
                Ok(flow)
            }
            Err(exc) => {
                let t = Value::Class(self.type_of(&exc.value));
                let suppress = self.call(&exit, vec![t, exc.value.clone(), Value::None], vec![])?;
                if self.truthy(&suppress)? {
                    Ok(Flow::Normal)
                } else {
                    Err(exc)
                }
            }
        }
    }

    /// A bound special method looked up on the type, or the TypeError CPython gives.
    pub fn special_method(self: &Rc<Self>, obj: &Value, name: &str) -> PyResult<Value> {
        if let Value::Instance(inst) = obj {
            if let Some(m) = inst.class.lookup(name) {
                return Ok(self.bind(m, obj.clone()));
            }
        }
        if let Value::Native(_) = obj {
            if let Ok(m) = self.getattr(obj, name) {
                return Ok(m);
            }
        }
        let what = match name {
            "__enter__" | "__exit__" => "the context manager protocol",
            "__aenter__" | "__aexit__" => "the asynchronous context manager protocol",
            _ => "the protocol",
        };
        let extra = match name {
            "__enter__" | "__exit__" if self.has_attr_named(obj, "__aenter__") => {
                " Did you mean 'async with'?".to_string()
            }
            _ => String::new(),
        };
        self.err("TypeError", format!("'{}' object does not support {what}{extra}", self.type_name(obj)))
    }

    fn has_attr_named(&self, obj: &Value, name: &str) -> bool {
        match obj {
            Value::Instance(inst) => inst.class.lookup(name).is_some(),
            _ => false,
        }
    }

    /// A function found on a class, bound to `obj`.
    pub fn bind(&self, m: Value, obj: Value) -> Value {
        match &m {
            Value::Function(_) => Value::Method(Rc::new((obj, m))),
            _ => m,
        }
    }

    /// `class Name(bases): body`: runs the body in a fresh namespace and builds the class.
    pub fn make_class(self: &Rc<Self>, f: &Frame, def: &Rc<ClassDef>, bases: Vec<Value>) -> PyResult<Value> {
        let mut base_classes = Vec::new();
        for b in &bases {
            match b {
                Value::Class(c) => base_classes.push(c.clone()),
                other => return Err(self.type_error("TypeError", "bases must be types, not ", other, "")),
            }
        }
        let ns = Rc::new(super::value::Namespace::default());
        let body_frame = Frame {
            fast: RefCell::new(Vec::new()),
            cells: f.cells.clone(),
            globals: f.globals.clone(),
            locals: Some(ns.clone()),
            function: f.function.clone(),
            name: def.name.clone(),
            line: std::cell::Cell::new(def.pos.line),
            channel: None,
            handling: RefCell::new(Vec::new()),
            loops: std::cell::Cell::new(0),
        };
        self.exec_block(&body_frame, &def.body).map_err(|e| self.add_traceback(e, &body_frame))?;
        let object = self.class("object");
        let bases_or_object = if base_classes.is_empty() { vec![object] } else { base_classes };
        let mro = self.c3(&bases_or_object)?;
        let builtin = mro.iter().find_map(|c| c.builtin).filter(|b| *b == BuiltinClass::Exception);
        let attrs: super::value::Names = ns.vars.borrow().clone();
        let class = Rc::new(Class {
            name: def.name.clone(),
            bases: bases_or_object,
            ancestors: mro,
            attrs: RefCell::new(attrs),
            builtin,
            def: Some(def.clone()),
            module: "",
        });
        self.cyclic.borrow_mut().classes.push(&class);
        for v in class.attrs.borrow().values() {
            if let Value::Function(func) = v {
                *func.class.borrow_mut() = Some(Rc::downgrade(&class));
            }
        }
        let mut value = Value::Class(class);
        for d in def.decorators.iter().rev() {
            let dec = self.eval(f, d)?;
            value = self.call(&dec, vec![value], vec![])?;
        }
        Ok(value)
    }

    /// C3 linearisation of the bases' MROs (the new class itself is put in front by the caller).
    fn c3(&self, bases: &[Rc<Class>]) -> PyResult<Vec<Rc<Class>>> {
        let mut seqs: Vec<Vec<Rc<Class>>> = bases.iter().map(|b| b.mro()).collect();
        seqs.push(bases.to_vec());
        let mut out: Vec<Rc<Class>> = Vec::new();
        loop {
            seqs.retain(|s| !s.is_empty());
            if seqs.is_empty() {
                return Ok(out);
            }
            let candidate = seqs
                .iter()
                .map(|s| s[0].clone())
                .find(|c| !seqs.iter().any(|s| s[1..].iter().any(|x| Rc::ptr_eq(x, c))));
            let Some(c) = candidate else {
                return self.err("TypeError", "Cannot create a consistent method resolution order (MRO)");
            };
            for s in seqs.iter_mut() {
                if Rc::ptr_eq(&s[0], &c) {
                    s.remove(0);
                }
            }
            out.push(c);
        }
    }

    /// An instance of a user class: `__new__` is not supported; `__init__` runs now.
    pub fn instantiate(
        self: &Rc<Self>,
        class: &Rc<Class>,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> PyResult<Value> {
        let inst = Rc::new(Instance { class: class.clone(), attrs: RefCell::new(Default::default()) });
        self.cyclic.borrow_mut().instances.push(&inst);
        let inst = Value::Instance(inst);
        let is_exception = self.is_exception_class(class);
        if is_exception {
            if let Value::Instance(i) = &inst {
                i.attrs.borrow_mut().insert(Rc::from("args"), Value::tuple(args.clone()));
            }
        }
        match class.lookup("__init__") {
            Some(init @ Value::Function(_)) => {
                let r = self.call(&init, std::iter::once(inst.clone()).chain(args).collect(), kwargs)?;
                if !matches!(r, Value::None) {
                    if let Value::Native(_) = r {
                        return self.err("TypeError", "__init__() should return None, not 'coroutine'");
                    }
                    return Err(self.type_error("TypeError", "__init__() should return None, not '", &r, "'"));
                }
            }
            _ if !is_exception && (!args.is_empty() || !kwargs.is_empty()) => {
                return self.err("TypeError", format!("{}() takes no arguments", class.name));
            }
            _ => {}
        }
        Ok(inst)
    }
}

fn dunder_name(op: super::ast::BinOp) -> &'static str {
    use super::ast::BinOp::*;
    match op {
        Add => "__add__",
        Sub => "__sub__",
        Mult => "__mul__",
        MatMult => "__matmul__",
        Div => "__truediv__",
        FloorDiv => "__floordiv__",
        Mod => "__mod__",
        Pow => "__pow__",
        LShift => "__lshift__",
        RShift => "__rshift__",
        BitOr => "__or__",
        BitXor => "__xor__",
        BitAnd => "__and__",
    }
}

/// True when a value is a coroutine object (used by asyncio functions).
pub fn is_coroutine(v: &Value) -> bool {
    matches!(v, Value::Native(n) if matches!(**n, Native::Coroutine(_)))
}
