//! `asyncio.to_thread` in another thread (`python::thread`; on the page, 44.5's Web Worker running
//! this same wasm), with the other thread simulated by a second interpreter on a clock of its own:
//! which calls are sent (plain top-level functions with plain values) and which run in place, that
//! the other side runs the program's definitions and never its calls or prints, and that results,
//! exceptions (built-in and the program's own) and printed lines come back.

use std::cell::RefCell;
use std::rc::Rc;

use async_playground::engine::{Aio, FetchError, Fetched, Micros, Runtime, VirtualClock};
use async_playground::python::{start, thread::run_thread_job, Program};
use futures::future::LocalBoxFuture;
use futures::FutureExt;

/// The virtual clock, plus "another thread": a fresh interpreter on a virtual clock of its own
/// answers each job at once. The jobs are kept, to see what was sent.
struct WithThread {
    clock: VirtualClock,
    jobs: Rc<RefCell<Vec<String>>>,
}

impl Runtime for WithThread {
    fn now(&self) -> Micros {
        self.clock.now()
    }
    fn timer(&self, deadline: Micros) -> LocalBoxFuture<'static, ()> {
        self.clock.timer(deadline)
    }
    fn spawn(&self, future: LocalBoxFuture<'static, ()>) {
        self.clock.spawn(future)
    }
    fn fetch(&self, url: &str) -> LocalBoxFuture<'static, Result<Fetched, FetchError>> {
        self.clock.fetch(url)
    }
    fn busy(&self, duration: Micros) {
        self.clock.busy(duration)
    }
    fn clock_read_cost(&self) -> Micros {
        self.clock.clock_read_cost()
    }
    fn run_python_elsewhere(&self, job: String) -> Option<LocalBoxFuture<'static, Result<String, String>>> {
        self.jobs.borrow_mut().push(job.clone());
        let other = VirtualClock::without_network();
        let answer = run_thread_job(&job, &Aio::new(Rc::new(other)));
        Some(async move { Ok(answer) }.boxed_local())
    }
}

const PROGRAM: &str = r#"import asyncio

LIMIT = 3
print("the top-level code runs once")

def work(n, label="x"):
    print("working on", label)
    return [i * i for i in range(n)], {"n": n, "big": 2 ** 70, "half": -0.5}

def fail():
    raise ValueError("bad value")

class Oops(Exception):
    pass

def oops():
    raise Oops("the program's own")

def unreadable():
    return object()

def grow(items):
    items.append(3)
    return len(items)

def count(items):
    print("counting in place")
    return len(items)

async def main():
    print(await asyncio.to_thread(work, LIMIT, label="y"))
    items = [1, 2]
    print(await asyncio.to_thread(grow, items), items)
    try:
        await asyncio.to_thread(fail)
    except ValueError as e:
        print("caught ValueError:", e)
    try:
        await asyncio.to_thread(oops)
    except Oops as e:
        print("caught", type(e).__name__ + ":", e)
    try:
        await asyncio.to_thread(unreadable)
    except NotImplementedError as e:
        print("caught NotImplementedError:", e)
    print(await asyncio.to_thread(lambda: "a lambda runs here"))
    print(await asyncio.to_thread(count, [object()]))

asyncio.run(main())
"#;

/// A program run with the simulated other thread: the jobs it sent, its printed lines, and how it
/// ended.
fn run(program: &str) -> (Vec<String>, Vec<String>, Option<String>) {
    let program = Program::compile(program).expect("compiles");
    let clock = VirtualClock::without_network();
    let jobs = Rc::new(RefCell::new(Vec::new()));
    let aio = Aio::new(Rc::new(WithThread { clock: clock.clone(), jobs: jobs.clone() }));
    let started = start(&program, &aio, 0);
    clock.run(60_000_000, 100_000);
    let error = started.report.borrow().error.as_ref().map(|e| e.message.clone());
    let jobs = jobs.borrow().clone();
    (jobs, async_playground::scenarios::printed_lines(&aio.take_events()), error)
}

/// Each job's function name (its second line).
fn names(jobs: &[String]) -> Vec<String> {
    jobs.iter().map(|j| j.lines().nth(1).unwrap_or("").to_string()).collect()
}

#[test]
fn plain_calls_go_to_the_other_thread_and_come_back() {
    let (jobs, lines, error) = run(PROGRAM);
    assert_eq!(error, None);
    assert_eq!(
        lines,
        [
            "the top-level code runs once",
            "working on y",
            "([0, 1, 4], {'n': 3, 'big': 1180591620717411303424, 'half': -0.5})",
            "3 [1, 2, 3]",
            "caught ValueError: bad value",
            "caught Oops: the program's own",
            "caught NotImplementedError: unreadable() returned a 'object': bringing one back from the Web Worker is not supported by the playground yet",
            "a lambda runs here",
            "counting in place",
            "1",
        ]
    );
    // Sent: work, fail, oops, unreadable; not a call with a list (the function changes the
    // caller's list), nor the lambda, nor a call with an object argument.
    assert_eq!(names(&jobs), ["work", "fail", "oops", "unreadable"]);
    assert!(jobs[0].ends_with("__thread_args__ = (3,)\n__thread_kwargs__ = {'label': 'y', }\n"), "{}", jobs[0]);
}

#[test]
fn calls_that_could_see_the_loop_differently_stay_on_its_thread() {
    let call = "\ndef f(x):\n    return x * 2\n\nasync def main():\n    print(await asyncio.to_thread(f, 21))\n\nasyncio.run(main())\n";
    // Immutable globals go along with their values of the moment, computed ones included.
    let (jobs, lines, _) = run(&format!("import asyncio\nimport time\nstart = time.time()\nLABEL = ('a', 1)\n{call}"));
    assert_eq!((names(&jobs), lines), (vec!["f".to_string()], vec!["42".to_string()]));
    for program in [
        format!("import asyncio\nresults = []\n{call}"),
        format!("import asyncio\nimport random\n{call}"),
        format!("import asyncio\ncount = 0\ndef bump():\n    global count\n    count += 1\n{call}"),
        format!("import asyncio\nlock = asyncio.Lock()\n{call}"),
    ] {
        let (jobs, lines, _) = run(&program);
        assert_eq!((names(&jobs), lines), (Vec::<String>::new(), vec!["42".to_string()]), "{program}");
    }
}
