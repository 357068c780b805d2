import asyncio
import time

start = time.monotonic()

def log(message):
    print(f"{time.monotonic() - start:.1f}s  {message}")

async def runner(name, gun):
    log(f"{name} waits for the start")
    await gun.wait()
    log(f"{name} runs")

async def main():
    gun = asyncio.Event()
    runners = [asyncio.create_task(runner(name, gun)) for name in ("Ann", "Ben", "Cat")]
    await asyncio.sleep(2)
    log("bang: gun.set()")
    gun.set()  # releases every waiter at once
    await asyncio.gather(*runners)

    log(f"is_set() = {gun.is_set()}, so a late runner does not wait at all")
    await runner("Dan", gun)

await main()
