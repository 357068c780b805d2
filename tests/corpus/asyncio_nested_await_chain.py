import asyncio

async def level3(x):
    await asyncio.sleep(0.1)
    print(f"level3 at {asyncio.get_running_loop().time():.1f}")
    return x * 2

async def level2(x):
    y = await level3(x)
    await asyncio.sleep(0.2)
    return y + 1

async def level1(x):
    z = await level2(x)
    return f"result {z}"

async def main():
    print(await level1(5))
    print(await asyncio.gather(level1(1), level1(2)))
    print(f"{asyncio.get_running_loop().time():.1f}")

await main()
