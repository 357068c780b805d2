//! Python's data model on `Value`: truth, `repr`/`str`, equality and ordering, arithmetic, dict
//! keys, attributes and items — each built-in type's rule first, then the class's dunder method.

use std::rc::Rc;

use super::ast::{BinOp, CmpOp};
use super::bigint::BigInt;
use super::format;
use super::interp::Interp;
use super::native::Native;
use super::value::{BuiltinClass, Class, Exc, Key, PyResult, Value};

pub fn key_of_str(s: &Rc<str>) -> Key {
    Key::Str(s.clone())
}

impl Interp {
    /// An address for default reprs (`<Foo object at 0x…>`): numbered in the order objects are
    /// first shown, so a run prints the same text every time (and on every machine). The first is
    /// the chapter's own `0x107d12f80`.
    pub fn fake_address(&self, v: &Value) -> String {
        let id = v.identity();
        let mut known = self.addresses.borrow_mut();
        let n = known.len() as i64;
        let k = match known.entry(id).or_insert(Value::Int(n)) {
            Value::Int(k) => *k,
            _ => n,
        };
        format!("0x{:x}", 0x1_07d1_2f80u64 + k as u64 * 0x1d0)
    }

    pub fn type_name(&self, v: &Value) -> Rc<str> {
        self.type_of(v).name.clone()
    }

    /// An error whose message names a value's type between two fixed parts ("'int' object is not
    /// iterable"): one out-of-line function instead of a `format!` at each raise site.
    #[inline(never)]
    #[cold]
    pub fn type_error(&self, class: &str, before: &str, v: &Value, after: &str) -> Box<Exc> {
        self.error(class, &[before, &self.type_name(v), after].concat())
    }

    /// `type(v)`.
    pub fn type_of(&self, v: &Value) -> Rc<Class> {
        let name = match v {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) | Value::BigInt(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Bytes(_) => "bytes",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Dict(_) => "dict",
            Value::Set(_) => "set",
            Value::Range(_) => "range",
            Value::Slice(_) => "slice",
            Value::Function(_) => "function",
            Value::Builtin(_) => "builtin_function_or_method",
            Value::Method(_) => "function",
            Value::Class(_) => "type",
            Value::Module(_) => "module",
            Value::Instance(i) => return i.class.clone(),
            Value::Native(n) => match &**n {
                Native::Coroutine(_) => "coroutine",
                Native::Generator(g) if g.is_async => "async_generator",
                Native::Generator(_) => "generator",
                Native::Iterator(_) => "iterator",
                Native::Task(_) => "Task",
                Native::Future(_) => "Future",
                Native::Queue(q) => match q.kind {
                    super::native::QueueKind::Fifo => "Queue",
                    super::native::QueueKind::Lifo => "LifoQueue",
                    super::native::QueueKind::Priority => "PriorityQueue",
                },
                Native::Semaphore(s) if s.is_lock => "Lock",
                Native::Semaphore(s) if s.bound.is_some() => "BoundedSemaphore",
                Native::Semaphore(_) => "Semaphore",
                Native::Event(_) => "Event",
                Native::Condition(_) => "Condition",
                Native::Timeout(_) => "Timeout",
                Native::TaskGroup(_) => "TaskGroup",
                Native::Super { .. } => "super",
                Native::Http(_) => return self.class(self.http_type_name(v)),
                Native::Runner => "Runner",
                Native::Loop | Native::Awaitable(_) => "object",
            },
        };
        self.class(name)
    }

    pub fn isinstance(&self, v: &Value, class: &Class) -> bool {
        if let (Value::Bool(_), Some(BuiltinClass::Int)) = (v, class.builtin) {
            return true;
        }
        if class.builtin == Some(BuiltinClass::Object) {
            return true;
        }
        self.type_of(v).is_subclass(class)
    }

    /// Python truth.
    pub fn truthy(self: &Rc<Self>, v: &Value) -> PyResult<bool> {
        Ok(match v {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            // Never zero: zero is an `Int`.
            Value::BigInt(_) => true,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) | Value::Set(d) => !d.borrow().is_empty(),
            Value::Range(r) => r.len() > 0,
            Value::Instance(inst) => {
                if let Some(m) = inst.class.lookup("__bool__") {
                    let r = self.call(&m, vec![v.clone()], vec![])?;
                    return self.truthy(&r);
                }
                if let Some(m) = inst.class.lookup("__len__") {
                    let r = self.call(&m, vec![v.clone()], vec![])?;
                    return Ok(!matches!(r, Value::Int(0)));
                }
                true
            }
            _ => true,
        })
    }

    /// `repr(v)`.
    pub fn repr(self: &Rc<Self>, v: &Value) -> PyResult<String> {
        self.enter_call()?;
        let r = self.repr_inner(v);
        self.leave_call();
        r
    }

    fn repr_inner(self: &Rc<Self>, v: &Value) -> PyResult<String> {
        Ok(match v {
            Value::None => "None".into(),
            Value::Bool(true) => "True".into(),
            Value::Bool(false) => "False".into(),
            Value::Int(i) => i.to_string(),
            Value::BigInt(b) => self.big_decimal(b)?,
            Value::Float(f) => format::float_repr(*f),
            Value::Str(s) => format::str_repr(s),
            Value::Bytes(b) => format::bytes_repr(b),
            Value::List(l) => {
                let items = l.borrow().clone();
                format!("[{}]", self.repr_items(&items)?)
            }
            Value::Tuple(t) => {
                if t.len() == 1 {
                    format!("({},)", self.repr(&t[0])?)
                } else {
                    format!("({})", self.repr_items(t)?)
                }
            }
            Value::Dict(d) => {
                let items = d.borrow().items();
                let mut parts = Vec::with_capacity(items.len());
                for (k, v) in &items {
                    parts.push(format!("{}: {}", self.repr(k)?, self.repr(v)?));
                }
                format!("{{{}}}", parts.join(", "))
            }
            Value::Set(d) => {
                let items = d.borrow().keys();
                if items.is_empty() {
                    "set()".into()
                } else {
                    format!("{{{}}}", self.repr_items(&items)?)
                }
            }
            Value::Range(r) => {
                if r.step == 1 {
                    format!("range({}, {})", r.start, r.stop)
                } else {
                    format!("range({}, {}, {})", r.start, r.stop, r.step)
                }
            }
            Value::Slice(s) => format!("slice({}, {}, {})", self.repr(&s[0])?, self.repr(&s[1])?, self.repr(&s[2])?),
            Value::Function(f) => format!("<function {} at {}>", f.qualname, self.fake_address(v)),
            Value::Builtin(b) => match &b.self_ {
                Some(s) => {
                    format!("<built-in method {} of {} object at {}>", b.name, self.type_name(s), self.fake_address(s))
                }
                None => format!("<built-in function {}>", b.name),
            },
            Value::Method(m) => {
                let name = match &m.1 {
                    Value::Function(f) => f.qualname.to_string(),
                    _ => "?".into(),
                };
                format!("<bound method {} of {}>", name, self.repr(&m.0)?)
            }
            Value::Class(c) => match c.module {
                "builtins" => format!("<class '{}'>", c.name),
                "" => format!("<class '__main__.{}'>", c.name),
                m => format!("<class '{m}.{}'>", c.name),
            },
            Value::Module(m) => format!("<module '{}'>", m.name),
            Value::Instance(inst) => {
                if let Some(m) = inst.class.lookup("__repr__") {
                    let r = self.call(&m, vec![v.clone()], vec![])?;
                    return match r {
                        Value::Str(s) => Ok(s.to_string()),
                        other => Err(self.type_error("TypeError", "__repr__ returned non-string (type ", &other, ")")),
                    };
                }
                if inst.class.builtin == Some(BuiltinClass::Exception) || self.is_exception_class(&inst.class) {
                    let args = self.exception_args(v);
                    let inner = if args.len() == 1 { self.repr(&args[0])? } else { self.repr_items(&args)? };
                    return Ok(format!("{}({inner})", inst.class.name));
                }
                format!("<__main__.{} object at {}>", inst.class.name, self.fake_address(v))
            }
            Value::Native(n) => match &**n {
                Native::Coroutine(c) => format!("<coroutine object {} at {}>", c.name, self.fake_address(v)),
                Native::Generator(g) if g.is_async => {
                    format!("<async_generator object {} at {}>", g.name, self.fake_address(v))
                }
                Native::Generator(g) => format!("<generator object {} at {}>", g.name, self.fake_address(v)),
                Native::Task(t) => {
                    let state = match &*t.result.borrow() {
                        None => "pending".to_string(),
                        Some(Ok(r)) => format!("finished result={}", self.repr(r)?),
                        Some(Err(e)) if self.exc_is(e, "CancelledError") => "cancelled".to_string(),
                        Some(Err(e)) => format!("finished exception={}", self.repr(&e.value)?),
                    };
                    format!("<Task {state} name='{}' coro=<{}()>>", t.name.borrow(), t.coro_name)
                }
                _ => format!("<{} object at {}>", self.type_name(v), self.fake_address(v)),
            },
        })
    }

    fn repr_items(self: &Rc<Self>, items: &[Value]) -> PyResult<String> {
        let mut parts = Vec::with_capacity(items.len());
        for item in items {
            parts.push(self.repr(item)?);
        }
        Ok(parts.join(", "))
    }

    pub fn is_exception_class(&self, class: &Class) -> bool {
        class.is_subclass(&self.class("BaseException"))
    }

    pub fn exception_args(&self, v: &Value) -> Vec<Value> {
        match v {
            Value::Instance(inst) => match inst.attrs.borrow().get("args") {
                Some(Value::Tuple(t)) => t.to_vec(),
                _ => vec![],
            },
            _ => vec![],
        }
    }

    /// `str(v)`.
    pub fn to_str(self: &Rc<Self>, v: &Value) -> PyResult<String> {
        match v {
            Value::Str(s) => Ok(s.to_string()),
            Value::Instance(inst) => {
                if let Some(m) = inst.class.lookup("__str__") {
                    let r = self.call(&m, vec![v.clone()], vec![])?;
                    return match r {
                        Value::Str(s) => Ok(s.to_string()),
                        other => Err(self.type_error("TypeError", "__str__ returned non-string (type ", &other, ")")),
                    };
                }
                if self.is_exception_class(&inst.class) && inst.class.lookup("__repr__").is_none() {
                    let args = self.exception_args(v);
                    let key_error = inst.class.is_subclass(&self.class("KeyError"));
                    if inst.class.is_subclass(&self.class("BaseExceptionGroup")) {
                        let n = self.group_exceptions(v).len();
                        let message = self.to_str(args.first().unwrap_or(&Value::None))?;
                        return Ok(format!("{message} ({n} sub-exception{})", if n == 1 { "" } else { "s" }));
                    }
                    return match args.len() {
                        0 => Ok(String::new()),
                        1 if key_error => self.repr(&args[0]),
                        1 => self.to_str(&args[0]),
                        _ => self.repr(&Value::tuple(args)),
                    };
                }
                self.repr(v)
            }
            _ => self.repr(v),
        }
    }

    /// The dict/set key of a value, or `TypeError: unhashable type`.
    pub fn key(&self, v: &Value) -> PyResult<Key> {
        Ok(match v {
            Value::None => Key::None,
            Value::Bool(b) => Key::Int(*b as i64),
            Value::Int(i) => Key::Int(*i),
            Value::BigInt(b) => Key::BigInt(b.clone()),
            Value::Float(f) => {
                if f.fract() == 0.0 && f.abs() < 9.2e18 {
                    Key::Int(*f as i64)
                } else {
                    Key::Float(f.to_bits())
                }
            }
            Value::Str(s) => Key::Str(s.clone()),
            Value::Bytes(b) => Key::Bytes(b.clone()),
            Value::Tuple(t) => Key::Tuple(t.iter().map(|x| self.key(x)).collect::<PyResult<_>>()?),
            Value::List(_) | Value::Dict(_) | Value::Set(_) => {
                return Err(self.type_error("TypeError", "unhashable type: '", v, "'"))
            }
            other => Key::Id(other.identity()),
        })
    }

    /// `a == b`.
    pub fn eq(self: &Rc<Self>, a: &Value, b: &Value) -> PyResult<bool> {
        if let Some(ord) = self.big_cmp(a, b) {
            return Ok(ord == Some(std::cmp::Ordering::Equal));
        }
        Ok(match (a, b) {
            (Value::None, Value::None) => true,
            (Value::Bool(x), Value::Bool(y)) => x == y,
            (Value::Int(_) | Value::Bool(_) | Value::Float(_), Value::Int(_) | Value::Bool(_) | Value::Float(_)) => {
                match (num(a), num(b)) {
                    (Num::I(x), Num::I(y)) => x == y,
                    (x, y) => x.f() == y.f(),
                }
            }
            (Value::Str(x), Value::Str(y)) => x == y,
            (Value::Bytes(x), Value::Bytes(y)) => x == y,
            (Value::List(x), Value::List(y)) => {
                if Rc::ptr_eq(x, y) {
                    return Ok(true);
                }
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                self.seq_eq(&x, &y)?
            }
            (Value::Tuple(x), Value::Tuple(y)) => self.seq_eq(x, y)?,
            (Value::Dict(x), Value::Dict(y)) => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                if x.len() != y.len() {
                    return Ok(false);
                }
                for (k, v) in x.iter() {
                    match y.get(&self.key(k)?) {
                        Some(w) if self.eq(v, w)? => {}
                        _ => return Ok(false),
                    }
                }
                true
            }
            (Value::Set(x), Value::Set(y)) => {
                let (x, y) = (x.borrow(), y.borrow());
                x.len() == y.len() && x.iter().all(|(k, _)| self.key(k).map(|k| y.contains(&k)).unwrap_or(false))
            }
            (Value::Range(x), Value::Range(y)) => x == y,
            (Value::Instance(inst), _) if inst.class.lookup("__eq__").is_some() => {
                let m = inst.class.lookup("__eq__").unwrap_or(Value::None);
                let r = self.call(&m, vec![a.clone(), b.clone()], vec![])?;
                if self.is_not_implemented(&r) {
                    a.is(b)
                } else {
                    self.truthy(&r)?
                }
            }
            (_, Value::Instance(inst)) if inst.class.lookup("__eq__").is_some() => {
                let m = inst.class.lookup("__eq__").unwrap_or(Value::None);
                let r = self.call(&m, vec![b.clone(), a.clone()], vec![])?;
                if self.is_not_implemented(&r) {
                    a.is(b)
                } else {
                    self.truthy(&r)?
                }
            }
            _ => a.identity() == b.identity() && std::mem::discriminant(a) == std::mem::discriminant(b),
        })
    }

    pub fn is_not_implemented(&self, v: &Value) -> bool {
        matches!(v, Value::Builtin(b) if b.name == "NotImplemented")
    }

    fn seq_eq(self: &Rc<Self>, x: &[Value], y: &[Value]) -> PyResult<bool> {
        if x.len() != y.len() {
            return Ok(false);
        }
        for (a, b) in x.iter().zip(y) {
            if !a.is(b) && !self.eq(a, b)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `a < b` (and the other orderings through it).
    pub fn lt(self: &Rc<Self>, a: &Value, b: &Value) -> PyResult<bool> {
        self.order(a, b, CmpOp::Lt)
    }

    fn order(self: &Rc<Self>, a: &Value, b: &Value, op: CmpOp) -> PyResult<bool> {
        use std::cmp::Ordering;
        let big = self.big_cmp(a, b);
        let ord: Option<Ordering> = match (a, b) {
            _ if big.is_some() => match big.flatten() {
                Some(o) => Some(o),
                None => return Ok(false),
            },
            (Value::Int(_) | Value::Bool(_) | Value::Float(_), Value::Int(_) | Value::Bool(_) | Value::Float(_)) => {
                match (num(a), num(b)) {
                    (Num::I(x), Num::I(y)) => Some(x.cmp(&y)),
                    (x, y) => match x.f().partial_cmp(&y.f()) {
                        Some(o) => Some(o),
                        None => return Ok(false),
                    },
                }
            }
            (Value::Str(x), Value::Str(y)) => Some(x.cmp(y)),
            (Value::Bytes(x), Value::Bytes(y)) => Some(x.cmp(y)),
            (Value::List(x), Value::List(y)) => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                return self.seq_order(&x, &y, op);
            }
            (Value::Tuple(x), Value::Tuple(y)) => return self.seq_order(x, y, op),
            (Value::Set(x), Value::Set(y)) if matches!(op, CmpOp::LtE | CmpOp::GtE | CmpOp::Lt | CmpOp::Gt) => {
                let (small, big) = if matches!(op, CmpOp::LtE | CmpOp::Lt) { (x, y) } else { (y, x) };
                let (s, bg) = (small.borrow(), big.borrow());
                let subset = s.iter().all(|(k, _)| self.key(k).map(|k| bg.contains(&k)).unwrap_or(false));
                return Ok(subset && (matches!(op, CmpOp::LtE | CmpOp::GtE) || s.len() < bg.len()));
            }
            _ => None,
        };
        if let Some(ord) = ord {
            return Ok(match op {
                CmpOp::Lt => ord == Ordering::Less,
                CmpOp::LtE => ord != Ordering::Greater,
                CmpOp::Gt => ord == Ordering::Greater,
                _ => ord != Ordering::Less,
            });
        }
        let (name, swapped) = match op {
            CmpOp::Lt => ("__lt__", "__gt__"),
            CmpOp::LtE => ("__le__", "__ge__"),
            CmpOp::Gt => ("__gt__", "__lt__"),
            _ => ("__ge__", "__le__"),
        };
        if let Value::Instance(inst) = a {
            if let Some(m) = inst.class.lookup(name) {
                let r = self.call(&m, vec![a.clone(), b.clone()], vec![])?;
                if !self.is_not_implemented(&r) {
                    return self.truthy(&r);
                }
            }
        }
        if let Value::Instance(inst) = b {
            if let Some(m) = inst.class.lookup(swapped) {
                let r = self.call(&m, vec![b.clone(), a.clone()], vec![])?;
                if !self.is_not_implemented(&r) {
                    return self.truthy(&r);
                }
            }
        }
        let sym = match op {
            CmpOp::Lt => "<",
            CmpOp::LtE => "<=",
            CmpOp::Gt => ">",
            _ => ">=",
        };
        self.err(
            "TypeError",
            format!("'{sym}' not supported between instances of '{}' and '{}'", self.type_name(a), self.type_name(b)),
        )
    }

    fn seq_order(self: &Rc<Self>, x: &[Value], y: &[Value], op: CmpOp) -> PyResult<bool> {
        for (a, b) in x.iter().zip(y) {
            if !self.eq(a, b)? {
                return self.order(a, b, op);
            }
        }
        let (lx, ly) = (x.len(), y.len());
        Ok(match op {
            CmpOp::Lt => lx < ly,
            CmpOp::LtE => lx <= ly,
            CmpOp::Gt => lx > ly,
            _ => lx >= ly,
        })
    }

    /// One comparison of a chain.
    pub fn compare(self: &Rc<Self>, a: &Value, op: CmpOp, b: &Value) -> PyResult<bool> {
        match op {
            CmpOp::Eq => self.eq(a, b),
            CmpOp::NotEq => {
                if let Value::Instance(inst) = a {
                    if let Some(m) = inst.class.lookup("__ne__") {
                        let r = self.call(&m, vec![a.clone(), b.clone()], vec![])?;
                        return self.truthy(&r);
                    }
                }
                Ok(!self.eq(a, b)?)
            }
            CmpOp::Is => Ok(a.is(b)),
            CmpOp::IsNot => Ok(!a.is(b)),
            CmpOp::In => self.contains(b, a),
            CmpOp::NotIn => Ok(!self.contains(b, a)?),
            _ => self.order(a, b, op),
        }
    }

    /// `item in container`.
    pub fn contains(self: &Rc<Self>, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::Str(s) => match item {
                Value::Str(i) => Ok(s.contains(&**i)),
                _ => Err(self.type_error("TypeError", "'in <string>' requires string as left operand, not ", item, "")),
            },
            Value::Dict(d) | Value::Set(d) => {
                let k = self.key(item)?;
                Ok(d.borrow().contains(&k))
            }
            Value::Range(r) => Ok(match item {
                Value::Int(i) => {
                    let n = r.len();
                    n > 0 && (i - r.start) % r.step == 0 && {
                        let idx = (i - r.start) / r.step;
                        idx >= 0 && idx < n
                    }
                }
                _ => false,
            }),
            Value::Instance(inst) if inst.class.lookup("__contains__").is_some() => {
                let m = inst.class.lookup("__contains__").unwrap_or(Value::None);
                let r = self.call(&m, vec![container.clone(), item.clone()], vec![])?;
                self.truthy(&r)
            }
            _ => {
                let items = self.collect(container)?;
                for x in &items {
                    if x.is(item) || self.eq(x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }

    /// A binary operator.
    pub fn binop(self: &Rc<Self>, a: &Value, op: BinOp, b: &Value) -> PyResult<Value> {
        if let (Value::Int(x), Value::Int(y)) = (a, b) {
            return self.int_op(*x, op, *y);
        }
        if let Some(r) = self.big_binop(a, op, b) {
            return r;
        }
        match (a, b) {
            (Value::Int(_) | Value::Bool(_) | Value::Float(_), Value::Int(_) | Value::Bool(_) | Value::Float(_)) => {
                match (num(a), num(b)) {
                    (Num::I(x), Num::I(y)) => return self.int_op(x, op, y),
                    (x, y) => {
                        if let Some(v) = self.float_op(x.f(), op, y.f())? {
                            return Ok(v);
                        }
                    }
                }
            }
            (Value::Str(x), Value::Str(y)) if op == BinOp::Add => {
                self.check_size((x.len() + y.len()) as i64)?;
                let mut s = String::with_capacity(x.len() + y.len());
                s.push_str(x);
                s.push_str(y);
                return Ok(Value::Str(Rc::from(s)));
            }
            (Value::Str(s), Value::Int(n)) | (Value::Int(n), Value::Str(s)) if op == BinOp::Mult => {
                return self.repeat_str(s, *n);
            }
            (Value::Str(s), Value::Bool(n)) if op == BinOp::Mult => return self.repeat_str(s, *n as i64),
            (Value::Str(s), _) if op == BinOp::Mod => return self.percent_format(s, b),
            (Value::Bytes(x), Value::Bytes(y)) if op == BinOp::Add => {
                return Ok(Value::Bytes(Rc::from([&x[..], &y[..]].concat())));
            }
            (Value::List(x), Value::List(y)) if op == BinOp::Add => {
                let mut v = x.borrow().clone();
                v.extend(y.borrow().iter().cloned());
                return Ok(Value::list(v));
            }
            (Value::Tuple(x), Value::Tuple(y)) if op == BinOp::Add => {
                let mut v = x.to_vec();
                v.extend(y.iter().cloned());
                return Ok(Value::tuple(v));
            }
            (Value::List(l), Value::Int(n)) | (Value::Int(n), Value::List(l)) if op == BinOp::Mult => {
                let items = l.borrow();
                self.check_size(items.len() as i64 * (*n).max(0))?;
                return Ok(Value::list(repeat(&items, *n)));
            }
            (Value::Tuple(t), Value::Int(n)) | (Value::Int(n), Value::Tuple(t)) if op == BinOp::Mult => {
                self.check_size(t.len() as i64 * (*n).max(0))?;
                return Ok(Value::tuple(repeat(t, *n)));
            }
            (Value::Set(x), Value::Set(y))
                if matches!(op, BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor) =>
            {
                return self.set_op(&x.borrow(), op, &y.borrow());
            }
            (Value::Dict(x), Value::Dict(y)) if op == BinOp::BitOr => {
                let mut d = x.borrow().clone();
                for (k, v) in y.borrow().iter() {
                    d.insert(self.key(k)?, k.clone(), v.clone());
                }
                return Ok(Value::dict(d));
            }
            _ => {}
        }
        let (name, rname) = dunder(op);
        if let Value::Instance(inst) = a {
            if let Some(m) = inst.class.lookup(name) {
                let r = self.call(&m, vec![a.clone(), b.clone()], vec![])?;
                if !self.is_not_implemented(&r) {
                    return Ok(r);
                }
            }
        }
        if let Value::Instance(inst) = b {
            if let Some(m) = inst.class.lookup(rname) {
                let r = self.call(&m, vec![b.clone(), a.clone()], vec![])?;
                if !self.is_not_implemented(&r) {
                    return Ok(r);
                }
            }
        }
        if op == BinOp::Add {
            if let (Value::Str(_), _) = (a, b) {
                return Err(self.type_error("TypeError", "can only concatenate str (not \"", b, "\") to str"));
            }
            if let (Value::List(_), _) = (a, b) {
                return Err(self.type_error("TypeError", "can only concatenate list (not \"", b, "\") to list"));
            }
        }
        self.err(
            "TypeError",
            format!(
                "unsupported operand type(s) for {}: '{}' and '{}'",
                symbol(op),
                self.type_name(a),
                self.type_name(b)
            ),
        )
    }

    fn check_size(&self, n: i64) -> PyResult<()> {
        if n > super::interp::MAX_ITEMS as i64 {
            return self.err("MemoryError", "the playground keeps lists and strings under 10,000,000 items");
        }
        Ok(())
    }

    fn repeat_str(&self, s: &str, n: i64) -> PyResult<Value> {
        self.check_size(s.len() as i64 * n.max(0))?;
        Ok(Value::Str(Rc::from(s.repeat(n.max(0) as usize))))
    }

    fn set_op(&self, x: &super::value::Dict, op: BinOp, y: &super::value::Dict) -> PyResult<Value> {
        let mut out = super::value::Dict::new();
        let y_has = |k: &Value| self.key(k).map(|k| y.contains(&k)).unwrap_or(false);
        let x_has = |k: &Value| self.key(k).map(|k| x.contains(&k)).unwrap_or(false);
        match op {
            BinOp::BitOr => {
                for (k, _) in x.iter().chain(y.iter()) {
                    out.insert(self.key(k)?, k.clone(), Value::None);
                }
            }
            BinOp::BitAnd => {
                for (k, _) in x.iter().filter(|(k, _)| y_has(k)) {
                    out.insert(self.key(k)?, k.clone(), Value::None);
                }
            }
            BinOp::Sub => {
                for (k, _) in x.iter().filter(|(k, _)| !y_has(k)) {
                    out.insert(self.key(k)?, k.clone(), Value::None);
                }
            }
            _ => {
                for (k, _) in x.iter().filter(|(k, _)| !y_has(k)).chain(y.iter().filter(|(k, _)| !x_has(k))) {
                    out.insert(self.key(k)?, k.clone(), Value::None);
                }
            }
        }
        Ok(Value::Set(Rc::new(std::cell::RefCell::new(out))))
    }

    fn int_op(&self, x: i64, op: BinOp, y: i64) -> PyResult<Value> {
        let overflow = || self.error("OverflowError", "integer too large for the playground (more than 64 bits)");
        // Past 64 bits, Python's ints keep going: the same operation on big ints.
        let big = || self.big_op(&BigInt::from_i64(x), op, &BigInt::from_i64(y));
        Ok(Value::Int(match op {
            BinOp::Add => match x.checked_add(y) {
                Some(v) => v,
                None => return big(),
            },
            BinOp::Sub => match x.checked_sub(y) {
                Some(v) => v,
                None => return big(),
            },
            BinOp::Mult => match x.checked_mul(y) {
                Some(v) => v,
                None => return big(),
            },
            BinOp::Div => {
                if y == 0 {
                    return self.err("ZeroDivisionError", "division by zero");
                }
                return Ok(Value::Float(x as f64 / y as f64));
            }
            BinOp::FloorDiv => {
                if y == 0 {
                    return self.err("ZeroDivisionError", "integer division or modulo by zero");
                }
                if x == i64::MIN && y == -1 {
                    return big();
                }
                format::int_floordiv(x, y)
            }
            BinOp::Mod => {
                if y == 0 {
                    return self.err("ZeroDivisionError", "integer modulo by zero");
                }
                if y == -1 {
                    0
                } else {
                    format::int_mod(x, y)
                }
            }
            BinOp::Pow => {
                if y < 0 {
                    if x == 0 {
                        return self.err("ZeroDivisionError", "0.0 cannot be raised to a negative power");
                    }
                    return Ok(Value::Float((x as f64).powf(y as f64)));
                }
                match u32::try_from(y).ok().and_then(|exp| x.checked_pow(exp)) {
                    Some(v) => v,
                    None => return big(),
                }
            }
            BinOp::LShift => {
                if y < 0 {
                    return self.err("ValueError", "negative shift count");
                }
                if y >= 64 || (x << y) >> y != x {
                    if x == 0 {
                        0
                    } else {
                        return Err(overflow());
                    }
                } else {
                    x << y
                }
            }
            BinOp::RShift => {
                if y < 0 {
                    return self.err("ValueError", "negative shift count");
                }
                x >> y.min(63)
            }
            BinOp::BitAnd => x & y,
            BinOp::BitOr => x | y,
            BinOp::BitXor => x ^ y,
            BinOp::MatMult => {
                return self.err("TypeError", "unsupported operand type(s) for @: 'int' and 'int'");
            }
        }))
    }

    fn float_op(&self, x: f64, op: BinOp, y: f64) -> PyResult<Option<Value>> {
        Ok(Some(Value::Float(match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mult => x * y,
            BinOp::Div => {
                if y == 0.0 {
                    return self.err("ZeroDivisionError", "float division by zero");
                }
                x / y
            }
            BinOp::FloorDiv => {
                if y == 0.0 {
                    return self.err("ZeroDivisionError", "float floor division by zero");
                }
                format::float_floordiv(x, y)
            }
            BinOp::Mod => {
                if y == 0.0 {
                    return self.err("ZeroDivisionError", "float modulo");
                }
                format::float_mod(x, y)
            }
            BinOp::Pow => {
                if x == 0.0 && y < 0.0 {
                    return self.err("ZeroDivisionError", "0.0 cannot be raised to a negative power");
                }
                let r = x.powf(y);
                if r.is_infinite() && x.is_finite() && y.is_finite() {
                    return self.err("OverflowError", "(34, 'Numerical result out of range')");
                }
                if r.is_nan() && x < 0.0 && !x.is_nan() && !y.is_nan() {
                    return self.err("ValueError", "complex numbers are not supported by the playground yet");
                }
                r
            }
            _ => return Ok(None),
        })))
    }

    /// `"%s is %d" % (a, b)`: the common conversions (`%s %r %d %i %f %x %%` with flags and width).
    fn percent_format(self: &Rc<Self>, fmt: &str, args: &Value) -> PyResult<Value> {
        let items: Vec<Value> = match args {
            Value::Tuple(t) => t.to_vec(),
            other => vec![other.clone()],
        };
        let mut next = items.into_iter();
        let mut out = String::new();
        let mut chars = fmt.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '%' {
                out.push(c);
                continue;
            }
            let mut spec = String::new();
            while let Some(&d) = chars.peek() {
                if "-+ #0123456789.".contains(d) {
                    spec.push(d);
                    chars.next();
                } else {
                    break;
                }
            }
            let Some(conv) = chars.next() else { return self.err("ValueError", "incomplete format") };
            if conv == '%' {
                out.push('%');
                continue;
            }
            let Some(arg) = next.next() else {
                return self.err("TypeError", "not enough arguments for format string");
            };
            // %-formatting right-aligns unless `-` says left (format() left-aligns strings).
            let spec = if let Some(rest) = spec.strip_prefix('-') {
                format!("<{}", rest.trim_start_matches('-'))
            } else if spec.chars().next().is_some_and(|c| c.is_ascii_digit() && c != '0') && matches!(conv, 's' | 'r') {
                format!(">{spec}")
            } else {
                spec
            };
            let text = match conv {
                's' => format::format_str(&self.to_str(&arg)?, &spec),
                'r' => format::format_str(&self.repr(&arg)?, &spec),
                'd' | 'i' => match num_opt(&arg) {
                    Some(Num::I(i)) => format::format_int(i, &spec),
                    Some(Num::F(f)) => format::format_int(f.trunc() as i64, &spec),
                    None => {
                        return self.err(
                            "TypeError",
                            format!("%{conv} format: a real number is required, not {}", self.type_name(&arg)),
                        )
                    }
                },
                'f' | 'e' | 'g' | 'x' | 'X' | 'o' => match num_opt(&arg) {
                    Some(Num::I(i)) if "xXo".contains(conv) => format::format_int(i, &format!("{spec}{conv}")),
                    Some(n) => format::format_float(n.f(), &format!("{spec}{conv}")),
                    None => return Err(self.type_error("TypeError", "must be real number, not ", &arg, "")),
                },
                other => return self.err("ValueError", format!("unsupported format character '{other}'")),
            };
            out.push_str(&text.map_err(|m| self.error("ValueError", &m))?);
        }
        if next.next().is_some() {
            return self.err("TypeError", "not all arguments converted during string formatting");
        }
        Ok(Value::Str(Rc::from(out)))
    }

    /// Unary operators.
    pub fn unary(self: &Rc<Self>, op: super::ast::UnaryOp, v: &Value) -> PyResult<Value> {
        use super::ast::UnaryOp;
        Ok(match (op, v) {
            (UnaryOp::Not, _) => Value::Bool(!self.truthy(v)?),
            (UnaryOp::Neg, Value::Int(i)) => match i.checked_neg() {
                Some(n) => Value::Int(n),
                None => Value::from_big(BigInt::from_i64(*i).neg()),
            },
            (UnaryOp::Neg, Value::BigInt(b)) => Value::from_big(b.neg()),
            (UnaryOp::Pos, Value::BigInt(_)) => v.clone(),
            (UnaryOp::Neg, Value::Bool(b)) => Value::Int(-(*b as i64)),
            (UnaryOp::Neg, Value::Float(f)) => Value::Float(-f),
            (UnaryOp::Pos, Value::Int(_) | Value::Float(_)) => v.clone(),
            (UnaryOp::Pos, Value::Bool(b)) => Value::Int(*b as i64),
            (UnaryOp::Invert, Value::Int(i)) => Value::Int(!i),
            (UnaryOp::Invert, Value::Bool(b)) => Value::Int(!(*b as i64)),
            (_, Value::Instance(inst)) => {
                let name = match op {
                    UnaryOp::Neg => "__neg__",
                    UnaryOp::Pos => "__pos__",
                    _ => "__invert__",
                };
                match inst.class.lookup(name) {
                    Some(m) => self.call(&m, vec![v.clone()], vec![])?,
                    None => {
                        return self.err(
                            "TypeError",
                            format!("bad operand type for unary {}: '{}'", unary_symbol(op), inst.class.name),
                        )
                    }
                }
            }
            _ => {
                return self.err(
                    "TypeError",
                    format!("bad operand type for unary {}: '{}'", unary_symbol(op), self.type_name(v)),
                )
            }
        })
    }
}

fn unary_symbol(op: super::ast::UnaryOp) -> &'static str {
    match op {
        super::ast::UnaryOp::Neg => "-",
        super::ast::UnaryOp::Pos => "+",
        super::ast::UnaryOp::Invert => "~",
        super::ast::UnaryOp::Not => "not",
    }
}

fn repeat(items: &[Value], n: i64) -> Vec<Value> {
    let mut out = Vec::with_capacity(items.len() * n.max(0) as usize);
    for _ in 0..n.max(0) {
        out.extend(items.iter().cloned());
    }
    out
}

#[derive(Clone, Copy)]
pub enum Num {
    I(i64),
    F(f64),
}

impl Num {
    pub fn f(self) -> f64 {
        match self {
            Num::I(i) => i as f64,
            Num::F(f) => f,
        }
    }
}

pub fn num(v: &Value) -> Num {
    num_opt(v).unwrap_or(Num::I(0))
}

pub fn num_opt(v: &Value) -> Option<Num> {
    match v {
        Value::Int(i) => Some(Num::I(*i)),
        Value::BigInt(b) => b.to_f64().map(Num::F),
        Value::Bool(b) => Some(Num::I(*b as i64)),
        Value::Float(f) => Some(Num::F(*f)),
        _ => None,
    }
}

pub fn symbol(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mult => "*",
        BinOp::MatMult => "@",
        BinOp::Div => "/",
        BinOp::FloorDiv => "//",
        BinOp::Mod => "%",
        BinOp::Pow => "** or pow()",
        BinOp::LShift => "<<",
        BinOp::RShift => ">>",
        BinOp::BitOr => "|",
        BinOp::BitXor => "^",
        BinOp::BitAnd => "&",
    }
}

fn dunder(op: BinOp) -> (&'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__"),
        BinOp::Sub => ("__sub__", "__rsub__"),
        BinOp::Mult => ("__mul__", "__rmul__"),
        BinOp::MatMult => ("__matmul__", "__rmatmul__"),
        BinOp::Div => ("__truediv__", "__rtruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__"),
        BinOp::Pow => ("__pow__", "__rpow__"),
        BinOp::LShift => ("__lshift__", "__rlshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__"),
        BinOp::BitOr => ("__or__", "__ror__"),
        BinOp::BitXor => ("__xor__", "__rxor__"),
        BinOp::BitAnd => ("__and__", "__rand__"),
    }
}

/// Ints beyond 64 bits (`bigint.rs`): where they meet the operators.
impl Interp {
    /// An int operand as a big int (`None` for anything else).
    fn as_big(v: &Value) -> Option<BigInt> {
        match v {
            Value::BigInt(b) => Some((**b).clone()),
            Value::Int(i) => Some(BigInt::from_i64(*i)),
            Value::Bool(b) => Some(BigInt::from_i64(*b as i64)),
            _ => None,
        }
    }

    /// `a <=> b` when one side is a big int and the other a number: `Some(None)` for a NaN.
    fn big_cmp(&self, a: &Value, b: &Value) -> Option<Option<std::cmp::Ordering>> {
        if !matches!(a, Value::BigInt(_)) && !matches!(b, Value::BigInt(_)) {
            return None;
        }
        match (Self::as_big(a), Self::as_big(b)) {
            (Some(x), Some(y)) => Some(Some(x.cmp(&y))),
            _ => {
                let f = |v: &Value| match v {
                    Value::Float(f) => Some(*f),
                    other => Self::as_big(other)
                        .map(|b| b.to_f64().unwrap_or(if b.is_negative() { f64::NEG_INFINITY } else { f64::INFINITY })),
                };
                Some(f(a)?.partial_cmp(&f(b)?))
            }
        }
    }

    /// A binary operator with a big int on either side (`None` when neither is one).
    fn big_binop(&self, a: &Value, op: BinOp, b: &Value) -> Option<PyResult<Value>> {
        if !matches!(a, Value::BigInt(_)) && !matches!(b, Value::BigInt(_)) {
            return None;
        }
        match (Self::as_big(a), Self::as_big(b)) {
            (Some(x), Some(y)) => Some(self.big_op(&x, op, &y)),
            _ => {
                // With a float: the int becomes a float first, as in CPython.
                let (Some(x), Some(y)) = (num_opt(a), num_opt(b)) else {
                    return (matches!(a, Value::Float(_)) || matches!(b, Value::Float(_)))
                        .then(|| self.err("OverflowError", "int too large to convert to float"));
                };
                Some(self.binop_floats(x.f(), op, y.f()))
            }
        }
    }

    fn binop_floats(&self, x: f64, op: BinOp, y: f64) -> PyResult<Value> {
        Ok(Value::Float(match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mult => x * y,
            BinOp::Div if y != 0.0 => x / y,
            BinOp::Pow => x.powf(y),
            BinOp::Div => return self.err("ZeroDivisionError", "float division by zero"),
            _ => {
                return self.err(
                    "NotImplementedError",
                    "this operator on a big int and a float is not supported by the playground yet",
                )
            }
        }))
    }

    pub(super) fn big_op(&self, x: &BigInt, op: BinOp, y: &BigInt) -> PyResult<Value> {
        let zero = || self.err("ZeroDivisionError", "integer division or modulo by zero");
        Ok(Value::from_big(match op {
            BinOp::Add => x.add(y),
            BinOp::Sub => x.sub(y),
            BinOp::Mult => {
                self.check_big_bits(x.bit_length() + y.bit_length())?;
                x.mul(y)
            }
            BinOp::FloorDiv => match x.divmod(y) {
                Some((q, _)) => q,
                None => return zero(),
            },
            BinOp::Mod => match x.divmod(y) {
                Some((_, r)) => r,
                None => return zero(),
            },
            BinOp::Div => {
                if y.is_zero() {
                    return self.err("ZeroDivisionError", "division by zero");
                }
                let (Some(a), Some(b)) = (x.to_f64(), y.to_f64()) else {
                    return self.err("OverflowError", "integer division result too large for a float");
                };
                return Ok(Value::Float(a / b));
            }
            BinOp::Pow => {
                if y.is_negative() {
                    let (Some(a), Some(b)) = (x.to_f64(), y.to_f64()) else {
                        return self.err("OverflowError", "int too large to convert to float");
                    };
                    return Ok(Value::Float(a.powf(b)));
                }
                let exp = y.to_i64().unwrap_or(i64::MAX) as u64;
                if x.bit_length() > 1 {
                    self.check_big_bits(x.bit_length().saturating_mul(exp))?;
                }
                x.pow(exp)
            }
            _ => {
                return self.err(
                    "NotImplementedError",
                    format!("'{}' on integers beyond 64 bits is not supported by the playground yet", symbol(op)),
                )
            }
        }))
    }

    /// Memory stays bounded: an int of more than a few million bits is refused.
    fn check_big_bits(&self, bits: u64) -> PyResult<()> {
        if bits > 1 << 22 {
            return self.err("MemoryError", "the playground keeps integers under 4,194,304 bits");
        }
        Ok(())
    }

    /// `format(n, spec)` of a big int: plain, or with `,` / `_` grouping.
    pub(super) fn format_big(&self, b: &BigInt, spec: &str) -> PyResult<String> {
        let text = self.big_decimal(b)?;
        let group = match spec.trim_end_matches('d') {
            "" => return Ok(text),
            "," => ',',
            "_" => '_',
            _ => {
                return self.err(
                    "NotImplementedError",
                    format!(
                        "the format spec '{spec}' on integers beyond 64 bits is not supported by the playground yet"
                    ),
                )
            }
        };
        let (sign, digits) = text.split_at(text.starts_with('-') as usize);
        let mut out = String::from(sign);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(group);
            }
            out.push(c);
        }
        Ok(out)
    }

    /// `str(n)` of a big int, with CPython's limit on the digits.
    pub(super) fn big_decimal(&self, b: &BigInt) -> PyResult<String> {
        b.to_decimal().ok_or_else(|| {
            self.error(
                "ValueError",
                "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
            )
        })
    }
}
