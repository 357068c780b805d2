//! A run must leave nothing behind: once a program has ended (or been stopped midway, as the page's
//! Stop does) and its clock, loop and interpreter are dropped, every byte it allocated is freed.
//! The page re-runs programs again and again, and cycles of `Rc`s kept whole runs alive (25–80 kB
//! each): every class in its own MRO, functions and the globals they live in, tasks that return
//! themselves, and the futures still parked on a stopped loop, which hold the loop that holds them.
//!
//! Live heap bytes are counted by a `#[global_allocator]` around `System`, per thread (the test
//! harness runs tests on several threads, and a run never moves between threads), and compared
//! before and after many runs of the same program: the growth per run must be ~0.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::Path;
use std::rc::Rc;

use async_playground::engine::{Aio, VirtualClock};
use async_playground::python::{start, Program};
use async_playground::scenarios::{Scenario, ScenarioId};

thread_local! {
    /// Bytes allocated minus bytes freed by this thread. `const` and without a destructor, so
    /// reading it from inside the allocator never allocates.
    static LIVE: Cell<isize> = const { Cell::new(0) };
}

struct Counting;

// SAFETY: every call is forwarded to `System` unchanged; only a thread-local counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            LIVE.with(|l| l.set(l.get() + layout.size() as isize));
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            LIVE.with(|l| l.set(l.get() + layout.size() as isize));
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        LIVE.with(|l| l.set(l.get() - layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            LIVE.with(|l| l.set(l.get() + new_size as isize - layout.size() as isize));
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn live() -> isize {
    LIVE.with(Cell::get)
}

/// How a run ends before everything is dropped.
#[derive(Clone, Copy, Debug)]
enum End {
    /// Run to the end (the loop idle), as the page's finished run.
    Finish,
    /// The loop is abandoned after `n` turns, as the page's Stop (`Aio::stop`) and then dropped.
    StopAfter(u64),
    /// The loop is abandoned after `n` turns and dropped without even `stop()`.
    DropAfter(u64),
}

/// One whole run of `program` on a fresh clock and loop; everything is dropped on return. The page
/// keeps the event log and the report, so those are taken and then dropped here too.
fn run_once(program: &Program, scenario: Option<&Scenario>, end: End) {
    let clock = match scenario {
        Some(s) => {
            let me = s.clone();
            VirtualClock::new(Rc::new(move |url: &str| me.simulated_reply(url)))
        }
        None => VirtualClock::without_network(),
    };
    let aio = Aio::new(Rc::new(clock.clone()));
    let started = start(program, &aio, 0);
    match end {
        End::Finish => {
            clock.run(3_600_000_000, 10_000_000);
        }
        End::StopAfter(n) => {
            clock.run(3_600_000_000, n);
            aio.stop();
        }
        End::DropAfter(n) => {
            clock.run(3_600_000_000, n);
        }
    }
    let events = aio.take_events();
    let warnings = started.warnings();
    let error = started.report.borrow().error.clone();
    drop((events, warnings, error));
}

fn corpus(name: &str) -> Program {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus").join(name);
    let source = std::fs::read_to_string(&path).expect("corpus program");
    Program::compile(&source).expect("compiles")
}

/// Every section of the chapter, in every mode: what the page runs most.
fn chapter_scenarios() -> Vec<Scenario> {
    let mut out = Vec::new();
    for id in ScenarioId::ALL {
        let modes: Vec<&str> = if id.modes().is_empty() { vec![""] } else { id.modes().to_vec() };
        for mode in modes {
            let mut scenario = Scenario::new(id);
            if !mode.is_empty() {
                scenario.set_mode(mode).unwrap();
            }
            if id == ScenarioId::CpuVsIo {
                // Its CPU work is a busy loop on the clock, a million turns per second of work: a
                // hundredth is as good a test and keeps this one fast in a debug build.
                scenario.set("work", 0.01).unwrap();
            }
            out.push(scenario);
        }
    }
    out
}

/// The programs of `tests/corpus/` that cover what a run can leave behind: tasks, gather, a
/// TaskGroup, queues, locks, async generators, closures, classes, exceptions with tracebacks,
/// cancellation, `wait_for` timeouts, timeouts left armed.
const CORPUS: &[&str] = &[
    "asyncio_tasks_in_loop.py",
    "asyncio_gather_nested.py",
    "asyncio_taskgroup_nested.py",
    "asyncio_taskgroup_failure.py",
    "asyncio_docs_queue_workers.py",
    "asyncio_queue_pipeline.py",
    "asyncio_lock_fairness.py",
    "asyncio_condition.py",
    "asyncio_async_generator_pipeline.py",
    "asyncio_async_generator_break.py",
    "asyncio_cancel_finally.py",
    "asyncio_shield_outer_cancel.py",
    "asyncio_wait_for_timeout.py",
    "asyncio_docs_wait_for_eternity.py",
    "asyncio_timeout_nested.py",
    "asyncio_task_exception_never_retrieved.py",
    "asyncio_never_awaited.py",
    "lang_closures.py",
    "lang_decorator_memoize.py",
    "lang_classes_inheritance.py",
    "lang_generators.py",
    "lang_generators_delegation.py",
    "error_raise_from_chain.py",
    "error_custom_exception_coroutine.py",
    "error_taskgroup_uncaught.py",
];

/// Cycles only a cycle collector would free: the objects of each are unreachable once the function
/// that made them returns.
const CYCLES: &[&str] = &[
    // A nested function in its own closure cell.
    "def outer(k):\n    def fact(n):\n        return 1 if n == 0 else n * fact(n - 1)\n    return fact(k)\n\
     for i in range(20):\n    outer(5)\nprint(outer(5))\n",
    // A tree whose nodes know their parent.
    "class Node:\n    def __init__(self, parent=None):\n        self.parent = parent\n        self.children = []\n\
     \x20       if parent is not None:\n            parent.children.append(self)\n\
     def f():\n    root = Node()\n    for i in range(3):\n        Node(root)\nfor i in range(20):\n    f()\n",
    // A class made in a function, whose method names it and whose attribute holds an instance.
    "def make():\n    class Counter:\n        shared = None\n        def fresh(self):\n            return Counter()\n\
     \x20   Counter.shared = Counter().fresh()\n    return 1\nfor i in range(20):\n    make()\n",
    // Tasks that hold themselves, a generator abandoned halfway, a task never awaited.
    "import asyncio\nasync def w(i):\n    me = asyncio.current_task()\n    await asyncio.sleep(0.1)\n    return me\n\
     async def agen():\n    for i in range(10):\n        yield i\n        await asyncio.sleep(0.1)\n\
     async def main():\n    ts = [asyncio.create_task(w(i)) for i in range(5)]\n    await asyncio.gather(*ts)\n\
     \x20   async for x in agen():\n        if x == 2:\n            break\n\
     \x20   asyncio.create_task(asyncio.sleep(100))\n    await asyncio.sleep(0.5)\nasyncio.run(main())\n",
];

/// The ways a run ends that are checked: to the end, stopped early (after a few turns of the loop,
/// with its tasks still suspended), and abandoned without even a stop.
const ENDS: [End; 3] = [End::Finish, End::StopAfter(5), End::DropAfter(5)];

/// Measured runs per case (after the warm-up).
const RUNS: isize = 20;

/// Bytes a case may grow in all by (not per run): nothing, give or take a one-time cache.
const TOLERANCE: isize = 256;

fn check(what: &str, program: &Program, scenario: Option<&Scenario>, failures: &mut Vec<String>) {
    for end in ENDS {
        for _ in 0..3 {
            run_once(program, scenario, end);
        }
        let before = live();
        for _ in 0..RUNS {
            run_once(program, scenario, end);
        }
        let growth = live() - before;
        if growth > TOLERANCE {
            failures.push(format!("{what} ({end:?}): {} bytes per run", growth / RUNS));
        }
    }
}

#[test]
fn every_chapter_section_leaves_nothing_behind() {
    let mut failures = Vec::new();
    for scenario in chapter_scenarios() {
        let program = Program::compile(&scenario.python_text()).expect("the chapter's code compiles");
        check(&format!("{:?} {}", scenario.id, scenario.mode), &program, Some(&scenario), &mut failures);
        // The section's Rust transcription on the virtual clock (the page's ideal preview).
        for _ in 0..3 {
            scenario.run_virtual();
        }
        let before = live();
        for _ in 0..RUNS {
            scenario.run_virtual();
        }
        let growth = live() - before;
        if growth > TOLERANCE {
            failures.push(format!("{:?} {} (Rust): {} bytes per run", scenario.id, scenario.mode, growth / RUNS));
        }
    }
    assert!(failures.is_empty(), "runs left memory behind:\n{}", failures.join("\n"));
}

#[test]
fn corpus_programs_leave_nothing_behind() {
    let mut failures = Vec::new();
    for name in CORPUS {
        check(name, &corpus(name), None, &mut failures);
    }
    assert!(failures.is_empty(), "runs left memory behind:\n{}", failures.join("\n"));
}

#[test]
fn cycles_of_the_program_are_freed_with_it() {
    let mut failures = Vec::new();
    for (i, source) in CYCLES.iter().enumerate() {
        let program = Program::compile(source).expect("compiles");
        check(&format!("CYCLES[{i}]"), &program, None, &mut failures);
    }
    assert!(failures.is_empty(), "runs left memory behind:\n{}", failures.join("\n"));
}

/// The harness itself (`python::run_program_virtual`: the differential tests, the ideal preview).
#[test]
fn a_virtual_run_leaves_nothing_behind() {
    let program = corpus("asyncio_docs_queue_workers.py");
    for _ in 0..3 {
        async_playground::python::run_program_virtual(&program, 0);
    }
    let before = live();
    for _ in 0..RUNS {
        async_playground::python::run_program_virtual(&program, 0);
    }
    let growth = live() - before;
    assert!(growth <= TOLERANCE, "{} bytes per run", growth / RUNS);
}
