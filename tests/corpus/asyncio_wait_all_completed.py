import asyncio

async def job(n):
    await asyncio.sleep(n / 2)
    return n * n

async def main():
    loop = asyncio.get_running_loop()
    tasks = [asyncio.create_task(job(n)) for n in range(1, 5)]
    done, pending = await asyncio.wait(tasks)
    print(f"all done at {loop.time():.1f}, {len(done)} done, {len(pending)} pending")
    print(sorted(t.result() for t in done))
    print([t.result() for t in tasks])

asyncio.run(main())
