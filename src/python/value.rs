//! The interpreter's object model: `Value` (every Python object a program can hold), classes and
//! instances, functions, dicts and sets with Python's key equality (`1 == 1.0 == True`), and the
//! exception that travels through Rust's `Result` (`Exc`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::rc::{Rc, Weak};

use super::ast::{ClassDef, FunctionDef};
use super::native::Native;

/// A Python object. Immutable values are held inline or behind `Rc`; mutable ones behind
/// `Rc<RefCell<…>>`, so cloning a `Value` is cloning a reference, as in Python.
#[derive(Clone)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    /// An int beyond 64 bits (never one that fits in an `i64`: see `Value::from_big`).
    BigInt(Rc<super::bigint::BigInt>),
    Float(f64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    List(Rc<RefCell<Vec<Value>>>),
    Tuple(Rc<[Value]>),
    Dict(Rc<RefCell<Dict>>),
    Set(Rc<RefCell<Dict>>),
    Range(Rc<Range>),
    Slice(Rc<[Value; 3]>),
    Function(Rc<Function>),
    /// A built-in function or method: `print`, `asyncio.sleep`, `"a".upper` (bound to `self_`).
    Builtin(Rc<Builtin>),
    /// A Python function bound to an instance (`obj.method`).
    Method(Rc<(Value, Value)>),
    Class(Rc<Class>),
    Instance(Rc<Instance>),
    Module(Rc<Module>),
    /// Objects implemented in Rust: coroutines, generators, iterators, tasks, queues, locks…
    Native(Rc<Native>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl Range {
    pub fn len(&self) -> i64 {
        if self.step > 0 && self.start < self.stop {
            (self.stop - self.start - 1) / self.step + 1
        } else if self.step < 0 && self.start > self.stop {
            (self.start - self.stop - 1) / (-self.step) + 1
        } else {
            0
        }
    }

    pub fn get(&self, i: i64) -> i64 {
        self.start + i * self.step
    }
}

/// A closure cell: `None` while the variable is unbound.
pub type CellRef = Rc<RefCell<Option<Value>>>;

/// A built-in callable: which one (`id`, dispatched by `builtins.rs`, `methods.rs` or a module), its
/// Python name for messages and reprs, and the object it is bound to, if any.
pub struct Builtin {
    pub name: &'static str,
    pub id: BuiltinId,
    pub self_: Option<Value>,
}

/// The families of built-in callables; each family dispatches on the name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuiltinId {
    /// A builtin function (`print`, `len`, …).
    Function,
    /// A method of a builtin type (`str.upper`), bound to `self_`.
    Method,
    /// A function of a module (`asyncio.sleep`, `time.time`, `random.random`).
    Module(&'static str),
    /// A method of a `Native` object (`task.cancel`), bound to `self_`.
    NativeMethod,
}

pub struct Function {
    pub def: Rc<FunctionDef>,
    pub globals: Rc<Namespace>,
    pub defaults: Vec<Value>,
    pub kw_defaults: Vec<Option<Value>>,
    /// The cells this function closes over, in `def.scope.cells` order after its own cells.
    pub closure: Vec<CellRef>,
    /// `Outer.method` for a method, for reprs and tracebacks.
    pub qualname: Rc<str>,
    /// The class whose body defined this function: what a zero-argument `super()` means.
    pub class: RefCell<Option<std::rc::Weak<Class>>>,
}

/// Objects of one kind a run made, held weakly: what `Interp::release` empties when the run is over
/// to break the cycles among them that no root leads to any more (garbage that only CPython's cycle
/// collector would free). Those that were freed are forgotten when the list has doubled since the
/// last time, so it stays proportional to the live ones.
pub struct WeakList<T> {
    items: Vec<Weak<T>>,
    alive: usize,
}

impl<T> Default for WeakList<T> {
    fn default() -> Self {
        WeakList { items: Vec::new(), alive: 0 }
    }
}

impl<T> WeakList<T> {
    pub fn push(&mut self, item: &Rc<T>) {
        if self.items.len() >= 2 * self.alive.max(16) {
            self.items.retain(|w| w.strong_count() > 0);
            self.alive = self.items.len();
        }
        self.items.push(Rc::downgrade(item));
    }

    /// Every one still alive; the list is left empty.
    pub fn take(&mut self) -> Vec<Rc<T>> {
        self.alive = 0;
        std::mem::take(&mut self.items).iter().filter_map(Weak::upgrade).collect()
    }
}

/// A map by Python name (a namespace, an object's attributes), hashed with FxHash (rustc's own):
/// names are short and come from the program, and SipHash's rounds were a third of the time of a
/// name lookup (perf on 44.5's `while time.perf_counter() < end` loop).
pub type Names = HashMap<Rc<str>, Value, std::hash::BuildHasherDefault<NameHasher>>;

#[derive(Default)]
pub struct NameHasher(u64);

impl NameHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.add(u64::from_le_bytes([word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7]]));
        }
        for &b in words.remainder() {
            self.add(u64::from(b));
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A namespace: module globals, a class body under construction.
#[derive(Default)]
pub struct Namespace {
    pub vars: RefCell<Names>,
}

impl Namespace {
    pub fn get(&self, name: &str) -> Option<Value> {
        self.vars.borrow().get(name).cloned()
    }

    pub fn set(&self, name: Rc<str>, value: Value) {
        self.vars.borrow_mut().insert(name, value);
    }
}

pub struct Module {
    pub name: &'static str,
    pub attrs: Namespace,
}

/// A class, user-defined or built in (`int`, `ValueError`, `asyncio.Queue`).
pub struct Class {
    pub name: Rc<str>,
    pub bases: Vec<Rc<Class>>,
    /// The method resolution order after this class itself (C3 for user classes). The class is
    /// not in its own list: an `Rc` to itself would be a cycle, and no class would ever be freed.
    pub ancestors: Vec<Rc<Class>>,
    pub attrs: RefCell<Names>,
    /// For built-in classes: which one, to construct and type-check without looking at names.
    pub builtin: Option<BuiltinClass>,
    /// The class statement it came from (None for built-in classes).
    pub def: Option<Rc<ClassDef>>,
    /// `asyncio` for `asyncio.Queue`: in reprs (`<class 'asyncio.queues.Queue'>` is shortened).
    pub module: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuiltinClass {
    Object,
    Type,
    NoneType,
    Bool,
    Int,
    Float,
    Str,
    Bytes,
    List,
    Tuple,
    Dict,
    Set,
    Range,
    Slice,
    Function,
    BuiltinFunction,
    Module,
    Coroutine,
    Generator,
    AsyncGenerator,
    Iterator,
    /// An exception class (BaseException and every built-in subclass).
    Exception,
    /// An object implemented in Rust (`asyncio.Queue`, `asyncio.Task`, …).
    Native,
}

impl Class {
    /// The whole method resolution order (`__mro__`): this class, then its ancestors.
    pub fn mro(self: &Rc<Class>) -> Vec<Rc<Class>> {
        std::iter::once(self.clone()).chain(self.ancestors.iter().cloned()).collect()
    }

    pub fn is_subclass(&self, other: &Class) -> bool {
        std::ptr::eq(self, other) || self.ancestors.iter().any(|c| std::ptr::eq(&**c, other))
    }

    pub fn lookup(&self, name: &str) -> Option<Value> {
        for class in std::iter::once(self).chain(self.ancestors.iter().map(|c| &**c)) {
            if let Some(v) = class.attrs.borrow().get(name) {
                return Some(v.clone());
            }
        }
        None
    }
}

impl fmt::Debug for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<class '{}'>", self.name)
    }
}

pub struct Instance {
    pub class: Rc<Class>,
    pub attrs: RefCell<Names>,
}

/// A Python exception in flight: the exception object and where it went through.
#[derive(Clone)]
pub struct Exc {
    /// An `Instance` of a class derived from `BaseException`.
    pub value: Value,
    /// Frames it went through, innermost last (as a traceback prints them).
    pub traceback: Vec<TracebackEntry>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TracebackEntry {
    pub line: u32,
    pub function: Rc<str>,
}

pub type PyResult<T> = Result<T, Box<Exc>>;

impl fmt::Debug for Exc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.value {
            Value::Instance(inst) => write!(f, "Exc({})", inst.class.name),
            _ => write!(f, "Exc(?)"),
        }
    }
}

/// A hashable key: Python's equality for the built-in immutable types, identity for everything else.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    None,
    /// Ints, bools and floats with an integral value (`1 == 1.0 == True`).
    Int(i64),
    BigInt(Rc<super::bigint::BigInt>),
    /// Other floats, by their bits (NaN keys are each their own, like CPython's identity rule).
    Float(u64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    Tuple(Vec<Key>),
    /// Any other object, by identity.
    Id(usize),
}

/// An insertion-ordered dict (sets use it with `None` values).
#[derive(Clone, Default)]
pub struct Dict {
    entries: Vec<Option<(Value, Value)>>,
    index: HashMap<Key, usize>,
    live: usize,
}

impl Dict {
    pub fn new() -> Dict {
        Dict::default()
    }

    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    pub fn get(&self, key: &Key) -> Option<&Value> {
        self.index.get(key).and_then(|&i| self.entries[i].as_ref()).map(|(_, v)| v)
    }

    pub fn contains(&self, key: &Key) -> bool {
        self.index.contains_key(key)
    }

    /// Inserts or replaces (keeping the original key object and position, as Python does).
    pub fn insert(&mut self, key: Key, k: Value, v: Value) {
        if let Some(&i) = self.index.get(&key) {
            if let Some(entry) = self.entries[i].as_mut() {
                entry.1 = v;
            }
            return;
        }
        self.index.insert(key, self.entries.len());
        self.entries.push(Some((k, v)));
        self.live += 1;
    }

    pub fn remove(&mut self, key: &Key) -> Option<(Value, Value)> {
        let i = self.index.remove(key)?;
        self.live -= 1;
        let removed = self.entries[i].take();
        if self.entries.len() > 32 && self.live * 2 < self.entries.len() {
            self.compact();
        }
        removed
    }

    fn compact(&mut self) {
        let entries: Vec<(Value, Value)> = std::mem::take(&mut self.entries).into_iter().flatten().collect();
        let old = std::mem::take(&mut self.index);
        let mut by_pos: Vec<(usize, Key)> = old.into_iter().map(|(k, i)| (i, k)).collect();
        crate::sort::sort_by_key(&mut by_pos, |(i, _)| *i as u64);
        for (n, (_, key)) in by_pos.into_iter().enumerate() {
            self.index.insert(key, n);
        }
        self.entries = entries.into_iter().map(Some).collect();
    }

    pub fn iter(&self) -> impl Iterator<Item = &(Value, Value)> {
        self.entries.iter().flatten()
    }

    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|(k, _)| k.clone()).collect()
    }

    pub fn values(&self) -> Vec<Value> {
        self.iter().map(|(_, v)| v.clone()).collect()
    }

    pub fn items(&self) -> Vec<(Value, Value)> {
        self.iter().cloned().collect()
    }

    /// The last entry, removed (`dict.popitem`).
    pub fn pop_last(&mut self) -> Option<(Value, Value)> {
        while let Some(last) = self.entries.pop() {
            if let Some((k, v)) = last {
                let key = self.index.iter().find(|(_, &i)| i == self.entries.len()).map(|(k, _)| k.clone());
                if let Some(key) = key {
                    self.index.remove(&key);
                }
                self.live -= 1;
                return Some((k, v));
            }
        }
        None
    }

    /// The first entry, removed (`set.pop` removes an arbitrary element; CPython's is the first for
    /// small ints, which is what programs print).
    pub fn pop_first(&mut self) -> Option<(Value, Value)> {
        let i = self.entries.iter().position(Option::is_some)?;
        let (k, v) = self.entries[i].take()?;
        self.index.retain(|_, pos| *pos != i);
        self.live -= 1;
        Some((k, v))
    }

    pub fn clear(&mut self) {
        *self = Dict::default();
    }
}

impl Value {
    /// An int result: `Int` when it fits in 64 bits, else `BigInt`.
    pub fn from_big(b: super::bigint::BigInt) -> Value {
        match b.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::BigInt(Rc::new(b)),
        }
    }

    pub fn str(text: &str) -> Value {
        Value::Str(Rc::from(text))
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(items)))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::from(items))
    }

    pub fn dict(dict: Dict) -> Value {
        Value::Dict(Rc::new(RefCell::new(dict)))
    }

    /// The identity of an object (`id()`, `is`, dict keys of unhashable-by-value objects).
    pub fn identity(&self) -> usize {
        match self {
            Value::None => 1,
            Value::Bool(b) => 2 + *b as usize,
            Value::Int(i) => *i as usize,
            Value::BigInt(b) => Rc::as_ptr(b) as usize,
            Value::Float(f) => f.to_bits() as usize,
            Value::Str(s) => Rc::as_ptr(s) as *const u8 as usize,
            Value::Bytes(b) => Rc::as_ptr(b) as *const u8 as usize,
            Value::List(l) => Rc::as_ptr(l) as usize,
            Value::Tuple(t) => Rc::as_ptr(t) as *const Value as usize,
            Value::Dict(d) | Value::Set(d) => Rc::as_ptr(d) as usize,
            Value::Range(r) => Rc::as_ptr(r) as usize,
            Value::Slice(s) => Rc::as_ptr(s) as usize,
            Value::Function(f) => Rc::as_ptr(f) as usize,
            Value::Builtin(b) => Rc::as_ptr(b) as usize,
            Value::Method(m) => Rc::as_ptr(m) as usize,
            Value::Class(c) => Rc::as_ptr(c) as usize,
            Value::Instance(i) => Rc::as_ptr(i) as usize,
            Value::Module(m) => Rc::as_ptr(m) as usize,
            Value::Native(n) => Rc::as_ptr(n) as usize,
        }
    }

    /// `a is b`.
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            // Small ints are cached by CPython; programs compare them with `is` by mistake and get True.
            (Value::Int(a), Value::Int(b)) => a == b && (-5..=256).contains(a),
            (Value::Float(_), Value::Float(_)) => false,
            (Value::Str(a), Value::Str(b)) => Rc::ptr_eq(a, b) || (a.len() <= 1 && a == b),
            _ => std::mem::discriminant(self) == std::mem::discriminant(other) && self.identity() == other.identity(),
        }
    }
}
