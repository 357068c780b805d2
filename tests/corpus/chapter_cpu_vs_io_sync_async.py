import asyncio
import time

def sync_function():
    time.sleep(1)          # blocks: nothing else can run
    return "sync result"

async def async_function():
    await asyncio.sleep(1)  # non-blocking: other tasks run meanwhile
    return "async result"

async def main():
    start = time.perf_counter()
    result = sync_function()
    print(result, round(time.perf_counter() - start, 2))
    result = await async_function()
    print(result, round(time.perf_counter() - start, 2))
    results = await asyncio.gather(async_function(), async_function(), async_function())
    print(results, round(time.perf_counter() - start, 2))

await main()
