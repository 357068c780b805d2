import asyncio

async def main():
    loop = asyncio.get_running_loop()
    log = lambda msg: print(f"{loop.time():.1f} {msg}")
    loop.call_later(2, log, "call_later 2")
    loop.call_later(1, log, "call_later 1")
    loop.call_soon(log, "call_soon A")
    loop.call_soon(log, "call_soon B")
    handle = loop.call_later(1.5, log, "cancelled: never shown")
    handle.cancel()
    loop.call_at(loop.time() + 0.5, log, "call_at +0.5")
    log("main before sleeping")
    await asyncio.sleep(3)
    log("main done")

asyncio.run(main())
