import asyncio

async def worker(name, delay):
    try:
        await asyncio.sleep(delay)
        print(f"{name} done")
    except asyncio.CancelledError:
        print(f"{name} cancelled at {asyncio.get_running_loop().time():.1f}")
        raise

async def failing():
    await asyncio.sleep(1)
    raise ValueError("worker crashed")

# (A TaskGroup cancels its other tasks in set order, so only one task here gets cancelled.)
async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(worker("quick", 0.5))
            tg.create_task(failing())
            tg.create_task(worker("slow", 5))
    except* ValueError as eg:
        print("caught group:", eg)
        for e in eg.exceptions:
            print("  inner:", repr(e))
    print(f"after the group at {asyncio.get_running_loop().time():.1f}")

await main()
