//! The page's components, one per file. `App` owns the state and provides it; the others read it
//! through `context::use_page()` (or `use_edit()`). `notices`, `section_intro`, `embed_header`,
//! `section_nav`, `status_bar` (and `ShareBar`'s `share_panel`, `TimelineView`'s `legend` and
//! `view_options`, `EventTable`'s `task_stats_table`) are view functions their owner calls with its
//! state: stateless (or with their state held by the owner, shown and hidden with it), and each
//! component would cost the wasm its own copy of Yew's component machinery.

pub mod app;
pub mod await_tree;
pub mod code_editor;
pub mod code_view;
pub mod comparison;
pub mod console;
pub mod copy_box;
pub mod embed_header;
pub mod embed_panel;
pub mod event_table;
pub mod export_bar;
pub mod legend;
pub mod literal_row;
pub mod narration;
pub mod notices;
pub mod param_input;
pub mod param_panel;
pub mod predict_panel;
pub mod request_table;
pub mod run_bar;
pub mod scrubber;
pub mod section_intro;
pub mod section_nav;
pub mod share_bar;
pub mod share_panel;
pub mod status_bar;
pub mod task_margin;
pub mod task_stats;
pub mod timeline;
pub mod url_list;
pub mod url_wait_input;
pub mod view_options;
