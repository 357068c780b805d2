import asyncio
import time

start = time.monotonic()

def log(message):
    print(f"{time.monotonic() - start:.1f}s  {message}")

async def save(item):
    await asyncio.sleep(1)
    log(f"saved {item}")

async def main():
    save("first")  # no await: this only makes a coroutine object, and drops it
    log("main went on, and 'first' was never saved")

    coro = save("second")
    log(f"save('second') is a {type(coro).__name__}; nothing has run yet")
    await coro  # now it runs
    log("done")

await main()
