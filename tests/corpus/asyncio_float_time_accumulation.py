import asyncio

async def main():
    loop = asyncio.get_running_loop()
    for _ in range(10):
        await asyncio.sleep(0.1)
    print("ten sleeps of 0.1:", loop.time())
    print("one sleep of 1.0 more:", loop.time() + 1.0)
    await asyncio.sleep(1.0)
    print("loop.time():", loop.time())
    await asyncio.sleep(0.3)
    print(repr(loop.time()), round(loop.time(), 2))

await main()
