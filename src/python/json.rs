//! `json.dumps` / `json.loads` (and aiohttp's `response.json()`), as CPython's `json` module
//! writes and reads: the same separators, `ensure_ascii` escapes, float reprs, key coercions and
//! `JSONDecodeError` messages (`Expecting value: line 1 column 1 (char 0)`).

use std::fmt::Write;
use std::rc::Rc;

use super::format::float_repr;
use super::interp::Interp;
use super::value::{Exc, PyResult, Value};

/// How `dumps` lays text out (its keyword arguments).
struct Layout {
    indent: Option<String>,
    item_sep: String,
    key_sep: String,
    sort_keys: bool,
    ensure_ascii: bool,
}

impl Interp {
    /// `json.dumps(obj, …)` / `json.loads(text)`.
    pub fn json_function(
        self: &Rc<Self>,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> PyResult<Value> {
        let kw = |k: &str| kwargs.iter().find(|(n, _)| &**n == k).map(|(_, v)| v.clone());
        let Some(first) = args.into_iter().next() else {
            return self.err("TypeError", format!("{name}() missing 1 required positional argument"));
        };
        if name == "loads" {
            let text = match &first {
                Value::Str(s) => s.to_string(),
                Value::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
                other => {
                    return self.err(
                        "TypeError",
                        format!("the JSON object must be str, bytes or bytearray, not {}", self.type_name(other)),
                    )
                }
            };
            return self.json_loads(&text);
        }
        let indent = match kw("indent") {
            None | Some(Value::None) => None,
            Some(Value::Int(n)) => Some(" ".repeat(n.max(0) as usize)),
            Some(Value::Str(s)) => Some(s.to_string()),
            Some(other) => Some(self.to_str(&other)?),
        };
        let (mut item_sep, mut key_sep) = (if indent.is_some() { "," } else { ", " }.to_string(), ": ".to_string());
        if let Some(seps) = kw("separators").filter(|v| !matches!(v, Value::None)) {
            let parts = self.collect(&seps)?;
            if let [a, b] = &parts[..] {
                item_sep = self.to_str(a)?;
                key_sep = self.to_str(b)?;
            }
        }
        let flag = |k: &str, default: bool| match kw(k) {
            Some(v) => self.truthy(&v),
            None => Ok(default),
        };
        let layout = Layout {
            indent,
            item_sep,
            key_sep,
            sort_keys: flag("sort_keys", false)?,
            ensure_ascii: flag("ensure_ascii", true)?,
        };
        let mut out = String::new();
        self.json_dump(&first, &layout, 0, &mut out)?;
        Ok(Value::str(&out))
    }

    fn json_dump(self: &Rc<Self>, v: &Value, layout: &Layout, depth: usize, out: &mut String) -> PyResult<()> {
        self.step()?;
        if depth > 900 {
            return self.err("RecursionError", "maximum recursion depth exceeded while encoding a JSON object");
        }
        match v {
            Value::None => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Value::BigInt(b) => out.push_str(&self.big_decimal(b)?),
            Value::Float(f) => out.push_str(&json_float(*f)),
            Value::Str(s) => json_string(s, layout.ensure_ascii, out),
            Value::List(_) | Value::Tuple(_) => {
                let items = self.collect(v)?;
                self.json_container(out, layout, depth, '[', ']', items.len(), |me, i, out| {
                    me.json_dump(&items[i], layout, depth + 1, out)
                })?;
            }
            Value::Dict(d) => {
                let mut entries: Vec<(String, Value)> = Vec::new();
                for (k, val) in d.borrow().iter() {
                    let key = match &k {
                        Value::Str(s) => s.to_string(),
                        Value::Int(i) => i.to_string(),
                        Value::Float(f) => json_float(*f),
                        Value::Bool(b) => (if *b { "true" } else { "false" }).to_string(),
                        Value::None => "null".to_string(),
                        other => {
                            return self.err(
                                "TypeError",
                                format!("keys must be str, int, float, bool or None, not {}", self.type_name(other)),
                            )
                        }
                    };
                    entries.push((key, val.clone()));
                }
                if layout.sort_keys {
                    crate::sort::sort_by_text(&mut entries, |(k, _)| k);
                }
                self.json_container(out, layout, depth, '{', '}', entries.len(), |me, i, out| {
                    json_string(&entries[i].0, layout.ensure_ascii, out);
                    out.push_str(&layout.key_sep);
                    me.json_dump(&entries[i].1, layout, depth + 1, out)
                })?;
            }
            other => {
                return self
                    .err("TypeError", format!("Object of type {} is not JSON serializable", self.type_name(other)))
            }
        }
        Ok(())
    }

    /// `[…]` / `{…}` with `len` items written by `item`, laid out as `indent` says.
    #[allow(clippy::too_many_arguments)]
    fn json_container(
        self: &Rc<Self>,
        out: &mut String,
        layout: &Layout,
        depth: usize,
        open: char,
        close: char,
        len: usize,
        mut item: impl FnMut(&Rc<Self>, usize, &mut String) -> PyResult<()>,
    ) -> PyResult<()> {
        out.push(open);
        if len == 0 {
            out.push(close);
            return Ok(());
        }
        let newline = |out: &mut String, level: usize| {
            if let Some(indent) = &layout.indent {
                out.push('\n');
                for _ in 0..level {
                    out.push_str(indent);
                }
            }
        };
        for i in 0..len {
            if i > 0 {
                out.push_str(&layout.item_sep);
            }
            newline(out, depth + 1);
            item(self, i, out)?;
        }
        newline(out, depth);
        out.push(close);
        Ok(())
    }

    pub fn json_loads(self: &Rc<Self>, text: &str) -> PyResult<Value> {
        let chars: Vec<char> = text.chars().collect();
        let mut reader = Reader { chars: &chars, pos: 0 };
        reader.skip_space();
        let value = self.json_value(&mut reader, 0)?;
        reader.skip_space();
        if reader.pos < chars.len() {
            return Err(self.json_error("Extra data", &chars, reader.pos));
        }
        Ok(value)
    }

    fn json_value(self: &Rc<Self>, r: &mut Reader<'_>, depth: usize) -> PyResult<Value> {
        self.step()?;
        if depth > 900 {
            return self.err("RecursionError", "maximum recursion depth exceeded while decoding a JSON document");
        }
        let start = r.pos;
        match r.peek() {
            Some('"') => self.json_str(r).map(|s| Value::str(&s)),
            Some('{') => {
                r.pos += 1;
                let dict = Value::dict(super::value::Dict::default());
                r.skip_space();
                if r.peek() == Some('}') {
                    r.pos += 1;
                    return Ok(dict);
                }
                loop {
                    r.skip_space();
                    if r.peek() != Some('"') {
                        return Err(self.json_error(
                            "Expecting property name enclosed in double quotes",
                            r.chars,
                            r.pos,
                        ));
                    }
                    let key = self.json_str(r)?;
                    r.skip_space();
                    if r.peek() != Some(':') {
                        return Err(self.json_error("Expecting ':' delimiter", r.chars, r.pos));
                    }
                    r.pos += 1;
                    r.skip_space();
                    let value = self.json_value(r, depth + 1)?;
                    self.setitem(&dict, &Value::str(&key), value)?;
                    r.skip_space();
                    match r.peek() {
                        Some(',') => r.pos += 1,
                        Some('}') => {
                            r.pos += 1;
                            return Ok(dict);
                        }
                        _ => return Err(self.json_error("Expecting ',' delimiter", r.chars, r.pos)),
                    }
                }
            }
            Some('[') => {
                r.pos += 1;
                let mut items = Vec::new();
                r.skip_space();
                if r.peek() == Some(']') {
                    r.pos += 1;
                    return Ok(Value::list(items));
                }
                loop {
                    r.skip_space();
                    items.push(self.json_value(r, depth + 1)?);
                    r.skip_space();
                    match r.peek() {
                        Some(',') => r.pos += 1,
                        Some(']') => {
                            r.pos += 1;
                            return Ok(Value::list(items));
                        }
                        _ => return Err(self.json_error("Expecting ',' delimiter", r.chars, r.pos)),
                    }
                }
            }
            _ => {
                for (word, value) in [
                    ("null", Value::None),
                    ("true", Value::Bool(true)),
                    ("false", Value::Bool(false)),
                    ("NaN", Value::Float(f64::NAN)),
                    ("Infinity", Value::Float(f64::INFINITY)),
                    ("-Infinity", Value::Float(f64::NEG_INFINITY)),
                ] {
                    if r.starts_with(word) {
                        r.pos += word.chars().count();
                        return Ok(value);
                    }
                }
                // A number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?
                let mut end = start;
                let digits = |end: &mut usize| {
                    let from = *end;
                    while r.chars.get(*end).is_some_and(char::is_ascii_digit) {
                        *end += 1;
                    }
                    *end > from
                };
                if r.chars.get(end) == Some(&'-') {
                    end += 1;
                }
                if !digits(&mut end) {
                    return Err(self.json_error("Expecting value", r.chars, start));
                }
                let int_end = end;
                let mut is_float = false;
                if r.chars.get(end) == Some(&'.') {
                    let mut e = end + 1;
                    if digits(&mut e) {
                        end = e;
                        is_float = true;
                    }
                }
                if matches!(r.chars.get(end), Some('e' | 'E')) {
                    let mut e = end + 1;
                    if matches!(r.chars.get(e), Some('+' | '-')) {
                        e += 1;
                    }
                    if digits(&mut e) {
                        end = e;
                        is_float = true;
                    }
                }
                // A leading zero ends the number (CPython: "0123" is 0, then extra data).
                let body: String = r.chars[start..end].iter().collect();
                let zero_led = body.trim_start_matches('-').starts_with('0')
                    && int_end - start > 1 + body.starts_with('-') as usize;
                if zero_led {
                    r.pos = start + 1 + body.starts_with('-') as usize;
                    return Ok(Value::Int(0));
                }
                r.pos = end;
                if is_float {
                    Ok(Value::Float(crate::decimal::parse_f64(&body).unwrap_or(f64::NAN)))
                } else {
                    match body.parse::<i64>() {
                        Ok(i) => Ok(Value::Int(i)),
                        Err(_) => match super::bigint::BigInt::parse_decimal(&body) {
                            Some(b) => Ok(Value::from_big(b)),
                            None => {
                                self.err("ValueError", "Exceeds the limit (4300 digits) for integer string conversion")
                            }
                        },
                    }
                }
            }
        }
    }

    /// A string literal at `r` (on its opening quote).
    fn json_str(self: &Rc<Self>, r: &mut Reader<'_>) -> PyResult<String> {
        let start = r.pos;
        r.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = r.peek() else {
                return Err(self.json_error("Unterminated string starting at", r.chars, start));
            };
            r.pos += 1;
            match c {
                '"' => return Ok(out),
                '\\' => {
                    let escape_at = r.pos - 1;
                    let Some(e) = r.peek() else {
                        return Err(self.json_error("Unterminated string starting at", r.chars, start));
                    };
                    r.pos += 1;
                    match e {
                        '"' => out.push('"'),
                        '\\' => out.push('\\'),
                        '/' => out.push('/'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        'u' => {
                            let unit = |r: &mut Reader<'_>| -> Option<u32> {
                                let hex: String = r.chars.get(r.pos..r.pos + 4)?.iter().collect();
                                let v = u32::from_str_radix(&hex, 16).ok()?;
                                r.pos += 4;
                                Some(v)
                            };
                            let Some(hi) = unit(r) else {
                                return Err(self.json_error("Invalid \\uXXXX escape", r.chars, escape_at));
                            };
                            let mut code = hi;
                            if (0xD800..0xDC00).contains(&hi) && r.starts_with("\\u") {
                                let save = r.pos;
                                r.pos += 2;
                                match unit(r) {
                                    Some(lo) if (0xDC00..0xE000).contains(&lo) => {
                                        code = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                                    }
                                    _ => r.pos = save,
                                }
                            }
                            out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                        }
                        _ => return Err(self.json_error("Invalid \\escape", r.chars, escape_at)),
                    }
                }
                c if (c as u32) < 0x20 => {
                    return Err(self.json_error("Invalid control character at", r.chars, r.pos - 1));
                }
                c => out.push(c),
            }
        }
    }

    /// `json.decoder.JSONDecodeError: <msg>: line L column C (char P)`.
    fn json_error(&self, msg: &str, chars: &[char], pos: usize) -> Box<Exc> {
        let before = &chars[..pos.min(chars.len())];
        let line = before.iter().filter(|c| **c == '\n').count() + 1;
        let column = pos - before.iter().rposition(|c| *c == '\n').map_or(0, |i| i + 1) + 1;
        let text = format!("{msg}: line {line} column {column} (char {pos})");
        let value = self.new_exception("JSONDecodeError", &text);
        if let Value::Instance(i) = &value {
            let mut attrs = i.attrs.borrow_mut();
            attrs.insert(Rc::from("msg"), Value::str(msg));
            attrs.insert(Rc::from("pos"), Value::Int(pos as i64));
            attrs.insert(Rc::from("lineno"), Value::Int(line as i64));
            attrs.insert(Rc::from("colno"), Value::Int(column as i64));
        }
        Box::new(Exc { value, traceback: Vec::new() })
    }
}

struct Reader<'a> {
    chars: &'a [char],
    pos: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn starts_with(&self, word: &str) -> bool {
        word.chars().enumerate().all(|(i, c)| self.chars.get(self.pos + i) == Some(&c))
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t' | '\n' | '\r')) {
            self.pos += 1;
        }
    }
}

/// A float as `json.dumps` writes it: `float.__repr__`, and JavaScript's names for the rest.
fn json_float(f: f64) -> String {
    if f.is_nan() {
        "NaN".to_string()
    } else if f.is_infinite() {
        (if f > 0.0 { "Infinity" } else { "-Infinity" }).to_string()
    } else {
        float_repr(f)
    }
}

/// A JSON string literal; with `ensure_ascii`, everything outside ASCII as `\uXXXX` (surrogate
/// pairs above U+FFFF), as CPython's encoder does.
fn json_string(s: &str, ensure_ascii: bool, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (ensure_ascii && (c as u32) > 0x7e) => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
