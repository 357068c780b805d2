//! `ParamPanel`: every value of the section again, as a labelled slider and number with its unit
//! and range, for those who prefer controls to editing code (and for touch screens).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::engine::value::py_number;
use crate::scenarios::ParamSpec;
use crate::ui::context::{use_edit, EditView};
use crate::ui::state::Action;

use super::literal_row::LiteralRow;
use super::param_input::stepped_value;

#[function_component(ParamPanel)]
pub fn param_panel() -> Html {
    let state = use_edit();
    let params = state.scenario.id.params();
    let rows = state.scenario.knobs().into_iter().map(|knob| {
        match params.iter().find(|p| knob.named && p.name == knob.name) {
            Some(spec) => named_row(&state, *spec, knob.line),
            None => {
                let key = knob.name.clone();
                html! { <LiteralRow {key} {knob} locked={state.running} /> }
            }
        }
    });
    html! {
        <section class="params pane" aria-labelledby="params-heading">
            <div class="pane-head">
                <h2 id="params-heading">{ "Values" }</h2>
                <span class="pane-note">{ "the numbers the code gives its calls: slide one, and the code follows" }</span>
            </div>
            { for rows }
        </section>
    }
}

/// A named parameter of the section (`alice`): its slider and number field.
fn named_row(state: &EditView, spec: ParamSpec, line: Option<u32>) -> Html {
    let locked = state.running;
    let name = spec.name;
    let value = state.scenario.get(name);
    let error = state.draft(name).and_then(|d| d.error.clone());
    let slider_id = format!("param-{name}-slider");
    let on_slide = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(value) = crate::decimal::parse_f64(&input.value()) {
                state.dispatch(Action::Set { name, value });
            }
        })
    };
    let on_type = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            state.dispatch(Action::Type { name, text: input.value() });
        })
    };
    let on_key = {
        let state = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            if let Some(next) = stepped_value(&e, &spec, value) {
                e.prevent_default();
                state.dispatch(Action::Set { name, value: next });
            } else if e.key() == "Enter" {
                state.dispatch(Action::Commit { name });
            } else if e.key() == "Escape" {
                state.dispatch(Action::Revert { name });
            }
        })
    };
    let on_blur = {
        let state = state.clone();
        Callback::from(move |_: FocusEvent| state.dispatch(Action::Commit { name }))
    };
    html! {
        <div class="param-row" key={name}>
            <label class="param-label" for={slider_id.clone()}>
                <code>{ name }</code>
                <span>{ spec.label }</span>
            </label>
            <div class="param-controls">
                <span class="range-end" aria-hidden="true">{ py_number(spec.min) }</span>
                <input
                    type="range"
                    id={slider_id}
                    name={format!("{name}-slider")}
                    data-testid="value-slider"
                    data-name={name}
                    data-line={line.map(|l| l.to_string())}
                    min={py_number(spec.min)}
                    max={py_number(spec.max)}
                    step={py_number(spec.step)}
                    value={py_number(value)}
                    disabled={locked}
                    aria-valuetext={format!("{} {}", py_number(value), spec.unit)}
                    oninput={on_slide}
                />
                <span class="range-end" aria-hidden="true">{ py_number(spec.max) }</span>
                <input
                    type="text"
                    class={classes!("param-number", error.is_some().then_some("invalid"))}
                    inputmode={if spec.whole { "numeric" } else { "decimal" }}
                    name={format!("{name}-number")}
                    value={state.field_text(&spec)}
                    aria-label={format!("{} ({})", spec.label, spec.unit)}
                    aria-invalid={error.is_some().then_some("true")}
                    readonly={locked}
                    spellcheck="false"
                    autocomplete="off"
                    oninput={on_type}
                    onkeydown={on_key}
                    onblur={on_blur}
                />
                <span class="unit">{ spec.unit }</span>
            </div>
            if let Some(error) = error {
                <p class="param-error">{ format!("{error} — still using {} {}", py_number(value), spec.unit) }</p>
            }
        </div>
    }
}
