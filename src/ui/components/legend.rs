//! `legend` (a view function of `TimelineView`'s): what each state looks like, and the SVG
//! `<defs>` (hatching patterns) that the timeline and the comparison fill their bars with. Every
//! state has a pattern or outline as well as a colour, and a word; ends carry the same glyph
//! (✓ ✕ !) as on the lanes.

use yew::prelude::*;

use crate::engine::SegmentKind;
use crate::ui::draw::end_glyph;

/// The fill patterns, referenced as `url(#pat-…)` by `static/style.css`. Rendered once, in the
/// legend, which is always on the page with the timeline.
fn defs() -> Html {
    html! {
        <svg class="defs" width="0" height="0" aria-hidden="true" focusable="false">
            <defs>
                <pattern id="pat-waiting" width="7" height="7" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <rect class="pat-waiting-bg" width="7" height="7" />
                    <line class="pat-waiting-line" x1="0" y1="0" x2="0" y2="7" />
                </pattern>
                <pattern id="pat-late" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <rect class="pat-late-bg" width="6" height="6" />
                    <line class="pat-late-line" x1="0" y1="0" x2="0" y2="6" />
                    <line class="pat-late-line" x1="0" y1="3" x2="6" y2="3" />
                </pattern>
                <pattern id="pat-cpu" width="4" height="4" patternUnits="userSpaceOnUse">
                    <rect class="pat-cpu-bg" width="4" height="4" />
                    <circle class="pat-cpu-dot" cx="2" cy="2" r="0.9" />
                </pattern>
                <pattern id="pat-ready" width="6" height="6" patternUnits="userSpaceOnUse">
                    <rect class="pat-ready-bg" width="6" height="6" />
                    <circle class="pat-ready-dot" cx="3" cy="3" r="0.8" />
                </pattern>
            </defs>
        </svg>
    }
}

/// One legend entry: a small drawing in the state's style, and what it means.
fn item(swatch: Html, name: &str, meaning: &str) -> Html {
    html! {
        <li class="legend-item">
            <svg class="swatch" width="34" height="18" viewBox="0 0 34 18" aria-hidden="true">{ swatch }</svg>
            <span><strong>{ name }</strong>{ " " }<span class="legend-meaning">{ meaning }</span></span>
        </li>
    }
}

fn bar_swatch(kind: &str) -> Html {
    html! { <g class={format!("seg seg-{kind}")}><rect x="1" y="3" width="32" height="12" rx="3" /></g> }
}

/// A view function of `TimelineView`'s (like `notices`).
pub fn legend(state: &crate::ui::context::PageContext) -> Html {
    // Sub-rows for calls exist only where a task awaits coroutines directly (44.3's sequential loop).
    let has_calls = state.shown().timeline.lanes.iter().any(|lane| !lane.calls.is_empty());
    let end = |kind: SegmentKind| {
        html! {
            <g class={format!("end end-{}", kind.name())}>
                <circle cx="17" cy="9" r="7" />
                { end_glyph(&kind, 17.0, 9.0, 7.0) }
            </g>
        }
    };
    html! {
        <div class="legend">
            { defs() }
            <ul class="legend-list" aria-label="Legend">
                { item(bar_swatch("running"), "running", "its Python code runs (briefly: until the next await)") }
                { item(html! { <rect class="run-mark" x="16" y="1" width="2" height="16" /> }, "turn", "the loop gives it the thread") }
                { item(bar_swatch("waiting"), "waiting", "suspended in an await: no CPU used") }
                { item(bar_swatch("ready"), "ready", "created, waiting for its first turn") }
                { item(bar_swatch("late"), "late", "its wait was over, but the loop was busy") }
                { item(bar_swatch("cpu"), "cpu", "CPU-bound work: blocks every task") }
                { item(end(SegmentKind::Done), "✓ done", "returned") }
                { item(end(SegmentKind::Cancelled { at: String::new() }), "✕ cancelled", "CancelledError at its await") }
                { item(end(SegmentKind::Failed { error: String::new() }), "! failed", "raised an exception") }
                { item(html! { <g class="print-mark"><circle cx="17" cy="9" r="3.5" /></g> }, "print", "a line in the console (hover for text)") }
                { item(html! { <g class="ghost"><g class="seg seg-waiting"><rect x="1" y="1" width="32" height="16" rx="3" /></g></g> }, "ideal", "the same run on a perfect clock") }
                if has_calls {
                    { item(html! { <text class="call-name" x="2" y="13">{ "↳ f()" }</text> }, "call", "a coroutine awaited directly (no task): it runs inside the lane above, shown on its own row") }
                }
            </ul>
        </div>
    }
}
