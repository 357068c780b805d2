//! `ParamInput`: a value inside the code, edited in place: type a number, press ↑/↓ (Shift ×10),
//! or drag it sideways like a slider. A wrong entry is kept in the field, marked, and `CodeView`
//! writes under its line why it is wrong, while the last good value goes on being used.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use crate::engine::value::py_number;
use crate::scenarios::ParamSpec;
use crate::ui::context::use_edit;
use crate::ui::state::Action;

/// The value ↑/↓/PageUp/PageDown lead to, if the key is one of them. Shift and PageUp/Down move
/// ten steps, Alt a tenth of one (for fine-tuning a delay).
pub fn stepped_value(e: &KeyboardEvent, spec: &ParamSpec, value: f64) -> Option<f64> {
    let direction = match e.key().as_str() {
        "ArrowUp" | "PageUp" => 1.0,
        "ArrowDown" | "PageDown" => -1.0,
        _ => return None,
    };
    let big = e.shift_key() || e.key().starts_with("Page");
    let step = if big {
        spec.step * 10.0
    } else if e.alt_key() && !spec.whole {
        spec.step / 10.0
    } else {
        spec.step
    };
    Some(spec.clamp(value + direction * step))
}

/// The element id of a value's error message (fields point to it with `aria-describedby`).
pub fn error_id(spec: &ParamSpec) -> String {
    format!("param-{}-error", spec.name)
}

/// Pixels of drag per step; wide ranges (a count up to 100 000) speed up with distance.
fn dragged_value(spec: &ParamSpec, start: f64, dx: i32, fine: bool) -> f64 {
    let linear = f64::from(dx) / 4.0;
    let steps = if (spec.max - spec.min) / spec.step > 2_000.0 {
        linear + linear.signum() * (linear.abs() / 10.0).powi(3)
    } else {
        linear
    };
    let steps = if fine { steps / 10.0 } else { steps };
    spec.clamp(start + steps.round() * spec.step)
}

struct Drag {
    pointer: i32,
    start_x: i32,
    start_value: f64,
    moved: bool,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub spec: ParamSpec,
}

#[function_component(ParamInput)]
pub fn param_input(props: &Props) -> Html {
    let state = use_edit();
    let spec = props.spec;
    let name = spec.name;
    let value = state.scenario.get(name);
    let text = state.field_text(&spec);
    let error = state.draft(name).and_then(|d| d.error.clone());
    let locked = state.running;
    let node = use_node_ref();
    let drag: Rc<RefCell<Option<Drag>>> = use_mut_ref(|| None);

    let is_focused = {
        let node = node.clone();
        move || {
            let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
            match (active, node.cast::<web_sys::Element>()) {
                (Some(active), Some(me)) => active == me,
                _ => false,
            }
        }
    };
    let oninput = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            state.dispatch(Action::Type { name, text: input.value() });
        })
    };
    let onkeydown = {
        let state = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            if let Some(next) = stepped_value(&e, &spec, value) {
                e.prevent_default();
                if !locked {
                    state.dispatch(Action::Set { name, value: next });
                }
            } else if e.key() == "Enter" {
                state.dispatch(Action::Commit { name });
            } else if e.key() == "Escape" {
                state.dispatch(Action::Revert { name });
            }
        })
    };
    let onblur = {
        let state = state.clone();
        Callback::from(move |_: FocusEvent| state.dispatch(Action::Commit { name }))
    };
    // A press on an unfocused value may become a drag: keep the browser from focusing it and
    // starting a text selection; a press without movement focuses it on release instead.
    let onmousedown = {
        let is_focused = is_focused.clone();
        Callback::from(move |e: MouseEvent| {
            if !is_focused() {
                e.prevent_default();
            }
        })
    };
    let onpointerdown = {
        let drag = drag.clone();
        let node = node.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 || is_focused() {
                return;
            }
            if let Some(input) = node.cast::<web_sys::Element>() {
                let _ = input.set_pointer_capture(e.pointer_id());
            }
            *drag.borrow_mut() =
                Some(Drag { pointer: e.pointer_id(), start_x: e.client_x(), start_value: value, moved: false });
        })
    };
    let onpointermove = {
        let drag = drag.clone();
        let state = state.clone();
        Callback::from(move |e: PointerEvent| {
            let mut drag = drag.borrow_mut();
            let Some(d) = drag.as_mut().filter(|d| d.pointer == e.pointer_id()) else { return };
            let dx = e.client_x() - d.start_x;
            if !d.moved && dx.abs() < 3 {
                return;
            }
            d.moved = true;
            let next = dragged_value(&spec, d.start_value, dx, e.shift_key());
            if !locked && next != state.scenario.get(name) {
                state.dispatch(Action::Set { name, value: next });
            }
        })
    };
    let onpointerup = {
        let drag = drag.clone();
        let node = node.clone();
        Callback::from(move |e: PointerEvent| {
            let Some(d) = drag.borrow_mut().take() else { return };
            if let Some(input) = node.cast::<HtmlInputElement>() {
                let _ = input.release_pointer_capture(e.pointer_id());
                if !d.moved {
                    // It was a click: edit by typing, with the old value selected.
                    let _ = input.focus();
                    input.select();
                }
            }
        })
    };
    let onpointercancel = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| {
            drag.borrow_mut().take();
        })
    };

    // Sized to its text with `size` (the font is monospace), not an inline style: a strict
    // Content-Security-Policy may forbid style attributes.
    let width = text.chars().count().max(1);
    let described = error.as_ref().map(|_| error_id(&spec));
    let title = if locked {
        "Stop the run to change this value".to_string()
    } else {
        format!(
            "{} — type a value, press ↑/↓, or drag sideways ({}–{} {})",
            spec.label,
            py_number(spec.min),
            py_number(spec.max),
            spec.unit
        )
    };
    html! {
        <span class="param-wrap">
            <input
                ref={node}
                class={classes!("param", error.is_some().then_some("invalid"))}
                type="text"
                inputmode={if spec.whole { "numeric" } else { "decimal" }}
                name={name}
                value={text}
                size={width.to_string()}
                aria-label={format!("{} ({})", spec.label, spec.unit)}
                aria-invalid={error.is_some().then_some("true")}
                aria-describedby={described}
                readonly={locked}
                spellcheck="false"
                autocomplete="off"
                {title}
                {oninput}
                {onkeydown}
                {onblur}
                {onmousedown}
                {onpointerdown}
                {onpointermove}
                {onpointerup}
                {onpointercancel}
            />
        </span>
    }
}
