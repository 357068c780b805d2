//! The HTTP requests of a run, one record per request, derived from the event log: when it was
//! sent, when its head and its body came, its status, size and a preview of its text, or how it
//! failed. The page's per-URL table and the timeline's labels read these.

use super::event::{Event, EventKind, TaskId};
use super::Micros;

/// The head of a response: when it came, its status and reason phrase.
#[derive(Clone, Debug, PartialEq)]
pub struct Head {
    pub at: Micros,
    pub status: u16,
    pub reason: String,
}

/// A body read as text.
#[derive(Clone, Debug, PartialEq)]
pub struct Body {
    pub at: Micros,
    /// Python's `len(text)`: what the chapter prints as "bytes".
    pub chars: usize,
    /// Its size in UTF-8.
    pub bytes: usize,
    pub preview: String,
}

/// How a request failed: the Python exception it ended with.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    pub at: Micros,
    pub kind: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub req: usize,
    /// The task that made it.
    pub task: TaskId,
    pub url: String,
    pub sent: Micros,
    pub head: Option<Head>,
    pub body: Option<Body>,
    pub failure: Option<Failure>,
    /// The call it was made in (an index into its lane's `calls`), when its task awaited the
    /// coroutine directly (the sequential loop).
    pub call: Option<usize>,
}

/// Where a request is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Sent; no head yet.
    Waiting,
    /// The head came; the body is being read (or was never asked for).
    Reading,
    Done,
    Failed,
    /// Cancelled at its await (Stop, or its task was cancelled).
    Cancelled,
}

impl Request {
    pub fn stage(&self) -> Stage {
        match (&self.failure, &self.body, &self.head) {
            (Some(f), _, _) if f.kind == "CancelledError" => Stage::Cancelled,
            (Some(_), _, _) => Stage::Failed,
            (None, Some(_), _) => Stage::Done,
            (None, None, Some(_)) => Stage::Reading,
            (None, None, None) => Stage::Waiting,
        }
    }

    /// When it ended (body read or failed), if it has.
    pub fn ended(&self) -> Option<Micros> {
        self.failure.as_ref().map(|f| f.at).or(self.body.as_ref().map(|b| b.at))
    }
}

/// Every request of the log, in the order they were sent.
pub fn requests(events: &[Event]) -> Vec<Request> {
    let mut out: Vec<Request> = Vec::new();
    // Per task: the calls it is inside of, and how many it has started (indices into its lane's
    // `calls`, which counts them the same way).
    let mut open_calls: Vec<Vec<usize>> = Vec::new();
    let mut started_calls: Vec<usize> = Vec::new();
    for event in events {
        let task = event.task;
        if open_calls.len() <= task {
            open_calls.resize(task + 1, Vec::new());
            started_calls.resize(task + 1, 0);
        }
        match &event.kind {
            EventKind::CallStarted { .. } => {
                open_calls[task].push(started_calls[task]);
                started_calls[task] += 1;
            }
            EventKind::CallEnded { .. } => {
                open_calls[task].pop();
            }
            EventKind::HttpRequest { req, url } => out.push(Request {
                req: *req,
                task,
                url: url.clone(),
                sent: event.at,
                head: None,
                body: None,
                failure: None,
                call: open_calls[task].last().copied(),
            }),
            EventKind::HttpResponse { req, status, reason } => {
                if let Some(r) = entry(&mut out, *req) {
                    r.head = Some(Head { at: event.at, status: *status, reason: reason.clone() });
                }
            }
            EventKind::HttpBody { req, chars, bytes, preview } => {
                if let Some(r) = entry(&mut out, *req) {
                    r.body = Some(Body { at: event.at, chars: *chars, bytes: *bytes, preview: preview.clone() });
                }
            }
            EventKind::HttpFailed { req, kind, message } => {
                if let Some(r) = entry(&mut out, *req).filter(|r| r.failure.is_none()) {
                    r.failure = Some(Failure { at: event.at, kind: kind.clone(), message: message.clone() });
                }
            }
            _ => {}
        }
    }
    out
}

/// The record of request `req` (requests are numbered in the order they are sent).
fn entry(out: &mut [Request], req: usize) -> Option<&mut Request> {
    out.get_mut(req).filter(|r| r.req == req)
}
