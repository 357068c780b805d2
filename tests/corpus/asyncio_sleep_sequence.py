import asyncio

async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    for delay in [0.5, 1, 0.25, 2]:
        await asyncio.sleep(delay)
        print(f"slept {delay}, now {loop.time() - start:.2f}")
    print("total", loop.time() - start)

await main()
