//! `LiteralRow`: a number of the person's code in the values panel (`asyncio.sleep(0.5)` on line
//! 5), labelled by its line and call, with a slider and a number field. Both rewrite the literal
//! in the code; a wrong entry says why and keeps the code's value.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::engine::value::py_number;
use crate::scenarios::Knob;
use crate::ui::context::use_edit;
use crate::ui::state::Action;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub knob: Knob,
    /// A run is going on: the values wait for it to end.
    pub locked: bool,
}

#[function_component(LiteralRow)]
pub fn literal_row(props: &Props) -> Html {
    let state = use_edit();
    let error = use_state_eq(|| None::<String>);
    let knob = &props.knob;
    let spec = knob.spec;
    let set = {
        let (state, name) = (state.clone(), knob.name.clone());
        move |value: f64| state.dispatch(Action::Literal { name: name.clone(), value })
    };
    let on_slide = {
        let set = set.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(value) = crate::decimal::parse_f64(&input.value()) {
                set(value);
            }
        })
    };
    // The number field takes its value when it is committed (Enter or leaving it): a literal is
    // rewritten in the code, which must not happen halfway through typing `1.5`.
    let on_change = {
        let (knob, error) = (knob.clone(), error.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            match knob.parse(&input.value()) {
                Ok(value) => {
                    error.set(None);
                    set(value);
                }
                Err(why) => error.set(Some(why)),
            }
        })
    };
    let slider_id = format!("value-{}-slider", knob.name);
    let line = knob.line.map_or(String::new(), |l| format!("line {l}"));
    html! {
        <div class="param-row literal">
            <label class="param-label" for={slider_id.clone()}>
                <code>{ line.clone() }</code>
                <span class="literal-call">{ knob.label.clone() }</span>
            </label>
            <div class="param-controls">
                <span class="range-end" aria-hidden="true">{ py_number(spec.min) }</span>
                <input type="range" id={slider_id} name={format!("{}-slider", knob.name)}
                    data-testid="value-slider" data-name={knob.name.clone()}
                    data-line={knob.line.map(|l| l.to_string())}
                    min={py_number(spec.min)} max={py_number(spec.max)} step={py_number(spec.step)}
                    value={py_number(knob.value)} disabled={props.locked}
                    aria-valuetext={format!("{} {}", py_number(knob.value), spec.unit)}
                    oninput={on_slide} />
                <span class="range-end" aria-hidden="true">{ py_number(spec.max) }</span>
                <input type="text" name={format!("{}-number", knob.name)}
                    class={classes!("param-number", error.is_some().then_some("invalid"))}
                    inputmode={if spec.whole { "numeric" } else { "decimal" }}
                    value={py_number(knob.value)} readonly={props.locked}
                    aria-label={format!("{line}: {}", knob.label)}
                    aria-invalid={error.is_some().then_some("true")}
                    spellcheck="false" autocomplete="off" onchange={on_change} />
                <span class="unit">{ spec.unit }</span>
            </div>
            if let Some(why) = &*error {
                <p class="param-error">{ format!("{why} — still using {}", py_number(knob.value)) }</p>
            }
        </div>
    }
}
