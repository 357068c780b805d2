import asyncio

async def worker(name, queue, log):
    while True:
        job = await queue.get()
        await asyncio.sleep(job)
        log.append((name, job))
        print(f"{asyncio.get_running_loop().time():.1f} {name} finished job {job}")
        queue.task_done()

async def main():
    queue = asyncio.Queue()
    for job in [1, 2, 0.5, 1.5, 1]:
        queue.put_nowait(job)
    log = []
    workers = [asyncio.create_task(worker(f"w{i}", queue, log)) for i in range(2)]
    await queue.join()
    print(f"{asyncio.get_running_loop().time():.1f} queue joined, empty={queue.empty()}")
    for w in workers:
        w.cancel()
    results = await asyncio.gather(*workers, return_exceptions=True)
    print([type(r).__name__ for r in results])
    print(log)

await main()
