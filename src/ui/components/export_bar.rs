//! `ExportBar`: under the timeline, the run shown (the ideal one before a run, the real one after)
//! saved as a Chrome trace (.json, also opened in Perfetto), the timeline as .svg and .png, and
//! the section as a runnable .py. Disabled while a run is going on: a half-finished run would be
//! exported as if it had ended. What happened is said in `[data-testid=export-message]`.

use yew::prelude::*;

use crate::browser::address;
use crate::browser::export::{self, Exporter, PerfettoOutcome};
use crate::report::chrome_trace::{chrome_trace, process_name};
use crate::report::python_file::{file_stem, python_file};
use crate::ui::context::{use_page, PageContext};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tone {
    Done,
    Working,
    Problem,
}

impl Tone {
    fn name(self) -> &'static str {
        match self {
            Tone::Done => "done",
            Tone::Working => "working",
            Tone::Problem => "problem",
        }
    }
}

type Message = UseStateHandle<Option<(Tone, String)>>;

/// The address that reproduces what the page shows.
fn link_of(state: &PageContext) -> String {
    format!("{}{}", address::page_url(), state.link().to_hash())
}

fn trace_json(state: &PageContext) -> String {
    chrome_trace(&state.shown().timeline, &state.shown().log, &process_name(&state.program.scenario), &link_of(state))
}

fn say(message: &Message, tone: Tone, text: impl Into<String>) {
    message.set(Some((tone, text.into())));
}

fn saved(message: &Message, result: Result<(), wasm_bindgen::JsValue>, file: &str, after: &str) {
    match result {
        Ok(()) => say(message, Tone::Done, format!("Saved {file}{after}")),
        Err(e) => say(message, Tone::Problem, format!("Could not save {file}: {}", e.as_string().unwrap_or_default())),
    }
}

/// The five exports: one enum and one function rather than five closures, which keeps the wasm
/// smaller (each closure type is code of its own).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Json,
    Perfetto,
    Svg,
    Png,
    Py,
}

impl Kind {
    const ALL: [Kind; 5] = [Kind::Json, Kind::Perfetto, Kind::Svg, Kind::Png, Kind::Py];

    /// `data-testid`, the button's text, and its tooltip.
    fn button(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Kind::Json => (
                "export-json",
                "Trace .json",
                "Chrome Trace Event JSON: one track per task (Perfetto, chrome://tracing)",
            ),
            Kind::Perfetto => {
                ("export-perfetto", "Open in Perfetto", "Open the trace in ui.perfetto.dev, in a new window")
            }
            Kind::Svg => ("export-svg", "Timeline .svg", "The timeline as a standalone SVG"),
            Kind::Png => ("export-png", "Timeline .png", "The timeline as a PNG image (2x)"),
            Kind::Py => ("export-py", "Python .py", "This code with your values, as a script python3 runs"),
        }
    }
}

/// Do export `kind` of what the page shows. Runs inside the click: browsers open windows (and
/// some start downloads) only for a user gesture.
fn run_export(kind: Kind, exporter: &Exporter, state: &PageContext, message: &Message) {
    let stem = file_stem(&state.program.scenario);
    let title = process_name(&state.program.scenario);
    let lanes = u32::try_from(state.shown().timeline.lanes.len()).unwrap_or(u32::MAX);
    match kind {
        Kind::Json => {
            let file = format!("{stem}.json");
            let result = exporter.download_text(&file, "application/json", &trace_json(state));
            saved(message, result, &file, ": open it at ui.perfetto.dev or in chrome://tracing.");
        }
        Kind::Perfetto => {
            let file = format!("{stem}.json");
            say(message, Tone::Working, "Opening Perfetto in a new window…");
            let reply = message.clone();
            let fallback =
                format!("download {file} (Trace .json) and open it at ui.perfetto.dev or in chrome://tracing");
            exporter.open_in_perfetto(&trace_json(state), &title, &file, move |outcome| {
                let (tone, text) = match outcome {
                    PerfettoOutcome::Sent => {
                        (Tone::Done, "Sent to Perfetto: the run is open in its window.".to_string())
                    }
                    PerfettoOutcome::Blocked => (
                        Tone::Problem,
                        format!("The browser blocked the Perfetto window. Allow pop-ups for this page, or {fallback}."),
                    ),
                    PerfettoOutcome::NoAnswer => {
                        (Tone::Problem, format!("Perfetto did not answer within 10 s (offline?). Instead, {fallback}."))
                    }
                    PerfettoOutcome::Closed => {
                        (Tone::Problem, format!("The Perfetto window was closed before it was ready. Or {fallback}."))
                    }
                };
                say(&reply, tone, text);
            });
        }
        Kind::Svg => {
            let file = format!("{stem}-timeline.svg");
            let result = exporter.save_timeline_svg(&file, &title, lanes);
            saved(message, result, &file, ".");
        }
        Kind::Png => {
            let file = format!("{stem}-timeline.png");
            say(message, Tone::Working, format!("Drawing {file}…"));
            let (message, exporter) = (message.clone(), exporter.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = exporter.save_timeline_png(&file, &title, lanes).await;
                saved(&message, result, &file, " (drawn at 2x).");
            });
        }
        Kind::Py => {
            let file = format!("{stem}.py");
            let text = python_file(&state.program.scenario, &link_of(state));
            let result = exporter.download_text(&file, "text/x-python", &text);
            saved(message, result, &file, &format!(": run it with python3 {file}"));
        }
    }
}

#[function_component(ExportBar)]
pub fn export_bar() -> Html {
    let state = use_page();
    let message: Message = use_state_eq(|| None);
    let running = state.running();
    let what = if state.run.live.is_some() { "the real run" } else { "the ideal run (preview)" };
    let onclick = {
        let (state, message) = (state.clone(), message.clone());
        Callback::from(move |kind: Kind| match export::loaded() {
            Some(exporter) => run_export(kind, &exporter, &state, &message),
            // The module (static/export.js) was not fetched yet: the export follows it.
            None => {
                let (state, message) = (state.clone(), message.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    match export::load().await {
                        Ok(exporter) => run_export(kind, &exporter, &state, &message),
                        Err(_) => say(
                            &message,
                            Tone::Problem,
                            "The export code could not be loaded: reload the page and try again.",
                        ),
                    }
                });
            }
        })
    };
    let why = running.then_some("export-why");
    let buttons = Kind::ALL.into_iter().map(|kind| {
        let (testid, label, hint) = kind.button();
        let onclick = onclick.reform(move |_: MouseEvent| kind);
        html! {
            <button type="button" class="ghost-button" data-testid={testid} disabled={running}
                title={if running { "Available when the run ends (or after Stop)" } else { hint }}
                aria-describedby={why} {onclick}>
                { label }
            </button>
        }
    });
    let (tone, text) = match &*message {
        Some((tone, text)) => (tone.name(), text.clone()),
        None => ("idle", String::new()),
    };
    html! {
        <div class="export-bar" role="group" aria-labelledby="export-label"
            // The export module is fetched when the pointer or the focus reaches the row, so that
            // a click finds it loaded.
            onpointerenter={Callback::from(|_| export::prefetch())} onfocusin={Callback::from(|_| export::prefetch())}>
            <span id="export-label" class="export-label">{ format!("Export {what}:") }</span>
            { for buttons }
            if running {
                <span id="export-why" class="pane-note">{ "Export is available when the run ends." }</span>
            }
            <p class={classes!("export-message", format!("export-{tone}"))} data-testid="export-message" data-state={tone} role="status">
                { text }
            </p>
        </div>
    }
}
