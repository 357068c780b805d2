//! The browser adapter.
