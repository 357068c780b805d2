import asyncio

async def job(n):
    await asyncio.sleep(n)
    if n == 2:
        raise ValueError("two")
    return n

async def main():
    tasks = [asyncio.create_task(job(n)) for n in (1, 2, 3)]
    done, pending = await asyncio.wait(tasks)
    print(f"{asyncio.get_running_loop().time():.0f} done {len(done)} pending {len(pending)}")
    for t in tasks:
        print(t.get_name(), "->", repr(t.exception()) if t.exception() else t.result())
    print(asyncio.ALL_COMPLETED, asyncio.FIRST_COMPLETED, asyncio.FIRST_EXCEPTION)

await main()
