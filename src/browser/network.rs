//! Is the internet there? Asked once, when 44.3 is first shown with the chapter's GitHub URLs: if
//! not, the page switches them to the sample API (and says so), so a learner offline still sees
//! real requests instead of three failures.
//!
//! `navigator.onLine` false settles it at once. Otherwise it is only a hint (true on any machine
//! with a network interface, even one with no route out), so one opaque request (`no-cors`, whose
//! answer the page cannot and need not read) goes to the chapter's host, api.github.com.

use futures::future::{select, Either};
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Request, RequestCache, RequestInit, RequestMode};

/// The host the chapter's URLs are on.
const PROBE_URL: &str = "https://api.github.com/";

/// How long the probe may take, in real milliseconds.
const PROBE_MS: u32 = 4_000;

/// `Ok(())` when the network answered; else why the page thinks it is offline.
pub async fn probe() -> Result<(), String> {
    let Some(window) = web_sys::window() else { return Err("no window".to_string()) };
    if !window.navigator().on_line() {
        return Err("your browser says it is offline".to_string());
    }
    let controller = AbortController::new().map_err(|_| "no AbortController".to_string())?;
    let init = RequestInit::new();
    init.set_method("HEAD");
    init.set_mode(RequestMode::NoCors);
    init.set_cache(RequestCache::NoStore);
    init.set_signal(Some(&controller.signal()));
    let request = Request::new_with_str_and_init(PROBE_URL, &init).map_err(|_| "bad probe".to_string())?;
    let answer = JsFuture::from(window.fetch_with_request(&request));
    let timeout = TimeoutFuture::new(PROBE_MS);
    futures::pin_mut!(answer);
    match select(answer, timeout).await {
        Either::Left((Ok(_), _)) => Ok(()),
        Either::Left((Err(_), _)) => Err("api.github.com did not answer".to_string()),
        Either::Right(_) => {
            controller.abort();
            Err(format!("api.github.com did not answer within {} s", PROBE_MS / 1000))
        }
    }
}
