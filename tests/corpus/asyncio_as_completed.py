import asyncio

async def download(name, seconds):
    await asyncio.sleep(seconds)
    return f"{name} ({seconds}s)"

async def main():
    loop = asyncio.get_running_loop()
    coros = [download("big", 3), download("small", 1), download("medium", 2)]
    for i, next_done in enumerate(asyncio.as_completed(coros), start=1):
        result = await next_done
        print(f"#{i} at {loop.time():.1f}: {result}")

await main()
