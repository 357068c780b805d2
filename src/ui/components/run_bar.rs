//! `RunBar`: Run / Stop / Run again, the speed, and the section's mode when it has several.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::link::SPEEDS;
use crate::ui::context::use_page;
use crate::ui::state::run::Phase;
use crate::ui::state::Action;

/// What a mode means, said in the chapter's terms.
fn mode_label(mode: &str) -> String {
    match mode {
        "concurrent" => "concurrent — tasks wait together".to_string(),
        "sequential" => "sequential — one await after another".to_string(),
        "blocking" => "blocking — cpu_work() on the loop's thread".to_string(),
        "worker" => "worker — asyncio.to_thread() (a Web Worker)".to_string(),
        other => other.to_string(),
    }
}

#[function_component(RunBar)]
pub fn run_bar() -> Html {
    let state = use_page();
    let phase = state.phase();
    let running = phase == Phase::Running;
    let stopping = running && state.run.live.as_ref().is_some_and(|l| l.stop_requested);
    let (label, class) = match phase {
        Phase::Running if stopping => ("Stopping…", "run-button stop"),
        Phase::Running => ("■ Stop", "run-button stop"),
        Phase::Idle => ("▶ Run", "run-button"),
        _ => ("↻ Run again", "run-button"),
    };
    let onclick = {
        let state = state.clone();
        Callback::from(move |e: MouseEvent| {
            // The button turns into Stop as soon as the run starts: the second click of a
            // double-click on Run must not stop the run the first one started.
            if e.detail() > 1 && state.running() {
                return;
            }
            state.dispatch(if state.running() { Action::Stop } else { Action::Run })
        })
    };
    let on_speed = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(speed) = select.value().parse() {
                state.dispatch(Action::Speed(speed));
            }
        })
    };
    let on_mode = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            state.dispatch(Action::Mode(select.value()));
        })
    };
    // 44.5's worker mode: start the Web Worker now, so a run's work starts at once instead of
    // waiting for the worker's WebAssembly to load (see `browser::cpu_worker`).
    let worker_mode =
        state.program.scenario.id == crate::scenarios::ScenarioId::CpuVsIo && state.program.scenario.mode == "worker";
    use_effect_with(worker_mode, |&worker_mode| {
        if worker_mode {
            crate::browser::cpu_worker::prewarm();
        }
    });
    let modes = state.program.scenario.id.modes();
    html! {
        <div class="runbar">
            <button
                type="button"
                class={class}
                data-testid="run"
                disabled={stopping}
                aria-keyshortcuts="Control+Enter"
                title="Run on your browser's event loop (Ctrl+Enter)"
                {onclick}
            >
                { label }
            </button>
            <label class="select-label">
                <span>{ "Speed" }</span>
                <select name="speed" disabled={running} onchange={on_speed}>
                    { for SPEEDS.iter().map(|&speed| html! {
                        <option value={speed.to_string()} selected={speed == state.run.speed}>
                            { if speed == 1 { "1× (real time)".to_string() } else { format!("{speed}×") } }
                        </option>
                    }) }
                </select>
            </label>
            if !modes.is_empty() {
                <label class="select-label">
                    <span>{ "Mode" }</span>
                    // A locked link (`lock=1`) keeps its mode: another mode is other code.
                    <select
                        name="mode"
                        disabled={running || state.program.lock}
                        title={state.program.lock.then_some("This example's code is locked by its link")}
                        onchange={on_mode}
                    >
                        { for modes.iter().map(|&mode| html! {
                            <option value={mode} selected={mode == state.program.scenario.mode}>{ mode_label(mode) }</option>
                        }) }
                    </select>
                </label>
            }
        </div>
    }
}
