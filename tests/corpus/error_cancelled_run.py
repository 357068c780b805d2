import asyncio

async def sleeper():
    print("sleeping")
    await asyncio.sleep(5)

async def main():
    task = asyncio.create_task(sleeper())
    asyncio.get_running_loop().call_later(1, task.cancel)
    await task

asyncio.run(main())
