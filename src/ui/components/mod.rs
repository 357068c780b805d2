//! The page's components, one per file. `App` owns the state and provides it; the others read it
//! through `state::use_page()`.

pub mod app;
pub mod code_view;
pub mod comparison;
pub mod console;
pub mod copy_box;
pub mod embed_header;
pub mod embed_panel;
pub mod legend;
pub mod notices;
pub mod param_input;
pub mod param_panel;
pub mod request_table;
pub mod run_bar;
pub mod section_intro;
pub mod section_nav;
pub mod share_bar;
pub mod share_panel;
pub mod status_bar;
pub mod timeline;
pub mod url_list;
pub mod url_wait_input;
pub mod view_options;
