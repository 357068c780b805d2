//! `status_bar` (a view function of `App`'s, like `notices`): what the page is showing (the ideal preview, a run in progress, its outcome) and
//! the total time: the ideal one before a run, the measured one after, with how late it was.

use yew::prelude::*;

use crate::browser::visibility::Hidden;
use crate::engine::{Exception, RunOutcome};
use crate::ui::context::PageContext;
use crate::ui::format::{ms, secs_spaced, signed_ms};
use crate::ui::state::run::Phase;

/// What to say about a run that was (partly) in a background tab, where browsers throttle timers:
/// its timings from then on are the browser's doing, not asyncio's.
fn background_note(hidden: &[Hidden]) -> Option<String> {
    if hidden.is_empty() {
        return None;
    }
    let when: Vec<String> = hidden
        .iter()
        .map(|h| match h.to {
            Some(to) => format!("from {} to {}", secs_spaced(h.from), secs_spaced(to)),
            None if h.from == 0 => "from the start".to_string(),
            None => format!("from {} on", secs_spaced(h.from)),
        })
        .collect();
    Some(format!(
        "This tab was in the background {} of this run. Browsers slow timers down in background tabs, so the times measured then show that throttling, not the event loop: keep the tab in front and run again for true timings.",
        when.join(", ")
    ))
}

pub fn status_bar(state: &PageContext) -> Html {
    let phase = state.phase();
    let ideal_total = state.run.ideal.total;
    let live = state.run.live.as_ref();
    let text = match (phase, live) {
        (Phase::Running, Some(live)) if live.stop_requested => "Stopping: cancelling every task…".to_string(),
        (Phase::Running, Some(live)) => format!("Running at {}× · {} elapsed", live.speed, secs_spaced(live.now)),
        (Phase::Done, Some(live)) => format!("Done — measured on your browser's clock at {}×", live.speed),
        (Phase::Failed, Some(live)) => match &live.result {
            Some(Err(Exception::Error { kind, .. })) => format!("Failed: {kind} (see the console)"),
            _ => "Failed (see the console)".to_string(),
        },
        (Phase::Stopped, Some(live)) => format!("Stopped by you at {}", secs_spaced(live.now)),
        _ if state.hides_preview() => "Not run yet — make your prediction, then press Run".to_string(),
        _ => "Not run yet — showing the ideal run (virtual clock)".to_string(),
    };
    // The total: measured once a run has ended on its own, else the ideal one (not while running).
    let measured = live.filter(|_| matches!(phase, Phase::Done | Phase::Failed)).and_then(|l| l.total);
    let total = match phase {
        Phase::Running => None,
        Phase::Done | Phase::Failed => measured,
        Phase::Idle | Phase::Stopped => ideal_total,
    };
    let detail = match (phase, measured, ideal_total) {
        (Phase::Done, Some(real), Some(ideal)) => Some(format!(
            "measured · ideal {} · {} {}",
            secs_spaced(ideal),
            signed_ms(real as i64 - ideal as i64),
            if real >= ideal { "late" } else { "early" }
        )),
        // A failed run ended early: comparing it with the ideal one would say nothing.
        (Phase::Failed, Some(_), _) => Some("until the exception ended it".to_string()),
        (Phase::Idle | Phase::Stopped, _, Some(_)) => Some("ideal (virtual clock)".to_string()),
        _ => None,
    };
    html! {
        <div class="status-row">
            <p
                class={classes!("status", format!("status-{}", phase.data_state()), (phase == Phase::Stopped).then_some("status-stopped"))}
                data-testid="status"
                data-state={phase.data_state()}
                role="status"
            >
                <span class="status-dot" aria-hidden="true"></span>
                { text }
            </p>
            if state.run.ideal.outcome != RunOutcome::Idle {
                <p class="status-warning">
                    { "The ideal run was cut short: it ran past the playground's limit (an hour of simulated time, or a loop that never waits)." }
                </p>
            }
            if let Some(note) = live.and_then(|l| background_note(&l.hidden)) {
                <p class="status-warning" data-testid="background-notice" role="note">{ note }</p>
            }
            if state.hides_preview() {
                // Predict mode: the ideal total is the answer to one of the questions.
                <p class="total">
                    <span class="total-label">{ "Total " }</span>
                    <strong>{ "?" }</strong>
                    <span class="total-detail">{ " hidden while you predict" }</span>
                </p>
            } else if let Some(total) = total {
                <p class="total">
                    <span class="total-label">{ "Total " }</span>
                    <strong data-testid="total" data-ms={ms(total).to_string()}>{ secs_spaced(total) }</strong>
                    if let Some(detail) = detail {
                        <span class="total-detail">{ " " }{ detail }</span>
                    }
                </p>
            }
        </div>
    }
}
