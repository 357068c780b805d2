//! The browser adapter: the only code that touches the browser's APIs (timers, `performance.now()`,
//! fetch, Web Workers, animation frames). Everything here is small and covered by wasm-bindgen-test.

pub mod bench;
pub mod frames;
pub mod live_run;
pub mod panic_banner;
pub mod runtime;

pub use live_run::LiveRun;
pub use runtime::BrowserRuntime;
