import asyncio

async def grandchild(n):
    await asyncio.sleep(0.5)
    return n * 10

async def child(n):
    tasks = [asyncio.create_task(grandchild(n + i)) for i in range(2)]
    values = [await t for t in tasks]
    print(f"{asyncio.get_running_loop().time():.1f} child {n} -> {values}")
    return sum(values)

async def main():
    first = asyncio.create_task(child(1))
    await asyncio.sleep(0.25)
    second = asyncio.create_task(child(5))
    print(await first, await second)
    print("names:", first.get_name(), second.get_name())

await main()
