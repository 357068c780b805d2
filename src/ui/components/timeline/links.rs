//! The await graph drawn on the timeline: at the moment shown (the scrub cursor, or now during a
//! run), an arrow from each waiting task's lane to the lane of each task it awaits; and, at each
//! task's creation, a dotted line from the lane of the task that created it; and each warning at
//! its moment. Decoration for screen readers: the await tree ("Who awaits whom") and the console
//! say the same in text.

use yew::prelude::*;

use crate::engine::Micros;
use crate::insight::warnings::Warning;
use crate::ui::draw::Scale;
use crate::ui::trace::Trace;

use super::layout::{LaneShape, Layout, Row};

/// Where lane `i`'s bar is vertically (its middle), in a drawing whose rows start at `top`.
fn lane_middles(layout: &Layout, shape: LaneShape, top: f64, lanes: usize) -> Vec<Option<f64>> {
    let mut middles = vec![None; lanes];
    for (r, row) in layout.rows.iter().enumerate() {
        if let Row::Lane(i) = row {
            if let Some(slot) = middles.get_mut(*i) {
                *slot = Some(top + layout.offsets[r] + shape.bar_y + shape.bar_h / 2.0);
            }
        }
    }
    middles
}

/// A warning's mark at its moment, on its task's lane (or on the axis): a small triangle whose
/// tooltip is the warning; the console lists it in words.
fn warning_marks(warnings: &[Warning], middles: &[Option<f64>], scale: &Scale, top: f64) -> Html {
    let marks = warnings.iter().map(|w| {
        let x = scale.x(w.at);
        let y = w.task.and_then(|t| middles.get(t).copied().flatten()).map_or(top - 6.0, |y| y - 11.0);
        let line = w.line.map(|l| format!(" (line {l})")).unwrap_or_default();
        html! {
            <g class="warning-mark" data-testid="warning-mark" data-kind={w.kind.as_str()} data-ms={crate::ui::format::ms(w.at).to_string()}>
                <path d={format!("M{x:.1} {:.1} l5 9 h-10 z", y - 4.0)} />
                <title>{ format!("{}{line}", w.text) }</title>
            </g>
        }
    });
    html! { <>{ for marks }</> }
}

/// The links of `trace` (the run as of the moment shown), `at` the moment's time if any, and the
/// marks of its `warnings`.
pub(super) fn links(
    trace: &Trace,
    warnings: &[Warning],
    layout: &Layout,
    shape: LaneShape,
    scale: &Scale,
    top: f64,
    at: Option<Micros>,
) -> Html {
    let graph = &trace.graph;
    let middles = lane_middles(layout, shape, top, graph.tasks.len().max(trace.timeline.lanes.len()));
    let y = |task: usize| middles.get(task).copied().flatten();
    let spawned = graph.tasks.iter().filter_map(|task| {
        let parent = task.parent?;
        let (from, to) = (y(parent)?, y(task.task)?);
        let created = trace.timeline.lanes.get(task.task)?.created;
        let x = scale.x(created);
        let title = format!("{} was created by {}", task.name, graph.tasks[parent].name);
        Some(html! {
            <path class="spawn-link" d={format!("M{x:.1} {from:.1} L{x:.1} {to:.1}")}><title>{ title }</title></path>
        })
    });
    let awaits = at.into_iter().flat_map(|at| {
        let x = scale.x(at);
        graph.edges().into_iter().filter_map(move |(from, to)| {
            let (y1, y2) = (y(from)?, y(to)?);
            // A bow to the right of the cursor, so arrows to several lanes fan out.
            let bow = x + 14.0 + (y2 - y1).abs().min(120.0) / 6.0;
            Some(html! {
                <path class="await-link" marker-end="url(#await-arrow)"
                    d={format!("M{x:.1} {y1:.1} C{bow:.1} {y1:.1} {bow:.1} {y2:.1} {:.1} {y2:.1}", x + 3.0)} />
            })
        })
    });
    html! {
        <g class="links" aria-hidden="true">
            <defs>
                <marker id="await-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M0 0 L8 4 L0 8 z" />
                </marker>
            </defs>
            { for spawned }
            { for awaits }
            { warning_marks(warnings, &middles, scale, top) }
        </g>
    }
}
