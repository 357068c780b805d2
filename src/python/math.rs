//! `math` (the functions intro programs call: `sqrt`, `floor`, `ceil`, `isclose`, `factorial`…,
//! and `pi`, `e`, `inf`, `nan`; not the trigonometric functions, whose libm code and tables cost the
//! wasm 3 kB brotli, and whose last digit CPython takes from the platform's C library anyway) and `typing` (its names exist so that `from typing import List`
//! works; the playground, like CPython at run time, does not check annotations).

use std::rc::Rc;

use super::bigint::BigInt;
use super::interp::Interp;
use super::ops::num_opt;
use super::value::{PyResult, Value};

pub const MATH: &[&str] = &[
    "sqrt",
    "floor",
    "ceil",
    "trunc",
    "fabs",
    "isclose",
    "isfinite",
    "isinf",
    "isnan",
    "exp",
    "log",
    "log2",
    "log10",
    "pow",
    "degrees",
    "radians",
    "factorial",
    "gcd",
    "fsum",
    "prod",
];

/// The names `typing` offers; each is the `object` class, a stand-in that can be subscripted in an
/// annotation the interpreter never evaluates.
pub const TYPING: &[&str] = &[
    "Any",
    "Awaitable",
    "Callable",
    "Coroutine",
    "Dict",
    "Iterable",
    "Iterator",
    "AsyncIterator",
    "AsyncIterable",
    "AsyncGenerator",
    "Generator",
    "List",
    "Optional",
    "Set",
    "Tuple",
    "Union",
    "Sequence",
    "Mapping",
    "NoReturn",
];

impl Interp {
    pub fn math_function(self: &Rc<Self>, name: &str, args: Vec<Value>) -> PyResult<Value> {
        let float = |i: usize| -> PyResult<f64> {
            match args.get(i).and_then(num_opt) {
                Some(n) => Ok(n.f()),
                None => self.err(
                    "TypeError",
                    format!(
                        "must be real number, not {}",
                        args.get(i).map_or(Rc::from("nothing"), |v| self.type_name(v))
                    ),
                ),
            }
        };
        let domain = || self.err("ValueError", "math domain error");
        let to_int = |x: f64| -> PyResult<Value> {
            if x.is_nan() {
                return self.err("ValueError", "cannot convert float NaN to integer");
            }
            if x.is_infinite() {
                return self.err("OverflowError", "cannot convert float infinity to integer");
            }
            if x.abs() < 9.2e18 {
                return Ok(Value::Int(x as i64));
            }
            // Exactly, digit for digit, as CPython converts a large float.
            match BigInt::parse_decimal(&format!("{x:.0}")) {
                Some(b) => Ok(Value::from_big(b)),
                None => self.err("OverflowError", "integer too large"),
            }
        };
        Ok(Value::Float(match name {
            "sqrt" => {
                let x = float(0)?;
                if x < 0.0 {
                    return domain();
                }
                x.sqrt()
            }
            "floor" | "ceil" | "trunc" => {
                if let Some(v @ (Value::Int(_) | Value::BigInt(_))) = args.first() {
                    return Ok(v.clone());
                }
                let x = float(0)?;
                return to_int(match name {
                    "floor" => x.floor(),
                    "ceil" => x.ceil(),
                    _ => x.trunc(),
                });
            }
            "fabs" => float(0)?.abs(),
            "isfinite" => return Ok(Value::Bool(float(0)?.is_finite())),
            "isinf" => return Ok(Value::Bool(float(0)?.is_infinite())),
            "isnan" => return Ok(Value::Bool(float(0)?.is_nan())),
            "isclose" => {
                let (a, b) = (float(0)?, float(1)?);
                // rel_tol=1e-09, abs_tol=0.0, CPython's defaults.
                let close = a == b || ((a - b).abs() <= (1e-9 * b.abs()).max(1e-9 * a.abs()) && (a - b).is_finite());
                return Ok(Value::Bool(close));
            }
            "exp" => float(0)?.exp(),
            "log" | "log2" | "log10" => {
                let x = float(0)?;
                if x <= 0.0 {
                    return domain();
                }
                match (name, args.get(1)) {
                    ("log", Some(_)) => x.ln() / float(1)?.ln(),
                    ("log", None) => x.ln(),
                    ("log2", _) => x.log2(),
                    _ => x.log10(),
                }
            }
            "pow" => float(0)?.powf(float(1)?),
            "degrees" => float(0)?.to_degrees(),
            "radians" => float(0)?.to_radians(),
            "fsum" => {
                // Shewchuk's exact partial sums (Python's `msum` recipe), not a running float.
                let items = self.collect(args.first().unwrap_or(&Value::None))?;
                let mut partials: Vec<f64> = Vec::new();
                for v in &items {
                    let mut x = num_opt(v).map(|n| n.f()).unwrap_or(f64::NAN);
                    let mut kept = 0;
                    for j in 0..partials.len() {
                        let mut y = partials[j];
                        if x.abs() < y.abs() {
                            std::mem::swap(&mut x, &mut y);
                        }
                        let hi = x + y;
                        let lo = y - (hi - x);
                        if lo != 0.0 {
                            partials[kept] = lo;
                            kept += 1;
                        }
                        x = hi;
                    }
                    partials.truncate(kept);
                    partials.push(x);
                }
                partials.iter().sum()
            }
            "factorial" | "gcd" | "prod" => {
                let mut acc = Value::Int(if name == "gcd" { 0 } else { 1 });
                let items =
                    if name == "prod" { self.collect(args.first().unwrap_or(&Value::None))? } else { args.clone() };
                if name == "factorial" {
                    let n = match args.first() {
                        Some(Value::Int(n)) if *n >= 0 => *n,
                        Some(Value::Int(_)) => {
                            return self.err("ValueError", "factorial() not defined for negative values")
                        }
                        _ => return self.err("TypeError", "factorial() only accepts integral values"),
                    };
                    for i in 2..=n {
                        self.step()?;
                        acc = self.binop(&acc, super::ast::BinOp::Mult, &Value::Int(i))?;
                    }
                    return Ok(acc);
                }
                for v in &items {
                    acc = if name == "prod" {
                        self.binop(&acc, super::ast::BinOp::Mult, v)?
                    } else {
                        let (Value::Int(mut a), Value::Int(mut b)) = (acc, v.clone()) else {
                            return self.err("TypeError", "gcd() takes integers");
                        };
                        (a, b) = (a.abs(), b.abs());
                        while b != 0 {
                            (a, b) = (b, a % b);
                        }
                        Value::Int(a)
                    };
                }
                return Ok(acc);
            }
            _ => {
                return self.err("NotImplementedError", format!("math.{name}() is not supported by the playground yet"))
            }
        }))
    }
}
