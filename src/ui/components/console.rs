//! `Console`: what the program printed, each line with its time (1x scale) and the task that
//! printed it; after a real run, how late each line was against the ideal run; at the end the
//! top-level code's result or exception, as Python would show it.

use yew::prelude::*;

use crate::engine::{Exception, PyValue};
use crate::insight::warnings::Warning;
use crate::scenarios::ScenarioId;
use crate::ui::context::{shown_warnings, use_page};
use crate::ui::fetch_text::explain;
use crate::ui::format::{ms, secs, secs_spaced, signed_ms};
use crate::ui::state::run::Phase;

#[function_component(Console)]
pub fn console() -> Html {
    let state = use_page();
    let phase = state.phase();
    let live = state.run.live.as_ref();
    let trace = state.shown();
    let source = if live.is_some() { "live" } else { "ideal" };
    // Before a run the lines are a preview: they get their own test id so that the contract's
    // `[data-testid=line]` always means "printed by a real run".
    let line_testid = if live.is_some() { "line" } else { "ideal-line" };
    // 44.3: each request that failed gets a note at the moment it failed (the program printed
    // nothing then: the note is the playground's, and looks it).
    let mut notes: Vec<(crate::engine::Micros, Html)> = trace
        .requests
        .iter()
        .filter_map(|request| {
            let failure = request.failure.as_ref()?;
            let exception = Exception::error(failure.kind.clone(), failure.message.clone()).to_string();
            let who = trace.timeline.lanes.get(request.task).map_or("", |l| l.name.as_str());
            let note = html! {
                <li class="console-note" data-testid="console-note" data-kind={failure.kind.clone()} data-url={request.url.clone()}>
                    <span class="t">{ secs(failure.at) }</span>
                    <span class="text">
                        <span class="note-head">{ format!("✕ GET {} → {exception}", request.url) }</span>
                        <span class="hint">{ format!("\n{}", explain(&failure.kind, &failure.message)) }</span>
                    </span>
                    <span class="who" title="the task whose request it was">{ who.to_string() }</span>
                </li>
            };
            Some((failure.at, note))
        })
        .collect();
    // asyncio's warnings (and the linter's), each at its moment, with the line it is about.
    for warning in shown_warnings(&state).iter() {
        notes.push((warning.at, warning_note(warning, trace, state.program.scenario.id)));
    }
    // In time order (a stable sort: at the same moment, failures come before warnings).
    crate::sort::sort_by_key(&mut notes, |(at, _)| *at);
    notes.reverse();
    let mut take_notes = move |until: Option<crate::engine::Micros>| {
        let mut out = Vec::new();
        while notes.last().is_some_and(|(at, _)| until.is_none_or(|until| *at <= until)) {
            out.push(notes.pop().expect("checked").1);
        }
        out
    };
    let mut rendered: Vec<Html> = Vec::new();
    for line in &trace.lines {
        rendered.extend(take_notes(Some(line.at)));
        let late = line.late.map(|late| {
            let abs_ms = (late.unsigned_abs() as f64 / 1_000.0).round();
            let title = if late >= 0 {
                format!("printed {abs_ms} ms later than on the ideal (virtual) clock")
            } else {
                format!("printed {abs_ms} ms earlier than on the ideal clock (browser timers are rounded to the millisecond)")
            };
            // Stressed when it is 5 ms late in real time: at 20x, 10 ms here is half a real ms.
            let speed = i64::from(live.map_or(1, |l| l.speed));
            let class = if late >= 5_000 * speed { "late late-much" } else { "late" };
            html! { <span class={class} {title}>{ signed_ms(late) }</span> }
        });
        rendered.push(html! {
            <li class="console-line">
                <span class="t">{ secs(line.at) }</span>
                <span class="text" data-testid={line_testid} data-t-ms={ms(line.at).to_string()}>{ &line.text }</span>
                <span class="who" title="the task that printed it">{ trace.task_name(line.task) }</span>
                { for late }
            </li>
        });
    }
    rendered.extend(take_notes(None));
    let lines = rendered;
    // Scrubbed to a moment: the result is not known yet then (the lines stop at the moment too).
    let result = state
        .run
        .live
        .as_ref()
        .filter(|l| l.finished && state.view.cursor.is_none())
        .and_then(|l| l.result.clone())
        .or_else(|| {
            // The preview shows what the ideal run ends with, too.
            (live.is_none() && state.view.cursor.is_none()).then(|| state.run.ideal.result.clone()).flatten()
        });
    let ending = match result {
        Some(Ok(PyValue::None)) | None => Html::default(),
        Some(Ok(value)) => {
            html! { <li class="console-result"><span class="t"></span><span class="text">{ value.to_string() }</span></li> }
        }
        Some(Err(Exception::Error { kind, message })) => html! {
            <li class="console-error" data-testid="error">
                <span class="t">{ live.and_then(|l| l.total).map(secs).unwrap_or_default() }</span>
                <span class="text">
                    <span class="traceback">{ "Traceback (most recent call last):\n  …\n" }</span>
                    <strong class="exc">{ Exception::error(kind.clone(), message.clone()).to_string() }</strong>
                    if !explain(&kind, &message).is_empty() {
                        <span class="hint">{ format!("\n{} The timeline shows where each task was when it failed.", explain(&kind, &message)) }</span>
                    }
                </span>
            </li>
        },
        Some(Err(Exception::Cancelled)) => html! {
            <li class="console-stopped">
                <span class="t">{ live.map(|l| secs(l.now)).unwrap_or_default() }</span>
                <span class="text">{ "CancelledError — you pressed Stop: every task was cancelled at the await it was waiting in." }</span>
            </li>
        },
    };
    let badge = match (phase, live) {
        (_, None) => "preview · virtual clock".to_string(),
        (Phase::Running, Some(l)) => format!("live · real clock at {}×", l.speed),
        (_, Some(l)) => format!("this run · real clock at {}×", l.speed),
    };
    let empty = trace.lines.is_empty();
    if state.hides_preview() {
        return html! {
            <section class="console-pane pane" aria-labelledby="console-heading">
                <div class="pane-head"><h2 id="console-heading">{ "Console" }</h2></div>
                <p class="console-hidden" data-testid="console-hidden">{ "Hidden while you predict: it shows the real output once you run." }</p>
            </section>
        };
    }
    let badge = match state.view.cursor {
        Some(moment) => format!("{badge} · at {}", secs_spaced(moment.at)),
        None => badge,
    };
    // The code does not compile: this is the last good preview, greyed.
    let stale = live.is_none() && state.program.error.is_some();
    html! {
        <section class={classes!("console-pane", "pane", stale.then_some("stale-preview"))}
            data-stale={stale.then_some("true")} aria-labelledby="console-heading">
            <div class="pane-head">
                <h2 id="console-heading">{ "Console" }</h2>
                <span class={classes!("badge", format!("badge-{source}"))}>{ badge }</span>
            </div>
            // Focusable: a long output scrolls, and a keyboard user must be able to scroll it too.
            <ol class="console" tabindex="0" aria-labelledby="console-heading" data-source={source} aria-live={(phase == Phase::Running).then_some("polite")}>
                if empty {
                    <li class="console-empty">
                        { if phase == Phase::Running || state.view.cursor.is_some() { "(nothing printed yet)" } else { "(this run prints nothing)" } }
                    </li>
                }
                { for lines }
                { ending }
            </ol>
            if let Some(live) = live.filter(|l| phase == Phase::Done && l.trace.lines.iter().any(|line| line.late.is_some())) {
                <p class="console-foot">
                    { "Right column: how much later each line came than on the ideal clock. " }
                    if let (Some(real), Some(ideal)) = (live.total, state.run.ideal.total) {
                        { format!("The whole run took {} against {} ideal. ", secs_spaced(real), secs_spaced(ideal)) }
                    }
                    if live.speed > 1 {
                        { format!("At {}×, every real millisecond of delay counts as {} ms here: run at 1× to see the loop's true precision.", live.speed, live.speed) }
                    }
                </p>
            }
        </section>
    }
}

/// A warning in the console at its moment: asyncio's words, what it means, the line, and the page
/// that shows the mistake.
fn warning_note(warning: &Warning, trace: &crate::ui::trace::Trace, here: ScenarioId) -> Html {
    // The page that shows the mistake, unless it is this one.
    let example = ScenarioId::from_id(warning.example).filter(|s| *s != here);
    let who = warning.task.map(|t| trace.task_name(t).to_string()).unwrap_or_default();
    html! {
        <li class="console-warning" data-testid="warning" data-kind={warning.kind.as_str()}
            data-ms={ms(warning.at).to_string()} data-line={warning.line.map(|l| l.to_string())}>
            <span class="t">{ secs(warning.at) }</span>
            <span class="text">
                <span class="warning-head">{ format!("⚠ {}", warning.text) }</span>
                if let Some(line) = warning.line {
                    <span class="warning-line">{ format!(" (line {line})") }</span>
                }
                <span class="hint">{ format!("\n{} ", warning.explain) }</span>
                if let Some(example) = example {
                    <a class="warning-example" href={format!("#/{}", example.id())}>{ format!("See: {}", example.title()) }</a>
                }
            </span>
            <span class="who" title="the task it is about">{ who }</span>
        </li>
    }
}
