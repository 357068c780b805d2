import asyncio
import time

async def timer():
    await asyncio.sleep(0.1)
    print(f"timer wanted 0.10, woke at {loop.time():.2f}")

async def busy():
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < 0.25:
        pass
    print(f"busy loop done at {loop.time():.2f}")

async def main():
    global loop
    loop = asyncio.get_running_loop()
    await asyncio.gather(timer(), busy())

await main()
