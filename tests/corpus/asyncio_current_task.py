import asyncio

async def report(label):
    task = asyncio.current_task()
    print(f"{label}: running in {task.get_name()}")
    await asyncio.sleep(0.1)
    return task.get_name()

async def main():
    me = asyncio.current_task()
    print("main task:", me.get_name(), "done?", me.done())
    print(await report("awaited directly"))
    print(await asyncio.create_task(report("own task"), name="worker"))
    print(await asyncio.gather(report("gather-1"), report("gather-2")))

await main()
