//! SVG pieces shared by the timeline and the comparison: the time scale, the axis, a segment of a
//! lane and the marks for how a task ended. States are told apart three ways: fill pattern (from
//! `legend`'s `<defs>`), colour, and text (labels and tooltips), so no one needs colour vision.
//! Ends are told by a glyph in the mark (✓ ✕ !), not only by its colour.
//!
//! For screen readers, a segment or end mark of a timeline is an image named by its `<title>`
//! (`describe`); in the comparison, whose whole drawing is one image with its own label, they are
//! left plain (an image may not hold images).

use yew::prelude::*;

use crate::engine::{Micros, Segment, SegmentKind};

use super::format::{ms, secs, tick_label, tick_step};

/// Time → x in pixels: `span` µs across `x0..x1`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    pub x0: f64,
    pub x1: f64,
    pub span: Micros,
}

impl Scale {
    pub fn new(x0: f64, x1: f64, span: Micros) -> Scale {
        // A run that takes no time (all delays 0) still gets a readable 10 ms axis.
        Scale { x0, x1, span: span.max(10_000) }
    }

    pub fn x(&self, at: Micros) -> f64 {
        self.x0 + (self.x1 - self.x0) * (at as f64 / self.span as f64)
    }

    pub fn width(&self, start: Micros, end: Micros) -> f64 {
        self.x(end) - self.x(start)
    }
}

/// Tick labels above `top`, grid lines from `top` to `bottom`, about one every 80 px.
pub fn axis(scale: &Scale, top: f64, bottom: f64) -> Html {
    let max_ticks = (((scale.x1 - scale.x0) / 80.0).floor() as u32).max(2);
    let step = tick_step(scale.span, max_ticks);
    let ticks = (0..).map(|k| k * step).take_while(|t| *t <= scale.span).map(|t| {
        let x = scale.x(t);
        html! {
            <g class="tick" key={t}>
                <line class="grid" x1={x.to_string()} x2={x.to_string()} y1={(top - 4.0).to_string()} y2={bottom.to_string()} />
                <text class="tick-label" x={x.to_string()} y={(top - 8.0).to_string()} text-anchor="middle">{ tick_label(t, step) }</text>
            </g>
        }
    });
    html! { <g class="axis" aria-hidden="true">{ for ticks }</g> }
}

/// The CSS class of a state (also names its `<pattern>`: `url(#pat-waiting)`).
pub fn kind_class(kind: &SegmentKind) -> String {
    format!("seg seg-{}", kind.name())
}

/// What a segment is, in words, for its tooltip.
pub fn describe(task: &str, segment: &Segment) -> String {
    let span = format!(
        "{} → {} ({:.3} s)",
        secs(segment.start),
        secs(segment.end),
        (segment.end - segment.start) as f64 / 1e6
    );
    match &segment.kind {
        SegmentKind::Ready => format!("{task}: ready — created, waiting for its first turn on the loop, {span}"),
        SegmentKind::Running => format!("{task}: running Python code, {span}"),
        SegmentKind::Waiting { on } if on.starts_with("to_thread(") => {
            format!("{task}: waiting on {on} — the work runs on another thread (a Web Worker), in parallel; this task is suspended, {span}")
        }
        SegmentKind::Waiting { on } if on.starts_with("GET ") => {
            format!(
                "{task}: waiting on {on} — the request is out; suspended until the response's headers arrive, {span}"
            )
        }
        SegmentKind::Waiting { on } if on == "response.text()" => {
            format!("{task}: waiting on response.text() — reading the response's body as it arrives, {span}")
        }
        SegmentKind::Waiting { on } => format!("{task}: waiting on {on} — suspended, not using the CPU, {span}"),
        SegmentKind::Late { on } => {
            format!("{task}: late — {on} was due, but the loop was busy with something else, {span}")
        }
        SegmentKind::Cpu { call } => {
            format!("{task}: CPU-bound {call} — holds the thread, no other task can run, {span}")
        }
        SegmentKind::Done => format!("{task}: done — returned at {}", secs(segment.start)),
        SegmentKind::Cancelled { at } => {
            format!("{task}: cancelled at {} — CancelledError raised in {at}", secs(segment.start))
        }
        SegmentKind::Failed { error } => format!("{task}: failed at {} — {error}", secs(segment.start)),
    }
}

/// `GET https://api.github.com/users/python` (or `GET sample-api/users/python?delay=0.3`) →
/// `GET …/python`: a request still recognisable in a short bar.
fn short_url(on: &str) -> String {
    let (verb, url) = on.split_once(' ').filter(|(verb, _)| *verb == "GET").unwrap_or(("", on));
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    if !rest.contains('/') {
        return on.to_string();
    }
    let path = rest.split(['?', '#']).next().unwrap_or(rest).trim_end_matches('/');
    let last = path.rsplit('/').next().unwrap_or(path);
    format!("{verb} …/{last}").trim_start().to_string()
}

/// The text written inside a segment, longest form that fits in `width` px.
fn inside_label(segment: &Segment, width: f64) -> Option<String> {
    let duration = segment.end.saturating_sub(segment.start);
    let candidates: Vec<String> = match &segment.kind {
        SegmentKind::Waiting { on } => vec![format!("await {on}"), on.clone(), short_url(on)],
        SegmentKind::Late { .. } => vec![format!("late {:.2}s", duration as f64 / 1e6), "late".into()],
        SegmentKind::Cpu { call } => vec![format!("{call} — blocks the loop"), call.clone(), "cpu".into()],
        SegmentKind::Ready => vec!["ready".into()],
        SegmentKind::Running => vec!["running".into()],
        _ => vec![],
    };
    // 11 px monospace: about 6.7 px a character, plus padding.
    candidates.into_iter().find(|text| text.chars().count() as f64 * 6.7 + 10.0 <= width)
}

/// The role of a drawn state: an image named by its title in the timeline (lanes are list items
/// of words, their states images), none inside the comparison (one image already).
fn role(testid: &str) -> Option<&'static str> {
    (testid != "compare-segment").then_some("img")
}

/// A state that lasts (`ready` … `cpu`) as a bar from `y` of height `h`.
pub fn bar(scale: &Scale, task: &str, segment: &Segment, y: f64, h: f64, testid: &'static str, labelled: bool) -> Html {
    let x = scale.x(segment.start);
    // A state shorter than a pixel is still shown (a task that ran for a few µs did run).
    let width = scale.width(segment.start, segment.end).max(2.0);
    let label = labelled.then(|| inside_label(segment, width)).flatten();
    html! {
        <g
            class={kind_class(&segment.kind)}
            role={role(testid)}
            data-testid={testid}
            data-kind={segment.kind.name()}
            data-start-ms={ms(segment.start).to_string()}
            data-end-ms={ms(segment.end).to_string()}
        >
            <title>{ describe(task, segment) }</title>
            <rect x={format!("{x:.1}")} y={y.to_string()} width={format!("{width:.1}")} height={h.to_string()} rx="3" />
            if let Some(label) = label {
                <text class="seg-label" x={format!("{:.1}", x + 5.0)} y={(y + h / 2.0 + 4.0).to_string()}>{ label }</text>
            }
        </g>
    }
}

/// How a task ended (`done`, `cancelled`, `failed`): a symbol centred on the moment, radius `r`.
pub fn end_mark(scale: &Scale, task: &str, segment: &Segment, cy: f64, r: f64, testid: &'static str) -> Html {
    let cx = scale.x(segment.start);
    let glyph = end_glyph(&segment.kind, cx, cy, r);
    html! {
        <g
            class={classes!("end", format!("end-{}", segment.kind.name()))}
            role={role(testid)}
            data-testid={testid}
            data-kind={segment.kind.name()}
            data-start-ms={ms(segment.start).to_string()}
            data-end-ms={ms(segment.end).to_string()}
        >
            <title>{ describe(task, segment) }</title>
            <circle cx={format!("{cx:.1}")} cy={cy.to_string()} r={r.to_string()} />
            { glyph }
        </g>
    }
}

/// The glyph inside an end mark of radius `r` at (`cx`, `cy`): ✓ done, ✕ cancelled, ! failed
/// (none below radius 5: too small to read). Also drawn in the legend's swatches.
pub fn end_glyph(kind: &SegmentKind, cx: f64, cy: f64, r: f64) -> Html {
    if r < 5.0 {
        return Html::default();
    }
    let d = r * 0.45;
    let path = match kind {
        SegmentKind::Done => {
            format!(
                "M{:.1},{:.1} L{:.1},{:.1} L{:.1},{:.1}",
                cx - d,
                cy,
                cx - d * 0.2,
                cy + d * 0.8,
                cx + d,
                cy - d * 0.7
            )
        }
        SegmentKind::Cancelled { .. } => format!(
            "M{:.1},{:.1} L{:.1},{:.1} M{:.1},{:.1} L{:.1},{:.1}",
            cx - d,
            cy - d,
            cx + d,
            cy + d,
            cx + d,
            cy - d,
            cx - d,
            cy + d
        ),
        _ => format!(
            "M{cx:.1},{:.1} L{cx:.1},{:.1} M{cx:.1},{:.1} L{cx:.1},{:.1}",
            cy - d * 1.1,
            cy + d * 0.2,
            cy + d * 0.75,
            cy + d * 0.8
        ),
    };
    html! { <path class="glyph" d={path} /> }
}

/// True for the zero-length states that mark how a task ended.
pub fn is_end(kind: &SegmentKind) -> bool {
    matches!(kind, SegmentKind::Done | SegmentKind::Cancelled { .. } | SegmentKind::Failed { .. })
}
