import asyncio

async def work(name):
    print(f"{name} begins")
    await asyncio.sleep(1)
    print(f"{name} ends")
    return name

async def main():
    loop = asyncio.get_running_loop()
    print("-- gather of coroutines: wrapped into tasks by gather")
    print(await asyncio.gather(work("c1"), work("c2")))
    print("-- gather of tasks created earlier: they already started")
    t1 = asyncio.create_task(work("t1"))
    t2 = asyncio.create_task(work("t2"))
    await asyncio.sleep(0.5)
    print(f"half-way {loop.time():.1f}")
    print(await asyncio.gather(t1, t2))
    print(f"end {loop.time():.1f}")

await main()
