//! The `Runtime` trait: the few things an event loop must provide. Everything asyncio-specific (tasks,
//! cancellation, gather, the event log) is written once on top of it in `aio.rs`, so a scenario runs
//! unchanged on the browser's loop and on the virtual clock.

use futures::future::LocalBoxFuture;

use super::Micros;

/// A response whose status line and headers have arrived; its body has not been read yet (that is
/// `ResponseBody`, a second await, as in aiohttp: `session.get()` then `response.text()`).
#[derive(Clone, Debug, PartialEq)]
pub struct ResponseHead {
    pub url: String,
    pub status: u16,
    /// The reason phrase (`Not Found`). HTTP/2 servers send none: the standard one is used then.
    pub reason: String,
}

/// Reads the body of a response as text. Dropping it before it completes aborts the transfer.
pub type ResponseBody = LocalBoxFuture<'static, Result<String, FetchError>>;

/// What `Runtime::fetch` gives once the head has arrived: the head, and the body still to read.
pub type Fetched = (ResponseHead, ResponseBody);

/// Why a request got no (readable) response. The Fetch API reports most of these as the same
/// `TypeError`; the browser runtime tells them apart (see `browser::runtime`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FetchFailure {
    /// The browser says it has no network (`navigator.onLine` is false).
    Offline,
    /// Nothing answered: no such host, connection refused, or no network after all.
    Unreachable,
    /// The server answered, but the browser did not let the page read the answer: the server's
    /// response has no `Access-Control-Allow-Origin` for this page (CORS). Python has no such rule.
    Cors,
    /// The address cannot be requested at all.
    InvalidUrl,
    /// The site's sample API is not running here (its service worker could not start).
    SampleApi,
    /// The body broke off while it was being read.
    Body,
}

/// Why a fetch gave no response, for the URL it was for.
#[derive(Clone, Debug, PartialEq)]
pub struct FetchError {
    pub url: String,
    pub failure: FetchFailure,
    /// What happened, in words (the browser's own message where it gives one).
    pub message: String,
}

impl FetchError {
    pub fn new(url: &str, failure: FetchFailure, message: impl Into<String>) -> FetchError {
        FetchError { url: url.to_string(), failure, message: message.into() }
    }
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
    /// GET `url` and wait for the response's status line and headers; the body is read by awaiting
    /// the `ResponseBody` it returns. Dropping either future aborts the request.
    fn fetch(&self, url: &str) -> LocalBoxFuture<'static, Result<Fetched, FetchError>>;
    /// Hold the thread for `duration` of CPU work: nothing else on this loop runs meanwhile.
    fn busy(&self, duration: Micros);
    /// What reading the clock costs (virtual clock: 1 µs, so a busy loop on it ends; real: 0).
    fn clock_read_cost(&self) -> Micros {
        0
    }
    /// Real milliseconds on a monotonic clock, for watchdogs that must see real time pass (code
    /// that never yields freezes a real loop); `None` where time is not real (the virtual clock).
    fn real_ms(&self) -> Option<f64> {
        None
    }
    /// Run a Python job (`python::thread`: a call of `asyncio.to_thread`) in another thread, and
    /// complete with its answer; `None` where there is no other thread (the virtual clock runs the
    /// call in place, exactly).
    fn run_python_elsewhere(&self, _job: String) -> Option<LocalBoxFuture<'static, Result<String, String>>> {
        None
    }
}

/// The standard reason phrase of an HTTP status, for servers that send none (HTTP/2 never does,
/// and aiohttp's `ClientResponseError` message shows one).
pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        418 => "I'm a Teapot",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}
