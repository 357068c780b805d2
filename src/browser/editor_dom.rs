//! The code editor's `<textarea>`: edits applied as if typed, so the browser's own undo history
//! (Ctrl+Z, the context menu, a phone's shake) keeps every one of them — a key's indentation, a
//! slider's new value, "Reset to the chapter's code". Setting `value` would wipe that history.

use wasm_bindgen::JsCast;
use web_sys::{HtmlDocument, HtmlElement, HtmlTextAreaElement};

use crate::editing::Edit;

/// Replace `edit.replace` by `edit.insert` as typed text (an `input` event follows, as for
/// typing), then select `edit.selection`. Focus goes back where it was (a slider keeps it).
pub fn apply(textarea: &HtmlTextAreaElement, edit: &Edit) {
    let document = web_sys::window().and_then(|w| w.document());
    let before = document.as_ref().and_then(|d| d.active_element());
    // No scrolling to the editor: the person may be sliding a value far below it.
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = textarea.focus_with_options(&options);
    let _ = textarea.set_selection_range(edit.replace.start as u32, edit.replace.end as u32);
    let typed = document
        .and_then(|d| d.dyn_into::<HtmlDocument>().ok())
        .and_then(|d| d.exec_command_with_show_ui_and_value("insertText", false, &edit.insert).ok())
        .unwrap_or(false);
    if !typed {
        // No execCommand (or a read-only textarea): the text still changes, without undo.
        let _ = textarea.set_range_text(&edit.insert);
        if let Ok(event) = web_sys::Event::new("input") {
            let _ = textarea.dispatch_event(&event);
        }
    }
    let _ = textarea.set_selection_range(edit.selection.start as u32, edit.selection.end as u32);
    // Focus goes back: to the field or slider that made the change, or nowhere (a change the page
    // made by itself must not leave the caret in the editor, where the next Tab would indent).
    let body = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body());
    match before.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        Some(element) if element.is_same_node(Some(textarea)) => {}
        Some(element) if !body.as_ref().is_some_and(|b| element.is_same_node(Some(b))) => {
            let _ = element.focus();
        }
        _ => {
            let _ = textarea.blur();
        }
    }
}

/// Replace the whole text as typed (one undo step): reset, a link's code taken back.
pub fn replace_all(textarea: &HtmlTextAreaElement, text: &str) {
    let end = textarea.value().encode_utf16().count();
    let at = text.encode_utf16().count();
    apply(textarea, &Edit { replace: 0..end, insert: text.to_string(), selection: at..at });
}
