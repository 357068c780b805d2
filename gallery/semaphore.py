import asyncio
import time

start = time.monotonic()

def log(message):
    print(f"{time.monotonic() - start:.1f}s  {message}")

async def download(name, seconds, limit):
    async with limit:  # at most 2 inside at once; the others wait here
        log(f"start {name}")
        await asyncio.sleep(seconds)
        log(f"done  {name}")

async def main():
    limit = asyncio.Semaphore(2)
    files = {"a.zip": 1, "b.zip": 2, "c.zip": 1, "d.zip": 1.5, "e.zip": 0.5}
    await asyncio.gather(*(download(name, seconds, limit) for name, seconds in files.items()))
    log("all 5 downloads done")

await main()
