import asyncio

async def answer():
    print("computing once")
    await asyncio.sleep(1)
    return 42

async def main():
    task = asyncio.create_task(answer())
    first = await task
    second = await task
    print(first, second, "task ran once")
    results = await asyncio.gather(task, task)
    print(results)
    coro = answer()
    await coro
    try:
        await coro
    except RuntimeError as e:
        print("RuntimeError:", e)

await main()
