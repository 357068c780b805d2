import asyncio
import time

start = time.monotonic()

def log(message):
    print(f"{time.monotonic() - start:.1f}s  {message}")

def read_sensor(name, seconds):
    """A blocking call (an old library, a slow file): it never awaits."""
    time.sleep(seconds)
    return f"{name}: 21.5 C"

async def ticker():
    for _ in range(3):
        await asyncio.sleep(0.5)
        log("the loop is free")

async def main():
    reading, _ = await asyncio.gather(asyncio.to_thread(read_sensor, "kitchen", 2), ticker())
    log(reading)

    # Two threads block side by side: 1 s in all, not 2.
    readings = await asyncio.gather(
        asyncio.to_thread(read_sensor, "hall", 1),
        asyncio.to_thread(read_sensor, "attic", 1),
    )
    log(readings)

await main()
