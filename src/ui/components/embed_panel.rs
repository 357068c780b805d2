//! `EmbedPanel`: the `<iframe>` snippet that puts this example (embed mode: only the section's
//! code, controls and timeline) into a course page, with its options: lock the code, run on open.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::browser::address;
use crate::link::{embed_snippet, Link};
use crate::ui::context::use_edit;

use super::copy_box::{copy_into, CopyBox, CopyStatus};

#[derive(Properties, PartialEq)]
pub struct EmbedPanelProps {
    pub onclose: Callback<()>,
}

#[function_component(EmbedPanel)]
pub fn embed_panel(props: &EmbedPanelProps) -> Html {
    let edit = use_edit();
    let lock = use_state_eq(|| false);
    let run = use_state_eq(|| false);
    let status = use_state_eq(CopyStatus::default);
    let page = address::page_url();
    let link = Link { lock: *lock, run: *run, embed: true, ..edit.link() };
    let snippet = embed_snippet(&page, &link);
    let preview = format!("{page}{}", link.to_hash());

    // A changed option is a gesture too: copy the new snippet if the old one was copied.
    let option = |state: UseStateHandle<bool>, other: bool, is_lock: bool| {
        let (status, edit, page) = (status.clone(), edit.clone(), page.clone());
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            state.set(on);
            if matches!(*status, CopyStatus::Copied(_)) {
                let (lock, run) = if is_lock { (on, other) } else { (other, on) };
                let link = Link { lock, run, embed: true, ..edit.link() };
                copy_into(embed_snippet(&page, &link), status.clone());
            }
        })
    };
    let on_lock = option(lock.clone(), *run, true);
    let on_run = option(run.clone(), *lock, false);
    let on_copy = {
        let (status, snippet) = (status.clone(), snippet.clone());
        Callback::from(move |()| copy_into(snippet.clone(), status.clone()))
    };
    let close = props.onclose.reform(|_: MouseEvent| ());
    html! {
        <div class="popover" id="embed-panel" role="dialog" aria-labelledby="embed-title" data-testid="embed-panel">
            <div class="popover-head">
                <h2 id="embed-title">{ "Embed in a course page" }</h2>
                <button type="button" class="popover-close" aria-label="Close" onclick={close}>{ "×" }</button>
            </div>
            <p class="popover-note">
                { "Paste this HTML into your page. Learners get this section's code, controls and timeline with your values, and no navigation." }
            </p>
            <CopyBox
                text={snippet}
                label="HTML"
                testid="embed-code"
                multiline=true
                status={(*status).clone()}
                then="Paste it into your course page's HTML."
                oncopy={on_copy}
            />
            <label class="check">
                <input type="checkbox" name="embed-lock" checked={*lock} onchange={on_lock} />
                <span>{ "Lock the code: learners can change only the highlighted values" }<code class="check-key">{ "lock=1" }</code></span>
            </label>
            <label class="check">
                <input type="checkbox" name="embed-run" checked={*run} onchange={on_run} />
                <span>{ "Run it as soon as it opens" }<code class="check-key">{ "run=1" }</code></span>
            </label>
            <a class="popover-link" href={preview} target="_blank" rel="noopener" data-testid="embed-preview">
                { "Preview the embed in a new tab ↗" }
            </a>
        </div>
    }
}
