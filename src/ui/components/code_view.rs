//! `CodeView`: the section's Python in an editor (`CodeEditor`). The highlighted text under the
//! textarea keeps the section's named values as inputs in place (what you read is what runs, and
//! a value is one drag away); a wrong value or a syntax error is marked where it is.

use yew::prelude::*;

use crate::highlight::{tokenize, Token, TokenKind};
use crate::scenarios::CodePiece;
use crate::ui::context::{use_edit, EditView};
use crate::ui::state::program::{CodeError, DraftNote};
use crate::ui::state::Action;

use super::code_editor::CodeEditor;
use super::param_input::{error_id, ParamInput};
use super::task_margin::TaskMargin;
use super::url_wait_input::UrlWaitInput;

/// One line of the code as it is drawn: highlighted text and value inputs.
enum Fragment {
    /// Text of one kind; `true` when the syntax error is here.
    Text(TokenKind, String, bool),
    Param(&'static str),
    /// A wait inside a sample-API URL (44.3): URL index, wait name, its text.
    UrlWait(usize, &'static str, String),
}

/// Cut the highlighted code into lines, keeping the inputs where the values are and marking the
/// first token at or after `error_at` (a byte offset).
fn lines(pieces: &[CodePiece], text: &str, tokens: &[Token], error_at: Option<usize>) -> Vec<Vec<Fragment>> {
    let mut lines: Vec<Vec<Fragment>> = vec![Vec::new()];
    let mut offset = 0;
    let mut first = 0;
    let mut marked = error_at.is_none();
    for piece in pieces {
        let (start, end) = (offset, offset + piece.text().len());
        offset = end;
        let line = |lines: &mut Vec<Vec<Fragment>>, fragment| lines.last_mut().expect("never empty").push(fragment);
        match piece {
            CodePiece::Param { name, .. } => line(&mut lines, Fragment::Param(name)),
            CodePiece::UrlWait { index, name, value } => {
                line(&mut lines, Fragment::UrlWait(*index, name, value.clone()))
            }
            CodePiece::Text(_) => {
                while first < tokens.len() && tokens[first].range.end <= start {
                    first += 1;
                }
                for token in tokens[first..].iter().take_while(|t| t.range.start < end) {
                    let (a, b) = (token.range.start.max(start), token.range.end.min(end));
                    let wrong =
                        !marked && token.kind != TokenKind::Space && error_at.is_some_and(|at| token.range.end > at);
                    marked |= wrong;
                    for (i, part) in text[a..b].split('\n').enumerate() {
                        if i > 0 {
                            lines.push(Vec::new());
                        }
                        if !part.is_empty() {
                            line(&mut lines, Fragment::Text(token.kind, part.to_string(), wrong));
                        }
                    }
                }
            }
        }
    }
    if !marked {
        // The error is past the last token (an unclosed bracket at the end): mark the end.
        lines.last_mut().expect("never empty").push(Fragment::Text(TokenKind::Space, " ".into(), true));
    }
    lines
}

/// The byte offset of CPython's (line, column), both 1-based, in `text`.
fn offset_of(text: &str, line: u32, col: u32) -> usize {
    let start: usize = text.split('\n').take(line.max(1) as usize - 1).map(|l| l.len() + 1).sum();
    let start = start.min(text.len());
    let rest = text[start..].split('\n').next().unwrap_or("");
    start + rest.char_indices().nth(col.max(1) as usize - 1).map_or(rest.len(), |(i, _)| i)
}

#[function_component(CodeView)]
pub fn code_view() -> Html {
    let state = use_edit();
    let textarea = use_node_ref();
    let pieces = state.code();
    let text: String = pieces.iter().map(CodePiece::text).collect();
    let tokens = use_memo(text.clone(), |text| tokenize(text));
    let error: Option<CodeError> = state.error.clone();
    let error_at = error.as_ref().map(|e| offset_of(&text, e.line, e.col));
    let params = state.scenario.id.params();
    let mut rendered = Vec::new();
    let cut = lines(&pieces, &text, &tokens, error_at);
    let last = cut.len();
    for (i, line) in cut.into_iter().enumerate() {
        // Messages about this line go right after its end: placed absolutely at their static
        // position, they sit on the line under it without moving any text.
        let mut messages = Vec::new();
        for fragment in line {
            rendered.push(match fragment {
                Fragment::Text(TokenKind::Space, text, false) => html! { <span aria-hidden="true">{ text }</span> },
                Fragment::Text(kind, text, wrong) => html! {
                    <span class={classes!(kind.class(), wrong.then_some("wrong"))} aria-hidden="true">{ text }</span>
                },
                Fragment::UrlWait(index, name, value) => html! { <UrlWaitInput {index} {name} {value} /> },
                Fragment::Param(name) => match params.iter().find(|p| p.name == name) {
                    Some(spec) => {
                        if let Some(message) = state.draft(spec.name).and_then(|d| d.error.clone()) {
                            let value = crate::engine::value::py_number(state.scenario.get(spec.name));
                            messages.push(html! {
                                <div class="editor-error value-error" role="alert">
                                    <span class="diag-msg" id={error_id(spec)}>
                                        { format!("↑ {message} — still using {} = {value}", spec.name) }
                                    </span>
                                </div>
                            });
                        }
                        html! { <ParamInput spec={*spec} /> }
                    }
                    None => Html::default(),
                },
            });
        }
        // An error past the last line (the end of the text) is told under the last one.
        if let Some(e) =
            error.as_ref().filter(|e| e.line as usize == i + 1 || (i + 1 == last && e.line as usize > last))
        {
            messages.push(html! {
                <div class="editor-error" data-testid="error" data-line={e.line.to_string()}
                    data-col={e.col.to_string()} role="alert">
                    { format!("↑ line {}, column {}: {}", e.line, e.col, e.message) }
                </div>
            });
        }
        rendered.push(html! { { "\n" } });
        rendered.extend(messages);
    }
    let on_input = {
        let state = state.clone();
        Callback::from(move |text: String| state.dispatch(Action::Code(text)))
    };
    let python = state.scenario.python_text();
    let note = if state.running {
        "running — the code is locked until it ends"
    } else if state.lock {
        "the code is fixed by this link; the highlighted values are yours to change"
    } else {
        "edit the code, or the highlighted values: the timeline follows as you type"
    };
    html! {
        <section class="code-pane pane" aria-labelledby="code-heading">
            <div class="pane-head">
                <h2 id="code-heading">{ "Python" }</h2>
                <span class="pane-note" id="code-note">{ note }</span>
                { code_tools(&state, &textarea) }
            </div>
            { draft_note(&state, &textarea) }
            if state.run_waits {
                <p class="code-note run-waits" data-testid="run-waits" role="note">
                    { "This link carries its own code, so it did not run by itself: the timeline is its ideal preview. Read the code, then press Run to run it for real (it may fetch URLs)." }
                </p>
            }
            // The textarea holds the code that runs; a value's field may show other text while it
            // is being typed (`1.`, or a wrong entry with its message), drawn over it.
            <CodeEditor text={AttrValue::from(python.clone())} {on_input} readonly={state.lock || state.running}
                margin={html! { <TaskMargin lines={python.split('\n').count()} /> }}
                {error} textarea={textarea.clone()} described_by="code-note code-keys"
                document={AttrValue::from(state.scenario.id.id())}>
                { for rendered }
            </CodeEditor>
            <p class="code-keys" id="code-keys">
                { "Tab and Shift+Tab indent and dedent; Esc then Tab leaves the editor." }
            </p>
        </section>
    }
}

/// "Modified" and "Reset to the chapter's code" (typed in, so Ctrl+Z brings the edit back).
fn code_tools(state: &EditView, textarea: &NodeRef) -> Html {
    if !state.scenario.is_modified() || state.lock {
        return Html::default();
    }
    let reset = {
        let textarea = textarea.clone();
        let state = state.clone();
        let original = state.scenario.reset().python_text();
        Callback::from(move |_: MouseEvent| match textarea.cast::<web_sys::HtmlTextAreaElement>() {
            Some(area) if !area.read_only() => crate::browser::editor_dom::replace_all(&area, &original),
            _ => state.dispatch(Action::Code(original.clone())),
        })
    };
    let from = if state.scenario.id.section().starts_with("44") { "the chapter's code" } else { "the original code" };
    html! {
        <span class="code-tools">
            <span class="badge" data-testid="code-modified">{ "modified" }</span>
            <button type="button" class="ghost-button" data-testid="reset-code" onclick={reset}
                disabled={state.running} title="Ctrl+Z in the editor brings your edit back">
                { format!("Reset to {from}") }
            </button>
        </span>
    }
}

/// What the page did with the code kept in this browser for this section.
fn draft_note(state: &EditView, textarea: &NodeRef) -> Html {
    let dismiss = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::DismissDraftNote))
    };
    match &state.draft_note {
        None => Html::default(),
        Some(DraftNote::Restored) => html! {
            <p class="code-note" data-testid="draft-restored" data-state="restored" role="status">
                { "Your code from last time in this section is back (kept in this browser)." }
                <button type="button" class="ghost-button" onclick={dismiss}>{ "OK" }</button>
            </p>
        },
        Some(DraftNote::SetAside(draft)) => {
            let take_back = {
                let (state, textarea, draft) = (state.clone(), textarea.clone(), draft.clone());
                Callback::from(move |_: MouseEvent| {
                    crate::browser::drafts::set_aside(state.scenario.id.id(), None);
                    match textarea.cast::<web_sys::HtmlTextAreaElement>() {
                        Some(area) if !area.read_only() => crate::browser::editor_dom::replace_all(&area, &draft),
                        _ => state.dispatch(Action::Code(draft.clone())),
                    }
                    state.dispatch(Action::DismissDraftNote);
                })
            };
            html! {
                <p class="code-note" data-testid="draft-restored" data-state="set-aside" role="status">
                    { "This link opened with its own code; the code you had typed here is set aside." }
                    <button type="button" class="ghost-button" onclick={take_back}>{ "Bring my code back" }</button>
                    <button type="button" class="ghost-button" onclick={dismiss}>{ "Keep the link's" }</button>
                </p>
            }
        }
    }
}
