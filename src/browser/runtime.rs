//! `BrowserRuntime`: the engine's `Runtime` on the page's real event loop. Tasks are
//! `wasm_bindgen_futures::spawn_local` tasks, sleeps are `setTimeout`s (gloo-timers), time is
//! `performance.now()`, fetches are the Fetch API, offloaded CPU work is a Web Worker.
//!
//! `speed` divides every real wait (speed 10 runs a 3 s scenario in 0.3 s); every time reported to
//! the engine is multiplied back, so events are always at 1x scale.

use std::cell::RefCell;
use std::rc::Rc;

use futures::channel::oneshot;
use futures::future::LocalBoxFuture;
use futures::FutureExt;
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, MessageEvent, Request, RequestInit, RequestMode, Response, Worker};

use crate::engine::{FetchError, FetchResponse, Micros, Runtime};

/// The page's clock, scaled by the run's speed.
#[derive(Clone)]
pub struct Clock {
    performance: web_sys::Performance,
    /// `performance.now()` (ms) when the run started.
    origin_ms: f64,
    speed: f64,
}

impl Clock {
    pub fn start(speed: f64) -> Clock {
        let performance = web_sys::window()
            .and_then(|w| w.performance())
            .expect("performance.now() exists in every browser we support");
        let origin_ms = performance.now();
        Clock { performance, origin_ms, speed: if speed.is_finite() && speed > 0.0 { speed } else { 1.0 } }
    }

    /// Real milliseconds since the run started.
    pub fn real_ms(&self) -> f64 {
        self.performance.now() - self.origin_ms
    }

    /// Time since the run started at 1x scale.
    pub fn now(&self) -> Micros {
        (self.real_ms() * self.speed * 1000.0).max(0.0) as Micros
    }

    /// Real milliseconds that `micros` of 1x-scale time take at this speed.
    pub fn real_ms_for(&self, micros: Micros) -> f64 {
        micros as f64 / 1000.0 / self.speed
    }

    pub fn speed(&self) -> f64 {
        self.speed
    }
}

/// The engine's runtime on the browser's loop.
#[derive(Clone)]
pub struct BrowserRuntime {
    clock: Clock,
    /// Where the CPU worker script lives, relative to the page (so a sub-path host works).
    worker_url: String,
}

impl BrowserRuntime {
    pub fn new(speed: f64) -> BrowserRuntime {
        BrowserRuntime { clock: Clock::start(speed), worker_url: "cpu-worker.js".to_string() }
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }
}

/// Aborts the request when the fetch future is dropped (a cancelled task, Stop, a new run).
struct AbortOnDrop(AbortController);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Terminates the worker when the offloaded work is dropped before it finishes.
struct TerminateOnDrop(Worker);

impl Drop for TerminateOnDrop {
    fn drop(&mut self) {
        self.0.terminate();
    }
}

fn js_message(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}

async fn fetch_text(url: String) -> Result<FetchResponse, FetchError> {
    let fail = |message: String| FetchError { url: url.clone(), message };
    let controller = AbortController::new().map_err(|e| fail(js_message(&e)))?;
    let guard = AbortOnDrop(controller);
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_mode(RequestMode::Cors);
    init.set_signal(Some(&guard.0.signal()));
    let request =
        Request::new_with_str_and_init(&url, &init).map_err(|e| fail(format!("invalid URL: {}", js_message(&e))))?;
    let window = web_sys::window().ok_or_else(|| fail("no window".into()))?;
    let response = JsFuture::from(window.fetch_with_request(&request)).await.map_err(|e| {
        // The Fetch API gives the same TypeError for no network and for a CORS refusal.
        fail(format!("no response (offline, or the server refused a cross-origin request): {}", js_message(&e)))
    })?;
    let response: Response = response.dyn_into().map_err(|e| fail(js_message(&e)))?;
    let status = response.status();
    let text_promise = response.text().map_err(|e| fail(js_message(&e)))?;
    let body =
        JsFuture::from(text_promise).await.map_err(|e| fail(format!("reading the body failed: {}", js_message(&e))))?;
    drop(guard);
    if !(200..300).contains(&status) {
        return Err(fail(format!("{status}, message='{}', url='{url}'", response.status_text())));
    }
    Ok(FetchResponse { url, status, body: body.as_string().unwrap_or_default() })
}

impl Runtime for BrowserRuntime {
    fn now(&self) -> Micros {
        self.clock.now()
    }

    fn timer(&self, deadline: Micros) -> LocalBoxFuture<'static, ()> {
        let clock = self.clock.clone();
        async move {
            loop {
                let now = clock.now();
                // setTimeout has millisecond granularity: within half a real millisecond is "due".
                let remaining_ms = clock.real_ms_for(deadline.saturating_sub(now));
                if remaining_ms < 0.5 {
                    break;
                }
                // Dropping the TimeoutFuture calls clearTimeout: a cancelled sleep leaves no timer.
                TimeoutFuture::new(remaining_ms.round() as u32).await;
            }
        }
        .boxed_local()
    }

    fn spawn(&self, future: LocalBoxFuture<'static, ()>) {
        wasm_bindgen_futures::spawn_local(future);
    }

    fn fetch(&self, url: &str) -> LocalBoxFuture<'static, Result<FetchResponse, FetchError>> {
        fetch_text(url.to_string()).boxed_local()
    }

    fn busy(&self, duration: Micros) {
        // Really hold the main thread: this is the point of section 44.5.
        let end = self.clock.real_ms() + self.clock.real_ms_for(duration);
        while self.clock.real_ms() < end {}
    }

    fn offload(&self, duration: Micros) -> LocalBoxFuture<'static, Result<(), String>> {
        let real_ms = self.clock.real_ms_for(duration);
        let url = self.worker_url.clone();
        async move {
            let worker = Worker::new(&url).map_err(|e| format!("could not start the worker: {}", js_message(&e)))?;
            let guard = TerminateOnDrop(worker);
            let (sender, receiver) = oneshot::channel::<Result<(), String>>();
            let sender = Rc::new(RefCell::new(Some(sender)));
            let on_message = {
                let sender = sender.clone();
                Closure::<dyn FnMut(MessageEvent)>::new(move |_event: MessageEvent| {
                    if let Some(sender) = sender.borrow_mut().take() {
                        let _ = sender.send(Ok(()));
                    }
                })
            };
            let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
                if let Some(sender) = sender.borrow_mut().take() {
                    let _ = sender.send(Err(format!("the worker failed: {}", event.message())));
                }
            });
            guard.0.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            guard.0.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            guard.0.post_message(&JsValue::from_f64(real_ms)).map_err(|e| js_message(&e))?;
            let result = receiver.await.unwrap_or_else(|_| Err("the worker went away".to_string()));
            guard.0.set_onmessage(None);
            guard.0.set_onerror(None);
            drop(guard);
            result
        }
        .boxed_local()
    }
}
