import asyncio

async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(3):
            try:
                async with asyncio.timeout(1):
                    await asyncio.sleep(2)
            except TimeoutError:
                print(f"inner timeout at {loop.time():.1f}")
            await asyncio.sleep(5)
    except TimeoutError:
        print(f"outer timeout at {loop.time():.1f}")

await main()
