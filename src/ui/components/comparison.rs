//! `ComparisonView` (44.2 and 44.3): the same code run sequentially and concurrently, both on the
//! ideal clock, drawn on one shared time axis with both totals and the speedup; after a real run,
//! its measured total next to its ideal one.

use yew::prelude::*;

use crate::engine::Micros;
use crate::ui::context::use_page;
use crate::ui::draw::{axis, bar, end_mark, is_end, Scale};
use crate::ui::format::{fit, secs_spaced, speedup};
use crate::ui::state::run::{Ideal, Phase};
use crate::ui::state::Action;
use crate::ui::viewport::use_width;

const AXIS_H: f64 = 30.0;
const HEAD_H: f64 = 24.0;
const ROW_H: f64 = 16.0;
const GROUP_GAP: f64 = 12.0;
/// The comparison is a summary: more lanes than this are not drawn one by one.
const MAX_LANES: usize = 8;

#[function_component(ComparisonView)]
pub fn comparison_view() -> Html {
    let state = use_page();
    let container = use_node_ref();
    let measured = use_width(container.clone(), (state.program.scenario.id, state.run.comparison.is_some()));
    let Some(comparison) = state.run.comparison.clone() else { return Html::default() };
    let (Some(sequential), Some(concurrent)) = (comparison.total("sequential"), comparison.total("concurrent")) else {
        return Html::default();
    };

    let width = if measured > 0 { f64::from(measured).max(300.0) } else { 960.0 };
    let gutter = match width {
        w if w < 640.0 => 96.0,
        w if w < 860.0 => 170.0,
        _ => 230.0,
    };
    let span = sequential.max(concurrent);
    // Room on the right for the total written after the last bar.
    let scale = Scale::new(gutter + 14.0, width - 70.0, span);
    // Sequential first: it is the "before".
    let order: Vec<(&'static str, &Ideal)> = ["sequential", "concurrent"]
        .into_iter()
        .filter_map(|mode| comparison.modes.iter().find(|(m, _)| *m == mode).map(|(m, ideal)| (*m, &**ideal)))
        .collect();

    let live = state.run.live.as_ref().filter(|l| l.finished && state.phase() == Phase::Done);
    let mut y = AXIS_H;
    let groups = order.iter().map(|(mode, ideal)| {
        let top = y;
        let lanes = &ideal.trace.timeline.lanes;
        let shown = lanes.len().min(MAX_LANES);
        y += HEAD_H + shown as f64 * ROW_H + GROUP_GAP;
        let total = ideal.total.unwrap_or(0);
        let is_current = *mode == state.program.scenario.mode;
        let rows = lanes.iter().take(shown).enumerate().map(|(i, lane)| {
            let row_y = HEAD_H + i as f64 * ROW_H;
            let bars = lane.segments.iter().map(|s| {
                if is_end(&s.kind) {
                    end_mark(&scale, &lane.name, s, row_y + ROW_H / 2.0, 4.0, "compare-segment")
                } else {
                    bar(&scale, &lane.name, s, row_y + 3.0, ROW_H - 6.0, "compare-segment", false)
                }
            });
            html! {
                <g class="compare-lane" key={i}>
                    <text class="compare-lane-name" x="24" y={(row_y + 12.0).to_string()}>
                        { fit(&lane.name, ((gutter - 28.0) / 6.4) as usize).unwrap_or_default() }
                    </text>
                    { for bars }
                </g>
            }
        });
        let end_x = scale.x(total);
        html! {
            <g
                class={classes!("compare-group", is_current.then_some("current"))}
                data-testid="compare-mode"
                data-mode={*mode}
                data-ms={crate::ui::format::ms(total).to_string()}
                transform={format!("translate(0,{top})")}
                key={*mode}
            >
                <text class="compare-mode" x="12" y="16">
                    { *mode }
                    if is_current && gutter > 100.0 { <tspan class="compare-current">{ "  (shown above)" }</tspan> }
                </text>
                { for rows }
                <line class="compare-end" x1={format!("{end_x:.1}")} x2={format!("{end_x:.1}")} y1="4" y2={(HEAD_H + shown as f64 * ROW_H).to_string()} />
                <text class="compare-total" x={format!("{:.1}", end_x + 6.0)} y="16">{ secs_spaced(total) }</text>
            </g>
        }
    });
    let groups: Vec<Html> = groups.collect();
    let height = y;

    let verdict = match (speedup(sequential, concurrent), sequential.cmp(&concurrent)) {
        (_, _) if sequential == 0 && concurrent == 0 => {
            "With every delay at 0 both finish at once: there is no waiting to overlap.".to_string()
        }
        (None, _) => "concurrent finishes at once: every wait overlaps.".to_string(),
        (Some(_), std::cmp::Ordering::Equal) => {
            "Both take the same time: only one wait is longer than zero, so there is nothing to overlap.".to_string()
        }
        (Some(times), _) => format!(
            "concurrent is {times} faster: {} instead of {}, because the waits overlap instead of adding up.",
            secs_spaced(concurrent),
            secs_spaced(sequential)
        ),
    };
    let measured_note = live.and_then(|l| l.total).map(|real| {
        let mode = state.program.scenario.mode;
        let ideal: Micros = comparison.total(mode).unwrap_or(0);
        html! {
            <p class="compare-measured" data-testid="compare-measured" data-ms={crate::ui::format::ms(real).to_string()}>
                { format!("Your real run ({mode}) took {} — ideal {}.", secs_spaced(real), secs_spaced(ideal)) }
            </p>
        }
    });
    // Both modes measured with the same values (and URLs): the real totals side by side. For 44.3
    // with real servers this is the comparison that counts; the ideal one guesses their latency.
    let real_seq = state.run.measured.total(&state.program.scenario, "sequential");
    let real_con = state.run.measured.total(&state.program.scenario, "concurrent");
    let measured_both = (real_seq.is_some() || real_con.is_some()).then(|| {
        let shown = |total: Option<Micros>| total.map_or_else(|| "not run yet".to_string(), secs_spaced);
        let verdict = match (real_seq, real_con) {
            (Some(seq), Some(con)) => match speedup(seq, con) {
                Some(times) => format!(" → concurrent was {times} faster."),
                None => String::new(),
            },
            _ => " — run the other mode (same values) to compare them.".to_string(),
        };
        html! {
            <p class="compare-measured" data-testid="compare-real"
                data-sequential-ms={real_seq.map(|t| crate::ui::format::ms(t).to_string())}
                data-concurrent-ms={real_con.map(|t| crate::ui::format::ms(t).to_string())}>
                { "Measured on your browser: sequential " }<strong>{ shown(real_seq) }</strong>
                { " · concurrent " }<strong>{ shown(real_con) }</strong>
                { verdict }
            </p>
        }
    });
    let other = order.iter().map(|(m, _)| *m).find(|m| *m != state.program.scenario.mode);
    let switch = other.filter(|_| !state.running() && !state.program.lock).map(|other| {
        let state = state.clone();
        let onclick = Callback::from(move |_| state.dispatch(Action::Mode(other.to_string())));
        html! { <button type="button" class="ghost-button" {onclick}>{ format!("Show {other} above") }</button> }
    });
    let note = if state.program.scenario.id.id() == "fetch-urls" {
        "ideal timing: the sample API's waits, `latency` for other sites"
    } else {
        "ideal timing, one shared time axis"
    };
    html! {
        <section class="compare pane" aria-labelledby="compare-heading" data-testid="comparison">
            <div class="pane-head">
                <h2 id="compare-heading">{ "Sequential vs concurrent" }</h2>
                <span class="pane-note">{ note }</span>
                { for switch }
            </div>
            <p class="speedup" data-testid="speedup">{ verdict }</p>
            { for measured_note }
            { for measured_both }
            <div class="timeline-scroll" ref={container}>
                <svg
                    class="timeline compare-svg"
                    width={width.to_string()}
                    height={height.to_string()}
                    viewBox={format!("0 0 {width} {height}")}
                    role="img"
                    aria-label={format!("Sequential: {}. Concurrent: {}.", secs_spaced(sequential), secs_spaced(concurrent))}
                >
                    <text class="axis-title" x="12" y={(AXIS_H - 8.0).to_string()}>{ "time →" }</text>
                    { axis(&scale, AXIS_H, height - GROUP_GAP) }
                    { for groups }
                </svg>
            </div>
        </section>
    }
}
