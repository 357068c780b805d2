import asyncio
import time

start = time.monotonic()

def log(message):
    print(f"{time.monotonic() - start:.1f}s  {message}")

async def job(name, seconds, fail=False):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        log(f"{name} was cancelled")
        raise
    if fail:
        raise ValueError(f"{name} broke")
    log(f"{name} done")
    return name

async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(job("a", 1))
        b = tg.create_task(job("b", 2))
    log(f"the group waited for both: {a.result()}, {b.result()}")

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(job("fast", 1))
            tg.create_task(job("broken", 2, fail=True))
            tg.create_task(job("slow", 3))
    except* ValueError as group:
        for error in group.exceptions:
            log(f"caught {error!r}")

await main()
