//! `UrlWaitInput` (44.3): a wait inside a sample-API URL in the code (`delay=0.3`), edited in place
//! like any other value of the code: type a number and press Enter (or leave the field), or press
//! ↑/↓ (Shift ×10). The URL in the list, the code and the ideal run follow; a wrong entry is
//! marked and explained in the field's tooltip, and the last good value stays.

use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use crate::engine::value::py_number;
use crate::scenarios::sample_api::MAX_WAIT;
use crate::ui::context::use_edit;
use crate::ui::state::urls::{check, UrlEdit};
use crate::ui::state::Action;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The URL's place in the list.
    pub index: usize,
    /// `delay` or `body`.
    pub name: &'static str,
    /// The value as the URL writes it.
    pub value: String,
}

/// Seconds as typed (`0.5`, `1,5`), within the sample API's range, or why not.
fn parse(name: &str, text: &str) -> Result<f64, String> {
    let cleaned = text.trim().replace(',', ".");
    match crate::decimal::parse_f64(&cleaned) {
        Some(value) if value.is_finite() && (0.0..=MAX_WAIT).contains(&value) => Ok(value),
        Some(_) => Err(format!("{name} must be from 0 to {} s", py_number(MAX_WAIT))),
        None => Err(format!("'{}' is not a number of seconds", text.trim())),
    }
}

#[function_component(UrlWaitInput)]
pub fn url_wait_input(props: &Props) -> Html {
    let state = use_edit();
    let error = use_state_eq(|| None::<String>);
    let (index, name) = (props.index, props.name);
    let locked = state.running || state.lock;
    let meaning = if name == "delay" { "seconds until the response's headers" } else { "seconds the body takes" };

    let submit = {
        let (state, error) = (state.clone(), error.clone());
        move |seconds: f64| {
            let edit = UrlEdit::Wait { index, name, seconds };
            match check(&state.scenario.urls, &edit) {
                Ok(()) => {
                    error.set(None);
                    state.dispatch(Action::Urls(edit));
                }
                Err(why) => error.set(Some(why)),
            }
        }
    };
    let onchange = {
        let (error, submit) = (error.clone(), submit.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            match parse(name, &input.value()) {
                Ok(seconds) => submit(seconds),
                Err(why) => error.set(Some(why)),
            }
        })
    };
    let onkeydown = {
        let (value, error) = (props.value.clone(), error.clone());
        Callback::from(move |e: KeyboardEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let step = match e.key().as_str() {
                "ArrowUp" => 0.1,
                "ArrowDown" => -0.1,
                "Enter" => {
                    let _ = input.blur();
                    return;
                }
                "Escape" => {
                    input.set_value(&value);
                    error.set(None);
                    return;
                }
                _ => return,
            };
            e.prevent_default();
            if locked {
                return;
            }
            let step = if e.shift_key() { step * 10.0 } else { step };
            let current = crate::decimal::parse_f64(&value).unwrap_or(0.0);
            submit((current + step).clamp(0.0, MAX_WAIT));
        })
    };
    let title = match (&*error, locked) {
        (Some(why), _) => format!("{why} — still using {}", props.value),
        (None, true) => "Stop the run to change this value".to_string(),
        (None, false) => {
            format!("{name}: {meaning} — type a value and press Enter, or ↑/↓ (0–{} s)", py_number(MAX_WAIT))
        }
    };
    html! {
        <span class="param-wrap">
            <input
                class={classes!("param", error.is_some().then_some("invalid"))}
                type="text"
                inputmode="decimal"
                name={format!("url-{index}-{name}")}
                value={props.value.clone()}
                size={props.value.chars().count().max(1).to_string()}
                aria-label={format!("URL {}: {name}, {meaning}", index + 1)}
                aria-invalid={error.is_some().then_some("true")}
                readonly={locked}
                spellcheck="false"
                autocomplete="off"
                {title}
                {onchange}
                {onkeydown}
            />
        </span>
    }
}
