//! 44.5's Web Worker, the worker's side. The worker (static/worker.js) runs this same wasm and
//! calls `playground_worker_start`; the page's side is `browser::cpu_worker`.
//!
//! It posts `"ready"` once running (messages sent before that would be lost), then answers each
//! message, a Python job of `asyncio.to_thread` (the run's speed, a newline, the job), run by an
//! interpreter of its own on this thread's clock (`python::thread::run_thread_job`).

use std::rc::Rc;

use futures::future::LocalBoxFuture;
use futures::FutureExt;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Performance};

use crate::engine::{Aio, FetchError, FetchFailure, Fetched, Micros, Runtime};

/// Called by static/worker.js once the wasm is instantiated in the worker.
#[wasm_bindgen]
pub fn playground_worker_start() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = {
        let scope = scope.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            // The worker's own clock: the page's is on another thread.
            let Some(performance) = scope.performance() else { return };
            let answer = python_job(performance, &event.data().as_string().unwrap_or_default());
            let _ = scope.post_message(&JsValue::from_str(&answer));
        })
    };
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

/// `speed\njob`: the job run on a clock that starts where the page's loop was when it sent the
/// job (the job's first line) and runs `speed` times as fast as real time, as the page's does.
fn python_job(performance: Performance, text: &str) -> String {
    let (speed, job) = text.split_once('\n').unwrap_or(("1", text));
    let start = crate::python::thread::job_clock(job);
    let speed = crate::decimal::parse_f64(speed).filter(|s| *s > 0.0).unwrap_or(1.0);
    let clock = ThreadClock { origin_ms: performance.now(), performance, start, speed };
    crate::python::thread::run_thread_job(job, &Aio::new(Rc::new(clock)))
}

/// A thread's runtime: a clock and a busy wait. A plain function has no loop to sleep, fetch or
/// spawn on (asking for one is an error in CPython's threads too).
struct ThreadClock {
    performance: Performance,
    origin_ms: f64,
    start: Micros,
    speed: f64,
}

impl Runtime for ThreadClock {
    fn now(&self) -> Micros {
        self.start + ((self.performance.now() - self.origin_ms) * self.speed * 1000.0).max(0.0) as Micros
    }

    fn timer(&self, _deadline: Micros) -> LocalBoxFuture<'static, ()> {
        futures::future::pending().boxed_local()
    }

    fn spawn(&self, _future: LocalBoxFuture<'static, ()>) {}

    fn fetch(&self, url: &str) -> LocalBoxFuture<'static, Result<Fetched, FetchError>> {
        let error = FetchError::new(url, FetchFailure::Unreachable, "no request can be made from a thread here");
        async move { Err(error) }.boxed_local()
    }

    fn busy(&self, duration: Micros) {
        let end = self.now() + duration;
        while self.now() < end {}
    }
}
