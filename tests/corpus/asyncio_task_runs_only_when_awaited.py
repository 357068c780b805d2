import asyncio

async def noisy(name):
    print(f"{name}: running")
    await asyncio.sleep(1)
    print(f"{name}: done")
    return name

async def main():
    task = asyncio.create_task(noisy("task"))
    coro = noisy("coroutine")
    print("task and coroutine created; nothing has run")
    print("task done?", task.done())
    await asyncio.sleep(0)
    print("after sleep(0) the task started, the coroutine did not")
    print(await coro)
    print(await task)

await main()
