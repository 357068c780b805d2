import asyncio

async def worker():
    try:
        await asyncio.sleep(3)
    except asyncio.CancelledError as e:
        print("worker got args:", e.args)
        raise

async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(0.5)
    task.cancel("shutting down")
    try:
        await task
    except asyncio.CancelledError as e:
        print("main got args:", e.args)

await main()
