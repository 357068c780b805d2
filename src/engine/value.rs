//! Python values as the chapter's coroutines return them, printed the way Python's `repr` prints them.

use std::fmt;

/// The small part of Python's data model the chapter uses: what a coroutine returns and what
/// `print(results)` shows.
#[derive(Clone, Debug, PartialEq)]
pub enum PyValue {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<PyValue>),
    /// Insertion-ordered, like a Python dict.
    Dict(Vec<(PyValue, PyValue)>),
}

impl PyValue {
    pub fn str(text: impl Into<String>) -> Self {
        PyValue::Str(text.into())
    }
}

/// Python's `repr()` of a number as the chapter writes delays: `2`, `0.5`, `1.25` (no trailing `.0`
/// for whole numbers, because the code shown to the learner says `sleep(2)`, not `sleep(2.0)`).
pub fn py_number(value: f64) -> String {
    if value.is_finite() && value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        py_float_repr(value)
    }
}

/// Python's `repr(float)`: the shortest round-trip digits, in exponent form (`5e-05`, `1e+16`) below
/// 1e-4 and from 1e16 on, as CPython writes them.
fn py_float_repr(value: f64) -> String {
    if !value.is_finite() {
        return if value.is_nan() {
            "nan".into()
        } else if value > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        };
    }
    let magnitude = value.abs();
    if magnitude != 0.0 && !(1e-4..1e16).contains(&magnitude) {
        // Rust writes `5e-5`; Python pads the exponent to two digits and always signs it.
        let text = format!("{value:e}");
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let (sign, digits) = exponent.strip_prefix('-').map_or(("+", exponent), |d| ("-", d));
        return format!("{mantissa}e{sign}{digits:0>2}");
    }
    let text = format!("{value}");
    if text.contains('.') {
        text
    } else {
        format!("{text}.0")
    }
}

/// Python's `repr()` of a `str`: single quotes unless the text holds a single quote and no double one.
pub fn py_str_repr(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for ch in text.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

impl fmt::Display for PyValue {
    /// `repr()`, which is also what `print()` shows for containers.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PyValue::None => f.write_str("None"),
            PyValue::Bool(true) => f.write_str("True"),
            PyValue::Bool(false) => f.write_str("False"),
            PyValue::Int(i) => write!(f, "{i}"),
            PyValue::Float(x) => f.write_str(&py_float_repr(*x)),
            PyValue::Str(s) => f.write_str(&py_str_repr(s)),
            PyValue::List(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            PyValue::Dict(pairs) => {
                f.write_str("{")?;
                for (i, (k, v)) in pairs.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k}: {v}")?;
                }
                f.write_str("}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_matches_python() {
        let dict = PyValue::Dict(vec![(PyValue::str("data"), PyValue::str("example"))]);
        assert_eq!(dict.to_string(), "{'data': 'example'}");
        let list = PyValue::List(vec![PyValue::str("Result A"), PyValue::str("Result B")]);
        assert_eq!(list.to_string(), "['Result A', 'Result B']");
        assert_eq!(PyValue::str("it's").to_string(), "\"it's\"");
        assert_eq!(PyValue::str("a'b\"c").to_string(), "'a\\'b\"c'");
        assert_eq!(PyValue::Float(2.0).to_string(), "2.0");
        assert_eq!(PyValue::Float(0.5).to_string(), "0.5");
        assert_eq!(PyValue::None.to_string(), "None");
        assert_eq!(
            PyValue::List(vec![PyValue::None, PyValue::Bool(true), PyValue::Int(3)]).to_string(),
            "[None, True, 3]"
        );
    }

    #[test]
    fn numbers_in_code_drop_trailing_zero() {
        assert_eq!(py_number(2.0), "2");
        assert_eq!(py_number(0.5), "0.5");
        assert_eq!(py_number(1.25), "1.25");
        assert_eq!(py_number(0.00005), "5e-05");
        assert_eq!(py_number(0.0001), "0.0001");
        assert_eq!(PyValue::Float(1e16).to_string(), "1e+16");
        assert_eq!(PyValue::Float(1.5e-7).to_string(), "1.5e-07");
    }
}
