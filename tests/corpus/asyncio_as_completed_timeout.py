import asyncio

async def download(name, seconds):
    await asyncio.sleep(seconds)
    return name

async def main():
    loop = asyncio.get_running_loop()
    coros = [download("a", 1), download("b", 5), download("c", 2)]
    try:
        for fut in asyncio.as_completed(coros, timeout=3):
            print(f"{loop.time():.1f}", await fut)
    except asyncio.TimeoutError:
        print(f"{loop.time():.1f} gave up waiting for the rest")

await main()
