//! The pure engine: asyncio's semantics over a small `Runtime` trait, a virtual-clock runtime, and the
//! event log → timeline. No browser and no clock in here: time always comes from the `Runtime`.

pub mod aio;
pub mod compare;
pub mod event;
pub mod http;
pub mod requests;
pub mod runtime;
pub mod timeline;
pub mod timer_queue;
pub mod value;
pub mod virtual_clock;

pub use aio::{Aio, CoroResult, Exception, Task};
pub use event::{Event, EventKind, Place, ResourceKind, TaskId, WarningKind};
pub use http::{ClientResponse, ClientSession, GetOptions};
pub use runtime::{reason_phrase, FetchError, FetchFailure, Fetched, ResponseBody, ResponseHead, Runtime};
pub use timeline::{Call, Lane, Segment, SegmentKind, Timeline};
pub use value::PyValue;
pub use virtual_clock::{RunOutcome, SimulatedFetch, SimulatedReply, VirtualClock};

/// Time in microseconds since the run started, always at 1x scale (a run at speed 10 still reports
/// the times Python would have seen).
pub type Micros = u64;

/// Seconds (as the chapter writes them) to microseconds. Negative and NaN become 0: validation with a
/// message happens before a value reaches the engine; this only keeps the engine total.
pub fn micros_from_secs(seconds: f64) -> Micros {
    if seconds.is_finite() && seconds > 0.0 {
        (seconds * 1_000_000.0).round() as Micros
    } else {
        0
    }
}

/// Microseconds to seconds, for display.
pub fn secs_from_micros(micros: Micros) -> f64 {
    micros as f64 / 1_000_000.0
}
