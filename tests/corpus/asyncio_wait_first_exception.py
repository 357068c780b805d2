import asyncio

async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ValueError(f"{name} failed")
    return name

async def main():
    loop = asyncio.get_running_loop()
    tasks = [
        asyncio.create_task(job("ok1", 0.5), name="ok1"),
        asyncio.create_task(job("bad", 1, fail=True), name="bad"),
        asyncio.create_task(job("ok2", 5), name="ok2"),
    ]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print(f"returned at {loop.time():.1f}")
    for t in sorted(done, key=lambda t: t.get_name()):
        print(" done:", t.get_name(), repr(t.exception()))
    print(" pending:", sorted(t.get_name() for t in pending))
    for t in pending:
        t.cancel()

await main()
