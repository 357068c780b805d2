//! Loop callbacks: `loop.call_soon` / `call_later` / `call_at`, `loop.create_future`, and the done
//! callbacks of tasks and futures (`add_done_callback`), scheduled as CPython schedules them: a
//! settled future or a finished task `call_soon`s its callbacks at that moment, in the order they
//! were added, and each runs in a turn of the loop of its own, outside any task.

use std::rc::Rc;

use super::interp::Interp;
use super::native::{FutureObj, Native};
use super::value::{PyResult, Value};
use crate::engine::micros_from_secs;

impl Interp {
    /// `loop.call_soon(func, *args)`; `handle`, if any, is what `cancel()` is called on (a
    /// cancelled handle's callback does not run).
    pub fn call_soon(self: &Rc<Self>, func: Value, args: Vec<Value>, handle: Option<Rc<Native>>) {
        let me = self.clone();
        self.aio.spawn_callback(async move { me.run_callback(&func, args, handle.as_deref()) });
    }

    fn run_callback(self: &Rc<Self>, func: &Value, args: Vec<Value>, handle: Option<&Native>) {
        if let Some(Native::Future(h)) = handle {
            if h.is_done() {
                return;
            }
        }
        // A callback runs in a turn of its own: the step budget starts over.
        self.yielded();
        if let Err(e) = self.call(func, args, vec![]) {
            let text = self.to_str(&e.value).unwrap_or_default();
            self.warnings.warn(
                crate::engine::WarningKind::CallbackError,
                format!("Exception in callback: {}: {text}", self.type_name(&e.value)),
                None,
            );
        }
    }

    /// A task ended: its done callbacks (`slot`, emptied) are due, each called with the task object.
    pub fn schedule_task_callbacks(self: &Rc<Self>, task_id: usize, slot: &std::cell::RefCell<Vec<Value>>) {
        let callbacks = std::mem::take(&mut *slot.borrow_mut());
        if callbacks.is_empty() {
            return;
        }
        let task = self.tasks.borrow().get(&task_id).cloned().unwrap_or(Value::None);
        for callback in callbacks {
            self.call_soon(callback, vec![task.clone()], None);
        }
    }

    /// A future was settled (`set_result`, `set_exception`, `cancel`): its callbacks are due.
    pub fn schedule_done_callbacks(self: &Rc<Self>, this: &Value, f: &FutureObj) {
        for callback in std::mem::take(&mut *f.done_callbacks.borrow_mut()) {
            self.call_soon(callback, vec![this.clone()], None);
        }
    }

    /// `fut.add_done_callback(func)`: at once (as `call_soon`) if the future is already done.
    pub fn future_add_done_callback(self: &Rc<Self>, this: &Value, f: &FutureObj, callback: Value) {
        if f.is_done() {
            self.call_soon(callback, vec![this.clone()], None);
        } else {
            f.done_callbacks.borrow_mut().push(callback);
        }
    }

    /// The running loop's methods (`asyncio.get_running_loop()`).
    pub fn loop_method(self: &Rc<Self>, name: &str, args: Vec<Value>) -> PyResult<Value> {
        let handle = || Rc::new(Native::Future(FutureObj::default()));
        match name {
            "call_soon" => {
                let mut args = args.into_iter();
                let func = args.next().unwrap_or(Value::None);
                let handle = handle();
                self.call_soon(func, args.collect(), Some(handle.clone()));
                Ok(Value::Native(handle))
            }
            "call_later" | "call_at" => {
                let at = self.float_arg(args.first(), if name == "call_later" { "delay" } else { "when" })?;
                let deadline = if name == "call_later" {
                    self.aio.now() + micros_from_secs(at.max(0.0))
                } else {
                    micros_from_secs(at.max(0.0))
                };
                let mut args = args.into_iter().skip(1);
                let func = args.next().unwrap_or(Value::None);
                let rest: Vec<Value> = args.collect();
                let handle = handle();
                let (me, h, timer) = (self.clone(), handle.clone(), self.aio.timer(deadline));
                self.aio.spawn_callback(async move {
                    timer.await;
                    me.run_callback(&func, rest, Some(&h));
                });
                Ok(Value::Native(handle))
            }
            "create_future" => Ok(Value::Native(handle())),
            "create_task" => self.create_task(args.into_iter().next().unwrap_or(Value::None), None),
            _ => Ok(Value::Float(self.py_time())),
        }
    }
}
