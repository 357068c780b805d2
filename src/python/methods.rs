//! Methods of the built-in types: `str`, `list`, `dict`, `set`, `tuple`, `int`/`float`.

use std::rc::Rc;

use super::interp::Interp;
use super::value::{Dict, PyResult, Value};

const STR: &[&str] = &[
    "upper",
    "lower",
    "strip",
    "lstrip",
    "rstrip",
    "split",
    "rsplit",
    "join",
    "replace",
    "startswith",
    "endswith",
    "find",
    "rfind",
    "index",
    "count",
    "format",
    "center",
    "ljust",
    "rjust",
    "isdigit",
    "isalpha",
    "isalnum",
    "isspace",
    "isupper",
    "islower",
    "title",
    "capitalize",
    "splitlines",
    "zfill",
    "encode",
    "partition",
    "swapcase",
    "isnumeric",
    "removeprefix",
    "removesuffix",
    "expandtabs",
    "istitle",
];
const LIST: &[&str] =
    &["append", "extend", "insert", "pop", "remove", "index", "count", "sort", "reverse", "clear", "copy"];
const DICT: &[&str] = &["get", "items", "keys", "values", "setdefault", "pop", "update", "clear", "copy", "popitem"];
const SET: &[&str] = &[
    "add",
    "remove",
    "discard",
    "pop",
    "clear",
    "copy",
    "union",
    "intersection",
    "difference",
    "issubset",
    "issuperset",
    "update",
    "symmetric_difference",
    "isdisjoint",
];
const TUPLE: &[&str] = &["index", "count"];
const NUMBER: &[&str] = &["is_integer", "bit_length", "to_bytes", "conjugate"];
const BYTES: &[&str] = &["decode"];

impl Interp {
    /// The method's static name if `obj`'s built-in type has it.
    pub fn method_name(&self, obj: &Value, attr: &str) -> Option<&'static str> {
        let table = match obj {
            Value::Str(_) => STR,
            Value::List(_) => LIST,
            Value::Dict(_) => DICT,
            Value::Set(_) => SET,
            Value::Tuple(_) => TUPLE,
            Value::Int(_) | Value::Float(_) => NUMBER,
            Value::Bytes(_) => BYTES,
            _ => return None,
        };
        table.iter().copied().find(|m| *m == attr)
    }

    pub fn call_method(
        self: &Rc<Self>,
        this: &Value,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> PyResult<Value> {
        match this {
            Value::Str(s) => self.str_method(s, name, args, kwargs),
            Value::List(l) => {
                let arg = |i: usize| args.get(i).cloned();
                match name {
                    "append" => {
                        self.need(name, &args, 1)?;
                        if l.borrow().len() >= super::interp::MAX_ITEMS {
                            return self.err("MemoryError", "the playground keeps lists under 10,000,000 items");
                        }
                        l.borrow_mut().push(args[0].clone());
                        Ok(Value::None)
                    }
                    "extend" => {
                        self.need(name, &args, 1)?;
                        let items = self.collect(&args[0])?;
                        l.borrow_mut().extend(items);
                        Ok(Value::None)
                    }
                    "insert" => {
                        self.need(name, &args, 2)?;
                        let Value::Int(i) = args[0] else {
                            return self.err("TypeError", "'str' object cannot be interpreted as an integer");
                        };
                        let mut l = l.borrow_mut();
                        let n = l.len() as i64;
                        let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
                        l.insert(j as usize, args[1].clone());
                        Ok(Value::None)
                    }
                    "pop" => {
                        let mut l = l.borrow_mut();
                        if l.is_empty() {
                            return self.err("IndexError", "pop from empty list");
                        }
                        let n = l.len() as i64;
                        let i = match arg(0) {
                            Some(Value::Int(i)) => i,
                            _ => -1,
                        };
                        let j = if i < 0 { i + n } else { i };
                        if j < 0 || j >= n {
                            return self.err("IndexError", "pop index out of range");
                        }
                        Ok(l.remove(j as usize))
                    }
                    "remove" | "index" => {
                        self.need(name, &args, 1)?;
                        let items = l.borrow().clone();
                        for (i, x) in items.iter().enumerate() {
                            if self.eq(x, &args[0])? {
                                if name == "remove" {
                                    l.borrow_mut().remove(i);
                                    return Ok(Value::None);
                                }
                                return Ok(Value::Int(i as i64));
                            }
                        }
                        if name == "remove" {
                            self.err("ValueError", "list.remove(x): x not in list")
                        } else {
                            self.err("ValueError", format!("{} is not in list", self.repr(&args[0])?))
                        }
                    }
                    "count" => {
                        self.need(name, &args, 1)?;
                        let items = l.borrow().clone();
                        let mut n = 0;
                        for x in &items {
                            if self.eq(x, &args[0])? {
                                n += 1;
                            }
                        }
                        Ok(Value::Int(n))
                    }
                    "sort" => {
                        let kw = |k: &str| kwargs.iter().find(|(n, _)| &**n == k).map(|(_, v)| v.clone());
                        let mut items = l.borrow().clone();
                        self.sort_values(&mut items, kw("key"), kw("reverse"))?;
                        *l.borrow_mut() = items;
                        Ok(Value::None)
                    }
                    "reverse" => {
                        l.borrow_mut().reverse();
                        Ok(Value::None)
                    }
                    "clear" => {
                        l.borrow_mut().clear();
                        Ok(Value::None)
                    }
                    _ => Ok(Value::list(l.borrow().clone())),
                }
            }
            Value::Tuple(t) => {
                self.need(name, &args, 1)?;
                let mut n = 0;
                for (i, x) in t.iter().enumerate() {
                    if self.eq(x, &args[0])? {
                        if name == "index" {
                            return Ok(Value::Int(i as i64));
                        }
                        n += 1;
                    }
                }
                if name == "index" {
                    return self.err("ValueError", "tuple.index(x): x not in tuple");
                }
                Ok(Value::Int(n))
            }
            Value::Dict(d) => match name {
                "get" => {
                    self.need(name, &args, 1)?;
                    let k = self.key(&args[0])?;
                    Ok(d.borrow().get(&k).cloned().unwrap_or_else(|| args.get(1).cloned().unwrap_or(Value::None)))
                }
                "items" => {
                    Ok(Value::list(d.borrow().items().into_iter().map(|(k, v)| Value::tuple(vec![k, v])).collect()))
                }
                "keys" => Ok(Value::list(d.borrow().keys())),
                "values" => Ok(Value::list(d.borrow().values())),
                "setdefault" => {
                    self.need(name, &args, 1)?;
                    let k = self.key(&args[0])?;
                    if let Some(v) = d.borrow().get(&k) {
                        return Ok(v.clone());
                    }
                    let v = args.get(1).cloned().unwrap_or(Value::None);
                    d.borrow_mut().insert(k, args[0].clone(), v.clone());
                    Ok(v)
                }
                "pop" => {
                    self.need(name, &args, 1)?;
                    let k = self.key(&args[0])?;
                    let removed = d.borrow_mut().remove(&k);
                    match (removed, args.get(1)) {
                        (Some((_, v)), _) => Ok(v),
                        (None, Some(default)) => Ok(default.clone()),
                        (None, None) => Err(Box::new(super::value::Exc {
                            value: self.exception_instance(self.class("KeyError"), vec![args[0].clone()]),
                            traceback: vec![],
                        })),
                    }
                }
                "popitem" => match d.borrow_mut().pop_last() {
                    Some((k, v)) => Ok(Value::tuple(vec![k, v])),
                    None => self.err("KeyError", "popitem(): dictionary is empty"),
                },
                "update" => {
                    let mut new = d.borrow().clone();
                    if let Some(o) = args.first() {
                        self.dict_update(&mut new, o)?;
                    }
                    for (k, v) in kwargs {
                        new.insert(super::value::Key::Str(k.clone()), Value::Str(k), v);
                    }
                    *d.borrow_mut() = new;
                    Ok(Value::None)
                }
                "clear" => {
                    d.borrow_mut().clear();
                    Ok(Value::None)
                }
                _ => Ok(Value::dict(d.borrow().clone())),
            },
            Value::Set(d) => {
                let other = |i: usize| -> PyResult<Dict> {
                    let mut o = Dict::new();
                    if let Some(v) = args.get(i) {
                        for x in self.collect(v)? {
                            o.insert(self.key(&x)?, x, Value::None);
                        }
                    }
                    Ok(o)
                };
                match name {
                    "add" => {
                        self.need(name, &args, 1)?;
                        let k = self.key(&args[0])?;
                        d.borrow_mut().insert(k, args[0].clone(), Value::None);
                        Ok(Value::None)
                    }
                    "remove" | "discard" => {
                        self.need(name, &args, 1)?;
                        let k = self.key(&args[0])?;
                        if d.borrow_mut().remove(&k).is_none() && name == "remove" {
                            return Err(Box::new(super::value::Exc {
                                value: self.exception_instance(self.class("KeyError"), vec![args[0].clone()]),
                                traceback: vec![],
                            }));
                        }
                        Ok(Value::None)
                    }
                    "pop" => match d.borrow_mut().pop_first() {
                        Some((k, _)) => Ok(k),
                        None => self.err("KeyError", "pop from an empty set"),
                    },
                    "clear" => {
                        d.borrow_mut().clear();
                        Ok(Value::None)
                    }
                    "copy" => Ok(Value::Set(Rc::new(std::cell::RefCell::new(d.borrow().clone())))),
                    "update" => {
                        let o = other(0)?;
                        let mut s = d.borrow_mut();
                        for (k, _) in o.iter() {
                            s.insert(self.key(k)?, k.clone(), Value::None);
                        }
                        Ok(Value::None)
                    }
                    "issubset" | "issuperset" | "isdisjoint" => {
                        let o = other(0)?;
                        let s = d.borrow();
                        let has = |set: &Dict, k: &Value| self.key(k).map(|k| set.contains(&k)).unwrap_or(false);
                        Ok(Value::Bool(match name {
                            "issubset" => s.iter().all(|(k, _)| has(&o, k)),
                            "issuperset" => o.iter().all(|(k, _)| has(&s, k)),
                            _ => !s.iter().any(|(k, _)| has(&o, k)),
                        }))
                    }
                    _ => {
                        let o = Value::Set(Rc::new(std::cell::RefCell::new(other(0)?)));
                        let op = match name {
                            "union" => super::ast::BinOp::BitOr,
                            "intersection" => super::ast::BinOp::BitAnd,
                            "difference" => super::ast::BinOp::Sub,
                            _ => super::ast::BinOp::BitXor,
                        };
                        self.binop(this, op, &o)
                    }
                }
            }
            Value::Float(f) if name == "is_integer" => Ok(Value::Bool(f.fract() == 0.0)),
            Value::Int(i) if name == "bit_length" => Ok(Value::Int(64 - i.unsigned_abs().leading_zeros() as i64)),
            Value::Bytes(b) if name == "decode" => match std::str::from_utf8(b) {
                Ok(s) => Ok(Value::str(s)),
                Err(_) => self.err("UnicodeDecodeError", "invalid utf-8"),
            },
            _ => self.err(
                "NotImplementedError",
                format!("{}.{name}() is not supported by the playground yet", self.type_name(this)),
            ),
        }
    }

    fn need(&self, name: &str, args: &[Value], n: usize) -> PyResult<()> {
        if args.len() < n {
            return self.err(
                "TypeError",
                format!("{name}() takes exactly {n} argument{} ({} given)", if n == 1 { "" } else { "s" }, args.len()),
            );
        }
        Ok(())
    }

    fn str_arg<'a>(&self, args: &'a [Value], i: usize, name: &str) -> PyResult<Option<&'a str>> {
        match args.get(i) {
            None | Some(Value::None) => Ok(None),
            Some(Value::Str(s)) => Ok(Some(s)),
            Some(other) => {
                self.err("TypeError", format!("{name}() argument must be str, not {}", self.type_name(other)))
            }
        }
    }

    fn str_method(
        self: &Rc<Self>,
        s: &Rc<str>,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> PyResult<Value> {
        let out = |t: String| Ok(Value::Str(Rc::from(t)));
        match name {
            "upper" => out(super::case::upper(s)),
            "lower" => out(super::case::lower(s)),
            "swapcase" => {
                let mut r = String::with_capacity(s.len());
                for c in s.chars() {
                    if c.is_uppercase() {
                        super::case::push_lower(c, &mut r);
                    } else {
                        super::case::push_upper(c, &mut r);
                    }
                }
                out(r)
            }
            "strip" | "lstrip" | "rstrip" => {
                let chars = self.str_arg(&args, 0, name)?;
                let pred = |c: char| match chars {
                    Some(set) => set.contains(c),
                    None => c.is_whitespace(),
                };
                out(match name {
                    "strip" => s.trim_matches(pred).to_string(),
                    "lstrip" => s.trim_start_matches(pred).to_string(),
                    _ => s.trim_end_matches(pred).to_string(),
                })
            }
            "split" | "rsplit" => {
                let kw = |k: &str| kwargs.iter().find(|(n, _)| &**n == k).map(|(_, v)| v.clone());
                let sep_v = kw("sep").or_else(|| args.first().cloned());
                let sep = match &sep_v {
                    Some(Value::Str(x)) => Some(x.clone()),
                    _ => None,
                };
                let maxsplit = match kw("maxsplit").or_else(|| args.get(1).cloned()) {
                    Some(Value::Int(n)) if n >= 0 => Some(n as usize),
                    _ => None,
                };
                if sep.as_deref() == Some("") {
                    return self.err("ValueError", "empty separator");
                }
                let parts: Vec<String> = match (&sep, maxsplit, name) {
                    (Some(sep), None, _) => s.split(&**sep).map(String::from).collect(),
                    (Some(sep), Some(n), "split") => s.splitn(n + 1, &**sep).map(String::from).collect(),
                    (Some(sep), Some(n), _) => {
                        let mut v: Vec<String> = s.rsplitn(n + 1, &**sep).map(String::from).collect();
                        v.reverse();
                        v
                    }
                    (None, None, _) => s.split_whitespace().map(String::from).collect(),
                    (None, Some(n), _) => {
                        let mut v = Vec::new();
                        let mut rest = s.trim_start();
                        while !rest.is_empty() && v.len() < n {
                            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                            v.push(rest[..end].to_string());
                            rest = rest[end..].trim_start();
                        }
                        if !rest.is_empty() {
                            v.push(rest.trim_end().to_string());
                        }
                        v
                    }
                };
                Ok(Value::list(parts.into_iter().map(|p| Value::Str(Rc::from(p))).collect()))
            }
            "splitlines" => Ok(Value::list(s.lines().map(Value::str).collect())),
            "join" => {
                self.need(name, &args, 1)?;
                let items = self.collect(&args[0])?;
                let mut parts = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Value::Str(x) => parts.push(x.to_string()),
                        other => {
                            return self.err(
                                "TypeError",
                                format!("sequence item {i}: expected str instance, {} found", self.type_name(other)),
                            )
                        }
                    }
                }
                out(parts.join(s))
            }
            "replace" => {
                self.need(name, &args, 2)?;
                let (Some(a), Some(b)) = (self.str_arg(&args, 0, name)?, self.str_arg(&args, 1, name)?) else {
                    return self.err("TypeError", "replace() argument must be str");
                };
                match args.get(2) {
                    Some(Value::Int(n)) if *n >= 0 => out(s.replacen(a, b, *n as usize)),
                    _ => out(s.replace(a, b)),
                }
            }
            "startswith" | "endswith" => {
                self.need(name, &args, 1)?;
                let options: Vec<Value> = match &args[0] {
                    Value::Tuple(t) => t.to_vec(),
                    other => vec![other.clone()],
                };
                for o in options {
                    let Value::Str(p) = o else {
                        return self.err(
                            "TypeError",
                            format!("{name} first arg must be str or a tuple of str, not {}", self.type_name(&args[0])),
                        );
                    };
                    if (name == "startswith" && s.starts_with(&*p)) || (name == "endswith" && s.ends_with(&*p)) {
                        return Ok(Value::Bool(true));
                    }
                }
                Ok(Value::Bool(false))
            }
            "find" | "rfind" | "index" | "count" => {
                self.need(name, &args, 1)?;
                let Some(sub) = self.str_arg(&args, 0, name)? else {
                    return self.err("TypeError", "must be str, not None");
                };
                let found = if name == "rfind" { s.rfind(sub) } else { s.find(sub) };
                let char_pos = |b: usize| s[..b].chars().count() as i64;
                match name {
                    "count" => Ok(Value::Int(if sub.is_empty() {
                        s.chars().count() as i64 + 1
                    } else {
                        s.matches(sub).count() as i64
                    })),
                    "index" => match found {
                        Some(b) => Ok(Value::Int(char_pos(b))),
                        None => self.err("ValueError", "substring not found"),
                    },
                    _ => Ok(Value::Int(found.map_or(-1, char_pos))),
                }
            }
            "format" => {
                let text = self.str_format(s, &args, &kwargs)?;
                out(text)
            }
            "center" | "ljust" | "rjust" => {
                self.need(name, &args, 1)?;
                let Value::Int(w) = args[0] else { return self.err("TypeError", "an integer is required") };
                let fill = match self.str_arg(&args, 1, name)? {
                    Some(f) if f.chars().count() == 1 => f.chars().next().unwrap_or(' '),
                    Some(_) => return self.err("TypeError", "The fill character must be exactly one character long"),
                    None => ' ',
                };
                let len = s.chars().count() as i64;
                if w <= len {
                    return Ok(Value::Str(s.clone()));
                }
                let pad = (w - len) as usize;
                let (left, right) = match name {
                    "ljust" => (0, pad),
                    "rjust" => (pad, 0),
                    _ => {
                        // CPython's centring puts the extra space on the right, except for odd widths.
                        let left = pad / 2 + (pad & w as usize & 1);
                        (left, pad - left)
                    }
                };
                let f = fill.to_string();
                out(format!("{}{}{}", f.repeat(left), s, f.repeat(right)))
            }
            "zfill" => {
                let Some(Value::Int(w)) = args.first() else { return self.err("TypeError", "an integer is required") };
                let len = s.chars().count() as i64;
                if *w <= len {
                    return Ok(Value::Str(s.clone()));
                }
                let pad = "0".repeat((*w - len) as usize);
                match s.strip_prefix(['-', '+']) {
                    Some(rest) => out(format!("{}{pad}{rest}", &s[..1])),
                    None => out(format!("{pad}{s}")),
                }
            }
            "isdigit" | "isnumeric" => Ok(Value::Bool(!s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))),
            "isalpha" => Ok(Value::Bool(!s.is_empty() && s.chars().all(char::is_alphabetic))),
            "isalnum" => Ok(Value::Bool(!s.is_empty() && s.chars().all(char::is_alphanumeric))),
            "isspace" => Ok(Value::Bool(!s.is_empty() && s.chars().all(char::is_whitespace))),
            "istitle" => {
                let (mut cased, mut ok, mut prev_cased) = (false, true, false);
                for c in s.chars() {
                    if c.is_uppercase() {
                        ok &= !prev_cased;
                        prev_cased = true;
                        cased = true;
                    } else if c.is_lowercase() {
                        ok &= prev_cased;
                        prev_cased = true;
                        cased = true;
                    } else {
                        prev_cased = false;
                    }
                }
                Ok(Value::Bool(ok && cased))
            }
            "isupper" => Ok(Value::Bool(s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase))),
            "islower" => Ok(Value::Bool(s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase))),
            "title" | "capitalize" => {
                let mut r = String::new();
                let mut prev_letter = false;
                for (i, c) in s.chars().enumerate() {
                    let upper = if name == "title" { !prev_letter } else { i == 0 };
                    if upper {
                        super::case::push_upper(c, &mut r);
                    } else {
                        super::case::push_lower(c, &mut r);
                    }
                    prev_letter = c.is_alphabetic();
                }
                out(r)
            }
            "encode" => Ok(Value::Bytes(Rc::from(s.as_bytes()))),
            "expandtabs" => {
                let size = match args.first() {
                    Some(Value::Int(n)) => (*n).max(0) as usize,
                    _ => 8,
                };
                let mut r = String::new();
                let mut col = 0;
                for c in s.chars() {
                    match c {
                        '\t' if size > 0 => {
                            let pad = size - col % size;
                            r.push_str(&" ".repeat(pad));
                            col += pad;
                        }
                        '\t' => {}
                        '\n' | '\r' => {
                            r.push(c);
                            col = 0;
                        }
                        c => {
                            r.push(c);
                            col += 1;
                        }
                    }
                }
                out(r)
            }
            "partition" => {
                self.need(name, &args, 1)?;
                let Some(sep) = self.str_arg(&args, 0, name)? else { return self.err("TypeError", "must be str") };
                Ok(match s.split_once(sep) {
                    Some((a, b)) => Value::tuple(vec![Value::str(a), Value::str(sep), Value::str(b)]),
                    None => Value::tuple(vec![Value::Str(s.clone()), Value::str(""), Value::str("")]),
                })
            }
            "removeprefix" => {
                let p = self.str_arg(&args, 0, name)?.unwrap_or("");
                out(s.strip_prefix(p).unwrap_or(s).to_string())
            }
            "removesuffix" => {
                let p = self.str_arg(&args, 0, name)?.unwrap_or("");
                out(s.strip_suffix(p).unwrap_or(s).to_string())
            }
            _ => self.err("NotImplementedError", format!("str.{name}() is not supported by the playground yet")),
        }
    }

    /// `"{} {name:>5}".format(...)`: auto and explicit numbering, names, attributes, `!r`, specs.
    fn str_format(self: &Rc<Self>, fmt: &str, args: &[Value], kwargs: &[(Rc<str>, Value)]) -> PyResult<String> {
        let mut outs = String::new();
        let mut chars = fmt.chars().peekable();
        let mut auto = 0;
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    outs.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    outs.push('}');
                }
                '{' => {
                    let mut field = String::new();
                    let mut depth = 1;
                    for d in chars.by_ref() {
                        if d == '{' {
                            depth += 1;
                        } else if d == '}' {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        field.push(d);
                    }
                    let (head, spec) = field.split_once(':').map_or((field.as_str(), ""), |(a, b)| (a, b));
                    let (name, conv) = head.split_once('!').map_or((head, None), |(a, b)| (a, b.chars().next()));
                    let (base, attr) = name.split_once('.').map_or((name, None), |(a, b)| (a, Some(b)));
                    let mut v = if base.is_empty() {
                        let v = args.get(auto).cloned();
                        auto += 1;
                        v.ok_or_else(|| {
                            self.error(
                                "IndexError",
                                &format!("Replacement index {} out of range for positional args tuple", auto - 1),
                            )
                        })?
                    } else if let Ok(i) = base.parse::<usize>() {
                        args.get(i).cloned().ok_or_else(|| {
                            self.error(
                                "IndexError",
                                &format!("Replacement index {i} out of range for positional args tuple"),
                            )
                        })?
                    } else {
                        kwargs
                            .iter()
                            .find(|(k, _)| &**k == base)
                            .map(|(_, v)| v.clone())
                            .ok_or_else(|| self.error("KeyError", &format!("'{base}'")))?
                    };
                    if let Some(a) = attr {
                        v = self.getattr(&v, a)?;
                    }
                    let spec = self.str_format(spec, args, kwargs)?;
                    self.format_field(&mut outs, &v, conv, &spec, None)?;
                }
                '}' => return self.err("ValueError", "Single '}' encountered in format string"),
                c => outs.push(c),
            }
        }
        Ok(outs)
    }
}
