//! `CodeEditor`: a real `<textarea name="code">` over the syntax-highlighted text, with line
//! numbers beside it. The textarea keeps everything a browser gives text (caret, selection, undo,
//! IME, screen readers, phone keyboards); the keys Python needs (Tab, Shift+Tab, Enter) are pure
//! edits (`crate::editing`) applied as typed text, so undo keeps them too. Escape, then Tab,
//! leaves the editor: a keyboard user is never trapped.

use web_sys::{HtmlTextAreaElement, InputEvent, KeyboardEvent};
use yew::prelude::*;

use crate::browser::editor_dom;
use crate::editing;
use crate::ui::state::program::CodeError;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: AttrValue,
    /// Every change of the text, as typed.
    pub on_input: Callback<String>,
    pub readonly: bool,
    #[prop_or_default]
    pub error: Option<CodeError>,
    /// Where the editor's `NodeRef` goes, so the values panel and Reset can type into it.
    pub textarea: NodeRef,
    /// The id of the text that explains what the editor is for (its `aria-describedby`).
    pub described_by: AttrValue,
    /// Which text this is (the section): a new one replaces the editor's text and its history;
    /// a change of the same one is typed in, so undo keeps it.
    pub document: AttrValue,
    /// The text highlighted, drawn under the textarea; it may hold inputs for the values.
    pub children: Html,
    /// Drawn over the right edge of the text, line by line (the tasks stopped at each line).
    #[prop_or_default]
    pub margin: Html,
}

#[function_component(CodeEditor)]
pub fn code_editor(props: &Props) -> Html {
    let escaped = use_mut_ref(|| false);
    // A text given from outside that differs from the textarea's: another section's replaces it
    // (setting `value`, which starts a new undo history); a change of this one (a slider, Reset,
    // a mode) is typed in as the smallest edit, so Ctrl+Z takes it back.
    {
        let textarea = props.textarea.clone();
        let shown = use_mut_ref(|| props.document.clone());
        use_effect_with((props.document.clone(), props.text.clone()), move |(document, text)| {
            if let Some(area) = textarea.cast::<HtmlTextAreaElement>() {
                let current = area.value();
                if current != text.as_str() {
                    if *shown.borrow() == *document {
                        editor_dom::apply(&area, &editing::diff(&current, text));
                    } else {
                        area.set_value(text);
                    }
                }
            }
            *shown.borrow_mut() = document.clone();
        });
    }
    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() {
                on_input.emit(area.value());
            }
        })
    };
    let onkeydown = {
        let readonly = props.readonly;
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            let was_escaped = std::mem::replace(&mut *escaped.borrow_mut(), key == "Escape");
            if readonly || e.is_composing() || e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() else { return };
            let text = area.value();
            let (start, end) = (
                area.selection_start().ok().flatten().unwrap_or(0) as usize,
                area.selection_end().ok().flatten().unwrap_or(0) as usize,
            );
            let edit = match key.as_str() {
                // After Escape, Tab moves the focus on, as everywhere else on the page.
                "Tab" if was_escaped => return,
                "Tab" if e.shift_key() => editing::dedent(&text, start, end),
                "Tab" => editing::indent(&text, start, end),
                "Enter" if !e.shift_key() => editing::newline(&text, start, end),
                _ => return,
            };
            e.prevent_default();
            editor_dom::apply(&area, &edit);
        })
    };
    let text = props.text.as_str();
    let lines = text.split('\n').count().max(1);
    let cols = text.split('\n').map(|l| l.chars().count()).max().unwrap_or(0);
    let error = props.error.as_ref();
    let gutter = (1..=lines).map(|n| {
        let wrong = error.is_some_and(|e| e.line as usize == n);
        html! { <span class={classes!("editor-ln", wrong.then_some("wrong"))}>{ n }</span> }
    });
    html! {
        <div class={classes!("editor", error.is_some().then_some("has-error"))}>
            <div class="editor-gutter" aria-hidden="true">{ for gutter }</div>
            <div class="editor-body">
                <pre class="editor-highlight" data-testid="code"><code>{ props.children.clone() }{ "\n" }</code></pre>
                <textarea name="code" class="editor-input" ref={props.textarea.clone()}
                    spellcheck="false" autocomplete="off" autocapitalize="off" autocorrect="off"
                    wrap="off" readonly={props.readonly} aria-label="Python code"
                    rows={(lines + 1).to_string()} cols={(cols + 2).to_string()}
                    aria-describedby={props.described_by.clone()}
                    aria-invalid={error.is_some().then_some("true")}
                    defaultvalue={props.text.clone()} {oninput} {onkeydown} />
            </div>
            { props.margin.clone() }
        </div>
    }
}
