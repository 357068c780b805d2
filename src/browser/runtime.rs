//! `BrowserRuntime`: the engine's `Runtime` on the page's real event loop. Tasks are
//! `wasm_bindgen_futures::spawn_local` tasks, sleeps wait in one timer queue per run that keeps a
//! single `setTimeout` (gloo-timers) for its earliest deadline, time is
//! `performance.now()`, fetches are the Fetch API (with an `AbortController`: a dropped request,
//! timed out or stopped, is aborted), `asyncio.to_thread` calls run in a Web Worker (`cpu_worker`).
//!
//! `speed` divides every real wait (speed 10 runs a 3 s scenario in 0.3 s); every time reported to
//! the engine is multiplied back, so events are always at 1x scale.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll};

use futures::future::LocalBoxFuture;
use futures::FutureExt;
use gloo_timers::callback::Timeout;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, Headers, Request, RequestCache, RequestCredentials, RequestInit, RequestMode, Response,
};

use crate::engine::timer_queue::{TimerKey, TimerQueue};
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

    /// The latest deadline that has come at `now`. setTimeout has millisecond granularity, so
    /// less than half a real millisecond ahead is "due" (a 0 ms setTimeout would only add lateness).
    fn due_by(&self, now: Micros) -> Micros {
        let half_real_ms = (500.0 * self.speed).ceil() as Micros;
        now + half_real_ms.saturating_sub(1)
    }

    pub fn speed(&self) -> f64 {
        self.speed
    }
}

/// The engine's runtime on the browser's loop.
#[derive(Clone)]
pub struct BrowserRuntime {
    clock: Clock,
    timers: Rc<PageTimers>,
}

impl BrowserRuntime {
    pub fn new(speed: f64) -> BrowserRuntime {
        let clock = Clock::start(speed);
        BrowserRuntime { timers: PageTimers::new(clock.clone()), clock }
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }
}

/// A run's sleeping timers on the page: the engine's `TimerQueue` (the virtual clock's too, so ties
/// wake in the same order on both), with one `setTimeout` armed for its earliest deadline. This
/// is asyncio's own design (one heap of timer handles; the loop sleeps until the first is due,
/// then runs every due one in heap order) and what makes 10,000 sleeping tasks cheap: 10,000
/// queue entries and one setTimeout per distinct deadline that actually comes, instead of 10,000
/// setTimeouts, each with its JS closure, cleared one by one on Stop.
struct PageTimers {
    clock: Clock,
    state: RefCell<TimerState>,
    /// A fresh task to arm a short setTimeout from (see `arm_timeout`), made when first needed.
    fresh_task: RefCell<Option<FreshTask>>,
}

/// A `MessageChannel` whose messages run `PageTimers::arm_from_fresh_task`: a message is a new
/// task of the event loop, with no timer nesting, and arrives at once (no clamp, no polling).
struct FreshTask {
    receiver: web_sys::MessagePort,
    sender: web_sys::MessagePort,
    _on_message: Closure<dyn FnMut()>,
}

impl Drop for FreshTask {
    fn drop(&mut self) {
        // Unhooked before the closure is freed: a message still on its way calls nothing.
        self.receiver.set_onmessage(None);
        self.receiver.close();
    }
}

/// Browsers delay a setTimeout of less than 4 ms to 4 ms when it is set from inside a chain of
/// more than 5 nested timers (the HTML standard's clamp). The queue's setTimeout is set again
/// from its own callback, so it would always be nested: short waits go through a fresh task.
const NESTED_TIMER_CLAMP_MS: u32 = 4;

struct TimerState {
    queue: TimerQueue,
    /// The setTimeout armed for `deadline`: dropping it calls clearTimeout.
    armed: Option<(Micros, Timeout)>,
    /// The setTimeout that fired last. It is dropped at the next firing rather than inside its
    /// own callback, so no closure is ever freed while it runs.
    spent: Option<Timeout>,
    /// A message to `fresh_task` is on its way (it will arm the setTimeout).
    fresh_task_pending: bool,
}

impl PageTimers {
    fn new(clock: Clock) -> Rc<PageTimers> {
        let state = TimerState { queue: TimerQueue::new(), armed: None, spent: None, fresh_task_pending: false };
        Rc::new(PageTimers { clock, state: RefCell::new(state), fresh_task: RefCell::new(None) })
    }

    /// Wait in the queue until `deadline` (1x-scale micros since the run started).
    fn wait_until(self: &Rc<Self>, deadline: Micros) -> PageTimer {
        PageTimer { timers: self.clone(), deadline, key: None }
    }

    /// Make sure a setTimeout is armed no later than the earliest deadline; none when nothing waits
    /// (a stopped run leaves no timer behind).
    fn arm(self: &Rc<Self>) {
        self.arm_timeout(false);
    }

    fn arm_from_fresh_task(self: &Rc<Self>) {
        self.state.borrow_mut().fresh_task_pending = false;
        self.arm_timeout(true);
    }

    fn arm_timeout(self: &Rc<Self>, in_fresh_task: bool) {
        let mut state = self.state.borrow_mut();
        let Some(first) = state.queue.next_deadline() else {
            state.armed = None;
            return;
        };
        if state.armed.as_ref().is_some_and(|(deadline, _)| *deadline <= first) {
            return;
        }
        let delay_ms = self.clock.real_ms_for(first.saturating_sub(self.clock.now())).round() as u32;
        if delay_ms < NESTED_TIMER_CLAMP_MS && !in_fresh_task {
            if !state.fresh_task_pending && self.post_fresh_task() {
                state.fresh_task_pending = true;
                return;
            }
            if state.fresh_task_pending {
                return;
            }
            // No MessageChannel: a possibly clamped setTimeout is still a correct one.
        }
        let timers: Weak<PageTimers> = Rc::downgrade(self);
        let timeout = Timeout::new(delay_ms, move || {
            if let Some(timers) = timers.upgrade() {
                timers.fire();
            }
        });
        state.armed = Some((first, timeout));
    }

    /// Post a message to the fresh-task channel; false when the browser has none.
    fn post_fresh_task(self: &Rc<Self>) -> bool {
        let mut fresh_task = self.fresh_task.borrow_mut();
        if fresh_task.is_none() {
            let Ok(channel) = web_sys::MessageChannel::new() else {
                return false;
            };
            let timers: Weak<PageTimers> = Rc::downgrade(self);
            let on_message = Closure::<dyn FnMut()>::new(move || {
                if let Some(timers) = timers.upgrade() {
                    timers.arm_from_fresh_task();
                }
            });
            let receiver = channel.port1();
            // Setting onmessage also starts the port's message queue.
            receiver.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            *fresh_task = Some(FreshTask { receiver, sender: channel.port2(), _on_message: on_message });
        }
        fresh_task.as_ref().is_some_and(|task| task.sender.post_message(&JsValue::UNDEFINED).is_ok())
    }

    /// The armed setTimeout fired: wake every timer that is due, in queue order, and arm the next.
    fn fire(self: &Rc<Self>) {
        let due = {
            let mut state = self.state.borrow_mut();
            state.spent = state.armed.take().map(|(_, timeout)| timeout);
            state.queue.fire_due(self.clock.due_by(self.clock.now()))
        };
        self.arm();
        // Each wake queues its task behind the ones already queued: they run in this order.
        for waker in due {
            waker.wake();
        }
    }

    /// A timer that will not wait any more (done, cancelled, or the run stopped).
    fn forget(&self, key: TimerKey) {
        let mut state = self.state.borrow_mut();
        state.queue.remove(key);
        if state.queue.is_empty() {
            state.armed = None;
        }
    }
}

/// One sleep waiting in the run's `PageTimers`. Dropping it (a cancelled sleep, Stop) takes it out
/// of the queue, and clears the setTimeout once nothing else waits.
struct PageTimer {
    timers: Rc<PageTimers>,
    deadline: Micros,
    key: Option<TimerKey>,
}

impl Future for PageTimer {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let timers = self.timers.clone();
        let due = self.deadline <= timers.clock.due_by(timers.clock.now());
        let fired = !due && {
            let mut state = timers.state.borrow_mut();
            let deadline = self.deadline;
            let key = *self.key.get_or_insert_with(|| state.queue.add(deadline));
            // Woken early (a setTimeout fires up to a millisecond early) or polled again: the
            // timer keeps its place in the queue, with the latest waker.
            state.queue.poll(key, cx.waker())
        };
        if due || fired {
            if let Some(key) = self.key.take() {
                timers.forget(key);
            }
            return Poll::Ready(());
        }
        timers.arm();
        Poll::Pending
    }
}

impl Drop for PageTimer {
    fn drop(&mut self) {
        if let Some(key) = self.key.take() {
            self.timers.forget(key);
        }
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
    // A program may be someone else's (a link's code=): no cookies or HTTP auth of this browser
    // go with its requests, whoever wrote them.
    init.set_credentials(RequestCredentials::Omit);
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
    init.set_credentials(RequestCredentials::Omit);
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

    fn real_ms(&self) -> Option<f64> {
        Some(self.clock.real_ms())
    }

    fn timer(&self, deadline: Micros) -> LocalBoxFuture<'static, ()> {
        self.timers.wait_until(deadline).boxed_local()
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

    fn run_python_elsewhere(&self, job: String) -> Option<LocalBoxFuture<'static, Result<String, String>>> {
        Some(cpu_worker::run_python(job, self.clock.speed()).boxed_local())
    }
}
