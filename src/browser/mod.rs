//! The browser adapter: the only code that touches the browser's APIs (timers, `performance.now()`,
//! fetch, Web Workers, animation frames, the address bar and the clipboard). Everything here is
//! small and covered by wasm-bindgen-test.

pub mod address;
#[cfg(feature = "bench")]
pub mod bench;
pub mod cpu_worker;
pub mod cpu_worker_thread;
pub mod drafts;
pub mod editor_dom;
pub mod export;
pub mod frames;
pub mod live_run;
pub mod network;
pub mod panic_banner;
pub mod runtime;
pub mod sample_api;
pub mod visibility;

pub use live_run::LiveRun;
pub use runtime::BrowserRuntime;
