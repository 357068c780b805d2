//! One row of the timeline, drawn: a task's lane (its label, states, turns, end and prints, with
//! the ideal run behind them) or a call's sub-row. A component of its own (`TimelineRow`), so that
//! rows scrolled past are not built again.

use yew::prelude::*;
use yew::virtual_dom::Key;

use crate::engine::{Lane, Micros, SegmentKind};
use crate::ui::draw::{bar, end_mark, is_end, Scale};
use crate::ui::format::{fit, secs};
use crate::ui::shared::Shared;
use crate::ui::trace::Trace;

use super::layout::{LaneShape, Row, CALL_H, CALL_H_STACKED};
use super::words::{lane_words, outcome};

/// The dots for a lane's prints (prints closer than a few pixels share one), each with as much of
/// its text as fits: right of the dot, or left of it when the left has more room (the last
/// print, at the right edge). Labels never overlap: each starts after the previous one ends.
fn print_marks(scale: &Scale, lane: &Lane, shape: LaneShape, right: f64) -> Html {
    const CHAR_W: f64 = 6.4; // 10.5 px monospace
    if lane.prints.is_empty() {
        // Nothing to draw: no empty group either (thousands of lanes scroll through the DOM).
        return Html::default();
    }
    let mut groups: Vec<(f64, Vec<(Micros, &str)>)> = Vec::new();
    for print in &lane.prints {
        let x = scale.x(print.at);
        match groups.last_mut() {
            Some((gx, texts)) if x - *gx < 7.0 => texts.push((print.at, &print.text)),
            _ => groups.push((x, vec![(print.at, &print.text)])),
        }
    }
    let dot_y = match shape {
        LaneShape { stacked: true, .. } => shape.bar_y - 6.0,
        LaneShape { roomy: true, .. } => 10.0,
        _ => shape.bar_y + shape.bar_h / 2.0,
    };
    let mut free_from = scale.x0;
    let mut marks = Vec::with_capacity(groups.len());
    for (i, (x, texts)) in groups.iter().enumerate() {
        let x = *x;
        let title =
            texts.iter().map(|(at, text)| format!("{}  print: {text}", secs(*at))).collect::<Vec<_>>().join("\n");
        let label = texts.iter().map(|(_, text)| text.replace('\n', " ⏎ ")).collect::<Vec<_>>().join(" · ");
        let fits = |room: f64| (room / CHAR_W).floor().max(0.0) as usize;
        let room_right = groups.get(i + 1).map_or(right, |(next, _)| *next) - x - 12.0;
        let room_left = x - free_from - 12.0;
        let wanted = label.chars().count();
        let placed = if !shape.roomy || shape.stacked {
            None
        } else if fits(room_right) >= wanted || room_right >= room_left {
            fit(&label, fits(room_right)).map(|text| {
                free_from = x + 6.0 + text.chars().count() as f64 * CHAR_W;
                (text, x + 6.0, "start")
            })
        } else {
            fit(&label, fits(room_left)).map(|text| {
                free_from = x + 4.0;
                (text, x - 6.0, "end")
            })
        };
        free_from = free_from.max(x + 4.0);
        marks.push(html! {
            <g class="print-mark" data-testid="print-mark" role="img">
                <title>{ title }</title>
                if shape.roomy {
                    <line x1={format!("{x:.1}")} x2={format!("{x:.1}")} y1={dot_y.to_string()} y2={shape.bar_y.to_string()} />
                }
                <circle cx={format!("{x:.1}")} cy={dot_y.to_string()} r={if shape.roomy { "3.5" } else { "3" }} />
                if let Some((text, text_x, anchor)) = placed {
                    <text class="print-label" x={format!("{text_x:.1}")} y="13" text-anchor={anchor}>{ text }</text>
                }
            </g>
        });
    }
    html! { <g class="prints">{ for marks }</g> }
}

/// A call's sub-row: the lane's states while its task was inside the call (cut from the lane),
/// the ideal run's behind them, and how the call ended.
#[allow(clippy::too_many_arguments)]
fn call_row(
    scale: &Scale,
    main: &Trace,
    ghost: Option<&Trace>,
    lane: usize,
    index: usize,
    top: f64,
    width: f64,
    now: Option<Micros>,
    stacked: bool,
) -> Html {
    let real = main.timeline.lanes.get(lane).and_then(|l| l.calls.get(index).map(|c| (l, c)));
    let twin = ghost.and_then(|g| g.timeline.lanes.get(lane)).and_then(|l| l.calls.get(index).map(|c| (l, c)));
    let Some((_, label)) = real.or(twin) else { return Html::default() };
    // On a phone the label goes above the bar, as for lanes.
    let (bar_y, bar_h, height) = if stacked { (17.0, 10.0, CALL_H_STACKED) } else { (9.0, 11.0, CALL_H) };
    let ghost_bars = twin.map(|(lane, call)| {
        let end = call.end.unwrap_or(lane.ended.unwrap_or(call.start));
        let bars = lane
            .segments_within(call.start, end)
            .into_iter()
            .map(|s| bar(scale, &call.name, &s, bar_y - 2.0, bar_h + 4.0, "ideal-segment", false))
            .collect::<Vec<_>>();
        html! { <g class="ghost" aria-hidden="true">{ for bars }</g> }
    });
    let content = real.map(|(lane, call)| {
        let end = call.end.or(now).unwrap_or(main.timeline.end);
        let bars = lane
            .segments_within(call.start, end)
            .into_iter()
            .map(|s| bar(scale, &call.name, &s, bar_y, bar_h, "call-segment", false))
            .collect::<Vec<_>>();
        let mark = call.end.map(|at| {
            let kind = match &call.error {
                None => SegmentKind::Done,
                Some(error) if error.starts_with("CancelledError") => SegmentKind::Cancelled { at: call.name.clone() },
                Some(error) => SegmentKind::Failed { error: error.clone() },
            };
            end_mark(
                scale,
                &call.name,
                &crate::engine::Segment { start: at, end: at, kind },
                bar_y + bar_h / 2.0,
                5.5,
                "call-segment",
            )
        });
        html! { <>{ for bars }{ for mark }</> }
    });
    let outcome = match real.map(|(_, c)| (c.end, &c.error)) {
        Some((Some(at), None)) => format!("returned at {}", secs(at)),
        Some((Some(_), Some(error))) => format!("raised {error}"),
        Some((None, _)) => "running".to_string(),
        None => "not called yet".to_string(),
    };
    let label_x = if stacked { 10.0 } else { 24.0 };
    let words = format!("↳ {}: await {} (awaited directly, inside the lane above): {outcome}", label.name, label.call);
    html! {
        <g
            class={classes!("lane", "call-row", real.is_none().then_some("lane-future"))}
            role="listitem"
            aria-label={words}
            data-testid="call-row"
            data-task={main.timeline.lanes.get(lane).map(|l| l.name.clone())}
            data-call={label.name.clone()}
            transform={format!("translate(0,{top})")}
        >
            <rect class="lane-bg call-bg" width={width.to_string()} height={height.to_string()} />
            <g class="lane-label" aria-hidden="true">
                <title>{ format!("await {}\n{outcome}\n(awaited directly: it runs inside its caller's task, on the lane above)", label.call) }</title>
                <text class="call-name" x={label_x.to_string()} y={if stacked { "11" } else { "18" }}>{ format!("↳ {}", label.name) }</text>
            </g>
            { for ghost_bars }
            { for content }
        </g>
    }
}

/// A row's own key (a drawing of every row): its lane, or its lane and call.
pub(super) fn row_key(row: &Row) -> Key {
    match row {
        Row::Lane(i) => Key::from(*i),
        Row::Call { lane, call } => Key::from(format!("{lane}-call-{call}")),
    }
}

/// How every row of one drawing is drawn (the runs aside).
#[derive(Clone, Copy, PartialEq)]
pub(super) struct Look {
    pub(super) scale: Scale,
    pub(super) shape: LaneShape,
    pub(super) width: f64,
    pub(super) now: Option<Micros>,
    pub(super) running: bool,
    pub(super) name_chars: usize,
    pub(super) coro_chars: usize,
}

#[derive(Properties, PartialEq)]
pub(super) struct RowProps {
    pub(super) main: Shared<Trace>,
    pub(super) ghost: Option<Shared<Trace>>,
    pub(super) row: Row,
    pub(super) top: f64,
    pub(super) look: Look,
}

/// One row of the timeline, a component of its own: while the lanes scroll, a row that stays in
/// view keeps equal props (the same runs, compared by identity), so it is neither rendered nor
/// diffed again; only the rows scrolled in are built.
#[function_component(TimelineRow)]
pub(super) fn timeline_row(props: &RowProps) -> Html {
    let ctx = Ctx { look: props.look, main: &props.main, ghost: props.ghost.as_deref() };
    ctx.row(&props.row, props.top)
}

/// What every row of one drawing shares.
struct Ctx<'a> {
    look: Look,
    main: &'a Trace,
    ghost: Option<&'a Trace>,
}

impl Ctx<'_> {
    /// Row `row` at `top`.
    fn row(&self, row: &Row, top: f64) -> Html {
        match row {
            Row::Call { lane, call } => call_row(
                &self.look.scale,
                self.main,
                self.ghost,
                *lane,
                *call,
                top,
                self.look.width,
                self.look.now,
                self.look.shape.stacked,
            ),
            Row::Lane(i) => self.lane(*i, top),
        }
    }

    /// Lane `i`: its label, the ideal run behind it, its states, turns, end and prints.
    fn lane(&self, i: usize, top: f64) -> Html {
        let Look { scale, shape, width, running, name_chars, coro_chars, .. } = self.look;
        let (main, ghost) = (self.main, self.ghost);
        let scale = &scale;
        let lane = main.timeline.lanes.get(i);
        let twin = ghost.and_then(|g| g.timeline.lanes.get(i));
        let Some(label_lane) = lane.or(twin) else { return Html::default() };
        let ghost_bars = twin.map(|twin| {
            let bars = twin.segments.iter().map(|s| {
                if is_end(&s.kind) {
                    end_mark(
                        scale,
                        &twin.name,
                        s,
                        shape.bar_y + shape.bar_h / 2.0,
                        shape.bar_h / 2.0 + 1.0,
                        "ideal-segment",
                    )
                } else {
                    bar(scale, &twin.name, s, shape.bar_y - 3.0, shape.bar_h + 6.0, "ideal-segment", false)
                }
            });
            html! { <g class="ghost" aria-hidden="true">{ for bars }</g> }
        });
        let (outcome_text, outcome_class) = match lane {
            Some(lane) => outcome(lane, running),
            None => ("not created yet".to_string(), "outcome-open"),
        };
        let content = lane.map(|lane| {
            let bars = lane
                .segments
                .iter()
                .filter(|s| !is_end(&s.kind))
                .map(|s| bar(scale, &lane.name, s, shape.bar_y, shape.bar_h, "segment", shape.roomy));
            let end_r = if shape.roomy { 7.5 } else { 5.0 };
            let ends = lane
                .segments
                .iter()
                .filter(|s| is_end(&s.kind))
                .map(|s| end_mark(scale, &lane.name, s, shape.bar_y + shape.bar_h / 2.0, end_r, "segment"));
            let turns = main.runs.get(i).into_iter().flatten().map(|&at| {
                let x = scale.x(at);
                html! { <rect class="run-mark" x={format!("{:.1}", x - 1.0)} y={(shape.bar_y - 3.0).to_string()} width="2" height={(shape.bar_h + 6.0).to_string()} /> }
            });
            html! {
                <>
                    { for bars }
                    // No wrapper: a bare rect is not exposed to assistive tech anyway, and with
                    // thousands of lanes every element scrolled into view counts.
                    { for turns }
                    { for ends }
                    { print_marks(scale, lane, shape, width - 4.0) }
                </>
            }
        });
        // gather() names its tasks after their coroutine: no need to say it twice.
        let coro_full = if label_lane.coro == label_lane.name { String::new() } else { label_lane.coro.clone() };
        let coro = fit(&coro_full, coro_chars).unwrap_or_default();
        // Stacked: the outcome's symbol and time only ("✓ 2.000s"), the rest of the line for the name.
        let outcome_short = match outcome_text.split_once(' ') {
            Some((symbol, _)) if outcome_class == "outcome-done" => {
                format!("{symbol} {}", outcome_text.rsplit(' ').next().unwrap_or(""))
            }
            Some((symbol, _)) if outcome_class != "outcome-open" => symbol.to_string(),
            _ => String::new(),
        };
        let stacked_room = (((width - 20.0) / 7.0) as usize).saturating_sub(outcome_short.chars().count() + 2);
        let name = fit(&label_lane.name, name_chars).unwrap_or_default();
        let title = format!("{} = {}\n{}", label_lane.name, label_lane.coro, outcome_text);
        let (testid, task, words) = match lane {
            Some(lane) => ("lane", lane.name.clone(), lane_words(lane, running)),
            None => (
                "ideal-lane",
                label_lane.name.clone(),
                format!("{} = {}: not created yet (the ideal run is drawn faintly)", label_lane.name, label_lane.coro),
            ),
        };
        html! {
            <g
                class={classes!("lane", lane.is_none().then_some("lane-future"))}
                role="listitem"
                aria-label={words}
                data-testid={testid}
                data-task={task}
                data-lane={i.to_string()}
                transform={format!("translate(0,{top})")}
            >
                <rect class="lane-bg" width={width.to_string()} height={shape.height.to_string()} />
                if !shape.roomy {
                    // Compact (many lanes): the name alone, its tooltip inside it (one element
                    // less per lane than the group below).
                    <text class="lane-label lane-name lane-name-compact" x="12" y="15" aria-hidden="true">
                        <title>{ title }</title>
                        { name }
                    </text>
                } else {
                    <g class="lane-label" aria-hidden="true">
                        <title>{ title }</title>
                        if shape.stacked {
                            // One line: name and call on the left, the outcome on the right.
                            <text class={classes!("lane-outcome", outcome_class)} x={(width - 10.0).to_string()} y="15" text-anchor="end">
                                { outcome_short.clone() }
                            </text>
                            <text class="lane-name" x="10" y="15">
                                { fit(&label_lane.name, stacked_room).unwrap_or_default() }
                                <tspan class="lane-coro" dx="8">
                                    { fit(&coro_full, stacked_room.saturating_sub(label_lane.name.chars().count() + 2)).unwrap_or_default() }
                                </tspan>
                            </text>
                        } else {
                            <text class="lane-name" x="12" y="19">{ name }</text>
                            <text class="lane-coro" x="12" y="34">{ coro }</text>
                            <text class={classes!("lane-outcome", outcome_class)} x="12" y="48">
                                { fit(&outcome_text, coro_chars).unwrap_or_default() }
                            </text>
                        }
                    </g>
                }
                { for ghost_bars }
                { for content }
            </g>
        }
    }
}
