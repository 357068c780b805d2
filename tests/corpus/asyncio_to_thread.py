import asyncio
import time

def blocking(name, seconds):
    began = time.monotonic()
    time.sleep(seconds)
    return f"{name} took {time.monotonic() - began:.1f}s"

def broken():
    time.sleep(0.5)
    raise ValueError("the thread failed")

async def main():
    start = time.monotonic()
    print(await asyncio.to_thread(blocking, "a", 1))
    print(f"{time.monotonic() - start:.1f}s")
    print(await asyncio.gather(asyncio.to_thread(blocking, "b", 2), asyncio.sleep(1, "slept")))
    try:
        await asyncio.to_thread(broken)
    except ValueError as e:
        print(f"caught {e!r} at {time.monotonic() - start:.1f}s")
    try:
        await asyncio.wait_for(asyncio.to_thread(blocking, "c", 5), timeout=1)
    except TimeoutError:
        print(f"gave up waiting at {time.monotonic() - start:.1f}s")
    print(await asyncio.to_thread(sum, [1, 2, 3]))

await main()
