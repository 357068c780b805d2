import asyncio

async def worker(log):
    try:
        while True:
            await asyncio.sleep(0.4)
            log.append(round(asyncio.get_running_loop().time(), 1))
    except asyncio.CancelledError:
        print("worker: caught CancelledError, saving", log)
        raise
    finally:
        print("worker: finally")

async def main():
    log = []
    task = asyncio.create_task(worker(log))
    await asyncio.sleep(1.5)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("main: worker is cancelled:", task.cancelled())

asyncio.run(main())
