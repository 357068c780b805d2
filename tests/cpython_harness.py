"""Runs the Python code the playground shows, under real CPython, with time scaled down.

Used by tests/cpython_check.rs; can also be run by hand:

    python3 tests/cpython_harness.py < cases.json

stdin is one JSON object:

    {"scale": 0.1,                                     # a case may override it with its own "scale"
     "cases": [{"code": "<the page's Python>",
                "responses": {"https://...": {         # what the fake aiohttp answers per URL:
                    "head": 0.3,                       #   seconds (1x) until the status and headers
                    "body": 0.1,                       #   seconds response.text() then takes
                    "status": 200, "reason": "OK",
                    "text": "<body>",                  #   what response.text() returns
                    "error": null}}}]}                 #   or ["ClientConnectorError", "message"]:
                                                       #   raised after `head` instead

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
    [@@exception <Class: message, as a traceback's last line>]   if the top-level code raised
    @@total <seconds at 1x the whole top-level code took, until it returned or raised>

or, if the harness itself failed (or the program raised something outside Exception):

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


# ---- a stand-in for aiohttp, as far as the chapter's code uses it ---------------------------------
# session.get(url, raise_for_status=, timeout=) awaits the head, response.text() the body; the
# timeout covers both (ClientTimeout(total=)); closing the session fails the requests still going
# with ClientConnectionError('Connector is closed.'). Checked against aiohttp 3.14.

_RESPONSES = {}


class ClientError(Exception):
    pass


class ClientConnectionError(ClientError):
    pass


class ClientConnectorError(ClientConnectionError):
    pass


class ClientResponseError(ClientError):
    def __init__(self, status, message, url):
        super().__init__(status, message, url)
        self.status, self.message, self.url = status, message, url

    def __str__(self):
        return f"{self.status}, message={self.message!r}, url={self.url!r}"


_ERRORS = {cls.__name__: cls for cls in (ClientError, ClientConnectionError, ClientConnectorError)}


class ClientTimeout:
    def __init__(self, total=None):
        self.total = total


class _Response:
    def __init__(self, session, url, spec, deadline):
        self._session, self.url, self._spec, self._deadline = session, url, spec, deadline
        self.status = spec["status"]
        self.reason = spec["reason"]

    async def text(self):
        if self._spec["body"] > 0:
            await self._session._wait(self._spec["body"], self._deadline)
        return self._spec["text"]


class _RequestContextManager:
    def __init__(self, session, url, raise_for_status, timeout):
        self._session, self._url = session, url
        self._raise, self._timeout = raise_for_status, timeout

    async def __aenter__(self):
        spec = _RESPONSES[self._url]
        loop = asyncio.get_running_loop()
        total = self._timeout.total if self._timeout is not None else None
        deadline = None if total is None else loop.time() + total * SCALE
        await self._session._wait(spec["head"], deadline)
        if spec.get("error"):
            kind, message = spec["error"]
            raise _ERRORS[kind](message)
        if self._raise and spec["status"] >= 400:
            raise ClientResponseError(spec["status"], spec["reason"], self._url)
        return _Response(self._session, self._url, spec, deadline)

    async def __aexit__(self, exc_type, exc, tb):
        return False


class _ClientSession:
    def __init__(self):
        self._waiting = set()

    async def _wait(self, seconds, deadline):
        """Waits `seconds` (1x) unless the deadline comes first (TimeoutError) or the session closes."""
        loop = asyncio.get_running_loop()
        end = loop.time() + seconds * SCALE
        timed_out = deadline is not None and deadline < end
        waiter = loop.create_future()
        handle = loop.call_at(deadline if timed_out else end, lambda: waiter.done() or waiter.set_result(None))
        self._waiting.add(waiter)
        try:
            await waiter
        finally:
            handle.cancel()
            self._waiting.discard(waiter)
        if timed_out:
            raise asyncio.TimeoutError()

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        pending = [w for w in self._waiting if not w.done()]
        for waiter in pending:
            waiter.set_exception(ClientConnectionError("Connector is closed."))
        if pending:
            await _real_sleep(0)
        return False

    def get(self, url, raise_for_status=False, timeout=None):
        return _RequestContextManager(self, url, raise_for_status, timeout)


def _install_fakes():
    fake = types.ModuleType("aiohttp")
    fake.ClientSession = _ClientSession
    fake.ClientTimeout = ClientTimeout
    fake.ClientError = ClientError
    fake.ClientConnectionError = ClientConnectionError
    fake.ClientConnectorError = ClientConnectorError
    fake.ClientResponseError = ClientResponseError
    sys.modules["aiohttp"] = fake
    asyncio.sleep = scaled_sleep
    time.time = scaled_time
    time.perf_counter = scaled_perf_counter


# ---- running one case ------------------------------------------------------------------------------


def run_case(code_text, out):
    """Runs the code with its stdout going to `out`; returns the total seconds at 1x and the
    exception the top-level code raised (None if it returned)."""
    code = compile(code_text, "<scenario>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    env = {"__name__": "__main__", "__builtins__": __builtins__}

    async def top_level():
        started = _real_perf_counter()
        raised = None
        try:
            body = eval(code, env)  # a coroutine when the code has a top-level await, else it already ran
            if body is not None:
                await body
        except Exception as error:  # the program's own exception, compared with the virtual clock's
            raised = error
        return (_real_perf_counter() - started) / SCALE, raised

    with contextlib.redirect_stdout(out):
        return asyncio.run(top_level())


def exception_line(error):
    """The last line of a traceback: `TimeoutError`, or `ClientResponseError: 404, message=...`."""
    text = str(error)
    return type(error).__name__ + (f": {text}" if text else "")


def _emit(header, index, text):
    # print("a") writes "a\n": one line. print() writes "\n": one empty line. Nothing: no line.
    lines = text[:-1].split("\n") if text.endswith("\n") else text.split("\n") if text else []
    sys.stdout.write(f"@@{header} {index} {len(lines)}\n")
    for line in lines:
        sys.stdout.write(line + "\n")


def main():
    global SCALE, _RESPONSES
    request = json.load(sys.stdin)
    switch_interval = sys.getswitchinterval()
    _install_fakes()
    for index, case in enumerate(request["cases"]):
        SCALE = float(case.get("scale", request["scale"]))
        sys.setswitchinterval(switch_interval * SCALE)
        _RESPONSES = dict(case.get("responses", {}))
        out = io.StringIO()
        try:
            total, raised = run_case(case["code"], out)
        except BaseException:  # report everything, also a CancelledError or SystemExit
            _emit("error", index, out.getvalue() + "---- raised:\n" + traceback.format_exc())
            sys.stdout.flush()
            continue
        _emit("case", index, out.getvalue())
        if raised is not None:
            sys.stdout.write(f"@@exception {exception_line(raised)}\n")
        sys.stdout.write(f"@@total {total:.6f}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
