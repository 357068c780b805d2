import asyncio

async def some_coro(name, delay):
    await asyncio.sleep(delay)
    return f"{name} after {delay}s"

async def another_coro():
    await asyncio.sleep(1.5)
    return "another"

async def main():
    async with asyncio.TaskGroup() as tg:
        task1 = tg.create_task(some_coro("first", 1))
        task2 = tg.create_task(another_coro())
    print(f"Both tasks have completed now: {task1.result()}, {task2.result()}")

asyncio.run(main())
