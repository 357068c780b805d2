# CPython side of the differential test: runs corpus programs under CPython 3.11 on a VIRTUAL clock.
"""Runs each playground program under real CPython with a virtual clock and prints one JSON document.

    python3 tests/cpython_vclock.py FILE.py [FILE.py ...] > out.json
    python3 tests/cpython_vclock.py --heap-ties FILE.py ...   # see "Equal deadlines" below

Output: a JSON list, one object per file, in argument order:

    {"file": "<path as given>",
     "prints": [[t_ms, "text", "end"], ...],      # every print(), at virtual time t_ms (3 decimals)
     "error": "ZeroDivisionError: division by zero" | null,
     "error_line": N | null,                       # innermost "<playground>" line of the error
     "traceback": "<full traceback text>" | null,
     "warnings": ["RuntimeWarning: coroutine 'greet' was never awaited",
                  "Task exception was never retrieved", ...]}

The virtual clock (seconds, a float starting at 0.0 for every program):
  * loop.time() reads it (no drift). When the loop has nothing ready, its selector's select(timeout)
    jumps the clock straight to the earliest timer's deadline (never by real waiting), so
    `await asyncio.sleep(2)` ends at exactly 2.0.
  * time.time(), time.perf_counter(), time.monotonic() return it and THEN advance it by 1 µs
    (so busy loops on the clock end); time.sleep(s) advances it by s, blocking everything else.
  * Equal deadlines: on a real clock two timers never share a deadline (the later one was scheduled
    a little later), so they fire in the order they were scheduled. On the virtual clock they tie
    exactly, and asyncio's heapq would then fire them in heap order (0, 2, 1, 3 for four), so the
    loop breaks ties by scheduling order (FIFO). --heap-ties turns that off (plain asyncio heap).
  * Timers due within the loop's clock resolution (1e-9 s) of the clock fire in the same iteration,
    as in asyncio's _run_once.
  * asyncio.to_thread(func, ...) runs func at once, on a clock of the thread's own that starts at
    the loop's time (its clock reads and time.sleep advance that clock, not the loop's), and the
    awaiting task then waits on a timer for as long as the call took, the loop free meanwhile, as
    the playground's interpreter does on its virtual clock. That is what a real thread does for a
    function that shares nothing with the loop. Not modelled: the default executor's limit on
    threads (min(32, cpus + 4): keep fewer calls in flight), and a print inside func is stamped
    when the call starts, not when the thread would print it.
  * A deadlock (nothing ready, no timer) or a clock past 1 hour, or more than 5 s of real time,
    stops the program with error "HarnessTimeout".

Programs are compiled with ast.PyCF_ALLOW_TOP_LEVEL_AWAIT; a program with top-level await runs as
the main task of asyncio.run() (Task-1), otherwise it is exec'd (and may call asyncio.run itself).
Task names count from Task-1 in every program. Warnings follow CPython's default filters (a
warning repeated from the same line is shown once), and loop exception-handler calls record
context["message"].
"""

import ast
import asyncio
import builtins
import contextlib
import contextvars
import gc
import heapq
import inspect
import io
import json
import linecache
import os
import signal
import subprocess
import sys
import time
import traceback
import warnings
from asyncio import base_events, events

FILENAME = "<playground>"
REAL_LIMIT_S = 5.0
VIRTUAL_LIMIT_S = 3600.0
DRIFT_S = 1e-6
MAX_ALARMS = 4          # after the first real-time alarm, give the program this many more
MAX_PRINTS = 100_000
FIFO_TIES = True


class HarnessTimeout(BaseException):
    """Raised into a program that runs too long (real or virtual), or deadlocks."""


class Clock:
    __slots__ = ("now", "thread_now", "task_counter", "timer_seq", "warnings")

    def __init__(self):
        self.now = 0.0
        self.thread_now = None  # inside asyncio.to_thread: the thread's own clock
        self.task_counter = 0
        self.timer_seq = 0
        self.warnings = []

    def check(self):
        if self.now > VIRTUAL_LIMIT_S:
            raise HarnessTimeout(f"virtual clock passed {VIRTUAL_LIMIT_S:.0f} s")


CLOCK = Clock()


class _State:
    """What the harness has done so far (for _give_up)."""

    def __init__(self):
        self.files = []
        self.results = []
        self.current = None
        self.alarms = 0
        self.leaked = []
        self.real_stdout = sys.stdout


STATE = _State()


class _FifoTimerHandle(events.TimerHandle):
    """A TimerHandle that breaks deadline ties by scheduling order."""

    __slots__ = ("_seq",)

    def __lt__(self, other):
        if isinstance(other, events.TimerHandle):
            if self._when != other._when:
                return self._when < other._when
            return self._seq < getattr(other, "_seq", 0)
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, events.TimerHandle):
            return self < other or self is other
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, events.TimerHandle):
            return other < self
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, events.TimerHandle):
            return other < self or self is other
        return NotImplemented


class _VirtualSelector:
    def __init__(self, loop):
        self._loop = loop

    def select(self, timeout):
        loop = self._loop
        if timeout is None:
            raise HarnessTimeout("deadlock: nothing ready and no timer scheduled")
        if timeout > 0:
            # _run_once computed timeout = when - time() for the earliest live timer: jump there
            # exactly (now + timeout could round one ulp off the deadline).
            when = loop._scheduled[0]._when if loop._scheduled else CLOCK.now + timeout
            CLOCK.now = max(CLOCK.now, when)
            CLOCK.check()
        return []

    def close(self):
        pass


class VirtualEventLoop(base_events.BaseEventLoop):
    def __init__(self):
        super().__init__()
        self._selector = _VirtualSelector(self)

    def time(self):
        return CLOCK.now

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        pass

    def call_at(self, when, callback, *args, context=None):
        if not FIFO_TIES:
            return super().call_at(when, callback, *args, context=context)
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        if self._debug:
            self._check_thread()
            self._check_callback(callback, "call_at")
        timer = _FifoTimerHandle(when, callback, args, self, context)
        CLOCK.timer_seq += 1
        timer._seq = CLOCK.timer_seq
        if timer._source_traceback:
            del timer._source_traceback[-1]
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

    def create_task(self, coro, *, name=None, context=None):
        # The C Task numbers unnamed tasks with a process-wide counter; number them per program.
        if name is None:
            CLOCK.task_counter += 1
            name = f"Task-{CLOCK.task_counter}"
        return super().create_task(coro, name=name, context=context)

    def default_exception_handler(self, context):
        CLOCK.warnings.append(str(context.get("message") or "Unhandled exception in event loop"))


class VirtualPolicy(events.BaseDefaultEventLoopPolicy):
    _loop_factory = VirtualEventLoop


# ---- the time module --------------------------------------------------------------------------

def v_clock_read():
    if CLOCK.thread_now is not None:
        t = CLOCK.thread_now
        CLOCK.thread_now = t + DRIFT_S
        return t
    t = CLOCK.now
    CLOCK.now = t + DRIFT_S
    if t > VIRTUAL_LIMIT_S:
        raise HarnessTimeout(f"virtual clock passed {VIRTUAL_LIMIT_S:.0f} s")
    return t


def v_sleep(secs):
    if secs < 0:
        raise ValueError("sleep length must be non-negative")
    if CLOCK.thread_now is not None:
        CLOCK.thread_now += secs
        return
    CLOCK.now += secs
    CLOCK.check()


async def v_to_thread(func, /, *args, **kwargs):
    """asyncio.to_thread on the virtual clock (see the module's docstring)."""
    loop = events.get_running_loop()
    ctx = contextvars.copy_context()
    start = CLOCK.thread_now = CLOCK.now
    try:
        result, error = ctx.run(func, *args, **kwargs), None
    except HarnessTimeout:
        raise
    except BaseException as e:  # the function's exception, raised in the awaiting task
        result, error = None, e
    finally:
        took = CLOCK.thread_now - start
        CLOCK.thread_now = None
    done = loop.create_future()
    loop.call_at(loop.time() + took, lambda: done.done() or done.set_result(None))
    try:
        await done
        if error is not None:
            raise error
        return result
    finally:
        error = None


v_to_thread.__name__ = v_to_thread.__qualname__ = "to_thread"  # as warnings name its coroutine


_TIME_PATCHES = {"time": v_clock_read, "perf_counter": v_clock_read, "monotonic": v_clock_read,
                 "sleep": v_sleep}


@contextlib.contextmanager
def patched_time():
    saved = {name: getattr(time, name) for name in _TIME_PATCHES}
    saved_to_thread = asyncio.to_thread
    try:
        for name, fn in _TIME_PATCHES.items():
            setattr(time, name, fn)
        asyncio.to_thread = asyncio.threads.to_thread = v_to_thread
        yield
    finally:
        for name, fn in saved.items():
            setattr(time, name, fn)
        asyncio.to_thread = asyncio.threads.to_thread = saved_to_thread


# ---- the real-time guard ----------------------------------------------------------------------

def _on_alarm(signum, frame):
    STATE.alarms += 1
    if STATE.alarms > MAX_ALARMS:
        _give_up()
    # Re-arm, in case the program swallows it (bare except / finally that loops).
    signal.setitimer(signal.ITIMER_REAL, 0.5)
    raise HarnessTimeout(f"more than {REAL_LIMIT_S:.0f} s of real time")


def _give_up():
    """The program keeps catching HarnessTimeout: report it, run the files after it in a fresh
    harness process, print everything and leave without running any more of this program."""
    signal.setitimer(signal.ITIMER_REAL, 0)
    current = STATE.current
    current["error"] = "HarnessTimeout"
    current["error_line"] = None
    current["traceback"] = "HarnessTimeout: the program kept running after being stopped\n"
    current["warnings"] = list(CLOCK.warnings)
    results = STATE.results + [current]
    rest = STATE.files[len(results):]
    if rest:
        flags = [] if FIFO_TIES else ["--heap-ties"]
        proc = subprocess.run([sys.executable, os.path.abspath(__file__), *flags, *rest],
                              stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, check=False)
        results += json.loads(proc.stdout)
    STATE.real_stdout.write(to_json(results))
    STATE.real_stdout.flush()
    os._exit(0)


@contextlib.contextmanager
def real_time_guard():
    old = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, REAL_LIMIT_S)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


# ---- running one program ----------------------------------------------------------------------

def _strip_to_program(tb):
    """Drops the harness (and asyncio.run machinery) frames in front of the program's first frame."""
    t = tb
    while t is not None and t.tb_frame.f_code.co_filename != FILENAME:
        t = t.tb_next
    return t if t is not None else tb


def _innermost_program_line(tb):
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == FILENAME:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _describe_error(exc, result):
    tb = _strip_to_program(exc.__traceback__)
    exc = exc.with_traceback(tb)
    if isinstance(exc, HarnessTimeout):
        result["error"] = "HarnessTimeout"
        result["traceback"] = f"HarnessTimeout: {exc}\n"
    else:
        lines = traceback.format_exception_only(type(exc), exc)
        result["error"] = lines[-1].strip() if lines else type(exc).__name__
        result["traceback"] = "".join(traceback.format_exception(type(exc), exc, tb))
    result["error_line"] = _innermost_program_line(tb)


def run_program(path):
    global CLOCK
    result = {"file": path, "prints": [], "error": None, "error_line": None,
              "traceback": None, "warnings": []}
    STATE.current = result
    STATE.alarms = 0
    asyncio.set_event_loop_policy(VirtualPolicy())  # in case the previous program replaced it
    try:
        with open(path, encoding="utf-8") as f:
            src = f.read()
    except (OSError, UnicodeError) as e:
        result["error"] = f"HarnessError: cannot read the file ({e})"
        return result
    linecache.cache[FILENAME] = (len(src), None, src.splitlines(True), FILENAME)

    clock = CLOCK = Clock()
    prints = result["prints"]

    def v_print(*args, sep=" ", end="\n", file=None, flush=False):
        if sep is None:
            sep = " "
        if end is None:
            end = "\n"
        if len(prints) >= MAX_PRINTS:
            raise HarnessTimeout(f"more than {MAX_PRINTS} prints")
        prints.append([round(clock.now * 1000, 3), sep.join(str(a) for a in args), end])

    program_builtins = dict(builtins.__dict__)
    program_builtins["print"] = v_print
    g = {"__name__": "__main__", "__builtins__": program_builtins, "__doc__": None}

    def showwarning(message, category, filename, lineno, file=None, line=None):
        clock.warnings.append(f"{category.__name__}: {message}")

    sink = io.StringIO()
    with warnings.catch_warnings(), contextlib.redirect_stdout(sink), \
            contextlib.redirect_stderr(sink):
        warnings.showwarning = showwarning
        try:
            code = compile(src, FILENAME, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT,
                           dont_inherit=True)
        except SyntaxError as e:
            result["error"] = f"{type(e).__name__}: {e.msg}"
            result["error_line"] = e.lineno
            result["traceback"] = "".join(traceback.format_exception_only(type(e), e))
            code = None
        if code is not None:
            with patched_time(), real_time_guard():
                exc = None
                try:
                    try:
                        if code.co_flags & inspect.CO_COROUTINE:
                            asyncio.run(eval(code, g))
                        else:
                            exec(code, g)
                    finally:
                        asyncio.set_event_loop(None)
                except BaseException as e:  # the program's errors, whatever they are
                    exc = e
                try:
                    if exc is not None:
                        _describe_error(exc, result)
                except BaseException as e:  # e.g. the program's __str__ failing
                    result["error"] = result["error"] or f"HarnessError: {e!r}"
                if isinstance(exc, HarnessTimeout):
                    # Its tasks may be stuck in loops that catch everything: keep all that the
                    # program made alive (never finalized), so none of its code runs again.
                    STATE.leaked.append((g, exc))
                    exc = None
                    gc.freeze()  # and no collection may finalize its unreachable tasks either
                    result["warnings"] = list(clock.warnings)
                    return result
                exc = None
                # Let never-awaited coroutines and never-retrieved task exceptions report now.
                try:
                    program_builtins_ref = g.get("__builtins__")
                    g.clear()
                    g["__builtins__"] = program_builtins_ref
                    gc.collect()
                except BaseException:
                    pass
    result["warnings"] = list(clock.warnings)
    linecache.cache.pop(FILENAME, None)
    return result


def main(argv):
    global FIFO_TIES
    files = []
    for arg in argv:
        if arg == "--heap-ties":
            FIFO_TIES = False
        else:
            files.append(arg)
    STATE.files = files
    STATE.real_stdout = sys.stdout
    for path in files:
        STATE.results.append(run_program(path))
    sys.stdout.write(to_json(STATE.results))
    sys.stdout.flush()
    if STATE.leaked:
        os._exit(0)  # no interpreter shutdown: it would finalize the stuck programs' coroutines


def to_json(results):
    """Valid JSON, laid out one print per line so diffs of two runs read well."""
    def dumps(value):
        return json.dumps(value, ensure_ascii=False)

    out = []
    for result in results:
        fields = []
        for key, value in result.items():
            if key in ("prints", "warnings") and value:
                items = ",\n    ".join(dumps(item) for item in value)
                fields.append(f'  {dumps(key)}: [\n    {items}\n  ]')
            else:
                fields.append(f"  {dumps(key)}: {dumps(value)}")
        out.append("{\n" + ",\n".join(fields) + "\n}")
    return "[\n" + ",\n".join(out) + "\n]\n"


if __name__ == "__main__":
    main(sys.argv[1:])
