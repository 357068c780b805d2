import asyncio

async def square(n):
    await asyncio.sleep(n * 0.1)
    return n * n

async def main():
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(square(n)) for n in range(6)]
    print([t.result() for t in tasks])
    print(sum(t.result() for t in tasks), all(t.done() for t in tasks))
    print(f"{asyncio.get_running_loop().time():.2f}")

await main()
