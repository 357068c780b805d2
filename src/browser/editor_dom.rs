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
    let _ = textarea.focus();
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
    if let Some(element) = before.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        if !element.is_same_node(Some(textarea)) {
            let _ = element.focus();
        }
    }
}

/// Replace the whole text as typed (one undo step): reset, a link's code taken back.
pub fn replace_all(textarea: &HtmlTextAreaElement, text: &str) {
    let end = textarea.value().encode_utf16().count();
    let at = text.encode_utf16().count();
    apply(textarea, &Edit { replace: 0..end, insert: text.to_string(), selection: at..at });
}
