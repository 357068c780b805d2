import asyncio

async def quitter():
    print("quitter: cancelling myself")
    asyncio.current_task().cancel()
    print("quitter: still running until the next await")
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("quitter: cancelled at the await")
        raise

async def main():
    task = asyncio.create_task(quitter())
    await asyncio.gather(task, return_exceptions=True)
    print("cancelled:", task.cancelled(), f"at {asyncio.get_running_loop().time()}")

await main()
