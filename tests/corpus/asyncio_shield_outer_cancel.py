import asyncio

async def inner():
    await asyncio.sleep(3)
    print("inner done")
    return 7

async def outer(task):
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        print("outer was cancelled")
        raise

async def main():
    inner_task = asyncio.create_task(inner())
    outer_task = asyncio.create_task(outer(inner_task))
    await asyncio.sleep(1)
    outer_task.cancel()
    await asyncio.sleep(0)
    print("outer cancelled:", outer_task.cancelled(), "inner done:", inner_task.done())
    print("inner result:", await inner_task)

asyncio.run(main())
