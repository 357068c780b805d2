//! What is derived from a finished (or scrubbed) run to explain it, score a prediction and export
//! it: pure functions of the event log and the scenario, no browser, no clock, tested natively.

pub mod chrome_trace;
pub mod event_table;
pub mod moment;
pub mod narration;
pub mod numbers;
pub mod predict;
pub mod python_file;
