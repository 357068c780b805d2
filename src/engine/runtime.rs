//! The `Runtime` trait: the few things an event loop must provide. Everything asyncio-specific (tasks,
//! cancellation, gather, the event log) is written once on top of it in `aio.rs`, so a scenario runs
//! unchanged on the browser's loop and on the virtual clock.

use futures::future::LocalBoxFuture;

use super::Micros;

/// What a fetch answered: the HTTP status and the body as text (the chapter uses `response.text()`).
#[derive(Clone, Debug, PartialEq)]
pub struct FetchResponse {
    pub url: String,
    pub status: u16,
    pub body: String,
}

/// Why a fetch gave no response: no network, a CORS refusal, a time-out, an abort.
#[derive(Clone, Debug, PartialEq)]
pub struct FetchError {
    pub url: String,
    pub message: String,
}

/// An event loop's primitives. Implementations: `VirtualClock` (deterministic, jumps time) and
/// `browser::BrowserRuntime` (the page's real loop).
pub trait Runtime {
    /// Time since the run started, at 1x scale. Never decreases.
    fn now(&self) -> Micros;
    /// Completes once `now() >= deadline`. Dropping it before then must cancel the underlying timer
    /// (a cancelled `sleep` leaves nothing scheduled).
    fn timer(&self, deadline: Micros) -> LocalBoxFuture<'static, ()>;
    /// Queue a future on the loop, behind everything already queued (asyncio's `call_soon` order).
    fn spawn(&self, future: LocalBoxFuture<'static, ()>);
    /// GET `url` and read the body as text. Dropping the future aborts the request.
    fn fetch(&self, url: &str) -> LocalBoxFuture<'static, Result<FetchResponse, FetchError>>;
    /// Hold the thread for `duration` of CPU work: nothing else on this loop runs meanwhile.
    fn busy(&self, duration: Micros);
    /// Run `duration` of CPU work off this thread (a worker) and complete when it is done.
    fn offload(&self, duration: Micros) -> LocalBoxFuture<'static, Result<(), String>>;
}
