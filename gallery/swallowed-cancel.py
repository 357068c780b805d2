import asyncio
import time

start = time.monotonic()

def log(message):
    print(f"{time.monotonic() - start:.1f}s  {message}")

async def stubborn():
    for step in range(1, 4):
        try:
            await asyncio.sleep(1)
            log(f"step {step} done")
        except asyncio.CancelledError:
            log(f"step {step} cancelled, and the error is swallowed")  # no raise

async def main():
    try:
        async with asyncio.timeout(1.5):
            await stubborn()
        log("the block ran to its end: the 1.5 s timeout did not stop it")
    except TimeoutError:
        log("timed out")

await main()
