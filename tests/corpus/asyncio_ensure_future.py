import asyncio

async def compute(x):
    await asyncio.sleep(0.5)
    return x + 1

async def main():
    task = asyncio.ensure_future(compute(1))
    print(type(task).__name__, task.get_name())
    same = asyncio.ensure_future(task)
    print("same object:", same is task)
    print(await task)
    fut = asyncio.get_running_loop().create_future()
    print(asyncio.ensure_future(fut) is fut, asyncio.isfuture(fut), asyncio.iscoroutinefunction(compute))

await main()
