//! `RequestTable` (44.3): one row per URL of the list — the lane its request is on, its status,
//! `len(data)` (what the chapter prints as "bytes"), how long it took (waiting for the head, then
//! reading the body), and a preview of the body as text, or what went wrong and why. Below, what
//! `asyncio.gather` (or the sequential loop) does when one of them fails.
//!
//! Bodies come from other sites: they are only ever shown as text (Yew escapes it), never as HTML.

use yew::prelude::*;

use crate::engine::requests::{Request, Stage};
use crate::engine::{Micros, TaskId};
use crate::scenarios::sample_api::is_sample;
use crate::scenarios::ScenarioId;
use crate::ui::context::use_page;
use crate::ui::fetch_text::explain;
use crate::ui::format::{fit, ms, secs_spaced};
use crate::ui::state::run::Phase;
use crate::ui::trace::Trace;

/// Characters of the body shown in the row (the tooltip has the log's whole preview).
const PREVIEW_CHARS: usize = 140;

/// The body's start on one line: whitespace runs (newlines, indentation) become one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The lane (and, in the sequential loop, the sub-row) a request is drawn on.
fn lane_of(trace: &Trace, task: TaskId, request: &Request) -> String {
    let Some(lane) = trace.timeline.lanes.get(task) else { return String::new() };
    match request.call.and_then(|c| lane.calls.get(c)) {
        Some(call) => format!("{} ↳ {}", lane.name, call.name),
        None => lane.name.clone(),
    }
}

fn stage_name(request: Option<&Request>) -> &'static str {
    match request.map(Request::stage) {
        None => "not-sent",
        Some(Stage::Waiting) => "waiting",
        Some(Stage::Reading) => "reading",
        Some(Stage::Done) => "done",
        Some(Stage::Failed) => "failed",
        Some(Stage::Cancelled) => "cancelled",
    }
}

/// `0.402 s`, and how it splits: until the head, then the body.
fn timing(request: &Request, now: Micros) -> (String, String) {
    let end = request.ended().unwrap_or(now);
    let total = secs_spaced(end.saturating_sub(request.sent));
    let split = match (&request.head, &request.body) {
        (Some(head), Some(body)) => format!(
            "head {} · body {}",
            secs_spaced(head.at - request.sent),
            secs_spaced(body.at.saturating_sub(head.at))
        ),
        (Some(head), None) => format!("head {}", secs_spaced(head.at - request.sent)),
        _ => String::new(),
    };
    (total, split)
}

#[function_component(RequestTable)]
pub fn request_table() -> Html {
    let state = use_page();
    if state.program.scenario.id != ScenarioId::FetchUrls {
        return Html::default();
    }
    let phase = state.phase();
    let live = state.run.live.as_ref();
    let trace = state.shown();
    let now = live.map_or(trace.timeline.end, |l| l.now);
    let concurrent = state.program.scenario.mode == "concurrent";

    let rows = state.program.scenario.urls.iter().enumerate().map(|(index, url)| {
        // The n-th request is the n-th URL's: the loop and the tasks send them in list order.
        let request = trace.requests.get(index).filter(|r| r.url == *url);
        let stage = stage_name(request);
        // Before a run the ideal run can only guess another site's answer.
        let guess = live.is_none() && !is_sample(url);
        let (status, status_title) = match request.and_then(|r| r.head.as_ref()) {
            Some(head) => (format!("{} {}", head.status, head.reason), format!("HTTP status {}", head.status)),
            None => ("—".to_string(), "no response (yet)".to_string()),
        };
        let body = request.and_then(|r| r.body.as_ref());
        let size = body.map(|b| (b.chars.to_string(), format!("len(data) = {} characters; {} bytes in UTF-8", b.chars, b.bytes)));
        let (time, split) = request.map(|r| timing(r, now)).unwrap_or_default();
        let lane = request.map(|r| lane_of(trace, r.task, r)).unwrap_or_default();
        let outcome = match (request, body) {
            (None, _) => {
                let why = match phase {
                    Phase::Running => "not sent yet",
                    _ if concurrent => "not sent",
                    _ => "never requested: an exception ended the loop before this URL",
                };
                html! { <span class="req-muted">{ why }</span> }
            }
            (Some(r), _) if r.failure.is_some() => {
                let failure = r.failure.as_ref().expect("checked");
                let exception = if failure.message.is_empty() {
                    failure.kind.clone()
                } else {
                    format!("{}: {}", failure.kind, failure.message)
                };
                html! {
                    <div class="req-failure" data-testid="request-error">
                        <code class="req-exc">{ exception }</code>
                        <span class="req-why">{ explain(&failure.kind, &failure.message) }</span>
                    </div>
                }
            }
            (Some(_), Some(_)) if guess => html! {
                <span class="req-muted">{ "(the ideal run guesses a 200 after `latency`: run it to see the real answer)" }</span>
            },
            (Some(_), Some(body)) => {
                let shown = fit(&one_line(&body.preview), PREVIEW_CHARS).unwrap_or_default();
                html! {
                    <code class="req-preview" data-testid="request-preview" title={body.preview.clone()}>{ shown }</code>
                }
            }
            (Some(r), None) => {
                let doing = if r.head.is_some() { "reading the body…" } else { "waiting for the server…" };
                html! { <span class="req-muted">{ if phase == Phase::Running { doing } else { "" } }</span> }
            }
        };
        html! {
            <tr
                class={classes!("req-row", format!("req-{stage}"))}
                data-testid="request-row"
                data-url={url.clone()}
                data-stage={stage}
                data-status={request.and_then(|r| r.head.as_ref()).map(|h| h.status.to_string())}
                data-chars={body.map(|b| b.chars.to_string())}
                data-ms={request.and_then(|r| r.ended()).zip(request).map(|(end, r)| ms(end - r.sent).to_string())}
                data-error-kind={request.and_then(|r| r.failure.as_ref()).map(|f| f.kind.clone())}
                key={index}
            >
                <td class="req-n">{ index + 1 }</td>
                <td class="req-url"><code title={url.clone()}>{ fit(url, 48).unwrap_or_default() }</code><span class="req-lane">{ lane }</span></td>
                <td class="req-status" title={status_title}>{ status }</td>
                <td class="req-size" title={size.as_ref().map(|s| s.1.clone())}>{ size.map(|s| s.0).unwrap_or_else(|| "—".to_string()) }</td>
                <td class="req-time"><span>{ time }</span><span class="req-split">{ split }</span></td>
                <td class="req-body">{ outcome }</td>
            </tr>
        }
    });

    let failures = trace.requests.iter().filter(|r| r.stage() == Stage::Failed).count();
    let gather = if concurrent {
        "asyncio.gather(*tasks) waits for every request. When one raises, gather raises that first exception at once; it does not cancel the other tasks, which keep running — but the exception then leaves `async with aiohttp.ClientSession()`, which closes the session, so the requests still going fail with ClientConnectionError: Connector is closed. (gather(*tasks, return_exceptions=True) would let every request finish and return the exceptions among the results.)"
    } else {
        "Awaited one after another, a request that raises ends the loop (and main) at once: the URLs after it are never requested."
    };
    let source = if live.is_some() { "live" } else { "ideal" };
    html! {
        <section class="requests pane" aria-labelledby="requests-heading" data-testid="requests" data-source={source}>
            <div class="pane-head">
                <h2 id="requests-heading">{ "Requests" }</h2>
                <span class={classes!("badge", format!("badge-{source}"))}>
                    { if live.is_some() { "this run" } else { "preview · virtual clock" } }
                </span>
                <span class="pane-note">{ "one row per URL; bodies are shown as text, never as HTML" }</span>
            </div>
            <div class="req-scroll">
                <table class="req-table">
                    <thead>
                        <tr>
                            <th scope="col">{ "#" }</th>
                            <th scope="col">{ "URL · lane" }</th>
                            <th scope="col">{ "status" }</th>
                            <th scope="col" title="len(data): what the chapter prints as bytes">{ "len(data)" }</th>
                            <th scope="col">{ "time" }</th>
                            <th scope="col">{ "body (as text) or what went wrong" }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <p class={classes!("gather-note", (failures > 0).then_some("gather-note-failed"))} data-testid="gather-note">
                <strong>{ "If one fails: " }</strong>
                { gather }
            </p>
        </section>
    }
}
