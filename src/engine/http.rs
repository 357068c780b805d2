//! aiohttp's client, as far as the chapter uses it: `ClientSession`, `session.get(url,
//! raise_for_status=…, timeout=…)` awaited for the response's head, then `response.text()` awaited
//! for its body: two awaits, so the timeline shows the wait for the server and the body's reading
//! apart.
//!
//! Each request is logged (`HttpRequest`, `HttpResponse`, `HttpBody`, `HttpFailed`) so the page
//! can show, per URL, its status, size, timing and a preview, or why it failed. Failures raise what
//! aiohttp raises (checked against aiohttp 3.14): `ClientResponseError` for a status ≥ 400 with
//! `raise_for_status`, `TimeoutError` when `timeout` runs out (it covers head and body, like
//! `ClientTimeout(total=…)`), `ClientConnectorError` when nothing answers, and
//! `ClientConnectionError: Connector is closed.` for requests still going when their session
//! closes — which is what happens to the other requests of a `gather` whose first exception leaves
//! the `async with aiohttp.ClientSession()` block.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use futures::future::LocalBoxFuture;

use super::aio::{Aio, Awaiting, Exception};
use super::event::{EventKind, TaskId};
use super::runtime::{FetchError, FetchFailure, ResponseBody};
use super::value::py_str_repr;
use super::{micros_from_secs, Micros};

/// How many characters of a body the log keeps for the page's preview.
pub const PREVIEW_CHARS: usize = 300;

/// The keyword arguments of `session.get(url, …)` the chapter's code uses.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct GetOptions {
    /// `raise_for_status=True`: a status ≥ 400 raises `ClientResponseError` (else it is a response
    /// like any other, and its body is read).
    pub raise_for_status: bool,
    /// `timeout=aiohttp.ClientTimeout(total=…)`, in seconds: the whole request, head and body.
    pub timeout: Option<f64>,
}

/// `aiohttp.ClientSession()`: requests are made through it; closing it fails the ones still going.
#[derive(Clone)]
pub struct ClientSession {
    aio: Aio,
    state: Rc<SessionState>,
}

#[derive(Default)]
struct SessionState {
    closed: Cell<bool>,
    /// The wakers of requests in progress, by a number of their own, in the order they first
    /// waited: closing wakes them all. A list, not a map: a session has a handful of requests,
    /// and a BTreeMap of this type cost the wasm 1.6 kB (brotli) of its own code.
    waiting: RefCell<Vec<(u64, Waker)>>,
    next_waiter: Cell<u64>,
}

/// A response whose head has arrived: `async with session.get(url) as response`.
pub struct ClientResponse {
    pub url: String,
    pub status: u16,
    pub reason: String,
    req: usize,
    task: TaskId,
    body: ResponseBody,
    deadline: Option<Micros>,
    session: ClientSession,
}

impl Aio {
    /// `async with aiohttp.ClientSession() as session:` (entering it never waits).
    pub fn client_session(&self) -> ClientSession {
        ClientSession { aio: self.clone(), state: Rc::new(SessionState::default()) }
    }
}

impl ClientSession {
    /// `await session.get(url, …).__aenter__()`: sends the request and waits for the status line and
    /// headers. With `raise_for_status`, a status ≥ 400 raises here and the body is never read.
    pub fn get(&self, url: &str, options: GetOptions) -> impl Future<Output = Result<ClientResponse, Exception>> {
        let session = self.clone();
        let aio = self.aio.clone();
        let on = format!("GET {url}");
        let url = url.to_string();
        let runtime = aio.runtime();
        let request = Box::pin(async move {
            let task = aio.current_task().unwrap_or(0);
            let req = aio.next_request();
            aio.record(task, EventKind::HttpRequest { req, url: url.clone() });
            let deadline = options.timeout.map(|t| runtime.now() + micros_from_secs(t));
            let guarded = Guarded::new(&session, runtime.fetch(&url), deadline, Logged { aio: aio.clone(), task, req });
            let (head, body) = match guarded.await {
                Ok(fetched) => fetched,
                Err(interrupt) => return Err(interrupt.raise(&aio, task, req, &url)),
            };
            aio.record(task, EventKind::HttpResponse { req, status: head.status, reason: head.reason.clone() });
            if options.raise_for_status && head.status >= 400 {
                // aiohttp's `ClientResponseError.__str__`; the body is released unread (dropped here,
                // which aborts its transfer).
                let message =
                    format!("{}, message={}, url={}", head.status, py_str_repr(&head.reason), py_str_repr(&head.url));
                aio.record(task, failed(req, "ClientResponseError", &message));
                return Err(Exception::error("ClientResponseError", message));
            }
            Ok(ClientResponse {
                url: head.url,
                status: head.status,
                reason: head.reason,
                req,
                task,
                body,
                deadline,
                session,
            })
        });
        let waiting = Awaiting::new(&self.aio, on, request);
        async move { waiting.await? }
    }

    /// Leaving `async with aiohttp.ClientSession()`: requests still going fail with
    /// `ClientConnectionError: Connector is closed.`, as aiohttp's do; if there were any, the loop
    /// runs once (their tasks take the error) before the block's own exception, if any, goes on.
    pub fn close(&self) -> impl Future<Output = ()> {
        self.state.closed.set(true);
        let waiting: Vec<Waker> =
            std::mem::take(&mut *self.state.waiting.borrow_mut()).into_iter().map(|(_, waker)| waker).collect();
        let any = !waiting.is_empty();
        for waker in waiting {
            waker.wake();
        }
        let aio = self.aio.clone();
        async move {
            // After Stop every await raises at once: the turn would only record a second place the
            // task was "cancelled in", after the await Stop really cancelled it at.
            if any && !aio.is_stopped() {
                let _ = aio.sleep(0.0).await;
            }
        }
    }
}

impl ClientResponse {
    /// `await response.text()`: the body as text. The request's timeout still applies.
    pub fn text(self) -> impl Future<Output = Result<String, Exception>> {
        let ClientResponse { url, req, task, body, deadline, session, .. } = self;
        let aio = session.aio.clone();
        let log = Logged { aio: aio.clone(), task, req };
        let guarded = Guarded::new(&session, body, deadline, log);
        let waiting = Awaiting::new(&aio, "response.text()".to_string(), guarded);
        async move {
            match waiting.await? {
                Ok(text) => {
                    let preview: String = text.chars().take(PREVIEW_CHARS).collect();
                    let (chars, bytes) = (text.chars().count(), text.len());
                    aio.record(task, EventKind::HttpBody { req, chars, bytes, preview });
                    Ok(text)
                }
                Err(interrupt) => Err(interrupt.raise(&aio, task, req, &url)),
            }
        }
    }
}

fn failed(req: usize, kind: &str, message: &str) -> EventKind {
    EventKind::HttpFailed { req, kind: kind.to_string(), message: message.to_string() }
}

/// Which request a `Guarded` belongs to, to log it if it is dropped unfinished.
struct Logged {
    aio: Aio,
    task: TaskId,
    req: usize,
}

/// Why a request's await ended without its result.
enum Interrupt {
    Failed(FetchError),
    TimedOut,
    SessionClosed,
}

impl Interrupt {
    /// The exception aiohttp raises for it; logged as the request's end.
    fn raise(self, aio: &Aio, task: TaskId, req: usize, url: &str) -> Exception {
        let (kind, message) = match self {
            Interrupt::TimedOut => ("TimeoutError", String::new()),
            Interrupt::SessionClosed => ("ClientConnectionError", "Connector is closed.".to_string()),
            Interrupt::Failed(error) => match error.failure {
                FetchFailure::InvalidUrl => ("InvalidUrlClientError", url.to_string()),
                FetchFailure::Body => {
                    ("ClientPayloadError", format!("Response payload is not completed: {}", error.message))
                }
                // Python has no CORS: aiohttp would have read this response. The browser refused.
                FetchFailure::Cors => ("ClientError", error.message),
                FetchFailure::Offline | FetchFailure::Unreachable | FetchFailure::SampleApi => (
                    "ClientConnectorError",
                    format!("Cannot connect to host {} ssl:default [{}]", host_port(url), error.message),
                ),
            },
        };
        aio.record(task, failed(req, kind, &message));
        Exception::error(kind, message)
    }
}

/// `host:port` of a URL as aiohttp's connection errors name it (`api.github.com:443`); a relative
/// URL is on the page's own site.
pub fn host_port(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return "(this site)".to_string() };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let has_port = host.rsplit_once(':').is_some_and(|(_, p)| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && !host.ends_with(']');
    if has_port {
        host.to_string()
    } else {
        let port = if scheme.eq_ignore_ascii_case("https") { 443 } else { 80 };
        format!("{host}:{port}")
    }
}

/// A request's work (its head, or its body) raced against its deadline and its session closing.
/// Dropping it drops the work (aborting the request); dropped unfinished, it logs the request as
/// cancelled (the task was cancelled at this await, or the run stopped).
struct Guarded<T> {
    work: Option<LocalBoxFuture<'static, Result<T, FetchError>>>,
    timer: Option<LocalBoxFuture<'static, ()>>,
    session: Rc<SessionState>,
    waiter: u64,
    log: Logged,
}

impl<T> Guarded<T> {
    fn new(
        session: &ClientSession,
        work: LocalBoxFuture<'static, Result<T, FetchError>>,
        deadline: Option<Micros>,
        log: Logged,
    ) -> Self {
        let state = session.state.clone();
        let waiter = state.next_waiter.get();
        state.next_waiter.set(waiter + 1);
        let timer = deadline.map(|d| session.aio.runtime().timer(d));
        Guarded { work: Some(work), timer, session: state, waiter, log }
    }

    fn finish(&mut self) {
        self.work = None;
        self.timer = None;
        self.session.waiting.borrow_mut().retain(|(waiter, _)| *waiter != self.waiter);
    }
}

impl<T> Future for Guarded<T> {
    type Output = Result<T, Interrupt>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let Some(work) = this.work.as_mut() else { return Poll::Pending };
        if this.session.closed.get() {
            this.finish();
            return Poll::Ready(Err(Interrupt::SessionClosed));
        }
        // The work first: an answer that arrives exactly at the deadline is in time.
        if let Poll::Ready(result) = work.as_mut().poll(cx) {
            this.finish();
            return Poll::Ready(result.map_err(Interrupt::Failed));
        }
        if let Some(timer) = this.timer.as_mut() {
            if timer.as_mut().poll(cx).is_ready() {
                this.finish();
                return Poll::Ready(Err(Interrupt::TimedOut));
            }
        }
        let mut waiting = this.session.waiting.borrow_mut();
        match waiting.iter_mut().find(|(waiter, _)| *waiter == this.waiter) {
            Some((_, waker)) => waker.clone_from(cx.waker()),
            None => waiting.push((this.waiter, cx.waker().clone())),
        }
        Poll::Pending
    }
}

impl<T> Drop for Guarded<T> {
    fn drop(&mut self) {
        if self.work.is_some() {
            self.finish();
            let Logged { aio, task, req } = &self.log;
            aio.record(*task, failed(*req, "CancelledError", "the request was aborted"));
        }
    }
}
