//! `requestAnimationFrame` as a handle: the live timeline redraws once per frame while a run goes,
//! and stops asking for frames when the handle is dropped; and once, for work that can wait until
//! the page has drawn (`on_next_frame`).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Calls `on_frame` on every animation frame until dropped.
pub struct AnimationFrames {
    state: Rc<RefCell<Option<FrameState>>>,
}

struct FrameState {
    id: i32,
    closure: Closure<dyn FnMut(f64)>,
}

fn request(closure: &Closure<dyn FnMut(f64)>) -> i32 {
    web_sys::window().and_then(|w| w.request_animation_frame(closure.as_ref().unchecked_ref()).ok()).unwrap_or(0)
}

impl AnimationFrames {
    pub fn start(mut on_frame: impl FnMut() + 'static) -> AnimationFrames {
        let state: Rc<RefCell<Option<FrameState>>> = Rc::new(RefCell::new(None));
        let weak = Rc::downgrade(&state);
        let closure = Closure::<dyn FnMut(f64)>::new(move |_time: f64| {
            on_frame();
            // Ask for the next frame only while the handle is alive.
            if let Some(state) = weak.upgrade() {
                if let Some(frame) = state.borrow_mut().as_mut() {
                    frame.id = request(&frame.closure);
                }
            }
        });
        let id = request(&closure);
        *state.borrow_mut() = Some(FrameState { id, closure });
        AnimationFrames { state }
    }
}

impl Drop for AnimationFrames {
    fn drop(&mut self) {
        if let Some(frame) = self.state.borrow_mut().take() {
            if let Some(window) = web_sys::window() {
                let _ = window.cancel_animation_frame(frame.id);
            }
            // The handle may be dropped from inside the frame callback itself; freeing a closure
            // while it runs is an error, so free it on the next turn instead.
            wasm_bindgen_futures::spawn_local(async move { drop(frame) });
        }
    }
}

/// Calls `f` once, on the next animation frame (after the page has drawn what it has).
pub fn on_next_frame(f: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(f);
    if let Some(window) = web_sys::window() {
        let _ = window.request_animation_frame(callback.unchecked_ref());
    }
}
