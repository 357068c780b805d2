//! The numbers a person can tune without reading the code closely: every numeric literal that is
//! an argument of a call (`asyncio.sleep(2)`, `say_hello("Alice", 2)`, `range(5)`,
//! `wait_for(…, timeout=1.5)`), found in any text — even text that does not compile, so the values
//! panel never flickers away while someone types — with where it is and how to name it.
//!
//! Built on the highlighter's tokens (`crate::highlight`), which never fail and cover the text.

use std::ops::Range;

use crate::highlight::{tokenize, TokenKind};

/// A numeric literal passed to a call.
#[derive(Clone, Debug, PartialEq)]
pub struct Literal {
    /// Where its digits are in the text (bytes).
    pub range: Range<usize>,
    /// 1-based line.
    pub line: u32,
    pub value: f64,
    /// The call as written, on one line and shortened: `say_hello("Alice", 2)`.
    pub call: String,
    /// The called name, dotted: `asyncio.sleep`, `range`.
    pub callee: String,
    /// What identifies this literal across edits of the rest of the code: the function it is in,
    /// the call with the literal left out, and which such call it is. Two texts that differ only in
    /// this literal's value (or anywhere else) give it the same key.
    pub key: String,
    /// Which argument it is, for a label: `timeout=`, or `argument 2` (1-based).
    pub argument: String,
    /// A count (`range(…)`): only whole numbers make sense.
    pub whole: bool,
    /// A duration in seconds (`sleep`, a timeout): the slider's unit.
    pub seconds: bool,
}

/// The longest call text shown in a label; longer calls are cut with `…`.
const CALL_CHARS: usize = 48;

/// Every numeric literal of `text` that is a whole argument of a call, in order.
pub fn find(text: &str) -> Vec<Literal> {
    let tokens: Vec<_> =
        tokenize(text).into_iter().filter(|t| !matches!(t.kind, TokenKind::Space | TokenKind::Comment)).collect();
    let src = |i: usize| &text[tokens[i].range.clone()];
    let is_op = |i: usize, op: &str| tokens.get(i).is_some_and(|t| t.kind == TokenKind::Operator && src(i) == op);
    // Open brackets: for a call's `(`, the index of the first token of its callee.
    let mut open: Vec<Option<usize>> = Vec::new();
    let mut literals: Vec<Literal> = Vec::new();
    // Each literal's key before its occurrence number.
    let mut keys: Vec<String> = Vec::new();
    for i in 0..tokens.len() {
        match (tokens[i].kind, src(i)) {
            (TokenKind::Operator, "(" | "[" | "{") => {
                let callee = (src(i) == "(" && i > 0 && is_name(tokens[i - 1].kind)).then(|| {
                    let mut first = i - 1;
                    while first >= 2 && is_op(first - 1, ".") && is_name(tokens[first - 2].kind) {
                        first -= 2;
                    }
                    first
                });
                open.push(callee);
            }
            (TokenKind::Operator, ")" | "]" | "}") => {
                open.pop();
            }
            (TokenKind::Number, digits) => {
                let Some(Some(callee)) = open.last().copied() else { continue };
                // A whole argument: right after `(` or `,` (or `name=` there), right before `,` or `)`.
                let keyword = i >= 2 && is_op(i - 1, "=") && is_name(tokens[i - 2].kind);
                let before = if keyword { i - 2 } else { i };
                if !(is_op(before - 1, "(") || is_op(before - 1, ",")) || !(is_op(i + 1, ",") || is_op(i + 1, ")")) {
                    continue;
                }
                let Some(value) = number(digits) else { continue };
                // Python's own functions take numbers that are neither delays nor counts
                // (`max(n - 1, 1)`, `round(x, 2)`); `range(5)` is a count.
                if tokens[callee].kind == TokenKind::Builtin && src(callee) != "range" && is_op(callee + 1, "(") {
                    continue;
                }
                let callee_text: String = (callee..before).take_while(|&j| !is_op(j, "(")).map(src).collect();
                let keyword_name = keyword.then(|| src(i - 2));
                let argument = match keyword_name {
                    Some(name) => format!("{name}="),
                    None => format!("argument {}", commas_before(&tokens, text, i) + 1),
                };
                let end = closing(&tokens, text, i).unwrap_or(tokens[i].range.end);
                let call = one_line(&text[tokens[callee].range.start..end]);
                let last = callee_text.rsplit('.').next().unwrap_or("");
                let seconds = matches!(last, "sleep" | "wait_for" | "timeout" | "ClientTimeout")
                    || keyword_name.is_some_and(|k| k.contains("timeout") || k == "total" || k == "delay");
                let whole = last == "range";
                let range = tokens[i].range.clone();
                let line = text[..range.start].matches('\n').count() as u32 + 1;
                let masked =
                    one_line(&format!("{}_{}", &text[tokens[callee].range.start..range.start], &text[range.end..end]));
                let key = format!("{}:{masked}", enclosing_def(text, line));
                // The same call twice in one function: the occurrence tells them apart.
                let nth = keys.iter().filter(|k| **k == key).count();
                keys.push(key.clone());
                let key = if nth > 0 { format!("{key}#{nth}") } else { key };
                literals.push(Literal {
                    range,
                    line,
                    value,
                    call: shorten(&call),
                    callee: callee_text,
                    key,
                    argument,
                    whole,
                    seconds,
                });
            }
            _ => {}
        }
    }
    literals
}

/// `text` with `literal` replaced by `value` written as Python writes it (`2`, `0.5`).
pub fn replace(text: &str, literal: &Literal, value: f64) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..literal.range.start]);
    out.push_str(&crate::engine::value::py_number(value));
    out.push_str(&text[literal.range.end..]);
    out
}

fn is_name(kind: TokenKind) -> bool {
    matches!(kind, TokenKind::Name | TokenKind::Call | TokenKind::Builtin | TokenKind::SelfName)
}

/// A literal's value: decimal (`2`, `0.5`, `1e-3`, `1_000`), not hex, complex or too big.
fn number(digits: &str) -> Option<f64> {
    let plain = digits.replace('_', "");
    if plain.starts_with("0x") || plain.starts_with("0o") || plain.starts_with("0b") || plain.ends_with(['j', 'J']) {
        return None;
    }
    crate::decimal::parse_f64(&plain).filter(|v| v.is_finite())
}

/// How many of the call's commas come before token `i` (the call's own, not nested ones').
fn commas_before(tokens: &[crate::highlight::Token], text: &str, i: usize) -> usize {
    let mut depth = 0usize;
    let mut commas = 0;
    for token in tokens[..i].iter().rev().filter(|t| t.kind == TokenKind::Operator) {
        match &text[token.range.clone()] {
            ")" | "]" | "}" => depth += 1,
            "(" | "[" | "{" if depth == 0 => break,
            "(" | "[" | "{" => depth -= 1,
            "," if depth == 0 => commas += 1,
            _ => {}
        }
    }
    commas
}

/// Where the call around token `i` ends (just after its `)`), if it does.
fn closing(tokens: &[crate::highlight::Token], text: &str, i: usize) -> Option<usize> {
    let mut depth = 0usize;
    for token in &tokens[i..] {
        if token.kind != TokenKind::Operator {
            continue;
        }
        match &text[token.range.clone()] {
            "(" | "[" | "{" => depth += 1,
            ")" | "]" | "}" if depth == 0 => return Some(token.range.end),
            ")" | "]" | "}" => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Code on one line: runs of spaces and newlines become one space.
fn one_line(code: &str) -> String {
    code.split_whitespace().collect::<Vec<_>>().join(" ").replace("( ", "(").replace(" )", ")")
}

fn shorten(call: &str) -> String {
    match call.char_indices().nth(CALL_CHARS) {
        Some((at, _)) => format!("{}…", &call[..at]),
        None => call.to_string(),
    }
}

/// The name of the `def` that line `line` is in (`""` at module level): the nearest `def` above it
/// that is indented less.
fn enclosing_def(text: &str, line: u32) -> &str {
    let lines: Vec<&str> = text.lines().collect();
    let Some(here) = lines.get(line as usize - 1) else { return "" };
    let mut indent = here.len() - here.trim_start().len();
    for above in lines[..line as usize - 1].iter().rev() {
        let trimmed = above.trim_start();
        let depth = above.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') || depth >= indent {
            continue;
        }
        indent = depth;
        let def = trimmed.strip_prefix("async ").unwrap_or(trimmed);
        if let Some(rest) = def.strip_prefix("def ") {
            return rest.split(['(', ' ', ':']).next().unwrap_or("");
        }
        if depth == 0 {
            break;
        }
    }
    ""
}
