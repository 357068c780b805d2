import asyncio
import time

async def task(n):
    await asyncio.sleep(0.5)
    return n

async def main():
    start = time.perf_counter()
    for n in range(4):
        await task(n)
    print(f"sequential: {time.perf_counter() - start:.2f}s")
    start = time.perf_counter()
    await asyncio.gather(*(task(n) for n in range(4)))
    print(f"concurrent: {time.perf_counter() - start:.2f}s")
    start = time.perf_counter()
    tasks = [asyncio.create_task(task(n)) for n in range(4)]
    for t in tasks:
        await t
    print(f"tasks awaited one by one: {time.perf_counter() - start:.2f}s")

asyncio.run(main())
