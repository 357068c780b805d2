//! The parser: tokens (`lexer.rs`) → the syntax tree (`ast.rs`), by recursive descent with
//! Python 3.11's precedence. Errors are CPython's, at CPython's place where it has a message
//! (`expected ':'`, `'(' was never closed`, `expected an indented block after 'if' statement on
//! line 3`, `'await' outside async function`); valid Python the playground does not run is a
//! `NotImplementedError` saying what. It also computes the `suspends` flags the evaluator relies on.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::ast::*;
use super::lexer::{
    self, tokenize, Op, Tok, Token, ARROW, AUG, ELLIPSIS, EQ, FLOORDIV, GE, LE, LSHIFT, NE, POW, RSHIFT, WALRUS,
};

/// Deeper nesting than this is refused (CPython refuses 200 nested parentheses; expressions
/// nest further through operators).
const MAX_DEPTH: u32 = 150;

pub fn parse(source: &str) -> Result<Module, SyntaxError> {
    parse_module(source).map_err(|e| *e)
}

fn parse_module(source: &str) -> PResult<Module> {
    let tokens = tokenize(source)?;
    let mut p = Parser { toks: tokens, i: 0, funcs: vec![], loops: 0, depth: 0, top_await: false };
    let mut body = Vec::new();
    while !p.at_end() {
        if matches!(p.tok(), Tok::Newline) {
            p.i += 1;
            continue;
        }
        if matches!(p.tok(), Tok::Indent) {
            return Err(err("IndentationError", "unexpected indent", p.pos()));
        }
        body.extend(p.statement()?);
    }
    mark_run_calls(&mut body);
    Ok(Module { body, top_level_await: p.top_await, scope: RefCell::new(Scope::default()) })
}

/// Module-level statements that call `asyncio.run(...)` run on the suspending path: `asyncio.run`
/// awaits the coroutine inside the program's root task.
fn mark_run_calls(stmts: &mut [Stmt]) {
    for s in stmts.iter_mut() {
        let nested = match &mut s.kind {
            StmtKind::If { body, orelse, .. }
            | StmtKind::While { body, orelse, .. }
            | StmtKind::For { body, orelse, .. } => {
                mark_run_calls(body);
                mark_run_calls(orelse);
                block_suspends(body) || block_suspends(orelse)
            }
            StmtKind::Try { body, handlers, orelse, finalbody, .. } => {
                mark_run_calls(body);
                for h in handlers.iter_mut() {
                    mark_run_calls(&mut h.body);
                }
                mark_run_calls(orelse);
                mark_run_calls(finalbody);
                block_suspends(body)
                    || handlers.iter().any(|h| block_suspends(&h.body))
                    || block_suspends(orelse)
                    || block_suspends(finalbody)
            }
            StmtKind::With { body, .. } => {
                mark_run_calls(body);
                block_suspends(body)
            }
            StmtKind::Expr(e) | StmtKind::Assign { value: e, .. } | StmtKind::AugAssign { value: e, .. } => {
                calls_run(e)
            }
            StmtKind::AnnAssign { value: Some(e), .. } => calls_run(e),
            _ => false,
        };
        if nested {
            s.suspends = true;
        }
    }
}

fn calls_run(e: &mut Expr) -> bool {
    let found = match &mut e.kind {
        ExprKind::Call { func, args } => {
            let is_run = match &func.kind {
                ExprKind::Attribute { attr, .. } => &**attr == "run",
                ExprKind::Name(n) => &*n.id == "run",
                _ => false,
            };
            let mut any = is_run | calls_run(func);
            for a in args.iter_mut() {
                match &mut a.kind {
                    ArgKind::Positional(x) | ArgKind::Star(x) | ArgKind::Keyword(_, x) | ArgKind::DoubleStar(x) => {
                        any |= calls_run(x)
                    }
                }
            }
            any
        }
        ExprKind::Attribute { value, .. } => calls_run(value),
        ExprKind::BinOp { left, right, .. } => calls_run(left) | calls_run(right),
        ExprKind::UnaryOp { operand, .. } => calls_run(operand),
        ExprKind::FString(parts) => {
            let mut any = false;
            for p in parts.iter_mut() {
                if let FStringPart::Field { value, .. } = p {
                    any |= calls_run(value);
                }
            }
            any
        }
        ExprKind::List(v) | ExprKind::Tuple(v) => v.iter_mut().fold(false, |acc, x| calls_run(x) | acc),
        ExprKind::Compare { left, ops } => ops.iter_mut().fold(calls_run(left), |acc, (_, x)| calls_run(x) | acc),
        ExprKind::Subscript { value, index } => calls_run(value) | calls_run(index),
        _ => false,
    };
    if found {
        e.suspends = true;
    }
    found
}

#[derive(Clone, Copy, PartialEq)]
enum FnKind {
    Plain,
    Async,
    Lambda,
    /// A comprehension's implicit function (async if it holds an await or async for).
    Comp,
}

struct FnCtx {
    kind: FnKind,
    has_yield: bool,
    has_await: bool,
    has_return_value: bool,
}

struct Parser {
    toks: Vec<Token>,
    i: usize,
    funcs: Vec<FnCtx>,
    loops: u32,
    depth: u32,
    top_await: bool,
}

/// The parser's errors are boxed: a `Result` holding a whole `SyntaxError` copied it at each of
/// the parser's ~180 `?`s, where a box is one pointer.
type PResult<T> = Result<T, Box<SyntaxError>>;

/// `lexer::err`, boxed for `PResult`.
#[inline(never)]
fn err(kind: &'static str, message: impl Into<String>, pos: Pos) -> Box<SyntaxError> {
    Box::new(lexer::err(kind, message, pos))
}

/// `d[await k] = v`, `for x[await i] in …`: valid Python the evaluator does not run (it evaluates
/// targets synchronously), refused where it is written rather than failing when it runs.
fn no_await_in_target(target: &Expr) -> PResult<()> {
    if target.suspends {
        return Err(err(
            "NotImplementedError",
            "'await' inside an assignment target is not supported by the playground yet",
            target.pos,
        ));
    }
    Ok(())
}

/// `Box::new` for an `Expr`, as one call: inlined, each of the parser's ~25 boxes copied the
/// `Expr` in place.
#[inline(never)]
fn boxed(e: Expr) -> Box<Expr> {
    Box::new(e)
}

/// `vec![e]`, as one call for the same reason.
#[inline(never)]
fn vec1(e: Expr) -> Vec<Expr> {
    vec![e]
}

fn mk(pos: Pos, kind: ExprKind) -> Expr {
    let suspends = match &kind {
        ExprKind::Await(_) | ExprKind::Yield(_) | ExprKind::YieldFrom(_) => true,
        ExprKind::Lambda(_) => false,
        ExprKind::Comprehension { function, generators, .. } => function.is_async || generators[0].iter.suspends,
        k => child_suspends(k),
    };
    Expr { pos, suspends, kind }
}

fn child_suspends(k: &ExprKind) -> bool {
    let s = |e: &Expr| e.suspends;
    match k {
        ExprKind::Constant(_) | ExprKind::Name(_) | ExprKind::Lambda(_) => false,
        ExprKind::FString(parts) => fparts_suspend(parts),
        ExprKind::Attribute { value, .. } => s(value),
        ExprKind::Subscript { value, index } => s(value) || s(index),
        ExprKind::Slice { lower, upper, step } => [lower, upper, step].iter().any(|p| p.as_ref().is_some_and(|e| s(e))),
        ExprKind::Call { func, args } => {
            s(func)
                || args.iter().any(|a| match &a.kind {
                    ArgKind::Positional(e) | ArgKind::Star(e) | ArgKind::Keyword(_, e) | ArgKind::DoubleStar(e) => s(e),
                })
        }
        ExprKind::BinOp { left, right, .. } => s(left) || s(right),
        ExprKind::UnaryOp { operand, .. } => s(operand),
        ExprKind::BoolOp { values, .. } => values.iter().any(s),
        ExprKind::Compare { left, ops } => s(left) || ops.iter().any(|(_, e)| s(e)),
        ExprKind::IfExp { test, body, orelse } => s(test) || s(body) || s(orelse),
        ExprKind::List(v) | ExprKind::Tuple(v) | ExprKind::Set(v) => v.iter().any(s),
        ExprKind::Dict(pairs) => pairs.iter().any(|(k, v)| k.as_ref().is_some_and(s) || s(v)),
        ExprKind::Starred(e) | ExprKind::Await(e) | ExprKind::YieldFrom(e) => s(e),
        ExprKind::Yield(_) => true,
        ExprKind::Comprehension { .. } => true,
        ExprKind::NamedExpr { target, value } => s(target) || s(value),
    }
}

fn fparts_suspend(parts: &[FStringPart]) -> bool {
    parts.iter().any(|p| match p {
        FStringPart::Literal(_) => false,
        FStringPart::Field { value, spec, .. } => value.suspends || fparts_suspend(spec),
    })
}

fn stmt(pos: Pos, suspends: bool, kind: StmtKind) -> Stmt {
    Stmt { pos, suspends, kind }
}

fn block_suspends(b: &[Stmt]) -> bool {
    b.iter().any(|s| s.suspends)
}

/// What a compound statement is called in CPython's "expected an indented block after …".
fn block_name(kw: &str) -> &'static str {
    match kw {
        "if" => "'if' statement",
        "elif" => "'elif' statement",
        "else" => "'else' statement",
        "while" => "'while' statement",
        "for" => "'for' statement",
        "try" => "'try' statement",
        "except" => "'except' statement",
        "finally" => "'finally' statement",
        "with" => "'with' statement",
        "class" => "class definition",
        _ => "function definition",
    }
}

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

// The token helpers below are called from hundreds of places: `#[inline(never)]` keeps each
// a call instead of a copy at every site (the wasm's size matters, parsing speed does not).
impl Parser {
    #[inline(never)]
    fn tok(&self) -> &Tok {
        &self.toks[self.i.min(self.toks.len() - 1)].tok
    }

    #[inline(never)]
    fn tok_at(&self, k: usize) -> &Tok {
        &self.toks[(self.i + k).min(self.toks.len() - 1)].tok
    }

    #[inline(never)]
    fn pos(&self) -> Pos {
        self.toks[self.i.min(self.toks.len() - 1)].pos
    }

    fn prev_end(&self) -> Pos {
        self.toks[self.i.saturating_sub(1)].end
    }

    fn at_end(&self) -> bool {
        matches!(self.tok(), Tok::End)
    }

    #[inline(never)]
    fn is_op(&self, op: Op) -> bool {
        matches!(self.tok(), Tok::Op(o) if *o == op)
    }

    #[inline(never)]
    fn is_kw(&self, kw: &str) -> bool {
        matches!(self.tok(), Tok::Name(n) if &**n == kw)
    }

    #[inline(never)]
    fn eat_op(&mut self, op: Op) -> bool {
        if self.is_op(op) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    #[inline(never)]
    fn eat_kw(&mut self, kw: &str) -> bool {
        if self.is_kw(kw) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    #[inline(never)]
    fn invalid(&self) -> Box<SyntaxError> {
        match self.tok() {
            Tok::Indent => err("IndentationError", "unexpected indent", self.pos()),
            Tok::End => err("SyntaxError", "unexpected EOF while parsing", self.pos()),
            _ => err("SyntaxError", "invalid syntax", self.pos()),
        }
    }

    #[inline(never)]
    fn expect_op(&mut self, op: Op) -> PResult<()> {
        if self.eat_op(op) {
            return Ok(());
        }
        if op == b':' {
            return Err(err("SyntaxError", "expected ':'", self.prev_end()));
        }
        Err(self.invalid())
    }

    #[inline(never)]
    fn name(&mut self) -> PResult<Rc<str>> {
        match self.tok().clone() {
            Tok::Name(n) if !KEYWORDS.contains(&&*n) => {
                self.i += 1;
                Ok(n)
            }
            _ => Err(self.invalid()),
        }
    }

    fn in_async(&self) -> bool {
        match self.funcs.iter().rev().find(|f| f.kind != FnKind::Comp) {
            Some(f) => f.kind == FnKind::Async,
            None => true,
        }
    }

    #[inline(never)]
    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(err("SyntaxError", "too many nested parentheses", self.pos()));
        }
        Ok(())
    }

    // ---- statements -------------------------------------------------------------------------

    fn statement(&mut self) -> PResult<Vec<Stmt>> {
        let pos = self.pos();
        if self.is_op(b'@') {
            return self.decorated();
        }
        let Tok::Name(word) = self.tok().clone() else { return self.simple_line() };
        // One compound statement; wrapped in its Vec at one place (each `vec![…]` copies a Stmt).
        let compound = match &*word {
            "if" => self.if_stmt(),
            "while" => self.while_stmt(),
            "for" => self.for_stmt(false, pos),
            "try" => self.try_stmt(),
            "with" => self.with_stmt(false, pos),
            "def" => self.funcdef(vec![], false, pos),
            "class" => self.classdef(vec![]),
            "async" => {
                self.i += 1;
                if self.is_kw("def") {
                    self.funcdef(vec![], true, pos)
                } else if self.is_kw("for") {
                    self.check_async_stmt("for", pos)?;
                    self.for_stmt(true, pos)
                } else if self.is_kw("with") {
                    self.check_async_stmt("with", pos)?;
                    self.with_stmt(true, pos)
                } else {
                    Err(self.invalid())
                }
            }
            "match" if matches!(self.tok_at(1), Tok::Name(_)) && self.line_ends_with_colon() => {
                Err(err("NotImplementedError", "the match statement is not supported by the playground yet", pos))
            }
            _ => return self.simple_line(),
        };
        Ok(vec![compound?])
    }

    fn line_ends_with_colon(&self) -> bool {
        let mut k = self.i;
        let mut last = None;
        while k < self.toks.len() && !matches!(self.toks[k].tok, Tok::Newline | Tok::End) {
            last = Some(&self.toks[k].tok);
            k += 1;
        }
        matches!(last, Some(Tok::Op(b':')))
    }

    fn check_async_stmt(&mut self, what: &str, pos: Pos) -> PResult<()> {
        if self.funcs.is_empty() {
            self.top_await = true;
            return Ok(());
        }
        if !self.in_async() {
            return Err(err("SyntaxError", format!("'async {what}' outside async function"), pos));
        }
        if let Some(f) = self.funcs.last_mut() {
            f.has_await = true;
        }
        Ok(())
    }

    fn decorated(&mut self) -> PResult<Vec<Stmt>> {
        let mut decorators = Vec::new();
        while self.eat_op(b'@') {
            decorators.push(self.named_expr()?);
            self.expect_newline()?;
        }
        let pos = self.pos();
        let def = if self.eat_kw("async") {
            if !self.is_kw("def") {
                return Err(self.invalid());
            }
            self.funcdef(decorators, true, pos)
        } else if self.is_kw("def") {
            self.funcdef(decorators, false, pos)
        } else if self.is_kw("class") {
            self.classdef(decorators)
        } else {
            return Err(self.invalid());
        };
        Ok(vec![def?])
    }

    fn expect_newline(&mut self) -> PResult<()> {
        match self.tok() {
            Tok::Newline => {
                self.i += 1;
                Ok(())
            }
            Tok::End | Tok::Dedent => Ok(()),
            _ => Err(self.invalid()),
        }
    }

    /// One line of simple statements separated by `;`.
    fn simple_line(&mut self) -> PResult<Vec<Stmt>> {
        let mut out = vec![self.simple_stmt()?];
        while self.eat_op(b';') {
            if matches!(self.tok(), Tok::Newline | Tok::End) {
                break;
            }
            out.push(self.simple_stmt()?);
        }
        self.expect_newline()?;
        Ok(out)
    }

    /// The indented block after a compound statement's `:` (or a simple line on the same line).
    fn block(&mut self, kw: &str, kw_line: u32) -> PResult<Vec<Stmt>> {
        if !matches!(self.tok(), Tok::Newline) {
            return self.simple_line();
        }
        self.i += 1;
        if !matches!(self.tok(), Tok::Indent) {
            let pos = self.pos();
            return Err(err(
                "IndentationError",
                format!("expected an indented block after {} on line {kw_line}", block_name(kw)),
                pos,
            ));
        }
        self.i += 1;
        let mut body = Vec::new();
        loop {
            match self.tok() {
                Tok::Dedent => {
                    self.i += 1;
                    break;
                }
                Tok::End => break,
                Tok::Newline => self.i += 1,
                Tok::Indent => return Err(err("IndentationError", "unexpected indent", self.pos())),
                _ => body.extend(self.statement()?),
            }
        }
        Ok(body)
    }

    fn if_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        let kw = if self.eat_kw("if") {
            "if"
        } else {
            self.i += 1;
            "elif"
        };
        let test = self.named_expr()?;
        self.expect_op(b':')?;
        let body = self.block(kw, pos.line)?;
        let orelse = if self.is_kw("elif") {
            vec![self.if_stmt()?]
        } else if self.is_kw("else") {
            let epos = self.pos();
            self.i += 1;
            self.expect_op(b':')?;
            self.block("else", epos.line)?
        } else {
            vec![]
        };
        let suspends = test.suspends || block_suspends(&body) || block_suspends(&orelse);
        Ok(stmt(pos, suspends, StmtKind::If { test, body, orelse }))
    }

    fn while_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        self.i += 1;
        let test = self.named_expr()?;
        self.expect_op(b':')?;
        self.loops += 1;
        let body = self.block("while", pos.line);
        self.loops -= 1;
        let body = body?;
        let orelse = self.else_block()?;
        let suspends = test.suspends || block_suspends(&body) || block_suspends(&orelse);
        Ok(stmt(pos, suspends, StmtKind::While { test, body, orelse }))
    }

    fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        if self.is_kw("else") {
            let epos = self.pos();
            self.i += 1;
            self.expect_op(b':')?;
            return self.block("else", epos.line);
        }
        Ok(vec![])
    }

    fn for_stmt(&mut self, is_async: bool, pos: Pos) -> PResult<Stmt> {
        self.i += 1;
        let target = self.target_list()?;
        if !self.eat_kw("in") {
            return Err(self.invalid());
        }
        no_await_in_target(&target)?;
        let iter = self.star_expressions()?;
        self.expect_op(b':')?;
        self.loops += 1;
        let body = self.block("for", pos.line);
        self.loops -= 1;
        let body = body?;
        let orelse = self.else_block()?;
        let suspends = is_async || iter.suspends || block_suspends(&body) || block_suspends(&orelse);
        Ok(stmt(pos, suspends, StmtKind::For { target, iter, body, orelse, is_async }))
    }

    fn try_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        self.i += 1;
        self.expect_op(b':')?;
        let body = self.block("try", pos.line)?;
        let mut handlers = Vec::new();
        let mut is_star = false;
        while self.is_kw("except") {
            let hpos = self.pos();
            self.i += 1;
            if self.eat_op(b'*') {
                is_star = true;
            }
            let (typ, name) = if self.is_op(b':') {
                (None, None)
            } else {
                let t = self.expression()?;
                let t = if self.is_op(b',') {
                    return Err(err("SyntaxError", "multiple exception types must be parenthesized", t.pos));
                } else {
                    t
                };
                let name = if self.eat_kw("as") { Some(Name::new(&self.name()?)) } else { None };
                (Some(t), name)
            };
            self.expect_op(b':')?;
            let hbody = self.block("except", hpos.line)?;
            handlers.push(Handler { pos: hpos, typ, name, body: hbody });
        }
        let orelse = if !handlers.is_empty() { self.else_block()? } else { vec![] };
        let finalbody = if self.is_kw("finally") {
            let fpos = self.pos();
            self.i += 1;
            self.expect_op(b':')?;
            self.block("finally", fpos.line)?
        } else {
            vec![]
        };
        if handlers.is_empty() && finalbody.is_empty() {
            return Err(err("SyntaxError", "expected 'except' or 'finally' block", self.pos()));
        }
        let suspends = block_suspends(&body)
            || handlers.iter().any(|h| block_suspends(&h.body) || h.typ.as_ref().is_some_and(|t| t.suspends))
            || block_suspends(&orelse)
            || block_suspends(&finalbody);
        Ok(stmt(pos, suspends, StmtKind::Try { body, handlers, orelse, finalbody, is_star }))
    }

    fn with_stmt(&mut self, is_async: bool, pos: Pos) -> PResult<Stmt> {
        self.i += 1;
        let mut items = Vec::new();
        // `with (a as b, c as d):` — parenthesised items.
        let parenthesised = self.is_op(b'(') && self.paren_with_items();
        if parenthesised {
            self.i += 1;
        }
        loop {
            let context = self.expression()?;
            let target = if self.eat_kw("as") { Some(self.target()?) } else { None };
            if let Some(t) = &target {
                no_await_in_target(t)?;
            }
            items.push(WithItem { context, target });
            if !self.eat_op(b',') {
                break;
            }
            if parenthesised && self.is_op(b')') {
                break;
            }
        }
        if parenthesised {
            self.expect_op(b')')?;
        }
        self.expect_op(b':')?;
        let body = self.block("with", pos.line)?;
        let suspends = is_async || items.iter().any(|i| i.context.suspends) || block_suspends(&body);
        Ok(stmt(pos, suspends, StmtKind::With { items, body, is_async }))
    }

    /// Is the `(` after `with` the start of parenthesised with-items (an `as` inside at depth 1)?
    fn paren_with_items(&self) -> bool {
        let mut depth = 0;
        let mut k = self.i;
        while k < self.toks.len() {
            match &self.toks[k].tok {
                Tok::Op(b'(' | b'[' | b'{') => depth += 1,
                Tok::Op(b')' | b']' | b'}') => {
                    depth -= 1;
                    if depth == 0 {
                        return matches!(self.toks.get(k + 1).map(|t| &t.tok), Some(Tok::Op(b':')));
                    }
                }
                Tok::Name(n) if &**n == "as" && depth == 1 => return true,
                Tok::Newline | Tok::End => return false,
                _ => {}
            }
            k += 1;
        }
        false
    }

    fn parameters(&mut self, close: Op) -> PResult<Parameters> {
        let mut params = Parameters::default();
        let mut seen_star = false;
        let mut seen_default = false;
        while !self.is_op(close) {
            let pos = self.pos();
            if self.eat_op(POW) {
                let name = self.name()?;
                self.annotation(close)?;
                params.kwarg = Some(Parameter { pos, name, default: None });
                self.eat_op(b',');
                if !self.is_op(close) {
                    return Err(err("SyntaxError", "arguments cannot follow var-keyword argument", self.pos()));
                }
                break;
            } else if self.eat_op(b'*') {
                if seen_star {
                    return Err(err("SyntaxError", "* argument may appear only once", pos));
                }
                seen_star = true;
                if !self.is_op(b',') && !self.is_op(close) {
                    let name = self.name()?;
                    self.annotation(close)?;
                    params.vararg = Some(Parameter { pos, name, default: None });
                } else if self.is_op(close) || matches!(self.tok_at(1), Tok::Op(o) if *o == close) {
                    return Err(err("SyntaxError", "named arguments must follow bare *", pos));
                }
            } else if self.eat_op(b'/') {
                // Positional-only marker: accepted, treated as positional-or-keyword.
            } else {
                let name = self.name()?;
                self.annotation(close)?;
                let default = if self.eat_op(b'=') { Some(self.expression()?) } else { None };
                if params.args.iter().chain(&params.kwonly).any(|p| p.name == name) {
                    return Err(err("SyntaxError", format!("duplicate argument '{name}' in function definition"), pos));
                }
                if seen_star {
                    params.kwonly.push(Parameter { pos, name, default });
                } else {
                    if default.is_some() {
                        seen_default = true;
                    } else if seen_default {
                        return Err(err("SyntaxError", "non-default argument follows default argument", pos));
                    }
                    params.args.push(Parameter { pos, name, default });
                }
            }
            if !self.eat_op(b',') {
                break;
            }
        }
        Ok(params)
    }

    fn annotation(&mut self, close: Op) -> PResult<()> {
        if close == b')' && self.eat_op(b':') {
            self.expression()?;
        }
        Ok(())
    }

    fn funcdef(&mut self, decorators: Vec<Expr>, is_async: bool, pos: Pos) -> PResult<Stmt> {
        self.i += 1; // def
        let name = self.name()?;
        self.expect_op(b'(')?;
        let params = self.parameters(b')')?;
        self.expect_op(b')')?;
        if self.eat_op(ARROW) {
            self.expression()?;
        }
        self.expect_op(b':')?;
        self.funcs.push(FnCtx {
            kind: if is_async { FnKind::Async } else { FnKind::Plain },
            has_yield: false,
            has_await: false,
            has_return_value: false,
        });
        let saved_loops = std::mem::replace(&mut self.loops, 0);
        let body = self.block("def", pos.line);
        self.loops = saved_loops;
        let ctx = self.funcs.pop().expect("pushed above");
        let body = body?;
        if is_async && ctx.has_yield && ctx.has_return_value {
            return Err(err("SyntaxError", "'return' with value in async generator", pos));
        }
        let def = FunctionDef {
            pos,
            name,
            params,
            body,
            decorators,
            is_async,
            is_generator: ctx.has_yield,
            lambda_body: None,
            scope: RefCell::new(Scope::default()),
        };
        let suspends = def.decorators.iter().any(|d| d.suspends) || defaults_suspend(&def.params);
        Ok(stmt(pos, suspends, StmtKind::FunctionDef(Rc::new(def))))
    }

    fn classdef(&mut self, decorators: Vec<Expr>) -> PResult<Stmt> {
        let pos = self.pos();
        self.i += 1;
        let name = self.name()?;
        let mut bases = Vec::new();
        if self.eat_op(b'(') {
            while !self.is_op(b')') {
                if matches!(self.tok(), Tok::Name(_)) && matches!(self.tok_at(1), Tok::Op(b'=')) {
                    return Err(err(
                        "NotImplementedError",
                        "class keyword arguments are not supported by the playground yet",
                        self.pos(),
                    ));
                }
                bases.push(self.expression()?);
                if !self.eat_op(b',') {
                    break;
                }
            }
            self.expect_op(b')')?;
        }
        self.expect_op(b':')?;
        let saved_loops = std::mem::replace(&mut self.loops, 0);
        let body = self.block("class", pos.line);
        self.loops = saved_loops;
        let body = body?;
        let suspends = bases.iter().any(|b| b.suspends) || block_suspends(&body);
        Ok(stmt(pos, suspends, StmtKind::ClassDef(Rc::new(ClassDef { pos, name, bases, body, decorators }))))
    }

    fn simple_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        if let Tok::Name(word) = self.tok().clone() {
            match &*word {
                "pass" => {
                    self.i += 1;
                    return Ok(stmt(pos, false, StmtKind::Pass));
                }
                "break" | "continue" => {
                    self.i += 1;
                    if self.loops == 0 {
                        let msg =
                            if &*word == "break" { "'break' outside loop" } else { "'continue' not properly in loop" };
                        return Err(err("SyntaxError", msg, pos));
                    }
                    return Ok(stmt(pos, false, if &*word == "break" { StmtKind::Break } else { StmtKind::Continue }));
                }
                "return" => {
                    self.i += 1;
                    if !self.funcs.iter().any(|f| matches!(f.kind, FnKind::Plain | FnKind::Async)) {
                        return Err(err("SyntaxError", "'return' outside function", pos));
                    }
                    let value = if matches!(self.tok(), Tok::Newline | Tok::End) || self.is_op(b';') {
                        None
                    } else {
                        Some(self.star_expressions()?)
                    };
                    if value.is_some() {
                        if let Some(f) = self.funcs.last_mut() {
                            f.has_return_value = true;
                        }
                    }
                    let s = value.as_ref().is_some_and(|v| v.suspends);
                    return Ok(stmt(pos, s, StmtKind::Return(value)));
                }
                "raise" => {
                    self.i += 1;
                    let (exc, cause) = if matches!(self.tok(), Tok::Newline | Tok::End) || self.is_op(b';') {
                        (None, None)
                    } else {
                        let e = self.expression()?;
                        let c = if self.eat_kw("from") { Some(self.expression()?) } else { None };
                        (Some(e), c)
                    };
                    let s = exc.as_ref().is_some_and(|e| e.suspends) || cause.as_ref().is_some_and(|e| e.suspends);
                    return Ok(stmt(pos, s, StmtKind::Raise { exc, cause }));
                }
                "global" | "nonlocal" => {
                    self.i += 1;
                    let mut names = vec![self.name()?];
                    while self.eat_op(b',') {
                        names.push(self.name()?);
                    }
                    if &*word == "nonlocal" && self.funcs.is_empty() {
                        return Err(err("SyntaxError", "nonlocal declaration not allowed at module level", pos));
                    }
                    let kind = if &*word == "global" { StmtKind::Global(names) } else { StmtKind::Nonlocal(names) };
                    return Ok(stmt(pos, false, kind));
                }
                "del" => {
                    self.i += 1;
                    let mut targets = vec![self.target()?];
                    while self.eat_op(b',') {
                        if matches!(self.tok(), Tok::Newline | Tok::End) {
                            break;
                        }
                        targets.push(self.target()?);
                    }
                    for t in &targets {
                        no_await_in_target(t)?;
                    }
                    return Ok(stmt(pos, false, StmtKind::Delete(targets)));
                }
                "assert" => {
                    self.i += 1;
                    let test = self.expression()?;
                    let msg = if self.eat_op(b',') { Some(self.expression()?) } else { None };
                    let s = test.suspends || msg.as_ref().is_some_and(|m| m.suspends);
                    return Ok(stmt(pos, s, StmtKind::Assert { test, msg }));
                }
                "import" => {
                    self.i += 1;
                    let mut names = Vec::new();
                    loop {
                        let module = self.dotted_name()?;
                        let alias = if self.eat_kw("as") { Some(self.name()?) } else { None };
                        names.push((module, alias));
                        if !self.eat_op(b',') {
                            break;
                        }
                    }
                    return Ok(stmt(pos, false, StmtKind::Import(names)));
                }
                "from" => {
                    self.i += 1;
                    let module = self.dotted_name()?;
                    if !self.eat_kw("import") {
                        return Err(self.invalid());
                    }
                    if self.is_op(b'*') {
                        return Err(err(
                            "NotImplementedError",
                            "'from … import *' is not supported by the playground yet",
                            pos,
                        ));
                    }
                    let paren = self.eat_op(b'(');
                    let mut names = Vec::new();
                    loop {
                        let name = self.name()?;
                        let alias = if self.eat_kw("as") { Some(self.name()?) } else { None };
                        names.push((name, alias));
                        if !self.eat_op(b',') || (paren && self.is_op(b')')) {
                            break;
                        }
                    }
                    if paren {
                        self.expect_op(b')')?;
                    }
                    return Ok(stmt(pos, false, StmtKind::ImportFrom { module, names }));
                }
                "print" if matches!(self.tok_at(1), Tok::Str { .. } | Tok::Name(_) | Tok::Int(_)) => {
                    return Err(err(
                        "SyntaxError",
                        "Missing parentheses in call to 'print'. Did you mean print(...)?",
                        pos,
                    ));
                }
                _ => {}
            }
        }
        // Expression statement or assignment.
        let first = self.star_expressions_or_yield()?;
        if self.is_op(b'=') {
            let mut targets = vec1(first);
            let mut value;
            loop {
                self.i += 1;
                value = self.star_expressions_or_yield()?;
                if self.is_op(b'=') {
                    targets.push(value);
                } else {
                    break;
                }
            }
            for t in &targets {
                self.check_target(t, "assign to")?;
                no_await_in_target(t)?;
            }
            let s = value.suspends;
            return Ok(stmt(pos, s, StmtKind::Assign { targets, value }));
        }
        if let Tok::Op(op) = self.tok().clone() {
            if let Some(bin) = aug_op(op) {
                let opos = self.pos();
                self.i += 1;
                match &first.kind {
                    ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
                    _ => {
                        let what = expr_name(&first);
                        return Err(err(
                            "SyntaxError",
                            format!("'{what}' is an illegal expression for augmented assignment"),
                            first.pos,
                        ));
                    }
                }
                let _ = opos;
                no_await_in_target(&first)?;
                let value = self.star_expressions_or_yield()?;
                let s = value.suspends;
                return Ok(stmt(pos, s, StmtKind::AugAssign { target: first, op: bin, value }));
            }
        }
        if self.is_op(b':') {
            self.i += 1;
            let annotation = self.expression()?;
            let value = if self.eat_op(b'=') { Some(self.star_expressions_or_yield()?) } else { None };
            self.check_target(&first, "annotate")?;
            no_await_in_target(&first)?;
            let s = value.as_ref().is_some_and(|v| v.suspends);
            return Ok(stmt(pos, s, StmtKind::AnnAssign { target: first, annotation, value }));
        }
        if !matches!(self.tok(), Tok::Newline | Tok::End | Tok::Dedent) && !self.is_op(b';') {
            // Two expressions side by side: CPython's "Perhaps you forgot a comma?" inside brackets,
            // else "invalid syntax".
            return Err(self.invalid());
        }
        let s = first.suspends;
        Ok(stmt(pos, s, StmtKind::Expr(first)))
    }

    fn dotted_name(&mut self) -> PResult<Rc<str>> {
        let mut name = self.name()?.to_string();
        while self.eat_op(b'.') {
            name.push('.');
            name.push_str(&self.name()?);
        }
        Ok(Rc::from(name))
    }

    fn check_target(&self, t: &Expr, verb: &str) -> PResult<()> {
        match &t.kind {
            ExprKind::Name(n) => {
                if matches!(&*n.id, "None" | "True" | "False") {
                    return Err(err("SyntaxError", format!("cannot {verb} {}", n.id), t.pos));
                }
                Ok(())
            }
            ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
            ExprKind::Tuple(items) | ExprKind::List(items) if verb == "assign to" => {
                for i in items {
                    self.check_target(i, verb)?;
                }
                Ok(())
            }
            ExprKind::Starred(inner) if verb == "assign to" => self.check_target(inner, verb),
            ExprKind::Call { .. } => Err(err(
                "SyntaxError",
                format!("cannot {verb} function call here. Maybe you meant '==' instead of '='?"),
                t.pos,
            )),
            ExprKind::Constant(_) | ExprKind::FString(_) => Err(err(
                "SyntaxError",
                format!("cannot {verb} literal here. Maybe you meant '==' instead of '='?"),
                t.pos,
            )),
            _ => Err(err(
                "SyntaxError",
                format!("cannot {verb} {} here. Maybe you meant '==' instead of '='?", expr_name(t)),
                t.pos,
            )),
        }
    }

    fn target(&mut self) -> PResult<Expr> {
        let t = self.or_expr_level()?;
        self.check_target(&t, "assign to")?;
        Ok(t)
    }

    /// `for` targets: `a`, `a, b`, `(a, b), *c`.
    fn target_list(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        let mut items = vec![self.star_target()?];
        let mut tuple = false;
        while self.eat_op(b',') {
            tuple = true;
            if self.is_kw("in") || self.is_op(b'=') {
                break;
            }
            items.push(self.star_target()?);
        }
        let t = if tuple { mk(pos, ExprKind::Tuple(items)) } else { items.pop().expect("one") };
        self.check_target(&t, "assign to")?;
        Ok(t)
    }

    fn star_target(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        if self.eat_op(b'*') {
            let inner = self.or_expr_level()?;
            return Ok(mk(pos, ExprKind::Starred(boxed(inner))));
        }
        self.or_expr_level()
    }

    // ---- expressions -----------------------------------------------------------------------

    fn star_expressions_or_yield(&mut self) -> PResult<Expr> {
        if self.is_kw("yield") {
            return self.yield_expr();
        }
        self.star_expressions()
    }

    /// `a, *b, c` (a tuple without parentheses) or one expression.
    fn star_expressions(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        let first = self.star_expr()?;
        if !self.is_op(b',') {
            if let ExprKind::Starred(_) = first.kind {
                return Err(err("SyntaxError", "can't use starred expression here", pos));
            }
            return Ok(first);
        }
        let mut items = vec1(first);
        while self.eat_op(b',') {
            if self.ends_expression() {
                break;
            }
            items.push(self.star_expr()?);
        }
        Ok(mk(pos, ExprKind::Tuple(items)))
    }

    fn ends_expression(&self) -> bool {
        matches!(self.tok(), Tok::Newline | Tok::End | Tok::Dedent)
            || matches!(self.tok(), Tok::Op(o) if matches!(*o, b'=' | b')' | b']' | b'}' | b':' | b';') || aug_op(*o).is_some())
            || self.is_kw("in")
    }

    fn star_expr(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        if self.eat_op(b'*') {
            let inner = self.or_expr_level()?;
            return Ok(mk(pos, ExprKind::Starred(boxed(inner))));
        }
        self.named_expr()
    }

    fn yield_expr(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        self.i += 1;
        match self.funcs.last_mut() {
            None => return Err(err("SyntaxError", "'yield' outside function", pos)),
            Some(f) if f.kind == FnKind::Comp => {
                return Err(err("SyntaxError", "'yield' inside list comprehension", pos));
            }
            Some(f) => f.has_yield = true,
        }
        if self.eat_kw("from") {
            if self.funcs.last().is_some_and(|f| f.kind == FnKind::Async) {
                return Err(err("SyntaxError", "'yield from' inside async function", pos));
            }
            let v = self.expression()?;
            return Ok(mk(pos, ExprKind::YieldFrom(boxed(v))));
        }
        if self.ends_expression() || self.is_op(b')') {
            return Ok(mk(pos, ExprKind::Yield(None)));
        }
        let v = self.star_expressions()?;
        Ok(mk(pos, ExprKind::Yield(Some(boxed(v)))))
    }

    /// `name := value` or an expression.
    fn named_expr(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        if matches!(self.tok(), Tok::Name(_)) && matches!(self.tok_at(1), Tok::Op(WALRUS)) {
            let name = self.name()?;
            self.i += 1;
            let value = self.expression()?;
            let target = mk(pos, ExprKind::Name(Name::new(&name)));
            return Ok(mk(pos, ExprKind::NamedExpr { target: boxed(target), value: boxed(value) }));
        }
        self.expression()
    }

    pub fn expression(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.expression_inner();
        self.depth -= 1;
        r
    }

    fn expression_inner(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        if self.is_kw("lambda") {
            return self.lambda();
        }
        let body = self.or_test()?;
        if self.is_kw("if") {
            // Only a conditional expression if an `else` follows (a comprehension's `if` has none).
            let save = self.i;
            self.i += 1;
            let test = self.or_test()?;
            if !self.eat_kw("else") {
                self.i = save;
                if self.in_comprehension_clause() {
                    return Ok(body);
                }
                return Err(err("SyntaxError", "expected 'else' after 'if' expression", pos));
            }
            let orelse = self.expression()?;
            return Ok(mk(pos, ExprKind::IfExp { test: boxed(test), body: boxed(body), orelse: boxed(orelse) }));
        }
        Ok(body)
    }

    fn in_comprehension_clause(&self) -> bool {
        true
    }

    fn lambda(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        self.i += 1;
        let params = self.parameters(b':')?;
        self.expect_op(b':')?;
        self.funcs.push(FnCtx { kind: FnKind::Lambda, has_yield: false, has_await: false, has_return_value: false });
        let saved = std::mem::replace(&mut self.loops, 0);
        let body = self.expression();
        self.loops = saved;
        let ctx = self.funcs.pop().expect("pushed");
        let body = body?;
        let def = FunctionDef {
            pos,
            name: Rc::from("<lambda>"),
            params,
            body: vec![],
            decorators: vec![],
            is_async: false,
            is_generator: ctx.has_yield,
            lambda_body: Some(boxed(body)),
            scope: RefCell::new(Scope::default()),
        };
        let suspends = defaults_suspend(&def.params);
        let mut e = mk(pos, ExprKind::Lambda(Rc::new(def)));
        e.suspends = suspends;
        Ok(e)
    }

    fn or_test(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        let first = self.and_test()?;
        if !self.is_kw("or") {
            return Ok(first);
        }
        let mut values = vec1(first);
        while self.eat_kw("or") {
            values.push(self.and_test()?);
        }
        Ok(mk(pos, ExprKind::BoolOp { op: BoolOp::Or, values }))
    }

    fn and_test(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        let first = self.not_test()?;
        if !self.is_kw("and") {
            return Ok(first);
        }
        let mut values = vec1(first);
        while self.eat_kw("and") {
            values.push(self.not_test()?);
        }
        Ok(mk(pos, ExprKind::BoolOp { op: BoolOp::And, values }))
    }

    fn not_test(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        if self.eat_kw("not") {
            self.enter()?;
            let operand = self.not_test();
            self.depth -= 1;
            return Ok(mk(pos, ExprKind::UnaryOp { op: UnaryOp::Not, operand: boxed(operand?) }));
        }
        self.comparison()
    }

    fn comparison(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        let left = self.or_expr_level()?;
        let mut ops = Vec::new();
        loop {
            let op = match self.tok() {
                Tok::Op(EQ) => CmpOp::Eq,
                Tok::Op(NE) => CmpOp::NotEq,
                Tok::Op(b'<') => CmpOp::Lt,
                Tok::Op(LE) => CmpOp::LtE,
                Tok::Op(b'>') => CmpOp::Gt,
                Tok::Op(GE) => CmpOp::GtE,
                Tok::Name(n) if &**n == "in" => CmpOp::In,
                Tok::Name(n) if &**n == "is" => {
                    if matches!(self.tok_at(1), Tok::Name(m) if &**m == "not") {
                        self.i += 1;
                        CmpOp::IsNot
                    } else {
                        CmpOp::Is
                    }
                }
                Tok::Name(n) if &**n == "not" && matches!(self.tok_at(1), Tok::Name(m) if &**m == "in") => {
                    self.i += 1;
                    CmpOp::NotIn
                }
                _ => break,
            };
            self.i += 1;
            ops.push((op, self.or_expr_level()?));
        }
        if ops.is_empty() {
            return Ok(left);
        }
        Ok(mk(pos, ExprKind::Compare { left: boxed(left), ops }))
    }

    fn or_expr_level(&mut self) -> PResult<Expr> {
        self.binary(0)
    }

    /// Binary operators by precedence level: | ^ & << >> + - * / // % @.
    fn binary(&mut self, level: usize) -> PResult<Expr> {
        if level == BINARY_LEVELS {
            return self.unary();
        }
        let pos = self.pos();
        let mut left = self.binary(level + 1)?;
        while let Tok::Op(o) = self.tok() {
            let Some((op_level, op)) = bin_op(*o) else { break };
            if op_level != level {
                break;
            }
            self.i += 1;
            let right = self.binary(level + 1)?;
            left = mk(pos, ExprKind::BinOp { left: boxed(left), op, right: boxed(right) });
        }
        Ok(left)
    }

    fn unary(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        let op = match self.tok() {
            Tok::Op(b'-') => Some(UnaryOp::Neg),
            Tok::Op(b'+') => Some(UnaryOp::Pos),
            Tok::Op(b'~') => Some(UnaryOp::Invert),
            _ => None,
        };
        if let Some(op) = op {
            self.i += 1;
            self.enter()?;
            let operand = self.unary();
            self.depth -= 1;
            let operand = operand?;
            // -5 is a constant, as CPython folds it (and i64::MIN stays representable).
            if let (UnaryOp::Neg, ExprKind::Constant(Constant::Int(v))) = (op, &operand.kind) {
                return Ok(mk(pos, ExprKind::Constant(Constant::Int(-v))));
            }
            return Ok(mk(pos, ExprKind::UnaryOp { op, operand: boxed(operand) }));
        }
        self.power()
    }

    fn power(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        let base = self.await_primary()?;
        if self.eat_op(POW) {
            self.enter()?;
            let exp = self.unary();
            self.depth -= 1;
            return Ok(mk(pos, ExprKind::BinOp { left: boxed(base), op: BinOp::Pow, right: boxed(exp?) }));
        }
        Ok(base)
    }

    fn await_primary(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        if self.is_kw("await") {
            self.i += 1;
            self.note_await(pos)?;
            let v = self.primary()?;
            return Ok(mk(pos, ExprKind::Await(boxed(v))));
        }
        self.primary()
    }

    fn note_await(&mut self, pos: Pos) -> PResult<()> {
        match self.funcs.iter_mut().rev().find(|f| f.kind != FnKind::Comp) {
            None => {
                self.top_await = true;
            }
            Some(f) if f.kind == FnKind::Async => f.has_await = true,
            Some(_) => return Err(err("SyntaxError", "'await' outside async function", pos)),
        }
        if let Some(f) = self.funcs.last_mut() {
            f.has_await = true;
        }
        Ok(())
    }

    fn primary(&mut self) -> PResult<Expr> {
        let mut e = self.atom()?;
        loop {
            let pos = e.pos;
            if self.eat_op(b'.') {
                let attr = self.name()?;
                e = mk(pos, ExprKind::Attribute { value: boxed(e), attr });
            } else if self.is_op(b'(') {
                self.i += 1;
                self.enter()?;
                let args = self.call_args();
                self.depth -= 1;
                let args = args?;
                e = mk(pos, ExprKind::Call { func: boxed(e), args });
            } else if self.is_op(b'[') {
                self.i += 1;
                self.enter()?;
                let index = self.subscript();
                self.depth -= 1;
                let index = index?;
                self.expect_op(b']')?;
                e = mk(pos, ExprKind::Subscript { value: boxed(e), index: boxed(index) });
            } else {
                break;
            }
        }
        Ok(e)
    }

    fn call_args(&mut self) -> PResult<Vec<Arg>> {
        let mut args = Vec::new();
        let mut seen_kw = false;
        while !self.is_op(b')') {
            let pos = self.pos();
            if self.eat_op(POW) {
                args.push(Arg { pos, kind: ArgKind::DoubleStar(self.expression()?) });
                seen_kw = true;
            } else if self.eat_op(b'*') {
                args.push(Arg { pos, kind: ArgKind::Star(self.expression()?) });
            } else if matches!(self.tok(), Tok::Name(_)) && matches!(self.tok_at(1), Tok::Op(b'=')) {
                let name = self.name()?;
                self.i += 1;
                args.push(Arg { pos, kind: ArgKind::Keyword(name, self.expression()?) });
                seen_kw = true;
            } else {
                let e = self.named_expr()?;
                if self.is_kw("for") || self.is_kw("async") {
                    let g = self.comprehension(pos, ComprehensionKind::Generator, e)?;
                    args.push(Arg { pos, kind: ArgKind::Positional(g) });
                    if !self.is_op(b')') {
                        return Err(err("SyntaxError", "Generator expression must be parenthesized", pos));
                    }
                    break;
                }
                if seen_kw {
                    let msg = if args.iter().any(|a| matches!(a.kind, ArgKind::DoubleStar(_))) {
                        "positional argument follows keyword argument unpacking"
                    } else {
                        "positional argument follows keyword argument"
                    };
                    return Err(err("SyntaxError", msg, pos));
                }
                args.push(Arg { pos, kind: ArgKind::Positional(e) });
            }
            if !self.eat_op(b',') {
                if !self.is_op(b')') {
                    if matches!(self.tok(), Tok::Name(_) | Tok::Int(_) | Tok::Float(_) | Tok::Str { .. }) {
                        return Err(err(
                            "SyntaxError",
                            "invalid syntax. Perhaps you forgot a comma?",
                            args.last().map_or(pos, |a| a.pos),
                        ));
                    }
                    return Err(self.invalid());
                }
                break;
            }
        }
        self.expect_op(b')')?;
        Ok(args)
    }

    fn subscript(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        let first = self.slice_item()?;
        if !self.is_op(b',') {
            return Ok(first);
        }
        let mut items = vec1(first);
        while self.eat_op(b',') {
            if self.is_op(b']') {
                break;
            }
            items.push(self.slice_item()?);
        }
        Ok(mk(pos, ExprKind::Tuple(items)))
    }

    fn slice_item(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        let lower = if self.is_op(b':') { None } else { Some(self.named_expr()?) };
        if !self.is_op(b':') {
            return lower.ok_or_else(|| self.invalid());
        }
        self.i += 1;
        let part = |p: &mut Self| -> PResult<Option<Box<Expr>>> {
            if p.is_op(b':') || p.is_op(b']') || p.is_op(b',') {
                Ok(None)
            } else {
                Ok(Some(boxed(p.expression()?)))
            }
        };
        let upper = part(self)?;
        let step = if self.eat_op(b':') { part(self)? } else { None };
        Ok(mk(pos, ExprKind::Slice { lower: lower.map(boxed), upper, step }))
    }

    fn atom(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        match self.tok().clone() {
            Tok::Name(n) => match &*n {
                "None" => self.constant(Constant::None),
                "True" => self.constant(Constant::Bool(true)),
                "False" => self.constant(Constant::Bool(false)),
                "yield" => Err(err("SyntaxError", "invalid syntax", pos)),
                "await" => {
                    // `-await x` and friends: await binds tighter than unary operators.
                    self.await_primary()
                }
                "lambda" => self.lambda(),
                k if KEYWORDS.contains(&k) => Err(self.invalid()),
                _ => {
                    self.i += 1;
                    Ok(mk(pos, ExprKind::Name(Name::new(&n))))
                }
            },
            Tok::Int(v) => self.constant(Constant::Int(v)),
            Tok::BigInt(d) => self.constant(Constant::BigInt(d)),
            Tok::Float(f) => self.constant(Constant::Float(f)),
            Tok::Imaginary(_) => {
                Err(err("NotImplementedError", "complex numbers are not supported by the playground yet", pos))
            }
            Tok::Str { .. } => self.strings(),
            Tok::Op(ELLIPSIS) => self.constant(Constant::Ellipsis),
            Tok::Op(b'(') => {
                self.i += 1;
                self.enter()?;
                let r = self.paren(pos);
                self.depth -= 1;
                r
            }
            Tok::Op(b'[') => {
                self.i += 1;
                self.enter()?;
                let r = self.list_display(pos);
                self.depth -= 1;
                r
            }
            Tok::Op(b'{') => {
                self.i += 1;
                self.enter()?;
                let r = self.brace_display(pos);
                self.depth -= 1;
                r
            }
            _ => Err(self.invalid()),
        }
    }

    fn constant(&mut self, c: Constant) -> PResult<Expr> {
        let pos = self.pos();
        self.i += 1;
        Ok(mk(pos, ExprKind::Constant(c)))
    }

    fn paren(&mut self, pos: Pos) -> PResult<Expr> {
        if self.eat_op(b')') {
            return Ok(mk(pos, ExprKind::Tuple(vec![])));
        }
        if self.is_kw("yield") {
            let y = self.yield_expr()?;
            self.expect_op(b')')?;
            return Ok(y);
        }
        let first = self.star_expr()?;
        if self.is_kw("for") || self.is_kw("async") {
            let g = self.comprehension(pos, ComprehensionKind::Generator, first)?;
            self.expect_op(b')')?;
            return Ok(g);
        }
        if self.eat_op(b')') {
            if let ExprKind::Starred(_) = first.kind {
                return Err(err("SyntaxError", "cannot use starred expression here", first.pos));
            }
            return Ok(first);
        }
        let mut items = vec1(first);
        while self.eat_op(b',') {
            if self.is_op(b')') {
                break;
            }
            items.push(self.star_expr()?);
        }
        if !self.is_op(b')') {
            if matches!(self.tok(), Tok::Name(_) | Tok::Int(_) | Tok::Float(_) | Tok::Str { .. }) {
                return Err(err("SyntaxError", "invalid syntax. Perhaps you forgot a comma?", items[0].pos));
            }
            return Err(self.invalid());
        }
        self.i += 1;
        Ok(mk(pos, ExprKind::Tuple(items)))
    }

    fn list_display(&mut self, pos: Pos) -> PResult<Expr> {
        if self.eat_op(b']') {
            return Ok(mk(pos, ExprKind::List(vec![])));
        }
        let first = self.star_expr()?;
        if self.is_kw("for") || self.is_kw("async") {
            let c = self.comprehension(pos, ComprehensionKind::List, first)?;
            self.expect_op(b']')?;
            return Ok(c);
        }
        let mut items = vec1(first);
        while self.eat_op(b',') {
            if self.is_op(b']') {
                break;
            }
            items.push(self.star_expr()?);
        }
        if !self.is_op(b']') {
            if matches!(self.tok(), Tok::Name(_) | Tok::Int(_) | Tok::Float(_) | Tok::Str { .. }) {
                return Err(err("SyntaxError", "invalid syntax. Perhaps you forgot a comma?", items[0].pos));
            }
            return Err(self.invalid());
        }
        self.i += 1;
        Ok(mk(pos, ExprKind::List(items)))
    }

    fn brace_display(&mut self, pos: Pos) -> PResult<Expr> {
        if self.eat_op(b'}') {
            return Ok(mk(pos, ExprKind::Dict(vec![])));
        }
        if self.eat_op(POW) {
            let v = self.or_expr_level()?;
            let mut pairs = vec![(None, v)];
            self.dict_rest(&mut pairs)?;
            return Ok(mk(pos, ExprKind::Dict(pairs)));
        }
        let first = self.star_expr()?;
        if self.eat_op(b':') {
            let value = self.expression()?;
            if self.is_kw("for") || self.is_kw("async") {
                let kpos = first.pos;
                let pair = mk(kpos, ExprKind::Tuple(vec![first, value]));
                let c = self.comprehension(pos, ComprehensionKind::Dict, pair)?;
                self.expect_op(b'}')?;
                return Ok(c);
            }
            let mut pairs = vec![(Some(first), value)];
            self.dict_rest(&mut pairs)?;
            return Ok(mk(pos, ExprKind::Dict(pairs)));
        }
        if self.is_kw("for") || self.is_kw("async") {
            let c = self.comprehension(pos, ComprehensionKind::Set, first)?;
            self.expect_op(b'}')?;
            return Ok(c);
        }
        let mut items = vec1(first);
        while self.eat_op(b',') {
            if self.is_op(b'}') {
                break;
            }
            items.push(self.star_expr()?);
        }
        self.expect_op(b'}')?;
        Ok(mk(pos, ExprKind::Set(items)))
    }

    fn dict_rest(&mut self, pairs: &mut Vec<(Option<Expr>, Expr)>) -> PResult<()> {
        while self.eat_op(b',') {
            if self.is_op(b'}') {
                break;
            }
            if self.eat_op(POW) {
                pairs.push((None, self.or_expr_level()?));
                continue;
            }
            let k = self.expression()?;
            self.expect_op(b':')?;
            let v = self.expression()?;
            pairs.push((Some(k), v));
        }
        self.expect_op(b'}')
    }

    /// The `for … in … if …` clauses after a comprehension's element (already parsed, in the
    /// enclosing scope's context: we re-check its awaits below).
    fn comprehension(&mut self, pos: Pos, kind: ComprehensionKind, element: Expr) -> PResult<Expr> {
        self.funcs.push(FnCtx {
            kind: FnKind::Comp,
            has_yield: false,
            has_await: element.suspends,
            has_return_value: false,
        });
        let r = self.comp_clauses();
        let ctx = self.funcs.pop().expect("pushed");
        let generators = r?;
        if generators.is_empty() {
            return Err(self.invalid());
        }
        let is_async = ctx.has_await || generators.iter().any(|g| g.is_async) || element.suspends;
        if is_async && kind != ComprehensionKind::Generator {
            // An async comprehension needs an async function around it (or top-level await).
            match self.funcs.iter().rev().find(|f| f.kind != FnKind::Comp) {
                None => self.top_await = true,
                Some(f) if f.kind == FnKind::Async => {}
                Some(_) => {
                    return Err(err(
                        "SyntaxError",
                        "asynchronous comprehension outside of an asynchronous function",
                        pos,
                    ))
                }
            }
            if let Some(f) = self.funcs.last_mut() {
                f.has_await = true;
            }
        }
        let name = match kind {
            ComprehensionKind::List => "<listcomp>",
            ComprehensionKind::Set => "<setcomp>",
            ComprehensionKind::Dict => "<dictcomp>",
            ComprehensionKind::Generator => "<genexpr>",
        };
        let function = Rc::new(FunctionDef {
            pos,
            name: Rc::from(name),
            params: Parameters::default(),
            body: vec![],
            decorators: vec![],
            is_async,
            is_generator: kind == ComprehensionKind::Generator,
            lambda_body: None,
            scope: RefCell::new(Scope::default()),
        });
        Ok(mk(
            pos,
            ExprKind::Comprehension { kind, element: Rc::new(element), generators: Rc::new(generators), function },
        ))
    }

    fn comp_clauses(&mut self) -> PResult<Vec<Comprehension>> {
        let mut gens = Vec::new();
        loop {
            let is_async = if self.is_kw("async") && matches!(self.tok_at(1), Tok::Name(n) if &**n == "for") {
                self.i += 1;
                true
            } else {
                false
            };
            if !self.eat_kw("for") {
                break;
            }
            let target = self.target_list()?;
            if !self.eat_kw("in") {
                return Err(self.invalid());
            }
            let iter = self.or_test()?;
            let mut ifs = Vec::new();
            while self.is_kw("if") {
                self.i += 1;
                ifs.push(self.or_test_no_cond()?);
            }
            if is_async {
                if let Some(f) = self.funcs.last_mut() {
                    f.has_await = true;
                }
            }
            gens.push(Comprehension { target, iter, ifs, is_async });
        }
        Ok(gens)
    }

    fn or_test_no_cond(&mut self) -> PResult<Expr> {
        self.or_test()
    }

    // ---- strings -------------------------------------------------------------------------

    /// Adjacent string literals, concatenated; any f-string among them makes an f-string.
    fn strings(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        let mut parts: Vec<FStringPart> = Vec::new();
        let mut any_f = false;
        let mut is_bytes: Option<bool> = None;
        let mut bytes_val: Vec<u8> = Vec::new();
        while let Tok::Str { value, bytes, fstring, raw } = self.tok().clone() {
            let tpos = self.pos();
            if let Some(b) = is_bytes {
                if b != bytes {
                    return Err(err("SyntaxError", "cannot mix bytes and nonbytes literals", tpos));
                }
            }
            is_bytes = Some(bytes);
            self.i += 1;
            if bytes {
                bytes_val.extend(value.chars().map(|c| c as u32 as u8));
                continue;
            }
            if fstring {
                any_f = true;
                let mut fp = self.fstring_parts(&value, raw, tpos)?;
                parts.append(&mut fp);
            } else {
                parts.push(FStringPart::Literal(value));
            }
        }
        if is_bytes == Some(true) {
            return Ok(mk(pos, ExprKind::Constant(Constant::Bytes(Rc::from(bytes_val)))));
        }
        // Merge adjacent literals.
        let mut merged: Vec<FStringPart> = Vec::new();
        for p in parts {
            if let (FStringPart::Literal(s), Some(FStringPart::Literal(prev))) = (&p, merged.last_mut()) {
                *prev = Rc::from(format!("{prev}{s}"));
                continue;
            }
            merged.push(p);
        }
        if !any_f {
            let text = match merged.into_iter().next() {
                Some(FStringPart::Literal(s)) => s,
                _ => Rc::from(""),
            };
            return Ok(mk(pos, ExprKind::Constant(Constant::Str(text))));
        }
        Ok(mk(pos, ExprKind::FString(merged)))
    }

    /// An f-string's raw text → literal pieces (escapes applied) and fields (parsed).
    fn fstring_parts(&mut self, raw_text: &str, raw: bool, pos: Pos) -> PResult<Vec<FStringPart>> {
        let chars: Vec<char> = raw_text.chars().collect();
        let mut parts = Vec::new();
        let mut lit = String::new();
        let mut k = 0;
        let flush = |lit: &mut String, parts: &mut Vec<FStringPart>, raw: bool| {
            if !lit.is_empty() {
                let text = if raw { lit.clone() } else { unescape(lit) };
                parts.push(FStringPart::Literal(Rc::from(text)));
                lit.clear();
            }
        };
        while k < chars.len() {
            let c = chars[k];
            if c == '{' {
                if chars.get(k + 1) == Some(&'{') {
                    lit.push('{');
                    k += 2;
                    continue;
                }
                flush(&mut lit, &mut parts, raw);
                let (field, next) = self.fstring_field(&chars, k + 1, raw, pos)?;
                parts.push(field);
                k = next;
                continue;
            }
            if c == '}' {
                if chars.get(k + 1) == Some(&'}') {
                    lit.push('}');
                    k += 2;
                    continue;
                }
                return Err(err("SyntaxError", "f-string: single '}' is not allowed", pos));
            }
            lit.push(c);
            k += 1;
        }
        flush(&mut lit, &mut parts, raw);
        Ok(parts)
    }

    /// One `{expr!c:spec}` field starting after its `{`; returns it and the index after its `}`.
    fn fstring_field(&mut self, chars: &[char], start: usize, raw: bool, pos: Pos) -> PResult<(FStringPart, usize)> {
        // Find the end of the expression: a `!`, `:` or `}` at depth 0, outside quotes.
        let mut depth = 0;
        let mut k = start;
        let mut quote: Option<char> = None;
        while k < chars.len() {
            let c = chars[k];
            if let Some(q) = quote {
                if c == q {
                    quote = None;
                }
                k += 1;
                continue;
            }
            match c {
                '\'' | '"' => quote = Some(c),
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' if depth > 0 => depth -= 1,
                '}' | ':' if depth == 0 => break,
                '!' if depth == 0 && chars.get(k + 1) != Some(&'=') => break,
                '\\' => return Err(err("SyntaxError", "f-string expression part cannot include a backslash", pos)),
                _ => {}
            }
            k += 1;
        }
        if k >= chars.len() {
            return Err(err("SyntaxError", "f-string: expecting '}'", pos));
        }
        let mut expr_text: String = chars[start..k].iter().collect();
        let mut debug_text = None;
        let trimmed = expr_text.trim_end();
        if trimmed.ends_with('=')
            && !trimmed.ends_with("==")
            && !trimmed.ends_with("!=")
            && !trimmed.ends_with("<=")
            && !trimmed.ends_with(">=")
        {
            debug_text = Some(Rc::from(expr_text.as_str()));
            let cut = trimmed.len() - 1;
            expr_text.truncate(cut);
        }
        if expr_text.trim().is_empty() {
            return Err(err("SyntaxError", "f-string: empty expression not allowed", pos));
        }
        let value = self.sub_expression(&expr_text, pos)?;
        let mut conversion = None;
        if chars[k] == '!' {
            let c = chars.get(k + 1).copied().unwrap_or('\0');
            if !matches!(c, 'r' | 's' | 'a') {
                return Err(err(
                    "SyntaxError",
                    "f-string: invalid conversion character: expected 's', 'r', or 'a'",
                    pos,
                ));
            }
            conversion = Some(c);
            k += 2;
        }
        let mut spec = Vec::new();
        if chars.get(k) == Some(&':') {
            // The spec runs to the matching `}`; it may hold nested fields.
            let mut j = k + 1;
            let mut d = 0;
            while j < chars.len() {
                match chars[j] {
                    '{' => d += 1,
                    '}' if d == 0 => break,
                    '}' => d -= 1,
                    _ => {}
                }
                j += 1;
            }
            if j >= chars.len() {
                return Err(err("SyntaxError", "f-string: expecting '}'", pos));
            }
            let spec_text: String = chars[k + 1..j].iter().collect();
            spec = self.fstring_parts(&spec_text, raw, pos)?;
            if fparts_suspend(&spec) {
                return Err(err(
                    "NotImplementedError",
                    "'await' inside an f-string's format spec is not supported by the playground yet",
                    pos,
                ));
            }
            k = j;
        }
        if chars.get(k) != Some(&'}') {
            return Err(err("SyntaxError", "f-string: expecting '}'", pos));
        }
        Ok((FStringPart::Field { value: boxed(value), conversion, spec, debug_text }, k + 1))
    }

    /// Parses the text of an f-string field as an expression, in the current function context.
    fn sub_expression(&mut self, text: &str, pos: Pos) -> PResult<Expr> {
        let wrapped = format!("({})", text.trim());
        let tokens = tokenize(&wrapped).map_err(|mut e| {
            e.pos = pos;
            e
        })?;
        let saved_toks = std::mem::replace(&mut self.toks, tokens);
        let saved_i = std::mem::replace(&mut self.i, 0);
        let r = self.expression();
        let ok = r.is_ok() && matches!(self.tok(), Tok::Newline | Tok::End);
        self.toks = saved_toks;
        self.i = saved_i;
        let mut e = r.map_err(|mut e| {
            e.pos = pos;
            if e.message == "invalid syntax" {
                e.message = "f-string: invalid syntax".into();
            }
            e
        })?;
        if !ok {
            return Err(err("SyntaxError", "f-string: invalid syntax", pos));
        }
        relocate(&mut e, pos);
        Ok(e)
    }
}

/// Moves an f-string field's positions onto the string's line.
fn relocate(e: &mut Expr, pos: Pos) {
    e.pos = pos;
}

fn defaults_suspend(p: &Parameters) -> bool {
    p.args.iter().chain(&p.kwonly).any(|a| a.default.as_ref().is_some_and(|d| d.suspends))
}

/// The precedence levels `Parser::binary` walks, loosest first: | ^ & << >> + - * / // % @.
const BINARY_LEVELS: usize = 6;

/// A binary operator's precedence level (`BINARY_LEVELS` for `**`, which `power` parses) and
/// meaning.
fn bin_op(op: Op) -> Option<(usize, BinOp)> {
    Some(match op {
        b'|' => (0, BinOp::BitOr),
        b'^' => (1, BinOp::BitXor),
        b'&' => (2, BinOp::BitAnd),
        LSHIFT => (3, BinOp::LShift),
        RSHIFT => (3, BinOp::RShift),
        b'+' => (4, BinOp::Add),
        b'-' => (4, BinOp::Sub),
        b'*' => (5, BinOp::Mult),
        b'/' => (5, BinOp::Div),
        FLOORDIV => (5, BinOp::FloorDiv),
        b'%' => (5, BinOp::Mod),
        b'@' => (5, BinOp::MatMult),
        POW => (BINARY_LEVELS, BinOp::Pow),
        _ => return None,
    })
}

/// An augmented assignment's operator (`+=` → `Add`).
fn aug_op(op: Op) -> Option<BinOp> {
    if op & AUG == 0 {
        return None;
    }
    bin_op(op & !AUG).map(|(_, bin)| bin)
}

fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Tuple(_) => "tuple",
        ExprKind::List(_) => "list",
        ExprKind::Call { .. } => "function call",
        ExprKind::Constant(_) => "literal",
        ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::Lambda(_) => "lambda",
        ExprKind::Await(_) => "await expression",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::FString(_) => "f-string expression",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::Comprehension { .. } => "comprehension",
        _ => "expression",
    }
}

/// The escapes of a (non-raw) f-string's literal text.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some('\'') => out.push('\''),
            Some('"') => out.push('"'),
            Some('\n') => {}
            Some('0') => out.push('\0'),
            Some('x') => {
                let h: String = (0..2).filter_map(|_| it.next()).collect();
                match u32::from_str_radix(&h, 16).ok().and_then(char::from_u32) {
                    Some(ch) => out.push(ch),
                    None => out.push_str(&format!("\\x{h}")),
                }
            }
            Some('u') => {
                let h: String = (0..4).filter_map(|_| it.next()).collect();
                match u32::from_str_radix(&h, 16).ok().and_then(char::from_u32) {
                    Some(ch) => out.push(ch),
                    None => out.push_str(&format!("\\u{h}")),
                }
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[allow(dead_code)]
fn unused(_: Cell<u8>) {}
