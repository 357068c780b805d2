//! Calling, attributes, items and iteration: how each kind of `Value` answers `f(...)`, `o.x`,
//! `o[i]` and `for x in o`, with CPython's error messages.

use std::cell::RefCell;
use std::rc::Rc;

use super::eval_async::Resumed;
use super::interp::Interp;
use super::native::{Iter, Native};
use super::value::{Builtin, BuiltinClass, BuiltinId, PyResult, Value};

impl Interp {
    pub fn call(self: &Rc<Self>, func: &Value, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> PyResult<Value> {
        self.call_at(func, args, kwargs, 0)
    }

    /// Calls any callable; `line` is the calling line (for coroutine warnings).
    pub fn call_at(
        self: &Rc<Self>,
        func: &Value,
        mut args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
        line: u32,
    ) -> PyResult<Value> {
        match func {
            Value::Function(f) => self.call_function(f, args, kwargs, line),
            Value::Method(m) => {
                args.insert(0, m.0.clone());
                self.call_at(&m.1, args, kwargs, line)
            }
            Value::Builtin(b) => match b.id {
                BuiltinId::Function => self.call_builtin(b.name, args, kwargs),
                BuiltinId::Method => {
                    let this = match &b.self_ {
                        Some(this) => this.clone(),
                        // `str.upper` taken from the class: the first argument is `self`.
                        None if !args.is_empty() => args.remove(0),
                        None => return self.err("TypeError", format!("unbound method {}() needs an argument", b.name)),
                    };
                    self.call_method(&this, b.name, args, kwargs)
                }
                BuiltinId::Module(module) => self.call_module_function(module, b.name, args, kwargs),
                BuiltinId::NativeMethod => {
                    let this = b.self_.clone().unwrap_or(Value::None);
                    self.call_native_method(&this, b.name, args, kwargs)
                }
            },
            Value::Class(c) => match c.builtin {
                Some(BuiltinClass::Exception) if c.def.is_none() => Ok(self.exception_instance(c.clone(), args)),
                Some(BuiltinClass::Native) => self.construct_native(c, args, kwargs),
                Some(kind) if c.def.is_none() => self.construct_builtin(kind, args, kwargs),
                _ => self.instantiate(c, args, kwargs),
            },
            Value::Instance(inst) => match inst.class.lookup("__call__") {
                Some(m) => {
                    args.insert(0, func.clone());
                    self.call_at(&m, args, kwargs, line)
                }
                None => self.err("TypeError", format!("'{}' object is not callable", inst.class.name)),
            },
            _ => Err(self.type_error("TypeError", "'", func, "' object is not callable")),
        }
    }

    pub fn builtin_method(&self, this: &Value, name: &'static str, id: BuiltinId) -> Value {
        Value::Builtin(Rc::new(Builtin { name, id, self_: Some(this.clone()) }))
    }

    /// `o.attr`.
    pub fn getattr(self: &Rc<Self>, obj: &Value, attr: &str) -> PyResult<Value> {
        match obj {
            Value::Instance(inst) => {
                if let Some(v) = inst.attrs.borrow().get(attr) {
                    return Ok(v.clone());
                }
                if let Some(v) = inst.class.lookup(attr) {
                    if let Some(p) = as_property(&v) {
                        return self.property_access(p, "fget", "getter", obj, attr, vec![obj.clone()]);
                    }
                    return Ok(self.bind_descriptor(v, obj));
                }
                if let Some(name) = property_method(&inst.class, attr) {
                    return Ok(Value::Builtin(Rc::new(super::value::Builtin {
                        name,
                        id: BuiltinId::NativeMethod,
                        self_: Some(obj.clone()),
                    })));
                }
                if self.is_exception_class(&inst.class) {
                    match attr {
                        "__cause__" | "__context__" | "__traceback__" => return Ok(Value::None),
                        "__suppress_context__" => return Ok(Value::Bool(false)),
                        "value" if inst.class.is_subclass(&self.class("StopIteration")) => {
                            return Ok(self.exception_args(obj).first().cloned().unwrap_or(Value::None));
                        }
                        "exceptions" => return Ok(Value::tuple(self.group_exceptions(obj))),
                        "message" => {
                            return Ok(self.exception_args(obj).first().cloned().unwrap_or_else(|| Value::str("")))
                        }
                        "__class__" => return Ok(Value::Class(inst.class.clone())),
                        _ => {}
                    }
                }
                if attr == "__class__" {
                    return Ok(Value::Class(inst.class.clone()));
                }
                if attr == "__dict__" {
                    let mut d = super::value::Dict::new();
                    for (k, v) in inst.attrs.borrow().iter() {
                        d.insert(super::value::Key::Str(k.clone()), Value::Str(k.clone()), v.clone());
                    }
                    return Ok(Value::dict(d));
                }
                if let Some(m) = inst.class.lookup("__getattr__") {
                    return self.call(&m, vec![obj.clone(), Value::str(attr)], vec![]);
                }
                self.err("AttributeError", format!("'{}' object has no attribute '{attr}'", inst.class.name))
            }
            Value::Class(c) => {
                if let Some(v) = c.lookup(attr) {
                    // Through the class: a classmethod binds to it, a staticmethod is its function.
                    return Ok(match &v {
                        Value::Instance(i) if &*i.class.name == "classmethod" => {
                            let f = i.attrs.borrow().get("f").cloned().unwrap_or(Value::None);
                            Value::Method(Rc::new((obj.clone(), f)))
                        }
                        Value::Instance(i) if &*i.class.name == "staticmethod" => {
                            i.attrs.borrow().get("f").cloned().unwrap_or(Value::None)
                        }
                        _ => v,
                    });
                }
                let sample = match c.builtin {
                    Some(BuiltinClass::Str) => Some(Value::str("")),
                    Some(BuiltinClass::List) => Some(Value::list(vec![])),
                    Some(BuiltinClass::Dict) => Some(Value::dict(super::value::Dict::new())),
                    Some(BuiltinClass::Int) => Some(Value::Int(0)),
                    Some(BuiltinClass::Float) => Some(Value::Float(0.0)),
                    Some(BuiltinClass::Tuple) => Some(Value::tuple(vec![])),
                    _ => None,
                };
                if let Some(name) = sample.and_then(|s| self.method_name(&s, attr)) {
                    return Ok(Value::Builtin(Rc::new(Builtin { name, id: BuiltinId::Method, self_: None })));
                }
                match attr {
                    "__name__" | "__qualname__" => Ok(Value::Str(c.name.clone())),
                    "__mro__" => Ok(Value::tuple(c.mro().into_iter().map(Value::Class).collect())),
                    "__bases__" => Ok(Value::tuple(c.bases.iter().map(|c| Value::Class(c.clone())).collect())),
                    _ => self.err("AttributeError", format!("type object '{}' has no attribute '{attr}'", c.name)),
                }
            }
            Value::Module(m) => match m.attrs.get(attr) {
                Some(v) => Ok(v),
                None => {
                    let supported = !m.attrs.vars.borrow().is_empty();
                    if supported && matches!(m.name, "asyncio" | "time" | "random" | "json" | "aiohttp" | "math") {
                        self.err(
                            "NotImplementedError",
                            format!("{}.{attr} is not supported by the playground yet", m.name),
                        )
                    } else {
                        self.err("AttributeError", format!("module '{}' has no attribute '{attr}'", m.name))
                    }
                }
            },
            Value::Function(f) => match attr {
                "__name__" => Ok(Value::Str(f.def.name.clone())),
                "__qualname__" => Ok(Value::Str(f.qualname.clone())),
                _ => self.err("AttributeError", format!("'function' object has no attribute '{attr}'")),
            },
            Value::Builtin(b) if attr == "__name__" => Ok(Value::str(b.name)),
            Value::Native(_) => self.native_attr(obj, attr),
            _ => match self.method_name(obj, attr) {
                Some(name) => Ok(self.builtin_method(obj, name, BuiltinId::Method)),
                None => match (obj, attr) {
                    (Value::Slice(s), "start") => Ok(s[0].clone()),
                    (Value::Slice(s), "stop") => Ok(s[1].clone()),
                    (Value::Slice(s), "step") => Ok(s[2].clone()),
                    (Value::Range(r), "start") => Ok(Value::Int(r.start)),
                    (Value::Range(r), "stop") => Ok(Value::Int(r.stop)),
                    (Value::Range(r), "step") => Ok(Value::Int(r.step)),
                    (_, "__class__") => Ok(Value::Class(self.type_of(obj))),
                    (Value::Float(x), "real") => Ok(Value::Float(*x)),
                    (Value::Int(x), "real" | "numerator") => Ok(Value::Int(*x)),
                    (Value::Int(_), "denominator") => Ok(Value::Int(1)),
                    _ => self
                        .err("AttributeError", format!("'{}' object has no attribute '{attr}'", self.type_name(obj))),
                },
            },
        }
    }

    /// A class attribute read through an instance: functions become bound methods; `staticmethod`
    /// and `classmethod` wrappers are honoured.
    fn bind_descriptor(&self, v: Value, obj: &Value) -> Value {
        match &v {
            Value::Function(_) => Value::Method(Rc::new((obj.clone(), v))),
            Value::Instance(i) if &*i.class.name == "staticmethod" => {
                i.attrs.borrow().get("f").cloned().unwrap_or(Value::None)
            }
            Value::Instance(i) if &*i.class.name == "classmethod" => {
                let f = i.attrs.borrow().get("f").cloned().unwrap_or(Value::None);
                match obj {
                    Value::Instance(inst) => Value::Method(Rc::new((Value::Class(inst.class.clone()), f))),
                    _ => f,
                }
            }
            Value::Instance(i) if &*i.class.name == "property" => v.clone(),
            _ => v,
        }
    }

    /// `o.attr = v`.
    pub fn setattr(self: &Rc<Self>, obj: &Value, attr: &str, value: Value) -> PyResult<()> {
        match obj {
            Value::Instance(inst) => {
                if let Some(m) = inst.class.lookup("__setattr__") {
                    self.call(&m, vec![obj.clone(), Value::str(attr), value], vec![])?;
                    return Ok(());
                }
                // A property is a data descriptor: its setter runs, even before the instance's dict.
                if let Some(v) = inst.class.lookup(attr) {
                    if let Some(p) = as_property(&v) {
                        self.property_access(p, "fset", "setter", obj, attr, vec![obj.clone(), value])?;
                        return Ok(());
                    }
                }
                inst.attrs.borrow_mut().insert(Rc::from(attr), value);
                Ok(())
            }
            Value::Class(c) => {
                c.attrs.borrow_mut().insert(Rc::from(attr), value);
                Ok(())
            }
            _ => self.err("AttributeError", format!("'{}' object has no attribute '{attr}'", self.type_name(obj))),
        }
    }

    fn index(&self, len: usize, i: &Value, what: &str) -> PyResult<usize> {
        let i = match i {
            Value::Int(i) => *i,
            Value::Bool(b) => *b as i64,
            other => {
                return self.err(
                    "TypeError",
                    format!("{what} indices must be integers or slices, not {}", self.type_name(other)),
                )
            }
        };
        let j = if i < 0 { i + len as i64 } else { i };
        if j < 0 || j >= len as i64 {
            let name = if what == "list" || what == "tuple" || what == "str" || what == "range object" {
                what
            } else {
                "sequence"
            };
            let s = if name == "range object" {
                "range object index out of range".to_string()
            } else {
                format!("{name} index out of range")
            };
            return self.err("IndexError", s);
        }
        Ok(j as usize)
    }

    /// `(start, stop, step)` of a slice over a sequence of `len` items, as `slice.indices`.
    pub fn slice_indices(&self, s: &[Value; 3], len: usize) -> PyResult<(i64, i64, i64)> {
        let get = |v: &Value| -> PyResult<Option<i64>> {
            match v {
                Value::None => Ok(None),
                Value::Int(i) => Ok(Some(*i)),
                Value::Bool(b) => Ok(Some(*b as i64)),
                _ => self.err("TypeError", "slice indices must be integers or None or have an __index__ method"),
            }
        };
        let len = len as i64;
        let step = get(&s[2])?.unwrap_or(1);
        if step == 0 {
            return self.err("ValueError", "slice step cannot be zero");
        }
        let clamp = |v: Option<i64>, default: i64| -> i64 {
            match v {
                None => default,
                Some(i) => {
                    let i = if i < 0 { i + len } else { i };
                    if step > 0 {
                        i.clamp(0, len)
                    } else {
                        i.clamp(-1, len - 1)
                    }
                }
            }
        };
        let (start, stop) = if step > 0 {
            (clamp(get(&s[0])?, 0), clamp(get(&s[1])?, len))
        } else {
            (clamp(get(&s[0])?, len - 1), clamp(get(&s[1])?, -1))
        };
        Ok((start, stop, step))
    }

    fn slice_positions(&self, s: &[Value; 3], len: usize) -> PyResult<Vec<usize>> {
        let (start, stop, step) = self.slice_indices(s, len)?;
        let mut out = Vec::new();
        let mut i = start;
        while (step > 0 && i < stop) || (step < 0 && i > stop) {
            out.push(i as usize);
            i += step;
        }
        Ok(out)
    }

    /// `o[i]`.
    pub fn getitem(self: &Rc<Self>, obj: &Value, i: &Value) -> PyResult<Value> {
        match (obj, i) {
            (Value::List(l), Value::Slice(s)) => {
                let l = l.borrow();
                let pos = self.slice_positions(s, l.len())?;
                Ok(Value::list(pos.into_iter().map(|p| l[p].clone()).collect()))
            }
            (Value::List(l), _) => {
                let l = l.borrow();
                let j = self.index(l.len(), i, "list")?;
                Ok(l[j].clone())
            }
            (Value::Tuple(t), Value::Slice(s)) => {
                let pos = self.slice_positions(s, t.len())?;
                Ok(Value::tuple(pos.into_iter().map(|p| t[p].clone()).collect()))
            }
            (Value::Tuple(t), _) => Ok(t[self.index(t.len(), i, "tuple")?].clone()),
            (Value::Str(s), _) => {
                let chars: Vec<char> = s.chars().collect();
                if let Value::Slice(sl) = i {
                    let pos = self.slice_positions(sl, chars.len())?;
                    return Ok(Value::Str(Rc::from(pos.into_iter().map(|p| chars[p]).collect::<String>())));
                }
                let j = self.index(chars.len(), i, "str")?;
                Ok(Value::Str(Rc::from(chars[j].to_string())))
            }
            (Value::Bytes(b), Value::Slice(sl)) => {
                let pos = self.slice_positions(sl, b.len())?;
                Ok(Value::Bytes(Rc::from(pos.into_iter().map(|p| b[p]).collect::<Vec<u8>>())))
            }
            (Value::Bytes(b), _) => Ok(Value::Int(b[self.index(b.len(), i, "index")?] as i64)),
            (Value::Range(r), Value::Slice(sl)) => {
                let (start, stop, step) = self.slice_indices(sl, r.len() as usize)?;
                Ok(Value::Range(Rc::new(super::value::Range {
                    start: r.get(start),
                    stop: r.get(stop),
                    step: r.step * step,
                })))
            }
            (Value::Range(r), _) => Ok(Value::Int(r.get(self.index(r.len() as usize, i, "range object")? as i64))),
            (Value::Dict(d), _) => {
                let k = self.key(i)?;
                match d.borrow().get(&k) {
                    Some(v) => Ok(v.clone()),
                    None => Err(Box::new(super::value::Exc {
                        value: self.exception_instance(self.class("KeyError"), vec![i.clone()]),
                        traceback: vec![],
                    })),
                }
            }
            (Value::Instance(inst), _) if inst.class.lookup("__getitem__").is_some() => {
                let m = inst.class.lookup("__getitem__").unwrap_or(Value::None);
                self.call(&m, vec![obj.clone(), i.clone()], vec![])
            }
            (Value::Class(c), _) if c.builtin.is_some() => Ok(obj.clone()),
            _ => Err(self.type_error("TypeError", "'", obj, "' object is not subscriptable")),
        }
    }

    /// `o[i] = v`.
    pub fn setitem(self: &Rc<Self>, obj: &Value, i: &Value, v: Value) -> PyResult<()> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = i {
                    let new = self.collect(&v)?;
                    let len = l.borrow().len();
                    let (start, stop, step) = self.slice_indices(s, len)?;
                    if step != 1 {
                        let pos = self.slice_positions(s, len)?;
                        if pos.len() != new.len() {
                            return self.err(
                                "ValueError",
                                format!(
                                    "attempt to assign sequence of size {} to extended slice of size {}",
                                    new.len(),
                                    pos.len()
                                ),
                            );
                        }
                        let mut l = l.borrow_mut();
                        for (p, x) in pos.into_iter().zip(new) {
                            l[p] = x;
                        }
                        return Ok(());
                    }
                    let stop = stop.max(start);
                    l.borrow_mut().splice(start as usize..stop as usize, new);
                    return Ok(());
                }
                let mut l = l.borrow_mut();
                let len = l.len();
                let j = self.index(len, i, "list").map_err(|e| {
                    if self.exc_is(&e, "IndexError") {
                        self.error("IndexError", "list assignment index out of range")
                    } else {
                        e
                    }
                })?;
                l[j] = v;
                Ok(())
            }
            Value::Dict(d) => {
                let k = self.key(i)?;
                d.borrow_mut().insert(k, i.clone(), v);
                Ok(())
            }
            Value::Instance(inst) if inst.class.lookup("__setitem__").is_some() => {
                let m = inst.class.lookup("__setitem__").unwrap_or(Value::None);
                self.call(&m, vec![obj.clone(), i.clone(), v], vec![])?;
                Ok(())
            }
            _ => Err(self.type_error("TypeError", "'", obj, "' object does not support item assignment")),
        }
    }

    pub fn delitem(self: &Rc<Self>, obj: &Value, i: &Value) -> PyResult<()> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = i {
                    let len = l.borrow().len();
                    let mut pos = self.slice_positions(s, len)?;
                    crate::sort::sort_by_key(&mut pos, |p| *p as u64);
                    let mut l = l.borrow_mut();
                    for p in pos.into_iter().rev() {
                        l.remove(p);
                    }
                    return Ok(());
                }
                let mut l = l.borrow_mut();
                let j = self
                    .index(l.len(), i, "list")
                    .map_err(|_| self.error("IndexError", "list assignment index out of range"))?;
                l.remove(j);
                Ok(())
            }
            Value::Dict(d) => {
                let k = self.key(i)?;
                if d.borrow_mut().remove(&k).is_none() {
                    return Err(Box::new(super::value::Exc {
                        value: self.exception_instance(self.class("KeyError"), vec![i.clone()]),
                        traceback: vec![],
                    }));
                }
                Ok(())
            }
            Value::Instance(inst) if inst.class.lookup("__delitem__").is_some() => {
                let m = inst.class.lookup("__delitem__").unwrap_or(Value::None);
                self.call(&m, vec![obj.clone(), i.clone()], vec![])?;
                Ok(())
            }
            _ => Err(self.type_error("TypeError", "'", obj, "' object doesn't support item deletion")),
        }
    }

    /// `iter(v)`.
    pub fn iter(self: &Rc<Self>, v: &Value) -> PyResult<Value> {
        let state = match v {
            Value::List(_) | Value::Tuple(_) | Value::Bytes(_) => Iter::Seq { items: v.clone(), next: 0 },
            Value::Str(s) => Iter::Chars { text: s.clone(), byte: 0 },
            Value::Range(r) => Iter::Range { next: r.start, stop: r.stop, step: r.step },
            Value::Dict(d) | Value::Set(d) => Iter::Values { items: d.borrow().keys().into() },
            Value::Native(n) => match &**n {
                Native::Iterator(_) => return Ok(v.clone()),
                Native::Generator(g) if !g.is_async => return Ok(v.clone()),
                _ => return Err(self.type_error("TypeError", "'", v, "' object is not iterable")),
            },
            Value::Instance(inst) => {
                if let Some(m) = inst.class.lookup("__iter__") {
                    return self.call(&m, vec![v.clone()], vec![]);
                }
                if inst.class.lookup("__getitem__").is_some() {
                    return self.err(
                        "NotImplementedError",
                        "iterating with __getitem__ is not supported by the playground yet",
                    );
                }
                return self.err("TypeError", format!("'{}' object is not iterable", inst.class.name));
            }
            _ => return Err(self.type_error("TypeError", "'", v, "' object is not iterable")),
        };
        Ok(Value::Native(Rc::new(Native::Iterator(RefCell::new(state)))))
    }

    /// `next(it)`; `None` at the end.
    pub fn next(self: &Rc<Self>, it: &Value) -> PyResult<Option<Value>> {
        match it {
            Value::Native(n) => match &**n {
                Native::Iterator(state) => self.next_builtin(state),
                Native::Generator(g) => match self.gen_resume(g, None, None)? {
                    Resumed::Yielded(v) => Ok(Some(v)),
                    Resumed::Returned(_) => Ok(None),
                },
                _ => Err(self.type_error("TypeError", "'", it, "' object is not an iterator")),
            },
            Value::Instance(inst) => {
                let Some(m) = inst.class.lookup("__next__") else {
                    return self.err("TypeError", format!("'{}' object is not an iterator", inst.class.name));
                };
                match self.call(&m, vec![it.clone()], vec![]) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if self.exc_is(&e, "StopIteration") => Ok(None),
                    Err(e) => Err(e),
                }
            }
            _ => Err(self.type_error("TypeError", "'", it, "' object is not an iterator")),
        }
    }

    fn next_builtin(self: &Rc<Self>, state: &RefCell<Iter>) -> PyResult<Option<Value>> {
        let mut s = state.borrow_mut();
        match &mut *s {
            Iter::Seq { items, next } => {
                let item = match items {
                    Value::List(l) => l.borrow().get(*next).cloned(),
                    Value::Tuple(t) => t.get(*next).cloned(),
                    Value::Bytes(b) => b.get(*next).map(|x| Value::Int(*x as i64)),
                    _ => None,
                };
                *next += 1;
                Ok(item)
            }
            Iter::Range { next, stop, step } => {
                if (*step > 0 && *next < *stop) || (*step < 0 && *next > *stop) {
                    let v = *next;
                    *next += *step;
                    Ok(Some(Value::Int(v)))
                } else {
                    Ok(None)
                }
            }
            Iter::Chars { text, byte } => match text[*byte..].chars().next() {
                Some(c) => {
                    *byte += c.len_utf8();
                    let mut buf = [0u8; 4];
                    Ok(Some(Value::Str(Rc::from(&*c.encode_utf8(&mut buf)))))
                }
                None => Ok(None),
            },
            Iter::Values { items } => Ok(items.pop_front()),
            Iter::Reversed { items } => Ok(items.pop()),
            Iter::Done => Ok(None),
            Iter::Enumerate { inner, count } => {
                let inner = inner.clone();
                let n = *count;
                *count += 1;
                drop(s);
                Ok(self.next(&inner)?.map(|v| Value::tuple(vec![Value::Int(n), v])))
            }
            Iter::Zip { inners } => {
                let inners = inners.clone();
                drop(s);
                let mut out = Vec::with_capacity(inners.len());
                for i in &inners {
                    match self.next(i)? {
                        Some(v) => out.push(v),
                        None => {
                            *state.borrow_mut() = Iter::Done;
                            return Ok(None);
                        }
                    }
                }
                Ok(Some(Value::tuple(out)))
            }
            Iter::Map { func, inners } => {
                let (func, inners) = (func.clone(), inners.clone());
                drop(s);
                let mut args = Vec::with_capacity(inners.len());
                for i in &inners {
                    match self.next(i)? {
                        Some(v) => args.push(v),
                        None => return Ok(None),
                    }
                }
                Ok(Some(self.call(&func, args, vec![])?))
            }
            Iter::Filter { func, inner } => {
                let (func, inner) = (func.clone(), inner.clone());
                drop(s);
                while let Some(v) = self.next(&inner)? {
                    let keep = if matches!(func, Value::None) {
                        v.clone()
                    } else {
                        self.call(&func, vec![v.clone()], vec![])?
                    };
                    if self.truthy(&keep)? {
                        return Ok(Some(v));
                    }
                }
                Ok(None)
            }
        }
    }

    /// Every item of an iterable, as a Vec.
    pub fn collect(self: &Rc<Self>, v: &Value) -> PyResult<Vec<Value>> {
        match v {
            Value::List(l) => return Ok(l.borrow().clone()),
            Value::Tuple(t) => return Ok(t.to_vec()),
            Value::Range(r) => {
                let n = r.len();
                if n > 50_000_000 {
                    return self.err("MemoryError", "");
                }
                return Ok((0..n).map(|i| Value::Int(r.get(i))).collect());
            }
            _ => {}
        }
        let it = self.iter(v)?;
        let mut out = Vec::new();
        while let Some(x) = self.next(&it)? {
            out.push(x);
            if out.len() % 4096 == 0 {
                self.step()?;
            }
        }
        Ok(out)
    }

    /// `import name`: the modules the playground provides.
    pub fn import(self: &Rc<Self>, name: &str) -> PyResult<Value> {
        if let Some(m) = self.modules.borrow().get(name) {
            return Ok(m.clone());
        }
        match name {
            "asyncio" | "time" | "random" | "json" | "aiohttp" | "math" | "sys" | "typing" | "dataclasses"
            | "collections" | "functools" | "itertools" | "os" => {
                self.err("NotImplementedError", format!("the module '{name}' is not supported by the playground yet"))
            }
            _ => self.err("ModuleNotFoundError", format!("No module named '{name}'")),
        }
    }
}

/// An instance of one of the built-in wrappers a class body uses (`property`, `staticmethod`,
/// `classmethod`), holding the functions it wraps; attribute access recognises it by its class.
pub fn builtin_wrapper<const N: usize>(name: &str, functions: [(&str, Value); N]) -> Value {
    let class = Rc::new(super::value::Class {
        name: Rc::from(name),
        bases: vec![],
        ancestors: vec![],
        attrs: std::cell::RefCell::new(Default::default()),
        builtin: None,
        def: None,
        module: "builtins",
    });
    let inst = super::value::Instance { class, attrs: std::cell::RefCell::new(Default::default()) };
    for (attr, f) in functions {
        inst.attrs.borrow_mut().insert(Rc::from(attr), f);
    }
    Value::Instance(Rc::new(inst))
}

/// The property object behind a class attribute, if it is one (`@property`).
fn as_property(v: &Value) -> Option<&Rc<super::value::Instance>> {
    match v {
        Value::Instance(p) if &*p.class.name == "property" && p.class.module == "builtins" => Some(p),
        _ => None,
    }
}

/// `prop.setter` / `getter` / `deleter`: the decorators that copy a property with one more function.
fn property_method(class: &super::value::Class, attr: &str) -> Option<&'static str> {
    if &*class.name != "property" {
        return None;
    }
    ["setter", "getter", "deleter"].into_iter().find(|m| *m == attr)
}

impl Interp {
    /// `property(fget, fset, fdel)`: an instance of the built-in `property` class holding them.
    pub fn make_property(&self, fget: Value, fset: Value, fdel: Value) -> Value {
        builtin_wrapper("property", [("fget", fget), ("fset", fset), ("fdel", fdel)])
    }

    /// Calls a property's `fget`/`fset`, or CPython's error when it has none.
    fn property_access(
        self: &Rc<Self>,
        p: &super::value::Instance,
        which: &str,
        what: &str,
        obj: &Value,
        attr: &str,
        args: Vec<Value>,
    ) -> PyResult<Value> {
        let f = p.attrs.borrow().get(which).cloned().unwrap_or(Value::None);
        if matches!(f, Value::None) {
            return self
                .err("AttributeError", format!("property '{attr}' of '{}' object has no {what}", self.type_name(obj)));
        }
        self.call(&f, args, vec![])
    }

    /// `prop.setter(f)` (and `getter`, `deleter`): a new property with `f` in that place.
    pub fn property_with(&self, prop: &Value, which: &str, f: Value) -> Value {
        let Value::Instance(p) = prop else { return Value::None };
        let get = |k: &str| p.attrs.borrow().get(k).cloned().unwrap_or(Value::None);
        let (mut fget, mut fset, mut fdel) = (get("fget"), get("fset"), get("fdel"));
        match which {
            "setter" => fset = f,
            "getter" => fget = f,
            _ => fdel = f,
        }
        self.make_property(fget, fset, fdel)
    }
}
