//! `UrlList` (44.3): the URLs the code fetches, editable — change, add, remove, reorder, or load a
//! ready-made list — and, for the site's sample API, each URL's two waits (`delay` until the
//! headers, `body` for the body), which are part of the URL and so of the code. It also says what
//! the page knows about the network: offline, the chapter's GitHub URLs are switched to the sample
//! API, and the page says so here.
//!
//! Its side effects, once per page when 44.3 is first shown: register the sample API's service
//! worker, and ask whether the internet can be reached (`browser::network::probe`).

use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use crate::browser::{network, sample_api};
use crate::engine::value::py_number;
use crate::link::MAX_URLS;
use crate::scenarios::sample_api::{is_sample, wait, MAX_WAIT, WAITS};
use crate::scenarios::ScenarioId;
use crate::ui::context::{use_edit, EditView};
use crate::ui::state::net::{NetNews, Online, SampleApi};
use crate::ui::state::urls::{check, Preset, UrlEdit};
use crate::ui::state::Action;

/// What the sample API's status is, as the page state holds it.
fn sample_api_news(status: &sample_api::Status) -> NetNews {
    NetNews::SampleApi(match status {
        sample_api::Status::Starting => SampleApi::Starting,
        sample_api::Status::Ready => SampleApi::Ready,
        sample_api::Status::Unavailable(why) => SampleApi::Unavailable(why.clone()),
    })
}

/// A field's typed text that was refused, and why (the field keeps the text until corrected).
#[derive(Clone, PartialEq)]
struct Refused {
    field: String,
    why: String,
}

/// Try `edit`: dispatched when valid, else the reason is shown next to `field`.
fn attempt(state: &EditView, refused: &UseStateHandle<Option<Refused>>, field: &str, edit: UrlEdit) -> bool {
    match check(&state.scenario.urls, &edit) {
        Ok(()) => {
            refused.set(None);
            state.dispatch(Action::Urls(edit));
            true
        }
        Err(why) => {
            refused.set(Some(Refused { field: field.to_string(), why }));
            false
        }
    }
}

/// A number of seconds as typed (`0.5`, `1,5`), or why not.
fn parse_seconds(name: &str, text: &str) -> Result<f64, String> {
    let cleaned = text.trim().replace(',', ".");
    match crate::decimal::parse_f64(&cleaned) {
        Some(value) if value.is_finite() && (0.0..=MAX_WAIT).contains(&value) => Ok(value),
        Some(_) => Err(format!("{name} must be from 0 to {} s.", py_number(MAX_WAIT))),
        None => Err(format!("'{}' is not a number of seconds.", text.trim())),
    }
}

#[function_component(UrlList)]
pub fn url_list() -> Html {
    let state = use_edit();
    let refused = use_state_eq(|| None::<Refused>);
    let is_fetch = state.scenario.id == ScenarioId::FetchUrls;

    // Once 44.3 is shown: start the sample API, and find out whether the internet is there (only
    // needed while the list has other sites' URLs).
    {
        let state = state.clone();
        let needs_probe = state.scenario.urls.iter().any(|u| !is_sample(u));
        use_effect_with((is_fetch, needs_probe), move |&(is_fetch, needs_probe)| {
            if is_fetch {
                if state.net.sample_api == SampleApi::Unknown {
                    sample_api::register();
                    let dispatcher = state.dispatcher.clone();
                    dispatcher.dispatch(Action::Net(sample_api_news(&sample_api::status())));
                    sample_api::listen(move |status| dispatcher.dispatch(Action::Net(sample_api_news(status))));
                }
                if needs_probe && state.net.online == Online::Unknown {
                    state.dispatch(Action::Net(NetNews::Checking));
                    let dispatcher = state.dispatcher.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let news = match network::probe().await {
                            Ok(()) => NetNews::Online,
                            Err(why) => NetNews::Offline(why),
                        };
                        dispatcher.dispatch(Action::Net(news));
                    });
                }
            }
        });
    }
    if !is_fetch {
        return Html::default();
    }
    if state.scenario.code.is_some() {
        // The person's own code has its own list: edited there, in the code.
        return html! {
            <section class="urls pane" data-testid="url-list">
                <p class="pane-note">{ "Your code has its own URL list: edit it in the code. Reset to the chapter's code to get this list back." }</p>
            </section>
        };
    }

    let locked = state.running || state.lock;
    let urls = &state.scenario.urls;
    let why_locked = if state.lock {
        "The link this page was opened with keeps its URL list."
    } else {
        "Stop the run to change the URLs."
    };
    let message = |field: &str| {
        refused.as_ref().filter(|r| r.field == field).map(|r| {
            html! { <p class="url-error" role="alert" data-testid="url-error">{ &r.why }</p> }
        })
    };

    let rows = urls.iter().enumerate().map(|(index, url)| {
        let field = format!("url-{index}");
        let on_change = {
            let (state, refused, field) = (state.clone(), refused.clone(), field.clone());
            Callback::from(move |e: Event| {
                let input: HtmlInputElement = e.target_unchecked_into();
                attempt(&state, &refused, &field, UrlEdit::Set { index, url: input.value() });
            })
        };
        let on_key = {
            let (url, refused) = (url.clone(), refused.clone());
            Callback::from(move |e: KeyboardEvent| {
                let input: HtmlInputElement = e.target_unchecked_into();
                match e.key().as_str() {
                    // Enter commits (through the change event), Escape forgets what was typed.
                    "Enter" => {
                        let _ = input.blur();
                    }
                    "Escape" => {
                        input.set_value(&url);
                        refused.set(None);
                    }
                    _ => {}
                }
            })
        };
        let waits = is_sample(url).then(|| {
            let fields = WAITS.iter().map(|&name| {
                // `url-<i>-<name>` is the same value's field inside the code (`UrlWaitInput`).
                let wait_field = format!("url-{index}-{name}-number");
                let value = wait(url, name);
                let shown = value.map_or_else(|| "?".to_string(), py_number);
                let on_change = {
                    let (state, refused, wait_field) = (state.clone(), refused.clone(), wait_field.clone());
                    Callback::from(move |e: Event| {
                        let input: HtmlInputElement = e.target_unchecked_into();
                        match parse_seconds(name, &input.value()) {
                            Ok(seconds) => {
                                attempt(&state, &refused, &wait_field, UrlEdit::Wait { index, name, seconds });
                            }
                            Err(why) => refused.set(Some(Refused { field: wait_field.clone(), why })),
                        }
                    })
                };
                let on_key = {
                    let (state, refused, wait_field) = (state.clone(), refused.clone(), wait_field.clone());
                    Callback::from(move |e: KeyboardEvent| {
                        let step = match e.key().as_str() {
                            "ArrowUp" => 0.1,
                            "ArrowDown" => -0.1,
                            "Enter" => {
                                let input: HtmlInputElement = e.target_unchecked_into();
                                let _ = input.blur();
                                return;
                            }
                            _ => return,
                        };
                        e.prevent_default();
                        let step = if e.shift_key() { step * 10.0 } else { step };
                        let seconds = (value.unwrap_or(0.0) + step).clamp(0.0, MAX_WAIT);
                        attempt(&state, &refused, &wait_field, UrlEdit::Wait { index, name, seconds });
                    })
                };
                let meaning = if name == "delay" { "seconds until the headers" } else { "seconds the body takes" };
                html! {
                    <label class="url-wait" title={format!("{name}: {meaning} (↑/↓ ±0.1, Shift ±1)")}>
                        <span class="url-wait-name">{ name }</span>
                        <input
                            type="text"
                            class={classes!("url-wait-input", message(&wait_field).is_some().then_some("invalid"))}
                            inputmode="decimal"
                            name={wait_field.clone()}
                            value={shown}
                            size="4"
                            readonly={locked}
                            aria-label={format!("URL {}: {name}, {meaning}", index + 1)}
                            spellcheck="false"
                            autocomplete="off"
                            onchange={on_change}
                            onkeydown={on_key}
                        />
                        <span class="unit">{ "s" }</span>
                    </label>
                }
            });
            html! { <div class="url-waits">{ for fields }</div> }
        });
        let wait_errors =
            WAITS.iter().filter_map(|name| message(&format!("url-{index}-{name}-number"))).collect::<Vec<_>>();
        let button = |label: &'static str, title: String, testid: &'static str, disabled: bool, edit: UrlEdit| {
            let (state, refused) = (state.clone(), refused.clone());
            let onclick = Callback::from(move |_| {
                attempt(&state, &refused, "", edit.clone());
            });
            html! {
                <button type="button" class="icon-button" data-testid={testid} aria-label={title.clone()} {title} disabled={locked || disabled} {onclick}>
                    { label }
                </button>
            }
        };
        let last = urls.len() - 1;
        html! {
            <li class="url-row" data-testid="url-row" data-index={index.to_string()} data-url={url.clone()} key={index}>
                <div class="url-line">
                    <span class="url-n" aria-hidden="true">{ index + 1 }</span>
                    <input
                        type="text"
                        class={classes!("url-text", message(&field).is_some().then_some("invalid"))}
                        inputmode="url"
                        name={field.clone()}
                        value={url.clone()}
                        readonly={locked}
                        title={if locked { why_locked.to_string() } else { "Edit, then Enter (Escape undoes)".to_string() }}
                        aria-label={format!("URL {}", index + 1)}
                        spellcheck="false"
                        autocomplete="off"
                        onchange={on_change}
                        onkeydown={on_key}
                    />
                    <span class="url-buttons">
                        { button("↑", format!("Move URL {} up", index + 1), "url-up", index == 0, UrlEdit::Move { from: index, to: index.saturating_sub(1) }) }
                        { button("↓", format!("Move URL {} down", index + 1), "url-down", index == last, UrlEdit::Move { from: index, to: (index + 1).min(last) }) }
                        { button("✕", format!("Remove URL {}", index + 1), "url-remove", urls.len() == 1, UrlEdit::Remove(index)) }
                    </span>
                </div>
                { for waits }
                { for message(&field) }
                { for wait_errors }
            </li>
        }
    });

    let add_ref = use_node_ref();
    let on_add = {
        let (state, refused, add_ref) = (state.clone(), refused.clone(), add_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = add_ref.cast::<HtmlInputElement>() else { return };
            if attempt(&state, &refused, "new", UrlEdit::Add(input.value())) {
                input.set_value("");
            }
        })
    };
    let presets = Preset::ALL.iter().map(|&preset| {
        let (state, refused) = (state.clone(), refused.clone());
        let current = preset.urls() == *urls;
        let onclick = Callback::from(move |_| {
            attempt(&state, &refused, "", UrlEdit::Preset(preset));
        });
        html! {
            <button type="button" class={classes!("ghost-button", current.then_some("current"))} data-testid="url-preset" data-preset={preset.id()} disabled={locked || current} {onclick}>
                { preset.label() }
            </button>
        }
    });

    let has_other_sites = urls.iter().any(|u| !is_sample(u));
    let has_sample = urls.iter().any(|u| is_sample(u));
    let network = match (&state.net.switched, &state.net.online) {
        (Some(why), _) => Some(("offline", format!(
            "You seem to be offline ({why}), so this example uses the site's sample API instead of GitHub's: the same three users, answered inside your browser after the waits in each URL. Load the chapter's GitHub URLs below to try them anyway."
        ))),
        (None, Online::No(why)) if has_other_sites => Some(("offline", format!(
            "You seem to be offline ({why}): requests to other sites will fail. The sample API (sample-api/… URLs) works offline."
        ))),
        (None, Online::Checking) if has_other_sites => {
            Some(("checking", "Checking whether api.github.com can be reached…".to_string()))
        }
        _ => None,
    };
    let network_note = network.map(|(kind, text)| {
        html! { <p class="url-note" data-testid="network-note" data-network={kind} role="status">{ text }</p> }
    });
    let sample_note = match &state.net.sample_api {
        SampleApi::Unavailable(why) if has_sample => Some(html! {
            <p class="url-note url-note-warn" data-testid="sample-api-note" data-state="unavailable">
                { format!("The sample API cannot run here: {why}. Its requests will fail; serve the site over https:// or from localhost.") }
            </p>
        }),
        _ => None,
    };
    let speed_note = (state.speed > 1 && has_other_sites).then(|| {
        html! {
            <p class="url-note">
                { format!("At {}×, other sites still answer at their own pace: their times are shown {}× longer. The sample API's waits are divided by {} like the sleeps. Run at 1× for true network times.", state.speed, state.speed, state.speed) }
            </p>
        }
    });
    let github_note = urls.iter().any(|u| u.contains("api.github.com")).then(|| {
        html! {
            <p class="url-note url-note-quiet">
                { "GitHub answers 60 requests an hour without a token; after that it says 403, which raise_for_status turns into an exception." }
            </p>
        }
    });

    html! {
        <section class="urls pane" aria-labelledby="urls-heading" data-testid="url-list">
            <div class="pane-head">
                <h2 id="urls-heading">{ "URLs" }</h2>
                <span class="pane-note">{ format!("the list in the code, in order (at most {MAX_URLS})") }</span>
            </div>
            { for network_note }
            { for sample_note }
            <ol class="url-rows">{ for rows }</ol>
            <form class="url-add" onsubmit={on_add}>
                <input
                    ref={add_ref}
                    type="text"
                    class={classes!("url-text", message("new").is_some().then_some("invalid"))}
                    inputmode="url"
                    name="url-new"
                    placeholder="https://… or sample-api/users/ada?delay=1"
                    aria-label="A URL to add"
                    readonly={locked}
                    spellcheck="false"
                    autocomplete="off"
                />
                <button type="submit" class="ghost-button" data-testid="url-add" disabled={locked || urls.len() >= MAX_URLS}>{ "Add" }</button>
            </form>
            { for message("new") }
            { for message("") }
            <div class="url-presets">
                <span class="url-presets-label">{ "Load:" }</span>
                { for presets }
            </div>
            { for speed_note }
            { for github_note }
            <details class="url-help">
                <summary>{ "About the sample API" }</summary>
                <p>
                    { "It ships with this site and answers inside your browser (a service worker), so it works offline; each request is still a real round trip through the browser's Fetch API. The URL says how long it takes: " }
                    <code>{ "delay" }</code>{ " = seconds until the status and headers (what session.get() awaits), " }
                    <code>{ "body" }</code>{ " = seconds the body then takes to arrive (what response.text() awaits), each 0–60." }
                </p>
                <ul>
                    <li><code>{ "sample-api/users/<login>" }</code>{ ": a JSON profile (python, github and torvalds are as long as the chapter's)" }</li>
                    <li><code>{ "sample-api/status/<code>" }</code>{ ": that HTTP status, e.g. 404 or 500" }</li>
                    <li><code>{ "sample-api/html" }</code>{ ": an HTML page, shown as text" }</li>
                </ul>
            </details>
        </section>
    }
}
