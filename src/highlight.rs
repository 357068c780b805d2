//! A small Python tokenizer for syntax highlighting: enough of Python's lexical rules for the
//! chapter's code (keywords, strings with prefixes and triple quotes, f-string replacement fields,
//! comments, numbers, the names `def`/`class` introduce). Pure, so it is tested natively.
//!
//! Tokens cover the source exactly, in order and without gaps, so the UI can cut them at any
//! offset (an editable value inside a line) and still show every character once.

use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// `async`, `def`, `await`, `for`, …
    Keyword,
    /// `True`, `False`, `None`.
    Constant,
    /// `print`, `len`, `zip`, … (names Python provides without an import).
    Builtin,
    /// The name after `def`.
    FunctionName,
    /// The name after `class`.
    ClassName,
    /// A name called right here: `create_task` in `asyncio.create_task(…)`.
    Call,
    /// Any other name.
    Name,
    /// `self` (a convention, but shown apart in most editors).
    SelfName,
    Number,
    /// String text, quotes and prefix included (an f-string's literal parts too).
    String,
    /// An f-string's `{`, `}` and format spec (`:.2f`): the boundary of the code inside.
    Interpolation,
    Comment,
    /// `@decorator`.
    Decorator,
    /// Operators and punctuation.
    Operator,
    /// Spaces, tabs and newlines.
    Space,
}

impl TokenKind {
    /// The CSS class the UI gives the token (`static/style.css` colours them).
    pub fn class(self) -> &'static str {
        match self {
            TokenKind::Keyword => "tok-kw",
            TokenKind::Constant => "tok-const",
            TokenKind::Builtin => "tok-builtin",
            TokenKind::FunctionName => "tok-def",
            TokenKind::ClassName => "tok-class",
            TokenKind::Call => "tok-call",
            TokenKind::Name => "tok-name",
            TokenKind::SelfName => "tok-self",
            TokenKind::Number => "tok-num",
            TokenKind::String => "tok-str",
            TokenKind::Interpolation => "tok-interp",
            TokenKind::Comment => "tok-comment",
            TokenKind::Decorator => "tok-deco",
            TokenKind::Operator => "tok-op",
            TokenKind::Space => "tok-space",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    /// Byte range in the source (always on character boundaries).
    pub range: Range<usize>,
}

const KEYWORDS: &[&str] = &[
    "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
    "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
    "return", "try", "while", "with", "yield",
];

const BUILTINS: &[&str] = &[
    "print",
    "len",
    "zip",
    "range",
    "str",
    "int",
    "float",
    "bool",
    "list",
    "dict",
    "set",
    "tuple",
    "type",
    "object",
    "isinstance",
    "super",
    "open",
    "enumerate",
    "sum",
    "min",
    "max",
    "abs",
    "any",
    "all",
    "sorted",
    "reversed",
    "map",
    "filter",
    "repr",
    "round",
    "Exception",
    "ValueError",
    "TypeError",
    "RuntimeError",
    "KeyError",
];

/// Split `source` into tokens that cover it exactly.
pub fn tokenize(source: &str) -> Vec<Token> {
    let mut lexer = Lexer { src: source, pos: 0, out: Vec::new() };
    lexer.run(source.len());
    name_kinds(source, &mut lexer.out);
    lexer.out
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    out: Vec<Token>,
}

impl Lexer<'_> {
    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.src[self.pos..].chars().nth(offset)
    }

    fn push(&mut self, kind: TokenKind, start: usize) {
        if self.pos > start {
            // Runs of the same kind merge (two spaces are one token): fewer spans to draw.
            if let Some(last) = self.out.last_mut() {
                if last.kind == kind && last.range.end == start && matches!(kind, TokenKind::Space | TokenKind::String)
                {
                    last.range.end = self.pos;
                    return;
                }
            }
            self.out.push(Token { kind, range: start..self.pos });
        }
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    /// Tokenize up to byte `end`.
    fn run(&mut self, end: usize) {
        while self.pos < end {
            let start = self.pos;
            let c = self.peek().expect("pos < end");
            if c.is_whitespace() {
                while self.peek().is_some_and(char::is_whitespace) && self.pos < end {
                    self.bump();
                }
                self.push(TokenKind::Space, start);
            } else if c == '#' {
                while self.peek().is_some_and(|c| c != '\n') && self.pos < end {
                    self.bump();
                }
                self.push(TokenKind::Comment, start);
            } else if c == '"' || c == '\'' {
                self.string(start, false, end);
            } else if is_ident_start(c) {
                while self.peek().is_some_and(is_ident_char) && self.pos < end {
                    self.bump();
                }
                let word = &self.src[start..self.pos];
                let quote = self.peek();
                if matches!(quote, Some('"' | '\'')) && is_string_prefix(word) {
                    let formatted = word.to_ascii_lowercase().contains('f');
                    self.string(start, formatted, end);
                } else {
                    self.push(TokenKind::Name, start);
                }
            } else if c.is_ascii_digit() || (c == '.' && self.peek_at(1).is_some_and(|d| d.is_ascii_digit())) {
                self.number(end);
                self.push(TokenKind::Number, start);
            } else if c == '@' && self.out.last().is_none_or(|t| self.src[t.range.clone()].contains('\n')) {
                // `@` first on a line is a decorator; elsewhere it is matrix multiplication.
                self.bump();
                while self.peek().is_some_and(|c| is_ident_char(c) || c == '.') && self.pos < end {
                    self.bump();
                }
                self.push(TokenKind::Decorator, start);
            } else {
                self.bump();
                self.push(TokenKind::Operator, start);
            }
        }
    }

    fn number(&mut self, end: usize) {
        let mut previous = ' ';
        while let Some(c) = self.peek() {
            if self.pos >= end {
                break;
            }
            let exponent_sign = (c == '+' || c == '-') && matches!(previous, 'e' | 'E');
            if c.is_ascii_alphanumeric() || c == '.' || c == '_' || exponent_sign {
                previous = c;
                self.bump();
            } else {
                break;
            }
        }
    }

    /// A string literal starting at `start` (prefix already consumed); f-strings get their
    /// replacement fields tokenized as code.
    fn string(&mut self, start: usize, formatted: bool, end: usize) {
        let quote = self.bump().expect("a quote");
        let triple = self.peek() == Some(quote) && self.peek_at(1) == Some(quote);
        if triple {
            self.bump();
            self.bump();
        }
        let mut literal_start = start;
        while let Some(c) = self.peek() {
            if self.pos >= end {
                break;
            }
            if c == '\\' {
                self.bump();
                self.bump();
            } else if c == quote {
                if !triple {
                    self.bump();
                    break;
                }
                if self.peek_at(1) == Some(quote) && self.peek_at(2) == Some(quote) {
                    self.bump();
                    self.bump();
                    self.bump();
                    break;
                }
                self.bump();
            } else if c == '\n' && !triple {
                // An unterminated string ends with its line, as Python's error would say.
                break;
            } else if formatted && c == '{' && self.peek_at(1) == Some('{') {
                self.bump();
                self.bump();
            } else if formatted && c == '{' {
                self.push(TokenKind::String, literal_start);
                self.field(quote, triple, end);
                literal_start = self.pos;
            } else {
                self.bump();
            }
        }
        self.push(TokenKind::String, literal_start);
    }

    /// An f-string replacement field `{expr!r:spec}`, from its `{` to its `}`.
    fn field(&mut self, quote: char, triple: bool, end: usize) {
        let open = self.pos;
        self.bump();
        self.push(TokenKind::Interpolation, open);
        // Find where the expression ends: a `:` or `}` outside brackets and nested strings.
        let expr_start = self.pos;
        let mut depth = 0usize;
        let mut scan = self.src[self.pos..end].char_indices().peekable();
        let mut expr_end = end;
        let mut in_string: Option<char> = None;
        while let Some((i, c)) = scan.next() {
            match (in_string, c) {
                (Some(q), c) if c == q => in_string = None,
                (Some(_), _) => {}
                (None, '\'' | '"') if c != quote || triple => in_string = Some(c),
                (None, '(' | '[' | '{') => depth += 1,
                (None, ')' | ']') => depth = depth.saturating_sub(1),
                (None, '}') if depth > 0 => depth -= 1,
                (None, '}') => {
                    expr_end = expr_start + i;
                    break;
                }
                (None, ':') if depth == 0 => {
                    expr_end = expr_start + i;
                    break;
                }
                (None, '!') if depth == 0 && scan.peek().is_some_and(|(_, n)| *n != '=') => {
                    expr_end = expr_start + i;
                    break;
                }
                (None, '\n') if !triple => {
                    expr_end = expr_start + i;
                    break;
                }
                _ => {}
            }
        }
        self.run(expr_end);
        // Conversion (`!r`) and format spec (`:.2f`) up to the closing brace.
        let spec_start = self.pos;
        while let Some(c) = self.peek() {
            if self.pos >= end || c == '}' || c == '\n' && !triple || c == quote {
                break;
            }
            self.bump();
        }
        self.push(TokenKind::Interpolation, spec_start);
        if self.peek() == Some('}') {
            let close = self.pos;
            self.bump();
            self.push(TokenKind::Interpolation, close);
        }
    }
}

fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn is_ident_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

fn is_string_prefix(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    matches!(lower.as_str(), "r" | "b" | "u" | "f" | "rb" | "br" | "fr" | "rf")
}

/// Second pass over names: keywords, builtins, the names `def`/`class` introduce, calls.
fn name_kinds(source: &str, tokens: &mut [Token]) {
    let mut previous_word: Option<&str> = None;
    for i in 0..tokens.len() {
        let kind = tokens[i].kind;
        if kind == TokenKind::Space {
            continue;
        }
        let text = &source[tokens[i].range.clone()];
        if kind == TokenKind::Name {
            let next_is_call = tokens[i + 1..]
                .iter()
                .find(|t| t.kind != TokenKind::Space || source[t.range.clone()].contains('\n'))
                .is_some_and(|t| &source[t.range.clone()] == "(");
            let after_dot = previous_word == Some(".");
            tokens[i].kind = match previous_word {
                Some("def") => TokenKind::FunctionName,
                Some("class") => TokenKind::ClassName,
                _ if KEYWORDS.contains(&text) && !after_dot => TokenKind::Keyword,
                _ if matches!(text, "True" | "False" | "None") => TokenKind::Constant,
                _ if text == "self" => TokenKind::SelfName,
                _ if next_is_call && BUILTINS.contains(&text) && !after_dot => TokenKind::Builtin,
                _ if next_is_call => TokenKind::Call,
                _ if BUILTINS.contains(&text) && !after_dot => TokenKind::Builtin,
                _ => TokenKind::Name,
            };
        }
        previous_word = Some(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (kind, text) of every token but spaces.
    fn kinds(source: &str) -> Vec<(TokenKind, &str)> {
        tokenize(source)
            .into_iter()
            .filter(|t| t.kind != TokenKind::Space)
            .map(|t| (t.kind, &source[t.range]))
            .collect()
    }

    fn assert_covers(source: &str) {
        let tokens = tokenize(source);
        let mut at = 0;
        for token in &tokens {
            assert_eq!(token.range.start, at, "gap or overlap before {token:?} in {source:?}");
            assert!(token.range.end > token.range.start, "empty token {token:?}");
            at = token.range.end;
        }
        assert_eq!(at, source.len(), "tokens stop early in {source:?}");
    }

    use TokenKind::*;

    #[test]
    fn the_chapter_s_say_hello() {
        let code = "async def say_hello(name, delay):\n    \"\"\"Greet after delay\"\"\"\n    await asyncio.sleep(delay)\n    print(f\"Hello, {name}!\")\n";
        assert_covers(code);
        assert_eq!(
            kinds(code),
            [
                (Keyword, "async"),
                (Keyword, "def"),
                (FunctionName, "say_hello"),
                (Operator, "("),
                (Name, "name"),
                (Operator, ","),
                (Name, "delay"),
                (Operator, ")"),
                (Operator, ":"),
                (String, "\"\"\"Greet after delay\"\"\""),
                (Keyword, "await"),
                (Name, "asyncio"),
                (Operator, "."),
                (Call, "sleep"),
                (Operator, "("),
                (Name, "delay"),
                (Operator, ")"),
                (Builtin, "print"),
                (Operator, "("),
                (String, "f\"Hello, "),
                (Interpolation, "{"),
                (Name, "name"),
                (Interpolation, "}"),
                (String, "!\""),
                (Operator, ")"),
            ]
        );
    }

    #[test]
    fn f_string_format_specs_and_nested_quotes() {
        let code = "print(f\"Time: {time.time() - start:.2f}s\\n\")";
        assert_covers(code);
        let k = kinds(code);
        assert!(k.contains(&(Interpolation, ":.2f")), "{k:?}");
        assert!(k.contains(&(Call, "time")), "{k:?}");
        assert!(k.contains(&(Name, "start")), "{k:?}");
        assert_eq!(k.last(), Some(&(Operator, ")")));
        assert!(k.contains(&(String, "s\\n\"")), "{k:?}");

        let code = "f'{d[\"k\"]!r} {{literal}} {x}'";
        assert_covers(code);
        let k = kinds(code);
        assert!(k.contains(&(String, "\"k\"")), "{k:?}");
        assert!(k.contains(&(Interpolation, "!r")), "{k:?}");
        assert!(k.contains(&(String, " {{literal}} ")), "{k:?}");
    }

    #[test]
    fn comments_numbers_constants_classes_and_self() {
        let code = "class AsyncResource:\n    async def __aenter__(self):\n        await asyncio.sleep(1.5)  # wait\n        return {\"data\": None, 'n': 0x1F, 'e': 1e-3}\n";
        assert_covers(code);
        let k = kinds(code);
        assert!(k.contains(&(ClassName, "AsyncResource")));
        assert!(k.contains(&(FunctionName, "__aenter__")));
        assert!(k.contains(&(SelfName, "self")));
        assert!(k.contains(&(Number, "1.5")));
        assert!(k.contains(&(Number, "0x1F")));
        assert!(k.contains(&(Number, "1e-3")));
        assert!(k.contains(&(Comment, "# wait")));
        assert!(k.contains(&(Constant, "None")));
        assert!(k.contains(&(String, "'n'")));
    }

    #[test]
    fn odd_input_is_covered_without_panicking() {
        for code in [
            "",
            "\"unterminated\nx = 1",
            "f\"{unclosed",
            "f\"{a:{b}}\"",
            "'''multi\nline'''",
            "@decorator\ndef f(): pass",
            "x = \"✓ ünïcode\" + 'é'  # → done",
            "rb'\\x00' + Rf\"{x}\"",
            "a @ b",
            ".5 + 1_000",
            "\\",
        ] {
            assert_covers(code);
        }
        assert_eq!(kinds("@decorator\ndef f(): pass")[0], (Decorator, "@decorator"));
        assert_eq!(kinds("a @ b")[1], (Operator, "@"));
        assert_eq!(kinds("rb'\\x00'")[0], (String, "rb'\\x00'"));
        assert_eq!(kinds(".5 + 1_000"), [(Number, ".5"), (Operator, "+"), (Number, "1_000")]);
    }

    #[test]
    fn keywords_after_a_dot_are_attributes_and_builtins_can_be_shadowed_by_attributes() {
        let k = kinds("session.print(x.in_)");
        assert_eq!(k[2], (Call, "print"));
        let k = kinds("data = await fetch_url(session, url)");
        assert_eq!(k[3], (Call, "fetch_url"));
        let k = kinds("for url, data in zip(urls, results):");
        assert_eq!(k[0], (Keyword, "for"));
        assert_eq!(k[4], (Keyword, "in"));
        assert_eq!(k[5], (Builtin, "zip"));
    }

    #[test]
    fn every_scenario_s_code_is_covered_and_its_strings_close() {
        use crate::scenarios::{Scenario, ScenarioId};
        for id in ScenarioId::ALL {
            let modes: Vec<&str> = if id.modes().is_empty() { vec![""] } else { id.modes().to_vec() };
            for mode in modes {
                let mut scenario = Scenario::new(id);
                if !mode.is_empty() {
                    scenario.set_mode(mode).unwrap();
                }
                let code = scenario.python_text();
                assert_covers(&code);
                // A string that ran past its line would swallow code: every string token that
                // is not a docstring stays on one line.
                for token in tokenize(&code).iter().filter(|t| t.kind == String) {
                    let text = &code[token.range.clone()];
                    assert!(
                        !text.contains('\n') || text.starts_with("\"\"\""),
                        "{}: string token spans lines: {text:?}",
                        id.id()
                    );
                }
                let k = kinds(&code);
                assert!(
                    k.iter().any(|(kind, text)| *kind == Keyword && *text == "await"),
                    "{}: no await keyword",
                    id.id()
                );
            }
        }
    }
}
