//! Name resolution, once after parsing (CPython's symtable): decides for every name whether it is
//! a fast local, a cell (a local captured by an inner function, or a free variable of one), a
//! global, or a namespace name (module level, class bodies), and lays out each function's frame.

use std::collections::HashSet;
use std::rc::Rc;

use super::ast::{
    ArgKind, Comprehension, Expr, ExprKind, FStringPart, FunctionDef, Module, Name, NameScope, Stmt, StmtKind,
};

/// A scope that gets its own frame: a `def`, a lambda, or a comprehension.
#[derive(Clone, Copy)]
enum Body<'a> {
    Def(&'a Rc<FunctionDef>),
    Comp { def: &'a Rc<FunctionDef>, element: &'a Expr, generators: &'a [Comprehension] },
}

impl<'a> Body<'a> {
    fn def(&self) -> &'a Rc<FunctionDef> {
        match self {
            Body::Def(d) | Body::Comp { def: d, .. } => d,
        }
    }
}

/// What one walk of a scope's own code (not nested scopes) sees.
trait Visit<'a> {
    fn load(&mut self, name: &'a Name);
    fn store(&mut self, name: &'a Name);
    fn store_id(&mut self, id: &'a Rc<str>);
    fn declare(&mut self, _global: bool, _names: &'a [Rc<str>]) {}
    fn scope(&mut self, body: Body<'a>);
    /// A class body: its names live in a namespace; its functions skip it when closing over names.
    fn class(&mut self, body: &'a [Stmt]);
}

fn walk_stmts<'a>(v: &mut dyn Visit<'a>, stmts: &'a [Stmt]) {
    for s in stmts {
        walk_stmt(v, s);
    }
}

fn walk_stmt<'a>(v: &mut dyn Visit<'a>, s: &'a Stmt) {
    match &s.kind {
        StmtKind::Expr(e) => walk_expr(v, e),
        StmtKind::Assign { targets, value } => {
            walk_expr(v, value);
            for t in targets {
                walk_target(v, t);
            }
        }
        StmtKind::AugAssign { target, value, .. } => {
            walk_expr(v, value);
            if let ExprKind::Name(n) = &target.kind {
                v.load(n);
            }
            walk_target(v, target);
        }
        StmtKind::AnnAssign { target, value, .. } => {
            if let Some(value) = value {
                walk_expr(v, value);
                walk_target(v, target);
            }
        }
        StmtKind::FunctionDef(def) => {
            for d in &def.decorators {
                walk_expr(v, d);
            }
            walk_defaults(v, def);
            v.store_id(&def.name);
            v.scope(Body::Def(def));
        }
        StmtKind::ClassDef(def) => {
            for d in def.decorators.iter().chain(&def.bases) {
                walk_expr(v, d);
            }
            v.store_id(&def.name);
            v.class(&def.body);
        }
        StmtKind::Return(e) => {
            if let Some(e) = e {
                walk_expr(v, e);
            }
        }
        StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
            walk_expr(v, test);
            walk_stmts(v, body);
            walk_stmts(v, orelse);
        }
        StmtKind::For { target, iter, body, orelse, .. } => {
            walk_expr(v, iter);
            walk_target(v, target);
            walk_stmts(v, body);
            walk_stmts(v, orelse);
        }
        StmtKind::Try { body, handlers, orelse, finalbody, .. } => {
            walk_stmts(v, body);
            for h in handlers {
                if let Some(t) = &h.typ {
                    walk_expr(v, t);
                }
                if let Some(n) = &h.name {
                    v.store(n);
                }
                walk_stmts(v, &h.body);
            }
            walk_stmts(v, orelse);
            walk_stmts(v, finalbody);
        }
        StmtKind::Raise { exc, cause } => {
            for e in [exc, cause].into_iter().flatten() {
                walk_expr(v, e);
            }
        }
        StmtKind::With { items, body, .. } => {
            for item in items {
                walk_expr(v, &item.context);
                if let Some(t) = &item.target {
                    walk_target(v, t);
                }
            }
            walk_stmts(v, body);
        }
        StmtKind::Assert { test, msg } => {
            walk_expr(v, test);
            if let Some(m) = msg {
                walk_expr(v, m);
            }
        }
        StmtKind::Delete(targets) => {
            for t in targets {
                walk_target(v, t);
            }
        }
        StmtKind::Global(names) => v.declare(true, names),
        StmtKind::Nonlocal(names) => v.declare(false, names),
        StmtKind::Import(names) => {
            for (module, alias) in names {
                match alias {
                    Some(a) => v.store_id(a),
                    None => v.store_id(module),
                }
            }
        }
        StmtKind::ImportFrom { names, .. } => {
            for (name, alias) in names {
                v.store_id(alias.as_ref().unwrap_or(name));
            }
        }
        StmtKind::Break | StmtKind::Continue | StmtKind::Pass => {}
    }
}

fn walk_defaults<'a>(v: &mut dyn Visit<'a>, def: &'a FunctionDef) {
    for p in def.params.args.iter().chain(&def.params.kwonly) {
        if let Some(d) = &p.default {
            walk_expr(v, d);
        }
    }
}

fn walk_target<'a>(v: &mut dyn Visit<'a>, t: &'a Expr) {
    match &t.kind {
        ExprKind::Name(n) => v.store(n),
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            for i in items {
                walk_target(v, i);
            }
        }
        ExprKind::Starred(inner) => walk_target(v, inner),
        _ => walk_expr(v, t),
    }
}

fn walk_expr<'a>(v: &mut dyn Visit<'a>, e: &'a Expr) {
    match &e.kind {
        ExprKind::Constant(_) => {}
        ExprKind::Name(n) => v.load(n),
        ExprKind::FString(parts) => walk_fstring(v, parts),
        ExprKind::Attribute { value, .. } => walk_expr(v, value),
        ExprKind::Subscript { value, index } => {
            walk_expr(v, value);
            walk_expr(v, index);
        }
        ExprKind::Slice { lower, upper, step } => {
            for p in [lower, upper, step].into_iter().flatten() {
                walk_expr(v, p);
            }
        }
        ExprKind::Call { func, args } => {
            walk_expr(v, func);
            for a in args {
                match &a.kind {
                    ArgKind::Positional(x) | ArgKind::Star(x) | ArgKind::Keyword(_, x) | ArgKind::DoubleStar(x) => {
                        walk_expr(v, x)
                    }
                }
            }
        }
        ExprKind::BinOp { left, right, .. } => {
            walk_expr(v, left);
            walk_expr(v, right);
        }
        ExprKind::UnaryOp { operand, .. } => walk_expr(v, operand),
        ExprKind::BoolOp { values, .. } => {
            for x in values {
                walk_expr(v, x);
            }
        }
        ExprKind::Compare { left, ops } => {
            walk_expr(v, left);
            for (_, x) in ops {
                walk_expr(v, x);
            }
        }
        ExprKind::IfExp { test, body, orelse } => {
            walk_expr(v, test);
            walk_expr(v, body);
            walk_expr(v, orelse);
        }
        ExprKind::Lambda(def) => {
            walk_defaults(v, def);
            v.scope(Body::Def(def));
        }
        ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
            for x in items {
                walk_expr(v, x);
            }
        }
        ExprKind::Dict(pairs) => {
            for (k, x) in pairs {
                if let Some(k) = k {
                    walk_expr(v, k);
                }
                walk_expr(v, x);
            }
        }
        ExprKind::Starred(x) | ExprKind::Await(x) | ExprKind::YieldFrom(x) => walk_expr(v, x),
        ExprKind::Yield(x) => {
            if let Some(x) = x {
                walk_expr(v, x);
            }
        }
        ExprKind::Comprehension { element, generators, function, .. } => {
            // The first iterable is evaluated in the enclosing scope, as CPython does.
            walk_expr(v, &generators[0].iter);
            v.scope(Body::Comp { def: function, element, generators });
        }
        ExprKind::NamedExpr { target, value } => {
            walk_expr(v, value);
            walk_target(v, target);
        }
    }
}

fn walk_fstring<'a>(v: &mut dyn Visit<'a>, parts: &'a [FStringPart]) {
    for p in parts {
        if let FStringPart::Field { value, spec, .. } = p {
            walk_expr(v, value);
            walk_fstring(v, spec);
        }
    }
}

/// Walks the own code of a scope (parameters are bound by the caller).
fn walk_body<'a>(v: &mut dyn Visit<'a>, body: Body<'a>) {
    match body {
        Body::Def(def) => {
            if let Some(e) = &def.lambda_body {
                walk_expr(v, e);
            }
            walk_stmts(v, &def.body);
        }
        Body::Comp { element, generators, .. } => {
            for (i, g) in generators.iter().enumerate() {
                if i > 0 {
                    walk_expr(v, &g.iter);
                }
                walk_target(v, &g.target);
                for c in &g.ifs {
                    walk_expr(v, c);
                }
            }
            walk_expr(v, element);
        }
    }
}

/// Pass 1: what a scope binds and uses, and what it and its nested scopes need from outside.
#[derive(Default)]
struct Symbols<'a> {
    assigned: Vec<Rc<str>>,
    used: HashSet<Rc<str>>,
    globals: HashSet<Rc<str>>,
    nonlocals: HashSet<Rc<str>>,
    children: Vec<(Body<'a>, Symbols<'a>)>,
    /// Children found inside class bodies (they close over this scope, not the class).
    class_children: Vec<(Body<'a>, Symbols<'a>)>,
    in_class: usize,
}

impl<'a> Symbols<'a> {
    fn of(body: Body<'a>) -> Symbols<'a> {
        let mut s = Symbols::default();
        for p in params(body.def()) {
            s.assigned.push(p.clone());
        }
        walk_body(&mut s, body);
        s
    }

    /// Names this scope (with its descendants) takes from enclosing scopes.
    fn needs(&self) -> HashSet<Rc<str>> {
        let mut out: HashSet<Rc<str>> = HashSet::new();
        for u in &self.used {
            if !self.assigned.contains(u) && !self.globals.contains(u) {
                out.insert(u.clone());
            }
        }
        for n in &self.nonlocals {
            out.insert(n.clone());
        }
        for (_, c) in self.children.iter().chain(&self.class_children) {
            for n in c.needs() {
                if (!self.assigned.contains(&n) || self.nonlocals.contains(&n)) && !self.globals.contains(&n) {
                    out.insert(n);
                }
            }
        }
        out
    }
}

impl<'a> Visit<'a> for Symbols<'a> {
    fn load(&mut self, name: &'a Name) {
        if self.in_class == 0 {
            self.used.insert(name.id.clone());
        }
    }
    fn store(&mut self, name: &'a Name) {
        self.store_id(&name.id);
    }
    fn store_id(&mut self, id: &'a Rc<str>) {
        if self.in_class == 0
            && !self.assigned.contains(id)
            && !self.nonlocals.contains(id)
            && !self.globals.contains(id)
        {
            self.assigned.push(id.clone());
        }
    }
    fn declare(&mut self, global: bool, names: &'a [Rc<str>]) {
        if self.in_class > 0 {
            return;
        }
        for n in names {
            self.assigned.retain(|a| a != n);
            if global {
                self.globals.insert(n.clone());
            } else {
                self.nonlocals.insert(n.clone());
            }
        }
    }
    fn scope(&mut self, body: Body<'a>) {
        let child = Symbols::of(body);
        if self.in_class > 0 {
            self.class_children.push((body, child));
        } else {
            self.children.push((body, child));
        }
    }
    fn class(&mut self, body: &'a [Stmt]) {
        self.in_class += 1;
        walk_stmts(self, body);
        self.in_class -= 1;
    }
}

fn params(def: &FunctionDef) -> Vec<Rc<str>> {
    let p = &def.params;
    let mut out: Vec<Rc<str>> = p.args.iter().map(|a| a.name.clone()).collect();
    out.extend(p.vararg.iter().map(|a| a.name.clone()));
    out.extend(p.kwonly.iter().map(|a| a.name.clone()));
    out.extend(p.kwarg.iter().map(|a| a.name.clone()));
    out
}

/// Pass 2: sets every name's scope inside one scope's own code.
struct Assign<'s> {
    fast: &'s [Rc<str>],
    cells: &'s [Rc<str>],
    globals: &'s HashSet<Rc<str>>,
    /// Module level or a class body: names not otherwise bound are namespace names.
    namespace: bool,
    in_class: usize,
}

impl Assign<'_> {
    fn resolve(&self, name: &Name) {
        if self.in_class > 0 || (self.namespace && !self.cells.contains(&name.id)) {
            name.scope.set(NameScope::Name);
            return;
        }
        let scope = if self.globals.contains(&name.id) {
            NameScope::Global
        } else if let Some(i) = self.cells.iter().position(|c| *c == name.id) {
            NameScope::Cell(i as u32)
        } else if let Some(i) = self.fast.iter().position(|c| *c == name.id) {
            NameScope::Fast(i as u32)
        } else {
            NameScope::Global
        };
        name.scope.set(scope);
    }
}

impl<'a> Visit<'a> for Assign<'_> {
    fn load(&mut self, name: &'a Name) {
        self.resolve(name);
    }
    fn store(&mut self, name: &'a Name) {
        self.resolve(name);
    }
    fn store_id(&mut self, _id: &'a Rc<str>) {}
    fn scope(&mut self, _body: Body<'a>) {}
    fn class(&mut self, body: &'a [Stmt]) {
        self.in_class += 1;
        walk_stmts(self, body);
        self.in_class -= 1;
    }
}

/// Lays out one scope's frame and resolves its names, then its children's.
/// `outer` holds the names available from enclosing function scopes and `outer_cells` the
/// enclosing frame's cells (what a `def` here captures from).
fn layout(body: Body<'_>, symbols: &Symbols<'_>, outer: &HashSet<Rc<str>>, outer_cells: &[Rc<str>]) {
    let def = body.def();
    let params = params(def);
    let mut child_needs: HashSet<Rc<str>> = HashSet::new();
    for (_, c) in symbols.children.iter().chain(&symbols.class_children) {
        child_needs.extend(c.needs());
    }
    let locals: Vec<Rc<str>> = symbols
        .assigned
        .iter()
        .filter(|n| !symbols.globals.contains(*n) && !symbols.nonlocals.contains(*n))
        .cloned()
        .collect();
    let own_cells: Vec<Rc<str>> = locals.iter().filter(|n| child_needs.contains(*n)).cloned().collect();
    let mut needs: Vec<Rc<str>> = symbols.needs().into_iter().filter(|n| outer.contains(n)).collect();
    crate::sort::sort_by_text(&mut needs, |name| name);
    let mut fast: Vec<Rc<str>> = params.clone();
    fast.extend(locals.iter().filter(|n| !params.contains(n) && !own_cells.contains(n)).cloned());
    let mut cells = own_cells.clone();
    cells.extend(needs.iter().cloned());
    {
        let mut scope = def.scope.borrow_mut();
        scope.cell_params = own_cells
            .iter()
            .enumerate()
            .filter_map(|(ci, n)| params.iter().position(|p| p == n).map(|pi| (ci as u32, pi as u32)))
            .collect();
        scope.own_cells = own_cells.len() as u32;
        scope.captures =
            needs.iter().filter_map(|n| outer_cells.iter().position(|c| c == n).map(|i| i as u32)).collect();
        scope.fast = fast.clone();
        scope.cells = cells.clone();
    }
    let mut assign = Assign { fast: &fast, cells: &cells, globals: &symbols.globals, namespace: false, in_class: 0 };
    walk_body(&mut assign, body);
    let mut inner: HashSet<Rc<str>> = outer.clone();
    inner.extend(locals.iter().cloned());
    for (child_body, child) in symbols.children.iter().chain(&symbols.class_children) {
        layout(*child_body, child, &inner, &cells);
    }
}

/// Resolves every name of a parsed module.
pub fn resolve(module: &Module) {
    let mut symbols = Symbols::default();
    walk_stmts(&mut symbols, &module.body);
    let empty = HashSet::new();
    let mut assign = Assign { fast: &[], cells: &[], globals: &empty, namespace: true, in_class: 0 };
    walk_stmts(&mut assign, &module.body);
    for (body, child) in symbols.children.iter().chain(&symbols.class_children) {
        layout(*body, child, &empty, &[]);
    }
}
