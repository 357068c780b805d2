import asyncio

async def foo():
    await asyncio.sleep(0.5)
    return 42

async def main():
    task = asyncio.create_task(foo())
    done, pending = await asyncio.wait({task})

    if task in done:
        # Everything will work as expected now.
        print("task is in done:", task.result())
    print(len(done), len(pending))

asyncio.run(main())
