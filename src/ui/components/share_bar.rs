//! `ShareBar`: the Share and Embed buttons of the top bar, and the one panel open under them.
//! Share copies the link at once, inside the click (browsers only let a page write the clipboard
//! during a user gesture), then shows it with its options; Embed shows the `<iframe>` snippet.

use yew::prelude::*;

use crate::browser::address;
use crate::link::Link;
use crate::ui::context::use_edit;

use super::copy_box::{copy_into, CopyStatus};
use super::embed_panel::EmbedPanel;
use super::share_panel::{share_panel, SharePanelProps};

#[derive(Clone, Copy, PartialEq)]
enum Open {
    Share,
    Embed,
}

#[function_component(ShareBar)]
pub fn share_bar() -> Html {
    let edit = use_edit();
    let open = use_state_eq(|| None::<Open>);
    let status = use_state_eq(CopyStatus::default);
    // "Run it when opened": remembered while the page is open, so Share copies what was chosen.
    let run = use_state_eq(|| false);
    let share_button = use_node_ref();
    let embed_button = use_node_ref();

    let share_url = format!("{}{}", address::page_url(), Link { run: *run, embed: false, ..edit.link() }.to_hash());
    let on_share = {
        let (open, status, url) = (open.clone(), status.clone(), share_url.clone());
        Callback::from(move |_: MouseEvent| {
            if *open == Some(Open::Share) {
                open.set(None);
            } else {
                open.set(Some(Open::Share));
                copy_into(url.clone(), status.clone());
            }
        })
    };
    let on_embed = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(if *open == Some(Open::Embed) { None } else { Some(Open::Embed) }))
    };
    // Closing gives the focus back to the button that opened the panel (keyboard users stay put).
    let close = {
        let (open, share_button, embed_button) = (open.clone(), share_button.clone(), embed_button.clone());
        Callback::from(move |()| {
            let button = if *open == Some(Open::Embed) { &embed_button } else { &share_button };
            if let Some(button) = button.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
            open.set(None);
        })
    };
    let onkeydown = {
        let close = close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                close.emit(());
            }
        })
    };
    let on_run = {
        let (run, status, edit) = (run.clone(), status.clone(), edit.clone());
        Callback::from(move |on: bool| {
            run.set(on);
            // Inside the checkbox's change event: still a user gesture, so copy the new link.
            let url = format!("{}{}", address::page_url(), Link { run: on, embed: false, ..edit.link() }.to_hash());
            copy_into(url, status.clone());
        })
    };
    let on_copy = {
        let (status, url) = (status.clone(), share_url.clone());
        Callback::from(move |()| copy_into(url.clone(), status.clone()))
    };
    let expanded = |which| if *open == Some(which) { "true" } else { "false" };
    // A click anywhere outside the open panel closes it (and does nothing else).
    let backdrop = open.is_some().then(|| {
        let close = close.clone();
        html! { <div class="popover-backdrop" aria-hidden="true" onclick={Callback::from(move |_: MouseEvent| close.emit(()))}></div> }
    });
    html! {
        <div class="share-bar" {onkeydown}>
            <button
                ref={share_button}
                type="button"
                class={classes!("top-button", (*open == Some(Open::Share)).then_some("active"))}
                data-testid="share"
                aria-expanded={expanded(Open::Share)}
                aria-controls="share-panel"
                title="Copy a link to exactly what you see"
                onclick={on_share}
            >
                <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
                    <path d="M6.5 9.5l3-3M7 4.5l1.2-1.2a2.8 2.8 0 014 4L11 8.5M9 11.5l-1.2 1.2a2.8 2.8 0 01-4-4L5 7.5" />
                </svg>
                <span class="top-button-label">{ "Share" }</span>
            </button>
            <button
                ref={embed_button}
                type="button"
                class={classes!("top-button", (*open == Some(Open::Embed)).then_some("active"))}
                data-testid="embed"
                aria-expanded={expanded(Open::Embed)}
                aria-controls="embed-panel"
                title="Put this example in a course page"
                onclick={on_embed}
            >
                <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
                    <path d="M5.5 4.5L2 8l3.5 3.5M10.5 4.5L14 8l-3.5 3.5" />
                </svg>
                <span class="top-button-label">{ "Embed" }</span>
            </button>
            // Always there, so the buttons before it keep their DOM nodes (and the focus) when a
            // panel opens or closes.
            <div class="share-layer">
                { backdrop.unwrap_or_default() }
                if *open == Some(Open::Share) {
                    { share_panel(&SharePanelProps { url: share_url.into(), run: *run, status: (*status).clone(), on_run, on_copy, onclose: close.clone() }) }
                }
                if *open == Some(Open::Embed) {
                    <EmbedPanel onclose={close} />
                }
            </div>
        </div>
    }
}
