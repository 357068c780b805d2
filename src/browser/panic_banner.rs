//! When the playground panics, say so on the page: a banner with what happened and a link that
//! reloads the same state. Written with plain DOM calls, not Yew, because after a panic the app is
//! gone (the release build aborts) and only what the hook itself draws remains.
//!
//! Debug builds only (the wasm tests): in the release build a panic aborts before any hook runs,
//! and static/boot.js draws the same banner from the trap.
#![cfg_attr(not(debug_assertions), allow(dead_code))]

use wasm_bindgen::prelude::wasm_bindgen;

/// Install the hook once, before the app starts. (A Yew app must hand `report` to
/// `yew::set_custom_panic_hook` instead: Yew's renderer replaces any hook set otherwise with its
/// own console-only one.)
pub fn install() {
    std::panic::set_hook(Box::new(report));
}

/// The panic hook: the message in the console (for developers) and on the page (for everyone else).
pub fn report(info: &std::panic::PanicHookInfo<'_>) {
    let message = info.to_string();
    web_sys::console::error_1(&message.as_str().into());
    show_banner(&message);
}

fn show_banner(message: &str) -> Option<()> {
    let window = web_sys::window()?;
    let document = window.document()?;
    let body = document.body()?;
    if document.query_selector("[data-testid=panic-banner]").ok().flatten().is_some() {
        return Some(());
    }
    let banner = document.create_element("div").ok()?;
    banner.set_attribute("role", "alert").ok()?;
    banner.set_attribute("data-testid", "panic-banner").ok()?;
    banner.set_class_name("panic-banner");
    let title = document.create_element("strong").ok()?;
    title.set_text_content(Some("The playground hit an internal error and stopped."));
    let detail = document.create_element("pre").ok()?;
    // Text, never HTML: the message may quote values that came from a link.
    detail.set_text_content(Some(message));
    let reload = document.create_element("a").ok()?;
    // The state lives in the fragment. A link to the very same URL would only scroll, and no script
    // can run after the panic (nor inline script under our CSP), so the link changes the query,
    // which static hosts ignore, to force a real load of the same state.
    let location = window.location();
    let href = format!("{}?reload{}", location.pathname().ok()?, location.hash().ok()?);
    reload.set_attribute("href", &href).ok()?;
    reload.set_attribute("data-testid", "panic-reload").ok()?;
    reload.set_text_content(Some("Reload this state"));
    banner.append_with_node_3(&title, &detail, &reload).ok()?;
    body.prepend_with_node_1(&banner).ok()?;
    Some(())
}

/// Test hook: panics on purpose so the end-to-end suite can check the banner
/// (`window.wasmBindings.playground_test_panic()`).
#[wasm_bindgen]
pub fn playground_test_panic() {
    panic!("deliberate panic from the test hook");
}
