//! The site's sample API in the browser: the service worker `static/sample-api-sw.js` answers
//! `sample-api/…` requests after the waits their URL asks for (see `scenarios::sample_api`, the
//! same API for the virtual clock). Registered relative to the page with scope `./`, so the site
//! works under any sub-path; a request to the sample API first waits until the worker controls the
//! page, or it would reach the static host and get a 404.
//!
//! Service workers exist only in secure contexts (https://, or http://localhost and 127.0.0.1)
//! and not in every private window: then the sample API is unavailable and the page says why.

use std::cell::RefCell;

use futures::channel::oneshot;
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{RegistrationOptions, ServiceWorkerContainer, ServiceWorkerRegistration};

/// The request header that carries the page's speed to the worker, which divides its waits by it.
pub const SPEED_HEADER: &str = "X-Playground-Speed";

/// The worker's script, next to index.html (trunk copies it there).
const SCRIPT: &str = "sample-api-sw.js";

/// How long a request waits for the worker to take control, in real milliseconds.
const READY_WAIT_MS: u32 = 10_000;

/// Where the sample API stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Registering, or waiting for the worker to take control of the page.
    Starting,
    Ready,
    /// It cannot run here; why, in words.
    Unavailable(String),
}

/// Someone who wants to hear of the status's changes.
type Listener = Box<dyn Fn(&Status)>;

struct State {
    status: Status,
    /// Requests waiting for the worker.
    waiting: Vec<oneshot::Sender<()>>,
    /// Who wants to hear of changes (the page).
    listeners: Vec<Listener>,
    /// Keeps the `controllerchange` handler alive.
    _on_control: Option<Closure<dyn FnMut()>>,
}

thread_local! {
    static STATE: RefCell<Option<State>> = const { RefCell::new(None) };
}

fn set_status(status: Status) {
    let (waiting, listeners) = STATE.with(|state| {
        let mut state = state.borrow_mut();
        let Some(state) = state.as_mut() else { return (Vec::new(), Vec::new()) };
        state.status = status.clone();
        if status == Status::Starting {
            return (Vec::new(), Vec::new());
        }
        (std::mem::take(&mut state.waiting), std::mem::take(&mut state.listeners))
    });
    for sender in waiting {
        let _ = sender.send(());
    }
    for listener in &listeners {
        listener(&status);
    }
    // Listeners stay registered: put them back (after the calls, which may have registered more).
    STATE.with(|state| {
        if let Some(state) = state.borrow_mut().as_mut() {
            let added = std::mem::take(&mut state.listeners);
            state.listeners = listeners;
            state.listeners.extend(added);
        }
    });
}

/// The page's service worker container, if this browser and context have one.
fn container() -> Result<ServiceWorkerContainer, String> {
    let window = web_sys::window().ok_or("no window")?;
    if !window.is_secure_context() {
        return Err(
            "browsers run service workers only on https:// pages (and on localhost): this page is served over plain http"
                .to_string(),
        );
    }
    let navigator = window.navigator();
    let has = js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    if !has {
        return Err("this browser (or private window) has no service workers".to_string());
    }
    Ok(navigator.service_worker())
}

/// `register`, a task later (setTimeout 0): after the page's first render, so that the
/// registration's own cost (several ms of main thread) is not in the time to ready (issue 7).
/// A sample-api request made before then still waits for the worker (`register` is idempotent).
pub fn register_soon() {
    gloo_timers::callback::Timeout::new(0, register).forget();
}

/// Register the worker (once per page; later calls do nothing).
pub fn register() {
    let first = STATE.with(|state| {
        let mut state = state.borrow_mut();
        if state.is_some() {
            return false;
        }
        *state =
            Some(State { status: Status::Starting, waiting: Vec::new(), listeners: Vec::new(), _on_control: None });
        true
    });
    if !first {
        return;
    }
    let container = match container() {
        Ok(container) => container,
        Err(why) => return set_status(Status::Unavailable(why)),
    };
    if container.controller().is_some() {
        set_status(Status::Ready);
    } else {
        // The worker claims the page as soon as it is active (`clients.claim()` in the script).
        let on_control = Closure::<dyn FnMut()>::new(|| set_status(Status::Ready));
        container.set_oncontrollerchange(Some(on_control.as_ref().unchecked_ref()));
        STATE.with(|state| {
            if let Some(state) = state.borrow_mut().as_mut() {
                state._on_control = Some(on_control);
            }
        });
    }
    let options = RegistrationOptions::new();
    // Relative to the page: under https://host/course/playground/ it serves …/playground/sample-api/.
    options.set_scope("./");
    let registration = container.register_with_options(SCRIPT, &options);
    wasm_bindgen_futures::spawn_local(async move {
        match JsFuture::from(registration).await {
            Ok(registration) => {
                // Already active but not controlling this page (it was reloaded with Shift, which
                // bypasses service workers): ask it to take control, or no request would reach it.
                let registration: ServiceWorkerRegistration = registration.unchecked_into();
                if container.controller().is_none() {
                    if let Some(active) = registration.active() {
                        let _ = active.post_message(&JsValue::from_str("claim"));
                    }
                }
            }
            Err(error) => {
                let message = error
                    .dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
                    .unwrap_or_else(|| format!("{error:?}"));
                set_status(Status::Unavailable(format!("its service worker could not be registered: {message}")));
            }
        }
    });
}

/// Where the sample API stands now.
pub fn status() -> Status {
    STATE.with(|state| state.borrow().as_ref().map_or(Status::Starting, |s| s.status.clone()))
}

/// Call `listener` whenever the status changes (for the page's lifetime).
pub fn listen(listener: impl Fn(&Status) + 'static) {
    STATE.with(|state| {
        if let Some(state) = state.borrow_mut().as_mut() {
            state.listeners.push(Box::new(listener));
        }
    });
}

/// Wait until the worker controls the page: `Err` with why, if it cannot.
pub async fn ready() -> Result<(), String> {
    register();
    let receiver = STATE.with(|state| {
        let mut state = state.borrow_mut();
        let state = state.as_mut()?;
        match &state.status {
            Status::Starting => {
                let (sender, receiver) = oneshot::channel();
                state.waiting.push(sender);
                Some(receiver)
            }
            _ => None,
        }
    });
    if let Some(receiver) = receiver {
        let timeout = TimeoutFuture::new(READY_WAIT_MS);
        futures::pin_mut!(timeout);
        if let futures::future::Either::Right(_) = futures::future::select(receiver, timeout).await {
            return Err(format!("its service worker did not start within {} s", READY_WAIT_MS / 1000));
        }
    }
    match status() {
        Status::Ready => Ok(()),
        Status::Unavailable(why) => Err(why),
        Status::Starting => Err("its service worker did not start".to_string()),
    }
}

/// True when `url` (resolved) is the page's own sample API: same origin, under the page's folder.
pub fn answers(url: &web_sys::Url) -> bool {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return false };
    let (Ok(origin), Ok(path)) = (location.origin(), location.pathname()) else { return false };
    if url.origin() != origin {
        return false;
    }
    let folder = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    let api = format!("{folder}sample-api");
    let pathname = url.pathname();
    pathname == api || pathname.starts_with(&format!("{api}/"))
}
