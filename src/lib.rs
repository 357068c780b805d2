//! The async playground: the chapter's coroutines, an asyncio-faithful engine, and (on wasm32) the browser UI.
//!
//! `engine`, `scenarios`, `report` (what is derived from a run to explain, score and export it)
//! and `link` (with `deflate`, its compression) are the pure core: no browser, no clock read,
//! tested natively.
//! `browser` and `ui` exist only on wasm32; they are the only code that touches the browser.

pub mod decimal;
pub mod deflate;
pub mod editing;
pub mod engine;
pub mod highlight;
pub mod insight;
pub mod link;
pub mod python;
pub mod report;
pub mod scenarios;
pub mod sort;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod ui;
