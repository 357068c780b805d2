//! Python number and text formatting for the interpreter, checked against CPython 3.11: float/str/bytes
//! repr, the format-spec mini-language of format()/f-strings for int, float and str, round(), float() and
//! int() parsing, and Python's floor division and modulo rules. Errors are CPython's exception messages
//! without the class name (each function's doc says which class).
//!
//! Playground limits (errors instead of CPython's behaviour): ints are i64, format widths and float
//! precisions above 1,000,000 are refused, and format(n, 'c') of a surrogate code point cannot be a Rust str.

use std::fmt::Write as _;

/// Largest field width (and float precision) accepted, so a typo cannot allocate gigabytes in the browser.
const MAX_WIDTH: usize = 1_000_000;

// ---------------------------------------------------------------- repr

/// repr() / str() of a float: shortest round-trip digits, exponent form below 1e-4 and from 1e16 on.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let body = if x.is_infinite() { "inf".into() } else { float_body(x.abs(), b'r', 0, false, true) };
    format!("{sign}{body}")
}

/// repr() of a str, quotes and escapes as CPython.
pub fn str_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        let n = c as u32;
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ if c == q => {
                out.push('\\');
                out.push(c);
            }
            _ if n < 0x20 || n == 0x7f => {
                let _ = write!(out, "\\x{n:02x}");
            }
            _ if n < 0x7f || is_printable(c) => out.push(c),
            _ if n <= 0xff => {
                let _ = write!(out, "\\x{n:02x}");
            }
            _ if n <= 0xffff => {
                let _ = write!(out, "\\u{n:04x}");
            }
            _ => {
                let _ = write!(out, "\\U{n:08x}");
            }
        }
    }
    out.push(q);
    out
}

/// Python's str.isprintable() for one char. Rust's escape_debug uses the same definition (not Cc, Cf, Cs,
/// Co, Cn, Zl, Zp, Zs except space), so this reuses std's table; the leading 'a' stops it from escaping
/// grapheme extenders (combining marks), which Python prints as they are. std's Unicode is newer than
/// Python 3.11's 14.0, so the ~15k characters assigned since (newer emoji, CJK extension H...) print as
/// they are where 3.11 escapes them as unassigned.
fn is_printable(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    let mut buf = [b'a'; 5];
    let n = c.encode_utf8(&mut buf[1..]).len();
    std::str::from_utf8(&buf[..=n]).is_ok_and(|s| s.escape_debug().nth(1) == Some(c))
}

/// repr() of a bytes object: b'...'.
pub fn bytes_repr(b: &[u8]) -> String {
    let q = if b.contains(&b'\'') && !b.contains(&b'"') { b'"' } else { b'\'' };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(q as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            _ if c == q => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            _ => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(q as char);
    out
}

// ---------------------------------------------------------------- float to decimal digits

/// How many digits to ask for: shortest round-trip, n significant, or n after the point.
#[derive(Clone, Copy)]
enum Digits {
    Shortest,
    Sig(usize),
    Fixed(usize),
}

/// Correctly rounded decimal digits of a finite x >= 0 as (digits, decpt) with x ~= 0.DIGITS * 10^decpt,
/// no leading or trailing zeros ("0" with decpt 1 for zero), like David Gay's dtoa. Rust's float
/// formatting is exact and rounds half to even, so it does the hard work.
fn dtoa(x: f64, mode: Digits) -> (Vec<u8>, i64) {
    let s = match mode {
        Digits::Shortest => {
            // Rust's shortest digits break exact ties away from even; Python takes the correctly rounded
            // string of that length whenever it still round-trips.
            let s = format!("{x:e}");
            let n = s.find('e').unwrap_or(0) - s.contains('.') as usize;
            let even = format!("{:.*e}", n.max(1) - 1, x);
            if crate::decimal::parse_f64(&even) == Some(x) {
                even
            } else {
                s
            }
        }
        // A double has at most 767 significant digits and 1074 after the point: asking for more only adds
        // zeros (stripped below), and std's formatter refuses precisions past u16::MAX.
        Digits::Sig(n) => format!("{:.*e}", n.clamp(1, 800) - 1, x),
        Digits::Fixed(n) => format!("{:.*}", n.min(1100), x),
    };
    let (mant, exp) = match s.find('e') {
        Some(i) => (&s[..i], s[i + 1..].parse::<i64>().unwrap_or(0)),
        None => (&s[..], 0),
    };
    let int_len = mant.find('.').unwrap_or(mant.len()) as i64;
    let mut digits: Vec<u8> = mant.bytes().filter(|b| b.is_ascii_digit()).collect();
    let lead = digits.iter().take_while(|&&b| b == b'0').count();
    digits.drain(..lead);
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    if digits.is_empty() {
        return (vec![b'0'], 1);
    }
    (digits, int_len - lead as i64 + exp)
}

/// CPython's format_float_short for a finite x >= 0 (no sign): code is b'e', b'f', b'g' or b'r' (repr),
/// `alt` is the '#' flag, `add_dot_0` keeps a ".0" on integral values (repr and the empty type).
fn float_body(x: f64, code: u8, prec: usize, alt: bool, add_dot_0: bool) -> String {
    let mut p = prec as i64;
    let (digits, mut decpt) = match code {
        b'e' => {
            p += 1;
            dtoa(x, Digits::Sig(prec + 1))
        }
        b'f' => dtoa(x, Digits::Fixed(prec)),
        b'g' => {
            p = p.max(1);
            dtoa(x, Digits::Sig(prec.max(1)))
        }
        _ => dtoa(x, Digits::Shortest),
    };
    let n = digits.len() as i64;
    let (use_exp, mut vend) = match code {
        b'e' => (true, p),
        b'f' => (false, decpt + p),
        b'g' => (decpt <= -4 || decpt > p - add_dot_0 as i64, if alt { p } else { n }),
        _ => (decpt <= -4 || decpt > 16, n),
    };
    let exp = decpt - 1;
    if use_exp {
        decpt = 1;
    }
    // Output the slice [vstart, vend) of the digits padded with zeros on both sides, point after decpt.
    let vstart = if decpt <= 0 { decpt - 1 } else { 0 };
    vend = vend.max(decpt + (!use_exp && add_dot_0) as i64);
    let zeros = |s: &mut String, k: i64| s.extend(std::iter::repeat_n('0', k.max(0) as usize));
    let d = std::str::from_utf8(&digits).unwrap_or("0");
    let mut s = String::with_capacity((vend - vstart) as usize + 8);
    if decpt <= 0 {
        zeros(&mut s, decpt - vstart);
        s.push('.');
        zeros(&mut s, -decpt);
    }
    if 0 < decpt && decpt <= n {
        s.push_str(&d[..decpt as usize]);
        s.push('.');
        s.push_str(&d[decpt as usize..]);
    } else {
        s.push_str(d);
    }
    if n < decpt {
        zeros(&mut s, decpt - n);
        s.push('.');
        zeros(&mut s, vend - decpt);
    } else {
        zeros(&mut s, vend - n);
    }
    if s.ends_with('.') && !alt {
        s.pop();
    }
    if use_exp {
        let _ = write!(s, "e{exp:+03}");
    }
    s
}

// ---------------------------------------------------------------- format spec mini-language

/// A parsed [[fill]align][sign][z][#][0][width][grouping][.precision][type]; '\0' means "not given".
struct Spec {
    fill: char,
    align: char,
    sign: char,
    z: bool,
    alt: bool,
    width: Option<usize>,
    grouping: char,
    precision: Option<usize>,
    ty: char,
}

/// A presentation type as CPython quotes it in messages: 'x', or '\x20' outside printable ASCII.
fn quoted_code(t: char) -> String {
    if (t as u32) > 32 && (t as u32) < 128 {
        format!("'{t}'")
    } else {
        format!("'\\x{:x}'", t as u32)
    }
}

fn unknown_code(t: char, type_name: &str) -> String {
    format!("Unknown format code {} for object of type '{type_name}'", quoted_code(t))
}

/// Reads a decimal number at `c[*i..]`; None if there are no digits.
fn spec_number(c: &[char], i: &mut usize) -> Result<Option<usize>, String> {
    let mut acc: Option<usize> = None;
    while let Some(d) = c.get(*i).and_then(|&ch| decimal_value(ch)) {
        let v = acc.unwrap_or(0).checked_mul(10).and_then(|v| v.checked_add(d as usize));
        acc = Some(v.filter(|&v| v <= i64::MAX as usize).ok_or("Too many decimal digits in format string")?);
        *i += 1;
    }
    Ok(acc)
}

/// CPython's parse_internal_render_format_spec (ValueError messages).
fn parse_spec(spec: &str, default_ty: char, default_align: char, type_name: &str) -> Result<Spec, String> {
    let c: Vec<char> = spec.chars().collect();
    let is_align = |ch: char| matches!(ch, '<' | '>' | '=' | '^');
    let mut sp = Spec {
        fill: ' ',
        align: default_align,
        sign: '\0',
        z: false,
        alt: false,
        width: None,
        grouping: '\0',
        precision: None,
        ty: default_ty,
    };
    let mut i = 0;
    let mut fill_given = false;
    let mut align_given = false;
    if c.len() >= 2 && is_align(c[1]) {
        (sp.fill, sp.align, fill_given, align_given, i) = (c[0], c[1], true, true, 2);
    } else if !c.is_empty() && is_align(c[0]) {
        (sp.align, align_given, i) = (c[0], true, 1);
    }
    if let Some(&s @ ('+' | '-' | ' ')) = c.get(i) {
        sp.sign = s;
        i += 1;
    }
    if c.get(i) == Some(&'z') {
        sp.z = true;
        i += 1;
    }
    if c.get(i) == Some(&'#') {
        sp.alt = true;
        i += 1;
    }
    if !fill_given && c.get(i) == Some(&'0') {
        sp.fill = '0';
        if !align_given && default_align == '>' {
            sp.align = '=';
        }
        i += 1;
    }
    sp.width = spec_number(&c, &mut i)?;
    if c.get(i) == Some(&',') {
        sp.grouping = ',';
        i += 1;
    }
    if c.get(i) == Some(&'_') {
        if sp.grouping != '\0' {
            return Err("Cannot specify both ',' and '_'.".into());
        }
        sp.grouping = '_';
        i += 1;
    }
    if c.get(i) == Some(&',') && sp.grouping == '_' {
        return Err("Cannot specify both ',' and '_'.".into());
    }
    if c.get(i) == Some(&'.') {
        i += 1;
        sp.precision = spec_number(&c, &mut i)?;
        if sp.precision.is_none() {
            return Err("Format specifier missing precision".into());
        }
    }
    if c.len() > i + 1 {
        return Err(format!("Invalid format specifier '{spec}' for object of type '{type_name}'"));
    }
    if let Some(&t) = c.get(i) {
        sp.ty = t;
    }
    if sp.grouping != '\0' {
        match sp.ty {
            'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0' => {}
            'b' | 'o' | 'x' | 'X' if sp.grouping == '_' => {}
            t => return Err(format!("Cannot specify '{}' with {}.", sp.grouping, quoted_code(t))),
        }
    }
    if sp.width.is_some_and(|w| w > MAX_WIDTH) {
        return Err("format width too large for the playground".into());
    }
    Ok(sp)
}

/// CPython's _PyUnicode_InsertThousandsGrouping: groups `digits` from the right with `grp` = (separator,
/// group size), left-padding with zeros (and separators) up to `min_width` characters.
fn group_digits(digits: &str, min_width: i64, grp: Option<(char, i64)>) -> String {
    let mut rev: Vec<char> = Vec::with_capacity(digits.len() * 2);
    let mut src = digits.chars().rev();
    let mut remaining = digits.len() as i64;
    let mut min_width = min_width;
    let mut put = |rev: &mut Vec<char>, len: i64, remaining: i64| {
        let n_chars = remaining.min(len).max(0);
        rev.extend(src.by_ref().take(n_chars as usize));
        rev.extend(std::iter::repeat_n('0', (len - remaining).max(0) as usize));
        n_chars
    };
    match grp {
        Some((sep, size)) => loop {
            let len = size.min(remaining.max(min_width).max(1));
            if !rev.is_empty() {
                rev.push(sep);
            }
            remaining -= put(&mut rev, len, remaining);
            min_width -= len;
            if remaining <= 0 && min_width <= 0 {
                break;
            }
            min_width -= 1;
        },
        None => {
            put(&mut rev, remaining.max(min_width).max(1), remaining);
        }
    }
    rev.iter().rev().collect()
}

/// CPython's calc_number_widths + fill_number: the number is [sign][prefix][digits][.][rem], digits
/// (ASCII, integer part) get grouped, and the result is padded to the spec's width.
fn fill_number(
    sp: &Spec,
    neg: bool,
    prefix: &str,
    digits: &str,
    dec: bool,
    rem: &str,
    grp: Option<(char, i64)>,
) -> String {
    let sign = match (neg, sp.sign) {
        (true, _) => "-",
        (false, '+') => "+",
        (false, ' ') => " ",
        _ => "",
    };
    let width = sp.width.map_or(-1, |w| w as i64);
    let fixed = (sign.len() + prefix.len() + dec as usize + rem.chars().count()) as i64;
    let min_width = if sp.fill == '0' && sp.align == '=' { width - fixed } else { 0 };
    let grouped = if digits.is_empty() { String::new() } else { group_digits(digits, min_width, grp) };
    let pad = (width - fixed - grouped.len() as i64).max(0) as usize;
    let (left, mid, right) = match sp.align {
        '<' => (0, 0, pad),
        '^' => (pad / 2, 0, pad - pad / 2),
        '=' => (0, pad, 0),
        _ => (pad, 0, 0),
    };
    let fill = |s: &mut String, k: usize| s.extend(std::iter::repeat_n(sp.fill, k));
    let mut s = String::with_capacity(grouped.len() + fixed as usize + pad);
    fill(&mut s, left);
    s.push_str(sign);
    s.push_str(prefix);
    fill(&mut s, mid);
    s.push_str(&grouped);
    if dec {
        s.push('.');
    }
    s.push_str(rem);
    fill(&mut s, right);
    s
}

/// format(int, spec). ValueError messages, except "%c arg not in range(0x110000)" (OverflowError).
/// Float presentation types (e f g % ...) format the value converted to float.
pub fn format_int(value: i64, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(value.to_string());
    }
    let sp = parse_spec(spec, 'd', '>', "int")?;
    let u = value.unsigned_abs();
    let (digits, prefix) = match sp.ty {
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => return format_float_spec(value as f64, &sp),
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' if sp.precision.is_some() => {
            return Err("Precision not allowed in integer format specifier".into())
        }
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' if sp.z => {
            return Err("Negative zero coercion (z) not allowed in integer format specifier".into())
        }
        'c' => {
            if sp.sign != '\0' {
                return Err("Sign not allowed with integer format specifier 'c'".into());
            }
            if sp.alt {
                return Err("Alternate form (#) not allowed with integer format specifier 'c'".into());
            }
            if !(0..0x110000).contains(&value) {
                return Err("%c arg not in range(0x110000)".into());
            }
            let ch = char::from_u32(value as u32).ok_or("%c of a surrogate is not supported in the playground")?;
            return Ok(fill_number(&sp, false, "", "", false, ch.encode_utf8(&mut [0; 4]), None));
        }
        'b' => (format!("{u:b}"), "0b"),
        'o' => (format!("{u:o}"), "0o"),
        'x' => (format!("{u:x}"), "0x"),
        'X' => (format!("{u:X}"), "0X"),
        'd' | 'n' => (u.to_string(), ""),
        t => return Err(unknown_code(t, "int")),
    };
    let grp = match sp.grouping {
        '\0' => None,
        g if sp.ty == 'd' => Some((g, 3)),
        g => Some((g, 4)),
    };
    let prefix = if sp.alt { prefix } else { "" };
    Ok(fill_number(&sp, value < 0, prefix, &digits, false, "", grp))
}

/// format(float, spec). ValueError messages.
pub fn format_float(value: f64, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(float_repr(value));
    }
    let sp = parse_spec(spec, '\0', '>', "float")?;
    match sp.ty {
        '\0' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%' => format_float_spec(value, &sp),
        t => Err(unknown_code(t, "float")),
    }
}

/// CPython's format_float_internal.
fn format_float_spec(value: f64, sp: &Spec) -> Result<String, String> {
    let (mut code, add_dot_0, default_prec) = match sp.ty {
        '\0' => (b'r', true, 0),
        '%' => (b'f', false, 6),
        'n' => (b'g', false, 6),
        t => (t.to_ascii_lowercase() as u8, false, 6),
    };
    let x = if sp.ty == '%' { value * 100.0 } else { value };
    let prec = match sp.precision {
        None => default_prec,
        Some(p) => {
            if code == b'r' {
                code = b'g';
            }
            p
        }
    };
    if prec > MAX_WIDTH {
        return Err("format precision too large for the playground".into());
    }
    let mut body = if x.is_nan() {
        "nan".to_string()
    } else if x.is_infinite() {
        "inf".to_string()
    } else {
        float_body(x.abs(), code, prec, sp.alt, add_dot_0)
    };
    if matches!(sp.ty, 'E' | 'F' | 'G') {
        body.make_ascii_uppercase();
    }
    let mut neg = x.is_sign_negative() && !x.is_nan();
    if sp.z
        && x.is_finite()
        && !body.bytes().take_while(|b| !b.is_ascii_alphabetic()).any(|b| (b'1'..=b'9').contains(&b))
    {
        neg = false;
    }
    if sp.ty == '%' {
        body.push('%');
    }
    let int_end = body.bytes().position(|b| !b.is_ascii_digit()).unwrap_or(body.len());
    let dec = body[int_end..].starts_with('.');
    let grp = if sp.grouping == '\0' { None } else { Some((sp.grouping, 3)) };
    Ok(fill_number(sp, neg, "", &body[..int_end], dec, &body[int_end + dec as usize..], grp))
}

/// format(str, spec). ValueError messages.
pub fn format_str(value: &str, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(value.to_string());
    }
    let sp = parse_spec(spec, 's', '<', "str")?;
    let err = match () {
        _ if sp.ty != 's' => unknown_code(sp.ty, "str"),
        _ if sp.sign == ' ' => "Space not allowed in string format specifier".into(),
        _ if sp.sign != '\0' => "Sign not allowed in string format specifier".into(),
        _ if sp.z => "Negative zero coercion (z) not allowed in string format specifier".into(),
        _ if sp.alt => "Alternate form (#) not allowed in string format specifier".into(),
        _ if sp.align == '=' => "'=' alignment not allowed in string format specifier".into(),
        _ => {
            let s = match sp.precision.and_then(|p| value.char_indices().nth(p)) {
                Some((end, _)) => &value[..end],
                None => value,
            };
            let len = s.chars().count();
            let pad = sp.width.unwrap_or(0).saturating_sub(len);
            let left = match sp.align {
                '>' => pad,
                '^' => pad / 2,
                _ => 0,
            };
            let mut out = String::with_capacity(s.len() + pad);
            out.extend(std::iter::repeat_n(sp.fill, left));
            out.push_str(s);
            out.extend(std::iter::repeat_n(sp.fill, pad - left));
            return Ok(out);
        }
    };
    Err(err)
}

// ---------------------------------------------------------------- rounding

/// round(x, ndigits), correctly rounded (half to even on the exact binary value) like CPython. A finite x
/// whose rounding overflows gives inf: the caller should raise OverflowError "rounded value too large to
/// represent" for that.
pub fn round_float(x: f64, ndigits: i64) -> f64 {
    if !x.is_finite() || ndigits > 323 {
        return x;
    }
    if ndigits < -308 {
        return 0.0 * x;
    }
    if ndigits >= 0 {
        return crate::decimal::parse_f64(&format!("{:.*}", ndigits as usize, x)).unwrap_or(x);
    }
    // Round the exact integer part at 10^n, the fraction (exact too) only breaks ties.
    let n = (-ndigits) as usize;
    let t = x.abs().trunc();
    let sticky = x.abs() != t;
    let int_digits = format!("{t:.0}");
    let keep = int_digits.len().saturating_sub(n);
    let (head, tail) = int_digits.split_at(keep);
    let tail = format!("{tail:0>n$}");
    let mut q: Vec<u8> = head.bytes().collect();
    let first = tail.as_bytes()[0];
    let rest_zero = !sticky && tail.bytes().skip(1).all(|b| b == b'0');
    let odd = q.last().is_some_and(|d| d % 2 == 1);
    if first > b'5' || (first == b'5' && (!rest_zero || odd)) {
        // Add one to the kept digits.
        let mut i = q.len();
        loop {
            if i == 0 {
                q.insert(0, b'1');
                break;
            }
            i -= 1;
            if q[i] == b'9' {
                q[i] = b'0';
            } else {
                q[i] += 1;
                break;
            }
        }
    }
    if q.is_empty() {
        q.push(b'0');
    }
    let r = crate::decimal::parse_f64(&format!("{}e{n}", String::from_utf8_lossy(&q))).unwrap_or(f64::INFINITY);
    r.copysign(x)
}

/// round(x) without ndigits: to the nearest integer, ties to even (the caller converts to int).
pub fn round_half_even(x: f64) -> f64 {
    x.round_ties_even()
}

// ---------------------------------------------------------------- parsing

/// The code points of the digit zeros of Unicode 14's decimal digits (category Nd) past ASCII: each starts
/// a run of ten. float(), int() and format widths accept them like '0'..'9'.
const DECIMAL_ZEROS: [u32; 65] = [
    0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20,
    0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0,
    0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0,
    0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0,
    0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/// The value of a Unicode decimal digit (Python's unicodedata.decimal).
fn decimal_value(c: char) -> Option<u32> {
    let n = c as u32;
    if c.is_ascii_digit() {
        return Some(n - 0x30);
    }
    let i = DECIMAL_ZEROS.partition_point(|&z| z <= n);
    let zero = *DECIMAL_ZEROS.get(i.checked_sub(1)?)?;
    (n - zero < 10).then_some(n - zero)
}

/// CPython's _PyUnicode_TransformDecimalAndSpaceToASCII + strip, as float() and int() do: Unicode digits
/// become ASCII, Unicode spaces become ' ', then ASCII whitespace is stripped; None for other non-ASCII.
fn ascii_number(text: &str) -> Option<String> {
    let s: Option<String> = text
        .chars()
        .map(|c| match c {
            _ if (c as u32) < 127 => Some(c),
            _ if c.is_whitespace() => Some(' '),
            _ => decimal_value(c).and_then(|d| char::from_digit(d, 10)),
        })
        .collect();
    s.map(|s| s.trim_matches(|c: char| c.is_ascii_whitespace() || c == '\x0b').to_string())
}

/// Digits in `base` with single underscores between them; returns the index after them (0: none).
fn scan_digits(b: &[u8], base: u32) -> usize {
    let mut i = 0;
    while i < b.len() && (b[i] as char).is_digit(base) {
        i += 1;
        if i + 1 < b.len() && b[i] == b'_' && (b[i + 1] as char).is_digit(base) {
            i += 1;
        }
    }
    i
}

/// float(text). ValueError "could not convert string to float: '...'".
pub fn parse_float(text: &str) -> Result<f64, String> {
    let err = || format!("could not convert string to float: {}", str_repr(text));
    let s = ascii_number(text).ok_or_else(err)?;
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, &s[..]),
    };
    let lower = body.to_ascii_lowercase();
    let v = if lower == "inf" || lower == "infinity" {
        f64::INFINITY
    } else if lower == "nan" {
        f64::NAN
    } else {
        let b = body.as_bytes();
        let mut i = scan_digits(b, 10);
        let mut any = i > 0;
        if b.get(i) == Some(&b'.') {
            let k = scan_digits(&b[i + 1..], 10);
            any |= k > 0;
            i += 1 + k;
        }
        if !any {
            return Err(err());
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            let k = scan_digits(&b[i..], 10);
            if k == 0 {
                return Err(err());
            }
            i += k;
        }
        if i != b.len() {
            return Err(err());
        }
        crate::decimal::parse_f64(&body.replace('_', "")).ok_or_else(err)?
    };
    Ok(if neg { -v } else { v })
}

/// int(text, base): base 0 or 2..=36. ValueError "invalid literal for int() with base 10: '...'" (or
/// "int() base must be >= 2 and <= 36, or 0"); a value outside i64 gives "int too large for the playground".
pub fn parse_int(text: &str, base: u32) -> Result<i64, String> {
    if base == 1 || base > 36 {
        return Err("int() base must be >= 2 and <= 36, or 0".into());
    }
    let err = || {
        let r: String = str_repr(text).chars().take(200).collect();
        format!("invalid literal for int() with base {base}: {r}")
    };
    let s = ascii_number(text).ok_or_else(err)?;
    let (neg, mut b) = match s.as_bytes().first() {
        Some(b'-') => (true, &s.as_bytes()[1..]),
        Some(b'+') => (false, &s.as_bytes()[1..]),
        _ => (false, s.as_bytes()),
    };
    let prefix = match b {
        [b'0', p, ..] => match p.to_ascii_lowercase() {
            b'x' => 16,
            b'o' => 8,
            b'b' => 2,
            _ => 0,
        },
        _ => 0,
    };
    let mut base_used = base;
    let mut only_zero = false;
    if base == 0 {
        base_used = if prefix != 0 { prefix } else { 10 };
        only_zero = prefix == 0 && b.first() == Some(&b'0');
    }
    if prefix != 0 && prefix == base_used {
        b = &b[2..];
        if b.first() == Some(&b'_') {
            b = &b[1..];
        }
    }
    let n = scan_digits(b, base_used);
    if n == 0 || n != b.len() {
        return Err(err());
    }
    let mut acc: u128 = 0;
    for &c in b.iter().filter(|&&c| c != b'_') {
        let d = (c as char).to_digit(base_used).unwrap_or(0) as u128;
        acc = acc.saturating_mul(base_used as u128).saturating_add(d);
    }
    if only_zero && acc != 0 {
        return Err(err());
    }
    let v = if neg { -(acc.min(1 << 64) as i128) } else { acc.min(1 << 64) as i128 };
    i64::try_from(v).map_err(|_| "int too large for the playground".to_string())
}

/// int(x) for a float: truncates toward zero. "cannot convert float NaN to integer" (ValueError),
/// "cannot convert float infinity to integer" (OverflowError), "int too large for the playground".
pub fn float_to_i64(x: f64) -> Result<i64, String> {
    if x.is_nan() {
        return Err("cannot convert float NaN to integer".into());
    }
    if x.is_infinite() {
        return Err("cannot convert float infinity to integer".into());
    }
    let t = x.trunc();
    if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&t) {
        Ok(t as i64)
    } else {
        Err("int too large for the playground".into())
    }
}

// ---------------------------------------------------------------- division

/// a % b for floats, result with the sign of b (CPython's float_rem); the caller checks b == 0.
pub fn float_mod(a: f64, b: f64) -> f64 {
    let m = a % b;
    if m == 0.0 {
        0.0f64.copysign(b)
    } else if (b < 0.0) != (m < 0.0) {
        m + b
    } else {
        m
    }
}

/// a // b for floats (CPython's float_floordiv); the caller checks b == 0.
pub fn float_floordiv(a: f64, b: f64) -> f64 {
    let m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 && (b < 0.0) != (m < 0.0) {
        div -= 1.0;
    }
    if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(a / b)
    }
}

/// a // b for ints, rounding toward negative infinity; the caller checks b == 0 and i64::MIN // -1.
pub fn int_floordiv(a: i64, b: i64) -> i64 {
    let q = a.wrapping_div(b);
    if a.wrapping_rem(b) != 0 && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

/// a % b for ints, result with the sign of b; the caller checks b == 0.
pub fn int_mod(a: i64, b: i64) -> i64 {
    let r = a.wrapping_rem(b);
    if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    }
}

#[cfg(test)]
#[allow(clippy::approx_constant, clippy::excessive_precision)]
mod tests {
    //! The tables are generated from CPython 3.11 by a script (value, spec, expected result).
    use super::*;

    fn same(a: f64, b: f64) -> bool {
        a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
    }

    /// Panics listing every mismatch, so one run shows all of them.
    fn report(fails: Vec<String>, total: usize) {
        assert!(fails.is_empty(), "{} of {total} cases failed:\n{}", fails.len(), fails.join("\n"));
    }

    fn check_all<T: Copy + std::fmt::Debug>(
        rows: &[(T, &str, Result<&str, &str>)],
        f: fn(T, &str) -> Result<String, String>,
    ) {
        let mut fails = vec![];
        for &(value, spec, exp) in rows {
            let got = f(value, spec);
            if got.as_deref().map_err(String::as_str) != exp {
                fails.push(format!("format({value:?}, {spec:?}) = {got:?}, expected {exp:?}"));
            }
        }
        report(fails, rows.len());
    }

    #[test]
    fn format_float_matches_cpython() {
        check_all(FLOAT_FORMAT, format_float);
    }

    #[test]
    fn format_int_matches_cpython() {
        check_all(INT_FORMAT, format_int);
        check_all(INT_FORMAT_MORE, format_int);
    }

    #[test]
    fn format_str_matches_cpython() {
        check_all(STR_FORMAT, format_str);
    }

    #[test]
    fn fstring_typical_specs() {
        assert_eq!(format_float(3.14159, ">8.2f").unwrap(), "    3.14");
        assert_eq!(format_int(1234567, ",").unwrap(), "1,234,567");
        assert_eq!(format_float(0.256, ".1%").unwrap(), "25.6%");
        assert_eq!(format_float(-3.14159, "08.3f").unwrap(), "-003.142");
        assert_eq!(format_str("hi", "^10").unwrap(), "    hi    ");
        assert_eq!(format_int(0xdeadbeef, "_x").unwrap(), "dead_beef");
        assert_eq!(format_float(1234.5, "e").unwrap(), "1.234500e+03");
        assert_eq!(format_float(1234.5, "g").unwrap(), "1234.5");
        assert_eq!(format_float(1234.5, ".3g").unwrap(), "1.23e+03");
        assert_eq!(format_float(1234567891.2345, ",.2f").unwrap(), "1,234,567,891.23");
    }

    #[test]
    fn playground_limits() {
        assert_eq!(format_int(0xd800, "c"), Err("%c of a surrogate is not supported in the playground".into()));
        assert_eq!(format_int(1, "2000000"), Err("format width too large for the playground".into()));
        assert_eq!(format_float(1.0, ".2000000f"), Err("format precision too large for the playground".into()));
        assert_eq!(format_str("abc", ".2000000").unwrap(), "abc");
        // Precisions past std's u16 limit work: the exact binary value's digits, then zeros (as CPython).
        let s = format_float(0.1, ".70000f").unwrap();
        assert_eq!(s.len(), 70002);
        assert!(s.starts_with("0.1000000000000000055511151231257827021181583404541015625"));
        assert!(s[57..].bytes().all(|b| b == b'0'));
        let s = format_float(5e-324, ".70000e").unwrap();
        assert!(s.starts_with("4.9406564584124654417656879286") && s.ends_with("0000e-324") && s.len() == 70007);
    }

    #[test]
    fn float_repr_matches_cpython() {
        let fails: Vec<String> = FLOAT_REPR
            .iter()
            .filter(|&&(x, exp)| float_repr(x) != exp)
            .map(|&(x, exp)| format!("repr({x:?}) = {}, expected {exp}", float_repr(x)))
            .collect();
        report(fails, FLOAT_REPR.len());
    }

    #[test]
    fn str_and_bytes_repr_match_cpython() {
        let mut fails = vec![];
        for &(s, exp) in STR_REPR {
            if str_repr(s) != exp {
                fails.push(format!("repr({s:?}) = {}, expected {exp}", str_repr(s)));
            }
        }
        for &(b, exp) in BYTES_REPR {
            if bytes_repr(b) != exp {
                fails.push(format!("repr({b:?}) = {}, expected {exp}", bytes_repr(b)));
            }
        }
        report(fails, STR_REPR.len() + BYTES_REPR.len());
    }

    #[test]
    fn printable_latin1_matches_cpython() {
        // Python's str.isprintable() over U+0000..U+00FF: all of ASCII 0x20..0x7E, then 0xA1..0xFF but 0xAD.
        for cp in 0..=0xffu32 {
            let c = char::from_u32(cp).unwrap();
            let exp = (0x20..0x7f).contains(&cp) || (cp > 0xa0 && cp != 0xad);
            assert_eq!(is_printable(c), exp, "U+{cp:04X}");
        }
        for c in ['é', '中', '😀', '\u{301}', 'Ω', '€', '\u{1d11e}'] {
            assert!(is_printable(c), "{c:?}");
        }
        for c in ['\u{2028}', '\u{200b}', '\u{feff}', '\u{3000}', '\u{e000}', '\u{378}', '\u{10ffff}'] {
            assert!(!is_printable(c), "{c:?}");
        }
    }

    #[test]
    fn round_matches_cpython() {
        let mut fails = vec![];
        for &(x, n, exp) in ROUND {
            if !same(round_float(x, n), exp) {
                fails.push(format!("round({x:?}, {n}) = {:?}, expected {exp:?}", round_float(x, n)));
            }
        }
        for &(x, exp) in ROUND_HALF_EVEN {
            if round_half_even(x) != exp {
                fails.push(format!("round({x:?}) = {:?}, expected {exp:?}", round_half_even(x)));
            }
        }
        report(fails, ROUND.len() + ROUND_HALF_EVEN.len());
    }

    #[test]
    fn parse_float_matches_cpython() {
        let mut fails = vec![];
        for &(text, exp) in PARSE_FLOAT {
            let got = parse_float(text);
            let ok = match (&got, exp) {
                (Ok(v), Ok(e)) => same(*v, e) || (v.is_nan() && e.is_nan()),
                (Err(m), Err(e)) => m == e,
                _ => false,
            };
            if !ok {
                fails.push(format!("float({text:?}) = {got:?}, expected {exp:?}"));
            }
        }
        report(fails, PARSE_FLOAT.len());
    }

    #[test]
    fn parse_int_matches_cpython() {
        let mut fails = vec![];
        for &(text, base, exp) in PARSE_INT {
            let got = parse_int(text, base);
            if got.as_ref().map_err(String::as_str) != exp.as_ref().map_err(|e| *e) {
                fails.push(format!("int({text:?}, {base}) = {got:?}, expected {exp:?}"));
            }
        }
        for &(x, exp) in FLOAT_TO_INT {
            let got = float_to_i64(x);
            if got.as_ref().map_err(String::as_str) != exp.as_ref().map_err(|e| *e) {
                fails.push(format!("int({x:?}) = {got:?}, expected {exp:?}"));
            }
        }
        // CPython cuts the repr in the message to 200 characters.
        let long = parse_int(&"x".repeat(250), 10).unwrap_err();
        assert_eq!(long, format!("invalid literal for int() with base 10: '{}", "x".repeat(199)));
        report(fails, PARSE_INT.len() + FLOAT_TO_INT.len());
    }

    #[test]
    fn division_matches_cpython() {
        let mut fails = vec![];
        for &(a, b, m, q) in FLOAT_DIVMOD {
            if !same(float_mod(a, b), m) || !same(float_floordiv(a, b), q) {
                fails.push(format!("{a:?} % {b:?} = {:?}, // = {:?}", float_mod(a, b), float_floordiv(a, b)));
            }
        }
        for &(a, b, q, m) in INT_DIVMOD {
            if int_floordiv(a, b) != q || int_mod(a, b) != m {
                fails.push(format!("{a} // {b} = {}, % = {}", int_floordiv(a, b), int_mod(a, b)));
            }
        }
        report(fails, FLOAT_DIVMOD.len() + INT_DIVMOD.len());
    }

    const FLOAT_FORMAT: &[(f64, &str, Result<&str, &str>)] = &[
        (0.0, "", Ok("0.0")),
        (0.0, ".2f", Ok("0.00")),
        (0.0, ">8.2f", Ok("    0.00")),
        (0.0, "08.3f", Ok("0000.000")),
        (0.0, ",.2f", Ok("0.00")),
        (0.0, ".1%", Ok("0.0%")),
        (0.0, "e", Ok("0.000000e+00")),
        (0.0, "g", Ok("0")),
        (0.0, ".3g", Ok("0")),
        (0.0, ".0f", Ok("0")),
        (0.0, "+.1e", Ok("+0.0e+00")),
        (0.0, " g", Ok(" 0")),
        (0.0, "^12", Ok("    0.0     ")),
        (0.0, "<10.4", Ok("0.0       ")),
        (0.0, "z.1f", Ok("0.0")),
        (0.0, "#g", Ok("0.00000")),
        (0.0, ",", Ok("0.0")),
        (0.0, ".3", Ok("0.0")),
        (0.0, "=+12,.1f", Ok("+        0.0")),
        (0.0, "*^15.3e", Ok("***0.000e+00***")),
        (0.0, ".17g", Ok("0")),
        (0.0, "E", Ok("0.000000E+00")),
        (-0.0, "", Ok("-0.0")),
        (-0.0, ".2f", Ok("-0.00")),
        (-0.0, ">8.2f", Ok("   -0.00")),
        (-0.0, "08.3f", Ok("-000.000")),
        (-0.0, ",.2f", Ok("-0.00")),
        (-0.0, ".1%", Ok("-0.0%")),
        (-0.0, "e", Ok("-0.000000e+00")),
        (-0.0, "g", Ok("-0")),
        (-0.0, ".3g", Ok("-0")),
        (-0.0, ".0f", Ok("-0")),
        (-0.0, "+.1e", Ok("-0.0e+00")),
        (-0.0, " g", Ok("-0")),
        (-0.0, "^12", Ok("    -0.0    ")),
        (-0.0, "<10.4", Ok("-0.0      ")),
        (-0.0, "z.1f", Ok("0.0")),
        (-0.0, "#g", Ok("-0.00000")),
        (-0.0, ",", Ok("-0.0")),
        (-0.0, ".3", Ok("-0.0")),
        (-0.0, "=+12,.1f", Ok("-        0.0")),
        (-0.0, "*^15.3e", Ok("**-0.000e+00***")),
        (-0.0, ".17g", Ok("-0")),
        (-0.0, "E", Ok("-0.000000E+00")),
        (1.0, "", Ok("1.0")),
        (1.0, ".2f", Ok("1.00")),
        (1.0, ">8.2f", Ok("    1.00")),
        (1.0, "08.3f", Ok("0001.000")),
        (1.0, ",.2f", Ok("1.00")),
        (1.0, ".1%", Ok("100.0%")),
        (1.0, "e", Ok("1.000000e+00")),
        (1.0, "g", Ok("1")),
        (1.0, ".3g", Ok("1")),
        (1.0, ".0f", Ok("1")),
        (1.0, "+.1e", Ok("+1.0e+00")),
        (1.0, " g", Ok(" 1")),
        (1.0, "^12", Ok("    1.0     ")),
        (1.0, "<10.4", Ok("1.0       ")),
        (1.0, "z.1f", Ok("1.0")),
        (1.0, "#g", Ok("1.00000")),
        (1.0, ",", Ok("1.0")),
        (1.0, ".3", Ok("1.0")),
        (1.0, "=+12,.1f", Ok("+        1.0")),
        (1.0, "*^15.3e", Ok("***1.000e+00***")),
        (1.0, ".17g", Ok("1")),
        (1.0, "E", Ok("1.000000E+00")),
        (-1.5, "", Ok("-1.5")),
        (-1.5, ".2f", Ok("-1.50")),
        (-1.5, ">8.2f", Ok("   -1.50")),
        (-1.5, "08.3f", Ok("-001.500")),
        (-1.5, ",.2f", Ok("-1.50")),
        (-1.5, ".1%", Ok("-150.0%")),
        (-1.5, "e", Ok("-1.500000e+00")),
        (-1.5, "g", Ok("-1.5")),
        (-1.5, ".3g", Ok("-1.5")),
        (-1.5, ".0f", Ok("-2")),
        (-1.5, "+.1e", Ok("-1.5e+00")),
        (-1.5, " g", Ok("-1.5")),
        (-1.5, "^12", Ok("    -1.5    ")),
        (-1.5, "<10.4", Ok("-1.5      ")),
        (-1.5, "z.1f", Ok("-1.5")),
        (-1.5, "#g", Ok("-1.50000")),
        (-1.5, ",", Ok("-1.5")),
        (-1.5, ".3", Ok("-1.5")),
        (-1.5, "=+12,.1f", Ok("-        1.5")),
        (-1.5, "*^15.3e", Ok("**-1.500e+00***")),
        (-1.5, ".17g", Ok("-1.5")),
        (-1.5, "E", Ok("-1.500000E+00")),
        (0.1, "", Ok("0.1")),
        (0.1, ".2f", Ok("0.10")),
        (0.1, ">8.2f", Ok("    0.10")),
        (0.1, "08.3f", Ok("0000.100")),
        (0.1, ",.2f", Ok("0.10")),
        (0.1, ".1%", Ok("10.0%")),
        (0.1, "e", Ok("1.000000e-01")),
        (0.1, "g", Ok("0.1")),
        (0.1, ".3g", Ok("0.1")),
        (0.1, ".0f", Ok("0")),
        (0.1, "+.1e", Ok("+1.0e-01")),
        (0.1, " g", Ok(" 0.1")),
        (0.1, "^12", Ok("    0.1     ")),
        (0.1, "<10.4", Ok("0.1       ")),
        (0.1, "z.1f", Ok("0.1")),
        (0.1, "#g", Ok("0.100000")),
        (0.1, ",", Ok("0.1")),
        (0.1, ".3", Ok("0.1")),
        (0.1, "=+12,.1f", Ok("+        0.1")),
        (0.1, "*^15.3e", Ok("***1.000e-01***")),
        (0.1, ".17g", Ok("0.10000000000000001")),
        (0.1, "E", Ok("1.000000E-01")),
        (2.675, "", Ok("2.675")),
        (2.675, ".2f", Ok("2.67")),
        (2.675, ">8.2f", Ok("    2.67")),
        (2.675, "08.3f", Ok("0002.675")),
        (2.675, ",.2f", Ok("2.67")),
        (2.675, ".1%", Ok("267.5%")),
        (2.675, "e", Ok("2.675000e+00")),
        (2.675, "g", Ok("2.675")),
        (2.675, ".3g", Ok("2.67")),
        (2.675, ".0f", Ok("3")),
        (2.675, "+.1e", Ok("+2.7e+00")),
        (2.675, " g", Ok(" 2.675")),
        (2.675, "^12", Ok("   2.675    ")),
        (2.675, "<10.4", Ok("2.675     ")),
        (2.675, "z.1f", Ok("2.7")),
        (2.675, "#g", Ok("2.67500")),
        (2.675, ",", Ok("2.675")),
        (2.675, ".3", Ok("2.67")),
        (2.675, "=+12,.1f", Ok("+        2.7")),
        (2.675, "*^15.3e", Ok("***2.675e+00***")),
        (2.675, ".17g", Ok("2.6749999999999998")),
        (2.675, "E", Ok("2.675000E+00")),
        (0.125, "", Ok("0.125")),
        (0.125, ".2f", Ok("0.12")),
        (0.125, ">8.2f", Ok("    0.12")),
        (0.125, "08.3f", Ok("0000.125")),
        (0.125, ",.2f", Ok("0.12")),
        (0.125, ".1%", Ok("12.5%")),
        (0.125, "e", Ok("1.250000e-01")),
        (0.125, "g", Ok("0.125")),
        (0.125, ".3g", Ok("0.125")),
        (0.125, ".0f", Ok("0")),
        (0.125, "+.1e", Ok("+1.2e-01")),
        (0.125, " g", Ok(" 0.125")),
        (0.125, "^12", Ok("   0.125    ")),
        (0.125, "<10.4", Ok("0.125     ")),
        (0.125, "z.1f", Ok("0.1")),
        (0.125, "#g", Ok("0.125000")),
        (0.125, ",", Ok("0.125")),
        (0.125, ".3", Ok("0.125")),
        (0.125, "=+12,.1f", Ok("+        0.1")),
        (0.125, "*^15.3e", Ok("***1.250e-01***")),
        (0.125, ".17g", Ok("0.125")),
        (0.125, "E", Ok("1.250000E-01")),
        (1234.5678, "", Ok("1234.5678")),
        (1234.5678, ".2f", Ok("1234.57")),
        (1234.5678, ">8.2f", Ok(" 1234.57")),
        (1234.5678, "08.3f", Ok("1234.568")),
        (1234.5678, ",.2f", Ok("1,234.57")),
        (1234.5678, ".1%", Ok("123456.8%")),
        (1234.5678, "e", Ok("1.234568e+03")),
        (1234.5678, "g", Ok("1234.57")),
        (1234.5678, ".3g", Ok("1.23e+03")),
        (1234.5678, ".0f", Ok("1235")),
        (1234.5678, "+.1e", Ok("+1.2e+03")),
        (1234.5678, " g", Ok(" 1234.57")),
        (1234.5678, "^12", Ok(" 1234.5678  ")),
        (1234.5678, "<10.4", Ok("1.235e+03 ")),
        (1234.5678, "z.1f", Ok("1234.6")),
        (1234.5678, "#g", Ok("1234.57")),
        (1234.5678, ",", Ok("1,234.5678")),
        (1234.5678, ".3", Ok("1.23e+03")),
        (1234.5678, "=+12,.1f", Ok("+    1,234.6")),
        (1234.5678, "*^15.3e", Ok("***1.235e+03***")),
        (1234.5678, ".17g", Ok("1234.5678")),
        (1234.5678, "E", Ok("1.234568E+03")),
        (-1234.5678, "", Ok("-1234.5678")),
        (-1234.5678, ".2f", Ok("-1234.57")),
        (-1234.5678, ">8.2f", Ok("-1234.57")),
        (-1234.5678, "08.3f", Ok("-1234.568")),
        (-1234.5678, ",.2f", Ok("-1,234.57")),
        (-1234.5678, ".1%", Ok("-123456.8%")),
        (-1234.5678, "e", Ok("-1.234568e+03")),
        (-1234.5678, "g", Ok("-1234.57")),
        (-1234.5678, ".3g", Ok("-1.23e+03")),
        (-1234.5678, ".0f", Ok("-1235")),
        (-1234.5678, "+.1e", Ok("-1.2e+03")),
        (-1234.5678, " g", Ok("-1234.57")),
        (-1234.5678, "^12", Ok(" -1234.5678 ")),
        (-1234.5678, "<10.4", Ok("-1.235e+03")),
        (-1234.5678, "z.1f", Ok("-1234.6")),
        (-1234.5678, "#g", Ok("-1234.57")),
        (-1234.5678, ",", Ok("-1,234.5678")),
        (-1234.5678, ".3", Ok("-1.23e+03")),
        (-1234.5678, "=+12,.1f", Ok("-    1,234.6")),
        (-1234.5678, "*^15.3e", Ok("**-1.235e+03***")),
        (-1234.5678, ".17g", Ok("-1234.5678")),
        (-1234.5678, "E", Ok("-1.234568E+03")),
        (1e+16, "", Ok("1e+16")),
        (1e+16, ".2f", Ok("10000000000000000.00")),
        (1e+16, ">8.2f", Ok("10000000000000000.00")),
        (1e+16, "08.3f", Ok("10000000000000000.000")),
        (1e+16, ",.2f", Ok("10,000,000,000,000,000.00")),
        (1e+16, ".1%", Ok("1000000000000000000.0%")),
        (1e+16, "e", Ok("1.000000e+16")),
        (1e+16, "g", Ok("1e+16")),
        (1e+16, ".3g", Ok("1e+16")),
        (1e+16, ".0f", Ok("10000000000000000")),
        (1e+16, "+.1e", Ok("+1.0e+16")),
        (1e+16, " g", Ok(" 1e+16")),
        (1e+16, "^12", Ok("   1e+16    ")),
        (1e+16, "<10.4", Ok("1e+16     ")),
        (1e+16, "z.1f", Ok("10000000000000000.0")),
        (1e+16, "#g", Ok("1.00000e+16")),
        (1e+16, ",", Ok("1e+16")),
        (1e+16, ".3", Ok("1e+16")),
        (1e+16, "=+12,.1f", Ok("+10,000,000,000,000,000.0")),
        (1e+16, "*^15.3e", Ok("***1.000e+16***")),
        (1e+16, ".17g", Ok("10000000000000000")),
        (1e+16, "E", Ok("1.000000E+16")),
        (1e-05, "", Ok("1e-05")),
        (1e-05, ".2f", Ok("0.00")),
        (1e-05, ">8.2f", Ok("    0.00")),
        (1e-05, "08.3f", Ok("0000.000")),
        (1e-05, ",.2f", Ok("0.00")),
        (1e-05, ".1%", Ok("0.0%")),
        (1e-05, "e", Ok("1.000000e-05")),
        (1e-05, "g", Ok("1e-05")),
        (1e-05, ".3g", Ok("1e-05")),
        (1e-05, ".0f", Ok("0")),
        (1e-05, "+.1e", Ok("+1.0e-05")),
        (1e-05, " g", Ok(" 1e-05")),
        (1e-05, "^12", Ok("   1e-05    ")),
        (1e-05, "<10.4", Ok("1e-05     ")),
        (1e-05, "z.1f", Ok("0.0")),
        (1e-05, "#g", Ok("1.00000e-05")),
        (1e-05, ",", Ok("1e-05")),
        (1e-05, ".3", Ok("1e-05")),
        (1e-05, "=+12,.1f", Ok("+        0.0")),
        (1e-05, "*^15.3e", Ok("***1.000e-05***")),
        (1e-05, ".17g", Ok("1.0000000000000001e-05")),
        (1e-05, "E", Ok("1.000000E-05")),
        (123456789.125, "", Ok("123456789.125")),
        (123456789.125, ".2f", Ok("123456789.12")),
        (123456789.125, ">8.2f", Ok("123456789.12")),
        (123456789.125, "08.3f", Ok("123456789.125")),
        (123456789.125, ",.2f", Ok("123,456,789.12")),
        (123456789.125, ".1%", Ok("12345678912.5%")),
        (123456789.125, "e", Ok("1.234568e+08")),
        (123456789.125, "g", Ok("1.23457e+08")),
        (123456789.125, ".3g", Ok("1.23e+08")),
        (123456789.125, ".0f", Ok("123456789")),
        (123456789.125, "+.1e", Ok("+1.2e+08")),
        (123456789.125, " g", Ok(" 1.23457e+08")),
        (123456789.125, "^12", Ok("123456789.125")),
        (123456789.125, "<10.4", Ok("1.235e+08 ")),
        (123456789.125, "z.1f", Ok("123456789.1")),
        (123456789.125, "#g", Ok("1.23457e+08")),
        (123456789.125, ",", Ok("123,456,789.125")),
        (123456789.125, ".3", Ok("1.23e+08")),
        (123456789.125, "=+12,.1f", Ok("+123,456,789.1")),
        (123456789.125, "*^15.3e", Ok("***1.235e+08***")),
        (123456789.125, ".17g", Ok("123456789.125")),
        (123456789.125, "E", Ok("1.234568E+08")),
        (1e+22, "", Ok("1e+22")),
        (1e+22, ".2f", Ok("10000000000000000000000.00")),
        (1e+22, ">8.2f", Ok("10000000000000000000000.00")),
        (1e+22, "08.3f", Ok("10000000000000000000000.000")),
        (1e+22, ",.2f", Ok("10,000,000,000,000,000,000,000.00")),
        (1e+22, ".1%", Ok("999999999999999983222784.0%")),
        (1e+22, "e", Ok("1.000000e+22")),
        (1e+22, "g", Ok("1e+22")),
        (1e+22, ".3g", Ok("1e+22")),
        (1e+22, ".0f", Ok("10000000000000000000000")),
        (1e+22, "+.1e", Ok("+1.0e+22")),
        (1e+22, " g", Ok(" 1e+22")),
        (1e+22, "^12", Ok("   1e+22    ")),
        (1e+22, "<10.4", Ok("1e+22     ")),
        (1e+22, "z.1f", Ok("10000000000000000000000.0")),
        (1e+22, "#g", Ok("1.00000e+22")),
        (1e+22, ",", Ok("1e+22")),
        (1e+22, ".3", Ok("1e+22")),
        (1e+22, "=+12,.1f", Ok("+10,000,000,000,000,000,000,000.0")),
        (1e+22, "*^15.3e", Ok("***1.000e+22***")),
        (1e+22, ".17g", Ok("1e+22")),
        (1e+22, "E", Ok("1.000000E+22")),
        (1.5e+30, "", Ok("1.5e+30")),
        (1.5e+30, ".2f", Ok("1499999999999999889089448902656.00")),
        (1.5e+30, ">8.2f", Ok("1499999999999999889089448902656.00")),
        (1.5e+30, "08.3f", Ok("1499999999999999889089448902656.000")),
        (1.5e+30, ",.2f", Ok("1,499,999,999,999,999,889,089,448,902,656.00")),
        (1.5e+30, ".1%", Ok("149999999999999981027645542367232.0%")),
        (1.5e+30, "e", Ok("1.500000e+30")),
        (1.5e+30, "g", Ok("1.5e+30")),
        (1.5e+30, ".3g", Ok("1.5e+30")),
        (1.5e+30, ".0f", Ok("1499999999999999889089448902656")),
        (1.5e+30, "+.1e", Ok("+1.5e+30")),
        (1.5e+30, " g", Ok(" 1.5e+30")),
        (1.5e+30, "^12", Ok("  1.5e+30   ")),
        (1.5e+30, "<10.4", Ok("1.5e+30   ")),
        (1.5e+30, "z.1f", Ok("1499999999999999889089448902656.0")),
        (1.5e+30, "#g", Ok("1.50000e+30")),
        (1.5e+30, ",", Ok("1.5e+30")),
        (1.5e+30, ".3", Ok("1.5e+30")),
        (1.5e+30, "=+12,.1f", Ok("+1,499,999,999,999,999,889,089,448,902,656.0")),
        (1.5e+30, "*^15.3e", Ok("***1.500e+30***")),
        (1.5e+30, ".17g", Ok("1.4999999999999999e+30")),
        (1.5e+30, "E", Ok("1.500000E+30")),
        (5e-324, "", Ok("5e-324")),
        (5e-324, ".2f", Ok("0.00")),
        (5e-324, ">8.2f", Ok("    0.00")),
        (5e-324, "08.3f", Ok("0000.000")),
        (5e-324, ",.2f", Ok("0.00")),
        (5e-324, ".1%", Ok("0.0%")),
        (5e-324, "e", Ok("4.940656e-324")),
        (5e-324, "g", Ok("4.94066e-324")),
        (5e-324, ".3g", Ok("4.94e-324")),
        (5e-324, ".0f", Ok("0")),
        (5e-324, "+.1e", Ok("+4.9e-324")),
        (5e-324, " g", Ok(" 4.94066e-324")),
        (5e-324, "^12", Ok("   5e-324   ")),
        (5e-324, "<10.4", Ok("4.941e-324")),
        (5e-324, "z.1f", Ok("0.0")),
        (5e-324, "#g", Ok("4.94066e-324")),
        (5e-324, ",", Ok("5e-324")),
        (5e-324, ".3", Ok("4.94e-324")),
        (5e-324, "=+12,.1f", Ok("+        0.0")),
        (5e-324, "*^15.3e", Ok("**4.941e-324***")),
        (5e-324, ".17g", Ok("4.9406564584124654e-324")),
        (5e-324, "E", Ok("4.940656E-324")),
        (f64::INFINITY, "", Ok("inf")),
        (f64::INFINITY, ".2f", Ok("inf")),
        (f64::INFINITY, ">8.2f", Ok("     inf")),
        (f64::INFINITY, "08.3f", Ok("00000inf")),
        (f64::INFINITY, ",.2f", Ok("inf")),
        (f64::INFINITY, ".1%", Ok("inf%")),
        (f64::INFINITY, "e", Ok("inf")),
        (f64::INFINITY, "g", Ok("inf")),
        (f64::INFINITY, ".3g", Ok("inf")),
        (f64::INFINITY, ".0f", Ok("inf")),
        (f64::INFINITY, "+.1e", Ok("+inf")),
        (f64::INFINITY, " g", Ok(" inf")),
        (f64::INFINITY, "^12", Ok("    inf     ")),
        (f64::INFINITY, "<10.4", Ok("inf       ")),
        (f64::INFINITY, "z.1f", Ok("inf")),
        (f64::INFINITY, "#g", Ok("inf")),
        (f64::INFINITY, ",", Ok("inf")),
        (f64::INFINITY, ".3", Ok("inf")),
        (f64::INFINITY, "=+12,.1f", Ok("+        inf")),
        (f64::INFINITY, "*^15.3e", Ok("******inf******")),
        (f64::INFINITY, ".17g", Ok("inf")),
        (f64::INFINITY, "E", Ok("INF")),
        (-f64::INFINITY, "", Ok("-inf")),
        (-f64::INFINITY, ".2f", Ok("-inf")),
        (-f64::INFINITY, ">8.2f", Ok("    -inf")),
        (-f64::INFINITY, "08.3f", Ok("-0000inf")),
        (-f64::INFINITY, ",.2f", Ok("-inf")),
        (-f64::INFINITY, ".1%", Ok("-inf%")),
        (-f64::INFINITY, "e", Ok("-inf")),
        (-f64::INFINITY, "g", Ok("-inf")),
        (-f64::INFINITY, ".3g", Ok("-inf")),
        (-f64::INFINITY, ".0f", Ok("-inf")),
        (-f64::INFINITY, "+.1e", Ok("-inf")),
        (-f64::INFINITY, " g", Ok("-inf")),
        (-f64::INFINITY, "^12", Ok("    -inf    ")),
        (-f64::INFINITY, "<10.4", Ok("-inf      ")),
        (-f64::INFINITY, "z.1f", Ok("-inf")),
        (-f64::INFINITY, "#g", Ok("-inf")),
        (-f64::INFINITY, ",", Ok("-inf")),
        (-f64::INFINITY, ".3", Ok("-inf")),
        (-f64::INFINITY, "=+12,.1f", Ok("-        inf")),
        (-f64::INFINITY, "*^15.3e", Ok("*****-inf******")),
        (-f64::INFINITY, ".17g", Ok("-inf")),
        (-f64::INFINITY, "E", Ok("-INF")),
        (f64::NAN, "", Ok("nan")),
        (f64::NAN, ".2f", Ok("nan")),
        (f64::NAN, ">8.2f", Ok("     nan")),
        (f64::NAN, "08.3f", Ok("00000nan")),
        (f64::NAN, ",.2f", Ok("nan")),
        (f64::NAN, ".1%", Ok("nan%")),
        (f64::NAN, "e", Ok("nan")),
        (f64::NAN, "g", Ok("nan")),
        (f64::NAN, ".3g", Ok("nan")),
        (f64::NAN, ".0f", Ok("nan")),
        (f64::NAN, "+.1e", Ok("+nan")),
        (f64::NAN, " g", Ok(" nan")),
        (f64::NAN, "^12", Ok("    nan     ")),
        (f64::NAN, "<10.4", Ok("nan       ")),
        (f64::NAN, "z.1f", Ok("nan")),
        (f64::NAN, "#g", Ok("nan")),
        (f64::NAN, ",", Ok("nan")),
        (f64::NAN, ".3", Ok("nan")),
        (f64::NAN, "=+12,.1f", Ok("+        nan")),
        (f64::NAN, "*^15.3e", Ok("******nan******")),
        (f64::NAN, ".17g", Ok("nan")),
        (f64::NAN, "E", Ok("NAN")),
        (0.000123456, "", Ok("0.000123456")),
        (0.000123456, ".2f", Ok("0.00")),
        (0.000123456, ">8.2f", Ok("    0.00")),
        (0.000123456, "08.3f", Ok("0000.000")),
        (0.000123456, ",.2f", Ok("0.00")),
        (0.000123456, ".1%", Ok("0.0%")),
        (0.000123456, "e", Ok("1.234560e-04")),
        (0.000123456, "g", Ok("0.000123456")),
        (0.000123456, ".3g", Ok("0.000123")),
        (0.000123456, ".0f", Ok("0")),
        (0.000123456, "+.1e", Ok("+1.2e-04")),
        (0.000123456, " g", Ok(" 0.000123456")),
        (0.000123456, "^12", Ok("0.000123456 ")),
        (0.000123456, "<10.4", Ok("0.0001235 ")),
        (0.000123456, "z.1f", Ok("0.0")),
        (0.000123456, "#g", Ok("0.000123456")),
        (0.000123456, ",", Ok("0.000123456")),
        (0.000123456, ".3", Ok("0.000123")),
        (0.000123456, "=+12,.1f", Ok("+        0.0")),
        (0.000123456, "*^15.3e", Ok("***1.235e-04***")),
        (0.000123456, ".17g", Ok("0.00012345600000000001")),
        (0.000123456, "E", Ok("1.234560E-04")),
        (0.3333333333333333, "", Ok("0.3333333333333333")),
        (0.3333333333333333, ".2f", Ok("0.33")),
        (0.3333333333333333, ">8.2f", Ok("    0.33")),
        (0.3333333333333333, "08.3f", Ok("0000.333")),
        (0.3333333333333333, ",.2f", Ok("0.33")),
        (0.3333333333333333, ".1%", Ok("33.3%")),
        (0.3333333333333333, "e", Ok("3.333333e-01")),
        (0.3333333333333333, "g", Ok("0.333333")),
        (0.3333333333333333, ".3g", Ok("0.333")),
        (0.3333333333333333, ".0f", Ok("0")),
        (0.3333333333333333, "+.1e", Ok("+3.3e-01")),
        (0.3333333333333333, " g", Ok(" 0.333333")),
        (0.3333333333333333, "^12", Ok("0.3333333333333333")),
        (0.3333333333333333, "<10.4", Ok("0.3333    ")),
        (0.3333333333333333, "z.1f", Ok("0.3")),
        (0.3333333333333333, "#g", Ok("0.333333")),
        (0.3333333333333333, ",", Ok("0.3333333333333333")),
        (0.3333333333333333, ".3", Ok("0.333")),
        (0.3333333333333333, "=+12,.1f", Ok("+        0.3")),
        (0.3333333333333333, "*^15.3e", Ok("***3.333e-01***")),
        (0.3333333333333333, ".17g", Ok("0.33333333333333331")),
        (0.3333333333333333, "E", Ok("3.333333E-01")),
        (1.2345678901234567e+19, "", Ok("1.2345678901234567e+19")),
        (1.2345678901234567e+19, ".2f", Ok("12345678901234567168.00")),
        (1.2345678901234567e+19, ">8.2f", Ok("12345678901234567168.00")),
        (1.2345678901234567e+19, "08.3f", Ok("12345678901234567168.000")),
        (1.2345678901234567e+19, ",.2f", Ok("12,345,678,901,234,567,168.00")),
        (1.2345678901234567e+19, ".1%", Ok("1234567890123456774144.0%")),
        (1.2345678901234567e+19, "e", Ok("1.234568e+19")),
        (1.2345678901234567e+19, "g", Ok("1.23457e+19")),
        (1.2345678901234567e+19, ".3g", Ok("1.23e+19")),
        (1.2345678901234567e+19, ".0f", Ok("12345678901234567168")),
        (1.2345678901234567e+19, "+.1e", Ok("+1.2e+19")),
        (1.2345678901234567e+19, " g", Ok(" 1.23457e+19")),
        (1.2345678901234567e+19, "^12", Ok("1.2345678901234567e+19")),
        (1.2345678901234567e+19, "<10.4", Ok("1.235e+19 ")),
        (1.2345678901234567e+19, "z.1f", Ok("12345678901234567168.0")),
        (1.2345678901234567e+19, "#g", Ok("1.23457e+19")),
        (1.2345678901234567e+19, ",", Ok("1.2345678901234567e+19")),
        (1.2345678901234567e+19, ".3", Ok("1.23e+19")),
        (1.2345678901234567e+19, "=+12,.1f", Ok("+12,345,678,901,234,567,168.0")),
        (1.2345678901234567e+19, "*^15.3e", Ok("***1.235e+19***")),
        (1.2345678901234567e+19, ".17g", Ok("1.2345678901234567e+19")),
        (1.2345678901234567e+19, "E", Ok("1.234568E+19")),
        (2.675, ".2f", Ok("2.67")),
        (0.125, ".2f", Ok("0.12")),
        (0.375, ".2f", Ok("0.38")),
        (1e+22, ".1f", Ok("10000000000000000000000.0")),
        (0.1, ".30f", Ok("0.100000000000000005551115123126")),
        (0.1, ".55f", Ok("0.1000000000000000055511151231257827021181583404541015625")),
        (1e-300, ".3e", Ok("1.000e-300")),
        (1.0, ".50e", Ok("1.00000000000000000000000000000000000000000000000000e+00")),
        (2.5, ".0f", Ok("2")),
        (3.5, ".0f", Ok("4")),
        (-0.5, ".0f", Ok("-0")),
        (-0.5, "z.0f", Ok("0")),
        (1e+16, "#", Ok("1.e+16")),
        (1.0, "#", Ok("1.0")),
        (123.0, ".3", Ok("1.23e+02")),
        (12.0, ".3", Ok("12.0")),
        (100.0, ".3", Ok("1e+02")),
        (1.0, "#.0g", Ok("1.")),
        (10.0, "#.1g", Ok("1.e+01")),
        (1.5, "#.0e", Ok("2.e+00")),
        (1.0, "#.0f", Ok("1.")),
        (0.0001, "#.3g", Ok("0.000100")),
        (1234567.0, ",", Ok("1,234,567.0")),
        (1234567.0, "_", Ok("1_234_567.0")),
        (1234567.891, "_.2f", Ok("1_234_567.89")),
        (1e+50, ",.2f", Ok("100,000,000,000,000,007,629,769,841,091,887,003,294,964,970,946,560.00")),
        (12345.678, "015,.2f", Ok("0,000,012,345.68")),
        (12345.678, "016,.2f", Ok("0,000,012,345.68")),
        (-12345.678, "016_.1f", Ok("-0_000_012_345.7")),
        (1.5e+300, ".3e", Ok("1.500e+300")),
        (f64::INFINITY, "010", Ok("0000000inf")),
        (f64::NAN, "+010", Ok("+000000nan")),
        (-f64::INFINITY, "z", Ok("-inf")),
        (f64::INFINITY, "F", Ok("INF")),
        (f64::NAN, "E", Ok("NAN")),
        (-f64::INFINITY, "=+8", Ok("-    inf")),
        (1e+16, ".3", Ok("1e+16")),
        (0.1, ".3", Ok("0.1")),
        (0.5, "%", Ok("50.000000%")),
        (0.123456, ".2%", Ok("12.35%")),
        (-0.1234, "+.1%", Ok("-12.3%")),
        (1e+20, ".2%", Ok("10000000000000000000000.00%")),
        (9.999, ".2f", Ok("10.00")),
        (9.995, ".2f", Ok("9.99")),
        (99.5, ".3g", Ok("99.5")),
        (999999.5, "g", Ok("1e+06")),
        (1e-05, "g", Ok("1e-05")),
        (0.0001, "g", Ok("0.0001")),
        (0.0001, "", Ok("0.0001")),
        (1000000000000000.0, "", Ok("1000000000000000.0")),
        (123456789012345.0, "", Ok("123456789012345.0")),
        (1e+16, ".16g", Ok("1e+16")),
        (1e+16, ".17g", Ok("10000000000000000")),
        (3.0, "x<7", Ok("3.0xxxx")),
        (3.0, "é^7.1f", Ok("éé3.0éé")),
        (3.0, "0<7", Ok("3.00000")),
        (3.0, "0>7", Ok("00003.0")),
        (3.0, "0=7", Ok("00003.0")),
        (-3.0, "07", Ok("-0003.0")),
        (-3.0, "<07", Ok("-3.0000")),
        (3.0, "d", Err("Unknown format code 'd' for object of type 'float'")),
        (3.0, "x", Err("Unknown format code 'x' for object of type 'float'")),
        (3.0, "s", Err("Unknown format code 's' for object of type 'float'")),
        (3.0, ",n", Err("Cannot specify ',' with 'n'.")),
        (3.0, "_n", Err("Cannot specify '_' with 'n'.")),
        (3.0, ",_f", Err("Cannot specify both ',' and '_'.")),
        (3.0, ".f", Err("Format specifier missing precision")),
        (3.0, "abc", Err("Invalid format specifier 'abc' for object of type 'float'")),
        (3.0, "10.2ff", Err("Invalid format specifier '10.2ff' for object of type 'float'")),
        (3.0, "99999999999999999999", Err("Too many decimal digits in format string")),
        (3.0, ".99999999999999999999f", Err("Too many decimal digits in format string")),
        (1.5, " ", Ok(" 1.5")),
        (1.5, "+", Ok("+1.5")),
        (1.5, "-", Ok("1.5")),
        (1.5, "z", Ok("1.5")),
        (-1e-10, "z.3e", Ok("-1.000e-10")),
        (-1e-10, "z", Ok("-1e-10")),
        (0.3, "#.0%", Ok("30.%")),
        (1.23456789e-07, ".3", Ok("1.23e-07")),
        (1.23456789e-07, "", Ok("1.23456789e-07")),
        (12.5, ".1f", Ok("12.5")),
        (0.05, ".1f", Ok("0.1")),
        (0.15, ".1f", Ok("0.1")),
        (0.25, ".1f", Ok("0.2")),
    ];

    const INT_FORMAT_MORE: &[(i64, &str, Result<&str, &str>)] = &[
        (1234, "010,", Ok("00,001,234")),
        (1234, "09,", Ok("0,001,234")),
        (5, "<05", Ok("50000")),
        (5, "^05", Ok("00500")),
        (-5, "05", Ok("-0005")),
        (-5, "+05", Ok("-0005")),
        (1234, "0=+10_", Ok("+0_001_234")),
        (255, "#X", Ok("0XFF")),
        (-255, "#x", Ok("-0xff")),
        (255, "#_b", Ok("0b1111_1111")),
        (1, ".2", Err("Precision not allowed in integer format specifier")),
        (1, "z", Err("Negative zero coercion (z) not allowed in integer format specifier")),
        (1, "zd", Err("Negative zero coercion (z) not allowed in integer format specifier")),
        (1, ",x", Err("Cannot specify ',' with 'x'.")),
        (1, "_n", Err("Cannot specify '_' with 'n'.")),
        (1, ",c", Err("Cannot specify ',' with 'c'.")),
        (1, ",_", Err("Cannot specify both ',' and '_'.")),
        (1, "_,", Err("Cannot specify both ',' and '_'.")),
        (1, ".", Err("Format specifier missing precision")),
        (1, "q", Err("Unknown format code 'q' for object of type 'int'")),
        (1, " <5 ", Err("Unknown format code '\\x20' for object of type 'int'")),
        (1, "5 ", Err("Unknown format code '\\x20' for object of type 'int'")),
        (1, "é", Err("Unknown format code '\\xe9' for object of type 'int'")),
        (1, "s", Err("Unknown format code 's' for object of type 'int'")),
        (1, "abc", Err("Invalid format specifier 'abc' for object of type 'int'")),
        (65, "+c", Err("Sign not allowed with integer format specifier 'c'")),
        (65, "#c", Err("Alternate form (#) not allowed with integer format specifier 'c'")),
        (65, ">5c", Ok("    A")),
        (65, "05c", Ok("0000A")),
        (233, "c", Ok("é")),
        (128512, "c", Ok("😀")),
        (1114112, "c", Err("%c arg not in range(0x110000)")),
        (1, "99999999999999999999", Err("Too many decimal digits in format string")),
        (7, "=", Ok("7")),
        (7, "0", Ok("7")),
        (7, "00", Ok("7")),
        (7, "#", Ok("7")),
        (7, "x=+#06x", Ok("+0xxx7")),
        (1099511627776, ",", Ok("1,099,511,627,776")),
        (-1099511627776, "_d", Ok("-1_099_511_627_776")),
        (1000000000000000000, "_o", Ok("6740_5553_1647_3100_0000")),
        (123, ",d", Ok("123")),
        (123, ".3e", Ok("1.230e+02")),
        (100000000000000000, "e", Ok("1.000000e+17")),
        (100000000000000000, ".0%", Ok("10000000000000000000%")),
        (3, "%", Ok("300.000000%")),
        (12345, ",.1f", Ok("12,345.0")),
        (12345, "15,.3g", Ok("       1.23e+04")),
    ];

    const INT_FORMAT: &[(i64, &str, Result<&str, &str>)] = &[
        (0, "", Ok("0")),
        (0, "d", Ok("0")),
        (0, ",", Ok("0")),
        (0, "_", Ok("0")),
        (0, "x", Ok("0")),
        (0, "#x", Ok("0x0")),
        (0, "_x", Ok("0")),
        (0, "#_X", Ok("0X0")),
        (0, "o", Ok("0")),
        (0, "#o", Ok("0o0")),
        (0, "b", Ok("0")),
        (0, "#010b", Ok("0b00000000")),
        (0, "08", Ok("00000000")),
        (0, "+", Ok("+0")),
        (0, " ", Ok(" 0")),
        (0, ">6", Ok("     0")),
        (0, "<6", Ok("0     ")),
        (0, "^7", Ok("   0   ")),
        (0, "=+8", Ok("+      0")),
        (0, "*^9,", Ok("****0****")),
        (0, "0=10,", Ok("00,000,000")),
        (0, "n", Ok("0")),
        (0, "e", Ok("0.000000e+00")),
        (0, ".2f", Ok("0.00")),
        (0, "%", Ok("0.000000%")),
        (0, "g", Ok("0")),
        (0, "c", Ok("\u{0}")),
        (-1, "", Ok("-1")),
        (-1, "d", Ok("-1")),
        (-1, ",", Ok("-1")),
        (-1, "_", Ok("-1")),
        (-1, "x", Ok("-1")),
        (-1, "#x", Ok("-0x1")),
        (-1, "_x", Ok("-1")),
        (-1, "#_X", Ok("-0X1")),
        (-1, "o", Ok("-1")),
        (-1, "#o", Ok("-0o1")),
        (-1, "b", Ok("-1")),
        (-1, "#010b", Ok("-0b0000001")),
        (-1, "08", Ok("-0000001")),
        (-1, "+", Ok("-1")),
        (-1, " ", Ok("-1")),
        (-1, ">6", Ok("    -1")),
        (-1, "<6", Ok("-1    ")),
        (-1, "^7", Ok("  -1   ")),
        (-1, "=+8", Ok("-      1")),
        (-1, "*^9,", Ok("***-1****")),
        (-1, "0=10,", Ok("-0,000,001")),
        (-1, "n", Ok("-1")),
        (-1, "e", Ok("-1.000000e+00")),
        (-1, ".2f", Ok("-1.00")),
        (-1, "%", Ok("-100.000000%")),
        (-1, "g", Ok("-1")),
        (-1, "c", Err("%c arg not in range(0x110000)")),
        (42, "", Ok("42")),
        (42, "d", Ok("42")),
        (42, ",", Ok("42")),
        (42, "_", Ok("42")),
        (42, "x", Ok("2a")),
        (42, "#x", Ok("0x2a")),
        (42, "_x", Ok("2a")),
        (42, "#_X", Ok("0X2A")),
        (42, "o", Ok("52")),
        (42, "#o", Ok("0o52")),
        (42, "b", Ok("101010")),
        (42, "#010b", Ok("0b00101010")),
        (42, "08", Ok("00000042")),
        (42, "+", Ok("+42")),
        (42, " ", Ok(" 42")),
        (42, ">6", Ok("    42")),
        (42, "<6", Ok("42    ")),
        (42, "^7", Ok("  42   ")),
        (42, "=+8", Ok("+     42")),
        (42, "*^9,", Ok("***42****")),
        (42, "0=10,", Ok("00,000,042")),
        (42, "n", Ok("42")),
        (42, "e", Ok("4.200000e+01")),
        (42, ".2f", Ok("42.00")),
        (42, "%", Ok("4200.000000%")),
        (42, "g", Ok("42")),
        (255, "", Ok("255")),
        (255, "d", Ok("255")),
        (255, ",", Ok("255")),
        (255, "_", Ok("255")),
        (255, "x", Ok("ff")),
        (255, "#x", Ok("0xff")),
        (255, "_x", Ok("ff")),
        (255, "#_X", Ok("0XFF")),
        (255, "o", Ok("377")),
        (255, "#o", Ok("0o377")),
        (255, "b", Ok("11111111")),
        (255, "#010b", Ok("0b11111111")),
        (255, "08", Ok("00000255")),
        (255, "+", Ok("+255")),
        (255, " ", Ok(" 255")),
        (255, ">6", Ok("   255")),
        (255, "<6", Ok("255   ")),
        (255, "^7", Ok("  255  ")),
        (255, "=+8", Ok("+    255")),
        (255, "*^9,", Ok("***255***")),
        (255, "0=10,", Ok("00,000,255")),
        (255, "n", Ok("255")),
        (255, "e", Ok("2.550000e+02")),
        (255, ".2f", Ok("255.00")),
        (255, "%", Ok("25500.000000%")),
        (255, "g", Ok("255")),
        (255, "c", Ok("ÿ")),
        (1234567, "", Ok("1234567")),
        (1234567, "d", Ok("1234567")),
        (1234567, ",", Ok("1,234,567")),
        (1234567, "_", Ok("1_234_567")),
        (1234567, "x", Ok("12d687")),
        (1234567, "#x", Ok("0x12d687")),
        (1234567, "_x", Ok("12_d687")),
        (1234567, "#_X", Ok("0X12_D687")),
        (1234567, "o", Ok("4553207")),
        (1234567, "#o", Ok("0o4553207")),
        (1234567, "b", Ok("100101101011010000111")),
        (1234567, "#010b", Ok("0b100101101011010000111")),
        (1234567, "08", Ok("01234567")),
        (1234567, "+", Ok("+1234567")),
        (1234567, " ", Ok(" 1234567")),
        (1234567, ">6", Ok("1234567")),
        (1234567, "<6", Ok("1234567")),
        (1234567, "^7", Ok("1234567")),
        (1234567, "=+8", Ok("+1234567")),
        (1234567, "*^9,", Ok("1,234,567")),
        (1234567, "0=10,", Ok("01,234,567")),
        (1234567, "n", Ok("1234567")),
        (1234567, "e", Ok("1.234567e+06")),
        (1234567, ".2f", Ok("1234567.00")),
        (1234567, "%", Ok("123456700.000000%")),
        (1234567, "g", Ok("1.23457e+06")),
        (1234567, "c", Err("%c arg not in range(0x110000)")),
        (-1234567, "", Ok("-1234567")),
        (-1234567, "d", Ok("-1234567")),
        (-1234567, ",", Ok("-1,234,567")),
        (-1234567, "_", Ok("-1_234_567")),
        (-1234567, "x", Ok("-12d687")),
        (-1234567, "#x", Ok("-0x12d687")),
        (-1234567, "_x", Ok("-12_d687")),
        (-1234567, "#_X", Ok("-0X12_D687")),
        (-1234567, "o", Ok("-4553207")),
        (-1234567, "#o", Ok("-0o4553207")),
        (-1234567, "b", Ok("-100101101011010000111")),
        (-1234567, "#010b", Ok("-0b100101101011010000111")),
        (-1234567, "08", Ok("-1234567")),
        (-1234567, "+", Ok("-1234567")),
        (-1234567, " ", Ok("-1234567")),
        (-1234567, ">6", Ok("-1234567")),
        (-1234567, "<6", Ok("-1234567")),
        (-1234567, "^7", Ok("-1234567")),
        (-1234567, "=+8", Ok("-1234567")),
        (-1234567, "*^9,", Ok("-1,234,567")),
        (-1234567, "0=10,", Ok("-1,234,567")),
        (-1234567, "n", Ok("-1234567")),
        (-1234567, "e", Ok("-1.234567e+06")),
        (-1234567, ".2f", Ok("-1234567.00")),
        (-1234567, "%", Ok("-123456700.000000%")),
        (-1234567, "g", Ok("-1.23457e+06")),
        (i64::MAX, "", Ok("9223372036854775807")),
        (i64::MAX, "d", Ok("9223372036854775807")),
        (i64::MAX, ",", Ok("9,223,372,036,854,775,807")),
        (i64::MAX, "_", Ok("9_223_372_036_854_775_807")),
        (i64::MAX, "x", Ok("7fffffffffffffff")),
        (i64::MAX, "#x", Ok("0x7fffffffffffffff")),
        (i64::MAX, "_x", Ok("7fff_ffff_ffff_ffff")),
        (i64::MAX, "#_X", Ok("0X7FFF_FFFF_FFFF_FFFF")),
        (i64::MAX, "o", Ok("777777777777777777777")),
        (i64::MAX, "#o", Ok("0o777777777777777777777")),
        (i64::MAX, "b", Ok("111111111111111111111111111111111111111111111111111111111111111")),
        (i64::MAX, "#010b", Ok("0b111111111111111111111111111111111111111111111111111111111111111")),
        (i64::MAX, "08", Ok("9223372036854775807")),
        (i64::MAX, "+", Ok("+9223372036854775807")),
        (i64::MAX, " ", Ok(" 9223372036854775807")),
        (i64::MAX, ">6", Ok("9223372036854775807")),
        (i64::MAX, "<6", Ok("9223372036854775807")),
        (i64::MAX, "^7", Ok("9223372036854775807")),
        (i64::MAX, "=+8", Ok("+9223372036854775807")),
        (i64::MAX, "*^9,", Ok("9,223,372,036,854,775,807")),
        (i64::MAX, "0=10,", Ok("9,223,372,036,854,775,807")),
        (i64::MAX, "n", Ok("9223372036854775807")),
        (i64::MAX, "e", Ok("9.223372e+18")),
        (i64::MAX, ".2f", Ok("9223372036854775808.00")),
        (i64::MAX, "%", Ok("922337203685477580800.000000%")),
        (i64::MAX, "g", Ok("9.22337e+18")),
        (i64::MIN, "", Ok("-9223372036854775808")),
        (i64::MIN, "d", Ok("-9223372036854775808")),
        (i64::MIN, ",", Ok("-9,223,372,036,854,775,808")),
        (i64::MIN, "_", Ok("-9_223_372_036_854_775_808")),
        (i64::MIN, "x", Ok("-8000000000000000")),
        (i64::MIN, "#x", Ok("-0x8000000000000000")),
        (i64::MIN, "_x", Ok("-8000_0000_0000_0000")),
        (i64::MIN, "#_X", Ok("-0X8000_0000_0000_0000")),
        (i64::MIN, "o", Ok("-1000000000000000000000")),
        (i64::MIN, "#o", Ok("-0o1000000000000000000000")),
        (i64::MIN, "b", Ok("-1000000000000000000000000000000000000000000000000000000000000000")),
        (i64::MIN, "#010b", Ok("-0b1000000000000000000000000000000000000000000000000000000000000000")),
        (i64::MIN, "08", Ok("-9223372036854775808")),
        (i64::MIN, "+", Ok("-9223372036854775808")),
        (i64::MIN, " ", Ok("-9223372036854775808")),
        (i64::MIN, ">6", Ok("-9223372036854775808")),
        (i64::MIN, "<6", Ok("-9223372036854775808")),
        (i64::MIN, "^7", Ok("-9223372036854775808")),
        (i64::MIN, "=+8", Ok("-9223372036854775808")),
        (i64::MIN, "*^9,", Ok("-9,223,372,036,854,775,808")),
        (i64::MIN, "0=10,", Ok("-9,223,372,036,854,775,808")),
        (i64::MIN, "n", Ok("-9223372036854775808")),
        (i64::MIN, "e", Ok("-9.223372e+18")),
        (i64::MIN, ".2f", Ok("-9223372036854775808.00")),
        (i64::MIN, "%", Ok("-922337203685477580800.000000%")),
        (i64::MIN, "g", Ok("-9.22337e+18")),
        (65, "", Ok("65")),
        (65, "d", Ok("65")),
        (65, ",", Ok("65")),
        (65, "_", Ok("65")),
        (65, "x", Ok("41")),
        (65, "#x", Ok("0x41")),
        (65, "_x", Ok("41")),
        (65, "#_X", Ok("0X41")),
        (65, "o", Ok("101")),
        (65, "#o", Ok("0o101")),
        (65, "b", Ok("1000001")),
        (65, "#010b", Ok("0b01000001")),
        (65, "08", Ok("00000065")),
        (65, "+", Ok("+65")),
        (65, " ", Ok(" 65")),
        (65, ">6", Ok("    65")),
        (65, "<6", Ok("65    ")),
        (65, "^7", Ok("  65   ")),
        (65, "=+8", Ok("+     65")),
        (65, "*^9,", Ok("***65****")),
        (65, "0=10,", Ok("00,000,065")),
        (65, "n", Ok("65")),
        (65, "e", Ok("6.500000e+01")),
        (65, ".2f", Ok("65.00")),
        (65, "%", Ok("6500.000000%")),
        (65, "g", Ok("65")),
        (65, "c", Ok("A")),
    ];

    const STR_FORMAT: &[(&str, &str, Result<&str, &str>)] = &[
        ("", "", Ok("")),
        ("", "10", Ok("          ")),
        ("", "<10", Ok("          ")),
        ("", ">10", Ok("          ")),
        ("", "^10", Ok("          ")),
        ("", "*^9", Ok("*********")),
        ("", ".2", Ok("")),
        ("", "8.3", Ok("        ")),
        ("", "s", Ok("")),
        ("", "-^7", Ok("-------")),
        ("", "é>6", Ok("éééééé")),
        ("", "0", Ok("")),
        ("", "05", Ok("00000")),
        ("", ".0", Ok("")),
        ("", "^1", Ok(" ")),
        ("abc", "", Ok("abc")),
        ("abc", "10", Ok("abc       ")),
        ("abc", "<10", Ok("abc       ")),
        ("abc", ">10", Ok("       abc")),
        ("abc", "^10", Ok("   abc    ")),
        ("abc", "*^9", Ok("***abc***")),
        ("abc", ".2", Ok("ab")),
        ("abc", "8.3", Ok("abc     ")),
        ("abc", "s", Ok("abc")),
        ("abc", "-^7", Ok("--abc--")),
        ("abc", "é>6", Ok("éééabc")),
        ("abc", "0", Ok("abc")),
        ("abc", "05", Ok("abc00")),
        ("abc", ".0", Ok("")),
        ("abc", "^1", Ok("abc")),
        ("héllo", "", Ok("héllo")),
        ("héllo", "10", Ok("héllo     ")),
        ("héllo", "<10", Ok("héllo     ")),
        ("héllo", ">10", Ok("     héllo")),
        ("héllo", "^10", Ok("  héllo   ")),
        ("héllo", "*^9", Ok("**héllo**")),
        ("héllo", ".2", Ok("hé")),
        ("héllo", "8.3", Ok("hél     ")),
        ("héllo", "s", Ok("héllo")),
        ("héllo", "-^7", Ok("-héllo-")),
        ("héllo", "é>6", Ok("éhéllo")),
        ("héllo", "0", Ok("héllo")),
        ("héllo", "05", Ok("héllo")),
        ("héllo", ".0", Ok("")),
        ("héllo", "^1", Ok("héllo")),
        ("中文", "", Ok("中文")),
        ("中文", "10", Ok("中文        ")),
        ("中文", "<10", Ok("中文        ")),
        ("中文", ">10", Ok("        中文")),
        ("中文", "^10", Ok("    中文    ")),
        ("中文", "*^9", Ok("***中文****")),
        ("中文", ".2", Ok("中文")),
        ("中文", "8.3", Ok("中文      ")),
        ("中文", "s", Ok("中文")),
        ("中文", "-^7", Ok("--中文---")),
        ("中文", "é>6", Ok("éééé中文")),
        ("中文", "0", Ok("中文")),
        ("中文", "05", Ok("中文000")),
        ("中文", ".0", Ok("")),
        ("中文", "^1", Ok("中文")),
        ("😀x", "", Ok("😀x")),
        ("😀x", "10", Ok("😀x        ")),
        ("😀x", "<10", Ok("😀x        ")),
        ("😀x", ">10", Ok("        😀x")),
        ("😀x", "^10", Ok("    😀x    ")),
        ("😀x", "*^9", Ok("***😀x****")),
        ("😀x", ".2", Ok("😀x")),
        ("😀x", "8.3", Ok("😀x      ")),
        ("😀x", "s", Ok("😀x")),
        ("😀x", "-^7", Ok("--😀x---")),
        ("😀x", "é>6", Ok("éééé😀x")),
        ("😀x", "0", Ok("😀x")),
        ("😀x", "05", Ok("😀x000")),
        ("😀x", ".0", Ok("")),
        ("😀x", "^1", Ok("😀x")),
        ("a", "+", Err("Sign not allowed in string format specifier")),
        ("a", " ", Err("Space not allowed in string format specifier")),
        ("a", "-", Err("Sign not allowed in string format specifier")),
        ("a", "z", Err("Negative zero coercion (z) not allowed in string format specifier")),
        ("a", "#", Err("Alternate form (#) not allowed in string format specifier")),
        ("a", "=", Err("'=' alignment not allowed in string format specifier")),
        ("a", "=5", Err("'=' alignment not allowed in string format specifier")),
        ("a", "d", Err("Unknown format code 'd' for object of type 'str'")),
        ("a", ",", Err("Cannot specify ',' with 's'.")),
        ("a", "_", Err("Cannot specify '_' with 's'.")),
        ("a", "abc", Err("Invalid format specifier 'abc' for object of type 'str'")),
        ("a", ".", Err("Format specifier missing precision")),
        ("a", ".1x", Err("Unknown format code 'x' for object of type 'str'")),
        ("a", ">+5", Err("Sign not allowed in string format specifier")),
        ("a", "99999999999999999999", Err("Too many decimal digits in format string")),
        ("a", "\u{0}<3", Ok("a\u{0}\u{0}")),
    ];

    const FLOAT_REPR: &[(f64, &str)] = &[
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (1.0, "1.0"),
        (-1.0, "-1.0"),
        (0.1, "0.1"),
        (0.30000000000000004, "0.30000000000000004"),
        (1e+16, "1e+16"),
        (1e-05, "1e-05"),
        (0.0001, "0.0001"),
        (123456789012345.0, "123456789012345.0"),
        (1234567890123456.0, "1234567890123456.0"),
        (1.2345678901234568e+16, "1.2345678901234568e+16"),
        (1.5e+300, "1.5e+300"),
        (-1.5e-300, "-1.5e-300"),
        (5e-324, "5e-324"),
        (1.7976931348623157e+308, "1.7976931348623157e+308"),
        (f64::INFINITY, "inf"),
        (-f64::INFINITY, "-inf"),
        (f64::NAN, "nan"),
        (2.000000000000001e+16, "2.000000000000001e+16"),
        (0.3333333333333333, "0.3333333333333333"),
        (100.0, "100.0"),
        (1000000000000000.0, "1000000000000000.0"),
        (1e+16, "1e+16"),
        (695493079580866.2, "695493079580866.2"),
        (0.5, "0.5"),
        (1e+23, "1e+23"),
        (1.1805916207174113e+21, "1.1805916207174113e+21"),
        (123.456, "123.456"),
        (9.900000000000001e-05, "9.900000000000001e-05"),
    ];

    const STR_REPR: &[(&str, &str)] = &[
        ("", "''"),
        ("abc", "'abc'"),
        ("it's", "\"it's\""),
        ("say \"hi\"", "'say \"hi\"'"),
        ("'\"", "'\\'\"'"),
        ("a\\b", "'a\\\\b'"),
        ("tab\there", "'tab\\there'"),
        ("nl\n", "'nl\\n'"),
        ("cr\r", "'cr\\r'"),
        ("\u{0}", "'\\x00'"),
        ("\u{7}", "'\\x07'"),
        ("\u{1b}[0m", "'\\x1b[0m'"),
        ("\u{7f}", "'\\x7f'"),
        ("\u{80}", "'\\x80'"),
        ("\u{9f}", "'\\x9f'"),
        ("\u{a0}", "'\\xa0'"),
        ("¡", "'¡'"),
        ("\u{ad}", "'\\xad'"),
        ("é", "'é'"),
        ("ÿ", "'ÿ'"),
        ("中文", "'中文'"),
        ("😀", "'😀'"),
        ("\u{301}", "'\u{301}'"),
        ("e\u{301}", "'e\u{301}'"),
        ("\u{2028}", "'\\u2028'"),
        ("\u{2029}", "'\\u2029'"),
        ("\u{200b}", "'\\u200b'"),
        ("\u{feff}", "'\\ufeff'"),
        ("\u{3000}", "'\\u3000'"),
        ("\u{1680}", "'\\u1680'"),
        ("\u{e000}", "'\\ue000'"),
        ("\u{f0000}", "'\\U000f0000'"),
        ("\u{10ffff}", "'\\U0010ffff'"),
        ("\u{fffe}", "'\\ufffe'"),
        ("𝄞", "'𝄞'"),
        ("\u{378}", "'\\u0378'"),
        (" ", "' '"),
        ("\u{1c}", "'\\x1c'"),
        ("µ", "'µ'"),
        (
            "\u{0}\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{7}\u{8}\t\n\u{b}\u{c}\r\u{e}\u{f}",
            "'\\x00\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\\t\\n\\x0b\\x0c\\r\\x0e\\x0f'",
        ),
        (
            "\u{10}\u{11}\u{12}\u{13}\u{14}\u{15}\u{16}\u{17}\u{18}\u{19}\u{1a}\u{1b}\u{1c}\u{1d}\u{1e}\u{1f}",
            "'\\x10\\x11\\x12\\x13\\x14\\x15\\x16\\x17\\x18\\x19\\x1a\\x1b\\x1c\\x1d\\x1e\\x1f'",
        ),
        (" !\"#$%&'()*+,-./", "' !\"#$%&\\'()*+,-./'"),
        ("0123456789:;<=>?", "'0123456789:;<=>?'"),
        ("@ABCDEFGHIJKLMNO", "'@ABCDEFGHIJKLMNO'"),
        ("PQRSTUVWXYZ[\\]^_", "'PQRSTUVWXYZ[\\\\]^_'"),
        ("`abcdefghijklmno", "'`abcdefghijklmno'"),
        ("pqrstuvwxyz{|}~\u{7f}", "'pqrstuvwxyz{|}~\\x7f'"),
        (
            "\u{80}\u{81}\u{82}\u{83}\u{84}\u{85}\u{86}\u{87}\u{88}\u{89}\u{8a}\u{8b}\u{8c}\u{8d}\u{8e}\u{8f}",
            "'\\x80\\x81\\x82\\x83\\x84\\x85\\x86\\x87\\x88\\x89\\x8a\\x8b\\x8c\\x8d\\x8e\\x8f'",
        ),
        (
            "\u{90}\u{91}\u{92}\u{93}\u{94}\u{95}\u{96}\u{97}\u{98}\u{99}\u{9a}\u{9b}\u{9c}\u{9d}\u{9e}\u{9f}",
            "'\\x90\\x91\\x92\\x93\\x94\\x95\\x96\\x97\\x98\\x99\\x9a\\x9b\\x9c\\x9d\\x9e\\x9f'",
        ),
        ("\u{a0}¡¢£¤¥¦§¨©ª«¬\u{ad}®¯", "'\\xa0¡¢£¤¥¦§¨©ª«¬\\xad®¯'"),
        ("°±²³´µ¶·¸¹º»¼½¾¿", "'°±²³´µ¶·¸¹º»¼½¾¿'"),
        ("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏ", "'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏ'"),
        ("ÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß", "'ÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß'"),
        ("àáâãäåæçèéêëìíîï", "'àáâãäåæçèéêëìíîï'"),
        ("ðñòóôõö÷øùúûüýþÿ", "'ðñòóôõö÷øùúûüýþÿ'"),
    ];

    const BYTES_REPR: &[(&[u8], &str)] = &[
        (b"", "b''"),
        (b"abc", "b'abc'"),
        (b"it's", "b\"it's\""),
        (b"say \"hi\"", "b'say \"hi\"'"),
        (b"'\"", "b'\\'\"'"),
        (b"a\\b", "b'a\\\\b'"),
        (b"\x09\x0a\x0d", "b'\\t\\n\\r'"),
        (
            b"\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f",
            "b'\\x00\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\\t\\n\\x0b\\x0c\\r\\x0e\\x0f'",
        ),
        (
            b"\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f",
            "b'\\x10\\x11\\x12\\x13\\x14\\x15\\x16\\x17\\x18\\x19\\x1a\\x1b\\x1c\\x1d\\x1e\\x1f'",
        ),
        (b" !\"#$%&'()*+,-./", "b' !\"#$%&\\'()*+,-./'"),
        (b"0123456789:;<=>?", "b'0123456789:;<=>?'"),
        (b"@ABCDEFGHIJKLMNO", "b'@ABCDEFGHIJKLMNO'"),
        (b"PQRSTUVWXYZ[\\]^_", "b'PQRSTUVWXYZ[\\\\]^_'"),
        (b"`abcdefghijklmno", "b'`abcdefghijklmno'"),
        (b"pqrstuvwxyz{|}~\x7f", "b'pqrstuvwxyz{|}~\\x7f'"),
        (
            b"\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f",
            "b'\\x80\\x81\\x82\\x83\\x84\\x85\\x86\\x87\\x88\\x89\\x8a\\x8b\\x8c\\x8d\\x8e\\x8f'",
        ),
        (
            b"\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f",
            "b'\\x90\\x91\\x92\\x93\\x94\\x95\\x96\\x97\\x98\\x99\\x9a\\x9b\\x9c\\x9d\\x9e\\x9f'",
        ),
        (
            b"\xa0\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9\xaa\xab\xac\xad\xae\xaf",
            "b'\\xa0\\xa1\\xa2\\xa3\\xa4\\xa5\\xa6\\xa7\\xa8\\xa9\\xaa\\xab\\xac\\xad\\xae\\xaf'",
        ),
        (
            b"\xb0\xb1\xb2\xb3\xb4\xb5\xb6\xb7\xb8\xb9\xba\xbb\xbc\xbd\xbe\xbf",
            "b'\\xb0\\xb1\\xb2\\xb3\\xb4\\xb5\\xb6\\xb7\\xb8\\xb9\\xba\\xbb\\xbc\\xbd\\xbe\\xbf'",
        ),
        (
            b"\xc0\xc1\xc2\xc3\xc4\xc5\xc6\xc7\xc8\xc9\xca\xcb\xcc\xcd\xce\xcf",
            "b'\\xc0\\xc1\\xc2\\xc3\\xc4\\xc5\\xc6\\xc7\\xc8\\xc9\\xca\\xcb\\xcc\\xcd\\xce\\xcf'",
        ),
        (
            b"\xd0\xd1\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xd9\xda\xdb\xdc\xdd\xde\xdf",
            "b'\\xd0\\xd1\\xd2\\xd3\\xd4\\xd5\\xd6\\xd7\\xd8\\xd9\\xda\\xdb\\xdc\\xdd\\xde\\xdf'",
        ),
        (
            b"\xe0\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xeb\xec\xed\xee\xef",
            "b'\\xe0\\xe1\\xe2\\xe3\\xe4\\xe5\\xe6\\xe7\\xe8\\xe9\\xea\\xeb\\xec\\xed\\xee\\xef'",
        ),
        (
            b"\xf0\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe\xff",
            "b'\\xf0\\xf1\\xf2\\xf3\\xf4\\xf5\\xf6\\xf7\\xf8\\xf9\\xfa\\xfb\\xfc\\xfd\\xfe\\xff'",
        ),
    ];

    const ROUND: &[(f64, i64, f64)] = &[
        (2.675, 2, 2.67),
        (0.125, 2, 0.12),
        (0.375, 2, 0.38),
        (1234.5, -1, 1230.0),
        (1235.0, -1, 1240.0),
        (1245.0, -1, 1240.0),
        (1250.0, -2, 1200.0),
        (1350.0, -2, 1400.0),
        (1349.96, -2, 1300.0),
        (-1234.5, -1, -1230.0),
        (-4.0, -1, -0.0),
        (0.5, 0, 0.0),
        (1.5, 0, 2.0),
        (2.5, 0, 2.0),
        (-0.4, 0, -0.0),
        (-2.5, 0, -2.0),
        (1e+300, -300, 1e+300),
        (1.5e+300, -300, 2e+300),
        (2.5e+300, -300, 3e+300),
        (12345.6789, 1, 12345.7),
        (12345.6789, 3, 12345.679),
        (0.1, 20, 0.1),
        (5e-324, 323, 0.0),
        (5e-324, 324, 5e-324),
        (1.0, 400, 1.0),
        (123.0, -400, 0.0),
        (-123.0, -400, -0.0),
        (123.0, -3, 0.0),
        (678.0, -3, 1000.0),
        (500.0, -3, 0.0),
        (500.1, -3, 1000.0),
        (1e+22, -21, 1e+22),
        (f64::INFINITY, 2, f64::INFINITY),
        (-f64::INFINITY, -2, -f64::INFINITY),
        (f64::NAN, 1, f64::NAN),
        (9.995, 2, 9.99),
        (0.285, 2, 0.28),
        (1.005, 2, 1.0),
        (4.611686018427388e+18, -5, 4.6116860184274e+18),
        (1.0000000000000005e+20, -5, 1e+20),
        (5e+19, -20, 0.0),
        (5.0000000001e+19, -20, 1e+20),
        (1.7976931348623157e+308, -307, f64::INFINITY),
        (-0.0, 2, -0.0),
    ];

    const ROUND_HALF_EVEN: &[(f64, f64)] = &[
        (0.5, 0.0),
        (1.5, 2.0),
        (2.5, 2.0),
        (-0.5, 0.0),
        (-1.5, -2.0),
        (0.49999999999999994, 0.0),
        (4503599627370495.5, 4503599627370496.0),
        (1e+300, 1e+300),
        (-2.4, -2.0),
        (2.6, 3.0),
        (0.0, 0.0),
    ];

    const PARSE_FLOAT: &[(&str, Result<f64, &str>)] = &[
        ("1", Ok(1.0)),
        (" 1.5 ", Ok(1.5)),
        ("-2", Ok(-2.0)),
        ("+3.25", Ok(3.25)),
        ("1_000.5", Ok(1000.5)),
        ("1e3", Ok(1000.0)),
        ("1E-3", Ok(0.001)),
        (".5", Ok(0.5)),
        ("5.", Ok(5.0)),
        ("-.5e1", Ok(-5.0)),
        ("inf", Ok(f64::INFINITY)),
        ("-Infinity", Ok(-f64::INFINITY)),
        ("+iNf", Ok(f64::INFINITY)),
        ("nan", Ok(f64::NAN)),
        ("-NaN", Ok(f64::NAN)),
        ("1e400", Ok(f64::INFINITY)),
        ("-1e400", Ok(-f64::INFINITY)),
        ("1e-400", Ok(0.0)),
        ("0x10", Err("could not convert string to float: '0x10'")),
        ("abc", Err("could not convert string to float: 'abc'")),
        ("", Err("could not convert string to float: ''")),
        (" ", Err("could not convert string to float: ' '")),
        ("1__0", Err("could not convert string to float: '1__0'")),
        ("_1", Err("could not convert string to float: '_1'")),
        ("1_", Err("could not convert string to float: '1_'")),
        ("1_e5", Err("could not convert string to float: '1_e5'")),
        ("1e1_0", Ok(10000000000.0)),
        ("1._5", Err("could not convert string to float: '1._5'")),
        (".", Err("could not convert string to float: '.'")),
        ("e5", Err("could not convert string to float: 'e5'")),
        ("1e", Err("could not convert string to float: '1e'")),
        ("1e+", Err("could not convert string to float: '1e+'")),
        ("- 1", Err("could not convert string to float: '- 1'")),
        ("++1", Err("could not convert string to float: '++1'")),
        ("infinit", Err("could not convert string to float: 'infinit'")),
        ("nana", Err("could not convert string to float: 'nana'")),
        ("\t\n12\u{c}", Ok(12.0)),
        ("\u{1c}7\u{1f}", Err("could not convert string to float: '\\x1c7\\x1f'")),
        ("\u{2003}3\u{3000}", Ok(3.0)),
        ("1.5x", Err("could not convert string to float: '1.5x'")),
        ("it's", Err("could not convert string to float: \"it's\"")),
        ("١", Ok(1.0)),
        ("1 2", Err("could not convert string to float: '1 2'")),
        ("0.1", Ok(0.1)),
        ("2.2250738585072014e-308", Ok(2.2250738585072014e-308)),
        ("9007199254740993", Ok(9007199254740992.0)),
        ("00012", Ok(12.0)),
        ("1_2.3_4e1_0", Ok(123400000000.0)),
    ];

    const PARSE_INT: &[(&str, u32, Result<i64, &str>)] = &[
        ("12", 10, Ok(12)),
        (" -12 ", 10, Ok(-12)),
        ("+7", 10, Ok(7)),
        ("1_000", 10, Ok(1000)),
        ("0x1f", 16, Ok(31)),
        ("0X1F", 0, Ok(31)),
        ("1f", 16, Ok(31)),
        ("0o17", 0, Ok(15)),
        ("0b101", 0, Ok(5)),
        ("0b101", 2, Ok(5)),
        ("0b1", 16, Ok(177)),
        ("101", 2, Ok(5)),
        ("z", 36, Ok(35)),
        ("Z", 36, Ok(35)),
        ("zz", 35, Err("invalid literal for int() with base 35: 'zz'")),
        ("0x_1f", 0, Ok(31)),
        ("0x__1f", 0, Err("invalid literal for int() with base 0: '0x__1f'")),
        ("0x", 0, Err("invalid literal for int() with base 0: '0x'")),
        ("0x", 16, Err("invalid literal for int() with base 16: '0x'")),
        ("010", 0, Err("invalid literal for int() with base 0: '010'")),
        ("000", 0, Ok(0)),
        ("0_0", 0, Ok(0)),
        ("0_7", 0, Err("invalid literal for int() with base 0: '0_7'")),
        ("010", 10, Ok(10)),
        ("", 10, Err("invalid literal for int() with base 10: ''")),
        (" ", 10, Err("invalid literal for int() with base 10: ' '")),
        ("x", 10, Err("invalid literal for int() with base 10: 'x'")),
        ("1.5", 10, Err("invalid literal for int() with base 10: '1.5'")),
        ("1e3", 10, Err("invalid literal for int() with base 10: '1e3'")),
        ("_1", 10, Err("invalid literal for int() with base 10: '_1'")),
        ("1_", 10, Err("invalid literal for int() with base 10: '1_'")),
        ("1__0", 10, Err("invalid literal for int() with base 10: '1__0'")),
        ("- 1", 10, Err("invalid literal for int() with base 10: '- 1'")),
        ("12", 2, Err("invalid literal for int() with base 2: '12'")),
        ("9", 8, Err("invalid literal for int() with base 8: '9'")),
        ("12", 1, Err("int() base must be >= 2 and <= 36, or 0")),
        ("12", 37, Err("int() base must be >= 2 and <= 36, or 0")),
        ("9223372036854775807", 10, Ok(9223372036854775807)),
        ("-9223372036854775808", 10, Ok(-9223372036854775808)),
        ("9223372036854775808", 10, Err("int too large for the playground")),
        ("-9223372036854775809", 10, Err("int too large for the playground")),
        ("99999999999999999999999999999", 10, Err("int too large for the playground")),
        ("7fffffffffffffff", 16, Ok(9223372036854775807)),
        ("-0x8000000000000000", 0, Ok(-9223372036854775808)),
        ("\t42\n", 0, Ok(42)),
        ("\u{3000}42\u{2003}", 10, Ok(42)),
        ("٤٢", 10, Ok(42)),
        ("1 2", 10, Err("invalid literal for int() with base 10: '1 2'")),
        ("0o8", 0, Err("invalid literal for int() with base 0: '0o8'")),
        ("0b2", 0, Err("invalid literal for int() with base 0: '0b2'")),
        ("0xg", 0, Err("invalid literal for int() with base 0: '0xg'")),
        ("-0", 10, Ok(0)),
        ("+0x0", 0, Ok(0)),
        ("0o", 8, Err("invalid literal for int() with base 8: '0o'")),
    ];

    const FLOAT_TO_INT: &[(f64, Result<i64, &str>)] = &[
        (0.0, Ok(0)),
        (-0.0, Ok(0)),
        (1.9, Ok(1)),
        (-1.9, Ok(-1)),
        (1e+18, Ok(1000000000000000000)),
        (-9.223372036854775e+18, Ok(-9223372036854774784)),
        (9.223372036854775e+18, Ok(9223372036854774784)),
        (9.223372036854776e+18, Err("int too large for the playground")),
        (-9.223372036854776e+18, Ok(-9223372036854775808)),
        (-9.223372036854778e+18, Err("int too large for the playground")),
        (1e+300, Err("int too large for the playground")),
        (f64::INFINITY, Err("cannot convert float infinity to integer")),
        (-f64::INFINITY, Err("cannot convert float infinity to integer")),
        (f64::NAN, Err("cannot convert float NaN to integer")),
        (0.999999999999, Ok(0)),
        (4503599627370497.0, Ok(4503599627370497)),
    ];

    const FLOAT_DIVMOD: &[(f64, f64, f64, f64)] = &[
        (7.0, 2.0, 1.0, 3.0),
        (-7.0, 2.0, 1.0, -4.0),
        (7.0, -2.0, -1.0, -4.0),
        (-7.0, -2.0, -1.0, 3.0),
        (7.5, 2.0, 1.5, 3.0),
        (-7.5, 2.0, 0.5, -4.0),
        (0.0, 3.0, 0.0, 0.0),
        (-0.0, 3.0, 0.0, -0.0),
        (0.0, -3.0, -0.0, -0.0),
        (6.0, -3.0, -0.0, -2.0),
        (-6.0, 3.0, 0.0, -2.0),
        (1.0, 0.1, 0.09999999999999995, 9.0),
        (-1.0, 0.1, 5.551115123125783e-17, -10.0),
        (5.0, f64::INFINITY, 5.0, 0.0),
        (-5.0, f64::INFINITY, f64::INFINITY, -1.0),
        (5.0, -f64::INFINITY, -f64::INFINITY, -1.0),
        (f64::INFINITY, 5.0, f64::NAN, f64::NAN),
        (f64::NAN, 2.0, f64::NAN, f64::NAN),
        (1e+300, 1e-300, 4.891554850853602e-301, f64::INFINITY),
        (3.5, 0.5, 0.0, 7.0),
        (-1e-320, 1.0, 1.0, -1.0),
        (0.3, 0.1, 0.09999999999999998, 2.0),
        (1e+16, 3.0, 1.0, 3333333333333333.0),
        (-2.0, -f64::INFINITY, -2.0, 0.0),
    ];

    const INT_DIVMOD: &[(i64, i64, i64, i64)] = &[
        (7, 2, 3, 1),
        (-7, 2, -4, 1),
        (7, -2, -4, -1),
        (-7, -2, 3, -1),
        (0, 5, 0, 0),
        (6, -3, -2, 0),
        (-6, 3, -2, 0),
        (1, -1000000000000000000, -1, -999999999999999999),
        (-1, 1000000000000000000, -1, 999999999999999999),
        (i64::MIN, 2, -4611686018427387904, 0),
        (i64::MIN, 7, -1317624576693539402, 6),
        (i64::MAX, -2, -4611686018427387904, -1),
        (i64::MIN, i64::MAX, -2, 9223372036854775806),
        (i64::MAX, i64::MIN, -1, -1),
        (i64::MIN, i64::MIN, 1, 0),
        (5, i64::MIN, -1, -9223372036854775803),
    ];
}
