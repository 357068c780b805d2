//! Drafts: the code a person typed in each section, kept in `localStorage` as they type, so a
//! reload, a crash or a closed tab never loses it. One key per section; a draft set aside by a
//! link (the link wins) is kept under its own key until the person takes it back.
//!
//! Storage can be missing or refuse (private mode, quota, a sandboxed iframe): every function then
//! does nothing and says so with its result, and the page keeps working from memory.

/// The key of section `section`'s draft (`kept` = set aside by a link).
fn key(section: &str, kept: bool) -> String {
    format!("async-playground/{}/{section}", if kept { "set-aside" } else { "draft" })
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Keep `code` as section `section`'s draft; `None` forgets it. False when storage refused.
pub fn save(section: &str, code: Option<&str>) -> bool {
    save_at(&key(section, false), code)
}

/// The draft of section `section`, if one was kept.
pub fn load(section: &str) -> Option<String> {
    storage()?.get_item(&key(section, false)).ok().flatten()
}

/// Set a draft aside (a link opened the section with other code); `None` forgets it.
pub fn set_aside(section: &str, code: Option<&str>) -> bool {
    save_at(&key(section, true), code)
}

/// The draft a link set aside in section `section`, if any.
pub fn set_aside_draft(section: &str) -> Option<String> {
    storage()?.get_item(&key(section, true)).ok().flatten()
}

fn save_at(key: &str, code: Option<&str>) -> bool {
    let Some(storage) = storage() else { return false };
    match code {
        Some(code) => storage.set_item(key, code).is_ok(),
        None => storage.remove_item(key).is_ok(),
    }
}
