import asyncio
import time

start = time.monotonic()

def log(message):
    print(f"{time.monotonic() - start:.1f}s  {message}")

async def slow_answer(seconds):
    try:
        await asyncio.sleep(seconds)
        return f"the answer, after {seconds}s"
    except asyncio.CancelledError:
        log(f"slow_answer({seconds}) was cancelled")
        raise

async def main():
    # In time: wait_for returns the coroutine's result.
    log(await asyncio.wait_for(slow_answer(1), timeout=2))

    # Too slow: wait_for cancels the coroutine, then raises TimeoutError.
    try:
        await asyncio.wait_for(slow_answer(5), timeout=2)
    except TimeoutError:
        log("wait_for gave up after 2s")

    # asyncio.timeout() puts one deadline on a whole block.
    try:
        async with asyncio.timeout(1.5):
            log(await slow_answer(1))
            log(await slow_answer(1))
    except TimeoutError:
        log("the block ran out of time")

await main()
