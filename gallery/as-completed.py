import asyncio
import time

start = time.monotonic()

def log(message):
    print(f"{time.monotonic() - start:.1f}s  {message}")

async def fetch(name, seconds):
    await asyncio.sleep(seconds)
    return f"{name} ({seconds}s)"

async def main():
    # gather: results in the order the coroutines were passed, all at the end.
    results = await asyncio.gather(fetch("slow", 3), fetch("fast", 1), fetch("medium", 2))
    log(f"gather: {results}")

    # as_completed: each result as soon as it is ready, fastest first.
    coros = [fetch("slow", 3), fetch("fast", 1), fetch("medium", 2)]
    for next_done in asyncio.as_completed(coros):
        result = await next_done
        log(f"as_completed: {result}")

await main()
