//! The builtins a program can call (`print`, `len`, `range`, `sorted`, …), the built-in types'
//! constructors (`int("3")`, `list(x)`), and the namespace that holds them.

use std::cell::RefCell;
use std::rc::Rc;

use super::interp::Interp;
use super::native::{Iter, Native};
use super::ops::{num_opt, Num};
use super::value::{Builtin, BuiltinClass, BuiltinId, Dict, PyResult, Range, Value};

const FUNCTIONS: &[&str] = &[
    "print",
    "len",
    "range",
    "enumerate",
    "zip",
    "sorted",
    "reversed",
    "min",
    "max",
    "sum",
    "abs",
    "round",
    "isinstance",
    "issubclass",
    "repr",
    "any",
    "all",
    "map",
    "filter",
    "divmod",
    "hasattr",
    "getattr",
    "setattr",
    "id",
    "iter",
    "next",
    "callable",
    "hash",
    "ord",
    "chr",
    "format",
    "pow",
    "super",
    "aiter",
    "anext",
    "input",
    "open",
    "vars",
    "dir",
    "hex",
    "bin",
    "oct",
    "globals",
    "locals",
    "exec",
    "eval",
    "staticmethod",
    "classmethod",
    "property",
];

pub fn install(interp: &Rc<Interp>) {
    let ns = &interp.builtins;
    for &name in FUNCTIONS {
        ns.set(Rc::from(name), Value::Builtin(Rc::new(Builtin { name, id: BuiltinId::Function, self_: None })));
    }
    ns.set(
        Rc::from("NotImplemented"),
        Value::Builtin(Rc::new(Builtin { name: "NotImplemented", id: BuiltinId::Function, self_: None })),
    );
    for (name, class) in &interp.classes.by_name {
        if class.module == "builtins"
            && !matches!(
                *name,
                "NoneType"
                    | "function"
                    | "builtin_function_or_method"
                    | "module"
                    | "coroutine"
                    | "generator"
                    | "async_generator"
                    | "iterator"
            )
        {
            ns.set(Rc::from(*name), Value::Class(class.clone()));
        }
    }
    super::modules::install(interp);
}

impl Interp {
    fn arity(&self, name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
        if args.len() < min || args.len() > max {
            if min == max {
                return self.err(
                    "TypeError",
                    format!(
                        "{name}() takes exactly {} argument{} ({} given)",
                        min,
                        if min == 1 { "" } else { "s" },
                        args.len()
                    ),
                );
            }
            if args.len() < min {
                return self.err(
                    "TypeError",
                    format!(
                        "{name} expected at least {min} argument{}, got {}",
                        if min == 1 { "" } else { "s" },
                        args.len()
                    ),
                );
            }
            return self.err(
                "TypeError",
                format!(
                    "{name} expected at most {max} argument{}, got {}",
                    if max == 1 { "" } else { "s" },
                    args.len()
                ),
            );
        }
        Ok(())
    }

    pub fn call_builtin(
        self: &Rc<Self>,
        name: &'static str,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> PyResult<Value> {
        let kw = |k: &str| kwargs.iter().find(|(n, _)| &**n == k).map(|(_, v)| v.clone());
        if !kwargs.is_empty()
            && !matches!(
                name,
                "print"
                    | "sorted"
                    | "min"
                    | "max"
                    | "sum"
                    | "round"
                    | "getattr"
                    | "super"
                    | "pow"
                    | "enumerate"
                    | "zip"
            )
        {
            return self.err("TypeError", format!("{name}() takes no keyword arguments"));
        }
        match name {
            "print" => {
                let sep = match kw("sep") {
                    Some(Value::None) | None => " ".to_string(),
                    Some(v) => self.to_str(&v)?,
                };
                let end = match kw("end") {
                    Some(Value::None) | None => "\n".to_string(),
                    Some(v) => self.to_str(&v)?,
                };
                let mut parts = Vec::with_capacity(args.len());
                for a in &args {
                    parts.push(self.to_str(a)?);
                }
                self.print(parts.join(&sep), &end);
                Ok(Value::None)
            }
            "len" => {
                self.arity("len", &args, 1, 1)?;
                Ok(Value::Int(self.len(&args[0])? as i64))
            }
            "range" => {
                self.arity("range", &args, 1, 3)?;
                let mut ints = Vec::new();
                for a in &args {
                    match a {
                        Value::Int(i) => ints.push(*i),
                        Value::Bool(b) => ints.push(*b as i64),
                        other => {
                            return self.err(
                                "TypeError",
                                format!("'{}' object cannot be interpreted as an integer", self.type_name(other)),
                            )
                        }
                    }
                }
                let (start, stop, step) = match ints.len() {
                    1 => (0, ints[0], 1),
                    2 => (ints[0], ints[1], 1),
                    _ => (ints[0], ints[1], ints[2]),
                };
                if step == 0 {
                    return self.err("ValueError", "range() arg 3 must not be zero");
                }
                Ok(Value::Range(Rc::new(Range { start, stop, step })))
            }
            "enumerate" => {
                let start = match kw("start").or_else(|| args.get(1).cloned()) {
                    Some(Value::Int(i)) => i,
                    _ => 0,
                };
                let Some(first) = args.first() else {
                    return self.err("TypeError", "enumerate() missing required argument 'iterable' (pos 1)");
                };
                let inner = self.iter(first)?;
                Ok(iterator(Iter::Enumerate { inner, count: start }))
            }
            "zip" => {
                let inners = args.iter().map(|a| self.iter(a)).collect::<PyResult<Vec<_>>>()?;
                Ok(iterator(Iter::Zip { inners }))
            }
            "map" => {
                if args.len() < 2 {
                    return self.err("TypeError", "map() must have at least two arguments.");
                }
                let inners = args[1..].iter().map(|a| self.iter(a)).collect::<PyResult<Vec<_>>>()?;
                Ok(iterator(Iter::Map { func: args[0].clone(), inners }))
            }
            "filter" => {
                self.arity("filter", &args, 2, 2)?;
                Ok(iterator(Iter::Filter { func: args[0].clone(), inner: self.iter(&args[1])? }))
            }
            "reversed" => {
                self.arity("reversed", &args, 1, 1)?;
                if let Value::Instance(inst) = &args[0] {
                    if let Some(m) = inst.class.lookup("__reversed__") {
                        return self.call(&m, vec![args[0].clone()], vec![]);
                    }
                }
                let items = self.collect(&args[0])?;
                Ok(iterator(Iter::Reversed { items }))
            }
            "iter" => {
                self.arity("iter", &args, 1, 1)?;
                self.iter(&args[0])
            }
            "next" => {
                self.arity("next", &args, 1, 2)?;
                if let Value::Native(n) = &args[0] {
                    if let Native::Generator(g) = &**n {
                        if !g.is_async {
                            // A generator's `return v` is `StopIteration(v)` (its `.value`).
                            return match self.gen_resume(g, None, None)? {
                                super::eval_async::Resumed::Yielded(v) => Ok(v),
                                super::eval_async::Resumed::Returned(_) if args.len() == 2 => Ok(args[1].clone()),
                                super::eval_async::Resumed::Returned(v) => {
                                    let value = if matches!(v, Value::None) { vec![] } else { vec![v] };
                                    Err(Box::new(super::value::Exc {
                                        value: self.exception_instance(self.class("StopIteration"), value),
                                        traceback: vec![],
                                    }))
                                }
                            };
                        }
                    }
                }
                match self.next(&args[0])? {
                    Some(v) => Ok(v),
                    None => match args.get(1) {
                        Some(d) => Ok(d.clone()),
                        None => self.err("StopIteration", ""),
                    },
                }
            }
            "sorted" => {
                self.arity("sorted", &args, 1, 1)?;
                let mut items = self.collect(&args[0])?;
                self.sort_values(&mut items, kw("key"), kw("reverse"))?;
                Ok(Value::list(items))
            }
            "min" | "max" => {
                let items = if args.len() == 1 { self.collect(&args[0])? } else { args.clone() };
                let key = kw("key").filter(|k| !matches!(k, Value::None));
                if items.is_empty() {
                    if let Some(d) = kw("default") {
                        return Ok(d);
                    }
                    return self.err("ValueError", format!("{name}() arg is an empty sequence"));
                }
                let mut best = items[0].clone();
                let mut best_key = match &key {
                    Some(k) => self.call(k, vec![best.clone()], vec![])?,
                    None => best.clone(),
                };
                for item in items.into_iter().skip(1) {
                    let k = match &key {
                        Some(kf) => self.call(kf, vec![item.clone()], vec![])?,
                        None => item.clone(),
                    };
                    let better = if name == "min" { self.lt(&k, &best_key)? } else { self.lt(&best_key, &k)? };
                    if better {
                        best = item;
                        best_key = k;
                    }
                }
                Ok(best)
            }
            "sum" => {
                self.arity("sum", &args, 1, 2)?;
                let mut total = kw("start").or_else(|| args.get(1).cloned()).unwrap_or(Value::Int(0));
                if let Value::Str(_) = total {
                    return self.err("TypeError", "sum() can't sum strings [use ''.join(seq) instead]");
                }
                let it = self.iter(&args[0])?;
                while let Some(x) = self.next(&it)? {
                    total = self.binop(&total, super::ast::BinOp::Add, &x)?;
                }
                Ok(total)
            }
            "abs" => {
                self.arity("abs", &args, 1, 1)?;
                match &args[0] {
                    Value::Int(i) => Ok(match i.checked_abs() {
                        Some(a) => Value::Int(a),
                        None => Value::from_big(super::bigint::BigInt::from_i64(*i).abs()),
                    }),
                    Value::BigInt(b) => Ok(Value::from_big(b.abs())),
                    Value::Bool(b) => Ok(Value::Int(*b as i64)),
                    Value::Float(f) => Ok(Value::Float(f.abs())),
                    other => self.err("TypeError", format!("bad operand type for abs(): '{}'", self.type_name(other))),
                }
            }
            "round" => {
                self.arity("round", &args, 1, 2)?;
                let ndigits = kw("ndigits").or_else(|| args.get(1).cloned()).filter(|v| !matches!(v, Value::None));
                match (&args[0], ndigits) {
                    (Value::Float(f), None) => {
                        let r = super::format::round_half_even(*f);
                        super::format::float_to_i64(r)
                            .map(Value::Int)
                            .map_err(|m| self.error(if f.is_nan() { "ValueError" } else { "OverflowError" }, &m))
                    }
                    (Value::Float(f), Some(Value::Int(n))) => Ok(Value::Float(super::format::round_float(*f, n))),
                    (Value::Int(i), None) => Ok(Value::Int(*i)),
                    (Value::Int(i), Some(Value::Int(n))) => {
                        if n >= 0 {
                            return Ok(Value::Int(*i));
                        }
                        let p = 10i64.checked_pow((-n) as u32).unwrap_or(i64::MAX);
                        let r = super::format::round_float(*i as f64, n);
                        let _ = p;
                        Ok(Value::Int(r as i64))
                    }
                    (Value::Bool(b), _) => Ok(Value::Int(*b as i64)),
                    (other, _) => {
                        self.err("TypeError", format!("type {} doesn't define __round__ method", self.type_name(other)))
                    }
                }
            }
            "isinstance" | "issubclass" => {
                self.arity(name, &args, 2, 2)?;
                let check = |class: &Value| -> PyResult<bool> {
                    match class {
                        Value::Class(c) => Ok(if name == "isinstance" {
                            self.isinstance(&args[0], c)
                        } else {
                            match &args[0] {
                                Value::Class(sub) => sub.is_subclass(c),
                                _ => return self.err("TypeError", "issubclass() arg 1 must be a class"),
                            }
                        }),
                        _ => self
                            .err("TypeError", format!("{name}() arg 2 must be a type, a tuple of types, or a union")),
                    }
                };
                match &args[1] {
                    Value::Tuple(t) => {
                        for c in t.iter() {
                            if check(c)? {
                                return Ok(Value::Bool(true));
                            }
                        }
                        Ok(Value::Bool(false))
                    }
                    c => Ok(Value::Bool(check(c)?)),
                }
            }
            "repr" => {
                self.arity("repr", &args, 1, 1)?;
                Ok(Value::Str(Rc::from(self.repr(&args[0])?)))
            }
            "any" | "all" => {
                self.arity(name, &args, 1, 1)?;
                let it = self.iter(&args[0])?;
                while let Some(x) = self.next(&it)? {
                    let t = self.truthy(&x)?;
                    if name == "any" && t {
                        return Ok(Value::Bool(true));
                    }
                    if name == "all" && !t {
                        return Ok(Value::Bool(false));
                    }
                }
                Ok(Value::Bool(name == "all"))
            }
            "divmod" => {
                self.arity("divmod", &args, 2, 2)?;
                let q = self.binop(&args[0], super::ast::BinOp::FloorDiv, &args[1])?;
                let r = self.binop(&args[0], super::ast::BinOp::Mod, &args[1])?;
                Ok(Value::tuple(vec![q, r]))
            }
            "hasattr" => {
                self.arity("hasattr", &args, 2, 2)?;
                let Value::Str(a) = &args[1] else {
                    return self.err("TypeError", "hasattr(): attribute name must be string");
                };
                match self.getattr(&args[0], a) {
                    Ok(_) => Ok(Value::Bool(true)),
                    Err(e) if self.exc_is(&e, "AttributeError") || self.exc_is(&e, "NotImplementedError") => {
                        Ok(Value::Bool(false))
                    }
                    Err(e) => Err(e),
                }
            }
            "getattr" => {
                self.arity("getattr", &args, 2, 3)?;
                let Value::Str(a) = &args[1] else { return self.err("TypeError", "attribute name must be string") };
                match self.getattr(&args[0], a) {
                    Ok(v) => Ok(v),
                    Err(e) if self.exc_is(&e, "AttributeError") && args.len() == 3 => Ok(args[2].clone()),
                    Err(e) => Err(e),
                }
            }
            "setattr" => {
                self.arity("setattr", &args, 3, 3)?;
                let Value::Str(a) = &args[1] else { return self.err("TypeError", "attribute name must be string") };
                self.setattr(&args[0], a, args[2].clone())?;
                Ok(Value::None)
            }
            "id" => {
                self.arity("id", &args, 1, 1)?;
                let address = self.fake_address(&args[0]);
                Ok(Value::Int(i64::from_str_radix(&address[2..], 16).unwrap_or(0)))
            }
            "hash" => {
                self.arity("hash", &args, 1, 1)?;
                match self.key(&args[0])? {
                    super::value::Key::Int(i) => Ok(Value::Int(i)),
                    _ => self.err("NotImplementedError", "hash() of this value is not supported by the playground yet"),
                }
            }
            "callable" => {
                self.arity("callable", &args, 1, 1)?;
                Ok(Value::Bool(match &args[0] {
                    Value::Function(_) | Value::Builtin(_) | Value::Method(_) | Value::Class(_) => true,
                    Value::Instance(i) => i.class.lookup("__call__").is_some(),
                    _ => false,
                }))
            }
            "ord" => match args.first() {
                Some(Value::Str(s)) if s.chars().count() == 1 => {
                    Ok(Value::Int(s.chars().next().map_or(0, |c| c as i64)))
                }
                Some(Value::Str(s)) => self.err(
                    "TypeError",
                    format!("ord() expected a character, but string of length {} found", s.chars().count()),
                ),
                _ => self.err("TypeError", "ord() expected string of length 1"),
            },
            "chr" => match args.first() {
                Some(Value::Int(i)) => match u32::try_from(*i).ok().and_then(char::from_u32) {
                    Some(c) => Ok(Value::Str(Rc::from(c.to_string()))),
                    None => self.err("ValueError", "chr() arg not in range(0x110000)"),
                },
                _ => self.err("TypeError", "an integer is required"),
            },
            "hex" | "bin" | "oct" => match args.first() {
                Some(Value::Int(i)) => {
                    let spec = match name {
                        "hex" => "#x",
                        "bin" => "#b",
                        _ => "#o",
                    };
                    Ok(Value::Str(Rc::from(super::format::format_int(*i, spec).unwrap_or_default())))
                }
                Some(other) => self.err(
                    "TypeError",
                    format!("'{}' object cannot be interpreted as an integer", self.type_name(other)),
                ),
                None => self.arity(name, &args, 1, 1).map(|_| Value::None),
            },
            "format" => {
                self.arity("format", &args, 1, 2)?;
                let spec = match args.get(1) {
                    Some(Value::Str(s)) => s.to_string(),
                    _ => String::new(),
                };
                Ok(Value::Str(Rc::from(self.format_value(&args[0], &spec)?)))
            }
            "pow" => {
                self.arity("pow", &args, 2, 3)?;
                let Some(modulus) = args.get(2) else {
                    return self.binop(&args[0], super::ast::BinOp::Pow, &args[1]);
                };
                // Three-argument pow: modular exponentiation on ints, by squaring (no overflow:
                // every product is reduced, in 128 bits).
                let (Value::Int(base), Value::Int(exp), Value::Int(m)) = (&args[0], &args[1], modulus) else {
                    return self.err("TypeError", "pow() 3rd argument not allowed unless all arguments are integers");
                };
                if *m == 0 {
                    return self.err("ValueError", "pow() 3rd argument cannot be 0");
                }
                if *exp < 0 {
                    return self.err(
                        "NotImplementedError",
                        "pow() with a negative exponent and a modulus is not supported by the playground yet",
                    );
                }
                let m128 = *m as i128;
                let (mut result, mut b, mut e) = (1i128, (*base as i128).rem_euclid(m128.abs()), *exp);
                while e > 0 {
                    if e & 1 == 1 {
                        result = result * b % m128.abs();
                    }
                    b = b * b % m128.abs();
                    e >>= 1;
                }
                // Python's result takes the modulus's sign.
                let r = result % m128.abs();
                Ok(Value::Int(if m128 < 0 && r != 0 { (r + m128) as i64 } else { r as i64 }))
            }
            "super" => self.err("RuntimeError", "super(): no arguments"),
            "property" => {
                self.arity(name, &args, 0, 4)?;
                let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::None);
                Ok(self.make_property(arg(0), arg(1), arg(2)))
            }
            "staticmethod" | "classmethod" => {
                self.arity(name, &args, 1, 1)?;
                Ok(super::protocols::builtin_wrapper(name, [("f", args[0].clone())]))
            }
            "vars" => {
                self.arity("vars", &args, 1, 1)?;
                self.getattr(&args[0], "__dict__")
            }
            "aiter" => {
                self.arity("aiter", &args, 1, 1)?;
                self.aiter(&args[0])
            }
            "anext" => {
                self.arity("anext", &args, 1, 2)?;
                let next = match &args[0] {
                    Value::Native(n) if matches!(&**n, Native::Generator(g) if g.is_async) => self.anext_awaitable(n),
                    other => {
                        let m = self.special_method(other, "__anext__")?;
                        self.call(&m, vec![], vec![])?
                    }
                };
                let Some(default) = args.get(1).cloned() else { return Ok(next) };
                // `anext(it, default)`: the default instead of StopAsyncIteration.
                let interp = self.clone();
                let run = async move {
                    match interp.await_value(next).await {
                        Err(e) if interp.exc_is(&e, "StopAsyncIteration") => Ok(default),
                        other => other,
                    }
                };
                Ok(Value::Native(Rc::new(Native::Awaitable(super::native::Awaitable {
                    run: RefCell::new(Some(futures::FutureExt::boxed_local(run))),
                }))))
            }
            other => self.err("NotImplementedError", format!("{other}() is not supported by the playground yet")),
        }
    }

    pub fn len(self: &Rc<Self>, v: &Value) -> PyResult<usize> {
        Ok(match v {
            Value::Str(s) => s.chars().count(),
            Value::Bytes(b) => b.len(),
            Value::List(l) => l.borrow().len(),
            Value::Tuple(t) => t.len(),
            Value::Dict(d) | Value::Set(d) => d.borrow().len(),
            Value::Range(r) => r.len() as usize,
            Value::Instance(inst) if inst.class.lookup("__len__").is_some() => {
                let m = inst.class.lookup("__len__").unwrap_or(Value::None);
                match self.call(&m, vec![v.clone()], vec![])? {
                    Value::Int(i) if i >= 0 => i as usize,
                    Value::Int(_) => return self.err("ValueError", "__len__() should return >= 0"),
                    other => {
                        return self.err(
                            "TypeError",
                            format!("'{}' object cannot be interpreted as an integer", self.type_name(&other)),
                        )
                    }
                }
            }
            Value::Native(n) => match &**n {
                Native::Queue(q) => q.items.borrow().len(),
                _ => return self.err("TypeError", format!("object of type '{}' has no len()", self.type_name(v))),
            },
            _ => return self.err("TypeError", format!("object of type '{}' has no len()", self.type_name(v))),
        })
    }

    /// A stable sort by `<` (Python's `sorted` is stable), with `key` and `reverse`.
    pub fn sort_values(
        self: &Rc<Self>,
        items: &mut Vec<Value>,
        key: Option<Value>,
        reverse: Option<Value>,
    ) -> PyResult<()> {
        let key = key.filter(|k| !matches!(k, Value::None));
        let reverse = match reverse {
            Some(r) => self.truthy(&r)?,
            None => false,
        };
        let keys: Vec<Value> = match &key {
            Some(k) => items.iter().map(|x| self.call(k, vec![x.clone()], vec![])).collect::<PyResult<_>>()?,
            None => items.clone(),
        };
        // A merge sort of positions, so comparison errors propagate and the order stays stable.
        let mut error = None;
        let mut cmp = |a: usize, b: usize| -> std::cmp::Ordering {
            if error.is_some() {
                return std::cmp::Ordering::Equal;
            }
            let (x, y) = if reverse { (&keys[b], &keys[a]) } else { (&keys[a], &keys[b]) };
            match self.lt(x, y) {
                Ok(true) => std::cmp::Ordering::Less,
                Ok(false) => match self.lt(y, x) {
                    Ok(true) => std::cmp::Ordering::Greater,
                    Ok(false) => std::cmp::Ordering::Equal,
                    Err(e) => {
                        error = Some(e);
                        std::cmp::Ordering::Equal
                    }
                },
                Err(e) => {
                    error = Some(e);
                    std::cmp::Ordering::Equal
                }
            }
        };
        let idx = crate::sort::sorted_positions(items.len(), &mut cmp);
        if let Some(e) = error {
            return Err(e);
        }
        let sorted: Vec<Value> = idx.into_iter().map(|i| items[i].clone()).collect();
        *items = sorted;
        Ok(())
    }

    /// `int(x)`, `str(x)`, `list(x)`…
    pub fn construct_builtin(
        self: &Rc<Self>,
        kind: BuiltinClass,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> PyResult<Value> {
        let first = args.first().cloned();
        match kind {
            BuiltinClass::Int => {
                let base = kwargs
                    .iter()
                    .find(|(k, _)| &**k == "base")
                    .map(|(_, v)| v.clone())
                    .or_else(|| args.get(1).cloned());
                match (first, base) {
                    (None, _) => Ok(Value::Int(0)),
                    (Some(Value::Str(s)), b) => {
                        let base = match b {
                            Some(Value::Int(b)) => b as u32,
                            _ => 10,
                        };
                        match super::format::parse_int(&s, base) {
                            Ok(i) => Ok(Value::Int(i)),
                            Err(m) => {
                                // Past 64 bits, a decimal string is still an int.
                                let digits: String = s.trim().chars().filter(|c| *c != '_').collect();
                                match super::bigint::BigInt::parse_decimal(&digits).filter(|_| base == 10) {
                                    Some(b) => Ok(Value::from_big(b)),
                                    None => Err(self.error("ValueError", &m)),
                                }
                            }
                        }
                    }
                    (Some(Value::Int(i)), _) => Ok(Value::Int(i)),
                    (Some(v @ Value::BigInt(_)), _) => Ok(v),
                    (Some(Value::Bool(b)), _) => Ok(Value::Int(b as i64)),
                    (Some(Value::Float(f)), _) => super::format::float_to_i64(f)
                        .map(Value::Int)
                        .map_err(|m| self.error(if f.is_nan() { "ValueError" } else { "OverflowError" }, &m)),
                    (Some(other), _) => self.err(
                        "TypeError",
                        format!(
                            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                            self.type_name(&other)
                        ),
                    ),
                }
            }
            BuiltinClass::Float => match first {
                None => Ok(Value::Float(0.0)),
                Some(Value::Str(s)) => {
                    super::format::parse_float(&s).map(Value::Float).map_err(|m| self.error("ValueError", &m))
                }
                Some(ref v @ Value::BigInt(_)) if num_opt(v).is_none() => {
                    self.err("OverflowError", "int too large to convert to float")
                }
                Some(v) => match num_opt(&v) {
                    Some(n) => Ok(Value::Float(n.f())),
                    None => self.err(
                        "TypeError",
                        format!("float() argument must be a string or a real number, not '{}'", self.type_name(&v)),
                    ),
                },
            },
            BuiltinClass::Bool => Ok(Value::Bool(match first {
                Some(v) => self.truthy(&v)?,
                None => false,
            })),
            BuiltinClass::Str => match first {
                None => Ok(Value::str("")),
                Some(v) => Ok(Value::Str(Rc::from(self.to_str(&v)?))),
            },
            BuiltinClass::List => Ok(Value::list(match first {
                Some(v) => self.collect(&v)?,
                None => vec![],
            })),
            BuiltinClass::Tuple => Ok(Value::tuple(match first {
                Some(v) => self.collect(&v)?,
                None => vec![],
            })),
            BuiltinClass::Set => {
                let items = match first {
                    Some(v) => self.collect(&v)?,
                    None => vec![],
                };
                self.make_set(items)
            }
            BuiltinClass::Dict => {
                let mut d = Dict::new();
                if let Some(v) = first {
                    self.dict_update(&mut d, &v)?;
                }
                for (k, v) in kwargs {
                    d.insert(super::value::Key::Str(k.clone()), Value::Str(k), v);
                }
                Ok(Value::dict(d))
            }
            BuiltinClass::Type => match (args.len(), first) {
                (1, Some(v)) => Ok(Value::Class(self.type_of(&v))),
                _ => self
                    .err("NotImplementedError", "type() with three arguments is not supported by the playground yet"),
            },
            BuiltinClass::Object => Ok(Value::Instance(Rc::new(super::value::Instance {
                class: self.class("object"),
                attrs: RefCell::new(Default::default()),
            }))),
            BuiltinClass::Range => self.call_builtin("range", args, kwargs),
            BuiltinClass::Bytes => match first {
                Some(Value::Str(_)) => self.err("TypeError", "string argument without an encoding"),
                Some(Value::Int(n)) if n >= 0 => Ok(Value::Bytes(Rc::from(vec![0u8; n as usize]))),
                None => Ok(Value::Bytes(Rc::from(Vec::new()))),
                Some(v) => {
                    let items = self.collect(&v)?;
                    let mut out = Vec::new();
                    for i in items {
                        match i {
                            Value::Int(b) if (0..256).contains(&b) => out.push(b as u8),
                            _ => return self.err("ValueError", "bytes must be in range(0, 256)"),
                        }
                    }
                    Ok(Value::Bytes(Rc::from(out)))
                }
            },
            _ => self.err("TypeError", format!("cannot create '{}' instances", kind_name(kind))),
        }
    }

    /// `print` from the current task: the console line(s).
    pub fn print(&self, text: String, end: &str) {
        // One console event per print that ends a line (its text may hold several lines, as the
        // chapter's `print(f"Time: …\n")`); a line left open by `end=""` waits for its end.
        let mut pending = std::mem::take(&mut *self.output.borrow_mut());
        pending.push_str(&text);
        pending.push_str(end);
        match pending.rfind('\n') {
            Some(i) => {
                let rest = pending[i + 1..].to_string();
                pending.truncate(i);
                self.aio.print(pending);
                *self.output.borrow_mut() = rest;
            }
            None => *self.output.borrow_mut() = pending,
        }
    }
}

fn kind_name(kind: BuiltinClass) -> &'static str {
    match kind {
        BuiltinClass::NoneType => "NoneType",
        BuiltinClass::Function => "function",
        BuiltinClass::Coroutine => "coroutine",
        BuiltinClass::Generator => "generator",
        _ => "object",
    }
}

fn iterator(state: Iter) -> Value {
    Value::Native(Rc::new(Native::Iterator(RefCell::new(state))))
}

pub fn _unused(_: Num) {}
