import asyncio

async def fails():
    await asyncio.sleep(0.5)
    raise RuntimeError("nobody looks at me")

async def main():
    task = asyncio.create_task(fails())
    await asyncio.sleep(1)
    print("task done:", task.done())
    del task
    print("main finished without retrieving the exception")

await main()
