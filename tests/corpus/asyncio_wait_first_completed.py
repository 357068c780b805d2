import asyncio

async def job(name, delay):
    await asyncio.sleep(delay)
    return name

async def main():
    loop = asyncio.get_running_loop()
    tasks = [asyncio.create_task(job(n, d), name=n) for n, d in [("a", 3), ("b", 1), ("c", 2)]]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(f"t={loop.time():.1f} done={sorted(t.result() for t in done)} pending={sorted(t.get_name() for t in pending)}")
    done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
    print(f"t={loop.time():.1f} done={sorted(t.result() for t in done)} pending={len(pending)}")
    for t in pending:
        t.cancel()
    await asyncio.sleep(0)
    print([t.cancelled() for t in tasks])

await main()
