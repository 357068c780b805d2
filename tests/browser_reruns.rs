//! Reruns on the page's real event loop (wasm-bindgen-test in headless Chromium): a run that is
//! stopped, or replaced by another (Run again, another section, Back: in the page each of these
//! drops the old `LiveRun`), ends at once and leaves nothing behind: no timer of it fires later,
//! no line of it reaches the new run, no request of it stays open, no worker of it keeps running;
//! and a thousand reruns do not grow the wasm memory. The page-level versions of these (the
//! buttons, the navigation, Back) are in e2e/reliability.test.mjs.
//!
//! `setTimeout`, `clearTimeout`, `fetch` and `Worker` are wrapped in JS (see `SPY`) so the test can
//! see what the run left behind: the wasm calls them through the global object, as it would
//! without the wrappers.
#![cfg(target_arch = "wasm32")]

use async_playground::browser::LiveRun;
use async_playground::engine::EventKind;
use async_playground::scenarios::{printed_lines, Scenario, ScenarioId};
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
const spy = () => {
  if (globalThis.__spy) return globalThis.__spy;
  const s = (globalThis.__spy = { timers: new Map(), fired: [], fetches: [], workers: [] });
  const setT = globalThis.setTimeout.bind(globalThis);
  const clearT = globalThis.clearTimeout.bind(globalThis);
  globalThis.setTimeout = (fn, ms, ...args) => {
    const created = performance.now();
    let id;
    const wrapped = typeof fn === 'function'
      ? (...a) => { s.timers.delete(id); s.fired.push({ created, at: performance.now() }); return fn(...a); }
      : fn;
    id = setT(wrapped, ms, ...args);
    s.timers.set(id, created);
    return id;
  };
  globalThis.clearTimeout = (id) => { s.timers.delete(id); return clearT(id); };
  // Requests to hang.test never answer (a server that takes forever); they end only if aborted.
  const realFetch = globalThis.fetch.bind(globalThis);
  globalThis.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input.url;
    if (!url.startsWith('https://hang.test/')) return realFetch(input, init);
    const signal = init?.signal ?? input.signal;
    const record = { url, signal, settled: false };
    s.fetches.push(record);
    return new Promise((_, reject) => {
      signal?.addEventListener('abort', () => { record.settled = true; reject(new DOMException('aborted', 'AbortError')); });
    });
  };
  // A worker that works forever: it ends only if terminated.
  globalThis.Worker = class {
    constructor(url) { this.url = url; this.terminated = false; s.workers.push(this); }
    postMessage() {}
    addEventListener() {}
    removeEventListener() {}
    terminate() { this.terminated = true; }
  };
  // What static/boot.js gives the page (this test page has no boot.js): the app's worker.
  globalThis.playgroundWorker = () => new globalThis.Worker('worker.js', { type: 'module' });
  return s;
};
export function spy_install() { spy(); }
export function spy_now() { return performance.now(); }
export function spy_pending_timers_created_before(t) {
  return [...spy().timers.values()].filter((created) => created < t).length;
}
export function spy_timers_fired_after(createdBefore, firedAfter) {
  return spy().fired.filter((f) => f.created < createdBefore && f.at > firedAfter).length;
}
export function spy_fetches_started() { return spy().fetches.length; }
export function spy_open_fetches() {
  return spy().fetches.filter((f) => !f.settled && !(f.signal && f.signal.aborted)).length;
}
export function spy_live_workers() { return spy().workers.filter((w) => !w.terminated).length; }
export function spy_workers_started() { return spy().workers.length; }
export function spy_set_hidden(hidden) {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
  document.dispatchEvent(new Event('visibilitychange'));
}
export function wasm_memory_bytes(memory) { return memory.buffer.byteLength; }
"#)]
extern "C" {
    fn spy_install();
    fn spy_now() -> f64;
    fn spy_pending_timers_created_before(t: f64) -> u32;
    fn spy_timers_fired_after(created_before: f64, fired_after: f64) -> u32;
    fn spy_fetches_started() -> u32;
    fn spy_open_fetches() -> u32;
    fn spy_live_workers() -> u32;
    fn spy_workers_started() -> u32;
    fn spy_set_hidden(hidden: bool);
    fn wasm_memory_bytes(memory: &JsValue) -> f64;
}

/// One turn of the loop for the cancelled tasks to run (they end on their next poll).
async fn next_turn() {
    TimeoutFuture::new(0).await;
}

async fn wait_until(what: &str, limit_ms: u32, mut done: impl FnMut() -> bool) {
    let mut waited = 0;
    while !done() {
        assert!(waited < limit_ms, "{what}: not within {limit_ms} ms");
        TimeoutFuture::new(5).await;
        waited += 5;
    }
}

fn background(period: f64) -> Scenario {
    let mut scenario = Scenario::new(ScenarioId::Background);
    scenario.set("period", period).unwrap();
    scenario.set("main", 120.0).unwrap();
    scenario
}

/// Stop, then Run again (or another section) at once: the old run's timers are all cleared by the
/// next turn, none of them fires later, and the new run's log has nothing of the old one.
#[wasm_bindgen_test]
async fn a_replaced_run_leaves_no_timer_and_nothing_in_the_new_run() {
    spy_install();
    // Prints every 5 real ms (0.1 s at 20x): any leftover would show at once.
    let old = LiveRun::start(&background(0.1), 20.0);
    wait_until("the first run prints", 2_000, || printed_lines(&old.events()).len() >= 3).await;
    let replaced_at = spy_now();
    drop(old);
    let new = LiveRun::start(&Scenario::new(ScenarioId::Gather), 20.0);
    next_turn().await;
    assert_eq!(spy_pending_timers_created_before(replaced_at), 0, "the old run's timers must be cleared at once");
    wait_until("the new run finishes", 3_000, || new.finished()).await;
    TimeoutFuture::new(200).await;
    assert_eq!(spy_timers_fired_after(replaced_at, replaced_at), 0, "no timer of the old run fired later");
    let lines = printed_lines(&new.events());
    assert!(lines.iter().all(|l| !l.contains("Background")), "the old run's lines leaked into the new one: {lines:?}");
    assert_eq!(lines[0], "['Result A', 'Result B']");
}

/// Stop keeps the run (the page shows where each task was stopped), but nothing of it happens any
/// more: every task ends on the next turn and its log stops growing.
#[wasm_bindgen_test]
async fn a_stopped_run_ends_on_the_next_turn_and_its_log_stops() {
    spy_install();
    let run = LiveRun::start(&background(0.1), 20.0);
    wait_until("the run prints", 2_000, || printed_lines(&run.events()).len() >= 2).await;
    let stopped_at = spy_now();
    run.stop();
    next_turn().await;
    assert!(run.finished(), "every task ends on the next turn: {:?}", run.events());
    assert_eq!(spy_pending_timers_created_before(stopped_at), 0);
    let logged = run.events().len();
    TimeoutFuture::new(200).await;
    assert_eq!(run.events().len(), logged, "nothing more happens in a stopped run");
    let cancelled = run.events().iter().filter(|e| e.kind == EventKind::Cancelled).count();
    assert_eq!(cancelled, 2, "main and the background task were both cancelled");
}

/// 44.3 stopped or replaced while its three requests wait: each request is aborted, none stays open.
#[wasm_bindgen_test]
async fn a_replaced_or_stopped_fetch_run_aborts_its_requests() {
    spy_install();
    let mut scenario = Scenario::new(ScenarioId::FetchUrls);
    scenario.set_mode("concurrent").unwrap();
    scenario.urls = (1..=3).map(|i| format!("https://hang.test/users/{i}")).collect();
    for how in ["stop", "drop"] {
        let before = spy_fetches_started();
        let run = LiveRun::start(&scenario, 1.0);
        wait_until("three requests start", 3_000, || spy_fetches_started() >= before + 3).await;
        assert_eq!(spy_open_fetches(), 3, "{how}: the three requests are open");
        match how {
            "stop" => run.stop(),
            _ => drop(run),
        }
        next_turn().await;
        assert_eq!(spy_open_fetches(), 0, "{how}: every request of the old run is aborted");
    }
}

/// 44.5's worker mode stopped mid-work: the worker is terminated (it would go on using a core).
#[wasm_bindgen_test]
async fn a_stopped_worker_run_terminates_its_worker() {
    spy_install();
    let mut scenario = Scenario::new(ScenarioId::CpuVsIo);
    scenario.set_mode("worker").unwrap();
    scenario.set("work", 10.0).unwrap();
    let before = spy_workers_started();
    let run = LiveRun::start(&scenario, 1.0);
    wait_until("the worker starts", 3_000, || spy_workers_started() > before).await;
    assert_eq!(spy_live_workers(), 1);
    drop(run);
    next_turn().await;
    assert_eq!(spy_live_workers(), 0, "the stopped run's worker is terminated");
}

/// A thousand runs started and ended (half run to the end, half stopped midway) leave the wasm
/// memory where it was after the first few: nothing of a run outlives it.
#[wasm_bindgen_test]
async fn a_thousand_reruns_do_not_grow_the_wasm_memory() {
    let memory = wasm_bindgen::memory();
    let mut quick = Scenario::new(ScenarioId::Gather);
    quick.set("a", 0.0).unwrap();
    quick.set("b", 0.0).unwrap();
    let slow = background(0.1);
    let (quick, slow) = (&quick, &slow);
    let rerun = |i: u32| async move {
        if i.is_multiple_of(2) {
            let run = LiveRun::start(quick, 20.0);
            wait_until("a quick run ends", 2_000, || run.finished()).await;
            assert_eq!(printed_lines(&run.events()).len(), 2);
        } else {
            let run = LiveRun::start(slow, 20.0);
            next_turn().await;
            run.stop();
            next_turn().await;
            assert!(run.finished());
        }
    };
    for i in 0..50 {
        rerun(i).await;
    }
    let before = wasm_memory_bytes(&memory);
    for i in 0..1_000 {
        rerun(i).await;
    }
    let after = wasm_memory_bytes(&memory);
    let growth = after - before;
    console_log!("wasm memory: {before} bytes after 50 runs, {after} after 1,000 more (growth {growth} bytes)");
    assert!(growth <= 1_000_000.0, "1,000 reruns grew the wasm memory by {growth} bytes");
}

/// The page was hidden during a run: the run knows when (at 1x scale), and stops recording once it
/// has ended.
#[wasm_bindgen_test]
async fn a_run_knows_when_the_page_was_hidden() {
    spy_install();
    spy_set_hidden(false);
    let mut scenario = Scenario::new(ScenarioId::Gather);
    scenario.set("a", 0.1).unwrap();
    scenario.set("b", 0.4).unwrap();
    let run = LiveRun::start(&scenario, 1.0);
    assert!(run.hidden().is_empty());
    TimeoutFuture::new(100).await;
    spy_set_hidden(true);
    TimeoutFuture::new(100).await;
    spy_set_hidden(false);
    wait_until("the run ends", 3_000, || run.finished()).await;
    let hidden = run.hidden();
    assert_eq!(hidden.len(), 1, "{hidden:?}");
    let (from, to) = (hidden[0].from, hidden[0].to.expect("shown again before the end"));
    assert!((90_000..400_000).contains(&from) && to > from, "hidden from {from} to {to} µs");
    // After the end, visibility is no longer the run's business.
    spy_set_hidden(true);
    spy_set_hidden(false);
    assert_eq!(run.hidden().len(), 1);

    // A run started in a hidden tab was hidden from its start.
    spy_set_hidden(true);
    let run = LiveRun::start(&scenario, 1.0);
    spy_set_hidden(false);
    assert_eq!(run.hidden().first().map(|h| h.from), Some(0));
    drop(run);
}
