//! `TimerQueue`: a run's sleeping timers in asyncio's order, the one piece of timer bookkeeping both
//! runtimes share. The virtual clock jumps to `next_deadline()` and fires what is due; the page's
//! runtime arms one `setTimeout` for `next_deadline()` and fires what is due when it comes. So
//! timers due together wake in the same order on both (deadline, then the order they started
//! waiting, as asyncio's heap of `TimerHandle`s does), by construction rather than by luck.
//!
//! Pure bookkeeping: it never reads a clock and wakes nothing itself; callers pass the time in
//! and wake the wakers it hands back.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::task::Waker;

use super::Micros;

/// Identifies one registered timer.
pub type TimerKey = u64;

#[derive(Default)]
pub struct TimerQueue {
    /// (deadline, key) of every timer registered; a removed timer's entry stays here and is
    /// skipped when it reaches the top (cheaper than searching the heap on every cancel).
    heap: BinaryHeap<Reverse<(Micros, TimerKey)>>,
    /// Timers not removed yet, by key: `slots[key - first_key]` (`None` once removed). Keys are
    /// handed out in order and mostly removed in order, so the front is trimmed as it empties; a
    /// deque instead of a `BTreeMap` spares the wasm the B-tree's code (9 kB).
    slots: VecDeque<Option<TimerSlot>>,
    first_key: TimerKey,
    next_key: TimerKey,
}

struct TimerSlot {
    /// Its deadline came; the timer has not seen it yet (not polled since).
    fired: bool,
    waker: Option<Waker>,
}

impl TimerQueue {
    pub fn new() -> TimerQueue {
        TimerQueue::default()
    }

    /// Register a timer for `deadline`. It waits until fired by `fire_due`, or until `remove`d.
    pub fn add(&mut self, deadline: Micros) -> TimerKey {
        let key = self.next_key;
        self.next_key += 1;
        self.heap.push(Reverse((deadline, key)));
        self.slots.push_back(Some(TimerSlot { fired: false, waker: None }));
        key
    }

    fn slot(&mut self, key: TimerKey) -> Option<&mut TimerSlot> {
        let index = usize::try_from(key.checked_sub(self.first_key)?).ok()?;
        self.slots.get_mut(index)?.as_mut()
    }

    fn forget(&mut self, key: TimerKey) {
        let index = key.checked_sub(self.first_key).and_then(|i| usize::try_from(i).ok());
        if let Some(entry) = index.and_then(|i| self.slots.get_mut(i)) {
            *entry = None;
        }
        while let Some(None) = self.slots.front() {
            self.slots.pop_front();
            self.first_key += 1;
        }
    }

    /// The timer's poll: true once it has fired (it is then removed); else `waker` is the one to
    /// wake when it does.
    pub fn poll(&mut self, key: TimerKey, waker: &Waker) -> bool {
        match self.slot(key) {
            Some(slot) if !slot.fired => {
                match &mut slot.waker {
                    Some(old) => old.clone_from(waker),
                    None => slot.waker = Some(waker.clone()),
                }
                false
            }
            // Fired, or already gone: either way there is nothing left to wait for.
            _ => {
                self.forget(key);
                true
            }
        }
    }

    /// A timer dropped before it fired (a cancelled sleep): it will never wake anyone.
    pub fn remove(&mut self, key: TimerKey) {
        self.forget(key);
    }

    /// The earliest deadline of a timer still waiting, if any.
    pub fn next_deadline(&mut self) -> Option<Micros> {
        while let Some(&Reverse((deadline, key))) = self.heap.peek() {
            if self.slot(key).is_some_and(|slot| !slot.fired) {
                return Some(deadline);
            }
            self.heap.pop();
        }
        None
    }

    /// Fire every waiting timer whose deadline is at or before `limit`: their wakers, in the order
    /// to wake them (deadline, then order of registration).
    pub fn fire_due(&mut self, limit: Micros) -> Vec<Waker> {
        let mut wakers = Vec::new();
        while let Some(&Reverse((deadline, key))) = self.heap.peek() {
            if deadline > limit {
                break;
            }
            self.heap.pop();
            if let Some(slot) = self.slot(key) {
                slot.fired = true;
                wakers.extend(slot.waker.take());
            }
        }
        wakers
    }

    /// How many timers are still waiting (not fired, not removed).
    pub fn waiting(&self) -> usize {
        self.slots.iter().flatten().filter(|slot| !slot.fired).count()
    }

    /// True when no timer is registered at all (none waiting, none fired and not yet seen).
    pub fn is_empty(&self) -> bool {
        // The front is always a live slot, so any slot left means one is registered.
        self.slots.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};
    use std::task::Wake;

    use super::*;

    /// A waker that writes its name into a shared list when woken.
    struct Named(&'static str, Arc<Mutex<Vec<&'static str>>>);

    impl Wake for Named {
        fn wake(self: Arc<Self>) {
            self.1.lock().unwrap().push(self.0);
        }
    }

    #[test]
    fn ties_fire_in_registration_order_and_removed_timers_never_fire() {
        let woken = Arc::new(Mutex::new(Vec::new()));
        let waker = |name| Waker::from(Arc::new(Named(name, woken.clone())));
        let mut queue = TimerQueue::new();
        let late = queue.add(300);
        let first = queue.add(100);
        let second = queue.add(100);
        let cancelled = queue.add(50);
        for (key, name) in [(late, "late"), (first, "first"), (second, "second"), (cancelled, "cancelled")] {
            assert!(!queue.poll(key, &waker(name)));
        }
        queue.remove(cancelled);
        assert_eq!(queue.waiting(), 3);
        assert_eq!(queue.next_deadline(), Some(100), "a removed timer's deadline is skipped");
        queue.fire_due(99).into_iter().for_each(Waker::wake);
        assert!(woken.lock().unwrap().is_empty(), "nothing is due before 100");
        queue.fire_due(100).into_iter().for_each(Waker::wake);
        assert_eq!(*woken.lock().unwrap(), ["first", "second"]);
        assert!(queue.poll(first, &waker("first")), "a fired timer is ready when polled");
        assert_eq!(queue.next_deadline(), Some(300));
        assert_eq!(queue.waiting(), 1);
        assert!(!queue.is_empty(), "`second` fired but has not been polled yet");
    }
}
