//! `CodeView`: the section's Python, syntax-highlighted, with each value that can change shown as
//! an input inside the code itself: what you read is what runs.

use yew::prelude::*;

use crate::highlight::{tokenize, TokenKind};
use crate::scenarios::CodePiece;
use crate::ui::context::use_edit;

use super::param_input::{error_id, ParamInput};
use super::url_wait_input::UrlWaitInput;

/// One line of the code as it is drawn: highlighted text and value inputs.
enum Fragment {
    Text(TokenKind, String),
    Param(&'static str),
    /// A wait inside a sample-API URL (44.3): URL index, wait name, its text.
    UrlWait(usize, &'static str, String),
}

/// Cut the highlighted code into lines, keeping the inputs where the values are.
fn lines(pieces: &[CodePiece], text: &str, tokens: &[crate::highlight::Token]) -> Vec<Vec<Fragment>> {
    let mut lines: Vec<Vec<Fragment>> = vec![Vec::new()];
    let mut offset = 0;
    let mut first = 0;
    for piece in pieces {
        let (start, end) = (offset, offset + piece.text().len());
        offset = end;
        match piece {
            CodePiece::Param { name, .. } => lines.last_mut().expect("never empty").push(Fragment::Param(name)),
            CodePiece::UrlWait { index, name, value } => {
                lines.last_mut().expect("never empty").push(Fragment::UrlWait(*index, name, value.clone()))
            }
            CodePiece::Text(_) => {
                while first < tokens.len() && tokens[first].range.end <= start {
                    first += 1;
                }
                for token in tokens[first..].iter().take_while(|t| t.range.start < end) {
                    let (a, b) = (token.range.start.max(start), token.range.end.min(end));
                    for (i, part) in text[a..b].split('\n').enumerate() {
                        if i > 0 {
                            lines.push(Vec::new());
                        }
                        if !part.is_empty() {
                            lines.last_mut().expect("never empty").push(Fragment::Text(token.kind, part.to_string()));
                        }
                    }
                }
            }
        }
    }
    // The code ends with a newline: no empty last line.
    if lines.len() > 1 && lines.last().is_some_and(Vec::is_empty) {
        lines.pop();
    }
    lines
}

#[function_component(CodeView)]
pub fn code_view() -> Html {
    let state = use_edit();
    let pieces = state.code();
    let text: String = pieces.iter().map(CodePiece::text).collect();
    let tokens = use_memo(text.clone(), |text| tokenize(text));
    let params = state.scenario.id.params();
    let mut rendered = Vec::new();
    for (i, line) in lines(&pieces, &text, &tokens).into_iter().enumerate() {
        // A wrong value gets its message on a line of its own right under it, as an editor (or
        // Python's own SyntaxError caret) would: it is never hidden by the code's scrolling.
        let diagnostics: Vec<Html> = line
            .iter()
            .filter_map(|fragment| match fragment {
                Fragment::Param(name) => params.iter().find(|p| p.name == *name),
                Fragment::Text(..) | Fragment::UrlWait(..) => None,
            })
            .filter_map(|spec| {
                let error = state.draft(spec.name)?.error.clone()?;
                let value = crate::engine::value::py_number(state.scenario.get(spec.name));
                Some(html! {
                    <span class="ln diag" role="alert">
                        <span class="gutter" aria-hidden="true"></span>
                        <span class="src">
                            <span class="diag-msg" id={error_id(spec)}>{ format!("↑ {error} — still using {} = {value}", spec.name) }</span>
                        </span>
                        { "\n" }
                    </span>
                })
            })
            .collect();
        let fragments = line.into_iter().map(|fragment| match fragment {
            Fragment::Text(TokenKind::Space, text) => html! { { text } },
            Fragment::Text(kind, text) => html! { <span class={kind.class()}>{ text }</span> },
            Fragment::UrlWait(index, name, value) => html! { <UrlWaitInput {index} {name} {value} /> },
            Fragment::Param(name) => match params.iter().find(|p| p.name == name) {
                Some(spec) => html! { <ParamInput spec={*spec} /> },
                None => Html::default(),
            },
        });
        rendered.push(html! {
            <span class="ln">
                <span class="gutter" aria-hidden="true">{ i + 1 }</span>
                <span class="src">{ for fragments }</span>
                { "\n" }
            </span>
        });
        rendered.extend(diagnostics);
    }
    html! {
        <section class="code-pane pane" aria-labelledby="code-heading">
            <div class="pane-head">
                <h2 id="code-heading">{ "Python" }</h2>
                <span class="pane-note">
                    if state.running {
                        { "running — values are locked until it ends" }
                    } else if state.lock {
                        { "the code is fixed by this link; the highlighted values are yours to change" }
                    } else {
                        { "the highlighted values are yours to change" }
                    }
                </span>
            </div>
            <pre class="code" data-testid="code"><code>{ for rendered }</code></pre>
        </section>
    }
}
