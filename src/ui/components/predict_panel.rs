//! `PredictPanel`: predict mode. Before running, the learner puts the lines the code will print in
//! the order they expect (drag, the ↑/↓ buttons, or Alt+↑/↓ on a focused card) and guesses the total
//! time; the page hides the preview meanwhile. When the run is over each guess is marked right or
//! wrong with the reason from the run (`report::predict`).

use yew::prelude::*;

use crate::engine::micros_from_secs;
use crate::report::predict::{printed_lines, score_order, score_total, Verdict, MAX_CARDS};
use crate::ui::context::use_page;
use crate::ui::state::run::Phase;
use crate::ui::state::view::PredictEdit;
use crate::ui::state::Action;

#[function_component(PredictPanel)]
pub fn predict_panel() -> Html {
    let state = use_page();
    let dragged = use_state(|| None::<usize>);
    let edit = |edit: PredictEdit| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Predict(edit.clone())))
    };
    if !state.view.predict {
        return html! {
            <div class="predict-offer">
                <button type="button" class="predict-toggle" data-testid="predict-toggle" aria-pressed="false" disabled={state.running()} onclick={edit(PredictEdit::Mode(true))}>
                    { "Predict the output first" }
                </button>
                <span class="predict-offer-note">{ "Guess the order of the lines and the total, then run and see." }</span>
            </div>
        };
    }

    let phase = state.phase();
    let running = phase == Phase::Running;
    // Scored once a run has ended (a stopped run proves nothing about the order).
    let scored_run = state.run.live.as_ref().filter(|l| l.finished && !l.stop_requested);
    let run_lines = scored_run.map(|live| printed_lines(&live.trace.log));
    let verdicts: Option<Vec<Verdict>> = run_lines.as_ref().map(|lines| score_order(&state.view.guess.order, lines));
    let typed = state.view.guess.total.trim();
    let guessed_total =
        crate::decimal::parse_f64(typed.trim_end_matches('s').trim()).filter(|t| t.is_finite() && *t >= 0.0);
    // Said next to the field at once, not discovered after the run as "no total guessed".
    let total_problem = (!typed.is_empty() && guessed_total.is_none())
        .then(|| format!("“{typed}” is not a time: write seconds, like 3 or 2.5."));
    let total_verdict = scored_run.and_then(|live| {
        let total = live.total?;
        Some(score_total(micros_from_secs(guessed_total?), total, &live.trace.log))
    });
    let locked = running || scored_run.is_some();
    let count = state.view.guess.order.len();

    let cards = state.view.guess.order.iter().enumerate().map(|(index, text)| {
        let verdict = verdicts.as_ref().and_then(|v| v.get(index));
        let move_to = |to: usize| {
            let state = state.clone();
            Callback::from(move |_: MouseEvent| state.dispatch(Action::Predict(PredictEdit::Move { from: index, to })))
        };
        let onkeydown = {
            let state = state.clone();
            Callback::from(move |e: KeyboardEvent| {
                if locked || !e.alt_key() {
                    return;
                }
                let to = match e.key().as_str() {
                    "ArrowUp" if index > 0 => index - 1,
                    "ArrowDown" if index + 1 < count => index + 1,
                    _ => return,
                };
                e.prevent_default();
                state.dispatch(Action::Predict(PredictEdit::Move { from: index, to }));
            })
        };
        let ondragstart = {
            let dragged = dragged.clone();
            Callback::from(move |_: DragEvent| dragged.set(Some(index)))
        };
        let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
        let ondrop = {
            let (state, dragged) = (state.clone(), dragged.clone());
            Callback::from(move |e: DragEvent| {
                e.prevent_default();
                if let Some(from) = *dragged {
                    state.dispatch(Action::Predict(PredictEdit::Move { from, to: index }));
                }
                dragged.set(None);
            })
        };
        let mark = verdict.map(|v| if v.right { ("✓", "right") } else { ("✗", "wrong") });
        html! {
            <li
                class={classes!("predict-card", mark.map(|(_, class)| class))}
                data-testid="predict-card"
                data-text={text.clone()}
                data-right={verdict.map(|v| v.right.to_string())}
                draggable={(!locked).to_string()}
                tabindex="0"
                aria-label={format!("Line {} of your guess: {text}", index + 1)}
                {onkeydown}
                {ondragstart}
                {ondragover}
                {ondrop}
            >
                <span class="predict-place" aria-hidden="true">{ index + 1 }</span>
                <code class="predict-text">{ text }</code>
                if !locked {
                    <span class="predict-moves">
                        <button type="button" class="predict-move" data-testid="predict-up" aria-label={format!("Move “{text}” up")} disabled={index == 0} onclick={move_to(index.saturating_sub(1))}>{ "↑" }</button>
                        <button type="button" class="predict-move" data-testid="predict-down" aria-label={format!("Move “{text}” down")} disabled={index + 1 == count} onclick={move_to(index + 1)}>{ "↓" }</button>
                    </span>
                }
                if let (Some((symbol, _)), Some(verdict)) = (mark, verdict) {
                    <p class="predict-why" data-testid="predict-verdict">
                        <span class="predict-mark" aria-hidden="true">{ symbol }</span>
                        <span class="visually-hidden">{ if verdict.right { "Right. " } else { "Wrong. " } }</span>
                        { &verdict.why }
                    </p>
                }
            </li>
        }
    });

    let ontotal = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            state.dispatch(Action::Predict(PredictEdit::Total(input.value())));
        })
    };
    let right = verdicts.as_ref().map(|v| v.iter().filter(|v| v.right).count());
    let score = match (right, &total_verdict) {
        (Some(right), Some(total)) if count > 0 => Some(format!(
            "{right} of {count} lines in the right place · total {}",
            if total.right { "right" } else { "not quite" }
        )),
        (Some(right), None) if count > 0 => Some(format!("{right} of {count} lines in the right place")),
        (_, Some(total)) => Some(format!("Total {}", if total.right { "right" } else { "not quite" })),
        _ => None,
    };
    let instructions = if scored_run.is_some() {
        "Here is how your guess did. Step through the run below to see why."
    } else if running {
        "Running: your guess is locked."
    } else if state.run.live.as_ref().is_some_and(|l| l.stop_requested) {
        "The run was stopped before the end: run it again to score your guess."
    } else {
        "Put the lines in the order you expect them (drag, ↑/↓, or Alt+↑/↓), guess the total, then press Run. The timeline and console stay hidden until then."
    };

    html! {
        <section class="predict pane" data-testid="predict" aria-labelledby="predict-heading">
            <div class="pane-head">
                <h2 id="predict-heading">{ "Your prediction" }</h2>
                <span class="pane-note">{ instructions }</span>
            </div>
            if state.view.guess.too_many > 0 {
                <p class="predict-note">
                    { format!("This run prints {} lines: more than {MAX_CARDS} to order, so guess only the total.", state.view.guess.too_many) }
                </p>
            } else if count == 0 {
                <p class="predict-note">{ "This code prints nothing: guess the total." }</p>
            } else {
                <ol class="predict-cards" data-testid="predict-cards" aria-label="The lines, in the order you expect them">{ for cards }</ol>
            }
            <label class="predict-total-field">
                <span>{ "Total time, in seconds:" }</span>
                <input type="number" name="predict-total" data-testid="predict-total" min="0" step="0.1" inputmode="decimal" value={state.view.guess.total.clone()} disabled={locked} oninput={ontotal}
                    aria-invalid={total_problem.is_some().then_some("true")} aria-describedby={total_problem.is_some().then_some("predict-total-error")} />
            </label>
            if let Some(problem) = &total_problem {
                <p class="predict-error" id="predict-total-error" data-testid="predict-total-error" role="alert">{ problem }</p>
            }
            if let Some(verdict) = &total_verdict {
                <p class={classes!("predict-why", if verdict.right { "right" } else { "wrong" })} data-testid="predict-total-verdict" data-right={verdict.right.to_string()}>
                    <span class="predict-mark" aria-hidden="true">{ if verdict.right { "✓" } else { "✗" } }</span>
                    { &verdict.why }
                </p>
            } else if scored_run.is_some() && guessed_total.is_none() && total_problem.is_none() {
                <p class="predict-note">{ "No total guessed." }</p>
            }
            if let Some(score) = score {
                <p class="predict-score" data-testid="predict-score" role="status">{ score }</p>
            }
            <div class="predict-actions">
                if scored_run.is_some() {
                    <button type="button" data-testid="predict-again" onclick={edit(PredictEdit::Mode(true))}>{ "Predict again" }</button>
                } else if !running {
                    <button type="button" data-testid="predict-reset" onclick={edit(PredictEdit::Reset)}>{ "Deal again" }</button>
                }
                <button type="button" class="predict-toggle" data-testid="predict-toggle" aria-pressed="true" onclick={edit(PredictEdit::Mode(false))}>{ "Stop predicting" }</button>
            </div>
        </section>
    }
}
