//! `BrowserRuntime`: the engine's `Runtime` on the page's real event loop. Tasks are
//! `wasm_bindgen_futures::spawn_local` tasks, sleeps are `setTimeout`s (gloo-timers), time is
//! `performance.now()`, fetches are the Fetch API (with an `AbortController`: a dropped request,
//! timed out or stopped, is aborted), offloaded CPU work is a Web Worker (`cpu_worker`).
//!
//! `speed` divides every real wait (speed 10 runs a 3 s scenario in 0.3 s); every time reported to
//! the engine is multiplied back, so events are always at 1x scale.

use futures::future::LocalBoxFuture;
use futures::FutureExt;
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, Request, RequestCache, RequestInit, RequestMode, Response};

use crate::engine::{reason_phrase, FetchError, FetchFailure, Fetched, Micros, ResponseHead, Runtime};

use super::{cpu_worker, sample_api};

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
}

impl BrowserRuntime {
    pub fn new(speed: f64) -> BrowserRuntime {
        BrowserRuntime { clock: Clock::start(speed) }
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }
}

/// Aborts the request when the fetch future (or its body) is dropped: a timed-out request, a
/// cancelled task, Stop, a new run, or a `ClientResponseError` whose body is never read.
struct AbortOnDrop(AbortController);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

fn js_message(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}

fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// GET `url` (relative URLs are relative to the page) and wait for the head; the body is read
/// when the returned `ResponseBody` is awaited.
async fn fetch_head(url: String, speed: f64) -> Result<Fetched, FetchError> {
    let fail = |failure: FetchFailure, message: String| FetchError::new(&url, failure, message);
    let window = web_sys::window().ok_or_else(|| fail(FetchFailure::Unreachable, "no window".into()))?;
    let page = window.location().href().map_err(|e| fail(FetchFailure::InvalidUrl, js_message(&e)))?;
    let resolved = web_sys::Url::new_with_base(&url, &page)
        .map_err(|_| fail(FetchFailure::InvalidUrl, format!("{url} is not a URL")))?;
    if !matches!(resolved.protocol().as_str(), "http:" | "https:" | "data:") {
        return Err(fail(FetchFailure::InvalidUrl, format!("{url} is not an http(s) address")));
    }
    let sample = sample_api::answers(&resolved);
    if sample {
        // The service worker must control the page before its first request, or the request would
        // go to the static host (and get a 404 instead of the sample API's answer).
        sample_api::ready().await.map_err(|message| fail(FetchFailure::SampleApi, message))?;
    }
    let controller = AbortController::new().map_err(|e| fail(FetchFailure::Unreachable, js_message(&e)))?;
    let guard = AbortOnDrop(controller);
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_mode(RequestMode::Cors);
    // A real request every time, as aiohttp makes: a cached answer would make a rerun look instant.
    init.set_cache(RequestCache::NoStore);
    init.set_signal(Some(&guard.0.signal()));
    if sample {
        // The sample API divides its waits by the page's speed, like every other wait of the run.
        // Only the page's own sample API gets this header: it is nobody else's business.
        let headers = Headers::new().map_err(|e| fail(FetchFailure::Unreachable, js_message(&e)))?;
        let _ = headers.set(sample_api::SPEED_HEADER, &speed.to_string());
        init.set_headers(&headers);
    }
    let request = Request::new_with_str_and_init(&resolved.href(), &init)
        .map_err(|e| fail(FetchFailure::InvalidUrl, js_message(&e)))?;
    let response = match JsFuture::from(window.fetch_with_request(&request)).await {
        Ok(response) => response,
        Err(error) => return Err(diagnose(&url, &resolved, sample, &guard.0, &error).await),
    };
    let response: Response = response.dyn_into().map_err(|e| fail(FetchFailure::Unreachable, js_message(&e)))?;
    let status = response.status();
    let reason = match response.status_text() {
        text if text.is_empty() => reason_phrase(status).to_string(),
        text => text,
    };
    let head = ResponseHead { url: url.clone(), status, reason };
    let body = async move {
        // Reading starts when the body is asked for (`await response.text()`).
        let guard = guard;
        let promise = response.text().map_err(|e| FetchError::new(&url, FetchFailure::Body, js_message(&e)))?;
        let text =
            JsFuture::from(promise).await.map_err(|e| FetchError::new(&url, FetchFailure::Body, js_message(&e)))?;
        drop(guard);
        Ok(text.as_string().unwrap_or_default())
    }
    .boxed_local();
    Ok((head, body))
}

/// The Fetch API rejects with the same `TypeError` ("Failed to fetch") whether the browser is
/// offline, nothing answered, or the server answered without allowing this page to read it (CORS).
/// Tell them apart: offline is `navigator.onLine`; otherwise an opaque (`no-cors`) request to the
/// same address succeeds exactly when the server did answer, which makes a failure CORS. The
/// extra request is made only after a failure, and is aborted with the first (same signal).
async fn diagnose(
    url: &str,
    resolved: &web_sys::Url,
    sample: bool,
    controller: &AbortController,
    error: &JsValue,
) -> FetchError {
    let said = js_message(error);
    if !online() {
        return FetchError::new(url, FetchFailure::Offline, format!("the browser is offline ({said})"));
    }
    if sample {
        let message = format!("the sample API's service worker did not answer ({said})");
        return FetchError::new(url, FetchFailure::SampleApi, message);
    }
    let host = resolved.host();
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_mode(RequestMode::NoCors);
    init.set_cache(RequestCache::NoStore);
    init.set_signal(Some(&controller.signal()));
    let answered = match (web_sys::window(), Request::new_with_str_and_init(&resolved.href(), &init)) {
        (Some(window), Ok(probe)) => JsFuture::from(window.fetch_with_request(&probe)).await.is_ok(),
        _ => false,
    };
    if answered {
        FetchError::new(
            url,
            FetchFailure::Cors,
            format!(
                "the browser blocked reading the response: {host} answered, but without an Access-Control-Allow-Origin header that lets this page read it (CORS). Python has no such rule: there the request would succeed"
            ),
        )
    } else {
        FetchError::new(
            url,
            FetchFailure::Unreachable,
            format!("nothing answered at {host}: no such host, or no network ({said})"),
        )
    }
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

    fn fetch(&self, url: &str) -> LocalBoxFuture<'static, Result<Fetched, FetchError>> {
        fetch_head(url.to_string(), self.clock.speed()).boxed_local()
    }

    fn busy(&self, duration: Micros) {
        // Really hold the main thread: this is the point of section 44.5.
        let end = self.clock.real_ms() + self.clock.real_ms_for(duration);
        while self.clock.real_ms() < end {}
    }

    fn offload(&self, duration: Micros) -> LocalBoxFuture<'static, Result<(), String>> {
        cpu_worker::run(self.clock.real_ms_for(duration)).boxed_local()
    }
}
