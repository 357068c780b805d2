//! Benchmark hooks, called by `bench/page.mjs` through `window.wasmBindings`: figures that can only
//! be measured inside the page (timer lateness on the real loop, a 10,000-task run, the virtual
//! clock compiled to wasm). They print nothing and change nothing on the page.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::prelude::wasm_bindgen;

use super::runtime::Clock;
use super::LiveRun;
use crate::engine::Runtime;
use crate::scenarios::{Scenario, ScenarioId};

/// Lateness (ms, actual wake-up minus asked) of `count` concurrent sleeps of 1 to 250 ms on the
/// page's real loop at 1x, through the same `BrowserRuntime::timer` (the run's timer queue) the
/// scenarios use.
#[wasm_bindgen]
pub async fn playground_bench_timer_lateness(count: u32) -> Vec<f64> {
    let runtime = super::BrowserRuntime::new(1.0);
    let lateness = Rc::new(RefCell::new(Vec::with_capacity(count as usize)));
    let (done_sender, done) = futures::channel::mpsc::unbounded::<()>();
    for i in 0..count {
        let runtime = runtime.clone();
        let lateness = lateness.clone();
        let done_sender = done_sender.clone();
        // Lengths spread over 1..250 ms, interleaved so that timers of different lengths overlap.
        let asked_ms = 1 + (i * 37) % 250;
        wasm_bindgen_futures::spawn_local(async move {
            let start = runtime.clock().real_ms();
            let deadline = runtime.now() + u64::from(asked_ms) * 1000;
            runtime.timer(deadline).await;
            lateness.borrow_mut().push(runtime.clock().real_ms() - start - f64::from(asked_ms));
            let _ = done_sender.unbounded_send(());
        });
    }
    drop(done_sender);
    futures::StreamExt::collect::<Vec<()>>(done).await;
    let figures = lateness.borrow().clone();
    figures
}

/// Overhead (ms at 1x) of the `many-tasks` scenario with `n` tasks sleeping 0..`spread_s`, run for
/// real at speed 1: measured total minus the longest sleep.
#[wasm_bindgen]
pub async fn playground_bench_many_tasks(n: u32, spread_s: f64) -> f64 {
    let mut scenario = Scenario::new(ScenarioId::Stress);
    let _ = scenario.set("n", f64::from(n));
    let _ = scenario.set("spread", spread_s);
    let run = LiveRun::start(&scenario, 1.0);
    while !run.finished() {
        TimeoutFuture::new(5).await;
    }
    run.total().map_or(f64::NAN, |total| total as f64 / 1000.0 - spread_s * 1000.0)
}

/// Milliseconds the virtual clock (compiled to wasm) takes to run `many-tasks` with `n` tasks and
/// build its timeline.
#[wasm_bindgen]
pub fn playground_bench_virtual_clock(n: u32) -> f64 {
    let mut scenario = Scenario::new(ScenarioId::Stress);
    let _ = scenario.set("n", f64::from(n));
    let clock = Clock::start(1.0);
    let run = scenario.run_virtual();
    let lanes = run.timeline().lanes.len();
    assert!(lanes > n as usize, "every task has a lane");
    clock.real_ms()
}

/// Bytes of wasm linear memory now (it only grows; a leak shows here).
#[wasm_bindgen]
pub fn playground_bench_wasm_memory() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().into();
    let buffer: js_sys::ArrayBuffer = memory.buffer().into();
    f64::from(buffer.byte_length())
}
