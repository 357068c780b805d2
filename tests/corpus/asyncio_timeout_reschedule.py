import asyncio

async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(1) as cm:
            for i in range(4):
                await asyncio.sleep(0.8)
                new_deadline = loop.time() + 1
                cm.reschedule(new_deadline)
                print(f"step {i} at {loop.time():.1f}, deadline moved to {new_deadline:.1f}")
            await asyncio.sleep(2)
    except TimeoutError:
        print(f"expired at {loop.time():.1f}")

await main()
