import asyncio

async def fetch(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} fetched at {asyncio.get_running_loop().time():.1f}")
    return name * 2

async def main():
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(fetch("a", 2))
        t2 = tg.create_task(fetch("b", 1), name="bee")
        print("tasks created:", t1.get_name(), t2.get_name())
    print("group finished:", t1.result(), t2.result())

await main()
