import asyncio
import time

start = time.monotonic()

def log(message):
    print(f"{time.monotonic() - start:.1f}s  {message}")

async def ticker():
    for n in range(4):
        log(f"tick {n}")
        await asyncio.sleep(0.5)

async def blocking_nap():
    time.sleep(1.5)  # blocks the whole event loop: ticker cannot run
    log("time.sleep(1.5) over")

async def polite_nap():
    await asyncio.sleep(1.5)  # suspends only this task
    log("asyncio.sleep(1.5) over")

async def main():
    log("-- time.sleep inside async def")
    await asyncio.gather(ticker(), blocking_nap())
    log("-- await asyncio.sleep instead")
    await asyncio.gather(ticker(), polite_nap())

await main()
