import asyncio

async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(0):
            print("body starts even with timeout 0")
            await asyncio.sleep(0)
            print("not reached")
    except TimeoutError:
        print(f"expired at {loop.time()}")
    try:
        async with asyncio.timeout(-1):
            pass
        print("a body that never awaits finishes despite a past deadline")
    except TimeoutError:
        print("expired")

await main()
