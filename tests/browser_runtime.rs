//! The browser adapter on the page's real event loop (wasm-bindgen-test in headless Chromium): the
//! same scenarios as the virtual clock, with real setTimeout, performance.now(), fetch and busy loops.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use async_playground::browser::{BrowserRuntime, LiveRun};
use async_playground::engine::{Aio, EventKind, FetchFailure, GetOptions, PyValue, Runtime};
use async_playground::python::{self, Program};
use async_playground::scenarios::{printed_lines, Scenario, ScenarioId};
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Wait (really) until the run has finished, or fail after `limit_ms`.
async fn finish(run: &LiveRun, limit_ms: u32) {
    let mut waited = 0;
    while !run.finished() {
        assert!(waited < limit_ms, "the run did not finish within {limit_ms} ms; events: {:?}", run.events());
        TimeoutFuture::new(10).await;
        waited += 10;
    }
}

#[wasm_bindgen_test]
async fn say_hello_at_speed_20_prints_bob_alice_charlie_and_ends_near_3s() {
    let run = LiveRun::start(&Scenario::new(ScenarioId::SayHello), 20.0);
    finish(&run, 2_000).await;
    let events = run.events();
    assert_eq!(printed_lines(&events), ["Hello, Bob!", "Hello, Alice!", "Hello, Charlie!"]);
    let total = run.total().expect("a total once finished");
    // 1x-scale times: 3 s asked; setTimeout is at least on time, and every real ms late counts 20
    // (x20 at 1x scale), including the debug build's interpreting before the first sleep. Wide
    // bounds: this checks scaling (a wrong scale is 20x off), not speed.
    assert!((3_000_000..4_500_000).contains(&total), "total {total} µs should be near 3 s at 1x scale");
    let bob = events.iter().find(|e| matches!(&e.kind, EventKind::Printed { text } if text == "Hello, Bob!")).unwrap();
    assert!((1_000_000..2_000_000).contains(&bob.at), "Bob speaks near 1 s (1x scale), got {} µs", bob.at);
}

/// Wraps the page's `clearTimeout` so the test can count the timers that were really cleared.
fn count_clear_timeout_calls() -> impl Fn() -> u32 {
    let install = js_sys::Function::new_no_args(
        "const original = globalThis.clearTimeout; globalThis.__cleared = 0; \
         globalThis.clearTimeout = (id) => { globalThis.__cleared += 1; return original(id); };",
    );
    install.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    || js_sys::Reflect::get(&js_sys::global(), &"__cleared".into()).unwrap().as_f64().unwrap() as u32
}

#[wasm_bindgen_test]
async fn a_cancelled_sleep_clears_its_timer_and_never_resumes() {
    let cleared = count_clear_timeout_calls();
    let runtime = BrowserRuntime::new(1.0);
    let aio = Aio::new(Rc::new(runtime.clone()));
    let sleeper = aio.create_task("sleeper", "sleeper()", {
        let aio = aio.clone();
        async move {
            aio.sleep(0.2).await?;
            aio.print("woke up");
            Ok(PyValue::None)
        }
    });
    TimeoutFuture::new(20).await;
    let cleared_before = cleared();
    assert!(sleeper.cancel());
    // One microtask later the cancelled task has run and dropped its sleep (nothing else of ours
    // ends meanwhile: gloo's own futures also call clearTimeout when dropped).
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL)).await.unwrap();
    assert_eq!(cleared() - cleared_before, 1, "cancelling the sleep must clear its setTimeout at once");
    TimeoutFuture::new(400).await;
    let events = aio.events_since(0);
    assert!(printed_lines(&events).is_empty(), "a cancelled sleep must not wake the task: {events:?}");
    assert!(events.iter().any(|e| e.kind == EventKind::Cancelled));
    assert!(!events.iter().any(|e| e.kind == EventKind::Resumed));
}

/// Wraps the page's `setTimeout` so the test can count the timers that were really set.
fn count_set_timeout_calls() -> impl Fn() -> u32 {
    let install = js_sys::Function::new_no_args(
        "const original = globalThis.setTimeout; globalThis.__set = 0; \
         globalThis.setTimeout = (...args) => { globalThis.__set += 1; return original(...args); };",
    );
    install.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    || js_sys::Reflect::get(&js_sys::global(), &"__set".into()).unwrap().as_f64().unwrap() as u32
}

/// Sleep on `runtime` until `at_ms` after its start and record `name` when woken.
fn sleeper(
    runtime: &BrowserRuntime,
    name: &'static str,
    at_ms: u64,
    woke: &Rc<std::cell::RefCell<Vec<(&'static str, f64)>>>,
) {
    let (runtime, woke) = (runtime.clone(), woke.clone());
    wasm_bindgen_futures::spawn_local(async move {
        runtime.timer(at_ms * 1000).await;
        woke.borrow_mut().push((name, runtime.clock().real_ms()));
    });
}

#[wasm_bindgen_test]
async fn a_thousand_sleeps_share_a_few_set_timeouts_and_wake_in_deadline_order() {
    let set = count_set_timeout_calls();
    let runtime = BrowserRuntime::new(1.0);
    let woke = Rc::new(std::cell::RefCell::new(Vec::new()));
    let before = set();
    // Deadlines 50..59 ms, started in the reverse of their order, 100 per deadline.
    const NAMES: [&str; 10] = ["t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9"];
    for _ in 0..100 {
        for k in (0..10).rev() {
            sleeper(&runtime, NAMES[k], 50 + k as u64, &woke);
        }
    }
    TimeoutFuture::new(150).await;
    let set_by_queue = set() - before - 1; // the test's own TimeoutFuture
    let woke = woke.borrow();
    assert_eq!(woke.len(), 1000, "every sleep wakes");
    let order: Vec<&str> = woke.iter().map(|(name, _)| *name).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "timers wake in deadline order, whatever order they were set in");
    for (name, at) in woke.iter() {
        let asked = 50.0 + name[1..].parse::<f64>().unwrap();
        assert!(*at >= asked - 0.5, "{name} woke at {at:.1} ms, before its deadline {asked} ms");
    }
    // Per distinct deadline at most two setTimeouts: when it became the earliest (started in
    // reverse order, each new one is) and after the one before it fired. Not one per sleep (1,000).
    assert!(set_by_queue <= 2 * 10 + 2, "1,000 sleeps over 10 deadlines set {set_by_queue} setTimeouts");
}

#[wasm_bindgen_test]
async fn a_shorter_sleep_set_after_a_longer_one_wakes_on_its_own_time() {
    let runtime = BrowserRuntime::new(1.0);
    let woke = Rc::new(std::cell::RefCell::new(Vec::new()));
    sleeper(&runtime, "long", 300, &woke);
    TimeoutFuture::new(10).await;
    sleeper(&runtime, "short", 60, &woke);
    TimeoutFuture::new(150).await;
    {
        let woke = woke.borrow();
        assert_eq!(woke.iter().map(|(name, _)| *name).collect::<Vec<_>>(), ["short"], "only the short sleep is due");
        // A wide bound: this checks that the earlier deadline re-armed the queue's setTimeout.
        assert!(woke[0].1 < 140.0, "the short sleep woke at {:.1} ms, asked 60 ms", woke[0].1);
    }
    TimeoutFuture::new(250).await;
    assert_eq!(woke.borrow().iter().map(|(name, _)| *name).collect::<Vec<_>>(), ["short", "long"]);
}

#[wasm_bindgen_test]
async fn busy_really_delays_a_concurrent_timer() {
    let mut scenario = Scenario::new(ScenarioId::CpuVsIo);
    scenario.set("work", 1.0).unwrap();
    scenario.set("io1", 0.1).unwrap();
    let run = LiveRun::start(&scenario, 10.0);
    finish(&run, 3_000).await;
    let events = run.events();
    let io1 = events
        .iter()
        .find(|e| matches!(&e.kind, EventKind::Printed { text } if text.starts_with("io1 woke up")))
        .unwrap();
    // Asked for 0.1 s, but the thread was held for 1 s of CPU work (both at 1x scale).
    assert!(io1.at >= 950_000, "io1 should wake only after the CPU work, at ~1 s, got {} µs", io1.at);
    assert!(
        printed_lines(&events)[0].starts_with("CPU work done at "),
        "the CPU-bound task finishes before any I/O task can run"
    );
}

#[wasm_bindgen_test]
async fn stop_ends_the_run_and_nothing_fires_afterwards() {
    let run = LiveRun::start(&Scenario::new(ScenarioId::Background), 20.0);
    TimeoutFuture::new(100).await;
    run.stop();
    // Cancellation is delivered when each task next runs: one turn of the loop.
    TimeoutFuture::new(0).await;
    assert!(run.finished(), "every task ends on the next turn after stop: {:?}", run.events());
    let after_stop = run.events().len();
    TimeoutFuture::new(600).await;
    assert_eq!(run.events().len(), after_stop, "no event of a stopped run may arrive later");
}

#[wasm_bindgen_test]
async fn fetch_gives_the_head_then_reads_the_body_and_names_its_failures() {
    let runtime = BrowserRuntime::new(1.0);
    let (head, body) = runtime.fetch("data:text/plain,hello%20asyncio").await.expect("a data: URL answers");
    assert_eq!((head.status, head.reason.as_str()), (200, "OK"));
    assert_eq!(body.await.expect("its body"), "hello asyncio");
    // Nothing listens on a port the browser may use (9 is refused as unsafe before any connection).
    let refused = match runtime.fetch("http://127.0.0.1:1/nothing-listens-here").await {
        Ok(_) => panic!("port 1 answered"),
        Err(error) => error,
    };
    assert_eq!(refused.failure, FetchFailure::Unreachable, "{refused:?}");
    assert!(refused.message.contains("nothing answered at 127.0.0.1:1"), "a clear message, got: {}", refused.message);
    let invalid = match runtime.fetch("ftp://example.org/").await {
        Ok(_) => panic!("ftp is not fetched"),
        Err(error) => error,
    };
    assert_eq!(invalid.failure, FetchFailure::InvalidUrl);
}

#[wasm_bindgen_test]
async fn a_timed_out_request_raises_timeout_error_on_the_real_loop() {
    // A request that cannot finish in time (an unreachable host that the browser keeps trying, or
    // here a data: URL read after the deadline) raises TimeoutError through the same race as on
    // the virtual clock: the deadline is a real setTimeout.
    let runtime = BrowserRuntime::new(1.0);
    let aio = Aio::new(Rc::new(runtime.clone()));
    let session = aio.client_session();
    let task = aio.create_task("get", "get", {
        let aio = aio.clone();
        async move {
            aio.sleep(0.05).await?;
            let options = GetOptions { raise_for_status: true, timeout: Some(0.0) };
            let response = session.get("data:text/plain,late", options).await?;
            Ok(PyValue::Str(response.text().await?))
        }
    });
    TimeoutFuture::new(300).await;
    let result = aio.task_result(task.id()).expect("the task ended");
    assert_eq!(result.unwrap_err().to_string(), "TimeoutError");
}

/// The interpreter on the real loop: code that never awaits is stopped (after a few real seconds,
/// or the step budget, whichever comes first), with the line it was running; the `time.sleep`
/// before it blocks the loop on purpose and is not what gets stopped.
#[wasm_bindgen_test]
async fn interpreted_code_that_never_yields_is_stopped_with_its_line() {
    let source = "import time\ntime.sleep(0.2)\nn = 0\nwhile True:\n    n += 1\n";
    let program = Program::compile(source).expect("valid Python");
    let aio = Aio::new(Rc::new(BrowserRuntime::new(1.0)));
    let started = python::start(&program, &aio, 0);
    let mut waited = 0;
    while !started.task.is_done() {
        assert!(waited < 60_000, "the program was never stopped");
        TimeoutFuture::new(50).await;
        waited += 50;
    }
    let report = started.report.borrow();
    let error = report.error.as_ref().expect("stopped with an error");
    assert!(error.message.contains("without an await"), "{}", error.message);
    assert!(error.message.contains("line 5"), "the line that never yields: {}", error.message);
}

/// The interpreter on the page's wasm stack: nested Python calls up to near the limit run, and a
/// recursion that never ends is Python's `RecursionError`, never a trap of an exhausted stack
/// (the browser's, or the wasm's linear one). 900 frames in a release build
/// (`cargo test --release --target wasm32-unknown-unknown --test browser_runtime`), 120 in the
/// debug build the test command runs (`python::RECURSION_LIMIT`).
#[wasm_bindgen_test]
async fn deep_python_recursion_is_a_recursion_error_not_a_crash() {
    let near_limit = if cfg!(debug_assertions) { 120 } else { 900 };
    let source = format!(
        "def depth(n):\n    return 0 if n == 0 else 1 + depth(n - 1)\n\nprint(depth({near_limit}))\n\ndef forever(n):\n    return forever(n + 1)\n\nforever(0)\n"
    );
    let program = Program::compile(&source).expect("valid Python");
    let aio = Aio::new(Rc::new(BrowserRuntime::new(1.0)));
    let started = python::start(&program, &aio, 0);
    let mut waited = 0;
    while !started.task.is_done() {
        assert!(waited < 20_000, "the program never ended");
        TimeoutFuture::new(20).await;
        waited += 20;
    }
    assert_eq!(printed_lines(&aio.take_events()), [near_limit.to_string()]);
    let report = started.report.borrow();
    let error = report.error.as_ref().expect("the endless recursion raised");
    assert_eq!(error.message, "RecursionError: maximum recursion depth exceeded");
}
