import asyncio
import time
# 44.3 without aiohttp: each "download" is a sleep
DELAYS = {"python": 0.4, "github": 0.3, "torvalds": 0.35}

async def fetch_url(name):
    await asyncio.sleep(DELAYS[name])
    return "x" * (1200 + len(name) * 7)

async def fetch_all_sync_style():
    for name in DELAYS:
        data = await fetch_url(name)
        print(f"Fetched {len(data)} bytes from {name}")

async def fetch_all_async_style():
    results = await asyncio.gather(*[fetch_url(name) for name in DELAYS])
    for name, data in zip(DELAYS, results):
        print(f"Fetched {len(data)} bytes from {name}")

async def main():
    print("Synchronous style:")
    start = time.time()
    await fetch_all_sync_style()
    print(f"Time: {time.time() - start:.2f}s\n")
    print("Asynchronous style:")
    start = time.time()
    await fetch_all_async_style()
    print(f"Time: {time.time() - start:.2f}s")

await main()
