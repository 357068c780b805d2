//! Numbers as the page writes them: times in seconds (always at 1x scale), lateness in
//! milliseconds, the time axis' tick spacing, speedups. Plain functions, tested in the browser
//! test run (`cargo test --target wasm32-unknown-unknown`).

use crate::engine::Micros;

/// Milliseconds, rounded: what `data-t-ms` / `data-ms` hold.
pub fn ms(at: Micros) -> u64 {
    (at + 500) / 1_000
}

/// `1.001s`: the console's time column (Python's `time.time()` precision is more than enough).
pub fn secs(at: Micros) -> String {
    format!("{:.3}s", at as f64 / 1e6)
}

/// `3.000 s` with a space, for prose ("Total 3.000 s"): the reports' own format.
pub use crate::report::numbers::secs as secs_spaced;

/// Lateness of a line or a run against the ideal one: `+3 ms`, `−2 ms`, `±0 ms`.
pub fn signed_ms(delta_us: i64) -> String {
    let ms = (delta_us as f64 / 1_000.0).round() as i64;
    match ms {
        0 => "±0 ms".to_string(),
        ms if ms > 0 => format!("+{ms} ms"),
        ms => format!("−{} ms", -ms),
    }
}

/// The spacing of the time axis' ticks for a span of `span` µs: the smallest "round" step
/// (1, 2, 2.5 or 5 × a power of ten) that gives at most `max_ticks` intervals.
pub fn tick_step(span: Micros, max_ticks: u32) -> Micros {
    let max_ticks = u64::from(max_ticks.max(1));
    let mut unit: Micros = 1_000; // 1 ms: finer ticks mean nothing at browser timer precision
    loop {
        for factor in [1, 2, 5] {
            let step = unit * factor;
            if span.div_ceil(step) <= max_ticks {
                return step;
            }
            // 0.25 s, 2.5 s, 25 s read well too, but only between 2 and 5.
            if factor == 2 && unit >= 100_000 {
                let quarter = unit * 5 / 2;
                if span.div_ceil(quarter) <= max_ticks {
                    return quarter;
                }
            }
        }
        unit *= 10;
    }
}

/// A tick's label: `0s`, `1.5s`, `0.25s`, `120s`, with no more decimals than the step needs.
pub fn tick_label(at: Micros, step: Micros) -> String {
    if at == 0 {
        return "0s".to_string();
    }
    let decimals = if step.is_multiple_of(1_000_000) {
        0
    } else if step.is_multiple_of(100_000) {
        1
    } else if step.is_multiple_of(10_000) {
        2
    } else {
        3
    };
    format!("{:.*}s", decimals, at as f64 / 1e6)
}

/// How many times faster `fast` is than `slow`, as the comparison says it: `2.0×`.
pub fn speedup(slow: Micros, fast: Micros) -> Option<String> {
    (fast > 0).then(|| format!("{:.1}×", slow as f64 / fast as f64))
}

/// Cut `text` to at most `max` characters, with an ellipsis when cut.
pub fn fit(text: &str, max: usize) -> Option<String> {
    let count = text.chars().count();
    if count <= max {
        Some(text.to_string())
    } else if max >= 4 {
        Some(text.chars().take(max - 1).collect::<String>() + "…")
    } else {
        None
    }
}

/// `12,345` for counts of tasks and events.
pub use crate::report::numbers::thousands;

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    #[wasm_bindgen_test]
    fn times_and_lateness() {
        assert_eq!(ms(1_000_499), 1_000);
        assert_eq!(ms(1_000_500), 1_001);
        assert_eq!(secs(1_001_000), "1.001s");
        assert_eq!(secs_spaced(3_000_000), "3.000 s");
        assert_eq!(signed_ms(3_200), "+3 ms");
        assert_eq!(signed_ms(-2_000), "−2 ms");
        assert_eq!(signed_ms(400), "±0 ms");
    }

    #[wasm_bindgen_test]
    fn axis_steps_are_round_and_few() {
        assert_eq!(tick_step(3_000_000, 10), 500_000);
        assert_eq!(tick_step(3_000_000, 6), 500_000);
        assert_eq!(tick_step(3_000_000, 3), 1_000_000);
        assert_eq!(tick_step(10_000_000, 10), 1_000_000);
        assert_eq!(tick_step(10_000_000, 4), 2_500_000);
        assert_eq!(tick_step(1_500_000, 8), 200_000);
        assert_eq!(tick_step(1_500_000, 6), 250_000);
        assert_eq!(tick_step(120_000_000, 8), 20_000_000);
        assert_eq!(tick_step(300, 8), 1_000);
        assert_eq!(tick_step(0, 8), 1_000);
        assert_eq!(tick_label(1_500_000, 500_000), "1.5s");
        assert_eq!(tick_label(2_000_000, 1_000_000), "2s");
        assert_eq!(tick_label(750_000, 250_000), "0.75s");
        assert_eq!(tick_label(50_000, 10_000), "0.05s");
    }

    #[wasm_bindgen_test]
    fn speedups_text_and_counts() {
        assert_eq!(speedup(6_000_000, 3_000_000).as_deref(), Some("2.0×"));
        assert_eq!(speedup(6_000_000, 0), None);
        assert_eq!(fit("say_hello('Alice', 2)", 30).as_deref(), Some("say_hello('Alice', 2)"));
        assert_eq!(fit("abcdefgh", 5).as_deref(), Some("abcd…"));
        assert_eq!(fit("abcdefgh", 3), None);
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
    }
}
