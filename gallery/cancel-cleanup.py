import asyncio
import time

start = time.monotonic()

def log(message):
    print(f"{time.monotonic() - start:.1f}s  {message}")

async def worker():
    log("worker: connection opened")
    try:
        while True:
            await asyncio.sleep(1)
            log("worker: tick")
    except asyncio.CancelledError:
        log("worker: cancelled, saving state")
        await asyncio.sleep(0.5)  # cleanup may await too
        log("worker: state saved")
        raise  # let the cancellation go on
    finally:
        log("worker: connection closed (finally)")

async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(2.5)
    task.cancel()  # CancelledError is raised where worker is suspended
    try:
        await task
    except asyncio.CancelledError:
        log(f"main: task.cancelled() = {task.cancelled()}")

await main()
