//! Python's tokens: names, numbers, strings (all prefixes, escapes, f-strings kept raw for the
//! parser), operators, and the NEWLINE/INDENT/DEDENT structure, with CPython's error messages.

use std::rc::Rc;

use super::ast::{Pos, SyntaxError};

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Name(Rc<str>),
    Int(i64),
    BigInt(Rc<str>),
    Float(f64),
    Imaginary(f64),
    /// A string literal: its value (escapes applied) or, for an f-string, its raw text.
    Str {
        value: Rc<str>,
        bytes: bool,
        fstring: bool,
        raw: bool,
    },
    Op(Op),
    Newline,
    Indent,
    Dedent,
    End,
}

#[derive(Clone, Debug)]
pub struct Token {
    pub tok: Tok,
    pub pos: Pos,
    /// Where the token ends (exclusive), for f-string positions.
    pub end: Pos,
}

/// An operator or delimiter, as a byte so that the parser's many checks (`is_op(b')')`) compare a
/// byte, not a string: a one-character operator is its ASCII character; the longer ones are the
/// constants below; an augmented assignment (`+=`, `**=`) is its operator's code with `AUG` set.
pub type Op = u8;
pub const POW: Op = 1; // **
pub const FLOORDIV: Op = 2; // //
pub const LSHIFT: Op = 3; // <<
pub const RSHIFT: Op = 4; // >>
pub const EQ: Op = 5; // ==
pub const NE: Op = 6; // !=
pub const LE: Op = 7; // <=
pub const GE: Op = 8; // >=
pub const ARROW: Op = 9; // ->
pub const WALRUS: Op = 10; // :=
pub const ELLIPSIS: Op = 11; // ...
pub const AUG: Op = 0x80;

/// The operators longer than one character, longest first (`**=` before `**`).
const LONG_OPS: &[(&str, Op)] = &[
    ("**=", POW | AUG),
    ("//=", FLOORDIV | AUG),
    (">>=", RSHIFT | AUG),
    ("<<=", LSHIFT | AUG),
    ("...", ELLIPSIS),
    ("->", ARROW),
    (":=", WALRUS),
    ("**", POW),
    ("//", FLOORDIV),
    (">>", RSHIFT),
    ("<<", LSHIFT),
    ("<=", LE),
    (">=", GE),
    ("==", EQ),
    ("!=", NE),
    ("+=", b'+' | AUG),
    ("-=", b'-' | AUG),
    ("*=", b'*' | AUG),
    ("/=", b'/' | AUG),
    ("%=", b'%' | AUG),
    ("&=", b'&' | AUG),
    ("|=", b'|' | AUG),
    ("^=", b'^' | AUG),
    ("@=", b'@' | AUG),
];

/// The one-character operators and delimiters.
const SHORT_OPS: &str = "+-*/%@<>=.,:;()[]{}&|^~";

/// Not inlined: the parser and lexer build errors in some hundred places.
#[inline(never)]
pub fn err(kind: &'static str, message: impl Into<String>, pos: Pos) -> SyntaxError {
    SyntaxError { kind, message: message.into(), pos }
}

struct Lexer<'a> {
    chars: Vec<char>,
    i: usize,
    line: u32,
    line_start: usize,
    tokens: Vec<Token>,
    indents: Vec<usize>,
    /// Open brackets: the char and where.
    brackets: Vec<(char, Pos)>,
    _src: &'a str,
}

pub fn tokenize(src: &str) -> Result<Vec<Token>, SyntaxError> {
    let mut lx = Lexer {
        chars: src.chars().collect(),
        i: 0,
        line: 1,
        line_start: 0,
        tokens: Vec::new(),
        indents: vec![0],
        brackets: Vec::new(),
        _src: src,
    };
    lx.run()?;
    Ok(lx.tokens)
}

impl Lexer<'_> {
    fn pos(&self) -> Pos {
        Pos { line: self.line, col: (self.i - self.line_start) as u32 + 1 }
    }

    fn peek(&self, k: usize) -> char {
        self.chars.get(self.i + k).copied().unwrap_or('\0')
    }

    fn push(&mut self, tok: Tok, pos: Pos) {
        let end = self.pos();
        self.tokens.push(Token { tok, pos, end });
    }

    fn newline(&mut self) {
        self.line += 1;
        self.line_start = self.i;
    }

    fn run(&mut self) -> Result<(), SyntaxError> {
        let mut at_line_start = true;
        loop {
            if at_line_start && self.brackets.is_empty() {
                // Measure indentation; skip blank and comment-only lines.
                let mut width = 0;
                let mut tabs = false;
                let mut spaces = false;
                while self.i < self.chars.len() {
                    match self.chars[self.i] {
                        ' ' => {
                            width += 1;
                            spaces = true;
                        }
                        '\t' => {
                            width = (width / 8 + 1) * 8;
                            tabs = true;
                        }
                        '\x0c' => width = 0,
                        _ => break,
                    }
                    self.i += 1;
                }
                let c = self.peek(0);
                if c == '#' || c == '\n' || c == '\r' || c == '\0' && self.i >= self.chars.len() {
                    if c == '#' {
                        while self.i < self.chars.len() && self.chars[self.i] != '\n' {
                            self.i += 1;
                        }
                    }
                    if self.i >= self.chars.len() {
                        break;
                    }
                    if self.peek(0) == '\r' {
                        self.i += 1;
                    }
                    if self.peek(0) == '\n' {
                        self.i += 1;
                        self.newline();
                    }
                    continue;
                }
                if c == '\\' && (self.peek(1) == '\n') {
                    // A continuation line at indentation level: treated as part of this line.
                }
                let _ = (tabs, spaces);
                let pos = self.pos();
                let current = *self.indents.last().unwrap_or(&0);
                if width > current {
                    if self.indents.len() >= 100 {
                        return Err(err("IndentationError", "too many levels of indentation", pos));
                    }
                    self.indents.push(width);
                    self.push(Tok::Indent, pos);
                } else if width < current {
                    while width < *self.indents.last().unwrap_or(&0) {
                        self.indents.pop();
                        self.push(Tok::Dedent, pos);
                    }
                    if width != *self.indents.last().unwrap_or(&0) {
                        return Err(err(
                            "IndentationError",
                            "unindent does not match any outer indentation level",
                            Pos { line: pos.line, col: pos.col },
                        ));
                    }
                }
                at_line_start = false;
            }
            if self.i >= self.chars.len() {
                break;
            }
            let c = self.chars[self.i];
            let pos = self.pos();
            match c {
                ' ' | '\t' | '\x0c' => self.i += 1,
                '\r' => self.i += 1,
                '\n' => {
                    self.i += 1;
                    if self.brackets.is_empty() {
                        self.push(Tok::Newline, pos);
                        at_line_start = true;
                    }
                    self.newline();
                }
                '#' => {
                    while self.i < self.chars.len() && self.chars[self.i] != '\n' {
                        self.i += 1;
                    }
                }
                '\\' => {
                    let mut j = self.i + 1;
                    if self.chars.get(j) == Some(&'\r') {
                        j += 1;
                    }
                    if self.chars.get(j) == Some(&'\n') {
                        self.i = j + 1;
                        self.newline();
                        if self.i >= self.chars.len() {
                            return Err(err("SyntaxError", "unexpected EOF while parsing", self.pos()));
                        }
                    } else {
                        return Err(err(
                            "SyntaxError",
                            "unexpected character after line continuation character",
                            Pos { line: pos.line, col: pos.col + 1 },
                        ));
                    }
                }
                c if c.is_ascii_digit() || (c == '.' && self.peek(1).is_ascii_digit()) => self.number(pos)?,
                c if c == '_' || c.is_alphabetic() => {
                    let start = self.i;
                    while self.i < self.chars.len()
                        && (self.chars[self.i] == '_' || self.chars[self.i].is_alphanumeric())
                    {
                        self.i += 1;
                    }
                    let word: String = self.chars[start..self.i].iter().collect();
                    let q = self.peek(0);
                    let lower = word.to_ascii_lowercase();
                    if (q == '"' || q == '\'')
                        && matches!(lower.as_str(), "r" | "b" | "f" | "u" | "rb" | "br" | "fr" | "rf")
                    {
                        self.string(pos, &lower)?;
                    } else {
                        self.push(Tok::Name(Rc::from(word)), pos);
                    }
                }
                '"' | '\'' => self.string(pos, "")?,
                _ => {
                    let long =
                        LONG_OPS.iter().find(|(text, _)| text.chars().enumerate().all(|(k, t)| self.peek(k) == t));
                    let (op, len) = match long {
                        Some(&(text, op)) => (op, text.len()),
                        None if SHORT_OPS.contains(c) => (c as Op, 1),
                        None => {
                            if c == '!' || c == '$' || c == '?' || c == '`' {
                                return Err(err("SyntaxError", "invalid syntax", pos));
                            }
                            return Err(err(
                                "SyntaxError",
                                format!("invalid character '{c}' (U+{:04X})", c as u32),
                                pos,
                            ));
                        }
                    };
                    self.i += len;
                    match c {
                        '(' | '[' | '{' => {
                            if self.brackets.len() >= 200 {
                                return Err(err("SyntaxError", "too many nested parentheses", pos));
                            }
                            self.brackets.push((c, pos));
                        }
                        ')' | ']' | '}' => {
                            let open = match c {
                                ')' => '(',
                                ']' => '[',
                                _ => '{',
                            };
                            match self.brackets.pop() {
                                None => return Err(err("SyntaxError", format!("unmatched '{c}'"), pos)),
                                Some((o, opos)) if o != open => {
                                    let msg = if opos.line == pos.line {
                                        format!("closing parenthesis '{c}' does not match opening parenthesis '{o}'")
                                    } else {
                                        format!("closing parenthesis '{c}' does not match opening parenthesis '{o}' on line {}", opos.line)
                                    };
                                    return Err(err("SyntaxError", msg, pos));
                                }
                                Some(_) => {}
                            }
                        }
                        _ => {}
                    }
                    self.push(Tok::Op(op), pos);
                }
            }
        }
        if let Some((o, opos)) = self.brackets.first().copied() {
            return Err(err("SyntaxError", format!("'{o}' was never closed"), opos));
        }
        let end = self.pos();
        if !matches!(self.tokens.last().map(|t| &t.tok), None | Some(Tok::Newline) | Some(Tok::Dedent)) {
            self.push(Tok::Newline, end);
        }
        while self.indents.len() > 1 {
            self.indents.pop();
            self.push(Tok::Dedent, end);
        }
        self.push(Tok::End, end);
        Ok(())
    }

    fn number(&mut self, pos: Pos) -> Result<(), SyntaxError> {
        let start = self.i;
        let c1 = self.peek(1).to_ascii_lowercase();
        if self.peek(0) == '0' && (c1 == 'x' || c1 == 'o' || c1 == 'b') {
            self.i += 2;
            let radix = match c1 {
                'x' => 16,
                'o' => 8,
                _ => 2,
            };
            let ds = self.i;
            while self.i < self.chars.len() && (self.chars[self.i].is_ascii_alphanumeric() || self.chars[self.i] == '_')
            {
                self.i += 1;
            }
            let digits: String = self.chars[ds..self.i].iter().filter(|c| **c != '_').collect();
            return match i64::from_str_radix(&digits, radix) {
                Ok(v) => {
                    self.push(Tok::Int(v), pos);
                    Ok(())
                }
                Err(_) if !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix)) => {
                    self.push(Tok::BigInt(Rc::from(digits)), pos);
                    Ok(())
                }
                Err(_) => {
                    let name = match radix {
                        16 => "hexadecimal",
                        8 => "octal",
                        _ => "binary",
                    };
                    Err(err("SyntaxError", format!("invalid {name} literal"), pos))
                }
            };
        }
        let mut is_float = false;
        while self.i < self.chars.len() {
            let c = self.chars[self.i];
            if c.is_ascii_digit() || c == '_' {
                self.i += 1;
            } else if c == '.' && !is_float {
                is_float = true;
                self.i += 1;
            } else if (c == 'e' || c == 'E')
                && (self.peek(1).is_ascii_digit()
                    || ((self.peek(1) == '+' || self.peek(1) == '-') && self.peek(2).is_ascii_digit()))
            {
                is_float = true;
                self.i += 2;
                while self.i < self.chars.len() && (self.chars[self.i].is_ascii_digit() || self.chars[self.i] == '_') {
                    self.i += 1;
                }
                break;
            } else {
                break;
            }
        }
        let text: String = self.chars[start..self.i].iter().filter(|c| **c != '_').collect();
        let next = self.peek(0);
        if next == 'j' || next == 'J' {
            self.i += 1;
            self.push(Tok::Imaginary(crate::decimal::parse_f64(&text).unwrap_or(0.0)), pos);
            return Ok(());
        }
        if next.is_alphabetic() || next == '_' {
            return Err(err("SyntaxError", "invalid decimal literal", pos));
        }
        if is_float {
            self.push(Tok::Float(crate::decimal::parse_f64(&text).unwrap_or(f64::INFINITY)), pos);
        } else {
            if text.len() > 1 && text.starts_with('0') && text.chars().any(|c| c != '0') {
                return Err(err(
                    "SyntaxError",
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    pos,
                ));
            }
            match text.parse::<i64>() {
                Ok(v) => self.push(Tok::Int(v), pos),
                Err(_) => self.push(Tok::BigInt(Rc::from(text)), pos),
            }
        }
        Ok(())
    }

    fn string(&mut self, pos: Pos, prefix: &str) -> Result<(), SyntaxError> {
        let raw = prefix.contains('r');
        let bytes = prefix.contains('b');
        let fstring = prefix.contains('f');
        let q = self.chars[self.i];
        let triple = self.peek(1) == q && self.peek(2) == q;
        self.i += if triple { 3 } else { 1 };
        let mut text = String::new();
        let start_line = self.line;
        loop {
            if self.i >= self.chars.len() {
                let (msg, p) = if triple {
                    (format!("unterminated triple-quoted string literal (detected at line {})", self.line), pos)
                } else {
                    (format!("unterminated string literal (detected at line {})", self.line), pos)
                };
                let _ = start_line;
                return Err(err("SyntaxError", msg, p));
            }
            let c = self.chars[self.i];
            if c == q && (!triple || (self.peek(1) == q && self.peek(2) == q)) {
                self.i += if triple { 3 } else { 1 };
                break;
            }
            if c == '\n' {
                if !triple {
                    return Err(err(
                        "SyntaxError",
                        format!("unterminated string literal (detected at line {})", self.line),
                        pos,
                    ));
                }
                text.push('\n');
                self.i += 1;
                self.newline();
                continue;
            }
            if c == '\\' {
                let n = self.peek(1);
                if n == '\n' {
                    if raw || fstring {
                        text.push('\\');
                        text.push('\n');
                    }
                    self.i += 2;
                    self.newline();
                    continue;
                }
                if raw || fstring {
                    text.push('\\');
                    if n != '\0' {
                        text.push(n);
                    }
                    self.i += 2;
                    continue;
                }
                self.i += 2;
                match n {
                    'n' => text.push('\n'),
                    't' => text.push('\t'),
                    'r' => text.push('\r'),
                    '\\' => text.push('\\'),
                    '\'' => text.push('\''),
                    '"' => text.push('"'),
                    'a' => text.push('\x07'),
                    'b' => text.push('\x08'),
                    'f' => text.push('\x0c'),
                    'v' => text.push('\x0b'),
                    '0'..='7' => {
                        let mut v = n.to_digit(8).unwrap_or(0);
                        for _ in 0..2 {
                            match self.peek(0).to_digit(8) {
                                Some(d) => {
                                    v = v * 8 + d;
                                    self.i += 1;
                                }
                                None => break,
                            }
                        }
                        text.push(char::from_u32(v).unwrap_or('\0'));
                    }
                    'x' | 'u' | 'U' if !(bytes && n != 'x') => {
                        let len = match n {
                            'x' => 2,
                            'u' => 4,
                            _ => 8,
                        };
                        let hex: String = (0..len).map(|k| self.peek(k)).collect();
                        let value = if hex.chars().all(|c| c.is_ascii_hexdigit()) {
                            u32::from_str_radix(&hex, 16).ok()
                        } else {
                            None
                        };
                        let Some(ch) = value.and_then(char::from_u32) else {
                            let what = if n == 'x' {
                                "truncated \\xXX escape"
                            } else if n == 'u' {
                                "truncated \\uXXXX escape"
                            } else {
                                "truncated \\UXXXXXXXX escape"
                            };
                            let kind = if bytes { "(value error)" } else { "(unicode error)" };
                            let codec =
                                if bytes { "" } else { "'unicodeescape' codec can't decode bytes in position 0-1: " };
                            return Err(err("SyntaxError", format!("{kind} {codec}{what}"), pos));
                        };
                        self.i += len;
                        text.push(ch);
                    }
                    'N' if !bytes => {
                        return Err(err(
                            "NotImplementedError",
                            "\\N{...} escapes are not supported by the playground yet",
                            pos,
                        ));
                    }
                    other => {
                        text.push('\\');
                        text.push(other);
                    }
                }
                continue;
            }
            if bytes && !c.is_ascii() {
                return Err(err("SyntaxError", "bytes can only contain ASCII literal characters", pos));
            }
            text.push(c);
            self.i += 1;
        }
        self.push(Tok::Str { value: Rc::from(text), bytes, fstring, raw }, pos);
        Ok(())
    }
}
