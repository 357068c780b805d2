//! 44.5's Web Worker, the worker's side. The worker (static/worker.js) runs this same wasm and
//! calls `playground_worker_start`; the page's side is `browser::cpu_worker`.
//!
//! It posts `"ready"` once running (messages sent before that would be lost), then for each
//! message — a number of real milliseconds — keeps its thread busy for that long, the same busy
//! loop as `cpu_work` in the page's Python, and answers with how many turns the loop made.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Called by static/worker.js once the wasm is instantiated in the worker.
#[wasm_bindgen]
pub fn playground_worker_start() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = {
        let scope = scope.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let ms = event.data().as_f64().unwrap_or(0.0);
            // The worker's own clock: the page's is on another thread.
            let Some(performance) = scope.performance() else { return };
            let end = performance.now() + ms;
            let mut turns = 0u64;
            while performance.now() < end {
                turns += 1;
            }
            let _ = scope.post_message(&JsValue::from_f64(turns as f64));
        })
    };
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}
