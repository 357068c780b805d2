import asyncio

async def countdown(name, n, period):
    while n > 0:
        print(f"{asyncio.get_running_loop().time():.1f} {name}: {n}")
        await asyncio.sleep(period)
        n -= 1
    print(f"{asyncio.get_running_loop().time():.1f} {name}: liftoff")

async def main():
    a = asyncio.create_task(countdown("A", 3, 1))
    b = asyncio.create_task(countdown("B", 2, 1.5))
    await a
    await b

await main()
