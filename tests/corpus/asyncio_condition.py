import asyncio

async def consumer(cond, items, name):
    async with cond:
        await cond.wait_for(lambda: len(items) > 0)
        item = items.pop(0)
        print(f"{asyncio.get_running_loop().time():.1f} {name} took {item}")

async def producer(cond, items):
    for i in range(3):
        await asyncio.sleep(1)
        async with cond:
            items.append(f"item{i}")
            cond.notify()
            print(f"{asyncio.get_running_loop().time():.1f} produced item{i}")

async def main():
    cond = asyncio.Condition()
    items = []
    await asyncio.gather(consumer(cond, items, "c1"), consumer(cond, items, "c2"),
                         consumer(cond, items, "c3"), producer(cond, items))

await main()
