"""Runs the Python code the playground shows, under real CPython, with time scaled down.

Used by tests/cpython_check.rs; can also be run by hand:

    python3 tests/cpython_harness.py < cases.json

stdin is one JSON object:

    {"scale": 0.1,                                     # a case may override it with its own "scale"
     "cases": [{"code": "<the page's Python>",
                "latency": 0.3,                       # aiohttp's simulated latency, seconds at 1x
                "bodies": {"https://...": "<body>"}}]} # what response.text() returns per URL

Each case is compiled with ast.PyCF_ALLOW_TOP_LEVEL_AWAIT (the chapter writes `await main()` at the
top level, as in a notebook) and run in a fresh event loop (asyncio.run) with fresh globals.

Time is scaled by `scale` so a 10 s scenario takes 1 s: asyncio.sleep(d) really sleeps d*scale, and
time.time() / time.perf_counter() report start + elapsed/scale, so what the program prints (and the
busy loop of cpu_work) stays at 1x. The GIL switch interval is scaled the same way, so a worker
thread holding the GIL delays the loop no more (at 1x) than it would unscaled. The event loop's own
clock (time.monotonic) is left alone.

For each case, stdout gets (program output is captured, so markers never interleave with it):

    @@case <index> <number of lines>
    <the program's stdout, line by line>
    @@total <seconds at 1x the whole top-level code took>

or, if the program raised:

    @@error <index> <number of lines>
    <what it printed, then the traceback, line by line>
"""

import ast
import asyncio
import contextlib
import io
import json
import sys
import time
import traceback
import types

_real_sleep = asyncio.sleep
_real_perf_counter = time.perf_counter
_real_time = time.time

SCALE = 1.0
_PERF_ZERO = _real_perf_counter()
_TIME_ZERO = _real_time()


def _elapsed_1x():
    return (_real_perf_counter() - _PERF_ZERO) / SCALE


async def scaled_sleep(delay, result=None):
    # sleep(0) stays sleep(0): asyncio special-cases it as a bare yield to the loop.
    return await _real_sleep(delay * SCALE, result)


def scaled_time():
    return _TIME_ZERO + _elapsed_1x()


def scaled_perf_counter():
    return _PERF_ZERO + _elapsed_1x()


# ---- a stand-in for aiohttp: ClientSession().get(url) waits the simulated latency ------------------

_LATENCY = 0.0
_BODIES = {}


class _Response:
    def __init__(self, url):
        self.url = url
        self.status = 200

    async def text(self):
        return _BODIES.get(self.url, "")


class _RequestContextManager:
    def __init__(self, url):
        self._url = url

    async def __aenter__(self):
        # Headers (and here the whole body) arrive after the latency, as one network wait.
        await _real_sleep(_LATENCY * SCALE)
        return _Response(self._url)

    async def __aexit__(self, exc_type, exc, tb):
        return False


class _ClientSession:
    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        return False

    def get(self, url):
        return _RequestContextManager(url)


def _install_fakes():
    fake = types.ModuleType("aiohttp")
    fake.ClientSession = _ClientSession
    sys.modules["aiohttp"] = fake
    asyncio.sleep = scaled_sleep
    time.time = scaled_time
    time.perf_counter = scaled_perf_counter


# ---- running one case ------------------------------------------------------------------------------


def run_case(code_text, out):
    """Runs the code with its stdout going to `out`; returns the total seconds at 1x."""
    code = compile(code_text, "<scenario>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    env = {"__name__": "__main__", "__builtins__": __builtins__}

    async def top_level():
        started = _real_perf_counter()
        body = eval(code, env)  # a coroutine when the code has a top-level await, else it already ran
        if body is not None:
            await body
        return (_real_perf_counter() - started) / SCALE

    with contextlib.redirect_stdout(out):
        return asyncio.run(top_level())


def _emit(header, index, text):
    # print("a") writes "a\n": one line. print() writes "\n": one empty line. Nothing: no line.
    lines = text[:-1].split("\n") if text.endswith("\n") else text.split("\n") if text else []
    sys.stdout.write(f"@@{header} {index} {len(lines)}\n")
    for line in lines:
        sys.stdout.write(line + "\n")


def main():
    global SCALE, _LATENCY, _BODIES
    request = json.load(sys.stdin)
    switch_interval = sys.getswitchinterval()
    _install_fakes()
    for index, case in enumerate(request["cases"]):
        SCALE = float(case.get("scale", request["scale"]))
        sys.setswitchinterval(switch_interval * SCALE)
        _LATENCY = float(case.get("latency", 0.0))
        _BODIES = dict(case.get("bodies", {}))
        out = io.StringIO()
        try:
            total = run_case(case["code"], out)
        except BaseException:  # report everything, also a CancelledError or SystemExit
            _emit("error", index, out.getvalue() + "---- raised:\n" + traceback.format_exc())
            sys.stdout.flush()
            continue
        _emit("case", index, out.getvalue())
        sys.stdout.write(f"@@total {total:.6f}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
