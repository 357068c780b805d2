import asyncio

async def ticker(name, period, count):
    loop = asyncio.get_running_loop()
    for _ in range(count):
        await asyncio.sleep(period)
        print(f"{loop.time():6.2f} {name}")

async def main():
    loop = asyncio.get_running_loop()
    print("loop starts at", loop.time())
    await asyncio.gather(ticker("fast", 0.3, 5), ticker("slow", 0.7, 2))
    print(f"ends at {loop.time():.2f}")

await main()
