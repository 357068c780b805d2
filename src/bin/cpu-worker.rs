//! 44.5's Web Worker: CPU-bound work off the page's thread, in this project's own Rust. Trunk builds
//! it as a second wasm (`<link data-trunk rel="rust" data-type="worker" …>` in index.html) with a
//! loader, `cpu-worker_loader.js`, that `browser::cpu_worker` starts.
//!
//! It posts `"ready"` once running (messages sent before that would be lost), then for each
//! message — a number of real milliseconds — keeps its thread busy for that long, the same busy
//! loop as `cpu_work` in the page's Python, and answers with how many turns the loop made. It uses
//! nothing but wasm-bindgen, js-sys and web-sys, so it stays small.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

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

/// Natively there is no worker: the bin exists for the wasm build only.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
