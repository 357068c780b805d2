import asyncio

async def compute():
    await asyncio.sleep(1)
    return "computed"

async def main():
    loop = asyncio.get_running_loop()
    result = await asyncio.wait_for(compute(), timeout=2)
    print(result, f"at {loop.time():.1f}")
    result = await asyncio.wait_for(compute(), timeout=None)
    print(result, f"at {loop.time():.1f}")

await main()
