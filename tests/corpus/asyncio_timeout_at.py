import asyncio

async def main():
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 2.5
    try:
        async with asyncio.timeout_at(deadline):
            for i in range(10):
                await asyncio.sleep(1)
                print(f"tick {i} at {loop.time():.1f}")
    except TimeoutError:
        print(f"deadline {deadline:.1f} reached at {loop.time():.1f}")

asyncio.run(main())
