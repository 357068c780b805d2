import asyncio
import time

async def main():
    start = time.perf_counter()
    await asyncio.gather(asyncio.sleep(1), asyncio.sleep(2))
    print(f"gather of sleep(1) and sleep(2): {time.perf_counter() - start:.2f}s")
    start = time.perf_counter()
    await asyncio.sleep(1)
    await asyncio.sleep(2)
    print(f"one after the other: {time.perf_counter() - start:.2f}s")

await main()
