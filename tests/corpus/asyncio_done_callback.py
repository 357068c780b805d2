import asyncio

def on_done(task):
    if task.cancelled():
        print(f"callback: {task.get_name()} was cancelled")
    elif task.exception() is not None:
        print(f"callback: {task.get_name()} failed with {task.exception()!r}")
    else:
        print(f"callback: {task.get_name()} returned {task.result()}")

async def job(delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise KeyError("missing")
    return delay * 100

async def main():
    tasks = [asyncio.create_task(job(1), name="one"),
             asyncio.create_task(job(2, fail=True), name="two"),
             asyncio.create_task(job(3), name="three")]
    for t in tasks:
        t.add_done_callback(on_done)
    tasks[0].add_done_callback(lambda t: print("second callback on", t.get_name()))
    await asyncio.sleep(2.5)
    tasks[2].cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print("main done")

await main()
