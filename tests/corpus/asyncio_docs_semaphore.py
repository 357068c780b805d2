import asyncio

async def worker(sem, n):
    async with sem:
        print(f"{asyncio.get_running_loop().time():.1f} worker {n} working")
        await asyncio.sleep(1)

async def main():
    sem = asyncio.Semaphore(10)
    # ... later
    async with sem:
        print("work with shared resource")
    small = asyncio.Semaphore(3)
    await asyncio.gather(*(worker(small, n) for n in range(7)))

asyncio.run(main())
