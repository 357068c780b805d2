//! Numbers as the page and its reports write them, in one place so the console, the scrubber,
//! the narration, the events table and predict mode's verdicts all say `2.000 s` and `12,345`.

use crate::engine::{secs_from_micros, Micros};

/// `2.000 s`: a time at 1x scale, to the millisecond (what browser timers can tell apart).
pub fn secs(at: Micros) -> String {
    format!("{:.3} s", secs_from_micros(at))
}

/// `12345` → `12,345`: counts of tasks, lines and events.
pub fn thousands(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}
