import asyncio

async def worker():
    print("worker: start")
    try:
        await asyncio.sleep(10)
    finally:
        print(f"worker: cleanup in finally at {asyncio.get_running_loop().time():.1f}")

async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(1)
    print("main: cancelling, cancel() returned", task.cancel())
    try:
        await task
    except asyncio.CancelledError:
        print("main: task raised CancelledError")
    print("cancelled:", task.cancelled(), "done:", task.done())
    print("cancel() again returns", task.cancel())

await main()
