import asyncio

async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(2):
        await asyncio.sleep(1)
        print(f"fast enough at {loop.time():.1f}")
    try:
        async with asyncio.timeout(1.5) as cm:
            print("deadline", cm.when())
            await asyncio.sleep(5)
            print("not reached")
    except TimeoutError:
        print(f"timed out at {loop.time():.1f}, expired={cm.expired()}")
    async with asyncio.timeout(None) as cm:
        await asyncio.sleep(0.5)
        print("no deadline:", cm.when())

await main()
