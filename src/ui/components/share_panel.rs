//! `share_panel` (a view function of `ShareBar`'s, which owns its state): the link to exactly what is on screen (section, values, mode, URLs, speed, view),
//! whether it runs when opened, and whether it was copied. `ShareBar` owns it and does the copying.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::copy_box::{CopyBox, CopyStatus};

pub struct SharePanelProps {
    pub url: AttrValue,
    /// The link has `run=1`.
    pub run: bool,
    pub status: CopyStatus,
    pub on_run: Callback<bool>,
    pub on_copy: Callback<()>,
    pub onclose: Callback<()>,
}

pub fn share_panel(props: &SharePanelProps) -> Html {
    let on_run = props.on_run.reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().checked());
    let close = props.onclose.reform(|_: MouseEvent| ());
    html! {
        <div class="popover" id="share-panel" role="dialog" aria-labelledby="share-title" data-testid="share-panel">
            <div class="popover-head">
                <h2 id="share-title">{ "Share this example" }</h2>
                <button type="button" class="popover-close" aria-label="Close" onclick={close}>{ "×" }</button>
            </div>
            <p class="popover-note">
                { "The link holds the section, every value, the mode, the speed and the view: whoever opens it sees exactly this." }
            </p>
            <CopyBox
                text={props.url.clone()}
                label="Link"
                testid="share-link"
                status={props.status.clone()}
                then="Paste it anywhere: it opens exactly this."
                oncopy={props.on_copy.clone()}
            />
            <label class="check">
                <input type="checkbox" name="share-run" checked={props.run} onchange={on_run} />
                <span>{ "Run it as soon as it opens" }<code class="check-key">{ "run=1" }</code></span>
            </label>
        </div>
    }
}
