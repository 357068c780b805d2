import asyncio
import time

async def main():
    t0 = time.perf_counter()
    t1 = time.perf_counter()
    print("two reads in a row differ by", round((t1 - t0) * 1e6), "microsecond(s)")
    await asyncio.sleep(1)
    t2 = time.perf_counter()
    print(f"after sleep(1): {t2 - t0:.6f}")
    print(f"time.time and time.monotonic agree: {abs(time.time() - time.monotonic()) < 1e-3}")
    loop = asyncio.get_running_loop()
    print(f"loop.time() {loop.time():.6f}")

await main()
