import asyncio
import time

async def heartbeat():
    for _ in range(4):
        print(f"{time.perf_counter() - start:.1f} beat")
        await asyncio.sleep(0.5)

async def blocker():
    await asyncio.sleep(0.6)
    print(f"{time.perf_counter() - start:.1f} blocking time.sleep(1) starts")
    time.sleep(1)
    print(f"{time.perf_counter() - start:.1f} blocking sleep over")

async def main():
    await asyncio.gather(heartbeat(), blocker())

start = time.perf_counter()
await main()
print(f"total {time.perf_counter() - start:.1f}")
