//! What the loop sees, derived from an event log: who awaits whom and where each task is stopped
//! (`await_graph`), per-task figures (`stats`), why a task resumed (`wake`), the resources' lanes
//! (`resources`) and the warnings (`warnings`, with `lints` on the source). Pure: a log (and the
//! source) in, plain data out; the page, the exports and the tests all read these.

pub mod await_graph;
pub mod lints;
pub mod resources;
pub mod stats;
pub mod story;
pub mod wake;
pub mod warnings;
