//! The address adapter (`browser::address`) in headless Chromium (wasm-bindgen-test): edits replace
//! the history entry and sections push one, the page's URL for share links has no fragment, and
//! copying answers (copied or refused) instead of throwing, even without a Clipboard API.
#![cfg(target_arch = "wasm32")]

use async_playground::browser::address::{self, CopyRefused};
use async_playground::link::{decode, encode};
use async_playground::scenarios::{Scenario, ScenarioId};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn history_length() -> u32 {
    web_sys::window().unwrap().history().unwrap().length().unwrap()
}

#[wasm_bindgen_test]
fn edits_replace_the_entry_and_a_new_section_pushes_one() {
    let mut hello = Scenario::new(ScenarioId::SayHello);
    address::show(&encode(&hello, 1));
    assert_eq!(address::hash(), encode(&hello, 1));
    let before = history_length();
    hello.set("alice", 1.5).unwrap();
    address::show(&encode(&hello, 1));
    address::show(&encode(&hello, 1));
    assert_eq!(address::hash(), encode(&hello, 1));
    assert_eq!(history_length(), before, "an edit replaces the entry; showing the same hash again does nothing");
    address::show(&encode(&Scenario::new(ScenarioId::Gather), 1));
    assert_eq!(history_length(), before + 1, "a new section is a new entry");
    assert!(address::hash().starts_with("#/gather?"));
    // What the address bar shows decodes to what was shown (the browser kept every character).
    assert_eq!(decode(&address::hash()).scenario, Scenario::new(ScenarioId::Gather));
}

#[wasm_bindgen_test]
fn the_page_url_is_the_address_without_its_fragment() {
    address::show("#/gather?a=1&b=2&speed=1&ideal=1&v=1");
    let page = address::page_url();
    assert!(!page.contains('#'), "{page}");
    let href = web_sys::window().unwrap().location().href().unwrap();
    assert_eq!(format!("{page}{}", address::hash()), href);
}

#[wasm_bindgen_test]
async fn copying_answers_even_when_the_clipboard_is_missing() {
    // A test page has no user gesture and may not have the focus: the browser may refuse, but the
    // answer must come back as a value, not as an exception.
    match address::copy("https://example.org/#/gather").await {
        Ok(()) | Err(CopyRefused::Denied(_)) => {}
        Err(other) => panic!("unexpected {other:?}"),
    }
    // Without `navigator.clipboard` (plain http, old browsers): Unavailable, no exception.
    let window = web_sys::window().unwrap();
    let navigator_class = js_sys::Reflect::get(&window, &JsValue::from_str("Navigator")).unwrap();
    let prototype = js_sys::Reflect::get(&navigator_class, &JsValue::from_str("prototype")).unwrap();
    let prototype: js_sys::Object = prototype.into();
    assert!(js_sys::Reflect::delete_property(&prototype, &JsValue::from_str("clipboard")).unwrap());
    assert_eq!(address::copy("x").await, Err(CopyRefused::Unavailable));
}
