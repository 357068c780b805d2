import asyncio
import time

start = time.monotonic()

def log(message):
    print(f"{time.monotonic() - start:.1f}s  {message}")

async def readings(count, every):
    """An async generator: it may await between two values."""
    for n in range(1, count + 1):
        await asyncio.sleep(every)
        yield n * 10

async def main():
    async for value in readings(3, 1):  # each value as soon as it is made
        log(f"got {value}")

    total = sum([value async for value in readings(4, 0.5)])
    log(f"the sum of four more: {total}")

await main()
