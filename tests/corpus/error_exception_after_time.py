import asyncio
import time

async def tick(n):
    for i in range(n):
        await asyncio.sleep(0.5)
        print(f"{time.perf_counter() - start:.1f} tick {i}")
    raise OverflowError(f"ticked {n} times")

start = time.perf_counter()
await asyncio.gather(tick(3), tick(5))
