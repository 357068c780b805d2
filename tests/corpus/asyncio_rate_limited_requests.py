import asyncio
import time

async def request(sem, n):
    async with sem:
        began = time.perf_counter() - start
        await asyncio.sleep(0.5)
        print(f"request {n}: {began:.1f}s -> {time.perf_counter() - start:.1f}s")
        return n

async def main():
    sem = asyncio.Semaphore(3)
    results = await asyncio.gather(*(request(sem, n) for n in range(8)))
    print(results, f"total {time.perf_counter() - start:.1f}s")

start = time.perf_counter()
await main()
