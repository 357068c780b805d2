import asyncio

async def stubborn():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("stubborn: ignoring the cancellation")
    await asyncio.sleep(1)
    return "finished anyway"

async def main():
    task = asyncio.create_task(stubborn())
    await asyncio.sleep(1)
    task.cancel()
    result = await task
    print(result, "cancelled():", task.cancelled(), f"t={asyncio.get_running_loop().time():.1f}")

await main()
