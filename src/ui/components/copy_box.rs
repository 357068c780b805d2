//! `CopyBox`: a read-only field holding a link or a snippet, a Copy button, and what happened:
//! copied (confirmed in words), or refused by the browser, in which case the text is selected so
//! Ctrl+C / ⌘C copies it. The owner starts copies with `copy_into` (so a click elsewhere, like the
//! Share button itself, can copy too) and passes the status down.

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::browser::address::{self, CopyRefused};

/// Where the last copy stands. `Copied` remembers what was copied: if the text has changed since
/// (a value edited while the dialog is open), the box says so instead of claiming it is copied.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum CopyStatus {
    #[default]
    Idle,
    Copying,
    Copied(String),
    Refused(CopyRefused),
}

/// Copy `text` and report into `status`. Call it from the event handler of a click or key press:
/// browsers only let a page write the clipboard right after a user gesture.
pub fn copy_into(text: String, status: UseStateHandle<CopyStatus>) {
    status.set(CopyStatus::Copying);
    let copying = address::copy(&text);
    wasm_bindgen_futures::spawn_local(async move {
        status.set(match copying.await {
            Ok(()) => CopyStatus::Copied(text),
            Err(refused) => CopyStatus::Refused(refused),
        });
    });
}

#[derive(Properties, PartialEq)]
pub struct CopyBoxProps {
    /// What is copied.
    pub text: AttrValue,
    /// What it is, for the field's label ("Link", "HTML").
    pub label: AttrValue,
    /// `data-testid` of the field.
    pub testid: AttrValue,
    /// A textarea (a snippet) rather than a one-line field (a link).
    #[prop_or_default]
    pub multiline: bool,
    pub status: CopyStatus,
    /// What to do with it once copied, said after "Copied to the clipboard."
    pub then: AttrValue,
    /// The Copy button was pressed.
    pub oncopy: Callback<()>,
}

#[function_component(CopyBox)]
pub fn copy_box(props: &CopyBoxProps) -> Html {
    let field = use_node_ref();
    let refused = matches!(props.status, CopyStatus::Refused(_));
    // Refused: select the text, so the person's own Ctrl+C does what the button could not.
    {
        let field = field.clone();
        use_effect_with((refused, props.text.clone()), move |(refused, _)| {
            if *refused {
                select(&field);
            }
        });
    }
    let onfocus = {
        let field = field.clone();
        Callback::from(move |_: FocusEvent| select(&field))
    };
    let oncopy = props.oncopy.reform(|_: MouseEvent| ());
    let (state, message) = match &props.status {
        CopyStatus::Idle => ("idle", String::new()),
        CopyStatus::Copying => ("copying", "Copying…".to_string()),
        CopyStatus::Copied(text) if text.as_str() == props.text.as_str() => {
            ("copied", format!("✓ Copied to the clipboard. {}", props.then))
        }
        CopyStatus::Copied(_) => {
            ("changed", "You changed something since copying: copy again to share the new state.".into())
        }
        CopyStatus::Refused(why) => (
            "refused",
            format!(
                "{} The text is selected: press Ctrl+C (⌘C on a Mac) to copy it.",
                match why {
                    CopyRefused::Unavailable => "This browser doesn't let the page copy here.",
                    CopyRefused::Denied(_) => "The browser didn't allow copying.",
                }
            ),
        ),
    };
    let id = format!("{}-field", props.testid);
    html! {
        <div class={classes!("copy-box", format!("copy-{state}"))}>
            <label class="copy-label" for={id.clone()}>{ props.label.clone() }</label>
            <div class="copy-row">
                if props.multiline {
                    <textarea
                        ref={field}
                        id={id}
                        class="copy-field"
                        data-testid={props.testid.clone()}
                        readonly=true
                        rows="4"
                        spellcheck="false"
                        value={props.text.clone()}
                        {onfocus}
                    />
                } else {
                    <input
                        ref={field}
                        id={id}
                        class="copy-field"
                        data-testid={props.testid.clone()}
                        type="text"
                        readonly=true
                        spellcheck="false"
                        value={props.text.clone()}
                        {onfocus}
                    />
                }
                <button type="button" class="copy-button" data-testid="copy" onclick={oncopy}>
                    { if state == "copied" { "Copied" } else { "Copy" } }
                </button>
            </div>
            <p class="copy-status" role="status" data-testid="copy-status" data-state={state}>{ message }</p>
        </div>
    }
}

/// Focus the field and select all its text (an input or a textarea).
fn select(field: &NodeRef) {
    if let Some(input) = field.cast::<HtmlInputElement>() {
        let _ = input.focus();
        input.select();
    } else if let Some(area) = field.cast::<HtmlTextAreaElement>() {
        let _ = area.focus();
        area.select();
    }
}
