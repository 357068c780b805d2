//! `asyncio.Barrier`, step for step as CPython 3.11's `asyncio/locks.py` (its `wait`, `_block`,
//! `_release`, `_wait`, `_exit`, `reset`, `abort`), on the same `Condition` machinery as the
//! program's own conditions, so tasks wake in the same order and at the same moments.

use std::rc::Rc;

use super::asyncio_sync::native;
use super::interp::Interp;
use super::native::{BarrierObj, BarrierState, Native};
use super::value::{BuiltinId, PyResult, Value};

impl Interp {
    /// `parties`, `n_waiting`, `broken` and the methods.
    pub(super) fn barrier_attr(self: &Rc<Self>, obj: &Value, b: &BarrierObj, attr: &str) -> Option<PyResult<Value>> {
        Some(Ok(match attr {
            "parties" => Value::Int(b.parties as i64),
            "n_waiting" => Value::Int(if b.state.get() == BarrierState::Filling { b.count.get() as i64 } else { 0 }),
            "broken" => Value::Bool(b.state.get() == BarrierState::Broken),
            "wait" | "reset" | "abort" | "__aenter__" | "__aexit__" => {
                let name = ["wait", "reset", "abort", "__aenter__", "__aexit__"].into_iter().find(|m| *m == attr)?;
                self.builtin_method(obj, name, BuiltinId::NativeMethod)
            }
            _ => return None,
        }))
    }

    /// The awaitable each method returns (all of them are coroutines in CPython).
    pub(super) fn barrier_method(self: &Rc<Self>, this: &Value, name: &str) -> PyResult<Value> {
        let (me, this) = (self.clone(), this.clone());
        Ok(match name {
            "wait" | "__aenter__" => self.awaitable("wait", async move { me.barrier_wait(&this).await }),
            "reset" | "abort" => {
                let abort = name == "abort";
                self.awaitable(if abort { "abort" } else { "reset" }, async move {
                    let Some(Native::Barrier(b)) = native(&this) else { return Ok(Value::None) };
                    me.barrier_locked(b, |b| {
                        let state = if abort {
                            BarrierState::Broken
                        } else if b.count.get() > 0 {
                            BarrierState::Resetting
                        } else {
                            BarrierState::Filling
                        };
                        b.state.set(state);
                        Self::condition_wake(&b.cond, usize::MAX);
                        Ok(())
                    })
                    .await?;
                    Ok(Value::None)
                })
            }
            _ => self.awaitable("__aexit__", async { Ok(Value::None) }),
        })
    }

    /// `async with self._cond:` around a step that does not await.
    async fn barrier_locked(
        self: &Rc<Self>,
        b: &BarrierObj,
        step: impl FnOnce(&BarrierObj) -> PyResult<()>,
    ) -> PyResult<()> {
        let Some(lock) = self.condition_lock(&b.cond) else { return Ok(()) };
        self.sem_acquire(lock, "barrier".into()).await?;
        let result = step(b);
        self.sem_release(lock)?;
        result
    }

    async fn barrier_wait(self: &Rc<Self>, this: &Value) -> PyResult<Value> {
        let Some(Native::Barrier(b)) = native(this) else { return Ok(Value::None) };
        let Some(lock) = self.condition_lock(&b.cond) else { return Ok(Value::None) };
        self.sem_acquire(lock, "barrier.wait()".into()).await?;
        let result = self.barrier_wait_locked(b).await;
        self.sem_release(lock)?;
        result
    }

    async fn barrier_wait_locked(self: &Rc<Self>, b: &BarrierObj) -> PyResult<Value> {
        // _block: wait while the barrier drains or resets; a broken one refuses.
        while matches!(b.state.get(), BarrierState::Draining | BarrierState::Resetting) {
            self.condition_wait(&b.cond).await?;
        }
        if b.state.get() == BarrierState::Broken {
            return self.err("BrokenBarrierError", "Barrier aborted");
        }
        let index = b.count.get();
        b.count.set(index + 1);
        let outcome = if index + 1 == b.parties {
            // _release: the last party lets everyone through.
            b.state.set(BarrierState::Draining);
            Self::condition_wake(&b.cond, usize::MAX);
            Ok(Value::Int(index as i64))
        } else {
            // _wait: until the filling ends; a reset or an abort breaks it.
            let mut waited = Ok(());
            while b.state.get() == BarrierState::Filling {
                if let Err(e) = self.condition_wait(&b.cond).await {
                    waited = Err(e);
                    break;
                }
            }
            match waited {
                Err(e) => Err(e),
                Ok(()) if matches!(b.state.get(), BarrierState::Broken | BarrierState::Resetting) => {
                    self.err("BrokenBarrierError", "Abort or reset of barrier")
                }
                Ok(()) => Ok(Value::Int(index as i64)),
            }
        };
        // finally: leave, and the last one out lets the barrier fill again.
        b.count.set(b.count.get() - 1);
        if b.count.get() == 0 {
            if matches!(b.state.get(), BarrierState::Resetting | BarrierState::Draining) {
                b.state.set(BarrierState::Filling);
            }
            Self::condition_wake(&b.cond, usize::MAX);
        }
        outcome
    }
}
