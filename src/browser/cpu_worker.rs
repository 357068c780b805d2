//! 44.5's worker mode, the main thread's side: CPU work sent to a Web Worker that runs this same
//! wasm (static/worker.js, started by static/boot.js's `playgroundWorker()`; the worker's side is
//! `browser::cpu_worker_thread`).
//!
//! Protocol: the worker posts `"ready"` once its WebAssembly is running; then each message is a
//! text: the run's speed, a newline, and a Python job (`python::thread`, a call of
//! `asyncio.to_thread`), answered with the job's answer.
//! Starting a worker (fetching and compiling its wasm) takes tens of milliseconds, which at 10x
//! would show as half a second of "work": so one spare worker is started ahead (`prewarm`, when
//! worker mode is chosen) and used by the next run, and a worker that finished its work is kept as
//! the next spare. A run stopped in the middle of the work terminates its worker (that is the only
//! way to stop a busy thread).

use std::cell::RefCell;
use std::rc::Rc;

use futures::channel::oneshot;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ErrorEvent, MessageEvent, Worker};

#[wasm_bindgen]
extern "C" {
    /// static/boot.js: a module worker running static/worker.js, told where the app's JS and wasm
    /// are (resolved against the page, so a sub-path host works).
    #[wasm_bindgen(catch, js_name = playgroundWorker)]
    fn new_worker() -> Result<Worker, JsValue>;
}

/// What the worker is waiting for the other side to hear.
#[derive(Default)]
struct Inbox {
    ready: bool,
    /// Waiting for `"ready"`.
    on_ready: Vec<oneshot::Sender<Result<(), String>>>,
    /// Waiting for the work's answer.
    on_done: Option<oneshot::Sender<Result<String, String>>>,
    /// The worker failed (it will never answer).
    failed: Option<String>,
}

struct CpuWorker {
    worker: Worker,
    inbox: Rc<RefCell<Inbox>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

thread_local! {
    static SPARE: RefCell<Option<CpuWorker>> = const { RefCell::new(None) };
}

impl CpuWorker {
    fn start() -> Result<CpuWorker, String> {
        let worker = new_worker().map_err(|e| format!("could not start the worker: {e:?}"))?;
        let inbox = Rc::new(RefCell::new(Inbox::default()));
        let on_message = {
            let inbox = inbox.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let mut inbox = inbox.borrow_mut();
                if event.data().as_string().as_deref() == Some("ready") {
                    inbox.ready = true;
                    for sender in inbox.on_ready.drain(..) {
                        let _ = sender.send(Ok(()));
                    }
                } else if let Some(sender) = inbox.on_done.take() {
                    let _ = sender
                        .send(event.data().as_string().ok_or_else(|| "the worker answered something else".to_string()));
                }
            })
        };
        let on_error = {
            let inbox = inbox.clone();
            Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
                let message = format!("the worker failed: {}", event.message());
                let mut inbox = inbox.borrow_mut();
                for sender in inbox.on_ready.drain(..) {
                    let _ = sender.send(Err(message.clone()));
                }
                if let Some(sender) = inbox.on_done.take() {
                    let _ = sender.send(Err(message.clone()));
                }
                inbox.failed = Some(message);
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(CpuWorker { worker, inbox, _on_message: on_message, _on_error: on_error })
    }

    async fn ready(&self) -> Result<(), String> {
        let receiver = {
            let mut inbox = self.inbox.borrow_mut();
            if let Some(failed) = &inbox.failed {
                return Err(failed.clone());
            }
            if inbox.ready {
                return Ok(());
            }
            let (sender, receiver) = oneshot::channel();
            inbox.on_ready.push(sender);
            receiver
        };
        receiver.await.unwrap_or_else(|_| Err("the worker went away".to_string()))
    }

    async fn ask(&self, message: &str) -> Result<String, String> {
        let receiver = {
            let (sender, receiver) = oneshot::channel();
            self.inbox.borrow_mut().on_done = Some(sender);
            receiver
        };
        self.worker.post_message(&JsValue::from_str(message)).map_err(|e| format!("{e:?}"))?;
        receiver.await.unwrap_or_else(|_| Err("the worker went away".to_string()))
    }
}

/// Terminates the worker if the work is dropped before it is done (a cancelled task, Stop).
struct Busy(Option<CpuWorker>);

impl Drop for Busy {
    fn drop(&mut self) {
        if let Some(cpu) = self.0.take() {
            cpu.worker.terminate();
        }
    }
}

/// Start the spare worker now, if there is none, so the next run's work starts at once.
pub fn prewarm() {
    SPARE.with(|spare| {
        let mut spare = spare.borrow_mut();
        if spare.is_none() {
            *spare = CpuWorker::start().ok();
        }
    });
}

/// Run a Python job (`python::thread`) in a worker, at `speed`; its answer.
pub async fn run_python(job: String, speed: f64) -> Result<String, String> {
    let message = format!("{speed}\n{job}");
    let cpu = match SPARE.with(|spare| spare.borrow_mut().take()) {
        Some(cpu) => cpu,
        None => CpuWorker::start()?,
    };
    let mut busy = Busy(Some(cpu));
    let cpu = busy.0.as_ref().expect("just set");
    cpu.ready().await?;
    let answer = cpu.ask(&message).await?;
    // Done: keep it as the spare (unless one was started meanwhile, then this one goes).
    let cpu = busy.0.take().expect("still here");
    SPARE.with(|spare| {
        let mut spare = spare.borrow_mut();
        match spare.as_ref() {
            None => *spare = Some(cpu),
            Some(_) => cpu.worker.terminate(),
        }
    });
    Ok(answer)
}
