//! The syntax tree of the playground's Python subset: what `parser.rs` builds and `eval` walks.
//!
//! Every node carries the position it starts at (1-based line and column, as CPython reports them),
//! so a runtime error, a traceback line or a "not supported yet" points at the source. Names are
//! resolved to storage places once, after parsing (`resolve.rs` fills `Name::scope` and each
//! function's `Scope`), so the evaluator never searches scopes by string at run time except for
//! globals and builtins.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// A place in the source: 1-based line and 1-based column (in characters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// Where a name lives, decided by `resolve.rs` (CPython's LOAD_FAST / LOAD_DEREF / LOAD_GLOBAL /
/// LOAD_NAME).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NameScope {
    /// Not resolved yet (the parser's output).
    #[default]
    Unresolved,
    /// A local slot of the current frame (`frame.fast[i]`).
    Fast(u32),
    /// A cell of the current frame: its own captured locals first, then the free variables it
    /// closes over (`frame.cells[i]`).
    Cell(u32),
    /// Module globals, then builtins.
    Global,
    /// Module level and class bodies: the namespace being built, then globals, then builtins.
    Name,
}

/// A name occurrence in an expression.
#[derive(Debug)]
pub struct Name {
    pub id: Rc<str>,
    pub scope: Cell<NameScope>,
}

impl Name {
    pub fn new(id: &str) -> Name {
        Name { id: Rc::from(id), scope: Cell::new(NameScope::Unresolved) }
    }
}

#[derive(Debug)]
pub struct Expr {
    pub pos: Pos,
    /// True when evaluating this expression may suspend: it contains `await`, `yield`, or an async
    /// comprehension (outside nested function bodies). The evaluator takes its fast, synchronous
    /// path for everything else.
    pub suspends: bool,
    pub kind: ExprKind,
}

#[derive(Debug)]
pub enum ExprKind {
    /// `None`, `True`, `False`, numbers, strings, bytes, `...`.
    Constant(Constant),
    /// An f-string: literal pieces and replacement fields, in order.
    FString(Vec<FStringPart>),
    Name(Name),
    Attribute {
        value: Box<Expr>,
        attr: Rc<str>,
    },
    Subscript {
        value: Box<Expr>,
        index: Box<Expr>,
    },
    /// `a:b:c` inside a subscript; any part may be missing.
    Slice {
        lower: Option<Box<Expr>>,
        upper: Option<Box<Expr>>,
        step: Option<Box<Expr>>,
    },
    Call {
        func: Box<Expr>,
        args: Vec<Arg>,
    },
    BinOp {
        left: Box<Expr>,
        op: BinOp,
        right: Box<Expr>,
    },
    UnaryOp {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    /// `a and b and c` / `a or b`: evaluated left to right with short-circuit.
    BoolOp {
        op: BoolOp,
        values: Vec<Expr>,
    },
    /// `a < b <= c`: a chain, each operand evaluated once.
    Compare {
        left: Box<Expr>,
        ops: Vec<(CmpOp, Expr)>,
    },
    /// `body if test else orelse`.
    IfExp {
        test: Box<Expr>,
        body: Box<Expr>,
        orelse: Box<Expr>,
    },
    Lambda(Rc<FunctionDef>),
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    Set(Vec<Expr>),
    /// `{k: v, **other}`: a `None` key is a `**` unpacking of the value.
    Dict(Vec<(Option<Expr>, Expr)>),
    /// `*x` inside a list/tuple/set display, a call's positional arguments, or an assignment target.
    Starred(Box<Expr>),
    /// A comprehension, run as an implicit function (its own scope, as in Python 3): `function` is
    /// that function (its body is empty; `resolve.rs` gives it a `Scope`), `generators` the `for`
    /// clauses in order. For a generator expression the first clause's iterable is evaluated in the
    /// enclosing scope, as CPython does.
    Comprehension {
        kind: ComprehensionKind,
        /// Shared (`Rc`): a generator expression's generator outlives the evaluation that made it.
        element: Rc<Expr>,
        generators: Rc<Vec<Comprehension>>,
        function: Rc<FunctionDef>,
    },
    Await(Box<Expr>),
    Yield(Option<Box<Expr>>),
    YieldFrom(Box<Expr>),
    /// `name := value`.
    NamedExpr {
        target: Box<Expr>,
        value: Box<Expr>,
    },
}

#[derive(Debug, Clone)]
pub enum Constant {
    None,
    Bool(bool),
    Int(i64),
    /// An integer literal too large for i64, as its decimal digits.
    BigInt(Rc<str>),
    Float(f64),
    /// `2j`: parsed so that the error can say complex numbers are not supported.
    Imaginary(f64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    Ellipsis,
}

#[derive(Debug)]
pub enum FStringPart {
    Literal(Rc<str>),
    Field {
        value: Box<Expr>,
        /// `!r`, `!s`, `!a`.
        conversion: Option<char>,
        /// The format spec after `:`, itself an f-string (`{x:>{width}}`); empty when absent.
        spec: Vec<FStringPart>,
        /// `f"{x=}"`: the text `x=` to print before the value.
        debug_text: Option<Rc<str>>,
    },
}

#[derive(Debug)]
pub struct Arg {
    pub pos: Pos,
    pub kind: ArgKind,
}

#[derive(Debug)]
pub enum ArgKind {
    Positional(Expr),
    /// `*args`.
    Star(Expr),
    /// `name=value`.
    Keyword(Rc<str>, Expr),
    /// `**kwargs`.
    DoubleStar(Expr),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mult,
    MatMult,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Not,
    Neg,
    Pos,
    Invert,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoolOp {
    And,
    Or,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComprehensionKind {
    List,
    Set,
    Dict,
    Generator,
}

/// One `for target in iter if cond if cond` clause of a comprehension.
#[derive(Debug)]
pub struct Comprehension {
    pub target: Expr,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
    pub is_async: bool,
}

#[derive(Debug)]
pub struct Stmt {
    pub pos: Pos,
    /// As `Expr::suspends`: true when executing this statement may suspend (an `await`, `yield`,
    /// `async for` or `async with` in it, outside nested function bodies).
    pub suspends: bool,
    pub kind: StmtKind,
}

#[derive(Debug)]
pub enum StmtKind {
    Expr(Expr),
    /// `a = b = value`: every target gets the value, left to right.
    Assign {
        targets: Vec<Expr>,
        value: Expr,
    },
    AugAssign {
        target: Expr,
        op: BinOp,
        value: Expr,
    },
    /// `x: int = 3` (the annotation is parsed and ignored); `x: int` alone assigns nothing.
    AnnAssign {
        target: Expr,
        annotation: Expr,
        value: Option<Expr>,
    },
    FunctionDef(Rc<FunctionDef>),
    ClassDef(Rc<ClassDef>),
    Return(Option<Expr>),
    If {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    While {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    For {
        target: Expr,
        iter: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
        is_async: bool,
    },
    Break,
    Continue,
    Pass,
    /// `try`; `is_star` for `except*`.
    Try {
        body: Vec<Stmt>,
        handlers: Vec<Handler>,
        orelse: Vec<Stmt>,
        finalbody: Vec<Stmt>,
        is_star: bool,
    },
    Raise {
        exc: Option<Expr>,
        cause: Option<Expr>,
    },
    With {
        items: Vec<WithItem>,
        body: Vec<Stmt>,
        is_async: bool,
    },
    Assert {
        test: Expr,
        msg: Option<Expr>,
    },
    Delete(Vec<Expr>),
    Global(Vec<Rc<str>>),
    Nonlocal(Vec<Rc<str>>),
    /// `import a.b as c, d`: (dotted module name, alias).
    Import(Vec<(Rc<str>, Option<Rc<str>>)>),
    /// `from module import a as b, c`; `*` is refused by the parser.
    ImportFrom {
        module: Rc<str>,
        names: Vec<(Rc<str>, Option<Rc<str>>)>,
    },
}

#[derive(Debug)]
pub struct Handler {
    pub pos: Pos,
    /// `except:` has no type.
    pub typ: Option<Expr>,
    pub name: Option<Name>,
    pub body: Vec<Stmt>,
}

#[derive(Debug)]
pub struct WithItem {
    pub context: Expr,
    pub target: Option<Expr>,
}

#[derive(Debug, Default)]
pub struct Parameters {
    /// Positional-or-keyword (and positional-only, before `/`: treated alike).
    pub args: Vec<Parameter>,
    pub vararg: Option<Parameter>,
    pub kwonly: Vec<Parameter>,
    pub kwarg: Option<Parameter>,
}

#[derive(Debug)]
pub struct Parameter {
    pub pos: Pos,
    pub name: Rc<str>,
    /// The default, evaluated once when the `def` runs.
    pub default: Option<Expr>,
}

/// A function body's storage layout, filled in by `resolve.rs`.
#[derive(Debug, Default)]
pub struct Scope {
    /// Names of the fast slots, parameters first (in `Parameters` order: args, vararg, kwonly,
    /// kwarg), then the other locals.
    pub fast: Vec<Rc<str>>,
    /// Names of the cells: this function's own captured locals, then the free variables.
    pub cells: Vec<Rc<str>>,
    /// For each own cell that is a parameter, the fast slot its value is copied from at call time.
    pub cell_params: Vec<(u32, u32)>,
    /// How many of `cells` are this function's own (the rest are free variables, taken from the
    /// closure in order).
    pub own_cells: u32,
    /// For each free variable, where the defining scope keeps it (a cell index of the enclosing
    /// frame), in order: what `def` captures when it runs.
    pub captures: Vec<u32>,
}

#[derive(Debug)]
pub struct FunctionDef {
    pub pos: Pos,
    /// `<lambda>`, `<listcomp>`, `<genexpr>`… for implicit functions.
    pub name: Rc<str>,
    pub params: Parameters,
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
    pub is_async: bool,
    /// The body contains `yield` (a generator, or with `is_async` an async generator).
    pub is_generator: bool,
    /// For a lambda: the expression it returns (its `body` is empty).
    pub lambda_body: Option<Box<Expr>>,
    pub scope: RefCell<Scope>,
}

#[derive(Debug)]
pub struct ClassDef {
    pub pos: Pos,
    pub name: Rc<str>,
    pub bases: Vec<Expr>,
    /// `class C(metaclass=...)` and other keywords are refused by the parser.
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
}

/// A parsed program: the module's statements.
#[derive(Debug)]
pub struct Module {
    pub body: Vec<Stmt>,
    /// The module body awaits at top level (the chapter's `await main()`): it runs as a coroutine.
    pub top_level_await: bool,
    /// Fast slots of module-level code (none: module names are `NameScope::Name`; kept for
    /// symmetry with functions and used by nothing else).
    pub scope: RefCell<Scope>,
}

/// A located error from parsing or resolving: CPython's exception class and message.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    /// `SyntaxError`, `IndentationError`, `TabError` or `NotImplementedError`.
    pub kind: &'static str,
    pub message: String,
    pub pos: Pos,
}
