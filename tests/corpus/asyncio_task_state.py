import asyncio

async def ok():
    await asyncio.sleep(1)
    return "value"

async def bad():
    await asyncio.sleep(1)
    raise ValueError("nope")

async def main():
    t_ok = asyncio.create_task(ok())
    t_bad = asyncio.create_task(bad())
    t_cancel = asyncio.create_task(ok())
    print("done:", t_ok.done(), t_bad.done(), t_cancel.done())
    try:
        t_ok.result()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    t_cancel.cancel()
    await asyncio.sleep(2)
    print("done:", t_ok.done(), t_bad.done(), t_cancel.done())
    print("result:", t_ok.result(), "exception:", t_ok.exception())
    print("bad exception:", repr(t_bad.exception()))
    print("cancelled:", t_ok.cancelled(), t_bad.cancelled(), t_cancel.cancelled())
    try:
        t_bad.result()
    except ValueError as e:
        print("result() re-raises:", e)
await main()
