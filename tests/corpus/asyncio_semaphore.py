import asyncio

async def download(sem, n):
    loop = asyncio.get_running_loop()
    async with sem:
        print(f"{loop.time():.1f} start {n}")
        await asyncio.sleep(1)
        print(f"{loop.time():.1f} end {n}")

async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(download(sem, n) for n in range(5)))
    print("locked?", sem.locked())

await main()
