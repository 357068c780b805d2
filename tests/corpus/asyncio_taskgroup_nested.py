import asyncio

async def leaf(path, delay):
    await asyncio.sleep(delay)
    print(f"{asyncio.get_running_loop().time():.1f} {path}")

async def subgroup(prefix):
    async with asyncio.TaskGroup() as tg:
        for i in range(2):
            tg.create_task(leaf(f"{prefix}/{i}", 0.5 * (i + 1)))
    print(f"subgroup {prefix} closed")

async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(subgroup("left"))
        tg.create_task(subgroup("right"))
        tg.create_task(leaf("top", 0.75))
    print("outer group closed")

await main()
