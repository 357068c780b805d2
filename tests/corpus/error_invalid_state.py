import asyncio

async def slow():
    await asyncio.sleep(1)
    return "done"

async def main():
    task = asyncio.create_task(slow())
    await asyncio.sleep(0.5)
    print("asking for the result too early")
    print(task.result())

asyncio.run(main())
